//! Importing published reports (issue 6): text copied from a web page (tab-separated
//! tables), `pdftotext -layout` output, HTML, Markdown, one cell per line, and copies whose
//! table digits ran together.
//!
//! Every input is first turned into numbered [`lines`]; sections are found by their
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
//! (run-together digits), `account` (what `import` prints on stderr).

mod account;
mod detect;
mod digits;
mod html;
mod labels;
mod lines;
mod markdown;
mod prose;
mod tables;

pub use account::{account, wrap_account};

use crate::model::schema::{A_BLOCKS, B_COLS, B_ROW_COUNT, C_COLUMNS, C_GROUPS, SECTIONS};
use crate::model::{Appeals, CellRef, ProseSection, Report, Requests, FORMAT_VERSION};
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
        }
    }
}

/// Something the importer says about one place of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The input line (1-based), when known.
    pub line: Option<usize>,
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
    /// A report in the 2019 format.
    #[error("这是 2019 年版格式的年度报告（{0}）。目前只能导入 2021 年版格式（国办公开办函〔2021〕30号，用于 2021 年度及以后的报告），暂不支持 2019 年版")]
    Format2019(String),
    /// Not UTF-8 text.
    #[error("输入不是 UTF-8 文本（第 {line} 行附近有无法解码的字节）；如果是 GBK 编码，请先转换：iconv -f GBK -t UTF-8")]
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

/// Imports a published report from raw bytes (UTF-8, optionally with a BOM).
pub fn import_bytes(bytes: &[u8]) -> Result<Imported, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => import_str(s),
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1;
            Err(ImportError::NotUtf8 { line })
        }
    }
}

/// Imports a published report from its text (any supported layout).
pub fn import_str(text: &str) -> Result<Imported, ImportError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let (layout, all_lines) = if detect::looks_like_html(text) {
        (Layout::Html, html::lines(text))
    } else {
        let layout = detect::detect_text_layout(text);
        (layout, lines::lex(text))
    };
    let all_lines = prose::split_run_in_headings(all_lines);
    let sections = prose::find_sections(&all_lines);
    let found_sections = sections.iter().filter(|s| s.is_some()).count();
    let first = sections.iter().flatten().copied().min();
    let title = prose::find_title(&all_lines[..first.unwrap_or(all_lines.len())])
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
    let region = |i: usize| -> &[Line] {
        let Some(start) = sections[i] else {
            return &[];
        };
        let end = sections[i + 1..]
            .iter()
            .flatten()
            .copied()
            .next()
            .unwrap_or(all_lines.len());
        &all_lines[start + 1..end]
    };
    // The 2019 format: refused for now.
    if let Some(t) = &title {
        if t.year < 2021 {
            return Err(ImportError::Format2019(format!(
                "报告年度为 {} 年，2021 年版格式从 2021 年度起施行",
                t.year
            )));
        }
    }
    let section2: String = region(1)
        .iter()
        .map(|l| labels::squash(&l.text()).into_iter().collect::<String>())
        .collect();
    for marker in [
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "政府集中采购",
    ] {
        if section2.contains(marker) {
            return Err(ImportError::Format2019(format!(
                "表格“二、主动公开政府信息情况”有 2019 年版的栏目“{marker}”"
            )));
        }
    }

    let mut unknown = Vec::new();
    let mut blanks = Vec::new();
    let mut recovered = Vec::new();
    let mut recognised = Vec::new();

    let mut report = Report::new("", 0);
    report.format = FORMAT_VERSION;
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

    // Prose.
    for section in ProseSection::ALL {
        let blocks = prose::blocks(region(section.section_index()), layout);
        let parts = prose::parts(&blocks);
        if sections[section.section_index()].is_some() {
            recognised.push(format!("{}：{} 部分", section.heading(), parts.len()));
        }
        *report.parts_mut(section) = parts;
    }
    let (fees, said) = prose::fees(&report.other_matters);
    report.processing_fees = fees;
    if !said.is_empty() {
        recognised.push(format!("信息处理费（见第六部分）：{}", said.join("，")));
    }

    // Tables.
    let a = tables::table_a(region(1), layout, &mut unknown, &mut blanks, &mut recovered);
    report.proactive = a.proactive;
    let a_total: usize = A_BLOCKS
        .iter()
        .map(|b| b.rows.len() * b.columns.len())
        .sum();
    let b = tables::table_b(region(2), layout, &mut unknown, &mut blanks, &mut recovered);
    report.requests = Requests { cells: b.cells };
    let c = tables::table_c(region(3), layout, &mut unknown, &mut blanks, &mut recovered);
    report.appeals = Appeals { cells: c.cells };
    recognised.push(format!(
        "表格：二 {}/{} 格，三 {}/{} 格，四 {}/{} 格",
        a.found,
        a_total,
        b.found,
        B_ROW_COUNT * B_COLS,
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
    })
}
