//! `load_balancer`: spreads requests over every instance of the blocks
//! behind it, by one of five policies. It counts the requests it has in
//! flight at each instance, as a real balancer does, and knows nothing else
//! about them.

use rand::RngExt;

use super::forward::Forwarder;
use crate::design::{LbPolicy, LoadBalancerParams};
use crate::dist::ServiceTime;
use crate::engine::{BlockIdx, CallIdx, Cx, Reply};
use crate::rng::mix;

/// Points each backend instance gets on the hash ring: enough that keys
/// spread within a few percent.
const RING_POINTS: u32 = 160;

#[derive(Debug)]
struct Backend {
    block: BlockIdx,
    instance: u32,
    /// Requests sent there and not answered yet.
    in_flight: u32,
}

#[derive(Debug)]
pub(crate) struct LoadBalancer {
    forwarder: Forwarder,
    policy: LbPolicy,
    /// The blocks behind, in link order.
    targets: Vec<BlockIdx>,
    /// Their instances in rotation, block by block.
    backends: Vec<Backend>,
    next: usize,
    /// (position, backend index), sorted by position.
    ring: Vec<(u64, u32)>,
    /// For each target, its instance number -> backend index (`u32::MAX`
    /// when out of rotation).
    slots: Vec<Vec<u32>>,
}

impl LoadBalancer {
    /// A balancer in front of `targets`; its backends come with
    /// [`LoadBalancer::set_backends`].
    pub(crate) fn new(
        params: &LoadBalancerParams,
        service: ServiceTime,
        targets: Vec<BlockIdx>,
    ) -> LoadBalancer {
        LoadBalancer {
            forwarder: Forwarder::new(&params.capacity, service),
            policy: params.policy,
            targets,
            backends: Vec::new(),
            next: 0,
            ring: Vec::new(),
            slots: Vec::new(),
        }
    }

    pub(crate) fn targets(&self) -> &[BlockIdx] {
        &self.targets
    }

    /// The instances now in rotation behind the balancer; requests in
    /// flight keep being counted where they went.
    pub(crate) fn set_backends(&mut self, backends: Vec<(BlockIdx, u32)>) {
        let old = std::mem::take(&mut self.backends);
        self.backends = backends
            .into_iter()
            .map(|(block, instance)| {
                let in_flight = old
                    .iter()
                    .find(|b| b.block == block && b.instance == instance)
                    .map_or(0, |b| b.in_flight);
                Backend {
                    block,
                    instance,
                    in_flight,
                }
            })
            .collect();
        self.slots = vec![Vec::new(); self.targets.len()];
        for (idx, backend) in self.backends.iter().enumerate() {
            let Some(target) = self.targets.iter().position(|&t| t == backend.block) else {
                continue;
            };
            let slots = &mut self.slots[target];
            let instance = backend.instance as usize;
            if slots.len() <= instance {
                slots.resize(instance + 1, u32::MAX);
            }
            slots[instance] = idx as u32;
        }
        self.build_ring();
    }

    fn build_ring(&mut self) {
        self.ring.clear();
        for (idx, backend) in self.backends.iter().enumerate() {
            let seed = (u64::from(backend.block.0) << 32) | u64::from(backend.instance);
            for point in 0..RING_POINTS {
                self.ring
                    .push((mix(mix(seed) ^ u64::from(point)), idx as u32));
            }
        }
        self.ring.sort_unstable();
    }

    fn backend_index(&self, block: BlockIdx, instance: u32) -> Option<usize> {
        let target = self.targets.iter().position(|&t| t == block)?;
        let idx = *self.slots.get(target)?.get(instance as usize)?;
        (idx != u32::MAX).then_some(idx as usize)
    }

    pub(crate) fn station(&self) -> &super::station::Station {
        &self.forwarder.station
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
        match self.pick(cx, call) {
            Some(idx) => {
                let backend = &mut self.backends[idx];
                backend.in_flight += 1;
                cx.send(call, backend.block, backend.instance);
            }
            None => cx.forward(call, None),
        }
    }

    /// The backend `call` goes to.
    fn pick(&mut self, cx: &mut Cx, call: CallIdx) -> Option<usize> {
        let n_backends = self.backends.len();
        if n_backends == 0 {
            return None;
        }
        Some(match self.policy {
            LbPolicy::RoundRobin => {
                let idx = self.next % n_backends;
                self.next = idx + 1;
                idx
            }
            LbPolicy::LeastConnections => {
                // Ties go to the next in turn, so an idle pool is used evenly.
                let start = self.next % n_backends;
                let idx = (0..n_backends)
                    .map(|offset| (start + offset) % n_backends)
                    .min_by_key(|&idx| self.backends[idx].in_flight)
                    .unwrap_or(start);
                self.next = idx + 1;
                idx
            }
            LbPolicy::Random => cx.rng.random_range(0..n_backends),
            LbPolicy::PowerOfTwoChoices => {
                let first = cx.rng.random_range(0..n_backends);
                if n_backends == 1 {
                    return Some(first);
                }
                // A second, different instance.
                let second = (first + 1 + cx.rng.random_range(0..n_backends - 1)) % n_backends;
                if self.backends[second].in_flight < self.backends[first].in_flight {
                    second
                } else {
                    first
                }
            }
            LbPolicy::ConsistentHash => {
                let position = mix(u64::from(cx.calls.get(call).key) ^ 0x5bd1_e995);
                let at = self.ring.partition_point(|&(point, _)| point < position);
                self.ring
                    .get(at)
                    .or(self.ring.first())
                    .map_or(0, |&(_, idx)| idx as usize)
            }
        })
    }

    pub(crate) fn answered(&mut self, cx: &mut Cx, call: CallIdx, reply: Reply) {
        if let Some(idx) = self.backend_index(reply.from, reply.instance) {
            let backend = &mut self.backends[idx];
            backend.in_flight = backend.in_flight.saturating_sub(1);
        }
        cx.answer(call, reply.outcome);
    }
}
