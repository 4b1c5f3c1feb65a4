//! The Word file in a real word processor and read back structurally.
//!
//! LibreOffice (headless, one start for every file) converts the exported .docx of each
//! example, and of a report with hostile text in every field, to PDF; `pdftotext -layout`
//! of it imports back as the report (every number and every part equal; prose compared
//! without spaces, which LibreOffice's CJK line breaking and font fallback move — see
//! docs/decisions/publish.md). The package's XML is read back: the merged cells are real
//! merges (gridSpan / vMerge), header rows repeat, fonts and sizes are those of official
//! documents, A4, page numbers `— 1 —`. soffice or pdftotext missing: the test fails.

mod common;

use common::external::{import_printed, pdftotext, soffice_to_pdf};
use common::reports::spaceless;
use nianbao::model::{Part, Report};
use nianbao::publish::{doc, render, Format};
use quick_xml::events::Event;
use std::collections::BTreeMap;
use std::io::Read;

const EXAMPLES: [&str; 4] = [
    "gulou-kegongxin-2023.yaml",
    "hongze-2023.yaml",
    "hongze-2024.yaml",
    "huaian-2024.yaml",
];

const HOSTILE: &str = "甲\u{1b}[31m乙\u{1b}]0;标题\u{7}<script>alert(1)</script>&amp;]]><![CDATA[x]]>\"'\u{0}\u{fffe}丙";

fn hostile() -> Report {
    let mut r = common::examples::example("huaian-2024.yaml");
    let long = format!("{HOSTILE}{}", "很长的一行没有标点".repeat(300));
    r.agency = HOSTILE.into();
    r.title = Some(format!("标题{HOSTILE}"));
    r.preamble = long.clone();
    r.overview = vec![Part::new(HOSTILE, long.clone()), Part::new("", HOSTILE)];
    r.problems = vec![Part::new(HOSTILE, HOSTILE)];
    r.other_matters = vec![Part::new(HOSTILE, long)];
    r
}

fn without_spaces(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn converted_by_libreoffice_every_example_imports_back_equal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut files = Vec::new();
    for name in EXAMPLES {
        let p = dir.path().join(name).with_extension("docx");
        std::fs::write(&p, render(&common::examples::example(name), Format::Docx)).expect("write");
        files.push(p);
    }
    let bad = dir.path().join("hostile.docx");
    std::fs::write(&bad, render(&hostile(), Format::Docx)).expect("write");
    files.push(bad);
    let out = dir.path().join("pdf");
    soffice_to_pdf(&files, &out, &dir.path().join("profile"));
    let mut failures = Vec::new();
    for name in EXAMPLES {
        let pdf = out.join(name).with_extension("pdf");
        assert!(pdf.is_file(), "LibreOffice did not convert {name}");
        let text = pdftotext(&pdf);
        let Some(got) = import_printed(name, &text, &mut failures) else {
            continue;
        };
        let want = doc::as_published(&common::examples::example(name));
        // Numbers exactly, prose without spaces.
        assert_eq!(
            got.report.requests, want.requests,
            "{name}: table B\n{text}"
        );
        assert_eq!(
            got.report.proactive, want.proactive,
            "{name}: table A\n{text}"
        );
        assert_eq!(got.report.appeals, want.appeals, "{name}: table C\n{text}");
        if spaceless(&got.report) != spaceless(&want) {
            failures.push(format!(
                "{name}: not equal\nwant:\n{}\ngot:\n{}",
                nianbao::yaml::to_yaml(&spaceless(&want)),
                nianbao::yaml::to_yaml(&spaceless(&got.report))
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    // The hostile report opens: LibreOffice converted it, and its text is shown as text.
    let text = without_spaces(&pdftotext(&out.join("hostile.pdf")));
    assert!(
        text.contains("<script>alert(1)</script>&amp;]]><![CDATA[x]]>"),
        "{text}"
    );
    assert!(text.contains("␛[31m"), "{text}");
}

/// One part of the .docx package as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut f = zip
        .by_name(name)
        .unwrap_or_else(|_| panic!("{name} in the package"));
    let mut s = String::new();
    f.read_to_string(&mut s).expect("UTF-8 XML");
    s
}

fn attr(e: &quick_xml::events::BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name.as_bytes())
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// A cell as read from the XML: gridSpan, vMerge ("restart", "continue") and its text.
#[derive(Debug, Default, Clone)]
struct XCell {
    span: usize,
    vmerge: Option<String>,
    text: String,
}

#[derive(Debug, Default)]
struct XTable {
    rows: Vec<Vec<XCell>>,
    header_rows: usize,
    grid: Vec<usize>,
}

#[derive(Debug, Default)]
struct XDoc {
    tables: Vec<XTable>,
    /// Paragraph text → (east-Asian font, size in half-points) of its first run.
    runs: Vec<(String, String, String)>,
    page: (String, String),
}

impl XDoc {
    /// The last cell read so far (the last of the last row of the last table), if any.
    fn last_cell(&mut self) -> Option<&mut XCell> {
        self.tables
            .last_mut()
            .and_then(|t| t.rows.last_mut())
            .and_then(|r| r.last_mut())
    }

    /// The cell being read; panics outside one.
    fn cell(&mut self) -> &mut XCell {
        self.last_cell().expect("in a cell")
    }

    /// Text of a run: also the current cell's when the run is inside a table.
    fn cell_text(&mut self, in_table: bool, s: &str) {
        if let Some(c) = self.last_cell().filter(|_| in_table) {
            c.text.push_str(s);
        }
    }
}

fn read_document(xml: &str) -> XDoc {
    let mut r = quick_xml::Reader::from_str(xml);
    let mut d = XDoc::default();
    let mut depth_tbl = 0;
    let (mut font, mut size, mut text) = (String::new(), String::new(), String::new());
    let mut in_t = false;
    loop {
        match r.read_event().expect("well-formed XML") {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let name = e.name();
                match name.as_ref() {
                    b"w:tbl" => {
                        depth_tbl += 1;
                        d.tables.push(XTable::default());
                    }
                    b"w:tr" => d
                        .tables
                        .last_mut()
                        .expect("in a table")
                        .rows
                        .push(Vec::new()),
                    b"w:tc" => d
                        .tables
                        .last_mut()
                        .and_then(|t| t.rows.last_mut())
                        .expect("in a row")
                        .push(XCell {
                            span: 1,
                            ..XCell::default()
                        }),
                    b"w:gridSpan" => {
                        d.cell().span = attr(&e, "w:val")
                            .and_then(|v| v.parse().ok())
                            .expect("a span");
                    }
                    b"w:vMerge" => {
                        d.cell().vmerge =
                            Some(attr(&e, "w:val").unwrap_or_else(|| "continue".into()));
                    }
                    b"w:tblHeader" => d.tables.last_mut().expect("in a table").header_rows += 1,
                    b"w:gridCol" => d.tables.last_mut().expect("in a table").grid.push(
                        attr(&e, "w:w")
                            .and_then(|v| v.parse().ok())
                            .expect("a width"),
                    ),
                    b"w:p" if depth_tbl == 0 => {
                        font.clear();
                        size.clear();
                        text.clear();
                    }
                    b"w:rFonts" if font.is_empty() => {
                        font = attr(&e, "w:eastAsia").unwrap_or_default()
                    }
                    b"w:sz" if size.is_empty() => size = attr(&e, "w:val").unwrap_or_default(),
                    b"w:t" => in_t = true,
                    b"w:pgSz" => {
                        d.page = (
                            attr(&e, "w:w").unwrap_or_default(),
                            attr(&e, "w:h").unwrap_or_default(),
                        )
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_t => {
                let s = String::from_utf8_lossy(&t).into_owned();
                text.push_str(&s);
                d.cell_text(depth_tbl > 0, &s);
            }
            Event::GeneralRef(g) if in_t => {
                let name: &[u8] = &g;
                let s = match name {
                    b"amp" => "&",
                    b"lt" => "<",
                    b"gt" => ">",
                    b"quot" => "\"",
                    b"apos" => "'",
                    _ => "?",
                };
                text.push_str(s);
                d.cell_text(depth_tbl > 0, s);
            }
            Event::End(e) => match e.name().as_ref() {
                b"w:tbl" => depth_tbl -= 1,
                b"w:t" => in_t = false,
                b"w:p" if depth_tbl == 0 => d.runs.push((text.clone(), font.clone(), size.clone())),
                _ => {}
            },
            _ => {}
        }
    }
    d
}

#[test]
fn the_docx_has_real_merges_fonts_sizes_and_page_numbers() {
    let r = common::examples::example("huaian-2024.yaml");
    let bytes = render(&r, Format::Docx);
    let d = read_document(&part(&bytes, "word/document.xml"));
    assert_eq!(d.page, ("11906".into(), "16838".into()), "A4");
    assert_eq!(d.tables.len(), 3);
    // Every row of a table covers the whole grid.
    for (k, t) in d.tables.iter().enumerate() {
        for (i, row) in t.rows.iter().enumerate() {
            let cols: usize = row.iter().map(|c| c.span).sum();
            assert_eq!(cols, t.grid.len(), "table {k} row {i}: {row:?}");
        }
    }
    let (a, b, c) = (&d.tables[0], &d.tables[1], &d.tables[2]);
    // Table A: the article rows span the four columns.
    assert_eq!(a.grid.len(), 4);
    assert_eq!(a.rows[0].len(), 1);
    assert_eq!(a.rows[0][0].span, 4);
    assert_eq!(a.rows[0][0].text, "第二十条第（一）项");
    // Table B: the corner over 3 rows and 3 columns, 申请人情况 over 7, 自然人 and 总计 over
    // two rows, 法人或其他组织 over 5, 三、本年度办理结果 down 22 rows.
    assert_eq!(b.grid.len(), 10);
    assert_eq!(b.header_rows, 3, "table B repeats its three header rows");
    assert_eq!(b.rows[0][0].span, 3);
    assert_eq!(b.rows[0][0].vmerge.as_deref(), Some("restart"));
    assert!(b.rows[0][0].text.starts_with("（本列数据的勾稽关系为"));
    assert_eq!(
        (b.rows[0][1].span, b.rows[0][1].text.as_str()),
        (7, "申请人情况")
    );
    for k in 1..3 {
        assert_eq!(b.rows[k][0].span, 3);
        assert_eq!(b.rows[k][0].vmerge.as_deref(), Some("continue"));
    }
    assert_eq!(b.rows[1][1].text, "自然人");
    assert_eq!(b.rows[1][1].vmerge.as_deref(), Some("restart"));
    assert_eq!(b.rows[2][1].vmerge.as_deref(), Some("continue"));
    assert_eq!(
        (b.rows[1][2].span, b.rows[1][2].text.as_str()),
        (5, "法人或其他组织")
    );
    let outcome: Vec<&XCell> = b.rows[5..27].iter().map(|r| &r[0]).collect();
    assert_eq!(outcome[0].text, "三、本年度办理结果");
    assert_eq!(outcome[0].vmerge.as_deref(), Some("restart"));
    assert!(outcome[1..]
        .iter()
        .all(|c| c.vmerge.as_deref() == Some("continue")));
    assert_eq!(b.rows[27][0].vmerge, None, "四、结转下年度 is not merged");
    // （三）不予公开 down its 8 rows.
    let withheld = b
        .rows
        .iter()
        .position(|r| r.iter().any(|c| c.text == "（三）不予公开"))
        .expect("（三）");
    let col = b.rows[withheld]
        .iter()
        .position(|c| c.text == "（三）不予公开")
        .expect("cell");
    assert_eq!(b.rows[withheld][col].vmerge.as_deref(), Some("restart"));
    for k in 1..8 {
        assert_eq!(
            b.rows[withheld + k][col].vmerge.as_deref(),
            Some("continue")
        );
    }
    assert_eq!(
        b.rows[withheld + 8][col].vmerge.as_deref(),
        Some("restart"),
        "（四） follows"
    );
    // Table C: 行政复议 over 5, 行政诉讼 over 10, then the two kinds over 5 each.
    assert_eq!(c.header_rows, 3);
    assert_eq!(
        (c.rows[0][0].span, c.rows[0][0].text.as_str()),
        (5, "行政复议")
    );
    assert_eq!(
        (c.rows[0][1].span, c.rows[0][1].text.as_str()),
        (10, "行政诉讼")
    );
    assert_eq!(c.rows[1][5].span, 5);
    assert_eq!(c.rows[1][5].text, "未经复议直接起诉");
    assert_eq!(c.rows[1][6].text, "复议后起诉");
    // Fonts and sizes: title 方正小标宋简体 22 pt, headings 黑体, parts 楷体_GB2312, body
    // 仿宋_GB2312 16 pt.
    let find = |t: &str| {
        d.runs
            .iter()
            .find(|(x, _, _)| x.starts_with(t))
            .unwrap_or_else(|| panic!("paragraph {t}"))
    };
    assert_eq!(find("淮安市人民政府2024年").1, "方正小标宋简体");
    assert_eq!(find("淮安市人民政府2024年").2, "44");
    assert_eq!(find("一、总体情况").1, "黑体");
    assert_eq!(find("一、总体情况").2, "32");
    assert_eq!(find("（一）").1, "楷体_GB2312");
    assert_eq!(find("2024\u{a0}年").1, "仿宋_GB2312");
    assert_eq!(find("2024\u{a0}年").2, "32");
    let xml = part(&bytes, "word/document.xml");
    assert!(
        xml.contains("w:firstLine=\"640\""),
        "two-character first-line indent"
    );
    assert!(
        xml.contains("w:line=\"560\" w:lineRule=\"exact\""),
        "28 pt fixed line spacing"
    );
    assert!(xml.contains("<w:sz w:val=\"21\" />"), "tables in 10.5 pt");
    // Page numbers `— 1 —` at the foot.
    let footer = part(&bytes, "word/footer1.xml");
    assert!(
        footer.contains("—\u{a0}</w:t>")
            && footer.contains("PAGE")
            && footer.contains("\u{a0}—</w:t>"),
        "{footer}"
    );
}

#[test]
fn hostile_text_gives_well_formed_xml_shown_as_text() {
    let bytes = render(&hostile(), Format::Docx);
    let xml = part(&bytes, "word/document.xml");
    let d = read_document(&xml);
    let all: String = d.runs.iter().map(|r| r.0.as_str()).collect();
    assert!(
        all.contains("<script>alert(1)</script>&amp;]]><![CDATA[x]]>"),
        "{all}"
    );
    assert!(!xml.contains("<script>"));
    assert!(!xml
        .chars()
        .any(|c| (c as u32) < 0x20 && c != '\n' && c != '\r' && c != '\t'));
    let _ = BTreeMap::<u8, u8>::new();
}
