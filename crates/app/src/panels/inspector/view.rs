//! The inspector's components: one generic row per setting, drawn from the
//! table in `fields.rs`.

use leptos::prelude::*;
use sdplay_sim::{BlockId, BlockKind, Link};

use super::fields::{get, show, unlisted, Field, Input};
use super::{fields, params_value, try_set};
use crate::canvas::BlockIcon;
use crate::state::advice::advice_for;
use crate::state::editor::name_problem;
use crate::state::rules::check_link;
use crate::state::{use_ctx, wording, Edit, EditorCtx, Selection};

#[component]
fn FieldRow(id: BlockId, field: Field, optional_parent: Option<String>) -> impl IntoView {
    let editor: EditorCtx = use_ctx();
    let draft = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let value_at = {
        let id = id.clone();
        move |path: &str| {
            editor.design.with(|d| {
                d.block(&id)
                    .and_then(|b| get(&params_value(&b.params), path).cloned())
            })
        }
    };
    let shown = {
        let (value_at, input, path) = (value_at.clone(), field.input.clone(), field.path.clone());
        move || show(&input, value_at(&path).as_ref())
    };
    let visible = {
        let (value_at, when) = (value_at.clone(), field.when.clone());
        move || {
            let condition = when.as_ref().is_none_or(|(path, wanted)| {
                let value = value_at(path).and_then(|v| v.as_str().map(str::to_owned));
                value.is_some_and(|value| wanted.contains(&value.as_str()))
            });
            let parent = optional_parent
                .as_ref()
                .is_none_or(|parent| value_at(parent).is_some_and(|v| !v.is_null()));
            condition && parent
        }
    };
    let commit = {
        let (id, field) = (id.clone(), field.clone());
        move |text: String| {
            let result = editor
                .design
                .with_untracked(|d| try_set(d, &id, &field, &text));
            match result {
                Ok(params) => {
                    editor.apply(Edit::SetParams {
                        id: id.clone(),
                        params,
                        field: field.label.clone(),
                    });
                    error.set(None);
                }
                Err(message) => error.set(Some(message)),
            }
        }
    };
    let seal = move || {
        editor.editor.update(|state| state.history.seal());
        if error.get_untracked().is_none() {
            draft.set(None);
        }
    };
    let input_id = format!("sd-field-{}-{}", id, field.path.replace('.', "-"));
    let error_id = format!("{input_id}-error");
    let testid = format!("field-{}", field.path);
    let label = field.label.clone();
    let unit = field.unit;

    let control = match field.input.clone() {
        Input::Choice(options) => {
            let commit = commit.clone();
            let select = NodeRef::<leptos::html::Select>::new();
            let in_force = shown.clone();
            view! {
                <select
                    node_ref=select
                    id=input_id.clone()
                    class="sd-field__input"
                    data-testid=testid.clone()
                    aria-invalid=move || error.get().is_some().to_string()
                    aria-describedby=error_id.clone()
                    prop:value=shown.clone()
                    on:change=move |event| {
                        commit(event_target_value(&event));
                        seal();
                        // A refused choice changes nothing, so `prop:value`
                        // does not run again: put the choice in force back
                        // by hand, or the select would show one that is not.
                        if error.get_untracked().is_some() {
                            if let Some(select) = select.get_untracked() {
                                select.set_value(&in_force());
                            }
                        }
                    }
                    on:blur=move |_| error.set(None)
                >
                    {options.iter().map(|option| view! { <option value=*option>{option.replace('_', " ")}</option> }).collect_view()}
                </select>
            }
            .into_any()
        }
        Input::Bool | Input::Optional(_) => {
            let commit = commit.clone();
            let path = field.path.clone();
            let value_at = value_at.clone();
            let optional = matches!(field.input, Input::Optional(_));
            view! {
                <input
                    id=input_id.clone()
                    type="checkbox"
                    class="sd-field__check"
                    data-testid=testid.clone()
                    prop:checked=move || {
                        let value = value_at(&path);
                        if optional { value.is_some_and(|v| !v.is_null()) } else { value.and_then(|v| v.as_bool()).unwrap_or(false) }
                    }
                    on:change=move |event| {
                        commit(event_target_checked(&event).to_string());
                        seal();
                    }
                />
            }
            .into_any()
        }
        _ => {
            let commit = commit.clone();
            let shown = shown.clone();
            let numeric = !matches!(field.input, Input::Text);
            view! {
                <input
                    id=input_id.clone()
                    class="sd-field__input"
                    type="text"
                    inputmode=if numeric { "decimal" } else { "text" }
                    autocomplete="off"
                    spellcheck="false"
                    data-testid=testid.clone()
                    placeholder=if matches!(field.input, Input::Limit) { "unlimited (leave empty)" } else { "" }
                    aria-invalid=move || error.get().is_some().to_string()
                    aria-describedby=error_id.clone()
                    prop:value=move || draft.get().unwrap_or_else(shown.clone())
                    on:input=move |event| {
                        let text = event_target_value(&event);
                        draft.set(Some(text.clone()));
                        commit(text);
                    }
                    on:blur=move |_| seal()
                />
            }
            .into_any()
        }
    };

    view! {
            <div
                class="sd-field"
                class:sd-field--invalid=move || error.get().is_some()
                style:display=move || if visible() { "" } else { "none" }
            >
                <label class="sd-field__label" for=input_id.clone()>{label.clone()}</label>
                <div class="sd-field__control">
                    {control}
                    {(!unit.is_empty()).then(|| view! { <span class="sd-field__unit">{unit}</span> })}
                </div>
                <Show when=move || error.get().is_some()>
                    <p class="sd-field__error" id=error_id.clone() role="alert" data-testid=format!("{}-error", testid.clone())>
                        {move || error.get().unwrap_or_default()}
                        <span class="sd-field__kept">" · the last valid value stays in force"</span>
                    </p>
                </Show>
            </div>
    }
}

#[component]
fn NameRow(id: BlockId) -> impl IntoView {
    let editor: EditorCtx = use_ctx();
    let error = RwSignal::new(None::<String>);
    // What is typed while it is not a valid name; the name in force
    // otherwise, and again once the field loses focus.
    let draft = RwSignal::new(None::<String>);
    let name = {
        let id = id.clone();
        move || {
            editor
                .design
                .with(|d| d.block(&id).map(|b| b.name.clone()).unwrap_or_default())
        }
    };
    view! {
        <div class="sd-field" class:sd-field--invalid=move || error.get().is_some()>
            <label class="sd-field__label" for="sd-name-field">"Name"</label>
            <input
                id="sd-name-field"
                class="sd-field__input sd-field__input--name"
                data-testid="field-name"
                autocomplete="off"
                prop:value=move || draft.get().unwrap_or_else(name.clone())
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby="sd-name-field-error"
                on:input=move |event| {
                    let text = event_target_value(&event);
                    if let Some(problem) = name_problem(&text) {
                        draft.set(Some(text));
                        error.set(Some(problem));
                    } else {
                        draft.set(None);
                        error.set(None);
                        editor.apply(Edit::Rename { id: id.clone(), name: text });
                    }
                }
                on:blur=move |_| {
                    editor.editor.update(|state| state.history.seal());
                    draft.set(None);
                    error.set(None);
                }
            />
            <Show when=move || error.get().is_some()>
                <p class="sd-field__error" id="sd-name-field-error" role="alert" data-testid="field-name-error">
                    {move || error.get().unwrap_or_default()}
                    <span class="sd-field__kept">" · the name stays as it was"</span>
                </p>
            </Show>
        </div>
    }
}

/// The links a block makes, with a way to add one by keyboard.
#[component]
fn LinksSection(id: BlockId) -> impl IntoView {
    let editor: EditorCtx = use_ctx();
    let outgoing = {
        let id = id.clone();
        Memo::new(move |_| {
            editor.design.with(|d| {
                d.links
                    .iter()
                    .filter(|l| l.from == id)
                    .map(|l| {
                        (
                            l.clone(),
                            d.block(&l.to).map(|b| b.name.clone()).unwrap_or_default(),
                        )
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    let candidates = {
        let id = id.clone();
        Memo::new(move |_| {
            editor.design.with(|d| {
                d.blocks
                    .iter()
                    .filter(|b| check_link(d, &id, &b.id).is_ok())
                    .map(|b| (b.id.clone(), b.name.clone()))
                    .collect::<Vec<_>>()
            })
        })
    };
    let chosen = RwSignal::new(String::new());
    let connect = {
        let id = id.clone();
        move |_| {
            let to = chosen.get_untracked();
            if !to.is_empty() {
                editor.apply(Edit::Connect {
                    from: id.clone(),
                    to: BlockId(to),
                });
                chosen.set(String::new());
            }
        }
    };
    view! {
        <section class="sd-inspector__section">
            <h3 class="sd-inspector__heading">"Sends requests to"</h3>
            <ul class="sd-links">
                {move || {
                    let list = outgoing.get();
                    if list.is_empty() {
                        return view! { <li class="sd-links__none">"nothing yet"</li> }.into_any();
                    }
                    list.into_iter()
                        .map(|(link, name)| {
                            let remove = link.clone();
                            view! {
                                <li>
                                    <span class="sd-links__name" title=name.clone()>{name.clone()}</span>
                                    <button
                                        class="sd-button sd-button--quiet sd-button--small"
                                        aria-label=format!("Remove the link to {name}")
                                        on:click=move |_| remove_link(editor, &remove)
                                    >
                                        "Remove"
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                        .into_any()
                }}
            </ul>
            <Show when=move || !candidates.get().is_empty()>
                <div class="sd-links__add">
                    <select
                        class="sd-field__input"
                        aria-label="Block to connect to"
                        data-testid="connect-select"
                        prop:value=move || chosen.get()
                        on:change=move |event| chosen.set(event_target_value(&event))
                    >
                        <option value="">"Connect to…"</option>
                        {move || candidates.get().into_iter().map(|(id, name)| view! { <option value=id.to_string()>{format!("{name} ({id})")}</option> }).collect_view()}
                    </select>
                    <button class="sd-button sd-button--small" on:click=connect.clone()>"Connect"</button>
                </div>
            </Show>
        </section>
    }
}

fn remove_link(editor: EditorCtx, link: &Link) {
    editor.select(Selection::of_link(link));
    editor.apply(Edit::DeleteSelection);
}

/// The id of the selected block's heading in the inspector.
const TITLE_ID: &str = "sd-inspector-title";

/// Puts the focus on the selected block's heading (the block was chosen
/// from a list that is gone now); Tab goes on to its name.
fn focus_title() {
    use wasm_bindgen::JsCast;
    let title = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(TITLE_ID))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(title) = title {
        let _ = title.focus();
    }
}

#[component]
fn BlockInspector(id: BlockId) -> impl IntoView {
    let editor: EditorCtx = use_ctx();
    let Some((kind, params)) = editor
        .design
        .with_untracked(|d| d.block(&id).map(|b| (b.kind(), params_value(&b.params))))
    else {
        return ().into_any();
    };
    let table = fields(kind);
    let more = unlisted(&params, &table);
    let optional_parent = |field: &Field, table: &[Field]| {
        table
            .iter()
            .find(|other| {
                matches!(other.input, Input::Optional(_))
                    && field.path.starts_with(&format!("{}.", other.path))
            })
            .map(|other| other.path.clone())
    };
    let rows = table
        .iter()
        .map(|field| {
            let parent = optional_parent(field, &table);
            view! { <FieldRow id=id.clone() field=field.clone() optional_parent=parent /> }
        })
        .collect_view();
    let extra = (!more.is_empty()).then(|| {
        view! {
            <h3 class="sd-inspector__heading">"More"</h3>
            {more.into_iter().map(|field| view! { <FieldRow id=id.clone() field=field optional_parent=None /> }).collect_view()}
        }
    });
    let problems = {
        let id = id.clone();
        Memo::new(move |_| {
            editor.runnable.with(|(_, problems)| {
                problems
                    .iter()
                    .filter(|p| p.block.as_ref() == Some(&id))
                    .map(|p| p.message.clone())
                    .collect::<Vec<_>>()
            })
        })
    };
    let advice = {
        let id = id.clone();
        Memo::new(move |_| editor.design.with(|d| advice_for(d, &id)))
    };
    let id_text = id.to_string();
    view! {
        <div class="sd-inspector__block" data-testid="inspector-block">
            <header class="sd-inspector__title" id=TITLE_ID tabindex="-1" data-testid="inspector-title">
                <svg class="sd-inspector__icon" viewBox="0 0 24 24" aria-hidden="true">
                    <BlockIcon kind=kind x=0.0 y=0.0 />
                </svg>
                <div>
                    <div class="sd-inspector__kind">{kind.label()}</div>
                    <code class="sd-inspector__id" data-testid="inspector-id" title="The block's id in design files">{id_text}</code>
                </div>
            </header>
            <Show when=move || !problems.get().is_empty()>
                <ul class="sd-problems" data-testid="block-problems">
                    {move || problems.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                </ul>
            </Show>
            // Not problems: the design runs; a real system would not.
            <Show when=move || !advice.get().is_empty()>
                <ul class="sd-advice" data-testid="block-advice">
                    {move || advice.get().into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}
                </ul>
            </Show>
            <NameRow id=id.clone() />
            {rows}
            {extra}
            {(kind != BlockKind::Zone && kind != BlockKind::Database).then(|| view! { <LinksSection id=id.clone() /> })}
        </div>
    }
    .into_any()
}

#[component]
fn DesignOverview() -> impl IntoView {
    let editor: EditorCtx = use_ctx();
    let problems = move || {
        editor.runnable.with(|(_, problems)| {
            problems
                .iter()
                .map(|p| p.message.clone())
                .collect::<Vec<_>>()
        })
    };
    let counts = move || editor.design.with(|d| (d.blocks.len(), d.links.len()));
    // Valid blocks no users block reaches are not simulated: say which.
    let ok_text = move || {
        let idle: Vec<String> = editor.runnable.with(|(run, _)| {
            editor.design.with(|d| {
                d.blocks
                    .iter()
                    .filter(|b| b.kind() != BlockKind::Zone && run.block(&b.id).is_none())
                    .map(|b| b.name.clone())
                    .collect()
            })
        });
        if idle.is_empty() {
            "Every block is running.".to_owned()
        } else {
            format!(
                "Every block can run; no traffic reaches {} yet.",
                idle.join(", ")
            )
        }
    };
    let blocks = move || {
        editor.design.with(|d| {
            d.blocks
                .iter()
                .map(|b| (b.id.clone(), b.name.clone(), b.kind()))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <div class="sd-inspector__empty">
            <h2 class="sd-inspector__heading sd-inspector__heading--name">{move || editor.design.with(|d| if d.name.is_empty() { "Untitled design".to_owned() } else { d.name.clone() })}</h2>
            <p class="sd-inspector__hint">{move || { let (b, l) = counts(); format!("{b} blocks, {l} links. Select a block to see and change its settings.") }}</p>
            <Show
                when=move || !problems().is_empty()
                fallback=move || view! { <p class="sd-inspector__ok" data-testid="design-ok">{ok_text}</p> }
            >
                <h3 class="sd-inspector__heading">"Not running yet"</h3>
                <ul class="sd-problems" data-testid="design-problems">
                    {move || problems().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                </ul>
            </Show>
            <h3 class="sd-inspector__heading">"Blocks"</h3>
            <ul class="sd-block-list" aria-label="Blocks in the design">
                {move || {
                    blocks()
                        .into_iter()
                        .map(|(id, name, kind)| {
                            let chosen = id.clone();
                            let title = name.clone();
                            view! {
                                <li>
                                    <button
                                        class="sd-block-list__item"
                                        on:click=move |_| {
                                            editor.select(Selection::of_blocks([chosen.clone()]));
                                            // This list is about to go: the focus would
                                            // fall to the page and the next Tab start over.
                                            request_animation_frame(focus_title);
                                        }
                                    >
                                        <svg class="sd-block-list__icon" viewBox="0 0 24 24" aria-hidden="true"><BlockIcon kind=kind x=0.0 y=0.0 /></svg>
                                        <span class="sd-block-list__name" title=title>{name}</span>
                                        <code>{id.to_string()}</code>
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}

#[component]
pub fn Inspector() -> impl IntoView {
    let editor: EditorCtx = use_ctx();
    let single = Memo::new(move |_| editor.selection.with(|s| s.single_block().cloned()));
    let summary = Memo::new(move |_| {
        editor.selection.with(|s| {
            (
                s.blocks.len(),
                s.links.iter().next().cloned(),
                s.links.len(),
            )
        })
    });
    view! {
        <aside class="sd-inspector" aria-label="Inspector" data-testid="inspector">
            {move || match single.get() {
                Some(id) => view! { <BlockInspector id=id /> }.into_any(),
                None => match summary.get() {
                    (0, None, _) => view! { <DesignOverview /> }.into_any(),
                    (0, Some((from, to)), 1) => view! {
                        <div class="sd-inspector__empty">
                            <h2 class="sd-inspector__heading">"Link"</h2>
                            <p data-testid="link-summary">{move || editor.design.with(|d| wording::link_sentence(d, &Link { from: from.clone(), to: to.clone() }))}</p>
                            <button class="sd-button" on:click=move |_| { editor.apply(Edit::DeleteSelection); }>"Delete link"</button>
                        </div>
                    }.into_any(),
                    _ => view! {
                        <div class="sd-inspector__empty">
                            <h2 class="sd-inspector__heading" data-testid="selection-summary">
                                {move || {
                                    let selection = editor.selection.get();
                                    editor.design.with(|d| wording::selection_summary(d, &selection))
                                }}
                            </h2>
                            <p class="sd-inspector__hint">"Drag to move them together; Ctrl/⌘+D duplicates, Delete removes."</p>
                            <button class="sd-button" on:click=move |_| { editor.apply(Edit::DeleteSelection); }>"Delete selection"</button>
                        </div>
                    }.into_any(),
                },
            }}
        </aside>
    }
}
