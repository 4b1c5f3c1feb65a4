//! Display width of text in a terminal (CJK characters take two columns) and cutting text to
//! a width: the one place that measures and truncates strings for screens and messages.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width of a string in terminal columns.
pub fn width(s: &str) -> usize {
    s.width()
}

/// The longest prefix of `s` at most `max` columns wide.
pub fn prefix(s: &str, max: usize) -> String {
    let mut out = String::new();
    let mut used = 0usize;
    for ch in s.chars() {
        let cw = ch.width().unwrap_or(0);
        if used + cw > max {
            break;
        }
        used += cw;
        out.push(ch);
    }
    out
}

/// `s` cut to at most `max` columns, ending with `…` when cut.
pub fn fit(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_string();
    }
    let mut out = prefix(s, max.saturating_sub(1));
    out.push('…');
    out
}

/// `s` cut from the left to at most `max` columns, `…` in front when cut (keeps the end of a
/// file path: its name).
pub fn fit_left(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_string();
    }
    let mut out: Vec<char> = Vec::new();
    let mut w = 1;
    for c in s.chars().rev() {
        let cw = c.width().unwrap_or(0);
        if w + cw > max {
            break;
        }
        w += cw;
        out.push(c);
    }
    out.push('…');
    out.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cutting_counts_columns() {
        assert_eq!(width("总计ab"), 6);
        assert_eq!(prefix("一二三", 5), "一二");
        assert_eq!(fit("一二三", 6), "一二三");
        assert_eq!(fit("一二三", 5), "一二…");
        assert_eq!(fit_left("dir/报告.yaml", 8), "…告.yaml");
    }
}
