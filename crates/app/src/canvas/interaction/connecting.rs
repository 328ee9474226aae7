//! Connecting: dragging from a port. The preview line follows the pointer;
//! over a block it shows whether the link would be accepted, and why not.
//! Dragging from an input port connects the other way round.

use sdplay_sim::BlockId;

use super::{Effect, Gesture, Pointer, Scene};
use crate::canvas::geometry::{port, Point, Side};
use crate::canvas::hit::Hit;
use crate::state::rules::check_link;
use crate::state::Edit;

#[derive(Clone, Debug, PartialEq)]
pub struct Connecting {
    pub block: BlockId,
    pub side: Side,
    /// Where the line starts (the port).
    pub start: Point,
    /// Where the pointer is.
    pub at: Point,
    /// The block under the pointer, if any, and the refusal if the link
    /// would make no sense.
    pub over: Option<(BlockId, Result<(), String>)>,
}

impl Connecting {
    pub fn new(scene: &Scene, block: BlockId, side: Side, pointer: Pointer) -> Connecting {
        let start = scene
            .editor
            .design
            .block(&block)
            .and_then(|b| port(b, side))
            .unwrap_or(pointer.world);
        Connecting {
            block,
            side,
            start,
            at: pointer.world,
            over: None,
        }
    }

    /// (from, to) for a link to `other`.
    fn ends(&self, other: &BlockId) -> (BlockId, BlockId) {
        match self.side {
            Side::Out => (self.block.clone(), other.clone()),
            Side::In => (other.clone(), self.block.clone()),
        }
    }

    pub fn moved(mut self, scene: &Scene, pointer: Pointer) -> (Gesture, Vec<Effect>) {
        self.at = pointer.world;
        let target = match scene.hit(pointer.world) {
            Hit::Block(id) | Hit::Port(id, _) if id != self.block => Some(id),
            _ => None,
        };
        self.over = target.map(|id| {
            let (from, to) = self.ends(&id);
            let verdict = check_link(&scene.editor.design, &from, &to);
            (id, verdict)
        });
        (Gesture::Connecting(self), Vec::new())
    }

    pub fn up(self) -> Vec<Effect> {
        match &self.over {
            Some((id, Ok(()))) => {
                let (from, to) = self.ends(id);
                vec![Effect::Edit(Edit::Connect { from, to })]
            }
            Some((_, Err(why))) => vec![Effect::Toast(format!("Cannot connect. {why}"))],
            None => Vec::new(),
        }
    }
}
