//! The engine against queueing theory (single stations, Poisson arrivals).

use crate::{assert_close, estimate, replicate, station};

const EXPONENTIAL_10MS: &str = r#"{ "dist": "exponential", "mean_ms": 10 }"#;

/// M/M/1, λ = 80/s, μ = 100/s, ρ = 0.8:
/// W = 1 / (μ - λ) = 50 ms; L = ρ / (1 - ρ) = 4;
/// the time in system is exponential with rate μ - λ, so
/// p99 = ln(100) / 20 s = 230.26 ms.
#[test]
fn mm1_matches_theory() {
    let design = station(80.0, 1, 1, EXPONENTIAL_10MS);
    let reports = replicate(&design, 64, 1_000);
    let mean = estimate(&reports, |r| r.summary.latency_ms.mean);
    assert_close("M/M/1 mean time in system [ms]", &mean, 50.0, 50.0 * 0.02);
    let in_system = estimate(&reports, |r| {
        r.blocks.get("app").map_or(0.0, |b| b.mean_in_system)
    });
    assert_close("M/M/1 mean number in system", &in_system, 4.0, 4.0 * 0.02);
    let p99 = estimate(&reports, |r| r.summary.latency_ms.p99);
    assert_close("M/M/1 p99 time in system [ms]", &p99, 230.26, 230.26 * 0.05);
}

/// M/M/4 (one instance, four workers), λ = 350/s, μ = 100/s per worker:
/// a = λ/μ = 3.5, ρ = 0.875. Erlang C:
/// C = (a^4/4! · 1/(1-ρ)) / (Σ_{k<4} a^k/k! + a^4/4! · 1/(1-ρ))
///   = 50.0260 / (1 + 3.5 + 6.125 + 7.1458 + 50.0260) = 0.7379;
/// W = 1/μ + C / (4μ - λ) = 10 ms + 0.7379 / 50 s = 24.76 ms.
#[test]
fn mm4_matches_erlang_c() {
    let design = station(350.0, 1, 4, EXPONENTIAL_10MS);
    let reports = replicate(&design, 64, 1_000);
    let waited = estimate(&reports, |r| {
        r.blocks.get("app").map_or(0.0, |b| b.wait_probability)
    });
    assert_close("M/M/4 probability of waiting", &waited, 0.7379, 0.01);
    let mean = estimate(&reports, |r| r.summary.latency_ms.mean);
    assert_close("M/M/4 mean time in system [ms]", &mean, 24.76, 24.76 * 0.02);
}

/// M/D/1, λ = 80/s, D = 10 ms, ρ = 0.8. Pollaczek-Khinchine:
/// W = D + ρ D / (2 (1 - ρ)) = 10 + 8 / 0.4 = 30 ms.
#[test]
fn md1_matches_pollaczek_khinchine() {
    let design = station(80.0, 1, 1, r#"{ "dist": "constant", "mean_ms": 10 }"#);
    let reports = replicate(&design, 64, 1_000);
    let mean = estimate(&reports, |r| r.summary.latency_ms.mean);
    assert_close("M/D/1 mean time in system [ms]", &mean, 30.0, 30.0 * 0.02);
}

/// Little's law at a station: L = λ W, for the block and for its queue.
#[test]
fn littles_law_holds_at_a_station() {
    let design = station(350.0, 1, 4, EXPONENTIAL_10MS);
    for report in replicate(&design, 3, 500) {
        let app = report.blocks.get("app").expect("app block");
        let rate = app.arrivals_rps;
        let in_system = rate * app.mean_time_ms / 1e3;
        assert!(
            (app.mean_in_system - in_system).abs() < 0.01 * in_system,
            "{app:?}"
        );
        let queue = rate * app.mean_wait_ms / 1e3;
        assert!((app.mean_queue - queue).abs() < 0.01 * queue, "{app:?}");
    }
}

/// M/M/1/K, λ = 150/s, μ = 100/s, one worker and a queue of four (K = 5):
/// P(block) = (1 - ρ) ρ^K / (1 - ρ^(K+1)) with ρ = 1.5
///          = (-0.5 · 7.59375) / (1 - 11.390625) = 0.36541.
/// Rejected requests are answered 503 at once and counted as `overloaded`.
#[test]
fn a_full_queue_rejects_as_mm1k_predicts() {
    let text = r#"{ "version": 1, "blocks": [
        { "id": "users", "kind": "users", "params": { "rate_rps": 150 } },
        { "id": "app", "kind": "app", "params": { "capacity": { "instances": 1, "workers": 1,
            "queue_limit": 4, "service": { "dist": "exponential", "mean_ms": 10 } } } } ],
      "links": [ { "from": "users", "to": "app" } ] }"#;
    let design = sdplay_sim::Design::from_json(text).expect("valid design");
    let reports = replicate(&design, 16, 500);
    let blocked = estimate(&reports, |r| r.summary.error_rate);
    assert_close("M/M/1/5 blocking probability", &blocked, 0.36541, 0.01);
    for report in &reports {
        let errors = &report.summary.errors;
        let failed = report.summary.error_rate * (report.summary.offered_rps * report.duration_s);
        assert_eq!(errors.get(sdplay_sim::Reason::Overloaded), errors.total());
        assert!(
            (errors.total() as f64 - failed).abs() < 0.02 * failed,
            "{errors:?} vs {failed}"
        );
        assert_eq!(
            report.blocks.get("app").map(|b| b.errors.total()),
            Some(errors.total())
        );
        assert_eq!(
            report.blocks.get("users").map(|b| b.errors.total()),
            Some(0)
        );
    }
}
