//! The dialogs over the screen: help, quit, overwrite, saved with errors.

use super::{fit, put, wrap};
use crate::text::{clean_line, clean_text};
use crate::tui::keys::{hint_line, keys_for};
use crate::tui::theme::{CARRIED_MARK, WARNING_MARK};
use crate::tui::wizard::keymap::{self, Action};
use crate::tui::wizard::state::{Dialog, Wizard};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::{Clear, Widget};
use unicode_width::UnicodeWidthStr;

/// The width inside a dialog's frame for a screen `width` columns wide.
pub(crate) fn inner_width(width: u16) -> u16 {
    width.saturating_sub(8).min(76)
}

/// Every line of the F1 help, for a dialog `inner_w` wide: each scope's bindings, then the
/// legend of the marks.
pub(crate) fn help_lines(w: &Wizard, inner_w: u16) -> Vec<(String, Style)> {
    let t = &w.theme;
    let mut lines = Vec::new();
    // A report in another format than 2021: what differs, first (issue 15).
    if let Some(n) = crate::tui::format::notes(w.report.tables()) {
        lines.push(("格式：".to_string(), t.header()));
        for l in wrap(&n, usize::from(inner_w.saturating_sub(4))) {
            lines.push((format!("  {l}"), t.warning()));
        }
    }
    let signed: &[&crate::tui::keys::Scope<Action>] = match w.report.version() {
        crate::model::schema::FormatVersion::V2019 => &[&keymap::TABLE_SIGNED],
        _ => &[],
    };
    let scopes = keymap::SCREEN_SCOPES.iter().flat_map(|s| {
        let extra: &[&crate::tui::keys::Scope<Action>] = if std::ptr::eq(*s, &keymap::TABLE) {
            signed
        } else {
            &[]
        };
        std::iter::once(*s).chain(extra.iter().copied())
    });
    for s in scopes {
        lines.push((format!("{}：", s.name), t.header()));
        let mut cur = String::from("  ");
        // Last year's keys (issue 14) with the parts' keys, only when there is last year's
        // report.
        let last_year = if std::ptr::eq(s, &keymap::PARTS) && w.last_year.is_some() {
            keymap::LAST_YEAR.bindings
        } else {
            &[]
        };
        for b in s
            .bindings
            .iter()
            .chain(last_year)
            .filter(|b| !b.help.is_empty())
        {
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
        "步骤栏 · 未填 ✓ 完成 ✗N N 处错误 !N N 处警告；格旁 ✗ 错误 ! 警告，详见状态行".into(),
        t.dim(),
    ));
    if w.last_year.is_some() {
        lines.push((
            format!(
                "{WARNING_MARK}N 有 N 处与上年报告不符（Y1/Y2）；格旁的 {CARRIED_MARK} 表示来自上年报告（可修改）"
            ),
            t.dim(),
        ));
    }
    lines
}

pub(super) fn draw_dialog(w: &Wizard, d: &Dialog, area: Rect, buf: &mut Buffer) {
    let t = &w.theme;
    let inner_w = inner_width(area.width);
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
            let all = help_lines(w, inner_w);
            // Scrolled by ↑↓ when it is longer than the screen (kept in range by `update`).
            let room = usize::from(area.height.saturating_sub(2));
            let start = w.help_scroll.min(all.len().saturating_sub(room));
            let more = all.len().saturating_sub(start + room);
            lines.extend(all.into_iter().skip(start).take(room));
            if more > 0 && !lines.is_empty() {
                lines.pop();
                lines.push((
                    format!(
                        "……还有 {} 行（{} 翻动）",
                        more + 1,
                        keys_for(&[&keymap::HELP_DIALOG], Action::Arrow)
                    ),
                    t.dim(),
                ));
            }
        }
        Dialog::ConfirmQuit => {
            title = "退出";
            lines.push(("有未保存的修改。".into(), Style::new()));
            if let Some(why) = &w.draft_failed {
                // Nothing on disk holds the typed work: say so, and offer another place.
                let warn = format!("草稿也未能写入（{why}）：现在退出会丢失这些修改。");
                for l in wrap(&clean_text(&warn), usize::from(inner_w.saturating_sub(2))) {
                    lines.push((l, t.error()));
                }
                lines.push((hint_line(&keymap::CONFIRM_QUIT_NO_DRAFT, "　"), t.header()));
            } else {
                lines.push((hint_line(&keymap::CONFIRM_QUIT, "　　"), t.header()));
            }
        }
        Dialog::ConfirmOverwrite(why) => {
            title = if why.contains("是只读文件") {
                "只读文件"
            } else {
                "文件已被改动"
            };
            for l in wrap(&clean_text(why), usize::from(inner_w.saturating_sub(2))) {
                lines.push((l, Style::new()));
            }
            lines.push(("要用现在的内容覆盖它吗？".into(), Style::new()));
            lines.push((hint_line(&keymap::CONFIRM_OVERWRITE, "　　"), t.header()));
        }
        Dialog::SaveAs { why, path } => {
            title = "保存失败：另存为";
            for l in wrap(
                &format!("未能保存：{}", clean_line(why)),
                usize::from(inner_w.saturating_sub(2)),
            ) {
                lines.push((l, t.error()));
            }
            lines.push((
                "文件未改动。可以输入另一个位置保存（~/ 表示主目录）：".into(),
                Style::new(),
            ));
            let shown = clean_line(path).into_owned();
            let room = usize::from(inner_w.saturating_sub(4));
            // The end of a long path stays visible (that is where one types).
            let mut used = 0;
            let mut tail: Vec<char> = Vec::new();
            for ch in shown.chars().rev() {
                used += unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
                if used > room {
                    break;
                }
                tail.push(ch);
            }
            let tail: String = tail.into_iter().rev().collect();
            lines.push((format!("> {tail}▏"), t.focus()));
            lines.push((hint_line(&keymap::SAVE_AS, "　　"), t.header()));
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
            // Each error wrapped, not cut: its numbers always show.
            let mut shown = 0;
            for e in errors {
                let e = format!("{} {}", crate::tui::theme::ERROR_MARK, clean_line(e));
                let wrapped = wrap(&e, usize::from(inner_w.saturating_sub(2)));
                if lines.len() + wrapped.len() > room {
                    break;
                }
                lines.extend(wrapped.into_iter().map(|l| (l, t.error())));
                shown += 1;
            }
            if errors.len() > shown {
                lines.push((format!("……另有 {} 处", errors.len() - shown), t.dim()));
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
