//! Page arithmetic for the pager and the result count, and a page of records made ready to show.

use crate::api::models::{Page, Spacecraft};
use crate::ui::format::group_thousands;
use std::collections::HashSet;

/// A page of the grid as it is shown: each spacecraft once, in the API's order. An answer may
/// name one twice (a record that moved while the API paged); the first stays, since the cards
/// are keyed by id and the compare toggles, the chart and the count all speak of records. The
/// API's `count` is left as it is: it is the API's, about all matches.
pub fn each_spacecraft_once(page: Page<Spacecraft>) -> Page<Spacecraft> {
    let mut seen = HashSet::new();
    // `fingerprints` runs beside `results`, one per record (`models::Page`).
    let (results, fingerprints) = page
        .results
        .into_iter()
        .zip(page.fingerprints)
        .filter(|(craft, _)| seen.insert(craft.id))
        .unzip();
    Page {
        results,
        fingerprints,
        ..page
    }
}

/// Page numbers to show around `current` (1-based) out of `pages`: the first, the last and two
/// either side of the current one. `None` marks a gap.
pub fn page_window(current: u64, pages: u64) -> Vec<Option<u64>> {
    // 1, the neighbours, the last: already in order once out-of-range pages are dropped (a
    // sort here measured 1.7 KB of brotli wasm, with the page-size choices' one).
    let mut shown: Vec<u64> = std::iter::once(1)
        .chain(current.saturating_sub(2)..=current.saturating_add(2))
        .chain(std::iter::once(pages))
        .filter(|page| (1..=pages).contains(page))
        .collect();
    shown.dedup();
    let mut out = Vec::with_capacity(shown.len() + 2);
    for (i, page) in shown.iter().enumerate() {
        if i > 0 && page - shown[i - 1] > 1 {
            out.push(None);
        }
        out.push(Some(*page));
    }
    out
}

/// Where the pager's links lead, for a page of `size` rows from `offset` of `count`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageLinks {
    /// The offset of "Previous" and "Next": a page size from the current offset, like the
    /// API's own `previous` and `next`, so rows never repeat after an odd offset.
    pub previous: Option<u64>,
    pub next: Option<u64>,
    /// Page numbers to show, `None` for a gap: `(number, offset, is_current)`. A page is
    /// current only when exactly it is shown (an odd offset shows parts of two).
    pub pages: Vec<Option<(u64, u64, bool)>>,
}

pub fn page_links(offset: u64, size: u64, count: u64) -> PageLinks {
    let size = size.max(1);
    let pages = count.div_ceil(size).max(1);
    let aligned = offset.is_multiple_of(size);
    let around = (offset / size + 1).min(pages);
    PageLinks {
        previous: (offset > 0).then(|| offset.saturating_sub(size)),
        next: offset.checked_add(size).filter(|next| *next < count),
        pages: page_window(around, pages)
            .into_iter()
            .map(|page| {
                page.map(|page| {
                    let page_offset = (page - 1).saturating_mul(size);
                    (page, page_offset, aligned && page_offset == offset)
                })
            })
            .collect(),
    }
}

/// `21–40 of 603`.
pub fn range_text(offset: u64, shown: u64, count: u64) -> String {
    if shown == 0 {
        return format!("0 of {}", group_thousands(count));
    }
    format!(
        "{}–{} of {}",
        group_thousands(offset + 1),
        group_thousands(offset + shown),
        group_thousands(count)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_shows_ends_and_neighbours() {
        assert_eq!(page_window(1, 1), vec![Some(1)]);
        assert_eq!(
            page_window(6, 61),
            vec![
                Some(1),
                None,
                Some(4),
                Some(5),
                Some(6),
                Some(7),
                Some(8),
                None,
                Some(61)
            ]
        );
        assert_eq!(page_window(2, 4), vec![Some(1), Some(2), Some(3), Some(4)]);
        assert_eq!(
            page_window(u64::MAX, u64::MAX).last(),
            Some(&Some(u64::MAX))
        );
    }

    #[test]
    fn paging_steps_by_the_page_size_from_where_the_reader_is() {
        let links = page_links(15, 10, 66);
        assert_eq!((links.previous, links.next), (Some(5), Some(25)));
        assert!(
            links.pages.iter().flatten().all(|(_, _, current)| !current),
            "rows 16–25 are neither page 2 nor page 3"
        );
        let links = page_links(20, 10, 66);
        assert_eq!((links.previous, links.next), (Some(10), Some(30)));
        let current: Vec<u64> = links
            .pages
            .iter()
            .flatten()
            .filter(|(_, _, current)| *current)
            .map(|(page, _, _)| *page)
            .collect();
        assert_eq!(current, vec![3]);
        assert_eq!(page_links(60, 10, 66).next, None);
        assert_eq!(page_links(0, 10, 66).previous, None);
        assert_eq!(page_links(5, 10, 66).previous, Some(0));
        assert_eq!(page_links(u64::MAX, 10, u64::MAX).next, None);
        let past_the_end = page_links(900, 10, 66);
        assert_eq!(past_the_end.pages.last(), Some(&Some((7, 60, false))));
    }

    #[test]
    fn a_spacecraft_named_twice_in_a_page_is_shown_once_where_it_first_stands() {
        let page: Page<Spacecraft> = serde_json::from_str(
            r#"{"count":40,"results":[{"id":7,"name":"A"},{"id":8,"name":"B"},{"id":7,"name":"A again"},{"id":9},{"id":8}]}"#,
        )
        .unwrap();
        let fingerprints = page.fingerprints.clone();
        let page = each_spacecraft_once(page);
        let ids: Vec<u64> = page.results.iter().map(|craft| craft.id).collect();
        assert_eq!(ids, [7, 8, 9]);
        assert_eq!(page.results[0].name, "A", "the first one stays");
        assert_eq!(
            page.fingerprints,
            [fingerprints[0], fingerprints[1], fingerprints[3]],
            "each fingerprint stays with its record"
        );
        assert_eq!(page.count, 40, "the API's count of all matches");
        let plain: Page<Spacecraft> =
            serde_json::from_str(r#"{"count":2,"results":[{"id":1},{"id":2}]}"#).unwrap();
        assert_eq!(each_spacecraft_once(plain.clone()), plain);
    }

    #[test]
    fn the_range_reads_naturally() {
        assert_eq!(range_text(20, 20, 603), "21–40 of 603");
        assert_eq!(range_text(600, 3, 603), "601–603 of 603");
        assert_eq!(range_text(0, 0, 0), "0 of 0");
        assert_eq!(range_text(0, 10, 1200), "1–10 of 1,200");
    }
}
