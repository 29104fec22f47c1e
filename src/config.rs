//! What the deployed page tells the app about where it lives: the API base (from
//! `<meta name="ll2-api-base">`, so a built site can be pointed elsewhere without rebuilding) and
//! the path the app is served under (from `<base href>`, which Trunk writes from `--public-url`),
//! plus the visitor's settings and the state every page shares.

use crate::api::endpoints;
use crate::api::quota::Quota;
use crate::query::Query;
use crate::settings::{Settings, STORAGE_KEY};
use leptos::prelude::*;

/// Settings and shared state every page reads, provided once by `App`.
#[derive(Clone)]
pub struct AppContext {
    /// The API root the page names, without a trailing slash.
    pub site_base: String,
    /// The app's path prefix without a trailing slash: `""` at a site's root, `/explorer` below.
    pub router_base: String,
    /// The grid URL the user last looked at, so "back to results" restores it exactly.
    pub last_grid_href: RwSignal<Option<String>>,
    /// The visitor's settings (host, API key), persisted in `localStorage`.
    pub settings: RwSignal<Settings>,
    /// The LL2 quota as last reported.
    pub quota: RwSignal<Option<Quota>>,
}

impl AppContext {
    pub fn from_document() -> AppContext {
        let document = document();
        let configured = document
            .query_selector(r#"meta[name="ll2-api-base"]"#)
            .ok()
            .flatten()
            .and_then(|meta| meta.get_attribute("content"));
        AppContext {
            site_base: endpoints::normalise_base(configured.as_deref()),
            router_base: router_base(document.base_uri().ok().flatten().as_deref()),
            last_grid_href: RwSignal::new(None),
            settings: RwSignal::new(load_settings()),
            quota: RwSignal::new(None),
        }
    }

    /// The API base in use (tracked: views re-request when the visitor changes host).
    pub fn api_base(&self) -> String {
        self.settings
            .with(|settings| settings.api_base(&self.site_base))
    }

    /// The app URL of a grid view.
    pub fn grid_href(&self, query: &Query) -> String {
        let query_string = query.to_query_string();
        if query_string.is_empty() {
            format!("{}/", self.router_base)
        } else {
            format!("{}/?{query_string}", self.router_base)
        }
    }

    pub fn detail_href(&self, id: u64) -> String {
        format!("{}/spacecraft/{id}", self.router_base)
    }

    /// Where "back to results" goes: the last grid view, or the unfiltered grid.
    pub fn back_to_grid_href(&self) -> String {
        self.last_grid_href
            .get()
            .unwrap_or_else(|| self.grid_href(&Query::default()))
    }

    /// The built-in image shown when a spacecraft has none or its image fails to load.
    pub fn placeholder_image(&self) -> String {
        format!("{}/public/placeholder.svg", self.router_base)
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn load_settings() -> Settings {
    local_storage()
        .and_then(|storage| storage.get_item(STORAGE_KEY).ok().flatten())
        .map(|text| Settings::parse(&text))
        .unwrap_or_default()
}

/// Persists settings; without storage (private mode) they last for this visit only.
pub fn save_settings(settings: &Settings) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(STORAGE_KEY, &settings.to_json());
    }
}

/// The path part of the document's base URI, without its trailing slash.
fn router_base(base_uri: Option<&str>) -> String {
    let Some(uri) = base_uri else {
        return String::new();
    };
    let after_scheme = uri.split_once("://").map_or(uri, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("", |at| &after_scheme[at..]);
    let path = path.split(['?', '#']).next().unwrap_or("");
    // A base URI that names a file (no `<base>` tag: it is the page's own URL) is not a prefix.
    if path.ends_with('/') {
        path.trim_end_matches('/').to_string()
    } else {
        String::new()
    }
}
