//! The report as a document: a list of blocks in reading order (title, findings, the six
//! sections with their prose and tables), independent of the terminal's width.
//!
//! Every string that comes from a file — agency, title, headings, bodies, the texts findings
//! quote, file names, load errors — passes through [`clean`] here, the one place the viewer
//! cleans text, so nothing from a file reaches the terminal as a control character.

use crate::model::schema::SECTIONS;
use crate::model::{CellRef, Report};
use crate::rules::{Finding, Rule, Severity};
use crate::tui::tables::{Mark, Table};
use crate::yaml::LoadError;

/// Cleans a string from a file for display (the viewer's one place): control characters,
/// escape sequences, C1 controls and bidi overrides become visible (`␛`, `\u{9b}` …);
/// newlines stay when `multiline`.
pub fn clean(s: &str, multiline: bool) -> String {
    if multiline {
        crate::text::clean_text(s).into_owned()
    } else {
        crate::text::clean_line(s).into_owned()
    }
}

/// What kind of text a block holds (chooses its style).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// The report's title (centred, bold).
    Title,
    /// The line counting errors and warnings.
    Summary,
    /// One finding in the list at the top.
    Finding,
    /// A section heading such as `三、收到和处理政府信息公开申请情况`.
    Section,
    /// A part's heading within a prose section.
    PartHeading,
    /// Prose (first line indented like a printed paragraph).
    Paragraph,
    /// A line of the 信息处理费 figures.
    Field,
    /// Less important text (empty sections, hints).
    Note,
    /// Why a file could not be read.
    Error,
}

/// One block of the document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Text, wrapped to the width when laid out.
    Text {
        /// Its style.
        kind: TextKind,
        /// The cleaned text (one paragraph, no newlines).
        text: String,
        /// The place of the report this text shows, for marking and for going to a finding.
        cell: Option<CellRef>,
        /// For a [`TextKind::Finding`] line: the index of the finding.
        finding: Option<usize>,
        /// For a [`TextKind::Section`] heading: its index (0 for 一 … 5 for 六).
        section: Option<usize>,
    },
    /// A table drawn as published.
    Table(Table),
    /// An empty line.
    Blank,
}

impl Block {
    fn text(kind: TextKind, text: String) -> Block {
        Block::Text {
            kind,
            text,
            cell: None,
            finding: None,
            section: None,
        }
    }

    fn with_cell(kind: TextKind, text: String, cell: CellRef) -> Block {
        Block::Text {
            kind,
            text,
            cell: Some(cell),
            finding: None,
            section: None,
        }
    }
}

/// A finding as the viewer shows it: cleaned text, severity, and where it points.
#[derive(Debug, Clone, PartialEq)]
pub struct ShownFinding {
    /// Error or warning.
    pub severity: Severity,
    /// Rule id.
    pub rule: Rule,
    /// `C1 错误 四、… · 行政复议 · 总计: … = 11，总计 = 0`, cleaned.
    pub text: String,
    /// Shorter, for the status line beside the severity's symbol: without the severity word
    /// and, when a row or column names the place, without the section heading, e.g.
    /// `C1 行政复议 · 总计: … = 11，总计 = 0`, cleaned.
    pub short: String,
    /// The cells it concerns; the first is where `n` goes.
    pub cells: Vec<CellRef>,
    /// The section it is in (0 for 一 … 5 for 六), where `n` goes when it has no cell (S1).
    pub section: Option<usize>,
}

/// The document of one file: its blocks and its findings.
#[derive(Debug, Clone)]
pub struct Document {
    /// The blocks in reading order.
    pub blocks: Vec<Block>,
    /// The findings, in the order of the rules.
    pub findings: Vec<ShownFinding>,
    /// The report, when the file could be read (tables are drawn from it).
    pub report: Option<Report>,
    /// Every cell a finding concerns, with the strongest severity among them.
    pub marks: Vec<(CellRef, Mark)>,
    /// Number of errors and warnings.
    pub tally: (usize, usize),
}

impl Document {
    /// How a place is marked, if a finding concerns it.
    pub fn mark_of(&self, cell: CellRef) -> Option<Mark> {
        self.marks.iter().find(|(c, _)| *c == cell).map(|(_, m)| *m)
    }
}

/// The document of a report and its findings.
pub fn build(report: Report, findings: &[Finding]) -> Document {
    let shown: Vec<ShownFinding> = findings
        .iter()
        .map(|f| ShownFinding {
            severity: f.severity,
            rule: f.rule,
            text: clean(&f.to_string(), false),
            short: clean(&short_text(f), false),
            cells: f.cells.clone(),
            section: SECTIONS.iter().position(|s| s.heading() == f.place.section),
        })
        .collect();
    let mut marks: Vec<(CellRef, Mark)> = Vec::new();
    for f in findings {
        let m = match f.severity {
            Severity::Error => Mark::Error,
            Severity::Warning => Mark::Warning,
        };
        for c in &f.cells {
            match marks.iter_mut().find(|(x, _)| x == c) {
                Some(entry) => {
                    if m == Mark::Error {
                        entry.1 = Mark::Error;
                    }
                }
                None => marks.push((*c, m)),
            }
        }
    }
    let tally = crate::rules::tally(findings);
    let mut b = Vec::new();
    // The report as published (crate::publish::doc): the same title, preamble, numbered
    // parts, fee statement and tables as every export.
    let published = crate::publish::doc::build(&report);
    b.push(Block::with_cell(
        TextKind::Title,
        published.title.clone(),
        CellRef::Title,
    ));
    b.push(Block::Blank);
    summary_blocks(&mut b, &shown, tally);
    if !published.preamble.is_empty() {
        b.push(Block::Blank);
        for p in &published.preamble {
            b.push(Block::text(TextKind::Paragraph, p.clone()));
        }
    }
    for sec in &published.sections {
        b.push(Block::Blank);
        b.push(Block::Text {
            kind: TextKind::Section,
            text: sec.heading.clone(),
            cell: None,
            finding: None,
            section: Some(sec.index),
        });
        section_blocks(&mut b, sec);
    }
    Document {
        blocks: b,
        findings: shown,
        report: Some(report),
        marks,
        tally,
    }
}

fn short_text(f: &Finding) -> String {
    let place: Vec<&str> = [f.place.row.as_deref(), f.place.column.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let place = if place.is_empty() {
        f.place.section.clone()
    } else {
        place.join(" · ")
    };
    format!("{} {}: {}", f.rule, place, f.detail)
}

fn summary_blocks(b: &mut Vec<Block>, shown: &[ShownFinding], (errors, warnings): (usize, usize)) {
    let summary = if shown.is_empty() {
        "没有发现问题".to_string()
    } else {
        format!("{errors} 处错误，{warnings} 处警告（n / N 逐条查看）")
    };
    b.push(Block::text(TextKind::Summary, summary));
    for (i, f) in shown.iter().enumerate() {
        b.push(Block::Text {
            kind: TextKind::Finding,
            text: f.text.clone(),
            cell: None,
            finding: Some(i),
            section: None,
        });
    }
}

fn section_blocks(b: &mut Vec<Block>, sec: &crate::publish::doc::Section) {
    use crate::publish::doc::{Block as P, TableId};
    if let Some(section) = sec.prose {
        if sec.blocks.is_empty() {
            b.push(Block::with_cell(
                TextKind::Note,
                "（本节为空）".to_string(),
                CellRef::Part { section, part: 0 },
            ));
            return;
        }
    }
    let mut marked: Option<usize> = None;
    for block in &sec.blocks {
        match block {
            P::PartHeading { number, text, part } => {
                let cell = sec.prose.map(|section| CellRef::Part {
                    section,
                    part: *part,
                });
                marked = Some(*part);
                b.push(Block::Text {
                    kind: TextKind::PartHeading,
                    text: format!("{number}{text}"),
                    cell,
                    finding: None,
                    section: None,
                });
            }
            P::Paragraph { text, part } => {
                // The first block of a part is where its findings point; the fee statement
                // the document adds is where 信息处理费 findings point.
                let cell = match part {
                    Some(i) if marked != Some(*i) => {
                        marked = Some(*i);
                        sec.prose.map(|section| CellRef::Part { section, part: *i })
                    }
                    Some(_) => None,
                    None => Some(CellRef::Fee(0)),
                };
                b.push(Block::Text {
                    kind: TextKind::Paragraph,
                    text: text.clone(),
                    cell,
                    finding: None,
                    section: None,
                });
            }
            P::Table(g) => b.push(Block::Table(match g.table {
                TableId::A => Table::A,
                TableId::B => Table::B,
                TableId::C => Table::C,
            })),
        }
    }
}

/// The document shown in place of a report for a file that cannot be read.
pub fn unreadable(e: &LoadError) -> Document {
    let mut b = vec![
        Block::text(TextKind::Title, clean(&e.file, false)),
        Block::Blank,
        Block::text(
            TextKind::Error,
            "无法读取这个文件，未能显示报告。".to_string(),
        ),
        Block::Blank,
    ];
    if let Some(line) = e.line {
        let place = match e.column {
            Some(c) => format!("位置：第 {line} 行第 {c} 列"),
            None => format!("位置：第 {line} 行"),
        };
        b.push(Block::text(TextKind::Field, place));
    }
    if let Some(p) = &e.path {
        b.push(Block::text(
            TextKind::Field,
            format!("键：{}", clean(p, false)),
        ));
    }
    b.push(Block::text(
        TextKind::Field,
        format!("原因：{}", clean(&e.message, false)),
    ));
    b.push(Block::Blank);
    b.push(Block::text(
        TextKind::Note,
        "请按上面的位置在文本编辑器中改正文件；按 ] / [ 看其他文件。".to_string(),
    ));
    Document {
        blocks: b,
        findings: Vec::new(),
        report: None,
        marks: Vec::new(),
        tally: (0, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Part;
    use crate::text::is_dangerous;

    fn hostile() -> Report {
        let bad = "甲\u{1b}]0;title\u{7}乙\u{1b}[31m丙\u{9b}2J丁\u{202e}戊\u{85}\u{90}x\u{9c}\u{1b}]52;c;AAAA\u{1b}\\";
        let mut r = Report::new(bad, 2023);
        r.title = Some(format!("标题{bad}"));
        r.overview = vec![Part::new(bad, format!("{bad}\n第二段{bad}"))];
        r.problems = vec![Part::new(bad, bad)];
        r.other_matters = vec![Part::new("", bad)];
        r
    }

    fn texts(d: &Document) -> Vec<&str> {
        d.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .chain(d.findings.iter().map(|f| f.text.as_str()))
            .chain(d.findings.iter().map(|f| f.short.as_str()))
            .collect()
    }

    #[test]
    fn every_string_from_a_hostile_file_is_cleaned() {
        let r = hostile();
        let findings = crate::rules::check(&r, &crate::rules::Context::today());
        let d = build(r, &findings);
        let all = texts(&d);
        assert!(all.iter().any(|t| t.contains("␛]0;title␇")), "{all:#?}");
        for t in all {
            assert!(!t.chars().any(is_dangerous), "{t:?}");
        }
    }

    #[test]
    fn load_errors_are_cleaned() {
        let e = LoadError {
            file: "a\u{1b}]0;x\u{7}.yaml".into(),
            line: Some(3),
            column: Some(7),
            path: Some("requests.\u{9b}received".into()),
            kind: crate::yaml::LoadErrorKind::Schema,
            message: "坏\u{1b}[2J".into(),
        };
        let d = unreadable(&e);
        let all = texts(&d);
        assert!(all.iter().any(|t| t.contains("第 3 行第 7 列")));
        assert!(all.iter().any(|t| t.contains("requests.")));
        for t in all {
            assert!(!t.chars().any(is_dangerous), "{t:?}");
        }
    }

    #[test]
    fn the_six_sections_come_in_order_with_the_tables() {
        let d = build(Report::new("某局", 2023), &[]);
        let sections: Vec<usize> = d
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Text { section, .. } => *section,
                _ => None,
            })
            .collect();
        assert_eq!(sections, vec![0, 1, 2, 3, 4, 5]);
        let tables: Vec<Table> = d
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(*t),
                _ => None,
            })
            .collect();
        assert_eq!(tables, vec![Table::A, Table::B, Table::C]);
    }

    #[test]
    fn an_error_outranks_a_warning_on_the_same_cell() {
        let r = crate::rules::testdata::hongze2023();
        let mut findings = crate::rules::check(&r, &crate::rules::Context::today());
        let cell = findings[0].cells[0];
        let mut w = findings[0].clone();
        w.severity = Severity::Warning;
        findings.insert(0, w);
        let d = build(r, &findings);
        assert_eq!(d.mark_of(cell), Some(Mark::Error));
    }
}
