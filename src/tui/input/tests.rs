//! One test per kind of sequence: the bytes a terminal sends, the event the screens get.
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

/// Everything the parser gives for `chunks`, read one after the other at the same instant,
/// and then (no more bytes coming) after every timeout.
fn parse_chunks(chunks: &[&[u8]]) -> Vec<Event> {
    let t = Instant::now();
    let mut p = Parser::new();
    for ch in chunks {
        p.feed(ch, t);
    }
    p.expire(t + PASTE_TIMEOUT + Duration::from_secs(1));
    assert!(p.is_idle(), "nothing pending after every timeout");
    std::iter::from_fn(|| p.next_event()).collect()
}

fn parse(bytes: &[u8]) -> Vec<Event> {
    parse_chunks(&[bytes])
}

#[test]
fn printable_ascii_and_shift() {
    assert_eq!(parse(b"aZ 1~"), [c('a'), c('Z'), c(' '), c('1'), c('~')]);
}

#[test]
fn utf8_characters_one_event_each() {
    assert_eq!(parse("淮安市".as_bytes()), [c('淮'), c('安'), c('市')]);
    assert_eq!(parse("é😀".as_bytes()), [c('é'), c('😀')]);
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
fn broken_utf8_is_dropped_and_the_next_key_still_comes() {
    // A lone continuation byte, a start cut off by ASCII, a byte UTF-8 never uses, an
    // overlong form, a C1 control.
    assert_eq!(parse(b"\x80a"), [c('a')]);
    assert_eq!(parse(b"\xe6\xb7b"), [c('b')]);
    assert_eq!(parse(b"\xffc\xc0\xafd"), [c('c'), c('d')]);
    assert_eq!(parse(b"\xe0\x80\x80e"), [c('e')]);
    assert_eq!(parse(b"\xc2\x85f"), [c('f')]);
    // A start cut off by Ctrl-Q: Ctrl-Q works.
    assert_eq!(parse(b"\xe6\x11"), [k(K::Char('q'), CTRL)]);
}

#[test]
fn control_keys() {
    assert_eq!(
        parse(b"\r\t\x7f\x08\x11\x03\x13\x00\x1c\n"),
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
        ]
    );
}

#[test]
fn arrows_home_end_in_both_modes() {
    assert_eq!(
        parse(b"\x1b[A\x1b[B\x1b[C\x1b[D\x1b[H\x1b[F\x1bOA\x1bOD\x1bOH\x1bOF"),
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
        ]
    );
}

#[test]
fn modified_arrows() {
    assert_eq!(
        parse(b"\x1b[1;5A\x1b[1;2D\x1b[1;3C\x1b[1;6B\x1b[5A\x1b[1;8H"),
        [
            k(K::Up, CTRL),
            k(K::Left, SHIFT),
            k(K::Right, ALT),
            k(K::Down, CTRL | SHIFT),
            k(K::Up, CTRL),
            k(K::Home, CTRL | ALT | SHIFT),
        ]
    );
    // rxvt: Shift-arrows as ESC [ a, Ctrl-arrows as ESC O a.
    assert_eq!(parse(b"\x1b[a\x1bOd"), [k(K::Up, SHIFT), k(K::Left, CTRL)]);
}

#[test]
fn numbered_keys() {
    assert_eq!(
        parse(b"\x1b[1~\x1b[2~\x1b[3~\x1b[4~\x1b[5~\x1b[6~\x1b[7~\x1b[8~"),
        [
            k(K::Home, NONE),
            k(K::Insert, NONE),
            k(K::Delete, NONE),
            k(K::End, NONE),
            k(K::PageUp, NONE),
            k(K::PageDown, NONE),
            k(K::Home, NONE),
            k(K::End, NONE),
        ]
    );
    assert_eq!(
        parse(b"\x1b[3;5~\x1b[6;2~\x1b[5$\x1b[3^\x1b[2@"),
        [
            k(K::Delete, CTRL),
            k(K::PageDown, SHIFT),
            k(K::PageUp, SHIFT),
            k(K::Delete, CTRL),
            k(K::Insert, CTRL | SHIFT),
        ]
    );
}

#[test]
fn function_keys() {
    let mut bytes = b"\x1bOP\x1bOQ\x1bOR\x1bOS".to_vec();
    for n in [15, 17, 18, 19, 20, 21, 23, 24] {
        bytes.extend(format!("\x1b[{n}~").bytes());
    }
    let expected: Vec<Event> = (1..=12).map(|n| k(K::F(n), NONE)).collect();
    assert_eq!(parse(&bytes), expected);
    // PuTTY's and the Linux console's F1–F4, kitty's CSI P.
    assert_eq!(
        parse(b"\x1b[11~\x1b[14~\x1b[[A\x1b[[E\x1b[P"),
        [
            k(K::F(1), NONE),
            k(K::F(4), NONE),
            k(K::F(1), NONE),
            k(K::F(5), NONE),
            k(K::F(1), NONE),
        ]
    );
    // With modifiers.
    assert_eq!(
        parse(b"\x1b[15;2~\x1b[1;5P\x1bO2Q\x1b[24;3~\x1b[1;2R"),
        [
            k(K::F(5), SHIFT),
            k(K::F(1), CTRL),
            k(K::F(2), SHIFT),
            k(K::F(12), ALT),
            k(K::F(3), SHIFT),
        ]
    );
}

#[test]
fn backtab() {
    assert_eq!(parse(b"\x1b[Z"), [k(K::BackTab, SHIFT)]);
}

#[test]
fn alt_as_an_esc_prefix() {
    assert_eq!(
        parse(b"\x1ba\x1bA\x1b1\x1b\x11\x1b\r\x1b\x7f"),
        [
            k(K::Char('a'), ALT),
            k(K::Char('A'), ALT | SHIFT),
            k(K::Char('1'), ALT),
            k(K::Char('q'), CTRL | ALT),
            k(K::Enter, ALT),
            k(K::Backspace, ALT),
        ]
    );
    assert_eq!(parse("\x1b淮".as_bytes()), [k(K::Char('淮'), ALT)]);
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
fn a_sequence_split_between_reads_is_one_key() {
    assert_eq!(parse_chunks(&[b"\x1b", b"[A"]), [k(K::Up, NONE)]);
    assert_eq!(parse_chunks(&[b"\x1b[", b"1;5", b"C"]), [k(K::Right, CTRL)]);
    assert_eq!(parse_chunks(&[b"\x1b", b"O", b"P"]), [k(K::F(1), NONE)]);
}

#[test]
fn esc_then_a_key_in_the_next_read_is_two_keys() {
    // Esc then q, typed quickly: not Alt-q (Alt-q comes in one read).
    assert_eq!(parse_chunks(&[b"\x1b", b"q"]), [k(K::Esc, NONE), c('q')]);
    assert_eq!(
        parse_chunks(&[b"\x1b", b"\x1b[A"]),
        [k(K::Esc, NONE), k(K::Up, NONE)]
    );
    assert_eq!(
        parse_chunks(&[b"\x1b", b"\x11"]),
        [k(K::Esc, NONE), k(K::Char('q'), CTRL)]
    );
}

#[test]
fn esc_esc_and_esc_before_a_sequence() {
    assert_eq!(parse(b"\x1b\x1b"), [k(K::Esc, NONE), k(K::Esc, NONE)]);
    assert_eq!(parse(b"\x1b\x1b[B"), [k(K::Esc, NONE), k(K::Down, NONE)]);
}

#[test]
fn esc_bracket_and_esc_o_alone_are_alt_keys() {
    assert_eq!(parse(b"\x1b["), [k(K::Char('['), ALT)]);
    assert_eq!(parse(b"\x1bO"), [k(K::Char('O'), ALT | SHIFT)]);
    // Followed by a byte no sequence holds: the Alt-key, then that byte's key.
    assert_eq!(parse(b"\x1b[\r"), [k(K::Char('['), ALT), k(K::Enter, NONE)]);
    assert_eq!(
        parse(b"\x1bO\x11"),
        [k(K::Char('O'), ALT | SHIFT), k(K::Char('q'), CTRL)]
    );
}

#[test]
fn bracketed_paste() {
    assert_eq!(
        parse("\x1b[200~第二段\r\n第三段\t完\x1b[201~x".as_bytes()),
        [Event::Paste("第二段\r\n第三段\t完".into()), c('x')]
    );
    assert_eq!(parse(b"\x1b[200~\x1b[201~"), [Event::Paste(String::new())]);
    // Control bytes and escape sequences inside are text.
    assert_eq!(
        parse(b"\x1b[200~a\x11\x1b[Ab\x1b[201~"),
        [Event::Paste("a\u{11}\u{1b}[Ab".into())]
    );
}

#[test]
fn a_paste_split_anywhere_between_reads_arrives_whole() {
    let text = "淮安市人民政府办公室\r\n2024年主动公开政府信息1,234条。".repeat(20);
    let bytes = format!("\x1b[200~{text}\x1b[201~");
    let bytes = bytes.as_bytes();
    for step in [1, 2, 3, 5, 7, 64, 4095] {
        let chunks: Vec<&[u8]> = bytes.chunks(step).collect();
        assert_eq!(
            parse_chunks(&chunks),
            [Event::Paste(text.clone())],
            "chunks of {step}"
        );
    }
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
fn a_stray_paste_end_is_dropped() {
    assert_eq!(parse(b"\x1b[201~q"), [c('q')]);
}

#[test]
fn focus_events() {
    assert_eq!(
        parse(b"\x1b[I\x1b[O"),
        [Event::FocusGained, Event::FocusLost]
    );
}

#[test]
fn csi_u_and_modify_other_keys() {
    assert_eq!(
        parse(b"\x1b[113;5u\x1b[27;5;113~\x1b[13;2u\x1b[27u"),
        [
            k(K::Char('q'), CTRL),
            k(K::Char('q'), CTRL),
            k(K::Enter, SHIFT),
            k(K::Esc, NONE),
        ]
    );
    // A key release (kitty) is no key press.
    assert_eq!(parse(b"\x1b[113;5:3u\x1b[1;1:3A"), []);
}

#[test]
fn unknown_and_invalid_sequences_are_dropped() {
    assert_eq!(
        parse(b"\x1b[99~a\x1b[?1;2cb\x1b[<0;3;4Mc\x1b[1;999Ad\x1b[12;3Xe\x1bOzf\x1b[1 qg"),
        [c('a'), c('b'), c('c'), c('d'), c('e'), c('f'), c('g')]
    );
    // Parameters beyond any number.
    assert_eq!(parse(b"\x1b[99999999999999999999~h"), [c('h')]);
    // A sequence that never ends is cut at its length bound; the keys after it come.
    let mut long = b"\x1b[".to_vec();
    long.extend(std::iter::repeat_n(b'1', 200));
    long.extend(b"A\x11");
    let ev = parse(&long);
    assert_eq!(ev.last(), Some(&k(K::Char('q'), CTRL)));
    assert!(ev.len() < 200);
}

#[test]
fn a_sequence_cut_off_by_a_control_byte_gives_the_control_key() {
    assert_eq!(parse(b"\x1b[1;5\x11"), [k(K::Char('q'), CTRL)]);
    assert_eq!(parse(b"\x1b[1;\x1b[A"), [k(K::Up, NONE)]);
    assert_eq!(parse(b"\x1bO5\x11"), [k(K::Char('q'), CTRL)]);
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

#[test]
fn ime_bursts_of_characters() {
    // An input method commits a phrase in one write; the next one may split a character.
    let phrase = "政府信息公开工作年度报告";
    let b = phrase.as_bytes();
    let got = parse_chunks(&[&b[..10], &b[10..11], &b[11..]]);
    let want: Vec<Event> = phrase.chars().map(c).collect();
    assert_eq!(got, want);
}
