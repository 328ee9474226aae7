//! Editing buttons: undo, redo, zoom, fit, shortcuts. Each runs the same
//! action as its key, and is disabled when the action would do nothing.

use leptos::prelude::*;

use crate::actions::{is_enabled, label, run_action, shortcut, ActionId, Stores};
use crate::state::{use_ctx, EditorCtx};

#[component]
fn ToolButton(id: ActionId, text: &'static str, testid: &'static str) -> impl IntoView {
    let stores = Stores::from_context();
    let editor: EditorCtx = use_ctx();
    let enabled = Memo::new(move |_| editor.editor.with(|state| is_enabled(id, state)));
    let title = {
        let extra = move || match id {
            ActionId::Undo => editor
                .editor
                .with(|s| s.history.undo_label().map(|l| format!(": {l}"))),
            ActionId::Redo => editor
                .editor
                .with(|s| s.history.redo_label().map(|l| format!(": {l}"))),
            _ => None,
        };
        move || {
            format!(
                "{}{} ({})",
                label(id),
                extra().unwrap_or_default(),
                shortcut(id)
            )
        }
    };
    view! {
        <button
            class="sd-button sd-button--tool"
            data-testid=testid
            title=title
            aria-label=title
            disabled=move || !enabled.get()
            on:click=move |_| run_action(stores, id, false)
        >
            {text}
        </button>
    }
}

#[component]
pub fn Toolbar() -> impl IntoView {
    let editor: EditorCtx = use_ctx();
    view! {
        <div class="sd-toolbar" role="toolbar" aria-label="Editing">
            <ToolButton id=ActionId::Undo text="↶" testid="undo" />
            <ToolButton id=ActionId::Redo text="↷" testid="redo" />
            <span class="sd-toolbar__sep" />
            <ToolButton id=ActionId::ZoomOut text="−" testid="zoom-out" />
            <span class="sd-toolbar__zoom" data-testid="zoom" aria-live="off">
                {move || format!("{:.0}%", editor.viewport.get().zoom * 100.0)}
            </span>
            <ToolButton id=ActionId::ZoomIn text="+" testid="zoom-in" />
            <ToolButton id=ActionId::Fit text="Fit" testid="fit" />
            <span class="sd-toolbar__sep" />
            <ToolButton id=ActionId::Help text="?" testid="help" />
        </div>
    }
}
