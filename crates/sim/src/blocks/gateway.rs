//! `gateway`: authenticates each request (its own work), refuses what is over
//! the rate limit with 429 at once, and forwards the rest.

use super::forward::Forwarder;
use crate::design::{GatewayParams, RateLimitSpec};
use crate::dist::ServiceTime;
use crate::engine::{BlockIdx, CallIdx, Cx, Outcome};
use crate::keymap::KeyMap;
use crate::metrics::Reason;
use crate::time::SimTime;

/// A token bucket: `rate` tokens a second up to `burst`; a request takes one.
#[derive(Debug)]
pub(crate) struct TokenBucket {
    /// Tokens per microsecond.
    per_us: f64,
    burst: f64,
    tokens: f64,
    last: SimTime,
}

impl TokenBucket {
    pub(crate) fn new(spec: &RateLimitSpec) -> TokenBucket {
        let burst = f64::from(spec.burst.max(1));
        TokenBucket {
            per_us: spec.rate_rps / 1e6,
            burst,
            tokens: burst,
            last: SimTime::ZERO,
        }
    }

    /// Takes a token at `now`, if there is one.
    pub(crate) fn try_take(&mut self, now: SimTime) -> bool {
        let elapsed = (now - self.last).as_micros() as f64;
        self.tokens = (self.tokens + elapsed * self.per_us).min(self.burst);
        self.last = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// How many per-key buckets a gateway keeps before forgetting full ones.
const FORGET_BUCKETS_ABOVE: usize = 100_000;

/// A rate limit: one bucket for everyone, or one per user id.
#[derive(Debug)]
pub(crate) enum Limiter {
    Global(TokenBucket),
    PerKey {
        spec: RateLimitSpec,
        buckets: KeyMap<TokenBucket>,
    },
}

impl Limiter {
    fn new(spec: &RateLimitSpec, now: SimTime) -> Limiter {
        if spec.per_key {
            Limiter::PerKey {
                spec: spec.clone(),
                buckets: KeyMap::default(),
            }
        } else {
            let mut bucket = TokenBucket::new(spec);
            bucket.last = now;
            Limiter::Global(bucket)
        }
    }

    fn try_take(&mut self, key: u32, now: SimTime) -> bool {
        match self {
            Limiter::Global(bucket) => bucket.try_take(now),
            Limiter::PerKey { spec, buckets } => {
                // A bucket left alone long enough is full again, like a new
                // one: forget those now and then, so memory stays bounded.
                if buckets.len() > FORGET_BUCKETS_ABOVE {
                    let refill =
                        SimTime::from_secs_f64(f64::from(spec.burst) / spec.rate_rps.max(1e-9));
                    buckets.retain(|_, bucket| now - bucket.last < refill);
                }
                buckets
                    .entry(key)
                    .or_insert_with(|| {
                        let mut bucket = TokenBucket::new(spec);
                        bucket.last = now;
                        bucket
                    })
                    .try_take(now)
            }
        }
    }
}

#[derive(Debug)]
pub(crate) struct Gateway {
    forwarder: Forwarder,
    limiter: Option<Limiter>,
    next: Option<BlockIdx>,
}

impl Gateway {
    pub(crate) fn new(
        params: &GatewayParams,
        service: ServiceTime,
        next: Option<BlockIdx>,
    ) -> Gateway {
        Gateway {
            forwarder: Forwarder::new(&params.capacity, service),
            limiter: params
                .rate_limit
                .as_ref()
                .map(|spec| Limiter::new(spec, SimTime::ZERO)),
            next,
        }
    }

    pub(crate) fn station(&self) -> &super::station::Station {
        &self.forwarder.station
    }

    pub(crate) fn update(
        &mut self,
        cx: &mut Cx,
        params: &GatewayParams,
        service: ServiceTime,
    ) -> bool {
        self.limiter = params
            .rate_limit
            .as_ref()
            .map(|spec| Limiter::new(spec, cx.now));
        self.forwarder.update(cx, &params.capacity, service)
    }

    pub(crate) fn arrive(&mut self, cx: &mut Cx, call: CallIdx) {
        if let Some(limiter) = &mut self.limiter {
            if !limiter.try_take(cx.calls.get(call).key, cx.now) {
                cx.fail(call, Reason::RateLimited);
                return;
            }
        }
        self.forwarder.arrive(cx, call);
    }

    pub(crate) fn service_done(&mut self, cx: &mut Cx, call: CallIdx) {
        self.forwarder.service_done(cx, call);
        cx.forward(call, self.next);
    }

    pub(crate) fn answered(&mut self, cx: &mut Cx, call: CallIdx, outcome: Outcome) {
        cx.answer(call, outcome);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bucket_admits_its_burst_then_its_rate() {
        let mut bucket = TokenBucket::new(&RateLimitSpec {
            per_key: false,
            rate_rps: 10.0,
            burst: 5,
        });
        let admitted_at_once = (0..20).filter(|_| bucket.try_take(SimTime::ZERO)).count();
        assert_eq!(admitted_at_once, 5);
        // One second later: ten more tokens, capped at the burst of five.
        let admitted_later = (0..20).filter(|_| bucket.try_take(SimTime::SECOND)).count();
        assert_eq!(admitted_later, 5);
        // A tenth of a second later: one token.
        let admitted_then = (0..20)
            .filter(|_| bucket.try_take(SimTime(1_100_000)))
            .count();
        assert_eq!(admitted_then, 1);
    }
}
