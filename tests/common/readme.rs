#![allow(dead_code)]
//! The README's generated parts: a part between two markers is the program's own text, and a
//! test fails when they differ. With `NIANBAO_UPDATE_README=1` the test writes it instead.

/// Checks that README.md holds `want` between `start` (a whole line, newline included) and
/// `end`; with `NIANBAO_UPDATE_README` set, writes `want` there instead. `what` names the part
/// in the failure message, with the command that brings it up to date.
pub fn check_part(start: &str, end: &str, want: &str, what: &str, test: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let from = readme
        .find(start)
        .unwrap_or_else(|| panic!("the start marker {start:?} in README.md"))
        + start.len();
    let to = readme[from..]
        .find(end)
        .unwrap_or_else(|| panic!("the end marker {end:?} in README.md"))
        + from;
    if std::env::var_os("NIANBAO_UPDATE_README").is_some() {
        let new = format!("{}{want}{}", &readme[..from], &readme[to..]);
        std::fs::write(&path, new).unwrap();
        return;
    }
    assert_eq!(
        &readme[from..to],
        want,
        "README.md's {what} is out of date: run NIANBAO_UPDATE_README=1 cargo test --test {test}"
    );
}
