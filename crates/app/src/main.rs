//! The sdplay playground: panic hook and mount, nothing else.

mod app;
mod canvas;
mod format;
mod panels;
mod sim_driver;
mod state;
mod url;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
