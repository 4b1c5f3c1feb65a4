//! The viewer on a report in the 2019 trial format (issue 15): examples/shanghai-2019.yaml,
//! the real 上海市人民政府办公厅 2019 report, at 80x24 and 120x40 — table A's five blocks and
//! table B with its single （六）其他处理 row, as published.

use nianbao::model::schema::{R_OTHER_2019_SLOT, TABLES_2019};
use nianbao::model::CellRef;
use nianbao::tui::tables;
use nianbao::tui::theme::Theme;
use nianbao::tui::view::{buffer_text, Viewer};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use std::path::Path;

fn viewer(w: u16, h: u16) -> Viewer {
    let path = Path::new("examples/shanghai-2019.yaml").to_path_buf();
    Viewer::new(vec![path], None, 2026, w, h, Theme::plain())
}

fn press(v: &mut Viewer, code: KeyCode) {
    v.update(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn screen(v: &Viewer, w: u16, h: u16) -> String {
    let area = Rect::new(0, 0, w, h);
    let mut buf = Buffer::empty(area);
    v.render(area, &mut buf);
    buffer_text(&buf)
}

/// Table A, table B's top, and table B's end (scrolled down a page: （五）…四、结转下年度).
fn shots(w: u16, h: u16) -> (String, String, String) {
    let size = format!("{w}x{h}");
    let mut v = viewer(w, h);
    press(&mut v, KeyCode::Char('2'));
    let a = screen(&v, w, h);
    insta::assert_snapshot!(format!("shanghai_2019_table_a_{size}"), a);
    let mut v = viewer(w, h);
    press(&mut v, KeyCode::Char('3'));
    let b = screen(&v, w, h);
    insta::assert_snapshot!(format!("shanghai_2019_table_b_{size}"), b);
    press(&mut v, KeyCode::PageDown);
    let b_end = screen(&v, w, h);
    insta::assert_snapshot!(format!("shanghai_2019_table_b_end_{size}"), b_end);
    (a, b, b_end)
}

fn lines_with<'a>(s: &'a str, needle: &str) -> Vec<&'a str> {
    s.lines().filter(|l| l.contains(needle)).collect()
}

#[test]
fn shanghai_2019_at_80x24() {
    let (a, b, b_end) = shots(80, 24);
    // Table A: the five blocks with the 2019 columns and numbers as published.
    for article in ["第二十条第（一）项", "第二十条第（九）项"] {
        assert!(a.contains(article), "{a}");
    }
    assert!(lines_with(&a, "本年增/减").len() >= 2, "{a}");
    assert!(
        lines_with(&a, "政府集中采购")[0].ends_with("6        25.1"),
        "{a}"
    );
    assert!(b.contains("申请人情况"), "{b}");
    // The header names the format beside the tally.
    assert!(
        a.lines().next().unwrap().contains("2019年格式  ✗ 12  ! 0"),
        "{a}"
    );
    // Table B's end: （六）其他处理 is one row of numbers, no 2021 sub-items.
    let six = lines_with(&b_end, "（六）其他处理");
    assert_eq!(six.len(), 1, "{b_end}");
    assert!(six[0].trim_end().ends_with('0'), "{b_end}");
    for gone in ["逾期不补正", "逾期未缴费"] {
        assert!(!b.contains(gone) && !b_end.contains(gone), "{gone}");
    }
    assert!(b_end.contains("（七）总计") && b_end.contains("四、结转下年度"));
}

#[test]
fn shanghai_2019_at_120x40() {
    let (_, b, b_end) = shots(120, 40);
    let all = format!("{b}{b_end}");
    assert_eq!(lines_with(&b_end, "（六）其他处理").len(), 1, "{b_end}");
    for gone in [
        "申请人无正当理由逾期不补正",
        "申请人逾期未按收费通知要求缴纳费用",
    ] {
        assert!(!all.contains(gone), "{gone}");
    }
    assert!(
        all.contains("（二）部分公开（区分处理的"),
        "full labels at 120: {b}"
    );
}

#[test]
fn a_finding_on_the_other_processing_row_scrolls_to_its_line() {
    // The viewer scrolls to a cell by its line: the 2019 row is where it is drawn.
    let cell = CellRef::B {
        row: R_OTHER_2019_SLOT,
        col: 0,
    };
    let (first, end) = tables::cell_lines(cell, 80, &TABLES_2019).unwrap();
    assert_eq!(end, first + 1);
    assert_eq!(
        tables::height(tables::Table::B, 80, &TABLES_2019),
        first + 3,
        "（六） is followed by （七）总计 and 四 only"
    );
    // A 2021 row the 2019 format does not have has no line.
    assert_eq!(
        tables::cell_lines(CellRef::B { row: 20, col: 0 }, 80, &TABLES_2019),
        None
    );
}
