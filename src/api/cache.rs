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
    /// The policy for an API URL.
    pub fn for_url(url: &str) -> Policy {
        if url.contains("/config/spacecraft_statuses/")
            || url.contains("/spacecraft_configurations/")
        {
            Policy::Lookup
        } else {
            Policy::View
        }
    }

    pub fn ttl_ms(self) -> f64 {
        match self {
            Policy::View => 10.0 * 60.0 * 1000.0,
            Policy::Lookup => 24.0 * 60.0 * 60.0 * 1000.0,
        }
    }
}

/// A stored answer: when it was stored (ms since the epoch) and its body.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub stored_at: f64,
    pub body: String,
}

impl Entry {
    pub fn is_fresh(&self, policy: Policy, now: f64) -> bool {
        // A clock that went backwards makes an entry stale rather than fresh for ever.
        let age = now - self.stored_at;
        (0.0..policy.ttl_ms()).contains(&age)
    }

    /// `"<stored_at>\n<body>"`: the storage format, cheaper than wrapping the body in JSON.
    pub fn encode(&self) -> String {
        format!("{}\n{}", self.stored_at, self.body)
    }

    /// Reads what `encode` wrote; anything else (another version, tampering) is no entry.
    pub fn decode(text: &str) -> Option<Entry> {
        let (stamp, body) = text.split_once('\n')?;
        let stored_at: f64 = stamp.parse().ok().filter(|t: &f64| t.is_finite())?;
        Some(Entry {
            stored_at,
            body: body.to_string(),
        })
    }
}

/// The storage key of an API URL (namespaced so we never read another app's keys).
pub fn storage_key(url: &str) -> String {
    format!("ll2-cache:{url}")
}

#[cfg(target_arch = "wasm32")]
pub use browser::{fresh, lookup, store};

#[cfg(target_arch = "wasm32")]
mod browser {
    use super::{storage_key, Entry, Policy};
    use std::cell::RefCell;
    use std::collections::HashMap;
    use web_sys::Storage;

    thread_local! {
        static MEMORY: RefCell<HashMap<String, Entry>> = RefCell::new(HashMap::new());
    }

    fn now() -> f64 {
        js_sys::Date::now()
    }

    fn storage(policy: Policy) -> Option<Storage> {
        let window = web_sys::window()?;
        // Either call can throw (storage disabled): treat it as absent.
        match policy {
            Policy::View => window.session_storage().ok().flatten(),
            Policy::Lookup => window.local_storage().ok().flatten(),
        }
    }

    /// Any stored answer for `url`, fresh or not, with whether it is fresh.
    pub fn lookup(url: &str) -> Option<(Entry, bool)> {
        let policy = Policy::for_url(url);
        let entry = MEMORY
            .with(|memory| memory.borrow().get(url).cloned())
            .or_else(|| {
                let entry = storage(policy)?
                    .get_item(&storage_key(url))
                    .ok()
                    .flatten()
                    .and_then(|text| Entry::decode(&text))?;
                MEMORY.with(|memory| memory.borrow_mut().insert(url.to_string(), entry.clone()));
                Some(entry)
            })?;
        let fresh = entry.is_fresh(policy, now());
        Some((entry, fresh))
    }

    /// The body for `url` if a fresh one is stored.
    pub fn fresh(url: &str) -> Option<String> {
        lookup(url)
            .filter(|(_, fresh)| *fresh)
            .map(|(entry, _)| entry.body)
    }

    /// Keeps an answer that decoded correctly.
    pub fn store(url: &str, body: &str) {
        let entry = Entry {
            stored_at: now(),
            body: body.to_string(),
        };
        if let Some(storage) = storage(Policy::for_url(url)) {
            // Full storage: drop our older entries once and try again; then give up quietly.
            if storage
                .set_item(&storage_key(url), &entry.encode())
                .is_err()
            {
                evict_own_entries(&storage);
                let _ = storage.set_item(&storage_key(url), &entry.encode());
            }
        }
        MEMORY.with(|memory| memory.borrow_mut().insert(url.to_string(), entry));
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
        assert_eq!(
            Policy::for_url("https://x/2.3.0/config/spacecraft_statuses/?limit=100"),
            Policy::Lookup
        );
        assert_eq!(
            Policy::for_url("https://x/2.3.0/spacecraft_configurations/?ordering=name&limit=100"),
            Policy::Lookup
        );
        assert_eq!(
            Policy::for_url("https://x/2.3.0/spacecraft/?search=a"),
            Policy::View
        );
        assert!(Policy::Lookup.ttl_ms() > Policy::View.ttl_ms());
    }

    #[test]
    fn freshness_follows_the_policy() {
        let entry = Entry {
            stored_at: 1_000_000.0,
            body: "{}".into(),
        };
        assert!(entry.is_fresh(Policy::View, 1_000_000.0 + 9.0 * 60_000.0));
        assert!(!entry.is_fresh(Policy::View, 1_000_000.0 + 11.0 * 60_000.0));
        assert!(entry.is_fresh(Policy::Lookup, 1_000_000.0 + 11.0 * 60_000.0));
        assert!(
            !entry.is_fresh(Policy::View, 999_000.0),
            "clock went backwards"
        );
    }

    #[test]
    fn entries_round_trip_and_garbage_is_ignored() {
        let entry = Entry {
            stored_at: 1_700_000_000_123.0,
            body: "{\"a\":\n1}".into(),
        };
        assert_eq!(Entry::decode(&entry.encode()), Some(entry));
        for garbage in ["", "no newline", "NaN\n{}", "inf\n{}", "abc\n{}"] {
            assert_eq!(Entry::decode(garbage), None, "{garbage}");
        }
    }
}
