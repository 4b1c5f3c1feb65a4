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

pub(crate) use a::table_a;
pub(crate) use b::table_b;
pub(crate) use c::table_c;
pub(crate) use row::{Val, View};

use super::digits::TooMany;
use super::lines::Line;
use crate::model::schema::MAX_COUNT;

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

/// In the one-cell-per-line layout, a label line takes the number lines after it. An empty
/// line between two number lines of a row that still lacks values is a blank cell (a copied
/// table gives an empty cell an empty line); empty lines elsewhere separate rows.
pub(super) fn merge_cells(
    views: Vec<View>,
    expected: &dyn Fn(&View) -> Option<usize>,
) -> Vec<View> {
    let numbers_only = |v: &View| v.labels.is_empty() && !v.vals.is_empty();
    let empty = |v: &View| v.labels.is_empty() && v.vals.is_empty();
    let mut out: Vec<View> = Vec::new();
    for i in 0..views.len() {
        let v = &views[i];
        if numbers_only(v) || empty(v) {
            if let Some(last) = out.last_mut() {
                if let Some(n) = expected(last) {
                    let short = last.vals.len() < n && !last.labels.is_empty();
                    if short && numbers_only(v) {
                        last.vals.extend(v.vals.iter().cloned());
                        continue;
                    }
                    let between = !last.vals.is_empty()
                        && views[i + 1..]
                            .iter()
                            .find(|w| !empty(w))
                            .is_some_and(numbers_only);
                    if short && empty(v) && between {
                        last.vals.push(Val::Blank);
                        continue;
                    }
                }
            }
        }
        out.push(v.clone());
    }
    out
}

/// The result of reading a row's values.
pub(super) enum Read {
    /// Every value read; the listed cells (indices) were blank.
    Values(Vec<u64>, Vec<usize>),
    /// Fewer numbers than cells, none blank: the digits may have run together.
    RunTogether(Vec<String>),
    /// Not readable; why.
    Unknown(String),
}

pub(super) fn read_counts(view: &View, expected: usize, cols: &Columns) -> Read {
    let v = match fit(view, expected, cols) {
        Ok(v) => v,
        Err(why) => return Read::Unknown(why),
    };
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn an_empty_line_between_the_numbers_of_a_row_is_a_blank_cell() {
        let views = vec![
            v(&["1.属于国家秘密"], &[]),
            v(&[], &["1"]),
            v(&[], &[]),
            v(&[], &["2"]),
            v(&[], &[]),
            v(&["2.其他"], &[]),
        ];
        let out = merge_cells(views, &|_| Some(3));
        assert_eq!(
            out[0].vals,
            vec![Val::Tok("1".into()), Val::Blank, Val::Tok("2".into())]
        );
        // The empty line after the row separates it from the next.
        assert_eq!(out[1].labels, Vec::<String>::new());
        assert_eq!(out[2].labels, vec!["2.其他".to_string()]);
    }
}

pub(super) fn printed(vals: &[Val]) -> String {
    vals.iter()
        .map(|v| match v {
            Val::Blank => "□".to_string(),
            Val::Tok(t) => t.clone(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn join_u64(v: &[u64]) -> String {
    v.iter().map(u64::to_string).collect::<Vec<_>>().join(" ")
}

/// Why a row printed with too few numbers could not be read.
pub(super) fn short_row(toks: &[String], n: usize, r: &Result<Vec<Vec<u64>>, TooMany>) -> String {
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

pub(super) fn alternatives(r: &[Vec<u64>]) -> String {
    r.iter()
        .take(2)
        .map(|x| join_u64(x))
        .collect::<Vec<_>>()
        .join("；")
}
