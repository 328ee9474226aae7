//! Networks of blocks against queueing theory: losses, tandems, a cache in
//! front of a database, the queueing knee, Little's law, the bottleneck.

use sdplay_sim::{run, Design, Report, RunOptions, Sim, SimTime};

use crate::{assert_close, estimate, replicate};

fn design(text: &str) -> Design {
    Design::from_json(text).unwrap_or_else(|error| panic!("test design is valid: {error}"))
}

/// M/M/2/2: two workers, no queue, λ = 150/s, μ = 100/s, a = 1.5.
/// Erlang B: B = (a²/2!) / (1 + a + a²/2!) = 1.125 / 3.625 = 0.31034.
#[test]
fn a_loss_system_rejects_as_erlang_b_predicts() {
    let loss = design(
        r#"{ "version": 1, "blocks": [
            { "id": "users", "kind": "users", "params": { "rate_rps": 150 } },
            { "id": "app", "kind": "app", "params": { "capacity": { "instances": 1, "workers": 2,
                "queue_limit": 0, "service": { "dist": "exponential", "mean_ms": 10 } } } } ],
          "links": [ { "from": "users", "to": "app" } ] }"#,
    );
    let reports = replicate(&loss, 16, 500);
    let rejected = estimate(&reports, |r| r.summary.error_rate);
    assert_close("M/M/2/2 share rejected", &rejected, 0.31034, 0.01);
}

/// A gateway (one worker, μ = 100/s) forwarding to an app (one worker,
/// μ = 70/s), λ = 50/s: a Jackson tandem, W = 1/(100-50) + 1/(70-50) =
/// 20 + 50 = 70 ms. The gateway frees its worker when it forwards.
#[test]
fn two_forwarding_stations_in_tandem_add_up_as_jackson_says() {
    let tandem = design(
        r#"{ "version": 1, "blocks": [
            { "id": "users", "kind": "users", "params": { "rate_rps": 50 } },
            { "id": "gateway", "kind": "gateway", "params": { "capacity": { "instances": 1,
                "workers": 1, "queue_limit": "unlimited",
                "service": { "dist": "exponential", "mean_ms": 10 } } } },
            { "id": "app", "kind": "app", "params": { "capacity": { "instances": 1, "workers": 1,
                "queue_limit": "unlimited",
                "service": { "dist": "exponential", "mean_ms": 14.285714 } } } } ],
          "links": [ { "from": "users", "to": "gateway" }, { "from": "gateway", "to": "app" } ] }"#,
    );
    let reports = replicate(&tandem, 48, 1_000);
    let mean = estimate(&reports, |r| r.summary.latency_ms.mean);
    assert_close("tandem mean time in system [ms]", &mean, 70.0, 70.0 * 0.02);
}

/// An app with unlimited workers and no work of its own reads a cache with a
/// fixed 80% hit ratio (one worker, μ = 1,000/s) and, on a miss, a database
/// (one worker, μ = 60/s); λ = 200/s. The cache is M/M/1 at 200/s:
/// 1/(1000-200) = 1.25 ms; the database M/M/1 at 40/s: 1/(60-40) = 50 ms.
/// Mean end to end: 1.25 + 0.2 x 50 = 11.25 ms. (A fixed-ratio cache is not
/// filled after a miss: filling would change nothing.)
#[test]
fn a_cache_in_front_of_a_database_averages_its_paths() {
    let read_through = design(
        r#"{ "version": 1, "blocks": [
            { "id": "users", "kind": "users", "params": { "rate_rps": 200 } },
            { "id": "app", "kind": "app", "params": {
                "capacity": { "workers": "unlimited", "service": { "dist": "constant", "mean_ms": 0 } },
                "connections": { "mode": "per_request", "connect_ms": 0 } } },
            { "id": "cache", "kind": "cache", "params": { "lookup": "fixed", "hit_ratio": 0.8,
                "capacity": { "workers": 1, "service": { "dist": "exponential", "mean_ms": 1 } } } },
            { "id": "db", "kind": "database", "params": { "replicas": 0, "workers": 1,
                "queue_limit": "unlimited", "max_connections": "unlimited",
                "read": { "dist": "exponential", "mean_ms": 16.666667 } } } ],
          "links": [ { "from": "users", "to": "app" }, { "from": "app", "to": "cache" },
                     { "from": "app", "to": "db" } ] }"#,
    );
    let reports = replicate(&read_through, 48, 1_000);
    let mean = estimate(&reports, |r| r.summary.latency_ms.mean);
    assert_close(
        "cache + database mean end to end [ms]",
        &mean,
        11.25,
        11.25 * 0.02,
    );
    let hits = estimate(&reports, |r| {
        r.blocks
            .get("cache")
            .and_then(|b| b.hit_ratio)
            .unwrap_or(0.0)
    });
    assert_close("fixed hit ratio", &hits, 0.8, 0.005);
}

/// The 99th percentile of the time in an M/M/c system: W is 0 with
/// probability 1 - C and exponential with rate θ = cμ - λ otherwise; the
/// service S is exponential with rate μ, so for θ ≠ μ
/// P(T > t) = (1 - C) e^(-μt) + C (θ e^(-μt) - μ e^(-θt)) / (θ - μ).
/// Solved for P(T > t) = 0.01 by bisection [ms].
fn mmc_p99_ms(c: u32, lambda: f64, mu: f64) -> f64 {
    let a = lambda / mu;
    let rho = a / f64::from(c);
    let mut term = 1.0;
    let mut sum = 0.0;
    for k in 0..c {
        if k > 0 {
            term *= a / f64::from(k);
        }
        sum += term;
    }
    let top = term * a / f64::from(c) / (1.0 - rho);
    let erlang_c = top / (sum + top);
    let theta = f64::from(c) * mu - lambda;
    let tail = |t: f64| {
        (1.0 - erlang_c) * (-mu * t).exp()
            + erlang_c * (theta * (-mu * t).exp() - mu * (-theta * t).exp()) / (theta - mu)
    };
    let (mut low, mut high) = (0.0, 100.0);
    for _ in 0..100 {
        let mid = (low + high) / 2.0;
        if tail(mid) > 0.01 {
            low = mid;
        } else {
            high = mid;
        }
    }
    low * 1e3
}

/// The queueing knee on M/M/4 (μ = 100/s per worker) from 50% to 95% load:
/// each p99 within 5% of the M/M/c value, and the p99 rising far faster
/// than the mean.
#[test]
fn latency_follows_the_queueing_knee() {
    let mut p99s = Vec::new();
    let mut means = Vec::new();
    for (load, replications) in [(0.5, 8), (0.8, 16), (0.9, 24), (0.95, 72)] {
        let lambda = 400.0 * load;
        let station = crate::station(lambda, 1, 4, r#"{ "dist": "exponential", "mean_ms": 10 }"#);
        let reports = replicate(&station, replications, 1_000);
        let p99 = estimate(&reports, |r| r.summary.latency_ms.p99);
        let expected = mmc_p99_ms(4, lambda, 100.0);
        assert_close(
            &format!("M/M/4 p99 at {load} load [ms]"),
            &p99,
            expected,
            expected * 0.05,
        );
        p99s.push(p99.mean);
        means.push(estimate(&reports, |r| r.summary.latency_ms.mean).mean);
    }
    let p99_growth = p99s[3] - p99s[0];
    let mean_growth = means[3] - means[0];
    assert!(
        p99_growth > 3.0 * mean_growth,
        "p99 +{p99_growth:.1} ms vs mean +{mean_growth:.1} ms"
    );
    assert!(p99s.windows(2).all(|pair| pair[1] > pair[0]), "{p99s:?}");
}

fn default_design() -> Design {
    design(include_str!("../../../../public/templates/default.json"))
}

/// Little's law, L = λW, in every block of the default design at twice its
/// rate (busy, with queues): for the block and for its queue alone.
#[test]
fn littles_law_holds_in_every_block_of_a_busy_default_design() {
    let mut busy = default_design();
    if let sdplay_sim::BlockParams::Users(users) = &mut busy.blocks[0].params {
        users.rate_rps *= 1.8;
    }
    let options = RunOptions {
        duration: SimTime::from_secs(600),
        warmup: SimTime::from_secs(20),
        seed: 3,
    };
    let report = run(&busy, options).expect("runs");
    for (id, block) in &report.blocks.0 {
        let little = block.arrivals_rps * block.mean_time_ms / 1e3;
        assert!(
            (block.mean_in_system - little).abs() <= 0.02 * little.max(0.05),
            "{id}: L = {:.3} but λW = {little:.3}",
            block.mean_in_system
        );
        let queue = block.arrivals_rps * block.mean_wait_ms / 1e3;
        assert!(
            (block.mean_queue - queue).abs() <= 0.02 * queue.max(0.05),
            "{id}: Lq = {:.3} but λWq = {queue:.3}",
            block.mean_queue
        );
    }
    let db = report.blocks.get("db").expect("db");
    assert!(
        db.mean_queue > 0.5,
        "the database is busy enough to queue: {db:?}"
    );
}

fn saturated_database(app_instances: u32) -> Report {
    let text = format!(
        r#"{{ "version": 1, "blocks": [
            {{ "id": "users", "kind": "users", "params": {{ "rate_rps": 600 }} }},
            {{ "id": "lb", "kind": "load_balancer" }},
            {{ "id": "app", "kind": "app", "params": {{
                "capacity": {{ "instances": {app_instances}, "workers": 8, "queue_limit": 50,
                              "service": {{ "dist": "exponential", "mean_ms": 2 }} }},
                "connections": {{ "mode": "per_request", "connect_ms": 0 }} }} }},
            {{ "id": "db", "kind": "database", "params": {{ "replicas": 0, "workers": 4,
                "queue_limit": 20, "max_connections": "unlimited",
                "read": {{ "dist": "exponential", "mean_ms": 10 }} }} }} ],
          "links": [ {{ "from": "users", "to": "lb" }}, {{ "from": "lb", "to": "app" }},
                     {{ "from": "app", "to": "db" }} ] }}"#
    );
    let options = RunOptions {
        duration: SimTime::from_secs(300),
        warmup: SimTime::from_secs(10),
        seed: 5,
    };
    run(&design(&text), options).expect("runs")
}

/// The database (4 workers x 100/s = 400/s) is the limit at 600 req/s:
/// doubling the app instances leaves throughput where it was, and the report
/// names the database as the bottleneck.
#[test]
fn more_app_instances_do_not_help_when_the_database_is_saturated() {
    let two = saturated_database(2);
    let four = saturated_database(4);
    for report in [&two, &four] {
        assert_eq!(report.bottleneck.as_deref(), Some("db"));
        let throughput = report.summary.throughput_rps;
        assert!(
            (throughput - 400.0).abs() < 0.03 * 400.0,
            "throughput {throughput}"
        );
    }
    let gain = four.summary.throughput_rps / two.summary.throughput_rps;
    assert!(
        (gain - 1.0).abs() < 0.02,
        "doubling app instances changed throughput by {gain}"
    );
}

/// Two users blocks, each with an app of its own: 300/s whose requests take
/// exactly 10 ms and 100/s whose requests take exactly 30 ms (constant
/// service, unlimited workers, so nobody waits). End to end, three requests
/// in four take 10 ms: mean 0.75 x 10 + 0.25 x 30 = 15 ms, p50 10 ms, p95
/// and p99 30 ms. That holds for the run's report and for every one-second
/// window the page charts.
#[test]
fn end_to_end_latency_pools_every_users_block() {
    let two_sources = design(
        r#"{ "version": 1, "blocks": [
            { "id": "fast_users", "kind": "users", "params": { "rate_rps": 300 } },
            { "id": "fast", "kind": "app", "params": { "capacity": { "workers": "unlimited",
                "service": { "dist": "constant", "mean_ms": 10 } } } },
            { "id": "slow_users", "kind": "users", "params": { "rate_rps": 100 } },
            { "id": "slow", "kind": "app", "params": { "capacity": { "workers": "unlimited",
                "service": { "dist": "constant", "mean_ms": 30 } } } } ],
          "links": [ { "from": "fast_users", "to": "fast" }, { "from": "slow_users", "to": "slow" } ] }"#,
    );
    let report = run(
        &two_sources,
        RunOptions {
            duration: SimTime::from_secs(200),
            warmup: SimTime::from_secs(1),
            seed: 3,
        },
    )
    .expect("runs");
    let latency = report.summary.latency_ms;
    let ok = report.summary.throughput_rps;
    let fast_share = report
        .blocks
        .get("fast_users")
        .expect("block")
        .throughput_rps
        / ok;
    // The mean follows the actual mix of the run (Poisson counts vary).
    let mean = fast_share * 10.0 + (1.0 - fast_share) * 30.0;
    assert!((fast_share - 0.75).abs() < 0.01, "mix: {fast_share}");
    assert!(
        (latency.mean - mean).abs() < 0.01,
        "mean {} vs {mean}",
        latency.mean
    );
    assert!((latency.p50 - 10.0).abs() < 0.01, "p50: {latency:?}");
    assert!((latency.p95 - 30.0).abs() < 0.03, "p95: {latency:?}");
    assert!((latency.p99 - 30.0).abs() < 0.03, "p99: {latency:?}");

    let mut sim = Sim::new(&two_sources, 3).expect("valid design");
    sim.step_until(SimTime::from_secs(20));
    for window in sim.windows().iter().skip(1) {
        let latency = window.end_to_end.latency;
        assert!((latency.p95 - 30.0).abs() < 0.03, "window p95: {window:?}");
        assert!(
            latency.mean > 12.0 && latency.mean < 18.0,
            "window mean: {window:?}"
        );
    }
}

/// Two users blocks, at 300/s and 30/s, share one app with no work of its
/// own, which calls a database of one worker (1 ms, exponential) with no
/// queue: an M/M/1/1 loss system offered a = 330 x 0.001 = 0.33, which
/// rejects B = a / (1 + a) = 24.8% of the calls (Erlang B with one server).
/// Each link carries its own traffic (not the callee's arrivals split
/// evenly), and a failure answered over a link counts on it and on every
/// link the request came through.
#[test]
fn each_link_carries_its_own_traffic_and_failures() {
    let shared = design(
        r#"{ "version": 1, "blocks": [
            { "id": "many", "kind": "users", "params": { "rate_rps": 300 } },
            { "id": "few", "kind": "users", "params": { "rate_rps": 30 } },
            { "id": "app", "kind": "app", "params": { "capacity": { "workers": "unlimited",
                "service": { "dist": "constant", "mean_ms": 0 } } } },
            { "id": "db", "kind": "database", "params": { "workers": 1, "queue_limit": 0,
                "read": { "dist": "exponential", "mean_ms": 1 },
                "write": { "dist": "exponential", "mean_ms": 1 } } } ],
          "links": [ { "from": "many", "to": "app" }, { "from": "few", "to": "app" },
                     { "from": "app", "to": "db" } ] }"#,
    );
    let report = run(
        &shared,
        RunOptions {
            duration: SimTime::from_secs(200),
            warmup: SimTime::from_secs(1),
            seed: 5,
        },
    )
    .expect("runs");
    let links: Vec<(&str, &str, f64, f64)> = report
        .links
        .iter()
        .map(|l| (l.from.as_str(), l.to.as_str(), l.rate_rps, l.error_rate))
        .collect();
    assert_eq!(links.len(), 3, "{links:?}");
    let erlang_b = 0.33 / 1.33;
    for ((from, to, rate, errors), (want_from, want_to, want_rate)) in links.iter().zip([
        ("many", "app", 300.0),
        ("few", "app", 30.0),
        ("app", "db", 330.0),
    ]) {
        assert_eq!((*from, *to), (want_from, want_to));
        // Poisson counts over 200 s: 1.2% (300/s) to 4% (30/s) is four
        // standard deviations.
        let tolerance = 4.0 * (want_rate / 200.0_f64).sqrt();
        assert!(
            (rate - want_rate).abs() < tolerance,
            "{from} -> {to}: {rate} req/s"
        );
        // The share of 6,000 to 66,000 answers: at most 0.023 is four
        // standard deviations.
        assert!(
            (errors - erlang_b).abs() < 0.023,
            "{from} -> {to}: {errors} failed"
        );
    }

    // The page's windows say the same, a second at a time.
    let mut sim = Sim::new(&shared, 5).expect("valid design");
    sim.step_until(SimTime::from_secs(30));
    let (many, few): (f64, f64) = sim
        .windows()
        .iter()
        .skip(1)
        .fold((0.0, 0.0), |(many, few), w| {
            (many + w.links[0].rate_rps, few + w.links[1].rate_rps)
        });
    assert!((many / 29.0 - 300.0).abs() < 15.0, "{many}");
    assert!((few / 29.0 - 30.0).abs() < 5.0, "{few}");
}
