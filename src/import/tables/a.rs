//! Table A (二、主动公开政府信息情况): rows found by their labels, one line each.

use super::row::{view, Val, View};
use super::*;
use crate::import::labels::{Label, Pattern};
use crate::import::lines::Line;
use crate::import::{Layout, Note};
use crate::model::schema::A_BLOCKS;
use crate::model::{Amount, CellRef, Proactive};

/// Table A as read.
pub(crate) struct TableA {
    /// The values (unknown cells are 0).
    pub proactive: Proactive,
    /// Cells found.
    pub found: usize,
}

/// Reads table A (二、主动公开政府信息情况) from its section's lines.
pub(crate) fn table_a(
    lines: &[Line],
    layout: Layout,
    unknown: &mut Vec<Note>,
    blanks: &mut Vec<Note>,
    recovered: &mut Vec<Note>,
) -> TableA {
    let rows: Vec<(&'static str, &'static str, usize)> = A_BLOCKS
        .iter()
        .flat_map(|b| b.rows.iter().map(move |(k, l)| (*k, *l, b.columns.len())))
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
        views = merge_cells(views, &|v| row_of(v).map(|i| rows[i].2));
    }
    let cols = Columns::learn(
        views
            .iter()
            .filter_map(|v| row_of(v).map(|i| (v, rows[i].2))),
    );
    let mut p = Proactive::default();
    let mut done = vec![false; rows.len()];
    let mut found = 0;
    for v in &views {
        let Some(i) = row_of(v) else { continue };
        if done[i] {
            continue;
        }
        let (key, label, n) = rows[i];
        done[i] = true;
        let cells: Vec<CellRef> = (0..n).map(|col| CellRef::A { field: key, col }).collect();
        if key == "fees_wan_yuan" {
            let vals = fit(v, 1, &cols);
            match vals.as_deref().unwrap_or(&[]) {
                [Val::Tok(t)] => match Amount::parse(t, 6) {
                    Ok(a) => {
                        p.fees_wan_yuan = a;
                        found += 1;
                    }
                    Err(e) => unknown.push(Note::new_at(
                        Some(v.no),
                        v.col,
                        cells,
                        format!("第二部分 · {label} 本年收费金额：“{t}”读不出：{e}"),
                    )),
                },
                [Val::Blank] => {
                    found += 1;
                    blanks.push(Note::new_at(
                        Some(v.no),
                        v.col,
                        cells,
                        format!("第二部分 · {label} 本年收费金额 空白，按 0 导入"),
                    ));
                }
                _ => unknown.push(Note::new_at(
                    Some(v.no),
                    v.col,
                    cells,
                    format!(
                        "第二部分 · {label} 本年收费金额：应有 1 个数，这里是“{}”",
                        printed(&v.vals)
                    ),
                )),
            }
            continue;
        }
        let col_labels = A_BLOCKS
            .iter()
            .find(|b| b.rows.iter().any(|(k, _)| *k == key))
            .map_or(&[][..], |b| b.columns);
        let set = |vals: &[u64], p: &mut Proactive| {
            for (col, x) in vals.iter().enumerate() {
                if let Some(c) = p.count_mut(key, col) {
                    *c = *x;
                }
            }
        };
        let blank_note = |b: usize| {
            Note::new_at(
                Some(v.no),
                v.col,
                vec![CellRef::A { field: key, col: b }],
                format!(
                    "第二部分 · {label} · {} 空白，按 0 导入",
                    col_labels.get(b).unwrap_or(&"")
                ),
            )
        };
        match read_counts(v, n, &cols, drops_blanks(layout, v)) {
            Read::Values(vals, bl) => {
                set(&vals, &mut p);
                found += n;
                blanks.extend(bl.into_iter().map(blank_note));
            }
            Read::Short(short) => match short.readings(n, &|_| None) {
                (Ok(r), certain) if r.len() == 1 => {
                    set(&r[0].0, &mut p);
                    found += n;
                    blanks.extend(r[0].1.iter().map(|&b| blank_note(b)));
                    if !certain {
                        recovered.push(Note::new_at(
                            Some(v.no),
                            v.col,
                            cells,
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
                    unknown.push(Note::new_at(
                        Some(v.no),
                        v.col,
                        cells,
                        format!(
                            "第二部分 · {label}：{}，按 0 导入{advice}",
                            short_row(&short, n, &other)
                        ),
                    ))
                }
            },
            Read::Unknown(why) => unknown.push(Note::new_at(
                Some(v.no),
                v.col,
                cells,
                format!("第二部分 · {label}：{why}"),
            )),
        }
    }
    for (i, (key, label, n)) in rows.iter().enumerate() {
        if !done[i] {
            unknown.push(Note::new(
                None,
                (0..*n).map(|col| CellRef::A { field: key, col }).collect(),
                format!(
                    "第二部分 · {label}：{}没有找到这一行，按 0 导入",
                    span(lines)
                ),
            ));
        }
    }
    TableA {
        proactive: p,
        found,
    }
}
