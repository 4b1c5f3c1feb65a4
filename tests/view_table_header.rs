//! Issue 13, item 16: scrolling inside table B (and C) in `view` keeps the table's header
//! on top, as the wizard does — snapshot at 80x24 and the header checked line by line.

use nianbao::tui::theme::Theme;
use nianbao::tui::view::{buffer_text, Viewer};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use std::path::Path;

fn screen(v: &Viewer) -> String {
    let area = Rect::new(0, 0, 80, 24);
    let mut buf = Buffer::empty(area);
    v.render(area, &mut buf);
    buffer_text(&buf)
}

fn press(v: &mut Viewer, code: KeyCode) {
    v.update(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

#[test]
fn table_b_keeps_its_header_while_its_rows_scroll() {
    let path = Path::new("examples/hongze-2023.yaml").to_path_buf();
    let mut v = Viewer::new(vec![path], None, 2026, 80, 24, Theme::plain());
    press(&mut v, KeyCode::Char('3'));
    let top = screen(&v);
    let header: Vec<&str> = top.lines().skip(2).take(4).collect();
    assert!(header.iter().any(|l| l.contains("申请人情况")), "{top}");
    let mut seen_rows = Vec::new();
    for step in 1..=20 {
        press(&mut v, KeyCode::Down);
        let s = screen(&v);
        let lines: Vec<&str> = s.lines().collect();
        // The column heads stay on the rows right under the title bar.
        assert!(
            lines[1..5].iter().any(|l| l.contains("申请人情况")),
            "after {step}:\n{s}"
        );
        assert!(
            lines[1..6].iter().any(|l| l.contains("自然人")),
            "after {step}:\n{s}"
        );
        seen_rows.push(lines[6].to_string());
        if step == 12 {
            insta::assert_snapshot!("table_b_scrolled_80x24", s);
        }
    }
    // And the rows under it do move, one line per ↓.
    seen_rows.dedup();
    assert!(seen_rows.len() >= 15, "{seen_rows:#?}");
}
