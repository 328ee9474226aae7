//! The sdplay playground: a Leptos page (the `sdplay-app` binary) and the
//! Web Worker that runs the simulation (`sdplay-worker`). Both binaries are
//! thin: everything lives in this library, and the editing logic in
//! `state/`, `actions/` and `canvas/` is plain Rust tested natively.

pub mod actions;
pub mod app;
pub mod canvas;
pub mod format;
pub mod live;
pub mod panels;
pub mod persist;
pub mod protocol;
pub mod state;
pub mod url;
pub mod worker;

/// Mounts the page.
pub fn start_page() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
