//! `/compare?ids=…`: spacecraft side by side, where their records come from, and their table.
//! Uses `ui/`, `state/`, `api/`, `url/` (its ids: `url::compare_ids`); no other page.

#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
mod page;
#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
pub mod records;
#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
pub mod table;

#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
pub use page::ComparePage;

/// The page, in its own wasm chunk in the split release build (`ui::chunk`).
#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
#[cfg_attr(wasm_split, leptos::wasm_split::wasm_split(
    compare, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload)
))]
pub fn load() -> Result<leptos::prelude::AnyView, crate::ui::chunk::ChunkFailed> {
    use leptos::prelude::*;
    Ok(view! { <ComparePage /> }.into_any())
}
