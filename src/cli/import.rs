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
    /// The published report: text, pdftotext output, HTML or Markdown (`-` for stdin).
    pub input: PathBuf,
    /// Where to write the YAML (default: standard output).
    #[arg(short, long, value_name = "OUT.yaml")]
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
        // A FIFO or a device would block or never end: only regular files (and `-`).
        let f = match crate::yaml::open_regular(&args.input) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::InvalidInput => {
                eprintln!("{}：{e}", clean_line(&name));
                return Ok(2);
            }
            Err(e) => {
                return Err(e).with_context(|| format!("无法打开输入文件 {}", clean_line(&name)))
            }
        };
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
    // `-o -` and `-o /dev/stdout` (or any path that is our standard output) are the stream;
    // any other path that is not a regular file is refused by the save.
    let output = args.output.as_ref().filter(|p| !is_stdout(p));
    match output {
        Some(path) => {
            if let Err(e) = crate::persist::save_atomic(path, yaml.as_bytes()) {
                eprintln!(
                    "nianbao：无法写入 {}：{}",
                    clean_line(&path.display().to_string()),
                    crate::persist::describe_io(&e)
                );
                return Ok(2);
            }
        }
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
    if let Some(path) = output {
        eprintln!("已写入 {}", clean_line(&path.display().to_string()));
    }
    Ok(imported.exit_code())
}

/// True for `-`, and for a path that names the very file our standard output is
/// (`/dev/stdout`, `/proc/self/fd/1`, the terminal or pipe itself).
fn is_stdout(path: &std::path::Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    if path.as_os_str() == "-" {
        return true;
    }
    let Ok(target) = std::fs::metadata(path) else {
        return false;
    };
    if target.is_file() {
        // A regular file is saved atomically even when stdout is redirected to it.
        return false;
    }
    let out = std::fs::metadata("/proc/self/fd/1").or_else(|_| std::fs::metadata("/dev/stdout"));
    out.is_ok_and(|o| {
        o.dev() == target.dev() && o.ino() == target.ino() && o.rdev() == target.rdev()
    })
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
