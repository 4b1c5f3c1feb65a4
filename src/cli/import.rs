//! `nianbao import INPUT [-o OUT.yaml]` and `nianbao import FILES... --dir OUT/`: published
//! text, HTML or Word files to YAML.

use crate::import::{self, ImportError, Imported};
use crate::rules::{self, Context};
use crate::text::clean_line;
use crate::yaml::MAX_FILE_BYTES;
use anyhow::Context as _;
use clap::Args;
use std::collections::HashSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Arguments of `nianbao import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// 已发布的报告：网页复制的文本、PDF（需要 pdftotext）或 pdftotext 的输出、HTML（UTF-8 或
    /// GBK）、Markdown 或 .docx（`-` 读标准输入）；多个文件时需要 --dir
    #[arg(required = true, value_name = "输入")]
    pub inputs: Vec<PathBuf>,
    /// 单个输入时写出 YAML 的位置（默认写到标准输出）
    #[arg(short, long, value_name = "输出.yaml", conflicts_with = "dir")]
    pub output: Option<PathBuf>,
    /// 把每个输入导入到这个文件夹（文件名.yaml），每个文件一行结果
    #[arg(long, value_name = "文件夹/")]
    pub dir: Option<PathBuf>,
}

/// What became of one input.
struct Outcome {
    code: i32,
    summary: String,
}

/// Reads an input, bounded by the size `check` accepts (one limit for both: `import` never
/// writes YAML that `check` refuses); a PDF is read as the text `pdftotext -layout` gives.
fn read_input(path: &Path) -> Result<Vec<u8>, String> {
    let name = clean_line(&path.display().to_string()).to_string();
    let mut b = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .take(super::pdf::MAX_PDF_BYTES + 1)
            .read_to_end(&mut b)
            .map_err(|e| format!("读取标准输入失败：{e}"))?;
    } else {
        // A FIFO or a device would block or never end: only regular files (and `-`).
        let f = crate::yaml::open_regular(path).map_err(|e| {
            format!(
                "无法打开输入文件 {name}：{}",
                crate::persist::describe_io(&e)
            )
        })?;
        f.take(super::pdf::MAX_PDF_BYTES + 1)
            .read_to_end(&mut b)
            .map_err(|e| format!("无法读取输入文件 {name}：{e}"))?;
    }
    if super::pdf::is_pdf(&b) {
        if b.len() as u64 > super::pdf::MAX_PDF_BYTES {
            return Err(format!(
                "{name}：PDF 文件超过 {} MB，不像一份年度报告，未导入",
                super::pdf::MAX_PDF_BYTES / 1024 / 1024
            ));
        }
        b = super::pdf::text_of(b, &name)?;
    }
    if b.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "{name}：文件超过 {} MB（check 能读的上限），不像一份年度报告，未导入",
            MAX_FILE_BYTES / 1024 / 1024
        ));
    }
    Ok(b)
}

/// Imports bytes; `Err` is the message for an input that is not imported (exit 2).
fn import_one(name: &str, bytes: &[u8]) -> Result<(Imported, String), String> {
    let imported = match import::import_bytes(bytes) {
        Ok(i) => i,
        Err(
            e @ (ImportError::NotAReport(_)
            | ImportError::NotUtf8 { .. }
            | ImportError::Docx(_)
            | ImportError::TooComplex(_)),
        ) => {
            return Err(format!(
                "{}：{}",
                clean_line(name),
                clean_line(&e.to_string())
            ))
        }
    };
    let yaml = crate::yaml::to_yaml(&imported.report);
    if yaml.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "{}：导入结果超过 {} MB，check 无法读取，未写出",
            clean_line(name),
            MAX_FILE_BYTES / 1024 / 1024
        ));
    }
    Ok((imported, yaml))
}

/// Runs `import`; returns the exit code: 0 every table cell recognised, 1 some were not
/// (the YAML is still written, unknown cells as 0), 2 an input is not a report (or is in
/// the 2019 format, or cannot be read). With several inputs, the worst of them.
pub fn run(args: ImportArgs) -> anyhow::Result<i32> {
    if let Some(dir) = &args.dir {
        return run_dir(&args.inputs, dir);
    }
    if args.inputs.len() > 1 {
        eprintln!(
            "一次导入 {} 个文件时请用 --dir 指定输出文件夹，例如：nianbao import *.html --dir 导入结果/",
            args.inputs.len()
        );
        return Ok(2);
    }
    let input = &args.inputs[0];
    let name = input.display().to_string();
    let bytes = match read_input(input) {
        Ok(b) => b,
        Err(msg) => {
            eprintln!("{msg}");
            return Ok(2);
        }
    };
    let (imported, yaml) = match import_one(&name, &bytes) {
        Ok(x) => x,
        Err(msg) => {
            eprintln!("{msg}");
            return Ok(2);
        }
    };
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

/// The output name of an input: its file name without the extension, `.yaml`; a second input
/// of the same name gets `-2`, `-3` … (nothing written in this run is overwritten).
fn output_name(input: &Path, taken: &mut HashSet<String>) -> String {
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty() && s != "-")
        .unwrap_or_else(|| "report".to_string());
    let mut name = format!("{stem}.yaml");
    let mut k = 2;
    while !taken.insert(name.clone()) {
        name = format!("{stem}-{k}.yaml");
        k += 1;
    }
    name
}

fn run_dir(inputs: &[PathBuf], dir: &Path) -> anyhow::Result<i32> {
    std::fs::create_dir_all(dir).with_context(|| {
        format!(
            "无法创建输出文件夹 {}",
            clean_line(&dir.display().to_string())
        )
    })?;
    let ctx = Context::today();
    let mut taken = HashSet::new();
    let mut worst = 0;
    let mut counts = [0usize; 3];
    let stderr = std::io::stderr();
    // Reading, importing and checking are independent per file and take the time: done on
    // every core, a chunk at a time; naming, saving and the summary lines stay in the
    // inputs' order, one after another (names taken in order, as before).
    for chunk in inputs.chunks(64) {
        let prepared = super::par::map_ordered(chunk, 1, |input| prepare(input, &ctx));
        for (input, prepared) in chunk.iter().zip(prepared) {
            let outcome = finish_into_dir(input, prepared, dir, &mut taken);
            worst = worst.max(outcome.code);
            counts[outcome.code.clamp(0, 2) as usize] += 1;
            let _ = writeln!(stderr.lock(), "{}", outcome.summary);
        }
    }
    eprintln!(
        "共 {} 个文件：{} 个全部识别，{} 个有未识别的格子，{} 个未导入",
        inputs.len(),
        counts[0],
        counts[1],
        counts[2]
    );
    Ok(worst)
}

/// A file read, imported and checked, ready to be written: or why it is not imported.
type Prepared = Result<(Imported, String, (usize, usize)), String>;

/// Reads, imports and checks one input of `--dir`.
fn prepare(input: &Path, ctx: &Context) -> Prepared {
    if input.as_os_str() == "-" {
        return Err("-：--dir 不读标准输入，请给出文件".to_string());
    }
    let name = input.display().to_string();
    let bytes = read_input(input).map_err(|msg| format!("{msg}（未导入）"))?;
    let (imported, yaml) = import_one(&name, &bytes).map_err(|msg| format!("{msg}（未导入）"))?;
    let findings = rules::check(&imported.report, ctx);
    let tally = rules::tally(&findings);
    Ok((imported, yaml, tally))
}

/// Names, saves and sums up one prepared input of `--dir`.
fn finish_into_dir(
    input: &Path,
    prepared: Prepared,
    dir: &Path,
    taken: &mut HashSet<String>,
) -> Outcome {
    let shown = clean_line(&input.display().to_string()).to_string();
    let fail = |summary: String| Outcome { code: 2, summary };
    let (imported, yaml, (errors, warnings)) = match prepared {
        Ok(x) => x,
        Err(summary) => return fail(summary),
    };
    let out = dir.join(output_name(input, taken));
    let out_shown = clean_line(&out.display().to_string()).to_string();
    if let Err(e) = crate::persist::save_atomic(&out, yaml.as_bytes()) {
        return fail(format!("{shown}：无法写入 {out_shown}：{e}"));
    }
    let r = &imported.report;
    let what = if imported.unknown.is_empty() {
        "全部格子已识别".to_string()
    } else {
        format!("未能识别 {}", crate::import::unknown_summary(&imported))
    };
    Outcome {
        code: imported.exit_code(),
        summary: format!(
            "{shown} → {out_shown}：{} {} 年，{}；检查 {errors} 处错误、{warnings} 处警告",
            clean_line(if r.agency.is_empty() {
                "（无机关名称）"
            } else {
                &r.agency
            }),
            r.year,
            what
        ),
    }
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
