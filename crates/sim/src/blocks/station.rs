//! The capacity model every serving block shares: instances x workers, one
//! FIFO queue per instance with a limit.

use std::collections::VecDeque;

use crate::design::Limit;
use crate::engine::{CallIdx, Cx, ANY_INSTANCE};

/// One server of a block.
#[derive(Debug, Default)]
struct Instance {
    /// Workers taken.
    busy: u32,
    /// Calls waiting for a worker, oldest first.
    queue: VecDeque<CallIdx>,
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
            instances: (0..instances.max(1)).map(|_| Instance::default()).collect(),
            workers: workers.get().max(1),
            queue_limit: queue_limit.get(),
            next: 0,
        }
    }

    /// Workers in all instances, or zero when unlimited.
    pub(crate) fn capacity(&self) -> u32 {
        if self.workers == u32::MAX {
            0
        } else {
            self.workers.saturating_mul(self.instances.len() as u32)
        }
    }

    pub(crate) fn n_instances(&self) -> u32 {
        self.instances.len() as u32
    }

    /// The next instance in turn.
    fn pick(&mut self) -> u32 {
        let instance = self.next;
        self.next = (self.next + 1) % self.n_instances();
        instance
    }

    /// Offers `call` to its instance (chosen in turn when the caller left it
    /// open).
    pub(crate) fn admit(&mut self, cx: &mut Cx, call: CallIdx) -> Admission {
        let mut instance = cx.calls.get(call).instance;
        if instance == ANY_INSTANCE || instance >= self.n_instances() {
            instance = self.pick();
            cx.calls.get_mut(call).instance = instance;
        }
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
