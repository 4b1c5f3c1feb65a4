//! Tables A, B and C drawn as the published report draws them — one drawing code for the
//! wizard (with a focused, editable cell) and the viewer (with cells marked by findings).
//!
//! SKELETON: the API below is what the wizard and the viewer use; the drawing is a
//! placeholder to be replaced by the real published layout (see issue 3 "Tables on screen").

pub mod nav;

use crate::model::schema::{A_BLOCKS, B_COLUMNS, B_ROWS, C_COLUMNS, C_GROUPS};
use crate::model::{CellRef, Report};
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

pub use nav::{editable_cells, neighbour, Direction};

/// Which table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Table {
    /// 二、主动公开政府信息情况.
    A,
    /// 三、收到和处理政府信息公开申请情况.
    B,
    /// 四、政府信息公开行政复议、行政诉讼情况.
    C,
}

/// How a cell concerned by a finding is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// An error finding concerns this cell.
    Error,
    /// Only warnings concern this cell.
    Warning,
}

/// What the table drawing needs.
#[derive(Debug, Clone, Copy)]
pub struct TableProps<'a> {
    /// The report whose numbers are drawn.
    pub report: &'a Report,
    /// The focused cell (the wizard's cursor, or the viewer's selected finding).
    pub focus: Option<CellRef>,
    /// Text being typed into the focused cell, drawn instead of its value.
    pub edit: Option<&'a str>,
    /// Cells concerned by findings, drawn with colour and a symbol.
    pub marks: &'a [(CellRef, Mark)],
    /// Styles.
    pub theme: &'a Theme,
}

/// Number of terminal rows the table needs at this width.
pub fn height(table: Table, _width: u16) -> u16 {
    match table {
        Table::A => A_BLOCKS.iter().map(|b| b.rows.len() as u16 + 2).sum(),
        Table::B => B_ROWS.len() as u16 + 1,
        Table::C => C_GROUPS.len() as u16 + 1,
    }
}

/// Draws the table into `area`. Returns where the focused cell's text ends, for placing the
/// terminal cursor, when the focused cell is visible.
pub fn render(
    table: Table,
    props: &TableProps<'_>,
    area: Rect,
    buf: &mut Buffer,
) -> Option<Position> {
    let r = props.report;
    let mut lines: Vec<Line> = Vec::new();
    match table {
        Table::A => {
            for b in &A_BLOCKS {
                lines.push(Line::from(b.article));
                for (key, label) in b.rows {
                    let v = r
                        .proactive
                        .count(key, 0)
                        .map(|v| v.to_string())
                        .unwrap_or_else(|| r.proactive.fees_wan_yuan.to_string());
                    lines.push(Line::from(format!("{label} {v}")));
                }
            }
        }
        Table::B => {
            lines.push(Line::from(
                B_COLUMNS
                    .iter()
                    .map(|c| c.short)
                    .collect::<Vec<_>>()
                    .join(" "),
            ));
            for (i, row) in B_ROWS.iter().enumerate() {
                let nums: Vec<String> = r.requests.cells[i].iter().map(|v| v.to_string()).collect();
                lines.push(Line::from(format!("{} {}", row.short, nums.join(" "))));
            }
        }
        Table::C => {
            lines.push(Line::from(
                C_COLUMNS
                    .iter()
                    .map(|c| c.label)
                    .collect::<Vec<_>>()
                    .join(" "),
            ));
            for (g, group) in C_GROUPS.iter().enumerate() {
                let nums: Vec<String> = r.appeals.cells[g].iter().map(|v| v.to_string()).collect();
                lines.push(Line::from(format!("{} {}", group.label, nums.join(" "))));
            }
        }
    }
    Paragraph::new(lines).render(area, buf);
    None
}

/// The full official label of the row (and column) of a cell, for the status line, e.g.
/// `（二）部分公开（区分处理的，只计这一情形，不计其他情形） · 商业企业`.
pub fn full_label(cell: CellRef) -> String {
    match cell {
        CellRef::B { row, col } => format!("{} · {}", B_ROWS[row].label, B_COLUMNS[col].label),
        CellRef::C { group, col } => {
            let g = &C_GROUPS[group];
            match g.parent {
                Some(p) => format!("{p} · {} · {}", g.label, C_COLUMNS[col].label),
                None => format!("{} · {}", g.label, C_COLUMNS[col].label),
            }
        }
        CellRef::A { field, col } => A_BLOCKS
            .iter()
            .find_map(|b| {
                b.rows.iter().find(|(k, _)| *k == field).map(|(_, label)| {
                    format!(
                        "{} · {} · {}",
                        b.article,
                        label,
                        b.columns.get(col).copied().unwrap_or("")
                    )
                })
            })
            .unwrap_or_default(),
        _ => String::new(),
    }
}
