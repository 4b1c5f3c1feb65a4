//! End to end (issue 15): `nianbao new --format 2019` in a pseudo-terminal — a report in the
//! 2019 trial format typed as a clerk would (a negative 本年增/减 with `-`, a `-` refused in
//! a count, table B's single （六）其他处理 row), saved, and read back; and the messages for
//! a wrong `--format`.

mod common;
use common::process::nianbao_in;
use common::pty::{keys, Session};
use nianbao::model::schema::{FormatVersion, R_OTHER_2019_SLOT};
use std::time::Duration;

#[test]
fn new_format_2019_typed_saved_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::spawn(
        &["new", "--format", "2019", "r.yaml"],
        80,
        24,
        dir.path(),
        &[("NO_COLOR", "1")],
    );
    s.wait_for("机关名称");
    // The format is named in the step bar and in step 1, and said once on opening.
    s.wait_for("2019年格式 [1 基本信息]");
    s.wait_for("新报告按 2019 年版（试行）格式填写");
    s.type_text("某区人民政府");
    s.wait_for("某区人民政府2020年政府信息公开工作年度报告");
    // Step 3: table A's five blocks. Tab to 行政许可 · 本年增/减 and type -8.
    s.send_times(keys::PAGE_DOWN, 2);
    s.wait_for("第二十条第（九）项");
    s.type_text("4");
    s.type_text("-");
    s.wait_for("件数不能为负数");
    s.send_times(keys::TAB, 7);
    s.wait_for("行政许可 · 本年增/减");
    s.wait_for("减少先按 -");
    s.type_text("-8");
    s.wait_until("行政许可 -8", |sc| {
        sc.lines()
            .any(|l| l.starts_with("行政许可") && l.contains("-8"))
    });
    // Step 4: （六）其他处理 is the row after 5.要求确认或重新出具 (Enter walks down).
    s.send(keys::PAGE_DOWN);
    s.wait_for("申请人情况");
    s.type_text("2");
    s.send_times(keys::ENTER, 20);
    s.wait_for("（六）其他处理 · 自然人");
    s.type_text("2");
    s.settle(Duration::from_millis(150));
    s.save_and_quit("已保存到 r.yaml");
    let text = std::fs::read_to_string(dir.path().join("r.yaml")).unwrap();
    assert!(text.starts_with("format: 2019\n"), "{text}");
    assert!(
        text.contains("    other: {natural_person: 2, commercial: 0, research: 0, public_interest: 0, legal_service: 0, other: 0, total: 2}"),
        "（六）其他处理 is one row:\n{text}"
    );
    assert!(!text.contains("processing_fees"), "{text}");
    let r = nianbao::yaml::load_file(&dir.path().join("r.yaml"))
        .expect("saved file reads back")
        .report;
    assert_eq!(r.version(), FormatVersion::V2019);
    assert_eq!(r.agency, "某区人民政府");
    assert_eq!(r.year, 2020);
    let p = &r.proactive_2019;
    assert_eq!(p.regulations.made, 4);
    assert_eq!(p.licensing.change, -8);
    assert_eq!(r.requests.get(0, 0), 2);
    assert_eq!(r.requests.get(R_OTHER_2019_SLOT, 0), 2);
    assert_eq!(r.requests.get(23, 0), 2, "（七）总计");
    // Exactly the report typed, written as the YAML module writes it.
    assert_eq!(text, nianbao::yaml::to_yaml(&r));
}

#[test]
fn a_wrong_format_is_explained_in_chinese_and_nothing_is_made() {
    let dir = tempfile::tempdir().unwrap();
    let out = nianbao_in(dir.path(), &["new", "--format", "2020", "r.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--format 2020 不是已知的报告格式"), "{err}");
    assert!(
        err.contains("只能是 2021（2021 年版格式） 或 2019"),
        "{err}"
    );
    assert!(!dir.path().join("r.yaml").exists());
    // With --from, the format follows last year's report: a contrary --format is refused.
    let from = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/hongze-2023.yaml");
    let out = nianbao_in(
        dir.path(),
        &["new", "--format", "2019", "--from", from, "r.yaml"],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("新报告为 2024 年，按 2021 年版格式填写"),
        "{err}"
    );
    assert!(!dir.path().join("r.yaml").exists());
    // --help names the option in Chinese, with its default.
    let (_, out, _) = common::process::in_crate_root(&["new", "--help"]);
    let help = String::from_utf8_lossy(&out);
    assert!(help.contains("--format <版本>"), "{help}");
    assert!(help.contains("2021（默认"), "{help}");
}
