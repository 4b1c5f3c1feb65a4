//! The scroll positions the view shows, kept here (the view is a pure function of the state):
//! computed after every update from the known terminal size, with the view's own layout
//! functions.

use super::Effect;
use crate::tui::wizard::state::{Field, Wizard};
use crate::tui::wizard::steps::Content;
use crate::tui::wizard::view::{body_area, prose, review};
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
                let avail = prose::parts_height(self, body);
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

    /// Scrolls step 8's preview by `lines` (negative: up), stopping at the ends.
    pub(super) fn scroll_preview(&mut self, lines: i32) -> Vec<Effect> {
        let (lo, hi) = review::preview_range(self, self.body());
        self.review_scroll = (self.review_scroll + lines).clamp(lo, hi.max(lo));
        vec![Effect::Redraw]
    }
}
