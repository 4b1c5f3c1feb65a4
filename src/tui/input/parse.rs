//! The pure part of the input reader: the terminal's bytes (in the chunks they were read in,
//! with the time they came) in, crossterm [`Event`]s out. A state machine with no terminal,
//! no clock and no I/O of its own; [`super::tty`] feeds it.
//!
//! What it understands is what terminals send (xterm and its many followers: GNOME Terminal,
//! iTerm2, Windows Terminal, PuTTY, Xshell, SecureCRT, tmux; also the Linux console and rxvt):
//! printable UTF-8 (one character per event, a character split between reads waits for the
//! rest), control keys, CSI and SS3 sequences with modifiers, Alt as an ESC prefix,
//! bracketed paste, focus reports. The events are the ones crossterm gives for the same bytes,
//! so the screens cannot tell the two readers apart — except where crossterm hangs or
//! guesses: a paste whose end never comes is ended after [`PASTE_TIMEOUT`] (or delivered in
//! pieces of [`PASTE_MAX_BYTES`]), a lone Esc is told from the start of a sequence by
//! [`ESC_TIMEOUT`], `0x08` is Backspace (as PuTTY's "Control-H" setting sends it). Bytes that
//! make no key are dropped; nothing here panics or waits for input that may never come.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// How long a lone ESC waits for the rest of a sequence before it is the Esc key (neovim's
/// `ttimeoutlen`). Only a sequence split between two reads needs it: an Alt-key or a sequence
/// arrives in one read.
pub const ESC_TIMEOUT: Duration = Duration::from_millis(50);
/// How long a bracketed paste may go without a byte before it is ended without its end marker
/// (a dropped link, a program that wrote `ESC[200~` to the terminal): what came so far is the
/// paste, and the keys after it are keys again.
pub const PASTE_TIMEOUT: Duration = Duration::from_secs(2);
/// The largest piece of a paste kept in memory: a longer paste is delivered as several
/// [`Event::Paste`]s of at most this many bytes (never splitting a character), one after the
/// other, so that no stream of bytes can grow memory without bound.
pub const PASTE_MAX_BYTES: usize = 1 << 20;
/// The longest escape sequence read; a longer one is not a key and is dropped.
const MAX_SEQUENCE: usize = 64;

const ESC: u8 = 0x1b;
const PASTE_START: &[u8] = b"200";
const PASTE_END: &[u8] = b"\x1b[201~";

/// The parser's state: see the module's documentation.
#[derive(Debug, Default)]
pub struct Parser {
    /// The bytes of a key or sequence not finished yet (outside a paste).
    pending: Vec<u8>,
    /// The paste being collected, after its `ESC[200~`.
    paste: Option<Vec<u8>>,
    /// When the last bytes came.
    last: Option<Instant>,
    /// `pending` is an ESC that was the last byte of its read.
    esc_ended_read: bool,
    /// Bytes given back to be read again (the byte that ended an unfinished sequence).
    replay: VecDeque<u8>,
    /// Events ready for [`Parser::next`].
    out: VecDeque<Event>,
}

/// What the pending bytes are so far.
enum Step {
    /// The start of something: wait for more bytes.
    More,
    /// Finished: the event (none for bytes that make no key) and how many of the pending bytes
    /// it took (at least one; the rest are read again).
    Done(Option<Event>, usize),
    /// `ESC[200~`: a bracketed paste begins.
    PasteStart,
}

impl Parser {
    /// A parser with nothing pending.
    pub fn new() -> Parser {
        Parser::default()
    }

    /// Reads one chunk of bytes, as one `read(2)` returned them, that came at `now`.
    pub fn feed(&mut self, bytes: &[u8], now: Instant) {
        let Some(&first) = bytes.first() else {
            return;
        };
        if std::mem::take(&mut self.esc_ended_read)
            && self.paste.is_none()
            && self.pending == [ESC]
            && !matches!(first, b'[' | b'O')
        {
            // An ESC alone in its read, and a new read that does not continue a sequence:
            // the Esc key, then another key (Esc then q typed quickly is not Alt-q).
            self.pending.clear();
            self.out.push_back(key(KeyCode::Esc, KeyModifiers::NONE));
        }
        self.last = Some(now);
        let mut next = 0;
        loop {
            let b = match self.replay.pop_front() {
                Some(b) => b,
                None if next < bytes.len() => {
                    next += 1;
                    bytes[next - 1]
                }
                None => break,
            };
            if self.paste.is_some() {
                self.paste_byte(b);
            } else {
                self.byte(b);
            }
        }
        self.esc_ended_read = self.paste.is_none() && self.pending == [ESC];
    }

    /// The next event, if one is ready.
    pub fn next_event(&mut self) -> Option<Event> {
        self.out.pop_front()
    }

    /// True when an event is ready.
    pub fn has_event(&self) -> bool {
        !self.out.is_empty()
    }

    /// When what is pending must be decided if no byte comes before: a lone ESC is the Esc
    /// key, an unfinished sequence is dropped, an unfinished paste is ended. `None` when
    /// nothing waits on time.
    pub fn deadline(&self) -> Option<Instant> {
        let last = self.last?;
        if self.paste.is_some() {
            Some(last + PASTE_TIMEOUT)
        } else if self.pending.first() == Some(&ESC) {
            Some(last + ESC_TIMEOUT)
        } else {
            None
        }
    }

    /// Decides what is pending when its [`deadline`](Parser::deadline) has passed at `now`.
    /// The reader calls it only after finding that no bytes are waiting, so a sequence whose
    /// bytes were merely read late is never cut.
    pub fn expire(&mut self, now: Instant) {
        match self.deadline() {
            Some(deadline) if now >= deadline => {}
            _ => return,
        }
        self.esc_ended_read = false;
        if let Some(p) = self.paste.take() {
            self.out.push_back(Event::Paste(text_of(p)));
            return;
        }
        let pending = std::mem::take(&mut self.pending);
        let ev = match pending.as_slice() {
            [ESC] => Some(key(KeyCode::Esc, KeyModifiers::NONE)),
            [ESC, b'['] => Some(alt(char_key('['))),
            [ESC, b'O'] => Some(alt(char_key('O'))),
            // An unfinished sequence (or Alt with half a character): not a key.
            _ => None,
        };
        self.out.extend(ev);
    }

    /// True when nothing is pending (no unfinished key, sequence or paste).
    pub fn is_idle(&self) -> bool {
        self.pending.is_empty() && self.paste.is_none()
    }

    fn byte(&mut self, b: u8) {
        self.pending.push(b);
        match classify(&self.pending) {
            Step::More => {}
            Step::PasteStart => {
                self.pending.clear();
                self.paste = Some(Vec::new());
            }
            Step::Done(ev, took) => {
                let took = took.clamp(1, self.pending.len());
                for &b in self.pending[took..].iter().rev() {
                    self.replay.push_front(b);
                }
                self.pending.clear();
                if let Some(ev) = ev {
                    self.out.push_back(ev);
                }
            }
        }
    }

    fn paste_byte(&mut self, b: u8) {
        let Some(p) = self.paste.as_mut() else {
            return;
        };
        p.push(b);
        if p.ends_with(PASTE_END) {
            p.truncate(p.len() - PASTE_END.len());
            let p = self.paste.take().unwrap_or_default();
            self.out.push_back(Event::Paste(text_of(p)));
        } else if p.len() >= PASTE_MAX_BYTES {
            // A piece now; the paste goes on (what it holds is text, never keys).
            let keep = unfinished_tail(p);
            let rest = p.split_off(p.len() - keep);
            let piece = std::mem::replace(p, rest);
            self.out.push_back(Event::Paste(text_of(piece)));
        }
    }
}

/// How many bytes at the end of a paste's piece must wait for the next piece: a character not
/// finished yet, or the start of the end marker.
fn unfinished_tail(p: &[u8]) -> usize {
    let marker = (1..PASTE_END.len())
        .rev()
        .find(|&k| p.ends_with(&PASTE_END[..k]))
        .unwrap_or(0);
    let mut char_tail = 0;
    for back in 1..=3.min(p.len()) {
        let byte = p[p.len() - back];
        if byte & 0xC0 == 0x80 {
            continue;
        }
        let len = match byte {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => 1,
        };
        if len > back {
            char_tail = back;
        }
        break;
    }
    marker.max(char_tail)
}

/// A paste's text: its bytes as UTF-8 (a byte that is not becomes U+FFFD, as crossterm does).
fn text_of(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

/// A typed character, with Shift when it is upper case (as crossterm reports it).
fn char_key(c: char) -> Event {
    let m = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    key(KeyCode::Char(c), m)
}

/// The same key with Alt held.
fn alt(ev: Event) -> Event {
    match ev {
        Event::Key(mut k) => {
            k.modifiers |= KeyModifiers::ALT;
            Event::Key(k)
        }
        other => other,
    }
}

fn classify(p: &[u8]) -> Step {
    if p.first() == Some(&ESC) {
        escape(p)
    } else {
        plain(p)
    }
}

/// A key that does not start with ESC: a control key, ASCII, or a UTF-8 character.
fn plain(p: &[u8]) -> Step {
    let Some(&b) = p.first() else {
        return Step::More;
    };
    let ctrl = |c: u8| key(KeyCode::Char(c as char), KeyModifiers::CONTROL);
    let ev = match b {
        b'\r' => key(KeyCode::Enter, KeyModifiers::NONE),
        b'\t' => key(KeyCode::Tab, KeyModifiers::NONE),
        0x7f | 0x08 => key(KeyCode::Backspace, KeyModifiers::NONE),
        0x00 => ctrl(b' '),
        0x01..=0x1a => ctrl(b - 1 + b'a'),
        0x1c..=0x1f => ctrl(b - 0x1c + b'4'),
        0x20..=0x7e => char_key(b as char),
        _ => return utf8(p),
    };
    Step::Done(Some(ev), 1)
}

fn utf8(p: &[u8]) -> Step {
    let need = match p[0] {
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        // A continuation byte without its start, or a byte UTF-8 never uses.
        _ => return Step::Done(None, 1),
    };
    if let Some(bad) = p.iter().skip(1).position(|b| b & 0xc0 != 0x80) {
        // The character broke off: drop its start, read the byte that broke it again.
        return Step::Done(None, bad + 1);
    }
    if p.len() < need {
        return Step::More;
    }
    let c = std::str::from_utf8(&p[..need])
        .ok()
        .and_then(|s| s.chars().next());
    match c {
        Some(c) if !c.is_control() => Step::Done(Some(char_key(c)), need),
        // Overlong forms, surrogates, C1 controls: not a key.
        _ => Step::Done(None, need),
    }
}

/// What starts with ESC: a CSI or SS3 sequence, Alt with a key, or Esc itself.
fn escape(p: &[u8]) -> Step {
    let Some(&second) = p.get(1) else {
        return Step::More;
    };
    match second {
        b'[' => csi(p),
        b'O' => ss3(p),
        // Esc, then whatever the second ESC starts.
        ESC => Step::Done(Some(key(KeyCode::Esc, KeyModifiers::NONE)), 1),
        _ => match plain(&p[1..]) {
            Step::More => Step::More,
            Step::Done(Some(ev), n) => Step::Done(Some(alt(ev)), n + 1),
            Step::Done(None, n) => Step::Done(None, n + 1),
            Step::PasteStart => Step::Done(None, p.len()),
        },
    }
}

/// `ESC [ parameters intermediates final`.
fn csi(p: &[u8]) -> Step {
    let body = &p[2..];
    let Some(&last) = body.last() else {
        return Step::More;
    };
    if body[0] == b'[' {
        // The Linux console's F1–F5: ESC [ [ A … E.
        return match body.get(1) {
            None => Step::More,
            Some(&c @ b'A'..=b'E') => {
                Step::Done(Some(key(KeyCode::F(1 + c - b'A'), KeyModifiers::NONE)), 4)
            }
            Some(c) if !(0x20..=0x7e).contains(c) => Step::Done(None, 3),
            Some(_) => Step::Done(None, 4),
        };
    }
    if !(0x20..=0x7e).contains(&last) {
        // A byte no sequence holds: what came before it is Alt-[ (ESC [ alone) or an
        // unfinished sequence (dropped), and the byte is read again.
        let ev = (body.len() == 1).then(|| alt(char_key('[')));
        return Step::Done(ev, p.len() - 1);
    }
    let params = &body[..body.len() - 1];
    let rxvt_shift = last == b'$' && !params.is_empty() && params.iter().all(u8::is_ascii_digit);
    if (0x40..=0x7e).contains(&last) || rxvt_shift {
        if last == b'~' && params == PASTE_START {
            return Step::PasteStart;
        }
        return Step::Done(csi_event(params, last), p.len());
    }
    if p.len() >= MAX_SEQUENCE {
        return Step::Done(None, p.len());
    }
    Step::More
}

/// `ESC O [modifier] final` (application cursor keys, F1–F4, the keypad).
fn ss3(p: &[u8]) -> Step {
    let body = &p[2..];
    let Some(&last) = body.last() else {
        return Step::More;
    };
    if last.is_ascii_digit() {
        return if body.len() < 4 {
            Step::More
        } else {
            Step::Done(None, p.len())
        };
    }
    if !(0x40..=0x7e).contains(&last) {
        // Not a sequence: ESC O alone was Alt-O; read the byte again.
        let ev = (body.len() == 1).then(|| alt(char_key('O')));
        return Step::Done(ev, p.len() - 1);
    }
    let digits = &body[..body.len() - 1];
    let m = if digits.is_empty() {
        Some(KeyModifiers::NONE)
    } else {
        std::str::from_utf8(digits)
            .ok()
            .and_then(|s| s.parse().ok())
            .and_then(|n| modifiers(Some(n)))
    };
    let code = match last {
        b'A' => Some(KeyCode::Up),
        b'B' => Some(KeyCode::Down),
        b'C' => Some(KeyCode::Right),
        b'D' => Some(KeyCode::Left),
        b'H' => Some(KeyCode::Home),
        b'F' => Some(KeyCode::End),
        b'P'..=b'S' => Some(KeyCode::F(1 + last - b'P')),
        b'M' => Some(KeyCode::Enter),
        _ => None,
    };
    let ev = match (code, m) {
        (Some(code), Some(m)) => Some(key(code, m)),
        (None, Some(m)) => match last {
            // rxvt's Ctrl-arrows.
            b'a' => Some(key(KeyCode::Up, KeyModifiers::CONTROL)),
            b'b' => Some(key(KeyCode::Down, KeyModifiers::CONTROL)),
            b'c' => Some(key(KeyCode::Right, KeyModifiers::CONTROL)),
            b'd' => Some(key(KeyCode::Left, KeyModifiers::CONTROL)),
            // The keypad in application mode: * + , - . / 0–9 and =.
            b'j'..=b'y' => Some(key(KeyCode::Char((last - b'j' + b'*') as char), m)),
            b'X' => Some(key(KeyCode::Char('='), m)),
            _ => None,
        },
        _ => None,
    };
    Step::Done(ev, p.len())
}

/// A CSI parameter: its number (`None` when left out) and its first sub-parameter
/// (`5:3` — the key's kind in the kitty protocol).
type Param = (Option<u32>, Option<u32>);

/// The parameters of a CSI sequence; `None` when they are not numbers.
fn params_of(params: &[u8]) -> Option<Vec<Param>> {
    if params.is_empty() {
        return Some(Vec::new());
    }
    let s = std::str::from_utf8(params).ok()?;
    let number = |t: &str| -> Option<Option<u32>> {
        if t.is_empty() {
            Some(None)
        } else if t.bytes().all(|b| b.is_ascii_digit()) {
            t.parse().ok().map(Some)
        } else {
            None
        }
    };
    s.split(';')
        .take(8)
        .map(|p| {
            let mut sub = p.split(':');
            let n = number(sub.next().unwrap_or(""))?;
            let kind = number(sub.next().unwrap_or(""))?;
            Some((n, kind))
        })
        .collect()
}

/// The modifiers of xterm's parameter (1 + Shift 1, Alt 2, Ctrl 4, Super 8, Hyper 16, Meta 32;
/// Caps Lock and Num Lock ignored); `None` when it is no such number.
fn modifiers(p: Option<u32>) -> Option<KeyModifiers> {
    let n = p.unwrap_or(1);
    if !(1..=256).contains(&n) {
        return if n == 0 {
            Some(KeyModifiers::NONE)
        } else {
            None
        };
    }
    let bits = n - 1;
    let mut m = KeyModifiers::NONE;
    for (bit, flag) in [
        (1, KeyModifiers::SHIFT),
        (2, KeyModifiers::ALT),
        (4, KeyModifiers::CONTROL),
        (8, KeyModifiers::SUPER),
        (16, KeyModifiers::HYPER),
        (32, KeyModifiers::META),
    ] {
        if bits & bit != 0 {
            m |= flag;
        }
    }
    Some(m)
}

/// The key of a `ESC [ n ~` number.
fn numbered_key(n: u32) -> Option<KeyCode> {
    let n = u8::try_from(n).ok()?;
    Some(match n {
        1 | 7 => KeyCode::Home,
        2 => KeyCode::Insert,
        3 => KeyCode::Delete,
        4 | 8 => KeyCode::End,
        5 => KeyCode::PageUp,
        6 => KeyCode::PageDown,
        11..=15 => KeyCode::F(n - 10),
        17..=21 => KeyCode::F(n - 11),
        23..=26 => KeyCode::F(n - 12),
        28 | 29 => KeyCode::F(n - 15),
        31..=34 => KeyCode::F(n - 17),
        _ => return None,
    })
}

/// The key of a Unicode code point (CSI u, xterm's modifyOtherKeys).
fn codepoint_key(cp: u32, m: KeyModifiers) -> Option<Event> {
    let code = match cp {
        9 => KeyCode::Tab,
        13 => KeyCode::Enter,
        27 => KeyCode::Esc,
        8 | 127 => KeyCode::Backspace,
        _ => {
            let c = char::from_u32(cp).filter(|c| !c.is_control())?;
            let Event::Key(mut k) = char_key(c) else {
                return None;
            };
            k.modifiers |= m;
            return Some(Event::Key(k));
        }
    };
    Some(key(code, m))
}

/// The event of a whole CSI sequence; `None` for one that is no key (or a key release).
fn csi_event(params: &[u8], last: u8) -> Option<Event> {
    if params
        .first()
        .is_some_and(|b| matches!(b, b'?' | b'<' | b'=' | b'>'))
    {
        // Replies to queries and mouse reports: never asked for.
        return None;
    }
    let ps = params_of(params)?;
    let n = |i: usize| ps.get(i).and_then(|p| p.0);
    if ps.get(1).and_then(|p| p.1) == Some(3) || ps.first().and_then(|p| p.1) == Some(3) {
        // A key release (kitty's protocol; never asked for).
        return None;
    }
    let arrow = |code: KeyCode| -> Option<Event> {
        // `ESC [ 1 ; 5 A`, and the older `ESC [ 5 A`.
        let m = match ps.len() {
            0 => KeyModifiers::NONE,
            1 => modifiers(n(0))?,
            _ => modifiers(n(1))?,
        };
        Some(key(code, m))
    };
    match last {
        b'A' => arrow(KeyCode::Up),
        b'B' => arrow(KeyCode::Down),
        b'C' => arrow(KeyCode::Right),
        b'D' => arrow(KeyCode::Left),
        b'F' => arrow(KeyCode::End),
        b'H' => arrow(KeyCode::Home),
        b'P'..=b'S' => arrow(KeyCode::F(1 + last - b'P')),
        b'Z' => {
            let m = modifiers(n(1))?;
            Some(key(KeyCode::BackTab, m | KeyModifiers::SHIFT))
        }
        b'I' if ps.is_empty() => Some(Event::FocusGained),
        b'O' if ps.is_empty() => Some(Event::FocusLost),
        b'~' if n(0) == Some(27) && ps.len() >= 3 => codepoint_key(n(2)?, modifiers(n(1))?),
        b'~' | b'$' | b'^' | b'@' => {
            let code = numbered_key(n(0)?)?;
            let m = match last {
                b'~' => modifiers(n(1))?,
                b'$' => KeyModifiers::SHIFT,
                b'^' => KeyModifiers::CONTROL,
                _ => KeyModifiers::CONTROL | KeyModifiers::SHIFT,
            };
            Some(key(code, m))
        }
        b'u' => codepoint_key(n(0)?, modifiers(n(1))?),
        // rxvt's Shift-arrows.
        b'a'..=b'd' if ps.is_empty() => {
            let code = [KeyCode::Up, KeyCode::Down, KeyCode::Right, KeyCode::Left]
                [usize::from(last - b'a')];
            Some(key(code, KeyModifiers::SHIFT))
        }
        _ => None,
    }
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
