//! The page's shared state, provided once by `App` as small `Copy` structs
//! of signals (`*Ctx`).

use std::collections::VecDeque;

use leptos::prelude::*;
use sdplay_sim::{Design, Window};

/// How many one-second windows the charts keep.
pub const HISTORY_SECONDS: usize = 120;

/// The design on the canvas.
#[derive(Clone, Copy)]
pub struct DesignCtx {
    pub design: RwSignal<Design>,
}

/// The running simulation as the page shows it; written by the driver.
#[derive(Clone, Copy)]
pub struct RunCtx {
    /// Playing or paused.
    pub running: RwSignal<bool>,
    /// Requested simulated seconds per wall second.
    pub speed: RwSignal<f64>,
    /// Simulated seconds per wall second actually reached lately.
    pub achieved_speed: RwSignal<f64>,
    /// Simulated time [ms].
    pub sim_ms: RwSignal<u64>,
    /// The most recent one-second windows, oldest first.
    pub history: RwSignal<VecDeque<Window>>,
    /// The users' request rate [req/s].
    pub rate_rps: RwSignal<f64>,
    /// What went wrong, for the user to read (bad URL values, a design that
    /// cannot run).
    pub notices: RwSignal<Vec<String>>,
}

impl RunCtx {
    pub fn new(speed: f64, rate_rps: f64) -> RunCtx {
        RunCtx {
            running: RwSignal::new(true),
            speed: RwSignal::new(speed),
            achieved_speed: RwSignal::new(speed),
            sim_ms: RwSignal::new(0),
            history: RwSignal::new(VecDeque::with_capacity(HISTORY_SECONDS)),
            rate_rps: RwSignal::new(rate_rps),
            notices: RwSignal::new(Vec::new()),
        }
    }

    /// The latest window, if a second has passed.
    pub fn latest(&self) -> Option<Window> {
        self.history.with(|history| history.back().cloned())
    }
}

/// Reads a context provided by `App`.
pub fn use_ctx<T: Clone + 'static>() -> T {
    expect_context::<T>()
}
