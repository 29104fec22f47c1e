//! The view's state, as it lives in the address bar. Its keys are the API's own parameter names,
//! so the same string is a shareable link to the app and the query of the API request.

use crate::url::encoding::{encode, parse_pairs};

/// Page sizes offered in the UI. The API itself accepts 1–100 and defaults to 10.
pub const PAGE_SIZES: [u32; 4] = [10, 20, 50, 100];
/// What the API uses when `limit` is absent.
pub const DEFAULT_LIMIT: u32 = 10;
/// The API cuts larger limits to this.
pub const MAX_LIMIT: u32 = 100;

/// Fields the API can order spacecraft by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortField {
    FlightsCount,
    Id,
    MissionEndsCount,
    TimeDocked,
    TimeInSpace,
}

impl SortField {
    pub const ALL: [SortField; 5] = [
        SortField::FlightsCount,
        SortField::MissionEndsCount,
        SortField::TimeInSpace,
        SortField::TimeDocked,
        SortField::Id,
    ];

    pub fn api_name(self) -> &'static str {
        match self {
            SortField::FlightsCount => "flights_count",
            SortField::Id => "id",
            SortField::MissionEndsCount => "mission_ends_count",
            SortField::TimeDocked => "time_docked",
            SortField::TimeInSpace => "time_in_space",
        }
    }

    pub fn from_api_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|field| field.api_name() == name)
    }

    /// Whether the field is a measure of the spacecraft (one a chart can draw), not its id.
    pub fn is_metric(self) -> bool {
        self != SortField::Id
    }

    /// What the field measures, for people.
    pub fn metric_label(self) -> &'static str {
        match self {
            SortField::FlightsCount => "Flights",
            SortField::MissionEndsCount => "Mission ends",
            SortField::TimeInSpace => "Time in space",
            SortField::TimeDocked => "Time docked",
            SortField::Id => "Id",
        }
    }
}

/// How the results are drawn: our own parameter (`view=chart`), never sent to the API.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    #[default]
    Cards,
    Chart,
}

/// An `ordering` value: a field, ascending or descending (`-` prefix).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ordering {
    pub field: SortField,
    pub descending: bool,
}

impl Ordering {
    /// Every ordering the API accepts, in the order the UI lists them.
    pub fn all() -> impl Iterator<Item = Ordering> {
        SortField::ALL
            .into_iter()
            .flat_map(|field| [true, false].map(|descending| Ordering { field, descending }))
    }

    pub fn parse(value: &str) -> Option<Self> {
        let (descending, name) = match value.strip_prefix('-') {
            Some(name) => (true, name),
            None => (false, value),
        };
        SortField::from_api_name(name).map(|field| Ordering { field, descending })
    }

    pub fn to_param(self) -> String {
        let sign = if self.descending { "-" } else { "" };
        format!("{sign}{}", self.field.api_name())
    }

    /// A label for people, e.g. "Most flights".
    pub fn label(self) -> &'static str {
        use SortField::*;
        match (self.field, self.descending) {
            (FlightsCount, true) => "Most flights",
            (FlightsCount, false) => "Fewest flights",
            (MissionEndsCount, true) => "Most mission ends",
            (MissionEndsCount, false) => "Fewest mission ends",
            (TimeInSpace, true) => "Longest in space",
            (TimeInSpace, false) => "Shortest in space",
            (TimeDocked, true) => "Longest docked",
            (TimeDocked, false) => "Shortest docked",
            (Id, true) => "Newest in the database",
            (Id, false) => "Oldest in the database",
        }
    }
}

/// How much the API returns per spacecraft.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    #[default]
    Normal,
    Detailed,
}

impl Mode {
    pub fn api_name(self) -> &'static str {
        match self {
            Mode::Normal => "normal",
            Mode::Detailed => "detailed",
        }
    }
}

/// The whole state of the grid view. `None` means "not in the URL": the API's default applies.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub search: Option<String>,
    pub name: Option<String>,
    pub status: Option<u32>,
    pub spacecraft_config: Option<u32>,
    pub in_space: Option<bool>,
    pub is_placeholder: Option<bool>,
    pub ordering: Option<Ordering>,
    pub mode: Mode,
    pub limit: Option<u32>,
    pub offset: u32,
    /// Ours, not the API's: how the results are drawn, and which measure a chart draws when
    /// the ordering does not name one.
    pub view: View,
    pub metric: Option<SortField>,
}

impl Query {
    /// Reads a query string leniently: unknown keys and invalid values are dropped, `limit` is
    /// clamped to what the API allows. The last occurrence of a repeated key wins.
    pub fn parse(query_string: &str) -> Query {
        let mut query = Query::default();
        for (key, value) in parse_pairs(query_string) {
            query.set(&key, value);
        }
        query
    }

    /// The view after the visitor sets one form field, named like its parameter, to the
    /// field's raw value (the same rules as reading it from a URL): back on the first page.
    pub fn with(&self, key: &str, value: &str) -> Query {
        let mut next = self.clone();
        next.set(key, value.to_string());
        next.offset = 0;
        next
    }

    /// Sets one parameter from its raw (decoded) value; invalid values unset it.
    fn set(&mut self, key: &str, value: String) {
        match key {
            "search" => self.search = non_blank(value),
            "name" => self.name = non_blank(value),
            "status" => self.status = parse_id(&value),
            "spacecraft_config" => self.spacecraft_config = parse_id(&value),
            "in_space" => self.in_space = parse_bool(&value),
            "is_placeholder" => self.is_placeholder = parse_bool(&value),
            "ordering" => self.ordering = Ordering::parse(&value),
            "mode" => {
                self.mode = match value.as_str() {
                    "detailed" => Mode::Detailed,
                    _ => Mode::Normal,
                }
            }
            "limit" => {
                self.limit = value
                    .parse::<u64>()
                    .ok()
                    .filter(|limit| *limit > 0)
                    .map(|limit| limit.min(u64::from(MAX_LIMIT)) as u32)
                    .filter(|limit| *limit != DEFAULT_LIMIT)
            }
            "offset" => self.offset = parse_offset(&value),
            "view" => {
                self.view = match value.as_str() {
                    "chart" => View::Chart,
                    _ => View::Cards,
                }
            }
            "metric" => {
                self.metric = SortField::from_api_name(&value).filter(|field| field.is_metric())
            }
            _ => {}
        }
    }

    /// The canonical query string of the view (no leading `?`): the API's parameters, then ours.
    pub fn to_query_string(&self) -> String {
        let mut pairs = self.api_pairs();
        if self.view == View::Chart {
            pairs.push(("view", "chart".to_string()));
            // A metric the ordering already names is left out: one view, one address.
            if let Some(metric) = self.metric.filter(|_| self.ordered_metric().is_none()) {
                pairs.push(("metric", metric.api_name().to_string()));
            }
        }
        join_pairs(pairs)
    }

    /// The query string the API gets: the view's own parameters left out.
    pub fn to_api_query_string(&self) -> String {
        join_pairs(self.api_pairs())
    }

    /// The API's parameters, in a fixed key order, defaults left out.
    fn api_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if let Some(search) = &self.search {
            pairs.push(("search", search.clone()));
        }
        if let Some(name) = &self.name {
            pairs.push(("name", name.clone()));
        }
        if let Some(status) = self.status {
            pairs.push(("status", status.to_string()));
        }
        if let Some(config) = self.spacecraft_config {
            pairs.push(("spacecraft_config", config.to_string()));
        }
        if let Some(in_space) = self.in_space {
            pairs.push(("in_space", in_space.to_string()));
        }
        if let Some(placeholder) = self.is_placeholder {
            pairs.push(("is_placeholder", placeholder.to_string()));
        }
        if let Some(ordering) = self.ordering {
            pairs.push(("ordering", ordering.to_param()));
        }
        if self.mode != Mode::Normal {
            pairs.push(("mode", self.mode.api_name().to_string()));
        }
        if let Some(limit) = self.limit {
            pairs.push(("limit", limit.to_string()));
        }
        if self.offset > 0 {
            pairs.push(("offset", self.offset.to_string()));
        }
        pairs
    }

    /// The measure the ordering sorts by, if it sorts by one.
    fn ordered_metric(&self) -> Option<SortField> {
        self.ordering
            .map(|ordering| ordering.field)
            .filter(|field| field.is_metric())
    }

    /// The measure a chart of this view draws: the ordering's, else the chosen one, else flights.
    pub fn chart_metric(&self) -> SortField {
        self.ordered_metric()
            .or(self.metric)
            .unwrap_or(SortField::FlightsCount)
    }

    /// The same view drawn as `view`.
    pub fn shown_as(&self, view: View) -> Query {
        Query {
            view,
            ..self.clone()
        }
    }

    pub fn page_size(&self) -> u32 {
        self.limit.unwrap_or(DEFAULT_LIMIT)
    }

    /// The same filters on another page.
    pub fn with_offset(&self, offset: u32) -> Query {
        Query {
            offset,
            ..self.clone()
        }
    }

    /// How many filters (not paging, ordering or mode) narrow the results.
    pub fn filter_count(&self) -> usize {
        [
            self.search.is_some(),
            self.name.is_some(),
            self.status.is_some(),
            self.spacecraft_config.is_some(),
            self.in_space.is_some(),
            self.is_placeholder.is_some(),
        ]
        .into_iter()
        .filter(|set| *set)
        .count()
    }

    pub fn is_filtered(&self) -> bool {
        self.filter_count() > 0
    }

    /// "Search “shuttle”, page 2": what a history entry or a shared link shows, `None` for the
    /// plain grid.
    pub fn title(&self) -> Option<String> {
        let mut parts = Vec::new();
        if let Some(search) = &self.search {
            parts.push(format!("Search “{search}”"));
        }
        if let Some(name) = &self.name {
            parts.push(format!("“{name}”"));
        }
        if self.is_filtered() && parts.is_empty() {
            parts.push("Filtered spacecraft".to_string());
        }
        if self.offset > 0 {
            parts.push(format!("page {}", self.offset / self.page_size() + 1));
        }
        (!parts.is_empty()).then(|| parts.join(", "))
    }

    /// The page's meta description.
    pub fn description(&self) -> String {
        match &self.search {
            Some(search) => format!("Spacecraft matching “{search}” in Launch Library 2: status, configuration, flights and time in space."),
            None => "Browse, filter and sort every spacecraft in The Space Devs' Launch Library 2: capsules, cargo ships, orbiters and more.".to_string(),
        }
    }

    /// The grid of one configuration's spacecraft, shown as this view shows them (mode and
    /// page size kept; other filters, ordering and paging dropped).
    pub fn for_configuration(&self, id: u32) -> Query {
        Query {
            spacecraft_config: Some(id),
            ..self.presentation()
        }
    }

    /// Only how this view shows results: mode, page size, cards or chart.
    pub fn presentation(&self) -> Query {
        Query {
            mode: self.mode,
            limit: self.limit,
            view: self.view,
            metric: self.metric,
            ..Query::default()
        }
    }

    /// This selection, shown the way `other` shows its results.
    pub fn presented_as(&self, other: &Query) -> Query {
        let shown = other.presentation();
        Query {
            mode: shown.mode,
            limit: shown.limit,
            view: shown.view,
            metric: shown.metric,
            ..self.clone()
        }
    }

    /// The same spacecraft in the same order as `other`, however they are shown or paged.
    pub fn selects_the_same_as(&self, other: &Query) -> bool {
        self.presentation_free() == other.presentation_free()
    }

    fn presentation_free(&self) -> Query {
        Query {
            mode: Mode::Normal,
            limit: None,
            offset: 0,
            view: View::Cards,
            metric: None,
            ..self.clone()
        }
    }

    /// The filters cleared; ordering and presentation kept, back on the first page.
    pub fn without_filters(&self) -> Query {
        Query {
            ordering: self.ordering,
            ..self.presentation()
        }
    }
}

fn join_pairs(pairs: Vec<(&str, String)>) -> String {
    pairs
        .into_iter()
        .map(|(key, value)| format!("{key}={}", encode(&value)))
        .collect::<Vec<_>>()
        .join("&")
}

fn non_blank(value: String) -> Option<String> {
    (!value.trim().is_empty()).then_some(value)
}

/// A whole number of rows to skip; one past what we keep (`u32`) is clamped to the largest we
/// keep rather than dropped: it still asks for rows past the end (an empty page with its link
/// back to the first) instead of quietly showing the first page, and the address bar, cleaned
/// to it, says what was asked. Anything that is not a whole number is no offset.
fn parse_offset(value: &str) -> u32 {
    let digits = value.strip_prefix('+').unwrap_or(value);
    if digits.is_empty() || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
        return 0;
    }
    digits.parse::<u32>().unwrap_or(u32::MAX)
}

fn parse_id(value: &str) -> Option<u32> {
    value.parse::<u32>().ok().filter(|id| *id > 0)
}

fn parse_bool(value: &str) -> Option<bool> {
    match value.to_ascii_lowercase().as_str() {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::endpoints::Api;

    const BASE: &str = "http://127.0.0.1:9/2.3.0";

    fn spacecraft_list(_: &str, query: &Query) -> String {
        let api = Api {
            base: BASE.to_string(),
            authorization: None,
        };
        api.spacecraft_list(&query.to_api_query_string()).url
    }

    #[test]
    fn the_list_request_carries_exactly_the_view_s_parameters() {
        let query = Query::parse("search=shuttle&ordering=-flights_count");
        assert_eq!(
            spacecraft_list(BASE, &query),
            "http://127.0.0.1:9/2.3.0/spacecraft/?search=shuttle&ordering=-flights_count"
        );
        assert_eq!(
            spacecraft_list(BASE, &Query::default()),
            format!("{BASE}/spacecraft/")
        );
        let query =
            Query::parse("search=%E7%A5%9E%E8%88%9F+a%26b&in_space=true&limit=20&offset=40");
        assert_eq!(
            spacecraft_list(BASE, &query),
            format!("{BASE}/spacecraft/?search=%E7%A5%9E%E8%88%9F+a%26b&in_space=true&limit=20&offset=40")
        );
    }

    #[test]
    fn invalid_view_values_never_reach_the_api() {
        let query = Query::parse("limit=abc&offset=-5&ordering=DROP&in_space=maybe&x=1");
        assert_eq!(spacecraft_list(BASE, &query), format!("{BASE}/spacecraft/"));
    }

    #[test]
    fn a_shared_link_reads_back_as_the_same_view() {
        let query = Query::parse("?search=shuttle&ordering=-flights_count");
        assert_eq!(query.search.as_deref(), Some("shuttle"));
        assert_eq!(
            query.ordering,
            Some(Ordering {
                field: SortField::FlightsCount,
                descending: true
            })
        );
        assert_eq!(
            query.to_query_string(),
            "search=shuttle&ordering=-flights_count"
        );
    }

    #[test]
    fn every_parameter_round_trips() {
        let query = Query {
            search: Some("a b%25&c+#神舟".into()),
            name: Some("Прогресс М1-4".into()),
            status: Some(4),
            spacecraft_config: Some(36),
            in_space: Some(false),
            is_placeholder: Some(true),
            ordering: Ordering::parse("-id"),
            mode: Mode::Detailed,
            limit: Some(50),
            offset: 150,
            view: View::Chart,
            metric: Some(SortField::TimeInSpace),
        };
        let text = query.to_query_string();
        assert_eq!(Query::parse(&text), query);
        assert_eq!(Query::parse(&text).to_query_string(), text);
    }

    #[test]
    fn the_chart_is_ours_and_never_reaches_the_api() {
        let query = Query::parse("view=chart&metric=time_docked&search=dragon");
        assert_eq!(query.view, View::Chart);
        assert_eq!(query.chart_metric(), SortField::TimeDocked);
        assert_eq!(
            query.to_query_string(),
            "search=dragon&view=chart&metric=time_docked"
        );
        assert_eq!(query.to_api_query_string(), "search=dragon");
        // The ordering's measure wins, and the address does not say it twice.
        let ordered = Query::parse("ordering=-flights_count&metric=time_docked&view=chart");
        assert_eq!(ordered.chart_metric(), SortField::FlightsCount);
        assert_eq!(
            ordered.to_query_string(),
            "ordering=-flights_count&view=chart"
        );
        // Cards are the default; odd values are dropped; a metric only matters in a chart.
        for odd in [
            "view=table&metric=id",
            "view=&metric=speed",
            "metric=time_docked",
        ] {
            assert_eq!(Query::parse(odd).to_query_string(), "", "{odd}");
        }
        assert_eq!(Query::parse("").chart_metric(), SortField::FlightsCount);
        // Switching keeps everything else; filters cleared keep the chart.
        let chart = Query::parse("search=x&limit=50&offset=50").shown_as(View::Chart);
        assert_eq!(
            chart.to_query_string(),
            "search=x&limit=50&offset=50&view=chart"
        );
        assert_eq!(
            chart.without_filters().to_query_string(),
            "limit=50&view=chart"
        );
    }

    #[test]
    fn special_characters_survive_exactly() {
        for search in [
            "a b%25&c",
            "100%",
            "+",
            "#hash",
            " leading and trailing ",
            "神舟",
        ] {
            let query = Query {
                search: Some(search.into()),
                ..Query::default()
            };
            assert_eq!(
                Query::parse(&query.to_query_string()).search.as_deref(),
                Some(search)
            );
        }
    }

    #[test]
    fn invalid_values_are_dropped_or_clamped() {
        let query = Query::parse(
            "limit=abc&offset=-5&ordering=DROP&in_space=maybe&status=x&spacecraft_config=-1&mode=list&foo=bar",
        );
        assert_eq!(query, Query::default());
        assert_eq!(query.to_query_string(), "");
        assert_eq!(Query::parse("limit=5000").limit, Some(100));
        assert_eq!(Query::parse("limit=0").limit, None);
        assert_eq!(Query::parse("limit=10").to_query_string(), "");
        assert_eq!(
            Query::parse("in_space=True").to_query_string(),
            "in_space=true"
        );
        assert_eq!(Query::parse("search=%20%20").search, None);
        assert_eq!(Query::parse("offset=99999999999").offset, u32::MAX);
        assert_eq!(
            Query::parse("offset=99999999999999999999999").to_query_string(),
            "offset=4294967295",
            "past any count, as far as we keep: still past the end"
        );
        assert_eq!(Query::parse("offset=4294967295").offset, u32::MAX);
        assert_eq!(Query::parse("offset=%2B40").offset, 40);
        for odd in ["-5", "4.5", "1e9", "", "+", "++4", "abc"] {
            assert_eq!(Query::parse(&format!("offset={odd}")).offset, 0, "{odd}");
        }
    }

    #[test]
    fn every_ordering_is_offered_and_parses_back() {
        let all: Vec<String> = Ordering::all().map(Ordering::to_param).collect();
        assert_eq!(all.len(), 10);
        for param in &all {
            assert_eq!(
                Ordering::parse(param).map(Ordering::to_param).as_ref(),
                Some(param)
            );
        }
        assert!(all.contains(&"-flights_count".to_string()));
    }

    #[test]
    fn clearing_filters_keeps_presentation() {
        let query = Query::parse("search=x&status=1&ordering=id&limit=50&offset=100&mode=detailed");
        assert!(query.is_filtered());
        assert_eq!(
            query.without_filters().to_query_string(),
            "ordering=id&mode=detailed&limit=50"
        );
    }

    #[test]
    fn the_form_edits_through_the_same_rules_as_the_url() {
        let query = Query::parse("search=dragon&offset=40&limit=20");
        let edited = query.with("status", "2");
        assert_eq!(edited.to_query_string(), "search=dragon&status=2&limit=20");
        assert_eq!(query.with("status", "").status, None, "Any status");
        assert_eq!(query.with("status", "0").status, None, "never a 0 id");
        assert_eq!(query.with("in_space", "false").in_space, Some(false));
        assert_eq!(query.with("limit", "10").limit, None, "the API's default");
        assert_eq!(query.with("mode", "detailed").mode, Mode::Detailed);
        assert_eq!(
            query.with("ordering", "-time_in_space").ordering,
            Ordering::parse("-time_in_space")
        );
        assert_eq!(query.with("bogus", "1"), query.with_offset(0));
        assert_eq!(query.filter_count(), 1);
        assert_eq!(
            Query::parse("status=2&in_space=false&ordering=id").filter_count(),
            2
        );
    }

    #[test]
    fn a_view_names_itself_for_history_and_shared_links() {
        assert_eq!(Query::default().title(), None);
        assert_eq!(
            Query::parse("search=shuttle&offset=10").title().as_deref(),
            Some("Search “shuttle”, page 2")
        );
        assert_eq!(
            Query::parse("status=1").title().as_deref(),
            Some("Filtered spacecraft")
        );
        assert!(Query::parse("search=x").description().contains("“x”"));
    }

    #[test]
    fn a_configuration_link_keeps_how_the_view_is_shown() {
        let view = Query::parse("search=dragon&mode=detailed&limit=20&offset=40&ordering=id");
        assert_eq!(
            view.for_configuration(7).to_query_string(),
            "spacecraft_config=7&mode=detailed&limit=20"
        );
        assert_eq!(
            Query::default().for_configuration(7).to_query_string(),
            "spacecraft_config=7"
        );
    }

    #[test]
    fn views_are_the_same_selection_whatever_their_presentation() {
        let quick = Query::parse("ordering=-flights_count");
        assert!(quick.selects_the_same_as(&Query::parse(
            "ordering=-flights_count&limit=50&offset=100&mode=detailed"
        )));
        assert!(!quick.selects_the_same_as(&Query::parse("ordering=-flights_count&search=x")));
        assert!(!quick.selects_the_same_as(&Query::default()));
    }

    /// A small deterministic generator (no extra crate) feeding arbitrary query strings through
    /// the parser: it must never panic, and what it produces must be a fixed point.
    #[test]
    fn random_query_strings_parse_to_a_fixed_point() {
        let alphabet: Vec<char> = "ab=&%+#?-_0123456789 神xyzsearchlimitoffsetorderingstatus"
            .chars()
            .collect();
        let keys = [
            "search",
            "name",
            "status",
            "spacecraft_config",
            "in_space",
            "is_placeholder",
            "ordering",
            "mode",
            "limit",
            "offset",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move |bound: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % bound as u64) as usize
        };
        for _ in 0..5000 {
            let mut text = String::new();
            for _ in 0..next(6) {
                text.push_str(keys[next(keys.len())]);
                text.push('=');
                for _ in 0..next(8) {
                    text.push(alphabet[next(alphabet.len())]);
                }
                text.push('&');
            }
            for _ in 0..next(5) {
                text.push(alphabet[next(alphabet.len())]);
            }
            let canonical = Query::parse(&text).to_query_string();
            assert_eq!(
                Query::parse(&canonical).to_query_string(),
                canonical,
                "from {text:?}"
            );
        }
    }
}
