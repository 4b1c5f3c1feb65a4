//! Benchmark of `import` (issues 6 and 11: importing one 15 KB report takes at most 5 ms in
//! any layout, single-line included; a folder of 1,000 reports with `--dir` at most 5 s).
//! Run with `cargo bench --bench import`; prints the median and worst time per import, the
//! `--dir` run, and the hostile inputs' times.

#[path = "../tests/import_printers/mod.rs"]
mod printers;

use std::collections::HashSet;
use std::time::{Duration, Instant};

/// Times `import` (true when it imported) 200 times after 20 warm-up runs (regexes and label
/// tables are built once) and prints the median and the maximum.
fn time_import(name: &str, size: usize, import: impl Fn() -> bool) {
    for _ in 0..20 {
        let _ = import();
    }
    let mut times: Vec<Duration> = (0..200)
        .map(|_| {
            let t = Instant::now();
            let ok = import();
            let d = t.elapsed();
            assert!(ok, "{name} imports");
            d
        })
        .collect();
    times.sort();
    println!(
        "{name:<40} {:>6.1} KB  median {:>7.3} ms  max {:>7.3} ms",
        size as f64 / 1024.0,
        times[times.len() / 2].as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3
    );
}

fn measure_bytes(name: &str, bytes: &[u8]) {
    time_import(name, bytes.len(), || {
        nianbao::import::import_bytes(bytes).is_ok()
    });
}

fn once(name: &str, text: &str) {
    let t = Instant::now();
    let r = nianbao::import::import_str(text);
    println!(
        "{name:<40} {:>6.1} MB  {:>8.1} ms  ({})",
        text.len() as f64 / 1e6,
        t.elapsed().as_secs_f64() * 1e3,
        if r.is_ok() { "imported" } else { "refused" }
    );
}

fn measure(name: &str, text: &str) {
    time_import(name, text.len(), || {
        nianbao::import::import_str(text).is_ok()
    });
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

    // Issue 11: copies as they are found.
    let pingtan = std::fs::read_to_string(format!("{dir}/pingtan-2023.txt")).expect("example");
    measure("pingtan-2023.txt (one line)", &pingtan);
    let (one_line, ..) = printers::single_line(&long, &mut rng, true);
    measure("huaian-2024 on one line, 3× overview", &one_line);
    let gbk = printers::html_gbk(&long, &mut rng, &HashSet::new());
    measure_bytes("huaian-2024 as GBK HTML, 3× overview", &gbk);
    let docx = printers::docx(&long, &mut rng, &HashSet::new());
    measure_bytes("huaian-2024 as .docx, 3× overview", &docx);
    let blanks: HashSet<_> = printers::zero_cells(&long).into_iter().step_by(7).collect();
    let cells = printers::one_cell_per_line(&long, &mut rng, &blanks);
    measure("huaian-2024 one cell per line, 3× overview", &cells);
    for name in ["hongze-2023-marker.md", "hongze-2023-pdfplumber.md"] {
        let text = std::fs::read_to_string(format!("{dir}/{name}")).expect("example");
        measure(name, &text);
    }
    let conv = printers::pdf_converter_markdown(&long, &mut rng);
    measure("huaian-2024 PDF→Markdown, 3× overview", &conv.text);

    // A folder of 1,000 reports with --dir (the release binary, as a reviewer runs it).
    let tmp = std::env::temp_dir().join(format!("nianbao-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).expect("temp dir");
    let layouts: Vec<(String, Vec<u8>)> = vec![
        ("txt".into(), pingtan.clone().into_bytes()),
        ("txt".into(), pdf.clone().into_bytes()),
        ("html".into(), html_long.clone().into_bytes()),
        ("html".into(), gbk.clone()),
        ("docx".into(), docx.clone()),
        ("txt".into(), one_line.clone().into_bytes()),
        ("md".into(), md.clone().into_bytes()),
    ];
    let mut files = Vec::new();
    for k in 0..1000 {
        let (ext, bytes) = &layouts[k % layouts.len()];
        let p = tmp.join(format!("report-{k:04}.{ext}"));
        std::fs::write(&p, bytes).expect("write");
        files.push(p);
    }
    let t = Instant::now();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .arg("import")
        .args(&files)
        .arg("--dir")
        .arg(tmp.join("out"))
        .output()
        .expect("runs");
    let took = t.elapsed();
    let written = std::fs::read_dir(tmp.join("out")).map_or(0, |d| d.count());
    println!(
        "import --dir, 1,000 reports (7 layouts)    {:>8.1} ms  ({written} written, exit {:?})",
        took.as_secs_f64() * 1e3,
        out.status.code()
    );
    let _ = std::fs::remove_dir_all(&tmp);

    // Hostile inputs: bounded.
    let body = pingtan.lines().nth(11).expect("body line").to_string();
    let mut ten = String::new();
    while ten.len() < 10_000_000 - body.len() {
        ten.push_str(&body);
    }
    once("10 MB single line (pingtan repeated)", &ten);
    let heads = |m: &str| {
        format!("一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n{m}\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n")
    };
    once(
        "a million digits in a row",
        &heads(&format!(
            "一、本年新收政府信息公开申请数量{}",
            "1".repeat(1_000_000)
        )),
    );
    let labels: String = (0..100_000)
        .map(|i| format!("{}.属于国家秘密0000000", i % 9 + 1))
        .collect();
    once("100,000 labels on one line", &heads(&labels));
    once(
        "18,680 nested <div>",
        &format!(
            "<html><body>{}一、总体情况{}</body></html>",
            "<div>".repeat(18_680),
            "</div>".repeat(18_680)
        ),
    );
}
