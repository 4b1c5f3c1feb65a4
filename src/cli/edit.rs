//! `nianbao new FILE` and `nianbao edit FILE`: the wizard.

use crate::tui::theme::Theme;
use crate::tui::wizard::{self, Options, Wizard};
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

fn options(file: PathBuf, current_year: i32) -> Options {
    Options {
        path: file,
        current_year,
        theme: Theme::from_env(),
        size: (80, 24),
    }
}

/// Runs `new`; returns the exit code.
pub fn run_new(args: NewArgs) -> anyhow::Result<i32> {
    if args.file.exists() {
        let f = crate::text::clean_line(&args.file.display().to_string()).into_owned();
        eprintln!("nianbao：文件 {f} 已存在，不会覆盖。要修改它，请用：nianbao edit {f}");
        return Ok(2);
    }
    let year = crate::rules::current_year();
    let report = Wizard::blank_report(year);
    let mut w = Wizard::new(report, options(args.file, year));
    // A new report is unsaved until it is saved.
    w.dirty = true;
    wizard::run(w)?;
    Ok(0)
}

/// Runs `edit`; returns the exit code.
pub fn run_edit(args: EditArgs) -> anyhow::Result<i32> {
    let loaded = match crate::yaml::load_file(&args.file) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("nianbao：{}", crate::text::clean_line(&e.to_string()));
            return Ok(2);
        }
    };
    let year = crate::rules::current_year();
    let w = Wizard::new(loaded.report, options(args.file, year));
    wizard::run(w)?;
    Ok(0)
}
