//! The editor's state as plain Rust: the design, the selection, undo
//! history and the clipboard, and every change to the design as an
//! [`Edit`]. No browser here: `cargo test -p sdplay-app` checks it all.

use std::collections::BTreeMap;

use sdplay_sim::{Block, BlockId, BlockKind, BlockParams, Design, Link};

use super::history::{Entry, History};
use super::ids::{base_of, fresh_id, id_prefix};
use super::rules::check_link;
use super::selection::Selection;
use crate::canvas::geometry::{block_rect, snap, Point, ZONE_MIN};
use crate::canvas::hit::zone_at;

/// How far a paste lands from what was copied [world units].
const PASTE_OFFSET: f64 = 40.0;

/// The first place at or near `at` (the top-left corner of a block) where
/// a new block covers no other block: trying to the right and below, a
/// grid step at a time. Zones do not count, since blocks go inside them.
pub fn free_spot(design: &Design, at: Point) -> Point {
    use crate::canvas::geometry::{Rect, BLOCK_H, BLOCK_W, GRID};
    let start = Point::new(snap(at.x), snap(at.y));
    let clear = |point: Point| {
        let rect = Rect::new(point.x, point.y, BLOCK_W, BLOCK_H);
        design
            .blocks
            .iter()
            .filter(|b| b.kind() != BlockKind::Zone)
            .all(|b| !block_rect(b).intersects(&rect))
    };
    for ring in 0..40 {
        let d = f64::from(ring) * GRID;
        let candidates = [
            Point::new(start.x + d, start.y),
            Point::new(start.x, start.y + 2.0 * d),
            Point::new(start.x + d, start.y + 2.0 * d),
        ];
        if let Some(point) = candidates.into_iter().find(|p| clear(*p)) {
            return point;
        }
    }
    start
}

/// A change to the design; each is one undo step.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// A new block of `kind` with its top-left corner at `at` (snapped).
    AddBlock { kind: BlockKind, at: Point },
    /// Moves blocks (and what zones among them hold) by (`dx`, `dy`).
    Move { ids: Vec<BlockId>, dx: f64, dy: f64 },
    /// A link from `from` to `to`, when it makes sense.
    Connect { from: BlockId, to: BlockId },
    /// Removes what is selected, and links to removed blocks.
    DeleteSelection,
    /// New settings for a block; `field` names what changed, so typing in
    /// one field is one undo step.
    SetParams {
        id: BlockId,
        params: BlockParams,
        field: String,
    },
    /// A new display name.
    Rename { id: BlockId, name: String },
    /// A zone's new size.
    ResizeZone {
        id: BlockId,
        width: f64,
        height: f64,
    },
    /// The clipboard's blocks, next to where they were copied.
    Paste,
    /// Copies of the selected blocks, beside them.
    Duplicate,
    /// A whole new design (a template, a blank canvas).
    Replace { design: Design, label: String },
}

/// What is copied: blocks and the links among them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Clipboard {
    pub blocks: Vec<Block>,
    pub links: Vec<Link>,
    /// Pastes so far; each lands a little further on.
    pub pastes: u32,
}

#[derive(Clone, Debug, Default)]
pub struct Editor {
    pub design: Design,
    pub selection: Selection,
    pub history: History,
    pub clipboard: Option<Clipboard>,
}

impl Editor {
    pub fn new(design: Design) -> Editor {
        Editor {
            design,
            ..Editor::default()
        }
    }

    /// Carries out `edit` and records it for undo; on refusal nothing
    /// changes and the message says why.
    pub fn apply(&mut self, edit: Edit) -> Result<(), String> {
        let before = self.design.clone();
        let selection_before = self.selection.clone();
        let (label, key) = self.perform(edit)?;
        if self.design == before {
            self.selection = self.selection.clone();
            return Ok(());
        }
        self.history.record(Entry {
            label,
            key,
            before,
            after: self.design.clone(),
            selection_before,
            selection_after: self.selection.clone(),
        });
        Ok(())
    }

    pub fn select(&mut self, selection: Selection) {
        self.selection = selection;
    }

    pub fn select_all(&mut self) {
        self.selection = Selection::of_blocks(self.design.blocks.iter().map(|b| b.id.clone()));
    }

    pub fn undo(&mut self) -> bool {
        match self.history.undo() {
            Some(entry) => {
                self.design = entry.before.clone();
                self.selection = entry.selection_before.clone();
                self.prune_selection();
                true
            }
            None => false,
        }
    }

    pub fn redo(&mut self) -> bool {
        match self.history.redo() {
            Some(entry) => {
                self.design = entry.after.clone();
                self.selection = entry.selection_after.clone();
                self.prune_selection();
                true
            }
            None => false,
        }
    }

    /// Puts the selected blocks, and the links among them, on the
    /// clipboard; returns how many blocks were copied.
    pub fn copy(&mut self) -> usize {
        let blocks = self.selected_blocks_with_members();
        let links = self
            .design
            .links
            .iter()
            .filter(|link| {
                blocks.iter().any(|b| b.id == link.from) && blocks.iter().any(|b| b.id == link.to)
            })
            .cloned()
            .collect();
        let count = blocks.len();
        if count > 0 {
            self.clipboard = Some(Clipboard {
                blocks,
                links,
                pastes: 0,
            });
        }
        count
    }

    /// The selected blocks, with the blocks inside selected zones, in
    /// design order.
    fn selected_blocks_with_members(&self) -> Vec<Block> {
        let chosen = &self.selection.blocks;
        self.design
            .blocks
            .iter()
            .filter(|block| {
                chosen.contains(&block.id)
                    || block.zone.as_ref().is_some_and(|z| chosen.contains(z))
            })
            .cloned()
            .collect()
    }

    fn prune_selection(&mut self) {
        let design = &self.design;
        self.selection
            .blocks
            .retain(|id| design.block(id).is_some());
        self.selection.links.retain(|(from, to)| {
            design
                .links
                .iter()
                .any(|link| &link.from == from && &link.to == to)
        });
    }

    fn perform(&mut self, edit: Edit) -> Result<(String, Option<String>), String> {
        match edit {
            Edit::AddBlock { kind, at } => {
                let id = fresh_id(&self.design, id_prefix(kind), &[]);
                let mut block = Block::new(id.as_str(), kind);
                (block.x, block.y) = (snap(at.x), snap(at.y));
                if kind != BlockKind::Zone {
                    block.zone = zone_at(&self.design, block_rect(&block).center());
                }
                self.design.blocks.push(block);
                self.selection = Selection::of_blocks([id]);
                Ok((format!("Add {}", kind.label()), None))
            }
            Edit::Move { ids, dx, dy } => {
                let count = self.move_blocks(&ids, dx, dy);
                Ok((plural("Move", count, "block"), None))
            }
            Edit::Connect { from, to } => {
                check_link(&self.design, &from, &to)?;
                let link = Link { from, to };
                self.design.links.push(link.clone());
                self.selection = Selection::of_link(&link);
                Ok(("Connect".into(), None))
            }
            Edit::DeleteSelection => {
                let count = self.delete_selection();
                Ok((plural("Delete", count, "item"), None))
            }
            Edit::SetParams { id, params, field } => {
                let block = self.block_mut(&id)?;
                if block.kind() != params.kind() {
                    return Err(format!(
                        "'{id}' is a {}, not a {}",
                        block.kind(),
                        params.kind()
                    ));
                }
                let name = block.name.clone();
                block.params = params;
                Ok((
                    format!("Change {name}: {field}"),
                    Some(format!("{id}/{field}")),
                ))
            }
            Edit::Rename { id, name } => {
                let name = name.trim().to_owned();
                if let Some(problem) = name_problem(&name) {
                    return Err(problem);
                }
                self.block_mut(&id)?.name = name;
                Ok(("Rename".into(), Some(format!("{id}/name"))))
            }
            Edit::ResizeZone { id, width, height } => {
                let zone = self.block_mut(&id)?;
                let BlockParams::Zone(params) = &mut zone.params else {
                    return Err(format!("'{id}' is not a zone"));
                };
                params.width = snap(width).max(ZONE_MIN);
                params.height = snap(height).max(ZONE_MIN);
                self.rezone_all();
                Ok(("Resize zone".into(), None))
            }
            Edit::Paste => {
                let mut clipboard = self.clipboard.clone().ok_or("the clipboard is empty")?;
                clipboard.pastes += 1;
                let offset = PASTE_OFFSET * f64::from(clipboard.pastes);
                let count = self.insert_copies(&clipboard.blocks, &clipboard.links, offset);
                self.clipboard = Some(clipboard);
                Ok((plural("Paste", count, "block"), None))
            }
            Edit::Duplicate => {
                let blocks = self.selected_blocks_with_members();
                if blocks.is_empty() {
                    return Err("select blocks to duplicate".into());
                }
                let links: Vec<Link> = self
                    .design
                    .links
                    .iter()
                    .filter(|l| {
                        blocks.iter().any(|b| b.id == l.from) && blocks.iter().any(|b| b.id == l.to)
                    })
                    .cloned()
                    .collect();
                let count = self.insert_copies(&blocks, &links, PASTE_OFFSET);
                Ok((plural("Duplicate", count, "block"), None))
            }
            Edit::Replace { design, label } => {
                self.design = design;
                self.selection = Selection::default();
                Ok((label, None))
            }
        }
    }

    fn block_mut(&mut self, id: &BlockId) -> Result<&mut Block, String> {
        self.design
            .blocks
            .iter_mut()
            .find(|block| &block.id == id)
            .ok_or_else(|| format!("no block has the id '{id}'"))
    }

    /// Moves `ids` and the members of zones among them; returns how many
    /// blocks moved.
    fn move_blocks(&mut self, ids: &[BlockId], dx: f64, dy: f64) -> usize {
        let mut count = 0;
        for block in &mut self.design.blocks {
            let member = block.zone.as_ref().is_some_and(|zone| ids.contains(zone));
            if ids.contains(&block.id) || member {
                block.x += dx;
                block.y += dy;
                count += 1;
            }
        }
        self.rezone_all();
        count
    }

    /// Puts each block in the zone its centre lies in (or in none).
    fn rezone_all(&mut self) {
        let zones: Vec<Block> = self
            .design
            .blocks
            .iter()
            .filter(|b| b.kind() == BlockKind::Zone)
            .cloned()
            .collect();
        let lookup = Design {
            blocks: zones,
            ..Design::default()
        };
        // A block stays in its zone while that zone still holds its centre,
        // even where another zone overlaps it (a zone just duplicated on
        // top of it, say); otherwise it joins the topmost zone there.
        for block in &mut self.design.blocks {
            if block.kind() == BlockKind::Zone {
                continue;
            }
            let centre = block_rect(block).center();
            let still_inside = block.zone.as_ref().is_some_and(|zone| {
                lookup
                    .block(zone)
                    .is_some_and(|zone| block_rect(zone).contains(centre))
            });
            if !still_inside {
                block.zone = zone_at(&lookup, centre);
            }
        }
    }

    fn delete_selection(&mut self) -> usize {
        let selection = std::mem::take(&mut self.selection);
        let before = self.design.blocks.len() + self.design.links.len();
        self.design
            .blocks
            .retain(|block| !selection.blocks.contains(&block.id));
        self.design.links.retain(|link| {
            !selection.blocks.contains(&link.from)
                && !selection.blocks.contains(&link.to)
                && !selection
                    .links
                    .contains(&(link.from.clone(), link.to.clone()))
        });
        for block in &mut self.design.blocks {
            if block
                .zone
                .as_ref()
                .is_some_and(|zone| selection.blocks.contains(zone))
            {
                block.zone = None;
            }
        }
        before - self.design.blocks.len() - self.design.links.len()
    }

    /// Adds copies of `blocks` (new ids, shifted by `offset`) and of the
    /// `links` among them, and selects the copies.
    fn insert_copies(&mut self, blocks: &[Block], links: &[Link], offset: f64) -> usize {
        let mut renamed: BTreeMap<BlockId, BlockId> = BTreeMap::new();
        let mut taken = Vec::new();
        for block in blocks {
            let id = fresh_id(&self.design, base_of(&block.id), &taken);
            taken.push(id.clone());
            renamed.insert(block.id.clone(), id);
        }
        for block in blocks {
            let mut copy = block.clone();
            copy.id = renamed[&block.id].clone();
            copy.x += offset;
            copy.y += offset;
            copy.zone = block
                .zone
                .as_ref()
                .map(|zone| renamed.get(zone).unwrap_or(zone).clone());
            self.design.blocks.push(copy);
        }
        for link in links {
            if let (Some(from), Some(to)) = (renamed.get(&link.from), renamed.get(&link.to)) {
                self.design.links.push(Link {
                    from: from.clone(),
                    to: to.clone(),
                });
            }
        }
        self.rezone_all();
        self.selection = Selection::of_blocks(taken);
        blocks.len()
    }
}

fn plural(verb: &str, count: usize, noun: &str) -> String {
    if count == 1 {
        format!("{verb} {noun}")
    } else {
        format!("{verb} {count} {noun}s")
    }
}

/// What is wrong with `name` as a block's name, if anything (it is
/// trimmed first).
pub fn name_problem(name: &str) -> Option<String> {
    let name = name.trim();
    let max = sdplay_sim::design::MAX_NAME_CHARS;
    if name.is_empty() {
        Some("a name cannot be empty".into())
    } else if name.chars().count() > max {
        Some(format!("a name has at most {max} characters"))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn editor() -> Editor {
        let mut editor = Editor::default();
        for (kind, x) in [
            (BlockKind::Users, 0.0),
            (BlockKind::App, 300.0),
            (BlockKind::Database, 600.0),
        ] {
            editor
                .apply(Edit::AddBlock {
                    kind,
                    at: Point::new(x, 0.0),
                })
                .expect("adding a block works");
        }
        editor
    }

    fn ids(editor: &Editor) -> Vec<&str> {
        editor.design.blocks.iter().map(|b| b.id.as_str()).collect()
    }

    #[test]
    fn blocks_get_fresh_ids_snapped_positions_and_the_selection() {
        let mut editor = editor();
        editor
            .apply(Edit::AddBlock {
                kind: BlockKind::App,
                at: Point::new(311.0, 93.0),
            })
            .unwrap();
        assert_eq!(ids(&editor), ["users", "app", "db", "app-2"]);
        let app2 = &editor.design.blocks[3];
        assert_eq!((app2.x, app2.y), (320.0, 100.0));
        assert_eq!(
            editor.selection,
            Selection::of_blocks([BlockId::from("app-2")])
        );
    }

    #[test]
    fn a_free_spot_avoids_other_blocks() {
        let editor = editor();
        let spot = free_spot(&editor.design, Point::new(300.0, 0.0));
        assert_ne!(spot, Point::new(300.0, 0.0));
        let rect = crate::canvas::geometry::Rect::new(spot.x, spot.y, 168.0, 76.0);
        assert!(editor
            .design
            .blocks
            .iter()
            .all(|b| !block_rect(b).intersects(&rect)));
        assert_eq!(
            free_spot(&editor.design, Point::new(0.0, 400.0)),
            Point::new(0.0, 400.0)
        );
    }

    #[test]
    fn every_change_undoes_and_redoes() {
        let mut editor = editor();
        editor
            .apply(Edit::Connect {
                from: "users".into(),
                to: "app".into(),
            })
            .unwrap();
        editor
            .apply(Edit::Connect {
                from: "app".into(),
                to: "db".into(),
            })
            .unwrap();
        let built = editor.design.clone();

        editor.select(Selection::of_blocks([BlockId::from("app")]));
        editor.apply(Edit::DeleteSelection).unwrap();
        assert_eq!(ids(&editor), ["users", "db"]);
        assert!(editor.design.links.is_empty());
        assert_eq!(editor.history.undo_label(), Some("Delete 3 items"));

        assert!(editor.undo());
        assert_eq!(editor.design, built);
        assert_eq!(
            editor.selection,
            Selection::of_blocks([BlockId::from("app")])
        );
        assert!(editor.redo());
        assert_eq!(ids(&editor), ["users", "db"]);
        for _ in 0..6 {
            editor.undo();
        }
        assert!(editor.design.blocks.is_empty());
        assert!(!editor.undo());
    }

    #[test]
    fn a_refused_connection_changes_nothing() {
        let mut editor = editor();
        let refusal = editor.apply(Edit::Connect {
            from: "users".into(),
            to: "db".into(),
        });
        assert!(refusal
            .unwrap_err()
            .contains("cannot send requests straight to a database"));
        assert!(editor.design.links.is_empty());
        assert_eq!(editor.history.undo_label(), Some("Add Database"));
    }

    #[test]
    fn typing_in_one_field_is_one_undo_step() {
        let mut editor = editor();
        let id = BlockId::from("app");
        let mut params = editor.design.block(&id).unwrap().params.clone();
        for instances in [1, 12, 3] {
            if let BlockParams::App(app) = &mut params {
                app.capacity.instances = instances;
            }
            let field = "capacity.instances".to_owned();
            editor
                .apply(Edit::SetParams {
                    id: id.clone(),
                    params: params.clone(),
                    field,
                })
                .unwrap();
        }
        editor.history.seal();
        editor
            .apply(Edit::Rename {
                id: id.clone(),
                name: "Web".into(),
            })
            .unwrap();
        let long = "x".repeat(sdplay_sim::design::MAX_NAME_CHARS + 1);
        assert_eq!(
            editor.apply(Edit::Rename {
                id: id.clone(),
                name: long
            }),
            Err("a name has at most 60 characters".into())
        );
        assert_eq!(editor.design.block(&id).unwrap().name, "Web");
        editor.undo();
        assert_eq!(editor.design.block(&id).unwrap().name, "App servers");
        editor.undo();
        assert_eq!(
            editor.design.block(&id).unwrap().params,
            BlockKind::App.default_params()
        );
    }

    #[test]
    fn copy_paste_and_duplicate_make_new_ids_and_keep_inner_links() {
        let mut editor = editor();
        editor
            .apply(Edit::Connect {
                from: "app".into(),
                to: "db".into(),
            })
            .unwrap();
        editor.select(Selection::of_blocks([
            BlockId::from("app"),
            BlockId::from("db"),
        ]));
        assert_eq!(editor.copy(), 2);
        editor.apply(Edit::Paste).unwrap();
        editor.apply(Edit::Paste).unwrap();
        assert_eq!(
            ids(&editor),
            ["users", "app", "db", "app-2", "db-2", "app-3", "db-3"]
        );
        assert!(editor.design.links.contains(&Link::new("app-3", "db-3")));
        let (first, second) = (&editor.design.blocks[3], &editor.design.blocks[5]);
        assert_eq!(second.x - first.x, PASTE_OFFSET);
        editor.select(Selection::of_blocks([BlockId::from("users")]));
        editor.apply(Edit::Duplicate).unwrap();
        assert_eq!(
            editor.selection,
            Selection::of_blocks([BlockId::from("users-2")])
        );
        assert!(editor
            .design
            .validate()
            .iter()
            .all(|p| !p.message.contains("already the id")));
    }

    #[test]
    fn zones_hold_what_is_dropped_into_them_and_carry_it_along() {
        let mut editor = Editor::default();
        editor
            .apply(Edit::AddBlock {
                kind: BlockKind::Zone,
                at: Point::new(0.0, 0.0),
            })
            .unwrap();
        editor
            .apply(Edit::AddBlock {
                kind: BlockKind::App,
                at: Point::new(40.0, 60.0),
            })
            .unwrap();
        editor
            .apply(Edit::AddBlock {
                kind: BlockKind::Cache,
                at: Point::new(900.0, 60.0),
            })
            .unwrap();
        let zone = BlockId::from("zone");
        assert_eq!(editor.design.blocks[1].zone, Some(zone.clone()));
        assert_eq!(editor.design.blocks[2].zone, None);

        editor
            .apply(Edit::Move {
                ids: vec![zone.clone()],
                dx: 100.0,
                dy: 20.0,
            })
            .unwrap();
        assert_eq!(
            (editor.design.blocks[1].x, editor.design.blocks[1].y),
            (140.0, 80.0)
        );
        // Dragging a block out of the zone takes it out.
        editor
            .apply(Edit::Move {
                ids: vec!["app".into()],
                dx: 800.0,
                dy: 0.0,
            })
            .unwrap();
        assert_eq!(editor.design.blocks[1].zone, None);
        editor
            .apply(Edit::ResizeZone {
                id: zone,
                width: 2000.0,
                height: 400.0,
            })
            .unwrap();
        assert!(editor.design.blocks[1].zone.is_some() && editor.design.blocks[2].zone.is_some());
        assert!(editor
            .design
            .validate()
            .iter()
            .all(|p| !p.path.contains("zone")));
    }

    /// A zone duplicated on top of itself takes the copies of its blocks,
    /// not the originals: moving the original zone away carries its own
    /// blocks along.
    #[test]
    fn a_duplicated_zone_leaves_the_originals_their_zone() {
        let mut editor = Editor::default();
        for (kind, x, y) in [
            (BlockKind::Zone, 0.0, 0.0),
            (BlockKind::Users, 40.0, 60.0),
            (BlockKind::App, 200.0, 160.0),
        ] {
            editor
                .apply(Edit::AddBlock {
                    kind,
                    at: Point::new(x, y),
                })
                .unwrap();
        }
        let zone = BlockId::from("zone");
        editor.select(Selection::of_blocks([zone.clone()]));
        editor.apply(Edit::Duplicate).unwrap();
        let zone_of = |editor: &Editor, id: &str| {
            editor
                .design
                .block(&BlockId::from(id))
                .and_then(|b| b.zone.clone())
        };
        assert_eq!(zone_of(&editor, "users"), Some(zone.clone()));
        assert_eq!(zone_of(&editor, "app"), Some(zone.clone()));

        editor
            .apply(Edit::Move {
                ids: vec![zone.clone()],
                dx: 0.0,
                dy: 600.0,
            })
            .unwrap();
        assert_eq!(zone_of(&editor, "users"), Some(zone.clone()));
        let users = editor.design.block(&BlockId::from("users")).unwrap();
        assert!(
            users.y >= 600.0,
            "the users moved with their zone: {users:?}"
        );
    }
}
