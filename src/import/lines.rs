//! The input as numbered lines: what every layout is turned into before sections, tables
//! and prose are found.
//!
//! A line is free text (a line of `pdftotext -layout` output or of a web page's text), or a
//! row of explicit cells (tab-separated, a Markdown pipe row, an HTML table row), or a
//! heading (Markdown `#`, HTML `<h1>`…`<h6>`). Page numbers and form feeds are dropped here.

use super::labels::fold;
use super::markdown::{inline, is_pipe_separator, markdown_heading, pipe_cells, Escapes};

/// What a line holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Body {
    /// Free text (may be empty: a blank line).
    Text(String),
    /// A heading line (Markdown or HTML); its text.
    Heading(String),
    /// A row of explicit cells; an empty string is an empty cell.
    Cells(Vec<String>),
}

/// One line of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    /// 1-based line number in the input.
    pub no: usize,
    /// 1-based column (in characters) where this piece starts in its input line: 1 for a
    /// whole line, more for a piece cut out of a long line (a report on one line).
    pub col: usize,
    /// Leading spaces of a text line (a full-width space counts as two).
    pub indent: usize,
    /// Its content.
    pub body: Body,
}

impl Line {
    /// A text line `no` of the input, as the tests write one.
    #[cfg(test)]
    pub(crate) fn test_text(no: usize, indent: usize, s: &str) -> Line {
        Line {
            col: 1,
            no,
            indent,
            body: Body::Text(s.to_string()),
        }
    }

    /// The line's text, cells joined by a space.
    pub fn text(&self) -> String {
        match &self.body {
            Body::Text(t) | Body::Heading(t) => t.trim().to_string(),
            Body::Cells(c) => c
                .iter()
                .filter(|c| !c.trim().is_empty())
                .map(|c| c.trim())
                .collect::<Vec<_>>()
                .join(" "),
        }
    }

    /// True for a blank text line.
    pub fn is_blank(&self) -> bool {
        match &self.body {
            Body::Text(t) => t.trim().is_empty(),
            Body::Heading(_) => false,
            Body::Cells(c) => c.iter().all(|c| c.trim().is_empty()),
        }
    }
}

/// True for a page number line: `-1-`, `— 2 —`, `第 3 页`, `第3页 共5页`, `3 / 5`, and the
/// header and footer a browser prints on every page of a saved web page
/// (`12/2/26, 3:27 AM   标题`, `2026/12/2 15:27   标题`, `https://…/t.html   4/6`).
pub(crate) fn is_page_number(line: &str) -> bool {
    is_page_number_only(line) || is_browser_print_line(line)
}

/// The header (date and time, then the page's title) or footer (its address, then the page
/// number `n/m`) of a page a browser printed.
fn is_browser_print_line(line: &str) -> bool {
    static RE: std::sync::OnceLock<[regex::Regex; 2]> = std::sync::OnceLock::new();
    let [header, footer] = RE.get_or_init(|| {
        [
            regex::Regex::new(
                r"^\s*\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?\s+(?:(?:上午|下午)\s*)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:AM|PM|am|pm|上午|下午))?(?:\s{2,}\S.*)?$",
            )
            .expect("regex"),
            regex::Regex::new(r"^\s*(?:https?|file)://\S+\s+\d+\s*/\s*\d+\s*$").expect("regex"),
        ]
    });
    header.is_match(line) || footer.is_match(line)
}

fn is_page_number_only(line: &str) -> bool {
    let t: String = line
        .chars()
        .map(fold)
        .filter(|c| !c.is_whitespace())
        .collect();
    if t.is_empty() {
        return false;
    }
    let dashes = |c: char| matches!(c, '-' | '—' | '–' | '−' | '～' | '~');
    if let Some(inner) = t.strip_prefix(dashes).and_then(|r| r.strip_suffix(dashes)) {
        let inner = inner.trim_matches(dashes);
        return !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit());
    }
    if let Some(rest) = t.strip_prefix('第') {
        let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        if !digits.is_empty() {
            let after = &rest[digits.len()..];
            if after == "页" {
                return true;
            }
            if let Some(total) = after
                .strip_prefix("页共")
                .or_else(|| after.strip_prefix("页,共"))
            {
                return total
                    .strip_suffix('页')
                    .is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()));
            }
        }
        return false;
    }
    if let Some((a, b)) = t.split_once('/') {
        return !a.is_empty()
            && !b.is_empty()
            && a.chars().all(|c| c.is_ascii_digit())
            && b.chars().all(|c| c.is_ascii_digit());
    }
    false
}

/// True for a numeric token (`12`, `1,234`, `7730.28`, full-width digits too).
pub(crate) fn is_number(tok: &str) -> bool {
    let t: String = tok.chars().map(fold).collect();
    let t = t.trim();
    if t.is_empty() {
        return false;
    }
    let (int, frac) = match t.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (t, None),
    };
    if let Some(f) = frac {
        if f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()) {
            return false;
        }
    }
    let groups: Vec<&str> = int.split(',').collect();
    if groups.len() > 1 {
        groups[0].len() <= 3
            && !groups[0].is_empty()
            && groups[1..].iter().all(|g| g.len() == 3)
            && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()))
    } else {
        !int.is_empty() && int.chars().all(|c| c.is_ascii_digit())
    }
}

/// A numeric token as plain ASCII digits (commas removed, full-width folded).
pub(crate) fn plain_number(tok: &str) -> String {
    tok.trim()
        .chars()
        .map(fold)
        .filter(|c| *c != ',' && !c.is_whitespace())
        .collect()
}

fn indent_of(s: &str) -> usize {
    s.chars()
        .take_while(|c| c.is_whitespace())
        .map(|c| if c == '\u{3000}' { 2 } else { 1 })
        .sum()
}

/// True for a column header a PDF converter makes up when it cannot read the real one:
/// `数据1` … `数据6`, `列1`, `Column 3`, `Unnamed: 2`. It says nothing about the table.
pub(crate) fn is_generic_header(cell: &str) -> bool {
    let t: String = cell
        .chars()
        .map(fold)
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    ["数据", "列", "栏", "字段", "column", "col", "unnamed:"]
        .iter()
        .any(|p| {
            t.strip_prefix(p).is_some_and(|d| {
                (1..=2).contains(&d.len()) && d.chars().all(|c| c.is_ascii_digit())
            })
        })
}

/// A table cell as read: a page number (`— 3 —`, `第3页`) that a converter put into a table
/// cell, and a made-up column header, are no content.
fn table_cell(c: &str, escapes: Escapes) -> String {
    let c = inline(c.trim(), escapes);
    if is_page_number(&c) || is_generic_header(&c) {
        String::new()
    } else {
        c
    }
}

/// True when a line of text ends a sentence (so a page break after it also ends the
/// paragraph).
fn ends_sentence(t: &str) -> bool {
    t.trim_end()
        .chars()
        .last()
        .is_none_or(|c| "。！？；：…!?;:".contains(c))
}

/// Splits a text input into lines; in Markdown (`escapes`), backslash escapes are read as
/// the characters they stand for (`\<` is `<`).
pub(crate) fn lex(text: &str, escapes: Escapes) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    let mut page_break = false;
    for (i, raw) in text.split('\n').enumerate() {
        let no = i + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let line: String = raw.chars().filter(|c| *c != '\x0c').collect();
        if is_page_number(&line) {
            page_break = true;
            continue;
        }
        // A line indented with full-width spaces is a paragraph of Chinese text, whatever
        // it starts with (`　　# 号`, `　　| 竖线`): Markdown blocks start at the margin.
        let indented = line.starts_with('\u{3000}');
        let body = if indented {
            Body::Text(line.trim_end().to_string())
        } else if line.contains('\t') && !line.trim().is_empty() {
            Body::Cells(line.split('\t').map(|c| table_cell(c, escapes)).collect())
        } else if let Some(cells) = pipe_cells(&line) {
            if is_pipe_separator(&cells) {
                continue;
            }
            Body::Cells(cells.iter().map(|c| table_cell(c, escapes)).collect())
        } else if let Some(h) = markdown_heading(&line) {
            Body::Heading(inline(h, escapes))
        } else if escapes == Escapes::Markdown {
            Body::Text(inline(line.trim_end(), escapes))
        } else {
            Body::Text(line.trim_end().to_string())
        };
        if page_break && !line.trim().is_empty() {
            page_break = false;
            // A paragraph cut by a page footer (`…严格执行“分` / `— 1 —` / `级审核…`, as a
            // converter prints a PDF): the empty lines around the footer are no paragraph
            // break when the sentence goes on.
            let prose = |b: &Body| matches!(b, Body::Text(t) if !is_number(t));
            let before = out.iter().rposition(|l| !l.is_blank());
            if let Some(k) = before {
                let goes_on = matches!(&out[k].body, Body::Text(t) if !ends_sentence(t));
                if goes_on && prose(&out[k].body) && prose(&body) && k + 1 < out.len() {
                    out.truncate(k + 1);
                }
            }
        }
        out.push(Line {
            col: 1,
            no,
            indent: indent_of(&line),
            body,
        });
    }
    // Indents count from the text's left margin: `pdftotext -layout` places the text at the
    // page's leftmost column, which a browser's header and footer (dropped above) held.
    let margin = out
        .iter()
        .filter(|l| !l.is_blank())
        .map(|l| l.indent)
        .min()
        .unwrap_or(0);
    if margin > 0 {
        for l in &mut out {
            l.indent = l.indent.saturating_sub(margin);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_are_recognised() {
        for p in [
            "-1-",
            "     -2-",
            " — 3 — ",
            "第 4 页",
            "第4页 共5页",
            "2/6",
        ] {
            assert!(is_page_number(p), "{p}");
        }
        for p in ["2023 年", "-", "1", "第二十条"] {
            assert!(!is_page_number(p), "{p}");
        }
    }

    #[test]
    fn a_browsers_print_header_and_footer_are_page_furniture() {
        for l in [
            "12/2/26, 3:27 AM                淮安市洪泽区人民政府2024年政府信息公开工作年度报告",
            "2026/12/2 15:27   某某局2024年政府信息公开工作年度报告",
            "2026/12/2 下午3:27   标题",
            "file:///tmp/h/h.html                                        4/6",
            "https://www.example.gov.cn/art/2025/1/20/art_1.html   1/5",
        ] {
            assert!(is_page_number(l), "{l}");
        }
        for l in [
            "2024年1月1日至12月31日",
            "2024/1/20 本机关召开会议",
            "https://www.example.gov.cn/ 是本机关的网站",
            "1.属于国家秘密 12/2",
        ] {
            assert!(!is_page_number(l), "{l}");
        }
    }

    #[test]
    fn numbers_are_recognised() {
        for n in ["0", "1,234", "7730.28", "１２"] {
            assert!(is_number(n), "{n}");
        }
        for n in ["1.", "1,23", "a1", "", "1.属于"] {
            assert!(!is_number(n), "{n}");
        }
        assert_eq!(plain_number("1,234"), "1234");
    }

    #[test]
    fn markdown_rows_and_headings() {
        let lines = lex(
            "## 一、总体情况\n| a | b\\|c | |\n|---|---|---|\ntext\x0c\n-2-\n",
            Escapes::PipeOnly,
        );
        assert_eq!(lines[0].body, Body::Heading("一、总体情况".into()));
        assert_eq!(
            lines[1].body,
            Body::Cells(vec!["a".into(), "b|c".into(), "".into()])
        );
        assert_eq!(lines[2].body, Body::Text("text".into()));
        assert_eq!(lines[2].no, 4);
        assert_eq!(lines.len(), 4);
    }

    #[test]
    fn markdown_escapes_are_read_only_in_markdown() {
        let md = "# 标题\\*\n\\# 不是标题 \\<b\\> a\\\\b\n| 1\\.属于\\|秘密 | 4 |\n";
        let lines = lex(md, Escapes::Markdown);
        assert_eq!(lines[0].body, Body::Heading("标题*".into()));
        assert_eq!(lines[1].body, Body::Text("# 不是标题 <b> a\\b".into()));
        assert_eq!(
            lines[2].body,
            Body::Cells(vec!["1.属于|秘密".into(), "4".into()])
        );
        // In plain text a backslash is text (a path, a formula), except `\|` in a pipe row.
        let lines = lex(md, Escapes::PipeOnly);
        assert_eq!(
            lines[1].body,
            Body::Text("\\# 不是标题 \\<b\\> a\\\\b".into())
        );
        assert_eq!(
            lines[2].body,
            Body::Cells(vec!["1\\.属于|秘密".into(), "4".into()])
        );
    }
}
