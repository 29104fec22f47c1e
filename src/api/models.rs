//! The LL2 records we read, as serde models. The API is untrusted input:
//! - every field the 2.3.0 schema makes nullable is an `Option`; every field we can live
//!   without defaults when it is missing, and (`null_as_default`) when it is null against the
//!   schema, so we are never stricter than `shared/ll2/openapi-2.3.0.json`;
//! - a list is decoded record by record (`Page`), so a record with a field of an unexpected
//!   type, or without an `id`, is skipped and counted instead of failing the whole page;
//! - ids of nested objects are optional: a `null` id is "unknown", never `0`.

use super::endpoints::safe_url;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;
use std::collections::HashSet;

/// A field the schema says is never null, read as its default when it is: a record with an
/// unnamed agency is still worth showing.
pub(crate) fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// A page of a list endpoint: the records that could be read, and how many could not.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(from = "RawPage", bound = "T: DeserializeOwned")]
pub struct Page<T> {
    /// The API's count of all matches (not only the readable ones).
    pub count: u64,
    pub next: Option<String>,
    pub previous: Option<String>,
    pub results: Vec<T>,
    /// A fingerprint of each record's JSON text, in the order of `results`: a view can tell a
    /// changed record from an unchanged one without comparing them field by field.
    pub fingerprints: Vec<u64>,
    /// Records of this page that were not of the expected shape.
    pub skipped: u64,
}

/// A page as it arrives: each record still JSON text, so one odd record costs only itself.
#[derive(Deserialize)]
struct RawPage {
    #[serde(default, deserialize_with = "null_as_default")]
    count: u64,
    #[serde(default)]
    next: Option<String>,
    #[serde(default)]
    previous: Option<String>,
    /// Required (a body without it is not a page, whatever else it holds), yet `null` is an
    /// empty page: `deserialize_with` keeps serde from treating a missing `Option` as `None`.
    #[serde(deserialize_with = "Option::deserialize")]
    results: Option<Vec<Box<RawValue>>>,
}

impl<T: DeserializeOwned> From<RawPage> for Page<T> {
    fn from(raw: RawPage) -> Self {
        let mut page = Page {
            count: raw.count,
            next: raw.next,
            previous: raw.previous,
            results: Vec::new(),
            fingerprints: Vec::new(),
            skipped: 0,
        };
        for record in raw.results.unwrap_or_default() {
            match serde_json::from_str(record.get()) {
                Ok(value) => {
                    page.results.push(value);
                    page.fingerprints.push(fingerprint(record.get()));
                }
                Err(_) => page.skipped += 1,
            }
        }
        page
    }
}

/// FNV-1a over a record's JSON text (not for security: it only tells versions of one record apart).
fn fingerprint(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The entries of a lookup list that can be offered as choices: a known, positive id (an
/// unknown one would become a filter the API cannot take), each id once, the first one kept
/// wherever the repeats stand.
pub fn usable_choices<T>(records: Vec<T>, id: impl Fn(&T) -> Option<u32>) -> Vec<T> {
    let mut seen = HashSet::new();
    records
        .into_iter()
        .filter(|record| id(record).is_some_and(|id| id > 0 && seen.insert(id)))
        .collect()
}

/// The many `{id, name}` pairs of the API (statuses, types).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct IdName {
    pub id: Option<u32>,
    #[serde(deserialize_with = "null_as_default")]
    pub name: String,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct License {
    #[serde(deserialize_with = "null_as_default")]
    pub name: String,
    pub link: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Image {
    #[serde(deserialize_with = "null_as_default")]
    pub name: String,
    pub image_url: Option<String>,
    pub thumbnail_url: Option<String>,
    pub credit: Option<String>,
    pub license: Option<License>,
}

impl Image {
    /// Candidate sources for showing this image, best first (the thumbnail first for small
    /// views): only http(s) URLs are kept.
    pub fn sources(image: Option<&Image>, prefer_thumbnail: bool) -> Vec<String> {
        let Some(image) = image else {
            return Vec::new();
        };
        let (first, second) = if prefer_thumbnail {
            (&image.thumbnail_url, &image.image_url)
        } else {
            (&image.image_url, &image.thumbnail_url)
        };
        let mut urls: Vec<String> = [first, second]
            .into_iter()
            .filter_map(|url| safe_url(url.as_deref()))
            .map(str::to_string)
            .collect();
        urls.dedup();
        urls
    }

    /// The credit line, when there is one worth showing.
    pub fn credit(&self) -> Option<&str> {
        self.credit
            .as_deref()
            .map(str::trim)
            .filter(|credit| !credit.is_empty())
    }
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Agency {
    pub id: Option<u32>,
    #[serde(deserialize_with = "null_as_default")]
    pub name: String,
    pub abbrev: Option<String>,
}

impl Agency {
    /// The abbreviation, or the name when the API leaves the abbreviation empty.
    pub fn short_name(&self) -> &str {
        match self.abbrev.as_deref().map(str::trim) {
            Some(abbrev) if !abbrev.is_empty() => abbrev,
            _ => &self.name,
        }
    }
}

/// A spacecraft configuration (the model, e.g. "Dragon 2"). The fields after `in_use` only come
/// in detailed mode.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct SpacecraftConfig {
    pub id: Option<u32>,
    #[serde(deserialize_with = "null_as_default")]
    pub name: String,
    #[serde(rename = "type")]
    pub kind: Option<IdName>,
    pub agency: Option<Agency>,
    pub in_use: Option<bool>,
    pub image: Option<Image>,
    pub capability: Option<String>,
    pub history: Option<String>,
    pub details: Option<String>,
    pub maiden_flight: Option<String>,
    pub height: Option<f64>,
    pub diameter: Option<f64>,
    pub human_rated: Option<bool>,
    pub crew_capacity: Option<u64>,
    pub payload_capacity: Option<f64>,
    pub payload_return_capacity: Option<f64>,
    pub flight_life: Option<String>,
    pub wiki_link: Option<String>,
    pub info_link: Option<String>,
    pub spacecraft_flown: Option<u64>,
    pub total_launch_count: Option<u64>,
    pub successful_launches: Option<u64>,
    pub failed_launches: Option<u64>,
    pub attempted_landings: Option<u64>,
    pub successful_landings: Option<u64>,
    pub failed_landings: Option<u64>,
}

impl SpacecraftConfig {
    /// "Dragon 2 (SpX)": how a configuration is offered as a choice.
    pub fn option_label(&self) -> String {
        let agency = self.agency.as_ref().map(Agency::short_name).unwrap_or("");
        if agency.trim().is_empty() {
            self.name.clone()
        } else {
            format!("{} ({agency})", self.name)
        }
    }

    /// Whether search text `needle`, lower-cased with `str::to_lowercase`, finds it: in any
    /// script and case, as people type ("союз" finds "Союз-МС", "école" finds "ÉCOLE").
    pub fn matches(&self, needle: &str) -> bool {
        needle.is_empty()
            || self.name.to_lowercase().contains(needle)
            || self.type_and_agency().to_lowercase().contains(needle)
    }

    /// "Capsule · RFSA": the type and the agency, whichever are known.
    pub fn type_and_agency(&self) -> String {
        let kind = self.kind.as_ref().map(|kind| kind.name.as_str());
        let agency = self.agency.as_ref().map(Agency::short_name);
        [kind, agency]
            .into_iter()
            .flatten()
            .filter(|part| !part.trim().is_empty())
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct LaunchStatus {
    #[serde(deserialize_with = "null_as_default")]
    pub name: String,
    pub abbrev: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Launch {
    #[serde(deserialize_with = "null_as_default")]
    pub name: String,
    pub net: Option<String>,
    pub status: Option<LaunchStatus>,
}

/// One flight of a spacecraft: in a spacecraft's detailed record (`SpacecraftFlightNormal`), or a
/// record of `/spacecraft_flights/` in detailed mode (`SpacecraftFlightDetailed`), which adds the
/// crews and the docking events.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Flight {
    /// `None` when the API leaves it out or sends `null`: unknown, never `0`.
    pub id: Option<u64>,
    pub destination: Option<String>,
    pub mission_end: Option<String>,
    pub launch: Option<Launch>,
    pub duration: Option<String>,
    pub turn_around_time: Option<String>,
    /// Only in `/spacecraft_flights/` detailed answers (a spacecraft's own record has none): when
    /// present, the timeline shades the docked time.
    pub docking_events: Option<Vec<Docking>>,
    #[serde(deserialize_with = "null_as_default")]
    pub launch_crew: Vec<CrewMember>,
    #[serde(deserialize_with = "null_as_default")]
    pub onboard_crew: Vec<CrewMember>,
    #[serde(deserialize_with = "null_as_default")]
    pub landing_crew: Vec<CrewMember>,
}

/// Every flight record of a spacecraft that could be read, and how many could not: the answer
/// to `/spacecraft_flights/`, all its pages (`client::spacecraft_flights`). What its flights
/// mean for people is `pages::detail::logbook`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Logbook {
    pub flights: Vec<Flight>,
    pub skipped: u64,
}

impl Logbook {
    /// The pages of one answer, in order.
    pub fn from_pages(pages: impl IntoIterator<Item = Page<Flight>>) -> Logbook {
        let mut logbook = Logbook::default();
        for page in pages {
            logbook.flights.extend(page.results);
            logbook.skipped += page.skipped;
        }
        logbook
    }
}

/// A seat on a flight (`AstronautFlight`): who, in which role.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct CrewMember {
    pub role: Option<Role>,
    pub astronaut: Option<Astronaut>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Role {
    #[serde(deserialize_with = "null_as_default")]
    pub role: String,
}

/// The parts of `AstronautDetailed` the logbook shows.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Astronaut {
    pub id: Option<u64>,
    #[serde(deserialize_with = "null_as_default")]
    pub name: String,
    pub agency: Option<Agency>,
    pub image: Option<Image>,
}

/// When a flight docked and undocked (`departure` is null while it is still docked), and where:
/// `DockingEventForChaserNormal`, whose target is a station, a vehicle (another flight) or a
/// payload.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Docking {
    pub docking: Option<String>,
    pub departure: Option<String>,
    /// The port (`DockingLocation`): its name, and the station, spacecraft or payload it is on.
    pub docking_location: Option<Named>,
    pub space_station_target: Option<Named>,
    /// Another spacecraft's flight (`SpacecraftFlightNormal`), named by its `spacecraft`.
    pub flight_vehicle_target: Option<Named>,
    /// A payload's flight (`PayloadFlightNormal`), named by its `payload`.
    pub payload_flight_target: Option<Named>,
}

/// A name, and the named things a docking's port or target nests. One shape for all of them:
/// each more serde impl is wasm every visitor downloads.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Named {
    #[serde(deserialize_with = "null_as_default")]
    pub name: String,
    pub spacestation: Option<Box<Named>>,
    pub spacecraft: Option<Box<Named>>,
    pub payload: Option<Box<Named>>,
}

impl Named {
    fn text(&self) -> Option<&str> {
        Some(self.name.trim()).filter(|name| !name.is_empty())
    }
}

fn nested(named: &Option<Box<Named>>) -> Option<&str> {
    named.as_deref().and_then(Named::text)
}

impl Docking {
    /// What it docked with: the station, else the vehicle, else the payload, else what the port
    /// belongs to; `None` when the API names none of them.
    pub fn target(&self) -> Option<&str> {
        let vehicle = self.flight_vehicle_target.as_ref();
        let payload = self.payload_flight_target.as_ref();
        let port = self.docking_location.as_ref();
        self.space_station_target
            .as_ref()
            .and_then(Named::text)
            .or_else(|| vehicle.and_then(|target| nested(&target.spacecraft)))
            .or_else(|| payload.and_then(|target| nested(&target.payload)))
            .or_else(|| port.and_then(|port| nested(&port.spacestation)))
            .or_else(|| port.and_then(|port| nested(&port.spacecraft)))
            .or_else(|| port.and_then(|port| nested(&port.payload)))
    }

    /// The port's name, when the API gives one.
    pub fn port(&self) -> Option<&str> {
        self.docking_location.as_ref().and_then(Named::text)
    }
}

/// A spacecraft, in normal or detailed mode (`flights` is only present in detailed mode).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct Spacecraft {
    /// Required: a record without an id cannot be linked to, so it is not shown.
    pub id: u64,
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    pub serial_number: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub is_placeholder: bool,
    pub image: Option<Image>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub in_space: bool,
    pub time_in_space: Option<String>,
    pub time_docked: Option<String>,
    pub flights_count: Option<u64>,
    pub mission_ends_count: Option<u64>,
    pub status: Option<IdName>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub description: String,
    pub spacecraft_config: Option<SpacecraftConfig>,
    pub fastest_turnaround: Option<String>,
    pub flights: Option<Vec<Flight>>,
    /// The record's own API address: exported (`ui::export_files`), never requested or linked.
    pub url: Option<String>,
}

impl Spacecraft {
    /// The name to show: the API sometimes has none.
    pub fn display_name(&self) -> String {
        if self.name.trim().is_empty() {
            format!("Unnamed spacecraft #{}", self.id)
        } else {
            self.name.clone()
        }
    }

    /// The status name, when the API gives one.
    pub fn status_name(&self) -> Option<&str> {
        self.status
            .as_ref()
            .map(|status| status.name.trim())
            .filter(|name| !name.is_empty())
    }

    pub fn is_detailed(&self) -> bool {
        self.flights.is_some()
    }
}

/// A colour family for a status badge; unknown statuses stay neutral.
pub fn status_tone(status: &str) -> &'static str {
    match status.to_ascii_lowercase().as_str() {
        "active" => "good",
        "destroyed" | "lost" => "bad",
        "retired" | "single use" | "decayed" => "muted",
        _ => "neutral",
    }
}

/// The answer of `/api-throttle/`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Throttle {
    #[serde(deserialize_with = "null_as_default")]
    pub your_request_limit: u64,
    #[serde(deserialize_with = "null_as_default")]
    pub limit_frequency_secs: u64,
    #[serde(deserialize_with = "null_as_default")]
    pub current_use: u64,
    #[serde(deserialize_with = "null_as_default")]
    pub next_use_secs: u64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{decode, ApiError};

    type TestResult = Result<(), ApiError>;

    const SEED: &str = include_str!("../../tests/ll2-standin/fixtures/seed-page.json");

    #[test]
    fn the_seed_page_deserialises() -> TestResult {
        let page: Page<Spacecraft> = decode(SEED)?;
        assert_eq!(page.count, 603);
        assert_eq!(page.results.len(), 10);
        let first = &page.results[0];
        assert_eq!(first.id, 95);
        assert_eq!(first.name, "Apollo CSM-118");
        assert_eq!(first.time_in_space.as_deref(), Some("P84DT1H15M30S"));
        assert_eq!(
            first.status.as_ref().map(|s| s.name.as_str()),
            Some("Single Use")
        );
        let config = first.spacecraft_config.clone().unwrap_or_default();
        assert_eq!(config.name, "Apollo Command/Service Module");
        // An empty abbreviation falls back to the agency's name.
        assert_eq!(
            config.type_and_agency(),
            "Capsule · North American Aviation"
        );
        assert!(first
            .image
            .as_ref()
            .is_some_and(|image| image.thumbnail_url.is_some()));
        assert!(page.next.is_some() && page.previous.is_some());
        Ok(())
    }

    #[test]
    fn a_record_with_every_nullable_field_null_deserialises() -> TestResult {
        let json = r#"{
            "id": 7, "name": null, "serial_number": null, "is_placeholder": null, "image": null,
            "in_space": null, "time_in_space": null, "time_docked": null, "flights_count": null,
            "mission_ends_count": null, "status": null, "description": null,
            "spacecraft_config": {"id": 1, "name": null, "type": null, "agency": null,
                                  "family": null, "in_use": null, "image": null},
            "fastest_turnaround": null, "flights": null
        }"#;
        let craft: Spacecraft = decode(json)?;
        assert_eq!(craft.id, 7);
        assert_eq!(craft.name, "");
        assert!(craft.image.is_none() && craft.status.is_none());
        assert_eq!(
            craft.spacecraft_config.map(|c| c.type_and_agency()),
            Some(String::new())
        );
        Ok(())
    }

    #[test]
    fn an_odd_record_is_skipped_and_counted_not_fatal() -> TestResult {
        let json = r#"{"count": 603, "results": [
            {"id": 1, "name": "Good"},
            {"id": 2, "flights_count": "many"},
            {"name": "no id"},
            {"id": null},
            {"id": 3, "image": "not an object"},
            {"id": 4, "in_space": "yes"},
            "not even an object",
            {"id": 5, "name": 42},
            {"id": 6, "spacecraft_config": {"id": null, "name": "Dragon 2", "agency": {"id": null}}}
        ]}"#;
        let page: Page<Spacecraft> = decode(json)?;
        assert_eq!(page.count, 603, "the count stays the API's");
        assert_eq!(
            page.results.iter().map(|c| c.id).collect::<Vec<_>>(),
            vec![1, 6]
        );
        assert_eq!(page.skipped, 7);
        let config = page.results[1]
            .spacecraft_config
            .clone()
            .unwrap_or_default();
        assert_eq!(config.id, None, "a null id is unknown, not 0");
        Ok(())
    }

    #[test]
    fn each_read_record_has_a_fingerprint_of_its_version() -> TestResult {
        let page: Page<Spacecraft> = decode(
            r#"{"count": 3, "results": [{"id": 1, "name": "A"}, {"name": "no id"}, {"id": 2, "name": "B"}]}"#,
        )?;
        assert_eq!(page.fingerprints.len(), page.results.len());
        let refreshed: Page<Spacecraft> = decode(
            r#"{"count": 2, "results": [{"id": 1, "name": "A"}, {"id": 2, "name": "B2"}]}"#,
        )?;
        assert_eq!(
            page.fingerprints[0], refreshed.fingerprints[0],
            "unchanged record"
        );
        assert_ne!(
            page.fingerprints[1], refreshed.fingerprints[1],
            "changed record"
        );
        Ok(())
    }

    #[test]
    fn choices_without_an_id_or_repeated_are_not_offered() {
        let choice = |id: Option<u32>, name: &str| IdName {
            id,
            name: name.into(),
        };
        let offered = usable_choices(
            vec![
                choice(Some(5), "Alpha"),
                choice(None, "Ghost"),
                choice(Some(0), "Zero"),
                choice(Some(2), "Beta"),
                choice(Some(5), "Zeta"),
            ],
            |c| c.id,
        );
        let names: Vec<&str> = offered.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, vec!["Alpha", "Beta"]);
    }

    #[test]
    fn configurations_are_offered_with_their_agency() {
        let config: SpacecraftConfig = decode(
            r#"{"id": 1, "name": "Dragon 2", "type": {"id": 1, "name": "Capsule"}, "agency": {"id": 121, "name": "SpaceX", "abbrev": "SpX"}}"#,
        )
        .unwrap_or_default();
        assert_eq!(config.option_label(), "Dragon 2 (SpX)");
        assert!(config.matches("capsule") && config.matches("dragon") && !config.matches("soyuz"));
        let bare = SpacecraftConfig {
            name: "Vostok".into(),
            ..SpacecraftConfig::default()
        };
        assert_eq!(bare.option_label(), "Vostok");
    }

    #[test]
    fn lookup_entries_with_a_null_id_keep_it_unknown() -> TestResult {
        let page: Page<IdName> =
            decode(r#"{"results": [{"id": null, "name": "Ghost"}, {"id": 1, "name": "Active"}]}"#)?;
        assert_eq!(page.results[0].id, None);
        assert_eq!(page.results[1].id, Some(1));
        Ok(())
    }

    #[test]
    fn heights_come_as_integers_or_floats() -> TestResult {
        let config: SpacecraftConfig =
            decode(r#"{"id": 1, "height": 11, "diameter": 8.044, "payload_capacity": 6000}"#)?;
        assert_eq!(config.height, Some(11.0));
        assert_eq!(config.diameter, Some(8.044));
        assert_eq!(config.payload_capacity, Some(6000.0));
        Ok(())
    }

    #[test]
    fn what_a_card_shows_of_a_record() -> TestResult {
        let page: Page<Spacecraft> = decode(SEED)?;
        let first = &page.results[0];
        assert_eq!(first.display_name(), "Apollo CSM-118");
        assert_eq!(first.status_name(), Some("Single Use"));
        assert_eq!(status_tone("Single Use"), "muted");
        assert_eq!(status_tone("ACTIVE"), "good");
        assert_eq!(status_tone("Lost"), "bad");
        assert_eq!(status_tone("Mystery"), "neutral");
        let unnamed = Spacecraft {
            id: 9,
            name: "  ".into(),
            ..Spacecraft::default()
        };
        assert_eq!(unnamed.display_name(), "Unnamed spacecraft #9");
        assert_eq!(unnamed.status_name(), None);
        Ok(())
    }

    #[test]
    fn only_web_image_urls_are_shown_thumbnail_first_on_cards() {
        let image = Image {
            image_url: Some("https://x.test/full.jpg".into()),
            thumbnail_url: Some("javascript:alert(1)".into()),
            credit: Some("  ".into()),
            ..Image::default()
        };
        assert_eq!(
            Image::sources(Some(&image), true),
            vec!["https://x.test/full.jpg"]
        );
        assert_eq!(image.credit(), None);
        let both = Image {
            image_url: Some("https://x.test/full.jpg".into()),
            thumbnail_url: Some("https://x.test/thumb.jpg".into()),
            ..Image::default()
        };
        assert_eq!(
            Image::sources(Some(&both), true),
            vec!["https://x.test/thumb.jpg", "https://x.test/full.jpg"]
        );
        assert_eq!(
            Image::sources(Some(&both), false)[0],
            "https://x.test/full.jpg"
        );
        assert!(Image::sources(None, true).is_empty());
    }

    #[test]
    fn a_record_with_only_an_id_deserialises() -> TestResult {
        let craft: Spacecraft = decode(r#"{"id": 1}"#)?;
        assert_eq!(craft.id, 1);
        let page: Page<Spacecraft> = decode(r#"{"results": null}"#)?;
        assert_eq!(page.count, 0);
        Ok(())
    }

    /// Everything the stand-in serves the end-to-end tests reads as it should: no record
    /// skipped, every field where the schema puts it.
    #[test]
    fn every_answer_of_the_stand_in_decodes() -> TestResult {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/ll2-standin/answers.mjs");
        let output = match std::process::Command::new("node").arg(script).output() {
            Ok(output) => output,
            Err(error) => panic!("node runs the stand-in's data set: {error}"),
        };
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let answers: std::collections::HashMap<String, Vec<Box<RawValue>>> =
            serde_json::from_slice(&output.stdout).map_err(|_| ApiError::Decode)?;
        let bodies = |kind: &str| answers.get(kind).map(Vec::as_slice).unwrap_or_default();

        let mut crafts = 0;
        for body in bodies("spacecraft_pages") {
            let page: Page<Spacecraft> = decode(body.get())?;
            assert_eq!(page.skipped, 0);
            crafts += page.results.len();
        }
        assert_eq!(
            crafts,
            2 * bodies("spacecraft").len(),
            "both modes, every spacecraft"
        );
        for body in bodies("spacecraft") {
            let craft: Spacecraft = decode(body.get())?;
            assert!(
                craft.is_detailed(),
                "a record is always detailed: {}",
                craft.id
            );
            assert!(craft.spacecraft_config.is_some(), "{}", craft.id);
        }
        let mut configs = 0;
        for body in bodies("configuration_pages") {
            let page: Page<SpacecraftConfig> = decode(body.get())?;
            assert_eq!(page.skipped, 0);
            configs += page.results.len();
        }
        assert_eq!(configs, bodies("configurations").len());
        for body in bodies("configurations") {
            let config: SpacecraftConfig = decode(body.get())?;
            assert!(config.id.is_some() && !config.name.is_empty(), "{config:?}");
        }
        let (mut flights, mut seats, mut dockings) = (0, 0, 0);
        for body in bodies("flight_pages") {
            let page: Page<Flight> = decode(body.get())?;
            assert_eq!(page.skipped, 0);
            for flight in &page.results {
                assert!(flight.id.is_some() && flight.launch.is_some(), "{flight:?}");
                let crew = [
                    &flight.launch_crew,
                    &flight.onboard_crew,
                    &flight.landing_crew,
                ];
                for seat in crew.into_iter().flatten() {
                    assert!(seat.astronaut.as_ref().is_some_and(|a| !a.name.is_empty()));
                    seats += 1;
                }
                for docking in flight.docking_events.iter().flatten() {
                    assert!(docking.docking.is_some() && docking.target().is_some());
                    dockings += 1;
                }
            }
            flights += page.results.len();
        }
        // The default data set's 100 flights, and one for each of the 150 bulk records that
        // answers.mjs adds for the export tests.
        assert_eq!(
            flights, 250,
            "every flight of the data set, in its spacecraft's logbook"
        );
        assert!(seats > 0 && dockings > 0);
        let statuses: Page<IdName> = decode(bodies("status_pages")[0].get())?;
        assert!(statuses
            .results
            .iter()
            .any(|status| status.name == "Active"));
        let throttle: Throttle = decode(bodies("throttle")[0].get())?;
        assert_eq!(throttle.your_request_limit, 15);
        Ok(())
    }

    /// Floats are read to the nearest double, as Rust's own parser reads them, down to the
    /// subnormals and up to the largest finite value.
    #[test]
    fn heights_at_the_edges_of_a_double_are_read_exactly() -> TestResult {
        let height = |text: &str| -> Result<Option<f64>, ApiError> {
            let config: SpacecraftConfig = decode(&format!(r#"{{"id": 1, "height": {text}}}"#))?;
            Ok(config.height)
        };
        for text in [
            "1e-320",
            "123e-310",
            "2.2250738585072014e-308",
            "1.7976931348623157e308",
            "4.9e-324",
            "0.1",
            "-0.0",
        ] {
            assert_eq!(height(text)?, text.parse().ok(), "{text}");
        }
        assert_eq!(height("1.7976931348623157e308")?, Some(f64::MAX));
        assert_eq!(height("2.2250738585072014e-308")?, Some(f64::MIN_POSITIVE));
        assert!(height("1e400").is_err(), "out of range is not a number");
        // Random 17-digit decimals at every exponent: each the double Rust reads.
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..5000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let digits = 10_000_000_000_000_000 + state % 90_000_000_000_000_000;
            let exponent = (state >> 40) % 600;
            let text = format!("{digits}e{}", exponent as i64 - 316);
            assert_eq!(height(&text)?, text.parse().ok(), "{text}");
        }
        Ok(())
    }

    #[test]
    fn a_repeated_key_is_refused_not_merged() -> TestResult {
        let twice = r#"{"count": 2, "results": [{"id": 1}], "results": [{"id": 2}]}"#;
        assert_eq!(decode::<Page<Spacecraft>>(twice), Err(ApiError::Decode));
        let page: Page<Spacecraft> =
            decode(r#"{"count": 2, "results": [{"id": 1, "name": "A", "name": "B"}, {"id": 2}]}"#)?;
        assert_eq!(page.results.iter().map(|c| c.id).collect::<Vec<_>>(), [2]);
        assert_eq!(
            page.skipped, 1,
            "the record with the repeated key is skipped"
        );
        Ok(())
    }

    #[test]
    fn a_deeply_nested_record_costs_only_itself() -> TestResult {
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        let body = format!(
            r#"{{"count": 3, "results": [{{"id": 1}}, {{"id": 2, "description": {deep}}}, {{"id": 3}}]}}"#
        );
        let page: Page<Spacecraft> = decode(&body)?;
        assert_eq!(
            page.results.iter().map(|c| c.id).collect::<Vec<_>>(),
            [1, 3]
        );
        assert_eq!(page.skipped, 1);
        Ok(())
    }

    #[test]
    fn detailed_flights_deserialise() -> TestResult {
        let json = r#"{"id": 2, "flights": [{"id": 9, "destination": "ISS",
            "mission_end": "2021-11-09T03:33:00Z", "duration": "P199DT17H44M",
            "turn_around_time": null,
            "launch": {"id": "f2f1-uuid", "name": "Falcon 9 Block 5 | Crew-2",
                       "net": "2021-04-23T09:49:02Z",
                       "status": {"id": 3, "name": "Launch Successful", "abbrev": "Success"}}}]}"#;
        let craft: Spacecraft = decode(json)?;
        let flights = craft.flights.unwrap_or_default();
        assert_eq!(flights.len(), 1);
        assert_eq!(
            flights[0].launch.as_ref().map(|l| l.name.as_str()),
            Some("Falcon 9 Block 5 | Crew-2")
        );
        assert_eq!(flights[0].destination.as_deref(), Some("ISS"));
        assert_eq!(flights[0].id, Some(9));
        Ok(())
    }

    #[test]
    fn a_flight_with_a_null_or_missing_id_is_kept_with_its_id_unknown() -> TestResult {
        let json = r#"{"id": 2, "flights": [{"id": null, "destination": "ISS"}, {"destination": "Moon"}]}"#;
        let craft: Spacecraft = decode(json)?;
        let flights = craft.flights.unwrap_or_default();
        let ids: Vec<Option<u64>> = flights.iter().map(|flight| flight.id).collect();
        assert_eq!(ids, [None, None], "unknown, never 0");
        assert_eq!(flights[1].destination.as_deref(), Some("Moon"));
        Ok(())
    }
}
