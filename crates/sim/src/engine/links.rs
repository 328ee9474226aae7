//! Traffic on each link of the design: how many calls crossed it and came
//! back answered, and how many of those answers were failures. Counted when
//! the answer comes back, so a window or a run counts the calls that ended
//! in it, as every other figure does.

use super::BlockIdx;
use crate::design::Design;
use crate::metrics::LinkWindow;
use crate::time::SimTime;

/// The link a call did not come over: a user's own request.
pub(crate) const NO_LINK: u32 = u32::MAX;

/// Cumulative counts of one link.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct LinkCounts {
    pub answered: u64,
    pub failed: u64,
}

#[derive(Debug, Default)]
pub(crate) struct Links {
    /// For each block, the links leaving it: (callee, link number).
    outgoing: Vec<Vec<(BlockIdx, u32)>>,
    counts: Vec<LinkCounts>,
    at_window_start: Vec<LinkCounts>,
    at_run_start: Vec<LinkCounts>,
}

impl Links {
    /// The links of `design`, whose blocks are numbered as the engine's.
    pub(crate) fn new(design: &Design) -> Links {
        let mut outgoing = vec![Vec::new(); design.blocks.len()];
        for (number, link) in design.links.iter().enumerate() {
            let (Some(from), Some(to)) =
                (design.block_index(&link.from), design.block_index(&link.to))
            else {
                continue;
            };
            outgoing[from].push((BlockIdx(to as u32), number as u32));
        }
        let counts = vec![LinkCounts::default(); design.links.len()];
        Links {
            outgoing,
            at_window_start: counts.clone(),
            at_run_start: counts.clone(),
            counts,
        }
    }

    /// The link from `from` to `to`, or [`NO_LINK`].
    #[inline]
    pub(crate) fn between(&self, from: BlockIdx, to: BlockIdx) -> u32 {
        self.outgoing
            .get(from.0 as usize)
            .and_then(|links| links.iter().find(|(callee, _)| *callee == to))
            .map_or(NO_LINK, |&(_, number)| number)
    }

    /// Counts an answer that came back over `link`.
    #[inline]
    pub(crate) fn record(&mut self, link: u32, failed: bool) {
        if let Some(counts) = self.counts.get_mut(link as usize) {
            counts.answered += 1;
            counts.failed += u64::from(failed);
        }
    }

    /// The rates since the last window closed, over `span`; the next window
    /// starts now.
    pub(crate) fn close_window(&mut self, span: SimTime) -> Vec<LinkWindow> {
        let windows = rates(&self.counts, &self.at_window_start, span);
        self.at_window_start.clone_from(&self.counts);
        windows
    }

    /// Starts the measured part of a run.
    pub(crate) fn start_run(&mut self) {
        self.at_run_start.clone_from(&self.counts);
    }

    /// The rates since the run started measuring, over `span`.
    pub(crate) fn run(&self, span: SimTime) -> Vec<LinkWindow> {
        rates(&self.counts, &self.at_run_start, span)
    }
}

fn rates(now: &[LinkCounts], then: &[LinkCounts], span: SimTime) -> Vec<LinkWindow> {
    let seconds = span.as_secs_f64();
    let per_second = |count: u64| {
        if seconds > 0.0 {
            count as f64 / seconds
        } else {
            0.0
        }
    };
    now.iter()
        .zip(then)
        .map(|(now, then)| LinkWindow {
            rate_rps: per_second(now.answered - then.answered),
            failed_rps: per_second(now.failed - then.failed),
        })
        .collect()
}
