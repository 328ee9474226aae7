//! Settings read from the page's URL: `?seed=7&speed=4&pause_at=30`.
//! A bad value is reported and ignored; the page still opens. When the
//! user picks another seed or speed, the URL follows (without a new history
//! entry), so it always reproduces the run on screen.

use leptos::prelude::*;

use crate::state::RunCtx;

/// What the URL asks for.
#[derive(Clone, Debug, PartialEq)]
pub struct UrlOptions {
    /// The run's seed.
    pub seed: u64,
    /// Simulated seconds per wall second.
    pub speed: f64,
    /// Pause when simulated time reaches this many seconds.
    pub pause_at: Option<f64>,
    /// One message per parameter that was ignored.
    pub problems: Vec<String>,
}

impl Default for UrlOptions {
    fn default() -> Self {
        UrlOptions {
            seed: 1,
            speed: 1.0,
            pause_at: None,
            problems: Vec::new(),
        }
    }
}

/// How much of a bad value a message repeats [characters].
const ECHO_CHARS: usize = 24;

/// `value` as a message repeats it: its start only, when it is long.
pub fn echoed(value: &str) -> String {
    if value.chars().count() <= ECHO_CHARS {
        value.to_owned()
    } else {
        let start: String = value.chars().take(ECHO_CHARS).collect();
        format!("{start}…")
    }
}

/// `search` (a location's `?a=1&b=2`, with or without the `?`) with
/// `name` set to `value`; the other parameters keep their place. `value`
/// must need no escaping (the page only writes numbers).
pub fn with_param(search: &str, name: &str, value: &str) -> String {
    let mut found = false;
    let mut pairs: Vec<String> = Vec::new();
    for pair in search.trim_start_matches('?').split('&') {
        if pair.is_empty() {
            continue;
        }
        let key = pair.split('=').next().unwrap_or_default();
        if key == name {
            if !found {
                pairs.push(format!("{name}={value}"));
                found = true;
            }
        } else {
            pairs.push(pair.to_owned());
        }
    }
    if !found {
        pairs.push(format!("{name}={value}"));
    }
    format!("?{}", pairs.join("&"))
}

/// Sets `name` to `value` in the page's address, replacing the current
/// history entry (the back button should not step through seeds).
fn replace_param(name: &str, value: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let (Ok(path), Ok(search), Ok(hash)) =
        (location.pathname(), location.search(), location.hash())
    else {
        return;
    };
    let url = format!("{path}{}{hash}", with_param(&search, name, value));
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// Keeps `?seed=` and `?speed=` in the address equal to the run's, once
/// the user changes them (the address is left alone until then).
pub fn use_url_sync(run: RunCtx) {
    Effect::new(move |previous: Option<u64>| {
        let seed = run.seed.get();
        if previous.is_some_and(|previous| previous != seed) {
            replace_param("seed", &seed.to_string());
        }
        seed
    });
    Effect::new(move |previous: Option<f64>| {
        let speed = run.speed.get();
        if previous.is_some_and(|previous| previous != speed) {
            replace_param("speed", &speed.to_string());
        }
        speed
    });
}

/// The slowest and fastest speeds the page offers.
pub const SPEED_RANGE: (f64, f64) = (0.25, 100.0);

impl UrlOptions {
    /// Reads the options from `pairs` of (name, value).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> UrlOptions {
        let mut options = UrlOptions::default();
        for (name, value) in pairs {
            match name {
                "seed" => match value.parse::<u64>() {
                    Ok(seed) => options.seed = seed,
                    Err(_) => options.problems.push(format!(
                        "seed '{}' is not a whole number of at least 0; using 1",
                        echoed(value)
                    )),
                },
                "speed" => match value.parse::<f64>() {
                    Ok(speed) if (SPEED_RANGE.0..=SPEED_RANGE.1).contains(&speed) => {
                        options.speed = speed
                    }
                    _ => options.problems.push(format!(
                        "speed '{}' is not a number from {} to {}; using 1",
                        echoed(value),
                        SPEED_RANGE.0,
                        SPEED_RANGE.1
                    )),
                },
                "pause_at" => match value.parse::<f64>() {
                    Ok(secs) if secs.is_finite() && secs >= 0.0 => options.pause_at = Some(secs),
                    _ => options.problems.push(format!(
                        "pause_at '{}' is not a number of seconds; not pausing",
                        echoed(value)
                    )),
                },
                _ => {}
            }
        }
        options
    }

    /// Reads the options from the page's address.
    pub fn from_location() -> UrlOptions {
        let search = web_sys::window()
            .and_then(|window| window.location().search().ok())
            .unwrap_or_default();
        let pairs: Vec<(String, String)> = match web_sys::UrlSearchParams::new_with_str(&search) {
            Ok(params) => ["seed", "speed", "pause_at"]
                .iter()
                .filter_map(|name| params.get(name).map(|value| (name.to_string(), value)))
                .collect(),
            Err(_) => Vec::new(),
        };
        UrlOptions::from_pairs(
            pairs
                .iter()
                .map(|(name, value)| (name.as_str(), value.as_str())),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_values_are_taken_and_bad_ones_reported() {
        let options = UrlOptions::from_pairs([("seed", "7"), ("speed", "4"), ("pause_at", "30")]);
        assert_eq!(
            (options.seed, options.speed, options.pause_at),
            (7, 4.0, Some(30.0))
        );
        assert!(options.problems.is_empty());

        let options =
            UrlOptions::from_pairs([("seed", "-1"), ("speed", "1e9"), ("pause_at", "soon")]);
        assert_eq!(
            options,
            UrlOptions {
                problems: options.problems.clone(),
                ..UrlOptions::default()
            }
        );
        assert_eq!(options.problems.len(), 3);
        assert!(options.problems[1].starts_with("speed '1e9' is not a number from 0.25 to 100"));
    }

    #[test]
    fn a_long_bad_value_is_echoed_in_part() {
        let nines = "9".repeat(5_000);
        let options = UrlOptions::from_pairs([("seed", nines.as_str())]);
        assert_eq!(
            options.problems,
            [format!(
                "seed '{}…' is not a whole number of at least 0; using 1",
                "9".repeat(24)
            )]
        );
        assert_eq!(echoed("fast"), "fast");
    }

    #[test]
    fn a_parameter_is_replaced_in_place_and_the_others_kept() {
        assert_eq!(
            with_param("?seed=1&speed=4&pause_at=30", "seed", "7"),
            "?seed=7&speed=4&pause_at=30"
        );
        assert_eq!(with_param("?speed=4", "seed", "7"), "?speed=4&seed=7");
        assert_eq!(with_param("", "speed", "0.5"), "?speed=0.5");
        assert_eq!(with_param("?seed=1&seed=2&x", "seed", "3"), "?seed=3&x");
    }
}
