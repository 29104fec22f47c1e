//! The export toolbar of the grid (cards and chart alike) and a spacecraft's flights as CSV.
//!
//! "This page" writes the answer the grid shows, from the cache the grid itself filled: no
//! request. "All N results" asks the API's largest pages (`limit=100`) one after another
//! through the same cache and client, so pages saved earlier cost nothing, after saying what it
//! costs against the quota; it can be cancelled, and a throttle half way leaves what was
//! fetched downloadable. Files are handed to the browser as a Blob behind an object URL and an
//! `<a download>`: nothing leaves the page, and the page's CSP needs no change for it.

use crate::api::cache::{self, now_ms};
use crate::api::client;
use crate::api::models::Logbook;
use crate::api::models::{Flight, Page, Spacecraft};
use crate::api::quota;
use crate::state::context::AppContext;
use crate::state::loader::{Load, Loader};
use crate::ui::export_files::{
    self, all_results_page, cost_text, pages_for, Collected, Scope, Source,
};
use crate::ui::text;
use crate::url::grid_query::Query;
use futures::future::{AbortHandle, Abortable};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Csv,
    Json,
}

/// Where "all results" stands (and what "this page" had to say).
#[derive(Clone, Debug, PartialEq)]
enum Run {
    Idle,
    /// "This page" found nothing to write (its answer is not here yet).
    NotLoaded,
    /// Said what it costs; waiting for Start.
    Planned {
        text: String,
    },
    Running {
        done: u64,
        pages: u64,
    },
    Finished {
        got: usize,
    },
    /// Cancelled, or the API said no half way; `got` spacecraft can still be downloaded.
    Stopped {
        done: u64,
        pages: u64,
        reason: String,
        got: usize,
    },
}

impl Run {
    /// What the status region says of it.
    fn said(&self) -> String {
        match self {
            Run::Idle => String::new(),
            Run::NotLoaded => "This page is not loaded yet: nothing to download.".to_string(),
            Run::Planned { text } => text.clone(),
            Run::Running { done, pages } => format!("{done} of {pages} pages fetched"),
            Run::Finished { got } => format!("All {got} spacecraft fetched."),
            Run::Stopped {
                done,
                pages,
                reason,
                ..
            } => {
                format!("Stopped after {done} of {pages} pages. {reason}")
            }
        }
    }
}

#[component]
pub fn ExportToolbar(list: Loader<Page<Spacecraft>>, query: Memo<Query>) -> impl IntoView {
    // Event handlers run outside the component's owner: they read the API from here.
    let context = StoredValue::new(expect_context::<AppContext>());
    let api = move || context.with_value(AppContext::api);
    let count = move || {
        list.state.with(|state| match state {
            Load::Ready(page) if !page.results.is_empty() => Some(page.count),
            _ => None,
        })
    };
    let run = RwSignal::new(Run::Idle);
    let collected = StoredValue::new_local(Collected::default());
    let abort = StoredValue::new_local(None::<AbortHandle>);
    let stop = move || {
        if let Some(handle) = abort.try_update_value(Option::take).flatten() {
            handle.abort();
        }
    };
    on_cleanup(stop);
    // Another set of results (filters, ordering, host) forgets the last "all results".
    let all_key = Memo::new(move |_| {
        api()
            .spacecraft_list(&all_results_page(&query.get(), 0).to_api_query_string())
            .url
    });
    Effect::new(move |previous: Option<String>| {
        let key = all_key.get();
        if previous.is_some_and(|previous| previous != key) {
            stop();
            collected.set_value(Collected::default());
            run.set(Run::Idle);
        }
        key
    });

    let save = move |format: Format, scope: Scope, collected: &Collected, complete: bool| {
        let query = query.get_untracked();
        let asked = match scope {
            Scope::Page => query.clone(),
            Scope::All => all_results_page(&query, 0),
        };
        let (base, query_string) = (api().base, asked.to_api_query_string());
        let (text, mime, extension) = match format {
            Format::Csv => (
                export_files::spacecraft_csv(&collected.records),
                "text/csv;charset=utf-8",
                "csv",
            ),
            Format::Json => {
                let source = Source {
                    api: &base,
                    query: &query_string,
                    complete,
                };
                (
                    export_files::spacecraft_json(collected, &source),
                    "application/json",
                    "json",
                )
            }
        };
        download(
            &export_files::file_name(&query, scope, now_ms(), extension),
            mime,
            &text,
        );
    };
    // The answer shown, as the cache the grid filled keeps it: no request.
    let save_page = move |format: Format| {
        let request = api().spacecraft_list(&query.get_untracked().to_api_query_string());
        let mut page = Collected::default();
        match cache::lookup(&request) {
            Some((entry, _)) if page.add_body(&entry.body, entry.stored_at) => {
                if run.with_untracked(|run| *run == Run::NotLoaded) {
                    run.set(Run::Idle);
                }
                save(format, Scope::Page, &page, true);
            }
            _ => run.set(Run::NotLoaded),
        }
    };
    let save_all = move |format: Format| {
        let complete = run.with_untracked(|run| matches!(run, Run::Finished { .. }));
        collected.with_value(|collected| save(format, Scope::All, collected, complete));
    };

    let plan = move || {
        let Some(count) = count() else { return };
        let pages = pages_for(count);
        let api = api();
        let base = query.get_untracked();
        let needed = (0..pages)
            .filter(|page| {
                cache::fresh(
                    &api.spacecraft_list(&all_results_page(&base, *page).to_api_query_string()),
                )
                .is_none()
            })
            .count() as u64;
        let text = cost_text(count, pages, needed, quota::current().as_ref(), now_ms());
        run.set(Run::Planned { text });
    };
    let start = move || {
        let Some(count) = count() else { return };
        let pages = pages_for(count);
        let api = api();
        let base = query.get_untracked();
        stop();
        collected.set_value(Collected::default());
        run.set(Run::Running { done: 0, pages });
        let (handle, registration) = AbortHandle::new_pair();
        abort.set_value(Some(handle));
        let work = async move {
            let mut got = 0;
            for page in 0..pages {
                let request =
                    api.spacecraft_list(&all_results_page(&base, page).to_api_query_string());
                // The grid's own call (one copy in the wasm); the cache then holds the answer's
                // text, which the JSON file carries as it is.
                let last = match client::get_json::<Page<Spacecraft>>(request.clone()).await {
                    Ok(answer) => answer.results.is_empty() && answer.skipped == 0,
                    Err(error) => {
                        let reason = format!(
                            "{}: {}",
                            text::error_title(&error),
                            text::error_message(&error)
                        );
                        run.try_set(Run::Stopped {
                            done: page,
                            pages,
                            reason,
                            got,
                        });
                        return;
                    }
                };
                if let Some((entry, _)) = cache::lookup(&request) {
                    got = collected
                        .try_update_value(|collected| {
                            collected.add_body(&entry.body, entry.stored_at);
                            collected.records.len()
                        })
                        .unwrap_or_default();
                }
                run.try_set(Run::Running {
                    done: page + 1,
                    pages,
                });
                if last {
                    break;
                }
            }
            run.try_set(Run::Finished { got });
        };
        spawn_local(async move {
            let _ = Abortable::new(work, registration).await;
        });
    };
    let cancel = move || {
        stop();
        let got = collected.with_value(|collected| collected.records.len());
        run.update(|state| {
            *state = match state {
                Run::Running { done, pages } => Run::Stopped {
                    done: *done,
                    pages: *pages,
                    reason: "Cancelled.".to_string(),
                    got,
                },
                _ => Run::Idle,
            }
        });
    };

    let downloads = move |label: String| {
        view! {
            <span class="export-downloads">
                <button type="button" class="button button-quiet" data-testid="export-all-csv" on:click=move |_| save_all(Format::Csv)>{format!("{label} as CSV")}</button>
                <button type="button" class="button button-quiet" data-testid="export-all-json" on:click=move |_| save_all(Format::Json)>{format!("{label} as JSON")}</button>
            </span>
        }
    };
    let cancel_button = move || {
        view! {
            <button type="button" class="button button-quiet" data-testid="export-cancel" on:click=move |_| cancel()>"Cancel"</button>
        }
    };
    let panel = move || {
        match run.get() {
        Run::Idle | Run::NotLoaded => None,
        Run::Planned { text } => Some(view! {
            <div class="export-panel" data-testid="export-plan">
                <p data-testid="export-cost">{text}</p>
                <button type="button" class="button" data-testid="export-start" on:click=move |_| start()>"Start"</button>
                {cancel_button()}
            </div>
        }.into_any()),
        Run::Running { done, pages } => Some(view! {
            <div class="export-panel" data-testid="export-running">
                <progress max=pages.to_string() value=done.to_string() data-testid="export-progress" aria-label="Pages fetched"></progress>
                <span>{format!("{done} of {pages} pages")}</span>
                {cancel_button()}
            </div>
        }.into_any()),
        Run::Finished { got } => Some(view! {
            <div class="export-panel" data-testid="export-done">
                <p>{format!("All {got} spacecraft fetched.")}</p>
                {downloads("All".to_string())}
            </div>
        }.into_any()),
        stopped @ Run::Stopped { got, .. } => Some(view! {
            <div class="export-panel" data-testid="export-stopped">
                <p>{stopped.said()}</p>
                {(got > 0).then(|| downloads(format!("The {got} fetched")))}
            </div>
        }.into_any()),
    }
    };

    view! {
        {move || count().map(|count| view! {
            <section class="export-bar" aria-label="Download" data-testid="export">
                <span class="export-label">"Download this page:"</span>
                <button type="button" class="button button-quiet" data-testid="export-page-csv" on:click=move |_| save_page(Format::Csv)>"CSV"</button>
                <button type="button" class="button button-quiet" data-testid="export-page-json" on:click=move |_| save_page(Format::Json)>"JSON"</button>
                <button type="button" class="button button-quiet" data-testid="export-all" on:click=move |_| plan()>{format!("All {count} results…")}</button>
                {panel}
            </section>
        })}
        // Said politely: the cost, the progress page by page, the end.
        <p class="visually-hidden" role="status" data-testid="export-status">{move || run.with(Run::said)}</p>
    }
}

/// A spacecraft's flights, from the record its page already holds: no request.
#[component]
pub fn FlightsDownload(craft: Spacecraft) -> impl IntoView {
    let flights = craft.flights.clone().unwrap_or_default();
    (!flights.is_empty()).then(move || {
        let save = move |_| {
            let name = export_files::spacecraft_file_name(&craft, "flights", now_ms());
            download(&name, "text/csv;charset=utf-8", &export_files::flights_csv(&flights));
        };
        view! {
            <p class="export-flights">
                <button type="button" class="button button-quiet" data-testid="export-flights" on:click=save>"Download flights as CSV"</button>
            </p>
        }
    })
}

/// A spacecraft's crews and dockings, from the logbook its page already holds: no request.
/// Each button only where there is something to download.
#[component]
pub fn LogbookDownloads(craft: Spacecraft, book: Logbook) -> impl IntoView {
    let flights = book.flights;
    let has_crew = flights.iter().any(|flight| {
        [
            &flight.launch_crew,
            &flight.onboard_crew,
            &flight.landing_crew,
        ]
        .iter()
        .any(|seats| !seats.is_empty())
    });
    let has_dockings = flights.iter().any(|flight| {
        flight
            .docking_events
            .as_ref()
            .is_some_and(|events| !events.is_empty())
    });
    let file = move |what: &'static str, text: fn(&[Flight]) -> String| {
        let (craft, flights) = (craft.clone(), flights.clone());
        move |_| {
            let name = export_files::spacecraft_file_name(&craft, what, now_ms());
            download(&name, "text/csv;charset=utf-8", &text(&flights));
        }
    };
    let crew = has_crew.then(|| {
        view! {
            <button type="button" class="button button-quiet" data-testid="export-crew" on:click=file("crew", export_files::crew_csv)>
                "Download crews as CSV"
            </button>
        }
    });
    let dockings = has_dockings.then(|| {
        view! {
            <button type="button" class="button button-quiet" data-testid="export-dockings" on:click=file("dockings", export_files::dockings_csv)>
                "Download dockings as CSV"
            </button>
        }
    });
    (has_crew || has_dockings).then(|| view! { <p class="export-flights">{crew}" "{dockings}</p> })
}

/// Hands `text` to the browser as a file called `name`. A failure (no Blob support) does nothing.
pub fn download(name: &str, mime: &str, text: &str) {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    // In the document for the click (some browsers download only from a link there); the
    // router leaves links with `download` to the browser.
    let document = document();
    if let Some((anchor, body)) = document
        .create_element("a")
        .ok()
        .and_then(|element| element.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .zip(document.body())
    {
        anchor.set_href(&url);
        anchor.set_download(name);
        if body.append_child(&anchor).is_ok() {
            anchor.click();
            anchor.remove();
        }
    }
    // The browser has read the Blob once the download started; free it a while later.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
}
