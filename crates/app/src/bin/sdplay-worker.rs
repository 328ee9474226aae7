//! The Web Worker that owns the simulation; see `sdplay_app::worker`.

fn main() {
    sdplay_app::worker::start();
}
