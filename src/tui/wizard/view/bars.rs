//! The header, the step bar, the status line and the help bar.

use super::{fit, put};
use crate::model::CellRef;
use crate::rules::Rule;
use crate::text::clean_line;
use crate::tui::keys::{find, Binding};
use crate::tui::theme::ERROR_MARK;
use crate::tui::wizard::keymap::{self, Action};
use crate::tui::wizard::state::{Field, Kind, StepState, Tone, Wizard};
use crate::tui::wizard::steps::Step;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

pub(super) fn draw_header(w: &Wizard, area: Rect, buf: &mut Buffer) {
    let t = &w.theme;
    buf.set_style(area, t.bar());
    let left = format!(" 第 {} 步 {}", w.step.index() + 1, w.step.title());
    let file = clean_line(&w.path.display().to_string()).into_owned();
    let right = if w.dirty {
        format!("{file} · 未保存 ")
    } else {
        format!("{file} ")
    };
    let rw = right.width().min(usize::from(area.width) / 2) as u16;
    let end = area.x + area.width;
    put(
        buf,
        area.x,
        area.y,
        &left,
        t.bar(),
        end.saturating_sub(rw + 1),
    );
    let right = fit(&right, usize::from(rw));
    put(
        buf,
        end - right.width() as u16,
        area.y,
        &right,
        t.bar(),
        end,
    );
}

fn state_text(s: StepState) -> String {
    match s {
        StepState::Empty => "未填".into(),
        StepState::Errors(n) => format!("{n} 处错误"),
        StepState::Done => "完成".into(),
    }
}

fn state_mark(s: StepState) -> String {
    match s {
        StepState::Empty => "·".into(),
        StepState::Errors(n) => format!("{ERROR_MARK}{n}"),
        StepState::Done => "✓".into(),
    }
}

pub(super) fn draw_steps(w: &Wizard, area: Rect, buf: &mut Buffer) {
    let t = &w.theme;
    let wide = area.width >= 110;
    let end = area.x + area.width;
    let mut x = area.x;
    for s in Step::ALL {
        let st = w.step_state(s);
        let style = match st {
            StepState::Errors(_) => t.error(),
            StepState::Done => t.ok(),
            StepState::Empty => t.dim(),
        };
        let n = s.index() + 1;
        if s == w.step {
            let text = format!("[{n} {} {}]", s.short(), state_text(st));
            x = put(buf, x, area.y, &text, t.focus(), end);
        } else if wide {
            x = put(
                buf,
                x,
                area.y,
                &format!("{n} {}", s.short()),
                t.label(),
                end,
            );
            x = put(buf, x, area.y, &state_mark(st), style, end);
        } else {
            x = put(buf, x, area.y, &format!("{n}"), t.label(), end);
            x = put(buf, x, area.y, &state_mark(st), style, end);
        }
        x = put(buf, x, area.y, " ", Style::new(), end);
    }
}

pub(super) fn draw_status(w: &Wizard, area: Rect, buf: &mut Buffer) {
    let t = &w.theme;
    let end = area.x + area.width;
    if let Some((tone, msg)) = &w.message {
        let (mark, style) = match tone {
            Tone::Error => (ERROR_MARK, t.error()),
            Tone::Info => ("»", t.ok()),
        };
        let msg = fit(
            &format!("{mark} {}", clean_line(msg)),
            usize::from(area.width),
        );
        put(buf, area.x, area.y, &msg, style, end);
        return;
    }
    let mut x = area.x;
    if let Field::Cell(CellRef::B { col, .. }) = w.focus {
        if let Some(f) = w.b3_of_column(col) {
            let s = format!(
                "{ERROR_MARK} B3 {}：{} ",
                crate::model::schema::B_COLUMNS[col].label,
                f.detail
            );
            x = put(buf, x, area.y, &s, t.error(), end);
        }
    }
    let label = w.place_label(w.focus);
    let label = match w.focus.kind() {
        Kind::Computed => format!("{label}（自动计算）"),
        _ => label,
    };
    let room = usize::from(end.saturating_sub(x));
    put(
        buf,
        x,
        area.y,
        &fit(&clean_line(&label), room),
        t.dim(),
        end,
    );
}

/// The help bar's entries for the focused widget: its scopes' bar entries first, then the
/// global ones, as (keys, word).
pub(crate) fn bar_entries(w: &Wizard) -> Vec<(String, &'static str, Action)> {
    let scopes = w.scopes();
    let entry = |b: &Binding<Action>| b.bar.map(|word| (b.label(), word, b.action));
    let mut out: Vec<(String, &'static str, Action)> = scopes
        .iter()
        .filter(|s| !std::ptr::eq(**s, &keymap::GLOBAL))
        .flat_map(|s| s.bindings.iter().filter_map(entry))
        .collect();
    out.extend(keymap::GLOBAL.bindings.iter().filter_map(entry));
    // Stored totals that disagree with their parts (a file opened with `edit`): offer F5.
    if w.findings
        .iter()
        .any(|f| matches!(f.rule, Rule::B1 | Rule::B2 | Rule::C1))
    {
        if let Some(b) = find(&[&keymap::GLOBAL], Action::Recompute) {
            out.insert(0, (b.label(), b.help, b.action));
        }
    }
    out
}

/// The order in which a narrow help bar leaves entries out.
const DROP_FIRST: &[Action] = &[
    Action::PrevStep,
    Action::NextField,
    Action::NextStep,
    Action::AddPart,
    Action::Save,
    Action::Quit,
];

pub(super) fn draw_help_bar(w: &Wizard, area: Rect, buf: &mut Buffer) {
    let t = &w.theme;
    let mut entries = bar_entries(w);
    let width = |e: &[(String, &str, Action)]| -> usize {
        e.iter()
            .map(|(k, word, _)| k.width() + word.width() + 3)
            .sum::<usize>()
    };
    while entries.len() > 1 && width(&entries) > usize::from(area.width) {
        // Drop what is easiest to do without first; F1 (last) stays.
        let drop = DROP_FIRST
            .iter()
            .find_map(|a| entries.iter().position(|e| e.2 == *a))
            .unwrap_or(entries.len() - 2);
        entries.remove(drop);
    }
    let end = area.x + area.width;
    let mut x = area.x;
    for (keys, word, _) in entries {
        x = put(buf, x, area.y, &keys, t.header(), end);
        x = put(buf, x, area.y, &format!(" {word}  "), t.dim(), end);
    }
}
