//! A small History-API router: the address bar as a signal, same-app link clicks turned into
//! `pushState`, Back/Forward read from `popstate`. Which page a path is lives in `routes.rs`.
//!
//! Our own rather than `leptos_router`: the app has three routes, and that crate cost 32 KB of
//! brotli wasm, paid by every visitor, and decoded query values twice.

use crate::query::Query;
use crate::routes::{Paths, Route};
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Where the browser is: the full path and the query string (without `?`), as the address bar
/// has them (percent-encoded).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Location {
    pub pathname: String,
    pub search: String,
}

impl Location {
    fn current() -> Location {
        let location = window().location();
        Location {
            pathname: location.pathname().unwrap_or_default(),
            search: location
                .search()
                .unwrap_or_default()
                .trim_start_matches('?')
                .to_string(),
        }
    }
}

/// How a navigation treats history and the scroll position.
#[derive(Clone, Copy, Debug, Default)]
pub struct Navigation {
    /// Replace the current history entry instead of adding one.
    pub replace: bool,
    /// Keep the scroll position (paging and filters) instead of going to the top.
    pub keep_scroll: bool,
}

/// The app's router, provided as context by `App`.
#[derive(Clone, Copy)]
pub struct Router {
    location: RwSignal<Location>,
    paths: StoredValue<Paths>,
}

impl Router {
    /// Reads the address bar and starts following it: link clicks and Back/Forward.
    pub fn start(paths: Paths) -> Router {
        let router = Router {
            location: RwSignal::new(Location::current()),
            paths: StoredValue::new(paths),
        };
        let popstate = window_event_listener(ev::popstate, move |_| {
            router.location.set(Location::current());
        });
        let clicks = window_event_listener(ev::click, move |event| router.follow_link(event));
        on_cleanup(move || {
            popstate.remove();
            clicks.remove();
        });
        router
    }

    pub fn location(&self) -> RwSignal<Location> {
        self.location
    }

    /// The route of the address bar (tracked).
    pub fn route(&self) -> Route {
        let paths = self.paths;
        self.location
            .with(|location| paths.with_value(|paths| paths.route(&location.pathname)))
    }

    /// Goes to `href` (a path under the base, with its query) without reloading.
    pub fn navigate(&self, href: &str, how: Navigation) {
        let Ok(history) = window().history() else {
            let _ = window().location().assign(href);
            return;
        };
        let current = self.location.with_untracked(full_path);
        let pushed = if how.replace {
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href))
        } else if href == current {
            // The same page again (a link to where we are) adds no history entry.
            Ok(())
        } else {
            history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href))
        };
        if pushed.is_err() {
            let _ = window().location().assign(href);
            return;
        }
        if !how.keep_scroll {
            window().scroll_to_with_x_and_y(0.0, 0.0);
        }
        self.location.set(Location::current());
    }

    /// A value a page reads from the address bar, kept as it was while the router leaves the
    /// page: between the URL changing and the page being dropped, effects must not take the
    /// next page's address for their own. `read` returns `None` off the page.
    pub fn while_on<T>(
        &self,
        read: impl Fn(Route, &Location) -> Option<T> + Send + Sync + 'static,
    ) -> Memo<T>
    where
        T: Clone + Default + PartialEq + Send + Sync + 'static,
    {
        let router = *self;
        Memo::new(move |previous: Option<&T>| {
            let route = router.route();
            router
                .location
                .with(|location| read(route, location))
                .or_else(|| previous.cloned())
                .unwrap_or_default()
        })
    }

    /// The grid's query, read from the raw query string (see `encoding.rs`).
    pub fn grid_query(&self) -> Memo<Query> {
        self.while_on(|route, location| {
            (route == Route::Grid).then(|| Query::parse(&location.search))
        })
    }

    /// A plain left click on a link to a page of this app: handled here, not by a reload.
    fn follow_link(&self, event: web_sys::MouseEvent) {
        if event.default_prevented()
            || event.button() != 0
            || event.meta_key()
            || event.alt_key()
            || event.ctrl_key()
            || event.shift_key()
        {
            return;
        }
        let Some(anchor) = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|element| element.closest("a[href]").ok().flatten())
            .and_then(|element| element.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        else {
            return;
        };
        let rel = anchor.rel();
        if !anchor.target().is_empty()
            || anchor.has_attribute("download")
            || rel.split_whitespace().any(|part| part == "external")
        {
            return;
        }
        let Some(href) = same_origin_path(&anchor.href()) else {
            return;
        };
        // In-page anchors (the skip link) are the browser's business.
        if href.contains('#') {
            return;
        }
        let path = href.split('?').next().unwrap_or_default();
        if self
            .paths
            .with_value(|paths| paths.within_base(path).is_none())
        {
            return;
        }
        event.prevent_default();
        self.navigate(
            &href,
            Navigation {
                replace: false,
                keep_scroll: anchor.has_attribute("data-noscroll"),
            },
        );
    }
}

/// `/path?query#hash` of an absolute URL on this page's origin.
fn same_origin_path(url: &str) -> Option<String> {
    let origin = window().location().origin().ok()?;
    let rest = url.strip_prefix(&origin)?;
    rest.starts_with('/').then(|| rest.to_string())
}

fn full_path(location: &Location) -> String {
    if location.search.is_empty() {
        location.pathname.clone()
    } else {
        format!("{}?{}", location.pathname, location.search)
    }
}
