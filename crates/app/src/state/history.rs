//! Undo and redo: a stack of design changes, each one user command.
//!
//! An entry keeps the design before and after the change. Consecutive
//! changes with the same coalescing key (typing in one settings field,
//! dragging the rate slider) merge into one entry, so one undo takes back
//! the whole edit, as a move is one step and not one per pixel.

use sdplay_sim::Design;

use super::selection::Selection;

/// How many steps are kept.
const DEPTH: usize = 200;

#[derive(Clone, Debug)]
pub struct Entry {
    /// What the change was, for people: "Move 2 blocks".
    pub label: String,
    /// Changes with the same key in a row are merged.
    pub key: Option<String>,
    pub before: Design,
    pub after: Design,
    pub selection_before: Selection,
    pub selection_after: Selection,
}

#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Entry>,
    redo: Vec<Entry>,
}

impl History {
    /// Records a change; a new change clears what could be redone.
    pub fn record(&mut self, entry: Entry) {
        self.redo.clear();
        if let (Some(key), Some(last)) = (&entry.key, self.undo.last_mut()) {
            if last.key.as_ref() == Some(key) {
                last.after = entry.after;
                last.selection_after = entry.selection_after;
                return;
            }
        }
        self.undo.push(entry);
        if self.undo.len() > DEPTH {
            self.undo.remove(0);
        }
    }

    /// Ends coalescing: the next change starts a new entry even with the
    /// same key (a field lost focus, the slider was let go).
    pub fn seal(&mut self) {
        if let Some(last) = self.undo.last_mut() {
            last.key = None;
        }
    }

    /// Takes the latest change back; returns the entry to restore from.
    pub fn undo(&mut self) -> Option<&Entry> {
        let entry = self.undo.pop()?;
        self.redo.push(entry);
        self.redo.last()
    }

    /// Does again what was undone last.
    pub fn redo(&mut self) -> Option<&Entry> {
        let entry = self.redo.pop()?;
        self.undo.push(entry);
        self.undo.last()
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The label of what undo would take back.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|entry| entry.label.as_str())
    }

    /// The label of what redo would do again.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|entry| entry.label.as_str())
    }
}
