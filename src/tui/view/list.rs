//! `f`: the list of all files given to the viewer (issue 13, item 19): each file's name with
//! its error and warning counts, filtered by typing part of a name, to jump to any of
//! hundreds of files.

use super::files::Files;

/// The file list's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileList {
    /// Typed part of a name (only files whose name contains it are listed).
    pub filter: String,
    /// The selected line of the filtered list.
    pub cursor: usize,
    /// The first line shown.
    pub top: usize,
}

impl FileList {
    /// The files listed, as indices into `files`.
    pub fn shown(&self, files: &Files) -> Vec<usize> {
        let f = self.filter.to_lowercase();
        (0..files.len())
            .filter(|&i| f.is_empty() || files.name(i).to_lowercase().contains(&f))
            .collect()
    }

    /// Moves the selection by `by` lines within `n` listed files, keeping it in a window of
    /// `rows` lines.
    pub fn move_by(&mut self, by: isize, n: usize, rows: usize) {
        if n == 0 {
            self.cursor = 0;
            self.top = 0;
            return;
        }
        self.cursor = (self.cursor as isize + by).clamp(0, n as isize - 1) as usize;
        self.keep_in_view(n, rows);
    }

    /// Keeps the selection inside the window of `rows` lines.
    pub fn keep_in_view(&mut self, n: usize, rows: usize) {
        self.cursor = self.cursor.min(n.saturating_sub(1));
        let rows = rows.max(1);
        if self.cursor < self.top {
            self.top = self.cursor;
        } else if self.cursor >= self.top + rows {
            self.top = self.cursor + 1 - rows;
        }
        self.top = self.top.min(n.saturating_sub(rows));
    }
}
