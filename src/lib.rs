//! Spacecraft Explorer: every spacecraft of Launch Library 2 as a filterable, sortable card grid.
//!
//! The pure parts (URL state, formatting, API models and URLs) build on any target and are
//! tested on the host; the browser parts are compiled for wasm, and for the host only with the
//! `prerender` feature, where the release build renders `/` with them (`src/bin/prerender.rs`).

/// Whether this code runs in a browser. Not in the release build's rendering of `/` on the host
/// (`prerender`), where the views are only drawn: what reads storage, listens to the window or
/// asks the page checks this first (effects, timers and event handlers never run there).
pub const IN_BROWSER: bool = cfg!(target_arch = "wasm32");

// Folders in layers, bottom to top: api, url, state, ui, pages, then the app's frame; each uses
// only the layers below it, and no page another page (tests/layout.rs checks).
pub mod api;
pub mod pages;
pub mod state;
pub mod ui;
pub mod url;

#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
mod app;

#[cfg(feature = "prerender")]
pub use app::prerender;
#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
pub use app::App;
