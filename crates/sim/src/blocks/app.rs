//! `app`: stateless servers. A worker takes a request, computes, then makes
//! the calls its class needs one after another (cache, then the database on
//! a miss; the database for writes), holding the worker all the while, as a
//! thread-per-request server does. A slow database therefore backs up the
//! app tier.

use super::station::{Admission, Station};
use crate::design::AppParams;
use crate::dist::ServiceTime;
use crate::engine::{BlockIdx, CallIdx, Class, Cx, Op, Outcome};
use crate::metrics::Reason;

/// `Call::flags` bit: a cache lookup of this request missed.
const MISSED: u8 = 1;

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
}

/// What an app calls for each class of request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Plans {
    pub static_assets: Vec<Step>,
    pub read: Vec<Step>,
    pub write: Vec<Step>,
}

impl Plans {
    /// The cache-aside plans for an app that links to an optional cache, an
    /// optional database and an optional further service:
    /// - read: cache; on a miss the database, then fill the cache;
    /// - write: the database, then drop the key from the cache;
    /// - every class then calls the further service.
    pub(crate) fn cache_aside(
        cache: Option<BlockIdx>,
        database: Option<BlockIdx>,
        service: Option<BlockIdx>,
    ) -> Plans {
        let step = |to, op, when| Step { to, op, when };
        let mut plans = Plans::default();
        match (cache, database) {
            (Some(cache), Some(database)) => {
                plans.read = vec![
                    step(cache, Op::Read, When::Always),
                    step(database, Op::Read, When::AfterMiss),
                    step(cache, Op::Write, When::AfterMiss),
                ];
                plans.write = vec![
                    step(database, Op::Write, When::Always),
                    step(cache, Op::Invalidate, When::Always),
                ];
            }
            (Some(cache), None) => {
                plans.read = vec![step(cache, Op::Read, When::Always)];
                plans.write = vec![step(cache, Op::Write, When::Always)];
            }
            (None, Some(database)) => {
                plans.read = vec![step(database, Op::Read, When::Always)];
                plans.write = vec![step(database, Op::Write, When::Always)];
            }
            (None, None) => {}
        }
        if let Some(service) = service {
            for plan in [&mut plans.static_assets, &mut plans.read, &mut plans.write] {
                plan.push(step(service, Op::Read, When::Always));
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

#[derive(Debug)]
pub(crate) struct App {
    pub station: Station,
    service: ServiceTime,
    plans: Plans,
}

impl App {
    pub(crate) fn new(params: &AppParams, service: ServiceTime, plans: Plans) -> App {
        let capacity = &params.capacity;
        App {
            station: Station::new(capacity.instances, capacity.workers, capacity.queue_limit),
            service,
            plans,
        }
    }

    pub(crate) fn update(&mut self, cx: &mut Cx, params: &AppParams, service: ServiceTime) -> bool {
        let capacity = &params.capacity;
        if capacity.instances != self.station.n_instances() {
            return false;
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
        }
    }

    fn begin(&mut self, cx: &mut Cx, call: CallIdx) {
        let duration = self.service.sample(cx.rng);
        cx.begin_service(call, duration);
    }

    pub(crate) fn service_done(&mut self, cx: &mut Cx, call: CallIdx) {
        cx.end_service();
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
            cx.call(call, step.to, step.op);
            return;
        }
        self.finish(cx, call, Outcome::Ok);
    }

    pub(crate) fn answered(&mut self, cx: &mut Cx, call: CallIdx, outcome: Outcome) {
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
}
