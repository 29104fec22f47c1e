//! Launch Library 2: its URLs and cache policies, records, errors, quota, the HTTP client.
//! The bottom layer: uses nothing of the app (url, state, ui, pages); any of them may use it.

pub mod cache;
#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
pub mod client;
pub mod endpoints;
pub mod error;
pub mod models;
pub mod quota;

pub use error::ApiError;

/// Reads a response body as `T`; anything unreadable is `ApiError::Decode`.
pub fn decode<T: serde::de::DeserializeOwned>(body: &str) -> Result<T, ApiError> {
    serde_json::from_str(body).map_err(|_| ApiError::Decode)
}

#[cfg(test)]
mod tests {
    use super::models::{Page, Spacecraft};
    use super::*;

    #[test]
    fn malformed_bodies_are_decode_errors() {
        for body in ["", "{not json", "[]", "{}", "null", r#"{"results": "x"}"#] {
            assert_eq!(
                decode::<Page<Spacecraft>>(body),
                Err(ApiError::Decode),
                "{body}"
            );
        }
    }

    /// Random cuts and byte flips of the seed page must decode or fail cleanly, never panic.
    #[test]
    fn mutilated_json_never_panics() {
        let seed = include_str!("../../tests/ll2-standin/fixtures/seed-page.json");
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move |bound: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % bound.max(1) as u64) as usize
        };
        let bytes = seed.as_bytes();
        for _ in 0..2000 {
            let mut mutated = bytes[..next(bytes.len())].to_vec();
            for _ in 0..next(4) {
                if !mutated.is_empty() {
                    let at = next(mutated.len());
                    mutated[at] = b"{}[]\",:0n-"[next(10)];
                }
            }
            let text = String::from_utf8_lossy(&mutated);
            let _ = decode::<Page<Spacecraft>>(&text);
            let _ = decode::<Spacecraft>(&text);
        }
    }
}
