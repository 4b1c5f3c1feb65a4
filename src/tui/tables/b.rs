//! Table B (三、收到和处理政府信息公开申请情况) as published: the 申请人情况 header block with
//! the 勾稽关系 corner, the nested row labels (三、本年度办理结果 written down the side,
//! （三）…（六） spanning their rows), seven right-aligned number columns. The rows are the
//! report's format's ([`Tables::b_rows`]): in the 2019 format （六）其他处理 is one row, drawn
//! like （一）予以公开 (its label across both label columns, as published).

use super::layout::{
    two_line_width, visible_columns, width, wrap, wrap_clip, wrap_label, Canvas, CELL_EXTRA,
};
use super::{draw_row, TableProps};
use crate::model::schema::{
    BRow, Tables, B_APPLICANT_HEADER, B_COLUMNS, B_CORNER, B_LEGAL_ENTITY_GROUP, G_OUTCOME,
};
use crate::model::{CellRef, Requests};
use ratatui::layout::Position;

/// From this width on, table B uses the full official labels (wrapped over more lines where
/// needed); below it, the short labels, one line per row.
pub const FULL_LABELS_FROM: u16 = 120;

/// Lines of the header block: 申请人情况, 法人或其他组织, two lines of column labels, a rule.
pub const HEADER_LINES: u16 = 5;

/// Width of the column with 三、本年度办理结果 written downwards.
const G0_W: u16 = 2;
/// Digits budgeted per number column when sharing the width with full labels (more digits
/// make the numbers scroll sideways instead of changing the height).
const BUDGET_DIGITS: u16 = 6;
/// The label column gives way to wide numbers down to this width.
const MIN_LABEL_W: u16 = 16;
/// Column of first (number-less) label of the 1-level rows （一）（二）（七）.
const G1_X: u16 = G0_W + 1;

/// The width-dependent (data-independent) layout of table B in a version of the format.
pub struct BLayout {
    /// The version's tables (rows, storage rows, heading rows).
    tables: &'static Tables,
    /// Full official labels (else short).
    pub full: bool,
    /// Columns before the numbers (labels and one space).
    pub label_w: u16,
    /// Width of the （三）不予公开 … column.
    w1: u16,
    /// Width of the item labels under a （三）…（六） group.
    w2: u16,
    /// First line of each printed row (index into [`Tables::b_rows`]), relative to the body.
    pub row_top: Vec<u16>,
    /// Lines of each row's label.
    labels: Vec<Vec<String>>,
    /// Lines of the body.
    pub body_h: u16,
}

fn label_of(row: &BRow, full: bool) -> &'static str {
    if full {
        row.label
    } else {
        row.short
    }
}

fn col_label(col: usize, full: bool) -> &'static str {
    if full {
        B_COLUMNS[col].label
    } else {
        B_COLUMNS[col].short
    }
}

impl BLayout {
    /// The layout at `width` columns of the rows of `tables`.
    pub fn new(width_cols: u16, tables: &'static Tables) -> BLayout {
        let full = width_cols >= FULL_LABELS_FROM;
        let rows = tables.b_rows;
        let w1 = tables.b_groups[1..]
            .iter()
            .map(|g| two_line_width(if full { g.label } else { g.short }))
            .max()
            .unwrap_or(8);
        let item_x = G1_X + w1 + 1;
        let natural = |full: bool| {
            rows.iter()
                .map(|r| {
                    let x = match r.groups.len() {
                        0 => 0,
                        1 => G1_X,
                        _ => item_x,
                    };
                    x + width(label_of(r, full))
                })
                .max()
                .unwrap_or(0)
                + 1
        };
        let short_w = natural(false);
        let label_w = if full {
            let budget: u16 = (0..B_COLUMNS.len())
                .map(|c| two_line_width(B_COLUMNS[c].label).max(BUDGET_DIGITS) + CELL_EXTRA)
                .sum();
            width_cols
                .saturating_sub(budget)
                .clamp(short_w, natural(true))
        } else {
            short_w
        };
        let w2 = label_w.saturating_sub(item_x + 1);
        let mut row_top = Vec::with_capacity(rows.len());
        let mut labels = Vec::with_capacity(rows.len());
        let mut top = 0u16;
        for r in rows {
            let w = match r.groups.len() {
                0 => label_w - 1,
                1 => label_w - 1 - G1_X,
                _ => w2,
            };
            let lines = if full {
                wrap_label(label_of(r, true), w)
            } else {
                vec![label_of(r, false).to_string()]
            };
            row_top.push(top);
            top += lines.len() as u16;
            labels.push(lines);
        }
        BLayout {
            tables,
            full,
            label_w,
            w1,
            w2,
            row_top,
            labels,
            body_h: top,
        }
    }

    /// Lines of the whole table.
    pub fn height(&self) -> u16 {
        HEADER_LINES + self.body_h
    }

    /// Body lines (first, end exclusive) of the rows under heading `group`.
    fn group_span(&self, group: usize) -> Option<(u16, u16)> {
        let rows = self.tables.b_rows;
        let first = rows.iter().position(|r| r.groups.contains(&group))?;
        let last = rows.iter().rposition(|r| r.groups.contains(&group))?;
        Some((
            self.row_top[first],
            self.row_top[last] + self.labels[last].len() as u16,
        ))
    }

    /// Table lines (first, end exclusive) of the row stored at `slot` (`CellRef::B`'s
    /// `row`); `None` when the format has no row there.
    pub fn row_lines(&self, slot: usize) -> Option<(u16, u16)> {
        let i = self.tables.b_slots.iter().position(|s| *s == slot)?;
        let top = HEADER_LINES + self.row_top[i];
        Some((top, top + self.labels[i].len() as u16))
    }
}

/// The most digits a number column is given room for in advance (see [`slots`]).
const MAX_SLOT: u16 = 7;

/// The widths the number columns have whatever their numbers, so that a number growing
/// while it is typed (and the total growing with it) does not move the columns after it
/// nor the header above (issue 17: every move rewrites the rows). The room the labels
/// leave at this width (less one column at the right edge) goes first to the total (the last
/// column, the largest number of its row), then to the columns from the left (自然人 first),
/// each up to [`MAX_SLOT`] digits. Wider numbers widen their columns as before.
fn slots(lay: &BLayout, width_cols: u16) -> [u16; 7] {
    let mut w = [0u16; 7];
    for (c, wc) in w.iter_mut().enumerate() {
        *wc = two_line_width(col_label(c, lay.full));
    }
    let used: u16 = w.iter().map(|x| x + CELL_EXTRA).sum();
    // One column is left free at the right edge.
    let mut room = width_cols
        .saturating_sub(lay.label_w)
        .saturating_sub(used)
        .saturating_sub(1);
    let total = w.len() - 1;
    for c in std::iter::once(total).chain(0..total) {
        let more = MAX_SLOT.saturating_sub(w[c]).min(room);
        w[c] += more;
        room -= more;
    }
    w
}

/// Content widths of the seven number columns for this report (and the text being typed).
pub fn column_widths(props: &TableProps<'_>, full: bool) -> [u16; 7] {
    let t: &Requests = &props.report.requests;
    let slots = props.report.tables().b_slots;
    let mut w = [0u16; 7];
    for (c, wc) in w.iter_mut().enumerate() {
        let digits = slots
            .iter()
            .map(|&r| digits(t.get(r, c)))
            .max()
            .unwrap_or(1);
        *wc = two_line_width(col_label(c, full)).max(digits);
    }
    if let (Some(CellRef::B { col, .. }), Some(edit)) = (props.focus, props.edit) {
        if col < 7 {
            w[col] = w[col].max(width(&crate::text::clean_line(edit)));
        }
    }
    w
}

/// Number of decimal digits of `v`.
pub fn digits(v: u64) -> u16 {
    let mut n = 1;
    let mut v = v / 10;
    while v > 0 {
        n += 1;
        v /= 10;
    }
    n
}

/// Draws table B.
pub fn draw(props: &TableProps<'_>, cv: &mut Canvas<'_>) -> Option<Position> {
    let tables = props.report.tables();
    let lay = BLayout::new(cv.area.width, tables);
    let theme = props.theme;
    let focus = match props.focus {
        Some(CellRef::B { row, col }) if tables.b_row_at(row).is_some() && col < 7 => {
            Some((row, col))
        }
        _ => None,
    };
    let slots = slots(&lay, cv.area.width);
    let mut widths = column_widths(props, lay.full);
    for (w, s) in widths.iter_mut().zip(slots) {
        *w = (*w).max(s);
    }
    let full_w: Vec<u16> = widths.iter().map(|w| w + CELL_EXTRA).collect();
    // Wide values widen their columns; the label column gives way first (its labels cut off
    // on the right, down to MIN_LABEL_W) when that lets all seven columns fit; on a screen too
    // narrow even for that, the labels give way only as far as the focused number needs.
    let all: u16 = full_w.iter().sum();
    let need = full_w[focus.map_or(0, |f| f.1)];
    let room = cv.area.width.saturating_sub(all);
    let lw = if room >= MIN_LABEL_W {
        lay.label_w.min(room)
    } else {
        // All seven do not fit anyway: full labels, the columns scroll sideways.
        lay.label_w
    }
    .min(cv.area.width.saturating_sub(need));
    let lim = |x: u16, w: u16| w.min(lw.saturating_sub(x + 1));
    let avail = cv.area.width.saturating_sub(lw);
    let (start, end) = visible_columns(&full_w, avail, focus.map(|f| f.1));
    let mut xs = [0u16; 7];
    let mut x = lw;
    for c in start..end {
        xs[c] = x;
        x = x.saturating_add(full_w[c]);
    }
    let x_end = x;
    let failing = b3_failing(props);

    // Header block.
    let dim = theme.dim();
    let head = theme.header();
    for (i, l) in wrap_clip(B_CORNER, lw.saturating_sub(1), 4)
        .iter()
        .enumerate()
    {
        cv.put(0, i as u16, l, dim, lim(0, lw));
    }
    cv.put_center(lw, 0, B_APPLICANT_HEADER, head, x_end - lw);
    let legal: Vec<usize> = (start..end).filter(|c| (1..=5).contains(c)).collect();
    if let (Some(&a), Some(&b)) = (legal.first(), legal.last()) {
        cv.put_center(
            xs[a] + 1,
            1,
            B_LEGAL_ENTITY_GROUP,
            head,
            xs[b] + full_w[b] - xs[a] - 1,
        );
    }
    for c in start..end {
        // Wrapped at the label's own width (the column may be wider, see `slots`), centred.
        let label = col_label(c, lay.full);
        for (i, l) in wrap(label, two_line_width(label).min(widths[c]))
            .iter()
            .enumerate()
            .take(2)
        {
            cv.put_center(xs[c] + 1, 2 + i as u16, l, head, widths[c]);
        }
        if failing[c] {
            cv.put(xs[c], 2, crate::tui::theme::ERROR_MARK, theme.error(), 1);
        }
    }
    cv.put(0, 4, &"─".repeat(usize::from(x_end)), dim, x_end);
    if start > 0 {
        cv.put(lw, 4, "◂", dim, 1);
    }
    if end < 7 {
        cv.put(x_end.min(cv.area.width.saturating_sub(1)), 4, "▸", dim, 1);
    }

    // Row labels.
    let label = theme.label();
    let body = HEADER_LINES;
    if let Some((a, b)) = lay.group_span(G_OUTCOME) {
        if lw > G0_W {
            vertical(
                cv,
                0,
                body + a,
                b - a,
                tables.b_groups[G_OUTCOME].label,
                label,
            );
        }
    }
    for (g, group) in tables.b_groups.iter().enumerate().skip(1) {
        if let Some((a, b)) = lay.group_span(g) {
            let text = if lay.full { group.label } else { group.short };
            let lines = wrap_label(text, lay.w1);
            let top = a + (b - a).saturating_sub(lines.len() as u16) / 2;
            for (i, l) in lines.iter().enumerate() {
                cv.put(G1_X, body + top + i as u16, l, label, lim(G1_X, lay.w1));
            }
        }
    }
    let mut cursor = None;
    for (i, (brow, &r)) in tables.b_rows.iter().zip(tables.b_slots).enumerate() {
        let (x, w) = match brow.groups.len() {
            0 => (0, lay.label_w - 1),
            1 => (G1_X, lay.label_w - 1 - G1_X),
            _ => (G1_X + lay.w1 + 1, lay.w2),
        };
        let line = body + lay.row_top[i];
        for (j, l) in lay.labels[i].iter().enumerate() {
            cv.put(x, line + j as u16, l, label, lim(x, w));
        }
        let focus = focus.filter(|&(f, _)| f == r).map(|(_, c)| c);
        let pos = draw_row(cv, props, (line, &xs, &widths), start..end, focus, |c| {
            (CellRef::B { row: r, col: c }, Requests::is_computed(r, c))
        });
        cursor = cursor.or(pos);
    }
    cursor
}

/// Which columns fail B3 (一+二 ≠ （七）总计+四), as the rules compute it.
fn b3_failing(props: &TableProps<'_>) -> [bool; 7] {
    let mut out = [false; 7];
    for f in crate::rules::b3_balance(props.report) {
        for c in &f.cells {
            if let CellRef::B { col, .. } = c {
                if *col < 7 {
                    out[*col] = true;
                }
            }
        }
    }
    out
}

/// Writes `text` downwards, one character per line, centred in `span` lines (spaced out
/// with a blank line between characters when there is room, as the printed table does).
fn vertical(
    cv: &mut Canvas<'_>,
    x: u16,
    top: u16,
    span: u16,
    text: &str,
    style: ratatui::style::Style,
) {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len() as u16;
    let step = if 2 * n > span + 1 { 1 } else { 2 };
    let used = (n.saturating_sub(1)) * step + 1;
    let first = top + span.saturating_sub(used) / 2;
    let mut s = [0u8; 4];
    for (i, ch) in chars.iter().enumerate() {
        let line = first + i as u16 * step;
        if line >= top + span {
            break;
        }
        cv.put(x, line, ch.encode_utf8(&mut s), style, G0_W);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::schema::{R_CARRIED_FORWARD, R_OTHER_2019_SLOT, TABLES_2019, TABLES_2021};

    #[test]
    fn short_labels_at_80() {
        let l = BLayout::new(80, &TABLES_2021);
        assert!(!l.full);
        assert_eq!(l.body_h, 25);
        // The label column leaves room for seven columns of four digits.
        assert!(l.label_w + 7 * (4 + CELL_EXTRA) <= 80, "{}", l.label_w);
    }

    #[test]
    fn full_labels_wrap_at_120() {
        let l = BLayout::new(120, &TABLES_2021);
        assert!(l.full);
        assert!(l.body_h > 25);
        assert!(l.labels.iter().flatten().all(|s| width(s) <= l.label_w));
        // Wider screens need fewer lines.
        assert!(BLayout::new(200, &TABLES_2021).body_h <= l.body_h);
    }

    #[test]
    fn the_2019_table_has_one_row_for_other_processing() {
        let l = BLayout::new(80, &TABLES_2019);
        assert_eq!(l.body_h, 23);
        // （六）其他处理 is stored in the slot of 2021's 3.其他; the 2021 rows 1 and 2 are not
        // drawn.
        let six = l.row_lines(R_OTHER_2019_SLOT).unwrap();
        assert_eq!(six, (HEADER_LINES + 20, HEADER_LINES + 21));
        assert_eq!(l.row_lines(20), None);
        assert_eq!(l.row_lines(21), None);
        assert_eq!(
            l.row_lines(R_CARRIED_FORWARD),
            Some((HEADER_LINES + 22, HEADER_LINES + 23))
        );
        // Nothing is under the heading （六） any more.
        assert_eq!(TABLES_2019.b_groups.len(), 4);
        assert!(
            BLayout::new(120, &TABLES_2019).height() < BLayout::new(120, &TABLES_2021).height()
        );
    }

    #[test]
    fn digits_of_numbers() {
        assert_eq!(digits(0), 1);
        assert_eq!(digits(9), 1);
        assert_eq!(digits(10), 2);
        assert_eq!(digits(999_999_999), 9);
    }
}
