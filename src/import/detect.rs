//! Which layout an input has, recognised by content (not by file name).

use super::lines::{is_number, is_page_number};
use super::Layout;

/// True when the text looks like HTML: it starts with a tag (after `#` comment lines, such
/// as a `# source:` note), or its first 64 KB hold many paragraph and table tags.
pub(crate) fn looks_like_html(text: &str) -> bool {
    let mut rest = text.trim_start();
    while rest.starts_with('#') {
        rest = rest.split_once('\n').map_or("", |(_, r)| r).trim_start();
    }
    let mut end = text.len().min(65_536);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = text[..end].to_ascii_lowercase();
    let tags = [
        "<p>", "<p ", "</p>", "<td", "<tr", "<br", "<div", "</div>", "<span",
    ]
    .iter()
    .map(|t| sample.matches(t).count())
    .sum::<usize>();
    if tags >= 20 {
        return true;
    }
    let head: String = rest
        .chars()
        .take(2000)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with('<')
        && (head.contains("<html")
            || head.contains("<body")
            || head.contains("<table")
            || head.contains("<p")
            || head.contains("<div")
            || head.contains("<!doctype"))
}

/// Guesses the layout of a text input (not HTML) from its lines.
pub(crate) fn detect_text_layout(text: &str) -> Layout {
    let (mut tabs, mut pipes, mut pages, mut single_numbers) = (0, 0, false, 0);
    for raw in text.lines() {
        if raw.contains('\x0c') {
            pages = true;
        }
        let line = raw.trim_matches(|c: char| c == '\x0c' || c == '\r');
        if line.contains('\t') && !line.trim().is_empty() {
            tabs += 1;
        } else if line.trim_start().starts_with('|') {
            pipes += 1;
        } else if is_page_number(line) {
            pages = true;
        } else {
            let t = line.trim();
            if is_number(t) || matches!(t, "-" | "—" | "/") {
                single_numbers += 1;
            }
        }
    }
    if pipes >= 3 {
        Layout::Markdown
    } else if tabs >= 3 {
        Layout::TabSeparated
    } else if pages {
        Layout::PdfText
    } else if single_numbers >= 100 {
        Layout::OneCellPerLine
    } else {
        Layout::PlainText
    }
}
