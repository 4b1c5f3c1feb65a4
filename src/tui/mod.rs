//! The terminal shell: the wizard and the viewer, and what they share.
//!
//! Each screen is state + `update(event)` + `view(state)`: the view is a pure function of the
//! state, so every screen renders into ratatui's `TestBackend` and every key sequence can be
//! tested without a terminal. Only [`terminal`] touches the real terminal.

pub mod backend;
pub mod input;
pub mod keys;
pub mod overview;
pub mod recover;
pub mod syserr;
pub mod tables;
pub mod terminal;
pub mod theme;
pub mod view;
pub mod wizard;

use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

/// The text of a buffer, one line per row, trailing blanks trimmed, a wide character once
/// (the cell it covers is skipped): what snapshot and key tests compare.
pub fn buffer_text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut skip = 0usize;
        for x in area.left()..area.right() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf.cell((x, y)).map(|c| c.symbol()).unwrap_or(" ");
            skip = sym.width().saturating_sub(1);
            line.push_str(sym);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
