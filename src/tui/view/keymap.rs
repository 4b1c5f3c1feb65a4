//! The viewer's keys as data: the key handling, the help bar and the F1 help all read
//! [`KEYMAP`], so they cannot disagree.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// One row up.
    LineUp,
    /// One row down.
    LineDown,
    /// One screen up.
    PageUp,
    /// One screen down.
    PageDown,
    /// To the top.
    Top,
    /// To the bottom.
    Bottom,
    /// To a section (the digit pressed: 1 … 6).
    Section,
    /// Next finding.
    NextFinding,
    /// Previous finding.
    PrevFinding,
    /// Next file.
    NextFile,
    /// Previous file.
    PrevFile,
    /// Open the current file in the wizard.
    Edit,
    /// Write the current report as published (.html and .docx beside its file).
    Export,
    /// The overview of every open file (only with several files).
    Overview,
    /// The comparison with last year's report (only with `--previous`).
    Compare,
    /// Show or hide the help.
    Help,
    /// Clear the terminal and draw everything again.
    Repaint,
    /// Type a text to search for in the open report.
    Search,
    /// The next match of the search.
    NextMatch,
    /// The previous match of the search.
    PrevMatch,
    /// The list of all files (name, errors, warnings), to jump to one.
    FileList,
    /// Leave the viewer.
    Quit,
}

/// A key: its code and the modifiers that must be held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Modifiers: Ctrl; Shift only for keys that are not characters (Shift-Enter), for a
    /// character it is in the character.
    pub ctrl: bool,
    /// Shift held (keys that are not characters).
    pub shift: bool,
}

const fn k(code: KeyCode) -> Key {
    Key {
        code,
        ctrl: false,
        shift: false,
    }
}

const fn c(ch: char) -> Key {
    Key {
        code: KeyCode::Char(ch),
        ctrl: false,
        shift: false,
    }
}

const fn ctrl(ch: char) -> Key {
    Key {
        code: KeyCode::Char(ch),
        ctrl: true,
        shift: false,
    }
}

/// An entry of the help bar.
#[derive(Debug, Clone, Copy)]
pub struct Bar {
    /// The keys as shown, e.g. `n/N`.
    pub keys: &'static str,
    /// A word, e.g. `问题`.
    pub word: &'static str,
    /// When the bar is too narrow, entries with the lowest priority are left out first.
    pub priority: u8,
}

const fn bar(keys: &'static str, word: &'static str, priority: u8) -> Option<Bar> {
    Some(Bar {
        keys,
        word,
        priority,
    })
}

/// One binding: the keys, the action, and how help shows it.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// The keys that do it.
    pub keys: &'static [Key],
    /// What they do.
    pub action: Action,
    /// Its entry in the help bar (one entry may speak for a pair of bindings, as `n/N 问题`);
    /// `None` to leave the binding out of the bar.
    pub bar: Option<Bar>,
    /// The full explanation for the F1 help.
    pub help: &'static str,
}

/// Every key of the viewer, in the order help lists them.
pub const KEYMAP: &[Binding] = &[
    Binding {
        keys: &[k(KeyCode::Up), c('k')],
        action: Action::LineUp,
        bar: bar("↑↓ PgUp/PgDn", "滚动", 1),
        help: "向上滚动一行",
    },
    Binding {
        keys: &[k(KeyCode::Down), c('j')],
        action: Action::LineDown,
        bar: None,
        help: "向下滚动一行",
    },
    Binding {
        keys: &[k(KeyCode::PageUp), c('b')],
        action: Action::PageUp,
        bar: None,
        help: "向上翻一屏",
    },
    Binding {
        keys: &[k(KeyCode::PageDown), c(' ')],
        action: Action::PageDown,
        bar: None,
        help: "向下翻一屏",
    },
    Binding {
        keys: &[k(KeyCode::Home), c('g')],
        action: Action::Top,
        bar: None,
        help: "回到开头（标题和问题清单）",
    },
    Binding {
        keys: &[k(KeyCode::End), c('G')],
        action: Action::Bottom,
        bar: None,
        help: "到结尾",
    },
    Binding {
        keys: &[c('1'), c('2'), c('3'), c('4'), c('5'), c('6')],
        action: Action::Section,
        bar: bar("1-6", "节", 2),
        help: "跳到第一至第六节（二、三、四节是表格）",
    },
    Binding {
        keys: &[c('n')],
        action: Action::NextFinding,
        bar: bar("n/N", "问题", 5),
        help: "下一处问题：滚动到它并标出所在单元格",
    },
    Binding {
        keys: &[c('N')],
        action: Action::PrevFinding,
        bar: None,
        help: "上一处问题",
    },
    Binding {
        keys: &[c(']')],
        action: Action::NextFile,
        bar: bar("]/[", "文件", 4),
        help: "下一个文件",
    },
    Binding {
        keys: &[c('[')],
        action: Action::PrevFile,
        bar: None,
        help: "上一个文件",
    },
    Binding {
        keys: &[c('/')],
        action: Action::Search,
        bar: bar("/", "搜索", 0),
        help: "在报告文字中搜索：输入后按 Enter，Esc 取消",
    },
    Binding {
        keys: &[k(KeyCode::Enter)],
        action: Action::NextMatch,
        bar: None,
        help: "搜索后的下一处（n / N 仍是问题）",
    },
    Binding {
        keys: &[Key {
            code: KeyCode::Enter,
            ctrl: false,
            shift: true,
        }],
        action: Action::PrevMatch,
        bar: None,
        help: "搜索后的上一处",
    },
    Binding {
        keys: &[c('f')],
        action: Action::FileList,
        bar: bar("f", "文件列表", 0),
        help: "文件列表（错误、警告数）：输入名称筛选，Enter 打开",
    },
    Binding {
        keys: &[c('e')],
        action: Action::Edit,
        bar: bar("e", "编辑", 3),
        help: "用填写向导（nianbao edit）打开当前文件，改完后重新读取",
    },
    Binding {
        keys: &[c('x')],
        action: Action::Export,
        bar: bar("x", "导出", 3),
        help: "导出为网页（.html）和 Word（.docx），写在报告旁边",
    },
    Binding {
        keys: &[c('o')],
        action: Action::Overview,
        bar: bar("o", "总览", 5),
        help: "总览：每份报告一行主要数字，可排序、筛选、打开",
    },
    Binding {
        keys: &[c('d')],
        action: Action::Compare,
        bar: bar("d", "对照上年", 5),
        help: "与上年报告对照：表格逐格的变化，文字与上年相同之处",
    },
    Binding {
        keys: &[k(KeyCode::F(1)), c('?')],
        action: Action::Help,
        bar: bar("F1", "帮助", 7),
        help: "显示或关闭这份帮助",
    },
    Binding {
        keys: &[ctrl('l')],
        action: Action::Repaint,
        bar: None,
        help: "重画整个屏幕（画面错乱时）",
    },
    Binding {
        keys: &[c('q'), ctrl('c')],
        action: Action::Quit,
        bar: bar("q", "退出", 6),
        help: "退出",
    },
];

impl Key {
    /// The key as help shows it: `↑`, `PgDn`, `空格`, `F1`, `Ctrl-C`, `n`.
    pub fn name(&self) -> String {
        let base = match self.code {
            KeyCode::Up => "↑".to_string(),
            KeyCode::Down => "↓".to_string(),
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            KeyCode::PageUp => "PgUp".to_string(),
            KeyCode::PageDown => "PgDn".to_string(),
            KeyCode::Home => "Home".to_string(),
            KeyCode::End => "End".to_string(),
            KeyCode::Esc => "Esc".to_string(),
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Char(' ') => "空格".to_string(),
            KeyCode::Char(c) if self.ctrl => c.to_ascii_uppercase().to_string(),
            KeyCode::Char(c) => c.to_string(),
            other => format!("{other:?}"),
        };
        match (self.ctrl, self.shift) {
            (true, _) => format!("Ctrl-{base}"),
            (false, true) => format!("Shift-{base}"),
            _ => base,
        }
    }
}

impl Binding {
    /// All the keys of the binding as help shows them, e.g. `PgDn 空格`; the six digits of
    /// [`Action::Section`] as `1-6`.
    pub fn keys_label(&self) -> String {
        if self.action == Action::Section {
            if let (Some(a), Some(b)) = (self.keys.first(), self.keys.last()) {
                return format!("{}-{}", a.name(), b.name());
            }
        }
        self.keys
            .iter()
            .map(Key::name)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The binding of a key press, if any.
pub fn lookup(key: &KeyEvent) -> Option<(&'static Binding, KeyCode)> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let shift =
        key.modifiers.contains(KeyModifiers::SHIFT) && !matches!(key.code, KeyCode::Char(_));
    KEYMAP
        .iter()
        .find(|b| {
            b.keys
                .iter()
                .any(|k| k.code == key.code && k.ctrl == ctrl && k.shift == shift)
        })
        .map(|b| (b, key.code))
}

/// The help bar's entries that fit in `width` columns (two spaces between entries, one
/// before the first), in keymap order, leaving out the lowest priorities first; with one
/// readable file and no previous report (the overview and the comparison are not available).
pub fn bar_items(width: usize) -> Vec<Bar> {
    bar_items_for(width, |a| a == Action::Export)
}

/// True for the actions that are always available (not [`Action::Overview`],
/// [`Action::Compare`] nor [`Action::Export`], which need several files, last year's report
/// or a readable report).
fn always(action: Action) -> bool {
    !matches!(action, Action::Overview | Action::Compare | Action::Export)
}

/// [`bar_items`] with the conditional actions for which `available` says yes.
pub fn bar_items_for(width: usize, available: impl Fn(Action) -> bool) -> Vec<Bar> {
    use unicode_width::UnicodeWidthStr;
    let mut items: Vec<Bar> = KEYMAP
        .iter()
        .filter(|b| always(b.action) || available(b.action))
        .filter_map(|b| b.bar)
        .collect();
    let need = |items: &[Bar]| -> usize {
        items
            .iter()
            .map(|b| b.keys.width() + 1 + b.word.width() + 2)
            .sum::<usize>()
            + 1
    };
    while need(&items) > width + 2 && !items.is_empty() {
        if let Some(low) = items
            .iter()
            .enumerate()
            .min_by_key(|(_, b)| b.priority)
            .map(|(i, _)| i)
        {
            items.remove(low);
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_names_every_key() {
        let labels: Vec<String> = KEYMAP.iter().map(Binding::keys_label).collect();
        assert!(labels.contains(&"PgDn 空格".to_string()), "{labels:?}");
        assert!(labels.contains(&"1-6".to_string()));
        assert!(labels.contains(&"q Ctrl-C".to_string()));
        assert!(labels.contains(&"F1 ?".to_string()));
    }

    #[test]
    fn a_narrow_bar_keeps_help_and_quit() {
        let all = bar_items(200);
        assert_eq!(all.len(), 10);
        let narrow: Vec<&str> = bar_items(30).iter().map(|b| b.keys).collect();
        assert!(
            narrow.contains(&"F1") && narrow.contains(&"q"),
            "{narrow:?}"
        );
        assert!(!narrow.contains(&"↑↓ PgUp/PgDn"));
        // At 80 columns the entries that were there before search and the file list came;
        // those two are in F1's help.
        assert!(bar_items(80).len() == 8, "{:?}", bar_items(80));
    }

    #[test]
    fn no_key_is_bound_twice() {
        let all: Vec<Key> = KEYMAP.iter().flat_map(|b| b.keys.iter().copied()).collect();
        for (i, a) in all.iter().enumerate() {
            assert!(!all[i + 1..].contains(a), "{a:?} bound twice");
        }
    }

    #[test]
    fn the_issue_keys_are_bound() {
        let press = |code| KeyEvent::new(code, KeyModifiers::NONE);
        let action = |code| lookup(&press(code)).map(|(b, _)| b.action);
        assert_eq!(action(KeyCode::Char('n')), Some(Action::NextFinding));
        assert_eq!(action(KeyCode::Char('N')), Some(Action::PrevFinding));
        assert_eq!(action(KeyCode::Char(']')), Some(Action::NextFile));
        assert_eq!(action(KeyCode::Char('[')), Some(Action::PrevFile));
        assert_eq!(action(KeyCode::Char('4')), Some(Action::Section));
        assert_eq!(action(KeyCode::F(1)), Some(Action::Help));
        assert_eq!(action(KeyCode::PageDown), Some(Action::PageDown));
        assert_eq!(action(KeyCode::End), Some(Action::Bottom));
        assert_eq!(action(KeyCode::Char('q')), Some(Action::Quit));
        assert_eq!(action(KeyCode::Char('x')), Some(Action::Export));
        assert_eq!(action(KeyCode::Char('z')), None);
        assert_eq!(action(KeyCode::Char('/')), Some(Action::Search));
        assert_eq!(action(KeyCode::Enter), Some(Action::NextMatch));
        assert_eq!(action(KeyCode::Char('f')), Some(Action::FileList));
        let shift_enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::SHIFT);
        assert_eq!(
            lookup(&shift_enter).map(|(b, _)| b.action),
            Some(Action::PrevMatch)
        );
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(lookup(&ctrl_c).map(|(b, _)| b.action), Some(Action::Quit));
    }
}
