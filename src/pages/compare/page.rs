//! `/compare?ids=…`: up to four spacecraft side by side, one column each in the order of the
//! link, with inline bars scaled to each row's largest value. A record seen in a list answer
//! this visit costs no request; others are one detail request each, shared and cached like
//! every other answer. Odd or repeated ids are dropped from the address bar.

use crate::api::client;
use crate::api::models::Spacecraft;
use crate::pages::compare::records::seen_or_cached;
use crate::pages::compare::table::CompareTable;
use crate::state::context::AppContext;
use crate::state::head;
use crate::state::loader::{use_latest, Load, Loader};
use crate::state::router::{Navigation, Router};
use crate::ui::drawing::{self, Column};
use crate::ui::share::ShareLinks;
use crate::ui::text;
use crate::url::compare_ids::{CompareQuery, MAX};
use crate::url::routes::Route;
use leptos::prelude::*;

#[component]
pub fn ComparePage() -> impl IntoView {
    let context = expect_context::<AppContext>();
    let router = expect_context::<Router>();
    let query = router.while_on(|route, location| {
        (route == Route::Compare).then(|| CompareQuery::parse(&location.search))
    });
    // Odd or repeated ids: the address bar is cleaned in place, no new history entry.
    Effect::new({
        let paths = context.paths.clone();
        move |_| {
            let clean = query.get().to_query_string();
            let on_page = untrack(|| router.route()) == Route::Compare;
            if on_page && router.location().with_untracked(|l| l.search != clean) {
                router.navigate(
                    &paths.compare(&query.get_untracked()),
                    Navigation {
                        replace: true,
                        keep_scroll: true,
                    },
                );
            }
        }
    });
    head::set(
        Some("Compare spacecraft"),
        "Spacecraft side by side: flights, time in space, time docked and their configurations.",
    );
    let home = context.paths.home();

    view! {
        <div class="compare-page">
            <h1 class="page-title" tabindex="-1">"Compare spacecraft"</h1>
            <ShareLinks />
            {move || {
                let left_out = query.get().left_out();
                (left_out > 0).then(|| view! {
                    <p class="notice notice-quiet" role="status" data-testid="compare-note">
                        {format!("Only {MAX} spacecraft fit side by side: the first {MAX} of this link are shown, {left_out} more left out.")}
                    </p>
                })
            }}
            {move || {
                let link = query.get();
                if link.shown().is_empty() {
                    view! {
                        <div class="notice" data-testid="compare-empty">
                            <p>"This link names no spacecraft to compare. Pick up to four with the Compare button on their cards."</p>
                            <p><a href=home.clone()>"Browse spacecraft"</a></p>
                        </div>
                    }
                    .into_any()
                } else {
                    view! { <Comparison link /> }.into_any()
                }
            }}
        </div>
    }
}

/// The columns of the first `MAX` ids of `link`; the rest wait their turn (see `Remove`).
#[component]
fn Comparison(link: CompareQuery) -> impl IntoView {
    let context = expect_context::<AppContext>();
    let columns: Vec<(u64, Loader<Spacecraft>)> = link
        .shown()
        .iter()
        .map(|&id| {
            let context = context.clone();
            let loader = use_latest(
                move || Some(context.api().spacecraft_detail(id)),
                seen_or_cached(id),
                client::get_json::<Spacecraft>,
            );
            (id, loader)
        })
        .collect();
    // The first record on screen is when the quota is worth reading (see `client`).
    let arrived: Vec<Loader<Spacecraft>> = columns.iter().map(|(_, loader)| *loader).collect();
    Effect::new(move |_| {
        let ready = |loader: &Loader<Spacecraft>| {
            loader.state.with(|state| matches!(state, Load::Ready(_)))
        };
        if arrived.iter().any(ready) {
            client::first_view_shown();
        }
    });
    let columns = StoredValue::new(columns);
    let paths = context.paths;
    let retry_failed = move |_| {
        columns.with_value(|columns| {
            for (_, loader) in columns {
                if loader
                    .state
                    .with_untracked(|state| matches!(state, Load::Failed(_)))
                {
                    loader.retry();
                }
            }
        })
    };

    move || {
        let states: Vec<(u64, Load<Spacecraft>)> = columns.with_value(|columns| {
            columns
                .iter()
                .map(|(id, loader)| (*id, loader.state.get()))
                .collect()
        });
        let table: Vec<(u64, Column)> = states
            .iter()
            .map(|(id, state)| {
                let column = match state {
                    Load::Loading => Column::Loading,
                    Load::Failed(error) => Column::Failed(text::error_title(error)),
                    Load::Ready(craft) => Column::Ready(craft),
                };
                (*id, column)
            })
            .collect();
        let names: Vec<String> = states
            .iter()
            .filter_map(|(_, state)| match state {
                Load::Ready(craft) => Some(craft.display_name()),
                _ => None,
            })
            .collect();
        if !names.is_empty() {
            head::set(
                Some(&format!("Compare {}", names.join(", "))),
                "Spacecraft side by side: flights, time in space, time docked and their configurations.",
            );
        }
        let failed = table
            .iter()
            .any(|(_, column)| matches!(column, Column::Failed(_)));
        view! {
            {failed.then(|| view! {
                <p class="notice notice-inline" role="alert" data-testid="compare-error">
                    "Some of these spacecraft could not be loaded. "
                    <button type="button" class="button button-quiet" on:click=retry_failed>"Retry"</button>
                </p>
            })}
            <CompareTable layout=drawing::compare_table(&table, &link, &paths) />
        }
    }
}
