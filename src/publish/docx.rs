//! Word (.docx) through docx-rs: A4 and the conventions of Chinese official documents
//! (GB/T 9704): title in 方正小标宋简体 二号 (22 pt) centred; body 仿宋_GB2312 三号 (16 pt) with a
//! two-character first-line indent and a fixed line spacing of 28 pt; section headings in
//! 黑体, part headings in 楷体_GB2312; page numbers at the foot as `— 1 —` (4号, odd pages on
//! the right, even pages on the left). Tables in 10.5 pt with the same merged cells as the
//! HTML (gridSpan / vMerge), their header rows repeated when a table crosses a page. Fonts
//! are named, not embedded: the agency's machine has them.

use super::doc::{Block, Document, Grid, Role, Slot};
use docx_rs::{
    AlignmentType, Docx, Footer, LineSpacing, LineSpacingType, PageMargin, PageNum, Paragraph, Run,
    RunFonts, SpecialIndentType, Table, TableCell, TableLayoutType, TableRow, VAlignType,
    VMergeType, WidthType,
};

/// 方正小标宋简体: the title.
pub const TITLE_FONT: &str = "方正小标宋简体";
/// 仿宋_GB2312: the body.
pub const BODY_FONT: &str = "仿宋_GB2312";
/// 黑体: section headings.
pub const SECTION_FONT: &str = "黑体";
/// 楷体_GB2312: part headings.
pub const PART_FONT: &str = "楷体_GB2312";
/// 宋体: page numbers.
pub const PAGE_NUMBER_FONT: &str = "宋体";

/// Sizes in half-points, as WordprocessingML counts them.
pub mod size {
    /// 二号, 22 pt.
    pub const TITLE: usize = 44;
    /// 三号, 16 pt.
    pub const BODY: usize = 32;
    /// 五号, 10.5 pt.
    pub const TABLE: usize = 21;
    /// 四号, 14 pt.
    pub const PAGE_NUMBER: usize = 28;
}

/// Fixed line spacing of the body, in twentieths of a point (28 pt).
pub const LINE_TWIPS: i32 = 560;

/// A4 in twips, and the margins of GB/T 9704 (top 37 mm, bottom 35 mm, left 28 mm, right
/// 26 mm).
const PAGE_W: u32 = 11906;
const PAGE_H: u32 = 16838;
const MARGIN_TOP: i32 = 2098;
const MARGIN_BOTTOM: i32 = 1984;
const MARGIN_LEFT: i32 = 1588;
const MARGIN_RIGHT: i32 = 1474;
const TEXT_W: usize = (PAGE_W as i32 - MARGIN_LEFT - MARGIN_RIGHT) as usize;

fn fonts(name: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(name)
        .ascii(name)
        .hi_ansi(name)
        .cs(name)
}

/// XML 1.0 cannot carry U+FFFE / U+FFFF (the document model has already made control
/// characters visible). A space becomes a no-break space: a line never breaks at a space
/// (`文件 11 件`), where a reader copying from the printed page would lose it.
fn xml_safe(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{fffe}' | '\u{ffff}' => '\u{fffd}',
            ' ' => '\u{a0}',
            c => c,
        })
        .collect()
}

fn run(text: &str, font: &str, size: usize) -> Run {
    Run::new()
        .add_text(xml_safe(text))
        .fonts(fonts(font))
        .size(size)
}

fn exact() -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(LINE_TWIPS)
        .before(0)
        .after(0)
}

/// A body paragraph: first line indented two characters (2 × 16 pt).
fn body(text: &str, font: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, font, size::BODY))
        .indent(None, Some(SpecialIndentType::FirstLine(640)), None, None)
        .first_line_chars(200)
        .line_spacing(exact())
        .align(AlignmentType::Left)
}

fn page_number(align: AlignmentType) -> Footer {
    let r = |t: &str| run(t, PAGE_NUMBER_FONT, size::PAGE_NUMBER);
    let p = Paragraph::new()
        .add_run(r("— "))
        .add_page_num(PageNum::new())
        .add_run(r(" —"))
        .size(size::PAGE_NUMBER)
        .fonts(fonts(PAGE_NUMBER_FONT))
        .align(align);
    // One character from the edge (GB/T 9704).
    let p = match align {
        AlignmentType::Right => p.indent(None, None, Some(280), None),
        _ => p.indent(Some(280), None, None, None),
    };
    Footer::new().add_paragraph(p)
}

/// Renders the document as a .docx package.
pub fn render(d: &Document) -> Vec<u8> {
    let mut docx = Docx::new()
        .page_size(PAGE_W, PAGE_H)
        .page_margin(PageMargin {
            top: MARGIN_TOP,
            left: MARGIN_LEFT,
            bottom: MARGIN_BOTTOM,
            right: MARGIN_RIGHT,
            header: 851,
            footer: 992,
            gutter: 0,
        })
        .default_fonts(fonts(BODY_FONT))
        .default_size(size::BODY)
        .footer(page_number(AlignmentType::Right))
        .even_footer(page_number(AlignmentType::Left));
    let mut title = Paragraph::new();
    for (i, l) in d.title_lines.iter().enumerate() {
        let mut r = run(l, TITLE_FONT, size::TITLE);
        if i + 1 < d.title_lines.len() {
            r = r.add_break(docx_rs::BreakType::TextWrapping);
        }
        title = title.add_run(r);
    }
    docx = docx.add_paragraph(
        title.align(AlignmentType::Center).line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::Exact)
                .line(700)
                .after(560),
        ),
    );
    for p in &d.preamble {
        docx = docx.add_paragraph(body(p, BODY_FONT));
    }
    for sec in &d.sections {
        docx = docx.add_paragraph(body(&sec.heading, SECTION_FONT).keep_next(true));
        for b in &sec.blocks {
            docx = match b {
                Block::PartHeading { number, text, .. } => {
                    docx.add_paragraph(body(&format!("{number}{text}"), PART_FONT).keep_next(true))
                }
                Block::Paragraph { text, .. } => docx.add_paragraph(body(text, BODY_FONT)),
                Block::Table(g) => docx.add_table(table(g)).add_paragraph(
                    Paragraph::new()
                        .line_spacing(LineSpacing::new().line(240).after(0))
                        .size(size::TABLE),
                ),
            };
        }
    }
    let mut xml = docx.build();
    // docx-rs has no w:tblHeader: header rows are built with w:cantSplit only, and marked
    // as repeated header rows here.
    xml.document = mark_header_rows(&xml.document);
    xml.styles = plain_punctuation(&xml.styles);
    xml.document = String::from_utf8_lossy(&xml.document)
        .replace("<w:pPr>", PLAIN_PPR)
        .into_bytes();
    let mut out = std::io::Cursor::new(Vec::with_capacity(32 * 1024));
    xml.pack(&mut out)
        .expect("writing a zip archive to memory does not fail");
    out.into_inner()
}

/// The text as typed, also for a reader copying from a PDF of it: no punctuation hung into
/// the margin (a comma at the end of a line would vanish), no extra space between Chinese
/// and Latin letters or digits (it would read as a space). Set once, in the document
/// defaults (docx-rs has no setting for them).
const PLAIN_PPR: &str = "<w:pPr><w:overflowPunct w:val=\"0\" /><w:autoSpaceDE w:val=\"0\" /><w:autoSpaceDN w:val=\"0\" />";

fn plain_punctuation(styles: &[u8]) -> Vec<u8> {
    String::from_utf8_lossy(styles)
        .replacen(
            "<w:pPrDefault><w:pPr>",
            "<w:pPrDefault><w:pPr><w:overflowPunct w:val=\"0\" /><w:autoSpaceDE w:val=\"0\" /><w:autoSpaceDN w:val=\"0\" />",
            1,
        )
        .replacen(
            "</w:rPr></w:rPrDefault>",
            "<w:lang w:val=\"zh-CN\" w:eastAsia=\"zh-CN\" /></w:rPr></w:rPrDefault>",
            1,
        )
        .into_bytes()
}

fn mark_header_rows(document: &[u8]) -> Vec<u8> {
    let s = String::from_utf8_lossy(document);
    s.replace("<w:cantSplit />", "<w:cantSplit /><w:tblHeader />")
        .into_bytes()
}

/// Left and right margin inside a table cell (twips).
const CELL_MARGIN: usize = 57;

/// Widths of the grid columns in twips: in proportion to the model's widths, each number
/// column at least as wide as its longest number (a number never wraps), the label columns
/// giving up what that takes.
pub fn column_twips(g: &Grid) -> Vec<usize> {
    let total: usize = g
        .widths
        .iter()
        .map(|w| usize::from(*w))
        .sum::<usize>()
        .max(1);
    let mut w: Vec<usize> = g
        .widths
        .iter()
        .map(|x| usize::from(*x) * TEXT_W / total)
        .collect();
    let mut need = vec![0usize; g.columns];
    for c in g.rows.iter().flatten() {
        if c.cols == 1 && c.role == Role::Number {
            // A digit at 10.5 pt is about 5.3 pt (106 twips) wide.
            let n = c.text.chars().count() * 110 + 2 * CELL_MARGIN + 40;
            need[c.col] = need[c.col].max(n);
        }
    }
    let deficit: usize = (0..g.columns).map(|i| need[i].saturating_sub(w[i])).sum();
    if deficit > 0 {
        let donors: Vec<usize> = (0..g.columns).filter(|&i| need[i] == 0).collect();
        let spare: usize = donors.iter().map(|&i| w[i]).sum::<usize>().max(1);
        for i in 0..g.columns {
            w[i] = w[i].max(need[i]);
        }
        for &i in &donors {
            w[i] = w[i].saturating_sub(deficit * w[i] / spare).max(300);
        }
    }
    w
}

fn table(g: &Grid) -> Table {
    let grid = column_twips(g);
    let slots = g.slots();
    let mut rows = Vec::with_capacity(g.rows.len());
    for (r, line) in slots.iter().enumerate() {
        let mut cells = Vec::new();
        for (c, slot) in line.iter().enumerate() {
            match slot {
                Some(Slot::Start(cell)) => {
                    let width: usize = grid[c..c + cell.cols].iter().sum();
                    let align = match cell.role {
                        Role::Label => AlignmentType::Left,
                        _ => AlignmentType::Center,
                    };
                    let mut tc = TableCell::new()
                        .add_paragraph(
                            Paragraph::new()
                                .add_run(run(&cell.text, BODY_FONT, size::TABLE))
                                .align(align)
                                .line_spacing(LineSpacing::new().line(240).before(0).after(0)),
                        )
                        .width(width, WidthType::Dxa)
                        .vertical_align(VAlignType::Center);
                    if cell.cols > 1 {
                        tc = tc.grid_span(cell.cols);
                    }
                    if cell.rows > 1 {
                        tc = tc.vertical_merge(VMergeType::Restart);
                    }
                    cells.push(tc);
                }
                // The rows below the first of a vertically merged cell: a continuing cell
                // as wide as the merged one.
                Some(Slot::Covered { row, col }) if *row < r && *col == c => {
                    let cell = g.rows[*row]
                        .iter()
                        .find(|x| x.col == *col)
                        .expect("a covering cell starts where the slot says");
                    let width: usize = grid[c..c + cell.cols].iter().sum();
                    let mut tc = TableCell::new()
                        .add_paragraph(Paragraph::new().size(size::TABLE))
                        .width(width, WidthType::Dxa)
                        .vertical_merge(VMergeType::Continue);
                    if cell.cols > 1 {
                        tc = tc.grid_span(cell.cols);
                    }
                    cells.push(tc);
                }
                // Covered from the left (part of a gridSpan), or a hole: nothing to write.
                _ => {}
            }
        }
        let mut row = TableRow::new(cells);
        if r < g.header_rows {
            row = row.cant_split();
        }
        rows.push(row);
    }
    Table::new(rows)
        .margins(docx_rs::TableCellMargins::new().margin(0, CELL_MARGIN, 0, CELL_MARGIN))
        .set_grid(grid)
        .width(TEXT_W, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Report;
    use crate::publish::doc::build;

    #[test]
    fn a_docx_is_a_zip_with_a_document() {
        let bytes = render(&build(&crate::rules::testdata::hongze2023()));
        assert_eq!(&bytes[..2], b"PK");
        assert!(bytes.len() > 2000);
    }

    #[test]
    fn header_rows_are_marked() {
        let x = String::from_utf8(mark_header_rows(b"<w:trPr><w:cantSplit /></w:trPr>")).unwrap();
        assert_eq!(x, "<w:trPr><w:cantSplit /><w:tblHeader /></w:trPr>");
        let _ = Report::new("某局", 2023);
    }
}
