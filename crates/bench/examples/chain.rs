//! Runs only the reference chain, for profilers: `cargo run --release -p
//! sdplay-bench --example chain -- [SIM_SECONDS] [--chunks]` warms up for
//! 0.5 simulated seconds, then runs SIM_SECONDS (default 3) and prints the
//! events per wall second (of each 100 ms chunk with `--chunks`).

use std::time::Instant;

use sdplay_bench::{Chain, EngineRun};
use sdplay_sim::SimTime;

// A benchmark reads the clock; the core never does (clippy.toml).
#[allow(clippy::disallowed_methods)]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let seconds: f64 = args.iter().find_map(|arg| arg.parse().ok()).unwrap_or(3.0);
    let show_chunks = args.iter().any(|arg| arg == "--chunks");
    let ms = |ms: u64| SimTime(ms * 1_000);
    let n_chunks = (seconds * 10.0).round().max(1.0) as u32;
    let mut run = EngineRun::new(
        &Chain::default().design(),
        1,
        ms(500),
        ms(100),
        n_chunks,
        ms(1),
    );
    run.warm_up();
    let events_start = run.events();
    let started = Instant::now();
    for _ in 0..n_chunks {
        let chunk_start = Instant::now();
        let events_before = run.events();
        run.run_chunk();
        if show_chunks {
            let rate = (run.events() - events_before) as f64 / chunk_start.elapsed().as_secs_f64();
            println!("chunk: {:.2} M events/s", rate / 1e6);
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let outcome = run.outcome();
    println!(
        "chain: {} events in {secs:.2} s: {:.2} M events/s, pending {:.0}",
        run.events() - events_start,
        (run.events() - events_start) as f64 / secs / 1e6,
        outcome.pending_mean
    );
}
