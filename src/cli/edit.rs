//! `nianbao new FILE` and `nianbao edit FILE`: the wizard.

use clap::Args;
use std::path::PathBuf;

/// Arguments of `nianbao new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The report file to create (YAML).
    pub file: PathBuf,
}

/// Arguments of `nianbao edit`.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// The report file to open (YAML).
    pub file: PathBuf,
}

/// Runs `new`; returns the exit code.
pub fn run_new(_args: NewArgs) -> anyhow::Result<i32> {
    anyhow::bail!("向导（nianbao new）尚未实现")
}

/// Runs `edit`; returns the exit code.
pub fn run_edit(_args: EditArgs) -> anyhow::Result<i32> {
    anyhow::bail!("向导（nianbao edit）尚未实现")
}
