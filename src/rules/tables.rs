//! B1, B2, B3 and C1: the arithmetic of tables B and C.

use super::{Finding, Number, Place, Rule, Severity};
use crate::model::schema::{
    BRole, B_COLUMNS, B_ROWS, B_TOTAL_COL, C_COLUMNS, C_GROUPS, C_TOTAL_COL, R_CARRIED_FORWARD,
    R_CARRIED_OVER, R_OUTCOME_TOTAL, R_RECEIVED, SECTION_APPEALS, SECTION_REQUESTS, TOTAL_LABEL,
};
use crate::model::{CellRef, Report};

fn section_b() -> String {
    SECTION_REQUESTS.heading()
}

/// B1: in each row of table B, 总计 = the sum of the six applicant columns.
pub fn b1_row_totals(report: &Report) -> Vec<Finding> {
    let tables = report.tables();
    let t = &report.requests;
    tables
        .b_slots
        .iter()
        .copied()
        .filter(|&row| t.row_sum(row) != t.get(row, B_TOTAL_COL))
        .map(|row| {
            let (sum, total) = (t.row_sum(row), t.get(row, B_TOTAL_COL));
            Finding {
                rule: Rule::B1,
                severity: Severity::Error,
                path: CellRef::B {
                    row,
                    col: B_TOTAL_COL,
                }
                .key_path_in(tables),
                place: CellRef::B {
                    row,
                    col: B_TOTAL_COL,
                }
                .place_in(tables),
                expected: Some(Number::Count(sum)),
                actual: Some(Number::Count(total)),
                cells: std::iter::once(CellRef::B {
                    row,
                    col: B_TOTAL_COL,
                })
                .chain((0..B_TOTAL_COL).map(|col| CellRef::B { row, col }))
                .collect(),
                detail: format!("各列之和 = {sum}，{TOTAL_LABEL} = {total}"),
            }
        })
        .collect()
}

/// B2: in each column of table B, （七）总计 = the sum of the 21 outcome rows.
pub fn b2_outcome_totals(report: &Report) -> Vec<Finding> {
    let tables = report.tables();
    let t = &report.requests;
    (0..B_COLUMNS.len())
        .filter(|&col| t.outcome_sum(col) != t.get(R_OUTCOME_TOTAL, col))
        .map(|col| {
            let (sum, total) = (t.outcome_sum(col), t.get(R_OUTCOME_TOTAL, col));
            Finding {
                rule: Rule::B2,
                severity: Severity::Error,
                path: CellRef::B {
                    row: R_OUTCOME_TOTAL,
                    col,
                }
                .key_path_in(tables),
                place: CellRef::B {
                    row: R_OUTCOME_TOTAL,
                    col,
                }
                .place_in(tables),
                expected: Some(Number::Count(sum)),
                actual: Some(Number::Count(total)),
                cells: std::iter::once(CellRef::B {
                    row: R_OUTCOME_TOTAL,
                    col,
                })
                .chain(
                    tables
                        .b_rows
                        .iter()
                        .zip(tables.b_slots)
                        .filter(|(r, _)| r.role == BRole::Outcome)
                        .map(|(_, &row)| CellRef::B { row, col }),
                )
                .collect(),
                detail: format!(
                    "（一）至（六）之和 = {sum}，{} = {total}",
                    B_ROWS[R_OUTCOME_TOTAL].label
                ),
            }
        })
        .collect()
}

/// B3: in each column of table B, 一 + 二 = （七）总计 + 四 (the 勾稽关系 printed in the table).
pub fn b3_balance(report: &Report) -> Vec<Finding> {
    let t = &report.requests;
    (0..B_COLUMNS.len())
        .filter_map(|col| {
            let left = t.get(R_RECEIVED, col) + t.get(R_CARRIED_OVER, col);
            let right = t.get(R_OUTCOME_TOTAL, col) + t.get(R_CARRIED_FORWARD, col);
            (left != right).then(|| Finding {
                rule: Rule::B3,
                severity: Severity::Error,
                path: format!("requests.*.{}", B_COLUMNS[col].key),
                place: Place {
                    section: section_b(),
                    row: None,
                    column: Some(B_COLUMNS[col].label.into()),
                },
                expected: Some(Number::Count(left)),
                actual: Some(Number::Count(right)),
                cells: [
                    R_RECEIVED,
                    R_CARRIED_OVER,
                    R_OUTCOME_TOTAL,
                    R_CARRIED_FORWARD,
                ]
                .into_iter()
                .map(|row| CellRef::B { row, col })
                .collect(),
                detail: format!(
                    "一+二 = {left}，{}+四 = {right}",
                    B_ROWS[R_OUTCOME_TOTAL].label
                ),
            })
        })
        .collect()
}

/// C1: in each group of table C, 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
pub fn c1_appeal_totals(report: &Report) -> Vec<Finding> {
    let a = &report.appeals;
    (0..C_GROUPS.len())
        .filter(|&g| a.group_sum(g) != a.cells[g][C_TOTAL_COL])
        .map(|g| {
            let (sum, total) = (a.group_sum(g), a.cells[g][C_TOTAL_COL]);
            let group = &C_GROUPS[g];
            let label = match group.parent {
                Some(p) => format!("{p} · {}", group.label),
                None => group.label.to_string(),
            };
            Finding {
                rule: Rule::C1,
                severity: Severity::Error,
                path: CellRef::C {
                    group: g,
                    col: C_TOTAL_COL,
                }
                .key_path(),
                place: Place {
                    section: SECTION_APPEALS.heading(),
                    row: Some(label),
                    column: Some(TOTAL_LABEL.into()),
                },
                expected: Some(Number::Count(sum)),
                actual: Some(Number::Count(total)),
                cells: std::iter::once(CellRef::C {
                    group: g,
                    col: C_TOTAL_COL,
                })
                .chain((0..C_TOTAL_COL).map(|col| CellRef::C { group: g, col }))
                .collect(),
                detail: format!(
                    "{}+{}+{}+{} = {sum}，{TOTAL_LABEL} = {total}",
                    C_COLUMNS[0].label, C_COLUMNS[1].label, C_COLUMNS[2].label, C_COLUMNS[3].label
                ),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testdata;

    #[test]
    fn b1_finds_a_wrong_row_total() {
        let mut r = testdata::huaian();
        assert!(b1_row_totals(&r).is_empty());
        r.requests.set(R_RECEIVED, B_TOTAL_COL, 3120);
        let f = b1_row_totals(&r);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].path, "requests.received.total");
        let received = CellRef::B {
            row: R_RECEIVED,
            col: B_TOTAL_COL,
        };
        testdata::assert_counts(&f[0], 3119, 3120, received);
    }

    #[test]
    fn b2_finds_a_wrong_outcome_total() {
        let mut r = testdata::huaian();
        assert!(b2_outcome_totals(&r).is_empty());
        // 自然人 （一）予以公开 1288 → 1289: （七）总计 2932 no longer adds up.
        r.requests.set(2, 0, 1289);
        let f = b2_outcome_totals(&r);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].path, "requests.outcome.total.natural_person");
        assert_eq!(f[0].expected, Some(Number::Count(2933)));
        assert_eq!(f[0].actual, Some(Number::Count(2932)));
    }

    #[test]
    fn b3_balances_huaian_and_names_both_sides() {
        let mut r = testdata::huaian();
        assert!(b3_balance(&r).is_empty());
        // 自然人: 3001 + 34 = 2932 + 103. Make 四 102.
        r.requests.set(R_CARRIED_FORWARD, 0, 102);
        let f = b3_balance(&r);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].to_string(), "B3 错误 三、收到和处理政府信息公开申请情况 · 自然人: 一+二 = 3035，（七）总计+四 = 3034");
        assert_eq!(f[0].path, "requests.*.natural_person");
    }

    #[test]
    fn c1_checks_each_group() {
        let mut r = testdata::huaian();
        assert!(c1_appeal_totals(&r).is_empty());
        r.appeals.cells[1][C_TOTAL_COL] = 27;
        let f = c1_appeal_totals(&r);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].path, "appeals.litigation_direct.total");
        assert_eq!(f[0].expected, Some(Number::Count(26)));
        assert!(f[0]
            .place
            .to_string()
            .contains("行政诉讼 · 未经复议直接起诉"));
    }
}
