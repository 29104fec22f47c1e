//! `/spacecraft/{id}`: everything LL2 knows about one spacecraft, from its detailed record.

use crate::api::cache::now_ms;
use crate::api::client;
use crate::api::endpoints::FlightsOf;
use crate::api::models::Logbook;
use crate::api::models::{Flight, Spacecraft};
use crate::api::ApiError;
use crate::pages::detail::logbook::{self, Aloft};
use crate::pages::detail::logbook_section::LogbookSection;
use crate::pages::detail::timeline::FlightTimeline;
use crate::state::context::AppContext;
use crate::state::head;
use crate::state::loader::{use_latest, Load, Loader};
use crate::state::router::Router;
use crate::ui::card::{badges, Stat};
use crate::ui::configuration::ConfigurationFacts;
use crate::ui::drawing;
use crate::ui::export::FlightsDownload;
use crate::ui::format::{self, or_dash, NO_VALUE};
use crate::ui::image::CreditedImage;
use crate::ui::loaded::Loaded;
use crate::ui::measure;
use crate::ui::not_found::NotFound;
use crate::ui::share::ShareLinks;
use crate::url::grid_query::Query;
use crate::url::routes::Route;
use leptos::prelude::*;
use std::time::Duration;

#[component]
pub fn DetailPage() -> impl IntoView {
    let context = expect_context::<AppContext>();
    let router = expect_context::<Router>();
    let id = router.while_on(|route, _| match route {
        Route::Detail(id) => Some(id),
        _ => None,
    });
    let api = context.clone();
    let record = use_latest(
        move || id.get().map(|id| api.api().spacecraft_detail(id)),
        client::cached_view,
        client::get_json::<Spacecraft>,
    );
    // The logbook (crews, dockings) is one more request, only for a spacecraft that has flown.
    // Kept here, keyed by what the record says, not in the record's view: a refreshed record
    // rebuilds that view, and the same key again asks nothing (a new loader there would ask
    // again while the first request was still on its way).
    let api = context.clone();
    let logbook = use_latest(
        move || {
            record.state.with(|state| match state {
                Load::Ready(craft) if craft.flights.as_ref().is_some_and(|f| !f.is_empty()) => {
                    Some(FlightsOf {
                        api: api.api(),
                        spacecraft: craft.id,
                        in_space: craft.in_space,
                    })
                }
                _ => None,
            })
        },
        client::cached_flights,
        client::spacecraft_flights,
    );
    // The title names the page from its first frame (history entries and the announcement at
    // arrival say which spacecraft), then the record's name once it is here; a missing one's
    // not-found page sets its own.
    Effect::new(move |_| {
        let Some(id) = id.get() else {
            return;
        };
        record.state.with(|state| match state {
            Load::Ready(craft) => head::set(Some(&craft.display_name()), &description(craft)),
            Load::Failed(ApiError::NotFound) => {}
            _ => head::set(
                Some(&format!("Spacecraft {id}")),
                "A spacecraft in Launch Library 2.",
            ),
        })
    });
    let back_href = move || context.back_to_grid_href();
    let not_found = |error: &ApiError| {
        (error == &ApiError::NotFound).then(|| view! { <NoSuchSpacecraft /> }.into_any())
    };

    view! {
        <div class="detail-frame">
            <p class="back"><a href=back_href data-testid="back-to-grid">"← Back to results"</a></p>
            <ShareLinks />
            {move || match id.get() {
                None => view! { <NoSuchSpacecraft /> }.into_any(),
                Some(_) => view! {
                    <Loaded
                        loader=record
                        class="detail-page"
                        testid="detail-page"
                        loading=|| view! {
                            <div class="detail-skeleton" data-testid="loading">
                                <div class="skeleton-line skeleton-title"></div>
                                <div class="detail-hero card-skeleton"></div>
                            </div>
                        }
                        failed=not_found
                        ready=move |craft: &Spacecraft| view! { <Detail craft=craft.clone() logbook /> }
                    />
                }
                .into_any(),
            }}
        </div>
    }
}

/// The meta description of a spacecraft's page: the start of its description.
fn description(craft: &Spacecraft) -> String {
    let summary: String = craft.description.chars().take(155).collect();
    if summary.is_empty() {
        "A spacecraft in Launch Library 2.".to_string()
    } else {
        summary
    }
}

#[component]
fn NoSuchSpacecraft() -> impl IntoView {
    view! { <NotFound message="Launch Library has no spacecraft with this id." /> }
}

#[component]
fn Detail(craft: Spacecraft, logbook: Loader<Logbook>) -> impl IntoView {
    let context = expect_context::<AppContext>();
    // Focus left waiting for this page's heading by a navigation comes to the name.
    expect_context::<Router>().heading_shown();
    let name = craft.display_name();
    let config = craft.spacecraft_config.clone().unwrap_or_default();
    let flights = craft.flights.clone().unwrap_or_default();
    let logbook = (!flights.is_empty()).then_some(logbook);
    let in_space = craft.in_space;

    view! {
        <article class="detail" data-testid="detail" data-spacecraft-id=craft.id.to_string()>
            <header class="detail-header">
                <h1 tabindex="-1">{name.clone()}</h1>
                {craft.serial_number.clone().filter(|s| !s.trim().is_empty()).map(|serial| view! {
                    <p class="detail-serial">"Serial "{serial}</p>
                })}
                {badges(&craft)}
            </header>
            <div class="detail-layout">
                <CreditedImage image=craft.image.clone() alt=name class="detail-hero" />
                <section class="detail-facts" aria-labelledby="facts-heading">
                    <h2 id="facts-heading">"At a glance"</h2>
                    <dl class="stats">
                        <Stat label="Configuration" value=config.name.clone()
                            href=config.id.map(|id| context.paths.grid(&Query::default().for_configuration(id))).unwrap_or_default() />
                        <Stat label="Type and agency" value=or_dash(&config.type_and_agency()) />
                        <Stat label="Flights" value=format::count(craft.flights_count) />
                        <Stat label="Mission ends" value=format::count(craft.mission_ends_count) />
                        <Stat label="Time in space" value=format::duration(craft.time_in_space.as_deref()) />
                        <Stat label="Time docked" value=format::duration(craft.time_docked.as_deref()) />
                        <Stat label="Fastest turnaround" value=format::duration(craft.fastest_turnaround.as_deref()) />
                    </dl>
                </section>
            </div>
            {(!craft.description.trim().is_empty()).then(|| view! {
                <section class="detail-section">
                    <h2>"About"</h2>
                    <p class="prose">{craft.description.clone()}</p>
                </section>
            })}
            <section class="detail-section" aria-labelledby="config-heading">
                <h2 id="config-heading">"Configuration: "{config.name.clone()}</h2>
                <ConfigurationFacts config />
            </section>
            <FlightsDownload craft=craft.clone() />
            <FlightHistory flights logbook in_space />
            {logbook.map(|loader| view! { <LogbookSection loader craft=craft.clone() /> })}
        </article>
    }
}

/// The flights of the record: the timeline (its docked time shaded once the logbook is here)
/// and the table.
#[component]
fn FlightHistory(
    flights: Vec<Flight>,
    logbook: Option<Loader<Logbook>>,
    in_space: bool,
) -> impl IntoView {
    let count = flights.len();
    let record = StoredValue::new(flights.clone());
    let book = move || {
        logbook.and_then(|loader| {
            loader.state.with(|state| match state {
                Load::Ready(book) => Some(book.clone()),
                _ => None,
            })
        })
    };
    let now = RwSignal::new(now_ms());
    if in_space {
        // "Aloft for …" counts on while the page is open.
        if let Ok(ticker) =
            set_interval_with_handle(move || now.set(now_ms()), Duration::from_secs(60))
        {
            on_cleanup(move || ticker.clear());
        }
    }
    let timeline = move || {
        let book = book();
        let flights = record.with_value(|flights| match &book {
            Some(book) => logbook::with_dockings(flights, book),
            None => flights.clone(),
        });
        let aloft = in_space
            .then(|| Aloft::find(&flights, book.as_ref()))
            .flatten()
            .map(|aloft| Signal::derive(move || aloft.text(measure::from_unix(now.get() / 1000))));
        drawing::flight_timeline(&flights, measure::from_unix(now_ms() / 1000))
            .map(|timeline| view! { <FlightTimeline timeline aloft /> })
    };
    view! {
        <section class="detail-section" aria-labelledby="flights-heading">
            // The heading's row is where actions on these flights go (the flights CSV download,
            // a later issue).
            <header class="flights-header">
                <h2 id="flights-heading">"Flights ("{count}")"</h2>
            </header>
            {timeline}
            {if flights.is_empty() {
                view! { <p>"No flights recorded."</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="flights" data-testid="flights">
                            <thead>
                                <tr>
                                    <th scope="col">"Launch"</th>
                                    <th scope="col">"Date"</th>
                                    <th scope="col">"Status"</th>
                                    <th scope="col">"Destination"</th>
                                    <th scope="col">"Mission end"</th>
                                    <th scope="col">"Duration"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {flights.into_iter().map(|flight| {
                                    let launch = flight.launch.unwrap_or_default();
                                    let status = launch.status.map(|s| s.name).filter(|s| !s.is_empty());
                                    view! {
                                        <tr>
                                            <th scope="row">{or_dash(&launch.name)}</th>
                                            <td>{launch.net.as_deref().map_or(NO_VALUE.to_string(), format::date)}</td>
                                            <td>{or_dash(status.as_deref().unwrap_or_default())}</td>
                                            <td>{or_dash(flight.destination.as_deref().unwrap_or_default())}</td>
                                            <td>{flight.mission_end.as_deref().map_or(NO_VALUE.to_string(), format::date)}</td>
                                            <td>{format::duration(flight.duration.as_deref())}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}
