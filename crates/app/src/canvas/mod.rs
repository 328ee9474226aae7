//! The design drawn as an SVG diagram, with live numbers on blocks and links.

mod diagram;
mod icons;

pub use diagram::Diagram;
