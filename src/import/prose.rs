//! Sections, title, prose parts and the 信息处理费 of section 六.

use super::labels::{split_numbering, squash, NumKind, Pattern};
use super::lines::{Body, Line};
use super::Layout;
use crate::model::schema::SECTIONS;
use crate::model::{Amount, Part, ProcessingFees};
use regex::Regex;
use std::sync::OnceLock;

/// The section a line is the heading of (0 for 一 … 5 for 六), if it is one.
pub(crate) fn section_heading(line: &Line) -> Option<usize> {
    let text = match &line.body {
        Body::Text(t) | Body::Heading(t) => t.as_str(),
        Body::Cells(c) => {
            let mut filled = c.iter().filter(|c| !c.trim().is_empty());
            let first = filled.next()?;
            if filled.next().is_some() {
                return None;
            }
            first.as_str()
        }
    };
    let (num, rest) = split_numbering(text);
    let num = num?;
    if num.kind != NumKind::Chinese || !(1..=6).contains(&num.value) {
        return None;
    }
    let idx = num.value as usize - 1;
    let rest = squash(rest);
    let title = squash(SECTIONS[idx].title);
    if rest.len() > title.len() + 10 {
        return None;
    }
    (Pattern::new(&title).dice(&rest) >= 0.5).then_some(idx)
}

/// Line indices of the six section headings, found in order. When the headings occur more
/// than once (a table of contents before the report), the chain with the most sections is
/// taken, and of equal ones the last (the contents come first).
pub(crate) fn find_sections(lines: &[Line]) -> [Option<usize>; 6] {
    // Line indices of the candidates of each section, in order.
    let mut by_section: [Vec<usize>; 6] = Default::default();
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if let Some(s) = section_heading(l) {
            by_section[s].push(i);
            candidates.push((i, s));
        }
    }
    let mut best: ([Option<usize>; 6], usize) = ([None; 6], 0);
    for start in 0..candidates.len() {
        if start > 0 && candidates[start - 1].1 < candidates[start].1 {
            // Not the start of a chain: the chain from an earlier candidate covers it.
            continue;
        }
        let (mut at, mut last) = candidates[start];
        let mut out = [None; 6];
        out[last] = Some(at);
        // Greedy: the nearest later heading of any later section, found by binary search.
        loop {
            let next = (last + 1..6)
                .filter_map(|s| {
                    let v = &by_section[s];
                    let k = v.partition_point(|&i| i <= at);
                    v.get(k).map(|&i| (i, s))
                })
                .min();
            match next {
                Some((i, s)) => {
                    out[s] = Some(i);
                    at = i;
                    last = s;
                }
                None => break,
            }
        }
        let count = out.iter().flatten().count();
        if count >= best.1 {
            best = (out, count);
        }
    }
    best.0
}

/// Splits a line that runs a section heading into its first paragraph
/// (`一、总体情况2023 年，我局…`) into the heading and the text.
pub(crate) fn split_run_in_headings(lines: Vec<Line>) -> Vec<Line> {
    let mut out = Vec::with_capacity(lines.len());
    for l in lines {
        let Body::Text(t) = &l.body else {
            out.push(l);
            continue;
        };
        let (num, rest) = split_numbering(t);
        let Some(num) = num.filter(|n| n.kind == NumKind::Chinese && (1..=6).contains(&n.value))
        else {
            out.push(l);
            continue;
        };
        let title = squash(SECTIONS[num.value as usize - 1].title);
        // Consume the title's letters from the start of the rest, skipping spaces/punctuation.
        let mut k = 0;
        let mut end = None;
        for (i, ch) in rest.char_indices() {
            let c = super::labels::fold(ch);
            if !c.is_alphanumeric() {
                continue;
            }
            if k < title.len() && c == title[k] {
                k += 1;
                if k == title.len() {
                    end = Some(i + ch.len_utf8());
                    break;
                }
            } else {
                break;
            }
        }
        let Some(end) = end else {
            out.push(l);
            continue;
        };
        let head_len = t.len() - rest.len() + end;
        let remainder =
            t[head_len..].trim_start_matches(|c: char| c.is_whitespace() || "：:。.".contains(c));
        // A longer heading (`…改进情况和下一步工作打算`) is not a paragraph: only text with a
        // sentence in it is split off.
        if remainder.chars().count() < 10 || !remainder.contains(['。', '，', '；']) {
            out.push(l);
            continue;
        }
        out.push(Line {
            col: l.col,
            no: l.no,
            indent: l.indent,
            body: Body::Text(t[..head_len].to_string()),
        });
        out.push(Line {
            col: l.col + t[..t.len() - remainder.len()].chars().count(),
            no: l.no,
            indent: l.indent.max(2),
            body: Body::Text(remainder.to_string()),
        });
    }
    out
}

fn title_re() -> &'static (Regex, Regex) {
    static R: OnceLock<(Regex, Regex)> = OnceLock::new();
    R.get_or_init(|| {
        (
            Regex::new(
                r"^(.*?)((?:19|20)\d\d)年度?政府信息公开工作年度报告(?:[(（][^)）]{0,10}[)）])?$",
            )
            .expect("valid regex"),
            Regex::new(
                r"^((?:19|20)\d\d)年度?(.+?)政府信息公开工作年度报告(?:[(（][^)）]{0,10}[)）])?$",
            )
            .expect("valid regex"),
        )
    })
}

/// The title found before section 一: (agency, year, line number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Title {
    /// 机关名称 as printed in the title.
    pub agency: String,
    /// 报告年度.
    pub year: i32,
    /// Input line number of the title.
    pub line: usize,
    /// The title as printed, without spaces (both lines joined for a title split over two).
    pub printed: String,
    /// True when the title puts the year first
    /// (`2019年上海市人民政府办公厅政府信息公开工作年度报告`), not in the standard order.
    pub year_first: bool,
    /// Its last line (the same, or the next line for a title split over two).
    pub end: usize,
}

fn compact(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .trim_start_matches('#')
        .replace("**", "")
}

/// Finds the title among the lines before section 一 (the last one there, as page
/// furniture such as a list of other reports may come first). A title wrapped over two
/// lines (agency on the first) is joined.
pub(crate) fn find_title(lines: &[Line]) -> Option<Title> {
    let (a, b) = title_re();
    let mut found = None;
    for (i, l) in lines.iter().enumerate() {
        let mut t = compact(&l.text());
        let mut end = l.no;
        if !t.contains("年度报告") {
            // A title split over two lines anywhere (`洪泽区人民政府2023年政府信` /
            // `息公开工作年度报告`, a converter's reflow of a PDF): joined with the next
            // line when that one alone is no title.
            let Some(next) = lines[i + 1..].iter().find(|l| !l.is_blank()) else {
                continue;
            };
            let n = compact(&next.text());
            let short = |s: &str| s.chars().count() <= 40 && !s.contains('。') && !s.contains('，');
            let joined = format!("{t}{n}");
            if !short(&t)
                || !short(&n)
                || a.is_match(&n)
                || b.is_match(&n)
                || !(a.is_match(&joined) || b.is_match(&joined))
            {
                continue;
            }
            t = joined;
            end = next.no;
        }
        let (mut agency, year, year_first) = if let Some(c) = a.captures(&t) {
            (c[1].to_string(), c[2].parse::<i32>().ok()?, false)
        } else if let Some(c) = b.captures(&t) {
            (c[2].to_string(), c[1].parse::<i32>().ok()?, true)
        } else {
            continue;
        };
        // `××局关于2023年…`, `【××局】2023年…`.
        agency = agency
            .trim_end_matches("关于")
            .trim_matches(|c: char| "【】[]《》".contains(c))
            .to_string();
        // A path or a furniture line (`本地目录: zwgk/…/87885_平潭…年度报告`) is not a title.
        if agency.chars().count() > 40
            || agency
                .chars()
                .any(|c| c.is_ascii_alphanumeric() || ":：/\\_|=<>?&".contains(c))
        {
            continue;
        }
        if !agency.is_empty() && end == l.no && i > 0 {
            // A title split inside the agency's name (`# 淮` / `# 安市洪泽区人民政府2021年…`):
            // the line right above, of the same kind, a few Chinese characters and nothing
            // else, is the name's beginning.
            let prev = &lines[i - 1];
            let p = compact(&prev.text());
            let same_kind = matches!(
                (&prev.body, &l.body),
                (Body::Heading(_), Body::Heading(_)) | (Body::Text(_), Body::Text(_))
            );
            if prev.no + 1 == l.no
                && same_kind
                && (1..=20).contains(&p.chars().count())
                && p.chars().all(is_cjk)
                && !p.contains("年度报告")
            {
                agency = format!("{p}{agency}");
            }
        }
        if agency.is_empty() {
            // The agency on the line before: `洪泽区人民政府` / `2023 年政府信息公开工作年度报告`.
            if let Some(prev) = lines[..i].iter().rev().find(|l| !l.is_blank()) {
                let p = compact(&prev.text());
                if p.chars().count() <= 40 && !p.contains('。') && !p.contains('，') {
                    agency = p;
                }
            }
        }
        found = Some(Title {
            agency,
            year,
            line: l.no,
            printed: t,
            year_first,
            end,
        });
    }
    found
}

fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

/// A title whose agency lost its place name (`区科学技术和工业信息化局`, printed without
/// `鼓楼`) takes it back from the report's text, when every mention there that has one
/// agrees on it: the longest common ending of the Chinese characters just before the name.
pub(crate) fn complete_agency(agency: &str, lines: &[Line], title_line: usize) -> Option<String> {
    let first = agency.chars().next()?;
    if !"区县市省旗镇乡".contains(first) {
        return None;
    }
    let mut common: Option<Vec<char>> = None;
    let mut mentions = 0;
    for l in lines.iter().filter(|l| l.no != title_line) {
        let text = l.text();
        let mut from = 0;
        while let Some(pos) = text[from..].find(agency) {
            let at = from + pos;
            let before: Vec<char> = text[..at]
                .chars()
                .rev()
                .take_while(|c| is_cjk(*c))
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            if !before.is_empty() {
                mentions += 1;
                common = Some(match common {
                    None => before,
                    Some(c) => {
                        let k = c
                            .iter()
                            .rev()
                            .zip(before.iter().rev())
                            .take_while(|(a, b)| a == b)
                            .count();
                        c[c.len() - k..].to_vec()
                    }
                });
            }
            from = at + agency.len();
        }
    }
    let prefix: String = common?.into_iter().collect();
    (mentions >= 2 && !prefix.is_empty()).then(|| format!("{prefix}{agency}"))
}

/// The preamble (FORMAT.md §6): the paragraphs between the title and section 一, by the
/// layout's paragraph rule, joined with `\n`. Without a title line in the text (a crawler's
/// `标题:` line, an HTML `<title>`) the paragraphs before 一 are taken from the first one
/// that reads like a preamble (`本报告…`, `…条例…`, `…编制…`); site text before it is not.
pub(crate) fn preamble(before: &[Line], title: Option<&Title>, layout: Layout) -> String {
    let from = title
        .and_then(|t| {
            // The title's own line (in a saved page every block may share one source line);
            // for a title split over two lines, its last line.
            before
                .iter()
                .rposition(|l| l.no == t.end && compact(&l.text()) == t.printed)
                .or_else(|| before.iter().rposition(|l| l.no == t.end && l.col == 1))
        })
        .map_or(0, |i| i + 1);
    let lines: Vec<Line> = before[from..]
        .iter()
        .filter(|l| !matches!(l.body, Body::Heading(_)))
        .cloned()
        .collect();
    let paras: Vec<String> = blocks(&lines, layout)
        .into_iter()
        .filter_map(|b| match b {
            Block::Para(p) => Some(p),
            Block::Sub(_) => None,
        })
        .collect();
    let start = if from > 0 {
        Some(0)
    } else {
        paras.iter().position(|p| {
            ["本报告", "条例", "编制", "年度报告"]
                .iter()
                .any(|k| p.contains(k))
        })
    };
    match start {
        Some(s) => paras[s..].join("\n"),
        None => String::new(),
    }
}

/// A paragraph or a sub-heading of a prose section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Block {
    /// A paragraph.
    Para(String),
    /// A sub-heading (Markdown `#`, HTML `<h…>`).
    Sub(String),
}

/// Paragraphs of a prose section, by the layout's paragraph rule: in PDF text a paragraph
/// starts at an indented line and wrapped lines are joined with nothing inserted; in
/// Markdown consecutive lines form a paragraph; elsewhere each line is a paragraph.
pub(crate) fn blocks(lines: &[Line], layout: Layout) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut open = false; // the last Para may be continued
    for l in lines {
        match &l.body {
            Body::Heading(h) => {
                out.push(Block::Sub(h.trim().to_string()));
                open = false;
            }
            Body::Cells(_) => {
                let t = l.text();
                if !t.is_empty() {
                    out.push(Block::Para(t));
                }
                open = false;
            }
            Body::Text(t) => {
                let trimmed = t.trim();
                if trimmed.is_empty() {
                    if layout != Layout::PdfText {
                        open = false;
                    }
                    continue;
                }
                let continues = match layout {
                    Layout::PdfText => open && l.indent == 0,
                    Layout::Markdown => open,
                    _ => false,
                };
                if continues {
                    if let Some(Block::Para(p)) = out.last_mut() {
                        p.push_str(trimmed);
                        continue;
                    }
                }
                out.push(Block::Para(trimmed.to_string()));
                open = true;
            }
        }
    }
    out
}

/// Splits `（一）主动公开情况。正文…` into the heading `主动公开情况` and the body `正文…`.
fn split_part_heading(para: &str) -> Option<(String, String)> {
    let (num, rest) = split_numbering(para);
    if num?.kind != NumKind::ParenChinese {
        return None;
    }
    let rest = rest.trim();
    // `（一）主动公开方面平潭综合实验区…`: the heading runs into the body with nothing between;
    // it ends at the first `方面`/`情况` within 20 characters, when no punctuation comes
    // before it and a letter (not punctuation) right after it.
    if let Some(h) = run_in_part_heading(rest) {
        return Some((h.to_string(), rest[h.len()..].trim().to_string()));
    }
    // `（一）存在的主要问题 对照上级要求…`: a copy whose line breaks became spaces; the
    // heading ends at the first space between two letters (prose puts spaces only around
    // numbers), when no stop comes before it.
    if let Some(h) = spaced_part_heading(rest) {
        return Some((h.to_string(), rest[h.len()..].trim().to_string()));
    }
    let end = rest.find(['。', '：', ':']);
    let ok = |h: &str| {
        let n = h.chars().count();
        n > 0 && n <= 30 && !h.contains('，') && !h.contains(',')
    };
    match end {
        Some(e) => {
            let head = rest[..e].trim();
            let sep = rest[e..].chars().next().map_or(1, char::len_utf8);
            if ok(head) {
                return Some((head.to_string(), rest[e + sep..].trim().to_string()));
            }
            Some((String::new(), para.trim().to_string()))
        }
        None if ok(rest) => Some((rest.to_string(), String::new())),
        None => Some((String::new(), para.trim().to_string())),
    }
}

/// A heading that runs into its body: `主动公开方面平潭…`, or with the space a lost line
/// break left (`主动公开情况 2023年…`).
fn run_in_part_heading(rest: &str) -> Option<&str> {
    let head: String = rest.chars().take(20).collect();
    let end = ["方面", "情况"]
        .iter()
        .filter_map(|w| head.find(w).map(|p| p + w.len()))
        .min()?;
    let h = &rest[..end];
    if h.chars().any(|c| !c.is_alphanumeric()) || h.chars().count() < 3 {
        return None;
    }
    let next = rest[end..].trim_start().chars().next()?;
    next.is_alphanumeric().then_some(h)
}

/// A heading of letters alone (at most 30) followed by a space and a letter, with no stop
/// or comma before the space: `存在的主要问题 对照…`.
fn spaced_part_heading(rest: &str) -> Option<&str> {
    let letter = |c: char| c.is_alphanumeric() && !c.is_ascii();
    let mut prev = None;
    for (i, c) in rest.char_indices().take(31) {
        if c.is_whitespace() {
            let next = rest[i..].trim_start().chars().next();
            return (prev.is_some_and(letter) && next.is_some_and(letter)).then(|| &rest[..i]);
        }
        if !letter(c) && !"“”《》、（）()".contains(c) {
            return None;
        }
        prev = Some(c);
    }
    None
}

/// The parts of a prose section: split at sub-headings when it has them, otherwise at
/// paragraphs numbered （一）（二）…; text before the first is a part with heading "".
pub(crate) fn parts(blocks: &[Block]) -> Vec<Part> {
    let mut out: Vec<Part> = Vec::new();
    let push_body = |out: &mut Vec<Part>, text: &str| {
        if text.is_empty() {
            return;
        }
        if out.is_empty() {
            out.push(Part::new("", ""));
        }
        if let Some(last) = out.last_mut() {
            if !last.body.is_empty() {
                last.body.push('\n');
            }
            last.body.push_str(text);
        }
    };
    let has_subs = blocks.iter().any(|b| matches!(b, Block::Sub(_)));
    // Parts are numbered with one kind of bracket: when the first part is （一）, a
    // paragraph numbered (一) inside a part is its body, not a new part (and vice versa).
    let bracket = |p: &str| p.trim_start().chars().next();
    let mut part_bracket = None;
    for b in blocks {
        match b {
            Block::Sub(h) => out.push(Part::new(h.clone(), "")),
            Block::Para(p)
                if !has_subs
                    && part_bracket.is_some_and(|k| Some(k) != bracket(p))
                    && split_part_heading(p).is_some() =>
            {
                push_body(&mut out, p)
            }
            Block::Para(p) if !has_subs => match split_part_heading(p) {
                Some((h, body)) => {
                    part_bracket = part_bracket.or(bracket(p));
                    out.push(Part::new(h, ""));
                    push_body(&mut out, &body);
                }
                None => push_body(&mut out, p),
            },
            Block::Para(p) => push_body(&mut out, p),
        }
    }
    out
}

fn fee_res() -> &'static [Regex; 3] {
    static R: OnceLock<[Regex; 3]> = OnceLock::new();
    R.get_or_init(|| {
        let num = r"([0-9][0-9,]*(?:\.[0-9]+)?)";
        [
            Regex::new(
                r"(?:发出|开具|送达|出具)[^。；;]{0,20}?收费通知书?\s*(?:共|合计)?\s*([0-9]+)\s*(?:件|份|次|张)",
            )
            .expect("valid regex"),
            Regex::new(&format!(
                r"(?:通知收费|应收|通知缴纳|收费通知)[^。；;]{{0,12}}?金额\s*(?:为|共|合计)?\s*{num}\s*(万)?元"
            ))
            .expect("valid regex"),
            Regex::new(&format!(
                r"收取[^。；;，,]{{0,30}}?处理费\s*(?:共|合计|总计|金额)?\s*{num}\s*(万)?元"
            ))
            .expect("valid regex"),
        ]
    })
}

fn amount(num: &str, wan: bool) -> Option<Amount> {
    let a = Amount::parse(&num.replace(',', ""), 6).ok()?;
    if wan {
        Amount::from_micros(a.micros().checked_mul(10_000)?)
    } else {
        Some(a)
    }
}

/// The 信息处理费 figures stated in section 六, and a description of what was read.
pub(crate) fn fees(parts: &[Part]) -> (ProcessingFees, Vec<String>) {
    let text: String = parts
        .iter()
        .map(|p| format!("{}{}", p.heading, p.body))
        .collect::<Vec<_>>()
        .join("\n");
    let [notices, notified, collected] = fee_res();
    let mut f = ProcessingFees::default();
    let mut said = Vec::new();
    if let Some(c) = notices.captures(&text) {
        if let Ok(n) = c[1].parse() {
            f.notices = n;
            said.push(format!("收费通知书 {n} 件"));
        }
    }
    if let Some(c) = notified.captures(&text) {
        if let Some(a) = amount(&c[1], c.get(2).is_some()) {
            f.amount_notified_yuan = a;
            said.push(format!("通知收费 {a} 元"));
        }
    }
    if let Some(c) = collected.captures(&text) {
        if let Some(a) = amount(&c[1], c.get(2).is_some()) {
            f.amount_collected_yuan = a;
            said.push(format!("实际收取 {a} 元"));
        }
    }
    (f, said)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(no: usize, indent: usize, s: &str) -> Line {
        Line::test_text(no, indent, s)
    }

    #[test]
    fn section_headings_with_variations() {
        assert_eq!(section_heading(&text(1, 3, "   一、总体情况")), Some(0));
        assert_eq!(
            section_heading(&text(1, 0, "五、存在的主要问题及明年工作计划")),
            Some(4)
        );
        assert_eq!(section_heading(&text(1, 0, "三、本年度办理结果")), None);
        assert_eq!(section_heading(&text(1, 0, "四、结转下年度继续办理")), None);
    }

    #[test]
    fn title_variants() {
        let t = |s: &str| find_title(&[text(1, 0, s)]).map(|t| (t.agency, t.year));
        assert_eq!(
            t("淮安市人民政府2024年政府信息公开工作年度报告（全文）"),
            Some(("淮安市人民政府".into(), 2024))
        );
        assert_eq!(
            t("南京市江宁区交通运输局关于2023年度政府信息公开工作年度报告"),
            Some(("南京市江宁区交通运输局".into(), 2023))
        );
        assert_eq!(
            t("2023年度南京市江宁区交通运输局政府信息公开工作年度报告"),
            Some(("南京市江宁区交通运输局".into(), 2023))
        );
        assert_eq!(
            t("2023年政府信息公开工作年度报告的通知已印发，请查收"),
            None
        );
    }

    #[test]
    fn a_table_of_contents_before_the_report_is_passed_over() {
        let mut lines = Vec::new();
        for (k, s) in SECTIONS.iter().enumerate() {
            lines.push(text(k + 1, 0, &format!("{}……{}", s.heading(), k + 1)));
        }
        for (k, s) in SECTIONS.iter().enumerate() {
            lines.push(text(10 + 2 * k, 0, &s.heading()));
            lines.push(text(11 + 2 * k, 3, "正文。"));
        }
        let found = find_sections(&lines);
        assert_eq!(
            found,
            [Some(6), Some(8), Some(10), Some(12), Some(14), Some(16)]
        );
    }

    #[test]
    fn a_heading_run_into_its_first_paragraph_is_split() {
        let lines = split_run_in_headings(vec![text(4, 0, "一、总体情况：2023 年，我局……")]);
        assert_eq!(lines.len(), 2);
        assert_eq!(section_heading(&lines[0]), Some(0));
        assert_eq!(lines[1].body, Body::Text("2023 年，我局……".into()));
        assert_eq!(lines[1].no, 4);
        let kept = split_run_in_headings(vec![text(1, 0, "一、本年新收政府信息公开申请数量")]);
        assert_eq!(kept.len(), 1);
    }

    #[test]
    fn part_headings_are_cut_at_the_first_full_stop() {
        assert_eq!(
            split_part_heading("(一) 主动公开情况。2023 年 1 月"),
            Some(("主动公开情况".into(), "2023 年 1 月".into()))
        );
        assert_eq!(
            split_part_heading("（三）政府信息管理情况。"),
            Some(("政府信息管理情况".into(), "".into()))
        );
        assert_eq!(split_part_heading("2023 年，"), None);
    }

    #[test]
    fn pdf_paragraphs_join_wrapped_lines() {
        let lines = vec![
            text(1, 3, "   2023 年，在"),
            text(2, 0, "区委"),
            text(3, 0, ""),
            text(4, 0, "领导下。"),
            text(5, 3, "   （一）主动公开情况。正文"),
        ];
        assert_eq!(
            blocks(&lines, Layout::PdfText),
            vec![
                Block::Para("2023 年，在区委领导下。".into()),
                Block::Para("（一）主动公开情况。正文".into())
            ]
        );
    }

    #[test]
    fn fees_are_read_from_section_six() {
        let (f, _) = fees(&[Part::new(
            "",
            "全年收取政府信息公开信息处理费 3940 元。共发出收费通知书 2 件，通知收费金额为 4,000 元。",
        )]);
        assert_eq!(f.amount_collected_yuan, Amount::from_units(3940).unwrap());
        assert_eq!(f.notices, 2);
        assert_eq!(f.amount_notified_yuan, Amount::from_units(4000).unwrap());
    }
}
