//! The reference: a bare heap-ordered event loop. It keeps a fixed number
//! of events pending; each event taken from the heap schedules the next one
//! an exponential time later (the "hold" model of event-list benchmarks).
//! Same ordering (time, then sequence number), the same integer
//! microseconds, PRNG (`Pcg64Mcg`) and `-ln(U)` draws (`libm`) as the
//! engine, and nothing else: no blocks, calls, metrics or windows.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use rand::{RngExt, SeedableRng};
use rand_pcg::Pcg64Mcg;

use crate::workloads::Outcome;

/// Mean time from an event to the one it schedules [µs].
const MEAN_GAP_US: f64 = 5_000.0;

#[derive(Clone, Copy, Debug)]
struct Entry {
    time: u64,
    seq: u64,
    /// Which of the pending "jobs" this is (the engine's payload is a call
    /// or a timer).
    job: u32,
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
    /// Reversed: `BinaryHeap` is a max-heap and must pop the earliest.
    fn cmp(&self, other: &Entry) -> Ordering {
        other
            .time
            .cmp(&self.time)
            .then_with(|| other.seq.cmp(&self.seq))
    }
}

/// The bare loop with `pending` events in flight.
pub struct BareLoop {
    heap: BinaryHeap<Entry>,
    rng: Pcg64Mcg,
    now: u64,
    next_seq: u64,
    pending: usize,
    events: u64,
    chunk_events: u64,
    n_chunks: u32,
    measure_start: u64,
    events_start: u64,
}

impl BareLoop {
    /// A loop of `pending` events, timed over `n_chunks` chunks of
    /// `chunk_events` events.
    pub fn new(pending: usize, seed: u64, chunk_events: u64, n_chunks: u32) -> BareLoop {
        let pending = pending.max(1);
        BareLoop {
            heap: BinaryHeap::with_capacity(pending),
            rng: Pcg64Mcg::seed_from_u64(seed),
            now: 0,
            next_seq: 0,
            pending,
            events: 0,
            chunk_events,
            n_chunks,
            measure_start: 0,
            events_start: 0,
        }
    }

    /// The events pending.
    pub fn pending(&self) -> usize {
        self.heap.len()
    }

    /// Simulated time now [µs].
    pub fn now(&self) -> u64 {
        self.now
    }

    /// Events taken from the heap so far.
    pub fn events(&self) -> u64 {
        self.events
    }

    #[inline]
    fn gap(&mut self) -> u64 {
        let open_unit = 1.0 - self.rng.random::<f64>();
        (-libm::log(open_unit) * MEAN_GAP_US + 0.5) as u64
    }

    #[inline]
    fn schedule(&mut self, time: u64, job: u32) {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.heap.push(Entry { time, seq, job });
    }

    /// Takes `n` events, each scheduling its successor.
    pub fn run(&mut self, n: u64) {
        for _ in 0..n {
            let entry = self.heap.pop().expect("the bare loop never runs dry");
            self.now = entry.time;
            self.events += 1;
            let gap = self.gap();
            self.schedule(entry.time + gap, entry.job);
        }
    }

    /// Fills the heap, then runs until every initial event has been
    /// replaced a few times over and starts measuring.
    pub fn warm_up(&mut self) {
        for job in 0..self.pending {
            let gap = self.gap();
            self.schedule(gap, job as u32);
        }
        let warmup = (4 * self.pending as u64).max(self.chunk_events);
        self.run(warmup);
        self.measure_start = self.now;
        self.events_start = self.events;
    }

    /// How many chunks make the timed span.
    pub fn n_chunks(&self) -> u32 {
        self.n_chunks
    }

    /// Runs one timed chunk.
    pub fn run_chunk(&mut self) {
        self.run(self.chunk_events);
    }

    /// What the chunks run so far did.
    pub fn outcome(&self) -> Outcome {
        Outcome {
            events: self.events - self.events_start,
            requests: None,
            pending_mean: self.heap.len() as f64,
            sim_secs: (self.now - self.measure_start) as f64 / 1e6,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bare_loop_keeps_its_pending_count_and_moves_forward() {
        let mut bare = BareLoop::new(100, 1, 1_000, 2);
        bare.warm_up();
        let start = bare.now();
        bare.run_chunk();
        bare.run_chunk();
        assert_eq!(bare.pending(), 100);
        assert_eq!(bare.outcome().events, 2_000);
        // 2,000 events of 100 jobs: 20 gaps of 5 ms each, about 100 ms.
        let elapsed_ms = (bare.now() - start) as f64 / 1e3;
        assert!((60.0..140.0).contains(&elapsed_ms), "{elapsed_ms} ms");
    }
}
