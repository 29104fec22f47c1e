//! Every API URL the app requests, built in one place so views never write one by hand.

use super::cache::Policy;

/// The default API: LL2's development host (stale data, but not throttled).
pub const DEFAULT_BASE: &str = "https://lldev.thespacedevs.com/2.3.0";

/// The API's largest page, used to load whole lists (lookups, a spacecraft's flights) in as few
/// requests as possible.
pub const LOOKUP_PAGE_SIZE: u32 = 100;

/// The base URL the deployer configured, trimmed of trailing slashes; the default when the
/// setting is empty or not an http(s) URL.
pub fn normalise_base(configured: Option<&str>) -> String {
    match configured.map(str::trim) {
        Some(base) if is_http_url(base) => base.trim_end_matches('/').to_string(),
        _ => DEFAULT_BASE.to_string(),
    }
}

/// Where requests go and as whom: the API base and the `Authorization` header. Part of every
/// request's identity, so a change of host or key can never be answered by the old one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Api {
    pub base: String,
    pub authorization: Option<String>,
}

/// One GET the app makes: its URL, as whom, and how long its answer may be reused. Each
/// endpoint below declares its policy, so a new endpoint cannot inherit one by accident.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiRequest {
    pub url: String,
    /// Who asks: the host and credentials the request was made for.
    pub api: Api,
    pub policy: Policy,
}

impl ApiRequest {
    pub fn authorization(&self) -> Option<&str> {
        self.api.authorization.as_deref()
    }
}

impl Api {
    fn request(&self, url: String, policy: Policy) -> ApiRequest {
        ApiRequest {
            url,
            api: self.clone(),
            policy,
        }
    }

    /// The spacecraft list for a view: the app's query string is the API's, less our own
    /// parameters (cards or chart is the same answer), which `Query::to_api_query_string` drops.
    pub fn spacecraft_list(&self, query_string: &str) -> ApiRequest {
        let url = if query_string.is_empty() {
            format!("{}/spacecraft/", self.base)
        } else {
            format!("{}/spacecraft/?{query_string}", self.base)
        };
        self.request(url, Policy::View)
    }

    /// One spacecraft, always in detailed mode.
    pub fn spacecraft_detail(&self, id: u64) -> ApiRequest {
        self.request(format!("{}/spacecraft/{id}/", self.base), Policy::View)
    }

    /// One page of a spacecraft's flights with their crews and docking events (its logbook).
    pub fn spacecraft_flights(&self, of: &FlightsOf, offset: u64) -> ApiRequest {
        let mut url = format!(
            "{}/spacecraft_flights/?spacecraft={}&mode=detailed&limit={LOOKUP_PAGE_SIZE}",
            self.base, of.spacecraft
        );
        if offset > 0 {
            url.push_str(&format!("&offset={offset}"));
        }
        // A finished flight's crew and dockings do not change: a day. While the spacecraft is in
        // space its flight is still being written (a docking ends, a crew lands): 10 minutes.
        let policy = if of.in_space {
            Policy::View
        } else {
            Policy::Lookup
        };
        self.request(url, policy)
    }

    pub fn statuses(&self) -> ApiRequest {
        let url = format!(
            "{}/config/spacecraft_statuses/?limit={LOOKUP_PAGE_SIZE}",
            self.base
        );
        self.request(url, Policy::Lookup)
    }

    /// One configuration, detailed. A lookup: configurations change rarely.
    pub fn configuration(&self, id: u32) -> ApiRequest {
        self.request(
            format!("{}/spacecraft_configurations/{id}/", self.base),
            Policy::Lookup,
        )
    }

    /// One page of configurations. We page by offset ourselves instead of following the API's
    /// `next` link, so we never request a URL that came from a response.
    pub fn configurations(&self, offset: u64) -> ApiRequest {
        let mut url = format!(
            "{}/spacecraft_configurations/?ordering=name&limit={LOOKUP_PAGE_SIZE}",
            self.base
        );
        if offset > 0 {
            url.push_str(&format!("&offset={offset}"));
        }
        self.request(url, Policy::Lookup)
    }

    /// The quota report; it does not count against the quota and is never cached.
    pub fn api_throttle(&self) -> String {
        format!("{}/api-throttle/", self.base)
    }
}

/// Whose flights to load, and whether it is in space now (which decides how long they keep).
/// Pages are asked by offset, like configurations: more than 100 flights are the next pages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlightsOf {
    pub api: Api,
    pub spacecraft: u64,
    pub in_space: bool,
}

impl FlightsOf {
    pub fn page(&self, offset: u64) -> ApiRequest {
        self.api.spacecraft_flights(self, offset)
    }
}

/// Offsets of the pages still to load after the first page of a list with `count` items.
pub fn remaining_offsets(count: u64, page_size: u32) -> impl Iterator<Item = u64> {
    let page_size = u64::from(page_size.max(1));
    // A hostile `count` must not make us loop for ever: 20 pages is 2000 configurations.
    let pages = count.div_ceil(page_size).min(20);
    (1..pages).map(move |page| page * page_size)
}

/// Only `http:` and `https:` URLs from the API are ever put in a `src` or `href`.
pub fn is_http_url(url: &str) -> bool {
    let lower = url
        .trim_start()
        .get(..8)
        .unwrap_or(url)
        .to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// The URL if it is safe to use as a link or image source.
pub fn safe_url(url: Option<&str>) -> Option<&str> {
    url.map(str::trim).filter(|url| is_http_url(url))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "http://127.0.0.1:9/2.3.0";

    fn api() -> Api {
        Api {
            base: BASE.to_string(),
            authorization: None,
        }
    }

    #[test]
    fn detail_and_lookup_urls() {
        assert_eq!(
            api().spacecraft_detail(95).url,
            format!("{BASE}/spacecraft/95/")
        );
        assert_eq!(
            api().statuses().url,
            format!("{BASE}/config/spacecraft_statuses/?limit=100")
        );
        assert_eq!(
            api().configurations(100).url,
            format!("{BASE}/spacecraft_configurations/?ordering=name&limit=100&offset=100")
        );
        assert_eq!(remaining_offsets(130, 100).collect::<Vec<_>>(), vec![100]);
        assert_eq!(remaining_offsets(100, 100).count(), 0);
        assert_eq!(remaining_offsets(u64::MAX, 100).count(), 19);
    }

    #[test]
    fn each_endpoint_declares_how_long_its_answer_lives() {
        let keyed = Api {
            authorization: Some("Token k".into()),
            ..api()
        };
        assert_eq!(keyed.spacecraft_list("").policy, Policy::View);
        assert_eq!(keyed.spacecraft_detail(1).policy, Policy::View);
        assert_eq!(keyed.statuses().policy, Policy::Lookup);
        assert_eq!(keyed.configurations(0).policy, Policy::Lookup);
        assert_eq!(keyed.configuration(7).policy, Policy::Lookup);
        assert_eq!(
            keyed.configuration(7).url,
            format!("{BASE}/spacecraft_configurations/7/")
        );
        assert_eq!(
            keyed.spacecraft_detail(1).authorization(),
            Some("Token k"),
            "a request carries the credentials it was made with"
        );
    }

    #[test]
    fn a_spacecraft_s_flights_keep_a_day_or_ten_minutes_while_it_is_in_space() {
        let landed = FlightsOf {
            api: api(),
            spacecraft: 401,
            in_space: false,
        };
        assert_eq!(
            landed.page(0).url,
            format!("{BASE}/spacecraft_flights/?spacecraft=401&mode=detailed&limit=100")
        );
        assert_eq!(
            landed.page(200).url,
            format!("{BASE}/spacecraft_flights/?spacecraft=401&mode=detailed&limit=100&offset=200")
        );
        assert_eq!(landed.page(0).policy, Policy::Lookup);
        assert_eq!(Policy::Lookup.ttl_ms(), 24 * 60 * 60 * 1000);
        let aloft = FlightsOf {
            in_space: true,
            ..landed
        };
        assert_eq!(aloft.page(0).policy, Policy::View);
        assert_eq!(Policy::View.ttl_ms(), 10 * 60 * 1000);
        assert_eq!(
            aloft.page(0).url,
            format!("{BASE}/spacecraft_flights/?spacecraft=401&mode=detailed&limit=100"),
            "the same answer, whatever its lifetime"
        );
        assert_eq!(
            remaining_offsets(250, LOOKUP_PAGE_SIZE).collect::<Vec<_>>(),
            [100, 200],
            "more than 100 flights: the next pages"
        );
    }

    #[test]
    fn the_configured_base_is_checked() {
        assert_eq!(normalise_base(Some("http://127.0.0.1:9/2.3.0/")), BASE);
        assert_eq!(normalise_base(Some("")), DEFAULT_BASE);
        assert_eq!(normalise_base(Some("javascript:alert(1)")), DEFAULT_BASE);
        assert_eq!(normalise_base(None), DEFAULT_BASE);
    }

    #[test]
    fn only_web_urls_are_used() {
        assert_eq!(
            safe_url(Some("https://x.test/a.jpg")),
            Some("https://x.test/a.jpg")
        );
        assert_eq!(safe_url(Some(" HTTP://x.test/ ")), Some("HTTP://x.test/"));
        for bad in [
            "javascript:alert(1)",
            "data:text/html,hi",
            "//evil.test",
            "",
            "ftp://x",
            "神舟",
        ] {
            assert_eq!(safe_url(Some(bad)), None, "{bad}");
        }
        assert_eq!(safe_url(None), None);
    }
}
