//! The page's state. The editing logic is plain Rust (`editor`, `history`,
//! `selection`, `ids`, `rules`, `advice`); the stores that the components share are
//! small `Copy` structs of signals (`*Ctx`), provided once by `App`.

pub mod advice;
pub mod editor;
pub mod history;
pub mod ids;
pub mod rules;
pub mod selection;
pub mod wording;

use std::collections::VecDeque;

use leptos::prelude::*;
use sdplay_sim::{BlockId, BlockKind, BlockParams, Design, Problem};

use crate::canvas::geometry::Viewport;
use crate::protocol::LiveWindow;
pub use editor::{free_spot, Edit, Editor};
pub use selection::Selection;

/// How many one-second windows the page keeps for its charts.
pub const HISTORY_SECONDS: usize = 300;

/// The design being edited, and everything about editing it.
#[derive(Clone, Copy)]
pub struct EditorCtx {
    pub editor: RwSignal<Editor>,
    /// The design alone, so that selecting does not redraw blocks.
    pub design: Memo<Design>,
    pub selection: Memo<Selection>,
    /// The part of the design that can run, and the problems that keep the
    /// rest out.
    pub runnable: Memo<(Design, Vec<Problem>)>,
    pub viewport: RwSignal<Viewport>,
    /// A short message about the last gesture ("cannot connect ...").
    pub toast: RwSignal<Option<Toast>>,
    /// The shortcut list is open.
    pub help_open: RwSignal<bool>,
    /// The templates menu is open.
    pub menu_open: RwSignal<bool>,
    /// Asks the canvas to fit the design to the screen.
    pub fit_request: RwSignal<u32>,
}

impl EditorCtx {
    pub fn new(design: Design) -> EditorCtx {
        let editor = RwSignal::new(Editor::new(design));
        let design = Memo::new(move |_| editor.with(|editor| editor.design.clone()));
        EditorCtx {
            editor,
            design,
            selection: Memo::new(move |_| editor.with(|editor| editor.selection.clone())),
            runnable: Memo::new(move |_| design.with(crate::state::rules::runnable)),
            viewport: RwSignal::new(Viewport::default()),
            toast: RwSignal::new(None),
            help_open: RwSignal::new(false),
            menu_open: RwSignal::new(false),
            fit_request: RwSignal::new(0),
        }
    }

    /// Applies an edit; a refusal is shown as a toast.
    pub fn apply(&self, edit: Edit) -> bool {
        let result = self.editor.try_update(|editor| editor.apply(edit));
        match result {
            Some(Ok(())) => true,
            Some(Err(message)) => {
                self.show_toast(message);
                false
            }
            None => false,
        }
    }

    /// Shows `text` in the toast, in place of any earlier one.
    pub fn show_toast(&self, text: impl Into<String>) {
        self.toast.set(Some(Toast {
            text: text.into(),
            topic: None,
        }));
    }

    /// Shows `text` about `topic` (a field), so that a valid value there
    /// can take it away again.
    pub fn show_toast_about(&self, topic: &'static str, text: impl Into<String>) {
        self.toast.set(Some(Toast {
            text: text.into(),
            topic: Some(topic),
        }));
    }

    /// Takes away the toast if it is about `topic`.
    pub fn clear_toast_about(&self, topic: &'static str) {
        if self
            .toast
            .with_untracked(|toast| toast.as_ref().is_some_and(|t| t.topic == Some(topic)))
        {
            self.toast.set(None);
        }
    }

    /// Closes whichever dialog or menu is open; false when none was.
    pub fn close_popups(&self) -> bool {
        let open = self.help_open.get_untracked() || self.menu_open.get_untracked();
        if self.help_open.get_untracked() {
            self.help_open.set(false);
        }
        if self.menu_open.get_untracked() {
            self.menu_open.set(false);
        }
        open
    }

    pub fn select(&self, selection: Selection) {
        if self.selection.get_untracked() != selection {
            self.editor.update(|editor| editor.select(selection));
        }
    }

    pub fn fit(&self) {
        self.fit_request.update(|n| *n += 1);
    }

    /// The first users block and its rate [req/s], for the rate slider.
    pub fn users_rate(&self) -> Option<(BlockId, f64)> {
        self.design.with(|design| {
            design.blocks.iter().find_map(|block| match &block.params {
                BlockParams::Users(users) if block.kind() == BlockKind::Users => {
                    Some((block.id.clone(), users.rate_rps))
                }
                _ => None,
            })
        })
    }
}

/// A short message for the user, and the field it is about, if any.
#[derive(Clone, Debug, PartialEq)]
pub struct Toast {
    pub text: String,
    pub topic: Option<&'static str>,
}

/// The running simulation as the page shows it; written by the worker
/// client (`live/`).
#[derive(Clone, Copy)]
pub struct RunCtx {
    /// Playing or paused.
    pub running: RwSignal<bool>,
    /// Requested simulated seconds per wall second.
    pub speed: RwSignal<f64>,
    /// Simulated seconds per wall second actually reached lately.
    pub achieved_speed: RwSignal<f64>,
    /// Engine events per wall second of work lately (its capacity).
    pub events_per_sec: RwSignal<f64>,
    /// Events processed since the run began.
    pub events: RwSignal<u64>,
    /// Simulated time [ms].
    pub sim_ms: RwSignal<u64>,
    /// The run's seed.
    pub seed: RwSignal<u64>,
    /// The most recent one-second windows, oldest first.
    pub history: RwSignal<VecDeque<LiveWindow>>,
    /// Per block now: in system, queued, busy, capacity.
    pub levels: RwSignal<Vec<(BlockId, [u32; 4])>>,
    /// What went wrong, for the user to read (bad URL values, a design that
    /// cannot run).
    pub notices: RwSignal<Vec<String>>,
}

impl RunCtx {
    pub fn new(speed: f64, seed: u64) -> RunCtx {
        RunCtx {
            running: RwSignal::new(true),
            speed: RwSignal::new(speed),
            achieved_speed: RwSignal::new(speed),
            events_per_sec: RwSignal::new(0.0),
            events: RwSignal::new(0),
            sim_ms: RwSignal::new(0),
            seed: RwSignal::new(seed),
            history: RwSignal::new(VecDeque::with_capacity(HISTORY_SECONDS)),
            levels: RwSignal::new(Vec::new()),
            notices: RwSignal::new(Vec::new()),
        }
    }

    /// The latest window, if a second has passed.
    pub fn latest(&self) -> Option<LiveWindow> {
        self.history.with(|history| history.back().cloned())
    }
}

/// Reads a context provided by `App`.
pub fn use_ctx<T: Clone + 'static>() -> T {
    expect_context::<T>()
}
