//! Everything that can go wrong with a request, read from the answer. What the user is told
//! about each is `ui::text`.

use serde_json::Value;

/// One error type for every failed request; views say it in `ui::text`'s words and never format
/// errors themselves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// 400: the API rejected a parameter. `(field, message)` pairs, e.g. `("status", "Select a
    /// valid choice.")`.
    BadRequest(Vec<(String, String)>),
    NotFound,
    /// 429, with the wait in seconds when the API said it.
    Throttled {
        retry_after_secs: Option<u64>,
    },
    /// 5xx.
    Server {
        status: u16,
    },
    /// 401 or 403 to a request that carried the visitor's supporter key: the API refused the
    /// key (see `for_request`); the settings are where to change it.
    KeyRefused {
        status: u16,
    },
    /// Any other unexpected status.
    Http {
        status: u16,
    },
    /// The request never got an answer we can read: offline, DNS, CORS, connection reset.
    Network {
        offline: bool,
    },
    /// No answer within the time we wait.
    Timeout,
    /// An answer that is not the JSON we expect.
    Decode,
}

impl ApiError {
    /// Builds the error for a non-2xx answer from its status, `Retry-After` header and body.
    pub fn from_response(status: u16, retry_after: Option<&str>, body: &str) -> ApiError {
        match status {
            400 => ApiError::BadRequest(field_messages(body)),
            404 => ApiError::NotFound,
            429 => ApiError::Throttled {
                retry_after_secs: retry_after
                    .and_then(|value| value.trim().parse::<u64>().ok())
                    .or_else(|| throttle_wait_from_body(body)),
            },
            500..=599 => ApiError::Server { status },
            _ => ApiError::Http { status },
        }
    }

    /// This error as met by a request that did (`key_sent`) or did not carry the supporter
    /// key. The status alone cannot tell: LL2 reads without a key, so a 401 or 403 to a keyed
    /// request is about the key, and to any other it is just an unexpected answer.
    pub fn for_request(self, key_sent: bool) -> ApiError {
        match self {
            ApiError::Http {
                status: status @ (401 | 403),
            } if key_sent => ApiError::KeyRefused { status },
            error => error,
        }
    }

    /// Whether the way out is in the settings (the notice then offers to open them).
    pub fn offers_settings(&self) -> bool {
        matches!(self, ApiError::KeyRefused { .. })
    }

    /// Field messages to show beside the form, for a 400.
    pub fn field_messages(&self) -> &[(String, String)] {
        match self {
            ApiError::BadRequest(fields) => fields,
            _ => &[],
        }
    }
}

/// How many times a throttled view asks again by itself before leaving it to the Retry button.
pub const AUTO_RETRIES: u32 = 3;
/// The shortest wait before an automatic retry, whatever the API says (it may say 0).
const MIN_AUTO_RETRY_SECS: u64 = 5;
/// The automatic back-off doubles up to this.
const MAX_BACKOFF_SECS: u64 = 60;

/// Seconds to wait before automatic retry number `attempt` (from 0) after `error`, or `None`
/// when the app should not retry by itself: not a throttle with a known wait, or enough tries.
/// The wait is what the API asked, but never less than a back-off of 5 s doubling to a minute.
pub fn auto_retry_wait(error: &ApiError, attempt: u32) -> Option<u64> {
    let ApiError::Throttled {
        retry_after_secs: Some(asked),
    } = error
    else {
        return None;
    };
    if attempt >= AUTO_RETRIES {
        return None;
    }
    let backoff = MIN_AUTO_RETRY_SECS
        .checked_shl(attempt)
        .unwrap_or(MAX_BACKOFF_SECS)
        .min(MAX_BACKOFF_SECS);
    Some((*asked).max(backoff))
}

/// DRF's validation body: `{"field": ["message", ...], "detail": "..."}`; anything else gives
/// no field messages (the generic text then applies).
fn field_messages(body: &str) -> Vec<(String, String)> {
    error_body(body)
        .into_iter()
        .filter(|(_, message)| !message.trim().is_empty())
        .take(10)
        .collect()
}

/// DRF's throttle text: "Request was throttled. Expected available in 754 seconds."
fn throttle_wait_from_body(body: &str) -> Option<u64> {
    let detail = match serde_json::from_str(body) {
        Ok(Value::Object(fields)) => message(fields.get("detail")?),
        _ => body.to_string(),
    };
    let rest = &detail[detail.find("available in")? + "available in".len()..];
    let digits: String = rest
        .trim_start()
        .chars()
        .take_while(|ch| ch.is_ascii_digit())
        .collect();
    digits.parse().ok()
}

/// A JSON object read as `(key, message)` pairs, where a message is a string or the strings
/// of an array, joined; other values count as no message. Anything but an object has none.
fn error_body(body: &str) -> Vec<(String, String)> {
    let Ok(Value::Object(fields)) = serde_json::from_str(body) else {
        return Vec::new();
    };
    fields
        .into_iter()
        .map(|(field, value)| (field, message(&value)))
        .collect()
}

fn message(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Array(parts) => parts
            .iter()
            .map(message)
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_400_lists_its_field_messages() {
        let error = ApiError::from_response(
            400,
            None,
            r#"{"status": ["Select a valid choice. That choice is not one of the available choices."]}"#,
        );
        assert_eq!(
            error.field_messages(),
            &[(
                "status".to_string(),
                "Select a valid choice. That choice is not one of the available choices."
                    .to_string()
            )]
        );
        assert_eq!(
            ApiError::from_response(400, None, "<html>").field_messages(),
            &[]
        );
        let odd = ApiError::from_response(
            400,
            None,
            r#"{"limit": ["A", 3, null, "B"], "n": 1, "deep": {"x": [1]}, "empty": [], "ok": "fine"}"#,
        );
        assert_eq!(
            odd.field_messages(),
            &[
                ("limit".to_string(), "A B".to_string()),
                ("ok".to_string(), "fine".to_string())
            ]
        );
    }

    #[test]
    fn a_throttle_says_how_long_to_wait() {
        let from_header = ApiError::from_response(429, Some("754"), "");
        assert_eq!(
            from_header,
            ApiError::Throttled {
                retry_after_secs: Some(754)
            }
        );
        let from_body = ApiError::from_response(
            429,
            None,
            r#"{"detail": "Request was throttled. Expected available in 61 seconds."}"#,
        );
        assert_eq!(
            from_body,
            ApiError::Throttled {
                retry_after_secs: Some(61)
            }
        );
        assert_eq!(
            ApiError::from_response(429, Some("soon"), "nope"),
            ApiError::Throttled {
                retry_after_secs: None
            }
        );
    }

    #[test]
    fn a_throttle_that_says_zero_is_not_hammered() {
        let zero = ApiError::from_response(429, Some("0"), "");
        let waits: Vec<Option<u64>> = (0..5).map(|n| auto_retry_wait(&zero, n)).collect();
        assert_eq!(waits, vec![Some(5), Some(10), Some(20), None, None]);
        let from_body = ApiError::from_response(
            429,
            None,
            r#"{"detail": "Request was throttled. Expected available in 0 seconds."}"#,
        );
        assert_eq!(auto_retry_wait(&from_body, 0), Some(5));
    }

    #[test]
    fn automatic_retries_wait_what_the_api_asks_and_stop() {
        let long = ApiError::Throttled {
            retry_after_secs: Some(754),
        };
        assert_eq!(auto_retry_wait(&long, 0), Some(754));
        assert_eq!(auto_retry_wait(&long, AUTO_RETRIES), None);
        assert_eq!(auto_retry_wait(&ApiError::Server { status: 503 }, 0), None);
        let unknown = ApiError::Throttled {
            retry_after_secs: None,
        };
        assert_eq!(
            auto_retry_wait(&unknown, 0),
            None,
            "no wait said: the user decides"
        );
        let short = ApiError::Throttled {
            retry_after_secs: Some(1),
        };
        assert_eq!(auto_retry_wait(&short, 2), Some(20));
        assert_eq!(auto_retry_wait(&short, 40), None);
    }

    #[test]
    fn statuses_map_to_kinds() {
        assert_eq!(ApiError::from_response(404, None, ""), ApiError::NotFound);
        assert_eq!(
            ApiError::from_response(503, None, ""),
            ApiError::Server { status: 503 }
        );
        assert_eq!(
            ApiError::from_response(418, None, ""),
            ApiError::Http { status: 418 }
        );
    }

    #[test]
    fn a_401_or_403_to_a_keyed_request_is_a_refused_key_and_offers_the_settings() {
        for status in [401, 403] {
            let answered = ApiError::from_response(status, None, r#"{"detail": "Invalid token."}"#);
            let refused = answered.clone().for_request(true);
            assert_eq!(refused, ApiError::KeyRefused { status });
            assert!(refused.offers_settings());
            assert_eq!(
                answered.for_request(false),
                ApiError::Http { status },
                "without a key it is just an unexpected answer"
            );
        }
        for other in [
            ApiError::from_response(404, None, ""),
            ApiError::from_response(418, None, ""),
            ApiError::from_response(500, None, ""),
        ] {
            assert_eq!(other.clone().for_request(true), other);
            assert!(!other.offers_settings());
        }
    }
}
