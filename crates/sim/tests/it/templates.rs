//! Every template in `public/templates` loads, runs and shows what it is
//! there to show.

use std::path::PathBuf;

use sdplay_sim::{run, BlockParams, Design, Report, RunOptions, SimTime};

fn templates_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../public/templates")
}

fn load(file: &str) -> Design {
    let text = std::fs::read_to_string(templates_dir().join(file)).expect("template exists");
    Design::from_json(&text).unwrap_or_else(|error| panic!("{file}: {error}"))
}

fn report(file: &str) -> Report {
    let options = RunOptions {
        duration: SimTime::from_secs(120),
        warmup: SimTime::from_secs(10),
        seed: 1,
    };
    run(&load(file), options).expect("runs")
}

#[test]
fn the_index_lists_every_template_and_each_one_loads() {
    let index: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(templates_dir().join("index.json")).expect("index"),
    )
    .expect("index is JSON");
    let listed: Vec<String> = index
        .as_array()
        .expect("a list")
        .iter()
        .map(|entry| {
            assert!(entry["name"].as_str().is_some_and(|name| !name.is_empty()));
            assert!(entry["description"]
                .as_str()
                .is_some_and(|text| text.len() > 20));
            entry["file"].as_str().expect("a file").to_owned()
        })
        .collect();
    let mut on_disk: Vec<String> = std::fs::read_dir(templates_dir())
        .expect("templates folder")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".json") && name != "index.json")
        .collect();
    on_disk.sort();
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(sorted, on_disk, "index.json and the folder disagree");
    for file in &listed {
        let design = load(file);
        let again = Design::from_json(&design.to_json()).expect("round trip");
        assert_eq!(design, again, "{file} survives a save");
    }
}

#[test]
fn the_default_runs_its_busiest_block_at_40_to_60_percent_and_saturates_its_database_at_3x() {
    let normal = report("default.json");
    assert_eq!(normal.summary.error_rate, 0.0);
    let busiest = normal
        .blocks
        .0
        .iter()
        .map(|(_, b)| b.busiest_utilization())
        .fold(0.0, f64::max);
    assert!((0.4..=0.6).contains(&busiest), "busiest block at {busiest}");
    assert_eq!(normal.bottleneck.as_deref(), Some("db"));

    let mut tripled = load("default.json");
    if let BlockParams::Users(users) = &mut tripled.blocks[0].params {
        users.rate_rps *= 3.0;
    }
    let options = RunOptions {
        duration: SimTime::from_secs(60),
        warmup: SimTime::from_secs(10),
        seed: 1,
    };
    let overloaded = run(&tripled, options).expect("runs");
    assert_eq!(overloaded.bottleneck.as_deref(), Some("db"));
    let db = overloaded.blocks.get("db").expect("db");
    assert!(db.busiest_utilization() > 0.97, "{db:?}");
    assert!(overloaded.summary.error_rate > 0.05);
}

/// The default's gateway and app have two instances each and its database
/// a primary and a replica; the rest one each (the users none).
#[test]
fn every_block_reports_the_instances_it_has() {
    let report = report("default.json");
    for (id, instances) in [
        ("users", 0.0),
        ("cdn", 1.0),
        ("gateway", 2.0),
        ("lb", 1.0),
        ("app", 2.0),
        ("cache", 1.0),
        ("db", 2.0),
    ] {
        let block = report.blocks.get(id).expect("block");
        assert_eq!(block.mean_instances, instances, "{id}");
    }
}

#[test]
fn read_replicas_share_the_reads_and_lag_makes_some_stale() {
    let report = report("read-replicas.json");
    let db = report.blocks.get("db").expect("db");
    let replicas = &db.instances[1..];
    assert_eq!(replicas.len(), 3);
    let mean = replicas.iter().map(|r| r.arrivals_rps).sum::<f64>() / 3.0;
    assert!(
        replicas
            .iter()
            .all(|r| (r.arrivals_rps - mean).abs() < 0.05 * mean),
        "{replicas:?}"
    );
    // The primary takes the writes: 5% of the 3,000 req/s.
    assert!(
        (db.instances[0].arrivals_rps - 150.0).abs() < 10.0,
        "{:?}",
        db.instances[0]
    );
    assert!(
        db.stale_reads_rps > 1.0,
        "stale reads {}",
        db.stale_reads_rps
    );
}

#[test]
fn range_sharding_by_user_makes_the_first_shard_hot() {
    let report = report("sharding-by-user-range.json");
    let shards = &report.blocks.get("db").expect("db").instances;
    assert_eq!(shards.len(), 4);
    assert!(
        shards[1..]
            .iter()
            .all(|s| shards[0].arrivals_rps > 5.0 * s.arrivals_rps),
        "{shards:?}"
    );
    assert!(shards[0].service_utilization > 0.8);
    assert_eq!(report.bottleneck.as_deref(), Some("db"));
}

#[test]
fn a_pool_keeps_p99_below_connecting_per_request_and_avoids_errors() {
    let pooled = report("pool-with.json");
    let unpooled = report("pool-without.json");
    assert!(
        pooled.summary.latency_ms.p99 < unpooled.summary.latency_ms.p99,
        "pooled p99 {} vs unpooled {}",
        pooled.summary.latency_ms.p99,
        unpooled.summary.latency_ms.p99
    );
    assert_eq!(pooled.summary.errors.total(), 0);
    assert!(
        unpooled.summary.errors.total() > 0,
        "the connection limit is hit"
    );
    assert!(pooled.blocks.get("app").expect("app").mean_pool_queue > 0.1);
}

#[test]
fn write_behind_writes_fastest_and_write_through_slowest() {
    let aside = report("cache-aside.json");
    let through = report("write-through.json");
    let behind = report("write-behind.json");
    for report in [&aside, &through, &behind] {
        assert_eq!(report.summary.errors.total(), 0, "{:?}", report.summary);
    }
    let cache_latency = |r: &Report| r.blocks.get("cache").expect("cache").latency_ms.mean;
    assert!(
        cache_latency(&through) > 5.0 * cache_latency(&aside),
        "write-through waits for the database"
    );
    let mean = |r: &Report| r.summary.latency_ms.mean;
    assert!(mean(&behind) < mean(&aside) && mean(&behind) < mean(&through));
    let db_rate = |r: &Report| r.blocks.get("db").expect("db").arrivals_rps;
    assert!(
        db_rate(&behind) < db_rate(&through),
        "write-behind coalesces writes"
    );
    let hits = |r: &Report| {
        r.blocks
            .get("cache")
            .and_then(|b| b.hit_ratio)
            .unwrap_or(0.0)
    };
    assert!(
        hits(&through) > hits(&aside),
        "cache-aside drops keys on write; the others keep them"
    );
}
