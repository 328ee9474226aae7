//! The simulation core of sdplay: a deterministic, per-request
//! discrete-event simulation of system designs.
//!
//! A [`Design`] is a set of blocks (users, CDN, gateway, load balancer, app
//! servers, cache, database) joined by links from caller to callee:
//!
//! ```text
//!   users --> cdn --> gateway --> load_balancer --> app --+--> cache
//!                                                         '--> database
//! ```
//!
//! Users send requests as a Poisson process. Each request is an object that
//! visits blocks: it waits for a worker of an instance, takes its service
//! time, and is passed on (forwarding blocks free their worker at once) or
//! makes calls while holding the worker (app servers). Answers travel back
//! along the same path. Every one-second window and the whole run are
//! measured: throughput, errors by reason, latency percentiles from a
//! histogram, utilization, queue length and number in each block.
//!
//! ```
//! use sdplay_sim::{run, Design, RunOptions, SimTime};
//!
//! let design = Design::from_json(r#"{
//!     "version": 1,
//!     "blocks": [
//!         { "id": "users", "kind": "users", "params": { "rate_rps": 80 } },
//!         { "id": "app", "kind": "app", "params": { "capacity": {
//!             "instances": 1, "workers": 1,
//!             "service": { "dist": "exponential", "mean_ms": 10 } } } }
//!     ],
//!     "links": [ { "from": "users", "to": "app" } ]
//! }"#).expect("a valid design");
//! let options = RunOptions { duration: SimTime::from_secs(100), warmup: SimTime::from_secs(5), seed: 7 };
//! let report = run(&design, options).expect("it runs");
//! // M/M/1 at 80% load: a mean of 1 / (100 - 80) s = 50 ms.
//! assert!((report.summary.latency_ms.mean - 50.0).abs() < 15.0);
//! ```
//!
//! # Determinism
//!
//! Time is an integer number of microseconds ([`SimTime`]). Pending events
//! are ordered by time, then by the order in which they were scheduled, so
//! same-time events always run in the same order. Each block draws from its
//! own random stream, derived from the run's seed and the block's id, and
//! all sampling goes through `libm`: the same design and seed give the same
//! numbers, natively and in wasm. Nothing here reads a clock, spawns a
//! thread, or iterates a hash map.
//!
//! # Running
//!
//! [`run`] runs to a horizon (the CLI). [`Sim::step_until`] advances to a
//! given time and can be called again and again (the browser, which picks
//! how far to go each frame); [`Sim::windows`] then holds the latest
//! one-second windows.

#![warn(missing_docs)]

mod blocks;

pub use blocks::shard_of;
pub mod design;
mod dist;
mod engine;
mod keymap;
mod metrics;
mod report;
mod rng;
mod time;

pub use design::{Block, BlockId, BlockKind, BlockParams, Design, DesignError, Link, Problem};
pub use dist::{LogNormalError, ServiceTime};
pub use engine::{Applied, Class, Sim, WINDOWS_KEPT};
pub use metrics::{
    BlockWindow, EndToEnd, ErrorCounts, LatencySummary, Levels, LinkWindow, Reason, Window,
};
pub use report::{run, BlockReport, BlockReports, LinkReport, Report, RunOptions, RunSummary};
pub use rng::test_stream;
pub use time::SimTime;
