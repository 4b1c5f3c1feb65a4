//! Test-only printers: a report printed the way *other* publishers lay reports out — text
//! copied from a web page (tab separated, or one cell per line), `pdftotext -layout` text of
//! a PDF made elsewhere, a CMS's page with site furniture, rowspans and `&nbsp;`, Markdown
//! with wrapped paragraphs, a Word attachment with split runs, a crawler's single line,
//! digits run together, a PDF converter's Markdown — for the importer's round-trip tests.
//!
//! What our own exporters print (src/publish) is not printed again here: tests/export_props.rs
//! round-trips every exporter's output (HTML, Markdown, text, .docx, GBK page, text without
//! line breaks) through the importer. The printers here exist for what no exporter of ours
//! prints: the variants real reports come in (headings with or without `#`, `1、` for `1.`,
//! blank cells, labels over several cells, part headings run into their first paragraph
//! `（一）主动公开情况。…`, section 五's other heading). They take what the published document
//! states from it (`doc::as_published`, `doc::part_number`) and every label from the schema.
#![allow(dead_code)]

use nianbao::model::schema::{
    A_BLOCKS, B_COLS, B_COLUMNS, B_CORNER, B_GROUPS, B_ROWS, C_COLUMNS, C_GROUPS, SECTIONS,
};
use nianbao::model::{CellRef, Part, ProseSection, Report};
use nianbao::publish::doc::part_number;
use std::collections::{BTreeSet, HashSet};

/// A small deterministic random source (xorshift), seeded by proptest.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed | 1)
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// The paragraphs of a prose section as printed: （一）heading。first paragraph, then the
/// others; the part without heading first and unnumbered.
pub fn paragraphs(parts: &[Part]) -> Vec<String> {
    let mut out = Vec::new();
    let mut n = 0;
    for p in parts {
        let mut paras: Vec<String> = if p.body.is_empty() {
            Vec::new()
        } else {
            p.body.split('\n').map(String::from).collect()
        };
        if !p.heading.is_empty() {
            let first = if paras.is_empty() {
                String::new()
            } else {
                paras.remove(0)
            };
            out.push(format!("{}{}。{}", part_number(n + 1), p.heading, first));
            n += 1;
        }
        out.extend(paras);
    }
    out
}

fn section_heading(i: usize, variant: bool) -> String {
    if i == 4 && variant {
        "五、存在的主要问题及明年工作计划".to_string()
    } else {
        SECTIONS[i].heading()
    }
}

fn prose_of(r: &Report, i: usize) -> Option<&Vec<Part>> {
    match i {
        0 => Some(r.parts(ProseSection::Overview)),
        4 => Some(r.parts(ProseSection::Problems)),
        5 => Some(r.parts(ProseSection::OtherMatters)),
        _ => None,
    }
}

fn a_values(r: &Report, key: &str, ncols: usize) -> Vec<String> {
    if key == "fees_wan_yuan" {
        return vec![r.proactive.fees_wan_yuan.to_string()];
    }
    (0..ncols)
        .map(|c| r.proactive.count(key, c).unwrap_or(0).to_string())
        .collect()
}

/// A B row's label, with its numbering written `1.` or `1、`.
fn b_label(row: usize, comma: bool) -> String {
    let l = B_ROWS[row].label;
    if comma {
        if let Some(rest) = l.get(1..).filter(|r| r.starts_with('.')) {
            return format!("{}、{}", &l[..1], &rest[1..]);
        }
    }
    l.to_string()
}

/// Cells to print blank (only cells whose value is 0).
pub type Blanks = HashSet<CellRef>;

fn cell(v: String, blank: bool) -> String {
    if blank {
        String::new()
    } else {
        v
    }
}

// ------------------------------------------------------------ tab-separated web copy

/// Text copied from a web page: headings as Markdown `#`, tables tab-separated with the
/// labels over 1–3 leading cells and trailing empty cells.
pub fn tab_separated(r: &Report, rng: &mut Rng, blanks: &Blanks) -> String {
    let mut s = String::new();
    s.push_str(&format!("# {}\n\n", r.standard_title()));
    if !r.preamble.is_empty() {
        s.push_str(&format!("{}\n\n", r.preamble));
    }
    let variant = rng.chance(50);
    for i in 0..6 {
        s.push_str(&format!("## {}\n\n", section_heading(i, variant)));
        if let Some(parts) = prose_of(r, i) {
            for p in paragraphs(parts) {
                s.push_str(&p);
                s.push_str("\n\n");
            }
        }
        match i {
            1 => {
                for b in A_BLOCKS.iter() {
                    s.push_str(&format!("{}\t\t\t\n", b.article));
                    s.push_str(&format!("信息内容\t{}\t\t\n", b.columns.join("\t")));
                    for (key, label) in b.rows {
                        let vals = a_values(r, key, b.columns.len());
                        let vals: Vec<String> = vals
                            .into_iter()
                            .enumerate()
                            .map(|(c, v)| {
                                cell(v, blanks.contains(&CellRef::A { field: key, col: c }))
                            })
                            .collect();
                        let pad = 3 - vals.len();
                        s.push_str(&format!(
                            "{label}\t{}{}\n",
                            vals.join("\t"),
                            "\t".repeat(pad)
                        ));
                    }
                }
                s.push('\n');
            }
            2 => {
                s.push_str(&format!(
                    "{B_CORNER}\t\t申请人情况\t\t\t\t\t\t总计\t\n\t\t自然人\t法人或其他组织\t\t\t\t\t\t\n\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\t\n"
                ));
                for row in 0..B_ROWS.len() {
                    let vals: Vec<String> = (0..B_COLS)
                        .map(|c| {
                            cell(
                                r.requests.get(row, c).to_string(),
                                blanks.contains(&CellRef::B { row, col: c }),
                            )
                        })
                        .collect();
                    let groups = B_ROWS[row].groups;
                    let label = b_label(row, rng.chance(20));
                    let lead = match groups.len() {
                        0 => format!("{label}\t"),
                        1 => {
                            let first_of_group = row == 2;
                            let g = if first_of_group {
                                B_GROUPS[0].label
                            } else {
                                ""
                            };
                            format!("{g}\t{label}")
                        }
                        _ => {
                            let first_in = row == 0 || B_ROWS[row - 1].groups != groups;
                            let g0 = "";
                            let g1 = if first_in {
                                B_GROUPS[groups[1]].label
                            } else {
                                ""
                            };
                            format!("{g0}\t{g1}\t{label}")
                        }
                    };
                    let tail = if groups.len() == 2 { "" } else { "\t" };
                    s.push_str(&format!("{lead}\t{}{tail}\n", vals.join("\t")));
                }
                s.push('\n');
            }
            3 => {
                s.push_str("行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t\n");
                s.push_str("结果 维持\t结果 纠正\t其他 结果\t尚未 审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t\n");
                let vals: Vec<String> = (0..15)
                    .map(|i| {
                        let (g, c) = (i / 5, i % 5);
                        cell(
                            r.appeals.cells[g][c].to_string(),
                            blanks.contains(&CellRef::C { group: g, col: c }),
                        )
                    })
                    .collect();
                s.push_str(&vals.join("\t"));
                s.push_str("\n\n");
            }
            _ => {}
        }
    }
    s
}

// ------------------------------------------------------------ PDF text

struct Pdf {
    out: String,
    line: usize,
    page: usize,
    per_page: usize,
}

impl Pdf {
    fn push(&mut self, l: &str) {
        self.out.push_str(l);
        self.out.push('\n');
        self.line += 1;
        if self.line >= self.per_page {
            self.page += 1;
            self.out
                .push_str(&format!("\n                         -{}-\n\x0c", self.page));
            self.line = 0;
        }
    }
}

/// Wraps text at `width` characters, never next to a space (pdftotext would lose it).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    while chars.len() - start > width {
        let mut k = start + width;
        while k < chars.len() && (chars[k] == ' ' || chars[k - 1] == ' ') {
            k += 1;
        }
        if k >= chars.len() {
            break;
        }
        out.push(chars[start..k].iter().collect());
        start = k;
    }
    out.push(chars[start..].iter().collect());
    out
}

/// `pdftotext -layout` output: title over two lines, indented paragraphs wrapped with
/// nothing between the lines, page numbers and form feeds, tables in columns of spaces with
/// labels wrapped over lines and group headings on lines of their own.
pub fn pdf(r: &Report, rng: &mut Rng) -> String {
    let mut p = Pdf {
        out: String::new(),
        line: 0,
        page: 0,
        per_page: 30 + rng.below(20) as usize,
    };
    let width = 22 + rng.below(10) as usize;
    p.push(&format!("            {}", r.agency));
    p.push(&format!("     {} 年政府信息公开工作年度报告", r.year));
    p.push("");
    for (k, l) in wrap(&format!("   {}", r.preamble), width)
        .into_iter()
        .enumerate()
    {
        p.push(&if k == 0 {
            l
        } else {
            l.trim_start().to_string()
        });
    }
    let variant = rng.chance(50);
    for i in 0..6 {
        p.push(&format!("   {}", section_heading(i, variant)));
        if let Some(parts) = prose_of(r, i) {
            for para in paragraphs(parts) {
                for (k, l) in wrap(&para, width).into_iter().enumerate() {
                    if k == 0 {
                        p.push(&format!("{}{l}", " ".repeat(2 + rng.below(4) as usize)));
                    } else {
                        p.push(&l);
                    }
                }
            }
        }
        match i {
            1 => {
                for b in A_BLOCKS.iter() {
                    p.push(&format!("              {}", b.article));
                    p.push("");
                    p.push(&format!("       信息内容   {}", b.columns.join("    ")));
                    p.push("");
                    for (key, label) in b.rows {
                        let vals = a_values(r, key, b.columns.len());
                        p.push(&format!(
                            "{label}{}{}",
                            " ".repeat(6 + rng.below(10) as usize),
                            vals.join("        ")
                        ));
                        p.push("");
                    }
                }
            }
            2 => {
                p.push("                                                         申请人情况");
                p.push("");
                p.push("                                                    法人或其他组织");
                p.push("（本列数据的勾稽关系为：第一项加第二项之和， 等");
                p.push("于第三项加第四项之和）");
                p.push("                                             自然人         社会 法律                总计");
                p.push("                                                   商业 科研");
                p.push("                                                         公益 服务 其他");
                p.push("                                                   企业 机构");
                p.push("                                                         组织 机构");
                p.push("");
                let mut shown_groups = BTreeSet::new();
                for row in 0..B_ROWS.len() {
                    let nums: Vec<String> = (0..B_COLS)
                        .map(|c| r.requests.get(row, c).to_string())
                        .collect();
                    let nums = nums.join("    ");
                    let label = b_label(row, rng.chance(30));
                    let indent = if B_ROWS[row].groups.len() == 2 {
                        24
                    } else if B_ROWS[row].groups.len() == 1 {
                        14
                    } else {
                        0
                    };
                    let pad = " ".repeat(indent);
                    // Group headings on a line of their own, before or after a row.
                    for &g in B_ROWS[row].groups {
                        if shown_groups.insert(g) && rng.chance(70) {
                            let text = if g == 0 && rng.chance(50) {
                                "三 、本 年 度办 理 结果".to_string()
                            } else {
                                B_GROUPS[g].label.to_string()
                            };
                            p.push(&format!("     {text}"));
                        }
                    }
                    let chars: Vec<char> = label.chars().collect();
                    let style = if chars.len() > 12 { rng.below(4) } else { 0 };
                    let cut = chars.len() / 2 + rng.below(3) as usize;
                    let (a, b): (String, String) = (
                        chars[..cut.min(chars.len())].iter().collect(),
                        chars[cut.min(chars.len())..].iter().collect(),
                    );
                    match style {
                        // Label then numbers on one line.
                        0 => p.push(&format!(
                            "{pad}{label}{}{nums}",
                            " ".repeat(4 + rng.below(6) as usize)
                        )),
                        // Label wrapped, numbers after the last piece.
                        1 => {
                            p.push(&format!("{pad}{a}"));
                            p.push(&format!("{pad}{b}      {nums}"));
                        }
                        // Label wrapped, numbers on a line of their own.
                        2 => {
                            p.push(&format!("{pad}{a}"));
                            p.push(&format!("{pad}{b}"));
                            p.push(&format!("                                          {nums}"));
                        }
                        // Numbers between the two halves of the label.
                        _ => {
                            p.push(&format!("{pad}{a}"));
                            p.push(&format!("                                          {nums}"));
                            p.push(&format!("{pad}{b}"));
                        }
                    }
                    if rng.chance(20) {
                        p.push("");
                    }
                }
                for g in 0..B_GROUPS.len() {
                    if !shown_groups.contains(&g) || rng.chance(10) {
                        // Headings printed late (vertical text ends up after the rows).
                        p.push(&format!("     {}", B_GROUPS[g].label));
                    }
                }
            }
            3 => {
                p.push("          行政复议                              行政诉讼");
                p.push(
                    "                              未经复议直接起诉                  复议后起诉",
                );
                p.push("结果   结果     其他   尚未");
                p.push(
                    "                    总 计 结果 结果 其他       尚未     结果 结果 其他 尚未",
                );
                p.push("维持   纠正     结果   审结                                               总计");
                p.push("");
                let vals: Vec<String> = (0..15)
                    .map(|i| r.appeals.cells[i / 5][i % 5].to_string())
                    .collect();
                p.push(&vals.join("    "));
                p.push("");
            }
            _ => {}
        }
    }
    p.out
        .push_str(&format!("\n                  -{}-\n\x0c", p.page + 1));
    p.out
}

// ------------------------------------------------------------ HTML

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn td(v: String, blank: bool) -> String {
    if blank {
        "<td>&nbsp;</td>".to_string()
    } else {
        format!("<td>{v}</td>")
    }
}

/// Breaks a header label with `<br>` in the middle.
fn br(label: &str) -> String {
    let c: Vec<char> = label.chars().collect();
    if c.len() < 4 {
        return esc(label);
    }
    let h = c.len() / 2;
    format!(
        "{}<br>\n{}",
        esc(&c[..h].iter().collect::<String>()),
        esc(&c[h..].iter().collect::<String>())
    )
}

/// The published web page: site furniture around the article, headings as `<h2>` or bold
/// paragraphs, tables with rowspan/colspan, `<br>` inside headers, `&nbsp;` in empty cells.
pub fn html(r: &Report, rng: &mut Rng, blanks: &Blanks) -> String {
    let mut s = String::new();
    s.push_str(&format!(
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>{}_政府信息公开</title>\n<script>var tr = '<tr><td>1</td></tr>';</script>\n<style>td {{ border: 1px solid; }}</style>\n</head>\n<body>\n",
        esc(&r.standard_title())
    ));
    s.push_str("<div class=\"top\"><nav><a href=\"/\">首页</a> | <a href=\"/gk\">政府信息公开</a></nav></div>\n");
    s.push_str("<div class=\"side\"><ul><li><a href=\"#\">2019年政府信息公开工作年度报告</a></li><li>年度报告</li></ul></div>\n");
    s.push_str("<div class=\"main\">\n<div class=\"crumb\">当前位置：首页 &gt; 政府信息公开 &gt; 年度报告</div>\n<div class=\"article\">\n");
    s.push_str(&format!("<h1>{}</h1>\n", esc(&r.standard_title())));
    if !r.preamble.is_empty() {
        s.push_str(&format!("<p>&nbsp;&nbsp;{}</p>\n", esc(&r.preamble)));
    }
    let variant = rng.chance(50);
    for i in 0..6 {
        let h = esc(&section_heading(i, variant));
        if rng.chance(50) {
            s.push_str(&format!("<h2>{h}</h2>\n"));
        } else {
            s.push_str(&format!("<p><strong>{h}</strong></p>\n"));
        }
        if let Some(parts) = prose_of(r, i) {
            let paras = paragraphs(parts);
            let mut k = 0;
            while k < paras.len() {
                // Sometimes two paragraphs in one <p> separated by <br>.
                if k + 1 < paras.len() && rng.chance(20) {
                    s.push_str(&format!(
                        "<p>　　{}<br>　　{}</p>\n",
                        esc(&paras[k]),
                        esc(&paras[k + 1])
                    ));
                    k += 2;
                } else {
                    s.push_str(&format!(
                        "<p style=\"text-indent:2em\">{}</p>\n",
                        esc(&paras[k])
                    ));
                    k += 1;
                }
            }
        }
        match i {
            1 => {
                s.push_str("<table border=\"1\"><tbody>\n");
                for b in A_BLOCKS.iter() {
                    s.push_str(&format!(
                        "<tr><td colspan=\"4\">{}</td></tr>\n",
                        esc(b.article)
                    ));
                    let heads: Vec<String> = b
                        .columns
                        .iter()
                        .map(|c| format!("<td colspan=\"{}\">{}</td>", 3 / b.columns.len(), br(c)))
                        .collect();
                    s.push_str(&format!("<tr><td>信息内容</td>{}</tr>\n", heads.concat()));
                    for (key, label) in b.rows {
                        let vals = a_values(r, key, b.columns.len());
                        let tds: Vec<String> = vals
                            .into_iter()
                            .enumerate()
                            .map(|(c, v)| {
                                let blank = blanks.contains(&CellRef::A { field: key, col: c });
                                let span = 3 / b.columns.len();
                                if blank {
                                    format!("<td colspan=\"{span}\">&nbsp;</td>")
                                } else {
                                    format!("<td colspan=\"{span}\">{v}</td>")
                                }
                            })
                            .collect();
                        s.push_str(&format!(
                            "<tr><td>{}</td>{}</tr>\n",
                            esc(label),
                            tds.concat()
                        ));
                    }
                }
                s.push_str("</tbody></table>\n");
            }
            2 => {
                s.push_str("<table border=\"1\">\n<tbody>\n");
                s.push_str(&format!(
                    "<tr><td colspan=\"3\" rowspan=\"3\">{}</td><td colspan=\"7\">申请人情况</td></tr>\n",
                    esc(B_CORNER)
                ));
                s.push_str("<tr><td rowspan=\"2\">自然人</td><td colspan=\"5\">法人或其他组织</td><td rowspan=\"2\">总计</td></tr>\n<tr>");
                for c in &B_COLUMNS[1..6] {
                    s.push_str(&format!("<td>{}</td>", br(c.label)));
                }
                s.push_str("</tr>\n");
                for row in 0..B_ROWS.len() {
                    let groups = B_ROWS[row].groups;
                    let mut tr = String::from("<tr>");
                    match groups.len() {
                        0 => tr.push_str(&format!(
                            "<td colspan=\"3\">{}</td>",
                            esc(B_ROWS[row].label)
                        )),
                        1 => {
                            if row == 2 {
                                tr.push_str(&format!(
                                    "<td rowspan=\"22\">{}</td>",
                                    br(B_GROUPS[0].label)
                                ));
                            }
                            tr.push_str(&format!(
                                "<td colspan=\"2\">{}</td>",
                                esc(B_ROWS[row].label)
                            ));
                        }
                        _ => {
                            let g = groups[1];
                            if B_ROWS[row - 1].groups.len() < 2 || B_ROWS[row - 1].groups[1] != g {
                                let n = B_ROWS
                                    .iter()
                                    .filter(|r| r.groups.len() == 2 && r.groups[1] == g)
                                    .count();
                                tr.push_str(&format!(
                                    "<td rowspan=\"{n}\">{}</td>",
                                    br(B_GROUPS[g].label)
                                ));
                            }
                            tr.push_str(&format!("<td>{}</td>", esc(B_ROWS[row].label)));
                        }
                    }
                    for c in 0..B_COLS {
                        tr.push_str(&td(
                            r.requests.get(row, c).to_string(),
                            blanks.contains(&CellRef::B { row, col: c }),
                        ));
                    }
                    tr.push_str("</tr>\n");
                    s.push_str(&tr);
                }
                s.push_str("</tbody>\n</table>\n");
            }
            3 => {
                s.push_str("<table border=\"1\">\n<tr><td colspan=\"5\" rowspan=\"2\">行政复议</td><td colspan=\"10\">行政诉讼</td></tr>\n");
                s.push_str("<tr><td colspan=\"5\">未经复议直接起诉</td><td colspan=\"5\">复议后起诉</td></tr>\n<tr>");
                for _ in 0..C_GROUPS.len() {
                    for c in C_COLUMNS.iter() {
                        s.push_str(&format!("<td>{}</td>", br(c.label)));
                    }
                }
                s.push_str("</tr>\n<tr>");
                for g in 0..3 {
                    for c in 0..5 {
                        s.push_str(&td(
                            r.appeals.cells[g][c].to_string(),
                            blanks.contains(&CellRef::C { group: g, col: c }),
                        ));
                    }
                }
                s.push_str("</tr>\n</table>\n");
            }
            _ => {}
        }
    }
    s.push_str("</div>\n<div class=\"tools\">【<a href=\"javascript:print()\">打印本页</a>】【关闭窗口】</div>\n</div>\n");
    s.push_str("<div class=\"foot\"><p>主办单位：人民政府办公室</p><p>网站标识码：3208000001 备案号：苏ICP备00000000号</p></div>\n</body>\n</html>\n");
    s
}

// ------------------------------------------------------------ Markdown

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|")
}

/// Markdown: `#` headings, paragraphs wrapped over lines, pipe tables.
pub fn markdown(r: &Report, rng: &mut Rng, blanks: &Blanks) -> String {
    let mut s = format!("# {}\n\n", r.standard_title());
    let variant = rng.chance(50);
    let width = 30 + rng.below(20) as usize;
    if !r.preamble.is_empty() {
        s.push_str(&wrap(&r.preamble, width).join("\n"));
        s.push_str("\n\n");
    }
    for i in 0..6 {
        s.push_str(&format!("## {}\n\n", section_heading(i, variant)));
        if let Some(parts) = prose_of(r, i) {
            for para in paragraphs(parts) {
                s.push_str(&wrap(&para, width).join("\n"));
                s.push_str("\n\n");
            }
        }
        let row = |cells: Vec<String>| {
            format!(
                "| {} |\n",
                cells
                    .iter()
                    .map(|c| md_cell(c))
                    .collect::<Vec<_>>()
                    .join(" | ")
            )
        };
        match i {
            1 => {
                s.push_str(&row(vec![
                    "条目".into(),
                    "信息内容".into(),
                    "数值一".into(),
                    "数值二".into(),
                    "数值三".into(),
                ]));
                s.push_str("|---|---|---|---|---|\n");
                for b in A_BLOCKS.iter() {
                    let mut h = vec![b.article.to_string(), "信息内容".to_string()];
                    h.extend(b.columns.iter().map(|c| c.to_string()));
                    while h.len() < 5 {
                        h.push(String::new());
                    }
                    s.push_str(&row(h));
                    for (key, label) in b.rows {
                        let mut cells = vec![String::new(), label.to_string()];
                        for (c, v) in a_values(r, key, b.columns.len()).into_iter().enumerate() {
                            cells
                                .push(cell(v, blanks.contains(&CellRef::A { field: key, col: c })));
                        }
                        while cells.len() < 5 {
                            cells.push(String::new());
                        }
                        s.push_str(&row(cells));
                    }
                }
                s.push('\n');
            }
            2 => {
                let mut h = vec![B_CORNER.to_string(), String::new(), String::new()];
                h.extend(B_COLUMNS.iter().map(|c| c.label.to_string()));
                s.push_str(&row(h));
                s.push_str("|---|---|---|---|---|---|---|---|---|---|\n");
                for r_i in 0..B_ROWS.len() {
                    let groups = B_ROWS[r_i].groups;
                    let mut cells = vec![String::new(), String::new(), String::new()];
                    for (k, g) in groups.iter().enumerate() {
                        cells[k] = B_GROUPS[*g].label.to_string();
                    }
                    cells[groups.len()] = b_label(r_i, rng.chance(20));
                    for c in 0..B_COLS {
                        cells.push(cell(
                            r.requests.get(r_i, c).to_string(),
                            blanks.contains(&CellRef::B { row: r_i, col: c }),
                        ));
                    }
                    s.push_str(&row(cells));
                }
                s.push('\n');
            }
            3 => {
                let mut h = Vec::new();
                for g in C_GROUPS.iter() {
                    for c in C_COLUMNS.iter() {
                        h.push(format!("{}·{}", g.short, c.label));
                    }
                }
                s.push_str(&row(h));
                s.push_str(&format!("|{}\n", "---|".repeat(15)));
                let vals: Vec<String> = (0..15)
                    .map(|i| {
                        cell(
                            r.appeals.cells[i / 5][i % 5].to_string(),
                            blanks.contains(&CellRef::C {
                                group: i / 5,
                                col: i % 5,
                            }),
                        )
                    })
                    .collect();
                s.push_str(&row(vals));
                s.push('\n');
            }
            _ => {}
        }
    }
    s
}

// ------------------------------------------------------------ one cell per line

/// A web page copied as text where every table cell landed on a line of its own; a blank
/// cell is an empty line (first and last cells of a row included).
pub fn one_cell_per_line(r: &Report, rng: &mut Rng, blanks: &Blanks) -> String {
    let mut s = format!("{}\n", r.standard_title());
    if !r.preamble.is_empty() {
        s.push_str(&format!("{}\n", r.preamble));
    }
    let variant = rng.chance(50);
    for i in 0..6 {
        s.push_str(&format!("{}\n", section_heading(i, variant)));
        if let Some(parts) = prose_of(r, i) {
            for para in paragraphs(parts) {
                s.push_str(&para);
                s.push('\n');
            }
        }
        match i {
            1 => {
                for b in A_BLOCKS.iter() {
                    s.push_str(&format!("{}\n信息内容\n", b.article));
                    for c in b.columns {
                        s.push_str(&format!("{c}\n"));
                    }
                    for (key, label) in b.rows {
                        s.push_str(&format!("{label}\n"));
                        for (c, v) in a_values(r, key, b.columns.len()).into_iter().enumerate() {
                            let blank = blanks.contains(&CellRef::A { field: key, col: c });
                            s.push_str(&format!("{}\n", cell(v, blank)));
                        }
                    }
                }
            }
            2 => {
                s.push_str(&format!(
                    "{B_CORNER}\n申请人情况\n自然人\n法人或其他组织\n总计\n"
                ));
                for c in &B_COLUMNS[1..6] {
                    s.push_str(&format!("{}\n", c.label));
                }
                for row in 0..B_ROWS.len() {
                    for &g in B_ROWS[row].groups {
                        if row == 0 || !B_ROWS[row - 1].groups.contains(&g) {
                            s.push_str(&format!("{}\n", B_GROUPS[g].label));
                        }
                    }
                    s.push_str(&format!("{}\n", b_label(row, rng.chance(20))));
                    for c in 0..B_COLS {
                        let blank = blanks.contains(&CellRef::B { row, col: c });
                        s.push_str(&format!(
                            "{}\n",
                            cell(r.requests.get(row, c).to_string(), blank)
                        ));
                    }
                }
            }
            3 => {
                s.push_str("行政复议\n行政诉讼\n未经复议直接起诉\n复议后起诉\n");
                for _ in 0..3 {
                    for c in C_COLUMNS.iter() {
                        s.push_str(&format!("{}\n", c.label));
                    }
                }
                for i in 0..15 {
                    let (group, col) = (i / 5, i % 5);
                    let blank = blanks.contains(&CellRef::C { group, col });
                    s.push_str(&format!(
                        "{}\n",
                        cell(r.appeals.cells[group][col].to_string(), blank)
                    ));
                }
            }
            _ => {}
        }
    }
    s
}

// ------------------------------------------------------------ digits run together

/// Joins numbers, dropping each border between them with the given chance.
pub fn run_together(nums: &[u64], rng: &mut Rng, percent: u64) -> String {
    let mut s = String::new();
    for (i, n) in nums.iter().enumerate() {
        if i > 0 && !rng.chance(percent) {
            s.push(' ');
        }
        s.push_str(&n.to_string());
    }
    s
}

/// A crawled copy whose table B and C rows lost (some of) their cell borders. Returns the
/// text and, per row of table B, the printed numbers.
pub fn digits_run_together(r: &Report, rng: &mut Rng) -> (String, Vec<String>, String) {
    let mut s = format!("{}\n", r.standard_title());
    let mut b_printed = Vec::new();
    let mut c_printed = String::new();
    let percent = 40 + rng.below(61);
    for i in 0..6 {
        s.push_str(&format!("{}\n", section_heading(i, false)));
        if let Some(parts) = prose_of(r, i) {
            for para in paragraphs(parts) {
                s.push_str(&para);
                s.push('\n');
            }
        }
        match i {
            1 => {
                for b in A_BLOCKS.iter() {
                    s.push_str(&format!(
                        "{}\n信息内容 {}\n",
                        b.article,
                        b.columns.join(" ")
                    ));
                    for (key, label) in b.rows {
                        s.push_str(&format!(
                            "{label} {}\n",
                            a_values(r, key, b.columns.len()).join(" ")
                        ));
                    }
                }
            }
            2 => {
                s.push_str(&format!(
                    "{B_CORNER} 申请人情况\n自然人 法人或其他组织 总计\n"
                ));
                for row in 0..B_ROWS.len() {
                    for &g in B_ROWS[row].groups {
                        if row == 0 || !B_ROWS[row - 1].groups.contains(&g) {
                            s.push_str(&format!("{}\n", B_GROUPS[g].label));
                        }
                    }
                    let nums: Vec<u64> = (0..B_COLS).map(|c| r.requests.get(row, c)).collect();
                    let printed = run_together(&nums, rng, percent);
                    s.push_str(&format!("{} {printed}\n", B_ROWS[row].label));
                    b_printed.push(printed);
                }
            }
            3 => {
                s.push_str("行政复议 行政诉讼\n结果维持 结果纠正 其他结果 尚未审结 总计\n");
                let nums: Vec<u64> = (0..15).map(|i| r.appeals.cells[i / 5][i % 5]).collect();
                c_printed = run_together(&nums, rng, percent);
                s.push_str(&format!("{c_printed}\n"));
            }
            _ => {}
        }
    }
    (s, b_printed, c_printed)
}

/// Every cell ref of the three tables whose value is 0, for choosing blanks.
pub fn zero_cells(r: &Report) -> Vec<CellRef> {
    let mut out = Vec::new();
    for b in A_BLOCKS.iter() {
        for (key, _) in b.rows {
            if *key == "fees_wan_yuan" {
                continue;
            }
            for c in 0..b.columns.len() {
                if r.proactive.count(key, c) == Some(0) {
                    out.push(CellRef::A { field: key, col: c });
                }
            }
        }
    }
    for row in 0..B_ROWS.len() {
        for col in 0..B_COLS {
            if r.requests.get(row, col) == 0 {
                out.push(CellRef::B { row, col });
            }
        }
    }
    for g in 0..3 {
        for c in 0..5 {
            if r.appeals.cells[g][c] == 0 {
                out.push(CellRef::C { group: g, col: c });
            }
        }
    }
    out
}

// ------------------------------------------------------------ copies found in the wild

/// Page furniture a saved page or a crawler puts before a report.
fn furniture_before(r: &Report) -> String {
    format!(
        "标题: {}\n发布时间: 2024-03-08 15:34\n文号: \n发布机构: {}办公室\n栏目: 政府信息公开年报\n原文链接: https://www.example.gov.cn/zwgk/t20240308_87885.htm\n本地目录: zwgk/zfxxgk/202403/87885_{}\n首页 > 政务公开 > 政府信息公开年报\n【字体：大 中 小】\n==================== 正文 ====================\n",
        r.standard_title(),
        r.agency,
        r.standard_title()
    )
}

/// … and after it: a signature and date, then the site's links.
fn furniture_after(r: &Report, signature: bool) -> String {
    let mut s = String::new();
    if signature {
        s.push_str(&format!("{}\n{}年3月8日\n", r.agency, r.year + 1));
    }
    s.push_str("附件下载：\n分享到：\n打印本页 关闭窗口\n");
    s
}

/// The text of a page saved with its furniture around the report (tab-separated tables).
pub fn with_furniture(r: &Report, rng: &mut Rng) -> String {
    let signature = rng.chance(50);
    format!(
        "{}{}{}",
        furniture_before(r),
        tab_separated(r, rng, &HashSet::new()),
        furniture_after(r, signature)
    )
}

/// The whole report on one line, as a crawler saves it: every table cell glued to the next
/// (`规章000行政规范性文件…`), headings and parts inside the running text; `sep` ("" or " ")
/// is what stood between the lines. With `furniture`, page furniture on lines around it and
/// the title only there (as pingtan-2023), otherwise the title starts the line.
/// Returns the text and the printed digits of each row of table A, of table B, and of C.
pub fn single_line(
    r: &Report,
    rng: &mut Rng,
    furniture: bool,
) -> (String, String, Vec<String>, Vec<String>, String) {
    let sep = if rng.chance(50) { "" } else { " " };
    let tab = tab_separated(r, rng, &HashSet::new());
    let mut pieces: Vec<String> = Vec::new();
    for (k, l) in tab.lines().enumerate() {
        if l.trim().is_empty() || (k == 0 && furniture) {
            continue;
        }
        pieces.push(l.trim_start_matches('#').trim().replace('\t', ""));
    }
    let mut s = String::new();
    if furniture {
        s.push_str(&furniture_before(r));
    }
    s.push_str(&pieces.join(sep));
    s.push('\n');
    if furniture {
        s.push_str(&furniture_after(r, false));
    }
    let a: Vec<String> = A_BLOCKS
        .iter()
        .flat_map(|b| b.rows.iter().map(move |(k, _)| (*k, b.columns.len())))
        .map(|(k, n)| a_values(r, k, n).concat())
        .collect();
    let b: Vec<String> = (0..B_ROWS.len())
        .map(|row| {
            (0..B_COLS)
                .map(|c| r.requests.get(row, c).to_string())
                .collect::<String>()
        })
        .collect();
    let c: String = (0..15)
        .map(|i| r.appeals.cells[i / 5][i % 5].to_string())
        .collect();
    (s, sep.to_string(), a, b, c)
}

/// The published page saved by the browser in GBK (`<meta charset="gb2312">`).
pub fn html_gbk(r: &Report, rng: &mut Rng, blanks: &Blanks) -> Vec<u8> {
    let page = html(r, rng, blanks).replace(
        "<meta charset=\"utf-8\">",
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">",
    );
    let (bytes, _, _) = encoding_rs::GBK.encode(&page);
    bytes.into_owned()
}

fn xml_esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn w_p(text: &str) -> String {
    format!(
        "<w:p><w:pPr><w:ind w:firstLine=\"640\"/></w:pPr><w:r><w:rPr><w:rFonts w:eastAsia=\"仿宋_GB2312\"/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
        xml_esc(text)
    )
}

/// The report as a Word attachment (.docx): paragraphs, and the tables as real tables with
/// merged cells — a group label cell merged down over its rows (`vMerge`), a row's last cell
/// spanning the columns it lacks (`gridSpan`), labels split over two runs.
pub fn docx(r: &Report, rng: &mut Rng, blanks: &Blanks) -> Vec<u8> {
    use std::io::Write;
    let tab = tab_separated(r, rng, blanks);
    let mut body = String::new();
    let lines: Vec<&str> = tab.lines().collect();
    let mut k = 0;
    while k < lines.len() {
        let l = lines[k];
        if !l.contains('\t') {
            if !l.trim().is_empty() {
                body.push_str(&w_p(l.trim_start_matches('#').trim()));
            }
            k += 1;
            continue;
        }
        let mut rows: Vec<Vec<String>> = Vec::new();
        while k < lines.len() && lines[k].contains('\t') {
            rows.push(lines[k].split('\t').map(String::from).collect());
            k += 1;
        }
        let width = rows.iter().map(Vec::len).max().unwrap_or(1);
        body.push_str("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>");
        let mut above: Option<String> = None;
        for row in &rows {
            body.push_str("<w:tr>");
            // Rows with a label after the first column (table B) continue the group label.
            let labelled = row
                .iter()
                .skip(1)
                .any(|c| !c.is_empty() && !c.chars().all(|d| d.is_ascii_digit() || d == '.'));
            for (c, cell) in row.iter().enumerate() {
                let mut pr = String::new();
                if c == row.len() - 1 && row.len() < width {
                    pr.push_str(&format!(
                        "<w:gridSpan w:val=\"{}\"/>",
                        width - row.len() + 1
                    ));
                }
                // A group label (first column) merged down over the empty cells below it.
                let text = if c == 0 {
                    if !cell.is_empty() {
                        above = Some(cell.clone());
                        pr.push_str("<w:vMerge w:val=\"restart\"/>");
                        cell.clone()
                    } else if above.is_some() && labelled {
                        pr.push_str("<w:vMerge/>");
                        String::new()
                    } else {
                        String::new()
                    }
                } else {
                    cell.clone()
                };
                let runs = if text.chars().count() > 3 {
                    let mid = text.char_indices().nth(2).map_or(0, |(i, _)| i);
                    format!(
                        "<w:r><w:t>{}</w:t></w:r><w:r><w:t>{}</w:t></w:r>",
                        xml_esc(&text[..mid]),
                        xml_esc(&text[mid..])
                    )
                } else if text.is_empty() {
                    String::new()
                } else {
                    format!("<w:r><w:t>{}</w:t></w:r>", xml_esc(&text))
                };
                body.push_str(&format!(
                    "<w:tc><w:tcPr>{pr}</w:tcPr><w:p>{runs}</w:p></w:tc>"
                ));
            }
            body.push_str("</w:tr>");
        }
        body.push_str("</w:tbl>");
    }
    let doc = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}<w:sectPr/></w:body></w:document>"
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("[Content_Types].xml", opts).expect("zip");
    zip.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>").expect("zip");
    zip.start_file("word/document.xml", opts).expect("zip");
    zip.write_all(doc.as_bytes()).expect("zip");
    zip.finish().expect("zip").into_inner()
}

// ------------------------------------------------------------ Markdown from a PDF converter

/// What a PDF→Markdown converter left out: the cells (all of them 0) that a row printed
/// no cell for, and, per row of each table, the numbers it did print.
pub struct Converted {
    pub text: String,
    /// Per row of table A (in schema order): its values as printed, and how many are due.
    pub a_printed: Vec<(Vec<u64>, usize)>,
    /// Per row of table B: its values as printed (fewer than 7 where cells were left out).
    pub b_printed: Vec<Vec<u64>>,
    /// Table C's values as printed.
    pub c_printed: Vec<u64>,
}

/// Leaves out, with the given chance, one or two of the zero cells of a row (a converter
/// that drops an empty cell prints nothing for it); a row keeps at least one number (a
/// label with nothing after it is not a row the importer reads).
fn drop_zeros(vals: &[u64], rng: &mut Rng, percent: u64) -> Vec<u64> {
    let mut out = vals.to_vec();
    if rng.chance(percent) {
        for _ in 0..=rng.below(2) {
            let zeros: Vec<usize> = (0..out.len()).filter(|&i| out[i] == 0).collect();
            if zeros.is_empty() || out.len() == 1 {
                break;
            }
            out.remove(zeros[rng.below(zeros.len() as u64) as usize]);
        }
    }
    out
}

/// A page footer as converters leave it: `— 3 —`, `- 3 -` or `第3页`.
fn footer(page: usize, rng: &mut Rng) -> String {
    match rng.below(3) {
        0 => format!("— {page} —"),
        1 => format!("- {page} -"),
        _ => format!("第{page}页"),
    }
}

/// A report as a PDF→Markdown converter (marker, MinerU, pdfplumber-based scripts) prints
/// it — no exporter prints this, so it is printed by hand: the title split over two lines
/// at any character, headings with or without `#`, paragraphs cut by page footers, table
/// headers cut into fragments in cells of their own or replaced by made-up `数据1 …`
/// headers, footers between and inside table rows, labels in a row of their own above
/// their numbers, and rows that print no cell at all for some of their zero cells.
pub fn pdf_converter_markdown(r: &Report, rng: &mut Rng) -> Converted {
    let mut page = 1usize;
    let mut s = String::new();
    let title: Vec<char> = r.standard_title().chars().collect();
    let cut = 1 + rng.below(title.len() as u64 - 2) as usize;
    let hash = if rng.chance(50) { "# " } else { "" };
    s.push_str(&format!(
        "{hash}{}\n{hash}{}\n\n",
        title[..cut].iter().collect::<String>(),
        title[cut..].iter().collect::<String>()
    ));
    let para = |s: &mut String, p: &str, rng: &mut Rng, page: &mut usize| {
        let chars: Vec<char> = p.chars().collect();
        if chars.len() > 8 && rng.chance(25) {
            let k = 3 + rng.below(chars.len() as u64 - 6) as usize;
            let ends = |c: char| "。！？；：…!?;: ".contains(c);
            if !ends(chars[k - 1]) && chars[k] != ' ' {
                *page += 1;
                s.push_str(&format!(
                    "{}\n\n{}\n\n{}\n\n",
                    chars[..k].iter().collect::<String>(),
                    footer(*page, rng),
                    chars[k..].iter().collect::<String>()
                ));
                return;
            }
        }
        s.push_str(p);
        s.push_str("\n\n");
    };
    if !r.preamble.is_empty() {
        para(&mut s, &r.preamble, rng, &mut page);
    }
    let row = |cells: &[String]| format!("| {} |\n", cells.join(" | "));
    let sep = |n: usize| format!("|{}\n", "---|".repeat(n));
    let made_up = |n: usize, from: usize| -> Vec<String> {
        (0..n).map(|i| format!("数据{}", i + from)).collect()
    };
    let mut a_printed = Vec::new();
    let mut b_printed = Vec::new();
    let mut c_printed = Vec::new();
    for i in 0..6 {
        let hash = if rng.chance(50) { "## " } else { "" };
        s.push_str(&format!("{hash}{}\n\n", section_heading(i, false)));
        if let Some(parts) = prose_of(r, i) {
            for p in paragraphs(parts) {
                para(&mut s, &p, rng, &mut page);
            }
        }
        match i {
            1 => {
                for b in A_BLOCKS.iter() {
                    let n = b.columns.len();
                    let mut head = vec![b.article.to_string()];
                    head.extend((0..n).map(|_| String::new()));
                    s.push_str(&row(&head));
                    s.push_str(&sep(n + 1));
                    let mut cols = vec!["信息内容".to_string()];
                    if rng.chance(30) {
                        cols.extend(made_up(n, 1));
                    } else {
                        cols.extend(b.columns.iter().map(|c| c.to_string()));
                    }
                    s.push_str(&row(&cols));
                    for (key, label) in b.rows {
                        let mut cells = vec![label.to_string()];
                        if *key == "fees_wan_yuan" {
                            cells.push(r.proactive.fees_wan_yuan.to_string());
                        } else {
                            let vals: Vec<u64> = (0..n)
                                .map(|c| r.proactive.count(key, c).unwrap_or(0))
                                .collect();
                            let printed = drop_zeros(&vals, rng, 20);
                            cells.extend(printed.iter().map(u64::to_string));
                            a_printed.push((printed, n));
                        }
                        s.push_str(&row(&cells));
                    }
                    s.push('\n');
                }
            }
            2 => {
                let mut h = vec![B_CORNER.to_string(), String::new(), String::new()];
                if rng.chance(30) {
                    h.extend(made_up(B_COLS, 1));
                    s.push_str(&row(&h));
                    s.push_str(&sep(3 + B_COLS));
                } else {
                    // Header words cut into fragments, each in a cell of its own.
                    h.extend(["申请人情况".to_string()]);
                    h.extend((1..B_COLS).map(|_| String::new()));
                    s.push_str(&row(&h));
                    s.push_str(&sep(3 + B_COLS));
                    let mut top = vec![String::new(); 3];
                    let mut bottom = vec![String::new(); 3];
                    for c in B_COLUMNS.iter() {
                        let ch: Vec<char> = c.label.chars().collect();
                        let k = ch.len().div_ceil(2);
                        top.push(ch[..k].iter().collect());
                        bottom.push(ch[k..].iter().collect());
                    }
                    s.push_str(&row(&top));
                    s.push_str(&row(&bottom));
                }
                for r_i in 0..B_ROWS.len() {
                    let groups = B_ROWS[r_i].groups;
                    let mut lead = vec![String::new(), String::new(), String::new()];
                    for (k, g) in groups.iter().enumerate() {
                        let first = r_i == 0 || !B_ROWS[r_i - 1].groups.contains(g);
                        if first {
                            lead[k] = B_GROUPS[*g].label.to_string();
                        }
                    }
                    lead[groups.len()] = b_label(r_i, rng.chance(20));
                    let vals: Vec<u64> = (0..B_COLS).map(|c| r.requests.get(r_i, c)).collect();
                    let printed = drop_zeros(&vals, rng, 15);
                    let nums: Vec<String> = printed.iter().map(u64::to_string).collect();
                    if rng.chance(15) {
                        // The label in a row of its own, the numbers in the next.
                        let mut l = lead.clone();
                        l.extend((0..B_COLS).map(|_| String::new()));
                        s.push_str(&row(&l));
                        let mut n = vec![String::new(); 3];
                        n.extend(nums);
                        s.push_str(&row(&n));
                    } else {
                        let mut cells = lead;
                        cells.extend(nums);
                        s.push_str(&row(&cells));
                    }
                    b_printed.push(printed);
                    if rng.chance(8) {
                        page += 1;
                        if rng.chance(50) {
                            // A footer inside the table, as a row of its own.
                            let mut f = vec![footer(page, rng)];
                            f.extend((0..2 + B_COLS).map(|_| String::new()));
                            s.push_str(&row(&f));
                        } else {
                            // A footer between two tables, the header's made-up names again.
                            s.push_str(&format!("\n{}\n\n", footer(page, rng)));
                            let mut h = vec![String::new(); 3];
                            h.extend(made_up(B_COLS, 1));
                            s.push_str(&row(&h));
                            s.push_str(&sep(3 + B_COLS));
                        }
                    }
                }
                s.push('\n');
            }
            3 => {
                if rng.chance(40) {
                    s.push_str(&row(&made_up(15, 1)));
                    s.push_str(&sep(15));
                } else {
                    let mut h = vec!["行政复议".to_string()];
                    h.extend((0..4).map(|_| String::new()));
                    h.push("行政诉讼".to_string());
                    h.extend((0..9).map(|_| String::new()));
                    s.push_str(&row(&h));
                    s.push_str(&sep(15));
                    let top: Vec<String> = (0..15)
                        .map(|i| {
                            let ch: Vec<char> = C_COLUMNS[i % 5].label.chars().collect();
                            ch[..ch.len().div_ceil(2)].iter().collect()
                        })
                        .collect();
                    let bottom: Vec<String> = (0..15)
                        .map(|i| {
                            let ch: Vec<char> = C_COLUMNS[i % 5].label.chars().collect();
                            ch[ch.len().div_ceil(2)..].iter().collect()
                        })
                        .collect();
                    s.push_str(&row(&top));
                    s.push_str(&row(&bottom));
                }
                let vals: Vec<u64> = (0..15).map(|i| r.appeals.cells[i / 5][i % 5]).collect();
                c_printed = drop_zeros(&vals, rng, 20);
                let nums: Vec<String> = c_printed.iter().map(u64::to_string).collect();
                s.push_str(&row(&nums));
                s.push('\n');
            }
            _ => {}
        }
    }
    page += 1;
    s.push_str(&format!("{}\n", footer(page, rng)));
    Converted {
        text: s,
        a_printed,
        b_printed,
        c_printed,
    }
}
