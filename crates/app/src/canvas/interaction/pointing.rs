//! Pointing: pressed, not yet moved far. Letting go is a click (select);
//! moving on starts translating (on a block) or a rubber band (elsewhere).

use super::{Effect, Gesture, Pointer, RubberBand, Scene, Translating, DRAG_THRESHOLD};
use crate::canvas::hit::Hit;
use crate::state::Selection;

#[derive(Clone, Debug, PartialEq)]
pub struct Pointing {
    pub target: Hit,
    pub origin: Pointer,
}

impl Pointing {
    pub fn new(target: Hit, origin: Pointer) -> Pointing {
        Pointing { target, origin }
    }

    pub fn moved(self, scene: &Scene, pointer: Pointer) -> (Gesture, Vec<Effect>) {
        if self.origin.screen.distance(pointer.screen) < DRAG_THRESHOLD {
            return (Gesture::Pointing(self), Vec::new());
        }
        let selection = &scene.editor.selection;
        match &self.target {
            Hit::Block(id) => {
                // Dragging an unselected block drags it alone (or adds it
                // to the selection with Shift).
                let mut effects = Vec::new();
                let moving = if selection.has_block(id) {
                    selection.clone()
                } else if self.origin.shift {
                    let mut more = selection.clone();
                    more.blocks.insert(id.clone());
                    more
                } else {
                    Selection::of_blocks([id.clone()])
                };
                if &moving != selection {
                    effects.push(Effect::Select(moving.clone()));
                }
                let translating = Translating::new(scene, &moving, id, self.origin);
                let (gesture, more) = translating.moved(scene, pointer);
                effects.extend(more);
                (gesture, effects)
            }
            _ => {
                let band = RubberBand::new(selection, self.origin);
                band.moved(scene, pointer)
            }
        }
    }

    /// A click: select what was under the pointer (Shift adds or removes).
    pub fn up(self, scene: &Scene) -> Vec<Effect> {
        let shift = self.origin.shift;
        let mut selection = if shift {
            scene.editor.selection.clone()
        } else {
            Selection::default()
        };
        match &self.target {
            Hit::Block(id) if shift => selection.toggle_block(id),
            Hit::Block(id) => selection = Selection::of_blocks([id.clone()]),
            Hit::Link(link) if shift => selection.toggle_link(link),
            Hit::Link(link) => selection = Selection::of_link(link),
            _ => {}
        }
        vec![Effect::Select(selection)]
    }
}
