//! Next year's report from last year's (issue 14): what carries over, what is proposed, and
//! which cells came from last year's report.
//!
//! A clerk writes the report every January and half of it follows from last year's: the
//! agency, table B's 二、上年结转 (= last year's 四、结转下年度), the base of table A's 现行有效件数
//! (rule Y2) and the part headings of the prose. [`next_year`] builds that report; [`carried`]
//! says which cells still hold a value taken from last year's report (so a screen can mark
//! them "来自上年报告"), [`propose_in_force`] and [`follow_in_force`] keep the proposed
//! 现行有效件数 in step with what the clerk types, and [`previous_part`] finds last year's text
//! of a part to show beside it.

use super::schema::{self, B_TOTAL_COL, R_CARRIED_FORWARD, R_CARRIED_OVER};
use super::{CellRef, DocCounts, Part, ProseSection, Report, FORMAT_VERSION};

/// The rows of table A whose 现行有效件数 follows from last year's (rule Y2), with their labels.
pub const IN_FORCE_ROWS: [(&str, &str); 2] = [
    ("regulations", "规章"),
    ("normative_documents", "行政规范性文件"),
];

/// Column of 现行有效件数 in the rows of [`IN_FORCE_ROWS`] (see [`schema::A_DOC_KEYS`]).
pub const IN_FORCE_COL: usize = 2;

/// Where the value of a cell of next year's report came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Taken as it is from last year's report (机关名称, 二、上年结转).
    Carried,
    /// Computed from last year's report and this year's figures (现行有效件数: last year's
    /// 现行有效件数 + 本年制发件数 − 本年废止件数).
    Proposed,
}

impl Origin {
    /// How a screen names the origin: `来自上年报告` or `按上年推算`.
    pub fn label(self) -> &'static str {
        match self {
            Origin::Carried => "来自上年报告",
            Origin::Proposed => "按上年推算",
        }
    }
}

/// Builds next year's report from last year's:
/// - agency carried; year = last year's + 1; the title rule carried (no explicit title stays
///   the standard title; an explicit one gets the new year, see [`next_title`]);
/// - table B's 二、上年结转 = last year's 四、结转下年度, column by column (its 总计 is the sum
///   of the six columns, as the wizard computes every total);
/// - table A's 现行有效件数 of 规章 and 行政规范性文件 proposed as last year's (this year's
///   制发 and 废止 being 0 so far);
/// - the part headings of 一, 五 and 六 carried with empty bodies (一 gets the five standard
///   headings when last year's has no parts);
/// - everything else empty (the other rows of table B, table C, 信息处理费, the preamble).
pub fn next_year(last: &Report) -> Report {
    let year = last.year.saturating_add(1);
    let mut next = Report::new(last.agency.clone(), year);
    next.format = if year >= 2021 {
        FORMAT_VERSION
    } else {
        last.format
    };
    next.title = next_title(last);
    for section in ProseSection::ALL {
        let headings: Vec<Part> = last
            .parts(section)
            .iter()
            .map(|p| Part::new(p.heading.clone(), ""))
            .collect();
        if !headings.is_empty() || section != ProseSection::Overview {
            *next.parts_mut(section) = headings;
        }
    }
    for col in 0..B_TOTAL_COL {
        next.requests.set(
            R_CARRIED_OVER,
            col,
            last.requests.get(R_CARRIED_FORWARD, col),
        );
    }
    next.requests.recompute_totals();
    for (field, _) in IN_FORCE_ROWS {
        let proposal = propose_in_force(last, &DocCounts::default(), field);
        if let Some(c) = next.proactive.count_mut(field, IN_FORCE_COL) {
            *c = proposal;
        }
    }
    next
}

/// Next year's explicit title: `None` (the standard title) when last year's had none or was
/// the standard one; otherwise last year's with its year replaced (`2023年` → `2024年`, also
/// written in Chinese numerals: `二〇二三年` → `二〇二四年`). An explicit title that does not
/// name the year is kept as it is.
pub fn next_title(last: &Report) -> Option<String> {
    let title = last.title.as_deref()?.trim();
    if title.is_empty() || title == last.standard_title() {
        return None;
    }
    let next = last.year.saturating_add(1);
    let arabic = (format!("{}年", last.year), format!("{next}年"));
    let chinese = (
        format!("{}年", chinese_year(last.year)),
        format!("{}年", chinese_year(next)),
    );
    for (old, new) in [arabic, chinese] {
        if title.contains(&old) {
            return Some(title.replacen(&old, &new, 1));
        }
    }
    Some(title.to_string())
}

/// A year in Chinese numerals, digit by digit (`2024` → `二〇二四`).
fn chinese_year(year: i32) -> String {
    const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    year.to_string()
        .chars()
        .map(|c| c.to_digit(10).map_or(c, |d| DIGITS[d as usize]))
        .collect()
}

/// The 现行有效件数 rule Y2 expects for a row of [`IN_FORCE_ROWS`]: last year's 现行有效件数 +
/// this year's 本年制发件数 − 本年废止件数 (0 when more were repealed than there were; rule Y2
/// then reports the difference). 0 for any other row.
pub fn propose_in_force(last: &Report, now: &DocCounts, field: &str) -> u64 {
    let before = last
        .proactive
        .count(field, IN_FORCE_COL)
        .filter(|_| IN_FORCE_ROWS.iter().any(|(k, _)| *k == field))
        .unwrap_or(0);
    (before + now.issued).saturating_sub(now.repealed)
}

/// Keeps a proposed 现行有效件数 in step after the clerk changed 本年制发件数 or 本年废止件数 of
/// a row (`before` → `after`): when `before`'s 现行有效件数 was the proposal (the clerk has not
/// typed another), `after`'s becomes the new proposal; a value the clerk typed is kept (rule
/// Y2 then warns while it differs). Returns whether `after` was changed.
pub fn follow_in_force(
    last: &Report,
    field: &str,
    before: &DocCounts,
    after: &mut DocCounts,
) -> bool {
    if before.in_force != propose_in_force(last, before, field) {
        return false;
    }
    let proposal = propose_in_force(last, after, field);
    let changed = after.in_force != proposal;
    after.in_force = proposal;
    changed
}

/// The cells of `report` that still hold the value next year's report takes from `last`,
/// with where it came from: 机关名称 and the six columns of 二、上年结转 ([`Origin::Carried`],
/// with the 总计 of 二 when the columns are all carried), and 现行有效件数 of 规章 and
/// 行政规范性文件 while it is the proposal ([`Origin::Proposed`]). A cell the clerk changed
/// is no longer listed (and rules Y1/Y2 say what it should be).
pub fn carried(report: &Report, last: &Report) -> Vec<(CellRef, Origin)> {
    let mut out = Vec::new();
    if !report.agency.trim().is_empty() && report.agency.trim() == last.agency.trim() {
        out.push((CellRef::Agency, Origin::Carried));
    }
    let mut all = true;
    for col in 0..B_TOTAL_COL {
        if report.requests.get(R_CARRIED_OVER, col) == last.requests.get(R_CARRIED_FORWARD, col) {
            out.push((
                CellRef::B {
                    row: R_CARRIED_OVER,
                    col,
                },
                Origin::Carried,
            ));
        } else {
            all = false;
        }
    }
    if all {
        out.push((
            CellRef::B {
                row: R_CARRIED_OVER,
                col: B_TOTAL_COL,
            },
            Origin::Carried,
        ));
    }
    for (field, _) in IN_FORCE_ROWS {
        let now = doc_counts(report, field);
        if now.in_force == propose_in_force(last, &now, field) {
            out.push((
                CellRef::A {
                    field,
                    col: IN_FORCE_COL,
                },
                Origin::Proposed,
            ));
        }
    }
    out
}

/// The counts of a row of [`IN_FORCE_ROWS`].
pub fn doc_counts(report: &Report, field: &str) -> DocCounts {
    match field {
        "regulations" => report.proactive.regulations,
        "normative_documents" => report.proactive.normative_documents,
        _ => DocCounts::default(),
    }
}

/// Last year's part that a part of this year's report continues: the part of the same
/// section with the same heading (ignoring surrounding spaces) when the heading is not empty
/// and last year's has it, otherwise the part at the same position.
pub fn previous_part<'a>(
    last: &'a Report,
    section: ProseSection,
    index: usize,
    heading: &str,
) -> Option<&'a Part> {
    let parts = last.parts(section);
    let heading = heading.trim();
    if !heading.is_empty() {
        if let Some(p) = parts.iter().find(|p| p.heading.trim() == heading) {
            return Some(p);
        }
    }
    parts.get(index)
}

/// Why a report cannot be next year's base.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BaseError {
    /// 年份 out of range, so next year's cannot be derived.
    #[error(
        "上年报告的{label} {0} 不对（应为 2008 年以后的年份），无法推出下一年",
        label = super::schema::YEAR_LABEL
    )]
    BadYear(i32),
}

/// Checks that `last` can serve as the base of next year's report.
pub fn check_base(last: &Report) -> Result<(), BaseError> {
    if last.year < 2008 || last.year > 9998 {
        return Err(BaseError::BadYear(last.year));
    }
    Ok(())
}

// The two row constants used here are the rows of 二、上年结转 and 四、结转下年度.
const _: () = assert!(matches!(
    schema::B_ROWS[R_CARRIED_OVER].role,
    schema::BRole::CarriedOver
));
const _: () = assert!(matches!(
    schema::B_ROWS[R_CARRIED_FORWARD].role,
    schema::BRole::CarriedForward
));

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::schema::B_COLUMNS;
    use crate::rules::{self, testdata, Context};

    fn findings(now: &Report, last: &Report, rule: &str) -> Vec<rules::Finding> {
        let ctx = Context {
            current_year: 2026,
            previous: Some(last),
        };
        rules::check(now, &ctx)
            .into_iter()
            .filter(|f| f.rule == rule)
            .collect()
    }

    #[test]
    fn hongze_2023_gives_2024_carrying_what_follows() {
        let last = testdata::hongze2023();
        let next = next_year(&last);
        assert_eq!(next.agency, "洪泽区人民政府");
        assert_eq!(next.year, 2024);
        assert_eq!(next.title, None);
        assert_eq!(next.format, 2021);
        // 上年结转 = 2023's 结转下年度, column by column (all seven, 总计 included).
        for (col, c) in B_COLUMNS.iter().enumerate() {
            assert_eq!(
                next.requests.get(R_CARRIED_OVER, col),
                last.requests.get(R_CARRIED_FORWARD, col),
                "{}",
                c.label
            );
        }
        // … and hongze-2024's published 上年结转 is the same (0 in every column: nothing was
        // pending at the end of 2023), so Y1 holds for the published 2024 report.
        let published = testdata::hongze2024();
        assert_eq!(
            next.requests.cells[R_CARRIED_OVER],
            published.requests.cells[R_CARRIED_OVER]
        );
        assert!(findings(&published, &last, "Y1").is_empty());
        // 现行有效件数 proposed as 2023's (5 行政规范性文件, 0 规章), nothing issued yet.
        assert_eq!(next.proactive.normative_documents.in_force, 5);
        assert_eq!(next.proactive.regulations.in_force, 0);
        // The headings of 一 carried with empty bodies; 五 and 六 have one untitled part.
        let h: Vec<&str> = next.overview.iter().map(|p| p.heading.as_str()).collect();
        let h0: Vec<&str> = last.overview.iter().map(|p| p.heading.as_str()).collect();
        assert_eq!(h, h0);
        assert!(next.overview.iter().all(|p| p.body.is_empty()));
        assert_eq!(next.problems, vec![Part::new("", "")]);
        assert_eq!(next.other_matters, vec![Part::new("", "")]);
        // Everything else empty.
        for (row, cells) in next.requests.cells.iter().enumerate() {
            if row != R_CARRIED_OVER {
                assert!(cells.iter().all(|v| *v == 0), "row {row}");
            }
        }
        assert_eq!(next.appeals, Default::default());
        assert_eq!(next.processing_fees, Default::default());
        assert_eq!(next.proactive.licensing, 0);
        assert_eq!(next.preamble, "");
        // The new report passes Y1 and Y2 against its base.
        assert!(findings(&next, &last, "Y1").is_empty());
        assert!(findings(&next, &last, "Y2").is_empty());
    }

    #[test]
    fn carried_over_follows_a_nonzero_carry_per_column() {
        let mut last = testdata::huaian();
        let fwd = [3, 1, 0, 2, 0, 4];
        for (col, v) in fwd.iter().enumerate() {
            last.requests.set(R_CARRIED_FORWARD, col, *v);
        }
        last.requests.set(R_CARRIED_FORWARD, B_TOTAL_COL, 10);
        let next = next_year(&last);
        assert_eq!(&next.requests.cells[R_CARRIED_OVER][..6], &fwd);
        assert_eq!(next.requests.get(R_CARRIED_OVER, B_TOTAL_COL), 10);
        assert!(findings(&next, &last, "Y1").is_empty());
        // Every carried column is listed, and the total with them.
        let c = carried(&next, &last);
        for col in 0..B_COLUMNS.len() {
            assert!(c.contains(&(
                CellRef::B {
                    row: R_CARRIED_OVER,
                    col
                },
                Origin::Carried
            )));
        }
        // The clerk changes one: it is no longer carried, the total neither, and Y1 says so.
        let mut edited = next.clone();
        edited.requests.set(R_CARRIED_OVER, 1, 7);
        edited.requests.recompute_totals();
        let c = carried(&edited, &last);
        let b = |col| CellRef::B {
            row: R_CARRIED_OVER,
            col,
        };
        assert!(!c.iter().any(|(r, _)| *r == b(1) || *r == b(B_TOTAL_COL)));
        assert!(c.iter().any(|(r, _)| *r == b(0)));
        let y1 = findings(&edited, &last, "Y1");
        assert_eq!(y1.len(), 2, "{y1:#?}"); // 商业企业 and 总计
        assert!(y1[0].detail.contains("= 7") && y1[0].detail.contains("= 1"));
    }

    #[test]
    fn in_force_follows_what_the_clerk_types_until_overridden() {
        let last = testdata::hongze2023(); // 行政规范性文件: 5 in force
        let mut next = next_year(&last);
        let field = "normative_documents";
        // Typing 3 issued: the proposal goes to 8.
        let before = next.proactive.normative_documents;
        next.proactive.normative_documents.issued = 3;
        assert!(follow_in_force(
            &last,
            field,
            &before,
            &mut next.proactive.normative_documents
        ));
        assert_eq!(next.proactive.normative_documents.in_force, 8);
        // 1 repealed: 7.
        let before = next.proactive.normative_documents;
        next.proactive.normative_documents.repealed = 1;
        follow_in_force(
            &last,
            field,
            &before,
            &mut next.proactive.normative_documents,
        );
        assert_eq!(next.proactive.normative_documents.in_force, 7);
        assert!(carried(&next, &last).contains(&(
            CellRef::A {
                field,
                col: IN_FORCE_COL
            },
            Origin::Proposed
        )));
        // The clerk types 9 instead: kept, no longer proposed, and Y2 warns with both numbers.
        next.proactive.normative_documents.in_force = 9;
        let before = next.proactive.normative_documents;
        next.proactive.normative_documents.issued = 4;
        assert!(!follow_in_force(
            &last,
            field,
            &before,
            &mut next.proactive.normative_documents
        ));
        assert_eq!(next.proactive.normative_documents.in_force, 9);
        assert!(!carried(&next, &last).iter().any(|(c, _)| *c
            == CellRef::A {
                field,
                col: IN_FORCE_COL
            }));
        let y2 = findings(&next, &last, "Y2");
        assert_eq!(y2.len(), 1);
        assert!(y2[0].detail.contains("= 8") && y2[0].detail.contains("= 9"));
    }

    #[test]
    fn proposal_never_goes_below_zero() {
        let last = testdata::hongze2023();
        let now = DocCounts {
            issued: 0,
            repealed: 9,
            in_force: 0,
        };
        assert_eq!(propose_in_force(&last, &now, "normative_documents"), 0);
        assert_eq!(propose_in_force(&last, &now, "licensing"), 0);
    }

    #[test]
    fn title_rule_is_carried() {
        let mut last = testdata::hongze2023();
        assert_eq!(next_title(&last), None);
        last.title = Some(last.standard_title());
        assert_eq!(next_title(&last), None);
        last.title = Some("洪泽区人民政府关于2023年政府信息公开工作的年度报告".into());
        assert_eq!(
            next_title(&last).as_deref(),
            Some("洪泽区人民政府关于2024年政府信息公开工作的年度报告")
        );
        last.title = Some("洪泽区人民政府二〇二三年政府信息公开工作年度报告".into());
        assert_eq!(
            next_title(&last).as_deref(),
            Some("洪泽区人民政府二〇二四年政府信息公开工作年度报告")
        );
        last.title = Some("政府信息公开工作年度报告".into());
        assert_eq!(
            next_title(&last).as_deref(),
            Some("政府信息公开工作年度报告")
        );
    }

    #[test]
    fn last_years_text_is_found_by_heading_then_position() {
        let last = testdata::hongze2023();
        let s = ProseSection::Overview;
        let p = previous_part(&last, s, 0, "依申请公开情况").unwrap();
        assert!(p.body.contains("受理政府信息公开申请 21 件"));
        // A renamed heading: the part at the same position.
        let p = previous_part(&last, s, 1, "主动公开").unwrap();
        assert_eq!(p.heading, "主动公开情况");
        assert!(previous_part(&last, s, 9, "").is_none());
        assert!(previous_part(&last, ProseSection::Problems, 0, "")
            .unwrap()
            .body
            .starts_with("2023 年"));
    }

    #[test]
    fn overview_without_parts_gets_the_standard_headings() {
        let mut last = testdata::hongze2023();
        last.overview.clear();
        last.problems.clear();
        let next = next_year(&last);
        assert_eq!(
            next.overview.len(),
            schema::OVERVIEW_STANDARD_HEADINGS.len()
        );
        assert!(next.problems.is_empty());
    }

    #[test]
    fn a_year_out_of_range_cannot_be_a_base() {
        let mut last = testdata::hongze2023();
        assert_eq!(check_base(&last), Ok(()));
        last.year = 0;
        assert!(check_base(&last)
            .unwrap_err()
            .to_string()
            .contains("年份 0"));
    }
}
