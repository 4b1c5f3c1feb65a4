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
