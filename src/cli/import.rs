//! `nianbao import INPUT [-o OUT.yaml]`: published text or HTML to YAML.

use crate::import::{self, ImportError};
use crate::rules::{self, Context};
use crate::text::clean_line;
use anyhow::Context as _;
use clap::Args;
use std::io::{Read, Write};
use std::path::PathBuf;

/// Arguments of `nianbao import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// 已发布的报告：网页复制的文本、pdftotext 的输出、HTML 或 Markdown（`-` 读标准输入）
    #[arg(value_name = "输入")]
    pub input: PathBuf,
    /// 写出 YAML 的位置（默认写到标准输出）
    #[arg(short, long, value_name = "输出.yaml")]
    pub output: Option<PathBuf>,
}

/// Inputs larger than this are refused (a report is some tens of kilobytes).
const MAX_INPUT_BYTES: u64 = 20 * 1024 * 1024;

/// Runs `import`; returns the exit code: 0 every table cell recognised, 1 some were not
/// (the YAML is still written, unknown cells as 0), 2 the input is not a report (or is in
/// the 2019 format, or cannot be read).
pub fn run(args: ImportArgs) -> anyhow::Result<i32> {
    let name = args.input.display().to_string();
    let bytes = if name == "-" {
        let mut b = Vec::new();
        std::io::stdin()
            .take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut b)
            .context("读取标准输入失败")?;
        b
    } else {
        let f = std::fs::File::open(&args.input)
            .with_context(|| format!("无法打开输入文件 {}", clean_line(&name)))?;
        let mut b = Vec::new();
        f.take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut b)
            .with_context(|| format!("无法读取输入文件 {}", clean_line(&name)))?;
        b
    };
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        eprintln!(
            "{}：文件超过 {} MB，不像一份年度报告，未导入",
            clean_line(&name),
            MAX_INPUT_BYTES / 1024 / 1024
        );
        return Ok(2);
    }
    let imported = match import::import_bytes(&bytes) {
        Ok(i) => i,
        Err(
            e @ (ImportError::NotAReport(_)
            | ImportError::Format2019(_)
            | ImportError::NotUtf8 { .. }),
        ) => {
            eprintln!("{}：{}", clean_line(&name), clean_line(&e.to_string()));
            return Ok(2);
        }
    };
    let yaml = crate::yaml::to_yaml(&imported.report);
    match &args.output {
        Some(path) => crate::persist::save_atomic(path, yaml.as_bytes())
            .with_context(|| format!("无法写入 {}", clean_line(&path.display().to_string())))?,
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(yaml.as_bytes()).and_then(|()| out.flush()) {
                Ok(()) => {}
                // `nianbao import … | head`: the reader has gone; the account still follows.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                Err(e) => return Err(e.into()),
            }
        }
    }
    let findings = rules::check(&imported.report, &Context::today());
    let account = import::account(&name, &imported, &findings);
    match stderr_width() {
        Some(w) => eprint!("{}", import::wrap_account(&account, w)),
        None => eprint!("{account}"),
    }
    if let Some(path) = &args.output {
        eprintln!("已写入 {}", clean_line(&path.display().to_string()));
    }
    Ok(imported.exit_code())
}

/// The terminal's width when stderr is a terminal.
fn stderr_width() -> Option<usize> {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return None;
    }
    ratatui::crossterm::terminal::size()
        .ok()
        .map(|(w, _)| w as usize)
}
