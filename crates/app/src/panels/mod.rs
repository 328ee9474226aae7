//! Panels around the canvas: palette, inspector, templates, toolbar, run
//! controls, live numbers and charts, notices, toasts and the shortcut list.

mod chart;
mod dashboard;
mod help;
pub mod inspector;
mod notices;
mod palette;
mod run_controls;
pub mod templates;
mod toast;
mod toolbar;

pub use dashboard::Dashboard;
pub use help::HelpDialog;
pub use inspector::Inspector;
pub use notices::Notices;
pub use palette::Palette;
pub use run_controls::RunControls;
pub use templates::TemplatesMenu;
pub use toast::Toast;
pub use toolbar::Toolbar;
