//! Next year's report from last year's (issues 14 and 15): what carries over, what is
//! proposed, and which cells came from last year's report — in either version of the format.
//!
//! A clerk writes the report every January and half of it follows from last year's: the
//! agency, table B's 二、上年结转 (= last year's 四、结转下年度, in any two formats), the part
//! headings of the prose, and some cells of table A that continue last year's ([`proposals`]:
//! 现行有效件数 (rule Y2) between two 2021-format reports; 对外公开总数量 and 上一年项目数量
//! between two 2019-format ones; none across the change of format). [`next_year`] builds that
//! report; [`carried`] says which cells still hold a value taken from last year's report (so a
//! screen can mark them "来自上年报告"), [`follow`] keeps the proposals in step with what the
//! clerk types, and [`previous_part`] finds last year's text of a part to show beside it.

use super::schema::{
    self, FormatVersion, A_BLOCKS_2019, A_NORMATIVE_DOCUMENTS, A_REGULATIONS, B_TOTAL_COL,
    R_CARRIED_FORWARD, R_CARRIED_OVER,
};
use super::{CellRef, DocCounts, Part, ProseSection, Report, Value};

/// The rows of table A whose 现行有效件数 follows from last year's (rule Y2), with their labels.
pub const IN_FORCE_ROWS: [(&str, &str); 2] = [
    (A_REGULATIONS, schema::A_REGULATIONS_LABEL),
    (A_NORMATIVE_DOCUMENTS, schema::A_NORMATIVE_DOCUMENTS_LABEL),
];

/// Column of 现行有效件数 in the rows of [`IN_FORCE_ROWS`] (see [`schema::A_DOC_KEYS`]).
pub const IN_FORCE_COL: usize = schema::A_IN_FORCE_COL;

/// Column of 对外公开总数量 in the 2019 第二十条第（一）项 rows (see [`schema::A19_DOC_KEYS`]).
pub const TOTAL_PUBLIC_COL: usize = 2;
/// Column of 本年新公开数量 in the 2019 第二十条第（一）项 rows.
pub const PUBLISHED_COL: usize = 1;
/// Column of 上一年项目数量 in the 2019 rows counting items (see [`schema::A19_ITEM_KEYS`]).
pub const LAST_YEAR_ITEMS_COL: usize = 0;

/// Where the value of a cell of next year's report came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Taken as it is from last year's report (机关名称, 二、上年结转).
    Carried,
    /// Computed from last year's report (and this year's figures): see [`Proposal`].
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

/// A cell of table A whose value follows from last year's report: what it should be given
/// this year's figures so far, and how that is computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    /// The cell (a count of table A).
    pub cell: CellRef,
    /// The proposed value.
    pub value: u64,
    /// The computation with its numbers, without the result, e.g.
    /// `上年现行有效 11 + 制发 3 − 废止 0` (a screen appends `= 14`).
    pub basis: String,
    /// Whether the proposal changes with what the clerk types this year (现行有效件数 and
    /// 对外公开总数量 do; 上一年项目数量 is last year's alone).
    pub follows_typing: bool,
}

/// The proposals of `report` as next year's report of `last` (FORMAT.md §5, §7 and
/// docs/decisions/nextyear.md), given this year's figures typed so far:
/// - both in the 2021 format: 现行有效件数 of 规章 and 行政规范性文件 = last year's 现行有效件数
///   + 本年制发件数 − 本年废止件数 (rule Y2; 0 rather than negative);
/// - both in the 2019 format: 对外公开总数量 of 规章 and 规范性文件 = last year's 对外公开总数量 +
///   本年新公开数量; 上一年项目数量 of 行政许可, 其他对外管理服务事项, 行政处罚, 行政强制 and
///   行政事业性收费 = last year's 上一年项目数量 + 本年增/减 (the items at the end of last year;
///   0 rather than negative);
/// - across the change of format (a 2020 report in the 2019 format, its 2021 successor in the
///   2021 format): none — the two table A's count different things.
pub fn proposals(report: &Report, last: &Report) -> Vec<Proposal> {
    match (last.version(), report.version()) {
        (FormatVersion::V2021, FormatVersion::V2021) => IN_FORCE_ROWS
            .iter()
            .map(|(field, _)| {
                let now = doc_counts(report, field);
                let before = last.proactive.count(field, IN_FORCE_COL).unwrap_or(0);
                Proposal {
                    cell: CellRef::A {
                        field,
                        col: IN_FORCE_COL,
                    },
                    value: propose_in_force(last, &now, field),
                    basis: format!(
                        "上年现行有效 {before} + 制发 {} − 废止 {}",
                        now.issued, now.repealed
                    ),
                    follows_typing: true,
                }
            })
            .collect(),
        (FormatVersion::V2019, FormatVersion::V2019) => proposals_2019(report, last),
        _ => Vec::new(),
    }
}

/// [`proposals`] between two 2019-format reports, read off the schema's 2019 table A: the
/// 第二十条第（一）项 rows (对外公开总数量) and every row with a 上一年项目数量 column.
fn proposals_2019(report: &Report, last: &Report) -> Vec<Proposal> {
    let count = |r: &Report, field, col| r.count(CellRef::A { field, col }).unwrap_or(0);
    let mut out = Vec::new();
    let docs = &A_BLOCKS_2019[0];
    for (field, _) in docs.rows {
        let (before, published) = (
            count(last, field, TOTAL_PUBLIC_COL),
            count(report, field, PUBLISHED_COL),
        );
        out.push(Proposal {
            cell: CellRef::A {
                field,
                col: TOTAL_PUBLIC_COL,
            },
            value: before.saturating_add(published),
            // The labels without 总数量/数量, to fit a status line at 80 columns.
            basis: format!(
                "上年{} {before} + {} {published}",
                short(docs.columns[TOTAL_PUBLIC_COL]),
                short(docs.columns[PUBLISHED_COL])
            ),
            follows_typing: true,
        });
    }
    let items = A_BLOCKS_2019
        .iter()
        .filter(|b| b.keys.get(LAST_YEAR_ITEMS_COL) == Some(&"last_year"));
    for block in items {
        for (field, _) in block.rows {
            let n = count(last, field, LAST_YEAR_ITEMS_COL);
            let change = match last.get(CellRef::A {
                field,
                col: schema::A19_CHANGE_COL,
            }) {
                Value::Signed(c) => c,
                _ => 0,
            };
            let value = i128::from(n) + i128::from(change);
            out.push(Proposal {
                cell: CellRef::A {
                    field,
                    col: LAST_YEAR_ITEMS_COL,
                },
                value: u64::try_from(value.max(0)).unwrap_or(u64::MAX),
                basis: format!(
                    "上年{} {n} + {} {change}",
                    block.columns[LAST_YEAR_ITEMS_COL],
                    block.columns[schema::A19_CHANGE_COL]
                ),
                follows_typing: false,
            });
        }
    }
    out
}

/// A column label without its ending `总数量`/`数量` (`对外公开总数量` → `对外公开`).
fn short(label: &str) -> &str {
    label.trim_end_matches(['总', '数', '量'])
}

/// The proposal for a cell of `report`, if it has one (whatever the cell holds now).
pub fn proposal_for(report: &Report, last: &Report, cell: CellRef) -> Option<Proposal> {
    proposals(report, last).into_iter().find(|p| p.cell == cell)
}

/// The column labels of the cells [`proposals`] fills, in table order without repeats
/// (`现行有效件数`; `对外公开总数量`, `上一年项目数量`; none across formats), for a message
/// saying what was carried.
pub fn proposed_columns(report: &Report, last: &Report) -> Vec<&'static str> {
    let tables = report.tables();
    let mut out: Vec<&'static str> = Vec::new();
    for p in proposals(report, last) {
        if let CellRef::A { field, col } = p.cell {
            if let Some(label) = tables.a_block_of(field).and_then(|b| b.columns.get(col)) {
                if !out.contains(label) {
                    out.push(label);
                }
            }
        }
    }
    out
}

/// Builds next year's report from last year's:
/// - agency carried; year = last year's + 1; the title rule carried (no explicit title stays
///   the standard title; an explicit one gets the new year, see [`next_title`]);
/// - the format the new year's reports follow ([`FormatVersion::for_year`]: a 2019 report
///   gives a 2019-format 2020 report, a 2020 one a 2021-format 2021 report, FORMAT.md §7);
/// - table B's 二、上年结转 = last year's 四、结转下年度, column by column (its 总计 is the sum
///   of the six columns, as the wizard computes every total), across formats too (rule Y1);
/// - table A's [`proposals`] (this year's other figures being 0 so far);
/// - the part headings of 一, 五 and 六 carried with empty bodies (一 gets the five standard
///   headings when last year's has no parts);
/// - everything else empty (the other rows of table B, table C, 信息处理费, the preamble).
pub fn next_year(last: &Report) -> Report {
    let year = last.year.saturating_add(1);
    let mut next = Report::new_in(FormatVersion::for_year(year), last.agency.clone(), year);
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
    for p in proposals(&next, last) {
        // A proposal is a count of table A of the new report's own format: it always fits.
        let _ = next.set(p.cell, Value::Count(p.value));
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

/// Keeps the proposals in step after the clerk changed a figure (`before` → `after`): a cell
/// that held its proposal in `before` and that the clerk did not type into gets the proposal
/// of `after` (e.g. 现行有效件数 after 本年制发件数 changed); a value the clerk typed instead
/// is kept (rule Y2 then warns while it differs, in the 2021 format). Returns whether `after`
/// was changed.
pub fn follow(last: &Report, before: &Report, after: &mut Report) -> bool {
    let mut changed = false;
    for p in proposals(before, last) {
        let held = before.count(p.cell);
        if !p.follows_typing || held != Some(p.value) || after.count(p.cell) != held {
            continue;
        }
        if let Some(now) = proposal_for(after, last, p.cell) {
            if Some(now.value) != held && after.set(p.cell, Value::Count(now.value)).is_ok() {
                changed = true;
            }
        }
    }
    changed
}

/// The cells of `report` that still hold the value next year's report takes from `last`,
/// with where it came from: 机关名称 and the six columns of 二、上年结转 ([`Origin::Carried`],
/// with the 总计 of 二 when the columns are all carried), and each cell of table A while it
/// holds its [`proposals`] value ([`Origin::Proposed`]; none across the change of format). A
/// cell the clerk changed is no longer listed (and rules Y1/Y2 say what it should be).
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
    for p in proposals(report, last) {
        if report.count(p.cell) == Some(p.value) {
            out.push((p.cell, Origin::Proposed));
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
        // 上年结转 = 2023's 结转下年度 in all seven columns (总计 included).
        assert_eq!(
            next.requests.cells[R_CARRIED_OVER],
            last.requests.cells[R_CARRIED_FORWARD]
        );
        assert_eq!(proposed_columns(&next, &last), ["现行有效件数"]);
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

    /// Sets a count of `r` as the wizard does, the proposals following.
    fn type_count(last: &Report, r: &mut Report, cell: CellRef, v: u64) -> bool {
        let before = r.clone();
        r.set(cell, Value::Count(v)).unwrap();
        follow(last, &before, r)
    }

    #[test]
    fn in_force_follows_what_the_clerk_types_until_overridden() {
        let last = testdata::hongze2023(); // 行政规范性文件: 5 in force
        let mut next = next_year(&last);
        let field = "normative_documents";
        let cell = |col| CellRef::A { field, col };
        // Typing 3 issued: the proposal goes to 8.
        assert!(type_count(&last, &mut next, cell(0), 3));
        assert_eq!(next.proactive.normative_documents.in_force, 8);
        // 1 repealed: 7.
        type_count(&last, &mut next, cell(1), 1);
        assert_eq!(next.proactive.normative_documents.in_force, 7);
        assert!(carried(&next, &last).contains(&(cell(IN_FORCE_COL), Origin::Proposed)));
        let p = proposal_for(&next, &last, cell(IN_FORCE_COL)).unwrap();
        assert_eq!(p.basis, "上年现行有效 5 + 制发 3 − 废止 1");
        assert_eq!(p.value, 7);
        // 规章 is left alone by typing in 行政规范性文件.
        assert_eq!(next.proactive.regulations.in_force, 0);
        // The clerk types 9 instead: kept, no longer proposed, and Y2 warns with both numbers.
        type_count(&last, &mut next, cell(IN_FORCE_COL), 9);
        assert!(!type_count(&last, &mut next, cell(0), 4));
        assert_eq!(next.proactive.normative_documents.in_force, 9);
        assert!(!carried(&next, &last)
            .iter()
            .any(|(c, _)| *c == cell(IN_FORCE_COL)));
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

    fn shanghai2019() -> Report {
        testdata::load(include_str!("../../examples/shanghai-2019.yaml"))
    }

    fn a(field: &'static str, col: usize) -> CellRef {
        CellRef::A { field, col }
    }

    #[test]
    fn shanghai_2019_gives_a_2020_report_in_the_2019_format() {
        let mut last = shanghai2019();
        // Shanghai's item rows are all 0 as published: give two of them numbers.
        last.proactive_2019.licensing.last_year = 56;
        last.proactive_2019.licensing.change = -3;
        last.proactive_2019.fees.last_year = 4;
        last.proactive_2019.fees.change = -9;
        last.proactive_2019.penalties.decisions = 1200;
        let next = next_year(&last);
        assert_eq!(next.version(), FormatVersion::V2019);
        assert_eq!(
            (next.agency.as_str(), next.year),
            ("上海市人民政府办公厅", 2020)
        );
        // The explicit title gets the new year.
        assert_eq!(
            next.title.as_deref(),
            Some("2020年上海市人民政府办公厅政府信息公开工作年度报告")
        );
        // 上年结转 = 2019's 结转下年度 (72 自然人).
        assert_eq!(next.requests.cells[R_CARRIED_OVER], [72, 0, 0, 0, 0, 0, 72]);
        // Table A continues 2019's: 对外公开总数量 (nothing published yet in 2020) and the
        // items at the end of 2019 (56 − 3; 4 − 9 is 0, not negative); the figures of the
        // year itself are 0.
        let p = &next.proactive_2019;
        assert_eq!(p.regulations.total_public, 524);
        assert_eq!(p.normative_documents.total_public, 368);
        assert_eq!((p.regulations.made, p.regulations.published), (0, 0));
        assert_eq!(p.licensing.last_year, 53);
        assert_eq!(p.licensing.change, 0);
        assert_eq!(p.fees.last_year, 0);
        assert_eq!(p.penalties.decisions, 0);
        assert_eq!(p.procurement, Default::default());
        // The 2021 table A and 信息处理费 stay empty; the 2019 row （六）其他处理 too.
        assert_eq!(next.proactive, Default::default());
        assert_eq!(next.processing_fees, Default::default());
        assert_eq!(next.requests.get(schema::R_OTHER_2019_SLOT, 0), 0);
        // Every proposal is marked, with its computation.
        let c = carried(&next, &last);
        for cell in [
            a("regulations", TOTAL_PUBLIC_COL),
            a("normative_documents", TOTAL_PUBLIC_COL),
            a("licensing", LAST_YEAR_ITEMS_COL),
            a("other_services", LAST_YEAR_ITEMS_COL),
            a("penalties", LAST_YEAR_ITEMS_COL),
            a("coercive_measures", LAST_YEAR_ITEMS_COL),
            a("fees", LAST_YEAR_ITEMS_COL),
        ] {
            assert!(c.contains(&(cell, Origin::Proposed)), "{cell:?} in {c:?}");
        }
        assert_eq!(c.iter().filter(|(_, o)| *o == Origin::Proposed).count(), 7);
        let basis = |cell| proposal_for(&next, &last, cell).unwrap().basis;
        assert_eq!(
            basis(a("regulations", TOTAL_PUBLIC_COL)),
            "上年对外公开 524 + 本年新公开 0"
        );
        assert_eq!(
            basis(a("licensing", LAST_YEAR_ITEMS_COL)),
            "上年上一年项目数量 56 + 本年增/减 -3"
        );
        assert_eq!(
            proposed_columns(&next, &last),
            ["对外公开总数量", "上一年项目数量"]
        );
        // Y1 holds; Y2 does not apply; the format fits the year (V1).
        for rule in ["Y1", "Y2", "V1"] {
            assert!(findings(&next, &last, rule).is_empty(), "{rule}");
        }
        // Written and read back, the same report.
        let yaml = crate::yaml::to_yaml(&next);
        assert_eq!(crate::yaml::load_str(&yaml, "next").unwrap().report, next);
    }

    #[test]
    fn the_2019_proposals_follow_what_the_clerk_types() {
        let last = shanghai2019();
        let mut next = next_year(&last);
        // 13 规章 published in 2020: 对外公开总数量 524 + 13.
        assert!(type_count(
            &last,
            &mut next,
            a("regulations", PUBLISHED_COL),
            13
        ));
        assert_eq!(next.proactive_2019.regulations.total_public, 537);
        assert_eq!(next.proactive_2019.normative_documents.total_public, 368);
        // 本年新制作数量 is not part of it.
        assert!(!type_count(&last, &mut next, a("regulations", 0), 20));
        assert_eq!(next.proactive_2019.regulations.total_public, 537);
        // 上一年项目数量 is last year's alone: this year's 增/减 and decisions leave it.
        next.proactive_2019.licensing.change = 5;
        assert!(!type_count(&last, &mut next, a("licensing", 2), 9));
        assert_eq!(next.proactive_2019.licensing.last_year, 0);
        assert!(carried(&next, &last).contains(&(a("licensing", 0), Origin::Proposed)));
        // A number the clerk types instead is kept and no longer marked.
        type_count(&last, &mut next, a("regulations", TOTAL_PUBLIC_COL), 530);
        assert!(!type_count(
            &last,
            &mut next,
            a("regulations", PUBLISHED_COL),
            14
        ));
        assert_eq!(next.proactive_2019.regulations.total_public, 530);
        type_count(&last, &mut next, a("licensing", 0), 7);
        let c = carried(&next, &last);
        assert!(!c
            .iter()
            .any(|(x, _)| *x == a("regulations", TOTAL_PUBLIC_COL)));
        assert!(!c.iter().any(|(x, _)| *x == a("licensing", 0)));
        assert!(c.contains(&(a("normative_documents", TOTAL_PUBLIC_COL), Origin::Proposed)));
        // No rule compares them (the trial format defines no identity): only the mark goes.
        assert!(findings(&next, &last, "Y2").is_empty());
    }

    #[test]
    fn a_2020_report_in_the_2019_format_gives_a_2021_report_in_the_2021_format() {
        let mut last = shanghai2019();
        last.year = 2020;
        last.title = None;
        last.proactive_2019.licensing.last_year = 56;
        let next = next_year(&last);
        assert_eq!(next.version(), FormatVersion::V2021);
        assert_eq!(next.year, 2021);
        // 上年结转 carries across formats (Y1 applies, FORMAT.md §7) …
        assert_eq!(
            next.requests.cells[R_CARRIED_OVER],
            last.requests.cells[R_CARRIED_FORWARD]
        );
        // … table A does not: the 2021 table counts other things (现行有效件数 is not
        // 对外公开总数量), so it starts empty and nothing in it is marked.
        assert_eq!(next.proactive, Default::default());
        assert_eq!(next.proactive_2019, Default::default());
        assert!(proposals(&next, &last).is_empty());
        assert!(proposed_columns(&next, &last).is_empty());
        let c = carried(&next, &last);
        assert!(
            !c.iter().any(|(x, _)| matches!(x, CellRef::A { .. })),
            "{c:?}"
        );
        assert_eq!(c.iter().filter(|(_, o)| *o == Origin::Carried).count(), 8);
        // Typing table A follows nothing.
        let mut edited = next.clone();
        assert!(!type_count(&last, &mut edited, a("regulations", 0), 3));
        assert_eq!(edited.proactive.regulations.in_force, 0);
        for rule in ["Y1", "Y2", "V1"] {
            assert!(findings(&next, &last, rule).is_empty(), "{rule}");
        }
    }

    #[test]
    fn the_format_follows_the_new_year() {
        // A 2021-format report for 2018 (no format covers 2018) gives a 2019-format 2019 one.
        let mut last = testdata::hongze2023();
        last.year = 2018;
        assert_eq!(next_year(&last).version(), FormatVersion::V2019);
        last.year = 2023;
        assert_eq!(next_year(&last).version(), FormatVersion::V2021);
        // A 2019-format report for a year after 2020 (V1 warns on it) gives a 2021 one.
        let mut last = shanghai2019();
        last.year = 2022;
        let next = next_year(&last);
        assert_eq!(next.version(), FormatVersion::V2021);
        assert!(proposals(&next, &last).is_empty());
    }
}
