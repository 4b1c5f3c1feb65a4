//! Tables A, B and C drawn as the published report draws them — one drawing code for the
//! wizard (with a focused, editable cell) and the viewer (with cells marked by findings).
//!
//! # Drawing
//! - [`render`] draws a table into an area. When the area is shorter than the table
//!   ([`height`]), the header block stays at the top and the body scrolls so that the
//!   focused cell is visible (derived from the focus alone: no scroll state). This is what
//!   the wizard uses.
//! - [`render_scrolled`] draws the table as if its top `skip` lines were scrolled off above
//!   `area` (nothing pinned): what a viewer laying out a whole report as one scrolling
//!   document uses for a table that is partly off the top of the screen. A table partly off
//!   the bottom is simply drawn into the shorter area (clipped).
//! - [`height`] is exact and depends only on the table and the width, never on the numbers
//!   (more digits than budgeted make the numbers scroll sideways rather than the table grow).
//! - Where the number columns do not fit the width, the label column stays and the numbers
//!   scroll sideways so that the focused column is visible; `◂` / `▸` show hidden columns.
//! - Every number cell is `[mark][number][ ]`: the mark slot holds ✗ (error) or ! (warning)
//!   for cells in [`TableProps::marks`]; the last column is where the terminal cursor sits
//!   while the cell is edited ([`render`] returns that position for the focused cell).
//!
//! - [`cell_lines`] tells on which lines of its table a cell's row is drawn at a width (for
//!   scrolling a document to a finding); [`marks_from_findings`] turns rule findings into
//!   [`TableProps::marks`].
//! - Widths that change the layout: table B uses full official labels from
//!   [`FULL_LABELS_FROM`] (120) columns, short labels below; table C is one printed row of 15
//!   numbers from [`C_WIDE_FROM`] (105) columns, one row per group below.
//!
//! Layout per table: see `docs/decisions/tables.md`.

mod a;
mod b;
mod c;
pub mod layout;
pub mod nav;

use crate::model::schema::{Tables, C_GROUPS};
use crate::model::{CellRef, Report};
use crate::rules::{Finding, Severity};
use crate::tui::theme::Theme;
use layout::Canvas;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::widgets::{Clear, Widget};

pub use crate::model::editable_cells;
pub use b::FULL_LABELS_FROM;
pub use c::WIDE_FROM as C_WIDE_FROM;
pub use nav::{neighbour, Direction};

pub use crate::model::Table;

/// How a cell concerned by a finding is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// An error finding concerns this cell.
    Error,
    /// Only warnings concern this cell.
    Warning,
    /// No finding: the cell still holds the value taken from last year's report (the wizard
    /// with `new --from`). Any finding's mark wins over it.
    Carried,
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

/// The mark of a cell: an error wins over a warning, a warning over [`Mark::Carried`].
pub fn mark_of(marks: &[(CellRef, Mark)], cell: CellRef) -> Option<Mark> {
    let mut out = None;
    for (c, m) in marks {
        if *c == cell {
            match m {
                Mark::Error => return Some(Mark::Error),
                Mark::Warning => out = Some(Mark::Warning),
                Mark::Carried if out.is_none() => out = Some(Mark::Carried),
                Mark::Carried => {}
            }
        }
    }
    out
}

/// Draws the number cell `cell` at `(x, line)`, `w` wide: the text being edited when it is
/// focused, else the report's value; `computed` for a total the program keeps. Where the
/// text cursor goes, if it has it.
fn draw_number(
    cv: &mut Canvas<'_>,
    props: &TableProps<'_>,
    cell: CellRef,
    (x, line, w): (u16, u16, u16),
    computed: bool,
    focused: bool,
) -> Option<Position> {
    let value;
    let text = match (focused, props.edit) {
        (true, Some(e)) => crate::text::clean_line(e),
        _ => {
            value = props.report.get(cell).to_string();
            std::borrow::Cow::Borrowed(value.as_str())
        }
    };
    layout::draw_cell(
        cv,
        props.theme,
        &layout::CellDraw {
            x,
            line,
            w,
            text: &text,
            computed,
            mark: mark_of(props.marks, cell),
            focused,
        },
    )
}

/// Draws the number cells `cols` of one row at `line`, column `c` at `xs[c]`, `widths[c]`
/// wide; `cell(c)` is its cell and whether the program keeps it (a total), `focus` the
/// focused column, if in this row. Where the text cursor goes, if a cell has it.
fn draw_row(
    cv: &mut Canvas<'_>,
    props: &TableProps<'_>,
    (line, xs, widths): (u16, &[u16], &[u16]),
    cols: std::ops::Range<usize>,
    focus: Option<usize>,
    cell: impl Fn(usize) -> (CellRef, bool),
) -> Option<Position> {
    let mut cursor = None;
    for c in cols {
        let (at, computed) = cell(c);
        let pos = draw_number(
            cv,
            props,
            at,
            (xs[c], line, widths[c]),
            computed,
            focus == Some(c),
        );
        cursor = cursor.or(pos);
    }
    cursor
}

/// The marks for every table cell the findings concern (error or warning by severity), for
/// [`TableProps::marks`].
pub fn marks_from_findings(findings: &[Finding]) -> Vec<(CellRef, Mark)> {
    let mut out: Vec<(CellRef, Mark)> = Vec::new();
    for f in findings {
        let m = match f.severity {
            Severity::Error => Mark::Error,
            Severity::Warning => Mark::Warning,
        };
        for c in &f.cells {
            if !matches!(c, CellRef::A { .. } | CellRef::B { .. } | CellRef::C { .. }) {
                continue;
            }
            match out.iter_mut().find(|(c2, _)| c2 == c) {
                Some(entry) => {
                    if m == Mark::Error {
                        entry.1 = Mark::Error;
                    }
                }
                None => out.push((*c, m)),
            }
        }
    }
    out
}

/// Number of terminal rows the table needs at this width in the report's format (`tables`:
/// [`crate::model::Report::tables`]; exact: [`render`] into an area this high and `width` wide
/// draws the whole table).
pub fn height(table: Table, width: u16, tables: &'static Tables) -> u16 {
    match table {
        Table::A => a::height(tables.a_blocks),
        Table::B => b::BLayout::new(width, tables).height(),
        Table::C => c::CLayout::new(width).height(),
    }
}

/// The table a cell belongs to (`None` for fields outside the tables): [`CellRef::table`].
pub fn table_of(cell: CellRef) -> Option<Table> {
    cell.table()
}

/// The lines (first, end exclusive, counted from the table's top) of the row holding `cell`
/// when its table is drawn `width` columns wide: for a viewer scrolling its document to a
/// finding's cell. `None` for cells outside the tables.
pub fn cell_lines(cell: CellRef, width: u16, tables: &'static Tables) -> Option<(u16, u16)> {
    focus_lines(table_of(cell)?, Some(cell), width, tables)
}

/// Lines at the top of the table that stay in place when [`render`] scrolls the body.
fn header_height(table: Table, width: u16) -> u16 {
    match table {
        Table::A => 0,
        Table::B => b::HEADER_LINES,
        Table::C => c::CLayout::new(width).header(),
    }
}

/// Table lines (first, end exclusive) of the focused cell's row, if it is in this table.
fn focus_lines(
    table: Table,
    focus: Option<CellRef>,
    width: u16,
    tables: &'static Tables,
) -> Option<(u16, u16)> {
    match (table, focus?) {
        (Table::B, CellRef::B { row, .. }) => b::BLayout::new(width, tables).row_lines(row),
        (Table::C, CellRef::C { group, .. }) if group < C_GROUPS.len() => {
            Some(c::CLayout::new(width).group_lines(group))
        }
        (Table::A, CellRef::A { field, .. }) => a::field_lines(tables.a_blocks, field),
        _ => None,
    }
}

/// Draws the table into `area` (see the module docs). Returns where the focused cell's text
/// ends, for placing the terminal cursor, when the focused cell is visible.
pub fn render(
    table: Table,
    props: &TableProps<'_>,
    area: Rect,
    buf: &mut Buffer,
) -> Option<Position> {
    let total = height(table, area.width, props.report.tables());
    let header = header_height(table, area.width);
    let (pinned, skip) = if area.height >= total {
        (0, 0)
    } else if area.height > header {
        let visible = area.height - header;
        let bottom = focus_lines(table, props.focus, area.width, props.report.tables())
            .map_or(0, |(_, end)| end);
        (header, bottom.saturating_sub(header + visible))
    } else {
        (0, 0)
    };
    draw(table, props, area, buf, pinned, skip)
}

/// Draws the table with its first `skip` lines scrolled off above `area` (nothing pinned):
/// for a viewer that lays out a whole report as one scrolling document.
pub fn render_scrolled(
    table: Table,
    props: &TableProps<'_>,
    area: Rect,
    buf: &mut Buffer,
    skip: u16,
) -> Option<Position> {
    draw(table, props, area, buf, 0, skip)
}

/// [`render_scrolled`] keeping the table's header at the top once lines are scrolled off
/// (the body scrolls under it, as in the wizard): for the viewer (issue 13, item 16).
pub fn render_scrolled_keeping_header(
    table: Table,
    props: &TableProps<'_>,
    area: Rect,
    buf: &mut Buffer,
    skip: u16,
) -> Option<Position> {
    let header = header_height(table, area.width);
    if skip == 0 || header == 0 || area.height <= header {
        return draw(table, props, area, buf, 0, skip);
    }
    draw(table, props, area, buf, header, skip)
}

fn draw(
    table: Table,
    props: &TableProps<'_>,
    area: Rect,
    buf: &mut Buffer,
    pinned: u16,
    skip: u16,
) -> Option<Position> {
    let area = area.intersection(buf.area);
    Clear.render(area, buf);
    if area.is_empty() {
        return None;
    }
    let mut cv = Canvas {
        buf,
        area,
        pinned,
        skip,
    };
    match table {
        Table::B => b::draw(props, &mut cv),
        Table::A => a::draw(props, &mut cv),
        Table::C => c::draw(props, &mut cv),
    }
}
