//! Integration tests of the simulation core: one binary, a module per
//! behaviour. Statistical tests use fixed seeds and check, from the spread of
//! independent replications, that their tolerance is at least four standard
//! errors of the estimate, so they neither pass by luck nor fail by it.

mod control;
mod data;
mod determinism;
mod live;
mod networks;
mod queueing;
mod robustness;
mod templates;
mod traffic;

use sdplay_sim::{run, Design, Report, RunOptions, SimTime};

/// One users block sending `rate_rps` to one app block of `instances` x
/// `workers` whose service time is `service` (a JSON service object).
pub fn station(rate_rps: f64, instances: u32, workers: u32, service: &str) -> Design {
    let text = format!(
        r#"{{ "version": 1, "blocks": [
            {{ "id": "users", "kind": "users", "params": {{ "rate_rps": {rate_rps} }} }},
            {{ "id": "app", "kind": "app", "params": {{ "capacity": {{
                "instances": {instances}, "workers": {workers}, "service": {service} }} }} }} ],
          "links": [ {{ "from": "users", "to": "app" }} ] }}"#
    );
    Design::from_json(&text).expect("test design is valid")
}

/// `n` independent runs of `seconds` each (after a warm-up of 20 s), seeds
/// 1..=n.
pub fn replicate(design: &Design, n: u64, seconds: u64) -> Vec<Report> {
    (1..=n)
        .map(|seed| {
            let options = RunOptions {
                duration: SimTime::from_secs(seconds),
                warmup: SimTime::from_secs(20),
                seed,
            };
            run(design, options).expect("test design runs")
        })
        .collect()
}

/// The mean of replications and its standard error.
#[derive(Debug)]
pub struct Estimate {
    pub mean: f64,
    pub std_error: f64,
}

pub fn estimate(reports: &[Report], value: impl Fn(&Report) -> f64) -> Estimate {
    let values: Vec<f64> = reports.iter().map(value).collect();
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let variance = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0);
    Estimate {
        mean,
        std_error: (variance / n).sqrt(),
    }
}

/// Asserts that `estimate` is within `tolerance` of `expected`, and that the
/// tolerance is at least four standard errors.
#[track_caller]
pub fn assert_close(what: &str, estimate: &Estimate, expected: f64, tolerance: f64) {
    assert!(
        4.0 * estimate.std_error <= tolerance,
        "{what}: the run is too short: 4 standard errors = {:.4} > tolerance {tolerance:.4}",
        4.0 * estimate.std_error
    );
    assert!(
        (estimate.mean - expected).abs() <= tolerance,
        "{what}: {:.4} (± {:.4}) is not within {tolerance:.4} of {expected:.4}",
        estimate.mean,
        estimate.std_error
    );
}
