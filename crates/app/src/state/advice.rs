//! Advisories: designs that run, but would not work as drawn in a real
//! system, because the engine does not model that part yet. They are not
//! problems: the design still runs, and the inspector shows them beside
//! the block's settings.
//!
//! FIXME: remove the pool advisory once the engine holds pooled connections
//! open against the database's `max_connections` (today only calls in
//! flight count against it, so an oversized pool never fails).

use sdplay_sim::design::{Connections, Limit};
use sdplay_sim::{BlockId, BlockKind, BlockParams, Design};

/// The apps whose connection pools call database `db` directly, and how
/// many connections they hold together (instances x pool size, summed).
#[derive(Clone, Debug, PartialEq)]
pub struct PooledConnections {
    /// The names of the apps, in design order.
    pub apps: Vec<String>,
    pub connections: u64,
}

/// The connections the pools of the apps linked to `db` hold.
pub fn pooled_connections(design: &Design, db: &BlockId) -> PooledConnections {
    let mut pooled = PooledConnections {
        apps: Vec::new(),
        connections: 0,
    };
    for block in &design.blocks {
        let BlockParams::App(app) = &block.params else {
            continue;
        };
        let Connections::Pool { size, .. } = app.connections else {
            continue;
        };
        if design.downstream(&block.id).any(|to| to == db) {
            pooled.apps.push(block.name.clone());
            pooled.connections += u64::from(app.capacity.instances) * u64::from(size);
        }
    }
    pooled
}

/// Why the pools that call `db` could not all open, if they could not.
fn pool_advice(design: &Design, db: &BlockId) -> Option<String> {
    let block = design.block(db)?;
    let BlockParams::Database(params) = &block.params else {
        return None;
    };
    let Limit::At(limit) = params.max_connections else {
        return None;
    };
    let pooled = pooled_connections(design, db);
    if pooled.connections <= u64::from(limit) {
        return None;
    }
    Some(format!(
        "The pools of {} hold {} connections (instances × pool size); {} accepts {} per node: \
         a real pool could not open them all. The simulation does not model this yet",
        names(&pooled.apps),
        crate::format::count(pooled.connections as f64),
        block.name,
        crate::format::count(f64::from(limit)),
    ))
}

/// "A", "A and B", "A, B and C".
fn names(list: &[String]) -> String {
    match list {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The advisories for block `id`: for a database, about the pools that
/// call it; for an app, about the databases its pool calls.
pub fn advice_for(design: &Design, id: &BlockId) -> Vec<String> {
    let Some(block) = design.block(id) else {
        return Vec::new();
    };
    match block.kind() {
        BlockKind::Database => pool_advice(design, id).into_iter().collect(),
        BlockKind::App => design
            .downstream(id)
            .filter_map(|to| pool_advice(design, to))
            .collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sdplay_sim::{Block, Link};

    /// Two apps of `instances` each calling one database (max 100).
    fn design(instances: u32, pool: u32) -> Design {
        let mut blocks = Vec::new();
        for (id, name) in [("web", "Web servers"), ("jobs", "Workers")] {
            let mut app = Block::new(id, BlockKind::App);
            app.name = name.into();
            if let BlockParams::App(params) = &mut app.params {
                params.capacity.instances = instances;
                params.connections = Connections::Pool {
                    size: pool,
                    wait_timeout_ms: 1_000.0,
                };
            }
            blocks.push(app);
        }
        let mut db = Block::new("db", BlockKind::Database);
        db.name = "PostgreSQL".into();
        blocks.push(db);
        Design {
            name: String::new(),
            blocks,
            links: vec![Link::new("web", "db"), Link::new("jobs", "db")],
        }
    }

    #[test]
    fn pools_are_summed_over_the_apps_that_call_the_database() {
        let design = design(25, 10);
        assert_eq!(
            pooled_connections(&design, &BlockId::from("db")),
            PooledConnections {
                apps: vec!["Web servers".into(), "Workers".into()],
                connections: 500,
            }
        );
        let advice = advice_for(&design, &BlockId::from("db"));
        assert_eq!(advice.len(), 1);
        assert!(
            advice[0].starts_with(
                "The pools of Web servers and Workers hold 500 connections \
                 (instances × pool size); PostgreSQL accepts 100 per node"
            ),
            "{}",
            advice[0]
        );
        // Each app hears of it too.
        assert_eq!(advice_for(&design, &BlockId::from("web")), advice);
    }

    #[test]
    fn pools_within_the_limit_or_per_request_connections_are_fine() {
        let design = design(5, 10);
        assert!(advice_for(&design, &BlockId::from("db")).is_empty());

        let mut design = design;
        for block in &mut design.blocks {
            if let BlockParams::App(params) = &mut block.params {
                params.capacity.instances = 50;
                params.connections = Connections::PerRequest { connect_ms: 5.0 };
            }
        }
        assert!(advice_for(&design, &BlockId::from("db")).is_empty());

        let mut design = self::design(50, 10);
        if let Some(BlockParams::Database(db)) =
            design.blocks.last_mut().map(|block| &mut block.params)
        {
            db.max_connections = Limit::Unlimited;
        }
        assert!(advice_for(&design, &BlockId::from("db")).is_empty());
    }

    #[test]
    fn only_direct_callers_count() {
        let mut design = design(50, 10);
        design.links.retain(|link| link.from != "jobs".into());
        assert_eq!(
            pooled_connections(&design, &BlockId::from("db")).connections,
            500
        );
    }
}
