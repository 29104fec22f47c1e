//! A response cache keyed by the exact API URL. Each visitor's browser has its own small LL2
//! quota (15 requests an hour on production), so every answer we can reuse is a request saved.
//!
//! Entries live in memory and in Web Storage: `sessionStorage` for views (survives a reload),
//! `localStorage` for the lookup lists, which change rarely. Storage that is full or disabled
//! (private mode) silently leaves the memory copy.

/// How long an answer counts as fresh.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Policy {
    /// Spacecraft lists and records: 10 minutes, kept for the browser session.
    View,
    /// Statuses and configurations: 24 hours, kept across sessions.
    Lookup,
}

impl Policy {
    pub fn ttl_ms(self) -> u64 {
        match self {
            Policy::View => 10 * 60 * 1000,
            Policy::Lookup => 24 * 60 * 60 * 1000,
        }
    }
}

/// A stored answer: when it was stored (whole ms since the epoch: integers keep float parsing
/// and printing, 13 KB of wasm, out of the app) and its body.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub stored_at: u64,
    pub body: String,
}

impl Entry {
    pub fn is_fresh(&self, policy: Policy, now: u64) -> bool {
        // A clock that went backwards makes an entry stale rather than fresh for ever.
        now.checked_sub(self.stored_at)
            .is_some_and(|age| age < policy.ttl_ms())
    }

    /// `"<stored_at>\n<body>"`: the storage format, cheaper than wrapping the body in JSON.
    pub fn encode(&self) -> String {
        format!("{}\n{}", self.stored_at, self.body)
    }

    /// Reads what `encode` wrote; anything else (another version, tampering) is no entry.
    pub fn decode(text: &str) -> Option<Entry> {
        let (stamp, body) = text.split_once('\n')?;
        let stored_at: u64 = stamp.parse().ok()?;
        Some(Entry {
            stored_at,
            body: body.to_string(),
        })
    }
}

/// Now, in whole ms since the epoch.
#[cfg(target_arch = "wasm32")]
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// The storage key of an API URL (namespaced so we never read another app's keys).
pub fn storage_key(url: &str) -> String {
    format!("ll2-cache:{url}")
}

#[cfg(target_arch = "wasm32")]
pub use browser::{fresh, lookup, store};

#[cfg(target_arch = "wasm32")]
mod browser {
    use super::{now_ms, storage_key, Entry, Policy};
    use crate::api::endpoints::ApiRequest;
    use std::cell::RefCell;
    use web_sys::Storage;

    thread_local! {
        /// The answers of this visit, newest last. A list: a visit sees tens of answers, and a
        /// map's code costs wasm every visitor downloads.
        static MEMORY: RefCell<Vec<(String, Entry)>> = const { RefCell::new(Vec::new()) };
    }

    fn storage(policy: Policy) -> Option<Storage> {
        let window = web_sys::window()?;
        // Either call can throw (storage disabled): treat it as absent.
        match policy {
            Policy::View => window.session_storage().ok().flatten(),
            Policy::Lookup => window.local_storage().ok().flatten(),
        }
    }

    /// Any stored answer for `request`, fresh or not, with whether it is fresh.
    pub fn lookup(request: &ApiRequest) -> Option<(Entry, bool)> {
        let (url, policy) = (request.url.as_str(), request.policy);
        let entry = MEMORY
            .with(|memory| {
                let memory = memory.borrow();
                memory
                    .iter()
                    .rev()
                    .find(|(key, _)| key == url)
                    .map(|(_, entry)| entry.clone())
            })
            .or_else(|| {
                let entry = storage(policy)?
                    .get_item(&storage_key(url))
                    .ok()
                    .flatten()
                    .and_then(|text| Entry::decode(&text))?;
                remember(url, entry.clone());
                Some(entry)
            })?;
        let fresh = entry.is_fresh(policy, now_ms());
        Some((entry, fresh))
    }

    /// The body for `request` if a fresh one is stored.
    pub fn fresh(request: &ApiRequest) -> Option<String> {
        lookup(request)
            .filter(|(_, fresh)| *fresh)
            .map(|(entry, _)| entry.body)
    }

    /// Keeps an answer that decoded correctly.
    pub fn store(request: &ApiRequest, body: &str) {
        let url = request.url.as_str();
        let entry = Entry {
            stored_at: now_ms(),
            body: body.to_string(),
        };
        if let Some(storage) = storage(request.policy) {
            // Full storage: drop our older entries once and try again; then give up quietly.
            if storage
                .set_item(&storage_key(url), &entry.encode())
                .is_err()
            {
                evict_own_entries(&storage);
                let _ = storage.set_item(&storage_key(url), &entry.encode());
            }
        }
        remember(url, entry);
    }

    fn remember(url: &str, entry: Entry) {
        MEMORY.with(|memory| {
            let mut memory = memory.borrow_mut();
            memory.retain(|(key, _)| key != url);
            memory.push((url.to_string(), entry));
        });
    }

    fn evict_own_entries(storage: &Storage) {
        let count = storage.length().unwrap_or(0);
        let keys: Vec<String> = (0..count)
            .filter_map(|index| storage.key(index).ok().flatten())
            .filter(|key| key.starts_with("ll2-cache:"))
            .collect();
        for key in keys {
            let _ = storage.remove_item(&key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_live_longer_than_views() {
        assert_eq!(Policy::View.ttl_ms(), 600_000);
        assert!(Policy::Lookup.ttl_ms() > Policy::View.ttl_ms());
    }

    #[test]
    fn freshness_follows_the_policy() {
        let entry = Entry {
            stored_at: 1_000_000,
            body: "{}".into(),
        };
        assert!(entry.is_fresh(Policy::View, 1_000_000 + 9 * 60_000));
        assert!(!entry.is_fresh(Policy::View, 1_000_000 + 11 * 60_000));
        assert!(entry.is_fresh(Policy::Lookup, 1_000_000 + 11 * 60_000));
        assert!(
            !entry.is_fresh(Policy::View, 999_000),
            "clock went backwards"
        );
    }

    #[test]
    fn entries_round_trip_and_garbage_is_ignored() {
        let entry = Entry {
            stored_at: 1_700_000_000_123,
            body: "{\"a\":\n1}".into(),
        };
        assert_eq!(Entry::decode(&entry.encode()), Some(entry));
        for garbage in ["", "no newline", "NaN\n{}", "-1\n{}", "1.5\n{}", "abc\n{}"] {
            assert_eq!(Entry::decode(garbage), None, "{garbage}");
        }
    }
}
