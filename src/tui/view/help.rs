//! The viewer's F1 help: the keys (from the keymap), the marks, and — for a report in
//! another version of the format than 2021 (issue 15) — what differs in the tables the
//! reviewer is reading, derived from the version's [`Tables`] (nothing spelled again).
//!
//! A help longer than the screen scrolls (↑↓, PgUp/PgDn, Home/End); any other key closes it.
//! The 2021 help fits 80x24 as it always did (only its closing line may be cut), so it is
//! drawn and closed exactly as before.

use super::keymap::{Action, KEYMAP};
use super::Viewer;
use crate::model::schema::{
    bare_label, FormatVersion, Tables, A_AMOUNT_DECIMALS, A_CONTENT_HEADER, B_GROUPS, B_ROWS,
    FEES_LABEL, SECTION_OTHER_MATTERS, TABLES_2021,
};
use crate::model::{CellKind, CellRef};
use crate::tui::theme::{ERROR_MARK, WARNING_MARK};
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

/// The widest the help box gets (columns, borders included): the keys' lines need 72; the
/// notes on another format use up to 100, so that they wrap less.
const MAX_WIDTH: u16 = 72;
/// The widest the help box gets with notes on the format.
const MAX_WIDTH_NOTES: u16 = 100;

/// What differs in a version of the format from the 2021 one, for a reviewer reading such a
/// report, as lines of at most `width` columns (wrapped, continuations indented); empty for
/// the 2021 format. Every label comes from the schema: table A's blocks with their rows and
/// columns, the one column that may be negative, the amount, the rows of table B that the
/// 2021 format splits, 信息处理费 when the version has none.
pub fn format_lines(t: &Tables, width: usize) -> Vec<String> {
    if t.version == FormatVersion::V2021 {
        return Vec::new();
    }
    let mut text: Vec<(usize, String)> = Vec::new();
    text.push((
        1,
        format!(
            "本报告为 {}（{} 年度），与现行格式不同：",
            t.version.name(),
            crate::tui::format::years(t.version),
        ),
    ));
    // Table A: every block, its rows and its columns.
    text.push((
        1,
        format!(
            "表二分 {} 个部分（{}：各列）：",
            t.a_blocks.len(),
            A_CONTENT_HEADER
        ),
    ));
    let mut signed = Vec::new();
    let mut amounts = Vec::new();
    for b in t.a_blocks {
        let rows: Vec<&str> = b.rows.iter().map(|(_, l)| *l).collect();
        text.push((
            2,
            format!(
                "{} {}：{}",
                b.article,
                rows.join("、"),
                b.columns.join("、")
            ),
        ));
        let (field, _) = b.rows[0];
        for (col, label) in b.columns.iter().enumerate() {
            match (CellRef::A { field, col }).kind_in(t) {
                CellKind::Signed if !signed.contains(label) => signed.push(*label),
                CellKind::Amount(d) if !amounts.iter().any(|(l, _)| l == label) => {
                    amounts.push((*label, d))
                }
                _ => {}
            }
        }
    }
    let quoted = |labels: &[&str]| {
        labels
            .iter()
            .map(|l| format!("“{l}”"))
            .collect::<Vec<_>>()
            .join("、")
    };
    if !signed.is_empty() {
        text.push((
            2,
            format!(
                "只有{}可以是负数（如 -8，即减少 8 项）；其余各格是不小于 0 的整数",
                quoted(&signed)
            ),
        ));
    }
    for (label, decimals) in amounts {
        let unit = if decimals == A_AMOUNT_DECIMALS {
            "万元"
        } else {
            "元"
        };
        text.push((
            2,
            format!("“{label}”是金额，单位{unit}（最多 {decimals} 位小数）"),
        ));
    }
    // Table B: a row of this version that is a heading with rows in the 2021 format.
    for row in t.b_rows {
        let Some(g) = B_GROUPS.iter().position(|g| g.label == row.label) else {
            continue;
        };
        let split: Vec<&str> = B_ROWS
            .iter()
            .filter(|r| r.groups.last() == Some(&g))
            .map(|r| bare_label(r.short))
            .collect();
        text.push((
            1,
            format!(
                "表三“{}”只有一行（{}分为{}等 {} 项）",
                row.label,
                FormatVersion::V2021.name(),
                split[0],
                split.len()
            ),
        ));
    }
    if t.fee_fields.is_empty() && !TABLES_2021.fee_fields.is_empty() {
        text.push((
            1,
            format!(
                "{}{}：没有{FEES_LABEL}（{}才有）",
                SECTION_OTHER_MATTERS.number,
                SECTION_OTHER_MATTERS.title,
                FormatVersion::V2021.name()
            ),
        ));
    }
    text.into_iter()
        .flat_map(|(indent, s)| crate::text::wrap::wrap(&s, width, indent, indent + 2))
        .collect()
}

/// The help as laid out in a `width`×`height` screen: the box, its lines, and whether it
/// scrolls (its lines, the closing hint aside, do not fit).
struct HelpBox<'a> {
    popup: Rect,
    lines: Vec<Line<'a>>,
    rows: usize,
    scrolls: bool,
}

impl Viewer {
    /// The tables of the open report (`None` when it could not be read).
    fn help_tables(&self) -> Option<&'static Tables> {
        self.doc.report.as_ref().map(|r| r.tables())
    }

    fn help_box(&self, area: Rect) -> HelpBox<'_> {
        let notes = self
            .help_tables()
            .is_some_and(|t| !format_lines(t, 80).is_empty());
        let max = if notes { MAX_WIDTH_NOTES } else { MAX_WIDTH };
        let w = area.width.saturating_sub(4).min(max);
        let inner = usize::from(w.saturating_sub(2));
        let mut lines: Vec<Line> = Vec::new();
        if let Some(t) = self.help_tables() {
            let notes = format_lines(t, inner);
            if !notes.is_empty() {
                let mut notes = notes.into_iter();
                if let Some(first) = notes.next() {
                    lines.push(Line::from(Span::styled(first, self.theme.header())));
                }
                lines.extend(notes.map(Line::from));
                lines.push(Line::from(""));
            }
        }
        lines.extend(KEYMAP.iter().filter(|b| self.available(b.action)).map(|b| {
            let keys = b.keys_label();
            let pad = 12usize.saturating_sub(keys.width());
            Line::from(vec![
                Span::styled(format!(" {keys}{}", " ".repeat(pad)), self.theme.header()),
                Span::raw(b.help),
            ])
        }));
        lines.push(Line::from(""));
        lines.push(Line::from(vec![
            Span::styled(format!(" {ERROR_MARK}"), self.theme.error()),
            Span::raw(" 错误    "),
            Span::styled(WARNING_MARK, self.theme.warning()),
            Span::raw(" 警告    反白：当前选中的问题"),
        ]));
        let room = usize::from(area.height.saturating_sub(2));
        let scrolls = lines.len() > room;
        let close = if scrolls {
            " ↑↓ PgUp PgDn 翻看，其他键关闭"
        } else {
            " 按任意键关闭"
        };
        lines.push(Line::from(Span::styled(close, self.theme.dim())));
        let h = (lines.len() as u16 + 2).min(area.height);
        let popup = Rect::new(
            area.x + (area.width - w) / 2,
            area.y + (area.height - h) / 2,
            w,
            h,
        );
        HelpBox {
            popup,
            rows: usize::from(h.saturating_sub(2)),
            lines,
            scrolls,
        }
    }

    /// The first line of the help a scrolled help shows at most.
    fn help_max_top(&self) -> usize {
        let b = self.help_box(Rect::new(0, 0, self.width, self.height));
        if b.scrolls {
            b.lines.len().saturating_sub(b.rows)
        } else {
            0
        }
    }

    /// A key while the help is open: scrolls a help longer than the screen (true), or
    /// closes it (false: the caller closes).
    pub(super) fn scroll_help(&mut self, action: Option<Action>) -> bool {
        let max = self.help_max_top();
        if max == 0 {
            return false;
        }
        let page = usize::from(self.height.saturating_sub(4)).max(1);
        let top = self.help_top;
        self.help_top = match action {
            Some(Action::LineDown) => top + 1,
            Some(Action::LineUp) => top.saturating_sub(1),
            Some(Action::PageDown) => top + page,
            Some(Action::PageUp) => top.saturating_sub(page),
            Some(Action::Top) => 0,
            Some(Action::Bottom) => max,
            _ => return false,
        }
        .min(max);
        true
    }

    /// Draws the help over the screen.
    pub(super) fn render_help(&self, area: Rect, buf: &mut Buffer) {
        let b = self.help_box(area);
        let top = self.help_top.min(b.lines.len().saturating_sub(b.rows));
        let mut block = Block::default()
            .borders(Borders::ALL)
            .title(" 帮助 · nianbao view ")
            .title_alignment(Alignment::Center);
        if b.scrolls {
            let below = b.lines.len().saturating_sub(top + b.rows);
            let where_ = if below > 0 {
                format!(" 下面还有 {below} 行 ")
            } else {
                " 已到末尾 ".to_string()
            };
            block = block.title_bottom(Line::from(where_).alignment(Alignment::Right));
        }
        // A wide character just left of the box would spill over its border: blank it.
        if let Some(x) = b.popup.x.checked_sub(1) {
            for y in b.popup.top()..b.popup.bottom() {
                if let Some(c) = buf.cell_mut((x, y)) {
                    if c.symbol().width() > 1 {
                        c.set_symbol(" ");
                    }
                }
            }
        }
        Clear.render(b.popup, buf);
        Paragraph::new(b.lines)
            .wrap(Wrap { trim: false })
            .scroll((u16::try_from(top).unwrap_or(u16::MAX), 0))
            .block(block)
            .render(b.popup, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::schema::TABLES_2019;

    #[test]
    fn the_2019_notes_come_from_the_schema() {
        assert!(format_lines(&TABLES_2021, 68).is_empty());
        let lines = format_lines(&TABLES_2019, 200);
        let all = lines.join("\n");
        for b in TABLES_2019.a_blocks {
            assert!(all.contains(b.article), "{all}");
            for c in b.columns {
                assert!(all.contains(c), "{c}: {all}");
            }
            for (_, r) in b.rows {
                assert!(all.contains(r), "{r}: {all}");
            }
        }
        assert!(all.contains("只有“本年增/减”可以是负数"), "{all}");
        assert!(
            all.contains("“采购总金额”是金额，单位万元（最多 6 位小数）"),
            "{all}"
        );
        assert!(
            all.contains("表三“（六）其他处理”只有一行（2021 年版格式分为逾期不补正等 3 项）"),
            "{all}"
        );
        assert!(all.contains("没有信息处理费"), "{all}");
        assert!(all.contains("2019、2020 年度"), "{all}");
        // Wrapped to the width asked for.
        for l in format_lines(&TABLES_2019, 40) {
            assert!(l.width() <= 40, "{l}");
        }
    }
}
