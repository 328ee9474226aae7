//! A short message about the last gesture, read out by screen readers; it
//! goes away by itself after a few seconds.

use std::time::Duration;

use leptos::prelude::*;

use crate::state::{use_ctx, EditorCtx};

const SHOWN_FOR: Duration = Duration::from_millis(5_000);

#[component]
pub fn Toast() -> impl IntoView {
    let editor: EditorCtx = use_ctx();
    let toast = editor.toast;
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        if toast.with(Option::is_some) {
            generation.update_value(|g| *g += 1);
            let mine = generation.get_value();
            set_timeout(
                move || {
                    if generation.get_value() == mine {
                        toast.set(None);
                    }
                },
                SHOWN_FOR,
            );
        }
    });
    view! {
        <div class="sd-toast-region" role="status" aria-live="polite">
            {move || toast.get().map(|message| view! {
                <div class="sd-toast" data-testid="toast">
                    <span class="sd-toast__text">{message.text}</span>
                    <button class="sd-button sd-button--quiet sd-button--small" aria-label="Dismiss" on:click=move |_| toast.set(None)>"×"</button>
                </div>
            })}
        </div>
    }
}
