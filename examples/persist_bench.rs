//! Figures for issue 5's costs (`cargo run --release --example persist_bench`): what a
//! keystroke costs the draft writer, what writing a draft costs, and the checks at start and
//! before a save. Prints medians; BENCHMARKS.md records them.

use nianbao::persist::{self, DraftWriter, FileIdentity};
use std::path::Path;
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> (Duration, Duration, Duration) {
    v.sort();
    (v[v.len() / 2], v[0], v[v.len() - 1])
}

fn show(what: &str, v: Vec<Duration>) {
    let (m, lo, hi) = median(v);
    println!("{what}: median {m:?} (min {lo:?}, max {hi:?})");
}

fn main() {
    let report = nianbao::yaml::load_file(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/huaian-2024.yaml"
    )))
    .expect("huaian-2024 loads")
    .report;
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("report.yaml");
    let mut w = DraftWriter::with_state_dir(&file, None);

    let runs = 2000;
    let mut t = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        w.changed(&report);
        t.push(start.elapsed());
    }
    show(
        "DraftWriter::changed per keystroke (clone of huaian-2024)",
        t,
    );

    let mut t = Vec::new();
    for _ in 0..50 {
        w.changed(&report);
        let start = Instant::now();
        w.flush().expect("draft written");
        t.push(start.elapsed());
    }
    show(
        "draft write (YAML + temp file + fsync + rename + fsync of the folder)",
        t,
    );

    let mut t = Vec::new();
    for _ in 0..50 {
        let start = Instant::now();
        let _ = nianbao::yaml::to_yaml(&report);
        t.push(start.elapsed());
    }
    show("  of which to_yaml", t);

    persist::save_report(&file, &report).expect("saved");
    let mut changed = report.clone();
    changed.requests.set(0, 0, 1);
    w.changed(&changed);
    w.flush().expect("draft written");
    // Make the draft newer than the file whatever the clock's resolution.
    let f = std::fs::File::options()
        .write(true)
        .open(w.path())
        .expect("draft");
    f.set_modified(std::time::SystemTime::now() + Duration::from_secs(5))
        .expect("mtime");
    let mut t = Vec::new();
    for _ in 0..200 {
        let start = Instant::now();
        let found = persist::find_draft(&file, &report).expect("no error");
        t.push(start.elapsed());
        assert_eq!(found.expect("a draft").differences.len(), 1);
    }
    show("find_draft at start (read draft + field diff)", t);

    let opened = FileIdentity::of(&file).expect("identity");
    let mut t = Vec::new();
    for _ in 0..200 {
        let start = Instant::now();
        let _ = FileIdentity::check(&file, opened.as_ref());
        t.push(start.elapsed());
    }
    show("FileIdentity::check before a save (read + hash)", t);
}
