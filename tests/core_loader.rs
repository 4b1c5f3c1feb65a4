//! The strict reader: what it refuses, and that every refusal names the file, the line and
//! column where they are known, and the key path. Also the hostile inputs that must be
//! refused at once without using much memory (these tests would hang or run out of memory
//! if the guards were missing).

use nianbao::yaml::{self, LoadError, LoadErrorKind, MAX_FILE_BYTES};
use std::path::Path;

fn huaian() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/huaian-2024.yaml"))
        .expect("example exists")
}

/// The example with the first occurrence of `from` replaced by `to`.
fn edited(from: &str, to: &str) -> String {
    let text = huaian();
    assert!(text.contains(from), "example lacks {from:?}");
    text.replacen(from, to, 1)
}

fn refuse(text: &str) -> LoadError {
    match yaml::load_str(text, "r.yaml") {
        Ok(_) => panic!("accepted:\n{text}"),
        Err(e) => e,
    }
}

/// Line (1-based) of the first occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .expect("needle present")
        + 1
}

#[track_caller]
fn assert_error(e: &LoadError, kind: LoadErrorKind, line: usize, path: &str, message_has: &[&str]) {
    assert_eq!(e.kind, kind, "{e}");
    assert_eq!(e.file, "r.yaml");
    assert_eq!(e.line, Some(line), "{e}");
    assert!(e.column.is_some(), "{e}");
    assert_eq!(e.path.as_deref(), Some(path), "{e}");
    let shown = e.to_string();
    assert!(
        shown.starts_with(&format!("r.yaml 第 {line} 行第 ")),
        "{shown}"
    );
    assert!(shown.contains(&format!("，键 {path}：")), "{shown}");
    for m in message_has {
        assert!(e.message.contains(m), "{m:?} not in {shown}");
    }
}

#[test]
fn unknown_keys_are_named_by_their_full_path_at_every_level() {
    let cases = [
        ("problems:", "problms:", "problms", "problems"),
        (
            "  licensing: 447228",
            "  licencing: 447228",
            "proactive.licencing",
            "licensing",
        ),
        (
            "  carried_forward:",
            "  carried_forwrd:",
            "requests.carried_forwrd",
            "carried_forward",
        ),
        (
            "{natural_person: 2, commercial: 0, research: 0,",
            "{natural_person: 2, commercial: 0, reserch: 0,",
            "requests.outcome.withheld.state_secret.reserch",
            "research",
        ),
        (
            "{upheld: 13,",
            "{uphold: 13,",
            "appeals.litigation_direct.uphold",
            "upheld",
        ),
        (
            "  notices: 0",
            "  notice: 0",
            "processing_fees.notice",
            "notices",
        ),
    ];
    for (from, to, path, suggestion) in cases {
        let text = edited(from, to);
        let line = line_of(&text, to);
        let e = refuse(&text);
        let key = path.rsplit('.').next().unwrap_or(path);
        assert_error(
            &e,
            LoadErrorKind::Schema,
            line,
            path,
            &[&format!("未知的键“{key}”"), suggestion],
        );
    }
    // In a list of parts.
    let text = edited(
        "    body: \"2024 年，市政府严格",
        "    bdy: \"2024 年，市政府严格",
    );
    let e = refuse(&text);
    assert_eq!(e.path.as_deref(), Some("other_matters[0].bdy"), "{e}");
    assert!(e.message.contains("heading、body"), "{e}");
}

#[test]
fn repeated_keys_are_refused_with_their_path() {
    let text = edited(
        "state_secret:       {natural_person: 2,",
        "state_secret:       {natural_person: 2, natural_person: 777,",
    );
    let line = line_of(&text, "natural_person: 777");
    assert_error(
        &refuse(&text),
        LoadErrorKind::Schema,
        line,
        "requests.outcome.withheld.state_secret.natural_person",
        &["出现了两次"],
    );
    let text = edited(
        "  licensing: 447228\n",
        "  licensing: 447228\n  licensing: 1\n",
    );
    let e = refuse(&text);
    assert_eq!(e.path.as_deref(), Some("proactive.licensing"), "{e}");
    assert!(e.message.contains("出现了两次"), "{e}");
    let text = edited("    unable:\n", "    withheld: {}\n    unable:\n");
    let e = refuse(&text);
    assert_eq!(e.path.as_deref(), Some("requests.outcome.withheld"), "{e}");
    assert!(e.message.contains("“withheld”出现了两次"), "{e}");
}

#[test]
fn bad_counts_are_refused_where_they_stand() {
    let path = "requests.outcome.withheld.state_secret.natural_person";
    for (value, says) in [
        ("-2", "不能为负数"),
        ("2.5", "必须是整数"),
        ("2.0", "必须是整数"),
        ("1000000000", "最多 999999999"),
        ("99999999999999999999999", "最多 999999999"),
        ("\"2\"", "应为数字"),
        ("null", "不能为空"),
        ("true", "应为数字"),
        ("[2]", "列表"),
    ] {
        let text = edited(
            "state_secret:       {natural_person: 2,",
            &format!("state_secret:       {{natural_person: {value},"),
        );
        let line = line_of(&text, "state_secret:");
        assert_error(&refuse(&text), LoadErrorKind::Schema, line, path, &[says]);
    }
    // Table A and the fees too.
    let text = edited("  licensing: 447228", "  licensing: -1");
    assert_eq!(refuse(&text).path.as_deref(), Some("proactive.licensing"));
    let text = edited("  notices: 0", "  notices: 0.5");
    assert_eq!(
        refuse(&text).path.as_deref(),
        Some("processing_fees.notices")
    );
    // The largest count is accepted.
    let text = edited("  licensing: 447228", "  licensing: 999999999");
    assert!(yaml::load_str(&text, "r.yaml").is_ok());
}

#[test]
fn amounts_with_too_many_decimals_are_refused() {
    // 万元: six decimals are fine, seven are not.
    let text = edited("fees_wan_yuan: 96171.6", "fees_wan_yuan: 5949.088667");
    let r = yaml::load_str(&text, "r.yaml").expect("six decimals of 万元");
    assert_eq!(r.report.proactive.fees_wan_yuan.to_string(), "5949.088667");
    let text = edited("fees_wan_yuan: 96171.6", "fees_wan_yuan: 5949.0886671");
    let line = line_of(&text, "fees_wan_yuan");
    assert_error(
        &refuse(&text),
        LoadErrorKind::Schema,
        line,
        "proactive.fees_wan_yuan",
        &["最多 6 位小数", "7 位"],
    );
    // 元: two decimals are fine, three are not.
    let text = edited(
        "amount_collected_yuan: 3940",
        "amount_collected_yuan: 3940.12",
    );
    assert!(yaml::load_str(&text, "r.yaml").is_ok());
    let text = edited(
        "amount_collected_yuan: 3940",
        "amount_collected_yuan: 3940.125",
    );
    let line = line_of(&text, "amount_collected_yuan");
    assert_error(
        &refuse(&text),
        LoadErrorKind::Schema,
        line,
        "processing_fees.amount_collected_yuan",
        &["最多 2 位小数", "3 位"],
    );
    let text = edited(
        "amount_collected_yuan: 3940",
        "amount_collected_yuan: -3940",
    );
    assert!(refuse(&text).message.contains("负数"));
    let text = edited("fees_wan_yuan: 96171.6", "fees_wan_yuan: .nan");
    assert!(refuse(&text).message.contains(".nan"));
}

#[test]
fn wrong_types_are_refused_with_what_was_expected() {
    let text = edited("agency: \"淮安市人民政府\"", "agency: [淮安市]");
    assert_error(
        &refuse(&text),
        LoadErrorKind::Schema,
        3,
        "agency",
        &["应为文本", "列表"],
    );
    let text = edited("year: 2024", "year: 二〇二四");
    assert_error(
        &refuse(&text),
        LoadErrorKind::Schema,
        4,
        "year",
        &["应为整数"],
    );
    let text = edited("    withheld:\n", "    withheld: 5\n    xx:\n");
    let e = refuse(&text);
    assert_eq!(e.path.as_deref(), Some("requests.outcome.withheld"), "{e}");
    assert!(e.message.contains("应为映射"), "{e}");
    let text = edited("overview:\n", "overview: 一段话\nxx:\n");
    let e = refuse(&text);
    assert_eq!(e.path.as_deref(), Some("overview"), "{e}");
    assert!(e.message.contains("列表"), "{e}");
}

#[test]
fn syntax_errors_name_line_and_column_and_say_what_to_do() {
    // An unclosed quote.
    let text = edited("agency: \"淮安市人民政府\"", "agency: \"淮安市人民政府");
    let e = refuse(&text);
    assert_eq!(e.kind, LoadErrorKind::Syntax, "{e}");
    assert!(e.line.is_some() && e.column.is_some(), "{e}");
    assert!(e.message.starts_with("YAML 语法错误："), "{e}");
    // A tab used for indentation.
    let text = edited("  licensing: 447228", "\tlicensing: 447228");
    let e = refuse(&text);
    assert_eq!(e.kind, LoadErrorKind::Syntax, "{e}");
    assert_eq!(e.line, Some(line_of(&text, "\tlicensing")), "{e}");
    assert!(e.message.contains("制表符"), "{e}");
    // A control character inside a string: line and column of the character.
    let e = refuse("format: 2021\nagency: \"a\u{1}b\"\n");
    assert_eq!((e.line, e.column), (Some(2), Some(11)), "{e}");
    assert!(e.message.contains("控制字符"), "{e}");
    // Two documents in one file.
    let text = format!("{}---\n{}", huaian(), huaian());
    assert!(refuse(&text).message.contains("多个 YAML 文档"));
    // Another version of the format.
    let e = refuse(&edited("format: 2021", "format: 2019"));
    assert_eq!(e.kind, LoadErrorKind::Version);
    assert_eq!(e.path.as_deref(), Some("format"));
}

#[test]
fn empty_files_are_refused() {
    for text in [
        "",
        "   \n\n",
        "# 只有注释\n# 没有内容\n",
        "---\n...\n",
        "\u{feff}",
    ] {
        let e = refuse(text);
        assert_eq!(e.kind, LoadErrorKind::Empty, "{text:?}: {e}");
        assert!(e.to_string().contains("文件是空的"), "{e}");
    }
}

#[test]
fn invalid_utf8_is_refused_with_its_place() {
    let mut bytes = b"format: 2021\nagency: \"".to_vec();
    bytes.extend_from_slice(&[0xbb, 0xb4, 0xb0, 0xb2]); // 淮安 in GBK
    bytes.extend_from_slice(b"\"\n");
    let e = yaml::load_bytes(&bytes, "gbk.yaml").expect_err("GBK refused");
    assert_eq!(e.kind, LoadErrorKind::Encoding);
    assert_eq!((e.line, e.column), (Some(2), Some(10)), "{e}");
    assert!(
        e.to_string().starts_with("gbk.yaml 第 2 行第 10 列："),
        "{e}"
    );
    assert!(e.message.contains("UTF-8"), "{e}");
}

#[test]
fn files_over_ten_mib_are_refused_before_reading() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A sparse file of 1 GiB: refused from its size, without reading it.
    let path = dir.path().join("huge.yaml");
    let f = std::fs::File::create(&path).expect("create");
    f.set_len(1 << 30).expect("set_len");
    let e = yaml::load_file(&path).expect_err("huge file refused");
    assert_eq!(e.kind, LoadErrorKind::TooLarge, "{e}");
    assert!(e.message.contains("10 MiB"), "{e}");
    // In memory, one byte over the limit.
    let bytes = vec![b'#'; MAX_FILE_BYTES as usize + 1];
    assert_eq!(
        yaml::load_bytes(&bytes, "big.yaml").unwrap_err().kind,
        LoadErrorKind::TooLarge
    );
    // A directory is not a report.
    let e = yaml::load_file(dir.path()).expect_err("directory refused");
    assert_eq!(e.kind, LoadErrorKind::Io);
    // A missing file names the file.
    let e = yaml::load_file(&dir.path().join("nope.yaml")).expect_err("missing");
    assert!(e.to_string().contains("nope.yaml"), "{e}");
}

#[test]
fn comments_and_a_bom_are_accepted() {
    let text = format!(
        "\u{feff}# 注释\n{}",
        huaian().replace("year: 2024", "year: 2024 # 年份")
    );
    let r = yaml::load_str(&text, "r.yaml").expect("comments are fine");
    assert_eq!(r.report.year, 2024);
}

#[test]
fn a_missing_table_or_text_is_read_as_empty_and_reported() {
    let text = "format: 2021\nagency: \"某局\"\nyear: 2024\n";
    let loaded = yaml::load_str(text, "r.yaml").expect("partial file loads");
    assert_eq!(
        loaded.missing,
        vec![
            "overview",
            "proactive",
            "requests",
            "appeals",
            "problems",
            "other_matters",
            "processing_fees"
        ]
    );
    let s1 = nianbao::rules::s1_missing_parts(&loaded.missing);
    assert_eq!(s1.len(), 7);
    assert!(s1[2]
        .to_string()
        .contains("三、收到和处理政府信息公开申请情况"));
    // But a table that is there must be whole.
    let e = refuse(&edited(
        "  carried_over: {natural_person: 34, commercial: 0, research: 0, public_interest: 0, legal_service: 0, other: 0, total: 34}\n",
        "",
    ));
    assert_eq!(e.path.as_deref(), Some("requests"), "{e}");
    assert!(e.message.contains("carried_over"), "{e}");
}

// ---- Hostile files: refused at once, without using much memory. ----

/// The classic "billion laughs": nine levels of nine aliases, 9^9 strings if expanded.
fn billion_laughs(key: &str) -> String {
    let mut s = format!("format: 2021\n{key}:\n  - &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 9].join(",");
        s.push_str(&format!("  - &a{i} [{refs}]\n"));
    }
    s
}

#[test]
fn billion_laughs_is_refused_at_the_root_and_where_the_schema_takes_a_list() {
    for key in ["lol", "overview", "title"] {
        let e = refuse(&billion_laughs(key));
        assert!(
            matches!(e.kind, LoadErrorKind::Schema | LoadErrorKind::Limit),
            "{e}"
        );
    }
    // As a document of its own: refused as not a report, without expanding it.
    let root: String = billion_laughs("lol").replace("format: 2021\nlol:\n", "");
    assert!(yaml::load_str(&root, "r.yaml").is_err());
}

#[test]
fn a_long_string_repeated_through_aliases_is_refused() {
    // One 1 MB string, then 15,000 parts that repeat it twice each: 30 GB if expanded.
    let mut s = String::from("format: 2021\nagency: x\nyear: 2024\noverview:\n");
    s.push_str(&format!(
        "  - heading: &h \"{}\"\n    body: *h\n",
        "笑".repeat(350_000)
    ));
    for _ in 0..15_000 {
        s.push_str("  - heading: *h\n    body: *h\n");
    }
    assert!(s.len() < MAX_FILE_BYTES as usize);
    let e = refuse(&s);
    assert_eq!(e.kind, LoadErrorKind::Schema, "{e}");
    assert!(e.message.contains("别名炸弹"), "{e}");
    // Parts repeated through an alias to a whole part, in flow style.
    let mut s = String::from("format: 2021\noverview: [&p {heading: &h \"");
    s.push_str(&"x".repeat(1_000_000));
    s.push_str("\", body: *h}");
    s.push_str(&", *p".repeat(60_000));
    s.push_str("]\n");
    let e = refuse(&s);
    assert!(e.message.contains("别名炸弹"), "{e}");
}

#[test]
fn absurd_flow_nesting_is_refused_before_parsing() {
    // A million levels inside structure the schema accepts: libyaml alone would need hours.
    let n = 1_000_000;
    for (open, close) in [("[", "]"), ("{a: ", "}")] {
        let text = format!(
            "format: 2021\nrequests:\n  received: {}1{}\n",
            open.repeat(n),
            close.repeat(n)
        );
        let e = refuse(&text);
        assert_eq!(e.kind, LoadErrorKind::Limit, "{e}");
        assert_eq!(e.line, Some(3), "{e}");
        assert!(e.message.contains("嵌套"), "{e}");
    }
    let text = format!("format: 2021\ntitle: {}\n", "[".repeat(5_000_000));
    assert_eq!(refuse(&text).kind, LoadErrorKind::Limit);
}

#[test]
fn absurd_block_nesting_is_refused() {
    // Block nesting by indentation and by compact "- - - …" lists.
    let mut text = String::from("format: 2021\novervew:\n");
    for i in 0..5_000 {
        text.push_str(&" ".repeat(i + 1));
        text.push_str("-\n");
    }
    assert!(yaml::load_str(&text, "r.yaml").is_err());
    let text = format!("format: 2021\noverview: {}x\n", "- ".repeat(50_000));
    assert!(yaml::load_str(&text, "r.yaml").is_err());
    let text = format!("format: 2021\nproblems:\n  {}x\n", "- ".repeat(500));
    let e = refuse(&text);
    assert_eq!(e.path.as_deref(), Some("problems[0]"), "{e}");
}

#[test]
fn a_file_of_many_tiny_nodes_is_refused_before_parsing() {
    // 9 MB of empty parts would make the parser hold millions of events (several hundred MB).
    let text = format!(
        "format: 2021\noverview:\n{}",
        "  - body: \"\"\n".repeat(700_000)
    );
    assert!(text.len() < MAX_FILE_BYTES as usize);
    let e = refuse(&text);
    assert_eq!(e.kind, LoadErrorKind::Limit, "{e}");
    assert!(e.line.is_some(), "{e}");
}

#[test]
fn text_may_be_null_but_not_a_bare_number() {
    let part = |v: &str| {
        format!("format: 2021\nagency: x\nyear: 2024\noverview:\n  - heading: {v}\n    body: x\n")
    };
    for v in ["null", "~", "", "\"\""] {
        let r = yaml::load_str(&part(v), "r.yaml").expect("empty heading");
        assert_eq!(r.report.overview[0].heading, "", "{v}");
    }
    for (v, text) in [
        ("\"12\"", "12"),
        ("yes", "yes"),
        ("007", "007"),
        ("2024年工作", "2024年工作"),
    ] {
        let r = yaml::load_str(&part(v), "r.yaml").expect("text");
        assert_eq!(r.report.overview[0].heading, text);
    }
    for v in ["12", "12.50", "true"] {
        let e = refuse(&part(v));
        assert_eq!(e.path.as_deref(), Some("overview[0].heading"), "{e}");
        assert_eq!(e.line, Some(5), "{e}");
        assert!(e.message.contains("请加双引号"), "{e}");
    }
}

#[test]
fn millions_of_lines_after_a_valid_start_are_refused() {
    // The start of a report in the writer's layout, then 9 million empty lines.
    let text = format!(
        "format: 2021\nagency: \"x\"\nyear: 2024\ntitle: null\n{}",
        "\n".repeat(9_000_000)
    );
    let e = refuse(&text);
    assert_eq!(e.kind, LoadErrorKind::Limit, "{e}");
}
