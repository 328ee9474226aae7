//! `cache`: a key-value store in front of the database. Reads it holds are
//! hits; on a miss the app reads the database and fills the cache.

use super::station::{Admission, Station};
use crate::design::CacheParams;
use crate::dist::{unit, ServiceTime};
use crate::engine::{CallIdx, Cx, Op, Outcome};
use crate::metrics::Reason;

#[derive(Debug)]
pub(crate) struct Cache {
    pub station: Station,
    service: ServiceTime,
    hit_ratio: f64,
}

impl Cache {
    pub(crate) fn new(params: &CacheParams, service: ServiceTime) -> Cache {
        let capacity = &params.capacity;
        Cache {
            station: Station::new(capacity.instances, capacity.workers, capacity.queue_limit),
            service,
            hit_ratio: params.hit_ratio,
        }
    }

    pub(crate) fn update(
        &mut self,
        cx: &mut Cx,
        params: &CacheParams,
        service: ServiceTime,
    ) -> bool {
        let capacity = &params.capacity;
        if capacity.instances != self.station.n_instances() {
            return false;
        }
        self.service = service;
        self.hit_ratio = params.hit_ratio;
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
        }
    }

    fn begin(&mut self, cx: &mut Cx, call: CallIdx) {
        let duration = self.service.sample(cx.rng);
        cx.begin_service(call, duration);
    }

    pub(crate) fn service_done(&mut self, cx: &mut Cx, call: CallIdx) {
        cx.end_service();
        let state = cx.calls.get(call);
        let instance = state.instance;
        let outcome = match state.op {
            Op::Read if unit(cx.rng) >= self.hit_ratio => Outcome::Miss,
            Op::Read | Op::Write | Op::Invalidate => Outcome::Ok,
        };
        cx.answer(call, outcome);
        if let Some(next) = self.station.release(cx, instance) {
            self.begin(cx, next);
        }
    }
}
