//! `nianbao import --rows`: every row of the three tables is listed once, in the order of
//! the input, with its line and column and how it was read (issue 11: "the account says,
//! for each row, how it was read … with the input's line and column for single-line
//! inputs").

mod common;

use common::process::{output_within, stderr};
use nianbao::model::schema::{B_ROWS, TABLES_2021};
use std::process::{Command, Stdio};
use std::time::Duration;

fn import(args: &[&str]) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_nianbao"));
    cmd.arg("import")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    output_within(&mut cmd, Duration::from_secs(30), "import --rows")
}

#[test]
fn every_row_is_listed_with_its_place_and_reading() {
    let o = import(&["../shared/examples/pingtan-2023.txt", "--rows"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    let list: Vec<&str> = err
        .lines()
        .skip_while(|l| !l.starts_with("各行的位置和读法"))
        .collect();
    let a_rows: usize = TABLES_2021.a_blocks.iter().map(|b| b.rows.len()).sum();
    let n = a_rows + B_ROWS.len() + 1;
    assert_eq!(
        list.first().copied(),
        Some(format!("各行的位置和读法（{n} 处）：").as_str()),
        "{err}"
    );
    assert_eq!(list.len(), n + 1, "{err}");
    // The single-line report: every place is line 12 with its column, in increasing order.
    let cols: Vec<usize> = list[1..]
        .iter()
        .map(|l| {
            let rest = l
                .trim_start()
                .strip_prefix("第 12 行第 ")
                .unwrap_or_else(|| panic!("{l}"));
            rest.split(' ').next().unwrap().parse().expect("column")
        })
        .collect();
    assert!(cols.windows(2).all(|w| w[0] < w[1]), "{cols:?}");
    // Each row once, by its label, with how it was read.
    for b in TABLES_2021.a_blocks {
        for (_, label) in b.rows {
            let hits = list
                .iter()
                .filter(|l| l.contains(&format!("第二部分 · {label}：")))
                .count();
            assert_eq!(hits, 1, "{label}\n{err}");
        }
    }
    for row in B_ROWS.iter() {
        let hits = list
            .iter()
            .filter(|l| l.contains(&format!("第三部分 · {}：", row.label)))
            .count();
        assert_eq!(hits, 1, "{}\n{err}", row.label);
    }
    assert!(
        list.iter()
            .any(|l| l.contains("第二部分 · 行政许可：按格读出")),
        "{err}"
    );
    assert!(
        list.iter()
            .any(|l| l.contains("第二部分 · 行政规范性文件：") && l.contains("按 0 导入")),
        "{err}"
    );
    assert!(list.iter().any(|l| l.contains("第四部分：")), "{err}");
}

#[test]
fn rows_are_not_listed_without_the_flag_nor_with_dir() {
    let o = import(&["../shared/examples/pingtan-2023.txt"]);
    assert!(!stderr(&o).contains("各行的位置和读法"), "{}", stderr(&o));
    let o = import(&[
        "../shared/examples/pingtan-2023.txt",
        "--rows",
        "--dir",
        "/tmp/x",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--dir"), "{}", stderr(&o));
}
