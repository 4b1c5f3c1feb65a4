//! Issue 12 items 9–12 through the real binary in a pseudo-terminal: every way out of every
//! screen gives the terminal back; a signal to the viewer reaches the wizard it opened; a
//! huge window. (An unterminated bracketed paste, item 12: tests/harden_input.rs.)
mod common;
use common::examples::write_report;
use common::process::alive;
use common::pty::{Session, DRAFT_TIMER_OFF};
use std::path::Path;
use std::time::Duration;

fn spawn(dir: &Path, args: &[&str]) -> Session {
    Session::spawn_in(dir, args, &[DRAFT_TIMER_OFF])
}

fn signal(pid: u32, sig: i32) {
    // SAFETY: kill with the pid of a child we started.
    assert_eq!(unsafe { libc::kill(pid as i32, sig) }, 0);
}

/// Waits (the last bytes may still be on their way through the pseudo-terminal) until the
/// terminal is given back: main screen, cursor shown, bracketed paste off.
fn assert_terminal_given_back(s: &Session) {
    let back = |s: &Session| {
        s.with_screen(|screen| {
            !screen.alternate_screen() && !screen.hide_cursor() && !screen.bracketed_paste()
        })
    };
    for _ in 0..100 {
        if back(s) {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    s.with_screen(|screen| {
        panic!(
            "terminal not given back: alternate screen {}, cursor hidden {}, bracketed paste {}; screen:\n{}",
            screen.alternate_screen(),
            screen.hide_cursor(),
            screen.bracketed_paste(),
            screen.contents()
        )
    });
}

#[test]
fn sigint_to_the_viewer_gives_the_terminal_back() {
    for sig in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP, libc::SIGQUIT] {
        let dir = tempfile::tempdir().unwrap();
        write_report(dir.path(), "r.yaml", "淮安市人民政府");
        let mut s = spawn(dir.path(), &["view", "r.yaml"]);
        s.wait_for("淮安市人民政府");
        s.with_screen(|screen| assert!(screen.alternate_screen()));
        signal(s.pid().unwrap(), sig);
        assert_eq!(s.wait_exit(), 128 + sig as u32, "signal {sig}");
        assert_terminal_given_back(&s);
    }
}

/// The pids of the processes whose parent is `parent`.
fn children_of(parent: u32) -> Vec<u32> {
    let mut out = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        // pid (comm) state ppid …; comm may hold spaces, so split after the last ')'.
        let Some(rest) = stat.rsplit_once(") ").map(|(_, r)| r) else {
            continue;
        };
        if rest.split(' ').nth(1).and_then(|p| p.parse::<u32>().ok()) == Some(parent) {
            out.push(pid);
        }
    }
    out
}

#[test]
fn sigterm_to_the_viewer_reaches_the_wizard_it_opened() {
    let dir = tempfile::tempdir().unwrap();
    write_report(dir.path(), "r.yaml", "甲");
    // As from a login shell: the shell leads the session, so the viewer's end does not
    // hang up the terminal (which would stop the wizard by itself).
    let state = dir.path().join("state");
    let script = format!(
        "XDG_STATE_HOME={} NIANBAO_TEST_DRAFT_DELAY_MS=600000 {} view r.yaml; echo VIEWER-ENDED; exec sleep 30",
        state.display(),
        env!("CARGO_BIN_EXE_nianbao")
    );
    let s = Session::spawn_program(
        "sh",
        &["-c", &script],
        80,
        24,
        dir.path(),
        &[("NO_COLOR", "1")],
    );
    let shell = s.pid().unwrap();
    s.wait_for("甲");
    let viewer = children_of(shell);
    assert_eq!(viewer.len(), 1, "{viewer:?}");
    let viewer = viewer[0];
    let mut s = s;
    s.send("e");
    s.wait_for("机关名称");
    s.send("乙");
    s.wait_for("甲乙");
    let wizard = children_of(viewer);
    assert_eq!(wizard.len(), 1, "{wizard:?}");
    let wizard = wizard[0];
    signal(viewer, libc::SIGTERM);
    s.wait_for("VIEWER-ENDED");
    // The wizard got the signal too: it wrote its draft and ended (no orphan holding the
    // lock), and the terminal is the shell's again.
    for _ in 0..200 {
        if !alive(wizard) {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(!alive(wizard), "the wizard outlived the viewer");
    assert!(
        !dir.path().join(".r.yaml.lock").exists(),
        "lock left behind"
    );
    let draft = nianbao::persist::draft_path(&dir.path().join("r.yaml"));
    assert_eq!(
        nianbao::yaml::load_file(&draft).unwrap().report.agency,
        "甲乙"
    );
    assert_terminal_given_back(&s);
    s.wait_for("填写向导也收到了这个信号");
}

#[test]
fn a_huge_window_is_clamped_and_said_so() {
    let dir = tempfile::tempdir().unwrap();
    write_report(dir.path(), "r.yaml", "淮安市人民政府");
    for args in [&["view", "r.yaml"][..], &["edit", "r.yaml"][..]] {
        let mut s = spawn(dir.path(), args);
        s.wait_for("淮安市人民政府");
        for (cols, rows) in [(65535, 65535), (10000, 10000)] {
            s.resize_pty_only(cols, rows);
            s.wait_for(&format!("终端窗口过大（现在 {cols}×{rows}）"));
        }
        s.resize_pty_only(80, 24);
        s.wait_until("the report again", |screen| {
            screen.contains("淮安市人民政府") && !screen.contains("终端窗口过大")
        });
        signal(s.pid().unwrap(), libc::SIGTERM);
        assert_eq!(s.wait_exit(), 143, "{args:?}");
        assert_terminal_given_back(&s);
    }
    assert!(!dir.path().join(".r.yaml.lock").exists());
}

#[test]
fn a_huge_window_at_start_is_clamped_too() {
    let dir = tempfile::tempdir().unwrap();
    write_report(dir.path(), "r.yaml", "淮安市人民政府");
    let mut s = spawn(dir.path(), &["new", "n.yaml"]);
    s.resize_pty_only(65535, 65535);
    s.wait_for("终端窗口过大（现在 65535×65535）");
    s.resize_pty_only(80, 24);
    s.wait_for("机关名称");
    s.send("\x11");
    assert_eq!(s.wait_exit(), 0);
}
