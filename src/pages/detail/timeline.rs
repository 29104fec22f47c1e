//! A spacecraft's flights over time, as `drawing::flight_timeline` lays them out.

use crate::ui::drawing::{Span, Timeline};
use leptos::prelude::*;

/// Each flight a bar from launch to mission end (ongoing ones to now), its docked time shaded,
/// on an axis of round years. A bar takes focus so that its tip (launch, dates, destination)
/// is there for the keyboard too. Docked time comes from the spacecraft's logbook.
#[component]
pub fn FlightTimeline(
    timeline: Timeline,
    /// For a spacecraft in space: "Aloft for 12d 3h · docked at …", kept current.
    #[prop(optional_no_strip)]
    aloft: Option<Signal<String>>,
) -> impl IntoView {
    let Timeline { spans, ticks } = timeline;
    view! {
        <figure class="timeline" data-testid="flight-timeline">
            <figcaption class="timeline-caption">
                "Flights over time"
                <span class="timeline-legend" aria-hidden="true">
                    <span class="legend-flight">"in flight"</span>
                    <span class="legend-docked">"docked"</span>
                </span>
            </figcaption>
            {aloft.map(|text| view! { <p class="timeline-aloft" data-testid="aloft">{text}</p> })}
            <ol class="timeline-track" role="list">
                {spans.into_iter().map(|span| view! { <FlightBar span /> }).collect_view()}
            </ol>
            <div class="timeline-axis" aria-hidden="true">
                {ticks.into_iter().map(|tick| view! {
                    <span class="timeline-tick" style:left=tick.left>{tick.label}</span>
                }).collect_view()}
            </div>
        </figure>
    }
}

/// One flight's bar.
#[component]
fn FlightBar(span: Span) -> impl IntoView {
    view! {
        <li
            class="timeline-flight"
            class:timeline-lane-2=span.second_lane
            data-flight-id=span.id.map(|id| id.to_string())
            data-ongoing=span.ongoing.then_some("")
            tabindex="0"
            style:margin-left=span.offset
            style:width=span.width
        >
            {span.docked.into_iter().map(|docked| view! {
                <span class="timeline-docked" style:margin-left=docked.offset style:width=docked.width></span>
            }).collect_view()}
            <span class="timeline-tip">{span.tip}</span>
        </li>
    }
}
