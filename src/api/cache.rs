//! A response cache keyed by the exact API URL (so per API host). Each visitor's browser has
//! its own small LL2 quota (15 requests an hour on production), so every answer we can reuse is
//! a request saved, and one that survives a closed tab is one more.
//!
//! Entries live in memory and in `localStorage`, whatever their policy: the policy only decides
//! how long an answer counts as fresh. A stale answer is still worth keeping: offline, or when
//! the API fails, it is what the visitor sees (with its age). Storage is bounded
//! (`STORAGE_BOUND`), least recently used out; storage that is full or disabled (private mode)
//! silently leaves the memory copy. The same bound covers the renderings `prefetch.js` keeps for
//! a repeat visit's first paint (`ll2-cache:view:<api url> <page>`, stamped with the answer they show):
//! no API URL starts with "view:", so none is read as an answer, and as entries the recency list
//! does not name they are the first to make room.

/// How long an answer counts as fresh.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Policy {
    /// Spacecraft lists and records, and the flights of a spacecraft in space: 10 minutes.
    View,
    /// Statuses, configurations, and the flights of a spacecraft on the ground: 24 hours.
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

/// What our stored answers may take of `localStorage` (in UTF-16 units, as browsers count):
/// browsers give an origin about 5 MB, and the settings must still fit.
pub const STORAGE_BOUND: usize = 4_000_000;

/// The storage key prefix of an answer (namespaced so we never touch another app's keys).
pub const PREFIX: &str = "ll2-cache:";

/// The storage key of the recency list: one stored URL per line, least recently used first.
pub const RECENCY_KEY: &str = "ll2-cache-recency";

/// A stored answer: when it was stored (whole ms since the epoch, as `prefetch.js` reads it
/// too) and its body.
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

/// What a view may show before its request answers.
pub enum Cached<T> {
    /// Nothing stored: show loading.
    Miss,
    /// Fresh: show it, no request.
    Fresh { value: T, stored_at: u64 },
    /// Stale: show it now, refresh in the background when the quota allows.
    Stale {
        value: T,
        stored_at: u64,
        may_refresh: bool,
    },
}

/// Now, in whole ms since the epoch.
#[cfg(target_arch = "wasm32")]
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// Now, in whole ms since the epoch (the build's clock, when it renders `/`).
#[cfg(all(not(target_arch = "wasm32"), feature = "prerender"))]
pub fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.as_millis() as u64)
}

/// The storage key of an API URL.
pub fn storage_key(url: &str) -> String {
    format!("{PREFIX}{url}")
}

/// A stored answer as the bound sees it: its key, the room it takes (key and value, in UTF-8
/// bytes, never fewer than the UTF-16 units a browser counts) and when it was stored.
#[derive(Clone, Debug, PartialEq)]
pub struct Stored {
    pub key: String,
    pub size: usize,
    pub stored_at: u64,
}

/// Which stored answers to drop so that `incoming` more fits under `bound`, least recently used
/// first. `recency` names keys least recent first; a key it does not name (written by another
/// tab or an older version) counts as older than every named one, oldest stored first.
pub fn evictions(
    stored: &[Stored],
    recency: &[String],
    incoming: usize,
    bound: usize,
) -> Vec<String> {
    let rank = |entry: &Stored| match recency.iter().position(|key| *key == entry.key) {
        Some(position) => (1, position as u64),
        None => (0, entry.stored_at),
    };
    let mut kept: Vec<&Stored> = stored.iter().collect();
    let mut total: usize = kept.iter().map(|entry| entry.size).sum::<usize>() + incoming;
    let mut dropped = Vec::new();
    // Picking the oldest each time: a sort by rank measured 2.1 KB more brotli wasm.
    while total > bound {
        let Some(oldest) = (0..kept.len()).min_by_key(|&index| rank(kept[index])) else {
            break;
        };
        let entry = kept.swap_remove(oldest);
        total -= entry.size;
        dropped.push(entry.key.clone());
    }
    dropped
}

/// The recency list as stored: keys, least recently used first.
pub fn parse_recency(text: &str) -> Vec<String> {
    text.lines()
        .filter(|line| line.starts_with(PREFIX))
        .map(str::to_string)
        .collect()
}

#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
pub use browser::{fresh, fresh_lists, lookup, store};

#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
mod browser {
    use super::{
        evictions, now_ms, parse_recency, storage_key, Entry, Policy, Stored, PREFIX, RECENCY_KEY,
        STORAGE_BOUND,
    };
    use crate::api::endpoints::ApiRequest;
    use std::cell::RefCell;
    use std::collections::HashMap;
    use web_sys::Storage;

    thread_local! {
        /// The answers of this visit, by API URL.
        static MEMORY: RefCell<HashMap<String, Entry>> = RefCell::new(HashMap::new());
    }

    fn storage() -> Option<Storage> {
        // Either call can throw (storage disabled): treat it as absent. The build's rendering
        // of `/` has the memory alone.
        if !crate::IN_BROWSER {
            return None;
        }
        web_sys::window()?.local_storage().ok().flatten()
    }

    /// Any stored answer for `request`, fresh or not, with whether it is fresh.
    pub fn lookup(request: &ApiRequest) -> Option<(Entry, bool)> {
        let url = request.url.as_str();
        let entry = MEMORY
            .with(|memory| memory.borrow().get(url).cloned())
            .or_else(|| {
                let storage = storage()?;
                let key = storage_key(url);
                let entry = storage
                    .get_item(&key)
                    .ok()
                    .flatten()
                    .and_then(|text| Entry::decode(&text))?;
                touch(&storage, &key);
                remember(url, entry.clone());
                Some(entry)
            })?;
        let fresh = entry.is_fresh(request.policy, now_ms());
        Some((entry, fresh))
    }

    /// The body for `request` if a fresh one is stored.
    pub fn fresh(request: &ApiRequest) -> Option<String> {
        lookup(request)
            .filter(|(_, fresh)| *fresh)
            .map(|(entry, _)| entry.body)
    }

    /// The bodies of the fresh stored answers to list requests under `url` (e.g. the API's
    /// `…/spacecraft/`): those whose URL is `url` or `url?…`.
    pub fn fresh_lists(url: &str) -> Vec<String> {
        let Some(storage) = storage() else {
            return Vec::new();
        };
        let prefix = storage_key(url);
        let now = now_ms();
        (0..storage.length().unwrap_or(0))
            .filter_map(|index| storage.key(index).ok().flatten())
            .filter(|key| {
                key.strip_prefix(prefix.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('?'))
            })
            .filter_map(|key| storage.get_item(&key).ok().flatten())
            .filter_map(|text| Entry::decode(&text))
            .filter(|entry| entry.is_fresh(Policy::View, now))
            .map(|entry| entry.body)
            .collect()
    }

    /// Keeps an answer that decoded correctly.
    pub fn store(request: &ApiRequest, body: &str) {
        let url = request.url.as_str();
        let entry = Entry {
            stored_at: now_ms(),
            body: body.to_string(),
        };
        if let Some(storage) = storage() {
            persist(&storage, &storage_key(url), &entry.encode());
        }
        remember(url, entry);
    }

    /// Writes one answer within the bound, dropping the least recently used to make room.
    fn persist(storage: &Storage, key: &str, text: &str) {
        let size = key.len() + text.len();
        if size > STORAGE_BOUND {
            return;
        }
        let recency = read_recency(storage);
        let stored = stored_answers(storage, &recency, key);
        let mut dropped = evictions(&stored, &recency, size, STORAGE_BOUND);
        for old in &dropped {
            let _ = storage.remove_item(old);
        }
        // Still full (other data of this origin): drop ours, oldest first, until it fits.
        let mut candidates = evictions(&stored, &recency, usize::MAX / 2, 0)
            .into_iter()
            .filter(|old| !dropped.contains(old))
            .collect::<Vec<_>>()
            .into_iter();
        while storage.set_item(key, text).is_err() {
            let Some(old) = candidates.next() else {
                return;
            };
            let _ = storage.remove_item(&old);
            dropped.push(old);
        }
        // The list keeps only what is still stored, so it cannot grow for ever.
        let kept = recency
            .into_iter()
            .filter(|listed| {
                listed != key
                    && !dropped.contains(listed)
                    && stored.iter().any(|entry| entry.key == *listed)
            })
            .collect();
        write_recency(storage, kept, key);
    }

    /// Our stored answers other than `except`, with their sizes.
    fn stored_answers(storage: &Storage, recency: &[String], except: &str) -> Vec<Stored> {
        let count = storage.length().unwrap_or(0);
        (0..count)
            .filter_map(|index| storage.key(index).ok().flatten())
            .filter(|key| key.starts_with(PREFIX) && key != except)
            .filter_map(|key| {
                let text = storage.get_item(&key).ok().flatten()?;
                // Unlisted entries are ranked by when they were stored.
                let stored_at = if recency.contains(&key) {
                    0
                } else {
                    Entry::decode(&text).map_or(0, |entry| entry.stored_at)
                };
                Some(Stored {
                    size: key.len() + text.len(),
                    key,
                    stored_at,
                })
            })
            .collect()
    }

    fn read_recency(storage: &Storage) -> Vec<String> {
        storage
            .get_item(RECENCY_KEY)
            .ok()
            .flatten()
            .map(|text| parse_recency(&text))
            .unwrap_or_default()
    }

    /// Marks `key` as the most recently used answer.
    fn touch(storage: &Storage, key: &str) {
        let mut recency = read_recency(storage);
        recency.retain(|listed| listed != key);
        write_recency(storage, recency, key);
    }

    fn write_recency(storage: &Storage, mut recency: Vec<String>, newest: &str) {
        recency.push(newest.to_string());
        let _ = storage.set_item(RECENCY_KEY, &recency.join("\n"));
    }

    fn remember(url: &str, entry: Entry) {
        MEMORY.with(|memory| memory.borrow_mut().insert(url.to_string(), entry));
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

    fn stored(key: &str, size: usize, stored_at: u64) -> Stored {
        Stored {
            key: format!("{PREFIX}{key}"),
            size,
            stored_at,
        }
    }

    #[test]
    fn the_least_recently_used_answers_make_room() {
        let answers = [
            stored("a", 100, 1),
            stored("b", 100, 2),
            stored("c", 100, 3),
        ];
        let recency: Vec<String> = ["c", "a", "b"]
            .iter()
            .map(|key| format!("{PREFIX}{key}"))
            .collect();
        assert_eq!(
            evictions(&answers, &recency, 50, 400),
            Vec::<String>::new(),
            "it fits"
        );
        assert_eq!(
            evictions(&answers, &recency, 100, 350),
            [format!("{PREFIX}c")]
        );
        assert_eq!(
            evictions(&answers, &recency, 250, 400),
            [format!("{PREFIX}c"), format!("{PREFIX}a")]
        );
    }

    #[test]
    fn answers_the_recency_list_does_not_name_go_first_oldest_first() {
        let answers = [
            stored("listed", 100, 1),
            stored("new", 100, 9),
            stored("old", 100, 5),
        ];
        let recency = vec![format!("{PREFIX}listed")];
        assert_eq!(
            evictions(&answers, &recency, 100, 300),
            [format!("{PREFIX}old")]
        );
        assert_eq!(
            evictions(&answers, &recency, 0, 0),
            [
                format!("{PREFIX}old"),
                format!("{PREFIX}new"),
                format!("{PREFIX}listed")
            ]
        );
    }

    #[test]
    fn the_recency_list_ignores_foreign_lines() {
        let text = format!("{PREFIX}a\nrubbish\n\n{PREFIX}b");
        assert_eq!(
            parse_recency(&text),
            [format!("{PREFIX}a"), format!("{PREFIX}b")]
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
