//! The overview's keys as data: key handling, the help bar and the viewer's F1 help read
//! [`KEYMAP`].

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key does on the overview.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Previous report.
    Up,
    /// Next report.
    Down,
    /// One screen up.
    PageUp,
    /// One screen down.
    PageDown,
    /// First report.
    Top,
    /// Last report.
    Bottom,
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
        action: Action::Up,
        bar: Some(("↑↓", "移动")),
        help: "上一份报告",
    },
    Binding {
        keys: &[KeyCode::Down, KeyCode::Char('j')],
        action: Action::Down,
        bar: None,
        help: "下一份报告",
    },
    Binding {
        keys: &[KeyCode::PageUp],
        action: Action::PageUp,
        bar: None,
        help: "向上翻一屏",
    },
    Binding {
        keys: &[KeyCode::PageDown, KeyCode::Char(' ')],
        action: Action::PageDown,
        bar: None,
        help: "向下翻一屏",
    },
    Binding {
        keys: &[KeyCode::Home, KeyCode::Char('g')],
        action: Action::Top,
        bar: None,
        help: "第一份",
    },
    Binding {
        keys: &[KeyCode::End, KeyCode::Char('G')],
        action: Action::Bottom,
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
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return (key.code == KeyCode::Char('c')).then_some(Action::Quit);
    }
    KEYMAP
        .iter()
        .find(|b| b.keys.contains(&key.code))
        .map(|b| b.action)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice() {
        let all: Vec<KeyCode> = KEYMAP.iter().flat_map(|b| b.keys.iter().copied()).collect();
        for (i, a) in all.iter().enumerate() {
            assert!(!all[i + 1..].contains(a), "{a:?} bound twice");
        }
    }
}
