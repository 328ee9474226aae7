//! Service-time distributions: constant, exponential and log-normal (given by
//! its mean and 99th percentile, the two numbers engineers quote).
//!
//! Every transcendental function goes through `libm`, so a seed gives the
//! same bits natively and in wasm (std's `exp` and `ln` call the platform's
//! own libm natively). That is also why the samplers are written here rather
//! than taken from `rand_distr`, whose float functions follow whichever
//! `num-traits` features the rest of the dependency graph switches on.

use rand::RngExt;

use crate::rng::Stream;
use crate::time::SimTime;

/// The standard normal quantile at 0.99.
const Z99: f64 = 2.326_347_874_040_841;

/// How long one unit of work takes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ServiceTime {
    /// Always the same [µs].
    Constant(SimTime),
    /// Memoryless, with this mean [µs].
    Exponential {
        /// Mean [µs].
        mean_us: f64,
    },
    /// `exp(N(mu, sigma))` microseconds.
    LogNormal {
        /// Mean of the logarithm (of microseconds).
        mu: f64,
        /// Standard deviation of the logarithm.
        sigma: f64,
    },
}

/// Why a mean and a p99 cannot describe a log-normal distribution.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LogNormalError {
    /// The p99 is not above the mean.
    P99NotAboveMean,
    /// The p99 is more than about 15 times the mean, which no log-normal
    /// distribution reaches.
    P99TooFar {
        /// The largest p99 / mean ratio there is.
        max_ratio: f64,
    },
}

impl ServiceTime {
    /// Exponential with mean `mean_ms` [ms].
    pub fn exponential_ms(mean_ms: f64) -> ServiceTime {
        ServiceTime::Exponential {
            mean_us: mean_ms * 1e3,
        }
    }

    /// Constant `ms` [ms].
    pub fn constant_ms(ms: f64) -> ServiceTime {
        ServiceTime::Constant(SimTime::from_millis_f64(ms))
    }

    /// The log-normal distribution with this mean and 99th percentile [ms].
    ///
    /// With `m = mu + sigma^2 / 2 = ln(mean)` and `mu + z sigma = ln(p99)`,
    /// sigma is the smaller root of `sigma^2 / 2 - z sigma + ln(p99 / mean)`.
    pub fn lognormal_ms(mean_ms: f64, p99_ms: f64) -> Result<ServiceTime, LogNormalError> {
        let gap = libm::log(p99_ms / mean_ms);
        if gap.is_nan() || gap <= 0.0 {
            return Err(LogNormalError::P99NotAboveMean);
        }
        let discriminant = Z99 * Z99 - 2.0 * gap;
        if discriminant < 0.0 {
            return Err(LogNormalError::P99TooFar {
                max_ratio: Self::max_lognormal_ratio(),
            });
        }
        let sigma = Z99 - discriminant.sqrt();
        let mu = libm::log(mean_ms * 1e3) - sigma * sigma / 2.0;
        Ok(ServiceTime::LogNormal { mu, sigma })
    }

    /// The largest p99 / mean ratio a log-normal distribution can have.
    pub fn max_lognormal_ratio() -> f64 {
        (Z99 * Z99 / 2.0).exp()
    }

    /// The mean [µs].
    pub fn mean_us(&self) -> f64 {
        match *self {
            ServiceTime::Constant(time) => time.as_micros() as f64,
            ServiceTime::Exponential { mean_us } => mean_us,
            ServiceTime::LogNormal { mu, sigma } => libm::exp(mu + sigma * sigma / 2.0),
        }
    }

    /// Draws one duration.
    #[inline]
    pub(crate) fn sample(&self, rng: &mut Stream) -> SimTime {
        match *self {
            ServiceTime::Constant(time) => time,
            ServiceTime::Exponential { mean_us } => exponential_gap(rng, mean_us),
            ServiceTime::LogNormal { mu, sigma } => {
                SimTime::from_micros_f64(libm::exp(mu + sigma * standard_normal(rng)))
            }
        }
    }
}

/// Draws an exponential gap with mean `mean_us` [µs], rounded to the
/// clock's microsecond. Rounding biases the mean by less than 0.05% when it
/// is at least 10 µs; shorter gaps must add up unrounded
/// ([`exponential_gap_us`]).
#[inline]
pub(crate) fn exponential_gap(rng: &mut Stream, mean_us: f64) -> SimTime {
    SimTime::from_micros_f64(exponential_gap_us(rng, mean_us))
}

/// Draws an exponential gap with mean `mean_us` [µs], unrounded.
#[inline]
pub(crate) fn exponential_gap_us(rng: &mut Stream, mean_us: f64) -> f64 {
    -libm::log(open_unit(rng)) * mean_us
}

/// A uniform draw in `[0, 1)`.
#[inline]
pub(crate) fn unit(rng: &mut Stream) -> f64 {
    rng.random::<f64>()
}

/// A uniform draw in `(0, 1]`, safe to take the logarithm of.
#[inline]
fn open_unit(rng: &mut Stream) -> f64 {
    1.0 - rng.random::<f64>()
}

/// A standard normal draw (Box-Muller; one of the pair is dropped, which
/// keeps the sampler stateless).
fn standard_normal(rng: &mut Stream) -> f64 {
    let radius = libm::sqrt(-2.0 * libm::log(open_unit(rng)));
    radius * libm::cos(std::f64::consts::TAU * unit(rng))
}

/// Zipf-distributed ranks `0..n` (rank 0 most popular) with exponent `s`,
/// drawn by rejection-inversion (Hörmann and Derflinger, 1996): constant time
/// per draw and no table, whatever the size of the key space.
#[derive(Clone, Debug)]
pub(crate) struct Zipf {
    n: f64,
    s: f64,
    h_x1: f64,
    h_n: f64,
    threshold: f64,
}

impl Zipf {
    pub(crate) fn new(n: u32, s: f64) -> Zipf {
        let n = f64::from(n.max(1));
        let mut zipf = Zipf {
            n,
            s,
            h_x1: 0.0,
            h_n: 0.0,
            threshold: 0.0,
        };
        zipf.h_x1 = zipf.big_h(1.5) - 1.0;
        zipf.h_n = zipf.big_h(n + 0.5);
        zipf.threshold = 2.0 - zipf.big_h_inv(zipf.big_h(2.5) - zipf.h(2.0));
        zipf
    }

    /// The unnormalized probability of rank `x` (1-based): `x^-s`.
    fn h(&self, x: f64) -> f64 {
        libm::exp(-self.s * libm::log(x))
    }

    /// An antiderivative of `h`: `(x^(1-s) - 1) / (1-s)`, or `ln x` at s = 1.
    fn big_h(&self, x: f64) -> f64 {
        let log_x = libm::log(x);
        let t = (1.0 - self.s) * log_x;
        // (e^t - 1) / t, continuous at t = 0.
        let ratio = if t.abs() > 1e-8 {
            libm::expm1(t) / t
        } else {
            1.0 + t / 2.0
        };
        ratio * log_x
    }

    fn big_h_inv(&self, y: f64) -> f64 {
        let t = (1.0 - self.s) * y;
        // ln(1 + t) / t, continuous at t = 0.
        let ratio = if t.abs() > 1e-8 {
            libm::log1p(t) / t
        } else {
            1.0 - t / 2.0
        };
        libm::exp(ratio * y)
    }

    pub(crate) fn sample(&self, rng: &mut Stream) -> u32 {
        // Exponent 0 is uniform: one draw, no logarithms.
        if self.s == 0.0 {
            return ((unit(rng) * self.n) as u32).min(self.n as u32 - 1);
        }
        loop {
            let u = self.h_n + unit(rng) * (self.h_x1 - self.h_n);
            let x = self.big_h_inv(u);
            let k = (x + 0.5).floor().clamp(1.0, self.n);
            if k - x <= self.threshold || u >= self.big_h(k + 0.5) - self.h(k) {
                return k as u32 - 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::stream;

    fn mean_and_p99(service: ServiceTime) -> (f64, f64) {
        let mut rng = stream(3, "dist", 0);
        let mut draws: Vec<u64> = (0..200_000)
            .map(|_| service.sample(&mut rng).as_micros())
            .collect();
        draws.sort_unstable();
        let mean = draws.iter().sum::<u64>() as f64 / draws.len() as f64;
        (mean / 1e3, draws[draws.len() * 99 / 100] as f64 / 1e3)
    }

    #[test]
    fn lognormal_matches_its_mean_and_p99() {
        let service = ServiceTime::lognormal_ms(10.0, 50.0).expect("valid");
        let (mean, p99) = mean_and_p99(service);
        assert!((mean - 10.0).abs() < 0.2, "mean {mean}");
        assert!((p99 - 50.0).abs() < 2.0, "p99 {p99}");
    }

    #[test]
    fn exponential_p99_is_ln100_times_the_mean() {
        let (mean, p99) = mean_and_p99(ServiceTime::exponential_ms(10.0));
        assert!((mean - 10.0).abs() < 0.1, "mean {mean}");
        assert!((p99 - 46.05).abs() < 1.5, "p99 {p99}");
    }

    #[test]
    fn zipf_ranks_follow_their_power_law() {
        // n = 10, s = 1: P(rank k) = (1/k) / H_10, H_10 = 2.928968...
        let zipf = Zipf::new(10, 1.0);
        let mut rng = stream(5, "zipf", 0);
        let mut counts = [0u32; 10];
        let draws = 400_000;
        for _ in 0..draws {
            counts[zipf.sample(&mut rng) as usize] += 1;
        }
        for (rank, count) in counts.iter().enumerate() {
            let expected = 1.0 / (rank as f64 + 1.0) / 2.928_968_253_968_254;
            let share = f64::from(*count) / f64::from(draws);
            assert!(
                (share - expected).abs() < 0.003,
                "rank {rank}: {share} vs {expected}"
            );
        }
        // Exponent 0 is uniform.
        let uniform = Zipf::new(4, 0.0);
        let mut counts = [0u32; 4];
        for _ in 0..100_000 {
            counts[uniform.sample(&mut rng) as usize] += 1;
        }
        assert!(
            counts.iter().all(|&c| (c as i64 - 25_000).abs() < 700),
            "{counts:?}"
        );
    }

    #[test]
    fn impossible_lognormals_are_refused() {
        assert_eq!(
            ServiceTime::lognormal_ms(10.0, 10.0),
            Err(LogNormalError::P99NotAboveMean)
        );
        assert!(matches!(
            ServiceTime::lognormal_ms(1.0, 20.0),
            Err(LogNormalError::P99TooFar { .. })
        ));
        assert!(ServiceTime::lognormal_ms(1.0, 14.0).is_ok());
    }
}
