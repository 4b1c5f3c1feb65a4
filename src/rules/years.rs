//! Y1 and Y2: this year's report against last year's.

use super::{Finding, Number, Place, Rule, Severity};
use crate::model::schema::{
    bare_label, FormatVersion, A_DOC_ROWS, A_IN_FORCE_COL, A_ISSUED_COL, A_REPEALED_COL,
    BASIC_SECTION, B_COLUMNS, B_ROWS, R_CARRIED_FORWARD, R_CARRIED_OVER,
};
use crate::model::{CellRef, Report};

/// A warning (under Y1) when the "previous" report is not the same agency's previous year:
/// the cross-year findings would then mean nothing.
pub(super) fn y0_same_agency(report: &Report, prev: &Report) -> Vec<Finding> {
    let (a, b) = (report.agency.trim(), prev.agency.trim());
    // Reports name the same agency with or without its city (洪泽区人民政府 / 淮安市洪泽区人民政府).
    let same_agency = a.ends_with(b) || b.ends_with(a);
    if prev.year == report.year - 1 && same_agency {
        return Vec::new();
    }
    vec![Finding {
        rule: Rule::Y1,
        severity: Severity::Warning,
        path: CellRef::Year.key_path(),
        place: Place {
            section: BASIC_SECTION.into(),
            row: Some("上年报告".into()),
            column: None,
        },
        expected: Some(Number::Signed(i64::from(report.year) - 1)),
        actual: Some(Number::Signed(i64::from(prev.year))),
        cells: vec![CellRef::Year],
        detail: format!(
            "上年报告是“{}”{} 年的，应为“{}”{} 年的：跨年比较可能没有意义",
            crate::text::escape_for_message(&prev.agency, 40),
            prev.year,
            crate::text::escape_for_message(&report.agency, 40),
            report.year - 1
        ),
    }]
}

/// Y1: this year's 二、上年结转 = last year's 四、结转下年度, column by column.
pub fn y1_carried_over(report: &Report, prev: &Report) -> Vec<Finding> {
    (0..B_COLUMNS.len())
        .filter_map(|col| {
            let now = report.requests.get(R_CARRIED_OVER, col);
            let before = prev.requests.get(R_CARRIED_FORWARD, col);
            let cell = CellRef::B {
                row: R_CARRIED_OVER,
                col,
            };
            (now != before).then(|| Finding {
                rule: Rule::Y1,
                severity: Severity::Warning,
                path: cell.key_path_in(report.tables()),
                place: cell.place_in(report.tables()),
                expected: Some(Number::Count(before)),
                actual: Some(Number::Count(now)),
                cells: vec![cell],
                detail: format!(
                    "本年“{}” = {now}，上年报告“{}” = {before}",
                    bare_label(B_ROWS[R_CARRIED_OVER].short),
                    bare_label(B_ROWS[R_CARRIED_FORWARD].short)
                ),
            })
        })
        .collect()
}

/// Y2: last year's 现行有效件数 + this year's 本年制发件数 − 本年废止件数 = this year's 现行有效件数.
pub fn y2_documents_in_force(report: &Report, prev: &Report) -> Vec<Finding> {
    // The trial format of 2019 defines no such identity (FORMAT.md §7).
    if report.version() != FormatVersion::V2021 || prev.version() != FormatVersion::V2021 {
        return Vec::new();
    }
    A_DOC_ROWS
        .into_iter()
        .filter_map(|key| {
            let (now, before) = (report.proactive.docs(key)?, prev.proactive.docs(key)?);
            let expected = before.in_force as i64 + now.issued as i64 - now.repealed as i64;
            (expected != now.in_force as i64).then(|| Finding {
                rule: Rule::Y2,
                severity: Severity::Warning,
                path: CellRef::A {
                    field: key,
                    col: A_IN_FORCE_COL,
                }
                .key_path(),
                place: CellRef::A {
                    field: key,
                    col: A_IN_FORCE_COL,
                }
                .place(),
                expected: Some(Number::Signed(expected)),
                actual: Some(Number::Count(now.in_force)),
                cells: vec![
                    CellRef::A {
                        field: key,
                        col: A_IN_FORCE_COL,
                    },
                    CellRef::A {
                        field: key,
                        col: A_ISSUED_COL,
                    },
                    CellRef::A {
                        field: key,
                        col: A_REPEALED_COL,
                    },
                ],
                detail: format!(
                    "上年现行有效 {} + 本年制发 {} − 本年废止 {} = {expected}，本年现行有效 = {}",
                    before.in_force, now.issued, now.repealed, now.in_force
                ),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testdata;

    #[test]
    fn hongze_2024_against_2023() {
        let (now, prev) = (testdata::hongze2024(), testdata::hongze2023());
        // 2023 carried forward 0 and 2024 carried over 0: Y1 holds.
        assert!(y1_carried_over(&now, &prev).is_empty());
        // 规范性文件: 5 in force + 3 issued − 0 repealed = 8 = 8 in force. 规章 0 + 0 − 0 = 0.
        assert!(y2_documents_in_force(&now, &prev).is_empty());
    }

    #[test]
    fn y1_finds_a_carry_that_does_not_match() {
        let (mut now, prev) = (testdata::hongze2024(), testdata::hongze2023());
        now.requests.set(R_CARRIED_OVER, 0, 2);
        let f = y1_carried_over(&now, &prev);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].expected, Some(Number::Count(0)));
        assert_eq!(f[0].actual, Some(Number::Count(2)));
    }

    #[test]
    fn y2_finds_documents_that_do_not_add_up() {
        let (mut now, prev) = (testdata::hongze2024(), testdata::hongze2023());
        now.proactive.normative_documents.in_force = 9;
        let f = y2_documents_in_force(&now, &prev);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].expected, Some(Number::Signed(8)));
        assert_eq!(f[0].path, "proactive.normative_documents.in_force");
    }

    #[test]
    fn previous_of_another_agency_or_year_is_flagged() {
        let (now, prev) = (testdata::hongze2024(), testdata::hongze2023());
        // The 2023 report names the agency 洪泽区人民政府, the 2024 one 淮安市洪泽区人民政府.
        assert!(y0_same_agency(&now, &prev).is_empty());
        let mut other = prev.clone();
        other.year = 2022;
        assert_eq!(y0_same_agency(&now, &other).len(), 1);
        other.year = 2023;
        other.agency = "淮安市人民政府".into();
        assert_eq!(y0_same_agency(&now, &other).len(), 1);
    }
}
