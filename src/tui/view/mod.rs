//! Review mode (issue 4): read existing reports quickly.
//!
//! [`Viewer`] is the state; [`Viewer::update`] takes a terminal event and says what to do;
//! [`Viewer::view`] draws the state (a pure function of it). The report is built as a
//! [`doc::Document`] (blocks), laid out for the width as a [`layout::Layout`] (one entry per
//! row), and scrolling, jumping to a section and going to a finding are arithmetic on it.
//! Files are read lazily ([`files::Files`]). Keys are data ([`keymap::KEYMAP`]).

mod desk;
pub mod doc;
pub mod files;
pub mod help;
pub mod keymap;
pub mod layout;
pub mod list;
mod render;
pub mod search;

use crate::model::{CellRef, Report};
use crate::tui::tables::{self, Mark};
use crate::tui::theme::Theme;
use doc::Document;
use files::Files;
use keymap::Action;
use layout::Layout;
use list::FileList;
use ratatui::crossterm::event::{Event, KeyCode, KeyEventKind};
use search::Search;
use std::collections::HashMap;
use std::path::PathBuf;
use std::rc::Rc;

pub use render::buffer_text;

/// The smallest terminal the viewer draws a report in.
pub const MIN_WIDTH: u16 = 40;
/// The smallest terminal height the viewer draws a report in.
pub const MIN_HEIGHT: u16 = 8;
/// Rows above the report (the header) and below it (the help bar), besides the status.
const CHROME: u16 = 2;
/// At most this many rows of status (a selected finding's message may need two).
const MAX_STATUS: usize = 2;

/// What the program should do after an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing changed: no need to draw.
    Nothing,
    /// The screen changed: draw it.
    Redraw,
    /// Clear the terminal and draw everything again (the screen got garbled).
    Repaint,
    /// Open this file in the wizard, then call [`Viewer::reload_current`].
    Edit(PathBuf),
    /// Write the report on screen ([`Viewer::report`]) as published beside this file, then
    /// call [`Viewer::say`] with what happened.
    Export(PathBuf),
    /// Leave.
    Quit,
}

/// The viewer's state.
#[derive(Debug)]
pub struct Viewer {
    files: Files,
    index: usize,
    doc: Rc<Document>,
    layout: Layout,
    width: u16,
    height: u16,
    scroll: usize,
    selected: Option<usize>,
    help: bool,
    /// The first line the help shows when it is longer than the screen.
    help_top: usize,
    message: Option<String>,
    /// Where the reader was in each file seen, to come back to it.
    positions: HashMap<usize, (usize, Option<usize>)>,
    theme: Theme,
    /// The search text being typed after `/`.
    input: Option<String>,
    /// The last search run in this file.
    search: Option<Search>,
    /// The file list, when open.
    list: Option<FileList>,
    /// After a jump to a section: the section's row, shown at the top even when the report
    /// ends less than a screen below it (the status line then names that section).
    jump: Option<usize>,
    /// The overview and the comparison with last year (issue 16), when open.
    desk: desk::Desk,
}

/// What the screen shows, to tell whether an event changed it.
type ScreenKey = (
    usize,
    usize,
    Option<usize>,
    bool,
    usize,
    Option<String>,
    u16,
    u16,
    String,
    u8,
);

impl Viewer {
    /// Opens `paths` (reading only the first now) in a `width`×`height` terminal.
    /// `previous` is last year's report for the cross-year rules Y1 and Y2.
    pub fn new(
        paths: Vec<PathBuf>,
        previous: Option<Report>,
        current_year: i32,
        width: u16,
        height: u16,
        theme: Theme,
    ) -> Viewer {
        let mut files = Files::new(paths, previous, current_year);
        let doc = files.document(0);
        let layout = layout::lay_out(&doc, width);
        Viewer {
            files,
            index: 0,
            doc,
            layout,
            width,
            height,
            scroll: 0,
            selected: None,
            help: false,
            help_top: 0,
            message: None,
            positions: HashMap::new(),
            theme,
            input: None,
            search: None,
            list: None,
            jump: None,
            desk: desk::Desk::default(),
        }
    }

    fn key(&self) -> ScreenKey {
        (
            self.index,
            self.scroll,
            self.selected,
            self.help,
            self.help_top,
            self.message.clone(),
            self.width,
            self.height,
            format!("{:?}{:?}{:?}", self.input, self.search, self.list),
            self.desk_screen(),
        )
    }

    /// Handles one terminal event.
    pub fn update(&mut self, event: &Event) -> Outcome {
        if let Some(outcome) = self.update_desk(event) {
            return outcome;
        }
        let before = self.key();
        let outcome = match event {
            Event::Key(key) if key.kind != KeyEventKind::Release && self.input.is_some() => {
                self.type_search(key);
                Outcome::Redraw
            }
            Event::Paste(text) if self.input.is_some() => {
                if let Some(q) = self.input.as_mut() {
                    q.push_str(&crate::text::clean_line(text));
                }
                Outcome::Redraw
            }
            Event::Key(key) if key.kind != KeyEventKind::Release && self.list.is_some() => {
                self.use_list(key);
                Outcome::Redraw
            }
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                self.message = None;
                if self.help {
                    if self.scroll_help(keymap::lookup(key).map(|(b, _)| b.action)) {
                        return Outcome::Redraw;
                    }
                    self.help = false;
                    self.help_top = 0;
                    let quit = keymap::lookup(key).is_some_and(|(b, code)| {
                        b.action == Action::Quit && code != KeyCode::Char('q')
                    });
                    if quit {
                        return Outcome::Quit;
                    }
                    Outcome::Redraw
                } else {
                    match keymap::lookup(key) {
                        Some((b, code)) => self.act(b.action, code),
                        None => Outcome::Nothing,
                    }
                }
            }
            Event::Resize(w, h) => {
                self.resize(*w, *h);
                Outcome::Redraw
            }
            _ => Outcome::Nothing,
        };
        // The status may have grown or shrunk (a message, a finding's two lines): the body
        // with it.
        self.scroll_to(self.scroll);
        match outcome {
            Outcome::Redraw | Outcome::Nothing => {
                if self.key() != before || matches!(event, Event::Resize(..)) {
                    Outcome::Redraw
                } else {
                    Outcome::Nothing
                }
            }
            other => other,
        }
    }

    /// Does what a key's action says.
    pub fn act(&mut self, action: Action, code: KeyCode) -> Outcome {
        let page = self.body_height().saturating_sub(1).max(1);
        if action != Action::Section {
            self.jump = None;
        }
        match action {
            Action::LineUp => self.scroll_to(self.scroll.saturating_sub(1)),
            Action::LineDown => self.scroll_to(self.scroll + 1),
            Action::PageUp => self.scroll_to(self.scroll.saturating_sub(page)),
            Action::PageDown => self.scroll_to(self.scroll + page),
            Action::Top => self.scroll_to(0),
            Action::Bottom => self.scroll_to(usize::MAX),
            Action::Section => {
                if let KeyCode::Char(d @ '1'..='6') = code {
                    let i = d as usize - '1' as usize;
                    if self.doc.report.is_some() {
                        let row = self.layout.sections[i];
                        self.jump = Some(row);
                        self.scroll_to(row);
                    }
                }
            }
            Action::NextFinding | Action::PrevFinding => {
                let n = self.doc.findings.len();
                if n == 0 {
                    self.message = Some("这份报告没有发现问题".into());
                } else {
                    let next = match (action, self.selected) {
                        (Action::NextFinding, None) => 0,
                        (Action::NextFinding, Some(i)) => (i + 1) % n,
                        (_, None) => n - 1,
                        (_, Some(i)) => (i + n - 1) % n,
                    };
                    self.select(next);
                }
            }
            Action::NextFile => {
                if self.index + 1 < self.files.len() {
                    self.open(self.index + 1);
                } else {
                    self.message = Some("已是最后一个文件".into());
                }
            }
            Action::PrevFile => {
                if self.index > 0 {
                    self.open(self.index - 1);
                } else {
                    self.message = Some("已是第一个文件".into());
                }
            }
            Action::Edit => {
                if let Some(p) = self.files.path(self.index) {
                    return Outcome::Edit(p.to_path_buf());
                }
            }
            Action::Overview | Action::Compare => return self.open_desk(action),
            Action::Export => match (self.files.path(self.index), &self.doc.report) {
                (Some(p), Some(_)) => return Outcome::Export(p.to_path_buf()),
                _ => {
                    self.message =
                        Some("这个文件无法作为报告读取，不能导出（先按提示改正文件）".into())
                }
            },
            Action::Help => self.help = true,
            Action::Search => {
                self.input = Some(
                    self.search
                        .as_ref()
                        .map(|s| s.query.clone())
                        .unwrap_or_default(),
                );
            }
            Action::NextMatch | Action::PrevMatch => match self.search.as_mut() {
                Some(search) => {
                    search.step(action == Action::NextMatch);
                    self.show_match();
                }
                None => self.message = Some("还没有搜索：按 / 输入要找的文字，再按 Enter".into()),
            },
            Action::FileList => {
                self.list = Some(FileList {
                    cursor: self.index,
                    ..FileList::default()
                });
                // The counts of every file, once (read and checked, documents not kept).
                for i in 0..self.files.len() {
                    self.files.tally(i);
                }
                self.keep_list_in_view();
            }
            Action::Repaint => return Outcome::Repaint,
            Action::Quit => return Outcome::Quit,
        }
        Outcome::Nothing
    }

    /// A key while the search text is typed: characters, Backspace, Enter (search), Esc.
    fn type_search(&mut self, key: &ratatui::crossterm::event::KeyEvent) {
        use ratatui::crossterm::event::KeyModifiers;
        let Some(q) = self.input.as_mut() else {
            return;
        };
        match key.code {
            KeyCode::Esc => self.input = None,
            KeyCode::Backspace => {
                q.pop();
            }
            KeyCode::Enter => {
                let query = std::mem::take(q);
                self.input = None;
                if query.is_empty() {
                    self.search = None;
                    return;
                }
                let search = Search::run(&self.layout, &query, self.scroll);
                self.search = Some(search);
                self.show_match();
            }
            KeyCode::Char(c)
                if !key.modifiers.contains(KeyModifiers::CONTROL) && !c.is_control() =>
            {
                q.push(c);
            }
            KeyCode::Char('c') => self.input = None,
            _ => {}
        }
    }

    /// Scrolls so that the current match is a third down the screen.
    fn show_match(&mut self) {
        let Some(search) = self.search.as_ref() else {
            return;
        };
        self.message = Some(search.status());
        if let Some(row) = search.row() {
            let third = self.body_height() / 3;
            self.scroll_to(row.saturating_sub(third));
        }
    }

    /// A key while the file list is open.
    fn use_list(&mut self, key: &ratatui::crossterm::event::KeyEvent) {
        use ratatui::crossterm::event::KeyModifiers;
        let rows = self.list_rows();
        let Some(list) = self.list.as_mut() else {
            return;
        };
        let n = list.shown(&self.files).len();
        match key.code {
            KeyCode::Esc => self.list = None,
            KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => self.list = None,
            KeyCode::Up => list.move_by(-1, n, rows),
            KeyCode::Down => list.move_by(1, n, rows),
            KeyCode::PageUp => list.move_by(-(rows as isize), n, rows),
            KeyCode::PageDown => list.move_by(rows as isize, n, rows),
            KeyCode::Home => list.move_by(-(n as isize), n, rows),
            KeyCode::End => list.move_by(n as isize, n, rows),
            KeyCode::Backspace => {
                list.filter.pop();
                list.cursor = 0;
                list.top = 0;
            }
            KeyCode::Enter => {
                let chosen = list.shown(&self.files).get(list.cursor).copied();
                if let Some(i) = chosen {
                    self.list = None;
                    if i != self.index {
                        self.open(i);
                    }
                } else {
                    self.message = Some("没有名称含这些字的文件".into());
                }
            }
            KeyCode::Char(c) if !c.is_control() => {
                list.filter.push(c);
                list.cursor = 0;
                list.top = 0;
            }
            _ => {}
        }
        self.keep_list_in_view();
    }

    fn keep_list_in_view(&mut self) {
        let rows = self.list_rows();
        if let Some(list) = self.list.as_mut() {
            let n = list.shown(&self.files).len();
            list.keep_in_view(n, rows);
        }
    }

    /// Lines of files the list shows at this height (its box, title and help line aside).
    pub fn list_rows(&self) -> usize {
        usize::from(self.height.saturating_sub(CHROME + 4)).max(1)
    }

    /// The file list, when open.
    pub fn file_list(&self) -> Option<&FileList> {
        self.list.as_ref()
    }

    /// The last search run in this file.
    pub fn search(&self) -> Option<&Search> {
        self.search.as_ref()
    }

    /// The report on screen, when its file could be read.
    pub fn report(&self) -> Option<&crate::model::Report> {
        self.doc.report.as_ref()
    }

    /// Shows a message in the status line (what the shell did, e.g. where it exported).
    pub fn say(&mut self, message: impl Into<String>) {
        self.message = Some(message.into());
    }

    /// Selects finding `i` and scrolls so that its cell is in view (a third down the screen).
    pub fn select(&mut self, i: usize) {
        self.selected = Some(i);
        let target = self.target_row(i);
        let third = self.body_height() / 3;
        self.scroll_to(target.saturating_sub(third));
    }

    /// The row of the layout where finding `i` points: its first cell (in a table, the row
    /// of the cell itself), or its line in the list at the top when it has no cell.
    pub fn target_row(&self, i: usize) -> usize {
        let Some(f) = self.doc.findings.get(i) else {
            return 0;
        };
        let listed = self.layout.finding_rows.get(i).copied().unwrap_or(0);
        let Some(&cell) = f.cells.first() else {
            return f
                .section
                .and_then(|s| self.layout.sections.get(s).copied())
                .filter(|_| self.doc.report.is_some())
                .unwrap_or(listed);
        };
        if let Some(t) = tables::table_of(cell) {
            let top = self.layout.table_row(t).unwrap_or(listed);
            return top + usize::from(self.cell_offset(t, cell));
        }
        let cell = match cell {
            CellRef::Agency | CellRef::Year => CellRef::Title,
            c => c,
        };
        if let Some(r) = self.layout.text_row_of(cell) {
            return r;
        }
        match cell {
            CellRef::Part { section, .. } => self.layout.sections[section.section_index()],
            CellRef::Fee(_) => self.layout.sections[5],
            _ => listed,
        }
    }

    /// Line of `cell`'s row within its table at the current width.
    fn cell_offset(&self, _table: tables::Table, cell: CellRef) -> u16 {
        let tables = self
            .doc
            .report
            .as_ref()
            .map_or(&crate::model::schema::TABLES_2021, |r| r.tables());
        tables::cell_lines(cell, self.width, tables).map_or(0, |(first, _)| first)
    }

    fn open(&mut self, i: usize) {
        self.positions
            .insert(self.index, (self.scroll, self.selected));
        self.index = i;
        self.doc = self.files.document(i);
        self.layout = layout::lay_out(&self.doc, self.width);
        self.search = None;
        self.jump = None;
        let (scroll, selected) = self.positions.get(&i).copied().unwrap_or((0, None));
        self.selected = selected.filter(|s| *s < self.doc.findings.len());
        self.scroll_to(scroll);
    }

    /// Reads the current file again (after the wizard changed it); `note` is shown in the
    /// status line.
    pub fn reload_current(&mut self, note: Option<String>) {
        self.files.forget(self.index);
        let (scroll, _) = (self.scroll, self.selected);
        self.doc = self.files.document(self.index);
        self.layout = layout::lay_out(&self.doc, self.width);
        self.selected = None;
        self.message = note;
        self.scroll_to(scroll);
    }

    /// The terminal changed size: lay the report out again, keeping the reader's place.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.jump = None;
        if width != self.width {
            let fraction = self.scroll as f64 / self.layout.len().max(1) as f64;
            self.layout = layout::lay_out(&self.doc, width);
            self.width = width;
            self.height = height;
            match self.selected {
                Some(i) => {
                    let target = self.target_row(i);
                    self.scroll_to(target.saturating_sub(self.body_height() / 3));
                }
                None => self.scroll_to((fraction * self.layout.len() as f64) as usize),
            }
            // The rows moved: find the matches again, staying on the same one.
            if let Some(old) = self.search.take() {
                let mut s = Search::run(&self.layout, &old.query, 0);
                s.current = old.current.filter(|&i| i < s.matches.len()).or(s.current);
                self.search = Some(s);
            }
        } else {
            self.height = height;
            self.scroll_to(self.scroll);
        }
    }

    fn scroll_to(&mut self, row: usize) {
        // The status line names the top row's section: at the new position it may need one
        // more line, leaving a shorter body and a smaller last position; clamp again then.
        let mut target = row;
        for _ in 0..4 {
            self.scroll = target.min(self.max_scroll().max(self.jump.unwrap_or(0)));
            let max = self.max_scroll().max(self.jump.unwrap_or(0));
            if self.scroll <= max {
                break;
            }
            target = max;
        }
    }

    /// The largest scroll position: the last row at the bottom of the screen.
    pub fn max_scroll(&self) -> usize {
        self.layout.len().saturating_sub(self.body_height())
    }

    /// Rows available for the report.
    pub fn body_height(&self) -> usize {
        usize::from(self.height.saturating_sub(CHROME).max(1))
            .saturating_sub(self.status_rows())
            .max(1)
    }

    /// Rows the status line takes (two when a selected finding's message needs them).
    pub fn status_rows(&self) -> usize {
        self.status_text().0.len()
    }

    /// The status: the selected finding (`✗ 1/2 C1 错误 行政复议 · 总计: …`), a message, or
    /// where the reader is; wrapped to the width, at most [`MAX_STATUS`] lines.
    fn status_text(&self) -> (Vec<String>, ratatui::style::Style) {
        use crate::rules::Severity;
        use crate::tui::theme::{ERROR_MARK, WARNING_MARK};
        let (text, style) = if let Some(q) = &self.input {
            (
                format!("搜索：{q}▏（Enter 搜索，Esc 取消）"),
                ratatui::style::Style::new(),
            )
        } else if let Some(m) = &self.message {
            (m.clone(), self.theme.warning())
        } else if let Some((i, f)) = self
            .selected
            .and_then(|i| self.doc.findings.get(i).map(|f| (i, f)))
        {
            let (sym, style) = match f.severity {
                Severity::Error => (ERROR_MARK, self.theme.error()),
                Severity::Warning => (WARNING_MARK, self.theme.warning()),
            };
            (
                format!("{sym} {}/{} {}", i + 1, self.doc.findings.len(), f.short),
                style,
            )
        } else {
            let section = self
                .layout
                .sections
                .iter()
                .rposition(|&r| r <= self.scroll + 1 && r > 0)
                .map(|s| crate::model::schema::SECTIONS[s].heading())
                .unwrap_or_default();
            let rows = usize::from(self.height.saturating_sub(CHROME + 1).max(1));
            let shown_to = (self.scroll + rows).min(self.layout.len());
            // The row numbers in slots as wide as the count, so that the text after them
            // stays put while scrolling (issue 17: moved text is written again).
            let w = self.layout.len().to_string().len();
            (
                format!(
                    "第 {:>w$}-{:<w$} 行，共 {} 行  {}",
                    self.scroll + 1,
                    shown_to,
                    self.layout.len(),
                    section
                ),
                self.theme.dim(),
            )
        };
        let mut lines = crate::text::wrap::wrap(&text, usize::from(self.width.max(1)), 0, 2);
        if lines.len() > MAX_STATUS {
            lines.truncate(MAX_STATUS);
            if let Some(last) = lines.last_mut() {
                last.pop();
                last.push('…');
            }
        }
        (lines, style)
    }

    /// Whether the terminal is too small to draw a report.
    pub fn too_small(&self) -> bool {
        self.width < MIN_WIDTH || self.height < MIN_HEIGHT
    }

    /// The first row shown.
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// The selected finding.
    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    /// Index of the current file.
    pub fn index(&self) -> usize {
        self.index
    }

    /// The current file's document.
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The current layout.
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// Number of documents held in memory besides the current one.
    pub fn cached(&self) -> usize {
        self.files.cached()
    }

    /// The cell marked as the selected finding's (given to the tables as `focus`).
    pub fn focus(&self) -> Option<CellRef> {
        self.selected
            .and_then(|i| self.doc.findings.get(i))
            .and_then(|f| f.cells.first().copied())
    }

    /// How a finding in the list is marked (by its severity).
    fn finding_mark(&self, i: usize) -> Option<Mark> {
        self.doc.findings.get(i).map(|f| match f.severity {
            crate::rules::Severity::Error => Mark::Error,
            crate::rules::Severity::Warning => Mark::Warning,
        })
    }

    /// How a place shown as text is marked; the title also carries the marks of the
    /// agency and the year it is made of.
    fn cell_mark(&self, cell: CellRef) -> Option<Mark> {
        let mut m = self.doc.mark_of(cell);
        if cell == CellRef::Title {
            for other in [CellRef::Agency, CellRef::Year] {
                match (m, self.doc.mark_of(other)) {
                    (_, Some(Mark::Error)) => m = Some(Mark::Error),
                    (None, x) => m = x,
                    _ => {}
                }
            }
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::buffer::Buffer;
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
    use ratatui::layout::Rect;
    use std::path::Path;

    fn example(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples")
            .join(name)
    }

    fn viewer(names: &[&str], w: u16, h: u16) -> Viewer {
        let paths = names.iter().map(|n| example(n)).collect();
        Viewer::new(paths, None, 2026, w, h, Theme::plain())
    }

    fn key(c: char) -> Event {
        Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
    }

    fn code(k: KeyCode) -> Event {
        Event::Key(KeyEvent::new(k, KeyModifiers::NONE))
    }

    fn screen(v: &Viewer) -> String {
        let area = Rect::new(0, 0, v.width, v.height);
        let mut buf = Buffer::empty(area);
        v.render(area, &mut buf);
        buffer_text(&buf)
    }

    #[test]
    fn first_screen_lists_the_findings_above_the_report() {
        let v = viewer(&["hongze-2023.yaml"], 80, 24);
        let s = screen(&v);
        let title = s
            .find("洪泽区人民政府2023年政府信息公开工作年度报告")
            .expect(&s);
        let tally = s.find("2 处错误，0 处警告").expect(&s);
        let c1 = s.find("C1 错误").expect(&s);
        let numbers = s.find("= 11，总计 = 0").expect(&s);
        let overview = s.find("一、总体情况").expect(&s);
        assert!(
            title < tally && tally < c1 && c1 < numbers && numbers < overview,
            "{s}"
        );
        assert!(s.contains("1/1"), "{s}");
    }

    #[test]
    fn n_and_shift_n_cycle_through_the_findings() {
        let mut v = viewer(&["hongze-2023.yaml"], 80, 24);
        assert_eq!(v.update(&key('n')), Outcome::Redraw);
        assert_eq!(v.selected(), Some(0));
        let t = v.target_row(0);
        assert!(t >= v.scroll() && t < v.scroll() + v.body_height());
        assert!(t >= v.layout().table_row(tables::Table::C).unwrap());
        assert_eq!(v.focus(), Some(CellRef::C { group: 0, col: 4 }));
        v.update(&key('n'));
        assert_eq!(v.selected(), Some(1));
        v.update(&key('n'));
        assert_eq!(v.selected(), Some(0));
        v.update(&key('N'));
        assert_eq!(v.selected(), Some(1));
        assert!(screen(&v).contains("✗ 2/2 C1 行政诉讼"), "{}", screen(&v));
    }

    #[test]
    fn the_selected_findings_cell_is_reversed_and_marked() {
        use ratatui::style::Modifier;
        let mut v = Viewer::new(
            vec![example("hongze-2023.yaml")],
            None,
            2026,
            80,
            24,
            Theme { colour: true },
        );
        v.update(&key('n'));
        let area = Rect::new(0, 0, 80, 24);
        let mut buf = Buffer::empty(area);
        v.render(area, &mut buf);
        let text: Vec<String> = buffer_text(&buf).lines().map(String::from).collect();
        let reversed: Vec<u16> = (1..area.height - 3)
            .filter(|&y| {
                (0..area.width).any(|x| {
                    buf.cell((x, y))
                        .is_some_and(|c| c.modifier.contains(Modifier::REVERSED))
                })
            })
            .collect();
        assert_eq!(reversed.len(), 1, "{reversed:?}\n{}", text.join("\n"));
        let line = &text[usize::from(reversed[0])];
        assert!(line.starts_with("行政复议") && line.contains('✗'), "{line}");
        // The mark is coloured as an error.
        let x = (0..area.width)
            .find(|&x| {
                buf.cell((x, reversed[0]))
                    .is_some_and(|c| c.symbol() == "✗")
            })
            .expect("a mark on the row");
        assert_eq!(
            buf.cell((x, reversed[0])).map(|c| c.fg),
            Some(ratatui::style::Color::Red)
        );
    }

    #[test]
    fn digits_jump_to_sections() {
        let mut v = viewer(&["huaian-2024.yaml"], 80, 24);
        for d in ['2', '3', '5', '1'] {
            v.update(&key(d));
            let i = d as usize - '1' as usize;
            // The section's heading at the top, even where the report ends within a screen.
            assert_eq!(v.scroll(), v.layout().sections[i]);
        }
        v.update(&key('6'));
        let s = screen(&v);
        assert!(s.contains("六、其他需要报告的事项"), "{s}");
    }

    #[test]
    fn scrolling_keys_and_draw_only_on_change() {
        let mut v = viewer(&["hongze-2023.yaml"], 80, 24);
        assert_eq!(v.update(&code(KeyCode::Up)), Outcome::Nothing);
        assert_eq!(v.update(&code(KeyCode::Down)), Outcome::Redraw);
        assert_eq!(v.scroll(), 1);
        v.update(&code(KeyCode::PageDown));
        assert_eq!(v.scroll(), 1 + v.body_height() - 1);
        v.update(&code(KeyCode::End));
        assert_eq!(v.scroll(), v.max_scroll());
        assert_eq!(v.update(&code(KeyCode::End)), Outcome::Nothing);
        v.update(&code(KeyCode::Home));
        assert_eq!(v.scroll(), 0);
        assert_eq!(v.update(&key('z')), Outcome::Nothing);
    }

    #[test]
    fn brackets_move_between_files_and_remember_the_place() {
        let mut v = viewer(
            &["hongze-2023.yaml", "huaian-2024.yaml", "hongze-2024.yaml"],
            80,
            24,
        );
        v.update(&code(KeyCode::PageDown));
        let kept = v.scroll();
        v.update(&key(']'));
        assert_eq!(v.index(), 1);
        assert_eq!(v.scroll(), 0);
        assert!(screen(&v).contains("2/3"));
        assert!(screen(&v).contains("huaian-2024.yaml"));
        v.update(&key(']'));
        v.update(&key(']'));
        assert_eq!(v.index(), 2);
        assert!(screen(&v).contains("已是最后一个文件"));
        v.update(&key('['));
        v.update(&key('['));
        assert_eq!(v.index(), 0);
        assert_eq!(v.scroll(), kept);
    }

    #[test]
    fn an_unreadable_file_shows_its_error_and_the_others_open() {
        let dir = tempfile::tempdir().unwrap();
        let bad = dir.path().join("bad.yaml");
        std::fs::write(
            &bad,
            "format: 2021\nagency: 某局\nyear: 2023\nrequests:\n  received: {natural_person: -1}\n",
        )
        .unwrap();
        let mut v = Viewer::new(
            vec![bad, example("hongze-2023.yaml")],
            None,
            2026,
            80,
            24,
            Theme::plain(),
        );
        let s = screen(&v);
        assert!(s.contains("无法读取这个文件"), "{s}");
        assert!(s.contains("第 5 行"), "{s}");
        assert!(s.contains("requests.received"), "{s}");
        // Nothing to export: the bar does not offer it.
        let bar = s.lines().last().unwrap_or_default();
        assert!(!bar.contains("导出"), "{bar}");
        v.update(&key(']'));
        let s = screen(&v);
        assert!(s.contains("洪泽区人民政府"));
        assert!(s.lines().last().unwrap_or_default().contains("导出"), "{s}");
    }

    #[test]
    fn resizing_lays_out_again_and_too_small_says_so() {
        let mut v = viewer(&["hongze-2023.yaml"], 80, 24);
        let rows80 = v.layout().len();
        v.update(&Event::Resize(120, 40));
        assert_eq!(v.layout().width, 120);
        assert!(v.layout().len() < rows80);
        v.update(&Event::Resize(30, 6));
        assert!(screen(&v).contains("终端太小"), "{}", screen(&v));
        v.update(&Event::Resize(80, 24));
        assert!(screen(&v).contains("一、总体情况"));
    }

    #[test]
    fn drawing_into_another_size_never_panics() {
        let v = viewer(&["hongze-2023.yaml"], 80, 24);
        for (w, h) in [(20, 5), (80, 10), (200, 60), (1, 1), (0, 0)] {
            let area = Rect::new(0, 0, w, h);
            let mut buf = Buffer::empty(area);
            v.render(area, &mut buf);
        }
        let mut small = viewer(&["hongze-2023.yaml"], 80, 24);
        for (w, h) in [(1, 1), (40, 8), (41, 9), (0, 0), (300, 3)] {
            small.update(&Event::Resize(w, h));
            let area = Rect::new(0, 0, w, h);
            let mut buf = Buffer::empty(area);
            small.render(area, &mut buf);
            small.update(&key('n'));
            small.update(&code(KeyCode::End));
            small.render(area, &mut buf);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn any_keys_at_any_size_keep_the_view_consistent(
            keys in proptest::collection::vec(0usize..30, 0..40),
            w in 0u16..160,
            h in 0u16..60,
        ) {
            let all = [
                code(KeyCode::Up), code(KeyCode::Down), code(KeyCode::PageUp),
                code(KeyCode::PageDown), code(KeyCode::Home), code(KeyCode::End),
                key('1'), key('2'), key('3'), key('4'), key('5'), key('6'),
                key('n'), key('N'), key(']'), key('['), code(KeyCode::F(1)), key('x'),
                key('j'), key('k'), key('g'), key('G'), key(' '), key('b'),
                key('/'), key('f'), code(KeyCode::Enter), code(KeyCode::Esc), key('4'),
                code(KeyCode::Backspace),
            ];
            let mut v = viewer(&["hongze-2023.yaml", "huaian-2024.yaml", "hongze-2024.yaml"], 80, 24);
            v.update(&Event::Resize(w, h));
            for k in keys {
                v.update(&all[k]);
                // Beyond the last screen only to put a section jumped to at the top.
                proptest::prop_assert!(v.scroll() <= v.max_scroll() || v.layout().sections.contains(&v.scroll()));
                if let Some(i) = v.selected() {
                    proptest::prop_assert!(i < v.document().findings.len());
                }
            }
            let area = Rect::new(0, 0, w, h);
            let mut buf = Buffer::empty(area);
            v.render(area, &mut buf);
        }
    }

    #[test]
    fn help_reads_the_keymap_and_any_key_closes_it() {
        let mut v = viewer(&["hongze-2023.yaml"], 80, 24);
        v.update(&code(KeyCode::F(1)));
        let s = screen(&v);
        // Every key that is available (one file, no previous report: not o nor d).
        for b in keymap::KEYMAP.iter().filter(|b| v.available(b.action)) {
            assert!(s.contains(b.help), "{} missing:\n{s}", b.help);
        }
        assert!(!s.contains("总览"), "{s}");
        assert_eq!(v.update(&key('q')), Outcome::Redraw);
        assert!(!screen(&v).contains("帮助 · nianbao view"));
        assert_eq!(v.update(&key('q')), Outcome::Quit);
    }

    #[test]
    fn ctrl_l_asks_for_a_repaint() {
        let mut v = viewer(&["hongze-2023.yaml"], 80, 24);
        let ctrl_l = Event::Key(KeyEvent::new(KeyCode::Char('l'), KeyModifiers::CONTROL));
        assert_eq!(v.update(&ctrl_l), Outcome::Repaint);
    }

    #[test]
    fn e_asks_to_edit_the_current_file() {
        let mut v = viewer(&["hongze-2023.yaml", "huaian-2024.yaml"], 80, 24);
        v.update(&key(']'));
        assert_eq!(
            v.update(&key('e')),
            Outcome::Edit(example("huaian-2024.yaml"))
        );
    }

    #[test]
    fn previous_adds_the_cross_year_findings() {
        use crate::model::schema::{R_CARRIED_FORWARD, R_CARRIED_OVER};
        let mut prev = crate::rules::testdata::hongze2023();
        prev.requests.cells[R_CARRIED_FORWARD][0] += 7;
        let without = viewer(&["hongze-2024.yaml"], 80, 24);
        assert!(!without.document().findings.iter().any(|f| f.rule == "Y1"));
        let mut v = Viewer::new(
            vec![example("hongze-2024.yaml")],
            Some(prev),
            2026,
            80,
            24,
            Theme::plain(),
        );
        let i = v
            .document()
            .findings
            .iter()
            .position(|f| f.rule == "Y1")
            .expect("a Y1 finding");
        v.select(i);
        assert_eq!(
            v.focus(),
            Some(CellRef::B {
                row: R_CARRIED_OVER,
                col: 0
            })
        );
        assert!(screen(&v).contains("Y1"), "{}", screen(&v));
    }

    #[test]
    fn a_finding_without_a_cell_goes_to_its_section() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("short.yaml");
        std::fs::write(&p, "format: 2021\nagency: 某局\nyear: 2023\n").unwrap();
        let mut v = Viewer::new(vec![p], None, 2026, 80, 24, Theme::plain());
        let i = v
            .document()
            .findings
            .iter()
            .position(|f| f.rule == "S1" && f.text.contains("requests"))
            .expect("S1 for requests");
        assert_eq!(v.target_row(i), v.layout().sections[2]);
        v.select(i);
        assert!(screen(&v).contains("三、收到和处理政府信息公开申请情况"));
    }

    #[test]
    fn many_files_are_read_lazily() {
        let paths = vec![example("hongze-2023.yaml"); 1000];
        let mut v = Viewer::new(paths, None, 2026, 80, 24, Theme::plain());
        assert_eq!(v.cached(), 1);
        for _ in 0..20 {
            v.update(&key(']'));
        }
        assert!(v.cached() <= files::CACHE + 1);
        assert!(screen(&v).contains("21/1000"));
    }
}
