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

    /// The `Authorization` header value, when a key is set.
    pub fn authorization(&self) -> Option<String> {
        let key = self.api_key.trim();
        // A key with control characters cannot be a header value; do not send it.
        (!key.is_empty() && !key.chars().any(char::is_control)).then(|| format!("Token {key}"))
    }
}

/// The origins a Content-Security-Policy's `connect-src` (or, without one, `default-src`)
/// allows, as `scheme://host[:port]`; `None` when the policy does not limit connections.
pub fn connect_origins(policy: &str) -> Option<Vec<String>> {
    let directive = |name: &str| {
        policy.split(';').find_map(|part| {
            let mut words = part.split_whitespace();
            (words.next() == Some(name)).then(|| words.map(str::to_string).collect::<Vec<_>>())
        })
    };
    let sources = directive("connect-src").or_else(|| directive("default-src"))?;
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
    fn a_stored_custom_host_from_an_older_version_becomes_the_site_s_api_and_keeps_the_key() {
        let old = Settings::parse(
            r#"{"host": "custom", "custom_base": "https://proxy.example/2.3.0", "api_key": "k"}"#,
        );
        assert_eq!(old.host, Host::Site);
        assert_eq!(old.api_key, "k");
        assert_eq!(old.api_base(SITE, None), SITE);
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
