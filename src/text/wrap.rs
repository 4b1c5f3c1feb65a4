//! Wrapping text to a terminal's width: the one line breaker of the program.
//!
//! [`wrap`] sets text the way printed Chinese is set: CJK characters take two columns, numbers
//! and Latin words stay whole, and closing punctuation (，。、…) never starts a line (the
//! viewer, the wizard's preview). [`wrap_with`] takes [`Breaks`] for the other uses: table
//! labels and the import account break between any two characters ([`Breaks::ANYWHERE`]),
//! `check`'s messages keep every run of ASCII characters (a file name, a key path) whole
//! ([`Breaks::MESSAGES`]).

use unicode_width::UnicodeWidthChar;

/// Characters that must not begin a line (Chinese line-breaking rules, 避头点).
fn no_line_start(c: char) -> bool {
    "，。、；：？！）」』》〉】”’…—·,.;:?!)]%".contains(c)
}

/// Where a line may break.
#[derive(Debug, Clone, Copy)]
pub struct Breaks {
    /// Characters that make up a word kept whole (unless it fills a line by itself); `None`
    /// lets a line break between any two characters.
    pub word: Option<fn(char) -> bool>,
    /// Whether closing punctuation is kept from starting a line (避头点).
    pub no_line_start: bool,
}

impl Breaks {
    /// Chinese prose: Latin words and numbers whole, closing punctuation never first.
    pub const PROSE: Breaks = Breaks {
        word: Some(is_word),
        no_line_start: true,
    };
    /// Between any two characters (table labels, the import account).
    pub const ANYWHERE: Breaks = Breaks {
        word: None,
        no_line_start: false,
    };
    /// Messages that quote file names and key paths: every run of non-space ASCII whole.
    pub const MESSAGES: Breaks = Breaks {
        word: Some(is_ascii_word),
        no_line_start: false,
    };
}

/// Wraps `text` to `width` display columns (CJK characters take two), indenting the first
/// line by `first` columns and the others by `rest`. Latin words are kept whole where they
/// fit; punctuation such as `，` and `。` never starts a line.
pub fn wrap(text: &str, width: usize, first: usize, rest: usize) -> Vec<String> {
    wrap_with(text, width, first, rest, Breaks::PROSE)
}

/// [`wrap`] with the given [`Breaks`]. Spaces at a break are dropped; no line is wider than
/// `width` unless one character is.
pub fn wrap_with(
    text: &str,
    width: usize,
    first: usize,
    rest: usize,
    breaks: Breaks,
) -> Vec<String> {
    let width = width.max(1);
    let chars: Vec<(char, usize)> = text
        .chars()
        .map(|c| (c, UnicodeWidthChar::width(c).unwrap_or(0)))
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut indent = first.min(width.saturating_sub(2));
    while i < chars.len() {
        let avail = width.saturating_sub(indent).max(chars[i].1.max(1));
        // Take as many characters as fit.
        let mut used = 0;
        let mut j = i;
        while j < chars.len() && used + chars[j].1 <= avail {
            used += chars[j].1;
            j += 1;
        }
        if j == i {
            j = i + 1; // a character wider than the line: put it alone
        }
        if j < chars.len() {
            if let Some(word) = breaks.word {
                // Keep a Latin word or a number whole unless it fills the line by itself.
                j = keep_word_whole(&chars, i, j, word);
            }
            // Do not start the next line with closing punctuation: take one character
            // fewer (it moves down with the punctuation), as printed Chinese does.
            if breaks.no_line_start && no_line_start(chars[j].0) && j - i > 1 {
                j -= 1;
                // The character moved down must not split a number: "100%" stays whole.
                if let Some(word) = breaks.word {
                    j = keep_word_whole(&chars, i, j, word);
                }
            }
        }
        let mut line = " ".repeat(indent);
        line.extend(chars[i..j].iter().map(|(c, _)| *c));
        let trimmed = line.trim_end().len();
        line.truncate(trimmed);
        out.push(line);
        i = j;
        while i < chars.len() && chars[i].0 == ' ' {
            i += 1;
        }
        indent = rest.min(width.saturating_sub(2));
    }
    if out.is_empty() {
        out.push(String::new());
    }
    out
}

/// Moves a break at `j` (line from `i`) back to the start of the word it would split, unless
/// that word starts the line.
fn keep_word_whole(
    chars: &[(char, usize)],
    i: usize,
    j: usize,
    is_word: fn(char) -> bool,
) -> usize {
    if !(is_word(chars[j].0) && is_word(chars[j - 1].0)) {
        return j;
    }
    let mut k = j - 1;
    while k > i && is_word(chars[k - 1].0) {
        k -= 1;
    }
    if k > i {
        k
    } else {
        j
    }
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

fn is_ascii_word(c: char) -> bool {
    c.is_ascii() && c != ' '
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn a_number_before_closing_punctuation_stays_whole() {
        // "100%" would fit up to "10", and "%" may not start a line: the whole number moves.
        let lines = wrap("合格率均为 100%。", 14, 0, 0);
        assert_eq!(lines, vec!["合格率均为", "100%。"]);
    }

    #[test]
    fn cjk_takes_two_columns() {
        let lines = wrap("一二三四五六七八九十", 8, 0, 0);
        assert_eq!(lines, vec!["一二三四", "五六七八", "九十"]);
        for l in &lines {
            assert!(l.width() <= 8);
        }
    }

    #[test]
    fn first_line_is_indented() {
        let lines = wrap("一二三四五六", 8, 4, 0);
        assert_eq!(lines, vec!["    一二", "三四五六"]);
    }

    #[test]
    fn punctuation_does_not_start_a_line() {
        let lines = wrap("一二三四，五六", 8, 0, 0);
        assert_eq!(lines, vec!["一二三", "四，五六"]);
    }

    #[test]
    fn latin_words_stay_whole() {
        let lines = wrap("see the nianbao tool", 12, 0, 0);
        assert_eq!(lines, vec!["see the", "nianbao tool"]);
    }

    #[test]
    fn every_line_fits_and_nothing_is_lost() {
        let text = "2023 年，洪泽区人民政府坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实《条例》相关规范要求。abcdefghijklmnopqrstuvwxyz";
        for w in [3, 5, 10, 17, 40, 78] {
            let lines = wrap(text, w, 4, 2);
            for l in &lines {
                assert!(l.width() <= w.max(2), "{w}: {l:?}");
            }
            let joined: String = lines.concat().chars().filter(|c| *c != ' ').collect();
            let orig: String = text.chars().filter(|c| *c != ' ').collect();
            assert_eq!(joined, orig, "width {w}");
        }
    }

    #[test]
    fn anywhere_breaks_labels_between_any_characters() {
        assert_eq!(
            wrap_with("一二，三四", 4, 0, 0, Breaks::ANYWHERE),
            vec!["一二", "，三", "四"]
        );
        assert_eq!(
            wrap_with(
                "  第 1 行：一二三四五六七八九十",
                20,
                0,
                4,
                Breaks::ANYWHERE
            ),
            vec!["  第 1 行：一二三四", "    五六七八九十"]
        );
    }

    #[test]
    fn messages_keep_file_names_whole() {
        assert_eq!(
            wrap_with("读取 examples/a-b.yaml 失败", 18, 0, 0, Breaks::MESSAGES),
            vec!["读取", "examples/a-b.yaml", "失败"]
        );
    }

    proptest::proptest! {
        #[test]
        fn wrap_never_panics_fits_and_loses_nothing(
            text in "[a-z0-9 ，。、年月日报告政府\u{301}\u{200b}]{0,120}",
            width in 0usize..90,
            first in 0usize..6,
            rest in 0usize..4,
        ) {
            let lines = wrap(&text, width, first, rest);
            for l in &lines {
                proptest::prop_assert!(l.width() <= width.max(2), "{:?} > {}", l, width);
            }
            let joined: String = lines.concat().chars().filter(|c| *c != ' ').collect();
            let orig: String = text.chars().filter(|c| *c != ' ').collect();
            proptest::prop_assert_eq!(joined, orig);
        }
    }
}
