//! What the app keeps while it runs: address bar, title, context, settings, loaders, lookups.
//! Uses `api/` and `url/`; nothing of ui or pages.

#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
pub mod context;
#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
pub mod head;
#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
pub mod loader;
#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
pub mod lookups;
#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
pub mod router;
#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
pub mod seen;
pub mod settings;
