//! Issue 12 items 8 and 14: bidi overrides and zero-width characters never reach a file or a
//! terminal raw; load errors in Chinese that name what was written and where.
use nianbao::model::Report;
use std::process::{Command, Stdio};

fn base() -> String {
    nianbao::yaml::to_yaml(&Report::new("甲", 2024))
}

fn error_of(text: &str) -> String {
    nianbao::yaml::load_str(text, "r.yaml")
        .unwrap_err()
        .to_string()
}

#[test]
fn bidi_and_zero_width_characters_are_escaped_in_yaml_and_read_back() {
    let tricky = "机关\u{202e}名称\u{2066}x\u{2069}\u{200b}\u{200c}\u{200d}\u{200e}\u{200f}\u{2060}\u{feff}\u{202a}";
    let r = Report::new(tricky, 2024);
    let yaml = nianbao::yaml::to_yaml(&r);
    assert!(
        !yaml.chars().any(nianbao::text::is_invisible),
        "raw invisible characters in {yaml}"
    );
    assert!(yaml.contains("\\u202e") && yaml.contains("\\u200b") && yaml.contains("\\u2066"));
    // Both readers give the characters back.
    let fast = nianbao::yaml::load_str(&yaml, "x").unwrap().report;
    let slow = nianbao::yaml::load_str_general(&yaml, "x").unwrap().report;
    assert_eq!(fast.agency, tricky);
    assert_eq!(slow.agency, tricky);
}

#[test]
fn import_prints_no_raw_bidi_override() {
    let dir = tempfile::tempdir().unwrap();
    let src = format!(
        "{}/tests/import_data/hongze-2023.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(src).unwrap();
    // An override and a zero-width space inside the agency's name, as pasted from a web page.
    let poisoned = text.replacen(
        "洪泽区人民政府",
        "洪泽区\u{202e}人民\u{200b}政府\u{2066}",
        1,
    );
    assert_ne!(poisoned, text);
    let input = dir.path().join("in.txt");
    std::fs::write(&input, poisoned).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["import", input.to_str().unwrap()])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let yaml = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(yaml.starts_with("format: 2021"), "{stderr}");
    assert!(
        yaml.contains("agency: \"洪泽区\\u202e人民\\u200b政府\\u2066\""),
        "{yaml}"
    );
    for (what, s) in [("stdout", &yaml), ("stderr", &stderr)] {
        assert!(
            !s.chars().any(nianbao::text::is_invisible),
            "raw invisible characters on {what}: {s}"
        );
    }
}

#[test]
fn huge_integers_tags_and_complex_keys_are_explained_in_chinese() {
    let b = base();
    let e = error_of(&b.replace("year: 2024", "year: 99999999999999999999"));
    assert_eq!(
        e,
        "r.yaml 第 3 行第 7 列，键 year：整数 99999999999999999999 大得不合理：这里应为年份（如 2024）或格式版本（2021）"
    );
    let e = error_of(&b.replace("year: 2024", "year: !custom 2024"));
    assert!(e.contains("带标签（! 开头，如 !custom）的值"), "{e}");
    assert!(!e.contains("enum"), "{e}");
    let e = error_of(&b.replace("agency: \"甲\"", "? [a]\n: b\nagency: \"甲\""));
    assert!(
        e.contains("应为一个键（文字，如 agency），实际是列表"),
        "{e}"
    );
    assert!(!e.contains("identifier"), "{e}");
    // A count beyond 64 bits in a table.
    let e = error_of(&b.replace("licensing: 0", "licensing: 99999999999999999999"));
    assert!(e.contains("99999999999999999999 过大"), "{e}");
    assert!(!e.contains("u128"), "{e}");
}

#[test]
fn numbers_are_shown_as_written() {
    let b = base();
    let e = error_of(&b.replace("licensing: 0", "licensing: 1e3"));
    assert!(e.ends_with("计数必须是整数，不能是 1e3"), "{e}");
    let e = error_of(&b.replace("year: 2024", "year: 2.0e3"));
    assert!(e.ends_with("应为整数，不能是 2.0e3"), "{e}");
    let e = error_of(&b.replacen("title: ", "title: 12.50 #", 1));
    assert!(e.contains("却是数字 12.50："), "{e}");
}

#[test]
fn a_wrong_format_a_second_document_and_a_huge_file_name_their_line() {
    let b = base();
    let e = error_of(&b.replace("format: 2021", "format: 2019"));
    assert!(e.starts_with("r.yaml 第 1 行，键 format："), "{e}");
    let moved = b.replace("format: 2021\n", "") + "format: 2020\n";
    let lines = moved.lines().count();
    let e = error_of(&moved);
    assert!(
        e.starts_with(&format!("r.yaml 第 {lines} 行，键 format：")),
        "{e}"
    );
    let e = error_of(&format!("{b}---\nagency: x\n"));
    let second = b.lines().count() + 1;
    assert_eq!(
        e,
        format!("r.yaml 第 {second} 行：文件里有多个 YAML 文档（---），一个文件只能放一份报告")
    );
    // Over 10 MiB: the line where the limit is passed.
    let line = "# padding padding padding padding padding padding padding padding\n";
    let n = (nianbao::yaml::MAX_FILE_BYTES as usize / line.len()) + 10;
    let big = format!("{b}{}", line.repeat(n));
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big.yaml");
    std::fs::write(&p, &big).unwrap();
    let e = nianbao::yaml::load_file(&p).unwrap_err();
    assert_eq!(e.kind, nianbao::yaml::LoadErrorKind::TooLarge);
    let within = &big.as_bytes()[..nianbao::yaml::MAX_FILE_BYTES as usize];
    let expected = within.iter().filter(|c| **c == b'\n').count() + 1;
    assert_eq!(e.line, Some(expected), "{e}");
    assert!(e.to_string().contains(&format!("第 {expected} 行")), "{e}");
}

#[test]
fn a_cr_only_file_with_a_leading_comment_is_read() {
    let b = base();
    let cr = format!("# 年报\r{}", b.replace('\n', "\r"));
    let loaded = nianbao::yaml::load_str(&cr, "r.yaml").unwrap();
    assert_eq!(loaded.report, Report::new("甲", 2024));
    // Its errors are placed on the right line.
    let bad = format!(
        "# 年报\r{}",
        b.replace("year: 2024", "year: x").replace('\n', "\r")
    );
    let e = error_of(&bad);
    assert!(e.starts_with("r.yaml 第 4 行"), "{e}");
}
