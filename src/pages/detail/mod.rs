//! `/spacecraft/{id}`: one spacecraft, its flight timeline and its logbook (arithmetic, view).
//! Uses `ui/`, `state/`, `api/` and `url/`; no other page.

pub mod logbook;

#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
pub mod logbook_section;
#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
mod page;
#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
pub mod timeline;

#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
pub use page::DetailPage;

/// The page, in its own wasm chunk in the split release build (`ui::chunk`).
#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
#[cfg_attr(wasm_split, leptos::wasm_split::wasm_split(
    detail, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload)
))]
pub fn load() -> Result<leptos::prelude::AnyView, crate::ui::chunk::ChunkFailed> {
    use leptos::prelude::*;
    Ok(view! { <DetailPage /> }.into_any())
}
