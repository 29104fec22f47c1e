//! `/configurations`: every spacecraft configuration, searched and grouped in the page.
//! Uses `ui/`, `state/`, `api/`, `url/` (its URL state: `url::index_query`); no other page.

#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
mod page;

#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
pub use page::ConfigurationsPage;
