//! Snapshot tests of tables A, B and C drawn into a buffer (text and styles).

use nianbao::model::{CellRef, Report};
use nianbao::tui::tables::{self, Mark, Table, TableProps};
use nianbao::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

fn load(name: &str) -> Report {
    let path = format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"));
    nianbao::yaml::load_file(std::path::Path::new(&path))
        .expect("example loads")
        .report
}

/// The buffer as text, one line per row, trailing blanks trimmed; the second half of a wide
/// character is skipped.
fn text(buf: &Buffer) -> String {
    let a = buf.area;
    let mut out = String::new();
    for y in a.y..a.y + a.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in a.x..a.x + a.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            line.push_str(sym);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

struct Drawn {
    buf: Buffer,
    cursor: Option<Position>,
}

fn draw(
    table: Table,
    report: &Report,
    w: u16,
    h: u16,
    focus: Option<CellRef>,
    edit: Option<&str>,
    marks: &[(CellRef, Mark)],
) -> Drawn {
    let theme = Theme { colour: true };
    let props = TableProps {
        report,
        focus,
        edit,
        marks,
        theme: &theme,
    };
    let area = Rect::new(0, 0, w, h);
    let mut buf = Buffer::empty(area);
    let cursor = tables::render(table, &props, area, &mut buf);
    Drawn { buf, cursor }
}

fn whole(table: Table, report: &Report, w: u16) -> String {
    let h = tables::height(table, w);
    text(&draw(table, report, w, h, None, None, &[]).buf)
}

#[test]
fn table_b_80() {
    insta::assert_snapshot!(whole(Table::B, &load("huaian-2024.yaml"), 80));
}

#[test]
fn table_b_120() {
    insta::assert_snapshot!(whole(Table::B, &load("huaian-2024.yaml"), 120));
}

#[test]
fn table_b_focus_and_edit_at_80x24() {
    let r = load("huaian-2024.yaml");
    let d = draw(
        Table::B,
        &r,
        80,
        24,
        Some(CellRef::B { row: 3, col: 1 }),
        Some("123"),
        &[],
    );
    insta::assert_snapshot!(text(&d.buf));
    // The cursor sits just after the typed text, on the row of （二）部分公开.
    let c = d.cursor.expect("focused cell visible");
    assert_eq!(d.buf[(c.x - 1, c.y)].symbol(), "3");
    assert_eq!(d.buf[(c.x - 3, c.y)].symbol(), "1");
    assert!(text(&d.buf)
        .lines()
        .nth(c.y as usize)
        .unwrap()
        .contains("（二）部分公开"));
}

#[test]
fn table_b_short_area_scrolls_the_body_to_the_focus_and_keeps_the_header() {
    let r = load("huaian-2024.yaml");
    let d = draw(
        Table::B,
        &r,
        80,
        12,
        Some(CellRef::B { row: 24, col: 0 }),
        None,
        &[],
    );
    let t = text(&d.buf);
    insta::assert_snapshot!(t);
    assert!(t.starts_with("（本列"));
    assert!(t.lines().nth(11).unwrap().starts_with("四、结转下年度"));
    assert_eq!(d.cursor.map(|p| p.y), Some(11));
}

#[test]
fn table_b_narrow_scrolls_sideways_to_the_total_column() {
    let r = load("huaian-2024.yaml");
    let h = tables::height(Table::B, 50);
    let d = draw(
        Table::B,
        &r,
        50,
        h,
        Some(CellRef::B { row: 0, col: 6 }),
        None,
        &[],
    );
    let t = text(&d.buf);
    insta::assert_snapshot!(t);
    let first = t.lines().nth(5).unwrap();
    assert!(first.starts_with("一、本年新收"));
    assert!(first.ends_with("3119"), "{first}");
    assert!(!first.contains("3001"), "自然人 scrolled off: {first}");
}
