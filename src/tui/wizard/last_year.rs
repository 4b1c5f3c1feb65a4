//! Last year's report in the wizard (issue 14): `new --from` and `edit --previous`.
//!
//! With last year's report the wizard checks the cross-year rules Y1 and Y2 (and X2) as the
//! clerk types — failing cells marked, the status line giving both numbers, the step bar
//! counting them —, marks the cells that still hold a value taken from last year's report
//! ([`crate::model::next_year::carried`]), keeps the proposed cells of table A (现行有效件数,
//! 对外公开总数量) in step with what the clerk types ([`crate::model::next_year::follow`]),
//! in either format, and shows last
//! year's text of a prose part beside it (a key; another copies it in as a starting point).

use super::state::{Field, Tone, Wizard};
use super::steps::Step;
use super::update::Effect;
use crate::model::next_year::{self, Origin};
use crate::model::{CellRef, Part, ProseSection, Report};
use crate::rules::{Finding, Rule};
use crate::text::{clean_line, clean_text};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

/// The rules that compare with last year's report.
pub const CROSS_YEAR_RULES: [Rule; 3] = [Rule::Y1, Rule::Y2, Rule::X2];

/// From this width last year's text is drawn beside the part (right half); below, under it.
pub const SIDE_BY_SIDE_FROM: u16 = 110;

/// Last year's report, as the wizard keeps it.
#[derive(Debug, Clone)]
pub struct LastYear {
    /// The report.
    pub report: Report,
    /// Whether last year's text of the focused part is shown beside it.
    pub show_text: bool,
}

/// Where the body of a prose step goes when last year's text is shown: the parts, and the
/// panel of last year's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProseSplit {
    /// Where the parts are drawn.
    pub parts: Rect,
    /// Where last year's text is drawn.
    pub panel: Rect,
}

impl Wizard {
    /// Gives the wizard last year's report: rules Y1/Y2 (and X2 where it exists) run on every
    /// change from now on, and the cells still holding last year's values are marked.
    pub fn with_last_year(mut self, last: Report) -> Wizard {
        self.last_year = Some(LastYear {
            report: last,
            show_text: false,
        });
        self.refresh_findings();
        self
    }

    /// Last year's report, if the wizard has one.
    pub fn last_report(&self) -> Option<&Report> {
        self.last_year.as_ref().map(|l| &l.report)
    }

    /// Where a cell's value came from, while it still holds the value taken from last year's
    /// report (`None` without last year's report, or once the clerk changed it).
    pub fn origin_of(&self, cell: CellRef) -> Option<Origin> {
        let last = self.last_report()?;
        next_year::carried(&self.report, last)
            .into_iter()
            .find(|(c, _)| *c == cell)
            .map(|(_, o)| o)
    }

    /// The table cells that still hold last year's values (for the tables' marks).
    pub fn carried_cells(&self) -> Vec<CellRef> {
        match self.last_report() {
            Some(last) => next_year::carried(&self.report, last)
                .into_iter()
                .map(|(c, _)| c)
                .filter(|c| matches!(c, CellRef::A { .. } | CellRef::B { .. }))
                .collect(),
            None => Vec::new(),
        }
    }

    /// The findings of the cross-year rules ([`CROSS_YEAR_RULES`]).
    pub fn cross_year_findings(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| CROSS_YEAR_RULES.contains(&f.rule))
    }

    /// How many cross-year findings belong to a step (the step bar counts them).
    pub fn cross_year_count(&self, step: Step) -> usize {
        self.cross_year_findings()
            .filter(|f| self.target_of(f).0 == step)
            .count()
    }

    /// What the status line says about the focused field and last year's report: a failing
    /// Y1/Y2/X2 with both numbers, or where a carried value came from. `None` when there is
    /// nothing to say.
    pub fn last_year_status(&self) -> Option<(bool, String)> {
        let last = self.last_report()?;
        let cell = self.focus.cell_ref()?;
        if let Some(f) = self.cross_year_findings().find(|f| f.cells.contains(&cell)) {
            // Short enough to sit beside B3's message at 80 columns, both numbers first.
            let (exp, act) = (f.expected, f.actual);
            let text = match (f.rule, cell, exp, act) {
                (Rule::Y1, CellRef::B { .. }, Some(e), Some(a)) => {
                    format!("Y1 上年报告为 {e}，本格 {a}")
                }
                (Rule::Y2, CellRef::A { .. }, Some(e), Some(a)) => {
                    match next_year::proposal_for(&self.report, last, cell) {
                        Some(p) => format!("Y2 {} = {e}，本格 {a}", p.basis),
                        None => format!("Y2 应为 {e}，本格 {a}"),
                    }
                }
                _ => format!("{} {}", f.rule, f.detail),
            };
            return Some((true, text));
        }
        let origin = self.origin_of(cell)?;
        let text = match cell {
            // The value is in the cell; what matters is where it came from (kept short to sit
            // beside B3's message at 80 columns).
            CellRef::B { .. } => {
                format!("{}（{} 年“结转下年度”），可修改", origin.label(), last.year)
            }
            CellRef::A { .. } => {
                let p = next_year::proposal_for(&self.report, last, cell)?;
                let follows = if p.follows_typing {
                    "随输入更新，"
                } else {
                    ""
                };
                format!(
                    "{}：{} = {}，{follows}可修改",
                    origin.label(),
                    p.basis,
                    p.value
                )
            }
            CellRef::Agency => format!("{}（{} 年），可修改", origin.label(), last.year),
            _ => return None,
        };
        Some((false, text))
    }

    /// After a figure changed from the report `before`: the proposed cells of table A follow
    /// ([`next_year::follow`]), unless the clerk typed another value into them.
    pub(crate) fn follow_proposal(&mut self, before: &Report) {
        if let Some(l) = self.last_year.as_ref() {
            next_year::follow(&l.report, before, &mut self.report);
        }
    }

    /// Last year's part that the part `index` of `section` continues (by heading, else by
    /// position).
    pub fn last_part(&self, section: ProseSection, index: usize) -> Option<&Part> {
        let last = self.last_report()?;
        let heading = self
            .report
            .parts(section)
            .get(index)
            .map(|p| p.heading.as_str())
            .unwrap_or("");
        next_year::previous_part(last, section, index, heading)
    }

    /// The part the focus is in, in a prose step.
    pub fn focused_part(&self) -> Option<(ProseSection, usize)> {
        match self.focus {
            Field::Heading(s, i) | Field::Body(s, i) => Some((s, i)),
            _ => None,
        }
    }

    /// Whether last year's text is shown (the key toggles it; prose steps only).
    pub fn last_text_shown(&self) -> bool {
        self.step.prose().is_some() && self.last_year.as_ref().is_some_and(|l| l.show_text)
    }

    /// Shows or hides last year's text; says why not when there is none.
    pub(crate) fn toggle_last_text(&mut self) -> Result<(), String> {
        let Some(l) = self.last_year.as_mut() else {
            return Err(no_last_year());
        };
        if self.step.prose().is_none() {
            return Err("上年原文只在一、五、六节的步骤中查看".into());
        }
        l.show_text = !l.show_text;
        Ok(())
    }

    /// The text to copy into the focused part's body (last year's), or why not.
    pub(crate) fn last_text_to_copy(&self) -> Result<String, String> {
        if self.last_year.is_none() {
            return Err(no_last_year());
        }
        let Some((section, i)) = self.focused_part() else {
            return Err("请先把光标移到一、五或六节的某一段".into());
        };
        let Some(p) = self.last_part(section, i) else {
            return Err(format!(
                "上年报告{}没有对应的第 {} 段",
                section.heading(),
                i + 1
            ));
        };
        if p.body.trim().is_empty() {
            return Err("上年这一段正文是空的，没有可套用的内容".into());
        }
        let now = &self.report.parts(section)[i];
        if !now.body.trim().is_empty() {
            return Err("本段已有正文，未套用；要以上年原文为底稿，请先 Ctrl-U 清空本段".into());
        }
        Ok(p.body.clone())
    }

    /// Shows or hides last year's text (the key [`super::keymap::Action::LastText`]).
    pub(crate) fn last_text_action(&mut self) -> Vec<Effect> {
        if let Err(e) = self.toggle_last_text() {
            self.message = Some((Tone::Error, e));
        }
        vec![Effect::Redraw]
    }

    /// Copies last year's text of the focused part into its empty body as a starting point
    /// (the key [`super::keymap::Action::CopyLastText`]); one undo step.
    pub(crate) fn copy_last_text_action(&mut self) -> Vec<Effect> {
        let text = match self.last_text_to_copy() {
            Ok(t) => t,
            Err(e) => {
                self.message = Some((Tone::Error, e));
                return vec![Effect::Redraw];
            }
        };
        let Some((section, i)) = self.focused_part() else {
            return vec![];
        };
        self.push_undo();
        self.report.parts_mut(section)[i].body = text;
        self.focus_field(Field::Body(section, i));
        // Read (and rewrite) from the beginning.
        if let Some(ed) = self.editor.as_mut() {
            ed.move_cursor(ratatui_textarea::CursorMove::Top);
            ed.move_cursor(ratatui_textarea::CursorMove::Head);
        }
        self.dirty = true;
        self.refresh_findings();
        let year = self.last_report().map(|r| r.year).unwrap_or_default();
        self.message = Some((
            Tone::Info,
            format!("已套用 {year} 年原文为底稿：请按本年情况改写（Ctrl-Z 撤销）"),
        ));
        vec![Effect::Changed, Effect::Redraw]
    }

    /// Splits the body of a prose step for last year's text: side by side from
    /// [`SIDE_BY_SIDE_FROM`] columns, otherwise the lower part of the area (at least the
    /// parts keep 8 lines). `None` when the text is not shown.
    pub fn prose_split(&self, area: Rect) -> Option<ProseSplit> {
        if !self.last_text_shown() {
            return None;
        }
        if area.width >= SIDE_BY_SIDE_FROM {
            let left = area.width / 2;
            return Some(ProseSplit {
                parts: Rect::new(area.x, area.y, left, area.height),
                panel: Rect::new(area.x + left, area.y, area.width - left, area.height),
            });
        }
        let panel_h = (area.height / 2).min(area.height.saturating_sub(8));
        if panel_h < 3 {
            return None;
        }
        let parts_h = area.height - panel_h;
        Some(ProseSplit {
            parts: Rect::new(area.x, area.y, area.width, parts_h),
            panel: Rect::new(area.x, area.y + parts_h, area.width, panel_h),
        })
    }
}

fn no_last_year() -> String {
    "没有上年报告：用 nianbao new 文件 --from 上年.yaml 或 nianbao edit 文件 --previous 上年.yaml 打开"
        .into()
}

/// Draws last year's text of the focused part in `area`: a title line naming last year's
/// heading and the keys, then the text wrapped as the viewer wraps it.
pub fn draw_last_text(w: &Wizard, area: Rect, buf: &mut Buffer, keys: (&str, &str)) {
    let t = &w.theme;
    if area.height == 0 || area.width < 4 {
        return;
    }
    let end = area.x + area.width;
    let put = |buf: &mut Buffer, x: u16, y: u16, s: &str, style: Style| {
        if x < end {
            buf.set_stringn(x, y, s, usize::from(end - x), style);
        }
    };
    let year = w.last_report().map(|r| r.year).unwrap_or_default();
    let part = w.focused_part().and_then(|(s, i)| w.last_part(s, i));
    let heading = match part {
        Some(p) if !p.heading.trim().is_empty() => format!("“{}”", clean_line(p.heading.trim())),
        Some(_) => "（无小标题）".into(),
        None => String::new(),
    };
    // The keys as long as they fit: both, then only the copy key.
    let room = usize::from(area.width);
    let title = [
        format!(
            "── {year} 年原文{heading}  {} 关闭  {} 套用为底稿 ",
            keys.0, keys.1
        ),
        format!("── {year} 年原文{heading}  {} 套用 ", keys.1),
    ]
    .into_iter()
    .find(|t| unicode_width::UnicodeWidthStr::width(t.as_str()) <= room)
    .unwrap_or_else(|| super::view::fit(&format!("── {year} 年原文{heading} "), room));
    put(buf, area.x, area.y, &title, t.header());
    let used = unicode_width::UnicodeWidthStr::width(title.as_str()) as u16;
    for x in area.x + used..end {
        put(buf, x, area.y, "─", t.dim());
    }
    let text_area = Rect::new(area.x + 1, area.y + 1, area.width - 2, area.height - 1);
    let body = match part {
        Some(p) if !p.body.trim().is_empty() => clean_text(&p.body).into_owned(),
        Some(_) => {
            put(
                buf,
                text_area.x,
                text_area.y,
                "（上年这一段正文为空）",
                t.dim(),
            );
            return;
        }
        None => {
            let msg = match w.focused_part() {
                Some((s, i)) => format!("上年报告{}没有对应的第 {} 段", s.heading(), i + 1),
                None => "把光标移到某一段，这里显示上年同一段的原文".into(),
            };
            put(buf, text_area.x, text_area.y, &msg, t.dim());
            return;
        }
    };
    let lines = super::view::wrap(&body, usize::from(text_area.width));
    let room = usize::from(text_area.height);
    for (j, l) in lines.iter().take(room).enumerate() {
        put(buf, text_area.x, text_area.y + j as u16, l, t.dim());
    }
    if lines.len() > room && room > 0 {
        let more = format!("……（共 {} 行，套用后可在正文中看全）", lines.len());
        let y = text_area.y + text_area.height - 1;
        buf.set_stringn(
            text_area.x,
            y,
            " ".repeat(usize::from(text_area.width)),
            usize::from(text_area.width),
            Style::new(),
        );
        put(
            buf,
            text_area.x,
            y,
            &super::view::fit(&more, usize::from(text_area.width)),
            t.dim(),
        );
    }
}
