#![allow(dead_code)]
//! Running the real binary as a script would (with a deadline where it could hang, so that a
//! hang fails the test instead of stopping the suite), and watching processes.

use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

/// Starts `cmd` and waits for it at most `limit`; a child still running then is killed and
/// the test fails naming `what`.
pub fn output_within(cmd: &mut Command, limit: Duration, what: &str) -> Output {
    let child = cmd.spawn().unwrap();
    let pid = child.id() as i32;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(limit) {
        Ok(out) => out.unwrap(),
        Err(_) => {
            // SAFETY: the pid of the child we started.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            panic!("nianbao {what} hung");
        }
    }
}

/// The child's standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs `nianbao ARGS` in the folder `dir` and waits for it (no deadline: for commands that
/// cannot wait on a terminal).
pub fn nianbao_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run nianbao")
}

/// Runs `nianbao ARGS` in the crate's root (where `examples/` is): its exit code (-1 when a
/// signal ended it), standard output, and standard error as text.
pub fn in_crate_root(args: &[&str]) -> (i32, Vec<u8>, String) {
    let out = nianbao_in(Path::new(env!("CARGO_MANIFEST_DIR")), args);
    let err = stderr(&out);
    (out.status.code().unwrap_or(-1), out.stdout, err)
}

/// True while the process `pid` runs: a zombie (`Z`, ended but not reaped yet) or a dead
/// one (`X`) has ended, and so has one that `/proc` no longer lists.
pub fn alive(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => {
            // The state follows the command name in parentheses.
            let state = stat
                .rsplit(')')
                .next()
                .and_then(|s| s.split_whitespace().next());
            state != Some("Z") && state != Some("X")
        }
        Err(_) => false,
    }
}
