// Shared by the view benchmarks (included with `include!`): a 15 KB report on disk.

/// Writes a report of about 15 KB (huaian-2024.yaml with its prose repeated) into `dir`.
fn report_15kb(dir: &std::path::Path) -> std::path::PathBuf {
    let base = include_str!("../../examples/huaian-2024.yaml");
    let mut report = nianbao::yaml::load_str(base, "huaian-2024.yaml")
        .expect("example loads")
        .report;
    let extra: Vec<_> = report.overview.clone();
    let mut i = 0;
    while nianbao::yaml::to_yaml(&report).len() < 15 * 1024 {
        report.problems.push(extra[i % extra.len()].clone());
        i += 1;
    }
    let path = dir.join("report-15kb.yaml");
    std::fs::write(&path, nianbao::yaml::to_yaml(&report)).expect("write report");
    path
}
