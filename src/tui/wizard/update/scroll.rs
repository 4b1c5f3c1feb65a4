//! The scroll positions the view shows, kept here (the view is a pure function of the state):
//! computed after every update from the known terminal size, with the view's own layout
//! functions.

use super::Effect;
use crate::tui::wizard::state::{Field, Wizard};
use crate::tui::wizard::steps::Content;
use crate::tui::wizard::view::{body_area, dialogs, prose, review};
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;

impl Wizard {
    /// The body of the screen at the known terminal size.
    fn body(&self) -> Rect {
        body_area(Rect::new(0, 0, self.size.0, self.size.1))
    }

    /// Keeps the focus visible: the first part shown in a prose step, the first entry of
    /// step 8's list, and the preview's scroll within its range.
    pub(crate) fn settle_scroll(&mut self) {
        let body = self.body();
        match self.step.content() {
            Content::Prose { section, .. } => {
                // Last year's text beside the parts takes part of the body (issue 14).
                let area = self.prose_split(body).map_or(body, |s| s.parts);
                let avail = prose::parts_height(self, area);
                let n = self.report.parts(section).len();
                let focused = prose::focused_part(self);
                self.parts_scroll = prose::parts_window(n, focused, avail, self.parts_scroll).0;
            }
            Content::Review => {
                let sel = match self.focus {
                    Field::Finding(i) => i + 1,
                    _ => 0,
                };
                let n = self.findings.len();
                self.list_scroll = review::list_window(n, sel, body.height, self.list_scroll).1;
                let (lo, hi) = review::preview_range(self, body);
                self.review_scroll = self.review_scroll.clamp(lo, hi.max(lo));
            }
            _ => {}
        }
    }

    /// Scrolls the F1 help (↑↓ a line, PgUp/PgDn a screen), stopping at its end.
    pub(super) fn scroll_help(&mut self, code: KeyCode) -> Vec<Effect> {
        let room = usize::from(self.size.1.saturating_sub(2)).max(1);
        let total = dialogs::help_lines(self, dialogs::inner_width(self.size.0)).len();
        let last = total.saturating_sub(room);
        self.help_scroll = match code {
            KeyCode::Up => self.help_scroll.saturating_sub(1),
            KeyCode::Down => self.help_scroll + 1,
            KeyCode::PageUp => self.help_scroll.saturating_sub(room),
            _ => self.help_scroll + room,
        }
        .min(last);
        vec![Effect::Redraw]
    }

    /// A screen of step 8's preview, less a line (so a line stays in view when paging).
    pub(super) fn preview_page(&self) -> i32 {
        let body = self.body();
        let (list_h, _) = review::list_window(self.findings.len(), 0, body.height, 0);
        i32::from(body.height.saturating_sub(list_h + 2)).max(1)
    }

    /// Scrolls step 8's preview by `lines` (negative: up), stopping at the ends.
    pub(super) fn scroll_preview(&mut self, lines: i32) -> Vec<Effect> {
        let (lo, hi) = review::preview_range(self, self.body());
        self.review_scroll = self
            .review_scroll
            .saturating_add(lines)
            .clamp(lo, hi.max(lo));
        vec![Effect::Redraw]
    }
}
