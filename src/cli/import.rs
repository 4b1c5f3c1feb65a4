//! `nianbao import INPUT [-o OUT.yaml]`: published text or HTML to YAML.

use clap::Args;
use std::path::PathBuf;

/// Arguments of `nianbao import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The published report: text, pdftotext output, HTML or Markdown (`-` for stdin).
    pub input: PathBuf,
    /// Where to write the YAML (default: standard output).
    #[arg(short, long, value_name = "OUT.yaml")]
    pub output: Option<PathBuf>,
}

/// Runs `import`; returns the exit code.
pub fn run(_args: ImportArgs) -> anyhow::Result<i32> {
    anyhow::bail!("导入（nianbao import）尚未实现")
}
