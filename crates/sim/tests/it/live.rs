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
    let in_flight = sim
        .levels(&BlockId::from("users"))
        .expect("users")
        .in_system;
    assert_eq!(
        sim.apply_design(&bigger),
        Ok(Applied::Restarted {
            dropped: u64::from(in_flight)
        })
    );
    assert_eq!(sim.now(), SimTime::from_secs(10));
    sim.step_until(SimTime::from_secs(20));
    assert_eq!(sim.windows_total(), 20);
    // The window the restart happened in says so, and no other.
    let marked: Vec<_> = sim.windows().iter().filter_map(|w| w.restarted).collect();
    assert_eq!(marked, [u64::from(in_flight)]);
    assert_eq!(sim.windows()[10].restarted, Some(u64::from(in_flight)));
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

/// Ten times the load of one instance: a backlog forms. Four more
/// instances take it in place, in flight requests carry on (none is lost:
/// every one that arrives is answered), and the load balancer spreads the
/// traffic over all five; back to two, the surplus instances leave rotation
/// and finish what they hold.
#[test]
fn app_instances_change_in_place() {
    let text = r#"{ "version": 1, "blocks": [
        { "id": "users", "kind": "users", "params": { "rate_rps": 300 } },
        { "id": "lb", "kind": "load_balancer" },
        { "id": "app", "kind": "app", "params": { "capacity": { "instances": 1, "workers": 1,
            "queue_limit": "unlimited", "service": { "dist": "exponential", "mean_ms": 5 } } } } ],
      "links": [ { "from": "users", "to": "lb" }, { "from": "lb", "to": "app" } ] }"#;
    let mut design = Design::from_json(text).expect("valid design");
    let mut sim = Sim::new(&design, 2).expect("valid design");
    sim.step_until(SimTime::from_secs(10));
    let app = BlockId::from("app");
    let backlog = sim.levels(&app).expect("app").queued;
    assert!(backlog > 200, "a backlog forms: {backlog}");

    let set_instances = |design: &mut Design, n: u32| match &mut design.blocks[2].params {
        BlockParams::App(params) => params.capacity.instances = n,
        _ => panic!("the third block is the app"),
    };
    set_instances(&mut design, 5);
    assert_eq!(sim.apply_design(&design), Ok(Applied::InPlace));
    assert_eq!(sim.levels(&app).map(|l| l.capacity), Some(5));
    // The queued requests stay with the first instance and drain at its
    // pace, 200 a second above its share of the new arrivals.
    sim.step_until(SimTime::from_secs(40));
    let last = sim.windows().back().expect("a window").blocks[2];
    assert_eq!(last.instances, 5.0);
    assert!(last.utilization < 0.5, "{last:?}");
    assert!(sim.levels(&app).expect("app").queued < 10);

    set_instances(&mut design, 2);
    assert_eq!(sim.apply_design(&design), Ok(Applied::InPlace));
    sim.start_measuring();
    sim.step_until(SimTime::from_secs(70));
    let report = sim.report();
    let app_report = report.blocks.get("app").expect("app");
    assert_eq!(report.summary.errors.total(), 0);
    assert!(
        (app_report.mean_instances - 2.0).abs() < 1e-9,
        "{app_report:?}"
    );
    // Two instances at 300/s and 5 ms each: 75% busy.
    assert!(
        (app_report.service_utilization - 0.75).abs() < 0.05,
        "{app_report:?}"
    );
}
