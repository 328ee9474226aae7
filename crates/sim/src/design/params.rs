//! The settings of each block kind, as written in design files.
//!
//! Every struct takes `#[serde(default)]`, so a file names only what differs
//! from the defaults, and `deny_unknown_fields`, so a misspelt setting is an
//! error instead of being ignored.

use serde::{Deserialize, Serialize};

use super::Limit;

/// The shape of a service-time distribution.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dist {
    /// Always the mean.
    Constant,
    /// Memoryless.
    #[default]
    Exponential,
    /// Log-normal, given by its mean and 99th percentile.
    Lognormal,
}

impl Dist {
    /// Every shape, in the order menus show them.
    pub const ALL: [Dist; 3] = [Dist::Constant, Dist::Exponential, Dist::Lognormal];

    /// The name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Dist::Constant => "constant",
            Dist::Exponential => "exponential",
            Dist::Lognormal => "lognormal",
        }
    }
}

/// How long one unit of a block's own work takes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ServiceSpec {
    /// The distribution's shape.
    pub dist: Dist,
    /// Mean [ms].
    pub mean_ms: f64,
    /// 99th percentile [ms]; log-normal only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p99_ms: Option<f64>,
}

impl Default for ServiceSpec {
    fn default() -> Self {
        ServiceSpec {
            dist: Dist::Exponential,
            mean_ms: 10.0,
            p99_ms: None,
        }
    }
}

impl ServiceSpec {
    /// Constant `ms` [ms].
    pub fn constant(ms: f64) -> ServiceSpec {
        ServiceSpec {
            dist: Dist::Constant,
            mean_ms: ms,
            p99_ms: None,
        }
    }

    /// Exponential with mean `mean_ms` [ms].
    pub fn exponential(mean_ms: f64) -> ServiceSpec {
        ServiceSpec {
            dist: Dist::Exponential,
            mean_ms,
            p99_ms: None,
        }
    }
}

/// Instances x workers, each instance with its own queue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CapacitySpec {
    /// Identical instances (servers, pods).
    pub instances: u32,
    /// Requests one instance handles at once (threads, connections).
    pub workers: Limit,
    /// The block's own work per request.
    pub service: ServiceSpec,
    /// Requests waiting per instance before new ones get 503.
    pub queue_limit: Limit,
}

impl Default for CapacitySpec {
    fn default() -> Self {
        CapacitySpec {
            instances: 1,
            workers: Limit::At(1),
            service: ServiceSpec::default(),
            queue_limit: Limit::Unlimited,
        }
    }
}

/// The share of each request class, as weights (normalized when used).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Mix {
    /// Static assets (images, scripts): a CDN can answer them at the edge.
    #[serde(rename = "static")]
    pub static_assets: f64,
    /// Reads of user data.
    pub read: f64,
    /// Writes of user data.
    pub write: f64,
}

impl Default for Mix {
    fn default() -> Self {
        Mix {
            static_assets: 0.0,
            read: 1.0,
            write: 0.0,
        }
    }
}

/// The user ids requests are about.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct KeySpace {
    /// Distinct keys.
    pub count: u32,
    /// Zipf exponent of key popularity; 0 is uniform.
    pub zipf: f64,
}

impl Default for KeySpace {
    fn default() -> Self {
        KeySpace {
            count: 100_000,
            zipf: 0.0,
        }
    }
}

/// `users`: the traffic source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct UsersParams {
    /// Mean request rate [req/s] (Poisson arrivals).
    pub rate_rps: f64,
    /// Request classes.
    pub mix: Mix,
    /// Keys and their skew.
    pub keys: KeySpace,
}

impl Default for UsersParams {
    fn default() -> Self {
        UsersParams {
            rate_rps: 100.0,
            mix: Mix::default(),
            keys: KeySpace::default(),
        }
    }
}

/// `cdn`: answers static assets at the edge, passes the rest on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CdnParams {
    /// Share of static requests answered at the edge.
    pub hit_ratio: f64,
    /// Edge capacity; its service time is the edge latency.
    pub capacity: CapacitySpec,
}

impl Default for CdnParams {
    fn default() -> Self {
        CdnParams {
            hit_ratio: 0.9,
            capacity: CapacitySpec {
                workers: Limit::Unlimited,
                service: ServiceSpec::constant(5.0),
                ..CapacitySpec::default()
            },
        }
    }
}

/// A token bucket.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RateLimitSpec {
    /// Tokens added per second [req/s].
    pub rate_rps: f64,
    /// Bucket size: requests admitted at once after a quiet spell.
    pub burst: u32,
}

impl Default for RateLimitSpec {
    fn default() -> Self {
        RateLimitSpec {
            rate_rps: 1_000.0,
            burst: 100,
        }
    }
}

/// `gateway`: authenticates, rate-limits and forwards.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GatewayParams {
    /// Capacity; its service time is the auth latency.
    pub capacity: CapacitySpec,
    /// Requests over the limit are answered 429 at once.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate_limit: Option<RateLimitSpec>,
}

impl Default for GatewayParams {
    fn default() -> Self {
        GatewayParams {
            capacity: CapacitySpec {
                instances: 2,
                workers: Limit::At(64),
                service: ServiceSpec::exponential(1.0),
                queue_limit: Limit::At(1_000),
            },
            rate_limit: None,
        }
    }
}

/// How a load balancer picks a backend instance.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LbPolicy {
    /// Each instance in turn.
    #[default]
    RoundRobin,
}

/// `load_balancer`: spreads requests over the instances behind it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LoadBalancerParams {
    /// Backend choice.
    pub policy: LbPolicy,
    /// Capacity; its service time is the added latency.
    pub capacity: CapacitySpec,
}

impl Default for LoadBalancerParams {
    fn default() -> Self {
        LoadBalancerParams {
            policy: LbPolicy::RoundRobin,
            capacity: CapacitySpec {
                workers: Limit::Unlimited,
                service: ServiceSpec::constant(0.1),
                ..CapacitySpec::default()
            },
        }
    }
}

/// `app`: stateless servers that compute, then call the cache and database.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AppParams {
    /// Instances x workers; the service time is the compute per request.
    pub capacity: CapacitySpec,
}

impl Default for AppParams {
    fn default() -> Self {
        AppParams {
            capacity: CapacitySpec {
                instances: 2,
                workers: Limit::At(16),
                service: ServiceSpec::exponential(5.0),
                queue_limit: Limit::At(100),
            },
        }
    }
}

/// `cache`: answers reads it holds; the app goes to the database on a miss.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CacheParams {
    /// Share of reads found in the cache (fixed-ratio mode).
    pub hit_ratio: f64,
    /// Capacity; the service time is one lookup.
    pub capacity: CapacitySpec,
}

impl Default for CacheParams {
    fn default() -> Self {
        CacheParams {
            hit_ratio: 0.8,
            capacity: CapacitySpec {
                service: ServiceSpec::constant(0.2),
                ..CapacitySpec::default()
            },
        }
    }
}

/// `database`: a primary for writes, read replicas for reads.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DatabaseParams {
    /// Read replicas; reads go to them (to the primary when there are none).
    pub replicas: u32,
    /// Queries one node runs at once.
    pub workers: Limit,
    /// Queries waiting per node before new ones get 503.
    pub queue_limit: Limit,
    /// One read query.
    pub read: ServiceSpec,
    /// One write query.
    pub write: ServiceSpec,
}

impl Default for DatabaseParams {
    fn default() -> Self {
        DatabaseParams {
            replicas: 1,
            workers: Limit::At(4),
            queue_limit: Limit::At(50),
            read: ServiceSpec::exponential(5.0),
            write: ServiceSpec::exponential(8.0),
        }
    }
}

/// `zone`: an availability zone, drawn as a container.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ZoneParams {
    /// Width on the canvas.
    pub width: f64,
    /// Height on the canvas.
    pub height: f64,
}

impl Default for ZoneParams {
    fn default() -> Self {
        ZoneParams {
            width: 400.0,
            height: 300.0,
        }
    }
}
