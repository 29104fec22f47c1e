//! A spacecraft configuration: its facts (on a spacecraft's detail page and above the grid of
//! its spacecraft), and that header itself.

use crate::api::client;
use crate::api::models::SpacecraftConfig;
use crate::state::context::AppContext;
use crate::state::loader::use_latest;
use crate::ui::card::Stat;
use crate::ui::drawing::{self, Facts};
use crate::ui::format::or_dash;
use crate::ui::image::CreditedImage;
use crate::ui::loaded::Loaded;
use crate::ui::status::SkeletonText;
use leptos::prelude::*;

/// What LL2 knows of a configuration (see `drawing::configuration_facts`): key facts, then its
/// long texts (folded away when `full`), then links to web pages about it.
#[component]
pub fn ConfigurationFacts(config: SpacecraftConfig, #[prop(optional)] full: bool) -> impl IntoView {
    let Facts {
        stats,
        texts,
        folded,
        links,
    } = drawing::configuration_facts(&config, full);
    let texts = (!texts.is_empty()).then(|| {
        let prose = texts
            .into_iter()
            .map(|(label, text)| view! { <h3>{label}</h3><p class="prose">{text}</p> })
            .collect_view();
        if folded {
            view! {
                <details class="configuration-more">
                    <summary>"Capability, history and details"</summary>
                    {prose}
                </details>
            }
            .into_any()
        } else {
            prose.into_any()
        }
    });

    view! {
        <dl class="stats">
            {stats.into_iter().map(|(label, value, wide)| view! { <Stat label value wide /> }).collect_view()}
        </dl>
        {texts}
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
