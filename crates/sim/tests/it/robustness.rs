//! Bad designs are refused with every problem listed, and no input panics.

use rand::RngExt;
use sdplay_sim::{Design, Sim, SimTime};
use serde_json::Value;

const DEFAULT: &str = include_str!("../../../../public/templates/default.json");

/// A design with one problem of each sort: every one is reported, each with
/// its block and field.
#[test]
fn every_problem_is_listed_at_once_with_block_and_field() {
    let text = r#"{ "version": 1, "blocks": [
        { "id": "users", "kind": "users", "params": { "rate_rps": -5 } },
        { "id": "app", "kind": "app", "params": {
            "autoscale": { "min": 4, "max": 2 },
            "calls": { "read": ["nowhere"] },
            "connections": { "mode": "pool", "size": 0, "wait_timeout_ms": 10 } } },
        { "id": "app2", "kind": "app" },
        { "id": "cache", "kind": "cache", "params": { "mode": "write_behind", "max_keys": 0 } },
        { "id": "db", "kind": "database", "params": { "shards": 0, "replication_lag_ms": -1 } },
        { "id": "z", "kind": "zone", "zone": "z" } ],
      "links": [ { "from": "users", "to": "app" }, { "from": "app", "to": "cache" },
                 { "from": "app", "to": "app2" }, { "from": "app2", "to": "app" },
                 { "from": "db", "to": "app" }, { "from": "users", "to": "ghost" } ] }"#;
    let problems = Design::from_json(text).expect_err("invalid").problems;
    let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
    let expect = [
        "blocks[0].params.rate_rps: -5 is out of range",
        "blocks[1].params.connections.size: a pool needs at least one connection",
        "blocks[1].params.autoscale: min 4 and max 2 must satisfy",
        "blocks[1].params.calls.read[0]: 'app' calls 'nowhere', but there is no link",
        "blocks[3].params.max_keys: an LRU cache holds at least one key",
        "blocks[3].params.mode: a write-behind cache writes to a database: link 'cache' to one",
        "blocks[4].params.shards: 0 is out of range",
        "blocks[4].params.replication_lag_ms: -1 is out of range",
        "links[4]: 'db' (database) cannot send requests to 'app' (app)",
        "links[5].to: no block has the id 'ghost'",
        "blocks[5].zone: zones cannot be nested",
        "links: request loop: app -> app2 -> app",
    ];
    for wanted in expect {
        assert!(
            messages.iter().any(|m| m.starts_with(wanted)),
            "missing {wanted:?} in {messages:#?}"
        );
    }
    let cache = problems
        .iter()
        .find(|p| p.path.starts_with("blocks[3]"))
        .expect("cache problem");
    assert_eq!(cache.block.as_ref().map(|b| b.as_str()), Some("cache"));
}

/// Replaces one value somewhere in `value` with an odd one.
fn mutate(value: &mut Value, rng: &mut impl rand::Rng) {
    let odd = [
        Value::from(-1),
        Value::from(0),
        Value::from(1e300),
        Value::from(4_294_967_296u64),
        Value::from(0.5),
        Value::from("unlimited"),
        Value::from("lru"),
        Value::from(""),
        Value::Null,
        Value::Bool(true),
        Value::Array(vec![]),
        serde_json::json!({ "shape": "steps", "steps": [] }),
        serde_json::json!({ "mode": "pool", "size": 1, "wait_timeout_ms": 0 }),
    ];
    match value {
        Value::Object(map) if !map.is_empty() => {
            let idx = rng.random_range(0..map.len());
            let key = map.keys().nth(idx).cloned().unwrap_or_default();
            match rng.random_range(0..6) {
                0 => {
                    map.remove(&key);
                }
                1 => {
                    map.insert(key, odd[rng.random_range(0..odd.len())].clone());
                }
                _ => {
                    if let Some(child) = map.get_mut(&key) {
                        mutate(child, rng);
                    }
                }
            }
        }
        Value::Array(items) if !items.is_empty() => {
            let idx = rng.random_range(0..items.len());
            if rng.random_range(0..5) == 0 {
                items.remove(idx);
            } else {
                mutate(&mut items[idx], rng);
            }
        }
        other => *other = odd[rng.random_range(0..odd.len())].clone(),
    }
}

/// Thousands of random damages to the default design: each one either loads
/// and runs for a few simulated seconds, or is refused with problems. None
/// panics.
#[test]
fn no_damaged_design_panics() {
    let mut rng = sdplay_sim::test_stream(42);
    let original: Value = serde_json::from_str(DEFAULT).expect("valid JSON");
    let (mut loaded, mut refused) = (0, 0);
    for _ in 0..3_000 {
        let mut damaged = original.clone();
        for _ in 0..rng.random_range(1..4) {
            mutate(&mut damaged, &mut rng);
        }
        match Design::from_json(&damaged.to_string()) {
            Ok(design) => {
                loaded += 1;
                let mut sim = Sim::new(&design, 1).expect("a valid design builds");
                sim.step_until_bounded(SimTime::from_secs(3), 200_000);
                let _ = sim.report();
            }
            Err(error) => {
                refused += 1;
                assert!(!error.problems.is_empty());
            }
        }
    }
    assert!(
        loaded > 100 && refused > 100,
        "loaded {loaded}, refused {refused}"
    );
}
