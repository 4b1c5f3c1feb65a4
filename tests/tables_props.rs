//! Property tests: drawing any table into any area, with any focus, edit text and numbers,
//! never panics, and the returned cursor is inside the area on the focused cell's row.

use nianbao::model::schema::{A_BLOCKS, B_COLS, B_ROW_COUNT, C_COLUMNS, C_GROUPS};
use nianbao::model::{CellRef, Report};
use nianbao::tui::tables::{self, Mark, Table, TableProps};
use nianbao::tui::theme::Theme;
use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

fn base() -> Report {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/huaian-2024.yaml");
    nianbao::yaml::load_file(std::path::Path::new(path))
        .expect("example loads")
        .report
}

fn any_cell() -> impl Strategy<Value = CellRef> {
    let a_fields: Vec<(&'static str, usize)> = A_BLOCKS
        .iter()
        .flat_map(|b| b.rows.iter().map(move |(k, _)| (*k, b.columns.len())))
        .collect();
    prop_oneof![
        (0..B_ROW_COUNT, 0..B_COLS).prop_map(|(row, col)| CellRef::B { row, col }),
        (0..C_GROUPS.len(), 0..C_COLUMNS.len()).prop_map(|(group, col)| CellRef::C { group, col }),
        (0..a_fields.len(), 0..3usize).prop_map(move |(i, c)| CellRef::A {
            field: a_fields[i].0,
            col: c % a_fields[i].1,
        }),
    ]
}

fn any_table() -> impl Strategy<Value = Table> {
    prop_oneof![Just(Table::A), Just(Table::B), Just(Table::C)]
}

proptest! {
    #[test]
    fn drawing_never_panics(
        table in any_table(),
        w in 0u16..200,
        h in 0u16..60,
        focus in proptest::option::of(any_cell()),
        edit in proptest::option::of("[0-9０-９a-z,.\u{1b}\u{7}中]{0,14}"),
        big in proptest::option::of(0u64..=999_999_999),
        skip in proptest::option::of(0u16..80),
        marks in proptest::collection::vec((any_cell(), prop_oneof![Just(Mark::Error), Just(Mark::Warning)]), 0..10),
        colour in any::<bool>(),
    ) {
        let mut r = base();
        if let Some(v) = big {
            r.requests.cells[3][2] = v;
            r.appeals.cells[1][4] = v;
            r.proactive.penalties = v;
        }
        let theme = Theme { colour };
        let props = TableProps { report: &r, focus, edit: edit.as_deref(), marks: &marks, theme: &theme };
        // The area sits inside a larger buffer, away from its origin.
        let area = Rect::new(3, 2, w, h);
        let mut buf = Buffer::empty(Rect::new(0, 0, 210, 70));
        let cursor = match skip {
            Some(s) => tables::render_scrolled(table, &props, area, &mut buf, s),
            None => tables::render(table, &props, area, &mut buf),
        };
        if let Some(p) = cursor {
            prop_assert!(area.contains(p), "{p:?} outside {area:?}");
        }
        // Nothing is drawn outside the area.
        for y in 0..70 {
            for x in 0..210 {
                if !area.contains(ratatui::layout::Position::new(x, y)) {
                    prop_assert_eq!(buf[(x, y)].symbol(), " ");
                }
            }
        }
        // The whole table at its height shows the focused cell when it is in this table.
        if skip.is_none() && w >= 80 && h >= tables::height(table, w, &nianbao::model::schema::TABLES_2021) {
            let in_table = matches!(
                (table, focus),
                (Table::A, Some(CellRef::A { .. }))
                    | (Table::B, Some(CellRef::B { .. }))
                    | (Table::C, Some(CellRef::C { .. }))
            );
            prop_assert_eq!(cursor.is_some(), in_table);
        }
    }

    #[test]
    fn a_short_area_keeps_the_focused_row_visible(
        w in 80u16..200,
        h in 8u16..40,
        row in 0..B_ROW_COUNT,
        col in 0..B_COLS,
    ) {
        let r = base();
        let theme = Theme::plain();
        let props = TableProps { report: &r, focus: Some(CellRef::B { row, col }), edit: None, marks: &[], theme: &theme };
        let area = Rect::new(0, 0, w, h);
        let mut buf = Buffer::empty(area);
        let cursor = tables::render(Table::B, &props, area, &mut buf);
        prop_assert!(cursor.is_some());
    }
}
