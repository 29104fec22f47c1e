//! `/`: the card grid, its quick views, filter form, pager (and page arithmetic) and chart.
//! Uses `ui/`, `state/`, `api/`, `url/` (its URL state: `url::grid_query`); no other page.

pub mod paging;
pub mod quick_views;

#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
pub mod chart;
#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
pub mod filters;
#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
mod page;
#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
pub mod pager;

#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
pub use page::GridPage;

/// The chart of one page of results, in its own wasm chunk in the split release build
/// (`ui::chunk`): most visits never switch to it.
#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
#[cfg_attr(wasm_split, leptos::wasm_split::wasm_split(
    chart, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_chart)
))]
// Split points cross the chunks through an `extern "C"` function; both sides are this crate's
// own Rust, so the Rust types are read as they were written.
#[cfg_attr(wasm_split, allow(improper_ctypes_definitions))]
pub fn load_chart(
    results: Vec<crate::api::models::Spacecraft>,
    query: crate::url::grid_query::Query,
) -> Result<leptos::prelude::AnyView, crate::ui::chunk::ChunkFailed> {
    use leptos::prelude::*;
    Ok(view! { <chart::ResultsChart results query /> }.into_any())
}
