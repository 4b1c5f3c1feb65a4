//! Table A (二、主动公开政府信息情况): rows found by their labels, one line each, in the
//! blocks of the report's version of the format (the 2021 four blocks, the 2019 five); each
//! cell read by its kind (count, 本年增/减 that may be negative, amount in 万元).

use super::row::{view, Val, View};
use super::values::{parse_value, zero};
use super::*;
use crate::import::digits;
use crate::import::labels::{Label, Pattern};
use crate::import::lines::Line;
use crate::import::{Layout, Note};
use crate::model::schema::Tables;
use crate::model::{CellKind, CellRef, Value};

/// Table A as read.
pub(crate) struct TableA {
    /// The values read, cell by cell (cells not listed are unknown: 0).
    pub cells: Vec<(CellRef, Value)>,
    /// Cells found.
    pub found: usize,
    /// Values converted to the format's unit (`251000元` → 25.1 万元).
    pub converted: Vec<Note>,
}

/// Reads table A (二、主动公开政府信息情况) from its section's lines, in the blocks of `t`.
pub(crate) fn table_a(
    lines: &[Line],
    layout: Layout,
    t: &'static Tables,
    unknown: &mut Vec<Note>,
    blanks: &mut Vec<Note>,
    recovered: &mut Vec<Note>,
) -> TableA {
    // (row key, label, column labels).
    let rows: Vec<(&'static str, &'static str, &'static [&'static str])> = t
        .a_blocks
        .iter()
        .flat_map(|b| b.rows.iter().map(move |(k, l)| (*k, *l, b.columns)))
        .collect();
    let labels: Vec<Label> = rows.iter().map(|(_, l, _)| Label::new(l)).collect();
    let row_of = |v: &View| -> Option<usize> {
        let last = Label::new(v.labels.last()?);
        let mut best = None;
        for (i, l) in labels.iter().enumerate() {
            let s = Pattern::new(&l.chars).dice(&last.chars);
            if s >= 0.8 && best.is_none_or(|(_, b)| s > b) {
                best = Some((i, s));
            }
        }
        best.map(|(i, _)| i)
    };
    let mut views: Vec<View> = lines.iter().map(view).collect();
    if layout == Layout::OneCellPerLine {
        views = merge_cells(views, &|v| row_of(v).map(|i| rows[i].2.len()));
    }
    let cols = Columns::learn(
        views
            .iter()
            .filter_map(|v| row_of(v).map(|i| (v, rows[i].2.len()))),
    );
    let mut out: Vec<(CellRef, Value)> = Vec::new();
    let mut done = vec![false; rows.len()];
    let mut found = 0;
    let mut conversions = Vec::new();
    for v in &views {
        let Some(i) = row_of(v) else { continue };
        if done[i] {
            continue;
        }
        let (key, label, col_labels) = rows[i];
        let n = col_labels.len();
        done[i] = true;
        let cells: Vec<CellRef> = (0..n).map(|col| CellRef::A { field: key, col }).collect();
        let kinds: Vec<CellKind> = cells.iter().map(|c| c.kind_in(t)).collect();
        let note = |cells: Vec<CellRef>, msg: String| Note::new_at(Some(v.no), v.col, cells, msg);
        let vals = match fit(v, n, &cols) {
            Ok(vals) => vals,
            Err(why) => {
                unknown.push(note(cells, format!("第二部分 · {label}：{why}")));
                continue;
            }
        };
        if vals.len() == n {
            // Every cell printed (or blank): each read by its kind.
            let mut row: Vec<(CellRef, Value)> = Vec::with_capacity(n);
            let mut row_blanks = Vec::new();
            let mut converted = Vec::new();
            let mut bad = None;
            for (col, x) in vals.iter().enumerate() {
                match x {
                    Val::Blank => {
                        row.push((cells[col], zero(kinds[col])));
                        row_blanks.push(col);
                    }
                    Val::Tok(tok) => match parse_value(kinds[col], tok) {
                        Ok((value, conv)) => {
                            row.push((cells[col], value));
                            converted.extend(conv.map(|c| (col, c)));
                        }
                        Err(why) => {
                            bad = Some((col, why));
                            break;
                        }
                    },
                }
            }
            if let Some((col, why)) = bad {
                unknown.push(note(
                    cells.clone(),
                    format!("第二部分 · {label} · {}：{why}", col_labels[col]),
                ));
                continue;
            }
            found += n;
            out.extend(row);
            for b in row_blanks {
                blanks.push(note(
                    vec![cells[b]],
                    format!("第二部分 · {label} · {} 空白，按 0 导入", col_labels[b]),
                ));
            }
            for (col, c) in converted {
                conversions.push(note(
                    vec![cells[col]],
                    format!("第二部分 · {label} · {}：{c}", col_labels[col]),
                ));
            }
            continue;
        }
        // Fewer numbers than cells: digits run together, read only when one reading fits
        // (table A has no arithmetic), and only in rows of counts.
        let toks: Vec<String> = vals
            .iter()
            .filter_map(|x| match x {
                Val::Tok(t) => Some(t.clone()),
                Val::Blank => None,
            })
            .collect();
        let run_together = vals.len() < n
            && !toks.is_empty()
            && toks.len() == vals.len()
            && toks.iter().all(|t| t.chars().all(|c| c.is_ascii_digit()))
            && kinds.iter().all(|k| *k == CellKind::Count);
        if !run_together {
            unknown.push(note(
                cells,
                format!(
                    "第二部分 · {label}：应有 {n} 个数，这里是“{}”",
                    printed(&v.vals)
                ),
            ));
            continue;
        }
        match digits::plain_readings(&toks, n) {
            Ok(r) if r.len() == 1 => {
                found += n;
                out.extend(cells.iter().zip(&r[0]).map(|(c, x)| (*c, Value::Count(*x))));
                recovered.push(note(
                    cells,
                    format!(
                        "第二部分 · {label}：连写的数字“{}”只有一种读法：{}",
                        toks.join(" "),
                        join_u64(&r[0])
                    ),
                ));
            }
            other => unknown.push(note(
                cells,
                format!(
                    "第二部分 · {label}：{}，按 0 导入",
                    short_row(&toks, n, &other)
                ),
            )),
        }
    }
    for (i, (key, label, col_labels)) in rows.iter().enumerate() {
        if !done[i] {
            unknown.push(Note::new(
                None,
                (0..col_labels.len())
                    .map(|col| CellRef::A { field: key, col })
                    .collect(),
                format!(
                    "第二部分 · {label}：{}没有找到这一行，按 0 导入",
                    span(lines)
                ),
            ));
        }
    }
    TableA {
        cells: out,
        found,
        converted: conversions,
    }
}
