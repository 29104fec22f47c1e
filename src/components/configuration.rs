//! A spacecraft configuration: its facts (on a spacecraft's detail page and above the grid of
//! its spacecraft), and that header itself.

use crate::api::client;
use crate::api::endpoints::safe_url;
use crate::api::loader::use_latest;
use crate::api::models::SpacecraftConfig;
use crate::components::card::Stat;
use crate::components::image::CreditedImage;
use crate::components::loaded::Loaded;
use crate::components::status::SkeletonText;
use crate::context::AppContext;
use crate::format::{self, or_dash, yes_no, NO_VALUE};
use leptos::prelude::*;

/// What LL2 knows of a configuration: key facts, then capability, history and details, then
/// links. `full` adds what a spacecraft's page already shows elsewhere (type, agency) and the
/// configuration's own record (spacecraft flown, launches, landings).
#[component]
pub fn ConfigurationFacts(config: SpacecraftConfig, #[prop(optional)] full: bool) -> impl IntoView {
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
    let kind = config.kind.as_ref().map(|kind| kind.name.clone());
    let agency = config.agency.as_ref().map(|agency| agency.name.clone());

    view! {
        <dl class="stats">
            {full.then(|| view! {
                <Stat label="Type" value=or_dash(kind.as_deref().unwrap_or_default()) />
                <Stat label="Agency" value=or_dash(agency.as_deref().unwrap_or_default()) />
            })}
            <Stat label="In use" value=yes_no(config.in_use) />
            <Stat label="Human-rated" value=yes_no(config.human_rated) />
            <Stat label="Crew capacity" value=format::count(config.crew_capacity) />
            <Stat label="Maiden flight" value=config.maiden_flight.as_deref().map_or(NO_VALUE.to_string(), format::date) />
            <Stat label="Height" value=config.height.map_or(NO_VALUE.to_string(), format::metres) />
            <Stat label="Diameter" value=config.diameter.map_or(NO_VALUE.to_string(), format::metres) />
            <Stat label="Payload capacity" value=config.payload_capacity.map_or(NO_VALUE.to_string(), format::kilograms) />
            <Stat label="Flight life" value=or_dash(config.flight_life.as_deref().unwrap_or_default()) />
            {full.then(|| view! {
                <Stat label="Spacecraft flown" value=format::count(config.spacecraft_flown) />
                <Stat label="Launches" wide=true value=format::tally(
                    config.total_launch_count, config.successful_launches, config.failed_launches) />
                <Stat label="Landings" wide=true value=format::tally(
                    config.attempted_landings, config.successful_landings, config.failed_landings) />
            })}
        </dl>
        {(!texts.is_empty()).then(|| {
            let texts = texts.into_iter().map(|(label, text)| view! {
                <h3>{label}</h3>
                <p class="prose">{text}</p>
            }).collect_view();
            // Above a grid the long texts fold away, so the spacecraft stay in view.
            if full {
                view! {
                    <details class="configuration-more">
                        <summary>"Capability, history and details"</summary>
                        {texts}
                    </details>
                }
                .into_any()
            } else {
                texts.into_any()
            }
        })}
        {(!links.is_empty()).then(|| view! {
            <ul class="links">
                {links.into_iter().map(|(label, href)| view! {
                    <li><a href=href rel="noopener noreferrer" target="_blank">{label}</a></li>
                }).collect_view()}
            </ul>
        })}
    }
}

/// Above the grid of one configuration's spacecraft: what that configuration is. One lookup
/// request, cached for a day; when it fails the grid still works and this says why in a line.
#[component]
pub fn ConfigurationHeader(id: u32) -> impl IntoView {
    let context = expect_context::<AppContext>();
    let configuration = use_latest(
        move || Some(context.api().configuration(id)),
        client::cached_view,
        client::get_json::<SpacecraftConfig>,
    );
    let summary = |config: &SpacecraftConfig| {
        let config = config.clone();
        let name = or_dash(&config.name);
        view! {
            <div class="configuration-summary">
                <CreditedImage image=config.image.clone() alt=name.clone() class="configuration-image" />
                <div class="configuration-facts">
                    <h2 class="configuration-name">{name}</h2>
                    <ConfigurationFacts config full=true />
                </div>
            </div>
        }
    };

    view! {
        <section class="configuration-header" data-configuration-id=id.to_string() aria-label="Configuration">
            <Loaded
                loader=configuration
                class="configuration-body"
                testid="configuration"
                compact=true
                loading=|| view! {
                    <div class="configuration-summary">
                        <div class="configuration-image card-skeleton"></div>
                        <div class="configuration-facts"><SkeletonText /></div>
                    </div>
                }
                ready=summary
            />
        </section>
    }
}
