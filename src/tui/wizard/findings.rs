//! How the wizard words a finding on one line at 80 columns: the rule, the place without what
//! the screen already says, and the numbers last, so that they always show and a changing
//! number moves no text after it (issue 13 items 4–5, issue 17).

use crate::rules::{Finding, Severity};
use crate::tui::theme::{ERROR_MARK, WARNING_MARK};

/// The mark of a finding's severity (`✗` or `!`).
pub fn mark(f: &Finding) -> &'static str {
    match f.severity {
        Severity::Error => ERROR_MARK,
        Severity::Warning => WARNING_MARK,
    }
}

/// The detail with its first number in a slot of fixed width: `一+二 = 155，（七）总计+四 = 154`
/// reads `一+二 = 155        （七）总计+四 = 154`, so the text after it stays put while the
/// number grows (the last number ends the line); a detail of another shape is kept as it is.
pub fn detail_fixed_slots(detail: &str) -> String {
    let parts: Vec<&str> = detail.split('，').collect();
    if parts.len() == 2 {
        let split = |s: &str| -> Option<(String, String)> {
            let (label, value) = s.rsplit_once(" = ")?;
            let value = value.trim();
            let numeric = !value.is_empty()
                && value
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | ','));
            numeric.then(|| (label.trim().to_string(), value.to_string()))
        };
        if let (Some((l1, v1)), Some((l2, v2))) = (split(parts[0]), split(parts[1])) {
            return format!("{l1} = {v1:<11}{l2} = {v2}");
        }
    }
    detail.to_string()
}

/// The place of a finding without its section's long heading: the section's number
/// (`三、`) and the row and column, when `with_section` (step 8, the saved dialog); only the
/// row and column where the step already says the section.
pub fn short_place(f: &Finding, with_section: bool) -> String {
    let mut out = String::new();
    if with_section {
        let number: String = f.place.section.chars().take_while(|c| *c != '、').collect();
        if number.chars().count() < f.place.section.chars().count() && !number.is_empty() {
            out.push_str(&number);
            out.push('、');
        } else {
            out.push_str(&f.place.section);
        }
    }
    let rest: Vec<&str> = [f.place.row.as_deref(), f.place.column.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if rest.is_empty() && with_section {
        return f.place.section.clone();
    }
    if !rest.is_empty() {
        if with_section && !out.ends_with('、') {
            out.push_str(" · ");
        }
        out.push_str(&rest.join(" · "));
    }
    out
}

/// One line for a finding: `✗ B3 三、自然人：一+二 = 155        （七）总计+四 = 154`.
pub fn line(f: &Finding, with_section: bool) -> String {
    format!("{} {}", mark(f), text(f, with_section))
}

/// [`line()`] without the mark: `B3 三、自然人：…`.
pub fn text(f: &Finding, with_section: bool) -> String {
    let place = short_place(f, with_section);
    let detail = detail_fixed_slots(&f.detail);
    if place.is_empty() {
        format!("{} {detail}", f.rule)
    } else {
        format!("{} {place}：{detail}", f.rule)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_number_has_a_fixed_slot() {
        assert_eq!(
            detail_fixed_slots("一+二 = 155，（七）总计+四 = 154"),
            "一+二 = 155        （七）总计+四 = 154"
        );
        assert_eq!(
            detail_fixed_slots("年份应在 2000 年之后"),
            "年份应在 2000 年之后"
        );
    }
}
