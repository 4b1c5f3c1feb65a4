//! End-to-end tests of `nianbao new` / `nianbao edit`: the real binary in a pseudo-terminal,
//! typed at as a person would, the screen read through a terminal emulator.
mod common;
use common::pty::{keys, Session};
use std::time::Duration;

fn quiet(s: &Session) {
    s.settle(Duration::from_millis(150));
}

#[test]
fn new_report_typed_pasted_saved_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::spawn(&["new", "r.yaml"], 80, 24, dir.path(), &[("NO_COLOR", "1")]);
    s.wait_for("机关名称");
    s.type_text("淮安市人民政府");
    s.wait_for("淮安市人民政府2");
    s.send(keys::ENTER);
    s.send(keys::CTRL_U);
    s.type_text("2024");
    s.wait_for("淮安市人民政府2024年政府信息公开工作年度报告");
    // Step 2: a body typed in Chinese, with a pasted paragraph.
    s.send(keys::PAGE_DOWN);
    s.wait_for("第1段");
    s.send(keys::TAB);
    s.type_text("全年主动公开信息");
    s.paste("第二段\r\n第三段\t完");
    quiet(&s);
    // Step 4: table B.
    s.send_times(keys::PAGE_DOWN, 2);
    s.wait_for("申请人情况");
    s.type_text("12");
    s.send(keys::TAB);
    s.type_text("a");
    s.wait_for("只能输入非负整数");
    s.type_text("3");
    // A tab-separated row pasted into 二、上年结转 fills it across.
    s.send(keys::DOWN);
    s.send(keys::LEFT);
    s.paste("1\t2\t0\t0\t0\t4");
    s.wait_for("已粘贴 6 个数");
    s.save_and_quit("已保存到 r.yaml");
    s.assert_terminal_given_back();
    let r = nianbao::yaml::load_file(&dir.path().join("r.yaml"))
        .expect("saved file reads back")
        .report;
    assert_eq!(r.agency, "淮安市人民政府");
    assert_eq!(r.year, 2024);
    assert_eq!(r.overview[0].body, "全年主动公开信息第二段\n第三段 完");
    assert_eq!(r.requests.cells[0], [12, 3, 0, 0, 0, 0, 15]);
    assert_eq!(r.requests.cells[1], [1, 2, 0, 0, 0, 4, 7]);
    // The whole file is exactly the report typed, and nothing else.
    let mut expected = nianbao::model::Report::new("淮安市人民政府", 2024);
    // A new report opens with the customary preamble, which follows the year typed.
    expected.preamble = nianbao::model::standard_preamble(2024);
    expected.overview[0].body = "全年主动公开信息第二段\n第三段 完".into();
    expected.requests.cells[0][..6].copy_from_slice(&[12, 3, 0, 0, 0, 0]);
    expected.requests.cells[1][..6].copy_from_slice(&[1, 2, 0, 0, 0, 4]);
    expected.recompute_totals();
    assert_eq!(
        std::fs::read_to_string(dir.path().join("r.yaml")).unwrap(),
        nianbao::yaml::to_yaml(&expected)
    );
    // No draft is left beside a saved report.
    assert!(!dir.path().join(".r.yaml.draft").exists());
}

#[test]
fn edit_changes_a_cell_and_saves_the_same_report_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    let src = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/huaian-2024.yaml");
    let path = dir.path().join("h.yaml");
    std::fs::copy(src, &path).unwrap();
    let mut s = Session::spawn(&["edit", "h.yaml"], 120, 40, dir.path(), &[]);
    s.wait_for("淮安市人民政府");
    s.send_times(keys::CTRL_N, 3);
    s.wait_for("3001");
    s.type_text("3000");
    s.wait_for("B3");
    s.save_and_quit("已保存");
    let mut expected = nianbao::yaml::load_file(std::path::Path::new(src))
        .unwrap()
        .report;
    expected.requests.cells[0][0] = 3000;
    expected.requests.cells[0][6] = 3118;
    let saved = nianbao::yaml::load_file(&path).unwrap().report;
    assert_eq!(saved, expected);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        nianbao::yaml::to_yaml(&expected)
    );
}

#[test]
fn quit_with_unsaved_changes_asks_and_ctrl_c_works() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::spawn(&["new", "q.yaml"], 80, 24, dir.path(), &[]);
    s.wait_for("机关名称");
    s.type_text("某局");
    s.send(keys::CTRL_C);
    s.wait_for("有未保存的修改");
    s.send("n");
    s.wait_until("dialog closed", |sc| !sc.contains("有未保存的修改"));
    s.send(keys::CTRL_Q);
    s.wait_for("有未保存的修改");
    s.send("y");
    assert_eq!(s.wait_exit(), 0);
    s.assert_terminal_given_back();
    assert!(!dir.path().join("q.yaml").exists());
}

#[test]
fn resizing_below_the_smallest_size_shows_a_message_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::spawn(&["new", "z.yaml"], 80, 24, dir.path(), &[]);
    s.wait_for("机关名称");
    s.resize(50, 12);
    s.wait_for("终端窗口太小");
    s.resize(80, 24);
    s.wait_for("机关名称");
    // Nothing typed: quits without asking, and no file is made.
    s.send(keys::CTRL_Q);
    assert_eq!(s.wait_exit(), 0);
    assert!(!dir.path().join("z.yaml").exists());
}

#[test]
fn new_refuses_an_existing_file_and_points_to_edit() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("x.yaml"), "format: 2021\n").unwrap();
    let mut s = Session::spawn(&["new", "x.yaml"], 80, 24, dir.path(), &[]);
    s.wait_for("nianbao edit x.yaml");
    assert_eq!(s.wait_exit(), 2);
}

#[test]
fn edit_of_an_unreadable_file_says_why_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.yaml"), "format: 2021\nagency: [\n").unwrap();
    let mut s = Session::spawn(&["edit", "bad.yaml"], 80, 24, dir.path(), &[]);
    s.wait_for("bad.yaml");
    assert_eq!(s.wait_exit(), 2);
    let screen = s.screen();
    assert!(
        screen.contains("行"),
        "a line number in the message: {screen}"
    );
    s.assert_terminal_given_back();
}

#[test]
fn no_color_means_no_colours_on_any_step() {
    let dir = tempfile::tempdir().unwrap();
    let src = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/hongze-2023.yaml");
    std::fs::copy(src, dir.path().join("h.yaml")).unwrap();
    let mut s = Session::spawn(
        &["edit", "h.yaml"],
        80,
        24,
        dir.path(),
        &[("NO_COLOR", "1")],
    );
    s.wait_for("F1 全部按键");
    for step in 1..=8 {
        quiet(&s);
        let coloured = s.with_screen(|scr| {
            let (rows, cols) = scr.size();
            (0..rows)
                .flat_map(|r| (0..cols).map(move |c| (r, c)))
                .filter(|&(r, c)| {
                    scr.cell(r, c).is_some_and(|cell| {
                        cell.fgcolor() != vt100::Color::Default
                            || cell.bgcolor() != vt100::Color::Default
                    })
                })
                .count()
        });
        assert_eq!(coloured, 0, "step {step}:\n{}", s.screen());
        s.send(keys::PAGE_DOWN);
    }
    // Without NO_COLOR the same screens do use colour (so the check above can fail).
    // (A copy: the first wizard still holds h.yaml's one-editor lock.)
    std::fs::copy(src, dir.path().join("c.yaml")).unwrap();
    let mut c = Session::spawn(&["edit", "c.yaml"], 80, 24, dir.path(), &[]);
    c.wait_for("F1 全部按键");
    quiet(&c);
    let any = c.with_screen(|scr| {
        (0..24).any(|r| {
            (0..80).any(|col| {
                scr.cell(r, col)
                    .is_some_and(|cell| cell.bgcolor() != vt100::Color::Default)
            })
        })
    });
    assert!(any);
    s.send(keys::CTRL_Q);
    c.send(keys::CTRL_Q);
    assert_eq!(s.wait_exit(), 0);
    assert_eq!(c.wait_exit(), 0);
}
