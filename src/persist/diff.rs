//! Field-level differences between two reports, walked through the schema: agency, year,
//! title, every heading and body of the prose parts, every cell of tables A, B and C that a
//! person types (computed totals follow from them and are not counted) and the 信息处理费.

use crate::model::schema::{
    AGENCY_LABEL, FEE_FIELDS, SECTION_OTHER_MATTERS, TITLE_LABEL, YEAR_LABEL,
};
use crate::model::{CellRef, ProseSection, Report, Table};

/// One field whose value differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// Where, in Chinese: the section heading (`基本信息` for agency, year and title).
    pub section: String,
    /// The field within the section, e.g. `一、本年新收 · 自然人` or `第 2 部分 · 正文`.
    pub field: String,
    /// The value in the first report (the file); `None` when the field does not exist there
    /// (a prose part the other report added).
    pub old: Option<String>,
    /// The value in the second report (the draft); `None` when it does not exist there.
    pub new: Option<String>,
}

type Push<'a> = dyn FnMut(&str, String, Option<String>, Option<String>) + 'a;

/// The heading used for agency, year and title.
pub const BASIC_SECTION: &str = crate::model::schema::BASIC_SECTION;

/// Every field that differs between `old` (the file) and `new` (the draft), in report order.
pub fn differences(old: &Report, new: &Report) -> Vec<Difference> {
    let mut out = Vec::new();
    let mut push = |section: &str, field: String, a: Option<String>, b: Option<String>| {
        if a != b {
            out.push(Difference {
                section: section.to_string(),
                field,
                old: a,
                new: b,
            });
        }
    };
    push(
        BASIC_SECTION,
        AGENCY_LABEL.into(),
        Some(old.agency.clone()),
        Some(new.agency.clone()),
    );
    push(
        BASIC_SECTION,
        YEAR_LABEL.into(),
        Some(old.year.to_string()),
        Some(new.year.to_string()),
    );
    push(
        BASIC_SECTION,
        TITLE_LABEL.into(),
        Some(old.title.clone().unwrap_or_default()),
        Some(new.title.clone().unwrap_or_default()),
    );

    let prose = |section: ProseSection, push: &mut Push<'_>| {
        let heading = section.heading();
        let (a, b) = (old.parts(section), new.parts(section));
        for i in 0..a.len().max(b.len()) {
            let (pa, pb) = (a.get(i), b.get(i));
            push(
                &heading,
                format!("第 {} 部分 · 标题", i + 1),
                pa.map(|p| p.heading.clone()),
                pb.map(|p| p.heading.clone()),
            );
            push(
                &heading,
                format!("第 {} 部分 · 正文", i + 1),
                pa.map(|p| p.body.clone()),
                pb.map(|p| p.body.clone()),
            );
        }
    };
    prose(ProseSection::Overview, &mut push);

    for table in Table::ALL {
        let heading = table.section().heading();
        for cell in table.editable_cells() {
            push(
                &heading,
                cell.short_label(),
                Some(old.get(cell).to_string()),
                Some(new.get(cell).to_string()),
            );
        }
    }

    prose(ProseSection::Problems, &mut push);
    prose(ProseSection::OtherMatters, &mut push);

    let six = SECTION_OTHER_MATTERS.heading();
    for i in 0..FEE_FIELDS.len() {
        let cell = CellRef::Fee(i);
        push(
            &six,
            cell.short_label(),
            Some(old.get(cell).to_string()),
            Some(new.get(cell).to_string()),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Amount, Part};

    #[test]
    fn the_same_report_has_no_differences() {
        let r = crate::rules::testdata::huaian();
        assert!(differences(&r, &r).is_empty());
    }

    #[test]
    fn every_kind_of_field_is_seen() {
        let old = Report::new("淮安市人民政府", 2024);
        let mut new = old.clone();
        new.agency = "淮安市人民政府办公室".into();
        new.year = 2023;
        new.title = Some("标题".into());
        new.overview[1].body = "正文".into();
        new.problems.push(Part::new("问题", ""));
        new.proactive.regulations.issued = 3;
        new.proactive.fees_wan_yuan = Amount::parse("1.5", 6).unwrap();
        new.requests.set(0, 0, 12);
        new.requests.recompute_totals();
        new.appeals.cells[1][2] = 4;
        new.appeals.recompute_totals();
        new.processing_fees.notices = 1;
        let d = differences(&old, &new);
        let fields: Vec<String> = d
            .iter()
            .map(|d| format!("{} / {}", d.section, d.field))
            .collect();
        assert_eq!(
            fields,
            [
                "基本信息 / 机关名称",
                "基本信息 / 年份",
                "基本信息 / 标题",
                "一、总体情况 / 第 2 部分 · 正文",
                "二、主动公开政府信息情况 / 规章 · 本年制发件数",
                "二、主动公开政府信息情况 / 行政事业性收费 · 本年收费金额（单位：万元）",
                "三、收到和处理政府信息公开申请情况 / 一、本年新收 · 自然人",
                "四、政府信息公开行政复议、行政诉讼情况 / 诉讼·直接起诉 · 其他结果",
                "五、存在的主要问题及改进情况 / 第 1 部分 · 标题",
                "五、存在的主要问题及改进情况 / 第 1 部分 · 正文",
                "六、其他需要报告的事项 / 信息处理费 · 收费通知书件数",
            ]
        );
        let b = &d[6];
        assert_eq!(
            (b.old.as_deref(), b.new.as_deref()),
            (Some("0"), Some("12"))
        );
        assert_eq!(d[8].old, None);
        assert_eq!(d[8].new.as_deref(), Some("问题"));
    }
}
