//! `nianbao check` as scripts and reviewers run it: the real binary, its exit codes, its
//! JSON, its messages, and what it refuses to print raw.

mod common;

use common::pty::Session;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn example(name: &str) -> PathBuf {
    root().join("examples").join(name)
}

fn nianbao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .current_dir(root())
        .env_remove("NO_COLOR")
        .output()
        .expect("run nianbao")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("output is UTF-8")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}

/// A character that must never reach a terminal raw (ESC, BEL, C1, bidi controls …).
fn is_dangerous(c: char) -> bool {
    c != '\n' && nianbao::text::is_dangerous(c)
}

#[test]
fn exit_codes_follow_errors_warnings_and_strict() {
    // No findings at all.
    let o = nianbao(&["check", "examples/gulou-kegongxin-2023.yaml"]);
    assert_eq!(code(&o), 0, "{}", text(&o.stdout));
    assert!(text(&o.stdout).contains("没有发现问题"));
    let o = nianbao(&["check", "--strict", "examples/gulou-kegongxin-2023.yaml"]);
    assert_eq!(code(&o), 0);
    // Errors: table 四 totals of 洪泽区 2023.
    let o = nianbao(&["check", "examples/hongze-2023.yaml"]);
    assert_eq!(code(&o), 1);
    // Warnings only: 0, or 1 with --strict.
    let o = nianbao(&["check", "examples/huaian-2024.yaml"]);
    assert_eq!(code(&o), 0, "{}", text(&o.stdout));
    assert!(text(&o.stdout).contains("0 处错误，2 处警告"));
    let o = nianbao(&["check", "--strict", "examples/huaian-2024.yaml"]);
    assert_eq!(code(&o), 1);
    // No file: a usage error from clap, not a success.
    let o = nianbao(&["check"]);
    assert_eq!(code(&o), 2);
}

#[test]
fn findings_are_grouped_by_file_with_a_summary() {
    let o = nianbao(&[
        "check",
        "examples/hongze-2023.yaml",
        "examples/hongze-2024.yaml",
        "examples/gulou-kegongxin-2023.yaml",
    ]);
    assert_eq!(code(&o), 1);
    let out = text(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "examples/hongze-2023.yaml：2 处错误，0 处警告");
    assert!(lines[1]
        .starts_with("  C1 错误 四、政府信息公开行政复议、行政诉讼情况 · 行政复议 · 总计: "));
    assert!(lines[1].ends_with("= 11，总计 = 0"), "{}", lines[1]);
    assert!(lines[2].starts_with("  C1 错误 "), "{}", lines[2]);
    assert_eq!(lines[3], "");
    assert_eq!(lines[4], "examples/hongze-2024.yaml：0 处错误，1 处警告");
    assert!(
        lines[5].starts_with("  X1 警告 一、总体情况: 正文写 17"),
        "{}",
        lines[5]
    );
    assert_eq!(lines[7], "examples/gulou-kegongxin-2023.yaml：没有发现问题");
    assert_eq!(
        lines.last().copied(),
        Some("共 3 个文件：1 个有错误，1 个有警告，0 个无法读取")
    );
}

#[test]
fn an_unreadable_file_goes_to_stderr_and_the_others_are_still_checked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.yaml");
    let good = std::fs::read_to_string(example("huaian-2024.yaml")).expect("example");
    let broken = good.replacen("  carried_forward:", "  carried_forwrd:", 1);
    let line = broken
        .lines()
        .position(|l| l.contains("carried_forwrd"))
        .expect("edited")
        + 1;
    std::fs::write(&bad, broken).expect("write");
    let bad_s = bad.to_str().expect("utf-8 path");
    let missing = dir.path().join("missing.yaml");
    let o = nianbao(&[
        "check",
        "examples/hongze-2023.yaml",
        bad_s,
        missing.to_str().expect("utf-8 path"),
        "examples/gulou-kegongxin-2023.yaml",
    ]);
    assert_eq!(code(&o), 2);
    let (out, err) = (text(&o.stdout), text(&o.stderr));
    assert!(out.contains("examples/hongze-2023.yaml：2 处错误"), "{out}");
    assert!(
        out.contains("examples/gulou-kegongxin-2023.yaml：没有发现问题"),
        "{out}"
    );
    assert!(out.contains("2 个无法读取"), "{out}");
    assert!(!out.contains("bad.yaml"), "{out}");
    // The message names the file, the line and column, and the key path.
    let expected = format!(
        "{bad_s} 第 {line} 行第 3 列，键 requests.carried_forwrd：未知的键“carried_forwrd”"
    );
    assert!(err.contains(&expected), "{err}");
    assert!(
        err.contains("carried_forward"),
        "suggests the right key: {err}"
    );
    assert!(
        err.contains("missing.yaml") && err.contains("无法读取文件"),
        "{err}"
    );
}

#[test]
fn errors_in_numbers_name_line_and_key_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("neg.yaml");
    let good = std::fs::read_to_string(example("huaian-2024.yaml")).expect("example");
    std::fs::write(
        &bad,
        good.replacen(
            "state_secret:       {natural_person: 2,",
            "state_secret:       {natural_person: -2,",
            1,
        ),
    )
    .expect("write");
    let o = nianbao(&["check", bad.to_str().expect("utf-8")]);
    assert_eq!(code(&o), 2);
    let err = text(&o.stderr);
    assert!(
        err.contains("第 34 行第 44 列，键 requests.outcome.withheld.state_secret.natural_person：计数不能为负数"),
        "{err}"
    );
}

#[test]
fn a_dash_reads_standard_input() {
    let yaml = std::fs::read(example("hongze-2023.yaml")).expect("example");
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["check", "--format", "json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(&yaml)
        .expect("write stdin");
    let o = child.wait_with_output().expect("wait");
    assert_eq!(code(&o), 1, "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let arr = v.as_array().expect("array");
    assert_eq!(arr.len(), 2);
    assert!(arr.iter().all(|f| f["file"] == "-"));
}

#[test]
fn json_is_an_array_of_findings_with_the_agreed_keys() {
    let o = nianbao(&[
        "check",
        "--format",
        "json",
        "examples/hongze-2023.yaml",
        "examples/huaian-2024.yaml",
        "examples/gulou-kegongxin-2023.yaml",
    ]);
    assert_eq!(code(&o), 1);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("stdout is JSON");
    let arr = v.as_array().expect("a JSON array");
    assert_eq!(arr.len(), 4, "{v:#}");
    for f in arr {
        let obj = f.as_object().expect("object");
        let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            ["actual", "expected", "file", "message", "path", "rule", "severity"]
        );
        assert!(obj["file"].is_string() && obj["rule"].is_string());
        assert!(obj["path"].is_string() && obj["message"].is_string());
        assert!(["error", "warning"].contains(&obj["severity"].as_str().expect("string")));
        for k in ["expected", "actual"] {
            assert!(obj[k].is_null() || obj[k].is_number(), "{k}: {}", obj[k]);
        }
    }
    let c1 = &arr[0];
    assert_eq!(c1["file"], "examples/hongze-2023.yaml");
    assert_eq!(c1["rule"], "C1");
    assert_eq!(c1["severity"], "error");
    assert_eq!(c1["path"], "appeals.reconsideration.total");
    assert_eq!(c1["expected"], 11);
    assert_eq!(c1["actual"], 0);
    assert!(c1["message"]
        .as_str()
        .expect("message")
        .starts_with("四、政府信息公开行政复议、行政诉讼情况 · 行政复议 · 总计: "));
    // 淮安's fee warnings: an amount, and a finding without an expected number.
    let f1: Vec<_> = arr.iter().filter(|f| f["rule"] == "F1").collect();
    assert_eq!(f1.len(), 2);
    assert_eq!(f1[0]["actual"], 3940);
    assert_eq!(f1[0]["severity"], "warning");
    assert!(f1[1]["expected"].is_null());
    // No findings: an empty array, still valid JSON.
    let o = nianbao(&[
        "check",
        "--format",
        "json",
        "examples/gulou-kegongxin-2023.yaml",
    ]);
    assert_eq!(code(&o), 0);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v, serde_json::json!([]));
}

#[test]
fn previous_adds_the_cross_year_rules() {
    // 洪泽区 2024 against 2023: both hold.
    let o = nianbao(&[
        "check",
        "--format",
        "json",
        "--previous",
        "examples/hongze-2023.yaml",
        "examples/hongze-2024.yaml",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let rules: Vec<&str> = v
        .as_array()
        .expect("array")
        .iter()
        .map(|f| f["rule"].as_str().expect("rule"))
        .collect();
    assert_eq!(rules, ["X1"]);
    // A 2023 report that carried 2 applications forward and had 6 documents in force.
    let dir = tempfile::tempdir().expect("tempdir");
    let prev = dir.path().join("hongze-2023-changed.yaml");
    let text23 = std::fs::read_to_string(example("hongze-2023.yaml")).expect("example");
    let changed = text23
        .replacen(
            "carried_forward: {natural_person: 0, commercial: 0, research: 0, public_interest: 0, legal_service: 0, other: 0, total: 0}",
            "carried_forward: {natural_person: 2, commercial: 0, research: 0, public_interest: 0, legal_service: 0, other: 0, total: 2}",
            1,
        );
    assert_ne!(changed, text23, "the example's carried_forward row changed");
    let in_force = text23
        .lines()
        .find(|l| l.contains("normative_documents:"))
        .expect("row");
    let changed = changed.replacen(
        in_force,
        &in_force.replace("in_force: 5}", "in_force: 6}"),
        1,
    );
    std::fs::write(&prev, changed).expect("write");
    let o = nianbao(&[
        "check",
        "--format",
        "json",
        "--previous",
        prev.to_str().expect("utf-8"),
        "examples/hongze-2024.yaml",
    ]);
    assert_eq!(code(&o), 0, "warnings only");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let found: Vec<(String, String)> = v
        .as_array()
        .expect("array")
        .iter()
        .map(|f| (f["rule"].to_string(), f["path"].to_string()))
        .collect();
    let has =
        |rule: &str, path: &str| found.contains(&(format!("\"{rule}\""), format!("\"{path}\"")));
    assert!(
        has("Y1", "requests.carried_over.natural_person"),
        "{found:?}"
    );
    assert!(has("Y1", "requests.carried_over.total"), "{found:?}");
    assert!(
        has("Y2", "proactive.normative_documents.in_force"),
        "{found:?}"
    );
    assert!(has("X1", "requests.received.total"), "{found:?}");
    // Without --previous, none of them.
    let o = nianbao(&["check", "--format", "json", "examples/hongze-2024.yaml"]);
    assert!(!text(&o.stdout).contains("\"Y"), "{}", text(&o.stdout));
    // An unreadable previous report: exit 2, the reason on stderr.
    let o = nianbao(&[
        "check",
        "--previous",
        "nope.yaml",
        "examples/hongze-2024.yaml",
    ]);
    assert_eq!(code(&o), 2);
    assert!(
        text(&o.stderr).contains("上年报告无法读取"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn no_colour_when_piped_or_when_no_color_is_set() {
    let o = nianbao(&["check", "examples/hongze-2023.yaml"]);
    assert!(!o.stdout.contains(&0x1b), "{}", text(&o.stdout));
    let o = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["check", "examples/hongze-2023.yaml"])
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .expect("run");
    assert!(!o.stdout.contains(&0x1b));
}

/// The cell where `needle` starts on the screen.
fn find(screen: &vt100::Screen, needle: &str) -> (u16, u16) {
    let contents = screen.contents();
    let row = contents
        .lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} not on screen:\n{contents}"));
    let line = contents.lines().nth(row).expect("row");
    let byte = line.find(needle).expect("needle");
    let col = unicode_width::UnicodeWidthStr::width(&line[..byte]);
    (row as u16, col as u16)
}

#[test]
fn colour_in_a_terminal_unless_no_color() {
    let mut s = Session::spawn(
        &["check", "examples/hongze-2023.yaml"],
        80,
        24,
        root(),
        &[("NO_COLOR", "")],
    );
    s.wait_for("C1 错误");
    assert_eq!(s.wait_exit(), 1);
    s.with_screen(|screen| {
        let (row, col) = find(screen, "C1 错误");
        let cell = screen.cell(row, col).expect("cell");
        assert_eq!(cell.fgcolor(), vt100::Color::Idx(1), "errors in red");
        assert!(cell.bold());
        let (row, col) = find(screen, "examples/hongze-2023.yaml");
        assert!(
            screen.cell(row, col).expect("cell").bold(),
            "file name in bold"
        );
    });
    let mut s = Session::spawn(
        &["check", "examples/hongze-2023.yaml"],
        80,
        24,
        root(),
        &[("NO_COLOR", "1")],
    );
    s.wait_for("C1 错误");
    assert_eq!(s.wait_exit(), 1);
    s.with_screen(|screen| {
        let (row, col) = find(screen, "C1 错误");
        let cell = screen.cell(row, col).expect("cell");
        assert_eq!(cell.fgcolor(), vt100::Color::Default);
        assert!(!cell.bold());
    });
}

#[test]
fn text_output_fits_an_80_column_terminal() {
    let mut s = Session::spawn(
        &[
            "check",
            "examples/hongze-2024.yaml",
            "examples/huaian-2024.yaml",
        ],
        80,
        24,
        root(),
        &[("NO_COLOR", "1")],
    );
    s.wait_for("共 2 个文件");
    assert_eq!(s.wait_exit(), 0);
    let screen = s.screen();
    // Long findings wrap with a hanging indent under the message, never past column 80.
    let lines: Vec<&str> = screen.lines().collect();
    let x1 = lines
        .iter()
        .position(|l| l.starts_with("  X1 警告 "))
        .expect("X1 line");
    assert!(lines[x1 + 1].starts_with("          "), "{screen}");
    assert!(!lines[x1 + 1].trim().is_empty(), "{screen}");
    for l in &lines {
        assert!(unicode_width::UnicodeWidthStr::width(*l) <= 80, "{l}");
    }
}

/// A report whose strings try to drive the terminal: OSC (window title), CSI (clear screen,
/// colours), BEL, C1 CSI, and bidi overrides. One hostile sentence quotes a figure that
/// disagrees with table B, so that X1 quotes it.
fn hostile_report(dir: &Path) -> PathBuf {
    let good = std::fs::read_to_string(example("huaian-2024.yaml")).expect("example");
    let evil = r"\e]0;pwned\a\e[2J\e[31m\x9b1;31m\u202e\u2066\x07";
    // X1 quotes the sentence up to its first `;`, so this part carries no `;`.
    let sentence = r"\e[2J\e[31m\x9b2J\u202e\u2066\a";
    let text = good
        .replacen(
            "agency: \"淮安市人民政府\"",
            &format!("agency: \"淮安市人民政府{evil}\""),
            1,
        )
        .replacen(
            "    body: \"2024 年，我市坚持",
            &format!(
                "    body: \"全市共受理政府信息公开申请 9999 件{sentence}{evil}。2024 年，我市坚持"
            ),
            1,
        )
        .replacen(
            "  - heading: \"主动公开情况\"",
            &format!("  - heading: \"主动公开情况{evil}\""),
            1,
        )
        .replacen(
            "problems:\n  - heading: \"\"\n    body: \"",
            &format!("problems:\n  - heading: \"\"\n    body: \"{evil}"),
            1,
        );
    // The file name itself carries an escape sequence.
    let path = dir.join("evil\u{1b}]0;title\u{7}\u{9b}2J.yaml");
    std::fs::write(&path, text).expect("write");
    path
}

#[test]
fn a_hostile_file_cannot_drive_the_terminal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = hostile_report(dir.path());
    let p = path.to_str().expect("utf-8");
    let o = nianbao(&["check", p]);
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(out.contains("X1 警告"), "{out}");
    assert!(out.contains("正文写 9999"), "{out}");
    // The sentence is quoted, with its controls made visible.
    assert!(
        out.contains("受理政府信息公开申请 9999 件␛[2J␛[31m\\u{9b}2J\\u{202e}\\u{2066}␇␛]0”"),
        "{out}"
    );
    assert!(out.contains("\\u{202e}"), "{out}");
    assert!(out.contains("evil␛]0;title␇\\u{9b}2J.yaml"), "{out}");
    assert!(!out.chars().any(is_dangerous), "raw control in {out:?}");
    assert!(!o.stderr.contains(&0x1b));
    // JSON escapes them too (serde_json would write C1 and bidi controls raw).
    let o = nianbao(&["check", "--format", "json", p]);
    let out = text(&o.stdout);
    assert!(!out.chars().any(is_dangerous), "raw control in {out:?}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("still JSON");
    let x1 = v
        .as_array()
        .expect("array")
        .iter()
        .find(|f| f["rule"] == "X1")
        .expect("X1");
    assert_eq!(
        x1["file"].as_str(),
        Some(p),
        "the file name round-trips through JSON"
    );
    // --previous with the hostile file: its agency is quoted (made visible) in Y1's warning.
    let o = nianbao(&["check", "--previous", p, "examples/hongze-2024.yaml"]);
    let out = text(&o.stdout);
    assert!(out.contains("淮安市人民政府␛]0;pwned"), "{out}");
    assert!(!out.chars().any(is_dangerous), "raw control in {out:?}");
}

#[test]
fn a_hostile_unreadable_file_cannot_drive_the_terminal_through_stderr() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bad.yaml");
    std::fs::write(
        &path,
        "format: 2021\n\"\\e]0;pwned\\a\\x9b2J\\u202e\": 1\nagency: \"a\\u0085b\"\n",
    )
    .expect("write");
    let o = nianbao(&["check", path.to_str().expect("utf-8")]);
    assert_eq!(code(&o), 2);
    let err = text(&o.stderr);
    assert!(err.contains("未知的键“␛]0;pwned␇"), "{err}");
    assert!(!err.chars().any(is_dangerous), "raw control in {err:?}");
}

#[test]
fn hostile_text_in_a_pseudo_terminal_leaves_the_screen_and_title_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = hostile_report(dir.path());
    let mut s = Session::spawn(
        &["check", path.to_str().expect("utf-8")],
        80,
        24,
        root(),
        &[("NO_COLOR", "1")],
    );
    s.wait_for("X1 警告");
    s.wait_exit();
    s.with_screen(|screen| {
        let contents = screen.contents();
        // The OSC that would set the window title is shown, not obeyed.
        assert!(contents.contains("evil␛]0;title␇"), "{contents}");
        // Nothing cleared the screen: the first line is still the file heading.
        assert!(
            contents
                .lines()
                .next()
                .unwrap_or("")
                .contains("evil␛]0;title␇"),
            "{contents}"
        );
        assert!(contents.contains("9999 件␛[2J␛[31m"), "{contents}");
        let (row, col) = find(screen, "X1 警告");
        assert_eq!(
            screen.cell(row, col + 10).expect("cell").fgcolor(),
            vt100::Color::Default
        );
    });
}

#[test]
fn on_a_terminal_an_unreadable_file_is_shown_as_a_group() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.yaml");
    let good = std::fs::read_to_string(example("huaian-2024.yaml")).expect("example");
    std::fs::write(
        &bad,
        good.replacen("  carried_forward:", "  carried_forwrd:", 1),
    )
    .expect("write");
    let bad_s = bad.to_str().expect("utf-8");
    let mut s = Session::spawn(
        &["check", "examples/hongze-2023.yaml", bad_s],
        80,
        24,
        root(),
        &[("NO_COLOR", "1")],
    );
    s.wait_for("共 2 个文件");
    assert_eq!(s.wait_exit(), 2);
    let screen = s.screen();
    let lines: Vec<&str> = screen.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.ends_with("bad.yaml：无法读取"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert_eq!(lines[at - 1], "", "{screen}");
    assert!(
        lines[at + 1].starts_with("  第 ")
            && lines[at + 1].ends_with("行第 3 列，键 requests.carried_forwrd"),
        "{screen}"
    );
    assert!(
        lines[at + 2].starts_with("  未知的键“carried_forwrd”"),
        "{screen}"
    );
}
