//! Key bindings as data, one design for the wizard, its dialogs, the recovery prompt and the
//! text widget (the viewer's `src/tui/view/keymap.rs` is the model): a screen has scopes, each
//! a table of [`Binding`]s; the key handling looks a key up in the tables of the scopes that
//! are active, and the help bar, the F1 help and every key hint in the screens' text are
//! generated from the same tables, with the labels derived from the keys themselves — so what
//! is shown is what works.
//!
//! Adding a key: one line in the scope's table (the screen's `keymap.rs`).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// A key, or a class of keys, that a binding answers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// One key with exactly these modifiers (letters match either case; Shift-Tab matches
    /// with or without the Shift flag; a Ctrl key also with Alt, as terminals send Esc
    /// followed quickly by the key).
    Press(KeyCode, KeyModifiers),
    /// Any character typed without Ctrl or Alt, shown as `0-9` (number fields take digits).
    Digit,
    /// Any character typed without Ctrl or Alt, shown as `文字`.
    Char,
    /// Alt with a digit 1 … `n`, shown as `Alt-1…n`.
    AltDigit(u8),
    /// Any key not bound otherwise in the scope, shown as `其他键`.
    Other,
}

const NONE: KeyModifiers = KeyModifiers::NONE;

/// A plain key.
pub const fn plain(code: KeyCode) -> Key {
    Key::Press(code, NONE)
}

/// A plain character key.
pub const fn ch(c: char) -> Key {
    Key::Press(KeyCode::Char(c), NONE)
}

/// Ctrl + a letter.
pub const fn ctrl(c: char) -> Key {
    Key::Press(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// Ctrl + a key.
pub const fn ctrl_key(code: KeyCode) -> Key {
    Key::Press(code, KeyModifiers::CONTROL)
}

/// Alt + a key.
pub const fn alt(code: KeyCode) -> Key {
    Key::Press(code, KeyModifiers::ALT)
}

/// Shift + a key.
pub const fn shift(code: KeyCode) -> Key {
    Key::Press(code, KeyModifiers::SHIFT)
}

fn is_arrow(code: KeyCode) -> bool {
    matches!(
        code,
        KeyCode::Up | KeyCode::Down | KeyCode::Left | KeyCode::Right
    )
}

fn code_name(code: KeyCode) -> String {
    match code {
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::Delete => "Delete".into(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Char(' ') => "空格".into(),
        KeyCode::Char(c) => c.to_string(),
        other => format!("{other:?}"),
    }
}

impl Key {
    /// The key as help shows it: `Ctrl-Q`, `Alt-↑`, `Shift-Tab`, `PgDn`, `y`, `0-9`.
    pub fn name(&self) -> String {
        match *self {
            Key::Press(code, mods) => {
                let mut s = String::new();
                if mods.contains(KeyModifiers::CONTROL) {
                    s.push_str("Ctrl-");
                }
                if mods.contains(KeyModifiers::ALT) {
                    s.push_str("Alt-");
                }
                if mods.contains(KeyModifiers::SHIFT) && code != KeyCode::BackTab {
                    s.push_str("Shift-");
                }
                match code {
                    KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
                        s.push(c.to_ascii_uppercase())
                    }
                    c => s.push_str(&code_name(c)),
                }
                s
            }
            Key::Digit => "0-9".into(),
            Key::Char => "文字".into(),
            Key::AltDigit(n) => format!("Alt-1…{n}"),
            Key::Other => "其他键".into(),
        }
    }

    /// Whether a key press is this key (not for [`Key::Other`], which the lookup handles).
    pub fn matches(&self, key: &KeyEvent) -> bool {
        let typed = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match *self {
            Key::Press(code, mods) => {
                let (mut kc, mut km) = (key.code, key.modifiers);
                if kc == KeyCode::BackTab {
                    km -= KeyModifiers::SHIFT;
                }
                if let KeyCode::Char(c) = kc {
                    // Upper-case letters come with or without Shift: the letter says it.
                    if c.is_alphabetic() {
                        km -= KeyModifiers::SHIFT;
                        kc = KeyCode::Char(c.to_ascii_lowercase());
                    }
                }
                let want = match code {
                    KeyCode::Char(c) if c.is_ascii_alphabetic() => {
                        KeyCode::Char(c.to_ascii_lowercase())
                    }
                    c => c,
                };
                let want_mods = if code == KeyCode::BackTab {
                    mods - KeyModifiers::SHIFT
                } else {
                    mods
                };
                // Esc typed just before a Ctrl key arrives as Alt + that key: still the key.
                if want_mods.contains(KeyModifiers::CONTROL) {
                    km -= KeyModifiers::ALT;
                }
                kc == want && km == want_mods
            }
            Key::Digit | Key::Char => typed && matches!(key.code, KeyCode::Char(_)),
            Key::AltDigit(n) => {
                key.modifiers.contains(KeyModifiers::ALT)
                    && matches!(key.code, KeyCode::Char(c) if ('1'..=char::from(b'0' + n)).contains(&c))
            }
            Key::Other => false,
        }
    }
}

/// One binding: the keys, what they do, and how help shows it.
#[derive(Debug, Clone, Copy)]
pub struct Binding<A: 'static> {
    /// The keys (any of them does it).
    pub keys: &'static [Key],
    /// What they do.
    pub action: A,
    /// The explanation, in Chinese, as F1 and the hints in the screens show it.
    pub help: &'static str,
    /// The word of the help bar, or `None` to leave the binding out of the bar.
    pub bar: Option<&'static str>,
}

impl<A> Binding<A> {
    /// A binding: these keys do `action`; `help` explains it, `bar` is its word in the help
    /// bar (`None`: not in the bar). The key tables are written with it.
    pub const fn new(
        keys: &'static [Key],
        action: A,
        help: &'static str,
        bar: Option<&'static str>,
    ) -> Binding<A> {
        Binding {
            keys,
            action,
            help,
            bar,
        }
    }

    /// The keys as help shows them: `Ctrl-Q/Ctrl-C`, `←↑↓→`, `Alt-↑/F7`.
    pub fn label(&self) -> String {
        label_of(self.keys)
    }
}

/// The label of a list of keys: names joined by `/`, plain arrows written together (`↑↓`).
pub fn label_of(keys: &[Key]) -> String {
    let mut out = String::new();
    let mut prev_arrow = false;
    for (i, k) in keys.iter().enumerate() {
        let arrow = matches!(k, Key::Press(c, m) if is_arrow(*c) && m.is_empty());
        if i > 0 && !(arrow && prev_arrow) {
            out.push('/');
        }
        out.push_str(&k.name());
        prev_arrow = arrow;
    }
    out
}

/// A scope: a named table of bindings.
#[derive(Debug, Clone, Copy)]
pub struct Scope<A: 'static> {
    /// The scope's name in Chinese (F1 groups the bindings by it).
    pub name: &'static str,
    /// Its bindings, in the order help lists them.
    pub bindings: &'static [Binding<A>],
}

/// The binding of a key press in the first of `scopes` that binds it; [`Key::Other`] applies
/// when no scope binds the key (key releases are never bound).
pub fn lookup<A: Copy>(scopes: &[&Scope<A>], key: &KeyEvent) -> Option<&'static Binding<A>> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    for s in scopes {
        if let Some(b) = s
            .bindings
            .iter()
            .find(|b| b.keys.iter().any(|k| k.matches(key)))
        {
            return Some(b);
        }
    }
    scopes
        .iter()
        .flat_map(|s| s.bindings.iter())
        .find(|b| b.keys.contains(&Key::Other))
}

/// The first binding of `action` in these scopes.
pub fn find<A: Copy + PartialEq>(scopes: &[&Scope<A>], action: A) -> Option<&'static Binding<A>> {
    scopes
        .iter()
        .flat_map(|s| s.bindings.iter())
        .find(|b| b.action == action)
}

/// The label of the keys of `action` in these scopes (`?` when unbound, which a test
/// rules out for every hint).
pub fn keys_for<A: Copy + PartialEq>(scopes: &[&Scope<A>], action: A) -> String {
    find(scopes, action).map_or_else(|| "?".into(), Binding::label)
}

/// A hint line: `label help` for each binding of the scope that has a bar word, joined by
/// `sep`.
pub fn hint_line<A>(scope: &Scope<A>, sep: &str) -> String {
    scope
        .bindings
        .iter()
        .filter_map(|b| b.bar.map(|w| format!("{} {w}", b.label())))
        .collect::<Vec<_>>()
        .join(sep)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, m)
    }

    #[test]
    fn labels_come_from_the_keys() {
        assert_eq!(label_of(&[ctrl('q'), ctrl('c')]), "Ctrl-Q/Ctrl-C");
        assert_eq!(
            label_of(&[shift(KeyCode::Up), alt(KeyCode::Up)]),
            "Shift-↑/Alt-↑"
        );
        assert_eq!(
            label_of(&[
                plain(KeyCode::Left),
                plain(KeyCode::Up),
                plain(KeyCode::Down),
                plain(KeyCode::Right)
            ]),
            "←↑↓→"
        );
        assert_eq!(label_of(&[plain(KeyCode::BackTab)]), "Shift-Tab");
        assert_eq!(label_of(&[Key::AltDigit(8)]), "Alt-1…8");
    }

    #[test]
    fn matching_follows_terminal_habits() {
        let k = ctrl('s');
        assert!(k.matches(&press(KeyCode::Char('s'), KeyModifiers::CONTROL)));
        assert!(k.matches(&press(KeyCode::Char('S'), KeyModifiers::CONTROL)));
        assert!(!k.matches(&press(KeyCode::Char('s'), KeyModifiers::NONE)));
        assert!(ch('y').matches(&press(KeyCode::Char('Y'), KeyModifiers::SHIFT)));
        assert!(ch('y').matches(&press(KeyCode::Char('Y'), KeyModifiers::NONE)));
        assert!(plain(KeyCode::BackTab).matches(&press(KeyCode::BackTab, KeyModifiers::SHIFT)));
        assert!(Key::AltDigit(8).matches(&press(KeyCode::Char('8'), KeyModifiers::ALT)));
        assert!(!Key::AltDigit(8).matches(&press(KeyCode::Char('9'), KeyModifiers::ALT)));
        assert!(k.matches(&press(
            KeyCode::Char('s'),
            KeyModifiers::CONTROL | KeyModifiers::ALT
        )));
        assert!(!Key::Char.matches(&press(KeyCode::Char('x'), KeyModifiers::CONTROL)));
        assert!(Key::Char.matches(&press(KeyCode::Char('X'), KeyModifiers::SHIFT)));
    }
}
