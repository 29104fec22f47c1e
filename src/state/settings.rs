//! The visitor's own settings, kept in `localStorage`: which LL2 host to use and an optional
//! supporter API key. The key is only ever sent in the `Authorization` header.
//!
//! Only hosts the page's Content-Security-Policy lets it reach are offered: a host the policy
//! blocks would fail every request. Another API is a deploy-time choice (README, "Configuration").

use crate::api::endpoints::{is_http_url, DEFAULT_BASE};
use serde::{Deserialize, Deserializer, Serialize};

pub const PRODUCTION_BASE: &str = "https://ll.thespacedevs.com/2.3.0";
/// Where settings are stored.
pub const STORAGE_KEY: &str = "spacecraft-explorer.settings";

/// Which API the visitor wants, stored by its `name`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Host {
    /// Whatever the deployed page names (`<meta name="ll2-api-base">`).
    #[default]
    Site,
    Development,
    Production,
}

impl Host {
    pub const ALL: [Host; 3] = [Host::Site, Host::Development, Host::Production];

    /// The name stored and used in the form.
    pub fn name(self) -> &'static str {
        match self {
            Host::Site => "site",
            Host::Development => "development",
            Host::Production => "production",
        }
    }

    /// Any other stored name (an old "custom" host, garbage) is the site's own API.
    fn from_name(name: &str) -> Host {
        Host::ALL
            .into_iter()
            .find(|host| host.name() == name)
            .unwrap_or_default()
    }

    pub fn base(self, site_base: &str) -> &str {
        match self {
            Host::Site => site_base,
            Host::Development => DEFAULT_BASE,
            Host::Production => PRODUCTION_BASE,
        }
    }

    /// Whether the page may send requests to this host.
    pub fn is_reachable(self, site_base: &str, reachable: Option<&[String]>) -> bool {
        let Some(origins) = reachable else {
            return true;
        };
        self == Host::Site
            || origins
                .iter()
                .any(|origin| origin == origin_of(self.base(site_base)))
    }
}

/// Stored as `{"host": "production", "api_key": "…"}`; a missing field is its default.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    #[serde(deserialize_with = "host_or_site")]
    pub host: Host,
    pub api_key: String,
}

/// A host name we do not know (an older version's "custom"), `null` or any other value: the
/// site's own API, and the rest of the settings still count.
fn host_or_site<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Host, D::Error> {
    let value = serde_json::Value::deserialize(deserializer)?;
    Ok(value.as_str().map_or(Host::Site, Host::from_name))
}

impl Settings {
    /// Reads stored settings; anything unreadable is the defaults.
    pub fn parse(text: &str) -> Settings {
        serde_json::from_str(text).unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        // Two plain fields always serialise; the fallback only keeps this total.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The API base to use, given the page's configured one and the origins its policy lets
    /// it reach. A host the page cannot reach falls back to the page's own.
    pub fn api_base(&self, site_base: &str, reachable: Option<&[String]>) -> String {
        let host = if self.host.is_reachable(site_base, reachable) {
            self.host
        } else {
            Host::Site
        };
        host.base(site_base).to_string()
    }

    /// The `Authorization` header value, when a usable key is set: a key `key_problem`
    /// refuses (one stored before that check) is never sent.
    pub fn authorization(&self) -> Option<String> {
        let key = self.api_key.trim();
        (!key.is_empty() && key_problem(key).is_none()).then(|| format!("Token {key}"))
    }
}

/// Why a supporter key cannot be sent, in words for the key field; `None` when it can (an
/// empty key is no key). A header value is a string of bytes (Fetch's ByteString): a character
/// above U+00FF cannot be in it at all, and the browser refuses the request. Control characters
/// are refused too (CR and LF would end the header; none belongs in a key). The same rule as
/// `src/prefetch.js`'s, which must send what the app sends.
pub fn key_problem(key: &str) -> Option<String> {
    let odd = key
        .trim()
        .chars()
        .find(|ch| ch.is_control() || u32::from(*ch) > 0xFF)?;
    let shown = if odd.is_control() {
        format!("U+{:04X}", u32::from(odd))
    } else {
        format!("“{odd}”")
    };
    Some(format!(
        "This key has a character that cannot be sent ({shown}). A key is letters and digits: paste it again as it was given to you."
    ))
}

/// The sources of a policy's `name` directive, else of its `default-src` (the fallback for
/// both directives read here); `None` when it has neither.
fn directive_sources(policy: &str, name: &str) -> Option<Vec<String>> {
    let directive = |name: &str| {
        policy.split(';').find_map(|part| {
            let mut words = part.split_whitespace();
            (words.next() == Some(name)).then(|| words.map(str::to_string).collect::<Vec<_>>())
        })
    };
    directive(name).or_else(|| directive("default-src"))
}

/// The origins a Content-Security-Policy's `connect-src` (or, without one, `default-src`)
/// allows, as `scheme://host[:port]`; `None` when the policy does not limit connections.
pub fn connect_origins(policy: &str) -> Option<Vec<String>> {
    let sources = directive_sources(policy, "connect-src")?;
    if sources
        .iter()
        .any(|source| source == "*" || source == "https:")
    {
        return None;
    }
    Some(
        sources
            .iter()
            .filter(|source| is_http_url(source))
            .map(|source| origin_of(source).to_string())
            .collect(),
    )
}

/// Which image URLs the page's Content-Security-Policy (`img-src`, else `default-src`) lets it
/// load. LL2 still names some images over `http:`, which a policy of `https:` blocks: such a
/// source is upgraded to `https:` when that is allowed, or skipped, so the browser never
/// reports a violation and the next source (or the placeholder) shows at once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImagePolicy {
    /// `None`: images are not limited.
    sources: Option<Vec<String>>,
}

impl ImagePolicy {
    /// The policy of a page's CSP text.
    pub fn from_policy(policy: &str) -> ImagePolicy {
        ImagePolicy {
            sources: directive_sources(policy, "img-src"),
        }
    }

    /// `url` as the page may load it: itself, its `https:` form, or `None` when neither is
    /// allowed. Only http(s) URLs are ever images here (`safe_url` has kept nothing else).
    pub fn usable(&self, url: &str) -> Option<String> {
        if self.allows(url) {
            return Some(url.to_string());
        }
        let rest = url
            .get(..7)
            .filter(|scheme| scheme.eq_ignore_ascii_case("http://"))?;
        let upgraded = format!("https://{}", &url[rest.len()..]);
        self.allows(&upgraded).then_some(upgraded)
    }

    /// Whether the policy's sources match `url`: `*`, its scheme (`https:`; `http:` matches
    /// both) or its origin. `'self'` is left out: the API's images are never the page's own.
    fn allows(&self, url: &str) -> bool {
        let Some(sources) = &self.sources else {
            return true;
        };
        let secure = url
            .get(..8)
            .is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"));
        let origin = origin_of(url);
        sources.iter().any(|source| match source.as_str() {
            "*" | "http:" => true,
            "https:" => secure,
            source => is_http_url(source) && origin_of(source).eq_ignore_ascii_case(origin),
        })
    }
}

/// `https://host:port` of a URL.
fn origin_of(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |at| at + 3);
    match url[after_scheme..].find('/') {
        Some(at) => &url[..after_scheme + at],
        None => url.trim_end_matches('/'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE: &str = "http://127.0.0.1:9/2.3.0";
    const POLICY: &str = "default-src 'self'; connect-src 'self' https://lldev.thespacedevs.com https://ll.thespacedevs.com http://127.0.0.1:9; img-src https:";

    #[test]
    fn settings_round_trip_through_storage() {
        let settings = Settings {
            host: Host::Production,
            api_key: "abc123".into(),
        };
        assert_eq!(Settings::parse(&settings.to_json()), settings);
        assert_eq!(settings.api_base(SITE, None), PRODUCTION_BASE);
        assert_eq!(settings.authorization().as_deref(), Some("Token abc123"));
    }

    #[test]
    fn broken_or_hostile_settings_fall_back_safely() {
        assert_eq!(Settings::parse("{not json"), Settings::default());
        assert_eq!(Settings::parse(r#"{"host": "mars"}"#), Settings::default());
        let sneaky = Settings {
            api_key: "a\r\nX-Evil: 1".into(),
            ..Settings::default()
        };
        assert_eq!(sneaky.authorization(), None);
        assert_eq!(Settings::default().api_base(SITE, None), SITE);
    }

    #[test]
    fn a_key_a_header_cannot_carry_is_refused_and_never_sent() {
        for key in [
            "abc\u{2028}def",
            "clé€",
            "token😀",
            "ab\tcd",
            "ab\u{0}cd",
            "ab\u{85}cd",
        ] {
            assert!(key_problem(key).is_some(), "{key:?} is refused");
            let stored = Settings {
                api_key: key.into(),
                ..Settings::default()
            };
            assert_eq!(stored.authorization(), None, "{key:?} is never sent");
        }
        assert!(key_problem("€uro").is_some_and(|why| why.contains("“€”")));
        assert!(key_problem("a\u{1}b").is_some_and(|why| why.contains("U+0001")));
    }

    #[test]
    fn a_real_key_passes_with_the_spaces_a_paste_adds_around_it() {
        for key in [
            "",
            "  ",
            "0123456789abcdef0123456789abcdef01234567",
            " abc123\n",
            "a-b_c.d~é",
            "two words",
        ] {
            assert_eq!(key_problem(key), None, "{key:?}");
        }
        let pasted = Settings {
            api_key: "\tabc123 \r\n".into(),
            ..Settings::default()
        };
        assert_eq!(pasted.authorization().as_deref(), Some("Token abc123"));
    }

    #[test]
    fn a_stored_custom_host_from_an_older_version_becomes_the_site_s_api_and_keeps_the_key() {
        let old = Settings::parse(
            r#"{"host": "custom", "custom_base": "https://proxy.example/2.3.0", "api_key": "k"}"#,
        );
        assert_eq!(old.host, Host::Site);
        assert_eq!(old.api_key, "k");
        assert_eq!(old.api_base(SITE, None), SITE);
    }

    #[test]
    fn an_image_the_page_s_policy_would_block_is_upgraded_or_skipped() {
        let page = ImagePolicy::from_policy(
            "default-src 'self'; img-src 'self' https: data: http://127.0.0.1:9; connect-src 'self'",
        );
        let usable = |url: &str| page.usable(url);
        assert_eq!(
            usable("https://cdn.test/a.jpg").as_deref(),
            Some("https://cdn.test/a.jpg")
        );
        assert_eq!(
            usable("http://cdn.test/a.jpg").as_deref(),
            Some("https://cdn.test/a.jpg"),
            "upgraded"
        );
        assert_eq!(
            usable("HTTP://cdn.test/a.jpg").as_deref(),
            Some("https://cdn.test/a.jpg")
        );
        assert_eq!(
            usable("http://127.0.0.1:9/media/x.svg").as_deref(),
            Some("http://127.0.0.1:9/media/x.svg"),
            "an origin the policy names is kept as it is"
        );
        assert_eq!(
            usable("http://127.0.0.1:99/media/x.svg").as_deref(),
            Some("https://127.0.0.1:99/media/x.svg"),
            "another port is another origin"
        );
        let strict = ImagePolicy::from_policy("img-src 'self' https://cdn.test");
        assert_eq!(strict.usable("http://other.test/a.jpg"), None, "skipped");
        assert_eq!(
            strict.usable("http://cdn.test/a.jpg").as_deref(),
            Some("https://cdn.test/a.jpg")
        );
        assert_eq!(
            ImagePolicy::from_policy("default-src 'self'").usable("https://cdn.test/a"),
            None
        );
        for open in ["script-src 'self'", "img-src *", "img-src http:"] {
            assert_eq!(
                ImagePolicy::from_policy(open)
                    .usable("http://cdn.test/a.jpg")
                    .as_deref(),
                Some("http://cdn.test/a.jpg"),
                "{open}"
            );
        }
        assert_eq!(
            ImagePolicy::default().usable("http://x.test/").as_deref(),
            Some("http://x.test/")
        );
    }

    #[test]
    fn only_hosts_the_page_may_reach_are_used() {
        let reachable = connect_origins(POLICY);
        assert_eq!(
            reachable.as_deref(),
            Some(
                &[
                    "https://lldev.thespacedevs.com".to_string(),
                    "https://ll.thespacedevs.com".to_string(),
                    "http://127.0.0.1:9".to_string()
                ][..]
            )
        );
        for host in Host::ALL {
            assert!(host.is_reachable(SITE, reachable.as_deref()), "{host:?}");
        }
        let strict = connect_origins("connect-src 'self' http://127.0.0.1:9");
        assert!(!Host::Production.is_reachable(SITE, strict.as_deref()));
        let production = Settings {
            host: Host::Production,
            ..Settings::default()
        };
        assert_eq!(production.api_base(SITE, strict.as_deref()), SITE);
        assert_eq!(connect_origins("connect-src *"), None);
        assert_eq!(connect_origins("img-src 'self'"), None);
        assert_eq!(
            connect_origins("default-src 'self'").as_deref(),
            Some(&[][..]),
            "default-src limits connections when connect-src is absent"
        );
    }
}
