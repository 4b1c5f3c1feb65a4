//! The viewer's hook for the reviewer's desk (issue 16, `tui::overview`): which screen is
//! shown over the report, and passing events to it.

use super::keymap::Action;
use super::{Outcome, Viewer};
use crate::tui::overview::compare::CompareView;
use crate::tui::overview::{self, Overview};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::Event;
use ratatui::layout::Rect;
use std::time::Duration;

/// The screens of the desk; the overview is kept when closed (its sort and filter too).
#[derive(Debug, Default)]
pub(super) struct Desk {
    overview: Option<Overview>,
    compare: Option<CompareView>,
    showing: Showing,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Showing {
    #[default]
    Report,
    Overview,
    Compare,
}

impl Viewer {
    /// Whether a conditional key is available: the overview with several files, the
    /// comparison with last year's report and a readable report.
    pub fn available(&self, action: Action) -> bool {
        match action {
            Action::Overview => self.files.len() > 1,
            Action::Compare => self.files.previous().is_some() && self.doc.report.is_some(),
            // A file that could not be read has no report to export.
            Action::Export => self.doc.report.is_some(),
            _ => true,
        }
    }

    /// Which screen is shown (0 the report), for telling whether an event changed it.
    pub(super) fn desk_screen(&self) -> u8 {
        self.desk.showing as u8
    }

    pub(super) fn open_desk(&mut self, action: Action) -> Outcome {
        if !self.available(action) {
            self.message = Some(match action {
                Action::Overview => "总览需要打开多个文件（nianbao view 文件1 文件2 …）".into(),
                _ if self.files.previous().is_none() => {
                    "对照上年需要上年报告：nianbao view --previous 上年.yaml 本年.yaml".into()
                }
                _ => "这个文件无法读取，不能对照".into(),
            });
            return Outcome::Redraw;
        }
        let (w, h) = (self.width, self.height);
        match action {
            Action::Overview => {
                let paths = self.files.paths().to_vec();
                let (index, year, theme) = (self.index, self.files_year(), self.theme);
                let o = self
                    .desk
                    .overview
                    .get_or_insert_with(|| Overview::new(paths, index, year, w, h, theme));
                o.resize(w, h);
                self.desk.showing = Showing::Overview;
            }
            _ => {
                let (Some(prev), Some(report)) = (self.files.previous(), self.doc.report.as_ref())
                else {
                    return Outcome::Nothing;
                };
                self.desk.compare = Some(CompareView::new(prev, report, w, h, self.theme));
                self.desk.showing = Showing::Compare;
            }
        }
        Outcome::Redraw
    }

    fn files_year(&self) -> i32 {
        self.files.current_year()
    }

    /// Passes an event to the desk's screen, if one is shown.
    pub(super) fn update_desk(&mut self, event: &Event) -> Option<Outcome> {
        if let Event::Resize(w, h) = event {
            // Every screen follows the size, shown or not.
            if let Some(o) = &mut self.desk.overview {
                o.resize(*w, *h);
            }
            if let Some(c) = &mut self.desk.compare {
                c.resize(*w, *h);
            }
        }
        let outcome = match self.desk.showing {
            Showing::Report => return None,
            Showing::Overview => self.desk.overview.as_mut()?.update(event),
            Showing::Compare => self.desk.compare.as_mut()?.update(event),
        };
        if let Event::Resize(w, h) = event {
            self.resize(*w, *h);
        }
        Some(match outcome {
            overview::Outcome::Nothing => Outcome::Nothing,
            overview::Outcome::Redraw => Outcome::Redraw,
            overview::Outcome::Quit => Outcome::Quit,
            overview::Outcome::Back => {
                self.desk.showing = Showing::Report;
                Outcome::Redraw
            }
            overview::Outcome::Open(i) => {
                self.desk.showing = Showing::Report;
                if i != self.index {
                    self.open(i);
                }
                Outcome::Redraw
            }
        })
    }

    /// True while the overview is shown and still computing figures: the event loop should
    /// call [`Viewer::tick`] when no key is waiting.
    pub fn busy(&self) -> bool {
        self.desk.showing == Showing::Overview
            && self.desk.overview.as_ref().is_some_and(Overview::pending)
    }

    /// Computes some of the overview's figures (about `budget`); `Redraw` if any were.
    pub fn tick(&mut self, budget: Duration) -> Outcome {
        match (&self.desk.showing, &mut self.desk.overview) {
            (Showing::Overview, Some(o)) => {
                if o.tick(budget) {
                    Outcome::Redraw
                } else {
                    Outcome::Nothing
                }
            }
            _ => Outcome::Nothing,
        }
    }

    /// The overview, if it was opened.
    pub fn overview(&self) -> Option<&Overview> {
        self.desk.overview.as_ref()
    }

    /// The comparison screen, if it was opened.
    pub fn compare_view(&self) -> Option<&CompareView> {
        self.desk.compare.as_ref()
    }

    /// Draws the desk's screen if one is shown; false when the report is.
    pub(super) fn render_desk(&self, area: Rect, buf: &mut Buffer) -> bool {
        match self.desk.showing {
            Showing::Report => false,
            Showing::Overview => {
                if let Some(o) = &self.desk.overview {
                    o.render(area, buf);
                }
                true
            }
            Showing::Compare => {
                if let Some(c) = &self.desk.compare {
                    c.render(area, buf);
                }
                true
            }
        }
    }
}
