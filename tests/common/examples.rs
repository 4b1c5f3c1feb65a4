//! The bundled example reports, loaded for tests.
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
