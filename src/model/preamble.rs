//! The customary opening paragraph of a report (`preamble`, FORMAT.md §6).

use super::schema::FormatVersion;

/// The sentence most reports open with, for the report on `year`: the legal basis and the
/// period the figures cover. A new report is prefilled with it; the clerk may change or clear
/// it.
pub fn standard_preamble(year: i32) -> String {
    standard_preamble_in(FormatVersion::V2021, year)
}

/// [`standard_preamble`] for a report in a version of the format: it cites that version's
/// notice (the 2019 trial format: 国办公开办函〔2019〕60号).
pub fn standard_preamble_in(version: FormatVersion, year: i32) -> String {
    let format = match version {
        FormatVersion::V2021 => {
            "《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）"
        }
        FormatVersion::V2019 => {
            "《中华人民共和国政府信息公开工作年度报告格式（试行）》（国办公开办函〔2019〕60号）"
        }
    };
    format!(
        "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和{format}要求编制。本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
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
        let p = standard_preamble_in(FormatVersion::V2019, 2020);
        assert!(p.contains("（国办公开办函〔2019〕60号）要求编制"), "{p}");
        assert!(p.ends_with("自2020年1月1日起至2020年12月31日止。"));
    }
}
