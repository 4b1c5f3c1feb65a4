//! Finding a draft to recover when `nianbao new FILE` / `nianbao edit FILE` starts.

use super::diff::{differences, Difference};
use super::draft::{draft_path, fallback_path, state_dir};
use crate::model::Report;
use crate::yaml::LoadError;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// A draft worth offering to the clerk.
#[derive(Debug, Clone)]
pub struct Recovery {
    /// The draft file.
    pub path: PathBuf,
    /// When it was last written.
    pub written: SystemTime,
    /// The report in the draft.
    pub report: Report,
    /// The fields where the draft differs from FILE (or from a new report when FILE does
    /// not exist).
    pub differences: Vec<Difference>,
    /// FILE exists.
    pub file_exists: bool,
    /// Where the clerk was when the draft was written (the draft's first line), if known.
    pub position: Option<String>,
}

impl Recovery {
    /// Removes the draft (the clerk chose to discard it).
    pub fn discard(&self) -> io::Result<()> {
        match std::fs::remove_file(&self.path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

/// Why a draft could not be offered.
#[derive(Debug, thiserror::Error)]
pub enum RecoveryError {
    /// The draft exists but is not a readable report (never written by us half-way, so
    /// something else changed it). It is left alone.
    #[error("草稿 {path} 无法读取：{error}\n为免丢失内容，它没有被删除；请查看后把它移走或删除，再重新打开")]
    Unreadable {
        /// The draft file.
        path: String,
        /// The reader's message.
        error: Box<LoadError>,
    },
    /// The folder or a file could not be examined.
    #[error("无法检查草稿 {path}：{source}")]
    Io {
        /// The file.
        path: String,
        /// What went wrong.
        source: io::Error,
    },
}

/// The drafts of `report_path` that exist (beside it and in the state folder), whatever
/// their age — for messages when FILE itself cannot be opened.
pub fn existing_drafts(report_path: &Path) -> Vec<PathBuf> {
    let mut out = vec![draft_path(report_path)];
    if let Some(dir) = state_dir() {
        out.push(fallback_path(report_path, &dir, "draft"));
    }
    out.retain(|p| std::fs::symlink_metadata(p).is_ok_and(|m| m.is_file()));
    out
}

/// Looks for a draft of `report_path`: beside it or in the state folder, written after FILE
/// was last changed (any draft when FILE does not exist). `base` is the report the wizard
/// would open without the draft (FILE, or the new blank report). The newest such draft is
/// returned; a draft identical to `base` is removed, there is nothing to recover from it.
pub fn find_draft(report_path: &Path, base: &Report) -> Result<Option<Recovery>, RecoveryError> {
    find_draft_in(report_path, base, state_dir().as_deref())
}

/// [`find_draft`] with an explicit state folder (tests).
pub fn find_draft_in(
    report_path: &Path,
    base: &Report,
    state_dir: Option<&Path>,
) -> Result<Option<Recovery>, RecoveryError> {
    let io_err = |path: &Path| {
        let path = path.display().to_string();
        move |source| RecoveryError::Io { path, source }
    };
    let file_time = match std::fs::metadata(report_path) {
        Ok(m) => Some(m.modified().map_err(io_err(report_path))?),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(io_err(report_path)(e)),
    };
    let mut candidates = vec![draft_path(report_path)];
    if let Some(dir) = state_dir {
        candidates.push(fallback_path(report_path, dir, "draft"));
    }
    let mut best: Option<(SystemTime, PathBuf)> = None;
    for path in candidates {
        // Only a regular file of this user is a draft: a link or another user's file
        // planted in a shared folder is never read (the draft writer refuses it too and
        // says so).
        let written = match std::fs::symlink_metadata(&path) {
            Ok(m)
                if m.is_file()
                    && std::os::unix::fs::MetadataExt::uid(&m) == super::fsafe::euid() =>
            {
                m.modified().map_err(io_err(&path))?
            }
            Ok(_) => continue,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(io_err(&path)(e)),
        };
        if file_time.is_some_and(|f| written <= f) {
            // Older than the file: it was saved since. The next draft replaces it.
            continue;
        }
        if best.as_ref().is_none_or(|(t, _)| written > *t) {
            best = Some((written, path));
        }
    }
    let Some((written, path)) = best else {
        return Ok(None);
    };
    let report = match crate::yaml::load_file(&path) {
        Ok(loaded) => loaded.report,
        Err(error) => {
            return Err(RecoveryError::Unreadable {
                path: path.display().to_string(),
                error: Box::new(error),
            })
        }
    };
    let differences = differences(base, &report);
    if differences.is_empty() {
        let _ = std::fs::remove_file(&path);
        return Ok(None);
    }
    let position = std::fs::read_to_string(&path).ok().and_then(|t| {
        t.lines()
            .next()
            .and_then(|l| l.strip_prefix(super::draft::POSITION_PREFIX))
            .map(str::to_string)
    });
    Ok(Some(Recovery {
        path,
        written,
        report,
        differences,
        file_exists: file_time.is_some(),
        position,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::persist::{save_report, DraftWriter};
    use std::time::Duration;

    fn set_mtime(path: &Path, t: SystemTime) {
        let f = std::fs::File::options().write(true).open(path).unwrap();
        f.set_modified(t).unwrap();
    }

    #[test]
    fn no_draft_nothing_to_recover() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("report.yaml");
        let base = Report::new("", 2025);
        assert!(find_draft_in(&file, &base, None).unwrap().is_none());
    }

    #[test]
    fn a_draft_of_a_new_report_is_offered_with_its_differences() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("report.yaml");
        let base = Report::new("", 2025);
        let mut typed = base.clone();
        typed.agency = "淮安市人民政府".into();
        typed.requests.set(0, 0, 12);
        let mut w = DraftWriter::with_state_dir(&file, None);
        w.changed(&typed);
        w.flush().unwrap();
        let found = find_draft_in(&file, &base, None).unwrap().unwrap();
        assert_eq!(found.report, typed);
        assert_eq!(found.differences.len(), 2);
        assert!(!found.file_exists);
        assert_eq!(found.path, draft_path(&file));
        found.discard().unwrap();
        assert!(find_draft_in(&file, &base, None).unwrap().is_none());
    }

    #[test]
    fn only_a_draft_newer_than_the_file_counts() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("report.yaml");
        let saved = Report::new("甲", 2024);
        save_report(&file, &saved).unwrap();
        let mut draft = saved.clone();
        draft.agency = "乙".into();
        save_report(&draft_path(&file), &draft).unwrap();
        let now = SystemTime::now();
        set_mtime(&file, now);
        set_mtime(&draft_path(&file), now - Duration::from_secs(60));
        assert!(find_draft_in(&file, &saved, None).unwrap().is_none());
        assert!(draft_path(&file).exists(), "an old draft is left alone");
        set_mtime(&draft_path(&file), now + Duration::from_secs(60));
        let found = find_draft_in(&file, &saved, None).unwrap().unwrap();
        assert!(found.file_exists);
        assert_eq!(found.differences.len(), 1);
        assert_eq!(found.differences[0].field, "机关名称");
    }

    #[test]
    fn a_draft_equal_to_the_file_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("report.yaml");
        let base = Report::new("甲", 2024);
        save_report(&draft_path(&file), &base).unwrap();
        assert!(find_draft_in(&file, &base, None).unwrap().is_none());
        assert!(!draft_path(&file).exists());
    }

    #[test]
    fn the_newest_of_both_places_wins() {
        let dir = tempfile::tempdir().unwrap();
        let state = tempfile::tempdir().unwrap();
        let file = dir.path().join("report.yaml");
        let base = Report::new("", 2025);
        let fallback = fallback_path(&file, state.path(), "draft");
        let (mut a, mut b) = (base.clone(), base.clone());
        a.agency = "旁边".into();
        b.agency = "状态目录".into();
        save_report(&draft_path(&file), &a).unwrap();
        save_report(&fallback, &b).unwrap();
        let now = SystemTime::now();
        set_mtime(&draft_path(&file), now - Duration::from_secs(10));
        set_mtime(&fallback, now);
        let found = find_draft_in(&file, &base, Some(state.path()))
            .unwrap()
            .unwrap();
        assert_eq!(found.path, fallback);
        assert_eq!(found.report.agency, "状态目录");
    }

    #[test]
    fn a_broken_draft_is_reported_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("report.yaml");
        std::fs::write(draft_path(&file), "agency: [unclosed").unwrap();
        let err = find_draft_in(&file, &Report::new("", 2025), None).unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("无法读取") && msg.contains("没有被删除"),
            "{msg}"
        );
        assert!(draft_path(&file).exists());
    }
}
