//! Calls: one request's visit to one block, kept in an arena.
//!
//! A user request is a root call at its users block; every block it passes
//! through adds a child call whose `parent` is the caller's. The chain of
//! parents is the request's call stack: an answer pops one call and goes to
//! its parent.

use super::{BlockIdx, CallIdx};
use crate::time::SimTime;

/// The kind of request a user makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// A static asset.
    Static,
    /// A read of user data.
    Read,
    /// A write of user data.
    Write,
}

/// What a call asks of the block it reaches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Op {
    /// Handle the user's request (or look a key up, for caches and databases).
    Read,
    /// Store a value.
    Write,
    /// Drop a key from a cache.
    Invalidate,
}

/// One request at one block.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Call {
    /// The caller's call, or `CallIdx::NONE` for a root call.
    pub parent: CallIdx,
    /// Where this call is.
    pub block: BlockIdx,
    /// The instance of the block serving it, once chosen.
    pub instance: u32,
    /// When it reached the block.
    pub arrived: SimTime,
    /// The user id the request is about.
    pub key: u32,
    pub class: Class,
    pub op: Op,
    /// Progress through the block's plan of calls.
    pub step: u8,
    /// Block-specific marks (the app's "the cache missed").
    pub flags: u8,
    /// The link the call came over (its number in the design), or
    /// `NO_LINK` for a user's own request.
    pub link: u32,
}

/// The instance is not chosen yet.
pub(crate) const ANY_INSTANCE: u32 = u32::MAX;

/// An arena of calls with a free list, so a busy run allocates nothing.
#[derive(Debug, Default)]
pub(crate) struct Calls {
    slots: Vec<Call>,
    free: Vec<u32>,
}

impl Calls {
    #[inline]
    pub(crate) fn insert(&mut self, call: Call) -> CallIdx {
        match self.free.pop() {
            Some(idx) => {
                self.slots[idx as usize] = call;
                CallIdx(idx)
            }
            None => {
                let idx = u32::try_from(self.slots.len()).expect("fewer than 4 billion live calls");
                self.slots.push(call);
                CallIdx(idx)
            }
        }
    }

    /// Frees the slot and returns what it held.
    #[inline]
    pub(crate) fn remove(&mut self, idx: CallIdx) -> Call {
        self.free.push(idx.0);
        self.slots[idx.0 as usize]
    }

    #[inline]
    pub(crate) fn get(&self, idx: CallIdx) -> &Call {
        &self.slots[idx.0 as usize]
    }

    #[inline]
    pub(crate) fn get_mut(&mut self, idx: CallIdx) -> &mut Call {
        &mut self.slots[idx.0 as usize]
    }

    /// Calls alive now.
    pub(crate) fn live(&self) -> usize {
        self.slots.len() - self.free.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Calls are the engine's hottest data: keep two to a cache line.
    #[test]
    fn a_call_fits_in_32_bytes() {
        assert!(
            std::mem::size_of::<Call>() <= 32,
            "{}",
            std::mem::size_of::<Call>()
        );
    }
}
