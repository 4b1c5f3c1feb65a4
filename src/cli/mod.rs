//! The command line: one module per subcommand, each with its clap arguments and `run`.

pub mod check;
pub mod diff;
pub mod edit;
pub mod export;
pub mod help;
pub mod import;
pub mod new;
pub mod par;
pub mod pdf;
pub mod summary;
pub mod view;

use crate::model::Report;
use crate::text::clean_line;
use crate::yaml;
use std::io::IsTerminal;
use std::path::Path;

/// Whether to colour output written to stdout: only on a terminal and when NO_COLOR is unset.
pub fn stdout_colour() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Loads last year's report given with `--previous`. When it cannot be read, says why on
/// stderr and returns `None`; the caller then exits with code 2.
pub(crate) fn load_previous(path: &Path) -> Option<Report> {
    match yaml::load_file(path) {
        Ok(l) => Some(l.report),
        Err(e) => {
            eprintln!("上年报告无法读取：{}", clean_line(&e.to_string()));
            None
        }
    }
}
