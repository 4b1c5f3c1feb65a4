//! The report as published: title, preamble, the six sections with their numbered parts,
//! and tables A, B and C as grids of cells with the merged cells of the national format.
//!
//! Every label comes from [`crate::model::schema`]; every text from the report is cleaned
//! of control characters here ([`crate::text`]), so no renderer has to. The renderers
//! (HTML, .docx, Markdown, plain text) and the terminal's views only lay this model out.

use crate::model::schema::{
    A_CONTENT_HEADER, B_APPLICANT_HEADER, B_COLS, B_COLUMNS, B_CORNER, B_LEGAL_ENTITY_GROUP,
    C_COLUMNS, C_GROUPS, SECTIONS,
};
use crate::model::{CellRef, ProcessingFees, ProseSection, Report};
use crate::text::{clean_line, clean_text};

/// Which of the three tables a grid is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TableId {
    /// 二、主动公开政府信息情况.
    A,
    /// 三、收到和处理政府信息公开申请情况.
    B,
    /// 四、政府信息公开行政复议、行政诉讼情况.
    C,
}

/// What a cell of a grid holds (chooses its alignment and style).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A column heading (or table A's article row).
    Header,
    /// A row label.
    Label,
    /// A number from the report.
    Number,
}

/// One cell of a grid, placed at its top-left corner and spanning `rows` × `cols`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The text as printed.
    pub text: String,
    /// Grid column of its left edge.
    pub col: usize,
    /// Rows it spans (≥ 1).
    pub rows: usize,
    /// Columns it spans (≥ 1).
    pub cols: usize,
    /// Heading, label or number.
    pub role: Role,
    /// The report's cell a number shows.
    pub at: Option<CellRef>,
}

impl Cell {
    fn new(text: impl Into<String>, col: usize, rows: usize, cols: usize, role: Role) -> Cell {
        Cell {
            text: text.into(),
            col,
            rows,
            cols,
            role,
            at: None,
        }
    }

    fn number(text: String, col: usize, cols: usize, at: CellRef) -> Cell {
        Cell {
            text,
            col,
            rows: 1,
            cols,
            role: Role::Number,
            at: Some(at),
        }
    }
}

/// A table as a grid: each row lists the cells that start in it (as HTML does); a cell
/// spanning several rows is covered in the rows below.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    /// Which table.
    pub table: TableId,
    /// Number of grid columns.
    pub columns: usize,
    /// How many rows at the top are header rows (repeated on each page).
    pub header_rows: usize,
    /// Relative widths of the grid columns (sum is arbitrary).
    pub widths: Vec<u16>,
    /// The rows.
    pub rows: Vec<Vec<Cell>>,
}

/// What a grid position holds: the start of a cell, or a position covered by a cell that
/// starts above or to the left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot<'a> {
    /// The cell starts here.
    Start(&'a Cell),
    /// Covered by the cell starting at (row, col).
    Covered {
        /// Row of the covering cell.
        row: usize,
        /// Column of the covering cell.
        col: usize,
    },
}

impl Grid {
    /// Every grid position, row by row: which cell starts or covers it. `None` marks a hole
    /// (never in the grids this module builds).
    pub fn slots(&self) -> Vec<Vec<Option<Slot<'_>>>> {
        let mut out: Vec<Vec<Option<Slot<'_>>>> = vec![vec![None; self.columns]; self.rows.len()];
        for (r, row) in self.rows.iter().enumerate() {
            for c in row {
                for dr in 0..c.rows {
                    for dc in 0..c.cols {
                        let (y, x) = (r + dr, c.col + dc);
                        if y < out.len() && x < self.columns {
                            out[y][x] = Some(if dr == 0 && dc == 0 {
                                Slot::Start(c)
                            } else {
                                Slot::Covered { row: r, col: c.col }
                            });
                        }
                    }
                }
            }
        }
        out
    }
}

/// One block of a section, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A part's heading, printed as its own paragraph: `（一）主动公开情况`.
    PartHeading {
        /// `（一）`.
        number: String,
        /// The heading's text.
        text: String,
        /// Index of the part in its section.
        part: usize,
    },
    /// A paragraph of prose (first line indented two characters when printed).
    Paragraph {
        /// The text, one paragraph, no newlines.
        text: String,
        /// The part it belongs to (`None` for text the document adds, such as the fees).
        part: Option<usize>,
    },
    /// A table.
    Table(Grid),
}

/// One of the six sections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// `一、总体情况`.
    pub heading: String,
    /// Index 0 (一) … 5 (六).
    pub index: usize,
    /// The prose section it shows, for 一, 五 and 六.
    pub prose: Option<ProseSection>,
    /// Its content.
    pub blocks: Vec<Block>,
}

/// The report as published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The title (`{机关名称}{年份}年政府信息公开工作年度报告` unless the report gives one).
    pub title: String,
    /// The title as printed on the page, line by line: the standard title breaks after the
    /// agency's name (`洪泽区人民政府` / `2023年政府信息公开工作年度报告`), as official titles
    /// break by meaning rather than where the line is full.
    pub title_lines: Vec<String>,
    /// The paragraphs of the preamble (may be none).
    pub preamble: Vec<String>,
    /// The six sections, in order.
    pub sections: Vec<Section>,
}

/// Part numbering as printed: `（一）`, `（二）` … `（十一）`.
pub fn part_number(n: usize) -> String {
    format!("（{}）", chinese_number(n))
}

/// A positive number in Chinese numerals (1 → 一, 12 → 十二, 20 → 二十); beyond 99 digits.
pub fn chinese_number(n: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n].into(),
        10 => "十".into(),
        11..=19 => format!("十{}", D[n - 10]),
        20..=99 if n.is_multiple_of(10) => format!("{}十", D[n / 10]),
        20..=99 => format!("{}十{}", D[n / 10], D[n % 10]),
        _ => n.to_string(),
    }
}

/// The sentence that states the 信息处理费 when the prose of 六 does not.
pub fn fee_sentence(f: &ProcessingFees) -> String {
    format!(
        "本年度共发出收费通知书 {} 件，通知收费金额为 {} 元，实际收取信息处理费 {} 元。",
        f.notices, f.amount_notified_yuan, f.amount_collected_yuan
    )
}

/// Whether the prose of 六 already states the report's 信息处理费 (as the importer reads it).
/// Always true in a format without 信息处理费 (the 2019 format, FORMAT.md §7): the document
/// adds no fee sentence there.
pub fn fees_stated(report: &Report) -> bool {
    report.tables().fee_fields.is_empty()
        || crate::import::fees_stated_in(&report.other_matters) == report.processing_fees
}

/// The report as its published document states it: when the prose of 六 does not state
/// the 信息处理费, the document opens 六 with [`fee_sentence`], so importing the published
/// document gives this report.
pub fn as_published(report: &Report) -> Report {
    let mut r = report.clone();
    if !fees_stated(report) {
        let sentence = fee_sentence(&report.processing_fees);
        match r.other_matters.first_mut() {
            Some(p) if p.heading.trim().is_empty() => {
                p.body = if p.body.trim().is_empty() {
                    sentence
                } else {
                    format!("{sentence}\n{}", p.body)
                };
            }
            _ => r
                .other_matters
                .insert(0, crate::model::Part::new("", sentence)),
        }
    }
    r
}

/// Builds the published document of a report.
pub fn build(report: &Report) -> Document {
    let preamble = paragraphs(&report.preamble);
    let mut sections = Vec::with_capacity(SECTIONS.len());
    for (i, s) in SECTIONS.iter().enumerate() {
        let (prose, blocks) = match i {
            0 => (
                Some(ProseSection::Overview),
                prose(report, ProseSection::Overview),
            ),
            1 => (None, vec![Block::Table(table_a(report))]),
            2 => (None, vec![Block::Table(table_b(report))]),
            3 => (None, vec![Block::Table(table_c(report))]),
            4 => (
                Some(ProseSection::Problems),
                prose(report, ProseSection::Problems),
            ),
            _ => {
                let mut b = Vec::new();
                if !fees_stated(report) {
                    b.push(Block::Paragraph {
                        text: fee_sentence(&report.processing_fees),
                        part: None,
                    });
                }
                b.extend(prose(report, ProseSection::OtherMatters));
                (Some(ProseSection::OtherMatters), b)
            }
        };
        sections.push(Section {
            heading: s.heading(),
            index: i,
            prose,
            blocks,
        });
    }
    let title = clean_line(report.display_title().trim()).into_owned();
    let standard = report.title.as_deref().is_none_or(|t| t.trim().is_empty());
    let agency = clean_line(report.agency.trim()).into_owned();
    let title_lines = match title.strip_prefix(agency.as_str()) {
        Some(rest) if standard && !agency.is_empty() && !rest.is_empty() => {
            vec![agency.clone(), rest.to_string()]
        }
        _ => vec![title.clone()],
    };
    Document {
        title,
        title_lines,
        preamble,
        sections,
    }
}

/// The non-empty paragraphs of a text, cleaned and trimmed.
fn paragraphs(text: &str) -> Vec<String> {
    clean_text(text)
        .split('\n')
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// The blocks of a prose section: headed parts numbered （一）（二）… in order; a part
/// without heading is printed as plain paragraphs.
fn prose(report: &Report, section: ProseSection) -> Vec<Block> {
    let mut out = Vec::new();
    let mut n = 0;
    for (i, p) in report.parts(section).iter().enumerate() {
        let heading = clean_line(p.heading.trim()).into_owned();
        if !heading.is_empty() {
            n += 1;
            out.push(Block::PartHeading {
                number: part_number(n),
                text: heading,
                part: i,
            });
        }
        for text in paragraphs(&p.body) {
            out.push(Block::Paragraph {
                text,
                part: Some(i),
            });
        }
    }
    out
}

/// Table A in the blocks of the report's version of the format: each block an article row
/// over all columns, a heading row (信息内容 and its columns) and its rows. The number columns
/// are split so that every block's columns are equally wide: one column spanning three in
/// the 2021 format's 4-column grid; in the 2019 format's 7-column grid, three columns of two
/// or two of three (as the trial format prints 本年新公开数量 over two columns).
pub fn table_a(report: &Report) -> Grid {
    let t = report.tables();
    // The least common multiple of the blocks' numbers of columns.
    let lcm = t.a_blocks.iter().fold(1usize, |acc, b| {
        let n = b.columns.len().max(1);
        let (mut x, mut y) = (acc, n);
        while y != 0 {
            (x, y) = (y, x % y);
        }
        acc / x * n
    });
    let mut rows = Vec::new();
    for b in t.a_blocks.iter() {
        rows.push(vec![Cell::new(b.article, 0, 1, 1 + lcm, Role::Header)]);
        let span = lcm / b.columns.len().max(1);
        let mut head = vec![Cell::new(A_CONTENT_HEADER, 0, 1, 1, Role::Header)];
        for (c, label) in b.columns.iter().enumerate() {
            head.push(Cell::new(*label, 1 + c * span, 1, span, Role::Header));
        }
        rows.push(head);
        for (key, label) in b.rows {
            let mut row = vec![Cell::new(*label, 0, 1, 1, Role::Label)];
            for c in 0..b.columns.len() {
                let at = CellRef::A { field: key, col: c };
                row.push(Cell::number(
                    report.get(at).to_string(),
                    1 + c * span,
                    span,
                    at,
                ));
            }
            rows.push(row);
        }
    }
    // The label column as wide as three number columns of the 2021 grid (4:3:3:3).
    let mut widths = vec![4 * lcm as u16];
    widths.extend(std::iter::repeat_n(9, lcm));
    if lcm == 3 {
        widths = vec![4, 3, 3, 3];
    }
    Grid {
        table: TableId::A,
        columns: 1 + lcm,
        header_rows: 0,
        widths,
        rows,
    }
}

/// Table B: the corner (the 勾稽 note) over three rows and three label columns,
/// 申请人情况 over the seven columns, 自然人 and 总计 over two header rows, 法人或其他组织 over
/// its five; the row labels 三、本年度办理结果 and （三）…（六） spanning their rows (in the
/// 2019 format （六）其他处理 is one row).
pub fn table_b(report: &Report) -> Grid {
    let t = report.tables();
    let mut rows = vec![
        vec![
            Cell::new(B_CORNER, 0, 3, 3, Role::Header),
            Cell::new(B_APPLICANT_HEADER, 3, 1, B_COLS, Role::Header),
        ],
        vec![
            Cell::new(B_COLUMNS[0].label, 3, 2, 1, Role::Header),
            Cell::new(B_LEGAL_ENTITY_GROUP, 4, 1, 5, Role::Header),
            Cell::new(B_COLUMNS[6].label, 9, 2, 1, Role::Header),
        ],
        B_COLUMNS[1..6]
            .iter()
            .enumerate()
            .map(|(k, c)| Cell::new(c.label, 4 + k, 1, 1, Role::Header))
            .collect(),
    ];
    for (i, r) in t.b_rows.iter().enumerate() {
        let slot = t.b_slots[i];
        let mut row = Vec::new();
        // A group's label starts in the first row under it and spans all its rows.
        for (depth, &g) in r.groups.iter().enumerate() {
            let first = t
                .b_rows
                .iter()
                .position(|x| x.groups.get(depth) == Some(&g));
            if first == Some(i) {
                let n = t
                    .b_rows
                    .iter()
                    .filter(|x| x.groups.get(depth) == Some(&g))
                    .count();
                row.push(Cell::new(t.b_groups[g].label, depth, n, 1, Role::Label));
            }
        }
        let depth = r.groups.len();
        row.push(Cell::new(r.label, depth, 1, 3 - depth, Role::Label));
        for c in 0..B_COLS {
            row.push(Cell::number(
                report.requests.get(slot, c).to_string(),
                3 + c,
                1,
                CellRef::B { row: slot, col: c },
            ));
        }
        rows.push(row);
    }
    Grid {
        table: TableId::B,
        columns: 3 + B_COLS,
        header_rows: 3,
        widths: vec![2, 2, 7, 2, 2, 2, 2, 2, 2, 2],
        rows,
    }
}

/// Table C: 行政复议 over its five columns (whose labels span two header rows), 行政诉讼
/// over ten, 未经复议直接起诉 and 复议后起诉 over five each, then the one row of numbers.
pub fn table_c(report: &Report) -> Grid {
    let n = C_COLUMNS.len();
    let parent = C_GROUPS.iter().find_map(|g| g.parent).unwrap_or_default();
    let mut top = vec![Cell::new(C_GROUPS[0].label, 0, 1, n, Role::Header)];
    top.push(Cell::new(parent, n, 1, n * 2, Role::Header));
    let mut second: Vec<Cell> = C_COLUMNS
        .iter()
        .enumerate()
        .map(|(k, c)| Cell::new(c.label, k, 2, 1, Role::Header))
        .collect();
    for (g, group) in C_GROUPS.iter().enumerate().skip(1) {
        second.push(Cell::new(group.label, g * n, 1, n, Role::Header));
    }
    let mut third = Vec::new();
    for g in 1..C_GROUPS.len() {
        for (k, c) in C_COLUMNS.iter().enumerate() {
            third.push(Cell::new(c.label, g * n + k, 1, 1, Role::Header));
        }
    }
    let mut numbers = Vec::new();
    for g in 0..C_GROUPS.len() {
        for k in 0..n {
            numbers.push(Cell::number(
                report.appeals.cells[g][k].to_string(),
                g * n + k,
                1,
                CellRef::C { group: g, col: k },
            ));
        }
    }
    Grid {
        table: TableId::C,
        columns: n * C_GROUPS.len(),
        header_rows: 3,
        widths: vec![1; n * C_GROUPS.len()],
        rows: vec![top, second, third, numbers],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::schema::{B_GROUPS, B_ROWS};
    use crate::model::Part;

    fn grid_is_exactly_covered(g: &Grid) {
        let slots = g.slots();
        for (r, row) in slots.iter().enumerate() {
            for (c, s) in row.iter().enumerate() {
                assert!(s.is_some(), "{:?}: hole at row {r} col {c}", g.table);
            }
        }
        // No two cells overlap: the sum of the areas is the grid's area.
        let area: usize = g.rows.iter().flatten().map(|c| c.rows * c.cols).sum();
        assert_eq!(area, g.columns * g.rows.len(), "{:?}", g.table);
        assert_eq!(g.widths.len(), g.columns);
    }

    #[test]
    fn the_three_grids_cover_every_position_once() {
        let r = crate::rules::testdata::hongze2023();
        for g in [table_a(&r), table_b(&r), table_c(&r)] {
            grid_is_exactly_covered(&g);
        }
    }

    #[test]
    fn the_2019_grids_are_the_trial_format() {
        use crate::model::schema::FormatVersion;
        let mut r = Report::new_in(FormatVersion::V2019, "某局", 2020);
        r.proactive_2019.licensing.change = -8;
        let a = table_a(&r);
        grid_is_exactly_covered(&a);
        assert_eq!(a.columns, 7);
        // Five blocks: article, heading and rows (2 + 2 + 2 + 1 + 1 rows).
        assert_eq!(a.rows.len(), 5 * 2 + 8);
        let find = |g: &Grid, t: &str| g.rows.iter().flatten().find(|c| c.text == t).cloned();
        assert_eq!(find(&a, "本年新制作数量").unwrap().cols, 2);
        assert_eq!(find(&a, "采购总金额").unwrap().cols, 3);
        assert!(find(&a, "-8").is_some());
        let b = table_b(&r);
        grid_is_exactly_covered(&b);
        assert_eq!(b.rows.len(), 3 + 23);
        let other = find(&b, "（六）其他处理").unwrap();
        assert_eq!((other.rows, other.cols), (1, 2));
        assert_eq!(find(&b, B_GROUPS[0].label).unwrap().rows, 20);
        // No fee sentence in 六.
        assert!(fees_stated(&r));
    }

    #[test]
    fn table_b_has_the_merged_cells_of_the_format() {
        let g = table_b(&Report::new("某局", 2023));
        assert_eq!(g.rows.len(), 3 + B_ROWS.len());
        let find = |t: &str| g.rows.iter().flatten().find(|c| c.text == t).unwrap();
        let corner = find(B_CORNER);
        assert_eq!((corner.rows, corner.cols), (3, 3));
        assert_eq!(find(B_APPLICANT_HEADER).cols, 7);
        assert_eq!(find("自然人").rows, 2);
        assert_eq!(find("总计").rows, 2);
        assert_eq!(find(B_LEGAL_ENTITY_GROUP).cols, 5);
        assert_eq!(find(B_GROUPS[0].label).rows, 22);
        assert_eq!(find(B_GROUPS[1].label).rows, 8);
        assert_eq!(find(B_GROUPS[2].label).rows, 3);
        assert_eq!(find(B_GROUPS[3].label).rows, 5);
        assert_eq!(find(B_GROUPS[4].label).rows, 3);
        assert_eq!(find(B_ROWS[0].label).cols, 3);
        assert_eq!(find(B_ROWS[2].label).cols, 2);
        assert_eq!(find(B_ROWS[4].label).cols, 1);
    }

    #[test]
    fn table_c_groups_span_five_and_ten() {
        let g = table_c(&Report::new("某局", 2023));
        assert_eq!(g.rows[0][0].cols, 5);
        assert_eq!(g.rows[0][1].text, "行政诉讼");
        assert_eq!(g.rows[0][1].cols, 10);
        assert_eq!(g.rows[1][5].text, C_GROUPS[1].label);
        assert_eq!(g.rows[1][5].cols, 5);
        assert_eq!(g.rows[1][0].rows, 2);
    }

    #[test]
    fn parts_are_numbered_in_order_and_unheaded_parts_are_plain() {
        let mut r = Report::new("某局", 2023);
        r.overview = vec![
            Part::new("", "导语。"),
            Part::new("主动公开情况", "第一段。\n\n第二段。"),
            Part::new("依申请公开情况", ""),
        ];
        let d = build(&r);
        let b = &d.sections[0].blocks;
        assert_eq!(b.len(), 5);
        assert!(matches!(&b[0], Block::Paragraph { text, part: Some(0) } if text == "导语。"));
        assert!(
            matches!(&b[1], Block::PartHeading { number, text, .. } if number == "（一）" && text == "主动公开情况")
        );
        assert!(matches!(&b[4], Block::PartHeading { number, .. } if number == "（二）"));
    }

    #[test]
    fn fees_are_stated_once() {
        let mut r = Report::new("某局", 2023);
        r.processing_fees.notices = 2;
        let d = build(&r);
        let six = &d.sections[5].blocks;
        assert!(
            matches!(&six[0], Block::Paragraph { text, part: None } if text.contains("收费通知书 2 件"))
        );
        // A report whose prose states them gets no second statement.
        let p = as_published(&r);
        assert!(fees_stated(&p));
        let d = build(&p);
        assert!(d.sections[5]
            .blocks
            .iter()
            .all(|b| !matches!(b, Block::Paragraph { part: None, .. })));
    }

    #[test]
    fn hostile_text_is_cleaned() {
        let mut r = Report::new("甲\u{1b}[31m局", 2023);
        r.preamble = "前言\u{7}".into();
        let d = build(&r);
        assert!(!d.title.chars().any(crate::text::is_dangerous));
        assert!(!d.preamble[0].chars().any(crate::text::is_dangerous));
    }

    #[test]
    fn chinese_numbers() {
        assert_eq!(part_number(1), "（一）");
        assert_eq!(part_number(10), "（十）");
        assert_eq!(part_number(12), "（十二）");
        assert_eq!(part_number(21), "（二十一）");
    }
}
