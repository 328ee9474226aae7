//! The simulation as the worker runs it: commands in, paced stepping, and
//! snapshots out. No browser here; the caller passes the wall clock, so the
//! pacing is tested natively.
//!
//! Each tick advances simulated time by the wall time since the last tick
//! times the speed, within a work budget. When the engine cannot keep up,
//! the shortfall is dropped rather than made up later: simulated time slows
//! down, the page stays smooth, and `achieved_speed` says by how much.

use sdplay_sim::{BlockId, Design, Sim, SimTime};

use crate::protocol::{levels_msg, FromWorker, Snapshot, ToWorker, WindowMsg};

/// Wall milliseconds of work per tick before yielding to messages.
pub const TICK_BUDGET_MS: f64 = 24.0;
/// Wall milliseconds between ticks when the run is caught up.
pub const IDLE_TICK_MS: f64 = 8.0;
/// Wall milliseconds between ticks while paused (a command wakes the
/// worker at once anyway).
pub const PAUSED_TICK_MS: f64 = 50.0;
/// Wall milliseconds between snapshots.
pub const SNAPSHOT_EVERY_MS: f64 = 33.0;
/// A longer gap between ticks (a throttled background tab) is not made up.
const MAX_GAP_MS: f64 = 250.0;
/// Events between two looks at the clock.
const EVENTS_PER_SLICE: u64 = 2_000;
/// At most this many windows go out in one snapshot (a long step).
const MAX_WINDOWS_SENT: usize = 180;

/// What the worker loop should do after a tick.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Next {
    /// Work is left: tick again as soon as messages are handled.
    Now,
    /// Caught up or paused: tick again after this many milliseconds.
    After(f64),
}

pub struct Runner {
    sim: Sim,
    ids: Vec<BlockId>,
    seed: u64,
    speed: f64,
    running: bool,
    pause_at: Option<SimTime>,
    /// Where a step command is taking the run.
    step_to: Option<SimTime>,
    last_tick_ms: Option<f64>,
    seen_windows: u64,
    pending: Vec<WindowMsg>,
    reset: bool,
    paused_at_mark: bool,
    achieved: f64,
    last_snapshot_ms: f64,
    events_per_sec: f64,
    dirty: bool,
}

impl Runner {
    pub fn new(design: &Design, seed: u64) -> Result<Runner, String> {
        let sim = Sim::new(design, seed).map_err(|error| error.to_string())?;
        Ok(Runner {
            ids: sim.block_ids().cloned().collect(),
            sim,
            seed,
            speed: 1.0,
            running: false,
            pause_at: None,
            step_to: None,
            last_tick_ms: None,
            seen_windows: 0,
            pending: Vec::new(),
            reset: true,
            paused_at_mark: false,
            achieved: 1.0,
            last_snapshot_ms: f64::NEG_INFINITY,
            events_per_sec: 0.0,
            dirty: true,
        })
    }

    pub fn now(&self) -> SimTime {
        self.sim.now()
    }

    /// Carries out a command; returns a message for the page when there is
    /// something to say at once.
    pub fn handle(&mut self, message: ToWorker) -> Option<FromWorker> {
        self.dirty = true;
        match message {
            ToWorker::Load {
                design,
                seed,
                speed,
                running,
                pause_at_ms,
            } => {
                let design = match Design::from_json(&design) {
                    Ok(design) => design,
                    Err(error) => return Some(FromWorker::Problem(error.to_string())),
                };
                match Runner::new(&design, seed) {
                    Ok(fresh) => *self = fresh,
                    Err(error) => return Some(FromWorker::Problem(error)),
                }
                self.speed = speed;
                self.achieved = speed;
                self.running = running;
                self.pause_at = pause_at_ms.map(|ms| SimTime::from_millis_f64(ms as f64));
            }
            ToWorker::Apply { design } => {
                let design = match Design::from_json(&design) {
                    Ok(design) => design,
                    Err(error) => return Some(FromWorker::Problem(error.to_string())),
                };
                // Windows closed so far belong to the old block order.
                self.collect_windows();
                if let Err(error) = self.sim.apply_design(&design) {
                    return Some(FromWorker::Problem(error.to_string()));
                }
                self.ids = self.sim.block_ids().cloned().collect();
            }
            ToWorker::Run(running) => {
                if running && !self.running {
                    self.achieved = self.speed;
                    self.paused_at_mark = false;
                }
                self.running = running;
            }
            ToWorker::Speed(speed) => {
                self.speed = speed;
                self.achieved = speed;
            }
            ToWorker::Step { secs } => {
                self.step_to = Some(self.sim.now() + SimTime::from_secs_f64(secs));
            }
            ToWorker::Reset { seed } => {
                let design = self.sim.design().clone();
                let (speed, running) = (self.speed, self.running);
                match Runner::new(&design, seed) {
                    Ok(fresh) => *self = fresh,
                    Err(error) => return Some(FromWorker::Problem(error)),
                }
                self.speed = speed;
                self.achieved = speed;
                self.running = running;
            }
        }
        None
    }

    /// One slice of work at wall time `now_ms`; `clock` reads the wall
    /// clock [ms] to keep within the budget. Returns a snapshot when one is
    /// due, and when to tick next.
    pub fn tick(&mut self, now_ms: f64, clock: &dyn Fn() -> f64) -> (Option<Snapshot>, Next) {
        let gap = self
            .last_tick_ms
            .map_or(0.0, |last| (now_ms - last).clamp(0.0, MAX_GAP_MS));
        self.last_tick_ms = Some(now_ms);

        let start = self.sim.now();
        let mut target = start;
        if self.running {
            target = start + SimTime::from_millis_f64(gap * self.speed);
        }
        if let Some(step_to) = self.step_to {
            target = target.max(step_to);
        }
        if let Some(at) = self.pause_at {
            target = target.min(at.max(start));
        }

        let events_before = self.sim.events_processed();
        let began = clock();
        let mut reached = target == start;
        while !reached {
            reached = self.sim.step_until_bounded(target, EVENTS_PER_SLICE);
            if !reached && clock() - began > TICK_BUDGET_MS {
                break;
            }
        }
        let worked = (clock() - began).max(0.0);
        let events = self.sim.events_processed() - events_before;
        if worked > 0.5 {
            let rate = events as f64 / worked * 1_000.0;
            self.events_per_sec = 0.8 * self.events_per_sec + 0.2 * rate;
        }

        let now = self.sim.now();
        if self.step_to.is_some_and(|to| now >= to) {
            self.step_to = None;
            self.dirty = true;
        }
        if self.running && gap > 0.0 && self.step_to.is_none() {
            let achieved = (now - start).as_millis_f64() / gap;
            // About a second's memory, whatever the tick length.
            let weight = (gap / 1_000.0).min(1.0);
            self.achieved += weight * (achieved - self.achieved);
        }
        if self.pause_at.is_some_and(|at| now >= at) {
            self.pause_at = None;
            self.running = false;
            self.paused_at_mark = true;
            self.achieved = self.speed;
            self.dirty = true;
        }
        self.collect_windows();

        let snapshot = (self.dirty || now_ms - self.last_snapshot_ms >= SNAPSHOT_EVERY_MS)
            .then(|| self.snapshot(now_ms));
        let busy = self.step_to.is_some() || (self.running && !reached);
        let next = match (busy, self.running) {
            (true, _) => Next::Now,
            (false, true) => Next::After(IDLE_TICK_MS),
            (false, false) => Next::After(PAUSED_TICK_MS),
        };
        (snapshot, next)
    }

    fn collect_windows(&mut self) {
        let total = self.sim.windows_total();
        if total == self.seen_windows {
            return;
        }
        let windows = self.sim.windows();
        let fresh = ((total - self.seen_windows) as usize).min(windows.len());
        for window in windows.iter().skip(windows.len() - fresh) {
            let links = &self.sim.design().links;
            self.pending.push(WindowMsg::new(window, &self.ids, links));
        }
        if self.pending.len() > MAX_WINDOWS_SENT {
            self.pending.drain(..self.pending.len() - MAX_WINDOWS_SENT);
        }
        self.seen_windows = total;
    }

    fn snapshot(&mut self, now_ms: f64) -> Snapshot {
        self.last_snapshot_ms = now_ms;
        self.dirty = false;
        let levels = self
            .ids
            .iter()
            .filter_map(|id| Some((id.as_str().to_owned(), levels_msg(&self.sim.levels(id)?))))
            .collect();
        Snapshot {
            sim_ms: self.sim.now().as_micros() / 1_000,
            running: self.running,
            paused_at_mark: std::mem::take(&mut self.paused_at_mark),
            achieved_speed: if self.running {
                self.achieved
            } else {
                self.speed
            },
            events_per_sec: self.events_per_sec,
            events: self.sim.events_processed(),
            reset: std::mem::take(&mut self.reset),
            windows: std::mem::take(&mut self.pending),
            levels,
        }
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    const DESIGN: &str = r#"{ "version": 1, "blocks": [
        { "id": "users", "kind": "users", "params": { "rate_rps": 200 } },
        { "id": "app", "kind": "app" } ],
        "links": [ { "from": "users", "to": "app" } ] }"#;

    fn load(runner: &mut Runner, speed: f64, pause_at_ms: Option<u64>) {
        let reply = runner.handle(ToWorker::Load {
            design: DESIGN.into(),
            seed: 3,
            speed,
            running: true,
            pause_at_ms,
        });
        assert_eq!(reply, None);
    }

    #[test]
    fn simulated_time_follows_wall_time_times_speed_and_pauses_exactly() {
        let mut runner = Runner::new(&Design::default(), 1).unwrap();
        load(&mut runner, 4.0, Some(2_500));
        let wall = Cell::new(0.0);
        let clock = || wall.get();
        let mut windows = 0;
        for tick in 0..100 {
            wall.set(f64::from(tick) * 10.0);
            let (snapshot, _) = runner.tick(wall.get(), &clock);
            if let Some(snapshot) = snapshot {
                windows += snapshot.windows.len();
                if snapshot.paused_at_mark {
                    assert_eq!(snapshot.sim_ms, 2_500);
                    assert!(!snapshot.running);
                }
            }
        }
        // 4x for 0.625 s of wall time reaches the pause mark and stops.
        assert_eq!(runner.now(), SimTime::from_millis_f64(2_500.0));
        assert_eq!(windows, 2);
    }

    #[test]
    fn a_slow_engine_slows_simulated_time_and_says_so() {
        let mut runner = Runner::new(&Design::default(), 1).unwrap();
        load(&mut runner, 100.0, None);
        // Every look at the clock costs 30 ms: one slice per tick.
        let wall = Cell::new(0.0);
        let clock = || {
            wall.set(wall.get() + 30.0);
            wall.get()
        };
        let mut last = None;
        for _ in 0..40 {
            let now = wall.get();
            if let (Some(snapshot), _) = runner.tick(now, &clock) {
                last = Some(snapshot);
            }
        }
        let snapshot = last.expect("snapshots were sent");
        assert!(
            snapshot.achieved_speed < 100.0,
            "{}",
            snapshot.achieved_speed
        );
        assert!(snapshot.events_per_sec > 0.0);
    }

    #[test]
    fn steps_and_resets_work_while_paused_and_edits_keep_the_clock() {
        let mut runner = Runner::new(&Design::default(), 1).unwrap();
        load(&mut runner, 1.0, None);
        runner.handle(ToWorker::Run(false));
        runner.handle(ToWorker::Step { secs: 2.0 });
        let clock = || 0.0;
        let (snapshot, next) = runner.tick(0.0, &clock);
        assert_eq!(next, Next::After(PAUSED_TICK_MS));
        let snapshot = snapshot.unwrap();
        assert_eq!(snapshot.sim_ms, 2_000);
        assert_eq!(snapshot.windows.len(), 2);
        assert_eq!(snapshot.windows[1].blocks[0].id, "users");

        let edited = DESIGN.replace(
            "\"kind\": \"app\" }",
            "\"kind\": \"app\", \"name\": \"Web\" }",
        );
        assert_eq!(runner.handle(ToWorker::Apply { design: edited }), None);
        assert_eq!(runner.now(), SimTime::from_secs(2));
        let bad = runner.handle(ToWorker::Apply {
            design: "{}".into(),
        });
        assert!(matches!(bad, Some(FromWorker::Problem(_))));

        runner.handle(ToWorker::Reset { seed: 9 });
        assert_eq!(runner.now(), SimTime::ZERO);
        assert_eq!(runner.seed(), 9);
        let (snapshot, _) = runner.tick(1.0, &clock);
        assert!(snapshot.unwrap().reset);
    }
}
