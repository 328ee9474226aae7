//! The static drawing: zones, links and blocks, each keyed by id and
//! reading only its own block, so an edit redraws what it changed. Live
//! numbers come from the latest window.

use leptos::prelude::*;
use sdplay_sim::{Block, BlockId, BlockKind, BlockParams, BlockWindow, Link, Reason};

use super::geometry::{link_path, port, Point, Side, BLOCK_H, BLOCK_W, PORT_RADIUS, ZONE_HEADER};
use super::icons::BlockIcon;
use super::view::CanvasCtx;
use crate::format;
use crate::state::{use_ctx, EditorCtx, RunCtx};

/// How loaded a block is, for its colour.
fn load_class(utilization: f64) -> &'static str {
    if utilization >= 0.85 {
        "sd-block--hot"
    } else if utilization >= 0.6 {
        "sd-block--warm"
    } else {
        "sd-block--cool"
    }
}

/// How loaded a block is, for its colour: the busier of its average and
/// its busiest instance, so that a hot shard or a saturated primary turns
/// the block red while the other nodes idle and the average looks fine.
pub fn load(window: &BlockWindow) -> f64 {
    window.utilization.max(window.busiest_instance_utilization)
}

/// A block's utilization in words: "27%", or "27% (one node 93%)" when its
/// busiest instance is well above the average.
pub fn load_text(window: &BlockWindow, kind: BlockKind) -> String {
    let average = format::percent(window.utilization);
    if window.busiest_instance_utilization < window.utilization + 0.05 {
        return average;
    }
    let one = if kind == BlockKind::Database {
        "one node"
    } else {
        "one instance"
    };
    format!(
        "{average} ({one} {})",
        format::percent(window.busiest_instance_utilization)
    )
}

/// The room for a block's name [em of its 13 px type]: from its text's
/// start (50 px) to the output port.
const NAME_EM: f64 = 104.0 / 13.0;

/// About how wide `c` is in a bold sans-serif face [em]. SVG text cannot be
/// measured before it is drawn, and a rough width is enough to cut a name.
fn char_em(c: char) -> f64 {
    match c {
        'i' | 'j' | 'l' | 'I' | '!' | '|' | '.' | ',' | ':' | ';' | '\'' => 0.3,
        'f' | 't' | 'r' | ' ' | '(' | ')' | '-' => 0.4,
        'm' | 'w' | 'M' | 'W' => 0.92,
        'A'..='Z' => 0.72,
        '0'..='9' => 0.62,
        c if c.is_ascii() => 0.6,
        // CJK, emoji and the like are about a full em wide.
        c if u32::from(c) >= 0x2E80 => 1.05,
        _ => 0.65,
    }
}

/// `name` cut with an ellipsis to about `room` em.
fn fit_name(name: &str, room: f64) -> String {
    let width: f64 = name.chars().map(char_em).sum();
    if width <= room {
        return name.to_owned();
    }
    let mut used = char_em('…');
    let mut cut = String::new();
    for c in name.chars() {
        used += char_em(c);
        if used > room {
            break;
        }
        cut.push(c);
    }
    format!("{}…", cut.trim_end())
}

/// The error badge's width [px] for `label`: its 11 px monospace digits
/// are about 6.7 px each, plus the rounded ends.
fn badge_width(label: &str) -> f64 {
    (label.chars().count() as f64 * 6.7 + 16.0).max(40.0)
}

pub fn has_limit(block: &Block) -> bool {
    use sdplay_sim::design::Limit;
    use BlockParams::*;
    let workers = match &block.params {
        Cdn(p) => p.capacity.workers,
        Gateway(p) => p.capacity.workers,
        LoadBalancer(p) => p.capacity.workers,
        App(p) => p.capacity.workers,
        Cache(p) => p.capacity.workers,
        Database(p) => p.workers,
        Users(_) | Zone(_) => Limit::Unlimited,
    };
    !workers.is_unlimited()
}

/// The block `id` of the design, kept up to date.
fn use_block(id: &BlockId) -> Memo<Option<Block>> {
    let editor: EditorCtx = use_ctx();
    let id = id.clone();
    Memo::new(move |_| editor.design.with(|design| design.block(&id).cloned()))
}

/// Where `id` is drawn now: its place plus any drag in progress.
fn use_offset(id: &BlockId) -> Signal<(f64, f64)> {
    let canvas: CanvasCtx = use_ctx();
    let id = id.clone();
    Signal::derive(move || {
        canvas.translation.with(|moving| match moving {
            Some((ids, dx, dy)) if ids.contains(&id) => (*dx, *dy),
            _ => (0.0, 0.0),
        })
    })
}

/// The latest window's numbers for `id`.
fn use_stats(id: &BlockId) -> Memo<Option<BlockWindow>> {
    let run: RunCtx = use_ctx();
    let id = id.clone();
    Memo::new(move |_| {
        run.history
            .with(|history| history.back().and_then(|w| w.block(&id).copied()))
    })
}

#[component]
fn BlockView(id: BlockId) -> impl IntoView {
    let editor: EditorCtx = use_ctx();
    let canvas: CanvasCtx = use_ctx();
    let block = use_block(&id);
    let offset = use_offset(&id);
    let stats = use_stats(&id);
    let metric = move |pick: fn(&BlockWindow) -> f64| stats.get().map_or(0.0, |s| pick(&s));
    let kind = block.get_untracked().map_or(BlockKind::App, |b| b.kind());
    let limited = Memo::new(move |_| block.with(|b| b.as_ref().is_some_and(has_limit)));
    let selected = {
        let id = id.clone();
        Memo::new(move |_| editor.selection.with(|s| s.has_block(&id)))
    };
    let simulated = {
        let id = id.clone();
        Memo::new(move |_| {
            editor
                .runnable
                .with(|(design, _)| design.block(&id).is_some())
        })
    };
    let problem = {
        let id = id.clone();
        Memo::new(move |_| {
            editor.runnable.with(|(_, problems)| {
                problems
                    .iter()
                    .find(|p| p.block.as_ref() == Some(&id))
                    .map(|p| p.message.clone())
            })
        })
    };
    let is_bottleneck = {
        let id = id.clone();
        Memo::new(move |_| canvas.bottleneck.with(|b| b.as_ref() == Some(&id)))
    };
    let bar_w = BLOCK_W - 56.0 - 44.0;
    let errors = move || stats.get().map_or(0, |s| s.errors.total());
    let error_label = move || {
        let Some(s) = stats.get() else {
            return String::new();
        };
        let top = Reason::ALL
            .into_iter()
            .max_by_key(|reason| s.errors.get(*reason));
        top.map(|reason| {
            format!(
                "{} ×{}",
                reason.status(),
                format::compact(s.errors.total() as f64)
            )
        })
        .unwrap_or_default()
    };
    let badge_w = move || badge_width(&error_label());
    let class = move || {
        let load = if limited.get() {
            load_class(metric(load))
        } else {
            "sd-block--cool"
        };
        let mut class = format!("sd-block sd-block--{} {load}", kind.as_str());
        if selected.get() {
            class.push_str(" sd-block--selected");
        }
        if !simulated.get() {
            class.push_str(" sd-block--idle");
        }
        class
    };
    let transform = move || {
        let (dx, dy) = offset.get();
        block.with(|b| {
            b.as_ref()
                .map(|b| format!("translate({} {})", b.x + dx, b.y + dy))
        })
    };
    let name = move || block.with(|b| b.as_ref().map(|b| b.name.clone()).unwrap_or_default());
    let has_in = super::geometry::has_input(kind);
    let has_out = super::geometry::has_output(kind);

    view! {
        <g
            class=class
            data-testid=format!("block-{id}")
            data-block=id.to_string()
            data-utilization=move || metric(|s| s.utilization).to_string()
            data-load=move || metric(load).to_string()
            transform=transform
        >
            <title>{move || format!("{} ({})", name(), kind.label())}</title>
            <rect class="sd-block__halo" x="-5" y="-5" width=BLOCK_W + 10.0 height=BLOCK_H + 10.0 rx="14" />
            {[(-8.0, -8.0), (BLOCK_W + 2.0, -8.0), (-8.0, BLOCK_H + 2.0), (BLOCK_W + 2.0, BLOCK_H + 2.0)]
                .into_iter()
                .map(|(x, y)| view! { <rect class="sd-handle" x=x y=y width="6" height="6" rx="1.5" /> })
                .collect_view()}
            <rect class="sd-block__box" width=BLOCK_W height=BLOCK_H rx="10" />
            <rect class="sd-block__stripe" width="6" height=BLOCK_H rx="3" />
            <BlockIcon kind=kind x=16.0 y=14.0 />
            <text class="sd-block__name" x="50" y="27">{move || fit_name(&name(), NAME_EM)}</text>
            <text class="sd-block__rate" x="50" y="46">
                {move || {
                    if simulated.get() {
                        format!("{} req/s", format::compact_rate(metric(|s| s.arrivals_rps)))
                    } else if problem.get().is_some() {
                        "not running".to_owned()
                    } else {
                        "no traffic".to_owned()
                    }
                }}
            </text>
            <Show
                when=move || limited.get()
                fallback=|| view! { <text class="sd-block__note" x="50" y="63">"no worker limit"</text> }
            >
                <g class="sd-block__util">
                    <title>{move || stats.get().map(|s| format!("Utilization {}", load_text(&s, kind))).unwrap_or_default()}</title>
                    <rect class="sd-block__bar" x="50" y="56" width=bar_w height="6" rx="3" />
                    <rect class="sd-block__fill" x="50" y="56" height="6" rx="3" width=move || bar_w * metric(|s| s.utilization).clamp(0.0, 1.0) />
                    // The busiest instance, when well above the average: a
                    // tick where its own bar would end.
                    <Show when=move || stats.get().is_some_and(|s| s.busiest_instance_utilization >= s.utilization + 0.05)>
                        <rect class="sd-block__peak" y="54" width="2" height="10" rx="1" x=move || 49.0 + bar_w * metric(|s| s.busiest_instance_utilization).clamp(0.0, 1.0) />
                    </Show>
                    <text class="sd-block__pct" x=50.0 + bar_w + 6.0 y="63">{move || format::percent(metric(|s| s.utilization))}</text>
                </g>
            </Show>
            <Show when=move || { errors() > 0 }>
                <g class="sd-badge" data-testid="error-badge" transform=move || format!("translate({} -10)", BLOCK_W - badge_w())>
                    <rect width=badge_w height="20" rx="10" />
                    <text x=move || badge_w() / 2.0 y="14" text-anchor="middle">{error_label}</text>
                </g>
            </Show>
            <Show when=move || is_bottleneck.get()>
                <g class="sd-tag" transform=format!("translate(10 {})", BLOCK_H - 8.0)>
                    <rect width="78" height="18" rx="9" />
                    <text x="39" y="13" text-anchor="middle">"bottleneck"</text>
                </g>
            </Show>
            <Show when=move || problem.get().is_some()>
                <g class="sd-problem" transform=format!("translate({} -10)", BLOCK_W - 14.0)>
                    <title>{move || problem.get().unwrap_or_default()}</title>
                    <circle r="10" cx="10" cy="10" />
                    <text x="10" y="15" text-anchor="middle">"!"</text>
                </g>
            </Show>
            {has_in.then(|| view! { <circle class="sd-port sd-port--in" data-testid=format!("port-in-{id}") cx="0" cy=BLOCK_H / 2.0 r=PORT_RADIUS /> })}
            {has_out.then(|| view! { <circle class="sd-port sd-port--out" data-testid=format!("port-out-{id}") cx=BLOCK_W cy=BLOCK_H / 2.0 r=PORT_RADIUS /> })}
        </g>
    }
}

#[component]
fn ZoneView(id: BlockId) -> impl IntoView {
    let editor: EditorCtx = use_ctx();
    let canvas: CanvasCtx = use_ctx();
    let block = use_block(&id);
    let offset = use_offset(&id);
    let selected = {
        let id = id.clone();
        Memo::new(move |_| editor.selection.with(|s| s.has_block(&id)))
    };
    let size = {
        let id = id.clone();
        move || {
            let resized = canvas.resize.with(|r| match r {
                Some((zone, w, h)) if zone == &id => Some((*w, *h)),
                _ => None,
            });
            resized
                .or_else(|| {
                    block.with(|b| match b.as_ref().map(|b| &b.params) {
                        Some(BlockParams::Zone(zone)) => Some((zone.width, zone.height)),
                        _ => None,
                    })
                })
                .unwrap_or((400.0, 300.0))
        }
    };
    let transform = move || {
        let (dx, dy) = offset.get();
        block.with(|b| {
            b.as_ref()
                .map(|b| format!("translate({} {})", b.x + dx, b.y + dy))
        })
    };
    let name = move || block.with(|b| b.as_ref().map(|b| b.name.clone()).unwrap_or_default());
    let size_w = size.clone();
    let size_h = size.clone();
    let size_x = size.clone();
    let size_n = size.clone();
    let name_title = name;
    view! {
        <g
            class="sd-zone"
            class:sd-zone--selected=move || selected.get()
            data-testid=format!("zone-{id}")
            transform=transform
        >
            <title>{name_title}</title>
            <rect class="sd-zone__box" width=move || size_w().0 height=move || size_h().1 rx="14" />
            <rect class="sd-zone__header" width=move || size().0 height=ZONE_HEADER rx="14" />
            <text class="sd-zone__name" x="14" y="20">
                {move || fit_name(&name(), (size_n().0 - 28.0) / 12.0)}
            </text>
            <path
                class="sd-zone__grip"
                d="M-14 -4 L-4 -14 M-9 -4 L-4 -9"
                transform=move || { let (w, h) = size_x(); format!("translate({w} {h})") }
            />
        </g>
    }
}

#[component]
fn LinkView(link: Link) -> impl IntoView {
    let editor: EditorCtx = use_ctx();
    let run: RunCtx = use_ctx();
    let from = use_block(&link.from);
    let to = use_block(&link.to);
    let from_offset = use_offset(&link.from);
    let to_offset = use_offset(&link.to);
    let ends_ids = (link.from.clone(), link.to.clone());
    let rate = Memo::new(move |_| {
        run.history.with(|history| {
            history
                .back()
                .and_then(|w| w.link(&ends_ids.0, &ends_ids.1))
                .map_or(0.0, |traffic| traffic.rate_rps)
        })
    });
    let ends = Memo::new(move |_| {
        let start = from.with(|b| b.as_ref().and_then(|b| port(b, Side::Out)))?;
        let end = to.with(|b| b.as_ref().and_then(|b| port(b, Side::In)))?;
        let (fx, fy) = from_offset.get();
        let (tx, ty) = to_offset.get();
        Some((
            Point::new(start.x + fx, start.y + fy),
            Point::new(end.x + tx, end.y + ty),
        ))
    });
    let path = move || ends.get().map(|(a, b)| link_path(a, b)).unwrap_or_default();
    let selected = {
        let link = link.clone();
        Memo::new(move |_| editor.selection.with(|s| s.has_link(&link)))
    };
    let width = move || (1.5 + (rate.get() + 1.0).log10() * 0.9).clamp(1.5, 6.0);
    // Dashes move faster when more flows; a trickle still visibly moves.
    let duration = move || format!("{:.2}s", 2.4 / (1.0 + (rate.get() + 1.0).log10()));
    let label_at = move || {
        ends.get()
            .map(|(a, b)| ((a.x + b.x) / 2.0, (a.y + b.y) / 2.0 - 9.0))
            .unwrap_or_default()
    };
    view! {
        <g
            class="sd-link"
            class:sd-link--selected=move || selected.get()
            data-testid=format!("link-{}-{}", link.from, link.to)
            data-rps=move || format!("{:.1}", rate.get())
        >
            <path class="sd-link__halo" d=path />
            <path class="sd-link__track" d=path stroke-width=width />
            <path
                class="sd-link__flow"
                d=path
                stroke-width=width
                style:animation-duration=duration
                class:sd-link__flow--idle=move || rate.get() < 0.5
                marker-end="url(#sd-arrow)"
            />
            <text class="sd-link__label" x=move || label_at().0 y=move || label_at().1 text-anchor="middle">
                {move || format!("{}/s", format::compact_rate(rate.get()))}
            </text>
        </g>
    }
}

/// Zones, then links, then blocks, in design order.
#[component]
pub fn Diagram() -> impl IntoView {
    let editor: EditorCtx = use_ctx();
    let ids_of = move |zones: bool| {
        editor.design.with(|design| {
            design
                .blocks
                .iter()
                .filter(|b| (b.kind() == BlockKind::Zone) == zones)
                .map(|b| b.id.clone())
                .collect::<Vec<_>>()
        })
    };
    let links = move || editor.design.with(|design| design.links.clone());
    view! {
        <g class="sd-layer sd-layer--zones">
            <For each=move || ids_of(true) key=|id| id.clone() let:id>
                <ZoneView id=id />
            </For>
        </g>
        <g class="sd-layer sd-layer--links">
            <For each=links key=|link| (link.from.clone(), link.to.clone()) let:link>
                <LinkView link=link />
            </For>
        </g>
        <g class="sd-layer sd-layer--blocks">
            <For each=move || ids_of(false) key=|id| id.clone() let:id>
                <BlockView id=id />
            </For>
        </g>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_cut_to_the_room_they_have() {
        assert_eq!(fit_name("App servers", NAME_EM), "App servers");
        assert_eq!(fit_name("PostgreSQL", NAME_EM), "PostgreSQL");
        let long = fit_name(&"x".repeat(60), NAME_EM);
        assert!(long.ends_with('…'), "{long}");
        assert!(long.chars().map(char_em).sum::<f64>() <= NAME_EM, "{long}");
        let wide = fit_name(&"W".repeat(15), NAME_EM);
        assert!(wide.chars().count() < 10, "{wide}");
        let emoji = fit_name("😀🔥💾 emoji ñ 中文 עברית", NAME_EM);
        assert!(
            emoji.chars().map(char_em).sum::<f64>() <= NAME_EM,
            "{emoji}"
        );
    }

    #[test]
    fn a_hot_node_colours_its_block() {
        let sharded = BlockWindow {
            utilization: 0.27,
            busiest_instance_utilization: 0.93,
            ..BlockWindow::default()
        };
        assert_eq!(load(&sharded), 0.93);
        assert_eq!(load_class(load(&sharded)), "sd-block--hot");
        assert_eq!(
            load_text(&sharded, BlockKind::Database),
            "27% (one node 93%)"
        );
        assert_eq!(
            load_text(&sharded, BlockKind::App),
            "27% (one instance 93%)"
        );
        // An app waiting on its database is busier on average than any
        // instance's own work: the average stands.
        let waiting = BlockWindow {
            utilization: 0.7,
            busiest_instance_utilization: 0.2,
            ..BlockWindow::default()
        };
        assert_eq!(load(&waiting), 0.7);
        assert_eq!(load_text(&waiting, BlockKind::App), "70%");
    }

    #[test]
    fn the_error_badge_grows_with_its_label() {
        assert_eq!(badge_width("5"), 40.0);
        assert!(badge_width("429 ×63.3k") >= 10.0 * 6.7);
    }
}
