//! The overview's keys as data: key handling, the help bar and the viewer's F1 help read
//! [`KEYMAP`]. The moves ([`Motion`]) and the key lookup ([`lookup_in`]) are the comparison
//! screen's too.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A move through the rows of a screen: the overview's reports, the comparison's lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Motion {
    /// One row up (the previous report).
    Up,
    /// One row down (the next report).
    Down,
    /// One screen up.
    PageUp,
    /// One screen down.
    PageDown,
    /// To the first row.
    Top,
    /// To the last row.
    Bottom,
}

impl Motion {
    /// The row the move lands on from row `at` on a screen that shows `rows` rows (a page
    /// keeps one of them in view); past the end for [`Motion::Bottom`] and maybe
    /// [`Motion::Down`]/[`Motion::PageDown`]: the screen keeps it within its rows.
    pub fn from(self, at: usize, rows: usize) -> usize {
        let page = rows.saturating_sub(1).max(1);
        match self {
            Motion::Up => at.saturating_sub(1),
            Motion::Down => at + 1,
            Motion::PageUp => at.saturating_sub(page),
            Motion::PageDown => at + page,
            Motion::Top => 0,
            Motion::Bottom => usize::MAX,
        }
    }
}

/// What a key does on the overview.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Move the cursor to another report.
    Move(Motion),
    /// Focus the column to the left.
    Left,
    /// Focus the column to the right.
    Right,
    /// Sort by the focused column; again: the other way.
    Sort,
    /// Show only reports with errors (and unreadable files); again: all.
    Filter,
    /// Open the report under the cursor.
    Open,
    /// Back to the report.
    Back,
    /// Leave the viewer.
    Quit,
}

/// One binding.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// The keys.
    pub keys: &'static [KeyCode],
    /// What they do.
    pub action: Action,
    /// The help bar's entry (keys as shown, word), if any.
    pub bar: Option<(&'static str, &'static str)>,
    /// The explanation for help.
    pub help: &'static str,
}

/// Every key of the overview, in help order.
pub const KEYMAP: &[Binding] = &[
    Binding {
        keys: &[KeyCode::Up, KeyCode::Char('k')],
        action: Action::Move(Motion::Up),
        bar: Some(("↑↓", "移动")),
        help: "上一份报告",
    },
    Binding {
        keys: &[KeyCode::Down, KeyCode::Char('j')],
        action: Action::Move(Motion::Down),
        bar: None,
        help: "下一份报告",
    },
    Binding {
        keys: &[KeyCode::PageUp],
        action: Action::Move(Motion::PageUp),
        bar: None,
        help: "向上翻一屏",
    },
    Binding {
        keys: &[KeyCode::PageDown, KeyCode::Char(' ')],
        action: Action::Move(Motion::PageDown),
        bar: None,
        help: "向下翻一屏",
    },
    Binding {
        keys: &[KeyCode::Home, KeyCode::Char('g')],
        action: Action::Move(Motion::Top),
        bar: None,
        help: "第一份",
    },
    Binding {
        keys: &[KeyCode::End, KeyCode::Char('G')],
        action: Action::Move(Motion::Bottom),
        bar: None,
        help: "最后一份",
    },
    Binding {
        keys: &[KeyCode::Left, KeyCode::Char('h')],
        action: Action::Left,
        bar: Some(("←→", "列")),
        help: "选左边一列",
    },
    Binding {
        keys: &[KeyCode::Right, KeyCode::Char('l')],
        action: Action::Right,
        bar: None,
        help: "选右边一列",
    },
    Binding {
        keys: &[KeyCode::Char('s')],
        action: Action::Sort,
        bar: Some(("s", "排序")),
        help: "按选中的列排序（数字从小到大）；再按一次反过来",
    },
    Binding {
        keys: &[KeyCode::Char('f')],
        action: Action::Filter,
        bar: Some(("f", "只看有错")),
        help: "只显示有错误的报告（和无法读取的文件）；再按一次显示全部",
    },
    Binding {
        keys: &[KeyCode::Enter],
        action: Action::Open,
        bar: Some(("Enter", "打开")),
        help: "打开选中的报告",
    },
    Binding {
        keys: &[KeyCode::Esc, KeyCode::Char('o')],
        action: Action::Back,
        bar: Some(("Esc", "返回")),
        help: "回到原来的报告",
    },
    Binding {
        keys: &[KeyCode::Char('q')],
        action: Action::Quit,
        bar: Some(("q", "退出")),
        help: "退出",
    },
];

/// The action of a key press, if any (Ctrl-C quits).
pub fn lookup(key: &KeyEvent) -> Option<Action> {
    lookup_in(KEYMAP.iter().map(|b| (b.keys, b.action)), key, Action::Quit)
}

/// The action of a key press in a table of (keys, action): the first that has the key.
/// With Ctrl held, only Ctrl-C does something: `quit`.
pub fn lookup_in<A>(
    bindings: impl IntoIterator<Item = (&'static [KeyCode], A)>,
    key: &KeyEvent,
    quit: A,
) -> Option<A> {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return (key.code == KeyCode::Char('c')).then_some(quit);
    }
    bindings
        .into_iter()
        .find(|(keys, _)| keys.contains(&key.code))
        .map(|(_, action)| action)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_keep_a_row_of_the_last_screen_in_view() {
        assert_eq!(Motion::Up.from(0, 10), 0);
        assert_eq!(Motion::Up.from(5, 10), 4);
        assert_eq!(Motion::Down.from(5, 10), 6);
        assert_eq!(Motion::PageDown.from(5, 10), 14);
        assert_eq!(Motion::PageUp.from(14, 10), 5);
        assert_eq!(Motion::PageUp.from(3, 10), 0);
        assert_eq!(
            Motion::PageDown.from(5, 1),
            6,
            "a page of one row is one row"
        );
        assert_eq!(Motion::Top.from(7, 10), 0);
        assert_eq!(Motion::Bottom.from(7, 10), usize::MAX);
    }

    #[test]
    fn with_ctrl_only_ctrl_c_does_something() {
        use ratatui::crossterm::event::KeyModifiers as M;
        let press = |code, m| KeyEvent::new(code, m);
        assert_eq!(
            lookup(&press(KeyCode::Char('c'), M::CONTROL)),
            Some(Action::Quit)
        );
        assert_eq!(lookup(&press(KeyCode::Char('s'), M::CONTROL)), None);
        assert_eq!(
            lookup(&press(KeyCode::Char('s'), M::NONE)),
            Some(Action::Sort)
        );
        assert_eq!(
            lookup(&press(KeyCode::Char('j'), M::NONE)),
            Some(Action::Move(Motion::Down))
        );
    }

    #[test]
    fn no_key_is_bound_twice() {
        let all: Vec<KeyCode> = KEYMAP.iter().flat_map(|b| b.keys.iter().copied()).collect();
        for (i, a) in all.iter().enumerate() {
            assert!(!all[i + 1..].contains(a), "{a:?} bound twice");
        }
    }
}
