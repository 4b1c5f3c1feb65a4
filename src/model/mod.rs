//! The report as data (FORMAT.md, 2021 format). Knows nothing of files or terminals.

pub mod amount;
pub mod cells;
pub mod next_year;
pub mod preamble;
pub mod schema;

pub use amount::{Amount, AmountError};
pub use cells::{editable_cells, CellKind, Place, SetError, Table, Value};
pub use preamble::standard_preamble;
use schema::{
    Section, A_COERCIVE_MEASURES, A_LICENSING, A_NORMATIVE_DOCUMENTS, A_PENALTIES, A_REGULATIONS,
    B_COLS, B_ROWS, B_ROW_COUNT, C_COLUMNS, C_GROUPS, SECTION_OTHER_MATTERS, SECTION_OVERVIEW,
    SECTION_PROBLEMS,
};

/// The version of the standard format this program writes for a new report.
pub const FORMAT_VERSION: u32 = schema::FormatVersion::V2021.number();

/// A whole report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The standard's version (always 2021 here).
    pub format: u32,
    /// 机关名称.
    pub agency: String,
    /// 报告年度.
    pub year: i32,
    /// An explicit title; `None` means the standard title derived from agency and year.
    pub title: Option<String>,
    /// The opening paragraph before 一 (本报告根据…编制…); empty when there is none.
    pub preamble: String,
    /// 一、总体情况.
    pub overview: Vec<Part>,
    /// 二、table A (2021 format).
    pub proactive: Proactive,
    /// 二、table A of a 2019-format report (all zero in a 2021-format report).
    pub proactive_2019: Proactive2019,
    /// 三、table B.
    pub requests: Requests,
    /// 四、table C.
    pub appeals: Appeals,
    /// 五、存在的主要问题及改进情况.
    pub problems: Vec<Part>,
    /// 六、其他需要报告的事项.
    pub other_matters: Vec<Part>,
    /// 信息处理费 (section 六).
    pub processing_fees: ProcessingFees,
}

/// A part of a prose section: an optional heading and its text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Part {
    /// Heading such as `主动公开情况`; may be empty.
    pub heading: String,
    /// The text; paragraphs separated by `\n`.
    pub body: String,
}

impl Part {
    /// A part with the given heading and body.
    pub fn new(heading: impl Into<String>, body: impl Into<String>) -> Part {
        Part {
            heading: heading.into(),
            body: body.into(),
        }
    }
}

/// Counts of a 第二十条第（一）项 row (规章, 行政规范性文件).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DocCounts {
    /// 本年制发件数.
    pub issued: u64,
    /// 本年废止件数.
    pub repealed: u64,
    /// 现行有效件数.
    pub in_force: u64,
}

impl DocCounts {
    /// The counts in column order (issued, repealed, in_force).
    pub fn as_array(&self) -> [u64; 3] {
        [self.issued, self.repealed, self.in_force]
    }

    /// Mutable access by column index (0 issued, 1 repealed, 2 in_force).
    pub fn get_mut(&mut self, col: usize) -> &mut u64 {
        match col {
            0 => &mut self.issued,
            1 => &mut self.repealed,
            _ => &mut self.in_force,
        }
    }
}

/// Table A: 二、主动公开政府信息情况.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Proactive {
    /// 规章.
    pub regulations: DocCounts,
    /// 行政规范性文件.
    pub normative_documents: DocCounts,
    /// 行政许可 本年处理决定数量.
    pub licensing: u64,
    /// 行政处罚 本年处理决定数量.
    pub penalties: u64,
    /// 行政强制 本年处理决定数量.
    pub coercive_measures: u64,
    /// 行政事业性收费 本年收费金额（万元）.
    pub fees_wan_yuan: Amount,
}

/// Counts of a 2019 第二十条第（一）项 row (规章, 规范性文件).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PublishedCounts {
    /// 本年新制作数量.
    pub made: u64,
    /// 本年新公开数量.
    pub published: u64,
    /// 对外公开总数量.
    pub total_public: u64,
}

/// A 2019 row counting items: 上一年项目数量, 本年增/减 (may be negative), 处理决定数量.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ItemCounts {
    /// 上一年项目数量.
    pub last_year: u64,
    /// 本年增/减.
    pub change: i64,
    /// 处理决定数量.
    pub decisions: u64,
}

/// The 2019 行政事业性收费 row: 上一年项目数量, 本年增/减.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FeeItems {
    /// 上一年项目数量.
    pub last_year: u64,
    /// 本年增/减.
    pub change: i64,
}

/// The 2019 政府集中采购 row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Procurement {
    /// 采购项目数量.
    pub projects: u64,
    /// 采购总金额（万元）.
    pub amount_wan_yuan: Amount,
}

/// Table A in the 2019 format (FORMAT.md §7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Proactive2019 {
    /// 规章.
    pub regulations: PublishedCounts,
    /// 规范性文件.
    pub normative_documents: PublishedCounts,
    /// 行政许可.
    pub licensing: ItemCounts,
    /// 其他对外管理服务事项.
    pub other_services: ItemCounts,
    /// 行政处罚.
    pub penalties: ItemCounts,
    /// 行政强制.
    pub coercive_measures: ItemCounts,
    /// 行政事业性收费.
    pub fees: FeeItems,
    /// 政府集中采购.
    pub procurement: Procurement,
}

impl Proactive2019 {
    /// The item row of a key (licensing, other_services, penalties, coercive_measures).
    pub fn items(&self, key: &str) -> Option<&ItemCounts> {
        match key {
            schema::A_LICENSING => Some(&self.licensing),
            schema::A19_OTHER_SERVICES => Some(&self.other_services),
            schema::A_PENALTIES => Some(&self.penalties),
            schema::A_COERCIVE_MEASURES => Some(&self.coercive_measures),
            _ => None,
        }
    }

    /// Mutable item row of a key.
    pub fn items_mut(&mut self, key: &str) -> Option<&mut ItemCounts> {
        match key {
            schema::A_LICENSING => Some(&mut self.licensing),
            schema::A19_OTHER_SERVICES => Some(&mut self.other_services),
            schema::A_PENALTIES => Some(&mut self.penalties),
            schema::A_COERCIVE_MEASURES => Some(&mut self.coercive_measures),
            _ => None,
        }
    }

    /// The 第二十条第（一）项 row of a key (regulations, normative_documents).
    pub fn docs_mut(&mut self, key: &str) -> Option<&mut PublishedCounts> {
        match key {
            A_REGULATIONS => Some(&mut self.regulations),
            A_NORMATIVE_DOCUMENTS => Some(&mut self.normative_documents),
            _ => None,
        }
    }
}

/// Table B: 25 rows × 7 columns, indexed as [`schema::B_ROWS`] × [`schema::B_COLUMNS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Requests {
    /// The cells, row by row, totals as stored.
    pub cells: [[u64; B_COLS]; B_ROW_COUNT],
}

impl Requests {
    /// The value of a cell.
    pub fn get(&self, row: usize, col: usize) -> u64 {
        self.cells[row][col]
    }

    /// Sets a cell.
    pub fn set(&mut self, row: usize, col: usize, value: u64) {
        self.cells[row][col] = value;
    }

    /// 总计 of a row as it should be: the sum of its six applicant columns.
    pub fn row_sum(&self, row: usize) -> u64 {
        self.cells[row][..schema::B_TOTAL_COL].iter().sum()
    }

    /// （七）总计 of a column as it should be: the sum of the 21 outcome rows.
    pub fn outcome_sum(&self, col: usize) -> u64 {
        B_ROWS
            .iter()
            .enumerate()
            .filter(|(_, r)| r.role == schema::BRole::Outcome)
            .map(|(i, _)| self.cells[i][col])
            .sum()
    }

    /// Replaces every total (the 总计 column and the （七）总计 row) by the sum of its parts,
    /// as a tool that lets a person enter a report must do.
    pub fn recompute_totals(&mut self) {
        for col in 0..schema::B_TOTAL_COL {
            self.cells[schema::R_OUTCOME_TOTAL][col] = self.outcome_sum(col);
        }
        for row in 0..B_ROW_COUNT {
            self.cells[row][schema::B_TOTAL_COL] = self.row_sum(row);
        }
    }

    /// True for the cells a person never types: the 总计 column and the （七）总计 row
    /// (see [`CellRef::is_computed`]).
    pub fn is_computed(row: usize, col: usize) -> bool {
        CellRef::B { row, col }.is_computed()
    }
}

/// Table C: three groups × five columns, indexed as [`schema::C_GROUPS`] × [`schema::C_COLUMNS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Appeals {
    /// The cells, group by group, totals as stored.
    pub cells: [[u64; C_COLUMNS.len()]; C_GROUPS.len()],
}

impl Appeals {
    /// 总计 of a group as it should be.
    pub fn group_sum(&self, group: usize) -> u64 {
        self.cells[group][..schema::C_TOTAL_COL].iter().sum()
    }

    /// Replaces every group's 总计 by the sum of its four results.
    pub fn recompute_totals(&mut self) {
        for g in 0..C_GROUPS.len() {
            self.cells[g][schema::C_TOTAL_COL] = self.group_sum(g);
        }
    }

    /// True for the cells a person never types (the groups' 总计).
    pub fn is_computed(col: usize) -> bool {
        CellRef::C { group: 0, col }.is_computed()
    }
}

/// 信息处理费, in yuan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ProcessingFees {
    /// 收费通知书件数.
    pub notices: u64,
    /// Amount notified (元).
    pub amount_notified_yuan: Amount,
    /// Amount actually collected (元).
    pub amount_collected_yuan: Amount,
}

/// Which prose section a part belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProseSection {
    /// 一、总体情况.
    Overview,
    /// 五、存在的主要问题及改进情况.
    Problems,
    /// 六、其他需要报告的事项.
    OtherMatters,
}

impl ProseSection {
    /// All three, in report order.
    pub const ALL: [ProseSection; 3] = [
        ProseSection::Overview,
        ProseSection::Problems,
        ProseSection::OtherMatters,
    ];

    /// The section in the schema.
    pub fn section(self) -> &'static Section {
        match self {
            ProseSection::Overview => &SECTION_OVERVIEW,
            ProseSection::Problems => &SECTION_PROBLEMS,
            ProseSection::OtherMatters => &SECTION_OTHER_MATTERS,
        }
    }

    /// Index into [`schema::SECTIONS`].
    pub fn section_index(self) -> usize {
        let key = self.section().key;
        schema::SECTIONS
            .iter()
            .position(|s| s.key == key)
            .expect("prose sections are sections")
    }

    /// YAML key.
    pub fn key(self) -> &'static str {
        self.section().key
    }

    /// The section heading, e.g. `一、总体情况`.
    pub fn heading(self) -> String {
        self.section().heading()
    }
}

/// A place in a report that a person can edit or a finding can point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CellRef {
    /// 机关名称.
    Agency,
    /// 年份.
    Year,
    /// 标题.
    Title,
    /// A part of a prose section (the part index may be past the end when the section is empty).
    Part {
        /// Which section.
        section: ProseSection,
        /// Index of the part.
        part: usize,
    },
    /// A cell of table A: `field` is the row key of [`schema::A_BLOCKS`], `col` its column.
    A {
        /// Row key, e.g. `regulations`.
        field: &'static str,
        /// Column index within the block.
        col: usize,
    },
    /// A cell of table B.
    B {
        /// Row index into [`schema::B_ROWS`].
        row: usize,
        /// Column index into [`schema::B_COLUMNS`].
        col: usize,
    },
    /// A cell of table C.
    C {
        /// Group index into [`schema::C_GROUPS`].
        group: usize,
        /// Column index into [`schema::C_COLUMNS`].
        col: usize,
    },
    /// A field of 信息处理费 (index into [`schema::FEE_FIELDS`]).
    Fee(usize),
}

impl Proactive {
    /// The document counts of a 第二十条第（一）项 row (`regulations`, `normative_documents`).
    pub fn docs(&self, field: &str) -> Option<DocCounts> {
        match field {
            A_REGULATIONS => Some(self.regulations),
            A_NORMATIVE_DOCUMENTS => Some(self.normative_documents),
            _ => None,
        }
    }

    /// The count of a table A cell; `None` for the amount cell (行政事业性收费) or an unknown key.
    pub fn count(&self, field: &str, col: usize) -> Option<u64> {
        match field {
            A_REGULATIONS => self.regulations.as_array().get(col).copied(),
            A_NORMATIVE_DOCUMENTS => self.normative_documents.as_array().get(col).copied(),
            A_LICENSING => Some(self.licensing),
            A_PENALTIES => Some(self.penalties),
            A_COERCIVE_MEASURES => Some(self.coercive_measures),
            _ => None,
        }
    }

    /// Mutable access to a count cell of table A; `None` for the amount or an unknown key.
    pub fn count_mut(&mut self, field: &str, col: usize) -> Option<&mut u64> {
        match field {
            A_REGULATIONS => Some(self.regulations.get_mut(col)),
            A_NORMATIVE_DOCUMENTS => Some(self.normative_documents.get_mut(col)),
            A_LICENSING => Some(&mut self.licensing),
            A_PENALTIES => Some(&mut self.penalties),
            A_COERCIVE_MEASURES => Some(&mut self.coercive_measures),
            _ => None,
        }
    }
}

impl Report {
    /// An empty report for the given agency and year, with the five standard headings of
    /// 一、总体情况 and empty bodies.
    pub fn new(agency: impl Into<String>, year: i32) -> Report {
        Report {
            format: FORMAT_VERSION,
            agency: agency.into(),
            year,
            title: None,
            preamble: String::new(),
            overview: schema::OVERVIEW_STANDARD_HEADINGS
                .iter()
                .map(|h| Part::new(*h, ""))
                .collect(),
            proactive: Proactive::default(),
            proactive_2019: Proactive2019::default(),
            requests: Requests::default(),
            appeals: Appeals::default(),
            problems: Vec::new(),
            other_matters: Vec::new(),
            processing_fees: ProcessingFees::default(),
        }
    }

    /// An empty report in the given version of the format.
    pub fn new_in(version: schema::FormatVersion, agency: impl Into<String>, year: i32) -> Report {
        Report {
            format: version.number(),
            ..Report::new(agency, year)
        }
    }

    /// The version of the format the report is in (2021 for a number this program does not
    /// know: the loader refuses those).
    pub fn version(&self) -> schema::FormatVersion {
        schema::FormatVersion::from_number(i64::from(self.format))
            .unwrap_or(schema::FormatVersion::V2021)
    }

    /// The tables of the report's version of the format.
    pub fn tables(&self) -> &'static schema::Tables {
        self.version().tables()
    }

    /// The standard title `{机关名称}{年份}年政府信息公开工作年度报告`.
    pub fn standard_title(&self) -> String {
        format!("{}{}年政府信息公开工作年度报告", self.agency, self.year)
    }

    /// The title to show: the explicit one, or the standard one.
    pub fn display_title(&self) -> String {
        match &self.title {
            Some(t) if !t.trim().is_empty() => t.clone(),
            _ => self.standard_title(),
        }
    }

    /// The parts of a prose section.
    pub fn parts(&self, section: ProseSection) -> &Vec<Part> {
        match section {
            ProseSection::Overview => &self.overview,
            ProseSection::Problems => &self.problems,
            ProseSection::OtherMatters => &self.other_matters,
        }
    }

    /// Mutable parts of a prose section.
    pub fn parts_mut(&mut self, section: ProseSection) -> &mut Vec<Part> {
        match section {
            ProseSection::Overview => &mut self.overview,
            ProseSection::Problems => &mut self.problems,
            ProseSection::OtherMatters => &mut self.other_matters,
        }
    }

    /// Recomputes every total of tables B and C from its parts.
    pub fn recompute_totals(&mut self) {
        self.requests.recompute_totals();
        self.appeals.recompute_totals();
    }
}

/// Maps full-width digits and punctuation that input methods produce to ASCII
/// (`１` → `1`, `．` → `.`, `，` → `,`); other characters are returned unchanged.
pub fn normalize_digit(ch: char) -> char {
    match ch {
        '０'..='９' => char::from(b'0' + (ch as u32 - '０' as u32) as u8),
        '．' | '。' => '.',
        '，' => ',',
        '－' => '-',
        _ => ch,
    }
}

/// Why a text is not a count.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CountError {
    /// A character other than a digit.
    #[error("只能输入非负整数，“{0}”不是数字")]
    NotADigit(char),
    /// A minus sign.
    #[error("只能输入非负整数，不能为负数")]
    Negative,
    /// Over 999,999,999.
    #[error("数值过大：最多 999999999")]
    TooLarge,
    /// A decimal point (`1.5`): counts are whole numbers.
    #[error("件数只能是整数，“{0}”有小数点：请填整数件数")]
    Fraction(String),
}

/// Parses a count as a clerk types or pastes it: digits (full-width too), thousands
/// separators (`1,234`), surrounding spaces. Empty text is 0.
pub fn parse_count(text: &str) -> Result<u64, CountError> {
    let mut value: u64 = 0;
    for ch in text.trim().chars() {
        match normalize_digit(ch) {
            d @ '0'..='9' => {
                value = value * 10 + u64::from(d as u8 - b'0');
                if value > schema::MAX_COUNT {
                    return Err(CountError::TooLarge);
                }
            }
            ',' | ' ' | '\u{3000}' => {}
            '-' => return Err(CountError::Negative),
            '.' | '．'
                if text
                    .trim()
                    .chars()
                    .any(|c| normalize_digit(c).is_ascii_digit()) =>
            {
                return Err(CountError::Fraction(text.trim().to_string()))
            }
            other => return Err(CountError::NotADigit(other)),
        }
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_count_accepts_what_clerks_type() {
        assert_eq!(parse_count("1,234"), Ok(1234));
        assert_eq!(parse_count("１２３"), Ok(123));
        assert_eq!(parse_count(" 42 "), Ok(42));
        assert_eq!(parse_count(""), Ok(0));
        assert_eq!(parse_count("12a"), Err(CountError::NotADigit('a')));
        assert_eq!(parse_count("-3"), Err(CountError::Negative));
        assert_eq!(parse_count("1.5"), Err(CountError::Fraction("1.5".into())));
        assert_eq!(
            parse_count("１．５"),
            Err(CountError::Fraction("１．５".into()))
        );
        assert_eq!(parse_count("."), Err(CountError::NotADigit('.')));
        assert_eq!(parse_count("1000000000"), Err(CountError::TooLarge));
        assert_eq!(parse_count("999999999"), Ok(999_999_999));
    }

    #[test]
    fn recompute_totals_fills_both_directions() {
        let mut r = Requests::default();
        r.set(0, 0, 3);
        r.set(0, 1, 2);
        r.set(2, 0, 1);
        r.set(12, 5, 4);
        r.recompute_totals();
        assert_eq!(r.get(0, schema::B_TOTAL_COL), 5);
        assert_eq!(r.get(schema::R_OUTCOME_TOTAL, 0), 1);
        assert_eq!(r.get(schema::R_OUTCOME_TOTAL, 5), 4);
        assert_eq!(r.get(schema::R_OUTCOME_TOTAL, schema::B_TOTAL_COL), 5);
    }

    #[test]
    fn standard_title_is_derived() {
        let r = Report::new("淮安市人民政府", 2024);
        assert_eq!(
            r.display_title(),
            "淮安市人民政府2024年政府信息公开工作年度报告"
        );
        assert_eq!(r.overview.len(), 5);
    }
}
