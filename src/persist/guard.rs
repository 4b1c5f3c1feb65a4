//! What happens when the wizard is stopped from outside: SIGHUP (the SSH link dropped),
//! SIGTERM, SIGINT, a terminal that hung up, and panics.
//!
//! The wizard's main thread may be blocked where it cannot see a flag: the input reader's
//! poll waits for the terminal (and crossterm's, with `NIANBAO_INPUT=crossterm`, retries
//! after a signal interrupts it and, once the terminal is gone, spins on reads that return
//! nothing). So the work is done by two small threads of this module
//! instead: one waits for the signals, one waits (in `poll(2)`, costing nothing) for the
//! terminal to hang up. Either writes the pending draft at once, gives the terminal back if
//! it is still there, says where the draft is, and ends the process — it never lingers
//! after the link is gone. The panic hook does the same without ending the process.
//!
//! Every screen (the wizard, the recovery prompt, the viewer) goes through this one path.
//! The guard knows nothing of terminals: the shell gives it the way to restore the terminal
//! ([`set_restore_hook`]). A screen that runs another nianbao in its terminal (the viewer's
//! `e`) names the child ([`set_child`]): a signal is then passed on to the child, which
//! writes its draft and gives the terminal back itself, and this process ends after it.

use super::draft::DraftHandle;
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use std::io::{self, Write};
use std::os::fd::{AsRawFd, RawFd};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The exit status after the terminal hung up (as after SIGHUP: 128 + 1).
pub const HANGUP_EXIT: i32 = 128 + SIGHUP;

/// Why the process is being ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// A signal arrived.
    Signal(i32),
    /// The terminal hung up (reads fail or report end of file, writes fail).
    TerminalGone,
}

impl Reason {
    /// The exit status: 128 + the signal number.
    pub fn exit_code(self) -> i32 {
        match self {
            Reason::Signal(s) => 128 + s,
            Reason::TerminalGone => HANGUP_EXIT,
        }
    }

    fn describe(self) -> String {
        match self {
            Reason::Signal(SIGHUP) => "终端连接已断开（SIGHUP）".into(),
            Reason::Signal(SIGTERM) => "收到终止信号（SIGTERM）".into(),
            Reason::Signal(SIGINT) => "收到中断信号（SIGINT）".into(),
            Reason::Signal(SIGQUIT) => "收到退出信号（SIGQUIT）".into(),
            Reason::Signal(s) => format!("收到信号 {s}"),
            Reason::TerminalGone => "终端连接已断开".into(),
        }
    }
}

struct State {
    /// `None` while no report is being edited (the recovery prompt).
    drafts: Option<DraftHandle>,
    report: PathBuf,
}

/// The one active guard's state (the wizard runs once per process; tests may install more
/// than one, the latest wins).
static ACTIVE: Mutex<Option<Arc<State>>> = Mutex::new(None);
static THREADS: std::sync::Once = std::sync::Once::new();
static EXITING: AtomicBool = AtomicBool::new(false);
/// How the shell gives the terminal back (set by `tui::terminal::enter`).
static RESTORE: std::sync::OnceLock<fn() -> io::Result<()>> = std::sync::OnceLock::new();
/// The nianbao this process runs in its terminal, if any (0: none).
static CHILD: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(0);

/// Tells the guard how to give the terminal back; the first hook given stays.
pub fn set_restore_hook(hook: fn() -> io::Result<()>) {
    let _ = RESTORE.set(hook);
}

/// Names the child process that now owns the terminal (`None`: it ended). While it runs, a
/// signal is passed on to it and the guard waits for it instead of touching the terminal.
pub fn set_child(pid: Option<u32>) {
    let pid = pid.and_then(|p| i32::try_from(p).ok()).unwrap_or(0);
    CHILD.store(pid, Ordering::SeqCst);
}

/// True once a signal or a hang-up is ending the process: a thread that sees it (the viewer
/// after its wizard ended) must not touch the terminal again; the process ends shortly.
pub fn exiting() -> bool {
    EXITING.load(Ordering::SeqCst)
}

/// For a thread that finds the process [`exiting`]: waits for the end without touching
/// anything.
pub fn park_while_exiting() {
    while exiting() {
        std::thread::park_timeout(Duration::from_secs(1));
    }
}

fn run_restore_hook() {
    if let Some(hook) = RESTORE.get() {
        let _ = hook();
    }
}

/// Passes `sig` on to the child and waits (at most a few seconds) until it has ended —
/// without reaping it, which is its parent thread's business. True when there was a child.
fn forward_to_child(sig: i32) -> bool {
    let pid = CHILD.load(Ordering::SeqCst);
    if pid <= 0 {
        return false;
    }
    // SAFETY: kill and waitid on the pid of our own child; `info` is a valid out-pointer.
    unsafe {
        libc::kill(pid, sig);
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while std::time::Instant::now() < deadline {
            let mut info: libc::siginfo_t = std::mem::zeroed();
            let r = libc::waitid(
                libc::P_PID,
                pid as libc::id_t,
                &mut info,
                libc::WEXITED | libc::WNOHANG | libc::WNOWAIT,
            );
            if r != 0 || info.si_pid() != 0 {
                break; // ended (or already reaped)
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
    true
}

fn active() -> Option<Arc<State>> {
    ACTIVE.lock().ok().and_then(|g| g.clone())
}

/// While it lives, signals, a hung-up terminal and panics write the draft of the wizard's
/// report before the process ends. Dropping it (the wizard ended normally) disarms it:
/// signals then end the process as they would by default.
#[derive(Debug)]
pub struct Guard {
    _private: (),
}

impl Guard {
    /// Arms the guard for the drafts of `report` (a path used in the messages).
    pub fn install(drafts: DraftHandle, report: &Path) -> io::Result<Guard> {
        Guard::arm(Some(drafts), report)
    }

    /// Arms the guard before anything is edited (the recovery prompt): signals and a hung-up
    /// terminal still give the terminal back and end the process; the draft on disk stays.
    pub fn install_without_drafts(report: &Path) -> io::Result<Guard> {
        Guard::arm(None, report)
    }

    fn arm(drafts: Option<DraftHandle>, report: &Path) -> io::Result<Guard> {
        let state = Arc::new(State {
            drafts,
            report: report.to_path_buf(),
        });
        if let Ok(mut g) = ACTIVE.lock() {
            *g = Some(state);
        }
        let mut result = Ok(());
        THREADS.call_once(|| result = start_threads());
        result?;
        Ok(Guard { _private: () })
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        if let Ok(mut g) = ACTIVE.lock() {
            *g = None;
        }
    }
}

fn start_threads() -> io::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT, SIGQUIT])?;
    std::thread::Builder::new()
        .name("nianbao-signals".into())
        .spawn(move || {
            for sig in signals.forever() {
                if active().is_some() {
                    end(Reason::Signal(sig));
                } else {
                    let _ = signal_hook::low_level::emulate_default_handler(sig);
                }
            }
        })?;
    if let Some(tty) = open_tty() {
        std::thread::Builder::new()
            .name("nianbao-hangup".into())
            .spawn(move || {
                wait_for_hangup(tty.as_raw_fd());
                if active().is_some() {
                    end(Reason::TerminalGone);
                }
            })?;
    }
    install_panic_hook();
    Ok(())
}

/// The terminal the wizard reads: standard input when it is one, else `/dev/tty`.
fn open_tty() -> Option<std::fs::File> {
    // SAFETY: isatty only inspects the descriptor.
    if unsafe { libc::isatty(0) } == 1 {
        // Duplicate it so our descriptor stays valid whatever the rest of the program does.
        // SAFETY: dup returns a new descriptor we own, or -1.
        let fd = unsafe { libc::dup(0) };
        if fd >= 0 {
            // SAFETY: `fd` is a fresh descriptor owned by nobody else.
            return Some(unsafe { <std::fs::File as std::os::fd::FromRawFd>::from_raw_fd(fd) });
        }
    }
    std::fs::File::open("/dev/tty").ok()
}

/// Blocks until the terminal behind `fd` hangs up. Asking `poll(2)` for no event at all
/// still reports POLLHUP / POLLERR / POLLNVAL, so this wakes only when the terminal is gone.
fn wait_for_hangup(fd: RawFd) {
    loop {
        let mut pfd = libc::pollfd {
            fd,
            events: 0,
            revents: 0,
        };
        // SAFETY: one valid pollfd for the duration of the call.
        let n = unsafe { libc::poll(&mut pfd, 1, -1) };
        if n > 0 && pfd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
            return;
        }
        if n < 0 && io::Error::last_os_error().kind() != io::ErrorKind::Interrupted {
            return;
        }
    }
}

/// True when an error from reading or writing the terminal means it is gone (the SSH link
/// dropped): end of file, EIO, ENXIO, a broken pipe. The wizard's loop then calls
/// [`terminal_gone`].
pub fn is_terminal_gone(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::UnexpectedEof | io::ErrorKind::BrokenPipe
    ) || matches!(
        e.raw_os_error(),
        Some(libc::EIO) | Some(libc::ENXIO) | Some(libc::EBADF)
    )
}

/// The terminal is gone: writes the draft and ends the process ([`HANGUP_EXIT`]). For the
/// wizard's loop when a read or a draw fails with an error [`is_terminal_gone`] accepts.
pub fn terminal_gone() -> ! {
    end(Reason::TerminalGone)
}

/// Writes the draft, gives the terminal back, says where the draft is, ends the process.
fn end(reason: Reason) -> ! {
    if EXITING.swap(true, Ordering::SeqCst) {
        // Another thread is already doing this; it ends the process.
        loop {
            std::thread::park();
        }
    }
    let state = active();
    let drafts = state.as_ref().and_then(|s| s.drafts.as_ref());
    let draft = drafts.map(|d| d.flush());
    let sig = match reason {
        Reason::Signal(s) => s,
        Reason::TerminalGone => SIGHUP,
    };
    // The child owns the terminal now: it writes its draft and gives the terminal back.
    let had_child = forward_to_child(sig);
    if reason != Reason::TerminalGone && !had_child {
        restore_terminal();
    }
    let mut msg = format!("nianbao：{}，已退出。", reason.describe());
    if had_child {
        msg.push_str("填写向导也收到了这个信号（未保存的修改写入它的草稿）。");
    }
    if let (Some(s), Some(_)) = (&state, drafts) {
        msg.push_str(&where_is_the_draft(draft, &s.report));
    }
    let _ = writeln!(io::stderr(), "{msg}");
    super::lock::remove_held();
    std::process::exit(reason.exit_code())
}

fn where_is_the_draft(draft: Option<io::Result<Option<PathBuf>>>, report: &Path) -> String {
    let report = crate::text::clean_line(&report.display().to_string()).into_owned();
    match draft {
        Some(Ok(Some(p))) => format!(
            "未保存的修改已写入草稿 {}；再次打开 {report} 时可以恢复。",
            crate::text::clean_line(&p.display().to_string())
        ),
        Some(Ok(None)) | None => "没有未保存的修改。".into(),
        Some(Err(e)) => format!("草稿无法写入（{e}），最近的修改可能丢失。"),
    }
}

/// Gives the terminal back, but never waits for it more than a moment: another thread may
/// hold standard output while its terminal is stuck.
fn restore_terminal() {
    let (tx, rx) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("nianbao-restore".into())
        .spawn(move || {
            run_restore_hook();
            let _ = tx.send(());
        });
    if spawned.is_ok() {
        let _ = rx.recv_timeout(Duration::from_millis(500));
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let state = active();
        // First the draft (without waiting: the panic may have happened while writing it).
        let drafts = state.as_ref().and_then(|s| s.drafts.as_ref());
        let draft = drafts.map(|d| d.try_flush());
        if state.is_some() {
            run_restore_hook();
        }
        previous(info);
        if let (Some(s), Some(_)) = (&state, drafts) {
            let _ = writeln!(
                io::stderr(),
                "nianbao 出现内部错误。{}",
                where_is_the_draft(draft, &s.report)
            );
        }
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_errors_are_recognised() {
        assert!(is_terminal_gone(&io::Error::from_raw_os_error(libc::EIO)));
        assert!(is_terminal_gone(&io::Error::from(
            io::ErrorKind::UnexpectedEof
        )));
        assert!(!is_terminal_gone(&io::Error::from(
            io::ErrorKind::Interrupted
        )));
    }

    #[test]
    fn messages_say_where_the_draft_is() {
        let m = where_is_the_draft(
            Some(Ok(Some(PathBuf::from("/d/.r.yaml.draft")))),
            Path::new("r.yaml"),
        );
        assert_eq!(
            m,
            "未保存的修改已写入草稿 /d/.r.yaml.draft；再次打开 r.yaml 时可以恢复。"
        );
        assert_eq!(
            where_is_the_draft(Some(Ok(None)), Path::new("r.yaml")),
            "没有未保存的修改。"
        );
        assert_eq!(Reason::Signal(SIGHUP).exit_code(), 129);
        assert_eq!(
            Reason::Signal(SIGTERM).describe(),
            "收到终止信号（SIGTERM）"
        );
    }
}
