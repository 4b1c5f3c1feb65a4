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

    // The same report as a person might edit it (a comment after a value): not the writer's
    // exact layout, so every file goes through the full YAML reader (serde_yaml).
    let edited = String::from_utf8(source.clone()).expect("UTF-8").replacen(
        "year: 2024",
        "year: 2024  # 报告年度",
        1,
    );
    let dir2 = tempfile::tempdir().expect("temp dir");
    let files2: Vec<PathBuf> = (0..copies)
        .map(|i| {
            let p = dir2.path().join(format!("edited-{i:04}.yaml"));
            std::fs::write(&p, &edited).expect("write copy");
            p
        })
        .collect();
    let mut times2: Vec<f64> = (0..rounds.div_ceil(2))
        .map(|_| {
            let start = Instant::now();
            for f in &files2 {
                black_box(check_file(black_box(f), &ctx));
            }
            start.elapsed().as_secs_f64() * 1000.0 / copies as f64
        })
        .collect();
    times2.sort_by(f64::total_cmp);
    let general = times2[times2.len() / 2];
    println!(
        "          {general:.4} ms per report for a hand-edited copy (full YAML reader, serde_yaml)"
    );

    match baseline(root, dir.path()) {
        Some(py) => println!(
            "python:   {py:.4} ms per report (PyYAML CLoader, benches/check_baseline.py)\nratio:    {:.1}x the Python throughput (goal: at least 20x); {:.1}x for hand-edited files",
            py / median,
            py / general
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
