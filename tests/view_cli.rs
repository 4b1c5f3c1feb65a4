//! `nianbao view` outside a terminal and with wrong arguments: clear messages, exit 2.

mod common;

/// `nianbao ARGS` in the crate's root: exit code and standard error.
fn nianbao(args: &[&str]) -> (i32, String) {
    let (code, _, err) = common::process::in_crate_root(args);
    (code, err)
}

#[test]
fn not_a_terminal_points_to_check() {
    let (code, err) = nianbao(&["view", "examples/hongze-2023.yaml"]);
    assert_eq!(code, 2);
    assert!(err.contains("nianbao check"), "{err}");
}

#[test]
fn previous_goes_with_one_file_only() {
    let (code, err) = nianbao(&[
        "view",
        "--previous",
        "examples/hongze-2023.yaml",
        "examples/hongze-2024.yaml",
        "examples/huaian-2024.yaml",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--previous 只能与一个报告文件一起使用"),
        "{err}"
    );
}

#[test]
fn an_unreadable_previous_report_is_named() {
    let (code, err) = nianbao(&[
        "view",
        "--previous",
        "no-such-file.yaml",
        "examples/hongze-2024.yaml",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("上年报告无法读取") && err.contains("no-such-file.yaml"),
        "{err}"
    );
}
