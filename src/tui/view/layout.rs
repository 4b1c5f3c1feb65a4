//! The document laid out for a width: one entry per screen row. Scrolling, jumping to a
//! section and going to a finding are arithmetic on these rows.

use super::doc::{Block, Document, TextKind};
use crate::model::CellRef;
use crate::tui::tables::{self, Table};
use unicode_width::UnicodeWidthChar;

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
    let mut rows = Vec::new();
    let mut sections = [0usize; 6];
    let mut finding_rows = vec![0; doc.findings.len()];
    let mut table_rows = Vec::new();
    for block in &doc.blocks {
        match block {
            Block::Blank => rows.push(Row::Blank),
            Block::Table(t) => {
                table_rows.push((*t, rows.len()));
                for line in 0..tables::height(*t, width) {
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

/// Characters that must not begin a line (Chinese line-breaking rules, 避头点).
fn no_line_start(c: char) -> bool {
    "，。、；：？！）」』》〉】”’…—·,.;:?!)]%".contains(c)
}

/// Wraps `text` to `width` display columns (CJK characters take two), indenting the first
/// line by `first` columns and the others by `rest`. Latin words are kept whole where they
/// fit; punctuation such as `，` and `。` never starts a line.
pub fn wrap(text: &str, width: usize, first: usize, rest: usize) -> Vec<String> {
    let width = width.max(1);
    let chars: Vec<(char, usize)> = text
        .chars()
        .map(|c| (c, UnicodeWidthChar::width(c).unwrap_or(0)))
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut indent = first.min(width.saturating_sub(2));
    while i < chars.len() {
        let avail = width.saturating_sub(indent).max(chars[i].1.max(1));
        // Take as many characters as fit.
        let mut used = 0;
        let mut j = i;
        while j < chars.len() && used + chars[j].1 <= avail {
            used += chars[j].1;
            j += 1;
        }
        if j == i {
            j = i + 1; // a character wider than the line: put it alone
        }
        if j < chars.len() {
            // Keep a Latin word or a number whole unless it fills the line by itself.
            if is_word(chars[j].0) && is_word(chars[j - 1].0) {
                let mut k = j - 1;
                while k > i && is_word(chars[k - 1].0) {
                    k -= 1;
                }
                if k > i {
                    j = k;
                }
            }
            // Do not start the next line with closing punctuation: take one character
            // fewer (it moves down with the punctuation), as printed Chinese does.
            if no_line_start(chars[j].0) && j - i > 1 {
                j -= 1;
                // The character moved down must not split a number: "100%" stays whole.
                if is_word(chars[j].0) && is_word(chars[j - 1].0) {
                    let mut k = j - 1;
                    while k > i && is_word(chars[k - 1].0) {
                        k -= 1;
                    }
                    if k > i {
                        j = k;
                    }
                }
            }
        }
        let mut line = " ".repeat(indent);
        line.extend(chars[i..j].iter().map(|(c, _)| *c));
        let trimmed = line.trim_end().len();
        line.truncate(trimmed);
        out.push(line);
        i = j;
        while i < chars.len() && chars[i].0 == ' ' {
            i += 1;
        }
        indent = rest.min(width.saturating_sub(2));
    }
    if out.is_empty() {
        out.push(String::new());
    }
    out
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn a_number_before_closing_punctuation_stays_whole() {
        // "100%" would fit up to "10", and "%" may not start a line: the whole number moves.
        let lines = wrap("合格率均为 100%。", 14, 0, 0);
        assert_eq!(lines, vec!["合格率均为", "100%。"]);
    }

    #[test]
    fn cjk_takes_two_columns() {
        let lines = wrap("一二三四五六七八九十", 8, 0, 0);
        assert_eq!(lines, vec!["一二三四", "五六七八", "九十"]);
        for l in &lines {
            assert!(l.width() <= 8);
        }
    }

    #[test]
    fn first_line_is_indented() {
        let lines = wrap("一二三四五六", 8, 4, 0);
        assert_eq!(lines, vec!["    一二", "三四五六"]);
    }

    #[test]
    fn punctuation_does_not_start_a_line() {
        let lines = wrap("一二三四，五六", 8, 0, 0);
        assert_eq!(lines, vec!["一二三", "四，五六"]);
    }

    #[test]
    fn a_long_title_is_balanced() {
        let lines = balanced("洪泽区人民政府2023年政府信息公开工作年度报告", 40, 2);
        assert_eq!(lines.len(), 2);
        let (a, b) = (lines[0].width(), lines[1].width());
        assert!(a.abs_diff(b) <= 4, "{lines:?}");
    }

    #[test]
    fn latin_words_stay_whole() {
        let lines = wrap("see the nianbao tool", 12, 0, 0);
        assert_eq!(lines, vec!["see the", "nianbao tool"]);
    }

    #[test]
    fn every_line_fits_and_nothing_is_lost() {
        let text = "2023 年，洪泽区人民政府坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实《条例》相关规范要求。abcdefghijklmnopqrstuvwxyz";
        for w in [3, 5, 10, 17, 40, 78] {
            let lines = wrap(text, w, 4, 2);
            for l in &lines {
                assert!(l.width() <= w.max(2), "{w}: {l:?}");
            }
            let joined: String = lines.concat().chars().filter(|c| *c != ' ').collect();
            let orig: String = text.chars().filter(|c| *c != ' ').collect();
            assert_eq!(joined, orig, "width {w}");
        }
    }

    proptest::proptest! {
        #[test]
        fn wrap_never_panics_fits_and_loses_nothing(
            text in "[a-z0-9 ，。、年月日报告政府\u{301}\u{200b}]{0,120}",
            width in 0usize..90,
            first in 0usize..6,
            rest in 0usize..4,
        ) {
            let lines = wrap(&text, width, first, rest);
            for l in &lines {
                proptest::prop_assert!(l.width() <= width.max(2), "{:?} > {}", l, width);
            }
            let joined: String = lines.concat().chars().filter(|c| *c != ' ').collect();
            let orig: String = text.chars().filter(|c| *c != ' ').collect();
            proptest::prop_assert_eq!(joined, orig);
        }
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
