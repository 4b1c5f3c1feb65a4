//! The viewer's overview screen (issue 16): keys and insta snapshots at 80x24 and 120x40,
//! through the viewer as `nianbao view FILES...` runs it.

use nianbao::tui::theme::Theme;
use nianbao::tui::view::{buffer_text, Outcome, Viewer};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use std::path::PathBuf;
use std::time::Duration;

const FILES: [&str; 5] = [
    "examples/hongze-2023.yaml",
    "examples/huaian-2024.yaml",
    "examples/gulou-kegongxin-2023.yaml",
    "tests/view_fixtures/negative-count.yaml",
    "examples/hongze-2024.yaml",
];

fn viewer(w: u16, h: u16) -> Viewer {
    let paths = FILES.iter().map(PathBuf::from).collect();
    Viewer::new(paths, None, 2026, w, h, Theme::plain())
}

fn key(v: &mut Viewer, code: KeyCode) -> Outcome {
    v.update(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn ch(v: &mut Viewer, c: char) -> Outcome {
    key(v, KeyCode::Char(c))
}

fn finish(v: &mut Viewer) {
    while v.busy() {
        v.tick(Duration::from_secs(10));
    }
}

fn screen(v: &Viewer, w: u16, h: u16) -> String {
    let area = Rect::new(0, 0, w, h);
    let mut buf = Buffer::empty(area);
    v.render(area, &mut buf);
    buffer_text(&buf)
}

#[test]
fn the_help_bar_offers_the_overview_with_several_files_only() {
    let v = viewer(80, 24);
    let s = screen(&v, 80, 24);
    assert!(s.lines().last().unwrap().contains("o 总览"), "{s}");
    let one = Viewer::new(
        vec![PathBuf::from(FILES[0])],
        None,
        2026,
        80,
        24,
        Theme::plain(),
    );
    let s = screen(&one, 80, 24);
    assert!(!s.contains("总览"), "{s}");
    let mut one = one;
    ch(&mut one, 'o');
    assert!(screen(&one, 80, 24).contains("总览需要打开多个文件"));
}

#[test]
fn opens_at_once_and_computes_lazily() {
    let mut v = viewer(80, 24);
    assert_eq!(ch(&mut v, 'o'), Outcome::Redraw);
    // Nothing is read when it opens: every row waits, the progress line says so.
    assert!(v.busy());
    assert_eq!(v.overview().unwrap().computed(), 0);
    let s = screen(&v, 80, 24);
    assert!(s.contains("正在计算 0/5 份"), "{s}");
    let line = s
        .lines()
        .find(|l| l.contains("hongze-2023.yaml"))
        .expect(&s);
    assert!(line.trim_end().ends_with('…'), "{s}");
    // One row at a time with no budget.
    v.tick(Duration::ZERO);
    assert_eq!(v.overview().unwrap().computed(), 1);
    insta::assert_snapshot!("overview_computing_80x24", screen(&v, 80, 24));
    finish(&mut v);
    assert!(!v.busy());
    assert!(!screen(&v, 80, 24).contains("正在计算"));
}

#[test]
fn arrows_sort_filter_enter_and_esc() {
    let mut v = viewer(80, 24);
    ch(&mut v, 'o');
    finish(&mut v);
    insta::assert_snapshot!("overview_80x24", screen(&v, 80, 24));
    // Focus 公开率 (机关名称 → 年份 → 本年新收 → 办结 → 公开率) and sort: ascending, then descending.
    for _ in 0..4 {
        key(&mut v, KeyCode::Right);
    }
    assert_eq!(
        v.overview().unwrap().column(),
        nianbao::summary::Column::DisclosureRate
    );
    ch(&mut v, 's');
    // 19.0 % (hongze-2023), 59.5 % (huaian), 62.1 % (hongze-2024), then — (gulou), then
    // the unreadable file.
    assert_eq!(v.overview().unwrap().order(), [0, 1, 4, 2, 3]);
    ch(&mut v, 's');
    assert_eq!(v.overview().unwrap().order(), [4, 1, 0, 2, 3]);
    insta::assert_snapshot!("overview_sorted_80x24", screen(&v, 80, 24));
    // Only reports with errors: hongze-2023 (C1) and the unreadable fixture.
    ch(&mut v, 'f');
    assert_eq!(v.overview().unwrap().order(), [0, 3]);
    ch(&mut v, 'f');
    assert_eq!(v.overview().unwrap().order().len(), 5);
    // The cursor stayed on its file through the filter; to the second row (huaian-2024)
    // and open it.
    key(&mut v, KeyCode::Home);
    key(&mut v, KeyCode::Down);
    assert_eq!(key(&mut v, KeyCode::Enter), Outcome::Redraw);
    assert_eq!(v.index(), 1);
    assert!(screen(&v, 80, 24).contains("淮安市人民政府2024年政府信息公开工作年度报告"));
    // Back in the overview, the sort is kept; Esc returns to the report.
    ch(&mut v, 'o');
    assert!(screen(&v, 80, 24).contains("按公开率从大到小"));
    key(&mut v, KeyCode::Esc);
    assert!(screen(&v, 80, 24).contains("淮安市人民政府2024年"));
    ch(&mut v, 'o');
    assert_eq!(ch(&mut v, 'q'), Outcome::Quit);
}

#[test]
fn at_120x40_more_columns_show() {
    let mut v = viewer(120, 40);
    ch(&mut v, 'o');
    finish(&mut v);
    let s = screen(&v, 120, 40);
    assert!(s.contains("部分公开") && s.contains("不予公开"), "{s}");
    insta::assert_snapshot!("overview_120x40", s);
}

#[test]
fn a_thousand_files_open_at_once() {
    let paths: Vec<PathBuf> = (0..1000).map(|i| PathBuf::from(FILES[i % 5])).collect();
    let mut v = Viewer::new(paths, None, 2026, 80, 24, Theme::plain());
    ch(&mut v, 'o');
    // Open without reading anything; the first screen is drawn before any figure.
    assert_eq!(v.overview().unwrap().computed(), 0);
    assert!(screen(&v, 80, 24).contains("正在计算 0/1000 份"));
    // Keys work while it computes: End goes to the last file.
    v.tick(Duration::from_millis(5));
    key(&mut v, KeyCode::End);
    assert!(screen(&v, 80, 24).contains("hongze-2024.yaml"));
    finish(&mut v);
    assert!(
        screen(&v, 80, 24).contains("第 1000/1000 份"),
        "{}",
        screen(&v, 80, 24)
    );
}
