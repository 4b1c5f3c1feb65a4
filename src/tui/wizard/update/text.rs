//! The text editor of the focused text field (one line or a body).

use super::Effect;
use crate::tui::wizard::state::{Field, Kind, Wizard};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::CursorMove;

impl Wizard {
    /// A key for the text editor (already looked up: typing, deleting, caret moves).
    pub(super) fn text_key(&mut self, key: &KeyEvent) -> Vec<Effect> {
        let multi = self.focus_kind() == Kind::Text;
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let moving = |w: &mut Wizard, m: CursorMove| {
            if let Some(ed) = w.editor.as_mut() {
                ed.move_cursor(m);
            }
            vec![Effect::Redraw]
        };
        match key.code {
            KeyCode::Enter if !multi => self.move_field(true),
            KeyCode::Down if !multi => self.move_field(true),
            KeyCode::Up if !multi => self.move_field(false),
            KeyCode::Left if ctrl => moving(self, CursorMove::WordBack),
            KeyCode::Right if ctrl => moving(self, CursorMove::WordForward),
            KeyCode::Left => moving(self, CursorMove::Back),
            KeyCode::Right => moving(self, CursorMove::Forward),
            KeyCode::Up => moving(self, CursorMove::Up),
            KeyCode::Down => moving(self, CursorMove::Down),
            KeyCode::Home => moving(self, CursorMove::Head),
            KeyCode::End => moving(self, CursorMove::End),
            KeyCode::Enter | KeyCode::Char(_) | KeyCode::Backspace | KeyCode::Delete => {
                let before = self.editor.as_ref().map(|e| e.lines().to_vec());
                self.begin_edit();
                let modified = match self.editor.as_mut() {
                    Some(ed) => match key.code {
                        KeyCode::Char(c) => {
                            ed.insert_char(c);
                            true
                        }
                        KeyCode::Enter => {
                            ed.insert_newline();
                            true
                        }
                        KeyCode::Backspace => ed.delete_char(),
                        _ => ed.delete_next_char(),
                    },
                    None => false,
                };
                if !modified || before.as_deref() == self.editor.as_ref().map(|e| e.lines()) {
                    return vec![Effect::Redraw];
                }
                self.sync_editor();
                self.changed()
            }
            _ => vec![],
        }
    }

    /// Writes the editor's text into the report.
    pub(super) fn sync_editor(&mut self) {
        let Some(ed) = self.editor.as_ref() else {
            return;
        };
        let text = ed.lines().join("\n");
        let r = &mut self.report;
        match self.focus {
            Field::Agency => r.agency = text,
            Field::Title => r.title = (!text.is_empty()).then_some(text),
            Field::Preamble => r.preamble = text,
            Field::Heading(s, i) => {
                if let Some(p) = r.parts_mut(s).get_mut(i) {
                    p.heading = text;
                }
            }
            Field::Body(s, i) => {
                if let Some(p) = r.parts_mut(s).get_mut(i) {
                    p.body = text;
                }
            }
            _ => {}
        }
    }
}
