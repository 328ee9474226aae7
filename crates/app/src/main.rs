//! The page: panic hook and mount, nothing else.

fn main() {
    sdplay_app::start_page();
}
