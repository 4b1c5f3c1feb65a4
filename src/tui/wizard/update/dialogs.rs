//! The dialogs: quit, overwrite, saved-with-errors and help, and the results of saving.

use super::Effect;
use crate::tui::wizard::keymap::Action;
use crate::tui::wizard::state::{Dialog, Field, Tone, Wizard};
use crate::tui::wizard::steps::Step;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

impl Wizard {
    /// The result of an [`Effect::Save`]: `Ok` when the file was written, or why not.
    pub fn saved(&mut self, result: Result<(), String>) {
        match result {
            Ok(()) => {
                self.dirty = false;
                if !self.file_findings.is_empty() {
                    self.file_findings.clear();
                    self.refresh_findings();
                }
                let errors: Vec<String> = self
                    .findings
                    .iter()
                    .filter(|f| f.severity == crate::rules::Severity::Error)
                    .map(|f| f.to_string())
                    .collect();
                let file = self.path.display().to_string();
                if errors.is_empty() {
                    self.message = Some((Tone::Info, format!("已保存到 {file}")));
                } else {
                    self.message = Some((
                        Tone::Info,
                        format!("已保存到 {file}，但仍有 {} 处错误", errors.len()),
                    ));
                    self.dialog = Some(Dialog::SavedWithErrors(errors));
                }
            }
            Err(e) => {
                self.message = Some((
                    Tone::Error,
                    format!("保存失败：{e}（文件未改动，可换个位置或稍后再试）"),
                ));
            }
        }
        self.settle_scroll();
    }

    /// The result of an [`Effect::Export`]: the files written, or why not.
    pub fn exported(&mut self, result: std::io::Result<Vec<std::path::PathBuf>>) {
        self.message = Some(match result {
            Ok(paths) => {
                let names: Vec<String> = paths
                    .iter()
                    .map(|p| crate::text::clean_line(&p.display().to_string()).into_owned())
                    .collect();
                let errors = self
                    .findings
                    .iter()
                    .filter(|f| f.severity == crate::rules::Severity::Error)
                    .count();
                let note = if errors > 0 {
                    format!("（报告仍有 {errors} 处错误，可作送审稿）")
                } else {
                    String::new()
                };
                (Tone::Info, format!("已导出 {}{note}", names.join(" 和 ")))
            }
            Err(e) => (
                Tone::Error,
                format!("导出失败：{e}（报告本身未改动；可检查文件夹的写权限后再试）"),
            ),
        });
        self.settle_scroll();
    }

    /// Asks whether to overwrite FILE (it changed on disk since it was opened): `y` gives
    /// [`Effect::ForceSave`], any other key cancels the save.
    pub fn ask_overwrite(&mut self, why: impl Into<String>) {
        self.dialog = Some(Dialog::ConfirmOverwrite(why.into()));
    }

    /// Carries out an action of the open dialog's key table.
    pub(super) fn dialog_action(&mut self, a: Action) -> Vec<Effect> {
        match a {
            Action::Discard => vec![Effect::Quit],
            Action::Save => {
                self.dialog = None;
                vec![Effect::Save, Effect::Redraw]
            }
            Action::Quit => {
                self.dialog = None;
                let ctrl_q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL);
                let mut fx = self.action(Action::Quit, &ctrl_q);
                if !fx.contains(&Effect::Redraw) {
                    fx.push(Effect::Redraw);
                }
                fx
            }
            Action::ForceSave => {
                self.dialog = None;
                vec![Effect::ForceSave, Effect::Redraw]
            }
            Action::CancelSave => {
                self.dialog = None;
                self.message = Some((Tone::Info, "未保存：文件保持原样".into()));
                vec![Effect::Redraw]
            }
            Action::ShowFindings => {
                self.dialog = None;
                self.go_step(Step::Review);
                if !self.findings.is_empty() {
                    self.focus_field(Field::Finding(0));
                }
                vec![Effect::Redraw]
            }
            _ => {
                self.dialog = None;
                vec![Effect::Redraw]
            }
        }
    }
}
