//! Page arithmetic for the pager and the result count.

use crate::format::group_thousands;

/// Page numbers to show around `current` (1-based) out of `pages`: the first, the last and two
/// either side of the current one. `None` marks a gap.
pub fn page_window(current: u64, pages: u64) -> Vec<Option<u64>> {
    let mut shown: Vec<u64> = [1, pages]
        .into_iter()
        .chain(current.saturating_sub(2)..=current.saturating_add(2))
        .filter(|page| (1..=pages).contains(page))
        .collect();
    shown.sort_unstable();
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
    fn the_range_reads_naturally() {
        assert_eq!(range_text(20, 20, 603), "21–40 of 603");
        assert_eq!(range_text(600, 3, 603), "601–603 of 603");
        assert_eq!(range_text(0, 0, 0), "0 of 0");
        assert_eq!(range_text(0, 10, 1200), "1–10 of 1,200");
    }
}
