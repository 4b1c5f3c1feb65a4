//! Runs the real `nianbao` binary in a pseudo-terminal and reads its screen through a
//! terminal emulator (vt100), as a person would see it. Shared by the end-to-end tests:
//! `mod common;` then `common::pty::Session::spawn(...)`.
#![allow(dead_code)]

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A running program in a pseudo-terminal.
pub struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    bytes: Arc<Mutex<usize>>,
    log: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
}

/// How long `wait_for` waits before failing the test (generous: CI machines are busy).
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// The draft timer off (10 minutes): only a signal or a hang-up writes the draft.
pub const DRAFT_TIMER_OFF: (&str, &str) = ("NIANBAO_TEST_DRAFT_DELAY_MS", "600000");

impl Session {
    /// Starts `nianbao ARGS...` in a `cols`×`rows` terminal with working directory `cwd`.
    pub fn spawn(args: &[&str], cols: u16, rows: u16, cwd: &Path, env: &[(&str, &str)]) -> Session {
        Session::spawn_program(env!("CARGO_BIN_EXE_nianbao"), args, cols, rows, cwd, env)
    }

    /// Starts `nianbao ARGS...` at 80×24 in `dir`, kept apart from the user's own: its state
    /// folder (`XDG_STATE_HOME`, where the registry of drafts lives) is `dir/state`, and
    /// `NO_COLOR=1`; then `env`, whose entries win over these (e.g. [`DRAFT_TIMER_OFF`]).
    pub fn spawn_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Session {
        let state = dir.join("state");
        let state = state.to_str().expect("a UTF-8 temporary path");
        let mut all = vec![("XDG_STATE_HOME", state), ("NO_COLOR", "1")];
        all.extend_from_slice(env);
        Session::spawn(args, 80, 24, dir, &all)
    }

    /// Starts any `PROGRAM ARGS...` the same way (another program to compare with, e.g. vim).
    pub fn spawn_program(
        program: &str,
        args: &[&str],
        cols: u16,
        rows: u16,
        cwd: &Path,
        env: &[(&str, &str)],
    ) -> Session {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(cwd);
        cmd.env("TERM", "xterm-256color");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn nianbao");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let bytes = Arc::new(Mutex::new(0usize));
        let log = Arc::new(Mutex::new(Vec::new()));
        let (p, b, l) = (parser.clone(), bytes.clone(), log.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            // vt100 loses a UTF-8 character split between two `process` calls: a read can
            // end inside one, so its first bytes wait for the next read.
            let mut pending: Vec<u8> = Vec::new();
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                pending.extend_from_slice(&buf[..n]);
                let whole = complete_utf8(&pending);
                p.lock().unwrap().process(&pending[..whole]);
                pending.drain(..whole);
                l.lock().unwrap().extend_from_slice(&buf[..n]);
                *b.lock().unwrap() += n;
            }
        });
        Session {
            parser,
            bytes,
            log,
            writer,
            child,
            master: pair.master,
        }
    }

    /// The screen's text, one line per row.
    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Cursor position (row, col) as the emulator sees it.
    pub fn cursor(&self) -> (u16, u16) {
        self.parser.lock().unwrap().screen().cursor_position()
    }

    /// Runs `f` on the emulator's screen (colours, attributes, modes).
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self.parser.lock().unwrap().screen())
    }

    /// Total bytes the program has written to the terminal so far.
    pub fn bytes_written(&self) -> usize {
        *self.bytes.lock().unwrap()
    }

    /// The bytes the program wrote to the terminal from offset `from` (a `bytes_written`).
    pub fn output_since(&self, from: usize) -> Vec<u8> {
        self.log.lock().unwrap()[from..].to_vec()
    }

    /// Types raw bytes (keys, escape sequences, Chinese text).
    pub fn send(&mut self, bytes: impl AsRef<[u8]>) {
        self.writer.write_all(bytes.as_ref()).expect("write to pty");
        self.writer.flush().expect("flush pty");
    }

    /// Presses `key` `times` times in a row (e.g. Tab to the eighth field).
    pub fn send_times(&mut self, key: &str, times: usize) {
        for _ in 0..times {
            self.send(key);
        }
    }

    /// Types text, one character at a time, as a person (or an input method) would.
    pub fn type_text(&mut self, text: &str) {
        for ch in text.chars() {
            let mut b = [0u8; 4];
            self.send(ch.encode_utf8(&mut b).as_bytes());
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    /// Pastes text as a terminal does with bracketed paste on.
    pub fn paste(&mut self, text: &str) {
        self.send(format!("\x1b[200~{text}\x1b[201~"));
    }

    /// Waits until the screen contains `needle`; panics with the screen if it never does.
    pub fn wait_for(&self, needle: &str) {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if self.screen().contains(needle) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("screen never showed {needle:?}; screen:\n{}", self.screen());
    }

    /// Waits until `pred` holds for the screen text.
    pub fn wait_until(&self, what: &str, pred: impl Fn(&str) -> bool) {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if pred(&self.screen()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("screen never satisfied {what}; screen:\n{}", self.screen());
    }

    /// Waits until no output has arrived for `quiet` (the program is idle).
    pub fn settle(&self, quiet: Duration) {
        self.settle_within(quiet, Duration::from_millis(10), TIMEOUT);
    }

    /// Waits until no output has arrived for `quiet`, looking every `poll` (the benchmarks
    /// poll finely), and returns after `limit` in any case (a program that never goes quiet
    /// does not fail here: the caller's next check says what is wrong).
    pub fn settle_within(&self, quiet: Duration, poll: Duration, limit: Duration) {
        let start = Instant::now();
        let mut last = self.bytes_written();
        let mut since = Instant::now();
        while start.elapsed() < limit {
            std::thread::sleep(poll);
            let now = self.bytes_written();
            if now != last {
                last = now;
                since = Instant::now();
            } else if since.elapsed() >= quiet {
                return;
            }
        }
    }

    /// Resizes the terminal (the program gets SIGWINCH).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        // The emulator first: the program redraws as soon as it gets SIGWINCH, and that
        // redraw must be read at the new size.
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(rows, cols);
        self.resize_pty_only(cols, rows);
    }

    /// Resizes only the pseudo-terminal, not the emulator (which keeps showing the top-left
    /// corner): for window sizes the test itself could not hold (65535×65535).
    pub fn resize_pty_only(&mut self, cols: u16, rows: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize");
    }

    /// The wizard's way out after the work: Ctrl-S, waits until the status line says `saved`
    /// (e.g. `已保存到 r.yaml`), Esc (closes the list of remaining findings, if shown), and once
    /// that key has been taken on its own, Ctrl-Q; the wizard must then exit with 0.
    pub fn save_and_quit(&mut self, saved: &str) {
        self.send(keys::CTRL_S);
        self.wait_for(saved);
        self.send(keys::ESC);
        // A quiet pause, so that Esc and Ctrl-Q do not arrive as one Alt-Ctrl-Q.
        self.settle(Duration::from_millis(100));
        self.send(keys::CTRL_Q);
        assert_eq!(self.wait_exit(), 0, "the wizard's exit code after saving");
    }

    /// Asserts that the program gave the terminal back as it found it: the main screen, the
    /// cursor shown, bracketed paste off (call after it has exited).
    pub fn assert_terminal_given_back(&self) {
        self.with_screen(|screen| {
            assert!(!screen.alternate_screen(), "still on the alternate screen");
            assert!(!screen.hide_cursor(), "cursor still hidden");
            assert!(!screen.bracketed_paste(), "bracketed paste still on");
        });
    }

    /// Waits for the program to exit and returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("program did not exit; screen:\n{}", self.screen());
    }

    /// The program's process id.
    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

/// How many bytes of `b` end on a whole UTF-8 character (all but an unfinished one at the end).
fn complete_utf8(b: &[u8]) -> usize {
    for back in 1..=3.min(b.len()) {
        let byte = b[b.len() - back];
        if byte & 0xC0 == 0x80 {
            continue; // a continuation byte: look further back for the lead byte
        }
        let len = match byte {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => 1,
        };
        return if len > back { b.len() - back } else { b.len() };
    }
    b.len()
}

/// Key sequences as a terminal sends them.
pub mod keys {
    pub const TAB: &str = "\t";
    pub const BACKTAB: &str = "\x1b[Z";
    pub const ENTER: &str = "\r";
    pub const ESC: &str = "\x1b";
    pub const BACKSPACE: &str = "\x7f";
    pub const UP: &str = "\x1b[A";
    pub const DOWN: &str = "\x1b[B";
    pub const RIGHT: &str = "\x1b[C";
    pub const LEFT: &str = "\x1b[D";
    pub const HOME: &str = "\x1b[H";
    pub const END: &str = "\x1b[F";
    pub const PAGE_UP: &str = "\x1b[5~";
    pub const PAGE_DOWN: &str = "\x1b[6~";
    pub const F1: &str = "\x1bOP";
    pub const CTRL_C: &str = "\x03";
    pub const CTRL_N: &str = "\x0e";
    pub const CTRL_P: &str = "\x10";
    pub const CTRL_Q: &str = "\x11";
    pub const CTRL_S: &str = "\x13";
    pub const CTRL_U: &str = "\x15";
    pub const CTRL_Y: &str = "\x19";
    pub const CTRL_Z: &str = "\x1a";
}
