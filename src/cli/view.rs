//! `nianbao view FILE...`: review mode.

use clap::Args;
use std::path::PathBuf;

/// Arguments of `nianbao view`.
#[derive(Debug, Args)]
pub struct ViewArgs {
    /// Last year's report of the same agency, for the cross-year rules Y1 and Y2.
    #[arg(long, value_name = "LAST_YEAR.yaml")]
    pub previous: Option<PathBuf>,
    /// Report files (YAML).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

/// Runs `view`; returns the exit code.
pub fn run(_args: ViewArgs) -> anyhow::Result<i32> {
    anyhow::bail!("审阅模式（nianbao view）尚未实现")
}
