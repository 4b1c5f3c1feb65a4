//! The document laid out for a width: one entry per screen row. Scrolling, jumping to a
//! section and going to a finding are arithmetic on these rows.

use super::doc::{Block, Document, TextKind};
use crate::model::CellRef;
use crate::text::wrap::wrap;
use crate::tui::tables::{self, Table};

/// Columns left of the text for the mark of a finding (`✗ `, `! `).
pub const GUTTER: u16 = 2;

/// One screen row of the laid-out document.
#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    /// A line of text (already wrapped to the width).
    Text {
        /// Its style.
        kind: TextKind,
        /// The text of this line.
        text: String,
        /// The place the block shows (every line of a block carries it).
        cell: Option<CellRef>,
        /// For a line of a finding in the list, the finding's index.
        finding: Option<usize>,
        /// Whether this is the block's first line (where a mark is drawn).
        first: bool,
    },
    /// Line `line` of a table.
    Table {
        /// Which table.
        table: Table,
        /// Line within the table, from 0.
        line: u16,
    },
    /// An empty line.
    Blank,
}

/// A document laid out for one width.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// The width it was laid out for.
    pub width: u16,
    /// The rows, top to bottom.
    pub rows: Vec<Row>,
    /// Row of each section heading (一 … 六); 0 when the document has none.
    pub sections: [usize; 6],
    /// First row of each finding in the list at the top.
    pub finding_rows: Vec<usize>,
    /// First row of each table.
    pub table_rows: Vec<(Table, usize)>,
}

impl Layout {
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True for an empty layout.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The first row showing `cell` as text (prose parts, fees, title).
    pub fn text_row_of(&self, cell: CellRef) -> Option<usize> {
        self.rows.iter().position(|r| match r {
            Row::Text { cell: Some(c), .. } => *c == cell,
            _ => false,
        })
    }

    /// The first row of `table`.
    pub fn table_row(&self, table: Table) -> Option<usize> {
        self.table_rows
            .iter()
            .find(|(t, _)| *t == table)
            .map(|(_, r)| *r)
    }
}

/// Lays the document out for `width` columns.
pub fn lay_out(doc: &Document, width: u16) -> Layout {
    let text_width = width.saturating_sub(GUTTER).max(1) as usize;
    let tables = doc
        .report
        .as_ref()
        .map_or(&crate::model::schema::TABLES_2021, |r| r.tables());
    let mut rows = Vec::new();
    let mut sections = [0usize; 6];
    let mut finding_rows = vec![0; doc.findings.len()];
    let mut table_rows = Vec::new();
    for block in &doc.blocks {
        match block {
            Block::Blank => rows.push(Row::Blank),
            Block::Table(t) => {
                table_rows.push((*t, rows.len()));
                for line in 0..tables::height(*t, width, tables) {
                    rows.push(Row::Table { table: *t, line });
                }
            }
            Block::Text {
                kind,
                text,
                cell,
                finding,
                section,
            } => {
                if let Some(s) = section {
                    if let Some(slot) = sections.get_mut(*s) {
                        *slot = rows.len();
                    }
                }
                if let Some(slot) = finding.and_then(|f| finding_rows.get_mut(f)) {
                    *slot = rows.len();
                }
                let (first_indent, rest_indent) = match kind {
                    TextKind::Paragraph => (4, 0),
                    TextKind::Finding => (0, 2),
                    _ => (0, 0),
                };
                let mut lines = wrap(text, text_width, first_indent, rest_indent);
                if *kind == TextKind::Title && lines.len() > 1 {
                    lines = balanced(text, text_width, lines.len());
                }
                for (i, line) in lines.into_iter().enumerate() {
                    rows.push(Row::Text {
                        kind: *kind,
                        text: line,
                        cell: *cell,
                        finding: *finding,
                        first: i == 0,
                    });
                }
            }
        }
    }
    Layout {
        width,
        rows,
        sections,
        finding_rows,
        table_rows,
    }
}

/// Wraps a title into `n` lines of about equal width (no short last line), centred later.
fn balanced(text: &str, width: usize, n: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let mut w = text.width().div_ceil(n.max(1)).max(1);
    loop {
        let lines = wrap(text, w, 0, 0);
        if lines.len() <= n || w >= width {
            return lines;
        }
        w += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn a_long_title_is_balanced() {
        let lines = balanced("洪泽区人民政府2023年政府信息公开工作年度报告", 40, 2);
        assert_eq!(lines.len(), 2);
        let (a, b) = (lines[0].width(), lines[1].width());
        assert!(a.abs_diff(b) <= 4, "{lines:?}");
    }

    #[test]
    fn sections_and_findings_have_rows() {
        let r = crate::rules::testdata::hongze2023();
        let f = crate::rules::check(&r, &crate::rules::Context::today());
        let doc = super::super::doc::build(r, &f);
        let l = lay_out(&doc, 80);
        for w in l.sections.windows(2) {
            assert!(w[0] < w[1]);
        }
        assert!(
            matches!(&l.rows[l.sections[2]], Row::Text { text, .. } if text.starts_with("三、"))
        );
        assert_eq!(l.finding_rows.len(), 2);
        assert!(l.finding_rows[0] < l.sections[0]);
        assert!(l.table_row(Table::B).unwrap() > l.sections[2]);
        // Narrower means more rows.
        assert!(lay_out(&doc, 40).len() > l.len());
    }
}
