//! Gestures on the canvas as explicit states, one file each, as tldraw's
//! tools are: [`Gesture::Idle`] waits, a press becomes [`Pointing`], which
//! turns into [`Translating`], [`RubberBand`] or a click; a press on a port
//! is [`Connecting`]; the middle button or Space+drag is [`Panning`]; a
//! zone's corner is [`Resizing`]. Each state handles move, up and cancel
//! and says what to do as [`Effect`]s; the canvas component carries them
//! out. Nothing here touches the browser.

mod connecting;
mod idle;
mod panning;
mod pointing;
mod resizing;
mod rubber_band;
mod translating;

use std::collections::BTreeSet;

use sdplay_sim::BlockId;

pub use connecting::Connecting;
pub use panning::Panning;
pub use pointing::Pointing;
pub use resizing::Resizing;
pub use rubber_band::RubberBand;
pub use translating::Translating;

use super::geometry::Point;
use super::hit::Hit;
use crate::state::{Edit, Editor, Selection};

/// A pointer event, in both screen (canvas pixels) and world coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pointer {
    pub screen: Point,
    pub world: Point,
    /// 0 main, 1 middle, 2 secondary.
    pub button: i16,
    pub shift: bool,
    /// Ctrl, or Cmd on a Mac.
    pub command: bool,
    /// Alt: move without snapping to the grid.
    pub alt: bool,
}

impl Pointer {
    pub fn at(x: f64, y: f64) -> Pointer {
        Pointer {
            screen: Point::new(x, y),
            world: Point::new(x, y),
            button: 0,
            shift: false,
            command: false,
            alt: false,
        }
    }
}

/// What the canvas sees, for the states to decide on.
pub struct Scene<'a> {
    pub editor: &'a Editor,
    /// Screen pixels per world unit.
    pub zoom: f64,
    /// Space is held down: a drag pans.
    pub space_held: bool,
}

impl Scene<'_> {
    pub fn hit(&self, point: Point) -> Hit {
        super::hit::hit_test(&self.editor.design, point, 1.0 / self.zoom)
    }
}

/// What a gesture asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    Select(Selection),
    Edit(Edit),
    /// Moves the view by screen pixels.
    Pan {
        dx: f64,
        dy: f64,
    },
    /// What the pointer is over now (for highlights and ports).
    Hover(Hit),
    /// A message for the user (a refused connection).
    Toast(String),
    /// Double-click on a block: edit its name.
    Rename(BlockId),
}

/// How far [screen pixels] a press may wander and still be a click.
pub const DRAG_THRESHOLD: f64 = 4.0;

#[derive(Clone, Debug, Default, PartialEq)]
pub enum Gesture {
    #[default]
    Idle,
    Pointing(Pointing),
    Translating(Translating),
    Connecting(Connecting),
    RubberBand(RubberBand),
    Panning(Panning),
    Resizing(Resizing),
}

/// What one event does to a gesture: the next state, and what it asks of
/// the editor.
pub type Transition = (Gesture, Vec<Effect>);

impl Gesture {
    pub fn down(self, scene: &Scene, pointer: Pointer) -> (Gesture, Vec<Effect>) {
        match self {
            // A second press during a gesture (another button) is ignored.
            Gesture::Idle => idle::down(scene, pointer),
            other => (other, Vec::new()),
        }
    }

    pub fn moved(self, scene: &Scene, pointer: Pointer) -> (Gesture, Vec<Effect>) {
        match self {
            Gesture::Idle => idle::moved(scene, pointer),
            Gesture::Pointing(state) => state.moved(scene, pointer),
            Gesture::Translating(state) => state.moved(scene, pointer),
            Gesture::Connecting(state) => state.moved(scene, pointer),
            Gesture::RubberBand(state) => state.moved(scene, pointer),
            Gesture::Panning(state) => state.moved(pointer),
            Gesture::Resizing(state) => state.moved(pointer),
        }
    }

    pub fn up(self, scene: &Scene, pointer: Pointer) -> (Gesture, Vec<Effect>) {
        let effects = match self {
            Gesture::Idle | Gesture::Panning(_) => Vec::new(),
            Gesture::Pointing(state) => state.up(scene),
            Gesture::Translating(state) => state.up(),
            Gesture::Connecting(state) => state.up(scene, pointer),
            Gesture::RubberBand(_) => Vec::new(),
            Gesture::Resizing(state) => state.up(),
        };
        let mut effects = effects;
        effects.push(Effect::Hover(scene.hit(pointer.world)));
        (Gesture::Idle, effects)
    }

    /// Escape or a lost pointer: back to idle, nothing changed (a rubber
    /// band keeps what it selected so far).
    pub fn cancel(self) -> Gesture {
        Gesture::Idle
    }

    pub fn is_idle(&self) -> bool {
        matches!(self, Gesture::Idle)
    }

    /// The blocks being dragged and by how much, for drawing.
    pub fn translation(&self) -> Option<(&BTreeSet<BlockId>, f64, f64)> {
        match self {
            Gesture::Translating(state) => Some((&state.moving, state.dx, state.dy)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests;
