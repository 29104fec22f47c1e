//! The pictures: the results chart, a spacecraft's flight timeline and the compare table's
//! rows, drawn as static markup (see `markup.rs` for why text, and how lengths are applied).
//! Pure, so what each shows is host-tested.

use crate::api::endpoints::safe_url;
use crate::api::models::{Flight, Image, Spacecraft, SpacecraftConfig};
use crate::compare::CompareQuery;
use crate::format::{self, or_dash, yes_no};
use crate::markup::Markup;
use crate::measure::{self, moment, percent, year_of, year_start, Moment, Scale};
use crate::query::{Query, SortField};
use crate::routes::Paths;

/// One page of results as horizontal bars of the query's chart measure, in the API's order,
/// each linking to its spacecraft; a missing value says "no data" rather than drawing a bar
/// that reads as zero. A table carries the same numbers for screen readers.
pub fn results_chart(results: &[Spacecraft], query: &Query, paths: &Paths) -> String {
    let field = query.chart_metric();
    let rows: Vec<(u64, String, Option<u64>)> = results
        .iter()
        .map(|craft| (craft.id, craft.display_name(), measure::value(craft, field)))
        .collect();
    let largest = rows
        .iter()
        .filter_map(|(_, _, value)| *value)
        .max()
        .unwrap_or(0);
    let scale = Scale::covering(largest, measure::is_duration(field));
    let label = field.metric_label();
    let caption = match query.ordering {
        Some(ordering) if ordering.field == field => {
            format!("{label}, sorted: {}", ordering.label())
        }
        _ => format!("{label}, in the order of the results"),
    };

    let mut html = Markup::default();
    html.open(
        "figure",
        &[("class", Some("chart")), ("data-testid", Some("chart"))],
    )
    .element("figcaption", &[("class", Some("chart-caption"))], &caption)
    .open(
        "div",
        &[("class", Some("chart-axis")), ("aria-hidden", Some("true"))],
    );
    for tick in scale.ticks() {
        let at = percent(tick, scale.max);
        let attributes = [
            ("class", Some("chart-tick")),
            ("data-left", Some(at.as_str())),
        ];
        let text = if tick == 0 {
            "0".to_string()
        } else {
            measure::human(field, Some(tick))
        };
        html.element("span", &attributes, &text);
    }
    html.close("div").open(
        "ol",
        &[
            ("class", Some("chart-bars")),
            ("role", Some("list")),
            ("aria-label", Some(&caption)),
        ],
    );
    for (id, name, value) in &rows {
        let (id_text, value_text) = (id.to_string(), value.map(|value| value.to_string()));
        html.open(
            "li",
            &[
                ("class", Some("chart-bar")),
                ("data-bar-id", Some(&id_text)),
                ("data-value", value_text.as_deref()),
                ("data-no-data", value.is_none().then_some("")),
            ],
        )
        .element(
            "a",
            &[
                ("class", Some("bar-label")),
                ("href", Some(&paths.detail(*id))),
            ],
            name,
        )
        .open("span", &[("class", Some("bar-track"))]);
        if let Some(value) = value {
            let width = percent(*value, scale.max);
            html.element(
                "span",
                &[("class", Some("bar-fill")), ("data-width", Some(&width))],
                "",
            );
        }
        html.element(
            "span",
            &[("class", Some("bar-value"))],
            &measure::human(field, *value),
        )
        .close("span")
        .close("li");
    }
    html.close("ol")
        // A table is never narrower than its content: the hiding box holds it.
        .open("div", &[("class", Some("visually-hidden"))])
        .open("table", &[])
        .element("caption", &[], &caption)
        .open("thead", &[])
        .open("tr", &[])
        .element("th", &[("scope", Some("col"))], "Spacecraft")
        .element("th", &[("scope", Some("col"))], label)
        .close("tr")
        .close("thead")
        .open("tbody", &[]);
    for (_, name, value) in &rows {
        html.open("tr", &[])
            .element("th", &[("scope", Some("row"))], name)
            .element("td", &[], &measure::human(field, *value))
            .close("tr");
    }
    html.close("tbody")
        .close("table")
        .close("div")
        .close("figure");
    html.finish()
}

/// A flight placed in time.
struct Span {
    id: u64,
    start: Moment,
    end: Moment,
    ongoing: bool,
    docked: Vec<(Moment, Moment)>,
    tip: String,
}

/// A spacecraft's flights on a time axis of whole years: each a bar from launch to mission end
/// (to `now`, marked ongoing, while it has none), its docked time shaded where the record gives
/// it, in two alternating lanes so that close flights stay apart. Each bar takes focus and
/// holds its launch, dates and destination (shown on focus or hover). `None` when no flight
/// has a readable launch date.
pub fn flight_timeline(flights: &[Flight], now: Moment) -> Option<String> {
    let spans: Vec<Span> = flights
        .iter()
        .filter_map(|flight| span(flight, now))
        .collect();
    let first = spans.iter().map(|span| span.start).min()?;
    let last = spans.iter().map(|span| span.end).max()?;
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

    let mut html = Markup::default();
    html.open(
        "figure",
        &[
            ("class", Some("timeline")),
            ("data-testid", Some("flight-timeline")),
        ],
    )
    .open("figcaption", &[("class", Some("timeline-caption"))])
    .text("Flights over time")
    .open(
        "span",
        &[
            ("class", Some("timeline-legend")),
            ("aria-hidden", Some("true")),
        ],
    )
    .element("span", &[("class", Some("legend-flight"))], "in flight")
    .element("span", &[("class", Some("legend-docked"))], "docked")
    .close("span")
    .close("figcaption")
    .open(
        "ol",
        &[("class", Some("timeline-track")), ("role", Some("list"))],
    );
    for (index, span) in spans.iter().enumerate() {
        let length = (span.end - span.start).max(1);
        let class = if index % 2 == 1 {
            "timeline-flight timeline-lane-2"
        } else {
            "timeline-flight"
        };
        html.open(
            "li",
            &[
                ("class", Some(class)),
                ("data-flight-id", Some(&span.id.to_string())),
                ("data-ongoing", span.ongoing.then_some("")),
                ("tabindex", Some("0")),
                ("data-offset", Some(&at(span.start))),
                ("data-width", Some(&percent(span.end - span.start, width))),
            ],
        );
        for (docked, departed) in &span.docked {
            let left = percent(docked - span.start, length);
            let docked_for = percent(departed - docked, length);
            let attributes = [
                ("class", Some("timeline-docked")),
                ("data-offset", Some(left.as_str())),
                ("data-width", Some(docked_for.as_str())),
            ];
            html.element("span", &attributes, "");
        }
        html.element("span", &[("class", Some("timeline-tip"))], &span.tip)
            .close("li");
    }
    html.close("ol").open(
        "div",
        &[
            ("class", Some("timeline-axis")),
            ("aria-hidden", Some("true")),
        ],
    );
    for year in (first_year.div_ceil(step) * step..=last_year).step_by(step as usize) {
        let left = at(year_start(year));
        html.element(
            "span",
            &[("class", Some("timeline-tick")), ("data-left", Some(&left))],
            &year.to_string(),
        );
    }
    html.close("div").close("figure");
    Some(html.finish())
}

/// Where a flight sits in time; `None` without a readable launch date.
fn span(flight: &Flight, now: Moment) -> Option<Span> {
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
    Some(Span {
        id: flight.id,
        start,
        end,
        ongoing: ended.is_none() && !failed,
        docked,
        tip,
    })
}

/// What LL2 knows of a configuration: key facts, then capability, history and details, then
/// links. `full` adds what a spacecraft's page already shows elsewhere (type, agency) and the
/// configuration's own record (spacecraft flown, launches, landings), and folds the long texts
/// away (above a grid, so the spacecraft stay in view).
pub fn configuration_facts(config: &SpacecraftConfig, full: bool) -> String {
    let name_of = |part: Option<&str>| or_dash(part.unwrap_or_default());
    let dash = || format::NO_VALUE.to_string();
    let mut facts: Vec<(&str, String, bool)> = Vec::new();
    if full {
        facts.push((
            "Type",
            name_of(config.kind.as_ref().map(|kind| kind.name.as_str())),
            false,
        ));
        facts.push((
            "Agency",
            name_of(config.agency.as_ref().map(|agency| agency.name.as_str())),
            false,
        ));
    }
    facts.extend([
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
        facts.extend([
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
    let mut html = Markup::default();
    html.open("dl", &[("class", Some("stats"))]);
    for (label, value, wide) in &facts {
        let class = if *wide { "stat stat-wide" } else { "stat" };
        html.open("div", &[("class", Some(class))])
            .element("dt", &[], label)
            .element("dd", &[], value)
            .close("div");
    }
    html.close("dl");
    let texts: Vec<(&str, &str)> = [
        ("Capability", &config.capability),
        ("Details", &config.details),
        ("History", &config.history),
    ]
    .into_iter()
    .filter_map(|(label, text)| {
        Some((
            label,
            text.as_deref().filter(|text| !text.trim().is_empty())?,
        ))
    })
    .collect();
    if !texts.is_empty() {
        if full {
            html.open("details", &[("class", Some("configuration-more"))])
                .element("summary", &[], "Capability, history and details");
        }
        for (label, text) in texts {
            html.element("h3", &[], label)
                .element("p", &[("class", Some("prose"))], text);
        }
        if full {
            html.close("details");
        }
    }
    let links: Vec<(&str, &str)> = [
        ("Wikipedia", &config.wiki_link),
        ("More information", &config.info_link),
    ]
    .into_iter()
    .filter_map(|(label, url)| Some((label, safe_url(url.as_deref())?)))
    .collect();
    if !links.is_empty() {
        html.open("ul", &[("class", Some("links"))]);
        for (label, href) in links {
            let attributes = [
                ("href", Some(href)),
                ("rel", Some("noopener noreferrer")),
                ("target", Some("_blank")),
            ];
            html.open("li", &[])
                .element("a", &attributes, label)
                .close("li");
        }
        html.close("ul");
    }
    html.finish()
}

/// A column of the compare table: its spacecraft's id and record, or why the record is not
/// there yet.
pub enum Column<'a> {
    Loading,
    /// The error's headline.
    Failed(&'static str),
    Ready(&'a Spacecraft),
}

/// The compare table: one column per spacecraft in the order of the link, a header cell with its
/// name (a link to its page) and a link that removes it, its image, then `compare_rows`.
pub fn compare_table(columns: &[(u64, Column)], paths: &Paths, placeholder: &str) -> String {
    let everyone = CompareQuery {
        ids: columns.iter().map(|(id, _)| *id).collect(),
    };
    let mut html = Markup::default();
    html.open("div", &[("class", Some("table-scroll compare-scroll"))])
        .open(
            "table",
            &[
                ("class", Some("compare-table")),
                ("data-testid", Some("compare")),
            ],
        )
        .open("thead", &[])
        .open("tr", &[])
        .element("td", &[], "");
    for (id, column) in columns {
        html.open(
            "th",
            &[
                ("scope", Some("col")),
                ("data-compare-id", Some(&id.to_string())),
            ],
        );
        match column {
            Column::Ready(craft) => html.element(
                "a",
                &[("href", Some(&paths.detail(*id)))],
                &craft.display_name(),
            ),
            Column::Loading => html.element(
                "span",
                &[("class", Some("skeleton-line skeleton-title"))],
                "",
            ),
            Column::Failed(title) => {
                html.element("span", &[("class", Some("compare-error"))], title)
            }
        };
        let remove = paths.compare(&everyone.without(*id));
        html.element(
            "a",
            &[("class", Some("compare-remove")), ("href", Some(&remove))],
            "Remove",
        )
        .close("th");
    }
    html.close("tr")
        .close("thead")
        .open("tbody", &[])
        .open("tr", &[])
        .element("th", &[("scope", Some("row"))], "Image");
    let crafts: Vec<Option<&Spacecraft>> = columns
        .iter()
        .map(|(_, column)| match column {
            Column::Ready(craft) => Some(*craft),
            _ => None,
        })
        .collect();
    for craft in &crafts {
        html.open("td", &[]);
        if let Some(craft) = craft {
            let sources = Image::sources(craft.image.as_ref(), true);
            let source = sources.first().map_or(placeholder, String::as_str);
            let attributes = [
                ("class", Some("compare-image")),
                ("src", Some(source)),
                ("alt", Some(&craft.display_name())),
                ("loading", Some("lazy")),
            ];
            html.open("img", &attributes);
        }
        html.close("td");
    }
    html.close("tr");
    compare_rows(&mut html, &crafts, paths);
    html.close("tbody").close("table").close("div");
    html.finish()
}

/// The compare table's rows below the images, one cell per column; `None` is a column whose
/// record has not arrived (an empty cell). Numeric rows carry bars scaled to the row's largest
/// value.
fn compare_rows(html: &mut Markup, crafts: &[Option<&Spacecraft>], paths: &Paths) {
    let config = |craft: &Spacecraft| craft.spacecraft_config.clone().unwrap_or_default();
    text_row(html, "Status", crafts, |craft| {
        or_dash(craft.status_name().unwrap_or_default())
    });
    // The configuration links to the grid of its spacecraft.
    html.open("tr", &[])
        .element("th", &[("scope", Some("row"))], "Configuration");
    for craft in crafts {
        html.open("td", &[]);
        if let Some(config) = craft.map(config) {
            match config.id {
                Some(id) => {
                    let href = paths.grid(&Query::default().for_configuration(id));
                    html.element("a", &[("href", Some(&href))], &or_dash(&config.name));
                }
                None => {
                    html.text(&or_dash(&config.name));
                }
            }
        }
        html.close("td");
    }
    html.close("tr");
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
        bar_row(
            html,
            field.metric_label(),
            values,
            measure::is_duration(field),
        );
    }
    let turnarounds = crafts
        .iter()
        .map(|craft| craft.map(|craft| measure::seconds(craft.fastest_turnaround.as_deref())))
        .collect();
    bar_row(html, "Fastest turnaround", turnarounds, true);
    let facts: [(&str, Fact); 5] = [
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
        text_row(html, label, crafts, |craft| fact(&config(craft)));
    }
}

/// A configuration fact as a compare row shows it.
type Fact = fn(&SpacecraftConfig) -> String;

fn text_row(
    html: &mut Markup,
    label: &str,
    crafts: &[Option<&Spacecraft>],
    text: impl Fn(&Spacecraft) -> String,
) {
    html.open("tr", &[])
        .element("th", &[("scope", Some("row"))], label);
    for craft in crafts {
        html.element("td", &[], &craft.map(&text).unwrap_or_default());
    }
    html.close("tr");
}

/// `values`: per column, `None` while its record is missing, `Some(None)` when the API has no
/// value.
fn bar_row(html: &mut Markup, label: &str, values: Vec<Option<Option<u64>>>, durations: bool) {
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
    html.open("tr", &[])
        .element("th", &[("scope", Some("row"))], label);
    for value in values {
        html.open("td", &[]);
        if let Some(value) = value {
            let class = if value.is_some() {
                "compare-value"
            } else {
                "compare-value compare-no-data"
            };
            html.element(
                "span",
                &[("class", Some(class))],
                &measure::human(unit, value),
            );
            if let Some(value) = value {
                let width = percent(value, largest);
                html.open(
                    "span",
                    &[
                        ("class", Some("compare-bar")),
                        ("aria-hidden", Some("true")),
                    ],
                )
                .element(
                    "span",
                    &[
                        ("class", Some("compare-bar-fill")),
                        ("data-width", Some(&width)),
                    ],
                    "",
                )
                .close("span");
            }
        }
        html.close("td");
    }
    html.close("tr");
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

    /// The values of `attribute` in document order.
    fn all<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
        let marker = format!(" {attribute}=\"");
        html.split(marker.as_str())
            .skip(1)
            .map(|rest| rest.split('"').next().unwrap_or_default())
            .collect()
    }

    #[test]
    fn the_chart_draws_the_page_in_the_api_order_and_says_no_data() {
        let results = crafts(
            r#"[{"id":7,"name":"Endeavour","time_in_space":"P1Y140D"},
                {"id":3,"name":"<b>Freedom</b>","time_in_space":null},
                {"id":9,"name":"Resilience","time_in_space":"P160D"}]"#,
        );
        let query = Query::parse("ordering=-time_in_space&view=chart");
        let html = results_chart(&results, &query, &Paths::default());
        assert_eq!(all(&html, "data-bar-id"), ["7", "3", "9"]);
        assert_eq!(all(&html, "data-value"), ["43632000", "13824000"]);
        assert!(html.contains("1y 140d") && html.contains("160d"), "{html}");
        assert!(
            html.contains(r#"data-bar-id="3" data-no-data="""#),
            "{html}"
        );
        assert_eq!(
            html.matches("class=\"bar-fill\"").count(),
            2,
            "no bar for no data"
        );
        assert!(
            html.contains("&lt;b&gt;Freedom&lt;/b&gt;") && !html.contains("<b>"),
            "names are text"
        );
        assert!(html.contains(r#"href="/spacecraft/7""#));
        assert!(html.contains("Time in space, sorted: Longest in space"));
        // Largest value 505 days: the scale runs to 540 days in 180-day steps.
        assert_eq!(
            all(&html, "data-left"),
            ["0.0%", "33.3%", "66.6%", "100.0%"]
        );
        assert_eq!(all(&html, "data-width"), ["93.5%", "29.6%"]);
        assert_eq!(
            html.matches("<tr>").count(),
            4,
            "a table row per spacecraft and a header"
        );
    }

    #[test]
    fn without_a_numeric_ordering_the_chosen_measure_is_drawn() {
        let results = crafts(r#"[{"id":1,"flights_count":2},{"id":2,"flights_count":0}]"#);
        let html = results_chart(&results, &Query::parse("view=chart"), &Paths::default());
        assert_eq!(
            all(&html, "data-value"),
            ["2", "0"],
            "flights by default; zero is a value"
        );
        assert!(html.contains("Flights, in the order of the results"));
        let html = results_chart(
            &results,
            &Query::parse("view=chart&metric=time_docked"),
            &Paths::default(),
        );
        assert!(html.contains("Time docked"));
        assert_eq!(all(&html, "data-value"), Vec::<&str>::new());
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
        let html = flight_timeline(&flights[..3], measure::from_unix(NOW)).unwrap();
        assert_eq!(
            all(&html, "data-flight-id"),
            ["11", "12"],
            "a flight without a date cannot be placed"
        );
        assert!(html.contains(r#"data-flight-id="12" data-ongoing="""#));
        assert!(
            html.contains("Crew-1: 16 Nov 2020 to 2 May 2021 · ISS"),
            "{html}"
        );
        assert!(html.contains("Crew-9: 28 Sep 2024, ongoing"), "{html}");
        assert_eq!(html.matches("timeline-docked").count(), 1);
        // 2020 to 2026: a tick every two years.
        let ticks: Vec<&str> = html
            .split("class=\"timeline-tick\"")
            .skip(1)
            .map(|rest| &rest[rest.find('>').unwrap() + 1..rest.find('<').unwrap()])
            .collect();
        assert_eq!(ticks, ["2020", "2022", "2024", "2026"]);
        assert_eq!(
            flight_timeline(&flights[2..3], measure::from_unix(NOW)),
            None
        );
        let failed = flight_timeline(&flights[3..], measure::from_unix(NOW)).unwrap();
        assert!(
            failed.contains("STS-51-L: 28 Jan 1986, launch failed"),
            "{failed}"
        );
        assert!(
            !failed.contains("data-ongoing"),
            "a failed launch is not still flying"
        );
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
        let html = compare_table(&columns, &Paths::default(), "/public/placeholder.svg");
        assert_eq!(all(&html, "data-compare-id"), ["1", "8", "2"]);
        assert!(
            html.contains(r#"<a class="compare-remove" href="/compare?ids=8,2">Remove</a>"#),
            "{html}"
        );
        assert_eq!(
            all(&html, "src"),
            ["/public/placeholder.svg", "/public/placeholder.svg"],
            "no image: the placeholder"
        );
        assert!(
            html.contains(r#"<a href="/?spacecraft_config=6">Crew Dragon</a>"#),
            "{html}"
        );
        let flights_row = html
            .split("<tr>")
            .find(|row| row.contains(">Flights<"))
            .unwrap();
        assert_eq!(all(flights_row, "data-width"), ["100.0%", "50.0%"]);
        assert!(
            flights_row.contains("<td></td>"),
            "the missing column stays empty"
        );
        let turnaround = html
            .split("<tr>")
            .find(|row| row.contains("Fastest turnaround"))
            .unwrap();
        assert_eq!(turnaround.matches("no data").count(), 2);
    }

    #[test]
    fn configuration_facts_escape_and_link_only_web_pages() {
        let config: SpacecraftConfig = crate::api::decode(
            r#"{"id":6,"name":"Crew Dragon","in_use":true,"height":8.1,"crew_capacity":null,
                "capability":"Carries <crew>","history":"  ","details":null,
                "wiki_link":"javascript:alert(1)","info_link":"https://spacex.com/dragon",
                "type":{"id":1,"name":"Capsule"},"agency":null}"#,
        )
        .unwrap();
        let short = configuration_facts(&config, false);
        assert!(short.contains("<dt>In use</dt><dd>Yes</dd>"), "{short}");
        assert!(short.contains("<dt>Crew capacity</dt><dd>—</dd>"));
        assert!(short.contains("<dt>Height</dt><dd>8.1 m</dd>"), "{short}");
        assert!(!short.contains("<dt>Type</dt>") && !short.contains("<details"));
        assert!(short.contains("<h3>Capability</h3><p class=\"prose\">Carries &lt;crew&gt;</p>"));
        assert!(!short.contains("History"), "blank texts are left out");
        assert!(
            !short.contains("javascript") && short.contains(r#"href="https://spacex.com/dragon""#)
        );
        let full = configuration_facts(&config, true);
        assert!(full.contains("<dt>Type</dt><dd>Capsule</dd><"), "{full}");
        assert!(full.contains("<dt>Agency</dt><dd>—</dd>"));
        assert!(full.contains(r#"<div class="stat stat-wide"><dt>Launches</dt>"#));
        assert!(full.contains("<details class=\"configuration-more\"><summary>"));
    }
}
