//! `/spacecraft/{id}`: everything LL2 knows about one spacecraft, from its detailed record.

use crate::api::client;
use crate::api::endpoints::{self, safe_url};
use crate::api::loader::{use_latest, Load};
use crate::api::models::{Flight, Image, Spacecraft, SpacecraftConfig};
use crate::api::ApiError;
use crate::components::card::{badges, display_name, Stat};
use crate::components::image::{sources, FallbackImage};
use crate::components::status::ErrorNotice;
use crate::config::AppContext;
use crate::format;
use crate::head;
use crate::pages::not_found::NotFound;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn DetailPage() -> impl IntoView {
    let context = expect_context::<AppContext>();
    let params = use_params_map();
    // While the router leaves this page the params lose `id`; keep showing the last one.
    let id = Memo::new(move |previous: Option<&Option<u64>>| {
        match params.with(|params| params.get("id")) {
            Some(id) => id.parse::<u64>().ok().filter(|id| *id > 0),
            None => previous.copied().flatten(),
        }
    });
    let api = context.clone();
    let record = use_latest(
        move || {
            id.get()
                .map(|id| endpoints::spacecraft_detail(&api.api_base(), id))
        },
        |url: &String| client::cached_view(url),
        |url: String| async move { client::get_json::<Spacecraft>(&url).await },
    );
    let retry = Callback::new(move |()| record.retry());
    let back_href = move || context.back_to_grid_href();

    view! {
        <div class="detail-page" data-testid="detail-page" aria-busy=move || {
            if id.get().is_some() && matches!(record.state.get(), Load::Loading) { "true" } else { "false" }
        }>
            <p class="back"><a href=back_href data-testid="back-to-grid">"← Back to results"</a></p>
            {move || match (id.get(), record.state.get()) {
                (None, _) | (_, Load::Failed(ApiError::NotFound)) => view! {
                    <NotFound message="Launch Library has no spacecraft with this id." />
                }
                .into_any(),
                (_, Load::Loading) => view! {
                    <div class="detail-skeleton" data-testid="loading">
                        {move || record.slow.get().then(|| view! {
                            <p class="notice slow-notice" role="status" data-testid="slow">
                                "Launch Library is slow to answer right now. Still waiting…"
                            </p>
                        })}
                        <div class="skeleton-line skeleton-title"></div>
                        <div class="detail-hero card-skeleton"></div>
                    </div>
                }
                .into_any(),
                (_, Load::Failed(error)) => view! { <ErrorNotice error on_retry=retry /> }.into_any(),
                (_, Load::Ready(craft)) => view! { <Detail craft /> }.into_any(),
            }}
        </div>
    }
}

#[component]
fn Detail(craft: Spacecraft) -> impl IntoView {
    let name = display_name(&craft);
    let summary = craft.description.chars().take(155).collect::<String>();
    head::set(
        Some(&name),
        if summary.is_empty() {
            "A spacecraft in Launch Library 2."
        } else {
            &summary
        },
    );
    let config = craft.spacecraft_config.clone().unwrap_or_default();
    let flights = craft.flights.clone().unwrap_or_default();

    view! {
        <article class="detail" data-testid="detail" data-spacecraft-id=craft.id.to_string()>
            <header class="detail-header">
                <h1>{name.clone()}</h1>
                {craft.serial_number.clone().filter(|s| !s.trim().is_empty()).map(|serial| view! {
                    <p class="detail-serial">"Serial "{serial}</p>
                })}
                {badges(&craft)}
            </header>
            <div class="detail-layout">
                <HeroImage image=craft.image.clone() alt=name />
                <section class="detail-facts" aria-labelledby="facts-heading">
                    <h2 id="facts-heading">"At a glance"</h2>
                    <dl class="stats">
                        <Stat label="Configuration" value=config.name.clone() />
                        <Stat label="Type and agency" value=or_dash(config.type_and_agency()) />
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
            <ConfigurationDetails config />
            <FlightHistory flights />
        </article>
    }
}

#[component]
fn HeroImage(image: Option<Image>, alt: String) -> impl IntoView {
    let credit = image
        .as_ref()
        .and_then(|image| image.credit.clone())
        .filter(|c| !c.trim().is_empty());
    let license = image.as_ref().and_then(|image| image.license.clone());
    let has_image = image.is_some();
    view! {
        <figure class="detail-hero">
            <FallbackImage sources=sources(image.as_ref(), false) alt eager=true />
            {has_image.then(|| view! {
                <figcaption>
                    {credit.map(|credit| view! { <span>"Credit: "{credit}" "</span> })}
                    {license.filter(|l| !l.name.trim().is_empty()).map(|license| {
                        let link = safe_url(license.link.as_deref()).map(str::to_string);
                        match link {
                            Some(href) => view! { <span>"Licence: "<a href=href rel="noopener noreferrer" target="_blank">{license.name}</a></span> }.into_any(),
                            None => view! { <span>"Licence: "{license.name}</span> }.into_any(),
                        }
                    })}
                </figcaption>
            })}
        </figure>
    }
}

#[component]
fn ConfigurationDetails(config: SpacecraftConfig) -> impl IntoView {
    let yes_no = |value: Option<bool>| {
        value.map_or("—".to_string(), |v| {
            if v {
                "Yes".into()
            } else {
                "No".into()
            }
        })
    };
    let links: Vec<(&'static str, String)> = [
        ("Wikipedia", &config.wiki_link),
        ("More information", &config.info_link),
    ]
    .into_iter()
    .filter_map(|(label, url)| safe_url(url.as_deref()).map(|url| (label, url.to_string())))
    .collect();
    let texts: Vec<(&'static str, String)> = [
        ("Capability", &config.capability),
        ("Details", &config.details),
        ("History", &config.history),
    ]
    .into_iter()
    .filter_map(|(label, text)| {
        text.clone()
            .filter(|t| !t.trim().is_empty())
            .map(|t| (label, t))
    })
    .collect();

    view! {
        <section class="detail-section" aria-labelledby="config-heading">
            <h2 id="config-heading">"Configuration: "{config.name.clone()}</h2>
            <dl class="stats">
                <Stat label="Human-rated" value=yes_no(config.human_rated) />
                <Stat label="Crew capacity" value=format::count(config.crew_capacity) />
                <Stat label="Maiden flight" value=config.maiden_flight.as_deref().map_or("—".to_string(), format::date) />
                <Stat label="Height" value=config.height.map_or("—".to_string(), format::metres) />
                <Stat label="Diameter" value=config.diameter.map_or("—".to_string(), format::metres) />
                <Stat label="Payload capacity" value=config.payload_capacity.map_or("—".to_string(), |kg| format!("{kg} kg")) />
                <Stat label="Flight life" value=or_dash(config.flight_life.clone().unwrap_or_default()) />
                <Stat label="In use" value=yes_no(config.in_use) />
            </dl>
            {texts.into_iter().map(|(label, text)| view! {
                <h3>{label}</h3>
                <p class="prose">{text}</p>
            }).collect_view()}
            {(!links.is_empty()).then(|| view! {
                <ul class="links">
                    {links.into_iter().map(|(label, href)| view! {
                        <li><a href=href rel="noopener noreferrer" target="_blank">{label}</a></li>
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}

#[component]
fn FlightHistory(flights: Vec<Flight>) -> impl IntoView {
    let count = flights.len();
    view! {
        <section class="detail-section" aria-labelledby="flights-heading">
            <h2 id="flights-heading">"Flights ("{count}")"</h2>
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
                                            <th scope="row">{or_dash(launch.name)}</th>
                                            <td>{launch.net.as_deref().map_or("—".to_string(), format::date)}</td>
                                            <td>{status.unwrap_or_else(|| "—".to_string())}</td>
                                            <td>{or_dash(flight.destination.unwrap_or_default())}</td>
                                            <td>{flight.mission_end.as_deref().map_or("—".to_string(), format::date)}</td>
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

fn or_dash(text: String) -> String {
    if text.trim().is_empty() {
        "—".to_string()
    } else {
        text
    }
}
