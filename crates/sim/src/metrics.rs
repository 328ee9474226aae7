//! Measurements: time-weighted gauges (how many requests are in a block,
//! queued, being served), counters and latency histograms, kept per block
//! and cut into one-second windows.
//!
//! Everything is cumulative since the run began; a window or a report is the
//! difference between two cumulative readings. That keeps the work per event
//! to a few additions, whatever number of windows and reports are asked for.

use hdrhistogram::Histogram;
use serde::Serialize;

use crate::time::SimTime;

/// Why a request failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// 429: a rate limiter refused it.
    RateLimited,
    /// 503: a queue was full.
    Overloaded,
    /// 502: nothing was there to answer.
    Unavailable,
    /// 504: the caller gave up waiting.
    Timeout,
}

impl Reason {
    /// Every reason, in report order.
    pub const ALL: [Reason; 4] = [
        Reason::RateLimited,
        Reason::Overloaded,
        Reason::Unavailable,
        Reason::Timeout,
    ];

    /// The name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::RateLimited => "rate_limited",
            Reason::Overloaded => "overloaded",
            Reason::Unavailable => "unavailable",
            Reason::Timeout => "timeout",
        }
    }

    /// The HTTP status a client sees.
    pub fn status(self) -> u16 {
        match self {
            Reason::RateLimited => 429,
            Reason::Overloaded => 503,
            Reason::Unavailable => 502,
            Reason::Timeout => 504,
        }
    }

    fn idx(self) -> usize {
        self as usize
    }
}

/// Failure counts by reason.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ErrorCounts(pub [u64; 4]);

impl ErrorCounts {
    /// The count for `reason`.
    pub fn get(&self, reason: Reason) -> u64 {
        self.0[reason.idx()]
    }

    /// All failures.
    pub fn total(&self) -> u64 {
        self.0.iter().sum()
    }

    fn minus(&self, earlier: &ErrorCounts) -> ErrorCounts {
        let mut out = [0; 4];
        for (idx, slot) in out.iter_mut().enumerate() {
            *slot = self.0[idx] - earlier.0[idx];
        }
        ErrorCounts(out)
    }
}

impl Serialize for ErrorCounts {
    /// As an object of the reasons that occurred: `{ "overloaded": 12 }`.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        for reason in Reason::ALL {
            let count = self.get(reason);
            if count > 0 {
                map.serialize_entry(reason.as_str(), &count)?;
            }
        }
        map.end()
    }
}

/// How many requests are in each state in a block right now.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Levels {
    /// Present in the block: queued, served, or waiting on calls.
    pub in_system: u32,
    /// Waiting in a queue.
    pub queued: u32,
    /// Holding a worker (own work or waiting on calls).
    pub busy: u32,
    /// Doing the block's own work.
    pub serving: u32,
    /// Workers that exist; zero when unlimited.
    pub capacity: u32,
    /// Waiting for a database connection from a pool (app servers).
    pub pool_waiting: u32,
    /// Instances in rotation.
    pub instances: u32,
}

/// Time integrals of [`Levels`] [requests x µs].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Areas {
    in_system: u64,
    queued: u64,
    busy: u64,
    serving: u64,
    capacity: u64,
    pool_waiting: u64,
    instances: u64,
}

impl Areas {
    fn minus(&self, earlier: &Areas) -> Areas {
        Areas {
            in_system: self.in_system - earlier.in_system,
            queued: self.queued - earlier.queued,
            busy: self.busy - earlier.busy,
            serving: self.serving - earlier.serving,
            capacity: self.capacity - earlier.capacity,
            pool_waiting: self.pool_waiting - earlier.pool_waiting,
            instances: self.instances - earlier.instances,
        }
    }
}

/// [`Levels`] with their running time integrals.
#[derive(Clone, Debug, Default)]
pub(crate) struct Gauges {
    levels: Levels,
    last: SimTime,
    cum: Areas,
}

impl Gauges {
    /// The current levels, to change at time `now`: the time integrals are
    /// brought up to `now` first.
    #[inline]
    pub(crate) fn at(&mut self, now: SimTime) -> &mut Levels {
        let span = (now - self.last).as_micros();
        if span > 0 {
            let levels = &self.levels;
            self.cum.in_system += u64::from(levels.in_system) * span;
            self.cum.queued += u64::from(levels.queued) * span;
            self.cum.busy += u64::from(levels.busy) * span;
            self.cum.serving += u64::from(levels.serving) * span;
            self.cum.capacity += u64::from(levels.capacity) * span;
            self.cum.pool_waiting += u64::from(levels.pool_waiting) * span;
            self.cum.instances += u64::from(levels.instances) * span;
            self.last = now;
        }
        &mut self.levels
    }

    pub(crate) fn levels(&self) -> Levels {
        self.levels
    }

    /// The integrals up to `time` (not before the last change).
    fn areas_at(&self, time: SimTime) -> Areas {
        let span = (time - self.last).as_micros();
        let levels = &self.levels;
        Areas {
            in_system: self.cum.in_system + u64::from(levels.in_system) * span,
            queued: self.cum.queued + u64::from(levels.queued) * span,
            busy: self.cum.busy + u64::from(levels.busy) * span,
            serving: self.cum.serving + u64::from(levels.serving) * span,
            capacity: self.cum.capacity + u64::from(levels.capacity) * span,
            pool_waiting: self.cum.pool_waiting + u64::from(levels.pool_waiting) * span,
            instances: self.cum.instances + u64::from(levels.instances) * span,
        }
    }
}

/// Cumulative counts of one block.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Counts {
    /// Requests that reached the block.
    pub arrivals: u64,
    /// Answered successfully.
    pub ok: u64,
    /// Answered with a failure, whoever caused it.
    pub failed: u64,
    /// Failures this block caused, by reason.
    pub errors: ErrorCounts,
    /// Every failed answer the block gave, by reason, whoever caused it.
    pub failures: ErrorCounts,
    /// Sum of successful latencies [µs].
    pub ok_time_us: u64,
    /// Sum of all residence times, failures included [µs].
    pub all_time_us: u64,
    /// Requests a worker took, at once or after waiting.
    pub admitted: u64,
    /// Requests that waited in a queue for a worker.
    pub waited: u64,
    /// Sum of the time spent waiting for a worker [µs].
    pub wait_time_us: u64,
    /// Cache lookups (reads at a cache, static requests at a CDN).
    pub lookups: u64,
    /// Lookups that found the key.
    pub hits: u64,
    /// Reads a replica answered with data older than the last write.
    pub stale_reads: u64,
}

/// A latency histogram from one microsecond to one hour, with fixed bounds
/// so memory does not grow with a run. End-to-end latency keeps three
/// significant digits (0.1%); a block's own, two (1%), which keeps its
/// counts small enough to stay in the processor's caches.
fn new_histogram(significant_digits: u8) -> Histogram<u64> {
    Histogram::new_with_bounds(1, 3_600_000_000, significant_digits)
        .expect("histogram bounds are valid")
}

/// A reading of cumulative values at a point in time, to subtract from.
#[derive(Clone, Debug)]
pub(crate) struct Mark {
    time: SimTime,
    counts: Counts,
    areas: Areas,
    /// Per instance: (arrivals, serving area, capacity area).
    instances: Vec<(u64, u64, u64)>,
}

/// One instance's share of a block's work, for spotting a hot instance (a
/// saturated primary behind an idle replica, a hot shard).
#[derive(Clone, Debug, Default)]
pub(crate) struct InstanceStats {
    arrivals: u64,
    serving: u32,
    workers: u32,
    last: SimTime,
    serving_area: u64,
    capacity_area: u64,
}

impl InstanceStats {
    fn flush(&mut self, now: SimTime) {
        let span = (now - self.last).as_micros();
        if span > 0 {
            self.serving_area += u64::from(self.serving) * span;
            self.capacity_area += u64::from(self.workers) * span;
            self.last = now;
        }
    }

    fn reading(&self, time: SimTime) -> (u64, u64, u64) {
        let span = (time - self.last).as_micros();
        (
            self.arrivals,
            self.serving_area + u64::from(self.serving) * span,
            self.capacity_area + u64::from(self.workers) * span,
        )
    }
}

/// One instance over a span of time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct InstanceReport {
    /// Requests sent to the instance [req/s].
    pub arrivals_rps: f64,
    /// Share of its workers doing its own work (0 to 1).
    pub service_utilization: f64,
}

/// Everything measured about one block.
pub(crate) struct BlockStats {
    pub gauges: Gauges,
    pub counts: Counts,
    /// Successful latencies since the run mark (the warm-up's end).
    run_hist: Histogram<u64>,
    /// Successful latencies in the current window; kept for the users
    /// block only, whose latency is the end-to-end latency.
    window_hist: Option<Histogram<u64>>,
    run_mark: Mark,
    window_mark: Mark,
    instances: Vec<InstanceStats>,
}

impl BlockStats {
    /// Stats of a block that starts at `start`.
    pub(crate) fn new(with_window_hist: bool, start: SimTime) -> BlockStats {
        let mark = Mark {
            time: start,
            counts: Counts::default(),
            areas: Areas::default(),
            instances: Vec::new(),
        };
        BlockStats {
            gauges: Gauges {
                last: start,
                ..Gauges::default()
            },
            counts: Counts::default(),
            run_hist: new_histogram(if with_window_hist { 3 } else { 2 }),
            window_hist: with_window_hist.then(|| new_histogram(3)),
            run_mark: mark.clone(),
            window_mark: mark,
            instances: Vec::new(),
        }
    }

    /// Records an answer given after `residence` in the block: a success,
    /// or a failure for `failure`.
    #[inline]
    pub(crate) fn record_answer(&mut self, residence: SimTime, failure: Option<Reason>) {
        let micros = residence.as_micros();
        self.counts.all_time_us += micros;
        if let Some(reason) = failure {
            self.counts.failed += 1;
            self.counts.failures.0[reason.idx()] += 1;
        } else {
            self.counts.ok += 1;
            self.counts.ok_time_us += micros;
            self.run_hist.saturating_record(micros.max(1));
            if let Some(hist) = &mut self.window_hist {
                hist.saturating_record(micros.max(1));
            }
        }
    }

    #[inline]
    pub(crate) fn record_error(&mut self, reason: Reason) {
        self.counts.errors.0[reason.idx()] += 1;
    }

    fn mark(&self, time: SimTime) -> Mark {
        Mark {
            time,
            counts: self.counts,
            areas: self.gauges.areas_at(time),
            instances: self
                .instances
                .iter()
                .map(|instance| instance.reading(time))
                .collect(),
        }
    }

    fn instance(&mut self, instance: u32) -> &mut InstanceStats {
        let idx = instance as usize;
        if idx >= self.instances.len() {
            self.instances.resize(idx + 1, InstanceStats::default());
        }
        &mut self.instances[idx]
    }

    /// A request reached `instance`.
    #[inline]
    pub(crate) fn instance_arrival(&mut self, instance: u32) {
        self.instance(instance).arrivals += 1;
    }

    /// `instance` starts (`true`) or ends a piece of own work at `now`.
    #[inline]
    pub(crate) fn instance_serving(&mut self, instance: u32, now: SimTime, starts: bool) {
        let stats = self.instance(instance);
        stats.flush(now);
        if starts {
            stats.serving += 1;
        } else {
            stats.serving -= 1;
        }
    }

    /// `instance` has `workers` workers from `now` (zero when out of
    /// rotation or unlimited).
    pub(crate) fn instance_workers(&mut self, instance: u32, now: SimTime, workers: u32) {
        let stats = self.instance(instance);
        if stats.last < now {
            stats.flush(now);
        } else {
            stats.last = now;
        }
        stats.workers = workers;
    }

    /// Cumulative (busy, capacity) areas up to `time`: the auto-scaler's
    /// reading.
    pub(crate) fn busy_and_capacity_areas(&self, time: SimTime) -> (u64, u64) {
        let areas = self.gauges.areas_at(time);
        (areas.busy, areas.capacity)
    }

    /// Starts the measured part of the run at `time`.
    pub(crate) fn start_run(&mut self, time: SimTime) {
        self.run_mark = self.mark(time);
        self.run_hist.reset();
    }

    /// Closes the window that ends at `time`. A block that keeps a window
    /// histogram (a users block) adds its successes to `end_to_end`.
    pub(crate) fn close_window(
        &mut self,
        time: SimTime,
        end_to_end: &mut LatencyTotals,
    ) -> BlockWindow {
        let mark = self.mark(time);
        let summary = Summary::between(&self.window_mark, &mark);
        if let Some(hist) = self.window_hist.as_mut() {
            end_to_end.add(hist, summary.counts.ok_time_us, summary.counts.ok);
            hist.reset();
        }
        self.window_mark = mark;
        summary.block_window()
    }

    /// The measured part of the run, up to `time`.
    pub(crate) fn run_summary(&self, time: SimTime) -> (Summary, LatencySummary) {
        let summary = Summary::between(&self.run_mark, &self.mark(time));
        let latency = LatencySummary::from_histogram(
            &self.run_hist,
            summary.counts.ok_time_us,
            summary.counts.ok,
        );
        (summary, latency)
    }

    /// Adds the measured part of the run's successes to `totals`.
    pub(crate) fn add_run_latency(&self, time: SimTime, totals: &mut LatencyTotals) {
        let summary = Summary::between(&self.run_mark, &self.mark(time));
        totals.add(&self.run_hist, summary.counts.ok_time_us, summary.counts.ok);
    }
}

/// Successful latencies of several blocks pooled into one distribution:
/// the end-to-end latency of a design with more than one users block.
pub(crate) struct LatencyTotals {
    hist: Histogram<u64>,
    sum_us: u64,
    count: u64,
}

impl LatencyTotals {
    /// Empty, at the end-to-end precision (three significant digits).
    pub(crate) fn new() -> LatencyTotals {
        LatencyTotals {
            hist: new_histogram(3),
            sum_us: 0,
            count: 0,
        }
    }

    fn add(&mut self, hist: &Histogram<u64>, sum_us: u64, count: u64) {
        // Both histograms have the same bounds, so adding cannot fail; a
        // failure would only lose this block's share of the percentiles.
        let _ = self.hist.add(hist);
        self.sum_us += sum_us;
        self.count += count;
    }

    pub(crate) fn summary(&self) -> LatencySummary {
        LatencySummary::from_histogram(&self.hist, self.sum_us, self.count)
    }

    pub(crate) fn reset(&mut self) {
        self.hist.reset();
        self.sum_us = 0;
        self.count = 0;
    }
}

/// Counts and areas over a span of time.
pub(crate) struct Summary {
    pub seconds: f64,
    pub counts: Counts,
    areas: Areas,
    pub instances: Vec<InstanceReport>,
}

impl Summary {
    fn between(earlier: &Mark, later: &Mark) -> Summary {
        let counts = &later.counts;
        let before = &earlier.counts;
        let seconds = (later.time - earlier.time).as_secs_f64();
        let instances = later
            .instances
            .iter()
            .enumerate()
            .map(|(idx, &(arrivals, serving, capacity))| {
                let (arrivals_then, serving_then, capacity_then) =
                    earlier.instances.get(idx).copied().unwrap_or_default();
                let capacity = capacity - capacity_then;
                InstanceReport {
                    arrivals_rps: if seconds > 0.0 {
                        (arrivals - arrivals_then) as f64 / seconds
                    } else {
                        0.0
                    },
                    service_utilization: if capacity > 0 {
                        (serving - serving_then) as f64 / capacity as f64
                    } else {
                        0.0
                    },
                }
            })
            .collect();
        Summary {
            instances,
            seconds,
            counts: Counts {
                arrivals: counts.arrivals - before.arrivals,
                ok: counts.ok - before.ok,
                failed: counts.failed - before.failed,
                errors: counts.errors.minus(&before.errors),
                failures: counts.failures.minus(&before.failures),
                ok_time_us: counts.ok_time_us - before.ok_time_us,
                all_time_us: counts.all_time_us - before.all_time_us,
                admitted: counts.admitted - before.admitted,
                waited: counts.waited - before.waited,
                wait_time_us: counts.wait_time_us - before.wait_time_us,
                lookups: counts.lookups - before.lookups,
                hits: counts.hits - before.hits,
                stale_reads: counts.stale_reads - before.stale_reads,
            },
            areas: later.areas.minus(&earlier.areas),
        }
    }

    fn per_second(&self, count: u64) -> f64 {
        if self.seconds > 0.0 {
            count as f64 / self.seconds
        } else {
            0.0
        }
    }

    fn time_average(&self, area: u64) -> f64 {
        if self.seconds > 0.0 {
            area as f64 / (self.seconds * 1e6)
        } else {
            0.0
        }
    }

    fn share(&self, area: u64) -> f64 {
        if self.areas.capacity > 0 {
            area as f64 / self.areas.capacity as f64
        } else {
            0.0
        }
    }

    pub(crate) fn arrivals_rps(&self) -> f64 {
        self.per_second(self.counts.arrivals)
    }

    pub(crate) fn throughput_rps(&self) -> f64 {
        self.per_second(self.counts.ok)
    }

    pub(crate) fn failed_rps(&self) -> f64 {
        self.per_second(self.counts.failed)
    }

    pub(crate) fn utilization(&self) -> f64 {
        self.share(self.areas.busy)
    }

    pub(crate) fn service_utilization(&self) -> f64 {
        self.share(self.areas.serving)
    }

    pub(crate) fn mean_queue(&self) -> f64 {
        self.time_average(self.areas.queued)
    }

    pub(crate) fn mean_in_system(&self) -> f64 {
        self.time_average(self.areas.in_system)
    }

    pub(crate) fn mean_pool_waiting(&self) -> f64 {
        self.time_average(self.areas.pool_waiting)
    }

    /// Mean instances in rotation (changes with auto-scaling).
    pub(crate) fn mean_instances(&self) -> f64 {
        self.time_average(self.areas.instances)
    }

    /// Mean time in the block of every answered request, failures included
    /// [ms]: the time Little's law pairs with `mean_in_system`.
    pub(crate) fn mean_residence_ms(&self) -> f64 {
        let answered = self.counts.ok + self.counts.failed;
        if answered > 0 {
            self.counts.all_time_us as f64 / answered as f64 / 1e3
        } else {
            0.0
        }
    }

    /// The highest service utilization of any one instance.
    pub(crate) fn busiest_instance_utilization(&self) -> f64 {
        self.instances
            .iter()
            .map(|instance| instance.service_utilization)
            .fold(0.0, f64::max)
    }

    /// Share of lookups that hit, when there were lookups.
    pub(crate) fn hit_ratio(&self) -> Option<f64> {
        (self.counts.lookups > 0).then(|| self.counts.hits as f64 / self.counts.lookups as f64)
    }

    /// Stale replica reads [req/s].
    pub(crate) fn stale_reads_rps(&self) -> f64 {
        self.per_second(self.counts.stale_reads)
    }

    /// Share of admitted requests that waited for a worker.
    pub(crate) fn wait_probability(&self) -> f64 {
        if self.counts.admitted > 0 {
            self.counts.waited as f64 / self.counts.admitted as f64
        } else {
            0.0
        }
    }

    /// Mean time an admitted request waited for a worker [ms].
    pub(crate) fn mean_wait_ms(&self) -> f64 {
        if self.counts.admitted > 0 {
            self.counts.wait_time_us as f64 / self.counts.admitted as f64 / 1e3
        } else {
            0.0
        }
    }

    fn block_window(&self) -> BlockWindow {
        BlockWindow {
            arrivals_rps: self.arrivals_rps(),
            throughput_rps: self.throughput_rps(),
            failed_rps: self.failed_rps(),
            utilization: self.utilization(),
            service_utilization: self.service_utilization(),
            mean_queue: self.mean_queue(),
            mean_in_system: self.mean_in_system(),
            mean_latency_ms: if self.counts.ok > 0 {
                self.counts.ok_time_us as f64 / self.counts.ok as f64 / 1e3
            } else {
                0.0
            },
            errors: self.counts.errors,
            failures: self.counts.failures,
            hit_ratio: self.hit_ratio(),
            stale_reads_rps: self.stale_reads_rps(),
            instances: self.mean_instances(),
            mean_pool_queue: self.mean_pool_waiting(),
            busiest_instance_utilization: self.busiest_instance_utilization(),
        }
    }
}

/// Latency of successful requests [ms].
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct LatencySummary {
    /// Exact mean [ms].
    pub mean: f64,
    /// Median [ms].
    pub p50: f64,
    /// 95th percentile [ms].
    pub p95: f64,
    /// 99th percentile [ms].
    pub p99: f64,
    /// Largest [ms].
    pub max: f64,
}

impl LatencySummary {
    fn from_histogram(hist: &Histogram<u64>, sum_us: u64, count: u64) -> LatencySummary {
        if count == 0 || hist.is_empty() {
            return LatencySummary::default();
        }
        let ms = |micros: u64| micros as f64 / 1e3;
        LatencySummary {
            mean: sum_us as f64 / count as f64 / 1e3,
            p50: ms(hist.value_at_quantile(0.50)),
            p95: ms(hist.value_at_quantile(0.95)),
            p99: ms(hist.value_at_quantile(0.99)),
            max: ms(hist.max()),
        }
    }
}

/// One block over one window.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct BlockWindow {
    /// Requests reaching the block [req/s].
    pub arrivals_rps: f64,
    /// Requests answered successfully [req/s].
    pub throughput_rps: f64,
    /// Requests answered with a failure, whoever caused it [req/s].
    pub failed_rps: f64,
    /// Share of workers taken, waiting on calls included (0 to 1).
    pub utilization: f64,
    /// Share of workers doing the block's own work (0 to 1).
    pub service_utilization: f64,
    /// Mean number waiting in queues.
    pub mean_queue: f64,
    /// Mean number in the block.
    pub mean_in_system: f64,
    /// Mean latency of successful requests [ms].
    pub mean_latency_ms: f64,
    /// Failures this block caused, by reason.
    pub errors: ErrorCounts,
    /// Every failed answer the block gave, by reason, whoever caused it.
    pub failures: ErrorCounts,
    /// Share of lookups that hit (caches, CDNs).
    pub hit_ratio: Option<f64>,
    /// Stale replica reads [req/s] (databases).
    pub stale_reads_rps: f64,
    /// Mean instances in rotation.
    pub instances: f64,
    /// Mean requests waiting for a pooled database connection.
    pub mean_pool_queue: f64,
    /// The highest service utilization of any one instance (0 to 1): a
    /// saturated primary or hot shard shows here even when the block's
    /// average looks fine.
    pub busiest_instance_utilization: f64,
}

/// The whole system over one window, as users see it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct EndToEnd {
    /// Requests issued [req/s].
    pub offered_rps: f64,
    /// Requests answered successfully [req/s].
    pub throughput_rps: f64,
    /// Requests answered with a failure [req/s].
    pub failed_rps: f64,
    /// Failed / (succeeded + failed).
    pub error_rate: f64,
    /// Failures by reason.
    pub errors: ErrorCounts,
    /// Latency of successful requests.
    pub latency: LatencySummary,
}

/// The traffic on one link over a window or a run.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LinkWindow {
    /// Calls that crossed the link and were answered [req/s].
    pub rate_rps: f64,
    /// Those answered with a failure [req/s].
    pub failed_rps: f64,
}

/// One second of a run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Window {
    /// When the window began.
    pub start: SimTime,
    /// End to end, summed over all users blocks.
    pub end_to_end: EndToEnd,
    /// Per block, in design order.
    pub blocks: Vec<BlockWindow>,
    /// Per link, in design order.
    pub links: Vec<LinkWindow>,
    /// The design's structure changed in this window: the run restarted
    /// with empty queues and caches, and this many user requests in flight
    /// were dropped uncounted.
    pub restarted: Option<u64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gauges_integrate_levels_over_time() {
        let mut gauges = Gauges::default();
        gauges.at(SimTime(0)).in_system = 2;
        gauges.at(SimTime(10)).in_system = 5;
        // 2 x 10 + 5 x 20
        assert_eq!(gauges.areas_at(SimTime(30)).in_system, 120);
    }

    #[test]
    fn windows_are_differences_of_cumulative_readings() {
        let mut stats = BlockStats::new(true, SimTime::ZERO);
        stats.gauges.at(SimTime(0)).capacity = 2;
        stats.gauges.at(SimTime(0)).busy = 1;
        stats.counts.arrivals = 3;
        stats.record_answer(SimTime(2_000), None);
        stats.record_answer(SimTime(4_000), None);
        stats.record_answer(SimTime(9_000), Some(Reason::Overloaded));
        stats.record_error(Reason::Overloaded);
        let mut end_to_end = LatencyTotals::new();
        let window = stats.close_window(SimTime::SECOND, &mut end_to_end);
        assert_eq!(window.arrivals_rps, 3.0);
        assert_eq!(window.throughput_rps, 2.0);
        assert_eq!(window.utilization, 0.5);
        assert_eq!(window.mean_latency_ms, 3.0);
        assert_eq!(window.errors.get(Reason::Overloaded), 1);
        assert_eq!(end_to_end.summary().mean, 3.0);
        // The histogram's resolution: three significant digits.
        assert!((end_to_end.summary().max - 4.0).abs() <= 0.004);

        end_to_end.reset();
        let second = stats.close_window(SimTime::from_secs(2), &mut end_to_end);
        assert_eq!(end_to_end.summary(), LatencySummary::default());
        assert_eq!(second.arrivals_rps, 0.0);
        assert_eq!(second.utilization, 0.5);
    }
}
