//! Benchmark of the sdplay engine: simulated events and user requests per
//! wall second, natively and in wasm, beside a bare heap-ordered event loop
//! as the reference.
//!
//! ```text
//!   workloads.rs   default.json as is; the reference chain of six blocks
//!                  at 80% utilization with about 10,000 events pending
//!   bare.rs        BinaryHeap loop, (time, seq) order, Pcg64Mcg, -ln(U)
//!   suite.rs       the plan (each engine workload taking turns with the
//!                  bare loop at its pending count) and the table
//!   main.rs        native front end: times chunks with Instant
//!   wasm.rs        wasm-bindgen exports; scripts/bench-wasm.cjs times
//!                  them in Node with performance.now()
//! ```
//!
//! An event is one entry taken from the event queue
//! ([`sdplay_sim::Sim::events_processed`]); a request is a user request
//! completed, successfully or not. Only the engine's public API is used.
//! This crate prints numbers; no test here measures time.

pub mod bare;
pub mod suite;
pub mod workloads;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use bare::BareLoop;
pub use suite::{Group, Row, Suite};
pub use workloads::{default_design, Chain, EngineRun, Outcome};
