//! The numbers the chart, the compare page and the flight timeline draw: a spacecraft's measures
//! as whole numbers, a scale with round ticks, and lengths as CSS percentages. Integers only:
//! float formatting and parsing would add KBs of wasm every visitor downloads.

use crate::api::models::Spacecraft;
use crate::ui::format::{self, Duration};
use crate::url::grid_query::SortField;

/// A spacecraft's measure as a whole number (a count, or seconds for a duration); `None` when
/// the API does not give it (never zero: zero is a value).
pub fn value(craft: &Spacecraft, field: SortField) -> Option<u64> {
    match field {
        SortField::FlightsCount => craft.flights_count,
        SortField::MissionEndsCount => craft.mission_ends_count,
        SortField::TimeInSpace => seconds(craft.time_in_space.as_deref()),
        SortField::TimeDocked => seconds(craft.time_docked.as_deref()),
        SortField::Id => Some(craft.id),
    }
}

/// An API duration (`P84DT1H15M30S`) in whole seconds; `None` when absent or unreadable.
pub fn seconds(duration: Option<&str>) -> Option<u64> {
    duration
        .and_then(Duration::parse_iso8601)
        .map(|duration| duration.seconds)
}

/// Whether a field's values are durations in seconds.
pub fn is_duration(field: SortField) -> bool {
    matches!(field, SortField::TimeInSpace | SortField::TimeDocked)
}

/// A measure for people: `1,234` or `1y 140d`; "no data" when absent.
pub fn human(field: SortField, value: Option<u64>) -> String {
    match value {
        None => NO_DATA.to_string(),
        Some(seconds) if is_duration(field) => Duration { seconds }.human(),
        Some(count) => format::group_thousands(count),
    }
}

/// What a chart says for a value the API does not give (not a zero-length bar that reads as 0).
pub const NO_DATA: &str = "no data";

/// An axis from 0 to `max` in equal, round `step`s.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scale {
    pub step: u64,
    pub max: u64,
}

const HOUR: u64 = 3_600;
const DAY: u64 = 86_400;
const YEAR: u64 = 365 * DAY;

impl Scale {
    /// The smallest round scale that holds `largest` in at most five steps: 1, 2, 5 × 10ⁿ for
    /// counts; hours, days, weeks, months and years for durations.
    pub fn covering(largest: u64, durations: bool) -> Scale {
        const TIME_STEPS: [u64; 12] = [
            HOUR,
            6 * HOUR,
            DAY,
            7 * DAY,
            30 * DAY,
            90 * DAY,
            180 * DAY,
            YEAR,
            2 * YEAR,
            5 * YEAR,
            10 * YEAR,
            20 * YEAR,
        ];
        let fits = |step: u64| largest.div_ceil(step) <= 5;
        let step = if durations {
            TIME_STEPS.into_iter().find(|step| fits(*step))
        } else {
            None
        }
        .unwrap_or_else(|| {
            let mut magnitude: u64 = 1;
            loop {
                for factor in [1, 2, 5] {
                    let step = magnitude.saturating_mul(factor);
                    if fits(step) || step == u64::MAX {
                        return step;
                    }
                }
                magnitude = magnitude.saturating_mul(10);
            }
        });
        Scale {
            step,
            max: largest.div_ceil(step).max(1).saturating_mul(step),
        }
    }

    /// The ticks from 0 to `max`.
    pub fn ticks(self) -> impl Iterator<Item = u64> {
        (0..=self.max / self.step).map(move |index| index * self.step)
    }
}

/// `part` of `whole` as a CSS percentage with one decimal (`37.5%`), at most 100%.
pub fn percent(part: u64, whole: u64) -> String {
    let part = part.min(whole);
    // In u64 (128-bit division would add 1 KB of wasm): exact while `part * 1000` fits, which
    // is any count or duration the API sends; past that, precise enough for a length.
    let tenths = match part.checked_mul(1000) {
        _ if whole == 0 => 0,
        Some(scaled) => scaled / whole,
        None => part / (whole / 1000),
    };
    format!("{}.{}%", tenths / 10, tenths % 10)
}

/// A moment as a timeline places it: seconds since 1 March of year 0 (proleptic Gregorian), so
/// that spaceflight before 1970 needs no negative numbers.
pub type Moment = u64;

/// The `Moment` of an ISO 8601 date-time in UTC as LL2 writes it (`2021-06-17T01:22:31Z`,
/// fractions and a `+00:00` offset allowed; a bare date is midnight). `None` for anything else.
pub fn moment(text: &str) -> Option<Moment> {
    let number = |range: std::ops::Range<usize>| -> Option<u64> {
        let digits = text.get(range)?;
        digits
            .bytes()
            .all(|byte| byte.is_ascii_digit())
            .then(|| digits.parse().ok())
            .flatten()
    };
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    if text.get(4..5) != Some("-") || text.get(7..8) != Some("-") {
        return None;
    }
    let clock = if text.len() > 10 {
        if !matches!(text.get(10..11), Some("T" | " ")) {
            return None;
        }
        let (hours, minutes) = (number(11..13)?, number(14..16)?);
        let seconds = number(17..19).unwrap_or(0);
        (hours < 24 && minutes < 60 && seconds < 61)
            .then_some(hours * 3_600 + minutes * 60 + seconds)?
    } else {
        0
    };
    if !(1..=9999).contains(&year) || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some(days_from_civil(year, month, day) * DAY + clock)
}

/// The `Moment` of a Unix time (seconds since 1970).
pub fn from_unix(seconds: u64) -> Moment {
    seconds + UNIX_EPOCH_DAYS * DAY
}

/// Days from 0000-03-01 to 1970-01-01.
const UNIX_EPOCH_DAYS: u64 = 719_468;

/// Days from 0000-03-01 to a date of the proleptic Gregorian calendar (year ≥ 1), after Howard
/// Hinnant's `days_from_civil`.
fn days_from_civil(year: u64, month: u64, day: u64) -> u64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year / 400;
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era
}

/// The year of a moment.
pub fn year_of(moment: Moment) -> u64 {
    let mut year = moment / (YEAR + DAY / 4);
    // The estimate can be a year off either way near New Year.
    while year_start(year + 1) <= moment {
        year += 1;
    }
    while year > 1 && year_start(year) > moment {
        year -= 1;
    }
    year
}

/// When `year` began.
pub fn year_start(year: u64) -> Moment {
    days_from_civil(year, 1, 1) * DAY
}

#[cfg(test)]
mod tests {
    use super::*;

    fn craft(json: &str) -> Spacecraft {
        crate::api::decode(json).unwrap()
    }

    #[test]
    fn measures_are_whole_numbers_and_absent_ones_stay_absent() {
        let full = craft(
            r#"{"id":5,"flights_count":12,"mission_ends_count":11,
                "time_in_space":"P1Y140DT3H","time_docked":"P84DT1H15M30S"}"#,
        );
        assert_eq!(value(&full, SortField::FlightsCount), Some(12));
        assert_eq!(value(&full, SortField::MissionEndsCount), Some(11));
        assert_eq!(
            value(&full, SortField::TimeInSpace),
            Some(505 * DAY + 3 * HOUR)
        );
        assert_eq!(
            human(SortField::TimeInSpace, value(&full, SortField::TimeInSpace)),
            "1y 140d"
        );
        assert_eq!(human(SortField::FlightsCount, Some(1234)), "1,234");
        let empty =
            craft(r#"{"id":6,"flights_count":null,"time_in_space":null,"time_docked":"junk"}"#);
        for field in SortField::ALL.into_iter().filter(|field| field.is_metric()) {
            assert_eq!(value(&empty, field), None, "{field:?}");
            assert_eq!(human(field, None), "no data");
        }
        assert_eq!(
            human(SortField::FlightsCount, Some(0)),
            "0",
            "zero is a value"
        );
    }

    #[test]
    fn scales_are_round_and_hold_the_largest_value() {
        assert_eq!(Scale::covering(0, false), Scale { step: 1, max: 1 });
        assert_eq!(Scale::covering(4, false), Scale { step: 1, max: 4 });
        assert_eq!(Scale::covering(7, false), Scale { step: 2, max: 8 });
        assert_eq!(Scale::covering(39, false), Scale { step: 10, max: 40 });
        assert_eq!(
            Scale::covering(1234, false),
            Scale {
                step: 500,
                max: 1500
            }
        );
        assert_eq!(
            Scale::covering(3 * DAY, true),
            Scale {
                step: DAY,
                max: 3 * DAY
            }
        );
        assert_eq!(
            Scale::covering(505 * DAY, true),
            Scale {
                step: 180 * DAY,
                max: 540 * DAY
            }
        );
        assert_eq!(
            Scale::covering(9 * YEAR, true),
            Scale {
                step: 2 * YEAR,
                max: 10 * YEAR
            }
        );
        let huge = Scale::covering(u64::MAX, false);
        assert!(huge.max >= huge.step && huge.step > 0);
        assert_eq!(
            Scale::covering(7, false).ticks().collect::<Vec<_>>(),
            [0, 2, 4, 6, 8]
        );
    }

    #[test]
    fn lengths_are_percentages_with_one_decimal() {
        assert_eq!(percent(3, 8), "37.5%");
        assert_eq!(percent(8, 8), "100.0%");
        assert_eq!(percent(9, 8), "100.0%", "never past the end");
        assert_eq!(percent(1, 0), "0.0%");
        assert_eq!(percent(u64::MAX, u64::MAX), "100.0%");
    }

    #[test]
    fn ll2_dates_become_moments_unix_time_agrees_with() {
        let epoch_seconds = |text| moment(text).map(|moment| moment - from_unix(0));
        assert_eq!(epoch_seconds("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(epoch_seconds("2021-06-17T01:22:31Z"), Some(1_623_892_951));
        assert_eq!(epoch_seconds("2000-02-29T12:00:00.500Z"), Some(951_825_600));
        // Before 1970: Apollo 7 launched on 11 October 1968 at 15:02:45 UTC.
        assert_eq!(
            from_unix(0) - moment("1968-10-11T15:02:45Z").unwrap(),
            38_566_635
        );
        assert_eq!(
            epoch_seconds("2024-03-01T00:00:00+00:00"),
            Some(1_709_251_200)
        );
        assert_eq!(epoch_seconds("1984-08-30"), Some(462_672_000));
        for junk in [
            "",
            "2021",
            "0000-01-01",
            "2021-13-01T00:00:00Z",
            "2021-06-17X01",
            "２０２１-06-17",
            "2021-06-17T25:00:00Z",
        ] {
            assert_eq!(moment(junk), None, "{junk}");
        }
    }

    #[test]
    fn years_begin_where_the_calendar_says() {
        let unix = from_unix;
        assert_eq!(year_of(unix(0)), 1970);
        assert_eq!(year_of(unix(1_623_892_951)), 2021);
        assert_eq!(
            year_of(unix(1_609_459_199)),
            2020,
            "a second before New Year"
        );
        assert_eq!(year_start(2021), unix(1_609_459_200));
        assert_eq!(year_of(moment("1968-10-11").unwrap()), 1968);
        assert_eq!(year_of(year_start(1957)), 1957);
    }
}
