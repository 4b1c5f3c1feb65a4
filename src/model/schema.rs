//! The format's tables as data: every row and column key, official label and short label.
//!
//! This is the single place where FORMAT.md §2–§4 are written down. The model, the YAML
//! module, the rules, the wizard, the viewer and the importer all read these tables, so a
//! label or a key never appears twice in the code.

/// A column of table B (申请人情况).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BColumn {
    /// YAML key, e.g. `natural_person`.
    pub key: &'static str,
    /// Official label, e.g. `社会公益组织`.
    pub label: &'static str,
    /// Label for narrow screens.
    pub short: &'static str,
}

/// The seven columns of table B, in order. The last one (总计) is the row total.
pub const B_COLUMNS: [BColumn; 7] = [
    BColumn {
        key: "natural_person",
        label: "自然人",
        short: "自然人",
    },
    BColumn {
        key: "commercial",
        label: "商业企业",
        short: "商业企业",
    },
    BColumn {
        key: "research",
        label: "科研机构",
        short: "科研机构",
    },
    BColumn {
        key: "public_interest",
        label: "社会公益组织",
        short: "公益组织",
    },
    BColumn {
        key: "legal_service",
        label: "法律服务机构",
        short: "法律服务",
    },
    BColumn {
        key: "other",
        label: "其他",
        short: "其他",
    },
    BColumn {
        key: "total",
        label: TOTAL_LABEL,
        short: TOTAL_LABEL,
    },
];

/// Number of columns of table B (including 总计).
pub const B_COLS: usize = 7;
/// Index of the 总计 column of table B.
pub const B_TOTAL_COL: usize = 6;
/// Label of the group of columns 商业企业 … 其他.
pub const B_LEGAL_ENTITY_GROUP: &str = "法人或其他组织";
/// Label above all columns of table B.
pub const B_APPLICANT_HEADER: &str = "申请人情况";
/// The corner cell of table B: the 勾稽关系 as printed in the standard.
pub const B_CORNER: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

/// A heading row of table B that carries no numbers (三、本年度办理结果, （三）不予公开 …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BGroup {
    /// Official label.
    pub label: &'static str,
    /// Label for narrow screens.
    pub short: &'static str,
    /// Nesting depth: 0 for 三、本年度办理结果, 1 for （三）… （六）.
    pub depth: u8,
}

/// The heading rows of table B.
pub const B_GROUPS: [BGroup; 5] = [
    BGroup {
        label: "三、本年度办理结果",
        short: "三、办理结果",
        depth: 0,
    },
    BGroup {
        label: "（三）不予公开",
        short: "（三）不予公开",
        depth: 1,
    },
    BGroup {
        label: "（四）无法提供",
        short: "（四）无法提供",
        depth: 1,
    },
    BGroup {
        label: "（五）不予处理",
        short: "（五）不予处理",
        depth: 1,
    },
    BGroup {
        label: "（六）其他处理",
        short: "（六）其他处理",
        depth: 1,
    },
];

/// Index into [`B_GROUPS`] of 三、本年度办理结果.
pub const G_OUTCOME: usize = 0;

/// A row of numbers of table B.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BRow {
    /// YAML key path below `requests`, e.g. `["outcome", "withheld", "state_secret"]`.
    pub path: &'static [&'static str],
    /// Official label as printed in the standard.
    pub label: &'static str,
    /// Label for narrow screens (FORMAT.md's short label).
    pub short: &'static str,
    /// The heading rows this row sits under, outermost first (indices into [`B_GROUPS`]).
    pub groups: &'static [usize],
    /// Role of the row in the rules.
    pub role: BRole,
}

/// What a row of table B means for the rules B2 and B3.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BRole {
    /// 一、本年新收.
    Received,
    /// 二、上年结转.
    CarriedOver,
    /// One of the outcome rows summed into （七）总计.
    Outcome,
    /// （七）总计.
    OutcomeTotal,
    /// 四、结转下年度继续办理.
    CarriedForward,
}

macro_rules! brow {
    ([$($p:literal),+], $label:literal, $short:literal, [$($g:expr),*], $role:ident) => {
        BRow { path: &[$($p),+], label: $label, short: $short, groups: &[$($g),*], role: BRole::$role }
    };
}

/// The 25 rows of numbers of table B, in the order of the published table.
pub const B_ROWS: [BRow; 25] = [
    brow!(
        ["received"],
        "一、本年新收政府信息公开申请数量",
        "一、本年新收",
        [],
        Received
    ),
    brow!(
        ["carried_over"],
        "二、上年结转政府信息公开申请数量",
        "二、上年结转",
        [],
        CarriedOver
    ),
    brow!(
        ["outcome", "disclosed"],
        "（一）予以公开",
        "（一）予以公开",
        [0],
        Outcome
    ),
    brow!(
        ["outcome", "partially_disclosed"],
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "（二）部分公开",
        [0],
        Outcome
    ),
    brow!(
        ["outcome", "withheld", "state_secret"],
        "1.属于国家秘密",
        "国家秘密",
        [0, 1],
        Outcome
    ),
    brow!(
        ["outcome", "withheld", "prohibited_by_law"],
        "2.其他法律行政法规禁止公开",
        "法规禁止公开",
        [0, 1],
        Outcome
    ),
    brow!(
        ["outcome", "withheld", "security_stability"],
        "3.危及“三安全一稳定”",
        "危及三安全一稳定",
        [0, 1],
        Outcome
    ),
    brow!(
        ["outcome", "withheld", "third_party_rights"],
        "4.保护第三方合法权益",
        "第三方权益",
        [0, 1],
        Outcome
    ),
    brow!(
        ["outcome", "withheld", "internal_affairs"],
        "5.属于三类内部事务信息",
        "内部事务信息",
        [0, 1],
        Outcome
    ),
    brow!(
        ["outcome", "withheld", "process_info"],
        "6.属于四类过程性信息",
        "过程性信息",
        [0, 1],
        Outcome
    ),
    brow!(
        ["outcome", "withheld", "enforcement_file"],
        "7.属于行政执法案卷",
        "行政执法案卷",
        [0, 1],
        Outcome
    ),
    brow!(
        ["outcome", "withheld", "query_matter"],
        "8.属于行政查询事项",
        "行政查询事项",
        [0, 1],
        Outcome
    ),
    brow!(
        ["outcome", "unable", "not_held"],
        "1.本机关不掌握相关政府信息",
        "本机关不掌握",
        [0, 2],
        Outcome
    ),
    brow!(
        ["outcome", "unable", "needs_creation"],
        "2.没有现成信息需要另行制作",
        "需另行制作",
        [0, 2],
        Outcome
    ),
    brow!(
        ["outcome", "unable", "still_unclear"],
        "3.补正后申请内容仍不明确",
        "补正后仍不明确",
        [0, 2],
        Outcome
    ),
    brow!(
        ["outcome", "not_processed", "petition"],
        "1.信访举报投诉类申请",
        "信访举报投诉",
        [0, 3],
        Outcome
    ),
    brow!(
        ["outcome", "not_processed", "repeated"],
        "2.重复申请",
        "重复申请",
        [0, 3],
        Outcome
    ),
    brow!(
        ["outcome", "not_processed", "publication"],
        "3.要求提供公开出版物",
        "要求公开出版物",
        [0, 3],
        Outcome
    ),
    brow!(
        ["outcome", "not_processed", "excessive"],
        "4.无正当理由大量反复申请",
        "大量反复申请",
        [0, 3],
        Outcome
    ),
    brow!(
        ["outcome", "not_processed", "confirm_or_reissue"],
        "5.要求行政机关确认或重新出具已获取信息",
        "要求确认或重新出具",
        [0, 3],
        Outcome
    ),
    brow!(
        ["outcome", "other", "no_correction"],
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "逾期不补正",
        [0, 4],
        Outcome
    ),
    brow!(
        ["outcome", "other", "fee_unpaid"],
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "逾期未缴费",
        [0, 4],
        Outcome
    ),
    brow!(
        ["outcome", "other", "other"],
        "3.其他",
        "其他",
        [0, 4],
        Outcome
    ),
    brow!(
        ["outcome", "total"],
        "（七）总计",
        "（七）总计",
        [0],
        OutcomeTotal
    ),
    brow!(
        ["carried_forward"],
        "四、结转下年度继续办理",
        "四、结转下年度",
        [],
        CarriedForward
    ),
];

/// Number of rows of numbers in table B.
pub const B_ROW_COUNT: usize = 25;

/// Row index of 一、本年新收.
pub const R_RECEIVED: usize = 0;
/// Row index of 二、上年结转.
pub const R_CARRIED_OVER: usize = 1;
/// Row index of （七）总计.
pub const R_OUTCOME_TOTAL: usize = 23;
/// Row index of 四、结转下年度继续办理.
pub const R_CARRIED_FORWARD: usize = 24;

impl BRow {
    /// The key path below the report root, e.g. `requests.outcome.withheld.state_secret`.
    pub fn key_path(&self) -> String {
        format!("requests.{}", self.path.join("."))
    }
}

/// Heading of a section of the report, e.g. `三、收到和处理政府信息公开申请情况`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section {
    /// Chinese numeral with its comma, e.g. `三、`.
    pub number: &'static str,
    /// Heading without the numeral.
    pub title: &'static str,
    /// YAML key of the section's content.
    pub key: &'static str,
}

impl Section {
    /// Full heading as printed, e.g. `三、收到和处理政府信息公开申请情况`.
    pub fn heading(&self) -> String {
        format!("{}{}", self.number, self.title)
    }
}

/// 一、总体情况.
pub const SECTION_OVERVIEW: Section = Section {
    number: "一、",
    title: "总体情况",
    key: "overview",
};
/// 二、主动公开政府信息情况 (table A).
pub const SECTION_PROACTIVE: Section = Section {
    number: "二、",
    title: "主动公开政府信息情况",
    key: "proactive",
};
/// 三、收到和处理政府信息公开申请情况 (table B).
pub const SECTION_REQUESTS: Section = Section {
    number: "三、",
    title: "收到和处理政府信息公开申请情况",
    key: "requests",
};
/// 四、政府信息公开行政复议、行政诉讼情况 (table C).
pub const SECTION_APPEALS: Section = Section {
    number: "四、",
    title: "政府信息公开行政复议、行政诉讼情况",
    key: "appeals",
};
/// 五、存在的主要问题及改进情况.
pub const SECTION_PROBLEMS: Section = Section {
    number: "五、",
    title: "存在的主要问题及改进情况",
    key: "problems",
};
/// 六、其他需要报告的事项 (also holds 信息处理费).
pub const SECTION_OTHER_MATTERS: Section = Section {
    number: "六、",
    title: "其他需要报告的事项",
    key: "other_matters",
};

/// The six sections, in order (FORMAT.md §1).
pub const SECTIONS: [Section; 6] = [
    SECTION_OVERVIEW,
    SECTION_PROACTIVE,
    SECTION_REQUESTS,
    SECTION_APPEALS,
    SECTION_PROBLEMS,
    SECTION_OTHER_MATTERS,
];

/// The pseudo-section of the fields before 一 (机关名称, 年份, 标题), as places name it.
pub const BASIC_SECTION: &str = "基本信息";
/// Label of the agency field.
pub const AGENCY_LABEL: &str = "机关名称";
/// Label of the year field.
pub const YEAR_LABEL: &str = "年份";
/// Label of the format version (`format:`), as places name it.
pub const FORMAT_LABEL: &str = "格式版本";
/// Label of the title field.
pub const TITLE_LABEL: &str = "标题";
/// The preamble (`preamble`, the paragraph before 一) as the wizard names it.
pub const PREAMBLE_LABEL: &str = "开头段落";
/// Label of the processing fees block in section 六.
pub const FEES_LABEL: &str = "信息处理费";
/// A label without its item number: `（一）予以公开` → `予以公开`, `一、本年新收` → `本年新收`,
/// `1.属于国家秘密` → `属于国家秘密` (for short headings built from the official labels).
pub fn bare_label(label: &str) -> &str {
    const NUMERALS: &[char] = &['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
    let s = label.trim_start();
    if let Some(rest) = s.strip_prefix('（') {
        if let Some(end) = rest.find('）') {
            if rest[..end].chars().all(|c| NUMERALS.contains(&c)) && end > 0 {
                return &rest[end + '）'.len_utf8()..];
            }
        }
    }
    let digits = s
        .char_indices()
        .take_while(|(_, c)| NUMERALS.contains(c) || c.is_ascii_digit())
        .last()
        .map(|(i, c)| i + c.len_utf8());
    match digits {
        Some(n) => s[n..].strip_prefix(['、', '.', '．']).unwrap_or(s),
        None => s,
    }
}

/// Label of every total column / total cell (表三的总计列, 表四各组的总计).
pub const TOTAL_LABEL: &str = "总计";

/// YAML key of the format version.
pub const KEY_FORMAT: &str = "format";
/// YAML key of the agency.
pub const KEY_AGENCY: &str = "agency";
/// YAML key of the year.
pub const KEY_YEAR: &str = "year";
/// YAML key of the explicit title.
pub const KEY_TITLE: &str = "title";
/// YAML key of the preamble.
pub const KEY_PREAMBLE: &str = "preamble";
/// YAML key of 信息处理费.
pub const KEY_PROCESSING_FEES: &str = "processing_fees";
/// YAML key of a part's heading.
pub const KEY_HEADING: &str = "heading";
/// YAML key of a part's body.
pub const KEY_BODY: &str = "body";

/// The top-level keys of a report file in FORMAT.md §6 order.
pub const TOP_LEVEL_KEYS: [&str; 12] = [
    KEY_FORMAT,
    KEY_AGENCY,
    KEY_YEAR,
    KEY_TITLE,
    KEY_PREAMBLE,
    SECTION_OVERVIEW.key,
    SECTION_PROACTIVE.key,
    SECTION_REQUESTS.key,
    SECTION_APPEALS.key,
    SECTION_PROBLEMS.key,
    SECTION_OTHER_MATTERS.key,
    KEY_PROCESSING_FEES,
];

/// The section a top-level key belongs to (信息处理费 is printed in 六); `None` for the
/// basic fields (format, agency, year, title, preamble).
pub fn section_of_key(key: &str) -> Option<&'static Section> {
    SECTIONS.iter().find(|s| {
        s.key == key || (key == KEY_PROCESSING_FEES && s.key == SECTION_OTHER_MATTERS.key)
    })
}

/// The five standard parts of 一、总体情况, offered as headings for a new report.
pub const OVERVIEW_STANDARD_HEADINGS: [&str; 5] = [
    "主动公开情况",
    "依申请公开情况",
    "政府信息管理情况",
    "政府信息公开平台建设情况",
    "政府信息公开监督保障情况",
];

/// A group of table C (行政复议, and the two kinds of 行政诉讼).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CGroup {
    /// YAML key below `appeals`.
    pub key: &'static str,
    /// Official label.
    pub label: &'static str,
    /// The label of the super-group (行政诉讼) if any.
    pub parent: Option<&'static str>,
    /// Label for narrow screens.
    pub short: &'static str,
}

/// The three groups of table C.
pub const C_GROUPS: [CGroup; 3] = [
    CGroup {
        key: "reconsideration",
        label: "行政复议",
        parent: None,
        short: "行政复议",
    },
    CGroup {
        key: "litigation_direct",
        label: "未经复议直接起诉",
        parent: Some("行政诉讼"),
        short: "诉讼·直接起诉",
    },
    CGroup {
        key: "litigation_after_review",
        label: "复议后起诉",
        parent: Some("行政诉讼"),
        short: "诉讼·复议后起诉",
    },
];

/// Index into [`C_GROUPS`] of 行政复议.
pub const G_RECONSIDERATION: usize = 0;

/// A column within each group of table C.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CColumn {
    /// YAML key.
    pub key: &'static str,
    /// Official label.
    pub label: &'static str,
}

/// The five columns of each group of table C; the last (总计) is the group total.
pub const C_COLUMNS: [CColumn; 5] = [
    CColumn {
        key: "upheld",
        label: "结果维持",
    },
    CColumn {
        key: "corrected",
        label: "结果纠正",
    },
    CColumn {
        key: "other",
        label: "其他结果",
    },
    CColumn {
        key: "pending",
        label: "尚未审结",
    },
    CColumn {
        key: "total",
        label: TOTAL_LABEL,
    },
];
/// Index of 总计 within a group of table C.
pub const C_TOTAL_COL: usize = 4;

/// A block of table A (a 第二十条 item).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ABlock {
    /// The article, e.g. `第二十条第（一）项`.
    pub article: &'static str,
    /// Column labels after 信息内容.
    pub columns: &'static [&'static str],
    /// Rows: (YAML key below `proactive`, label).
    pub rows: &'static [(&'static str, &'static str)],
    /// YAML keys of the columns within a row's flow mapping; empty when a row is one scalar
    /// (the 2021 blocks with one column).
    pub keys: &'static [&'static str],
}

/// Label of the first column of every block of table A.
pub const A_CONTENT_HEADER: &str = "信息内容";

/// Table A row key of 规章.
pub const A_REGULATIONS: &str = "regulations";
/// Table A row key of 行政规范性文件.
pub const A_NORMATIVE_DOCUMENTS: &str = "normative_documents";
/// Table A row key of 行政许可.
pub const A_LICENSING: &str = "licensing";
/// Table A row key of 行政处罚.
pub const A_PENALTIES: &str = "penalties";
/// Table A row key of 行政强制.
pub const A_COERCIVE_MEASURES: &str = "coercive_measures";
/// Table A row key of 行政事业性收费 (the amount, 万元).
pub const A_FEES: &str = "fees_wan_yuan";

/// Label of the 规章 row of table A.
pub const A_REGULATIONS_LABEL: &str = "规章";
/// Label of the 行政规范性文件 row of table A.
pub const A_NORMATIVE_DOCUMENTS_LABEL: &str = "行政规范性文件";
/// Label of 本年制发件数.
pub const A_ISSUED_LABEL: &str = "本年制发件数";
/// Label of 本年废止件数.
pub const A_REPEALED_LABEL: &str = "本年废止件数";
/// Label of 现行有效件数.
pub const A_IN_FORCE_LABEL: &str = "现行有效件数";
/// Column index of 现行有效件数 in the 第二十条第（一）项 block.
pub const A_IN_FORCE_COL: usize = 2;
/// Column index of 本年制发件数.
pub const A_ISSUED_COL: usize = 0;
/// Column index of 本年废止件数.
pub const A_REPEALED_COL: usize = 1;

/// Decimals allowed in the amount of table A (万元, FORMAT.md §2).
pub const A_AMOUNT_DECIMALS: u32 = 6;
/// Decimals allowed in the amounts of 信息处理费 (元, FORMAT.md §4).
pub const FEE_AMOUNT_DECIMALS: u32 = 2;

/// The four blocks of table A (FORMAT.md §2).
pub const A_BLOCKS: [ABlock; 4] = [
    ABlock {
        article: "第二十条第（一）项",
        columns: &[A_ISSUED_LABEL, A_REPEALED_LABEL, A_IN_FORCE_LABEL],
        rows: &[
            (A_REGULATIONS, A_REGULATIONS_LABEL),
            (A_NORMATIVE_DOCUMENTS, A_NORMATIVE_DOCUMENTS_LABEL),
        ],
        keys: &A_DOC_KEYS,
    },
    ABlock {
        article: "第二十条第（五）项",
        columns: &["本年处理决定数量"],
        rows: &[(A_LICENSING, "行政许可")],
        keys: &[],
    },
    ABlock {
        article: "第二十条第（六）项",
        columns: &["本年处理决定数量"],
        rows: &[(A_PENALTIES, "行政处罚"), (A_COERCIVE_MEASURES, "行政强制")],
        keys: &[],
    },
    ABlock {
        article: "第二十条第（八）项",
        columns: &["本年收费金额（单位：万元）"],
        rows: &[(A_FEES, "行政事业性收费")],
        keys: &[],
    },
];

/// YAML keys of the three counts of a 第二十条第（一）项 row.
pub const A_DOC_KEYS: [&str; 3] = ["issued", "repealed", "in_force"];

/// The rows of table A that count documents (第二十条第（一）项), in order.
pub const A_DOC_ROWS: [&str; 2] = [A_REGULATIONS, A_NORMATIVE_DOCUMENTS];

/// The label of a table A row key (`规章` for `regulations`).
pub fn a_row_label(key: &str) -> Option<&'static str> {
    A_BLOCKS
        .iter()
        .flat_map(|b| b.rows.iter())
        .find(|(k, _)| *k == key)
        .map(|(_, l)| *l)
}

/// The block of table A a row key is in.
pub fn a_block_of(key: &str) -> Option<&'static ABlock> {
    A_BLOCKS
        .iter()
        .find(|b| b.rows.iter().any(|(k, _)| *k == key))
}

/// The fields of 信息处理费: (YAML key below `processing_fees`, label).
pub const FEE_FIELDS: [(&str, &str); 3] = [
    ("notices", "收费通知书件数"),
    ("amount_notified_yuan", "通知收费金额（元）"),
    ("amount_collected_yuan", "实际收取金额（元）"),
];

/// Table A row key (2019) of 其他对外管理服务事项.
pub const A19_OTHER_SERVICES: &str = "other_services";
/// Table A row key (2019) of 行政事业性收费 (项目数量, not an amount).
pub const A19_FEES: &str = "fees";
/// Table A row key (2019) of 政府集中采购.
pub const A19_PROCUREMENT: &str = "procurement";
/// Column keys (2019) of the 第二十条第（一）项 rows: 本年新制作数量, 本年新公开数量, 对外公开总数量.
pub const A19_DOC_KEYS: [&str; 3] = ["made", "published", "total_public"];
/// Column keys (2019) of the rows counting items: 上一年项目数量, 本年增/减, 处理决定数量.
pub const A19_ITEM_KEYS: [&str; 3] = ["last_year", "change", "decisions"];
/// Column keys (2019) of 行政事业性收费: 上一年项目数量, 本年增/减.
pub const A19_FEE_KEYS: [&str; 2] = ["last_year", "change"];
/// Column keys (2019) of 政府集中采购: 采购项目数量, 采购总金额.
pub const A19_PROCUREMENT_KEYS: [&str; 2] = ["projects", "amount_wan_yuan"];
/// Column index of 本年增/减 (may be negative) in the 2019 item blocks.
pub const A19_CHANGE_COL: usize = 1;
/// Column index of 采购总金额 (万元) in the 2019 procurement block.
pub const A19_AMOUNT_COL: usize = 1;
/// Column labels (2019) of the blocks counting items.
const A19_ITEM_COLUMNS: [&str; 3] = ["上一年项目数量", "本年增/减", "处理决定数量"];

/// The five blocks of table A in the 2019 format (FORMAT.md §7).
pub const A_BLOCKS_2019: [ABlock; 5] = [
    ABlock {
        article: "第二十条第（一）项",
        columns: &["本年新制作数量", "本年新公开数量", "对外公开总数量"],
        rows: &[
            (A_REGULATIONS, A_REGULATIONS_LABEL),
            (A_NORMATIVE_DOCUMENTS, "规范性文件"),
        ],
        keys: &A19_DOC_KEYS,
    },
    ABlock {
        article: "第二十条第（五）项",
        columns: &A19_ITEM_COLUMNS,
        rows: &[
            (A_LICENSING, "行政许可"),
            (A19_OTHER_SERVICES, "其他对外管理服务事项"),
        ],
        keys: &A19_ITEM_KEYS,
    },
    ABlock {
        article: "第二十条第（六）项",
        columns: &A19_ITEM_COLUMNS,
        rows: &[(A_PENALTIES, "行政处罚"), (A_COERCIVE_MEASURES, "行政强制")],
        keys: &A19_ITEM_KEYS,
    },
    ABlock {
        article: "第二十条第（八）项",
        columns: &["上一年项目数量", "本年增/减"],
        rows: &[(A19_FEES, "行政事业性收费")],
        keys: &A19_FEE_KEYS,
    },
    ABlock {
        article: "第二十条第（九）项",
        columns: &["采购项目数量", "采购总金额"],
        rows: &[(A19_PROCUREMENT, "政府集中采购")],
        keys: &A19_PROCUREMENT_KEYS,
    },
];

/// Index in [`B_ROWS`] of the 2021 row whose storage the 2019 single （六）其他处理 row uses
/// (3.其他; the 2021 rows 1 and 2 of （六） stay 0 in a 2019 report).
pub const R_OTHER_2019_SLOT: usize = 22;

/// The 23 rows of numbers of table B in the 2019 format: as 2021, but （六）其他处理 is one
/// row (`requests.outcome.other`).
pub const B_ROWS_2019: [BRow; 23] = {
    let mut rows = [B_ROWS[0]; 23];
    let mut i = 0;
    while i < 20 {
        rows[i] = B_ROWS[i];
        i += 1;
    }
    rows[20] = BRow {
        path: &["outcome", "other"],
        label: "（六）其他处理",
        short: "（六）其他处理",
        groups: &[G_OUTCOME],
        role: BRole::Outcome,
    };
    rows[21] = B_ROWS[R_OUTCOME_TOTAL];
    rows[22] = B_ROWS[R_CARRIED_FORWARD];
    rows
};

/// The storage row (index into [`B_ROWS`], the layout of `Requests`) of each 2019 row.
pub const B_SLOTS_2019: [usize; 23] = [
    0,
    1,
    2,
    3,
    4,
    5,
    6,
    7,
    8,
    9,
    10,
    11,
    12,
    13,
    14,
    15,
    16,
    17,
    18,
    19,
    R_OTHER_2019_SLOT,
    R_OUTCOME_TOTAL,
    R_CARRIED_FORWARD,
];

/// The storage row of each 2021 row: itself.
pub const B_SLOTS_2021: [usize; 25] = {
    let mut s = [0; 25];
    let mut i = 0;
    while i < 25 {
        s[i] = i;
        i += 1;
    }
    s
};

/// The heading rows of table B in the 2019 format: （六）其他处理 is a row, not a heading.
pub const B_GROUPS_2019: [BGroup; 4] = [B_GROUPS[0], B_GROUPS[1], B_GROUPS[2], B_GROUPS[3]];

/// A version of the standard format: the schema is asked for a version's tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FormatVersion {
    /// 国办公开办函〔2021〕30号, the reports from 2021 on.
    V2021,
    /// 国办公开办函〔2019〕60号 (试行), the reports for 2019 and 2020.
    V2019,
}

impl FormatVersion {
    /// Every version this program reads, newest first.
    pub const ALL: [FormatVersion; 2] = [FormatVersion::V2021, FormatVersion::V2019];

    /// The number written as `format:` in YAML.
    pub const fn number(self) -> u32 {
        match self {
            FormatVersion::V2021 => 2021,
            FormatVersion::V2019 => 2019,
        }
    }

    /// The version written as `format: n`, if this program knows it.
    pub fn from_number(n: i64) -> Option<FormatVersion> {
        Self::ALL.into_iter().find(|v| i64::from(v.number()) == n)
    }

    /// The tables of this version.
    pub const fn tables(self) -> &'static Tables {
        match self {
            FormatVersion::V2021 => &TABLES_2021,
            FormatVersion::V2019 => &TABLES_2019,
        }
    }

    /// The version the reports for `year` follow: 2019 for 2019 and 2020, 2021 from 2021 on
    /// (and for earlier years, which no version of the format covers: the newest).
    pub fn for_year(year: i32) -> FormatVersion {
        match year {
            2019 | 2020 => FormatVersion::V2019,
            _ => FormatVersion::V2021,
        }
    }

    /// How the version is named to people, e.g. `2019 年版（试行）格式`.
    pub fn name(self) -> &'static str {
        match self {
            FormatVersion::V2021 => "2021 年版格式",
            FormatVersion::V2019 => "2019 年版（试行）格式",
        }
    }
}

/// The tables of one version of the format: what every reader of the schema asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tables {
    /// The version these tables are of.
    pub version: FormatVersion,
    /// The six sections.
    pub sections: &'static [Section],
    /// Table A's blocks.
    pub a_blocks: &'static [ABlock],
    /// Table B's columns.
    pub b_columns: &'static [BColumn],
    /// Table B's heading rows.
    pub b_groups: &'static [BGroup],
    /// Table B's rows of numbers.
    pub b_rows: &'static [BRow],
    /// The storage row (index into [`B_ROWS`], the layout of `Requests`) of each of
    /// `b_rows`.
    pub b_slots: &'static [usize],
    /// Table C's groups.
    pub c_groups: &'static [CGroup],
    /// Table C's columns.
    pub c_columns: &'static [CColumn],
    /// 信息处理费's fields (empty when the version has none).
    pub fee_fields: &'static [(&'static str, &'static str)],
}

/// The tables of the 2021 format.
pub static TABLES_2021: Tables = Tables {
    version: FormatVersion::V2021,
    sections: &SECTIONS,
    a_blocks: &A_BLOCKS,
    b_columns: &B_COLUMNS,
    b_groups: &B_GROUPS,
    b_rows: &B_ROWS,
    b_slots: &B_SLOTS_2021,
    c_groups: &C_GROUPS,
    c_columns: &C_COLUMNS,
    fee_fields: &FEE_FIELDS,
};

/// The tables of the 2019 format (FORMAT.md §7).
pub static TABLES_2019: Tables = Tables {
    version: FormatVersion::V2019,
    sections: &SECTIONS,
    a_blocks: &A_BLOCKS_2019,
    b_columns: &B_COLUMNS,
    b_groups: &B_GROUPS_2019,
    b_rows: &B_ROWS_2019,
    b_slots: &B_SLOTS_2019,
    c_groups: &C_GROUPS,
    c_columns: &C_COLUMNS,
    fee_fields: &[],
};

impl Tables {
    /// The block of table A a row key is in.
    pub fn a_block_of(&self, key: &str) -> Option<&'static ABlock> {
        self.a_blocks
            .iter()
            .find(|b| b.rows.iter().any(|(k, _)| *k == key))
    }

    /// The label of a table A row key.
    pub fn a_row_label(&self, key: &str) -> Option<&'static str> {
        self.a_blocks
            .iter()
            .flat_map(|b| b.rows.iter())
            .find(|(k, _)| *k == key)
            .map(|(_, l)| *l)
    }

    /// The row of table B stored at `slot` (an index into [`B_ROWS`]), if this version has
    /// one there.
    pub fn b_row_at(&self, slot: usize) -> Option<&'static BRow> {
        self.b_slots
            .iter()
            .position(|s| *s == slot)
            .map(|i| &self.b_rows[i])
    }
}

/// The largest count the format allows (N1).
pub const MAX_COUNT: u64 = 999_999_999;

#[cfg(test)]
mod tests {
    #[test]
    fn bare_labels_lose_their_item_number_only() {
        use super::bare_label;
        assert_eq!(bare_label("（一）予以公开"), "予以公开");
        assert_eq!(bare_label("一、本年新收"), "本年新收");
        assert_eq!(bare_label("1.属于国家秘密"), "属于国家秘密");
        assert_eq!(bare_label("四、结转下年度"), "结转下年度");
        assert_eq!(bare_label("行政复议"), "行政复议");
        assert_eq!(bare_label("十分"), "十分");
        assert_eq!(bare_label("（其他）"), "（其他）");
    }
    use super::*;

    #[test]
    fn table_b_has_the_rows_of_the_format_in_order() {
        assert_eq!(B_ROWS.len(), B_ROW_COUNT);
        assert_eq!(B_ROWS[R_RECEIVED].path, ["received"]);
        assert_eq!(B_ROWS[R_CARRIED_OVER].path, ["carried_over"]);
        assert_eq!(B_ROWS[R_OUTCOME_TOTAL].path, ["outcome", "total"]);
        assert_eq!(B_ROWS[R_CARRIED_FORWARD].path, ["carried_forward"]);
        // 2 + 8 + 3 + 5 + 3 outcome rows are summed into （七）总计.
        assert_eq!(
            B_ROWS.iter().filter(|r| r.role == BRole::Outcome).count(),
            21
        );
    }

    #[test]
    fn row_paths_are_unique() {
        for (i, a) in B_ROWS.iter().enumerate() {
            for b in &B_ROWS[i + 1..] {
                assert_ne!(a.path, b.path);
            }
        }
    }
}
