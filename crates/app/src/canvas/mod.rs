//! The canvas: geometry and hit-testing (plain Rust), gestures as explicit
//! states (`interaction/`), and the SVG drawing (`diagram.rs` for blocks and
//! links, `overlay.rs` for selection and previews, `view.rs` for the
//! element that takes the pointer).

pub mod geometry;
pub mod hit;
pub mod interaction;

mod diagram;
mod icons;
mod overlay;
mod placement;
mod view;

pub use icons::BlockIcon;
pub use view::EditorCanvas;
