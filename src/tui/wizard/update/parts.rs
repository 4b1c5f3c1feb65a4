//! The parts of a prose step: add, remove, move.

use super::Effect;
use crate::model::Part;
use crate::tui::wizard::keymap::Action;
use crate::tui::wizard::state::{Field, Tone, Wizard};

impl Wizard {
    fn part_index(&self) -> Option<(crate::model::ProseSection, usize)> {
        match self.focus {
            Field::Heading(s, i) | Field::Body(s, i) => Some((s, i)),
            _ => None,
        }
    }

    pub(super) fn parts_action(&mut self, a: Action) -> Vec<Effect> {
        let Some(section) = self.step.prose() else {
            return vec![];
        };
        let here = self.part_index();
        let n = self.report.parts(section).len();
        match a {
            Action::AddPart => {
                self.begin_edit();
                let at = here.map_or(n, |(_, i)| i + 1);
                self.report.parts_mut(section).insert(at, Part::new("", ""));
                self.focus_field(Field::Heading(section, at));
            }
            Action::RemovePart => {
                let Some((_, i)) = here else {
                    return vec![];
                };
                self.begin_edit();
                self.report.parts_mut(section).remove(i);
                let n = n - 1;
                let f = if n == 0 {
                    Field::NoParts(section)
                } else {
                    Field::Heading(section, i.min(n - 1))
                };
                self.focus_field(f);
                self.message = Some((Tone::Info, format!("已删除第 {} 段（Ctrl-Z 撤销）", i + 1)));
            }
            Action::PartUp | Action::PartDown => {
                let Some((_, i)) = here else {
                    return vec![];
                };
                let j = if a == Action::PartUp {
                    if i == 0 {
                        return vec![];
                    }
                    i - 1
                } else {
                    if i + 1 >= n {
                        return vec![];
                    }
                    i + 1
                };
                self.begin_edit();
                self.report.parts_mut(section).swap(i, j);
                let f = match self.focus {
                    Field::Body(..) => Field::Body(section, j),
                    _ => Field::Heading(section, j),
                };
                self.focus_field(f);
            }
            _ => return vec![],
        }
        // Structural edits are one undo step each.
        self.edit_open = false;
        self.changed()
    }
}
