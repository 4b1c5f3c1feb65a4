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

/// A command-line error in Chinese: what is wrong, where, and what would be right (clap's
/// own text is English). Help and version requests are not errors: `None` (clap prints them).
pub fn error_message(e: &clap::Error, command: &str) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let get = |k: ContextKind| -> String {
        match e.get(k) {
            Some(ContextValue::String(s)) => s.clone(),
            Some(ContextValue::Strings(v)) => v.join("、"),
            Some(other) => other.to_string(),
            None => String::new(),
        }
    };
    let arg = get(ContextKind::InvalidArg);
    let what = match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => return None,
        ErrorKind::ArgumentConflict => {
            let prior = get(ContextKind::PriorArg);
            if prior.is_empty() || prior == arg {
                format!("参数 {arg} 只能给一次")
            } else {
                format!("参数 {arg} 不能与 {prior} 同时使用，请去掉其中一个")
            }
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{arg}"),
        ErrorKind::UnknownArgument => {
            let suggested = get(ContextKind::SuggestedArg);
            if suggested.is_empty() {
                format!("没有参数 {arg}")
            } else {
                format!("没有参数 {arg}；是不是要用 {suggested}？")
            }
        }
        ErrorKind::InvalidSubcommand => {
            let suggested = get(ContextKind::SuggestedSubcommand);
            let sub = get(ContextKind::InvalidSubcommand);
            if suggested.is_empty() {
                format!("没有命令 {sub}")
            } else {
                format!("没有命令 {sub}；是不是要用 {suggested}？")
            }
        }
        ErrorKind::MissingSubcommand => "缺少命令".to_string(),
        ErrorKind::InvalidValue => {
            let value = get(ContextKind::InvalidValue);
            let valid = get(ContextKind::ValidValue);
            if value.is_empty() {
                format!("参数 {arg} 需要一个值")
            } else if valid.is_empty() {
                format!("参数 {arg} 的值“{value}”无效")
            } else {
                format!("参数 {arg} 的值“{value}”无效；可用的值：{valid}")
            }
        }
        ErrorKind::ValueValidation => {
            let value = get(ContextKind::InvalidValue);
            let why = std::error::Error::source(e)
                .map(|s| s.to_string())
                .unwrap_or_default();
            format!(
                "参数 {arg} 的值“{value}”无效{}",
                if why.is_empty() {
                    String::new()
                } else {
                    format!("：{why}")
                }
            )
        }
        ErrorKind::TooManyValues => {
            format!("参数 {arg} 的值太多：{}", get(ContextKind::InvalidValue))
        }
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("参数 {arg} 的值的个数不对")
        }
        ErrorKind::NoEquals => format!("参数 {arg} 的值要用“=”写在后面"),
        ErrorKind::InvalidUtf8 => "命令行参数不是有效的 UTF-8 文字".to_string(),
        _ => "命令行参数有误".to_string(),
    };
    let help = if command.is_empty() {
        "nianbao --help".to_string()
    } else {
        format!("nianbao {command} --help")
    };
    Some(format!("nianbao：{what}\n用法见 {help}\n"))
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
