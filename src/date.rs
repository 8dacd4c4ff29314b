//! The one date a build uses, so that the same inputs give byte-identical outputs:
//! `SOURCE_DATE_EPOCH` if set, else the book's `date` at midnight UTC, else the newest
//! modification time among the book's files (the Unix epoch only when none could be read).

use crate::model::Metadata;

/// Seconds since the Unix epoch to stamp into the outputs.
pub fn build_timestamp(meta: &Metadata) -> i64 {
    source_date_epoch()
        .or_else(|| meta.date.as_deref().and_then(timestamp_of))
        .or(meta.files_modified)
        .unwrap_or(0)
}

/// `SOURCE_DATE_EPOCH`, when set to a number.
pub fn source_date_epoch() -> Option<i64> {
    let value = std::env::var("SOURCE_DATE_EPOCH").ok()?;
    value.trim().parse::<i64>().ok()
}

/// Midnight UTC of a `YYYY-MM-DD` date, in seconds since the epoch.
pub fn timestamp_of(date: &str) -> Option<i64> {
    parse_iso_date(date).map(|(y, m, d)| days_from_civil(y, m, d) * 86_400)
}

/// `YYYY-MM-DD` (a longer ISO 8601 string is cut to its date) into its parts, validated.
pub fn parse_iso_date(text: &str) -> Option<(i64, u32, u32)> {
    let date = text.get(..10)?;
    let mut parts = date.split('-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let d: u32 = parts.next()?.parse().ok()?;
    let valid = (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m) && date.len() == 10;
    valid.then_some((y, m, d))
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The UTC calendar date and time of a timestamp: (year, month, day, hour, minute, second).
pub fn civil_from_timestamp(ts: i64) -> (i64, u32, u32, u32, u32, u32) {
    let days = ts.div_euclid(86_400);
    let secs = ts.rem_euclid(86_400);
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    (
        y,
        m,
        d,
        (secs / 3600) as u32,
        (secs % 3600 / 60) as u32,
        (secs % 60) as u32,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_through_timestamps() {
        let ts = days_from_civil(2025, 3, 14) * 86_400 + 3_723;
        assert_eq!(civil_from_timestamp(ts), (2025, 3, 14, 1, 2, 3));
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_timestamp(0), (1970, 1, 1, 0, 0, 0));
    }

    #[test]
    fn invalid_dates_are_refused() {
        assert_eq!(parse_iso_date("2024-02-29"), Some((2024, 2, 29)));
        assert_eq!(parse_iso_date("2023-02-29"), None);
        assert_eq!(parse_iso_date("2023-13-01"), None);
        assert_eq!(parse_iso_date("yesterday"), None);
    }
}
