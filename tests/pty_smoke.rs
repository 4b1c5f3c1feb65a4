//! The PTY harness itself works: `nianbao check` in a pseudo-terminal prints its findings.
mod common;
use common::pty::Session;

#[test]
fn check_runs_in_a_pseudo_terminal() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut s = Session::spawn(
        &["check", "examples/hongze-2023.yaml"],
        80,
        24,
        root.as_ref(),
        &[("NO_COLOR", "1")],
    );
    s.wait_for("2 处错误");
    assert_eq!(s.wait_exit(), 1);
    assert!(s.screen().contains("C1 错误"), "{}", s.screen());
}
