//! The users block's arrivals: the rate asked for is the rate sent, however
//! high.

use sdplay_sim::{run, Design, RunOptions, SimTime};

/// Users at `rate_rps` into an app with unlimited workers that does no work.
fn source(rate_rps: f64) -> Design {
    Design::from_json(&source_json(rate_rps)).expect("test design is valid")
}

fn source_json(rate_rps: f64) -> String {
    format!(
        r#"{{ "version": 1, "blocks": [
            {{ "id": "users", "kind": "users", "params": {{ "rate_rps": {rate_rps} }} }},
            {{ "id": "app", "kind": "app", "params": {{ "capacity": {{
                "workers": "unlimited", "service": {{ "dist": "constant", "mean_ms": 0 }} }} }} }} ],
          "links": [ {{ "from": "users", "to": "app" }} ] }}"#
    )
}

/// The clock counts whole microseconds. At a million requests a second the
/// mean gap is one microsecond, and rounding every gap to the clock would
/// send 4.2% too many (3 million a second: 42% too many). Over 2 s a
/// Poisson count of 2 million has a standard deviation of 0.07%, so 0.4%
/// is more than five of them.
#[test]
fn the_offered_rate_is_the_rate_asked_for_up_to_a_million_a_second() {
    for rate_rps in [1_000_000.0, 333_333.0, 50_000.0] {
        let options = RunOptions {
            duration: SimTime::from_secs(2),
            warmup: SimTime::from_secs(1),
            seed: 3,
        };
        let report = run(&source(rate_rps), options).expect("runs");
        let offered = report.summary.offered_rps;
        assert!(
            (offered / rate_rps - 1.0).abs() < 0.004,
            "asked for {rate_rps} req/s, sent {offered} req/s"
        );
    }
}

#[test]
fn more_than_a_million_a_second_is_refused() {
    let error = Design::from_json(&source_json(1_000_001.0)).expect_err("too fast");
    let problems = &error.problems;
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].path, "blocks[0].params.rate_rps");
    assert!(problems[0].message.contains("out of range"), "{problems:?}");
}
