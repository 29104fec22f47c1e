//! The app shell: shared state, the router and the page frame.

use crate::api::client;
use crate::api::quota;
use crate::pages;
use crate::pages::grid::GridPage;
use crate::state::context::AppContext;
use crate::state::lookups::Lookups;
use crate::state::router::Router;
use crate::ui::chunk::chunk;
use crate::ui::compare_tray::{CompareTray, Tray};
use crate::ui::not_found::NotFound;
use crate::ui::settings_panel::{QuotaMeter, SettingsPanel};
use crate::url::compare_ids::CompareQuery;
use crate::url::index_query::IndexQuery;
use crate::url::routes::Route;
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    let context = AppContext::from_document();
    let router = Router::start(context.paths.clone());
    frame(context, router)
}

/// The page at `location` as the app first draws it, as HTML: the release build's rendering of
/// `/` (`src/bin/prerender.rs`), with whatever answers `context`'s cache holds. No effect runs.
#[cfg(feature = "prerender")]
pub fn prerender(context: AppContext, location: crate::state::router::Location) -> String {
    let owner = Owner::new();
    owner.with(|| {
        let router = Router::at(context.paths.clone(), location);
        frame(context, router).into_view().to_html()
    })
}

/// The frame and its pages, wherever the context and the router come from.
fn frame(context: AppContext, router: Router) -> impl IntoView {
    quota::install(context.quota);
    client::use_api(&context.api());
    // The quota meter speaks of the API in use; after a change of host or key it starts empty
    // until the next check (the settings panel, where the change is made, makes one).
    Effect::new({
        let context = context.clone();
        move |previous: Option<()>| {
            let api = context.api();
            if previous.is_some() {
                client::use_api(&api);
                context.quota.set(None);
                client::refresh_quota();
            }
        }
    });
    let home = context.paths.home();
    let index = context.paths.configurations(&IndexQuery::default());
    let lookups = Lookups::new(&context);
    let page_context = context.clone();
    provide_context(lookups);
    provide_context(Tray::restore());
    provide_context(context);
    provide_context(router);
    // Pages change when the route's kind does; a new query or id is the page's own business.
    let page = Memo::new(move |_| match router.route() {
        Route::Grid => Route::Grid,
        Route::Detail(_) => Route::Detail(None),
        other => other,
    });
    // The other pages' code, fetched at idle once the first view is drawn: a click later
    // waits for no download. A failure here is met again, with Retry, where the page is opened.
    #[cfg(wasm_split)]
    crate::ui::chunk::prefetch_after_first_view(async {
        let _ = pages::detail::preload().await;
        let _ = pages::grid::preload_chart().await;
        let _ = pages::configurations::preload().await;
        let _ = pages::compare::preload().await;
    });
    let current = move |route: Route| (page.get() == route).then_some("page");
    // Start-up in two tasks, so neither is as long as both: the frame now, the page in the next
    // task; index.html's first paint covers the app until then (base.css, `retire_first_paint`).
    let built = RwSignal::new(!crate::IN_BROWSER);
    if crate::IN_BROWSER {
        set_timeout(
            move || {
                built.set(true);
                crate::state::context::retire_first_paint(false);
            },
            std::time::Duration::ZERO,
        );
    }

    view! {
        <a class="skip-link" href="#main">"Skip to results"</a>
        <header class="site-header">
            <a class="brand" href=home.clone()>
                <span class="brand-mark" aria-hidden="true">"◎"</span>
                "Spacecraft Explorer"
            </a>
            <nav class="site-nav" aria-label="Main">
                <a href=home aria-current=move || current(Route::Grid)>"Spacecraft"</a>
                <a href=index aria-current=move || current(Route::Configurations)>"Configurations"</a>
            </nav>
            <div class="header-tools">
                <QuotaMeter />
                <SettingsPanel />
            </div>
        </header>
        // The title of each page arrived at in the app, said politely (see `router`).
        <p class="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="page-announcer">
            {move || router.announcement().get()}
        </p>
        <main id="main" tabindex="-1">
            {move || match page.get() {
                _ if !built.get() => ().into_any(),
                Route::Grid => view! { <GridPage /> }.into_any(),
                // The pages other than the grid are chunks of the split build (`ui::chunk`).
                // Their data is asked for while their code comes: a spacecraft's record by the
                // inline prefetch, the configurations and the compared records here.
                Route::Detail(_) => chunk(pages::detail::load),
                Route::Configurations => {
                    lookups.want_configurations();
                    chunk(pages::configurations::load)
                }
                Route::Compare => {
                    let link = router.location().with_untracked(|at| CompareQuery::parse(&at.search));
                    pages::compare::records::ask_early(&link, &page_context.api());
                    chunk(pages::compare::load)
                }
                Route::NotFound => view! { <NotFound /> }.into_any(),
            }}
        </main>
        <CompareTray />
        <footer class="site-footer">
            <p>
                "Data: "
                <a href="https://thespacedevs.com/llapi" rel="noopener noreferrer">"Launch Library 2"</a>
                " by The Space Devs."
            </p>
        </footer>
    }
}
