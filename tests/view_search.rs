//! Issue 13, item 19: `/` search in the open report, the file list (`f`), and the status
//! line naming the section at the top after a jump — event scripts and 80x24 snapshots.

use nianbao::tui::theme::Theme;
use nianbao::tui::view::layout::Row;
use nianbao::tui::view::{buffer_text, Viewer};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use std::path::{Path, PathBuf};

fn example(name: &str) -> PathBuf {
    Path::new("examples").join(name)
}

fn viewer(names: &[&str], w: u16, h: u16) -> Viewer {
    let paths = names.iter().map(|n| example(n)).collect();
    Viewer::new(paths, None, 2026, w, h, Theme::plain())
}

fn code(v: &mut Viewer, code: KeyCode) {
    v.update(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn typed(v: &mut Viewer, text: &str) {
    for c in text.chars() {
        code(v, KeyCode::Char(c));
    }
}

fn screen(v: &Viewer) -> String {
    let area = Rect::new(0, 0, 80, 24);
    let mut buf = Buffer::empty(area);
    v.render(area, &mut buf);
    buffer_text(&buf)
}

fn row_text(v: &Viewer, row: usize) -> String {
    match &v.layout().rows[row] {
        Row::Text { text, .. } => text.clone(),
        other => format!("{other:?}"),
    }
}

#[test]
fn slash_searches_and_enter_goes_from_match_to_match() {
    let mut v = viewer(&["hongze-2023.yaml"], 80, 24);
    typed(&mut v, "/申请");
    assert!(screen(&v).contains("搜索：申请"), "{}", screen(&v));
    code(&mut v, KeyCode::Enter);
    let s = v.search().expect("a search").clone();
    assert!(s.matches.len() >= 3, "{s:?}");
    let first = s.row().unwrap();
    assert!(row_text(&v, first).contains("申请"));
    // On screen, and the status line says which match of how many.
    assert!(first >= v.scroll() && first < v.scroll() + v.body_height());
    assert!(screen(&v).contains(&format!("“申请”：第 1/{} 处", s.matches.len())));
    code(&mut v, KeyCode::Enter);
    assert_eq!(v.search().unwrap().current, Some(1));
    let second = v.search().unwrap().row().unwrap();
    assert!(second > first && row_text(&v, second).contains("申请"));
    v.update(&Event::Key(KeyEvent::new(
        KeyCode::Enter,
        KeyModifiers::SHIFT,
    )));
    assert_eq!(v.search().unwrap().current, Some(0));
    // Shift-Enter from the first goes round to the last.
    v.update(&Event::Key(KeyEvent::new(
        KeyCode::Enter,
        KeyModifiers::SHIFT,
    )));
    assert_eq!(v.search().unwrap().current, Some(s.matches.len() - 1));
    // n stays the findings; the search is kept.
    code(&mut v, KeyCode::Char('n'));
    assert_eq!(v.selected(), Some(0));
    assert_eq!(v.search().unwrap().query, "申请");
    // `/` again offers the same words to change.
    code(&mut v, KeyCode::Char('/'));
    assert!(screen(&v).contains("搜索：申请"));
    code(&mut v, KeyCode::Esc);
    assert!(!screen(&v).contains("搜索："));
}

#[test]
fn a_search_without_match_says_so_and_enter_before_any_search_explains() {
    let mut v = viewer(&["hongze-2023.yaml"], 80, 24);
    code(&mut v, KeyCode::Enter);
    assert!(screen(&v).contains("还没有搜索：按 / 输入要找的文字"));
    typed(&mut v, "/不存在的词");
    code(&mut v, KeyCode::Enter);
    assert!(
        screen(&v).contains("没有找到“不存在的词”"),
        "{}",
        screen(&v)
    );
    assert_eq!(v.scroll(), 0);
}

#[test]
fn the_file_list_jumps_to_a_file_by_name_with_its_counts() {
    let names: Vec<&str> = ["hongze-2023.yaml", "huaian-2024.yaml", "hongze-2024.yaml"]
        .into_iter()
        .cycle()
        .take(200)
        .collect();
    let mut v = viewer(&names, 80, 24);
    code(&mut v, KeyCode::Char('f'));
    let s = screen(&v);
    assert!(s.contains("文件列表（200 个）"), "{s}");
    // hongze-2023 has 2 errors, huaian-2024 none and 2 warnings.
    assert!(s.contains("1 ✗ 2   ! 0   examples/hongze-2023.yaml"), "{s}");
    assert!(s.contains("2 ✗ 0   ! 2   examples/huaian-2024.yaml"), "{s}");
    typed(&mut v, "huaian");
    assert!(
        screen(&v).contains("名称含“huaian”的 67/200 个"),
        "{}",
        screen(&v)
    );
    // The 67 huaian files are files 2, 5, 8, …: End and Enter open the last, file 200.
    code(&mut v, KeyCode::End);
    code(&mut v, KeyCode::Enter);
    assert!(v.file_list().is_none());
    assert_eq!(v.index(), 199);
    assert!(screen(&v).contains("200/200"));
    // Down through the whole list scrolls it.
    code(&mut v, KeyCode::Char('f'));
    for _ in 0..30 {
        code(&mut v, KeyCode::Down);
    }
    assert!(v.file_list().unwrap().top > 0);
    code(&mut v, KeyCode::Esc);
    assert!(v.file_list().is_none());
    assert_eq!(v.index(), 199);
}

#[test]
fn after_a_jump_the_status_line_names_the_section_at_the_top() {
    // At 80x60 the report ends less than a screen below 四: the heading still goes to the top.
    let mut v = viewer(&["hongze-2023.yaml"], 80, 60);
    for (key, heading) in [('4', "四、"), ('5', "五、"), ('6', "六、"), ('3', "三、")] {
        code(&mut v, KeyCode::Char(key));
        let i = key as usize - '1' as usize;
        assert_eq!(v.scroll(), v.layout().sections[i], "{key}");
        let area = Rect::new(0, 0, 80, 60);
        let mut buf = Buffer::empty(area);
        v.render(area, &mut buf);
        let text = buffer_text(&buf);
        let status = text.lines().nth(58).unwrap();
        assert!(status.contains(heading), "{key}: {status}");
        assert!(
            text.lines().nth(1).unwrap().contains(heading),
            "{key}: {text}"
        );
    }
    // Scrolling again comes back within the report.
    code(&mut v, KeyCode::Char('6'));
    code(&mut v, KeyCode::Down);
    assert_eq!(v.scroll(), v.max_scroll());
}

#[test]
fn search_and_file_list_at_80x24() {
    let mut v = viewer(&["hongze-2023.yaml", "huaian-2024.yaml"], 80, 24);
    typed(&mut v, "/政务新媒体");
    code(&mut v, KeyCode::Enter);
    insta::assert_snapshot!("search_80x24", screen(&v));
    code(&mut v, KeyCode::Char('f'));
    insta::assert_snapshot!("file_list_80x24", screen(&v));
}
