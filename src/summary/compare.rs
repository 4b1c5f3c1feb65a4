//! Last year's report against this year's (or two agencies'): tables A, B and C cell by cell
//! with the change of each cell that changed, and for each prose section the share of this
//! year's text that is last year's (rule X2) with the copied passages. Pure; `nianbao diff`
//! and the viewer draw it.

use crate::model::schema::{
    A_BLOCKS, A_DOC_KEYS, B_COLUMNS, B_ROWS, B_TOTAL_COL, C_COLUMNS, C_GROUPS, SECTION_APPEALS,
    SECTION_PROACTIVE, SECTION_REQUESTS,
};
use crate::model::{Amount, Report};
use crate::rules::{copied_sections, SectionCopy};
use std::fmt;

/// A number of a table: a count or an amount (万元).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Num {
    /// A count.
    Count(u64),
    /// An amount.
    Amount(Amount),
}

impl Num {
    /// In millionths (an amount's own unit; a count × 1,000,000), to subtract and divide.
    fn micros(self) -> i128 {
        match self {
            Num::Count(v) => i128::from(v) * 1_000_000,
            Num::Amount(a) => i128::from(a.micros()),
        }
    }
}

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Num::Count(v) => write!(f, "{v}"),
            Num::Amount(a) => write!(f, "{a}"),
        }
    }
}

/// The change of a cell from last year to this year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The difference with its sign: `+45`, `−3`, `+12.5`.
    pub delta: String,
    /// The difference as a percentage of last year's value with one decimal (`+42.9%`);
    /// `None` when last year's value is 0 (a percentage of nothing means nothing).
    pub percent: Option<String>,
}

/// One cell (or a row's 总计) of a table in both years.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Label, e.g. `（一）予以公开` or `规章 · 本年制发件数`.
    pub label: String,
    /// Indentation level of the label (sub-rows of table B are 1).
    pub depth: u8,
    /// Last year's value.
    pub before: Num,
    /// This year's value.
    pub after: Num,
    /// For a row of table B: the applicant columns (自然人 … 其他) whose value changed,
    /// as (column label, last year, this year).
    pub details: Vec<(&'static str, Num, Num)>,
}

impl Line {
    /// The change, if the value changed.
    pub fn change(&self) -> Option<Change> {
        change(self.before, self.after)
    }
}

/// The change from `before` to `after`, if they differ.
pub fn change(before: Num, after: Num) -> Option<Change> {
    let (b, a) = (before.micros(), after.micros());
    if a == b {
        return None;
    }
    let d = a - b;
    let sign = if d > 0 { '+' } else { '−' };
    let magnitude = d.unsigned_abs();
    let delta = match (before, after) {
        (Num::Count(_), Num::Count(_)) => format!("{sign}{}", magnitude / 1_000_000),
        _ => format!(
            "{sign}{}",
            Amount::from_micros(magnitude.min(u128::from(u64::MAX)) as u64)
                .map_or_else(|| (magnitude / 1_000_000).to_string(), |m| m.to_string())
        ),
    };
    let percent = (b > 0).then(|| {
        // Tenths of a percent, rounded half away from zero (四舍五入).
        let t = (d.abs() * 2000 + b) / (2 * b);
        format!("{sign}{}.{}%", t / 10, t % 10)
    });
    Some(Change { delta, percent })
}

/// A table in both years.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableComparison {
    /// The section heading, e.g. `二、主动公开政府信息情况`.
    pub heading: String,
    /// The cells (table B: one line per row, its 总计, with the changed columns as details).
    pub lines: Vec<Line>,
}

impl TableComparison {
    /// How many lines changed.
    pub fn changed(&self) -> usize {
        self.lines
            .iter()
            .filter(|l| l.change().is_some() || !l.details.is_empty())
            .count()
    }
}

/// The whole comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// `机关名称 年份` of last year's report.
    pub before: String,
    /// `机关名称 年份` of this year's report.
    pub after: String,
    /// Tables A, B and C.
    pub tables: [TableComparison; 3],
    /// Sections 一, 五 and 六: how much of this year's text is last year's.
    pub prose: [SectionCopy; 3],
}

/// Compares last year's report with this year's.
pub fn compare(before: &Report, after: &Report) -> Comparison {
    Comparison {
        before: format!("{} {}", before.agency.trim(), before.year),
        after: format!("{} {}", after.agency.trim(), after.year),
        tables: [
            table_a(before, after),
            table_b(before, after),
            table_c(before, after),
        ],
        prose: copied_sections(after, before),
    }
}

fn a_value(r: &Report, field: &str, col: usize) -> Num {
    match r.proactive.count(field, col) {
        Some(v) => Num::Count(v),
        None => Num::Amount(r.proactive.fees_wan_yuan),
    }
}

fn table_a(before: &Report, after: &Report) -> TableComparison {
    let mut lines = Vec::new();
    for block in &A_BLOCKS {
        for &(field, label) in block.rows {
            for (col, column) in block.columns.iter().enumerate() {
                debug_assert!(block.columns.len() == 1 || col < A_DOC_KEYS.len());
                lines.push(Line {
                    label: format!("{label} · {column}"),
                    depth: 0,
                    before: a_value(before, field, col),
                    after: a_value(after, field, col),
                    details: Vec::new(),
                });
            }
        }
    }
    TableComparison {
        heading: SECTION_PROACTIVE.heading(),
        lines,
    }
}

fn table_b(before: &Report, after: &Report) -> TableComparison {
    let lines = B_ROWS
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let cell = |r: &Report, c: usize| Num::Count(r.requests.get(i, c));
            Line {
                label: row.short.to_string(),
                depth: u8::from(row.path.len() > 2),
                before: cell(before, B_TOTAL_COL),
                after: cell(after, B_TOTAL_COL),
                details: (0..B_TOTAL_COL)
                    .filter(|&c| cell(before, c) != cell(after, c))
                    .map(|c| (B_COLUMNS[c].label, cell(before, c), cell(after, c)))
                    .collect(),
            }
        })
        .collect();
    TableComparison {
        heading: SECTION_REQUESTS.heading(),
        lines,
    }
}

fn table_c(before: &Report, after: &Report) -> TableComparison {
    let mut lines = Vec::new();
    for (g, group) in C_GROUPS.iter().enumerate() {
        for (c, column) in C_COLUMNS.iter().enumerate() {
            lines.push(Line {
                label: format!("{} · {}", group.short, column.label),
                depth: 0,
                before: Num::Count(before.appeals.cells[g][c]),
                after: Num::Count(after.appeals.cells[g][c]),
                details: Vec::new(),
            });
        }
    }
    TableComparison {
        heading: SECTION_APPEALS.heading(),
        lines,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testdata;

    #[test]
    fn changes_have_signs_and_percentages_where_they_mean_something() {
        let c = change(Num::Count(21), Num::Count(95)).unwrap();
        // (95 − 21) / 21 = 352.38 %.
        assert_eq!(
            (c.delta.as_str(), c.percent.as_deref()),
            ("+74", Some("+352.4%"))
        );
        let c = change(Num::Count(8), Num::Count(5)).unwrap();
        assert_eq!(
            (c.delta.as_str(), c.percent.as_deref()),
            ("−3", Some("−37.5%"))
        );
        // From nothing: no percentage.
        let c = change(Num::Count(0), Num::Count(50)).unwrap();
        assert_eq!((c.delta.as_str(), c.percent), ("+50", None));
        assert_eq!(change(Num::Count(4), Num::Count(4)), None);
        let a = |s: &str| Num::Amount(Amount::parse(s, 6).unwrap());
        let c = change(a("7000"), a("7545.5")).unwrap();
        assert_eq!(
            (c.delta.as_str(), c.percent.as_deref()),
            ("+545.5", Some("+7.8%"))
        );
    }

    #[test]
    fn hongze_2023_against_2024() {
        let c = compare(&testdata::hongze2023(), &testdata::hongze2024());
        assert_eq!(c.before, "洪泽区人民政府 2023");
        assert_eq!(c.after, "淮安市洪泽区人民政府 2024");
        let [a, b, t] = &c.tables;
        assert_eq!(a.lines.len(), 10);
        assert_eq!(b.lines.len(), 25);
        assert_eq!(t.lines.len(), 15);
        // 行政规范性文件 in force: 5 → 8.
        let docs = a
            .lines
            .iter()
            .find(|l| l.label == "行政规范性文件 · 现行有效件数")
            .unwrap();
        let ch = docs.change().unwrap();
        assert_eq!(
            (ch.delta.as_str(), ch.percent.as_deref()),
            ("+3", Some("+60.0%"))
        );
        // 一、本年新收 21 → 95; only 自然人 (and 总计) changed.
        let received = &b.lines[0];
        assert_eq!(
            (received.before, received.after),
            (Num::Count(21), Num::Count(95))
        );
        assert_eq!(
            received.details,
            vec![("自然人", Num::Count(21), Num::Count(95))]
        );
        // 二、上年结转 0 → 0: unchanged.
        assert!(b.lines[1].change().is_none() && b.lines[1].details.is_empty());
        // 行政复议 · 总计 was printed as 0 in 2023, 2 in 2024.
        let recon_total = t
            .lines
            .iter()
            .find(|l| l.label == "行政复议 · 总计")
            .unwrap();
        assert_eq!(recon_total.change().unwrap().delta, "+2");
        assert_eq!(recon_total.change().unwrap().percent, None);
        // 一 43.3 %, 五 37.7 %, 六 90.9 % of this year's text is last year's.
        let shares: Vec<String> = c.prose.iter().map(SectionCopy::percent).collect();
        assert_eq!(shares, ["43.3%", "37.7%", "90.9%"]);
    }
}

/// What a line of the comparison's text is, for styling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// A table's heading (`二、主动公开政府信息情况（10 项中 7 项有变化）`).
    Heading,
    /// The column headers (上年 本年 变化 幅度).
    Columns,
    /// A cell that changed.
    Changed,
    /// A cell that did not change.
    Unchanged,
    /// An applicant column of a table B row that changed (`其中 自然人 …`).
    Detail,
}

/// Width of each number column of [`table_text`] (上年, 本年, 变化, 幅度).
pub const NUM_WIDTH: usize = 11;

fn line_text(label: &str, depth: u8, cells: [String; 4], label_w: usize) -> String {
    use crate::summary::fit::{cut, pad};
    let indent = "  ".repeat(depth as usize);
    let mut s = pad(&cut(&format!("{indent}{label}"), label_w), label_w, false);
    for c in cells {
        s.push_str(&pad(&c, NUM_WIDTH, true));
    }
    s.trim_end().to_string()
}

fn cells(before: Num, after: Num) -> [String; 4] {
    let ch = change(before, after);
    [
        before.to_string(),
        after.to_string(),
        ch.as_ref().map_or(String::new(), |c| c.delta.clone()),
        ch.and_then(|c| c.percent).unwrap_or_default(),
    ]
}

/// The three tables as lines of text for a screen `width` wide: per table a heading, the
/// column headers and one line per cell (table B: per row, its 总计, with the applicant
/// columns that changed under it when they are not simply the 总计's change). With
/// `only_changed`, unchanged cells are left out.
pub fn table_text(c: &Comparison, width: usize, only_changed: bool) -> Vec<(String, LineKind)> {
    let label_w = width.saturating_sub(4 * NUM_WIDTH).clamp(16, 40);
    let mut out = Vec::new();
    for (n, t) in c.tables.iter().enumerate() {
        if n > 0 {
            out.push((String::new(), LineKind::Unchanged));
        }
        let changed = t.changed();
        out.push((
            format!("{}（{} 项中 {changed} 项有变化）", t.heading, t.lines.len()),
            LineKind::Heading,
        ));
        if changed == 0 && only_changed {
            continue;
        }
        if n == 1 {
            out.push((
                "按“总计”列对照；其他列有变化时列在该行之下".into(),
                LineKind::Columns,
            ));
        }
        out.push((
            line_text(
                "",
                0,
                ["上年".into(), "本年".into(), "变化".into(), "幅度".into()],
                label_w,
            ),
            LineKind::Columns,
        ));
        for l in &t.lines {
            let moved = l.change().is_some();
            if only_changed && !moved && l.details.is_empty() {
                continue;
            }
            out.push((
                line_text(&l.label, l.depth, cells(l.before, l.after), label_w),
                if moved {
                    LineKind::Changed
                } else {
                    LineKind::Unchanged
                },
            ));
            let just_the_total =
                l.details.len() == 1 && (l.details[0].1, l.details[0].2) == (l.before, l.after);
            if !just_the_total {
                for (label, b, a) in &l.details {
                    out.push((
                        line_text(
                            &format!("其中 {label}"),
                            l.depth + 1,
                            cells(*b, *a),
                            label_w,
                        ),
                        LineKind::Detail,
                    ));
                }
            }
        }
    }
    out
}

/// The heading line of a prose section in the comparison: its X2 share and verdict.
pub fn prose_heading(copy: &SectionCopy) -> String {
    use crate::rules::copied::{MIN_CHARS, MIN_RUN};
    let verdict = if copy.is_copied() {
        "：内容雷同（X2）".to_string()
    } else if copy.chars < MIN_CHARS {
        format!("（不足 {MIN_CHARS} 字，X2 不计）")
    } else {
        String::new()
    };
    format!(
        "{}：本年 {} 字中 {} 字（{}）与上年同一节连续 {MIN_RUN} 字以上相同{verdict}",
        copy.section.heading(),
        copy.chars,
        copy.copied,
        copy.percent()
    )
}
