//! The design file: the versioned JSON document that both the CLI and the
//! page read and write, and its conversion to and from typed Rust values.
//!
//! Loading goes `text -> RawDesign -> Design`: serde reads a mirror of the
//! file whose block settings are still untyped, then each block's `kind`
//! picks the struct its `params` are read into. Every problem is collected
//! with the path it concerns (`blocks[3].params.capacity.workers`), so the
//! user sees them all at once. [`Design::validate`] then checks what serde
//! cannot: ranges, links and request loops.

mod limit;
mod params;
mod validate;

pub use validate::{
    may_call, MAX_CACHED_KEYS, MAX_INSTANCES, MAX_KEYS, MAX_MIX_WEIGHT, MAX_NAME_CHARS,
    MAX_RATE_RPS, MIN_ZONE_SIZE,
};

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use limit::Limit;
pub use params::*;

/// The newest file version this build reads and the one it writes.
pub const VERSION: u32 = 1;

/// A block's stable id: links, timelines and reports refer to blocks by it.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct BlockId(pub String);

impl BlockId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for BlockId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for BlockId {
    fn from(id: &str) -> Self {
        BlockId(id.to_owned())
    }
}

/// What a block is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BlockKind {
    /// The traffic source.
    Users,
    /// A content delivery network.
    Cdn,
    /// An API gateway.
    Gateway,
    /// A load balancer.
    LoadBalancer,
    /// Application servers.
    App,
    /// A cache (Redis, Memcached).
    Cache,
    /// A database.
    Database,
    /// An availability zone.
    Zone,
}

impl BlockKind {
    /// Every kind, in palette order.
    pub const ALL: [BlockKind; 8] = [
        BlockKind::Users,
        BlockKind::Cdn,
        BlockKind::Gateway,
        BlockKind::LoadBalancer,
        BlockKind::App,
        BlockKind::Cache,
        BlockKind::Database,
        BlockKind::Zone,
    ];

    /// The name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Users => "users",
            BlockKind::Cdn => "cdn",
            BlockKind::Gateway => "gateway",
            BlockKind::LoadBalancer => "load_balancer",
            BlockKind::App => "app",
            BlockKind::Cache => "cache",
            BlockKind::Database => "database",
            BlockKind::Zone => "zone",
        }
    }

    /// The kind named `name` in a file.
    pub fn parse(name: &str) -> Option<BlockKind> {
        BlockKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == name)
    }

    /// A name for people.
    pub fn label(self) -> &'static str {
        match self {
            BlockKind::Users => "Users",
            BlockKind::Cdn => "CDN",
            BlockKind::Gateway => "API gateway",
            BlockKind::LoadBalancer => "Load balancer",
            BlockKind::App => "App servers",
            BlockKind::Cache => "Cache",
            BlockKind::Database => "Database",
            BlockKind::Zone => "Availability zone",
        }
    }

    /// Default settings for a new block of this kind.
    pub fn default_params(self) -> BlockParams {
        match self {
            BlockKind::Users => BlockParams::Users(UsersParams::default()),
            BlockKind::Cdn => BlockParams::Cdn(CdnParams::default()),
            BlockKind::Gateway => BlockParams::Gateway(GatewayParams::default()),
            BlockKind::LoadBalancer => BlockParams::LoadBalancer(LoadBalancerParams::default()),
            BlockKind::App => BlockParams::App(AppParams::default()),
            BlockKind::Cache => BlockParams::Cache(CacheParams::default()),
            BlockKind::Database => BlockParams::Database(DatabaseParams::default()),
            BlockKind::Zone => BlockParams::Zone(ZoneParams::default()),
        }
    }
}

impl fmt::Display for BlockKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A block's settings; the variant is its kind.
#[derive(Clone, Debug, PartialEq)]
#[allow(missing_docs)]
pub enum BlockParams {
    Users(UsersParams),
    Cdn(CdnParams),
    Gateway(GatewayParams),
    LoadBalancer(LoadBalancerParams),
    App(AppParams),
    Cache(CacheParams),
    Database(DatabaseParams),
    Zone(ZoneParams),
}

impl BlockParams {
    /// The kind these settings belong to.
    pub fn kind(&self) -> BlockKind {
        match self {
            BlockParams::Users(_) => BlockKind::Users,
            BlockParams::Cdn(_) => BlockKind::Cdn,
            BlockParams::Gateway(_) => BlockKind::Gateway,
            BlockParams::LoadBalancer(_) => BlockKind::LoadBalancer,
            BlockParams::App(_) => BlockKind::App,
            BlockParams::Cache(_) => BlockKind::Cache,
            BlockParams::Database(_) => BlockKind::Database,
            BlockParams::Zone(_) => BlockKind::Zone,
        }
    }

    fn to_value(&self) -> Value {
        let value = match self {
            BlockParams::Users(params) => serde_json::to_value(params),
            BlockParams::Cdn(params) => serde_json::to_value(params),
            BlockParams::Gateway(params) => serde_json::to_value(params),
            BlockParams::LoadBalancer(params) => serde_json::to_value(params),
            BlockParams::App(params) => serde_json::to_value(params),
            BlockParams::Cache(params) => serde_json::to_value(params),
            BlockParams::Database(params) => serde_json::to_value(params),
            BlockParams::Zone(params) => serde_json::to_value(params),
        };
        // Plain structs of numbers, strings and enums always convert.
        value.expect("block settings serialize to JSON")
    }

    /// The settings of a block of `kind`, or every problem with them: each
    /// value serde refuses is reported, then left out, and the rest read
    /// again, so a file with three bad values gets three messages (in the
    /// order of their keys).
    fn from_value(kind: BlockKind, mut value: Value) -> Result<BlockParams, Vec<(String, String)>> {
        /// More bad values than this in one block are not worth listing.
        const MOST_PROBLEMS: usize = 32;
        let mut problems: Vec<(String, String)> = Vec::new();
        loop {
            let (path, message) = match BlockParams::read(kind, value.clone()) {
                Ok(params) if problems.is_empty() => return Ok(params),
                Ok(_) => return Err(problems),
                Err(problem) => problem,
            };
            let repeated = problems.iter().any(|(seen, _)| *seen == path);
            let removed = !repeated && remove_at(&mut value, &path);
            problems.push((path, message));
            if !removed || problems.len() >= MOST_PROBLEMS {
                return Err(problems);
            }
        }
    }

    fn read(kind: BlockKind, value: Value) -> Result<BlockParams, (String, String)> {
        fn read<T: serde::de::DeserializeOwned>(value: Value) -> Result<T, (String, String)> {
            serde_path_to_error::deserialize(value).map_err(|error| {
                let path = error.path().to_string();
                let path = if path == "." { String::new() } else { path };
                (path, plain_serde_message(&error.into_inner().to_string()))
            })
        }
        Ok(match kind {
            BlockKind::Users => BlockParams::Users(read(value)?),
            BlockKind::Cdn => BlockParams::Cdn(read(value)?),
            BlockKind::Gateway => BlockParams::Gateway(read(value)?),
            BlockKind::LoadBalancer => BlockParams::LoadBalancer(read(value)?),
            BlockKind::App => BlockParams::App(read(value)?),
            BlockKind::Cache => BlockParams::Cache(read(value)?),
            BlockKind::Database => BlockParams::Database(read(value)?),
            BlockKind::Zone => BlockParams::Zone(read(value)?),
        })
    }
}

/// Removes the value at `path` (`capacity.workers`, `calls.read[1]`, as
/// serde_path_to_error writes it) from `value`; false when there is none.
fn remove_at(value: &mut Value, path: &str) -> bool {
    let mut steps: Vec<&str> = path
        .split(['.', '['])
        .map(|step| step.trim_end_matches(']'))
        .filter(|step| !step.is_empty())
        .collect();
    let Some(last) = steps.pop() else {
        return false;
    };
    let mut node = value;
    for step in steps {
        let next = match node {
            Value::Object(map) => map.get_mut(step),
            Value::Array(items) => step.parse::<usize>().ok().and_then(|i| items.get_mut(i)),
            _ => None,
        };
        let Some(next) = next else {
            return false;
        };
        node = next;
    }
    match node {
        Value::Object(map) => map.remove(last).is_some(),
        Value::Array(items) => match last.parse::<usize>() {
            Ok(i) if i < items.len() => {
                items.remove(i);
                true
            }
            _ => false,
        },
        _ => false,
    }
}

/// One block of a design.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    /// Stable id.
    pub id: BlockId,
    /// Display name.
    pub name: String,
    /// The zone block this one sits in.
    pub zone: Option<BlockId>,
    /// Position on the canvas (left edge).
    pub x: f64,
    /// Position on the canvas (top edge).
    pub y: f64,
    /// Kind and settings.
    pub params: BlockParams,
}

impl Block {
    /// A block of `kind` with default settings.
    pub fn new(id: &str, kind: BlockKind) -> Block {
        Block {
            id: BlockId::from(id),
            name: kind.label().to_owned(),
            zone: None,
            x: 0.0,
            y: 0.0,
            params: kind.default_params(),
        }
    }

    /// The block's kind.
    pub fn kind(&self) -> BlockKind {
        self.params.kind()
    }
}

/// A caller-to-callee connection: `from` sends requests to `to`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// The calling block.
    pub from: BlockId,
    /// The called block.
    pub to: BlockId,
}

impl Link {
    /// A link from `from` to `to`.
    pub fn new(from: &str, to: &str) -> Link {
        Link {
            from: BlockId::from(from),
            to: BlockId::from(to),
        }
    }
}

/// A whole design: blocks and the links between them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Design {
    /// A title.
    pub name: String,
    /// Blocks, in file order.
    pub blocks: Vec<Block>,
    /// Links, in file order.
    pub links: Vec<Link>,
}

/// One thing wrong with a design, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where in the file: `blocks[3].params.capacity.workers`, or empty for
    /// the whole file.
    pub path: String,
    /// The block concerned, when there is one.
    pub block: Option<BlockId>,
    /// What is wrong, and a fix when one is likely.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Why a design cannot be loaded or run: every problem found, in file order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DesignError {
    /// The problems; never empty.
    pub problems: Vec<Problem>,
}

impl fmt::Display for DesignError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (idx, problem) in self.problems.iter().enumerate() {
            if idx > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for DesignError {}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDesign {
    version: u32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    name: String,
    blocks: Vec<RawBlock>,
    #[serde(default)]
    links: Vec<Link>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBlock {
    id: String,
    kind: String,
    #[serde(default)]
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    zone: Option<String>,
    #[serde(default)]
    x: f64,
    #[serde(default)]
    y: f64,
    #[serde(default)]
    params: Value,
}

/// Just the version, read first so that a newer file gets a message about
/// its version rather than about the fields this build does not know.
#[derive(Deserialize)]
struct VersionProbe {
    version: Option<Value>,
}

/// Serde's message with Rust's type names put in words: "expected u32"
/// becomes "expected a whole number".
fn plain_serde_message(message: &str) -> String {
    const WORDS: [(&str, &str); 6] = [
        ("expected u32", "expected a whole number"),
        ("expected u64", "expected a whole number"),
        ("expected u8", "expected a whole number"),
        ("expected f64", "expected a number"),
        ("expected a string", "expected text in quotes"),
        ("expected a boolean", "expected true or false"),
    ];
    WORDS.iter().fold(message.to_owned(), |text, (from, to)| {
        text.replace(from, to)
    })
}

/// What is wrong with `text`, which is not a JSON object with a version:
/// not JSON at all (serde's message has the line and column), or JSON of
/// another shape.
fn not_a_design(text: &str, error: &serde_json::Error) -> String {
    if error.is_syntax() || error.is_eof() {
        return format!("not valid JSON: {error}");
    }
    let shape = match serde_json::from_str::<Value>(text) {
        Ok(Value::Array(_)) => "an array",
        Ok(Value::String(_)) => "a string",
        Ok(Value::Number(_)) => "a number",
        Ok(Value::Bool(_)) => "true or false",
        Ok(Value::Null) => "null",
        Ok(Value::Object(_)) | Err(_) => return error.to_string(),
    };
    format!(
        "a design file is a JSON object ({{ \"version\": {VERSION}, \"blocks\": [...], \
         \"links\": [...] }}), not {shape}"
    )
}

impl Design {
    /// Reads a design file, upgrading older versions, and checks it.
    pub fn from_json(text: &str) -> Result<Design, DesignError> {
        let design = Design::parse_json(text)?;
        let problems = design.validate();
        if problems.is_empty() {
            Ok(design)
        } else {
            Err(DesignError { problems })
        }
    }

    /// Reads a design file without checking ranges and links: what an
    /// editor opens so the user can fix it.
    pub fn parse_json(text: &str) -> Result<Design, DesignError> {
        let fail = |path: String, message: String| DesignError {
            problems: vec![Problem {
                path,
                block: None,
                message,
            }],
        };

        match serde_json::from_str::<VersionProbe>(text) {
            Err(error) => return Err(fail(String::new(), not_a_design(text, &error))),
            Ok(VersionProbe { version: None }) => {
                return Err(fail(
                    "version".into(),
                    format!("missing: a design file starts with \"version\": {VERSION}"),
                ))
            }
            Ok(VersionProbe {
                version: Some(version),
            }) => match version.as_u64() {
                Some(version) if (1..=u64::from(VERSION)).contains(&version) => {}
                Some(version) if version > u64::from(VERSION) => {
                    return Err(fail(
                        "version".into(),
                        format!(
                            "this file is version {version}, made by a newer sdplay; \
                             this one reads versions up to {VERSION}"
                        ),
                    ))
                }
                _ => {
                    let expected = if VERSION == 1 {
                        "the number 1".to_owned()
                    } else {
                        format!("a whole number from 1 to {VERSION}")
                    };
                    return Err(fail(
                        "version".into(),
                        format!("{version} is not a version (expected {expected})"),
                    ));
                }
            },
        }

        let mut deserializer = serde_json::Deserializer::from_str(text);
        let raw: RawDesign =
            serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
                let path = error.path().to_string();
                fail(
                    if path == "." { String::new() } else { path },
                    plain_serde_message(&error.into_inner().to_string()),
                )
            })?;
        Design::from_raw(raw)
    }

    fn from_raw(raw: RawDesign) -> Result<Design, DesignError> {
        let mut problems = Vec::new();
        let mut blocks = Vec::with_capacity(raw.blocks.len());
        for (idx, raw_block) in raw.blocks.into_iter().enumerate() {
            let block_id = BlockId(raw_block.id.clone());
            let Some(kind) = BlockKind::parse(&raw_block.kind) else {
                let expected: Vec<&str> = BlockKind::ALL.iter().map(|kind| kind.as_str()).collect();
                problems.push(Problem {
                    path: format!("blocks[{idx}].kind"),
                    block: Some(block_id),
                    message: format!(
                        "unknown block kind '{}' (expected one of: {})",
                        raw_block.kind,
                        expected.join(", ")
                    ),
                });
                continue;
            };
            let value = match raw_block.params {
                Value::Null => Value::Object(Default::default()),
                value => value,
            };
            let params = match BlockParams::from_value(kind, value) {
                Ok(params) => params,
                Err(found) => {
                    for (path, message) in found {
                        let separator = if path.is_empty() { "" } else { "." };
                        problems.push(Problem {
                            path: format!("blocks[{idx}].params{separator}{path}"),
                            block: Some(block_id.clone()),
                            message,
                        });
                    }
                    continue;
                }
            };
            let name = if raw_block.name.is_empty() {
                kind.label().to_owned()
            } else {
                raw_block.name
            };
            blocks.push(Block {
                id: block_id,
                name,
                zone: raw_block.zone.map(BlockId),
                x: raw_block.x,
                y: raw_block.y,
                params,
            });
        }
        if problems.is_empty() {
            Ok(Design {
                name: raw.name,
                blocks,
                links: raw.links,
            })
        } else {
            Err(DesignError { problems })
        }
    }

    /// The design as a pretty-printed file of the current version.
    pub fn to_json(&self) -> String {
        let raw = RawDesign {
            version: VERSION,
            name: self.name.clone(),
            blocks: self
                .blocks
                .iter()
                .map(|block| RawBlock {
                    id: block.id.0.clone(),
                    kind: block.kind().as_str().to_owned(),
                    name: block.name.clone(),
                    zone: block.zone.as_ref().map(|zone| zone.0.clone()),
                    x: block.x,
                    y: block.y,
                    params: block.params.to_value(),
                })
                .collect(),
            links: self.links.clone(),
        };
        serde_json::to_string_pretty(&raw).expect("a design serializes to JSON")
    }

    /// The block with this id.
    pub fn block(&self, id: &BlockId) -> Option<&Block> {
        self.blocks.iter().find(|block| &block.id == id)
    }

    /// The index of the block with this id.
    pub fn block_index(&self, id: &BlockId) -> Option<usize> {
        self.blocks.iter().position(|block| &block.id == id)
    }

    /// The blocks `id` sends requests to, in link order.
    pub fn downstream<'a>(&'a self, id: &'a BlockId) -> impl Iterator<Item = &'a BlockId> + 'a {
        self.links
            .iter()
            .filter(move |link| &link.from == id)
            .map(|link| &link.to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        match Design::from_json(text) {
            Ok(_) => Vec::new(),
            Err(error) => error.problems.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn a_design_round_trips_through_json() {
        let text = r#"{ "version": 1, "name": "t",
            "blocks": [
              { "id": "u", "kind": "users", "params": { "rate_rps": 5 } },
              { "id": "a", "kind": "app", "x": 10, "y": 20,
                "params": { "capacity": { "workers": "unlimited" } } } ],
            "links": [ { "from": "u", "to": "a" } ] }"#;
        let design = Design::from_json(text).expect("valid design");
        assert_eq!(design.blocks[1].name, "App servers");
        let again = Design::from_json(&design.to_json()).expect("valid again");
        assert_eq!(design, again);
    }

    #[test]
    fn unknown_kinds_and_bad_settings_are_all_reported_with_their_place() {
        let found = problems(
            r#"{ "version": 1, "blocks": [
              { "id": "c", "kind": "cach" },
              { "id": "a", "kind": "app", "params": { "capacity": { "worker": 3 } } },
              { "id": "b", "kind": "app", "params": { "capacity": { "workers": -2 } } } ] }"#,
        );
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found[0]
            .starts_with("blocks[0].kind: unknown block kind 'cach' (expected one of: users,"));
        assert!(found[1].starts_with("blocks[1].params.capacity.worker: unknown field `worker`, expected one of `instances`, `workers`"), "{}", found[1]);
        assert!(
            found[2].starts_with("blocks[2].params.capacity.workers: -2 is negative"),
            "{}",
            found[2]
        );
    }

    #[test]
    fn syntax_errors_give_line_and_column() {
        let found = problems("{ \"version\": 1,\n \"blocks\": [ }");
        assert_eq!(found.len(), 1);
        assert!(found[0].contains("line 2 column"), "{}", found[0]);
    }

    #[test]
    fn every_value_serde_refuses_is_listed() {
        let found = problems(
            r#"{ "version": 1, "blocks": [
                { "id": "a", "kind": "app", "params": { "capacity": {
                    "instances": "two", "workers": 1e308, "queue_limit": 1.5 } } },
                { "id": "b", "kind": "cache", "params": { "max_keys": -3 } } ] }"#,
        );
        assert_eq!(
            found,
            [
                "blocks[0].params.capacity.instances: invalid type: string \"two\", expected a whole number",
                "blocks[0].params.capacity.queue_limit: 1.5 is not a whole number of at least 0",
                "blocks[0].params.capacity.workers: 1e308 is too large (at most 4294967295, or \"unlimited\")",
                "blocks[1].params.max_keys: invalid value: integer `-3`, expected a whole number",
            ]
        );
    }

    #[test]
    fn removing_by_path_reaches_into_objects_and_arrays() {
        let mut value: Value =
            serde_json::from_str(r#"{ "a": { "b": [1, { "c": 2 }] } }"#).unwrap();
        assert!(remove_at(&mut value, "a.b[1].c"));
        assert!(remove_at(&mut value, "a.b[0]"));
        assert!(!remove_at(&mut value, "a.x.y"));
        assert!(!remove_at(&mut value, ""));
        assert_eq!(value.to_string(), r#"{"a":{"b":[{}]}}"#);
    }

    #[test]
    fn versions_are_checked_first() {
        assert!(problems(r#"{ "blocks": [] }"#)[0].starts_with("version: missing"));
        let newer = problems(r#"{ "version": 9, "blocks": [], "future": true }"#);
        assert!(newer[0].contains("made by a newer sdplay"), "{newer:?}");
        assert!(problems(r#"{ "version": "one", "blocks": [] }"#)[0].contains("is not a version"));
    }
}
