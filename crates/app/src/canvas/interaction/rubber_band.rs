//! Rubber band: dragging on empty canvas selects the blocks the band
//! touches (Shift adds them to what was selected).

use super::{Effect, Gesture, Pointer, Scene};
use crate::canvas::geometry::{Point, Rect};
use crate::canvas::hit::blocks_in;
use crate::state::Selection;

#[derive(Clone, Debug, PartialEq)]
pub struct RubberBand {
    pub origin: Point,
    pub at: Point,
    /// What stays selected whatever the band covers.
    base: Selection,
}

impl RubberBand {
    pub fn new(selection: &Selection, origin: Pointer) -> RubberBand {
        RubberBand {
            origin: origin.world,
            at: origin.world,
            base: if origin.shift {
                selection.clone()
            } else {
                Selection::default()
            },
        }
    }

    pub fn rect(&self) -> Rect {
        Rect::spanning(self.origin, self.at)
    }

    pub fn moved(mut self, scene: &Scene, pointer: Pointer) -> (Gesture, Vec<Effect>) {
        self.at = pointer.world;
        let inside = Selection::of_blocks(blocks_in(&scene.editor.design, &self.rect()));
        let selection = self.base.union(&inside);
        let effects = if selection == scene.editor.selection {
            Vec::new()
        } else {
            vec![Effect::Select(selection)]
        };
        (Gesture::RubberBand(self), effects)
    }
}
