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
    nianbao::tui::buffer_text(buf)
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
    let h = tables::height(table, w, &nianbao::model::schema::TABLES_2021);
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
    let h = tables::height(Table::B, 50, &nianbao::model::schema::TABLES_2021);
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

#[test]
fn table_a_80() {
    insta::assert_snapshot!(whole(Table::A, &load("huaian-2024.yaml"), 80));
}

#[test]
fn table_a_120() {
    insta::assert_snapshot!(whole(Table::A, &load("huaian-2024.yaml"), 120));
}

#[test]
fn table_a_amount_is_shown_exactly_and_edited() {
    let r = load("huaian-2024.yaml");
    let t = whole(Table::A, &r, 80);
    assert!(t.contains(&r.proactive.fees_wan_yuan.to_string()));
    assert!(t.contains("96171.6"));
    let d = draw(
        Table::A,
        &r,
        80,
        14,
        Some(CellRef::A {
            field: "fees_wan_yuan",
            col: 0,
        }),
        Some("12.5"),
        &[],
    );
    let t = text(&d.buf);
    insta::assert_snapshot!(t);
    let c = d.cursor.expect("cursor");
    assert_eq!(c.y, 13);
    assert_eq!(d.buf[(c.x - 1, c.y)].symbol(), "5");
}

#[test]
fn table_c_80() {
    insta::assert_snapshot!(whole(Table::C, &load("huaian-2024.yaml"), 80));
}

#[test]
fn table_c_120() {
    insta::assert_snapshot!(whole(Table::C, &load("huaian-2024.yaml"), 120));
}

#[test]
fn table_c_60() {
    insta::assert_snapshot!(whole(Table::C, &load("huaian-2024.yaml"), 60));
}

fn hongze_marks() -> (Report, Vec<(CellRef, Mark)>) {
    let r = load("hongze-2023.yaml");
    let ctx = nianbao::rules::Context {
        current_year: 2026,
        previous: None,
    };
    let findings = nianbao::rules::check(&r, &ctx);
    assert!(
        findings.iter().any(|f| f.rule == "C1"),
        "hongze-2023 has C1 errors"
    );
    (r, tables::marks_from_findings(&findings))
}

#[test]
fn table_c_marks_from_hongze_2023() {
    let (r, marks) = hongze_marks();
    for w in [80u16, 120] {
        let h = tables::height(Table::C, w, &nianbao::model::schema::TABLES_2021);
        let d = draw(Table::C, &r, w, h, None, None, &marks);
        insta::assert_snapshot!(format!("c_hongze_{w}"), text(&d.buf));
    }
}

#[test]
fn table_b_marks_from_hongze_2023() {
    let (r, marks) = hongze_marks();
    let h = tables::height(Table::B, 80, &nianbao::model::schema::TABLES_2021);
    let d = draw(Table::B, &r, 80, h, None, None, &marks);
    insta::assert_snapshot!(text(&d.buf));
}

#[test]
fn table_b_failing_b3_column_is_marked_in_its_header() {
    let mut r = load("huaian-2024.yaml");
    // 一、本年新收 × 商业企业 one more than the outcomes account for.
    r.requests.cells[0][1] += 1;
    r.requests.recompute_totals();
    let h = tables::height(Table::B, 80, &nianbao::model::schema::TABLES_2021);
    let d = draw(
        Table::B,
        &r,
        80,
        h,
        Some(CellRef::B { row: 0, col: 1 }),
        None,
        &[],
    );
    let t = text(&d.buf);
    insta::assert_snapshot!(t);
    let header = t.lines().nth(2).unwrap();
    // 商业企业 and 总计 fail; 自然人 does not.
    assert_eq!(header.matches('✗').count(), 2, "{header}");
    assert!(
        header.contains("✗商业") || header.contains("✗ 商业"),
        "{header}"
    );
}

#[test]
fn tiny_areas_do_not_panic() {
    let r = load("hongze-2023.yaml");
    let (_, marks) = hongze_marks();
    for table in [Table::A, Table::B, Table::C] {
        for (w, h) in [(0, 0), (1, 1), (3, 2), (10, 3), (20, 6), (40, 1), (1, 40)] {
            for focus in [
                None,
                Some(CellRef::B { row: 24, col: 6 }),
                Some(CellRef::C { group: 2, col: 4 }),
                Some(CellRef::A {
                    field: "fees_wan_yuan",
                    col: 0,
                }),
            ] {
                let d = draw(table, &r, w, h, focus, Some("１２x\u{1b}]0;"), &marks);
                if let Some(p) = d.cursor {
                    assert!(p.x < w.max(1) && p.y < h.max(1));
                }
            }
        }
    }
}

#[test]
fn tiny_area_snapshot() {
    let r = load("huaian-2024.yaml");
    let d = draw(
        Table::B,
        &r,
        20,
        6,
        Some(CellRef::B { row: 10, col: 3 }),
        None,
        &[],
    );
    insta::assert_snapshot!(text(&d.buf));
}

#[test]
fn heights_are_exact() {
    let r = load("huaian-2024.yaml");
    for table in [Table::A, Table::B, Table::C] {
        for w in [40u16, 60, 80, 100, 119, 120, 160, 250] {
            let h = tables::height(table, w, &nianbao::model::schema::TABLES_2021);
            // One more line than needed stays empty; the last needed line is not.
            let t = text(&draw(table, &r, w, h + 1, None, None, &[]).buf);
            let lines: Vec<&str> = t.lines().collect();
            assert!(lines[h as usize].is_empty(), "{table:?} at {w}: {t}");
            assert!(!lines[h as usize - 1].is_empty(), "{table:?} at {w}: {t}");
        }
    }
}

#[test]
fn render_scrolled_skips_lines_without_pinning() {
    let r = load("huaian-2024.yaml");
    let theme = Theme::plain();
    let props = TableProps {
        report: &r,
        focus: None,
        edit: None,
        marks: &[],
        theme: &theme,
    };
    let full_h = tables::height(Table::B, 80, &nianbao::model::schema::TABLES_2021);
    let mut full = Buffer::empty(Rect::new(0, 0, 80, full_h));
    tables::render(Table::B, &props, full.area, &mut full);
    let area = Rect::new(0, 0, 80, 10);
    let mut part = Buffer::empty(area);
    tables::render_scrolled(Table::B, &props, area, &mut part, 7);
    let full_t = text(&full);
    let want: Vec<&str> = full_t.lines().skip(7).take(10).collect();
    assert_eq!(text(&part).lines().collect::<Vec<_>>(), want);
}

/// One row of the buffer with its styles: runs of equally styled cells as `text{style}`,
/// unstyled runs as plain text.
fn styled_row(buf: &Buffer, y: u16) -> String {
    use ratatui::style::Style;
    let mut out = String::new();
    let mut run = String::new();
    let mut cur = Style::default();
    let flush = |out: &mut String, run: &mut String, st: Style| {
        if run.is_empty() {
            return;
        }
        if st == Style::default() {
            out.push_str(run);
        } else {
            let mut d = Vec::new();
            if let Some(fg) = st.fg {
                d.push(format!("{fg:?}"));
            }
            if let Some(bg) = st.bg {
                d.push(format!("bg {bg:?}"));
            }
            if !st.add_modifier.is_empty() {
                d.push(format!("{:?}", st.add_modifier));
            }
            out.push_str(&format!("[{run}]{{{}}}", d.join(" ")));
        }
        run.clear();
    };
    let mut skip = 0;
    for x in buf.area.x..buf.area.x + buf.area.width {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        let c = &buf[(x, y)];
        skip = unicode_width::UnicodeWidthStr::width(c.symbol()).saturating_sub(1);
        let st = c.style();
        let reset =
            |c: Option<ratatui::style::Color>| c.filter(|c| *c != ratatui::style::Color::Reset);
        let st = Style {
            fg: reset(st.fg),
            bg: reset(st.bg),
            underline_color: None,
            sub_modifier: ratatui::style::Modifier::empty(),
            ..st
        };
        if st != cur {
            flush(&mut out, &mut run, cur);
            cur = st;
        }
        run.push_str(c.symbol());
    }
    flush(&mut out, &mut run, cur);
    out.trim_end().to_string()
}

#[test]
fn marks_are_coloured_and_carry_a_symbol() {
    let (r, marks) = hongze_marks();
    let d = draw(
        Table::C,
        &r,
        80,
        5,
        Some(CellRef::C { group: 2, col: 0 }),
        None,
        &marks,
    );
    let rows = format!(
        "{}\n{}\n{}",
        styled_row(&d.buf, 2),
        styled_row(&d.buf, 3),
        styled_row(&d.buf, 4)
    );
    insta::assert_snapshot!(rows);
    // 行政复议's 总计 (a computed cell with an error): red, bold, with ✗.
    let row = styled_row(&d.buf, 2);
    assert!(row.ends_with("[✗0]{Red BOLD | ITALIC}"), "{row}");
}

#[test]
fn computed_and_focused_cells_have_their_styles() {
    let r = load("huaian-2024.yaml");
    let d = draw(
        Table::B,
        &r,
        80,
        30,
        Some(CellRef::B { row: 0, col: 0 }),
        None,
        &[],
    );
    let row = styled_row(&d.buf, 5);
    insta::assert_snapshot!(row);
    assert!(row.contains("[3119]{Cyan ITALIC}"), "{row}");
    assert!(row.contains("3001 ]{REVERSED}"), "{row}");
}

#[test]
fn no_colour_theme_uses_attributes_and_symbols_only() {
    let (r, marks) = hongze_marks();
    let theme = Theme::plain();
    let props = TableProps {
        report: &r,
        focus: None,
        edit: None,
        marks: &marks,
        theme: &theme,
    };
    let area = Rect::new(0, 0, 80, 5);
    let mut buf = Buffer::empty(area);
    tables::render(Table::C, &props, area, &mut buf);
    for y in 0..5 {
        for x in 0..80 {
            let c = &buf[(x, y)];
            assert_eq!(c.fg, ratatui::style::Color::Reset, "({x},{y})");
            assert_eq!(c.bg, ratatui::style::Color::Reset, "({x},{y})");
        }
    }
    let row = styled_row(&buf, 2);
    assert!(row.contains("[✗10]{BOLD}"), "{row}");
}

#[test]
fn cell_lines_point_at_the_drawn_row() {
    let r = load("huaian-2024.yaml");
    for w in [80u16, 120] {
        let h = tables::height(Table::B, w, &nianbao::model::schema::TABLES_2021);
        let t = text(&draw(Table::B, &r, w, h, None, None, &[]).buf);
        let lines: Vec<&str> = t.lines().collect();
        let (a, _) = tables::cell_lines(
            CellRef::B { row: 24, col: 0 },
            w,
            &nianbao::model::schema::TABLES_2021,
        )
        .unwrap();
        assert!(
            lines[a as usize].starts_with("四、结转下年度"),
            "{}",
            lines[a as usize]
        );
        let (a, b) = tables::cell_lines(
            CellRef::B { row: 21, col: 0 },
            w,
            &nianbao::model::schema::TABLES_2021,
        )
        .unwrap();
        assert!(lines[a as usize].contains("逾期未"));
        assert_eq!(b - a, if w >= 120 { 2 } else { 1 });
    }
    let (a, _) = tables::cell_lines(
        CellRef::C { group: 2, col: 1 },
        80,
        &nianbao::model::schema::TABLES_2021,
    )
    .unwrap();
    let t = text(&draw(Table::C, &r, 80, 5, None, None, &[]).buf);
    assert!(t.lines().nth(a as usize).unwrap().contains("复议后起诉"));
    assert_eq!(
        tables::cell_lines(CellRef::Agency, 80, &nianbao::model::schema::TABLES_2021),
        None
    );
}

#[test]
fn table_b_marks_of_a_b3_failure_and_a_warning() {
    let mut r = load("huaian-2024.yaml");
    r.requests.cells[0][1] += 1;
    r.requests.recompute_totals();
    let ctx = nianbao::rules::Context {
        current_year: 2026,
        previous: None,
    };
    let marks = tables::marks_from_findings(&nianbao::rules::check(&r, &ctx));
    assert!(marks.contains(&(CellRef::B { row: 0, col: 1 }, Mark::Error)));
    let d = draw(
        Table::B,
        &r,
        80,
        24,
        Some(CellRef::B { row: 0, col: 1 }),
        None,
        &marks,
    );
    let t = text(&d.buf);
    insta::assert_snapshot!(t);
    let first = t.lines().nth(5).unwrap();
    assert!(first.contains("✗54"), "{first}");
    assert!(first.contains("✗3120"), "{first}");
    // The warning of hongze-2024 (prose says 17, table 95) marks 一 × 总计 with !.
    let r = load("hongze-2024.yaml");
    let marks = tables::marks_from_findings(&nianbao::rules::check(&r, &ctx));
    let d = draw(Table::B, &r, 80, 24, None, None, &marks);
    let first = text(&d.buf).lines().nth(5).unwrap().to_string();
    assert!(first.ends_with("!95"), "{first}");
    assert!(styled_row(&d.buf, 5).ends_with("[!95]{Yellow BOLD | ITALIC}"));
}
