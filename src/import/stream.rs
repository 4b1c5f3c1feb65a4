//! The report as a stream of characters: section headings, part numbers and table labels
//! found at any position of a line, not only at its start.
//!
//! Real copies of reports often have no line structure: a crawler's text holds the whole body
//! on one line, every table row run into the next (`…1.属于国家秘密00000002.其他法律…`). The
//! layouts' tokenisers (text, PDF text, Markdown, HTML, .docx) give lines; the functions here
//! cut those lines into the pieces the reading path expects — a heading, a part `（二）…`, a
//! table row `label  digits` — each keeping its input line and the column it starts at.
//! Nothing is cut where a line already is one piece, so line-structured inputs read as before.

use super::labels::{fold, squash, Pattern};
use super::lines::{Body, Line};
use crate::model::schema::{
    A_BLOCKS, A_BLOCKS_2019, A_CONTENT_HEADER, B_APPLICANT_HEADER, B_COLUMNS, B_CORNER,
    B_LEGAL_ENTITY_GROUP, C_COLUMNS, C_GROUPS, SECTIONS,
};
use std::sync::OnceLock;

/// A Chinese numeral digit (一…十, 零).
fn is_cn_digit(c: char) -> bool {
    "零一二三四五六七八九十".contains(c)
}

fn sentence_mark(c: char) -> bool {
    matches!(c, '。' | '；' | ';' | '！' | '？' | '\n')
}

fn section_patterns() -> &'static [Pattern; 6] {
    static P: OnceLock<[Pattern; 6]> = OnceLock::new();
    P.get_or_init(|| std::array::from_fn(|i| Pattern::new(&squash(SECTIONS[i].title))))
}

/// Words a longer heading variant ends with (`…及明年工作计划`, `…和下一步打算`).
const HEADING_ENDS: [&str; 8] = [
    "情况", "计划", "打算", "措施", "举措", "事项", "方向", "思路",
];

/// A section heading starting at char `i` of `cs` (folded chars): its section and the char
/// index where the heading ends. `一、` … `六、` followed by text resembling the section's
/// title (LCS Dice of the best prefix ≥ `threshold`).
fn heading_at(cs: &[char], i: usize, threshold: f64) -> Option<(usize, usize)> {
    let c = cs[i];
    let value = "一二三四五六".chars().position(|d| d == c)?;
    if i > 0 && (is_cn_digit(cs[i - 1]) || cs[i - 1] == '第') {
        return None;
    }
    let mut j = i + 1;
    while j < cs.len() && cs[j] == ' ' {
        j += 1;
    }
    if j >= cs.len() || !matches!(cs[j], '、' | '.' | '．') {
        return None;
    }
    if cs.get(j + 1).is_some_and(|d| d.is_ascii_digit()) {
        return None;
    }
    let pat = &section_patterns()[value];
    let t = pat.len();
    // Letters after the numbering, with the char index after each.
    let mut letters = Vec::new();
    let mut ends = Vec::new();
    let mut k = j + 1;
    while k < cs.len() && letters.len() < t + 8 {
        let ch = cs[k];
        if sentence_mark(ch) {
            break;
        }
        if ch.is_alphanumeric() {
            letters.push(ch);
            ends.push(k + 1);
        }
        k += 1;
    }
    let lcs = pat.lcs_prefixes(&letters);
    let mut best = (0.0f64, 0usize);
    for (n, l) in lcs.iter().enumerate() {
        let d = 2.0 * *l as f64 / (t + n + 1) as f64;
        if d > best.0 + 1e-9 {
            best = (d, n);
        }
    }
    if best.0 < threshold || lcs.is_empty() {
        return None;
    }
    let mut end = ends[best.1];
    // A longer variant of the heading: extend to a heading word close after it.
    if best.0 < 0.999 {
        let window: String = cs[end..(end + 10).min(cs.len())].iter().collect();
        let stop = window
            .char_indices()
            .find(|(_, c)| {
                c.is_ascii_digit()
                    || "，,：:（(、“\"".contains(*c)
                    || sentence_mark(*c)
                    || *c == ' '
            })
            .map_or(window.len(), |(b, _)| b);
        let head = &window[..stop];
        if let Some(b) = HEADING_ENDS
            .iter()
            .filter_map(|w| head.find(w).map(|p| p + w.len()))
            .max()
        {
            end += head[..b].chars().count();
        }
    }
    Some((value, end))
}

fn piece(l: &Line, cs: &[char], from: usize, to: usize) -> Option<Line> {
    let text: String = cs[from..to].iter().collect();
    let lead = text.chars().take_while(|c| c.is_whitespace()).count();
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    Some(Line {
        no: l.no,
        col: l.col + from + lead,
        indent: if from == 0 { l.indent } else { 0 },
        body: Body::Text(text.to_string()),
    })
}

fn title_prefix_re() -> &'static regex::Regex {
    static R: OnceLock<regex::Regex> = OnceLock::new();
    R.get_or_init(|| {
        // `{机关}{年}年度?政府信息公开工作年度报告`, or the year first (2019's
        // `2019年上海市人民政府办公厅政府信息公开工作年度报告`).
        regex::Regex::new(r"^\s*((?:[^\s。，；：:]{0,40}?(?:19|20)\d\d\s*年度?\s*|(?:19|20)\d\d\s*年度?[^\s。，；：:]{1,40}?)政府信息公开工作年度报告)\s*(\S.*)$")
            .expect("valid regex")
    })
}

/// Cuts the report's title off the text run after it (`…2023年度政府信息公开工作年度报告本报告
/// 根据…`), in the lines before the first section heading, so that the title is a line of its
/// own. Only when at least ten characters follow it.
pub(crate) fn split_title(lines: Vec<Line>) -> Vec<Line> {
    let mut out = Vec::with_capacity(lines.len());
    let mut done = false;
    for l in lines {
        let cut = match &l.body {
            Body::Text(t) if !done && t.contains("年度报告") => title_prefix_re()
                .captures(t)
                .filter(|c| c[2].chars().count() >= 10)
                .map(|c| {
                    let title_end = c.get(1).map_or(0, |m| m.end());
                    let rest_start = c.get(2).map_or(0, |m| m.start());
                    (title_end, rest_start)
                }),
            _ => None,
        };
        match cut {
            Some((end, rest)) => {
                done = true;
                let Body::Text(t) = &l.body else { continue };
                let raw: Vec<char> = t.chars().collect();
                let end_c = t[..end].chars().count();
                let rest_c = t[..rest].chars().count();
                out.extend(piece(&l, &raw, 0, end_c));
                out.extend(piece(&l, &raw, rest_c, raw.len()));
            }
            None => out.push(l),
        }
    }
    out
}

/// Cuts text lines at the section headings found inside them: `…编制。一、总体情况 2023年，…`
/// becomes the text before, the heading, and the text after. A heading at the start of a
/// line is cut off only when a sentence follows it (as [`super::prose`] does for exact
/// titles; here also for variants and typos).
pub(crate) fn split_headings(lines: Vec<Line>) -> Vec<Line> {
    let mut out = Vec::with_capacity(lines.len());
    for l in lines {
        let Body::Text(t) = &l.body else {
            out.push(l);
            continue;
        };
        // Fast path: no `、` / `.` after a numeral 一…六.
        if !t.contains('、') && !t.contains('.') && !t.contains('．') {
            out.push(l);
            continue;
        }
        let raw: Vec<char> = t.chars().collect();
        let cs: Vec<char> = raw.iter().map(|c| fold(*c)).collect();
        let first = cs.iter().position(|c| !c.is_whitespace()).unwrap_or(0);
        let mut cuts: Vec<(usize, usize)> = Vec::new(); // heading start, end
        let mut i = 0;
        while i < cs.len() {
            if let Some((_, end)) = heading_at(&cs, i, if i == first { 0.5 } else { 0.6 }) {
                // What follows (only its first characters matter).
                let rest: String = cs[end..(end + 40).min(cs.len())].iter().collect();
                let rest =
                    rest.trim_start_matches(|c: char| c.is_whitespace() || "：:。.".contains(c));
                let sentence = rest.chars().count() >= 10 && rest.contains(['。', '，', '；']);
                if i != first || sentence || end == cs.len() {
                    cuts.push((i, end));
                }
                i = end.max(i + 1);
                continue;
            }
            i += 1;
        }
        if cuts.is_empty() || (cuts.len() == 1 && cuts[0] == (first, cs.len())) {
            out.push(l);
            continue;
        }
        let mut at = 0;
        for (s, e) in cuts {
            out.extend(piece(&l, &raw, at, s));
            out.extend(piece(&l, &raw, s, e));
            at = e;
            // `一、总体情况：2023 年…`: the colon stays with the heading.
            while at < raw.len() && "：:。".contains(cs[at]) {
                at += 1;
            }
        }
        out.extend(piece(&l, &raw, at, raw.len()));
    }
    out
}

/// Cuts the text lines of a prose section before the parts numbered in sequence inside them
/// (`…发展。（一）主动公开方面…（二）…`). Only the next number in sequence counts, and not
/// after `第` (`第（一）项`), so references in the text are not cut.
pub(crate) fn split_parts(lines: Vec<Line>) -> Vec<Line> {
    let mut next = 1u32;
    let mut out = Vec::with_capacity(lines.len());
    for l in lines {
        let Body::Text(t) = &l.body else {
            out.push(l);
            continue;
        };
        let raw: Vec<char> = t.chars().collect();
        let cs: Vec<char> = raw.iter().map(|c| fold(*c)).collect();
        let mut cuts = Vec::new();
        let mut i = 0;
        while i < cs.len() {
            if cs[i] == '(' {
                let mut k = i + 1;
                let mut num = String::new();
                while k < cs.len() && is_cn_digit(cs[k]) && num.chars().count() < 3 {
                    num.push(cs[k]);
                    k += 1;
                }
                if k < cs.len() && cs[k] == ')' {
                    if let Some(v) = super::labels::chinese_numeral(&num) {
                        let after_di = i > 0 && cs[i - 1] == '第';
                        if v == 1 && !after_di && cs[..i].iter().all(|c| c.is_whitespace()) {
                            next = 2;
                        } else if v == next && !after_di {
                            if cs[..i].iter().any(|c| !c.is_whitespace()) {
                                cuts.push(i);
                            }
                            next += 1;
                        }
                    }
                    i = k + 1;
                    continue;
                }
            }
            i += 1;
        }
        if cuts.is_empty() {
            out.push(l);
            continue;
        }
        let mut at = 0;
        for c in cuts {
            out.extend(piece(&l, &raw, at, c));
            at = c;
        }
        out.extend(piece(&l, &raw, at, raw.len()));
    }
    out
}

/// Column and block headers of the tables (squashed), after which a row's own label begins:
/// `…现行有效件数规章000` is the header, then the row 规章.
fn header_words() -> &'static [Vec<char>] {
    static W: OnceLock<Vec<Vec<char>>> = OnceLock::new();
    W.get_or_init(|| {
        let mut w: Vec<Vec<char>> = Vec::new();
        for b in A_BLOCKS.iter().chain(&A_BLOCKS_2019) {
            w.push(squash(b.article));
            w.extend(b.columns.iter().map(|c| squash(c)));
        }
        w.push(squash(A_CONTENT_HEADER));
        w.extend(B_COLUMNS.iter().map(|c| squash(c.label)));
        w.push(squash(B_LEGAL_ENTITY_GROUP));
        w.push(squash(B_APPLICANT_HEADER));
        w.push(squash(B_CORNER));
        w.extend(C_COLUMNS.iter().map(|c| squash(c.label)));
        w.extend(C_GROUPS.iter().map(|g| squash(g.label)));
        w.retain(|x| x.len() >= 4);
        w
    })
}

/// Splits a run of label text into fragments: after the last table header word in it, and
/// before every numbering (`（三）`, `一、`) that is not a reference (`第（一）项`).
fn label_fragments(label: &[char]) -> Vec<(usize, String)> {
    let mut cuts: Vec<usize> = Vec::new();
    // Header words: only the last 200 letters are searched (a label is short).
    let letters: Vec<(usize, char)> = label
        .iter()
        .enumerate()
        .map(|(i, c)| (i, fold(*c)))
        .filter(|(_, c)| c.is_alphanumeric())
        .collect();
    let tail = &letters[letters.len().saturating_sub(200)..];
    let tail_chars: Vec<char> = tail.iter().map(|(_, c)| *c).collect();
    let mut best_end: Option<usize> = None; // index into tail after the word
    for w in header_words() {
        if w.len() + 2 > tail_chars.len() {
            continue;
        }
        let mut from = 0;
        while from + w.len() <= tail_chars.len() {
            match tail_chars[from..]
                .windows(w.len())
                .position(|x| x == w.as_slice())
            {
                Some(p) => {
                    let e = from + p + w.len();
                    if tail_chars.len() - e >= 2 && best_end.is_none_or(|b| e > b) {
                        best_end = Some(e);
                    }
                    from = from + p + 1;
                }
                None => break,
            }
        }
    }
    if let Some(e) = best_end {
        cuts.push(tail[e].0);
    }
    let cs: Vec<char> = label.iter().map(|c| fold(*c)).collect();
    for i in 1..cs.len() {
        let prev = cs[i - 1];
        if prev == '第' || is_cn_digit(prev) {
            continue;
        }
        let numbered = if cs[i] == '(' {
            let k = cs[i + 1..].iter().take_while(|c| is_cn_digit(**c)).count();
            k > 0 && cs.get(i + 1 + k) == Some(&')')
        } else if is_cn_digit(cs[i]) {
            let k = cs[i..].iter().take_while(|c| is_cn_digit(**c)).count();
            cs.get(i + k) == Some(&'、')
        } else {
            false
        };
        if numbered {
            cuts.push(i);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    let mut at = 0;
    for c in cuts.into_iter().chain(std::iter::once(label.len())) {
        let s: String = label[at..c].iter().collect();
        let lead = s.chars().take_while(|c| c.is_whitespace()).count();
        let s = s.trim();
        if !s.is_empty() {
            out.push((at + lead, s.to_string()));
        }
        at = c;
    }
    out
}

/// A minus sign as printed (ASCII, full-width folded, the math minus).
fn is_minus(c: char) -> bool {
    matches!(c, '-' | '−')
}

struct RowPiece {
    start: usize,
    label: Vec<char>,
    values: String,
}

/// Cuts a text line of a table section that holds several rows run together
/// (`规章000行政规范性文件77132470…`) into one piece per row: its label fragments and its
/// digits, `label  digits`. A digit followed by `.`/`、` and a letter is the next row's
/// item number (`…00000002.其他法律…` is `0000000`, then `2.其他法律…`). Lines with one
/// row or none are left as they are.
pub(crate) fn split_rows(lines: Vec<Line>) -> Vec<Line> {
    let mut out = Vec::with_capacity(lines.len());
    for l in lines {
        let Body::Text(t) = &l.body else {
            out.push(l);
            continue;
        };
        let raw: Vec<char> = t.chars().collect();
        let cs: Vec<char> = raw.iter().map(|c| fold(*c)).collect();
        let mut pieces: Vec<RowPiece> = Vec::new();
        let mut cur = RowPiece {
            start: 0,
            label: Vec::new(),
            values: String::new(),
        };
        let mut i = 0;
        while i < cs.len() {
            if !cs[i].is_ascii_digit() {
                if cur.label.is_empty() && cs[i].is_whitespace() {
                    cur.start = i + 1;
                } else {
                    cur.label.push(raw[i]);
                }
                i += 1;
                continue;
            }
            // A run of numbers: digits, `,`/`.` between digits, spaces between numbers; a
            // minus sign right before a number that follows a space or starts the run (2019
            // table A's 本年增/减: `30 -8 412`).
            let mut from = i;
            if i >= 1
                && is_minus(cs[i - 1])
                && (i == 1 || cs[i - 2].is_whitespace())
                && cur.label.last().is_some_and(|c| is_minus(fold(*c)))
            {
                cur.label.pop();
                from = i - 1;
            }
            let mut j = i;
            loop {
                while j < cs.len() && cs[j].is_ascii_digit() {
                    j += 1;
                }
                if j + 1 < cs.len() && matches!(cs[j], ',' | '.') && cs[j + 1].is_ascii_digit() {
                    j += 1;
                    continue;
                }
                let mut k = j;
                while k < cs.len() && cs[k] == ' ' {
                    k += 1;
                }
                if k > j && k < cs.len() && cs[k].is_ascii_digit() {
                    j = k;
                    continue;
                }
                if k > j && k + 1 < cs.len() && is_minus(cs[k]) && cs[k + 1].is_ascii_digit() {
                    j = k + 1;
                    continue;
                }
                break;
            }
            let numbering = j < cs.len()
                && matches!(cs[j], '.' | '、' | '．')
                && cs
                    .get(j + 1)
                    .is_some_and(|c| !c.is_ascii_digit() && !c.is_whitespace());
            let (vals_end, next_start) = if numbering { (j - 1, j - 1) } else { (j, j) };
            let vals: String = cs[from..vals_end].iter().collect();
            let vals = vals.trim().to_string();
            if !vals.is_empty() {
                cur.values = vals;
                let start = next_start;
                let done = std::mem::replace(
                    &mut cur,
                    RowPiece {
                        start,
                        label: Vec::new(),
                        values: String::new(),
                    },
                );
                pieces.push(done);
            }
            if numbering {
                // The item number starts the next label; a fragment border before it.
                if !cur.label.is_empty() {
                    cur.label.extend(['\u{1}']);
                }
                cur.label.push(raw[j - 1]);
            }
            i = j;
        }
        let rows = pieces.len();
        if rows < 2 {
            out.push(l);
            continue;
        }
        if !cur.label.iter().all(|c| c.is_whitespace()) {
            pieces.push(cur);
        }
        for p in pieces {
            // Fragments with their columns (the `\u{1}` borders are not in the input).
            let mut frags: Vec<(usize, String)> = Vec::new();
            let mut offset = 0usize; // index into p.label
            for (k, part) in p.label.split(|c| *c == '\u{1}').enumerate() {
                for (at, f) in label_fragments(part) {
                    frags.push((p.start + offset + at - k, f));
                }
                offset += part.len() + 1;
            }
            // Header words and group labels before the row's own label: a line of their own,
            // so the row's place is where its label starts.
            if frags.len() > 1 {
                let (col, _) = frags[0];
                let head: Vec<String> = frags[..frags.len() - 1]
                    .iter()
                    .map(|(_, f)| f.clone())
                    .collect();
                out.push(Line {
                    no: l.no,
                    col: l.col + col,
                    indent: 0,
                    body: Body::Text(head.join("  ")),
                });
                frags.drain(..frags.len() - 1);
            }
            let col = frags.first().map_or(p.start, |(c, _)| *c);
            let mut text = frags.first().map(|(_, f)| f.clone()).unwrap_or_default();
            if !p.values.is_empty() {
                if !text.is_empty() {
                    text.push_str("  ");
                }
                text.push_str(&p.values);
            }
            if text.is_empty() {
                continue;
            }
            out.push(Line {
                no: l.no,
                col: l.col + col,
                indent: 0,
                body: Body::Text(text),
            });
        }
    }
    out
}

/// Keys of the page furniture lines a saved page or a crawler puts around a report
/// (`标题: …`, `发布时间: …`).
const FURNITURE_KEYS: [&str; 24] = [
    "标题",
    "发布时间",
    "发布日期",
    "文号",
    "发布机构",
    "栏目",
    "原文链接",
    "本地目录",
    "来源",
    "信息来源",
    "索引号",
    "浏览次数",
    "点击数",
    "访问次数",
    "作者",
    "成文日期",
    "生成日期",
    "主题分类",
    "发文机关",
    "公开方式",
    "有效性",
    "责任编辑",
    "字号",
    "文章来源",
];

/// Furniture words that stand alone or start a run of page furniture.
const FURNITURE_WORDS: [&str; 12] = [
    "打印本页",
    "关闭窗口",
    "分享到",
    "附件下载",
    "【字体",
    "字体：大",
    "字体:大",
    "扫一扫在手机",
    "返回顶部",
    "【打印】",
    "【关闭】",
    "页面链接与图片详见",
];

/// The value of a furniture line `key: value`, if the line is one.
pub(crate) fn furniture_value(text: &str) -> Option<(&'static str, String)> {
    let t = text.trim();
    for k in FURNITURE_KEYS {
        if let Some(rest) = t.strip_prefix(k) {
            let rest = rest.trim_start();
            if let Some(v) = rest.strip_prefix(':').or_else(|| rest.strip_prefix('：')) {
                return Some((k, v.trim().to_string()));
            }
        }
    }
    None
}

/// True for a line of page furniture: `key: value` lines, breadcrumbs, `打印本页`,
/// `【字体：大 中 小】`, rules of `=` or `-`, `==== 正文 ====`.
pub(crate) fn is_furniture(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return false;
    }
    if furniture_value(text).is_some() {
        return true;
    }
    let rule = t
        .chars()
        .filter(|c| matches!(c, '=' | '-' | '*' | '—' | '_'))
        .count();
    if rule >= 6 && t.chars().count() <= rule + 6 {
        return true;
    }
    let seps = t
        .chars()
        .filter(|c| matches!(c, '>' | '＞' | '»' | '›'))
        .count();
    if seps >= 1
        && ["首页", "当前位置", "您的位置", "您现在的位置", "位置"]
            .iter()
            .any(|p| t.starts_with(p))
    {
        return true;
    }
    t.chars().count() <= 40 && FURNITURE_WORDS.iter().any(|w| t.starts_with(w))
}

/// Drops furniture lines, and cuts a line at furniture run into it (`…情况。分享到 打印本页`).
pub(crate) fn drop_furniture(lines: Vec<Line>) -> Vec<Line> {
    let mut out = Vec::with_capacity(lines.len());
    for mut l in lines {
        let Body::Text(t) = &l.body else {
            out.push(l);
            continue;
        };
        if is_furniture(t) {
            continue;
        }
        if t.chars().count() > 40 {
            if let Some(p) = FURNITURE_WORDS[..4].iter().filter_map(|w| t.find(w)).min() {
                if p > 0 {
                    let head = t[..p].trim_end().to_string();
                    l.body = Body::Text(head);
                }
            }
        }
        out.push(l);
    }
    out
}

/// True for a signature line's date: `2024年3月8日`.
fn is_date(t: &str) -> bool {
    let t: String = t.chars().filter(|c| !c.is_whitespace()).map(fold).collect();
    let re = date_re();
    re.is_match(&t)
}

fn date_re() -> &'static regex::Regex {
    static R: OnceLock<regex::Regex> = OnceLock::new();
    R.get_or_init(|| {
        regex::Regex::new(r"^(?:19|20)\d\d(?:年\d{1,2}月\d{1,2}日|[-./]\d{1,2}[-./]\d{1,2})$")
            .expect("valid regex")
    })
}

fn signature_like(t: &str, agency: &str) -> bool {
    let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let n = t.chars().count();
    (1..=30).contains(&n)
        && !t.contains(['。', '，', '；', '：', ':', ',', '、'])
        && (t == agency
            || (!agency.is_empty() && agency.ends_with(&t))
            || [
                "政府",
                "办公室",
                "局",
                "委员会",
                "管委会",
                "中心",
                "厅",
                "院",
                "办",
            ]
            .iter()
            .any(|e| t.ends_with(e)))
}

/// Removes the signature and date printed after section 六's text (`平潭综合实验区管委会办公室`
/// / `2024年3月8日`), on lines of their own or run onto the last sentence.
pub(crate) fn drop_signature(lines: &mut Vec<Line>, agency: &str) {
    let mut saw_date = false;
    while let Some(l) = lines.last() {
        if l.is_blank() {
            lines.pop();
            continue;
        }
        let Body::Text(t) = &l.body else { break };
        if is_date(t) {
            saw_date = true;
            lines.pop();
            continue;
        }
        if saw_date && signature_like(t, agency) {
            lines.pop();
            saw_date = false;
            continue;
        }
        // Run together: `…情况。平潭综合实验区管委会办公室 2024年3月8日`.
        let Some(stop) = t.rfind('。') else { break };
        let tail = &t[stop + '。'.len_utf8()..];
        if tail.trim().is_empty() {
            break;
        }
        let tail_c: String = tail.chars().filter(|c| !c.is_whitespace()).collect();
        let date_at = date_re_loose().find(&tail_c);
        if let Some(m) = date_at.filter(|m| m.end() == tail_c.len()) {
            let before = &tail_c[..m.start()];
            if before.is_empty() || signature_like(before, agency) {
                let keep = t[..stop + '。'.len_utf8()].to_string();
                if let Some(last) = lines.last_mut() {
                    last.body = Body::Text(keep);
                }
            }
        }
        break;
    }
}

fn date_re_loose() -> &'static regex::Regex {
    static R: OnceLock<regex::Regex> = OnceLock::new();
    R.get_or_init(|| regex::Regex::new(r"(?:19|20)\d\d年\d{1,2}月\d{1,2}日$").expect("valid regex"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Line {
        Line::test_text(1, 0, s)
    }

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.text()).collect()
    }

    #[test]
    fn headings_inside_running_text_are_cut_out() {
        let got = split_headings(vec![text(
            "等文件要求编制。 一、总体情况 2023年，我局认真贯彻。二、主动公开政府信息情况第二十条第（一）项",
        )]);
        assert_eq!(
            texts(&got),
            vec![
                "等文件要求编制。",
                "一、总体情况",
                "2023年，我局认真贯彻。",
                "二、主动公开政府信息情况",
                "第二十条第（一）项"
            ]
        );
        assert_eq!(got[1].col, 10);
        let got = split_headings(vec![text(
            "共0件。五、存在的主要问题及明年工作计划存在的问题主要有，一是不足。",
        )]);
        assert_eq!(texts(&got)[1], "五、存在的主要问题及明年工作计划");
        let got = split_headings(vec![text(
            "计0件。四、政府信息公开行政法复议、行政诉讼情况行政复议",
        )]);
        assert_eq!(texts(&got)[1], "四、政府信息公开行政法复议、行政诉讼情况");
        // Row labels of table B are not section headings.
        let got = split_headings(vec![text("801000081四、结转下年度继续办理0000000")]);
        assert_eq!(got.len(), 1);
    }

    #[test]
    fn parts_in_sequence_are_cut_and_references_are_not() {
        let got = split_parts(vec![text(
            "2023年，全区推进。（一）主动公开方面按第（二）项公开。（二）依申请公开方面办结。（四）x",
        )]);
        assert_eq!(
            texts(&got),
            vec![
                "2023年，全区推进。",
                "（一）主动公开方面按第（二）项公开。",
                "（二）依申请公开方面办结。（四）x"
            ]
        );
    }

    #[test]
    fn rows_run_together_are_cut_at_their_labels() {
        let got = split_rows(vec![text(
            "（三）不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开10 0 0 0 013.危及“三安全一稳定”0000000（四）无法提供",
        )]);
        assert_eq!(
            texts(&got),
            vec![
                "（三）不予公开",
                "1.属于国家秘密  0000000",
                "2.其他法律行政法规禁止公开  10 0 0 0 01",
                "3.危及“三安全一稳定”  0000000",
                "（四）无法提供"
            ]
        );
        match &got[2].body {
            Body::Text(t) => assert_eq!(t, "2.其他法律行政法规禁止公开  10 0 0 0 01"),
            other => panic!("{other:?}"),
        }
        assert_eq!(got[1].col, 8);
        assert_eq!(got[2].col, 23);
        let got = split_rows(vec![text(
            "第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件77132470",
        )]);
        assert!(
            texts(&got)[0].ends_with("现行有效件数"),
            "{:?}",
            texts(&got)
        );
        assert_eq!(texts(&got)[1], "规章  000");
        assert_eq!(got[1].col, 32);
        // 2019 table A's 本年增/减 may be negative: the sign belongs to the number.
        let got = split_rows(vec![text(
            "行政许可 30 -8 412 其他对外管理服务事项 12 -3 95 行政事业性收费 -2 5",
        )]);
        assert_eq!(
            texts(&got),
            vec![
                "行政许可  30 -8 412",
                "其他对外管理服务事项  12 -3 95",
                "行政事业性收费  -2 5"
            ]
        );
        // One row on a line: left alone.
        let one = split_rows(vec![text("规章    0    0    0")]);
        assert_eq!(one[0].body, Body::Text("规章    0    0    0".into()));
    }

    #[test]
    fn a_title_with_its_year_first_run_into_the_text_is_cut_off() {
        let out = split_title(vec![text(
            "2019年上海市人民政府办公厅政府信息公开工作年度报告　　本年度报告根据《条例》的要求编制。",
        )]);
        assert_eq!(
            texts(&out),
            vec![
                "2019年上海市人民政府办公厅政府信息公开工作年度报告",
                "本年度报告根据《条例》的要求编制。"
            ]
        );
    }

    #[test]
    fn a_title_run_into_the_text_is_cut_off() {
        let got = split_title(vec![text(
            "平潭综合实验区2023年度政府信息公开工作年度报告本报告根据《条例》编制，统计期限为全年。",
        )]);
        assert_eq!(
            texts(&got),
            vec![
                "平潭综合实验区2023年度政府信息公开工作年度报告",
                "本报告根据《条例》编制，统计期限为全年。"
            ]
        );
    }

    #[test]
    fn furniture_and_signature() {
        for f in [
            "标题: 平潭综合实验区2023年度政府信息公开工作年度报告",
            "发布时间: 2024-03-08 15:34",
            "文号: ",
            "首页 > 政务公开 > 年报",
            "【字体：大 中 小】",
            "打印本页",
            "==================== 正文 ====================",
        ] {
            assert!(is_furniture(f), "{f}");
        }
        assert!(!is_furniture("一、总体情况"));
        assert_eq!(
            furniture_value("标题：某局2023年报告").map(|v| v.1),
            Some("某局2023年报告".into())
        );
        let mut lines = vec![
            text("无。"),
            text("平潭综合实验区管委会办公室"),
            text("2024年3月8日"),
        ];
        drop_signature(&mut lines, "平潭综合实验区");
        assert_eq!(texts(&lines), vec!["无。"]);
        let mut lines = vec![text("无收费。平潭综合实验区管委会办公室 2024年3月8日")];
        drop_signature(&mut lines, "平潭综合实验区");
        assert_eq!(texts(&lines), vec!["无收费。"]);
    }
}
