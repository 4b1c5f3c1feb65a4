//! F1: 信息处理费 — collected ≤ notified; no notices means no amounts.

use super::{Finding, Number, Place, Rule, Severity};
use crate::model::{CellRef, Report};

fn place(i: usize) -> Place {
    CellRef::Fee(i).place()
}

/// F1: amount collected ≤ amount notified; with no notices both amounts are 0.
pub fn f1_processing_fees(report: &Report) -> Vec<Finding> {
    let f = &report.processing_fees;
    let mut out = Vec::new();
    if f.amount_collected_yuan > f.amount_notified_yuan {
        out.push(Finding {
            rule: Rule::F1,
            severity: Severity::Warning,
            path: CellRef::Fee(2).key_path(),
            place: place(2),
            expected: Some(Number::Amount(f.amount_notified_yuan)),
            actual: Some(Number::Amount(f.amount_collected_yuan)),
            cells: vec![CellRef::Fee(2), CellRef::Fee(1)],
            detail: format!(
                "实际收取 {} 元，多于通知收费 {} 元：实际收取不应多于通知金额",
                f.amount_collected_yuan, f.amount_notified_yuan
            ),
        });
    }
    if f.notices == 0
        && (f.amount_notified_yuan.micros() > 0 || f.amount_collected_yuan.micros() > 0)
    {
        let amount = f.amount_notified_yuan.max(f.amount_collected_yuan);
        out.push(Finding {
            rule: Rule::F1,
            severity: Severity::Warning,
            path: CellRef::Fee(0).key_path(),
            place: place(0),
            expected: None,
            actual: Some(Number::Count(0)),
            cells: vec![CellRef::Fee(0)],
            detail: format!("收费通知书为 0 件，却有 {amount} 元金额：请填写发出的收费通知书件数"),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Amount;
    use crate::rules::testdata;

    #[test]
    fn huaian_states_a_fee_without_notices() {
        // 淮安市 2024 says it collected 3940 元 and says nothing of notices or amounts notified.
        let f = f1_processing_fees(&testdata::huaian());
        assert_eq!(f.len(), 2);
        assert_eq!(
            f[0].actual,
            Some(Number::Amount(Amount::from_units(3940).unwrap()))
        );
        assert_eq!(f[1].path, "processing_fees.notices");
    }

    #[test]
    fn consistent_fees_pass() {
        let mut r = testdata::huaian();
        r.processing_fees.notices = 12;
        r.processing_fees.amount_notified_yuan = Amount::from_units(4000).unwrap();
        assert!(f1_processing_fees(&r).is_empty());
        assert!(f1_processing_fees(&testdata::gulou()).is_empty());
    }
}
