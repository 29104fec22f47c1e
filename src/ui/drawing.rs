//! What the pictures show, as plain data: the results chart's ticks and bars, a spacecraft's
//! flight timeline, the compare table's cells and a configuration's facts. The views that draw
//! them (`pages::grid::chart`, `pages::detail::timeline`, `pages::compare::table`,
//! `ui::configuration`) only place this data in elements; every choice of what to show and how
//! long a bar is lives here, pure, so it is host-tested. Lengths are CSS percentages, which the
//! views set through the CSSOM (the Content-Security-Policy allows no `style` attributes).

use crate::api::endpoints::safe_url;
use crate::api::models::{Flight, Image, Spacecraft, SpacecraftConfig};
use crate::ui::format::{self, or_dash, yes_no};
use crate::ui::measure::{self, moment, percent, year_of, year_start, Moment, Scale};
use crate::url::compare_ids::CompareQuery;
use crate::url::grid_query::{Query, SortField};
use crate::url::routes::Paths;

/// A label on an axis, `left` along it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tick {
    pub left: String,
    pub label: String,
}

/// One page of results as horizontal bars of the query's chart measure (see `results_chart`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChartLayout {
    /// What is drawn and in which order: the figure's caption and the list's label.
    pub caption: String,
    pub ticks: Vec<Tick>,
    pub bars: Vec<Bar>,
}

/// A spacecraft's bar in the chart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
    pub id: u64,
    pub name: String,
    /// Its page.
    pub href: String,
    /// The measure as a whole number; `None` when the API does not give it.
    pub value: Option<u64>,
    /// The fill's length on the scale; `None` without a value, so that "no data" never reads
    /// as a zero-length bar.
    pub width: Option<String>,
    /// The value for people ("no data" without one).
    pub text: String,
}

/// One page of results as bars of the query's chart measure, in the API's order, each linking
/// to its spacecraft, on a round scale whose ticks fit a phone.
pub fn results_chart(results: &[Spacecraft], query: &Query, paths: &Paths) -> ChartLayout {
    let field = query.chart_metric();
    let values: Vec<Option<u64>> = results
        .iter()
        .map(|craft| measure::value(craft, field))
        .collect();
    let largest = values.iter().flatten().copied().max().unwrap_or(0);
    let scale = Scale::covering(largest, measure::is_duration(field));
    let measure = field.metric_label();
    let caption = match query.ordering {
        Some(ordering) if ordering.field == field => {
            format!("{measure}, sorted: {}", ordering.label())
        }
        _ => format!("{measure}, in the order of the results"),
    };
    let ticks = scale
        .ticks()
        .map(|tick| Tick {
            left: percent(tick, scale.max),
            label: if tick == 0 {
                "0".to_string()
            } else {
                measure::human(field, Some(tick))
            },
        })
        .collect();
    let bars = results
        .iter()
        .zip(values)
        .map(|(craft, value)| Bar {
            id: craft.id,
            name: craft.display_name(),
            href: paths.detail(craft.id),
            value,
            width: value.map(|value| percent(value, scale.max)),
            text: measure::human(field, value),
        })
        .collect();
    ChartLayout {
        caption,
        ticks,
        bars,
    }
}

/// A spacecraft's flights on a time axis of whole years (see `flight_timeline`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timeline {
    /// In the order of the record.
    pub spans: Vec<Span>,
    /// Round years.
    pub ticks: Vec<Tick>,
}

/// A flight on the timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    /// The flight's id, when the API gives one.
    pub id: Option<u64>,
    /// No mission end yet: the bar runs to now.
    pub ongoing: bool,
    /// Every other flight takes the second lane, so that close flights stay apart.
    pub second_lane: bool,
    /// Where the bar starts and how long it is, on the axis.
    pub offset: String,
    pub width: String,
    /// Its docked time, on the bar.
    pub docked: Vec<Stretch>,
    /// Its launch, dates and destination (shown on focus or hover).
    pub tip: String,
}

/// A part of a bar: where it starts and how long it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stretch {
    pub offset: String,
    pub width: String,
}

/// A flight placed in time.
struct Flown {
    id: Option<u64>,
    start: Moment,
    end: Moment,
    ongoing: bool,
    docked: Vec<(Moment, Moment)>,
    tip: String,
}

/// A spacecraft's flights on a time axis of whole years: each a bar from launch to mission end
/// (to `now`, marked ongoing, while it has none), its docked time shaded where the record gives
/// it, in two alternating lanes. `None` when no flight has a readable launch date.
pub fn flight_timeline(flights: &[Flight], now: Moment) -> Option<Timeline> {
    let flown: Vec<Flown> = flights
        .iter()
        .filter_map(|flight| flown(flight, now))
        .collect();
    let first = flown.iter().map(|flight| flight.start).min()?;
    let last = flown.iter().map(|flight| flight.end).max()?;
    // Whole years; labels on round years, at most five, so they fit a phone.
    let first_year = year_of(first);
    let last_year = year_of(last) + 1;
    let step = [1, 2, 5, 10, 20, 50]
        .into_iter()
        .find(|step| (last_year - first_year) / step <= 4)
        .unwrap_or(100);
    let from = year_start(first_year);
    let width = year_start(last_year) - from;
    let at = |time: u64| percent(time.saturating_sub(from), width);

    let spans = flown
        .iter()
        .enumerate()
        .map(|(index, flight)| {
            let length = (flight.end - flight.start).max(1);
            Span {
                id: flight.id,
                ongoing: flight.ongoing,
                second_lane: index % 2 == 1,
                offset: at(flight.start),
                width: percent(flight.end - flight.start, width),
                docked: flight
                    .docked
                    .iter()
                    .map(|(docked, departed)| Stretch {
                        offset: percent(docked - flight.start, length),
                        width: percent(departed - docked, length),
                    })
                    .collect(),
                tip: flight.tip.clone(),
            }
        })
        .collect();
    let ticks = (first_year.div_ceil(step) * step..=last_year)
        .step_by(step as usize)
        .map(|year| Tick {
            left: at(year_start(year)),
            label: year.to_string(),
        })
        .collect();
    Some(Timeline { spans, ticks })
}

/// Where a flight sits in time; `None` without a readable launch date.
fn flown(flight: &Flight, now: Moment) -> Option<Flown> {
    let launch = flight.launch.as_ref()?;
    let net = launch.net.as_deref()?;
    let start = moment(net)?;
    let ended = flight.mission_end.as_deref().and_then(moment);
    // A launch that failed has no mission end, yet it is not still flying.
    let failed = launch.status.as_ref().is_some_and(|status| {
        status.abbrev.as_deref() == Some("Failure") || status.name == "Launch Failure"
    });
    let end = match ended {
        Some(end) => end.max(start),
        None if failed => start,
        None => now.max(start),
    };
    let docked = flight
        .docking_events
        .iter()
        .flatten()
        .filter_map(|event| {
            let docked = moment(event.docking.as_deref()?)?.clamp(start, end);
            let departed = event.departure.as_deref().and_then(moment).unwrap_or(end);
            Some((docked, departed.clamp(docked, end)))
        })
        .collect();
    let mut tip = format!("{}: {}", or_dash(&launch.name), format::date(net));
    match (ended, flight.mission_end.as_deref()) {
        (Some(_), Some(text)) => tip.push_str(&format!(" to {}", format::date(text))),
        _ if failed => tip.push_str(", launch failed"),
        _ => tip.push_str(", ongoing"),
    }
    if let Some(destination) = flight
        .destination
        .as_deref()
        .filter(|text| !text.trim().is_empty())
    {
        tip.push_str(" · ");
        tip.push_str(destination);
    }
    Some(Flown {
        id: flight.id,
        start,
        end,
        ongoing: ended.is_none() && !failed,
        docked,
        tip,
    })
}

/// What LL2 knows of a configuration, in the order shown (see `configuration_facts`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Facts {
    /// Label, value, and whether it takes a whole row (long values).
    pub stats: Vec<(&'static str, String, bool)>,
    /// Capability, details and history, those the record has: heading and text.
    pub texts: Vec<(&'static str, String)>,
    /// Folded away under one summary (above a grid, so the spacecraft stay in view).
    pub folded: bool,
    /// Web pages about it: label and address.
    pub links: Vec<(&'static str, String)>,
}

/// What LL2 knows of a configuration: key facts, then capability, history and details, then
/// links. `full` adds what a spacecraft's page already shows elsewhere (type, agency) and the
/// configuration's own record (spacecraft flown, launches, landings), and folds the long texts
/// away.
pub fn configuration_facts(config: &SpacecraftConfig, full: bool) -> Facts {
    let name_of = |part: Option<&str>| or_dash(part.unwrap_or_default());
    let dash = || format::NO_VALUE.to_string();
    let mut stats: Vec<(&'static str, String, bool)> = Vec::new();
    if full {
        stats.push((
            "Type",
            name_of(config.kind.as_ref().map(|kind| kind.name.as_str())),
            false,
        ));
        stats.push((
            "Agency",
            name_of(config.agency.as_ref().map(|agency| agency.name.as_str())),
            false,
        ));
    }
    stats.extend([
        ("In use", yes_no(config.in_use), false),
        ("Human-rated", yes_no(config.human_rated), false),
        ("Crew capacity", format::count(config.crew_capacity), false),
        (
            "Maiden flight",
            config
                .maiden_flight
                .as_deref()
                .map_or_else(dash, format::date),
            false,
        ),
        (
            "Height",
            config.height.map_or_else(dash, format::metres),
            false,
        ),
        (
            "Diameter",
            config.diameter.map_or_else(dash, format::metres),
            false,
        ),
        (
            "Payload capacity",
            config.payload_capacity.map_or_else(dash, format::kilograms),
            false,
        ),
        ("Flight life", name_of(config.flight_life.as_deref()), false),
    ]);
    if full {
        stats.extend([
            (
                "Spacecraft flown",
                format::count(config.spacecraft_flown),
                false,
            ),
            (
                "Launches",
                format::tally(
                    config.total_launch_count,
                    config.successful_launches,
                    config.failed_launches,
                ),
                true,
            ),
            (
                "Landings",
                format::tally(
                    config.attempted_landings,
                    config.successful_landings,
                    config.failed_landings,
                ),
                true,
            ),
        ]);
    }
    let texts = [
        ("Capability", &config.capability),
        ("Details", &config.details),
        ("History", &config.history),
    ]
    .into_iter()
    .filter_map(|(label, text)| {
        let text = text.as_deref().filter(|text| !text.trim().is_empty())?;
        Some((label, text.to_string()))
    })
    .collect();
    let links = [
        ("Wikipedia", &config.wiki_link),
        ("More information", &config.info_link),
    ]
    .into_iter()
    .filter_map(|(label, url)| Some((label, safe_url(url.as_deref())?.to_string())))
    .collect();
    Facts {
        stats,
        texts,
        folded: full,
        links,
    }
}

/// A column of the compare table: its spacecraft's record, or why the record is not there yet.
pub enum Column<'a> {
    Loading,
    /// The error's headline.
    Failed(&'static str),
    Ready(&'a Spacecraft),
}

/// The compare table (see `compare_table`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompareLayout {
    /// The header cells, one per column.
    pub heads: Vec<Head>,
    /// The rows below, each with a cell per column.
    pub rows: Vec<Row>,
}

/// A column's header cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Head {
    pub id: u64,
    pub title: Title,
    /// The same comparison without this column.
    pub remove: String,
}

/// What heads a column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Title {
    /// The spacecraft's name, a link to its page.
    Name {
        name: String,
        href: String,
    },
    Loading,
    /// The error's headline.
    Failed(&'static str),
}

/// A row of the compare table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub label: &'static str,
    pub cells: Vec<Cell>,
}

/// A cell of the compare table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell {
    /// The column's record has not arrived.
    Empty,
    Text(String),
    Link {
        text: String,
        href: String,
    },
    /// The record's image sources, best first (`FallbackImage` walks them, then shows the
    /// placeholder, as on the cards).
    Image {
        sources: Vec<String>,
        alt: String,
    },
    /// A measure for people, and its bar's length on the row's scale; no bar: no data.
    Measure {
        text: String,
        bar: Option<String>,
    },
}

/// The compare table: one column per spacecraft in the order of the link, a header cell with its
/// name (a link to its page) and a link that removes it, its image, then `compare_rows`.
/// `link` is the whole comparison, ids left out included: removing a column lets the next of
/// them move in.
pub fn compare_table(
    columns: &[(u64, Column)],
    link: &CompareQuery,
    paths: &Paths,
) -> CompareLayout {
    let heads = columns
        .iter()
        .map(|(id, column)| Head {
            id: *id,
            title: match column {
                Column::Ready(craft) => Title::Name {
                    name: craft.display_name(),
                    href: paths.detail(*id),
                },
                Column::Loading => Title::Loading,
                Column::Failed(title) => Title::Failed(title),
            },
            remove: paths.compare(&link.without(*id)),
        })
        .collect();
    let crafts: Vec<Option<&Spacecraft>> = columns
        .iter()
        .map(|(_, column)| match column {
            Column::Ready(craft) => Some(*craft),
            _ => None,
        })
        .collect();
    let images = Row {
        label: "Image",
        cells: crafts
            .iter()
            .map(|craft| match craft {
                Some(craft) => Cell::Image {
                    sources: Image::sources(craft.image.as_ref(), true),
                    alt: craft.display_name(),
                },
                None => Cell::Empty,
            })
            .collect(),
    };
    let mut rows = vec![images];
    rows.extend(compare_rows(&crafts, paths));
    CompareLayout { heads, rows }
}

/// The compare table's rows below the images, one cell per column; `None` is a column whose
/// record has not arrived (an empty cell). Numeric rows carry bars scaled to the row's largest
/// value.
fn compare_rows(crafts: &[Option<&Spacecraft>], paths: &Paths) -> Vec<Row> {
    let config = |craft: &Spacecraft| craft.spacecraft_config.clone().unwrap_or_default();
    let mut rows = vec![text_row("Status", crafts, |craft| {
        or_dash(craft.status_name().unwrap_or_default())
    })];
    // The configuration links to the grid of its spacecraft.
    rows.push(Row {
        label: "Configuration",
        cells: crafts
            .iter()
            .map(|craft| match craft.map(config) {
                None => Cell::Empty,
                Some(config) => match config.id {
                    Some(id) => Cell::Link {
                        text: or_dash(&config.name),
                        href: paths.grid(&Query::default().for_configuration(id)),
                    },
                    None => Cell::Text(or_dash(&config.name)),
                },
            })
            .collect(),
    });
    for field in [
        SortField::FlightsCount,
        SortField::MissionEndsCount,
        SortField::TimeInSpace,
        SortField::TimeDocked,
    ] {
        let values = crafts
            .iter()
            .map(|craft| craft.map(|craft| measure::value(craft, field)))
            .collect();
        rows.push(bar_row(
            field.metric_label(),
            values,
            measure::is_duration(field),
        ));
    }
    let turnarounds = crafts
        .iter()
        .map(|craft| craft.map(|craft| measure::seconds(craft.fastest_turnaround.as_deref())))
        .collect();
    rows.push(bar_row("Fastest turnaround", turnarounds, true));
    let facts: [(&'static str, ConfigText); 5] = [
        ("Type and agency", |config| {
            or_dash(&config.type_and_agency())
        }),
        ("In use", |config| yes_no(config.in_use)),
        ("Human-rated", |config| yes_no(config.human_rated)),
        ("Crew capacity", |config| {
            format::count(config.crew_capacity)
        }),
        ("Maiden flight", |config| {
            config
                .maiden_flight
                .as_deref()
                .map_or(format::NO_VALUE.to_string(), format::date)
        }),
    ];
    for (label, fact) in facts {
        rows.push(text_row(label, crafts, |craft| fact(&config(craft))));
    }
    rows
}

/// A configuration fact as a compare row shows it.
type ConfigText = fn(&SpacecraftConfig) -> String;

fn text_row(
    label: &'static str,
    crafts: &[Option<&Spacecraft>],
    text: impl Fn(&Spacecraft) -> String,
) -> Row {
    Row {
        label,
        cells: crafts
            .iter()
            .map(|craft| craft.map_or(Cell::Empty, |craft| Cell::Text(text(craft))))
            .collect(),
    }
}

/// `values`: per column, `None` while its record is missing, `Some(None)` when the API has no
/// value.
fn bar_row(label: &'static str, values: Vec<Option<Option<u64>>>, durations: bool) -> Row {
    let largest = values
        .iter()
        .flatten()
        .flatten()
        .copied()
        .max()
        .unwrap_or(0);
    let unit = if durations {
        SortField::TimeInSpace
    } else {
        SortField::FlightsCount
    };
    Row {
        label,
        cells: values
            .into_iter()
            .map(|value| match value {
                None => Cell::Empty,
                Some(value) => Cell::Measure {
                    text: measure::human(unit, value),
                    bar: value.map(|value| percent(value, largest)),
                },
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::models::Page;

    fn crafts(json: &str) -> Vec<Spacecraft> {
        crate::api::decode::<Page<Spacecraft>>(&format!(r#"{{"count":9,"results":{json}}}"#))
            .unwrap()
            .results
    }

    #[test]
    fn the_chart_draws_the_page_in_the_api_order_and_says_no_data() {
        let results = crafts(
            r#"[{"id":7,"name":"Endeavour","time_in_space":"P1Y140D"},
                {"id":3,"name":"<b>Freedom</b>","time_in_space":null},
                {"id":9,"name":"Resilience","time_in_space":"P160D"}]"#,
        );
        let query = Query::parse("ordering=-time_in_space&view=chart");
        let chart = results_chart(&results, &query, &Paths::default());
        let ids: Vec<u64> = chart.bars.iter().map(|bar| bar.id).collect();
        assert_eq!(ids, [7, 3, 9]);
        let values: Vec<Option<u64>> = chart.bars.iter().map(|bar| bar.value).collect();
        assert_eq!(values, [Some(43_632_000), None, Some(13_824_000)]);
        let texts: Vec<&str> = chart.bars.iter().map(|bar| bar.text.as_str()).collect();
        assert_eq!(texts, ["1y 140d", "no data", "160d"]);
        assert_eq!(chart.bars[1].width, None, "no bar for no data");
        assert_eq!(chart.bars[1].name, "<b>Freedom</b>", "names stay text");
        assert_eq!(chart.bars[0].href, "/spacecraft/7");
        assert_eq!(chart.caption, "Time in space, sorted: Longest in space");
        // Largest value 505 days: the scale runs to 540 days in 180-day steps.
        let lefts: Vec<&str> = chart.ticks.iter().map(|tick| tick.left.as_str()).collect();
        assert_eq!(lefts, ["0.0%", "33.3%", "66.6%", "100.0%"]);
        assert_eq!(chart.ticks[0].label, "0");
        let widths: Vec<Option<&str>> = chart.bars.iter().map(|bar| bar.width.as_deref()).collect();
        assert_eq!(widths, [Some("93.5%"), None, Some("29.6%")]);
    }

    #[test]
    fn without_a_numeric_ordering_the_chosen_measure_is_drawn() {
        let results = crafts(r#"[{"id":1,"flights_count":2},{"id":2,"flights_count":0}]"#);
        let chart = results_chart(&results, &Query::parse("view=chart"), &Paths::default());
        let values: Vec<Option<u64>> = chart.bars.iter().map(|bar| bar.value).collect();
        assert_eq!(
            values,
            [Some(2), Some(0)],
            "flights by default; zero is a value"
        );
        assert_eq!(chart.bars[1].width.as_deref(), Some("0.0%"));
        assert_eq!(chart.caption, "Flights, in the order of the results");
        let chart = results_chart(
            &results,
            &Query::parse("view=chart&metric=time_docked"),
            &Paths::default(),
        );
        assert_eq!(chart.caption, "Time docked, in the order of the results");
        assert!(chart.bars.iter().all(|bar| bar.value.is_none()));
    }

    fn flights(json: &str) -> Vec<Flight> {
        crate::api::decode(json).unwrap()
    }

    const NOW: u64 = 1_764_374_400; // 2025-11-29, Unix time

    #[test]
    fn the_timeline_places_each_flight_and_marks_the_ongoing_one() {
        let flights = flights(
            r#"[{"id":11,"destination":"ISS","mission_end":"2021-05-02T06:35:00Z",
                 "launch":{"name":"Crew-1","net":"2020-11-16T00:27:17Z"},
                 "docking_events":[{"docking":"2020-11-17T04:01:00Z","departure":"2021-05-02T00:00:00Z"}]},
                {"id":12,"destination":null,"mission_end":null,
                 "launch":{"name":"Crew-9","net":"2024-09-28T17:17:00Z"}},
                {"id":13,"launch":{"name":"No date","net":null}},
                {"id":14,"mission_end":null,"launch":{"name":"STS-51-L","net":"1986-01-28T16:38:20Z",
                 "status":{"name":"Launch Failure","abbrev":"Failure"}}}]"#,
        );
        let timeline = flight_timeline(&flights[..3], measure::from_unix(NOW)).unwrap();
        let ids: Vec<Option<u64>> = timeline.spans.iter().map(|span| span.id).collect();
        assert_eq!(
            ids,
            [Some(11), Some(12)],
            "a flight without a date cannot be placed"
        );
        let [crew_1, crew_9] = &timeline.spans[..] else {
            panic!("two spans: {timeline:?}");
        };
        assert!(!crew_1.ongoing && crew_9.ongoing);
        assert!(!crew_1.second_lane && crew_9.second_lane, "lanes alternate");
        assert_eq!(crew_1.tip, "Crew-1: 16 Nov 2020 to 2 May 2021 · ISS");
        assert_eq!(crew_9.tip, "Crew-9: 28 Sep 2024, ongoing");
        assert_eq!(crew_1.docked.len(), 1);
        assert!(crew_9.docked.is_empty());
        // 2020 to 2026: a tick every two years, the first at the start of the axis.
        let years: Vec<&str> = timeline
            .ticks
            .iter()
            .map(|tick| tick.label.as_str())
            .collect();
        assert_eq!(years, ["2020", "2022", "2024", "2026"]);
        assert_eq!(timeline.ticks[0].left, "0.0%");
        assert_eq!(timeline.ticks[3].left, "100.0%");
        assert_eq!(crew_1.offset, "14.5%", "mid-November 2020, on six years");
        assert_eq!(crew_9.width, "19.4%", "to now");
        assert_eq!(
            flight_timeline(&flights[2..3], measure::from_unix(NOW)),
            None
        );
        let failed = flight_timeline(&flights[3..], measure::from_unix(NOW)).unwrap();
        assert_eq!(failed.spans[0].tip, "STS-51-L: 28 Jan 1986, launch failed");
        assert!(
            !failed.spans[0].ongoing,
            "a failed launch is not still flying"
        );
    }

    #[test]
    fn removing_a_column_lets_the_next_id_of_the_link_move_in() {
        let link = CompareQuery::parse("ids=1,2,3,4,5,6");
        let columns: Vec<(u64, Column)> = link
            .shown()
            .iter()
            .map(|id| (*id, Column::Loading))
            .collect();
        let table = compare_table(&columns, &link, &Paths::default());
        let removes: Vec<&str> = table
            .heads
            .iter()
            .map(|head| head.remove.as_str())
            .collect();
        assert_eq!(
            removes,
            [
                "/compare?ids=2,3,4,5,6",
                "/compare?ids=1,3,4,5,6",
                "/compare?ids=1,2,4,5,6",
                "/compare?ids=1,2,3,5,6"
            ]
        );
    }

    #[test]
    fn a_flight_without_an_id_is_placed_with_its_id_unknown_not_zero() {
        let flights = flights(
            r#"[{"id":null,"launch":{"name":"A","net":"2020-11-16T00:27:17Z"}},
                {"launch":{"name":"B","net":"2021-11-16T00:27:17Z"}},
                {"id":0,"launch":{"name":"C","net":"2022-11-16T00:27:17Z"}}]"#,
        );
        let timeline = flight_timeline(&flights, measure::from_unix(NOW)).unwrap();
        let ids: Vec<Option<u64>> = timeline.spans.iter().map(|span| span.id).collect();
        assert_eq!(ids, [None, None, Some(0)], "only an id the API gave is one");
    }

    #[test]
    fn compare_rows_scale_bars_to_the_row_and_leave_missing_columns_empty() {
        let results = crafts(
            r#"[{"id":1,"flights_count":4,"spacecraft_config":{"id":6,"name":"Crew Dragon"}},
                {"id":2,"flights_count":2,"fastest_turnaround":null}]"#,
        );
        let columns = [
            (1, Column::Ready(&results[0])),
            (8, Column::Loading),
            (2, Column::Ready(&results[1])),
        ];
        let link = CompareQuery { ids: vec![1, 8, 2] };
        let table = compare_table(&columns, &link, &Paths::default());
        let ids: Vec<u64> = table.heads.iter().map(|head| head.id).collect();
        assert_eq!(ids, [1, 8, 2]);
        assert_eq!(table.heads[0].remove, "/compare?ids=8,2");
        assert_eq!(table.heads[1].title, Title::Loading);
        let row = |label: &str| {
            table
                .rows
                .iter()
                .find(|row| row.label == label)
                .unwrap()
                .cells
                .clone()
        };
        let image = |id: u64| Cell::Image {
            sources: Vec::new(),
            alt: format!("Unnamed spacecraft #{id}"),
        };
        assert_eq!(
            row("Image"),
            [image(1), Cell::Empty, image(2)],
            "no image: no source (the image component shows the placeholder)"
        );
        assert_eq!(
            row("Configuration")[0],
            Cell::Link {
                text: "Crew Dragon".to_string(),
                href: "/?spacecraft_config=6".to_string()
            }
        );
        let measure = |text: &str, bar: Option<&str>| Cell::Measure {
            text: text.to_string(),
            bar: bar.map(str::to_string),
        };
        assert_eq!(
            row("Flights"),
            [
                measure("4", Some("100.0%")),
                Cell::Empty,
                measure("2", Some("50.0%"))
            ],
            "the missing column stays empty"
        );
        assert_eq!(
            row("Fastest turnaround"),
            [
                measure("no data", None),
                Cell::Empty,
                measure("no data", None)
            ]
        );
        let labels: Vec<&str> = table.rows.iter().map(|row| row.label).collect();
        assert_eq!(
            labels,
            [
                "Image",
                "Status",
                "Configuration",
                "Flights",
                "Mission ends",
                "Time in space",
                "Time docked",
                "Fastest turnaround",
                "Type and agency",
                "In use",
                "Human-rated",
                "Crew capacity",
                "Maiden flight"
            ]
        );
    }

    #[test]
    fn configuration_facts_leave_out_blank_texts_and_link_only_web_pages() {
        let config: SpacecraftConfig = crate::api::decode(
            r#"{"id":6,"name":"Crew Dragon","in_use":true,"height":8.1,"crew_capacity":null,
                "capability":"Carries <crew>","history":"  ","details":null,
                "wiki_link":"javascript:alert(1)","info_link":"https://spacex.com/dragon",
                "type":{"id":1,"name":"Capsule"},"agency":null}"#,
        )
        .unwrap();
        let short = configuration_facts(&config, false);
        let stat = |facts: &Facts, label: &str| {
            facts
                .stats
                .iter()
                .find(|(name, _, _)| *name == label)
                .map(|(_, value, wide)| (value.clone(), *wide))
        };
        assert_eq!(stat(&short, "In use"), Some(("Yes".to_string(), false)));
        assert_eq!(
            stat(&short, "Crew capacity"),
            Some(("—".to_string(), false))
        );
        assert_eq!(stat(&short, "Height"), Some(("8.1 m".to_string(), false)));
        assert_eq!(stat(&short, "Type"), None);
        assert!(!short.folded);
        assert_eq!(
            short.texts,
            [("Capability", "Carries <crew>".to_string())],
            "blank texts are left out"
        );
        assert_eq!(
            short.links,
            [("More information", "https://spacex.com/dragon".to_string())]
        );
        let full = configuration_facts(&config, true);
        assert_eq!(full.stats[0], ("Type", "Capsule".to_string(), false));
        assert_eq!(stat(&full, "Agency"), Some(("—".to_string(), false)));
        assert_eq!(stat(&full, "Launches").map(|(_, wide)| wide), Some(true));
        assert!(full.folded);
    }
}
