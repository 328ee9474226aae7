//! Facts about the workloads, not timings: the reference chain runs at the
//! utilization and pending count it is meant to, and drops nothing.

use sdplay_bench::{Chain, EngineRun};
use sdplay_sim::SimTime;

#[test]
fn the_chain_runs_at_80_percent_with_10000_events_pending() {
    let chain = Chain::default();
    let ms = |ms: u64| SimTime(ms * 1_000);
    let mut run = EngineRun::new(&chain.design(), 1, ms(200), ms(100), 3, ms(1));
    run.warm_up();
    for _ in 0..3 {
        run.run_chunk();
    }
    let outcome = run.outcome();
    let report = run.sim().report();

    for (id, block) in report.blocks.0.iter().skip(1) {
        assert!(
            (0.78..0.83).contains(&block.utilization),
            "{id}: utilization {}",
            block.utilization
        );
        assert_eq!(block.mean_queue, 0.0, "{id}: nothing waits for a worker");
    }
    // 9,999 + 1, and about 1% more: the engine rounds the 2 µs mean gap
    // between arrivals to whole microseconds, which shortens it by 1%.
    assert!(
        (9_800.0..10_400.0).contains(&outcome.pending_mean),
        "pending {}",
        outcome.pending_mean
    );
    assert_eq!(report.summary.error_rate, 0.0);
    // Six events per request: an arrival and five service completions.
    let requests = outcome.requests.expect("engine runs count requests") as f64;
    let per_request = outcome.events as f64 / requests;
    assert!(
        (5.95..6.05).contains(&per_request),
        "{per_request} events per request"
    );
}
