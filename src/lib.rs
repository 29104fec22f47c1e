//! Spacecraft Explorer: every spacecraft of Launch Library 2 as a filterable, sortable card grid.
//!
//! The pure parts (URL state, formatting, API models and URLs) build on any target and are
//! tested on the host; the browser parts are compiled for wasm only.

pub mod api;
pub mod catalog;
pub mod compare;
pub mod csv;
pub mod drawing;
pub mod encoding;
pub mod export;
pub mod format;
pub mod logbook;
pub mod measure;
pub mod paging;
pub mod query;
pub mod routes;
pub mod settings;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod context;
#[cfg(target_arch = "wasm32")]
mod head;
#[cfg(target_arch = "wasm32")]
pub mod pages;
#[cfg(target_arch = "wasm32")]
pub mod router;

#[cfg(target_arch = "wasm32")]
pub use app::App;
