//! What is selected: blocks and links.

use std::collections::BTreeSet;

use sdplay_sim::{BlockId, Link};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    pub blocks: BTreeSet<BlockId>,
    /// Links as (from, to).
    pub links: BTreeSet<(BlockId, BlockId)>,
}

impl Selection {
    pub fn of_blocks(ids: impl IntoIterator<Item = BlockId>) -> Selection {
        Selection {
            blocks: ids.into_iter().collect(),
            links: BTreeSet::new(),
        }
    }

    pub fn of_link(link: &Link) -> Selection {
        Selection {
            blocks: BTreeSet::new(),
            links: [(link.from.clone(), link.to.clone())].into(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty() && self.links.is_empty()
    }

    pub fn has_block(&self, id: &BlockId) -> bool {
        self.blocks.contains(id)
    }

    pub fn has_link(&self, link: &Link) -> bool {
        self.links.contains(&(link.from.clone(), link.to.clone()))
    }

    /// The one selected block, when exactly one block and nothing else is.
    pub fn single_block(&self) -> Option<&BlockId> {
        match (self.blocks.len(), self.links.len()) {
            (1, 0) => self.blocks.iter().next(),
            _ => None,
        }
    }

    /// Adds or removes a block (shift-click).
    pub fn toggle_block(&mut self, id: &BlockId) {
        if !self.blocks.remove(id) {
            self.blocks.insert(id.clone());
        }
    }

    pub fn toggle_link(&mut self, link: &Link) {
        let key = (link.from.clone(), link.to.clone());
        if !self.links.remove(&key) {
            self.links.insert(key);
        }
    }

    /// Both selections together.
    pub fn union(&self, other: &Selection) -> Selection {
        Selection {
            blocks: self.blocks.union(&other.blocks).cloned().collect(),
            links: self.links.union(&other.links).cloned().collect(),
        }
    }
}
