//! Issue 12 item 12, the input parser's properties: keys written as a terminal writes them
//! (an encoder of our own here, independent of the parser), cut into reads at random places,
//! come back as the same events; and no stream of bytes makes it panic or hang — after any
//! bytes and a pause, Ctrl-Q is Ctrl-Q.

use nianbao::tui::input::{Parser, ESC_TIMEOUT, PASTE_TIMEOUT};
use proptest::prelude::*;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::time::{Duration, Instant};

/// A key or a paste, as the test generates it.
#[derive(Debug, Clone)]
enum Item {
    Key(KeyCode, KeyModifiers),
    Paste(String),
}

const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
const ALT: KeyModifiers = KeyModifiers::ALT;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;

/// xterm's modifier parameter.
fn param(m: KeyModifiers) -> u8 {
    1 + u8::from(m.contains(SHIFT)) + 2 * u8::from(m.contains(ALT)) + 4 * u8::from(m.contains(CTRL))
}

/// The bytes a terminal sends for the item, and whether the Alt-prefix ESC starts it (a read
/// boundary right after that ESC would make it Esc and a key, as a person typing would).
fn encode(item: &Item, ss3: bool) -> (Vec<u8>, bool) {
    let (code, m) = match item {
        Item::Paste(t) => return (format!("\x1b[200~{t}\x1b[201~").into_bytes(), false),
        Item::Key(code, m) => (*code, *m),
    };
    let letter = match code {
        KeyCode::Up => Some(b'A'),
        KeyCode::Down => Some(b'B'),
        KeyCode::Right => Some(b'C'),
        KeyCode::Left => Some(b'D'),
        KeyCode::Home => Some(b'H'),
        KeyCode::End => Some(b'F'),
        KeyCode::F(n @ 1..=4) => Some(b'P' + n - 1),
        _ => None,
    };
    if let Some(l) = letter {
        return if !m.is_empty() {
            (
                format!("\x1b[1;{}{}", param(m), l as char).into_bytes(),
                false,
            )
        } else if ss3 || matches!(code, KeyCode::F(_)) {
            // Application cursor keys, and F1–F4 as every xterm sends them.
            (vec![0x1b, b'O', l], false)
        } else {
            (vec![0x1b, b'[', l], false)
        };
    }
    let numbered = match code {
        KeyCode::Insert => Some(2),
        KeyCode::Delete => Some(3),
        KeyCode::PageUp => Some(5),
        KeyCode::PageDown => Some(6),
        KeyCode::F(n @ 5) => Some(n + 10),
        KeyCode::F(n @ 6..=10) => Some(n + 11),
        KeyCode::F(n @ 11..=12) => Some(n + 12),
        _ => None,
    };
    if let Some(n) = numbered {
        return if m.is_empty() {
            (format!("\x1b[{n}~").into_bytes(), false)
        } else {
            (format!("\x1b[{n};{}~", param(m)).into_bytes(), false)
        };
    }
    if code == KeyCode::BackTab {
        return (b"\x1b[Z".to_vec(), false);
    }
    if code == KeyCode::Esc {
        return (vec![0x1b], false);
    }
    // Keys of one byte (or one character), Alt as an ESC before them.
    let mut out = Vec::new();
    let alt = m.contains(ALT);
    if alt {
        out.push(0x1b);
    }
    match code {
        KeyCode::Enter => out.push(b'\r'),
        KeyCode::Tab => out.push(b'\t'),
        KeyCode::Backspace => out.push(0x7f),
        KeyCode::Char(' ') if m.contains(CTRL) => out.push(0),
        KeyCode::Char(c @ 'a'..='z') if m.contains(CTRL) => out.push(c as u8 - b'a' + 1),
        KeyCode::Char(c @ '4'..='7') if m.contains(CTRL) => out.push(c as u8 - b'4' + 0x1c),
        KeyCode::Char(c) => out.extend(c.to_string().bytes()),
        other => panic!("no encoding for {other:?}"),
    }
    (out, alt)
}

fn expected(item: &Item) -> Event {
    match item {
        Item::Paste(t) => Event::Paste(t.clone()),
        Item::Key(code, m) => Event::Key(KeyEvent::new(*code, *m)),
    }
}

fn mods() -> impl Strategy<Value = KeyModifiers> {
    (any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(s, a, c)| {
        let mut m = KeyModifiers::NONE;
        if s {
            m |= SHIFT;
        }
        if a {
            m |= ALT;
        }
        if c {
            m |= CTRL;
        }
        m
    })
}

fn item() -> impl Strategy<Value = Item> {
    let typed = (any::<char>(), any::<bool>())
        .prop_filter("a character a key types", |(c, _)| !c.is_control())
        .prop_map(|(c, alt)| {
            // Alt-[ and Alt-O begin sequences: a terminal cannot send them unambiguously.
            let alt = alt && c != '[' && c != 'O';
            let mut m = if c.is_uppercase() {
                SHIFT
            } else {
                KeyModifiers::NONE
            };
            if alt {
                m |= ALT;
            }
            Item::Key(KeyCode::Char(c), m)
        });
    // Ctrl-H, Ctrl-I and Ctrl-M are the bytes of Backspace, Tab and Enter.
    let ctrl = (
        prop::sample::select("abcdefgjklnopqrstuvwxyz 4567".chars().collect::<Vec<_>>()),
        any::<bool>(),
    )
        .prop_map(|(c, alt)| Item::Key(KeyCode::Char(c), if alt { CTRL | ALT } else { CTRL }));
    let simple = (
        prop::sample::select(vec![KeyCode::Enter, KeyCode::Tab, KeyCode::Backspace]),
        any::<bool>(),
    )
        .prop_map(|(c, alt)| Item::Key(c, if alt { ALT } else { KeyModifiers::NONE }));
    let lone = prop::sample::select(vec![
        Item::Key(KeyCode::Esc, KeyModifiers::NONE),
        Item::Key(KeyCode::BackTab, SHIFT),
    ]);
    let special = (
        prop::sample::select(vec![
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::Insert,
            KeyCode::Delete,
            KeyCode::PageUp,
            KeyCode::PageDown,
        ]),
        mods(),
    )
        .prop_map(|(c, m)| Item::Key(c, m));
    let function = (1u8..=12, mods()).prop_map(|(n, m)| Item::Key(KeyCode::F(n), m));
    let paste = any::<String>()
        .prop_filter("no end marker inside", |t| !t.contains("\x1b[201~"))
        .prop_map(Item::Paste);
    let chinese = "[淮安市人民政府，。、“”（）0-9a-z\r\n\t]{0,40}".prop_map(Item::Paste);
    prop_oneof![
        4 => typed,
        2 => ctrl,
        1 => simple,
        1 => lone,
        2 => special,
        1 => function,
        1 => paste,
        1 => chinese,
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn keys_written_then_read_in_random_pieces_come_back(
        items in prop::collection::vec(item(), 0..40),
        ss3 in any::<bool>(),
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..30),
        step_ms in 0u64..40,
    ) {
        // The stream, where it may be cut into reads, and where a pause must be (after Esc).
        let mut stream = Vec::new();
        let mut no_cut = Vec::new();
        let mut pauses = Vec::new();
        for it in &items {
            let (bytes, alt) = encode(it, ss3);
            if alt {
                no_cut.push(stream.len() + 1);
            }
            stream.extend(&bytes);
            if matches!(it, Item::Key(KeyCode::Esc, _)) {
                pauses.push(stream.len());
            }
        }
        let mut at: Vec<usize> = cuts
            .iter()
            .map(|i| i.index(stream.len() + 1))
            .filter(|c| !no_cut.contains(c))
            .chain(pauses.iter().copied())
            .collect();
        at.push(stream.len());
        at.sort_unstable();
        at.dedup();

        let mut p = Parser::new();
        let mut now = Instant::now();
        let mut from = 0;
        for &to in &at {
            if to > from {
                p.feed(&stream[from..to], now);
                from = to;
            }
            // Reads a little apart: nothing is decided by time yet.
            now += Duration::from_millis(step_ms);
            p.expire(now);
            if pauses.contains(&to) {
                now += ESC_TIMEOUT;
                p.expire(now);
            }
        }
        p.expire(now + PASTE_TIMEOUT);
        let got: Vec<Event> = std::iter::from_fn(|| p.next_event()).collect();
        let want: Vec<Event> = items.iter().map(expected).collect();
        prop_assert_eq!(got, want);
        prop_assert!(p.is_idle());
    }

    #[test]
    fn any_bytes_never_panic_and_ctrl_q_works_after_a_pause(
        chunks in prop::collection::vec(
            (
                prop::collection::vec(
                    prop_oneof![
                        3 => prop::sample::select(
                            b"\x1b[O~;:0123456789?<$^@ABCDHFPQRSZIOu\r\t\x7f\x11".to_vec()
                        ),
                        1 => any::<u8>(),
                        1 => Just(0x1b),
                    ],
                    0..64,
                ),
                0u64..3000,
                any::<bool>(),
            ),
            0..20,
        ),
        paste_start in any::<bool>(),
    ) {
        let mut p = Parser::new();
        let mut now = Instant::now();
        if paste_start {
            p.feed(b"\x1b[200~", now);
        }
        for (bytes, gap_ms, expire) in &chunks {
            p.feed(bytes, now);
            now += Duration::from_millis(*gap_ms);
            if *expire {
                p.expire(now);
            }
            while p.next_event().is_some() {}
        }
        // A pause longer than every timeout, then Ctrl-Q.
        now += PASTE_TIMEOUT + ESC_TIMEOUT;
        p.expire(now);
        while p.next_event().is_some() {}
        p.feed(b"\x11", now);
        prop_assert_eq!(
            p.next_event(),
            Some(Event::Key(KeyEvent::new(KeyCode::Char('q'), CTRL)))
        );
        prop_assert_eq!(p.next_event(), None);
    }
}
