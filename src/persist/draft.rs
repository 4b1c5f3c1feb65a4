//! The wizard's drafts: where they live and the debounced writer.

use super::{file_name, fnv1a, fsafe, parent_dir, write_atomic};
use crate::model::Report;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// The draft file beside a report: `.{file name}.draft` (`report.yaml` → `.report.yaml.draft`).
pub fn draft_path(report_path: &Path) -> PathBuf {
    report_path.with_file_name(format!(".{}.draft", file_name(report_path)))
}

/// The folder for drafts and locks that cannot live beside their report:
/// `$XDG_STATE_HOME/nianbao`, by default `~/.local/state/nianbao`. `None` when neither
/// `XDG_STATE_HOME` (absolute) nor `HOME` is set.
pub fn state_dir() -> Option<PathBuf> {
    let xdg = std::env::var_os("XDG_STATE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute());
    let base = match xdg {
        Some(p) => p,
        None => PathBuf::from(std::env::var_os("HOME").filter(|h| !h.is_empty())?)
            .join(".local")
            .join("state"),
    };
    Some(base.join("nianbao"))
}

/// Where the file `suffix` (`draft`, `lock`) of a report goes in `state_dir`:
/// `{file name}.{hash of the report's absolute path}.{suffix}`, so two `report.yaml` in
/// different folders never share a draft.
pub fn fallback_path(report_path: &Path, state_dir: &Path, suffix: &str) -> PathBuf {
    let absolute = absolute(report_path);
    let hash = fnv1a(absolute.as_os_str().as_encoded_bytes());
    // 32 bits are plenty to tell apart the folders of reports with the same file name, and
    // keep the name short enough to be shown on an 80-column status line.
    let short = (hash ^ (hash >> 32)) as u32;
    state_dir.join(format!("{}.{short:08x}.{suffix}", file_name(report_path)))
}

/// The report's path made absolute (its folder resolved when it exists), so the same report
/// reached by different relative paths has the same fallback files.
pub(crate) fn absolute(report_path: &Path) -> PathBuf {
    let dir = parent_dir(report_path);
    let dir = std::fs::canonicalize(&dir)
        .unwrap_or_else(|_| std::env::current_dir().map(|c| c.join(&dir)).unwrap_or(dir));
    dir.join(file_name(report_path))
}

/// True when a new file can be created in `dir` (checked with `access(2)`, which honours
/// read-only mounts and permissions).
pub(crate) fn dir_writable(dir: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: `c` is a valid NUL-terminated path that outlives the call.
    unsafe { libc::access(c.as_ptr(), libc::W_OK | libc::X_OK) == 0 }
}

/// Creates `dir` (and its parents) for drafts: only the owner may enter it.
fn ensure_private_dir(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

/// How long after a change the draft is written at the latest. Every change reaches the draft
/// within this time, however fast the clerk types.
pub const DRAFT_DELAY: Duration = Duration::from_millis(500);

#[derive(Debug)]
struct Shared {
    beside: PathBuf,
    fallback: Option<PathBuf>,
    /// The draft goes to `fallback` (the report's folder is not writable).
    use_fallback: bool,
    /// The latest report not yet written.
    pending: Option<Report>,
    /// A draft of this session exists on disk (not yet removed by a save).
    on_disk: bool,
    /// Why the last write failed, for the status line.
    last_error: Option<String>,
    /// Where the clerk is (opaque to us), written as the draft's first line: a comment, so
    /// the draft stays a report YAML (see [`POSITION_PREFIX`]).
    position: String,
    /// Why the draft's place beside the report was refused, when it was.
    refused: Option<String>,
    /// The cause of the last failure, in a few words (`磁盘已满…`).
    last_cause: Option<String>,
}

/// The first line of a draft that says where the clerk was (a YAML comment).
pub const POSITION_PREFIX: &str = "# nianbao 草稿位置：";

impl Shared {
    fn target(&self) -> &Path {
        match (&self.fallback, self.use_fallback) {
            (Some(f), true) => f,
            _ => &self.beside,
        }
    }

    /// Writes the pending report, falling back to the state folder when the report's folder
    /// refuses the draft. Returns where it was written.
    fn write_pending(&mut self) -> io::Result<Option<PathBuf>> {
        let Some(report) = self.pending.take() else {
            return Ok(None);
        };
        let mut yaml = crate::yaml::to_yaml(&report);
        if !self.position.is_empty() && !self.position.contains('\n') {
            yaml = format!("{POSITION_PREFIX}{}\n{yaml}", self.position);
        }
        let mut result = self.write(&yaml);
        // A folder that refuses the draft (permissions, a read-only mount, something not a
        // plain file of ours at the draft's path): the state folder. A full disk is no
        // reason: the clerk must hear that the disk is full.
        if let Err(e) = &result {
            if fsafe::is_not_writable(e) && !self.use_fallback && self.fallback.is_some() {
                self.refused = Some(e.to_string());
                self.use_fallback = true;
                result = self.write(&yaml);
            }
        }
        match result {
            Ok(()) => {
                self.on_disk = true;
                self.last_error = None;
                self.last_cause = None;
                Ok(Some(self.target().to_path_buf()))
            }
            Err(e) => {
                self.last_cause = Some(fsafe::describe_io(&e));
                self.last_error = Some(format!(
                    "草稿无法写入 {}：{}",
                    crate::text::clean_line(&home_relative(self.target())),
                    fsafe::describe_io(&e)
                ));
                // Keep it: the next change or flush tries again.
                self.pending = Some(report);
                Err(e)
            }
        }
    }

    fn write(&self, yaml: &str) -> io::Result<()> {
        let target = self.target().to_path_buf();
        if self.use_fallback {
            ensure_private_dir(&parent_dir(&target))?;
        }
        write_atomic(&target, yaml.as_bytes(), Some(0o600))
    }
}

/// The delay of drafts: [`DRAFT_DELAY`], or in debug builds (the tests) the test hook
/// [`super::DRAFT_DELAY_ENV`].
fn draft_delay() -> Duration {
    draft_delay_from(std::env::var(super::DRAFT_DELAY_ENV).ok())
}

/// [`draft_delay`] given the hook's value: obeyed only in debug builds, so no environment
/// can switch a release binary's drafts off.
fn draft_delay_from(hook: Option<String>) -> Duration {
    #[cfg(debug_assertions)]
    if let Some(ms) = hook.and_then(|v| v.parse().ok()) {
        return Duration::from_millis(ms);
    }
    #[cfg(not(debug_assertions))]
    let _ = hook;
    DRAFT_DELAY
}

/// `path` with the home folder written as `~`.
fn home_relative(path: &Path) -> String {
    if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty()) {
        if let Ok(rest) = path.strip_prefix(&home) {
            return format!("~/{}", rest.display());
        }
    }
    path.display().to_string()
}

fn lock(shared: &Mutex<Shared>) -> MutexGuard<'_, Shared> {
    shared
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Writes the wizard's drafts, debounced. The wizard calls [`DraftWriter::changed`] after
/// every change, asks [`DraftWriter::deadline`] how long its event poll may wait, calls
/// [`DraftWriter::tick`] when it wakes, [`DraftWriter::flush`] on exit and
/// [`DraftWriter::saved`] after a successful save. [`DraftWriter::handle`] gives the signal
/// and panic handlers ([`super::guard`]) a way to write the latest report from another thread.
#[derive(Debug)]
pub struct DraftWriter {
    shared: Arc<Mutex<Shared>>,
    due: Option<Instant>,
    delay: Duration,
    path: PathBuf,
}

impl DraftWriter {
    /// A writer of the draft of `report_path`: beside it, or in [`state_dir`] when the
    /// report's folder is not writable.
    pub fn new(report_path: &Path) -> DraftWriter {
        DraftWriter::with_state_dir(report_path, state_dir())
    }

    /// Like [`DraftWriter::new`] with an explicit fallback folder (tests).
    pub fn with_state_dir(report_path: &Path, state_dir: Option<PathBuf>) -> DraftWriter {
        let beside = draft_path(report_path);
        let fallback = state_dir.map(|d| fallback_path(report_path, &d, "draft"));
        let use_fallback = fallback.is_some() && !dir_writable(&parent_dir(report_path));
        let shared = Shared {
            beside,
            fallback,
            use_fallback,
            pending: None,
            on_disk: false,
            last_error: None,
            position: String::new(),
            refused: None,
            last_cause: None,
        };
        let path = shared.target().to_path_buf();
        let delay = draft_delay();
        DraftWriter {
            shared: Arc::new(Mutex::new(shared)),
            due: None,
            delay,
            path,
        }
    }

    /// Where the draft is written.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True when the draft goes to the state folder because the report's folder is not
    /// writable; the screen should then say where ([`DraftWriter::notice`]).
    pub fn is_fallback(&self) -> bool {
        lock(&self.shared).use_fallback
    }

    /// What the screen should say about the draft, if anything: where it goes when that is
    /// not beside the report, or why it could not be written.
    pub fn notice(&self) -> Option<String> {
        let s = lock(&self.shared);
        if let Some(e) = &s.last_error {
            return Some(e.clone());
        }
        let place = crate::text::clean_line(&home_relative(s.target())).into_owned();
        s.use_fallback.then(|| match &s.refused {
            Some(why) if why.contains("不是 nianbao 写的") || why.contains("属于另一用户") =>
            {
                format!("{why}；草稿存于 {place}")
            }
            _ => format!("报告文件夹不可写，草稿存于 {place}"),
        })
    }

    /// Where the clerk is now (an opaque one-line text the wizard reads back when the draft
    /// is recovered); written with the next draft.
    pub fn set_position(&mut self, position: &str) {
        let mut s = lock(&self.shared);
        if s.position != position {
            s.position = position.to_string();
        }
    }

    /// Why the last attempt to write the draft failed (`磁盘已满…`), while it fails: the
    /// wizard keeps saying so and its quit dialog says that quitting loses the changes.
    pub fn failure(&self) -> Option<String> {
        lock(&self.shared).last_cause.clone()
    }

    /// The report changed: it reaches the draft within [`DRAFT_DELAY`].
    pub fn changed(&mut self, report: &Report) {
        lock(&self.shared).pending = Some(report.clone());
        if self.due.is_none() {
            self.due = Some(Instant::now() + self.delay);
        }
    }

    /// How long the event loop may sleep before [`DraftWriter::tick`] must run; `None` when
    /// nothing is pending.
    pub fn deadline(&self) -> Option<Duration> {
        self.due
            .map(|due| due.saturating_duration_since(Instant::now()))
    }

    /// Writes the draft if it is due.
    pub fn tick(&mut self) -> io::Result<()> {
        if self.due.is_some_and(|due| Instant::now() >= due) {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes the pending draft now. On failure the report stays pending and the next
    /// [`DraftWriter::tick`] (one [`DRAFT_DELAY`] later) tries again.
    pub fn flush(&mut self) -> io::Result<()> {
        let mut s = lock(&self.shared);
        let result = s.write_pending();
        self.path = s.target().to_path_buf();
        self.due = match &result {
            Err(_) => Some(Instant::now() + self.delay),
            Ok(_) => None,
        };
        result.map(|_| ())
    }

    /// The report was saved: nothing pending, and the draft is removed.
    pub fn saved(&mut self) -> io::Result<()> {
        self.due = None;
        let mut s = lock(&self.shared);
        s.pending = None;
        s.on_disk = false;
        let mut result = Ok(());
        for p in std::iter::once(&s.beside).chain(s.fallback.as_ref()) {
            let is_file = std::fs::symlink_metadata(p).is_ok_and(|m| !m.is_dir());
            if !is_file {
                continue;
            }
            if let Err(e) = std::fs::remove_file(p) {
                if e.kind() != io::ErrorKind::NotFound {
                    result = Err(e);
                }
            }
        }
        result
    }

    /// A handle for the signal and panic handlers.
    pub fn handle(&self) -> DraftHandle {
        DraftHandle {
            shared: Arc::clone(&self.shared),
        }
    }
}

/// Writes the latest report of a [`DraftWriter`] from another thread (signals) or from a
/// panic hook.
#[derive(Debug, Clone)]
pub struct DraftHandle {
    shared: Arc<Mutex<Shared>>,
}

impl DraftHandle {
    /// Writes what is pending now and returns where this session's draft is, if one exists
    /// (`None`: nothing unsaved). Waits for a write in progress on another thread.
    pub fn flush(&self) -> io::Result<Option<PathBuf>> {
        let mut s = lock(&self.shared);
        flush_locked(&mut s)
    }

    /// Like [`DraftHandle::flush`] but gives up (`Ok(None)`, nothing written) instead of
    /// waiting when the draft is being written by this very thread — for a panic hook,
    /// which may run while the writer holds its lock.
    pub fn try_flush(&self) -> io::Result<Option<PathBuf>> {
        match self.shared.try_lock() {
            Ok(mut s) => flush_locked(&mut s),
            Err(std::sync::TryLockError::Poisoned(p)) => flush_locked(&mut p.into_inner()),
            Err(std::sync::TryLockError::WouldBlock) => Ok(None),
        }
    }
}

fn flush_locked(s: &mut Shared) -> io::Result<Option<PathBuf>> {
    s.write_pending()?;
    Ok(s.on_disk.then(|| s.target().to_path_buf()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn report(agency: &str) -> Report {
        Report::new(agency, 2024)
    }

    #[test]
    fn the_delay_hook_is_for_debug_builds_only() {
        let hooked = draft_delay_from(Some("600000".into()));
        if cfg!(debug_assertions) {
            assert_eq!(hooked, Duration::from_secs(600));
        } else {
            // `cargo test --release`: the release binary ignores the hook.
            assert_eq!(hooked, DRAFT_DELAY);
        }
        assert_eq!(draft_delay_from(None), DRAFT_DELAY);
        assert_eq!(draft_delay_from(Some("x".into())), DRAFT_DELAY);
    }

    #[test]
    fn draft_sits_beside_the_report() {
        assert_eq!(
            draft_path(Path::new("/a/b/report.yaml")),
            PathBuf::from("/a/b/.report.yaml.draft")
        );
        assert_eq!(
            draft_path(Path::new("report.yaml")),
            PathBuf::from(".report.yaml.draft")
        );
    }

    #[test]
    fn fallback_names_do_not_collide() {
        let state = Path::new("/state");
        let a = fallback_path(Path::new("/x/report.yaml"), state, "draft");
        let b = fallback_path(Path::new("/y/report.yaml"), state, "draft");
        assert_ne!(a, b);
        assert!(a.starts_with(state));
        let name = a.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            name.starts_with("report.yaml.") && name.ends_with(".draft"),
            "{name}"
        );
        assert_eq!(
            a,
            fallback_path(Path::new("/x/report.yaml"), state, "draft")
        );
    }

    #[test]
    fn changes_are_debounced_then_written_0600_in_yaml() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("report.yaml");
        let mut w = DraftWriter::with_state_dir(&file, None);
        assert_eq!(w.deadline(), None);
        w.changed(&report("甲"));
        let first = w.deadline().unwrap();
        assert!(first <= DRAFT_DELAY);
        w.changed(&report("乙"));
        // A second change does not push the deadline back: typing never delays the draft.
        assert!(w.deadline().unwrap() <= first);
        w.tick().unwrap();
        assert!(!w.path().exists(), "written before it was due");
        std::thread::sleep(DRAFT_DELAY);
        w.tick().unwrap();
        assert_eq!(w.deadline(), None);
        let path = dir.path().join(".report.yaml.draft");
        assert_eq!(w.path(), path);
        let loaded = crate::yaml::load_file(&path).unwrap();
        assert_eq!(loaded.report, report("乙"));
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert!(w.notice().is_none());
    }

    #[test]
    fn a_save_removes_the_draft() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("report.yaml");
        let mut w = DraftWriter::with_state_dir(&file, None);
        w.changed(&report("甲"));
        w.flush().unwrap();
        assert!(w.path().exists());
        w.changed(&report("乙"));
        w.saved().unwrap();
        assert!(!w.path().exists());
        assert_eq!(w.deadline(), None);
        w.flush().unwrap();
        assert!(!w.path().exists(), "a save drops what was pending");
        assert_eq!(w.handle().flush().unwrap(), None);
    }

    #[test]
    fn falls_back_to_the_state_folder_when_the_draft_cannot_be_written_beside() {
        let dir = tempfile::tempdir().unwrap();
        let state = tempfile::tempdir().unwrap();
        let file = dir.path().join("report.yaml");
        // Something that is not a file stands where the draft would go (root ignores
        // permissions, so a read-only folder cannot simulate this in every test run).
        std::fs::create_dir(draft_path(&file)).unwrap();
        std::fs::write(draft_path(&file).join("x"), b"x").unwrap();
        let mut w = DraftWriter::with_state_dir(&file, Some(state.path().join("nianbao")));
        w.changed(&report("甲"));
        w.flush().unwrap();
        assert!(w.is_fallback());
        assert!(w.path().starts_with(state.path().join("nianbao")));
        let notice = w.notice().unwrap();
        assert!(notice.contains("草稿存于"), "{notice}");
        assert_eq!(
            crate::yaml::load_file(w.path()).unwrap().report,
            report("甲")
        );
        let dmode = std::fs::metadata(state.path().join("nianbao"))
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(dmode, 0o700);
        w.saved().unwrap();
        assert!(!w.path().exists());
    }

    #[test]
    fn an_unwritable_folder_is_seen_before_the_first_write() {
        // SAFETY: geteuid cannot fail.
        if unsafe { libc::geteuid() } == 0 {
            // root writes everywhere; the fallback after a failed write is tested above.
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
        let state = tempfile::tempdir().unwrap();
        let w = DraftWriter::with_state_dir(
            &dir.path().join("report.yaml"),
            Some(state.path().to_path_buf()),
        );
        assert!(w.is_fallback());
        assert!(w.path().starts_with(state.path()));
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    }

    #[test]
    fn a_failed_write_is_kept_and_reported() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("report.yaml");
        std::fs::create_dir(draft_path(&file)).unwrap();
        std::fs::write(draft_path(&file).join("x"), b"x").unwrap();
        let mut w = DraftWriter::with_state_dir(&file, None);
        w.changed(&report("甲"));
        assert!(w.flush().is_err());
        assert!(w.notice().unwrap().contains("草稿无法写入"));
        assert!(w.deadline().is_some(), "retried later");
        std::fs::remove_dir_all(draft_path(&file)).unwrap();
        w.flush().unwrap();
        assert_eq!(
            crate::yaml::load_file(&draft_path(&file)).unwrap().report,
            report("甲")
        );
        assert!(w.notice().is_none());
    }

    #[test]
    fn the_handle_writes_from_another_thread() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("report.yaml");
        let mut w = DraftWriter::with_state_dir(&file, None);
        w.changed(&report("甲"));
        let h = w.handle();
        let written = std::thread::spawn(move || h.flush().unwrap())
            .join()
            .unwrap();
        assert_eq!(written, Some(draft_path(&file)));
        assert_eq!(w.handle().try_flush().unwrap(), Some(draft_path(&file)));
    }
}
