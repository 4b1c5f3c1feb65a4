//! Property: for random valid reports (common::reports: tables that hold B1, B2, B3 and
//! C1, prose in parts, a preamble or none, fees stated or not), every published document —
//! HTML, Markdown, plain text, .docx, the page saved in GBK, and the plain text with its
//! line breaks taken out — imports back as the report it states, in both versions of the
//! format (FORMAT.md §7: table A's five blocks with negative 本年增/减 and an amount, the
//! single （六） row).

mod common;

use common::reports::{self, flattened};
use nianbao::import::Imported;
use nianbao::model::schema::{FormatVersion, B_SLOTS_2019, R_OUTCOME_TOTAL};
use nianbao::model::Report;
use nianbao::publish::{doc, render, Format};
use proptest::prelude::*;

/// A valid 2021 report (common::reports).
fn report() -> impl Strategy<Value = Report> {
    reports::report_2021(100_000)
}

/// A valid 2019-format report (common::reports).
fn report_2019() -> impl Strategy<Value = Report> {
    reports::report_2019(100_000).prop_map(|r| {
        assert!(B_SLOTS_2019.contains(&R_OUTCOME_TOTAL));
        r
    })
}

/// The page as the browser saves it in GBK (`<meta charset="gb2312">`).
fn gbk_page(r: &Report) -> Vec<u8> {
    let html = String::from_utf8(render(r, Format::Html))
        .expect("utf-8")
        .replacen("<meta charset=\"utf-8\">", "<meta charset=\"gb2312\">", 1);
    let (gbk, _, bad) = encoding_rs::GBK.encode(&html);
    assert!(!bad, "not encodable in GBK");
    gbk.into_owned()
}

/// The plain text export with every line break taken out: its lines joined by `sep` (""
/// as `tr -d '\n'` leaves it, " " as a crawler's copy of the page's blocks).
fn one_line(r: &Report, sep: &str) -> String {
    let text = String::from_utf8(render(r, Format::Text)).expect("utf-8");
    text.lines().map(str::trim).collect::<Vec<_>>().join(sep)
}

/// Imports `bytes`: no cell unknown, in the format `want`.
fn imported(bytes: &[u8], what: &str, want: FormatVersion) -> Result<Imported, TestCaseError> {
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
        want,
        "{}: {:#?}\n{}",
        what,
        got.recognised,
        String::from_utf8_lossy(bytes)
    );
    Ok(got)
}

/// The plain text export with its line breaks taken out imports back. Long labels are
/// wrapped in the text export (`5.要求行政机关确认或重新出具已` over `获取信息`), table C's
/// header runs into its numbers: without the line breaks the pieces stand side by side.
/// Joined by spaces, the report comes back whole; joined by nothing (`tr -d '\n'` of a copy
/// without indents), a part heading runs into its body (`（一）改进措施本机关…`): where it
/// ends is found only for headings ending in 情况/方面, so the parts' text is compared
/// letter by letter.
fn without_line_breaks_round_trips(
    r: &Report,
    version: FormatVersion,
) -> Result<(), TestCaseError> {
    let want = doc::as_published(r);
    let text = one_line(r, " ");
    let got = imported(text.as_bytes(), "joined by spaces", version)?;
    prop_assert_eq!(
        &got.report,
        &flattened(&want, " "),
        "joined by spaces\n{}",
        text
    );
    let text = one_line(r, "");
    let mut got = imported(text.as_bytes(), "joined by nothing", version)?.report;
    let mut want = flattened(&want, "");
    prop_assert_eq!(
        prose_letters(&got),
        prose_letters(&want),
        "joined by nothing\n{}",
        text
    );
    for r in [&mut got, &mut want] {
        r.overview.clear();
        r.problems.clear();
        r.other_matters.clear();
    }
    prop_assert_eq!(&got, &want, "joined by nothing\n{}", text);
    Ok(())
}

/// The letters of each prose section (headings and bodies; punctuation, spaces and part
/// numbers `（一）` left out: a part whose heading cannot be told from its body is one
/// paragraph that keeps its number).
fn prose_letters(r: &Report) -> [String; 3] {
    let number = regex::Regex::new("（[一二三四五六七八九十]+）").expect("regex");
    [&r.overview, &r.problems, &r.other_matters].map(|parts| {
        let text: String = parts
            .iter()
            .flat_map(|p| p.heading.chars().chain(p.body.chars()))
            .collect();
        number
            .replace_all(&text, "")
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn the_2019_format_round_trips_in_every_layout(r in report_2019()) {
        let want = doc::as_published(&r);
        prop_assert_eq!(&want, &r, "no fee sentence in the 2019 format");
        for format in [Format::Html, Format::Markdown, Format::Text, Format::Docx] {
            let bytes = render(&r, format);
            let got = imported(&bytes, &format!("{format:?}"), FormatVersion::V2019)?;
            prop_assert_eq!(&got.report, &want, "{:?}\n{}", format, String::from_utf8_lossy(&bytes));
        }
        // The page saved in GBK.
        let got = imported(&gbk_page(&r), "GBK", FormatVersion::V2019)?;
        prop_assert_eq!(&got.report, &want, "GBK");
        // The plain text with no line breaks at all.
        without_line_breaks_round_trips(&r, FormatVersion::V2019)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn every_published_document_round_trips(r in report()) {
        let want = doc::as_published(&r);
        for format in [Format::Html, Format::Markdown, Format::Text, Format::Docx] {
            let bytes = render(&r, format);
            let got = imported(&bytes, &format!("{format:?}"), FormatVersion::V2021)?;
            prop_assert_eq!(&got.report, &want, "{:?}\n{}", format, String::from_utf8_lossy(&bytes));
        }
        let got = imported(&gbk_page(&r), "GBK", FormatVersion::V2021)?;
        prop_assert_eq!(&got.report, &want, "GBK");
    }

    #[test]
    fn the_text_export_without_line_breaks_round_trips(r in report()) {
        without_line_breaks_round_trips(&r, FormatVersion::V2021)?;
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
