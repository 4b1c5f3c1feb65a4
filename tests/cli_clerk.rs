//! Issue 13 at the command line: `--help` of every command is Chinese (item 8), as are the
//! messages for a mistyped command line (clap's own are English), and `check` warns about a
//! part with a heading and no body (item 13).

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
    for c in [
        "check", "new", "edit", "view", "import", "export", "summary", "diff",
    ] {
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
            "This year",
            "Output",
            "Sort",
            "Show",
            "<DIR>",
            "<OUT>",
            "A table",
        ] {
            assert!(!page.contains(english), "“{english}” in:\n{page}");
        }
    }
    assert!(pages[2].contains("--format <格式>"), "{}", pages[2]);
    assert!(pages[2].contains("参数:") && pages[2].contains("选项:"));
}

// Issue 13 item 13: `check` warns about a part with a heading and no body.
#[test]
fn check_warns_about_an_empty_part() {
    let src = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/huaian-2024.yaml"
    ))
    .unwrap();
    let mut r = nianbao::yaml::load_str(&src, "huaian")
        .expect("example reads")
        .report;
    r.overview[3].body.clear();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.yaml");
    std::fs::write(&file, nianbao::yaml::to_yaml(&r)).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["check", file.to_str().unwrap()])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("T1") && text.contains("只有小标题，没有正文"),
        "{text}"
    );
}

#[test]
fn command_line_mistakes_are_told_in_chinese() {
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
            .args(args)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        String::from_utf8(out.stderr).expect("utf-8")
    };
    let cases: [(&[&str], &[&str]); 6] = [
        (
            &["import", "a.txt", "-o", "b.yaml", "--dir", "c/"],
            &[
                "--output",
                "不能与",
                "--dir",
                "同时使用",
                "nianbao import --help",
            ],
        ),
        (
            &["import", "--rowz", "a.txt"],
            &[
                "没有参数 --rowz",
                "是不是要用 --rows",
                "nianbao import --help",
            ],
        ),
        (
            &["improt", "a.txt"],
            &["没有命令 improt", "是不是要用 import", "nianbao --help"],
        ),
        (
            &["export", "--to", "pdf", "a.yaml"],
            &["--to", "“pdf”无效", "html", "nianbao export --help"],
        ),
        (
            &["import"],
            &["缺少必需的参数", "<输入>", "nianbao import --help"],
        ),
        (&["check", "--bogus\u{1b}[31m"], &["没有参数 --bogus␛[31m"]),
    ];
    for (args, want) in cases {
        let err = run(args);
        for w in want {
            assert!(err.contains(w), "{args:?}: no {w:?} in\n{err}");
        }
        for english in [
            "error:",
            "Usage",
            "For more information",
            "cannot be used",
            "unexpected",
        ] {
            assert!(!err.contains(english), "{args:?}: {english:?} in\n{err}");
        }
    }
}
