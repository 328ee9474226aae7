//! Live numbers of the last simulated second, the bottleneck, and charts.

use leptos::prelude::*;
use sdplay_sim::Reason;

use super::chart::{LineChart, Series};
use crate::format;
use crate::state::{use_ctx, DesignCtx, RunCtx};

/// Seconds the charts show.
const CHART_SECONDS: usize = 60;

#[component]
fn Stat(
    label: &'static str,
    testid: &'static str,
    value: Signal<Option<f64>>,
    show: fn(f64) -> String,
    #[prop(optional)] hint: &'static str,
) -> impl IntoView {
    view! {
        <div class="sd-stat" title=hint>
            <div class="sd-stat__label">{label}</div>
            <div
                class="sd-stat__value"
                data-testid=testid
                data-value=move || value.get().map(|v| v.to_string()).unwrap_or_default()
            >
                {move || value.get().map_or_else(|| "–".to_owned(), show)}
            </div>
        </div>
    }
}

#[component]
pub fn Dashboard() -> impl IntoView {
    let run: RunCtx = use_ctx();
    let design: DesignCtx = use_ctx();
    let latest = Memo::new(move |_| run.latest());
    let end_to_end = move || latest.get().map(|window| window.end_to_end);

    let throughput = Signal::derive(move || end_to_end().map(|e| e.throughput_rps));
    let offered = Signal::derive(move || end_to_end().map(|e| e.offered_rps));
    let p50 = Signal::derive(move || end_to_end().map(|e| e.latency.p50));
    let p99 = Signal::derive(move || end_to_end().map(|e| e.latency.p99));
    let error_rate = Signal::derive(move || end_to_end().map(|e| e.error_rate));

    let errors_by_reason = move || {
        let errors = end_to_end()?.errors;
        let parts: Vec<String> = Reason::ALL
            .into_iter()
            .filter(|reason| errors.get(*reason) > 0)
            .map(|reason| format!("{} {}", reason.status(), reason.as_str().replace('_', " ")))
            .collect();
        (!parts.is_empty()).then(|| parts.join(" · "))
    };

    let bottleneck = move || {
        let window = latest.get()?;
        let design = design.design.read();
        let (idx, busiest) = window
            .blocks
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.service_utilization.total_cmp(&b.1.service_utilization))?;
        (busiest.service_utilization > 0.0).then(|| {
            let name = design
                .blocks
                .get(idx)
                .map_or("?".to_owned(), |block| block.name.clone());
            format!(
                "{name} ({} busy)",
                format::percent(busiest.service_utilization)
            )
        })
    };

    let recent = move || {
        run.history.with(|history| {
            history
                .iter()
                .skip(history.len().saturating_sub(CHART_SECONDS))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let traffic = Signal::derive(move || {
        let windows = recent();
        vec![
            Series::new(
                "offered",
                "sd-series--offered",
                windows.iter().map(|w| w.end_to_end.offered_rps).collect(),
            ),
            Series::new(
                "ok",
                "sd-series--ok",
                windows
                    .iter()
                    .map(|w| w.end_to_end.throughput_rps)
                    .collect(),
            ),
            Series::new(
                "failed",
                "sd-series--failed",
                windows.iter().map(|w| w.end_to_end.failed_rps).collect(),
            ),
        ]
    });
    let latency = Signal::derive(move || {
        let windows = recent();
        vec![
            Series::new(
                "p50",
                "sd-series--p50",
                windows.iter().map(|w| w.end_to_end.latency.p50).collect(),
            ),
            Series::new(
                "p99",
                "sd-series--p99",
                windows.iter().map(|w| w.end_to_end.latency.p99).collect(),
            ),
        ]
    });

    view! {
        <section class="sd-dashboard" aria-label="Live metrics">
            <div class="sd-stats">
                <Stat label="Offered" testid="offered" value=offered show=|v| format!("{} req/s", format::rate(v)) />
                <Stat label="Throughput" testid="throughput" value=throughput show=|v| format!("{} req/s", format::rate(v)) hint="Requests answered successfully in the last simulated second" />
                <Stat label="p50 latency" testid="p50" value=p50 show=format::millis />
                <Stat label="p99 latency" testid="p99" value=p99 show=format::millis />
                <Stat label="Error rate" testid="error-rate" value=error_rate show=format::percent />
                <div class="sd-stat">
                    <div class="sd-stat__label">"Bottleneck"</div>
                    <div class="sd-stat__value sd-stat__value--small" data-testid="bottleneck">
                        {move || bottleneck().unwrap_or_else(|| "–".into())}
                    </div>
                    <div class="sd-stat__note" data-testid="errors-by-reason">
                        {move || errors_by_reason().unwrap_or_default()}
                    </div>
                </div>
            </div>
            <div class="sd-charts">
                <LineChart title="Requests per second" testid="chart" series=traffic seconds=CHART_SECONDS />
                <LineChart title="Latency (ms)" testid="latency-chart" series=latency seconds=CHART_SECONDS />
            </div>
        </section>
    }
}
