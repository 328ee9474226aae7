//! `app`: stateless servers. A worker takes a request, computes, then makes
//! the calls its class needs one after another (cache, then the database on
//! a miss; the database for writes), holding the worker all the while, as a
//! thread-per-request server does. A slow database therefore backs up the
//! app tier.
//!
//! Database calls need a connection: from the instance's pool (a worker
//! waits for a free one, and gives up after a timeout), or opened for each
//! call at a cost. An auto-scaler adds and removes instances to keep their
//! utilization near a target.

use std::collections::VecDeque;

use super::station::{Admission, Station};
use crate::design::{AppParams, Autoscale, BlockKind, CacheMode, Connections, Design, Lookup};
use crate::dist::ServiceTime;
use crate::engine::{BlockIdx, CallIdx, Class, Cx, Event, Op, Outcome};
use crate::metrics::Reason;
use crate::time::SimTime;

/// `Call::flags` bit: a cache lookup of this request missed.
const MISSED: u8 = 1;
/// `Call::flags` bit: the call holds one of its instance's pool connections.
const HOLDS_CONNECTION: u8 = 2;

/// Timer tags: the kind in the top byte, an instance number below.
const TAG_KIND: u32 = 0xff00_0000;
const TAG_POOL_TIMEOUT: u32 = 1 << 24;
const TAG_SCALE_CHECK: u32 = 2 << 24;
const TAG_BOOTED: u32 = 3 << 24;

/// When a step of a plan runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum When {
    Always,
    /// Only after a cache miss (read from the database, then fill the cache).
    AfterMiss,
}

/// One call an app makes for a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Step {
    pub to: BlockIdx,
    pub op: Op,
    pub when: When,
    /// The callee is a database: the call needs a connection.
    pub needs_connection: bool,
}

/// What an app calls for each class of request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Plans {
    pub static_assets: Vec<Step>,
    pub read: Vec<Step>,
    pub write: Vec<Step>,
}

impl Plans {
    /// The plans of the app block `app` of `design`: its explicit `calls`,
    /// or by default reads through its cache (the database on a miss, then a
    /// fill), writes to its database (or to a write-through or write-behind
    /// cache, which writes the database itself), then any further service
    /// for every class.
    pub(crate) fn for_app(
        design: &Design,
        app: usize,
        idx_of: impl Fn(&crate::design::BlockId) -> Option<BlockIdx>,
    ) -> Plans {
        let block = &design.blocks[app];
        let linked: Vec<_> = design
            .downstream(&block.id)
            .filter_map(|id| Some((design.block(id)?, idx_of(id)?)))
            .collect();
        let explicit = match &block.params {
            crate::design::BlockParams::App(params) => params.calls.clone(),
            _ => None,
        };
        let pick = |ids: &[crate::design::BlockId]| -> Vec<_> {
            ids.iter()
                .filter_map(|id| linked.iter().find(|(b, _)| &b.id == id).copied())
                .collect()
        };
        let (static_targets, read_targets, write_targets) = match explicit {
            Some(calls) => (
                pick(&calls.static_assets),
                pick(&calls.read),
                pick(&calls.write),
            ),
            None => {
                let of = |kinds: &[BlockKind]| -> Vec<_> {
                    linked
                        .iter()
                        .filter(|(b, _)| kinds.contains(&b.kind()))
                        .copied()
                        .collect()
                };
                let services = of(&[BlockKind::App, BlockKind::LoadBalancer, BlockKind::Gateway]);
                let data = of(&[BlockKind::Cache, BlockKind::Database]);
                let mut reads = data.clone();
                reads.sort_by_key(|(b, _)| b.kind() != BlockKind::Cache);
                let mut writes = data;
                writes.sort_by_key(|(b, _)| b.kind() != BlockKind::Database);
                let with_services = |mut list: Vec<_>| {
                    list.extend(services.iter().copied());
                    list
                };
                (
                    services.clone(),
                    with_services(reads),
                    with_services(writes),
                )
            }
        };
        let step = |to, op, when, kind| Step {
            to,
            op,
            when,
            needs_connection: kind == BlockKind::Database,
        };

        let mut plans = Plans::default();
        for (block, to) in static_targets {
            plans
                .static_assets
                .push(step(to, Op::Read, When::Always, block.kind()));
        }
        // A fixed-ratio cache is not filled after a miss: a fill would
        // change nothing.
        let stores_keys = |cache: &crate::design::Block| match &cache.params {
            crate::design::BlockParams::Cache(params) => params.lookup == Lookup::Lru,
            _ => false,
        };
        let mut cache_first = None;
        for (block, to) in read_targets {
            match block.kind() {
                BlockKind::Cache if cache_first.is_none() => {
                    cache_first = Some((block, to));
                    plans
                        .read
                        .push(step(to, Op::Read, When::Always, BlockKind::Cache));
                }
                BlockKind::Database if cache_first.is_some() => {
                    let miss = step(to, Op::Read, When::AfterMiss, BlockKind::Database);
                    plans.read.push(miss);
                    if let Some((cache_block, cache)) = cache_first.filter(|(b, _)| stores_keys(b))
                    {
                        let fill = step(cache, Op::Write, When::AfterMiss, cache_block.kind());
                        plans.read.push(fill);
                    }
                }
                kind => plans.read.push(step(to, Op::Read, When::Always, kind)),
            }
        }
        let writes_through = |cache: &crate::design::Block| match &cache.params {
            crate::design::BlockParams::Cache(params) => params.mode != CacheMode::CacheAside,
            _ => false,
        };
        let through_cache = write_targets
            .iter()
            .any(|(b, _)| b.kind() == BlockKind::Cache && writes_through(b));
        for (block, to) in write_targets {
            match block.kind() {
                BlockKind::Cache if writes_through(block) => {
                    plans
                        .write
                        .push(step(to, Op::Write, When::Always, BlockKind::Cache));
                }
                BlockKind::Cache => {
                    plans
                        .write
                        .push(step(to, Op::Invalidate, When::Always, BlockKind::Cache))
                }
                // The write-through or write-behind cache writes the database.
                BlockKind::Database if through_cache => {}
                BlockKind::Database => {
                    plans
                        .write
                        .push(step(to, Op::Write, When::Always, BlockKind::Database))
                }
                kind => plans.write.push(step(to, Op::Read, When::Always, kind)),
            }
        }
        plans
    }

    fn for_class(&self, class: Class) -> &[Step] {
        match class {
            Class::Static => &self.static_assets,
            Class::Read => &self.read,
            Class::Write => &self.write,
        }
    }
}

/// One instance's connection pool.
#[derive(Debug, Default)]
struct Pool {
    free: u32,
    /// Calls waiting for a connection, with the time they give up.
    waiters: VecDeque<(CallIdx, SimTime)>,
}

/// The auto-scaler's state.
#[derive(Debug)]
struct Scaler {
    spec: Autoscale,
    /// (time, cumulative busy area, cumulative capacity area), one a second.
    history: VecDeque<(SimTime, u64, u64)>,
    last_action: Option<SimTime>,
    booting: u32,
}

#[derive(Debug)]
pub(crate) struct App {
    pub station: Station,
    service: ServiceTime,
    plans: Plans,
    connections: Connections,
    pools: Vec<Pool>,
    scaler: Option<Scaler>,
}

impl App {
    pub(crate) fn new(params: &AppParams, service: ServiceTime, plans: Plans) -> App {
        let capacity = &params.capacity;
        let station = Station::new(capacity.instances, capacity.workers, capacity.queue_limit);
        let mut app = App {
            station,
            service,
            plans,
            connections: params.connections.clone(),
            pools: Vec::new(),
            scaler: params.autoscale.clone().map(|spec| Scaler {
                spec,
                history: VecDeque::new(),
                last_action: None,
                booting: 0,
            }),
        };
        app.fit_pools();
        app
    }

    /// One pool per instance, full.
    fn fit_pools(&mut self) {
        let size = match self.connections {
            Connections::Pool { size, .. } => size,
            Connections::PerRequest { .. } => 0,
        };
        while self.pools.len() < self.station.n_instances() as usize {
            self.pools.push(Pool {
                free: size,
                waiters: VecDeque::new(),
            });
        }
    }

    pub(crate) fn start(&mut self, cx: &mut Cx) {
        if self.scaler.is_some() {
            cx.after(SimTime::SECOND, Event::Timer(cx.block, TAG_SCALE_CHECK));
        }
    }

    pub(crate) fn update(&mut self, cx: &mut Cx, params: &AppParams, service: ServiceTime) -> bool {
        let capacity = &params.capacity;
        let same_scaling = params.autoscale.is_some() == self.scaler.is_some();
        if params.connections != self.connections || !same_scaling {
            return false;
        }
        // With an auto-scaler, `instances` is where it started.
        if self.scaler.is_none() && capacity.instances != self.station.n_active() {
            self.station.set_active_count(cx, capacity.instances);
            self.fit_pools();
            cx.instances_changed();
        }
        if let (Some(scaler), Some(spec)) = (&mut self.scaler, &params.autoscale) {
            scaler.spec = spec.clone();
        }
        self.service = service;
        for call in self
            .station
            .resize(cx, capacity.workers, capacity.queue_limit)
        {
            self.begin(cx, call);
        }
        true
    }

    pub(crate) fn arrive(&mut self, cx: &mut Cx, call: CallIdx) {
        match self.station.admit(cx, call) {
            Admission::Start => self.begin(cx, call),
            Admission::Queued => {}
            Admission::Full => cx.fail(call, Reason::Overloaded),
            Admission::NoInstance => cx.fail(call, Reason::Unavailable),
        }
    }

    fn begin(&mut self, cx: &mut Cx, call: CallIdx) {
        let duration = self.service.sample(cx.rng);
        cx.begin_service(call, duration);
    }

    pub(crate) fn service_done(&mut self, cx: &mut Cx, call: CallIdx) {
        cx.end_service(call);
        self.next_step(cx, call);
    }

    /// Makes the next call of the plan, or answers when none is left.
    fn next_step(&mut self, cx: &mut Cx, call: CallIdx) {
        let state = cx.calls.get_mut(call);
        let plan = self.plans.for_class(state.class);
        while let Some(step) = plan.get(usize::from(state.step)) {
            state.step += 1;
            if step.when == When::AfterMiss && state.flags & MISSED == 0 {
                continue;
            }
            let step = *step;
            if step.needs_connection {
                self.connect(cx, call, step);
            } else {
                cx.call(call, step.to, step.op);
            }
            return;
        }
        self.finish(cx, call, Outcome::Ok);
    }

    /// The step `call` is at (the last one begun).
    fn current_step(&self, cx: &Cx, call: CallIdx) -> Option<Step> {
        let state = cx.calls.get(call);
        let idx = usize::from(state.step).checked_sub(1)?;
        self.plans.for_class(state.class).get(idx).copied()
    }

    /// Gets a connection for a database call, then makes it.
    fn connect(&mut self, cx: &mut Cx, call: CallIdx, step: Step) {
        match self.connections {
            Connections::Pool {
                wait_timeout_ms, ..
            } => {
                let instance = cx.calls.get(call).instance as usize;
                let pool = &mut self.pools[instance];
                if pool.free > 0 {
                    pool.free -= 1;
                    cx.calls.get_mut(call).flags |= HOLDS_CONNECTION;
                    cx.call(call, step.to, step.op);
                } else {
                    let wait = SimTime::from_millis_f64(wait_timeout_ms);
                    pool.waiters.push_back((call, cx.now + wait));
                    cx.levels().pool_waiting += 1;
                    cx.after(
                        wait,
                        Event::Timer(cx.block, TAG_POOL_TIMEOUT | instance as u32),
                    );
                }
            }
            Connections::PerRequest { connect_ms } if connect_ms > 0.0 => {
                cx.after(SimTime::from_millis_f64(connect_ms), Event::Resume(call));
            }
            Connections::PerRequest { .. } => cx.call(call, step.to, step.op),
        }
    }

    /// A new connection of `call` is open: make its database call.
    pub(crate) fn resume(&mut self, cx: &mut Cx, call: CallIdx) {
        if let Some(step) = self.current_step(cx, call) {
            cx.call(call, step.to, step.op);
        }
    }

    /// Returns `call`'s pool connection, to the oldest waiter if any.
    fn release_connection(&mut self, cx: &mut Cx, call: CallIdx) {
        let state = cx.calls.get_mut(call);
        if state.flags & HOLDS_CONNECTION == 0 {
            return;
        }
        state.flags &= !HOLDS_CONNECTION;
        let pool = &mut self.pools[state.instance as usize];
        match pool.waiters.pop_front() {
            Some((waiter, _)) => {
                cx.levels().pool_waiting -= 1;
                cx.calls.get_mut(waiter).flags |= HOLDS_CONNECTION;
                if let Some(step) = self.current_step(cx, waiter) {
                    cx.call(waiter, step.to, step.op);
                }
            }
            None => pool.free += 1,
        }
    }

    pub(crate) fn answered(&mut self, cx: &mut Cx, call: CallIdx, outcome: Outcome) {
        self.release_connection(cx, call);
        match outcome {
            Outcome::Failed(_) => self.finish(cx, call, outcome),
            Outcome::Miss => {
                cx.calls.get_mut(call).flags |= MISSED;
                self.next_step(cx, call);
            }
            Outcome::Ok => self.next_step(cx, call),
        }
    }

    fn finish(&mut self, cx: &mut Cx, call: CallIdx, outcome: Outcome) {
        cx.answer(call, outcome);
        let instance = cx.calls.get(call).instance;
        if let Some(next) = self.station.release(cx, instance) {
            self.begin(cx, next);
        }
    }

    pub(crate) fn timer(&mut self, cx: &mut Cx, tag: u32) {
        let instance = tag & !TAG_KIND;
        match tag & TAG_KIND {
            TAG_POOL_TIMEOUT => self.expire_waiters(cx, instance),
            TAG_SCALE_CHECK => {
                self.check_scale(cx);
                cx.after(SimTime::SECOND, Event::Timer(cx.block, TAG_SCALE_CHECK));
            }
            TAG_BOOTED => {
                self.station.set_active(cx, instance, true);
                if let Some(scaler) = &mut self.scaler {
                    scaler.booting = scaler.booting.saturating_sub(1);
                }
                cx.instances_changed();
            }
            _ => {}
        }
    }

    /// Fails the calls that waited too long for a pool connection (504).
    fn expire_waiters(&mut self, cx: &mut Cx, instance: u32) {
        while let Some(&(call, deadline)) = self.pools[instance as usize].waiters.front() {
            if deadline > cx.now {
                break;
            }
            self.pools[instance as usize].waiters.pop_front();
            cx.levels().pool_waiting -= 1;
            cx.stats.record_error(Reason::Timeout);
            self.finish(cx, call, Outcome::Failed(Reason::Timeout));
        }
    }

    /// Once a second: compares the mean utilization of the last window with
    /// the target and launches or retires instances.
    fn check_scale(&mut self, cx: &mut Cx) {
        let Some(scaler) = &mut self.scaler else {
            return;
        };
        let (busy, capacity) = cx.stats.busy_and_capacity_areas(cx.now);
        scaler.history.push_back((cx.now, busy, capacity));
        let window = SimTime::from_secs_f64(scaler.spec.window_s);
        while scaler.history.len() > 2 && cx.now - scaler.history[1].0 >= window {
            scaler.history.pop_front();
        }
        let &(since, busy_then, capacity_then) = scaler.history.front().expect("just pushed");
        if cx.now - since < window || capacity <= capacity_then {
            return;
        }
        let cooled = scaler
            .last_action
            .is_none_or(|at| cx.now - at >= SimTime::from_secs_f64(scaler.spec.cooldown_s));
        if !cooled {
            return;
        }
        let utilization = (busy - busy_then) as f64 / (capacity - capacity_then) as f64;
        let active = self.station.n_active();
        let wanted =
            (f64::from(active) * utilization / scaler.spec.target_utilization).ceil() as u32;
        let wanted = wanted.clamp(scaler.spec.min.max(1), scaler.spec.max.max(1));
        if wanted > active + scaler.booting {
            let boot = SimTime::from_secs_f64(scaler.spec.boot_s);
            for _ in 0..wanted - active - scaler.booting {
                let instance = self.station.add_instance();
                cx.after(boot, Event::Timer(cx.block, TAG_BOOTED | instance));
            }
            scaler.booting = wanted - active;
            scaler.last_action = Some(cx.now);
            self.fit_pools();
        } else if wanted < active && scaler.booting == 0 {
            let retiring: Vec<u32> = self
                .station
                .active_instances()
                .skip(wanted as usize)
                .collect();
            for instance in retiring {
                self.station.set_active(cx, instance, false);
            }
            scaler.last_action = Some(cx.now);
            cx.instances_changed();
        }
    }
}
