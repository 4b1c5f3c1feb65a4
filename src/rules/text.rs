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
            continue;
        }
        // A part with a heading and no body prints an empty heading (same family as T1).
        for (i, p) in parts.iter().enumerate() {
            if !p.heading.trim().is_empty() && p.body.trim().is_empty() {
                out.push(Finding {
                    cells: vec![CellRef::Part { section, part: i }],
                    ..finding(
                        format!(
                            "第 {} 段“{}”只有小标题，没有正文：请填写正文，或删去这一段",
                            i + 1,
                            crate::text::escape_for_message(p.heading.trim(), 20)
                        ),
                        None,
                    )
                });
            }
        }
        if section == ProseSection::Problems && n < PROBLEMS_MIN_CHARS {
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
    fn a_heading_without_a_body_is_a_warning() {
        let mut r = testdata::huaian();
        r.overview[2].body = "  ".into();
        let f = t1_text_present(&r);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].rule, "T1");
        assert_eq!(f[0].severity, Severity::Warning);
        assert_eq!(
            f[0].cells,
            vec![CellRef::Part {
                section: ProseSection::Overview,
                part: 2
            }]
        );
        assert!(f[0].detail.contains("第 3 段"), "{}", f[0].detail);
        // A part with neither heading nor body is left alone.
        r.overview[2].heading.clear();
        assert!(t1_text_present(&r).is_empty());
    }

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
