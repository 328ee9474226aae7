//! Live numbers of the last simulated second, the bottleneck, and charts of
//! the last minutes: throughput, latency percentiles, errors by reason.

use leptos::prelude::*;
use sdplay_sim::{EndToEnd, Reason};

use super::chart::{LineChart, Series};
use crate::format;
use crate::state::{use_ctx, EditorCtx, RunCtx};

/// Seconds the charts show.
const CHART_SECONDS: usize = 180;

/// Whether any request succeeded in the window (latency is theirs).
fn has_successes(end_to_end: &EndToEnd) -> bool {
    end_to_end.throughput_rps > 0.0
}

/// The bottleneck card's figure. It is the busiest instance's own work,
/// which is not the block's average, so it says so. It sits on the card's
/// label line and the block's name on the line below, so that both show
/// whole at 1280 px (a name of up to 60 characters is cut, as everywhere).
fn bottleneck_figure(busy: f64) -> String {
    format!("busiest instance {} busy", format::percent(busy))
}

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

/// The tooltip of a restart's mark on the charts.
fn restart_note(dropped: u64) -> String {
    let lost = match dropped {
        0 => "no request was in flight".to_owned(),
        1 => "1 request in flight was dropped".to_owned(),
        n => format!(
            "{} requests in flight were dropped",
            format::count(n as f64)
        ),
    };
    format!("The design changed here: the run went on with empty queues and caches ({lost})")
}

#[component]
pub fn Dashboard() -> impl IntoView {
    let run: RunCtx = use_ctx();
    let editor: EditorCtx = use_ctx();
    let end_to_end = Memo::new(move |_| run.history.with(|h| h.back().map(|w| w.end_to_end)));
    let pick =
        move |f: fn(&EndToEnd) -> f64| Signal::derive(move || end_to_end.get().map(|e| f(&e)));
    // Latency is measured on successful requests only: with none in the
    // window there is nothing to show, not a latency of zero.
    let pick_measured = move |f: fn(&EndToEnd) -> f64| {
        Signal::derive(move || end_to_end.get().filter(has_successes).map(|e| f(&e)))
    };

    let errors_by_reason = move || {
        let errors = end_to_end.get()?.errors;
        let parts: Vec<String> = Reason::ALL
            .into_iter()
            .filter(|reason| errors.get(*reason) > 0)
            .map(|reason| format!("{} {}", reason.status(), reason.as_str().replace('_', " ")))
            .collect();
        (!parts.is_empty()).then(|| parts.join(" · "))
    };
    let bottleneck = Memo::new(move |_| {
        run.history.with(|h| {
            let window = h.back()?;
            if !has_successes(&window.end_to_end) {
                return None;
            }
            let (id, busy) = window.bottleneck()?;
            let name = editor.design.with(|d| {
                d.block(id)
                    .map_or_else(|| id.to_string(), |b| b.name.clone())
            });
            Some((name, bottleneck_figure(busy)))
        })
    });

    let series = move |pick: fn(&EndToEnd) -> f64| {
        run.history.with(|history| {
            history
                .iter()
                .skip(history.len().saturating_sub(CHART_SECONDS))
                .map(|w| pick(&w.end_to_end))
                .collect::<Vec<f64>>()
        })
    };
    // A structural edit restarts the run with empty queues and caches; the
    // charts mark where, so a dip there is not mistaken for the design's.
    let restarts = Signal::derive(move || {
        run.history.with(|history| {
            history
                .iter()
                .skip(history.len().saturating_sub(CHART_SECONDS))
                .map(|w| w.restarted.map(restart_note))
                .collect::<Vec<_>>()
        })
    });
    let traffic = Signal::derive(move || {
        vec![
            Series::new("offered", "sd-series--offered", series(|e| e.offered_rps)),
            Series::new("ok", "sd-series--ok", series(|e| e.throughput_rps)),
            Series::new("failed", "sd-series--failed", series(|e| e.failed_rps)),
        ]
    });
    let latency = Signal::derive(move || {
        vec![
            Series::new("p50", "sd-series--p50", series(|e| e.latency.p50)),
            Series::new("p95", "sd-series--p95", series(|e| e.latency.p95)),
            Series::new("p99", "sd-series--p99", series(|e| e.latency.p99)),
        ]
    });
    let errors = Signal::derive(move || {
        vec![
            Series::new(
                "429",
                "sd-series--r429",
                series(|e| e.errors.get(Reason::RateLimited) as f64),
            ),
            Series::new(
                "503",
                "sd-series--r503",
                series(|e| e.errors.get(Reason::Overloaded) as f64),
            ),
            Series::new(
                "502",
                "sd-series--r502",
                series(|e| e.errors.get(Reason::Unavailable) as f64),
            ),
            Series::new(
                "504",
                "sd-series--r504",
                series(|e| e.errors.get(Reason::Timeout) as f64),
            ),
        ]
    });

    view! {
        <section class="sd-dashboard" aria-label="Live metrics">
            <div class="sd-stats">
                <Stat label="Offered" testid="offered" value=pick(|e| e.offered_rps) show=|v| format!("{} req/s", format::compact_rate(v)) />
                <Stat label="Throughput" testid="throughput" value=pick(|e| e.throughput_rps) show=|v| format!("{} req/s", format::compact_rate(v)) hint="Requests answered successfully in the last simulated second" />
                <Stat label="p50" testid="p50" value=pick_measured(|e| e.latency.p50) show=format::millis hint="Of successful requests; – when none succeeded" />
                <Stat label="p95" testid="p95" value=pick_measured(|e| e.latency.p95) show=format::millis hint="Of successful requests; – when none succeeded" />
                <Stat label="p99" testid="p99" value=pick_measured(|e| e.latency.p99) show=format::millis hint="Of successful requests; – when none succeeded" />
                <Stat label="Error rate" testid="error-rate" value=pick(|e| e.error_rate) show=format::percent />
                <div class="sd-stat sd-stat--wide" title="The block whose busiest instance spends the largest share of its time on its own work">
                    <div class="sd-stat__label">
                        "Bottleneck"
                        <span data-testid="bottleneck-figure">{move || bottleneck.get().map(|(_, figure)| format!(" · {figure}")).unwrap_or_default()}</span>
                    </div>
                    <div
                        class="sd-stat__value sd-stat__value--small"
                        data-testid="bottleneck"
                        title=move || bottleneck.get().map(|(name, figure)| format!("{name} · {figure}")).unwrap_or_default()
                    >
                        {move || bottleneck.get().map_or_else(|| "–".into(), |(name, _)| name)}
                    </div>
                    <div class="sd-stat__note" data-testid="errors-by-reason">
                        {move || errors_by_reason().unwrap_or_default()}
                    </div>
                </div>
            </div>
            <div class="sd-charts">
                <LineChart title="Requests per second" testid="chart" series=traffic marks=restarts seconds=CHART_SECONDS />
                <LineChart title="Latency (ms)" testid="latency-chart" series=latency marks=restarts seconds=CHART_SECONDS />
                <LineChart title="Errors per second by reason" testid="errors-chart" series=errors marks=restarts seconds=CHART_SECONDS />
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bottleneck_says_what_its_figure_is() {
        assert_eq!(bottleneck_figure(0.53), "busiest instance 53% busy");
    }

    #[test]
    fn latency_needs_a_successful_request() {
        let mut end_to_end = EndToEnd::default();
        assert!(!has_successes(&end_to_end));
        end_to_end.throughput_rps = 1.0;
        assert!(has_successes(&end_to_end));
    }
}
