//! Shared by the benchmarks that drive the real binary in a pseudo-terminal (`bytes`,
//! `wizard`): the tests' PTY session, and waiting for quiet as a benchmark needs it.
#![allow(dead_code)]

#[path = "../../tests/common/pty.rs"]
pub mod pty;

use pty::Session;
use std::time::Duration;

/// Waits until no output has come for `quiet`, polling finely (every 2 ms, so that the
/// figures are not rounded up to a coarse poll), for at most 10 s.
pub fn settle(s: &Session, quiet: Duration) {
    s.settle_within(quiet, Duration::from_millis(2), Duration::from_secs(10));
}
