//! A spacecraft's flights on a time axis: each flight a bar from launch to mission end (to now,
//! marked ongoing, while it has none), its docked time shaded where the record gives it.
//! Flights alternate between two lanes so that close ones stay apart. Each bar takes focus and
//! shows the flight's launch, dates and destination on focus or hover; the flights table below
//! stays the full account.

use crate::api::models::Flight;
use crate::format;
use crate::measure::{epoch_seconds, percent, year_of, year_start};
use leptos::prelude::*;

/// A flight placed in time, in seconds since 1970.
struct Span {
    id: u64,
    start: u64,
    end: u64,
    ongoing: bool,
    docked: Vec<(u64, u64)>,
    tip: String,
}

#[component]
pub fn FlightTimeline(flights: Vec<Flight>) -> impl IntoView {
    let now = (js_sys::Date::now() / 1000.0) as u64;
    let spans: Vec<Span> = flights
        .iter()
        .filter_map(|flight| span(flight, now))
        .collect();
    let first = spans.iter().map(|span| span.start).min()?;
    let last = spans.iter().map(|span| span.end).max()?;

    // Whole years, in steps that leave at most about eight labels.
    let (first_year, _) = year_of(first);
    let last_year = year_of(last).0 + 1;
    let years = last_year - first_year;
    let step = [1, 2, 5, 10, 20]
        .into_iter()
        .find(|step| years / step <= 8)
        .unwrap_or(50);
    let (from, to) = (year_start(first_year), year_start(last_year));
    let width = to - from;
    let at = move |time: u64| percent(time.saturating_sub(from), width);

    let ticks = (first_year..=last_year)
        .step_by(step as usize)
        .map(|year| view! { <span class="timeline-tick" style:left=at(year_start(year))>{year}</span> })
        .collect_view();
    let bars = spans
        .into_iter()
        .enumerate()
        .map(|(index, span)| {
            let length = span.end.saturating_sub(span.start).max(1);
            let docked = span
                .docked
                .iter()
                .map(|(docked, departed)| {
                    let offset = docked.saturating_sub(span.start);
                    view! {
                        <span
                            class="timeline-docked"
                            style:left=percent(offset, length)
                            style:width=percent(departed.saturating_sub(*docked), length)
                        ></span>
                    }
                })
                .collect_view();
            view! {
                <li
                    class="timeline-flight"
                    class:timeline-lane-2=index % 2 == 1
                    data-flight-id=span.id.to_string()
                    data-ongoing=span.ongoing.then_some("")
                    tabindex="0"
                    style:left=at(span.start)
                    style:width=percent(span.end - span.start, width)
                >
                    {docked}
                    <span class="timeline-tip">{span.tip}</span>
                </li>
            }
        })
        .collect_view();

    Some(view! {
        <figure class="timeline" data-testid="flight-timeline">
            <figcaption class="timeline-caption">"Flights over time"<span class="timeline-legend">
                <span class="legend-flight">"in flight"</span>
                <span class="legend-docked">"docked"</span>
            </span></figcaption>
            <ol class="timeline-track" role="list">{bars}</ol>
            <div class="timeline-axis" aria-hidden="true">{ticks}</div>
        </figure>
    })
}

/// Where a flight sits in time; `None` without a readable launch date.
fn span(flight: &Flight, now: u64) -> Option<Span> {
    let launch = flight.launch.clone().unwrap_or_default();
    let net = launch.net.as_deref()?;
    let start = epoch_seconds(net)?;
    let end = flight.mission_end.as_deref().and_then(epoch_seconds);
    let ongoing = end.is_none();
    let end = end.unwrap_or(now).max(start);
    let docked = flight
        .docking_events
        .iter()
        .flatten()
        .filter_map(|event| {
            let docked = epoch_seconds(event.docking.as_deref()?)?;
            let departed = event
                .departure
                .as_deref()
                .and_then(epoch_seconds)
                .unwrap_or(end);
            Some((docked.clamp(start, end), departed.clamp(start, end)))
        })
        .collect();
    let mut tip = format::or_dash(&launch.name);
    tip.push_str(": ");
    tip.push_str(&format::date(net));
    match &flight.mission_end {
        Some(ended) if !ongoing => {
            tip.push_str(" to ");
            tip.push_str(&format::date(ended));
        }
        _ => tip.push_str(", ongoing"),
    }
    if let Some(destination) = flight
        .destination
        .as_deref()
        .filter(|d| !d.trim().is_empty())
    {
        tip.push_str(" · ");
        tip.push_str(destination);
    }
    Some(Span {
        id: flight.id,
        start,
        end,
        ongoing,
        docked,
        tip,
    })
}
