//! Matching printed labels against the official labels of the schema.
//!
//! Published reports change labels in small ways: full-width or half-width punctuation,
//! spaces inside labels (`本年度办 理结果`), a label wrapped over several lines, a typo
//! (`2.其他法律行政止公开`), `1、` for `1.`. A label is compared with the official one by
//! its letters only (punctuation and spaces dropped) and scored by the longest common
//! subsequence, so that a lost or misspelt character lowers the score a little instead of
//! breaking the match. The numbering (`（三）`, `1.`, `一、`) is compared separately.

/// Maps full-width ASCII forms to ASCII and the ideographic space to a space.
pub(crate) fn fold(ch: char) -> char {
    match ch {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(ch as u32 - 0xFEE0).unwrap_or(ch),
        '\u{3000}' | '\u{A0}' => ' ',
        _ => ch,
    }
}

/// The letters of a label: folded, without spaces and punctuation.
pub(crate) fn squash(s: &str) -> Vec<char> {
    s.chars()
        .map(fold)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// How a label is numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumKind {
    /// `（三）`.
    ParenChinese,
    /// `三、`.
    Chinese,
    /// `1.` or `1、`.
    Arabic,
}

/// The numbering at the start of a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Numbering {
    /// Its style.
    pub kind: NumKind,
    /// Its value (一 = 1).
    pub value: u32,
}

/// The value of a Chinese numeral up to 九十九.
pub(crate) fn chinese_numeral(s: &str) -> Option<u32> {
    let digit = |c: char| "零一二三四五六七八九".chars().position(|d| d == c);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [d] if *d == '十' => Some(10),
        [d] => digit(*d).map(|v| v as u32),
        ['十', u] => digit(*u).map(|v| 10 + v as u32),
        [t, '十'] => digit(*t).map(|v| v as u32 * 10),
        [t, '十', u] => Some(digit(*t)? as u32 * 10 + digit(*u)? as u32),
        _ => None,
    }
}

fn is_chinese_digit(c: char) -> bool {
    "零一二三四五六七八九十".contains(c)
}

/// Splits the numbering off the start of a label: `（三）不予公开` → ((三), `不予公开`),
/// `1、申请人…` → (1, `申请人…`), `三 、本 年` → (三, `本 年`). Spaces inside the numbering
/// are allowed; a year such as `2023 年` is not a numbering.
pub(crate) fn split_numbering(s: &str) -> (Option<Numbering>, &str) {
    let t = s.trim_start_matches(|c: char| c.is_whitespace());
    let cs: Vec<(usize, char)> = t.char_indices().map(|(i, c)| (i, fold(c))).collect();
    let skip_ws = |mut k: usize| {
        while k < cs.len() && cs[k].1.is_whitespace() {
            k += 1;
        }
        k
    };
    let byte_after = |k: usize| cs.get(k + 1).map_or(t.len(), |(i, _)| *i);
    let Some(&(_, first)) = cs.first() else {
        return (None, s);
    };
    if first == '(' {
        let mut k = skip_ws(1);
        let mut num = String::new();
        while k < cs.len() && (is_chinese_digit(cs[k].1) || cs[k].1.is_ascii_digit()) {
            num.push(cs[k].1);
            k += 1;
        }
        k = skip_ws(k);
        if k < cs.len() && cs[k].1 == ')' {
            let value = if !num.is_empty() && num.chars().all(|c| c.is_ascii_digit()) {
                num.parse().ok()
            } else {
                chinese_numeral(&num)
            };
            if let Some(value) = value {
                return (
                    Some(Numbering {
                        kind: NumKind::ParenChinese,
                        value,
                    }),
                    t[byte_after(k)..].trim_start(),
                );
            }
        }
        return (None, s);
    }
    let chinese = is_chinese_digit(first);
    let arabic = first.is_ascii_digit();
    if !chinese && !arabic {
        return (None, s);
    }
    let mut k = 0;
    let mut num = String::new();
    while k < cs.len()
        && ((chinese && is_chinese_digit(cs[k].1)) || (arabic && cs[k].1.is_ascii_digit()))
    {
        num.push(cs[k].1);
        k += 1;
    }
    k = skip_ws(k);
    let Some(&(_, c)) = cs.get(k) else {
        return (None, s);
    };
    if !(c == '、' || c == '.' || (chinese && c == ',')) {
        return (None, s);
    }
    // `1.5` is a number, not a numbering.
    if c == '.' && cs.get(k + 1).is_some_and(|(_, d)| d.is_ascii_digit()) {
        return (None, s);
    }
    let value = if arabic {
        num.parse().ok()
    } else {
        chinese_numeral(&num)
    };
    match value {
        Some(value) => (
            Some(Numbering {
                kind: if arabic {
                    NumKind::Arabic
                } else {
                    NumKind::Chinese
                },
                value,
            }),
            t[byte_after(k)..].trim_start(),
        ),
        None => (None, s),
    }
}

/// A label ready for comparison.
#[derive(Debug, Clone)]
pub(crate) struct Label {
    /// Its numbering, if it has one.
    pub numbering: Option<Numbering>,
    /// Its letters, without the numbering.
    pub chars: Vec<char>,
}

impl Label {
    /// Prepares a printed or official label.
    pub fn new(raw: &str) -> Label {
        let (numbering, rest) = split_numbering(raw);
        Label {
            numbering,
            chars: squash(rest),
        }
    }

    /// True when the label has no letters.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }
}

/// A text prepared for many LCS comparisons (an official label).
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    chars: Vec<char>,
    /// For each distinct letter, the bit mask of its positions (sorted by letter).
    table: Vec<(char, u64)>,
}

impl Pattern {
    /// Prepares a pattern.
    pub fn new(chars: &[char]) -> Pattern {
        let mut table: Vec<(char, u64)> = Vec::new();
        if chars.len() <= 64 {
            for (i, &c) in chars.iter().enumerate() {
                match table.iter_mut().find(|(k, _)| *k == c) {
                    Some((_, m)) => *m |= 1 << i,
                    None => table.push((c, 1 << i)),
                }
            }
            table.sort_by_key(|(c, _)| *c);
        }
        Pattern {
            chars: chars.to_vec(),
            table,
        }
    }

    /// LCS length of the pattern and a text.
    pub fn lcs(&self, text: &[char]) -> usize {
        let p = self.chars.len();
        if p == 0 || text.is_empty() {
            return 0;
        }
        if p > 64 {
            return lcs(&self.chars, text);
        }
        let mask = if p == 64 { u64::MAX } else { (1u64 << p) - 1 };
        let v = text.iter().fold(mask, |v, c| self.step(v, *c, mask));
        p - v.count_ones() as usize
    }

    /// One letter of the bit-parallel LCS (Hyyrö): the state after `c`.
    fn step(&self, v: u64, c: char, mask: u64) -> u64 {
        let m = match self.table.binary_search_by_key(&c, |(k, _)| *k) {
            Ok(i) => self.table[i].1,
            Err(_) => 0,
        };
        let u = v & m;
        (v.wrapping_add(u) | (v - u)) & mask
    }

    /// The LCS of the pattern with every prefix of `text`: element `k` is the LCS with the
    /// first `k + 1` letters (one pass of the bit-parallel algorithm; patterns of at most 64
    /// letters, longer ones give an empty answer).
    pub fn lcs_prefixes(&self, text: &[char]) -> Vec<usize> {
        let p = self.chars.len();
        if p == 0 || p > 64 {
            return Vec::new();
        }
        let mask = if p == 64 { u64::MAX } else { (1u64 << p) - 1 };
        let mut v = mask;
        let mut out = Vec::with_capacity(text.len());
        for c in text {
            v = self.step(v, *c, mask);
            out.push(p - v.count_ones() as usize);
        }
        out
    }

    /// The number of letters of the pattern.
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// Dice similarity of the pattern and a text.
    pub fn dice(&self, text: &[char]) -> f64 {
        if self.chars.is_empty() && text.is_empty() {
            return 1.0;
        }
        if self.chars == text {
            return 1.0;
        }
        2.0 * self.lcs(text) as f64 / (self.chars.len() + text.len()) as f64
    }
}

/// Length of the longest common subsequence of two texts.
pub(crate) fn lcs(a: &[char], b: &[char]) -> usize {
    let (p, t) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if p.is_empty() {
        return 0;
    }
    if p.len() <= 64 {
        // Hyyrö's bit-parallel LCS: one machine word for a pattern of up to 64 letters.
        let mut table: Vec<(char, u64)> = Vec::with_capacity(p.len());
        for (i, &c) in p.iter().enumerate() {
            match table.iter_mut().find(|(k, _)| *k == c) {
                Some((_, m)) => *m |= 1 << i,
                None => table.push((c, 1 << i)),
            }
        }
        let mask = if p.len() == 64 {
            u64::MAX
        } else {
            (1u64 << p.len()) - 1
        };
        let mut v = mask;
        for &c in t {
            let m = table.iter().find(|(k, _)| *k == c).map_or(0, |(_, m)| *m);
            let u = v & m;
            v = (v.wrapping_add(u) | (v - u)) & mask;
        }
        p.len() - v.count_ones() as usize
    } else {
        let mut prev = vec![0usize; t.len() + 1];
        let mut cur = vec![0usize; t.len() + 1];
        for &x in p {
            for (j, &y) in t.iter().enumerate() {
                cur[j + 1] = if x == y {
                    prev[j] + 1
                } else {
                    cur[j].max(prev[j + 1])
                };
            }
            std::mem::swap(&mut prev, &mut cur);
        }
        prev[t.len()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn lcs_bit_parallel_agrees_with_the_table() {
        let pairs = [
            ("其他法律行政法规禁止公开", "其他法律行政止公开"),
            ("abcbdab", "bdcaba"),
            ("", "abc"),
            ("aaaa", "aa"),
        ];
        for (a, b) in pairs {
            let (a, b) = (chars(a), chars(b));
            let long: Vec<char> = a.iter().cycle().take(70).copied().collect();
            assert_eq!(lcs(&a, &b), lcs(&b, &a));
            assert!(lcs(&long, &b) <= b.len());
        }
        assert_eq!(
            lcs(
                &chars("其他法律行政法规禁止公开"),
                &chars("其他法律行政止公开")
            ),
            9
        );
        assert_eq!(lcs(&chars("abcbdab"), &chars("bdcaba")), 4);
    }

    #[test]
    fn numbering_is_split_in_every_printed_style() {
        let (n, rest) = split_numbering("（三）不予公开");
        assert_eq!(
            n.map(|n| (n.kind, n.value)),
            Some((NumKind::ParenChinese, 3))
        );
        assert_eq!(rest, "不予公开");
        let (n, rest) = split_numbering("(一) 予以公开");
        assert_eq!(n.map(|n| n.value), Some(1));
        assert_eq!(rest, "予以公开");
        let (n, rest) = split_numbering("1、申请人");
        assert_eq!(n.map(|n| (n.kind, n.value)), Some((NumKind::Arabic, 1)));
        assert_eq!(rest, "申请人");
        let (n, rest) = split_numbering(" 三 、本 年 度办 理 结果");
        assert_eq!(n.map(|n| (n.kind, n.value)), Some((NumKind::Chinese, 3)));
        assert_eq!(rest, "本 年 度办 理 结果");
        assert_eq!(split_numbering("2023 年，").0, None);
        assert_eq!(split_numbering("7730.28").0, None);
        assert_eq!(split_numbering("十二、x").0.map(|n| n.value), Some(12));
    }

    #[test]
    fn a_typo_still_matches_its_row_better_than_a_short_label() {
        let printed = Label::new("2.其他法律行政止公开");
        let right = Pattern::new(&Label::new("2.其他法律行政法规禁止公开").chars);
        let short = Pattern::new(&Label::new("3.其他").chars);
        assert!(right.dice(&printed.chars) > 0.8);
        assert!(short.dice(&printed.chars) < 0.5);
        assert_eq!(right.lcs(&printed.chars), 9);
        assert_eq!(squash("本年度办 理结果"), chars("本年度办理结果"));
    }
}
