//! `view --previous`: the comparison with last year's report a key away (`d`), on the real
//! consecutive years hongze-2023 / hongze-2024; insta snapshots at 80x24 and 120x40.

use nianbao::tui::theme::Theme;
use nianbao::tui::view::{buffer_text, Outcome, Viewer};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use std::path::{Path, PathBuf};

fn viewer(w: u16, h: u16) -> Viewer {
    let prev = nianbao::yaml::load_file(Path::new("examples/hongze-2023.yaml"))
        .unwrap()
        .report;
    Viewer::new(
        vec![PathBuf::from("examples/hongze-2024.yaml")],
        Some(prev),
        2026,
        w,
        h,
        Theme::plain(),
    )
}

fn key(v: &mut Viewer, code: KeyCode) -> Outcome {
    v.update(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn render(v: &Viewer, w: u16, h: u16) -> Buffer {
    let area = Rect::new(0, 0, w, h);
    let mut buf = Buffer::empty(area);
    v.render(area, &mut buf);
    buf
}

fn screen(v: &Viewer, w: u16, h: u16) -> String {
    buffer_text(&render(v, w, h))
}

#[test]
fn d_opens_the_comparison_and_esc_goes_back() {
    let mut v = viewer(80, 24);
    assert!(screen(&v, 80, 24)
        .lines()
        .last()
        .unwrap()
        .contains("d 对照上年"));
    assert_eq!(key(&mut v, KeyCode::Char('d')), Outcome::Redraw);
    let s = screen(&v, 80, 24);
    assert!(
        s.contains("上年：洪泽区人民政府 2023    本年：淮安市洪泽区人民政府 2024"),
        "{s}"
    );
    insta::assert_snapshot!("compare_80x24", s);
    // The prose, further down: shares and the copied passages underlined.
    let lines = v.compare_view().unwrap().lines().len();
    let at = v
        .compare_view()
        .unwrap()
        .lines()
        .iter()
        .position(|l| {
            l.iter().any(|(t, _)| {
                t.starts_with("五、存在的主要问题及改进情况：本年 342 字中 129 字（37.7%）")
            })
        })
        .expect("the heading of 五");
    assert!(at > 60 && at < lines);
    for _ in 0..at - 1 {
        key(&mut v, KeyCode::Down);
    }
    let buf = render(&v, 80, 24);
    let s = buffer_text(&buf);
    assert!(s.starts_with(" 与上年对照"), "{s}");
    assert!(s.contains("五、存在的主要问题及改进情况"), "{s}");
    // "将切实抓好以下工作" is last year's text: underlined; "2024 年，全区" is new: not.
    let underlined = |needle: &str| {
        let (y, line) = s
            .lines()
            .enumerate()
            .find(|(_, l)| l.contains(needle))
            .expect(needle);
        let col = unicode_width::UnicodeWidthStr::width(&line[..line.find(needle).unwrap()]) as u16;
        buf.cell((col, y as u16))
            .unwrap()
            .modifier
            .contains(Modifier::UNDERLINED)
    };
    assert!(underlined("将切实抓好以下工作"), "{s}");
    assert!(!underlined("全区政府信息公开工作虽取得"), "{s}");
    assert_eq!(key(&mut v, KeyCode::Esc), Outcome::Redraw);
    assert!(screen(&v, 80, 24).contains("淮安市洪泽区人民政府2024年政府信息公开工作年度报告"));
}

#[test]
fn comparison_at_120x40() {
    let mut v = viewer(120, 40);
    key(&mut v, KeyCode::Char('d'));
    insta::assert_snapshot!("compare_120x40", screen(&v, 120, 40));
}

#[test]
fn without_a_previous_report_d_says_how() {
    let mut v = Viewer::new(
        vec![PathBuf::from("examples/hongze-2024.yaml")],
        None,
        2026,
        80,
        24,
        Theme::plain(),
    );
    assert!(!screen(&v, 80, 24).contains("对照上年"));
    key(&mut v, KeyCode::Char('d'));
    assert!(screen(&v, 80, 24).contains("nianbao view --previous 上年.yaml 本年.yaml"));
}
