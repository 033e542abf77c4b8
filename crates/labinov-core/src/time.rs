//! Time: stored in UTC, shown in the lab's time zone.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use chrono_tz::Tz;

use crate::error::{Error, Reason, Result};

/// The time zone a lab gets when none is given: most labs run in western Indonesia.
pub const DEFAULT_TIME_ZONE: &str = "Asia/Jakarta";

/// Now, as stored: RFC 3339 UTC with milliseconds, e.g. `2026-11-28T05:30:00.123Z`.
/// Text in this form sorts in time order.
pub fn now_utc() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub fn parse_time_zone(name: &str) -> Result<Tz> {
    name.parse::<Tz>()
        .map_err(|_| Error::invalid("timeZone", Reason::UnknownTimeZone { value: name.into() }))
}

///
/// Day-first dates as written in Indonesia (and saved by Excel set to Indonesian) are read
/// too: `28/11/2026`, `28-11-2026`, `28.11.2026`.
pub fn parse_date(field: &str, s: &str) -> Result<NaiveDate> {
    ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(s.trim(), f).ok())
        .ok_or_else(|| Error::invalid(field, Reason::NotADate { value: s.into() }))
}

/// Today's date in the time zone `tz` as `YYYY-MM-DD` (in the default zone when `tz` is
/// not one): what a new lab's start date is unless one is given.
pub fn today_in(tz: &str) -> String {
    let tz = tz.trim().parse::<Tz>().unwrap_or(chrono_tz::Asia::Jakarta);
    Utc::now().with_timezone(&tz).date_naive().to_string()
}

/// A time of day as `HH:MM`, 24-hour; `08.30` (the Indonesian way) and `8:30` are read
/// too.
pub fn parse_clock(field: &str, s: &str) -> Result<String> {
    chrono::NaiveTime::parse_from_str(&s.trim().replace('.', ":"), "%H:%M")
        .map(|t| t.format("%H:%M").to_string())
        .map_err(|_| Error::invalid(field, Reason::NotATime { value: s.into() }))
}

/// Shows a stored UTC time in `tz` as `YYYY-MM-DD HH:MM`. Unparseable input is returned
/// as it is, so a display never fails.
pub fn local_display(utc: &str, tz: &str) -> String {
    let (Ok(t), Ok(tz)) = (DateTime::parse_from_rfc3339(utc), tz.parse::<Tz>()) else {
        return utc.to_owned();
    };
    t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_are_read_iso_or_day_first() {
        use super::parse_date;
        for s in [
            "2026-11-28",
            "28/11/2026",
            "28-11-2026",
            "28.11.2026",
            " 28/11/2026 ",
        ] {
            assert_eq!(parse_date("d", s).unwrap().to_string(), "2026-11-28", "{s}");
        }
        assert_eq!(
            parse_date("d", "2/3/2027").unwrap().to_string(),
            "2027-03-02"
        );
        for bad in ["31/02/2026", "11/28/2026", "besok", "2026-13-01"] {
            assert_eq!(
                parse_date("trialDate", bad).unwrap_err().field(),
                Some("trialDate"),
                "{bad}"
            );
        }
    }

    use super::*;

    #[test]
    fn utc_is_shown_in_the_labs_zone() {
        assert_eq!(
            local_display("2026-11-02T01:30:00.000Z", "Asia/Jakarta"),
            "2026-11-02 08:30"
        );
        assert_eq!(
            local_display("2026-11-02T01:30:00.000Z", "Asia/Jayapura"),
            "2026-11-02 10:30"
        );
        assert_eq!(local_display("garbage", "Asia/Jakarta"), "garbage");
    }

    #[test]
    fn stored_times_sort_in_time_order() {
        let a = now_utc();
        std::thread::sleep(std::time::Duration::from_millis(2));
        let b = now_utc();
        assert!(a < b, "{a} < {b}");
        assert!(a.ends_with('Z'));
    }

    #[test]
    fn bad_zone_and_date_are_refused_with_the_field() {
        assert_eq!(
            parse_time_zone("Mars/Olympus").unwrap_err().field(),
            Some("timeZone")
        );
        assert_eq!(
            parse_date("startDate", "2022/11/02").unwrap_err().field(),
            Some("startDate")
        );
        assert!(parse_date("startDate", "2022-11-02").is_ok());
    }
}
