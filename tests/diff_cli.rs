//! `nianbao diff` on the real consecutive years hongze-2023 / hongze-2024.

mod common;

/// `nianbao ARGS` in the crate's root: exit code, standard output (UTF-8), standard error.
fn nianbao(args: &[&str]) -> (i32, String, String) {
    let (code, out, err) = common::process::in_crate_root(args);
    (code, String::from_utf8(out).expect("UTF-8"), err)
}

fn squeeze(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn hongze_2023_against_2024() {
    let (code, out, err) = nianbao(&[
        "diff",
        "examples/hongze-2023.yaml",
        "examples/hongze-2024.yaml",
    ]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<String> = out.lines().map(squeeze).collect();
    let has = |l: &str| assert!(lines.iter().any(|x| x == l), "no line {l:?} in\n{out}");
    has("上年：洪泽区人民政府 2023 本年：淮安市洪泽区人民政府 2024");
    // Table A: 行政规范性文件 in force 5 → 8 (+60 %); 行政许可 550 → 9487.
    has("行政规范性文件 · 现行有效件数 5 8 +3 +60.0%");
    has("行政许可 · 本年处理决定数量 550 9487 +8937 +1624.9%");
    has("行政事业性收费 · 本年收费金额（单位… 7730.28 7545 −185.28 −2.4%");
    // Table B: 21 → 95 applications; 予以公开 from 0 (no percentage); unchanged rows have no change.
    has("一、本年新收 21 95 +74 +352.4%");
    has("（一）予以公开 0 50 +50");
    has("二、上年结转 0 0");
    has("本机关不掌握 10 31 +21 +210.0%");
    // Table C: the 2023 total printed as 0.
    has("行政复议 · 总计 0 2 +2");
    has("行政复议 · 结果维持 10 1 −9 −90.0%");
    // Prose: the shares of rule X2 and the copied passages marked.
    has("一、总体情况：本年 660 字中 286 字（43.3%）与上年同一节连续 12 字以上相同");
    has(
        "五、存在的主要问题及改进情况：本年 342 字中 129 字（37.7%）与上年同一节连续 12 字以上相同",
    );
    has("六、其他需要报告的事项：本年 44 字中 40 字（90.9%）与上年同一节连续 12 字以上相同（不足 100 字，X2 不计）");
    assert!(
        out.contains("⟦三是继续加强业务指导培训，实行政府信息公开工作人员跟班学习制度"),
        "{out}"
    );
    // This year's new sentence is not marked.
    assert!(
        out.contains("  2024 年，全区政府信息公开工作虽取得一定成绩"),
        "{out}"
    );
}

/// Last year's report again as this year's, with the year changed: every section copied.
fn copied_report(dir: &std::path::Path) -> std::path::PathBuf {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("examples/hongze-2023.yaml")).unwrap();
    let copy = dir.join("copy-2024.yaml");
    std::fs::write(&copy, text.replace("year: 2023", "year: 2024")).unwrap();
    copy
}

#[test]
fn changed_only_and_a_copied_report() {
    let dir = tempfile::tempdir().unwrap();
    let copy = copied_report(dir.path());
    let (code, out, err) = nianbao(&[
        "diff",
        "--changed",
        "examples/hongze-2023.yaml",
        copy.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("二、主动公开政府信息情况（10 项中 0 项有变化）"),
        "{out}"
    );
    assert!(
        !out.contains("规章 · 本年制发件数"),
        "unchanged lines are left out: {out}"
    );
    assert!(
        out.contains("（100.0%）与上年同一节连续 12 字以上相同：内容雷同（X2）"),
        "{out}"
    );
}

#[test]
fn an_unreadable_report_exits_2() {
    let (code, _, err) = nianbao(&["diff", "examples/hongze-2023.yaml", "Cargo.toml"]);
    assert_eq!(code, 2);
    assert!(err.contains("本年报告无法读取：Cargo.toml"), "{err}");
}

#[test]
fn check_with_previous_reports_x2_on_a_copied_report() {
    let dir = tempfile::tempdir().unwrap();
    let copy = copied_report(dir.path());
    let (code, out, err) = nianbao(&[
        "check",
        "--previous",
        "examples/hongze-2023.yaml",
        copy.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{err}"); // hongze-2023's C1 errors
    assert!(out.contains("X2 警告 一、总体情况: 内容雷同"), "{out}");
    assert!(
        out.contains("X2 警告 五、存在的主要问题及改进情况"),
        "{out}"
    );
    // 六 is 44 characters: too short to count.
    assert!(!out.contains("X2 警告 六"), "{out}");
    // The real pair: no X2.
    let (_, out, _) = nianbao(&[
        "check",
        "--previous",
        "examples/hongze-2023.yaml",
        "examples/hongze-2024.yaml",
    ]);
    assert!(!out.contains("X2"), "{out}");
}
