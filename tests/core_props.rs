//! Property tests of the YAML reader and writer and of the rules (issue 2, "Tests").

mod common;

use common::reports;
use nianbao::model::schema::{
    BRole, FormatVersion, B_COLUMNS, B_ROWS, B_ROW_COUNT, B_SLOTS_2019, B_TOTAL_COL, C_COLUMNS,
    C_GROUPS, C_TOTAL_COL, R_CARRIED_FORWARD, R_CARRIED_OVER, R_OUTCOME_TOTAL, R_RECEIVED,
};
use nianbao::model::{Amount, Part, Report};
use nianbao::rules::{self, Context, Severity};
use nianbao::yaml;
use proptest::prelude::*;
use std::collections::BTreeSet;

const MAX_COUNT: u64 = 999_999_999;

/// Strings that are hard for a YAML writer: control characters, quotes, backslashes, words
/// YAML 1.1 reads as booleans, leading and trailing spaces, CJK, numbers, empty.
fn tricky_string() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just(String::new()),
        Just("yes".to_string()),
        Just("no".to_string()),
        Just("~".to_string()),
        Just("null".to_string()),
        Just("  leading".to_string()),
        Just("trailing ".to_string()),
        Just("\"quoted\" 'single'".to_string()),
        Just("a: b # c".to_string()),
        Just("- item".to_string()),
        Just("\\ backslash \\n".to_string()),
        Just("2024".to_string()),
        Just("0x1F".to_string()),
        Just("1e3".to_string()),
        Just("&anchor *alias".to_string()),
        Just("淮安市人民政府".to_string()),
        Just("\u{1b}]0;title\u{7}\u{9b}31m\u{202e}".to_string()),
        Just("\r\n\t\u{0}\u{85}\u{2028}\u{feff}\u{fffe}\u{ffff}".to_string()),
        any::<char>().prop_map(String::from),
        "[\\PC]{0,8}",
        "[\\u{4e00}-\\u{9fa5}，。；：“”（）]{0,12}",
    ];
    prop::collection::vec(piece, 0..4).prop_map(|v| v.concat())
}

fn arb_parts() -> impl Strategy<Value = Vec<Part>> {
    prop::collection::vec(
        (tricky_string(), tricky_string()).prop_map(|(h, b)| Part::new(h, b)),
        0..4,
    )
}

fn count() -> impl Strategy<Value = u64> {
    prop_oneof![0..=20u64, 0..=MAX_COUNT, Just(MAX_COUNT)]
}

fn amount(decimals: u32) -> impl Strategy<Value = Amount> {
    let step = 10u64.pow(6 - decimals);
    (0..=999_999_999u64, 0..10u64.pow(decimals)).prop_map(move |(int, frac)| {
        Amount::from_micros(int * 1_000_000 + frac * step).expect("in range")
    })
}

/// A report in `version` with any text the model can hold: agency, year, title, preamble
/// and the three prose sections (its tables empty).
fn arb_text(version: FormatVersion) -> impl Strategy<Value = Report> {
    (
        tricky_string(),
        any::<i32>(),
        prop::option::of(tricky_string()),
        tricky_string(),
        (arb_parts(), arb_parts(), arb_parts()),
    )
        .prop_map(move |(agency, year, title, preamble, (o, p, m))| {
            let mut r = Report::new_in(version, agency, year);
            r.title = title;
            r.preamble = preamble;
            r.overview = o;
            r.problems = p;
            r.other_matters = m;
            r
        })
}

/// Any report the model can hold with values the format allows.
fn arb_report() -> impl Strategy<Value = Report> {
    let a = (prop::array::uniform6(count()), amount(6));
    let b = prop::collection::vec(count(), B_ROW_COUNT * 7);
    let c = prop::collection::vec(count(), 15);
    let fees = (count(), amount(2), amount(2));
    (arb_text(FormatVersion::V2021), a, b, c, fees).prop_map(
        |(mut r, (a, wan), b, c, (n, notified, collected))| {
            r.proactive.regulations.issued = a[0];
            r.proactive.regulations.repealed = a[1];
            r.proactive.regulations.in_force = a[2];
            r.proactive.normative_documents.issued = a[3];
            r.proactive.licensing = a[4];
            r.proactive.penalties = a[5];
            r.proactive.fees_wan_yuan = wan;
            for (i, v) in b.into_iter().enumerate() {
                r.requests.cells[i / 7][i % 7] = v;
            }
            for (i, v) in c.into_iter().enumerate() {
                r.appeals.cells[i / 5][i % 5] = v;
            }
            r.processing_fees.notices = n;
            r.processing_fees.amount_notified_yuan = notified;
            r.processing_fees.amount_collected_yuan = collected;
            r
        },
    )
}

fn signed() -> impl Strategy<Value = i64> {
    prop_oneof![-20i64..20, -(MAX_COUNT as i64)..=MAX_COUNT as i64]
}

/// Any 2019-format report (FORMAT.md §7) the model can hold: negative 本年增/减, an amount in
/// 万元, the single （六） row (its storage row; the 2021 rows 1 and 2 of （六） stay 0), no
/// 信息处理费.
fn arb_report_2019() -> impl Strategy<Value = Report> {
    let a = (
        prop::array::uniform6(count()),
        prop::collection::vec((count(), signed(), count()), 4),
        (count(), signed()),
        (count(), amount(6)),
    );
    let b = prop::collection::vec(count(), B_SLOTS_2019.len() * 7);
    let c = prop::collection::vec(count(), 15);
    (arb_text(FormatVersion::V2019), a, b, c).prop_map(
        |(mut r, (docs, items, fees, proc_), b, c)| {
            reports::set_table_a_2019(
                &mut r,
                reports::TableA2019 {
                    docs: docs.to_vec(),
                    items,
                    fees,
                    procurement: proc_,
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

/// A report of either version of the format.
fn arb_any_report() -> impl Strategy<Value = Report> {
    prop_oneof![arb_report(), arb_report_2019()]
}

/// Prose without digits, so that X1 finds no figure in it.
fn plain_prose() -> impl Strategy<Value = Vec<Part>> {
    prop::collection::vec(
        (
            "[\\u{4e00}-\\u{9fa5}]{0,6}",
            "[\\u{4e00}-\\u{9fa5}，。]{10,40}",
        )
            .prop_map(|(h, b)| Part::new(h, b)),
        1..3,
    )
}

/// A report whose tables are consistent: totals recomputed and B3 made to hold, every
/// value small enough that no total passes the N1 limit.
fn consistent_report() -> impl Strategy<Value = Report> {
    (
        "[\\u{4e00}-\\u{9fa5}]{2,12}",
        2008..=2026i32,
        (plain_prose(), plain_prose(), plain_prose()),
        prop::collection::vec(0..=1000u64, 21 * 6),
        prop::collection::vec(0..=1000u64, 6),
        prop::collection::vec(0.0..=1.0f64, 6),
        prop::collection::vec(0..=1000u64, 12),
    )
        .prop_map(
            |(agency, year, (o, p, m), outcomes, forward, carried, appeals)| {
                let mut r = Report::new(agency, year);
                r.overview = o;
                r.problems = p;
                r.other_matters = m;
                let outcome_rows: Vec<usize> = (0..B_ROW_COUNT)
                    .filter(|&i| B_ROWS[i].role == BRole::Outcome)
                    .collect();
                for (k, &row) in outcome_rows.iter().enumerate() {
                    for col in 0..6 {
                        r.requests.cells[row][col] = outcomes[k * 6 + col];
                    }
                }
                for col in 0..6 {
                    let done: u64 = outcome_rows.iter().map(|&i| r.requests.cells[i][col]).sum();
                    let right = done + forward[col];
                    // Split 一 + 二 = （七）+ 四 between this year's and last year's applications.
                    let over = (right as f64 * carried[col]) as u64;
                    r.requests.cells[R_CARRIED_FORWARD][col] = forward[col];
                    r.requests.cells[R_CARRIED_OVER][col] = over.min(right);
                    r.requests.cells[R_RECEIVED][col] = right - over.min(right);
                }
                for (i, v) in appeals.into_iter().enumerate() {
                    r.appeals.cells[i / 4][i % 4] = v;
                }
                r.recompute_totals();
                r
            },
        )
}

fn ctx() -> Context<'static> {
    Context {
        current_year: 2026,
        previous: None,
    }
}

fn rule_paths(r: &Report) -> BTreeSet<(String, String)> {
    rules::check(r, &ctx())
        .into_iter()
        .map(|f| (f.rule.to_string(), f.path))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_report_written_reads_back_equal(r in arb_any_report()) {
        let text = yaml::to_yaml(&r);
        // The full YAML reader reads it back equal: this is what makes the fast path for the
        // writer's layout (which `load_str` takes here) correct.
        let general = yaml::load_str_general(&text, "t.yaml");
        prop_assert!(general.is_ok(), "{:?}\n{}", general.err(), text);
        prop_assert_eq!(&general.unwrap().report, &r);
        let loaded = yaml::load_str(&text, "t.yaml");
        prop_assert!(loaded.is_ok(), "{:?}\n{}", loaded.err(), text);
        let loaded = loaded.unwrap();
        prop_assert!(loaded.missing.is_empty());
        prop_assert_eq!(&loaded.report, &r);
        // Deterministic: same report, same bytes.
        prop_assert_eq!(yaml::to_yaml(&loaded.report), text);
    }

    #[test]
    fn a_consistent_report_has_no_error(r in consistent_report()) {
        let text = yaml::to_yaml(&r);
        let loaded = yaml::load_str(&text, "t.yaml").expect("written report loads");
        let findings = rules::check(&loaded.report, &ctx());
        let errors: Vec<_> = findings.iter().filter(|f| f.severity == Severity::Error).collect();
        prop_assert!(errors.is_empty(), "{:#?}", errors);
    }

    #[test]
    fn one_more_in_a_cell_of_table_b_breaks_exactly_its_rules(
        r in consistent_report(),
        row in 0..B_ROW_COUNT,
        col in 0..B_COLUMNS.len(),
    ) {
        let before = rule_paths(&r);
        let mut changed = r.clone();
        changed.requests.cells[row][col] += 1;
        let after = rule_paths(&changed);
        let mut expected = before.clone();
        let mut add = |rule: &str, path: String| {
            expected.insert((rule.to_string(), path));
        };
        // B1: the cell's row no longer adds up.
        add("B1", format!("{}.total", B_ROWS[row].key_path()));
        let role = B_ROWS[row].role;
        // B2: an outcome row or （七）总计 itself, in the cell's column.
        if role == BRole::Outcome || row == R_OUTCOME_TOTAL {
            add("B2", format!("requests.outcome.total.{}", B_COLUMNS[col].key));
        }
        // B3: rows 一, 二, （七）总计 and 四, in the cell's column.
        if [R_RECEIVED, R_CARRIED_OVER, R_OUTCOME_TOTAL, R_CARRIED_FORWARD].contains(&row) {
            add("B3", format!("requests.*.{}", B_COLUMNS[col].key));
        }
        prop_assert_eq!(after, expected, "cell {} {}", B_ROWS[row].key_path(), B_COLUMNS[col].key);
        let _ = B_TOTAL_COL;
    }

    #[test]
    fn one_more_in_a_cell_of_table_c_breaks_exactly_c1(
        r in consistent_report(),
        group in 0..C_GROUPS.len(),
        col in 0..C_COLUMNS.len(),
    ) {
        let before = rule_paths(&r);
        let mut changed = r.clone();
        changed.appeals.cells[group][col] += 1;
        let mut expected = before;
        expected.insert(("C1".into(), format!("appeals.{}.total", C_GROUPS[group].key)));
        prop_assert_eq!(rule_paths(&changed), expected);
        let _ = C_TOTAL_COL;
    }

    #[test]
    fn random_bytes_never_panic_the_loader(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = yaml::load_bytes(&bytes, "random.yaml");
    }

    #[test]
    fn random_text_never_panics_the_loader(text in "[\\PC\\n\\t:\\-\\[\\]{}&*!|>'\"#%@`, ]{0,400}") {
        let _ = yaml::load_str(&text, "random.yaml");
    }

    #[test]
    fn mutated_yaml_never_panics_the_loader(
        which in 0..4usize,
        ops in prop::collection::vec((0..4u8, any::<prop::sample::Index>(), any::<prop::sample::Index>(), any::<char>()), 1..6),
    ) {
        let mut lines: Vec<String> = example(which).lines().map(String::from).collect();
        for (op, a, b, ch) in ops {
            mutate_lines(&mut lines, op, a, b);
            if op == 3 && !lines.is_empty() {
                // Change a character.
                let i = a.index(lines.len());
                let mut chars: Vec<char> = lines[i].chars().collect();
                if !chars.is_empty() {
                    let j = b.index(chars.len());
                    chars[j] = ch;
                }
                lines[i] = chars.into_iter().collect();
            }
        }
        // The fast path and the full reader agree on every mutated file.
        let text = lines.join("\n");
        let fast = yaml::load_str(&text, "mutated.yaml");
        let general = yaml::load_str_general(&text, "mutated.yaml");
        match (fast, general) {
            (Ok(a), Ok(b)) => {
                prop_assert_eq!(a.report, b.report);
                prop_assert_eq!(a.missing, b.missing);
            }
            (Err(a), Err(b)) => prop_assert_eq!(a, b),
            (a, b) => prop_assert!(false, "fast {:?} vs general {:?}", a.is_ok(), b.is_ok()),
        }
    }

    #[test]
    fn a_file_with_an_unknown_key_is_never_accepted(
        which in 0..4usize,
        ops in prop::collection::vec((0..3u8, any::<prop::sample::Index>(), any::<prop::sample::Index>()), 0..5),
        target in any::<prop::sample::Index>(),
        nth in any::<prop::sample::Index>(),
        typo in "[a-z_]{1,3}",
    ) {
        let mut lines: Vec<String> = example(which).lines().map(String::from).collect();
        for (op, a, b) in ops {
            mutate_lines(&mut lines, op, a, b);
        }
        // Misspell one key of one line (a key in block or flow style, never inside a string).
        let keyed: Vec<usize> = (0..lines.len()).filter(|&i| !key_spans(&lines[i]).is_empty()).collect();
        prop_assume!(!keyed.is_empty());
        let i = keyed[target.index(keyed.len())];
        let spans = key_spans(&lines[i]);
        let (start, end) = spans[nth.index(spans.len())];
        let key = lines[i][start..end].to_string();
        lines[i].replace_range(start..end, &format!("{key}{typo}"));
        let text = lines.join("\n");
        let result = yaml::load_str(&text, "typo.yaml");
        prop_assert!(result.is_err(), "accepted a file with the key {}{}:\n{}", key, typo, text);
    }
}

/// Delete (0), duplicate (1) or swap (2) lines.
fn mutate_lines(lines: &mut Vec<String>, op: u8, a: prop::sample::Index, b: prop::sample::Index) {
    if lines.is_empty() {
        return;
    }
    let (i, j) = (a.index(lines.len()), b.index(lines.len()));
    match op {
        0 => {
            lines.remove(i);
        }
        1 => {
            let l = lines[i].clone();
            lines.insert(j, l);
        }
        2 => lines.swap(i, j),
        _ => {}
    }
}

/// Byte ranges of the keys on a line of the writer's layout: the block key at its start and
/// the keys of a flow mapping; nothing inside a quoted string.
fn key_spans(line: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    if line.trim_start().starts_with('#') {
        return spans;
    }
    let code = match line.find('"') {
        Some(q) => &line[..q],
        None => line,
    };
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_lowercase() {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_lowercase() || bytes[i] == b'_') {
                i += 1;
            }
            let before_ok = start == 0 || matches!(bytes[start - 1], b' ' | b'{' | b',');
            if before_ok && bytes.get(i) == Some(&b':') {
                spans.push((start, i));
            }
        } else {
            i += 1;
        }
    }
    spans
}

fn example(i: usize) -> String {
    let name = [
        "gulou-kegongxin-2023.yaml",
        "hongze-2023.yaml",
        "hongze-2024.yaml",
        "huaian-2024.yaml",
    ][i];
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples")
            .join(name),
    )
    .expect("example exists")
}

#[test]
fn key_spans_finds_block_and_flow_keys_only() {
    let l = "  received:     {natural_person: 3001, total: 3119}";
    let keys: Vec<&str> = key_spans(l).into_iter().map(|(a, b)| &l[a..b]).collect();
    assert_eq!(keys, ["received", "natural_person", "total"]);
    let l = "    body: \"a: b\"";
    let keys: Vec<&str> = key_spans(l).into_iter().map(|(a, b)| &l[a..b]).collect();
    assert_eq!(keys, ["body"]);
}
