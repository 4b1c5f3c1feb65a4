//! `cargo bench --bench check`: loads and checks 1,000 copies of examples/huaian-2024.yaml
//! from disk, as `nianbao check` does (`cli::check::check_file`: read the file, parse the
//! YAML strictly, run every rule), and prints the time per report. Then runs the Python
//! baseline (benches/check_baseline.py: PyYAML with libyaml's CLoader, the same rules on the
//! same files) when python3 and PyYAML are there, and prints the ratio.
//!
//! The figures are recorded in BENCHMARKS.md ("## check").

use nianbao::cli::check::{check_file, FileResult};
use nianbao::rules::Context;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn main() {
    // NIANBAO_BENCH_COPIES / _rounds shrink the run for a profiler (valgrind --tool=callgrind).
    let env = |k: &str, d: usize| {
        std::env::var(k)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(d)
    };
    let (copies, rounds) = (
        env("NIANBAO_BENCH_COPIES", 1000),
        env("NIANBAO_BENCH_ROUNDS", 7),
    );
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let source = std::fs::read(root.join("examples/huaian-2024.yaml")).expect("example");
    let dir = tempfile::tempdir().expect("temp dir");
    let files: Vec<PathBuf> = (0..copies)
        .map(|i| {
            let p = dir.path().join(format!("huaian-2024-{i:04}.yaml"));
            std::fs::write(&p, &source).expect("write copy");
            p
        })
        .collect();
    println!(
        "check: {copies} copies of examples/huaian-2024.yaml ({} bytes each) in {}",
        source.len(),
        dir.path().display()
    );

    let ctx = Context::today();
    let mut findings = 0usize;
    let mut pass = || {
        let start = Instant::now();
        for f in &files {
            match check_file(black_box(f), &ctx) {
                FileResult::Checked(v) => findings += black_box(v).len(),
                FileResult::Unreadable(e) => panic!("{e}"),
            }
        }
        start.elapsed().as_secs_f64() * 1000.0 / copies as f64
    };
    pass(); // warm the page cache and the allocator
    let mut times: Vec<f64> = (0..rounds).map(|_| pass()).collect();
    times.sort_by(f64::total_cmp);
    let (best, median) = (times[0], times[rounds / 2]);
    assert!(findings > 0, "huaian-2024 has its two F1 warnings");
    println!(
        "nianbao:  {median:.4} ms per report (median of {rounds} rounds; best {best:.4}), {:.0} reports/s",
        1000.0 / median
    );
    println!("          peak memory (max RSS) {} KiB", max_rss_kib());

    match baseline(root, dir.path()) {
        Some(py) => println!(
            "python:   {py:.4} ms per report (PyYAML CLoader, benches/check_baseline.py)\nratio:    {:.1}x the Python throughput (goal: at least 20x)",
            py / median
        ),
        None => println!("python:   baseline skipped (needs python3 with PyYAML and libyaml's CLoader)"),
    }
}

/// Runs the Python baseline over the same directory; its last line is `ms_per_report X`.
fn baseline(root: &Path, dir: &Path) -> Option<f64> {
    let out = Command::new("python3")
        .arg(root.join("benches/check_baseline.py"))
        .arg(dir)
        .output()
        .ok()?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        println!("python:   {}", err.lines().last().unwrap_or("failed"));
        return None;
    }
    stdout
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("ms_per_report "))
        .and_then(|v| v.trim().parse().ok())
}

fn max_rss_kib() -> i64 {
    // SAFETY: getrusage only writes into the struct we pass.
    unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        if libc::getrusage(libc::RUSAGE_SELF, &mut usage) == 0 {
            usage.ru_maxrss
        } else {
            -1
        }
    }
}
