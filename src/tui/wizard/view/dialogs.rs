//! The dialogs over the screen: help, quit, overwrite, saved with errors.

use super::{fit, put, wrap};
use crate::text::{clean_line, clean_text};
use crate::tui::keys::{hint_line, keys_for};
use crate::tui::theme::ERROR_MARK;
use crate::tui::wizard::keymap::{self, Action};
use crate::tui::wizard::state::{Dialog, Wizard};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::{Clear, Widget};
use unicode_width::UnicodeWidthStr;

pub(super) fn draw_dialog(w: &Wizard, d: &Dialog, area: Rect, buf: &mut Buffer) {
    let t = &w.theme;
    let inner_w = area.width.saturating_sub(8).min(76);
    let mut lines: Vec<(String, Style)> = Vec::new();
    let title: &str;
    let title_owned: String;
    match d {
        Dialog::Help => {
            title_owned = format!(
                "全部按键（{} 关闭）",
                keys_for(&[&keymap::HELP_DIALOG], Action::Close)
            );
            title = &title_owned;
            for s in keymap::SCREEN_SCOPES {
                lines.push((format!("{}：", s.name), t.header()));
                let mut cur = String::from("  ");
                for b in s.bindings.iter().filter(|b| !b.help.is_empty()) {
                    let e = format!("{} {}", b.label(), b.help);
                    if cur.width() + e.width() + 3 > usize::from(inner_w) && cur.trim() != "" {
                        lines.push((std::mem::take(&mut cur), Style::new()));
                        cur.push_str("  ");
                    }
                    cur.push_str(&e);
                    cur.push_str("   ");
                }
                if !cur.trim().is_empty() {
                    lines.push((cur, Style::new()));
                }
            }
            lines.push((
                "步骤栏：· 未填　✓ 完成　✗N 有 N 处错误；数字格旁的 ✗ 表示该格有错误".into(),
                t.dim(),
            ));
        }
        Dialog::ConfirmQuit => {
            title = "退出";
            lines.push(("有未保存的修改。".into(), Style::new()));
            lines.push((hint_line(&keymap::CONFIRM_QUIT, "　　"), t.header()));
        }
        Dialog::ConfirmOverwrite(why) => {
            title = "文件已被改动";
            for l in wrap(&clean_text(why), usize::from(inner_w.saturating_sub(2))) {
                lines.push((l, Style::new()));
            }
            lines.push(("要用现在的内容覆盖它吗？".into(), Style::new()));
            lines.push((hint_line(&keymap::CONFIRM_OVERWRITE, "　　"), t.header()));
        }
        Dialog::SavedWithErrors(errors) => {
            title = "已保存";
            lines.push((
                format!(
                    "已保存到 {}，但报告中仍有 {} 处错误：",
                    clean_line(&w.path.display().to_string()),
                    errors.len()
                ),
                Style::new(),
            ));
            let room = usize::from(area.height.saturating_sub(8)).max(1);
            for e in errors.iter().take(room) {
                lines.push((format!("{ERROR_MARK} {}", clean_line(e)), t.error()));
            }
            if errors.len() > room {
                lines.push((format!("……另有 {} 处", errors.len() - room), t.dim()));
            }
            lines.push((hint_line(&keymap::SAVED_WITH_ERRORS, "　　"), t.header()));
        }
    }
    let h = (lines.len() as u16 + 2).min(area.height);
    let rect = Rect::new(
        area.x + (area.width - inner_w - 2) / 2,
        area.y + (area.height - h) / 2,
        inner_w + 2,
        h,
    );
    // One column more on each side, so no wide character sticks into the frame.
    let wider = Rect::new(
        rect.x.saturating_sub(1),
        rect.y,
        (rect.width + 2).min(area.x + area.width - rect.x.saturating_sub(1)),
        rect.height,
    );
    Clear.render(wider, buf);
    let end = rect.x + rect.width;
    // A frame.
    let top = format!("┌─ {title} ");
    put(buf, rect.x, rect.y, &top, t.header(), end);
    for x in rect.x + top.width() as u16..end - 1 {
        put(buf, x, rect.y, "─", t.header(), end);
    }
    put(buf, end - 1, rect.y, "┐", t.header(), end);
    for y in rect.y + 1..rect.y + h - 1 {
        put(buf, rect.x, y, "│", t.header(), end);
        put(buf, end - 1, y, "│", t.header(), end);
    }
    put(buf, rect.x, rect.y + h - 1, "└", t.header(), end);
    for x in rect.x + 1..end - 1 {
        put(buf, x, rect.y + h - 1, "─", t.header(), end);
    }
    put(buf, end - 1, rect.y + h - 1, "┘", t.header(), end);
    for (i, (l, st)) in lines.iter().enumerate() {
        let y = rect.y + 1 + i as u16;
        if y >= rect.y + h - 1 {
            break;
        }
        let s = fit(l, usize::from(inner_w - 1));
        buf.set_span(rect.x + 2, y, &Span::styled(s, *st), inner_w - 1);
    }
}
