//! Resizing: dragging a zone's bottom-right corner.

use sdplay_sim::{BlockId, BlockParams};

use super::{Effect, Gesture, Pointer, Scene};
use crate::canvas::geometry::{snap, Point, ZONE_MIN};
use crate::state::Edit;

#[derive(Clone, Debug, PartialEq)]
pub struct Resizing {
    pub zone: BlockId,
    origin: Point,
    start: (f64, f64),
    pub width: f64,
    pub height: f64,
}

impl Resizing {
    pub fn new(scene: &Scene, zone: BlockId, pointer: Pointer) -> Option<Resizing> {
        let block = scene.editor.design.block(&zone)?;
        let BlockParams::Zone(params) = &block.params else {
            return None;
        };
        Some(Resizing {
            zone,
            origin: pointer.world,
            start: (params.width, params.height),
            width: params.width,
            height: params.height,
        })
    }

    pub fn moved(mut self, pointer: Pointer) -> (Gesture, Vec<Effect>) {
        self.width = snap(self.start.0 + pointer.world.x - self.origin.x).max(ZONE_MIN);
        self.height = snap(self.start.1 + pointer.world.y - self.origin.y).max(ZONE_MIN);
        (Gesture::Resizing(self), Vec::new())
    }

    pub fn up(self) -> Vec<Effect> {
        if (self.width, self.height) == self.start {
            return Vec::new();
        }
        vec![Effect::Edit(Edit::ResizeZone {
            id: self.zone,
            width: self.width,
            height: self.height,
        })]
    }
}
