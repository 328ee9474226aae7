//! `cdn`: answers static assets at the edge when it holds them; misses and
//! every other request go on to the origin.

use super::forward::Forwarder;
use crate::design::CdnParams;
use crate::dist::{unit, ServiceTime};
use crate::engine::{BlockIdx, CallIdx, Class, Cx, Outcome};

#[derive(Debug)]
pub(crate) struct Cdn {
    forwarder: Forwarder,
    hit_ratio: f64,
    origin: Option<BlockIdx>,
}

impl Cdn {
    pub(crate) fn new(params: &CdnParams, service: ServiceTime, origin: Option<BlockIdx>) -> Cdn {
        Cdn {
            forwarder: Forwarder::new(&params.capacity, service),
            hit_ratio: params.hit_ratio,
            origin,
        }
    }

    pub(crate) fn station(&self) -> &super::station::Station {
        &self.forwarder.station
    }

    pub(crate) fn update(&mut self, cx: &mut Cx, params: &CdnParams, service: ServiceTime) -> bool {
        self.hit_ratio = params.hit_ratio;
        self.forwarder.update(cx, &params.capacity, service)
    }

    pub(crate) fn arrive(&mut self, cx: &mut Cx, call: CallIdx) {
        self.forwarder.arrive(cx, call);
    }

    pub(crate) fn service_done(&mut self, cx: &mut Cx, call: CallIdx) {
        self.forwarder.service_done(cx, call);
        if cx.calls.get(call).class == Class::Static {
            let hit = unit(cx.rng) < self.hit_ratio;
            cx.stats.counts.lookups += 1;
            cx.stats.counts.hits += u64::from(hit);
            if hit {
                cx.answer(call, Outcome::Ok);
                return;
            }
        }
        cx.forward(call, self.origin);
    }

    pub(crate) fn answered(&mut self, cx: &mut Cx, call: CallIdx, outcome: Outcome) {
        cx.answer(call, outcome);
    }
}
