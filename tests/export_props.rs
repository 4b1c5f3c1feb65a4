//! Property: for random valid reports (tables that hold B1, B2, B3 and C1, prose in parts,
//! fees stated or not), export to HTML, Markdown and plain text and import back: the report
//! its published document states, every time.

use nianbao::import::import_str;
use nianbao::model::schema::{
    BRole, B_ROWS, OVERVIEW_STANDARD_HEADINGS, R_CARRIED_FORWARD, R_CARRIED_OVER, R_OUTCOME_TOTAL,
    R_RECEIVED,
};
use nianbao::model::{Amount, Part, ProcessingFees, Report};
use nianbao::publish::{doc, render, Format};
use proptest::prelude::*;

const AGENCIES: [&str; 4] = [
    "淮安市洪泽区人民政府",
    "鼓楼区科学技术和工业信息化局",
    "南京市江宁区交通运输局",
    "淮安市人民政府",
];

const CLAUSES: [&str; 10] = [
    "本机关认真贯彻落实《条例》",
    "持续加强政府信息公开平台建设",
    "全年主动公开政府信息 125 条",
    "进一步规范依申请公开办理流程",
    "严格执行“先审查、后公开”制度",
    "及时回应社会关切",
    "办理结果均在法定期限内答复",
    "共召开新闻发布会 12 场",
    "信息发布更加规范有序",
    "对照上级要求仍有差距",
];

const EXTRA_HEADINGS: [&str; 3] = ["存在的主要问题", "改进措施", "其他事项"];

fn sentence() -> impl Strategy<Value = String> {
    prop::collection::vec(0..CLAUSES.len(), 1..4).prop_map(|ix| {
        let parts: Vec<&str> = ix.iter().map(|i| CLAUSES[*i]).collect();
        format!("{}。", parts.join("，"))
    })
}

fn body(max_paras: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::collection::vec(sentence(), 1..6).prop_map(|s| s.concat()),
        1..=max_paras,
    )
    .prop_map(|p| p.join("\n"))
}

fn parts(max_headed: usize) -> impl Strategy<Value = Vec<Part>> {
    let headings: Vec<&str> = OVERVIEW_STANDARD_HEADINGS
        .iter()
        .chain(EXTRA_HEADINGS.iter())
        .copied()
        .collect();
    (
        prop::option::of(body(2)),
        prop::collection::vec(
            (
                prop::sample::select(headings),
                prop_oneof![4 => body(3), 1 => Just(String::new())],
            ),
            0..=max_headed,
        ),
    )
        .prop_map(|(intro, headed)| {
            let mut out = Vec::new();
            if let Some(b) = intro {
                out.push(Part::new("", b));
            }
            out.extend(headed.into_iter().map(|(h, b)| Part::new(h, b)));
            out
        })
}

fn count() -> impl Strategy<Value = u64> {
    prop_oneof![6 => 0u64..3, 3 => 0u64..40, 1 => 0u64..100_000]
}

fn report() -> impl Strategy<Value = Report> {
    (
        prop::sample::select(AGENCIES.to_vec()),
        2021i32..=2025,
        parts(5),
        parts(2),
        parts(1),
        (
            prop::collection::vec(count(), 10),
            0u64..100_000_000,
            prop::collection::vec(count(), 21 * 6),
            prop::collection::vec(count(), 12),
            prop::collection::vec(count(), 12),
            (0u64..5, 0u64..500_000, 0u64..500_000),
        ),
    )
        .prop_map(
            |(agency, year, overview, problems, other, (a, fee, outcome, b_extra, c, fees))| {
                let mut r = Report::new(agency, year);
                r.overview = overview;
                r.problems = problems;
                r.other_matters = other;
                let p = &mut r.proactive;
                p.regulations.issued = a[0];
                p.regulations.repealed = a[1];
                p.regulations.in_force = a[2];
                p.normative_documents.issued = a[3];
                p.normative_documents.repealed = a[4];
                p.normative_documents.in_force = a[5];
                p.licensing = a[6];
                p.penalties = a[7];
                p.coercive_measures = a[8];
                p.fees_wan_yuan = Amount::from_micros(fee * 100).expect("in range");
                let rows: Vec<usize> = B_ROWS
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.role == BRole::Outcome)
                    .map(|(i, _)| i)
                    .collect();
                for (k, row) in rows.iter().enumerate() {
                    for col in 0..6 {
                        r.requests.cells[*row][col] = outcome[k * 6 + col];
                    }
                }
                r.requests.recompute_totals();
                for col in 0..6 {
                    let total = r.requests.cells[R_OUTCOME_TOTAL][col];
                    let forward = b_extra[col];
                    let carried = b_extra[6 + col].min(total + forward);
                    r.requests.cells[R_CARRIED_FORWARD][col] = forward;
                    r.requests.cells[R_CARRIED_OVER][col] = carried;
                    r.requests.cells[R_RECEIVED][col] = total + forward - carried;
                }
                r.requests.recompute_totals();
                for g in 0..3 {
                    for col in 0..4 {
                        r.appeals.cells[g][col] = c[g * 4 + col];
                    }
                }
                r.appeals.recompute_totals();
                // Fees in yuan, to the fen.
                r.processing_fees = ProcessingFees {
                    notices: fees.0,
                    amount_notified_yuan: Amount::from_micros(fees.1 * 10_000).expect("in range"),
                    amount_collected_yuan: Amount::from_micros(fees.2 * 10_000).expect("in range"),
                };
                r
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn html_markdown_and_text_round_trip(r in report()) {
        let want = doc::as_published(&r);
        for format in [Format::Html, Format::Markdown, Format::Text] {
            let text = String::from_utf8(render(&r, format)).expect("utf-8");
            let got = import_str(&text).map_err(|e| TestCaseError::fail(format!("{format:?}: {e}\n{text}")))?;
            prop_assert!(got.unknown.is_empty(), "{:?}: unknown {:#?}\n{}", format, got.unknown, text);
            prop_assert_eq!(&got.report, &want, "{:?}\n{}", format, text);
        }
    }

    #[test]
    fn a_published_report_is_a_fixed_point(r in report()) {
        // Exporting what was imported gives the same document again.
        let once = doc::as_published(&r);
        prop_assert_eq!(doc::as_published(&once), once.clone());
        for format in [Format::Html, Format::Markdown, Format::Text] {
            prop_assert_eq!(render(&once, format), render(&r, format));
        }
    }
}
