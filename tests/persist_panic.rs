//! A panic writes the draft, gives the terminal back, and then says where the draft is
//! (issue 5). The panicking program is this test binary run again as a child process.

use nianbao::model::Report;
use nianbao::persist::{guard::Guard, DraftWriter};
use std::path::Path;
use std::process::Command;

const CHILD_ENV: &str = "NIANBAO_PERSIST_PANIC_CHILD";

/// In the child: the report changes (the draft is not due yet), then the program panics.
#[test]
#[ignore = "the child process of `a_panic_writes_the_draft_then_says_where_it_is`, which runs it with --ignored"]
fn child_panics_with_unsaved_changes() {
    let file = std::env::var_os(CHILD_ENV)
        .expect("run only as the child of its parent test, which sets the environment");
    let file = Path::new(&file);
    let mut drafts = DraftWriter::with_state_dir(file, None);
    let _guard = Guard::install(drafts.handle(), file).unwrap();
    drafts.changed(&Report::new("淮安市人民政府", 2024));
    assert!(drafts.deadline().is_some());
    panic!("模拟的内部错误");
}

#[test]
fn a_panic_writes_the_draft_then_says_where_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.yaml");
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "child_panics_with_unsaved_changes",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, &file)
        .env("RUST_BACKTRACE", "0")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let draft = nianbao::persist::draft_path(&file);
    let report = nianbao::yaml::load_file(&draft).unwrap().report;
    assert_eq!(report.agency, "淮安市人民政府");
    let err = String::from_utf8_lossy(&out.stderr);
    let panic_at = err.find("模拟的内部错误").expect("the panic message");
    let said = format!(
        "nianbao 出现内部错误。未保存的修改已写入草稿 {}",
        draft.display()
    );
    let said_at = err.find(&said).unwrap_or_else(|| panic!("{err}"));
    assert!(panic_at < said_at, "the draft's place comes last:\n{err}");
}
