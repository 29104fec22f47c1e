//! "21–40 of 603" and the page links. Every page is an ordinary link, so middle-click opens it
//! in a new tab and the router handles plain clicks.

use crate::pages::grid::paging::{page_links, range_text};
use crate::state::context::AppContext;
use crate::url::grid_query::Query;
use leptos::prelude::*;

#[component]
pub fn ResultCount(
    query: Query,
    shown: u64,
    count: u64,
    /// Where focus goes after a page change.
    node_ref: NodeRef<leptos::html::P>,
) -> impl IntoView {
    let text = range_text(u64::from(query.offset), shown, count);
    view! {
        <p class="result-count" data-testid="result-count" tabindex="-1" node_ref=node_ref>
            {text}" spacecraft"
        </p>
    }
}

#[component]
pub fn Pager(query: Query, count: u64) -> impl IntoView {
    let paths = expect_context::<AppContext>().paths;
    let links = page_links(u64::from(query.offset), u64::from(query.page_size()), count);
    if links.previous.is_none() && links.next.is_none() {
        return None;
    }
    let href = move |offset: u64| {
        paths.grid(&query.with_offset(u32::try_from(offset).unwrap_or(u32::MAX)))
    };

    Some(view! {
        <nav class="pager" aria-label="Pages">
            {match links.previous {
                Some(offset) => view! { <a class="pager-step" rel="prev" href=href(offset) data-noscroll="">"← Previous"</a> }.into_any(),
                None => view! { <span class="pager-step" aria-disabled="true">"← Previous"</span> }.into_any(),
            }}
            <ol class="pager-pages">
                {links.pages.into_iter().map(|page| match page {
                    None => view! { <li class="pager-gap" aria-hidden="true">"…"</li> }.into_any(),
                    Some((page, offset, true)) => view! {
                        <li><a class="pager-page" href=href(offset) aria-current="page" data-noscroll="">{page}</a></li>
                    }.into_any(),
                    Some((page, offset, false)) => view! {
                        <li><a class="pager-page" href=href(offset) aria-label=format!("Page {page}") data-noscroll="">{page}</a></li>
                    }.into_any(),
                }).collect_view()}
            </ol>
            {match links.next {
                Some(offset) => view! { <a class="pager-step" rel="next" href=href(offset) data-noscroll="">"Next →"</a> }.into_any(),
                None => view! { <span class="pager-step" aria-disabled="true">"Next →"</span> }.into_any(),
            }}
        </nav>
    })
}
