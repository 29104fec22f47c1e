//! What the deployed page tells the app about where it lives, and the state every page shares:
//! the API base (from `<meta name="ll2-api-base">`, so a built site can be pointed elsewhere
//! without rebuilding), the hosts its Content-Security-Policy lets it reach, the paths under
//! its base (`url::routes`), and the visitor's settings.

use crate::api::endpoints::{self, Api};
use crate::api::quota::Quota;
use crate::state::settings::{connect_origins, ImagePolicy, Settings, STORAGE_KEY};
use crate::url::routes::Paths;
use leptos::prelude::*;

/// Settings and shared state every page reads, provided once by `App`.
#[derive(Clone)]
pub struct AppContext {
    /// The API root the page names, without a trailing slash.
    pub site_base: String,
    /// Origins the page's CSP allows requests to; `None` when it sets no limit.
    pub reachable: Option<Vec<String>>,
    /// Which image URLs the page's CSP lets it load (every one, unless read from the page).
    pub images: ImagePolicy,
    pub paths: Paths,
    /// The grid URL the user last looked at, so "back to results" restores it exactly.
    pub last_grid_href: RwSignal<Option<String>>,
    /// The visitor's settings (host, API key), persisted in `localStorage`.
    pub settings: RwSignal<Settings>,
    /// The LL2 quota as last reported.
    pub quota: RwSignal<Option<Quota>>,
    /// Whether the header's settings panel is open (an error about the key opens it).
    pub settings_open: RwSignal<bool>,
}

impl AppContext {
    pub fn new(site_base: String, reachable: Option<Vec<String>>, paths: Paths) -> AppContext {
        AppContext {
            site_base,
            reachable,
            images: ImagePolicy::default(),
            paths,
            last_grid_href: RwSignal::new(None),
            settings: RwSignal::new(Settings::default()),
            quota: RwSignal::new(None),
            settings_open: RwSignal::new(false),
        }
    }

    pub fn from_document() -> AppContext {
        let document = document();
        let meta = |css: &str| {
            document
                .query_selector(css)
                .ok()
                .flatten()
                .and_then(|meta| meta.get_attribute("content"))
        };
        let context = AppContext::from_page(
            meta(r#"meta[name="ll2-api-base"]"#).as_deref(),
            meta(r#"meta[http-equiv="Content-Security-Policy"]"#).as_deref(),
            document.base_uri().ok().flatten().as_deref(),
        );
        context.settings.set(load_settings());
        context
    }

    /// From what the page says: its API base, its Content-Security-Policy and its base URI
    /// (the build passes the same to its rendering of `/`). The visitor's settings are the
    /// defaults.
    pub fn from_page(
        api_base: Option<&str>,
        policy: Option<&str>,
        base_uri: Option<&str>,
    ) -> AppContext {
        let mut context = AppContext::new(
            endpoints::normalise_base(api_base),
            policy.and_then(connect_origins),
            Paths::from_base_uri(base_uri),
        );
        if let Some(policy) = policy {
            context.images = ImagePolicy::from_policy(policy);
        }
        context
    }

    /// Where and as whom requests go now (tracked: views re-request when the visitor changes
    /// host or key).
    pub fn api(&self) -> Api {
        self.settings.with(|settings| Api {
            base: settings.api_base(&self.site_base, self.reachable.as_deref()),
            authorization: settings.authorization(),
        })
    }

    /// Where "back to results" goes: the last grid view, or the unfiltered grid.
    pub fn back_to_grid_href(&self) -> String {
        self.last_grid_href
            .get()
            .unwrap_or_else(|| self.paths.home())
    }

    /// The built-in image shown when a spacecraft has none or its image fails to load.
    pub fn placeholder_image(&self) -> String {
        self.paths.asset("placeholder.svg")
    }
}

/// index.html's first paint (`#shell`) makes way for the app, in the frame the app appears.
/// A loading grid or a kept rendering goes once the app's page is built; the build's rendering
/// of `/` (`data-prerendered`: real cards, working links, the app hidden behind it) only once
/// the app has drawn its own first answer (`answered`, from `Loaded`) or moved elsewhere, so
/// the visitor never sees the cards give way to a loading grid.
pub fn retire_first_paint(answered: bool) {
    if let Some(shell) = document().get_element_by_id("shell") {
        if answered || !shell.has_attribute("data-prerendered") {
            shell.remove();
        }
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
