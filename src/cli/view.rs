//! `nianbao view FILE...`: review mode.

use crate::text::clean_line;
use crate::tui::terminal;
use crate::tui::theme::Theme;
use crate::tui::view::{Outcome, Viewer};
use clap::Args;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Arguments of `nianbao view`.
#[derive(Debug, Args)]
pub struct ViewArgs {
    /// 同一机关上一年的报告：加查跨年规则 Y1、Y2
    #[arg(long, value_name = "上年.yaml")]
    pub previous: Option<PathBuf>,
    /// 报告文件（YAML），可以很多份
    #[arg(required = true, value_name = "文件")]
    pub files: Vec<PathBuf>,
}

/// Runs `view`; returns the exit code.
pub fn run(args: ViewArgs) -> anyhow::Result<i32> {
    let previous = match &args.previous {
        Some(_) if args.files.len() > 1 => {
            eprintln!(
                "nianbao：--previous 只能与一个报告文件一起使用（它是这一份报告的上年报告），现在给了 {} 个文件",
                args.files.len()
            );
            return Ok(2);
        }
        Some(p) => {
            let Some(report) = super::load_previous(p) else {
                return Ok(2);
            };
            Some(report)
        }
        None => None,
    };
    // Keys are read from the terminal itself (crossterm opens /dev/tty when standard input
    // is not one), so `find … | xargs nianbao view` works; the screen needs stdout.
    if !std::io::stdout().is_terminal() {
        eprintln!("nianbao：审阅模式需要在终端中运行；在脚本中请用 nianbao check");
        return Ok(2);
    }
    let (w, h) = ratatui::crossterm::terminal::size()?;
    let (w, h) = terminal::clamp_size(w, h);
    // The guard names a report only in messages about drafts, which the viewer has none of.
    let first = args.files.first().cloned().unwrap_or_default();
    let mut viewer = Viewer::new(
        args.files,
        previous,
        crate::rules::current_year(),
        w,
        h,
        Theme::from_env(),
    );
    // One signal and restore path for every screen (SIGINT, SIGTERM, SIGHUP, SIGQUIT and a
    // hung-up terminal give the terminal back; a wizard opened with `e` gets the signal too).
    let _guard = crate::persist::guard::Guard::install_without_drafts(&first)?;
    let mut term = terminal::enter()?;
    let result = event_loop(&mut term, &mut viewer);
    terminal::restore()?;
    result.map(|()| 0)
}

fn event_loop(term: &mut terminal::Term, viewer: &mut Viewer) -> anyhow::Result<()> {
    // The size may have changed between asking for it and entering the alternate screen.
    let size = term.size()?;
    viewer.resize(size.width, size.height);
    terminal::draw(term, |f| viewer.view(f))?;
    loop {
        // While the overview computes its figures, a few milliseconds at a time between keys.
        if viewer.busy() && !terminal::poll(std::time::Duration::ZERO)? {
            if viewer.tick(std::time::Duration::from_millis(30)) == Outcome::Redraw {
                term.draw(|f| viewer.view(f))?;
            }
            continue;
        }
        let ev = terminal::read_event()?;
        match viewer.update(&ev) {
            Outcome::Nothing => {}
            Outcome::Redraw => {
                terminal::draw(term, |f| viewer.view(f))?;
            }
            Outcome::Quit => return Ok(()),
            Outcome::Repaint => {
                repaint(term)?;
                terminal::draw(term, |f| viewer.view(f))?;
            }
            Outcome::Export(path) => {
                let said = match viewer.report() {
                    Some(r) => match super::export::export_beside(r, &path) {
                        Ok(paths) => {
                            let names: Vec<String> = paths
                                .iter()
                                .map(|p| clean_line(&p.display().to_string()).into_owned())
                                .collect();
                            format!("已导出 {}", names.join(" 和 "))
                        }
                        Err(e) => format!("导出失败：{e}（可检查文件夹的写权限）"),
                    },
                    None => "这个文件无法作为报告读取，不能导出".to_string(),
                };
                viewer.say(said);
                term.draw(|f| viewer.view(f))?;
            }
            Outcome::Edit(path) => {
                terminal::restore()?;
                let note = run_wizard(&path);
                *term = terminal::enter()?;
                repaint(term)?;
                let size = term.size()?;
                viewer.resize(size.width, size.height);
                viewer.reload_current(note);
                terminal::draw(term, |f| viewer.view(f))?;
            }
        }
    }
}

/// Clears the terminal and makes the next draw write every cell. Not `Terminal::clear`:
/// in ratatui 0.30 it asks the terminal where its cursor is, which fails where the terminal
/// does not answer (a slow link, a test emulator); resizing to the current size clears the
/// screen and the buffers without asking.
fn repaint(term: &mut terminal::Term) -> anyhow::Result<()> {
    let size = term.size()?;
    term.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
    Ok(())
}

/// Runs `nianbao edit FILE` in the terminal the viewer gave back; returns a note for the
/// status line when the wizard failed.
fn run_wizard(path: &Path) -> Option<String> {
    let exe = match std::env::current_exe() {
        Ok(e) => e,
        Err(e) => return Some(format!("无法启动填写向导：{e}")),
    };
    // The wizard reads keys from standard input: give it the terminal when ours is not one.
    let stdin = if std::io::stdin().is_terminal() {
        Stdio::inherit()
    } else {
        std::fs::File::open("/dev/tty").map_or(Stdio::inherit(), Stdio::from)
    };
    let child = Command::new(exe)
        .arg("edit")
        .arg(path)
        .stdin(stdin)
        .stdout(Stdio::inherit())
        .stderr(Stdio::piped())
        .spawn();
    // While it runs, a signal to the viewer reaches the wizard too (persist::guard).
    let waited = child.and_then(|c| {
        crate::persist::guard::set_child(Some(c.id()));
        let out = c.wait_with_output();
        // A signal ended the wizard and is ending us: the terminal stays as the wizard left
        // it (given back), not entered again.
        crate::persist::guard::park_while_exiting();
        crate::persist::guard::set_child(None);
        out
    });
    match waited {
        Ok(out) if out.status.success() => None,
        Ok(out) => {
            let err = String::from_utf8_lossy(&out.stderr);
            let last = err
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("");
            Some(format!(
                "填写向导未正常结束（{}）{}",
                out.status
                    .code()
                    .map_or("被信号中断".to_string(), |c| format!("退出码 {c}")),
                if last.is_empty() {
                    String::new()
                } else {
                    format!("：{}", clean_line(last))
                }
            ))
        }
        Err(e) => Some(format!("无法启动填写向导：{e}")),
    }
}
