//! Importing reports in the 2019 format (issue 15, FORMAT.md §7): a hand-made report for 2020
//! with negative 本年增/减 and a 政府集中采购 amount, written as a web page's text copy, as the
//! same with columns of spaces, one cell per line, on a single line, and as a page of HTML whose amount is printed
//! with its unit (`12345678元`); and `check --previous` between that 2020 report and a 2021
//! report (Y1 across the formats).

use nianbao::import::{import_bytes, import_str, Layout};
use nianbao::model::schema::{FormatVersion, B_COLS, R_CARRIED_FORWARD, R_CARRIED_OVER};
use nianbao::model::{Amount, CellRef, Report};
use std::path::{Path, PathBuf};
use std::process::Command;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/import_data")
        .join(name)
}

fn hand_made() -> Report {
    nianbao::yaml::load_file(&data("hand-2019.yaml"))
        .expect("the hand-made report loads")
        .report
}

fn text() -> String {
    std::fs::read_to_string(data("hand-2019.txt")).expect("fixture")
}

#[test]
fn the_hand_made_report_is_what_the_test_says() {
    let r = hand_made();
    assert_eq!(r.version(), FormatVersion::V2019);
    assert_eq!(r.proactive_2019.licensing.change, -8);
    assert_eq!(r.proactive_2019.fees.change, -2);
    assert_eq!(
        r.proactive_2019.procurement.amount_wan_yuan,
        Amount::parse("1234.5678", 6).unwrap()
    );
    // A consistent report: no finding at all.
    let f = nianbao::rules::check(
        &r,
        &nianbao::rules::Context {
            current_year: 2026,
            previous: None,
        },
    );
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn from_a_text_copy() {
    let got = import_str(&text()).expect("imports");
    assert_eq!(got.layout, Layout::TabSeparated);
    assert!(got.unknown.is_empty(), "{:#?}", got.unknown);
    assert!(got.converted.is_empty(), "{:#?}", got.converted);
    assert!(
        got.recognised
            .iter()
            .any(|r| r.starts_with("格式：2019 年版（试行）格式")),
        "{:#?}",
        got.recognised
    );
    assert_eq!(got.report, hand_made());
}

#[test]
fn from_text_in_columns_of_spaces() {
    let got = import_str(&text().replace('\t', "    ")).expect("imports");
    assert_eq!(got.layout, Layout::PlainText);
    assert!(got.unknown.is_empty(), "{:#?}", got.unknown);
    assert_eq!(got.report, hand_made());
}

#[test]
fn from_one_cell_per_line() {
    let got = import_str(&text().replace('\t', "\n")).expect("imports");
    assert_eq!(got.layout, Layout::OneCellPerLine);
    assert!(got.unknown.is_empty(), "{:#?}", got.unknown);
    assert_eq!(got.report, hand_made());
}

/// No line breaks at all: every table (the negative numbers included) reads back exactly.
#[test]
fn from_a_single_line() {
    let one = text().replace(['\n', '\t'], " ");
    let got = import_str(&one).expect("imports");
    assert!(got.unknown.is_empty(), "{:#?}", got.unknown);
    let want = hand_made();
    assert_eq!(got.report.version(), FormatVersion::V2019);
    assert_eq!(
        (&got.report.agency, got.report.year),
        (&want.agency, want.year)
    );
    assert_eq!(got.report.proactive_2019, want.proactive_2019);
    assert_eq!(got.report.requests, want.requests);
    assert_eq!(got.report.appeals, want.appeals);
}

#[test]
fn from_html_with_the_unit_in_the_cell() {
    let bytes = std::fs::read(data("hand-2019.html")).expect("fixture");
    let got = import_bytes(&bytes).expect("imports");
    assert_eq!(got.layout, Layout::Html);
    assert!(got.unknown.is_empty(), "{:#?}", got.unknown);
    assert_eq!(got.report, hand_made());
    // 12345678元 is 1234.5678 万元, and the account says so.
    assert_eq!(got.converted.len(), 1, "{:#?}", got.converted);
    let n = &got.converted[0];
    assert_eq!(
        n.cells,
        vec![CellRef::A {
            field: "procurement",
            col: 1
        }]
    );
    assert!(n.message.contains("12345678元"), "{}", n.message);
    assert!(n.message.contains("1234.5678 万元"), "{}", n.message);
    let account = nianbao::import::account("hand-2019.html", &got, &[]);
    assert!(account.contains("单位换算："), "{account}");
    // The same page saved in GBK.
    let html = String::from_utf8(bytes).expect("utf-8").replacen(
        "charset=\"utf-8\"",
        "charset=\"gb2312\"",
        1,
    );
    let (gbk, _, bad) = encoding_rs::GBK.encode(&html);
    assert!(!bad);
    let got = import_bytes(&gbk).expect("imports");
    assert!(got.unknown.is_empty(), "{:#?}", got.unknown);
    assert_eq!(got.report, hand_made());
}

/// A value that is not a whole number where 本年增/减 belongs is unknown, listed, not guessed.
#[test]
fn a_change_that_is_no_number_is_unknown() {
    let t = text().replace("行政许可\t30\t-8\t412", "行政许可\t30\t-8.5\t412");
    let got = import_str(&t).expect("imports");
    let cells: Vec<CellRef> = got.unknown_cells();
    assert!(
        cells.contains(&CellRef::A {
            field: "licensing",
            col: 1
        }),
        "{:#?}",
        got.unknown
    );
    assert_eq!(got.exit_code(), 1);
}

fn nianbao(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .output()
        .expect("runs")
}

/// `check --previous 2020.yaml 2021.yaml`: the 2020 report is in the 2019 format, the 2021
/// report in the 2021 format; Y1 compares 四、结转下年度 with 二、上年结转 column by column.
#[test]
fn check_previous_across_the_formats() {
    let dir = tempfile::tempdir().expect("tempdir");
    let last = hand_made();
    let prev = dir.path().join("2020.yaml");
    std::fs::write(&prev, nianbao::yaml::to_yaml(&last)).expect("write");
    let mut this = Report::new(&last.agency, 2021);
    for col in 0..B_COLS {
        let v = last.requests.get(R_CARRIED_FORWARD, col);
        this.requests.set(R_CARRIED_OVER, col, v);
        this.requests.set(R_CARRIED_FORWARD, col, v);
        this.requests.set(0, col, 0);
    }
    // 一 + 二 = （七）总计 + 四 holds: nothing received, nothing done, all carried forward.
    let cur = dir.path().join("2021.yaml");
    std::fs::write(&cur, nianbao::yaml::to_yaml(&this)).expect("write");
    let o = nianbao(&[
        "check",
        "--format",
        "json",
        "--previous",
        prev.to_str().unwrap(),
        cur.to_str().unwrap(),
    ]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(!out.contains("\"Y1\""), "{out}");
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );

    // One column off: Y1, naming both numbers.
    this.requests.set(R_CARRIED_OVER, 0, 70);
    this.requests.set(R_CARRIED_FORWARD, 0, 70);
    this.requests.recompute_totals();
    std::fs::write(&cur, nianbao::yaml::to_yaml(&this)).expect("write");
    let o = nianbao(&[
        "check",
        "--previous",
        prev.to_str().unwrap(),
        cur.to_str().unwrap(),
    ]);
    let out = String::from_utf8_lossy(&o.stdout);
    let y1: Vec<&str> = out.lines().filter(|l| l.contains("Y1")).collect();
    assert!(
        y1.iter()
            .any(|l| l.contains("自然人") && l.contains("72") && l.contains("70")),
        "{out}"
    );
    // Only 自然人 and its 总计 differ.
    assert!(y1.len() <= 2, "{out}");
}
