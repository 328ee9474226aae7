//! The inspector: the selected block's name and every setting, with units
//! and a message beside a value that is not valid (the last valid value
//! stays in force); the links it makes; or, with nothing selected, what
//! keeps the design from running whole.

mod check;
mod fields;
mod view;

pub use check::try_set;
pub use fields::{fields, Field, Input};
pub use view::Inspector;

use sdplay_sim::{BlockKind, BlockParams};
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
