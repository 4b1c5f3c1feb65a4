//! The input parser's tests: a table of cases (the bytes a terminal sends, the events the
//! screens get) run by one loop, and one test for each behaviour that depends on time.
use super::*;
use ratatui::crossterm::event::{KeyCode as K, KeyModifiers as M};

const NONE: M = M::NONE;
const SHIFT: M = M::SHIFT;
const CTRL: M = M::CONTROL;
const ALT: M = M::ALT;

fn k(code: K, m: M) -> Event {
    Event::Key(KeyEvent::new(code, m))
}

fn c(ch: char) -> Event {
    k(K::Char(ch), if ch.is_uppercase() { SHIFT } else { NONE })
}

/// Everything the parser gives for `reads`, fed one after the other at the same instant,
/// and then (no more bytes coming) after every timeout; and whether it is idle then.
fn run(reads: &[&[u8]]) -> (Vec<Event>, bool) {
    let t = Instant::now();
    let mut p = Parser::new();
    for read in reads {
        p.feed(read, t);
    }
    p.expire(t + PASTE_TIMEOUT + Duration::from_secs(1));
    let idle = p.is_idle();
    (std::iter::from_fn(|| p.next_event()).collect(), idle)
}

/// [`run`] for one read, asserting that nothing is pending after every timeout.
fn parse(bytes: &[u8]) -> Vec<Event> {
    let (events, idle) = run(&[bytes]);
    assert!(idle, "nothing pending after every timeout");
    events
}

/// One case of the table: its name (said when it fails), what the terminal sends, in reads
/// that come one after the other, and the events the screens get.
struct Case {
    name: String,
    reads: Vec<Vec<u8>>,
    want: Vec<Event>,
}

/// A case whose bytes come in one read.
fn one(name: impl Into<String>, bytes: impl AsRef<[u8]>, want: impl Into<Vec<Event>>) -> Case {
    Case {
        name: name.into(),
        reads: vec![bytes.as_ref().to_vec()],
        want: want.into(),
    }
}

/// A case whose bytes come in several reads.
fn split(name: impl Into<String>, reads: &[&[u8]], want: impl Into<Vec<Event>>) -> Case {
    Case {
        name: name.into(),
        reads: reads.iter().map(|r| r.to_vec()).collect(),
        want: want.into(),
    }
}

/// Every case of the table, by kind of sequence.
fn cases() -> Vec<Case> {
    let fkeys =
        "\x1bOP\x1bOQ\x1bOR\x1bOS\x1b[15~\x1b[17~\x1b[18~\x1b[19~\x1b[20~\x1b[21~\x1b[23~\x1b[24~";
    let phrase = "政府信息公开工作年度报告";
    let ime = phrase.as_bytes();
    let mut cases = vec![
        one(
            "printable ASCII and Shift",
            b"aZ 1~",
            [c('a'), c('Z'), c(' '), c('1'), c('~')],
        ),
        one(
            "UTF-8: one event a character",
            "淮安市",
            [c('淮'), c('安'), c('市')],
        ),
        one("UTF-8: accented letter and emoji", "é😀", [c('é'), c('😀')]),
        // Broken UTF-8 is dropped and the next key still comes.
        one("broken UTF-8: a lone continuation byte", b"\x80a", [c('a')]),
        one(
            "broken UTF-8: a start cut off by ASCII",
            b"\xe6\xb7b",
            [c('b')],
        ),
        one(
            "broken UTF-8: bytes UTF-8 never uses",
            b"\xffc\xc0\xafd",
            [c('c'), c('d')],
        ),
        one("broken UTF-8: an overlong form", b"\xe0\x80\x80e", [c('e')]),
        one("broken UTF-8: a C1 control", b"\xc2\x85f", [c('f')]),
        one(
            "broken UTF-8: a start cut off by Ctrl-Q, which works",
            b"\xe6\x11",
            [k(K::Char('q'), CTRL)],
        ),
        one(
            "control keys",
            b"\r\t\x7f\x08\x11\x03\x13\x00\x1c\n",
            [
                k(K::Enter, NONE),
                k(K::Tab, NONE),
                k(K::Backspace, NONE),
                k(K::Backspace, NONE),
                k(K::Char('q'), CTRL),
                k(K::Char('c'), CTRL),
                k(K::Char('s'), CTRL),
                k(K::Char(' '), CTRL),
                k(K::Char('4'), CTRL),
                k(K::Char('j'), CTRL),
            ],
        ),
        one(
            "arrows, Home and End in both cursor modes",
            b"\x1b[A\x1b[B\x1b[C\x1b[D\x1b[H\x1b[F\x1bOA\x1bOD\x1bOH\x1bOF",
            [
                k(K::Up, NONE),
                k(K::Down, NONE),
                k(K::Right, NONE),
                k(K::Left, NONE),
                k(K::Home, NONE),
                k(K::End, NONE),
                k(K::Up, NONE),
                k(K::Left, NONE),
                k(K::Home, NONE),
                k(K::End, NONE),
            ],
        ),
        one(
            "modified arrows",
            b"\x1b[1;5A\x1b[1;2D\x1b[1;3C\x1b[1;6B\x1b[5A\x1b[1;8H",
            [
                k(K::Up, CTRL),
                k(K::Left, SHIFT),
                k(K::Right, ALT),
                k(K::Down, CTRL | SHIFT),
                k(K::Up, CTRL),
                k(K::Home, CTRL | ALT | SHIFT),
            ],
        ),
        one(
            "rxvt: Shift-arrows as ESC [ a, Ctrl-arrows as ESC O a",
            b"\x1b[a\x1bOd",
            [k(K::Up, SHIFT), k(K::Left, CTRL)],
        ),
        one(
            "numbered keys",
            b"\x1b[1~\x1b[2~\x1b[3~\x1b[4~\x1b[5~\x1b[6~\x1b[7~\x1b[8~",
            [
                k(K::Home, NONE),
                k(K::Insert, NONE),
                k(K::Delete, NONE),
                k(K::End, NONE),
                k(K::PageUp, NONE),
                k(K::PageDown, NONE),
                k(K::Home, NONE),
                k(K::End, NONE),
            ],
        ),
        one(
            "numbered keys with modifiers (xterm and rxvt)",
            b"\x1b[3;5~\x1b[6;2~\x1b[5$\x1b[3^\x1b[2@",
            [
                k(K::Delete, CTRL),
                k(K::PageDown, SHIFT),
                k(K::PageUp, SHIFT),
                k(K::Delete, CTRL),
                k(K::Insert, CTRL | SHIFT),
            ],
        ),
        one(
            "function keys F1 to F12",
            fkeys,
            (1..=12).map(|n| k(K::F(n), NONE)).collect::<Vec<_>>(),
        ),
        one(
            "PuTTY's and the Linux console's F1–F4, kitty's CSI P",
            b"\x1b[11~\x1b[14~\x1b[[A\x1b[[E\x1b[P",
            [
                k(K::F(1), NONE),
                k(K::F(4), NONE),
                k(K::F(1), NONE),
                k(K::F(5), NONE),
                k(K::F(1), NONE),
            ],
        ),
        one(
            "function keys with modifiers",
            b"\x1b[15;2~\x1b[1;5P\x1bO2Q\x1b[24;3~\x1b[1;2R",
            [
                k(K::F(5), SHIFT),
                k(K::F(1), CTRL),
                k(K::F(2), SHIFT),
                k(K::F(12), ALT),
                k(K::F(3), SHIFT),
            ],
        ),
        one("backtab", b"\x1b[Z", [k(K::BackTab, SHIFT)]),
        one(
            "Alt as an ESC prefix",
            b"\x1ba\x1bA\x1b1\x1b\x11\x1b\r\x1b\x7f",
            [
                k(K::Char('a'), ALT),
                k(K::Char('A'), ALT | SHIFT),
                k(K::Char('1'), ALT),
                k(K::Char('q'), CTRL | ALT),
                k(K::Enter, ALT),
                k(K::Backspace, ALT),
            ],
        ),
        one(
            "Alt and a Chinese character",
            "\x1b淮",
            [k(K::Char('淮'), ALT)],
        ),
        // A sequence split between reads is one key.
        split("ESC | [A", &[b"\x1b", b"[A"], [k(K::Up, NONE)]),
        split(
            "ESC [ | 1;5 | C",
            &[b"\x1b[", b"1;5", b"C"],
            [k(K::Right, CTRL)],
        ),
        split("ESC | O | P", &[b"\x1b", b"O", b"P"], [k(K::F(1), NONE)]),
        // Esc then a key in the next read is two keys: Esc then q typed quickly is not Alt-q
        // (Alt-q comes in one read).
        split("Esc, then q", &[b"\x1b", b"q"], [k(K::Esc, NONE), c('q')]),
        split(
            "Esc, then an arrow",
            &[b"\x1b", b"\x1b[A"],
            [k(K::Esc, NONE), k(K::Up, NONE)],
        ),
        split(
            "Esc, then Ctrl-Q",
            &[b"\x1b", b"\x11"],
            [k(K::Esc, NONE), k(K::Char('q'), CTRL)],
        ),
        one("Esc Esc", b"\x1b\x1b", [k(K::Esc, NONE), k(K::Esc, NONE)]),
        one(
            "Esc before a sequence",
            b"\x1b\x1b[B",
            [k(K::Esc, NONE), k(K::Down, NONE)],
        ),
        one("ESC [ alone is Alt-[", b"\x1b[", [k(K::Char('['), ALT)]),
        one(
            "ESC O alone is Alt-O",
            b"\x1bO",
            [k(K::Char('O'), ALT | SHIFT)],
        ),
        // Followed by a byte no sequence holds: the Alt-key, then that byte's key.
        one(
            "ESC [ then Enter",
            b"\x1b[\r",
            [k(K::Char('['), ALT), k(K::Enter, NONE)],
        ),
        one(
            "ESC O then Ctrl-Q",
            b"\x1bO\x11",
            [k(K::Char('O'), ALT | SHIFT), k(K::Char('q'), CTRL)],
        ),
        one(
            "bracketed paste, then a key",
            "\x1b[200~第二段\r\n第三段\t完\x1b[201~x",
            [Event::Paste("第二段\r\n第三段\t完".into()), c('x')],
        ),
        one(
            "an empty paste",
            b"\x1b[200~\x1b[201~",
            [Event::Paste(String::new())],
        ),
        one(
            "control bytes and escape sequences inside a paste are text",
            b"\x1b[200~a\x11\x1b[Ab\x1b[201~",
            [Event::Paste("a\u{11}\u{1b}[Ab".into())],
        ),
        one("a stray paste end is dropped", b"\x1b[201~q", [c('q')]),
        one(
            "focus events",
            b"\x1b[I\x1b[O",
            [Event::FocusGained, Event::FocusLost],
        ),
        one(
            "CSI u and modifyOtherKeys",
            b"\x1b[113;5u\x1b[27;5;113~\x1b[13;2u\x1b[27u",
            [
                k(K::Char('q'), CTRL),
                k(K::Char('q'), CTRL),
                k(K::Enter, SHIFT),
                k(K::Esc, NONE),
            ],
        ),
        one(
            "a key release (kitty) is no key press",
            b"\x1b[113;5:3u\x1b[1;1:3A",
            [],
        ),
        one(
            "unknown and invalid sequences are dropped",
            b"\x1b[99~a\x1b[?1;2cb\x1b[<0;3;4Mc\x1b[1;999Ad\x1b[12;3Xe\x1bOzf\x1b[1 qg",
            [c('a'), c('b'), c('c'), c('d'), c('e'), c('f'), c('g')],
        ),
        one(
            "parameters beyond any number",
            b"\x1b[99999999999999999999~h",
            [c('h')],
        ),
        // A sequence cut off by a control byte gives the control key.
        one(
            "CSI cut off by Ctrl-Q",
            b"\x1b[1;5\x11",
            [k(K::Char('q'), CTRL)],
        ),
        one("CSI cut off by ESC", b"\x1b[1;\x1b[A", [k(K::Up, NONE)]),
        one(
            "SS3 cut off by Ctrl-Q",
            b"\x1bO5\x11",
            [k(K::Char('q'), CTRL)],
        ),
        // An input method commits a phrase in one write; the next one may split a character.
        split(
            "IME bursts of characters",
            &[&ime[..10], &ime[10..11], &ime[11..]],
            phrase.chars().map(c).collect::<Vec<_>>(),
        ),
    ];
    // A paste split anywhere between reads arrives whole.
    let text = "淮安市人民政府办公室\r\n2024年主动公开政府信息1,234条。".repeat(20);
    let pasted = format!("\x1b[200~{text}\x1b[201~");
    for step in [1, 2, 3, 5, 7, 64, 4095] {
        let reads: Vec<&[u8]> = pasted.as_bytes().chunks(step).collect();
        let name = format!("a paste in reads of {step} bytes");
        cases.push(split(name, &reads, [Event::Paste(text.clone())]));
    }
    cases
}

#[test]
fn every_case_of_the_table() {
    let cases = cases();
    let mut names = std::collections::HashSet::new();
    for case in &cases {
        assert!(
            names.insert(case.name.as_str()),
            "two cases named {:?}",
            case.name
        );
    }
    let failed: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            let reads: Vec<&[u8]> = case.reads.iter().map(Vec::as_slice).collect();
            let (got, idle) = run(&reads);
            (got != case.want || !idle).then(|| {
                format!(
                    "{}: reads {:?}\n  want {:?}\n  got  {:?}{}",
                    case.name,
                    case.reads
                        .iter()
                        .map(|r| r.escape_ascii().to_string())
                        .collect::<Vec<_>>(),
                    case.want,
                    got,
                    if idle {
                        ""
                    } else {
                        "\n  and something still pending after every timeout"
                    },
                )
            })
        })
        .collect();
    assert!(
        failed.is_empty(),
        "{} of {} cases failed:\n{}",
        failed.len(),
        cases.len(),
        failed.join("\n")
    );
}

#[test]
fn a_character_split_between_reads_waits_for_the_rest() {
    let b = "淮安".as_bytes();
    let t = Instant::now();
    let mut p = Parser::new();
    p.feed(&b[..1], t);
    assert!(!p.has_event());
    assert_eq!(p.deadline(), None, "no timeout cuts a character in half");
    p.feed(&b[1..4], t + Duration::from_secs(5));
    assert_eq!(p.next_event(), Some(c('淮')));
    assert_eq!(p.next_event(), None);
    p.feed(&b[4..], t + Duration::from_secs(6));
    assert_eq!(p.next_event(), Some(c('安')));
}

#[test]
fn a_lone_esc_is_esc_after_its_timeout() {
    let t = Instant::now();
    let mut p = Parser::new();
    p.feed(b"\x1b", t);
    assert!(!p.has_event(), "it may be the start of a sequence");
    assert_eq!(p.deadline(), Some(t + ESC_TIMEOUT));
    p.expire(t + ESC_TIMEOUT / 2);
    assert!(!p.has_event(), "not before its time");
    p.expire(t + ESC_TIMEOUT);
    assert_eq!(p.next_event(), Some(k(K::Esc, NONE)));
    assert!(p.is_idle());
}

#[test]
fn a_sequence_that_never_ends_is_cut_at_its_length_bound() {
    // The keys after it come.
    let mut long = b"\x1b[".to_vec();
    long.extend(std::iter::repeat_n(b'1', 200));
    long.extend(b"A\x11");
    let ev = parse(&long);
    assert_eq!(ev.last(), Some(&k(K::Char('q'), CTRL)));
    assert!(ev.len() < 200);
}

#[test]
fn an_unterminated_paste_ends_after_its_timeout_and_keys_work_again() {
    let t = Instant::now();
    let mut p = Parser::new();
    p.feed(b"\x1b[200~abc", t);
    p.feed(b"\x11", t + Duration::from_millis(300));
    assert!(!p.has_event(), "a paste may pause");
    assert_eq!(
        p.deadline(),
        Some(t + Duration::from_millis(300) + PASTE_TIMEOUT),
        "counted from its last byte"
    );
    p.expire(t + PASTE_TIMEOUT);
    assert!(!p.has_event());
    p.expire(t + Duration::from_millis(300) + PASTE_TIMEOUT);
    assert_eq!(p.next_event(), Some(Event::Paste("abc\u{11}".into())));
    assert!(p.is_idle());
    p.feed(b"\x11", t + Duration::from_secs(5));
    assert_eq!(p.next_event(), Some(k(K::Char('q'), CTRL)));
}

#[test]
fn a_huge_paste_comes_in_pieces_that_never_split_a_character() {
    let t = Instant::now();
    let mut p = Parser::new();
    p.feed(b"\x1b[200~", t);
    // 3-byte characters: the bound falls inside one.
    let text = "政".repeat(PASTE_MAX_BYTES / 3 * 2 + 7);
    for chunk in text.as_bytes().chunks(10_000) {
        p.feed(chunk, t);
    }
    p.feed(b"\x1b[20", t);
    p.feed(b"1~z", t);
    let events: Vec<Event> = std::iter::from_fn(|| p.next_event()).collect();
    let mut joined = String::new();
    for ev in &events[..events.len() - 1] {
        let Event::Paste(piece) = ev else {
            panic!("a piece of the paste expected, got {ev:?}")
        };
        assert!(piece.len() <= PASTE_MAX_BYTES);
        joined.push_str(piece);
    }
    assert!(events.len() >= 3, "pieces: {}", events.len() - 1);
    assert_eq!(joined, text);
    assert_eq!(events.last(), Some(&c('z')));
}

#[test]
fn an_unfinished_sequence_is_dropped_after_its_timeout() {
    let t = Instant::now();
    let mut p = Parser::new();
    p.feed(b"\x1b[1;5", t);
    p.expire(t + ESC_TIMEOUT);
    assert!(!p.has_event());
    assert!(p.is_idle());
    p.feed(b"A", t + ESC_TIMEOUT * 2);
    assert_eq!(p.next_event(), Some(c('A')));
}
