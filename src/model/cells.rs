//! Cells and places: every place of a report a person edits or a finding points at
//! ([`CellRef`]), read and written through one pair of functions ([`Report::get`],
//! [`Report::set`]), with its key path, Chinese place and label derived from the schema.
//!
//! This is the one place that maps a [`CellRef`] to a field of the report: the wizard, the
//! viewer, the draft diff and the rules all go through it.

use super::schema::{
    self, a_block_of, a_row_label, Section, AGENCY_LABEL, A_AMOUNT_DECIMALS, A_DOC_KEYS, A_FEES,
    BASIC_SECTION, B_COLUMNS, B_ROWS, B_TOTAL_COL, C_COLUMNS, C_GROUPS, C_TOTAL_COL, FEES_LABEL,
    FEE_AMOUNT_DECIMALS, FEE_FIELDS, KEY_AGENCY, KEY_PROCESSING_FEES, KEY_TITLE, KEY_YEAR,
    R_OUTCOME_TOTAL, SECTION_APPEALS, SECTION_OTHER_MATTERS, SECTION_PROACTIVE, SECTION_REQUESTS,
    TITLE_LABEL, YEAR_LABEL,
};
use super::{Amount, CellRef, Report};
use std::fmt;

/// Which table of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Table {
    /// 二、主动公开政府信息情况.
    A,
    /// 三、收到和处理政府信息公开申请情况.
    B,
    /// 四、政府信息公开行政复议、行政诉讼情况.
    C,
}

impl Table {
    /// The three tables, in report order.
    pub const ALL: [Table; 3] = [Table::A, Table::B, Table::C];

    /// The section the table is printed in.
    pub fn section(self) -> &'static Section {
        match self {
            Table::A => &SECTION_PROACTIVE,
            Table::B => &SECTION_REQUESTS,
            Table::C => &SECTION_APPEALS,
        }
    }

    /// Every cell of the table in reading order (row by row), totals included.
    pub fn cells(self) -> impl Iterator<Item = CellRef> {
        let cells: Vec<CellRef> = match self {
            Table::A => schema::A_BLOCKS
                .iter()
                .flat_map(|b| {
                    b.rows.iter().flat_map(move |(field, _)| {
                        (0..b.columns.len()).map(move |col| CellRef::A { field, col })
                    })
                })
                .collect(),
            Table::B => (0..B_ROWS.len())
                .flat_map(|row| (0..B_COLUMNS.len()).map(move |col| CellRef::B { row, col }))
                .collect(),
            Table::C => (0..C_GROUPS.len())
                .flat_map(|group| (0..C_COLUMNS.len()).map(move |col| CellRef::C { group, col }))
                .collect(),
        };
        cells.into_iter()
    }

    /// The cells a person types into, in reading order, skipping computed cells.
    pub fn editable_cells(self) -> Vec<CellRef> {
        self.cells().filter(|c| !c.is_computed()).collect()
    }
}

/// The cells a person types into, in reading order (row by row), skipping computed cells.
pub fn editable_cells(table: Table) -> Vec<CellRef> {
    table.editable_cells()
}

/// Where in the report a place is, in Chinese (what findings and messages print).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// Section heading, e.g. `三、收到和处理政府信息公开申请情况`.
    pub section: String,
    /// Row label, if the place is one row.
    pub row: Option<String>,
    /// Column label, if the place is one column.
    pub column: Option<String>,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.section)?;
        if let Some(r) = &self.row {
            write!(f, " · {r}")?;
        }
        if let Some(c) = &self.column {
            write!(f, " · {c}")?;
        }
        Ok(())
    }
}

/// What kind of value a place holds, and so how it is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    /// A line or paragraphs of text.
    Text,
    /// The year.
    Year,
    /// A count a person types.
    Count,
    /// An amount with at most this many decimals.
    Amount(u32),
    /// A total computed from its parts (never typed).
    Computed,
}

/// The value of a place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A count.
    Count(u64),
    /// An amount.
    Amount(Amount),
    /// The year.
    Year(i32),
    /// Text (机关名称, 标题 — empty for none —, a part's body).
    Text(String),
}

impl fmt::Display for Value {
    /// As a person reads and types it: `12`, `3940.5`, `2024`, the text itself.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Count(v) => write!(f, "{v}"),
            Value::Amount(a) => write!(f, "{a}"),
            Value::Year(y) => write!(f, "{y}"),
            Value::Text(t) => f.write_str(t),
        }
    }
}

/// Why a value cannot be set at a place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SetError {
    /// The value is of another kind than the place holds.
    #[error("{place}只能填{want}")]
    WrongKind {
        /// The place's label.
        place: String,
        /// What it holds, in Chinese.
        want: &'static str,
    },
    /// The place is not in the report (a part past the end, an unknown key).
    #[error("报告中没有这个位置：{0}")]
    NoSuchPlace(String),
}

impl CellRef {
    /// True for the cells a person never types: table B's 总计 column and （七）总计 row, and
    /// the groups' 总计 of table C.
    pub fn is_computed(self) -> bool {
        match self {
            CellRef::B { row, col } => col == B_TOTAL_COL || row == R_OUTCOME_TOTAL,
            CellRef::C { col, .. } => col == C_TOTAL_COL,
            _ => false,
        }
    }

    /// The kind of value the place holds.
    pub fn kind(self) -> CellKind {
        match self {
            CellRef::Agency | CellRef::Title | CellRef::Part { .. } => CellKind::Text,
            CellRef::Year => CellKind::Year,
            c if c.is_computed() => CellKind::Computed,
            CellRef::A { field, .. } if field == A_FEES => CellKind::Amount(A_AMOUNT_DECIMALS),
            CellRef::A { .. } | CellRef::B { .. } | CellRef::C { .. } | CellRef::Fee(0) => {
                CellKind::Count
            }
            CellRef::Fee(_) => CellKind::Amount(FEE_AMOUNT_DECIMALS),
        }
    }

    /// The table the cell belongs to (`None` for places outside the tables).
    pub fn table(self) -> Option<Table> {
        match self {
            CellRef::A { .. } => Some(Table::A),
            CellRef::B { .. } => Some(Table::B),
            CellRef::C { .. } => Some(Table::C),
            _ => None,
        }
    }

    /// The key path in the YAML, e.g. `requests.outcome.withheld.state_secret.natural_person`,
    /// `proactive.regulations.in_force`, `processing_fees.notices`, `overview[2]`.
    pub fn key_path(self) -> String {
        match self {
            CellRef::Agency => KEY_AGENCY.into(),
            CellRef::Year => KEY_YEAR.into(),
            CellRef::Title => KEY_TITLE.into(),
            CellRef::Part { section, part } => format!("{}[{part}]", section.key()),
            CellRef::A { field, col } => match a_block_of(field) {
                Some(b) if b.columns.len() > 1 => format!(
                    "{}.{field}.{}",
                    SECTION_PROACTIVE.key,
                    A_DOC_KEYS.get(col).copied().unwrap_or("")
                ),
                _ => format!("{}.{field}", SECTION_PROACTIVE.key),
            },
            CellRef::B { row, col } => format!(
                "{}.{}",
                B_ROWS.get(row).map(|r| r.key_path()).unwrap_or_default(),
                B_COLUMNS.get(col).map_or("", |c| c.key)
            ),
            CellRef::C { group, col } => format!(
                "{}.{}.{}",
                SECTION_APPEALS.key,
                C_GROUPS.get(group).map_or("", |g| g.key),
                C_COLUMNS.get(col).map_or("", |c| c.key)
            ),
            CellRef::Fee(i) => format!(
                "{KEY_PROCESSING_FEES}.{}",
                FEE_FIELDS.get(i).map_or("", |f| f.0)
            ),
        }
    }

    /// Section, row and column in Chinese, as findings name them, e.g.
    /// `三、收到和处理政府信息公开申请情况 · 一、本年新收政府信息公开申请数量 · 自然人`.
    pub fn place(self) -> Place {
        let basic = |row: &str| Place {
            section: BASIC_SECTION.into(),
            row: Some(row.into()),
            column: None,
        };
        match self {
            CellRef::Agency => basic(AGENCY_LABEL),
            CellRef::Year => basic(YEAR_LABEL),
            CellRef::Title => basic(TITLE_LABEL),
            CellRef::Part { section, .. } => Place {
                section: section.heading(),
                row: None,
                column: None,
            },
            CellRef::A { field, col } => Place {
                section: SECTION_PROACTIVE.heading(),
                row: a_row_label(field).map(Into::into),
                column: a_block_of(field)
                    .and_then(|b| b.columns.get(col))
                    .map(|c| (*c).into()),
            },
            CellRef::B { row, col } => Place {
                section: SECTION_REQUESTS.heading(),
                row: B_ROWS.get(row).map(|r| r.label.into()),
                column: B_COLUMNS.get(col).map(|c| c.label.into()),
            },
            CellRef::C { group, col } => Place {
                section: SECTION_APPEALS.heading(),
                row: C_GROUPS.get(group).map(|g| g.label.into()),
                column: C_COLUMNS.get(col).map(|c| c.label.into()),
            },
            CellRef::Fee(i) => Place {
                section: SECTION_OTHER_MATTERS.heading(),
                row: Some(fee_label(i)),
                column: None,
            },
        }
    }

    /// The full official label of the place for a status line, e.g.
    /// `（二）部分公开（区分处理的，只计这一情形，不计其他情形） · 商业企业`,
    /// `第二十条第（一）项 · 规章 · 本年制发件数`, `行政诉讼 · 复议后起诉 · 结果维持`.
    pub fn label(self) -> String {
        match self {
            CellRef::B { row, col } => format!(
                "{} · {}",
                B_ROWS.get(row).map_or("", |r| r.label),
                B_COLUMNS.get(col).map_or("", |c| c.label)
            ),
            CellRef::C { group, col } => {
                let Some(g) = C_GROUPS.get(group) else {
                    return String::new();
                };
                let c = C_COLUMNS.get(col).map_or("", |c| c.label);
                match g.parent {
                    Some(p) => format!("{p} · {} · {c}", g.label),
                    None => format!("{} · {c}", g.label),
                }
            }
            CellRef::A { field, col } => match (a_block_of(field), a_row_label(field)) {
                (Some(b), Some(label)) => format!(
                    "{} · {} · {}",
                    b.article,
                    label,
                    b.columns.get(col).copied().unwrap_or("")
                ),
                _ => String::new(),
            },
            CellRef::Agency => AGENCY_LABEL.into(),
            CellRef::Year => YEAR_LABEL.into(),
            CellRef::Title => TITLE_LABEL.into(),
            CellRef::Part { section, part } => {
                format!("{} · 第 {} 部分", section.heading(), part + 1)
            }
            CellRef::Fee(i) => fee_label(i),
        }
    }
}

impl CellRef {
    /// A short label of the place within its section, for lists of changes: table A
    /// `规章 · 本年制发件数`, table B `一、本年新收 · 自然人` (short row labels), table C
    /// `诉讼·直接起诉 · 结果维持`, `信息处理费 · 收费通知书件数`; other places as [`CellRef::label`].
    pub fn short_label(self) -> String {
        match self {
            CellRef::A { field, col } => format!(
                "{} · {}",
                a_row_label(field).unwrap_or(""),
                a_block_of(field)
                    .and_then(|b| b.columns.get(col))
                    .copied()
                    .unwrap_or("")
            ),
            CellRef::B { row, col } => format!(
                "{} · {}",
                B_ROWS.get(row).map_or("", |r| r.short),
                B_COLUMNS.get(col).map_or("", |c| c.label)
            ),
            CellRef::C { group, col } => format!(
                "{} · {}",
                C_GROUPS.get(group).map_or("", |g| g.short),
                C_COLUMNS.get(col).map_or("", |c| c.label)
            ),
            other => other.label(),
        }
    }
}

/// `信息处理费 · 收费通知书件数`.
pub fn fee_label(i: usize) -> String {
    format!(
        "{FEES_LABEL} · {}",
        FEE_FIELDS[i.min(FEE_FIELDS.len() - 1)].1
    )
}

impl Report {
    /// The value at a place. A part's value is its body; a part past the end is empty text.
    pub fn get(&self, cell: CellRef) -> Value {
        match cell {
            CellRef::Agency => Value::Text(self.agency.clone()),
            CellRef::Title => Value::Text(self.title.clone().unwrap_or_default()),
            CellRef::Year => Value::Year(self.year),
            CellRef::Part { section, part } => Value::Text(
                self.parts(section)
                    .get(part)
                    .map(|p| p.body.clone())
                    .unwrap_or_default(),
            ),
            CellRef::A { field, col } => match self.proactive.count(field, col) {
                Some(v) => Value::Count(v),
                None => Value::Amount(self.proactive.fees_wan_yuan),
            },
            CellRef::B { row, col } => Value::Count(self.requests.get(row, col)),
            CellRef::C { group, col } => Value::Count(self.appeals.cells[group][col]),
            CellRef::Fee(0) => Value::Count(self.processing_fees.notices),
            CellRef::Fee(1) => Value::Amount(self.processing_fees.amount_notified_yuan),
            CellRef::Fee(_) => Value::Amount(self.processing_fees.amount_collected_yuan),
        }
    }

    /// The count at a number cell (`None` for an amount or a place that is not a count).
    pub fn count(&self, cell: CellRef) -> Option<u64> {
        match self.get(cell) {
            Value::Count(v) => Some(v),
            _ => None,
        }
    }

    /// Sets the value at a place, as stored: totals are left as they are (see
    /// [`Report::set_keeping_totals`]). An empty title is no title; a part past the end is
    /// an error.
    pub fn set(&mut self, cell: CellRef, value: Value) -> Result<(), SetError> {
        let wrong = |want: &'static str| SetError::WrongKind {
            place: cell.label(),
            want,
        };
        match (cell, value) {
            (CellRef::Agency, Value::Text(t)) => self.agency = t,
            (CellRef::Title, Value::Text(t)) => self.title = (!t.is_empty()).then_some(t),
            (CellRef::Year, Value::Year(y)) => self.year = y,
            (CellRef::Part { section, part }, Value::Text(t)) => {
                match self.parts_mut(section).get_mut(part) {
                    Some(p) => p.body = t,
                    None => return Err(SetError::NoSuchPlace(cell.label())),
                }
            }
            (CellRef::A { field, col }, Value::Count(v)) => {
                match self.proactive.count_mut(field, col) {
                    Some(c) => *c = v,
                    None => return Err(wrong("金额")),
                }
            }
            (CellRef::A { field, .. }, Value::Amount(a)) if field == A_FEES => {
                self.proactive.fees_wan_yuan = a
            }
            (CellRef::B { row, col }, Value::Count(v))
                if row < B_ROWS.len() && col < B_COLUMNS.len() =>
            {
                self.requests.set(row, col, v)
            }
            (CellRef::C { group, col }, Value::Count(v))
                if group < C_GROUPS.len() && col < C_COLUMNS.len() =>
            {
                self.appeals.cells[group][col] = v
            }
            (CellRef::Fee(0), Value::Count(v)) => self.processing_fees.notices = v,
            (CellRef::Fee(1), Value::Amount(a)) => self.processing_fees.amount_notified_yuan = a,
            (CellRef::Fee(2), Value::Amount(a)) => self.processing_fees.amount_collected_yuan = a,
            (CellRef::Agency | CellRef::Title | CellRef::Part { .. }, _) => {
                return Err(wrong("文字"))
            }
            (CellRef::Year, _) => return Err(wrong(YEAR_LABEL)),
            (c, _) => {
                return Err(match c.kind() {
                    CellKind::Amount(_) => wrong("金额"),
                    CellKind::Count | CellKind::Computed => wrong("非负整数"),
                    _ => SetError::NoSuchPlace(c.label()),
                })
            }
        }
        Ok(())
    }

    /// Sets the value at a place and recomputes the totals it is part of (the row's and the
    /// column's 总计 of table B, the group's 总计 of table C): what a tool where a person
    /// types the numbers does.
    pub fn set_keeping_totals(&mut self, cell: CellRef, value: Value) -> Result<(), SetError> {
        self.set(cell, value)?;
        match cell {
            CellRef::B { row, col } => {
                let t = &mut self.requests;
                t.cells[row][B_TOTAL_COL] = t.row_sum(row);
                t.cells[R_OUTCOME_TOTAL][col] = t.outcome_sum(col);
                t.cells[R_OUTCOME_TOTAL][B_TOTAL_COL] = t.row_sum(R_OUTCOME_TOTAL);
            }
            CellRef::C { group, .. } => {
                self.appeals.cells[group][C_TOTAL_COL] = self.appeals.group_sum(group);
            }
            _ => {}
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::schema::{A_REGULATIONS, R_RECEIVED};
    use crate::model::ProseSection;

    #[test]
    fn every_table_cell_reads_back_what_was_set() {
        let mut r = Report::new("某市人民政府", 2024);
        for (i, cell) in Table::ALL.iter().flat_map(|t| t.cells()).enumerate() {
            let v = match cell.kind() {
                CellKind::Amount(_) => Value::Amount(Amount::from_units(i as u64).unwrap()),
                _ => Value::Count(i as u64),
            };
            r.set(cell, v.clone()).unwrap();
            assert_eq!(r.get(cell), v, "{cell:?}");
        }
        for i in 0..3 {
            let cell = CellRef::Fee(i);
            let v = match cell.kind() {
                CellKind::Amount(_) => Value::Amount(Amount::from_units(7).unwrap()),
                _ => Value::Count(7),
            };
            r.set(cell, v.clone()).unwrap();
            assert_eq!(r.get(cell), v);
        }
    }

    #[test]
    fn wrong_kinds_are_refused() {
        let mut r = Report::new("某市人民政府", 2024);
        assert!(r.set(CellRef::Year, Value::Count(3)).is_err());
        assert!(r
            .set(
                CellRef::A {
                    field: A_FEES,
                    col: 0
                },
                Value::Count(3)
            )
            .is_err());
        let past = CellRef::Part {
            section: ProseSection::Problems,
            part: 0,
        };
        assert!(matches!(
            r.set(past, Value::Text("x".into())),
            Err(SetError::NoSuchPlace(_))
        ));
        r.set(CellRef::Title, Value::Text(String::new())).unwrap();
        assert_eq!(r.title, None);
    }

    #[test]
    fn totals_follow_the_parts_when_asked() {
        let mut r = Report::new("某市人民政府", 2024);
        let cell = CellRef::B { row: 2, col: 0 };
        r.set_keeping_totals(cell, Value::Count(4)).unwrap();
        assert_eq!(r.requests.get(2, B_TOTAL_COL), 4);
        assert_eq!(r.requests.get(R_OUTCOME_TOTAL, 0), 4);
        assert_eq!(r.requests.get(R_OUTCOME_TOTAL, B_TOTAL_COL), 4);
        r.set_keeping_totals(CellRef::C { group: 1, col: 2 }, Value::Count(3))
            .unwrap();
        assert_eq!(r.appeals.cells[1][C_TOTAL_COL], 3);
        r.set(
            CellRef::B {
                row: R_RECEIVED,
                col: 0,
            },
            Value::Count(9),
        )
        .unwrap();
        assert_eq!(r.requests.get(R_RECEIVED, B_TOTAL_COL), 0);
    }

    #[test]
    fn places_paths_and_labels_come_from_the_schema() {
        let c = CellRef::A {
            field: A_REGULATIONS,
            col: 2,
        };
        assert_eq!(c.key_path(), "proactive.regulations.in_force");
        assert_eq!(c.label(), "第二十条第（一）项 · 规章 · 现行有效件数");
        assert_eq!(
            c.place().to_string(),
            "二、主动公开政府信息情况 · 规章 · 现行有效件数"
        );
        let b = CellRef::B { row: 4, col: 6 };
        assert!(b.is_computed());
        assert_eq!(b.key_path(), "requests.outcome.withheld.state_secret.total");
        assert_eq!(
            CellRef::C { group: 2, col: 0 }.label(),
            "行政诉讼 · 复议后起诉 · 结果维持"
        );
        assert_eq!(CellRef::Fee(0).key_path(), "processing_fees.notices");
        assert_eq!(CellRef::Fee(2).label(), "信息处理费 · 实际收取金额（元）");
        assert_eq!(Table::B.editable_cells().len(), 24 * 6);
        assert_eq!(Table::C.editable_cells().len(), 12);
        assert_eq!(Table::A.editable_cells().len(), 10);
    }
}
