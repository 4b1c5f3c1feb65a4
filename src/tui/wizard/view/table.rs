//! The table steps (二、三、四).

use super::fields::marks;
use crate::tui::tables::{self, TableProps};
use crate::tui::wizard::state::{Field, Wizard};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

pub(super) fn draw_table_step(w: &Wizard, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let table = w.step.table()?;
    let marks = marks(w);
    let focus = match w.focus {
        Field::Cell(c) => Some(c),
        _ => None,
    };
    let props = TableProps {
        report: &w.report,
        focus,
        edit: w.edit_text(),
        marks: &marks,
        theme: &w.theme,
    };
    // The table keeps its header and scrolls its body to the focus by itself.
    tables::render(table, &props, area, buf)
}
