//! The YAML emitter. Output is a pure function of the report: same report, same bytes.

use crate::model::schema::{self, A_DOC_KEYS, B_COLUMNS, B_ROWS, C_COLUMNS, C_GROUPS, FEE_FIELDS};
use crate::model::{Amount, Part, Report};
use std::fmt::Write;

/// Writes a report as YAML in the layout of FORMAT.md §6.
pub fn to_yaml(report: &Report) -> String {
    let mut out = String::with_capacity(8 * 1024);
    let o = &mut out;
    let _ = writeln!(o, "format: {}", report.format);
    let _ = writeln!(o, "agency: {}", quote(&report.agency));
    let _ = writeln!(o, "year: {}", report.year);
    match &report.title {
        Some(t) => {
            let _ = writeln!(o, "title: {}", quote(t));
        }
        None => o.push_str("title: null\n"),
    }
    let _ = writeln!(o, "preamble: {}", quote(&report.preamble));
    parts(o, "overview", &report.overview);

    let p = &report.proactive;
    o.push_str("proactive:\n");
    for (key, counts) in [
        (schema::A_REGULATIONS, p.regulations),
        (schema::A_NORMATIVE_DOCUMENTS, p.normative_documents),
    ] {
        let _ = write!(o, "  {:<20} {{", format!("{key}:"));
        for (i, (k, v)) in A_DOC_KEYS.iter().zip(counts.as_array()).enumerate() {
            let sep = if i == 0 { "" } else { ", " };
            let _ = write!(o, "{sep}{k}: {v}");
        }
        o.push_str("}\n");
    }
    let _ = writeln!(o, "  licensing: {}", p.licensing);
    let _ = writeln!(o, "  penalties: {}", p.penalties);
    let _ = writeln!(o, "  coercive_measures: {}", p.coercive_measures);
    let _ = writeln!(o, "  fees_wan_yuan: {}", amount(p.fees_wan_yuan));

    o.push_str("requests:\n");
    // Walk the rows; open a nested mapping whenever the path enters a new group.
    let mut open: Vec<&str> = Vec::new();
    for (i, row) in B_ROWS.iter().enumerate() {
        let (leaf, groups) = row.path.split_last().expect("row paths are not empty");
        let common = open
            .iter()
            .zip(groups.iter())
            .take_while(|(a, b)| a == b)
            .count();
        open.truncate(common);
        for g in &groups[common..] {
            let _ = writeln!(o, "{}{}:", "  ".repeat(open.len() + 1), g);
            open.push(g);
        }
        // Align the flow mappings of a run of consecutive sibling rows, as FORMAT.md shows
        // them (`received:` with `carried_over:`, but `total:` alone after the groups).
        let sibling = |r: &&crate::model::schema::BRow| r.path[..r.path.len() - 1] == *groups;
        let run_start = B_ROWS[..i]
            .iter()
            .rposition(|r| !sibling(&r))
            .map_or(0, |p| p + 1);
        let run_end = B_ROWS[i..]
            .iter()
            .position(|r| !sibling(&r))
            .map_or(B_ROWS.len(), |p| p + i);
        let width = B_ROWS[run_start..run_end]
            .iter()
            .map(|r| r.path.last().map_or(0, |k| k.len()))
            .max()
            .unwrap_or(0)
            + 1;
        let indent = "  ".repeat(open.len() + 1);
        let _ = write!(o, "{indent}{leaf}:{:pad$}{{", "", pad = width - leaf.len());
        for (c, (col, v)) in B_COLUMNS.iter().zip(report.requests.cells[i]).enumerate() {
            let sep = if c == 0 { "" } else { ", " };
            let _ = write!(o, "{sep}{}: {v}", col.key);
        }
        o.push_str("}\n");
    }

    o.push_str("appeals:\n");
    for (g, group) in C_GROUPS.iter().enumerate() {
        let _ = write!(o, "  {:<24} {{", format!("{}:", group.key));
        for (c, (col, v)) in C_COLUMNS.iter().zip(report.appeals.cells[g]).enumerate() {
            let sep = if c == 0 { "" } else { ", " };
            let _ = write!(o, "{sep}{}: {v}", col.key);
        }
        o.push_str("}\n");
    }
    parts(o, "problems", &report.problems);
    parts(o, "other_matters", &report.other_matters);

    let f = &report.processing_fees;
    o.push_str("processing_fees:\n");
    let _ = writeln!(o, "  {}: {}", FEE_FIELDS[0].0, f.notices);
    let _ = writeln!(
        o,
        "  {}: {}",
        FEE_FIELDS[1].0,
        amount(f.amount_notified_yuan)
    );
    let _ = writeln!(
        o,
        "  {}: {}",
        FEE_FIELDS[2].0,
        amount(f.amount_collected_yuan)
    );
    out
}

fn parts(o: &mut String, key: &str, parts: &[Part]) {
    if parts.is_empty() {
        let _ = writeln!(o, "{key}: []");
        return;
    }
    let _ = writeln!(o, "{key}:");
    for p in parts {
        o.push_str("  - heading: ");
        push_quoted(o, &p.heading);
        o.push_str("\n    body: ");
        push_quoted(o, &p.body);
        o.push('\n');
    }
}

fn amount(a: Amount) -> String {
    a.to_string()
}

/// A YAML double-quoted scalar. Every character that is not printable is escaped, so a
/// string never breaks the file and control characters survive a round trip.
pub(crate) fn quote(s: &str) -> String {
    let mut q = String::with_capacity(s.len() + 2);
    push_quoted(&mut q, s);
    q
}

fn needs_escape(c: char) -> bool {
    matches!(c, '"' | '\\')
        || (c as u32) < 0x20
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        )
}

/// Appends `s` as a double-quoted scalar (see [`quote`]).
fn push_quoted(q: &mut String, s: &str) {
    q.push('"');
    if !s.chars().any(needs_escape) {
        q.push_str(s);
        q.push('"');
        return;
    }
    for ch in s.chars() {
        match ch {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            '\n' => q.push_str("\\n"),
            '\t' => q.push_str("\\t"),
            '\r' => q.push_str("\\r"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(q, "\\x{:02x}", c as u32);
            }
            // C1 controls, line/paragraph separators, BOM and other invisibles are escaped
            // so that they cannot confuse YAML readers or terminals viewing the file.
            c if ('\u{80}'..='\u{9f}').contains(&c)
                || c == '\u{2028}'
                || c == '\u{2029}'
                || c == '\u{feff}'
                // Not printable in YAML: a reader would refuse the file.
                || c == '\u{fffe}'
                || c == '\u{ffff}' =>
            {
                let _ = write!(q, "\\u{:04x}", c as u32);
            }
            c => q.push(c),
        }
    }
    q.push('"');
}
