//! "21–40 of 603" and the page links. Every page is an ordinary link, so middle-click opens it
//! in a new tab and the router handles plain clicks.

use crate::config::AppContext;
use crate::paging::{page_window, range_text};
use crate::query::Query;
use leptos::prelude::*;

#[component]
pub fn ResultCount(query: Query, shown: u64, count: u64) -> impl IntoView {
    let text = range_text(u64::from(query.offset), shown, count);
    view! {
        <p class="result-count" data-testid="result-count" tabindex="-1">
            {text}" spacecraft"
        </p>
    }
}

#[component]
pub fn Pager(query: Query, count: u64) -> impl IntoView {
    let context = expect_context::<AppContext>();
    let size = u64::from(query.page_size());
    let offset = u64::from(query.offset);
    let pages = count.div_ceil(size).max(1);
    let current = offset / size + 1;
    let href_for_page = {
        let context = context.clone();
        let query = query.clone();
        move |page: u64| {
            let offset = (page - 1) * size;
            context.grid_href(&query.with_offset(u32::try_from(offset).unwrap_or(u32::MAX)))
        }
    };
    let prev = (offset > 0).then(|| {
        let previous_offset = offset.saturating_sub(size);
        context.grid_href(&query.with_offset(previous_offset as u32))
    });
    let next = (offset + size < count).then(|| href_for_page(current + 1));
    if prev.is_none() && next.is_none() {
        return None;
    }

    Some(view! {
        <nav class="pager" aria-label="Pages">
            {match prev {
                Some(href) => view! { <a class="pager-step" rel="prev" href=href data-noscroll="">"← Previous"</a> }.into_any(),
                None => view! { <span class="pager-step" aria-disabled="true">"← Previous"</span> }.into_any(),
            }}
            <ol class="pager-pages">
                {page_window(current, pages).into_iter().map(|page| match page {
                    None => view! { <li class="pager-gap" aria-hidden="true">"…"</li> }.into_any(),
                    Some(page) if page == current => view! {
                        <li><a class="pager-page" href=href_for_page(page) aria-current="page" data-noscroll="">{page}</a></li>
                    }.into_any(),
                    Some(page) => view! {
                        <li><a class="pager-page" href=href_for_page(page) aria-label=format!("Page {page}") data-noscroll="">{page}</a></li>
                    }.into_any(),
                }).collect_view()}
            </ol>
            {match next {
                Some(href) => view! { <a class="pager-step" rel="next" href=href data-noscroll="">"Next →"</a> }.into_any(),
                None => view! { <span class="pager-step" aria-disabled="true">"Next →"</span> }.into_any(),
            }}
        </nav>
    })
}
