//! The LL2 records we read, as plain serde types. The API is untrusted input: every field that
//! is documented nullable, or that we can live without, is optional or defaults when missing or
//! null, so one odd record never takes down a whole page.

use serde::{Deserialize, Deserializer};

/// `null` and a missing field both become the type's default.
fn nullable<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// A page of a list endpoint.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
pub struct Page<T> {
    #[serde(default, deserialize_with = "nullable")]
    pub count: u64,
    #[serde(default)]
    pub next: Option<String>,
    #[serde(default)]
    pub previous: Option<String>,
    /// Required: a body without it is not a page, whatever else it holds.
    #[serde(deserialize_with = "nullable")]
    pub results: Vec<T>,
}

/// The many `{id, name}` pairs of the API (statuses, types).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct IdName {
    #[serde(default, deserialize_with = "nullable")]
    pub id: u32,
    #[serde(default, deserialize_with = "nullable")]
    pub name: String,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct License {
    #[serde(default, deserialize_with = "nullable")]
    pub name: String,
    #[serde(default)]
    pub link: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct Image {
    #[serde(default, deserialize_with = "nullable")]
    pub name: String,
    #[serde(default)]
    pub image_url: Option<String>,
    #[serde(default)]
    pub thumbnail_url: Option<String>,
    #[serde(default)]
    pub credit: Option<String>,
    #[serde(default)]
    pub license: Option<License>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct Agency {
    #[serde(default, deserialize_with = "nullable")]
    pub id: u32,
    #[serde(default, deserialize_with = "nullable")]
    pub name: String,
    #[serde(default)]
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
pub struct SpacecraftConfig {
    #[serde(default, deserialize_with = "nullable")]
    pub id: u32,
    #[serde(default, deserialize_with = "nullable")]
    pub name: String,
    #[serde(default, rename = "type")]
    pub kind: Option<IdName>,
    #[serde(default)]
    pub agency: Option<Agency>,
    #[serde(default)]
    pub in_use: Option<bool>,
    #[serde(default)]
    pub capability: Option<String>,
    #[serde(default)]
    pub history: Option<String>,
    #[serde(default)]
    pub details: Option<String>,
    #[serde(default)]
    pub maiden_flight: Option<String>,
    #[serde(default)]
    pub height: Option<f64>,
    #[serde(default)]
    pub diameter: Option<f64>,
    #[serde(default)]
    pub human_rated: Option<bool>,
    #[serde(default)]
    pub crew_capacity: Option<u64>,
    #[serde(default)]
    pub payload_capacity: Option<f64>,
    #[serde(default)]
    pub payload_return_capacity: Option<f64>,
    #[serde(default)]
    pub flight_life: Option<String>,
    #[serde(default)]
    pub wiki_link: Option<String>,
    #[serde(default)]
    pub info_link: Option<String>,
    #[serde(default)]
    pub spacecraft_flown: Option<u64>,
    #[serde(default)]
    pub total_launch_count: Option<u64>,
    #[serde(default)]
    pub successful_launches: Option<u64>,
    #[serde(default)]
    pub failed_launches: Option<u64>,
}

impl SpacecraftConfig {
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
pub struct LaunchStatus {
    #[serde(default, deserialize_with = "nullable")]
    pub name: String,
    #[serde(default)]
    pub abbrev: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct Launch {
    #[serde(default, deserialize_with = "nullable")]
    pub name: String,
    #[serde(default)]
    pub net: Option<String>,
    #[serde(default)]
    pub status: Option<LaunchStatus>,
}

/// One flight of a spacecraft (detailed mode only).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct Flight {
    #[serde(default, deserialize_with = "nullable")]
    pub id: u64,
    #[serde(default)]
    pub destination: Option<String>,
    #[serde(default)]
    pub mission_end: Option<String>,
    #[serde(default)]
    pub launch: Option<Launch>,
    #[serde(default)]
    pub duration: Option<String>,
    #[serde(default)]
    pub turn_around_time: Option<String>,
}

/// A spacecraft, in normal or detailed mode (`flights` is only present in detailed mode).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct Spacecraft {
    pub id: u64,
    #[serde(default, deserialize_with = "nullable")]
    pub name: String,
    #[serde(default)]
    pub serial_number: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub is_placeholder: bool,
    #[serde(default)]
    pub image: Option<Image>,
    #[serde(default, deserialize_with = "nullable")]
    pub in_space: bool,
    #[serde(default)]
    pub time_in_space: Option<String>,
    #[serde(default)]
    pub time_docked: Option<String>,
    #[serde(default)]
    pub flights_count: Option<u64>,
    #[serde(default)]
    pub mission_ends_count: Option<u64>,
    #[serde(default)]
    pub status: Option<IdName>,
    #[serde(default, deserialize_with = "nullable")]
    pub description: String,
    #[serde(default)]
    pub spacecraft_config: Option<SpacecraftConfig>,
    #[serde(default)]
    pub fastest_turnaround: Option<String>,
    #[serde(default)]
    pub flights: Option<Vec<Flight>>,
}

/// The answer of `/api-throttle/`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct Throttle {
    #[serde(default, deserialize_with = "nullable")]
    pub your_request_limit: u64,
    #[serde(default, deserialize_with = "nullable")]
    pub limit_frequency_secs: u64,
    #[serde(default, deserialize_with = "nullable")]
    pub current_use: u64,
    #[serde(default, deserialize_with = "nullable")]
    pub next_use_secs: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    type TestResult = Result<(), serde_json::Error>;

    const SEED: &str = include_str!("../../tests/ll2-standin/fixtures/seed-page.json");

    #[test]
    fn the_seed_page_deserialises() -> TestResult {
        let page: Page<Spacecraft> = serde_json::from_str(SEED)?;
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
        let craft: Spacecraft = serde_json::from_str(json)?;
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
    fn a_record_with_only_an_id_deserialises() -> TestResult {
        let craft: Spacecraft = serde_json::from_str(r#"{"id": 1}"#)?;
        assert_eq!(craft.id, 1);
        let page: Page<Spacecraft> = serde_json::from_str(r#"{"results": null}"#)?;
        assert_eq!(page.count, 0);
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
        let craft: Spacecraft = serde_json::from_str(json)?;
        let flights = craft.flights.unwrap_or_default();
        assert_eq!(flights.len(), 1);
        assert_eq!(
            flights[0].launch.as_ref().map(|l| l.name.as_str()),
            Some("Falcon 9 Block 5 | Crew-2")
        );
        assert_eq!(flights[0].destination.as_deref(), Some("ISS"));
        Ok(())
    }
}
