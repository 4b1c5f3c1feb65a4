//! Geometry shared by the three tables: text width and wrapping, which number columns are
//! visible at a width (derived from the focus only), and a canvas that maps table lines to
//! screen rows with clipping.

use super::Mark;
use crate::text::wrap::Breaks;
use crate::tui::theme::{Theme, ERROR_MARK, WARNING_MARK};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use unicode_width::UnicodeWidthChar;
use unicode_width::UnicodeWidthStr;

/// Columns a number cell uses besides its content: one for the mark symbol (✗ / !) on the
/// left, one on the right where the terminal cursor sits while the cell is edited.
pub const CELL_EXTRA: u16 = 2;

/// Display width of a string in terminal columns.
pub fn width(s: &str) -> u16 {
    u16::try_from(s.width()).unwrap_or(u16::MAX)
}

/// Wraps `text` into lines of at most `w` columns, breaking between any two characters
/// (labels have no spaces to break at). Always at least one line.
pub fn wrap(text: &str, w: u16) -> Vec<String> {
    crate::text::wrap::wrap_with(text, usize::from(w.max(2)), 0, 0, Breaks::ANYWHERE)
}

/// Wraps `text` into at most `max_lines` lines of `w` columns; when it does not fit, the last
/// line ends with `…`.
pub fn wrap_clip(text: &str, w: u16, max_lines: usize) -> Vec<String> {
    let mut lines = wrap(text, w);
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            *last = truncate(last, w.saturating_sub(1));
            last.push('…');
        }
    }
    lines
}

/// The longest prefix of `s` at most `w` columns wide.
pub fn truncate(s: &str, w: u16) -> String {
    crate::text::width::prefix(s, usize::from(w))
}

/// The content width of a column headed by a (Chinese) label, written as the printed tables
/// do: up to three characters on one line (`自然人` → 6), four as 2 + 2 (`商业企业` → 4:
/// 商业 / 企业), more as four and the rest (`社会公益组织` → 8: 社会公益 / 组织).
pub fn two_line_width(label: &str) -> u16 {
    let n = label.chars().count() as u16;
    match n {
        0..=2 => 4,
        3 => 6,
        4 => 4,
        _ => 8,
    }
}

/// Which number columns are drawn: `(start, end)` (end exclusive), given the full widths of
/// the columns (content + [`CELL_EXTRA`]), the columns available and the focused column.
///
/// All columns when they fit. Otherwise the first columns that fit, or, when the focused
/// column would be off to the right, the last ones up to and including the focused column.
/// Derived from the focus alone: no scroll state is kept anywhere. A column is drawn only
/// whole, except the focused one when even it alone is wider than the space.
pub fn visible_columns(widths: &[u16], avail: u16, focus: Option<usize>) -> (usize, usize) {
    let n = widths.len();
    if n == 0 {
        return (0, 0);
    }
    let focus = focus.filter(|&f| f < n);
    let mut start = 0;
    if let Some(f) = focus {
        // The leftmost start that still shows the focused column whole.
        while start < f && sum(&widths[start..=f]) > u32::from(avail) {
            start += 1;
        }
    }
    let mut end = start;
    let mut used = 0u32;
    while end < n && used + u32::from(widths[end]) <= u32::from(avail) {
        used += u32::from(widths[end]);
        end += 1;
    }
    if end == start {
        // Not even one column fits: show the first (clipped) so the focus stays visible.
        end = start + 1;
    }
    (start, end)
}

fn sum(w: &[u16]) -> u32 {
    w.iter().map(|&x| u32::from(x)).sum()
}

/// Where a table's lines go on the screen: `pinned` lines at the top stay put (the header),
/// the lines after them are shifted up by `skip`. Everything outside `area` is clipped.
pub struct Canvas<'b> {
    /// The buffer drawn into.
    pub buf: &'b mut Buffer,
    /// The area the table may use.
    pub area: Rect,
    /// Lines at the top that never scroll.
    pub pinned: u16,
    /// How many lines after the pinned ones are scrolled off the top.
    pub skip: u16,
}

impl Canvas<'_> {
    /// The screen row of a table line, if it is visible.
    pub fn row(&self, line: u16) -> Option<u16> {
        let r = if line < self.pinned {
            line
        } else {
            let r = line.checked_sub(self.skip)?;
            if r < self.pinned {
                return None;
            }
            r
        };
        (r < self.area.height).then(|| self.area.y + r)
    }

    /// Writes `text` at column `x` (relative to the area) of table line `line`, at most `w`
    /// columns wide. Returns nothing; clipped silently.
    pub fn put(&mut self, x: u16, line: u16, text: &str, style: Style, w: u16) {
        let Some(y) = self.row(line) else { return };
        if x >= self.area.width {
            return;
        }
        let w = w.min(self.area.width - x);
        self.buf
            .set_stringn(self.area.x + x, y, text, usize::from(w), style);
    }

    /// Text right-aligned in the `w` columns starting at `x`.
    pub fn put_right(&mut self, x: u16, line: u16, text: &str, style: Style, w: u16) {
        let tw = width(text);
        if tw >= w {
            self.put(x, line, text, style, w);
        } else {
            self.put(x + (w - tw), line, text, style, tw);
        }
    }

    /// Text centred in the `w` columns starting at `x` (cut with `…` when wider).
    pub fn put_center(&mut self, x: u16, line: u16, text: &str, style: Style, w: u16) {
        let tw = width(text);
        if tw > w {
            let t = crate::text::width::fit(text, usize::from(w));
            self.put(x, line, &t, style, w);
        } else {
            self.put(x + (w - tw) / 2, line, text, style, tw);
        }
    }

    /// Applies `style` over `w` columns starting at `x`.
    pub fn paint(&mut self, x: u16, line: u16, w: u16, style: Style) {
        let Some(y) = self.row(line) else { return };
        if x >= self.area.width {
            return;
        }
        let w = w.min(self.area.width - x);
        self.buf
            .set_style(Rect::new(self.area.x + x, y, w, 1), style);
    }

    /// The screen position of column `x` of table line `line`, if visible.
    pub fn pos(&self, x: u16, line: u16) -> Option<Position> {
        let y = self.row(line)?;
        (x < self.area.width).then(|| Position::new(self.area.x + x, y))
    }
}

/// One number cell to draw.
pub struct CellDraw<'t> {
    /// Left column of the cell (its mark slot), relative to the area.
    pub x: u16,
    /// Table line.
    pub line: u16,
    /// Content width (the number is right-aligned in it).
    pub w: u16,
    /// The text shown: the value, or the text being typed.
    pub text: &'t str,
    /// Computed (a total)?
    pub computed: bool,
    /// A finding's mark, if any.
    pub mark: Option<Mark>,
    /// Focused?
    pub focused: bool,
}

/// Draws a number cell: `[mark][   number][ ]`. Returns the cursor position (the column just
/// after the text) when the cell is focused and visible.
pub fn draw_cell(cv: &mut Canvas<'_>, theme: &Theme, c: &CellDraw<'_>) -> Option<Position> {
    let mut style = if c.computed {
        theme.computed()
    } else {
        Style::new()
    };
    if c.focused {
        cv.paint(c.x, c.line, c.w + CELL_EXTRA, theme.focus());
    }
    // Keep the right end of long text (the digits just typed) when it is wider than the cell.
    let text = keep_right(c.text, c.w);
    if let Some(m) = c.mark {
        let (ms, sym) = match m {
            Mark::Error => (theme.error(), ERROR_MARK),
            Mark::Warning => (theme.warning(), WARNING_MARK),
        };
        style = style.patch(ms);
        // The symbol right before the number it marks, in the number's style.
        let mut ss = style;
        if c.focused {
            ss = ss.patch(theme.focus());
        }
        cv.put(c.x + c.w - width(&text), c.line, sym, ss, 1);
    }
    if c.focused {
        style = style.patch(theme.focus());
    }
    cv.put_right(c.x + 1, c.line, &text, style, c.w);
    if c.focused {
        cv.pos(c.x + 1 + c.w, c.line)
    } else {
        None
    }
}

/// The longest suffix of `s` at most `w` columns wide.
fn keep_right(s: &str, w: u16) -> std::borrow::Cow<'_, str> {
    if width(s) <= w {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut used = 0usize;
    let mut start = s.len();
    for (i, ch) in s.char_indices().rev() {
        let cw = ch.width().unwrap_or(0);
        if used + cw > usize::from(w) {
            break;
        }
        used += cw;
        start = i;
    }
    std::borrow::Cow::Owned(s[start..].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_columns_when_they_fit() {
        assert_eq!(visible_columns(&[6; 7], 42, None), (0, 7));
        assert_eq!(visible_columns(&[6; 7], 42, Some(6)), (0, 7));
    }

    #[test]
    fn focus_on_the_right_scrolls_just_enough() {
        // 20 columns hold three columns of 6; focus on the last of seven.
        assert_eq!(visible_columns(&[6; 7], 20, Some(6)), (4, 7));
        assert_eq!(visible_columns(&[6; 7], 20, Some(2)), (0, 3));
        assert_eq!(visible_columns(&[6; 7], 20, Some(3)), (1, 4));
        assert_eq!(visible_columns(&[6; 7], 20, None), (0, 3));
    }

    #[test]
    fn uneven_widths() {
        assert_eq!(visible_columns(&[4, 10, 4, 4], 12, Some(1)), (1, 2));
        assert_eq!(visible_columns(&[4, 10, 4, 4], 14, Some(3)), (2, 4));
    }

    #[test]
    fn too_narrow_still_shows_the_focus() {
        assert_eq!(visible_columns(&[6; 7], 3, Some(5)), (5, 6));
        assert_eq!(visible_columns(&[6; 7], 0, None), (0, 1));
        assert_eq!(visible_columns(&[], 10, Some(3)), (0, 0));
    }

    #[test]
    fn wrapping_by_display_width() {
        assert_eq!(wrap("商业企业", 4), ["商业", "企业"]);
        assert_eq!(wrap("自然人", 4), ["自然", "人"]);
        assert_eq!(wrap("", 4), [""]);
        assert_eq!(wrap("ab商", 3), ["ab", "商"]);
        assert_eq!(wrap_clip("一二三四五六", 4, 2), ["一二", "三…"]);
    }

    #[test]
    fn two_line_widths() {
        assert_eq!(two_line_width("商业企业"), 4);
        assert_eq!(two_line_width("社会公益组织"), 8);
        assert_eq!(two_line_width("总计"), 4);
        assert_eq!(two_line_width("自然人"), 6);
        assert_eq!(
            wrap("社会公益组织", two_line_width("社会公益组织")),
            ["社会公益", "组织"]
        );
    }

    #[test]
    fn keeps_the_digits_just_typed() {
        assert_eq!(keep_right("1234567", 4), "4567");
        assert_eq!(keep_right("12", 4), "12");
    }
}
