//! Table B (三、收到和处理政府信息公开申请情况): lines with numbers aligned to the rows of the
//! report's version of the format (25 rows in 2021; 23 in 2019, whose （六）其他处理 is one row).
//! Values are kept by storage row (`Tables::b_slots`, the layout of `Requests`).

use super::row::{view, View};
use super::*;
use crate::import::digits;
use crate::import::labels::{split_numbering, squash, Label, Pattern};
use crate::import::lines::Line;
use crate::import::{Layout, Note};
use crate::model::schema::{
    BRole, FormatVersion, Tables, B_APPLICANT_HEADER, B_COLS, B_COLUMNS, B_CORNER,
    B_LEGAL_ENTITY_GROUP, B_ROWS, B_ROW_COUNT, R_CARRIED_FORWARD, R_CARRIED_OVER, R_OUTCOME_TOTAL,
    R_RECEIVED,
};
use crate::model::CellRef;
use std::sync::OnceLock;

/// More lines of numbers than this in section 三 are not a report's table B.
const MAX_ANCHORS: usize = 2000;

struct BLabels {
    rows: Vec<(Label, Pattern)>,
    groups: Vec<Vec<char>>,
    furniture: Vec<Vec<char>>,
}

fn b_labels(t: &'static Tables) -> &'static BLabels {
    static L2021: OnceLock<BLabels> = OnceLock::new();
    static L2019: OnceLock<BLabels> = OnceLock::new();
    let cell = match t.version {
        FormatVersion::V2021 => &L2021,
        FormatVersion::V2019 => &L2019,
    };
    cell.get_or_init(|| {
        let rows = t
            .b_rows
            .iter()
            .map(|r| {
                let l = Label::new(r.label);
                let p = Pattern::new(&l.chars);
                (l, p)
            })
            .collect();
        let groups: Vec<Vec<char>> = t
            .b_groups
            .iter()
            .map(|g| Label::new(g.label).chars)
            .collect();
        let mut furniture: Vec<Vec<char>> = groups.clone();
        furniture.extend(B_COLUMNS.iter().map(|c| squash(c.label)));
        furniture.push(squash(B_LEGAL_ENTITY_GROUP));
        furniture.push(squash(B_APPLICANT_HEADER));
        furniture.push(squash(B_CORNER));
        BLabels {
            rows,
            groups,
            furniture,
        }
    })
}

/// The group heading (index into `t.b_groups`) a label names exactly, if any.
fn group_of(t: &'static Tables, label: &str) -> Option<usize> {
    let l = Label::new(label);
    if l.is_empty() {
        return None;
    }
    b_labels(t).groups.iter().position(|g| *g == l.chars)
}

struct Anchor {
    view: View,
    /// Label fragments on the line itself.
    own: Vec<String>,
    /// Label-only fragments between the previous anchor and this one.
    gap_before: Vec<String>,
    /// … and between this one and the next.
    gap_after: Vec<String>,
    blank_only: bool,
}

/// Texts that may be an anchor's label: its own last fragment with up to three fragments
/// before it and two after it. The fragments before it are the line's own earlier ones
/// (a wrapped label whose line breaks were lost: `5.要求…重新出具已      获取信息  0 0 …`),
/// and before those the label-only lines above.
fn label_candidates(a: &Anchor) -> Vec<Label> {
    let own: Vec<&String> = a.own.last().into_iter().collect();
    let before: Vec<&String> = a
        .gap_before
        .iter()
        .chain(&a.own[..a.own.len().saturating_sub(1)])
        .collect();
    let mut out = Vec::new();
    for k in 0..=before.len().min(3) {
        for m in 0..=a.gap_after.len().min(2) {
            let mut parts: Vec<&String> = Vec::new();
            parts.extend(&before[before.len() - k..]);
            parts.extend(own.iter().copied());
            parts.extend(&a.gap_after[..m]);
            if parts.is_empty() {
                continue;
            }
            let numbering = split_numbering(parts[0]).0;
            let mut chars = Vec::new();
            for p in &parts {
                chars.extend(squash(split_numbering(p).1));
            }
            out.push(Label { numbering, chars });
        }
    }
    out
}

/// Table B as read: values, which cells are known.
pub(crate) struct TableB {
    /// The cells (unknown ones 0).
    pub cells: [[u64; B_COLS]; B_ROW_COUNT],
    /// Cells found.
    pub found: usize,
}

/// Reads table B (三、收到和处理政府信息公开申请情况) from its section's lines, in the rows
/// of `t`.
pub(crate) fn table_b(
    lines: &[Line],
    layout: Layout,
    t: &'static Tables,
    notes: &mut Notes,
) -> TableB {
    let Notes {
        unknown,
        blanks,
        recovered,
        read,
    } = notes;
    let bl = b_labels(t);
    let mut views: Vec<View> = attach_detached(lines.iter().map(view).collect(), layout);
    if layout == Layout::OneCellPerLine {
        views = merge_cells(views, &|_| Some(B_COLS));
    }
    // Anchors and headings with numbers.
    let mut anchors: Vec<Anchor> = Vec::new();
    let mut headings: Vec<(View, usize)> = Vec::new();
    let mut gap: Vec<String> = Vec::new();
    // Group headings and column headers are not row labels; but a numbered fragment that
    // reads like a column header (`（七）总计`, `3.其他`) is one.
    let keep = |f: &String| {
        let l = Label::new(f);
        !l.is_empty()
            && !bl.groups.contains(&l.chars)
            && (l.numbering.is_some() || !bl.furniture.contains(&l.chars))
    };
    for v in views {
        let is_anchor = v.has_number()
            || (v.explicit && !v.vals.is_empty() && !v.labels.is_empty() && v.vals.len() >= 2);
        if !is_anchor {
            gap.extend(v.labels.iter().filter(|f| keep(f)).cloned());
            continue;
        }
        if let Some(g) = v.labels.last().and_then(|l| group_of(t, l)) {
            if g > 0 && v.has_number() {
                headings.push((v, g));
                continue;
            }
        }
        if let Some(prev) = anchors.last_mut() {
            prev.gap_after = gap.clone();
        }
        let own: Vec<String> = v.labels.iter().filter(|f| keep(f)).cloned().collect();
        let blank_only = !v.has_number();
        anchors.push(Anchor {
            view: v,
            own,
            gap_before: std::mem::take(&mut gap),
            gap_after: Vec::new(),
            blank_only,
        });
    }
    if let Some(prev) = anchors.last_mut() {
        prev.gap_after = gap;
    }

    // A table B has some 25–60 lines of numbers; thousands are not a report's table (and
    // would make the alignment needlessly large).
    if anchors.len() > MAX_ANCHORS {
        let row_cells_all: Vec<CellRef> = t
            .b_slots
            .iter()
            .flat_map(|&row| (0..B_COLS).map(move |col| CellRef::B { row, col }))
            .collect();
        unknown.push(Note::new(
            lines.first().map(|l| l.no),
            row_cells_all,
            format!(
                "第三部分：{}有 {} 行数字，不像年度报告的表格，未导入，全部按 0 写入",
                span(lines),
                anchors.len()
            ),
        ));
        return TableB {
            cells: [[0; B_COLS]; B_ROW_COUNT],
            found: 0,
        };
    }

    // Scores and the alignment.
    let n = anchors.len();
    let m = t.b_rows.len();
    let mut score = vec![vec![None::<f64>; m]; n];
    for (i, a) in anchors.iter().enumerate() {
        let own_only = a.own.last().map(|l| Label::new(l));
        let mut best_own = 0.0f64;
        if let Some(o) = &own_only {
            for (j, (rl, rp)) in bl.rows.iter().enumerate() {
                let s = sim(o, rl, rp);
                best_own = best_own.max(s);
                score[i][j] = Some(s);
            }
        }
        if best_own < 0.95 {
            let cands = label_candidates(a);
            for (j, (rl, rp)) in bl.rows.iter().enumerate() {
                let s = cands.iter().map(|c| sim(c, rl, rp)).fold(0.0, f64::max);
                score[i][j] = Some(score[i][j].unwrap_or(0.0).max(s));
            }
        }
        let threshold = if a.blank_only { 0.9 } else { 0.6 };
        for s in score[i].iter_mut() {
            if s.is_some_and(|x| x < threshold) {
                *s = None;
            }
        }
    }
    let mut dp = vec![vec![0.0f64; m + 1]; n + 1];
    for i in 1..=n {
        for j in 1..=m {
            let mut best = dp[i - 1][j].max(dp[i][j - 1]);
            if let Some(s) = score[i - 1][j - 1] {
                best = best.max(dp[i - 1][j - 1] + s);
            }
            dp[i][j] = best;
        }
    }
    let mut row_anchor: Vec<Option<usize>> = vec![None; m];
    let mut anchor_row: Vec<Option<usize>> = vec![None; n];
    let (mut i, mut j) = (n, m);
    while i > 0 && j > 0 {
        if let Some(s) = score[i - 1][j - 1] {
            if (dp[i][j] - (dp[i - 1][j - 1] + s)).abs() < 1e-9 {
                row_anchor[j - 1] = Some(i - 1);
                anchor_row[i - 1] = Some(j - 1);
                i -= 1;
                j -= 1;
                continue;
            }
        }
        if (dp[i][j] - dp[i - 1][j]).abs() < 1e-9 {
            i -= 1;
        } else {
            j -= 1;
        }
    }

    // Values.
    let cols = Columns::learn(anchors.iter().map(|a| (&a.view, B_COLS)));
    let mut cells = [[0u64; B_COLS]; B_ROW_COUNT];
    let mut known = [false; B_ROW_COUNT];
    let mut pending: Vec<Pending> = Vec::new();
    let row_cells =
        |r: usize| -> Vec<CellRef> { (0..B_COLS).map(|col| CellRef::B { row: r, col }).collect() };
    for (i, a) in row_anchor.iter().enumerate() {
        let Some(a) = a else { continue };
        let v = &anchors[*a].view;
        let label = t.b_rows[i].label;
        let r = t.b_slots[i];
        match read_counts(v, B_COLS, &cols, drops_blanks(layout, v)) {
            Read::Values(vals, bls) => {
                cells[r].copy_from_slice(&vals);
                known[r] = true;
                read.push(v.note(
                    row_cells(r),
                    read_from_cells(
                        &format!("第三部分 · {label}"),
                        vals.iter().map(u64::to_string),
                    ),
                ));
                for b in bls {
                    blanks.push(blank_note(t, r, v.no, v.col, b));
                }
            }
            Read::Short(short) => match short.readings(B_COLS, &digits::b_forced) {
                (Ok(rs), certain) if rs.len() == 1 => {
                    cells[r].copy_from_slice(&rs[0].0);
                    known[r] = true;
                    for &b in &rs[0].1 {
                        blanks.push(blank_note(t, r, v.no, v.col, b));
                    }
                    if certain {
                        read.push(v.note(
                            row_cells(r),
                            read_from_cells(
                                &format!("第三部分 · {label}"),
                                rs[0].0.iter().map(u64::to_string),
                            ),
                        ));
                    } else {
                        recovered.push(v.note(
                            row_cells(r),
                            format!(
                                "第三部分 · {label}：{}只有一种读法合乎“总计 = 各列之和”：{}",
                                short.describe(),
                                join_u64(&rs[0].0)
                            ),
                        ));
                    }
                }
                (Ok(rs), _) if rs.len() > 1 => pending.push(Pending {
                    row: r,
                    at: (v.no, v.col),
                    readings: rs,
                    text: short.describe(),
                }),
                (other, _) => unknown.push(v.note(
                    row_cells(r),
                    format!(
                        "第三部分 · {label}：{}，按 0 导入",
                        short_row(&short, B_COLS, &other)
                    ),
                )),
            },
            Read::Unknown(why) => unknown.push(v.note(
                row_cells(r),
                format!(
                    "第三部分 · {label}：{why}（“{}”），按 0 导入",
                    printed(&v.vals)
                ),
            )),
        }
    }

    // Group headings printed with numbers (the 2019 layout's single （六）其他处理 row): when
    // the rows under them are absent and the heading's numbers are all 0, each row under it
    // is 0 too (counts are never negative).
    let mut deduced = [false; B_ROW_COUNT];
    for (v, g) in &headings {
        let under: Vec<usize> = (0..m)
            .filter(|&r| t.b_rows[r].groups.last() == Some(g) && row_anchor[r].is_none())
            .collect();
        let group_label = t.b_groups[*g].label;
        if under.is_empty() {
            unknown.push(v.note(
                Vec::new(),
                format!(
                    "第三部分 · {group_label} 是标题行，却印有数字“{}”，未导入",
                    printed(&v.vals)
                ),
            ));
            continue;
        }
        let zeros = matches!(read_counts(v, B_COLS, &cols, false), Read::Values(ref x, ref b) if b.is_empty() && x.iter().all(|n| *n == 0));
        if zeros {
            for &r in &under {
                known[t.b_slots[r]] = true;
                deduced[r] = true;
            }
            recovered.push(v.note(under.iter().flat_map(|&r| row_cells(t.b_slots[r])).collect(),
                format!(
                    "第三部分 · {group_label} 印成一行（2019 年版的写法），下面的 {} 行没有印出；这一行全为 0，故其下各行都是 0",
                    under.len()
                ),
            ));
        } else {
            for &r in &under {
                deduced[r] = true;
            }
            unknown.push(v.note(under.iter().flat_map(|&r| row_cells(t.b_slots[r])).collect(),
                format!(
                    "第三部分 · {group_label} 印成一行（2019 年版的写法）：“{}”，无法分到其下 {} 行（{}），按 0 导入",
                    printed(&v.vals),
                    under.len(),
                    under.iter().map(|&r| t.b_rows[r].label).collect::<Vec<_>>().join("、")
                ),
            ));
        }
    }
    // After the group headings: rows they settle are known to B2 and B3.
    resolve_run_together(
        t, &mut cells, &mut known, pending, unknown, blanks, recovered,
    );
    for (i, a) in anchors.iter().enumerate() {
        if anchor_row[i].is_none() && !a.blank_only {
            let label = a
                .own
                .last()
                .cloned()
                .or_else(|| a.gap_before.last().cloned())
                .unwrap_or_default();
            unknown.push(a.view.note(
                Vec::new(),
                format!(
                    "第三部分：数字“{}”（标签“{}”）对不上表格的任何一行，未导入",
                    printed(&a.view.vals),
                    label
                ),
            ));
        }
    }
    for r in 0..m {
        if row_anchor[r].is_none() && !deduced[r] {
            unknown.push(Note::new(
                None,
                row_cells(t.b_slots[r]),
                format!(
                    "第三部分 · {}：{}没有找到这一行，按 0 导入",
                    t.b_rows[r].label,
                    span(lines)
                ),
            ));
        }
    }
    let found = known.iter().filter(|k| **k).count() * B_COLS;
    TableB { cells, found }
}

fn sim(printed: &Label, official: &Label, pattern: &Pattern) -> f64 {
    let mut s = pattern.dice(&printed.chars);
    if let (Some(p), Some(o)) = (printed.numbering, official.numbering) {
        if p.value != o.value {
            s *= 0.7;
        }
    }
    s
}

/// A row of table B with several readings that its own total allows.
struct Pending {
    /// Its storage row (index into the rows of `Requests`).
    row: usize,
    /// Line and column.
    at: (usize, usize),
    /// The readings, each with its blank cells.
    readings: Vec<(Vec<u64>, Vec<usize>)>,
    /// What was printed, for the account.
    text: String,
}

/// The note for a blank cell of table B (`r`: the storage row).
fn blank_note(t: &'static Tables, r: usize, no: usize, col: usize, b: usize) -> Note {
    Note::new_at(
        Some(no),
        col,
        vec![CellRef::B { row: r, col: b }],
        format!(
            "第三部分 · {} · {} 空白，按 0 导入",
            t.b_row_at(r).map_or("", |row| row.label),
            B_COLUMNS[b].label
        ),
    )
}

/// Rows with several readings (run-together digits, blank cells left out): keep the
/// combinations that satisfy B2 and B3 (when every other row they involve is known); a row
/// is accepted when all those combinations agree on it.
fn resolve_run_together(
    t: &'static Tables,
    cells: &mut [[u64; B_COLS]; B_ROW_COUNT],
    known: &mut [bool; B_ROW_COUNT],
    pending: Vec<Pending>,
    unknown: &mut Vec<Note>,
    blanks: &mut Vec<Note>,
    recovered: &mut Vec<Note>,
) {
    if pending.is_empty() {
        return;
    }
    let pend_rows: Vec<usize> = pending.iter().map(|p| p.row).collect();
    let others_known = t
        .b_slots
        .iter()
        .all(|&r| known[r] || pend_rows.contains(&r));
    let mut agree: Vec<Option<Option<usize>>> = vec![None; pending.len()]; // None: no combo yet
    let mut combos = 0usize;
    let mut too_many = !others_known;
    if others_known {
        let total: usize = pending
            .iter()
            .map(|p| p.readings.len())
            .try_fold(1usize, |a, b| a.checked_mul(b))
            .unwrap_or(usize::MAX);
        if total > 200_000 {
            too_many = true;
        } else {
            let mut idx = vec![0usize; pending.len()];
            let mut work = *cells;
            loop {
                for (k, p) in pending.iter().enumerate() {
                    work[p.row].copy_from_slice(&p.readings[idx[k]].0);
                }
                if identities_hold(&work) {
                    combos += 1;
                    for k in 0..pending.len() {
                        agree[k] = match agree[k].take() {
                            None => Some(Some(idx[k])),
                            Some(Some(prev)) if prev == idx[k] => Some(Some(prev)),
                            Some(_) => Some(None),
                        };
                    }
                }
                // Next combination.
                let mut k = 0;
                loop {
                    if k == idx.len() {
                        break;
                    }
                    idx[k] += 1;
                    if idx[k] < pending[k].readings.len() {
                        break;
                    }
                    idx[k] = 0;
                    k += 1;
                }
                if k == idx.len() {
                    break;
                }
            }
        }
    }
    for (k, p) in pending.into_iter().enumerate() {
        let r = p.row;
        let (no, col) = p.at;
        let label = t.b_row_at(r).map_or("", |row| row.label);
        let cells_of: Vec<CellRef> = (0..B_COLS).map(|col| CellRef::B { row: r, col }).collect();
        match (&agree[k], too_many) {
            (Some(Some(i)), false) => {
                let (v, bls) = &p.readings[*i];
                cells[r].copy_from_slice(v);
                known[r] = true;
                for &b in bls {
                    blanks.push(blank_note(t, r, no, col, b));
                }
                recovered.push(Note::new_at(
                    Some(no),
                    col,
                    cells_of,
                    format!(
                        "第三部分 · {label}：{}有 {} 种读法合乎本行总计，只有 {} 同时合乎 B2、B3 勾稽关系",
                        p.text,
                        p.readings.len(),
                        join_u64(v)
                    ),
                ));
            }
            _ => {
                let why = if too_many {
                    "表内其他行也未知或组合太多，无法用勾稽关系确定".to_string()
                } else if combos == 0 {
                    "没有一种组合合乎 B2、B3 勾稽关系".to_string()
                } else {
                    "合乎勾稽关系的读法不止一种".to_string()
                };
                let values: Vec<Vec<u64>> = p.readings.iter().map(|x| x.0.clone()).collect();
                unknown.push(Note::new_at(
                    Some(no),
                    col,
                    cells_of,
                    format!(
                        "第三部分 · {label}：{}有 {} 种读法（如 {}），{why}，按 0 导入",
                        p.text,
                        p.readings.len(),
                        alternatives(&values)
                    ),
                ));
            }
        }
    }
}

/// B2 and B3 in every column.
fn identities_hold(c: &[[u64; B_COLS]; B_ROW_COUNT]) -> bool {
    (0..B_COLS).all(|col| {
        let outcome: u64 = B_ROWS
            .iter()
            .enumerate()
            .filter(|(_, r)| r.role == BRole::Outcome)
            .map(|(i, _)| c[i][col])
            .sum();
        outcome == c[R_OUTCOME_TOTAL][col]
            && c[R_RECEIVED][col] + c[R_CARRIED_OVER][col]
                == c[R_OUTCOME_TOTAL][col] + c[R_CARRIED_FORWARD][col]
    })
}
