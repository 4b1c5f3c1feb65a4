//! `view(&state, frame)`: draws the wizard. A pure function of the state (the only state it
//! touches are the scroll positions that keep the focus visible).

use super::keymap::{bar_entries, scope_name, Scope, KEYMAP};
use super::state::{Dialog, Field, Kind, Step, StepState, Tone, Wizard};
use crate::model::schema::{FEE_FIELDS, SECTIONS};
use crate::model::{CellRef, ProseSection, Report};
use crate::rules::Severity;
use crate::text::{clean_line, clean_text};
use crate::tui::tables::{self, Mark, Table, TableProps};
use crate::tui::theme::{Theme, ERROR_MARK, WARNING_MARK};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};
use ratatui::Frame;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The smallest terminal the wizard draws in.
pub const MIN_SIZE: (u16, u16) = (60, 16);

/// Draws the whole wizard into the frame and places the terminal cursor at the caret.
pub fn view(w: &Wizard, frame: &mut Frame) {
    let area = frame.area();
    let cursor = draw(w, area, frame.buffer_mut());
    if let Some(p) = cursor {
        frame.set_cursor_position(p);
    }
}

/// Draws into a buffer; returns where the terminal cursor belongs.
pub fn draw(w: &Wizard, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let t = &w.theme;
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        too_small(area, buf, t);
        return None;
    }
    let header = Rect::new(area.x, area.y, area.width, 1);
    let steps = Rect::new(area.x, area.y + 1, area.width, 1);
    let body = Rect::new(area.x, area.y + 2, area.width, area.height - 4);
    let status = Rect::new(area.x, area.y + area.height - 2, area.width, 1);
    let help = Rect::new(area.x, area.y + area.height - 1, area.width, 1);
    draw_header(w, header, buf);
    draw_steps(w, steps, buf);
    let cursor = match w.step {
        Step::Basic => draw_basic(w, body, buf),
        Step::Overview | Step::Problems | Step::Other => draw_prose(w, body, buf),
        Step::TableA | Step::TableB | Step::TableC => draw_table_step(w, body, buf),
        Step::Review => {
            draw_review(w, body, buf);
            None
        }
    };
    draw_status(w, status, buf);
    draw_help_bar(w, help, buf);
    match &w.dialog {
        Some(d) => {
            draw_dialog(w, d, area, buf);
            None
        }
        None => cursor,
    }
}

fn put(buf: &mut Buffer, x: u16, y: u16, s: &str, style: Style, max_x: u16) -> u16 {
    if x >= max_x {
        return x;
    }
    let (nx, _) = buf.set_stringn(x, y, s, usize::from(max_x - x), style);
    nx
}

/// Cuts `s` to at most `width` display columns, ending with `…` when cut.
pub fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for ch in s.chars() {
        let cw = ch.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(ch);
        w += cw;
    }
    out.push('…');
    out
}

/// Wraps text to `width` display columns, paragraph by paragraph, with the viewer's Chinese
/// line breaking (CJK two columns, numbers kept whole, no line starting with `，` or `。`), so
/// that step 8 reads exactly like `nianbao view`.
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    let width = width.max(2);
    let mut lines = Vec::new();
    for para in s.split('\n') {
        // An empty paragraph gives one empty line.
        lines.extend(crate::tui::wrap::wrap(para, width, 0, 0));
    }
    lines
}

fn too_small(area: Rect, buf: &mut Buffer, t: &Theme) {
    let msg = format!(
        "终端窗口太小（现在 {}×{}），向导至少需要 {}×{}。请把窗口放大；Ctrl-Q 退出。",
        area.width, area.height, MIN_SIZE.0, MIN_SIZE.1
    );
    let lines = wrap(&msg, usize::from(area.width.max(4)) - 2);
    let top = area.y + area.height.saturating_sub(lines.len() as u16) / 2;
    for (i, l) in lines.iter().enumerate() {
        let y = top + i as u16;
        if y >= area.y + area.height {
            break;
        }
        put(buf, area.x + 1, y, l, t.error(), area.x + area.width);
    }
}

fn draw_header(w: &Wizard, area: Rect, buf: &mut Buffer) {
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

fn draw_steps(w: &Wizard, area: Rect, buf: &mut Buffer) {
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

fn draw_status(w: &Wizard, area: Rect, buf: &mut Buffer) {
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
    if let Some(why) = &w.draft_failed {
        // Until a draft is written again, the clerk must know nothing on disk holds the
        // typed work.
        let msg = format!(
            "{ERROR_MARK} 草稿未能写入：{}；请尽快保存（Ctrl-S）",
            clean_line(why)
        );
        put(
            buf,
            area.x,
            area.y,
            &fit(&msg, usize::from(area.width)),
            t.error(),
            end,
        );
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

fn draw_help_bar(w: &Wizard, area: Rect, buf: &mut Buffer) {
    let t = &w.theme;
    let mut entries = bar_entries(&w.scopes());
    // Stored totals that disagree with their parts (a file opened with `edit`): offer F5.
    if w.findings
        .iter()
        .any(|f| matches!(f.rule, "B1" | "B2" | "C1"))
    {
        if let Some(b) = KEYMAP
            .iter()
            .find(|b| b.action == Some(super::keymap::Action::Recompute))
        {
            entries.insert(0, b);
        }
    }
    let width = |e: &[&super::keymap::Binding]| -> usize {
        e.iter()
            .map(|b| b.label.width() + b.help.width() + 3)
            .sum::<usize>()
    };
    while entries.len() > 1 && width(&entries) > usize::from(area.width) {
        // Keep F1 (last): drop the entry before it.
        entries.remove(entries.len() - 2);
    }
    let end = area.x + area.width;
    let mut x = area.x;
    for b in entries {
        x = put(buf, x, area.y, b.label, t.header(), end);
        x = put(buf, x, area.y, &format!(" {}  ", b.help), t.dim(), end);
    }
}

/// The marks of findings for table drawing.
fn marks(w: &Wizard) -> Vec<(CellRef, Mark)> {
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
    v
}

fn mark_of(w: &Wizard, c: CellRef) -> Option<Mark> {
    let mut out = None;
    for f in &w.findings {
        if f.cells.contains(&c) {
            if f.severity == Severity::Error {
                return Some(Mark::Error);
            }
            out = Some(Mark::Warning);
        }
    }
    out
}

/// One labelled field on one row: `label  value`. Returns the caret position when focused.
fn draw_field(
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
        None => mx,
    };
    let vx = mx + 3;
    if vx >= end {
        return None;
    }
    let rect = Rect::new(vx, area.y, end - vx, 1);
    match field.kind() {
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
fn caret(ed: &ratatui_textarea::TextArea<'_>, rect: Rect) -> Position {
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

fn draw_basic(w: &Wizard, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let t = &w.theme;
    let x = area.x + 2;
    let width = area.width.saturating_sub(4);
    let row = |i: u16| Rect::new(x, area.y + 1 + i, width, 1);
    let mut cur = None;
    for (i, (f, label)) in [
        (Field::Agency, "机关名称"),
        (Field::Year, "年份"),
        (Field::Title, "标题"),
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
    let y = area.y + 9;
    let hints = [
        "年份默认为上一年。填好后按 PgDn 进入下一步；任何一步都可随时到达。",
        "所有数字随填随查，错误会在格子旁标出 ✗，并在第 8 步列出。",
    ];
    for (i, h) in hints.iter().enumerate() {
        for (j, l) in wrap(h, usize::from(width)).iter().enumerate() {
            let yy = y + (i * 2 + j) as u16;
            if yy < area.y + area.height {
                put(buf, x, yy, l, t.dim(), end);
            }
        }
    }
    cur
}

fn draw_prose(w: &Wizard, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let t = &w.theme;
    let section = w.step.prose().unwrap_or(ProseSection::Overview);
    let parts = w.report.parts(section);
    let end = area.x + area.width;
    let mut avail = area.height;
    let mut cur = None;
    // 信息处理费 below the parts of section 六.
    if w.step == Step::Other {
        let fees_h = 4u16.min(avail);
        avail -= fees_h;
        let fy = area.y + avail;
        put(buf, area.x + 1, fy, "信息处理费", t.header(), end);
        for (i, (_, label)) in FEE_FIELDS.iter().enumerate() {
            let r = Rect::new(
                area.x + 3,
                fy + 1 + i as u16,
                area.width.saturating_sub(4),
                1,
            );
            if r.y < area.y + area.height {
                if let Some(p) = draw_field(w, Field::Fee(i), label, 18, r, buf) {
                    cur = Some(p);
                }
            }
        }
    }
    if parts.is_empty() {
        let style = if w.focus == Field::NoParts(section) {
            t.focus()
        } else {
            t.dim()
        };
        put(
            buf,
            area.x + 1,
            area.y,
            "还没有段落。按 Enter 或 Ctrl-O 新增一段。",
            style,
            end,
        );
        return cur;
    }
    let focused = match w.focus {
        Field::Heading(_, i) | Field::Body(_, i) => Some(i),
        _ => None,
    };
    // Each part: a heading line, and a one-line preview of its body, or the editor.
    let others = |i: usize| if Some(i) == focused { 0 } else { 2u16 };
    let others_total: u16 = (0..parts.len()).map(others).sum();
    let body_h = avail
        .saturating_sub(others_total + 1)
        .max(avail.saturating_sub(1).min(6))
        .max(1);
    let height = |i: usize| {
        if Some(i) == focused {
            1 + body_h
        } else {
            2
        }
    };
    // First part shown: keep the focused part on screen.
    let mut start = w.parts_scroll.get().min(parts.len().saturating_sub(1));
    if let Some(f) = focused {
        if f < start {
            start = f;
        }
        while start < f && (start..=f).map(height).sum::<u16>() > avail {
            start += 1;
        }
    }
    w.parts_scroll.set(start);
    let mut y = area.y;
    let bottom = area.y + avail;
    for (i, p) in parts.iter().enumerate().skip(start) {
        if y >= bottom {
            break;
        }
        let hr = Rect::new(area.x + 1, y, area.width.saturating_sub(2), 1);
        let label = format!("第{}段 小标题", i + 1);
        if let Some(c) = draw_field(w, Field::Heading(section, i), &label, 14, hr, buf) {
            cur = Some(c);
        }
        y += 1;
        if y >= bottom {
            break;
        }
        let body_focused = w.focus == Field::Body(section, i);
        let mark = mark_of(w, CellRef::Part { section, part: i });
        if Some(i) == focused {
            let h = body_h.min(bottom - y);
            let rect = Rect::new(area.x + 4, y, area.width.saturating_sub(5), h);
            let bar_style = if body_focused { t.header() } else { t.dim() };
            for yy in y..y + h {
                put(buf, area.x + 2, yy, "│", bar_style, end);
            }
            if body_focused {
                if let Some(ed) = w.editor() {
                    ed.render(rect, buf);
                    cur = Some(caret(ed, rect));
                }
            } else {
                let text = clean_text(&p.body).into_owned();
                let lines = wrap(&text, usize::from(rect.width));
                if p.body.is_empty() {
                    put(buf, rect.x, y, "（正文为空）", t.dim(), end);
                }
                for (j, l) in lines.iter().take(usize::from(h)).enumerate() {
                    put(buf, rect.x, y + j as u16, l, Style::new(), end);
                }
            }
            y += h;
        } else {
            let m = match mark {
                Some(Mark::Error) => (ERROR_MARK, t.error()),
                Some(Mark::Warning) => (WARNING_MARK, t.warning()),
                None => (" ", Style::new()),
            };
            put(buf, area.x + 2, y, m.0, m.1, end);
            let preview = if p.body.is_empty() {
                "（正文为空）".to_string()
            } else {
                format!(
                    "{}（{} 字）",
                    clean_line(&p.body.replace('\n', " ")),
                    p.body.chars().filter(|c| !c.is_whitespace()).count()
                )
            };
            let s = fit(&preview, usize::from(area.width.saturating_sub(5)));
            put(buf, area.x + 4, y, &s, t.dim(), end);
            y += 1;
        }
    }
    cur
}

fn draw_table_step(w: &Wizard, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let table = w.step.table()?;
    let marks = marks(w);
    let focus = match w.focus {
        Field::Cell(c) => Some(c),
        _ => None,
    };
    let props = TableProps {
        report: &w.report,
        focus,
        edit: w.edit_text(),
        marks: &marks,
        theme: &w.theme,
    };
    // The table keeps its header and scrolls its body to the focus by itself.
    tables::render(table, &props, area, buf)
}

/// The report as it will read, line by line (tables as placeholders of their height).
enum DocItem {
    Line(Line<'static>),
    Table(Table),
}

fn document(r: &Report, width: u16, t: &Theme) -> (Vec<DocItem>, [usize; 8]) {
    let mut items = Vec::new();
    let mut anchors = [0usize; 8];
    let w = usize::from(width.saturating_sub(1)).max(10);
    let title = clean_line(&r.display_title()).into_owned();
    for l in wrap(&title, w) {
        items.push(DocItem::Line(Line::styled(l, t.header())));
    }
    let prose = |items: &mut Vec<DocItem>, s: ProseSection| {
        let parts = r.parts(s);
        if parts.is_empty() {
            items.push(DocItem::Line(Line::styled("（本节为空）", t.error())));
        }
        let mut headed = 0;
        for p in parts {
            if !p.heading.is_empty() {
                headed += 1;
                let h = format!("（{}）{}", chinese_number(headed), clean_line(&p.heading));
                items.push(DocItem::Line(Line::styled(h, t.label())));
            }
            for para in clean_text(&p.body).split('\n') {
                for l in wrap(&format!("　　{para}"), w) {
                    items.push(DocItem::Line(Line::raw(l)));
                }
            }
        }
    };
    for (i, sec) in SECTIONS.iter().enumerate() {
        let step = Step::ALL[i + 1];
        anchors[step.index()] = items.len();
        items.push(DocItem::Line(Line::raw("")));
        items.push(DocItem::Line(Line::styled(sec.heading(), t.header())));
        match i {
            0 => prose(&mut items, ProseSection::Overview),
            1 => items.push(DocItem::Table(Table::A)),
            2 => items.push(DocItem::Table(Table::B)),
            3 => items.push(DocItem::Table(Table::C)),
            4 => prose(&mut items, ProseSection::Problems),
            _ => {
                prose(&mut items, ProseSection::OtherMatters);
                let f = &r.processing_fees;
                let s = format!(
                    "信息处理费：收费通知书 {} 件，通知收费 {} 元，实际收取 {} 元。",
                    f.notices, f.amount_notified_yuan, f.amount_collected_yuan
                );
                for l in wrap(&s, w) {
                    items.push(DocItem::Line(Line::styled(l, t.dim())));
                }
            }
        }
    }
    (items, anchors)
}

fn chinese_number(n: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n].into(),
        10 => "十".into(),
        11..=19 => format!("十{}", D[n - 10]),
        20..=99 if n.is_multiple_of(10) => format!("{}十", D[n / 10]),
        20..=99 => format!("{}十{}", D[n / 10], D[n % 10]),
        _ => n.to_string(),
    }
}

fn draw_review(w: &Wizard, area: Rect, buf: &mut Buffer) {
    let t = &w.theme;
    let end = area.x + area.width;
    let n = w.findings.len();
    let list_h = ((n + 1) as u16)
        .min((area.height / 3).max(3))
        .min(area.height);
    // The list: the save line, then the findings.
    let sel = match w.focus {
        Field::Finding(i) => i + 1,
        _ => 0,
    };
    let rows = usize::from(list_h);
    let mut start = w.list_scroll.get();
    if sel < start {
        start = sel;
    } else if sel >= start + rows {
        start = sel + 1 - rows;
    }
    w.list_scroll.set(start);
    let (errors, warnings) = crate::rules::tally(&w.findings);
    for k in 0..rows {
        let idx = start + k;
        if idx > n {
            break;
        }
        let y = area.y + k as u16;
        let focused = idx == sel;
        let base = if focused { t.focus() } else { Style::new() };
        if focused {
            buf.set_style(Rect::new(area.x, y, area.width, 1), base);
        }
        if idx == 0 {
            let summary = match (errors, warnings) {
                (0, 0) => "没有发现问题".to_string(),
                (e, 0) => format!("{e} 处错误"),
                (0, wn) => format!("{wn} 处警告"),
                (e, wn) => format!("{e} 处错误，{wn} 处警告"),
            };
            let file = clean_line(&w.path.display().to_string()).into_owned();
            let s = format!("▶ 保存到 {file}（Enter 或 Ctrl-S）  检查结果：{summary}");
            put(buf, area.x, y, &fit(&s, usize::from(area.width)), base, end);
        } else {
            let f = &w.findings[idx - 1];
            let (m, st) = match f.severity {
                Severity::Error => (ERROR_MARK, t.error()),
                Severity::Warning => (WARNING_MARK, t.warning()),
            };
            let x = put(buf, area.x, y, m, st.patch(base), end);
            let s = fit(&clean_line(&f.to_string()), usize::from(area.width - 2));
            put(buf, x + 1, y, &s, base, end);
        }
    }
    // The preview.
    let py = area.y + list_h;
    if py >= area.y + area.height {
        return;
    }
    let label = "── 全文预览（Shift-↑↓ 滚动）";
    put(buf, area.x, py, label, t.dim(), end);
    let x0 = area.x + label.width() as u16;
    for x in x0..end {
        put(buf, x, py, "─", t.dim(), end);
    }
    let prev = Rect::new(area.x, py + 1, area.width, area.y + area.height - py - 1);
    if prev.height == 0 {
        return;
    }
    let (items, anchors) = document(&w.report, area.width, t);
    let anchor = match w.focus {
        Field::Finding(i) => w
            .findings
            .get(i)
            .map(|f| anchors[w.target_of(f).0.index()])
            .unwrap_or(0),
        _ => 0,
    };
    // Lines of the document, tables expanded.
    let heights: Vec<u16> = items
        .iter()
        .map(|it| match it {
            DocItem::Line(_) => 1,
            DocItem::Table(tb) => tables::height(*tb, area.width),
        })
        .collect();
    let anchor_line: u32 = heights[..anchor.min(heights.len())]
        .iter()
        .map(|h| u32::from(*h))
        .sum();
    let total: u32 = heights.iter().map(|h| u32::from(*h)).sum();
    // Scrolled relative to the selected finding's section (or the top).
    let last = total.saturating_sub(u32::from(prev.height));
    let a = i32::try_from(anchor_line).unwrap_or(i32::MAX);
    w.review_range.set((
        -a,
        i32::try_from(last)
            .unwrap_or(i32::MAX)
            .saturating_sub(a)
            .max(0),
    ));
    let wanted = (i64::from(anchor_line) + i64::from(w.review_scroll)).max(0);
    let top = u32::try_from(wanted)
        .unwrap_or(u32::MAX)
        .min(total.saturating_sub(u32::from(prev.height)));
    let marks = marks(w);
    let mut line: u32 = 0;
    for (it, h) in items.iter().zip(&heights) {
        let h32 = u32::from(*h);
        if line + h32 <= top {
            line += h32;
            continue;
        }
        if line >= top + u32::from(prev.height) {
            break;
        }
        match it {
            DocItem::Line(l) => {
                let y = prev.y + (line - top) as u16;
                buf.set_line(prev.x, y, l, prev.width);
            }
            DocItem::Table(tb) => {
                let tmp_area = Rect::new(0, 0, area.width, *h);
                let mut tmp = Buffer::empty(tmp_area);
                let props = TableProps {
                    report: &w.report,
                    focus: None,
                    edit: None,
                    marks: &marks,
                    theme: t,
                };
                tables::render(*tb, &props, tmp_area, &mut tmp);
                for sy in 0..*h {
                    let l = line + u32::from(sy);
                    if l < top || l >= top + u32::from(prev.height) {
                        continue;
                    }
                    let y = prev.y + (l - top) as u16;
                    for x in 0..area.width {
                        buf[(prev.x + x, y)] = tmp[(x, sy)].clone();
                    }
                }
            }
        }
        line += h32;
    }
}

fn draw_dialog(w: &Wizard, d: &Dialog, area: Rect, buf: &mut Buffer) {
    let t = &w.theme;
    let inner_w = area.width.saturating_sub(8).min(76);
    let mut lines: Vec<(String, Style)> = Vec::new();
    let title;
    match d {
        Dialog::Help => {
            title = "全部按键（Esc 关闭）";
            let mut scopes: Vec<Scope> = Vec::new();
            for b in KEYMAP {
                if !scopes.contains(&b.scope) {
                    scopes.push(b.scope);
                }
            }
            for s in scopes {
                lines.push((format!("{}：", scope_name(s)), t.header()));
                let mut cur = String::from("  ");
                for b in KEYMAP.iter().filter(|b| b.scope == s) {
                    let e = format!("{} {}", b.label, b.help);
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
            if let Some(why) = &w.draft_failed {
                // Nothing on disk holds the typed work: say so, and offer another place.
                let warn = format!("草稿也未能写入（{why}）：现在退出会丢失这些修改。");
                for l in wrap(&clean_text(&warn), usize::from(inner_w.saturating_sub(2))) {
                    lines.push((l, t.error()));
                }
                lines.push((
                    "a 另存到临时文件夹　y 仍退出　Esc 返回　Ctrl-S 保存".into(),
                    t.header(),
                ));
            } else {
                lines.push((
                    "y 不保存，直接退出　　n 或 Esc 返回　　Ctrl-S 保存".into(),
                    t.header(),
                ));
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
            lines.push(("y 覆盖　　其他键 不保存，返回".into(), t.header()));
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
            lines.push(("Enter 到第 8 步查看全部　　Esc 关闭".into(), t.header()));
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
