//! The event queue: a binary heap ordered by time, then by the order in which
//! events were scheduled.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::{BlockIdx, CallIdx};
use crate::time::SimTime;

/// Something that will happen at a point in simulated time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Event {
    /// A call's own work at its block is done.
    ServiceDone(CallIdx),
    /// A call's wait at its block is over (a connection is open).
    Resume(CallIdx),
    /// A call crossed the network and reaches its block.
    Deliver(CallIdx),
    /// An answer crossed the network back to the caller.
    Reply(CallIdx, super::Outcome),
    /// A block's timer fired; the tag tells the block which one.
    Timer(BlockIdx, u32),
}

#[derive(Clone, Copy, Debug)]
struct Entry {
    time: SimTime,
    seq: u64,
    event: Event,
}

impl PartialEq for Entry {
    fn eq(&self, other: &Entry) -> bool {
        self.time == other.time && self.seq == other.seq
    }
}

impl Eq for Entry {}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Entry) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Entry {
    /// Reversed, so that `BinaryHeap`, a max-heap, pops the earliest entry.
    fn cmp(&self, other: &Entry) -> Ordering {
        other
            .time
            .cmp(&self.time)
            .then_with(|| other.seq.cmp(&self.seq))
    }
}

/// Pending events. Two events at the same time come out in the order they
/// were scheduled: that rule, with seeded draws, makes a run deterministic.
#[derive(Debug, Default)]
pub(crate) struct EventQueue {
    heap: BinaryHeap<Entry>,
    next_seq: u64,
}

impl EventQueue {
    #[inline]
    pub(crate) fn schedule(&mut self, time: SimTime, event: Event) {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.heap.push(Entry { time, seq, event });
    }

    #[inline]
    pub(crate) fn peek_time(&self) -> Option<SimTime> {
        self.heap.peek().map(|entry| entry.time)
    }

    #[inline]
    pub(crate) fn pop(&mut self) -> Option<(SimTime, Event)> {
        self.heap.pop().map(|entry| (entry.time, entry.event))
    }

    pub(crate) fn len(&self) -> usize {
        self.heap.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pops_by_time_then_by_scheduling_order() {
        let mut queue = EventQueue::default();
        let timer = |tag| Event::Timer(BlockIdx(0), tag);
        queue.schedule(SimTime(5), timer(1));
        queue.schedule(SimTime(3), timer(2));
        queue.schedule(SimTime(5), timer(3));
        queue.schedule(SimTime(3), timer(4));
        let order: Vec<_> = std::iter::from_fn(|| queue.pop()).collect();
        assert_eq!(
            order,
            [
                (SimTime(3), timer(2)),
                (SimTime(3), timer(4)),
                (SimTime(5), timer(1)),
                (SimTime(5), timer(3))
            ]
        );
    }
}
