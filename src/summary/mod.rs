//! The figures of many reports at a glance (the reviewer's desk): one row per report, a
//! totals row, and the choice of columns for a screen of a given width.
//!
//! Pure: a row is computed from a report, its findings and (optionally) last year's report.
//! `nianbao summary` and the viewer's overview screen both draw these rows; every column's
//! label, key and definition is written down once, in [`COLUMNS`].

mod columns;
pub mod compare;
pub mod fit;

pub use columns::{Column, ColumnDef, COLUMNS};
pub use fit::{fit_columns, Fitted};

use crate::model::schema::{
    B_ROWS, B_TOTAL_COL, C_COLUMNS, C_TOTAL_COL, R_CARRIED_FORWARD, R_CARRIED_OVER,
    R_OUTCOME_TOTAL, R_RECEIVED,
};
use crate::model::Report;
use crate::rules::{self, Finding};
use std::cmp::Ordering;

/// The figures of one report (or, added up, of many: the totals row).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figures {
    /// 机关名称 (the totals row: `合计（N 份）`).
    pub agency: String,
    /// 报告年度 (`None` in the totals row).
    pub year: Option<i32>,
    /// 一、本年新收 · 总计.
    pub received: u64,
    /// 二、上年结转 · 总计.
    pub carried_over: u64,
    /// （七）总计 · 总计 (办结).
    pub completed: u64,
    /// （一）予以公开 · 总计.
    pub disclosed: u64,
    /// （二）部分公开 · 总计.
    pub partially_disclosed: u64,
    /// （三）不予公开: the 总计 of its 8 rows added up.
    pub withheld: u64,
    /// （四）无法提供: the 总计 of its 3 rows added up.
    pub unable: u64,
    /// （五）不予处理: the 总计 of its 5 rows added up.
    pub not_processed: u64,
    /// 四、结转下年度继续办理 · 总计.
    pub carried_forward: u64,
    /// 行政复议 · 总计.
    pub reconsideration: u64,
    /// 行政诉讼 · 总计 of both groups (未经复议直接起诉 + 复议后起诉).
    pub litigation: u64,
    /// 结果纠正 of all three groups of table C.
    pub corrected: u64,
    /// Concluded cases of all three groups: 结果维持 + 结果纠正 + 其他结果 (= 总计 − 尚未审结).
    pub concluded: u64,
    /// Errors found by the rules.
    pub errors: usize,
    /// Warnings found by the rules.
    pub warnings: usize,
    /// Rule X2: the largest share of last year's text (per mille) among the prose sections
    /// X2 looks at (≥ 100 characters); `None` without a previous report or such a section.
    pub copied_per_mille: Option<usize>,
    /// Rule Y1: how many columns of 二、上年结转 differ from last year's 四、结转下年度;
    /// `None` without a previous report.
    pub y1_mismatches: Option<usize>,
    /// How many reports the figures add up (1 for a report's row).
    pub reports: usize,
}

/// A cell's value, typed so that it sorts and prints as it should.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text (机关名称, the Y1 result).
    Text(String),
    /// A whole number.
    Int(u64),
    /// A rate `num / den`, shown as a percentage with one decimal; `—` when `den` is 0.
    Rate {
        /// Numerator.
        num: u64,
        /// Denominator.
        den: u64,
    },
    /// A share in per mille, shown as a percentage with one decimal.
    PerMille(usize),
    /// Nothing to show (`—`): no previous report.
    Missing,
    /// An empty cell (the totals row's year): blank, `null` in JSON.
    Blank,
}

impl Value {
    /// As shown in tables and CSV: rates and shares as `62.1%`, `—` where there is none.
    pub fn display(&self) -> String {
        match self {
            Value::Text(t) => t.clone(),
            Value::Int(v) => v.to_string(),
            Value::Rate { den: 0, .. } | Value::Missing => "—".into(),
            Value::Blank => String::new(),
            Value::Rate { num, den } => {
                let t = tenths_of_percent(*num, *den);
                format!("{}.{}%", t / 10, t % 10)
            }
            Value::PerMille(p) => format!("{}.{}%", p / 10, p % 10),
        }
    }

    /// As a JSON value: numbers as numbers (rates and shares as percentages rounded to one
    /// decimal), `null` where there is none.
    pub fn json(&self) -> serde_json::Value {
        match self {
            Value::Text(t) => t.clone().into(),
            Value::Int(v) => (*v).into(),
            Value::Rate { den: 0, .. } | Value::Missing | Value::Blank => serde_json::Value::Null,
            Value::Rate { num, den } => (tenths_of_percent(*num, *den) as f64 / 10.0).into(),
            Value::PerMille(p) => (*p as f64 / 10.0).into(),
        }
    }

    /// A number to sort by, if the value is one.
    fn number(&self) -> Option<f64> {
        match self {
            Value::Int(v) => Some(*v as f64),
            Value::Rate { num, den } if *den > 0 => Some(*num as f64 / *den as f64),
            Value::PerMille(p) => Some(*p as f64),
            _ => None,
        }
    }

    /// Ascending order; `—` after every value.
    pub fn compare(&self, other: &Value) -> Ordering {
        match (self.number(), other.number()) {
            (Some(a), Some(b)) => a.total_cmp(&b),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => match (self, other) {
                (Value::Text(a), Value::Text(b)) => a.cmp(b),
                (Value::Text(_), _) => Ordering::Less,
                (_, Value::Text(_)) => Ordering::Greater,
                _ => Ordering::Equal,
            },
        }
    }
}

/// `num / den` in tenths of a percent, rounded half up (四舍五入: 1/16 = 6.25 % → 6.3 %).
fn tenths_of_percent(num: u64, den: u64) -> u64 {
    let (num, den) = (u128::from(num), u128::from(den));
    ((num * 2000 + den) / (2 * den)) as u64
}

/// The natural width of a column: the widest of its header and its values in `rows` and
/// the totals row (display columns; CJK characters count two).
pub fn natural_width<'a>(
    column: Column,
    rows: impl IntoIterator<Item = &'a Figures>,
    totals: &'a Figures,
) -> usize {
    use unicode_width::UnicodeWidthStr;
    let header = column.def().label.width();
    rows.into_iter()
        .chain([totals])
        .map(|f| f.value(column).display().width())
        .fold(header, usize::max)
}

/// The sum of the 总计 cells of the table B rows under `group` (`withheld`, `unable`, …).
fn b_group_total(report: &Report, group: &str) -> u64 {
    B_ROWS
        .iter()
        .enumerate()
        .filter(|(_, r)| r.path.len() == 3 && r.path[1] == group)
        .map(|(i, _)| report.requests.get(i, B_TOTAL_COL))
        .sum()
}

/// Index of a column of table C by key.
fn c_col(key: &str) -> usize {
    C_COLUMNS
        .iter()
        .position(|c| c.key == key)
        .expect("a key of schema::C_COLUMNS")
}

impl Figures {
    /// The figures of one report. `findings` are the rules' findings on it (with `previous`
    /// in their context when there is one); `previous` is last year's report of the agency.
    pub fn of(report: &Report, findings: &[Finding], previous: Option<&Report>) -> Figures {
        let b = |row: usize| report.requests.get(row, B_TOTAL_COL);
        let c = &report.appeals.cells;
        let (upheld, corrected, other) = (c_col("upheld"), c_col("corrected"), c_col("other"));
        let (errors, warnings) = rules::tally(findings);
        let disclosed_row = |key: &str| {
            B_ROWS
                .iter()
                .position(|r| r.path == ["outcome", key])
                .expect("a row of schema::B_ROWS")
        };
        Figures {
            agency: report.agency.trim().to_string(),
            year: Some(report.year),
            received: b(R_RECEIVED),
            carried_over: b(R_CARRIED_OVER),
            completed: b(R_OUTCOME_TOTAL),
            disclosed: b(disclosed_row("disclosed")),
            partially_disclosed: b(disclosed_row("partially_disclosed")),
            withheld: b_group_total(report, "withheld"),
            unable: b_group_total(report, "unable"),
            not_processed: b_group_total(report, "not_processed"),
            carried_forward: b(R_CARRIED_FORWARD),
            reconsideration: c[0][C_TOTAL_COL],
            litigation: c[1][C_TOTAL_COL] + c[2][C_TOTAL_COL],
            corrected: c.iter().map(|g| g[corrected]).sum(),
            concluded: c.iter().map(|g| g[upheld] + g[corrected] + g[other]).sum(),
            errors,
            warnings,
            copied_per_mille: previous.and_then(|p| {
                rules::copied_sections(report, p)
                    .iter()
                    .filter(|s| s.chars >= rules::copied::MIN_CHARS)
                    .map(|s| s.per_mille())
                    .max()
            }),
            y1_mismatches: previous.map(|p| rules::y1_carried_over(report, p).len()),
            reports: 1,
        }
    }

    /// Adds another row's figures (for the totals row). X2 and Y1 do not add up: the totals
    /// row has none.
    pub fn add(&mut self, o: &Figures) {
        self.received += o.received;
        self.carried_over += o.carried_over;
        self.completed += o.completed;
        self.disclosed += o.disclosed;
        self.partially_disclosed += o.partially_disclosed;
        self.withheld += o.withheld;
        self.unable += o.unable;
        self.not_processed += o.not_processed;
        self.carried_forward += o.carried_forward;
        self.reconsideration += o.reconsideration;
        self.litigation += o.litigation;
        self.corrected += o.corrected;
        self.concluded += o.concluded;
        self.errors += o.errors;
        self.warnings += o.warnings;
        self.reports += o.reports;
    }

    /// The value of a column.
    pub fn value(&self, column: Column) -> Value {
        use Column::*;
        match column {
            Agency => Value::Text(self.agency.clone()),
            Year => self
                .year
                .map_or(Value::Blank, |y| Value::Int(y.max(0) as u64)),
            Received => Value::Int(self.received),
            CarriedOver => Value::Int(self.carried_over),
            Completed => Value::Int(self.completed),
            Disclosed => Value::Int(self.disclosed),
            PartiallyDisclosed => Value::Int(self.partially_disclosed),
            DisclosureRate => Value::Rate {
                num: self.disclosed + self.partially_disclosed,
                den: self.completed,
            },
            Withheld => Value::Int(self.withheld),
            Unable => Value::Int(self.unable),
            NotProcessed => Value::Int(self.not_processed),
            CarriedForward => Value::Int(self.carried_forward),
            Reconsideration => Value::Int(self.reconsideration),
            Litigation => Value::Int(self.litigation),
            CorrectionRate => Value::Rate {
                num: self.corrected,
                den: self.concluded,
            },
            Errors => Value::Int(self.errors as u64),
            Warnings => Value::Int(self.warnings as u64),
            Copied => self
                .copied_per_mille
                .map_or(Value::Missing, Value::PerMille),
            Y1 => match self.y1_mismatches {
                None => Value::Missing,
                Some(0) => Value::Text("相符".into()),
                Some(n) => Value::Text(format!("{n} 列不符")),
            },
        }
    }
}

/// One row of the summary: a report's figures, or a file that could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    /// A report that was read.
    Report {
        /// The file, as given.
        file: String,
        /// Its figures.
        figures: Figures,
    },
    /// A file that could not be read as a report.
    Unreadable {
        /// The file, as given.
        file: String,
        /// Why, in Chinese (the loader's message, with line and column).
        error: String,
    },
}

impl Row {
    /// The file of the row.
    pub fn file(&self) -> &str {
        match self {
            Row::Report { file, .. } | Row::Unreadable { file, .. } => file,
        }
    }

    /// The figures, if the file was read.
    pub fn figures(&self) -> Option<&Figures> {
        match self {
            Row::Report { figures, .. } => Some(figures),
            Row::Unreadable { .. } => None,
        }
    }

    /// True when the file could not be read or the report has errors (the overview's filter).
    pub fn has_errors(&self) -> bool {
        self.figures().is_none_or(|f| f.errors > 0)
    }
}

/// The totals row of the rows that were read: `合计（N 份）`, figures added up.
pub fn totals<'a>(rows: impl IntoIterator<Item = &'a Row>) -> Figures {
    let mut t = Figures::default();
    for f in rows.into_iter().filter_map(Row::figures) {
        t.add(f);
    }
    t.agency = format!("合计（{} 份）", t.reports);
    t
}

/// Sorts rows by a column (ascending, or descending with `reverse`); rows without a value
/// in the column (`—`) and unreadable files come last either way. Stable: equal rows keep
/// their order.
pub fn sort(rows: &mut [Row], column: Column, reverse: bool) {
    rows.sort_by(|a, b| compare_rows(a, b, column, reverse));
}

/// The order of [`sort`]: by `column`, `—` and unreadable files last either way.
pub fn compare_rows(a: &Row, b: &Row, column: Column, reverse: bool) -> Ordering {
    match (a.figures(), b.figures()) {
        (Some(fa), Some(fb)) => {
            let (va, vb) = (fa.value(column), fb.value(column));
            let missing = |v: &Value| {
                matches!(
                    v,
                    Value::Missing | Value::Blank | Value::Rate { den: 0, .. }
                )
            };
            match (missing(&va), missing(&vb)) {
                (false, false) => {
                    let o = va.compare(&vb);
                    if reverse {
                        o.reverse()
                    } else {
                        o
                    }
                }
                (a, b) => a.cmp(&b),
            }
        }
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Whether two reports are the same agency's: equal names, or one the other with its city
/// in front (洪泽区人民政府 / 淮安市洪泽区人民政府) — as rule Y1 compares them.
pub fn same_agency(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    !a.is_empty() && !b.is_empty() && (a.ends_with(b) || b.ends_with(a))
}

/// Among candidate previous reports (agency, year), the one for `agency`'s `year`: the
/// year before, the same agency; an exact name before a name that only ends the same.
pub fn pick_previous<'a>(
    agency: &str,
    year: i32,
    candidates: impl IntoIterator<Item = (usize, &'a str, i32)>,
) -> Option<usize> {
    let mut best: Option<(bool, usize)> = None;
    for (i, a, y) in candidates {
        if y != year - 1 || !same_agency(agency, a) {
            continue;
        }
        let exact = a.trim() == agency.trim();
        if best.is_none_or(|(e, _)| exact && !e) {
            best = Some((exact, i));
        }
    }
    best.map(|(_, i)| i)
}

#[cfg(test)]
mod tests;
