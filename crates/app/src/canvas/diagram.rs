//! The static diagram: blocks at their positions and links between them,
//! coloured by the last simulated second's numbers.

use leptos::prelude::*;
use sdplay_sim::{Block, BlockKind, BlockWindow, Design, Reason};

use super::icons::BlockIcon;
use crate::format;
use crate::state::{use_ctx, DesignCtx, RunCtx};

pub const BLOCK_W: f64 = 168.0;
pub const BLOCK_H: f64 = 76.0;
const MARGIN: f64 = 40.0;

/// The canvas area the design covers, with a margin: `x y width height`.
fn view_box(design: &Design) -> String {
    if design.blocks.is_empty() {
        return "0 0 800 400".into();
    }
    let (mut min_x, mut min_y, mut max_x, mut max_y) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for block in &design.blocks {
        min_x = min_x.min(block.x);
        min_y = min_y.min(block.y);
        max_x = max_x.max(block.x + BLOCK_W);
        max_y = max_y.max(block.y + BLOCK_H);
    }
    format!(
        "{} {} {} {}",
        min_x - MARGIN,
        min_y - MARGIN,
        max_x - min_x + 2.0 * MARGIN,
        max_y - min_y + 2.0 * MARGIN
    )
}

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

/// The name, cut to what fits on a block.
fn short_name(name: &str) -> String {
    const FITS: usize = 15;
    if name.chars().count() <= FITS {
        name.to_owned()
    } else {
        let cut: String = name.chars().take(FITS - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

fn has_limit(block: &Block) -> bool {
    use sdplay_sim::design::Limit;
    use sdplay_sim::BlockParams::*;
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

#[component]
fn BlockView(block: Block, idx: usize) -> impl IntoView {
    let run: RunCtx = use_ctx();
    let stats = Memo::new(move |_| {
        run.history
            .with(|history| history.back().and_then(|w| w.blocks.get(idx).copied()))
    });
    let metric = move |pick: fn(&BlockWindow) -> f64| stats.get().map_or(0.0, |s| pick(&s));
    let kind = block.kind();
    let limited = has_limit(&block);
    let (x, y) = (block.x, block.y);
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
                format::count(s.errors.total() as f64)
            )
        })
        .unwrap_or_default()
    };

    view! {
        <g
            class=move || format!("sd-block sd-block--{} {}", kind.as_str(), if limited { load_class(metric(|s| s.utilization)) } else { "sd-block--cool" })
            data-testid=format!("block-{}", block.id)
            data-utilization=move || metric(|s| s.utilization).to_string()
            transform=format!("translate({x} {y})")
        >
            <title>{format!("{} ({})", block.name, kind.label())}</title>
            <rect class="sd-block__box" width=BLOCK_W height=BLOCK_H rx="10" />
            <rect class="sd-block__stripe" width="6" height=BLOCK_H rx="3" />
            <BlockIcon kind=kind x=16.0 y=14.0 />
            <text class="sd-block__name" x="50" y="27">{short_name(&block.name)}</text>
            <text class="sd-block__rate" x="50" y="46">
                {move || format!("{} req/s", format::rate(metric(|s| s.arrivals_rps)))}
            </text>
            {if limited {
                view! {
                    <g class="sd-block__util">
                        <rect class="sd-block__bar" x="50" y="56" width=bar_w height="6" rx="3" />
                        <rect class="sd-block__fill" x="50" y="56" height="6" rx="3" width=move || bar_w * metric(|s| s.utilization).clamp(0.0, 1.0) />
                        <text class="sd-block__pct" x=50.0 + bar_w + 6.0 y="63">{move || format::percent(metric(|s| s.utilization))}</text>
                    </g>
                }
                .into_any()
            } else {
                view! { <text class="sd-block__note" x="50" y="63">"no worker limit"</text> }.into_any()
            }}
            <Show when=move || { errors() > 0 }>
                <g class="sd-badge" transform=format!("translate({} -10)", BLOCK_W - 70.0)>
                    <rect width="70" height="20" rx="10" />
                    <text x="35" y="14" text-anchor="middle">{error_label}</text>
                </g>
            </Show>
        </g>
    }
}

#[component]
fn LinkView(from: Block, to: Block, to_idx: usize, share: f64) -> impl IntoView {
    let run: RunCtx = use_ctx();
    let rate = Memo::new(move |_| {
        run.history.with(|history| {
            history
                .back()
                .and_then(|w| w.blocks.get(to_idx))
                .map_or(0.0, |s| s.arrivals_rps * share)
        })
    });
    let (x1, y1) = (from.x + BLOCK_W, from.y + BLOCK_H / 2.0);
    let (x2, y2) = (to.x, to.y + BLOCK_H / 2.0);
    let bend = ((x2 - x1) / 2.0).max(30.0);
    let path = format!(
        "M{x1} {y1} C{} {y1} {} {y2} {x2} {y2}",
        x1 + bend,
        x2 - bend
    );
    let width = move || (1.5 + (rate.get() + 1.0).log10() * 0.9).clamp(1.5, 6.0);
    // Dashes move faster when more flows; a trickle still visibly moves.
    let duration = move || format!("{:.2}s", 2.4 / (1.0 + (rate.get() + 1.0).log10()));

    view! {
        <g class="sd-link" data-testid=format!("link-{}-{}", from.id, to.id)>
            <path class="sd-link__track" d=path.clone() stroke-width=width />
            <path
                class="sd-link__flow"
                d=path
                stroke-width=width
                style:animation-duration=duration
                class:sd-link__flow--idle=move || rate.get() < 0.5
                marker-end="url(#sd-arrow)"
            />
            <text class="sd-link__label" x=(x1 + x2) / 2.0 y=(y1 + y2) / 2.0 - 9.0 text-anchor="middle">
                {move || format!("{}/s", format::rate(rate.get()))}
            </text>
        </g>
    }
}

#[component]
pub fn Diagram() -> impl IntoView {
    let design: DesignCtx = use_ctx();
    let run: RunCtx = use_ctx();

    let links = move || {
        let design = design.design.get();
        design
            .links
            .iter()
            .filter_map(|link| {
                let from = design.block(&link.from)?.clone();
                let to_idx = design.block_index(&link.to)?;
                let to = design.blocks[to_idx].clone();
                let callers = design
                    .links
                    .iter()
                    .filter(|other| other.to == link.to)
                    .count()
                    .max(1);
                Some(
                    view! { <LinkView from=from to=to to_idx=to_idx share=1.0 / callers as f64 /> },
                )
            })
            .collect_view()
    };
    let blocks = move || {
        design
            .design
            .get()
            .blocks
            .into_iter()
            .enumerate()
            .filter(|(_, block)| block.kind() != BlockKind::Zone)
            .map(|(idx, block)| view! { <BlockView block=block idx=idx /> })
            .collect_view()
    };

    view! {
        <svg
            class="sd-canvas"
            class:sd-canvas--paused=move || !run.running.get()
            data-testid="canvas"
            viewBox=move || design.design.with(view_box)
            preserveAspectRatio="xMidYMid meet"
            role="img"
            aria-label="The design: blocks and the requests flowing between them"
        >
            <defs>
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
            {links}
            {blocks}
        </svg>
    }
}
