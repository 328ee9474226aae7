//! Simulated time: an integer count of microseconds since the run began.

use std::fmt;
use std::ops::{Add, AddAssign, Sub};

/// A point in simulated time, or a span of it, in microseconds.
///
/// Integer time is totally ordered, never drifts when summed and behaves the
/// same natively and in wasm. Conversions from floating point saturate:
/// negative and NaN inputs become zero, huge ones become [`SimTime::MAX`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SimTime(pub u64);

impl SimTime {
    /// The start of every run.
    pub const ZERO: SimTime = SimTime(0);
    /// The far future; never reached by a run.
    pub const MAX: SimTime = SimTime(u64::MAX);
    /// One simulated second.
    pub const SECOND: SimTime = SimTime(1_000_000);

    /// Whole seconds [s].
    pub const fn from_secs(secs: u64) -> SimTime {
        SimTime(secs.saturating_mul(1_000_000))
    }

    /// Fractional seconds [s], rounded to the nearest microsecond.
    pub fn from_secs_f64(secs: f64) -> SimTime {
        SimTime::from_micros_f64(secs * 1e6)
    }

    /// Fractional milliseconds [ms], rounded to the nearest microsecond.
    pub fn from_millis_f64(millis: f64) -> SimTime {
        SimTime::from_micros_f64(millis * 1e3)
    }

    /// Fractional microseconds, rounded to the nearest one.
    pub fn from_micros_f64(micros: f64) -> SimTime {
        // `as` saturates and maps NaN to zero, which is what we want.
        SimTime((micros + 0.5) as u64)
    }

    /// Microseconds.
    pub const fn as_micros(self) -> u64 {
        self.0
    }

    /// Seconds [s].
    pub fn as_secs_f64(self) -> f64 {
        self.0 as f64 / 1e6
    }

    /// Milliseconds [ms].
    pub fn as_millis_f64(self) -> f64 {
        self.0 as f64 / 1e3
    }

    /// `self - earlier`, or zero when `earlier` is later.
    pub const fn saturating_sub(self, earlier: SimTime) -> SimTime {
        SimTime(self.0.saturating_sub(earlier.0))
    }
}

impl Add for SimTime {
    type Output = SimTime;
    fn add(self, rhs: SimTime) -> SimTime {
        SimTime(self.0.saturating_add(rhs.0))
    }
}

impl AddAssign for SimTime {
    fn add_assign(&mut self, rhs: SimTime) {
        *self = *self + rhs;
    }
}

impl Sub for SimTime {
    type Output = SimTime;
    fn sub(self, rhs: SimTime) -> SimTime {
        self.saturating_sub(rhs)
    }
}

impl fmt::Display for SimTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.3} s", self.as_secs_f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversions_round_and_saturate() {
        assert_eq!(SimTime::from_millis_f64(1.0004), SimTime(1_000));
        assert_eq!(SimTime::from_millis_f64(1.0006), SimTime(1_001));
        assert_eq!(SimTime::from_secs_f64(-3.0), SimTime::ZERO);
        assert_eq!(SimTime::from_secs_f64(f64::NAN), SimTime::ZERO);
        assert_eq!(SimTime::from_secs_f64(f64::INFINITY), SimTime::MAX);
        assert_eq!(SimTime::from_secs(2).as_millis_f64(), 2_000.0);
        assert_eq!(SimTime(5) - SimTime(9), SimTime::ZERO);
    }
}
