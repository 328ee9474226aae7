//! Runs one engine workload alone, for profilers:
//!
//! ```text
//! cargo run --release -p sdplay-bench --example profile -- chain|default [SCALE] [--chunks]
//! ```
//!
//! warms up as the suite does, then runs SCALE times the suite's timed span
//! (default 1) and prints the events per wall second (and those of each
//! chunk with `--chunks`).

use std::time::Instant;

use sdplay_bench::{default_design, Chain, EngineRun};
use sdplay_sim::SimTime;

// A benchmark reads the clock; the core never does (clippy.toml).
#[allow(clippy::disallowed_methods)]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let scale: f64 = args.iter().find_map(|arg| arg.parse().ok()).unwrap_or(1.0);
    let show_chunks = args.iter().any(|arg| arg == "--chunks");
    let ms = |ms: u64| SimTime(ms * 1_000);
    let chunks = |standard: f64| (standard * scale).round().max(1.0) as u32;
    let mut run = if args.iter().any(|arg| arg == "default") {
        let design = default_design();
        EngineRun::new(
            &design,
            1,
            SimTime::from_secs(60),
            SimTime::from_secs(40),
            chunks(60.0),
            ms(100),
        )
    } else {
        let design = Chain::default().design();
        EngineRun::new(&design, 1, ms(500), ms(100), chunks(30.0), ms(1))
    };
    run.warm_up();

    let events_start = run.events();
    let started = Instant::now();
    for _ in 0..run.n_chunks() {
        let chunk_started = Instant::now();
        let events_before = run.events();
        run.run_chunk();
        if show_chunks {
            let secs = chunk_started.elapsed().as_secs_f64();
            println!(
                "chunk: {:.2} M events/s",
                (run.events() - events_before) as f64 / secs / 1e6
            );
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let events = run.events() - events_start;
    let outcome = run.outcome();
    println!(
        "{events} events in {secs:.2} s: {:.2} M events/s, {:.0} pending, {} requests",
        events as f64 / secs / 1e6,
        outcome.pending_mean,
        outcome.requests.unwrap_or(0),
    );
    // For instruction counts per event under callgrind, which counts the
    // warm-up too.
    println!("{} events in all, warm-up included", run.events());
}
