//! Small line icons for each block kind, drawn in a 24 x 24 box.

use leptos::prelude::*;
use sdplay_sim::BlockKind;

/// The icon of `kind`, as SVG path data.
fn paths(kind: BlockKind) -> &'static [&'static str] {
    match kind {
        BlockKind::Users => &[
            "M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8z",
            "M2 21v-1a6 6 0 0 1 12 0v1",
            "M16 3.5a4 4 0 0 1 0 7.5",
            "M22 21v-1a6 6 0 0 0-4-5.6",
        ],
        BlockKind::Cdn => &[
            "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20z",
            "M2 12h20",
            "M12 2c3 3 4 6.5 4 10s-1 7-4 10c-3-3-4-6.5-4-10s1-7 4-10z",
        ],
        BlockKind::Gateway => &[
            "M12 2l8 3v6c0 5-3.5 9-8 11-4.5-2-8-6-8-11V5l8-3z",
            "M9 12l2 2 4-4",
        ],
        BlockKind::LoadBalancer => &[
            "M12 3v6",
            "M12 9l-7 6",
            "M12 9l7 6",
            "M12 9v6",
            "M3 15h4v5H3z",
            "M10 15h4v5h-4z",
            "M17 15h4v5h-4z",
        ],
        BlockKind::App => &[
            "M3 3h18v6H3z",
            "M3 15h18v6H3z",
            "M7 6h.01",
            "M7 18h.01",
            "M11 6h6",
            "M11 18h6",
        ],
        BlockKind::Cache => &["M13 2L4 14h7l-1 8 9-12h-7l1-8z"],
        BlockKind::Database => &[
            "M4 5c0-1.7 3.6-3 8-3s8 1.3 8 3-3.6 3-8 3-8-1.3-8-3z",
            "M4 5v14c0 1.7 3.6 3 8 3s8-1.3 8-3V5",
            "M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3",
        ],
        BlockKind::Zone => &["M3 3h18v18H3z"],
    }
}

/// The icon of `kind` at (`x`, `y`).
#[component]
pub fn BlockIcon(kind: BlockKind, x: f64, y: f64) -> impl IntoView {
    view! {
        <g class="sd-icon" transform=format!("translate({x} {y})")>
            {paths(kind).iter().map(|d| view! { <path d=*d /> }).collect_view()}
        </g>
    }
}
