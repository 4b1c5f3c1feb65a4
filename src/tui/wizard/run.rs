//! The event loop: the one place where the wizard meets the real terminal, the clock and
//! the file system. Kept small so that drafts, locks and signals (issue 5) hook in here.

use super::state::Wizard;
use super::update::{update, Effect};
use super::view::view;
use crate::persist::{self, DraftWriter};
use crate::tui::terminal;
use std::time::Duration;

/// Runs the wizard on a real terminal until the user quits. The terminal is given back on
/// every way out (the panic hook of [`terminal::enter`] covers panics).
pub fn run(wizard: Wizard) -> anyhow::Result<()> {
    let opening = persist::Opening::now(&wizard.path);
    run_opened(wizard, opening)
}

/// [`run`] for a FILE that `cli::edit` opened (the lock and draft recovery happened there):
/// its identity when read, and whether the report is a recovered draft. Signals, a dropped
/// terminal and panics write the draft ([`persist::guard`]).
pub fn run_opened(mut wizard: Wizard, opening: persist::Opening) -> anyhow::Result<()> {
    let mut drafts = DraftWriter::new(&wizard.path);
    let _guard = persist::guard::Guard::install(drafts.handle(), &wizard.path)?;
    let mut term = terminal::enter()?;
    let result = event_loop(&mut term, &mut wizard, &mut drafts, opening);
    if let Err(e) = &result {
        if e.downcast_ref::<std::io::Error>()
            .is_some_and(persist::guard::is_terminal_gone)
        {
            // The SSH link is gone: write the draft and leave at once.
            persist::guard::terminal_gone();
        }
    }
    // Whatever happened (an I/O error), what was typed reaches the draft — unless the clerk
    // chose to throw it away ("y 不保存，直接退出").
    let flushed = if wizard.discarded && result.is_ok() {
        drafts.saved()
    } else {
        drafts.flush()
    };
    terminal::restore()?;
    if result.is_ok() && wizard.dirty && !wizard.discarded {
        if let Ok(Some(draft)) = drafts.handle().flush() {
            let draft = crate::text::clean_line(&draft.display().to_string()).into_owned();
            eprintln!("nianbao：未保存的修改保留在草稿 {draft}，下次打开时可以恢复。");
        }
    }
    result?;
    flushed?;
    Ok(())
}

fn event_loop(
    term: &mut terminal::Term,
    w: &mut Wizard,
    drafts: &mut DraftWriter,
    mut opening: persist::Opening,
) -> anyhow::Result<()> {
    drafts.set_position(&w.position());
    if opening.recovered {
        // The recovered draft stays the draft until the next save.
        drafts.changed(&w.report);
    }
    if let Some(notice) = drafts.notice() {
        w.message = Some((super::Tone::Info, notice));
    }
    let mut saving_to = w.path.clone();
    let size = term.size()?;
    w.size = (size.width, size.height);
    terminal::draw(term, |f| view(w, f))?;
    loop {
        // Sleep until an event arrives or a draft is due; never redraw on a timer.
        let timeout = drafts.deadline();
        let ready = terminal::poll(timeout.unwrap_or(Duration::from_secs(3600)))?;
        // SIGHUP/SIGTERM/SIGINT and a hung-up terminal are handled by persist::guard's
        // threads (this poll does not return for them): they write the draft and exit.
        if !ready {
            let was_fallback = drafts.is_fallback();
            let failed_before = w.draft_failed.is_some();
            let ticked = drafts.tick();
            w.draft_failed = drafts.failure();
            if let (Err(e), false) = (&ticked, failed_before) {
                // Said once; the status line keeps saying it while it fails (draft_failed).
                w.message = Some((
                    super::Tone::Error,
                    format!("草稿写入失败：{}", persist::describe_io(e)),
                ));
                terminal::draw(term, |f| view(w, f))?;
            } else if failed_before != w.draft_failed.is_some() {
                // The draft is written again: the status line stops warning.
                terminal::draw(term, |f| view(w, f))?;
            } else if drafts.is_fallback() != was_fallback {
                w.message = drafts.notice().map(|n| (super::Tone::Info, n));
                terminal::draw(term, |f| view(w, f))?;
            }
            continue;
        }
        let ev = terminal::read_event()?;
        let effects = update(w, &ev);
        drafts.set_position(&w.position());
        let mut redraw = false;
        for fx in effects {
            match fx {
                Effect::Redraw => redraw = true,
                Effect::Changed => drafts.changed(&w.report),
                Effect::SaveElsewhere => {
                    redraw = true;
                    let r = persist::save_elsewhere(&w.path, &w.report)
                        .map_err(|e| persist::describe_io(&e));
                    w.saved_elsewhere(r);
                }
                Effect::Save | Effect::ForceSave => {
                    redraw = true;
                    if w.path != saving_to {
                        // 另存为: a new place; a file already there is asked about.
                        saving_to = w.path.clone();
                        opening.identity = None;
                    }
                    if fx == Effect::Save && persist::is_read_only(&w.path) {
                        // The owner set it read-only: ask before replacing it.
                        let name =
                            crate::text::clean_line(&w.path.display().to_string()).into_owned();
                        w.ask_overwrite(format!(
                            "{name} 是只读文件（没有写权限）：它的主人不希望它被改动。"
                        ));
                        continue;
                    }
                    if fx == Effect::Save {
                        // Ask before overwriting a file someone else changed since it was read.
                        let change =
                            persist::FileIdentity::check(&w.path, opening.identity.as_ref());
                        if let Ok(Some(why)) = change.map(|c| c.explain(&w.path)) {
                            w.ask_overwrite(why);
                            continue;
                        }
                    }
                    let r = persist::save_report(&w.path, &w.report)
                        .map_err(|e| crate::tui::syserr::chinese(&e));
                    if r.is_ok() {
                        let _ = drafts.saved();
                        opening.identity = persist::FileIdentity::of(&w.path).ok().flatten();
                    }
                    w.saved(r);
                }
                Effect::Export => {
                    redraw = true;
                    w.exported(crate::cli::export::export_beside(&w.report, &w.path));
                }
                Effect::Quit => return Ok(()),
            }
        }
        if redraw {
            terminal::draw(term, |f| view(w, f))?;
        }
    }
}
