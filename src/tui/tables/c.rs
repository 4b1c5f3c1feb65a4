//! Table C (四、政府信息公开行政复议、行政诉讼情况): as printed, one row of 15 numbers under
//! 行政复议 | 行政诉讼 ▸ 未经复议直接起诉 | 复议后起诉 when the width allows; otherwise one row
//! per group under a single header of the five results.

use super::layout::CELL_EXTRA;
use super::layout::{two_line_width, visible_columns, width, wrap, Canvas};
use super::{b::digits, draw_number, draw_row, TableProps};
use crate::model::schema::{C_COLUMNS, C_GROUPS};
use crate::model::{Appeals, CellRef};
use ratatui::layout::Position;

/// From this width on, table C is one row of 15 numbers as printed (room for five digits a
/// number); below it, one row per group.
pub const WIDE_FROM: u16 = 105;
/// Header lines of the wide layout: 行政复议 | 行政诉讼, the two kinds of 诉讼, two lines of
/// column labels, a rule.
const WIDE_HEADER: u16 = 5;
/// Below this width the stacked layout writes the column labels on two lines.
const STACKED_ONE_LINE_FROM: u16 = 76;

const NCOLS: usize = C_COLUMNS.len();

/// Which layout at `width`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CLayout {
    /// One row of 15 numbers, as printed.
    Wide,
    /// One row per group; `two_line` column labels when narrow.
    Stacked {
        /// Column labels on two lines.
        two_line: bool,
    },
}

impl CLayout {
    /// The layout at `width` columns (never depends on the numbers).
    pub fn new(width: u16) -> CLayout {
        if width >= WIDE_FROM {
            CLayout::Wide
        } else {
            CLayout::Stacked {
                two_line: width < STACKED_ONE_LINE_FROM,
            }
        }
    }

    /// Lines of the header (kept in place when the body scrolls).
    pub fn header(self) -> u16 {
        match self {
            CLayout::Wide => WIDE_HEADER,
            CLayout::Stacked { two_line } => 2 + u16::from(two_line),
        }
    }

    /// Lines of the whole table.
    pub fn height(self) -> u16 {
        match self {
            CLayout::Wide => WIDE_HEADER + 1,
            CLayout::Stacked { .. } => self.header() + C_GROUPS.len() as u16,
        }
    }

    /// Table lines of a group's numbers.
    pub fn group_lines(self, group: usize) -> (u16, u16) {
        match self {
            CLayout::Wide => (WIDE_HEADER, WIDE_HEADER + 1),
            CLayout::Stacked { .. } => {
                let l = self.header() + group as u16;
                (l, l + 1)
            }
        }
    }
}

fn focus_of(props: &TableProps<'_>) -> Option<(usize, usize)> {
    match props.focus {
        Some(CellRef::C { group, col }) if group < C_GROUPS.len() && col < NCOLS => {
            Some((group, col))
        }
        _ => None,
    }
}

/// Content width needed by the numbers of column `col` of the given groups.
fn number_width(props: &TableProps<'_>, groups: &[usize], col: usize) -> u16 {
    let focus = focus_of(props);
    groups
        .iter()
        .map(|&g| {
            let n = digits(props.report.appeals.cells[g][col]);
            match (focus, props.edit) {
                (Some((fg, fc)), Some(e)) if fg == g && fc == col => {
                    n.max(width(&crate::text::clean_line(e)))
                }
                _ => n,
            }
        })
        .max()
        .unwrap_or(1)
}

/// Draws table C.
pub fn draw(props: &TableProps<'_>, cv: &mut Canvas<'_>) -> Option<Position> {
    match CLayout::new(cv.area.width) {
        CLayout::Wide => draw_wide(props, cv),
        CLayout::Stacked { two_line } => draw_stacked(props, cv, two_line),
    }
}

fn draw_wide(props: &TableProps<'_>, cv: &mut Canvas<'_>) -> Option<Position> {
    let theme = props.theme;
    let (head, dim) = (theme.header(), theme.dim());
    // 15 columns, flat index g * 5 + c; a one-column gap (│) before groups 1 and 2.
    let mut content = [0u16; 15];
    let mut full = [0u16; 15];
    for i in 0..15 {
        let (g, c) = (i / NCOLS, i % NCOLS);
        content[i] = two_line_width(C_COLUMNS[c].label).max(number_width(props, &[g], c));
        full[i] = content[i] + CELL_EXTRA + u16::from(c == 0 && g > 0);
    }
    let focus = focus_of(props).map(|(g, c)| g * NCOLS + c);
    let (start, end) = visible_columns(&full, cv.area.width, focus);
    let mut xs = [0u16; 15];
    let mut x = 0u16;
    for i in start..end {
        xs[i] = x;
        x = x.saturating_add(full[i]);
    }
    let x_end = x;
    // The cell of flat column i starts after its gap.
    let cell_x = |i: usize| xs[i] + u16::from(i.is_multiple_of(NCOLS) && i >= NCOLS);
    let span = |a: usize, b: usize| -> Option<(u16, u16)> {
        let a = a.max(start);
        let b = b.min(end);
        (a < b).then(|| (cell_x(a), xs[b - 1] + full[b - 1] - cell_x(a)))
    };
    if let Some((x, w)) = span(0, NCOLS) {
        cv.put_center(x, 0, C_GROUPS[0].label, head, w);
    }
    if let Some((x, w)) = span(NCOLS, 3 * NCOLS) {
        cv.put_center(x, 0, C_GROUPS[1].parent.unwrap_or(""), head, w);
    }
    for g in 1..C_GROUPS.len() {
        if let Some((x, w)) = span(g * NCOLS, (g + 1) * NCOLS) {
            cv.put_center(x, 1, C_GROUPS[g].label, head, w);
        }
    }
    cv.put(0, 4, &"─".repeat(usize::from(x_end)), dim, x_end);
    let mut cursor = None;
    for i in start..end {
        let (g, c) = (i / NCOLS, i % NCOLS);
        if c == 0 && g > 0 {
            for line in 0..=WIDE_HEADER {
                let sym = if line == 4 { "┼" } else { "│" };
                // 行政诉讼 spans both kinds of 诉讼: no bar through it.
                if !(g == 2 && line == 0) {
                    cv.put(xs[i], line, sym, dim, 1);
                }
            }
        }
        for (k, l) in wrap(C_COLUMNS[c].label, content[i])
            .iter()
            .enumerate()
            .take(2)
        {
            cv.put_center(cell_x(i) + 1, 2 + k as u16, l, head, content[i]);
        }
        let pos = draw_number(
            cv,
            props,
            CellRef::C { group: g, col: c },
            (cell_x(i), WIDE_HEADER, content[i]),
            Appeals::is_computed(c),
            focus == Some(i),
        );
        cursor = cursor.or(pos);
    }
    if start > 0 {
        cv.put(0, 4, "◂", dim, 1);
    }
    if end < 15 {
        cv.put(x_end.min(cv.area.width.saturating_sub(1)), 4, "▸", dim, 1);
    }
    cursor
}

fn draw_stacked(props: &TableProps<'_>, cv: &mut Canvas<'_>, two_line: bool) -> Option<Position> {
    let theme = props.theme;
    let (head, dim, label) = (theme.header(), theme.dim(), theme.label());
    let parent_w = C_GROUPS
        .iter()
        .filter_map(|g| g.parent)
        .map(width)
        .max()
        .unwrap_or(0);
    let sub_x = parent_w + 1;
    let label_w = C_GROUPS
        .iter()
        .map(|g| match g.parent {
            Some(_) => sub_x + width(g.label),
            None => width(g.label),
        })
        .max()
        .unwrap_or(0)
        + 1;
    let groups: Vec<usize> = (0..C_GROUPS.len()).collect();
    let mut content = [0u16; NCOLS];
    let mut full = [0u16; NCOLS];
    for c in 0..NCOLS {
        let lw = if two_line {
            two_line_width(C_COLUMNS[c].label)
        } else {
            width(C_COLUMNS[c].label)
        };
        content[c] = lw.max(number_width(props, &groups, c));
        full[c] = content[c] + CELL_EXTRA;
    }
    let focus = focus_of(props);
    // Too narrow for the labels and the focused number: the labels give way.
    let label_w = label_w.min(cv.area.width.saturating_sub(full[focus.map_or(0, |f| f.1)]));
    let lim = |x: u16, w: u16| w.min(label_w.saturating_sub(x + 1));
    let avail = cv.area.width.saturating_sub(label_w);
    let (start, end) = visible_columns(&full, avail, focus.map(|f| f.1));
    let mut xs = [0u16; NCOLS];
    let mut x = label_w;
    for c in start..end {
        xs[c] = x;
        x = x.saturating_add(full[c]);
    }
    let x_end = x;
    let header = CLayout::Stacked { two_line }.header();
    for c in start..end {
        let lines = if two_line {
            wrap(C_COLUMNS[c].label, content[c])
        } else {
            vec![C_COLUMNS[c].label.to_string()]
        };
        for (k, l) in lines.iter().enumerate().take(2) {
            cv.put_center(xs[c] + 1, k as u16, l, head, content[c]);
        }
    }
    cv.put(0, header - 1, &"─".repeat(usize::from(x_end)), dim, x_end);
    if start > 0 {
        cv.put(label_w, header - 1, "◂", dim, 1);
    }
    if end < NCOLS {
        let x = x_end.min(cv.area.width.saturating_sub(1));
        cv.put(x, header - 1, "▸", dim, 1);
    }
    let mut cursor = None;
    let mut parent_drawn = None;
    for (g, group) in C_GROUPS.iter().enumerate() {
        let line = header + g as u16;
        match group.parent {
            Some(p) => {
                if parent_drawn != Some(p) {
                    cv.put(0, line, p, label, lim(0, parent_w));
                    parent_drawn = Some(p);
                }
                cv.put(sub_x, line, group.label, label, lim(sub_x, u16::MAX));
            }
            None => cv.put(0, line, group.label, label, lim(0, u16::MAX)),
        }
        let focus = focus.filter(|&(f, _)| f == g).map(|(_, c)| c);
        let pos = draw_row(cv, props, (line, &xs, &content), start..end, focus, |c| {
            (CellRef::C { group: g, col: c }, Appeals::is_computed(c))
        });
        cursor = cursor.or(pos);
    }
    cursor
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_by_width() {
        assert_eq!(CLayout::new(120), CLayout::Wide);
        assert_eq!(CLayout::new(80), CLayout::Stacked { two_line: false });
        assert_eq!(CLayout::new(60), CLayout::Stacked { two_line: true });
        assert_eq!(CLayout::new(120).height(), 6);
        assert_eq!(CLayout::new(80).height(), 5);
    }
}
