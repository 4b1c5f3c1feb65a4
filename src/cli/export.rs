//! `nianbao export FILE... [--to html|docx|md|txt] [-o OUT | --dir DIR]`: the report as
//! published — web page, Word, Markdown, plain text — from the one document model
//! ([`crate::publish`]).

use crate::persist::save_atomic;
use crate::publish::{self, Format};
use crate::rules::{self, Context, Severity};
use crate::text::clean_line;
use crate::yaml;
use clap::Args;
use std::path::{Path, PathBuf};

/// Arguments of `nianbao export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// 输出格式：html（网页）、docx（Word）、md（Markdown）、txt（纯文本）；默认按 -o 的扩展名，否则 html
    #[arg(long, value_name = "html|docx|md|txt", value_parser = parse_format)]
    pub to: Option<Format>,
    /// 输出文件（只有一个输入时）；默认写在报告旁边，同名、换扩展名
    #[arg(short, long, value_name = "输出文件", conflicts_with = "dir")]
    pub output: Option<PathBuf>,
    /// 输出文件夹：每个输入一个文件，同名、换扩展名
    #[arg(long, value_name = "文件夹")]
    pub dir: Option<PathBuf>,
    /// 报告文件（YAML）
    #[arg(required = true, value_name = "文件")]
    pub files: Vec<PathBuf>,
}

fn parse_format(s: &str) -> Result<Format, String> {
    Format::from_name(s).ok_or_else(|| {
        format!("不认识的格式“{s}”：可用 html（网页）、docx（Word）、md（Markdown）、txt（纯文本）")
    })
}

/// `path` with the extension of `format` (`报告.yaml` → `报告.html`).
pub fn output_beside(path: &Path, format: Format) -> PathBuf {
    path.with_extension(format.name())
}

/// Writes the report as `.html` and `.docx` beside its YAML file (the terminal's export
/// action), each atomically; returns the paths written.
pub fn export_beside(report: &crate::model::Report, yaml: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for f in [Format::Html, Format::Docx] {
        let p = output_beside(yaml, f);
        save_atomic(&p, &publish::render(report, f))?;
        out.push(p);
    }
    Ok(out)
}

/// Runs `export`; returns the exit code: 0 every input written, 2 an input could not be
/// read as a report or an output could not be written (the others are still exported).
pub fn run(args: ExportArgs) -> anyhow::Result<i32> {
    if args.output.is_some() && args.files.len() > 1 {
        eprintln!(
            "-o 只能用于一个输入文件（这里有 {} 个）；多个文件请用 --dir 目录",
            args.files.len()
        );
        return Ok(2);
    }
    let format = match (args.to, &args.output) {
        (Some(f), _) => f,
        (None, Some(out)) => match Format::from_path(out) {
            Some(f) => f,
            None => {
                eprintln!(
                    "无法从输出文件名 {} 看出格式：请用 --to html|docx|md|txt 指定，或用 .html、.docx、.md、.txt 作扩展名",
                    clean_line(&out.display().to_string())
                );
                return Ok(2);
            }
        },
        (None, None) => Format::Html,
    };
    if let Some(dir) = &args.dir {
        if !dir.is_dir() {
            eprintln!(
                "--dir {}：不是一个已有的文件夹，请先创建它",
                clean_line(&dir.display().to_string())
            );
            return Ok(2);
        }
    }
    let mut failed = false;
    for input in &args.files {
        let name = clean_line(&input.display().to_string()).into_owned();
        let loaded = match yaml::load_file(input) {
            Ok(l) => l,
            Err(e) => {
                eprintln!("{}", clean_line(&e.to_string()));
                eprintln!("{name}：不是可读的报告，未导出");
                failed = true;
                continue;
            }
        };
        let out = match (&args.output, &args.dir) {
            (Some(o), _) => o.clone(),
            (None, Some(d)) => {
                let file = input.file_name().map(PathBuf::from).unwrap_or_default();
                d.join(output_beside(&file, format))
            }
            (None, None) => output_beside(input, format),
        };
        let out_name = clean_line(&out.display().to_string()).into_owned();
        if same_file(input, &out) {
            eprintln!("{name}：输出文件 {out_name} 就是输入文件，未导出（请换一个输出文件名）");
            failed = true;
            continue;
        }
        // A draft for review is a normal use: errors are said, the file is still written.
        let findings = rules::check(&loaded.report, &Context::today());
        let errors: Vec<_> = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        for f in &errors {
            eprintln!("{name}：{}", clean_line(&f.to_string()));
        }
        let bytes = publish::render(&loaded.report, format);
        match save_atomic(&out, &bytes) {
            Ok(()) => {
                if errors.is_empty() {
                    eprintln!("已写入 {out_name}");
                } else {
                    eprintln!(
                        "已写入 {out_name}（报告有 {} 处错误，见上；可作为送审稿）",
                        errors.len()
                    );
                }
            }
            Err(e) => {
                eprintln!("{name}：无法写入 {out_name}：{e}");
                failed = true;
            }
        }
    }
    Ok(if failed { 2 } else { 0 })
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}
