//! Markdown: for 政务新媒体 posts and quick reading. `#` title, `##` sections, part headings
//! as paragraphs of their own, pipe tables. Markdown cannot merge cells: table A is one
//! table of its four blocks (the article rows and heading rows repeated as rows), table B
//! has one label column holding each row's full official label (the merged group labels
//! 三、本年度办理结果, （三）不予公开 … on rows of their own before their first row), table C
//! one heading per column naming its group.

use super::doc::{Block, Cell, Document, Grid, Role, TableId};

/// Escapes text for a Markdown paragraph: backslash, `<` (no raw HTML), `&` (no entity),
/// `*`, `_`, `` ` ``,
/// `[` and `]` get a backslash; a line starting with `#`, `>`, `-`, `+` or `|` too.
pub fn escape(s: &str) -> String {
    escape_with(s, false)
}

/// Escapes text for a table cell: as [`escape`], and every `|` as `\|`.
pub fn escape_cell(s: &str) -> String {
    escape_with(s, true)
}

fn escape_with(s: &str, cell: bool) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    for (i, ch) in s.chars().enumerate() {
        let lead = i == 0 && matches!(ch, '#' | '>' | '-' | '+' | '|' | '=');
        let pipe = cell && ch == '|';
        if lead || pipe || matches!(ch, '\\' | '<' | '&' | '*' | '_' | '`' | '[' | ']') {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// Renders the document as Markdown.
pub fn render(d: &Document) -> String {
    let mut s = String::with_capacity(24 * 1024);
    s.push_str(&format!("# {}\n\n", escape(&d.title)));
    for p in &d.preamble {
        s.push_str(&escape(p));
        s.push_str("\n\n");
    }
    for sec in &d.sections {
        s.push_str(&format!("## {}\n\n", sec.heading));
        for b in &sec.blocks {
            match b {
                Block::PartHeading { number, text, .. } => {
                    s.push_str(&format!("{number}{}\n\n", escape(text)));
                }
                Block::Paragraph { text, .. } => {
                    s.push_str(&escape(text));
                    s.push_str("\n\n");
                }
                Block::Table(g) => {
                    for row in table_rows(g).iter().enumerate() {
                        s.push_str(&line(row.1));
                        if row.0 == 0 {
                            s.push_str(&format!("|{}\n", "---|".repeat(row.1.len())));
                        }
                    }
                    s.push('\n');
                }
            }
        }
    }
    s
}

fn line(cells: &[String]) -> String {
    let inner: Vec<String> = cells.iter().map(|c| escape_cell(c)).collect();
    format!("| {} |\n", inner.join(" | "))
}

/// The rows of a table as Markdown cells (the first row is the table's heading row).
pub fn table_rows(g: &Grid) -> Vec<Vec<String>> {
    match g.table {
        TableId::A => g
            .rows
            .iter()
            .map(|row| {
                let mut cells = Vec::new();
                for c in row {
                    cells.push(c.text.clone());
                    cells.extend(std::iter::repeat_n(String::new(), c.cols - 1));
                }
                cells
            })
            .collect(),
        TableId::B => table_b(g),
        TableId::C => table_c(g),
    }
}

fn leaves(g: &Grid) -> Vec<&Cell> {
    let mut v: Vec<&Cell> = g.rows[..g.header_rows]
        .iter()
        .flatten()
        .filter(|c| c.cols == 1 && c.role == Role::Header)
        .collect();
    v.sort_by_key(|c| c.col);
    v
}

/// The header cell spanning grid column `col` in header row `row` (or covering it from
/// above), if any.
fn header_over(g: &Grid, col: usize) -> Vec<&Cell> {
    g.rows[..g.header_rows]
        .iter()
        .flatten()
        .filter(|c| c.cols > 1 && c.col <= col && col < c.col + c.cols)
        .collect()
}

fn table_b(g: &Grid) -> Vec<Vec<String>> {
    let corner = &g.rows[0][0];
    let mut out = vec![std::iter::once(corner.text.clone())
        .chain(
            leaves(g)
                .iter()
                .filter(|c| c.col >= corner.cols)
                .map(|c| c.text.clone()),
        )
        .collect::<Vec<_>>()];
    let width = out[0].len();
    for row in &g.rows[g.header_rows..] {
        // A merged group label (三、本年度办理结果, （三）不予公开 …) gets a row of its own, with
        // no numbers, before the first row it heads.
        let labels: Vec<&Cell> = row.iter().filter(|c| c.role == Role::Label).collect();
        let Some((own, groups)) = labels.split_last() else {
            continue;
        };
        for grp in groups {
            let mut cells = vec![grp.text.clone()];
            cells.extend(std::iter::repeat_n(String::new(), width - 1));
            out.push(cells);
        }
        let mut cells = vec![own.text.clone()];
        cells.extend(
            row.iter()
                .filter(|c| c.role == Role::Number)
                .map(|c| c.text.clone()),
        );
        out.push(cells);
    }
    out
}

fn table_c(g: &Grid) -> Vec<Vec<String>> {
    let head: Vec<String> = leaves(g)
        .iter()
        .map(|c| {
            let mut names: Vec<String> = header_over(g, c.col)
                .iter()
                .map(|h| h.text.clone())
                .collect();
            names.push(c.text.clone());
            names.join(" ")
        })
        .collect();
    let mut out = vec![head];
    for row in &g.rows[g.header_rows..] {
        out.push(row.iter().map(|c| c.text.clone()).collect());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Report;
    use crate::publish::doc::{table_b, table_c};

    #[test]
    fn table_b_has_one_label_column_with_the_full_label() {
        let rows = table_rows(&table_b(&Report::new("某局", 2023)));
        assert_eq!(rows[0].len(), 8);
        assert!(rows.iter().all(|r| r.len() == 8));
        assert_eq!(rows[3][0], "三、本年度办理结果");
        assert_eq!(rows[4][0], "（一）予以公开");
        assert_eq!(rows[6][0], "（三）不予公开");
        assert_eq!(rows[6][1], "");
        assert_eq!(rows[7][0], "1.属于国家秘密");
    }

    #[test]
    fn table_c_headings_name_their_groups() {
        let rows = table_rows(&table_c(&Report::new("某局", 2023)));
        assert_eq!(rows[0][0], "行政复议 结果维持");
        assert_eq!(rows[0][5], "行政诉讼 未经复议直接起诉 结果维持");
        assert_eq!(rows[1].len(), 15);
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(escape("<b>a*b</b>"), "\\<b>a\\*b\\</b>");
        assert_eq!(escape_cell("a|b"), "a\\|b");
        assert_eq!(escape("# 标题"), "\\# 标题");
    }
}
