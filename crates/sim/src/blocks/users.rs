//! `users`: the traffic source. Requests arrive as a Poisson process; each
//! gets a class from the mix and a key from the key space.

use crate::design::{Pattern, UsersParams};
use crate::dist::{exponential_gap_us, unit, Zipf};
use crate::engine::{
    BlockIdx, Call, CallIdx, Class, Cx, Event, Op, Outcome, ANY_INSTANCE, NO_LINK,
};
use crate::time::SimTime;

#[derive(Debug)]
pub(crate) struct Users {
    rate_rps: f64,
    pattern: Pattern,
    /// `pattern.max_factor()`: candidates arrive at `rate_rps` times this and
    /// are kept with probability `factor_at(t) / max_factor` (thinning).
    max_factor: f64,
    target: Option<BlockIdx>,
    /// Bumped when the rate changes; a timer of an older generation is stale.
    generation: u32,
    /// When the pending candidate arrives, unrounded [µs]. Gaps add up here
    /// and only the arrival time is rounded to the clock's microsecond, so
    /// at a million requests a second (a mean gap of 1 µs) rounding each gap
    /// would not bias the rate.
    next_us: f64,
    /// Cumulative class shares: below the first is static, below the second
    /// is read, the rest write.
    thresholds: [f64; 2],
    keys: Zipf,
}

impl Users {
    pub(crate) fn new(params: &UsersParams, target: Option<BlockIdx>) -> Users {
        let mix = &params.mix;
        let total = mix.static_assets + mix.read + mix.write;
        let total = if total > 0.0 { total } else { 1.0 };
        Users {
            rate_rps: params.rate_rps,
            pattern: params.pattern.clone(),
            max_factor: params.pattern.max_factor(),
            target,
            generation: 0,
            next_us: 0.0,
            thresholds: [
                mix.static_assets / total,
                (mix.static_assets + mix.read) / total,
            ],
            keys: Zipf::new(params.keys.count, params.keys.zipf),
        }
    }

    /// Takes new settings while running: the next arrival is drawn afresh.
    pub(crate) fn update(&mut self, cx: &mut Cx, params: &UsersParams) {
        let generation = self.generation;
        *self = Users::new(params, self.target);
        self.generation = generation;
        self.set_rate(cx, params.rate_rps);
    }

    /// Starts the arrivals at the current time.
    pub(crate) fn start(&mut self, cx: &mut Cx) {
        self.next_us = cx.now.as_micros() as f64;
        self.schedule_next(cx);
    }

    pub(crate) fn rate_rps(&self) -> f64 {
        self.rate_rps
    }

    /// Schedules the next arrival, if the rate is above zero.
    fn schedule_next(&mut self, cx: &mut Cx) {
        let peak_rps = self.rate_rps * self.max_factor;
        if peak_rps > 0.0 {
            self.next_us += exponential_gap_us(cx.rng, 1e6 / peak_rps);
            let at = SimTime::from_micros_f64(self.next_us).max(cx.now);
            cx.queue
                .schedule(at, Event::Timer(cx.block, self.generation));
        }
    }

    /// Changes the rate from now on. Arrivals are memoryless, so dropping the
    /// pending arrival and drawing a fresh gap changes nothing else.
    pub(crate) fn set_rate(&mut self, cx: &mut Cx, rate_rps: f64) {
        self.rate_rps = rate_rps;
        self.generation = self.generation.wrapping_add(1);
        self.start(cx);
    }

    pub(crate) fn timer(&mut self, cx: &mut Cx, generation: u32) {
        if generation != self.generation {
            return;
        }
        if !matches!(self.pattern, Pattern::Constant) {
            let factor = self.pattern.factor_at(cx.now.as_secs_f64());
            if unit(cx.rng) * self.max_factor >= factor {
                self.schedule_next(cx);
                return;
            }
        }
        let draw = unit(cx.rng);
        let class = if draw < self.thresholds[0] {
            Class::Static
        } else if draw < self.thresholds[1] {
            Class::Read
        } else {
            Class::Write
        };
        let key = self.keys.sample(cx.rng);
        let root = cx.calls.insert(Call {
            parent: CallIdx::NONE,
            block: cx.block,
            instance: ANY_INSTANCE,
            arrived: cx.now,
            key,
            class,
            op: Op::Read,
            step: 0,
            flags: 0,
            link: NO_LINK,
        });
        cx.stats.counts.arrivals += 1;
        cx.levels().in_system += 1;
        cx.forward(root, self.target);
        self.schedule_next(cx);
    }

    pub(crate) fn answered(&mut self, cx: &mut Cx, call: CallIdx, outcome: Outcome) {
        cx.answer(call, outcome);
    }
}
