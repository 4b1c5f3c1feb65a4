//! Which version of the format a published report follows (FORMAT.md §7): the 2019 trial
//! format (国办公开办函〔2019〕60号, the reports for 2019 and 2020) or the 2021 format.
//!
//! Told by the report's own content, strongest evidence first:
//! 1. table A's column and row labels that only one version has (2019: 本年新制作数量,
//!    上一年项目数量, 采购项目数量, 政府集中采购 …; 2021: 本年制发件数, 现行有效件数 …), the
//!    version with more of them;
//! 2. a citation of the version's notice (`国办公开办函〔2019〕60号` / `〔2021〕30号`);
//! 3. table B's （六）其他处理 printed as one row (its 2021 rows 1–3 absent), or with them;
//! 4. the title's year (2019 and 2020: the 2019 format).
//!
//! Every label comes from [`crate::model::schema`]; nothing here names a label twice.

use super::labels::{split_numbering, squash};
use crate::model::schema::{
    ABlock, FormatVersion, Tables, B_ROWS, R_OTHER_2019_SLOT, TABLES_2019, TABLES_2021,
};

/// The letters of every table A label (columns and rows) of a version.
fn a_labels(t: &Tables) -> Vec<Vec<char>> {
    t.a_blocks
        .iter()
        .flat_map(|b: &ABlock| {
            b.columns
                .iter()
                .copied()
                .chain(b.rows.iter().map(|(_, l)| *l))
        })
        .map(squash)
        .collect()
}

fn contains(hay: &[char], needle: &[char]) -> bool {
    !needle.is_empty()
        && hay.len() >= needle.len()
        && hay.windows(needle.len()).any(|w| w == needle)
}

/// The table A labels of `t` that are no part of any label of `other` (so that finding one
/// in a report says it is in `t`'s version).
fn own_markers(t: &Tables, other: &Tables) -> Vec<Vec<char>> {
    let theirs = a_labels(other);
    let mut out: Vec<Vec<char>> = a_labels(t)
        .into_iter()
        .filter(|l| l.len() >= 4 && !theirs.iter().any(|o| contains(o, l)))
        .collect();
    out.dedup();
    out
}

/// The notice that introduced a version, as its letters (`国办公开办函201960号`).
fn citation(v: FormatVersion) -> Vec<char> {
    let n = match v {
        FormatVersion::V2019 => "国办公开办函〔2019〕60号",
        FormatVersion::V2021 => "国办公开办函〔2021〕30号",
    };
    squash(n)
}

/// The version a report's text follows, and why (for the account, in Chinese).
///
/// `table_a` and `table_b` are the letters of sections 二 and 三, `all` those of the whole
/// text, `year` the title's year if found.
pub(crate) fn detect(
    table_a: &[char],
    table_b: &[char],
    all: &[char],
    year: Option<i32>,
) -> (FormatVersion, String) {
    let found = |t: &Tables, other: &Tables| -> Vec<String> {
        own_markers(t, other)
            .into_iter()
            .filter(|m| contains(table_a, m))
            .map(|m| m.into_iter().collect())
            .collect()
    };
    let in19 = found(&TABLES_2019, &TABLES_2021);
    let in21 = found(&TABLES_2021, &TABLES_2019);
    if in19.len() != in21.len() {
        let (v, marks) = if in19.len() > in21.len() {
            (FormatVersion::V2019, in19)
        } else {
            (FormatVersion::V2021, in21)
        };
        return (
            v,
            format!(
                "表二有该版的栏目“{}”",
                marks.iter().take(3).cloned().collect::<Vec<_>>().join("”“")
            ),
        );
    }
    for v in FormatVersion::ALL {
        if contains(all, &citation(v)) {
            let n: String = citation(v).into_iter().collect();
            return (v, format!("正文引用了{n}"));
        }
    }
    // Table B's （六）其他处理: one row (2019) or a heading over three rows (2021).
    let other_row = squash(split_numbering(B_ROWS[R_OTHER_2019_SLOT].label).1);
    let sub_rows: Vec<Vec<char>> = B_ROWS
        .iter()
        .filter(|r| r.path.len() == 3 && r.path[1] == "other")
        .map(|r| squash(split_numbering(r.label).1))
        .filter(|l| *l != other_row)
        .collect();
    let group = squash(
        TABLES_2019
            .b_rows
            .iter()
            .find(|r| r.path == ["outcome", "other"])
            .map_or("", |r| r.label),
    );
    if contains(table_b, &group) {
        if sub_rows.iter().any(|r| contains(table_b, r)) {
            return (
                FormatVersion::V2021,
                "表三的“（六）其他处理”下分 3 行".to_string(),
            );
        }
        return (
            FormatVersion::V2019,
            "表三的“（六）其他处理”只有一行".to_string(),
        );
    }
    match year {
        Some(y) => (
            FormatVersion::for_year(y),
            format!("表格中没有区分两版的栏目，按报告年度 {y} 年"),
        ),
        None => (
            FormatVersion::V2021,
            "表格中没有区分两版的栏目，也没有年度，按 2021 年版".to_string(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(x: &str) -> Vec<char> {
        squash(x)
    }

    #[test]
    fn markers_come_from_the_schema() {
        let m19: Vec<String> = own_markers(&TABLES_2019, &TABLES_2021)
            .into_iter()
            .map(|m| m.into_iter().collect())
            .collect();
        for want in [
            "本年新制作数量",
            "上一年项目数量",
            "采购项目数量",
            "政府集中采购",
        ] {
            assert!(m19.iter().any(|m| m == want), "{want}: {m19:?}");
        }
        // 处理决定数量 is part of the 2021 column 本年处理决定数量: no marker.
        assert!(!m19.iter().any(|m| m == "处理决定数量"));
        let m21: Vec<String> = own_markers(&TABLES_2021, &TABLES_2019)
            .into_iter()
            .map(|m| m.into_iter().collect())
            .collect();
        assert!(m21.iter().any(|m| m == "本年制发件数"), "{m21:?}");
    }

    #[test]
    fn each_kind_of_evidence() {
        let (v, why) = detect(&s("信息内容本年新制作数量规章"), &[], &[], Some(2021));
        assert_eq!(v, FormatVersion::V2019, "{why}");
        let (v, _) = detect(&s("本年制发件数 本年废止件数"), &[], &[], Some(2019));
        assert_eq!(v, FormatVersion::V2021);
        let (v, why) = detect(&[], &[], &s("按照国办公开办函〔2019〕60号要求"), None);
        assert_eq!(v, FormatVersion::V2019);
        assert!(why.contains("201960"), "{why}");
        let (v, _) = detect(&[], &s("（六）其他处理 0 0 0（七）总计"), &[], None);
        assert_eq!(v, FormatVersion::V2019);
        let (v, _) = detect(
            &[],
            &s("（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
            &[],
            None,
        );
        assert_eq!(v, FormatVersion::V2021);
        assert_eq!(detect(&[], &[], &[], Some(2020)).0, FormatVersion::V2019);
        assert_eq!(detect(&[], &[], &[], Some(2022)).0, FormatVersion::V2021);
    }
}
