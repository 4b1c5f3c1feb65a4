//! Tables A, B and C, read from the lines of their sections by their labels.
//!
//! A line with numbers is an *anchor*. Its label is the text before the numbers (the last
//! cell or column of it: group labels such as `（三）不予公开` stand to the left), possibly
//! continued on the label-only lines around it (a label wrapped over lines, numbers printed
//! on a line of their own). Anchors are matched to the official rows of the schema in
//! order, by label similarity, with a dynamic-programming alignment: a row printed twice or
//! out of place, or a typo, cannot shift the other rows.

mod a;
mod b;
mod c;
mod row;
mod values;

pub(crate) use a::table_a;
pub(crate) use b::table_b;
pub(crate) use c::table_c;
pub(crate) use row::{Val, View};

use super::digits::{self, TooMany};
use super::lines::Line;
use super::Note;
use crate::model::schema::MAX_COUNT;

/// What the table readers say about the rows they read, by kind.
#[derive(Debug, Default)]
pub(crate) struct Notes {
    /// Cells that could not be read (imported as 0), and numbers no row took.
    pub unknown: Vec<Note>,
    /// Blank cells (imported as 0).
    pub blanks: Vec<Note>,
    /// Rows read by the table's arithmetic (digits run together, blank cells left out).
    pub recovered: Vec<Note>,
    /// Rows read from their cells: each with its place in the input and its numbers.
    pub read: Vec<Note>,
}

pub(super) fn span(lines: &[Line]) -> String {
    match (lines.first(), lines.last()) {
        (Some(a), Some(b)) => format!("在第 {}–{} 行之间", a.no, b.no),
        _ => "本节缺失，".to_string(),
    }
}

/// Where the values of explicit rows begin, learnt from the rows whose values can sit only
/// one way. A copied table carries empty cells beside its values (label columns, a trailing
/// tab); a row whose blank cells leave several ways to place its values is placed like the
/// rows of the same shape (as many cells, its last label in the same column). When no row
/// has exactly its shape, it is placed like the rows with as many cells *after* the label,
/// if those all agree: cells merged into the row above (a Word table's `vMerge`, an HTML
/// `rowspan`) are left out on the left, so the first row of a group has one cell more than
/// the rows under it, while its value columns are the same.
#[derive(Debug, Default)]
pub(crate) struct Columns {
    /// (number of cells, index of the first cell after the labels, offset of the values
    /// from there, rows seen).
    offsets: Vec<(usize, usize, usize, usize)>,
}

impl Columns {
    /// Learns from rows and the number of values each should have.
    pub(crate) fn learn<'a>(rows: impl IntoIterator<Item = (&'a View, usize)>) -> Columns {
        let mut c = Columns::default();
        for (v, expected) in rows {
            if !v.explicit {
                continue;
            }
            if let [a] = windows(&v.vals, expected)[..] {
                let key = (v.ncells, v.val_start, a);
                match c
                    .offsets
                    .iter_mut()
                    .find(|(n, s, o, _)| (*n, *s, *o) == key)
                {
                    Some(e) => e.3 += 1,
                    None => c.offsets.push((key.0, key.1, key.2, 1)),
                }
            }
        }
        c
    }

    /// The usual offset of the values in rows of this shape; else the one offset of the rows
    /// with as many cells after their labels (none when those disagree).
    fn offset_for(&self, v: &View) -> Option<usize> {
        let exact = self
            .offsets
            .iter()
            .filter(|(n, s, _, _)| *n == v.ncells && *s == v.val_start)
            .max_by_key(|(_, _, o, votes)| (*votes, std::cmp::Reverse(*o)))
            .map(|(_, _, o, _)| *o);
        if exact.is_some() {
            return exact;
        }
        let after = v.ncells.saturating_sub(v.val_start);
        let mut same_right = self
            .offsets
            .iter()
            .filter(|(n, s, _, _)| n.saturating_sub(*s) == after)
            .map(|(_, _, o, _)| *o);
        let first = same_right.next()?;
        same_right.all(|o| o == first).then_some(first)
    }
}

/// A label printed in a row of its own, its numbers in the next row with no label (a PDF
/// converter cut the row in two: `| （二）部分公开… | | |` then `| | 4 | 0 |`): the
/// numbers are the label's. Only rows of explicit cells; text rows are joined by the
/// tables' label fragments.
///
/// In Markdown (a converter's pipe table, one grid for every row) the empty cells before a
/// row's values that lie in the table's label columns are label columns, not blank values
/// (`| 二、上年结转… | | | 2 | 0 | 1 | 12 | 15 |` where the converter dropped two zeros).
pub(crate) fn attach_detached(views: Vec<View>, layout: crate::import::Layout) -> Vec<View> {
    // Where the values begin in the widest rows: the cells before it are label columns.
    let label_width = views
        .iter()
        .filter(|v| v.explicit && !v.labels.is_empty() && v.has_number())
        .map(|v| v.val_start)
        .max()
        .unwrap_or(0);
    let mut out: Vec<View> = Vec::with_capacity(views.len());
    let grid = layout == crate::import::Layout::Markdown;
    for mut v in views {
        if grid && v.explicit && !v.labels.is_empty() {
            while v.val_start < label_width && v.vals.first() == Some(&Val::Blank) {
                v.vals.remove(0);
                v.val_start += 1;
            }
        }
        let numbers_only = v.explicit && v.labels.is_empty() && v.has_number();
        if numbers_only {
            if let Some(prev) = out.last_mut() {
                if prev.explicit && !prev.labels.is_empty() && !prev.has_number() {
                    // The numbers row's empty cells under the table's label columns (as
                    // wide as in the rows with both) are no blank values.
                    let skip = label_width.saturating_sub(v.val_start);
                    let under_label =
                        v.vals.len() >= skip && v.vals[..skip].iter().all(|x| *x == Val::Blank);
                    let skip = if under_label { skip } else { 0 };
                    prev.vals = v.vals[skip..].to_vec();
                    prev.ncells = v.ncells;
                    prev.val_start = v.val_start + skip;
                    continue;
                }
            }
        }
        out.push(v);
    }
    out
}

/// The offsets at which `expected` values can sit among `vals` with only blanks outside.
fn windows(vals: &[Val], expected: usize) -> Vec<usize> {
    if vals.len() <= expected {
        return vec![0];
    }
    (0..=vals.len() - expected)
        .filter(|&a| {
            vals[..a].iter().all(|x| *x == Val::Blank)
                && vals[a + expected..].iter().all(|x| *x == Val::Blank)
        })
        .collect()
}

/// A row's values placed in its `expected` cells; an error when its blank cells leave
/// several ways and the other rows do not tell which.
pub(crate) fn fit(v: &View, expected: usize, cols: &Columns) -> Result<Vec<Val>, String> {
    let w = windows(&v.vals, expected);
    let at = match w[..] {
        [] => return Ok(v.vals.clone()),
        [a] => a,
        _ => match cols.offset_for(v).filter(|o| w.contains(o)) {
            Some(a) => a,
            None => {
                return Err(format!(
                    "空白格较多（“{}”），无法确定各数所在的列",
                    printed(&v.vals)
                ))
            }
        },
    };
    let end = (at + expected).min(v.vals.len());
    Ok(v.vals[at..end].to_vec())
}

/// In the one-cell-per-line layout, a label line takes the number lines after it. Empty
/// lines among them, and right after the label or after the last number, while the row
/// still lacks values, are gaps: a copied table gives an empty cell an empty line, so some
/// of them are blank cells — all of them when they are as many as the missing values, else
/// the table's arithmetic decides. Empty lines elsewhere separate rows.
pub(super) fn merge_cells(
    views: Vec<View>,
    expected: &dyn Fn(&View) -> Option<usize>,
) -> Vec<View> {
    let numbers_only = |v: &View| v.labels.is_empty() && !v.vals.is_empty();
    let empty = |v: &View| v.labels.is_empty() && v.vals.is_empty();
    let filled = |v: &View| v.vals.iter().filter(|x| **x != Val::Gap).count();
    let mut out: Vec<View> = Vec::new();
    // The row taking values, and how many it has.
    let mut open: Option<usize> = None;
    for v in views {
        if let Some(n) = open.and_then(|i| expected(&out[i])) {
            let i = open.unwrap_or(0);
            if filled(&out[i]) < n {
                if numbers_only(&v) {
                    out[i].vals.extend(v.vals.iter().cloned());
                    continue;
                }
                if empty(&v) {
                    out[i].vals.push(Val::Gap);
                    continue;
                }
            }
        }
        if let Some(i) = open.take() {
            settle_gaps(&mut out[i], expected);
        }
        if !v.labels.is_empty() && expected(&v).is_some() {
            open = Some(out.len());
        }
        out.push(v);
    }
    if let Some(i) = open {
        settle_gaps(&mut out[i], expected);
    }
    out
}

/// A row that got all its values: its gaps were row separators, not cells. A row of only
/// gaps, as many as its cells, is a row of blank cells.
fn settle_gaps(v: &mut View, expected: &dyn Fn(&View) -> Option<usize>) {
    let Some(n) = expected(v) else { return };
    if v.vals.iter().all(|x| *x == Val::Gap) {
        if v.vals.len() == n {
            v.vals = vec![Val::Blank; n];
        } else {
            v.vals.clear();
        }
        return;
    }
    collapse_gaps(&mut v.vals, n);
}

/// Gaps in a row of `n` values that cannot change its reading are dropped: all of them when
/// the row has its values; in a run of gaps side by side, those beyond the number missing
/// (choosing any of them gives the same numbers).
pub(super) fn collapse_gaps(vals: &mut Vec<Val>, n: usize) {
    let filled = vals.iter().filter(|x| **x != Val::Gap).count();
    let missing = n.saturating_sub(filled);
    let mut run = 0usize;
    vals.retain(|x| {
        if *x == Val::Gap {
            run += 1;
            run <= missing
        } else {
            run = 0;
            true
        }
    });
}

/// A row printed with fewer values than it has cells, to be read by the table's arithmetic.
#[derive(Debug, Clone)]
pub(super) struct Short {
    /// Its numbers as run-together digits, when that is a possible reading.
    pub digits: Option<Vec<String>>,
    /// Its slots with the gaps where blank cells may have been left out, when that is a
    /// possible reading.
    pub slots: Option<Vec<digits::Slot>>,
    /// As printed (`□` a blank cell, `_` a gap).
    pub printed: String,
}

impl Short {
    /// What the row is, in the account: `连写的数字“…”` or `印出的数字“…”（…）`.
    pub fn describe(&self) -> String {
        match (&self.digits, &self.slots) {
            (Some(d), None) => format!("连写的数字“{}”", d.join(" ")),
            (None, _) => format!("印出的数字“{}”（有空白格没有印出）", self.printed),
            (Some(_), Some(_)) => format!(
                "印出的数字“{}”（或有数字连写，或有空白格没有印出）",
                self.printed
            ),
        }
    }

    /// Every reading as `n` numbers that `forced` allows, with its blank cells (readings of
    /// the same numbers once); and whether the row could be read only one way whatever
    /// the arithmetic (as many gaps as missing values, no digits to split).
    pub fn readings(
        &self,
        n: usize,
        forced: digits::Forced<'_>,
    ) -> (Result<digits::Readings, TooMany>, bool) {
        let mut out: digits::Readings = Vec::new();
        let mut certain = self.digits.is_none();
        if let Some(slots) = &self.slots {
            // Every gap a blank cell, no borders: one choice.
            certain &= slots.len() == n && !slots.contains(&digits::Slot::Border);
            match digits::gap_readings(slots, n, forced) {
                Ok(r) => out.extend(r),
                Err(e) => return (Err(e), false),
            }
        }
        if let Some(d) = &self.digits {
            match digits::readings(d, n, forced) {
                Ok(r) => {
                    for v in r {
                        if !out.iter().any(|(w, _)| *w == v) {
                            out.push((v, Vec::new()));
                        }
                    }
                }
                Err(e) => return (Err(e), false),
            }
        }
        (Ok(out), certain)
    }
}

/// True when rows of this layout may leave an empty cell out altogether: a PDF's text,
/// Markdown from a PDF converter, and rows of explicit cells (cells merged away).
pub(super) fn drops_blanks(layout: crate::import::Layout, v: &View) -> bool {
    use crate::import::Layout;
    v.explicit || matches!(layout, Layout::PdfText | Layout::Markdown)
}

/// The result of reading a row's values.
pub(super) enum Read {
    /// Every value read; the listed cells (indices) were blank.
    Values(Vec<u64>, Vec<usize>),
    /// Fewer values than cells: digits run together, or blank cells left out.
    Short(Short),
    /// Not readable; why.
    Unknown(String),
}

/// Reads a row's `expected` values. `drops_blanks`: the layout may leave an empty cell out
/// altogether (a PDF's text, Markdown from a PDF converter, a table row with cells merged
/// away), so a row with fewer numbers may lack blank cells anywhere between them.
pub(super) fn read_counts(
    view: &View,
    expected: usize,
    cols: &Columns,
    drops_blanks: bool,
) -> Read {
    let v = match fit(view, expected, cols) {
        Ok(v) => v,
        Err(why) => return Read::Unknown(why),
    };
    let has_gap = v.contains(&Val::Gap);
    if v.len() == expected && !has_gap {
        let mut out = Vec::with_capacity(expected);
        let mut blanks = Vec::new();
        for (i, x) in v.iter().enumerate() {
            match x {
                Val::Blank | Val::Gap => {
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
    let toks: Vec<String> = v
        .iter()
        .filter_map(|x| match x {
            Val::Tok(t) => Some(t.clone()),
            _ => None,
        })
        .collect();
    let filled = v.iter().filter(|x| **x != Val::Gap).count();
    let all_digits = toks.iter().all(|t| t.chars().all(|c| c.is_ascii_digit()));
    if filled < expected && !toks.is_empty() && all_digits {
        let digits = (!has_gap && toks.len() == v.len()).then(|| toks.clone());
        let slots = (has_gap || drops_blanks).then(|| {
            let mut s = Vec::new();
            for x in &v {
                if drops_blanks {
                    s.push(digits::Slot::Border);
                }
                s.push(match x {
                    Val::Blank => digits::Slot::Blank,
                    Val::Gap => digits::Slot::Gap,
                    Val::Tok(t) => digits::Slot::Num(t.parse().unwrap_or(u64::MAX)),
                });
            }
            if drops_blanks {
                s.push(digits::Slot::Border);
            }
            s
        });
        // Only the readings that can give `expected` numbers at all.
        let digits = digits.filter(|d| d.iter().map(String::len).sum::<usize>() >= expected);
        let slots = slots.filter(|s| {
            (s.len() >= expected || s.contains(&digits::Slot::Border))
                && s.iter()
                    .all(|x| !matches!(x, digits::Slot::Num(n) if *n > MAX_COUNT))
        });
        if digits.is_some() || slots.is_some() {
            return Read::Short(Short {
                digits,
                slots,
                printed: printed(&v),
            });
        }
    }
    Read::Unknown(format!(
        "应有 {expected} 个数，这里有 {} 个{}",
        toks.len(),
        if v.contains(&Val::Blank) {
            "（另有空白）"
        } else {
            ""
        }
    ))
}

pub(super) fn printed(vals: &[Val]) -> String {
    vals.iter()
        .map(|v| match v {
            Val::Blank => "□".to_string(),
            Val::Gap => "_".to_string(),
            Val::Tok(t) => t.clone(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// What `import --rows` says of a row read from its cells: `{place}：按格读出 3 0 8`.
pub(super) fn read_from_cells(place: &str, vals: impl IntoIterator<Item = String>) -> String {
    format!(
        "{place}：按格读出 {}",
        vals.into_iter().collect::<Vec<_>>().join(" ")
    )
}

pub(super) fn join_u64(v: &[u64]) -> String {
    v.iter().map(u64::to_string).collect::<Vec<_>>().join(" ")
}

/// Why a row printed with too few numbers could not be read.
pub(super) fn short_row(short: &Short, n: usize, r: &Result<digits::Readings, TooMany>) -> String {
    let how = if short.slots.is_some() {
        "补上没有印出的空白格"
    } else {
        "当作数字连写"
    };
    let why = match r {
        Ok(r) if r.is_empty() => format!("{how}，也没有一种读法合乎表格的总计"),
        Ok(r) => format!(
            "{how}，有 {} 种读法（如 {}），无法确定",
            r.len(),
            alternatives(&r.iter().map(|x| x.0.clone()).collect::<Vec<_>>())
        ),
        Err(TooMany) => format!("{how}，读法太多，无法确定"),
    };
    let count = short
        .printed
        .split(' ')
        .filter(|t| !matches!(*t, "_" | "□"))
        .count();
    format!(
        "应有 {n} 个数，这里只有 {count} 个（“{}”）；{why}",
        short.printed.replace(" _", "").replace("_ ", "")
    )
}

pub(super) fn alternatives(r: &[Vec<u64>]) -> String {
    r.iter()
        .take(2)
        .map(|x| join_u64(x))
        .collect::<Vec<_>>()
        .join("；")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tok(s: &str) -> Val {
        Val::Tok(s.to_string())
    }

    fn v(labels: &[&str], vals: &[&str]) -> View {
        View {
            no: 1,
            col: 1,
            labels: labels.iter().map(|s| s.to_string()).collect(),
            vals: vals.iter().map(|s| Val::Tok(s.to_string())).collect(),
            explicit: false,
            val_start: 0,
            ncells: 0,
        }
    }

    #[test]
    fn empty_lines_of_a_short_row_are_gaps() {
        let e = || v(&[], &[]);
        let n = |x: &str| v(&[], &[x]);
        // First, middle and last cells blank: the empty lines right after the label, between
        // the numbers and after the last number, as many as the missing values.
        for (lines, want) in [
            (
                vec![e(), n("1"), n("2")],
                vec![Val::Blank, tok("1"), tok("2")],
            ),
            (
                vec![n("1"), e(), n("2")],
                vec![tok("1"), Val::Blank, tok("2")],
            ),
            (
                vec![n("1"), n("2"), e()],
                vec![tok("1"), tok("2"), Val::Blank],
            ),
            (
                vec![e(), e(), e()],
                vec![Val::Blank, Val::Blank, Val::Blank],
            ),
        ] {
            let mut views = vec![v(&["1.属于国家秘密"], &[])];
            views.extend(lines);
            views.push(v(&["2.其他"], &[]));
            let out = merge_cells(views, &|v| (!v.labels.is_empty()).then_some(3));
            let got = match read_counts(&out[0], 3, &Columns::default(), false) {
                Read::Values(vals, _) => vals,
                Read::Short(s) => match s.readings(3, &|_| None) {
                    (Ok(r), true) if r.len() == 1 => r[0].0.clone(),
                    other => panic!("{other:?}"),
                },
                Read::Unknown(w) => panic!("{w}"),
            };
            let want: Vec<u64> = want
                .iter()
                .map(|x| match x {
                    Val::Tok(t) => t.parse().unwrap(),
                    _ => 0,
                })
                .collect();
            assert_eq!(got, want);
            assert_eq!(out[1].labels, vec!["2.其他".to_string()]);
        }
        // Two empty lines, one missing value, no arithmetic: two readings, not guessed.
        let views = vec![
            v(&["1.属于国家秘密"], &[]),
            n("1"),
            e(),
            n("2"),
            e(),
            v(&["2.其他"], &[]),
        ];
        let out = merge_cells(views, &|v| (!v.labels.is_empty()).then_some(3));
        let Read::Short(s) = read_counts(&out[0], 3, &Columns::default(), false) else {
            panic!("short")
        };
        assert_eq!(s.readings(3, &|_| None).0.map(|r| r.len()), Ok(2));
        // A complete row: the empty line after it separates rows.
        let views = vec![
            v(&["1.属于国家秘密"], &[]),
            n("1"),
            n("2"),
            n("3"),
            e(),
            v(&["2.其他"], &[]),
        ];
        let out = merge_cells(views, &|v| (!v.labels.is_empty()).then_some(3));
        assert_eq!(out[0].vals, vec![tok("1"), tok("2"), tok("3")]);
    }
}
