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
