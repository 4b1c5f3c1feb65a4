//! Reports in the 2019 trial format (FORMAT.md §7): the real 上海市人民政府办公厅 2019 report,
//! its round trip, every rule on it, the rules across formats, and property tests over both
//! formats.

mod common;

use common::reports;
use nianbao::model::schema::{FormatVersion, B_SLOTS_2019, B_TOTAL_COL, R_CARRIED_FORWARD};
use nianbao::model::{Amount, CellRef, Report, Value};
use nianbao::rules::{self, Context, Number, Rule, Severity};
use nianbao::yaml;
use proptest::prelude::*;

fn shanghai() -> (String, Report) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/shanghai-2019.yaml");
    let text = std::fs::read_to_string(path).expect("example exists");
    let loaded = yaml::load_str(&text, "shanghai-2019.yaml").expect("loads");
    assert!(loaded.missing.is_empty(), "{:?}", loaded.missing);
    (text, loaded.report)
}

fn ctx() -> Context<'static> {
    Context {
        current_year: 2026,
        previous: None,
    }
}

#[test]
fn the_shanghai_report_reads_every_number_as_published() {
    let (_, r) = shanghai();
    assert_eq!(r.version(), FormatVersion::V2019);
    assert_eq!(r.agency, "上海市人民政府办公厅");
    assert_eq!(r.year, 2019);
    let p = &r.proactive_2019;
    assert_eq!(
        (
            p.regulations.made,
            p.regulations.published,
            p.regulations.total_public
        ),
        (13, 13, 524)
    );
    assert_eq!(p.normative_documents.total_public, 368);
    assert_eq!(p.procurement.projects, 6);
    // Printed as 251000元: 25.1 万元.
    assert_eq!(
        p.procurement.amount_wan_yuan,
        Amount::parse("25.1", 6).unwrap()
    );
    // 一、本年新收 859 = 821 + 35 + 2 + 1; （七）总计 805; 四、结转下年度 72.
    let b = &r.requests;
    assert_eq!(b.get(0, B_TOTAL_COL), 859);
    assert_eq!(b.get(23, B_TOTAL_COL), 805);
    assert_eq!(b.get(R_CARRIED_FORWARD, 0), 72);
    assert_eq!(r.appeals.cells[0], [5, 0, 0, 2, 7]);
    assert_eq!(r.appeals.cells[1], [8, 0, 0, 1, 9]);
    // Through the model's cells, with the 2019 labels and key paths.
    let t = r.tables();
    let cell = CellRef::A {
        field: "procurement",
        col: 1,
    };
    assert_eq!(
        r.get(cell),
        Value::Amount(Amount::parse("25.1", 6).unwrap())
    );
    assert_eq!(cell.key_path_in(t), "proactive.procurement.amount_wan_yuan");
    assert_eq!(
        cell.label_in(t),
        "第二十条第（九）项 · 政府集中采购 · 采购总金额"
    );
    let other = CellRef::B { row: 22, col: 0 };
    assert_eq!(
        other.key_path_in(t),
        "requests.outcome.other.natural_person"
    );
    assert_eq!(other.label_in(t), "（六）其他处理 · 自然人");
}

#[test]
fn the_shanghai_report_round_trips() {
    let (_, r) = shanghai();
    let text = yaml::to_yaml(&r);
    assert!(text.starts_with("format: 2019\n"), "{text}");
    assert!(!text.contains("processing_fees"), "{text}");
    assert!(text.contains("\n    other: {natural_person: 0,"), "{text}");
    let general = yaml::load_str_general(&text, "t.yaml").expect("reads back");
    assert_eq!(general.report, r);
    assert!(general.missing.is_empty());
    let again = yaml::load_str(&text, "t.yaml").expect("reads back");
    assert_eq!(again.report, r);
    assert_eq!(yaml::to_yaml(&again.report), text);
}

#[test]
fn every_rule_on_the_shanghai_report() {
    let (_, r) = shanghai();
    let f = rules::check(&r, &ctx());
    // The detail rows' 总计 are blank as published: B1 on each detail row that has numbers,
    // and B2 on the 总计 column ((一)…(六) of the blank 总计 add up to 0, not 805).
    let b1: Vec<_> = f.iter().filter(|f| f.rule == Rule::B1).collect();
    assert_eq!(b1.len(), 11, "{f:#?}");
    assert!(b1.iter().all(|f| f.actual == Some(Number::Count(0))));
    let b2: Vec<_> = f.iter().filter(|f| f.rule == Rule::B2).collect();
    assert_eq!(b2.len(), 1, "{f:#?}");
    assert_eq!(b2[0].path, "requests.outcome.total.total");
    // Every column balances (B3), table C adds up (C1), the agency and year are fine (M1),
    // the format fits the year (V1); no F1 in the 2019 format.
    for rule in [
        Rule::B3,
        Rule::C1,
        Rule::M1,
        Rule::V1,
        Rule::F1,
        Rule::N1,
        Rule::T1,
    ] {
        assert!(!f.iter().any(|f| f.rule == rule), "{rule}: {f:#?}");
    }
    assert_eq!(f.len(), 12, "{f:#?}");
    // With the totals recomputed the report has no error.
    let mut fixed = r.clone();
    fixed.recompute_totals();
    let f = rules::check(&fixed, &ctx());
    assert_eq!(rules::tally(&f).0, 0, "{f:#?}");
}

#[test]
fn y1_works_across_formats_and_y2_not_for_2019() {
    let (_, prev) = shanghai();
    // A 2020 report in the 2019 format, then a 2021 report in the 2021 format.
    let mut now = Report::new_in(FormatVersion::V2019, "上海市人民政府办公厅", 2020);
    now.requests.set(1, 0, 72);
    now.requests.set(1, B_TOTAL_COL, 72);
    let c = Context {
        current_year: 2026,
        previous: Some(&prev),
    };
    let f = rules::check(&now, &c);
    assert!(!f.iter().any(|f| f.rule == Rule::Y1), "{f:#?}");
    assert!(!f.iter().any(|f| f.rule == Rule::Y2), "{f:#?}");
    let mut y2021 = Report::new("上海市人民政府办公厅", 2021);
    y2021.requests.set(1, 0, 70);
    y2021.requests.set(1, B_TOTAL_COL, 70);
    let mut prev2020 = now.clone();
    prev2020.requests.set(R_CARRIED_FORWARD, 0, 72);
    prev2020.requests.set(R_CARRIED_FORWARD, B_TOTAL_COL, 72);
    let c = Context {
        current_year: 2026,
        previous: Some(&prev2020),
    };
    let f = rules::check(&y2021, &c);
    let y1: Vec<_> = f.iter().filter(|f| f.rule == Rule::Y1).collect();
    assert_eq!(y1.len(), 2, "{f:#?}");
    assert_eq!(y1[0].expected, Some(Number::Count(72)));
    assert!(!f.iter().any(|f| f.rule == Rule::Y2), "{f:#?}");
}

#[test]
fn v1_flags_a_format_that_does_not_fit_the_year() {
    let (_, mut r) = shanghai();
    r.year = 2022;
    let f = rules::check(&r, &ctx());
    let v1: Vec<_> = f.iter().filter(|f| f.rule == Rule::V1).collect();
    assert_eq!(v1.len(), 1);
    assert_eq!(v1[0].severity, Severity::Warning);
    assert_eq!(v1[0].path, "format");
}

#[test]
fn negative_changes_are_read_and_written() {
    let (text, _) = shanghai();
    let edited = text.replace(
        "licensing:           {last_year: 0, change: 0, decisions: 0}",
        "licensing:           {last_year: 120, change: -8, decisions: 37}",
    );
    assert_ne!(edited, text);
    let r = yaml::load_str(&edited, "t.yaml").expect("reads").report;
    assert_eq!(r.proactive_2019.licensing.change, -8);
    let cell = CellRef::A {
        field: "licensing",
        col: 1,
    };
    assert_eq!(r.get(cell), Value::Signed(-8));
    assert!(yaml::to_yaml(&r).contains("{last_year: 120, change: -8, decisions: 37}"));
    // Only 本年增/减 may be negative.
    let bad = text.replace(
        "licensing:           {last_year: 0, change: 0, decisions: 0}",
        "licensing:           {last_year: -1, change: 0, decisions: 0}",
    );
    let e = yaml::load_str(&bad, "t.yaml").unwrap_err();
    assert_eq!(
        e.path.as_deref(),
        Some("proactive.licensing.last_year"),
        "{e}"
    );
}

#[test]
fn a_2019_file_has_no_processing_fees_and_the_format_names_the_content() {
    let (text, _) = shanghai();
    let with_fees = format!(
        "{text}processing_fees:\n  notices: 0\n  amount_notified_yuan: 0\n  amount_collected_yuan: 0\n"
    );
    let e = yaml::load_str(&with_fees, "t.yaml").unwrap_err();
    assert_eq!(e.path.as_deref(), Some("processing_fees"), "{e}");
    assert!(e.message.contains("format 改为 2021"), "{e}");
    // A 2019 report that says 2021: the message names the format, not a key.
    let e = yaml::load_str(&text.replace("format: 2019", "format: 2021"), "t.yaml").unwrap_err();
    assert_eq!(e.kind, yaml::LoadErrorKind::Version, "{e}");
    assert!(e.message.contains("format 改为 2019"), "{e}");
    // An unknown version.
    let e = yaml::load_str(&text.replace("format: 2019", "format: 2017"), "t.yaml").unwrap_err();
    assert_eq!(e.kind, yaml::LoadErrorKind::Version, "{e}");
}

fn count() -> impl Strategy<Value = u64> {
    prop_oneof![0u64..20, 0u64..=999_999_999]
}

fn signed() -> impl Strategy<Value = i64> {
    prop_oneof![-20i64..20, -999_999_999i64..=999_999_999]
}

/// Any 2019-format report the model can hold with values the format allows.
fn arb_report_2019() -> impl Strategy<Value = Report> {
    let a = (
        prop::collection::vec(count(), 6),
        prop::collection::vec((count(), signed(), count()), 4),
        (count(), signed()),
        (count(), 0u64..=999_999_999_999_999u64),
    );
    let b = prop::collection::vec(count(), B_SLOTS_2019.len() * 7);
    let c = prop::collection::vec(count(), 15);
    let text = "[一-龥a-z0-9 ，。\"\\\\\n]{0,40}";
    (a, b, c, text, 2008i32..2030).prop_map(
        |((docs, items, fees, (projects, micros)), b, c, body, year)| {
            let mut r = Report::new_in(FormatVersion::V2019, "某市人民政府", year);
            r.overview[0].body = body;
            reports::set_table_a_2019(
                &mut r,
                reports::TableA2019 {
                    docs,
                    items,
                    fees,
                    procurement: (projects, Amount::from_micros(micros).unwrap()),
                },
            );
            for (i, v) in b.into_iter().enumerate() {
                r.requests.cells[B_SLOTS_2019[i / 7]][i % 7] = v;
            }
            for (i, v) in c.into_iter().enumerate() {
                r.appeals.cells[i / 5][i % 5] = v;
            }
            r
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn any_2019_report_written_reads_back_equal(r in arb_report_2019()) {
        let text = yaml::to_yaml(&r);
        let loaded = yaml::load_str(&text, "t.yaml");
        prop_assert!(loaded.is_ok(), "{:?}\n{}", loaded.err(), text);
        let loaded = loaded.unwrap();
        prop_assert!(loaded.missing.is_empty(), "{:?}", loaded.missing);
        prop_assert_eq!(&loaded.report, &r);
        prop_assert_eq!(yaml::to_yaml(&loaded.report), text);
    }

    #[test]
    fn a_consistent_2019_report_has_no_error(mut r in arb_report_2019()) {
        // Small numbers so that no sum passes the limit; totals as they should be; B3 holds.
        for row in r.requests.cells.iter_mut() {
            for v in row.iter_mut() {
                *v %= 50;
            }
        }
        for row in r.appeals.cells.iter_mut() {
            for v in row.iter_mut() {
                *v %= 50;
            }
        }
        r.year = 2019;
        r.overview[0].body = "本年度工作情况如下".into();
        r.problems = vec![nianbao::model::Part::new("", "存在的问题是公开工作仍需加强，改进措施是加强培训。")];
        r.other_matters = vec![nianbao::model::Part::new("", "无。")];
        r.recompute_totals();
        let outcome = r.requests.get(23, 0);
        r.requests.cells[0] = [0; 7];
        r.requests.cells[1] = [0; 7];
        r.requests.cells[R_CARRIED_FORWARD] = [0; 7];
        // 一 + 二 = （七）总计 + 四 in every column: 一 takes the outcomes.
        r.requests.cells[0] = r.requests.cells[23];
        r.recompute_totals();
        prop_assert_eq!(r.requests.get(0, 0), outcome);
        let f = rules::check(&r, &ctx());
        prop_assert_eq!(rules::tally(&f).0, 0, "{:#?}", f);
    }
}
