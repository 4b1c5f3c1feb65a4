//! Choosing the columns that fit a screen: the most important first, shown in their order.

use super::Column;

/// Columns chosen for a width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fitted {
    /// The columns shown, in display order.
    pub shown: Vec<Column>,
    /// Their widths in display columns (the same order).
    pub widths: Vec<usize>,
    /// The columns left out, in display order.
    pub left_out: Vec<Column>,
}

/// Space between two columns.
pub const GAP: usize = 2;
/// The agency column is never narrower than this (or its widest name, if narrower).
pub const AGENCY_MIN: usize = 20;
/// Nor wider than this.
pub const AGENCY_MAX: usize = 40;

/// Chooses which of `columns` fit in `width` display columns. `natural` gives each column's
/// natural width (the widest of its header and values). The agency column is always shown,
/// at least [`AGENCY_MIN`] wide (names are cut with `…`); the other columns are taken in
/// order of priority while they fit, and the width left over widens the agency column.
pub fn fit_columns(width: usize, columns: &[Column], natural: impl Fn(Column) -> usize) -> Fitted {
    let agency_natural = natural(Column::Agency).min(AGENCY_MAX);
    let agency_min = agency_natural.min(AGENCY_MIN);
    let mut by_priority: Vec<Column> = columns
        .iter()
        .copied()
        .filter(|c| *c != Column::Agency)
        .collect();
    by_priority.sort_by_key(|c| c.def().priority);
    let mut used = agency_min;
    let mut chosen = Vec::new();
    for c in by_priority {
        let w = natural(c) + GAP;
        if used + w <= width {
            used += w;
            chosen.push(c);
        }
    }
    let agency = (agency_min + width.saturating_sub(used)).min(agency_natural);
    let mut shown = Vec::new();
    let mut widths = Vec::new();
    let mut left_out = Vec::new();
    for &c in columns {
        if c == Column::Agency {
            shown.push(c);
            widths.push(agency);
        } else if chosen.contains(&c) {
            shown.push(c);
            widths.push(natural(c));
        } else {
            left_out.push(c);
        }
    }
    Fitted {
        shown,
        widths,
        left_out,
    }
}

/// Cuts text to `width` display columns (CJK characters count two), ending with `…` when
/// cut ([`crate::text::width::fit`]).
pub fn cut(text: &str, width: usize) -> String {
    crate::text::width::fit(text, width)
}

/// Pads text to `width` display columns, right-aligned (numbers) or left-aligned.
pub fn pad(text: &str, width: usize, right: bool) -> String {
    use unicode_width::UnicodeWidthStr;
    let fill = " ".repeat(width.saturating_sub(text.width()));
    if right {
        format!("{fill}{text}")
    } else {
        format!("{text}{fill}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_and_pad_count_cjk_as_two() {
        assert_eq!(cut("淮安市洪泽区人民政府", 9), "淮安市洪…");
        assert_eq!(cut("洪泽", 4), "洪泽");
        assert_eq!(pad("62.1%", 7, true), "  62.1%");
        assert_eq!(pad("洪泽", 6, false), "洪泽  ");
    }
}
