//! From start to the first complete screen of a 15 KB report (issue 4: at most 50 ms):
//! read the file, check it, build and lay out the document, draw the first screen through a
//! real crossterm backend into a byte buffer. Then the whole program: `nianbao view FILE`
//! started in an 80x24 pseudo-terminal until the emulator shows the complete first screen.
//! Prints figures; run with `cargo bench --bench view_startup`.

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

/// Starts the real binary in a pseudo-terminal; the time until the screen shows the title
/// and the help bar (the last row drawn), and the program's exit after `q`.
fn process_first_screen(path: &std::path::Path, title: &str) -> Duration {
    use portable_pty::{native_pty_system, CommandBuilder, PtySize};
    use std::io::{Read, Write};
    use std::sync::{Arc, Mutex};
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("openpty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_nianbao"));
    cmd.arg("view");
    cmd.arg(path);
    cmd.env("TERM", "xterm-256color");
    let parser = Arc::new(Mutex::new(vt100::Parser::new(24, 80, 0)));
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let mut writer = pair.master.take_writer().expect("writer");
    let p = parser.clone();
    let start = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).expect("spawn");
    drop(pair.slave);
    std::thread::spawn(move || {
        let mut buf = [0u8; 16384];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            if let Ok(mut p) = p.lock() {
                p.process(&buf[..n]);
            }
        }
    });
    let elapsed = loop {
        let done = parser
            .lock()
            .map(|p| {
                let s = p.screen().contents();
                s.contains(title) && s.contains("q 退出")
            })
            .unwrap_or(false);
        if done {
            break start.elapsed();
        }
        if start.elapsed() > Duration::from_secs(10) {
            panic!("no first screen after 10 s");
        }
        std::thread::sleep(Duration::from_micros(200));
    };
    let _ = writer.write_all(b"q");
    let _ = writer.flush();
    let _ = child.wait();
    elapsed
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
    let title = nianbao::yaml::load_file(&path)
        .map(|l| l.report.display_title())
        .unwrap_or_default();
    let mut times: Vec<Duration> = (0..30)
        .map(|_| process_first_screen(&path, &title))
        .collect();
    times.sort();
    println!(
        "  whole program in an 80x24 pty (process start, terminal setup, read, check, draw, emulator): median {:.1} ms, max {:.1} ms",
        times[times.len() / 2].as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3,
    );
}
