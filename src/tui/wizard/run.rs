//! The event loop: the one place where the wizard meets the real terminal, the clock and
//! the file system. Kept small so that drafts, locks and signals (issue 5) hook in here.

use super::state::Wizard;
use super::update::{update, Effect};
use super::view::view;
use crate::persist::{self, DraftWriter};
use crate::tui::terminal;
use ratatui::crossterm::event;
use std::time::Duration;

/// Runs the wizard on a real terminal until the user quits. The terminal is given back on
/// every way out (the panic hook of [`terminal::enter`] covers panics).
pub fn run(mut wizard: Wizard) -> anyhow::Result<()> {
    let mut term = terminal::enter()?;
    let result = event_loop(&mut term, &mut wizard);
    terminal::restore()?;
    result
}

fn event_loop(term: &mut terminal::Term, w: &mut Wizard) -> anyhow::Result<()> {
    // HOOK (issue 5): the lock and draft recovery happen before this point, in cli::edit.
    let mut drafts = DraftWriter::new(&w.path);
    let size = term.size()?;
    w.size = (size.width, size.height);
    term.draw(|f| view(w, f))?;
    loop {
        // Sleep until an event arrives or a draft is due; never redraw on a timer.
        let timeout = drafts.deadline();
        let ready = match timeout {
            Some(t) => event::poll(t)?,
            None => event::poll(Duration::from_secs(3600))?,
        };
        // HOOK (issue 5): check for SIGHUP/SIGTERM/SIGINT here (flush drafts, then leave).
        if !ready {
            if let Err(e) = drafts.tick() {
                w.message = Some((super::Tone::Error, format!("草稿写入失败：{e}")));
                term.draw(|f| view(w, f))?;
            }
            continue;
        }
        let ev = event::read()?;
        let effects = update(w, &ev);
        let mut redraw = false;
        for fx in effects {
            match fx {
                Effect::Redraw => redraw = true,
                Effect::Changed => drafts.changed(&w.report),
                Effect::Save => {
                    // HOOK (issue 5): ask before overwriting a file changed on disk.
                    let r = persist::save_report(&w.path, &w.report).map_err(|e| e.to_string());
                    if r.is_ok() {
                        let _ = drafts.saved();
                    }
                    w.saved(r);
                    redraw = true;
                }
                Effect::Quit => {
                    drafts.flush()?;
                    return Ok(());
                }
            }
        }
        if redraw {
            term.draw(|f| view(w, f))?;
        }
    }
}
