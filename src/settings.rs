//! The visitor's own settings, kept in `localStorage`: which LL2 host to use and an optional
//! supporter API key. The key is only ever sent in the `Authorization` header.

use crate::api::endpoints::{is_http_url, DEFAULT_BASE};
use serde::{Deserialize, Serialize};

pub const PRODUCTION_BASE: &str = "https://ll.thespacedevs.com/2.3.0";
/// Where settings are stored.
pub const STORAGE_KEY: &str = "spacecraft-explorer.settings";

/// Which API the visitor wants.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Host {
    /// Whatever the deployed page names (`<meta name="ll2-api-base">`).
    #[default]
    Site,
    Development,
    Production,
    Custom,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub host: Host,
    pub custom_base: String,
    pub api_key: String,
}

impl Settings {
    /// Reads stored settings; anything unreadable is the defaults.
    pub fn parse(text: &str) -> Settings {
        serde_json::from_str(text).unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The API base to use, given the page's configured one. A custom URL that is not http(s)
    /// falls back to the page's.
    pub fn api_base(&self, site_base: &str) -> String {
        match self.host {
            Host::Site => site_base.to_string(),
            Host::Development => DEFAULT_BASE.to_string(),
            Host::Production => PRODUCTION_BASE.to_string(),
            Host::Custom if is_http_url(self.custom_base.trim()) => {
                self.custom_base.trim().trim_end_matches('/').to_string()
            }
            Host::Custom => site_base.to_string(),
        }
    }

    /// The `Authorization` header value, when a key is set.
    pub fn authorization(&self) -> Option<String> {
        let key = self.api_key.trim();
        // A key with control characters cannot be a header value; do not send it.
        (!key.is_empty() && !key.chars().any(char::is_control)).then(|| format!("Token {key}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE: &str = "http://127.0.0.1:9/2.3.0";

    #[test]
    fn settings_round_trip_through_storage() {
        let settings = Settings {
            host: Host::Custom,
            custom_base: "https://proxy.example/2.3.0/".into(),
            api_key: "abc123".into(),
        };
        assert_eq!(Settings::parse(&settings.to_json()), settings);
        assert_eq!(settings.api_base(SITE), "https://proxy.example/2.3.0");
        assert_eq!(settings.authorization().as_deref(), Some("Token abc123"));
    }

    #[test]
    fn broken_or_hostile_settings_fall_back_safely() {
        assert_eq!(Settings::parse("{not json"), Settings::default());
        assert_eq!(Settings::parse(r#"{"host": "mars"}"#), Settings::default());
        let sneaky = Settings {
            host: Host::Custom,
            custom_base: "javascript:alert(1)".into(),
            api_key: "a\r\nX-Evil: 1".into(),
        };
        assert_eq!(sneaky.api_base(SITE), SITE);
        assert_eq!(sneaky.authorization(), None);
        assert_eq!(Settings::default().api_base(SITE), SITE);
        assert_eq!(
            Settings {
                host: Host::Production,
                ..Settings::default()
            }
            .api_base(SITE),
            PRODUCTION_BASE
        );
    }
}
