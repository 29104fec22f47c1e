//! Values from the API written for people.

/// Durations longer than this (about 31 million years) are not real spacecraft data.
const MAX_SECONDS: u64 = 1_000_000_000_000_000;

/// An ISO 8601 duration (`P84DT1H15M30S`), reduced to whole units. Years and months are read as
/// 365 and 30 days: LL2 only writes days and smaller, and this is for display.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Duration {
    pub seconds: u64,
}

impl Duration {
    /// Parses `P[nY][nM][nW][nD][T[nH][nM][n[.n]S]]`; `None` for anything else.
    pub fn parse_iso8601(text: &str) -> Option<Duration> {
        let rest = text.trim().strip_prefix('P')?;
        if rest.is_empty() {
            return None;
        }
        let mut seconds: u64 = 0;
        let mut in_time = false;
        // The number before the next unit: its whole part, and whether digits or a fraction
        // were seen. Fractions (only ever of seconds in practice) are dropped, not rounded:
        // this is for display.
        let mut whole: Option<u64> = None;
        let mut in_fraction = false;
        let mut saw_unit = false;
        for ch in rest.chars() {
            match ch {
                '0'..='9' if in_fraction => {}
                '0'..='9' => {
                    let digit = u64::from(ch as u8 - b'0');
                    whole = Some(whole.unwrap_or(0).checked_mul(10)?.checked_add(digit)?);
                }
                '.' | ',' if whole.is_some() && !in_fraction => in_fraction = true,
                'T' if !in_time && whole.is_none() => in_time = true,
                unit => {
                    let value = whole.take()?;
                    in_fraction = false;
                    let scale: u64 = match (in_time, unit) {
                        (false, 'Y') => 365 * 86_400,
                        (false, 'M') => 30 * 86_400,
                        (false, 'W') => 7 * 86_400,
                        (false, 'D') => 86_400,
                        (true, 'H') => 3_600,
                        (true, 'M') => 60,
                        (true, 'S') => 1,
                        _ => return None,
                    };
                    let part = value
                        .checked_mul(scale)
                        .filter(|part| *part <= MAX_SECONDS)?;
                    seconds = seconds.checked_add(part)?;
                    saw_unit = true;
                }
            }
        }
        (whole.is_none() && saw_unit).then_some(Duration { seconds })
    }

    /// `84d 1h 15m`: the largest units only, zero parts left out. Seconds show only under a day,
    /// hours and minutes only under a year.
    pub fn human(self) -> String {
        let total = self.seconds;
        if total == 0 {
            return "0m".to_string();
        }
        let days = total / 86_400;
        let (hours, minutes, secs) = (total / 3_600 % 24, total / 60 % 60, total % 60);
        let parts: Vec<(u64, &str)> = if days >= 365 {
            vec![(days / 365, "y"), (days % 365, "d")]
        } else if days > 0 {
            vec![(days, "d"), (hours, "h"), (minutes, "m")]
        } else {
            vec![(hours, "h"), (minutes, "m"), (secs, "s")]
        };
        let text: Vec<String> = parts
            .into_iter()
            .filter(|(value, _)| *value > 0)
            .map(|(value, unit)| format!("{value}{unit}"))
            .collect();
        if text.is_empty() {
            // Only seconds under a minute in a span of days: cannot happen, but never print "".
            "0m".to_string()
        } else {
            text.join(" ")
        }
    }
}

/// A nullable API duration for display: `—` when absent, the raw text when it cannot be read
/// (better than hiding a value we do not understand).
pub fn duration(value: Option<&str>) -> String {
    match value {
        None => "—".to_string(),
        Some(text) => match Duration::parse_iso8601(text) {
            Some(duration) => duration.human(),
            None if text.trim().is_empty() => "—".to_string(),
            None => text.to_string(),
        },
    }
}

/// What a view shows for a value the API does not give.
pub const NO_VALUE: &str = "—";

/// `text`, or `—` when it is blank.
pub fn or_dash(text: &str) -> String {
    if text.trim().is_empty() {
        NO_VALUE.to_string()
    } else {
        text.to_string()
    }
}

/// `Yes`, `No`, or `—` when unknown.
pub fn yes_no(value: Option<bool>) -> String {
    match value {
        Some(true) => "Yes".to_string(),
        Some(false) => "No".to_string(),
        None => NO_VALUE.to_string(),
    }
}

/// A nullable count: `—` when absent.
pub fn count(value: Option<u64>) -> String {
    value.map_or_else(|| "—".to_string(), group_thousands)
}

/// Launches or landings: `12 (11 successful, 1 failed)`, whichever counts are known.
pub fn tally(attempted: Option<u64>, successful: Option<u64>, failed: Option<u64>) -> String {
    let parts: Vec<String> = [(successful, "successful"), (failed, "failed")]
        .into_iter()
        .filter_map(|(count, what)| count.map(|count| format!("{} {what}", group_thousands(count))))
        .collect();
    match (attempted, parts.is_empty()) {
        (Some(total), true) => group_thousands(total),
        (Some(total), false) => format!("{} ({})", group_thousands(total), parts.join(", ")),
        (None, false) => parts.join(", "),
        (None, true) => NO_VALUE.to_string(),
    }
}

/// `1234567` → `1,234,567`.
pub fn group_thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// How long ago something happened, given its age in ms: `just now`, `12 min ago`, `3 h ago`,
/// `2 days ago` (rounded down: an answer saved 59 s ago was not saved "1 min ago").
pub fn ago(age_ms: u64) -> String {
    let minutes = age_ms / 60_000;
    match minutes {
        0 => "just now".to_string(),
        1..=59 => format!("{minutes} min ago"),
        60..=2_879 => format!("{} h ago", minutes / 60),
        _ => format!("{} days ago", minutes / 1_440),
    }
}

/// The date part of an ISO 8601 date or date-time (`2021-06-17T01:22:31Z`) as `17 Jun 2021`
/// (UTC, which is what LL2 writes). Anything unreadable comes back unchanged.
pub fn date(value: &str) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let parts: Vec<&str> = value.get(..10).unwrap_or("").split('-').collect();
    if let [year, month, day] = parts[..] {
        if let (Ok(year), Ok(month), Ok(day)) = (
            year.parse::<u32>(),
            month.parse::<usize>(),
            day.parse::<u32>(),
        ) {
            if (1..=12).contains(&month) && (1..=31).contains(&day) {
                return format!("{day} {} {year}", MONTHS[month - 1]);
            }
        }
    }
    value.to_string()
}

/// A length in metres to the centimetre, e.g. `8.1 m`. Printed from whole centimetres: float
/// formatting would add 10 KB to the wasm.
pub fn metres(value: f64) -> String {
    format!("{} m", hundredths(value))
}

/// A mass in kilograms, e.g. `6,000 kg`.
pub fn kilograms(value: f64) -> String {
    format!("{} kg", group_thousands(whole(value)))
}

/// `value` rounded to a non-negative whole number (NaN and negatives are 0).
fn whole(value: f64) -> u64 {
    if value.is_finite() && value > 0.0 {
        (value + 0.5) as u64
    } else {
        0
    }
}

/// `8.044` → `8.04`, `11` → `11`, `2.5` → `2.5`.
fn hundredths(value: f64) -> String {
    let cents = whole(value * 100.0);
    match cents % 100 {
        0 => format!("{}", cents / 100),
        part if part % 10 == 0 => format!("{}.{}", cents / 100, part / 10),
        part => format!("{}.{part:02}", cents / 100),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn human(text: &str) -> String {
        duration(Some(text))
    }

    #[test]
    fn durations_read_like_people_write_them() {
        assert_eq!(human("P84DT1H15M30S"), "84d 1h 15m");
        assert_eq!(human("P82DT9H59M"), "82d 9h 59m");
        assert_eq!(human("PT23H32M33S"), "23h 32m 33s");
        assert_eq!(human("P27DT8H33M"), "27d 8h 33m");
        assert_eq!(human("P0D"), "0m");
        assert_eq!(human("P1D"), "1d");
        assert_eq!(human("P1DT0H5M"), "1d 5m");
        assert_eq!(human("PT45S"), "45s");
        assert_eq!(human("P9238DT5H"), "25y 113d");
        assert_eq!(human("P2W"), "14d");
        assert_eq!(human("PT1.5S"), "1s");
        assert_eq!(human("PT1,9S"), "1s");
        assert_eq!(human("P1DT0.5H"), "1d");
        assert_eq!(duration(None), "—");
        assert_eq!(human(""), "—");
    }

    #[test]
    fn unreadable_durations_are_shown_raw() {
        for text in [
            "P",
            "PT",
            "84 days",
            "P1H",
            "PT1D",
            "P-1D",
            "P1.2.3D",
            "P99999999999999999999D",
        ] {
            assert_eq!(Duration::parse_iso8601(text), None, "{text}");
            assert_eq!(human(text), text);
        }
    }

    #[test]
    fn durations_parse_to_seconds() {
        assert_eq!(
            Duration::parse_iso8601("P84DT1H15M30S"),
            Some(Duration {
                seconds: 84 * 86_400 + 3_600 + 15 * 60 + 30
            })
        );
        assert_eq!(
            Duration::parse_iso8601("P0D"),
            Some(Duration { seconds: 0 })
        );
    }

    #[test]
    fn numbers_and_dates() {
        assert_eq!(count(None), "—");
        assert_eq!(or_dash("  "), "—");
        assert_eq!(
            tally(Some(12), Some(11), Some(1)),
            "12 (11 successful, 1 failed)"
        );
        assert_eq!(tally(Some(3), None, None), "3");
        assert_eq!(tally(None, Some(2), None), "2 successful");
        assert_eq!(tally(None, None, None), "—");
        assert_eq!(or_dash("ISS"), "ISS");
        assert_eq!(yes_no(Some(true)), "Yes");
        assert_eq!(yes_no(None), "—");
        assert_eq!(count(Some(0)), "0");
        assert_eq!(group_thousands(1_234_567), "1,234,567");
        assert_eq!(group_thousands(603), "603");
        assert_eq!(date("2021-06-17T01:22:31Z"), "17 Jun 2021");
        assert_eq!(date("1965-03-23"), "23 Mar 1965");
        assert_eq!(date("soon"), "soon");
        assert_eq!(date("2021-13-01"), "2021-13-01");
        assert_eq!(date("神舟神舟神舟神舟"), "神舟神舟神舟神舟");
        assert_eq!(metres(8.1), "8.1 m");
        assert_eq!(metres(8.044), "8.04 m");
        assert_eq!(metres(11.0), "11 m");
        assert_eq!(metres(3.005), "3.01 m");
        assert_eq!(metres(0.07), "0.07 m");
        assert_eq!(metres(f64::NAN), "0 m");
        assert_eq!(kilograms(6000.0), "6,000 kg");
        assert_eq!(kilograms(2507.6), "2,508 kg");
    }

    #[test]
    fn ages_read_like_speech() {
        assert_eq!(ago(59_000), "just now");
        assert_eq!(ago(60_000), "1 min ago");
        assert_eq!(ago(12 * 60_000 + 59_000), "12 min ago");
        assert_eq!(ago(3 * 3_600_000 + 1), "3 h ago");
        assert_eq!(ago(47 * 3_600_000), "47 h ago");
        assert_eq!(ago(49 * 3_600_000), "2 days ago");
    }
}
