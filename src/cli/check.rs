//! `nianbao check`: the non-interactive checker for reviewers and scripts.

use crate::rules::{self, Context, Finding, Number, Severity};
use crate::text::clean_line;
use crate::yaml::{self, LoadError};
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};
use unicode_width::UnicodeWidthChar;

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
        Some(p) => match yaml::load_file(p) {
            Ok(l) => Some(l.report),
            Err(e) => {
                eprintln!("上年报告无法读取：{}", clean_line(&e.to_string()));
                return Ok(2);
            }
        },
        None => None,
    };
    let ctx = Context {
        current_year: rules::current_year(),
        previous: previous.as_ref(),
    };
    let colour = super::stdout_colour();
    let width = terminal_width();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut json = Vec::new();
    let (mut unreadable, mut with_errors, mut with_warnings) = (0, 0, 0);
    for (i, file) in args.files.iter().enumerate() {
        let name = file.display().to_string();
        match check_file(file, &ctx) {
            FileResult::Unreadable(e) => {
                unreadable += 1;
                out.flush()?;
                eprintln!("{}", clean_line(&e.to_string()));
            }
            FileResult::Checked(findings) => {
                let (errors, warnings) = rules::tally(&findings);
                with_errors += usize::from(errors > 0);
                with_warnings += usize::from(warnings > 0);
                match args.format {
                    OutputFormat::Json => {
                        json.extend(findings.iter().map(|f| finding_json(&name, f)))
                    }
                    OutputFormat::Text => {
                        if i > 0 {
                            writeln!(out)?;
                        }
                        write_text(&mut out, &name, &findings, colour, width)?;
                    }
                }
            }
        }
    }
    match args.format {
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &json)?;
            writeln!(out)?;
        }
        OutputFormat::Text if args.files.len() > 1 => {
            writeln!(
                out,
                "\n共 {} 个文件：{} 个有错误，{} 个有警告，{} 个无法读取",
                args.files.len(),
                with_errors,
                with_warnings,
                unreadable
            )?;
        }
        OutputFormat::Text => {}
    }
    out.flush()?;
    Ok(if unreadable > 0 {
        2
    } else if with_errors > 0 || (args.strict && with_warnings > 0) {
        1
    } else {
        0
    })
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
        "rule": f.rule,
        "severity": f.severity.english(),
        "path": f.path,
        "message": f.message(),
        "expected": number_json(f.expected),
        "actual": number_json(f.actual),
    })
}

fn terminal_width() -> Option<usize> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return None;
    }
    let w = ratatui::crossterm::terminal::size()
        .map(|(w, _)| w as usize)
        .unwrap_or(80);
    Some(w.max(40))
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
        let body = clean_line(&f.message()).into_owned();
        // "  B3 错误 " is 10 columns wide; continuation lines are indented to match.
        let lines = wrap(&body, width.map(|w| w.saturating_sub(10).max(20)));
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
fn wrap(text: &str, width: Option<usize>) -> Vec<String> {
    let Some(width) = width else {
        return vec![text.to_string()];
    };
    let mut lines = vec![String::new()];
    let mut used = 0;
    for ch in text.chars() {
        let w = ch.width().unwrap_or(0);
        if used + w > width {
            lines.push(String::new());
            used = 0;
        }
        lines.last_mut().expect("never empty").push(ch);
        used += w;
    }
    lines
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
}
