//! Memory with 1,000 files given (issue 4: at most 50 MB): open 1,000 copies of a 15 KB
//! report, draw the first screen, then visit every file with `]` and draw each. Prints the
//! process's peak resident memory (VmHWM) and current (VmRSS) from /proc/self/status; run
//! with `cargo bench --bench view_memory`.

use nianbao::tui::theme::Theme;
use nianbao::tui::view::Viewer;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use std::time::Instant;

include!("view_common/report.rs");

fn status_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let one = report_15kb(dir.path());
    let text = std::fs::read(&one).expect("read");
    let paths: Vec<_> = (0..1000)
        .map(|i| {
            let p = dir.path().join(format!("report-{i:04}.yaml"));
            std::fs::write(&p, &text).expect("write");
            p
        })
        .collect();
    let before = status_kb("VmRSS:");
    let start = Instant::now();
    let mut v = Viewer::new(paths, None, 2026, 80, 24, Theme::from_env());
    let area = Rect::new(0, 0, 80, 24);
    let mut buf = Buffer::empty(area);
    v.render(area, &mut buf);
    let opened = start.elapsed();
    let after_open = status_kb("VmRSS:");
    let next = Event::Key(KeyEvent::new(KeyCode::Char(']'), KeyModifiers::NONE));
    let start = Instant::now();
    for _ in 1..1000 {
        v.update(&next);
        buf.reset();
        v.render(area, &mut buf);
    }
    let walked = start.elapsed();
    assert_eq!(v.index(), 999);
    println!("view memory: 1,000 files of {} bytes", text.len());
    println!(
        "  before opening: VmRSS {:.1} MB; after opening and the first screen: VmRSS {:.1} MB ({:.1} ms)",
        before as f64 / 1024.0,
        after_open as f64 / 1024.0,
        opened.as_secs_f64() * 1e3
    );
    println!(
        "  after visiting all 1,000 files with ]: VmRSS {:.1} MB, peak VmHWM {:.1} MB (limit 50 MB); {:.2} ms per file",
        status_kb("VmRSS:") as f64 / 1024.0,
        status_kb("VmHWM:") as f64 / 1024.0,
        walked.as_secs_f64() * 1e3 / 999.0
    );
}
