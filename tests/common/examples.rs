//! The bundled example reports, loaded for tests, and small reports written for them.
#![allow(dead_code)]

use nianbao::model::Report;

/// Loads `examples/NAME` (e.g. `huaian-2024.yaml`); panics if it does not load.
pub fn example(name: &str) -> Report {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    nianbao::yaml::load_file(&path)
        .expect("example loads")
        .report
}

/// Writes `dir/NAME`: a new, empty report of `agency` for 2024, as the YAML module writes
/// it; returns its path.
pub fn write_report(dir: &std::path::Path, name: &str, agency: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, nianbao::yaml::to_yaml(&Report::new(agency, 2024))).expect("writes");
    p
}
