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

const HOSTILE: &str =
    "甲\u{1b}[31m乙\u{1b}]0;标题\u{7}<script>alert(1)</script>&amp;]]><![CDATA[x]]>\"'丙";

fn hostile() -> Report {
    use nianbao::model::Part;
    let mut r = common::examples::example("huaian-2024.yaml");
    let long = format!("{HOSTILE}{}", "很长的一行".repeat(2000));
    r.agency = HOSTILE.into();
    r.title = Some(format!("标题{HOSTILE}"));
    r.preamble = long.clone();
    r.overview = vec![Part::new(HOSTILE, long.clone())];
    r.problems = vec![Part::new(HOSTILE, HOSTILE)];
    r.other_matters = vec![Part::new(HOSTILE, long)];
    r
}

#[test]
fn hostile_text_is_shown_as_text_in_well_formed_html() {
    let html = String::from_utf8(render(&hostile(), Format::Html)).expect("utf-8");
    assert!(!html.contains("<script"), "a script element");
    assert!(!html.chars().any(|c| c == '\u{1b}' || c == '\u{7}'));
    let page = scraper::Html::parse_document(&html);
    assert!(page.errors.is_empty(), "parse errors: {:?}", page.errors);
    let sel = |s: &str| scraper::Selector::parse(s).expect("selector");
    assert_eq!(page.select(&sel("script")).count(), 0);
    let h1: String = page.select(&sel("h1")).next().expect("h1").text().collect();
    assert!(
        h1.contains("<script>alert(1)</script>&amp;]]><![CDATA[x]]>\"'"),
        "{h1}"
    );
    assert!(
        h1.contains("␛[31m"),
        "control characters made visible: {h1}"
    );
    let ps: Vec<String> = page
        .select(&sel("p"))
        .map(|p| p.text().collect::<String>())
        .collect();
    assert!(
        ps.iter().any(|p| p.starts_with("（一）甲␛[31m乙")),
        "{ps:?}"
    );
    assert_eq!(page.select(&sel("table")).count(), 3);
}

#[test]
fn hostile_text_reaches_markdown_and_text_without_control_characters() {
    for format in [Format::Markdown, Format::Text] {
        let s = String::from_utf8(render(&hostile(), format)).expect("utf-8");
        assert!(
            !s.chars()
                .any(|c| c != '\n' && nianbao::text::is_dangerous(c)),
            "{format:?}"
        );
        let shown = if format == Format::Markdown {
            "␛\\[31m"
        } else {
            "␛[31m"
        };
        assert!(s.contains(shown), "{format:?}");
    }
    let md = String::from_utf8(render(&hostile(), Format::Markdown)).expect("utf-8");
    // Every `<` and `&` is escaped: no raw HTML, no entity.
    let unescaped = md.replace("\\<", "").replace("\\&", "");
    assert!(!unescaped.contains('<') && !unescaped.contains('&'), "{md}");
}

#[test]
fn the_preamble_round_trips() {
    let mut r = common::examples::example("huaian-2024.yaml");
    r.preamble = "本报告根据《中华人民共和国政府信息公开条例》编制。本报告所列数据的统计期限为 2024 年 1 月 1 日至 2024 年 12 月 31 日。".into();
    for format in [Format::Html, Format::Markdown, Format::Text] {
        let (_, got) = import_as(format, &r);
        assert_eq!(got.report.preamble, r.preamble, "{format:?}");
    }
}

#[test]
fn a_preamble_does_not_disturb_the_rest() {
    let mut r = common::examples::example("huaian-2024.yaml");
    r.preamble = "本报告根据《中华人民共和国政府信息公开条例》编制。本报告所列数据的统计期限为 2024 年 1 月 1 日至 2024 年 12 月 31 日。".into();
    for format in [Format::Html, Format::Markdown, Format::Text] {
        let (text, got) = import_as(format, &r);
        assert!(text.contains("本报告所列数据的统计期限"), "{format:?}");
        let mut want = doc::as_published(&r);
        want.preamble = got.report.preamble.clone();
        assert!(
            got.report == want,
            "{format:?}: {}",
            diff(&want, &got.report)
        );
    }
}

/// Text full of what Markdown and HTML would take for markup.
const MARKUP: &str = "a<b>&amp;*星*_下_`代码`[链接](u)\\反斜杠|竖线 # -8 +1 **粗** <br> 1. 2)";

#[test]
fn markup_in_the_text_comes_back_as_text() {
    use nianbao::model::Part;
    let mut r = common::examples::example("huaian-2024.yaml");
    r.preamble = format!("# {MARKUP}");
    r.overview = vec![
        Part::new("", format!("- {MARKUP}")),
        // A part heading is short and has no spaces (it ends at the first one on one line).
        Part::new(
            "标题<b>&*星*_下_`x`[链]\\|",
            format!("> {MARKUP}\n+ {MARKUP}"),
        ),
    ];
    r.problems = vec![Part::new("", format!("| {MARKUP} |"))];
    for format in [Format::Html, Format::Markdown, Format::Text] {
        let (text, got) = import_as(format, &r);
        let want = doc::as_published(&r);
        assert!(
            got.report == want,
            "{format:?}: {}\n{text}",
            diff(&want, &got.report)
        );
    }
}

#[test]
fn every_example_round_trips_through_the_text_export_without_line_breaks() {
    // `nianbao export --to txt`, then `tr -d '\n'` (indents kept, or taken out too): what
    // a crawler's copy of the page keeps. Tables, title, agency and year come back exactly.
    let mut failures = Vec::new();
    for name in EXAMPLES.iter().chain(&["shanghai-2019.yaml"]) {
        let r = common::examples::example(name);
        let text = String::from_utf8(render(&r, Format::Text)).expect("utf-8");
        let unindented: String = text.lines().map(str::trim).collect();
        for (how, flat) in [
            ("indents kept", text.replace('\n', "")),
            ("no indents", unindented),
        ] {
            let got = match import_str(&flat) {
                Ok(g) => g,
                Err(e) => panic!("{name} ({how}): not imported: {e}"),
            };
            if !got.unknown.is_empty() {
                failures.push(format!("{name} ({how}): unknown {:#?}", got.unknown));
            }
            let want = doc::as_published(&r);
            let g = &got.report;
            if (&g.agency, g.year, &g.title, &g.requests, &g.appeals)
                != (
                    &want.agency,
                    want.year,
                    &want.title,
                    &want.requests,
                    &want.appeals,
                )
                || (&g.proactive, &g.proactive_2019) != (&want.proactive, &want.proactive_2019)
            {
                failures.push(format!("{name} ({how}):\n{}", diff(&want, g)));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
