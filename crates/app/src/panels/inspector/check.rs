//! Checking a typed value before it reaches the design. The engine's
//! validator has the last word, so its ranges apply; its refusal is then put
//! in the field's terms: the units the field shows (percent, not a share),
//! the setting the problem is really about when that is another one, and
//! the whole range of a whole-number field.

use sdplay_sim::{BlockId, BlockParams, Design};
use serde_json::Value;

use super::fields::{self, fields, in_percent, Field, Input};
use super::{params_from_value, params_value};

/// What a refusal is about.
#[derive(Debug, PartialEq)]
enum About {
    /// The text could not be read as the field's kind of value.
    Text,
    /// The value has the wrong shape for the settings (a number too large
    /// for its type, say).
    Shape,
    /// The engine's validator found a problem with the setting at this
    /// path in `params` (the edited one or another).
    Setting(String),
}

#[derive(Debug)]
struct Refusal {
    about: About,
    message: String,
}

impl Refusal {
    fn new(about: About) -> impl FnOnce(String) -> Refusal {
        move |message| Refusal { about, message }
    }
}

/// The settings of block `id` with `field` set to what `text` says, when
/// that is valid; else the message to show beside the field.
pub fn try_set(
    design: &Design,
    id: &BlockId,
    field: &Field,
    text: &str,
) -> Result<BlockParams, String> {
    let idx = design.block_index(id).ok_or("the block is gone")?;
    check(design, idx, field, text).map_err(|refusal| explain(design, idx, field, text, refusal))
}

/// The engine's verdict on `text` in `field` of block `idx`: the first
/// problem the value brings that the block did not have before.
fn check(design: &Design, idx: usize, field: &Field, text: &str) -> Result<BlockParams, Refusal> {
    let block = &design.blocks[idx];
    let mut value = params_value(&block.params);
    let new = fields::parse(&field.input, text).map_err(Refusal::new(About::Text))?;
    fields::set(&mut value, &field.path, new);
    fields::fix_up(&mut value, &field.path);
    let params = params_from_value(block.kind(), value).map_err(Refusal::new(About::Shape))?;

    let whole = format!("blocks[{idx}].params");
    let settings_problems = |design: &Design| -> Vec<(String, String)> {
        design
            .validate()
            .into_iter()
            .filter_map(|problem| {
                let path = match problem.path.strip_prefix(&whole)? {
                    "" => "",
                    rest => rest.strip_prefix('.')?,
                };
                Some((path.to_owned(), problem.message))
            })
            .collect()
    };
    let before = settings_problems(design);
    let mut candidate = design.clone();
    candidate.blocks[idx].params = params.clone();
    match settings_problems(&candidate)
        .into_iter()
        .find(|problem| !before.contains(problem))
    {
        Some((path, message)) => Err(Refusal {
            about: About::Setting(path),
            message,
        }),
        None => Ok(params),
    }
}

/// A refusal in the words of the field it is shown beside.
fn explain(design: &Design, idx: usize, field: &Field, text: &str, refusal: Refusal) -> String {
    let table = fields(design.blocks[idx].kind());
    let whole = matches!(field.input, Input::Whole | Input::Limit);
    match refusal.about {
        // Another setting is the one out of line (a mean of 0 is fine for a
        // constant service time, not for an exponential one): name it.
        About::Setting(path) if !is_own(field, &path) => {
            let other = setting_at(&table, &path);
            let label = other.map_or_else(|| path.replace(['.', '_'], " "), |f| f.label.clone());
            let message = match other {
                Some(other) if other.input == Input::Percent => in_percent(&refusal.message),
                _ => refusal.message,
            };
            let with = match field.input {
                Input::Choice(_) => format!(" for {}", text.trim().replace('_', " ")),
                _ => String::new(),
            };
            format!("{label}: {message}{with}")
        }
        About::Setting(_) if field.input == Input::Percent => in_percent(&refusal.message),
        About::Setting(_) => refusal.message,
        // An empty whole-number field just needs a number.
        About::Text if text.trim().is_empty() => refusal.message,
        // Not a whole number, or one too large for the engine's type: the
        // engine never saw it, so say what it would accept.
        about if whole => {
            let message = match about {
                About::Shape => format!("'{}' is out of range", text.trim()),
                _ => refusal.message,
            };
            match whole_range(design, idx, field) {
                Some(range) => format!("{message} ({range})"),
                None => message,
            }
        }
        _ => refusal.message,
    }
}

/// Whether a problem at `path` is about `field` itself (or the group that
/// holds it, as the auto-scaling range is for its min and max).
fn is_own(field: &Field, path: &str) -> bool {
    path == field.path || field.path.starts_with(&format!("{path}."))
}

/// The table's field for the setting at `path`, or the closest group that
/// holds it (`pattern.steps` for `pattern.steps[2].at_s`).
fn setting_at<'a>(table: &'a [Field], path: &str) -> Option<&'a Field> {
    table.iter().find(|f| f.path == path).or_else(|| {
        table
            .iter()
            .filter(|f| {
                path.strip_prefix(f.path.as_str())
                    .is_some_and(|rest| rest.starts_with(['.', '[']))
            })
            .max_by_key(|f| f.path.len())
    })
}

// FIXME: bisecting the validator (up to about 64 validations per refused
// keystroke) and `in_percent`'s reading of message text stand in for a
// range the engine does not give yet; once `Problem` carries its expected
// range as numbers, use that instead.
/// The values a whole-number field accepts, in words ("expected 1 to
/// 1000"), found by asking the engine: the accepted values form one
/// interval around the value in force, so bisection finds its ends. `None`
/// when the value in force is not accepted either.
fn whole_range(design: &Design, idx: usize, field: &Field) -> Option<String> {
    let accepts = |n: u32| check(design, idx, field, &n.to_string()).is_ok();
    let current = fields::get(&params_value(&design.blocks[idx].params), &field.path)
        .and_then(Value::as_u64)
        .and_then(|n| u32::try_from(n).ok())
        .unwrap_or(1);
    if !accepts(current) {
        return None;
    }
    let low = if accepts(0) {
        0
    } else {
        // Refused at `lo`, accepted at `hi`.
        let (mut lo, mut hi) = (0, current);
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if accepts(mid) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        hi
    };
    let high = if accepts(u32::MAX) {
        None
    } else {
        // Accepted at `lo`, refused at `hi`.
        let (mut lo, mut hi) = (current, u32::MAX);
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if accepts(mid) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        Some(lo)
    };
    let unlimited = if field.input == Input::Limit {
        ", or empty for unlimited"
    } else {
        ""
    };
    Some(match high {
        Some(high) => format!("expected {low} to {high}{unlimited}"),
        None => format!("expected {low} or more{unlimited}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use sdplay_sim::{Block, BlockKind};

    fn design() -> Design {
        Design {
            name: String::new(),
            blocks: vec![
                Block::new("app", BlockKind::App),
                Block::new("db", BlockKind::Database),
                Block::new("cdn", BlockKind::Cdn),
            ],
            links: Vec::new(),
        }
    }

    fn field_at(kind: BlockKind, path: &str) -> Field {
        fields(kind)
            .into_iter()
            .find(|f| f.path == path)
            .expect("the table lists it")
    }

    fn refusal(design: &Design, id: &str, path: &str, text: &str) -> String {
        let id = BlockId::from(id);
        let kind = design.block(&id).expect("the block exists").kind();
        try_set(design, &id, &field_at(kind, path), text).expect_err("refused")
    }

    #[test]
    fn valid_values_change_the_settings_and_invalid_ones_say_why() {
        let design = design();
        let app = BlockId::from("app");
        let instances = field_at(BlockKind::App, "capacity.instances");
        let BlockParams::App(params) = try_set(&design, &app, &instances, "6").unwrap() else {
            panic!("app settings");
        };
        assert_eq!(params.capacity.instances, 6);
        assert_eq!(
            refusal(&design, "app", "capacity.instances", "0"),
            "0 is out of range (expected 1 to 1000)"
        );
        assert_eq!(
            refusal(&design, "app", "capacity.workers", "0"),
            "a block needs at least one worker"
        );
        let workers = field_at(BlockKind::App, "capacity.workers");
        assert!(try_set(&design, &app, &workers, "").is_ok());
    }

    #[test]
    fn whole_numbers_are_refused_with_the_fields_real_range() {
        let design = design();
        let instances = |text| refusal(&design, "app", "capacity.instances", text);
        assert_eq!(
            instances("-1"),
            "'-1' is not a whole number (expected 1 to 1000)"
        );
        assert_eq!(
            instances("2.5"),
            "'2.5' is not a whole number (expected 1 to 1000)"
        );
        assert_eq!(
            instances("many"),
            "'many' is not a whole number (expected 1 to 1000)"
        );
        // Too large for the engine's type, or for any type.
        assert_eq!(
            instances("99999999999"),
            "'99999999999' is out of range (expected 1 to 1000)"
        );
        assert_eq!(
            instances("99999999999999999999999"),
            "'99999999999999999999999' is out of range (expected 1 to 1000)"
        );
        assert_eq!(
            refusal(&design, "db", "replicas", "-1"),
            "'-1' is not a whole number (expected 0 to 64)"
        );
        assert_eq!(
            refusal(&design, "app", "capacity.workers", "-1"),
            "'-1' is not a whole number (expected 1 or more, or empty for unlimited)"
        );
        assert_eq!(
            refusal(&design, "app", "capacity.instances", ""),
            "enter a whole number"
        );
    }

    #[test]
    fn percent_fields_are_refused_in_percent() {
        let design = design();
        assert_eq!(
            refusal(&design, "cdn", "hit_ratio", "1000000"),
            "1000000% is out of range (expected 0 to 100%)"
        );
    }

    #[test]
    fn a_refusal_about_another_setting_names_it() {
        let mut design = design();
        let app = BlockId::from("app");
        let constant = field_at(BlockKind::App, "capacity.service.dist");
        let mean = field_at(BlockKind::App, "capacity.service.mean_ms");
        design.blocks[0].params = try_set(&design, &app, &constant, "constant").unwrap();
        design.blocks[0].params = try_set(&design, &app, &mean, "0").unwrap();
        assert_eq!(
            refusal(&design, "app", "capacity.service.dist", "exponential"),
            "Compute per request: mean: 0 is out of range (expected above 0, at most one hour) \
             for exponential"
        );
    }

    #[test]
    fn switching_to_lognormal_brings_a_p99() {
        let design = design();
        let db = BlockId::from("db");
        let shape = field_at(BlockKind::Database, "read.dist");
        let BlockParams::Database(params) = try_set(&design, &db, &shape, "lognormal").unwrap()
        else {
            panic!("database settings");
        };
        assert_eq!(params.read.p99_ms, Some(20.0));
    }
}
