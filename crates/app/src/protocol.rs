//! Messages between the page and the simulation's Web Worker, sent as JSON
//! text. The core's measurement types carry no serde derives (they are not
//! a file format), so this module mirrors the fields it sends.

use sdplay_sim::{
    BlockId, BlockWindow, EndToEnd, ErrorCounts, LatencySummary, Levels, Link, LinkWindow, Window,
};
use serde::{Deserialize, Serialize};

/// What the page asks of the worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ToWorker {
    /// Start a new run of `design` (a design file) at time zero.
    Load {
        design: String,
        seed: u64,
        speed: f64,
        running: bool,
        pause_at_ms: Option<u64>,
    },
    /// Carry on with an edited design (settings in place, structure by a
    /// restart at the current time).
    Apply { design: String },
    /// Play or pause.
    Run(bool),
    /// Simulated seconds per wall second.
    Speed(f64),
    /// Advance by this many simulated seconds, as fast as possible.
    Step { secs: f64 },
    /// Start again from time zero with `seed`.
    Reset { seed: u64 },
}

/// What the worker tells the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FromWorker {
    /// The worker listens: messages sent before this one were lost.
    Ready,
    Snapshot(Snapshot),
    /// Something the user should read (a design the worker refused).
    Problem(String),
}

/// The run as it stands, sent a few dozen times a second.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Simulated time [ms].
    pub sim_ms: u64,
    pub running: bool,
    /// Set when the run reached its pause time and paused itself.
    pub paused_at_mark: bool,
    /// Simulated seconds per wall second lately.
    pub achieved_speed: f64,
    /// Events the engine processes per wall second of work (its capacity).
    pub events_per_sec: f64,
    /// Events processed since the run began.
    pub events: u64,
    /// The run started over: forget earlier windows.
    pub reset: bool,
    /// Windows closed since the last snapshot, oldest first.
    pub windows: Vec<WindowMsg>,
    /// Per block now: (id, in system, queued, busy, capacity).
    pub levels: Vec<(String, [u32; 4])>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WindowMsg {
    pub start_ms: u64,
    /// offered, throughput, failed, error rate.
    pub rates: [f64; 4],
    pub errors: [u64; 4],
    /// mean, p50, p95, p99, max [ms].
    pub latency: [f64; 5],
    pub blocks: Vec<BlockWindowMsg>,
    /// Per link: from, to, [answered, failed] [req/s].
    #[serde(default)]
    pub links: Vec<(String, String, [f64; 2])>,
    /// The run restarted in this window, dropping this many requests.
    #[serde(default)]
    pub restarted: Option<u64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BlockWindowMsg {
    pub id: String,
    /// arrivals, throughput, failed [req/s], utilization, service
    /// utilization, mean queue, mean in system, mean latency [ms], stale
    /// reads [req/s], instances, mean pool queue, busiest instance's
    /// service utilization.
    pub values: [f64; 12],
    /// Share of lookups that hit (caches, CDNs).
    pub hit_ratio: Option<f64>,
    pub errors: [u64; 4],
    pub failures: [u64; 4],
}

/// One second of the run as the page keeps it: blocks by id, since the
/// simulated design may hold fewer blocks than the one drawn.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LiveWindow {
    pub start_ms: u64,
    pub end_to_end: EndToEnd,
    pub blocks: Vec<(BlockId, BlockWindow)>,
    /// Per link, by its ends.
    pub links: Vec<(BlockId, BlockId, LinkWindow)>,
    /// The design's structure changed in this window: the run restarted,
    /// dropping this many requests in flight.
    pub restarted: Option<u64>,
}

impl LiveWindow {
    pub fn block(&self, id: &BlockId) -> Option<&BlockWindow> {
        self.blocks
            .iter()
            .find(|(block, _)| block == id)
            .map(|(_, window)| window)
    }

    /// The traffic on the link from `from` to `to`, if it ran.
    pub fn link(&self, from: &BlockId, to: &BlockId) -> Option<&LinkWindow> {
        self.links
            .iter()
            .find(|(a, b, _)| a == from && b == to)
            .map(|(_, _, window)| window)
    }

    /// The bottleneck, as the engine's report finds it: the block whose
    /// busiest instance does the most of its own work (a saturated primary
    /// or hot shard shows even when the block's average looks fine).
    pub fn bottleneck(&self) -> Option<(&BlockId, f64)> {
        let busy = |w: &BlockWindow| w.busiest_instance_utilization;
        self.blocks
            .iter()
            .max_by(|a, b| busy(&a.1).total_cmp(&busy(&b.1)))
            .filter(|(_, window)| busy(window) > 0.0)
            .map(|(id, window)| (id, busy(window)))
    }
}

impl WindowMsg {
    /// A window of the run, with the ids of the blocks and the links in
    /// its order.
    pub fn new(window: &Window, ids: &[BlockId], links: &[Link]) -> WindowMsg {
        let e2e = &window.end_to_end;
        let lat = &e2e.latency;
        WindowMsg {
            start_ms: window.start.as_micros() / 1_000,
            rates: [
                e2e.offered_rps,
                e2e.throughput_rps,
                e2e.failed_rps,
                e2e.error_rate,
            ],
            errors: e2e.errors.0,
            latency: [lat.mean, lat.p50, lat.p95, lat.p99, lat.max],
            blocks: window
                .blocks
                .iter()
                .zip(ids)
                .map(|(block, id)| BlockWindowMsg {
                    id: id.as_str().to_owned(),
                    values: [
                        block.arrivals_rps,
                        block.throughput_rps,
                        block.failed_rps,
                        block.utilization,
                        block.service_utilization,
                        block.mean_queue,
                        block.mean_in_system,
                        block.mean_latency_ms,
                        block.stale_reads_rps,
                        block.instances,
                        block.mean_pool_queue,
                        block.busiest_instance_utilization,
                    ],
                    hit_ratio: block.hit_ratio,
                    errors: block.errors.0,
                    failures: block.failures.0,
                })
                .collect(),
            links: window
                .links
                .iter()
                .zip(links)
                .map(|(traffic, link)| {
                    let ends = (link.from.as_str().to_owned(), link.to.as_str().to_owned());
                    (ends.0, ends.1, [traffic.rate_rps, traffic.failed_rps])
                })
                .collect(),
            restarted: window.restarted,
        }
    }

    pub fn into_live(self) -> LiveWindow {
        let [offered_rps, throughput_rps, failed_rps, error_rate] = self.rates;
        let [mean, p50, p95, p99, max] = self.latency;
        LiveWindow {
            start_ms: self.start_ms,
            end_to_end: EndToEnd {
                offered_rps,
                throughput_rps,
                failed_rps,
                error_rate,
                errors: ErrorCounts(self.errors),
                latency: LatencySummary {
                    mean,
                    p50,
                    p95,
                    p99,
                    max,
                },
            },
            blocks: self
                .blocks
                .into_iter()
                .map(|block| {
                    let [arrivals_rps, throughput_rps, failed_rps, utilization, service_utilization, mean_queue, mean_in_system, mean_latency_ms, stale_reads_rps, instances, mean_pool_queue, busiest_instance_utilization] =
                        block.values;
                    let window = BlockWindow {
                        arrivals_rps,
                        throughput_rps,
                        failed_rps,
                        utilization,
                        service_utilization,
                        mean_queue,
                        mean_in_system,
                        mean_latency_ms,
                        errors: ErrorCounts(block.errors),
                        failures: ErrorCounts(block.failures),
                        hit_ratio: block.hit_ratio,
                        stale_reads_rps,
                        instances,
                        mean_pool_queue,
                        busiest_instance_utilization,
                    };
                    (BlockId(block.id), window)
                })
                .collect(),
            links: self
                .links
                .into_iter()
                .map(|(from, to, [rate_rps, failed_rps])| {
                    let traffic = LinkWindow {
                        rate_rps,
                        failed_rps,
                    };
                    (BlockId(from), BlockId(to), traffic)
                })
                .collect(),
            restarted: self.restarted,
        }
    }
}

/// Levels as sent: in system, queued, busy, capacity.
pub fn levels_msg(levels: &Levels) -> [u32; 4] {
    [
        levels.in_system,
        levels.queued,
        levels.busy,
        levels.capacity,
    ]
}

pub fn encode<T: Serialize>(message: &T) -> String {
    serde_json::to_string(message).expect("protocol messages serialize to JSON")
}

pub fn decode<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|error| format!("a garbled message: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use sdplay_sim::{Design, Sim, SimTime};

    /// A window crosses to the page with each link's own traffic, found by
    /// its ends.
    #[test]
    fn windows_carry_link_traffic_to_the_page() {
        let design = Design::from_json(
            r#"{ "version": 1, "blocks": [
                { "id": "a", "kind": "users", "params": { "rate_rps": 400 } },
                { "id": "b", "kind": "users", "params": { "rate_rps": 20 } },
                { "id": "app", "kind": "app" } ],
              "links": [ { "from": "a", "to": "app" }, { "from": "b", "to": "app" } ] }"#,
        )
        .expect("valid design");
        let mut sim = Sim::new(&design, 1).expect("runs");
        sim.step_until(SimTime::from_secs(3));
        let ids: Vec<BlockId> = sim.block_ids().cloned().collect();
        let window = sim.windows().back().expect("a window");
        let message = WindowMsg::new(window, &ids, &design.links);
        let live = decode::<WindowMsg>(&encode(&message))
            .expect("round trip")
            .into_live();
        let rate = |from: &str, to: &str| {
            live.link(&BlockId::from(from), &BlockId::from(to))
                .map(|traffic| traffic.rate_rps)
        };
        assert_eq!(rate("a", "app"), Some(window.links[0].rate_rps));
        assert_eq!(rate("b", "app"), Some(window.links[1].rate_rps));
        assert!(rate("a", "app") > Some(300.0), "{live:?}");
        assert!(rate("b", "app") < Some(60.0), "{live:?}");
        assert_eq!(rate("app", "a"), None);
    }
}
