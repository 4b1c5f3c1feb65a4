//! The `nianbao` command.

use clap::{CommandFactory, FromArgMatches, Subcommand};
use nianbao::cli;

/// 政府信息公开工作年度报告：填写、检查、审阅、导入。
#[derive(Debug, clap::Parser)]
#[command(name = "nianbao", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// 检查报告（勾稽关系等规则），可用于脚本
    Check(cli::check::CheckArgs),
    /// 新建报告：逐节填写的向导
    New(cli::new::NewArgs),
    /// 修改已有报告
    Edit(cli::edit::EditArgs),
    /// 审阅一份或多份报告（只读）
    View(cli::view::ViewArgs),
    /// 把已发布的报告（文本、网页、Word、PDF）导入为 YAML
    Import(cli::import::ImportArgs),
    /// 一批报告的主要数字一览（每份一行，含合计；表格、CSV 或 JSON）
    Summary(cli::summary::SummaryArgs),
    /// 两份报告对照：表二至表四逐格变化，各节文字与上年相同的比例
    Diff(cli::diff::DiffArgs),
    /// 导出为发布用的网页（HTML）、Word（.docx）、Markdown 或纯文本
    Export(cli::export::ExportArgs),
}

fn main() {
    // Help and usage in Chinese (cli::help); then parsed as derived.
    let matches = match cli::help::chinese(Cli::command()).try_get_matches() {
        Ok(m) => m,
        Err(e) => {
            // The command the user named (for the pointer to its --help).
            let command = std::env::args()
                .skip(1)
                .find(|a| !a.starts_with('-'))
                .filter(|a| Cli::command().find_subcommand(a).is_some())
                .unwrap_or_default();
            match cli::help::error_message(&e, &command) {
                Some(msg) => {
                    eprint!("{}", nianbao::text::clean_line(&msg).replace('␊', "\n"));
                    std::process::exit(2);
                }
                None => e.exit(),
            }
        }
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => e.exit(),
    };
    let result = match cli.command {
        Command::Check(a) => cli::check::run(a),
        Command::New(a) => cli::new::run(a),
        Command::Edit(a) => cli::edit::run_edit(a),
        Command::View(a) => cli::view::run(a),
        Command::Import(a) => cli::import::run(a),
        Command::Summary(a) => cli::summary::run(a),
        Command::Diff(a) => cli::diff::run(a),
        Command::Export(a) => cli::export::run(a),
    };
    match result {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("nianbao：{}", nianbao::text::clean_line(&format!("{e:#}")));
            std::process::exit(2);
        }
    }
}
