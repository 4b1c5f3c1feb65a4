//! The columns of the summary as data: key, label, definition, priority.

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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnDef {
    /// The column.
    pub column: Column,
    /// Key for `--sort`, CSV headers are the labels, JSON keys are these.
    pub key: &'static str,
    /// Header in Chinese.
    pub label: &'static str,
    /// Which cells and which formula, in Chinese (the README's table is this text).
    pub definition: &'static str,
    /// Lower is more important: a narrow screen shows the most important columns.
    pub priority: u8,
    /// Only when last year's reports are given (`--previous-dir`, `view --previous`).
    pub needs_previous: bool,
}

macro_rules! col {
    ($c:ident, $key:literal, $label:literal, $prio:literal, $prev:literal, $def:literal) => {
        ColumnDef {
            column: Column::$c,
            key: $key,
            label: $label,
            definition: $def,
            priority: $prio,
            needs_previous: $prev,
        }
    };
}

/// Every column, in the order they are shown.
pub const COLUMNS: [ColumnDef; 19] = [
    col!(Agency, "agency", "机关名称", 0, false, "报告的机关名称（agency）"),
    col!(Year, "year", "年份", 1, false, "报告年度（year）"),
    col!(Received, "received", "本年新收", 4, false, "表三“一、本年新收政府信息公开申请数量”的“总计”格"),
    col!(CarriedOver, "carried_over", "上年结转", 12, false, "表三“二、上年结转政府信息公开申请数量”的“总计”格"),
    col!(Completed, "completed", "办结", 5, false, "表三“（七）总计”行的“总计”格"),
    col!(Disclosed, "disclosed", "予以公开", 10, false, "表三“（一）予以公开”的“总计”格"),
    col!(PartiallyDisclosed, "partially_disclosed", "部分公开", 11, false, "表三“（二）部分公开”的“总计”格"),
    col!(DisclosureRate, "disclosure_rate", "公开率", 6, false, "（予以公开 + 部分公开）÷ 办结，百分数保留一位小数；办结为 0 时为“—”"),
    col!(Withheld, "withheld", "不予公开", 14, false, "表三“（三）不予公开”下 8 行“总计”格之和"),
    col!(Unable, "unable", "无法提供", 15, false, "表三“（四）无法提供”下 3 行“总计”格之和"),
    col!(NotProcessed, "not_processed", "不予处理", 16, false, "表三“（五）不予处理”下 5 行“总计”格之和"),
    col!(CarriedForward, "carried_forward", "结转下年度", 13, false, "表三“四、结转下年度继续办理”的“总计”格"),
    col!(Reconsideration, "reconsideration", "行政复议", 17, false, "表四“行政复议”的“总计”格"),
    col!(Litigation, "litigation", "行政诉讼", 18, false, "表四“未经复议直接起诉”与“复议后起诉”两组“总计”格之和"),
    col!(CorrectionRate, "correction_rate", "纠错率", 7, false, "表四三组“结果纠正”之和 ÷ 三组（总计 − 尚未审结）之和，后者按“结果维持 + 结果纠正 + 其他结果”计（总计填错时仍有意义）；分母为 0 时为“—”"),
    col!(Errors, "errors", "错误", 2, false, "规则检查（同 nianbao check）发现的错误数"),
    col!(Warnings, "warnings", "警告", 3, false, "规则检查发现的警告数（有上年报告时含 Y1、Y2、X2）"),
    col!(Copied, "copied", "雷同", 8, true, "规则 X2：一、五、六节中（不少于 100 字的）与上年同一节文字相同比例的最大值（连续 12 字以上相同的字数 ÷ 字数，不计空白和标点）；无上年报告时为“—”"),
    col!(Y1, "y1", "结转衔接", 9, true, "规则 Y1：本年“二、上年结转”与上年“四、结转下年度”逐列是否相等（“相符”或“N 列不符”）；无上年报告时为“—”"),
];

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
