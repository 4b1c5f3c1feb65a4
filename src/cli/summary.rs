//! `nianbao summary`: one row of figures per report, a totals row, as a table, CSV or JSON.

use crate::model::Report;
use crate::rules::{self, Context};
use crate::summary::fit::{cut, pad};
use crate::summary::{self, fit, Column, Figures, Row};
use crate::text::clean_line;
use crate::yaml;
use clap::{Args, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use unicode_width::UnicodeWidthStr;

/// Output format of `summary`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    /// 供人阅读的表格（在终端里只列放得下的列）
    Table,
    /// Excel、WPS 直接打开的 CSV（UTF-8 带 BOM、CRLF 换行、每格加引号）
    Csv,
    /// 供脚本使用的 JSON
    Json,
}

/// Arguments of `nianbao summary`.
#[derive(Debug, Args)]
pub struct SummaryArgs {
    /// 输出格式：table（表格，供人阅读，默认）、csv（Excel/WPS）、json（供脚本使用）
    #[arg(
        long,
        value_enum,
        default_value_t = SummaryFormat::Table,
        value_name = "格式",
        hide_possible_values = true,
        hide_default_value = true
    )]
    pub format: SummaryFormat,
    /// 按这一列排序（列名如 公开率，或键如 disclosure_rate）；数字从小到大，“—”排最后
    #[arg(long, value_name = "列")]
    pub sort: Option<String>,
    /// 从大到小排序
    #[arg(long, requires = "sort")]
    pub reverse: bool,
    /// 上年报告所在的文件夹：每份报告与同一机关上一年的报告配对，增加“雷同”（X2）和“结转衔接”（Y1）两列
    #[arg(long, value_name = "文件夹")]
    pub previous_dir: Option<PathBuf>,
    /// 报告文件（YAML）
    #[arg(required = true, value_name = "文件")]
    pub files: Vec<PathBuf>,
}

/// Last year's reports read from `--previous-dir`.
pub struct PreviousReports {
    reports: Vec<Report>,
}

impl PreviousReports {
    /// Reads every `*.yaml` file of a directory (not its subdirectories). Files that cannot
    /// be read are skipped and counted.
    pub fn read_dir(dir: &Path) -> anyhow::Result<(PreviousReports, Vec<String>)> {
        let entries = std::fs::read_dir(dir).map_err(|e| {
            anyhow::anyhow!(
                "上年报告目录 {} 无法读取：{e}；--previous-dir 应是存放上年 YAML 报告的目录",
                dir.display()
            )
        })?;
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.is_file()
                    && p.extension().is_some_and(|x| {
                        x.eq_ignore_ascii_case("yaml") || x.eq_ignore_ascii_case("yml")
                    })
            })
            .collect();
        paths.sort();
        let mut reports = Vec::new();
        let mut skipped = Vec::new();
        for p in paths {
            match yaml::load_file(&p) {
                Ok(l) => reports.push(l.report),
                Err(e) => skipped.push(clean_line(&e.to_string()).into_owned()),
            }
        }
        Ok((PreviousReports { reports }, skipped))
    }

    /// The same agency's report of the year before `report`'s, if there is one.
    pub fn find(&self, report: &Report) -> Option<&Report> {
        summary::pick_previous(
            &report.agency,
            report.year,
            self.reports
                .iter()
                .enumerate()
                .map(|(i, r)| (i, r.agency.as_str(), r.year)),
        )
        .map(|i| &self.reports[i])
    }
}

/// Reads one file and computes its row (the unit of work of `summary`, also used by the
/// benchmark and the viewer's overview).
pub fn summary_row(path: &Path, previous: Option<&PreviousReports>) -> Row {
    let file = path.display().to_string();
    match yaml::load_file(path) {
        Ok(loaded) => {
            let prev = previous.and_then(|p| p.find(&loaded.report));
            let ctx = Context {
                current_year: rules::current_year(),
                previous: prev,
            };
            let mut findings = rules::s1_missing_parts(&loaded.missing);
            findings.extend(rules::check(&loaded.report, &ctx));
            Row::Report {
                file,
                figures: Figures::of(&loaded.report, &findings, prev),
            }
        }
        Err(e) => Row::Unreadable {
            file,
            error: e.to_string(),
        },
    }
}

/// The rows of many files, in their order, read on every core (files are independent).
pub fn summary_rows(files: &[PathBuf], previous: Option<&PreviousReports>) -> Vec<Row> {
    super::par::map_ordered(files, 64, |f| summary_row(f, previous))
}

/// Runs `summary`; returns the exit code (0, or 2 when a file could not be read).
pub fn run(args: SummaryArgs) -> anyhow::Result<i32> {
    let sort = match &args.sort {
        Some(name) => Some(Column::parse(name).ok_or_else(|| {
            anyhow::anyhow!(
                "--sort 的列“{}”不存在；可用的列：{}",
                clean_line(name),
                summary::COLUMNS
                    .iter()
                    .map(|d| format!("{}（{}）", d.label, d.key))
                    .collect::<Vec<_>>()
                    .join("、")
            )
        })?),
        None => None,
    };
    let previous = match &args.previous_dir {
        Some(dir) => {
            let (p, skipped) = PreviousReports::read_dir(dir)?;
            for s in &skipped {
                eprintln!("上年报告无法读取，已跳过：{s}");
            }
            Some(p)
        }
        None => None,
    };
    if let (Some(c), None) = (sort, &previous) {
        if c.def().needs_previous {
            anyhow::bail!(
                "--sort {} 需要上年报告：请同时给出 --previous-dir 上年报告目录",
                c.def().label
            );
        }
    }
    let mut rows = summary_rows(&args.files, previous.as_ref());
    if let Some(c) = sort {
        summary::sort(&mut rows, c, args.reverse);
    }
    let columns = Column::all(previous.is_some());
    let unreadable = rows.iter().filter(|r| r.figures().is_none()).count();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = match args.format {
        SummaryFormat::Table => {
            let width = std::io::stdout().is_terminal().then(|| {
                ratatui::crossterm::terminal::size()
                    .map(|(w, _)| w as usize)
                    .unwrap_or(80)
                    .max(40)
            });
            write_table(&mut out, &rows, &columns, width)
        }
        SummaryFormat::Csv => write_csv(&mut out, &rows, &columns),
        SummaryFormat::Json => write_json(&mut out, &rows, &columns),
    };
    match written.and_then(|()| out.flush()) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(e.into()),
    }
    // The whole message of each unreadable file, after the output (whose row is cut to fit).
    for r in &rows {
        if let Row::Unreadable { error, .. } = r {
            eprintln!("无法读取：{}", clean_line(error));
        }
    }
    Ok(if unreadable > 0 { 2 } else { 0 })
}

/// The table: a header, one line per row, a rule, the totals; with a `width` (a terminal)
/// only the columns that fit, and a line naming those left out.
pub fn write_table(
    out: &mut impl Write,
    rows: &[Row],
    columns: &[Column],
    width: Option<usize>,
) -> std::io::Result<()> {
    let totals = summary::totals(rows);
    let figures: Vec<&Figures> = rows.iter().filter_map(Row::figures).collect();
    // Each column's natural width, computed once (fitting asks for them several times).
    let unreadable_names = rows
        .iter()
        .filter(|r| r.figures().is_none())
        .map(|r| clean_line(r.file()).width())
        .max()
        .unwrap_or(0);
    let natural_widths: Vec<(Column, usize)> = columns
        .iter()
        .map(|&c| {
            let w = summary::natural_width(c, figures.iter().copied(), &totals);
            // An unreadable file shows its name in the agency column.
            (
                c,
                if c == Column::Agency {
                    w.max(unreadable_names)
                } else {
                    w
                },
            )
        })
        .collect();
    let natural = |c: Column| {
        natural_widths
            .iter()
            .find(|(k, _)| *k == c)
            .map_or(0, |(_, w)| *w)
    };
    let fitted = fit::fit_columns(width.unwrap_or(usize::MAX / 4), columns, natural);
    let line = |texts: Vec<String>| -> String {
        let mut s = String::new();
        for (i, (c, text)) in fitted.shown.iter().zip(texts).enumerate() {
            if i > 0 {
                s.push_str(&" ".repeat(fit::GAP));
            }
            let w = fitted.widths[i];
            s.push_str(&pad(&cut(&text, w), w, c.is_numeric()));
        }
        s.trim_end().to_string()
    };
    let cells = |f: &Figures| -> Vec<String> {
        fitted
            .shown
            .iter()
            .map(|c| clean_line(&f.value(*c).display()).into_owned())
            .collect()
    };
    let total_width: usize =
        fitted.widths.iter().sum::<usize>() + fit::GAP * fitted.shown.len().saturating_sub(1);
    writeln!(
        out,
        "{}",
        line(
            fitted
                .shown
                .iter()
                .map(|c| c.def().label.to_string())
                .collect()
        )
    )?;
    writeln!(out, "{}", "─".repeat(total_width))?;
    for r in rows {
        match r {
            Row::Report { figures, .. } => writeln!(out, "{}", line(cells(figures)))?,
            Row::Unreadable { file, error } => {
                let name_w = fitted.widths[0];
                let rest = total_width.saturating_sub(name_w + fit::GAP).max(10);
                // The loader's message starts with the file name: show it once.
                let error = error
                    .strip_prefix(file.as_str())
                    .unwrap_or(error)
                    .trim_start();
                writeln!(
                    out,
                    "{}{}{}",
                    pad(&cut(&clean_line(file), name_w), name_w, false),
                    " ".repeat(fit::GAP),
                    cut(&format!("无法读取：{}", clean_line(error)), rest)
                )?;
            }
        }
    }
    writeln!(out, "{}", "─".repeat(total_width))?;
    writeln!(out, "{}", line(cells(&totals)))?;
    if !fitted.left_out.is_empty() {
        // Wrapped to the terminal between names, never inside one.
        let mut pieces = vec![format!("未显示的列（终端宽 {} 列）：", width.unwrap_or(0))];
        let n = fitted.left_out.len();
        for (i, c) in fitted.left_out.iter().enumerate() {
            let end = if i + 1 == n { "；" } else { "、" };
            pieces.push(format!("{}{end}", c.def().label));
        }
        pieces.push("加宽终端或用 --format csv 查看全部".into());
        let max = width.unwrap_or(usize::MAX);
        let mut line = String::new();
        for p in pieces {
            if !line.is_empty() && line.width() + p.width() > max {
                writeln!(out, "{line}")?;
                line.clear();
            }
            line.push_str(&p);
        }
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// A CSV field, always quoted; text a spreadsheet would take for a formula (`=`, `+`, `-`,
/// `@` first) gets a leading `'`, as spreadsheets themselves write it.
fn csv_field(text: &str, is_text: bool) -> String {
    let text = if is_text && text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// CSV as Excel and WPS in Chinese offices open it: UTF-8 with a BOM (without one they read
/// GBK), CRLF line ends, every field quoted. Columns: 文件, the summary's columns, 说明
/// (why a file could not be read). The last line is the totals row.
pub fn write_csv(out: &mut impl Write, rows: &[Row], columns: &[Column]) -> std::io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    let mut record = |fields: Vec<String>| -> std::io::Result<()> {
        out.write_all(fields.join(",").as_bytes())?;
        out.write_all(b"\r\n")
    };
    let mut header = vec![csv_field("文件", true)];
    header.extend(columns.iter().map(|c| csv_field(c.def().label, true)));
    header.push(csv_field("说明", true));
    record(header)?;
    let values = |f: &Figures| -> Vec<String> {
        columns
            .iter()
            .map(|c| {
                let v = f.value(*c);
                csv_field(&v.display(), matches!(v, summary::Value::Text(_)))
            })
            .collect()
    };
    for r in rows {
        let mut fields = vec![csv_field(r.file(), true)];
        match r {
            Row::Report { figures, .. } => {
                fields.extend(values(figures));
                fields.push(csv_field("", true));
            }
            Row::Unreadable { error, .. } => {
                fields.extend(columns.iter().map(|_| csv_field("", true)));
                fields.push(csv_field(&format!("无法读取：{error}"), true));
            }
        }
        record(fields)?;
    }
    let mut fields = vec![csv_field("", true)];
    fields.extend(values(&summary::totals(rows)));
    fields.push(csv_field("", true));
    record(fields)
}

/// JSON: `{"columns": [{key, label}], "rows": [...], "totals": {...}}`; a row has `file`,
/// every column by key (rates and shares as percentages, `null` where there is none) and
/// `error` (null, or why the file could not be read).
pub fn write_json(out: &mut impl Write, rows: &[Row], columns: &[Column]) -> std::io::Result<()> {
    use serde_json::{json, Map, Value};
    let object = |file: Option<&str>, f: Option<&Figures>, error: Option<&str>| -> Value {
        let mut m = Map::new();
        m.insert(
            "file".into(),
            file.map_or(Value::Null, |f| clean_line(f).into()),
        );
        for c in columns {
            let v = f.map_or(Value::Null, |f| match f.value(*c) {
                summary::Value::Text(t) => clean_line(&t).into(),
                v => v.json(),
            });
            m.insert(c.def().key.into(), v);
        }
        m.insert(
            "error".into(),
            error.map_or(Value::Null, |e| clean_line(e).into()),
        );
        Value::Object(m)
    };
    let doc = json!({
        "columns": columns.iter().map(|c| json!({"key": c.def().key, "label": c.def().label})).collect::<Vec<_>>(),
        "rows": rows.iter().map(|r| match r {
            Row::Report { file, figures } => object(Some(file), Some(figures), None),
            Row::Unreadable { file, error } => object(Some(file), None, Some(error)),
        }).collect::<Vec<_>>(),
        "totals": object(None, Some(&summary::totals(rows)), None),
    });
    let text = serde_json::to_string_pretty(&doc).map_err(std::io::Error::other)?;
    writeln!(out, "{text}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        assert_eq!(csv_field("a\"b", true), "\"a\"\"b\"");
        assert_eq!(csv_field("=HYPERLINK(1)", true), "\"'=HYPERLINK(1)\"");
        assert_eq!(csv_field("-", false), "\"-\"");
    }
}
