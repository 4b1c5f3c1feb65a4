//! End-to-end test of the yearly routine (issue 14): `nianbao new FILE --from LAST.yaml` in a
//! pseudo-terminal, table B typed, saved, then `nianbao check --previous LAST.yaml FILE`.
mod common;
use common::process::nianbao_in;
use common::pty::{keys, Session, DRAFT_TIMER_OFF};
use std::time::Duration;

fn examples(name: &str) -> String {
    format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn new_from_last_year_typed_saved_and_checked_against_it() {
    let dir = tempfile::tempdir().unwrap();
    let last = examples("huaian-2024.yaml");
    let mut s = Session::spawn(
        &["new", "r.yaml", "--from", &last],
        80,
        24,
        dir.path(),
        &[("NO_COLOR", "1")],
    );
    // Agency carried, year = 2024 + 1.
    s.wait_for("已从 2024 年报告带入");
    s.wait_for("淮安市人民政府2025年政府信息公开工作年度报告");
    // Table B: 二、上年结转 is 2024's 结转下年度 (103 自然人).
    s.send_times(keys::PAGE_DOWN, 3);
    s.wait_for("申请人情况");
    assert!(
        s.screen()
            .lines()
            .any(|l| l.contains("二、上年结转") && l.contains("103")),
        "{}",
        s.screen()
    );
    // 一、本年新收 200; （一）予以公开 250; 四、结转下年度 53: 200 + 103 = 250 + 53.
    s.type_text("200");
    s.send_times(keys::DOWN, 2);
    s.wait_for("（一）予以公开 · 自然人");
    s.type_text("250");
    s.send_times(keys::DOWN, 22);
    s.wait_for("四、结转下年度继续办理 · 自然人");
    s.type_text("53");
    s.settle(Duration::from_millis(150));
    assert!(!s.screen().contains("B3"), "{}", s.screen());
    s.send(keys::CTRL_S);
    s.wait_for("已保存到 r.yaml");
    // No errors: no dialog to close.
    assert!(!s.screen().contains("仍有"), "{}", s.screen());
    s.send(keys::CTRL_Q);
    assert_eq!(s.wait_exit(), 0);
    assert!(!dir.path().join(".r.yaml.draft").exists());

    let saved = nianbao::yaml::load_file(&dir.path().join("r.yaml"))
        .unwrap()
        .report;
    assert_eq!(saved.agency, "淮安市人民政府");
    assert_eq!(saved.year, 2025);
    assert_eq!(saved.requests.cells[1], [103, 0, 0, 0, 0, 0, 103]);
    assert_eq!(saved.requests.cells[0][0], 200);
    // 现行有效件数 proposed from 2024's: 11 规章, 66 行政规范性文件.
    assert_eq!(saved.proactive.regulations.in_force, 11);
    assert_eq!(saved.proactive.normative_documents.in_force, 66);

    let out = nianbao_in(dir.path(), &["check", "--previous", &last, "r.yaml"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(!stdout.contains("Y1") && !stdout.contains("Y2"), "{stdout}");
}

#[test]
fn new_from_a_file_that_is_not_a_report_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("last.yaml"), "agency: [\n").unwrap();
    let out = nianbao_in(dir.path(), &["new", "r.yaml", "--from", "last.yaml"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr.contains("上年报告无法读取"), "{stderr}");
    assert!(!dir.path().join("r.yaml").exists());
    let missing = nianbao_in(dir.path(), &["edit", "r.yaml", "--previous", "nope.yaml"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("上年报告无法读取"));
}

#[test]
fn new_from_recovers_its_draft_like_new() {
    let dir = tempfile::tempdir().unwrap();
    let last = examples("huaian-2024.yaml");
    // The draft timer is off: only the signal writes the draft.
    let env = [DRAFT_TIMER_OFF];
    let args = ["new", "r.yaml", "--from", last.as_str()];
    let mut s = Session::spawn_in(dir.path(), &args, &env);
    s.wait_for("已从 2024 年报告带入");
    s.send_times(keys::PAGE_DOWN, 3);
    s.wait_for("申请人情况");
    s.type_text("7");
    s.wait_for("未保存");
    let pid = s.pid().expect("pid") as i32;
    // SAFETY: kill with the pid of the child we started.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    assert_eq!(s.wait_exit(), 128 + 15);
    let draft = nianbao::persist::draft_path(&dir.path().join("r.yaml"));
    let d = nianbao::yaml::load_file(&draft).unwrap().report;
    assert_eq!(d.requests.cells[0][0], 7);
    assert_eq!(d.requests.cells[1][0], 103);

    // The same command again offers the draft; recovered, it is still next year's report
    // with last year's report beside it (the carried 103 still marked as such).
    let mut again = Session::spawn_in(dir.path(), &args, &env);
    again.wait_for("发现未保存的草稿");
    again.send("y");
    // The draft opens where the clerk was (table B), the carried values still marked ^ (103
    // itself shows B3's ✗ until 一…四 balance: an error's mark wins).
    again.wait_for("申请人情况");
    again.wait_for("✗103    ^0");
    again.save_and_quit("已保存到 r.yaml");
    let saved = nianbao::yaml::load_file(&dir.path().join("r.yaml"))
        .unwrap()
        .report;
    assert_eq!(saved.requests.cells[0][0], 7);
    assert_eq!(saved.requests.cells[1][0], 103);
    assert!(!draft.exists());
}
