//! Plain text: for e-mail and quick reading. Headings and paragraphs one per line (a
//! paragraph is never wrapped: mail readers and editors wrap it), tables aligned in CJK
//! display width the way `pdftotext -layout` shows a printed table: the numbers in columns
//! under their headings, each row's label on the left (a long label wrapped, its numbers
//! on its last line), the merged group labels (三、本年度办理结果, （三）不予公开 …) on lines
//! of their own above their rows.

use super::doc::{Block, Cell, Document, Grid, Role, TableId};
use unicode_width::UnicodeWidthStr;

/// Display width of a string (CJK characters count two).
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Pads `s` with spaces on the right to display width `w`.
pub fn pad_right(s: &str, w: usize) -> String {
    let mut out = s.to_string();
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(width(s))));
    out
}

/// Pads `s` with spaces on the left to display width `w`.
pub fn pad_left(s: &str, w: usize) -> String {
    let mut out: String = std::iter::repeat_n(' ', w.saturating_sub(width(s))).collect();
    out.push_str(s);
    out
}

/// Centres `s` in display width `w`.
pub fn centre(s: &str, w: usize) -> String {
    let room = w.saturating_sub(width(s));
    let mut out: String = std::iter::repeat_n(' ', room / 2).collect();
    out.push_str(s);
    out.extend(std::iter::repeat_n(' ', room - room / 2));
    out
}

/// Splits `s` into pieces of at most display width `w` (at least one character each).
pub fn wrap_width(s: &str, w: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut cw = 0;
    for ch in s.chars() {
        let c = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
        if cw + c > w && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
            cw = 0;
        }
        cur.push(ch);
        cw += c;
    }
    if !cur.is_empty() || out.is_empty() {
        out.push(cur);
    }
    out
}

/// Label column width of tables A and B (display columns); longer labels wrap.
const LABEL_WIDTH: usize = 34;
/// Indent of a row under one or two group labels of table B.
const INDENT: usize = 2;

/// Renders the document as plain text.
pub fn render(d: &Document) -> String {
    let mut s = String::with_capacity(24 * 1024);
    s.push_str(&d.title);
    s.push_str("\n\n");
    for p in &d.preamble {
        s.push_str(&format!("　　{p}\n"));
    }
    for sec in &d.sections {
        s.push('\n');
        s.push_str(&sec.heading);
        s.push('\n');
        for b in &sec.blocks {
            match b {
                Block::PartHeading { number, text, .. } => {
                    s.push_str(&format!("　　{number}{text}\n"));
                }
                Block::Paragraph { text, .. } => s.push_str(&format!("　　{text}\n")),
                Block::Table(g) => {
                    s.push('\n');
                    for l in table_lines(g) {
                        s.push_str(l.trim_end());
                        s.push('\n');
                    }
                    s.push('\n');
                }
            }
        }
    }
    s
}

/// The lines of a table, aligned in display width.
pub fn table_lines(g: &Grid) -> Vec<String> {
    match g.table {
        TableId::A => table_a(g),
        TableId::B => table_b(g),
        TableId::C => table_c(g),
    }
}

fn numbers_of(row: &[Cell]) -> Vec<&Cell> {
    row.iter().filter(|c| c.role == Role::Number).collect()
}

/// A row label (wrapped at the label width) followed by its numbers on the last line.
fn label_row(out: &mut Vec<String>, indent: usize, label: &str, nums: &[String]) {
    let pieces = wrap_width(label, LABEL_WIDTH - indent);
    let last = pieces.len() - 1;
    for (k, p) in pieces.iter().enumerate() {
        let mut l = " ".repeat(indent);
        l.push_str(&pad_right(p, LABEL_WIDTH - indent));
        if k == last {
            l.push_str(&nums.concat());
        }
        out.push(l);
    }
}

fn table_a(g: &Grid) -> Vec<String> {
    // Each block: its article, the heading row, its rows. Every number column as wide as the
    // widest heading of table A.
    let col_w = g
        .rows
        .iter()
        .flatten()
        .filter(|c| c.role == Role::Header && c.col > 0)
        .map(|c| width(&c.text))
        .max()
        .unwrap_or(8)
        .max(12)
        + 2;
    let mut out = Vec::new();
    for row in &g.rows {
        match row.first() {
            Some(c) if c.role == Role::Header && c.cols == g.columns => {
                out.push(c.text.clone());
            }
            Some(c) if c.role == Role::Header => {
                let mut l = pad_right(&c.text, LABEL_WIDTH);
                for h in &row[1..] {
                    l.push_str(&pad_left(&h.text, col_w));
                }
                out.push(l);
            }
            Some(c) => {
                let nums: Vec<String> = numbers_of(row)
                    .iter()
                    .map(|n| pad_left(&n.text, col_w))
                    .collect();
                label_row(&mut out, 0, &c.text, &nums);
            }
            None => {}
        }
    }
    out
}

fn table_b(g: &Grid) -> Vec<String> {
    // Column headings: 自然人, the five of 法人或其他组织, 总计 (the leaves of the header).
    let leaves: Vec<&Cell> = {
        let mut v: Vec<&Cell> = g.rows[..g.header_rows]
            .iter()
            .flatten()
            .filter(|c| c.col >= 3 && c.cols == 1)
            .collect();
        v.sort_by_key(|c| c.col);
        v
    };
    let col_w = leaves
        .iter()
        .map(|c| width(&c.text))
        .max()
        .unwrap_or(6)
        .max(
            g.rows
                .iter()
                .flatten()
                .filter(|c| c.role == Role::Number)
                .map(|c| width(&c.text))
                .max()
                .unwrap_or(1),
        )
        + 2;
    let mut out = Vec::new();
    let spans: Vec<&Cell> = g.rows[..g.header_rows]
        .iter()
        .flatten()
        .filter(|c| c.col >= 3 && c.cols > 1)
        .collect();
    // The corner note, wrapped in the label column.
    let corner = &g.rows[0][0];
    let corner_lines = wrap_width(&corner.text, LABEL_WIDTH);
    // Group headings over their columns, then the leaves.
    let mut heads: Vec<String> = Vec::new();
    for c in &spans {
        let start = LABEL_WIDTH + (c.col - 3) * col_w;
        let w = c.cols * col_w;
        let mut l = " ".repeat(start);
        l.push_str(&centre(&c.text, w));
        heads.push(l);
    }
    let mut leaf_line = " ".repeat(LABEL_WIDTH);
    for c in &leaves {
        leaf_line.push_str(&pad_left(&c.text, col_w));
    }
    heads.push(leaf_line);
    for k in 0..corner_lines.len().max(heads.len()) {
        let left = corner_lines.get(k).map(String::as_str).unwrap_or("");
        let right = heads.get(k).map(String::as_str).unwrap_or("");
        let right = right.get(LABEL_WIDTH..).unwrap_or("");
        out.push(format!("{}{right}", pad_right(left, LABEL_WIDTH)));
    }
    out.push(String::new());
    // The rows: group labels (cells of role Label spanning several rows) on their own line.
    for row in &g.rows[g.header_rows..] {
        let labels: Vec<&Cell> = row.iter().filter(|c| c.role == Role::Label).collect();
        let Some(own) = labels.last() else { continue };
        for grp in &labels[..labels.len() - 1] {
            out.push(format!("{}{}", " ".repeat(grp.col * INDENT), grp.text));
        }
        let nums: Vec<String> = numbers_of(row)
            .iter()
            .map(|n| pad_left(&n.text, col_w))
            .collect();
        label_row(&mut out, own.col * INDENT, &own.text, &nums);
    }
    out
}

fn table_c(g: &Grid) -> Vec<String> {
    // Five-column groups; each column label wrapped in two-character pieces (结果 / 维持),
    // as a printed table of fifteen narrow columns shows them.
    let col_w = g
        .rows
        .iter()
        .flatten()
        .filter(|c| c.role == Role::Number)
        .map(|c| width(&c.text))
        .max()
        .unwrap_or(1)
        .max(4)
        + 2;
    let mut out = Vec::new();
    let header = &g.rows[..g.header_rows];
    // Group labels (spanning several columns), row by row.
    for row in header {
        let spans: Vec<&Cell> = row.iter().filter(|c| c.cols > 1).collect();
        if spans.is_empty() {
            continue;
        }
        let mut l = String::new();
        for c in spans {
            let start = c.col * col_w;
            let cur = width(&l);
            l.push_str(&" ".repeat(start.saturating_sub(cur)));
            l.push_str(&centre(&c.text, c.cols * col_w));
        }
        out.push(l);
    }
    // The leaf labels, wrapped.
    let mut leaves: Vec<&Cell> = header.iter().flatten().filter(|c| c.cols == 1).collect();
    leaves.sort_by_key(|c| c.col);
    let pieces: Vec<Vec<String>> = leaves
        .iter()
        .map(|c| wrap_width(&c.text, col_w - 2))
        .collect();
    let depth = pieces.iter().map(Vec::len).max().unwrap_or(0);
    for k in 0..depth {
        let mut l = String::new();
        for p in &pieces {
            l.push_str(&pad_left(p.get(k).map(String::as_str).unwrap_or(""), col_w));
        }
        out.push(l);
    }
    out.push(String::new());
    for row in &g.rows[g.header_rows..] {
        let l: String = numbers_of(row)
            .iter()
            .map(|n| pad_left(&n.text, col_w))
            .collect();
        out.push(l);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Report;
    use crate::publish::doc::{table_a, table_b, table_c};

    #[test]
    fn numbers_line_up_in_display_width() {
        let mut r = crate::rules::testdata::hongze2023();
        r.requests.cells[0][0] = 123_456;
        for g in [table_a(&r), table_b(&r), table_c(&r)] {
            let lines = table_lines(&g);
            // Every line of numbers ends at the same display column within a table.
            let ends: Vec<usize> = lines
                .iter()
                .filter(|l| l.trim_end().ends_with(|c: char| c.is_ascii_digit()))
                .map(|l| width(l.trim_end()))
                .collect();
            assert!(!ends.is_empty());
            if g.table != TableId::A {
                assert!(
                    ends.iter().all(|e| *e == ends[0]),
                    "{:?}\n{}",
                    g.table,
                    lines.join("\n")
                );
            }
        }
    }

    #[test]
    fn wrap_counts_display_width() {
        assert_eq!(wrap_width("结果维持", 4), vec!["结果", "维持"]);
        assert_eq!(pad_left("自然人", 8), "  自然人");
        assert_eq!(width(&centre("总计", 8)), 8);
        let _ = Report::new("某局", 2023);
    }
}
