//! Tables A, B and C, read from the lines of their sections by their labels.
//!
//! A line with numbers is an *anchor*. Its label is the text before the numbers (the last
//! cell or column of it: group labels such as `（三）不予公开` stand to the left), possibly
//! continued on the label-only lines around it (a label wrapped over lines, numbers printed
//! on a line of their own). Anchors are matched to the official rows of the schema in
//! order, by label similarity, with a dynamic-programming alignment: a row printed twice or
//! out of place, or a typo, cannot shift the other rows.

use super::digits::{self, TooMany};
use super::labels::{split_numbering, squash, Label, Pattern};
use super::lines::{is_number, plain_number, Body, Line};
use super::{Layout, Note};
use crate::model::schema::{
    BRole, A_BLOCKS, B_APPLICANT_HEADER, B_COLS, B_COLUMNS, B_CORNER, B_GROUPS,
    B_LEGAL_ENTITY_GROUP, B_ROWS, B_ROW_COUNT, C_COLUMNS, C_GROUPS, MAX_COUNT, R_CARRIED_FORWARD,
    R_CARRIED_OVER, R_OUTCOME_TOTAL, R_RECEIVED,
};
use crate::model::{Amount, CellRef, Proactive};
use std::sync::OnceLock;

/// A value slot as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Val {
    /// An empty cell.
    Blank,
    /// A numeric token as printed.
    Tok(String),
}

/// A line seen as a possible table row.
#[derive(Debug, Clone)]
pub(crate) struct View {
    /// Input line number.
    pub no: usize,
    /// Label fragments, left to right.
    pub labels: Vec<String>,
    /// Values after the last label.
    pub vals: Vec<Val>,
    /// True when the cells were explicit (tab, pipe, HTML).
    pub explicit: bool,
}

impl View {
    fn has_number(&self) -> bool {
        self.vals.iter().any(|v| matches!(v, Val::Tok(_)))
    }
}

fn is_blank_marker(s: &str) -> bool {
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
            labels: vec![t.trim().to_string()],
            vals: Vec::new(),
            explicit: false,
        },
        Body::Cells(cells) => {
            let last_label = cells
                .iter()
                .rposition(|c| !is_blank_marker(c) && !is_number(c));
            let labels = match last_label {
                Some(l) => cells[..=l]
                    .iter()
                    .filter(|c| !is_blank_marker(c) && !is_number(c))
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
                labels,
                vals,
                explicit: true,
            }
        }
        Body::Text(t) => {
            let toks = tokens(t);
            // Trailing numbers, and dashes printed for an empty cell.
            let mut first_num = toks.len();
            while first_num > 0 {
                let (a, b) = toks[first_num - 1];
                if is_number(&t[a..b]) || is_blank_marker(&t[a..b]) {
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
            if vals.is_empty() {
                // A label with its digits glued on: `（一）予以公开1288`.
                if let Some(&(a, b)) = toks.last() {
                    let tok = &t[a..b];
                    let digits = tok.chars().rev().take_while(|c| c.is_ascii_digit()).count();
                    let head = &tok[..tok.len() - digits];
                    let glued = digits > 0
                        && head
                            .chars()
                            .last()
                            .is_some_and(|c| !c.is_ascii() && !matches!(c, '、' | '．' | '（'));
                    if glued {
                        vals.push(Val::Tok(tok[head.len()..].to_string()));
                        label_end = a + head.len();
                    }
                }
            }
            View {
                no: line.no,
                labels: fragments(&t[..label_end]),
                vals,
                explicit: false,
            }
        }
    }
}

/// `在第 86–134 行之间` for the lines of a section (empty when the section is missing).
fn span(lines: &[Line]) -> String {
    match (lines.first(), lines.last()) {
        (Some(a), Some(b)) => format!("在第 {}–{} 行之间", a.no, b.no),
        _ => "本节缺失，".to_string(),
    }
}

/// Removes blank cells at the ends while there are more slots than expected (the empty
/// cells a copied table carries beside its values).
fn trim_vals(vals: &[Val], expected: usize) -> Vec<Val> {
    let mut v: Vec<Val> = vals.to_vec();
    while v.len() > expected && v.last() == Some(&Val::Blank) {
        v.pop();
    }
    while v.len() > expected && v.first() == Some(&Val::Blank) {
        v.remove(0);
    }
    v
}

/// In the one-cell-per-line layout, a label line takes the number lines after it.
fn merge_cells(views: Vec<View>, expected: &dyn Fn(&View) -> Option<usize>) -> Vec<View> {
    let mut out: Vec<View> = Vec::new();
    for v in views {
        if v.labels.is_empty() && !v.vals.is_empty() {
            if let Some(last) = out.last_mut() {
                if let Some(n) = expected(last) {
                    if last.vals.len() < n && !last.labels.is_empty() {
                        last.vals.extend(v.vals);
                        continue;
                    }
                }
            }
        }
        out.push(v);
    }
    out
}

/// The result of reading a row's values.
enum Read {
    /// Every value read; the listed cells (indices) were blank.
    Values(Vec<u64>, Vec<usize>),
    /// Fewer numbers than cells, none blank: the digits may have run together.
    RunTogether(Vec<String>),
    /// Not readable; why.
    Unknown(String),
}

fn read_counts(vals: &[Val], expected: usize) -> Read {
    let v = trim_vals(vals, expected);
    if v.len() == expected {
        let mut out = Vec::with_capacity(expected);
        let mut blanks = Vec::new();
        for (i, x) in v.iter().enumerate() {
            match x {
                Val::Blank => {
                    blanks.push(i);
                    out.push(0);
                }
                Val::Tok(t) => match t.parse::<u64>() {
                    Ok(n) if n <= MAX_COUNT => out.push(n),
                    _ => return Read::Unknown(format!("“{t}”不是件数（应为非负整数）")),
                },
            }
        }
        return Read::Values(out, blanks);
    }
    if v.len() < expected && !v.is_empty() && v.iter().all(|x| matches!(x, Val::Tok(_))) {
        let toks: Vec<String> = v
            .iter()
            .filter_map(|x| match x {
                Val::Tok(t) => Some(t.clone()),
                Val::Blank => None,
            })
            .collect();
        if toks.iter().all(|t| t.chars().all(|c| c.is_ascii_digit())) {
            return Read::RunTogether(toks);
        }
    }
    Read::Unknown(format!(
        "应有 {expected} 个数，这里有 {} 个{}",
        v.iter().filter(|x| matches!(x, Val::Tok(_))).count(),
        if v.contains(&Val::Blank) {
            "（另有空白）"
        } else {
            ""
        }
    ))
}

fn printed(vals: &[Val]) -> String {
    vals.iter()
        .map(|v| match v {
            Val::Blank => "□".to_string(),
            Val::Tok(t) => t.clone(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn join_u64(v: &[u64]) -> String {
    v.iter().map(u64::to_string).collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------- table A

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
    let mut views: Vec<View> = lines.iter().map(view).collect();
    if layout == Layout::OneCellPerLine {
        views = merge_cells(views, &|v| row_of(v).map(|i| rows[i].2));
    }
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
            let vals = trim_vals(&v.vals, 1);
            match vals.as_slice() {
                [Val::Tok(t)] => match Amount::parse(t, 6) {
                    Ok(a) => {
                        p.fees_wan_yuan = a;
                        found += 1;
                    }
                    Err(e) => unknown.push(Note::new(
                        Some(v.no),
                        cells,
                        format!("第二部分 · {label} 本年收费金额：“{t}”读不出：{e}"),
                    )),
                },
                [Val::Blank] => {
                    found += 1;
                    blanks.push(Note::new(
                        Some(v.no),
                        cells,
                        format!("第二部分 · {label} 本年收费金额 空白，按 0 导入"),
                    ));
                }
                _ => unknown.push(Note::new(
                    Some(v.no),
                    cells,
                    format!(
                        "第二部分 · {label} 本年收费金额：应有 1 个数，这里是“{}”",
                        printed(&v.vals)
                    ),
                )),
            }
            continue;
        }
        let cols = A_BLOCKS
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
        match read_counts(&v.vals, n) {
            Read::Values(vals, bl) => {
                set(&vals, &mut p);
                found += n;
                for b in bl {
                    blanks.push(Note::new(
                        Some(v.no),
                        vec![CellRef::A { field: key, col: b }],
                        format!(
                            "第二部分 · {label} · {} 空白，按 0 导入",
                            cols.get(b).unwrap_or(&"")
                        ),
                    ));
                }
            }
            Read::RunTogether(toks) => match digits::plain_readings(&toks, n) {
                Ok(r) if r.len() == 1 => {
                    set(&r[0], &mut p);
                    found += n;
                    recovered.push(Note::new(
                        Some(v.no),
                        cells,
                        format!(
                            "第二部分 · {label}：连写的数字“{}”只有一种读法：{}",
                            toks.join(" "),
                            join_u64(&r[0])
                        ),
                    ));
                }
                other => unknown.push(Note::new(
                    Some(v.no),
                    cells,
                    format!(
                        "第二部分 · {label}：{}，按 0 导入",
                        short_row(&toks, n, &other)
                    ),
                )),
            },
            Read::Unknown(why) => unknown.push(Note::new(
                Some(v.no),
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

/// Why a row printed with too few numbers could not be read.
fn short_row(toks: &[String], n: usize, r: &Result<Vec<Vec<u64>>, TooMany>) -> String {
    let why = match r {
        Ok(r) if r.is_empty() => "当作数字连写，也没有一种读法合乎表格的总计".to_string(),
        Ok(r) => format!(
            "当作数字连写，有 {} 种读法（如 {}），无法确定",
            r.len(),
            alternatives(r)
        ),
        Err(TooMany) => "当作数字连写，读法太多，无法确定".to_string(),
    };
    format!(
        "应有 {n} 个数，这里只有 {} 个（“{}”）；{why}",
        toks.len(),
        toks.join(" ")
    )
}

fn alternatives(r: &[Vec<u64>]) -> String {
    r.iter()
        .take(2)
        .map(|x| join_u64(x))
        .collect::<Vec<_>>()
        .join("；")
}

// ---------------------------------------------------------------- table B

struct BLabels {
    rows: Vec<(Label, Pattern)>,
    groups: Vec<Vec<char>>,
    furniture: Vec<Vec<char>>,
}

fn b_labels() -> &'static BLabels {
    static L: OnceLock<BLabels> = OnceLock::new();
    L.get_or_init(|| {
        let rows = B_ROWS
            .iter()
            .map(|r| {
                let l = Label::new(r.label);
                let p = Pattern::new(&l.chars);
                (l, p)
            })
            .collect();
        let groups: Vec<Vec<char>> = B_GROUPS.iter().map(|g| Label::new(g.label).chars).collect();
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

/// The group heading (index into B_GROUPS) a label names exactly, if any.
fn group_of(label: &str) -> Option<usize> {
    let l = Label::new(label);
    if l.is_empty() {
        return None;
    }
    b_labels().groups.iter().position(|g| *g == l.chars)
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
/// before it and two after it.
fn label_candidates(a: &Anchor) -> Vec<Label> {
    let own: Vec<&String> = a.own.last().into_iter().collect();
    let mut out = Vec::new();
    for k in 0..=a.gap_before.len().min(3) {
        for m in 0..=a.gap_after.len().min(2) {
            let mut parts: Vec<&String> = Vec::new();
            parts.extend(&a.gap_before[a.gap_before.len() - k..]);
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

/// Reads table B (三、收到和处理政府信息公开申请情况) from its section's lines.
pub(crate) fn table_b(
    lines: &[Line],
    layout: Layout,
    unknown: &mut Vec<Note>,
    blanks: &mut Vec<Note>,
    recovered: &mut Vec<Note>,
) -> TableB {
    let bl = b_labels();
    let mut views: Vec<View> = lines.iter().map(view).collect();
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
        if let Some(g) = v.labels.last().and_then(|l| group_of(l)) {
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

    // Scores and the alignment.
    let n = anchors.len();
    let m = B_ROW_COUNT;
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
    let mut cells = [[0u64; B_COLS]; B_ROW_COUNT];
    let mut known = [false; B_ROW_COUNT];
    let mut pending: Vec<(usize, usize, Vec<Vec<u64>>, String)> = Vec::new(); // row, line, readings, printed
    let row_cells =
        |r: usize| -> Vec<CellRef> { (0..B_COLS).map(|col| CellRef::B { row: r, col }).collect() };
    for (r, a) in row_anchor.iter().enumerate() {
        let Some(a) = a else { continue };
        let v = &anchors[*a].view;
        let label = B_ROWS[r].label;
        match read_counts(&v.vals, B_COLS) {
            Read::Values(vals, bls) => {
                cells[r].copy_from_slice(&vals);
                known[r] = true;
                for b in bls {
                    blanks.push(Note::new(
                        Some(v.no),
                        vec![CellRef::B { row: r, col: b }],
                        format!(
                            "第三部分 · {label} · {} 空白，按 0 导入",
                            B_COLUMNS[b].label
                        ),
                    ));
                }
            }
            Read::RunTogether(toks) => match digits::b_row_readings(&toks) {
                Ok(rs) if rs.len() == 1 => {
                    cells[r].copy_from_slice(&rs[0]);
                    known[r] = true;
                    recovered.push(Note::new(
                        Some(v.no),
                        row_cells(r),
                        format!(
                            "第三部分 · {label}：连写的数字“{}”只有一种读法合乎“总计 = 各列之和”：{}",
                            toks.join(" "),
                            join_u64(&rs[0])
                        ),
                    ));
                }
                Ok(rs) if rs.len() > 1 => pending.push((r, v.no, rs, toks.join(" "))),
                other => unknown.push(Note::new(
                    Some(v.no),
                    row_cells(r),
                    format!(
                        "第三部分 · {label}：{}，按 0 导入",
                        short_row(&toks, B_COLS, &other)
                    ),
                )),
            },
            Read::Unknown(why) => unknown.push(Note::new(
                Some(v.no),
                row_cells(r),
                format!(
                    "第三部分 · {label}：{why}（“{}”），按 0 导入",
                    printed(&v.vals)
                ),
            )),
        }
    }
    resolve_run_together(&mut cells, &mut known, pending, unknown, recovered);

    // Group headings printed with numbers (the 2019 layout's single （六）其他处理 row): when
    // the rows under them are absent and the heading's numbers are all 0, each row under it
    // is 0 too (counts are never negative).
    let mut deduced = [false; B_ROW_COUNT];
    for (v, g) in &headings {
        let under: Vec<usize> = (0..m)
            .filter(|&r| B_ROWS[r].groups.last() == Some(g) && row_anchor[r].is_none())
            .collect();
        let group_label = B_GROUPS[*g].label;
        if under.is_empty() {
            unknown.push(Note::new(
                Some(v.no),
                Vec::new(),
                format!(
                    "第三部分 · {group_label} 是标题行，却印有数字“{}”，未导入",
                    printed(&v.vals)
                ),
            ));
            continue;
        }
        let zeros = matches!(read_counts(&v.vals, B_COLS), Read::Values(ref x, ref b) if b.is_empty() && x.iter().all(|n| *n == 0));
        if zeros {
            for &r in &under {
                known[r] = true;
                deduced[r] = true;
            }
            recovered.push(Note::new(
                Some(v.no),
                under.iter().flat_map(|&r| row_cells(r)).collect(),
                format!(
                    "第三部分 · {group_label} 印成一行（2019 年版的写法），下面的 {} 行没有印出；这一行全为 0，故其下各行都是 0",
                    under.len()
                ),
            ));
        } else {
            for &r in &under {
                deduced[r] = true;
            }
            unknown.push(Note::new(
                Some(v.no),
                under.iter().flat_map(|&r| row_cells(r)).collect(),
                format!(
                    "第三部分 · {group_label} 印成一行（2019 年版的写法）：“{}”，无法分到其下 {} 行（{}），按 0 导入",
                    printed(&v.vals),
                    under.len(),
                    under.iter().map(|&r| B_ROWS[r].label).collect::<Vec<_>>().join("、")
                ),
            ));
        }
    }
    for (i, a) in anchors.iter().enumerate() {
        if anchor_row[i].is_none() && !a.blank_only {
            let label = a
                .own
                .last()
                .cloned()
                .or_else(|| a.gap_before.last().cloned())
                .unwrap_or_default();
            unknown.push(Note::new(
                Some(a.view.no),
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
                row_cells(r),
                format!(
                    "第三部分 · {}：{}没有找到这一行，按 0 导入",
                    B_ROWS[r].label,
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

/// Rows whose run-together digits have several readings: keep the combinations that satisfy
/// B2 and B3 (when every other row they involve is known); a row is accepted when all those
/// combinations agree on it.
fn resolve_run_together(
    cells: &mut [[u64; B_COLS]; B_ROW_COUNT],
    known: &mut [bool; B_ROW_COUNT],
    pending: Vec<(usize, usize, Vec<Vec<u64>>, String)>,
    unknown: &mut Vec<Note>,
    recovered: &mut Vec<Note>,
) {
    if pending.is_empty() {
        return;
    }
    let pend_rows: Vec<usize> = pending.iter().map(|p| p.0).collect();
    let others_known = (0..B_ROW_COUNT).all(|r| known[r] || pend_rows.contains(&r));
    let mut agree: Vec<Option<Option<Vec<u64>>>> = vec![None; pending.len()]; // None: no combo yet
    let mut combos = 0usize;
    let mut too_many = !others_known;
    if others_known {
        let total: usize = pending.iter().map(|p| p.2.len()).product();
        if total > 200_000 {
            too_many = true;
        } else {
            let mut idx = vec![0usize; pending.len()];
            let mut work = *cells;
            loop {
                for (k, p) in pending.iter().enumerate() {
                    work[p.0].copy_from_slice(&p.2[idx[k]]);
                }
                if identities_hold(&work) {
                    combos += 1;
                    for (k, p) in pending.iter().enumerate() {
                        let v = &p.2[idx[k]];
                        agree[k] = match agree[k].take() {
                            None => Some(Some(v.clone())),
                            Some(Some(prev)) if prev == *v => Some(Some(prev)),
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
                    if idx[k] < pending[k].2.len() {
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
    for (k, (r, no, rs, text)) in pending.into_iter().enumerate() {
        let label = B_ROWS[r].label;
        let cells_of: Vec<CellRef> = (0..B_COLS).map(|col| CellRef::B { row: r, col }).collect();
        match (&agree[k], too_many) {
            (Some(Some(v)), false) => {
                cells[r].copy_from_slice(v);
                known[r] = true;
                recovered.push(Note::new(
                    Some(no),
                    cells_of,
                    format!(
                        "第三部分 · {label}：连写的数字“{text}”有 {} 种读法合乎本行总计，只有 {} 同时合乎 B2、B3 勾稽关系",
                        rs.len(),
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
                unknown.push(Note::new(
                    Some(no),
                    cells_of,
                    format!(
                        "第三部分 · {label}：数字“{text}”连在一起，有 {} 种读法（如 {}），{why}，按 0 导入",
                        rs.len(),
                        alternatives(&rs)
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

// ---------------------------------------------------------------- table C

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
    let Some(v) = views
        .iter()
        .filter(|v| v.has_number())
        .max_by_key(|v| (v.vals.len(), std::cmp::Reverse(v.no)))
    else {
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
    match read_counts(&v.vals, N) {
        Read::Values(vals, bls) => {
            set(&mut out, &vals);
            for b in bls {
                blanks.push(Note::new(
                    Some(v.no),
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
                recovered.push(Note::new(
                    Some(v.no),
                    all,
                    format!(
                        "第四部分：连写的数字“{}”只有一种读法合乎“总计 = 四项之和”：{}",
                        toks.join(" "),
                        join_u64(&rs[0])
                    ),
                ));
            }
            other => unknown.push(Note::new(
                Some(v.no),
                all,
                format!(
                    "第四部分 · 行政复议、行政诉讼：{}，按 0 导入",
                    short_row(&toks, N, &other)
                ),
            )),
        },
        Read::Unknown(why) => unknown.push(Note::new(
            Some(v.no),
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
        Line {
            no,
            indent: 0,
            body: Body::Text(s.to_string()),
        }
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
            no: 3,
            indent: 0,
            body: Body::Cells(vec!["行政许可".into(), "".into(), "".into()]),
        };
        let v = view(&l);
        assert_eq!(v.vals, vec![Val::Blank, Val::Blank]);
        assert_eq!(trim_vals(&v.vals, 1), vec![Val::Blank]);
    }
}
