//! Every user command as data, as Excalidraw's actions are: an id, a label,
//! its shortcuts, when it applies, and what it does to the editor. The
//! keyboard handler, the toolbar buttons and the shortcut list all read
//! this one table. `dispatch.rs` runs the commands that reach beyond the
//! editor (play, zoom, help).

mod dispatch;

pub use dispatch::{canvas_size, run_action, use_shortcuts, Stores, CANVAS_ID};

use sdplay_sim::BlockId;

use crate::canvas::geometry::GRID;
use crate::state::{Edit, Editor, Selection};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActionId {
    Undo,
    Redo,
    Copy,
    Paste,
    Duplicate,
    Delete,
    SelectAll,
    Deselect,
    NudgeLeft,
    NudgeRight,
    NudgeUp,
    NudgeDown,
    PlayPause,
    ZoomIn,
    ZoomOut,
    Fit,
    Help,
}

/// A key with its modifiers. `command` is Ctrl, or Cmd on a Mac.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Keys {
    /// `KeyboardEvent.key`, lower-cased.
    pub key: &'static str,
    pub command: bool,
    pub shift: bool,
}

const fn key(key: &'static str) -> Keys {
    Keys {
        key,
        command: false,
        shift: false,
    }
}

const fn command(key: &'static str) -> Keys {
    Keys {
        key,
        command: true,
        shift: false,
    }
}

const fn command_shift(key: &'static str) -> Keys {
    Keys {
        key,
        command: true,
        shift: true,
    }
}

/// Where a key was pressed decides what it may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Anywhere but a text field.
    Page,
    /// Only while the canvas has focus (Space would otherwise press the
    /// focused button).
    Canvas,
}

pub struct Action {
    pub id: ActionId,
    pub label: &'static str,
    pub keys: &'static [Keys],
    pub scope: Scope,
}

/// Every command with a shortcut, in the order the shortcut list shows.
pub const ACTIONS: &[Action] = &[
    Action {
        id: ActionId::Undo,
        label: "Undo",
        keys: &[command("z")],
        scope: Scope::Page,
    },
    Action {
        id: ActionId::Redo,
        label: "Redo",
        keys: &[command_shift("z"), command("y")],
        scope: Scope::Page,
    },
    Action {
        id: ActionId::Copy,
        label: "Copy",
        keys: &[command("c")],
        scope: Scope::Page,
    },
    Action {
        id: ActionId::Paste,
        label: "Paste",
        keys: &[command("v")],
        scope: Scope::Page,
    },
    Action {
        id: ActionId::Duplicate,
        label: "Duplicate",
        keys: &[command("d")],
        scope: Scope::Page,
    },
    Action {
        id: ActionId::Delete,
        label: "Delete the selection",
        keys: &[key("delete"), key("backspace")],
        scope: Scope::Page,
    },
    Action {
        id: ActionId::SelectAll,
        label: "Select all",
        keys: &[command("a")],
        scope: Scope::Page,
    },
    Action {
        id: ActionId::Deselect,
        label: "Close a dialog or menu, cancel, deselect",
        keys: &[key("escape")],
        scope: Scope::Page,
    },
    Action {
        id: ActionId::NudgeLeft,
        label: "Nudge left (Shift: further)",
        keys: &[key("arrowleft")],
        scope: Scope::Canvas,
    },
    Action {
        id: ActionId::NudgeRight,
        label: "Nudge right",
        keys: &[key("arrowright")],
        scope: Scope::Canvas,
    },
    Action {
        id: ActionId::NudgeUp,
        label: "Nudge up",
        keys: &[key("arrowup")],
        scope: Scope::Canvas,
    },
    Action {
        id: ActionId::NudgeDown,
        label: "Nudge down",
        keys: &[key("arrowdown")],
        scope: Scope::Canvas,
    },
    Action {
        id: ActionId::PlayPause,
        label: "Play or pause",
        keys: &[key(" ")],
        scope: Scope::Canvas,
    },
    Action {
        id: ActionId::ZoomIn,
        label: "Zoom in",
        keys: &[key("+"), key("=")],
        scope: Scope::Canvas,
    },
    Action {
        id: ActionId::ZoomOut,
        label: "Zoom out",
        keys: &[key("-")],
        scope: Scope::Canvas,
    },
    Action {
        id: ActionId::Fit,
        label: "Fit the design to the screen",
        keys: &[key("1")],
        scope: Scope::Canvas,
    },
    Action {
        id: ActionId::Help,
        label: "Show these shortcuts",
        keys: &[key("?")],
        scope: Scope::Page,
    },
];

/// A key press as the browser reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyPress {
    pub key: String,
    pub ctrl: bool,
    pub meta: bool,
    pub shift: bool,
    pub alt: bool,
}

impl Keys {
    fn matches(&self, press: &KeyPress) -> bool {
        let key = press.key.to_lowercase();
        // Shifted symbols ("?", "+") already say Shift in their key.
        let symbol = !self.key.chars().all(|c| c.is_ascii_alphanumeric());
        key == self.key
            && (press.ctrl || press.meta) == self.command
            && (symbol || press.shift == self.shift || self.key.starts_with("arrow"))
            && !press.alt
    }

    /// "Ctrl+Shift+Z" as people read it.
    pub fn describe(&self) -> String {
        let name = match self.key {
            " " => "Space".to_owned(),
            "arrowleft" => "←".into(),
            "arrowright" => "→".into(),
            "arrowup" => "↑".into(),
            "arrowdown" => "↓".into(),
            "escape" => "Esc".into(),
            "delete" => "Delete".into(),
            "backspace" => "Backspace".into(),
            other => other.to_uppercase(),
        };
        let mut parts = Vec::new();
        if self.command {
            parts.push("Ctrl/⌘");
        }
        if self.shift {
            parts.push("Shift");
        }
        parts.push(&name);
        parts.join("+")
    }
}

/// The command a key press asks for, if any, given whether the canvas has
/// the focus.
pub fn action_for(press: &KeyPress, on_canvas: bool) -> Option<ActionId> {
    ACTIONS
        .iter()
        .filter(|action| on_canvas || action.scope == Scope::Page)
        .find(|action| action.keys.iter().any(|keys| keys.matches(press)))
        .map(|action| action.id)
}

pub fn label(id: ActionId) -> &'static str {
    ACTIONS
        .iter()
        .find(|action| action.id == id)
        .map_or("", |action| action.label)
}

/// The first shortcut of `id`, for tooltips.
pub fn shortcut(id: ActionId) -> String {
    ACTIONS
        .iter()
        .find(|action| action.id == id)
        .and_then(|action| action.keys.first())
        .map(Keys::describe)
        .unwrap_or_default()
}

/// Whether `id` can do anything to `editor` now.
pub fn is_enabled(id: ActionId, editor: &Editor) -> bool {
    let has_blocks = !editor.selection.blocks.is_empty();
    match id {
        ActionId::Undo => editor.history.can_undo(),
        ActionId::Redo => editor.history.can_redo(),
        ActionId::Copy | ActionId::Duplicate => has_blocks,
        ActionId::Paste => editor.clipboard.is_some(),
        ActionId::Delete => !editor.selection.is_empty(),
        ActionId::SelectAll => !editor.design.blocks.is_empty(),
        ActionId::Deselect => !editor.selection.is_empty(),
        ActionId::NudgeLeft | ActionId::NudgeRight | ActionId::NudgeUp | ActionId::NudgeDown => {
            has_blocks
        }
        ActionId::PlayPause | ActionId::ZoomIn | ActionId::ZoomOut | ActionId::Fit => true,
        ActionId::Help => true,
    }
}

/// Carries out an editing command. Returns `None` for commands that are
/// not the editor's (play, zoom, help), else whether anything changed or
/// why not.
pub fn apply_to_editor(
    id: ActionId,
    editor: &mut Editor,
    shift: bool,
) -> Option<Result<(), String>> {
    let step = if shift { 5.0 * GRID } else { GRID };
    let nudge = |editor: &mut Editor, dx: f64, dy: f64| {
        let ids: Vec<BlockId> = editor.selection.blocks.iter().cloned().collect();
        editor.history.seal();
        editor.apply(Edit::Move { ids, dx, dy })
    };
    Some(match id {
        ActionId::Undo => {
            editor.history.seal();
            editor.undo();
            Ok(())
        }
        ActionId::Redo => {
            editor.redo();
            Ok(())
        }
        ActionId::Copy => {
            editor.copy();
            Ok(())
        }
        ActionId::Paste => editor.apply(Edit::Paste),
        ActionId::Duplicate => editor.apply(Edit::Duplicate),
        ActionId::Delete => editor.apply(Edit::DeleteSelection),
        ActionId::SelectAll => {
            editor.select_all();
            Ok(())
        }
        ActionId::Deselect => {
            editor.select(Selection::default());
            Ok(())
        }
        ActionId::NudgeLeft => nudge(editor, -step, 0.0),
        ActionId::NudgeRight => nudge(editor, step, 0.0),
        ActionId::NudgeUp => nudge(editor, 0.0, -step),
        ActionId::NudgeDown => nudge(editor, 0.0, step),
        ActionId::PlayPause | ActionId::ZoomIn | ActionId::ZoomOut | ActionId::Fit => return None,
        ActionId::Help => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::canvas::geometry::Point;
    use sdplay_sim::BlockKind;

    fn press(key: &str, ctrl: bool, shift: bool) -> KeyPress {
        KeyPress {
            key: key.into(),
            ctrl,
            meta: false,
            shift,
            alt: false,
        }
    }

    #[test]
    fn keys_find_their_commands_where_they_apply() {
        assert_eq!(
            action_for(&press("z", true, false), false),
            Some(ActionId::Undo)
        );
        assert_eq!(
            action_for(&press("Z", true, true), false),
            Some(ActionId::Redo)
        );
        assert_eq!(
            action_for(&press("y", true, false), false),
            Some(ActionId::Redo)
        );
        let mut cmd_d = press("d", false, false);
        cmd_d.meta = true;
        assert_eq!(action_for(&cmd_d, false), Some(ActionId::Duplicate));
        assert_eq!(
            action_for(&press("?", false, true), false),
            Some(ActionId::Help)
        );
        // Space plays only on the canvas; elsewhere it presses a button.
        assert_eq!(
            action_for(&press(" ", false, false), true),
            Some(ActionId::PlayPause)
        );
        assert_eq!(action_for(&press(" ", false, false), false), None);
        assert_eq!(action_for(&press("d", false, false), true), None);
        assert_eq!(shortcut(ActionId::Redo), "Ctrl/⌘+Shift+Z");
    }

    #[test]
    fn commands_apply_when_enabled() {
        let mut editor = Editor::default();
        assert!(!is_enabled(ActionId::Undo, &editor));
        editor
            .apply(Edit::AddBlock {
                kind: BlockKind::App,
                at: Point::new(0.0, 0.0),
            })
            .unwrap();
        assert!(is_enabled(ActionId::Duplicate, &editor));
        apply_to_editor(ActionId::NudgeRight, &mut editor, true)
            .unwrap()
            .unwrap();
        assert_eq!(editor.design.blocks[0].x, 100.0);
        apply_to_editor(ActionId::Copy, &mut editor, false)
            .unwrap()
            .unwrap();
        apply_to_editor(ActionId::Paste, &mut editor, false)
            .unwrap()
            .unwrap();
        assert_eq!(editor.design.blocks.len(), 2);
        apply_to_editor(ActionId::Delete, &mut editor, false)
            .unwrap()
            .unwrap();
        apply_to_editor(ActionId::Undo, &mut editor, false)
            .unwrap()
            .unwrap();
        assert_eq!(editor.design.blocks.len(), 2);
        assert_eq!(
            apply_to_editor(ActionId::PlayPause, &mut editor, false),
            None
        );
    }
}
