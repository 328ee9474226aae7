//! `cache`: a key-value store in front of the database. Reads it holds are
//! hits; on a miss the app reads the database and fills the cache. Writes
//! follow the cache's mode: cache-aside (the app writes the database and
//! drops the key here), write-through (this cache writes the database before
//! answering, holding its worker) or write-behind (it answers at once and
//! writes its dirty keys to the database every flush interval).

use super::lru::Lru;
use super::station::{Admission, Station};
use crate::design::{CacheMode, CacheParams, Lookup};
use crate::dist::{unit, ServiceTime};
use crate::engine::{BlockIdx, CallIdx, Class, Cx, Event, Op, Outcome};
use crate::keymap::KeyMap;
use crate::metrics::Reason;
use crate::time::SimTime;

/// Timer tag bit of a flush write; the rest is the key (keys are below
/// 2^31, see `design::MAX_KEYS`).
const TAG_WRITE: u32 = 1 << 31;

#[derive(Debug)]
enum Store {
    Fixed { hit_ratio: f64 },
    Lru { keys: Lru, ttl: SimTime },
}

#[derive(Debug)]
pub(crate) struct Cache {
    pub station: Station,
    service: ServiceTime,
    mode: CacheMode,
    store: Store,
    database: Option<BlockIdx>,
    flush_interval: SimTime,
    /// Keys written but not yet flushed (write-behind), oldest first.
    dirty: Vec<u32>,
    dirty_set: KeyMap<()>,
    warm: bool,
    /// Keys in the users' key space (a warm cache holds the most popular).
    key_count: u32,
}

impl Cache {
    pub(crate) fn new(
        params: &CacheParams,
        service: ServiceTime,
        database: Option<BlockIdx>,
        key_count: u32,
    ) -> Cache {
        let capacity = &params.capacity;
        Cache {
            station: Station::new(capacity.instances, capacity.workers, capacity.queue_limit),
            service,
            mode: params.mode,
            store: Cache::store(params),
            database,
            flush_interval: SimTime::from_millis_f64(params.flush_interval_ms).max(SimTime(1)),
            dirty: Vec::new(),
            dirty_set: KeyMap::default(),
            warm: params.warm,
            key_count,
        }
    }

    fn store(params: &CacheParams) -> Store {
        match params.lookup {
            Lookup::Fixed => Store::Fixed {
                hit_ratio: params.hit_ratio,
            },
            Lookup::Lru => Store::Lru {
                keys: Lru::new(params.max_keys),
                ttl: if params.ttl_s > 0.0 {
                    SimTime::from_secs_f64(params.ttl_s)
                } else {
                    SimTime::MAX
                },
            },
        }
    }

    /// Fills a warm cache and starts the flush timer of a write-behind one.
    pub(crate) fn start(&mut self, cx: &mut Cx) {
        if let (true, Store::Lru { keys, ttl }) = (self.warm, &mut self.store) {
            // Least popular first, so that the most popular end up the most
            // recently used.
            for key in (0..self.key_count.min(keys.max_keys())).rev() {
                let expires = if *ttl == SimTime::MAX {
                    SimTime::MAX
                } else {
                    cx.now + SimTime::from_micros_f64(ttl.as_micros() as f64 * (1.0 - unit(cx.rng)))
                };
                keys.put(key, expires);
            }
        }
        if self.mode == CacheMode::WriteBehind {
            cx.after(self.flush_interval, Event::Timer(cx.block, 0));
        }
    }

    pub(crate) fn update(
        &mut self,
        cx: &mut Cx,
        params: &CacheParams,
        service: ServiceTime,
    ) -> bool {
        let capacity = &params.capacity;
        if capacity.instances != self.station.n_instances() || params.mode != self.mode {
            return false;
        }
        self.service = service;
        self.flush_interval = SimTime::from_millis_f64(params.flush_interval_ms).max(SimTime(1));
        match (&mut self.store, params.lookup) {
            (Store::Fixed { hit_ratio }, Lookup::Fixed) => *hit_ratio = params.hit_ratio,
            // A new size or TTL starts from an empty cache, as a restarted
            // Redis would.
            _ => self.store = Cache::store(params),
        }
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

    fn remember(&mut self, key: u32, now: SimTime) {
        if let Store::Lru { keys, ttl } = &mut self.store {
            keys.put(key, now + *ttl);
        }
    }

    pub(crate) fn service_done(&mut self, cx: &mut Cx, call: CallIdx) {
        cx.end_service(call);
        let state = *cx.calls.get(call);
        match state.op {
            Op::Read => {
                let hit = match &mut self.store {
                    Store::Fixed { hit_ratio } => unit(cx.rng) < *hit_ratio,
                    Store::Lru { keys, .. } => keys.get(state.key, cx.now),
                };
                cx.stats.counts.lookups += 1;
                cx.stats.counts.hits += u64::from(hit);
                self.finish(cx, call, if hit { Outcome::Ok } else { Outcome::Miss });
            }
            // A fill after a read miss, or any write of a cache-aside cache.
            Op::Write if state.class != Class::Write || self.mode == CacheMode::CacheAside => {
                self.remember(state.key, cx.now);
                self.finish(cx, call, Outcome::Ok);
            }
            Op::Write => match (self.mode, self.database) {
                (CacheMode::WriteThrough, Some(database)) => cx.call(call, database, Op::Write),
                (CacheMode::WriteBehind, Some(_)) => {
                    self.remember(state.key, cx.now);
                    if self.dirty_set.insert(state.key, ()).is_none() {
                        self.dirty.push(state.key);
                    }
                    self.finish(cx, call, Outcome::Ok);
                }
                _ => {
                    self.remember(state.key, cx.now);
                    self.finish(cx, call, Outcome::Ok);
                }
            },
            Op::Invalidate => {
                if let Store::Lru { keys, .. } = &mut self.store {
                    keys.remove(state.key);
                }
                self.finish(cx, call, Outcome::Ok);
            }
        }
    }

    /// The database answered a write-through write.
    pub(crate) fn answered(&mut self, cx: &mut Cx, call: CallIdx, outcome: Outcome) {
        if !matches!(outcome, Outcome::Failed(_)) {
            let key = cx.calls.get(call).key;
            self.remember(key, cx.now);
        }
        self.finish(cx, call, outcome);
    }

    fn finish(&mut self, cx: &mut Cx, call: CallIdx, outcome: Outcome) {
        let instance = cx.calls.get(call).instance;
        cx.answer(call, outcome);
        if let Some(next) = self.station.release(cx, instance) {
            self.begin(cx, next);
        }
    }

    /// Every flush interval, takes the dirty keys and writes them to the
    /// database spread evenly over the next interval, in the order first
    /// written, as a rate-limited flusher does (all at once, they would
    /// swamp the database's connections).
    pub(crate) fn timer(&mut self, cx: &mut Cx, tag: u32) {
        if tag & TAG_WRITE != 0 {
            if let Some(database) = self.database {
                cx.spawn(database, tag & !TAG_WRITE, Class::Write, Op::Write);
            }
            return;
        }
        let n_dirty = self.dirty.len() as u64;
        let interval = self.flush_interval.as_micros();
        for (idx, key) in self.dirty.drain(..).enumerate() {
            let offset = SimTime(interval * idx as u64 / n_dirty.max(1));
            cx.after(offset, Event::Timer(cx.block, TAG_WRITE | key));
        }
        self.dirty_set.clear();
        cx.after(self.flush_interval, Event::Timer(cx.block, 0));
    }
}
