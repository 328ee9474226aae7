//! The page's side of the simulation: starts the Web Worker, sends it the
//! design as it is edited and the run controls, and publishes its snapshots
//! into [`RunCtx`](crate::state::RunCtx).

mod client;

pub use client::{use_live, LiveCtx};
