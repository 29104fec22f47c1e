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
