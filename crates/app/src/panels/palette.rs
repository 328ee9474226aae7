//! The palette: one button per block kind. Drag one onto the canvas (a
//! ghost follows the pointer), or press it (mouse or keyboard) to add the
//! block in the middle of the view.

use leptos::ev;
use leptos::prelude::*;
use sdplay_sim::BlockKind;

use crate::actions::CANVAS_ID;
use crate::canvas::geometry::{Point, BLOCK_H, BLOCK_W};
use crate::canvas::interaction::DRAG_THRESHOLD;
use crate::canvas::BlockIcon;
use crate::state::{free_spot, use_ctx, Edit, EditorCtx};

/// A drag from the palette: the kind, where it started and where the
/// pointer is (page pixels), and whether it has moved yet.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Drag {
    kind: BlockKind,
    start: Point,
    at: Point,
    moved: bool,
}

/// The canvas's rectangle on the page, if `at` lies in it: the point
/// relative to the canvas.
fn over_canvas(at: Point) -> Option<Point> {
    let element = web_sys::window()?
        .document()?
        .get_element_by_id(CANVAS_ID)?;
    let rect = element.get_bounding_client_rect();
    let inside =
        at.x >= rect.left() && at.x <= rect.right() && at.y >= rect.top() && at.y <= rect.bottom();
    inside.then(|| Point::new(at.x - rect.left(), at.y - rect.top()))
}

fn kind_hint(kind: BlockKind) -> &'static str {
    match kind {
        BlockKind::Users => "Where requests come from",
        BlockKind::Cdn => "Serves static assets at the edge",
        BlockKind::Gateway => "Auth and rate limiting",
        BlockKind::LoadBalancer => "Spreads requests over instances",
        BlockKind::App => "Stateless servers calling cache and database",
        BlockKind::Cache => "Answers reads it holds",
        BlockKind::Database => "Primary and read replicas",
        BlockKind::Zone => "A container for blocks",
    }
}

#[component]
pub fn Palette() -> impl IntoView {
    let editor: EditorCtx = use_ctx();
    let drag = RwSignal::new(None::<Drag>);
    // A drag that ends back on its button is no click.
    let dragged = StoredValue::new(false);

    let add_at_center = move |kind: BlockKind| {
        let (width, height) = crate::actions::canvas_size().unwrap_or((800.0, 500.0));
        let view = editor.viewport.get_untracked();
        let center = view.to_world(Point::new(width / 2.0, height / 2.0));
        let wanted = Point::new(center.x - BLOCK_W / 2.0, center.y - BLOCK_H / 2.0);
        let at = if kind == BlockKind::Zone {
            wanted
        } else {
            editor
                .design
                .with_untracked(|design| free_spot(design, wanted))
        };
        editor.apply(Edit::AddBlock { kind, at });
    };

    let move_handle = window_event_listener(ev::pointermove, move |event| {
        if drag.with_untracked(Option::is_none) {
            return;
        }
        let at = Point::new(f64::from(event.client_x()), f64::from(event.client_y()));
        drag.update(|drag| {
            if let Some(drag) = drag {
                drag.at = at;
                drag.moved |= drag.start.distance(at) >= DRAG_THRESHOLD;
            }
        });
    });
    let up_handle = window_event_listener(ev::pointerup, move |event| {
        let Some(done) = drag.get_untracked() else {
            return;
        };
        drag.set(None);
        dragged.set_value(done.moved);
        let at = Point::new(f64::from(event.client_x()), f64::from(event.client_y()));
        if !done.moved {
            // A press without a drag is a click: `on:click` adds the block.
            return;
        }
        if let Some(local) = over_canvas(at) {
            let world = editor.viewport.get_untracked().to_world(local);
            let (w, h) = if done.kind == BlockKind::Zone {
                (400.0, 300.0)
            } else {
                (BLOCK_W, BLOCK_H)
            };
            editor.apply(Edit::AddBlock {
                kind: done.kind,
                at: Point::new(world.x - w / 2.0, world.y - h / 2.0),
            });
        }
    });
    on_cleanup(move || {
        move_handle.remove();
        up_handle.remove();
    });

    let ghost = move || {
        drag.get().filter(|d| d.moved).map(|d| {
            let zoom = editor.viewport.get_untracked().zoom;
            let over = over_canvas(d.at).is_some();
            let (w, h) = if d.kind == BlockKind::Zone { (400.0, 300.0) } else { (BLOCK_W, BLOCK_H) };
            view! {
                <div
                    class="sd-ghost"
                    class:sd-ghost--over=over
                    data-testid="palette-ghost"
                    style:left=format!("{}px", d.at.x - w * zoom / 2.0)
                    style:top=format!("{}px", d.at.y - h * zoom / 2.0)
                    style:width=format!("{}px", w * zoom)
                    style:height=format!("{}px", h * zoom)
                >
                    <svg viewBox="0 0 24 24" class="sd-ghost__icon" aria-hidden="true"><BlockIcon kind=d.kind x=0.0 y=0.0 /></svg>
                    <span>{d.kind.label()}</span>
                </div>
            }
        })
    };

    view! {
        <nav class="sd-palette" aria-label="Blocks: drag one onto the canvas, or press it to add it">
            <div class="sd-palette__title">"Blocks"</div>
            {BlockKind::ALL
                .into_iter()
                .map(|kind| {
                    view! {
                        <button
                            class=format!("sd-palette__item sd-palette__item--{}", kind.as_str())
                            data-testid=format!("palette-{}", kind.as_str())
                            title=format!("{}: {}", kind.label(), kind_hint(kind))
                            aria-label=format!("Add {}", kind.label())
                            on:pointerdown=move |event| {
                                if event.button() != 0 {
                                    return;
                                }
                                event.prevent_default();
                                let at = Point::new(f64::from(event.client_x()), f64::from(event.client_y()));
                                drag.set(Some(Drag { kind, start: at, at, moved: false }));
                            }
                            on:click=move |_| {
                                if !dragged.get_value() {
                                    add_at_center(kind);
                                }
                                dragged.set_value(false);
                            }
                        >
                            <svg viewBox="0 0 24 24" class="sd-palette__icon" aria-hidden="true">
                                <BlockIcon kind=kind x=0.0 y=0.0 />
                            </svg>
                            <span class="sd-palette__label">{kind.label()}</span>
                        </button>
                    }
                })
                .collect_view()}
            {ghost}
        </nav>
    }
}
