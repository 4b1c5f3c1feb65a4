//! No input makes the importer panic; whatever it imports is a report the YAML writer and
//! reader agree on.

use nianbao::import::import_str;
use proptest::prelude::*;

fn example(name: &str) -> String {
    let p = format!(
        "{}/tests/import_data/{name}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(p).expect("example")
}

const NAMES: [&str; 4] = [
    "gulou-kegongxin-2023",
    "hongze-2023",
    "hongze-2024",
    "huaian-2024",
];

fn piece() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "0",
            "7",
            "12",
            " ",
            "  ",
            "\t",
            "\n",
            "\x0c",
            "-3-",
            "（",
            "）",
            "(",
            ")",
            "一、",
            "三、",
            "1.",
            "2、",
            "。",
            "，",
            "|",
            "<p>",
            "<table><tr><td>",
            "</td></tr>",
            "&nbsp;",
            "<br>",
            "#",
            "总计",
            "其他",
            "本年度办理结果",
            "\u{202e}",
            "\u{1b}[2J",
            "年政府信息公开工作年度报告",
            "999999999999",
            "3.5",
            "1,234",
        ]),
        0..8,
    )
    .prop_map(|v| v.concat())
}

fn check_import(text: &str) {
    if let Ok(imp) = import_str(text) {
        let yaml = nianbao::yaml::to_yaml(&imp.report);
        let back = nianbao::yaml::load_str(&yaml, "round trip").expect("written YAML reads back");
        assert_eq!(back.report, imp.report);
        let _ = nianbao::rules::check(&imp.report, &nianbao::rules::Context::today());
        let _ = nianbao::import::account("x", &imp, &[]);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn mutated_examples_never_panic(
        which in 0..4usize,
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0..40usize, piece()), 1..12),
    ) {
        let mut text: Vec<char> = example(NAMES[which]).chars().collect();
        for (at, len, with) in edits {
            let start = at.index(text.len().max(1)).min(text.len());
            let end = (start + len).min(text.len());
            text.splice(start..end, with.chars());
        }
        let text: String = text.into_iter().collect();
        check_import(&text);
    }

    #[test]
    fn arbitrary_text_never_panics(pieces in prop::collection::vec(piece(), 0..200)) {
        check_import(&pieces.concat());
    }

    #[test]
    fn arbitrary_unicode_never_panics(s in "\\PC{0,400}") {
        check_import(&s);
    }
}

// ------------------------------------------------------------ hostile input stays bounded

fn headings_around(middle: &str) -> String {
    format!(
        "某局2023年度政府信息公开工作年度报告\n一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n{middle}\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n"
    )
}

/// A 10 MB single line (the pingtan report, whose body is one line, over and over): read
/// in bounded time and memory, the input refused or imported, never a crash.
#[test]
fn a_ten_megabyte_single_line() {
    let body = example("pingtan-2023");
    let line = body.lines().nth(11).expect("the body line").to_string();
    let mut text = String::with_capacity(10_000_000);
    while text.len() < 10_000_000 - line.len() {
        text.push_str(&line);
    }
    check_import(&text);
}

/// A million digits where a row of table B should be: not enumerated, imported as unknown.
#[test]
fn a_million_digits() {
    let text = headings_around(&format!(
        "一、本年新收政府信息公开申请数量{}",
        "1".repeat(1_000_000)
    ));
    let imp = import_str(&text).expect("imports");
    assert!(
        imp.unknown.iter().any(|n| n.message.contains("本年新收")),
        "{:#?}",
        imp.unknown
    );
    check_import(&text);
}

/// Table labels run together on one line, five times the most a table B is read with (2,000
/// rows of numbers): refused as not a table. The 100,000 labels are imported by
/// `cargo bench --bench import` (release; BENCHMARKS.md) — the work is linear in the labels,
/// and 100,000 of them took 12 s in this test profile, too long for the suite.
#[test]
fn many_thousand_labels() {
    let labels: String = (0..10_000)
        .map(|i| format!("{}.属于国家秘密0000000", i % 9 + 1))
        .collect();
    let text = headings_around(&labels);
    let imp = import_str(&text).expect("imports");
    assert!(
        imp.unknown
            .iter()
            .any(|n| n.message.contains("不像年度报告的表格")),
        "{:#?}",
        imp.unknown.first()
    );
    check_import(&text);
}

/// Nesting far beyond any real page (issue 12: 5,000 `<table><tr><td>`, 18,680 `<div>`s
/// overflowed the stack): refused with a message, no recursion.
#[test]
fn deep_html_nesting_is_refused_clearly() {
    for (open, close, n) in [
        ("<table><tr><td>", "</td></tr></table>", 5_000),
        ("<div>", "</div>", 18_680),
        ("<span>", "", 100_000),
    ] {
        let text = format!(
            "<html><body>{}一、总体情况{}</body></html>",
            open.repeat(n),
            close.repeat(n)
        );
        match import_str(&text) {
            Err(nianbao::import::ImportError::TooComplex(why)) => {
                assert!(why.contains("嵌套"), "{why}")
            }
            other => panic!("{:?}", other.map(|i| i.layout)),
        }
    }
}

/// Random nesting of the elements a page is made of, around a real report's HTML: the
/// importer never panics (no stack overflow) and reads the report inside whenever the
/// nesting is within the bound.
fn nested_html() -> impl Strategy<Value = (Vec<(usize, usize)>, usize)> {
    (
        prop::collection::vec((0..TAGS.len(), 1..400usize), 1..12),
        0..4usize,
    )
}

const TAGS: [(&str, &str); 9] = [
    ("<div>", "</div>"),
    ("<table><tr><td>", "</td></tr></table>"),
    ("<span>", "</span>"),
    ("<p>", ""),
    ("<ul><li>", "</li></ul>"),
    ("<b>", "</b>"),
    ("<font>", ""),
    ("<td>", ""),
    ("<section><article>", "</article></section>"),
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn html_with_random_nesting_never_crashes((layers, cut) in nested_html()) {
        let inner = std::fs::read_to_string(format!(
            "{}/tests/import_data/gulou-kegongxin-2023.html",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("fixture");
        let mut open = String::new();
        let mut close = String::new();
        for (tag, n) in &layers {
            let (o, c) = TAGS[*tag];
            open.push_str(&o.repeat(*n));
            close.insert_str(0, &c.repeat(*n));
        }
        // Sometimes the closing tags are cut short (a page saved half-way).
        let close: String = close.chars().take(close.chars().count() * (4 - cut) / 4).collect();
        let text = format!("<html><body>{open}{inner}{close}</body></html>");
        match import_str(&text) {
            Ok(imp) => {
                let yaml = nianbao::yaml::to_yaml(&imp.report);
                prop_assert!(nianbao::yaml::load_str(&yaml, "x").is_ok());
            }
            Err(nianbao::import::ImportError::TooComplex(_)) => {
                prop_assert!(nianbao::import::html_nesting_depth(&text) > 3000);
            }
            Err(e) => prop_assert!(false, "{}", e),
        }
    }
}
