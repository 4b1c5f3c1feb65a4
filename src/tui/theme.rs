//! Styles, chosen to read well in 16 colours and to degrade to plain attributes (bold,
//! reverse, underline) when NO_COLOR is set. Every colour cue also has a symbol or attribute,
//! so nothing is told by colour alone.

use ratatui::style::{Color, Modifier, Style};

/// The styles of the program's screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Whether colours may be used (false when NO_COLOR is set).
    pub colour: bool,
}

impl Theme {
    /// Colours unless NO_COLOR is set (to anything non-empty).
    pub fn from_env() -> Theme {
        Theme {
            colour: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    /// No colours at all.
    pub fn plain() -> Theme {
        Theme { colour: false }
    }

    fn fg(&self, c: Color) -> Style {
        if self.colour {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    /// Table and section headings.
    pub fn header(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// Row labels.
    pub fn label(&self) -> Style {
        Style::new()
    }

    /// Less important text (hints, borders).
    pub fn dim(&self) -> Style {
        if self.colour {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }

    /// Computed cells (totals): never typed into. Cyan (dark blue is hard to read on a dark
    /// 16-colour terminal) and italic; without colours, italic and underlined (italic alone is
    /// lost on terminals without it, such as the Linux console).
    pub fn computed(&self) -> Style {
        if self.colour {
            Style::new().fg(Color::Cyan).add_modifier(Modifier::ITALIC)
        } else {
            Style::new().add_modifier(Modifier::ITALIC | Modifier::UNDERLINED)
        }
    }

    /// The focused cell or field.
    pub fn focus(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// A cell or line concerned by an error (with a symbol beside it).
    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    /// A cell or line concerned by a warning (with a symbol beside it).
    pub fn warning(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    /// A cell that still holds the value taken from last year's report (with a symbol beside
    /// it).
    pub fn carried(&self) -> Style {
        self.fg(Color::Magenta)
    }

    /// Something done / fine.
    pub fn ok(&self) -> Style {
        self.fg(Color::Green)
    }

    /// Title bars and the status line.
    pub fn bar(&self) -> Style {
        if self.colour {
            Style::new().bg(Color::Blue).fg(Color::White)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }
}

/// The symbol drawn beside a cell concerned by an error.
pub const ERROR_MARK: &str = "✗";
/// The symbol drawn beside a cell concerned by a warning.
pub const WARNING_MARK: &str = "!";
/// The symbol drawn beside a cell that still holds the value taken from last year's report
/// (`new --from`; ASCII, so it is one column in every terminal).
pub const CARRIED_MARK: &str = "^";
