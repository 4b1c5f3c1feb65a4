//! `update(state, event) -> effects`: every key, paste and resize goes through here.

use super::keymap::{lookup, Action, Scope};
use super::state::{Dialog, Field, Kind, Snapshot, Step, Tone, Wizard, UNDO_DEPTH};
use crate::model::schema::{B_TOTAL_COL, C_TOTAL_COL, R_OUTCOME_TOTAL};
use crate::model::{normalize_digit, parse_count, Amount, CellRef, CountError, Part};
use crate::tui::tables::{editable_cells, nav, Direction, Table};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui_textarea::CursorMove;

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
    /// Save a copy somewhere else than FILE (FILE's disk is full), then call
    /// [`Wizard::saved_elsewhere`].
    SaveElsewhere,
    /// Leave the wizard.
    Quit,
}

/// Applies one terminal event to the wizard.
pub fn update(w: &mut Wizard, event: &Event) -> Vec<Effect> {
    match event {
        Event::Resize(cols, rows) => {
            w.size = (*cols, *rows);
            vec![Effect::Redraw]
        }
        Event::Paste(text) => {
            if w.dialog.is_some() {
                return vec![];
            }
            w.message = None;
            let mut fx = paste(w, text);
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
    }
}

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
    }

    /// The result of an [`Effect::SaveElsewhere`]: where the copy went, or why it failed.
    pub fn saved_elsewhere(&mut self, result: Result<std::path::PathBuf, String>) {
        self.message = Some(match result {
            Ok(p) => (
                Tone::Info,
                format!(
                    "已另存为 {}（原文件未保存；腾出空间后请再按 Ctrl-S）",
                    crate::text::clean_line(&p.display().to_string())
                ),
            ),
            Err(e) => (Tone::Error, format!("另存失败：{e}")),
        });
    }

    /// Asks whether to overwrite FILE (it changed on disk since it was opened): `y` gives
    /// [`Effect::ForceSave`], any other key cancels the save.
    pub fn ask_overwrite(&mut self, why: impl Into<String>) {
        self.dialog = Some(Dialog::ConfirmOverwrite(why.into()));
    }

    /// The scopes of the focused widget, for key lookup and the help bar.
    pub fn scopes(&self) -> Vec<Scope> {
        let mut v = Vec::new();
        match self.focus {
            Field::Cell(_) => v.push(Scope::Table),
            Field::Body(..) => v.push(Scope::Text),
            Field::SaveLine | Field::Finding(_) => v.push(Scope::Review),
            _ => v.push(Scope::Line),
        }
        if self.step.prose().is_some() && !matches!(self.focus, Field::Fee(_)) {
            v.push(Scope::Parts);
        }
        v.push(Scope::Global);
        v
    }

    pub(crate) fn go_step(&mut self, step: Step) {
        self.step = step;
        self.parts_scroll.set(0);
        self.list_scroll.set(0);
        self.review_scroll = 0;
        let first = self
            .fields(step)
            .first()
            .copied()
            .unwrap_or(Field::SaveLine);
        self.focus_field(first);
    }

    fn go_to(&mut self, step: Step, field: Field) {
        if step != self.step {
            self.go_step(step);
        }
        self.focus_field(field);
    }

    /// Takes an undo snapshot before the first change of the focused field's edit.
    fn begin_edit(&mut self) {
        if !self.edit_open {
            self.undo.push(Snapshot {
                report: self.report.clone(),
                step: self.step,
                focus: self.focus,
            });
            if self.undo.len() > UNDO_DEPTH {
                self.undo.remove(0);
            }
            self.redo.clear();
            self.edit_open = true;
        }
    }

    fn changed(&mut self) -> Vec<Effect> {
        self.dirty = true;
        self.refresh_findings();
        vec![Effect::Changed, Effect::Redraw]
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

    fn undo_step(&mut self) -> Vec<Effect> {
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

    fn redo_step(&mut self) -> Vec<Effect> {
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

    /// Writes the editor's text into the report.
    fn sync_editor(&mut self) {
        let Some(ed) = self.editor.as_ref() else {
            return;
        };
        let text = ed.lines().join("\n");
        let r = &mut self.report;
        match self.focus {
            Field::Agency => r.agency = text,
            Field::Title => r.title = (!text.is_empty()).then_some(text),
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

    /// Sets a numeric field from typed text (already checked); keeps totals computed.
    fn set_number(&mut self, field: Field, text: &str) -> Result<(), String> {
        let r = &mut self.report;
        match field.kind() {
            Kind::Count => {
                let v = parse_count(text).map_err(|e| e.to_string())?;
                match field {
                    Field::Cell(CellRef::A { field, col }) => {
                        if let Some(c) = r.proactive.count_mut(field, col) {
                            *c = v;
                        }
                    }
                    Field::Cell(CellRef::B { row, col }) => {
                        let t = &mut r.requests;
                        t.set(row, col, v);
                        t.cells[row][B_TOTAL_COL] = t.row_sum(row);
                        t.cells[R_OUTCOME_TOTAL][col] = t.outcome_sum(col);
                        t.cells[R_OUTCOME_TOTAL][B_TOTAL_COL] = t.row_sum(R_OUTCOME_TOTAL);
                    }
                    Field::Cell(CellRef::C { group, col }) => {
                        r.appeals.cells[group][col] = v;
                        r.appeals.cells[group][C_TOTAL_COL] = r.appeals.group_sum(group);
                    }
                    Field::Fee(_) => r.processing_fees.notices = v,
                    _ => {}
                }
            }
            Kind::Year => {
                r.year = if text.is_empty() {
                    0
                } else {
                    text.parse::<i32>()
                        .map_err(|_| "年份只能是数字".to_string())?
                };
            }
            Kind::Amount(max) => {
                let a = if text.is_empty() || text == "." {
                    Amount::ZERO
                } else {
                    Amount::parse(text, max).map_err(|e| e.to_string())?
                };
                match field {
                    Field::Cell(_) => r.proactive.fees_wan_yuan = a,
                    Field::Fee(1) => r.processing_fees.amount_notified_yuan = a,
                    Field::Fee(_) => r.processing_fees.amount_collected_yuan = a,
                    _ => {}
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn type_number(&mut self, ch: char) -> Vec<Effect> {
        let field = self.focus;
        let kind = field.kind();
        let c = normalize_digit(ch);
        let base = if self.num.fresh {
            String::new()
        } else {
            self.num.text.clone()
        };
        let refuse = |w: &mut Wizard, msg: String| {
            w.message = Some((Tone::Error, msg));
            vec![]
        };
        let next = match kind {
            Kind::Count => {
                if !c.is_ascii_digit() {
                    let e = if c == '-' {
                        CountError::Negative
                    } else {
                        CountError::NotADigit(ch)
                    };
                    return refuse(self, format!("{e}；这一格未改动"));
                }
                let mut t = base;
                if t == "0" {
                    t.clear();
                }
                t.push(c);
                if let Err(e) = parse_count(&t) {
                    return refuse(self, format!("{e}；这一格未改动"));
                }
                t
            }
            Kind::Year => {
                if !c.is_ascii_digit() {
                    return refuse(self, format!("年份只能输入数字（如 2024），“{ch}”不是数字"));
                }
                let mut t = base;
                if t.len() >= 4 {
                    return refuse(self, "年份最多 4 位数字".into());
                }
                t.push(c);
                t
            }
            Kind::Amount(max) => {
                let mut t = base;
                if c == '.' {
                    if t.contains('.') {
                        return refuse(self, "金额只能有一个小数点".into());
                    }
                    if t.is_empty() {
                        t.push('0');
                    }
                } else if !c.is_ascii_digit() {
                    return refuse(
                        self,
                        format!("金额只能输入数字和一个小数点，“{ch}”不是；这一格未改动"),
                    );
                } else if let Some(p) = t.find('.') {
                    if t.len() - p > max as usize {
                        return refuse(self, format!("金额最多 {max} 位小数"));
                    }
                } else if t == "0" {
                    t.clear();
                }
                t.push(c);
                if let Err(e) = Amount::parse(&t, max) {
                    return refuse(self, format!("{e}；这一格未改动"));
                }
                t
            }
            Kind::Computed => {
                return refuse(
                    self,
                    "总计由各项相加自动得出，不能输入；请修改它的各项".into(),
                )
            }
            _ => return vec![],
        };
        self.begin_edit();
        if let Err(e) = self.set_number(field, &next) {
            return refuse(self, e);
        }
        self.num.text = next;
        self.num.fresh = false;
        self.changed()
    }

    fn backspace_number(&mut self) -> Vec<Effect> {
        let field = self.focus;
        if field.kind() == Kind::Computed {
            self.message = Some((Tone::Error, "总计由各项相加自动得出，不能修改".into()));
            return vec![];
        }
        let mut t = if self.num.fresh {
            self.value_text(field)
        } else {
            self.num.text.clone()
        };
        t.pop();
        self.begin_edit();
        if let Err(e) = self.set_number(field, &t) {
            self.message = Some((Tone::Error, e));
            return vec![];
        }
        self.num.text = t;
        self.num.fresh = false;
        self.changed()
    }

    fn clear_field(&mut self) -> Vec<Effect> {
        let field = self.focus;
        match field.kind() {
            Kind::Line | Kind::Text => {
                self.begin_edit();
                if let Some(ed) = self.editor.as_mut() {
                    ed.select_all();
                    ed.cut();
                }
                self.sync_editor();
                self.changed()
            }
            Kind::Count | Kind::Year | Kind::Amount(_) => {
                self.begin_edit();
                let _ = self.set_number(field, "");
                self.num.text.clear();
                self.num.fresh = false;
                self.changed()
            }
            Kind::Computed => {
                self.message = Some((Tone::Error, "总计由各项相加自动得出，不能清空".into()));
                vec![]
            }
            Kind::None => vec![],
        }
    }

    fn move_field(&mut self, forward: bool) -> Vec<Effect> {
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
                if forward && i + 1 < Step::ALL.len() {
                    self.go_step(Step::ALL[i + 1]);
                } else if !forward && i > 0 {
                    self.go_step(Step::ALL[i - 1]);
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
        let all = editable_cells(t);
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

    fn move_step(&mut self, forward: bool) -> Vec<Effect> {
        let i = self.step.index();
        if forward && i + 1 < Step::ALL.len() {
            self.go_step(Step::ALL[i + 1]);
        } else if !forward && i > 0 {
            self.go_step(Step::ALL[i - 1]);
        } else {
            return vec![];
        }
        vec![Effect::Redraw]
    }

    fn part_index(&self) -> Option<(crate::model::ProseSection, usize)> {
        match self.focus {
            Field::Heading(s, i) | Field::Body(s, i) => Some((s, i)),
            _ => None,
        }
    }

    fn parts_action(&mut self, a: Action) -> Vec<Effect> {
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

    fn action(&mut self, a: Action) -> Vec<Effect> {
        match a {
            Action::NextField => self.move_field(true),
            Action::PrevField => self.move_field(false),
            Action::NextStep => self.move_step(true),
            Action::PrevStep => self.move_step(false),
            Action::Clear => self.clear_field(),
            Action::Undo => self.undo_step(),
            Action::Redo => self.redo_step(),
            Action::Save => vec![Effect::Save],
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
                vec![Effect::Redraw]
            }
            Action::Close => vec![],
            Action::Recompute => {
                let before = self.report.clone();
                self.report.recompute_totals();
                if self.report == before {
                    self.message = Some((Tone::Info, "各总计与其各项相符，无需重算".into()));
                    return vec![];
                }
                self.undo.push(Snapshot {
                    report: before,
                    step: self.step,
                    focus: self.focus,
                });
                self.redo.clear();
                self.focus_field(self.focus);
                self.message = Some((Tone::Info, "已按各项重算表三、表四的全部总计".into()));
                self.changed()
            }
            Action::AddPart | Action::RemovePart | Action::PartUp | Action::PartDown => {
                self.parts_action(a)
            }
            Action::ScrollUp => {
                self.review_scroll = (self.review_scroll - 3).max(self.review_range.get().0);
                vec![Effect::Redraw]
            }
            Action::ScrollDown => {
                self.review_scroll = (self.review_scroll + 3).min(self.review_range.get().1);
                vec![Effect::Redraw]
            }
        }
    }
}

fn on_key(w: &mut Wizard, key: &KeyEvent) -> Vec<Effect> {
    if let Some(d) = w.dialog.clone() {
        return on_dialog_key(w, d, key);
    }
    if let Some(a) = lookup(key, &w.scopes()) {
        return w.action(a);
    }
    // Alt-1 … Alt-8: straight to a step.
    if let KeyCode::Char(c @ '1'..='8') = key.code {
        if key.modifiers.contains(KeyModifiers::ALT) {
            let i = usize::from(c as u8 - b'1');
            w.go_step(Step::ALL[i]);
            return vec![Effect::Redraw];
        }
    }
    let plain = !key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match w.focus.kind() {
        Kind::Count | Kind::Amount(_) | Kind::Computed | Kind::Year => {
            let in_table = matches!(w.focus, Field::Cell(_));
            match key.code {
                KeyCode::Char(c) if plain => w.type_number(c),
                KeyCode::Backspace => w.backspace_number(),
                KeyCode::Delete => w.clear_field(),
                KeyCode::Enter if in_table => {
                    if let Field::Cell(c) = w.focus {
                        if let Some(n) = nav::next_editable_down(c) {
                            w.focus_field(Field::Cell(n));
                            return vec![Effect::Redraw];
                        }
                    }
                    vec![]
                }
                KeyCode::Up | KeyCode::Down | KeyCode::Left | KeyCode::Right if in_table => {
                    let dir = match key.code {
                        KeyCode::Up => Direction::Up,
                        KeyCode::Down => Direction::Down,
                        KeyCode::Left => Direction::Left,
                        _ => Direction::Right,
                    };
                    if let Field::Cell(c) = w.focus {
                        if let Some(n) = nav::neighbour(c, dir) {
                            w.focus_field(Field::Cell(n));
                            return vec![Effect::Redraw];
                        }
                    }
                    vec![]
                }
                KeyCode::Enter | KeyCode::Down => w.move_field(true),
                KeyCode::Up => w.move_field(false),
                _ => vec![],
            }
        }
        Kind::Line | Kind::Text => text_key(w, key, plain),
        Kind::None => match (w.focus, key.code) {
            (Field::NoParts(_), KeyCode::Enter) => w.parts_action(Action::AddPart),
            (Field::SaveLine, KeyCode::Enter) => vec![Effect::Save],
            (Field::Finding(i), KeyCode::Enter) => {
                if let Some(f) = w.findings.get(i).cloned() {
                    let (step, field) = w.target_of(&f);
                    w.go_to(step, field);
                    return vec![Effect::Redraw];
                }
                vec![]
            }
            (_, KeyCode::Down) if w.step == Step::Review => {
                if let Field::SaveLine = w.focus {
                    if !w.findings.is_empty() {
                        w.focus_field(Field::Finding(0));
                    }
                } else if let Field::Finding(i) = w.focus {
                    if i + 1 < w.findings.len() {
                        w.focus_field(Field::Finding(i + 1));
                    }
                }
                w.review_scroll = 0;
                vec![Effect::Redraw]
            }
            (_, KeyCode::Up) if w.step == Step::Review => {
                if let Field::Finding(i) = w.focus {
                    w.focus_field(if i == 0 {
                        Field::SaveLine
                    } else {
                        Field::Finding(i - 1)
                    });
                }
                w.review_scroll = 0;
                vec![Effect::Redraw]
            }
            _ => vec![],
        },
    }
}

fn text_key(w: &mut Wizard, key: &KeyEvent, plain: bool) -> Vec<Effect> {
    let multi = w.focus.kind() == Kind::Text;
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let moving = |w: &mut Wizard, m: CursorMove| {
        if let Some(ed) = w.editor.as_mut() {
            ed.move_cursor(m);
        }
        vec![Effect::Redraw]
    };
    match key.code {
        KeyCode::Enter if !multi => w.move_field(true),
        KeyCode::Down if !multi => w.move_field(true),
        KeyCode::Up if !multi => w.move_field(false),
        KeyCode::Left if ctrl => moving(w, CursorMove::WordBack),
        KeyCode::Right if ctrl => moving(w, CursorMove::WordForward),
        KeyCode::Left => moving(w, CursorMove::Back),
        KeyCode::Right => moving(w, CursorMove::Forward),
        KeyCode::Up => moving(w, CursorMove::Up),
        KeyCode::Down => moving(w, CursorMove::Down),
        KeyCode::Home => moving(w, CursorMove::Head),
        KeyCode::End => moving(w, CursorMove::End),
        KeyCode::Enter | KeyCode::Char(_) | KeyCode::Backspace | KeyCode::Delete => {
            if let KeyCode::Char(_) = key.code {
                if !plain {
                    return vec![];
                }
            }
            let before = w.editor.as_ref().map(|e| e.lines().to_vec());
            w.begin_edit();
            let modified = match w.editor.as_mut() {
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
            if !modified || before.as_deref() == w.editor.as_ref().map(|e| e.lines()) {
                return vec![Effect::Redraw];
            }
            w.sync_editor();
            w.changed()
        }
        _ => vec![],
    }
}

fn on_dialog_key(w: &mut Wizard, d: Dialog, key: &KeyEvent) -> Vec<Effect> {
    let ctrl_c = key.modifiers.contains(KeyModifiers::CONTROL)
        && matches!(key.code, KeyCode::Char('c') | KeyCode::Char('q'));
    match d {
        Dialog::ConfirmQuit => match key.code {
            KeyCode::Char('y') | KeyCode::Char('Y') if !ctrl_c => vec![Effect::Quit],
            KeyCode::Char('a') | KeyCode::Char('A') if w.draft_failed.is_some() => {
                w.dialog = None;
                vec![Effect::SaveElsewhere, Effect::Redraw]
            }
            _ if ctrl_c => vec![Effect::Quit],
            KeyCode::Char('s') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                w.dialog = None;
                vec![Effect::Save, Effect::Redraw]
            }
            _ => {
                w.dialog = None;
                vec![Effect::Redraw]
            }
        },
        Dialog::Help => match key.code {
            KeyCode::Esc | KeyCode::F(1) | KeyCode::Enter | KeyCode::Char('q') => {
                w.dialog = None;
                vec![Effect::Redraw]
            }
            _ if ctrl_c => {
                w.dialog = None;
                w.action(Action::Quit)
            }
            _ => vec![],
        },
        Dialog::ConfirmOverwrite(_) => {
            w.dialog = None;
            if matches!(key.code, KeyCode::Char('y') | KeyCode::Char('Y')) && !ctrl_c {
                vec![Effect::ForceSave, Effect::Redraw]
            } else {
                w.message = Some((Tone::Info, "未保存：文件保持原样".into()));
                vec![Effect::Redraw]
            }
        }
        Dialog::SavedWithErrors(_) => {
            w.dialog = None;
            if key.code == KeyCode::Enter {
                w.go_step(Step::Review);
                if !w.findings.is_empty() {
                    w.focus_field(Field::Finding(0));
                }
            } else if ctrl_c {
                return w.action(Action::Quit);
            }
            vec![Effect::Redraw]
        }
    }
}

/// Normalises pasted text: CRLF and CR become LF, tabs a space (in prose), other control
/// characters are dropped.
fn normalise_paste(text: &str, keep_tabs: bool) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' if keep_tabs => Some('\t'),
            '\t' => Some(' '),
            c if crate::text::is_dangerous(c) => None,
            c => Some(c),
        })
        .collect()
}

fn paste(w: &mut Wizard, text: &str) -> Vec<Effect> {
    match w.focus.kind() {
        Kind::Line | Kind::Text => {
            let mut t = normalise_paste(text, false);
            if w.focus.kind() == Kind::Line {
                t = t.trim_end_matches('\n').replace('\n', " ");
            }
            if t.is_empty() {
                return vec![];
            }
            w.begin_edit();
            if let Some(ed) = w.editor.as_mut() {
                ed.insert_str(&t);
            }
            w.sync_editor();
            // A paste is one edit.
            w.edit_open = false;
            w.changed()
        }
        Kind::Count | Kind::Amount(_) | Kind::Year => paste_numbers(w, text),
        Kind::Computed => {
            w.message = Some((Tone::Error, "总计由各项相加自动得出，不能粘贴".into()));
            vec![]
        }
        Kind::None => vec![],
    }
}

fn paste_numbers(w: &mut Wizard, text: &str) -> Vec<Effect> {
    let t = normalise_paste(text, true);
    let line = t
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    let values: Vec<&str> = line.split('\t').map(str::trim).collect();
    let targets: Vec<Field> = match w.focus {
        Field::Cell(c) if values.len() > 1 => row_from(c).into_iter().map(Field::Cell).collect(),
        f => vec![f],
    };
    let n = values.len().min(targets.len());
    // Check every value before changing anything: a paste is all or nothing.
    for (i, (v, f)) in values.iter().zip(&targets).enumerate() {
        let bad = match f.kind() {
            Kind::Count => parse_count(v).err().map(|e| e.to_string()),
            Kind::Amount(max) if !v.is_empty() => {
                Amount::parse(v, max).err().map(|e| e.to_string())
            }
            Kind::Year => (!v.chars().all(|c| c.is_ascii_digit()) || v.len() > 4)
                .then(|| "年份只能是 4 位数字".to_string()),
            _ => None,
        };
        if let Some(e) = bad {
            let which = if values.len() > 1 {
                format!("第 {} 个值", i + 1)
            } else {
                "粘贴的内容".to_string()
            };
            w.message = Some((
                Tone::Error,
                format!(
                    "{which}“{}”不能填入：{e}；未作改动",
                    crate::text::escape_for_message(v, 20)
                ),
            ));
            return vec![];
        }
    }
    w.begin_edit();
    for (v, f) in values.iter().zip(&targets) {
        let clean: String = match f.kind() {
            Kind::Count => parse_count(v).map(|x| x.to_string()).unwrap_or_default(),
            _ => v
                .chars()
                .map(normalize_digit)
                .filter(|c| *c != ',')
                .collect(),
        };
        if let Err(e) = w.set_number(*f, &clean) {
            w.message = Some((Tone::Error, e));
        }
    }
    w.edit_open = false;
    w.num.text = w.value_text(w.focus);
    w.num.fresh = true;
    if values.len() > 1 {
        let extra = values.len().saturating_sub(n);
        let msg = if extra > 0 {
            format!("已粘贴 {n} 个数；多出的 {extra} 个值这一行放不下，未填入")
        } else {
            format!("已粘贴 {n} 个数")
        };
        w.message = Some((Tone::Info, msg));
    }
    w.changed()
}

/// The editable cells of the printed row of `c`, from `c` on (table C is one printed row).
fn row_from(c: CellRef) -> Vec<CellRef> {
    let table = match c {
        CellRef::A { .. } => Table::A,
        CellRef::B { .. } => Table::B,
        _ => Table::C,
    };
    let all = editable_cells(table);
    let Some(start) = all.iter().position(|x| *x == c) else {
        return vec![c];
    };
    all[start..]
        .iter()
        .copied()
        .take_while(|x| match (x, c) {
            (CellRef::B { row, .. }, CellRef::B { row: r0, .. }) => *row == r0,
            (CellRef::A { field, .. }, CellRef::A { field: f0, .. }) => *field == f0,
            (CellRef::C { .. }, CellRef::C { .. }) => true,
            _ => false,
        })
        .collect()
}
