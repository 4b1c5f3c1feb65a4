//! Never lose work: atomic saves, drafts, the one-editor lock (issue 5).
//!
//! SKELETON: `save_atomic` is real; the draft writer keeps the API the wizard calls and is
//! to be completed (debounce, 0600, XDG fallback, recovery, lock, signals).

use crate::model::Report;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, flushed to
/// disk, then renamed over `path`. A reader sees the old file or the new one, never half.
pub fn save_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)?;
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Saves a report as YAML, atomically.
pub fn save_report(path: &Path, report: &Report) -> io::Result<()> {
    save_atomic(path, crate::yaml::to_yaml(report).as_bytes())
}

/// The draft file beside a report: `.{file name}.draft`.
pub fn draft_path(report_path: &Path) -> PathBuf {
    let name = report_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    report_path.with_file_name(format!(".{name}.draft"))
}

/// How long after the last change the draft is written.
pub const DRAFT_DELAY: Duration = Duration::from_millis(500);

/// Writes the wizard's drafts, debounced. The wizard calls [`DraftWriter::changed`] after
/// every change, asks [`DraftWriter::deadline`] how long its event poll may wait, calls
/// [`DraftWriter::tick`] when it wakes, and [`DraftWriter::flush`] on signals and exit.
#[derive(Debug)]
pub struct DraftWriter {
    path: PathBuf,
    pending: Option<(Instant, Report)>,
}

impl DraftWriter {
    /// A writer of the draft of `report_path`.
    pub fn new(report_path: &Path) -> DraftWriter {
        DraftWriter {
            path: draft_path(report_path),
            pending: None,
        }
    }

    /// Where the draft is written.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The report changed: write it within [`DRAFT_DELAY`].
    pub fn changed(&mut self, report: &Report) {
        let due = self
            .pending
            .as_ref()
            .map_or_else(|| Instant::now() + DRAFT_DELAY, |(due, _)| *due);
        self.pending = Some((due, report.clone()));
    }

    /// How long the event loop may sleep before [`DraftWriter::tick`] must run; `None` when
    /// nothing is pending.
    pub fn deadline(&self) -> Option<Duration> {
        self.pending
            .as_ref()
            .map(|(due, _)| due.saturating_duration_since(Instant::now()))
    }

    /// Writes the draft if it is due.
    pub fn tick(&mut self) -> io::Result<()> {
        if self
            .pending
            .as_ref()
            .is_some_and(|(due, _)| Instant::now() >= *due)
        {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes the pending draft now.
    pub fn flush(&mut self) -> io::Result<()> {
        if let Some((_, report)) = self.pending.take() {
            save_report(&self.path, &report)?;
        }
        Ok(())
    }

    /// The report was saved: nothing pending, and the draft is removed.
    pub fn saved(&mut self) -> io::Result<()> {
        self.pending = None;
        match std::fs::remove_file(&self.path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}
