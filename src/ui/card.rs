//! One spacecraft in the grid.

use crate::api::models::{status_tone, Image, Spacecraft, SpacecraftConfig};
use crate::state::context::AppContext;
use crate::ui::compare_tray::CompareToggle;
use crate::ui::format;
use crate::ui::image::FallbackImage;
use crate::url::grid_query::Query;
use leptos::prelude::*;

/// The grid view a card is shown in (provided by the grid): its configuration link keeps the
/// view's mode and page size.
#[derive(Clone, Copy)]
pub struct ShownIn(pub Memo<Query>);

/// A grid card. The heading link stretches over the whole card (CSS), so the card is one click
/// target and one tab stop, and Enter on it opens the detail page.
#[component]
pub fn SpacecraftCard(craft: Spacecraft, #[prop(optional)] eager_image: bool) -> impl IntoView {
    let context = expect_context::<AppContext>();
    let href = context.paths.detail(craft.id);
    let name = craft.display_name();
    let image_sources = Image::sources(craft.image.as_ref(), true);
    let config = craft.spacecraft_config.clone().unwrap_or_default();
    let detailed = craft.is_detailed();

    view! {
        <article class="card" data-spacecraft-id=craft.id.to_string()>
            <div class="card-media">
                <FallbackImage sources=image_sources alt=name.clone() eager=eager_image />
            </div>
            <div class="card-body">
                <h2 class="card-title">
                    <a class="card-link" href=href>{name}</a>
                </h2>
                {craft.serial_number.clone().filter(|serial| !serial.trim().is_empty()).map(|serial| {
                    view! { <p class="card-serial">{serial}</p> }
                })}
                {badges(&craft)}
                {config_line(&config)}
                {(!craft.description.trim().is_empty()).then(|| {
                    view! { <p class="card-description">{craft.description.clone()}</p> }
                })}
                {stats(&craft)}
                {detailed.then(|| detailed_extras(&craft, &config))}
                <CompareToggle id=craft.id name=craft.display_name() />
            </div>
        </article>
    }
}

/// Status, "in space" and "placeholder" badges. This and the other card parts are plain
/// functions over a borrowed record: a grid builds a hundred cards, without copies of each.
pub fn badges(craft: &Spacecraft) -> impl IntoView {
    let status = craft.status_name().map(str::to_string);
    view! {
        <ul class="badges" aria-label="Status">
            {status.map(|name| {
                let tone = status_tone(&name);
                view! { <li class=format!("badge badge-status badge-{tone}")>{name}</li> }
            })}
            {craft.in_space.then(|| view! { <li class="badge badge-space">"In space"</li> })}
            {craft.is_placeholder.then(|| view! { <li class="badge badge-placeholder">"Placeholder"</li> })}
        </ul>
    }
}

/// The configuration's name, a link to the grid of its spacecraft (a second tab stop, above
/// the card's own stretched link), and its type and agency.
fn config_line(config: &SpacecraftConfig) -> impl IntoView {
    let type_and_agency = config.type_and_agency();
    let name = config.name.clone();
    let id = config.id;
    (!name.trim().is_empty() || !type_and_agency.is_empty()).then(|| {
        let name = match id {
            Some(id) => {
                let paths = expect_context::<AppContext>().paths;
                let shown_in = use_context::<ShownIn>();
                let href = move || {
                    let view = shown_in
                        .map(|ShownIn(query)| query.get())
                        .unwrap_or_default();
                    paths.grid(&view.for_configuration(id))
                };
                view! { <a class="card-config-name card-config-link" href=href>{name}</a> }
                    .into_any()
            }
            None => view! { <span class="card-config-name">{name}</span> }.into_any(),
        };
        view! {
            <p class="card-config">
                {name}
                {(!type_and_agency.is_empty()).then(|| view! {
                    <span class="card-config-meta">{type_and_agency}</span>
                })}
            </p>
        }
    })
}

fn stats(craft: &Spacecraft) -> impl IntoView {
    view! {
        <dl class="stats">
            <Stat label="Flights" value=format::count(craft.flights_count) />
            <Stat label="Mission ends" value=format::count(craft.mission_ends_count) />
            <Stat label="Time in space" value=format::duration(craft.time_in_space.as_deref()) />
            <Stat label="Time docked" value=format::duration(craft.time_docked.as_deref()) />
            {craft.fastest_turnaround.as_deref().map(|turnaround| view! {
                <Stat label="Fastest turnaround" value=format::duration(Some(turnaround)) />
            })}
        </dl>
    }
}

#[component]
pub fn Stat(
    label: &'static str,
    value: String,
    /// Takes a whole row (long values such as a launch name).
    #[prop(optional)]
    wide: bool,
    /// Where the value leads, when it is a link (empty: not a link).
    #[prop(optional)]
    href: String,
) -> impl IntoView {
    let value = if href.is_empty() {
        value.into_any()
    } else {
        view! { <a class="config-link" href=href>{value}</a> }.into_any()
    };
    view! {
        <div class="stat" class:stat-wide=wide>
            <dt>{label}</dt>
            <dd>{value}</dd>
        </div>
    }
}

/// What detailed mode adds to a card: the configuration's key facts and the latest flight.
fn detailed_extras(craft: &Spacecraft, config: &SpacecraftConfig) -> impl IntoView {
    let latest_flight = craft
        .flights
        .iter()
        .flatten()
        .filter_map(|flight| flight.launch.clone())
        .max_by(|a, b| a.net.cmp(&b.net));
    view! {
        <dl class="stats stats-detailed">
            {config.human_rated.map(|rated| view! {
                <Stat label="Human-rated" value=format::yes_no(Some(rated)) />
            })}
            {config.crew_capacity.map(|crew| view! { <Stat label="Crew capacity" value=crew.to_string() /> })}
            {config.maiden_flight.as_deref().map(|date| view! { <Stat label="Maiden flight" value=format::date(date) /> })}
            {latest_flight.map(|launch| {
                let when = launch.net.as_deref().map(format::date).unwrap_or_default();
                let value = if when.is_empty() { launch.name } else { format!("{} ({when})", launch.name) };
                view! { <Stat label="Latest flight" value wide=true /> }
            })}
        </dl>
    }
}
