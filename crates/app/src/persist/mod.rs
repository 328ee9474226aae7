//! Keeping the user's work: the design autosaved in the browser, so a
//! reload or a closed tab loses nothing.

mod local;

pub use local::{restore, saved_design, use_autosave, Restored};
