//! The data tier: LRU caches against Che's approximation, cache write
//! modes, sharding, connection pools and connection limits.

use sdplay_sim::design::Sharding;
use sdplay_sim::{run, shard_of, Design, Reason, Report, RunOptions, SimTime};

fn design(text: &str) -> Design {
    Design::from_json(text).unwrap_or_else(|error| panic!("test design is valid: {error}"))
}

fn run_for(design: &Design, seconds: u64, seed: u64) -> Report {
    let options = RunOptions {
        duration: SimTime::from_secs(seconds),
        warmup: SimTime::from_secs(30),
        seed,
    };
    run(design, options).expect("runs")
}

/// Zipf probabilities of ranks 1..=n with exponent s.
fn zipf(n: usize, s: f64) -> Vec<f64> {
    let weights: Vec<f64> = (1..=n).map(|k| (k as f64).powf(-s)).collect();
    let total: f64 = weights.iter().sum();
    weights.into_iter().map(|w| w / total).collect()
}

/// Che's approximation of an LRU cache of `capacity` keys under independent
/// requests with probabilities `p`: the characteristic time T solves
/// Σ (1 - e^(-p_i T)) = capacity, and the hit ratio is Σ p_i (1 - e^(-p_i T)).
fn che_hit_ratio(p: &[f64], capacity: f64) -> f64 {
    let filled = |t: f64| p.iter().map(|pi| 1.0 - (-pi * t).exp()).sum::<f64>();
    let (mut low, mut high) = (0.0, 1e12);
    for _ in 0..200 {
        let mid = (low + high) / 2.0;
        if filled(mid) < capacity {
            low = mid;
        } else {
            high = mid;
        }
    }
    p.iter().map(|pi| pi * (1.0 - (-pi * low).exp())).sum()
}

fn lru_design(keys: u32, zipf_s: f64, max_keys: u32) -> Design {
    design(&format!(
        r#"{{ "version": 1, "blocks": [
            {{ "id": "users", "kind": "users", "params": {{ "rate_rps": 2000,
                "keys": {{ "count": {keys}, "zipf": {zipf_s} }} }} }},
            {{ "id": "app", "kind": "app", "params": {{
                "capacity": {{ "workers": "unlimited", "service": {{ "dist": "constant", "mean_ms": 0 }} }},
                "connections": {{ "mode": "per_request", "connect_ms": 0 }} }} }},
            {{ "id": "cache", "kind": "cache", "params": {{ "lookup": "lru", "max_keys": {max_keys},
                "ttl_s": 0, "warm": false,
                "capacity": {{ "workers": "unlimited", "service": {{ "dist": "constant", "mean_ms": 0 }} }} }} }},
            {{ "id": "db", "kind": "database", "params": {{ "replicas": 0, "workers": "unlimited",
                "max_connections": "unlimited", "read": {{ "dist": "constant", "mean_ms": 1 }} }} }} ],
          "links": [ {{ "from": "users", "to": "app" }}, {{ "from": "app", "to": "cache" }},
                     {{ "from": "app", "to": "db" }} ] }}"#
    ))
}

/// The hit ratio of a key-level LRU cache emerges from its size and the key
/// skew, within 2 points of Che's approximation.
#[test]
fn an_lru_cache_hits_as_ches_approximation_predicts() {
    for (keys, zipf_s, max_keys) in [
        (20_000, 0.8, 1_000),
        (20_000, 1.0, 2_000),
        (50_000, 0.6, 5_000),
    ] {
        let report = run_for(&lru_design(keys, zipf_s, max_keys), 100, 1);
        let measured = report
            .blocks
            .get("cache")
            .and_then(|b| b.hit_ratio)
            .expect("lookups");
        let expected = che_hit_ratio(&zipf(keys as usize, zipf_s), f64::from(max_keys));
        assert!(
            (measured - expected).abs() < 0.02,
            "{keys} keys, zipf {zipf_s}, {max_keys} cached: hit ratio {measured:.4} vs Che {expected:.4}"
        );
    }
}

fn write_mode_design(mode: &str) -> Design {
    design(&format!(
        r#"{{ "version": 1, "blocks": [
            {{ "id": "users", "kind": "users", "params": {{ "rate_rps": 100,
                "mix": {{ "static": 0, "read": 0, "write": 1 }}, "keys": {{ "count": 1000, "zipf": 0 }} }} }},
            {{ "id": "app", "kind": "app", "params": {{
                "capacity": {{ "workers": "unlimited", "service": {{ "dist": "constant", "mean_ms": 1 }} }},
                "connections": {{ "mode": "per_request", "connect_ms": 0 }} }} }},
            {{ "id": "cache", "kind": "cache", "params": {{ "mode": "{mode}", "flush_interval_ms": 1000,
                "capacity": {{ "workers": "unlimited", "service": {{ "dist": "constant", "mean_ms": 0.5 }} }} }} }},
            {{ "id": "db", "kind": "database", "params": {{ "replicas": 0, "workers": "unlimited",
                "max_connections": "unlimited", "write": {{ "dist": "constant", "mean_ms": 8 }} }} }} ],
          "links": [ {{ "from": "users", "to": "app" }}, {{ "from": "app", "to": "cache" }},
                     {{ "from": "app", "to": "db" }}, {{ "from": "cache", "to": "db" }} ] }}"#
    ))
}

/// Writes of 100/s over 1,000 uniform keys, constant times (app 1 ms, cache
/// 0.5 ms, database write 8 ms, no queueing):
/// - cache-aside: the app writes the database, then drops the key: 9.5 ms;
/// - write-through: the app writes the cache, which writes the database
///   before answering: 9.5 ms, and the cache's latency includes the write;
/// - write-behind: the cache answers at once (1.5 ms) and flushes once a
///   second, one database write per distinct dirty key: of 100 uniform
///   writes over 1,000 keys, 1000 (1 - e^-0.1) = 95.16 distinct a second.
#[test]
fn cache_write_modes_trade_latency_for_database_writes() {
    let aside = run_for(&write_mode_design("cache_aside"), 200, 1);
    let through = run_for(&write_mode_design("write_through"), 200, 1);
    let behind = run_for(&write_mode_design("write_behind"), 200, 1);
    let mean = |r: &Report| r.summary.latency_ms.mean;
    let db_rate = |r: &Report| r.blocks.get("db").map_or(0.0, |b| b.arrivals_rps);

    assert!(
        (mean(&aside) - 9.5).abs() < 0.01,
        "cache-aside {}",
        mean(&aside)
    );
    assert!(
        (mean(&through) - 9.5).abs() < 0.01,
        "write-through {}",
        mean(&through)
    );
    assert!(
        (mean(&behind) - 1.5).abs() < 0.01,
        "write-behind {}",
        mean(&behind)
    );
    let cache_latency = |r: &Report| r.blocks.get("cache").map_or(0.0, |b| b.latency_ms.mean);
    assert!((cache_latency(&through) - 8.5).abs() < 0.01);
    assert!((cache_latency(&aside) - 0.5).abs() < 0.01);

    for report in [&aside, &through] {
        assert!((db_rate(report) - 100.0).abs() < 5.0, "{}", db_rate(report));
    }
    let coalesced = 1_000.0 * (1.0 - (-0.1f64).exp());
    assert!(
        (db_rate(&behind) - coalesced).abs() < 0.03 * coalesced,
        "write-behind {}",
        db_rate(&behind)
    );
}

fn sharded(sharding: &str) -> Design {
    design(&format!(
        r#"{{ "version": 1, "blocks": [
            {{ "id": "users", "kind": "users", "params": {{ "rate_rps": 2000,
                "mix": {{ "static": 0, "read": 0, "write": 1 }}, "keys": {{ "count": 10000, "zipf": 1.0 }} }} }},
            {{ "id": "app", "kind": "app", "params": {{
                "capacity": {{ "workers": "unlimited", "service": {{ "dist": "constant", "mean_ms": 0 }} }},
                "connections": {{ "mode": "per_request", "connect_ms": 0 }} }} }},
            {{ "id": "db", "kind": "database", "params": {{ "replicas": 0, "shards": 4,
                "sharding": "{sharding}", "workers": "unlimited", "max_connections": "unlimited",
                "write": {{ "dist": "constant", "mean_ms": 1 }} }} }} ],
          "links": [ {{ "from": "users", "to": "app" }}, {{ "from": "app", "to": "db" }} ] }}"#
    ))
}

/// Shard loads: range sharding on user ids with Zipf(1) keys sends the most
/// popular ids to the first shard; hash sharding loads each shard as the sum
/// of its keys' probabilities.
#[test]
fn range_sharding_makes_a_hot_shard_and_hashing_spreads_the_load() {
    let p = zipf(10_000, 1.0);
    for (name, sharding) in [("range", Sharding::Range), ("hash", Sharding::Hash)] {
        let report = run_for(&sharded(name), 200, 2);
        let shards = &report.blocks.get("db").expect("db").instances;
        assert_eq!(shards.len(), 4);
        let total: f64 = shards.iter().map(|s| s.arrivals_rps).sum();
        for (shard, measured) in shards.iter().enumerate() {
            let expected: f64 = (0..10_000u32)
                .filter(|&key| shard_of(key, 4, sharding, 10_000) == shard as u32)
                .map(|key| p[key as usize])
                .sum();
            let share = measured.arrivals_rps / total;
            assert!(
                (share - expected).abs() < 0.03 * expected.max(0.05),
                "{name} shard {shard}: {share:.4} of the load vs {expected:.4}"
            );
        }
        if sharding == Sharding::Range {
            let hot = shards[0].arrivals_rps;
            assert!(
                shards[1..].iter().all(|s| hot > 5.0 * s.arrivals_rps),
                "{shards:?}"
            );
        }
    }
}

fn pooled(connections: &str) -> Design {
    design(&format!(
        r#"{{ "version": 1, "blocks": [
            {{ "id": "users", "kind": "users", "params": {{ "rate_rps": 1800 }} }},
            {{ "id": "app", "kind": "app", "params": {{
                "capacity": {{ "instances": 2, "workers": 100, "queue_limit": 200,
                              "service": {{ "dist": "exponential", "mean_ms": 2 }} }},
                "connections": {connections} }} }},
            {{ "id": "db", "kind": "database", "params": {{ "replicas": 0, "workers": 10,
                "queue_limit": "unlimited", "max_connections": 30,
                "read": {{ "dist": "exponential", "mean_ms": 5 }} }} }} ],
          "links": [ {{ "from": "users", "to": "app" }}, {{ "from": "app", "to": "db" }} ] }}"#
    ))
}

/// A database of 10 workers at 90% load that accepts 30 connections.
/// Without a pool every call opens a connection (5 ms of the app worker's
/// time) and bursts over 30 open connections are refused with 503. With a
/// pool of 10 per app instance (20 in all) the database never sees more
/// than 20 connections: requests wait for a connection instead.
#[test]
fn a_connection_pool_turns_connection_errors_into_a_wait_queue() {
    let unpooled = run_for(
        &pooled(r#"{ "mode": "per_request", "connect_ms": 5 }"#),
        200,
        3,
    );
    let pool = run_for(
        &pooled(r#"{ "mode": "pool", "size": 10, "wait_timeout_ms": 5000 }"#),
        200,
        3,
    );

    let db = unpooled.blocks.get("db").expect("db");
    let refused = db.errors.get(Reason::Overloaded);
    assert!(
        refused > 0 && unpooled.summary.error_rate > 0.005,
        "{:?}",
        unpooled.summary
    );
    assert_eq!(
        unpooled.summary.errors.total(),
        refused,
        "every error is the connection limit"
    );
    let app = unpooled.blocks.get("app").expect("app");
    assert!(
        app.latency_ms.mean - db.latency_ms.mean >= 5.0 + 2.0 - 0.3,
        "the connect cost is paid"
    );

    assert_eq!(pool.summary.errors.total(), 0, "{:?}", pool.summary);
    let db = pool.blocks.get("db").expect("db");
    assert!(db.mean_in_system <= 20.0);
    let app = pool.blocks.get("app").expect("app");
    assert!(
        app.mean_pool_queue > 0.5,
        "a wait queue forms: {}",
        app.mean_pool_queue
    );
    let little = app.arrivals_rps * (app.latency_ms.mean - db.latency_ms.mean - 2.0) / 1e3;
    assert!(
        (app.mean_pool_queue - little).abs() < 0.1 * little,
        "{} vs {little}",
        app.mean_pool_queue
    );
}
