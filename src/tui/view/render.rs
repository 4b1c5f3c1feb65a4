//! Drawing the viewer: a pure function of its state.

use super::doc::TextKind;
use super::keymap;
use super::layout::{Row, GUTTER};
use super::{Viewer, MIN_HEIGHT, MIN_WIDTH};
use crate::tui::tables::{self, Mark, Table, TableProps};
use crate::tui::theme::{ERROR_MARK, WARNING_MARK};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

impl Viewer {
    /// Draws the whole screen.
    pub fn view(&self, frame: &mut Frame) {
        let area = frame.area();
        self.render(area, frame.buffer_mut());
    }

    /// Draws the whole screen into `buf` (what [`Viewer::view`] does, without a frame).
    /// The screen is drawn at the size the state knows; if `area` differs (the terminal was
    /// resized and the event has not arrived yet) it is drawn off screen and clipped.
    pub fn render(&self, area: Rect, buf: &mut Buffer) {
        if (area.width, area.height) != (self.width, self.height) {
            let own = Rect::new(0, 0, self.width, self.height);
            let mut off = Buffer::empty(own);
            self.render_at_size(own, &mut off);
            for y in 0..area.height.min(self.height) {
                for x in 0..area.width.min(self.width) {
                    if let (Some(src), Some(dst)) =
                        (off.cell((x, y)), buf.cell_mut((area.x + x, area.y + y)))
                    {
                        *dst = src.clone();
                    }
                }
            }
            return;
        }
        self.render_at_size(area, buf);
    }

    fn render_at_size(&self, area: Rect, buf: &mut Buffer) {
        if self.render_desk(area, buf) {
            return;
        }
        if self.too_small() || area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            let msg = format!(
                "终端太小：至少需要 {MIN_WIDTH} 列 × {MIN_HEIGHT} 行，现在是 {} × {}。请放大窗口；q 退出。",
                area.width, area.height
            );
            Paragraph::new(msg)
                .wrap(Wrap { trim: true })
                .render(area, buf);
            return;
        }
        let header = Rect::new(area.x, area.y, area.width, 1);
        let body_h = self.body_height() as u16;
        let body = Rect::new(area.x, area.y + 1, area.width, body_h);
        let status_h = area.height.saturating_sub(body_h + 2);
        let status = Rect::new(area.x, area.y + 1 + body_h, area.width, status_h);
        let bar = Rect::new(area.x, area.bottom() - 1, area.width, 1);
        self.render_header(header, buf);
        self.render_body(body, buf);
        self.render_status(status, buf);
        render_bar(bar, buf, self.theme.bar(), |a| self.available(a));
        if self.help {
            self.render_help(area, buf);
        } else if self.file_list().is_some() {
            self.render_list(
                Rect::new(area.x, area.y + 1, area.width, area.height - 2),
                buf,
            );
        }
    }

    /// The file list over the report: one line per file, `✗ 2  ! 0  name`.
    fn render_list(&self, area: Rect, buf: &mut Buffer) {
        let Some(list) = self.file_list() else {
            return;
        };
        let shown = list.shown(&self.files);
        Clear.render(area, buf);
        let title = if list.filter.is_empty() {
            format!(" 文件列表（{} 个）· 输入名称筛选 ", self.files.len())
        } else {
            format!(
                " 文件列表：名称含“{}”的 {}/{} 个 ",
                list.filter,
                shown.len(),
                self.files.len()
            )
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .title(title)
            .title_bottom(" ↑↓ 选择  Enter 打开  Backspace 删字  Esc 关闭 ");
        let inner = block.inner(area);
        block.render(area, buf);
        let rows = usize::from(inner.height);
        if shown.is_empty() {
            buf.set_stringn(
                inner.x + 1,
                inner.y,
                "没有名称含这些字的文件",
                usize::from(inner.width.saturating_sub(1)),
                self.theme.warning(),
            );
        }
        for (dy, (n, &i)) in shown
            .iter()
            .enumerate()
            .skip(list.top)
            .take(rows)
            .enumerate()
        {
            let y = inner.y + dy as u16;
            let (tally, ts) = match self.files.known_tally(i) {
                Some(Some((e, w))) => (
                    format!("{ERROR_MARK} {e:<3} {WARNING_MARK} {w:<3}"),
                    if e > 0 {
                        self.theme.error()
                    } else if w > 0 {
                        self.theme.warning()
                    } else {
                        self.theme.ok()
                    },
                ),
                Some(None) => ("无法读取".to_string(), self.theme.error()),
                None => (String::new(), Style::new()),
            };
            let current = if i == self.index { "▸" } else { " " };
            let line = format!("{current}{:>4} ", i + 1);
            buf.set_stringn(inner.x, y, &line, usize::from(inner.width), Style::new());
            let tx = inner.x + line.width() as u16;
            buf.set_stringn(
                tx,
                y,
                &tally,
                usize::from(inner.right().saturating_sub(tx)),
                ts,
            );
            let nx = tx + 12;
            if nx < inner.right() {
                let name = truncate_left(&self.files.name(i), usize::from(inner.right() - nx));
                buf.set_stringn(nx, y, &name, usize::from(inner.right() - nx), Style::new());
            }
            if n == list.cursor {
                buf.set_style(Rect::new(inner.x, y, inner.width, 1), self.theme.focus());
            }
        }
    }

    fn render_header(&self, area: Rect, buf: &mut Buffer) {
        let style = self.theme.bar();
        buf.set_style(area, style);
        let count = format!(" {}/{} ", self.index + 1, self.files.len());
        let (e, w) = self.doc.tally;
        let tally = match &self.doc.report {
            None => " 无法读取 ".to_string(),
            // A report in another format than 2021 says so beside its tally (issue 15).
            Some(r) => match crate::tui::format::tag(r.tables()) {
                Some(tag) => format!(" {tag}  {ERROR_MARK} {e}  {WARNING_MARK} {w} "),
                None => format!(" {ERROR_MARK} {e}  {WARNING_MARK} {w} "),
            },
        };
        let name = self
            .files
            .path(self.index)
            .map(|p| super::doc::clean(&p.display().to_string(), false))
            .unwrap_or_default();
        let right = format!("{tally}│{count}");
        let room = usize::from(area.width)
            .saturating_sub(right.width())
            .saturating_sub(1);
        let name = truncate_left(&name, room);
        buf.set_stringn(area.x + 1, area.y, &name, room, style);
        let x = area.right().saturating_sub(right.width() as u16);
        buf.set_string(x, area.y, &right, style);
    }

    fn render_body(&self, area: Rect, buf: &mut Buffer) {
        let rows = &self.layout.rows;
        let focus = self.focus();
        let mut y = 0u16;
        while y < area.height {
            let i = self.scroll + usize::from(y);
            let Some(row) = rows.get(i) else { break };
            match row {
                Row::Blank => y += 1,
                Row::Text {
                    kind,
                    text,
                    cell,
                    finding,
                    ..
                } => {
                    let mut style = self.text_style(*kind);
                    let selected = finding.is_some() && *finding == self.selected;
                    let focused = cell.is_some() && *cell == focus;
                    let first = matches!(row, Row::Text { first: true, .. });
                    let mark = match finding {
                        Some(f) => self.finding_mark(*f),
                        None => cell.and_then(|c| self.cell_mark(c)),
                    };
                    if let Some(m) = mark {
                        let (sym, ms) = match m {
                            Mark::Error => (ERROR_MARK, self.theme.error()),
                            Mark::Warning => (WARNING_MARK, self.theme.warning()),
                            // The viewer never marks carried values.
                            Mark::Carried => (" ", Style::new()),
                        };
                        if first {
                            buf.set_string(area.x, area.y + y, sym, ms);
                        }
                        if *kind != TextKind::Finding {
                            style = style.patch(ms);
                        }
                    }
                    if selected || focused {
                        style = style.patch(self.theme.focus());
                    }
                    let x = area.x + GUTTER;
                    let w = area.width.saturating_sub(GUTTER);
                    let tx = if *kind == TextKind::Title {
                        let tw = (text.width() as u16).min(w);
                        x + (w - tw) / 2
                    } else {
                        x
                    };
                    buf.set_stringn(tx, area.y + y, text, usize::from(w), style);
                    // The current match of a search, reversed.
                    let search = self.search.as_ref().filter(|s| s.row() == Some(i));
                    if let Some(r) = search.and_then(|s| super::search::position(text, &s.query)) {
                        let before = text[..r.start].width() as u16;
                        let hit = &text[r.clone()];
                        let room = usize::from((x + w).saturating_sub(tx + before));
                        buf.set_stringn(
                            tx + before,
                            area.y + y,
                            hit,
                            room,
                            style.patch(self.theme.focus()),
                        );
                    }
                    y += 1;
                }
                Row::Table { table, line } => {
                    // Every consecutive row of this table that is on screen, drawn at once.
                    let mut n = 1u16;
                    while y + n < area.height
                        && matches!(rows.get(i + usize::from(n)), Some(Row::Table { table: t, .. }) if t == table)
                    {
                        n += 1;
                    }
                    let target = Rect::new(area.x, area.y + y, area.width, n);
                    self.render_table_slice(*table, *line, target, buf);
                    y += n;
                }
            }
        }
    }

    /// Draws lines `first..first + area.height` of a table into `area` (the lines above
    /// `first` are scrolled off the top of the screen); once lines are scrolled off, the
    /// header stays on top and the rows scroll under it (issue 13, item 16).
    fn render_table_slice(&self, table: Table, first: u16, area: Rect, buf: &mut Buffer) {
        let Some(report) = self.doc.report.as_ref() else {
            return;
        };
        let props = TableProps {
            report,
            focus: self.focus(),
            edit: None,
            marks: &self.doc.marks,
            theme: &self.theme,
        };
        tables::render_scrolled_keeping_header(table, &props, area, buf, first);
    }

    fn text_style(&self, kind: TextKind) -> Style {
        let t = &self.theme;
        match kind {
            TextKind::Title | TextKind::Section => t.header(),
            TextKind::PartHeading => t.label().add_modifier(ratatui::style::Modifier::BOLD),
            TextKind::Summary => {
                if self.doc.tally.0 > 0 {
                    t.error()
                } else if self.doc.tally.1 > 0 {
                    t.warning()
                } else {
                    t.ok()
                }
            }
            TextKind::Finding | TextKind::Paragraph | TextKind::Field => Style::new(),
            TextKind::Note => t.dim(),
            TextKind::Error => t.error(),
        }
    }

    fn render_status(&self, area: Rect, buf: &mut Buffer) {
        let (lines, style) = self.status_text();
        for (dy, line) in lines.iter().enumerate().take(usize::from(area.height)) {
            buf.set_stringn(
                area.x,
                area.y + dy as u16,
                line,
                usize::from(area.width),
                style,
            );
        }
    }
}

/// The help bar from the keymap (entries that do not fit are left out by priority).
fn render_bar(
    area: Rect,
    buf: &mut Buffer,
    bar: Style,
    available: impl Fn(keymap::Action) -> bool,
) {
    buf.set_style(area, bar);
    let mut x = area.x + 1;
    for item in keymap::bar_items_for(usize::from(area.width), available) {
        let need = (item.keys.width() + 1 + item.word.width()) as u16;
        if x + need > area.right() {
            break;
        }
        buf.set_string(
            x,
            area.y,
            item.keys,
            bar.add_modifier(ratatui::style::Modifier::BOLD),
        );
        buf.set_string(x + item.keys.width() as u16 + 1, area.y, item.word, bar);
        x += need + 2;
    }
}

/// Shortens `s` from the left to `max` columns (`…` in front), keeping the file name.
fn truncate_left(s: &str, max: usize) -> String {
    crate::text::width::fit_left(s, max)
}

pub use crate::tui::buffer_text;
