//! `nianbao diff LAST.yaml THIS.yaml`: tables A, B and C of two reports side by side with the
//! change of each cell, and how much of each prose section is last year's text (rule X2).

use crate::model::Part;
use crate::rules::copied::{Passages, MIN_RUN};
use crate::summary::compare::{self, Comparison, LineKind};
use crate::text::{clean_line, clean_text};
use crate::yaml;
use clap::Args;
use std::io::{IsTerminal, Write};
use std::ops::Range;
use std::path::PathBuf;

/// Arguments of `nianbao diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// 只列出有变化的格子
    #[arg(long)]
    pub changed: bool,
    /// 上年的报告（或另一机关的报告）
    #[arg(value_name = "上年.yaml")]
    pub last: PathBuf,
    /// 本年的报告
    #[arg(value_name = "本年.yaml")]
    pub this: PathBuf,
}

/// Runs `diff`; returns the exit code (0, or 2 when a report cannot be read).
pub fn run(args: DiffArgs) -> anyhow::Result<i32> {
    let mut reports = Vec::new();
    for (what, path) in [("上年报告", &args.last), ("本年报告", &args.this)] {
        match yaml::load_file(path) {
            Ok(l) => reports.push(l.report),
            Err(e) => {
                eprintln!("{what}无法读取：{}", clean_line(&e.to_string()));
                return Ok(2);
            }
        }
    }
    let comparison = compare::compare(&reports[0], &reports[1]);
    let style = Style {
        colour: super::stdout_colour(),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let width = std::io::stdout().is_terminal().then(|| {
        ratatui::crossterm::terminal::size()
            .map(|(w, _)| w as usize)
            .unwrap_or(80)
            .max(40)
    });
    match write_diff(
        &mut out,
        &comparison,
        &reports[1],
        args.changed,
        width.unwrap_or(80),
        style,
    )
    .and_then(|()| out.flush())
    {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(e.into()),
    }
    Ok(0)
}

/// How to mark things: ANSI colours on a terminal, brackets elsewhere.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Colours (else ⟦copied⟧ passages in brackets).
    pub colour: bool,
}

impl Style {
    fn bold(self, s: &str) -> String {
        if self.colour {
            format!("\x1b[1m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    fn copied(self, s: &str) -> String {
        if self.colour {
            format!("\x1b[33;4m{s}\x1b[0m")
        } else {
            format!("⟦{s}⟧")
        }
    }
}

/// Marks byte ranges of a text.
fn marked(text: &str, ranges: &[Range<usize>], style: Style) -> String {
    let mut out = String::new();
    let mut at = 0;
    for r in ranges {
        out.push_str(&clean_text(&text[at..r.start]));
        out.push_str(&style.copied(&clean_text(&text[r.clone()])));
        at = r.end;
    }
    out.push_str(&clean_text(&text[at..]));
    out
}

/// Writes the comparison: the three tables, then the prose sections with their copied
/// passages marked. `report` is this year's report (whose text is shown).
pub fn write_diff(
    out: &mut impl Write,
    c: &Comparison,
    report: &crate::model::Report,
    only_changed: bool,
    width: usize,
    style: Style,
) -> std::io::Result<()> {
    writeln!(
        out,
        "上年：{}    本年：{}",
        clean_line(&c.before),
        clean_line(&c.after)
    )?;
    for (text, kind) in compare::table_text(c, width, only_changed) {
        match kind {
            LineKind::Heading | LineKind::Changed => writeln!(out, "{}", style.bold(&text))?,
            _ => writeln!(out, "{text}")?,
        }
    }
    for (copy, section) in c.prose.iter().zip(crate::model::ProseSection::ALL) {
        writeln!(out)?;
        writeln!(out, "{}", style.bold(&compare::prose_heading(copy)))?;
        let parts: &[Part] = report.parts(section);
        let empty = Passages::default();
        for (i, p) in parts.iter().enumerate() {
            let marks = copy.passages.get(i).unwrap_or(&empty);
            if !p.heading.trim().is_empty() {
                writeln!(out, "（{}）", marked(&p.heading, &marks.heading, style))?;
            }
            for para in marked(&p.body, &marks.body, style).split('\n') {
                writeln!(out, "  {para}")?;
            }
        }
    }
    if !style.colour {
        writeln!(out)?;
        writeln!(
            out,
            "⟦⟧ 内为与上年报告同一节相同的文字（连续 {MIN_RUN} 字以上，不计空白和标点）"
        )?;
    }
    Ok(())
}
