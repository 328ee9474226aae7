//! The canvas element: turns pointer, wheel and touch events into gesture
//! transitions, carries out what the gestures ask, and lays the drawing
//! (`Diagram`), the overlay and the tooltips over a grid.

use std::collections::BTreeSet;

use leptos::prelude::*;
use sdplay_sim::{BlockId, BlockKind};
use web_sys::{PointerEvent, WheelEvent};

use super::diagram::Diagram;
use super::geometry::{bounds, Point, Viewport, GRID};
use super::hit::Hit;
use super::interaction::{Effect as GestureEffect, Gesture, Pointer, Scene, Transition};
use super::overlay::{HoverCard, Overlay, RefusalTip};
use crate::actions::{canvas_size, CANVAS_ID};
use crate::state::{use_ctx, EditorCtx, RunCtx};

/// What the canvas shares with the things it draws.
#[derive(Clone, Copy)]
pub struct CanvasCtx {
    pub gesture: RwSignal<Gesture>,
    pub hover: RwSignal<Hit>,
    /// Blocks being dragged and the offset so far.
    pub translation: Memo<Option<(BTreeSet<BlockId>, f64, f64)>>,
    /// A zone being resized and its size so far.
    pub resize: Memo<Option<(BlockId, f64, f64)>>,
    /// The block the latest window found busiest.
    pub bottleneck: Memo<Option<BlockId>>,
}

/// The canvas-relative point of a pointer event.
fn local_point(element: &web_sys::Element, client_x: f64, client_y: f64) -> Point {
    let rect = element.get_bounding_client_rect();
    Point::new(client_x - rect.left(), client_y - rect.top())
}

/// Carries out what a gesture asked for.
fn carry_out(effects: Vec<GestureEffect>, editor: EditorCtx, canvas: CanvasCtx) {
    for effect in effects {
        match effect {
            GestureEffect::Select(selection) => editor.select(selection),
            GestureEffect::Edit(edit) => {
                editor.apply(edit);
            }
            GestureEffect::Pan { dx, dy } => {
                editor.viewport.update(|view| *view = view.panned(dx, dy))
            }
            GestureEffect::Hover(hit) => {
                if canvas.hover.get_untracked() != hit {
                    canvas.hover.set(hit);
                }
            }
            GestureEffect::Toast(message) => editor.show_toast(message),
            GestureEffect::Rename(_) => focus_name_field(),
        }
    }
}

/// Puts the cursor in the inspector's name field.
pub fn focus_name_field() {
    use wasm_bindgen::JsCast;
    let field = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("sd-name-field"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
    if let Some(field) = field {
        let _ = field.focus();
        field.select();
    }
}

/// Fits the design into the canvas.
pub fn fit_view(editor: EditorCtx) {
    let Some((width, height)) = canvas_size() else {
        return;
    };
    let view = match editor.design.with_untracked(bounds) {
        Some(area) => Viewport::fitting(area, width, height),
        None => Viewport::default(),
    };
    editor.viewport.set(view);
}

#[component]
pub fn EditorCanvas() -> impl IntoView {
    let editor: EditorCtx = use_ctx();
    let run: RunCtx = use_ctx();
    let stores = crate::actions::Stores::from_context();
    let gesture = RwSignal::new(Gesture::Idle);
    let canvas = CanvasCtx {
        gesture,
        hover: RwSignal::new(Hit::Empty),
        translation: Memo::new(move |_| {
            gesture.with(|g| g.translation().map(|(ids, dx, dy)| (ids.clone(), dx, dy)))
        }),
        resize: Memo::new(move |_| {
            gesture.with(|g| match g {
                Gesture::Resizing(r) => Some((r.zone.clone(), r.width, r.height)),
                _ => None,
            })
        }),
        bottleneck: Memo::new(move |_| {
            run.history.with(|h| {
                h.back()
                    .and_then(|w| w.bottleneck().map(|(id, _)| id.clone()))
            })
        }),
    };
    provide_context(canvas);
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();
    let space_held = RwSignal::new(false);
    // Space was used to pan while held: letting it go does not play.
    let space_panned = StoredValue::new(false);
    // Active touch points, for pinch zoom: (pointer id, canvas point).
    let touches = StoredValue::new(Vec::<(i32, Point)>::new());

    let pointer_of = move |event: &PointerEvent| -> Option<Pointer> {
        let element = svg_ref.get_untracked()?;
        let screen = local_point(
            &element,
            f64::from(event.client_x()),
            f64::from(event.client_y()),
        );
        let world = editor.viewport.get_untracked().to_world(screen);
        Some(Pointer {
            screen,
            world,
            button: event.button(),
            shift: event.shift_key(),
            command: event.ctrl_key() || event.meta_key(),
            alt: event.alt_key(),
        })
    };
    let step = move |f: &dyn Fn(Gesture, &Scene) -> Transition| {
        let zoom = editor.viewport.get_untracked().zoom;
        let (next, effects) = editor.editor.with_untracked(|state| {
            let scene = Scene {
                editor: state,
                zoom,
                space_held: space_held.get_untracked(),
            };
            f(gesture.get_untracked(), &scene)
        });
        if gesture.with_untracked(|g| g != &next) {
            gesture.set(next);
        }
        carry_out(effects, editor, canvas);
    };

    // Two fingers: zoom about their midpoint and pan with it.
    let pinch = move |id: i32, at: Point| -> bool {
        touches.update_value(|list| {
            if let Some(entry) = list.iter_mut().find(|(touch, _)| *touch == id) {
                entry.1 = at;
            }
        });
        let list = touches.get_value();
        if list.len() != 2 {
            return false;
        }
        true
    };

    let on_down = move |event: PointerEvent| {
        let Some(pointer) = pointer_of(&event) else {
            return;
        };
        // The press itself focuses the canvas (it has a tabindex), which,
        // unlike a scripted focus, does not draw the keyboard focus ring.
        if let Some(element) = svg_ref.get_untracked() {
            let _ = element.set_pointer_capture(event.pointer_id());
        }
        if event.pointer_type() == "touch" {
            touches.update_value(|list| list.push((event.pointer_id(), pointer.screen)));
            if touches.with_value(Vec::len) >= 2 {
                gesture.set(Gesture::Idle);
                return;
            }
        }
        if pointer.button == 1 {
            event.prevent_default();
        }
        if space_held.get_untracked() {
            space_panned.set_value(true);
        }
        step(&|g, scene| g.down(scene, pointer));
    };
    let on_move = move |event: PointerEvent| {
        let Some(pointer) = pointer_of(&event) else {
            return;
        };
        if event.pointer_type() == "touch" {
            let before = touches.get_value();
            if pinch(event.pointer_id(), pointer.screen) && before.len() == 2 {
                let after = touches.get_value();
                let mid = |l: &[(i32, Point)]| {
                    Point::new((l[0].1.x + l[1].1.x) / 2.0, (l[0].1.y + l[1].1.y) / 2.0)
                };
                let spread = |l: &[(i32, Point)]| l[0].1.distance(l[1].1).max(1.0);
                let (m0, m1) = (mid(&before), mid(&after));
                let factor = spread(&after) / spread(&before);
                editor.viewport.update(|view| {
                    *view = view.panned(m1.x - m0.x, m1.y - m0.y).zoomed_at(m1, factor)
                });
                return;
            }
        }
        step(&|g, scene| g.moved(scene, pointer));
    };
    let on_up = move |event: PointerEvent| {
        touches.update_value(|list| list.retain(|(id, _)| *id != event.pointer_id()));
        let Some(pointer) = pointer_of(&event) else {
            return;
        };
        step(&|g, scene| g.up(scene, pointer));
    };
    let on_cancel = move |event: PointerEvent| {
        touches.update_value(|list| list.retain(|(id, _)| *id != event.pointer_id()));
        gesture.update(|g| *g = std::mem::take(g).cancel());
    };
    let on_leave = move |_| {
        if gesture.with_untracked(Gesture::is_idle) {
            canvas.hover.set(Hit::Empty);
        }
    };
    let on_wheel = move |event: WheelEvent| {
        event.prevent_default();
        let Some(element) = svg_ref.get_untracked() else {
            return;
        };
        let at = local_point(
            &element,
            f64::from(event.client_x()),
            f64::from(event.client_y()),
        );
        let (dx, dy) = (event.delta_x(), event.delta_y());
        editor.viewport.update(|view| {
            *view = if event.shift_key() {
                view.panned(-dy, -dx)
            } else {
                // A pinch on a touchpad arrives as a wheel with Ctrl held,
                // in finer steps than a mouse wheel.
                let rate = if event.ctrl_key() { 0.01 } else { 0.0015 };
                view.zoomed_at(at, (-dy * rate).exp())
            }
        });
    };
    let on_double = move |event: web_sys::MouseEvent| {
        let Some(element) = svg_ref.get_untracked() else {
            return;
        };
        let at = local_point(
            &element,
            f64::from(event.client_x()),
            f64::from(event.client_y()),
        );
        let world = editor.viewport.get_untracked().to_world(at);
        let zoom = editor.viewport.get_untracked().zoom;
        let hit = editor
            .design
            .with_untracked(|d| super::hit::hit_test(d, world, 1.0 / zoom));
        if let Hit::Block(_) = hit {
            focus_name_field();
        }
    };
    let on_key = move |event: web_sys::KeyboardEvent| {
        if event.key() == " " {
            event.prevent_default();
            let down = event.type_() == "keydown";
            if down && !space_held.get_untracked() {
                space_panned.set_value(false);
            }
            if !down && !space_panned.get_value() {
                crate::actions::run_action(stores, crate::actions::ActionId::PlayPause, false);
            }
            space_held.set(down);
        }
        if event.key() == "Escape" && !gesture.with_untracked(Gesture::is_idle) {
            gesture.update(|g| *g = std::mem::take(g).cancel());
        }
    };

    // Fit when asked, and once the canvas has its size.
    Effect::new(move |_| {
        editor.fit_request.track();
        request_animation_frame(move || fit_view(editor));
    });

    let view_transform = move || {
        let view = editor.viewport.get();
        format!(
            "translate({} {}) scale({})",
            view.pan_x, view.pan_y, view.zoom
        )
    };
    let cursor_class = move || {
        let gesture_class = gesture.with(|g| match g {
            Gesture::Panning(_) => "sd-canvas--panning",
            Gesture::Translating(_) => "sd-canvas--moving",
            Gesture::Connecting(_) => "sd-canvas--connecting",
            _ => "",
        });
        let hover_class = canvas.hover.with(|hit| match hit {
            Hit::Port(..) => "sd-canvas--over-port",
            Hit::Block(_) | Hit::Link(_) => "sd-canvas--over-item",
            Hit::ZoneResize(_) => "sd-canvas--over-grip",
            Hit::Empty => "",
        });
        let space = if space_held.get() {
            "sd-canvas--hand"
        } else {
            ""
        };
        format!("sd-canvas {gesture_class} {hover_class} {space}")
    };
    let hovered_block = Memo::new(move |_| match canvas.hover.get() {
        Hit::Block(id) | Hit::Port(id, _) if gesture.with(Gesture::is_idle) => {
            editor.design.with(|d| {
                d.block(&id)
                    .filter(|b| b.kind() != BlockKind::Zone)
                    .map(|b| b.id.clone())
            })
        }
        _ => None,
    });

    view! {
        <div class="sd-canvas-wrap">
            <svg
                id=CANVAS_ID
                node_ref=svg_ref
                class=cursor_class
                class:sd-canvas--paused=move || !run.running.get()
                data-testid="canvas"
                tabindex="0"
                role="application"
                aria-label="Design canvas. Drag blocks from the palette, drag from a block's right port to another block to connect them. Press ? for keyboard shortcuts."
                on:pointerdown=on_down
                on:pointermove=on_move
                on:pointerup=on_up
                on:pointercancel=on_cancel
                on:pointerleave=on_leave
                on:wheel=on_wheel
                on:dblclick=on_double
                on:keydown=on_key
                on:keyup=on_key
                on:contextmenu=|event| event.prevent_default()
            >
                <defs>
                    <pattern
                        id="sd-grid"
                        width=GRID
                        height=GRID
                        patternUnits="userSpaceOnUse"
                        patternTransform=view_transform
                    >
                        <circle class="sd-grid__dot" cx="1" cy="1" r="1" />
                    </pattern>
                    <marker
                        id="sd-arrow"
                        viewBox="0 0 10 10"
                        refX="9"
                        refY="5"
                        markerUnits="userSpaceOnUse"
                        markerWidth="9"
                        markerHeight="9"
                        orient="auto-start-reverse"
                    >
                        <path d="M0 0L10 5L0 10z" class="sd-link__arrow" />
                    </marker>
                </defs>
                <rect class="sd-canvas__grid" width="100%" height="100%" fill="url(#sd-grid)" />
                <g class="sd-world" transform=view_transform>
                    <Diagram />
                    <Overlay />
                </g>
            </svg>
            <HoverCard block=hovered_block />
            <RefusalTip />
            <Show when=move || editor.design.with(|d| d.blocks.is_empty())>
                <div class="sd-empty-hint" data-testid="empty-hint">
                    <strong>"A blank canvas."</strong>
                    " Drag blocks here from the palette, then drag from a block's right-hand port to another block to connect them — or pick a template."
                </div>
            </Show>
        </div>
    }
}
