//! The results as a chart: the Cards | Chart switch, the measure to draw when the ordering does
//! not pick one, and the chart itself (laid out by `drawing`, no chart crate: its bytes would be
//! paid by every visitor).

use crate::api::models::Spacecraft;
use crate::state::context::AppContext;
use crate::ui::drawing::{self, ChartLayout};
use crate::url::grid_query::{Query, SortField, View};
use leptos::prelude::*;

/// Cards or chart, and in a chart the measure when the ordering does not pick it.
#[component]
pub fn ViewSwitch(query: Memo<Query>, on_change: Callback<(Query, bool)>) -> impl IntoView {
    let paths = expect_context::<AppContext>().paths;
    let link = move |view: View, label: &'static str, name: &'static str| {
        let paths = paths.clone();
        view! {
            <a
                class="view-switch-link"
                data-view=name
                href=move || paths.grid(&query.get().shown_as(view))
                aria-current=move || (query.get().view == view).then_some("true")
            >
                {label}
            </a>
        }
    };
    // The ordering's measure is the chart's; only otherwise is there a choice.
    let choosing = move || {
        let current = query.get();
        current.view == View::Chart
            && current
                .ordering
                .is_none_or(|ordering| !ordering.field.is_metric())
    };
    let choose = move |name: String| {
        let current = query.get_untracked();
        let metric = SortField::from_api_name(&name).filter(|field| field.is_metric());
        on_change.run((Query { metric, ..current }, false));
    };

    view! {
        <div class="view-switch">
            <nav class="view-switch-links" aria-label="Show results as">
                {link(View::Cards, "Cards", "cards")}
                {link(View::Chart, "Chart", "chart")}
            </nav>
            {move || choosing().then(|| {
                let chosen = query.get().chart_metric();
                view! {
                    <label class="metric-choice">
                        "Measure "
                        <select name="metric" on:change=move |event| choose(event_target_value(&event))>
                            {SortField::ALL.into_iter().filter(|field| field.is_metric()).map(|field| view! {
                                <option value=field.api_name() selected=field == chosen>{field.metric_label()}</option>
                            }).collect_view()}
                        </select>
                    </label>
                }
            })}
        </div>
    }
}

/// One page of results as bars of `query`'s chart measure (see `drawing::results_chart`); a
/// missing value says "no data" rather than drawing a bar that reads as zero. The list is the
/// one accessible form: each item reads as its spacecraft's link and its value as text, so
/// screen readers hear every number once (the axis, which only repeats the scale, is hidden).
#[component]
pub fn ResultsChart(results: Vec<Spacecraft>, query: Query) -> impl IntoView {
    let paths = expect_context::<AppContext>().paths;
    let ChartLayout {
        caption,
        ticks,
        bars,
    } = drawing::results_chart(&results, &query, &paths);

    view! {
        <figure class="chart" data-testid="chart">
            <figcaption class="chart-caption">{caption.clone()}</figcaption>
            <div class="chart-axis" aria-hidden="true">
                {ticks.into_iter().map(|tick| view! {
                    <span class="chart-tick" style:left=tick.left>{tick.label}</span>
                }).collect_view()}
            </div>
            <ol class="chart-bars" role="list" aria-label=caption>
                {bars.into_iter().map(|bar| view! {
                    <li
                        class="chart-bar"
                        data-bar-id=bar.id.to_string()
                        data-value=bar.value.map(|value| value.to_string())
                        data-no-data=bar.value.is_none().then_some("")
                    >
                        <a class="bar-label" href=bar.href>{bar.name}</a>
                        <span class="bar-track">
                            {bar.width.map(|width| view! { <span class="bar-fill" style:width=width></span> })}
                            <span class="bar-value">{bar.text}</span>
                        </span>
                    </li>
                }).collect_view()}
            </ol>
        </figure>
    }
}
