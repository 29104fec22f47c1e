//! Spacecraft records already received in list answers, so that comparing them costs no
//! request: this visit's, and after a reload those of the fresh list answers in storage (the
//! cache's freshness rule decides, as for the lists themselves).

use crate::api::models::{Page, Spacecraft};
use crate::api::{cache, decode};
use std::cell::{Cell, RefCell};

/// Enough for a few pages of 100; older records fall out first.
const KEPT: usize = 400;

thread_local! {
    static SEEN: RefCell<Vec<Spacecraft>> = const { RefCell::new(Vec::new()) };
    /// Stored lists are read once a visit, when a record is first missing.
    static READ_STORED: Cell<bool> = const { Cell::new(false) };
}

/// Remembers the records of a list answer (a newer copy of a record replaces the older).
pub fn remember(records: &[Spacecraft]) {
    SEEN.with(|seen| {
        let mut seen = seen.borrow_mut();
        seen.retain(|old| !records.iter().any(|record| record.id == old.id));
        seen.extend(records.iter().cloned());
        let excess = seen.len().saturating_sub(KEPT);
        seen.drain(..excess);
    });
}

/// The record of spacecraft `id` from a list answer of the API at `base`, if one had it.
pub fn get(id: u64, base: &str) -> Option<Spacecraft> {
    let find = || SEEN.with(|seen| seen.borrow().iter().find(|record| record.id == id).cloned());
    find().or_else(|| {
        if READ_STORED.replace(true) {
            return None;
        }
        for body in cache::fresh_lists(&format!("{base}/spacecraft/")) {
            if let Ok(page) = decode::<Page<Spacecraft>>(&body) {
                remember(&page.results);
            }
        }
        find()
    })
}
