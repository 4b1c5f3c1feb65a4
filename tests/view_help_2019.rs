//! The viewer's F1 help on a report in the 2019 trial format (issue 15): it says what differs
//! from the 2021 tables (table A's five blocks and their columns, the one column that may be
//! negative, the amount, the single （六）其他处理 row, no 信息处理费), scrolls where it is
//! longer than the screen, and any other key still closes it. The 2021 help is unchanged
//! (tests/view_snapshots.rs, `help_80x24`).

use nianbao::model::schema::TABLES_2019;
use nianbao::tui::theme::Theme;
use nianbao::tui::view::{buffer_text, Outcome, Viewer};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use std::path::Path;

fn viewer(name: &str, w: u16, h: u16) -> Viewer {
    let path = Path::new("examples").join(name);
    Viewer::new(vec![path], None, 2026, w, h, Theme::plain())
}

fn press(v: &mut Viewer, code: KeyCode) -> Outcome {
    v.update(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn screen(v: &Viewer, w: u16, h: u16) -> String {
    let area = Rect::new(0, 0, w, h);
    let mut buf = Buffer::empty(area);
    v.render(area, &mut buf);
    buffer_text(&buf)
}

/// The text inside the help's box, its lines joined (a wrapped label reads whole): the
/// columns between the box's corners, whatever the report beside it shows.
fn flat(s: &str) -> String {
    use unicode_width::UnicodeWidthChar;
    let cols = |l: &str| -> Vec<(usize, char)> {
        let mut x = 0;
        l.chars()
            .map(|c| {
                let at = x;
                x += c.width().unwrap_or(0);
                (at, c)
            })
            .collect()
    };
    let top = s
        .lines()
        .find(|l| l.contains("帮助 · nianbao view"))
        .unwrap();
    let corner = |ch| cols(top).into_iter().find(|(_, c)| *c == ch).unwrap().0;
    let (left, right) = (corner('┌'), corner('┐'));
    s.lines()
        .skip_while(|l| !l.contains("帮助 · nianbao view"))
        .skip(1)
        .map(|l| {
            let inner: String = cols(l)
                .into_iter()
                .filter(|(x, _)| *x > left && *x < right)
                .map(|(_, c)| c)
                .collect();
            inner.trim().to_string()
        })
        .collect()
}

#[test]
fn help_of_a_2019_report_at_80x24_and_120x40() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut v = viewer("shanghai-2019.yaml", w, h);
        press(&mut v, KeyCode::F(1));
        let s = screen(&v, w, h);
        insta::assert_snapshot!(format!("help_2019_{w}x{h}"), s);
        // What differs is on the first screen of the help, from the schema's 2019 tables.
        let text = flat(&s);
        for b in TABLES_2019.a_blocks {
            assert!(text.contains(b.article), "{}: {text}", b.article);
            for c in b.columns {
                assert!(text.contains(c), "{c}: {text}");
            }
        }
        for part in [
            "2019 年版（试行）格式",
            "只有“本年增/减”可以是负数",
            "“采购总金额”是金额，单位万元",
            "表三“（六）其他处理”只有一行",
            "没有信息处理费",
        ] {
            assert!(text.contains(part), "{part}: {text}");
        }
    }
}

#[test]
fn a_long_help_scrolls_and_any_other_key_closes_it() {
    let (w, h) = (80, 24);
    let mut v = viewer("shanghai-2019.yaml", w, h);
    press(&mut v, KeyCode::F(1));
    let first = screen(&v, w, h);
    assert!(first.contains("下面还有"), "{first}");
    assert!(!first.contains("退出"), "{first}");
    // ↓ scrolls one line (the help stays open), End to its end: the last keys, the marks and
    // how to close it.
    press(&mut v, KeyCode::Down);
    let down = screen(&v, w, h);
    assert!(down.contains("帮助 · nianbao view"), "{down}");
    assert_ne!(down, first);
    press(&mut v, KeyCode::End);
    let end = screen(&v, w, h);
    for part in ["退出", "反白：当前选中的问题", "其他键关闭", "已到末尾"] {
        assert!(end.contains(part), "{part}: {end}");
    }
    press(&mut v, KeyCode::Home);
    assert_eq!(screen(&v, w, h), first);
    // Any other key closes it (q too, without quitting); opened again it starts at the top.
    press(&mut v, KeyCode::End);
    assert_eq!(press(&mut v, KeyCode::Char('q')), Outcome::Redraw);
    assert!(!screen(&v, w, h).contains("帮助 · nianbao view"));
    press(&mut v, KeyCode::F(1));
    assert_eq!(screen(&v, w, h), first);
    // At 120x40 it fits: no scrolling, ↓ closes as in the 2021 help.
    let mut v = viewer("shanghai-2019.yaml", 120, 40);
    press(&mut v, KeyCode::F(1));
    let s = screen(&v, 120, 40);
    assert!(s.contains("按任意键关闭") && !s.contains("下面还有"), "{s}");
    press(&mut v, KeyCode::Down);
    assert!(!screen(&v, 120, 40).contains("帮助 · nianbao view"));
}

#[test]
fn the_2021_help_has_no_format_notes_and_does_not_scroll() {
    let mut v = viewer("hongze-2023.yaml", 80, 24);
    press(&mut v, KeyCode::F(1));
    let s = screen(&v, 80, 24);
    assert!(!s.contains("2019") && !s.contains("下面还有"), "{s}");
    press(&mut v, KeyCode::Down);
    assert!(!screen(&v, 80, 24).contains("帮助 · nianbao view"));
}
