//! `/`: the card grid. The URL's query string is the view: it is parsed into a `Query`, cleaned
//! in the address bar if needed, and sent to the API as is.

use crate::api::cache::Cached;
use crate::api::client;
use crate::api::endpoints::ApiRequest;
use crate::api::models::{Page, Spacecraft};
use crate::pages::grid::chart::ViewSwitch;
use crate::pages::grid::filters::{Change, Filters};
use crate::pages::grid::load_chart;
use crate::pages::grid::pager::{Pager, ResultCount};
use crate::pages::grid::paging::{each_spacecraft_once, range_text};
use crate::pages::grid::quick_views::quick_views;
use crate::state::context::AppContext;
use crate::state::head;
use crate::state::loader::{use_latest, Load, Loader};
use crate::state::lookups::use_lookups;
use crate::state::router::{Navigation, Router};
use crate::state::seen;
use crate::ui::card::{ShownIn, SpacecraftCard};
use crate::ui::chunk::chunk;
use crate::ui::configuration::ConfigurationHeader;
use crate::ui::export::ExportToolbar;
use crate::ui::loaded::Loaded;
use crate::ui::share::ShareLinks;
use crate::ui::status::{EmptyResults, SkeletonCards};
use crate::ui::text;
use crate::url::grid_query::{Query, View};
use crate::url::routes::Route;
use leptos::html;
use leptos::prelude::*;

#[component]
pub fn GridPage() -> impl IntoView {
    let context = expect_context::<AppContext>();
    let router = expect_context::<Router>();
    let query = router.grid_query();
    provide_context(ShownIn(query));
    let configuration = Memo::new(move |_| query.get().spacecraft_config);

    let go = {
        let paths = context.paths.clone();
        Callback::new(move |(next, replace): Change| {
            router.navigate(
                &paths.grid(&next),
                Navigation {
                    replace,
                    keep_scroll: true,
                },
            )
        })
    };
    // Invalid or non-canonical parameters: rewrite the address bar in place, no new entry.
    Effect::new(move |_| {
        let canonical = query.get().to_query_string();
        let on_grid = untrack(|| router.route()) == Route::Grid;
        if on_grid && router.location().with_untracked(|l| l.search != canonical) {
            go.run((query.get_untracked(), true));
        }
    });
    Effect::new({
        let context = context.clone();
        move |_| {
            let current = query.get();
            context
                .last_grid_href
                .set(Some(context.paths.grid(&current)));
            head::set(current.title().as_deref(), &current.description());
        }
    });

    let list = use_latest(
        move || {
            Some(
                context
                    .api()
                    .spacecraft_list(&query.get().to_api_query_string()),
            )
        },
        cached_page,
        |request| async move { client::get_json(request).await.map(each_spacecraft_once) },
    );
    let count_ref = NodeRef::<html::P>::new();
    focus_results_after_paging(query, list, count_ref);
    // The status choices follow the first cards, off the critical path of the first view,
    // and are there before the visitor reaches for that filter.
    let lookups = use_lookups();
    Effect::new(move |_| {
        list.state.with(|state| {
            if let Load::Ready(page) = state {
                // Comparing any of these costs no request (`state::seen`).
                seen::remember(&page.results);
                request_animation_frame(move || lookups.want_statuses());
            }
        })
    });

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
            Load::Failed(error) => text::error_title(error).to_string(),
            Load::Loading => String::new(),
        })
    };
    let field_errors = Signal::derive(move || {
        list.state.with(|state| match state {
            Load::Failed(error) => error.field_messages().to_vec(),
            _ => Vec::new(),
        })
    });

    let summary = move |page: &Page<Spacecraft>| {
        let (shown, count, skipped) = (page.results.len() as u64, page.count, page.skipped);
        view! { <ResultSummary shown count skipped query=query.get_untracked() count_ref /> }
    };

    view! {
        <div class="grid-page">
            <h1 class="page-title" tabindex="-1">"Spacecraft"</h1>
            <ShareLinks />
            <p class="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="announcer">{announcement}</p>
            <QuickViews query />
            <Filters query=query on_change=go errors=field_errors />
            <ViewSwitch query on_change=go />
            {move || configuration.get().map(|id| view! { <ConfigurationHeader id /> })}
            <Loaded
                loader=list
                class="results"
                testid="grid"
                label="Results"
                loading=move || view! {
                    <p class="result-count result-count-loading" data-testid="loading">"Loading spacecraft…"</p>
                    <SkeletonCards count=query.get_untracked().page_size().min(20) as usize />
                }
                ready=summary
            >
                <CardList list query />
                {move || (query.get().view == View::Chart).then(|| list.state.with(|state| match state {
                    Load::Ready(page) if !page.results.is_empty() => {
                        let (results, query) = (page.results.clone(), query.get());
                        Some(chunk(move || load_chart(results.clone(), query.clone())))
                    }
                    _ => None,
                })).flatten()}
                {move || list.state.with(|state| match state {
                    Load::Ready(page) if !page.results.is_empty() => {
                        Some(view! { <Pager query=query.get_untracked() count=page.count /> })
                    }
                    _ => None,
                })}
            </Loaded>
            <ExportToolbar list query />
        </div>
    }
}

/// A stored answer, made ready to show like a fresh one (`each_spacecraft_once`).
fn cached_page(request: &ApiRequest) -> Cached<Page<Spacecraft>> {
    match client::cached_view(request) {
        Cached::Miss => Cached::Miss,
        Cached::Fresh { value, stored_at } => Cached::Fresh {
            value: each_spacecraft_once(value),
            stored_at,
        },
        Cached::Stale {
            value,
            stored_at,
            may_refresh,
        } => Cached::Stale {
            value: each_spacecraft_once(value),
            stored_at,
            may_refresh,
        },
    }
}

/// The questions people ask most, one click away. Each replaces the filters (keeping how
/// results are shown); the one this view answers is marked current.
#[component]
fn QuickViews(query: Memo<Query>) -> impl IntoView {
    let paths = expect_context::<AppContext>().paths;
    let lookups = use_lookups();
    let active_status = move || {
        lookups.statuses.state.with(|state| match state {
            Load::Ready(statuses) => statuses
                .iter()
                .find(|status| status.name.trim().eq_ignore_ascii_case("active"))
                .and_then(|status| status.id),
            _ => None,
        })
    };
    view! {
        <nav class="quick-views" aria-label="Quick views">
            <ul role="list">
                {move || {
                    let current = query.get();
                    let active = active_status();
                    let views = quick_views(active).into_iter().map(|(label, view)| {
                        let is_current = view.selects_the_same_as(&current);
                        let href = paths.grid(&view.presented_as(&current));
                        view! {
                            <li><a href=href aria-current=is_current.then_some("page")>{label}</a></li>
                        }
                    }).collect_view();
                    // "Active" waits for the statuses; its place is kept so nothing below moves.
                    let reserved = active.is_none().then(|| view! {
                        <li class="quick-view-pending" aria-hidden="true"><a>"Active"</a></li>
                    });
                    view! { {views}{reserved} }
                }}
            </ul>
        </nav>
    }
}

/// One card of `CardList`: its key names the record's version (id and JSON fingerprint), so an
/// unchanged record keeps its card and a refreshed one gets a new card in its place.
#[derive(Clone)]
struct CardItem {
    key: (u64, u64),
    index: usize,
    craft: std::sync::Arc<Spacecraft>,
}

impl PartialEq for CardItem {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key && self.index == other.index
    }
}

/// The cards of the last answer. They stay mounted across views, keyed by record version, so a
/// change whose answer is cached only moves, adds and removes cards instead of rebuilding all,
/// and a refreshed answer rebuilds only the cards whose record changed.
#[component]
fn CardList(list: Loader<Page<Spacecraft>>, query: Memo<Query>) -> impl IntoView {
    let cards = Memo::new(move |previous: Option<&Vec<CardItem>>| {
        list.state.with(|state| match state {
            Load::Ready(page) => page
                .results
                .iter()
                .zip(&page.fingerprints)
                .enumerate()
                .map(|(index, (craft, fingerprint))| CardItem {
                    key: (craft.id, *fingerprint),
                    index,
                    craft: std::sync::Arc::new(craft.clone()),
                })
                .collect(),
            _ => previous.cloned().unwrap_or_default(),
        })
    });
    let is_ready = move || list.state.with(|state| matches!(state, Load::Ready(_)));
    // Kept while a chart shows the same page: switching back is instant.
    let charted = move || query.with(|query| query.view == View::Chart);

    view! {
        <ul class="card-grid" role="list" hidden=move || cards.with(Vec::is_empty) || !is_ready() || charted()>
            <For
                each=move || cards.get()
                key=|item| item.key
                children=move |item| {
                    let craft = std::sync::Arc::unwrap_or_clone(item.craft);
                    view! { <li><SpacecraftCard craft eager_image=item.index < 4 /></li> }
                }
            />
        </ul>
    }
}

/// The count above the cards, what could not be shown, or why there are none.
#[component]
fn ResultSummary(
    shown: u64,
    count: u64,
    skipped: u64,
    query: Query,
    count_ref: NodeRef<html::P>,
) -> impl IntoView {
    let context = expect_context::<AppContext>();
    let skipped_count = skipped;
    let skipped = (skipped_count > 0).then(|| {
        let text = match skipped_count {
            1 => "1 spacecraft in this page could not be shown: the API sent it in a shape we could not read.".to_string(),
            n => format!("{n} spacecraft in this page could not be shown: the API sent them in a shape we could not read."),
        };
        view! { <p class="notice notice-quiet" role="status" data-testid="skipped">{text}</p> }
    });
    let empty = (shown == 0).then(|| {
        let clear_href = query
            .is_filtered()
            .then(|| context.paths.grid(&query.without_filters()));
        let first_page_href = (query.offset > 0 && count > 0 && skipped_count == 0)
            .then(|| context.paths.grid(&query.with_offset(0)));
        view! { <EmptyResults clear_href first_page_href /> }
    });
    view! {
        <ResultCount query shown count node_ref=count_ref />
        {skipped}
        {empty}
    }
}

/// After a page change, brings the reader to the top of the new results (and focus to their
/// count), not to the top of the page.
fn focus_results_after_paging(
    query: Memo<Query>,
    list: Loader<Page<Spacecraft>>,
    count_ref: NodeRef<html::P>,
) {
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
            request_animation_frame(move || {
                if let Some(count) = count_ref.get_untracked() {
                    count.scroll_into_view();
                    let _ = count.focus();
                }
            });
        }
    });
}
