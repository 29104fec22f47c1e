//! `/compare?ids=…`: spacecraft side by side, and the table that shows them.
//! Uses `ui/`, `state/`, `api/`, `url/` (its ids: `url::compare_ids`); no other page.

#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
mod page;
#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
pub mod table;

#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
pub use page::ComparePage;
