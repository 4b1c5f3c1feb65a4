//! Step 8 (检查与保存): the save line, the findings, and the preview of the report as it will
//! read (the one place the wizard renders the whole report).

use super::fields::marks;
use super::{fit, put, wrap};
use crate::model::Report;
use crate::rules::Severity;
use crate::text::clean_line;
use crate::tui::keys::keys_for;
use crate::tui::tables::{self, Table, TableProps};
use crate::tui::theme::{Theme, ERROR_MARK, WARNING_MARK};
use crate::tui::wizard::findings;
use crate::tui::wizard::keymap::{self, Action};
use crate::tui::wizard::state::{Field, Wizard};
use crate::tui::wizard::steps::{Step, STEP_COUNT};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use unicode_width::UnicodeWidthStr;

/// The report as it will read, line by line (tables as placeholders of their height).
enum DocItem {
    Line(Line<'static>),
    Table(Table),
}

/// The preview from the document model every export uses ([`crate::publish::doc`]):
/// the same title, preamble, part numbering, fee statement and tables as the published
/// report.
fn document(r: &Report, width: u16, t: &Theme) -> (Vec<DocItem>, Vec<usize>) {
    use crate::publish::doc::{self, TableId};
    let d = doc::build(r);
    let mut items = Vec::new();
    let mut anchors = vec![0usize; STEP_COUNT];
    let w = usize::from(width.saturating_sub(1)).max(10);
    for l in wrap(&d.title, w) {
        items.push(DocItem::Line(Line::styled(l, t.header())));
    }
    for p in &d.preamble {
        for l in wrap(&format!("　　{p}"), w) {
            items.push(DocItem::Line(Line::raw(l)));
        }
    }
    for sec in &d.sections {
        if let Some(step) = Step::of_section_index(sec.index) {
            anchors[step.index()] = items.len();
        }
        items.push(DocItem::Line(Line::raw("")));
        items.push(DocItem::Line(Line::styled(sec.heading.clone(), t.header())));
        if sec.prose.is_some() && sec.blocks.is_empty() {
            items.push(DocItem::Line(Line::styled("（本节为空）", t.error())));
        }
        for b in &sec.blocks {
            match b {
                doc::Block::PartHeading { number, text, .. } => {
                    for l in wrap(&format!("{number}{text}"), w) {
                        items.push(DocItem::Line(Line::styled(l, t.label())));
                    }
                }
                doc::Block::Paragraph { text, part } => {
                    // The fee statement the document adds (the prose does not state them).
                    let style = if part.is_none() {
                        t.dim()
                    } else {
                        Style::new()
                    };
                    for l in wrap(&format!("　　{text}"), w) {
                        items.push(DocItem::Line(Line::styled(l, style)));
                    }
                }
                doc::Block::Table(g) => items.push(DocItem::Table(match g.table {
                    TableId::A => Table::A,
                    TableId::B => Table::B,
                    TableId::C => Table::C,
                })),
            }
        }
    }
    (items, anchors)
}

/// Cuts a finding's line to `width` columns in its place, keeping the detail whole where it
/// fits.
fn fit_keeping_end(s: &str, width: usize, detail: &str) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let detail = findings::detail_fixed_slots(detail);
    match s.rfind(&detail) {
        Some(at) if detail.width() + 4 < width => {
            let head = fit(&s[..at], width - detail.width());
            format!("{head}{detail}")
        }
        _ => fit(s, width),
    }
}

/// The entry of the list selected: 0 the save line, then the findings from 1.
fn selected(w: &Wizard) -> usize {
    match w.focus {
        Field::Finding(i) => i + 1,
        _ => 0,
    }
}

/// The rows of the list (the save line and `n` findings) in a body `height` rows high, and
/// its first entry shown: scrolled from `prev` only as far as needed to show `sel`.
pub(crate) fn list_window(n: usize, sel: usize, height: u16, prev: usize) -> (u16, usize) {
    let list_h = ((n + 1) as u16).min((height / 3).max(3)).min(height);
    let rows = usize::from(list_h);
    let mut start = prev;
    if sel < start {
        start = sel;
    } else if sel >= start + rows {
        start = sel + 1 - rows;
    }
    (list_h, start)
}

/// Where the preview is: its length and the line of the selected finding's section.
struct Geometry {
    anchor_line: u32,
    total: u32,
    height: u16,
}

impl Geometry {
    /// How far the preview may scroll from the anchor: (up, down).
    fn range(&self) -> (i32, i32) {
        let last = self.total.saturating_sub(u32::from(self.height));
        let a = i32::try_from(self.anchor_line).unwrap_or(i32::MAX);
        (
            -a,
            i32::try_from(last)
                .unwrap_or(i32::MAX)
                .saturating_sub(a)
                .max(0),
        )
    }

    /// The first line shown, `scroll` lines from the anchor.
    fn top(&self, scroll: i32) -> u32 {
        let wanted = (i64::from(self.anchor_line) + i64::from(scroll)).max(0);
        u32::try_from(wanted)
            .unwrap_or(u32::MAX)
            .min(self.total.saturating_sub(u32::from(self.height)))
    }
}

fn heights(items: &[DocItem], width: u16, t: &'static crate::model::schema::Tables) -> Vec<u16> {
    items
        .iter()
        .map(|it| match it {
            DocItem::Line(_) => 1,
            DocItem::Table(tb) => tables::height(*tb, width, t),
        })
        .collect()
}

fn geometry(w: &Wizard, heights: &[u16], anchors: &[usize], height: u16) -> Geometry {
    let anchor = match w.focus {
        Field::Finding(i) => w
            .findings
            .get(i)
            .and_then(|f| anchors.get(w.target_of(f).0.index()).copied())
            .unwrap_or(0),
        _ => 0,
    };
    let anchor_line: u32 = heights[..anchor.min(heights.len())]
        .iter()
        .map(|h| u32::from(*h))
        .sum();
    let total: u32 = heights.iter().map(|h| u32::from(*h)).sum();
    Geometry {
        anchor_line,
        total,
        height,
    }
}

/// How far the preview of step 8 may scroll from the selected finding's section in a body
/// `body` (up as a negative number, down), as [`draw_review`] lays it out.
pub(crate) fn preview_range(w: &Wizard, body: Rect) -> (i32, i32) {
    let (list_h, _) = list_window(w.findings.len(), selected(w), body.height, w.list_scroll);
    let height = body.height.saturating_sub(list_h + 1);
    if height == 0 {
        return (0, 0);
    }
    let (items, anchors) = document(&w.report, body.width, &w.theme);
    geometry(
        w,
        &heights(&items, body.width, w.report.tables()),
        &anchors,
        height,
    )
    .range()
}

pub(super) fn draw_review(w: &Wizard, area: Rect, buf: &mut Buffer) {
    let t = &w.theme;
    let end = area.x + area.width;
    let n = w.findings.len();
    let sel = selected(w);
    let (list_h, start) = list_window(n, sel, area.height, w.list_scroll);
    let rows = usize::from(list_h);
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
            let s = format!(
                "▶ 保存到 {file}（{} 或 {}）  检查结果：{summary}",
                keys_for(&[&keymap::REVIEW], Action::Enter),
                keys_for(&[&keymap::GLOBAL], Action::Save)
            );
            put(buf, area.x, y, &fit(&s, usize::from(area.width)), base, end);
        } else {
            let f = &w.findings[idx - 1];
            let (m, st) = match f.severity {
                Severity::Error => (ERROR_MARK, t.error()),
                Severity::Warning => (WARNING_MARK, t.warning()),
            };
            let x = put(buf, area.x, y, m, st.patch(base), end);
            // The rule, the section's number and the row and column, then the numbers: the
            // place gives way first so the numbers show (the status line has it all).
            let line = findings::line(f, true);
            let text = line
                .strip_prefix(m)
                .unwrap_or(&line)
                .trim_start()
                .to_string();
            let s = fit_keeping_end(&clean_line(&text), usize::from(area.width - 2), &f.detail);
            put(buf, x + 1, y, &s, base, end);
        }
    }
    // The preview.
    let py = area.y + list_h;
    if py >= area.y + area.height {
        return;
    }
    let label = format!(
        "── 全文预览（{} 上滚  {} 下滚）",
        keys_for(&[&keymap::REVIEW], Action::ScrollUp),
        keys_for(&[&keymap::REVIEW], Action::ScrollDown)
    );
    put(buf, area.x, py, &label, t.dim(), end);
    let x0 = area.x + label.width() as u16;
    for x in x0..end {
        put(buf, x, py, "─", t.dim(), end);
    }
    let prev = Rect::new(area.x, py + 1, area.width, area.y + area.height - py - 1);
    if prev.height == 0 {
        return;
    }
    let (items, anchors) = document(&w.report, area.width, t);
    let heights = heights(&items, area.width, w.report.tables());
    let g = geometry(w, &heights, &anchors, prev.height);
    let top = g.top(w.review_scroll);
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
