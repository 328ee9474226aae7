//! Block behaviour, one kind per file. Each block owns its parameters and
//! state and reacts to four things: a call arriving, its own work finishing,
//! an answer to a call it made, and its timers. It touches no other block:
//! it asks the engine, through [`Cx`], to send, answer or schedule.

mod app;
mod cache;
mod cdn;
mod database;
mod forward;
mod gateway;
mod load_balancer;
mod lru;
mod station;
mod users;

pub(crate) use app::{App, Plans};
pub(crate) use cache::Cache;
pub(crate) use cdn::Cdn;
pub use database::shard_of;
pub(crate) use database::Database;
pub(crate) use gateway::Gateway;
pub(crate) use load_balancer::LoadBalancer;
pub(crate) use users::Users;

use crate::design::{BlockParams, Dist, ServiceSpec};
use crate::dist::ServiceTime;
use crate::engine::{CallIdx, Cx, Reply};

/// The service time a validated spec describes.
pub(crate) fn service_time(spec: &ServiceSpec) -> ServiceTime {
    match spec.dist {
        Dist::Constant => ServiceTime::constant_ms(spec.mean_ms),
        Dist::Exponential => ServiceTime::exponential_ms(spec.mean_ms),
        // Validation has checked that the pair describes a log-normal.
        Dist::Lognormal => {
            ServiceTime::lognormal_ms(spec.mean_ms, spec.p99_ms.unwrap_or(spec.mean_ms * 2.0))
                .unwrap_or(ServiceTime::exponential_ms(spec.mean_ms))
        }
    }
}

/// A block's behaviour; the variant is its kind.
#[derive(Debug)]
pub(crate) enum Model {
    Users(Users),
    Cdn(Cdn),
    Gateway(Gateway),
    LoadBalancer(LoadBalancer),
    App(App),
    Cache(Cache),
    Database(Database),
    /// Zones: containers that handle no requests.
    Inert,
}

impl Model {
    /// The block's instances and workers, if it serves requests.
    pub(crate) fn station(&self) -> Option<&station::Station> {
        match self {
            Model::Cdn(cdn) => Some(cdn.station()),
            Model::Gateway(gateway) => Some(gateway.station()),
            Model::LoadBalancer(lb) => Some(lb.station()),
            Model::App(app) => Some(&app.station),
            Model::Cache(cache) => Some(&cache.station),
            Model::Database(db) => Some(&db.station),
            Model::Users(_) | Model::Inert => None,
        }
    }

    /// Workers the block has in all, or zero when unlimited or not serving.
    pub(crate) fn capacity(&self) -> u32 {
        self.station().map_or(0, station::Station::capacity)
    }

    /// Takes new settings while running, keeping requests in flight;
    /// `false` when the change needs a restart (a cache's instances, a
    /// database's replicas or shards, an app's connection model or
    /// auto-scaler switched on or off).
    pub(crate) fn update(&mut self, cx: &mut Cx, params: &BlockParams) -> bool {
        match (self, params) {
            (Model::Users(users), BlockParams::Users(params)) => {
                users.update(cx, params);
                true
            }
            (Model::Cdn(cdn), BlockParams::Cdn(params)) => {
                cdn.update(cx, params, service_time(&params.capacity.service))
            }
            (Model::Gateway(gateway), BlockParams::Gateway(params)) => {
                gateway.update(cx, params, service_time(&params.capacity.service))
            }
            (Model::LoadBalancer(lb), BlockParams::LoadBalancer(params)) => {
                lb.update(cx, params, service_time(&params.capacity.service))
            }
            (Model::App(app), BlockParams::App(params)) => {
                app.update(cx, params, service_time(&params.capacity.service))
            }
            (Model::Cache(cache), BlockParams::Cache(params)) => {
                cache.update(cx, params, service_time(&params.capacity.service))
            }
            (Model::Database(db), BlockParams::Database(params)) => db.update(
                cx,
                params,
                service_time(&params.read),
                service_time(&params.write),
            ),
            (Model::Inert, BlockParams::Zone(_)) => true,
            _ => false,
        }
    }

    #[inline]
    pub(crate) fn arrive(&mut self, cx: &mut Cx, call: CallIdx) {
        match self {
            Model::Cdn(cdn) => cdn.arrive(cx, call),
            Model::Gateway(gateway) => gateway.arrive(cx, call),
            Model::LoadBalancer(lb) => lb.arrive(cx, call),
            Model::App(app) => app.arrive(cx, call),
            Model::Cache(cache) => cache.arrive(cx, call),
            Model::Database(db) => db.arrive(cx, call),
            // Validation lets no link reach these.
            Model::Users(_) | Model::Inert => cx.fail(call, crate::metrics::Reason::Unavailable),
        }
    }

    #[inline]
    pub(crate) fn service_done(&mut self, cx: &mut Cx, call: CallIdx) {
        match self {
            Model::Cdn(cdn) => cdn.service_done(cx, call),
            Model::Gateway(gateway) => gateway.service_done(cx, call),
            Model::LoadBalancer(lb) => lb.service_done(cx, call),
            Model::App(app) => app.service_done(cx, call),
            Model::Cache(cache) => cache.service_done(cx, call),
            Model::Database(db) => db.service_done(cx, call),
            Model::Users(_) | Model::Inert => {}
        }
    }

    #[inline]
    pub(crate) fn answered(&mut self, cx: &mut Cx, call: CallIdx, reply: Reply) {
        let outcome = reply.outcome;
        match self {
            Model::Users(users) => users.answered(cx, call, outcome),
            Model::Cdn(cdn) => cdn.answered(cx, call, outcome),
            Model::Gateway(gateway) => gateway.answered(cx, call, outcome),
            Model::LoadBalancer(lb) => lb.answered(cx, call, reply),
            Model::App(app) => app.answered(cx, call, outcome),
            Model::Cache(cache) => cache.answered(cx, call, outcome),
            Model::Database(_) | Model::Inert => cx.answer(call, outcome),
        }
    }

    /// Schedules the block's first timers, once, when the run starts.
    pub(crate) fn start(&mut self, cx: &mut Cx) {
        match self {
            Model::Users(users) => users.start(cx),
            Model::Cache(cache) => cache.start(cx),
            Model::App(app) => app.start(cx),
            _ => {}
        }
    }

    /// A call's wait at this block is over.
    pub(crate) fn resume(&mut self, cx: &mut Cx, call: CallIdx) {
        if let Model::App(app) = self {
            app.resume(cx, call);
        }
    }

    /// The instances other blocks may send to (a load balancer's backends).
    pub(crate) fn active_instances(&self) -> Vec<u32> {
        match self {
            Model::App(app) => app.station.active_instances().collect(),
            _ => vec![0],
        }
    }

    pub(crate) fn timer(&mut self, cx: &mut Cx, tag: u32) {
        match self {
            Model::Users(users) => users.timer(cx, tag),
            Model::Cache(cache) => cache.timer(cx, tag),
            Model::App(app) => app.timer(cx, tag),
            _ => {}
        }
    }
}
