//! Text rules shared by every input: trimmed, bounded, no invisible control characters.
//!
//! Text is stored exactly as typed apart from the surrounding white space (and line breaks
//! inside one-line fields, which become spaces: a pasted title often carries one). Anything
//! that cannot be shown faithfully (NUL and other control characters) is refused with the
//! field named, never silently altered.

use crate::error::{Error, Reason, Result};

/// Longest one-line value (titles, names, positions), in characters.
pub const MAX_LINE: usize = 500;
/// Longest multi-line value (problem, description), in characters.
pub const MAX_TEXT: usize = 100_000;

fn check_controls(field: &str, s: &str, allow_newlines: bool) -> Result<()> {
    if let Some(c) = s
        .chars()
        .find(|&c| c.is_control() && !(allow_newlines && matches!(c, '\n' | '\t')))
    {
        return Err(Error::invalid(
            field,
            Reason::ControlCharacter {
                code_point: c as u32,
            },
        ));
    }
    Ok(())
}

fn too_long(field: &str, length: usize, max: usize) -> Error {
    Error::invalid(
        field,
        Reason::TooLong {
            length: length as u32,
            max: max as u32,
        },
    )
}

/// A one-line value that may be empty.
pub fn clean_optional(field: &str, s: &str) -> Result<String> {
    let one_line: String = s
        .chars()
        .map(|c| {
            if matches!(c, '\r' | '\n' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let v = one_line.trim();
    check_controls(field, v, false)?;
    let n = v.chars().count();
    if n > MAX_LINE {
        return Err(too_long(field, n, MAX_LINE));
    }
    Ok(v.to_owned())
}

/// A one-line value that must not be empty.
pub fn clean_required(field: &str, s: &str) -> Result<String> {
    let v = clean_optional(field, s)?;
    if v.is_empty() {
        return Err(Error::invalid(field, Reason::Required));
    }
    Ok(v)
}

/// A multi-line value: line breaks kept (CRLF becomes LF), outer white space trimmed.
pub fn clean_text(field: &str, s: &str) -> Result<String> {
    let v = s.replace("\r\n", "\n").replace('\r', "\n");
    let v = v.trim();
    check_controls(field, v, true)?;
    let n = v.chars().count();
    if n > MAX_TEXT {
        return Err(too_long(field, n, MAX_TEXT));
    }
    Ok(v.to_owned())
}

/// A NIP (Nomor Induk Pegawai, the civil servant number), or empty. Spaces and dots as
/// people group the digits are dropped; what is left must be 18 digits that read as a
/// NIP: birth date `YYYYMMDD`, year and month of appointment `YYYYMM`, sex `1` or `2`,
/// a three-digit serial.
pub fn clean_nip(field: &str, s: &str) -> Result<String> {
    let v: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.' && *c != '-')
        .collect();
    if v.is_empty() {
        return Ok(v);
    }
    check_controls(field, &v, false)?;
    if !v.chars().all(|c| c.is_ascii_digit()) || v.len() != 18 {
        let length = v.chars().filter(char::is_ascii_digit).count() as u32;
        return Err(Error::invalid(field, Reason::NipDigits { length }));
    }
    let born = chrono::NaiveDate::parse_from_str(&v[0..8], "%Y%m%d").ok();
    let appointed_month: u32 = v[12..14].parse().unwrap_or(0);
    let appointed_year: i32 = v[8..12].parse().unwrap_or(0);
    let sex = &v[14..15];
    let ok = born.is_some_and(|b| {
        use chrono::Datelike;
        (1900..=2100).contains(&b.year()) && appointed_year >= b.year() && appointed_year <= 2100
    }) && (1..=12).contains(&appointed_month)
        && (sex == "1" || sex == "2");
    if !ok {
        return Err(Error::invalid(field, Reason::NipParts));
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_what_people_type() {
        let s = "Layanan 🚑 cepat — كلمة, \"kutip\" & <b>";
        assert_eq!(clean_required("title", s).unwrap(), s);
        assert_eq!(
            clean_text("description", "a\r\nb\n\tc").unwrap(),
            "a\nb\n\tc"
        );
    }

    #[test]
    fn one_line_fields_fold_line_breaks() {
        assert_eq!(
            clean_required("title", "  Satu\nDua  ").unwrap(),
            "Satu Dua"
        );
    }

    #[test]
    fn refuses_with_the_field_named() {
        assert_eq!(
            clean_required("title", "   ").unwrap_err().field(),
            Some("title")
        );
        assert_eq!(
            clean_required("title", "a\u{0}b").unwrap_err().field(),
            Some("title")
        );
        assert_eq!(
            clean_text("problem", "a\u{7}b").unwrap_err().field(),
            Some("problem")
        );
        let long = "x".repeat(MAX_LINE + 1);
        assert!(clean_optional("proposerName", &long).is_err());
    }
}
