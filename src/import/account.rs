//! The short account `import` prints on stderr: what was recognised, what was not (with
//! the input's line numbers), blank cells, recovered numbers, and the `check` findings.

use super::{Imported, Note};
use crate::rules::{tally, Finding};
use crate::text::clean_line;
use std::fmt::Write;

/// At most this many notes of a kind are listed.
const MAX_LISTED: usize = 200;

/// Notes in the order of the input (those without a line first).
fn sorted(notes: &[Note]) -> Vec<&Note> {
    let mut v: Vec<&Note> = notes.iter().collect();
    v.sort_by_key(|n| (n.line, n.col));
    v
}

fn list(out: &mut String, notes: &[Note]) {
    let all = sorted(notes);
    for n in all.iter().take(MAX_LISTED) {
        note_line(out, n);
    }
    if all.len() > MAX_LISTED {
        let _ = writeln!(out, "  ……另有 {} 处未列出", all.len() - MAX_LISTED);
    }
}

fn note_line(out: &mut String, n: &Note) {
    let place = match (n.line, n.col) {
        (Some(l), Some(c)) => format!("第 {l} 行第 {c} 列："),
        (Some(l), None) => format!("第 {l} 行："),
        (None, _) => String::new(),
    };
    let _ = writeln!(out, "  {}{}", place, clean_line(&n.message));
}

/// The account of an import of `name`, with the findings of `check` on the result.
pub fn account(name: &str, imported: &Imported, findings: &[Finding]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "导入 {}：{}",
        clean_line(name),
        imported.layout.chinese()
    );
    let _ = writeln!(out, "已识别：");
    for r in &imported.recognised {
        let _ = writeln!(out, "  {}", clean_line(r));
    }
    if !imported.unknown.is_empty() {
        let _ = writeln!(out, "未能识别（{}）：", unknown_summary(imported));
        list(&mut out, &imported.unknown);
    }
    if !imported.blanks.is_empty() {
        let _ = writeln!(
            out,
            "空白单元格（{} 个，按 0 写入）：",
            imported.blanks.len()
        );
        list(&mut out, &imported.blanks);
    }
    if !imported.converted.is_empty() {
        let _ = writeln!(out, "单位换算：");
        list(&mut out, &imported.converted);
    }
    if !imported.recovered.is_empty() {
        let _ = writeln!(out, "按表格自身的勾稽关系确定：");
        list(&mut out, &imported.recovered);
    }
    let (errors, warnings) = tally(findings);
    if findings.is_empty() {
        let _ = writeln!(out, "检查结果：没有发现问题");
    } else {
        let _ = writeln!(
            out,
            "检查结果（按原文导入，未作改动）：{errors} 处错误，{warnings} 处警告"
        );
        for f in findings {
            let _ = writeln!(out, "  {}", clean_line(&f.to_string()));
        }
    }
    let cells = imported.unknown_cells().len();
    let stray = stray_count(imported);
    if imported.unknown.is_empty() {
        let _ = writeln!(out, "结论：表格的每个单元格都已识别");
    } else if cells == 0 {
        let _ = writeln!(
            out,
            "结论：表格的每个单元格都已识别，但原文另有 {stray} 处数字未归入表格（见上），请对照原文核对是否漏读"
        );
    } else {
        let _ = writeln!(
            out,
            "结论：有 {cells} 个单元格未能识别，已按 0 写入 YAML，请对照原文补正"
        );
    }
    out
}

/// Notes that name no cell: numbers in the input that no row of a table took.
fn stray_count(imported: &Imported) -> usize {
    imported
        .unknown
        .iter()
        .filter(|n| n.cells.is_empty())
        .count()
}

/// What the unknown notes amount to: `3 处：21 个单元格按 0 写入，2 处原文的数字未归入表格`.
pub fn unknown_summary(imported: &Imported) -> String {
    let cells = imported.unknown_cells().len();
    let stray = stray_count(imported);
    let mut what = Vec::new();
    if cells > 0 {
        what.push(format!("{cells} 个单元格按 0 写入"));
    }
    if stray > 0 {
        what.push(format!("{stray} 处原文的数字未归入表格"));
    }
    format!("{} 处：{}", imported.unknown.len(), what.join("，"))
}

/// Wraps an account for a terminal `width` columns wide: a long item is continued on lines
/// indented four columns (CJK characters count two).
pub fn wrap_account(text: &str, width: usize) -> String {
    let width = width.max(20);
    let mut out = String::new();
    for line in text.lines() {
        let breaks = crate::text::wrap::Breaks::ANYWHERE;
        for l in crate::text::wrap::wrap_with(line, width, 0, 4, breaks) {
            out.push_str(&l);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_items_continue_indented() {
        let wrapped = wrap_account("  第 1 行：一二三四五六七八九十\n短\n", 20);
        assert_eq!(wrapped, "  第 1 行：一二三四\n    五六七八九十\n短\n");
        // No space at the start of a continuation.
        assert_eq!(
            wrap_account("abcdefghijklmnopqrst uv", 20),
            "abcdefghijklmnopqrst\n    uv\n"
        );
    }
}
