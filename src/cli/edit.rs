//! `nianbao new FILE` and `nianbao edit FILE`: the wizard.

use crate::model::schema;
use crate::persist;
use crate::tui::recover::{self, Choice};
use crate::tui::theme::Theme;
use crate::tui::wizard::{self, Options, Wizard};
use clap::Args;
use std::path::{Path, PathBuf};

/// Arguments of `nianbao new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// 要新建的报告文件（YAML）
    #[arg(value_name = "文件")]
    pub file: PathBuf,
    /// 从上年报告开始：带入机关名称、上年结转、现行有效件数和各段小标题（可以是 import 生成的 YAML）
    #[arg(long = "from", value_name = "上年.yaml")]
    pub from: Option<PathBuf>,
}

/// Arguments of `nianbao edit`.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// 要修改的报告文件（YAML）
    #[arg(value_name = "文件")]
    pub file: PathBuf,
    /// 上年报告：随填随查跨年规则 Y1、Y2，并可查看、套用上年各段原文
    #[arg(long = "previous", value_name = "上年.yaml")]
    pub previous: Option<PathBuf>,
}

fn options(file: PathBuf, current_year: i32) -> Options {
    Options {
        path: file,
        current_year,
        theme: Theme::from_env(),
        size: (80, 24),
    }
}

/// Runs `new`; returns the exit code.
pub fn run_new(args: NewArgs) -> anyhow::Result<i32> {
    if let Err(code) = check_folder(&args.file) {
        return Ok(code);
    }
    if args.file.exists() {
        let f = crate::text::clean_line(&args.file.display().to_string()).into_owned();
        eprintln!("nianbao：文件 {f} 已存在，不会覆盖。要修改它，请用：nianbao edit {f}");
        return Ok(2);
    }
    // Last year's report is read before anything else: a wrong path changes nothing.
    let last = match &args.from {
        Some(path) => match last_year_base(path) {
            Some(r) => Some(r),
            None => return Ok(2),
        },
        None => None,
    };
    let _lock = match lock(&args.file) {
        Ok(l) => l,
        Err(code) => return Ok(code),
    };
    let year = crate::rules::current_year();
    let report = match &last {
        Some(l) => crate::model::next_year::next_year(l),
        None => Wizard::blank_report(year),
    };
    let (report, opening, position) = match offer_draft(&args.file, report, None)? {
        Start::Open(r, o, p) => (*r, o, p),
        Start::Exit(code) => return Ok(code),
    };
    let mut w = Wizard::new(report, options(args.file, year));
    if let Some(l) = last {
        let from = l.year;
        w = w.with_last_year(l);
        if !opening.recovered {
            w.message = Some((
                wizard::Tone::Info,
                format!(
                    "已从 {from} 年报告带入{}、{}、{}和各段小标题（均可修改）",
                    schema::AGENCY_LABEL,
                    schema::bare_label(schema::B_ROWS[schema::R_CARRIED_OVER].short),
                    schema::A_IN_FORCE_LABEL
                ),
            ));
        }
    }
    if opening.recovered {
        // A recovered draft is unsaved work, and opens where the clerk was.
        w.mark_recovered();
        w.go_to_position(position.as_deref().unwrap_or(""));
    }
    wizard::run_opened(w, opening)?;
    Ok(0)
}

/// Runs `edit`; returns the exit code.
pub fn run_edit(args: EditArgs) -> anyhow::Result<i32> {
    let last = match &args.previous {
        Some(path) => match super::load_previous(path) {
            Some(r) => Some(r),
            None => return Ok(2),
        },
        None => None,
    };
    let _lock = match lock(&args.file) {
        Ok(l) => l,
        Err(code) => return Ok(code),
    };
    let identity = persist::FileIdentity::of(&args.file).ok().flatten();
    let mut invalid = Vec::new();
    let loaded = match crate::yaml::load_file(&args.file) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("nianbao：{}", crate::text::clean_line(&e.to_string()));
            if let Some((l, replaced)) = offer_lenient(&args.file) {
                invalid = replaced;
                l
            } else {
                for draft in persist::existing_drafts(&args.file) {
                    let d = crate::text::clean_line(&draft.display().to_string()).into_owned();
                    eprintln!("nianbao：另有未保存的草稿 {d}（完整的报告 YAML，可复制出来使用）");
                }
                return Ok(2);
            }
        }
    };
    let year = crate::rules::current_year();
    let (report, opening, position) = match offer_draft(&args.file, loaded.report, identity)? {
        Start::Open(r, o, p) => (*r, o, p),
        Start::Exit(code) => return Ok(code),
    };
    let mut w = Wizard::new(report, options(args.file, year));
    if let Some(l) = last {
        w = w.with_last_year(l);
    }
    if !opening.recovered {
        // Parts missing from FILE (a recovered draft has them all).
        w.file_findings = crate::rules::s1_missing_parts(&loaded.missing);
    }
    w.refresh_findings();
    if opening.recovered {
        w.mark_recovered();
        w.go_to_position(position.as_deref().unwrap_or(""));
    } else if !invalid.is_empty() {
        w.mark_invalid(&invalid);
    }
    wizard::run_opened(w, opening)?;
    Ok(0)
}

/// Reads last year's report for `new --from` and checks that next year's can follow from
/// it; `None` (after saying why on stderr) when it cannot.
fn last_year_base(path: &Path) -> Option<crate::model::Report> {
    let last = super::load_previous(path)?;
    if let Err(e) = crate::model::next_year::check_base(&last) {
        let p = crate::text::clean_line(&path.display().to_string()).into_owned();
        eprintln!("nianbao：{p}：{e}；请先用 nianbao edit {p} 改正年份");
        return None;
    }
    Some(last)
}

/// The folder FILE is to be saved in must exist and be a folder: checked before the wizard
/// opens, so the clerk does not type a report that cannot be saved there. Says why on
/// stderr (in Chinese) and returns the exit code otherwise.
fn check_folder(file: &Path) -> Result<(), i32> {
    let dir = match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let shown = crate::text::clean_line(&dir.display().to_string()).into_owned();
    let problem = match std::fs::metadata(&dir) {
        Ok(m) if m.is_dir() => return Ok(()),
        Ok(_) => format!("{shown} 不是文件夹"),
        Err(e) => format!(
            "文件夹 {shown} 无法使用：{}",
            crate::tui::syserr::chinese(&e)
        ),
    };
    eprintln!("nianbao：{problem}。报告无法保存到那里：请先建好这个文件夹，或换一个位置。");
    Err(2)
}

/// A file refused only for bad numbers: asks (on a terminal) whether to open it with those
/// cells empty and marked; the file is not touched until the clerk saves.
fn offer_lenient(file: &Path) -> Option<(crate::yaml::Loaded, Vec<crate::yaml::Replaced>)> {
    use std::io::{BufRead, IsTerminal, Read, Write};
    // Only a regular file within the size `check` reads: never a FIFO (it would block) or a
    // device (it would never end).
    let mut text = String::new();
    crate::yaml::open_regular(file)
        .ok()?
        .take(crate::yaml::MAX_FILE_BYTES + 1)
        .read_to_string(&mut text)
        .ok()?;
    if text.len() as u64 > crate::yaml::MAX_FILE_BYTES {
        return None;
    }
    let name = file.display().to_string();
    let (loaded, replaced) = crate::yaml::load_str_lenient(&text, &name).ok()?;
    if replaced.is_empty() || !std::io::stdin().is_terminal() {
        return None;
    }
    for r in &replaced {
        eprintln!(
            "nianbao：{} 的值是 {}（无效）",
            r.path,
            crate::text::escape_for_message(&r.found, 20)
        );
    }
    eprint!(
        "要打开这份报告并把这 {} 格留空（标出 ✗，显示文件中的值）吗？保存之前文件不会改动。[y/N] ",
        replaced.len()
    );
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer).ok()?;
    matches!(answer.trim(), "y" | "Y" | "是").then_some((loaded, replaced))
}

/// One editor per report (issue 5): the lock, or the exit code after saying who holds it.
fn lock(file: &Path) -> Result<persist::EditLock, i32> {
    persist::EditLock::acquire(file).map_err(|e| {
        eprintln!("nianbao：{e}");
        2
    })
}

/// How the wizard starts after looking for a draft.
enum Start {
    /// With this report (and, for a recovered draft, where the clerk was).
    Open(Box<crate::model::Report>, persist::Opening, Option<String>),
    /// Not at all: leave with this exit code.
    Exit(i32),
}

/// Looks for a draft newer than FILE and asks the clerk about it (issue 5). `base` is the
/// report the wizard opens without a draft; `identity` is FILE as it was read.
fn offer_draft(
    file: &Path,
    base: crate::model::Report,
    identity: Option<persist::FileIdentity>,
) -> anyhow::Result<Start> {
    let opening = |recovered| persist::Opening {
        identity,
        recovered,
    };
    let found = match persist::find_draft(file, &base) {
        Ok(Some(found)) => found,
        Ok(None) => return Ok(Start::Open(Box::new(base), opening(false), None)),
        Err(e) => {
            eprintln!("nianbao：{e}");
            return Ok(Start::Exit(2));
        }
    };
    Ok(match recover::ask(file, &found)? {
        Choice::Recover => Start::Open(Box::new(found.report), opening(true), found.position),
        Choice::Discard => {
            found.discard()?;
            Start::Open(Box::new(base), opening(false), None)
        }
        Choice::Quit => {
            let draft = crate::text::clean_line(&found.path.display().to_string()).into_owned();
            eprintln!("nianbao：草稿保留在 {draft}，下次打开时会再次询问。");
            Start::Exit(0)
        }
    })
}
