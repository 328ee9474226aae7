//! The inspector's table of settings: one line per setting of each block
//! kind, naming its place in the design file, a label, a unit and how it
//! is typed. Adding a setting to the engine means adding a line here;
//! settings the table does not list yet still appear, under "More", with
//! an input guessed from their value.

use sdplay_sim::BlockKind;
use serde_json::Value;

/// How a setting is typed in.
#[derive(Clone, Debug, PartialEq)]
pub enum Input {
    /// Any number.
    Number,
    /// A whole number.
    Whole,
    /// A whole number or "unlimited" (left empty).
    Limit,
    /// A share from 0 to 1, typed as a percentage.
    Percent,
    /// One of a few names.
    Choice(&'static [&'static str]),
    /// Free text.
    Text,
    /// On or off.
    Bool,
    /// Block ids, comma-separated: `cache, db`.
    IdList,
    /// Rate steps as `at:factor` pairs: `30:2, 60:1`.
    Steps,
    /// A group that may be absent: a checkbox adds it with these settings
    /// (JSON) or removes it.
    Optional(&'static str),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// Where the setting is in the block's `params`: `capacity.workers`.
    pub path: String,
    pub label: String,
    pub unit: &'static str,
    pub input: Input,
    /// Shown only when the setting at `.0` has one of the values `.1`.
    pub when: Option<(String, &'static [&'static str])>,
}

fn field(path: &str, label: &str, unit: &'static str, input: Input) -> Field {
    Field {
        path: path.into(),
        label: label.into(),
        unit,
        input,
        when: None,
    }
}

fn number(path: &str, label: &str, unit: &'static str) -> Field {
    field(path, label, unit, Input::Number)
}

/// `field` shown only while the setting at `path` is one of `values`.
fn when(field: Field, path: &str, values: &'static [&'static str]) -> Field {
    Field {
        when: Some((path.into(), values)),
        ..field
    }
}

const DISTS: &[&str] = &["constant", "exponential", "lognormal"];
const PATTERNS: &[&str] = &["constant", "ramp", "spike", "wave", "steps"];
const LB_POLICIES: &[&str] = &[
    "round_robin",
    "least_connections",
    "random",
    "power_of_two_choices",
    "consistent_hash",
];
const CONNECTIONS: &[&str] = &["pool", "per_request"];
const CACHE_MODES: &[&str] = &["cache_aside", "write_through", "write_behind"];
const AUTOSCALE: &str = r#"{ "min": 2, "max": 10, "target_utilization": 0.6, "window_s": 30, "cooldown_s": 60, "boot_s": 60 }"#;
const CALLS: &str = r#"{ "static": [], "read": [], "write": [] }"#;

/// A service time at `prefix`: shape, mean, and p99 for log-normal ones.
fn service(prefix: &str, what: &str) -> Vec<Field> {
    let dist = format!("{prefix}.dist");
    vec![
        field(&dist, &format!("{what}: shape"), "", Input::Choice(DISTS)),
        number(&format!("{prefix}.mean_ms"), &format!("{what}: mean"), "ms"),
        when(
            number(&format!("{prefix}.p99_ms"), &format!("{what}: p99"), "ms"),
            &dist,
            &["lognormal"],
        ),
    ]
}

/// Instances x workers, queue and own work, at `capacity`.
fn capacity(work: &str) -> Vec<Field> {
    let mut fields = vec![
        field("capacity.instances", "Instances", "", Input::Whole),
        field("capacity.workers", "Workers per instance", "", Input::Limit),
        field(
            "capacity.queue_limit",
            "Queue limit per instance",
            "requests",
            Input::Limit,
        ),
    ];
    fields.extend(service("capacity.service", work));
    fields
}

/// The settings of `kind`, in the order the inspector shows them.
pub fn fields(kind: BlockKind) -> Vec<Field> {
    match kind {
        BlockKind::Users => vec![
            number("rate_rps", "Request rate", "req/s"),
            field(
                "pattern.shape",
                "Traffic pattern",
                "",
                Input::Choice(PATTERNS),
            ),
            when(
                number("pattern.start_s", "Ramp: starts at", "s"),
                "pattern.shape",
                &["ramp"],
            ),
            when(
                number("pattern.duration_s", "Lasts", "s"),
                "pattern.shape",
                &["ramp", "spike"],
            ),
            when(
                number("pattern.from", "Ramp: from", "× rate"),
                "pattern.shape",
                &["ramp"],
            ),
            when(
                number("pattern.at_s", "Spike: at", "s"),
                "pattern.shape",
                &["spike"],
            ),
            when(
                number("pattern.factor", "Spike: factor", "× rate"),
                "pattern.shape",
                &["spike"],
            ),
            when(
                number("pattern.period_s", "Wave: period", "s"),
                "pattern.shape",
                &["wave"],
            ),
            when(
                field(
                    "pattern.amplitude",
                    "Wave: amplitude",
                    "% of rate",
                    Input::Percent,
                ),
                "pattern.shape",
                &["wave"],
            ),
            when(
                field("pattern.steps", "Steps", "s:× rate, …", Input::Steps),
                "pattern.shape",
                &["steps"],
            ),
            number("mix.static", "Mix: static assets", "weight"),
            number("mix.read", "Mix: reads", "weight"),
            number("mix.write", "Mix: writes", "weight"),
            field("keys.count", "Distinct keys (user ids)", "", Input::Whole),
            number("keys.zipf", "Key skew (Zipf exponent)", "0 = uniform"),
        ],
        BlockKind::Cdn => {
            let mut fields = vec![field(
                "hit_ratio",
                "Edge hit ratio (static)",
                "%",
                Input::Percent,
            )];
            fields.extend(capacity("Edge latency"));
            fields
        }
        BlockKind::Gateway => {
            let mut fields = capacity("Auth latency");
            fields.extend([
                field(
                    "rate_limit",
                    "Rate limit (429 over it)",
                    "",
                    Input::Optional(r#"{ "rate_rps": 1000, "burst": 100 }"#),
                ),
                number("rate_limit.rate_rps", "Rate limit: rate", "req/s"),
                field(
                    "rate_limit.burst",
                    "Rate limit: burst",
                    "requests",
                    Input::Whole,
                ),
                field(
                    "rate_limit.per_key",
                    "Rate limit per user id",
                    "",
                    Input::Bool,
                ),
            ]);
            fields
        }
        BlockKind::LoadBalancer => {
            let mut fields = vec![field("policy", "Policy", "", Input::Choice(LB_POLICIES))];
            fields.extend(capacity("Added latency"));
            fields
        }
        BlockKind::App => {
            let mut fields = capacity("Compute per request");
            let autoscale = |path: &str, label: &str, unit: &'static str, input: Input| {
                field(
                    &format!("autoscale.{path}"),
                    &format!("Auto-scaling: {label}"),
                    unit,
                    input,
                )
            };
            fields.extend([
                field(
                    "connections.mode",
                    "Database connections",
                    "",
                    Input::Choice(CONNECTIONS),
                ),
                when(
                    field(
                        "connections.size",
                        "Pool size per instance",
                        "connections",
                        Input::Whole,
                    ),
                    "connections.mode",
                    &["pool"],
                ),
                when(
                    number("connections.wait_timeout_ms", "Pool wait timeout", "ms"),
                    "connections.mode",
                    &["pool"],
                ),
                when(
                    number("connections.connect_ms", "Connect time per request", "ms"),
                    "connections.mode",
                    &["per_request"],
                ),
                field("autoscale", "Auto-scaling", "", Input::Optional(AUTOSCALE)),
                autoscale("min", "min", "instances", Input::Whole),
                autoscale("max", "max", "instances", Input::Whole),
                autoscale("target_utilization", "target", "% busy", Input::Percent),
                autoscale("window_s", "window", "s", Input::Number),
                autoscale("cooldown_s", "cooldown", "s", Input::Number),
                autoscale("boot_s", "boot time", "s", Input::Number),
                field(
                    "calls",
                    "Own call plan per request class",
                    "",
                    Input::Optional(CALLS),
                ),
                field(
                    "calls.static",
                    "Calls for static assets",
                    "block ids",
                    Input::IdList,
                ),
                field("calls.read", "Calls for reads", "block ids", Input::IdList),
                field(
                    "calls.write",
                    "Calls for writes",
                    "block ids",
                    Input::IdList,
                ),
            ]);
            fields
        }
        BlockKind::Cache => {
            let mut fields = vec![
                field("mode", "Write mode", "", Input::Choice(CACHE_MODES)),
                when(
                    number("flush_interval_ms", "Flush interval", "ms"),
                    "mode",
                    &["write_behind"],
                ),
                field(
                    "lookup",
                    "Hits decided by",
                    "",
                    Input::Choice(&["lru", "fixed"]),
                ),
                when(
                    field("hit_ratio", "Hit ratio (reads)", "%", Input::Percent),
                    "lookup",
                    &["fixed"],
                ),
                when(
                    field("max_keys", "Keys held (LRU)", "keys", Input::Whole),
                    "lookup",
                    &["lru"],
                ),
                when(
                    number("ttl_s", "Time to live", "s, 0 = forever"),
                    "lookup",
                    &["lru"],
                ),
                when(
                    field("warm", "Start warm", "", Input::Bool),
                    "lookup",
                    &["lru"],
                ),
            ];
            fields.extend(capacity("Lookup"));
            fields
        }
        BlockKind::Database => {
            let mut fields = vec![
                field("replicas", "Read replicas per shard", "", Input::Whole),
                number("replication_lag_ms", "Replication lag", "ms"),
                field("shards", "Shards", "", Input::Whole),
                field(
                    "sharding",
                    "Sharding",
                    "",
                    Input::Choice(&["hash", "range"]),
                ),
                field(
                    "max_connections",
                    "Max connections per node",
                    "",
                    Input::Limit,
                ),
                field("workers", "Workers per node", "", Input::Limit),
                field(
                    "queue_limit",
                    "Queue limit per node",
                    "requests",
                    Input::Limit,
                ),
            ];
            fields.extend(service("read", "Read query"));
            fields.extend(service("write", "Write query"));
            fields
        }
        BlockKind::Zone => vec![
            number("cross_zone_ms", "Latency to other zones", "ms one way"),
            number("width", "Width", "px"),
            number("height", "Height", "px"),
        ],
    }
}

/// The value at `path` in `value`.
pub fn get<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(value, |at, key| at.get(key))
}

/// Sets (or with `None` removes) the value at `path`, making the objects
/// on the way.
pub fn set(value: &mut Value, path: &str, new: Option<Value>) {
    let mut keys: Vec<&str> = path.split('.').collect();
    let Some(last) = keys.pop() else {
        return;
    };
    let mut at = value;
    for key in keys {
        if !at.get(key).is_some_and(Value::is_object) {
            if new.is_none() {
                return;
            }
            if let Some(object) = at.as_object_mut() {
                object.insert(key.into(), Value::Object(Default::default()));
            }
        }
        match at.get_mut(key) {
            Some(next) => at = next,
            None => return,
        }
    }
    if let Some(object) = at.as_object_mut() {
        match new {
            Some(new) => {
                object.insert(last.into(), new);
            }
            None => {
                object.remove(last);
            }
        }
    }
}

/// Every leaf setting in `value` that `known` does not list, as fields
/// with a guessed input.
pub fn unlisted(value: &Value, known: &[Field]) -> Vec<Field> {
    fn walk(value: &Value, prefix: &str, known: &[Field], out: &mut Vec<Field>) {
        let Some(object) = value.as_object() else {
            return;
        };
        for (key, child) in object {
            let path = if prefix.is_empty() {
                key.clone()
            } else {
                format!("{prefix}.{key}")
            };
            let listed = known.iter().any(|f| {
                f.path == path
                    || (matches!(f.input, Input::Optional(_))
                        && path.starts_with(&format!("{}.", f.path)))
            });
            if listed {
                continue;
            }
            let input = match child {
                Value::Object(_) => {
                    walk(child, &path, known, out);
                    continue;
                }
                Value::Number(_) => Input::Number,
                Value::Bool(_) => Input::Bool,
                _ => Input::Text,
            };
            out.push(field(&path, &path.replace(['.', '_'], " "), "", input));
        }
    }
    let mut out = Vec::new();
    walk(value, "", known, &mut out);
    out
}

/// The text an input shows for `value`.
pub fn show(input: &Input, value: Option<&Value>) -> String {
    match (input, value) {
        (_, None) | (_, Some(Value::Null)) => String::new(),
        (Input::Limit, Some(Value::String(text))) if text == "unlimited" => String::new(),
        (Input::Percent, Some(Value::Number(number))) => {
            trim_number(number.as_f64().unwrap_or(0.0) * 100.0)
        }
        (_, Some(Value::Number(number))) => trim_number(number.as_f64().unwrap_or(0.0)),
        (Input::IdList, Some(Value::Array(ids))) => ids
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(", "),
        (Input::Steps, Some(Value::Array(steps))) => steps
            .iter()
            .map(|step| {
                let at = step.get("at_s").and_then(Value::as_f64).unwrap_or(0.0);
                let factor = step.get("factor").and_then(Value::as_f64).unwrap_or(1.0);
                format!("{}:{}", trim_number(at), trim_number(factor))
            })
            .collect::<Vec<_>>()
            .join(", "),
        (_, Some(Value::String(text))) => text.clone(),
        (_, Some(other)) => other.to_string(),
    }
}

/// An engine range message about a share (0 to 1) in the percentages the
/// field shows: "10000 is out of range (expected 0 to 1)" becomes
/// "1000000% is out of range (expected 0 to 100%)". Other messages are
/// kept as they are.
pub fn in_percent(message: &str) -> String {
    let convert = || -> Option<String> {
        let (value, rest) = message.split_once(" is out of range (expected ")?;
        let (low, high) = rest.strip_suffix(')')?.split_once(" to ")?;
        let percent = |text: &str| text.parse::<f64>().ok().map(|v| percent_text(v * 100.0));
        Some(format!(
            "{}% is out of range (expected {} to {}%)",
            percent(value)?,
            percent(low)?,
            percent(high)?
        ))
    };
    convert().unwrap_or_else(|| message.to_owned())
}

/// A percentage for a message: plain, or in scientific notation when huge.
fn percent_text(value: f64) -> String {
    if value.abs() >= 1e12 {
        format!("{value:e}")
    } else {
        trim_number(value)
    }
}

pub fn trim_number(value: f64) -> String {
    let text = format!("{:.6}", value);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".into()
    } else {
        text.into()
    }
}

/// The value typed `text` stands for, or why it is not one.
pub fn parse(input: &Input, text: &str) -> Result<Option<Value>, String> {
    let text = text.trim();
    let cleaned: String = text
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | ' '))
        .collect();
    let number = || -> Result<f64, String> {
        match cleaned.parse::<f64>() {
            Ok(value) if value.is_finite() => Ok(value),
            _ if cleaned.is_empty() => Err("enter a number".into()),
            _ => Err(format!("'{text}' is not a number")),
        }
    };
    let json = |value: f64| {
        serde_json::Number::from_f64(value)
            .map(Value::Number)
            .ok_or_else(|| format!("'{text}' is not a number"))
    };
    // No range here: the engine knows it, and the inspector adds it
    // (`check::whole_range`), so a message never claims a bound that is
    // not the field's.
    let whole = || -> Result<Value, String> {
        match cleaned.parse::<u64>() {
            Ok(value) => Ok(Value::from(value)),
            Err(_) if cleaned.is_empty() => Err("enter a whole number".into()),
            Err(_) if cleaned.bytes().all(|b| b.is_ascii_digit()) => {
                Err(format!("'{text}' is out of range"))
            }
            Err(_) => Err(format!("'{text}' is not a whole number")),
        }
    };
    Ok(Some(match input {
        Input::Number => json(number()?)?,
        Input::Whole => whole()?,
        Input::Limit => match cleaned.to_lowercase().as_str() {
            "" | "unlimited" | "∞" => Value::from("unlimited"),
            _ => whole()?,
        },
        Input::Percent => json(number()? / 100.0)?,
        Input::Choice(options) => {
            if !options.contains(&text) {
                return Err(format!("'{text}' is not one of: {}", options.join(", ")));
            }
            Value::from(text)
        }
        Input::Text => Value::from(text),
        Input::Bool => Value::from(text == "true"),
        Input::IdList => Value::Array(
            text.split(',')
                .map(str::trim)
                .filter(|id| !id.is_empty())
                .map(Value::from)
                .collect(),
        ),
        Input::Steps => {
            let mut steps = Vec::new();
            for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                let parsed = part.split_once(':').and_then(|(at, factor)| {
                    Some((
                        at.trim().parse::<f64>().ok()?,
                        factor.trim().parse::<f64>().ok()?,
                    ))
                });
                let Some((at_s, factor)) = parsed else {
                    return Err(format!(
                        "'{part}' is not a step: write seconds:factor, as 30:2"
                    ));
                };
                steps.push(serde_json::json!({ "at_s": at_s, "factor": factor }));
            }
            Value::Array(steps)
        }
        Input::Optional(default) => {
            if text == "true" {
                serde_json::from_str(default).map_err(|e| e.to_string())?
            } else {
                return Ok(None);
            }
        }
    }))
}

/// Keeps a service time consistent when its shape changes: a log-normal one
/// needs a p99, the others must not have one.
pub fn fix_up(params: &mut Value, path: &str) {
    // A tagged group takes the settings of its new variant.
    if path == "pattern.shape" {
        let shape = get(params, path)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let example = sdplay_sim::design::Pattern::examples()
            .into_iter()
            .find(|pattern| pattern.shape() == shape)
            .and_then(|pattern| serde_json::to_value(pattern).ok());
        set(params, "pattern", example);
        return;
    }
    if path == "connections.mode" {
        let mode = get(params, path)
            .and_then(Value::as_str)
            .unwrap_or_default();
        let fresh = if mode == "per_request" {
            serde_json::json!({ "mode": "per_request", "connect_ms": 5.0 })
        } else {
            serde_json::to_value(sdplay_sim::design::Connections::default()).unwrap_or(Value::Null)
        };
        set(params, "connections", Some(fresh));
        return;
    }
    let Some(prefix) = path.strip_suffix(".dist") else {
        return;
    };
    let p99 = format!("{prefix}.p99_ms");
    let dist = get(params, path)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    if dist == "lognormal" {
        if get(params, &p99).is_none_or(Value::is_null) {
            let mean = get(params, &format!("{prefix}.mean_ms"))
                .and_then(Value::as_f64)
                .unwrap_or(10.0);
            set(
                params,
                &p99,
                serde_json::Number::from_f64(mean * 4.0).map(Value::Number),
            );
        }
    } else {
        set(params, &p99, None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_are_read_set_and_removed_by_path() {
        let mut value = json!({ "capacity": { "workers": 4 } });
        assert_eq!(get(&value, "capacity.workers"), Some(&json!(4)));
        set(&mut value, "capacity.service.mean_ms", Some(json!(3.5)));
        assert_eq!(value["capacity"]["service"]["mean_ms"], json!(3.5));
        set(&mut value, "capacity.workers", None);
        assert!(get(&value, "capacity.workers").is_none());
    }

    #[test]
    fn typed_text_becomes_a_value_or_a_message() {
        assert_eq!(parse(&Input::Number, "1,500"), Ok(Some(json!(1500.0))));
        assert_eq!(
            parse(&Input::Number, "abc"),
            Err("'abc' is not a number".into())
        );
        assert_eq!(
            parse(&Input::Whole, "2.5"),
            Err("'2.5' is not a whole number".into())
        );
        assert_eq!(parse(&Input::Limit, ""), Ok(Some(json!("unlimited"))));
        assert_eq!(parse(&Input::Percent, "80"), Ok(Some(json!(0.8))));
        assert_eq!(show(&Input::Percent, Some(&json!(0.8))), "80");
        assert_eq!(show(&Input::Limit, Some(&json!("unlimited"))), "");
        assert_eq!(show(&Input::Number, Some(&json!(0.1))), "0.1");
    }

    #[test]
    fn share_ranges_are_said_in_percent() {
        assert_eq!(
            in_percent("10000 is out of range (expected 0 to 1)"),
            "1000000% is out of range (expected 0 to 100%)"
        );
        assert_eq!(
            in_percent("0.01 is out of range (expected 0.05 to 1)"),
            "1% is out of range (expected 5 to 100%)"
        );
        assert_eq!(
            in_percent("1e306 is out of range (expected 0 to 1)"),
            "1e308% is out of range (expected 0 to 100%)"
        );
        assert_eq!(in_percent("enter a number"), "enter a number");
    }

    #[test]
    fn every_setting_of_every_kind_is_listed() {
        for kind in BlockKind::ALL {
            let mut value = crate::panels::inspector::params_value(&kind.default_params());
            // Groups that are absent by default count too.
            if kind == BlockKind::Gateway {
                set(
                    &mut value,
                    "rate_limit",
                    Some(json!({ "rate_rps": 1, "burst": 1, "per_key": false })),
                );
            }
            if kind == BlockKind::App {
                set(
                    &mut value,
                    "autoscale",
                    serde_json::from_str(AUTOSCALE).ok(),
                );
                set(&mut value, "calls", serde_json::from_str(CALLS).ok());
            }
            let table = fields(kind);
            let missing = unlisted(&value, &table);
            assert!(missing.is_empty(), "{kind}: not in the table: {missing:?}");
            for field in &table {
                let found = get(&value, &field.path).is_some() || field.when.is_some();
                assert!(found, "{kind}: '{}' is not a setting", field.path);
            }
        }
    }

    #[test]
    fn lists_and_steps_are_typed_as_text() {
        assert_eq!(
            parse(&Input::IdList, "cache, db,"),
            Ok(Some(json!(["cache", "db"])))
        );
        assert_eq!(
            show(&Input::IdList, Some(&json!(["cache", "db"]))),
            "cache, db"
        );
        let steps = parse(&Input::Steps, "30:2, 60:1").unwrap().unwrap();
        assert_eq!(
            steps,
            json!([{ "at_s": 30.0, "factor": 2.0 }, { "at_s": 60.0, "factor": 1.0 }])
        );
        assert_eq!(show(&Input::Steps, Some(&steps)), "30:2, 60:1");
        assert!(parse(&Input::Steps, "soon")
            .unwrap_err()
            .contains("seconds:factor"));
    }

    #[test]
    fn a_new_pattern_or_connection_mode_brings_its_settings() {
        let mut value = json!({ "pattern": { "shape": "spike" } });
        fix_up(&mut value, "pattern.shape");
        assert_eq!(value["pattern"]["factor"], json!(3.0));
        let mut value = json!({ "connections": { "mode": "per_request", "size": 10 } });
        fix_up(&mut value, "connections.mode");
        assert_eq!(
            value["connections"],
            json!({ "mode": "per_request", "connect_ms": 5.0 })
        );
    }

    #[test]
    fn a_shape_change_keeps_the_service_time_valid() {
        let mut value = json!({ "read": { "dist": "lognormal", "mean_ms": 5 } });
        fix_up(&mut value, "read.dist");
        assert_eq!(value["read"]["p99_ms"], json!(20.0));
        set(&mut value, "read.dist", Some(json!("constant")));
        fix_up(&mut value, "read.dist");
        assert!(get(&value, "read.p99_ms").is_none());
    }
}
