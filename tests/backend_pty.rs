//! The real program through a pseudo-terminal, drawn by our backend and by ratatui's
//! (`NIANBAO_DRAW=ratatui`): the same screens after typing, a step change, a resize and
//! Ctrl-L, and fewer bytes (issue 17). Nothing is drawn twice: a full redraw prints at most
//! one character per cell.
mod common;

use common::pty::{keys, Session};
use std::time::Duration;

/// Printed characters in a byte stream (escape sequences left out), counting a wide
/// character once.
fn printed(bytes: &[u8]) -> usize {
    let s = String::from_utf8_lossy(bytes);
    let mut n = 0;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\x1b' => {
                if let Some('[') = chars.next() {
                    for c in chars.by_ref() {
                        if ('\x40'..='\x7e').contains(&c) {
                            break;
                        }
                    }
                }
            }
            c if c.is_control() => {}
            _ => n += 1,
        }
    }
    n
}

struct Run {
    screens: Vec<String>,
    bytes: Vec<usize>,
    /// Characters printed by each full redraw (resize, Ctrl-L) and the screen's cells.
    redraws: Vec<(usize, usize)>,
}

/// Sends `input` (or resizes) and records the screen and the bytes it cost.
fn step(s: &mut Session, run: &mut Run, input: &str) {
    let before = s.bytes_written();
    s.send(input);
    s.settle(Duration::from_millis(150));
    run.screens.push(s.screen());
    run.bytes.push(s.bytes_written() - before);
}

fn resize(s: &mut Session, run: &mut Run, cols: u16, rows: u16) {
    let before = s.bytes_written();
    s.resize(cols, rows);
    s.settle(Duration::from_millis(200));
    run.screens.push(s.screen());
    run.redraws.push((
        printed(&s.output_since(before)),
        usize::from(cols) * usize::from(rows),
    ));
}

fn wizard(env: &[(&str, &str)]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::spawn(&["new", "t.yaml"], 80, 24, dir.path(), env);
    s.wait_for("F1 全部按键");
    s.settle(Duration::from_millis(150));
    let mut run = Run {
        screens: vec![s.screen()],
        bytes: vec![],
        redraws: vec![],
    };
    step(&mut s, &mut run, "淮安市人民政府办公室");
    for _ in 0..3 {
        // A step change is (nearly) the whole screen: at most one character per cell too.
        let before = s.bytes_written();
        step(&mut s, &mut run, keys::PAGE_DOWN);
        run.redraws
            .push((printed(&s.output_since(before)), 80 * 24));
    }
    for k in ["1", "2", "3", keys::TAB, "8", "9", keys::TAB, "1"] {
        step(&mut s, &mut run, k);
    }
    step(&mut s, &mut run, keys::PAGE_UP);
    step(&mut s, &mut run, keys::PAGE_UP);
    step(&mut s, &mut run, keys::TAB);
    step(&mut s, &mut run, "本机关认真贯彻落实条例");
    resize(&mut s, &mut run, 100, 30);
    resize(&mut s, &mut run, 80, 24);
    s.send(keys::CTRL_Q);
    s.send("y");
    s.wait_exit();
    run
}

fn viewer(env: &[(&str, &str)]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let src = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/hongze-2023.yaml");
    std::fs::copy(src, dir.path().join("h.yaml")).unwrap();
    let mut s = Session::spawn(&["view", "h.yaml"], 80, 24, dir.path(), env);
    s.wait_for("F1");
    s.settle(Duration::from_millis(150));
    let mut run = Run {
        screens: vec![s.screen()],
        bytes: vec![],
        redraws: vec![],
    };
    for _ in 0..12 {
        step(&mut s, &mut run, keys::DOWN);
    }
    for k in [
        "3",
        keys::DOWN,
        keys::DOWN,
        "n",
        keys::UP,
        keys::PAGE_DOWN,
        keys::END,
        keys::UP,
    ] {
        step(&mut s, &mut run, k);
    }
    let before = s.bytes_written();
    step(&mut s, &mut run, "\x0c");
    run.redraws
        .push((printed(&s.output_since(before)), 80 * 24));
    resize(&mut s, &mut run, 100, 30);
    s.send("q");
    s.wait_exit();
    run
}

fn same(ours: &Run, theirs: &Run) {
    assert_eq!(ours.screens.len(), theirs.screens.len());
    // A space written and a cell left blank (a scrolled-in row) read the same.
    let norm = |s: &str| s.lines().map(str::trim_end).collect::<Vec<_>>().join("\n");
    for (i, (a, b)) in ours.screens.iter().zip(&theirs.screens).enumerate() {
        assert_eq!(norm(a), norm(b), "screen {i} differs");
    }
    let (a, b): (usize, usize) = (ours.bytes.iter().sum(), theirs.bytes.iter().sum());
    assert!(a < b, "ours wrote {a} bytes, ratatui's {b}");
    for (printed, cells) in &ours.redraws {
        assert!(
            printed <= cells,
            "a full redraw or step change printed {printed} characters on {cells} cells: something was drawn twice"
        );
    }
}

#[test]
fn the_wizard_looks_the_same_through_both_backends() {
    same(&wizard(&[]), &wizard(&[("NIANBAO_DRAW", "ratatui")]));
}

#[test]
fn the_viewer_looks_the_same_through_both_backends() {
    same(&viewer(&[]), &viewer(&[("NIANBAO_DRAW", "ratatui")]));
}
