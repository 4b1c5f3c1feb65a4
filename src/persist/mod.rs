//! Never lose work (issue 5): atomic saves, debounced drafts, recovery of a draft, the
//! one-editor lock, safe saves when the file changed on disk, and what happens on a signal,
//! a dropped SSH link or a panic.
//!
//! - [`save_atomic`] / [`save_report`]: temporary file in the same folder, flushed to disk,
//!   renamed over the target — a reader sees the old file or the new one, never half.
//! - [`DraftWriter`]: the wizard's drafts, `.{file name}.draft` beside the report (mode
//!   0600), or in `$XDG_STATE_HOME/nianbao/` when that folder is not writable.
//! - [`find_draft`]: a draft newer than the report, with the fields that differ.
//! - [`EditLock`]: one editor per report; a dead holder's lock is taken over.
//! - [`FileIdentity`]: the report as it was when opened, to ask before overwriting a file
//!   someone else saved meanwhile.
//! - [`guard`]: SIGHUP / SIGTERM / SIGINT, a hung-up terminal and panics write the draft,
//!   give the terminal back and exit.

mod diff;
mod draft;
mod fsafe;
pub mod guard;
mod identity;
mod lock;
mod recovery;
mod time;

pub use diff::{differences, Difference};
pub use draft::{
    draft_path, fallback_path, state_dir, DraftHandle, DraftWriter, DRAFT_DELAY, POSITION_PREFIX,
};
pub use fsafe::describe_io;
pub use identity::{DiskChange, FileIdentity};
pub use lock::{EditLock, Holder, LockError};
pub use recovery::{existing_drafts, find_draft, find_draft_in, Recovery, RecoveryError};
pub use time::{describe_time, local_time};

use crate::model::Report;
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// What `nianbao new` / `nianbao edit` learnt about FILE before the wizard opened.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Opening {
    /// FILE as it was when it was read (`None`: it did not exist), to notice before saving
    /// that someone else changed it ([`FileIdentity::check`]).
    pub identity: Option<FileIdentity>,
    /// The report comes from a recovered draft (so it is unsaved, and the draft stays until
    /// the next save).
    pub recovered: bool,
}

impl Opening {
    /// FILE as it is now, not recovered.
    pub fn now(path: &Path) -> Opening {
        Opening {
            identity: FileIdentity::of(path).ok().flatten(),
            recovered: false,
        }
    }
}

/// Test hook (debug builds only, so the tests of `cargo test` can use it and no release
/// binary obeys it): milliseconds to wait before a draft is written instead of [`DRAFT_DELAY`], so a
/// test can prove that a signal or a dropped link (not the timer) wrote the draft.
pub const DRAFT_DELAY_ENV: &str = "NIANBAO_TEST_DRAFT_DELAY_MS";

/// Test hook (debug builds only): when this environment variable names the file being saved (its file name, e.g.
/// `report.yaml`), the process kills itself with SIGKILL after the temporary file is written
/// and flushed and before it is renamed — the worst moment for a crash. Used by the tests
/// that prove a crash never leaves a half-written report.
pub const CRASH_BEFORE_RENAME_ENV: &str = "NIANBAO_TEST_CRASH_BEFORE_RENAME";

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, flushed to
/// disk, then renamed over `path`. A reader sees the old file or the new one, never half.
/// An existing file keeps its permissions; a symbolic link is followed (its target is
/// replaced, the link stays).
pub fn save_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic(path, bytes, None)
}

/// Saves a report as YAML, atomically.
pub fn save_report(path: &Path, report: &Report) -> io::Result<()> {
    save_atomic(path, crate::yaml::to_yaml(report).as_bytes())
}

/// Saves a copy of `report` somewhere other than `path`'s folder, for a clerk whose disk
/// is full: the state folder, then the temporary folder (`$TMPDIR`, `/tmp`), then
/// `/dev/shm`. Returns where it went; the name carries the time so nothing is replaced.
pub fn save_elsewhere(path: &Path, report: &Report) -> io::Result<PathBuf> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let name = format!("{}.{secs}.yaml", file_name(path).trim_end_matches(".yaml"));
    let mut places: Vec<PathBuf> = Vec::new();
    places.extend(state_dir());
    places.extend(std::env::var_os("TMPDIR").map(PathBuf::from));
    places.push(PathBuf::from("/tmp"));
    places.push(PathBuf::from("/dev/shm"));
    let yaml = crate::yaml::to_yaml(report);
    let mut last = io::Error::from(io::ErrorKind::NotFound);
    for dir in places {
        if parent_dir(path) == dir || !dir.is_dir() {
            continue;
        }
        let target = dir.join(&name);
        match write_atomic(&target, yaml.as_bytes(), Some(0o600)) {
            Ok(()) => return Ok(target),
            Err(e) => last = e,
        }
    }
    Err(last)
}

/// The folder a path lives in (`.` for a bare file name).
pub(crate) fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The file name of a path as text (`report` when it has none).
pub(crate) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into())
}

/// Where a save of `path` really goes: `path`, or the end of the chain of symbolic links it
/// names (also when the last link dangles: a `new` report is then created where the link
/// points). Refuses a target that exists and is not a regular file (a device, a FIFO, a
/// folder): renaming over it would replace the node with a file.
fn save_target(path: &Path) -> io::Result<PathBuf> {
    let mut target = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&target) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = std::fs::read_link(&target)?;
                target = if to.is_absolute() {
                    to
                } else {
                    parent_dir(&target).join(to)
                };
            }
            Ok(m) if !m.file_type().is_file() => {
                return Err(fsafe::refusal(format!(
                    "{} 是{}，不是普通文件：不会用报告替换它（要写到标准输出请用 -）",
                    crate::text::clean_line(&path.display().to_string()),
                    fsafe::kind_of(&m)
                )))
            }
            Ok(_) => return Ok(target),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(target),
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::from_raw_os_error(libc::ELOOP))
}

/// True when `path` is a file the user may read but not write (a report set to 0444): the
/// wizard asks before replacing it. Saving would work (the folder is writable), but the
/// file's owner said it should not change.
pub fn is_read_only(path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    if !meta.is_file() {
        return false;
    }
    let mode = meta.mode();
    let bit = if meta.uid() == fsafe::euid() {
        0o200
    } else {
        // SAFETY: getegid cannot fail.
        let gid = unsafe { libc::getegid() };
        if meta.gid() == gid {
            0o020
        } else {
            0o002
        }
    };
    mode & bit == 0
}

/// Atomic write; `mode` forces the permissions of the new file and makes it a private file
/// (drafts: 0600): then `path` must be absent or a regular file of this user, never a link.
/// Otherwise (reports) a link is followed to its target and an existing file's permissions
/// are kept. The temporary file is created with `O_EXCL | O_NOFOLLOW`.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8], mode: Option<u32>) -> io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let target = match mode {
        Some(_) => {
            fsafe::check_own_regular(path, "草稿")?;
            path.to_path_buf()
        }
        None => save_target(path)?,
    };
    let dir = parent_dir(&target);
    let name = file_name(&target);
    let keep_mode = match mode {
        Some(m) => Some(m),
        None => std::fs::metadata(&target)
            .ok()
            .map(|m| m.permissions().mode() & 0o7777),
    };
    let tmp = dir.join(format!(
        ".{name}.tmp-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut options = OpenOptions::new();
        options
            .write(true)
            .create_new(true)
            .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC);
        options.mode(mode.unwrap_or(0o666));
        let mut f = options.open(&tmp)?;
        if let Some(m) = keep_mode {
            f.set_permissions(std::fs::Permissions::from_mode(m))?;
        }
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        crash_hook(&name);
        std::fs::rename(&tmp, &target)?;
        if let Ok(d) = File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(debug_assertions)]
fn crash_hook(name: &str) {
    if let Some(v) = std::env::var_os(CRASH_BEFORE_RENAME_ENV) {
        if v.to_string_lossy() == name {
            // SAFETY: raising a signal on our own process has no memory-safety requirement.
            unsafe {
                libc::raise(libc::SIGKILL);
            }
        }
    }
}

/// Release builds obey no test hook: no environment can make a save crash.
#[cfg(not(debug_assertions))]
fn crash_hook(_name: &str) {}

/// Removes temporary files that a save of `report_path` (or of its draft) left behind when
/// its process was killed between writing and renaming: `.{name}.tmp-{pid}-{n}` and
/// `..{name}.draft.tmp-{pid}-{n}` whose process is gone. Call it while holding the
/// [`EditLock`], so no other editor is saving.
pub fn remove_stale_temporaries(report_path: &Path) {
    let dir = parent_dir(report_path);
    let name = file_name(report_path);
    let prefixes = [format!(".{name}.tmp-"), format!("..{name}.draft.tmp-")];
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name();
        let file = file.to_string_lossy();
        let Some(rest) = prefixes.iter().find_map(|p| file.strip_prefix(p.as_str())) else {
            continue;
        };
        let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<i32>().ok()) else {
            continue;
        };
        // SAFETY: signal 0 only asks whether the process exists.
        let gone = unsafe { libc::kill(pid, 0) } != 0
            && io::Error::last_os_error().raw_os_error() == Some(libc::ESRCH);
        if gone {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// A stable 64-bit hash (FNV-1a): the same bytes give the same number on every machine and
/// every build, so it can name files and compare contents across runs.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn save_atomic_replaces_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r.yaml");
        save_atomic(&p, b"one").unwrap();
        save_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("r.yaml")]);
    }

    #[test]
    fn save_atomic_keeps_permissions_and_follows_links() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r.yaml");
        std::fs::write(&p, b"old").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.yaml");
        std::os::unix::fs::symlink(&p, &link).unwrap();
        save_atomic(&link, b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }

    #[test]
    fn save_atomic_into_a_missing_folder_fails_cleanly() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("no/such/r.yaml");
        assert!(save_atomic(&p, b"x").is_err());
    }

    #[test]
    fn stale_temporaries_of_dead_processes_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("r.yaml");
        let dead = dir.path().join(".r.yaml.tmp-999999999-0");
        let dead_draft = dir.path().join("..r.yaml.draft.tmp-999999999-3");
        let mine = dir
            .path()
            .join(format!(".r.yaml.tmp-{}-0", std::process::id()));
        let other = dir.path().join(".other.yaml.tmp-999999999-0");
        for p in [&dead, &dead_draft, &mine, &other] {
            std::fs::write(p, b"x").unwrap();
        }
        remove_stale_temporaries(&file);
        assert!(!dead.exists() && !dead_draft.exists());
        assert!(mine.exists(), "a live process's file stays");
        assert!(other.exists(), "another report's file stays");
    }

    #[test]
    fn fnv_is_stable() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
