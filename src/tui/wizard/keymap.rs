//! The wizard's key bindings as data (the design of [`crate::tui::keys`]): one table per
//! scope — the focused widget (table cell, one-line field, text body, step 8's list), the
//! parts of a prose step, everywhere, and each dialog. The key handling, the help bar, the F1
//! help and every key hint in the screens read these tables.
//!
//! Adding a key: one line in its scope's table below, and the arm of [`Action`] it triggers
//! in `update`.

use super::steps::STEP_COUNT;
use crate::tui::keys::{alt, ch, ctrl, ctrl_key, plain, shift, Binding, Key, Scope};
use ratatui::crossterm::event::KeyCode;

/// What a key does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Type a character into the focused field.
    Type,
    /// Delete the character before the caret / the last digit.
    Backspace,
    /// Delete the character after the caret / clear a number.
    Delete,
    /// Enter: down a cell, next field, new line, or the focused list entry's action.
    Enter,
    /// An arrow key (also Home, End, Ctrl-←→ in text): move the cell, caret, field or list
    /// entry, by the focused widget.
    Arrow,
    /// Next field / next editable cell.
    NextField,
    /// Previous field / previous editable cell.
    PrevField,
    /// Next step.
    NextStep,
    /// Previous step.
    PrevStep,
    /// Straight to step N (the digit pressed with Alt).
    GoStep,
    /// Clear the focused field or cell.
    Clear,
    /// Undo.
    Undo,
    /// Redo.
    Redo,
    /// Save to FILE.
    Save,
    /// Quit (asks when there are unsaved changes).
    Quit,
    /// Quit without saving (the confirmation's `y`).
    Discard,
    /// Show every key.
    Help,
    /// Close help or a dialog.
    Close,
    /// Overwrite the file that changed on disk.
    ForceSave,
    /// Cancel the save (the file stays as it is).
    CancelSave,
    /// Save a copy elsewhere (the draft could not be written: a full disk).
    SaveElsewhere,
    /// Show every finding in step 8.
    ShowFindings,
    /// Save to the path typed in 另存为.
    SaveAsTyped,
    /// Recompute every stored total of tables B and C from its parts.
    Recompute,
    /// Add a part after the focused one (prose steps).
    AddPart,
    /// Remove the focused part (prose steps).
    RemovePart,
    /// Move the focused part up.
    PartUp,
    /// Move the focused part down.
    PartDown,
    /// Scroll the report preview of step 8 up.
    ScrollUp,
    /// Scroll the report preview of step 8 down.
    ScrollDown,
    /// Show or hide last year's text of the focused part (with last year's report).
    LastText,
    /// Copy last year's text of the focused part into its empty body (with last year's report).
    CopyLastText,
    /// The preview of step 8 up by a screen.
    PageUp,
    /// The preview of step 8 down by a screen.
    PageDown,
    /// The preview of step 8 to its start.
    PreviewTop,
    /// The preview of step 8 to its end.
    PreviewEnd,
    /// Write the report as published (.html and .docx beside FILE).
    Export,
}

/// A line of the key tables below ([`Binding::new`]).
type B = Binding<Action>;

/// The caret keys of a text body besides the arrows.
const WORD_AND_ENDS: &[Key] = &[
    ctrl_key(KeyCode::Left),
    ctrl_key(KeyCode::Right),
    plain(KeyCode::Home),
    plain(KeyCode::End),
];

/// The caret keys of a one-line field (Home and End, by word with Ctrl).
const CARET: &[Key] = &[
    plain(KeyCode::Left),
    plain(KeyCode::Right),
    ctrl_key(KeyCode::Left),
    ctrl_key(KeyCode::Right),
    plain(KeyCode::Home),
    plain(KeyCode::End),
];

/// The four arrows.
const ARROWS: &[Key] = &[
    plain(KeyCode::Left),
    plain(KeyCode::Up),
    plain(KeyCode::Down),
    plain(KeyCode::Right),
];

/// The keys that quit, everywhere and in every dialog.
const QUIT_KEYS: &[Key] = &[ctrl('q'), ctrl('c')];

/// Quitting from a dialog or the help: works, but is not in its help bar.
const QUIT_QUIETLY: B = B::new(QUIT_KEYS, Action::Quit, "退出", None);

/// Typing, Backspace and Delete in a field do what they always do: F1 leaves them out (an
/// empty `help`).
const TYPE: B = B::new(&[Key::Char], Action::Type, "", None);
/// See [`TYPE`].
const BACKSPACE: B = B::new(&[plain(KeyCode::Backspace)], Action::Backspace, "", None);
/// See [`TYPE`].
const DELETE: B = B::new(&[plain(KeyCode::Delete)], Action::Delete, "", None);

/// A table cell's scope: `$digit` says what typing does, then the arrows, Enter, Backspace
/// and Delete.
macro_rules! cell {
    ($name:literal, $digit:expr $(,)?) => {
        Scope {
            name: $name,
            bindings: &[
                $digit,
                B::new(ARROWS, Action::Arrow, "移动", None),
                B::new(&[plain(KeyCode::Enter)], Action::Enter, "下移", None),
                B::new(
                    &[plain(KeyCode::Backspace)],
                    Action::Backspace,
                    "删去末位",
                    None,
                ),
                B::new(&[plain(KeyCode::Delete)], Action::Delete, "清空", None),
            ],
        }
    };
}

/// The keys of step 8's report preview: Shift or Alt with a key that, plain, moves in the
/// list of findings.
const fn preview(code: KeyCode) -> [Key; 2] {
    [shift(code), alt(code)]
}

/// A "quit with unsaved changes?" dialog: the bindings given first, then `y` and the quit
/// keys quit without saving (`$discard` says so), `n` and Esc return, Ctrl-S saves, any
/// other key returns.
macro_rules! confirm_quit {
    ($discard:literal $(, $first:expr)* $(,)?) => {
        Scope {
            name: "退出",
            bindings: &[
                $($first,)*
                B::new(&[ch('y')], Action::Discard, $discard, Some($discard)),
                B::new(QUIT_KEYS, Action::Discard, $discard, None),
                B::new(
                    &[ch('n'), plain(KeyCode::Esc)],
                    Action::Close,
                    "返回",
                    Some("返回"),
                ),
                B::new(&[ctrl('s')], Action::Save, "保存", Some("保存")),
                B::new(&[Key::Other], Action::Close, "返回", None),
            ],
        }
    };
}

/// A table cell (also table A's amount).
pub static TABLE: Scope<Action> = cell!(
    "表格",
    B::new(&[Key::Digit], Action::Type, "输入数字", Some("输入数字")),
);

/// A cell that may hold a negative number (the 2019 format's 本年增/减): as [`TABLE`], the
/// sign typed first.
pub static TABLE_SIGNED: Scope<Action> = cell!(
    "表格（本年增/减）",
    B::new(
        &[Key::Digit],
        Action::Type,
        "输入数字；减少时先按 -（如 -8）",
        Some("输入数字，减少先按 -"),
    ),
);

/// A one-line field (agency, year, title, a heading, a fee). Typing, Backspace and Delete
/// do what they always do: F1 leaves them out (an empty `help`).
pub static LINE: Scope<Action> = Scope {
    name: "单行输入框",
    bindings: &[
        B::new(&[plain(KeyCode::Enter)], Action::Enter, "下一项", None),
        B::new(
            &[plain(KeyCode::Up), plain(KeyCode::Down)],
            Action::Arrow,
            "上一项 / 下一项",
            None,
        ),
        B::new(CARET, Action::Arrow, "移动光标", None),
        TYPE,
        BACKSPACE,
        DELETE,
    ],
};

/// A multi-line text body.
pub static TEXT: Scope<Action> = Scope {
    name: "正文",
    bindings: &[
        B::new(&[plain(KeyCode::Enter)], Action::Enter, "换行", None),
        B::new(ARROWS, Action::Arrow, "移动光标", None),
        B::new(WORD_AND_ENDS, Action::Arrow, "按词、到行首行尾", None),
        TYPE,
        BACKSPACE,
        DELETE,
    ],
};

/// Step 8's list of findings.
pub static REVIEW: Scope<Action> = Scope {
    name: "检查与保存",
    bindings: &[
        B::new(
            &[plain(KeyCode::Up), plain(KeyCode::Down)],
            Action::Arrow,
            "选择问题",
            Some("选择问题"),
        ),
        B::new(
            &[plain(KeyCode::Enter)],
            Action::Enter,
            "转到该处（在保存行上：保存）",
            Some("转到该处"),
        ),
        B::new(
            &[ctrl('e')],
            Action::Export,
            "导出网页和 Word",
            Some("导出"),
        ),
        B::new(&preview(KeyCode::Up), Action::ScrollUp, "全文上滚", None),
        B::new(
            &preview(KeyCode::Down),
            Action::ScrollDown,
            "全文下滚",
            None,
        ),
        B::new(&preview(KeyCode::PageUp), Action::PageUp, "全文上翻", None),
        B::new(
            &preview(KeyCode::PageDown),
            Action::PageDown,
            "全文下翻",
            None,
        ),
        B::new(
            &preview(KeyCode::Home),
            Action::PreviewTop,
            "全文开头",
            None,
        ),
        B::new(&preview(KeyCode::End), Action::PreviewEnd, "全文结尾", None),
    ],
};

/// The parts of a prose step.
pub static PARTS: Scope<Action> = Scope {
    name: "段落",
    bindings: &[
        B::new(&[ctrl('o')], Action::AddPart, "新增段落", Some("新增段落")),
        B::new(&[ctrl('d')], Action::RemovePart, "删除段落", None),
        B::new(
            &[alt(KeyCode::Up), plain(KeyCode::F(7))],
            Action::PartUp,
            "段落上移",
            None,
        ),
        B::new(
            &[alt(KeyCode::Down), plain(KeyCode::F(8))],
            Action::PartDown,
            "段落下移",
            None,
        ),
    ],
};

/// The parts of a prose step when the wizard has last year's report (`new --from`,
/// `edit --previous`; see [`super::last_year`]).
pub static LAST_YEAR: Scope<Action> = Scope {
    name: "有上年报告时（一、五、六节）",
    bindings: &[
        B::new(
            &[plain(KeyCode::F(3)), ctrl('t')],
            Action::LastText,
            "上年原文",
            Some("上年原文"),
        ),
        B::new(
            &[plain(KeyCode::F(4)), ctrl('g')],
            Action::CopyLastText,
            "套用上年原文",
            None,
        ),
    ],
};

/// Everywhere.
pub static GLOBAL: Scope<Action> = Scope {
    name: "任何时候",
    bindings: &[
        B::new(
            &[plain(KeyCode::Tab)],
            Action::NextField,
            "下一项",
            Some("下一项"),
        ),
        B::new(
            &[plain(KeyCode::BackTab)],
            Action::PrevField,
            "上一项",
            None,
        ),
        B::new(
            &[plain(KeyCode::PageDown), ctrl('n')],
            Action::NextStep,
            "下一步",
            Some("下一步"),
        ),
        B::new(
            &[plain(KeyCode::PageUp), ctrl('p')],
            Action::PrevStep,
            "上一步",
            Some("上一步"),
        ),
        B::new(
            &[Key::AltDigit(STEP_COUNT as u8)],
            Action::GoStep,
            "直接到第 N 步",
            None,
        ),
        B::new(&[ctrl('u')], Action::Clear, "清空", None),
        B::new(&[ctrl('z')], Action::Undo, "撤销", None),
        B::new(&[ctrl('y')], Action::Redo, "重做", None),
        B::new(
            &[plain(KeyCode::F(5)), ctrl('r')],
            Action::Recompute,
            "重算总计",
            None,
        ),
        B::new(&[ctrl('s')], Action::Save, "保存", Some("保存")),
        B::new(QUIT_KEYS, Action::Quit, "退出", Some("退出")),
        B::new(
            &[plain(KeyCode::F(1))],
            Action::Help,
            "全部按键",
            Some("全部按键"),
        ),
        B::new(
            &[plain(KeyCode::Esc)],
            Action::Close,
            "关闭帮助或对话框",
            None,
        ),
    ],
};

/// The F1 help.
pub static HELP_DIALOG: Scope<Action> = Scope {
    name: "帮助",
    bindings: &[
        B::new(
            &[
                plain(KeyCode::Esc),
                plain(KeyCode::F(1)),
                plain(KeyCode::Enter),
                ch('q'),
            ],
            Action::Close,
            "关闭",
            Some("关闭"),
        ),
        B::new(
            &[plain(KeyCode::Up), plain(KeyCode::Down)],
            Action::Arrow,
            "翻动",
            None,
        ),
        B::new(
            &[plain(KeyCode::PageUp), plain(KeyCode::PageDown)],
            Action::Arrow,
            "翻页",
            None,
        ),
        QUIT_QUIETLY,
    ],
};

/// "Quit with unsaved changes?"
pub static CONFIRM_QUIT: Scope<Action> = confirm_quit!("不保存，直接退出");

/// "Quit with unsaved changes?" while the draft cannot be written (a full disk): quitting
/// loses the changes, so a copy can be saved elsewhere first.
pub static CONFIRM_QUIT_NO_DRAFT: Scope<Action> = confirm_quit!(
    "仍退出",
    B::new(
        &[ch('a')],
        Action::SaveElsewhere,
        "另存到临时文件夹",
        Some("另存到临时文件夹"),
    ),
);

/// "FILE changed on disk: overwrite?"
pub static CONFIRM_OVERWRITE: Scope<Action> = Scope {
    name: "文件已被改动",
    bindings: &[
        B::new(&[ch('y')], Action::ForceSave, "覆盖", Some("覆盖")),
        B::new(
            &[Key::Other],
            Action::CancelSave,
            "不保存，返回",
            Some("不保存，返回"),
        ),
    ],
};

/// "Saving failed: 另存为" with a path to type.
pub static SAVE_AS: Scope<Action> = Scope {
    name: "另存为",
    bindings: &[
        B::new(
            &[plain(KeyCode::Enter)],
            Action::SaveAsTyped,
            "保存到这个位置",
            Some("保存到这里"),
        ),
        B::new(
            &[plain(KeyCode::Esc)],
            Action::Close,
            "不保存，返回",
            Some("返回"),
        ),
        BACKSPACE,
        B::new(&[ctrl('u')], Action::Clear, "清空路径", Some("清空")),
        TYPE,
        QUIT_QUIETLY,
    ],
};

/// "Saved, with errors still in the report."
pub static SAVED_WITH_ERRORS: Scope<Action> = Scope {
    name: "已保存",
    bindings: &[
        B::new(
            &[plain(KeyCode::Enter)],
            Action::ShowFindings,
            "到第 8 步查看全部",
            Some("到检查与保存查看全部"),
        ),
        QUIT_QUIETLY,
        B::new(&[plain(KeyCode::Esc)], Action::Close, "关闭", Some("关闭")),
        B::new(&[Key::Other], Action::Close, "关闭", None),
    ],
};

/// The screen's scopes in the order F1 lists them.
pub static SCREEN_SCOPES: &[&Scope<Action>] = &[&GLOBAL, &TABLE, &LINE, &TEXT, &PARTS, &REVIEW];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keys::{keys_for, lookup};
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};

    fn key(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, m)
    }

    fn action(scopes: &[&Scope<Action>], k: KeyEvent) -> Option<Action> {
        lookup(scopes, &k).map(|b| b.action)
    }

    #[test]
    fn issue_keys_are_bound() {
        let g: &[&Scope<Action>] = &[&GLOBAL];
        const CTRL: KeyModifiers = KeyModifiers::CONTROL;
        assert_eq!(action(g, key(KeyCode::Char('s'), CTRL)), Some(Action::Save));
        assert_eq!(action(g, key(KeyCode::Char('c'), CTRL)), Some(Action::Quit));
        assert_eq!(
            action(g, key(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::PrevField)
        );
        assert_eq!(
            action(g, key(KeyCode::Char('n'), CTRL)),
            Some(Action::NextStep)
        );
        assert_eq!(action(g, key(KeyCode::Char('n'), KeyModifiers::NONE)), None);
        assert_eq!(action(g, key(KeyCode::Char('o'), CTRL)), None);
        assert_eq!(
            action(&[&PARTS], key(KeyCode::Char('o'), CTRL)),
            Some(Action::AddPart)
        );
        assert_eq!(
            action(g, key(KeyCode::Char('8'), KeyModifiers::ALT)),
            Some(Action::GoStep)
        );
    }

    #[test]
    fn hints_show_every_key() {
        assert_eq!(keys_for(&[&GLOBAL], Action::Quit), "Ctrl-Q/Ctrl-C");
        assert_eq!(keys_for(&[&REVIEW], Action::ScrollUp), "Shift-↑/Alt-↑");
        assert_eq!(keys_for(&[&GLOBAL], Action::GoStep), "Alt-1…8");
    }

    #[test]
    fn no_key_is_bound_twice_in_a_scope() {
        for s in SCREEN_SCOPES.iter().chain(
            [
                &LAST_YEAR,
                &TABLE_SIGNED,
                &HELP_DIALOG,
                &CONFIRM_QUIT,
                &CONFIRM_QUIT_NO_DRAFT,
                &CONFIRM_OVERWRITE,
                &SAVED_WITH_ERRORS,
                &SAVE_AS,
            ]
            .iter(),
        ) {
            let keys: Vec<Key> = s
                .bindings
                .iter()
                .flat_map(|b| b.keys.iter().copied())
                .collect();
            for (i, k) in keys.iter().enumerate() {
                assert!(!keys[i + 1..].contains(k), "{k:?} twice in {}", s.name);
            }
        }
    }
}
