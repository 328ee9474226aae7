//! Messages for the user: what was ignored or could not run.

use leptos::prelude::*;

use crate::state::{use_ctx, RunCtx};

#[component]
pub fn Notices() -> impl IntoView {
    let run: RunCtx = use_ctx();
    let notices = run.notices;
    view! {
        <Show when=move || notices.with(|list| !list.is_empty())>
            <div class="sd-notices" role="alert" data-testid="notices">
                <ul>
                    {move || {
                        notices.get().into_iter().map(|notice| view! { <li>{notice}</li> }).collect_view()
                    }}
                </ul>
                <button class="sd-button sd-button--quiet" on:click=move |_| notices.set(Vec::new())>
                    "Dismiss"
                </button>
            </div>
        </Show>
    }
}
