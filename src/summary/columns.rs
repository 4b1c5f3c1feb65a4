//! The columns of the summary as data: key, label, definition, priority.

use crate::model::schema::{
    bare_label, BRow, AGENCY_LABEL, B_GROUPS, B_ROWS, C_COLUMNS, C_GROUPS, G_RECONSIDERATION,
    KEY_AGENCY, KEY_YEAR, R_CARRIED_FORWARD, R_CARRIED_OVER, R_OUTCOME_TOTAL, R_RECEIVED,
    TOTAL_LABEL, YEAR_LABEL,
};

/// A column of the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    /// 机关名称.
    Agency,
    /// 年份.
    Year,
    /// 本年新收.
    Received,
    /// 上年结转.
    CarriedOver,
    /// 办结.
    Completed,
    /// 予以公开.
    Disclosed,
    /// 部分公开.
    PartiallyDisclosed,
    /// 公开率.
    DisclosureRate,
    /// 不予公开.
    Withheld,
    /// 无法提供.
    Unable,
    /// 不予处理.
    NotProcessed,
    /// 结转下年度.
    CarriedForward,
    /// 行政复议.
    Reconsideration,
    /// 行政诉讼.
    Litigation,
    /// 纠错率.
    CorrectionRate,
    /// 错误.
    Errors,
    /// 警告.
    Warnings,
    /// 雷同 (X2; only with last year's reports).
    Copied,
    /// 结转衔接 (Y1; only with last year's reports).
    Y1,
}

/// What the program knows about a column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnDef {
    /// The column.
    pub column: Column,
    /// Key for `--sort`, CSV headers are the labels, JSON keys are these.
    pub key: &'static str,
    /// Header in Chinese (the format's own words, from the schema, where the column is one
    /// of its cells).
    pub label: &'static str,
    /// Which cells and which formula, in Chinese (the README's table is this text), with the
    /// format's labels taken from the schema.
    pub definition: String,
    /// Lower is more important: a narrow screen shows the most important columns.
    pub priority: u8,
    /// Only when last year's reports are given (`--previous-dir`, `view --previous`).
    pub needs_previous: bool,
}

/// A table B row of numbers by its YAML path (`["outcome", "disclosed"]`).
fn b_row(path: &[&str]) -> &'static BRow {
    B_ROWS
        .iter()
        .find(|r| r.path == path)
        .expect("a row of schema::B_ROWS")
}

/// The number of table B rows under a heading row (index into [`B_GROUPS`]).
fn rows_under(group: usize) -> usize {
    B_ROWS
        .iter()
        .filter(|r| r.groups.last() == Some(&group))
        .count()
}

/// The index into [`B_GROUPS`] of a heading row by its key below `outcome` (`withheld`).
fn b_group(key: &str) -> usize {
    let row = B_ROWS
        .iter()
        .find(|r| r.path.len() == 3 && r.path[1] == key)
        .expect("a heading row of schema::B_GROUPS");
    *row.groups.last().expect("rows under a heading name it")
}

/// Every column's header, key, definition and priority, in the order they are shown.
fn columns() -> Vec<ColumnDef> {
    let total = TOTAL_LABEL;
    let received = B_ROWS[R_RECEIVED];
    let carried_over = B_ROWS[R_CARRIED_OVER];
    let completed = B_ROWS[R_OUTCOME_TOTAL];
    let carried_forward = B_ROWS[R_CARRIED_FORWARD];
    let disclosed = b_row(&["outcome", "disclosed"]);
    let partly = b_row(&["outcome", "partially_disclosed"]);
    let group = |key: &str| {
        let g = b_group(key);
        (
            bare_label(B_GROUPS[g].label),
            B_GROUPS[g].label,
            rows_under(g),
        )
    };
    let (withheld, withheld_full, withheld_n) = group("withheld");
    let (unable, unable_full, unable_n) = group("unable");
    let (not_processed, not_processed_full, not_processed_n) = group("not_processed");
    let review = C_GROUPS[G_RECONSIDERATION].label;
    let litigation = C_GROUPS
        .iter()
        .find_map(|g| g.parent)
        .expect("table C has a 行政诉讼 super-group");
    let suits: Vec<&str> = C_GROUPS
        .iter()
        .filter(|g| g.parent.is_some())
        .map(|g| g.label)
        .collect();
    let c = |key: &str| {
        C_COLUMNS
            .iter()
            .find(|c| c.key == key)
            .expect("a column of schema::C_COLUMNS")
            .label
    };
    let (upheld, corrected, other, pending) =
        (c("upheld"), c("corrected"), c("other"), c("pending"));
    let (new_label, old_label) = (bare_label(received.short), bare_label(carried_over.short));
    let forward_label = bare_label(carried_forward.short);
    let def = |column, key, label, priority, needs_previous, definition: String| ColumnDef {
        column,
        key,
        label,
        definition,
        priority,
        needs_previous,
    };
    use Column::*;
    vec![
        def(Agency, "agency", AGENCY_LABEL, 0, false, format!("报告的{AGENCY_LABEL}（{KEY_AGENCY}）")),
        def(Year, "year", YEAR_LABEL, 1, false, format!("报告年度（{KEY_YEAR}）")),
        def(Received, "received", new_label, 4, false, format!("表三“{}”的“{total}”格", received.label)),
        def(CarriedOver, "carried_over", old_label, 12, false, format!("表三“{}”的“{total}”格", carried_over.label)),
        def(Completed, "completed", "办结", 5, false, format!("表三“{}”行的“{total}”格", completed.label)),
        def(Disclosed, "disclosed", bare_label(disclosed.short), 10, false, format!("表三“{}”的“{total}”格", disclosed.short)),
        def(PartiallyDisclosed, "partially_disclosed", bare_label(partly.short), 11, false, format!("表三“{}”的“{total}”格", partly.short)),
        def(DisclosureRate, "disclosure_rate", "公开率", 6, false, format!("（{} + {}）÷ 办结，百分数保留一位小数；办结为 0 时为“—”", bare_label(disclosed.short), bare_label(partly.short))),
        def(Withheld, "withheld", withheld, 14, false, format!("表三“{withheld_full}”下 {withheld_n} 行“{total}”格之和")),
        def(Unable, "unable", unable, 15, false, format!("表三“{unable_full}”下 {unable_n} 行“{total}”格之和")),
        def(NotProcessed, "not_processed", not_processed, 16, false, format!("表三“{not_processed_full}”下 {not_processed_n} 行“{total}”格之和")),
        def(CarriedForward, "carried_forward", forward_label, 13, false, format!("表三“{}”的“{total}”格", carried_forward.label)),
        def(Reconsideration, "reconsideration", review, 17, false, format!("表四“{review}”的“{total}”格")),
        def(Litigation, "litigation", litigation, 18, false, format!("表四“{}”两组“{total}”格之和", suits.join("”与“"))),
        def(CorrectionRate, "correction_rate", "纠错率", 7, false, format!("表四三组“{corrected}”之和 ÷ 三组（{total} − {pending}）之和，后者按“{upheld} + {corrected} + {other}”计（{total}填错时仍有意义）；分母为 0 时为“—”")),
        def(Errors, "errors", "错误", 2, false, "规则检查（同 nianbao check）发现的错误数".into()),
        def(Warnings, "warnings", "警告", 3, false, "规则检查发现的警告数（有上年报告时含 Y1、Y2、X2）".into()),
        def(Copied, "copied", "雷同", 8, true, format!("规则 X2：一、五、六节中（不少于 {} 字的）与上年同一节文字相同比例的最大值（连续 {} 字以上相同的字数 ÷ 字数，不计空白和标点）；无上年报告时为“—”", crate::rules::copied::MIN_CHARS, crate::rules::copied::MIN_RUN)),
        def(Y1, "y1", "结转衔接", 9, true, format!("规则 Y1：本年“{}”与上年“{}”逐列是否相等（“相符”或“N 列不符”）；无上年报告时为“—”", carried_over.short, carried_forward.short)),
    ]
}

/// Every column, in the order they are shown (built once from the schema).
pub static COLUMNS: std::sync::LazyLock<Vec<ColumnDef>> = std::sync::LazyLock::new(columns);

impl Column {
    /// The column's definition.
    pub fn def(self) -> &'static ColumnDef {
        COLUMNS
            .iter()
            .find(|d| d.column == self)
            .expect("every column is in COLUMNS")
    }

    /// The column named by a key (`disclosure_rate`) or a label (`公开率`).
    pub fn parse(name: &str) -> Option<Column> {
        let name = name.trim();
        COLUMNS
            .iter()
            .find(|d| d.key.eq_ignore_ascii_case(name) || d.label == name)
            .map(|d| d.column)
    }

    /// True for columns of numbers (right-aligned).
    pub fn is_numeric(self) -> bool {
        !matches!(self, Column::Agency | Column::Y1)
    }

    /// Every column; those that need last year's reports only when `with_previous`.
    pub fn all(with_previous: bool) -> Vec<Column> {
        COLUMNS
            .iter()
            .filter(|d| with_previous || !d.needs_previous)
            .map(|d| d.column)
            .collect()
    }
}
