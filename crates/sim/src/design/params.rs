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

/// One step of a [`Pattern::Steps`] pattern.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateStep {
    /// When the step begins [s].
    pub at_s: f64,
    /// The rate from then on, as a multiple of `rate_rps`.
    pub factor: f64,
}

/// How the request rate changes over simulated time, as a multiple of the
/// users block's `rate_rps` (which the rate slider sets).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(tag = "shape", rename_all = "snake_case", deny_unknown_fields)]
pub enum Pattern {
    /// Always `rate_rps`.
    #[default]
    Constant,
    /// From `from` x `rate_rps`, rising linearly to `rate_rps` over
    /// `duration_s` from `start_s`, then steady.
    Ramp {
        /// When the ramp begins [s].
        start_s: f64,
        /// How long it lasts [s].
        duration_s: f64,
        /// The starting multiple.
        from: f64,
    },
    /// `factor` x `rate_rps` for `duration_s` from `at_s`, else `rate_rps`.
    Spike {
        /// When the spike begins [s].
        at_s: f64,
        /// How long it lasts [s].
        duration_s: f64,
        /// The multiple during the spike.
        factor: f64,
    },
    /// `rate_rps` x (1 + `amplitude` x sin(2 pi t / `period_s`)).
    Wave {
        /// One full cycle [s].
        period_s: f64,
        /// Swing either side, as a share of `rate_rps` (0 to 1).
        amplitude: f64,
    },
    /// A multiple that changes at given times (1 before the first step).
    Steps {
        /// The steps, in time order.
        steps: Vec<RateStep>,
    },
}

impl Pattern {
    /// The name of the shape, as in files.
    pub fn shape(&self) -> &'static str {
        match self {
            Pattern::Constant => "constant",
            Pattern::Ramp { .. } => "ramp",
            Pattern::Spike { .. } => "spike",
            Pattern::Wave { .. } => "wave",
            Pattern::Steps { .. } => "steps",
        }
    }

    /// Every shape, with sensible settings, in menu order.
    pub fn examples() -> [Pattern; 5] {
        [
            Pattern::Constant,
            Pattern::Ramp {
                start_s: 10.0,
                duration_s: 60.0,
                from: 0.1,
            },
            Pattern::Spike {
                at_s: 30.0,
                duration_s: 10.0,
                factor: 3.0,
            },
            Pattern::Wave {
                period_s: 60.0,
                amplitude: 0.5,
            },
            Pattern::Steps {
                steps: vec![
                    RateStep {
                        at_s: 30.0,
                        factor: 2.0,
                    },
                    RateStep {
                        at_s: 60.0,
                        factor: 1.0,
                    },
                ],
            },
        ]
    }

    /// The multiple of the base rate at `t` seconds.
    pub fn factor_at(&self, t: f64) -> f64 {
        match self {
            Pattern::Constant => 1.0,
            Pattern::Ramp {
                start_s,
                duration_s,
                from,
            } => {
                if t < *start_s {
                    *from
                } else if t < start_s + duration_s {
                    from + (1.0 - from) * (t - start_s) / duration_s
                } else {
                    1.0
                }
            }
            Pattern::Spike {
                at_s,
                duration_s,
                factor,
            } => {
                if (*at_s..at_s + duration_s).contains(&t) {
                    *factor
                } else {
                    1.0
                }
            }
            Pattern::Wave {
                period_s,
                amplitude,
            } => 1.0 + amplitude * libm::sin(std::f64::consts::TAU * t / period_s),
            Pattern::Steps { steps } => steps
                .iter()
                .take_while(|step| step.at_s <= t)
                .last()
                .map_or(1.0, |step| step.factor),
        }
    }

    /// The largest multiple the pattern reaches.
    pub fn max_factor(&self) -> f64 {
        match self {
            Pattern::Constant => 1.0,
            Pattern::Ramp { from, .. } => from.max(1.0),
            Pattern::Spike { factor, .. } => factor.max(1.0),
            Pattern::Wave { amplitude, .. } => 1.0 + amplitude,
            Pattern::Steps { steps } => steps.iter().map(|step| step.factor).fold(1.0, f64::max),
        }
    }
}

/// `users`: the traffic source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct UsersParams {
    /// Mean request rate [req/s] (Poisson arrivals).
    pub rate_rps: f64,
    /// How the rate changes over time.
    pub pattern: Pattern,
    /// Request classes.
    pub mix: Mix,
    /// Keys and their skew.
    pub keys: KeySpace,
}

impl Default for UsersParams {
    fn default() -> Self {
        UsersParams {
            rate_rps: 100.0,
            pattern: Pattern::Constant,
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
    /// One bucket per user id instead of one for everyone.
    pub per_key: bool,
}

impl Default for RateLimitSpec {
    fn default() -> Self {
        RateLimitSpec {
            rate_rps: 1_000.0,
            burst: 100,
            per_key: false,
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
    /// The instance with the fewest requests in flight from this balancer.
    LeastConnections,
    /// Any instance, at random.
    Random,
    /// The less busy of two instances picked at random.
    PowerOfTwoChoices,
    /// The instance owning the request's key on a hash ring, so a key
    /// always goes to the same instance.
    ConsistentHash,
}

impl LbPolicy {
    /// Every policy, in menu order.
    pub const ALL: [LbPolicy; 5] = [
        LbPolicy::RoundRobin,
        LbPolicy::LeastConnections,
        LbPolicy::Random,
        LbPolicy::PowerOfTwoChoices,
        LbPolicy::ConsistentHash,
    ];

    /// The name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            LbPolicy::RoundRobin => "round_robin",
            LbPolicy::LeastConnections => "least_connections",
            LbPolicy::Random => "random",
            LbPolicy::PowerOfTwoChoices => "power_of_two_choices",
            LbPolicy::ConsistentHash => "consistent_hash",
        }
    }
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

/// How app instances reach the database.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case", deny_unknown_fields)]
pub enum Connections {
    /// Each instance keeps `size` open connections; a worker waits for a
    /// free one, and gives up (504) after `wait_timeout_ms`.
    Pool {
        /// Connections per instance.
        size: u32,
        /// Longest wait for a connection [ms].
        wait_timeout_ms: f64,
    },
    /// Every database call opens a connection first, costing `connect_ms`
    /// of the worker's time and one of the database's connections.
    PerRequest {
        /// Time to open a connection [ms].
        connect_ms: f64,
    },
}

impl Default for Connections {
    fn default() -> Self {
        Connections::Pool {
            size: 10,
            wait_timeout_ms: 1_000.0,
        }
    }
}

/// Adds and removes app instances to keep their utilization near a target.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Autoscale {
    /// Fewest instances.
    pub min: u32,
    /// Most instances.
    pub max: u32,
    /// Utilization to aim for (0 to 1).
    pub target_utilization: f64,
    /// The span whose mean utilization is checked, every span [s].
    pub window_s: f64,
    /// Least time between two scaling actions [s].
    pub cooldown_s: f64,
    /// Time from launch until a new instance takes traffic [s].
    pub boot_s: f64,
}

impl Default for Autoscale {
    fn default() -> Self {
        Autoscale {
            min: 2,
            max: 10,
            target_utilization: 0.6,
            window_s: 30.0,
            cooldown_s: 60.0,
            boot_s: 60.0,
        }
    }
}

/// Which linked blocks an app calls for each class of request, in order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CallPlans {
    /// For static assets.
    #[serde(rename = "static")]
    pub static_assets: Vec<super::BlockId>,
    /// For reads. A cache before a database: the database only on a miss,
    /// then the cache is filled.
    pub read: Vec<super::BlockId>,
    /// For writes. A write-through or write-behind cache takes the write
    /// for its database.
    pub write: Vec<super::BlockId>,
}

/// `app`: stateless servers that compute, then call the cache and database.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AppParams {
    /// Instances x workers; the service time is the compute per request.
    pub capacity: CapacitySpec,
    /// What each class of request calls; by default reads use the cache
    /// (and the database on a miss), writes the database, and every class
    /// calls a further service if one is linked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calls: Option<CallPlans>,
    /// How instances reach the database.
    pub connections: Connections,
    /// Automatic scaling of the instance count.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub autoscale: Option<Autoscale>,
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
            calls: None,
            connections: Connections::default(),
            autoscale: None,
        }
    }
}

/// How writes reach a cache and its database.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CacheMode {
    /// The app writes the database, then drops the key from the cache; on a
    /// read miss it reads the database and fills the cache.
    #[default]
    CacheAside,
    /// The app writes the cache, which writes the database before answering.
    WriteThrough,
    /// The app writes the cache, which answers at once and writes the
    /// database later, every flush interval.
    WriteBehind,
}

impl CacheMode {
    /// Every mode, in menu order.
    pub const ALL: [CacheMode; 3] = [
        CacheMode::CacheAside,
        CacheMode::WriteThrough,
        CacheMode::WriteBehind,
    ];

    /// The name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            CacheMode::CacheAside => "cache_aside",
            CacheMode::WriteThrough => "write_through",
            CacheMode::WriteBehind => "write_behind",
        }
    }
}

/// How a cache decides hits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lookup {
    /// Every read hits with probability `hit_ratio`: a simple stand-in.
    Fixed,
    /// Keys are really stored, up to `max_keys`, evicting the least recently
    /// used, each living `ttl_s`: the hit ratio emerges from size, TTL and
    /// key skew.
    #[default]
    Lru,
}

impl Lookup {
    /// The name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Lookup::Fixed => "fixed",
            Lookup::Lru => "lru",
        }
    }
}

/// `cache`: answers reads it holds; the app goes to the database on a miss.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CacheParams {
    /// How writes flow.
    pub mode: CacheMode,
    /// How hits are decided.
    pub lookup: Lookup,
    /// Share of reads that hit, with `lookup: fixed`.
    pub hit_ratio: f64,
    /// Keys the cache holds, with `lookup: lru`.
    pub max_keys: u32,
    /// How long a stored key lives [s], with `lookup: lru`; 0 is forever.
    pub ttl_s: f64,
    /// Start warm: filled with the most popular keys (the lowest user ids),
    /// their expiry spread over one TTL, as a cache that has been running
    /// for a while. Off, the cache starts empty and misses everything.
    pub warm: bool,
    /// How often a write-behind cache writes its dirty keys to the
    /// database [ms].
    pub flush_interval_ms: f64,
    /// Capacity; the service time is one lookup.
    pub capacity: CapacitySpec,
}

impl Default for CacheParams {
    fn default() -> Self {
        CacheParams {
            mode: CacheMode::CacheAside,
            lookup: Lookup::Lru,
            hit_ratio: 0.8,
            max_keys: 100_000,
            ttl_s: 300.0,
            warm: true,
            flush_interval_ms: 1_000.0,
            capacity: CapacitySpec {
                service: ServiceSpec::constant(0.2),
                ..CapacitySpec::default()
            },
        }
    }
}

/// How keys are spread over shards.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sharding {
    /// By a hash of the key: even spread, whatever the skew.
    #[default]
    Hash,
    /// By key range (user ids 0..n/k on the first shard, and so on): popular
    /// low ids make a hot shard.
    Range,
}

impl Sharding {
    /// The name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Sharding::Hash => "hash",
            Sharding::Range => "range",
        }
    }
}

/// `database`: a primary for writes, read replicas for reads, optionally
/// split into shards that each have a primary and replicas.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DatabaseParams {
    /// Read replicas per shard; reads go to them (to the primary when there
    /// are none).
    pub replicas: u32,
    /// How long a write takes to reach the replicas [ms]; a replica read of
    /// a key written more recently is stale.
    pub replication_lag_ms: f64,
    /// Shards; each key lives on one.
    pub shards: u32,
    /// How keys map to shards.
    pub sharding: Sharding,
    /// Client connections one node accepts; more are refused (503).
    pub max_connections: Limit,
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
            replication_lag_ms: 50.0,
            shards: 1,
            sharding: Sharding::Hash,
            max_connections: Limit::At(100),
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
    /// One-way network latency of a call between a block in this zone and
    /// a block in another zone [ms]; two zones' figures are averaged.
    pub cross_zone_ms: f64,
}

impl Default for ZoneParams {
    fn default() -> Self {
        ZoneParams {
            width: 400.0,
            height: 300.0,
            cross_zone_ms: 1.0,
        }
    }
}
