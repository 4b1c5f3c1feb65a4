//! Entering and leaving the terminal. The terminal is always given back as it was — after a
//! normal exit, an error, Ctrl-C and a panic: alternate screen left, raw mode off, bracketed
//! paste off, cursor shown.

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::{cursor, event, execute, terminal};
use ratatui::Terminal;
use std::io::{self, Stdout};
use std::sync::Once;

/// The real terminal type used by the program.
pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// Puts the terminal into the state the screens need (raw mode, alternate screen, bracketed
/// paste) and installs a panic hook that restores it before the panic message is printed.
pub fn enter() -> io::Result<Term> {
    install_panic_hook();
    // Signals and a hung-up terminal (crate::persist::guard) give the terminal back this way.
    crate::persist::guard::set_restore_hook(restore);
    terminal::enable_raw_mode()?;
    let mut out = io::stdout();
    if let Err(e) = execute!(
        out,
        terminal::EnterAlternateScreen,
        event::EnableBracketedPaste
    ) {
        let _ = restore();
        return Err(e);
    }
    Terminal::new(CrosstermBackend::new(out))
}

/// Gives the terminal back. Safe to call more than once and when the terminal is gone.
pub fn restore() -> io::Result<()> {
    let mut out = io::stdout();
    let a = execute!(
        out,
        event::DisableBracketedPaste,
        terminal::LeaveAlternateScreen,
        cursor::Show
    );
    let b = terminal::disable_raw_mode();
    a.and(b)
}

fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = restore();
            previous(info);
        }));
    });
}
