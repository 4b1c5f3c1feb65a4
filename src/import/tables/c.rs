//! Table C (四、行政复议、行政诉讼): the line with the fifteen numbers.

use super::row::{view, Val, View};
use super::*;
use crate::import::digits;
use crate::import::lines::Line;
use crate::import::{Layout, Note};
use crate::model::schema::{C_COLUMNS, C_GROUPS};
use crate::model::CellRef;

/// Table C as read.
pub(crate) struct TableC {
    /// The cells (unknown ones 0).
    pub cells: [[u64; 5]; 3],
    /// Cells found.
    pub found: usize,
}

/// Reads table C (四、行政复议、行政诉讼) from its section's lines.
pub(crate) fn table_c(lines: &[Line], layout: Layout, notes: &mut Notes) -> TableC {
    let Notes {
        unknown,
        blanks,
        recovered,
        read,
    } = notes;
    const N: usize = 15;
    let mut views: Vec<View> = lines.iter().map(view).collect();
    if layout == Layout::OneCellPerLine {
        // The number lines after the header run together into one row; empty lines
        // among them, and right before or after them while the row lacks numbers, are
        // gaps (a blank cell is an empty line).
        let mut merged: Vec<View> = Vec::new();
        let mut empties = 0usize;
        let filled = |v: &View| v.vals.iter().filter(|x| **x != Val::Gap).count();
        for v in views {
            let numbers_only = v.labels.is_empty() && !v.vals.is_empty();
            let empty = v.labels.is_empty() && v.vals.is_empty();
            if empty {
                empties += 1;
                continue;
            }
            let open = merged
                .last()
                .is_some_and(|l| l.labels.is_empty() && l.has_number() && filled(l) < N);
            if numbers_only && open {
                let last = merged.last_mut().expect("open row");
                last.vals.extend(std::iter::repeat_n(Val::Gap, empties));
                last.vals.extend(v.vals);
            } else if numbers_only {
                let mut v = v;
                let mut vals = vec![Val::Gap; empties];
                vals.append(&mut v.vals);
                v.vals = vals;
                merged.push(v);
            } else {
                if open {
                    let last = merged.last_mut().expect("open row");
                    last.vals.extend(std::iter::repeat_n(Val::Gap, empties));
                }
                merged.push(v);
            }
            empties = 0;
        }
        if let Some(last) = merged.last_mut() {
            if last.labels.is_empty() && last.has_number() && filled(last) < N {
                last.vals.extend(std::iter::repeat_n(Val::Gap, empties));
            }
        }
        for v in merged.iter_mut() {
            collapse_gaps(&mut v.vals, N);
        }
        views = merged;
    }
    let all: Vec<CellRef> = (0..C_GROUPS.len())
        .flat_map(|group| (0..C_COLUMNS.len()).map(move |col| CellRef::C { group, col }))
        .collect();
    let mut out = TableC {
        cells: [[0; 5]; 3],
        found: 0,
    };
    // The row of numbers; wrapped over several lines (numbers only), they are joined when
    // together they make the fifteen.
    let numeric: Vec<&View> = views
        .iter()
        .filter(|v| v.has_number() && v.labels.is_empty())
        .collect();
    let joined = (numeric.len() > 1 && numeric.iter().map(|v| v.vals.len()).sum::<usize>() == N)
        .then(|| View {
            no: numeric[0].no,
            col: numeric[0].col,
            labels: Vec::new(),
            vals: numeric
                .iter()
                .flat_map(|v| v.vals.iter().cloned())
                .collect(),
            explicit: false,
            val_start: 0,
            ncells: 0,
        });
    let best = views
        .iter()
        .filter(|v| v.has_number())
        .max_by_key(|v| (v.vals.len(), std::cmp::Reverse(v.no)));
    let Some(v) = joined.as_ref().or(best) else {
        unknown.push(Note::new(
            None,
            all,
            format!(
                "第四部分 · 行政复议、行政诉讼：{}没有找到数字行，按 0 导入",
                span(lines)
            ),
        ));
        return out;
    };
    let set = |out: &mut TableC, vals: &[u64]| {
        for (i, x) in vals.iter().enumerate() {
            out.cells[i / 5][i % 5] = *x;
        }
        out.found = N;
    };
    let lines_with_numbers = views.iter().filter(|v| v.has_number()).count();
    if joined.is_none() && lines_with_numbers > 1 && v.vals.len() < N {
        // Several short lines of numbers: not a row whose borders were lost.
        unknown.push(v.note(all,
            format!(
                "第四部分 · 行政复议、行政诉讼：数字分在 {lines_with_numbers} 行，凑不成 15 个，按 0 导入"
            ),
        ));
        return out;
    }
    let cols = Columns::learn(views.iter().filter(|v| v.has_number()).map(|v| (v, N)));
    let blank_note = |b: usize| {
        v.note(
            vec![CellRef::C {
                group: b / 5,
                col: b % 5,
            }],
            format!(
                "第四部分 · {} · {} 空白，按 0 导入",
                C_GROUPS[b / 5].short,
                C_COLUMNS[b % 5].label
            ),
        )
    };
    match read_counts(v, N, &cols, drops_blanks(layout, v)) {
        Read::Values(vals, bls) => {
            set(&mut out, &vals);
            blanks.extend(bls.into_iter().map(blank_note));
            read.push(v.note(
                all,
                read_from_cells("第四部分", vals.iter().map(u64::to_string)),
            ));
        }
        Read::Short(short) => match short.readings(N, &digits::c_forced) {
            (Ok(rs), certain) if rs.len() == 1 => {
                set(&mut out, &rs[0].0);
                blanks.extend(rs[0].1.iter().map(|&b| blank_note(b)));
                if certain {
                    read.push(v.note(
                        all,
                        read_from_cells("第四部分", rs[0].0.iter().map(u64::to_string)),
                    ));
                } else {
                    recovered.push(v.note(
                        all,
                        format!(
                            "第四部分：{}只有一种读法合乎“总计 = 四项之和”：{}",
                            short.describe(),
                            join_u64(&rs[0].0)
                        ),
                    ));
                }
            }
            (other, _) => unknown.push(v.note(
                all,
                format!(
                    "第四部分 · 行政复议、行政诉讼：{}，按 0 导入",
                    short_row(&short, N, &other)
                ),
            )),
        },
        Read::Unknown(why) => unknown.push(v.note(
            all,
            format!(
                "第四部分 · 行政复议、行政诉讼：{why}（“{}”），按 0 导入",
                printed(&v.vals)
            ),
        )),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(no: usize, s: &str) -> Line {
        Line::test_text(no, 0, s)
    }

    #[test]
    fn a_row_wrapped_over_two_lines_is_joined() {
        let lines = vec![
            text(1, "行政复议    行政诉讼"),
            text(2, "72 64 178 37 351 13 4 8"),
            text(3, ""),
            text(4, "1 26 12 1 1 6 20"),
        ];
        let mut notes = crate::import::tables::Notes::default();
        let c = table_c(&lines, Layout::PdfText, &mut notes);
        assert!(notes.unknown.is_empty(), "{:?}", notes.unknown);
        assert_eq!(notes.read.len(), 1, "the row is read from its cells");
        assert_eq!(
            c.cells,
            [[72, 64, 178, 37, 351], [13, 4, 8, 1, 26], [12, 1, 1, 6, 20]]
        );
    }
}
