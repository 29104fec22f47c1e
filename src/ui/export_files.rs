//! What the export buttons write: the spacecraft of a view as CSV (one row per card, the columns
//! people put in a spreadsheet) and as JSON (the records exactly as the API sent them, with
//! where, when and how they were asked for, and the credit The Space Devs ask for), a
//! spacecraft's flights as CSV, and file names that say what is in them. Pure: host-tested.

use crate::api::models::{Flight, Page, Spacecraft};
use crate::api::quota::Quota;
use crate::ui::csv;
use crate::ui::measure;
use crate::url::grid_query::{Mode, Query};
use serde_json::value::RawValue;
use std::collections::HashSet;

/// The line of credit every JSON file carries.
pub const ATTRIBUTION: &str =
    "Data from Launch Library 2 by The Space Devs (https://thespacedevs.com/llapi).";

/// The largest page the API serves: "all results" are fetched in pages of this size.
pub const ALL_PAGE_SIZE: u32 = 100;

/// At most this many pages (10,000 spacecraft; LL2 has about 600): a hostile `count` must not
/// make us ask for ever.
pub const MAX_PAGES: u64 = 100;

/// One spacecraft to export: as the grid reads it, and as the API sent it.
pub struct Record {
    pub craft: Spacecraft,
    pub raw: Box<RawValue>,
}

/// The records of one or more pages, in the API's order, each spacecraft once (the first kept,
/// as on the grid: `paging::each_spacecraft_once`); records the grid cannot read are skipped.
#[derive(Default)]
pub struct Collected {
    pub records: Vec<Record>,
    /// The API's count of all matches, from the latest page.
    pub count: u64,
    /// When the oldest of the pages was fetched (ms since the epoch).
    pub fetched_at: Option<u64>,
    seen: HashSet<u64>,
}

impl Collected {
    /// Adds a page's answer text, as the cache keeps it, fetched at `fetched_at`; false when it
    /// is not a page. Read like the grid's (`models::Page`), each record kept as its text too.
    pub fn add_body(&mut self, body: &str, fetched_at: u64) -> bool {
        let Ok(page) = serde_json::from_str::<Page<Box<RawValue>>>(body) else {
            return false;
        };
        self.count = page.count;
        self.fetched_at = Some(self.fetched_at.map_or(fetched_at, |at| at.min(fetched_at)));
        for raw in page.results {
            let Ok(craft) = serde_json::from_str::<Spacecraft>(raw.get()) else {
                continue;
            };
            if self.seen.insert(craft.id) {
                self.records.push(Record { craft, raw });
            }
        }
        true
    }
}

/// How many pages of `ALL_PAGE_SIZE` hold `count` results (capped at `MAX_PAGES`).
pub fn pages_for(count: u64) -> u64 {
    count.div_ceil(u64::from(ALL_PAGE_SIZE)).min(MAX_PAGES)
}

/// The view's filters and ordering on page `page` of "all results".
pub fn all_results_page(query: &Query, page: u64) -> Query {
    let offset = page.saturating_mul(u64::from(ALL_PAGE_SIZE));
    Query {
        limit: Some(ALL_PAGE_SIZE),
        offset: u32::try_from(offset).unwrap_or(u32::MAX),
        ..query.clone()
    }
}

/// What "all results" costs, said before it starts: the requests it takes (pages already saved
/// cost none) against the visitor's hourly quota, as far as we know it.
pub fn cost_text(
    count: u64,
    pages: u64,
    needed: u64,
    quota: Option<&Quota>,
    now_ms: u64,
) -> String {
    let saved = pages - needed.min(pages);
    let plural = |n: u64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut text = if needed == 0 {
        format!(
            "All {count} results are saved from earlier ({}): no request.",
            plural(pages, "page", "pages")
        )
    } else {
        let also = if saved > 0 {
            format!(", {saved} of them saved from earlier")
        } else {
            String::new()
        };
        format!(
            "Fetching all {count} results takes {} ({} of {ALL_PAGE_SIZE}{also}).",
            plural(needed, "request", "requests"),
            plural(pages, "page", "pages"),
        )
    };
    if needed == 0 {
        return text;
    }
    match quota.filter(|quota| quota.limit > 0) {
        Some(quota) => {
            let wait = quota.seconds_until_available(now_ms);
            let left = if wait > 0 { 0 } else { quota.limit.saturating_sub(quota.used) };
            text.push_str(&format!(
                " You have {left} of {} requests left this hour.",
                quota.limit
            ));
            if needed > left {
                text.push_str(" That is not enough: the export stops when the API says so, and what was fetched by then can still be downloaded.");
            }
        }
        None => text.push_str(&format!(
            " They count against your hourly quota ({PRODUCTION_QUOTA} requests an hour on LL2's production host)."
        )),
    }
    text
}

/// Requests per hour LL2's production host allows a visitor without a key.
pub const PRODUCTION_QUOTA: u64 = 15;

pub const SPACECRAFT_COLUMNS: [&str; 20] = [
    "id",
    "name",
    "serial_number",
    "status",
    "configuration",
    "agency",
    "type",
    "in_space",
    "is_placeholder",
    "flights_count",
    "mission_ends_count",
    "time_in_space",
    "time_in_space_seconds",
    "time_docked",
    "time_docked_seconds",
    "fastest_turnaround",
    "image_url",
    "image_credit",
    "image_license",
    "url",
];

/// The CSV of `records`: a header, then one row each. It starts with a byte-order mark, so that
/// spreadsheets that guess the encoding (Excel) read it as UTF-8.
pub fn spacecraft_csv(records: &[Record]) -> String {
    let mut out = String::from('\u{feff}');
    out.push_str(&csv::document(
        &SPACECRAFT_COLUMNS,
        records.iter().map(spacecraft_row),
    ));
    out
}

/// One spacecraft's cells, in the order of `SPACECRAFT_COLUMNS`; unknown values are empty.
pub fn spacecraft_row(record: &Record) -> Vec<String> {
    let craft = &record.craft;
    let config = craft.spacecraft_config.as_ref();
    let image = craft.image.as_ref();
    let duration = |value: &Option<String>| text(value.as_deref());
    let seconds = |value: &Option<String>| number(measure::seconds(value.as_deref()));
    vec![
        craft.id.to_string(),
        text(Some(&craft.name)),
        text(craft.serial_number.as_deref()),
        text(craft.status.as_ref().map(|status| status.name.as_str())),
        text(config.map(|config| config.name.as_str())),
        text(
            config
                .and_then(|config| config.agency.as_ref())
                .map(|agency| agency.name.as_str()),
        ),
        text(
            config
                .and_then(|config| config.kind.as_ref())
                .map(|kind| kind.name.as_str()),
        ),
        craft.in_space.to_string(),
        craft.is_placeholder.to_string(),
        number(craft.flights_count),
        number(craft.mission_ends_count),
        duration(&craft.time_in_space),
        seconds(&craft.time_in_space),
        duration(&craft.time_docked),
        seconds(&craft.time_docked),
        duration(&craft.fastest_turnaround),
        text(image.and_then(|image| image.image_url.as_deref())),
        text(image.and_then(|image| image.credit.as_deref())),
        text(
            image
                .and_then(|image| image.license.as_ref())
                .map(|license| license.name.as_str()),
        ),
        text(craft.url.as_deref()),
    ]
}

pub const FLIGHT_COLUMNS: [&str; 10] = [
    "flight_id",
    "launch",
    "launch_date",
    "launch_status",
    "destination",
    "mission_end",
    "duration",
    "duration_seconds",
    "turnaround",
    "turnaround_seconds",
];

/// A spacecraft's flights as CSV, in the order of its record.
pub fn flights_csv(flights: &[Flight]) -> String {
    csv_file(&FLIGHT_COLUMNS, flights.iter().map(flight_row))
}

/// A CSV file: a byte-order mark first, so spreadsheets read it as UTF-8.
fn csv_file(columns: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut out = String::from('\u{feff}');
    out.push_str(&csv::document(columns, rows));
    out
}

/// The columns of a spacecraft's crews (its logbook): one row per seat, flight by flight, as
/// the API lists them; `crew` says which list (launch, on board, landing).
pub const CREW_COLUMNS: [&str; 8] = [
    "flight_id",
    "launch",
    "launch_date",
    "crew",
    "name",
    "role",
    "agency",
    "astronaut_id",
];

/// A spacecraft's crews as CSV, from its logbook's flights.
pub fn crew_csv(flights: &[Flight]) -> String {
    csv_file(&CREW_COLUMNS, flights.iter().flat_map(crew_rows))
}

fn crew_rows(flight: &Flight) -> Vec<Vec<String>> {
    let lists = [
        ("launch", &flight.launch_crew),
        ("on board", &flight.onboard_crew),
        ("landing", &flight.landing_crew),
    ];
    let mut rows = Vec::new();
    for (list, seats) in lists {
        for seat in seats {
            let astronaut = seat.astronaut.as_ref();
            let mut row = flight_columns(flight);
            row.extend([
                list.to_string(),
                text(astronaut.map(|astronaut| astronaut.name.as_str())),
                text(seat.role.as_ref().map(|role| role.role.as_str())),
                text(
                    astronaut
                        .and_then(|astronaut| astronaut.agency.as_ref())
                        .map(|agency| agency.name.as_str()),
                ),
                number(astronaut.and_then(|astronaut| astronaut.id)),
            ]);
            rows.push(row);
        }
    }
    rows
}

/// The columns of a spacecraft's dockings (its logbook): one row per docking event. An event
/// without a departure is still docked; `time_docked_seconds` is given once it has departed.
pub const DOCKING_COLUMNS: [&str; 9] = [
    "flight_id",
    "launch",
    "launch_date",
    "docked_with",
    "port",
    "docked",
    "departed",
    "time_docked_seconds",
    "docked_now",
];

/// A spacecraft's dockings as CSV, from its logbook's flights.
pub fn dockings_csv(flights: &[Flight]) -> String {
    csv_file(&DOCKING_COLUMNS, flights.iter().flat_map(docking_rows))
}

fn docking_rows(flight: &Flight) -> Vec<Vec<String>> {
    let events = flight.docking_events.as_deref().unwrap_or_default();
    events
        .iter()
        .map(|docking| {
            let docked = docking.docking.as_deref();
            let departed = docking.departure.as_deref();
            let time_docked = docked
                .and_then(measure::moment)
                .zip(departed.and_then(measure::moment))
                .and_then(|(docked, departed)| departed.checked_sub(docked));
            let mut row = flight_columns(flight);
            row.extend([
                text(docking.target()),
                text(docking.port()),
                text(docked),
                text(departed),
                number(time_docked),
                (departed.is_none()).to_string(),
            ]);
            row
        })
        .collect()
}

/// The columns that say which flight a crew or docking row belongs to.
fn flight_columns(flight: &Flight) -> Vec<String> {
    let launch = flight.launch.as_ref();
    vec![
        number(flight.id),
        text(launch.map(|launch| launch.name.as_str())),
        text(launch.and_then(|launch| launch.net.as_deref())),
    ]
}

pub fn flight_row(flight: &Flight) -> Vec<String> {
    let status = flight
        .launch
        .as_ref()
        .and_then(|launch| launch.status.as_ref());
    let mut row = flight_columns(flight);
    row.extend([
        text(status.map(|status| status.name.as_str())),
        text(flight.destination.as_deref()),
        text(flight.mission_end.as_deref()),
        text(flight.duration.as_deref()),
        number(measure::seconds(flight.duration.as_deref())),
        text(flight.turn_around_time.as_deref()),
        number(measure::seconds(flight.turn_around_time.as_deref())),
    ]);
    row
}

/// A cell of the API's text. Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a
/// formula (OWASP's "CSV injection"), so such text gets a leading apostrophe, which they show
/// as text and do not display; nothing the API normally sends starts that way.
fn text(value: Option<&str>) -> String {
    match value {
        Some(value) if value.starts_with(['=', '+', '-', '@', '\t', '\r']) => format!("'{value}"),
        Some(value) => value.to_string(),
        None => String::new(),
    }
}

fn number(value: Option<u64>) -> String {
    value.map(|value| value.to_string()).unwrap_or_default()
}

/// Where a JSON export's records came from.
pub struct Source<'a> {
    /// The API base, e.g. `https://ll.thespacedevs.com/2.3.0`.
    pub api: &'a str,
    /// The list endpoint's query string, as sent (for all results: without `offset`).
    pub query: &'a str,
    /// False when "all results" stopped before the last page.
    pub complete: bool,
}

/// The JSON export: where, when and how the records were fetched, the credit, and the records
/// exactly as the API sent them, one a line.
pub fn spacecraft_json(collected: &Collected, source: &Source) -> String {
    let string = |value: &str| serde_json::to_string(value).unwrap_or_default();
    let fetched_at = collected
        .fetched_at
        .map_or("null".to_string(), |at| string(&timestamp(at)));
    let mut out = format!(
        "{{\n\"attribution\": {},\n\"api\": {},\n\"endpoint\": \"spacecraft/\",\n\"query\": {},\n\"fetched_at\": {fetched_at},\n\"count\": {},\n\"complete\": {},\n\"results\": [",
        string(ATTRIBUTION),
        string(source.api),
        string(source.query),
        collected.count,
        source.complete,
    );
    for (index, record) in collected.records.iter().enumerate() {
        out.push_str(if index == 0 { "\n" } else { ",\n" });
        out.push_str(record.raw.get());
    }
    out.push_str("\n]\n}\n");
    out
}

/// What an export holds, for its file name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The page shown.
    Page,
    /// Every result of the view.
    All,
}

/// A file name that says what is in it: `spacecraft-search-dragon-2026-12-02.csv`; the view's
/// filters, ordering and page, then the day (UTC) of `now_ms`.
pub fn file_name(query: &Query, scope: Scope, now_ms: u64, extension: &str) -> String {
    let mut parts = vec!["spacecraft".to_string()];
    let mut named = |label: &str, value: &str| {
        let slug = slug(value);
        if !slug.is_empty() {
            parts.push(format!("{label}-{slug}"));
        }
    };
    if let Some(search) = &query.search {
        named("search", search);
    }
    if let Some(name) = &query.name {
        named("name", name);
    }
    if let Some(status) = query.status {
        parts.push(format!("status-{status}"));
    }
    if let Some(config) = query.spacecraft_config {
        parts.push(format!("config-{config}"));
    }
    if let Some(in_space) = query.in_space {
        parts.push(if in_space { "in-space" } else { "not-in-space" }.to_string());
    }
    if let Some(placeholder) = query.is_placeholder {
        parts.push(
            if placeholder {
                "placeholders"
            } else {
                "not-placeholders"
            }
            .to_string(),
        );
    }
    if let Some(ordering) = query.ordering {
        let field = ordering.field.api_name().replace('_', "-");
        let direction = if ordering.descending { "-desc" } else { "" };
        parts.push(format!("by-{field}{direction}"));
    }
    if query.mode == Mode::Detailed {
        parts.push("detailed".to_string());
    }
    match scope {
        Scope::All => parts.push("all".to_string()),
        Scope::Page if query.offset > 0 => {
            let size = query.page_size().max(1);
            parts.push(if query.offset.is_multiple_of(size) {
                format!("page-{}", query.offset / size + 1)
            } else {
                format!("from-{}", u64::from(query.offset) + 1)
            });
        }
        Scope::Page => {}
    }
    parts.push(date(now_ms));
    format!("{}.{extension}", parts.join("-"))
}

/// `spacecraft-95-apollo-csm-118-flights-2026-12-02.csv`.
pub fn spacecraft_file_name(craft: &Spacecraft, what: &str, now_ms: u64) -> String {
    let name = slug(&craft.name);
    let name = if name.is_empty() {
        String::new()
    } else {
        format!("-{name}")
    };
    format!("spacecraft-{}{name}-{what}-{}.csv", craft.id, date(now_ms))
}

/// Letters and digits, lower-cased, every other run of characters one `-`; at most 40
/// characters, so a long search makes no unwieldy name. Beyond ASCII every character counts as
/// a letter but spaces and the punctuation blocks (Unicode's letter tables would cost KBs of
/// wasm for a file name).
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if is_letter(c) {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.chars().count() >= 40 {
            break;
        }
    }
    out.trim_end_matches('-').to_string()
}

fn is_letter(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || !(c.is_ascii()
            || c.is_whitespace()
            || c.is_control()
            || matches!(c, '\u{a0}'..='\u{bf}' | '\u{d7}' | '\u{f7}' | '\u{2000}'..='\u{206f}' | '\u{3000}'..='\u{303f}' | '\u{fe30}'..='\u{fe4f}' | '\u{ff01}'..='\u{ff0f}'))
}

/// `2026-12-02`: the day (UTC) of a time in ms since the epoch.
pub fn date(ms: u64) -> String {
    let (year, month, day) = civil_from_days(ms / 86_400_000);
    format!("{year:04}-{month:02}-{day:02}")
}

/// `2026-12-02T07:05:09Z`.
pub fn timestamp(ms: u64) -> String {
    let seconds = (ms / 1000) % 86_400;
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        date(ms),
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    )
}

/// The date of a day count since 1970-01-01, after Howard Hinnant's `civil_from_days`.
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-12-02T07:05:09.250Z
    const NOW: u64 = 1_796_195_109_250;

    fn collected(body: &str) -> Collected {
        let mut collected = Collected::default();
        assert!(collected.add_body(body, NOW));
        collected
    }

    #[test]
    fn dates_and_times_are_utc() {
        assert_eq!(date(0), "1970-01-01");
        assert_eq!(timestamp(NOW), "2026-12-02T07:05:09Z");
        assert_eq!(date(951_782_400_000), "2000-02-29");
        assert_eq!(timestamp(1_704_067_199_999), "2023-12-31T23:59:59Z");
    }

    #[test]
    fn file_names_say_what_is_in_them() {
        let name = |query: &str, scope| file_name(&Query::parse(query), scope, NOW, "csv");
        assert_eq!(
            name("search=dragon", Scope::Page),
            "spacecraft-search-dragon-2026-12-02.csv"
        );
        assert_eq!(name("", Scope::All), "spacecraft-all-2026-12-02.csv");
        assert_eq!(
            name("search=Crew Dragon, C206!&status=1&in_space=false&ordering=-time_in_space&limit=20&offset=40", Scope::Page),
            "spacecraft-search-crew-dragon-c206-status-1-not-in-space-by-time-in-space-desc-page-3-2026-12-02.csv"
        );
        assert_eq!(
            name(
                "spacecraft_config=3&is_placeholder=true&mode=detailed&offset=5",
                Scope::Page
            ),
            "spacecraft-config-3-placeholders-detailed-from-6-2026-12-02.csv"
        );
        assert_eq!(
            name("search=神舟 Прогресс&offset=10", Scope::All),
            "spacecraft-search-神舟-прогресс-all-2026-12-02.csv"
        );
        assert_eq!(
            name("search=Lemaître — «ATV»、五号", Scope::Page),
            "spacecraft-search-lemaître-atv-五号-2026-12-02.csv"
        );
        assert_eq!(
            name("search=%2F..%2F", Scope::Page),
            "spacecraft-2026-12-02.csv",
            "no path in a name"
        );
        let long = name(&format!("search={}", "a".repeat(300)), Scope::Page);
        assert_eq!(
            long,
            format!("spacecraft-search-{}-2026-12-02.csv", "a".repeat(40))
        );
        assert_eq!(
            file_name(&Query::parse("search=x"), Scope::Page, NOW, "json"),
            "spacecraft-search-x-2026-12-02.json"
        );
    }

    /// The rows of a CSV file (its byte-order mark left out).
    fn read_csv(text: &str) -> Vec<Vec<String>> {
        csv::tests::read(text.trim_start_matches('\u{feff}'))
    }

    /// A flight of a logbook, as the API writes it (serde, as the app reads it).
    fn logbook_flight(json: &str) -> Flight {
        match serde_json::from_str(json) {
            Ok(flight) => flight,
            Err(error) => panic!("{error}: {json}"),
        }
    }

    #[test]
    fn crews_are_one_row_per_seat_by_list_and_dockings_one_per_event() {
        let flight = logbook_flight(
            r#"{"id": 7, "launch": {"name": "Crew-1", "net": "2020-11-16T00:27:17Z"},
                "launch_crew": [
                    {"role": {"role": "Commander"}, "astronaut": {"id": 1, "name": "Hopkins, \"Mike\"", "agency": {"name": "NASA"}}},
                    {"role": null, "astronaut": {"id": 2, "name": "野口聡一", "agency": null}}],
                "onboard_crew": [],
                "landing_crew": [{"role": {"role": "Pilot"}, "astronaut": {"id": 2, "name": "野口聡一"}}],
                "docking_events": [
                    {"docking": "2020-11-17T04:01:00Z", "departure": "2021-04-05T10:30:00Z",
                     "docking_location": {"name": "Harmony forward"},
                     "space_station_target": {"name": "International Space Station"}},
                    {"docking": "2021-04-05T11:08:00Z", "departure": null,
                     "docking_location": {"name": "=Harmony, zenith"}, "space_station_target": null}]}"#,
        );
        let crew = read_csv(&crew_csv(std::slice::from_ref(&flight)));
        assert_eq!(crew[0], CREW_COLUMNS);
        assert_eq!(
            crew[1..],
            [
                [
                    "7",
                    "Crew-1",
                    "2020-11-16T00:27:17Z",
                    "launch",
                    "Hopkins, \"Mike\"",
                    "Commander",
                    "NASA",
                    "1"
                ],
                [
                    "7",
                    "Crew-1",
                    "2020-11-16T00:27:17Z",
                    "launch",
                    "野口聡一",
                    "",
                    "",
                    "2"
                ],
                [
                    "7",
                    "Crew-1",
                    "2020-11-16T00:27:17Z",
                    "landing",
                    "野口聡一",
                    "Pilot",
                    "",
                    "2"
                ],
            ]
        );
        let dockings = read_csv(&dockings_csv(&[flight]));
        assert_eq!(dockings[0], DOCKING_COLUMNS);
        assert_eq!(
            dockings[1..],
            [
                [
                    "7",
                    "Crew-1",
                    "2020-11-16T00:27:17Z",
                    "International Space Station",
                    "Harmony forward",
                    "2020-11-17T04:01:00Z",
                    "2021-04-05T10:30:00Z",
                    "12032940",
                    "false"
                ],
                // The first stayed 139 d 6 h 29 min; this one is still docked: no time yet. A port
                // that reads as a formula stays text.
                [
                    "7",
                    "Crew-1",
                    "2020-11-16T00:27:17Z",
                    "",
                    "'=Harmony, zenith",
                    "2021-04-05T11:08:00Z",
                    "",
                    "",
                    "true"
                ],
            ]
        );
    }

    #[test]
    fn a_flight_without_crew_or_dockings_adds_no_row() {
        let flight = logbook_flight(r#"{"id": 8, "launch": null, "docking_events": null}"#);
        assert_eq!(read_csv(&crew_csv(std::slice::from_ref(&flight))).len(), 1);
        assert_eq!(read_csv(&dockings_csv(&[flight])).len(), 1);
    }

    #[test]
    fn flights_files_name_their_spacecraft() {
        let craft = Spacecraft {
            id: 95,
            name: "Apollo CSM-118".into(),
            ..Spacecraft::default()
        };
        assert_eq!(
            spacecraft_file_name(&craft, "flights", NOW),
            "spacecraft-95-apollo-csm-118-flights-2026-12-02.csv"
        );
        let unnamed = Spacecraft {
            id: 7,
            ..Spacecraft::default()
        };
        assert_eq!(
            spacecraft_file_name(&unnamed, "flights", NOW),
            "spacecraft-7-flights-2026-12-02.csv"
        );
    }

    #[test]
    fn all_results_take_pages_of_a_hundred() {
        assert_eq!(
            (
                pages_for(0),
                pages_for(1),
                pages_for(100),
                pages_for(101),
                pages_for(603)
            ),
            (0, 1, 1, 2, 7)
        );
        assert_eq!(pages_for(u64::MAX), MAX_PAGES);
        let page = all_results_page(&Query::parse("search=x&limit=20&offset=40&view=chart"), 2);
        assert_eq!(page.to_api_query_string(), "search=x&limit=100&offset=200");
    }

    const SEED: &str = include_str!("../../tests/ll2-standin/fixtures/seed-page.json");

    #[test]
    fn the_seed_page_exports_row_for_row() {
        let collected = collected(SEED);
        assert_eq!((collected.records.len(), collected.count), (10, 603));
        let text = spacecraft_csv(&collected.records);
        assert!(text.starts_with("\u{feff}id,name,serial_number,status,"));
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(
            lines.len(),
            12,
            "header, 10 rows, and the empty rest after the last CRLF"
        );
        assert_eq!(
            lines[1],
            "95,Apollo CSM-118,CSM-118,Single Use,Apollo Command/Service Module,North American Aviation,Capsule,false,false,1,1,P84DT1H15M30S,7262130,P83DT4H38M12S,7187892,,https://thespacedevs-dev.nyc3.digitaloceanspaces.com/media/images/apollo2520command2fservice2520module_image_20190207032507.jpeg,,Unknown,https://lldev.thespacedevs.com/2.3.0/spacecraft/95/?format=api"
        );
    }

    #[test]
    fn odd_values_keep_their_meaning() {
        let body = r#"{"count": 3, "results": [
            {"id": 7, "name": "a, \"b\"\nc", "serial_number": null, "image": {"credit": "=HYPERLINK(1)", "license": null},
             "spacecraft_config": null, "status": null, "time_in_space": "nonsense", "url": null},
            {"id": "not a number"},
            {"id": 7, "name": "again"}
        ]}"#;
        let collected = collected(body);
        assert_eq!(
            collected.records.len(),
            1,
            "unreadable and repeated records are left out, as on the grid"
        );
        let row = spacecraft_row(&collected.records[0]);
        assert_eq!(row[1], "a, \"b\"\nc");
        assert_eq!(row[2], "");
        assert_eq!((row[11].as_str(), row[12].as_str()), ("nonsense", ""));
        assert_eq!(row[17], "'=HYPERLINK(1)");
        assert_eq!(row.len(), SPACECRAFT_COLUMNS.len());
    }

    #[test]
    fn the_json_export_carries_the_records_as_sent() -> Result<(), serde_json::Error> {
        let body = r#"{"count": 66, "results": [{"id": 1, "name": "Columbia",  "odd": [1.50, null]}, {"id": 2, "name": "神舟"}]}"#;
        let collected = collected(body);
        let text = spacecraft_json(
            &collected,
            &Source {
                api: "https://ll.thespacedevs.com/2.3.0",
                query: "search=a%26b",
                complete: true,
            },
        );
        assert!(
            text.contains(r#"{"id": 1, "name": "Columbia",  "odd": [1.50, null]}"#),
            "verbatim: {text}"
        );
        let value: serde_json::Value = serde_json::from_str(&text)?;
        assert_eq!(value["attribution"], ATTRIBUTION);
        assert_eq!(value["api"], "https://ll.thespacedevs.com/2.3.0");
        assert_eq!(value["query"], "search=a%26b");
        assert_eq!(value["fetched_at"], "2026-12-02T07:05:09Z");
        assert_eq!(
            (value["count"].as_u64(), value["complete"].as_bool()),
            (Some(66), Some(true))
        );
        assert_eq!(value["results"][1]["name"], "神舟");
        let empty = spacecraft_json(
            &Collected::default(),
            &Source {
                api: "a\"b",
                query: "",
                complete: false,
            },
        );
        let value: serde_json::Value = serde_json::from_str(&empty)?;
        assert_eq!(
            (
                value["api"].as_str(),
                value["results"].as_array().map(Vec::len)
            ),
            (Some("a\"b"), Some(0))
        );
        Ok(())
    }

    #[test]
    fn flights_export_one_row_each() -> Result<(), crate::api::ApiError> {
        let craft: Spacecraft = crate::api::decode(
            r#"{"id": 3, "flights": [
                {"id": 11, "destination": "ISS, then home", "mission_end": null, "duration": "P12DT1H", "turn_around_time": null,
                 "launch": {"name": "STS-1", "net": "1981-04-12T12:00:04Z", "status": {"name": "Launch Successful"}}},
                {"id": null, "launch": null}
            ]}"#,
        )?;
        let text = flights_csv(craft.flights.as_deref().unwrap_or_default());
        assert_eq!(
            text,
            "\u{feff}flight_id,launch,launch_date,launch_status,destination,mission_end,duration,duration_seconds,turnaround,turnaround_seconds\r\n\
             11,STS-1,1981-04-12T12:00:04Z,Launch Successful,\"ISS, then home\",,P12DT1H,1040400,,\r\n\
             ,,,,,,,,,\r\n"
        );
        Ok(())
    }

    #[test]
    fn the_cost_is_said_against_the_quota() {
        let quota = |used, wait_secs| Quota {
            limit: 15,
            used,
            window_secs: 3600,
            wait_secs,
            observed_at: NOW,
        };
        assert_eq!(
            cost_text(216, 3, 2, Some(&quota(3, 0)), NOW),
            "Fetching all 216 results takes 2 requests (3 pages of 100, 1 of them saved from earlier). You have 12 of 15 requests left this hour."
        );
        assert_eq!(
            cost_text(66, 1, 1, None, NOW),
            "Fetching all 66 results takes 1 request (1 page of 100). They count against your hourly quota (15 requests an hour on LL2's production host)."
        );
        assert_eq!(
            cost_text(66, 1, 0, Some(&quota(15, 0)), NOW),
            "All 66 results are saved from earlier (1 page): no request."
        );
        let short = cost_text(603, 7, 7, Some(&quota(10, 0)), NOW);
        assert!(
            short.contains("You have 5 of 15 requests left this hour. That is not enough"),
            "{short}"
        );
        let waiting = cost_text(603, 7, 7, Some(&quota(2, 30)), NOW);
        assert!(waiting.contains("You have 0 of 15"), "{waiting}");
    }
}
