//! The README's table of `summary` columns is the program's own (src/summary/columns.rs):
//! this test fails when they differ. `NIANBAO_UPDATE_README=1 cargo test --test
//! summary_readme` writes the table into the README.

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
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let start = readme.find(START).expect("the start marker in README.md") + START.len();
    let end = readme[start..].find(END).expect("the end marker") + start;
    let want = table();
    if std::env::var_os("NIANBAO_UPDATE_README").is_some() {
        let new = format!("{}{want}{}", &readme[..start], &readme[end..]);
        std::fs::write(&path, new).unwrap();
        return;
    }
    assert_eq!(
        &readme[start..end],
        want,
        "README.md's table of columns is out of date"
    );
}
