//! The inspector: the selected block's name and every setting, with units
//! and a message beside a value that is not valid (the last valid value
//! stays in force); the links it makes; or, with nothing selected, what
//! keeps the design from running whole.

mod fields;
mod view;

pub use fields::{fields, Field, Input};
pub use view::Inspector;

use sdplay_sim::{BlockId, BlockKind, BlockParams, Design};
use serde_json::Value;

/// A block's settings as JSON, as in a design file.
pub fn params_value(params: &BlockParams) -> Value {
    let value = match params {
        BlockParams::Users(p) => serde_json::to_value(p),
        BlockParams::Cdn(p) => serde_json::to_value(p),
        BlockParams::Gateway(p) => serde_json::to_value(p),
        BlockParams::LoadBalancer(p) => serde_json::to_value(p),
        BlockParams::App(p) => serde_json::to_value(p),
        BlockParams::Cache(p) => serde_json::to_value(p),
        BlockParams::Database(p) => serde_json::to_value(p),
        BlockParams::Zone(p) => serde_json::to_value(p),
    };
    value.unwrap_or(Value::Null)
}

/// Settings of `kind` read from JSON, or what is wrong with them.
pub fn params_from_value(kind: BlockKind, value: Value) -> Result<BlockParams, String> {
    fn read<T: serde::de::DeserializeOwned>(value: Value) -> Result<T, String> {
        serde_json::from_value(value).map_err(|error| error.to_string())
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

/// The settings of block `id` with `field` set to what `text` says, when
/// that is valid; else the message to show beside the field. The engine's
/// validator has the last word, so its ranges and messages apply.
pub fn try_set(
    design: &Design,
    id: &BlockId,
    field: &Field,
    text: &str,
) -> Result<BlockParams, String> {
    let idx = design.block_index(id).ok_or("the block is gone")?;
    let block = &design.blocks[idx];
    let mut value = params_value(&block.params);
    let new = fields::parse(&field.input, text)?;
    fields::set(&mut value, &field.path, new);
    fields::fix_up(&mut value, &field.path);
    let params = params_from_value(block.kind(), value)?;

    let prefix = format!("blocks[{idx}].params");
    let settings_problems = |design: &Design| -> Vec<String> {
        design
            .validate()
            .into_iter()
            .filter(|p| p.path.starts_with(&prefix))
            .map(|p| p.message)
            .collect()
    };
    let before = settings_problems(design);
    let mut candidate = design.clone();
    candidate.blocks[idx].params = params.clone();
    match settings_problems(&candidate)
        .into_iter()
        .find(|message| !before.contains(message))
    {
        Some(message) => Err(message),
        None => Ok(params),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sdplay_sim::Block;

    fn design() -> Design {
        Design {
            name: String::new(),
            blocks: vec![
                Block::new("app", BlockKind::App),
                Block::new("db", BlockKind::Database),
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
            try_set(&design, &app, &instances, "0").unwrap_err(),
            "0 is out of range (expected 1 to 1000)"
        );
        assert_eq!(
            try_set(&design, &app, &instances, "many").unwrap_err(),
            "'many' is not a whole number of at least 0"
        );
        let workers = field_at(BlockKind::App, "capacity.workers");
        assert_eq!(
            try_set(&design, &app, &workers, "0").unwrap_err(),
            "a block needs at least one worker"
        );
        assert!(try_set(&design, &app, &workers, "").is_ok());
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
