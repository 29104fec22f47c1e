//! Compare: which spacecraft a compare link names (`/compare?ids=5,7`), and the tray that
//! collects them while browsing. Pure, so host-tested; the page and tray are `pages::compare`
//! and `ui::compare_tray`.

use crate::url::encoding::parse_pairs;

/// How many spacecraft fit side by side (a phone shows four narrow columns at most).
pub const MAX: usize = 4;

/// The spacecraft a compare link names: positive ids, each once, in the link's order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CompareQuery {
    pub ids: Vec<u64>,
}

impl CompareQuery {
    /// Reads `ids` (the last one, if repeated); anything that is not a positive integer, and
    /// repeats, are dropped.
    pub fn parse(query_string: &str) -> CompareQuery {
        let raw = parse_pairs(query_string)
            .into_iter()
            .rev()
            .find(|(key, _)| key == "ids")
            .map(|(_, value)| value)
            .unwrap_or_default();
        let mut ids: Vec<u64> = Vec::new();
        for id in raw
            .split(',')
            .filter_map(|part| part.trim().parse::<u64>().ok())
        {
            if id > 0 && !ids.contains(&id) {
                ids.push(id);
            }
        }
        CompareQuery { ids }
    }

    /// `ids=5,7`: digits and commas need no encoding.
    pub fn to_query_string(&self) -> String {
        if self.ids.is_empty() {
            return String::new();
        }
        let ids: Vec<String> = self.ids.iter().map(u64::to_string).collect();
        format!("ids={}", ids.join(","))
    }

    /// The ones shown: the first `MAX`.
    pub fn shown(&self) -> &[u64] {
        &self.ids[..self.ids.len().min(MAX)]
    }

    /// How many the link names beyond `MAX`.
    pub fn left_out(&self) -> usize {
        self.ids.len().saturating_sub(MAX)
    }

    /// The same comparison without `id`.
    pub fn without(&self, id: u64) -> CompareQuery {
        CompareQuery {
            ids: self
                .ids
                .iter()
                .copied()
                .filter(|other| *other != id)
                .collect(),
        }
    }
}

/// The tray as kept in `sessionStorage`: `[[id, "name"], …]` in the order chosen. Anything
/// unreadable is an empty tray; ids that are not positive and repeats are dropped, and at most
/// `MAX` kept (the storage is the tab's, but anything may have written it).
pub fn parse_tray(text: &str) -> Vec<(u64, String)> {
    let stored: Vec<(u64, String)> = serde_json::from_str(text).unwrap_or_default();
    let mut items: Vec<(u64, String)> = Vec::new();
    for (id, name) in stored {
        if id > 0 && items.len() < MAX && !items.iter().any(|(other, _)| *other == id) {
            items.push((id, name));
        }
    }
    items
}

/// What `parse_tray` reads back.
pub fn tray_text(items: &[(u64, String)]) -> String {
    // Numbers and strings always serialise; the fallback only keeps this total.
    serde_json::to_string(items).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_and_repeated_ids_are_dropped_in_order() {
        let query = CompareQuery::parse("ids=5,x,5,-2,7,0,%2011");
        assert_eq!(query.ids, [5, 7, 11]);
        assert_eq!(query.to_query_string(), "ids=5,7,11");
        assert_eq!(
            CompareQuery::parse("ids=5%2C7").ids,
            [5, 7],
            "an encoded comma"
        );
        assert_eq!(
            CompareQuery::parse("ids=1&ids=2,3").ids,
            [2, 3],
            "the last ids wins"
        );
        assert_eq!(CompareQuery::parse("foo=1").to_query_string(), "");
        assert_eq!(
            CompareQuery::parse("ids=99999999999999999999999").ids,
            Vec::<u64>::new()
        );
    }

    #[test]
    fn four_are_shown_and_the_rest_counted() {
        let query = CompareQuery::parse("ids=1,2,3,4,5,6");
        assert_eq!(query.shown(), [1, 2, 3, 4]);
        assert_eq!(query.left_out(), 2);
        assert_eq!(query.without(2).shown(), [1, 3, 4, 5]);
        assert_eq!(CompareQuery::parse("ids=9").left_out(), 0);
    }

    #[test]
    fn the_tray_round_trips_and_ignores_what_it_cannot_read() {
        let items = vec![
            (5, "Endeavour".to_string()),
            (7, "Free\tdom\n \"Союз\"".to_string()),
        ];
        assert_eq!(parse_tray(&tray_text(&items)), items);
        let odd = r#"[[5,"B"],[5,"C"],[0,"D"],[6,"E"],[7,"F"],[8,"G"],[9,"H"]]"#;
        assert_eq!(
            parse_tray(odd)
                .iter()
                .map(|(id, _)| *id)
                .collect::<Vec<_>>(),
            [5, 6, 7, 8]
        );
        for garbage in ["", "5\tB", "{}", r#"[[-1,"A"]]"#, r#"[["x","A"]]"#, "null"] {
            assert_eq!(parse_tray(garbage), [], "{garbage}");
        }
    }
}
