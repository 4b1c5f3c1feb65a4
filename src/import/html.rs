//! The HTML of a published page, parsed with a real HTML parser (`scraper`, html5ever).
//!
//! Block elements become text lines (a `<br>` ends one), `<h1>`…`<h6>` headings, table rows
//! rows of cells (a cell's text joined with nothing across `<br>`; `&nbsp;` alone is an
//! empty cell; rowspan/colspan cells appear once, in the row that holds them). Page
//! furniture is left out: `<script>`, `<style>`, `<nav>`, `<header>`, `<footer>`, `<aside>`,
//! and — after the report's last section — anything outside the element that holds the
//! report's first and last section headings. Input line numbers are recovered by locating
//! each row's `<tr` tag and each block's text in the source.

use super::lines::{Body, Line};
use super::prose;
use scraper::{ElementRef, Html, Node};

const SKIP: &[&str] = &[
    "script", "style", "noscript", "head", "nav", "header", "footer", "aside", "select", "option",
    "button", "iframe", "template", "svg", "canvas", "object", "input", "textarea",
];

const BLOCK: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "center",
    "dl",
    "dt",
    "dd",
    "form",
    "hr",
    "body",
    "html",
    "caption",
    "figure",
    "figcaption",
    "address",
];

/// Positions of line starts, for turning byte offsets into line numbers.
struct Source<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    tr: Vec<usize>,
}

impl<'a> Source<'a> {
    fn new(text: &'a str) -> Source<'a> {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Source {
            text,
            line_starts,
            tr: tr_offsets(text),
        }
    }

    fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// Where a block's text begins in the source, searching from `from`.
    fn locate(&self, from: usize, text: &str) -> Option<usize> {
        let needle: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .take_while(|c| !matches!(c, '&' | '<' | '“' | '”' | '‘' | '’' | '"'))
            .take(6)
            .collect();
        if needle.chars().count() < 2 {
            return None;
        }
        // Within the next 64 KB: a block not found there (entities in its first characters)
        // keeps the previous position rather than costing a scan of the whole page.
        let mut end = (from + 65_536).min(self.text.len());
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        self.text.get(from..end)?.find(&needle).map(|p| from + p)
    }
}

/// Byte offsets of the `<tr` start tags of the source, outside comments, scripts and styles.
/// A lexical scan used only for line numbers; the parse itself is html5ever's.
fn tr_offsets(src: &str) -> Vec<usize> {
    let lower = src.to_ascii_lowercase();
    let b = lower.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(p) = lower[i..].find('<') {
        let at = i + p;
        let rest = &lower[at..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(b.len(), |e| at + e + 3);
            continue;
        }
        let mut skipped = false;
        for tag in ["script", "style"] {
            if rest[1..].starts_with(tag) {
                let close = format!("</{tag}");
                i = rest.find(&close).map_or(b.len(), |e| at + e + close.len());
                skipped = true;
                break;
            }
        }
        if skipped {
            continue;
        }
        if rest.starts_with("<tr")
            && rest
                .as_bytes()
                .get(3)
                .is_some_and(|c| c.is_ascii_whitespace() || *c == b'>' || *c == b'/')
        {
            out.push(at);
        }
        i = at + 1;
    }
    out
}

/// Elements nested deeper than this are refused before parsing: the HTML parser's scope
/// checks cost time in proportion to the depth, so a page of 20,000 nested `<div>`s would take
/// many seconds (real pages nest some tens deep).
pub(crate) const MAX_DEPTH: usize = 3000;

/// Elements whose end tag may be left out (`<p>`, `<td>` …) and void elements: not counted.
const NOT_COUNTED: &[&str] = &[
    "p", "li", "td", "th", "tr", "option", "dt", "dd", "tbody", "thead", "tfoot", "colgroup", "rp",
    "rt", "html", "head", "body", "br", "img", "meta", "link", "input", "hr", "col", "area",
    "base", "wbr", "source", "param", "track", "embed", "o:p",
];

/// The deepest nesting of start tags in the source, by a lexical scan (comments, scripts and
/// styles skipped; tags with optional end tags and void elements not counted).
pub(crate) fn nesting_depth(src: &str) -> usize {
    let b = src.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(p) = memchr_lt(&b[i..]) {
        let at = i + p;
        let rest = &b[at..];
        if rest.starts_with(b"<!--") {
            i = find_bytes(rest, b"-->").map_or(b.len(), |e| at + e + 3);
            continue;
        }
        let close = rest.get(1) == Some(&b'/');
        let start = at + 1 + usize::from(close);
        let mut end = start;
        while end < b.len() && (b[end].is_ascii_alphanumeric() || b[end] == b':') {
            end += 1;
        }
        if end == start {
            i = at + 1;
            continue;
        }
        let name = src[start..end].to_ascii_lowercase();
        let gt = find_bytes(&b[end..], b">").map_or(b.len(), |e| end + e);
        let self_closing = gt > 0 && gt < b.len() && b[gt - 1] == b'/';
        if !close && (name == "script" || name == "style") {
            let closer = format!("</{name}");
            let from = gt.min(b.len());
            i = b[from..]
                .windows(closer.len())
                .position(|w| w.eq_ignore_ascii_case(closer.as_bytes()))
                .map_or(b.len(), |e| from + e);
            continue;
        }
        if !NOT_COUNTED.contains(&name.as_str()) && !self_closing {
            if close {
                depth = depth.saturating_sub(1);
            } else {
                depth += 1;
                max = max.max(depth);
            }
        }
        i = gt.min(b.len()).max(at + 1);
    }
    max
}

fn memchr_lt(b: &[u8]) -> Option<usize> {
    b.iter().position(|c| *c == b'<')
}

fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for ch in s.chars() {
        if ch.is_whitespace() && ch != '\u{3000}' {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(ch);
        }
    }
    out.trim_matches(|c: char| c.is_whitespace()).to_string()
}

struct Walker<'s> {
    src: &'s Source<'s>,
    blocks: Vec<(Vec<usize>, Line)>,
    buf: String,
    buf_path: Vec<usize>,
    in_heading: usize,
    /// Depth of `<b>`/`<strong>` elements, and whether the block so far has letters outside
    /// and inside them (a paragraph all in bold is a sub-heading).
    in_bold: usize,
    plain_letters: bool,
    bold_letters: bool,
    pos: usize,
    tr_seen: usize,
}

impl Walker<'_> {
    fn flush(&mut self) {
        let text = collapse(&self.buf);
        self.buf.clear();
        let all_bold = self.bold_letters && !self.plain_letters;
        self.bold_letters = false;
        self.plain_letters = false;
        // A page number (`— 3 —`: the footer of a Word file saved as a web page) is no text.
        if text.is_empty() || super::lines::is_page_number(&text) {
            return;
        }
        if let Some(p) = self.src.locate(self.pos, &text) {
            self.pos = p;
        }
        let no = self.src.line_of(self.pos);
        let body = if self.in_heading > 0 || (all_bold && is_bold_subheading(&text)) {
            Body::Heading(text)
        } else {
            Body::Text(text)
        };
        self.blocks.push((
            std::mem::take(&mut self.buf_path),
            Line {
                col: 1,
                no,
                indent: 0,
                body,
            },
        ));
    }

    fn text(&mut self, t: &str, path: &[usize]) {
        if self.buf.trim().is_empty() {
            self.buf_path = path.to_vec();
        }
        if t.chars().any(|c| !c.is_whitespace()) {
            if self.in_bold > 0 {
                self.bold_letters = true;
            } else {
                self.plain_letters = true;
            }
        }
        self.buf.push_str(t);
    }

    /// Walks the element's subtree in document order with an explicit stack (no recursion:
    /// a page of 20,000 nested `<div>`s costs memory, not the call stack).
    fn walk(&mut self, root: ElementRef<'_>) {
        enum Step<N> {
            Enter(N, Option<usize>),
            Leave {
                block: bool,
                heading: bool,
                bold: bool,
                indexed: bool,
            },
        }
        let mut path: Vec<usize> = Vec::new();
        let mut stack = vec![Step::Enter(*root, None)];
        while let Some(step) = stack.pop() {
            let (node, idx) = match step {
                Step::Leave {
                    block,
                    heading,
                    bold,
                    indexed,
                } => {
                    if block {
                        self.flush();
                    }
                    if heading {
                        self.in_heading -= 1;
                    }
                    if bold {
                        self.in_bold -= 1;
                    }
                    if indexed {
                        path.pop();
                    }
                    continue;
                }
                Step::Enter(node, idx) => (node, idx),
            };
            if let Some(i) = idx {
                path.push(i);
            }
            let pop = |path: &mut Vec<usize>| {
                if idx.is_some() {
                    path.pop();
                }
            };
            let el = match node.value() {
                Node::Text(t) => {
                    let t: &str = t;
                    self.text(t, &path);
                    pop(&mut path);
                    continue;
                }
                Node::Element(_) => match ElementRef::wrap(node) {
                    Some(e) => e,
                    None => {
                        pop(&mut path);
                        continue;
                    }
                },
                _ => {
                    pop(&mut path);
                    continue;
                }
            };
            let name = el.value().name();
            if SKIP.contains(&name) {
                pop(&mut path);
                continue;
            }
            if name == "br" {
                self.flush();
                pop(&mut path);
                continue;
            }
            if name == "table" && !is_layout_table(el) {
                self.flush();
                self.table(el, &path);
                pop(&mut path);
                continue;
            }
            if name == "tr" {
                // A row of a layout table: keep the count of `<tr` tags in step.
                let offset = self.src.tr.get(self.tr_seen).copied().unwrap_or(self.pos);
                self.tr_seen += 1;
                self.pos = self.pos.max(offset);
            }
            let block = BLOCK.contains(&name);
            let heading = matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
            let bold = matches!(name, "b" | "strong");
            if block {
                self.flush();
            }
            if heading {
                self.in_heading += 1;
            }
            if bold {
                self.in_bold += 1;
            }
            stack.push(Step::Leave {
                block,
                heading,
                bold,
                indexed: idx.is_some(),
            });
            let children: Vec<_> = node.children().collect();
            for (i, child) in children.into_iter().enumerate().rev() {
                stack.push(Step::Enter(child, Some(i)));
            }
        }
    }

    fn table(&mut self, table: ElementRef<'_>, path: &[usize]) {
        // Rows in document order, nested tables flattened into the rows that hold them.
        let mut rows: Vec<ElementRef<'_>> = Vec::new();
        collect_rows(table, &mut rows);
        for tr in rows {
            let idx = self.tr_seen;
            self.tr_seen += 1;
            let offset = self.src.tr.get(idx).copied().unwrap_or(self.pos);
            self.pos = self.pos.max(offset);
            let cells: Vec<String> = tr
                .child_elements()
                .filter(|c| matches!(c.value().name(), "td" | "th"))
                .map(|c| collapse(&cell_text(c)))
                .collect();
            if cells.is_empty() {
                continue;
            }
            self.blocks.push((
                path.to_vec(),
                Line {
                    col: 1,
                    no: self.src.line_of(offset),
                    indent: 0,
                    body: Body::Cells(cells),
                },
            ));
        }
    }
}

/// A table used for page layout (old sites put the whole article in one): it holds another
/// table, or a cell with a long text. Its content is read as blocks, not as table rows.
fn is_layout_table(table: ElementRef<'_>) -> bool {
    let mut rows = Vec::new();
    collect_rows(table, &mut rows);
    table
        .descendent_elements()
        .skip(1)
        .any(|e| e.value().name() == "table")
        || rows.iter().any(|tr| {
            tr.child_elements()
                .any(|td| td.text().map(|t| t.chars().count()).sum::<usize>() > 300)
        })
}

/// A paragraph all in bold is a sub-heading (`<p><b>存在问题</b></p>`) when it is short, has
/// no sentence in it and no numbering (a bold `（一）主动公开情况` is a numbered part, a bold
/// `一、总体情况` a section heading: both are found by their numbering).
fn is_bold_subheading(text: &str) -> bool {
    text.chars().count() <= 20
        && !text.contains(['。', '，', '；', '：', ':'])
        && super::labels::split_numbering(text).0.is_none()
}

fn collect_rows<'a>(el: ElementRef<'a>, out: &mut Vec<ElementRef<'a>>) {
    // `<thead>`/`<tbody>`/`<tfoot>` hold rows; an explicit stack keeps document order.
    let mut stack: Vec<ElementRef<'a>> = el.child_elements().collect();
    stack.reverse();
    while let Some(c) = stack.pop() {
        match c.value().name() {
            "tr" => out.push(c),
            "thead" | "tbody" | "tfoot" => {
                let mut kids: Vec<ElementRef<'a>> = c.child_elements().collect();
                kids.reverse();
                stack.extend(kids);
            }
            _ => {}
        }
    }
}

/// A cell's text: its text nodes joined with nothing (a `<br>` inside a header joins the
/// two halves of a wrapped label), scripts and styles left out.
fn cell_text(el: ElementRef<'_>) -> String {
    let mut s = String::new();
    // Document order with an explicit stack: no recursion however deep the cell's markup.
    let mut stack: Vec<_> = el.children().collect();
    stack.reverse();
    while let Some(node) = stack.pop() {
        match node.value() {
            Node::Text(t) => {
                let t: &str = t;
                s.push_str(t);
            }
            Node::Element(e) if !SKIP.contains(&e.name()) => {
                let mut kids: Vec<_> = node.children().collect();
                kids.reverse();
                stack.extend(kids);
            }
            _ => {}
        }
    }
    s
}

/// The lines of an HTML page.
pub(crate) fn lines(src: &str) -> Vec<Line> {
    let doc = Html::parse_document(src);
    let source = Source::new(src);
    let mut w = Walker {
        src: &source,
        blocks: Vec::new(),
        buf: String::new(),
        buf_path: Vec::new(),
        in_heading: 0,
        in_bold: 0,
        plain_letters: false,
        bold_letters: false,
        pos: 0,
        tr_seen: 0,
    };
    // The page's <title> first: a fallback for the report's title.
    if let Ok(sel) = scraper::Selector::parse("title") {
        if let Some(t) = doc.select(&sel).next() {
            let text = collapse(&t.text().collect::<String>());
            if !text.is_empty() {
                w.blocks.push((
                    Vec::new(),
                    Line {
                        col: 1,
                        no: 1,
                        indent: 0,
                        body: Body::Text(text),
                    },
                ));
            }
        }
    }
    w.walk(doc.root_element());
    w.flush();
    let blocks = w.blocks;

    // After the last section's heading, keep only what lies inside the element holding the
    // report (the deepest common ancestor of the headings of 一 and 六).
    let lines: Vec<Line> = blocks.iter().map(|(_, l)| l.clone()).collect();
    let sections = prose::find_sections(&lines);
    if let (Some(first), Some(last)) = (sections[0], sections[5]) {
        let (a, b) = (&blocks[first].0, &blocks[last].0);
        let common = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        let container = a[..common].to_vec();
        return blocks
            .into_iter()
            .enumerate()
            .filter(|(i, (p, _))| *i <= last || p.starts_with(&container))
            .map(|(_, (_, l))| l)
            .collect();
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_measured_lexically() {
        assert_eq!(
            nesting_depth("<div><p>a<p>b<div><span>x</span></div></div>"),
            3
        );
        assert_eq!(
            nesting_depth("<!-- <div><div> --><script>'<div>'</script><br/><img>"),
            0
        );
        let deep = format!("{}x{}", "<div>".repeat(5000), "</div>".repeat(5000));
        assert_eq!(nesting_depth(&deep), 5000);
        // Deep markup that is within the bound is walked without recursion.
        let src = format!(
            "<body>{}<p>一、总体情况</p>{}</body>",
            "<div><table><tr><td>".repeat(1000),
            "</td></tr></table></div>".repeat(1000)
        );
        assert!(lines(&src)
            .iter()
            .any(|l| l.text().contains("一、总体情况")));
    }

    #[test]
    fn a_layout_table_is_read_as_blocks_and_its_data_table_as_rows() {
        let long = "很长的正文。".repeat(60);
        let src = format!(
            "<table><tr><td>导航</td></tr><tr><td><p>一、总体情况</p><p>{long}</p>\n<table><tr><td>规章</td><td>1</td></tr>\n<tr><td>行政许可</td><td>2</td></tr></table></td></tr></table>"
        );
        let lines = lines(&src);
        assert!(lines
            .iter()
            .any(|l| l.body == Body::Text("一、总体情况".into())));
        assert!(lines.iter().any(|l| l.body == Body::Text(long.clone())));
        let row = lines
            .iter()
            .find(|l| l.body == Body::Cells(vec!["行政许可".into(), "2".into()]))
            .expect("data row");
        assert_eq!(row.no, 3);
    }

    #[test]
    fn word_style_cells_and_paragraphs() {
        let src = "<div><p class=MsoNormal style='text-indent:2em'><span style='font-family:仿宋'>一、总体情况<o:p></o:p></span></p>\n<table class=MsoTableGrid><tr><td width=80 rowspan=3><p align=center><span>三、本年度办</span></p><p><span>理结果</span></p></td><td><p><span lang=EN-US>12<o:p></o:p></span></p></td><td><p><span lang=EN-US>&nbsp;</span></p></td></tr></table></div>";
        let lines = lines(src);
        assert_eq!(lines[0].body, Body::Text("一、总体情况".into()));
        assert_eq!(
            lines[1].body,
            Body::Cells(vec!["三、本年度办理结果".into(), "12".into(), "".into()])
        );
    }

    #[test]
    fn a_bold_paragraph_is_a_sub_heading_unless_numbered() {
        let src = "<p><b>存在问题</b></p><p><strong>（一）主动公开情况</strong></p><p><b>注意</b>：正文</p>";
        let lines = lines(src);
        assert_eq!(lines[0].body, Body::Heading("存在问题".into()));
        assert_eq!(lines[1].body, Body::Text("（一）主动公开情况".into()));
        assert_eq!(lines[2].body, Body::Text("注意：正文".into()));
    }

    #[test]
    fn rows_cells_and_furniture() {
        let src = "<html><head><title>t</title><script>var a='<tr>';</script></head><body>\n<nav>首页</nav>\n<div id=c><h2>一、总体情况</h2><p>第一段<br>第二段</p>\n<table><tr><td rowspan=2>本年度办<br>\n理结果</td><td>&nbsp;</td><td>3</td></tr>\n<tr><td>x</td></tr></table><p>六、其他需要报告的事项</p><p>无。</p></div><footer>版权所有</footer><p>打印本页</p></body></html>";
        let lines = lines(src);
        let bodies: Vec<&Body> = lines.iter().map(|l| &l.body).collect();
        assert!(bodies.contains(&&Body::Heading("一、总体情况".into())));
        assert!(bodies.contains(&&Body::Text("第一段".into())));
        assert!(bodies.contains(&&Body::Text("第二段".into())));
        assert!(bodies.contains(&&Body::Cells(vec![
            "本年度办 理结果".into(),
            "".into(),
            "3".into()
        ])));
        assert!(!bodies.contains(&&Body::Text("首页".into())));
        assert!(!bodies.contains(&&Body::Text("版权所有".into())));
        assert!(!bodies.contains(&&Body::Text("打印本页".into())));
        let row = lines
            .iter()
            .find(|l| matches!(&l.body, Body::Cells(c) if c.len() == 1))
            .expect("second row");
        assert_eq!(row.no, 6);
    }
}
