//! Run controls: play and pause, step, speed, reset and seed, the clock
//! (and how far behind it runs), and the users' request rate.

use leptos::prelude::*;
use sdplay_sim::{BlockKind, BlockParams, Design};

use crate::format;
use crate::live::LiveCtx;
use crate::state::{use_ctx, Edit, EditorCtx, RunCtx};

/// The rate slider is logarithmic: position `p` of 0..=1000 is
/// `10^(p / 200)` req/s, from 1 to 100,000.
const SLIDER_STEPS: f64 = 1_000.0;
const SLIDER_DECADES: f64 = 5.0;

/// The toast topic of a refused seed.
const SEED_TOPIC: &str = "seed";

/// What a seed may be, for the refusal of any other.
const SEED_RANGE: &str = "a whole number from 0 to 18446744073709551615";

/// Writes `text` into the input an event came from (for when the signal it
/// shows has not changed, so `prop:value` does not run again).
fn set_input_value(event: &web_sys::Event, text: &str) {
    use wasm_bindgen::JsCast;
    if let Some(input) = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        input.set_value(text);
    }
}

/// The speeds offered, simulated seconds per wall second.
pub const SPEEDS: [f64; 10] = [0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 10.0, 25.0, 50.0, 100.0];

fn rate_at(position: f64) -> f64 {
    let raw = 10f64.powf(position / SLIDER_STEPS * SLIDER_DECADES);
    // Two significant digits: 2,000 rather than 1,995.
    let magnitude = 10f64.powf(raw.log10().floor() - 1.0).max(1.0);
    (raw / magnitude).round() * magnitude
}

fn position_of(rate_rps: f64) -> f64 {
    (rate_rps.max(1.0).log10() / SLIDER_DECADES * SLIDER_STEPS).clamp(0.0, SLIDER_STEPS)
}

/// Sets the first users block's rate, one undo step per slider drag.
fn set_rate(editor: EditorCtx, rate_rps: f64) {
    let Some((id, _)) = editor.users_rate() else {
        return;
    };
    let params = editor.design.with_untracked(|d| {
        d.block(&id).and_then(|b| match &b.params {
            BlockParams::Users(users) => {
                let mut users = users.clone();
                users.rate_rps = rate_rps;
                Some(BlockParams::Users(users))
            }
            _ => None,
        })
    });
    if let Some(params) = params {
        editor.apply(Edit::SetParams {
            id,
            params,
            field: "Request rate".into(),
        });
    }
}

/// The rate slider's label and title: it sets the first users block only,
/// so it is named after that block, and says so when there are others.
fn slider_label(design: &Design) -> (String, String) {
    let users: Vec<&str> = design
        .blocks
        .iter()
        .filter(|block| block.kind() == BlockKind::Users)
        .map(|block| block.name.as_str())
        .collect();
    match users.as_slice() {
        [] => ("Users".into(), "No users block: add one to send traffic".into()),
        [name] => (
            (*name).to_owned(),
            format!("The request rate of {name}"),
        ),
        [name, ..] => (
            (*name).to_owned(),
            format!(
                "The request rate of {name}, the first of {} users blocks (set the others in the inspector)",
                users.len()
            ),
        ),
    }
}

#[component]
pub fn RunControls() -> impl IntoView {
    let run: RunCtx = use_ctx();
    let editor: EditorCtx = use_ctx();
    let live: LiveCtx = use_ctx();
    let running = run.running;
    let toggle = move |_| running.update(|running| *running = !*running);
    let behind = move || {
        let (speed, achieved) = (run.speed.get(), run.achieved_speed.get());
        (running.get() && achieved < speed * 0.9).then(|| format!("running at {achieved:.1}x"))
    };
    let rate = Memo::new(move |_| editor.users_rate().map(|(_, rate)| rate));
    let label = Memo::new(move |_| editor.design.with(slider_label));
    let seed_error = RwSignal::new(None::<String>);

    view! {
        <div class="sd-controls" role="group" aria-label="Simulation">
            <button
                class="sd-button sd-button--primary sd-play"
                data-testid="play-pause"
                aria-pressed=move || running.get().to_string()
                aria-label=move || if running.get() { "Pause the simulation" } else { "Play the simulation" }
                title="Play or pause (Space on the canvas)"
                on:click=toggle
            >
                {move || if running.get() { "❚❚ Pause" } else { "▶ Play" }}
            </button>
            <button
                class="sd-button"
                data-testid="step"
                title="Advance one simulated second"
                aria-label="Step one simulated second"
                disabled=move || running.get()
                on:click=move |_| live.step(1.0)
            >
                "Step"
            </button>
            <button
                class="sd-button"
                data-testid="reset"
                title="Start the run again from time zero"
                on:click=move |_| live.reset(run.seed.get_untracked())
            >
                "Reset"
            </button>
            <span
                class="sd-controls__state"
                data-testid="run-state"
                data-state=move || if running.get() { "running" } else { "paused" }
            >
                {move || if running.get() { "running" } else { "paused" }}
            </span>
            <span
                class="sd-clock"
                data-testid="sim-time"
                data-ms=move || run.sim_ms.get().to_string()
                data-achieved=move || run.achieved_speed.get().to_string()
                data-events-per-sec=move || format!("{:.0}", run.events_per_sec.get())
                data-events=move || run.events.get().to_string()
                title="Simulated time"
            >
                "t = " {move || format::clock(run.sim_ms.get())}
            </span>
            <label class="sd-speed">
                <span class="sd-visually-hidden">"Speed"</span>
                <select
                    data-testid="speed"
                    title="Simulated seconds per wall second"
                    prop:value=move || run.speed.get().to_string()
                    on:change=move |event| {
                        if let Ok(speed) = event_target_value(&event).parse::<f64>() {
                            run.speed.set(speed);
                        }
                    }
                >
                    {move || {
                        let current = run.speed.get();
                        let mut speeds = SPEEDS.to_vec();
                        if !speeds.contains(&current) {
                            speeds.push(current);
                            speeds.sort_by(f64::total_cmp);
                        }
                        speeds.into_iter().map(|s| view! { <option value=s.to_string()>{format!("{s}x")}</option> }).collect_view()
                    }}
                </select>
            </label>
            // Always laid out, empty while the run keeps up, so that the bar
            // does not move when it appears.
            <span
                class="sd-speed sd-speed--behind"
                class:sd-speed--keeping-up=move || behind().is_none()
                data-testid="behind"
                aria-hidden=move || behind().is_none().to_string()
                title="The browser cannot simulate this fast; simulated time runs slower"
            >
                {behind}
            </span>
            <label class="sd-seed" title="The run's random seed: the same seed gives the same run">
                <span>"Seed"</span>
                <input
                    type="text"
                    inputmode="numeric"
                    data-testid="seed"
                    class:sd-seed--invalid=move || seed_error.get().is_some()
                    aria-invalid=move || seed_error.get().is_some().to_string()
                    prop:value=move || run.seed.get().to_string()
                    on:change=move |event| {
                        match event_target_value(&event).trim().parse::<u64>() {
                            Ok(seed) => {
                                seed_error.set(None);
                                editor.clear_toast_about(SEED_TOPIC);
                                run.seed.set(seed);
                                live.reset(seed);
                            }
                            Err(_) => {
                                seed_error.set(Some(format!("a seed is {SEED_RANGE}")));
                                editor.show_toast_about(SEED_TOPIC, format!("The seed must be {SEED_RANGE}; the run keeps its seed"));
                            }
                        }
                    }
                    // The refused text goes (the toast says why) and the
                    // seed in force shows again; `change` comes before `blur`.
                    on:blur=move |event| {
                        if seed_error.get_untracked().is_some() {
                            seed_error.set(None);
                            set_input_value(&event, &run.seed.get_untracked().to_string());
                        }
                    }
                />
            </label>
            <label class="sd-rate" title=move || label.get().1>
                <span class="sd-rate__label" data-testid="rate-label">{move || label.get().0}</span>
                <input
                    type="range"
                    min="0"
                    max=SLIDER_STEPS
                    step="1"
                    data-testid="rate-slider"
                    aria-label=move || format!("Request rate of {}", label.get().0)
                    disabled=move || rate.get().is_none()
                    aria-valuetext=move || format!("{} requests a second", format::rate(rate.get().unwrap_or(0.0)))
                    data-rps=move || rate.get().unwrap_or(0.0).to_string()
                    prop:value=move || position_of(rate.get().unwrap_or(0.0))
                    on:input=move |event| {
                        if let Ok(position) = event_target_value(&event).parse::<f64>() {
                            set_rate(editor, rate_at(position.clamp(0.0, SLIDER_STEPS)));
                        }
                    }
                    on:change=move |_| editor.editor.update(|state| state.history.seal())
                />
                <output class="sd-rate__value" data-testid="rate-value">
                    {move || match rate.get() { Some(rate) => format!("{} req/s", format::compact_rate(rate)), None => "no users".into() }}
                </output>
            </label>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_slider_is_named_after_the_users_block_it_sets() {
        use sdplay_sim::Block;
        let mut design = Design::default();
        assert_eq!(slider_label(&design).0, "Users");
        let mut mobile = Block::new("mobile", BlockKind::Users);
        mobile.name = "Mobile users".into();
        design.blocks.push(mobile);
        assert_eq!(
            slider_label(&design),
            (
                "Mobile users".to_owned(),
                "The request rate of Mobile users".to_owned()
            )
        );
        design.blocks.push(Block::new("web", BlockKind::Users));
        let (name, title) = slider_label(&design);
        assert_eq!(name, "Mobile users");
        assert!(title.contains("the first of 2 users blocks"), "{title}");
    }

    #[test]
    fn the_seed_range_is_the_whole_of_u64() {
        assert!(SEED_RANGE.ends_with(&u64::MAX.to_string()));
    }

    #[test]
    fn the_slider_spans_one_to_a_hundred_thousand_in_round_numbers() {
        assert_eq!(rate_at(0.0), 1.0);
        assert_eq!(rate_at(SLIDER_STEPS), 100_000.0);
        assert_eq!(rate_at(position_of(2_000.0)), 2_000.0);
        assert_eq!(rate_at(position_of(6_000.0)), 6_000.0);
        assert_eq!(rate_at(500.0), 320.0);
    }
}
