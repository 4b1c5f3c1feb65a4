//! Next year's report from last year's (issue 14), from published pages as `import` writes
//! them.

mod common;

use nianbao::import::import_str;
use nianbao::model::next_year::{carried, next_year, Origin};
use nianbao::model::schema::{R_CARRIED_FORWARD, R_CARRIED_OVER};
use nianbao::model::Report;
use nianbao::rules::{check, Context};

fn published(name: &str) -> Report {
    let path = format!(
        "{}/tests/import_data/{name}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).expect("published page");
    let imported = import_str(&text).expect("imports");
    assert!(
        imported.unknown.is_empty(),
        "{name}: {:?}",
        imported.unknown
    );
    // As `nianbao import` writes it, and as `new --from` reads it.
    let yaml = nianbao::yaml::to_yaml(&imported.report);
    nianbao::yaml::load_str(&yaml, name)
        .expect("reads back")
        .report
}

fn cross_year(now: &Report, last: &Report) -> Vec<String> {
    let ctx = Context {
        current_year: 2026,
        previous: Some(last),
    };
    check(now, &ctx)
        .into_iter()
        .filter(|f| matches!(f.rule.id(), "Y1" | "Y2"))
        .map(|f| f.to_string())
        .collect()
}

#[test]
fn from_hongze_2023_as_imported_from_its_published_page() {
    let last = published("hongze-2023");
    assert_eq!(last, common::examples::example("hongze-2023.yaml"));
    let next = next_year(&last);
    assert_eq!(next.year, 2024);
    // 上年结转 = 2023's 结转下年度 in all seven columns …
    assert_eq!(
        next.requests.cells[R_CARRIED_OVER],
        last.requests.cells[R_CARRIED_FORWARD]
    );
    // … and equals the 上年结转 that hongze published for 2024 (0 everywhere).
    let pub2024 = published("hongze-2024");
    assert_eq!(
        next.requests.cells[R_CARRIED_OVER],
        pub2024.requests.cells[R_CARRIED_OVER]
    );
    // The published 2024 report passes Y1 and Y2 against the published 2023 one.
    assert!(cross_year(&pub2024, &last).is_empty());
    // Every carried cell is marked.
    let c = carried(&next, &last);
    // 机关名称, the six columns of 二 and its 总计; the two 现行有效件数.
    assert_eq!(c.iter().filter(|(_, o)| *o == Origin::Carried).count(), 8);
    assert_eq!(c.iter().filter(|(_, o)| *o == Origin::Proposed).count(), 2);
}

#[test]
fn from_huaian_2024_as_published_carries_103() {
    let last = published("huaian-2024");
    let next = next_year(&last);
    assert_eq!(next.year, 2025);
    assert_eq!(
        next.requests.cells[R_CARRIED_OVER],
        [103, 0, 0, 0, 0, 0, 103]
    );
    assert_eq!(next.proactive.regulations.in_force, 11);
    assert_eq!(next.proactive.normative_documents.in_force, 66);
    assert!(cross_year(&next, &last).is_empty());
    // The new file, written and read back, is the same report.
    let yaml = nianbao::yaml::to_yaml(&next);
    assert_eq!(nianbao::yaml::load_str(&yaml, "next").unwrap().report, next);
}
