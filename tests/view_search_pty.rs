//! The real `nianbao view` in a pseudo-terminal (issue 13, item 19): `/` search with Chinese
//! typed as an input method sends it, Enter to the next match, and the file list (`f`)
//! filtered by name to open another file.
mod common;

use common::pty::{keys, Session};

#[test]
fn search_and_the_file_list_through_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["hongze-2023.yaml", "huaian-2024.yaml", "hongze-2024.yaml"] {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples")
            .join(name);
        std::fs::copy(src, dir.path().join(name)).unwrap();
    }
    let mut s = Session::spawn(
        &[
            "view",
            "hongze-2023.yaml",
            "huaian-2024.yaml",
            "hongze-2024.yaml",
        ],
        80,
        24,
        dir.path(),
        &[],
    );
    s.wait_for("F1 帮助");
    s.send("/");
    s.type_text("申请");
    s.wait_for("搜索：申请");
    s.send(keys::ENTER);
    s.wait_for("“申请”：第 1/");
    s.send(keys::ENTER);
    s.wait_for("“申请”：第 2/");
    // n is still the findings.
    s.send("n");
    s.wait_for("✗ 1/2");
    s.send("f");
    s.wait_for("文件列表（3 个）");
    s.wait_for("✗ 0   ! 2   huaian-2024.yaml");
    s.type_text("huaian");
    s.wait_for("名称含“huaian”的 1/3 个");
    s.send(keys::ENTER);
    s.wait_until("huaian-2024.yaml open", |scr| {
        scr.lines()
            .next()
            .is_some_and(|l| l.contains("huaian-2024.yaml") && l.contains("2/3"))
    });
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
