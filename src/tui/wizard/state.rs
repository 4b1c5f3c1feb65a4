//! The wizard's state: the report being entered, where the focus is, what is being typed,
//! undo/redo, findings, messages and dialogs. Changed only by [`super::update()`].

use super::steps::{Content, Step};
use crate::model::schema::{self, FormatVersion, B_COLUMNS};
use crate::model::{CellKind, CellRef, ProseSection, Report};
use crate::rules::{self, Finding, Rule, Severity};
use crate::tui::tables::Table;
use crate::tui::theme::Theme;
use ratatui_textarea::{TextArea, WrapMode};
use std::path::PathBuf;

/// What a step's mark in the step bar says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepState {
    /// 未填: nothing entered yet.
    Empty,
    /// N 处错误.
    Errors(usize),
    /// N 处警告 (and no error).
    Warnings(usize),
    /// 完成.
    Done,
}

/// A place the focus can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// 机关名称.
    Agency,
    /// 年份.
    Year,
    /// 标题.
    Title,
    /// 开头段落 (`preamble`): the paragraph before 一.
    Preamble,
    /// The heading of a part.
    Heading(ProseSection, usize),
    /// The body of a part.
    Body(ProseSection, usize),
    /// A prose step without parts: the place that offers to add one.
    NoParts(ProseSection),
    /// A table cell (A, B or C).
    Cell(CellRef),
    /// A field of 信息处理费 (index into [`schema::FEE_FIELDS`]).
    Fee(usize),
    /// Step 8: the save line at the top of the list.
    SaveLine,
    /// Step 8: a finding of the list.
    Finding(usize),
}

/// What kind of input a field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One line of text.
    Line,
    /// Multi-line text.
    Text,
    /// A count (whole number ≥ 0).
    Count,
    /// A whole number that may be negative, typed with `-` first (the 2019 format's
    /// 本年增/减).
    Signed,
    /// A year.
    Year,
    /// An amount with at most this many decimals.
    Amount(u32),
    /// A computed cell (a total): read only.
    Computed,
    /// Not an input (list entries).
    None,
}

impl Kind {
    /// The input a report cell takes in a version of the format (its
    /// [`crate::model::CellKind`]).
    fn of_cell(c: CellRef, tables: &schema::Tables) -> Kind {
        match c.kind_in(tables) {
            CellKind::Text => Kind::Line,
            CellKind::Year => Kind::Year,
            CellKind::Count => Kind::Count,
            CellKind::Signed => Kind::Signed,
            CellKind::Amount(d) => Kind::Amount(d),
            CellKind::Computed => Kind::Computed,
        }
    }
}

impl Field {
    /// What kind of input the field takes in a report of the 2021 format (see
    /// [`Field::kind_in`]).
    pub fn kind(self) -> Kind {
        self.kind_in(&schema::TABLES_2021)
    }

    /// What kind of input the field takes in a version of the format (the 2019 table A has
    /// signed cells and other amounts).
    pub fn kind_in(self, tables: &schema::Tables) -> Kind {
        match self {
            Field::Agency | Field::Title | Field::Heading(..) => Kind::Line,
            Field::Body(..) | Field::Preamble => Kind::Text,
            Field::Year => Kind::Year,
            Field::Cell(c) => Kind::of_cell(c, tables),
            Field::Fee(i) => Kind::of_cell(CellRef::Fee(i), tables),
            Field::NoParts(_) | Field::SaveLine | Field::Finding(_) => Kind::None,
        }
    }

    /// The report place this field edits (for findings and marks).
    pub fn cell_ref(self) -> Option<CellRef> {
        match self {
            Field::Agency => Some(CellRef::Agency),
            Field::Year => Some(CellRef::Year),
            Field::Title => Some(CellRef::Title),
            Field::Heading(section, part) | Field::Body(section, part) => {
                Some(CellRef::Part { section, part })
            }
            Field::Cell(c) => Some(c),
            Field::Fee(i) => Some(CellRef::Fee(i)),
            _ => None,
        }
    }
}

/// A dialog over the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dialog {
    /// F1: every key.
    Help,
    /// Quit with unsaved changes?
    ConfirmQuit,
    /// Saved, with these errors still in the report.
    SavedWithErrors(Vec<String>),
    /// Overwrite FILE anyway? (It changed on disk since it was opened; the text says how.)
    /// `y` gives [`super::Effect::ForceSave`].
    ConfirmOverwrite(String),
    /// Saving failed (the text says why): 另存为, the path being typed.
    SaveAs {
        /// Why the save failed.
        why: String,
        /// The path typed so far.
        path: String,
    },
}

/// How a status message reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Information (saved, recomputed).
    Info,
    /// A refused key or a failed save.
    Error,
}

/// The number being typed into a numeric field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NumEdit {
    /// The typed text (ASCII digits and at most one point).
    pub text: String,
    /// True until the first key: typing then replaces the value.
    pub fresh: bool,
}

/// A report state to return to with undo/redo.
#[derive(Debug, Clone)]
pub(crate) struct Snapshot {
    pub report: Report,
    pub step: Step,
    pub focus: Field,
}

/// Options for a new wizard.
#[derive(Debug, Clone)]
pub struct Options {
    /// The file the report is saved to.
    pub path: PathBuf,
    /// The current calendar year (for rule M1 and the prefilled year).
    pub current_year: i32,
    /// Styles (NO_COLOR aware).
    pub theme: Theme,
    /// Terminal size at start.
    pub size: (u16, u16),
}

/// The whole state of the wizard.
pub struct Wizard {
    /// The report as entered so far.
    pub report: Report,
    /// Where it is saved.
    pub path: PathBuf,
    /// The current step.
    pub step: Step,
    /// The focused field.
    pub focus: Field,
    /// Unsaved changes? (The report differs from [`Wizard::saved`], or is a recovered draft.)
    pub dirty: bool,
    /// The report as last saved or read from FILE; `None` when that is not known (a recovered
    /// draft): then every change counts as unsaved until the next save.
    pub saved: Option<Report>,
    /// The clerk chose to quit without saving ("y 不保存"): the draft is thrown away too.
    pub discarded: bool,
    /// Findings of the rules on the current report.
    pub findings: Vec<Finding>,
    /// Findings about the file as it was read (S1: missing top-level keys), shown until the
    /// report is saved (saving writes every key).
    pub file_findings: Vec<Finding>,
    /// Styles.
    pub theme: Theme,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// The current calendar year.
    pub current_year: i32,
    /// The open dialog.
    pub dialog: Option<Dialog>,
    /// A one-shot status message (cleared by the next key).
    pub message: Option<(Tone, String)>,
    /// A key refused in the focused number field, and why: the field stays marked and the
    /// reason stays on the status line until the field is cleared or the focus moves on.
    pub doubt: Option<(Field, String)>,
    /// Cells whose value in FILE was invalid (read as empty): marked, with the value found and
    /// why, until they are typed into.
    pub invalid: Vec<(CellRef, String)>,
    /// Why the last draft could not be written (a full disk), while it could not: the
    /// quit dialog then says that quitting loses the changes. Set by the event loop.
    pub draft_failed: Option<String>,
    /// The editor of the focused text field.
    pub(crate) editor: Option<TextArea<'static>>,
    /// The number being typed into the focused numeric field.
    pub num: NumEdit,
    pub(crate) undo: Vec<Snapshot>,
    pub(crate) redo: Vec<Snapshot>,
    /// Whether an undo snapshot was already taken for the focused field's edit.
    pub(crate) edit_open: bool,
    /// Lines the report preview of step 8 is scrolled from the selected finding's section
    /// (Shift-↑/↓); reset when the selection changes.
    pub review_scroll: i32,
    /// First line of the F1 help shown (kept in range by `update`).
    pub(crate) help_scroll: usize,
    /// First part shown in a prose step (kept by `update` so the focus stays visible).
    pub(crate) parts_scroll: usize,
    /// First entry shown in the list of step 8 (kept by `update`).
    pub(crate) list_scroll: usize,
    /// Last year's report (`new --from`, `edit --previous`; see [`super::last_year`]).
    pub last_year: Option<super::last_year::LastYear>,
}

/// The last report year the 2019 format was used for (FORMAT.md §7: the reports for 2019
/// and 2020).
pub const LAST_2019_FORMAT_YEAR: i32 = 2020;

/// Most undo steps kept.
pub const UNDO_DEPTH: usize = 200;

impl Wizard {
    /// A wizard on `report`.
    pub fn new(report: Report, opts: Options) -> Wizard {
        let mut w = Wizard {
            report,
            path: opts.path,
            step: Step::Basic,
            focus: Field::Agency,
            dirty: false,
            saved: None,
            discarded: false,
            findings: Vec::new(),
            file_findings: Vec::new(),
            theme: opts.theme,
            size: opts.size,
            current_year: opts.current_year,
            dialog: None,
            message: None,
            doubt: None,
            invalid: Vec::new(),
            draft_failed: None,
            editor: None,
            num: NumEdit::default(),
            undo: Vec::new(),
            redo: Vec::new(),
            edit_open: false,
            review_scroll: 0,
            parts_scroll: 0,
            help_scroll: 0,
            list_scroll: 0,
            last_year: None,
        };
        w.saved = Some(w.report.clone());
        w.refresh_findings();
        w.focus_field(Field::Agency);
        w
    }

    /// Marks the cells whose values in FILE were invalid (read as empty) and goes to the
    /// first of them.
    pub fn mark_invalid(&mut self, replaced: &[crate::yaml::Replaced]) {
        let tables = self.report.tables();
        let all = Table::ALL
            .into_iter()
            .flat_map(|t| t.cells_in(tables))
            .chain((0..tables.fee_fields.len()).map(CellRef::Fee));
        let cells: Vec<CellRef> = all.collect();
        for r in replaced {
            if let Some(c) = cells.iter().find(|c| c.key_path_in(tables) == r.path) {
                let why = format!(
                    "文件中这一格的值是 {}，无效，已留空：{}；请重填",
                    crate::text::escape_for_message(&r.found, 20),
                    r.error.message
                );
                self.invalid.push((*c, why));
            }
        }
        if let Some(c) = self.invalid.first().map(|(c, _)| *c) {
            let (step, field) = self.target_of_cell(c);
            self.go_step(step);
            self.focus_field(field);
        }
        self.message = Some((
            Tone::Error,
            format!(
                "文件中有 {} 处无效的值，已留空并标出 ✗；保存之前文件不会改动",
                self.invalid.len()
            ),
        ));
    }

    /// Marks the report as a recovered draft: unsaved, whatever it is compared with.
    pub fn mark_recovered(&mut self) {
        self.saved = None;
        self.dirty = true;
    }

    /// A blank report for `nianbao new`: year prefilled with last calendar year, the
    /// customary opening paragraph for that year, the five standard headings of 一、总体情况.
    pub fn blank_report(current_year: i32) -> Report {
        Self::blank_report_in(FormatVersion::V2021, current_year)
    }

    /// A blank report in a version of the format (`new --format 2019`): as
    /// [`Wizard::blank_report`], but in the 2019 format the year is prefilled with the last
    /// year that format was used for (2020) when last calendar year is later.
    pub fn blank_report_in(version: FormatVersion, current_year: i32) -> Report {
        let year = match version {
            FormatVersion::V2021 => current_year - 1,
            FormatVersion::V2019 => (current_year - 1).min(LAST_2019_FORMAT_YEAR),
        };
        let mut r = Report::new_in(version, "", year);
        r.preamble = crate::model::standard_preamble_in(version, r.year);
        r
    }

    /// The input the field takes in this report's format.
    pub fn kind_of(&self, field: Field) -> Kind {
        field.kind_in(self.report.tables())
    }

    /// The kind of the focused field.
    pub fn focus_kind(&self) -> Kind {
        self.kind_of(self.focus)
    }

    /// The report's version of the format as a clerk reads it in the step bar and messages
    /// (`2019年格式`).
    pub fn format_name(&self) -> String {
        crate::tui::format::short_name(self.report.version())
    }

    /// Runs the rules again.
    pub fn refresh_findings(&mut self) {
        let ctx = rules::Context {
            current_year: self.current_year,
            previous: self.last_year.as_ref().map(|l| &l.report),
        };
        self.findings = rules::check(&self.report, &ctx);
        self.findings.extend(self.file_findings.iter().cloned());
    }

    /// The errors among the findings.
    pub fn error_count(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count()
    }

    /// The fields of a step, in Tab order.
    pub fn fields(&self, step: Step) -> Vec<Field> {
        match step.content() {
            Content::Basic => vec![Field::Agency, Field::Year, Field::Title, Field::Preamble],
            Content::Prose { section, fees } => {
                let n = self.report.parts(section).len();
                let mut v: Vec<Field> = (0..n)
                    .flat_map(|i| [Field::Heading(section, i), Field::Body(section, i)])
                    .collect();
                if n == 0 {
                    v.push(Field::NoParts(section));
                }
                if fees {
                    // The 2019 format has no 信息处理费.
                    v.extend((0..self.report.tables().fee_fields.len()).map(Field::Fee));
                }
                v
            }
            Content::Table(t) => t
                .editable_cells_in(self.report.tables())
                .into_iter()
                .map(Field::Cell)
                .collect(),
            Content::Review => std::iter::once(Field::SaveLine)
                .chain((0..self.findings.len()).map(Field::Finding))
                .collect(),
        }
    }

    /// The step's mark in the step bar.
    pub fn step_state(&self, step: Step) -> StepState {
        if step.content() == Content::Review {
            return match self.error_count() {
                0 => StepState::Done,
                n => StepState::Errors(n),
            };
        }
        // Every finding of the step counts, also while it is still empty (a wrong year).
        let count = |sev: Severity| {
            self.findings
                .iter()
                .filter(|f| f.severity == sev && Step::of_path(&f.path) == step)
                .count()
        };
        match (count(Severity::Error), count(Severity::Warning)) {
            (0, _) if self.step_is_empty(step) => StepState::Empty,
            (0, 0) => StepState::Done,
            (0, n) => StepState::Warnings(n),
            (n, _) => StepState::Errors(n),
        }
    }

    fn step_is_empty(&self, step: Step) -> bool {
        let r = &self.report;
        let prose_empty = |s: ProseSection| r.parts(s).iter().all(|p| p.body.trim().is_empty());
        match step.content() {
            Content::Basic => r.agency.trim().is_empty(),
            Content::Prose { section, fees } => {
                prose_empty(section) && (!fees || r.processing_fees == Default::default())
            }
            Content::Table(Table::A) => match r.version() {
                FormatVersion::V2021 => r.proactive == Default::default(),
                FormatVersion::V2019 => r.proactive_2019 == Default::default(),
            },
            Content::Table(Table::B) => r.requests.cells.iter().flatten().all(|v| *v == 0),
            Content::Table(Table::C) => r.appeals.cells.iter().flatten().all(|v| *v == 0),
            Content::Review => false,
        }
    }

    /// Moves the focus to `field`, loading its editor.
    pub(crate) fn focus_field(&mut self, field: Field) {
        if let Some((f, _)) = &self.doubt {
            if *f != field {
                // Moving on from a cell where a key was refused: say what it holds now.
                let value = self.value_text(*f);
                let place = self.place_label(*f);
                self.message = Some((
                    Tone::Error,
                    format!("刚才有字符未被接受，请核对 {place}：现为 {value}"),
                ));
                self.doubt = None;
            }
        }
        self.focus = field;
        self.edit_open = false;
        self.editor = None;
        self.num = NumEdit {
            text: String::new(),
            fresh: true,
        };
        let kind = self.kind_of(field);
        match kind {
            Kind::Line | Kind::Text => {
                let text = self.text_of(field);
                let shown = crate::text::clean_text(&text).into_owned();
                let lines: Vec<String> = if kind == Kind::Line {
                    vec![shown.replace('\n', " ")]
                } else {
                    shown.split('\n').map(str::to_string).collect()
                };
                let mut ta = TextArea::new(lines);
                ta.set_cursor_line_style(ratatui::style::Style::default());
                ta.set_cursor_style(ratatui::style::Style::default());
                ta.set_max_histories(UNDO_DEPTH);
                if kind == Kind::Text {
                    ta.set_wrap_mode(WrapMode::WordOrGlyph);
                }
                ta.move_cursor(ratatui_textarea::CursorMove::Bottom);
                ta.move_cursor(ratatui_textarea::CursorMove::End);
                self.editor = Some(ta);
            }
            Kind::Count | Kind::Signed | Kind::Year | Kind::Amount(_) => {
                self.num.text = self.value_text(field);
            }
            Kind::Computed | Kind::None => {}
        }
    }

    /// The text of a text field.
    pub fn text_of(&self, field: Field) -> String {
        let r = &self.report;
        match field {
            Field::Agency => r.agency.clone(),
            Field::Title => r.title.clone().unwrap_or_default(),
            Field::Preamble => r.preamble.clone(),
            Field::Heading(s, i) => r
                .parts(s)
                .get(i)
                .map(|p| p.heading.clone())
                .unwrap_or_default(),
            Field::Body(s, i) => r
                .parts(s)
                .get(i)
                .map(|p| p.body.clone())
                .unwrap_or_default(),
            _ => String::new(),
        }
    }

    /// The value of a numeric field as text.
    pub fn value_text(&self, field: Field) -> String {
        let r = &self.report;
        match field {
            Field::Year => r.year.to_string(),
            Field::Cell(c) => r.get(c).to_string(),
            Field::Fee(i) => r.get(CellRef::Fee(i)).to_string(),
            _ => String::new(),
        }
    }

    /// The text being typed into the focused numeric field, when it differs from the value
    /// as stored (the table draws it instead of the value).
    pub fn edit_text(&self) -> Option<&str> {
        match self.focus_kind() {
            Kind::Count | Kind::Signed | Kind::Year | Kind::Amount(_) if !self.num.fresh => {
                Some(self.num.text.as_str())
            }
            _ => None,
        }
    }

    /// The editor of the focused text field.
    pub fn editor(&self) -> Option<&TextArea<'static>> {
        self.editor.as_ref()
    }

    /// The full label of a place, for the status line.
    pub fn place_label(&self, field: Field) -> String {
        match field {
            Field::Agency => schema::AGENCY_LABEL.into(),
            Field::Year => schema::YEAR_LABEL.into(),
            Field::Title => format!("{}（可不填，默认为标准标题）", schema::TITLE_LABEL),
            Field::Preamble => format!(
                "{}（一、之前的一段话；可修改，也可清空）",
                schema::PREAMBLE_LABEL
            ),
            Field::Heading(s, i) => format!("{} · 第 {} 段的小标题（可为空）", s.heading(), i + 1),
            Field::Body(s, i) => format!("{} · 第 {} 段正文", s.heading(), i + 1),
            Field::NoParts(s) => format!("{} · 还没有段落", s.heading()),
            Field::Cell(c) => c.label_in(self.report.tables()),
            Field::Fee(i) => crate::model::cells::fee_label(i),
            Field::SaveLine => format!("保存到 {}", self.path.display()),
            Field::Finding(i) => self
                .findings
                .get(i)
                .map(|f| f.to_string())
                .unwrap_or_default(),
        }
    }

    /// The findings of the focused place, errors first (for the status line): in table B
    /// the failing B3 of the focused column comes first.
    pub fn focus_findings(&self) -> Vec<&Finding> {
        let mut out: Vec<&Finding> = Vec::new();
        if let Field::Cell(CellRef::B { col, .. }) = self.focus {
            out.extend(self.b3_of_column(col));
        }
        if let Some(c) = self.focus.cell_ref() {
            for sev in [Severity::Error, Severity::Warning] {
                for f in &self.findings {
                    if f.severity == sev
                        && f.cells.contains(&c)
                        && !out.iter().any(|o| std::ptr::eq(*o, f))
                    {
                        out.push(f);
                    }
                }
            }
        }
        out
    }

    /// The B3 finding of a column of table B, if that column fails.
    pub fn b3_of_column(&self, col: usize) -> Option<&Finding> {
        let key = B_COLUMNS.get(col)?.key;
        self.findings
            .iter()
            .find(|f| f.rule == Rule::B3 && f.path.ends_with(&format!(".{key}")))
    }

    /// The field that edits a finding's first cell, and its step.
    pub fn target_of(&self, finding: &Finding) -> (Step, Field) {
        match finding.cells.first() {
            Some(c) => self.target_of_cell(*c),
            None => {
                let step = Step::of_path(&finding.path);
                (
                    step,
                    self.fields(step).first().copied().unwrap_or(Field::Agency),
                )
            }
        }
    }

    /// The field that edits a place.
    pub fn target_of_cell(&self, c: CellRef) -> (Step, Field) {
        match c {
            CellRef::Agency => (Step::Basic, Field::Agency),
            CellRef::Year => (Step::Basic, Field::Year),
            CellRef::Title => (Step::Basic, Field::Title),
            CellRef::Part { section, part } => {
                let step = Step::of_section(section);
                if part < self.report.parts(section).len() {
                    (step, Field::Body(section, part))
                } else {
                    let first = self.fields(step).first().copied();
                    (step, first.unwrap_or(Field::NoParts(section)))
                }
            }
            CellRef::A { .. } => (Step::of_table(Table::A), Field::Cell(c)),
            CellRef::B { .. } => (Step::of_table(Table::B), Field::Cell(c)),
            CellRef::C { .. } => (Step::of_table(Table::C), Field::Cell(c)),
            CellRef::Fee(i) => (Step::of_fees(), Field::Fee(i)),
        }
    }

    /// The label of the block of table A a row belongs to in this report's format (for
    /// tests and help).
    pub fn a_block_of(&self, field: &str) -> Option<&'static str> {
        self.report.tables().a_block_of(field).map(|b| b.article)
    }
}
