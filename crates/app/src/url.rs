//! Settings read from the page's URL: `?seed=7&speed=4&pause_at=30`.
//! A bad value is reported and ignored; the page still opens.

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
                        "seed '{value}' is not a whole number of at least 0; using 1"
                    )),
                },
                "speed" => match value.parse::<f64>() {
                    Ok(speed) if (SPEED_RANGE.0..=SPEED_RANGE.1).contains(&speed) => {
                        options.speed = speed
                    }
                    _ => options.problems.push(format!(
                        "speed '{value}' is not a number from {} to {}; using 1",
                        SPEED_RANGE.0, SPEED_RANGE.1
                    )),
                },
                "pause_at" => match value.parse::<f64>() {
                    Ok(secs) if secs.is_finite() && secs >= 0.0 => options.pause_at = Some(secs),
                    _ => options.problems.push(format!(
                        "pause_at '{value}' is not a number of seconds; not pausing"
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
}
