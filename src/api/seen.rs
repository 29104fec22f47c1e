//! Spacecraft records this visit has already received in list answers, so that comparing them
//! costs no request. In memory only: a list answer stored for later is read back into it when
//! its view is shown again.

use super::models::Spacecraft;
use std::cell::RefCell;

/// Enough for a few pages of 100; older records fall out first.
const KEPT: usize = 400;

thread_local! {
    static SEEN: RefCell<Vec<Spacecraft>> = const { RefCell::new(Vec::new()) };
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

/// The record of spacecraft `id`, if a list answer of this visit had it.
pub fn get(id: u64) -> Option<Spacecraft> {
    SEEN.with(|seen| {
        seen.borrow()
            .iter()
            .rev()
            .find(|record| record.id == id)
            .cloned()
    })
}
