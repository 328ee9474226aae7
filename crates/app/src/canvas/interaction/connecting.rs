//! Connecting: dragging from a port. The preview line follows the pointer;
//! over a block it shows whether the link would be accepted, and why not.
//! Dragging from an input port connects the other way round. Letting go
//! without a link always says why; a press on a port that does not move is
//! a click on its block.

use sdplay_sim::BlockId;

use super::{Effect, Gesture, Pointer, Scene, DRAG_THRESHOLD};
use crate::canvas::geometry::{port, Point, Side};
use crate::canvas::hit::Hit;
use crate::state::rules::check_link;
use crate::state::{Edit, Selection};

/// Why a drag that ended over empty canvas made no link.
pub const DROPPED_ON_NOTHING: &str =
    "Not connected: drop the end of the line on another block (it turns green when it may call it)";
/// Why a drag that ended over its own block made no link.
pub const DROPPED_ON_ITSELF: &str =
    "Not connected: a block cannot send requests to itself; drop the line on another block";

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
    /// Where the press was [screen pixels].
    pub origin: Point,
    /// The pointer went further than a click's wander.
    pub dragged: bool,
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
            origin: pointer.screen,
            dragged: false,
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
        self.dragged |= self.origin.distance(pointer.screen) >= DRAG_THRESHOLD;
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

    pub fn up(self, scene: &Scene, pointer: Pointer) -> Vec<Effect> {
        // A tap on a port (easy on a small screen) selects its block, as a
        // click on the body would.
        if !self.dragged {
            let selection = if pointer.shift {
                let mut selection = scene.editor.selection.clone();
                selection.toggle_block(&self.block);
                selection
            } else {
                Selection::of_blocks([self.block.clone()])
            };
            return vec![Effect::Select(selection)];
        }
        match &self.over {
            Some((id, Ok(()))) => {
                let (from, to) = self.ends(id);
                vec![Effect::Edit(Edit::Connect { from, to })]
            }
            Some((_, Err(why))) => vec![Effect::Toast(format!("Cannot connect. {why}"))],
            None => {
                let on_itself = match scene.hit(pointer.world) {
                    Hit::Block(id) | Hit::Port(id, _) => id == self.block,
                    _ => false,
                };
                let why = if on_itself {
                    DROPPED_ON_ITSELF
                } else {
                    DROPPED_ON_NOTHING
                };
                vec![Effect::Toast(why.into())]
            }
        }
    }
}
