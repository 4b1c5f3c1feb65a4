//! The impure part of the input reader: the terminal's file descriptor and SIGWINCH, waited
//! on with `poll(2)`, read into the [`Parser`].

use super::parse::Parser;
use ratatui::crossterm::event::Event;
use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, Read};
use std::os::fd::{AsRawFd, FromRawFd};
use std::os::unix::net::UnixStream;
use std::time::{Duration, Instant};

/// Reads the terminal the screens are drawn on: standard input when it is a terminal, else
/// `/dev/tty` (the same choice crossterm makes for raw mode, so `… | xargs nianbao view`
/// reads the keyboard).
#[derive(Debug)]
pub struct Reader {
    tty: File,
    /// SIGWINCH writes a byte here (signal-hook's self-pipe).
    winch: UnixStream,
    parser: Parser,
    /// Events ready, in order (a resize among the keys).
    ready: VecDeque<Event>,
    buf: Box<[u8]>,
}

impl Reader {
    /// Opens the terminal and starts listening for window size changes.
    pub fn open() -> io::Result<Reader> {
        // SAFETY: isatty only inspects the descriptor.
        let tty = if unsafe { libc::isatty(libc::STDIN_FILENO) } == 1 {
            // A descriptor of our own for the same open file (closed in children we start):
            // its flags are left alone, so the shell's standard input is untouched.
            // SAFETY: fcntl(F_DUPFD_CLOEXEC) returns a new descriptor or -1.
            let fd = unsafe { libc::fcntl(libc::STDIN_FILENO, libc::F_DUPFD_CLOEXEC, 0) };
            if fd < 0 {
                return Err(io::Error::last_os_error());
            }
            // SAFETY: `fd` is fresh and owned by nobody else.
            unsafe { File::from_raw_fd(fd) }
        } else {
            std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open("/dev/tty")?
        };
        let (winch, write) = UnixStream::pair()?;
        winch.set_nonblocking(true)?;
        signal_hook::low_level::pipe::register(signal_hook::consts::SIGWINCH, write)?;
        Ok(Reader {
            tty,
            winch,
            parser: Parser::new(),
            ready: VecDeque::new(),
            buf: vec![0; 1 << 16].into_boxed_slice(),
        })
    }

    /// Waits up to `timeout` for an event; true when one is ready for [`Reader::read`].
    /// An error means the terminal is gone (end of file, EIO).
    pub fn poll(&mut self, timeout: Duration) -> io::Result<bool> {
        let end = Instant::now().checked_add(timeout);
        loop {
            self.take_parsed();
            if !self.ready.is_empty() {
                return Ok(true);
            }
            let now = Instant::now();
            // Wake for the caller's timeout or the parser's, whichever comes first.
            let wake = match (end, self.parser.deadline()) {
                (Some(e), Some(d)) => Some(e.min(d)),
                (e, d) => e.or(d),
            };
            let wait = wake.map(|w| w.saturating_duration_since(now));
            let (tty_ready, winch_ready) = self.wait(wait)?;
            if winch_ready {
                self.resized();
            }
            if tty_ready {
                self.read_tty()?;
            } else if let Some(d) = self.parser.deadline() {
                // Nothing waits to be read: what is pending is decided by its time.
                let now = Instant::now();
                if now >= d {
                    self.parser.expire(now);
                }
            }
            self.take_parsed();
            if !self.ready.is_empty() {
                return Ok(true);
            }
            if end.is_some_and(|e| Instant::now() >= e) {
                return Ok(false);
            }
        }
    }

    /// The next event, waiting as long as it takes.
    pub fn read(&mut self) -> io::Result<Event> {
        loop {
            if self.poll(Duration::from_secs(3600))? {
                if let Some(ev) = self.ready.pop_front() {
                    return Ok(ev);
                }
            }
        }
    }

    fn take_parsed(&mut self) {
        while let Some(ev) = self.parser.next_event() {
            self.ready.push_back(ev);
        }
    }

    /// `poll(2)` on the terminal and the SIGWINCH pipe: which of them can be read.
    fn wait(&self, wait: Option<Duration>) -> io::Result<(bool, bool)> {
        let mut fds = [
            libc::pollfd {
                fd: self.tty.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: self.winch.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        let ms = match wait {
            // Rounded up: waking a little early would only poll again.
            Some(w) => i32::try_from(w.as_micros().div_ceil(1000)).unwrap_or(i32::MAX),
            None => -1,
        };
        // SAFETY: two valid pollfds for the duration of the call.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), 2, ms) };
        if n < 0 {
            let e = io::Error::last_os_error();
            return if e.kind() == io::ErrorKind::Interrupted {
                Ok((false, false))
            } else {
                Err(e)
            };
        }
        // A hung-up terminal is "readable": the read says how it ended.
        Ok((fds[0].revents != 0, fds[1].revents != 0))
    }

    fn read_tty(&mut self) -> io::Result<()> {
        match (&self.tty).read(&mut self.buf) {
            Ok(0) => Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "终端已关闭（读到文件末尾）",
            )),
            Ok(n) => {
                self.parser.feed(&self.buf[..n], Instant::now());
                Ok(())
            }
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::Interrupted | io::ErrorKind::WouldBlock
                ) =>
            {
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// The window changed size (one or more SIGWINCH): one resize event with the new size.
    fn resized(&mut self) {
        let mut drain = [0u8; 64];
        while matches!((&self.winch).read(&mut drain), Ok(n) if n > 0) {}
        // Keys read before the signal come before the resize.
        self.take_parsed();
        if let Ok((cols, rows)) = ratatui::crossterm::terminal::size() {
            self.ready.push_back(Event::Resize(cols, rows));
        }
    }
}
