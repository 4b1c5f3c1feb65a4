//! X1: figures that the prose of 一、总体情况 quotes must match the tables.
//!
//! Reports restate their key figures in prose ("全市共受理政府信息公开申请 3119 件"). When
//! the prose and the table disagree one of them is wrong. We look for the phrasings real
//! reports use and compare each figure with its cell:
//! - 新收 / 受理 / 收到 … 申请 N 件 → 一、本年新收 总计 ("未收到…申请" is 0);
//! - 上年(度)结转 … N 件 → 二、上年结转 总计;
//! - 结转(到)下年度 … N 件, or N 件 … 结转/顺延(到)下年度 → 四、结转下年度 总计;
//! - 行政复议 … N 件/起 → 行政复议 总计;
//! - 行政诉讼 … N 件/起 → the two 行政诉讼 groups' 总计 added together.

use super::{Finding, Number, Place, Rule, Severity};
use crate::model::schema::{
    CGroup, B_ROWS, B_TOTAL_COL, C_GROUPS, C_TOTAL_COL, G_RECONSIDERATION, R_CARRIED_FORWARD,
    R_CARRIED_OVER, R_RECEIVED, SECTION_APPEALS, TOTAL_LABEL,
};
use crate::model::{CellRef, ProseSection, Report};
use regex::Regex;
use std::sync::OnceLock;

/// Which table figure a sentence quotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProseFigure {
    /// 一、本年新收.
    Received,
    /// 二、上年结转.
    CarriedOver,
    /// 四、结转下年度.
    CarriedForward,
    /// 行政复议 总计.
    Reconsideration,
    /// 行政诉讼 (both groups) 总计.
    Litigation,
}

impl ProseFigure {
    /// The label of the figure's cell(s) as a message names them, from the schema, e.g.
    /// `一、本年新收政府信息公开申请数量 · 总计`.
    fn label(self) -> String {
        let litigation: Vec<&CGroup> = C_GROUPS.iter().filter(|g| g.parent.is_some()).collect();
        match self {
            ProseFigure::Received => format!("{} · {TOTAL_LABEL}", B_ROWS[R_RECEIVED].label),
            ProseFigure::CarriedOver => {
                format!("{} · {TOTAL_LABEL}", B_ROWS[R_CARRIED_OVER].label)
            }
            ProseFigure::CarriedForward => {
                format!("{} · {TOTAL_LABEL}", B_ROWS[R_CARRIED_FORWARD].label)
            }
            ProseFigure::Reconsideration => format!(
                "{}{} · {TOTAL_LABEL}",
                SECTION_APPEALS.number, C_GROUPS[G_RECONSIDERATION].label
            ),
            ProseFigure::Litigation => format!(
                "{}{}（{}）· {TOTAL_LABEL}",
                SECTION_APPEALS.number,
                litigation[0].parent.unwrap_or_default(),
                litigation
                    .iter()
                    .map(|g| g.label)
                    .collect::<Vec<_>>()
                    .join(" + ")
            ),
        }
    }

    /// The figure as the tables have it: the sum of its cells.
    fn table_value(self, r: &Report) -> u64 {
        self.cells().into_iter().filter_map(|c| r.count(c)).sum()
    }

    /// The total cell(s) the figure is (行政诉讼: both groups' 总计).
    fn cells(self) -> Vec<CellRef> {
        let b = |row| {
            vec![CellRef::B {
                row,
                col: B_TOTAL_COL,
            }]
        };
        match self {
            ProseFigure::Received => b(R_RECEIVED),
            ProseFigure::CarriedOver => b(R_CARRIED_OVER),
            ProseFigure::CarriedForward => b(R_CARRIED_FORWARD),
            ProseFigure::Reconsideration => vec![CellRef::C {
                group: G_RECONSIDERATION,
                col: C_TOTAL_COL,
            }],
            ProseFigure::Litigation => (0..C_GROUPS.len())
                .filter(|&g| C_GROUPS[g].parent.is_some())
                .map(|group| CellRef::C {
                    group,
                    col: C_TOTAL_COL,
                })
                .collect(),
        }
    }

    /// The key path of the figure's (first) cell.
    fn path(self) -> String {
        self.cells()[0].key_path()
    }
}

struct Pattern {
    figure: ProseFigure,
    re: Regex,
}

/// No digits, no sentence or clause end: the words between a keyword and its figure.
const GAP: &str = r"[^0-9０-９。；;！？!?\n]";

fn patterns() -> &'static [Pattern] {
    static P: OnceLock<Vec<Pattern>> = OnceLock::new();
    P.get_or_init(|| {
        let n = r"([0-9][0-9,]*)\s*";
        let mk = |figure, re: String| Pattern { figure, re: Regex::new(&re).expect("X1 patterns are valid") };
        vec![
            // "共受理政府信息公开申请 3119 件", "新收政府信息公开申请21件"; not "结转申请 34 件".
            mk(
                ProseFigure::Received,
                format!(r"(?:新收|受理|收到|接收){g}{{0,16}}?申请(?:数量)?(?:共|合计|总计)?{g2}{{0,4}}?{n}件", g = GAP_NO_CARRY, g2 = GAP),
            ),
            mk(ProseFigure::CarriedOver, format!(r"上一?年度?结转{GAP}{{0,16}}?{n}件")),
            mk(ProseFigure::CarriedForward, format!(r"结转(?:到|至)?下一?年度?{GAP}{{0,12}}?{n}件")),
            mk(ProseFigure::CarriedForward, format!(r"{n}件{GAP}{{0,8}}?(?:结转|顺延|转入)(?:到|至)?下一?年度?")),
            mk(ProseFigure::Reconsideration, format!(r"行政复议(?:案件|申请)?{GAP_NO_LAWSUIT}{{0,8}}?{n}[件起]")),
            mk(ProseFigure::Litigation, format!(r"行政诉讼(?:案件)?{GAP_NO_REVIEW}{{0,8}}?{n}[件起]")),
        ]
    })
}

/// Like [`GAP`], and without 结转 (so "上年度结转申请 34 件" is not read as 新收).
const GAP_NO_CARRY: &str = r"[^0-9０-９。；;！？!?\n结转]";
/// Like [`GAP`], and without 诉讼 ("行政复议和行政诉讼 5 件" is a combined figure).
const GAP_NO_LAWSUIT: &str = r"[^0-9０-９。；;！？!?\n诉讼、和及]";
/// Like [`GAP`], and without 复议.
const GAP_NO_REVIEW: &str = r"[^0-9０-９。；;！？!?\n复议、和及]";

fn none_received() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(r"(?:未|没有)(?:收到|受理)[^。；;\n]{0,12}?申请").expect("valid"))
}

/// Words at least one of which every X1 pattern contains (新收/受理/收到/接收 … 申请,
/// 结转, 顺延/转入 … 下(一)年度, 行政复议, 行政诉讼).
const KEYWORDS: [&str; 6] = ["申请", "结转", "下年", "下一年", "复议", "诉讼"];

/// A figure quoted in the prose, with the sentence it stands in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// Which table figure.
    pub figure: ProseFigure,
    /// The number in the prose.
    pub value: u64,
    /// The sentence, for the message.
    pub sentence: String,
    /// Index of the part of 一 it was found in.
    pub part: usize,
}

/// Every figure that the prose of 一、总体情况 quotes, first occurrence of each kind.
pub fn quoted_figures(report: &Report) -> Vec<Quote> {
    let mut found: Vec<Quote> = Vec::new();
    for (part, p) in report.overview.iter().enumerate() {
        for sentence in p.body.split(['。', '\n', '；', ';']) {
            // Every pattern needs one of these words: most sentences are skipped here,
            // before any copy or regex search.
            if !KEYWORDS.iter().any(|k| sentence.contains(k)) {
                continue;
            }
            let sentence_norm: String = sentence
                .chars()
                .map(crate::model::normalize_digit)
                .collect();
            let mut add = |figure: ProseFigure, value: u64| {
                if !found.iter().any(|q| q.figure == figure) {
                    found.push(Quote {
                        figure,
                        value,
                        sentence: sentence.trim().to_string(),
                        part,
                    });
                }
            };
            for pat in patterns() {
                if let Some(m) = pat.re.captures(&sentence_norm) {
                    // "行政复议和行政诉讼共 5 件" is a combined figure, not one of litigation.
                    let before = &sentence_norm[..m.get(0).map_or(0, |m| m.start())];
                    if pat.figure == ProseFigure::Litigation
                        && before.ends_with(['和', '、', '及', '与'])
                    {
                        continue;
                    }
                    if let Ok(v) = m[1].replace(',', "").parse::<u64>() {
                        add(pat.figure, v);
                    }
                }
            }
            if none_received().is_match(&sentence_norm) {
                add(ProseFigure::Received, 0);
            }
        }
    }
    found
}

/// X1: a figure quoted in 一 that differs from the table.
pub fn x1_prose_matches_tables(report: &Report) -> Vec<Finding> {
    quoted_figures(report)
        .into_iter()
        .filter_map(|q| {
            let table = q.figure.table_value(report);
            (table != q.value).then(|| {
                let mut cells = vec![CellRef::Part {
                    section: ProseSection::Overview,
                    part: q.part,
                }];
                cells.extend(q.figure.cells());
                // Go to the table cell first: that is the figure with a form to fix.
                cells.rotate_left(1);
                Finding {
                    rule: Rule::X1,
                    severity: Severity::Warning,
                    path: q.figure.path(),
                    place: Place {
                        section: ProseSection::Overview.heading(),
                        row: None,
                        column: None,
                    },
                    expected: Some(Number::Count(table)),
                    actual: Some(Number::Count(q.value)),
                    cells,
                    detail: format!(
                        "正文写 {}，表中“{}”是 {}：“{}”",
                        q.value,
                        q.figure.label(),
                        table,
                        crate::text::escape_for_message(&q.sentence, 80)
                    ),
                }
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Part;
    use crate::rules::testdata;

    fn figures(text: &str) -> Vec<(ProseFigure, u64)> {
        let mut r = Report::new("x", 2024);
        r.overview = vec![Part::new("", text)];
        quoted_figures(&r)
            .into_iter()
            .map(|q| (q.figure, q.value))
            .collect()
    }

    #[test]
    fn huaian_prose_quotes_five_figures_that_all_match() {
        let r = testdata::huaian();
        let q: Vec<_> = quoted_figures(&r)
            .into_iter()
            .map(|q| (q.figure, q.value))
            .collect();
        assert_eq!(
            q,
            vec![
                (ProseFigure::Received, 3119),
                (ProseFigure::CarriedOver, 34),
                (ProseFigure::CarriedForward, 103),
                (ProseFigure::Reconsideration, 351),
                (ProseFigure::Litigation, 46),
            ]
        );
        assert!(x1_prose_matches_tables(&r).is_empty());
    }

    #[test]
    fn hongze_2024_prose_disagrees_with_its_table() {
        let f = x1_prose_matches_tables(&testdata::hongze2024());
        assert_eq!(f.len(), 1, "{f:#?}");
        let received = CellRef::B {
            row: R_RECEIVED,
            col: B_TOTAL_COL,
        };
        testdata::assert_counts(&f[0], 95, 17, received);
        assert!(
            f[0].detail.contains("受理政府信息公开申请 17 件"),
            "{}",
            f[0].detail
        );
    }

    #[test]
    fn hongze_2023_and_gulou_agree() {
        assert!(x1_prose_matches_tables(&testdata::hongze2023()).is_empty());
        let g = testdata::gulou();
        assert_eq!(
            quoted_figures(&g)
                .iter()
                .map(|q| (q.figure, q.value))
                .collect::<Vec<_>>(),
            vec![(ProseFigure::Received, 0)]
        );
        assert!(x1_prose_matches_tables(&g).is_empty());
    }

    #[test]
    fn phrasings_real_reports_use() {
        assert_eq!(
            figures("本年度新收政府信息公开申请１２件"),
            vec![(ProseFigure::Received, 12)]
        );
        assert_eq!(
            figures("共收到政府信息公开申请1,234件"),
            vec![(ProseFigure::Received, 1234)]
        );
        assert_eq!(
            figures("上年结转申请 3 件"),
            vec![(ProseFigure::CarriedOver, 3)]
        );
        assert_eq!(
            figures("结转下年度继续办理 5 件"),
            vec![(ProseFigure::CarriedForward, 5)]
        );
        assert_eq!(
            figures("发生政府信息公开行政复议案件 2 起"),
            vec![(ProseFigure::Reconsideration, 2)]
        );
        // A combined figure is not read as either.
        assert_eq!(figures("行政复议和行政诉讼共 5 件"), vec![]);
        // Years and other numbers are not figures.
        assert_eq!(figures("2024 年，主动公开政府信息 5500 余条"), vec![]);
    }
}
