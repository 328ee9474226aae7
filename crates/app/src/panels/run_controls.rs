//! Play and pause, the clock, the speed, and the users' request rate.

use leptos::prelude::*;

use crate::format;
use crate::state::{use_ctx, RunCtx};

/// The rate slider is logarithmic: position `p` of 0..=1000 is
/// `10^(p / 200)` req/s, from 1 to 100,000.
const SLIDER_STEPS: f64 = 1_000.0;
const SLIDER_DECADES: f64 = 5.0;

fn rate_at(position: f64) -> f64 {
    let raw = 10f64.powf(position / SLIDER_STEPS * SLIDER_DECADES);
    // Two significant digits: 2,000 rather than 1,995.
    let magnitude = 10f64.powf(raw.log10().floor() - 1.0).max(1.0);
    (raw / magnitude).round() * magnitude
}

fn position_of(rate_rps: f64) -> f64 {
    (rate_rps.max(1.0).log10() / SLIDER_DECADES * SLIDER_STEPS).clamp(0.0, SLIDER_STEPS)
}

#[component]
pub fn RunControls() -> impl IntoView {
    let run: RunCtx = use_ctx();
    let running = run.running;
    let toggle = move |_| running.update(|running| *running = !*running);
    let behind = move || {
        let (speed, achieved) = (run.speed.get(), run.achieved_speed.get());
        (running.get() && achieved < speed * 0.9).then(|| format!("running at {achieved:.1}x"))
    };

    view! {
        <div class="sd-controls">
            <button
                class="sd-button sd-button--primary sd-play"
                data-testid="play-pause"
                aria-pressed=move || running.get().to_string()
                aria-label=move || if running.get() { "Pause the simulation" } else { "Play the simulation" }
                on:click=toggle
            >
                {move || if running.get() { "❚❚ Pause" } else { "▶ Play" }}
            </button>
            <span
                class="sd-controls__state"
                data-testid="run-state"
                data-state=move || if running.get() { "running" } else { "paused" }
            >
                {move || if running.get() { "running" } else { "paused" }}
            </span>
            <span class="sd-clock" data-testid="sim-time" data-ms=move || run.sim_ms.get().to_string() title="Simulated time">
                "t = " {move || format::clock(run.sim_ms.get())}
            </span>
            <span class="sd-speed" title="Simulated seconds per wall second">
                {move || format!("{}x", run.speed.get())}
            </span>
            <Show when=move || behind().is_some()>
                <span class="sd-speed sd-speed--behind" data-testid="behind">{behind}</span>
            </Show>
            <label class="sd-rate">
                <span class="sd-rate__label">"Users"</span>
                <input
                    type="range"
                    min="0"
                    max=SLIDER_STEPS
                    step="1"
                    data-testid="rate-slider"
                    aria-label="Users' request rate"
                    aria-valuetext=move || format!("{} requests a second", format::rate(run.rate_rps.get()))
                    data-rps=move || run.rate_rps.get().to_string()
                    prop:value=move || position_of(run.rate_rps.get())
                    on:input=move |event| {
                        if let Ok(position) = event_target_value(&event).parse::<f64>() {
                            run.rate_rps.set(rate_at(position.clamp(0.0, SLIDER_STEPS)));
                        }
                    }
                />
                <output class="sd-rate__value" data-testid="rate-value">
                    {move || format!("{} req/s", format::rate(run.rate_rps.get()))}
                </output>
            </label>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_slider_spans_one_to_a_hundred_thousand_in_round_numbers() {
        assert_eq!(rate_at(0.0), 1.0);
        assert_eq!(rate_at(SLIDER_STEPS), 100_000.0);
        assert_eq!(rate_at(position_of(2_000.0)), 2_000.0);
        assert_eq!(rate_at(position_of(6_000.0)), 6_000.0);
        assert_eq!(rate_at(500.0), 320.0);
    }
}
