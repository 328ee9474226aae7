//! Checks serde cannot make: ranges, ids, links that make sense, request
//! loops. Every problem is collected, so the user sees them all at once.

use std::collections::{BTreeMap, BTreeSet};

use super::{
    Autoscale, BlockId, BlockKind, BlockParams, CacheMode, CapacitySpec, Connections, Design, Dist,
    Limit, Lookup, Pattern, Problem, ServiceSpec,
};

/// One hour [ms]: the longest timeout or latency a setting may have.
const HOUR_MS: f64 = 3_600_000.0;
use crate::dist::{LogNormalError, ServiceTime};

/// The most instances or replicas one block may have.
pub const MAX_INSTANCES: u32 = 1_000;
/// The largest key space a users block may draw from.
pub const MAX_KEYS: u32 = 1_000_000_000;
/// The most keys an LRU cache may hold: each is stored, so memory grows
/// with it.
pub const MAX_CACHED_KEYS: u32 = 2_000_000;
/// The highest request rate a users block may ask for [req/s]: every
/// request is simulated, and a busy design at this rate is about as much as
/// a browser tab can run in real time.
pub const MAX_RATE_RPS: f64 = 1_000_000.0;
/// The largest weight of one class in a request mix (weights are relative).
pub const MAX_MIX_WEIGHT: f64 = 1_000_000.0;
/// The most characters a block's display name may have.
pub const MAX_NAME_CHARS: usize = 60;
/// The smallest width and height of a zone [px]: room for one block.
pub const MIN_ZONE_SIZE: f64 = 120.0;

/// A number for a message: plain when it reads well, else in scientific
/// notation, so 1e308 does not print as 309 digits.
pub(crate) fn number(value: f64) -> String {
    let magnitude = value.abs();
    if value.is_finite() && magnitude != 0.0 && !(1e-6..1e12).contains(&magnitude) {
        format!("{value:e}")
    } else {
        format!("{value}")
    }
}

/// Which kinds a block of `from` may send requests to.
pub fn may_call(from: BlockKind, to: BlockKind) -> bool {
    use BlockKind::*;
    match from {
        Users => matches!(to, Cdn | Gateway | LoadBalancer | App),
        Cdn => matches!(to, Gateway | LoadBalancer | App),
        Gateway => matches!(to, LoadBalancer | App),
        LoadBalancer => matches!(to, App),
        App => matches!(to, Cache | Database | LoadBalancer | App | Gateway),
        Cache => matches!(to, Database),
        Database | Zone => false,
    }
}

/// What `from` may call, for messages.
fn callable(from: BlockKind) -> String {
    let names: Vec<&str> = BlockKind::ALL
        .into_iter()
        .filter(|to| may_call(from, *to))
        .map(BlockKind::as_str)
        .collect();
    if names.is_empty() {
        format!("a {from} block calls nothing")
    } else {
        format!("a {from} block may call: {}", names.join(", "))
    }
}

struct Checker<'a> {
    design: &'a Design,
    problems: Vec<Problem>,
}

impl<'a> Checker<'a> {
    fn report(&mut self, path: String, block: Option<&BlockId>, message: String) {
        self.problems.push(Problem {
            path,
            block: block.cloned(),
            message,
        });
    }

    fn ids(&mut self) -> BTreeMap<&'a BlockId, usize> {
        let mut seen = BTreeMap::new();
        let design = self.design;
        for (idx, block) in design.blocks.iter().enumerate() {
            let id = block.id.as_str();
            let path = format!("blocks[{idx}].id");
            if id.is_empty() || id.len() > 64 {
                self.report(path, Some(&block.id), "an id has 1 to 64 characters".into());
            } else if !id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            {
                self.report(
                    path,
                    Some(&block.id),
                    format!("'{id}' has characters other than letters, digits, '_' and '-'"),
                );
            } else if let Some(first) = seen.insert(&block.id, idx) {
                self.report(
                    path,
                    Some(&block.id),
                    format!("'{id}' is already the id of blocks[{first}]"),
                );
            }
            let name_chars = block.name.chars().count();
            if name_chars > MAX_NAME_CHARS {
                self.report(
                    format!("blocks[{idx}].name"),
                    Some(&block.id),
                    format!("a name has at most {MAX_NAME_CHARS} characters (this one has {name_chars})"),
                );
            }
            if !block.x.is_finite() || !block.y.is_finite() {
                self.report(
                    format!("blocks[{idx}]"),
                    Some(&block.id),
                    "x and y must be finite numbers".into(),
                );
            }
        }
        seen
    }

    fn links(&mut self, ids: &BTreeMap<&BlockId, usize>) {
        let mut seen = BTreeSet::new();
        for (idx, link) in self.design.links.iter().enumerate() {
            let path = format!("links[{idx}]");
            let mut kinds = [None, None];
            for (end, id) in [link.from.clone(), link.to.clone()].iter().enumerate() {
                match ids.get(id) {
                    Some(&block_idx) => kinds[end] = Some(self.design.blocks[block_idx].kind()),
                    None => self.report(
                        format!("{path}.{}", ["from", "to"][end]),
                        None,
                        format!("no block has the id '{id}'"),
                    ),
                }
            }
            let (Some(from), Some(to)) = (kinds[0], kinds[1]) else {
                continue;
            };
            if link.from == link.to {
                self.report(
                    path,
                    Some(&link.from),
                    format!("'{}' links to itself", link.from),
                );
            } else if !may_call(from, to) {
                self.report(
                    path,
                    Some(&link.from),
                    format!(
                        "'{}' ({from}) cannot send requests to '{}' ({to}): {}",
                        link.from,
                        link.to,
                        callable(from)
                    ),
                );
            } else if !seen.insert((&link.from, &link.to)) {
                self.report(
                    path,
                    Some(&link.from),
                    format!("'{}' is already linked to '{}'", link.from, link.to),
                );
            }
        }
    }

    /// How many links leave each block for each kind it calls.
    fn fan_out(&self, id: &BlockId) -> BTreeMap<BlockKind, usize> {
        let mut counts = BTreeMap::new();
        for to in self.design.downstream(id) {
            if let Some(block) = self.design.block(to) {
                *counts.entry(block.kind()).or_insert(0) += 1;
            }
        }
        counts
    }

    fn downstream_counts(&mut self) {
        for (idx, block) in self.design.blocks.iter().enumerate() {
            let counts = self.fan_out(&block.id);
            let total: usize = counts.values().sum();
            let path = format!("blocks[{idx}]");
            let kind = block.kind();
            let mut need = |ok: bool, what: &str| {
                if !ok {
                    self.problems.push(Problem {
                        path: path.clone(),
                        block: Some(block.id.clone()),
                        message: format!("'{}' ({kind}) {what}", block.id),
                    });
                }
            };
            match kind {
                BlockKind::Users | BlockKind::Cdn | BlockKind::Gateway => {
                    need(
                        total == 1,
                        &format!(
                            "needs exactly one link to the block it sends to (it has {total})"
                        ),
                    );
                }
                BlockKind::LoadBalancer => need(total >= 1, "needs a link to at least one backend"),
                BlockKind::App => {
                    for (callee, count) in &counts {
                        let one = matches!(callee, BlockKind::Cache | BlockKind::Database);
                        need(
                            !one || *count <= 1,
                            &format!("may call at most one {callee} (it calls {count})"),
                        );
                    }
                    let services: usize = counts
                        .iter()
                        .filter(|(callee, _)| {
                            !matches!(callee, BlockKind::Cache | BlockKind::Database)
                        })
                        .map(|(_, count)| count)
                        .sum();
                    need(
                        services <= 1,
                        &format!("may call at most one further service (it calls {services})"),
                    );
                }
                BlockKind::Cache => need(total <= 1, "may call at most one database"),
                BlockKind::Database | BlockKind::Zone => {}
            }
        }
    }

    /// Depth-first search for a request loop; reports each loop once.
    fn loops(&mut self, ids: &BTreeMap<&BlockId, usize>) {
        let n_blocks = self.design.blocks.len();
        let mut next: Vec<Vec<usize>> = vec![Vec::new(); n_blocks];
        for link in &self.design.links {
            if let (Some(&from), Some(&to)) = (ids.get(&link.from), ids.get(&link.to)) {
                if from != to {
                    next[from].push(to);
                }
            }
        }
        // 0 unvisited, 1 on the current path, 2 done.
        let mut state = vec![0u8; n_blocks];
        for start in 0..n_blocks {
            if state[start] != 0 {
                continue;
            }
            let mut path = vec![start];
            let mut cursor = vec![0usize];
            state[start] = 1;
            while let Some(&node) = path.last() {
                let edge = cursor[cursor.len() - 1];
                if let Some(&child) = next[node].get(edge) {
                    *cursor.last_mut().expect("cursor follows path") += 1;
                    if state[child] == 1 {
                        let from = path.iter().position(|&idx| idx == child).unwrap_or(0);
                        let cycle: Vec<&str> = path[from..]
                            .iter()
                            .chain(std::iter::once(&child))
                            .map(|&idx| self.design.blocks[idx].id.as_str())
                            .collect();
                        let block = self.design.blocks[child].id.clone();
                        self.report(
                            "links".into(),
                            Some(&block),
                            format!("request loop: {}", cycle.join(" -> ")),
                        );
                    } else if state[child] == 0 {
                        state[child] = 1;
                        path.push(child);
                        cursor.push(0);
                    }
                } else {
                    state[node] = 2;
                    path.pop();
                    cursor.pop();
                }
            }
        }
    }

    fn zones(&mut self, ids: &BTreeMap<&BlockId, usize>) {
        for (idx, block) in self.design.blocks.iter().enumerate() {
            let Some(zone) = &block.zone else { continue };
            let path = format!("blocks[{idx}].zone");
            match ids
                .get(zone)
                .map(|&zone_idx| self.design.blocks[zone_idx].kind())
            {
                None => self.report(
                    path,
                    Some(&block.id),
                    format!("no zone has the id '{zone}'"),
                ),
                Some(BlockKind::Zone) if block.kind() == BlockKind::Zone => {
                    self.report(path, Some(&block.id), "zones cannot be nested".into())
                }
                Some(BlockKind::Zone) => {}
                Some(kind) => self.report(
                    path,
                    Some(&block.id),
                    format!("'{zone}' is a {kind} block, not a zone"),
                ),
            }
        }
    }

    fn settings(&mut self) {
        for (idx, block) in self.design.blocks.iter().enumerate() {
            let mut field = Fields {
                path: format!("blocks[{idx}].params"),
                block: &block.id,
                problems: Vec::new(),
            };
            match &block.params {
                BlockParams::Users(users) => {
                    field.range("rate_rps", users.rate_rps, 0.0, MAX_RATE_RPS);
                    let mix = &users.mix;
                    field.range("mix.static", mix.static_assets, 0.0, MAX_MIX_WEIGHT);
                    field.range("mix.read", mix.read, 0.0, MAX_MIX_WEIGHT);
                    field.range("mix.write", mix.write, 0.0, MAX_MIX_WEIGHT);
                    if mix.static_assets + mix.read + mix.write <= 0.0 {
                        field.fail(
                            "mix",
                            "the request mix needs at least one positive share".into(),
                        );
                    }
                    if users.keys.count == 0 || users.keys.count > MAX_KEYS {
                        field.fail(
                            "keys.count",
                            format!(
                                "{} is out of range (expected 1 to {MAX_KEYS})",
                                users.keys.count
                            ),
                        );
                    }
                    field.range("keys.zipf", users.keys.zipf, 0.0, 5.0);
                    field.pattern(&users.pattern);
                }
                BlockParams::Cdn(cdn) => {
                    field.range("hit_ratio", cdn.hit_ratio, 0.0, 1.0);
                    field.capacity("capacity", &cdn.capacity);
                }
                BlockParams::Gateway(gateway) => {
                    field.capacity("capacity", &gateway.capacity);
                    if let Some(limit) = &gateway.rate_limit {
                        field.range("rate_limit.rate_rps", limit.rate_rps, 0.0, MAX_RATE_RPS);
                        if limit.burst == 0 {
                            field.fail("rate_limit.burst", "the burst must be at least 1".into());
                        }
                    }
                }
                BlockParams::LoadBalancer(lb) => field.capacity("capacity", &lb.capacity),
                BlockParams::App(app) => {
                    field.capacity("capacity", &app.capacity);
                    match &app.connections {
                        Connections::Pool {
                            size,
                            wait_timeout_ms,
                        } => {
                            if *size == 0 {
                                field.fail(
                                    "connections.size",
                                    "a pool needs at least one connection".into(),
                                );
                            }
                            field.range(
                                "connections.wait_timeout_ms",
                                *wait_timeout_ms,
                                0.0,
                                HOUR_MS,
                            );
                        }
                        Connections::PerRequest { connect_ms } => {
                            field.range("connections.connect_ms", *connect_ms, 0.0, HOUR_MS);
                        }
                    }
                    if let Some(scale) = &app.autoscale {
                        field.autoscale(scale, app.capacity.instances);
                    }
                    if let Some(calls) = &app.calls {
                        let linked: Vec<&BlockId> = self.design.downstream(&block.id).collect();
                        for (class, ids) in [
                            ("static", &calls.static_assets),
                            ("read", &calls.read),
                            ("write", &calls.write),
                        ] {
                            for (idx, id) in ids.iter().enumerate() {
                                if !linked.contains(&id) {
                                    field.fail(
                                        &format!("calls.{class}[{idx}]"),
                                        format!("'{}' calls '{id}', but there is no link from '{}' to '{id}'", block.id, block.id),
                                    );
                                }
                            }
                        }
                    }
                }
                BlockParams::Cache(cache) => {
                    field.range("hit_ratio", cache.hit_ratio, 0.0, 1.0);
                    if cache.lookup == Lookup::Lru && cache.max_keys == 0 {
                        field.fail("max_keys", "an LRU cache holds at least one key".into());
                    } else if cache.max_keys > MAX_CACHED_KEYS {
                        field.fail(
                            "max_keys",
                            format!(
                                "{} is out of range (at most {MAX_CACHED_KEYS}: every key is simulated)",
                                cache.max_keys
                            ),
                        );
                    }
                    field.range("ttl_s", cache.ttl_s, 0.0, 365.0 * 86_400.0);
                    field.range("flush_interval_ms", cache.flush_interval_ms, 1.0, HOUR_MS);
                    field.capacity("capacity", &cache.capacity);
                    let has_database = self.design.downstream(&block.id).any(|id| {
                        self.design
                            .block(id)
                            .is_some_and(|b| b.kind() == BlockKind::Database)
                    });
                    if cache.mode != CacheMode::CacheAside && !has_database {
                        field.fail(
                            "mode",
                            format!(
                                "a {} cache writes to a database: link '{}' to one",
                                cache.mode.as_str().replace('_', "-"),
                                block.id
                            ),
                        );
                    }
                }
                BlockParams::Database(db) => {
                    if db.replicas > 64 {
                        field.fail(
                            "replicas",
                            format!("{} is out of range (expected 0 to 64)", db.replicas),
                        );
                    }
                    if db.shards == 0 || db.shards > 256 {
                        field.fail(
                            "shards",
                            format!("{} is out of range (expected 1 to 256)", db.shards),
                        );
                    }
                    field.range("replication_lag_ms", db.replication_lag_ms, 0.0, HOUR_MS);
                    if db.max_connections == Limit::At(0) {
                        field.fail(
                            "max_connections",
                            "a database accepts at least one connection".into(),
                        );
                    }
                    field.workers("workers", db.workers);
                    field.service("read", &db.read);
                    field.service("write", &db.write);
                }
                BlockParams::Zone(zone) => {
                    field.range("width", zone.width, MIN_ZONE_SIZE, 100_000.0);
                    field.range("height", zone.height, MIN_ZONE_SIZE, 100_000.0);
                    field.range("cross_zone_ms", zone.cross_zone_ms, 0.0, 10_000.0);
                }
            }
            self.problems.append(&mut field.problems);
        }
    }
}

/// Range checks on one block's settings.
struct Fields<'a> {
    path: String,
    block: &'a BlockId,
    problems: Vec<Problem>,
}

impl Fields<'_> {
    fn fail(&mut self, field: &str, message: String) {
        self.problems.push(Problem {
            path: format!("{}.{field}", self.path),
            block: Some(self.block.clone()),
            message,
        });
    }

    fn range(&mut self, field: &str, value: f64, min: f64, max: f64) {
        if !value.is_finite() || value < min || value > max {
            self.fail(
                field,
                format!(
                    "{} is out of range (expected {} to {})",
                    number(value),
                    number(min),
                    number(max)
                ),
            );
        }
    }

    fn pattern(&mut self, pattern: &Pattern) {
        const DAY: f64 = 86_400.0;
        match pattern {
            Pattern::Constant => {}
            Pattern::Ramp {
                start_s,
                duration_s,
                from,
            } => {
                self.range("pattern.start_s", *start_s, 0.0, DAY);
                self.range("pattern.duration_s", *duration_s, 0.001, DAY);
                self.range("pattern.from", *from, 0.0, 1_000.0);
            }
            Pattern::Spike {
                at_s,
                duration_s,
                factor,
            } => {
                self.range("pattern.at_s", *at_s, 0.0, DAY);
                self.range("pattern.duration_s", *duration_s, 0.001, DAY);
                self.range("pattern.factor", *factor, 0.0, 1_000.0);
            }
            Pattern::Wave {
                period_s,
                amplitude,
            } => {
                self.range("pattern.period_s", *period_s, 0.001, DAY);
                self.range("pattern.amplitude", *amplitude, 0.0, 1.0);
            }
            Pattern::Steps { steps } => {
                if steps.is_empty() {
                    self.fail(
                        "pattern.steps",
                        "a steps pattern needs at least one step".into(),
                    );
                }
                for (idx, step) in steps.iter().enumerate() {
                    self.range(&format!("pattern.steps[{idx}].at_s"), step.at_s, 0.0, DAY);
                    self.range(
                        &format!("pattern.steps[{idx}].factor"),
                        step.factor,
                        0.0,
                        1_000.0,
                    );
                    if idx > 0 && step.at_s < steps[idx - 1].at_s {
                        self.fail(
                            &format!("pattern.steps[{idx}].at_s"),
                            "steps must be in time order".into(),
                        );
                    }
                }
            }
        }
    }

    fn autoscale(&mut self, scale: &Autoscale, instances: u32) {
        if scale.min == 0 || scale.min > scale.max || scale.max > MAX_INSTANCES {
            self.fail(
                "autoscale",
                format!(
                    "min {} and max {} must satisfy 1 <= min <= max <= {MAX_INSTANCES}",
                    scale.min, scale.max
                ),
            );
        } else if !(scale.min..=scale.max).contains(&instances) {
            self.fail(
                "capacity.instances",
                format!(
                    "{instances} instances is outside the auto-scaling range {} to {}",
                    scale.min, scale.max
                ),
            );
        }
        self.range(
            "autoscale.target_utilization",
            scale.target_utilization,
            0.05,
            1.0,
        );
        self.range("autoscale.window_s", scale.window_s, 1.0, 3_600.0);
        self.range("autoscale.cooldown_s", scale.cooldown_s, 0.0, 86_400.0);
        self.range("autoscale.boot_s", scale.boot_s, 0.0, 86_400.0);
    }

    fn workers(&mut self, field: &str, workers: Limit) {
        if workers == Limit::At(0) {
            self.fail(field, "a block needs at least one worker".into());
        }
    }

    fn service(&mut self, field: &str, service: &ServiceSpec) {
        let mean = service.mean_ms;
        let positive = service.dist != Dist::Constant;
        if !mean.is_finite() || mean < 0.0 || (positive && mean == 0.0) || mean > 3_600_000.0 {
            let least = if positive { "above 0" } else { "at least 0" };
            self.fail(
                &format!("{field}.mean_ms"),
                format!(
                    "{} is out of range (expected {least}, at most one hour)",
                    number(mean)
                ),
            );
            return;
        }
        match (service.dist, service.p99_ms) {
            (Dist::Lognormal, None) => self.fail(
                &format!("{field}.p99_ms"),
                "a lognormal service time needs its p99_ms".into(),
            ),
            (Dist::Lognormal, Some(p99)) => match ServiceTime::lognormal_ms(mean, p99) {
                Ok(_) => {}
                Err(LogNormalError::P99NotAboveMean) => self.fail(
                    &format!("{field}.p99_ms"),
                    format!(
                        "the p99 ({} ms) must be above the mean ({} ms)",
                        number(p99),
                        number(mean)
                    ),
                ),
                Err(LogNormalError::P99TooFar { max_ratio }) => self.fail(
                    &format!("{field}.p99_ms"),
                    format!(
                        "a lognormal p99 can be at most {max_ratio:.1} times its mean; \
                         {} ms is {} times {} ms",
                        number(p99),
                        number((p99 / mean * 10.0).round() / 10.0),
                        number(mean)
                    ),
                ),
            },
            (dist, Some(_)) => self.fail(
                &format!("{field}.p99_ms"),
                format!(
                    "p99_ms applies to lognormal service times only, not {}",
                    dist.as_str()
                ),
            ),
            (_, None) => {}
        }
    }

    fn capacity(&mut self, field: &str, capacity: &CapacitySpec) {
        if capacity.instances == 0 || capacity.instances > MAX_INSTANCES {
            self.fail(
                &format!("{field}.instances"),
                format!(
                    "{} is out of range (expected 1 to {MAX_INSTANCES})",
                    capacity.instances
                ),
            );
        }
        self.workers(&format!("{field}.workers"), capacity.workers);
        self.service(&format!("{field}.service"), &capacity.service);
    }
}

impl Design {
    /// Every problem that stops this design from running; empty when it
    /// can run.
    pub fn validate(&self) -> Vec<Problem> {
        let mut checker = Checker {
            design: self,
            problems: Vec::new(),
        };
        let ids = checker.ids();
        checker.settings();
        checker.links(&ids);
        checker.zones(&ids);
        checker.downstream_counts();
        checker.loops(&ids);
        checker.problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::{Block, Link};

    fn design(blocks: &[(&str, BlockKind)], links: &[(&str, &str)]) -> Design {
        Design {
            name: String::new(),
            blocks: blocks
                .iter()
                .map(|(id, kind)| Block::new(id, *kind))
                .collect(),
            links: links.iter().map(|(from, to)| Link::new(from, to)).collect(),
        }
    }

    fn messages(design: &Design) -> Vec<String> {
        design.validate().iter().map(ToString::to_string).collect()
    }

    #[test]
    fn names_mixes_and_zones_have_bounds_and_huge_numbers_print_short() {
        let mut bad = design(&[("u", BlockKind::Users), ("z", BlockKind::Zone)], &[]);
        bad.blocks[0].name = "n".repeat(61);
        if let BlockParams::Users(users) = &mut bad.blocks[0].params {
            users.mix.static_assets = 1e308;
            users.mix.read = 1e308;
        }
        if let BlockParams::Zone(zone) = &mut bad.blocks[1].params {
            zone.width = 119.0;
        }
        let found = messages(&bad);
        assert_eq!(
            found,
            [
                "blocks[0].name: a name has at most 60 characters (this one has 61)",
                "blocks[0].params.mix.static: 1e308 is out of range (expected 0 to 1000000)",
                "blocks[0].params.mix.read: 1e308 is out of range (expected 0 to 1000000)",
                "blocks[1].params.width: 119 is out of range (expected 120 to 100000)",
                "blocks[0]: 'u' (users) needs exactly one link to the block it sends to (it has 0)",
            ]
            .as_slice(),
            "{found:#?}"
        );
        assert_eq!(number(2.5e-7), "2.5e-7");
        assert_eq!(number(0.001), "0.001");
        assert_eq!(number(0.0), "0");
        assert_eq!(number(999_999_999_999.0), "999999999999");
    }

    #[test]
    fn a_sensible_chain_is_valid() {
        let chain = design(
            &[
                ("u", BlockKind::Users),
                ("lb", BlockKind::LoadBalancer),
                ("a", BlockKind::App),
                ("d", BlockKind::Database),
            ],
            &[("u", "lb"), ("lb", "a"), ("a", "d")],
        );
        assert_eq!(messages(&chain), Vec::<String>::new());
    }

    #[test]
    fn nonsense_links_and_loops_are_all_reported() {
        let broken = design(
            &[
                ("u", BlockKind::Users),
                ("d", BlockKind::Database),
                ("a", BlockKind::App),
                ("b", BlockKind::App),
            ],
            &[("u", "d"), ("a", "b"), ("b", "a"), ("a", "ghost")],
        );
        let found = messages(&broken);
        assert!(found.iter().any(|m| m.starts_with("links[0]: 'u' (users) cannot send requests to 'd' (database): a users block may call: cdn, gateway, load_balancer, app")), "{found:#?}");
        assert!(
            found
                .iter()
                .any(|m| m == "links[3].to: no block has the id 'ghost'"),
            "{found:#?}"
        );
        assert!(
            found
                .iter()
                .any(|m| m == "links: request loop: a -> b -> a"),
            "{found:#?}"
        );
    }

    #[test]
    fn out_of_range_settings_name_their_field() {
        let mut bad = design(&[("a", BlockKind::App)], &[]);
        if let BlockParams::App(app) = &mut bad.blocks[0].params {
            app.capacity.instances = 0;
            app.capacity.workers = Limit::At(0);
            app.capacity.service = ServiceSpec {
                dist: Dist::Lognormal,
                mean_ms: 10.0,
                p99_ms: Some(5.0),
            };
        }
        let found = messages(&bad);
        assert_eq!(
            found,
            [
                "blocks[0].params.capacity.instances: 0 is out of range (expected 1 to 1000)",
                "blocks[0].params.capacity.workers: a block needs at least one worker",
                "blocks[0].params.capacity.service.p99_ms: the p99 (5 ms) must be above the mean (10 ms)",
            ]
        );
    }

    #[test]
    fn duplicate_ids_and_bad_zones_are_reported() {
        let mut bad = design(
            &[
                ("a", BlockKind::App),
                ("a", BlockKind::App),
                ("z", BlockKind::Database),
            ],
            &[],
        );
        bad.blocks[0].zone = Some(BlockId::from("z"));
        let found = messages(&bad);
        assert!(
            found.contains(&"blocks[1].id: 'a' is already the id of blocks[0]".to_owned()),
            "{found:#?}"
        );
        assert!(
            found.contains(&"blocks[0].zone: 'z' is a database block, not a zone".to_owned()),
            "{found:#?}"
        );
    }
}
