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
