//! Editing a design while it runs.

use sdplay_sim::{Applied, BlockId, BlockParams, Design, Sim, SimTime};

use crate::station;

const EXPONENTIAL_10MS: &str = r#"{ "dist": "exponential", "mean_ms": 10 }"#;

fn app_params(design: &mut Design) -> &mut sdplay_sim::design::AppParams {
    match &mut design.blocks[1].params {
        BlockParams::App(app) => app,
        _ => panic!("the second block is the app"),
    }
}

#[test]
fn more_workers_drain_a_queue_without_a_restart() {
    // 150/s into one worker at 100/s: the queue grows without bound.
    let mut design = station(150.0, 1, 1, EXPONENTIAL_10MS);
    let mut sim = Sim::new(&design, 1).expect("valid design");
    sim.step_until(SimTime::from_secs(20));
    let app = BlockId::from("app");
    let backlog = sim.levels(&app).expect("app block").queued;
    assert!(backlog > 100, "a backlog forms: {backlog}");

    app_params(&mut design).capacity.workers = sdplay_sim::design::Limit::At(4);
    assert_eq!(sim.apply_design(&design), Ok(Applied::InPlace));
    // Four workers take four queued requests at once.
    assert_eq!(
        sim.levels(&app).map(|l| (l.busy, l.queued)),
        Some((4, backlog - 3))
    );
    sim.step_until(SimTime::from_secs(40));
    let after = sim.levels(&app).expect("app block");
    assert!(after.queued < 20, "the backlog drains: {after:?}");
    assert_eq!(after.capacity, 4);
}

#[test]
fn a_new_block_restarts_from_the_current_time() {
    let design = station(50.0, 1, 1, EXPONENTIAL_10MS);
    let mut sim = Sim::new(&design, 1).expect("valid design");
    sim.step_until(SimTime::from_secs(10));
    assert_eq!(sim.windows_total(), 10);

    let mut bigger = design.clone();
    bigger.blocks.push(sdplay_sim::Block::new(
        "db",
        sdplay_sim::BlockKind::Database,
    ));
    bigger.links.push(sdplay_sim::Link::new("app", "db"));
    assert_eq!(sim.apply_design(&bigger), Ok(Applied::Restarted));
    assert_eq!(sim.now(), SimTime::from_secs(10));
    sim.step_until(SimTime::from_secs(20));
    assert_eq!(sim.windows_total(), 20);
    let last = sim.windows().back().expect("a window");
    assert_eq!(last.blocks.len(), 3);
    assert!(
        last.blocks[2].arrivals_rps > 20.0,
        "the database gets traffic: {last:?}"
    );
}

#[test]
fn a_bad_edit_changes_nothing() {
    let design = station(50.0, 1, 1, EXPONENTIAL_10MS);
    let mut sim = Sim::new(&design, 1).expect("valid design");
    let mut broken = design.clone();
    app_params(&mut broken).capacity.instances = 0;
    let error = sim
        .apply_design(&broken)
        .expect_err("zero instances is refused");
    assert_eq!(
        error.problems[0].path,
        "blocks[1].params.capacity.instances"
    );
    assert_eq!(sim.design(), &design);
    assert_eq!(sim.apply_design(&design), Ok(Applied::Unchanged));
}
