//! The reviewer's desk in the viewer (issue 16): the overview of every open file — the
//! table of `nianbao summary` — and the comparison with last year's report.
//!
//! [`Overview`] is the state, [`Overview::update`] takes an event and says what to do,
//! [`Overview::render`] draws it. The figures are computed lazily: the screen opens at once
//! and [`Overview::tick`] computes rows a few milliseconds at a time (the viewer's event
//! loop calls it while no key is waiting), with a progress line until all are there.

pub mod compare;
pub mod keymap;
mod render;

use crate::rules::{self, Context};
use crate::summary::{self, fit, Column, Figures, Row};
use crate::tui::theme::Theme;
use crate::yaml;
use keymap::Action;
use ratatui::crossterm::event::{Event, KeyEvent, KeyEventKind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What the viewer should do after an event on the overview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing changed.
    Nothing,
    /// Draw again.
    Redraw,
    /// Open file `i` (index into the viewer's files).
    Open(usize),
    /// Back to the report.
    Back,
    /// Leave the viewer.
    Quit,
}

/// What the desk's screens do with an event: a key press (not a release) goes to `key`, a
/// new size to `resize` and then the screen is drawn again; any other event does nothing.
fn handle<S>(
    screen: &mut S,
    event: &Event,
    key: fn(&mut S, &KeyEvent) -> Outcome,
    resize: fn(&mut S, u16, u16),
) -> Outcome {
    match event {
        Event::Key(k) if k.kind != KeyEventKind::Release => key(screen, k),
        Event::Resize(w, h) => {
            resize(screen, *w, *h);
            Outcome::Redraw
        }
        _ => Outcome::Nothing,
    }
}

/// Rows above the table (title, column headers) and below it (rule, totals, status, bar).
const CHROME: u16 = 6;

/// The overview's state.
#[derive(Debug)]
pub struct Overview {
    paths: Vec<PathBuf>,
    current_year: i32,
    /// Per file, in the order given: its row once computed.
    rows: Vec<Option<Row>>,
    /// Rows computed so far (files `0..computed`).
    computed: usize,
    /// The files shown, in display order.
    order: Vec<usize>,
    /// Position of the cursor in `order`.
    cursor: usize,
    /// First row of `order` on screen.
    scroll: usize,
    /// The focused column.
    column: Column,
    /// Sorted by this column, descending when true.
    sort: Option<(Column, bool)>,
    /// Only reports with errors (and unreadable files).
    errors_only: bool,
    width: u16,
    height: u16,
    theme: Theme,
    message: Option<String>,
}

/// Reads one file and computes its row (without last year's report: the viewer gives one
/// only with a single file).
pub fn compute_row(path: &Path, current_year: i32) -> Row {
    let file = path.display().to_string();
    if path.as_os_str() == "-" {
        return Row::Unreadable {
            file,
            error: "审阅模式不能从标准输入读取报告：请给出文件名".into(),
        };
    }
    match yaml::load_file(path) {
        Ok(loaded) => {
            let ctx = Context {
                current_year,
                previous: None,
            };
            let mut findings = rules::s1_missing_parts(&loaded.missing);
            findings.extend(rules::check(&loaded.report, &ctx));
            Row::Report {
                file,
                figures: Figures::of(&loaded.report, &findings, None),
            }
        }
        Err(e) => Row::Unreadable {
            file,
            error: e.to_string(),
        },
    }
}

impl Overview {
    /// The overview of `paths` in a `width`×`height` terminal, with the cursor on file
    /// `current`. Nothing is read yet: see [`Overview::tick`].
    pub fn new(
        paths: Vec<PathBuf>,
        current: usize,
        current_year: i32,
        width: u16,
        height: u16,
        theme: Theme,
    ) -> Overview {
        let n = paths.len();
        Overview {
            paths,
            current_year,
            rows: vec![None; n],
            computed: 0,
            order: (0..n).collect(),
            cursor: current.min(n.saturating_sub(1)),
            scroll: 0,
            column: Column::Agency,
            sort: None,
            errors_only: false,
            width,
            height,
            theme,
            message: None,
        }
        .with_cursor_in_view()
    }

    fn with_cursor_in_view(mut self) -> Overview {
        self.keep_cursor_in_view();
        self
    }

    /// True while figures remain to be computed.
    pub fn pending(&self) -> bool {
        self.computed < self.paths.len()
    }

    /// Computes rows for about `budget`; returns whether anything changed.
    pub fn tick(&mut self, budget: Duration) -> bool {
        if !self.pending() {
            return false;
        }
        let start = Instant::now();
        while self.pending() {
            let i = self.computed;
            self.rows[i] = Some(compute_row(&self.paths[i], self.current_year));
            self.computed += 1;
            if start.elapsed() >= budget {
                break;
            }
        }
        self.arrange();
        true
    }

    /// Computes every row now (tests, benchmarks).
    pub fn compute_all(&mut self) {
        while self.tick(Duration::from_secs(3600)) {}
    }

    /// The file under the cursor.
    pub fn current(&self) -> Option<usize> {
        self.order.get(self.cursor).copied()
    }

    /// Rebuilds `order` from the filter and the sort, keeping the cursor on its file.
    fn arrange(&mut self) {
        let keep = self.current();
        let rows = &self.rows;
        let mut order: Vec<usize> = (0..self.paths.len())
            .filter(|&i| !self.errors_only || rows[i].as_ref().is_some_and(Row::has_errors))
            .collect();
        if let Some((column, reverse)) = self.sort {
            // Computed rows sorted; those still to come after them, in file order.
            let split = order
                .iter()
                .partition::<Vec<usize>, _>(|&&i| rows[i].is_some());
            let (mut done, rest) = split;
            done.sort_by(|&a, &b| match (&rows[a], &rows[b]) {
                (Some(a), Some(b)) => summary::compare_rows(a, b, column, reverse),
                _ => std::cmp::Ordering::Equal,
            });
            done.extend(rest);
            order = done;
        }
        self.order = order;
        self.cursor = keep
            .and_then(|k| self.order.iter().position(|&i| i == k))
            .unwrap_or(0)
            .min(self.order.len().saturating_sub(1));
        self.keep_cursor_in_view();
    }

    /// Rows of the table on screen.
    pub fn body_height(&self) -> usize {
        usize::from(self.height.saturating_sub(CHROME)).max(1)
    }

    fn keep_cursor_in_view(&mut self) {
        let h = self.body_height();
        if self.cursor < self.scroll {
            self.scroll = self.cursor;
        } else if self.cursor >= self.scroll + h {
            self.scroll = self.cursor + 1 - h;
        }
        self.scroll = self.scroll.min(self.order.len().saturating_sub(h));
    }

    /// The columns that fit the width, from the rows computed so far.
    pub fn fitted(&self) -> fit::Fitted {
        let figures: Vec<&Figures> = self
            .rows
            .iter()
            .flatten()
            .filter_map(Row::figures)
            .collect();
        let totals = self.totals();
        let files_w = self
            .order
            .iter()
            .filter(|&&i| self.rows[i].as_ref().is_none_or(|r| r.figures().is_none()))
            .map(|&i| crate::text::width::width(&file_name(&self.paths[i])).min(fit::AGENCY_MAX))
            .max()
            .unwrap_or(0);
        let columns = Column::all(false);
        let widths: Vec<usize> = columns
            .iter()
            .map(|&c| {
                let w = summary::natural_width(c, figures.iter().copied(), &totals);
                if c == Column::Agency {
                    w.max(files_w)
                } else {
                    w
                }
            })
            .collect();
        fit::fit_columns(usize::from(self.width.saturating_sub(1)), &columns, |c| {
            columns
                .iter()
                .position(|k| *k == c)
                .map_or(0, |i| widths[i])
        })
    }

    /// The totals of the rows shown (those computed).
    pub fn totals(&self) -> Figures {
        summary::totals(self.order.iter().filter_map(|&i| self.rows[i].as_ref()))
    }

    /// Handles one event.
    pub fn update(&mut self, event: &Event) -> Outcome {
        handle(self, event, Self::key, Self::resize)
    }

    fn key(&mut self, key: &KeyEvent) -> Outcome {
        self.message = None;
        match keymap::lookup(key) {
            Some(a) => self.act(a),
            None => Outcome::Nothing,
        }
    }

    /// The terminal changed size.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.width = width;
        self.height = height;
        self.keep_cursor_in_view();
    }

    fn move_to(&mut self, cursor: usize) {
        self.cursor = cursor.min(self.order.len().saturating_sub(1));
        self.keep_cursor_in_view();
    }

    /// Does what a key's action says.
    pub fn act(&mut self, action: Action) -> Outcome {
        match action {
            Action::Move(m) => self.move_to(m.from(self.cursor, self.body_height())),
            Action::Left | Action::Right => {
                let shown = self.fitted().shown;
                let at = shown.iter().position(|c| *c == self.column).unwrap_or(0);
                let to = if action == Action::Left {
                    at.saturating_sub(1)
                } else {
                    (at + 1).min(shown.len() - 1)
                };
                self.column = shown[to];
            }
            Action::Sort => {
                self.sort = match self.sort {
                    Some((c, reverse)) if c == self.column => Some((c, !reverse)),
                    _ => Some((self.column, false)),
                };
                self.arrange();
                self.move_to(0);
            }
            Action::Filter => {
                self.errors_only = !self.errors_only;
                self.arrange();
                if self.order.is_empty() {
                    self.message = Some(if self.pending() {
                        "目前算完的报告都没有错误（仍在计算）；f 显示全部".into()
                    } else {
                        "没有有错误的报告；f 显示全部".into()
                    });
                }
            }
            Action::Open => {
                return match self.current() {
                    Some(i) => Outcome::Open(i),
                    None => Outcome::Nothing,
                }
            }
            Action::Back => return Outcome::Back,
            Action::Quit => return Outcome::Quit,
        }
        Outcome::Redraw
    }

    /// The focused column.
    pub fn column(&self) -> Column {
        self.column
    }

    /// The sort column and direction.
    pub fn sort(&self) -> Option<(Column, bool)> {
        self.sort
    }

    /// The files shown, in display order.
    pub fn order(&self) -> &[usize] {
        &self.order
    }

    /// Rows computed so far.
    pub fn computed(&self) -> usize {
        self.computed
    }
}

/// The last component of a path (what the overview shows for a file it could not read).
fn file_name(p: &Path) -> String {
    let s = p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    crate::text::clean_line(&s).into_owned()
}

#[cfg(test)]
mod tests;
