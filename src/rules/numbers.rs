//! N1: every count within 0..=999,999,999; amounts with at most their decimals.

use super::{Finding, Number, Place, Severity};
use crate::model::schema::{
    A_BLOCKS, B_COLS, B_COLUMNS, B_ROWS, B_ROW_COUNT, C_COLUMNS, C_GROUPS, FEE_FIELDS, MAX_COUNT,
    SECTIONS,
};
use crate::model::{CellRef, Report};

fn too_large(path: String, place: Place, cell: CellRef, value: u64) -> Finding {
    Finding {
        rule: "N1",
        severity: Severity::Error,
        path,
        place,
        expected: Some(Number::Count(MAX_COUNT)),
        actual: Some(Number::Count(value)),
        cells: vec![cell],
        detail: format!("计数 {value} 超过上限 999999999"),
    }
}

/// N1: counts in range; 元 amounts with at most 2 decimals (万元 amounts hold at most 6 by type).
pub fn n1_number_ranges(report: &Report) -> Vec<Finding> {
    let mut out = Vec::new();
    let p = &report.proactive;
    for block in &A_BLOCKS {
        for (key, label) in block.rows {
            for col in 0..block.columns.len() {
                if let Some(v) = p.count(key, col).filter(|v| *v > MAX_COUNT) {
                    let place = Place {
                        section: SECTIONS[1].heading(),
                        row: Some((*label).into()),
                        column: Some(block.columns[col].into()),
                    };
                    let path = if block.columns.len() > 1 {
                        format!("proactive.{key}.{}", crate::model::schema::A_DOC_KEYS[col])
                    } else {
                        format!("proactive.{key}")
                    };
                    out.push(too_large(path, place, CellRef::A { field: key, col }, v));
                }
            }
        }
    }
    for row in 0..B_ROW_COUNT {
        for col in 0..B_COLS {
            let v = report.requests.get(row, col);
            if v > MAX_COUNT {
                let place = Place {
                    section: SECTIONS[2].heading(),
                    row: Some(B_ROWS[row].label.into()),
                    column: Some(B_COLUMNS[col].label.into()),
                };
                let path = format!("{}.{}", B_ROWS[row].key_path(), B_COLUMNS[col].key);
                out.push(too_large(path, place, CellRef::B { row, col }, v));
            }
        }
    }
    for (g, group) in C_GROUPS.iter().enumerate() {
        for (col, column) in C_COLUMNS.iter().enumerate() {
            let v = report.appeals.cells[g][col];
            if v > MAX_COUNT {
                let place = Place {
                    section: SECTIONS[3].heading(),
                    row: Some(group.label.into()),
                    column: Some(column.label.into()),
                };
                out.push(too_large(
                    format!("appeals.{}.{}", group.key, column.key),
                    place,
                    CellRef::C { group: g, col },
                    v,
                ));
            }
        }
    }
    let fees = &report.processing_fees;
    let fee_place = |i: usize| Place {
        section: SECTIONS[5].heading(),
        row: Some(format!("信息处理费 · {}", FEE_FIELDS[i].1)),
        column: None,
    };
    if fees.notices > MAX_COUNT {
        out.push(too_large(
            format!("processing_fees.{}", FEE_FIELDS[0].0),
            fee_place(0),
            CellRef::Fee(0),
            fees.notices,
        ));
    }
    for (i, amount) in [
        (1, fees.amount_notified_yuan),
        (2, fees.amount_collected_yuan),
    ] {
        if amount.decimals() > 2 {
            out.push(Finding {
                rule: "N1",
                severity: Severity::Error,
                path: format!("processing_fees.{}", FEE_FIELDS[i].0),
                place: fee_place(i),
                expected: None,
                actual: Some(Number::Amount(amount)),
                cells: vec![CellRef::Fee(i)],
                detail: format!("以元为单位的金额最多 2 位小数（到分），这里是 {amount}"),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Amount;
    use crate::rules::testdata;

    #[test]
    fn examples_are_in_range() {
        assert!(n1_number_ranges(&testdata::huaian()).is_empty());
    }

    #[test]
    fn a_huge_computed_total_is_found() {
        let mut r = testdata::huaian();
        for col in 0..6 {
            r.requests.set(0, col, MAX_COUNT);
        }
        r.requests.recompute_totals();
        let f = n1_number_ranges(&r);
        assert!(
            f.iter().any(|f| f.path == "requests.received.total"),
            "{f:#?}"
        );
    }

    #[test]
    fn yuan_with_three_decimals_is_found() {
        let mut r = testdata::huaian();
        r.processing_fees.amount_collected_yuan = Amount::parse("3940.125", 6).unwrap();
        let f = n1_number_ranges(&r);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].path, "processing_fees.amount_collected_yuan");
    }

    #[test]
    fn a_huge_table_a_count_is_found() {
        let mut r = testdata::huaian();
        r.proactive.regulations.in_force = MAX_COUNT + 1;
        let f = n1_number_ranges(&r);
        assert_eq!(f[0].path, "proactive.regulations.in_force");
    }
}
