//! Entering and leaving the terminal. The terminal is always given back as it was — after a
//! normal exit, an error, Ctrl-C and a panic: alternate screen left, raw mode off, bracketed
//! paste off, cursor shown.

use crate::tui::backend::LeanBackend;
use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::crossterm::{cursor, event, execute, terminal};
use ratatui::layout::Size;
use ratatui::Terminal;
use std::io::{self, Stdout};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Once;
use std::time::Duration;

/// The real terminal type used by the program: every screen draws through our
/// [`LeanBackend`] (fewer bytes; `NIANBAO_DRAW=ratatui` for ratatui's own output), with the
/// drawing area clamped to a sane size.
pub type Term = Terminal<Clamped<LeanBackend<Stdout>>>;

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
    // Start reading now, so that a resize between here and the screen's first wait for
    // input is not missed.
    let _ = crate::tui::input::start();
    Terminal::new(Clamped(LeanBackend::new(out)))
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

/// The largest screen the program draws: a window beyond it (65535×65535 is possible) would
/// need gigabytes for the screen buffers. No real terminal is this large at a readable size.
pub const MAX_COLS: u16 = 1000;
/// See [`MAX_COLS`].
pub const MAX_ROWS: u16 = 500;

/// The real size of the terminal as last seen (columns << 16 | rows).
static REAL_SIZE: AtomicU32 = AtomicU32::new(0);

fn note_real(cols: u16, rows: u16) {
    REAL_SIZE.store(u32::from(cols) << 16 | u32::from(rows), Ordering::Relaxed);
}

/// `(cols, rows)` within [`MAX_COLS`]×[`MAX_ROWS`].
pub fn clamp_size(cols: u16, rows: u16) -> (u16, u16) {
    (cols.min(MAX_COLS), rows.min(MAX_ROWS))
}

/// The terminal's real size when it is larger than the program draws, else `None`.
pub fn oversize() -> Option<(u16, u16)> {
    let v = REAL_SIZE.load(Ordering::Relaxed);
    let (cols, rows) = ((v >> 16) as u16, (v & 0xffff) as u16);
    (cols > MAX_COLS || rows > MAX_ROWS).then_some((cols, rows))
}

/// An event as the screens see it: a resize beyond [`MAX_COLS`]×[`MAX_ROWS`] is clamped
/// (and the real size remembered for [`draw`]'s message).
pub fn clamp_event(ev: event::Event) -> event::Event {
    match ev {
        event::Event::Resize(cols, rows) => {
            note_real(cols, rows);
            let (c, r) = clamp_size(cols, rows);
            event::Event::Resize(c, r)
        }
        other => other,
    }
}

/// Draws a frame with `view`, or, when the window is larger than the program draws, the
/// message that says so (top left, where it is seen).
pub fn draw(term: &mut Term, view: impl FnOnce(&mut ratatui::Frame)) -> io::Result<()> {
    match oversize() {
        None => term.draw(view).map(|_| ()),
        Some((cols, rows)) => term
            .draw(|f| {
                let text = format!(
                    "终端窗口过大（现在 {cols}×{rows}），最多支持 {MAX_COLS}×{MAX_ROWS}。请把窗口缩小（或把字号调大）；Ctrl-Q 退出（审阅时 q）。"
                );
                let area = f.area();
                f.render_widget(
                    ratatui::widgets::Paragraph::new(text)
                        .wrap(ratatui::widgets::Wrap { trim: false }),
                    ratatui::layout::Rect::new(0, 0, area.width.min(80), area.height.min(6)),
                );
            })
            .map(|_| ()),
    }
}

/// The backend of [`Term`]: crossterm's, with the size clamped to [`MAX_COLS`]×[`MAX_ROWS`]
/// so that no window size can make ratatui allocate its buffers without bound.
#[derive(Debug)]
pub struct Clamped<B>(pub B);

impl<B: Backend> Backend for Clamped<B> {
    type Error = B::Error;
    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a ratatui::buffer::Cell)>,
    {
        self.0.draw(content)
    }
    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.0.append_lines(n)
    }
    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.0.hide_cursor()
    }
    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.0.show_cursor()
    }
    fn get_cursor_position(&mut self) -> Result<ratatui::layout::Position, Self::Error> {
        self.0.get_cursor_position()
    }
    fn set_cursor_position<P: Into<ratatui::layout::Position>>(
        &mut self,
        position: P,
    ) -> Result<(), Self::Error> {
        self.0.set_cursor_position(position)
    }
    fn clear(&mut self) -> Result<(), Self::Error> {
        self.0.clear()
    }
    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.0.clear_region(clear_type)
    }
    fn size(&self) -> Result<Size, Self::Error> {
        let s = self.0.size()?;
        note_real(s.width, s.height);
        let (width, height) = clamp_size(s.width, s.height);
        Ok(Size { width, height })
    }
    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        let mut w = self.0.window_size()?;
        note_real(w.columns_rows.width, w.columns_rows.height);
        let (width, height) = clamp_size(w.columns_rows.width, w.columns_rows.height);
        w.columns_rows = Size { width, height };
        Ok(w)
    }
    fn flush(&mut self) -> Result<(), Self::Error> {
        self.0.flush()
    }
}

/// Reads the next event for a screen (with our own reader, [`crate::tui::input`]), with
/// [`clamp_event`] applied. An error means the terminal is gone.
pub fn read_event() -> io::Result<event::Event> {
    crate::tui::input::read().map(clamp_event)
}

/// Waits up to `timeout` for an event; true when [`read_event`] has one ready. Screens wait
/// with this, never with crossterm's `event::poll` (which would read the terminal too).
pub fn poll(timeout: Duration) -> io::Result<bool> {
    crate::tui::input::poll(timeout)
}
