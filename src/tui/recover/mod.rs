//! The recovery prompt (issue 5): before the wizard opens, a draft newer than FILE is found
//! and the clerk decides. `y` recovers it, `n` discards it after a second confirmation, `d`
//! shows the fields that differ, `q` / Esc leaves without deciding (the draft stays).
//!
//! State + [`RecoverState::update`] + [`view`], like every screen; [`run`] is the small loop
//! that drives it in the real terminal.

use crate::persist::{describe_time, Difference, Recovery};
use crate::text::escape_for_message;
use crate::tui::keys::{ch, ctrl, hint_line, lookup, plain, Binding, Key, Scope};
use crate::tui::terminal::Term;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Padding, Paragraph, Widget, Wrap};
use std::io;
use std::path::Path;
use std::time::SystemTime;

/// What the clerk decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// Open the wizard with the draft's report (as it was at the last change).
    Recover,
    /// Remove the draft and open the wizard with FILE (confirmed twice).
    Discard,
    /// Leave the program; the draft stays for next time.
    Quit,
}

/// What the loop must do after an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Something visible changed: draw.
    Redraw,
    /// The clerk decided.
    Decided(Choice),
}

/// What a key does in the prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Decide.
    Decide(Choice),
    /// Ask again before discarding.
    AskDiscard,
    /// Show the differences.
    Differences,
    /// Back to the question.
    Back,
    /// Scroll the differences by this many lines.
    Scroll(i16),
    /// The differences from the top.
    Top,
}

/// A line of the key tables below ([`Binding::new`]).
type B = Binding<Action>;

/// The question (the prompt's key table; help and the bar read it).
pub static ASK: Scope<Action> = Scope {
    name: "是否恢复",
    bindings: &[
        B::new(
            &[ch('y')],
            Action::Decide(Choice::Recover),
            "恢复草稿：回到上次修改时的内容",
            Some("恢复"),
        ),
        B::new(
            &[ch('n')],
            Action::AskDiscard,
            "丢弃草稿（还会再确认一次）",
            Some("丢弃"),
        ),
        B::new(
            &[ch('d')],
            Action::Differences,
            "查看不同之处",
            Some("查看不同之处"),
        ),
        B::new(
            &[ch('q'), plain(KeyCode::Esc)],
            Action::Decide(Choice::Quit),
            "退出，保留草稿，下次打开时再决定",
            Some("退出（保留草稿）"),
        ),
    ],
};

/// "Really discard?"
pub static CONFIRM_DISCARD: Scope<Action> = Scope {
    name: "确定丢弃",
    bindings: &[
        B::new(
            &[ch('y')],
            Action::Decide(Choice::Discard),
            "确定丢弃",
            Some("确定丢弃"),
        ),
        B::new(
            &[ch('n'), plain(KeyCode::Esc)],
            Action::Back,
            "不丢弃，返回上一步",
            Some("返回"),
        ),
    ],
};

/// The differences.
pub static DIFFERENCES: Scope<Action> = Scope {
    name: "不同之处",
    bindings: &[
        B::new(
            &[plain(KeyCode::Down), ch('j')],
            Action::Scroll(1),
            "下移一行",
            None,
        ),
        B::new(
            &[plain(KeyCode::Up), ch('k')],
            Action::Scroll(-1),
            "上移一行",
            None,
        ),
        B::new(
            &[plain(KeyCode::PageDown), ch(' ')],
            Action::Scroll(10),
            "下翻",
            None,
        ),
        B::new(&[plain(KeyCode::PageUp)], Action::Scroll(-10), "上翻", None),
        B::new(&[plain(KeyCode::Home)], Action::Top, "回到开头", None),
        B::new(
            &[ch('y')],
            Action::Decide(Choice::Recover),
            "恢复草稿",
            Some("恢复"),
        ),
        B::new(&[ch('n')], Action::AskDiscard, "丢弃草稿", Some("丢弃")),
        B::new(
            &[plain(KeyCode::Esc), ch('d'), ch('q')],
            Action::Back,
            "返回",
            Some("返回"),
        ),
    ],
};

/// In every part of the prompt.
pub static ALWAYS: Scope<Action> = Scope {
    name: "任何时候",
    bindings: &[B::new(
        &[ctrl('c'), ctrl('q')],
        Action::Decide(Choice::Quit),
        "退出，保留草稿",
        None,
    )],
};

/// Which part of the prompt is showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The question.
    Ask,
    /// "Really discard?"
    ConfirmDiscard,
    /// The list of differences.
    Differences,
}

/// The state of the prompt.
#[derive(Debug, Clone)]
pub struct RecoverState {
    file: String,
    written: String,
    file_exists: bool,
    differences: Vec<Difference>,
    /// Which part is showing.
    pub mode: Mode,
    scroll: usize,
}

impl RecoverState {
    /// The prompt for a found draft of `file`, described as seen at `now`.
    pub fn new(file: &Path, recovery: &Recovery, now: SystemTime) -> RecoverState {
        RecoverState::from_parts(
            &file.display().to_string(),
            &describe_time(recovery.written, now),
            recovery.file_exists,
            recovery.differences.clone(),
        )
    }

    /// The prompt from its parts (`written` is the text saying when the draft was written).
    pub fn from_parts(
        file: &str,
        written: &str,
        file_exists: bool,
        differences: Vec<Difference>,
    ) -> RecoverState {
        RecoverState {
            file: escape_for_message(file, 60),
            written: written.to_string(),
            file_exists,
            differences,
            mode: Mode::Ask,
            scroll: 0,
        }
    }

    /// Applies one terminal event (the one update style of every screen): returns what the
    /// loop must do — draw again, or the clerk's decision.
    pub fn update(&mut self, event: &Event) -> Vec<Effect> {
        let Event::Key(key) = event else {
            return match event {
                Event::Resize(..) => vec![Effect::Redraw],
                _ => vec![],
            };
        };
        let Some(b) = lookup(&[self.scope(), &ALWAYS], key) else {
            return vec![];
        };
        let before = (self.mode, self.scroll);
        match b.action {
            Action::Decide(c) => return vec![Effect::Decided(c)],
            Action::AskDiscard => self.mode = Mode::ConfirmDiscard,
            Action::Differences => {
                self.mode = Mode::Differences;
                self.scroll = 0;
            }
            Action::Back => self.mode = Mode::Ask,
            Action::Scroll(n) => {
                self.scroll = usize::try_from(self.scroll as isize + n as isize).unwrap_or(0)
            }
            Action::Top => self.scroll = 0,
        }
        self.scroll = self.scroll.min(self.line_count().saturating_sub(1));
        if (self.mode, self.scroll) == before {
            vec![]
        } else {
            vec![Effect::Redraw]
        }
    }

    /// The key table of the part showing.
    fn scope(&self) -> &'static Scope<Action> {
        match self.mode {
            Mode::Ask => &ASK,
            Mode::ConfirmDiscard => &CONFIRM_DISCARD,
            Mode::Differences => &DIFFERENCES,
        }
    }

    /// Lines of the differences view at most: two per difference, one per section heading.
    fn line_count(&self) -> usize {
        let mut sections = 0;
        let mut last = "";
        for d in &self.differences {
            if d.section != last {
                sections += 1;
                last = &d.section;
            }
        }
        2 * self.differences.len() + sections
    }

    fn count_text(&self) -> String {
        let n = self.differences.len();
        if self.file_exists {
            format!("与文件相比有 {n} 处不同。")
        } else {
            format!("文件尚未保存过；草稿中有 {n} 处已填写的内容。")
        }
    }

    /// The lines of the differences view, grouped by section, for a view `width` wide: a
    /// difference takes one line when it fits, else the values go on a line of their own.
    fn difference_lines(&self, theme: &Theme, width: usize) -> Vec<Line<'static>> {
        let (was, now) = if self.file_exists {
            ("文件", "草稿")
        } else {
            ("空白", "草稿")
        };
        let mut lines = Vec::new();
        let mut section = "";
        for d in &self.differences {
            if d.section != section {
                section = &d.section;
                lines.push(Line::styled(d.section.clone(), theme.header()));
            }
            let field = format!("  {}", escape_for_message(&d.field, 40));
            let values = vec![
                Span::styled(format!("{was} "), theme.dim()),
                Span::raw(value(d.old.as_deref())),
                Span::styled(format!(" → {now} "), theme.dim()),
                Span::raw(value(d.new.as_deref())),
            ];
            let one_line = Line::from(
                std::iter::once(Span::raw(format!("{field}  ")))
                    .chain(values.iter().cloned())
                    .collect::<Vec<_>>(),
            );
            if one_line.width() <= width {
                lines.push(one_line);
            } else {
                lines.push(Line::from(field));
                lines.push(Line::from(
                    std::iter::once(Span::raw("      "))
                        .chain(values)
                        .collect::<Vec<_>>(),
                ));
            }
        }
        lines
    }
}

fn value(v: Option<&str>) -> String {
    match v {
        None => "（无此部分）".into(),
        Some("") => "（空）".into(),
        Some(s) => escape_for_message(s, 14),
    }
}

/// Draws the prompt over the whole `area`.
pub fn view(state: &RecoverState, theme: &Theme, area: Rect, buf: &mut Buffer) {
    Clear.render(area, buf);
    let [body, bar] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let help = match state.mode {
        Mode::Differences => format!(" ↑↓ PgUp/PgDn 翻动  {}", hint_line(state.scope(), "  ")),
        _ => format!(" {}", hint_line(state.scope(), "  ")),
    };
    Paragraph::new(help).style(theme.bar()).render(bar, buf);

    if state.mode == Mode::Differences {
        let lines = state.difference_lines(theme, usize::from(body.width.saturating_sub(4)));
        let title = format!(
            " 草稿与{}的不同之处（共 {} 处） ",
            if state.file_exists {
                "文件"
            } else {
                "空白报告"
            },
            state.differences.len()
        );
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.dim())
            .padding(Padding::horizontal(1))
            .title(Span::styled(title, theme.header()));
        let inner_height = usize::from(block.inner(body).height);
        let max_scroll = lines.len().saturating_sub(inner_height);
        let scroll = state.scroll.min(max_scroll);
        let shown: Vec<Line> = lines.into_iter().skip(scroll).collect();
        Paragraph::new(shown).block(block).render(body, buf);
        return;
    }

    let mut lines = vec![
        Line::from(""),
        Line::from(vec![
            Span::styled("文件：", theme.label()),
            Span::raw(state.file.clone()),
        ]),
        Line::from(format!("草稿写于 {}", state.written)),
        Line::from(state.count_text()),
        Line::from(""),
    ];
    match state.mode {
        Mode::Ask => {
            lines.push(Line::styled("是否恢复这份草稿？", theme.header()));
            lines.push(Line::from(""));
            push_keys(&mut lines, &ASK, theme);
        }
        _ => {
            lines.push(Line::styled(
                format!(
                    "确定丢弃草稿吗？其中 {} 处内容将永久丢失，无法找回。",
                    state.differences.len()
                ),
                theme.error(),
            ));
            lines.push(Line::from(""));
            push_keys(&mut lines, &CONFIRM_DISCARD, theme);
        }
    }
    let width = body.width.min(78);
    let height = (lines.len() as u16 + 2).min(body.height);
    let x = body.x + (body.width - width) / 2;
    let y = body.y + (body.height - height) / 2;
    let boxed = Rect::new(x, y, width, height);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.dim())
        .padding(Padding::horizontal(1))
        .title(Span::styled(" 发现未保存的草稿 ", theme.header()));
    Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false })
        .render(boxed, buf);
}

/// One line per key of a scope: the first key, and its explanation.
fn push_keys(lines: &mut Vec<Line<'static>>, scope: &Scope<Action>, theme: &Theme) {
    for b in scope.bindings {
        let key = b.keys.first().map(Key::name).unwrap_or_default();
        lines.push(Line::from(vec![
            Span::styled(format!("  {key}  "), theme.focus()),
            Span::raw(format!(" {}", b.help)),
        ]));
    }
}

/// Runs the prompt in the real terminal until the clerk decides.
pub fn run(term: &mut Term, state: &mut RecoverState) -> io::Result<Choice> {
    let theme = Theme::from_env();
    loop {
        crate::tui::terminal::draw(term, |f| view(state, &theme, f.area(), f.buffer_mut()))?;
        // Read events until one changes the screen (or decides).
        loop {
            let effects = state.update(&crate::tui::terminal::read_event()?);
            if let Some(choice) = effects.iter().find_map(|fx| match fx {
                Effect::Decided(choice) => Some(*choice),
                Effect::Redraw => None,
            }) {
                return Ok(choice);
            }
            if effects.contains(&Effect::Redraw) {
                break;
            }
        }
    }
}

/// Asks about a found draft in a terminal session of its own (entered and given back here),
/// before the wizard starts.
pub fn ask(file: &Path, recovery: &Recovery) -> io::Result<Choice> {
    let mut state = RecoverState::new(file, recovery, SystemTime::now());
    // A signal or a dropped link during the question gives the terminal back; the draft stays.
    let _guard = crate::persist::guard::Guard::install_without_drafts(file)?;
    let mut term = crate::tui::terminal::enter()?;
    let result = run(&mut term, &mut state);
    crate::tui::terminal::restore()?;
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Report;
    use ratatui::backend::TestBackend;
    use ratatui::Terminal;

    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    /// Feeds a key; the decision, if the key made one.
    trait Press {
        fn press(&mut self, key: KeyEvent) -> Option<Choice>;
    }

    impl Press for RecoverState {
        fn press(&mut self, key: KeyEvent) -> Option<Choice> {
            self.update(&Event::Key(key))
                .into_iter()
                .find_map(|fx| match fx {
                    Effect::Decided(c) => Some(c),
                    Effect::Redraw => None,
                })
        }
    }

    fn state(file_exists: bool) -> RecoverState {
        let old = crate::rules::testdata::huaian();
        let mut new = old.clone();
        new.agency = "淮安市人民政府办公室".into();
        new.requests.set(0, 0, 12);
        new.requests.set(2, 1, 3);
        new.overview[0].body = "第一段\n第二段很长很长很长很长很长很长很长很长很长很长".into();
        new.problems.push(crate::model::Part::new("新问题", ""));
        let base = if file_exists {
            old
        } else {
            Report::new("", 2025)
        };
        RecoverState::from_parts(
            "/home/li/年报/report.yaml",
            "2026-11-26 22:14:05（3 分钟前）",
            file_exists,
            crate::persist::differences(&base, &new),
        )
    }

    fn screen(s: &RecoverState, w: u16, h: u16) -> String {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| view(s, &Theme::plain(), f.area(), f.buffer_mut()))
            .unwrap();
        buffer_text(t.backend().buffer())
    }

    fn buffer_text(buf: &Buffer) -> String {
        crate::tui::buffer_text(buf)
    }

    #[test]
    fn tiny_and_odd_sizes_do_not_panic() {
        for mode_key in [None, Some('n'), Some('d')] {
            let mut s = state(true);
            if let Some(k) = mode_key {
                s.press(key(k));
            }
            for (w, h) in [(1, 1), (2, 1), (10, 3), (20, 5), (79, 23), (200, 60)] {
                let _ = screen(&s, w, h);
            }
        }
    }

    #[test]
    fn keys_decide() {
        let mut s = state(true);
        assert_eq!(s.press(key('y')), Some(Choice::Recover));
        let mut s = state(true);
        assert_eq!(s.press(key('n')), None);
        assert_eq!(s.mode, Mode::ConfirmDiscard);
        assert_eq!(s.press(key('n')), None, "the second n goes back");
        assert_eq!(s.mode, Mode::Ask);
        assert_eq!(s.press(key('N')), None);
        assert_eq!(s.press(key('y')), Some(Choice::Discard));
        let mut s = state(true);
        assert_eq!(s.press(key('d')), None);
        assert_eq!(s.mode, Mode::Differences);
        assert_eq!(
            s.press(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
            None
        );
        assert_eq!(s.mode, Mode::Ask);
        assert_eq!(s.press(key('x')), None);
        assert_eq!(s.press(key('q')), Some(Choice::Quit));
        let mut s = state(true);
        assert_eq!(
            s.press(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Choice::Quit)
        );
    }

    #[test]
    fn the_question_at_80x24() {
        let s = state(true);
        insta::assert_snapshot!(screen(&s, 80, 24));
    }

    #[test]
    fn the_question_for_a_file_never_saved() {
        let s = state(false);
        let text = screen(&s, 80, 24);
        assert!(text.contains("文件尚未保存过；草稿中有"), "{text}");
    }

    #[test]
    fn the_second_confirmation_at_80x24() {
        let mut s = state(true);
        s.press(key('n'));
        insta::assert_snapshot!(screen(&s, 80, 24));
    }

    #[test]
    fn the_differences_at_80x24() {
        let mut s = state(true);
        s.press(key('d'));
        insta::assert_snapshot!(screen(&s, 80, 24));
    }

    #[test]
    fn scrolling_the_differences_stops_at_the_end() {
        let mut s = state(false);
        s.press(key('d'));
        for _ in 0..50 {
            s.press(KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE));
        }
        let text = screen(&s, 80, 24);
        assert!(text.contains("新问题"), "{text}");
    }
}
