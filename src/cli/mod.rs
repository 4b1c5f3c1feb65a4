//! The command line: one module per subcommand, each with its clap arguments and `run`.

pub mod check;
pub mod edit;
pub mod import;
pub mod view;

use std::io::IsTerminal;

/// Whether to colour output written to stdout: only on a terminal and when NO_COLOR is unset.
pub fn stdout_colour() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}
