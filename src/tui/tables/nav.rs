//! Moving between the cells of a table: Tab order (editable cells, row by row) and arrows,
//! over the rows and blocks of the report's version of the format ([`Tables`]).

use super::Table;
use crate::model::schema::{Tables, B_COLS, C_COLUMNS, C_GROUPS};
use crate::model::CellRef;

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

/// The cell next to `cell` in direction `dir` in the tables of a version of the format
/// (computed cells included: arrows may visit totals to read them), or `None` at the table's
/// edge.
pub fn neighbour(cell: CellRef, dir: Direction, tables: &'static Tables) -> Option<CellRef> {
    use Direction::*;
    match cell {
        CellRef::B { row, col } => {
            // Up and down walk the printed rows (their storage rows may skip: 2019's （六）).
            let slots = tables.b_slots;
            let i = slots.iter().position(|s| *s == row)? as isize;
            let (r, c) = match dir {
                Up => (i - 1, col as isize),
                Down => (i + 1, col as isize),
                Left => (i, col as isize - 1),
                Right => (i, col as isize + 1),
            };
            (r >= 0 && c >= 0 && (r as usize) < slots.len() && (c as usize) < B_COLS).then(|| {
                CellRef::B {
                    row: slots[r as usize],
                    col: c as usize,
                }
            })
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
            let cells = Table::A.editable_cells_in(tables);
            let i = cells.iter().position(|c| *c == CellRef::A { field, col })?;
            let ncols_of = |c: &CellRef| match c {
                CellRef::A { field, .. } => tables.a_block_of(field).map_or(1, |b| b.columns.len()),
                _ => 1,
            };
            let same_col = |c: &&CellRef| matches!(c, CellRef::A { col: c2, .. } if *c2 == col.min(ncols_of(c) - 1));
            match dir {
                Left if col > 0 => Some(cells[i - 1]),
                Right if col + 1 < ncols_of(&cell) => Some(cells[i + 1]),
                Up => cells[..i].iter().rev().find(same_col).copied(),
                Down => cells[i + 1..].iter().find(same_col).copied(),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The next cell down the same column that a person can type into (Enter in a table).
pub fn next_editable_down(cell: CellRef, tables: &'static Tables) -> Option<CellRef> {
    let mut c = neighbour(cell, Direction::Down, tables)?;
    loop {
        match c {
            c2 if c2.is_computed() => c = neighbour(c, Direction::Down, tables)?,
            _ => return Some(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::editable_cells;
    use crate::model::schema::{
        B_TOTAL_COL, R_CARRIED_FORWARD, R_OTHER_2019_SLOT, R_OUTCOME_TOTAL, TABLES_2019,
        TABLES_2021,
    };
    const T21: &Tables = &TABLES_2021;

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
            next_editable_down(CellRef::B { row: 22, col: 0 }, T21),
            Some(CellRef::B { row: 24, col: 0 })
        );
        assert_eq!(
            next_editable_down(CellRef::B { row: 24, col: 0 }, T21),
            None
        );
    }

    #[test]
    fn arrows_in_table_c_cross_groups() {
        assert_eq!(
            neighbour(CellRef::C { group: 0, col: 4 }, Direction::Right, T21),
            Some(CellRef::C { group: 1, col: 0 })
        );
        assert_eq!(
            neighbour(CellRef::C { group: 0, col: 0 }, Direction::Left, T21),
            None
        );
        assert_eq!(
            neighbour(CellRef::C { group: 0, col: 2 }, Direction::Down, T21),
            Some(CellRef::C { group: 1, col: 2 })
        );
        assert_eq!(
            neighbour(CellRef::C { group: 2, col: 2 }, Direction::Down, T21),
            None
        );
        assert_eq!(
            neighbour(CellRef::C { group: 0, col: 2 }, Direction::Up, T21),
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
            neighbour(reg, Direction::Down, T21),
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
            neighbour(nd, Direction::Down, T21),
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
                Direction::Right,
                T21
            ),
            None
        );
    }

    #[test]
    fn the_2019_tables_are_walked_in_their_own_rows_and_blocks() {
        let t19: &'static Tables = &TABLES_2019;
        // （五）5 → （六）其他处理 (one row, stored at 2021's 3.其他) → past （七）总计 → 四.
        let confirm = CellRef::B { row: 19, col: 0 };
        let six = CellRef::B {
            row: R_OTHER_2019_SLOT,
            col: 0,
        };
        assert_eq!(neighbour(confirm, Direction::Down, t19), Some(six));
        assert_eq!(neighbour(six, Direction::Up, t19), Some(confirm));
        assert_eq!(
            next_editable_down(six, t19),
            Some(CellRef::B {
                row: R_CARRIED_FORWARD,
                col: 0
            })
        );
        // Rows the 2019 format does not have are not visited.
        assert_eq!(
            neighbour(CellRef::B { row: 20, col: 0 }, Direction::Down, t19),
            None
        );
        // Table A: the five blocks, 政府集中采购 at the end.
        let a = |field, col| CellRef::A { field, col };
        assert_eq!(
            neighbour(a("licensing", 1), Direction::Down, t19),
            Some(a("other_services", 1))
        );
        assert_eq!(
            neighbour(a("fees", 1), Direction::Down, t19),
            Some(a("procurement", 1))
        );
        assert_eq!(neighbour(a("fees", 1), Direction::Right, t19), None);
        assert_eq!(
            neighbour(a("coercive_measures", 2), Direction::Down, t19),
            Some(a("fees", 1))
        );
        assert_eq!(neighbour(a("procurement", 1), Direction::Down, t19), None);
    }
}
