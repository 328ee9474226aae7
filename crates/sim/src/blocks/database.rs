//! `database`: a primary that takes the writes and read replicas that take
//! the reads (the primary takes them too when there is no replica). Each
//! node is an instance of the block's station with its own queue.

use super::station::{Admission, Station};
use crate::design::DatabaseParams;
use crate::dist::ServiceTime;
use crate::engine::{CallIdx, Cx, Op, Outcome};
use crate::metrics::Reason;

#[derive(Debug)]
pub(crate) struct Database {
    pub station: Station,
    read: ServiceTime,
    write: ServiceTime,
    replicas: u32,
    next_replica: u32,
}

impl Database {
    pub(crate) fn new(params: &DatabaseParams, read: ServiceTime, write: ServiceTime) -> Database {
        Database {
            station: Station::new(1 + params.replicas, params.workers, params.queue_limit),
            read,
            write,
            replicas: params.replicas,
            next_replica: 0,
        }
    }

    pub(crate) fn update(
        &mut self,
        cx: &mut Cx,
        params: &DatabaseParams,
        read: ServiceTime,
        write: ServiceTime,
    ) -> bool {
        if params.replicas != self.replicas {
            return false;
        }
        self.read = read;
        self.write = write;
        for call in self.station.resize(cx, params.workers, params.queue_limit) {
            self.begin(cx, call);
        }
        true
    }

    pub(crate) fn arrive(&mut self, cx: &mut Cx, call: CallIdx) {
        let state = cx.calls.get_mut(call);
        state.instance = if state.op == Op::Read && self.replicas > 0 {
            self.next_replica = (self.next_replica + 1) % self.replicas;
            1 + self.next_replica
        } else {
            0
        };
        match self.station.admit(cx, call) {
            Admission::Start => self.begin(cx, call),
            Admission::Queued => {}
            Admission::Full => cx.fail(call, Reason::Overloaded),
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
        cx.end_service();
        let instance = cx.calls.get(call).instance;
        cx.answer(call, Outcome::Ok);
        if let Some(next) = self.station.release(cx, instance) {
            self.begin(cx, next);
        }
    }
}
