//! The `/configurations` page's state and logic: its URL (`search`, `group`), which
//! configurations a search finds, and how they group. Pure, so the host tests reach it.

use crate::api::models::SpacecraftConfig;
use crate::url::encoding::{encode, parse_pairs};

/// How the index groups configurations.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Grouping {
    #[default]
    None,
    Agency,
    Type,
}

impl Grouping {
    pub const ALL: [Grouping; 3] = [Grouping::None, Grouping::Agency, Grouping::Type];

    /// The URL value (`""` for none).
    pub fn param(self) -> &'static str {
        match self {
            Grouping::None => "",
            Grouping::Agency => "agency",
            Grouping::Type => "type",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Grouping::None => "No grouping",
            Grouping::Agency => "By agency",
            Grouping::Type => "By type",
        }
    }

    fn parse(value: &str) -> Grouping {
        Grouping::ALL
            .into_iter()
            .find(|grouping| grouping.param() == value)
            .unwrap_or_default()
    }

    /// The group a configuration falls in.
    fn key(self, config: &SpacecraftConfig) -> String {
        let name = match self {
            Grouping::None => return String::new(),
            Grouping::Agency => config.agency.as_ref().map(|agency| agency.name.trim()),
            Grouping::Type => config.kind.as_ref().map(|kind| kind.name.trim()),
        };
        match name {
            Some(name) if !name.is_empty() => name.to_string(),
            _ => UNKNOWN_GROUP.to_string(),
        }
    }
}

/// The group of configurations whose agency or type the API does not give; listed last.
pub const UNKNOWN_GROUP: &str = "Unknown";

/// The index's view, as its URL says: `search` (the API's own name for it) and `group`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IndexQuery {
    pub search: Option<String>,
    pub group: Grouping,
}

impl IndexQuery {
    /// Lenient, like `Query::parse`: anything else is dropped.
    pub fn parse(query_string: &str) -> IndexQuery {
        let mut query = IndexQuery::default();
        for (key, value) in parse_pairs(query_string) {
            match key.as_str() {
                "search" => query.search = Some(value).filter(|text| !text.trim().is_empty()),
                "group" => query.group = Grouping::parse(&value),
                _ => {}
            }
        }
        query
    }

    pub fn to_query_string(&self) -> String {
        let mut pairs = Vec::new();
        if let Some(search) = &self.search {
            pairs.push(format!("search={}", encode(search)));
        }
        if self.group != Grouping::None {
            pairs.push(format!("group={}", self.group.param()));
        }
        pairs.join("&")
    }

    /// The configurations the search finds (every word, in name, type or agency, in any case:
    /// see `SpacecraftConfig::matches`), in the order given.
    pub fn matching<'a>(&self, configs: &'a [SpacecraftConfig]) -> Vec<&'a SpacecraftConfig> {
        let needle = self.search.as_deref().unwrap_or_default().to_lowercase();
        let words: Vec<&str> = needle.split_whitespace().collect();
        configs
            .iter()
            .filter(|config| words.iter().all(|word| config.matches(word)))
            .collect()
    }

    /// The found configurations in groups named and ordered alphabetically (unknown last),
    /// each in the order given; one unnamed group when not grouping.
    pub fn grouped<'a>(
        &self,
        configs: &'a [SpacecraftConfig],
    ) -> Vec<(String, Vec<&'a SpacecraftConfig>)> {
        let mut groups: Vec<(String, Vec<&SpacecraftConfig>)> = Vec::new();
        for config in self.matching(configs) {
            let key = self.group.key(config);
            match groups.iter_mut().find(|(name, _)| *name == key) {
                Some((_, members)) => members.push(config),
                None => groups.push((key, vec![config])),
            }
        }
        // Alphabetical in any case (then exact, so the order is total), unknown last.
        groups.sort_by_cached_key(|(name, _)| {
            (name == UNKNOWN_GROUP, name.to_lowercase(), name.clone())
        });
        groups
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::models::{Agency, IdName};

    fn config(id: u32, name: &str, agency: Option<&str>, kind: Option<&str>) -> SpacecraftConfig {
        SpacecraftConfig {
            id: Some(id),
            name: name.into(),
            agency: agency.map(|name| Agency {
                name: name.into(),
                ..Agency::default()
            }),
            kind: kind.map(|name| IdName {
                id: Some(1),
                name: name.into(),
            }),
            ..SpacecraftConfig::default()
        }
    }

    fn all() -> Vec<SpacecraftConfig> {
        vec![
            config(1, "Apollo CSM", Some("NASA"), Some("Capsule")),
            config(2, "Dragon 2", Some("SpaceX"), Some("Capsule")),
            config(3, "Mystery", None, None),
            config(4, "Orion", Some("nasa"), Some("Capsule")),
            config(5, "Space Shuttle", Some("NASA"), Some("Spaceplane")),
        ]
    }

    #[test]
    fn the_index_url_round_trips() {
        let query = IndexQuery::parse("search=dragon+2&group=agency&x=1");
        assert_eq!(query.search.as_deref(), Some("dragon 2"));
        assert_eq!(query.group, Grouping::Agency);
        assert_eq!(query.to_query_string(), "search=dragon+2&group=agency");
        assert_eq!(
            IndexQuery::parse("group=mars&search=+").to_query_string(),
            ""
        );
    }

    #[test]
    fn a_search_finds_every_word_in_name_type_or_agency() {
        let configs = all();
        let names = |query: &str| {
            IndexQuery::parse(query)
                .matching(&configs)
                .iter()
                .map(|c| c.name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(names("search=DRAGON"), vec!["Dragon 2"]);
        assert_eq!(names("search=capsule+nasa"), vec!["Apollo CSM", "Orion"]);
        assert_eq!(names("").len(), 5);
        assert!(names("search=zzz").is_empty());
    }

    #[test]
    fn a_search_finds_text_in_any_script_and_case_as_people_type_it() {
        let configs = vec![
            config(1, "Союз-МС", Some("Роскосмос"), Some("Капсула")),
            config(2, "神舟", Some("中国载人航天"), Some("Capsule")),
            config(3, "ÉCOLE Straße", Some("ESA"), Some("Cargo")),
            config(4, "Dragon 2", Some("SpaceX"), Some("Capsule")),
        ];
        let ids = |search: &str| {
            IndexQuery {
                search: Some(search.into()),
                ..IndexQuery::default()
            }
            .matching(&configs)
            .iter()
            .filter_map(|c| c.id)
            .collect::<Vec<_>>()
        };
        assert_eq!(ids("союз"), [1]);
        assert_eq!(ids("СОЮЗ-мс"), [1]);
        assert_eq!(ids("роскосмос капсула"), [1]);
        assert_eq!(ids("神舟"), [2]);
        assert_eq!(ids("载人"), [2]);
        assert_eq!(ids("école"), [3]);
        assert_eq!(ids("STRAẞE"), [3], "the capital sharp s lower-cases to ß");
        assert_eq!(ids("straße"), [3]);
        assert_eq!(ids("dragon"), [4]);
    }

    #[test]
    fn groups_are_alphabetical_with_the_unknown_last() {
        let configs = all();
        let groups = IndexQuery::parse("group=agency").grouped(&configs);
        let shape: Vec<(String, Vec<u32>)> = groups
            .iter()
            .map(|(name, members)| (name.clone(), members.iter().filter_map(|c| c.id).collect()))
            .collect();
        assert_eq!(
            shape,
            vec![
                ("NASA".to_string(), vec![1, 5]),
                ("nasa".to_string(), vec![4]),
                ("SpaceX".to_string(), vec![2]),
                (UNKNOWN_GROUP.to_string(), vec![3]),
            ]
        );
        let by_type = IndexQuery::parse("group=type").grouped(&configs);
        assert_eq!(
            by_type
                .iter()
                .map(|(name, _)| name.as_str())
                .collect::<Vec<_>>(),
            vec!["Capsule", "Spaceplane", UNKNOWN_GROUP]
        );
        let flat = IndexQuery::default().grouped(&configs);
        assert_eq!(flat.len(), 1);
        assert_eq!(flat[0].1.len(), 5);
    }
}
