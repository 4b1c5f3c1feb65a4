//! End to end (issues 14 and 15): `nianbao new FILE --from LAST.yaml` with last year's report
//! in the 2019 trial format, in a pseudo-terminal at 80x24 — the 2020 report continues 2019's
//! table A (对外公开总数量 and 上一年项目数量 proposed, marked ^, following what is typed), is
//! saved in the 2019 format, and a 2021 report from a 2020 one starts its table A empty.
mod common;
use common::pty::{keys, Session};
use nianbao::model::schema::FormatVersion;
use std::time::Duration;

fn shanghai() -> String {
    format!("{}/examples/shanghai-2019.yaml", env!("CARGO_MANIFEST_DIR"))
}

/// Ctrl-S (the dialog about the errors left closed with Esc), Ctrl-Q; the saved report.
fn save_and_quit(s: &mut Session, dir: &std::path::Path) -> nianbao::model::Report {
    s.send(keys::CTRL_S);
    s.wait_for("已保存到 r.yaml");
    s.send(keys::ESC);
    s.send(keys::CTRL_Q);
    assert_eq!(s.wait_exit(), 0);
    nianbao::yaml::load_file(&dir.join("r.yaml"))
        .expect("saved file reads back")
        .report
}

#[test]
fn new_from_a_2019_report_continues_its_table_a() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::spawn(
        &["new", "r.yaml", "--from", &shanghai()],
        80,
        24,
        dir.path(),
        &[("NO_COLOR", "1")],
    );
    s.wait_for("已从 2019 年报告带入机关名称、上年结转、表二 7 个数和各段小标题（均可修改）");
    s.wait_for("2019年格式 [1 基本信息]");
    // Step 3: 对外公开总数量 is 2019's, marked as carried.
    s.send(keys::PAGE_DOWN);
    s.send(keys::PAGE_DOWN);
    s.wait_for("第二十条第（九）项");
    s.wait_until("规章 ^524", |sc| {
        sc.lines()
            .any(|l| l.starts_with("规章") && l.contains("^524"))
    });
    // 本年新公开数量 13: 对外公开总数量 follows to 524 + 13, and its status line says how.
    s.send(keys::TAB);
    s.wait_for("规章 · 本年新公开数量");
    s.type_text("13");
    s.send(keys::TAB);
    s.wait_for("^ 按上年推算：上年对外公开 524 + 本年新公开 13 = 537，随输入更新，可修改");
    // 上一年项目数量 of 行政许可: proposed from 2019's (0 + 0), said so.
    for _ in 0..4 {
        s.send(keys::TAB);
    }
    s.wait_for("行政许可 · 上一年项目数量");
    s.wait_for("^ 按上年推算：上年上一年项目数量 0 + 本年增/减 0 = 0，可修改");
    s.settle(Duration::from_millis(150));
    let r = save_and_quit(&mut s, dir.path());
    assert_eq!(r.version(), FormatVersion::V2019);
    assert_eq!(r.year, 2020);
    assert_eq!(r.requests.cells[1], [72, 0, 0, 0, 0, 0, 72]);
    let p = &r.proactive_2019;
    assert_eq!(
        (p.regulations.published, p.regulations.total_public),
        (13, 537)
    );
    assert_eq!(p.normative_documents.total_public, 368);
    assert_eq!(r.proactive, Default::default());
}

#[test]
fn new_from_a_2020_report_in_the_2019_format_starts_table_a_empty() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(shanghai()).unwrap();
    let text = text
        .replace("\nyear: 2019\n", "\nyear: 2020\n")
        .replace("title: \"2019年", "title: \"2020年");
    std::fs::write(dir.path().join("last.yaml"), text).unwrap();
    let mut s = Session::spawn(
        &["new", "r.yaml", "--from", "last.yaml"],
        80,
        24,
        dir.path(),
        &[("NO_COLOR", "1")],
    );
    // Nothing of table A is carried into the 2021 format.
    s.wait_for("已从 2020 年报告带入机关名称、上年结转和各段小标题（均可修改）");
    s.send(keys::PAGE_DOWN);
    s.send(keys::PAGE_DOWN);
    s.wait_for("现行有效件数");
    let screen = s.screen();
    assert!(!screen.contains('^'), "{screen}");
    assert!(!screen.contains("2019年格式"), "{screen}");
    let r = save_and_quit(&mut s, dir.path());
    assert_eq!(r.version(), FormatVersion::V2021);
    assert_eq!(r.year, 2021);
    assert_eq!(r.requests.cells[1], [72, 0, 0, 0, 0, 0, 72]);
    assert_eq!(r.proactive, Default::default());
    assert_eq!(
        r.title.as_deref(),
        Some("2021年上海市人民政府办公厅政府信息公开工作年度报告")
    );
}
