//! Drawing the overview: a pure function of its state.

use super::keymap::KEYMAP;
use super::{file_name, Overview};
use crate::summary::fit::{self, cut, pad};
use crate::summary::{Column, Figures, Row};
use crate::text::clean_line;
use crate::tui::theme::ERROR_MARK;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use unicode_width::UnicodeWidthStr;

/// The smallest terminal the overview draws in.
pub const MIN_WIDTH: u16 = 40;
/// The smallest terminal height the overview draws in.
pub const MIN_HEIGHT: u16 = 10;

impl Overview {
    /// Draws the overview into `buf`.
    pub fn render(&self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            buf.set_stringn(
                area.x,
                area.y,
                format!("终端太小：总览至少需要 {MIN_WIDTH} 列 × {MIN_HEIGHT} 行；Esc 返回"),
                usize::from(area.width),
                Style::new(),
            );
            return;
        }
        let fitted = self.fitted();
        let bar = self.theme.bar();
        // Title.
        let title_area = Rect::new(area.x, area.y, area.width, 1);
        buf.set_style(title_area, bar);
        let mut title = format!(" 总览 · 共 {} 份", self.paths.len());
        if self.errors_only {
            title.push_str(&format!(" · 只看有错误（{} 份）", self.order.len()));
        }
        if let Some((c, reverse)) = self.sort {
            let dir = if reverse {
                "从大到小"
            } else {
                "从小到大"
            };
            title.push_str(&format!(" · 按{}{dir}", c.def().label));
        }
        buf.set_stringn(area.x, area.y, &title, usize::from(area.width), bar);
        let with_errors = self
            .rows
            .iter()
            .flatten()
            .filter(|r| r.has_errors())
            .count();
        let right = format!(" {ERROR_MARK} {with_errors} 份有错误或无法读取 ");
        if title.width() + right.width() < usize::from(area.width) {
            let x = area.right() - right.width() as u16;
            buf.set_string(x, area.y, &right, bar);
        }
        // Column headers; the focused one reversed.
        let y = area.y + 1;
        let mut x = area.x + 1;
        for (i, c) in fitted.shown.iter().enumerate() {
            let w = fitted.widths[i];
            let text = pad(c.def().label, w, c.is_numeric());
            let mut style = self.theme.header();
            if *c == self.column {
                style = style.patch(self.theme.focus());
            }
            buf.set_stringn(x, y, &text, w, style);
            x += (w + fit::GAP) as u16;
        }
        // Rows.
        let body = self.body_height();
        for (k, &file) in self.order.iter().skip(self.scroll).take(body).enumerate() {
            let y = area.y + 2 + k as u16;
            let selected = self.scroll + k == self.cursor;
            let style = if selected {
                self.theme.focus()
            } else {
                Style::new()
            };
            if selected {
                buf.set_style(Rect::new(area.x, y, area.width, 1), style);
            }
            match &self.rows[file] {
                Some(Row::Report { figures, .. }) => {
                    if figures.errors > 0 {
                        buf.set_string(area.x, y, ERROR_MARK, self.theme.error().patch(style));
                    }
                    self.render_cells(buf, area.x + 1, y, &fitted, figures, style);
                }
                Some(Row::Unreadable { error, file: f }) => {
                    buf.set_string(area.x, y, ERROR_MARK, self.theme.error().patch(style));
                    let name = file_name(&self.paths[file]);
                    let error = error.strip_prefix(f.as_str()).unwrap_or(error).trim_start();
                    let text = format!(
                        "{}{}无法读取：{}",
                        pad(&cut(&name, fitted.widths[0]), fitted.widths[0], false),
                        " ".repeat(fit::GAP),
                        clean_line(error)
                    );
                    let w = usize::from(area.width - 1);
                    buf.set_stringn(
                        area.x + 1,
                        y,
                        cut(&text, w),
                        w,
                        self.theme.error().patch(style),
                    );
                }
                None => {
                    let name = file_name(&self.paths[file]);
                    let text = format!(
                        "{}{}…",
                        pad(&cut(&name, fitted.widths[0]), fitted.widths[0], false),
                        " ".repeat(fit::GAP)
                    );
                    buf.set_stringn(
                        area.x + 1,
                        y,
                        &text,
                        usize::from(area.width - 1),
                        self.theme.dim().patch(style),
                    );
                }
            }
        }
        // Totals under a rule.
        let rule_y = area.bottom() - 4;
        let total_w: usize =
            fitted.widths.iter().sum::<usize>() + fit::GAP * fitted.shown.len().saturating_sub(1);
        buf.set_stringn(
            area.x + 1,
            rule_y,
            "─".repeat(total_w),
            usize::from(area.width - 1),
            self.theme.dim(),
        );
        let totals = self.totals();
        self.render_cells(
            buf,
            area.x + 1,
            rule_y + 1,
            &fitted,
            &totals,
            Style::new().add_modifier(Modifier::BOLD),
        );
        // Status: progress, a message, or where the cursor is and what is left out.
        let status_y = area.bottom() - 2;
        let (status, style) = if let Some(m) = &self.message {
            (m.clone(), self.theme.warning())
        } else if self.pending() {
            (
                format!(
                    "正在计算 {}/{} 份…（可以先移动、排序、打开）",
                    self.computed,
                    self.paths.len()
                ),
                self.theme.warning(),
            )
        } else {
            let mut s = format!(
                "第 {}/{} 份",
                (self.cursor + 1).min(self.order.len()),
                self.order.len()
            );
            if !fitted.left_out.is_empty() {
                s.push_str("  未显示：");
                s.push_str(
                    &fitted
                        .left_out
                        .iter()
                        .map(|c| c.def().label)
                        .collect::<Vec<_>>()
                        .join("、"),
                );
            }
            (s, self.theme.dim())
        };
        let w = usize::from(area.width - 1);
        buf.set_stringn(area.x + 1, status_y, cut(&status, w), w, style);
        // Help bar.
        let bar_y = area.bottom() - 1;
        buf.set_style(Rect::new(area.x, bar_y, area.width, 1), bar);
        let mut x = area.x + 1;
        for (keys, word) in KEYMAP.iter().filter_map(|b| b.bar) {
            let need = (keys.width() + 1 + word.width()) as u16;
            if x + need > area.right() {
                break;
            }
            buf.set_string(x, bar_y, keys, bar.add_modifier(Modifier::BOLD));
            buf.set_string(x + keys.width() as u16 + 1, bar_y, word, bar);
            x += need + 2;
        }
    }

    fn render_cells(
        &self,
        buf: &mut Buffer,
        x0: u16,
        y: u16,
        fitted: &fit::Fitted,
        f: &Figures,
        style: Style,
    ) {
        let mut x = x0;
        for (i, c) in fitted.shown.iter().enumerate() {
            let w = fitted.widths[i];
            let v = clean_line(&f.value(*c).display()).into_owned();
            let mut s = style;
            if *c == Column::Errors && f.errors > 0 {
                s = self.theme.error().patch(style);
            }
            buf.set_stringn(x, y, pad(&cut(&v, w), w, c.is_numeric()), w, s);
            x += (w + fit::GAP) as u16;
        }
    }
}
