//! The exported web page in a real browser: headless Chromium prints each example's HTML
//! to PDF, `pdftotext -layout` reads the PDF as a reader copying from it would, and
//! `import` of that text gives the report back (every number, every part). A screenshot
//! shows the page is not blank and tables A and C are wider than tall. Chromium and
//! pdftotext missing: the test fails (CI installs them in .ci/run).

mod common;

use common::external::{chromium, import_printed, pdftotext, run};
use nianbao::publish::{doc, render, Format};
use std::path::Path;

const EXAMPLES: [&str; 4] = [
    "gulou-kegongxin-2023.yaml",
    "hongze-2023.yaml",
    "hongze-2024.yaml",
    "huaian-2024.yaml",
];

fn url(p: &Path) -> String {
    format!("file://{}", p.display())
}

#[test]
fn printed_by_chromium_every_example_imports_back_equal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let profile = dir.path().join("profile");
    let mut failures = Vec::new();
    for name in EXAMPLES {
        let r = common::examples::example(name);
        let html = dir.path().join(name).with_extension("html");
        std::fs::write(&html, render(&r, Format::Html)).expect("write html");
        let pdf = html.with_extension("pdf");
        run(chromium(&profile)
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(url(&html)));
        let text = pdftotext(&pdf);
        let Some(got) = import_printed(name, &text, &mut failures) else {
            continue;
        };
        let want = doc::as_published(&r);
        if got.report != want {
            failures.push(format!(
                "{name}: not equal\nwant:\n{}\ngot:\n{}\ntext:\n{text}",
                nianbao::yaml::to_yaml(&want),
                nianbao::yaml::to_yaml(&got.report)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Horizontal dark lines of a grey image (rows where a run of dark pixels covers at least
/// `min_run` pixels): (y, x where the longest run starts, its length).
fn rules(grey: &[u8], w: usize, h: usize, min_run: usize) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    for y in 0..h {
        let row = &grey[y * w..(y + 1) * w];
        let (mut best, mut best_x, mut cur) = (0, 0, 0);
        for (x, &p) in row.iter().enumerate() {
            if p < 128 {
                cur += 1;
                if cur > best {
                    best = cur;
                    best_x = x + 1 - cur;
                }
            } else {
                cur = 0;
            }
        }
        if best >= min_run {
            out.push((y, best_x, best));
        }
    }
    out
}

#[test]
fn the_page_is_not_blank_and_tables_a_and_c_are_wider_than_tall() {
    let dir = tempfile::tempdir().expect("temp dir");
    let r = common::examples::example("huaian-2024.yaml");
    let html = dir.path().join("huaian-2024.html");
    std::fs::write(&html, render(&r, Format::Html)).expect("write html");
    let png = dir.path().join("shot.png");
    let (w, h) = (1000usize, 7000usize);
    run(chromium(&dir.path().join("profile"))
        .arg(format!("--window-size={w},{h}"))
        .arg(format!("--screenshot={}", png.display()))
        .arg(url(&html)));
    let decoder = png::Decoder::new(std::fs::File::open(&png).expect("screenshot written"));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let (iw, ih) = (info.width as usize, info.height as usize);
    assert_eq!((iw, ih), (w, h));
    let channels = info.line_size / iw;
    let grey: Vec<u8> = buf[..info.line_size * ih]
        .chunks(channels)
        .map(|px| ((u32::from(px[0]) + u32::from(px[1]) + u32::from(px[2])) / 3) as u8)
        .collect();
    let dark = grey.iter().filter(|p| **p < 128).count();
    assert!(
        dark * 100 > grey.len(),
        "the page looks blank: {dark} dark pixels of {}",
        grey.len()
    );
    // Tables: a table's left border is one unbroken vertical line; its width is that of
    // its longest horizontal border.
    let lines = rules(&grey, iw, ih, iw * 2 / 5);
    assert!(!lines.is_empty(), "no table borders on the page");
    let left = lines.iter().map(|l| l.1).min().unwrap_or(0);
    let dark_at = |y: usize| (left..left + 3).any(|x| grey[y * iw + x] < 128);
    let mut tables: Vec<(usize, usize, usize)> = Vec::new(); // (top, bottom, width)
    let mut y = 0;
    while y < ih {
        if dark_at(y) {
            let top = y;
            while y < ih && dark_at(y) {
                y += 1;
            }
            if y - top > 20 {
                let width = lines
                    .iter()
                    .filter(|l| l.0 >= top && l.0 < y)
                    .map(|l| l.2)
                    .max()
                    .unwrap_or(0);
                tables.push((top, y, width));
            }
        }
        y += 1;
    }
    eprintln!("tables (top, bottom, width): {tables:?}");
    assert_eq!(tables.len(), 3, "three tables expected: {tables:?}");
    for (name, t) in [("A", tables[0]), ("C", tables[2])] {
        let (height, width) = (t.1 - t.0, t.2);
        assert!(
            width > height,
            "table {name} is {width} px wide and {height} px tall: {tables:?}"
        );
    }
    // Table B spans the width of the text like the others.
    assert!(tables[1].2 * 10 >= tables[0].2 * 9, "{tables:?}");
}
