//! `load_balancer`: spreads requests over every instance of the blocks
//! behind it.

use super::forward::Forwarder;
use crate::design::{LbPolicy, LoadBalancerParams};
use crate::dist::ServiceTime;
use crate::engine::{BlockIdx, CallIdx, Cx, Outcome};

#[derive(Debug)]
pub(crate) struct LoadBalancer {
    forwarder: Forwarder,
    policy: LbPolicy,
    /// Every backend instance: (block, instance).
    backends: Vec<(BlockIdx, u32)>,
    next: usize,
}

impl LoadBalancer {
    pub(crate) fn new(
        params: &LoadBalancerParams,
        service: ServiceTime,
        backends: Vec<(BlockIdx, u32)>,
    ) -> LoadBalancer {
        LoadBalancer {
            forwarder: Forwarder::new(&params.capacity, service),
            policy: params.policy,
            backends,
            next: 0,
        }
    }

    pub(crate) fn capacity(&self) -> u32 {
        self.forwarder.station.capacity()
    }

    pub(crate) fn update(
        &mut self,
        cx: &mut Cx,
        params: &LoadBalancerParams,
        service: ServiceTime,
    ) -> bool {
        self.policy = params.policy;
        self.forwarder.update(cx, &params.capacity, service)
    }

    pub(crate) fn arrive(&mut self, cx: &mut Cx, call: CallIdx) {
        self.forwarder.arrive(cx, call);
    }

    pub(crate) fn service_done(&mut self, cx: &mut Cx, call: CallIdx) {
        self.forwarder.service_done(cx, call);
        let LbPolicy::RoundRobin = self.policy;
        match self.backends.get(self.next) {
            Some(&(block, instance)) => {
                self.next = (self.next + 1) % self.backends.len();
                cx.send(call, block, instance);
            }
            None => cx.forward(call, None),
        }
    }

    pub(crate) fn answered(&mut self, cx: &mut Cx, call: CallIdx, outcome: Outcome) {
        cx.answer(call, outcome);
    }
}
