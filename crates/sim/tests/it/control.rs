//! Control loops and limits: rate limiting, auto-scaling, zones.

use sdplay_sim::{run, Design, Reason, Report, RunOptions, Sim, SimTime};

fn design(text: &str) -> Design {
    Design::from_json(text).unwrap_or_else(|error| panic!("test design is valid: {error}"))
}

/// A token bucket of 100/s with a burst of 50, starting full, offered
/// 1,000/s for 10 s, admits 100 x 10 + 50 = 1,050 requests and answers the
/// rest 429 at once.
#[test]
fn a_token_bucket_admits_its_rate_times_time_plus_its_burst() {
    let limited = design(
        r#"{ "version": 1, "blocks": [
            { "id": "users", "kind": "users", "params": { "rate_rps": 1000 } },
            { "id": "gateway", "kind": "gateway", "params": {
                "capacity": { "workers": "unlimited", "service": { "dist": "constant", "mean_ms": 0 } },
                "rate_limit": { "rate_rps": 100, "burst": 50 } } },
            { "id": "app", "kind": "app", "params": { "capacity": { "workers": "unlimited",
                "service": { "dist": "constant", "mean_ms": 1 } } } } ],
          "links": [ { "from": "users", "to": "gateway" }, { "from": "gateway", "to": "app" } ] }"#,
    );
    let options = RunOptions {
        duration: SimTime::from_secs(10),
        warmup: SimTime::ZERO,
        seed: 1,
    };
    let report = run(&limited, options).expect("runs");
    let app = report.blocks.get("app").expect("app");
    let admitted = (app.arrivals_rps * 10.0).round();
    assert!(
        (1_049.0..=1_050.0).contains(&admitted),
        "admitted {admitted}"
    );
    let gateway = report.blocks.get("gateway").expect("gateway");
    let limited = gateway.errors.get(Reason::RateLimited) as f64;
    assert_eq!(limited + admitted, (gateway.arrivals_rps * 10.0).round());
    assert_eq!(
        report.summary.errors.get(Reason::RateLimited) as f64,
        limited
    );
}

/// Traffic triples at t = 100 s. The scaler checks every second the mean
/// utilization of the last 30 s and launches instances that take 45 s to
/// boot: the first new instance serves no earlier than 100 + 45 s and no
/// later than 100 + 30 + 45 s.
#[test]
fn auto_scaling_lags_a_step_by_the_window_plus_the_boot_time() {
    let scaled = design(
        r#"{ "version": 1, "blocks": [
            { "id": "users", "kind": "users", "params": { "rate_rps": 150,
                "pattern": { "shape": "steps", "steps": [ { "at_s": 100, "factor": 3 } ] } } },
            { "id": "lb", "kind": "load_balancer" },
            { "id": "app", "kind": "app", "params": {
                "capacity": { "instances": 2, "workers": 10, "queue_limit": 1000,
                              "service": { "dist": "exponential", "mean_ms": 50 } },
                "autoscale": { "min": 2, "max": 10, "target_utilization": 0.6,
                               "window_s": 30, "cooldown_s": 60, "boot_s": 45 } } } ],
          "links": [ { "from": "users", "to": "lb" }, { "from": "lb", "to": "app" } ] }"#,
    );
    for seed in 1..=5 {
        let mut sim = Sim::new(&scaled, seed).expect("valid");
        sim.step_until(SimTime::from_secs(300));
        let app = 2;
        let grown = sim
            .windows()
            .iter()
            .find(|window| window.blocks[app].instances > 2.0)
            .map(|window| window.start.as_secs_f64())
            .expect("the app scales out");
        assert!(
            (144.0..=175.0).contains(&grown),
            "seed {seed}: first new instance at {grown} s"
        );
        let before = sim
            .windows()
            .iter()
            .filter(|w| w.start.as_secs_f64() < 100.0);
        assert!(
            before.clone().all(|w| w.blocks[app].instances == 2.0),
            "no scaling before the step"
        );
        let last = sim.windows().back().expect("windows");
        assert!(last.blocks[app].instances >= 3.0, "{last:?}");
        assert!(
            last.blocks[app].utilization < 0.9,
            "scaled out enough: {last:?}"
        );
    }
}

fn zoned(app_zone: &str, db_zone: &str) -> Report {
    let text = format!(
        r#"{{ "version": 1, "blocks": [
            {{ "id": "az-1", "kind": "zone", "params": {{ "cross_zone_ms": 2 }} }},
            {{ "id": "az-2", "kind": "zone", "params": {{ "cross_zone_ms": 2 }} }},
            {{ "id": "users", "kind": "users", "params": {{ "rate_rps": 100 }} }},
            {{ "id": "app", "kind": "app", "zone": "{app_zone}", "params": {{
                "capacity": {{ "workers": "unlimited", "service": {{ "dist": "constant", "mean_ms": 1 }} }},
                "connections": {{ "mode": "per_request", "connect_ms": 0 }} }} }},
            {{ "id": "db", "kind": "database", "zone": "{db_zone}", "params": {{ "replicas": 0,
                "workers": "unlimited", "max_connections": "unlimited",
                "read": {{ "dist": "constant", "mean_ms": 2 }} }} }} ],
          "links": [ {{ "from": "users", "to": "app" }}, {{ "from": "app", "to": "db" }} ] }}"#
    );
    let options = RunOptions {
        duration: SimTime::from_secs(20),
        warmup: SimTime::from_secs(1),
        seed: 1,
    };
    run(&design(&text), options).expect("runs")
}

/// A database call across zones pays the cross-zone latency both ways:
/// 1 ms of app work + 2 ms of database work, plus 2 x 2 ms on the network.
#[test]
fn cross_zone_calls_add_latency_both_ways() {
    let same = zoned("az-1", "az-1");
    let cross = zoned("az-1", "az-2");
    assert!(
        (same.summary.latency_ms.mean - 3.0).abs() < 0.01,
        "{:?}",
        same.summary
    );
    assert!(
        (cross.summary.latency_ms.mean - 7.0).abs() < 0.01,
        "{:?}",
        cross.summary
    );
    let db = cross.blocks.get("db").expect("db");
    assert!(
        (db.latency_ms.mean - 2.0).abs() < 0.01,
        "the database's own latency excludes the network"
    );
}
