//! The only code that talks to the simulation core. Each animation frame it
//! advances the simulation by the wall time elapsed times the speed, within
//! a time budget, and publishes the clock and new windows to [`RunCtx`].
//!
//! When the core cannot keep up, simulated time falls behind instead of the
//! frame rate: the deficit is dropped, and `achieved_speed` tells the page.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use leptos_use_raf_fn::use_raf_fn;
use sdplay_sim::{BlockId, Design, Sim, SimTime};

use crate::state::{RunCtx, HISTORY_SECONDS};

/// Wall milliseconds per frame the simulation may use.
const FRAME_BUDGET_MS: f64 = 10.0;
/// Events between two looks at the clock.
const EVENTS_PER_SLICE: u64 = 4_000;
/// A longer gap between frames (a hidden tab) is not made up for.
const MAX_FRAME_GAP_MS: f64 = 100.0;

struct Driver {
    sim: Sim,
    users: Option<BlockId>,
    last_frame_ms: Option<f64>,
    seen_windows: u64,
    pause_at: Option<SimTime>,
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|window| window.performance())
        .map_or(0.0, |perf| perf.now())
}

impl Driver {
    fn frame(&mut self, timestamp_ms: f64, run: RunCtx) {
        let gap = self.last_frame_ms.map_or(0.0, |last| {
            (timestamp_ms - last).clamp(0.0, MAX_FRAME_GAP_MS)
        });
        self.last_frame_ms = Some(timestamp_ms);
        if !run.running.get_untracked() || gap == 0.0 {
            return;
        }

        let speed = run.speed.get_untracked();
        let start = self.sim.now();
        let mut target = start + SimTime::from_millis_f64(gap * speed);
        let pausing = self.pause_at.filter(|at| *at <= target);
        if let Some(at) = pausing {
            target = at.max(start);
        }

        let began = now_ms();
        while !self.sim.step_until_bounded(target, EVENTS_PER_SLICE) {
            if now_ms() - began > FRAME_BUDGET_MS {
                break;
            }
        }

        let advanced = (self.sim.now() - start).as_millis_f64();
        let achieved = advanced / gap;
        run.achieved_speed
            .update(|smoothed| *smoothed = 0.9 * *smoothed + 0.1 * achieved);
        if pausing.is_some() && self.sim.now() >= target {
            self.pause_at = None;
            run.running.set(false);
            run.achieved_speed.set(speed);
        }
        self.publish(run);
    }

    fn publish(&mut self, run: RunCtx) {
        run.sim_ms.set(self.sim.now().as_micros() / 1_000);
        let total = self.sim.windows_total();
        if total == self.seen_windows {
            return;
        }
        let windows = self.sim.windows();
        let fresh = ((total - self.seen_windows) as usize).min(windows.len());
        run.history.update(|history| {
            for window in windows.iter().skip(windows.len() - fresh) {
                if history.len() == HISTORY_SECONDS {
                    history.pop_front();
                }
                history.push_back(window.clone());
            }
        });
        self.seen_windows = total;
    }
}

/// Starts simulating `design` and keeps `run` up to date until the page
/// closes. Returns an error message when the design cannot run.
pub fn use_sim_driver(
    design: &Design,
    seed: u64,
    pause_at: Option<f64>,
    run: RunCtx,
) -> Result<(), String> {
    let sim = Sim::new(design, seed).map_err(|error| format!("the design cannot run:\n{error}"))?;
    let users = design
        .blocks
        .iter()
        .find(|block| block.kind() == sdplay_sim::BlockKind::Users)
        .map(|block| block.id.clone());
    let driver = Rc::new(RefCell::new(Driver {
        sim,
        users,
        last_frame_ms: None,
        seen_windows: 0,
        pause_at: pause_at.map(SimTime::from_secs_f64),
    }));

    let rate_driver = Rc::clone(&driver);
    Effect::new(move |_| {
        let rate = run.rate_rps.get();
        let mut driver = rate_driver.borrow_mut();
        if let Some(users) = driver.users.clone() {
            if driver.sim.rate(&users) != Some(rate) {
                if let Err(message) = driver.sim.set_rate(&users, rate) {
                    run.notices.update(|notices| notices.push(message));
                }
            }
        }
    });

    let frame_driver = Rc::clone(&driver);
    let _ = use_raf_fn(move |args| frame_driver.borrow_mut().frame(args.timestamp, run));
    Ok(())
}
