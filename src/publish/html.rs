//! The website page: one standalone UTF-8 HTML file, no script and no external resource.
//!
//! Title `<h1>`, sections `<h2>`, part headings as paragraphs of their own (（一）…) and
//! prose with the two-character first-line indent; tables with the official merged cells
//! (`rowspan` / `colspan`). Borders are given twice: as CSS and as plain table attributes
//! (`border="1"`), because many site CMSs strip `<style>` when a page is pasted in. The
//! print CSS lays the page out on A4 and repeats table headers (`<thead>`) on each page.

use super::doc::{Block, Document, Grid, Role};
use std::fmt::Write;

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_into(&mut out, s);
    out
}

fn escape_into(out: &mut String, s: &str) {
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

const STYLE: &str = r#"body { font-family: "仿宋_GB2312", "仿宋", FangSong, STFangsong, "Noto Serif CJK SC", serif; font-size: 16pt; line-height: 28pt; max-width: 46em; margin: 2em auto; padding: 0 1em; color: #000; background: #fff; }
h1 { font-family: "方正小标宋简体", "方正小标宋_GBK", "华文中宋", STZhongsong, "Noto Serif CJK SC", serif; font-size: 22pt; font-weight: normal; line-height: 1.5; text-align: center; margin: 0 0 28pt; }
h2 { font-family: "黑体", SimHei, "Noto Sans CJK SC", sans-serif; font-size: 16pt; font-weight: normal; text-indent: 2em; margin: 0; }
p { text-indent: 2em; margin: 0; text-align: left; }
p.part { font-family: "楷体_GB2312", "楷体", KaiTi, STKaiti, "Noto Serif CJK SC", serif; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0 14pt; font-size: 10.5pt; line-height: 1.35; }
td, th { border: 1px solid #000; padding: 3px 4px; text-align: center; vertical-align: middle; font-weight: normal; }
td.label { text-align: left; }
td.number { white-space: nowrap; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
@media print { body { max-width: none; margin: 0; padding: 0; } h2 { break-after: avoid; page-break-after: avoid; } }
"#;

/// Renders the document as a standalone HTML page.
pub fn render(d: &Document) -> String {
    let mut s = String::with_capacity(48 * 1024);
    s.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    s.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(s, "<title>{}</title>", escape(&d.title));
    let _ = write!(s, "<style>\n{STYLE}</style>\n</head>\n<body>\n");
    let lines: Vec<String> = d.title_lines.iter().map(|l| escape(l)).collect();
    let _ = writeln!(s, "<h1>{}</h1>", lines.join("<br>"));
    for p in &d.preamble {
        paragraph(&mut s, p, None);
    }
    for sec in &d.sections {
        let _ = writeln!(s, "<h2>{}</h2>", escape(&sec.heading));
        for b in &sec.blocks {
            match b {
                Block::PartHeading { number, text, .. } => {
                    paragraph(&mut s, &format!("{number}{text}"), Some("part"));
                }
                Block::Paragraph { text, .. } => paragraph(&mut s, text, None),
                Block::Table(g) => table(&mut s, g),
            }
        }
    }
    s.push_str("</body>\n</html>\n");
    s
}

fn paragraph(s: &mut String, text: &str, class: Option<&str>) {
    match class {
        // The indent is also inline: a CMS that strips <style> keeps it.
        Some(c) => {
            let _ = write!(s, "<p class=\"{c}\" style=\"text-indent:2em\">");
        }
        None => s.push_str("<p style=\"text-indent:2em\">"),
    }
    // A line never breaks at a space (`文件 11 件`): a reader copying from the printed
    // page (pdftotext) would lose the space at the end of the line.
    escape_into(s, text);
    if text.contains(' ') {
        let start = s.rfind('>').map_or(0, |i| i + 1);
        let tail = s[start..].replace(' ', "&nbsp;");
        s.truncate(start);
        s.push_str(&tail);
    }
    s.push_str("</p>\n");
}

fn table(s: &mut String, g: &Grid) {
    s.push_str(
        "<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\" width=\"100%\" style=\"border-collapse:collapse\">\n",
    );
    let total: u32 = g.widths.iter().map(|w| u32::from(*w)).sum::<u32>().max(1);
    s.push_str("<colgroup>");
    for w in &g.widths {
        let _ = write!(
            s,
            "<col style=\"width:{:.1}%\">",
            f64::from(*w) * 100.0 / f64::from(total)
        );
    }
    s.push_str("</colgroup>\n");
    for (i, row) in g.rows.iter().enumerate() {
        if i == 0 && g.header_rows > 0 {
            s.push_str("<thead>\n");
        }
        if i == g.header_rows {
            s.push_str("<tbody>\n");
        }
        s.push_str("<tr>");
        for c in row {
            let tag = if i < g.header_rows { "th" } else { "td" };
            let _ = write!(s, "<{tag}");
            if c.rows > 1 {
                let _ = write!(s, " rowspan=\"{}\"", c.rows);
            }
            if c.cols > 1 {
                let _ = write!(s, " colspan=\"{}\"", c.cols);
            }
            match c.role {
                Role::Label => s.push_str(" class=\"label\""),
                Role::Number => s.push_str(" class=\"number\""),
                Role::Header => {}
            }
            s.push('>');
            escape_into(s, &c.text);
            let _ = write!(s, "</{tag}>");
        }
        s.push_str("</tr>\n");
        if i + 1 == g.header_rows {
            s.push_str("</thead>\n");
        }
    }
    s.push_str("</tbody>\n</table>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Part, Report};
    use crate::publish::doc::build;

    #[test]
    fn text_is_escaped_everywhere() {
        let bad = "<script>alert(1)</script>&\"'";
        let mut r = Report::new(bad, 2023);
        r.preamble = bad.into();
        r.overview = vec![Part::new(bad, bad)];
        let h = render(&build(&r));
        assert!(!h.contains("<script"), "{h}");
        assert!(h.contains("&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39;"));
    }

    #[test]
    fn tables_have_plain_borders_and_the_merged_headers() {
        let h = render(&build(&Report::new("某局", 2023)));
        assert_eq!(h.matches("<table border=\"1\"").count(), 3);
        assert!(h.contains("<th rowspan=\"3\" colspan=\"3\">（本列数据的勾稽关系为"));
        assert!(h.contains("<th colspan=\"7\">申请人情况</th>"));
        assert!(h.contains("<td rowspan=\"22\" class=\"label\">三、本年度办理结果</td>"));
        assert!(h.contains("<th colspan=\"10\">行政诉讼</th>"));
        assert!(!h.contains("<script") && !h.contains("src=") && !h.contains("href="));
    }
}
