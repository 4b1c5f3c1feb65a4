//! Table A (二、主动公开政府信息情况): rows found by their labels, one line each, in the
//! blocks of the report's version of the format (the 2021 four blocks, the 2019 five); each
//! cell read by its kind (count, 本年增/减 that may be negative, amount in 万元).

use super::row::{view, Val, View};
use super::values::{parse_value, zero};
use super::*;
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
    notes: &mut Notes,
) -> TableA {
    let Notes {
        unknown,
        blanks,
        recovered,
        read,
    } = notes;
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
    let mut views: Vec<View> = attach_detached(lines.iter().map(view).collect(), layout);
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
        let note = |cells: Vec<CellRef>, msg: String| v.note(cells, msg);
        if kinds.iter().all(|k| *k == CellKind::Count) {
            // Counts: the table's reading of rows of counts, short rows included (digits run
            // together, blank cells left out).
            let set = |vals: &[u64], out: &mut Vec<(CellRef, Value)>| {
                out.extend(cells.iter().zip(vals).map(|(c, x)| (*c, Value::Count(*x))));
            };
            let blank_note = |b: usize| {
                v.note(
                    vec![CellRef::A { field: key, col: b }],
                    format!(
                        "第二部分 · {label} · {} 空白，按 0 导入",
                        col_labels.get(b).unwrap_or(&"")
                    ),
                )
            };
            match read_counts(v, n, &cols, drops_blanks(layout, v)) {
                Read::Values(vals, bl) => {
                    set(&vals, &mut out);
                    found += n;
                    blanks.extend(bl.into_iter().map(blank_note));
                    read.push(note(cells.clone(), read_message(label, &vals)));
                }
                Read::Short(short) => match short.readings(n, &|_| None) {
                    (Ok(r), certain) if r.len() == 1 => {
                        set(&r[0].0, &mut out);
                        found += n;
                        blanks.extend(r[0].1.iter().map(|&b| blank_note(b)));
                        if certain {
                            read.push(note(cells.clone(), read_message(label, &r[0].0)));
                        } else {
                            recovered.push(v.note(
                                cells.clone(),
                                format!(
                                    "第二部分 · {label}：{}只有一种读法：{}",
                                    short.describe(),
                                    join_u64(&r[0].0)
                                ),
                            ));
                        }
                    }
                    (other, _) => {
                        // Table A has no totals: nothing in the report tells the readings apart
                        // (issue 11 item 4, pingtan-2023's `77132470`).
                        let advice = if matches!(&other, Ok(r) if r.len() > 1) && n == 3 {
                            "。表二没有合计可以核对（不像表三、表四有“总计”），每种读法都说得通，无从判断数字的分界；请对照原文（发布机关网页上的表格或 PDF）填写本年制发件数、本年废止件数、现行有效件数，现行有效件数可用上一年度报告核对：上年现行有效件数 + 本年制发件数 − 本年废止件数"
                        } else if matches!(&other, Ok(r) if r.len() > 1) {
                            "。表二没有合计可以核对，无从判断；请对照原文填写"
                        } else {
                            ""
                        };
                        unknown.push(v.note(
                            cells.clone(),
                            format!(
                                "第二部分 · {label}：{}，按 0 导入{advice}",
                                short_row(&short, n, &other)
                            ),
                        ))
                    }
                },
                Read::Unknown(why) => {
                    unknown.push(v.note(cells.clone(), format!("第二部分 · {label}：{why}")))
                }
            }
            continue;
        }
        // Signed numbers (2019's 本年增/减) and amounts: each cell read by its kind.
        let mut vals = match fit(v, n, &cols) {
            Ok(vals) => vals,
            Err(why) => {
                unknown.push(note(cells, format!("第二部分 · {label}：{why}")));
                continue;
            }
        };
        collapse_gaps(&mut vals, n);
        if vals.len() == n {
            // Every cell printed (or blank): each read by its kind.
            let mut row: Vec<(CellRef, Value)> = Vec::with_capacity(n);
            let mut row_blanks = Vec::new();
            let mut converted = Vec::new();
            let mut bad = None;
            for (col, x) in vals.iter().enumerate() {
                match x {
                    Val::Blank | Val::Gap => {
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
            read.push(note(
                cells.clone(),
                read_from_cells(
                    &format!("第二部分 · {label}"),
                    row.iter().map(|(_, v)| v.to_string()),
                ),
            ));
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
        unknown.push(note(
            cells,
            format!(
                "第二部分 · {label}：应有 {n} 个数，这里是“{}”",
                printed(&v.vals)
            ),
        ));
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

/// What the account says of a row of counts read from its cells.
fn read_message(label: &str, vals: &[u64]) -> String {
    read_from_cells(
        &format!("第二部分 · {label}"),
        vals.iter().map(u64::to_string),
    )
}
