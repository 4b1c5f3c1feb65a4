//! Importing published reports (issue 6): text copied from a web page (tab-separated
//! tables), `pdftotext -layout` output, HTML, Markdown, one cell per line, and copies whose
//! table digits ran together.
//!
//! Every input is first turned into numbered `lines`; sections are found by their
//! headings 一、…六、, tables by their labels (matched against [`crate::model::schema`]
//! only, tolerant of punctuation, spaces and typos), prose split into parts at （一）（二）….
//! Nothing is guessed silently: a cell that cannot be read is imported as 0 and listed in
//! [`Imported::unknown`] with its input line; blank cells are listed in
//! [`Imported::blanks`]; digits that ran together are recovered only when the table's own
//! arithmetic leaves exactly one reading ([`Imported::recovered`]).
//!
//! Modules: `detect` (which layout), `lines` (text and PDF text as numbered lines: page
//! numbers, form feeds, tabs), `markdown` (pipe tables, `#` headings), `html` (scraper),
//! `prose` (sections, title, parts, fees), `labels` (matching labels against the schema),
//! `tables` (A, B, C; `tables::row` reads a line as label columns and values), `digits`
//! (run-together digits), `account` (what `import` prints on stderr), `format` (which version
//! of the format a report follows: 2019 or 2021; the table readers take that version's tables).

mod account;
mod decode;
mod detect;
mod digits;
mod docx;
mod format;
mod html;
mod labels;
mod lines;
mod markdown;
mod prose;
mod stream;
mod tables;

pub use account::{account, unknown_summary, wrap_account};

/// The deepest element nesting of an HTML source, as the importer measures it before parsing
/// (inputs deeper than 3000 are refused with [`ImportError::TooComplex`]).
pub fn html_nesting_depth(src: &str) -> usize {
    html::nesting_depth(src)
}

use crate::model::schema::{Tables, B_COLS, C_COLUMNS, C_GROUPS, SECTIONS};
use crate::model::{Appeals, CellRef, ProseSection, Report, Requests};
use lines::Line;

/// How the input was laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// The HTML of the published page.
    Html,
    /// Markdown with pipe tables.
    Markdown,
    /// Text copied from a web page: tables as tab-separated rows.
    TabSeparated,
    /// Text from a PDF (`pdftotext -layout`): page numbers, form feeds, wrapped labels.
    PdfText,
    /// Text copied from a web page with one table cell per line.
    OneCellPerLine,
    /// Other plain text (tables in columns of spaces, or digits run together).
    PlainText,
    /// A Word document (.docx): paragraphs and tables.
    Docx,
}

impl Layout {
    /// The layout's name in Chinese, for the account.
    pub fn chinese(self) -> &'static str {
        match self {
            Layout::Html => "网页 HTML",
            Layout::Markdown => "Markdown（竖线表格）",
            Layout::TabSeparated => "网页复制文本（制表符分隔的表格）",
            Layout::PdfText => "PDF 提取文本（pdftotext -layout）",
            Layout::OneCellPerLine => "网页复制文本（每格一行）",
            Layout::PlainText => "纯文本",
            Layout::Docx => "Word 文档（.docx）",
        }
    }
}

/// Something the importer says about one place of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The input line (1-based), when known.
    pub line: Option<usize>,
    /// The column (1-based, in characters) in that line, for a place inside a long line.
    pub col: Option<usize>,
    /// The report cells concerned.
    pub cells: Vec<CellRef>,
    /// What happened, in Chinese.
    pub message: String,
}

impl Note {
    /// A note.
    pub fn new(line: Option<usize>, cells: Vec<CellRef>, message: String) -> Note {
        Note {
            line,
            col: None,
            cells,
            message,
        }
    }

    /// A note at a line and column (the column is kept only when it is past the line's
    /// start: a row cut out of a long line).
    pub fn new_at(line: Option<usize>, col: usize, cells: Vec<CellRef>, message: String) -> Note {
        Note {
            line,
            col: (col > 1).then_some(col),
            cells,
            message,
        }
    }
}

/// A report read from a published text.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The report; unknown cells are 0.
    pub report: Report,
    /// The layout recognised.
    pub layout: Layout,
    /// What was recognised, one line each (for the account).
    pub recognised: Vec<String>,
    /// Cells (or lines) that could not be read; their cells are 0 in the report.
    pub unknown: Vec<Note>,
    /// Blank cells, imported as 0.
    pub blanks: Vec<Note>,
    /// Numbers recovered by the table's arithmetic (run-together digits, deductions).
    pub recovered: Vec<Note>,
    /// Values converted to the format's unit (an amount printed `251000元` is 25.1 万元).
    pub converted: Vec<Note>,
}

impl Imported {
    /// 0 when every table cell was recognised, 1 otherwise.
    pub fn exit_code(&self) -> i32 {
        if self.unknown.is_empty() {
            0
        } else {
            1
        }
    }

    /// Every cell imported as 0 because it could not be read.
    pub fn unknown_cells(&self) -> Vec<CellRef> {
        self.unknown
            .iter()
            .flat_map(|n| n.cells.iter().copied())
            .collect()
    }
}

/// Why an input cannot be imported at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// The input is not a 政府信息公开工作年度报告.
    #[error("输入不是政府信息公开工作年度报告：{0}")]
    NotAReport(String),
    /// An input too deeply nested or too large to read safely.
    #[error("输入过于复杂，未导入：{0}")]
    TooComplex(String),
    /// A .docx that cannot be read.
    #[error("无法读取 Word 文档（.docx）：{0}")]
    Docx(String),
    /// Neither UTF-8 nor GBK/GB18030 text.
    #[error("输入既不是 UTF-8 也不是 GBK/GB18030 文本（第 {line} 行附近有无法解码的字节）；如果是其他编码，请先转换，例如 iconv -f BIG5 -t UTF-8")]
    NotUtf8 {
        /// The line of the first bad byte.
        line: usize,
    },
}

/// The 信息处理费 that the prose of section 六 states, as `import` reads it (zero where a
/// figure is not stated). The exporters use it to tell whether the prose states the fees.
pub fn fees_stated_in(parts: &[crate::model::Part]) -> crate::model::ProcessingFees {
    prose::fees(parts).0
}

/// One line of the account saying how the rows of each table were read: from their cells
/// (explicit cells or numbers apart), by splitting run-together digits by the table's
/// arithmetic (listed with their place), or not at all (unknown, listed).
fn how_rows_were_read(t: &Tables, unknown: &[Note], recovered: &[Note]) -> String {
    use std::collections::BTreeSet;
    let rows = |notes: &[Note], table: u8| -> BTreeSet<String> {
        notes
            .iter()
            .flat_map(|n| n.cells.iter())
            .filter_map(|c| match (c, table) {
                (CellRef::A { field, .. }, 0) => Some(field.to_string()),
                (CellRef::B { row, .. }, 1) => Some(row.to_string()),
                (CellRef::C { .. }, 2) => Some(String::new()),
                _ => None,
            })
            .collect()
    };
    let a_rows: usize = t.a_blocks.iter().map(|b| b.rows.len()).sum();
    let parts: Vec<String> = [("二", 0u8, a_rows), ("三", 1, t.b_rows.len()), ("四", 2, 1)]
        .iter()
        .map(|(name, t, total)| {
            let u = rows(unknown, *t);
            let r: BTreeSet<String> = rows(recovered, *t).difference(&u).cloned().collect();
            format!(
                "表{name} {total} 行：按格读出 {}，按勾稽关系拆开连写的数字或补上空白格 {}，未能识别 {}",
                total - u.len().min(*total) - r.len().min(*total - u.len().min(*total)),
                r.len(),
                u.len()
            )
        })
        .collect();
    format!("各行的读法：{}", parts.join("；"))
}

/// Imports a published report from raw bytes: UTF-8 (optionally with a BOM), or GBK /
/// GB2312 / GB18030 (declared by an HTML page's `<meta charset>`, or found when the bytes are
/// not UTF-8), or a Word document (.docx).
pub fn import_bytes(bytes: &[u8]) -> Result<Imported, ImportError> {
    if docx::is_docx(bytes) {
        let lines = docx::lines(bytes).map_err(ImportError::Docx)?;
        return import_lines(Layout::Docx, lines);
    }
    match decode::decode(bytes) {
        Ok(d) => {
            let mut imported = import_str(&d.text)?;
            if let Some(e) = d.encoding {
                imported
                    .recognised
                    .insert(0, format!("编码：{e}（已转换为 UTF-8）"));
            }
            Ok(imported)
        }
        Err(e) => Err(ImportError::NotUtf8 { line: e.line }),
    }
}

/// Imports a published report from its text (any supported layout).
pub fn import_str(text: &str) -> Result<Imported, ImportError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let (layout, all_lines) = if detect::looks_like_html(text) {
        let depth = html::nesting_depth(text);
        if depth > html::MAX_DEPTH {
            return Err(ImportError::TooComplex(format!(
                "HTML 元素嵌套 {depth} 层，超过上限 {} 层（正常网页只有几十层）",
                html::MAX_DEPTH
            )));
        }
        (Layout::Html, html::lines(text))
    } else {
        let layout = detect::detect_text_layout(text);
        let escapes = if layout == Layout::Markdown {
            markdown::Escapes::Markdown
        } else {
            markdown::Escapes::PipeOnly
        };
        (layout, lines::lex(text, escapes))
    };
    import_lines(layout, all_lines)
}

/// Reads a report from the lines of its layout's tokeniser: the one reading path.
fn import_lines(layout: Layout, all_lines: Vec<Line>) -> Result<Imported, ImportError> {
    // The page's own title (`标题: …` of a crawler's copy): a fallback for the report's title.
    let page_title = all_lines.iter().find_map(|l| match &l.body {
        lines::Body::Text(t) => stream::furniture_value(t)
            .filter(|(k, _)| *k == "标题")
            .map(|(_, v)| (l.no, v)),
        _ => None,
    });
    let all_lines = stream::drop_furniture(all_lines);
    let all_lines = stream::split_headings(all_lines);
    let all_lines = prose::split_run_in_headings(all_lines);
    let all_lines = {
        // The title run into the text before 一 (a copy without line breaks).
        let first = prose::find_sections(&all_lines)
            .iter()
            .flatten()
            .copied()
            .min()
            .unwrap_or(0);
        let rest = all_lines[first..].to_vec();
        let mut head = stream::split_title(all_lines[..first].to_vec());
        head.extend(rest);
        head
    };
    let sections = prose::find_sections(&all_lines);
    let found_sections = sections.iter().filter(|s| s.is_some()).count();
    let first = sections.iter().flatten().copied().min();
    let before_first = &all_lines[..first.unwrap_or(all_lines.len())];
    let title = prose::find_title(before_first)
        .or_else(|| {
            page_title.as_ref().and_then(|(no, t)| {
                prose::find_title(&[Line {
                    no: *no,
                    col: 1,
                    indent: 0,
                    body: lines::Body::Text(t.clone()),
                }])
            })
        })
        .or_else(|| prose::find_title(&all_lines));
    if found_sections < 3 {
        let missing: Vec<String> = SECTIONS
            .iter()
            .zip(&sections)
            .filter(|(_, s)| s.is_none())
            .map(|(s, _)| s.heading())
            .collect();
        return Err(ImportError::NotAReport(format!(
            "六个部分的标题只找到 {found_sections} 个（没有找到 {}）",
            missing.join("、")
        )));
    }
    let agency_hint = title.as_ref().map(|t| t.agency.clone()).unwrap_or_default();
    let regions: Vec<Vec<Line>> = (0..6)
        .map(|i| {
            let Some(start) = sections[i] else {
                return Vec::new();
            };
            let end = sections[i + 1..]
                .iter()
                .flatten()
                .copied()
                .next()
                .unwrap_or(all_lines.len());
            let lines = all_lines[start + 1..end].to_vec();
            match i {
                1..=3 => stream::split_rows(lines),
                _ => {
                    let mut lines = stream::split_parts(lines);
                    if i == 5 {
                        stream::drop_signature(&mut lines, &agency_hint);
                    }
                    lines
                }
            }
        })
        .collect();
    let region = |i: usize| -> &[Line] { &regions[i] };
    // The version of the format, told by the report's content (src/import/format.rs).
    let letters = |lines: &[Line]| -> Vec<char> {
        lines
            .iter()
            .flat_map(|l| labels::squash(&l.text()))
            .collect()
    };
    let (version, why) = format::detect(
        &letters(region(1)),
        &letters(region(2)),
        &letters(&all_lines),
        title.as_ref().map(|t| t.year),
    );
    let tables = version.tables();

    let mut unknown = Vec::new();
    let mut blanks = Vec::new();
    let mut recovered = Vec::new();
    let mut recognised = Vec::new();

    let mut report = Report::new_in(version, "", 0);
    recognised.push(format!("格式：{}（{why}）", version.name()));
    match &title {
        Some(t) => {
            let mut agency = t.agency.clone();
            let mut how = String::new();
            if let Some(full) = prose::complete_agency(&agency, &all_lines, t.line) {
                how = format!("（标题印作“{agency}”，正文中写作“{full}”）");
                agency = full;
            }
            recognised.push(format!(
                "标题（第 {} 行）：机关名称 {agency}{how}，年度 {}",
                t.line, t.year
            ));
            report.agency = agency;
            report.year = t.year;
            // A title printed year first (`2019年××政府信息公开工作年度报告`) is kept as
            // printed: the standard title puts the agency first.
            if t.year_first {
                report.title = Some(t.printed.clone());
            }
        }
        None => unknown.push(Note::new(
            None,
            vec![CellRef::Agency, CellRef::Year],
            "没有找到标题“××××年政府信息公开工作年度报告”：机关名称和年度空缺".to_string(),
        )),
    }
    let found: Vec<String> = SECTIONS
        .iter()
        .zip(&sections)
        .filter_map(|(s, i)| {
            i.map(|i| {
                format!(
                    "{}（第 {} 行）",
                    s.number.trim_end_matches("、"),
                    all_lines[i].no
                )
            })
        })
        .collect();
    recognised.push(format!("章节标题：{}", found.join(" ")));
    for (s, i) in SECTIONS.iter().zip(&sections) {
        if i.is_none() {
            unknown.push(Note::new(
                None,
                Vec::new(),
                format!("没有找到章节“{}”", s.heading()),
            ));
        }
    }

    // The preamble: the paragraphs between the title and 一.
    report.preamble = prose::preamble(before_first, title.as_ref(), layout);
    if !report.preamble.is_empty() {
        recognised.push(format!(
            "前言：{} 字",
            report
                .preamble
                .chars()
                .filter(|c| !c.is_whitespace())
                .count()
        ));
    }

    // Prose.
    for section in ProseSection::ALL {
        let blocks = prose::blocks(region(section.section_index()), layout);
        let parts = prose::parts(&blocks);
        if sections[section.section_index()].is_some() {
            recognised.push(format!("{}：{} 部分", section.heading(), parts.len()));
        }
        *report.parts_mut(section) = parts;
    }
    // 信息处理费: only the 2021 format has them (FORMAT.md §7).
    if !tables.fee_fields.is_empty() {
        let (fees, said) = prose::fees(&report.other_matters);
        report.processing_fees = fees;
        if !said.is_empty() {
            recognised.push(format!("信息处理费（见第六部分）：{}", said.join("，")));
        }
    }

    // Tables.
    let a = tables::table_a(
        region(1),
        layout,
        tables,
        &mut unknown,
        &mut blanks,
        &mut recovered,
    );
    for (cell, value) in a.cells {
        report
            .set(cell, value)
            .expect("table A's reader gives each cell a value of its kind");
    }
    let a_total: usize = tables
        .a_blocks
        .iter()
        .map(|b| b.rows.len() * b.columns.len())
        .sum();
    let b = tables::table_b(
        region(2),
        layout,
        tables,
        &mut unknown,
        &mut blanks,
        &mut recovered,
    );
    report.requests = Requests { cells: b.cells };
    let c = tables::table_c(region(3), layout, &mut unknown, &mut blanks, &mut recovered);
    report.appeals = Appeals { cells: c.cells };
    recognised.push(how_rows_were_read(tables, &unknown, &recovered));
    recognised.push(format!(
        "表格：二 {}/{} 格，三 {}/{} 格，四 {}/{} 格",
        a.found,
        a_total,
        b.found,
        tables.b_rows.len() * B_COLS,
        c.found,
        C_GROUPS.len() * C_COLUMNS.len()
    ));
    Ok(Imported {
        report,
        layout,
        recognised,
        unknown,
        blanks,
        recovered,
        converted: a.converted,
    })
}
