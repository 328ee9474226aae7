//! New block ids: short, readable and unused (`app`, `app-2`, ...).

use sdplay_sim::{BlockId, BlockKind, Design};

/// The start of a new block's id.
pub fn id_prefix(kind: BlockKind) -> &'static str {
    match kind {
        BlockKind::Users => "users",
        BlockKind::Cdn => "cdn",
        BlockKind::Gateway => "gateway",
        BlockKind::LoadBalancer => "lb",
        BlockKind::App => "app",
        BlockKind::Cache => "cache",
        BlockKind::Database => "db",
        BlockKind::Zone => "zone",
    }
}

/// The first of `prefix`, `prefix-2`, `prefix-3`... that neither `design`
/// nor `taken` uses.
pub fn fresh_id(design: &Design, prefix: &str, taken: &[BlockId]) -> BlockId {
    let used = |candidate: &str| {
        design
            .blocks
            .iter()
            .any(|block| block.id.as_str() == candidate)
            || taken.iter().any(|id| id.as_str() == candidate)
    };
    if !used(prefix) {
        return BlockId::from(prefix);
    }
    (2..)
        .map(|n| format!("{prefix}-{n}"))
        .find(|candidate| !used(candidate))
        .map(BlockId)
        .expect("some numbered id is free")
}

/// The prefix of a copied block's id: `app-3` gives `app`.
pub fn base_of(id: &BlockId) -> &str {
    let text = id.as_str();
    match text.rsplit_once('-') {
        Some((base, number)) if !base.is_empty() && number.parse::<u32>().is_ok() => base,
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sdplay_sim::Block;

    #[test]
    fn ids_are_numbered_from_two() {
        let mut design = Design::default();
        assert_eq!(fresh_id(&design, "app", &[]).as_str(), "app");
        design.blocks.push(Block::new("app", BlockKind::App));
        assert_eq!(fresh_id(&design, "app", &[]).as_str(), "app-2");
        assert_eq!(
            fresh_id(&design, "app", &[BlockId::from("app-2")]).as_str(),
            "app-3"
        );
        assert_eq!(base_of(&BlockId::from("app-3")), "app");
        assert_eq!(base_of(&BlockId::from("my-db")), "my-db");
    }
}
