//! The results as a chart: one horizontal bar per spacecraft of the page, in the API's order,
//! of one measure (the ordering's, or the one chosen). Bars are plain elements sized by CSS
//! percentages (no chart crate: its bytes would be paid by every visitor); a table carries the
//! same numbers for screen readers.

use crate::api::models::Spacecraft;
use crate::context::AppContext;
use crate::measure::{self, Scale};
use crate::query::{Query, SortField, View};
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

/// One page of results as bars of `query`'s chart measure.
#[component]
pub fn ResultsChart(results: Vec<Spacecraft>, query: Query) -> impl IntoView {
    let paths = expect_context::<AppContext>().paths;
    let field = query.chart_metric();
    let rows: Vec<(u64, String, Option<u64>)> = results
        .iter()
        .map(|craft| (craft.id, craft.display_name(), measure::value(craft, field)))
        .collect();
    let largest = rows
        .iter()
        .filter_map(|(_, _, value)| *value)
        .max()
        .unwrap_or(0);
    let scale = Scale::covering(largest, measure::is_duration(field));
    let label = field.metric_label();
    let caption = match query.ordering {
        Some(ordering) if ordering.field == field => {
            format!("{label}, sorted: {}", ordering.label())
        }
        _ => format!("{label}, in the order of the results"),
    };

    let ticks = scale
        .ticks()
        .map(|tick| {
            view! {
                <span class="chart-tick" style:left=measure::percent(tick, scale.max)>
                    {measure::human(field, Some(tick))}
                </span>
            }
        })
        .collect_view();
    let bars = rows
        .iter()
        .map(|(id, name, value)| {
            let text = measure::human(field, *value);
            view! {
                <li
                    class="chart-bar"
                    data-bar-id=id.to_string()
                    data-value=value.map(|value| value.to_string())
                    data-no-data=value.is_none().then_some("")
                >
                    <a class="bar-label" href=paths.detail(*id)>{name.clone()}</a>
                    <span class="bar-track">
                        {value.map(|value| view! {
                            <span class="bar-fill" style:width=measure::percent(value, scale.max)></span>
                        })}
                        <span class="bar-value">{text}</span>
                    </span>
                </li>
            }
        })
        .collect_view();
    let table_rows = rows
        .into_iter()
        .map(|(_, name, value)| {
            view! { <tr><th scope="row">{name}</th><td>{measure::human(field, value)}</td></tr> }
        })
        .collect_view();

    view! {
        <figure class="chart" data-testid="chart">
            <figcaption class="chart-caption">{caption.clone()}</figcaption>
            <div class="chart-axis" aria-hidden="true">{ticks}</div>
            <ol class="chart-bars" role="list" aria-label=caption.clone()>{bars}</ol>
            <table class="visually-hidden">
                <caption>{caption}</caption>
                <thead><tr><th scope="col">"Spacecraft"</th><th scope="col">{label}</th></tr></thead>
                <tbody>{table_rows}</tbody>
            </table>
        </figure>
    }
}
