//! The rules of the format (FORMAT.md §5): each a small function from a report to findings.
//!
//! A [`Finding`] names its rule, severity, key path, the Chinese place (section, row,
//! column), the two numbers that disagree, and the cells it concerns, so that `check` can
//! print it, the wizard can jump to it and the viewer can mark it.

pub mod copied;
mod fees;
mod meta;
mod numbers;
mod prose;
mod tables;
mod text;
mod version;
mod years;

pub use crate::model::Place;
use crate::model::{Amount, CellRef, Report};
use std::fmt;

pub use copied::{copied_sections, x2_copied_text, SectionCopy};
pub use fees::f1_processing_fees;
pub use meta::m1_agency_and_year;
pub use numbers::n1_number_ranges;
pub use prose::{x1_prose_matches_tables, ProseFigure};
pub use tables::{b1_row_totals, b2_outcome_totals, b3_balance, c1_appeal_totals};
pub use text::{t1_text_present, PROBLEMS_MIN_CHARS};
pub use version::v1_format_matches_year;
pub use years::{y1_carried_over, y2_documents_in_force};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The report breaks the format (错误).
    Error,
    /// Something a reviewer should look at (警告).
    Warning,
}

impl Severity {
    /// `错误` or `警告`.
    pub fn chinese(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        }
    }

    /// `error` or `warning` (for JSON).
    pub fn english(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A number in a finding: a count or an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Number {
    /// A count.
    Count(u64),
    /// A signed result (e.g. last year's in force + issued − repealed may be negative).
    Signed(i64),
    /// An amount (万元 or 元).
    Amount(Amount),
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Number::Count(v) => write!(f, "{v}"),
            Number::Signed(v) => write!(f, "{v}"),
            Number::Amount(a) => write!(f, "{a}"),
        }
    }
}

/// The rules of FORMAT.md §5 (and S1 for missing parts), by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// Counts and amounts within range.
    N1,
    /// 机关名称 present, 年份 plausible.
    M1,
    /// Table B row totals.
    B1,
    /// Table B （七）总计 per column.
    B2,
    /// Table B 勾稽关系 per column.
    B3,
    /// Table C group totals.
    C1,
    /// Prose sections have text.
    T1,
    /// 信息处理费 consistent.
    F1,
    /// Carried over = last year's carried forward.
    Y1,
    /// Documents in force follow from last year's.
    Y2,
    /// Prose figures match the tables.
    X1,
    /// Text copied from another report.
    X2,
    /// Format and year agree.
    V1,
    /// A top-level part missing from the file.
    S1,
}

impl Rule {
    /// Every rule, in the order of FORMAT.md §5.
    pub const ALL: [Rule; 14] = [
        Rule::N1,
        Rule::M1,
        Rule::B1,
        Rule::B2,
        Rule::B3,
        Rule::C1,
        Rule::T1,
        Rule::F1,
        Rule::Y1,
        Rule::Y2,
        Rule::X1,
        Rule::X2,
        Rule::V1,
        Rule::S1,
    ];

    /// The id as printed, e.g. `B3`.
    pub fn id(self) -> &'static str {
        match self {
            Rule::N1 => "N1",
            Rule::M1 => "M1",
            Rule::B1 => "B1",
            Rule::B2 => "B2",
            Rule::B3 => "B3",
            Rule::C1 => "C1",
            Rule::T1 => "T1",
            Rule::F1 => "F1",
            Rule::Y1 => "Y1",
            Rule::Y2 => "Y2",
            Rule::X1 => "X1",
            Rule::X2 => "X2",
            Rule::V1 => "V1",
            Rule::S1 => "S1",
        }
    }

    /// The rule with this id (`B3`), if there is one.
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.id() == id)
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl PartialEq<&str> for Rule {
    /// A rule equals its id: `Rule::B3 == "B3"`.
    fn eq(&self, other: &&str) -> bool {
        self.id() == *other
    }
}

impl PartialEq<str> for Rule {
    fn eq(&self, other: &str) -> bool {
        self.id() == other
    }
}

/// One thing wrong with a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule, e.g. [`Rule::B3`].
    pub rule: Rule,
    /// Error or warning.
    pub severity: Severity,
    /// Key path in the YAML, e.g. `requests.received.total`; `*` stands for every row of a
    /// column rule (`requests.*.natural_person`).
    pub path: String,
    /// Section, row and column in Chinese.
    pub place: Place,
    /// What the rule says the value should be.
    pub expected: Option<Number>,
    /// What the report has.
    pub actual: Option<Number>,
    /// The cells the finding concerns; the first is where to go to fix it.
    pub cells: Vec<CellRef>,
    /// What is wrong, in Chinese, without the rule id and place (see [`Finding::message`]).
    pub detail: String,
}

impl Finding {
    /// The message: place and detail, e.g.
    /// `三、收到和处理政府信息公开申请情况 · 自然人: 一+二 = 155，（七）总计+四 = 154`.
    pub fn message(&self) -> String {
        format!("{}: {}", self.place, self.detail)
    }
}

impl fmt::Display for Finding {
    /// `B3 错误 三、收到和处理政府信息公开申请情况 · 自然人: 一+二 = 155，（七）总计+四 = 154`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} {}",
            self.rule,
            self.severity.chinese(),
            self.message()
        )
    }
}

/// What the rules need besides the report.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The current calendar year (M1 allows years up to next year).
    pub current_year: i32,
    /// Last year's report, for Y1 and Y2.
    pub previous: Option<&'a Report>,
}

impl Context<'_> {
    /// A context for today without a previous report.
    pub fn today() -> Context<'static> {
        Context {
            current_year: current_year(),
            previous: None,
        }
    }
}

/// Runs every rule; findings come in the order of FORMAT.md §5.
pub fn check(report: &Report, ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    out.extend(n1_number_ranges(report));
    out.extend(m1_agency_and_year(report, ctx.current_year));
    out.extend(b1_row_totals(report));
    out.extend(b2_outcome_totals(report));
    out.extend(b3_balance(report));
    out.extend(c1_appeal_totals(report));
    out.extend(t1_text_present(report));
    out.extend(f1_processing_fees(report));
    if let Some(prev) = ctx.previous {
        out.extend(years::y0_same_agency(report, prev));
        out.extend(y1_carried_over(report, prev));
        out.extend(y2_documents_in_force(report, prev));
    }
    out.extend(x1_prose_matches_tables(report));
    out.extend(v1_format_matches_year(report));
    out.extend(
        ctx.previous
            .map(|p| x2_copied_text(report, p))
            .unwrap_or_default(),
    );
    out
}

/// Findings for top-level parts a file did not have (read as empty): rule S1, a warning.
pub fn s1_missing_parts(missing: &[&str]) -> Vec<Finding> {
    missing
        .iter()
        .map(|key| {
            let section = crate::model::schema::section_of_key(key)
                .map(|s| s.heading())
                .unwrap_or_else(|| crate::model::schema::BASIC_SECTION.to_string());
            Finding {
                rule: Rule::S1,
                severity: Severity::Warning,
                path: key.to_string(),
                place: Place {
                    section,
                    row: None,
                    column: None,
                },
                expected: None,
                actual: None,
                cells: Vec::new(),
                detail: format!("文件中没有键“{key}”，按空白读取；请补上"),
            }
        })
        .collect()
}

/// The current calendar year (UTC+8, as the reports are Chinese), from the system clock.
pub fn current_year() -> i32 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
        + 8 * 3600;
    year_of_day(secs.div_euclid(86_400))
}

/// The Gregorian year of a day number counted from 1970-01-01 (Howard Hinnant's algorithm).
fn year_of_day(days: i64) -> i32 {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2)) as i32
}

/// Counts of findings by severity: (errors, warnings).
pub fn tally(findings: &[Finding]) -> (usize, usize) {
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    (errors, findings.len() - errors)
}

#[cfg(test)]
pub(crate) mod testdata {
    use super::{Finding, Number};
    use crate::model::{CellRef, Report};

    /// Asserts a finding's figures: the count it expected, the count it found, and the cell
    /// it points at first.
    #[track_caller]
    pub fn assert_counts(f: &Finding, expected: u64, actual: u64, first_cell: CellRef) {
        assert_eq!(
            f.expected,
            Some(Number::Count(expected)),
            "expected, in {f:#?}"
        );
        assert_eq!(f.actual, Some(Number::Count(actual)), "actual, in {f:#?}");
        assert_eq!(f.cells.first(), Some(&first_cell), "first cell, in {f:#?}");
    }

    pub fn load(yaml: &str) -> Report {
        crate::yaml::load_str(yaml, "test")
            .expect("example loads")
            .report
    }
    pub fn huaian() -> Report {
        load(include_str!("../../examples/huaian-2024.yaml"))
    }
    pub fn hongze2023() -> Report {
        load(include_str!("../../examples/hongze-2023.yaml"))
    }
    pub fn hongze2024() -> Report {
        load(include_str!("../../examples/hongze-2024.yaml"))
    }
    pub fn gulou() -> Report {
        load(include_str!("../../examples/gulou-kegongxin-2023.yaml"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_of_day_matches_known_dates() {
        assert_eq!(year_of_day(0), 1970);
        assert_eq!(year_of_day(20_819), 2027); // 2027-01-01 is day 20819
        assert_eq!(year_of_day(20_818), 2026);
        assert_eq!(year_of_day(20_454), 2026); // 2026-01-01
        assert_eq!(year_of_day(20_453), 2025);
    }

    #[test]
    fn message_reads_as_in_the_issue() {
        let f = Finding {
            rule: Rule::B3,
            severity: Severity::Error,
            path: "requests.*.natural_person".into(),
            place: Place {
                section: "三、收到和处理政府信息公开申请情况".into(),
                row: None,
                column: Some("自然人".into()),
            },
            expected: Some(Number::Count(155)),
            actual: Some(Number::Count(154)),
            cells: vec![],
            detail: "一+二 = 155，（七）总计+四 = 154".into(),
        };
        assert_eq!(
            f.to_string(),
            "B3 错误 三、收到和处理政府信息公开申请情况 · 自然人: 一+二 = 155，（七）总计+四 = 154"
        );
    }

    #[test]
    fn consistent_examples_have_no_errors() {
        for r in [
            testdata::huaian(),
            testdata::hongze2024(),
            testdata::gulou(),
        ] {
            let f = check(
                &r,
                &Context {
                    current_year: 2026,
                    previous: None,
                },
            );
            assert_eq!(tally(&f).0, 0, "{:#?}", f);
        }
    }

    #[test]
    fn hongze_2023_table_c_totals_are_found() {
        let f = check(
            &testdata::hongze2023(),
            &Context {
                current_year: 2026,
                previous: None,
            },
        );
        let c1: Vec<_> = f.iter().filter(|f| f.rule == "C1").collect();
        assert_eq!(c1.len(), 2, "{f:#?}");
        assert_eq!(c1[0].expected, Some(Number::Count(11)));
        assert_eq!(c1[0].actual, Some(Number::Count(0)));
        assert_eq!(c1[1].expected, Some(Number::Count(5)));
    }
}
