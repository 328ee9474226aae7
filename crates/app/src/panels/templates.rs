//! The templates menu: loads any design listed in `templates/index.json`
//! (replacing the design, as one undoable step), or a blank canvas. URLs
//! are relative, so the site works under any path.

use leptos::prelude::*;
use leptos::task::spawn_local;
use sdplay_sim::Design;
use serde::Deserialize;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::live::LiveCtx;
use crate::state::{use_ctx, Edit, EditorCtx, RunCtx};

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct TemplateEntry {
    pub file: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
}

/// The text at `url`, relative to the page.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| format!("{url}: could not be fetched"))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "not a response")?;
    if !response.ok() {
        return Err(format!("{url}: the server answered {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(|_| "no body")?)
        .await
        .map_err(|_| format!("{url}: could not be read"))?;
    text.as_string().ok_or_else(|| format!("{url}: not text"))
}

/// Puts `design` in the editor (one undo step) and starts a fresh run of
/// it: the charts would otherwise mix two designs' numbers. Undoing the
/// load carries on from there, as any edit does.
fn replace_design(stores: Stores, design: Design, label: String) {
    let Stores { editor, live, run } = stores;
    if editor.apply(Edit::Replace { design, label }) {
        live.restart(editor.runnable.get_untracked().0, run);
    }
    editor.fit();
}

/// What loading a design touches, taken from context while the menu is
/// built (the fetch finishes outside it).
#[derive(Clone, Copy)]
struct Stores {
    editor: EditorCtx,
    live: LiveCtx,
    run: RunCtx,
}

/// Loads the template `entry` into the editor.
fn load(stores: Stores, entry: TemplateEntry) {
    spawn_local(async move {
        let url = format!("templates/{}", entry.file);
        let design = fetch_text(&url)
            .await
            .and_then(|text| Design::parse_json(&text).map_err(|error| format!("{url}: {error}")));
        match design {
            Ok(mut design) => {
                if design.name.is_empty() {
                    design.name = entry.name.clone();
                }
                replace_design(stores, design, format!("Load “{}”", entry.name));
            }
            Err(message) => stores.editor.show_toast(message),
        }
    });
}

/// The menu item a key moves to from item `current` (or from outside the
/// list, `None`) of `len`, as a menu does: arrows step and wrap round, Home
/// and End go to the ends. `None` for any other key.
fn next_item(key: &str, current: Option<usize>, len: usize) -> Option<usize> {
    if len == 0 {
        return None;
    }
    let last = len - 1;
    match (key, current) {
        ("ArrowDown", Some(at)) if at < last => Some(at + 1),
        ("ArrowDown", _) | ("Home", _) => Some(0),
        ("ArrowUp", Some(at)) if at > 0 => Some(at - 1),
        ("ArrowUp", _) | ("End", _) => Some(last),
        _ => None,
    }
}

/// Moves the focus between the menu's items with the arrow keys, Home and
/// End (`menu` holds them; the focus may be on its button).
fn move_focus(menu: &web_sys::Element, event: &web_sys::KeyboardEvent) {
    let Ok(items) = menu.query_selector_all("[role=menuitem]") else {
        return;
    };
    let items: Vec<web_sys::HtmlElement> = (0..items.length())
        .filter_map(|idx| items.item(idx)?.dyn_into().ok())
        .collect();
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let current = items
        .iter()
        .position(|item| active.as_ref() == Some(item.as_ref()));
    if let Some(next) = next_item(&event.key(), current, items.len()) {
        event.prevent_default();
        let _ = items[next].focus();
    }
}

#[component]
pub fn TemplatesMenu() -> impl IntoView {
    let editor: EditorCtx = use_ctx();
    let stores = Stores {
        editor,
        live: use_ctx(),
        run: use_ctx(),
    };
    let open = editor.menu_open;
    let entries = RwSignal::new(None::<Result<Vec<TemplateEntry>, String>>);
    let fetch_index = move || {
        if entries.get_untracked().is_some() {
            return;
        }
        spawn_local(async move {
            let list = fetch_text("templates/index.json").await.and_then(|text| {
                serde_json::from_str::<Vec<TemplateEntry>>(&text)
                    .map_err(|error| format!("templates/index.json: {error}"))
            });
            entries.set(Some(list));
        });
    };
    let choose = move |entry: Option<TemplateEntry>| {
        open.set(false);
        match entry {
            Some(entry) => load(stores, entry),
            None => {
                let blank = Design {
                    name: "Blank".into(),
                    ..Design::default()
                };
                replace_design(stores, blank, "New blank canvas".into());
            }
        }
    };
    view! {
        // Escape closes the menu through the page's shortcuts
        // (`EditorCtx::close_popups`), wherever the focus is.
        <div
            class="sd-menu"
            on:keydown=move |event| {
                if open.get_untracked() {
                    if let Some(menu) = event.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                        move_focus(&menu, &event);
                    }
                }
            }
        >
            <button
                class="sd-button"
                data-testid="templates-button"
                aria-haspopup="true"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| {
                    fetch_index();
                    open.update(|o| *o = !*o);
                }
            >
                "Templates ▾"
            </button>
            <Show when=move || open.get()>
                <div class="sd-menu__list" role="menu" data-testid="templates-menu">
                    <button class="sd-menu__item" role="menuitem" data-testid="template-blank" on:click=move |_| choose(None)>
                        <span class="sd-menu__name">"Blank canvas"</span>
                        <span class="sd-menu__desc">"Start from nothing (undo brings the design back)"</span>
                    </button>
                    {move || match entries.get() {
                        None => view! { <div class="sd-menu__note">"Loading…"</div> }.into_any(),
                        Some(Err(message)) => view! { <div class="sd-menu__note">{message}</div> }.into_any(),
                        Some(Ok(list)) => list
                            .into_iter()
                            .map(|entry| {
                                let chosen = entry.clone();
                                view! {
                                    <button
                                        class="sd-menu__item"
                                        role="menuitem"
                                        data-testid=format!("template-{}", entry.file.trim_end_matches(".json"))
                                        on:click=move |_| choose(Some(chosen.clone()))
                                    >
                                        <span class="sd-menu__name">{entry.name.clone()}</span>
                                        <span class="sd-menu__desc">{entry.description.clone()}</span>
                                    </button>
                                }
                            })
                            .collect_view()
                            .into_any(),
                    }}
                </div>
            </Show>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_home_and_end_move_between_items() {
        assert_eq!(next_item("ArrowDown", None, 3), Some(0));
        assert_eq!(next_item("ArrowDown", Some(0), 3), Some(1));
        assert_eq!(next_item("ArrowDown", Some(2), 3), Some(0));
        assert_eq!(next_item("ArrowUp", Some(0), 3), Some(2));
        assert_eq!(next_item("ArrowUp", None, 3), Some(2));
        assert_eq!(next_item("ArrowUp", Some(2), 3), Some(1));
        assert_eq!(next_item("Home", Some(2), 3), Some(0));
        assert_eq!(next_item("End", Some(0), 3), Some(2));
        assert_eq!(next_item("Enter", Some(0), 3), None);
        assert_eq!(next_item("ArrowDown", None, 0), None);
    }
}
