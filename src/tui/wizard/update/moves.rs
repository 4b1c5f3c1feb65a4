//! Moving the focus: fields, cells, steps, and step 8's list.

use super::Effect;
use crate::model::CellRef;
use crate::tui::tables::{nav, Direction};
use crate::tui::wizard::keymap::Action;
use crate::tui::wizard::state::{Field, Kind, Wizard};
use crate::tui::wizard::steps::{Content, Step};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

impl Wizard {
    pub(crate) fn go_step(&mut self, step: Step) {
        self.step = step;
        self.parts_scroll = 0;
        self.list_scroll = 0;
        self.review_scroll = 0;
        let first = self
            .fields(step)
            .first()
            .copied()
            .unwrap_or(Field::SaveLine);
        self.focus_field(first);
    }

    /// Where the focus is, as one line of text for the draft: the step's number and the
    /// field's place in the step's Tab order (`4 17`).
    pub fn position(&self) -> String {
        let fields = self.fields(self.step);
        match fields.iter().position(|f| *f == self.focus) {
            Some(i) => format!("{} {i}", self.step.index() + 1),
            None => format!("{}", self.step.index() + 1),
        }
    }

    /// Goes back to a [`Wizard::position`] (a recovered draft opens where the clerk was);
    /// anything unreadable leaves the focus where it is.
    pub fn go_to_position(&mut self, position: &str) {
        let mut it = position.split_whitespace().map(|n| n.parse::<usize>().ok());
        let Some(Some(step)) = it.next() else {
            return;
        };
        let Some(step) = step.checked_sub(1).and_then(Step::at) else {
            return;
        };
        self.go_step(step);
        if let Some(Some(i)) = it.next() {
            if let Some(f) = self.fields(step).get(i).copied() {
                self.focus_field(f);
            }
        }
        self.settle_scroll();
    }

    pub(super) fn go_to(&mut self, step: Step, field: Field) {
        if step != self.step {
            self.go_step(step);
        }
        self.focus_field(field);
    }

    pub(super) fn move_field(&mut self, forward: bool) -> Vec<Effect> {
        let fields = self.fields(self.step);
        let pos = fields.iter().position(|f| *f == self.focus);
        let i = self.step.index();
        match pos {
            Some(p) if forward && p + 1 < fields.len() => self.focus_field(fields[p + 1]),
            Some(p) if !forward && p > 0 => self.focus_field(fields[p - 1]),
            // Computed cells are not in the Tab order: go to the next editable one after.
            None if matches!(self.focus, Field::Cell(_)) => {
                let next = self.next_editable_from(forward);
                match next {
                    Some(f) => self.focus_field(f),
                    None => return self.move_step(forward),
                }
            }
            _ => {
                if forward {
                    if let Some(s) = Step::at(i + 1) {
                        self.go_step(s);
                    }
                } else if let Some(s) = i.checked_sub(1).and_then(Step::at) {
                    self.go_step(s);
                    if let Some(last) = self.fields(self.step).last().copied() {
                        self.focus_field(last);
                    }
                }
            }
        }
        vec![Effect::Redraw]
    }

    fn next_editable_from(&self, forward: bool) -> Option<Field> {
        let Field::Cell(c) = self.focus else {
            return None;
        };
        let t = self.step.table()?;
        let all = t.editable_cells_in(self.report.tables());
        let order = |x: &CellRef| match *x {
            CellRef::B { row, col } => row * 10 + col,
            CellRef::C { group, col } => group * 10 + col,
            _ => 0,
        };
        let k = order(&c);
        if forward {
            all.iter().find(|x| order(x) > k).map(|x| Field::Cell(*x))
        } else {
            all.iter()
                .rev()
                .find(|x| order(x) < k)
                .map(|x| Field::Cell(*x))
        }
    }

    pub(super) fn move_step(&mut self, forward: bool) -> Vec<Effect> {
        let i = self.step.index();
        let to = if forward {
            Step::at(i + 1)
        } else {
            i.checked_sub(1).and_then(Step::at)
        };
        match to {
            Some(s) => {
                self.go_step(s);
                vec![Effect::Redraw]
            }
            None => vec![],
        }
    }

    /// Enter: by the focused widget.
    pub(super) fn enter(&mut self) -> Vec<Effect> {
        match (self.focus, self.focus_kind()) {
            (Field::Cell(c), _) => {
                if let Some(n) = nav::next_editable_down(c, self.report.tables()) {
                    self.focus_field(Field::Cell(n));
                    return vec![Effect::Redraw];
                }
                vec![]
            }
            (_, Kind::Text) => self.text_key(&KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
            (Field::NoParts(_), _) => self.parts_action(Action::AddPart),
            (Field::SaveLine, _) => vec![Effect::Save],
            (Field::Finding(i), _) => {
                if let Some(f) = self.findings.get(i).cloned() {
                    let (step, field) = self.target_of(&f);
                    self.go_to(step, field);
                    return vec![Effect::Redraw];
                }
                vec![]
            }
            _ => self.move_field(true),
        }
    }

    /// An arrow key: by the focused widget.
    pub(super) fn arrow(&mut self, key: &KeyEvent) -> Vec<Effect> {
        let code = key.code;
        let down = code == KeyCode::Down;
        match (self.focus, self.focus_kind()) {
            (Field::Cell(c), _) => {
                let dir = match code {
                    KeyCode::Up => Direction::Up,
                    KeyCode::Down => Direction::Down,
                    KeyCode::Left => Direction::Left,
                    _ => Direction::Right,
                };
                if let Some(n) = nav::neighbour(c, dir, self.report.tables()) {
                    self.focus_field(Field::Cell(n));
                    return vec![Effect::Redraw];
                }
                vec![]
            }
            (_, Kind::Text) => self.text_key(key),
            _ if self.step.content() == Content::Review => {
                match (self.focus, down) {
                    (Field::SaveLine, true) if !self.findings.is_empty() => {
                        self.focus_field(Field::Finding(0))
                    }
                    (Field::Finding(i), true) if i + 1 < self.findings.len() => {
                        self.focus_field(Field::Finding(i + 1))
                    }
                    (Field::Finding(0), false) => self.focus_field(Field::SaveLine),
                    (Field::Finding(i), false) => self.focus_field(Field::Finding(i - 1)),
                    _ => {}
                }
                self.review_scroll = 0;
                vec![Effect::Redraw]
            }
            (_, Kind::Line) if !matches!(code, KeyCode::Up | KeyCode::Down) => self.text_key(key),
            (_, Kind::None) => vec![],
            _ if code == KeyCode::Down => self.move_field(true),
            _ if code == KeyCode::Up => self.move_field(false),
            _ => vec![],
        }
    }
}
