//! A line seen as a row: label fragments and the values after them.

use super::values::is_value;
use crate::import::lines::{plain_number, Body, Line};
use crate::import::Note;
use crate::model::CellRef;

/// A value slot as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Val {
    /// An empty cell.
    Blank,
    /// A numeric token as printed.
    Tok(String),
    /// A place where a blank cell may have been left out: an empty line in the
    /// one-cell-per-line layout, or (in layouts that drop empty cells) any border between
    /// the numbers. Which gaps were cells is found by the table's arithmetic.
    Gap,
}

/// A line seen as a possible table row.
#[derive(Debug, Clone)]
pub(crate) struct View {
    /// Input line number.
    pub no: usize,
    /// Column where the row starts in its line (1 unless cut out of a long line).
    pub col: usize,
    /// Label fragments, left to right.
    pub labels: Vec<String>,
    /// Values after the last label.
    pub vals: Vec<Val>,
    /// True when the cells were explicit (tab, pipe, HTML).
    pub explicit: bool,
    /// Index among the row's cells of the first value (explicit rows).
    pub val_start: usize,
    /// Number of cells of the row (explicit rows; 0 otherwise).
    pub ncells: usize,
}

impl View {
    /// A note about this row: at its line and column, naming `cells`.
    pub(super) fn note(&self, cells: Vec<CellRef>, message: String) -> Note {
        Note::new_at(Some(self.no), self.col, cells, message)
    }

    /// True when a value is a number (not only blanks).
    pub(super) fn has_number(&self) -> bool {
        self.vals.iter().any(|v| matches!(v, Val::Tok(_)))
    }
}

pub(super) fn is_blank_marker(s: &str) -> bool {
    let t = s.trim();
    t.is_empty() || matches!(t, "-" | "—" | "－" | "/" | "／" | "——")
}

/// Splits label text into fragments at runs of two or more spaces (columns of a PDF).
fn fragments(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut spaces = 0usize;
    let mut pending = String::new();
    for ch in s.chars() {
        if ch.is_whitespace() {
            spaces += if ch == '\u{3000}' { 2 } else { 1 };
            pending.push(ch);
        } else {
            if spaces >= 2 {
                if !cur.trim().is_empty() {
                    out.push(cur.trim().to_string());
                }
                cur.clear();
            } else {
                cur.push_str(&pending);
            }
            pending.clear();
            spaces = 0;
            cur.push(ch);
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

/// Byte ranges of whitespace-separated tokens.
fn tokens(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, ch) in s.char_indices() {
        if ch.is_whitespace() {
            if let Some(st) = start.take() {
                out.push((st, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push((st, s.len()));
    }
    out
}

/// How a line looks as a table row.
pub(crate) fn view(line: &Line) -> View {
    match &line.body {
        Body::Heading(t) => View {
            no: line.no,
            col: line.col,
            labels: vec![t.trim().to_string()],
            vals: Vec::new(),
            explicit: false,
            val_start: 0,
            ncells: 0,
        },
        Body::Cells(cells) => {
            let last_label = cells
                .iter()
                .rposition(|c| !is_blank_marker(c) && !is_value(c));
            let labels = match last_label {
                Some(l) => cells[..=l]
                    .iter()
                    .filter(|c| !is_blank_marker(c) && !is_value(c))
                    .map(|c| c.trim().to_string())
                    .collect(),
                None => Vec::new(),
            };
            let from = last_label.map_or(0, |l| l + 1);
            let vals = cells[from..]
                .iter()
                .map(|c| {
                    if is_blank_marker(c) {
                        Val::Blank
                    } else {
                        Val::Tok(plain_number(c))
                    }
                })
                .collect();
            View {
                no: line.no,
                col: line.col,
                labels,
                vals,
                explicit: true,
                val_start: from,
                ncells: cells.len(),
            }
        }
        Body::Text(t) => {
            let toks = tokens(t);
            // Trailing numbers, and dashes printed for an empty cell.
            let mut first_num = toks.len();
            while first_num > 0 {
                let (a, b) = toks[first_num - 1];
                if is_value(&t[a..b]) || is_blank_marker(&t[a..b]) {
                    first_num -= 1;
                } else {
                    break;
                }
            }
            let mut vals: Vec<Val> = toks[first_num..]
                .iter()
                .map(|&(a, b)| {
                    if is_blank_marker(&t[a..b]) {
                        Val::Blank
                    } else {
                        Val::Tok(plain_number(&t[a..b]))
                    }
                })
                .collect();
            if vals.iter().all(|v| *v == Val::Blank) {
                // Dashes alone are text (a rule line), not a row of empty cells.
                vals.clear();
                first_num = toks.len();
            }
            let mut label_end = toks.get(first_num).map_or(t.len(), |&(a, _)| a);
            // A label with its first number glued on: `（一）予以公开1288`, or a header
            // run into its row (`…尚未审结1  31934  0 …`, a copy whose line breaks and
            // indents were taken out).
            if let Some(&(a, b)) = first_num.checked_sub(1).map(|k| &toks[k]) {
                let tok = &t[a..b];
                let digits = tok.chars().rev().take_while(|c| c.is_ascii_digit()).count();
                let head = &tok[..tok.len() - digits];
                let glued = digits > 0
                    && head
                        .chars()
                        .last()
                        .is_some_and(|c| !c.is_ascii() && !matches!(c, '、' | '．' | '（'));
                if glued {
                    vals.insert(0, Val::Tok(tok[head.len()..].to_string()));
                    label_end = a + head.len();
                }
            }
            View {
                no: line.no,
                col: line.col,
                labels: fragments(&t[..label_end]),
                vals,
                explicit: false,
                val_start: 0,
                ncells: 0,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::tables::{fit, Columns};

    fn text(no: usize, s: &str) -> Line {
        Line::test_text(no, 0, s)
    }

    #[test]
    fn a_pdf_line_splits_into_label_columns_and_numbers() {
        let v = view(&text(
            1,
            "本            2.其他法律行政法规禁止公开     30          1        0",
        ));
        assert_eq!(v.labels, vec!["本", "2.其他法律行政法规禁止公开"]);
        assert_eq!(
            v.vals,
            vec![
                Val::Tok("30".into()),
                Val::Tok("1".into()),
                Val::Tok("0".into())
            ]
        );
        let v = view(&text(1, "4.无正当理由大量反复 申请        0"));
        assert_eq!(v.labels, vec!["4.无正当理由大量反复 申请"]);
        let v = view(&text(1, "（一）予以公开1288"));
        assert_eq!(v.labels, vec!["（一）予以公开"]);
        assert_eq!(v.vals, vec![Val::Tok("1288".into())]);
        let v = view(&text(1, "结果  审结1  31934  0"));
        assert_eq!(v.labels, vec!["结果", "审结"]);
        assert_eq!(
            v.vals,
            vec![
                Val::Tok("1".into()),
                Val::Tok("31934".into()),
                Val::Tok("0".into())
            ]
        );
        // An item number is not a glued value.
        let v = view(&text(1, "（三）不予公开  1、属于国家秘密  0"));
        assert_eq!(v.vals, vec![Val::Tok("0".into())]);
    }

    #[test]
    fn a_dash_in_text_is_an_empty_cell() {
        let v = view(&text(1, "行政许可      —      0"));
        assert_eq!(v.labels, vec!["行政许可"]);
        assert_eq!(v.vals, vec![Val::Blank, Val::Tok("0".into())]);
        let v = view(&text(1, "——"));
        assert!(v.vals.is_empty());
    }

    #[test]
    fn explicit_cells_keep_blanks() {
        let l = Line {
            col: 1,
            no: 3,
            indent: 0,
            body: Body::Cells(vec!["行政许可".into(), "".into(), "".into()]),
        };
        let v = view(&l);
        assert_eq!(v.vals, vec![Val::Blank, Val::Blank]);
        // Two ways to place one value among two blanks, and no other row to learn from.
        assert!(fit(&v, 1, &Columns::default()).is_err());
        let other = view(&Line {
            col: 1,
            no: 4,
            indent: 0,
            body: Body::Cells(vec!["行政处罚".into(), "5".into(), "".into()]),
        });
        let cols = Columns::learn([(&other, 1)]);
        assert_eq!(fit(&v, 1, &cols), Ok(vec![Val::Blank]));
    }

    fn cells(no: usize, c: &[&str]) -> View {
        view(&Line {
            col: 1,
            no,
            indent: 0,
            body: Body::Cells(c.iter().map(|s| s.to_string()).collect()),
        })
    }

    #[test]
    fn a_group_rows_first_row_is_placed_like_the_rows_under_it() {
        // A Word table: the group cell is merged down (vMerge), so the rows under the first
        // have one cell fewer on the left; the value columns are the same (issue 11 item 3,
        // the docx round trip's （一）予以公开 with its first value blank).
        let first = cells(
            1,
            &["三、本年度办理结果", "（一）予以公开", "", "1", "2", ""],
        );
        let under = cells(2, &["（二）部分公开", "4", "", "5", ""]);
        let cols = Columns::learn([(&first, 3), (&under, 3)]);
        assert_eq!(
            fit(&first, 3, &cols),
            Ok(vec![Val::Blank, Val::Tok("1".into()), Val::Tok("2".into())])
        );
        // Rows with as many cells after the label that disagree settle nothing.
        let other = cells(3, &["（四）无法提供", "", "", "6", "7"]);
        let cols = Columns::learn([(&first, 3), (&under, 3), (&other, 3)]);
        assert!(fit(&first, 3, &cols).is_err());
    }
}
