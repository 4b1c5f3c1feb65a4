//! Our terminal backend: ratatui's crossterm backend, writing fewer bytes (issue 17).
//!
//! Over a slow SSH link every byte is lag. ratatui-crossterm 0.1.2 moves the cursor before
//! every cell that does not directly follow the previous one — after every Chinese character
//! (`ESC[23;8H然ESC[23;10H人…`), between two runs on a row, and before the text cursor it
//! places at the end of each frame — and resets every colour and attribute after each frame.
//! This backend writes the same screen (the cells, in ratatui's order, in their styles) and leaves
//! out only what the terminal provably does not need:
//!
//! - **Cursor moves.** It tracks where the terminal's cursor really is. After a character
//!   whose width every terminal agrees on — printable ASCII, ✓ and ✗, and East Asian Width W/F
//!   characters ([`agreed_wide`]: CJK ideographs, CJK and full-width punctuation, Hangul,
//!   kana; not emoji, not sequences with VS16, not ambiguous-width characters) — the cursor
//!   is known; a needed move is written as the shortest of absolute (`CUP`), relative
//!   (`CUF`/`CUB`/`CUD`/`CUU`), column (`CHA`) and `CR` — never a line feed, which would
//!   scroll a terminal smaller than we think; the relative moves stop at its edges. After any other symbol the
//!   position is not known, and the backend does exactly what ratatui does (no move to the
//!   next column, an absolute move otherwise), so a terminal that disagrees about an emoji's
//!   width sees the very bytes it sees today (the care ratatui #1396 and #2484 asked for). A
//!   cell at the right edge leaves the cursor unknown (the terminal's pending wrap).
//! - **Style.** One SGR sequence per change, the shorter of "change what changed" and
//!   "reset, then set", with the colour parameters crossterm writes (the bright foregrounds
//!   and the backgrounds in their short forms); kept from one frame to the next, made the
//!   default only before a clear, a scroll or an erase (`tui::terminal::restore` resets it).
//! - **Blanks.** A run of blanks is erased (`ECH`, `EL` to the end of the row) where that is
//!   shorter than writing it; a short gap between two changed cells is written again where
//!   that is shorter than moving over it.
//! - **Rows that moved** are scrolled (a scrolling region and line feeds), then only what
//!   is new is written.
//! - **Cursor visibility.** Shown/hidden only when that changes; the text cursor is moved
//!   only when it is not already there.
//!
//! `NIANBAO_DRAW=ratatui` (README) makes it ratatui's own backend again, byte for byte, for
//! a terminal that misbehaves. The proof that the screen is the same: `tests/backend_props.rs`
//! writes random frame sequences through both into a terminal emulator and compares every
//! cell after every frame.
//!
//! Drop this module once a ratatui release has PR #2721 and its follow-up #2735 (skip the
//! move when `x == last.x + width`; ratatui-crossterm 0.1.2, the newest on crates.io in
//! December 2026, has not) and use `CrosstermBackend` directly again.

use ratatui::backend::{Backend, ClearType, CrosstermBackend, IntoCrossterm, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::crossterm::style::Colored;
use ratatui::layout::Rect;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use std::cell::RefCell;
use std::io::{self, Write};
use std::rc::Rc;

/// The environment variable that selects ratatui's own drawing (`NIANBAO_DRAW=ratatui`).
pub const ENV: &str = "NIANBAO_DRAW";

/// How the backend writes a frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Only the bytes the terminal needs (the default).
    Lean,
    /// Exactly what ratatui's crossterm backend writes.
    Ratatui,
}

impl Mode {
    /// [`Mode::Ratatui`] when `NIANBAO_DRAW=ratatui`, otherwise [`Mode::Lean`].
    pub fn from_env() -> Mode {
        match std::env::var(ENV) {
            Ok(v) if v.trim().eq_ignore_ascii_case("ratatui") => Mode::Ratatui,
            _ => Mode::Lean,
        }
    }
}

/// Where the terminal's cursor is, as far as we know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cursor {
    /// Certainly here (and not in a pending wrap).
    Known(Position),
    /// Not known. `Some(p)`: the last cell of this frame was written at `p`; as ratatui does,
    /// the cell at `p.x + 1` follows without a move.
    Unknown(Option<Position>),
}

/// A pen: the style the terminal writes with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    underline: Color,
    modifier: Modifier,
}

impl Pen {
    const DEFAULT: Pen = Pen {
        fg: Color::Reset,
        bg: Color::Reset,
        underline: Color::Reset,
        modifier: Modifier::empty(),
    };

    fn of(cell: &Cell) -> Pen {
        Pen {
            fg: cell.fg,
            bg: cell.bg,
            underline: cell.underline_color,
            modifier: cell.modifier,
        }
    }
}

/// The program's terminal backend (see the module documentation).
pub struct LeanBackend<W: Write> {
    inner: CrosstermBackend<W>,
    mode: Mode,
    cursor: Cursor,
    visible: Option<bool>,
    /// A fixed size (tests); `None`: ask the terminal.
    fixed: Option<Size>,
    /// The size at the last frame: a change means the terminal may have moved the cursor.
    last_size: Option<Size>,
    out: Vec<u8>,
    /// What the terminal shows, as ratatui's buffers see it (`None`: not known — before the
    /// first clear after a resize, after a partial clear).
    shadow: Option<Buffer>,
    /// No frame drawn yet: the screen is blank (the alternate screen was just entered), as
    /// ratatui's first diff assumes too.
    fresh: bool,
    /// Rows of the terminal that may not show what the shadow says: a symbol some terminal
    /// may draw wider or narrower than ratatui was written there or on the row above (it may
    /// have wrapped). Such rows are never scrolled nor erased, only written again as ratatui
    /// would.
    tainted: Vec<bool>,
    /// The style the terminal writes with now: kept from one frame to the next (ratatui
    /// resets it after every frame and sets it again in the next), made the default before
    /// anything that fills cells with the current background (a clear, a scroll, an erase).
    pen: Pen,
}

impl<W: Write> LeanBackend<W> {
    /// A backend writing to `writer`, in the mode [`Mode::from_env`] says.
    pub fn new(writer: W) -> Self {
        Self::with_mode(writer, Mode::from_env(), None)
    }

    /// A backend in `mode`; `size`, when given, is reported instead of the terminal's (for
    /// writing into something that is not a terminal, as the tests and benchmarks do).
    pub fn with_mode(writer: W, mode: Mode, size: Option<Size>) -> Self {
        LeanBackend {
            inner: CrosstermBackend::new(writer),
            mode,
            cursor: Cursor::Unknown(None),
            visible: None,
            fixed: size,
            last_size: None,
            out: Vec::new(),
            shadow: None,
            fresh: true,
            tainted: Vec::new(),
            pen: Pen::DEFAULT,
        }
    }

    /// The mode this backend draws in.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// Makes the terminal's style the default (`ESC[0m`) when it is not.
    fn reset_pen(&mut self) -> io::Result<()> {
        if self.pen != Pen::DEFAULT {
            self.write(b"\x1b[0m")?;
            self.pen = Pen::DEFAULT;
        }
        Ok(())
    }

    fn draw_lean<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let size = shadow_size(self.size()?);
        if self.last_size != Some(size) {
            // The terminal changed size: it may have moved the cursor and its rows; the
            // screen is known again after the clear that ratatui's resize sends.
            self.last_size = Some(size);
            self.cursor = Cursor::Unknown(None);
            self.shadow = None;
        }
        let mut out = std::mem::take(&mut self.out);
        out.clear();
        // ratatui's "next column needs no move" holds within one frame only.
        if let Cursor::Unknown(Some(_)) = self.cursor {
            self.cursor = Cursor::Unknown(None);
        }
        let cells: Vec<(u16, u16, Cell)> = content.map(|(x, y, c)| (x, y, c.clone())).collect();
        let mut pen = self.pen;
        if std::mem::take(&mut self.fresh) && self.shadow.is_none() {
            self.shadow = Some(Buffer::empty(Rect::new(0, 0, size.width, size.height)));
            self.tainted = vec![false; usize::from(size.height)];
        }
        match self.shadow.take() {
            Some(shadow) => {
                let mut next = shadow.clone();
                for (x, y, cell) in &cells {
                    put(&mut next, *x, *y, cell);
                }
                let scrolled = find_scroll(&shadow, &next, &self.tainted)
                    .and_then(|scroll| self.scrolled(scroll, &shadow, &next, &cells, pen));
                match scrolled {
                    Some((bytes, p)) => {
                        out.extend(bytes);
                        pen = p;
                    }
                    None => {
                        let diff: Vec<_> = cells.iter().map(|(x, y, c)| (*x, *y, c)).collect();
                        self.write_cells(&mut out, &mut pen, &diff, Some((shadow, &next)));
                    }
                }
                self.shadow = Some(next);
            }
            None => {
                let diff: Vec<_> = cells.iter().map(|(x, y, c)| (*x, *y, c)).collect();
                self.write_cells(&mut out, &mut pen, &diff, None);
            }
        }
        // No reset at the end: the next frame starts from this pen (see `LeanBackend::pen`).
        self.pen = pen;
        let r = self.inner.write_all(&out);
        self.out = out;
        r
    }

    /// The frame written with `scroll`: the scroll, then ratatui's cells outside the scrolled
    /// rows and what is still to write inside them, row by row. `None` (nothing written,
    /// nothing changed) when writing them would split a wide character in a visible style —
    /// the terminal erases the rest of it, and moved rows would not show what ratatui's
    /// writing shows; the frame is then written as ratatui would.
    fn scrolled(
        &mut self,
        scroll: Scroll,
        shadow: &Buffer,
        next: &Buffer,
        cells: &[(u16, u16, Cell)],
        mut pen: Pen,
    ) -> Option<(Vec<u8>, Pen)> {
        let (cursor, tainted) = (self.cursor, self.tainted.clone());
        let mut out = Vec::new();
        // The rows that come in are blank in the current background.
        blank_pen(&mut out, &mut pen);
        let mut moved = shadow.clone();
        scroll.write(&mut out, &mut moved);
        scroll.shift(&mut self.tainted);
        self.cursor = Cursor::Unknown(None);
        let inside = |y: u16| (scroll.top..scroll.bottom).contains(&y);
        let mut merged: Vec<(u16, u16, &Cell)> = moved
            .diff_iter(next)
            .filter(|(_, y, _)| inside(*y))
            .chain(
                cells
                    .iter()
                    .filter(|(_, y, _)| !inside(*y))
                    .map(|(x, y, c)| (*x, *y, c)),
            )
            .collect();
        // Both parts are in row order and on different rows: a stable sort by row merges them.
        merged.sort_by_key(|(_, y, _)| *y);
        let before = self.tainted.clone();
        self.write_cells(&mut out, &mut pen, &merged, Some((moved, next)));
        if self.tainted != before {
            (self.cursor, self.tainted) = (cursor, tainted);
            return None;
        }
        Some((out, pen))
    }

    /// Writes `cells` (in ratatui's order) to `out`, `pen` being the terminal's style and
    /// `screens`, when known, what the terminal shows before and what it is to show after
    /// (to see which rows may be left showing something else: see
    /// [`LeanBackend::tainted`]; and where a run of blanks can be erased instead of written).
    fn write_cells(
        &mut self,
        out: &mut Vec<u8>,
        pen: &mut Pen,
        cells: &[(u16, u16, &Cell)],
        screens: Option<(Buffer, &Buffer)>,
    ) {
        let width = self.last_size.map_or(u16::MAX, |s| s.width);
        let (mut term, after) = match screens {
            Some((t, a)) => (Some(t), Some(a)),
            None => (None, None),
        };
        // Cells of row `.0` before column `.1` have been erased.
        let mut erased: Option<(u16, u16)> = None;
        for (i, &(x, y, cell)) in cells.iter().enumerate() {
            if erased.is_some_and(|(ey, ex)| ey == y && x < ex) {
                continue;
            }
            let target = Position { x, y };
            let adjacent = matches!(self.cursor,
                Cursor::Unknown(Some(last)) if y == last.y && x == last.x.wrapping_add(1));
            if let (Some(t), Some(a), false) = (term.as_mut(), after, adjacent) {
                if let Some(end) = self.erase_run(t, a, &cells[i..], *pen) {
                    if let Cursor::Known(p) = self.cursor {
                        if p != target {
                            move_to(out, Some(p), target);
                        }
                    } else {
                        move_to(out, None, target);
                    }
                    blank_pen(out, pen);
                    if end == t.area.width {
                        out.extend_from_slice(b"\x1b[K");
                    } else {
                        out.extend(csi(end - x, b'X'));
                    }
                    for ex in x..end {
                        t[(ex, y)] = Cell::EMPTY;
                    }
                    self.cursor = Cursor::Known(target);
                    erased = Some((y, end));
                    continue;
                }
            }
            let certain = match self.cursor {
                Cursor::Known(p) if p == target => true,
                Cursor::Known(p) => {
                    let again = match (&term, after) {
                        (Some(t), Some(a)) => self.rewrite_gap(t, a, p, target, *pen),
                        _ => None,
                    };
                    match again {
                        Some(bytes) => out.extend(bytes),
                        None => move_to(out, Some(p), target),
                    }
                    true
                }
                Cursor::Unknown(Some(last)) if y == last.y && x == last.x.wrapping_add(1) => false,
                Cursor::Unknown(_) => {
                    move_to(out, None, target);
                    true
                }
            };
            let next = Pen::of(cell);
            if next != *pen {
                sgr(out, *pen, next);
                *pen = next;
            }
            let symbol = cell.symbol();
            out.extend_from_slice(symbol.as_bytes());
            let mut taint = !trusted_symbol(symbol, x, width);
            if let Some(t) = term.as_mut() {
                // Part of a wide character written over: the terminal erases the rest of it
                // in the current style, which the buffers do not know.
                if splits_wide(t, x, y, symbol) && visible_on_blank(next) {
                    taint = true;
                }
                put(t, x, y, cell);
            }
            if taint {
                // It may spill onto the next row — and on the last row, scroll them all.
                let last = usize::from(y) + 1 >= self.tainted.len();
                for (row, t) in self.tainted.iter_mut().enumerate() {
                    if last || row == usize::from(y) || row == usize::from(y) + 1 {
                        *t = true;
                    }
                }
            }
            self.cursor = match agreed_width(symbol) {
                Some(w) if certain && u32::from(x) + u32::from(w) < u32::from(width) => {
                    Cursor::Known(Position { x: x + w, y })
                }
                _ => Cursor::Unknown(Some(target)),
            };
        }
    }

    /// Where the run of blanks starting at the first of `cells` ends (exclusive), when
    /// erasing it (`ECH`, or `EL` to the end of the row) is shorter than writing ratatui's
    /// cells there: `term` is what the terminal shows now, `after` what it is to show.
    ///
    /// The run is the cells of `after` from there on that are blanks no one can tell from a
    /// blank in the default style (a space, no background, not inverse, underlined or
    /// crossed out); ratatui's cells in it are all such blanks. Not on a row that may show
    /// something else ([`LeanBackend::tainted`]), and not where the erase would cut a wide
    /// character in two (the terminals differ in what they do with the other half).
    fn erase_run(
        &self,
        term: &Buffer,
        after: &Buffer,
        cells: &[(u16, u16, &Cell)],
        pen: Pen,
    ) -> Option<u16> {
        let &(x, y, cell) = cells.first()?;
        let area = term.area;
        if after.area != area || x >= area.width || y >= area.height || !plain_blank(cell) {
            return None;
        }
        if self.tainted.get(usize::from(y)).copied().unwrap_or(true) {
            return None;
        }
        let wide = |c: &Cell| unicode_width::UnicodeWidthStr::width(c.symbol()) > 1;
        if x > 0 && (wide(&term[(x - 1, y)]) || wide(&after[(x - 1, y)])) {
            return None;
        }
        let mut end = x;
        while end < area.width && plain_blank(&after[(end, y)]) {
            end += 1;
        }
        while end > x && wide(&term[(end - 1, y)]) {
            end -= 1;
        }
        if end == x {
            return None;
        }
        // What writing the run costs: a byte a cell, a move over each gap between them and
        // on to the next cell of the row, the style of the blanks.
        let run: Vec<u16> = cells
            .iter()
            .take_while(|(cx, cy, _)| *cy == y && *cx < end)
            .map(|(cx, _, _)| *cx)
            .collect();
        let after_run = cells
            .get(run.len())
            .filter(|(_, cy, _)| *cy == y)
            .map(|(cx, _, _)| *cx);
        let gaps: usize = run
            .windows(2)
            .filter(|w| w[1] != w[0] + 1)
            .map(|w| csi(w[1] - w[0] - 1, b'C').len())
            .sum();
        let last = run.last().copied().unwrap_or(x);
        let on = |from: u16| {
            after_run.map_or(0, |n| {
                if n == from {
                    0
                } else {
                    csi(n - from, b'C').len()
                }
            })
        };
        let mut style = Vec::new();
        sgr(&mut style, pen, Pen::of(cell));
        let write = run.len() + gaps + style.len() + on(last + 1);
        // What erasing costs: the sequence, the style, a move on to the next cell.
        let mut reset = Vec::new();
        blank_pen(&mut reset, &mut pen.clone());
        let erase = if end == area.width {
            3
        } else {
            csi(end - x, b'X').len()
        } + reset.len()
            + on(x);
        (erase < write).then_some(end)
    }

    /// The cells from `from` up to `to` on the same row written again — what the terminal
    /// shows there already — when that is shorter than moving over them (`ESC[C` is three
    /// bytes; one space is one): only cells in the current pen (or blanks that look the same
    /// in it), of a width every terminal agrees on, on a row that shows what the shadow
    /// says ([`LeanBackend::tainted`]).
    fn rewrite_gap(
        &self,
        term: &Buffer,
        after: &Buffer,
        from: Position,
        to: Position,
        pen: Pen,
    ) -> Option<Vec<u8>> {
        if from.y != to.y || to.x <= from.x || to.x > term.area.width || after.area != term.area {
            return None;
        }
        if self.tainted.get(usize::from(to.y)).copied().unwrap_or(true) {
            return None;
        }
        // Not from the second half of a wide character.
        if from.x > 0
            && unicode_width::UnicodeWidthStr::width(term[(from.x - 1, to.y)].symbol()) > 1
        {
            return None;
        }
        let mut move_bytes = Vec::new();
        move_to(&mut move_bytes, Some(from), to);
        let mut bytes = Vec::new();
        let mut x = from.x;
        while x < to.x {
            let (shown, want) = (&term[(x, to.y)], &after[(x, to.y)]);
            let same = shown == want && Pen::of(shown) == pen;
            let blank = plain_blank(shown) && plain_blank(want) && !visible_on_blank(pen);
            if !(same || blank) {
                return None;
            }
            let w = agreed_width(shown.symbol())?;
            if w == 2 && (x + 1 >= to.x || after[(x + 1, to.y)].symbol() != " ") {
                return None;
            }
            bytes.extend_from_slice(shown.symbol().as_bytes());
            if bytes.len() >= move_bytes.len() {
                return None;
            }
            x += w;
        }
        Some(bytes)
    }

    fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.inner.write_all(bytes)
    }
}

/// Whether `cell` is a blank no one can tell from an erased cell (see
/// [`LeanBackend::erase_run`]).
fn plain_blank(cell: &Cell) -> bool {
    cell.symbol() == " " && !visible_on_blank(Pen::of(cell))
}

/// Makes the pen one whose blanks look like the default's, before something fills cells
/// with the current background (an erase, a scroll, a clear): the default, when it is not
/// such a pen already.
fn blank_pen(out: &mut Vec<u8>, pen: &mut Pen) {
    if visible_on_blank(*pen) {
        sgr(out, *pen, Pen::DEFAULT);
        *pen = Pen::DEFAULT;
    }
}

impl<W: Write> Backend for LeanBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        match self.mode {
            Mode::Ratatui => self.inner.draw(content),
            Mode::Lean => self.draw_lean(content),
        }
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        if self.mode == Mode::Lean {
            self.reset_pen()?;
        }
        self.cursor = Cursor::Unknown(None);
        self.shadow = None;
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.mode == Mode::Ratatui {
            return self.inner.hide_cursor();
        }
        if self.visible != Some(false) {
            self.write(b"\x1b[?25l")?;
            self.visible = Some(false);
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.mode == Mode::Ratatui {
            return self.inner.show_cursor();
        }
        if self.visible != Some(true) {
            self.write(b"\x1b[?25h")?;
            self.visible = Some(true);
        }
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        if let (Mode::Lean, Cursor::Known(p)) = (self.mode, self.cursor) {
            return Ok(p);
        }
        let p = self.inner.get_cursor_position()?;
        self.cursor = Cursor::Known(p);
        Ok(p)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let p = position.into();
        if self.mode == Mode::Ratatui {
            return self.inner.set_cursor_position(p);
        }
        let from = match self.cursor {
            Cursor::Known(k) if k == p => return Ok(()),
            Cursor::Known(k) => Some(k),
            Cursor::Unknown(_) => None,
        };
        let mut out = Vec::new();
        move_to(&mut out, from, p);
        self.cursor = Cursor::Known(p);
        self.write(&out)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        if self.mode == Mode::Lean {
            // Erased cells take the current background.
            self.reset_pen()?;
        }
        // A clear comes with a resize or a repaint (Ctrl-L): the terminal may have moved the
        // cursor; one absolute move on the next frame is nothing next to a full redraw.
        self.cursor = Cursor::Unknown(None);
        self.shadow = match (clear_type, self.size().map(shadow_size)) {
            (ClearType::All, Ok(size)) => {
                self.last_size = Some(size);
                self.tainted = vec![false; usize::from(size.height)];
                Some(Buffer::empty(Rect::new(0, 0, size.width, size.height)))
            }
            _ => None,
        };
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        match self.fixed {
            Some(s) => Ok(s),
            None => self.inner.size(),
        }
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        match self.fixed {
            Some(s) => Ok(WindowSize {
                columns_rows: s,
                pixels: Size::default(),
            }),
            None => self.inner.window_size(),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

/// The width every terminal gives `symbol` when it is one we can rely on: 1 for printable
/// ASCII and the program's marks ✓ and ✗ (East Asian Width N, not emoji — unlike ✔ and ✖ —
/// and one column in every wcwidth table), 2 for an [`agreed_wide`] character; `None` for
/// anything else (emoji, VS16 and other sequences, ambiguous-width and other characters).
fn agreed_width(symbol: &str) -> Option<u16> {
    let mut chars = symbol.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return None;
    };
    if (' '..='~').contains(&c) || c == '\u{2713}' || c == '\u{2717}' {
        Some(1)
    } else if agreed_wide(c) {
        Some(2)
    } else {
        None
    }
}

/// Whether every terminal draws `c` two columns wide: East Asian Width W or F in blocks that
/// have been wide in every Unicode version and every wcwidth table — CJK ideographs (with
/// extensions and compatibility ideographs), radicals, CJK symbols and punctuation, kana,
/// bopomofo, Hangul syllables and leading jamo, enclosed CJK letters, CJK compatibility
/// forms, full-width forms. Left out: emoji (including the four with text presentation in
/// these blocks: 〰 〽 ㊗ ㊙), combining marks and fillers (not two columns), the
/// ambiguous-width circled numbers U+3248–U+324F.
pub fn agreed_wide(c: char) -> bool {
    let u = c as u32;
    let wide = matches!(u,
        0x1100..=0x115E
        | 0x2E80..=0x2E99 | 0x2E9B..=0x2EF3 | 0x2F00..=0x2FD5
        | 0x3000..=0x3029 | 0x302E..=0x302F | 0x3031..=0x303C | 0x303E
        | 0x3041..=0x3096 | 0x309B..=0x30FF
        | 0x3105..=0x312F | 0x3131..=0x3163 | 0x3165..=0x318E
        | 0x3190..=0x31E3 | 0x31F0..=0x321E | 0x3220..=0x3247
        | 0x3250..=0x3296 | 0x3298 | 0x329A..=0x32FE | 0x3300..=0x33FF
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF01..=0xFF60 | 0xFFE0..=0xFFE6
        | 0x20000..=0x2FFFD | 0x30000..=0x3FFFD);
    // ratatui lays the buffer out with unicode-width: both must say two columns.
    wide && unicode_width::UnicodeWidthChar::width(c) == Some(2)
}

/// Puts `cell` at (x, y) of `screen`; the columns a wide symbol covers are reset, as
/// ratatui's `Buffer::set_stringn` does (so the shadow is ratatui's buffer).
fn put(screen: &mut Buffer, x: u16, y: u16, cell: &Cell) {
    let area = screen.area;
    if x >= area.width || y >= area.height {
        return;
    }
    screen[(x, y)] = cell.clone();
    let w = unicode_width::UnicodeWidthStr::width(cell.symbol()) as u16;
    for dx in 1..w.max(1) {
        if x + dx < area.width {
            screen[(x + dx, y)] = Cell::EMPTY;
        }
    }
}

/// The part of the terminal the program draws into (the shadow of the screen is that size): a
/// 65535×65535 window must not allocate billions of cells here.
fn shadow_size(s: Size) -> Size {
    Size {
        width: s.width.min(crate::tui::terminal::MAX_COLS),
        height: s.height.min(crate::tui::terminal::MAX_ROWS),
    }
}

/// A scroll of rows `top..bottom` by `by` rows (up when positive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Scroll {
    top: u16,
    bottom: u16,
    by: i32,
}

impl Scroll {
    /// Writes the scroll — a scrolling region, line feeds at its foot (up) or reverse line
    /// feeds at its head (down), the region reset — and does it to `screen`. The pen is the
    /// default here (the start of a frame), so the new rows are blank in the default style.
    /// Moves the rows' flags (of [`LeanBackend::tainted`]) as the rows move.
    fn shift(self, rows: &mut [bool]) {
        let old = rows.to_vec();
        for y in self.top..self.bottom {
            let from = i32::from(y) + self.by;
            rows[usize::from(y)] =
                (i32::from(self.top)..i32::from(self.bottom)).contains(&from) && old[from as usize];
        }
    }

    fn write(self, out: &mut Vec<u8>, screen: &mut Buffer) {
        let Scroll { top, bottom, by } = self;
        out.extend(format!("\x1b[{};{}r", top + 1, bottom).as_bytes());
        let n = by.unsigned_abs() as usize;
        if by > 0 {
            out.extend(cup(Position {
                x: 0,
                y: bottom - 1,
            }));
            out.extend(std::iter::repeat_n(b'\n', n));
        } else {
            out.extend(cup(Position { x: 0, y: top }));
            out.extend(std::iter::repeat_n(*b"\x1bM", n).flatten());
        }
        out.extend_from_slice(b"\x1b[r");
        let width = screen.area.width;
        let row = |screen: &Buffer, y: u16| -> Vec<Cell> {
            (0..width).map(|x| screen[(x, y)].clone()).collect()
        };
        let rows: Vec<Vec<Cell>> = (top..bottom).map(|y| row(screen, y)).collect();
        for (i, y) in (top..bottom).enumerate() {
            let from = i as i32 + by;
            for x in 0..width {
                screen[(x, y)] = match usize::try_from(from).ok().and_then(|f| rows.get(f)) {
                    Some(r) => r[usize::from(x)].clone(),
                    None => Cell::EMPTY,
                };
            }
        }
    }
}

/// The scroll that saves the most rows from being written again, if it saves at least two:
/// rows of `next` that are rows of `prev` moved up or down by a few.
fn find_scroll(prev: &Buffer, next: &Buffer, tainted: &[bool]) -> Option<Scroll> {
    let h = prev.area.height;
    if next.area != prev.area || h < 3 || tainted.len() != usize::from(h) {
        return None;
    }
    let w = prev.area.width;
    let same = |a: &Buffer, ya: u16, b: &Buffer, yb: u16| (0..w).all(|x| a[(x, ya)] == b[(x, yb)]);
    let (tp, tn): (Vec<bool>, Vec<bool>) =
        (0..h).map(|y| (trusted(prev, y), trusted(next, y))).unzip();
    // The rows moved must show what the buffers say, and stay so: nothing that may spill
    // over from the row above, or scroll everything from the last row, is written after.
    let last_ok = tn[usize::from(h - 1)];
    let region_trusted = |s: Scroll| {
        last_ok
            && (s.top.saturating_sub(1)..s.bottom).all(|y| tn[usize::from(y)])
            && (s.top..s.bottom).all(|y| {
                let y = usize::from(y);
                tp[y] && !tainted[y]
            })
    };
    let mut best: Option<(usize, Scroll)> = None;
    for k in 1..=(h / 2).min(8) {
        for up in [true, false] {
            // Rows r of next equal to rows r + k (up) or r - k (down) of prev.
            let mut r = if up { 0 } else { k };
            let end = if up { h - k } else { h };
            while r < end {
                let src = if up { r + k } else { r - k };
                if !same(next, r, prev, src) {
                    r += 1;
                    continue;
                }
                let start = r;
                let mut saved = 0;
                while r < end && same(next, r, prev, if up { r + k } else { r - k }) {
                    if !same(next, r, prev, r) {
                        saved += 1;
                    }
                    r += 1;
                }
                let scroll = if up {
                    Scroll {
                        top: start,
                        bottom: r + k,
                        by: i32::from(k),
                    }
                } else {
                    Scroll {
                        top: start - k,
                        bottom: r,
                        by: -i32::from(k),
                    }
                };
                if saved >= 2 && best.is_none_or(|(s, _)| saved > s) && region_trusted(scroll) {
                    best = Some((saved, scroll));
                }
            }
        }
    }
    best.map(|(_, s)| s)
}

/// Whether writing `symbol` at (x, y) of `screen` covers only part of a wide character.
fn splits_wide(screen: &Buffer, x: u16, y: u16, symbol: &str) -> bool {
    let width = screen.area.width;
    let w = (unicode_width::UnicodeWidthStr::width(symbol) as u16).max(1);
    let end = x.saturating_add(w);
    // Wide characters starting up to two columns before the span and inside it.
    (x.saturating_sub(2)..end.min(width)).any(|s| {
        let ws = unicode_width::UnicodeWidthStr::width(screen[(s, y)].symbol()) as u16;
        ws > 1 && s < end && s + ws > x && (s < x || s + ws > end)
    })
}

/// Whether a blank written in `pen` can be told from a blank in the default style.
fn visible_on_blank(pen: Pen) -> bool {
    pen.bg != Color::Reset
        || pen.modifier.intersects(
            Modifier::REVERSED | Modifier::UNDERLINED | Modifier::CROSSED_OUT | Modifier::HIDDEN,
        )
}

/// Whether every terminal draws `symbol` at column `x` of a row `width` wide as ratatui lays
/// it out: printable ASCII, an [`agreed_wide`] character that fits, or one character one
/// column wide (the width ratatui relies on for every cell it writes without a move).
fn trusted_symbol(symbol: &str, x: u16, width: u16) -> bool {
    let mut chars = symbol.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if agreed_wide(c) => u32::from(x) + 2 <= u32::from(width),
        (Some(c), None) => unicode_width::UnicodeWidthChar::width(c) == Some(1),
        _ => false,
    }
}

/// Whether every terminal draws row `y` of `screen` as ratatui lays it out, so that moving
/// the row is the same as writing it again: every symbol printable ASCII, agreed wide
/// ([`agreed_wide`], whole, followed by the column it covers) or one character one column
/// wide (the width ratatui itself relies on for every cell it writes without a move).
/// Emoji, sequences, other wide characters and leftovers of a wide character are not.
fn trusted(screen: &Buffer, y: u16) -> bool {
    let w = screen.area.width;
    let mut covered = 0;
    for x in 0..w {
        let symbol = screen[(x, y)].symbol();
        if covered > 0 {
            covered -= 1;
            if symbol != " " {
                return false;
            }
            continue;
        }
        let mut chars = symbol.chars();
        let ok = match (chars.next(), chars.next()) {
            (Some(c), None) if agreed_wide(c) => {
                covered = 1;
                x + 1 < w
            }
            (Some(c), None) => unicode_width::UnicodeWidthChar::width(c) == Some(1),
            _ => false,
        };
        if !ok {
            return false;
        }
    }
    true
}

/// Writes the shortest sequence that moves the cursor from `from` (unknown: `None`) to `to`.
fn move_to(out: &mut Vec<u8>, from: Option<Position>, to: Position) {
    let mut best = cup(to);
    if let Some(f) = from {
        let horizontal = |fx: u16| -> Vec<u8> {
            if to.x == fx {
                Vec::new()
            } else if to.x == 0 {
                b"\r".to_vec()
            } else {
                let rel = if to.x > fx {
                    csi(to.x - fx, b'C')
                } else {
                    csi(fx - to.x, b'D')
                };
                let cha = csi(to.x + 1, b'G');
                if rel.len() <= cha.len() {
                    rel
                } else {
                    cha
                }
            }
        };
        let vertical = if to.y == f.y {
            Vec::new()
        } else if to.y > f.y {
            csi(to.y - f.y, b'B')
        } else {
            csi(f.y - to.y, b'A')
        };
        let mut s = vertical;
        s.extend(horizontal(f.x));
        if s.len() < best.len() {
            best = s;
        }
    }
    out.extend(best);
}

/// `CSI n <final>`, with `n` left out when it is 1 (the default of every move used here).
fn csi(n: u16, final_byte: u8) -> Vec<u8> {
    let mut s = b"\x1b[".to_vec();
    if n != 1 {
        s.extend(n.to_string().as_bytes());
    }
    s.push(final_byte);
    s
}

/// The absolute move, as short as it can be written.
fn cup(to: Position) -> Vec<u8> {
    let mut s = b"\x1b[".to_vec();
    match (to.y, to.x) {
        (0, 0) => {}
        (y, 0) => s.extend((y + 1).to_string().as_bytes()),
        (y, x) => s.extend(format!("{};{}", y + 1, x + 1).as_bytes()),
    }
    s.push(b'H');
    s
}

/// The SGR parameters of a colour: as crossterm writes them (`38;5;1`, `49`, …; empty when
/// crossterm writes no colours, NO_COLOR), shortened where another form means the same
/// palette entry on every terminal: the bright foregrounds 8–15 as `90`–`97` and the
/// backgrounds 0–15 as `40`–`47`, `100`–`107`. Not the foregrounds 0–7 as `30`–`37`: a
/// terminal that shows bold as bright would brighten those, and not `38;5;n`.
fn colour(c: Colored) -> String {
    let s = c.to_string();
    let index = |prefix: &str| s.strip_prefix(prefix).and_then(|n| n.parse::<u8>().ok());
    match (index("38;5;"), index("48;5;")) {
        (Some(n @ 8..=15), _) => (90 + n - 8).to_string(),
        (_, Some(n @ 0..=7)) => (40 + n).to_string(),
        (_, Some(n @ 8..=15)) => (100 + n - 8).to_string(),
        _ => s,
    }
}

/// Writes one SGR sequence taking the terminal's pen from `from` to `to`: the shorter of
/// ratatui's own steps (its `ModifierDiff` and colours, in its order, as one sequence) and
/// "reset, then set what is not the default". The reset is used only where it ends in the
/// same state as ratatui's steps on every terminal: not with bold and dim together (some
/// terminals keep one intensity, the last set) and not with blinking (ratatui's steps drop
/// a remaining blink).
fn sgr(out: &mut Vec<u8>, from: Pen, to: Pen) {
    let mut change: Vec<String> = Vec::new();
    let mut push = |p: &str| change.push(p.to_string());
    let removed = from.modifier - to.modifier;
    let added = to.modifier - from.modifier;
    if removed.contains(Modifier::REVERSED) {
        push("27");
    }
    let intensity = removed.intersects(Modifier::BOLD | Modifier::DIM);
    if intensity {
        push("22");
        if to.modifier.contains(Modifier::DIM) {
            push("2");
        }
        if to.modifier.contains(Modifier::BOLD) {
            push("1");
        }
    }
    for (m, off) in [
        (Modifier::ITALIC, "23"),
        (Modifier::UNDERLINED, "24"),
        (Modifier::CROSSED_OUT, "29"),
        (Modifier::HIDDEN, "28"),
        (Modifier::SLOW_BLINK | Modifier::RAPID_BLINK, "25"),
    ] {
        if removed.intersects(m) {
            push(off);
        }
    }
    for (m, on) in [
        (Modifier::REVERSED, "7"),
        (Modifier::BOLD, "1"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::DIM, "2"),
        (Modifier::CROSSED_OUT, "9"),
        (Modifier::HIDDEN, "8"),
        (Modifier::SLOW_BLINK, "5"),
        (Modifier::RAPID_BLINK, "6"),
    ] {
        let again = intensity && m.intersects(Modifier::BOLD | Modifier::DIM);
        if added.contains(m) && !again {
            push(on);
        }
    }
    colours(from, to, &mut change);

    let blink = Modifier::SLOW_BLINK | Modifier::RAPID_BLINK;
    let reset_same = !to.modifier.contains(Modifier::BOLD | Modifier::DIM)
        && !(from.modifier | to.modifier).intersects(blink);
    let mut params = change;
    if reset_same {
        let mut reset = vec!["0".to_string()];
        on_codes(to.modifier, &mut reset);
        colours(Pen::DEFAULT, to, &mut reset);
        if joined(&reset).len() < joined(&params).len() {
            params = reset;
        }
    }
    let params = joined(&params);
    if params.is_empty() {
        return;
    }
    out.extend_from_slice(b"\x1b[");
    out.extend_from_slice(params.as_bytes());
    out.push(b'm');
}

/// SGR parameters joined by `;`, the empty ones (colours under NO_COLOR) left out.
fn joined(params: &[String]) -> String {
    let kept: Vec<&str> = params
        .iter()
        .map(String::as_str)
        .filter(|p| !p.is_empty())
        .collect();
    kept.join(";")
}

fn on_codes(m: Modifier, params: &mut Vec<String>) {
    for (bit, on) in [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::SLOW_BLINK, "5"),
        (Modifier::RAPID_BLINK, "6"),
        (Modifier::REVERSED, "7"),
        (Modifier::HIDDEN, "8"),
        (Modifier::CROSSED_OUT, "9"),
    ] {
        if m.contains(bit) {
            params.push(on.to_string());
        }
    }
}

fn colours(from: Pen, to: Pen, params: &mut Vec<String>) {
    if to.fg != from.fg {
        params.push(colour(Colored::ForegroundColor(to.fg.into_crossterm())));
    }
    if to.bg != from.bg {
        params.push(colour(Colored::BackgroundColor(to.bg.into_crossterm())));
    }
    if to.underline != from.underline {
        params.push(colour(Colored::UnderlineColor(
            to.underline.into_crossterm(),
        )));
    }
}

/// A writer that keeps every byte written to it, shared by its clones, so that what a
/// backend sends to the terminal can be read while the backend owns the writer (the tests
/// of this module and `tests/backend_props.rs`).
#[derive(Debug, Clone, Default)]
pub struct Capture(Rc<RefCell<Vec<u8>>>);

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
    /// Everything written so far.
    pub fn bytes(&self) -> Vec<u8> {
        self.0.borrow().clone()
    }

    /// Everything written since the last `take`, leaving it empty.
    pub fn take(&self) -> Vec<u8> {
        std::mem::take(&mut self.0.borrow_mut())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lean() -> (LeanBackend<Capture>, Capture) {
        let c = Capture::default();
        let b = LeanBackend::with_mode(c.clone(), Mode::Lean, Some(Size::new(80, 24)));
        (b, c)
    }

    fn written(c: &Capture) -> String {
        String::from_utf8(c.bytes()).unwrap()
    }

    #[test]
    fn chinese_text_needs_one_move() {
        let (mut b, c) = lean();
        let cells: Vec<Cell> = "自然人："
            .chars()
            .map(|c| Cell::new("").set_char(c).clone())
            .collect();
        let content = cells
            .iter()
            .enumerate()
            .map(|(i, c)| (7 + 2 * i as u16, 22, c));
        b.draw(content).unwrap();
        assert_eq!(written(&c), "\x1b[23;8H自然人：");
    }

    #[test]
    fn runs_on_a_row_move_relatively_and_emoji_keep_ratatuis_moves() {
        let (mut b, c) = lean();
        let a = Cell::new("a");
        let emoji = Cell::new("😀");
        let star = Cell::new("☺\u{fe0f}");
        let content = [
            (0, 0, &a),
            (5, 0, &a),
            (6, 0, &emoji),
            (8, 0, &a),
            (9, 0, &star),
            (10, 0, &a),
        ];
        b.draw(content.into_iter()).unwrap();
        // After the emoji an absolute move (as ratatui); after the VS16 sequence ratatui's
        // "next column, no move" — the terminal decides where that is, as it does today.
        assert_eq!(written(&c), "\x1b[Ha\x1b[4Ca😀\x1b[1;9Ha☺\u{fe0f}a");
    }

    #[test]
    fn the_right_edge_leaves_the_cursor_unknown() {
        let (mut b, c) = lean();
        let a = Cell::new("a");
        b.draw([(79, 0, &a), (0, 1, &a)].into_iter()).unwrap();
        assert_eq!(written(&c), "\x1b[1;80Ha\x1b[2Ha");
    }

    #[test]
    fn styles_change_once_and_reset_once() {
        let (mut b, c) = lean();
        let mut red = Cell::new("x");
        red.set_fg(Color::Red).modifier = Modifier::BOLD;
        let plain = Cell::new("y");
        b.draw([(0, 0, &red), (1, 0, &red), (2, 0, &plain)].into_iter())
            .unwrap();
        assert_eq!(written(&c), "\x1b[H\x1b[1;38;5;1mxx\x1b[0my");
    }

    #[test]
    fn cursor_visibility_and_position_only_when_they_change() {
        let (mut b, c) = lean();
        b.hide_cursor().unwrap();
        b.hide_cursor().unwrap();
        b.set_cursor_position((3, 2)).unwrap();
        b.set_cursor_position((3, 2)).unwrap();
        b.set_cursor_position((5, 2)).unwrap();
        b.show_cursor().unwrap();
        assert_eq!(written(&c), "\x1b[?25l\x1b[3;4H\x1b[2C\x1b[?25h");
    }

    #[test]
    fn ratatui_mode_is_ratatuis_bytes() {
        let (a, b) = (Capture::default(), Capture::default());
        let mut ours = LeanBackend::with_mode(a.clone(), Mode::Ratatui, Some(Size::new(80, 24)));
        let mut theirs = CrosstermBackend::new(b.clone());
        let cells: Vec<Cell> = "然人"
            .chars()
            .map(|c| Cell::new("").set_char(c).clone())
            .collect();
        let content = || cells.iter().enumerate().map(|(i, c)| (2 * i as u16, 0, c));
        ours.draw(content()).unwrap();
        theirs.draw(content()).unwrap();
        ours.hide_cursor().unwrap();
        theirs.hide_cursor().unwrap();
        assert_eq!(a.bytes(), b.bytes());
    }

    /// Draws `next` after `prev` (as ratatui's terminal does: the diff), returns the bytes.
    fn frame(b: &mut LeanBackend<Capture>, c: &Capture, prev: &Buffer, next: &Buffer) -> String {
        let before = c.bytes().len();
        b.draw(prev.diff_iter(next)).unwrap();
        String::from_utf8(c.bytes()[before..].to_vec()).unwrap()
    }

    fn screen(lines: &[(u16, &str, ratatui::style::Style)]) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, 80, 24));
        for (y, text, style) in lines {
            buf.set_string(0, *y, text, *style);
        }
        buf
    }

    #[test]
    fn the_style_carries_over_to_the_next_frame() {
        let (mut b, c) = lean();
        let red = ratatui::style::Style::new().fg(Color::Red);
        let one = screen(&[(0, "1", red)]);
        let two = screen(&[(0, "12", red)]);
        assert_eq!(
            frame(&mut b, &c, &Buffer::empty(one.area), &one),
            "\x1b[H\x1b[38;5;1m1"
        );
        assert_eq!(frame(&mut b, &c, &one, &two), "2");
        // A clear takes the current background: the style is reset before it.
        b.clear().unwrap();
        assert!(
            written(&c).ends_with("2\x1b[0m\x1b[2J"),
            "{:?}",
            written(&c)
        );
    }

    #[test]
    fn a_line_emptied_is_erased_and_blanks_inside_it_too() {
        let (mut b, c) = lean();
        let plain = ratatui::style::Style::new();
        let full = screen(&[(22, "✗ B3 错误：一+二 = 1          （七）总计+四 = 0", plain)]);
        let _ = frame(&mut b, &c, &Buffer::empty(full.area), &full);
        let empty = screen(&[]);
        assert_eq!(frame(&mut b, &c, &full, &empty), "\r\x1b[K");
        let gap = screen(&[(22, "一二三四                五", plain)]);
        let _ = frame(&mut b, &c, &empty, &gap);
        let closed = screen(&[(22, "一", plain)]);
        assert_eq!(frame(&mut b, &c, &gap, &closed), "\x1b[3G\x1b[K");
        let middle = screen(&[(22, "一二三四五六七八九十", plain)]);
        let _ = frame(&mut b, &c, &closed, &middle);
        let hole = screen(&[(22, "一              九十", plain)]);
        assert_eq!(frame(&mut b, &c, &middle, &hole), "\x1b[3G\x1b[14X");
    }

    #[test]
    fn a_short_gap_is_written_again_rather_than_moved_over() {
        let (mut b, c) = lean();
        let plain = ratatui::style::Style::new();
        let one = screen(&[(3, "a b c", plain)]);
        let _ = frame(&mut b, &c, &Buffer::empty(one.area), &one);
        let two = screen(&[(3, "x b y", plain)]);
        // After x, " b " again (3 bytes) instead of ESC[3C (4).
        assert_eq!(frame(&mut b, &c, &one, &two), "\rx b y");
    }

    #[test]
    fn agreed_wide_is_cjk_and_not_emoji() {
        for c in [
            '中', '，', '。', '：', '（', '、', 'か', 'カ', '한', '\u{3000}', '𠀀',
        ] {
            assert!(agreed_wide(c), "{c}");
        }
        for c in [
            'a', '😀', '〽', '㊙', '─', '·', '“', '✗', '\u{3248}', '\u{302A}',
        ] {
            assert!(!agreed_wide(c), "{c}");
        }
    }
}
