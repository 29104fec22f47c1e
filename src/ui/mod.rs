//! What more than one page (or the frame) shows: load states, cards, units, wording, exports.
//! Uses `state/`, `api/` and `url/`; never a page.

pub mod csv;
pub mod drawing;
pub mod export_files;
pub mod format;
pub mod measure;
pub mod text;

#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
pub mod card;
#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
pub mod chunk;
#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
pub mod compare_tray;
#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
pub mod configuration;
#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
pub mod export;
#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
pub mod image;
#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
pub mod loaded;
#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
pub mod not_found;
#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
pub mod settings_panel;
#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
pub mod share;
#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
pub mod status;
