//! Issue 5 through the real binary in a pseudo-terminal: signals write the draft and give the
//! terminal back, the recovery prompt, one editor at a time, asking before overwriting a
//! file changed on disk, and a crash between writing and renaming.
mod common;
use common::process::nianbao_in;
use common::pty::{keys, Session, DRAFT_TIMER_OFF};
use nianbao::persist::draft_path;
use std::path::Path;

/// The wizard with the draft timer off, so that only a signal can write the draft (`extra`
/// may turn it on again).
fn spawn(dir: &Path, args: &[&str], extra: &[(&str, &str)]) -> Session {
    let mut env = vec![DRAFT_TIMER_OFF];
    env.extend_from_slice(extra);
    Session::spawn_in(dir, args, &env)
}

fn signal(s: &Session, sig: i32) {
    let pid = s.pid().expect("pid") as i32;
    // SAFETY: kill with the pid of the child we started.
    assert_eq!(unsafe { libc::kill(pid, sig) }, 0);
}

/// Types an agency name in a new report and waits until it shows.
fn type_agency(s: &mut Session, name: &str) {
    s.wait_for("机关名称");
    s.type_text(name);
    s.wait_for(name);
}

#[test]
fn sigterm_writes_the_draft_gives_the_terminal_back_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = spawn(dir.path(), &["new", "report.yaml"], &[]);
    type_agency(&mut s, "淮安市人民政府");
    let draft = draft_path(&dir.path().join("report.yaml"));
    assert!(!draft.exists());
    signal(&s, libc::SIGTERM);
    assert_eq!(s.wait_exit(), 128 + 15);
    let r = nianbao::yaml::load_file(&draft).unwrap().report;
    assert_eq!(r.agency, "淮安市人民政府");
    s.assert_terminal_given_back();
    s.wait_for("收到终止信号（SIGTERM），已退出");
    s.wait_for(".report.yaml.draft");
    assert!(
        !dir.path().join(".report.yaml.lock").exists(),
        "the lock file goes with the process"
    );
    // The lock does not outlive the process: a new wizard starts (and offers the draft).
    let mut again = spawn(dir.path(), &["new", "report.yaml"], &[]);
    again.wait_for("发现未保存的草稿");
    again.send("q");
    assert_eq!(again.wait_exit(), 0);
    assert!(draft.exists(), "q keeps the draft");
}

#[test]
fn sighup_and_sigint_write_the_draft_too() {
    for (sig, code) in [(libc::SIGHUP, 129), (libc::SIGINT, 130)] {
        let dir = tempfile::tempdir().unwrap();
        let mut s = spawn(dir.path(), &["new", "report.yaml"], &[]);
        type_agency(&mut s, "洪泽区人民政府");
        signal(&s, sig);
        assert_eq!(s.wait_exit(), code);
        let draft = draft_path(&dir.path().join("report.yaml"));
        assert_eq!(
            nianbao::yaml::load_file(&draft).unwrap().report.agency,
            "洪泽区人民政府"
        );
    }
}

#[test]
fn a_second_editor_is_refused_naming_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = spawn(dir.path(), &["new", "report.yaml"], &[]);
    first.wait_for("机关名称");
    let out = nianbao_in(dir.path(), &["new", "report.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    let pid = first.pid().unwrap();
    assert!(err.contains("正在被另一个 nianbao 编辑"), "{err}");
    assert!(err.contains(&format!("进程 {pid}")), "{err}");
    first.send("\x11"); // Ctrl-Q: nothing typed, leaves at once
    assert_eq!(first.wait_exit(), 0);
    // The lock went with it.
    assert!(!dir.path().join(".report.yaml.lock").exists());
    let second = spawn(dir.path(), &["new", "report.yaml"], &[]);
    second.wait_for("机关名称");
}

/// Leaves a draft of `report.yaml` in `dir` with the agency `name` (the wizard is stopped by
/// SIGTERM).
fn leave_a_draft(dir: &Path, args: &[&str], name: &str) {
    let mut s = spawn(dir, args, &[]);
    if args[0] == "edit" {
        s.wait_for("机关名称");
        s.send("\x15"); // Ctrl-U clears the field
    }
    type_agency(&mut s, name);
    signal(&s, libc::SIGTERM);
    assert_eq!(s.wait_exit(), 143);
}

#[test]
fn a_draft_is_recovered_after_looking_at_the_differences() {
    let dir = tempfile::tempdir().unwrap();
    leave_a_draft(dir.path(), &["new", "report.yaml"], "淮安市人民政府");
    let mut s = spawn(dir.path(), &["new", "report.yaml"], &[]);
    s.wait_for("发现未保存的草稿");
    s.wait_for("草稿中有 1 处已填写的内容");
    s.send("d");
    s.wait_for("草稿与空白报告的不同之处（共 1 处）");
    s.wait_for("机关名称  空白 （空） → 草稿 淮安市人民政府");
    s.send(keys::ESC);
    s.wait_for("是否恢复这份草稿？");
    s.send("y");
    s.wait_for("淮安市人民政府");
    s.send("\x13"); // Ctrl-S
    let file = dir.path().join("report.yaml");
    s.wait_until("saved", |_| file.exists());
    let saved = nianbao::yaml::load_file(&file).unwrap().report;
    assert_eq!(saved.agency, "淮安市人民政府");
    s.wait_until("draft removed", |_| !draft_path(&file).exists());
}

#[test]
fn a_draft_is_discarded_only_after_a_second_yes() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.yaml");
    let mut base = nianbao::model::Report::new("鼓楼区科工信局", 2023);
    base.requests.set(0, 0, 7);
    nianbao::persist::save_report(&file, &base).unwrap();
    leave_a_draft(dir.path(), &["edit", "report.yaml"], "别的名字");
    let mut s = spawn(dir.path(), &["edit", "report.yaml"], &[]);
    s.wait_for("与文件相比有 1 处不同。");
    s.send("n");
    s.wait_for("确定丢弃草稿吗？");
    s.send("n");
    s.wait_for("是否恢复这份草稿？");
    assert!(draft_path(&file).exists());
    s.send("n");
    s.wait_for("确定丢弃草稿吗？");
    s.send("y");
    s.wait_for("鼓楼区科工信局");
    assert!(!draft_path(&file).exists());
    s.send("\x11"); // Ctrl-Q: nothing changed, leaves at once
    assert_eq!(s.wait_exit(), 0);
    assert_eq!(nianbao::yaml::load_file(&file).unwrap().report, base);
}

#[test]
fn saving_over_a_file_changed_on_disk_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.yaml");
    nianbao::persist::save_report(&file, &nianbao::model::Report::new("甲", 2023)).unwrap();
    let mut s = spawn(dir.path(), &["edit", "report.yaml"], &[]);
    s.wait_for("机关名称");
    s.type_text("乙");
    s.wait_for("甲乙");
    // Someone else saves the file meanwhile.
    let theirs = nianbao::model::Report::new("丙", 2023);
    nianbao::persist::save_report(&file, &theirs).unwrap();
    s.send("\x13");
    s.wait_for("在打开之后已被其他程序或他人修改");
    s.wait_for("要用现在的内容覆盖它吗？");
    s.send("n");
    s.wait_for("未保存：文件保持原样");
    assert_eq!(nianbao::yaml::load_file(&file).unwrap().report, theirs);
    s.send("\x13");
    s.wait_for("在打开之后已被其他程序或他人修改");
    s.send("y");
    s.wait_for("已保存到");
    assert_eq!(
        nianbao::yaml::load_file(&file).unwrap().report.agency,
        "甲乙"
    );
    // Saved by us: the next save does not ask.
    s.type_text("丁");
    s.wait_for("甲乙丁");
    s.send("\x13");
    s.wait_until("saved again", |_| {
        nianbao::yaml::load_file(&file).is_ok_and(|l| l.report.agency == "甲乙丁")
    });
    assert!(!s.screen().contains("文件已被改动"));
}

#[test]
fn a_crash_between_write_and_rename_leaves_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.yaml");
    nianbao::persist::save_report(&file, &nianbao::model::Report::new("旧名称", 2023)).unwrap();
    let before = std::fs::read(&file).unwrap();
    let mut s = spawn(
        dir.path(),
        &["edit", "report.yaml"],
        &[("NIANBAO_TEST_CRASH_BEFORE_RENAME", "report.yaml")],
    );
    s.wait_for("旧名称");
    s.type_text("新");
    s.wait_for("旧名称新");
    s.send("\x13"); // Ctrl-S: the process kills itself just before the rename
    s.wait_exit();
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "FILE must be the old report"
    );
    // The new report was written completely to the temporary file that was never renamed.
    let tmp: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(".report.yaml.tmp-")
        })
        .collect();
    assert_eq!(tmp.len(), 1);
    let written = nianbao::yaml::load_file(&tmp[0].path()).unwrap().report;
    assert_eq!(written.agency, "旧名称新");
    // The next editor clears the leftover away.
    let again = spawn(dir.path(), &["edit", "report.yaml"], &[]);
    again.wait_for("旧名称");
    assert!(!tmp[0].path().exists());
}

#[test]
fn a_signal_during_the_recovery_prompt_gives_the_terminal_back_and_keeps_the_draft() {
    let dir = tempfile::tempdir().unwrap();
    leave_a_draft(dir.path(), &["new", "report.yaml"], "淮安市人民政府");
    let mut s = spawn(dir.path(), &["new", "report.yaml"], &[]);
    s.wait_for("发现未保存的草稿");
    signal(&s, libc::SIGTERM);
    assert_eq!(s.wait_exit(), 143);
    s.assert_terminal_given_back();
    s.wait_for("收到终止信号（SIGTERM），已退出。");
    let draft = draft_path(&dir.path().join("report.yaml"));
    assert_eq!(
        nianbao::yaml::load_file(&draft).unwrap().report.agency,
        "淮安市人民政府"
    );
}

// Issue 13 item 9: after "y 不保存，直接退出" the next start offers nothing to restore.
#[test]
fn quitting_without_saving_removes_the_draft() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.yaml");
    let mut s = spawn(
        dir.path(),
        &["new", "report.yaml"],
        &[("NIANBAO_TEST_DRAFT_DELAY_MS", "10")],
    );
    type_agency(&mut s, "淮安市人民政府");
    s.wait_until("draft written", |_| draft_path(&file).exists());
    s.send("\x11"); // Ctrl-Q
    s.wait_for("有未保存的修改");
    s.send("y");
    assert_eq!(s.wait_exit(), 0);
    assert!(!draft_path(&file).exists(), "the draft is thrown away");
    assert!(!file.exists());
    let mut s = spawn(dir.path(), &["new", "report.yaml"], &[]);
    s.wait_for("机关名称");
    s.with_screen(|scr| assert!(!scr.contents().contains("发现未保存的草稿")));
    s.send("\x11");
    assert_eq!(s.wait_exit(), 0);
}

// Issue 13 item 7: a folder that does not exist is refused at start, in Chinese.
#[test]
fn new_in_a_folder_that_does_not_exist_is_refused_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let out = nianbao_in(dir.path(), &["new", "no/such/dir/x.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("文件夹 no/such/dir 无法使用：文件或文件夹不存在（"),
        "{err}"
    );
}

// Issue 13 item 7: a failed save says why in Chinese and offers 另存为.
#[test]
fn a_failed_save_offers_to_save_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    let mut s = spawn(dir.path(), &["new", "sub/r.yaml"], &[]);
    type_agency(&mut s, "淮安市人民政府");
    std::fs::remove_dir_all(&sub).unwrap();
    s.send("\x13"); // Ctrl-S
    s.wait_for("另存为");
    s.wait_for("文件或文件夹不存在");
    s.send("\x15"); // Ctrl-U clears the path
    s.type_text("elsewhere.yaml");
    s.wait_for("> elsewhere.yaml");
    s.send(keys::ENTER);
    s.wait_for("已保存到 elsewhere.yaml");
    let saved = nianbao::yaml::load_file(&dir.path().join("elsewhere.yaml"))
        .unwrap()
        .report;
    assert_eq!(saved.agency, "淮安市人民政府");
    s.send("\x11");
    assert_eq!(s.wait_exit(), 0);
}

// Issue 13 item 11: a recovered draft opens where the clerk was.
#[test]
fn a_recovered_draft_opens_at_the_step_and_field_of_the_clerk() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = spawn(dir.path(), &["new", "report.yaml"], &[]);
    type_agency(&mut s, "淮安市人民政府");
    for _ in 0..3 {
        s.send(keys::PAGE_DOWN);
    }
    s.wait_for("申请人情况");
    s.send("\t\t");
    s.type_text("7");
    s.wait_for("一、本年新收政府信息公开申请数量 · 科研机构");
    signal(&s, libc::SIGTERM);
    assert_eq!(s.wait_exit(), 143);
    let mut s = spawn(dir.path(), &["new", "report.yaml"], &[]);
    s.wait_for("发现未保存的草稿");
    s.send("y");
    s.wait_for("[4 依申请]");
    s.wait_for("一、本年新收政府信息公开申请数量 · 科研机构");
    signal(&s, libc::SIGTERM);
    assert_eq!(s.wait_exit(), 143);
}

// Issue 13 item 3: a file with one invalid value opens, on request, with that cell empty and
// marked, showing the value found; the file is not touched.
#[test]
fn a_file_with_an_invalid_value_opens_with_the_cell_empty_and_marked() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.yaml");
    let src = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/huaian-2024.yaml"
    ))
    .unwrap()
    .replace("{natural_person: 3001,", "{natural_person: -3,");
    std::fs::write(&file, &src).unwrap();
    let mut s = spawn(dir.path(), &["edit", "report.yaml"], &[]);
    s.wait_for("计数不能为负数");
    s.wait_for("[y/N]");
    s.send("y\r");
    s.wait_for("文件中有 1 处无效的值，已留空并标出");
    s.wait_for("[4 依申请]");
    s.send(keys::ESC); // the next key shows the cell's own note
    s.wait_for("文件中这一格的值是 -3，无效，已留空");
    s.send("\x11"); // Ctrl-Q
    assert_eq!(s.wait_exit(), 0);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        src,
        "the file is untouched"
    );
}
