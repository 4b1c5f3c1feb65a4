//! `nianbao diff LAST.yaml THIS.yaml`: tables A, B and C of two reports side by side with the
//! change of each cell, and how much of each prose section is last year's text (rule X2).

use crate::model::Part;
use crate::rules::copied::{Passages, MIN_RUN};
use crate::summary::compare::{self, Comparison, Line};
use crate::text::{clean_line, clean_text};
use crate::yaml;
use clap::Args;
use std::io::{IsTerminal, Write};
use std::ops::Range;
use std::path::PathBuf;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Arguments of `nianbao diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// Show only the cells that changed.
    #[arg(long)]
    pub changed: bool,
    /// Last year's report (or another agency's).
    #[arg(value_name = "LAST.yaml")]
    pub last: PathBuf,
    /// This year's report.
    #[arg(value_name = "THIS.yaml")]
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

fn pad(text: &str, width: usize, right: bool) -> String {
    let fill = " ".repeat(width.saturating_sub(text.width()));
    if right {
        format!("{fill}{text}")
    } else {
        format!("{text}{fill}")
    }
}

fn cut(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for ch in text.chars() {
        let w = ch.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(ch);
        used += w;
    }
    out.push('…');
    out
}

/// Width of each number column (上年, 本年, 变化, 幅度).
const NUM: usize = 11;

fn line_text(label: &str, depth: u8, cells: [String; 4], label_w: usize) -> String {
    let indent = "  ".repeat(depth as usize);
    let mut s = pad(&cut(&format!("{indent}{label}"), label_w), label_w, false);
    for c in cells {
        s.push_str(&pad(&c, NUM, true));
    }
    s.trim_end().to_string()
}

fn write_line(out: &mut impl Write, l: &Line, label_w: usize, style: Style) -> std::io::Result<()> {
    let ch = l.change();
    let cells = [
        l.before.to_string(),
        l.after.to_string(),
        ch.as_ref().map_or(String::new(), |c| c.delta.clone()),
        ch.as_ref()
            .and_then(|c| c.percent.clone())
            .unwrap_or_default(),
    ];
    let text = line_text(&l.label, l.depth, cells, label_w);
    if ch.is_some() {
        writeln!(out, "{}", style.bold(&text))?;
    } else {
        writeln!(out, "{text}")?;
    }
    // A row of table B: the applicant columns that changed, under it.
    if l.details.len() > 1
        || l.details
            .first()
            .is_some_and(|d| (d.1, d.2) != (l.before, l.after))
    {
        for (label, b, a) in &l.details {
            let c = compare::change(*b, *a);
            let cells = [
                b.to_string(),
                a.to_string(),
                c.as_ref().map_or(String::new(), |c| c.delta.clone()),
                c.and_then(|c| c.percent).unwrap_or_default(),
            ];
            writeln!(
                out,
                "{}",
                line_text(&format!("其中 {label}"), l.depth + 1, cells, label_w)
            )?;
        }
    }
    Ok(())
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
    let label_w = width.saturating_sub(4 * NUM).clamp(16, 40);
    for t in &c.tables {
        writeln!(out)?;
        let changed = t.changed();
        let note = if t.heading.starts_with("三") {
            "；“总计”列，其他列的变化列在行下"
        } else {
            ""
        };
        writeln!(
            out,
            "{}",
            style.bold(&format!(
                "{}（{} 项中 {changed} 项有变化{note}）",
                t.heading,
                t.lines.len()
            ))
        )?;
        if changed == 0 && only_changed {
            continue;
        }
        writeln!(
            out,
            "{}",
            line_text(
                "",
                0,
                ["上年".into(), "本年".into(), "变化".into(), "幅度".into()],
                label_w
            )
        )?;
        for l in &t.lines {
            if only_changed && l.change().is_none() && l.details.is_empty() {
                continue;
            }
            write_line(out, l, label_w, style)?;
        }
    }
    for (copy, section) in c.prose.iter().zip(crate::model::ProseSection::ALL) {
        writeln!(out)?;
        let verdict = if copy.is_copied() {
            "：内容雷同（X2）".to_string()
        } else if copy.chars < crate::rules::copied::MIN_CHARS {
            format!("（不足 {} 字，X2 不计）", crate::rules::copied::MIN_CHARS)
        } else {
            String::new()
        };
        writeln!(
            out,
            "{}",
            style.bold(&format!(
                "{}：本年 {} 字中 {} 字（{}）与上年同一节连续 {MIN_RUN} 字以上相同{verdict}",
                section.heading(),
                copy.chars,
                copy.copied,
                copy.percent()
            ))
        )?;
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
