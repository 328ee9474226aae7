//! Panning: the middle button, or Space held, drags the view.

use super::{Effect, Gesture, Pointer};
use crate::canvas::geometry::Point;

#[derive(Clone, Debug, PartialEq)]
pub struct Panning {
    last: Point,
}

impl Panning {
    pub fn new(pointer: Pointer) -> Panning {
        Panning {
            last: pointer.screen,
        }
    }

    pub fn moved(mut self, pointer: Pointer) -> (Gesture, Vec<Effect>) {
        let (dx, dy) = (
            pointer.screen.x - self.last.x,
            pointer.screen.y - self.last.y,
        );
        self.last = pointer.screen;
        (Gesture::Panning(self), vec![Effect::Pan { dx, dy }])
    }
}
