//! How the wizard and the viewer name the report's version of the format (issue 15): the
//! tag of the step bar and of the viewer's header, the notes of step 1 and of the wizard's
//! F1 help, all derived from the version's [`Tables`].
//!
//! The 2021 format is the usual one and is not named (its screens are as before); a report
//! in another version is named on every screen, so that a clerk correcting an old report
//! knows which tables are in front of them.

use crate::model::schema::{
    FormatVersion, Tables, A19_CHANGE_COL, A19_ITEM_KEYS, FEES_LABEL, R_OTHER_2019_SLOT,
};

/// The version as short as the step bar has room for: `2019年格式`.
pub fn short_name(v: FormatVersion) -> String {
    format!("{}年格式", v.number())
}

/// The report years a version is for, as a clerk reads them: `2019、2020`.
pub fn years(v: FormatVersion) -> String {
    // The format's own years lie between the Regulation's revision (2019) and today's
    // format; `for_year` is the one source of which year takes which version.
    (2019..=2021)
        .filter(|y| FormatVersion::for_year(*y) == v)
        .map(|y| y.to_string())
        .collect::<Vec<_>>()
        .join("、")
}

/// The label of the column of table A that may hold negative numbers (`本年增/减`), if the
/// version has one.
pub fn signed_label(t: &Tables) -> Option<&'static str> {
    let change_key = A19_ITEM_KEYS[A19_CHANGE_COL];
    t.a_blocks
        .iter()
        .find_map(|b| {
            b.keys
                .iter()
                .position(|k| *k == change_key)
                .and_then(|i| b.columns.get(i))
        })
        .copied()
}

/// The step bar's tag of the version; `None` for the usual (2021) format.
pub fn tag(t: &Tables) -> Option<String> {
    (t.version != FormatVersion::V2021).then(|| short_name(t.version))
}

/// What differs in this version, in one sentence for step 1 and the help; `None` for the
/// 2021 format. E.g. `本报告按 2019 年版（试行）格式填写（2019、2020 年度的报告）：表二分 5
/// 个部分，“本年增/减”可以填负数：先按 - 再输入数字；表三“（六）其他处理”为一行；没有信息处理费。`
pub fn notes(t: &Tables) -> Option<String> {
    if t.version == FormatVersion::V2021 {
        return None;
    }
    let signed = signed_label(t);
    let mut s = format!(
        "本报告按 {}填写（{} 年度的报告）：表二分 {} 个部分",
        t.version.name(),
        years(t.version),
        t.a_blocks.len()
    );
    if let Some(label) = signed {
        s.push_str(&format!("，“{label}”可以填负数：先按 - 再输入数字"));
    }
    if let Some(row) = t.b_row_at(R_OTHER_2019_SLOT) {
        s.push_str(&format!("；表三“{}”为一行", row.label));
    }
    if t.fee_fields.is_empty() {
        s.push_str(&format!("；没有{FEES_LABEL}"));
    }
    s.push('。');
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::schema::{TABLES_2019, TABLES_2021};

    #[test]
    fn the_2019_format_is_named_and_described_from_its_tables() {
        assert_eq!(tag(&TABLES_2019).as_deref(), Some("2019年格式"));
        assert_eq!(tag(&TABLES_2021), None);
        assert_eq!(notes(&TABLES_2021), None);
        assert_eq!(signed_label(&TABLES_2019), Some("本年增/减"));
        assert_eq!(signed_label(&TABLES_2021), None);
        let n = notes(&TABLES_2019).unwrap();
        assert_eq!(
            n,
            "本报告按 2019 年版（试行）格式填写（2019、2020 年度的报告）：表二分 5 个部分，\
             “本年增/减”可以填负数：先按 - 再输入数字；表三“（六）其他处理”为一行；没有信息处理费。"
        );
    }
}
