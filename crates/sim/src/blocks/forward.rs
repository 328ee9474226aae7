//! The part every forwarding block (CDN, gateway, load balancer) shares: do
//! a short piece of own work on a worker, free it, pass the request on.

use super::station::{Admission, Station};
use crate::design::CapacitySpec;
use crate::dist::ServiceTime;
use crate::engine::{CallIdx, Cx};
use crate::metrics::Reason;

#[derive(Debug)]
pub(crate) struct Forwarder {
    pub station: Station,
    service: ServiceTime,
}

impl Forwarder {
    pub(crate) fn new(capacity: &CapacitySpec, service: ServiceTime) -> Forwarder {
        Forwarder {
            station: Station::new(capacity.instances, capacity.workers, capacity.queue_limit),
            service,
        }
    }

    pub(crate) fn arrive(&mut self, cx: &mut Cx, call: CallIdx) {
        match self.station.admit(cx, call) {
            Admission::Start => self.begin(cx, call),
            Admission::Queued => {}
            Admission::Full => cx.fail(call, Reason::Overloaded),
            Admission::NoInstance => cx.fail(call, Reason::Unavailable),
        }
    }

    /// Takes new settings while running, a new number of instances
    /// included.
    pub(crate) fn update(
        &mut self,
        cx: &mut Cx,
        capacity: &CapacitySpec,
        service: ServiceTime,
    ) -> bool {
        if capacity.instances != self.station.n_active() {
            self.station.set_active_count(cx, capacity.instances);
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

    fn begin(&mut self, cx: &mut Cx, call: CallIdx) {
        let duration = self.service.sample(cx.rng);
        cx.begin_service(call, duration);
    }

    /// The own work of `call` is done: its worker goes to the next queued
    /// call. The caller then passes `call` on or answers it.
    pub(crate) fn service_done(&mut self, cx: &mut Cx, call: CallIdx) {
        cx.end_service(call);
        let instance = cx.calls.get(call).instance;
        if let Some(next) = self.station.release(cx, instance) {
            self.begin(cx, next);
        }
    }
}
