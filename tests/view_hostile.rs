//! A report whose every string is full of escape sequences, drawn by the viewer through a
//! real crossterm backend into bytes: nothing from the file reaches the terminal as a
//! control (no OSC `ESC ]`, no BEL, no C1 control, no bidi override).

use nianbao::model::{Part, Report};
use nianbao::tui::backend::Capture;
use nianbao::tui::theme::Theme;
use nianbao::tui::view::Viewer;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

const BAD: &str = "甲\u{1b}]0;pwned\u{7}乙\u{1b}]52;c;cm0gLXJmIH4=\u{1b}\\丙\u{1b}[2J\u{1b}[31m丁\u{9b}1;1H戊\u{9d}0;x\u{9c}己\u{85}\u{90}\u{202e}庚\u{2066}\u{7}";

fn hostile() -> Report {
    let mut r = Report::new(format!("某局{BAD}"), 2023);
    r.title = Some(format!("标题{BAD}"));
    r.overview = vec![
        Part::new(BAD, format!("{BAD}受理政府信息公开申请 999 件{BAD}")),
        Part::new("", format!("第二段{BAD}\n第三段{BAD}")),
    ];
    r.problems = vec![Part::new(BAD, BAD)];
    r.other_matters = vec![Part::new(BAD, BAD)];
    r.appeals.cells[0][0] = 3; // a C1 finding: findings are drawn too
    r
}

fn terminal(w: u16, h: u16) -> (Terminal<CrosstermBackend<Capture>>, Capture) {
    let out = Capture::default();
    let term = Terminal::with_options(
        CrosstermBackend::new(out.clone()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, w, h)),
        },
    )
    .expect("terminal over a Vec");
    (term, out)
}

fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

/// Draws every screen of the viewer (scrolling to the end, visiting each finding) into bytes.
fn draw_all(files: Vec<std::path::PathBuf>, w: u16, h: u16) -> Vec<u8> {
    let mut v = Viewer::new(files, None, 2026, w, h, Theme::from_env());
    let (mut term, out) = terminal(w, h);
    term.draw(|f| v.view(f)).expect("draw");
    let n = v.document().findings.len();
    assert!(n >= 2, "the hostile report should have findings");
    for _ in 0..n {
        v.update(&key('n'));
        term.draw(|f| v.view(f)).expect("draw");
    }
    for _ in 0..200 {
        v.update(&Event::Key(KeyEvent::new(
            KeyCode::PageDown,
            KeyModifiers::NONE,
        )));
        term.draw(|f| v.view(f)).expect("draw");
    }
    v.update(&Event::Key(KeyEvent::new(
        KeyCode::F(1),
        KeyModifiers::NONE,
    )));
    term.draw(|f| v.view(f)).expect("draw");
    out.bytes()
}

fn assert_clean(bytes: &[u8]) {
    assert!(!bytes.is_empty());
    for (i, w) in bytes.windows(2).enumerate() {
        assert!(w != b"\x1b]", "ESC ] at byte {i}");
        assert!(
            w != b"\x1bP" && w != b"\x1b_" && w != b"\x1b^",
            "ESC P/_/^ at {i}"
        );
    }
    assert!(!bytes.contains(&0x07), "BEL in the output");
    let text = String::from_utf8_lossy(bytes);
    for ch in text.chars() {
        let c = ch as u32;
        assert!(
            !(0x80..=0x9f).contains(&c),
            "C1 control U+{c:04X} in the output"
        );
        assert!(
            !(0x202a..=0x202e).contains(&c) && !(0x2066..=0x2069).contains(&c),
            "bidi control U+{c:04X} in the output"
        );
    }
    // The hostile text is there, made visible.
    assert!(text.contains("␛]0;pwned␇"), "cleaned text not drawn");
}

#[test]
fn no_escape_sequence_from_a_file_reaches_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    // The file name is hostile too: it is shown in the header.
    let path = dir.path().join("bad\u{1b}]0;name\u{7}\u{202e}.yaml");
    std::fs::write(&path, nianbao::yaml::to_yaml(&hostile())).unwrap();
    let reread = nianbao::yaml::load_file(&path).expect("the hostile report loads");
    assert!(
        reread.report.agency.contains('\u{1b}'),
        "the escapes survive the YAML"
    );
    for (w, h) in [(80, 24), (120, 40)] {
        assert_clean(&draw_all(vec![path.clone()], w, h));
    }
}

#[test]
fn a_hostile_unreadable_file_is_shown_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.yaml");
    std::fs::write(
        &path,
        "format: 2021\nagency: 某局\nyear: 2023\n\"k\\e]0;pwned\\a\\x9b\": 1\n",
    )
    .unwrap();
    let good = dir.path().join("good.yaml");
    std::fs::write(&good, nianbao::yaml::to_yaml(&hostile())).unwrap();
    let mut v = Viewer::new(vec![path, good], None, 2026, 80, 24, Theme::plain());
    assert!(v.document().report.is_none());
    let (mut term, out) = terminal(80, 24);
    term.draw(|f| v.view(f)).unwrap();
    v.update(&key(']'));
    term.draw(|f| v.view(f)).unwrap();
    assert_clean(&out.bytes());
}
