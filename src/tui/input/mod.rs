//! Our own reader of the terminal's input: the bytes the keyboard (and the terminal, for a
//! paste) sends, parsed into the crossterm events the screens consume.
//!
//! Why not crossterm's reader: it collects a bracketed paste (`ESC[200~ … ESC[201~`) until its
//! end marker arrives, and an end that never comes (a dropped link, a program that wrote
//! `ESC[200~` to the terminal) swallows every key after it, Ctrl-Q included, with memory
//! growing without bound; nothing outside it can feed or reset its parser. Ours ends such a
//! paste after [`PASTE_TIMEOUT`] without a byte (what came is the paste; the key after it
//! works) and delivers a huge paste in pieces of [`PASTE_MAX_BYTES`].
//!
//! - [`parse`]: the pure state machine (bytes and the time they came in, events out).
//! - [`tty`]: the terminal's descriptor and SIGWINCH, waited on with `poll(2)`.
//!
//! `NIANBAO_INPUT=crossterm` reads with crossterm's reader instead (a way back should a
//! terminal send something ours reads wrongly; it has the unterminated-paste problem).

pub mod parse;
pub mod tty;

pub use parse::{Parser, ESC_TIMEOUT, PASTE_MAX_BYTES, PASTE_TIMEOUT};

use ratatui::crossterm::event::{self, Event};
use std::io;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

/// The environment variable that chooses crossterm's reader (`NIANBAO_INPUT=crossterm`).
pub const ENV: &str = "NIANBAO_INPUT";

/// True when keys are read with crossterm's reader (`NIANBAO_INPUT=crossterm`).
pub fn uses_crossterm() -> bool {
    static CHOICE: OnceLock<bool> = OnceLock::new();
    *CHOICE.get_or_init(|| std::env::var_os(ENV).is_some_and(|v| v == "crossterm"))
}

static READER: Mutex<Option<tty::Reader>> = Mutex::new(None);

fn with_reader<T>(f: impl FnOnce(&mut tty::Reader) -> io::Result<T>) -> io::Result<T> {
    let mut guard = READER.lock().unwrap_or_else(|e| e.into_inner());
    if guard.is_none() {
        *guard = Some(tty::Reader::open()?);
    }
    match guard.as_mut() {
        Some(r) => f(r),
        None => Err(io::Error::other("终端输入无法打开")),
    }
}

/// Starts reading: from now on a window size change is seen (call when the screen is
/// entered, before its first wait for input).
pub fn start() -> io::Result<()> {
    if uses_crossterm() {
        // crossterm listens for SIGWINCH from its first poll.
        event::poll(Duration::ZERO).map(|_| ())
    } else {
        with_reader(|_| Ok(()))
    }
}

/// Waits up to `timeout` for an event; true when [`read`] has one ready.
pub fn poll(timeout: Duration) -> io::Result<bool> {
    if uses_crossterm() {
        event::poll(timeout)
    } else {
        with_reader(|r| r.poll(timeout))
    }
}

/// The next event, waiting as long as it takes. An error means the terminal is gone.
pub fn read() -> io::Result<Event> {
    if uses_crossterm() {
        event::read()
    } else {
        with_reader(|r| r.read())
    }
}
