//! The engine workloads: the default template as is, and the reference
//! chain of six blocks at 80% utilization with about 10,000 events pending.
//! [`EngineRun`] steps one of them through the public API only.

use sdplay_sim::{Design, Sim, SimTime};
use serde_json::json;

/// The default design, exactly as the page loads it.
pub const DEFAULT_JSON: &str = include_str!("../../../public/templates/default.json");

/// The default design.
pub fn default_design() -> Design {
    Design::from_json(DEFAULT_JSON).expect("public/templates/default.json is a valid design")
}

/// One serving stage of the chain: a block and its mean service time.
#[derive(Clone, Copy, Debug)]
pub struct Stage {
    /// Block id, also its kind in design files except for `lb`.
    pub id: &'static str,
    /// Block kind in design files.
    pub kind: &'static str,
    /// Mean of its exponential service time [ms].
    pub mean_ms: f64,
}

/// The reference chain: users -> cdn -> gateway -> lb -> app -> db.
///
/// Every serving block has exponential service times and one instance with
/// enough workers that its utilization (workers taken / workers) is
/// `utilization`; there is no queue limit, rate limit, connection limit,
/// cache or static traffic (the app's pool has a connection per worker, the
/// database no connection limit), so every request visits every block once
/// and takes six events:
/// the users block's arrival timer and five service completions. The app
/// holds its worker while the database answers, as thread-per-request
/// servers do, so its workers are sized for its own work plus the
/// database's. Only workers doing their own work have an event pending, so
/// in steady state `rate * sum(mean service times) + 1` events are pending
/// (Little's law; the 1 is the next arrival).
#[derive(Clone, Debug)]
pub struct Chain {
    /// The serving stages, caller first.
    pub stages: [Stage; 5],
    /// Target share of workers taken in every serving block.
    pub utilization: f64,
    /// Target mean number of pending events.
    pub pending: f64,
}

impl Default for Chain {
    fn default() -> Chain {
        let stage = |id, kind, mean_ms| Stage { id, kind, mean_ms };
        Chain {
            stages: [
                stage("cdn", "cdn", 4.0),
                stage("gateway", "gateway", 2.0),
                stage("lb", "load_balancer", 1.0),
                stage("app", "app", 8.0),
                stage("db", "database", 5.0),
            ],
            utilization: 0.8,
            pending: 10_000.0,
        }
    }
}

impl Chain {
    /// The users' request rate that gives the target pending count [req/s].
    pub fn rate_rps(&self) -> f64 {
        let total_s: f64 = self.stages.iter().map(|stage| stage.mean_ms / 1e3).sum();
        (self.pending - 1.0) / total_s
    }

    /// How long a request holds a worker of `stage` [ms]: its own work, and
    /// for the app the database's work too.
    pub fn hold_ms(&self, stage: &Stage) -> f64 {
        match stage.kind {
            "app" => stage.mean_ms + self.stages[4].mean_ms,
            _ => stage.mean_ms,
        }
    }

    /// Workers of `stage` for the target utilization.
    pub fn workers(&self, stage: &Stage) -> u32 {
        let busy = self.rate_rps() * self.hold_ms(stage) / 1e3;
        (busy / self.utilization).round() as u32
    }

    /// The design file.
    pub fn to_json(&self) -> String {
        let service = |stage: &Stage| json!({ "dist": "exponential", "mean_ms": stage.mean_ms });
        let mut blocks = vec![json!({
            "id": "users", "kind": "users", "name": "Users",
            "params": {
                "rate_rps": self.rate_rps(),
                "mix": { "static": 0, "read": 1, "write": 0 }
            }
        })];
        for stage in &self.stages {
            let workers = self.workers(stage);
            let capacity = json!({
                "instances": 1, "workers": workers, "queue_limit": "unlimited",
                "service": service(stage)
            });
            let params = match stage.kind {
                // A pool connection for every worker: never a wait.
                "app" => json!({
                    "capacity": capacity,
                    "connections": { "mode": "pool", "size": workers, "wait_timeout_ms": 1000 }
                }),
                "database" => json!({
                    "replicas": 0, "shards": 1, "max_connections": "unlimited",
                    "workers": workers, "queue_limit": "unlimited",
                    "read": service(stage), "write": service(stage)
                }),
                _ => json!({ "capacity": capacity }),
            };
            blocks.push(json!({ "id": stage.id, "kind": stage.kind, "params": params }));
        }
        let ids: Vec<&str> = std::iter::once("users")
            .chain(self.stages.iter().map(|stage| stage.id))
            .collect();
        let links: Vec<_> = ids
            .windows(2)
            .map(|pair| json!({ "from": pair[0], "to": pair[1] }))
            .collect();
        let design = json!({
            "version": 1,
            "name": "Reference chain (benchmark)",
            "blocks": blocks,
            "links": links,
        });
        serde_json::to_string_pretty(&design).expect("a JSON value serializes")
    }

    /// The design.
    pub fn design(&self) -> Design {
        Design::from_json(&self.to_json()).expect("the reference chain is a valid design")
    }
}

/// What a timed span of a workload did.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Outcome {
    /// Events taken from the queue.
    pub events: u64,
    /// User requests completed, successfully or not; `None` for the bare
    /// loop, which has no requests.
    pub requests: Option<u64>,
    /// Mean number of pending events.
    pub pending_mean: f64,
    /// Simulated time covered [s].
    pub sim_secs: f64,
}

/// A design being run for the benchmark: a warm-up, then `n_chunks` timed
/// chunks of simulated time, with the pending count sampled as it goes.
pub struct EngineRun {
    sim: Sim,
    warmup: SimTime,
    chunk: SimTime,
    n_chunks: u32,
    sample_every: SimTime,
    measure_start: SimTime,
    events_start: u64,
    /// Pending-count samples over the second half of the warm-up.
    warmup_pending: Samples,
    /// Pending-count samples over the timed chunks.
    pending: Samples,
}

/// A running mean of pending counts.
#[derive(Clone, Copy, Debug, Default)]
struct Samples {
    sum: u64,
    count: u64,
}

impl Samples {
    fn mean(self) -> f64 {
        self.sum as f64 / self.count.max(1) as f64
    }
}

impl EngineRun {
    /// `design` seeded with `seed`: `warmup` untimed, then `n_chunks` chunks
    /// of `chunk`, sampling the pending count every `sample_every`.
    pub fn new(
        design: &Design,
        seed: u64,
        warmup: SimTime,
        chunk: SimTime,
        n_chunks: u32,
        sample_every: SimTime,
    ) -> EngineRun {
        EngineRun {
            sim: Sim::new(design, seed).expect("benchmark designs are valid"),
            warmup,
            chunk,
            n_chunks,
            sample_every,
            measure_start: SimTime::ZERO,
            events_start: 0,
            warmup_pending: Samples::default(),
            pending: Samples::default(),
        }
    }

    /// Runs the warm-up, sampling the pending count over its second half,
    /// and starts measuring.
    pub fn warm_up(&mut self) {
        self.sim.step_until(SimTime(self.warmup.as_micros() / 2));
        self.warmup_pending = self.step_sampling(self.warmup, Samples::default());
        self.sim.start_measuring();
        self.measure_start = self.sim.now();
        self.events_start = self.sim.events_processed();
    }

    /// The mean pending count over the second half of the warm-up.
    pub fn warmup_pending(&self) -> f64 {
        self.warmup_pending.mean()
    }

    /// Steps to `end`, adding a sample of the pending count every
    /// `sample_every` to `samples`.
    fn step_sampling(&mut self, end: SimTime, mut samples: Samples) -> Samples {
        let mut time = self.sim.now();
        while time < end {
            time = (time + self.sample_every).min(end);
            self.sim.step_until(time);
            samples.sum += self.sim.pending_events() as u64;
            samples.count += 1;
        }
        samples
    }

    /// How many chunks make the timed span.
    pub fn n_chunks(&self) -> u32 {
        self.n_chunks
    }

    /// Runs one chunk of simulated time.
    pub fn run_chunk(&mut self) {
        let end = self.sim.now() + self.chunk;
        self.pending = self.step_sampling(end, self.pending);
    }

    /// Events taken from the queue so far, warm-up included.
    pub fn events(&self) -> u64 {
        self.sim.events_processed()
    }

    /// What the chunks run so far did.
    pub fn outcome(&self) -> Outcome {
        let summary = self.sim.report().summary;
        let sim_secs = (self.sim.now() - self.measure_start).as_secs_f64();
        let ok = (summary.throughput_rps * sim_secs).round() as u64;
        Outcome {
            events: self.sim.events_processed() - self.events_start,
            requests: Some(ok + summary.errors.total()),
            pending_mean: self.pending.mean(),
            sim_secs,
        }
    }

    /// The simulation, for checks.
    pub fn sim(&self) -> &Sim {
        &self.sim
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_template_is_valid() {
        let design = default_design();
        assert_eq!(design.blocks.len(), 7);
    }

    #[test]
    fn the_chain_has_six_blocks_sized_for_its_targets() {
        let chain = Chain::default();
        let design = chain.design();
        assert_eq!(design.blocks.len(), 6);
        assert_eq!(design.links.len(), 5);
        // 9,999 / 20 ms.
        assert!((chain.rate_rps() - 499_950.0).abs() < 1.0);
        let workers: Vec<u32> = chain.stages.iter().map(|s| chain.workers(s)).collect();
        assert_eq!(workers, [2_500, 1_250, 625, 8_124, 3_125]);
    }
}
