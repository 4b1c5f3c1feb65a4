//! Moving between the cells of a table: Tab order (editable cells, row by row) and arrows.

use super::Table;
use crate::model::schema::{a_block_of, B_COLS, B_ROW_COUNT, C_COLUMNS, C_GROUPS};
use crate::model::{editable_cells, CellRef};

/// An arrow key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Up.
    Up,
    /// Down.
    Down,
    /// Left.
    Left,
    /// Right.
    Right,
}

/// The cell next to `cell` in direction `dir` (computed cells included: arrows may visit
/// totals to read them), or `None` at the table's edge.
pub fn neighbour(cell: CellRef, dir: Direction) -> Option<CellRef> {
    use Direction::*;
    match cell {
        CellRef::B { row, col } => {
            let (r, c) = (row as isize, col as isize);
            let (r, c) = match dir {
                Up => (r - 1, c),
                Down => (r + 1, c),
                Left => (r, c - 1),
                Right => (r, c + 1),
            };
            (r >= 0 && c >= 0 && (r as usize) < B_ROW_COUNT && (c as usize) < B_COLS).then_some(
                CellRef::B {
                    row: r as usize,
                    col: c as usize,
                },
            )
        }
        CellRef::C { group, col } => {
            // Table C is printed as one row of 15 numbers: left/right walk across the groups.
            // Narrower screens draw one row per group: up/down move to the same result of the
            // group above/below (on the one-row layout they would otherwise do nothing).
            let flat = (group * C_COLUMNS.len() + col) as isize;
            let next = match dir {
                Left => flat - 1,
                Right => flat + 1,
                Up => flat - C_COLUMNS.len() as isize,
                Down => flat + C_COLUMNS.len() as isize,
            };
            let n = (C_GROUPS.len() * C_COLUMNS.len()) as isize;
            (0..n).contains(&next).then(|| CellRef::C {
                group: next as usize / C_COLUMNS.len(),
                col: next as usize % C_COLUMNS.len(),
            })
        }
        CellRef::A { field, col } => {
            let cells = editable_cells(Table::A);
            let i = cells.iter().position(|c| *c == CellRef::A { field, col })?;
            let ncols = |f: &str| a_block_of(f).map_or(1, |b| b.columns.len());
            match dir {
                Left if col > 0 => Some(cells[i - 1]),
                Right if col + 1 < ncols(field) => Some(cells[i + 1]),
                Up => cells[..i].iter().rev().find(|c| matches!(c, CellRef::A { col: c2, .. } if *c2 == col.min(ncols_of(c) - 1))).copied(),
                Down => cells[i + 1..].iter().find(|c| matches!(c, CellRef::A { col: c2, .. } if *c2 == col.min(ncols_of(c) - 1))).copied(),
                _ => None,
            }
        }
        _ => None,
    }
}

fn ncols_of(cell: &CellRef) -> usize {
    match cell {
        CellRef::A { field, .. } => a_block_of(field).map_or(1, |b| b.columns.len()),
        _ => 1,
    }
}

/// The next cell down the same column that a person can type into (Enter in a table).
pub fn next_editable_down(cell: CellRef) -> Option<CellRef> {
    let mut c = neighbour(cell, Direction::Down)?;
    loop {
        match c {
            c2 if c2.is_computed() => c = neighbour(c, Direction::Down)?,
            _ => return Some(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::schema::{B_TOTAL_COL, R_OUTCOME_TOTAL};

    #[test]
    fn tab_order_skips_totals() {
        let b = editable_cells(Table::B);
        assert_eq!(b.len(), 24 * 6);
        assert_eq!(b[0], CellRef::B { row: 0, col: 0 });
        assert!(!b.contains(&CellRef::B {
            row: R_OUTCOME_TOTAL,
            col: 0
        }));
        assert!(!b.contains(&CellRef::B {
            row: 0,
            col: B_TOTAL_COL
        }));
        assert_eq!(editable_cells(Table::C).len(), 12);
        assert_eq!(editable_cells(Table::A).len(), 10);
    }

    #[test]
    fn enter_moves_down_past_the_total_row() {
        assert_eq!(
            next_editable_down(CellRef::B { row: 22, col: 0 }),
            Some(CellRef::B { row: 24, col: 0 })
        );
        assert_eq!(next_editable_down(CellRef::B { row: 24, col: 0 }), None);
    }

    #[test]
    fn arrows_in_table_c_cross_groups() {
        assert_eq!(
            neighbour(CellRef::C { group: 0, col: 4 }, Direction::Right),
            Some(CellRef::C { group: 1, col: 0 })
        );
        assert_eq!(
            neighbour(CellRef::C { group: 0, col: 0 }, Direction::Left),
            None
        );
        assert_eq!(
            neighbour(CellRef::C { group: 0, col: 2 }, Direction::Down),
            Some(CellRef::C { group: 1, col: 2 })
        );
        assert_eq!(
            neighbour(CellRef::C { group: 2, col: 2 }, Direction::Down),
            None
        );
        assert_eq!(
            neighbour(CellRef::C { group: 0, col: 2 }, Direction::Up),
            None
        );
    }

    #[test]
    fn arrows_in_table_a_move_between_blocks() {
        let reg = CellRef::A {
            field: "regulations",
            col: 2,
        };
        assert_eq!(
            neighbour(reg, Direction::Down),
            Some(CellRef::A {
                field: "normative_documents",
                col: 2
            })
        );
        let nd = CellRef::A {
            field: "normative_documents",
            col: 1,
        };
        assert_eq!(
            neighbour(nd, Direction::Down),
            Some(CellRef::A {
                field: "licensing",
                col: 0
            })
        );
        assert_eq!(
            neighbour(
                CellRef::A {
                    field: "licensing",
                    col: 0
                },
                Direction::Right
            ),
            None
        );
    }
}
