//! The bundled examples are in the writer's exact layout: `load → to_yaml` gives back the
//! file byte for byte after its leading comment lines (source and notes), and they check as
//! the issue says they must.

use nianbao::rules::{self, Context};
use nianbao::yaml;
use std::path::Path;

const EXAMPLES: [&str; 4] = [
    "gulou-kegongxin-2023.yaml",
    "hongze-2023.yaml",
    "hongze-2024.yaml",
    "huaian-2024.yaml",
];

fn example(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    std::fs::read_to_string(path).expect("example exists")
}

/// The file without its leading `#` comment lines.
fn body(text: &str) -> String {
    let mut rest = text;
    while rest.starts_with('#') {
        rest = rest.split_once('\n').map_or("", |(_, r)| r);
    }
    rest.to_string()
}

#[test]
fn examples_are_byte_stable_through_load_and_write() {
    for name in EXAMPLES {
        let text = example(name);
        assert!(text.starts_with("# source: "), "{name} names its source");
        let loaded = yaml::load_str(&text, name).expect("example loads");
        assert!(loaded.missing.is_empty(), "{name}: {:?}", loaded.missing);
        let written = yaml::to_yaml(&loaded.report);
        assert_eq!(written, body(&text), "{name} is not in the writer's layout");
        // And the writer's output reads back to the same report.
        let again = yaml::load_str(&written, name).expect("written example loads");
        assert_eq!(again.report, loaded.report);
    }
}

#[test]
fn examples_check_as_published() {
    let ctx = Context {
        current_year: 2026,
        previous: None,
    };
    let findings = |name: &str| {
        let r = yaml::load_str(&example(name), name).expect("loads").report;
        rules::check(&r, &ctx)
    };
    // hongze-2023 got two totals of table 四 wrong: check finds exactly those.
    let f = findings("hongze-2023.yaml");
    let errors: Vec<_> = f
        .iter()
        .filter(|f| f.severity == rules::Severity::Error)
        .map(|f| (f.rule.id(), f.path.as_str()))
        .collect();
    assert_eq!(
        errors,
        vec![
            ("C1", "appeals.reconsideration.total"),
            ("C1", "appeals.litigation_after_review.total")
        ]
    );
    // hongze-2024's prose says 17 applications, its table 95: X1 finds it.
    let f = findings("hongze-2024.yaml");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].rule, "X1");
    assert!(f[0].detail.contains("17"), "{}", f[0].detail);
    // The other two have no errors; 淮安's prose figures all match its tables.
    for name in ["gulou-kegongxin-2023.yaml", "huaian-2024.yaml"] {
        let f = findings(name);
        assert_eq!(rules::tally(&f).0, 0, "{name}: {f:#?}");
        assert!(f.iter().all(|f| f.rule != "X1"), "{name}: {f:#?}");
    }
}
