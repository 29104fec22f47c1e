//! Any path the app does not know, and spacecraft ids the API does not have.

use crate::state::context::AppContext;
use crate::state::head;
use leptos::prelude::*;

#[component]
pub fn NotFound(#[prop(optional, into)] message: Option<String>) -> impl IntoView {
    let context = expect_context::<AppContext>();
    head::set(Some("Not found"), "There is no page at this address.");
    view! {
        <div class="notice not-found" data-testid="not-found">
            <h1 class="notice-title" tabindex="-1">"Not found"</h1>
            <p>{message.unwrap_or_else(|| "There is no page at this address.".to_string())}</p>
            <p><a href=context.back_to_grid_href()>"Browse all spacecraft"</a></p>
        </div>
    }
}
