//! `nianbao check`: the non-interactive checker for reviewers and scripts.

use crate::rules::{self, Context, Finding, Number, Severity};
use crate::text::clean_line;
use crate::text::wrap::Breaks;
use crate::yaml::{self, LoadError};
use clap::{Args, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Output format of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Findings grouped by file, for people.
    Text,
    /// A JSON array, one object per finding, for scripts.
    Json,
}

/// Arguments of `nianbao check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    /// Last year's report of the same agency: adds the cross-year rules Y1 and Y2.
    #[arg(long, value_name = "LAST_YEAR.yaml")]
    pub previous: Option<PathBuf>,
    /// Exit 1 on warnings too.
    #[arg(long)]
    pub strict: bool,
    /// Report files (YAML); `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

/// The result of checking one file.
pub enum FileResult {
    /// The file was read; these are its findings.
    Checked(Vec<Finding>),
    /// The file could not be read as a report.
    Unreadable(LoadError),
}

/// Loads and checks one file (the unit of work of `check`, also used by the benchmark).
pub fn check_file(path: &Path, ctx: &Context<'_>) -> FileResult {
    match yaml::load_file(path) {
        Ok(loaded) => {
            let mut findings = rules::s1_missing_parts(&loaded.missing);
            findings.extend(rules::check(&loaded.report, ctx));
            FileResult::Checked(findings)
        }
        Err(e) => FileResult::Unreadable(e),
    }
}

/// Runs `check`; returns the exit code (0 clean, 1 errors or — with `--strict` — warnings,
/// 2 a file could not be read).
pub fn run(args: CheckArgs) -> anyhow::Result<i32> {
    let previous = match &args.previous {
        Some(p) => {
            let Some(report) = super::load_previous(p) else {
                return Ok(2);
            };
            Some(report)
        }
        None => None,
    };
    let ctx = Context {
        current_year: rules::current_year(),
        previous: previous.as_ref(),
    };
    let mut tally = Tally::default();
    match check_all(&args, &ctx, &mut tally) {
        Ok(()) => {}
        // `nianbao check … | head`: the reader has gone; stop quietly.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(e.into()),
    }
    Ok(if tally.unreadable > 0 {
        2
    } else if tally.with_errors > 0 || (args.strict && tally.with_warnings > 0) {
        1
    } else {
        0
    })
}

/// Files by outcome, for the exit code and the summary line.
#[derive(Default)]
struct Tally {
    unreadable: usize,
    with_errors: usize,
    with_warnings: usize,
}

fn check_all(args: &CheckArgs, ctx: &Context<'_>, tally: &mut Tally) -> std::io::Result<()> {
    let colour = super::stdout_colour();
    let width = terminal_width();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut json = Vec::new();
    let mut printed = false;
    for file in &args.files {
        let name = file.display().to_string();
        match check_file(file, ctx) {
            FileResult::Unreadable(e) => {
                tally.unreadable += 1;
                out.flush()?;
                if std::io::stderr().is_terminal() && args.format == OutputFormat::Text {
                    // On a terminal, an unreadable file is a group like the others.
                    if printed {
                        eprintln!();
                    }
                    printed = true;
                    write_unreadable(&e, colour, width)?;
                } else {
                    eprintln!("{}", clean_line(&e.to_string()));
                }
            }
            FileResult::Checked(findings) => {
                let (errors, warnings) = rules::tally(&findings);
                tally.with_errors += usize::from(errors > 0);
                tally.with_warnings += usize::from(warnings > 0);
                match args.format {
                    OutputFormat::Json => {
                        json.extend(findings.iter().map(|f| finding_json(&name, f)))
                    }
                    OutputFormat::Text => {
                        if printed {
                            writeln!(out)?;
                        }
                        printed = true;
                        write_text(&mut out, &name, &findings, colour, width)?;
                    }
                }
            }
        }
    }
    match args.format {
        OutputFormat::Json => {
            let text = serde_json::to_string_pretty(&json).map_err(std::io::Error::other)?;
            writeln!(out, "{}", escape_json_controls(&text))?;
        }
        OutputFormat::Text if args.files.len() > 1 => {
            writeln!(
                out,
                "\n共 {} 个文件：{} 个有错误，{} 个有警告，{} 个无法读取",
                args.files.len(),
                tally.with_errors,
                tally.with_warnings,
                tally.unreadable
            )?;
        }
        OutputFormat::Text => {}
    }
    out.flush()
}

fn number_json(n: Option<Number>) -> serde_json::Value {
    match n {
        None => serde_json::Value::Null,
        Some(Number::Count(v)) => v.into(),
        Some(Number::Signed(v)) => v.into(),
        Some(Number::Amount(a)) if a.is_whole() => (a.micros() / 1_000_000).into(),
        Some(Number::Amount(a)) => a.to_f64().into(),
    }
}

fn finding_json(file: &str, f: &Finding) -> serde_json::Value {
    serde_json::json!({
        "file": file,
        "rule": f.rule.id(),
        "severity": f.severity.english(),
        "path": f.path,
        "message": f.message(),
        "expected": number_json(f.expected),
        "actual": number_json(f.actual),
    })
}

/// serde_json escapes C0 controls but writes C1 controls and bidi overrides as they are; a
/// script that prints our JSON to a terminal must not be driven by them either. They can
/// only stand inside JSON strings, where `\uXXXX` means the same character.
fn escape_json_controls(json: &str) -> std::borrow::Cow<'_, str> {
    if !json.chars().any(crate::text::is_dangerous) {
        return std::borrow::Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for ch in json.chars() {
        if crate::text::is_dangerous(ch) && ch != '\n' {
            let mut units = [0u16; 2];
            for u in ch.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        } else {
            out.push(ch);
        }
    }
    std::borrow::Cow::Owned(out)
}

fn terminal_width() -> Option<usize> {
    if !std::io::stdout().is_terminal() {
        return None;
    }
    let w = ratatui::crossterm::terminal::size()
        .map(|(w, _)| w as usize)
        .unwrap_or(80);
    Some(w.max(40))
}

/// Writes a load error to stderr as a group: the file, then where, then what is wrong,
/// wrapped to the terminal.
fn write_unreadable(e: &LoadError, colour: bool, width: Option<usize>) -> std::io::Result<()> {
    let mut err = std::io::stderr().lock();
    let name = clean_line(&e.file);
    if colour {
        writeln!(err, "\x1b[1m{name}\x1b[0m：\x1b[1;31m无法读取\x1b[0m")?;
    } else {
        writeln!(err, "{name}：无法读取")?;
    }
    let w = width.map(|w| w.saturating_sub(2).max(20));
    let mut place = String::new();
    match (e.line, e.column) {
        (Some(l), Some(c)) => place.push_str(&format!("第 {l} 行第 {c} 列")),
        (Some(l), None) => place.push_str(&format!("第 {l} 行")),
        _ => {}
    }
    if let Some(p) = &e.path {
        if !place.is_empty() {
            place.push('，');
        }
        place.push_str(&format!("键 {p}"));
    }
    let mut lines = Vec::new();
    if !place.is_empty() {
        lines.extend(wrap(&clean_line(&place), w));
    }
    lines.extend(wrap(&clean_line(&e.message), w));
    for line in lines {
        writeln!(err, "  {line}")?;
    }
    Ok(())
}

/// Writes one file's findings: a heading line, then one finding per line (wrapped with a
/// hanging indent when writing to a terminal of `width` columns).
pub fn write_text(
    out: &mut impl Write,
    name: &str,
    findings: &[Finding],
    colour: bool,
    width: Option<usize>,
) -> std::io::Result<()> {
    let (errors, warnings) = rules::tally(findings);
    let verdict = if findings.is_empty() {
        "没有发现问题".to_string()
    } else {
        format!("{errors} 处错误，{warnings} 处警告")
    };
    let name = clean_line(name);
    if colour {
        writeln!(out, "\x1b[1m{name}\x1b[0m：{verdict}")?;
    } else {
        writeln!(out, "{name}：{verdict}")?;
    }
    for f in findings {
        let severity = f.severity.chinese();
        let tag = if colour {
            let c = if f.severity == Severity::Error {
                "31"
            } else {
                "33"
            };
            format!("\x1b[1;{c}m{} {severity}\x1b[0m", f.rule)
        } else {
            format!("{} {severity}", f.rule)
        };
        // On a terminal the place and what is wrong go on lines of their own, wrapped with a
        // hanging indent ("  B3 错误 " is 10 columns wide); elsewhere one line per finding.
        let lines = match width {
            Some(w) => {
                let w = w.saturating_sub(10).max(20);
                let mut lines = wrap(&clean_line(&f.place.to_string()), Some(w));
                lines.extend(wrap(&clean_line(&f.detail), Some(w)));
                lines
            }
            None => vec![clean_line(&f.message()).into_owned()],
        };
        for (i, line) in lines.iter().enumerate() {
            if i == 0 {
                writeln!(out, "  {tag} {line}")?;
            } else {
                writeln!(out, "          {line}")?;
            }
        }
    }
    Ok(())
}

/// Splits text into lines of at most `width` display columns (CJK characters count two).
/// A line may break before any CJK character or at a space, never inside a number or an
/// ASCII word (unless the word alone is wider than the line); a space at a break is dropped.
fn wrap(text: &str, width: Option<usize>) -> Vec<String> {
    match width {
        None => vec![text.to_string()],
        Some(w) => crate::text::wrap::wrap_with(text, w, 0, 0, Breaks::MESSAGES),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_counts_cjk_as_two_columns() {
        assert_eq!(wrap("一二三四五", Some(4)), vec!["一二", "三四", "五"]);
        assert_eq!(wrap("ab一", Some(3)), vec!["ab", "一"]);
        assert_eq!(wrap("abc", None), vec!["abc"]);
    }

    #[test]
    fn wrap_keeps_numbers_and_words_whole() {
        assert_eq!(
            wrap("实际收取 3940 元", Some(12)),
            vec!["实际收取", "3940 元"]
        );
        assert_eq!(wrap("一二3940", Some(6)), vec!["一二", "3940"]);
        assert_eq!(wrap("abcdefgh", Some(3)), vec!["abc", "def", "gh"]);
        assert_eq!(wrap("一 二", Some(2)), vec!["一", "二"]);
    }
}
