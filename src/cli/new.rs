//! `nianbao new FILE [--from 上年.yaml] [--format 2019|2021]`: the wizard on a new report.

use super::edit::{check_folder, last_year_base, lock, offer_draft, options, Start};
use crate::model::schema::{self, FormatVersion};
use crate::tui::wizard::{self, Wizard};
use clap::Args;
use std::path::PathBuf;

/// Arguments of `nianbao new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// 要新建的报告文件（YAML）
    #[arg(value_name = "文件")]
    pub file: PathBuf,
    /// 从上年报告开始：带入机关名称、上年结转、表二接续上年的数（现行有效件数；2019 年版为对外公开总数量、上一年项目数量）和各段小标题（可以是 import 生成的 YAML）
    #[arg(long = "from", value_name = "上年.yaml")]
    pub from: Option<PathBuf>,
    /// 报告格式：2021（默认，2021 年度起的报告）或 2019（2019 年版试行格式，用于改正 2019、2020 年度的报告）
    #[arg(long = "format", value_name = "版本")]
    pub format: Option<String>,
}

/// The version `--format` names, or the message saying what it takes.
pub fn parse_format(value: &str) -> Result<FormatVersion, String> {
    let v = value.trim();
    v.parse::<i64>()
        .ok()
        .and_then(FormatVersion::from_number)
        .ok_or_else(|| {
            let known: Vec<String> = FormatVersion::ALL
                .iter()
                .map(|f| format!("{}（{}）", f.number(), f.name()))
                .collect();
            format!(
                "--format {} 不是已知的报告格式：只能是 {}；不写时为 {}",
                crate::text::escape_for_message(value, 20),
                known.join(" 或 "),
                FormatVersion::V2021.number()
            )
        })
}

/// Runs `new`; returns the exit code.
pub fn run(args: NewArgs) -> anyhow::Result<i32> {
    // The arguments first: a wrong value changes nothing.
    let version = match args.format.as_deref().map(parse_format) {
        Some(Ok(v)) => Some(v),
        Some(Err(why)) => {
            eprintln!("nianbao：{why}");
            return Ok(2);
        }
        None => None,
    };
    if let Err(code) = check_folder(&args.file) {
        return Ok(code);
    }
    if args.file.exists() {
        let f = crate::text::clean_line(&args.file.display().to_string()).into_owned();
        eprintln!("nianbao：文件 {f} 已存在，不会覆盖。要修改它，请用：nianbao edit {f}");
        return Ok(2);
    }
    // Last year's report is read before anything else: a wrong path changes nothing.
    let last = match &args.from {
        Some(path) => match last_year_base(path) {
            Some(r) => Some(r),
            None => return Ok(2),
        },
        None => None,
    };
    let year = crate::rules::current_year();
    let report = match &last {
        Some(l) => {
            let next = crate::model::next_year::next_year(l);
            // The year after last year's decides the format; a --format that disagrees
            // would give a report in the wrong tables.
            if let Some(v) = version.filter(|v| *v != next.version()) {
                eprintln!(
                    "nianbao：--from 的报告是 {} 年的，新报告为 {} 年，按 {}填写，不能用 --format {}（{}）；请去掉 --format",
                    l.year,
                    next.year,
                    next.version().name(),
                    v.number(),
                    v.name()
                );
                return Ok(2);
            }
            next
        }
        None => Wizard::blank_report_in(version.unwrap_or(FormatVersion::V2021), year),
    };
    let _lock = match lock(&args.file) {
        Ok(l) => l,
        Err(code) => return Ok(code),
    };
    let (report, opening, position) = match offer_draft(&args.file, report, None)? {
        Start::Open(r, o, p) => (*r, o, p),
        Start::Exit(code) => return Ok(code),
    };
    let mut w = Wizard::new(report, options(args.file, year));
    if let Some(l) = last {
        let from = l.year;
        let mut what = vec![
            schema::AGENCY_LABEL,
            schema::bare_label(schema::B_ROWS[schema::R_CARRIED_OVER].short),
        ];
        // One proposed column by its label (现行有效件数); several (the 2019 format) by their
        // count of cells, to fit the status line at 80 columns (the cells are marked ^).
        let cols = crate::model::next_year::proposed_columns(&w.report, &l);
        let cells = crate::model::next_year::proposals(&w.report, &l).len();
        let several = format!("表二 {cells} 个数");
        match cols.len() {
            0 => {}
            1 => what.push(cols[0]),
            _ => what.push(&several),
        }
        w = w.with_last_year(l);
        if !opening.recovered {
            w.message = Some((
                wizard::Tone::Info,
                format!(
                    "已从 {from} 年报告带入{}和各段小标题（均可修改）",
                    what.join("、")
                ),
            ));
        }
    } else if version == Some(FormatVersion::V2019) && !opening.recovered {
        w.message = Some((
            wizard::Tone::Info,
            format!(
                "新报告按 {}填写（用于改正 2019、2020 年度的报告）",
                FormatVersion::V2019.name()
            ),
        ));
    }
    if opening.recovered {
        // A recovered draft is unsaved work, and opens where the clerk was.
        w.mark_recovered();
        w.go_to_position(position.as_deref().unwrap_or(""));
    }
    wizard::run_opened(w, opening)?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_is_2019_or_2021_and_anything_else_is_explained() {
        assert_eq!(parse_format("2019"), Ok(FormatVersion::V2019));
        assert_eq!(parse_format(" 2021 "), Ok(FormatVersion::V2021));
        let e = parse_format("2020").unwrap_err();
        assert!(e.contains("--format 2020 不是已知的报告格式"), "{e}");
        assert!(
            e.contains("2021（2021 年版格式） 或 2019（2019 年版（试行）格式）"),
            "{e}"
        );
        assert!(e.contains("不写时为 2021"), "{e}");
        assert!(parse_format("xml").is_err());
    }
}
