//! Table C (四、行政复议、行政诉讼): the line with the fifteen numbers.

use super::row::{view, View};
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
pub(crate) fn table_c(
    lines: &[Line],
    layout: Layout,
    unknown: &mut Vec<Note>,
    blanks: &mut Vec<Note>,
    recovered: &mut Vec<Note>,
) -> TableC {
    const N: usize = 15;
    let mut views: Vec<View> = lines.iter().map(view).collect();
    if layout == Layout::OneCellPerLine {
        // The number lines after the header run together into one row.
        let mut merged: Vec<View> = Vec::new();
        for v in views {
            if v.labels.is_empty() && !v.vals.is_empty() {
                if let Some(last) = merged.last_mut() {
                    if last.labels.is_empty() && !last.vals.is_empty() && last.vals.len() < N {
                        last.vals.extend(v.vals);
                        continue;
                    }
                }
            }
            merged.push(v);
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
        unknown.push(Note::new_at(
            Some(v.no),
            v.col,
            all,
            format!(
                "第四部分 · 行政复议、行政诉讼：数字分在 {lines_with_numbers} 行，凑不成 15 个，按 0 导入"
            ),
        ));
        return out;
    }
    let cols = Columns::learn(views.iter().filter(|v| v.has_number()).map(|v| (v, N)));
    match read_counts(v, N, &cols) {
        Read::Values(vals, bls) => {
            set(&mut out, &vals);
            for b in bls {
                blanks.push(Note::new_at(
                    Some(v.no),
                    v.col,
                    vec![CellRef::C {
                        group: b / 5,
                        col: b % 5,
                    }],
                    format!(
                        "第四部分 · {} · {} 空白，按 0 导入",
                        C_GROUPS[b / 5].short,
                        C_COLUMNS[b % 5].label
                    ),
                ));
            }
        }
        Read::RunTogether(toks) => match digits::c_row_readings(&toks) {
            Ok(rs) if rs.len() == 1 => {
                set(&mut out, &rs[0]);
                recovered.push(Note::new_at(
                    Some(v.no),
                    v.col,
                    all,
                    format!(
                        "第四部分：连写的数字“{}”只有一种读法合乎“总计 = 四项之和”：{}",
                        toks.join(" "),
                        join_u64(&rs[0])
                    ),
                ));
            }
            other => unknown.push(Note::new_at(
                Some(v.no),
                v.col,
                all,
                format!(
                    "第四部分 · 行政复议、行政诉讼：{}，按 0 导入",
                    short_row(&toks, N, &other)
                ),
            )),
        },
        Read::Unknown(why) => unknown.push(Note::new_at(
            Some(v.no),
            v.col,
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
    use crate::import::lines::Body;

    fn text(no: usize, s: &str) -> Line {
        Line {
            col: 1,
            no,
            indent: 0,
            body: Body::Text(s.to_string()),
        }
    }

    #[test]
    fn a_row_wrapped_over_two_lines_is_joined() {
        let lines = vec![
            text(1, "行政复议    行政诉讼"),
            text(2, "72 64 178 37 351 13 4 8"),
            text(3, ""),
            text(4, "1 26 12 1 1 6 20"),
        ];
        let (mut u, mut b, mut r) = (Vec::new(), Vec::new(), Vec::new());
        let c = table_c(&lines, Layout::PdfText, &mut u, &mut b, &mut r);
        assert!(u.is_empty(), "{u:?}");
        assert_eq!(
            c.cells,
            [[72, 64, 178, 37, 351], [13, 4, 8, 1, 26], [12, 1, 1, 6, 20]]
        );
    }
}
