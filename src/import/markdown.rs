//! Markdown: pipe-table rows (`| a | b |`, `\|` escaped), the separator row, `#` headings,
//! and the inline marks a published text may carry (`**bold**`, `<br>` in a cell).

/// The cells of a pipe-table row, or `None` when the line is not one. A backslash escape
/// (`\|`, `\\`) stays in its cell as written: [`inline`] reads it.
pub(crate) fn pipe_cells(t: &str) -> Option<Vec<String>> {
    let t = t.trim();
    let inner = t.strip_prefix('|')?;
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                cur.push(c);
                cur.extend(chars.next());
            }
            '|' => cells.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    // The closing `|` leaves an empty last piece; a row without one keeps its last cell.
    if !cur.trim().is_empty() || cells.is_empty() {
        cells.push(cur);
    }
    Some(cells.into_iter().map(|c| c.trim().to_string()).collect())
}

/// A Markdown table's separator row `|---|:--:|`.
pub(crate) fn is_pipe_separator(cells: &[String]) -> bool {
    !cells.is_empty()
        && cells.iter().all(|c| {
            let c = c.trim();
            !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' '))
        })
}

/// How the text of a line is read: as Markdown (backslash escapes are escapes) or as
/// plain text that may carry a few Markdown marks (a table copied with `**bold**` or `<br>`
/// in a cell; a backslash is a backslash, but `\|` inside a pipe row is a `|`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Escapes {
    /// CommonMark: a backslash before ASCII punctuation stands for that character.
    Markdown,
    /// Only `\|` is an escape.
    PipeOnly,
}

/// The text as written, without the inline marks a published text may carry: `**bold**`,
/// `__bold__`, `<br>` (in a cell); escapes read as `escapes` says. Escaped marks (`\*\*`,
/// `\<br>`) are text.
pub(crate) fn inline(s: &str, escapes: Escapes) -> String {
    let cs: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        let next = cs.get(i + 1).copied();
        if c == '\\' {
            let escaped = match escapes {
                Escapes::Markdown => next.is_some_and(|n| n.is_ascii_punctuation()),
                Escapes::PipeOnly => next == Some('|'),
            };
            if let (true, Some(n)) = (escaped, next) {
                out.push(n);
                i += 2;
                continue;
            }
        }
        if (c == '*' || c == '_') && next == Some(c) {
            i += 2;
            continue;
        }
        if c == '<' {
            let rest: String = cs[i..cs.len().min(i + 6)].iter().collect();
            let rest = rest.to_ascii_lowercase();
            if let Some(br) = ["<br>", "<br/>", "<br />"]
                .iter()
                .find(|b| rest.starts_with(**b))
            {
                i += br.len();
                continue;
            }
        }
        out.push(c);
        i += 1;
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
