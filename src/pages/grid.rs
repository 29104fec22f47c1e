//! `/`: the card grid. The URL's query string is the view: it is parsed into a `Query`, cleaned
//! in the address bar if needed, and sent to the API as is.

use crate::api::client;
use crate::api::endpoints;
use crate::api::loader::{use_latest, Load, Loader};
use crate::api::models::{Page, Spacecraft};
use crate::components::card::SpacecraftCard;
use crate::components::filters::{Change, Filters};
use crate::components::pager::{Pager, ResultCount};
use crate::components::status::{EmptyResults, ErrorNotice, SkeletonCards};
use crate::config::AppContext;
use crate::head;
use crate::paging::range_text;
use crate::query::Query;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use wasm_bindgen::JsCast;

#[component]
pub fn GridPage() -> impl IntoView {
    let context = expect_context::<AppContext>();
    let location = use_location();
    // While the router leaves this page (the URL already belongs to the next route), keep the
    // last view instead of reading the next page's query as ours.
    let grid_path = StoredValue::new(format!("{}/", context.router_base));
    let on_grid = move || {
        location.pathname.with(|path| {
            grid_path.with_value(|grid| path == grid || path == grid.trim_end_matches('/'))
        })
    };
    // Read the raw query ourselves: the router's own map decodes values twice.
    let query = Memo::new(move |previous: Option<&Query>| match previous {
        Some(previous) if !on_grid() => previous.clone(),
        _ => Query::parse(&location.search.get()),
    });
    let on_grid_untracked = move || untrack(on_grid);

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
        if on_grid_untracked() && location.search.get_untracked() != canonical {
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
            let title = page_title(&current);
            head::set(title.as_deref(), &page_description(&current));
        }
    });

    let api = context.clone();
    let list = use_latest(
        move || Some(endpoints::spacecraft_list(&api.api_base(), &query.get())),
        |url: &String| client::cached_view(url),
        |url: String| async move { client::get_json::<Page<Spacecraft>>(&url).await },
    );
    let retry = Callback::new(move |()| list.retry());

    focus_results_after_paging(query, list);
    search_shortcut();
    // What changed, said politely to screen readers; the region stays put so it is announced.
    let announcement = move || {
        list.state.with(|state| match state {
            Load::Ready(page) => format!(
                "{} spacecraft",
                range_text(
                    u64::from(query.get_untracked().offset),
                    page.results.len() as u64,
                    page.count
                )
            ),
            Load::Failed(error) => error.title().to_string(),
            Load::Loading => String::new(),
        })
    };
    let field_errors = Signal::derive(move || {
        list.state.with(|state| match state {
            Load::Failed(error) => error.field_messages().to_vec(),
            _ => Vec::new(),
        })
    });
    let is_loading = move || list.state.with(|state| matches!(state, Load::Loading));
    let is_ready = move || list.state.with(|state| matches!(state, Load::Ready(_)));
    // The last answer's cards; kept while the next one loads so the list can be diffed.
    let cards = Memo::new(move |previous: Option<&Vec<Spacecraft>>| {
        list.state.with(|state| match state {
            Load::Ready(page) => page.results.clone(),
            _ => previous.cloned().unwrap_or_default(),
        })
    });

    view! {
        <div class="grid-page">
            <h1 class="page-title">"Spacecraft"</h1>
            <p class="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="announcer">{announcement}</p>
            <Filters query=query on_change=go errors=field_errors />
            <section
                class="results"
                data-testid="grid"
                aria-label="Results"
                aria-busy=move || if is_loading() { "true" } else { "false" }
            >
                {move || list.state.with(|state| match state {
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
                    Load::Failed(error) => view! { <ErrorNotice error=error.clone() on_retry=retry /> }.into_any(),
                    Load::Ready(page) => view! {
                        <ResultSummary shown=page.results.len() as u64 count=page.count query=query.get_untracked() />
                    }
                    .into_any(),
                })}
                // The cards stay mounted across views, keyed by id and mode, so a change whose
                // answer is cached only moves, adds and removes cards instead of rebuilding all.
                <ul class="card-grid" role="list" hidden=move || cards.with(Vec::is_empty) || !is_ready()>
                    <For
                        each=move || cards.get().into_iter().enumerate()
                        key=|(_, craft)| (craft.id, craft.flights.is_some())
                        children=|(index, craft)| view! {
                            <li><SpacecraftCard craft eager_image=index < 4 /></li>
                        }
                    />
                </ul>
                {move || list.state.with(|state| match state {
                    Load::Ready(page) if !page.results.is_empty() => {
                        Some(view! { <Pager query=query.get_untracked() count=page.count /> })
                    }
                    _ => None,
                })}
            </section>
        </div>
    }
}

/// The count above the cards, or why there are none.
#[component]
fn ResultSummary(shown: u64, count: u64, query: Query) -> impl IntoView {
    let context = expect_context::<AppContext>();
    if shown > 0 {
        return view! { <ResultCount query shown count /> }.into_any();
    }
    let clear_href = query
        .is_filtered()
        .then(|| context.grid_href(&query.without_filters()));
    let first_page_href =
        (query.offset > 0 && count > 0).then(|| context.grid_href(&query.with_offset(0)));
    view! {
        <ResultCount query=query.clone() shown=0 count />
        <EmptyResults clear_href first_page_href />
    }
    .into_any()
}

/// After a page change, brings the reader to the top of the new results (and focus to their
/// count), not to the top of the page.
fn focus_results_after_paging(query: Memo<Query>, list: Loader<Page<Spacecraft>>) {
    let moved_page = StoredValue::new(false);
    Effect::new(move |previous: Option<u32>| {
        let offset = query.get().offset;
        if previous.is_some_and(|previous| previous != offset) {
            moved_page.set_value(true);
        }
        offset
    });
    Effect::new(move |_| {
        let ready = list.state.with(|state| matches!(state, Load::Ready(_)));
        if ready && moved_page.get_value() {
            moved_page.set_value(false);
            request_animation_frame(|| {
                if let Some(count) = document()
                    .query_selector("[data-testid=result-count]")
                    .ok()
                    .flatten()
                    .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    count.scroll_into_view();
                    let _ = count.focus();
                }
            });
        }
    });
}

/// "/" jumps to the search box from anywhere but a form field, while the grid is shown.
fn search_shortcut() {
    let shortcut = window_event_listener(leptos::ev::keydown, |event| {
        if event.key() != "/" || event.ctrl_key() || event.meta_key() || event.alt_key() {
            return;
        }
        let typing = document().active_element().is_some_and(|element| {
            matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        });
        if !typing {
            if let Some(search) = document()
                .get_element_by_id("f-search")
                .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
            {
                event.prevent_default();
                let _ = search.focus();
            }
        }
    });
    on_cleanup(move || shortcut.remove());
}

/// "Search “shuttle”, page 2": what a history entry or a shared link shows, `None` for the
/// plain grid.
fn page_title(query: &Query) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(search) = &query.search {
        parts.push(format!("Search “{search}”"));
    }
    if let Some(name) = &query.name {
        parts.push(format!("“{name}”"));
    }
    if query.is_filtered() && parts.is_empty() {
        parts.push("Filtered spacecraft".to_string());
    }
    if query.offset > 0 {
        parts.push(format!("page {}", query.offset / query.page_size() + 1));
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

fn page_description(query: &Query) -> String {
    match &query.search {
        Some(search) => format!("Spacecraft matching “{search}” in Launch Library 2: status, configuration, flights and time in space."),
        None => "Browse, filter and sort every spacecraft in The Space Devs' Launch Library 2: capsules, cargo ships, orbiters and more.".to_string(),
    }
}
