//! T1: sections 一, 五 and 六 are not empty, and 五 says more than "无".

use super::{Finding, Number, Place, Rule, Severity};
use crate::model::{CellRef, Part, ProseSection, Report};

/// The least number of characters (not counting whitespace and punctuation) that 五 needs.
pub const PROBLEMS_MIN_CHARS: usize = 10;

/// Characters of the bodies that count as words (not whitespace or punctuation), counted up
/// to `limit` (the rule needs no more).
fn chars_of(parts: &[Part], limit: usize) -> usize {
    parts
        .iter()
        .flat_map(|p| p.body.chars())
        .filter(|&c| {
            !c.is_whitespace()
                && !c.is_ascii_punctuation()
                && !matches!(
                    c,
                    '。' | '，'
                        | '、'
                        | '；'
                        | '：'
                        | '？'
                        | '！'
                        | '“'
                        | '”'
                        | '‘'
                        | '’'
                        | '（'
                        | '）'
                        | '《'
                        | '》'
                        | '…'
                        | '—'
                )
        })
        .take(limit)
        .count()
}

/// T1: 一, 五 and 六 must have text; 五 at least [`PROBLEMS_MIN_CHARS`] characters.
pub fn t1_text_present(report: &Report) -> Vec<Finding> {
    let mut out = Vec::new();
    for section in ProseSection::ALL {
        let parts = report.parts(section);
        let n = chars_of(parts, PROBLEMS_MIN_CHARS);
        let finding = |detail: String, actual: Option<Number>| Finding {
            rule: Rule::T1,
            severity: Severity::Warning,
            path: section.key().into(),
            place: Place {
                section: section.heading(),
                row: None,
                column: None,
            },
            expected: None,
            actual,
            cells: vec![CellRef::Part {
                section,
                part: first_empty(parts),
            }],
            detail,
        };
        if n == 0 {
            out.push(finding("这一节没有正文：请填写".into(), None));
        } else if section == ProseSection::Problems && n < PROBLEMS_MIN_CHARS {
            out.push(finding(
                format!("只写了 {n} 个字：应写明本年存在的主要问题和改进情况（至少 {PROBLEMS_MIN_CHARS} 个字）"),
                Some(Number::Count(n as u64)),
            ));
        }
    }
    out
}

fn first_empty(parts: &[Part]) -> usize {
    parts
        .iter()
        .position(|p| p.body.trim().is_empty())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testdata;

    #[test]
    fn examples_have_their_text() {
        for r in [
            testdata::huaian(),
            testdata::gulou(),
            testdata::hongze2023(),
        ] {
            assert!(t1_text_present(&r).is_empty());
        }
    }

    #[test]
    fn a_new_report_lacks_all_three() {
        let r = Report::new("某局", 2025);
        let f = t1_text_present(&r);
        assert_eq!(f.len(), 3);
        assert_eq!(f[1].place.section, "五、存在的主要问题及改进情况");
    }

    #[test]
    fn problems_saying_none_is_too_short() {
        let mut r = testdata::huaian();
        r.problems = vec![Part::new("", "无。")];
        let f = t1_text_present(&r);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].actual, Some(Number::Count(1)));
    }
}
