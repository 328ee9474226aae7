//! The list of shortcuts (`?`), drawn from the action table.

use leptos::prelude::*;

use crate::actions::{Keys, ACTIONS};
use crate::state::{use_ctx, EditorCtx};

const GESTURES: &[(&str, &str)] = &[
    ("Drag a block from the palette", "add it where you drop it"),
    (
        "Drag from a block's right-hand port",
        "connect it to another block",
    ),
    ("Click, Shift+click", "select, add to the selection"),
    ("Drag on empty canvas", "select with a rubber band"),
    ("Drag blocks (Alt: off the grid)", "move them"),
    ("Wheel, pinch, +/−", "zoom"),
    ("Middle button or Space+drag, Shift+wheel", "pan"),
    ("Double-click a block", "rename it"),
];

#[component]
pub fn HelpDialog() -> impl IntoView {
    let editor: EditorCtx = use_ctx();
    let open = editor.help_open;
    let close_ref = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if open.get() {
            if let Some(button) = close_ref.get() {
                let _ = button.focus();
            }
        }
    });
    view! {
        <Show when=move || open.get()>
            <div class="sd-dialog-backdrop" on:click=move |_| open.set(false)>
                <div
                    class="sd-dialog"
                    role="dialog"
                    aria-modal="true"
                    aria-labelledby="sd-help-title"
                    data-testid="shortcuts"
                    on:click=|event| event.stop_propagation()
                >
                    <header class="sd-dialog__header">
                        <h2 id="sd-help-title">"Keyboard shortcuts"</h2>
                        <button class="sd-button sd-button--quiet" node_ref=close_ref on:click=move |_| open.set(false)>
                            "Close"
                        </button>
                    </header>
                    <div class="sd-dialog__columns">
                        <table class="sd-keys">
                            <tbody>
                                {ACTIONS
                                    .iter()
                                    .map(|action| {
                                        let keys: Vec<String> = action.keys.iter().map(Keys::describe).collect();
                                        view! {
                                            <tr>
                                                <td>{keys.into_iter().map(|k| view! { <kbd>{k}</kbd> }).collect_view()}</td>
                                                <td>{action.label}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                        <table class="sd-keys">
                            <tbody>
                                {GESTURES
                                    .iter()
                                    .map(|(what, does)| view! { <tr><td>{*what}</td><td>{*does}</td></tr> })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <p class="sd-dialog__note">"Arrows, Space, +, − and 1 work while the canvas has the focus (click it, or Tab to it)."</p>
                </div>
            </div>
        </Show>
    }
}
