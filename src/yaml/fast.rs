//! A fast path for files in the writer's exact layout (every file this program writes, and
//! the bundled examples): read them line by line without a YAML parser.
//!
//! It is correct by construction: the lines are read loosely into a report, then the report
//! is written again with [`to_yaml`], and the fast path answers only if that gives back the
//! file byte for byte. Since `load(to_yaml(r)) == r` for every report (a property test), the
//! answer is the one the full reader would give. Anything else — a hand-edited file, other
//! spacing, a comment after the first key, CRLF line ends — returns `None` and goes through
//! serde_yaml, which also produces every error message.

use super::write::to_yaml;
use crate::model::schema::{
    A_AMOUNT_DECIMALS, B_COLS, B_ROW_COUNT, FEE_AMOUNT_DECIMALS, MAX_COUNT,
};
use crate::model::{Amount, Part, Report, FORMAT_VERSION};

/// More lines than a file in the writer's layout can have before the full reader's limits.
const MAX_LINES: usize = crate::yaml::MAX_NODE_MARKS / 2;

/// Reads `text` (leading `#` comment lines allowed) if it is in the writer's layout.
pub(super) fn load_canonical(text: &str) -> Option<Report> {
    let mut body = text;
    while body.starts_with('#') || body.starts_with('\n') {
        body = body.split_once('\n')?.1;
    }
    let report = read_lines(body)?;
    (to_yaml(&report) == body).then_some(report)
}

fn read_lines(body: &str) -> Option<Report> {
    let mut lines = body.lines().peekable();
    let mut next = || lines.next();
    let format: u32 = value(next()?, "format: ")?.parse().ok()?;
    if format != FORMAT_VERSION {
        return None;
    }
    let agency = unquote(value(next()?, "agency: ")?)?;
    let year: i32 = value(next()?, "year: ")?.parse().ok()?;
    let mut report = Report::new(agency, year);
    report.overview.clear();
    report.title = match value(next()?, "title: ")? {
        "null" => None,
        t => Some(unquote(t)?),
    };
    report.preamble = unquote(value(next()?, "preamble: ")?)?;
    // The rest is read from the remaining lines in order.
    // Bounded, so that a file of millions of empty lines costs no memory here (such a file is
    // not in the writer's layout anyway and is refused by the full reader's pre-scan).
    let rest: Vec<&str> = lines.take(MAX_LINES).collect();
    let mut at = 0;
    report.overview = parts(&rest, &mut at, "overview")?;
    if *rest.get(at)? != "proactive:" {
        return None;
    }
    at += 1;
    let p = &mut report.proactive;
    for doc in [&mut p.regulations, &mut p.normative_documents] {
        let v = flow_counts::<3>(rest.get(at)?)?;
        (doc.issued, doc.repealed, doc.in_force) = (v[0], v[1], v[2]);
        at += 1;
    }
    for field in [&mut p.licensing, &mut p.penalties, &mut p.coercive_measures] {
        *field = count(after_colon(rest.get(at)?)?)?;
        at += 1;
    }
    p.fees_wan_yuan = Amount::parse(after_colon(rest.get(at)?)?, A_AMOUNT_DECIMALS).ok()?;
    at += 1;
    if *rest.get(at)? != "requests:" {
        return None;
    }
    at += 1;
    let mut row = 0;
    while row < B_ROW_COUNT {
        let line = rest.get(at)?;
        at += 1;
        if line.ends_with(':') {
            continue; // a group: outcome:, withheld:, …
        }
        report.requests.cells[row] = flow_counts::<B_COLS>(line)?;
        row += 1;
    }
    if *rest.get(at)? != "appeals:" {
        return None;
    }
    at += 1;
    for g in 0..report.appeals.cells.len() {
        report.appeals.cells[g] = flow_counts::<5>(rest.get(at)?)?;
        at += 1;
    }
    report.problems = parts(&rest, &mut at, "problems")?;
    report.other_matters = parts(&rest, &mut at, "other_matters")?;
    if *rest.get(at)? != "processing_fees:" {
        return None;
    }
    let f = &mut report.processing_fees;
    f.notices = count(after_colon(rest.get(at + 1)?)?)?;
    f.amount_notified_yuan =
        Amount::parse(after_colon(rest.get(at + 2)?)?, FEE_AMOUNT_DECIMALS).ok()?;
    f.amount_collected_yuan =
        Amount::parse(after_colon(rest.get(at + 3)?)?, FEE_AMOUNT_DECIMALS).ok()?;
    Some(report)
}

fn value<'a>(line: &'a str, prefix: &str) -> Option<&'a str> {
    line.strip_prefix(prefix)
}

fn after_colon(line: &str) -> Option<&str> {
    line.split_once(": ").map(|(_, v)| v)
}

fn count(v: &str) -> Option<u64> {
    if v.is_empty() || v.len() > 9 || !v.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    v.parse().ok().filter(|n| *n <= MAX_COUNT)
}

/// The `N` values of a line `key: {a: 1, b: 2, …}`, in order.
fn flow_counts<const N: usize>(line: &str) -> Option<[u64; N]> {
    let inner = line.split_once('{')?.1.strip_suffix('}')?;
    let mut values = [0u64; N];
    let mut items = inner.split(", ");
    for v in values.iter_mut() {
        *v = count(after_colon(items.next()?)?)?;
    }
    items.next().is_none().then_some(values)
}

/// `key: []`, or `key:` followed by `  - heading: "…"` / `    body: "…"` pairs.
fn parts(rest: &[&str], at: &mut usize, key: &str) -> Option<Vec<Part>> {
    let line = rest.get(*at)?;
    *at += 1;
    if line.strip_prefix(key)? == ": []" {
        return Some(Vec::new());
    }
    if line.len() != key.len() + 1 {
        return None;
    }
    let mut out = Vec::new();
    while let Some(h) = rest.get(*at).and_then(|l| l.strip_prefix("  - heading: ")) {
        let b = rest.get(*at + 1)?.strip_prefix("    body: ")?;
        out.push(Part::new(unquote(h)?, unquote(b)?));
        *at += 2;
    }
    Some(out)
}

/// The text of a double-quoted scalar as the writer writes it (its escapes only).
fn unquote(q: &str) -> Option<String> {
    let inner = q.strip_prefix('"')?.strip_suffix('"')?;
    if !inner.contains('\\') {
        return (!inner.contains('"')).then(|| inner.to_string());
    }
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let hex = |chars: &mut std::str::Chars<'_>, n: usize| -> Option<char> {
            let digits: String = chars.by_ref().take(n).collect();
            if digits.len() != n {
                return None;
            }
            char::from_u32(u32::from_str_radix(&digits, 16).ok()?)
        };
        match chars.next()? {
            '"' => out.push('"'),
            '\\' => out.push('\\'),
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            'x' => out.push(hex(&mut chars, 2)?),
            'u' => out.push(hex(&mut chars, 4)?),
            _ => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_examples_take_the_fast_path() {
        for text in [
            include_str!("../../examples/huaian-2024.yaml"),
            include_str!("../../examples/hongze-2023.yaml"),
            include_str!("../../examples/hongze-2024.yaml"),
            include_str!("../../examples/gulou-kegongxin-2023.yaml"),
        ] {
            let fast = load_canonical(text).expect("writer's layout");
            let slow = super::super::read::load_str_general(text, "x").expect("loads");
            assert_eq!(fast, slow.report);
        }
    }

    #[test]
    fn anything_else_does_not() {
        let text = include_str!("../../examples/huaian-2024.yaml");
        for (from, to) in [
            ("licensing: 447228", "licensing:  447228"),
            ("licensing: 447228", "licensing: 447228 # 件"),
            ("agency: \"淮安市人民政府\"", "agency: 淮安市人民政府"),
            ("total: 3119}", "total: 3119 }"),
            ("year: 2024", "year: 2024.0"),
        ] {
            assert!(
                load_canonical(&text.replacen(from, to, 1)).is_none(),
                "{to}"
            );
        }
        assert!(load_canonical(&text.replace('\n', "\r\n")).is_none());
        assert_eq!(
            unquote(r#""a\x1b\u00e9\"\\""#).as_deref(),
            Some("a\u{1b}é\"\\")
        );
        assert_eq!(unquote(r#""\z""#), None);
    }
}
