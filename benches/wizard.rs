//! Benchmarks of the wizard (issue 3), printed, not asserted:
//! - bytes written to the terminal per keystroke while typing digits into table B at 80x24,
//!   through a real pseudo-terminal (target: median ≤ 64);
//! - start to first complete frame (target ≤ 50 ms);
//! - drawing each step, the largest in particular (target ≤ 1 ms);
//! - resident memory of the running wizard (target ≤ 20 MB).
//!
//! `cargo bench --bench wizard`
mod common;

use common::pty::{keys, Session};
use common::settle;
use nianbao::tui::wizard::testing::{feed, key, wizard};
use nianbao::tui::wizard::{draw, Step};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use std::time::{Duration, Instant};

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn huaian() -> nianbao::model::Report {
    nianbao::yaml::load_str(
        include_str!("../examples/huaian-2024.yaml"),
        "huaian-2024.yaml",
    )
    .expect("example loads")
    .report
}

fn rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn first_frame() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut times = Vec::new();
    for i in 0..15 {
        let name = format!("f{i}.yaml");
        let start = Instant::now();
        let mut s = Session::spawn(&["new", &name], 80, 24, dir.path(), &[]);
        // The frame is complete when the help bar (its last line) is on screen.
        while !s.screen().contains("F1 全部按键") {
            if start.elapsed() > Duration::from_secs(10) {
                panic!("no first frame: {}", s.screen());
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        s.send(keys::CTRL_Q);
        s.send("y");
        s.wait_exit();
    }
    let min = times.iter().cloned().fold(f64::MAX, f64::min);
    println!(
        "start to first complete frame (80x24, `new`, 15 runs): median {:.1} ms (min {:.1})",
        median(&mut times),
        min
    );
}

fn bytes_per_keystroke() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = Session::spawn(&["new", "b.yaml"], 80, 24, dir.path(), &[]);
    s.wait_for("F1 全部按键");
    for _ in 0..3 {
        s.send(keys::PAGE_DOWN);
    }
    s.wait_for("申请人情况");
    settle(&s, Duration::from_millis(100));
    let target = huaian();
    let mut digits = Vec::new();
    let mut tabs = Vec::new();
    for c in nianbao::tui::tables::editable_cells(nianbao::tui::tables::Table::B) {
        let nianbao::model::CellRef::B { row, col } = c else {
            continue;
        };
        for d in target.requests.get(row, col).to_string().chars() {
            let before = s.bytes_written();
            s.send(d.to_string());
            settle(&s, Duration::from_millis(25));
            digits.push((s.bytes_written() - before) as f64);
        }
        let before = s.bytes_written();
        s.send(keys::TAB);
        settle(&s, Duration::from_millis(25));
        tabs.push((s.bytes_written() - before) as f64);
    }
    let n = digits.len();
    let total: f64 = digits.iter().sum();
    println!(
        "bytes per keystroke, digits into table B at 80x24 ({n} digits of huaian-2024): median {} (mean {:.1}, max {})",
        median(&mut digits),
        total / n as f64,
        digits.last().copied().unwrap_or(0.0)
    );
    println!(
        "bytes per Tab between cells: median {} (max {})",
        median(&mut tabs),
        tabs.last().copied().unwrap_or(0.0)
    );
    if let Some(kb) = s.pid().and_then(rss_kb) {
        println!(
            "resident memory after typing table B: {:.1} MB",
            kb as f64 / 1024.0
        );
    }
    s.send(keys::CTRL_Q);
    s.send("y");
    s.wait_exit();

    let src = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/huaian-2024.yaml");
    std::fs::copy(src, dir.path().join("h.yaml")).expect("copy");
    let mut s = Session::spawn(&["edit", "h.yaml"], 120, 40, dir.path(), &[]);
    s.wait_for("F1 全部按键");
    for _ in 0..7 {
        s.send(keys::PAGE_DOWN);
    }
    s.wait_for("全文预览");
    settle(&s, Duration::from_millis(100));
    if let Some(kb) = s.pid().and_then(rss_kb) {
        println!(
            "resident memory, huaian-2024 at step 8 (120x40): {:.1} MB",
            kb as f64 / 1024.0
        );
    }
    s.send(keys::CTRL_Q);
    s.wait_exit();
}

fn drawing() {
    for (cols, rows) in [(80u16, 24u16), (120, 40)] {
        let mut w = wizard(huaian(), "huaian-2024.yaml", (cols, rows));
        let area = Rect::new(0, 0, cols, rows);
        let mut line = Vec::new();
        for step in Step::ALL {
            let mut per = Vec::new();
            for _ in 0..30 {
                let start = Instant::now();
                for _ in 0..50 {
                    let mut buf = Buffer::empty(area);
                    std::hint::black_box(draw(&w, area, &mut buf));
                }
                per.push(start.elapsed().as_secs_f64() * 1e6 / 50.0);
            }
            line.push(format!("{} {:.0}", step.index() + 1, median(&mut per)));
            feed(&mut w, [key(KeyCode::PageDown)]);
        }
        println!(
            "drawing each step at {cols}x{rows}, median µs: {}",
            line.join(" · ")
        );
    }
}

fn main() {
    drawing();
    first_frame();
    bytes_per_keystroke();
}
