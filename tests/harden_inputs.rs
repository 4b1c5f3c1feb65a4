//! Issue 12 items 5–6: a FIFO or a device given as FILE never blocks or fills the memory;
//! the files after it are still read; every read is bounded before it starts.
mod common;
use common::examples::write_report;
use common::process::{output_within, stderr};
use common::pty::Session;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_nianbao");

fn mkfifo(p: &Path) {
    let c = std::ffi::CString::new(p.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o666) }, 0);
}

/// Runs nianbao with a deadline and at most 1 GiB of address space: a hang or an unbounded
/// read fails the test instead of the machine.
fn run_in(dir: &Path, args: &[&str]) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("XDG_STATE_HOME", dir.join("state"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // SAFETY: setrlimit is async-signal-safe; it only limits the child.
    unsafe {
        cmd.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: 1 << 30,
                rlim_max: 1 << 30,
            };
            libc::setrlimit(libc::RLIMIT_AS, &limit);
            Ok(())
        });
    }
    output_within(&mut cmd, Duration::from_secs(20), &format!("{args:?}"))
}

#[test]
fn check_refuses_a_fifo_and_goes_on_with_the_next_file() {
    let dir = tempfile::tempdir().unwrap();
    write_report(dir.path(), "a.yaml", "甲");
    mkfifo(&dir.path().join("fifo"));
    let out = run_in(dir.path(), &["check", "fifo", "a.yaml"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("fifo") && err.contains("FIFO（命名管道）"),
        "{err}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("a.yaml"),
        "a.yaml was not checked: {stdout}"
    );
}

#[test]
fn import_edit_and_check_refuse_devices_and_fifos_at_once() {
    let dir = tempfile::tempdir().unwrap();
    mkfifo(&dir.path().join("fifo"));
    for args in [
        &["import", "fifo"][..],
        &["import", "/dev/zero"][..],
        &["edit", "fifo"][..],
        &["edit", "/dev/zero"][..],
        &["check", "/dev/zero"][..],
        &["check", "/dev/urandom"][..],
    ] {
        let out = run_in(dir.path(), args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains("FIFO（命名管道）") || err.contains("设备文件"),
            "{args:?}: {err}"
        );
    }
}

/// Runs nianbao to its end and returns (exit code, peak resident memory in KiB, stderr).
// The child is reaped by `wait4` (which also gives its peak memory), not `Child::wait`.
#[allow(clippy::zombie_processes)]
fn run_measured(dir: &Path, args: &[&str]) -> (i32, i64, String) {
    let err_path = dir.join("stderr.txt");
    let child = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("XDG_STATE_HOME", dir.join("state"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .unwrap();
    let pid = child.id() as i32;
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flag = done.clone();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(30));
        if !flag.load(std::sync::atomic::Ordering::SeqCst) {
            // SAFETY: kill on the pid of our child, not yet reaped (it hangs).
            unsafe { libc::kill(pid, libc::SIGKILL) };
        }
    });
    let mut status = 0;
    // SAFETY: rusage is a plain C struct; wait4 fills it for our child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    assert_eq!(r, pid);
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        128 + libc::WTERMSIG(status)
    };
    (
        code,
        usage.ru_maxrss,
        std::fs::read_to_string(err_path).unwrap_or_default(),
    )
}

#[test]
fn a_huge_file_is_refused_without_reading_it_whole() {
    let dir = tempfile::tempdir().unwrap();
    // 600 MiB, sparse (no disk used): a reader that takes it whole holds 600 MiB.
    let f = std::fs::File::create(dir.path().join("huge.yaml")).unwrap();
    f.set_len(600 << 20).unwrap();
    drop(f);
    for args in [&["edit", "huge.yaml"][..], &["check", "huge.yaml"][..]] {
        let (code, peak_kib, err) = run_measured(dir.path(), args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains("文件超过 10 MiB"), "{args:?}: {err}");
        assert!(
            peak_kib < 150 * 1024,
            "{args:?} held {} MiB for a file it refuses",
            peak_kib / 1024
        );
    }
}

#[test]
fn the_viewer_shows_a_fifo_as_unreadable_and_stays_responsive() {
    let dir = tempfile::tempdir().unwrap();
    write_report(dir.path(), "a.yaml", "淮安市人民政府");
    mkfifo(&dir.path().join("fifo"));
    let mut s = Session::spawn(
        &["view", "a.yaml", "fifo"],
        80,
        24,
        dir.path(),
        &[("NO_COLOR", "1")],
    );
    s.wait_for("淮安市人民政府");
    s.send("]");
    s.wait_for("FIFO");
    s.send("[");
    s.wait_for("淮安市人民政府");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
