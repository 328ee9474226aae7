//! A small SVG line chart of the last minute, one point per second.

use leptos::prelude::*;

use crate::format;

/// One line of a chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub label: &'static str,
    pub class: &'static str,
    pub values: Vec<f64>,
}

impl Series {
    pub fn new(label: &'static str, class: &'static str, values: Vec<f64>) -> Series {
        Series {
            label,
            class,
            values,
        }
    }
}

// The plot's own coordinates. The SVG stretches to whatever box the layout
// gives it (`preserveAspectRatio="none"`, lines with non-scaling strokes),
// so the axis labels are HTML beside it and keep their size.
const WIDTH: f64 = 1000.0;
const HEIGHT: f64 = 100.0;

/// A round number at or above `value`: 1, 2 or 5 times a power of ten.
fn nice_ceiling(value: f64) -> f64 {
    if !value.is_finite() || value <= 0.0 {
        return 1.0;
    }
    let power = 10f64.powf(value.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|step| step * power)
        .find(|nice| *nice >= value)
        .unwrap_or(10.0 * power)
}

/// Where point `idx` of the newest `len` values sits across the width, the
/// last one at the right edge, `seconds` points across the whole width.
fn x_of(idx: usize, len: usize, seconds: usize) -> f64 {
    let offset = seconds.saturating_sub(len);
    WIDTH * (offset + idx) as f64 / (seconds.max(2) - 1) as f64
}

/// The polyline of the newest `values`.
fn points(values: &[f64], seconds: usize, y_max: f64) -> String {
    values
        .iter()
        .enumerate()
        .map(|(idx, value)| {
            let x = x_of(idx, values.len(), seconds);
            let y = HEIGHT * (1.0 - (value / y_max).clamp(0.0, 1.0));
            format!("{x:.1},{y:.1}")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[component]
pub fn LineChart(
    title: &'static str,
    testid: &'static str,
    series: Signal<Vec<Series>>,
    seconds: usize,
    /// Seconds to mark with a vertical line, aligned with the series'
    /// values: a mark's text is the line's tooltip.
    #[prop(optional, into)]
    marks: Option<Signal<Vec<Option<String>>>>,
) -> impl IntoView {
    let mark_lines = move || {
        let marks = marks.map(|marks| marks.get()).unwrap_or_default();
        let len = marks.len();
        marks
            .into_iter()
            .enumerate()
            .filter_map(|(idx, mark)| Some((x_of(idx, len, seconds), mark?)))
            .map(|(x, text)| {
                view! {
                    <line class="sd-chart__mark" data-testid="chart-mark" x1=x x2=x y1=0.0 y2=HEIGHT>
                        <title>{text}</title>
                    </line>
                }
            })
            .collect_view()
    };
    let y_max = Memo::new(move |_| {
        series.with(|all| {
            nice_ceiling(
                all.iter()
                    .flat_map(|s| s.values.iter().copied())
                    .fold(0.0, f64::max),
            )
        })
    });
    let gridlines = (0..=2)
        .map(|step| {
            let y = HEIGHT * f64::from(step) / 2.0;
            view! { <line class="sd-chart__grid" x1=0.0 x2=WIDTH y1=y y2=y /> }
        })
        .collect_view();
    let y_labels = move || {
        let max = y_max.get();
        (0..=2)
            .map(|step| {
                let share = f64::from(step) / 2.0;
                let label = format::axis(max * share);
                let top = format!("{}%", 100.0 * (1.0 - share));
                view! { <span class="sd-chart__tick sd-chart__tick--y" style:top=top>{label}</span> }
            })
            .collect_view()
    };

    view! {
        <figure class="sd-chart">
            <figcaption class="sd-chart__title">
                {title}
                <span class="sd-chart__legend">
                    {move || {
                        series
                            .get()
                            .into_iter()
                            .map(|s| view! { <span class=format!("sd-chart__key {}", s.class)>{s.label}</span> })
                            .collect_view()
                    }}
                </span>
            </figcaption>
            <div class="sd-chart__area">
                <svg
                    class="sd-chart__plot"
                    data-testid=testid
                    data-points=move || series.with(|all| all.first().map_or(0, |s| s.values.len()))
                    viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                    preserveAspectRatio="none"
                    role="img"
                    aria-label=title
                >
                    {gridlines}
                    {mark_lines}
                    {move || {
                        let max = y_max.get();
                        series
                            .get()
                            .into_iter()
                            .map(|s| {
                                view! {
                                    <polyline class=format!("sd-chart__line {}", s.class) points=points(&s.values, seconds, max) />
                                }
                            })
                            .collect_view()
                    }}
                </svg>
                {y_labels}
                <span class="sd-chart__tick sd-chart__tick--start">{format!("-{seconds} s")}</span>
                <span class="sd-chart__tick sd-chart__tick--end">"now"</span>
            </div>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_end_on_round_numbers() {
        assert_eq!(nice_ceiling(0.0), 1.0);
        assert_eq!(nice_ceiling(1_830.0), 2_000.0);
        assert_eq!(nice_ceiling(2_001.0), 5_000.0);
        assert_eq!(nice_ceiling(7.0), 10.0);
    }

    #[test]
    fn the_newest_point_sits_at_the_right_edge() {
        let drawn = points(&[0.0, 10.0], 60, 10.0);
        assert!(drawn.ends_with(&format!("{WIDTH:.1},0.0")), "{drawn}");
    }
}
