//! The wizard's key bindings as data. [`lookup`] turns a key into an [`Action`]; the help bar
//! and the F1 screen read the same table, so what is shown is what works.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Next field / next editable cell.
    NextField,
    /// Previous field / previous editable cell.
    PrevField,
    /// Next step.
    NextStep,
    /// Previous step.
    PrevStep,
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
    /// Show every key.
    Help,
    /// Close help or a dialog.
    Close,
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
}

/// Where a binding applies; the help bar shows the bindings of the focused widget's scopes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Everywhere.
    Global,
    /// A table cell.
    Table,
    /// A one-line field.
    Line,
    /// A multi-line text body.
    Text,
    /// The parts of a prose step.
    Parts,
    /// Step 8 (检查与保存).
    Review,
    /// A prose step when the wizard has last year's report (`new --from`, `edit --previous`).
    LastYear,
}

/// One key binding: keys, what it does, and how help shows it.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// The keys (any of them triggers the action); empty for help-only entries handled by
    /// the focused widget itself (digits, arrows, Enter).
    pub keys: &'static [(KeyCode, KeyModifiers)],
    /// The action, or `None` for help-only entries.
    pub action: Option<Action>,
    /// Keys as shown to the user.
    pub label: &'static str,
    /// What it does, in Chinese.
    pub help: &'static str,
    /// Where it applies.
    pub scope: Scope,
    /// Whether the help bar shows it (F1 shows every binding).
    pub in_bar: bool,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
const ALT: KeyModifiers = KeyModifiers::ALT;

macro_rules! bind {
    ($scope:ident, [$($k:expr),*], $action:expr, $label:literal, $help:literal, $bar:literal) => {
        Binding { keys: &[$($k),*], action: $action, label: $label, help: $help, scope: Scope::$scope, in_bar: $bar }
    };
}

/// Every binding, in the order help shows them.
pub const KEYMAP: &[Binding] = &[
    bind!(Table, [], None, "0-9", "输入数字", true),
    bind!(Table, [], None, "←↑↓→", "移动", false),
    bind!(Table, [], None, "Enter", "下移", false),
    bind!(Table, [], None, "Backspace", "删去末位", false),
    bind!(Line, [], None, "Enter", "下一项", false),
    bind!(Text, [], None, "Enter", "换行", false),
    bind!(Text, [], None, "←↑↓→", "移动光标", false),
    bind!(Review, [], None, "↑↓", "选择问题", true),
    bind!(Review, [], None, "Enter", "转到该处", true),
    bind!(
        Global,
        [(KeyCode::Tab, NONE)],
        Some(Action::NextField),
        "Tab",
        "下一项",
        true
    ),
    bind!(
        Global,
        [(KeyCode::BackTab, SHIFT), (KeyCode::BackTab, NONE)],
        Some(Action::PrevField),
        "Shift-Tab",
        "上一项",
        false
    ),
    bind!(
        Global,
        [(KeyCode::PageDown, NONE), (KeyCode::Char('n'), CTRL)],
        Some(Action::NextStep),
        "PgDn/Ctrl-N",
        "下一步",
        true
    ),
    bind!(
        Global,
        [(KeyCode::PageUp, NONE), (KeyCode::Char('p'), CTRL)],
        Some(Action::PrevStep),
        "PgUp/Ctrl-P",
        "上一步",
        true
    ),
    bind!(Global, [], None, "Alt-1…8", "直接到第 N 步", false),
    bind!(
        Parts,
        [(KeyCode::Char('o'), CTRL)],
        Some(Action::AddPart),
        "Ctrl-O",
        "新增段落",
        true
    ),
    bind!(
        Parts,
        [(KeyCode::Char('d'), CTRL)],
        Some(Action::RemovePart),
        "Ctrl-D",
        "删除段落",
        false
    ),
    bind!(
        Parts,
        [(KeyCode::Up, ALT), (KeyCode::F(7), NONE)],
        Some(Action::PartUp),
        "Alt-↑/F7",
        "段落上移",
        false
    ),
    bind!(
        Parts,
        [(KeyCode::Down, ALT), (KeyCode::F(8), NONE)],
        Some(Action::PartDown),
        "Alt-↓/F8",
        "段落下移",
        false
    ),
    bind!(
        LastYear,
        [(KeyCode::F(3), NONE), (KeyCode::Char('t'), CTRL)],
        Some(Action::LastText),
        "F3",
        "上年原文",
        true
    ),
    bind!(
        LastYear,
        [(KeyCode::F(4), NONE), (KeyCode::Char('g'), CTRL)],
        Some(Action::CopyLastText),
        "F4",
        "套用上年",
        false
    ),
    bind!(
        Review,
        [(KeyCode::Up, SHIFT), (KeyCode::Up, ALT)],
        Some(Action::ScrollUp),
        "Shift-↑",
        "全文上滚",
        false
    ),
    bind!(
        Review,
        [(KeyCode::Down, SHIFT), (KeyCode::Down, ALT)],
        Some(Action::ScrollDown),
        "Shift-↓",
        "全文下滚",
        false
    ),
    bind!(
        Global,
        [(KeyCode::Char('u'), CTRL)],
        Some(Action::Clear),
        "Ctrl-U",
        "清空",
        false
    ),
    bind!(
        Global,
        [(KeyCode::Char('z'), CTRL)],
        Some(Action::Undo),
        "Ctrl-Z",
        "撤销",
        false
    ),
    bind!(
        Global,
        [(KeyCode::Char('y'), CTRL)],
        Some(Action::Redo),
        "Ctrl-Y",
        "重做",
        false
    ),
    bind!(
        Global,
        [(KeyCode::F(5), NONE), (KeyCode::Char('r'), CTRL)],
        Some(Action::Recompute),
        "F5/Ctrl-R",
        "重算总计",
        false
    ),
    bind!(
        Global,
        [(KeyCode::Char('s'), CTRL)],
        Some(Action::Save),
        "Ctrl-S",
        "保存",
        true
    ),
    bind!(
        Global,
        [(KeyCode::Char('q'), CTRL), (KeyCode::Char('c'), CTRL)],
        Some(Action::Quit),
        "Ctrl-Q",
        "退出",
        true
    ),
    bind!(
        Global,
        [(KeyCode::F(1), NONE)],
        Some(Action::Help),
        "F1",
        "全部按键",
        true
    ),
    bind!(
        Global,
        [(KeyCode::Esc, NONE)],
        Some(Action::Close),
        "Esc",
        "关闭帮助或对话框",
        false
    ),
];

/// The action bound to `key` in one of `scopes`, if any.
pub fn lookup(key: &KeyEvent, scopes: &[Scope]) -> Option<Action> {
    // Terminals differ in whether Shift comes with BackTab and upper-case letters; Ctrl
    // letters are matched case-insensitively.
    let code = match key.code {
        KeyCode::Char(c) if key.modifiers.contains(CTRL) => KeyCode::Char(c.to_ascii_lowercase()),
        c => c,
    };
    let mods = if code == KeyCode::BackTab {
        key.modifiers - SHIFT
    } else {
        key.modifiers
    };
    KEYMAP
        .iter()
        .filter(|b| scopes.contains(&b.scope))
        .find(|b| {
            b.keys.iter().any(|(c, m)| {
                *c == code && (*m == mods || (code == KeyCode::BackTab && *m - SHIFT == mods))
            })
        })
        .and_then(|b| b.action)
}

/// The bindings the help bar shows for these scopes: the widget's own first, then global.
pub fn bar_entries(scopes: &[Scope]) -> Vec<&'static Binding> {
    let mut out: Vec<&'static Binding> = KEYMAP
        .iter()
        .filter(|b| b.in_bar && b.scope != Scope::Global && scopes.contains(&b.scope))
        .collect();
    out.extend(
        KEYMAP
            .iter()
            .filter(|b| b.in_bar && b.scope == Scope::Global),
    );
    out
}

/// Chinese name of a scope, as F1 groups the bindings.
pub fn scope_name(scope: Scope) -> &'static str {
    match scope {
        Scope::Global => "任何时候",
        Scope::Table => "表格",
        Scope::Line => "单行输入框",
        Scope::Text => "正文",
        Scope::Parts => "段落",
        Scope::Review => "检查与保存",
        Scope::LastYear => "有上年报告时（一、五、六节）",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, m)
    }

    #[test]
    fn issue_keys_are_bound() {
        let g = [Scope::Global];
        assert_eq!(
            lookup(&key(KeyCode::Char('s'), CTRL), &g),
            Some(Action::Save)
        );
        assert_eq!(
            lookup(&key(KeyCode::Char('c'), CTRL), &g),
            Some(Action::Quit)
        );
        assert_eq!(
            lookup(&key(KeyCode::BackTab, SHIFT), &g),
            Some(Action::PrevField)
        );
        assert_eq!(
            lookup(&key(KeyCode::Char('n'), CTRL), &g),
            Some(Action::NextStep)
        );
        assert_eq!(lookup(&key(KeyCode::Char('n'), NONE), &g), None);
        assert_eq!(lookup(&key(KeyCode::Char('o'), CTRL), &g), None);
        assert_eq!(
            lookup(&key(KeyCode::Char('o'), CTRL), &[Scope::Parts]),
            Some(Action::AddPart)
        );
    }
}
