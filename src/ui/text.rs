//! What the app tells people when a request fails: each error's headline and sentence (the
//! views show them as they are), and a wait in words.

use crate::api::ApiError;

/// A short headline for `error`.
pub fn error_title(error: &ApiError) -> &'static str {
    match error {
        ApiError::BadRequest(_) => "The API did not accept this search",
        ApiError::NotFound => "Not found",
        ApiError::Throttled { .. } => "Rate limit reached",
        ApiError::Server { .. } => "The API is having trouble",
        ApiError::KeyRefused { .. } => "The API refused your supporter key",
        ApiError::Http { .. } => "Unexpected answer from the API",
        ApiError::Network { offline: true } => "You are offline",
        ApiError::Network { offline: false } => "Cannot reach the API",
        ApiError::Timeout => "The API took too long to answer",
        ApiError::Decode => "The API sent something we could not read",
    }
}

/// What happened and what the user can do, in a sentence or two.
pub fn error_message(error: &ApiError) -> String {
    match error {
        ApiError::BadRequest(fields) if fields.is_empty() => {
            "One of the filters has a value the API does not accept. Change or clear the filters."
                .to_string()
        }
        ApiError::BadRequest(_) => {
            "Change or clear the filters named below and try again.".to_string()
        }
        ApiError::NotFound => "The API has no record at this address.".to_string(),
        ApiError::Throttled { retry_after_secs: Some(secs) } if *secs > 0 => format!(
            "Launch Library allows a limited number of requests per hour. Next request possible in {}.",
            wait(*secs)
        ),
        ApiError::Throttled { .. } => {
            "Launch Library allows a limited number of requests per hour. Try again later."
                .to_string()
        }
        ApiError::Server { status } => format!(
            "Launch Library answered with an error ({status}). This is usually temporary: try again in a moment."
        ),
        ApiError::KeyRefused { status } => format!(
            "Launch Library did not accept the supporter API key in the settings (HTTP {status}): it may be mistyped, expired or revoked. Change it there, or remove it to use the free quota."
        ),
        ApiError::Http { status } => format!("Launch Library answered with HTTP {status}."),
        ApiError::Network { offline: true } => {
            "This view needs a connection, and it has not been saved on this device yet. It loads by itself when you are back online.".to_string()
        }
        ApiError::Network { offline: false } => {
            "The request did not get through: the API may be down or blocking requests for a while. Try again in a moment."
                .to_string()
        }
        ApiError::Timeout => {
            "No answer came in time. The API may be overloaded: try again.".to_string()
        }
        ApiError::Decode => {
            "The answer was not valid data. This is usually temporary: try again.".to_string()
        }
    }
}

/// `12 min 34 s`, `1 h 5 min`, `45 s`.
pub fn wait(secs: u64) -> String {
    let (hours, minutes, seconds) = (secs / 3600, secs / 60 % 60, secs % 60);
    match (hours, minutes) {
        (0, 0) => format!("{seconds} s"),
        (0, _) => format!("{minutes} min {seconds} s"),
        _ => format!("{hours} h {minutes} min"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_throttle_says_how_long_to_wait() {
        let from_header = ApiError::from_response(429, Some("754"), "");
        assert!(error_message(&from_header).contains("12 min 34 s"));
    }

    #[test]
    fn a_throttle_that_says_zero_is_not_hammered() {
        let zero = ApiError::from_response(429, Some("0"), "");
        let message = error_message(&zero);
        assert!(!message.contains("0 s"), "{message}");
    }

    #[test]
    fn a_refused_key_says_so_and_points_to_the_settings() {
        for status in [401, 403] {
            let refused = ApiError::KeyRefused { status };
            assert!(
                error_title(&refused).contains("supporter key"),
                "{}",
                error_title(&refused)
            );
            assert!(
                error_message(&refused).contains("settings"),
                "{}",
                error_message(&refused)
            );
        }
    }

    #[test]
    fn waits_read_naturally() {
        assert_eq!(wait(754), "12 min 34 s");
        assert_eq!(wait(45), "45 s");
        assert_eq!(wait(3900), "1 h 5 min");
    }

    #[test]
    fn every_error_has_words_for_people() {
        let all = [
            ApiError::BadRequest(vec![]),
            ApiError::NotFound,
            ApiError::Throttled {
                retry_after_secs: None,
            },
            ApiError::Server { status: 500 },
            ApiError::KeyRefused { status: 401 },
            ApiError::Http { status: 418 },
            ApiError::Network { offline: true },
            ApiError::Network { offline: false },
            ApiError::Timeout,
            ApiError::Decode,
        ];
        for error in all {
            assert!(!error_title(&error).is_empty() && !error_message(&error).is_empty());
        }
    }
}
