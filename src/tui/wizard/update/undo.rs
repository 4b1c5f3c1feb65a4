//! Undo and redo: snapshots of the report (and where the focus was), and the editor's own
//! history inside a text field.

use super::Effect;
use crate::tui::wizard::state::{Snapshot, Tone, Wizard, UNDO_DEPTH};

impl Wizard {
    /// Takes an undo snapshot before the first change of the focused field's edit.
    pub(super) fn begin_edit(&mut self) {
        if !self.edit_open {
            self.push_undo();
            self.edit_open = true;
        }
    }

    /// Makes the present state one undo step (at most [`UNDO_DEPTH`] are kept, the oldest
    /// dropped) before a change; a new change forgets what could be redone.
    pub(crate) fn push_undo(&mut self) {
        let now = self.snapshot();
        self.undo.push(now);
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    fn restore(&mut self, s: Snapshot) {
        self.report = s.report;
        if s.step != self.step {
            self.go_step(s.step);
        }
        self.focus_field(s.focus);
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot {
            report: self.report.clone(),
            step: self.step,
            focus: self.focus,
        }
    }

    pub(super) fn undo_step(&mut self) -> Vec<Effect> {
        if let Some(ed) = self.editor.as_mut() {
            if ed.undo() {
                self.sync_editor();
                return self.changed();
            }
        }
        while let Some(s) = self.undo.pop() {
            if s.report == self.report {
                continue;
            }
            let now = self.snapshot();
            self.redo.push(now);
            self.restore(s);
            return self.changed();
        }
        self.message = Some((Tone::Info, "没有可撤销的修改".into()));
        vec![]
    }

    pub(super) fn redo_step(&mut self) -> Vec<Effect> {
        if let Some(ed) = self.editor.as_mut() {
            if ed.redo() {
                self.sync_editor();
                return self.changed();
            }
        }
        if let Some(s) = self.redo.pop() {
            let now = self.snapshot();
            self.undo.push(now);
            self.restore(s);
            return self.changed();
        }
        self.message = Some((Tone::Info, "没有可重做的修改".into()));
        vec![]
    }
}
