//! Every page of the app as one typed value: which page a path is, and the link to each page,
//! under the sub-path base the site is served from. A new page is one `Route` variant here.
//!
//! Pure: the browser side (`state::router`) only feeds it `location.pathname` and writes hrefs back.

use crate::url::compare_ids::CompareQuery;
use crate::url::grid_query::Query;
use crate::url::index_query::IndexQuery;

/// A page of the app, from the path alone (a page's query string is read by the page).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// `/`: the card grid.
    Grid,
    /// `/spacecraft/{id}`: one spacecraft; `None` when the id is not a positive integer.
    Detail(Option<u64>),
    /// `/configurations`: every spacecraft configuration.
    Configurations,
    /// `/compare?ids=…`: spacecraft side by side.
    Compare,
    /// Anything else.
    NotFound,
}

impl Route {
    /// The page a path names; `path` is relative to the base and starts with `/`.
    pub fn parse(path: &str) -> Route {
        let segments: Vec<&str> = path.split('/').filter(|part| !part.is_empty()).collect();
        match segments[..] {
            // The file a static host serves for the root, when asked for by name.
            [] | ["index.html"] => Route::Grid,
            ["spacecraft", id] => Route::Detail(id.parse().ok().filter(|id| *id > 0)),
            ["configurations"] => Route::Configurations,
            ["compare"] => Route::Compare,
            _ => Route::NotFound,
        }
    }
}

/// Paths under the site's base: `""` at a host's root, `"/explorer"` below it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Paths {
    base: String,
}

impl Paths {
    /// From the document's base URI (`<base href>`, which Trunk writes from `--public-url`).
    pub fn from_base_uri(base_uri: Option<&str>) -> Paths {
        Paths {
            base: base_path(base_uri),
        }
    }

    /// The base path without a trailing slash.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The route of a full `location.pathname`; a path outside the base is not ours.
    pub fn route(&self, pathname: &str) -> Route {
        match self.within_base(pathname) {
            Some(path) => Route::parse(path),
            None => Route::NotFound,
        }
    }

    /// The address bar's form of the page `pathname` shows, when it differs: `/spacecraft/95`
    /// for `/spacecraft/0095`, `/spacecraft/+95` or `//spacecraft//95/`, the grid's `/` for
    /// `/index.html`. Not-found paths are left as they were typed.
    pub fn canonical(&self, pathname: &str) -> Option<String> {
        let canonical = match self.route(pathname) {
            Route::Grid => self.home(),
            Route::Detail(Some(id)) => self.detail(id),
            Route::Configurations => self.page("configurations"),
            Route::Compare => self.page("compare"),
            Route::Detail(None) | Route::NotFound => return None,
        };
        (canonical != pathname).then_some(canonical)
    }

    /// `pathname` relative to the base (starting with `/`), or `None` outside it.
    pub fn within_base<'a>(&self, pathname: &'a str) -> Option<&'a str> {
        let rest = pathname.strip_prefix(self.base.as_str())?;
        if rest.is_empty() {
            Some("/")
        } else {
            rest.starts_with('/').then_some(rest)
        }
    }

    /// The grid showing `query`.
    pub fn grid(&self, query: &Query) -> String {
        let query_string = query.to_query_string();
        if query_string.is_empty() {
            self.home()
        } else {
            format!("{}/?{query_string}", self.base)
        }
    }

    /// The unfiltered grid.
    pub fn home(&self) -> String {
        format!("{}/", self.base)
    }

    pub fn detail(&self, id: u64) -> String {
        format!("{}/spacecraft/{id}", self.base)
    }

    /// The comparison of `query`'s spacecraft.
    pub fn compare(&self, query: &CompareQuery) -> String {
        with_query(self.page("compare"), &query.to_query_string())
    }

    /// The configuration index showing `query`.
    pub fn configurations(&self, query: &IndexQuery) -> String {
        with_query(self.page("configurations"), &query.to_query_string())
    }

    /// The path of a page named by one segment.
    fn page(&self, name: &str) -> String {
        format!("{}/{name}", self.base)
    }

    /// A file the site ships in `public/`.
    pub fn asset(&self, name: &str) -> String {
        format!("{}/public/{name}", self.base)
    }
}

/// `path?query_string`, or `path` alone without one.
fn with_query(path: String, query_string: &str) -> String {
    if query_string.is_empty() {
        path
    } else {
        format!("{path}?{query_string}")
    }
}

/// The path part of a base URI, without its trailing slash.
fn base_path(base_uri: Option<&str>) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn at(base: &str) -> Paths {
        Paths::from_base_uri(Some(base))
    }

    #[test]
    fn paths_name_their_pages() {
        assert_eq!(Route::parse("/"), Route::Grid);
        assert_eq!(Route::parse(""), Route::Grid);
        assert_eq!(Route::parse("/spacecraft/95"), Route::Detail(Some(95)));
        assert_eq!(Route::parse("/spacecraft/95/"), Route::Detail(Some(95)));
        assert_eq!(Route::parse("/spacecraft/0"), Route::Detail(None));
        assert_eq!(Route::parse("/spacecraft/-3"), Route::Detail(None));
        assert_eq!(Route::parse("/spacecraft/abc"), Route::Detail(None));
        assert_eq!(
            Route::parse("/spacecraft/99999999999999999999999"),
            Route::Detail(None)
        );
        assert_eq!(Route::parse("/configurations"), Route::Configurations);
        assert_eq!(Route::parse("/configurations/"), Route::Configurations);
        assert_eq!(Route::parse("/configurations/7"), Route::NotFound);
        assert_eq!(Route::parse("/compare"), Route::Compare);
        assert_eq!(Route::parse("/compare/5"), Route::NotFound);
        assert_eq!(Route::parse("/spacecraft"), Route::NotFound);
        assert_eq!(Route::parse("/spacecraft/1/extra"), Route::NotFound);
        assert_eq!(Route::parse("/nope"), Route::NotFound);
    }

    #[test]
    fn the_base_comes_from_the_base_uri() {
        assert_eq!(at("http://x.test/").base(), "");
        assert_eq!(at("http://x.test/explorer/").base(), "/explorer");
        assert_eq!(at("https://x.test/a/b/?q#h").base(), "/a/b");
        // No `<base>`: the document's own URL names a file, not a prefix.
        assert_eq!(at("http://x.test/spacecraft/95").base(), "");
        assert_eq!(Paths::from_base_uri(None).base(), "");
    }

    #[test]
    fn routes_are_read_under_the_base() {
        let sub = at("http://x.test/explorer/");
        assert_eq!(sub.route("/explorer/"), Route::Grid);
        assert_eq!(sub.route("/explorer"), Route::Grid);
        assert_eq!(sub.route("/explorer/spacecraft/7"), Route::Detail(Some(7)));
        assert_eq!(sub.route("/spacecraft/7"), Route::NotFound);
        assert_eq!(sub.route("/explorerx/"), Route::NotFound);
        assert_eq!(
            at("http://x.test/").route("/spacecraft/7"),
            Route::Detail(Some(7))
        );
    }

    #[test]
    fn odd_addresses_of_a_page_have_one_canonical_form() {
        let root = at("http://x.test/");
        for odd in [
            "/spacecraft/0095",
            "/spacecraft/+95",
            "//spacecraft//95/",
            "/spacecraft/95/",
        ] {
            assert_eq!(root.route(odd), Route::Detail(Some(95)), "{odd}");
            assert_eq!(
                root.canonical(odd).as_deref(),
                Some("/spacecraft/95"),
                "{odd}"
            );
        }
        assert_eq!(root.route("/index.html"), Route::Grid);
        assert_eq!(root.canonical("/index.html").as_deref(), Some("/"));
        assert_eq!(root.canonical("//").as_deref(), Some("/"));
        assert_eq!(
            root.canonical("/configurations/").as_deref(),
            Some("/configurations")
        );
        assert_eq!(root.canonical("/compare//").as_deref(), Some("/compare"));
        for canonical in ["/", "/spacecraft/95", "/configurations", "/compare"] {
            assert_eq!(root.canonical(canonical), None, "{canonical}");
        }
        // What is not a page stays as typed, for its not-found page to speak of.
        for not_ours in ["/spacecraft/abc", "/spacecraft/0", "/nope", "/index.htm"] {
            assert_eq!(root.canonical(not_ours), None, "{not_ours}");
        }

        let sub = at("http://x.test/explorer/");
        assert_eq!(sub.route("/explorer/index.html"), Route::Grid);
        assert_eq!(
            sub.canonical("/explorer/index.html").as_deref(),
            Some("/explorer/")
        );
        assert_eq!(sub.canonical("/explorer").as_deref(), Some("/explorer/"));
        assert_eq!(
            sub.canonical("/explorer/spacecraft/007").as_deref(),
            Some("/explorer/spacecraft/7")
        );
        assert_eq!(sub.canonical("/explorer/"), None);
        assert_eq!(sub.canonical("/index.html"), None, "outside the base");
    }

    #[test]
    fn links_lead_back_to_the_same_route() {
        for base in ["http://x.test/", "http://x.test/explorer/"] {
            let paths = at(base);
            assert_eq!(paths.route(&paths.home()), Route::Grid);
            assert_eq!(paths.route(&paths.detail(95)), Route::Detail(Some(95)));
            let index = paths.configurations(&IndexQuery::parse("group=type"));
            assert!(index.ends_with("/configurations?group=type"), "{index}");
            assert_eq!(
                paths.route(index.split('?').next().unwrap_or_default()),
                Route::Configurations
            );
            let compare = paths.compare(&CompareQuery::parse("ids=5,7"));
            let (path, search) = compare.split_once('?').unwrap_or((&compare, ""));
            assert_eq!(paths.route(path), Route::Compare);
            assert_eq!(CompareQuery::parse(search).ids, [5, 7]);
            let query = Query::parse("search=a%26b&limit=20");
            let grid = paths.grid(&query);
            let (path, search) = grid.split_once('?').unwrap_or((&grid, ""));
            assert_eq!(paths.route(path), Route::Grid);
            assert_eq!(Query::parse(search), query);
        }
        let sub = at("http://x.test/explorer/");
        assert_eq!(sub.grid(&Query::default()), "/explorer/");
        assert_eq!(sub.detail(3), "/explorer/spacecraft/3");
        assert_eq!(
            sub.asset("placeholder.svg"),
            "/explorer/public/placeholder.svg"
        );
        assert_eq!(
            at("http://x.test/").grid(&Query::parse("limit=20")),
            "/?limit=20"
        );
    }
}
