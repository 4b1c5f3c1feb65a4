//! The header, the step bar, the status line and the help bar.

use super::{fit, put};
use crate::rules::{Rule, Severity};
use crate::text::clean_line;
use crate::tui::keys::{find, Binding};
use crate::tui::theme::{CARRIED_MARK, ERROR_MARK, WARNING_MARK};
use crate::tui::wizard::findings;
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
        StepState::Warnings(n) => format!("{n} 处警告"),
        StepState::Done => "完成".into(),
    }
}

/// A count in a step's slot: one digit, or `9+` (the step's own count is spelled out at the
/// end of the bar, and step 8 lists every finding), so that `✗12` never runs into the next
/// step's number (`✗125✓` read as 12 and 5 or as 125).
fn slot_count(n: usize) -> String {
    if n > 9 {
        "9+".into()
    } else {
        n.to_string()
    }
}

/// A step's mark in a slot of fixed width (three columns), so that a count that grows moves
/// nothing after it.
fn state_mark(s: StepState) -> String {
    let m = match s {
        StepState::Empty => "·".into(),
        StepState::Errors(n) => format!("{ERROR_MARK}{}", slot_count(n)),
        StepState::Warnings(n) => format!("{WARNING_MARK}{}", slot_count(n)),
        StepState::Done => "✓".into(),
    };
    format!("{m:<3}")
}

fn state_style(w: &Wizard, st: StepState) -> Style {
    let t = &w.theme;
    match st {
        StepState::Errors(_) => t.error(),
        StepState::Warnings(_) => t.warning(),
        StepState::Done => t.ok(),
        StepState::Empty => t.dim(),
    }
}

/// The step bar: every step with its mark in a fixed slot, the current one named; the
/// current step's state spelled out at the end.
pub(super) fn draw_steps(w: &Wizard, area: Rect, buf: &mut Buffer) {
    let t = &w.theme;
    let end = area.x + area.width;
    let mut x = area.x;
    // A report in another format than 2021 says so first (issue 15); the steps' names then
    // need that much more room.
    let tag = crate::tui::format::tag(w.report.tables());
    let tag_w = tag.as_ref().map_or(0, |t| t.width() as u16 + 1);
    let wide = area.width >= 110 + tag_w;
    if let Some(tag) = tag {
        x = put(buf, x, area.y, &tag, t.warning(), end);
        x = put(buf, x, area.y, " ", t.label(), end);
    }
    for s in Step::ALL {
        let st = w.step_state(s);
        let n = s.index() + 1;
        if s == w.step {
            x = put(
                buf,
                x,
                area.y,
                &format!("[{n} {}]", s.short()),
                t.focus(),
                end,
            );
        } else if wide {
            x = put(
                buf,
                x,
                area.y,
                &format!("{n} {}", s.short()),
                t.label(),
                end,
            );
        } else {
            x = put(buf, x, area.y, &format!("{n}"), t.label(), end);
        }
        x = put(buf, x, area.y, &state_mark(st), state_style(w, st), end);
        // Findings against last year's report (Y1/Y2/X2, warnings) beside a step's errors
        // (a step with only warnings counts them in its mark already).
        let cross = w.cross_year_count(s);
        if cross > 0 && s != w.step && !matches!(st, StepState::Warnings(_)) {
            let m = format!("{WARNING_MARK}{:<2}", slot_count(cross));
            x = put(buf, x, area.y, &m, t.warning(), end);
        }
    }
    let st = w.step_state(w.step);
    let mut text = format!(" 本步：{}", state_text(st));
    let cross = w.cross_year_count(w.step);
    if cross > 0 {
        text.push_str(&format!("，{WARNING_MARK}{cross} 处与上年不符"));
    }
    put(buf, x, area.y, &text, state_style(w, st), end);
}

/// The status lines: the focused place on the first; on the second a message, the reason a
/// key was refused, or the findings of the focused place (the numbers last, the place on a
/// line of its own).
pub(super) fn draw_status(w: &Wizard, place: Rect, note: Rect, buf: &mut Buffer) {
    let t = &w.theme;
    let end = place.x + place.width;
    let label = match w.focus {
        Field::Finding(i) => w
            .findings
            .get(i)
            .map(|f| f.place.to_string())
            .unwrap_or_default(),
        f => w.place_label(f),
    };
    let label = match w.focus_kind() {
        Kind::Computed => format!("{label}（自动计算）"),
        _ => label,
    };
    put(
        buf,
        place.x,
        place.y,
        &fit(&clean_line(&label), usize::from(place.width)),
        t.dim(),
        end,
    );
    let (text, style) = note_text(w);
    put(
        buf,
        note.x,
        note.y,
        &fit(&clean_line(&text), usize::from(note.width)),
        style,
        end,
    );
}

/// The second status line and its style.
fn note_text(w: &Wizard) -> (String, Style) {
    let t = &w.theme;
    if let Some((tone, msg)) = &w.message {
        return match tone {
            Tone::Error => (format!("{ERROR_MARK} {msg}"), t.error()),
            Tone::Info => (format!("» {msg}"), t.ok()),
        };
    }
    if let Some(why) = &w.draft_failed {
        // Until a draft is written again, the clerk must know nothing on disk holds the
        // typed work.
        return (
            format!("{ERROR_MARK} 草稿未能写入：{why}；请尽快保存（Ctrl-S）"),
            t.error(),
        );
    }
    if let Some((f, why)) = &w.doubt {
        if *f == w.focus {
            return (format!("{ERROR_MARK} {why}"), t.error());
        }
    }
    if let Some((_, why)) = w
        .focus
        .cell_ref()
        .and_then(|c| w.invalid.iter().find(|(x, _)| *x == c))
    {
        return (format!("{ERROR_MARK} {why}"), t.error());
    }
    let found: Vec<_> = match w.focus {
        Field::Finding(i) => w.findings.get(i).into_iter().collect(),
        _ => w
            .focus_findings()
            .into_iter()
            .filter(|f| !matches!(f.rule, Rule::Y1 | Rule::Y2 | Rule::X2))
            .collect(),
    };
    // Last year's report (issue 14): a failing Y1/Y2 with both numbers first, or where a
    // carried value came from after the cell's own finding.
    let (text, style) = finding_text(w, &found);
    match (w.last_year_status(), text.is_empty()) {
        (Some((true, ly)), true) => (format!("{WARNING_MARK} {ly}"), t.warning()),
        (Some((true, ly)), false) => (format!("{WARNING_MARK} {ly}  {text}"), style),
        (Some((false, ly)), true) => (format!("{CARRIED_MARK} {ly}"), t.carried()),
        (Some((false, ly)), false) => (format!("{text}  {CARRIED_MARK} {ly}"), style),
        (None, _) => (text, style),
    }
}

/// The first of a place's findings, numbers last, and how many more there are.
fn finding_text(w: &Wizard, found: &[&crate::rules::Finding]) -> (String, Style) {
    let t = &w.theme;
    match found.first() {
        Some(f) => {
            let style = match f.severity {
                Severity::Error => t.error(),
                Severity::Warning => t.warning(),
            };
            let mut s = format!(
                "{} {} {}：{}",
                findings::mark(f),
                f.rule,
                f.severity.chinese(),
                findings::detail_fixed_slots(&f.detail)
            );
            if found.len() > 1 {
                s = format!("{s}（另有 {} 处）", found.len() - 1);
            }
            (s, style)
        }
        None => (String::new(), Style::new()),
    }
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
