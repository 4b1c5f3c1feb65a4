//! `view(&state, frame)`: draws the wizard, a pure function of the state (scroll positions
//! are kept by `update`; the view only reads them). Split by part of the screen: `bars`
//! (header, step bar, status line, help bar), `fields` (labelled fields, step 1),
//! `prose`, `table`, `review` (step 8, with the report preview) and `dialogs`.

mod bars;
mod dialogs;
mod fields;
pub(crate) mod prose;
pub(crate) mod review;
mod table;

use super::keymap::{self, Action};
use super::state::Wizard;
use super::steps::Content;
use crate::tui::keys::keys_for;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::Frame;

/// Draws the whole wizard into the frame and places the terminal cursor at the caret.
pub fn view(w: &Wizard, frame: &mut Frame) {
    let area = frame.area();
    let cursor = draw(w, area, frame.buffer_mut());
    if let Some(p) = cursor {
        frame.set_cursor_position(p);
    }
}

/// The body of the screen (between the step bar and the status line) for a terminal area.
pub(crate) fn body_area(area: Rect) -> Rect {
    Rect::new(
        area.x,
        area.y + 2,
        area.width,
        area.height.saturating_sub(4),
    )
}

/// The smallest terminal the wizard draws in.
pub const MIN_SIZE: (u16, u16) = (60, 16);

/// Draws into a buffer; returns where the terminal cursor belongs.
pub fn draw(w: &Wizard, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let t = &w.theme;
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        too_small(area, buf, t);
        return None;
    }
    let header = Rect::new(area.x, area.y, area.width, 1);
    let steps = Rect::new(area.x, area.y + 1, area.width, 1);
    let body = body_area(area);
    let status = Rect::new(area.x, area.y + area.height - 2, area.width, 1);
    let help = Rect::new(area.x, area.y + area.height - 1, area.width, 1);
    bars::draw_header(w, header, buf);
    bars::draw_steps(w, steps, buf);
    let cursor = match w.step.content() {
        Content::Basic => fields::draw_basic(w, body, buf),
        Content::Prose { .. } => prose::draw_prose(w, body, buf),
        Content::Table(_) => table::draw_table_step(w, body, buf),
        Content::Review => {
            review::draw_review(w, body, buf);
            None
        }
    };
    bars::draw_status(w, status, buf);
    bars::draw_help_bar(w, help, buf);
    match &w.dialog {
        Some(d) => {
            dialogs::draw_dialog(w, d, area, buf);
            None
        }
        None => cursor,
    }
}

pub(crate) fn put(buf: &mut Buffer, x: u16, y: u16, s: &str, style: Style, max_x: u16) -> u16 {
    if x >= max_x {
        return x;
    }
    let (nx, _) = buf.set_stringn(x, y, s, usize::from(max_x - x), style);
    nx
}

/// Cuts `s` to at most `width` display columns, ending with `…` when cut.
pub fn fit(s: &str, width: usize) -> String {
    crate::text::width::fit(s, width)
}

/// Wraps text to `width` display columns, paragraph by paragraph, with the viewer's Chinese
/// line breaking (CJK two columns, numbers kept whole, no line starting with `，` or `。`), so
/// that step 8 reads exactly like `nianbao view`.
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    let width = width.max(2);
    let mut lines = Vec::new();
    for para in s.split('\n') {
        // An empty paragraph gives one empty line.
        lines.extend(crate::text::wrap::wrap(para, width, 0, 0));
    }
    lines
}

fn too_small(area: Rect, buf: &mut Buffer, t: &Theme) {
    let msg = format!(
        "终端窗口太小（现在 {}×{}），向导至少需要 {}×{}。请把窗口放大；{} 退出。",
        area.width,
        area.height,
        MIN_SIZE.0,
        MIN_SIZE.1,
        keys_for(&[&keymap::GLOBAL], Action::Quit)
    );
    let lines = wrap(&msg, usize::from(area.width.max(4)) - 2);
    let top = area.y + area.height.saturating_sub(lines.len() as u16) / 2;
    for (i, l) in lines.iter().enumerate() {
        let y = top + i as u16;
        if y >= area.y + area.height {
            break;
        }
        put(buf, area.x + 1, y, l, t.error(), area.x + area.width);
    }
}
