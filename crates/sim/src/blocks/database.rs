//! `database`: shards, each a primary that takes the writes and read
//! replicas that take the reads (the primary takes them too when there is no
//! replica). Every node is an instance of the block's station with its own
//! queue, and accepts a limited number of client connections: a call holds
//! one from its arrival to its answer, and a call over the limit is refused
//! with 503, as "too many clients" is.
//!
//! Replicas apply writes `replication_lag_ms` after the primary: a replica
//! read of a key written more recently than that is counted as stale.

use super::station::{Admission, Station};
use crate::design::{DatabaseParams, Sharding};
use crate::dist::ServiceTime;
use crate::engine::{CallIdx, Cx, Op, Outcome};
use crate::keymap::KeyMap;
use crate::metrics::Reason;
use crate::rng::mix;
use crate::time::SimTime;

/// The shard of `shards` that holds `key` when keys are `0..key_count`:
/// by range, `key * shards / key_count`; by hash, a 64-bit mix of the key
/// modulo `shards`.
pub fn shard_of(key: u32, shards: u32, sharding: Sharding, key_count: u32) -> u32 {
    let shards = shards.max(1);
    match sharding {
        Sharding::Hash => (mix(u64::from(key)) % u64::from(shards)) as u32,
        Sharding::Range => {
            let shard = u64::from(key) * u64::from(shards) / u64::from(key_count.max(1));
            (shard as u32).min(shards - 1)
        }
    }
}

/// How many recent writes a database remembers before pruning old ones.
const FORGET_WRITES_ABOVE: usize = 100_000;

#[derive(Debug)]
pub(crate) struct Database {
    pub station: Station,
    read: ServiceTime,
    write: ServiceTime,
    replicas: u32,
    shards: u32,
    sharding: Sharding,
    /// Keys in the users' key space (range sharding splits it).
    key_count: u32,
    lag: SimTime,
    max_connections: u32,
    /// Open connections per node.
    connections: Vec<u32>,
    /// Next replica in turn, per shard.
    next_replica: Vec<u32>,
    /// When each key was last written at its primary.
    last_write: KeyMap<SimTime>,
}

impl Database {
    pub(crate) fn new(
        params: &DatabaseParams,
        read: ServiceTime,
        write: ServiceTime,
        key_count: u32,
    ) -> Database {
        let shards = params.shards.max(1);
        let nodes = shards * (1 + params.replicas);
        Database {
            station: Station::new(nodes, params.workers, params.queue_limit),
            read,
            write,
            replicas: params.replicas,
            shards,
            sharding: params.sharding,
            key_count: key_count.max(1),
            lag: SimTime::from_millis_f64(params.replication_lag_ms),
            max_connections: params.max_connections.get(),
            connections: vec![0; nodes as usize],
            next_replica: vec![0; shards as usize],
            last_write: KeyMap::default(),
        }
    }

    pub(crate) fn update(
        &mut self,
        cx: &mut Cx,
        params: &DatabaseParams,
        read: ServiceTime,
        write: ServiceTime,
    ) -> bool {
        if params.replicas != self.replicas
            || params.shards.max(1) != self.shards
            || params.sharding != self.sharding
        {
            return false;
        }
        self.read = read;
        self.write = write;
        self.lag = SimTime::from_millis_f64(params.replication_lag_ms);
        self.max_connections = params.max_connections.get();
        for call in self.station.resize(cx, params.workers, params.queue_limit) {
            self.begin(cx, call);
        }
        true
    }

    /// The shard that holds `key`.
    fn shard_of(&self, key: u32) -> u32 {
        shard_of(key, self.shards, self.sharding, self.key_count)
    }

    /// The node a call goes to: its shard's primary for writes, the next
    /// replica in turn for reads.
    fn node_for(&mut self, key: u32, op: Op) -> u32 {
        let shard = self.shard_of(key);
        let primary = shard * (1 + self.replicas);
        if op == Op::Read && self.replicas > 0 {
            let turn = &mut self.next_replica[shard as usize];
            *turn = (*turn + 1) % self.replicas;
            primary + 1 + *turn
        } else {
            primary
        }
    }

    fn is_replica(&self, node: u32) -> bool {
        node % (1 + self.replicas) != 0
    }

    pub(crate) fn arrive(&mut self, cx: &mut Cx, call: CallIdx) {
        let state = *cx.calls.get(call);
        let node = self.node_for(state.key, state.op);
        cx.calls.get_mut(call).instance = node;
        // FIXME: a pooled app's connections count here only while they
        // carry a query; a real pool holds them open, so pools adding up to
        // more than max_connections would fail to open some. Until pools
        // reserve their connections here (the app and the database would
        // need to agree on them through the engine), the inspector warns
        // about such designs instead.
        let open = &mut self.connections[node as usize];
        if *open >= self.max_connections {
            cx.fail(call, Reason::Overloaded);
            return;
        }
        *open += 1;
        match self.station.admit(cx, call) {
            Admission::Start => self.begin(cx, call),
            Admission::Queued => {}
            Admission::Full | Admission::NoInstance => {
                self.connections[node as usize] -= 1;
                cx.fail(call, Reason::Overloaded);
            }
        }
    }

    fn begin(&mut self, cx: &mut Cx, call: CallIdx) {
        let service = if cx.calls.get(call).op == Op::Read {
            self.read
        } else {
            self.write
        };
        let duration = service.sample(cx.rng);
        cx.begin_service(call, duration);
    }

    pub(crate) fn service_done(&mut self, cx: &mut Cx, call: CallIdx) {
        cx.end_service(call);
        let state = *cx.calls.get(call);
        let node = state.instance;
        if state.op == Op::Read {
            if self.is_replica(node) {
                let fresh_from = cx.now.saturating_sub(self.lag);
                if self
                    .last_write
                    .get(&state.key)
                    .is_some_and(|&at| at > fresh_from)
                {
                    cx.stats.counts.stale_reads += 1;
                }
            }
        } else if self.replicas > 0 {
            self.last_write.insert(state.key, cx.now);
            // Only writes within the lag can make a read stale: forget older
            // ones now and then, so memory stays bounded.
            if self.last_write.len() > FORGET_WRITES_ABOVE {
                let fresh_from = cx.now.saturating_sub(self.lag);
                self.last_write.retain(|_, at| *at > fresh_from);
            }
        }
        self.connections[node as usize] -= 1;
        cx.answer(call, Outcome::Ok);
        if let Some(next) = self.station.release(cx, node) {
            self.begin(cx, next);
        }
    }
}
