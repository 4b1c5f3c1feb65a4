//! Issue 17's proof that our backend changes no cell on screen: random sequences of frames —
//! Chinese, emoji, VS16 sequences, ambiguous-width symbols, mixed styles, wide characters at
//! the right edge, text cursor shown and hidden, full redraws after a clear — are written
//! through `LeanBackend` and through ratatui's `CrosstermBackend` into two terminal emulators
//! (vt100); after every frame the two screens agree cell by cell (symbol, colours,
//! attributes) and in the cursor. And ours writes no more bytes than ratatui's.

use nianbao::tui::backend::{LeanBackend, Mode};
use proptest::prelude::*;
use ratatui::backend::{Backend, ClearType, CrosstermBackend};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect, Size};
use ratatui::style::{Color, Modifier, Style};
use std::cell::RefCell;
use std::io::{self, Write};
use std::rc::Rc;

/// A writer whose bytes the test reads while a backend owns it.
#[derive(Clone, Default)]
struct Capture(Rc<RefCell<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Capture {
    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut self.0.borrow_mut())
    }
}

/// One side of the comparison: a backend, what it wrote, and the emulator reading it.
struct Side<B: Backend> {
    backend: B,
    capture: Capture,
    parser: vt100::Parser,
    bytes: usize,
}

impl<B: Backend> Side<B>
where
    B::Error: std::fmt::Debug,
{
    /// What `Terminal::try_draw` does with a frame: the diff, then the text cursor, then
    /// a flush.
    fn frame(&mut self, prev: &Buffer, next: &Buffer, cursor: Option<Position>) {
        self.backend.draw(prev.diff_iter(next)).unwrap();
        match cursor {
            None => self.backend.hide_cursor().unwrap(),
            Some(p) => {
                self.backend.show_cursor().unwrap();
                self.backend.set_cursor_position(p).unwrap();
            }
        }
        self.backend.flush().unwrap();
        self.pump();
    }

    fn clear(&mut self) {
        self.backend.clear_region(ClearType::All).unwrap();
        self.pump();
    }

    fn pump(&mut self) {
        let b = self.capture.take();
        self.bytes += b.len();
        self.parser.process(&b);
    }
}

/// Pieces of text frames are made of.
const PIECES: &[&str] = &[
    "abc",
    "12345",
    " ",
    "自然人",
    "：",
    "，",
    "。",
    "（七）总计",
    "政府信息公开",
    "한국어",
    "かなカナ",
    "😀",
    "👍🏽",
    "☺\u{fe0f}",
    "❤\u{fe0f}x",
    "“引号”",
    "─│┌┐",
    "·✗!",
    "〽㊙",
    "e\u{301}",
    "①②",
    "ｆｕｌｌ",
    "\u{3000}",
];

#[derive(Debug, Clone)]
enum Op {
    /// Text at (x, y) with a style.
    Text(u16, u16, usize, u8),
    /// A symbol placed straight into a cell (even one too wide for it: the right edge).
    Cell(u16, u16, usize, u8),
    /// A blank row.
    Blank(u16),
}

#[derive(Debug, Clone)]
struct Frame {
    ops: Vec<Op>,
    cursor: Option<(u16, u16)>,
    /// Clear the terminal and draw every cell (Ctrl-L, a resize).
    redraw: bool,
}

fn style(n: u8) -> Style {
    let colours = [
        Color::Reset,
        Color::Red,
        Color::Cyan,
        Color::DarkGray,
        Color::White,
        Color::Blue,
        Color::Indexed(200),
        Color::Rgb(1, 2, 3),
    ];
    let mods = [
        Modifier::empty(),
        Modifier::BOLD,
        Modifier::REVERSED,
        Modifier::ITALIC,
        Modifier::UNDERLINED,
        Modifier::BOLD | Modifier::ITALIC,
        Modifier::DIM,
        Modifier::BOLD | Modifier::DIM | Modifier::REVERSED,
    ];
    Style::new()
        .fg(colours[usize::from(n & 7)])
        .bg(colours[usize::from((n >> 3) & 7) % 6])
        .add_modifier(mods[usize::from(n >> 5)])
}

fn op(w: u16, h: u16) -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (0..w, 0..h, 0..PIECES.len(), any::<u8>()).prop_map(|(x, y, p, s)| Op::Text(x, y, p, s)),
        // Near the right edge in particular.
        2 => (w.saturating_sub(3)..w, 0..h, 0..PIECES.len(), any::<u8>())
            .prop_map(|(x, y, p, s)| Op::Text(x, y, p, s)),
        // (Not the buffer's very last cell: ratatui's own diff indexes past the buffer for a
        // wide symbol there.)
        2 => (w.saturating_sub(2)..w, 0..h - 1, 0..PIECES.len(), any::<u8>())
            .prop_map(|(x, y, p, s)| Op::Cell(x, y, p, s)),
        1 => (0..h).prop_map(Op::Blank),
    ]
}

fn frames() -> impl Strategy<Value = (u16, u16, Vec<Frame>)> {
    (6u16..24, 2u16..6).prop_flat_map(|(w, h)| {
        let frame = (
            prop::collection::vec(op(w, h), 0..12),
            prop::option::of((0..w, 0..h)),
            prop::bool::weighted(0.1),
        )
            .prop_map(|(ops, cursor, redraw)| Frame {
                ops,
                cursor,
                redraw,
            });
        (Just(w), Just(h), prop::collection::vec(frame, 1..12))
    })
}

fn apply(buf: &mut Buffer, op: &Op) {
    let area = buf.area;
    match *op {
        Op::Text(x, y, p, s) => {
            buf.set_stringn(x, y, PIECES[p], usize::from(area.width - x), style(s));
        }
        Op::Cell(x, y, p, s) => {
            let symbol: String = PIECES[p].chars().take(1).collect();
            let cell = &mut buf[(x, y)];
            cell.set_symbol(&symbol);
            cell.set_style(style(s));
        }
        Op::Blank(y) => {
            for x in 0..area.width {
                buf[(x, y)].reset();
            }
        }
    }
}

fn compare(a: &vt100::Screen, b: &vt100::Screen, w: u16, h: u16) -> Result<(), String> {
    for y in 0..h {
        for x in 0..w {
            let (ca, cb) = (a.cell(y, x).unwrap(), b.cell(y, x).unwrap());
            let key = |c: &vt100::Cell| {
                (
                    c.contents().to_string(),
                    c.is_wide(),
                    c.is_wide_continuation(),
                    c.fgcolor(),
                    c.bgcolor(),
                    (c.bold(), c.dim(), c.italic(), c.underline(), c.inverse()),
                )
            };
            if key(ca) != key(cb) {
                return Err(format!(
                    "cell ({x},{y}) differs: ours {:?}, ratatui's {:?}\nours:\n{}\nratatui's:\n{}",
                    key(ca),
                    key(cb),
                    a.contents(),
                    b.contents()
                ));
            }
        }
    }
    if a.hide_cursor() != b.hide_cursor() {
        return Err("cursor visibility differs".into());
    }
    if !a.hide_cursor() && a.cursor_position() != b.cursor_position() {
        return Err(format!(
            "cursor differs: ours {:?}, ratatui's {:?}",
            a.cursor_position(),
            b.cursor_position()
        ));
    }
    Ok(())
}

fn run(w: u16, h: u16, frames: &[Frame]) -> Result<(usize, usize), String> {
    let size = Size::new(w, h);
    let (ca, cb) = (Capture::default(), Capture::default());
    let mut ours = Side {
        backend: LeanBackend::with_mode(ca.clone(), Mode::Lean, Some(size)),
        capture: ca,
        parser: vt100::Parser::new(h, w, 0),
        bytes: 0,
    };
    let mut theirs = Side {
        backend: CrosstermBackend::new(cb.clone()),
        capture: cb,
        parser: vt100::Parser::new(h, w, 0),
        bytes: 0,
    };
    let area = Rect::new(0, 0, w, h);
    let mut prev = Buffer::empty(area);
    let mut next = Buffer::empty(area);
    for (i, f) in frames.iter().enumerate() {
        for op in &f.ops {
            apply(&mut next, op);
        }
        if f.redraw {
            ours.clear();
            theirs.clear();
            prev = Buffer::empty(area);
        }
        let cursor = f.cursor.map(|(x, y)| Position { x, y });
        ours.frame(&prev, &next, cursor);
        theirs.frame(&prev, &next, cursor);
        compare(ours.parser.screen(), theirs.parser.screen(), w, h)
            .map_err(|e| format!("after frame {i}: {e}"))?;
        prev = next.clone();
    }
    Ok((ours.bytes, theirs.bytes))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn screens_are_identical_after_every_frame((w, h, frames) in frames()) {
        let (ours, theirs) = run(w, h, &frames).map_err(TestCaseError::fail)?;
        prop_assert!(ours <= theirs, "ours wrote {ours} bytes, ratatui's {theirs}");
    }
}

/// A frame of the wizard's kind: a Chinese status line changing under the text cursor.
#[test]
fn a_chinese_status_line_costs_a_fraction() {
    let frames: Vec<Frame> = (0..5)
        .map(|i| Frame {
            ops: vec![
                Op::Text(0, 3, 7, 0b0010_1100),
                Op::Text(10, 3, 8, 0b0010_1100),
                Op::Text(2 + i, 1, 1, 0),
            ],
            cursor: Some((3 + i, 1)),
            redraw: false,
        })
        .collect();
    let (ours, theirs) = run(30, 4, &frames).unwrap();
    assert!(ours * 2 < theirs, "ours {ours} bytes, ratatui's {theirs}");
}
