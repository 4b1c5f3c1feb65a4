//! N1: every count within 0..=999,999,999; amounts with at most their decimals.

use super::{Finding, Number, Place, Rule, Severity};
use crate::model::schema::{FEE_FIELDS, MAX_COUNT};
use crate::model::{CellKind, CellRef, Report, Table, Value};

fn too_large(path: String, place: Place, cell: CellRef, value: u64) -> Finding {
    Finding {
        rule: Rule::N1,
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
    let cells = Table::ALL
        .into_iter()
        .flat_map(|t| t.cells())
        .chain((0..FEE_FIELDS.len()).map(CellRef::Fee));
    for cell in cells {
        match report.get(cell) {
            Value::Count(v) if v > MAX_COUNT => {
                out.push(too_large(cell.key_path(), cell.place(), cell, v))
            }
            Value::Amount(amount) => {
                let CellKind::Amount(max) = cell.kind() else {
                    continue;
                };
                if amount.decimals() > max {
                    out.push(Finding {
                        rule: Rule::N1,
                        severity: Severity::Error,
                        path: cell.key_path(),
                        place: cell.place(),
                        expected: None,
                        actual: Some(Number::Amount(amount)),
                        cells: vec![cell],
                        detail: format!(
                            "以元为单位的金额最多 {max} 位小数（到分），这里是 {amount}"
                        ),
                    });
                }
            }
            _ => {}
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
