//! The engine: owns the event queue, the calls and the blocks, pops events in
//! order and carries out what blocks ask for.
//!
//! Blocks never touch each other. A handler gets a [`Cx`] for its own block
//! and pushes [`Action`]s (send a call, answer one); the engine carries them
//! out after the handler returns, calling other blocks' handlers in turn,
//! until nothing is left to do at this instant. Then the next event is
//! popped.

mod calls;
mod links;
mod queue;

use std::collections::VecDeque;

pub use calls::Class;
pub(crate) use calls::{Call, Calls, Op, ANY_INSTANCE};
use links::Links;
pub(crate) use links::NO_LINK;
pub(crate) use queue::{Event, EventQueue};

use crate::blocks::{
    service_time, App, Cache, Cdn, Database, Gateway, LoadBalancer, Model, Plans, Users,
};
use crate::design::{BlockId, BlockKind, BlockParams, Design, DesignError, Problem};
use crate::metrics::{BlockStats, EndToEnd, LatencyTotals, Levels, Reason, Window};
use crate::rng::{stream, Stream};
use crate::time::SimTime;

/// A block's place in the engine's arrays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct BlockIdx(pub u32);

/// A call's slot in the arena.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct CallIdx(pub u32);

impl CallIdx {
    /// No call: the parent of a root call.
    pub(crate) const NONE: CallIdx = CallIdx(u32::MAX);
}

/// How a call ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    Ok,
    /// A cache did not hold the key (a successful answer).
    Miss,
    Failed(Reason),
}

/// An answer to a call a block made: how it ended and who gave it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Reply {
    pub outcome: Outcome,
    /// The block that answered.
    pub from: BlockIdx,
    /// Its instance.
    pub instance: u32,
}

/// What a block asks the engine to do.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Action {
    /// Start a child call of `parent` at `to`.
    Send {
        parent: CallIdx,
        to: BlockIdx,
        instance: u32,
        op: Op,
    },
    /// Start a call at `to` that nobody waits for (a background write).
    Spawn {
        from: BlockIdx,
        to: BlockIdx,
        key: u32,
        class: Class,
        op: Op,
    },
    /// `call` is answered; pass the outcome to its parent.
    Answer { call: CallIdx, outcome: Outcome },
    /// The block's instances in rotation changed.
    InstancesChanged(BlockIdx),
}

/// A block handler's view of the engine.
pub(crate) struct Cx<'a> {
    pub now: SimTime,
    pub block: BlockIdx,
    pub queue: &'a mut EventQueue,
    pub calls: &'a mut Calls,
    actions: &'a mut Vec<Action>,
    pub rng: &'a mut Stream,
    pub stats: &'a mut BlockStats,
}

impl Cx<'_> {
    /// The block's levels, to change now.
    #[inline]
    pub(crate) fn levels(&mut self) -> &mut Levels {
        self.stats.gauges.at(self.now)
    }

    #[inline]
    pub(crate) fn after(&mut self, delay: SimTime, event: Event) {
        self.queue.schedule(self.now + delay, event);
    }

    /// Starts `duration` of own work on `call`, whose worker is taken.
    #[inline]
    pub(crate) fn begin_service(&mut self, call: CallIdx, duration: SimTime) {
        self.levels().serving += 1;
        let instance = self.calls.get(call).instance;
        self.stats.instance_serving(instance, self.now, true);
        self.after(duration, Event::ServiceDone(call));
    }

    /// Ends the own work of `call` (its worker stays taken).
    #[inline]
    pub(crate) fn end_service(&mut self, call: CallIdx) {
        self.levels().serving -= 1;
        let instance = self.calls.get(call).instance;
        self.stats.instance_serving(instance, self.now, false);
    }

    #[inline]
    pub(crate) fn answer(&mut self, call: CallIdx, outcome: Outcome) {
        self.actions.push(Action::Answer { call, outcome });
    }

    /// Answers `call` with a failure this block caused.
    #[inline]
    pub(crate) fn fail(&mut self, call: CallIdx, reason: Reason) {
        self.stats.record_error(reason);
        self.answer(call, Outcome::Failed(reason));
    }

    /// Passes `call` on to `instance` of `to`, asking the same of it.
    #[inline]
    pub(crate) fn send(&mut self, call: CallIdx, to: BlockIdx, instance: u32) {
        let op = self.calls.get(call).op;
        self.actions.push(Action::Send {
            parent: call,
            to,
            instance,
            op,
        });
    }

    /// Passes `call` on to `to`, or fails it with 502 when there is nothing.
    #[inline]
    pub(crate) fn forward(&mut self, call: CallIdx, to: Option<BlockIdx>) {
        match to {
            Some(to) => self.send(call, to, ANY_INSTANCE),
            None => self.fail(call, Reason::Unavailable),
        }
    }

    /// Tells the load balancers in front that the instances in rotation
    /// changed.
    #[inline]
    pub(crate) fn instances_changed(&mut self) {
        self.actions.push(Action::InstancesChanged(self.block));
    }

    /// Starts a call at `to` that nobody waits for.
    #[inline]
    pub(crate) fn spawn(&mut self, to: BlockIdx, key: u32, class: Class, op: Op) {
        self.actions.push(Action::Spawn {
            from: self.block,
            to,
            key,
            class,
            op,
        });
    }

    /// Makes a call to `to` on behalf of `call`.
    #[inline]
    pub(crate) fn call(&mut self, call: CallIdx, to: BlockIdx, op: Op) {
        self.actions.push(Action::Send {
            parent: call,
            to,
            instance: ANY_INSTANCE,
            op,
        });
    }
}

/// A block inside the engine.
pub(crate) struct Node {
    pub id: BlockId,
    pub kind: BlockKind,
    pub name: String,
    rng: Stream,
    pub stats: BlockStats,
    pub model: Model,
}

/// How many one-second windows a run keeps (ten minutes).
pub const WINDOWS_KEPT: usize = 600;

/// How [`Sim::apply_design`] took a new design in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applied {
    /// Nothing the simulation uses changed (positions, say).
    Unchanged,
    /// Settings changed in place: requests in flight carry on.
    InPlace,
    /// The structure changed (blocks, links, zones, a cache's instances, a
    /// database's replicas or shards): the simulation restarted at the
    /// current time with the new design. The clock and the windows carry
    /// on; queues, caches and requests in flight start empty.
    Restarted {
        /// User requests that were in flight and are gone uncounted.
        dropped: u64,
    },
}

/// A running simulation of one design.
pub struct Sim {
    design: Design,
    pub(crate) nodes: Vec<Node>,
    queue: EventQueue,
    calls: Calls,
    actions: Vec<Action>,
    now: SimTime,
    seed: u64,
    events: u64,
    windows: VecDeque<Window>,
    windows_total: u64,
    /// Scratch space pooling the users blocks' latencies as a window closes.
    end_to_end: LatencyTotals,
    next_window: SimTime,
    pub(crate) run_start: SimTime,
    /// Each block's zone (by index) and its cross-zone latency [ms].
    zones: Vec<Option<(usize, f64)>>,
    pub(crate) links: Links,
    /// User requests dropped by restarts since the open window began, if
    /// any restart happened in it.
    restarted: Option<u64>,
}

impl Sim {
    /// Builds a simulation of `design` seeded with `seed`, at time zero.
    pub fn new(design: &Design, seed: u64) -> Result<Sim, DesignError> {
        Sim::new_at(design, seed, SimTime::ZERO)
    }

    /// Builds a simulation of `design` whose clock starts at `start`.
    fn new_at(design: &Design, seed: u64, start: SimTime) -> Result<Sim, DesignError> {
        let problems: Vec<Problem> = design.validate();
        if !problems.is_empty() {
            return Err(DesignError { problems });
        }
        let idx_of = |id: &BlockId| design.block_index(id).map(|idx| BlockIdx(idx as u32));
        let first_downstream = |id: &BlockId| design.downstream(id).next().and_then(idx_of);
        let downstream_of_kind = |id: &BlockId, kinds: &[BlockKind]| {
            design.downstream(id).find_map(|to| {
                let block = design.block(to)?;
                kinds.contains(&block.kind()).then(|| idx_of(to)).flatten()
            })
        };

        // Range sharding splits the key space the users draw from.
        let key_count = design
            .blocks
            .iter()
            .filter_map(|block| match &block.params {
                BlockParams::Users(users) => Some(users.keys.count),
                _ => None,
            })
            .max()
            .unwrap_or(1);
        let mut nodes = Vec::with_capacity(design.blocks.len());
        for block in &design.blocks {
            let model = match &block.params {
                BlockParams::Users(params) => {
                    Model::Users(Users::new(params, first_downstream(&block.id)))
                }
                BlockParams::Cdn(params) => Model::Cdn(Cdn::new(
                    params,
                    service_time(&params.capacity.service),
                    first_downstream(&block.id),
                )),
                BlockParams::Gateway(params) => Model::Gateway(Gateway::new(
                    params,
                    service_time(&params.capacity.service),
                    first_downstream(&block.id),
                )),
                // Backends are filled in below, once every block exists.
                BlockParams::LoadBalancer(params) => Model::LoadBalancer(LoadBalancer::new(
                    params,
                    service_time(&params.capacity.service),
                    design.downstream(&block.id).filter_map(idx_of).collect(),
                )),
                BlockParams::App(params) => {
                    let idx = nodes.len();
                    let plans = Plans::for_app(design, idx, idx_of);
                    Model::App(App::new(
                        params,
                        service_time(&params.capacity.service),
                        plans,
                    ))
                }
                BlockParams::Cache(params) => Model::Cache(Cache::new(
                    params,
                    service_time(&params.capacity.service),
                    downstream_of_kind(&block.id, &[BlockKind::Database]),
                    key_count,
                )),
                BlockParams::Database(params) => Model::Database(Database::new(
                    params,
                    service_time(&params.read),
                    service_time(&params.write),
                    key_count,
                )),
                BlockParams::Zone(_) => Model::Inert,
            };
            let mut stats = BlockStats::new(block.kind() == BlockKind::Users, start);
            let levels = stats.gauges.at(start);
            levels.capacity = model.capacity();
            levels.instances = model.station().map_or(0, |station| station.n_active());
            if let Some(station) = model.station() {
                station.sync_instance_workers(&mut stats, start);
            }
            nodes.push(Node {
                id: block.id.clone(),
                kind: block.kind(),
                name: block.name.clone(),
                rng: stream(seed, block.id.as_str(), 0),
                stats,
                model,
            });
        }

        let zones = design
            .blocks
            .iter()
            .map(|block| {
                let zone_idx = design.block_index(block.zone.as_ref()?)?;
                match &design.blocks[zone_idx].params {
                    BlockParams::Zone(zone) => Some((zone_idx, zone.cross_zone_ms)),
                    _ => None,
                }
            })
            .collect();
        let mut sim = Sim {
            zones,
            links: Links::new(design),
            restarted: None,
            design: design.clone(),
            nodes,
            queue: EventQueue::default(),
            calls: Calls::default(),
            actions: Vec::new(),
            now: start,
            seed,
            events: 0,
            windows: VecDeque::new(),
            windows_total: 0,
            end_to_end: LatencyTotals::new(),
            next_window: SimTime(start.as_micros() / 1_000_000 * 1_000_000) + SimTime::SECOND,
            run_start: start,
        };
        for idx in 0..sim.nodes.len() {
            sim.refresh_backends(BlockIdx(idx as u32));
            sim.with_block(BlockIdx(idx as u32), |model, cx| model.start(cx));
        }
        Ok(sim)
    }

    /// Runs `f` on the block `block` with a context for it.
    #[inline]
    fn with_block<R>(&mut self, block: BlockIdx, f: impl FnOnce(&mut Model, &mut Cx) -> R) -> R {
        let node = &mut self.nodes[block.0 as usize];
        let mut cx = Cx {
            now: self.now,
            block,
            queue: &mut self.queue,
            calls: &mut self.calls,
            actions: &mut self.actions,
            rng: &mut node.rng,
            stats: &mut node.stats,
        };
        f(&mut node.model, &mut cx)
    }

    /// Simulated time now.
    pub fn now(&self) -> SimTime {
        self.now
    }

    /// The seed the run started from.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Events taken from the queue so far.
    pub fn events_processed(&self) -> u64 {
        self.events
    }

    /// Events waiting in the queue.
    pub fn pending_events(&self) -> usize {
        self.queue.len()
    }

    /// Requests in flight, counted once per block they are in.
    pub fn live_calls(&self) -> usize {
        self.calls.live()
    }

    /// Runs every event up to and including `until`, then sets the clock to
    /// `until`.
    pub fn step_until(&mut self, until: SimTime) {
        self.step_until_bounded(until, u64::MAX);
    }

    /// Like [`Sim::step_until`], but stops after `max_events` events; the
    /// clock then stands at the last event's time. Returns whether `until`
    /// was reached. A caller with a time budget steps in slices this way.
    pub fn step_until_bounded(&mut self, until: SimTime, max_events: u64) -> bool {
        let mut budget = max_events;
        while let Some(time) = self.queue.peek_time() {
            if time > until {
                break;
            }
            if budget == 0 {
                return false;
            }
            budget -= 1;
            if time >= self.next_window {
                self.close_windows(time);
            }
            let Some((time, event)) = self.queue.pop() else {
                break;
            };
            self.now = time;
            self.events += 1;
            match event {
                Event::ServiceDone(call) => {
                    let block = self.calls.get(call).block;
                    self.with_block(block, |model, cx| model.service_done(cx, call));
                }
                Event::Deliver(call) => self.deliver(call),
                Event::Reply(call, outcome) => self.reply(call, outcome),
                Event::Resume(call) => {
                    let block = self.calls.get(call).block;
                    self.with_block(block, |model, cx| model.resume(cx, call));
                }
                Event::Timer(block, tag) => {
                    self.with_block(block, |model, cx| model.timer(cx, tag))
                }
            }
            self.run_actions();
        }
        if until >= self.next_window {
            self.close_windows(until);
        }
        self.now = self.now.max(until);
        true
    }

    /// Gives every load balancer in front of `changed` the instances now in
    /// rotation behind it.
    fn refresh_backends(&mut self, changed: BlockIdx) {
        let callers: Vec<usize> = (0..self.nodes.len())
            .filter(|&idx| match &self.nodes[idx].model {
                Model::LoadBalancer(lb) => lb.targets().contains(&changed),
                _ => false,
            })
            .collect();
        for idx in callers {
            let Model::LoadBalancer(lb) = &self.nodes[idx].model else {
                continue;
            };
            let backends: Vec<(BlockIdx, u32)> = lb
                .targets()
                .iter()
                .flat_map(|&target| {
                    let instances = self.nodes[target.0 as usize].model.active_instances();
                    instances
                        .into_iter()
                        .map(move |instance| (target, instance))
                })
                .collect();
            if let Model::LoadBalancer(lb) = &mut self.nodes[idx].model {
                lb.set_backends(backends);
            }
        }
    }

    /// The one-way network delay between two blocks: the zones' average
    /// cross-zone latency when they sit in different zones, else none.
    fn hop(&self, from: BlockIdx, to: BlockIdx) -> SimTime {
        match (self.zones[from.0 as usize], self.zones[to.0 as usize]) {
            (Some((a, a_ms)), Some((b, b_ms))) if a != b => {
                SimTime::from_millis_f64((a_ms + b_ms) / 2.0)
            }
            _ => SimTime::ZERO,
        }
    }

    /// Puts a new call in the arena and hands it to its block, after the
    /// network delay from `from` when there is one.
    fn start_call(&mut self, mut call: Call, from: BlockIdx) {
        call.link = self.links.between(from, call.block);
        let delay = self.hop(from, call.block);
        call.arrived = self.now + delay;
        let call = self.calls.insert(call);
        if delay == SimTime::ZERO {
            self.deliver(call);
        } else {
            self.queue.schedule(self.now + delay, Event::Deliver(call));
        }
    }

    fn deliver(&mut self, call: CallIdx) {
        let block = self.calls.get(call).block;
        self.with_block(block, |model, cx| {
            cx.stats.counts.arrivals += 1;
            cx.levels().in_system += 1;
            model.arrive(cx, call);
        });
    }

    /// Hands the answer of `call` to its caller's block and frees it.
    fn reply(&mut self, call: CallIdx, outcome: Outcome) {
        let done = self.calls.remove(call);
        let parent = done.parent;
        let block = self.calls.get(parent).block;
        let reply = Reply {
            outcome,
            from: done.block,
            instance: done.instance,
        };
        self.with_block(block, |model, cx| model.answered(cx, parent, reply));
    }

    /// Carries out what handlers asked for, until nothing is left.
    fn run_actions(&mut self) {
        while let Some(action) = self.actions.pop() {
            match action {
                Action::Send {
                    parent,
                    to,
                    instance,
                    op,
                } => {
                    let from = *self.calls.get(parent);
                    let call = Call {
                        parent,
                        block: to,
                        instance,
                        arrived: self.now,
                        key: from.key,
                        class: from.class,
                        op,
                        step: 0,
                        flags: 0,
                        link: NO_LINK,
                    };
                    self.start_call(call, from.block);
                }
                Action::InstancesChanged(block) => self.refresh_backends(block),
                Action::Spawn {
                    from,
                    to,
                    key,
                    class,
                    op,
                } => {
                    let call = Call {
                        parent: CallIdx::NONE,
                        block: to,
                        instance: ANY_INSTANCE,
                        arrived: self.now,
                        key,
                        class,
                        op,
                        step: 0,
                        flags: 0,
                        link: NO_LINK,
                    };
                    self.start_call(call, from);
                }
                Action::Answer { call, outcome } => {
                    let done = *self.calls.get(call);
                    let now = self.now;
                    let stats = &mut self.nodes[done.block.0 as usize].stats;
                    stats.gauges.at(now).in_system -= 1;
                    let failure = match outcome {
                        Outcome::Failed(reason) => Some(reason),
                        Outcome::Ok | Outcome::Miss => None,
                    };
                    stats.record_answer(now - done.arrived, failure);
                    self.links.record(done.link, failure.is_some());
                    if done.parent == CallIdx::NONE {
                        self.calls.remove(call);
                        continue;
                    }
                    let caller = self.calls.get(done.parent).block;
                    let delay = self.hop(done.block, caller);
                    if delay == SimTime::ZERO {
                        self.reply(call, outcome);
                    } else {
                        self.queue
                            .schedule(now + delay, Event::Reply(call, outcome));
                    }
                }
            }
        }
    }

    /// Closes every window that ends at or before `time`.
    fn close_windows(&mut self, time: SimTime) {
        while self.next_window <= time {
            let end = self.next_window;
            let mut window = Window {
                start: end - SimTime::SECOND,
                end_to_end: EndToEnd::default(),
                blocks: Vec::with_capacity(self.nodes.len()),
                links: self.links.close_window(SimTime::SECOND),
                restarted: self.restarted.take(),
            };
            let mut failed_rps = 0.0;
            self.end_to_end.reset();
            for node in &mut self.nodes {
                let block = node.stats.close_window(end, &mut self.end_to_end);
                if node.kind == BlockKind::Users {
                    let total = &mut window.end_to_end;
                    total.offered_rps += block.arrivals_rps;
                    total.throughput_rps += block.throughput_rps;
                    for reason in Reason::ALL {
                        total.errors.0[reason as usize] += block.failures.get(reason);
                    }
                    failed_rps += block.failed_rps;
                }
                window.blocks.push(block);
            }
            window.end_to_end.latency = self.end_to_end.summary();
            let total = &mut window.end_to_end;
            total.failed_rps = failed_rps;
            let answered = total.throughput_rps + failed_rps;
            total.error_rate = if answered > 0.0 {
                failed_rps / answered
            } else {
                0.0
            };
            if self.windows.len() == WINDOWS_KEPT {
                self.windows.pop_front();
            }
            self.windows.push_back(window);
            self.windows_total += 1;
            self.next_window = end + SimTime::SECOND;
        }
    }

    /// The most recent one-second windows, oldest first (at most
    /// [`WINDOWS_KEPT`]).
    pub fn windows(&self) -> &VecDeque<Window> {
        &self.windows
    }

    /// How many windows the run has closed in all; the oldest kept window is
    /// number `windows_total() - windows().len()`.
    pub fn windows_total(&self) -> u64 {
        self.windows_total
    }

    /// The blocks' ids, in design order (the order of `Window::blocks`).
    pub fn block_ids(&self) -> impl Iterator<Item = &BlockId> {
        self.nodes.iter().map(|node| &node.id)
    }

    /// How many requests are in each state in a block right now.
    pub fn levels(&self, id: &BlockId) -> Option<Levels> {
        self.nodes
            .iter()
            .find(|node| &node.id == id)
            .map(|node| node.stats.gauges.levels())
    }

    /// The request rate of the users block `id` [req/s].
    pub fn rate(&self, id: &BlockId) -> Option<f64> {
        self.nodes.iter().find_map(|node| match &node.model {
            Model::Users(users) if &node.id == id => Some(users.rate_rps()),
            _ => None,
        })
    }

    /// Changes the request rate of the users block `id` from now on.
    pub fn set_rate(&mut self, id: &BlockId, rate_rps: f64) -> Result<(), String> {
        if !rate_rps.is_finite() || !(0.0..=crate::design::MAX_RATE_RPS).contains(&rate_rps) {
            return Err(format!(
                "{rate_rps} req/s is out of range (expected 0 to {})",
                crate::design::MAX_RATE_RPS
            ));
        }
        let Some(idx) = self.nodes.iter().position(|node| &node.id == id) else {
            return Err(format!("no block has the id '{id}'"));
        };
        self.with_block(BlockIdx(idx as u32), |model, cx| match model {
            Model::Users(users) => {
                users.set_rate(cx, rate_rps);
                Ok(())
            }
            _ => Err(format!("'{id}' is not a users block")),
        })
    }

    /// The design being simulated.
    pub fn design(&self) -> &Design {
        &self.design
    }

    /// Takes in an edited design without stopping: changed settings apply in
    /// place, a changed structure restarts the simulation from the current
    /// time (see [`Applied`]). On error nothing changes.
    pub fn apply_design(&mut self, design: &Design) -> Result<Applied, DesignError> {
        let problems = design.validate();
        if !problems.is_empty() {
            return Err(DesignError { problems });
        }
        let old = &self.design;
        let same_structure = old.links == design.links
            && old.blocks.len() == design.blocks.len()
            && old
                .blocks
                .iter()
                .zip(&design.blocks)
                .all(|(before, after)| {
                    before.id == after.id
                        && before.kind() == after.kind()
                        && before.zone == after.zone
                });
        if !same_structure {
            return self.restart(design);
        }

        let mut applied = Applied::Unchanged;
        for (idx, block) in design.blocks.iter().enumerate() {
            self.nodes[idx].name.clone_from(&block.name);
            if self.design.blocks[idx].params == block.params {
                continue;
            }
            applied = Applied::InPlace;
            let in_place = self.with_block(BlockIdx(idx as u32), |model, cx| {
                model.update(cx, &block.params)
            });
            self.run_actions();
            if !in_place {
                return self.restart(design);
            }
        }
        self.design = design.clone();
        Ok(applied)
    }

    /// Rebuilds the simulation for `design` at the current time, keeping
    /// the clock, the seed and the windows.
    fn restart(&mut self, design: &Design) -> Result<Applied, DesignError> {
        let dropped = self
            .nodes
            .iter()
            .filter(|node| node.kind == BlockKind::Users)
            .map(|node| u64::from(node.stats.gauges.levels().in_system))
            .sum();
        let mut fresh = Sim::new_at(design, self.seed, self.now)?;
        fresh.windows = std::mem::take(&mut self.windows);
        fresh.windows_total = self.windows_total;
        fresh.next_window = self.next_window;
        fresh.events = self.events;
        fresh.restarted = Some(self.restarted.unwrap_or(0) + dropped);
        *self = fresh;
        Ok(Applied::Restarted { dropped })
    }

    /// Starts the measured part of the run now: the report covers what ends
    /// from here on (the warm-up is over).
    pub fn start_measuring(&mut self) {
        let now = self.now;
        self.run_start = now;
        for node in &mut self.nodes {
            node.stats.start_run(now);
        }
        self.links.start_run();
    }
}
