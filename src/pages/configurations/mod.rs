//! `/configurations`: every spacecraft configuration, searched and grouped in the page.
//! Uses `ui/`, `state/`, `api/`, `url/` (its URL state: `url::index_query`); no other page.

#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
mod page;

#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
pub use page::ConfigurationsPage;

/// The page, in its own wasm chunk in the split release build (`ui::chunk`).
#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
#[cfg_attr(wasm_split, leptos::wasm_split::wasm_split(
    configurations, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload)
))]
pub fn load() -> Result<leptos::prelude::AnyView, crate::ui::chunk::ChunkFailed> {
    use leptos::prelude::*;
    Ok(view! { <ConfigurationsPage /> }.into_any())
}
