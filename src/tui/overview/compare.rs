//! The comparison with last year's report in the viewer (`view --previous`, key `d`): the
//! text of `nianbao diff` as a scrollable screen, copied passages underlined.

use super::keymap::{lookup_in, Motion};
use super::Outcome;
use crate::model::Report;
use crate::summary::compare::{self, Comparison, LineKind};
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

/// How a piece of a line is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece {
    /// Plain text.
    Plain,
    /// A heading.
    Heading,
    /// A changed cell.
    Changed,
    /// Text that is last year's (rule X2).
    Copied,
    /// Less important text.
    Dim,
}

/// One screen line: pieces of text with their kind.
pub type ScreenLine = Vec<(String, Piece)>;

/// What a key does on the comparison screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Scroll the text.
    Move(Motion),
    /// Back to the report.
    Back,
    /// Leave the viewer.
    Quit,
}

/// A binding of the comparison screen: the keys, the action, the help bar's entry (keys as
/// shown, word).
pub type Binding = (
    &'static [KeyCode],
    Action,
    Option<(&'static str, &'static str)>,
);

/// The comparison screen's keys, in help order.
pub const KEYMAP: &[Binding] = &[
    (
        &[KeyCode::Up, KeyCode::Char('k')],
        Action::Move(Motion::Up),
        Some(("↑↓ PgUp/PgDn", "滚动")),
    ),
    (
        &[KeyCode::Down, KeyCode::Char('j')],
        Action::Move(Motion::Down),
        None,
    ),
    (
        &[KeyCode::PageUp, KeyCode::Char('b')],
        Action::Move(Motion::PageUp),
        None,
    ),
    (
        &[KeyCode::PageDown, KeyCode::Char(' ')],
        Action::Move(Motion::PageDown),
        None,
    ),
    (
        &[KeyCode::Home, KeyCode::Char('g')],
        Action::Move(Motion::Top),
        None,
    ),
    (
        &[KeyCode::End, KeyCode::Char('G')],
        Action::Move(Motion::Bottom),
        None,
    ),
    (
        &[KeyCode::Esc, KeyCode::Char('d')],
        Action::Back,
        Some(("Esc", "返回")),
    ),
    (&[KeyCode::Char('q')], Action::Quit, Some(("q", "退出"))),
];

/// The comparison screen's state.
#[derive(Debug)]
pub struct CompareView {
    comparison: Comparison,
    report: Report,
    lines: Vec<ScreenLine>,
    scroll: usize,
    width: u16,
    height: u16,
    theme: Theme,
}

/// Splits `text` into lines of at most `width` columns, each piece marked as copied or not
/// by `ranges` (byte ranges of `text`).
fn wrap_marked(
    text: &str,
    ranges: &[std::ops::Range<usize>],
    width: usize,
    indent: &str,
) -> Vec<ScreenLine> {
    let mut lines: Vec<ScreenLine> = Vec::new();
    let mut line: ScreenLine = vec![(indent.to_string(), Piece::Plain)];
    let mut used = indent.len();
    for (i, ch) in text.char_indices() {
        let copied = ranges.iter().any(|r| r.contains(&i));
        let kind = if copied { Piece::Copied } else { Piece::Plain };
        // Control characters from the file are shown, never sent to the terminal.
        let shown = if crate::text::is_dangerous(ch) {
            crate::text::visible(ch)
        } else {
            ch.to_string()
        };
        let w = unicode_width::UnicodeWidthStr::width(shown.as_str());
        if used + w > width && used > indent.len() {
            lines.push(std::mem::take(&mut line));
            line.push((indent.to_string(), Piece::Plain));
            used = indent.len();
        }
        match line.last_mut() {
            Some((s, k)) if *k == kind => s.push_str(&shown),
            _ => line.push((shown, kind)),
        }
        used += w;
    }
    lines.push(line);
    lines
}

impl CompareView {
    /// The comparison of `previous` (last year's) with `report`, for a `width`×`height` screen.
    pub fn new(
        previous: &Report,
        report: &Report,
        width: u16,
        height: u16,
        theme: Theme,
    ) -> CompareView {
        let mut v = CompareView {
            comparison: compare::compare(previous, report),
            report: report.clone(),
            lines: Vec::new(),
            scroll: 0,
            width,
            height,
            theme,
        };
        v.lay_out();
        v
    }

    fn lay_out(&mut self) {
        let width = usize::from(self.width.saturating_sub(1)).max(20);
        let mut lines: Vec<ScreenLine> = vec![vec![(
            format!(
                "上年：{}    本年：{}",
                self.comparison.before, self.comparison.after
            ),
            Piece::Heading,
        )]];
        lines.push(Vec::new());
        for (text, kind) in compare::table_text(&self.comparison, width, false) {
            let piece = match kind {
                LineKind::Heading => Piece::Heading,
                LineKind::Columns | LineKind::Detail => Piece::Dim,
                LineKind::Changed => Piece::Changed,
                LineKind::Unchanged => Piece::Plain,
            };
            lines.push(vec![(text, piece)]);
        }
        for (copy, section) in self
            .comparison
            .prose
            .iter()
            .zip(crate::model::ProseSection::ALL)
        {
            lines.push(Vec::new());
            lines.push(vec![(compare::prose_heading(copy), Piece::Heading)]);
            let empty = crate::rules::copied::Passages::default();
            for (i, p) in self.report.parts(section).iter().enumerate() {
                let marks = copy.passages.get(i).unwrap_or(&empty);
                if !p.heading.trim().is_empty() {
                    lines.extend(wrap_marked(&p.heading, &marks.heading, width, ""));
                }
                // Paragraph by paragraph; ranges are of the whole body.
                let mut at = 0;
                for para in p.body.split('\n') {
                    let ranges: Vec<_> = marks
                        .body
                        .iter()
                        .filter(|r| r.end > at && r.start < at + para.len())
                        .map(|r| r.start.saturating_sub(at)..(r.end - at).min(para.len()))
                        .collect();
                    lines.extend(wrap_marked(para, &ranges, width, "  "));
                    at += para.len() + 1;
                }
            }
        }
        lines.push(Vec::new());
        lines.push(vec![(
            "下划线：与上年报告同一节相同的文字（连续 12 字以上，不计空白和标点）".into(),
            Piece::Dim,
        )]);
        self.lines = lines;
        self.scroll = self.scroll.min(self.max_scroll());
    }

    /// Rows for the text (all but the title bar and the help bar).
    pub fn body_height(&self) -> usize {
        usize::from(self.height.saturating_sub(2)).max(1)
    }

    fn max_scroll(&self) -> usize {
        self.lines.len().saturating_sub(self.body_height())
    }

    /// The lines, as laid out for the width.
    pub fn lines(&self) -> &[ScreenLine] {
        &self.lines
    }

    /// Handles one event.
    pub fn update(&mut self, event: &Event) -> Outcome {
        super::handle(self, event, Self::key, Self::resize)
    }

    fn key(&mut self, key: &KeyEvent) -> Outcome {
        let keys = KEYMAP.iter().map(|&(keys, action, _)| (keys, action));
        let Some(action) = lookup_in(keys, key, Action::Quit) else {
            return Outcome::Nothing;
        };
        let to = match action {
            Action::Move(m) => m.from(self.scroll, self.body_height()),
            Action::Back => return Outcome::Back,
            Action::Quit => return Outcome::Quit,
        };
        self.scroll = to.min(self.max_scroll());
        Outcome::Redraw
    }

    /// The terminal changed size.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.width = width;
        self.height = height;
        self.lay_out();
    }

    /// Draws the screen.
    pub fn render(&self, area: Rect, buf: &mut Buffer) {
        let bar = self.theme.bar();
        buf.set_style(Rect::new(area.x, area.y, area.width, 1), bar);
        let title = format!(
            " 与上年对照 · 第 {}-{} 行，共 {} 行",
            self.scroll + 1,
            (self.scroll + self.body_height()).min(self.lines.len()),
            self.lines.len()
        );
        buf.set_stringn(area.x, area.y, title, usize::from(area.width), bar);
        for (k, line) in self
            .lines
            .iter()
            .skip(self.scroll)
            .take(self.body_height())
            .enumerate()
        {
            let y = area.y + 1 + k as u16;
            let mut x = area.x + 1;
            for (text, piece) in line {
                let style = match piece {
                    Piece::Plain => Style::new(),
                    Piece::Heading => self.theme.header(),
                    Piece::Changed => Style::new().add_modifier(Modifier::BOLD),
                    Piece::Copied => self
                        .theme
                        .warning()
                        .remove_modifier(Modifier::BOLD)
                        .add_modifier(Modifier::UNDERLINED),
                    Piece::Dim => self.theme.dim(),
                };
                let room = usize::from(area.right().saturating_sub(x));
                let (nx, _) = buf.set_stringn(x, y, text, room, style);
                x = nx;
            }
        }
        let bar_y = area.bottom() - 1;
        buf.set_style(Rect::new(area.x, bar_y, area.width, 1), bar);
        let mut x = area.x + 1;
        for (keys, word) in KEYMAP.iter().filter_map(|(_, _, b)| *b) {
            use unicode_width::UnicodeWidthStr;
            buf.set_string(x, bar_y, keys, bar.add_modifier(Modifier::BOLD));
            buf.set_string(x + keys.width() as u16 + 1, bar_y, word, bar);
            x += (keys.width() + word.width() + 3) as u16;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_the_marks_and_the_width() {
        let text = "一二三四五六七八九十";
        // Bytes 6..15 are 三四五.
        let lines = wrap_marked(text, std::slice::from_ref(&(6..15)), 10, "  ");
        let plain: Vec<String> = lines
            .iter()
            .map(|l| l.iter().map(|(t, _)| t.as_str()).collect())
            .collect();
        assert_eq!(plain, ["  一二三四", "  五六七八", "  九十"]);
        assert_eq!(lines[0][1], ("三四".to_string(), Piece::Copied));
        assert_eq!(lines[1][1], ("五".to_string(), Piece::Copied));
        assert_eq!(lines[1][2], ("六七八".to_string(), Piece::Plain));
        // A control character is shown, not sent.
        let lines = wrap_marked("a\u{1b}b", &[], 20, "");
        assert!(!lines[0].iter().any(|(t, _)| t.contains('\u{1b}')));
    }
}
