//! Markdown: pipe-table rows (`| a | b |`, `\|` escaped), the separator row, `#` headings,
//! and the inline marks a published text may carry (`**bold**`, `<br>` in a cell).

/// The cells of a pipe-table row, or `None` when the line is not one.
pub(crate) fn pipe_cells(t: &str) -> Option<Vec<String>> {
    let t = t.trim();
    let inner = t.strip_prefix('|')?;
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cur.push('|');
                chars.next();
            }
            '|' => cells.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    cells.push(cur);
    let cells: Vec<String> = cells
        .into_iter()
        .map(|c| markdown_inline(c.trim()))
        .collect();
    Some(cells)
}

/// A Markdown table's separator row `|---|:--:|`.
pub(crate) fn is_pipe_separator(cells: &[String]) -> bool {
    !cells.is_empty()
        && cells.iter().all(|c| {
            let c = c.trim();
            !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' '))
        })
}

/// Drops the Markdown marks a published text may carry: `**bold**`, `<br>` in a cell.
pub(crate) fn markdown_inline(s: &str) -> String {
    let s = s.replace("**", "").replace("__", "");
    let mut out = s.clone();
    for br in ["<br>", "<br/>", "<br />", "<BR>"] {
        out = out.replace(br, "");
    }
    out
}

/// The text of a `#` heading line.
pub(crate) fn markdown_heading(t: &str) -> Option<&str> {
    let trimmed = t.trim_start();
    let hashes = trimmed.chars().take_while(|c| *c == '#').count();
    if (1..=6).contains(&hashes) {
        let rest = &trimmed[hashes..];
        if rest.starts_with(' ') || rest.starts_with('\t') || rest.is_empty() {
            return Some(rest.trim());
        }
    }
    None
}
