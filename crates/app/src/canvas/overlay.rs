//! Drawn over the design while gestures run: the rubber band and the
//! connection preview (green when the link would be accepted, red with the
//! reason when not); and the card with a hovered block's numbers.

use leptos::prelude::*;
use sdplay_sim::{BlockId, BlockKind, Reason};

use super::diagram::load_text;
use super::geometry::{block_rect, link_path, port, Point, Rect, Side};
use super::interaction::Gesture;
use super::placement::place_card;
use super::view::CanvasCtx;
use crate::actions::canvas_size;
use crate::format;

use crate::state::{use_ctx, EditorCtx, RunCtx};

/// The refusal tip's width [px], for placing it.
const TIP_W: f64 = 280.0;

/// The hover card's size [px] with `rows` rows of numbers on a canvas
/// `canvas_w` wide. Where there is room it is wide and short, two numbers
/// a line, so that it fits above or below a block instead of over the
/// blocks beside it; the rows are about 16.5 px (11.5 px type, 1.35 line
/// height) under 52 px of padding, title and kind.
fn card_size(rows: usize, canvas_w: f64) -> (f64, f64, bool) {
    let wide = canvas_w >= 600.0;
    let (width, lines) = if wide {
        (440.0, rows.div_ceil(2))
    } else {
        (250.0, rows)
    };
    (width, 52.0 + lines as f64 * 16.5, wide)
}

/// Inside the world transform: the band and the link preview.
#[component]
pub fn Overlay() -> impl IntoView {
    let canvas: CanvasCtx = use_ctx();
    let editor: EditorCtx = use_ctx();
    let band = move || {
        canvas.gesture.with(|g| match g {
            Gesture::RubberBand(band) => Some(band.rect()),
            _ => None,
        })
    };
    let preview = move || {
        canvas.gesture.with(|g| {
            let Gesture::Connecting(connecting) = g else {
                return None;
            };
            // Over an acceptable block, the line snaps to its port.
            let (end, class) = match &connecting.over {
                Some((id, verdict)) => {
                    let side = match connecting.side {
                        Side::Out => Side::In,
                        Side::In => Side::Out,
                    };
                    let snapped = editor
                        .design
                        .with_untracked(|d| d.block(id).and_then(|b| port(b, side)));
                    match verdict {
                        Ok(()) => (snapped.unwrap_or(connecting.at), "sd-preview--ok"),
                        Err(_) => (connecting.at, "sd-preview--refused"),
                    }
                }
                None => (connecting.at, ""),
            };
            let (from, to) = match connecting.side {
                Side::Out => (connecting.start, end),
                Side::In => (end, connecting.start),
            };
            Some((link_path(from, to), class))
        })
    };
    let target_outline = move || {
        canvas.gesture.with(|g| {
            let Gesture::Connecting(connecting) = g else {
                return None;
            };
            let (id, verdict) = connecting.over.as_ref()?;
            let rect = editor
                .design
                .with_untracked(|d| d.block(id).map(block_rect))?;
            Some((rect, verdict.is_ok()))
        })
    };
    view! {
        {move || {
            band()
                .map(|rect| {
                    view! {
                        <rect
                            class="sd-band"
                            data-testid="rubber-band"
                            x=rect.x
                            y=rect.y
                            width=rect.w
                            height=rect.h
                        />
                    }
                })
        }}
        {move || {
            target_outline()
                .map(|(rect, ok)| {
                    view! {
                        <rect
                            class="sd-target"
                            class:sd-target--refused=!ok
                            x=rect.x - 6.0
                            y=rect.y - 6.0
                            width=rect.w + 12.0
                            height=rect.h + 12.0
                            rx="14"
                        />
                    }
                })
        }}
        {move || {
            preview()
                .map(|(path, class)| {
                    view! {
                        <path class=format!("sd-preview {class}") data-testid="connect-preview" d=path />
                    }
                })
        }}
    }
}

/// The reason a connection would be refused, beside the pointer.
#[component]
pub fn RefusalTip() -> impl IntoView {
    let canvas: CanvasCtx = use_ctx();
    let editor: EditorCtx = use_ctx();
    let tip = move || {
        canvas.gesture.with(|g| match g {
            Gesture::Connecting(c) => match &c.over {
                Some((_, Err(why))) => Some((c.at, why.clone())),
                _ => None,
            },
            _ => None,
        })
    };
    move || {
        tip().map(|(at, why)| {
            let screen = editor.viewport.get().to_screen(at);
            let (width, height) = canvas_size().unwrap_or((1_000.0, 600.0));
            // Beside the pointer, on whichever side has room.
            let x = if screen.x + 16.0 + TIP_W > width {
                screen.x - 16.0 - TIP_W
            } else {
                screen.x + 16.0
            };
            let y = if screen.y + 100.0 > height {
                screen.y - 100.0
            } else {
                screen.y + 16.0
            };
            view! {
                <div
                    class="sd-tip sd-tip--refused"
                    role="status"
                    data-testid="connect-refusal"
                    style:left=format!("{}px", x.max(4.0))
                    style:top=format!("{}px", y.max(4.0))
                >
                    {why}
                </div>
            }
        })
    }
}

/// The numbers of the block under the pointer.
#[component]
pub fn HoverCard(block: Memo<Option<BlockId>>) -> impl IntoView {
    let editor: EditorCtx = use_ctx();
    let run: RunCtx = use_ctx();
    let card = move || {
        let id = block.get()?;
        let (name, kind, rect) = editor.design.with(|d| {
            d.block(&id)
                .map(|b| (b.name.clone(), b.kind(), block_rect(b)))
        })?;
        let stats = run
            .history
            .with(|h| h.back().and_then(|w| w.block(&id).copied()));
        let levels = run
            .levels
            .with(|all| all.iter().find(|(block, _)| block == &id).map(|(_, l)| *l));
        let view_port = editor.viewport.get();
        let on_screen = |world: Rect| {
            let corner = view_port.to_screen(Point::new(world.x, world.y));
            Rect::new(
                corner.x,
                corner.y,
                world.w * view_port.zoom,
                world.h * view_port.zoom,
            )
        };
        let neighbours: Vec<Rect> = editor.design.with(|d| {
            d.blocks
                .iter()
                .filter(|b| b.id != id && b.kind() != BlockKind::Zone)
                .map(|b| on_screen(block_rect(b)))
                .collect()
        });
        let rows: Vec<(&str, String)> = match stats {
            None => vec![(
                "",
                "not running: see the problem marked on the block".to_owned(),
            )],
            Some(s) => {
                let mut rows = vec![
                    (
                        "Arrivals",
                        format!("{} req/s", format::rate(s.arrivals_rps)),
                    ),
                    (
                        "Answered",
                        format!("{} req/s", format::rate(s.throughput_rps)),
                    ),
                    ("Utilization", load_text(&s, kind)),
                    ("Own work", format::percent(s.service_utilization)),
                    ("Mean queue", format!("{:.1}", s.mean_queue)),
                    // Latency is of answered requests: none, none to show.
                    (
                        "Mean latency",
                        if s.throughput_rps > 0.0 {
                            format::millis(s.mean_latency_ms)
                        } else {
                            "–".to_owned()
                        },
                    ),
                ];
                if s.instances > 0.0 {
                    rows.push(("Instances", format::instances(s.instances)));
                    rows.push((
                        "Busiest instance",
                        format::percent(s.busiest_instance_utilization),
                    ));
                }
                if let Some(hit) = s.hit_ratio {
                    rows.push(("Hit ratio", format::percent(hit)));
                }
                if s.stale_reads_rps > 0.0 {
                    rows.push((
                        "Stale reads",
                        format!("{} /s", format::rate(s.stale_reads_rps)),
                    ));
                }
                if s.mean_pool_queue > 0.0 {
                    rows.push((
                        "Waiting for a connection",
                        format!("{:.1}", s.mean_pool_queue),
                    ));
                }
                if let Some([in_system, queued, busy, capacity]) = levels {
                    let workers = if capacity == 0 {
                        "∞".to_owned()
                    } else {
                        format::count(f64::from(capacity))
                    };
                    rows.push((
                        "In flight now",
                        format!(
                            "{} ({} queued)",
                            format::count(f64::from(in_system)),
                            format::count(f64::from(queued))
                        ),
                    ));
                    rows.push((
                        "Workers busy",
                        format!("{} of {workers}", format::count(f64::from(busy))),
                    ));
                }
                let errors: Vec<String> = Reason::ALL
                    .into_iter()
                    .filter(|r| s.errors.get(*r) > 0)
                    .map(|r| format!("{} ×{}", r.status(), format::count(s.errors.get(r) as f64)))
                    .collect();
                rows.push((
                    "Errors caused",
                    if errors.is_empty() {
                        "none".into()
                    } else {
                        errors.join(", ")
                    },
                ));
                rows
            }
        };
        let title = name.clone();
        let canvas = canvas_size().unwrap_or((1_000.0, 600.0));
        let (card_w, card_h, wide) = card_size(rows.len(), canvas.0);
        let at = place_card(on_screen(rect), &neighbours, (card_w, card_h), canvas);
        Some(view! {
            <div
                class="sd-card"
                class:sd-card--wide=wide
                data-testid="block-card"
                style:left=format!("{}px", at.x)
                style:top=format!("{}px", at.y)
            >
                <div class="sd-card__title" title=title>{name}</div>
                <div class="sd-card__kind">{kind.label()} " · last simulated second"</div>
                <dl>
                    {rows
                        .into_iter()
                        .map(|(label, value)| view! { <dt>{label}</dt><dd>{value}</dd> })
                        .collect_view()}
                </dl>
            </div>
        })
    };
    card
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_card_is_wide_and_short_where_there_is_room() {
        assert_eq!(card_size(13, 840.0), (440.0, 52.0 + 7.0 * 16.5, true));
        assert_eq!(card_size(13, 360.0), (250.0, 52.0 + 13.0 * 16.5, false));
    }
}
