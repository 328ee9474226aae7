//! Translating: dragging the selected blocks. The design changes once, on
//! release, so a move is one undo step; until then the canvas draws the
//! blocks offset. The grabbed block snaps to the grid (not with Alt).

use std::collections::BTreeSet;

use sdplay_sim::{BlockId, BlockKind};

use super::{Effect, Gesture, Pointer, Scene};
use crate::canvas::geometry::snap;
use crate::state::{Edit, Selection};

#[derive(Clone, Debug, PartialEq)]
pub struct Translating {
    /// The selected blocks that move.
    pub ids: Vec<BlockId>,
    /// Everything drawn moving: the blocks and what zones among them hold.
    pub moving: BTreeSet<BlockId>,
    /// Where the grabbed block was.
    anchor: (f64, f64),
    origin: Pointer,
    pub dx: f64,
    pub dy: f64,
}

impl Translating {
    pub fn new(scene: &Scene, selection: &Selection, grabbed: &BlockId, origin: Pointer) -> Self {
        let design = &scene.editor.design;
        let ids: Vec<BlockId> = selection.blocks.iter().cloned().collect();
        let moving = design
            .blocks
            .iter()
            .filter(|block| {
                ids.contains(&block.id)
                    || (block.kind() != BlockKind::Zone
                        && block.zone.as_ref().is_some_and(|zone| ids.contains(zone)))
            })
            .map(|block| block.id.clone())
            .collect();
        let anchor = design
            .block(grabbed)
            .map_or((0.0, 0.0), |block| (block.x, block.y));
        Translating {
            ids,
            moving,
            anchor,
            origin,
            dx: 0.0,
            dy: 0.0,
        }
    }

    pub fn moved(mut self, _scene: &Scene, pointer: Pointer) -> (Gesture, Vec<Effect>) {
        let raw_dx = pointer.world.x - self.origin.world.x;
        let raw_dy = pointer.world.y - self.origin.world.y;
        if pointer.alt {
            (self.dx, self.dy) = (raw_dx, raw_dy);
        } else {
            self.dx = snap(self.anchor.0 + raw_dx) - self.anchor.0;
            self.dy = snap(self.anchor.1 + raw_dy) - self.anchor.1;
        }
        (Gesture::Translating(self), Vec::new())
    }

    pub fn up(self) -> Vec<Effect> {
        if self.dx == 0.0 && self.dy == 0.0 {
            return Vec::new();
        }
        vec![Effect::Edit(Edit::Move {
            ids: self.ids,
            dx: self.dx,
            dy: self.dy,
        })]
    }
}
