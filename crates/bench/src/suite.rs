//! The benchmark's plan and its table, shared by both front ends.
//!
//! A front end asks the [`Suite`] for the next [`Group`]: an engine
//! workload and the bare loop at its pending count, or a bare loop alone,
//! warmed up. It runs the group's chunks in turn (engine, bare, engine,
//! bare, ...), timing each with its own clock (`Instant` natively,
//! `performance.now()` in Node), and hands the group back. Interleaving
//! makes the engine and its reference share whatever else the machine is
//! doing, and the engine/bare ratio is taken chunk pair by chunk pair.

use std::fmt::Write;

use sdplay_sim::SimTime;

use crate::bare::BareLoop;
use crate::workloads::{default_design, Chain, EngineRun, Outcome};

/// The seed of every workload.
pub const SEED: u64 = 1;

/// "A handful" of pending events, for the bare loop's best case.
pub const HANDFUL: usize = 8;

/// The pending count the bare-loop figures in TOOLCHAIN.md were taken at.
pub const CALIBRATION_PENDING: usize = 20_000;

/// Events in one chunk of the bare loop.
const BARE_CHUNK_EVENTS: u64 = 1_000_000;

/// An engine workload.
#[derive(Clone, Copy, Debug)]
enum Engine {
    /// The default design.
    Default,
    /// The reference chain.
    Chain,
}

/// What to run.
#[derive(Clone, Copy, Debug)]
enum Step {
    /// An engine workload, paired with the bare loop at its pending count.
    Engine(Engine),
    /// The bare loop alone, with this many events pending.
    Bare(usize),
}

const PLAN: [Step; 4] = [
    Step::Engine(Engine::Default),
    Step::Engine(Engine::Chain),
    Step::Bare(HANDFUL),
    Step::Bare(CALIBRATION_PENDING),
];

enum Runner {
    Engine(Box<EngineRun>),
    Bare(BareLoop),
}

impl Runner {
    fn events(&self) -> u64 {
        match self {
            Runner::Engine(run) => run.events(),
            Runner::Bare(bare) => bare.events(),
        }
    }
}

/// One workload of a group.
struct Workload {
    name: String,
    runner: Runner,
    /// Events and wall seconds of each timed chunk.
    chunks: Vec<(u64, f64)>,
    events_before: u64,
}

impl Workload {
    /// A workload of `runner`, which is warmed up.
    fn new(name: String, runner: Runner) -> Workload {
        Workload {
            name,
            events_before: runner.events(),
            runner,
            chunks: Vec::new(),
        }
    }

    fn outcome(&self) -> Outcome {
        match &self.runner {
            Runner::Engine(run) => run.outcome(),
            Runner::Bare(bare) => bare.outcome(),
        }
    }

    /// Events per wall second of each chunk.
    fn chunk_rates(&self) -> Vec<f64> {
        self.chunks
            .iter()
            .map(|&(events, secs)| events as f64 / secs)
            .collect()
    }
}

/// Workloads whose chunks run in turn, warmed up and ready to time: an
/// engine workload and its bare-loop reference, or a bare loop alone.
pub struct Group {
    workloads: Vec<Workload>,
    n_chunks: u32,
}

impl Group {
    /// How many workloads take turns.
    pub fn len(&self) -> usize {
        self.workloads.len()
    }

    /// Whether the group is empty (it never is).
    pub fn is_empty(&self) -> bool {
        self.workloads.is_empty()
    }

    /// The table's name for workload `idx`.
    pub fn name(&self, idx: usize) -> &str {
        &self.workloads[idx].name
    }

    /// How many chunks each workload runs.
    pub fn n_chunks(&self) -> u32 {
        self.n_chunks
    }

    /// Timed: one chunk of workload `idx` (a fixed amount of simulated
    /// time, or of events for the bare loop).
    pub fn run_chunk(&mut self, idx: usize) {
        match &mut self.workloads[idx].runner {
            Runner::Engine(run) => run.run_chunk(),
            Runner::Bare(bare) => bare.run_chunk(),
        }
    }

    /// Untimed: the chunk of workload `idx` just run took `wall_secs`.
    pub fn chunk_took(&mut self, idx: usize, wall_secs: f64) {
        let workload = &mut self.workloads[idx];
        let events = workload.runner.events();
        workload
            .chunks
            .push((events - workload.events_before, wall_secs));
        workload.events_before = events;
    }
}

/// One line of the table.
#[derive(Clone, Debug)]
pub struct Row {
    /// Workload name.
    pub name: String,
    /// What it did.
    pub outcome: Outcome,
    /// Wall time of the timed chunks [s].
    pub wall_secs: f64,
    /// Events per wall second of each chunk, sorted.
    pub chunk_rates: Vec<f64>,
    /// For an engine row: the median over chunk pairs of its rate over its
    /// bare loop's.
    pub ratio: Option<f64>,
}

impl Row {
    /// Events taken from the queue per wall second: the median over the
    /// chunks, which a burst of other work on a shared machine moves less
    /// than the mean.
    pub fn events_per_sec(&self) -> f64 {
        median(&self.chunk_rates).unwrap_or(self.outcome.events as f64 / self.wall_secs)
    }

    /// User requests completed per wall second, at the median event rate.
    pub fn requests_per_sec(&self) -> Option<f64> {
        let requests = self.outcome.requests? as f64;
        Some(requests / self.outcome.events.max(1) as f64 * self.events_per_sec())
    }

    /// How far apart the slowest and fastest chunks were, relative to the
    /// median: a few percent on a quiet machine.
    pub fn spread(&self) -> f64 {
        match (self.chunk_rates.first(), self.chunk_rates.last()) {
            (Some(slowest), Some(fastest)) => (fastest - slowest) / self.events_per_sec(),
            _ => 0.0,
        }
    }
}

/// The median of `values`, which it sorts.
fn median_of(values: &mut [f64]) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    median(values)
}

/// The median of sorted `values`.
fn median(values: &[f64]) -> Option<f64> {
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2]),
        _ => Some((values[n / 2 - 1] + values[n / 2]) / 2.0),
    }
}

/// The plan, the rows measured so far and the table.
pub struct Suite {
    scale: f64,
    next_step: usize,
    rows: Vec<Row>,
}

impl Suite {
    /// A suite whose timed spans are `scale` times the standard ones (a few
    /// wall seconds per workload at 1).
    pub fn new(scale: f64) -> Suite {
        let scale = if scale.is_finite() && scale > 0.0 {
            scale
        } else {
            1.0
        };
        Suite {
            scale,
            next_step: 0,
            rows: Vec::new(),
        }
    }

    fn chunks(&self, standard: u32) -> u32 {
        ((f64::from(standard) * self.scale).round() as u32).max(1)
    }

    /// The next group, warmed up (untimed, but it takes a moment), or
    /// `None` when all have been recorded.
    pub fn next_group(&mut self) -> Option<Group> {
        let step = *PLAN.get(self.next_step)?;
        self.next_step += 1;
        let mut workloads = Vec::new();
        let (pending, n_chunks) = match step {
            Step::Bare(pending) => (pending, if pending < 1_000 { 40 } else { 20 }),
            Step::Engine(engine) => {
                let (name, mut run, n_chunks) = self.engine_run(engine);
                run.warm_up();
                let pending = run.warmup_pending();
                workloads.push(Workload::new(name.into(), Runner::Engine(Box::new(run))));
                (pending.round() as usize, n_chunks)
            }
        };
        let n_chunks = self.chunks(n_chunks);
        let mut bare = BareLoop::new(pending, SEED, BARE_CHUNK_EVENTS, n_chunks);
        bare.warm_up();
        workloads.push(Workload::new(
            format!("bare loop, {pending} pending"),
            Runner::Bare(bare),
        ));
        Some(Group {
            workloads,
            n_chunks,
        })
    }

    /// The run of `engine`, its name and its standard number of chunks.
    fn engine_run(&self, engine: Engine) -> (&'static str, EngineRun, u32) {
        let ms = |ms: u64| SimTime(ms * 1_000);
        match engine {
            // About 10,500 events per simulated second: 60 chunks of 40 s.
            Engine::Default => {
                let n_chunks = 60;
                let run = EngineRun::new(
                    &default_design(),
                    SEED,
                    SimTime::from_secs(60),
                    SimTime::from_secs(40),
                    self.chunks(n_chunks),
                    ms(100),
                );
                ("default.json", run, n_chunks)
            }
            // About 3 million events per simulated second: 30 chunks of
            // 100 ms.
            Engine::Chain => {
                let n_chunks = 30;
                let run = EngineRun::new(
                    &Chain::default().design(),
                    SEED,
                    ms(500),
                    ms(100),
                    self.chunks(n_chunks),
                    ms(1),
                );
                ("chain: 6 blocks at 80%", run, n_chunks)
            }
        }
    }

    /// Records `group` once its chunks are run and timed.
    pub fn record(&mut self, group: &Group) {
        let bare_rates = group.workloads.last().map(Workload::chunk_rates);
        for workload in &group.workloads {
            let rates = workload.chunk_rates();
            let ratio = match (&workload.runner, &bare_rates) {
                (Runner::Engine(_), Some(bare)) => {
                    let mut ratios: Vec<f64> = rates
                        .iter()
                        .zip(bare)
                        .map(|(engine, bare)| engine / bare)
                        .collect();
                    median_of(&mut ratios)
                }
                _ => None,
            };
            let mut chunk_rates = rates;
            chunk_rates.sort_by(f64::total_cmp);
            self.rows.push(Row {
                name: workload.name.clone(),
                outcome: workload.outcome(),
                wall_secs: workload.chunks.iter().map(|&(_, secs)| secs).sum(),
                chunk_rates,
                ratio,
            });
        }
    }

    /// The rows measured so far.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The table, under a line naming the build that was measured.
    pub fn render(&self, title: &str) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{title}");
        let _ = writeln!(
            out,
            "{:<26} {:>8} {:>8} {:>11} {:>6} {:>9} {:>6} {:>10} {:>11}",
            "workload",
            "pending",
            "sim s",
            "events",
            "wall s",
            "events/s",
            "spread",
            "requests/s",
            "engine/bare"
        );
        for row in &self.rows {
            let outcome = &row.outcome;
            let requests = row.requests_per_sec().map_or("-".into(), rate);
            let ratio = row.ratio.map_or("-".into(), |ratio| format!("{ratio:.2}"));
            let _ = writeln!(
                out,
                "{:<26} {:>8} {:>8.1} {:>11} {:>6.2} {:>9} {:>5.0}% {:>10} {:>11}",
                row.name,
                thousands(outcome.pending_mean.round() as u64),
                outcome.sim_secs,
                thousands(outcome.events),
                row.wall_secs,
                rate(row.events_per_sec()),
                row.spread() * 100.0,
                requests,
                ratio,
            );
        }
        out
    }
}

/// `12345678` as `12,345,678`.
fn thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (idx, digit) in digits.chars().enumerate() {
        if idx > 0 && (digits.len() - idx) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// A per-second rate for people: `3.21 M`, `456 k`.
fn rate(per_sec: f64) -> String {
    if per_sec >= 1e6 {
        format!("{:.2} M", per_sec / 1e6)
    } else if per_sec >= 1e3 {
        format!("{:.0} k", per_sec / 1e3)
    } else {
        format!("{per_sec:.0}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_well() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(12_345_678), "12,345,678");
        assert_eq!(rate(3_214_000.0), "3.21 M");
        assert_eq!(rate(456_400.0), "456 k");
        assert_eq!(median_of(&mut [3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median_of(&mut [4.0, 1.0, 2.0, 3.0]), Some(2.5));
    }

    #[test]
    fn engine_workloads_are_paired_with_a_bare_loop_at_their_pending_count() {
        // The default design only: the chain takes a while to warm up in a
        // debug build.
        let mut suite = Suite::new(1e-9);
        let mut group = suite.next_group().expect("the plan starts with a group");
        assert_eq!(group.len(), 2);
        for idx in 0..group.len() {
            group.run_chunk(idx);
            group.chunk_took(idx, 0.5);
        }
        suite.record(&group);
        let rows = suite.rows();
        assert_eq!(rows[0].name, "default.json");
        let pending = rows[0].outcome.pending_mean;
        assert!((5.0..100.0).contains(&pending), "{pending} pending");
        // The bare loop's count is the engine's over the warm-up's end.
        let bare_pending = rows[1].outcome.pending_mean;
        assert!(
            (bare_pending - pending).abs() < 0.5 * pending,
            "{bare_pending} pending"
        );
        assert_eq!(rows[1].outcome.events, BARE_CHUNK_EVENTS);
        assert!(rows[0].ratio.is_some() && rows[1].ratio.is_none());
        assert_eq!(suite.render("test").lines().count(), 4);
    }
}
