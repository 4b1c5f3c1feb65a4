//! Time to draw each table into a buffer (the work of one frame of the wizard's table steps).
//! Run: `cargo bench --bench tables`. Prints the median time per render.

use nianbao::model::CellRef;
use nianbao::tui::tables::{self, Mark, Table, TableProps};
use nianbao::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::hint::black_box;
use std::time::Instant;

/// Name, table, width, height, focus, edit text, with hongze-2023's marks.
type Case = (
    &'static str,
    Table,
    u16,
    u16,
    Option<CellRef>,
    Option<&'static str>,
    bool,
);

fn main() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/huaian-2024.yaml");
    let report = nianbao::yaml::load_file(std::path::Path::new(path))
        .expect("example loads")
        .report;
    let hongze = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/hongze-2023.yaml");
    let hongze = nianbao::yaml::load_file(std::path::Path::new(hongze))
        .expect("example loads")
        .report;
    let findings = nianbao::rules::check(&hongze, &nianbao::rules::Context::today());
    let marks: Vec<(CellRef, Mark)> = tables::marks_from_findings(&findings);
    let theme = Theme::from_env();
    let cases: [Case; 6] = [
        (
            "B 80x24, focus + edit",
            Table::B,
            80,
            24,
            Some(CellRef::B { row: 12, col: 1 }),
            Some("123"),
            false,
        ),
        (
            "B 120x40, focus + edit",
            Table::B,
            120,
            40,
            Some(CellRef::B { row: 12, col: 1 }),
            Some("123"),
            false,
        ),
        (
            "B 80x24, hongze-2023 marks",
            Table::B,
            80,
            24,
            Some(CellRef::B { row: 24, col: 6 }),
            None,
            true,
        ),
        ("A 80x24", Table::A, 80, 24, None, None, false),
        ("C 80x24, marks", Table::C, 80, 24, None, None, true),
        ("C 120x40, marks", Table::C, 120, 40, None, None, true),
    ];
    for (name, table, w, h, focus, edit, with_marks) in cases {
        let props = TableProps {
            report: if with_marks { &hongze } else { &report },
            focus,
            edit,
            marks: if with_marks { &marks } else { &[] },
            theme: &theme,
        };
        let area = Rect::new(0, 0, w, h);
        let mut buf = Buffer::empty(area);
        for _ in 0..200 {
            black_box(tables::render(table, &props, area, &mut buf));
        }
        let mut samples = Vec::new();
        for _ in 0..30 {
            let n = 200;
            let t = Instant::now();
            for _ in 0..n {
                black_box(tables::render(table, &props, area, &mut buf));
            }
            samples.push(t.elapsed().as_secs_f64() / f64::from(n));
        }
        samples.sort_by(f64::total_cmp);
        println!(
            "{name:32} median {:7.1} µs/render (min {:6.1}, max {:6.1})",
            samples[samples.len() / 2] * 1e6,
            samples[0] * 1e6,
            samples[samples.len() - 1] * 1e6
        );
    }
}
