//! `/configurations`: every spacecraft configuration, each a way into the grid of its
//! spacecraft. The list is the lookup the grid's filter uses (one or two requests, kept for a
//! day); searching and grouping it happen in the page, kept in the URL, and cost no request.

use crate::api::models::{Image, SpacecraftConfig};
use crate::state::context::AppContext;
use crate::state::head;
use crate::state::lookups::use_lookups;
use crate::state::router::{Navigation, Router};
use crate::ui::format::group_thousands;
use crate::ui::image::FallbackImage;
use crate::ui::loaded::Loaded;
use crate::ui::share::ShareLinks;
use crate::ui::status::SkeletonCards;
use crate::url::grid_query::Query;
use crate::url::index_query::{Grouping, IndexQuery};
use crate::url::routes::Route;
use leptos::prelude::*;

#[component]
pub fn ConfigurationsPage() -> impl IntoView {
    let paths = StoredValue::new(expect_context::<AppContext>().paths);
    let router = expect_context::<Router>();
    let lookups = use_lookups();
    lookups.want_configurations();
    let query = router.while_on(|route, location| {
        (route == Route::Configurations).then(|| IndexQuery::parse(&location.search))
    });
    head::set(
        Some("Spacecraft configurations"),
        "Every spacecraft configuration in Launch Library 2, by agency or type: capsules, cargo ships, spaceplanes and more.",
    );
    // Typing replaces the history entry (one per visit to the box); a new grouping is a step
    // Back can undo.
    let go = move |next: IndexQuery, replace: bool| {
        paths.with_value(|paths| {
            router.navigate(
                &paths.configurations(&next),
                Navigation {
                    replace,
                    keep_scroll: true,
                },
            )
        })
    };

    let index =
        move |configs: &Vec<SpacecraftConfig>| view! { <Index configs=configs.clone() query /> };

    view! {
        <div class="configurations-page">
            <h1 class="page-title" tabindex="-1">"Spacecraft configurations"</h1>
            <ShareLinks />
            <form role="search" class="filters index-filters" aria-label="Find configurations" on:submit=|event| event.prevent_default()>
                <div class="filters-top">
                    <div class="field field-search">
                        <label for="c-search">"Search configurations"</label>
                        <input id="c-search" name="search" type="search" autocomplete="off"
                            placeholder="Name, type or agency, e.g. Soyuz"
                            prop:value=move || query.get_untracked().search.unwrap_or_default()
                            on:input=move |event| {
                                let text = event_target_value(&event);
                                let next = IndexQuery {
                                    search: Some(text).filter(|text| !text.trim().is_empty()),
                                    ..query.get_untracked()
                                };
                                go(next, true);
                            } />
                    </div>
                    <div class="field">
                        <label for="c-group">"Group"</label>
                        <select id="c-group" name="group" on:change=move |event| {
                            let value = event_target_value(&event);
                            let group = Grouping::ALL.into_iter().find(|g| g.param() == value).unwrap_or_default();
                            go(IndexQuery { group, ..query.get_untracked() }, false);
                        }>
                            {Grouping::ALL.into_iter().map(|grouping| view! {
                                <option value=grouping.param() prop:selected=move || query.get().group == grouping>
                                    {grouping.label()}
                                </option>
                            }).collect_view()}
                        </select>
                    </div>
                </div>
            </form>
            <Loaded
                loader=lookups.configurations
                class="results"
                testid="configurations"
                label="Configurations"
                loading=|| view! { <SkeletonCards count=12 /> }
                ready=index
            />
        </div>
    }
}

/// The found configurations, in groups when asked.
#[component]
fn Index(configs: Vec<SpacecraftConfig>, query: Memo<IndexQuery>) -> impl IntoView {
    move || {
        let query = query.get();
        let groups = query.grouped(&configs);
        let found: usize = groups.iter().map(|(_, members)| members.len()).sum();
        let count = match found {
            1 => "1 configuration".to_string(),
            n => format!("{} configurations", group_thousands(n as u64)),
        };
        let grouped = query.group != Grouping::None;
        view! {
            <p class="result-count" role="status">{count}</p>
            {(found == 0).then(|| view! {
                <div class="notice" data-testid="empty"><p>"No configuration matches this search."</p></div>
            })}
            {groups.into_iter().map(|(name, members)| {
                let group = name.clone();
                let cards = view! {
                    <ul class="card-grid" role="list">
                        {members.into_iter().map(|config| view! {
                            <li><ConfigurationCard config=config.clone() grouped /></li>
                        }).collect_view()}
                    </ul>
                };
                if grouped {
                    view! {
                        <section class="index-group" data-group=group>
                            <h2>{name}</h2>
                            {cards}
                        </section>
                    }
                    .into_any()
                } else {
                    cards.into_any()
                }
            }).collect_view()}
        }
    }
}

/// One configuration; the whole card leads to the grid of its spacecraft.
#[component]
fn ConfigurationCard(config: SpacecraftConfig, grouped: bool) -> impl IntoView {
    let paths = expect_context::<AppContext>().paths;
    let id = config.id.unwrap_or_default();
    let href = paths.grid(&Query::default().for_configuration(id));
    let name = config.name.clone();
    let title = view! { <a class="card-link" href=href>{name.clone()}</a> };
    let in_use = config.in_use.map(|in_use| {
        let (text, tone) = if in_use {
            ("In use", "badge-good")
        } else {
            ("Not in use", "")
        };
        view! { <ul class="badges" aria-label="Status"><li class=format!("badge {tone}")>{text}</li></ul> }
    });
    view! {
        <article class="card config-card" data-configuration-id=id.to_string()>
            <div class="card-media">
                <FallbackImage sources=Image::sources(config.image.as_ref(), true) alt=name />
            </div>
            <div class="card-body">
                {if grouped {
                    view! { <h3 class="card-title">{title}</h3> }.into_any()
                } else {
                    view! { <h2 class="card-title">{title}</h2> }.into_any()
                }}
                {(!config.type_and_agency().is_empty()).then(|| view! {
                    <p class="card-config-meta">{config.type_and_agency()}</p>
                })}
                {in_use}
            </div>
        </article>
    }
}
