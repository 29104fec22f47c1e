//! The app shell: configuration, router and the page frame.

use crate::api::{client, quota};
use crate::components::settings_panel::{QuotaMeter, SettingsPanel};
use crate::config::AppContext;
use crate::pages::{detail::DetailPage, grid::GridPage, not_found::NotFound};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    let context = AppContext::from_document();
    let home = format!("{}/", context.router_base);
    let router_base = context.router_base.clone();
    quota::install(context.quota);
    client::configure(
        &context.api_base(),
        context
            .settings
            .with_untracked(|settings| settings.authorization()),
    );
    // Requests follow the visitor's settings; the quota meter starts from a free check.
    Effect::new({
        let context = context.clone();
        move |_| {
            let authorization = context.settings.with(|settings| settings.authorization());
            client::configure(&context.api_base(), authorization);
            context.quota.set(None);
            client::refresh_quota();
        }
    });
    provide_context(context);

    view! {
        <Router base=router_base>
            <a class="skip-link" href="#main">"Skip to results"</a>
            <header class="site-header">
                <a class="brand" href=home>
                    <span class="brand-mark" aria-hidden="true">"◎"</span>
                    "Spacecraft Explorer"
                </a>
                <div class="header-tools">
                    <QuotaMeter />
                    <SettingsPanel />
                </div>
            </header>
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=GridPage />
                    <Route path=path!("/spacecraft/:id") view=DetailPage />
                </Routes>
            </main>
            <footer class="site-footer">
                <p>
                    "Data: "
                    <a href="https://thespacedevs.com/llapi" rel="noopener noreferrer">"Launch Library 2"</a>
                    " by The Space Devs."
                </p>
            </footer>
        </Router>
    }
}
