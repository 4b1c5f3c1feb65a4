#![allow(dead_code)]
//! Running the real binary as a script would: with a deadline, so that a hang fails the test
//! instead of stopping the suite.

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
