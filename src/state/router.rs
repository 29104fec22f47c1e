//! A small History-API router: the address bar as a signal, same-app link clicks turned into
//! `pushState`, Back/Forward read from `popstate`. Which page a path is lives in `url::routes`.
//!
//! Our own rather than `leptos_router`: the app has three routes, and that crate cost 32 KB of
//! brotli wasm, paid by every visitor, and decoded query values twice.
//!
//! After an in-app move to another page, focus goes to the new page's heading and its title is
//! said politely (a reload puts both where the browser puts them; a new page through the router
//! must not leave keyboard and screen-reader users on a `<body>` that says nothing).

use crate::url::grid_query::Query;
use crate::url::routes::{Paths, Route};
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

    /// The address bar, with an odd form of a page's path (`/spacecraft/0095`, `/index.html`)
    /// first rewritten in place to its canonical one (no history entry), query and hash kept.
    fn canonical(paths: &Paths) -> Location {
        let mut location = Location::current();
        let Some(pathname) = paths.canonical(&location.pathname) else {
            return location;
        };
        let hash = window().location().hash().unwrap_or_default();
        let href = format!(
            "{}{hash}",
            full_path(&Location {
                pathname: pathname.clone(),
                search: location.search.clone(),
            })
        );
        let replaced = window().history().and_then(|history| {
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&href))
        });
        if replaced.is_ok() {
            location.pathname = pathname;
        }
        location
    }
}

/// Where focus goes once the view a navigation leads to is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Arrival {
    /// Another page: to its heading, and its title is announced.
    NewPage,
    /// The same page with another query, from a link (a quick view, a compare Remove): to the
    /// heading only if the link that had focus went with the old view. Typing in a field and the
    /// pager (which brings focus to the new results itself) are left alone.
    SamePage,
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
    /// The last page title said to screen readers (the frame's polite live region).
    announcement: RwSignal<String>,
    /// A page whose heading was not drawn yet when it was arrived at (a spacecraft loading):
    /// focus waits on `<main>` until `heading_shown`.
    awaiting_heading: StoredValue<bool>,
}

impl Router {
    /// Reads the address bar (cleaning an odd path in place) and starts following it: link
    /// clicks and Back/Forward.
    pub fn start(paths: Paths) -> Router {
        let location = Location::canonical(&paths);
        let router = Router::at(paths, location);
        let popstate = window_event_listener(ev::popstate, move |_| {
            let before = router.location.with_untracked(|l| l.pathname.clone());
            let after = router.paths.with_value(Location::canonical);
            let arrival = (after.pathname != before).then_some(Arrival::NewPage);
            router.location.set(after);
            router.arrive(arrival);
        });
        let clicks = window_event_listener(ev::click, move |event| router.follow_link(event));
        on_cleanup(move || {
            popstate.remove();
            clicks.remove();
        });
        router
    }

    /// A router that stays at `location` and follows nothing: the build's rendering of a page.
    pub fn at(paths: Paths, location: Location) -> Router {
        Router {
            location: RwSignal::new(location),
            paths: StoredValue::new(paths),
            announcement: RwSignal::new(String::new()),
            awaiting_heading: StoredValue::new(false),
        }
    }

    pub fn location(&self) -> RwSignal<Location> {
        self.location
    }

    /// What the frame's polite live region says: the title of the page last arrived at.
    pub fn announcement(&self) -> Signal<String> {
        self.announcement.into()
    }

    /// Called by a page whose heading appears after its first view (a spacecraft's name, once
    /// its record arrives): focus left waiting on `<main>` by the navigation moves on to it.
    pub fn heading_shown(&self) {
        let router = *self;
        request_animation_frame(move || {
            if !router.awaiting_heading.get_value() {
                return;
            }
            router.awaiting_heading.set_value(false);
            let document = document();
            let waiting_on_main = document
                .active_element()
                .is_some_and(|active| active.id() == "main");
            // Focus elsewhere: the visitor has moved on meanwhile, and stays where they are.
            if waiting_on_main {
                router.focus_heading();
            }
        });
    }

    /// Once the view is drawn (the next frame: the router's signal is read by effects that
    /// run before it), brings focus where `arrival` says.
    fn arrive(&self, arrival: Option<Arrival>) {
        let Some(arrival) = arrival else {
            return;
        };
        let router = *self;
        request_animation_frame(move || {
            if arrival == Arrival::SamePage && !focus_was_lost() {
                return;
            }
            router.focus_heading();
        });
    }

    /// Focus to the page's heading (`<main>` until there is one), without scrolling (Back and
    /// Forward restore the scroll position), and its title announced.
    fn focus_heading(&self) {
        let document = document();
        let heading = document.query_selector("#main h1[tabindex]").ok().flatten();
        self.awaiting_heading.set_value(heading.is_none());
        if let Some(target) = heading.or_else(|| document.get_element_by_id("main")) {
            focus_without_scrolling(&target);
        }
        self.announcement.set(crate::state::head::page_title());
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
        // Gone from the page the build drew before the app had drawn it itself.
        crate::state::context::retire_first_paint(true);
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

    /// The grid's query, read from the raw query string (see `url::encoding`).
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
        let keep_scroll = anchor.has_attribute("data-noscroll");
        let before = self.untracked_route();
        self.navigate(
            &href,
            Navigation {
                replace: false,
                keep_scroll,
            },
        );
        let after = self.untracked_route();
        let arrival = if after != before {
            Some(Arrival::NewPage)
        } else {
            (!keep_scroll).then_some(Arrival::SamePage)
        };
        self.arrive(arrival);
    }

    /// The page the address bar shows, untracked: another spacecraft is another page, another
    /// query is not.
    fn untracked_route(&self) -> Route {
        untrack(|| self.route())
    }
}

/// Whether focus went with the old view (it is on `<body>`, or nowhere).
fn focus_was_lost() -> bool {
    let document = document();
    match (document.active_element(), document.body()) {
        (Some(active), Some(body)) => active.is_same_node(Some(&body)),
        _ => true,
    }
}

/// `element.focus({ preventScroll: true })`, through `Reflect`: web-sys has no `FocusOptions`
/// among the features this crate enables.
fn focus_without_scrolling(element: &web_sys::Element) {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"preventScroll".into(), &true.into());
    if let Some(focus) = js_sys::Reflect::get(element, &"focus".into())
        .ok()
        .and_then(|focus| focus.dyn_into::<js_sys::Function>().ok())
    {
        let _ = focus.call1(element, &options);
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
