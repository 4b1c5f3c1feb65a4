//! Helpers for driving the wizard without a terminal: keys as events, and screens as text.
//! Used by the tests and benchmarks.

use super::state::{Options, Wizard};
use super::update::{update, Effect};
use super::view::draw;
use crate::model::Report;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

/// A key press without modifiers.
pub fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Ctrl + a letter.
pub fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// Typing `text`, one key per character.
pub fn chars(text: &str) -> Vec<Event> {
    text.chars().map(|c| key(KeyCode::Char(c))).collect()
}

/// A bracketed paste.
pub fn paste(text: &str) -> Event {
    Event::Paste(text.to_string())
}

/// A wizard on `report` for tests: fixed year 2026, no colours, saving to `path`.
pub fn wizard(report: Report, path: &str, size: (u16, u16)) -> Wizard {
    Wizard::new(
        report,
        Options {
            path: path.into(),
            current_year: 2026,
            theme: Theme::plain(),
            size,
        },
    )
}

/// Feeds events; returns every effect in order.
pub fn feed(w: &mut Wizard, events: impl IntoIterator<Item = Event>) -> Vec<Effect> {
    events.into_iter().flat_map(|e| update(w, &e)).collect()
}

/// The text of a buffer, one line per row, wide characters counted once.
pub fn buffer_text(buf: &Buffer) -> String {
    crate::tui::buffer_text(buf)
}

/// Renders the wizard at `cols`×`rows`; returns the screen as text and where the terminal
/// cursor goes (column, row).
pub fn render(w: &Wizard, cols: u16, rows: u16) -> (String, Option<(u16, u16)>) {
    let area = Rect::new(0, 0, cols, rows);
    let mut buf = Buffer::empty(area);
    let cursor = draw(w, area, &mut buf);
    (buffer_text(&buf), cursor.map(|p| (p.x, p.y)))
}
