//! Benchmark of `export` (issue 10: one report at most 2 ms for html, md and txt, at most
//! 30 ms for docx). Run with `cargo bench --bench export`; prints the median and worst time
//! per export (document model + renderer, in memory).

use nianbao::publish::{render, Format};
use std::time::{Duration, Instant};

fn measure(name: &str, r: &nianbao::model::Report, f: Format, runs: usize) {
    for _ in 0..5 {
        let _ = render(r, f);
    }
    let mut size = 0;
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            let out = render(r, f);
            let d = t.elapsed();
            size = out.len();
            d
        })
        .collect();
    times.sort();
    println!(
        "{name:<34} {:<4} {:>7.1} KB  median {:>7.3} ms  max {:>7.3} ms",
        f.name(),
        size as f64 / 1024.0,
        times[times.len() / 2].as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3
    );
}

fn main() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/huaian-2024.yaml");
    let r = nianbao::yaml::load_file(std::path::Path::new(path))
        .expect("example")
        .report;
    let mut long = r.clone();
    let extra = long.overview.clone();
    long.overview.extend(extra.clone());
    long.overview.extend(extra);
    for f in Format::ALL {
        let runs = if f == Format::Docx { 100 } else { 500 };
        measure("huaian-2024", &r, f, runs);
        measure("huaian-2024, overview ×3", &long, f, runs);
    }
}
