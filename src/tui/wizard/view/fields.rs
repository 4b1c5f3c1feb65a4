//! Labelled fields, the marks of findings, and step 1 (基本信息).

use super::{fit, put, wrap};
use crate::model::schema::{AGENCY_LABEL, TITLE_LABEL, YEAR_LABEL};
use crate::model::CellRef;
use crate::rules::Severity;
use crate::text::clean_line;
use crate::tui::keys::keys_for;
use crate::tui::tables::Mark;
use crate::tui::theme::{CARRIED_MARK, ERROR_MARK, WARNING_MARK};
use crate::tui::wizard::keymap::{self, Action};
use crate::tui::wizard::state::{Field, Kind, Wizard};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::widgets::Widget;

/// The marks of findings for table drawing.
pub(super) fn marks(w: &Wizard) -> Vec<(CellRef, Mark)> {
    let mut v: Vec<(CellRef, Mark)> = Vec::new();
    for f in &w.findings {
        let m = match f.severity {
            Severity::Error => Mark::Error,
            Severity::Warning => Mark::Warning,
        };
        for c in &f.cells {
            match v.iter_mut().find(|(x, _)| x == c) {
                Some(e) if m == Mark::Error => e.1 = Mark::Error,
                Some(_) => {}
                None => v.push((*c, m)),
            }
        }
    }
    let doubted = w.doubt.as_ref().and_then(|(f, _)| f.cell_ref());
    for c in doubted.into_iter().chain(w.invalid.iter().map(|(c, _)| *c)) {
        match v.iter_mut().find(|(x, _)| *x == c) {
            Some(e) => e.1 = Mark::Error,
            None => v.push((c, Mark::Error)),
        }
    }
    // Cells still holding last year's values (issue 14); a finding's mark wins.
    for c in w.carried_cells() {
        if !v.iter().any(|(x, _)| *x == c) {
            v.push((c, Mark::Carried));
        }
    }
    v
}

pub(super) fn mark_of(w: &Wizard, c: CellRef) -> Option<Mark> {
    if w.doubt.as_ref().and_then(|(f, _)| f.cell_ref()) == Some(c)
        || w.invalid.iter().any(|(x, _)| *x == c)
    {
        return Some(Mark::Error);
    }
    let mut out = None;
    for f in &w.findings {
        if f.cells.contains(&c) {
            if f.severity == Severity::Error {
                return Some(Mark::Error);
            }
            out = Some(Mark::Warning);
        }
    }
    out.or_else(|| w.origin_of(c).map(|_| Mark::Carried))
}

/// One labelled field on one row: `label  value`. Returns the caret position when focused.
pub(super) fn draw_field(
    w: &Wizard,
    field: Field,
    label: &str,
    label_w: u16,
    area: Rect,
    buf: &mut Buffer,
) -> Option<Position> {
    let t = &w.theme;
    let focused = w.focus == field;
    let end = area.x + area.width;
    let mark = field.cell_ref().and_then(|c| mark_of(w, c));
    let lstyle = if focused { t.focus() } else { t.label() };
    put(buf, area.x, area.y, label, lstyle, end);
    let mx = area.x + label_w;
    match mark {
        Some(Mark::Error) => put(buf, mx + 1, area.y, ERROR_MARK, t.error(), end),
        Some(Mark::Warning) => put(buf, mx + 1, area.y, WARNING_MARK, t.warning(), end),
        Some(Mark::Carried) => put(buf, mx + 1, area.y, CARRIED_MARK, t.carried(), end),
        None => mx,
    };
    let vx = mx + 3;
    if vx >= end {
        return None;
    }
    let rect = Rect::new(vx, area.y, end - vx, 1);
    match w.kind_of(field) {
        Kind::Line if focused => {
            let ed = w.editor()?;
            ed.render(rect, buf);
            Some(caret(ed, rect))
        }
        Kind::Line | Kind::Text => {
            let text = w.text_of(field);
            if text.is_empty() {
                put(buf, vx, area.y, "（空）", t.dim(), end);
            } else {
                let s = fit(&clean_line(&text), usize::from(rect.width));
                put(buf, vx, area.y, &s, Style::new(), end);
            }
            None
        }
        _ => {
            let text = match w.edit_text() {
                Some(s) if focused => s.to_string(),
                _ => w.value_text(field),
            };
            let nx = put(buf, vx, area.y, &text, Style::new(), end);
            focused.then_some(Position::new(nx.min(end - 1), area.y))
        }
    }
}

/// Where the terminal cursor goes for an editor drawn in `rect`.
pub(super) fn caret(ed: &ratatui_textarea::TextArea<'_>, rect: Rect) -> Position {
    let sc = ed.screen_cursor();
    let (top, left) = ed.scroll_offset();
    let row = (sc.row as u16)
        .saturating_sub(top)
        .min(rect.height.saturating_sub(1));
    let col = (sc.col as u16)
        .saturating_sub(left)
        .min(rect.width.saturating_sub(1));
    Position::new(rect.x + col, rect.y + row)
}

pub(super) fn draw_basic(w: &Wizard, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let t = &w.theme;
    let x = area.x + 2;
    let width = area.width.saturating_sub(4);
    let row = |i: u16| Rect::new(x, area.y + 1 + i, width, 1);
    let mut cur = None;
    for (i, (f, label)) in [
        (Field::Agency, AGENCY_LABEL),
        (Field::Year, YEAR_LABEL),
        (Field::Title, TITLE_LABEL),
    ]
    .into_iter()
    .enumerate()
    {
        let r = row(i as u16 * 2);
        if let Some(p) = draw_field(w, f, label, 8, r, buf) {
            cur = Some(p);
        }
    }
    let end = area.x + area.width;
    let y = area.y + 6;
    put(buf, x + 11, y, "可不填；不填时用标准标题：", t.dim(), end);
    let std = clean_line(&w.report.standard_title()).into_owned();
    put(buf, x + 11, y + 1, &std, t.label(), end);
    // 开头段落: a multi-line field below the title.
    let y = area.y + 9;
    let bottom = area.y + area.height;
    if y < bottom {
        let label_style = if w.focus == Field::Preamble {
            t.focus()
        } else {
            t.label()
        };
        put(buf, x, y, "开头段落", label_style, end);
        let hint = format!(
            "（一、之前的一段话；可修改，{} 清空）",
            keys_for(&[&keymap::GLOBAL], Action::Clear)
        );
        put(buf, x + 10, y, &hint, t.dim(), end);
    }
    // In another format than 2021 the first hint says what differs (issue 15).
    let first = match crate::tui::format::notes(w.report.tables()) {
        Some(n) => n,
        None => format!("{YEAR_LABEL}默认为上一年。"),
    };
    let hints = [format!(
        "{first}填好后按 {} 进入下一步；{} 直达任何一步。数字随填随查，错误标 ✗，在第 8 步列出。",
        keys_for(&[&keymap::GLOBAL], Action::NextStep),
        keys_for(&[&keymap::GLOBAL], Action::GoStep)
    )];
    let hint_lines: Vec<String> = hints
        .iter()
        .flat_map(|h| wrap(h, usize::from(width)))
        .collect();
    let hint_rows = (hint_lines.len() as u16).max(2);
    let box_y = y + 1;
    let box_h = bottom.saturating_sub(box_y + hint_rows + 1).clamp(1, 6);
    if box_y + box_h <= bottom {
        let rect = Rect::new(x + 2, box_y, width.saturating_sub(2), box_h);
        let focused = w.focus == Field::Preamble;
        for yy in rect.y..rect.y + rect.height {
            put(
                buf,
                x,
                yy,
                "│",
                if focused { t.header() } else { t.dim() },
                end,
            );
        }
        if focused {
            if let Some(ed) = w.editor() {
                ed.render(rect, buf);
                cur = Some(caret(ed, rect));
            }
        } else if w.report.preamble.is_empty() {
            put(
                buf,
                rect.x,
                rect.y,
                "（空：报告从“一、总体情况”开始）",
                t.dim(),
                end,
            );
        } else {
            let text = crate::text::clean_text(&w.report.preamble).into_owned();
            for (k, l) in wrap(&text, usize::from(rect.width))
                .iter()
                .take(usize::from(box_h))
                .enumerate()
            {
                put(buf, rect.x, rect.y + k as u16, l, Style::new(), end);
            }
        }
    }
    let y = box_y + box_h + 1;
    for (j, l) in hint_lines.iter().enumerate() {
        let yy = y + j as u16;
        if yy < bottom {
            put(buf, x, yy, l, t.dim(), end);
        }
    }
    cur
}
