//! `cargo bench --bench summary`: the reviewer's desk (issue 16).
//!
//! 1. `summary` of 10,000 reports from disk, as `nianbao summary` does (read and parse
//!    each file, run every rule, compute its figures; then the totals and the CSV and the
//!    table into memory). Target: at most 2 s.
//! 2. Rule X2 on two 15 KB reports (hongze-2023 / hongze-2024 with their prose repeated to
//!    15 KB of YAML each), and on a 15 KB report against itself (everything copied: the
//!    longest runs). Target: at most 2 ms.
//!
//! The figures are recorded in BENCHMARKS.md ("## summary").

use nianbao::cli::summary::{summary_rows, write_csv, write_table};
use nianbao::model::{Part, Report};
use nianbao::rules;
use nianbao::summary::{self, Column};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// CPU seconds used by this process so far (user + system, every thread).
fn cpu_seconds() -> f64 {
    // SAFETY: getrusage writes into the struct we pass and reads nothing else.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) };
    let t = |tv: libc::timeval| tv.tv_sec as f64 + tv.tv_usec as f64 / 1e6;
    t(u.ru_utime) + t(u.ru_stime)
}

fn median(mut v: Vec<f64>) -> (f64, f64) {
    v.sort_by(f64::total_cmp);
    (v[v.len() / 2], v[0])
}

fn load(root: &Path, name: &str) -> Report {
    nianbao::yaml::load_file(&root.join("examples").join(name))
        .expect("example")
        .report
}

/// The report with its prose repeated (each copy's numbers changed so the copies differ a
/// little, as a long report's paragraphs do) until its YAML is at least `bytes` long.
fn grown(mut r: Report, bytes: usize) -> Report {
    let base = r.clone();
    let mut round = 1;
    while nianbao::yaml::to_yaml(&r).len() < bytes {
        for (to, from) in [
            (&mut r.overview, &base.overview),
            (&mut r.problems, &base.problems),
        ] {
            to.extend(from.iter().map(|p| {
                Part::new(
                    format!("{}（{round}）", p.heading),
                    p.body.replace("2024", &format!("{}", 2024 + round)),
                )
            }));
        }
        round += 1;
    }
    r
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let env = |k: &str, d: usize| {
        std::env::var(k)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(d)
    };
    let (count, rounds) = (
        env("NIANBAO_BENCH_REPORTS", 10_000),
        env("NIANBAO_BENCH_ROUNDS", 5),
    );

    // 1. summary of 10,000 reports.
    let names = [
        "huaian-2024.yaml",
        "hongze-2023.yaml",
        "hongze-2024.yaml",
        "gulou-kegongxin-2023.yaml",
    ];
    let sources: Vec<Vec<u8>> = names
        .iter()
        .map(|n| std::fs::read(root.join("examples").join(n)).expect("example"))
        .collect();
    let dir = tempfile::tempdir().expect("temp dir");
    let files: Vec<PathBuf> = (0..count)
        .map(|i| {
            let p = dir.path().join(format!("report-{i:05}.yaml"));
            std::fs::write(&p, &sources[i % sources.len()]).expect("write copy");
            p
        })
        .collect();
    let bytes: usize = (0..count).map(|i| sources[i % sources.len()].len()).sum();
    println!(
        "summary: {count} reports (the 4 examples in turn, {:.1} MB) in {}",
        bytes as f64 / 1e6,
        dir.path().display()
    );
    let columns = Column::all(false);
    let mut phases = Vec::new();
    let mut pass = || {
        let start = Instant::now();
        let cpu0 = cpu_seconds();
        let rows: Vec<summary::Row> = summary_rows(black_box(&files), None);
        let read = start.elapsed().as_secs_f64();
        let mut csv = Vec::with_capacity(count * 200);
        write_csv(&mut csv, &rows, &columns).expect("csv");
        let csv_done = start.elapsed().as_secs_f64();
        let mut table = Vec::with_capacity(count * 200);
        write_table(&mut table, &rows, &columns, Some(80)).expect("table");
        black_box((csv.len(), table.len()));
        assert!(rows.iter().all(|r| r.figures().is_some()));
        let all = start.elapsed().as_secs_f64();
        phases.push((
            all,
            read,
            csv_done - read,
            all - csv_done,
            cpu_seconds() - cpu0,
        ));
        all
    };
    pass(); // warm the page cache
    let (med, best) = median((0..rounds).map(|_| pass()).collect());
    phases.remove(0); // the warm-up pass
    phases.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (_, read, csv, table, cpu) = phases[phases.len() / 2];
    println!(
        "summary: {med:.3} s for {count} reports (median of {rounds}; best {best:.3} s), {:.1} µs per report — target ≤ 2 s",
        med * 1e6 / count as f64
    );
    println!(
        "         of which reading and checking {read:.3} s, CSV {csv:.3} s, table {table:.3} s"
    );
    println!(
        "         CPU time of the pass (all threads, user + system): {cpu:.3} s; {} threads; load average {}",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        std::fs::read_to_string("/proc/loadavg").unwrap_or_default().split(' ').next().unwrap_or("?")
    );

    // 2. X2 on two 15 KB reports.
    let before = grown(load(root, "hongze-2023.yaml"), 15_000);
    let after = grown(load(root, "hongze-2024.yaml"), 15_000);
    let sizes = (
        nianbao::yaml::to_yaml(&before).len(),
        nianbao::yaml::to_yaml(&after).len(),
    );
    let iterations = 200;
    // Wall time per pair (median and best of 15 batches), and CPU time per pair over all.
    let time = |now: &Report, prev: &Report| {
        let cpu0 = cpu_seconds();
        let times: Vec<f64> = (0..15)
            .map(|_| {
                let start = Instant::now();
                for _ in 0..iterations {
                    black_box(rules::x2_copied_text(black_box(now), black_box(prev)));
                }
                start.elapsed().as_secs_f64() * 1000.0 / iterations as f64
            })
            .collect();
        let cpu = (cpu_seconds() - cpu0) * 1000.0 / (15 * iterations) as f64;
        println!("X2: CPU time {cpu:.3} ms per pair");
        median(times)
    };
    let (med, best) = time(&after, &before);
    let shares: Vec<String> = rules::copied_sections(&after, &before)
        .iter()
        .map(|s| s.percent())
        .collect();
    println!(
        "X2: {med:.3} ms per pair (median; best {best:.3} ms) for {} and {} bytes of YAML, shares {shares:?} — target ≤ 2 ms",
        sizes.0, sizes.1
    );
    let (med, best) = time(&after, &after);
    println!(
        "X2: {med:.3} ms (best {best:.3} ms) for the 15 KB report against itself (100 % copied)"
    );
}
