//! M1: 机关名称 present; 年份 from 2008 to next year.

use super::{Finding, Number, Rule, Severity};
use crate::model::schema::{AGENCY_LABEL, YEAR_LABEL};
use crate::model::{CellRef, Report};

/// The year the Regulation (政府信息公开条例) took effect.
pub const FIRST_YEAR: i32 = 2008;

/// M1: agency not empty; year within 2008..=current_year+1.
pub fn m1_agency_and_year(report: &Report, current_year: i32) -> Vec<Finding> {
    let mut out = Vec::new();
    if report.agency.trim().is_empty() {
        out.push(Finding {
            rule: Rule::M1,
            severity: Severity::Error,
            path: CellRef::Agency.key_path(),
            place: CellRef::Agency.place(),
            expected: None,
            actual: None,
            cells: vec![CellRef::Agency],
            detail: format!("{AGENCY_LABEL}为空：请填写发布报告的机关全称"),
        });
    }
    let last = current_year + 1;
    if !(FIRST_YEAR..=last).contains(&report.year) {
        out.push(Finding {
            rule: Rule::M1,
            severity: Severity::Error,
            path: CellRef::Year.key_path(),
            place: CellRef::Year.place(),
            expected: None,
            actual: Some(Number::Signed(i64::from(report.year))),
            cells: vec![CellRef::Year],
            detail: format!(
                "{YEAR_LABEL} {} 不对：应在 {FIRST_YEAR} 到 {last} 之间",
                report.year
            ),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testdata;

    #[test]
    fn real_report_passes() {
        assert!(m1_agency_and_year(&testdata::huaian(), 2026).is_empty());
    }

    #[test]
    fn empty_agency_and_bad_years_are_found() {
        let mut r = testdata::huaian();
        r.agency = "  ".into();
        r.year = 2007;
        let f = m1_agency_and_year(&r, 2026);
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].path, "agency");
        assert_eq!(f[1].detail, "年份 2007 不对：应在 2008 到 2027 之间");
        r.agency = "x".into();
        r.year = 2027;
        assert!(m1_agency_and_year(&r, 2026).is_empty());
        r.year = 2028;
        assert_eq!(m1_agency_and_year(&r, 2026).len(), 1);
        r.year = 2008;
        assert!(m1_agency_and_year(&r, 2026).is_empty());
    }
}
