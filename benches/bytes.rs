//! Bytes written to the terminal per key (issue 17), through a real pseudo-terminal at 80x24,
//! printed, not asserted: nianbao with our backend, nianbao with ratatui's own
//! (`NIANBAO_DRAW=ratatui`), and vim for the same keys in the same terminal.
//!
//! - the issue's sequence: an agency name typed in step 1, PgDn three times to table B, then
//!   `1234567` Tab `89` Tab `12` (median bytes per digit, target ≤ 64; per Tab, ≤ 128);
//! - all 173 digits of huaian-2024's table B, Tab between cells (as `benches/wizard.rs`);
//! - the viewer scrolling a line (↓, 30 times, from the top of huaian-2024);
//! - typing Chinese (one character at a time, as an input method sends it) into a text part;
//! - a step change (PgDn), a resize, and the viewer's Ctrl-L (a full redraw each).
//!
//! vim: `vim -u NONE -i NONE -N` (no configuration); digits and Chinese typed in insert mode,
//! ↓ with the cursor on the screen's last line (so that every ↓ scrolls).
//!
//! `cargo bench --bench bytes` (the figures are bytes: `--profile dev` gives the same).
//! `BYTES_ONLY=lean` (or `ratatui`, `vim`) runs one of the three; `BYTES_DUMP=1` prints
//! every key's bytes, escape sequences shown, a line per cursor move.
mod common;

use common::pty::{keys, Session};
use common::settle;
use std::path::Path;
use std::time::Duration;

const QUIET: Duration = Duration::from_millis(30);
const CHINESE: &str = "本机关认真贯彻落实政府信息公开条例，主动公开政府信息一百五十四条。";

fn median(v: &[usize]) -> usize {
    let mut v = v.to_vec();
    v.sort_unstable();
    v[v.len() / 2]
}

/// Bytes written in answer to `input` (with `BYTES_DUMP=1`, also printed, escapes shown).
fn cost(s: &mut Session, input: &str) -> usize {
    let before = s.bytes_written();
    s.send(input);
    settle(s, QUIET);
    let n = s.bytes_written() - before;
    if std::env::var_os("BYTES_DUMP").is_some() {
        println!(
            "-- key {:?}: {n} bytes\n{}",
            input,
            escaped(&s.output_since(before))
        );
    }
    n
}

/// The bytes as text, ESC shown as `␛` and other control bytes as `\xNN`, a line break
/// before every cursor move so that each run of text stands on its own line.
fn escaped(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\x1b' => {
                let mut seq = String::from("␛");
                if chars.peek() == Some(&'[') {
                    seq.push(chars.next().unwrap());
                    while let Some(&d) = chars.peek() {
                        seq.push(d);
                        chars.next();
                        if ('@'..='~').contains(&d) {
                            break;
                        }
                    }
                } else if let Some(d) = chars.next() {
                    seq.push(d);
                }
                let moves = seq.len() > 2 && "HABCDGr".contains(seq.chars().last().unwrap());
                if moves {
                    out.push('\n');
                }
                out.push_str(&seq);
            }
            '\r' => out.push_str("\n\\r"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

#[derive(Default)]
struct Figures {
    digits: Vec<usize>,
    tabs: Vec<usize>,
    all_digits: Vec<usize>,
    all_tabs: Vec<usize>,
    down: Vec<usize>,
    /// For each ↓: its bytes less the UTF-8 of the line that came in (what any program must
    /// send for it).
    down_over: Vec<usize>,
    chinese: Vec<usize>,
    step: Option<usize>,
    resize: Option<usize>,
    repaint: Option<usize>,
}

fn issue_keys(s: &mut Session, f: &mut Figures) {
    for k in [
        "1",
        "2",
        "3",
        "4",
        "5",
        "6",
        "7",
        keys::TAB,
        "8",
        "9",
        keys::TAB,
        "1",
        "2",
    ] {
        let n = cost(s, k);
        if k == keys::TAB {
            f.tabs.push(n);
        } else {
            f.digits.push(n);
        }
    }
}

/// ↓ thirty times; `last` is the screen row the new line comes in at.
fn scroll_down(s: &mut Session, f: &mut Figures, last: usize) {
    for _ in 0..30 {
        let n = cost(s, keys::DOWN);
        let screen = s.screen();
        let line = screen.lines().nth(last).unwrap_or("").trim();
        f.down.push(n);
        f.down_over.push(n.saturating_sub(line.len()));
    }
}

fn nianbao(dir: &Path, env: &[(&str, &str)]) -> Figures {
    let mut f = Figures::default();
    let mut s = Session::spawn(&["new", "b.yaml"], 80, 24, dir, env);
    s.wait_for("F1 全部按键");
    settle(&s, Duration::from_millis(100));
    s.type_text("淮安市人民政府办公室");
    settle(&s, Duration::from_millis(100));
    for i in 0..3 {
        let n = cost(&mut s, keys::PAGE_DOWN);
        if i == 2 {
            f.step = Some(n);
        }
    }
    s.wait_for("申请人情况");
    issue_keys(&mut s, &mut f);
    let before = s.bytes_written();
    s.resize(100, 30);
    settle(&s, Duration::from_millis(200));
    f.resize = Some(s.bytes_written() - before);
    s.send(keys::CTRL_Q);
    s.send("y");
    s.wait_exit();

    // All of huaian-2024's table B.
    let target = nianbao::yaml::load_str(
        include_str!("../examples/huaian-2024.yaml"),
        "huaian-2024.yaml",
    )
    .expect("example loads")
    .report;
    let mut s = Session::spawn(&["new", "c.yaml"], 80, 24, dir, env);
    s.wait_for("F1 全部按键");
    for _ in 0..3 {
        s.send(keys::PAGE_DOWN);
    }
    s.wait_for("申请人情况");
    settle(&s, Duration::from_millis(100));
    for c in nianbao::tui::tables::editable_cells(nianbao::tui::tables::Table::B) {
        let nianbao::model::CellRef::B { row, col } = c else {
            continue;
        };
        for d in target.requests.get(row, col).to_string().chars() {
            f.all_digits.push(cost(&mut s, &d.to_string()));
        }
        f.all_tabs.push(cost(&mut s, keys::TAB));
    }
    s.send(keys::CTRL_Q);
    s.send("y");
    s.wait_exit();

    // Chinese into the first text part of step 2 (Tab from its heading to its body).
    let mut s = Session::spawn(&["new", "d.yaml"], 80, 24, dir, env);
    s.wait_for("F1 全部按键");
    s.send(keys::PAGE_DOWN);
    s.wait_for("主动公开情况");
    s.send(keys::TAB);
    settle(&s, Duration::from_millis(100));
    for ch in CHINESE.chars() {
        f.chinese.push(cost(&mut s, &ch.to_string()));
    }
    s.send(keys::CTRL_Q);
    s.send("y");
    s.wait_exit();

    // The viewer.
    let src = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/huaian-2024.yaml");
    std::fs::copy(src, dir.join("h.yaml")).expect("copy");
    let mut s = Session::spawn(&["view", "h.yaml"], 80, 24, dir, env);
    s.wait_for("F1");
    settle(&s, Duration::from_millis(100));
    scroll_down(&mut s, &mut f, 21);
    f.repaint = Some(cost(&mut s, "\x0c"));
    s.send("q");
    s.wait_exit();
    f
}

fn vim(dir: &Path) -> Figures {
    let mut f = Figures::default();
    let args = ["-u", "NONE", "-i", "NONE", "-N", "v.txt"];
    let mut s = Session::spawn_program("vim", &args, 80, 24, dir, &[]);
    settle(&s, Duration::from_millis(300));
    s.send("i");
    settle(&s, Duration::from_millis(100));
    s.type_text("淮安市人民政府办公室");
    settle(&s, Duration::from_millis(100));
    issue_keys(&mut s, &mut f);
    for ch in CHINESE.chars() {
        f.chinese.push(cost(&mut s, &ch.to_string()));
    }
    s.send(keys::ESC);
    s.send(":q!\r");
    s.wait_exit();

    let src = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/import_data/huaian-2024.txt"
    );
    std::fs::copy(src, dir.join("h.txt")).expect("copy");
    let args = ["-u", "NONE", "-i", "NONE", "-N", "h.txt"];
    let mut s = Session::spawn_program("vim", &args, 80, 24, dir, &[]);
    settle(&s, Duration::from_millis(300));
    s.send("L");
    settle(&s, Duration::from_millis(100));
    scroll_down(&mut s, &mut f, 22);
    f.repaint = Some(cost(&mut s, "\x0c"));
    s.send(":q!\r");
    s.wait_exit();
    f
}

fn show(v: &[usize]) -> String {
    if v.is_empty() {
        return "—".into();
    }
    let sum: usize = v.iter().sum();
    format!(
        "median {} (mean {:.0}, max {}, n={})",
        median(v),
        sum as f64 / v.len() as f64,
        v.iter().max().unwrap(),
        v.len()
    )
}

fn main() {
    // A fresh folder for each run: quitting without saving keeps a draft.
    let dir = || tempfile::tempdir().expect("tempdir");
    // `BYTES_ONLY=lean|ratatui|vim`: one of the three runs only.
    let only = std::env::var("BYTES_ONLY").ok();
    let wanted = |name: &str| only.as_deref().is_none_or(|o| o == name);
    let mut runs = Vec::new();
    if wanted("lean") {
        runs.push(("nianbao (LeanBackend)", nianbao(dir().path(), &[])));
    }
    if wanted("ratatui") {
        let env = [("NIANBAO_DRAW", "ratatui")];
        runs.push(("nianbao, NIANBAO_DRAW=ratatui", nianbao(dir().path(), &env)));
    }
    if wanted("vim") {
        runs.push(("vim -u NONE", vim(dir().path())));
    }
    for (name, f) in &runs {
        println!("== {name}");
        println!("  issue 17 sequence, per digit: {}", show(&f.digits));
        println!("  issue 17 sequence, per Tab:   {}", show(&f.tabs));
        println!("  huaian-2024 table B, per digit: {}", show(&f.all_digits));
        println!("  huaian-2024 table B, per Tab:   {}", show(&f.all_tabs));
        println!("  viewer ↓ (scroll a line):     {}", show(&f.down));
        println!("    beyond the new line's text: {}", show(&f.down_over));
        println!("  Chinese into a text part:     {}", show(&f.chinese));
        let one = |o: Option<usize>| o.map_or("—".to_string(), |n| n.to_string());
        println!(
            "  step change (PgDn to table B) {} · resize to 100x30 {} · Ctrl-L {}",
            one(f.step),
            one(f.resize),
            one(f.repaint)
        );
    }
}
