//! Generated reports for the property tests: valid ones (tables that hold B1, B2, B3 and
//! C1, prose in parts, a preamble or none, fees to the fen), in either version of the
//! format, and the setters that fill a report's tables from generated numbers — one place
//! for what the round-trip tests of export and import (and the loader's) all need.
#![allow(dead_code)]

use nianbao::model::schema::{
    BRole, FormatVersion, OVERVIEW_STANDARD_HEADINGS, R_CARRIED_FORWARD, R_CARRIED_OVER,
    R_OUTCOME_TOTAL, R_RECEIVED,
};
use nianbao::model::{Amount, Part, ProcessingFees, Report};
use proptest::prelude::*;

/// Agencies whose names are as long and as short as real ones.
pub const AGENCIES: [&str; 4] = [
    "淮安市洪泽区人民政府",
    "鼓楼区科学技术和工业信息化局",
    "南京市江宁区交通运输局",
    "淮安市人民政府",
];

/// Clauses of the prose, as reports write them (one with a figure, for X1's search).
pub const CLAUSES: [&str; 12] = [
    "本机关认真贯彻落实《条例》",
    "持续加强政府信息公开平台建设",
    "全年主动公开政府信息 125 条",
    "进一步规范依申请公开办理流程",
    "强化监督保障和考核",
    "严格执行“先审查、后公开”制度",
    "及时回应社会关切",
    "政务新媒体运行平稳",
    "办理结果均在法定期限内答复",
    "共召开新闻发布会 12 场",
    "信息发布更加规范有序",
    "对照上级要求仍有差距",
];

/// Preambles as reports write them.
pub const PREAMBLES: [&str; 3] = [
    "本报告根据《中华人民共和国政府信息公开条例》编制。",
    "本报告由本机关办公室根据《中华人民共和国政府信息公开条例》要求编制。报告中所列数据统计期限自 1 月 1 日起至 12 月 31 日止。如对本报告有疑问，请与本机关办公室联系（电话：0517-83605210）。",
    "本年度报告根据《条例》编制，全文包括总体情况、主动公开政府信息情况等六个部分。",
];

/// Part headings beside the standard ones of 一、总体情况.
pub const EXTRA_HEADINGS: [&str; 3] = ["存在的主要问题", "改进措施", "其他事项"];

/// A sentence of one to three clauses.
pub fn sentence() -> impl Strategy<Value = String> {
    prop::collection::vec(0..CLAUSES.len(), 1..4).prop_map(|ix| {
        let parts: Vec<&str> = ix.iter().map(|i| CLAUSES[*i]).collect();
        format!("{}。", parts.join("，"))
    })
}

/// A body of one to `max_paras` paragraphs (joined by `\n`).
pub fn body(max_paras: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::collection::vec(sentence(), 1..5).prop_map(|s| s.concat()),
        1..=max_paras,
    )
    .prop_map(|p| p.join("\n"))
}

/// A section's parts: an unheaded one or none, then up to `max_headed` headed ones (some
/// with an empty body).
pub fn parts(max_headed: usize) -> impl Strategy<Value = Vec<Part>> {
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
                prop_oneof![3 => body(2), 1 => Just(String::new())],
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

/// A count: mostly small (zeros and runs of small digits are what make reading hard), now
/// and then up to `big`.
pub fn count(big: u64) -> impl Strategy<Value = u64> {
    prop_oneof![6 => 0u64..3, 3 => 0u64..40, 1 => 0u64..big]
}

/// Sets the 2021 table A from nine counts (规章 and 行政规范性文件's three columns, then
/// 行政许可, 行政处罚, 行政强制) and the fee in 万元.
pub fn set_table_a_2021(r: &mut Report, a: &[u64], fees_wan_yuan: Amount) {
    let p = &mut r.proactive;
    (
        p.regulations.issued,
        p.regulations.repealed,
        p.regulations.in_force,
    ) = (a[0], a[1], a[2]);
    (
        p.normative_documents.issued,
        p.normative_documents.repealed,
        p.normative_documents.in_force,
    ) = (a[3], a[4], a[5]);
    (p.licensing, p.penalties, p.coercive_measures) = (a[6], a[7], a[8]);
    p.fees_wan_yuan = fees_wan_yuan;
}

/// The 2019 table A's numbers as generated.
pub struct TableA2019 {
    /// 规章, 行政规范性文件: 本年新制作, 本年新公开, 对外公开总数量.
    pub docs: Vec<u64>,
    /// 行政许可, 其他对外管理服务事项, 行政处罚, 行政强制: 上年项目数, 本年增/减, 处理决定数量.
    pub items: Vec<(u64, i64, u64)>,
    /// 行政事业性收费: 上年项目数, 本年增/减.
    pub fees: (u64, i64),
    /// 政府集中采购: 项目数量, 采购总金额 (万元).
    pub procurement: (u64, Amount),
}

/// Sets the 2019 table A.
pub fn set_table_a_2019(r: &mut Report, a: TableA2019) {
    let p = &mut r.proactive_2019;
    for (d, v) in [&mut p.regulations, &mut p.normative_documents]
        .into_iter()
        .zip(a.docs.chunks(3))
    {
        (d.made, d.published, d.total_public) = (v[0], v[1], v[2]);
    }
    for (row, (l, ch, dec)) in [
        &mut p.licensing,
        &mut p.other_services,
        &mut p.penalties,
        &mut p.coercive_measures,
    ]
    .into_iter()
    .zip(a.items)
    {
        (row.last_year, row.change, row.decisions) = (l, ch, dec);
    }
    (p.fees.last_year, p.fees.change) = a.fees;
    (p.procurement.projects, p.procurement.amount_wan_yuan) = a.procurement;
}

/// Sets table B so that B1, B2 and B3 hold: `outcome` gives the six columns of each outcome
/// row of the report's format (in table order), `extra` the six 上年结转 and six 结转下年度
/// counts (结转下年度 capped so that 本年新收 is not negative).
pub fn set_table_b(r: &mut Report, outcome: &[u64], extra: &[u64]) {
    let t = r.tables();
    let rows: Vec<usize> = t
        .b_rows
        .iter()
        .zip(t.b_slots)
        .filter(|(row, _)| row.role == BRole::Outcome)
        .map(|(_, s)| *s)
        .collect();
    for (k, row) in rows.iter().enumerate() {
        for col in 0..6 {
            r.requests.cells[*row][col] = outcome[k * 6 + col];
        }
    }
    r.requests.recompute_totals();
    for col in 0..6 {
        let total = r.requests.cells[R_OUTCOME_TOTAL][col];
        let forward = extra[col];
        let carried = extra[6 + col].min(total + forward);
        r.requests.cells[R_CARRIED_FORWARD][col] = forward;
        r.requests.cells[R_CARRIED_OVER][col] = carried;
        r.requests.cells[R_RECEIVED][col] = total + forward - carried;
    }
    r.requests.recompute_totals();
}

/// Sets table C from the four counts of each group (C1's totals computed).
pub fn set_table_c(r: &mut Report, c: &[u64]) {
    for g in 0..3 {
        for col in 0..4 {
            r.appeals.cells[g][col] = c[g * 4 + col];
        }
    }
    r.appeals.recompute_totals();
}

/// A valid report in the 2021 format; `big` bounds the occasional large count.
pub fn report_2021(big: u64) -> impl Strategy<Value = Report> {
    (
        prop::sample::select(AGENCIES.to_vec()),
        2021i32..=2025,
        (parts(5), parts(2), parts(1)),
        prop::option::of(prop::sample::select(PREAMBLES.to_vec())),
        (
            prop::collection::vec(count(big), 9),
            0u64..100_000_000,
            prop::collection::vec(count(big), 21 * 6),
            prop::collection::vec(count(big), 12),
            prop::collection::vec(count(big), 12),
            (0u64..5, 0u64..500_000, 0u64..500_000),
        ),
    )
        .prop_map(
            |(
                agency,
                year,
                (overview, problems, other),
                preamble,
                (a, fee, outcome, extra, c, fees),
            )| {
                let mut r = Report::new(agency, year);
                r.preamble = preamble.unwrap_or_default().to_string();
                r.overview = overview;
                r.problems = problems;
                r.other_matters = other;
                // 万元 to four decimals, fees in yuan to the fen.
                set_table_a_2021(
                    &mut r,
                    &a,
                    Amount::from_micros(fee * 100).expect("in range"),
                );
                set_table_b(&mut r, &outcome, &extra);
                set_table_c(&mut r, &c);
                r.processing_fees = ProcessingFees {
                    notices: fees.0,
                    amount_notified_yuan: Amount::from_micros(fees.1 * 10_000).expect("in range"),
                    amount_collected_yuan: Amount::from_micros(fees.2 * 10_000).expect("in range"),
                };
                r
            },
        )
}

/// A valid report in the 2019 format (FORMAT.md §7): 本年增/减 often negative, 采购总金额
/// in 万元 to the fen or finer, the single （六）其他处理 row.
pub fn report_2019(big: u64) -> impl Strategy<Value = Report> {
    (
        prop::sample::select(AGENCIES.to_vec()),
        2019i32..=2020,
        (parts(5), parts(2), parts(1)),
        prop::option::of(prop::sample::select(PREAMBLES.to_vec())),
        (
            prop::collection::vec(count(big), 6),
            prop::collection::vec((count(big), -60i64..60, count(big)), 4),
            (count(big), -60i64..60),
            (count(big), 0u64..100_000_000_000),
            prop::collection::vec(count(big), 19 * 6),
            prop::collection::vec(count(big), 12),
            prop::collection::vec(count(big), 12),
        ),
    )
        .prop_map(
            |(
                agency,
                year,
                (overview, problems, other),
                preamble,
                (docs, items, fees, procurement, outcome, extra, c),
            )| {
                let mut r = Report::new_in(FormatVersion::V2019, agency, year);
                r.preamble = preamble.unwrap_or_default().to_string();
                r.overview = overview;
                r.problems = problems;
                r.other_matters = other;
                let procurement = (
                    procurement.0,
                    Amount::from_micros(procurement.1).expect("in range"),
                );
                set_table_a_2019(
                    &mut r,
                    TableA2019 {
                        docs,
                        items,
                        fees,
                        procurement,
                    },
                );
                set_table_b(&mut r, &outcome, &extra);
                set_table_c(&mut r, &c);
                r
            },
        )
}

/// The report with each prose body's paragraphs joined by `sep` (what a copy without line
/// breaks imports as).
pub fn flattened(r: &Report, sep: &str) -> Report {
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

/// The report with its prose written without spaces: text taken from a PDF has spaces
/// where the glyphs stand apart (`1月` or `1 月`), which says nothing about the report.
pub fn spaceless(r: &Report) -> Report {
    let without = |s: &str| -> String { s.chars().filter(|c| !c.is_whitespace()).collect() };
    let mut r = r.clone();
    for parts in [&mut r.overview, &mut r.problems, &mut r.other_matters] {
        for p in parts.iter_mut() {
            p.heading = without(&p.heading);
            p.body = p
                .body
                .split('\n')
                .map(without)
                .collect::<Vec<_>>()
                .join("\n");
        }
    }
    r.preamble = without(&r.preamble);
    r
}
