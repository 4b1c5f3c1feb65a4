//! The prose steps: parts (heading and body) and 信息处理费.

use super::fields::{caret, draw_field, mark_of};
use super::{fit, put, wrap};
use crate::model::schema::FEES_LABEL;
use crate::model::{CellRef, ProseSection};
use crate::text::{clean_line, clean_text};
use crate::tui::keys::keys_for;
use crate::tui::tables::Mark;
use crate::tui::theme::{ERROR_MARK, WARNING_MARK};
use crate::tui::wizard::keymap::{self, Action};
use crate::tui::wizard::state::{Field, Wizard};
use crate::tui::wizard::steps::Content;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::widgets::Widget;

/// The rows the parts get in a prose step's body (信息处理费 takes four below them, in a
/// format that has it).
pub(crate) fn parts_height(w: &Wizard, body: Rect) -> u16 {
    let fees = w.report.tables().fee_fields.len() as u16;
    match w.step.content() {
        Content::Prose { fees: true, .. } if fees > 0 => body.height - (fees + 1).min(body.height),
        _ => body.height,
    }
}

/// The part that has the focus (its heading or body).
pub(crate) fn focused_part(w: &Wizard) -> Option<usize> {
    match w.focus {
        Field::Heading(_, i) | Field::Body(_, i) => Some(i),
        _ => None,
    }
}

/// The first part shown and the height of the focused part's body, for `n` parts in `avail`
/// rows, scrolled from `prev` only as far as needed to keep the focused part on screen.
pub(crate) fn parts_window(
    n: usize,
    focused: Option<usize>,
    avail: u16,
    prev: usize,
) -> (usize, u16) {
    // Each part: a heading line, and a one-line preview of its body, or the editor.
    let others = |i: usize| if Some(i) == focused { 0 } else { 2u16 };
    let others_total: u16 = (0..n).map(others).sum();
    let body_h = avail
        .saturating_sub(others_total + 1)
        .max(avail.saturating_sub(1).min(6))
        .max(1);
    let height = |i: usize| {
        if Some(i) == focused {
            1 + body_h
        } else {
            2
        }
    };
    let mut start = prev.min(n.saturating_sub(1));
    if let Some(f) = focused {
        if f < start {
            start = f;
        }
        while start < f && (start..=f).map(height).sum::<u16>() > avail {
            start += 1;
        }
    }
    (start, body_h)
}

pub(super) fn draw_prose(w: &Wizard, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let t = &w.theme;
    let section = w.step.prose().unwrap_or(ProseSection::Overview);
    let parts = w.report.parts(section);
    let end = area.x + area.width;
    let avail = parts_height(w, area);
    let mut cur = None;
    // 信息处理费 below the parts (section 六).
    if avail < area.height {
        let fy = area.y + avail;
        put(buf, area.x + 1, fy, FEES_LABEL, t.header(), end);
        for (i, (_, label)) in w.report.tables().fee_fields.iter().enumerate() {
            let r = Rect::new(
                area.x + 3,
                fy + 1 + i as u16,
                area.width.saturating_sub(4),
                1,
            );
            if r.y < area.y + area.height {
                if let Some(p) = draw_field(w, Field::Fee(i), label, 18, r, buf) {
                    cur = Some(p);
                }
            }
        }
    }
    if parts.is_empty() {
        let style = if w.focus == Field::NoParts(section) {
            t.focus()
        } else {
            t.dim()
        };
        put(
            buf,
            area.x + 1,
            area.y,
            &format!(
                "还没有段落。按 {} 或 {} 新增一段。",
                keys_for(&[&keymap::LINE], Action::Enter),
                keys_for(&[&keymap::PARTS], Action::AddPart)
            ),
            style,
            end,
        );
        return cur;
    }
    let focused = focused_part(w);
    let (start, body_h) = parts_window(parts.len(), focused, avail, w.parts_scroll);
    let mut y = area.y;
    let bottom = area.y + avail;
    for (i, p) in parts.iter().enumerate().skip(start) {
        if y >= bottom {
            break;
        }
        let hr = Rect::new(area.x + 1, y, area.width.saturating_sub(2), 1);
        let label = format!("第{}段 小标题", i + 1);
        if let Some(c) = draw_field(w, Field::Heading(section, i), &label, 14, hr, buf) {
            cur = Some(c);
        }
        y += 1;
        if y >= bottom {
            break;
        }
        let body_focused = w.focus == Field::Body(section, i);
        let mark = mark_of(w, CellRef::Part { section, part: i });
        if Some(i) == focused {
            let h = body_h.min(bottom - y);
            let rect = Rect::new(area.x + 4, y, area.width.saturating_sub(5), h);
            let bar_style = if body_focused { t.header() } else { t.dim() };
            for yy in y..y + h {
                put(buf, area.x + 2, yy, "│", bar_style, end);
            }
            if body_focused {
                if let Some(ed) = w.editor() {
                    ed.render(rect, buf);
                    cur = Some(caret(ed, rect));
                }
            } else {
                let text = clean_text(&p.body).into_owned();
                let lines = wrap(&text, usize::from(rect.width));
                if p.body.is_empty() {
                    put(buf, rect.x, y, "（正文为空）", t.dim(), end);
                }
                for (j, l) in lines.iter().take(usize::from(h)).enumerate() {
                    put(buf, rect.x, y + j as u16, l, Style::new(), end);
                }
            }
            y += h;
        } else {
            let m = match mark {
                Some(Mark::Error) => (ERROR_MARK, t.error()),
                Some(Mark::Warning) => (WARNING_MARK, t.warning()),
                Some(Mark::Carried) | None => (" ", Style::new()),
            };
            put(buf, area.x + 2, y, m.0, m.1, end);
            let preview = if p.body.is_empty() {
                "（正文为空）".to_string()
            } else {
                format!(
                    "{}（{} 字）",
                    clean_line(&p.body.replace('\n', " ")),
                    p.body.chars().filter(|c| !c.is_whitespace()).count()
                )
            };
            let s = fit(&preview, usize::from(area.width.saturating_sub(5)));
            put(buf, area.x + 4, y, &s, t.dim(), end);
            y += 1;
        }
    }
    cur
}
