//! The report of a run: what `sdplay run` prints, as a table or as JSON.
//!
//! The JSON form is a stable interface for scripts: fields may be added,
//! never renamed. Everything counts requests that end after the warm-up.

use std::fmt;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::design::{BlockKind, Design, DesignError};
use crate::engine::Sim;
use crate::metrics::{ErrorCounts, InstanceReport, LatencySummary, LatencyTotals, Reason};
use crate::time::SimTime;

/// End-to-end figures of the measured span.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RunSummary {
    /// User requests issued [req/s]; a retry is not a new request.
    pub offered_rps: f64,
    /// User requests answered successfully [req/s].
    pub throughput_rps: f64,
    /// Failed / (succeeded + failed).
    pub error_rate: f64,
    /// Failed user requests by reason.
    pub errors: ErrorCounts,
    /// Latency of successful user requests.
    pub latency_ms: LatencySummary,
}

/// One block's figures over the measured span.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BlockReport {
    /// The block's kind, as in design files.
    pub kind: &'static str,
    /// Display name.
    pub name: String,
    /// Requests reaching the block [req/s].
    pub arrivals_rps: f64,
    /// Requests it answered successfully [req/s].
    pub throughput_rps: f64,
    /// Share of workers taken, waiting on calls included (0 to 1).
    pub utilization: f64,
    /// Share of workers doing the block's own work (0 to 1).
    pub service_utilization: f64,
    /// Mean number waiting in queues.
    pub mean_queue: f64,
    /// Mean number in the block.
    pub mean_in_system: f64,
    /// Share of admitted requests that waited for a worker.
    pub wait_probability: f64,
    /// Mean time an admitted request waited for a worker [ms].
    pub mean_wait_ms: f64,
    /// Mean time in the block of every answered request, failures
    /// included [ms].
    pub mean_time_ms: f64,
    /// From arrival at the block to its answer, waiting for its own calls
    /// included, of successful requests.
    pub latency_ms: LatencySummary,
    /// Failures this block caused, by reason.
    pub errors: ErrorCounts,
    /// Share of lookups that hit (caches; static requests at CDNs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hit_ratio: Option<f64>,
    /// Stale replica reads [req/s] (databases with replicas).
    pub stale_reads_rps: f64,
    /// Mean instances in rotation (auto-scaling changes it).
    pub mean_instances: f64,
    /// Mean requests waiting for a pooled database connection (app servers).
    pub mean_pool_queue: f64,
    /// Per instance (database nodes: shard by shard, the primary then its
    /// replicas), when the block has more than one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub instances: Vec<InstanceReport>,
}

/// Blocks keyed by id, in design order.
#[derive(Clone, Debug, PartialEq)]
pub struct BlockReports(pub Vec<(String, BlockReport)>);

impl BlockReports {
    /// The report of block `id`.
    pub fn get(&self, id: &str) -> Option<&BlockReport> {
        self.0
            .iter()
            .find(|(block, _)| block == id)
            .map(|(_, report)| report)
    }
}

impl Serialize for BlockReports {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (id, report) in &self.0 {
            map.serialize_entry(id, report)?;
        }
        map.end()
    }
}

/// A whole run's report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// The measured span [s].
    pub duration_s: f64,
    /// The warm-up before it [s].
    pub warmup_s: f64,
    /// The run's seed.
    pub seed: u64,
    /// End to end.
    pub summary: RunSummary,
    /// Per block.
    pub blocks: BlockReports,
    /// The block closest to saturation: the one whose busiest instance has
    /// the highest service utilization.
    pub bottleneck: Option<String>,
    /// Per link, in design order.
    pub links: Vec<LinkReport>,
}

/// One link's traffic over the measured span.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LinkReport {
    /// The caller's id.
    pub from: String,
    /// The callee's id.
    pub to: String,
    /// Calls that crossed the link and were answered [req/s].
    pub rate_rps: f64,
    /// Share of those answered with a failure (0 to 1).
    pub error_rate: f64,
}

/// What to run: how long, after what warm-up, from which seed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RunOptions {
    /// The measured span.
    pub duration: SimTime,
    /// Simulated before measuring starts.
    pub warmup: SimTime,
    /// The seed of every random stream.
    pub seed: u64,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            duration: SimTime::from_secs(60),
            warmup: SimTime::from_secs(5),
            seed: 1,
        }
    }
}

/// Runs `design` headless and reports on it.
pub fn run(design: &Design, options: RunOptions) -> Result<Report, DesignError> {
    let mut sim = Sim::new(design, options.seed)?;
    sim.step_until(options.warmup);
    sim.start_measuring();
    sim.step_until(options.warmup + options.duration);
    Ok(sim.report())
}

impl Sim {
    /// The report from the start of measuring (see [`Sim::start_measuring`])
    /// until now.
    pub fn report(&self) -> Report {
        let now = self.now();
        let mut blocks = Vec::with_capacity(self.nodes.len());
        let mut offered = 0.0;
        let mut throughput = 0.0;
        let mut failed = 0.0;
        let mut errors = ErrorCounts::default();
        let mut latency = LatencyTotals::new();
        let mut bottleneck: Option<(&str, f64)> = None;
        for node in &self.nodes {
            let (summary, block_latency) = node.stats.run_summary(now);
            if node.kind == BlockKind::Users {
                offered += summary.arrivals_rps();
                throughput += summary.throughput_rps();
                failed += summary.failed_rps();
                for reason in Reason::ALL {
                    errors.0[reason as usize] += summary.counts.failures.get(reason);
                }
                node.stats.add_run_latency(now, &mut latency);
            }
            let report = BlockReport {
                kind: node.kind.as_str(),
                name: node.name.clone(),
                arrivals_rps: summary.arrivals_rps(),
                throughput_rps: summary.throughput_rps(),
                utilization: summary.utilization(),
                service_utilization: summary.service_utilization(),
                mean_queue: summary.mean_queue(),
                mean_in_system: summary.mean_in_system(),
                wait_probability: summary.wait_probability(),
                mean_wait_ms: summary.mean_wait_ms(),
                mean_time_ms: summary.mean_residence_ms(),
                latency_ms: block_latency,
                errors: summary.counts.errors,
                hit_ratio: summary.hit_ratio(),
                stale_reads_rps: summary.stale_reads_rps(),
                mean_instances: summary.mean_instances(),
                mean_pool_queue: summary.mean_pool_waiting(),
                instances: if summary.instances.len() > 1 {
                    summary.instances.clone()
                } else {
                    Vec::new()
                },
            };
            let busy = summary.busiest_instance_utilization();
            if busy > 0.0 && bottleneck.is_none_or(|(_, most)| busy > most) {
                bottleneck = Some((node.id.as_str(), busy));
            }
            blocks.push((node.id.0.clone(), report));
        }
        let answered = throughput + failed;
        Report {
            duration_s: (now - self.run_start).as_secs_f64(),
            warmup_s: self.run_start.as_secs_f64(),
            seed: self.seed(),
            summary: RunSummary {
                offered_rps: offered,
                throughput_rps: throughput,
                error_rate: if answered > 0.0 {
                    failed / answered
                } else {
                    0.0
                },
                errors,
                latency_ms: latency.summary(),
            },
            blocks: BlockReports(blocks),
            bottleneck: bottleneck.map(|(id, _)| id.to_owned()),
            links: self
                .design()
                .links
                .iter()
                .zip(self.links.run(now - self.run_start))
                .map(|(link, traffic)| LinkReport {
                    from: link.from.0.clone(),
                    to: link.to.0.clone(),
                    rate_rps: traffic.rate_rps,
                    error_rate: if traffic.rate_rps > 0.0 {
                        traffic.failed_rps / traffic.rate_rps
                    } else {
                        0.0
                    },
                })
                .collect(),
        }
    }
}

impl Report {
    /// The report as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a report serializes to JSON")
    }
}

fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

fn errors_text(errors: &ErrorCounts) -> String {
    let parts: Vec<String> = Reason::ALL
        .into_iter()
        .filter(|reason| errors.get(*reason) > 0)
        .map(|reason| format!("{} {}", errors.get(reason), reason.as_str()))
        .collect();
    if parts.is_empty() {
        "-".into()
    } else {
        parts.join(", ")
    }
}

impl BlockReport {
    /// The highest service utilization of the block or any one instance.
    pub fn busiest_utilization(&self) -> f64 {
        self.instances
            .iter()
            .map(|i| i.service_utilization)
            .fold(self.service_utilization, f64::max)
    }
}

impl fmt::Display for Report {
    /// A plain-text table for terminals.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let summary = &self.summary;
        let latency = &summary.latency_ms;
        writeln!(
            f,
            "{} s measured after {} s of warm-up, seed {}",
            self.duration_s, self.warmup_s, self.seed
        )?;
        writeln!(f)?;
        writeln!(f, "offered      {:>10.1} req/s", summary.offered_rps)?;
        writeln!(f, "throughput   {:>10.1} req/s", summary.throughput_rps)?;
        writeln!(
            f,
            "error rate   {:>10}   {}",
            percent(summary.error_rate),
            errors_text(&summary.errors)
        )?;
        if summary.throughput_rps > 0.0 {
            writeln!(
                f,
                "latency      mean {:.1} ms, p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
                latency.mean, latency.p50, latency.p95, latency.p99, latency.max
            )?;
        } else {
            writeln!(f, "latency      - (no request succeeded)")?;
        }
        writeln!(f)?;
        let id_width = self
            .blocks
            .0
            .iter()
            .map(|(id, _)| id.len())
            .max()
            .unwrap_or(5)
            .max(5);
        writeln!(
            f,
            "{:<id_width$}  {:<13} {:>10} {:>10} {:>6} {:>6} {:>8} {:>8} {:>9} {:>9} {:>6}  errors",
            "block",
            "kind",
            "in req/s",
            "ok req/s",
            "util",
            "svc",
            "queue",
            "in sys",
            "p50 ms",
            "p99 ms",
            "hit",
        )?;
        for (id, block) in &self.blocks.0 {
            writeln!(
                f,
                "{:<id_width$}  {:<13} {:>10.1} {:>10.1} {:>6} {:>6} {:>8.2} {:>8.2} {:>9.2} {:>9.2} {:>6}  {}",
                id,
                block.kind,
                block.arrivals_rps,
                block.throughput_rps,
                percent(block.utilization),
                percent(block.service_utilization),
                block.mean_queue,
                block.mean_in_system,
                block.latency_ms.p50,
                block.latency_ms.p99,
                block.hit_ratio.map_or_else(|| "-".to_owned(), percent),
                errors_text(&block.errors),
            )?;
        }
        for (id, block) in &self.blocks.0 {
            if block.instances.is_empty() {
                continue;
            }
            let shares: Vec<String> = block
                .instances
                .iter()
                .enumerate()
                .map(|(idx, i)| {
                    format!(
                        "#{idx} {} {:.0}/s",
                        percent(i.service_utilization),
                        i.arrivals_rps
                    )
                })
                .collect();
            writeln!(f, "{id} instances: {}", shares.join(", "))?;
        }
        if !self.links.is_empty() {
            let names: Vec<String> = self
                .links
                .iter()
                .map(|link| format!("{} -> {}", link.from, link.to))
                .collect();
            let width = names.iter().map(String::len).max().unwrap_or(4).max(4);
            writeln!(f)?;
            writeln!(f, "{:<width$}  {:>10} {:>7}", "link", "req/s", "failed")?;
            for (name, link) in names.iter().zip(&self.links) {
                writeln!(
                    f,
                    "{name:<width$}  {:>10.1} {:>7}",
                    link.rate_rps,
                    percent(link.error_rate)
                )?;
            }
        }
        if let Some(id) = &self.bottleneck {
            let busy = self
                .blocks
                .get(id)
                .map_or(0.0, BlockReport::busiest_utilization);
            writeln!(f)?;
            writeln!(
                f,
                "bottleneck: {id} (busiest instance {} busy with its own work)",
                percent(busy)
            )?;
        }
        Ok(())
    }
}
