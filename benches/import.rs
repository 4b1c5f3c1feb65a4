//! Benchmark of `import` (issue 6: importing one 15 KB report takes at most 5 ms).
//! Run with `cargo bench --bench import`; prints the median and worst time per import.

#[path = "../tests/import_printers/mod.rs"]
mod printers;

use std::collections::HashSet;
use std::time::{Duration, Instant};

fn measure(name: &str, text: &str) {
    // Warm up (regexes and label tables are built once).
    for _ in 0..20 {
        let _ = nianbao::import::import_str(text);
    }
    let mut times: Vec<Duration> = (0..200)
        .map(|_| {
            let t = Instant::now();
            let r = nianbao::import::import_str(text);
            let d = t.elapsed();
            assert!(r.is_ok(), "{name} imports");
            d
        })
        .collect();
    times.sort();
    println!(
        "{name:<40} {:>6.1} KB  median {:>7.3} ms  max {:>7.3} ms",
        text.len() as f64 / 1024.0,
        times[times.len() / 2].as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3
    );
}

fn long_report(r: &nianbao::model::Report) -> nianbao::model::Report {
    let mut long = r.clone();
    let extra = long.overview.clone();
    long.overview.extend(extra.clone());
    long.overview.extend(extra);
    long
}

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/import_data");
    let mut huaian = None;
    for name in [
        "gulou-kegongxin-2023",
        "hongze-2023",
        "hongze-2024",
        "huaian-2024",
    ] {
        let text = std::fs::read_to_string(format!("{dir}/{name}.txt")).expect("example");
        measure(&format!("{name}.txt"), &text);
        if name == "huaian-2024" {
            huaian = nianbao::import::import_str(&text).ok().map(|i| i.report);
        }
    }
    let report = huaian.expect("huaian imports");
    let mut rng = printers::Rng::new(42);
    let html = printers::html(&report, &mut rng, &HashSet::new());
    measure("huaian-2024 as HTML", &html);
    let html_long = printers::html(&long_report(&report), &mut rng, &HashSet::new());
    measure("huaian-2024 as HTML, 3× overview", &html_long);
    // 15 KB and more: the huaian report with its overview written out three times.
    let long = long_report(&report);
    let pdf = printers::pdf(&long, &mut rng);
    measure("huaian-2024 as PDF text, 3× overview", &pdf);
    let md = printers::markdown(&long, &mut rng, &HashSet::new());
    measure("huaian-2024 as Markdown, 3× overview", &md);
}
