//! The customary opening paragraph of a report (`preamble`, FORMAT.md §6).

/// The sentence most reports open with, for the report on `year`: the legal basis and the
/// period the figures cover. A new report is prefilled with it; the clerk may change or clear
/// it.
pub fn standard_preamble(year: i32) -> String {
    format!(
        "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）要求编制。本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_year_twice() {
        let p = standard_preamble(2024);
        assert!(p.starts_with("本报告根据《中华人民共和国政府信息公开条例》"));
        assert!(p.ends_with("自2024年1月1日起至2024年12月31日止。"));
    }
}
