//! The published examples import to exactly the hand-made YAML in examples/ (every number and
//! every prose part, the preamble included); the 2019-format page (shanghai-2019.html) too.

use nianbao::import::{import_str, Layout};
use nianbao::model::Report;

fn expected(name: &str) -> Report {
    let path = format!("{}/examples/{name}.yaml", env!("CARGO_MANIFEST_DIR"));
    nianbao::yaml::load_file(std::path::Path::new(&path))
        .expect("example YAML loads")
        .report
}

fn input(name: &str) -> String {
    let path = format!("/work/shared/examples/{name}.txt");
    let local = format!(
        "{}/tests/import_data/{name}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&local)
        .or_else(|_| std::fs::read_to_string(&path))
        .expect("example input readable")
}

/// Compares field by field so that a failure names the place.
fn assert_same(name: &str, got: &Report, want: &Report) {
    assert_eq!(got.agency, want.agency, "{name}: agency");
    assert_eq!(got.year, want.year, "{name}: year");
    assert_eq!(got.title, want.title, "{name}: title");
    for (section, g, w) in [
        ("overview", &got.overview, &want.overview),
        ("problems", &got.problems, &want.problems),
        ("other_matters", &got.other_matters, &want.other_matters),
    ] {
        assert_eq!(
            g.len(),
            w.len(),
            "{name}: number of parts of {section}: {g:#?}"
        );
        for (i, (gp, wp)) in g.iter().zip(w).enumerate() {
            assert_eq!(gp.heading, wp.heading, "{name}: {section}[{i}].heading");
            assert_eq!(gp.body, wp.body, "{name}: {section}[{i}].body");
        }
    }
    assert_eq!(got.proactive, want.proactive, "{name}: table A");
    for r in 0..got.requests.cells.len() {
        assert_eq!(
            got.requests.cells[r], want.requests.cells[r],
            "{name}: table B row {r}"
        );
    }
    assert_eq!(got.appeals, want.appeals, "{name}: table C");
    assert_eq!(got.processing_fees, want.processing_fees, "{name}: fees");
    assert_eq!(got, want, "{name}: whole report");
}

fn check(name: &str, layout: Layout) {
    let imported = import_str(&input(name)).expect("imports");
    assert_eq!(imported.layout, layout, "{name}: layout");
    assert_same(name, &imported.report, &expected(name));
    assert!(
        imported.unknown.is_empty(),
        "{name}: unknown cells {:#?}",
        imported.unknown
    );
}

#[test]
fn gulou_tab_separated_web_copy() {
    check("gulou-kegongxin-2023", Layout::TabSeparated);
}

#[test]
fn hongze_2023_pdf_text() {
    check("hongze-2023", Layout::PdfText);
}

#[test]
fn hongze_2024_pdf_text() {
    check("hongze-2024", Layout::PdfText);
}

#[test]
fn huaian_2024_pdf_text() {
    check("huaian-2024", Layout::PdfText);
}

/// The gulou report as its web page might be published: a Word export (`<p class=MsoNormal>`
/// and `<span>` in every cell, `<o:p>`), headings in bold paragraphs, tables with rowspan,
/// colspan and `<br>` in the headers, `&nbsp;` in empty cells, inside the site's furniture
/// (navigation, a list of other reports, breadcrumbs, print links, footer, scripts).
#[test]
fn gulou_as_a_published_web_page() {
    let path = format!(
        "{}/tests/import_data/gulou-kegongxin-2023.html",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).expect("fixture");
    let imported = import_str(&text).expect("imports");
    assert_eq!(imported.layout, Layout::Html);
    assert_same(
        "gulou html",
        &imported.report,
        &expected("gulou-kegongxin-2023"),
    );
    assert!(imported.unknown.is_empty(), "{:#?}", imported.unknown);
    assert!(imported.blanks.is_empty(), "{:#?}", imported.blanks);
}

/// The whole body on one line, page furniture around it (`标题:`, `发布机构:`, a path with the
/// title in it), headings and parts inside running text, every table row run into the next.
/// The one row whose digits have several readings and no arithmetic to settle them
/// (行政规范性文件 `77132470`, table A) is the only thing imported as unknown, and is listed
/// with its line and column.
#[test]
fn pingtan_single_line_crawler_copy() {
    let imported = import_str(&input("pingtan-2023")).expect("imports");
    assert_eq!(imported.layout, Layout::PlainText);
    let mut want = expected("pingtan-2023");
    let unknown = imported.unknown_cells();
    assert_eq!(
        unknown,
        (0..3)
            .map(|col| nianbao::model::CellRef::A {
                field: "normative_documents",
                col
            })
            .collect::<Vec<_>>(),
        "{:#?}",
        imported.unknown
    );
    assert_eq!(imported.unknown[0].line, Some(12));
    assert!(imported.unknown[0].col.is_some_and(|c| c > 1000));
    // Unknown cells are imported as 0.
    want.proactive.normative_documents = Default::default();
    assert_same("pingtan-2023", &imported.report, &want);
    assert_eq!(imported.exit_code(), 1);
}

/// The real 2019-format page (上海市人民政府办公厅 2019, the HTML as stored: a `# source:` line,
/// then the page's paragraphs and tables) imports to exactly examples/shanghai-2019.yaml: the
/// five blocks of table A, `251000元` as 25.1 万元 (said in the account), the single （六）
/// row, and the 总计 cells left blank on the detail rows as published (blank: 0, listed).
#[test]
fn shanghai_2019_saved_html() {
    use nianbao::model::schema::{FormatVersion, B_TOTAL_COL};
    use nianbao::model::CellRef;
    let text = std::fs::read(format!(
        "{}/tests/import_data/shanghai-2019.html",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("example");
    let imported = nianbao::import::import_bytes(&text).expect("imports");
    assert_eq!(imported.layout, Layout::Html);
    assert_eq!(imported.report.version(), FormatVersion::V2019);
    let want = expected("shanghai-2019");
    assert_eq!(
        imported.report.proactive_2019, want.proactive_2019,
        "table A"
    );
    assert_same("shanghai-2019", &imported.report, &want);
    assert!(imported.unknown.is_empty(), "{:#?}", imported.unknown);
    assert_eq!(imported.exit_code(), 0);
    assert!(
        imported.recognised.iter().any(|r| r.contains("2019 年版")),
        "{:#?}",
        imported.recognised
    );
    // The unit printed in the cell, converted and said so.
    assert_eq!(imported.converted.len(), 1, "{:#?}", imported.converted);
    assert!(imported.converted[0].message.contains("251000元"));
    assert!(imported.converted[0].message.contains("25.1 万元"));
    assert_eq!(
        imported.converted[0].cells,
        vec![CellRef::A {
            field: "procurement",
            col: 1
        }]
    );
    // The detail rows' blank 总计 are listed as blanks (one per row of （一）…（六） that
    // prints no total), not computed.
    let blank_totals = imported
        .blanks
        .iter()
        .filter(|n| {
            matches!(
                n.cells[..],
                [CellRef::B {
                    col: B_TOTAL_COL,
                    ..
                }]
            )
        })
        .count();
    assert_eq!(blank_totals, 19, "{:#?}", imported.blanks);
}
