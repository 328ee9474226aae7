//! Panels around the canvas: run controls, live numbers and charts, notices.

mod chart;
mod dashboard;
mod notices;
mod run_controls;

pub use dashboard::Dashboard;
pub use notices::Notices;
pub use run_controls::RunControls;
