//! V1: the format and the year agree (FORMAT.md §5, §7).

use super::{Finding, Number, Place, Rule, Severity};
use crate::model::schema::{FormatVersion, BASIC_SECTION, FORMAT_LABEL, KEY_FORMAT};
use crate::model::{CellRef, Report};

/// V1: `format: 2019` for the reports for 2019 and 2020, `format: 2021` from 2021 on. A
/// 2019-format report for a year after 2020, or a 2021-format report for a year before 2021,
/// gets a warning.
pub fn v1_format_matches_year(report: &Report) -> Vec<Finding> {
    let version = report.version();
    let year = report.year;
    let detail = match version {
        FormatVersion::V2019 if year > 2020 => format!(
            "{}只用于 2019、2020 年度的报告，这份报告是 {year} 年度的：应为 {KEY_FORMAT}: 2021",
            version.name()
        ),
        FormatVersion::V2021 if year < 2021 => format!(
            "{}从 2021 年度的报告起使用，这份报告是 {year} 年度的：2019、2020 年度应为 {KEY_FORMAT}: 2019",
            version.name()
        ),
        _ => return Vec::new(),
    };
    vec![Finding {
        rule: Rule::V1,
        severity: Severity::Warning,
        path: KEY_FORMAT.into(),
        place: Place {
            section: BASIC_SECTION.into(),
            row: Some(FORMAT_LABEL.into()),
            column: None,
        },
        expected: Some(Number::Signed(i64::from(
            FormatVersion::for_year(year).number(),
        ))),
        actual: Some(Number::Signed(i64::from(version.number()))),
        cells: vec![CellRef::Year],
        detail,
    }]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_and_year_must_agree() {
        let mut r = Report::new_in(FormatVersion::V2019, "某市人民政府", 2020);
        assert!(v1_format_matches_year(&r).is_empty());
        r.year = 2021;
        let f = v1_format_matches_year(&r);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].expected, Some(Number::Signed(2021)));
        assert!(f[0].detail.contains("format: 2021"), "{}", f[0].detail);
        let mut r = Report::new("某市人民政府", 2021);
        assert!(v1_format_matches_year(&r).is_empty());
        r.year = 2020;
        assert_eq!(v1_format_matches_year(&r).len(), 1);
        // A 2019-format report for 2018 (before either format): nothing to say.
        let r = Report::new_in(FormatVersion::V2019, "某市人民政府", 2018);
        assert!(v1_format_matches_year(&r).is_empty());
    }
}
