//! From start to the first complete screen of a 15 KB report (issue 4: at most 50 ms):
//! read the file, check it, build and lay out the document, draw the first screen through a
//! real crossterm backend into a byte buffer. Prints figures; run with
//! `cargo bench --bench view_startup`.

use nianbao::tui::theme::Theme;
use nianbao::tui::view::Viewer;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::time::{Duration, Instant};

include!("view_common/report.rs");

fn first_screen(path: &std::path::Path, w: u16, h: u16) -> (Duration, usize) {
    let start = Instant::now();
    let v = Viewer::new(
        vec![path.to_path_buf()],
        None,
        2026,
        w,
        h,
        Theme::from_env(),
    );
    let mut term = Terminal::with_options(
        CrosstermBackend::new(Vec::<u8>::with_capacity(64 * 1024)),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, w, h)),
        },
    )
    .expect("terminal");
    term.draw(|f| v.view(f)).expect("draw");
    let elapsed = start.elapsed();
    (elapsed, v.layout().len())
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = report_15kb(dir.path());
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!("view startup: report of {size} bytes");
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        let mut times: Vec<Duration> = (0..200).map(|_| first_screen(&path, w, h).0).collect();
        times.sort();
        let rows = first_screen(&path, w, h).1;
        println!(
            "  {w}x{h}: first complete screen median {:.2} ms, p99 {:.2} ms, max {:.2} ms ({rows} rows laid out; limit 50 ms)",
            times[times.len() / 2].as_secs_f64() * 1e3,
            times[times.len() * 99 / 100].as_secs_f64() * 1e3,
            times[times.len() - 1].as_secs_f64() * 1e3,
        );
    }
}
