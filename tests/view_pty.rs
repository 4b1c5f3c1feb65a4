//! End to end: `nianbao view` with three files in a pseudo-terminal — move between them
//! with ] and [, quit with q; the terminal is given back (alternate screen left).
mod common;
use common::pty::Session;
use std::time::Duration;

#[test]
fn three_files_next_previous_and_quit() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut s = Session::spawn(
        &[
            "view",
            "examples/hongze-2023.yaml",
            "examples/huaian-2024.yaml",
            "examples/hongze-2024.yaml",
        ],
        80,
        24,
        root.as_ref(),
        &[("NO_COLOR", "1")],
    );
    s.wait_for("洪泽区人民政府2023年政府信息公开工作年度报告");
    s.wait_for("1/3");
    assert!(s.with_screen(|sc| sc.alternate_screen()));
    assert!(s.screen().contains("2 处错误，0 处警告"), "{}", s.screen());

    s.send("]");
    s.wait_for("淮安市人民政府2024年政府信息公开工作年度报告");
    s.wait_for("2/3");
    assert!(s.screen().contains("huaian-2024.yaml"), "{}", s.screen());

    s.send("]");
    s.wait_for("洪泽区人民政府2024年政府信息公开工作年度报告");
    s.wait_for("3/3");

    s.send("[");
    s.wait_for("淮安市人民政府2024年政府信息公开工作年度报告");
    s.wait_for("2/3");
    assert!(!s.screen().contains("3/3"), "{}", s.screen());

    // A finding, then a section, still in the second file.
    s.send("n");
    s.wait_for("! 1/2 F1 ");
    s.send("3");
    s.wait_for("三、收到和处理政府信息公开申请情况");

    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.settle(Duration::from_millis(100));
    assert!(
        !s.with_screen(|sc| sc.alternate_screen()),
        "alternate screen not left"
    );
}

#[test]
fn an_unreadable_file_resizing_and_a_tiny_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yaml");
    std::fs::write(
        &bad,
        "format: 2021\nagency: 某局\nyear: 2023\nproactive:\n  licensing: -3\n",
    )
    .unwrap();
    let good = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/hongze-2023.yaml");
    let mut s = Session::spawn(
        &["view", bad.to_str().unwrap(), good.to_str().unwrap()],
        80,
        24,
        dir.path(),
        &[("NO_COLOR", "1")],
    );
    s.wait_for("无法读取这个文件");
    s.wait_for("第 5 行");
    assert!(s.screen().contains("proactive.licensing"), "{}", s.screen());
    s.send("]");
    s.wait_for("洪泽区人民政府2023年政府信息公开工作年度报告");
    s.wait_for("2/2");

    s.resize(30, 6);
    s.wait_for("终端太小");
    s.resize(120, 40);
    // The harness resizes the pty before its emulator: under load the program's full redraw
    // can be parsed at the old size. Ctrl-L (repaint) as a person would, until it shows.
    let laid_out = |sc: &str| {
        sc.lines().any(|l| {
            l.contains("2023 年，洪泽区人民政府坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实《条例》")
        })
    };
    let start = std::time::Instant::now();
    while !laid_out(&s.screen()) && start.elapsed() < common::pty::TIMEOUT {
        std::thread::sleep(Duration::from_millis(500));
        if !laid_out(&s.screen()) {
            s.send("\x0c");
        }
    }
    s.wait_until("laid out for 120 columns", laid_out);
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.settle(Duration::from_millis(100));
    assert!(!s.with_screen(|sc| sc.alternate_screen()));
}

/// `e` leaves the terminal to `nianbao edit FILE` and comes back to the same file. Works
/// whether the wizard is there (it opens; Ctrl-Q leaves it unchanged) or not yet (the
/// viewer says the wizard failed).
#[test]
fn e_runs_the_wizard_and_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["hongze-2023.yaml", "huaian-2024.yaml"] {
        let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples")
            .join(name);
        std::fs::copy(from, dir.path().join(name)).unwrap();
    }
    let mut s = Session::spawn(
        &["view", "hongze-2023.yaml", "huaian-2024.yaml"],
        80,
        24,
        dir.path(),
        &[("NO_COLOR", "1")],
    );
    s.wait_for("1/2");
    s.send("]");
    s.wait_for("淮安市人民政府2024年政府信息公开工作年度报告");
    s.send("e");
    s.wait_until("the wizard or its failure", |sc| {
        sc.contains("填写向导未正常结束") || sc.contains("第 1 步")
    });
    if !s.screen().contains("填写向导未正常结束") {
        s.send(common::pty::keys::CTRL_Q);
    }
    s.wait_for("淮安市人民政府2024年政府信息公开工作年度报告");
    s.wait_for("2/2");
    assert!(s.with_screen(|sc| sc.alternate_screen()));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.settle(Duration::from_millis(100));
    assert!(!s.with_screen(|sc| sc.alternate_screen()));
}

/// `find … | xargs nianbao view`: standard input is not the terminal, keys still work.
#[test]
fn keys_come_from_the_terminal_when_stdin_is_not_one() {
    let script = format!(
        "exec '{}' view examples/hongze-2023.yaml examples/huaian-2024.yaml < /dev/null",
        env!("CARGO_BIN_EXE_nianbao")
    );
    let mut s = Session::spawn_program(
        "sh",
        &["-c", &script],
        80,
        24,
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")),
        &[("NO_COLOR", "1")],
    );
    s.wait_for("1/2");
    s.send("]");
    s.wait_for("2/2");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
