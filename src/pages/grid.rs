//! `/`: the card grid. The URL's query string is the view: it is parsed into a `Query`, cleaned
//! in the address bar if needed, and sent to the API as is.

use crate::api::client;
use crate::api::endpoints;
use crate::api::loader::{use_latest, Load};
use crate::api::models::{Page, Spacecraft};
use crate::components::card::SpacecraftCard;
use crate::components::filters::{Change, Filters};
use crate::components::pager::{Pager, ResultCount};
use crate::components::status::{EmptyResults, ErrorNotice, SkeletonCards};
use crate::config::AppContext;
use crate::query::Query;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

#[component]
pub fn GridPage() -> impl IntoView {
    let context = expect_context::<AppContext>();
    let location = use_location();
    // Read the raw query ourselves: the router's own map decodes values twice.
    let query = Memo::new(move |_| Query::parse(&location.search.get()));

    let navigate = use_navigate();
    let go = {
        let context = context.clone();
        Callback::new(move |(next, replace): Change| {
            navigate(
                &context.grid_href(&next),
                NavigateOptions {
                    resolve: false,
                    replace,
                    scroll: false,
                    ..Default::default()
                },
            )
        })
    };

    // Invalid or non-canonical parameters: rewrite the address bar in place, no new entry.
    Effect::new(move |_| {
        let canonical = query.get().to_query_string();
        if location.search.get_untracked() != canonical {
            go.run((query.get_untracked(), true));
        }
    });
    Effect::new({
        let context = context.clone();
        move |_| {
            let current = query.get();
            context
                .last_grid_href
                .set(Some(context.grid_href(&current)));
            document().set_title(&page_title(&current));
        }
    });

    let api = context.clone();
    let list = use_latest(
        move || Some(endpoints::spacecraft_list(&api.api_base(), &query.get())),
        client::cached_view,
        |url: String| async move { client::get_json::<Page<Spacecraft>>(&url).await },
    );
    let retry = Callback::new(move |()| list.retry());
    let field_errors = Signal::derive(move || match list.state.get() {
        Load::Failed(error) => error.field_messages().to_vec(),
        _ => Vec::new(),
    });
    let is_loading = move || matches!(list.state.get(), Load::Loading);

    view! {
        <div class="grid-page">
            <h1 class="page-title">"Spacecraft"</h1>
            <Filters query=query on_change=go errors=field_errors />
            <section
                class="results"
                data-testid="grid"
                aria-label="Results"
                aria-busy=move || if is_loading() { "true" } else { "false" }
            >
                {move || match list.state.get() {
                    Load::Loading => view! {
                        <p class="result-count result-count-loading" data-testid="loading">"Loading spacecraft…"</p>
                        {move || list.slow.get().then(|| view! {
                            <p class="notice slow-notice" role="status" data-testid="slow">
                                "Launch Library is slow to answer right now. Still waiting…"
                            </p>
                        })}
                        <ul class="card-grid" role="list">
                            <SkeletonCards count=query.get_untracked().page_size().min(20) as usize />
                        </ul>
                    }
                    .into_any(),
                    Load::Failed(error) => view! { <ErrorNotice error on_retry=retry /> }.into_any(),
                    Load::Ready(page) => view! { <Results page query=query.get_untracked() /> }.into_any(),
                }}
            </section>
        </div>
    }
}

#[component]
fn Results(page: Page<Spacecraft>, query: Query) -> impl IntoView {
    let context = expect_context::<AppContext>();
    let shown = page.results.len() as u64;
    if page.results.is_empty() {
        let clear_href = query
            .is_filtered()
            .then(|| context.grid_href(&query.without_filters()));
        let first_page_href =
            (query.offset > 0 && page.count > 0).then(|| context.grid_href(&query.with_offset(0)));
        return view! {
            <ResultCount query=query.clone() shown=0 count=page.count />
            <EmptyResults clear_href first_page_href />
        }
        .into_any();
    }
    // Keyed by id and mode: the same spacecraft in detailed mode is a different card.
    let cards: Vec<(usize, Spacecraft)> = page.results.into_iter().enumerate().collect();
    view! {
        <ResultCount query=query.clone() shown count=page.count />
        <ul class="card-grid" role="list">
            <For
                each=move || cards.clone()
                key=|(_, craft)| (craft.id, craft.flights.is_some())
                children=|(index, craft)| view! {
                    <li><SpacecraftCard craft eager_image=index < 4 /></li>
                }
            />
        </ul>
        <Pager query count=page.count />
    }
    .into_any()
}

/// "Search “shuttle”, page 2 — Spacecraft Explorer": history entries and shared links say what
/// they show.
fn page_title(query: &Query) -> String {
    let mut parts = Vec::new();
    if let Some(search) = &query.search {
        parts.push(format!("Search “{search}”"));
    }
    if let Some(name) = &query.name {
        parts.push(format!("“{name}”"));
    }
    if query.offset > 0 {
        parts.push(format!("page {}", query.offset / query.page_size() + 1));
    }
    if parts.is_empty() {
        "Spacecraft Explorer".to_string()
    } else {
        format!("{} — Spacecraft Explorer", parts.join(", "))
    }
}
