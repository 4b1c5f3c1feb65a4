//! The README's table of `summary` columns is the program's own (src/summary/columns.rs):
//! this test fails when they differ. `NIANBAO_UPDATE_README=1 cargo test --test
//! summary_readme` writes the table into the README.

mod common;

use nianbao::summary::COLUMNS;

const START: &str = "<!-- summary-columns: generated from src/summary/columns.rs (COLUMNS); tests/summary_readme.rs checks it -->\n";
const END: &str = "<!-- /summary-columns -->";

fn table() -> String {
    let mut t = String::from("| 列 | 键（`--sort`、JSON） | 定义 |\n|---|---|---|\n");
    for d in COLUMNS.iter() {
        let only = if d.needs_previous {
            "（仅 `--previous-dir`）"
        } else {
            ""
        };
        t.push_str(&format!(
            "| {}{only} | `{}` | {} |\n",
            d.label, d.key, d.definition
        ));
    }
    t
}

#[test]
fn readme_lists_every_column_with_its_definition() {
    common::readme::check_part(START, END, &table(), "table of columns", "summary_readme");
}
