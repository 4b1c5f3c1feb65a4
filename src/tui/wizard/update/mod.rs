//! `update(state, event) -> effects`: every key, paste and resize goes through here.
//!
//! A key is looked up in the key tables of the active scopes ([`super::keymap`]); the
//! [`Action`] found is carried out by the focused widget. Split by concern: `numbers`
//! (typing into number fields), `text` (the text editor), `parts` (the parts of a prose
//! step), `undo`, `paste`, `dialogs`, `moves` (focus and steps) and `scroll` (the
//! scroll positions the view shows, computed here from the known size).

mod dialogs;
mod moves;
mod numbers;
mod parts;
mod paste;
mod scroll;
mod text;
mod undo;

use super::keymap::{self, Action};
use super::state::{Dialog, Field, Kind, Tone, Wizard};
use super::steps::Step;
use crate::model::schema::TOTAL_LABEL;
use crate::tui::keys::{lookup, Scope};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind};

/// What the event loop must do after an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Something visible changed: draw.
    Redraw,
    /// The report changed (for the draft writer).
    Changed,
    /// Save the report to its file, then call [`Wizard::saved`]. The event loop may first
    /// check whether FILE changed on disk and call [`Wizard::ask_overwrite`] instead.
    Save,
    /// Save without that check (the user confirmed overwriting), then call [`Wizard::saved`].
    ForceSave,
    /// Save a copy somewhere else than FILE (the draft cannot be written: a full disk),
    /// then call [`Wizard::saved_elsewhere`].
    SaveElsewhere,
    /// Write the report as published beside FILE (.html and .docx), then call
    /// [`Wizard::exported`].
    Export,
    /// Leave the wizard.
    Quit,
}

/// Applies one terminal event to the wizard.
pub fn update(w: &mut Wizard, event: &Event) -> Vec<Effect> {
    let fx = match event {
        Event::Resize(cols, rows) => {
            w.size = (*cols, *rows);
            vec![Effect::Redraw]
        }
        Event::Paste(text) => {
            if let Some(Dialog::SaveAs { path, .. }) = w.dialog.as_mut() {
                path.extend(text.chars().filter(|c| !c.is_control()));
                return vec![Effect::Redraw];
            }
            if w.dialog.is_some() {
                return vec![];
            }
            w.message = None;
            let mut fx = paste::paste(w, text);
            fx.push(Effect::Redraw);
            fx
        }
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            let had_message = w.message.take().is_some();
            let mut fx = on_key(w, key);
            if had_message || !fx.is_empty() || w.message.is_some() {
                fx.push(Effect::Redraw);
            }
            fx.dedup();
            fx
        }
        _ => vec![],
    };
    w.settle_scroll();
    fx
}

impl Wizard {
    /// The scopes of the focused widget, then the step's, then global: the key tables a key
    /// is looked up in, in this order, and the help bar's entries.
    pub fn scopes(&self) -> Vec<&'static Scope<Action>> {
        let mut v: Vec<&'static Scope<Action>> = Vec::new();
        match self.focus {
            Field::Cell(_) if self.focus_kind() == Kind::Signed => v.push(&keymap::TABLE_SIGNED),
            Field::Cell(_) => v.push(&keymap::TABLE),
            Field::Body(..) | Field::Preamble => v.push(&keymap::TEXT),
            Field::SaveLine | Field::Finding(_) => v.push(&keymap::REVIEW),
            _ => v.push(&keymap::LINE),
        }
        if self.step.prose().is_some() && !matches!(self.focus, Field::Fee(_)) {
            v.push(&keymap::PARTS);
            if self.last_year.is_some() {
                v.push(&keymap::LAST_YEAR);
            }
        }
        v.push(&keymap::GLOBAL);
        v
    }

    /// The key table of the open dialog.
    pub fn dialog_scope(&self) -> Option<&'static Scope<Action>> {
        Some(match self.dialog.as_ref()? {
            Dialog::Help => &keymap::HELP_DIALOG,
            Dialog::ConfirmQuit if self.draft_failed.is_some() => &keymap::CONFIRM_QUIT_NO_DRAFT,
            Dialog::ConfirmQuit => &keymap::CONFIRM_QUIT,
            Dialog::ConfirmOverwrite(_) => &keymap::CONFIRM_OVERWRITE,
            Dialog::SavedWithErrors(_) => &keymap::SAVED_WITH_ERRORS,
            Dialog::SaveAs { .. } => &keymap::SAVE_AS,
        })
    }

    fn changed(&mut self) -> Vec<Effect> {
        self.dirty = self.saved.as_ref() != Some(&self.report);
        self.refresh_findings();
        vec![Effect::Changed, Effect::Redraw]
    }

    /// Carries out an action of the screen's key tables for `key`.
    fn action(&mut self, a: Action, key: &KeyEvent) -> Vec<Effect> {
        match a {
            Action::Type => match (self.focus_kind(), key.code) {
                (Kind::Line | Kind::Text, _) => self.text_key(key),
                (Kind::None, _) => vec![],
                (_, KeyCode::Char(c)) => self.type_number(c),
                _ => vec![],
            },
            Action::Backspace => match self.focus_kind() {
                Kind::Line | Kind::Text => self.text_key(key),
                Kind::None => vec![],
                _ => self.backspace_number(),
            },
            Action::Delete => match self.focus_kind() {
                Kind::Line | Kind::Text => self.text_key(key),
                Kind::None => vec![],
                _ => self.clear_field(),
            },
            Action::Enter => self.enter(),
            Action::Arrow => self.arrow(key),
            Action::NextField => self.move_field(true),
            Action::PrevField => self.move_field(false),
            Action::NextStep => self.move_step(true),
            Action::PrevStep => self.move_step(false),
            Action::GoStep => {
                if let KeyCode::Char(c) = key.code {
                    let i = c.to_digit(10).unwrap_or(1) as usize;
                    if let Some(s) = Step::at(i.saturating_sub(1)) {
                        self.go_step(s);
                    }
                }
                vec![Effect::Redraw]
            }
            Action::Clear => self.clear_field(),
            Action::Undo => self.undo_step(),
            Action::Redo => self.redo_step(),
            Action::Save => vec![Effect::Save],
            Action::Export => vec![Effect::Export],
            Action::Quit => {
                if self.dirty {
                    self.dialog = Some(Dialog::ConfirmQuit);
                    vec![Effect::Redraw]
                } else {
                    vec![Effect::Quit]
                }
            }
            Action::Help => {
                self.dialog = Some(Dialog::Help);
                self.help_scroll = 0;
                vec![Effect::Redraw]
            }
            Action::Close
            | Action::Discard
            | Action::ForceSave
            | Action::CancelSave
            | Action::SaveElsewhere
            | Action::ShowFindings
            | Action::SaveAsTyped => vec![],
            Action::Recompute => {
                let mut after = self.report.clone();
                after.recompute_totals();
                if after == self.report {
                    self.message =
                        Some((Tone::Info, format!("各{TOTAL_LABEL}与其各项相符，无需重算")));
                    return vec![];
                }
                // One undo step, within the undo depth like every other.
                self.push_undo();
                self.report = after;
                self.focus_field(self.focus);
                self.message = Some((
                    Tone::Info,
                    format!("已按各项重算表三、表四的全部{TOTAL_LABEL}"),
                ));
                self.changed()
            }
            Action::AddPart | Action::RemovePart | Action::PartUp | Action::PartDown => {
                self.parts_action(a)
            }
            Action::ScrollUp => self.scroll_preview(-3),
            Action::ScrollDown => self.scroll_preview(3),
            Action::LastText => self.last_text_action(),
            Action::CopyLastText => self.copy_last_text_action(),
            Action::PageUp => self.scroll_preview(-self.preview_page()),
            Action::PageDown => self.scroll_preview(self.preview_page()),
            Action::PreviewTop => self.scroll_preview(i32::MIN / 2),
            Action::PreviewEnd => self.scroll_preview(i32::MAX / 2),
        }
    }
}

fn on_key(w: &mut Wizard, key: &KeyEvent) -> Vec<Effect> {
    if let Some(scope) = w.dialog_scope() {
        return match lookup(&[scope], key) {
            Some(b) if b.action == Action::Arrow => w.scroll_help(key.code),
            Some(b) if matches!(w.dialog, Some(Dialog::SaveAs { .. })) => {
                w.save_as_key(b.action, key)
            }
            Some(b) => w.dialog_action(b.action),
            None => vec![],
        };
    }
    match lookup(&w.scopes(), key) {
        Some(b) => w.action(b.action, key),
        None => vec![],
    }
}
