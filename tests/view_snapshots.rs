//! Snapshots of the viewer's screens for examples/hongze-2023.yaml (a real report with
//! errors) at 80x24 and 120x40: the first screen, a finding selected with n, each table.

use nianbao::tui::theme::Theme;
use nianbao::tui::view::{buffer_text, Viewer};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use std::path::Path;

fn viewer(w: u16, h: u16) -> Viewer {
    // Relative, as a reviewer types it (tests run in the package's directory).
    let path = Path::new("examples/hongze-2023.yaml").to_path_buf();
    Viewer::new(vec![path], None, 2026, w, h, Theme::plain())
}

fn press(v: &mut Viewer, c: char) {
    v.update(&Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::NONE,
    )));
}

fn screen(v: &Viewer, w: u16, h: u16) -> String {
    let area = Rect::new(0, 0, w, h);
    let mut buf = Buffer::empty(area);
    v.render(area, &mut buf);
    buffer_text(&buf)
}

fn shots(w: u16, h: u16) {
    let size = format!("{w}x{h}");
    let v = viewer(w, h);
    insta::assert_snapshot!(format!("first_{size}"), screen(&v, w, h));

    let mut v = viewer(w, h);
    press(&mut v, 'n');
    insta::assert_snapshot!(format!("finding_{size}"), screen(&v, w, h));

    for (key, name) in [('2', "table_a"), ('3', "table_b"), ('4', "table_c")] {
        let mut v = viewer(w, h);
        press(&mut v, key);
        insta::assert_snapshot!(format!("{name}_{size}"), screen(&v, w, h));
    }
}

#[test]
fn hongze_2023_at_80x24() {
    shots(80, 24);
}

#[test]
fn hongze_2023_at_120x40() {
    shots(120, 40);
}

#[test]
fn help_and_an_unreadable_file_at_80x24() {
    let mut v = viewer(80, 24);
    v.update(&Event::Key(KeyEvent::new(
        KeyCode::F(1),
        KeyModifiers::NONE,
    )));
    insta::assert_snapshot!("help_80x24", screen(&v, 80, 24));

    let bad = Path::new("tests/view_fixtures/negative-count.yaml").to_path_buf();
    let good = Path::new("examples/hongze-2023.yaml").to_path_buf();
    let v = Viewer::new(vec![bad, good], None, 2026, 80, 24, Theme::plain());
    insta::assert_snapshot!("unreadable_80x24", screen(&v, 80, 24));
}
