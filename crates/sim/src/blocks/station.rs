//! The capacity model every serving block shares: instances x workers, one
//! FIFO queue per instance with a limit. Instances can be added and taken
//! out of rotation while running (auto-scaling); an instance out of
//! rotation finishes what it holds.

use std::collections::VecDeque;

use crate::design::Limit;
use crate::engine::{CallIdx, Cx, ANY_INSTANCE};

/// One server of a block.
#[derive(Debug)]
struct Instance {
    /// Workers taken.
    busy: u32,
    /// Calls waiting for a worker, oldest first.
    queue: VecDeque<CallIdx>,
    /// In rotation: new requests may be sent to it.
    active: bool,
}

impl Instance {
    fn new(active: bool) -> Instance {
        Instance {
            busy: 0,
            queue: VecDeque::new(),
            active,
        }
    }
}

/// What happened to a call offered to a station.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Admission {
    /// A worker took it: start its work now.
    Start,
    /// It waits in the instance's queue.
    Queued,
    /// The queue is full: answer 503.
    Full,
    /// No instance is in rotation: answer 502.
    NoInstance,
}

#[derive(Debug)]
pub(crate) struct Station {
    instances: Vec<Instance>,
    workers: u32,
    queue_limit: u32,
    next: u32,
}

impl Station {
    pub(crate) fn new(instances: u32, workers: Limit, queue_limit: Limit) -> Station {
        Station {
            instances: (0..instances.max(1)).map(|_| Instance::new(true)).collect(),
            workers: workers.get().max(1),
            queue_limit: queue_limit.get(),
            next: 0,
        }
    }

    /// Workers in all instances in rotation, or zero when unlimited.
    pub(crate) fn capacity(&self) -> u32 {
        if self.workers == u32::MAX {
            0
        } else {
            self.workers.saturating_mul(self.n_active())
        }
    }

    /// Instances that exist, in rotation or not.
    pub(crate) fn n_instances(&self) -> u32 {
        self.instances.len() as u32
    }

    /// Instances in rotation.
    pub(crate) fn n_active(&self) -> u32 {
        self.instances.iter().filter(|server| server.active).count() as u32
    }

    /// The instances in rotation, in order.
    pub(crate) fn active_instances(&self) -> impl Iterator<Item = u32> + '_ {
        self.instances
            .iter()
            .enumerate()
            .filter(|(_, s)| s.active)
            .map(|(idx, _)| idx as u32)
    }

    /// Tells the block's stats how many workers each instance has now.
    pub(crate) fn sync_instance_workers(
        &self,
        stats: &mut crate::metrics::BlockStats,
        now: crate::time::SimTime,
    ) {
        let workers = if self.workers == u32::MAX {
            0
        } else {
            self.workers
        };
        for (idx, server) in self.instances.iter().enumerate() {
            stats.instance_workers(idx as u32, now, if server.active { workers } else { 0 });
        }
    }

    /// Adds an instance out of rotation; returns its number.
    pub(crate) fn add_instance(&mut self) -> u32 {
        self.instances.push(Instance::new(false));
        self.n_instances() - 1
    }

    /// Puts `instance` in or out of rotation.
    pub(crate) fn set_active(&mut self, cx: &mut Cx, instance: u32, active: bool) {
        if let Some(server) = self.instances.get_mut(instance as usize) {
            server.active = active;
        }
        self.rotation_changed(cx);
    }

    /// Tells the block's levels and stats what is in rotation now.
    fn rotation_changed(&self, cx: &mut Cx) {
        let (capacity, active) = (self.capacity(), self.n_active());
        let levels = cx.levels();
        levels.capacity = capacity;
        levels.instances = active;
        self.sync_instance_workers(cx.stats, cx.now);
    }

    /// Puts exactly `count` instances in rotation, at once (a user's edit,
    /// not an auto-scaler's launch): instances out of rotation come back
    /// first, then new ones are added; surplus instances leave rotation
    /// from the last one down and finish what they hold.
    pub(crate) fn set_active_count(&mut self, cx: &mut Cx, count: u32) {
        let count = count.max(1);
        let mut active = self.n_active();
        for server in &mut self.instances {
            if active >= count {
                break;
            }
            if !server.active {
                server.active = true;
                active += 1;
            }
        }
        while active < count {
            self.instances.push(Instance::new(true));
            active += 1;
        }
        for server in self.instances.iter_mut().rev() {
            if active <= count {
                break;
            }
            if server.active {
                server.active = false;
                active -= 1;
            }
        }
        self.rotation_changed(cx);
    }

    /// The next instance in rotation, in turn.
    fn pick(&mut self) -> Option<u32> {
        let n_instances = self.n_instances();
        for _ in 0..n_instances {
            let instance = self.next % n_instances;
            self.next = instance + 1;
            if self.instances[instance as usize].active {
                return Some(instance);
            }
        }
        None
    }

    /// Offers `call` to its instance (chosen in turn when the caller left it
    /// open).
    pub(crate) fn admit(&mut self, cx: &mut Cx, call: CallIdx) -> Admission {
        let mut instance = cx.calls.get(call).instance;
        if instance == ANY_INSTANCE || instance >= self.n_instances() {
            let Some(picked) = self.pick() else {
                return Admission::NoInstance;
            };
            instance = picked;
            cx.calls.get_mut(call).instance = instance;
        }
        cx.stats.instance_arrival(instance);
        let server = &mut self.instances[instance as usize];
        if server.busy < self.workers {
            server.busy += 1;
            cx.levels().busy += 1;
            cx.stats.counts.admitted += 1;
            Admission::Start
        } else if (server.queue.len() as u32) < self.queue_limit {
            server.queue.push_back(call);
            cx.levels().queued += 1;
            let counts = &mut cx.stats.counts;
            counts.admitted += 1;
            counts.waited += 1;
            Admission::Queued
        } else {
            Admission::Full
        }
    }

    /// Frees a worker of `instance`; the oldest queued call takes it over and
    /// is returned, for the block to start its work.
    pub(crate) fn release(&mut self, cx: &mut Cx, instance: u32) -> Option<CallIdx> {
        let server = &mut self.instances[instance as usize];
        // After the workers were cut, busy instances shed workers first.
        let next = if server.busy > self.workers {
            None
        } else {
            server.queue.pop_front()
        };
        match next {
            Some(next) => {
                Self::dequeued(cx, next);
                Some(next)
            }
            None => {
                server.busy -= 1;
                cx.levels().busy -= 1;
                None
            }
        }
    }

    /// Books a call leaving a queue for a worker. A call waits from its
    /// arrival at the block: admission happens on arrival.
    fn dequeued(cx: &mut Cx, call: CallIdx) {
        cx.levels().queued -= 1;
        let waited = cx.now - cx.calls.get(call).arrived;
        cx.stats.counts.wait_time_us += waited.as_micros();
    }

    /// Changes the workers per instance and the queue limit while running.
    /// Calls already queued stay queued even above a lowered limit; with more
    /// workers, queued calls take them at once and are returned, for the
    /// block to start their work.
    pub(crate) fn resize(
        &mut self,
        cx: &mut Cx,
        workers: Limit,
        queue_limit: Limit,
    ) -> Vec<CallIdx> {
        self.workers = workers.get().max(1);
        self.queue_limit = queue_limit.get();
        cx.levels().capacity = self.capacity();
        self.sync_instance_workers(cx.stats, cx.now);
        let mut started = Vec::new();
        for server in &mut self.instances {
            while server.busy < self.workers {
                let Some(next) = server.queue.pop_front() else {
                    break;
                };
                server.busy += 1;
                cx.levels().busy += 1;
                Self::dequeued(cx, next);
                started.push(next);
            }
        }
        started
    }
}
