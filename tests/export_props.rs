//! Property: for random valid reports (tables that hold B1, B2, B3 and C1, prose in parts,
//! fees stated or not), export to HTML, Markdown and plain text and import back: the report
//! its published document states, every time. The same for reports in the 2019 format
//! (FORMAT.md §7: table A's five blocks with negative 本年增/减 and an amount, the single （六）
//! row), also as .docx, as the page saved in GBK and as text with no line breaks at all.

use nianbao::import::import_str;
use nianbao::model::schema::{
    BRole, FormatVersion, B_ROWS, B_SLOTS_2019, OVERVIEW_STANDARD_HEADINGS, R_CARRIED_FORWARD,
    R_CARRIED_OVER, R_OUTCOME_TOTAL, R_RECEIVED,
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

/// A valid 2019-format report (B1, B2, B3, C1 hold; 本年增/减 often negative; 采购总金额 in
/// 万元 to the fen or finer).
fn report_2019() -> impl Strategy<Value = Report> {
    (
        prop::sample::select(AGENCIES.to_vec()),
        2019i32..=2020,
        parts(5),
        parts(2),
        parts(1),
        (
            prop::collection::vec(count(), 6),
            prop::collection::vec((count(), -60i64..60, count()), 4),
            (count(), -60i64..60),
            (count(), 0u64..100_000_000_000),
            prop::collection::vec(count(), 19 * 6),
            prop::collection::vec(count(), 12),
            prop::collection::vec(count(), 12),
        ),
    )
        .prop_map(
            |(
                agency,
                year,
                overview,
                problems,
                other,
                (docs, items, fees, proc_, outcome, b_extra, c),
            )| {
                let mut r = Report::new_in(FormatVersion::V2019, agency, year);
                r.overview = overview;
                r.problems = problems;
                r.other_matters = other;
                let p = &mut r.proactive_2019;
                (
                    p.regulations.made,
                    p.regulations.published,
                    p.regulations.total_public,
                ) = (docs[0], docs[1], docs[2]);
                (
                    p.normative_documents.made,
                    p.normative_documents.published,
                    p.normative_documents.total_public,
                ) = (docs[3], docs[4], docs[5]);
                for (row, (l, ch, dec)) in [
                    &mut p.licensing,
                    &mut p.other_services,
                    &mut p.penalties,
                    &mut p.coercive_measures,
                ]
                .into_iter()
                .zip(items)
                {
                    (row.last_year, row.change, row.decisions) = (l, ch, dec);
                }
                (p.fees.last_year, p.fees.change) = fees;
                p.procurement.projects = proc_.0;
                p.procurement.amount_wan_yuan = Amount::from_micros(proc_.1).expect("in range");
                // The 19 outcome rows of the 2019 table (（六）其他处理 one of them), by storage row.
                let t = r.tables();
                let rows: Vec<usize> = t
                    .b_rows
                    .iter()
                    .zip(t.b_slots)
                    .filter(|(r, _)| r.role == BRole::Outcome)
                    .map(|(_, s)| *s)
                    .collect();
                assert_eq!(rows.len(), 19);
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
                assert!(B_SLOTS_2019.contains(&R_OUTCOME_TOTAL));
                r
            },
        )
}

/// The report with each prose body's paragraphs joined by `sep` (what a copy without line
/// breaks imports as).
fn flattened(r: &Report, sep: &str) -> Report {
    let mut want = r.clone();
    for parts in [
        &mut want.overview,
        &mut want.problems,
        &mut want.other_matters,
    ] {
        for p in parts.iter_mut() {
            p.body = p.body.replace('\n', sep);
        }
    }
    want
}

fn imported(bytes: &[u8], what: &str) -> Result<nianbao::import::Imported, TestCaseError> {
    let got = nianbao::import::import_bytes(bytes).map_err(|e| {
        TestCaseError::fail(format!("{what}: {e}\n{}", String::from_utf8_lossy(bytes)))
    })?;
    prop_assert!(
        got.unknown.is_empty(),
        "{}: unknown {:#?}\n{}",
        what,
        got.unknown,
        String::from_utf8_lossy(bytes)
    );
    prop_assert_eq!(
        got.report.version(),
        FormatVersion::V2019,
        "{}: {:#?}\n{}",
        what,
        got.recognised,
        String::from_utf8_lossy(bytes)
    );
    Ok(got)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn the_2019_format_round_trips_in_every_layout(r in report_2019()) {
        let want = doc::as_published(&r);
        prop_assert_eq!(&want, &r, "no fee sentence in the 2019 format");
        for format in [Format::Html, Format::Markdown, Format::Text, Format::Docx] {
            let bytes = render(&r, format);
            let got = imported(&bytes, &format!("{format:?}"))?;
            prop_assert_eq!(&got.report, &want, "{:?}\n{}", format, String::from_utf8_lossy(&bytes));
        }
        // The page saved in GBK.
        let html = String::from_utf8(render(&r, Format::Html)).expect("utf-8")
            .replacen("<meta charset=\"utf-8\">", "<meta charset=\"gb2312\">", 1);
        let (gbk, _, bad) = encoding_rs::GBK.encode(&html);
        prop_assert!(!bad);
        let got = imported(&gbk, "GBK")?;
        prop_assert_eq!(&got.report, &want, "GBK");
        // The plain text with no line breaks at all (its lines joined by a space, as a
        // crawler's copy of the page's blocks).
        let text = String::from_utf8(render(&r, Format::Text)).expect("utf-8");
        let one_line: String = text.lines().map(str::trim).collect::<Vec<_>>().join(" ");
        // Its tables and title read back exactly (how prose parts are cut out of one line is
        // the 2021 importer's, tested in tests/import_roundtrip.rs).
        let got = imported(one_line.as_bytes(), "one line")?.report;
        let flat = flattened(&want, " ");
        prop_assert_eq!(
            (&got.agency, got.year, got.title.clone(), &got.proactive_2019),
            (&flat.agency, flat.year, flat.title.clone(), &flat.proactive_2019),
            "one line\n{}", one_line
        );
        prop_assert_eq!(got.requests, flat.requests, "one line\n{}", one_line);
        prop_assert_eq!(got.appeals, flat.appeals, "one line\n{}", one_line);
    }
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
