//! Runs commands from the keyboard and the toolbar against the page's
//! stores.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{action_for, apply_to_editor, is_enabled, ActionId, KeyPress};
use crate::canvas::geometry::Point;
use crate::state::{use_ctx, EditorCtx, RunCtx};

/// The canvas element's id; its size is needed to zoom about its centre.
pub const CANVAS_ID: &str = "sd-canvas";

/// The canvas's size in pixels.
pub fn canvas_size() -> Option<(f64, f64)> {
    let element = web_sys::window()?
        .document()?
        .get_element_by_id(CANVAS_ID)?;
    let rect = element.get_bounding_client_rect();
    Some((rect.width(), rect.height()))
}

/// The stores commands act on; taken from context while a component is
/// built, since event handlers run outside it.
#[derive(Clone, Copy)]
pub struct Stores {
    pub editor: EditorCtx,
    pub run: RunCtx,
}

impl Stores {
    pub fn from_context() -> Stores {
        Stores {
            editor: use_ctx(),
            run: use_ctx(),
        }
    }
}

/// Runs `id` (Shift held for a bigger nudge).
pub fn run_action(stores: Stores, id: ActionId, shift: bool) {
    let Stores { editor, run } = stores;
    match id {
        ActionId::PlayPause => run.running.update(|running| *running = !*running),
        ActionId::Help => editor.help_open.update(|open| *open = !*open),
        ActionId::Fit => editor.fit(),
        ActionId::ZoomIn | ActionId::ZoomOut => {
            let (width, height) = canvas_size().unwrap_or((800.0, 600.0));
            let factor = if id == ActionId::ZoomIn { 1.25 } else { 0.8 };
            editor.viewport.update(|view| {
                *view = view.zoomed_at(Point::new(width / 2.0, height / 2.0), factor)
            });
        }
        _ => {
            let result = editor
                .editor
                .try_update(|state| apply_to_editor(id, state, shift))
                .flatten();
            if let Some(Err(message)) = result {
                editor.show_toast(message);
            }
        }
    }
}

fn is_text_field(target: &web_sys::EventTarget) -> bool {
    let Some(element) = target.dyn_ref::<web_sys::HtmlElement>() else {
        return false;
    };
    let tag = element.tag_name().to_lowercase();
    element.is_content_editable()
        || tag == "textarea"
        || tag == "select"
        || (tag == "input"
            && !matches!(
                element.get_attribute("type").as_deref(),
                Some("range" | "checkbox" | "button" | "radio")
            ))
}

fn on_canvas(target: &web_sys::EventTarget) -> bool {
    target
        .dyn_ref::<web_sys::Element>()
        .is_some_and(|element| element.id() == CANVAS_ID)
}

/// Listens for shortcuts on the whole page until it closes.
pub fn use_shortcuts() {
    let stores = Stores::from_context();
    let editor = stores.editor;
    let handle = window_event_listener(ev::keydown, move |event| {
        let Some(target) = event.target() else {
            return;
        };
        if is_text_field(&target) {
            return;
        }
        let press = KeyPress {
            key: event.key(),
            ctrl: event.ctrl_key(),
            meta: event.meta_key(),
            shift: event.shift_key(),
            alt: event.alt_key(),
        };
        let Some(id) = action_for(&press, on_canvas(&target)) else {
            return;
        };
        // Space on the canvas plays or pauses when it is let go without a
        // drag (held down, it pans): the canvas handles it.
        if id == ActionId::PlayPause {
            return;
        }
        // Ctrl+D would bookmark the page, Space scroll it, arrows too.
        event.prevent_default();
        // Escape closes an open dialog or menu first, whatever is selected.
        if id == ActionId::Deselect && editor.close_popups() {
            return;
        }
        if editor.editor.with_untracked(|state| is_enabled(id, state)) {
            run_action(stores, id, press.shift);
        }
    });
    on_cleanup(move || handle.remove());
}
