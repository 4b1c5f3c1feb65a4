//! `--help` in Chinese, in clap's usual layout (issue 13 item 8): headings, usage, the help
//! and version flags and the values of an option, for every command. Applied to the command
//! clap derives from `main.rs` before it parses.

use clap::{Arg, ArgAction, Command};

/// The layout of every help page: clap's, with Chinese headings.
const TEMPLATE: &str = "{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

/// `cmd` and all its subcommands with Chinese help.
pub fn chinese(cmd: Command) -> Command {
    let top = cmd
        .disable_help_subcommand(true)
        .disable_version_flag(true)
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令")
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("显示版本号"),
        );
    let name = top.get_name().to_string();
    let top = one(top, "");
    top.mut_subcommands(|sc| one(sc, &name))
}

fn one(cmd: Command, parent: &str) -> Command {
    let cmd = cmd
        .help_template(TEMPLATE)
        .disable_help_flag(true)
        .next_help_heading("选项")
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("显示帮助"),
        );
    // Positionals first under 参数, then every option under 选项 (as clap orders them).
    let positionals: Vec<String> = cmd
        .get_positionals()
        .map(|a| a.get_id().to_string())
        .collect();
    let options: Vec<String> = cmd
        .get_arguments()
        .filter(|a| !a.is_positional())
        .map(|a| a.get_id().to_string())
        .collect();
    let mut cmd = cmd;
    for id in positionals {
        cmd = cmd.mut_arg(id, |a| a.help_heading("参数"));
    }
    for id in options {
        cmd = cmd.mut_arg(id, |a| a.help_heading("选项"));
    }
    // "[OPTIONS]" in the usage line.
    let mut probe = cmd.clone();
    let usage = probe.render_usage().to_string();
    let usage = usage
        .trim_start_matches("Usage:")
        .trim()
        .replace("[OPTIONS]", "[选项]")
        .replace("<COMMAND>", "<命令>");
    let usage = if parent.is_empty() {
        usage
    } else {
        format!("{parent} {usage}")
    };
    cmd.override_usage(usage)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Command {
        Command::new("nianbao")
            .about("年报")
            .version("1.0")
            .subcommand_required(true)
            .subcommand(
                Command::new("check")
                    .about("检查")
                    .arg(Arg::new("file").help("报告文件").required(true))
                    .arg(
                        Arg::new("strict")
                            .long("strict")
                            .action(ArgAction::SetTrue)
                            .help("严格"),
                    ),
            )
    }

    #[test]
    fn help_pages_have_no_english() {
        let mut cmd = chinese(sample());
        let top = cmd.render_help().to_string();
        let check = cmd
            .find_subcommand_mut("check")
            .unwrap()
            .render_help()
            .to_string();
        for page in [&top, &check] {
            for english in ["Usage", "Options", "Arguments", "Commands", "Print"] {
                assert!(!page.contains(english), "{english} in:\n{page}");
            }
        }
        assert!(
            check.contains("用法：nianbao check [选项] <file>"),
            "{check}"
        );
        assert!(top.contains("用法：nianbao <命令>"), "{top}");
        assert!(
            check.contains("参数:") && check.contains("选项:"),
            "{check}"
        );
        assert!(top.contains("命令:") && top.contains("显示版本号"), "{top}");
    }
}
