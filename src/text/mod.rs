//! Cleaning text that comes from files before it reaches a terminal.
//!
//! Reports come from elsewhere. A string may hold ESC sequences (CSI, OSC window titles or
//! clipboard writes), C1 controls or bidi overrides. ratatui drops most control characters,
//! but not everything (a cell symbol set directly is written raw), and `check` prints to a
//! terminal too. Every string from a file is shown through this one module: control and
//! format characters become visible placeholders and never reach the terminal.

//!
//! Also the pure helpers for text on screens: [`width`] (measuring and cutting to a width)
//! and [`wrap`] (the line breaker).

pub mod width;
pub mod wrap;

use std::borrow::Cow;

/// True for characters that must never be written to a terminal as they are.
pub fn is_dangerous(ch: char) -> bool {
    let c = ch as u32;
    c < 0x20
        || c == 0x7f
        || (0x80..=0x9f).contains(&c)
        // bidi embeddings, overrides and isolates, and the implicit marks
        || (0x202a..=0x202e).contains(&c)
        || (0x2066..=0x2069).contains(&c)
        || c == 0x200e
        || c == 0x200f
        || c == 0x061c
        // line/paragraph separators, BOM / zero-width no-break space, interlinear annotations
        || c == 0x2028
        || c == 0x2029
        || c == 0xfeff
        || (0xfff9..=0xfffb).contains(&c)
}

/// A visible stand-in for a dangerous character: `␛` for ESC, `␀`…`␟` for other C0
/// controls, `␡` for DEL, and `\u{…}` for the rest.
pub fn visible(ch: char) -> String {
    let c = ch as u32;
    if c < 0x20 {
        char::from_u32(0x2400 + c)
            .map(String::from)
            .unwrap_or_default()
    } else if c == 0x7f {
        "␡".to_string()
    } else {
        format!("\\u{{{c:x}}}")
    }
}

/// Cleans a one-line string: every control character (newline and tab included) is made
/// visible.
pub fn clean_line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_dangerous) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for ch in s.chars() {
        if is_dangerous(ch) {
            out.push_str(&visible(ch));
        } else {
            out.push(ch);
        }
    }
    Cow::Owned(out)
}

/// Cleans multi-line text: newlines stay, a tab becomes four spaces, a CR is dropped when
/// it ends a line, and every other control character is made visible.
pub fn clean_text(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_dangerous(c) && c != '\n') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\n' => out.push('\n'),
            '\t' => out.push_str("    "),
            '\r' if chars.peek() == Some(&'\n') => {}
            c if is_dangerous(c) => out.push_str(&visible(c)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Cleans and shortens a string for a one-line message (at most `max` characters, then `…`).
pub fn escape_for_message(s: &str, max: usize) -> String {
    let cleaned = clean_line(s);
    if cleaned.chars().count() > max {
        let mut t: String = cleaned.chars().take(max).collect();
        t.push('…');
        t
    } else {
        cleaned.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible() {
        let hostile = "机关\u{1b}]0;pwned\u{7}名称\u{9b}31m\u{202e}";
        let cleaned = clean_line(hostile);
        assert_eq!(cleaned, "机关␛]0;pwned␇名称\\u{9b}31m\\u{202e}");
        assert!(!cleaned.chars().any(is_dangerous));
    }

    #[test]
    fn plain_text_is_not_copied() {
        assert!(matches!(clean_line("淮安市人民政府"), Cow::Borrowed(_)));
        assert!(matches!(clean_text("第一段\n第二段"), Cow::Borrowed(_)));
    }

    #[test]
    fn text_keeps_newlines_and_expands_tabs() {
        assert_eq!(clean_text("a\r\nb\tc\u{1b}"), "a\nb    c␛");
    }

    #[test]
    fn messages_are_shortened() {
        assert_eq!(escape_for_message("一二三四五", 3), "一二三…");
    }
}
