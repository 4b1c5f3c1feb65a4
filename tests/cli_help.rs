//! Issue 13 item 8: `--help` of every command is Chinese, in clap's usual layout.

use std::process::Command;

fn help(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn every_help_page_is_chinese() {
    let mut pages = vec![help(&["--help"]), help(&["-h"])];
    for c in ["check", "new", "edit", "view", "import"] {
        pages.push(help(&[c, "--help"]));
        pages.push(help(&[c, "-h"]));
    }
    for page in &pages {
        assert!(page.contains("用法：nianbao"), "{page}");
        for english in [
            "Usage",
            "Options",
            "Arguments",
            "Commands",
            "Print",
            "OPTIONS",
            "Possible",
            "default",
            "FILE",
            "Report",
            "The ",
            "Last year",
        ] {
            assert!(!page.contains(english), "“{english}” in:\n{page}");
        }
    }
    assert!(pages[2].contains("--format <格式>"), "{}", pages[2]);
    assert!(pages[2].contains("参数:") && pages[2].contains("选项:"));
}
