//! A spacecraft's logbook, from its `/spacecraft_flights/` records: each flight's crew and
//! dockings, how long it lasted and how long the spacecraft waited for it since the flight
//! before, everyone who flew on it, and, while it is in space, how long it has been up and where
//! it is docked. Plain data, host-tested; `logbook_section` only places it in elements.

use crate::api::models::{CrewMember, Docking, Flight, Image, Logbook};
use crate::ui::format::{self, Duration, NO_VALUE};
use crate::ui::measure::{self, moment, Moment};

impl Logbook {
    /// The logbook's record of a flight of the spacecraft's own record.
    fn flight(&self, id: Option<u64>) -> Option<&Flight> {
        let id = id?;
        self.flights.iter().find(|flight| flight.id == Some(id))
    }
}

/// A flight of the logbook as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub id: Option<u64>,
    /// The launch's name.
    pub title: String,
    /// The launch date.
    pub launched: String,
    /// How long it lasted (`5d 3h`), or has lasted so far (`12d 3h so far`).
    pub lasted: String,
    /// From the end of the flight before to this launch; `None` for the first flight.
    pub turnaround: Option<String>,
    /// Who flew: one group when launch, on-board and landing crews are the same people.
    pub crews: Vec<CrewGroup>,
    pub dockings: Vec<DockingRow>,
}

/// A crew as one of a flight's lists (`launch_crew`, `onboard_crew`, `landing_crew`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrewGroup {
    pub label: &'static str,
    pub seats: Vec<Seat>,
}

/// A person on a flight.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seat {
    pub name: String,
    pub role: String,
    /// The agency's abbreviation or name; empty when the API gives none.
    pub agency: String,
    /// Photo sources, thumbnail first (see `Image::sources`); empty for the placeholder.
    pub photo: Vec<String>,
}

/// One docking of a flight.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DockingRow {
    /// The station or vehicle.
    pub target: String,
    pub port: String,
    pub docked: String,
    /// `None` while it is still docked ("docked now").
    pub departed: Option<String>,
    /// How long it stayed (so far, while docked).
    pub time_docked: String,
}

/// Someone who flew on the spacecraft, and on how many of its flights.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RosterLine {
    pub name: String,
    pub agency: String,
    pub flights: u64,
}

/// The logbook's flights in the order of the answer (LL2's: by flight, oldest first), each
/// flight's turnaround measured from the latest end of another flight before its launch.
pub fn entries(logbook: &Logbook, now: Moment) -> Vec<Entry> {
    let ends: Vec<Option<Moment>> = logbook.flights.iter().map(ended).collect();
    logbook
        .flights
        .iter()
        .enumerate()
        .map(|(index, flight)| {
            let launch = flight.launch.as_ref();
            let net = launch.and_then(|launch| launch.net.as_deref());
            let start = net.and_then(moment);
            let previous_end = start.and_then(|start| {
                ends.iter()
                    .enumerate()
                    .filter(|(other, _)| *other != index)
                    .filter_map(|(_, end)| end.filter(|end| *end <= start))
                    .max()
            });
            let turnaround = match (start, previous_end) {
                (Some(start), Some(end)) => Some(human(start - end)),
                // Dates we cannot place: the API's own figure, when it has one.
                _ => readable(flight.turn_around_time.as_deref()),
            };
            Entry {
                id: flight.id,
                title: launch
                    .map(|launch| format::or_dash(&launch.name))
                    .unwrap_or_else(|| NO_VALUE.to_string()),
                launched: net.map_or_else(|| NO_VALUE.to_string(), format::date),
                lasted: lasted(flight, start, ends[index], now),
                turnaround,
                crews: crews(flight),
                dockings: flight
                    .docking_events
                    .iter()
                    .flatten()
                    .filter_map(|docking| docking_row(docking, now))
                    .collect(),
            }
        })
        .collect()
}

/// When a flight ended, if it did and the API says when.
fn ended(flight: &Flight) -> Option<Moment> {
    flight.mission_end.as_deref().and_then(moment)
}

/// Whether a flight's launch failed (it has no mission end, yet it is not flying).
fn failed(flight: &Flight) -> bool {
    flight
        .launch
        .as_ref()
        .and_then(|launch| launch.status.as_ref())
        .is_some_and(|status| {
            status.abbrev.as_deref() == Some("Failure") || status.name == "Launch Failure"
        })
}

fn human(seconds: u64) -> String {
    Duration { seconds }.human()
}

/// An API duration, when it can be read.
fn readable(text: Option<&str>) -> Option<String> {
    measure::seconds(text).map(human)
}

/// Still flying: from launch to now (the API's figure is as old as its record). Otherwise the
/// API's duration, else from launch to mission end.
fn lasted(flight: &Flight, start: Option<Moment>, end: Option<Moment>, now: Moment) -> String {
    if let (Some(start), None) = (start, end) {
        if !failed(flight) && flight.mission_end.is_none() {
            return format!("{} so far", human(now.saturating_sub(start)));
        }
    }
    if let Some(text) = readable(flight.duration.as_deref()) {
        return text;
    }
    match (start, end) {
        (Some(start), Some(end)) => human(end.saturating_sub(start)),
        _ => NO_VALUE.to_string(),
    }
}

/// The flight's crews: one "Crew" when every crew it lists is the same people, otherwise each
/// list under its own name. No crew, no group.
fn crews(flight: &Flight) -> Vec<CrewGroup> {
    let lists: Vec<(&'static str, &Vec<CrewMember>)> = [
        ("Launch crew", &flight.launch_crew),
        ("On board", &flight.onboard_crew),
        ("Landing crew", &flight.landing_crew),
    ]
    .into_iter()
    .filter(|(_, crew)| crew.iter().any(|member| member.astronaut.is_some()))
    .collect();
    let Some((_, first)) = lists.first() else {
        return Vec::new();
    };
    let same = lists.iter().all(|(_, crew)| same_people(first, crew));
    if same {
        return vec![CrewGroup {
            label: "Crew",
            seats: seats(first),
        }];
    }
    lists
        .into_iter()
        .map(|(label, crew)| CrewGroup {
            label,
            seats: seats(crew),
        })
        .collect()
}

/// Who someone is, for telling people apart: the API's id, else the name.
fn person(member: &CrewMember) -> Option<(Option<u64>, &str)> {
    let astronaut = member.astronaut.as_ref()?;
    Some(match astronaut.id {
        Some(id) => (Some(id), ""),
        None => (None, astronaut.name.trim()),
    })
}

fn same_people(a: &[CrewMember], b: &[CrewMember]) -> bool {
    let has = |crew: &[CrewMember], who| crew.iter().any(|member| person(member) == Some(who));
    a.iter().filter_map(person).all(|who| has(b, who))
        && b.iter().filter_map(person).all(|who| has(a, who))
}

fn seats(crew: &[CrewMember]) -> Vec<Seat> {
    crew.iter()
        .filter_map(|member| {
            let astronaut = member.astronaut.as_ref()?;
            Some(Seat {
                name: display_name(&astronaut.name),
                role: member
                    .role
                    .as_ref()
                    .map(|role| role.role.trim().to_string())
                    .unwrap_or_default(),
                agency: agency_of(member),
                photo: Image::sources(astronaut.image.as_ref(), true),
            })
        })
        .collect()
}

fn display_name(name: &str) -> String {
    let name = name.trim();
    if name.is_empty() {
        "Unnamed astronaut".to_string()
    } else {
        name.to_string()
    }
}

fn agency_of(member: &CrewMember) -> String {
    member
        .astronaut
        .as_ref()
        .and_then(|astronaut| astronaut.agency.as_ref())
        .map(|agency| agency.short_name().trim().to_string())
        .unwrap_or_default()
}

/// A docking as a row; `None` without a readable docking time (nothing to say when).
fn docking_row(docking: &Docking, now: Moment) -> Option<DockingRow> {
    let text = docking.docking.as_deref()?;
    let docked = moment(text)?;
    let departure = docking.departure.as_deref();
    let departed = departure.and_then(moment);
    let time_docked = match departed {
        Some(departed) => human(departed.saturating_sub(docked)),
        // A departure we cannot read is not "docked now".
        None if departure.is_some() => NO_VALUE.to_string(),
        None => format!("{} so far", human(now.saturating_sub(docked))),
    };
    Some(DockingRow {
        target: docking.target().unwrap_or(NO_VALUE).to_string(),
        port: docking.port().unwrap_or(NO_VALUE).to_string(),
        docked: format::date(text),
        departed: departure.map(format::date),
        time_docked,
    })
}

/// Everyone who flew on the spacecraft (launched, was on board or landed with it), in the order
/// they first flew, and on how many of its flights.
pub fn roster(logbook: &Logbook) -> Vec<RosterLine> {
    let mut lines: Vec<((Option<u64>, String), RosterLine)> = Vec::new();
    for flight in &logbook.flights {
        let mut on_this_flight: Vec<(Option<u64>, String)> = Vec::new();
        let members = flight
            .launch_crew
            .iter()
            .chain(&flight.onboard_crew)
            .chain(&flight.landing_crew);
        for member in members {
            let Some((id, name)) = person(member) else {
                continue;
            };
            let key = (id, name.to_string());
            if on_this_flight.contains(&key) {
                continue;
            }
            on_this_flight.push(key.clone());
            match lines.iter_mut().find(|(seen, _)| *seen == key) {
                Some((_, line)) => line.flights += 1,
                None => lines.push((
                    key,
                    RosterLine {
                        name: display_name(
                            member.astronaut.as_ref().map_or("", |a| a.name.as_str()),
                        ),
                        agency: agency_of(member),
                        flights: 1,
                    },
                )),
            }
        }
    }
    lines.into_iter().map(|(_, line)| line).collect()
}

/// A spacecraft's flights with the docking events of its logbook, for the timeline to shade.
pub fn with_dockings(flights: &[Flight], logbook: &Logbook) -> Vec<Flight> {
    flights
        .iter()
        .map(|flight| Flight {
            docking_events: logbook
                .flight(flight.id)
                .and_then(|record| record.docking_events.clone())
                .or_else(|| flight.docking_events.clone()),
            ..flight.clone()
        })
        .collect()
}

/// A spacecraft in space: its flight under way (the latest without a mission end that did not
/// fail) and, from the logbook, where it is docked now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Aloft {
    pub since: Moment,
    /// "International Space Station, Harmony forward".
    pub docked_at: Option<String>,
}

impl Aloft {
    pub fn find(flights: &[Flight], logbook: Option<&Logbook>) -> Option<Aloft> {
        let flight = flights
            .iter()
            .rev()
            .find(|flight| flight.mission_end.is_none() && !failed(flight))?;
        let since = moment(flight.launch.as_ref()?.net.as_deref()?)?;
        let record = logbook.and_then(|logbook| logbook.flight(flight.id));
        let docked_at = record
            .and_then(|record| record.docking_events.as_ref())
            .into_iter()
            .flatten()
            .rev()
            .find(|docking| docking.departure.is_none() && docking.docking.is_some())
            .map(|docking| match (docking.target(), docking.port()) {
                (Some(target), Some(port)) => format!("{target}, {port}"),
                (target, port) => target.or(port).unwrap_or(NO_VALUE).to_string(),
            });
        Some(Aloft { since, docked_at })
    }

    /// "Aloft for 12d 3h 5m · docked at International Space Station, Harmony forward".
    pub fn text(&self, now: Moment) -> String {
        let mut text = format!("Aloft for {}", human(now.saturating_sub(self.since)));
        if let Some(place) = &self.docked_at {
            text.push_str(" · docked at ");
            text.push_str(place);
        }
        text
    }
}

/// "1 flight record could not be read" when the answer had odd records.
pub fn skipped_note(skipped: u64) -> Option<String> {
    match skipped {
        0 => None,
        1 => Some(
            "1 flight record could not be shown: the API sent it in a shape we could not read."
                .to_string(),
        ),
        n => Some(format!(
            "{n} flight records could not be shown: the API sent them in a shape we could not read."
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::decode;
    use crate::api::models::Page;

    const NOW: &str = "2024-10-10T12:00:00Z";

    fn now() -> Moment {
        moment(NOW).unwrap()
    }

    fn logbook(results: &str) -> Logbook {
        let page: Page<Flight> =
            decode(&format!(r#"{{"count": 9, "results": {results}}}"#)).unwrap();
        Logbook::from_pages([page])
    }

    fn seat(id: u64, name: &str, role: &str, agency: Option<&str>) -> String {
        let agency = agency.map_or("null".to_string(), |abbrev| {
            format!(r#"{{"id": 1, "name": "Agency {abbrev}", "abbrev": "{abbrev}"}}"#)
        });
        format!(
            r#"{{"id": {id}, "role": {{"id": 1, "role": "{role}"}}, "astronaut": {{"id": {id}, "name": "{name}", "agency": {agency}, "image": null}}}}"#
        )
    }

    #[test]
    fn a_flight_lasts_from_launch_to_mission_end_and_turns_around_from_the_flight_before() {
        let book = logbook(
            r#"[{"id": 1, "launch": {"name": "Crew-1", "net": "2020-11-16T00:27:00Z"},
                 "mission_end": "2021-05-02T06:57:00Z", "duration": null, "turn_around_time": null},
                {"id": 2, "launch": {"name": "Crew-4", "net": "2022-04-27T07:52:00Z"},
                 "mission_end": "2022-10-14T20:55:00Z", "duration": "P170DT13H3M",
                 "turn_around_time": "P1DT1H"},
                {"id": 3, "launch": {"name": "Crew-9", "net": "2024-09-28T17:17:00Z"},
                 "mission_end": null, "duration": "P1D"}]"#,
        );
        let entries = entries(&book, now());
        let lasted: Vec<&str> = entries.iter().map(|entry| entry.lasted.as_str()).collect();
        assert_eq!(
            lasted,
            ["167d 6h 30m", "170d 13h 3m", "11d 18h 43m so far"],
            "computed, the API's own, and still flying (to now, not the API's stale figure)"
        );
        let turnarounds: Vec<Option<&str>> = entries
            .iter()
            .map(|entry| entry.turnaround.as_deref())
            .collect();
        // 2021-05-02 06:57 → 2022-04-27 07:52; the API's "P1DT1H" loses to the dates.
        assert_eq!(turnarounds, [None, Some("360d 55m"), Some("1y 349d")]);
        assert_eq!(entries[0].title, "Crew-1");
        assert_eq!(entries[0].launched, "16 Nov 2020");
    }

    #[test]
    fn the_turnaround_is_measured_from_the_latest_end_before_the_launch_in_any_order() {
        // Out of order, and a flight that ended after the next one launched (overlap) does not
        // count: only ends before the launch do.
        let book = logbook(
            r#"[{"id": 3, "launch": {"net": "2022-01-01T00:00:00Z"}, "mission_end": "2022-02-01T00:00:00Z"},
                {"id": 1, "launch": {"net": "2020-01-01T00:00:00Z"}, "mission_end": "2020-03-01T00:00:00Z"},
                {"id": 2, "launch": {"net": "2021-01-01T00:00:00Z"}, "mission_end": "2022-06-01T00:00:00Z"}]"#,
        );
        let turnarounds: Vec<Option<String>> = entries(&book, now())
            .into_iter()
            .map(|entry| entry.turnaround)
            .collect();
        assert_eq!(
            turnarounds,
            [Some("1y 306d".to_string()), None, Some("306d".to_string())]
        );
        // No dates to place: the API's figure, or nothing.
        let undated = logbook(
            r#"[{"id": 1, "launch": null, "turn_around_time": "P30DT12H"}, {"id": 2, "turn_around_time": "soon"}]"#,
        );
        let entries = entries(&undated, now());
        assert_eq!(entries[0].turnaround.as_deref(), Some("30d 12h"));
        assert_eq!(entries[1].turnaround, None);
        assert_eq!(entries[0].title, "—");
        assert_eq!(entries[0].lasted, "—");
    }

    #[test]
    fn a_failed_launch_did_not_last_and_is_not_still_flying() {
        let book = logbook(
            r#"[{"id": 1, "mission_end": null, "launch": {"name": "STS-51-L", "net": "1986-01-28T16:38:20Z",
                 "status": {"name": "Launch Failure", "abbrev": "Failure"}}}]"#,
        );
        assert_eq!(entries(&book, now())[0].lasted, "—");
        assert_eq!(Aloft::find(&book.flights, Some(&book)), None);
    }

    #[test]
    fn dockings_say_how_long_and_an_open_one_is_docked_now() {
        let book = logbook(
            r#"[{"id": 1, "launch": {"net": "2024-09-28T17:17:00Z"}, "mission_end": null, "docking_events": [
                  {"docking": "2024-09-29T21:30:00Z", "departure": "2024-10-01T09:30:00Z",
                   "docking_location": {"id": 1, "name": "Harmony forward",
                     "spacestation": {"id": 4, "name": "ISS"}, "spacecraft": null, "payload": null},
                   "space_station_target": {"id": 4, "name": "International Space Station"},
                   "flight_vehicle_target": null, "payload_flight_target": null},
                  {"docking": "2024-10-01T10:30:00Z", "departure": null,
                   "docking_location": {"id": 2, "name": "Harmony zenith", "spacestation": {"id": 4, "name": "ISS"}},
                   "space_station_target": null, "flight_vehicle_target": null, "payload_flight_target": null},
                  {"docking": "2024-10-02T00:00:00Z", "departure": "someday",
                   "docking_location": null, "flight_vehicle_target": {"id": 9, "spacecraft": {"id": 402, "name": "Crew Dragon Endurance"}}},
                  {"docking": null, "departure": null},
                  {"docking": "2024-10-03T00:00:00Z", "departure": null, "docking_location": {"name": "  "},
                   "payload_flight_target": {"id": 5, "payload": {"id": 3, "name": "Bigelow module"}}}
                ]}]"#,
        );
        let rows = &entries(&book, now())[0].dockings;
        assert_eq!(rows.len(), 4, "a docking without a time is left out");
        assert_eq!(
            rows[0],
            DockingRow {
                target: "International Space Station".into(),
                port: "Harmony forward".into(),
                docked: "29 Sep 2024".into(),
                departed: Some("1 Oct 2024".into()),
                time_docked: "1d 12h".into(),
            }
        );
        assert_eq!(
            rows[1].target, "ISS",
            "the port's station when the target is null"
        );
        assert_eq!(rows[1].departed, None, "docked now");
        assert_eq!(rows[1].time_docked, "9d 1h 30m so far");
        assert_eq!(rows[2].target, "Crew Dragon Endurance");
        assert_eq!(rows[2].port, "—");
        assert_eq!(
            (rows[2].departed.as_deref(), rows[2].time_docked.as_str()),
            (Some("someday"), "—"),
            "an unreadable departure is not docked now"
        );
        assert_eq!(rows[3].target, "Bigelow module");
        let aloft = Aloft::find(&book.flights, Some(&book)).unwrap();
        assert_eq!(
            aloft.text(now()),
            "Aloft for 11d 18h 43m · docked at Bigelow module",
            "the latest open docking"
        );
        let aloft = Aloft::find(&book.flights, None).unwrap();
        assert_eq!(aloft.text(now()), "Aloft for 11d 18h 43m", "no logbook yet");
    }

    #[test]
    fn crews_are_one_group_when_the_same_people_and_named_groups_when_not() {
        let (a, b, c, d) = (
            seat(1, "Олег Кононенко", "Commander", Some("RFSA")),
            seat(2, "Николай Чуб", "Flight Engineer", Some("RFSA")),
            seat(3, "Loral O'Hara", "Flight Engineer", Some("NASA")),
            seat(4, "野口聡一", "Spaceflight Participant", None),
        );
        let book = logbook(&format!(
            r#"[{{"id": 1, "launch_crew": [{a}, {b}, {c}], "onboard_crew": [], "landing_crew": [{c}, {a}, {b}]}},
                {{"id": 2, "launch_crew": [{a}, {b}, {c}], "onboard_crew": null, "landing_crew": [{a}, {b}, {d}]}},
                {{"id": 3, "launch_crew": [], "onboard_crew": [], "landing_crew": [], "docking_events": []}},
                {{"id": 4, "launch_crew": [{{"id": 9, "role": null, "astronaut": null}}]}}]"#
        ));
        let entries = entries(&book, now());
        let labels = |entry: &Entry| entry.crews.iter().map(|g| g.label).collect::<Vec<_>>();
        assert_eq!(labels(&entries[0]), ["Crew"], "same people, another order");
        assert_eq!(labels(&entries[1]), ["Launch crew", "Landing crew"]);
        assert!(entries[2].crews.is_empty() && entries[2].dockings.is_empty());
        assert!(
            entries[3].crews.is_empty(),
            "a seat without anyone is no crew"
        );
        let first = &entries[0].crews[0].seats[0];
        assert_eq!(
            (
                first.name.as_str(),
                first.role.as_str(),
                first.agency.as_str()
            ),
            ("Олег Кононенко", "Commander", "RFSA")
        );
        assert!(first.photo.is_empty(), "no image: the placeholder");
        let participant = &entries[1].crews[1].seats[2];
        assert_eq!(
            (participant.name.as_str(), participant.agency.as_str()),
            ("野口聡一", "")
        );

        let roster = roster(&book);
        let lines: Vec<(&str, u64)> = roster
            .iter()
            .map(|line| (line.name.as_str(), line.flights))
            .collect();
        assert_eq!(
            lines,
            [
                ("Олег Кононенко", 2),
                ("Николай Чуб", 2),
                ("Loral O'Hara", 2),
                ("野口聡一", 1)
            ],
            "once per flight however many crews list them"
        );
    }

    #[test]
    fn photos_are_web_urls_thumbnail_first() {
        let book = logbook(
            r#"[{"id": 1, "launch_crew": [{"id": 1, "role": {"role": " Pilot "}, "astronaut": {"id": 7, "name": " ",
                "image": {"image_url": "https://x.test/full.jpg", "thumbnail_url": "https://x.test/thumb.jpg"}}},
                {"id": 2, "astronaut": {"id": 8, "name": "B", "image": {"image_url": "javascript:alert(1)", "thumbnail_url": null}}}]}]"#,
        );
        let seats = &entries(&book, now())[0].crews[0].seats;
        assert_eq!(
            seats[0].photo,
            ["https://x.test/thumb.jpg", "https://x.test/full.jpg"]
        );
        assert_eq!(seats[0].name, "Unnamed astronaut");
        assert_eq!(seats[0].role, "Pilot");
        assert!(seats[1].photo.is_empty() && seats[1].role.is_empty());
    }

    #[test]
    fn the_timeline_gets_the_logbook_s_dockings_by_flight_id() {
        let record: Vec<Flight> = decode(
            r#"[{"id": 1, "launch": {"net": "2020-01-01T00:00:00Z"}}, {"id": null}, {"id": 3}]"#,
        )
        .unwrap();
        let book = logbook(
            r#"[{"id": 3, "docking_events": [{"docking": "2020-01-02T00:00:00Z", "departure": null}]},
                {"id": 1, "docking_events": []}]"#,
        );
        let merged = with_dockings(&record, &book);
        let counts: Vec<Option<usize>> = merged
            .iter()
            .map(|flight| flight.docking_events.as_ref().map(Vec::len))
            .collect();
        assert_eq!(counts, [Some(0), None, Some(1)]);
        assert_eq!(
            merged[0].launch, record[0].launch,
            "the rest of the record stays"
        );
    }

    #[test]
    fn odd_records_are_counted_across_pages() {
        let page = |json: &str| -> Page<Flight> { decode(json).unwrap() };
        let book = Logbook::from_pages([
            page(r#"{"count": 3, "results": [{"id": 1}, {"id": 2, "launch_crew": "four"}]}"#),
            page(r#"{"count": 3, "results": [{"id": 3, "docking_events": [{"docking": 5}]}]}"#),
        ]);
        assert_eq!(book.flights.len(), 1);
        assert_eq!(book.skipped, 2);
        assert_eq!(
            skipped_note(1).as_deref(),
            Some(
                "1 flight record could not be shown: the API sent it in a shape we could not read."
            )
        );
        assert_eq!(skipped_note(0), None);
    }
}
