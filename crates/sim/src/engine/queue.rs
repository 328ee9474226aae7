//! The event queue: a heap ordered by time, then by the order in which
//! events were scheduled.

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
    /// The order of the queue: the time in the high 64 bits, the sequence
    /// number in the low 64, so that one integer comparison orders by time
    /// and then by scheduling order.
    key: u128,
    event: Event,
}

impl Entry {
    fn time(&self) -> SimTime {
        SimTime((self.key >> 64) as u64)
    }
}

/// Children per node: a 4-ary heap is shallower than a binary one and
/// compares siblings that sit side by side in memory.
const ARITY: usize = 4;

/// Pending events. Two events at the same time come out in the order they
/// were scheduled: that rule, with seeded draws, makes a run deterministic.
///
/// Keys are unique (the sequence number never repeats), so the order of
/// the pops depends only on what was scheduled, not on how the heap is laid
/// out.
///
/// A popped event leaves the heap lazily: its entry stays at the root until
/// the next event is scheduled, which then takes its place with one sift
/// instead of a removal and an insertion (a handler mostly schedules an
/// event or two), or until the next pop or peek removes it.
#[derive(Debug, Default)]
pub(crate) struct EventQueue {
    /// A 4-ary min-heap on `Entry::key`.
    heap: Vec<Entry>,
    /// The root has been popped and is no longer pending.
    root_popped: bool,
    next_seq: u64,
}

impl EventQueue {
    #[inline]
    pub(crate) fn schedule(&mut self, time: SimTime, event: Event) {
        let entry = Entry {
            key: (u128::from(time.as_micros()) << 64) | u128::from(self.next_seq),
            event,
        };
        self.next_seq += 1;
        if self.root_popped {
            self.root_popped = false;
            self.replace_root(entry);
            return;
        }
        // Sift up: move parents down into the hole until the entry fits.
        let mut hole = self.heap.len();
        self.heap.push(entry);
        while hole > 0 {
            let parent = (hole - 1) / ARITY;
            if self.heap[parent].key < entry.key {
                break;
            }
            self.heap[hole] = self.heap[parent];
            hole = parent;
        }
        self.heap[hole] = entry;
    }

    #[inline]
    pub(crate) fn peek_time(&mut self) -> Option<SimTime> {
        self.remove_popped_root();
        self.heap.first().map(Entry::time)
    }

    /// Takes the earliest event out of the queue.
    #[inline]
    pub(crate) fn pop(&mut self) -> Option<(SimTime, Event)> {
        self.remove_popped_root();
        let top = *self.heap.first()?;
        self.root_popped = true;
        Some((top.time(), top.event))
    }

    /// Removes the popped root, if any: the last entry takes its place.
    #[inline]
    fn remove_popped_root(&mut self) {
        if !self.root_popped {
            return;
        }
        self.root_popped = false;
        let Some(last) = self.heap.pop() else {
            return;
        };
        if !self.heap.is_empty() {
            self.replace_root(last);
        }
    }

    /// Puts `entry` at the root, in place of the entry there, and restores
    /// the heap order.
    #[inline]
    fn replace_root(&mut self, entry: Entry) {
        let heap = &mut self.heap[..];
        let len = heap.len();
        // Floyd's method: the hole at the root sinks to the bottom, the
        // smallest child moving up into it at every level, without comparing
        // with `entry`; then `entry` rises from there to its place. Most
        // entries belong near the bottom, so this saves the comparison with
        // `entry` on the way down.
        let mut hole = 0;
        loop {
            let first = hole * ARITY + 1;
            let child = if let Some(kids) = heap.get(first..first + ARITY) {
                // A full set of children (all but at most one node): the
                // smallest of four in a tournament, which compiles to
                // conditional moves rather than unpredictable branches.
                let a = usize::from(kids[1].key < kids[0].key);
                let b = 2 + usize::from(kids[3].key < kids[2].key);
                first + if kids[b].key < kids[a].key { b } else { a }
            } else if first < len {
                let mut child = first;
                for candidate in first + 1..len {
                    if heap[candidate].key < heap[child].key {
                        child = candidate;
                    }
                }
                child
            } else {
                break;
            };
            heap[hole] = heap[child];
            hole = child;
        }
        while hole > 0 {
            let parent = (hole - 1) / ARITY;
            if heap[parent].key < entry.key {
                break;
            }
            heap[hole] = heap[parent];
            hole = parent;
        }
        heap[hole] = entry;
    }

    /// Events pending.
    pub(crate) fn len(&self) -> usize {
        self.heap.len() - usize::from(self.root_popped)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pops_in_order_whatever_the_order_of_scheduling() {
        let mut queue = EventQueue::default();
        let mut rng = crate::rng::stream(9, "queue", 0);
        let mut times: Vec<u64> = Vec::new();
        for round in 0..2_000u32 {
            let time = rand::RngExt::random_range(&mut rng, 0..500u64);
            times.push(time);
            queue.schedule(SimTime(time), Event::Timer(BlockIdx(0), round));
            if round % 3 == 0 {
                let (popped, _) = queue.pop().expect("not empty");
                times.sort_unstable();
                assert_eq!(popped.as_micros(), times.remove(0));
            }
        }
        let mut last = (SimTime::ZERO, 0);
        while let Some((time, Event::Timer(_, tag))) = queue.pop() {
            assert!((time, 0) >= (last.0, 0));
            if time == last.0 {
                assert!(tag > last.1, "same-time events in scheduling order");
            }
            last = (time, tag);
        }
    }

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
