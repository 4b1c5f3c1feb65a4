//! One editor per report: `.{file name}.lock` beside the report (or in the state folder when
//! that folder is not writable), held with `flock` for as long as the wizard runs. The
//! kernel drops the lock when its process dies, however it dies, so a lock left by a dead
//! process is simply taken over; the file says who holds it, for the refusal message.

use super::draft::{dir_writable, state_dir};
use super::{file_name, parent_dir};
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{self, Seek, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Who holds (or held) a lock, as written in the lock file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    /// Process id.
    pub pid: u32,
    /// Host name.
    pub host: String,
    /// User name.
    pub user: String,
    /// When the holder started editing.
    pub started: SystemTime,
}

impl Holder {
    fn me() -> Holder {
        Holder {
            pid: std::process::id(),
            host: hostname(),
            user: username(),
            started: SystemTime::now(),
        }
    }

    fn to_text(&self) -> String {
        let secs = self
            .started
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        format!(
            "pid: {}\nhost: {}\nuser: {}\nstarted: {secs}\n",
            self.pid,
            one_line(&self.host),
            one_line(&self.user)
        )
    }

    fn parse(text: &str) -> Option<Holder> {
        let mut pid = None;
        let (mut host, mut user, mut started) = (String::new(), String::new(), UNIX_EPOCH);
        for line in text.lines() {
            let Some((k, v)) = line.split_once(": ") else {
                continue;
            };
            match k {
                "pid" => pid = v.trim().parse().ok(),
                "host" => host = v.to_string(),
                "user" => user = v.to_string(),
                "started" => {
                    started = UNIX_EPOCH + Duration::from_secs(v.trim().parse().unwrap_or(0))
                }
                _ => {}
            }
        }
        Some(Holder {
            pid: pid?,
            host,
            user,
            started,
        })
    }

    /// `进程 1234（用户 li，主机 server1，2026-11-26 22:10:03 起）`.
    pub fn describe(&self) -> String {
        let mut who = Vec::new();
        if !self.user.is_empty() {
            who.push(format!("用户 {}", crate::text::clean_line(&self.user)));
        }
        if !self.host.is_empty() {
            who.push(format!("主机 {}", crate::text::clean_line(&self.host)));
        }
        if self.started > UNIX_EPOCH {
            who.push(format!("{} 起", super::local_time(self.started)));
        }
        if who.is_empty() {
            format!("进程 {}", self.pid)
        } else {
            format!("进程 {}（{}）", self.pid, who.join("，"))
        }
    }
}

fn one_line(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

fn hostname() -> String {
    let mut buf = [0u8; 256];
    // SAFETY: the buffer is valid for its length; gethostname NUL-terminates on success.
    let ok = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) } == 0;
    if !ok {
        return String::new();
    }
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    String::from_utf8_lossy(&buf[..end]).into_owned()
}

fn username() -> String {
    for var in ["USER", "LOGNAME"] {
        if let Some(v) = std::env::var_os(var).filter(|v| !v.is_empty()) {
            return v.to_string_lossy().into_owned();
        }
    }
    // SAFETY: getuid cannot fail.
    let uid = unsafe { libc::getuid() };
    super::fsafe::login_name(uid).unwrap_or_else(|| format!("uid {uid}"))
}

/// For a holder on this machine: how to end it if its link is gone (SIGTERM writes its draft).
fn kill_hint(holder: Option<&Holder>) -> String {
    match holder {
        Some(h) if !h.host.is_empty() && h.host == hostname() => format!(
            "。若那边的连接已断开而进程仍在，可执行 kill {} 结束它（未保存的内容会写入草稿，再打开时可恢复）",
            h.pid
        ),
        _ => String::new(),
    }
}

/// Why the lock could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another live process edits the report.
    #[error("{file} 正在被另一个 nianbao 编辑：{}。同一时间只能有一人编辑；请先在那边保存并退出（锁文件：{lock}）{}", holder.as_deref().map_or_else(|| "进程未知".to_string(), Holder::describe), kill_hint(holder.as_deref()))]
    Held {
        /// The report.
        file: String,
        /// The lock file.
        lock: String,
        /// Who holds it, when the lock file says so (boxed: errors stay small).
        holder: Option<Box<Holder>>,
    },
    /// The lock path is not a lock file (a symbolic link, a FIFO, a device, a folder).
    #[error("无法建立编辑锁 {lock}：{why}")]
    Refused {
        /// The lock file.
        lock: String,
        /// Why, in Chinese.
        why: String,
    },
    /// Another user's lock that this user can neither take nor prove stale.
    #[error("{file} 的编辑锁 {lock} 属于用户 {owner}{}，你无法读取或接管它：可能有人正在编辑。请与该用户确认；若确已无人编辑，请让该用户（或管理员）删除这个锁文件", holder.as_deref().map_or_else(String::new, |h| format!("（{}）", h.describe())))]
    Foreign {
        /// The report.
        file: String,
        /// The lock file.
        lock: String,
        /// The lock file's owner (`li（uid 1001）`).
        owner: String,
        /// Who holds it, when the file could be read (boxed: errors stay small).
        holder: Option<Box<Holder>>,
    },
    /// The lock file could not be created or read.
    #[error("无法建立编辑锁 {lock}：{}", super::fsafe::describe_io(source))]
    Io {
        /// The lock file.
        lock: String,
        /// What went wrong.
        source: io::Error,
    },
}

/// Lock files held by this process, so that [`remove_held`] can remove them when the process
/// ends without running destructors (signals, a dropped terminal).
static HELD: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

/// Removes the lock files this process holds; for the way out of [`super::guard`], which
/// ends the process without dropping the [`EditLock`]. The kernel releases the locks
/// themselves when the process ends.
pub(crate) fn remove_held() {
    if let Ok(held) = HELD.try_lock() {
        for p in held.iter() {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// The most bytes of a lock file that are read (a real one has about 80).
const MAX_LOCK_BYTES: u64 = 4096;

/// Reads what a lock file says about its holder, at most [`MAX_LOCK_BYTES`].
fn read_holder(file: &mut File) -> String {
    let _ = file.rewind();
    let bytes = super::fsafe::read_bounded(file, MAX_LOCK_BYTES).unwrap_or_default();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// The refusal for a lock path that is not a lock file.
fn not_a_lock(kind: &str) -> String {
    format!("它是{kind}，不是 nianbao 的锁文件（共享文件夹里可能有人放置了它）：为安全起见不会打开它；请查看后删除")
}

/// The mode of a new lock file: readable by all; writable by the group too when the report
/// (or, for a new report, its folder) is group-writable, so that colleagues sharing the
/// folder can take a stale lock over and see a live one.
fn lock_mode(report_path: &Path) -> u32 {
    let meta =
        std::fs::metadata(report_path).or_else(|_| std::fs::metadata(parent_dir(report_path)));
    match meta {
        Ok(m) if m.mode() & 0o020 != 0 => 0o664,
        _ => 0o644,
    }
}

/// What to do about a lock file this user may not open for writing.
enum Foreign {
    /// Its holder is gone and it was removed: try again.
    Stale,
    /// Refuse with this error.
    Refuse(LockError),
}

/// Another user's lock file that this user cannot open for writing: whether its holder is
/// alive (a shared flock on a read-only descriptor tells), and who owns it.
fn foreign(report_path: &Path, path: &Path) -> Result<Foreign, LockError> {
    let owner = std::fs::symlink_metadata(path)
        .map(|m| super::fsafe::user_name(m.uid()))
        .unwrap_or_else(|_| "未知".into());
    let file = crate::text::clean_line(&report_path.display().to_string()).into_owned();
    let lock = path.display().to_string();
    let readable = super::fsafe::open_regular_nofollow(path);
    let Ok(mut f) = readable else {
        return Ok(Foreign::Refuse(LockError::Foreign {
            file,
            lock,
            owner,
            holder: None,
        }));
    };
    let holder = Holder::parse(&read_holder(&mut f)).map(Box::new);
    match f.try_lock_shared() {
        Err(TryLockError::WouldBlock) => {
            Ok(Foreign::Refuse(LockError::Held { file, lock, holder }))
        }
        Ok(()) if std::fs::remove_file(path).is_ok() => Ok(Foreign::Stale),
        _ => Ok(Foreign::Refuse(LockError::Foreign {
            file,
            lock,
            owner,
            holder,
        })),
    }
}

/// The one-editor lock of a report, held until dropped (the lock file is then removed).
#[derive(Debug)]
pub struct EditLock {
    file: File,
    path: PathBuf,
    previous: Option<Holder>,
}

impl EditLock {
    /// Takes the lock of `report_path`, or says who holds it.
    pub fn acquire(report_path: &Path) -> Result<EditLock, LockError> {
        EditLock::acquire_in(report_path, state_dir())
    }

    /// [`EditLock::acquire`] with an explicit state folder for reports whose folder is not
    /// writable (tests).
    pub fn acquire_in(
        report_path: &Path,
        state_dir: Option<PathBuf>,
    ) -> Result<EditLock, LockError> {
        let fallback = state_dir.map(|d| super::fallback_path(report_path, &d, "lock"));
        let beside = report_path.with_file_name(format!(".{}.lock", file_name(report_path)));
        let first = match &fallback {
            Some(f) if !dir_writable(&parent_dir(report_path)) => f.clone(),
            _ => beside.clone(),
        };
        let tried_fallback = Some(&first) == fallback.as_ref();
        if tried_fallback {
            // The folder is not writable for us, but a colleague who can write it may be
            // editing: their lock beside the report counts.
            if let Ok(mut f) = super::fsafe::open_regular_nofollow(&beside) {
                if let Err(TryLockError::WouldBlock) = f.try_lock_shared() {
                    return Err(LockError::Held {
                        file: crate::text::clean_line(&report_path.display().to_string())
                            .into_owned(),
                        lock: beside.display().to_string(),
                        holder: Holder::parse(&read_holder(&mut f)).map(Box::new),
                    });
                }
            }
        }
        match (EditLock::acquire_at(report_path, first), fallback) {
            // The folder looked writable but refused the file: use the state folder.
            (Err(LockError::Io { .. }), Some(f)) if !tried_fallback => {
                EditLock::acquire_at(report_path, f)
            }
            (result, _) => result,
        }
    }

    /// Takes the lock using the lock file `path` (tests).
    ///
    /// The lock file is never followed when it is a symbolic link, never opened blocking
    /// (a FIFO), and read with a small bound; a lock file that is not a regular file is a
    /// refusal. Another user's lock that this user cannot open is not a reason to fall back
    /// to a private lock: if its holder is alive, it is a refusal naming the holder (and the
    /// file's owner); if it is stale, it is removed and taken.
    pub fn acquire_at(report_path: &Path, path: PathBuf) -> Result<EditLock, LockError> {
        let io_err = |source| LockError::Io {
            lock: path.display().to_string(),
            source,
        };
        let shown_file =
            || crate::text::clean_line(&report_path.display().to_string()).into_owned();
        let refused = |why: String| LockError::Refused {
            lock: crate::text::clean_line(&path.display().to_string()).into_owned(),
            why,
        };
        let mode = lock_mode(report_path);
        let mut attempts = 0;
        loop {
            attempts += 1;
            if attempts > 20 {
                return Err(refused("锁文件反复被别人替换".into()));
            }
            if let Some(dir) = path.parent() {
                if !dir.as_os_str().is_empty() && !dir.exists() {
                    use std::os::unix::fs::DirBuilderExt;
                    std::fs::DirBuilder::new()
                        .recursive(true)
                        .mode(0o700)
                        .create(dir)
                        .map_err(io_err)?;
                }
            }
            let flags = libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC;
            let created = OpenOptions::new()
                .read(true)
                .write(true)
                .create_new(true)
                .custom_flags(flags)
                .mode(mode)
                .open(&path);
            let (mut file, created) = match created {
                Ok(f) => {
                    // Not the umask: the mode colleagues sharing the folder need.
                    let _ = f.set_permissions(std::fs::Permissions::from_mode(mode));
                    (f, true)
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    match OpenOptions::new()
                        .read(true)
                        .write(true)
                        .custom_flags(flags)
                        .open(&path)
                    {
                        Ok(f) => (f, false),
                        Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => {
                            return Err(refused(not_a_lock("符号链接")))
                        }
                        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
                            match self::foreign(report_path, &path)? {
                                Foreign::Stale => continue,
                                Foreign::Refuse(e) => return Err(e),
                            }
                        }
                        Err(e) => return Err(io_err(e)),
                    }
                }
                Err(e) => return Err(io_err(e)),
            };
            let meta = file.metadata().map_err(io_err)?;
            if !meta.file_type().is_file() {
                return Err(refused(not_a_lock(super::fsafe::kind_of(&meta))));
            }
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    let text = read_holder(&mut file);
                    return Err(LockError::Held {
                        file: shown_file(),
                        lock: path.display().to_string(),
                        holder: Holder::parse(&text).map(Box::new),
                    });
                }
                Err(TryLockError::Error(e)) => return Err(io_err(e)),
            }
            // The holder we waited on may have removed the file between our open and our
            // lock: then we hold a lock on a file nobody else can see. Start again.
            let same = match std::fs::symlink_metadata(&path) {
                Ok(b) => meta.dev() == b.dev() && meta.ino() == b.ino(),
                _ => false,
            };
            if !same {
                continue;
            }
            if !created && meta.uid() != super::fsafe::euid() {
                // Another user's lock, left by a process that is gone (we hold its flock):
                // remove it and make our own, so the lock we hold is a file of ours.
                if std::fs::remove_file(&path).is_ok() {
                    continue;
                }
                let _ = file.unlock();
                return Err(LockError::Foreign {
                    file: shown_file(),
                    lock: path.display().to_string(),
                    owner: super::fsafe::user_name(meta.uid()),
                    holder: Holder::parse(&read_holder(&mut file)).map(Box::new),
                });
            }
            let previous = Holder::parse(&read_holder(&mut file));
            let me = Holder::me().to_text();
            // The flock is the lock; the text only names the holder. On a full disk it may
            // stay empty — the lock still holds, and it is removed when the editor ends.
            let _ = file
                .set_len(0)
                .and_then(|()| file.rewind())
                .and_then(|()| file.write_all(me.as_bytes()))
                .and_then(|()| file.sync_all());
            if let Ok(mut held) = HELD.lock() {
                held.push(path.clone());
            }
            super::remove_stale_temporaries(report_path);
            return Ok(EditLock {
                file,
                path,
                previous,
            });
        }
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The process whose lock was taken over (it died without removing it), if any.
    pub fn taken_over(&self) -> Option<&Holder> {
        self.previous.as_ref()
    }
}

impl Drop for EditLock {
    fn drop(&mut self) {
        if let Ok(mut held) = HELD.lock() {
            held.retain(|p| p != &self.path);
        }
        // Remove while still holding it, then let the descriptor close.
        let _ = std::fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_editor_is_refused_with_the_holder_named() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("report.yaml");
        let first = EditLock::acquire(&file).unwrap();
        assert_eq!(first.path(), dir.path().join(".report.yaml.lock"));
        assert!(first.taken_over().is_none());
        let err = EditLock::acquire(&file).unwrap_err();
        let LockError::Held { holder, .. } = &err else {
            panic!("{err}");
        };
        let holder = holder.as_ref().unwrap();
        assert_eq!(holder.pid, std::process::id());
        assert_eq!(holder.host, hostname());
        let msg = err.to_string();
        assert!(msg.contains("正在被另一个 nianbao 编辑"), "{msg}");
        assert!(
            msg.contains(&format!("进程 {}", std::process::id())),
            "{msg}"
        );
        drop(first);
        assert!(!dir.path().join(".report.yaml.lock").exists());
        let again = EditLock::acquire(&file).unwrap();
        assert!(again.taken_over().is_none());
    }

    #[test]
    fn a_dead_holders_lock_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("report.yaml");
        // A lock file left by a process that died: the text is there, the flock is not.
        let dead = Holder {
            pid: 999_999,
            host: "old-host".into(),
            user: "li".into(),
            started: UNIX_EPOCH + Duration::from_secs(1_800_000_000),
        };
        std::fs::write(dir.path().join(".report.yaml.lock"), dead.to_text()).unwrap();
        let lock = EditLock::acquire(&file).unwrap();
        assert_eq!(lock.taken_over(), Some(&dead));
        let text = std::fs::read_to_string(lock.path()).unwrap();
        assert_eq!(Holder::parse(&text).unwrap().pid, std::process::id());
    }

    #[test]
    fn a_lock_held_by_another_process_is_seen() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("report.yaml");
        let lock = dir.path().join(".report.yaml.lock");
        std::fs::write(
            &lock,
            "pid: 4242\nhost: other\nuser: wang\nstarted: 1800000000\n",
        )
        .unwrap();
        // flock(1) holds the lock in another process; it says so once it has it.
        let mut child = match std::process::Command::new("flock")
            .arg(&lock)
            .args(["sh", "-c", "echo locked; exec sleep 30"])
            .stdout(std::process::Stdio::piped())
            .spawn()
        {
            Ok(c) => c,
            Err(_) => return, // util-linux missing: covered by the in-process test above
        };
        let mut line = String::new();
        let mut out = io::BufReader::new(child.stdout.take().unwrap());
        io::BufRead::read_line(&mut out, &mut line).unwrap();
        assert_eq!(line.trim(), "locked");
        let err = EditLock::acquire(&file).unwrap_err();
        let _ = child.kill();
        let _ = child.wait();
        let msg = err.to_string();
        assert!(msg.contains("进程 4242（用户 wang，主机 other，"), "{msg}");
        assert!(
            !msg.contains("kill"),
            "another host's process cannot be killed from here"
        );
    }

    #[test]
    fn a_folder_that_refuses_the_lock_sends_it_to_the_state_folder() {
        let state = tempfile::tempdir().unwrap();
        // /proc refuses new files, even for root.
        let lock = EditLock::acquire_in(Path::new("/proc/report.yaml"), Some(state.path().into()))
            .unwrap();
        assert!(lock.path().starts_with(state.path()), "{:?}", lock.path());
        let again = EditLock::acquire_in(Path::new("/proc/report.yaml"), Some(state.path().into()));
        assert!(matches!(again, Err(LockError::Held { .. })));
        let path = lock.path().to_path_buf();
        drop(lock);
        assert!(!path.exists());
    }

    #[test]
    fn holder_text_round_trips() {
        let h = Holder {
            pid: 7,
            host: "a\nb".into(),
            user: "u".into(),
            started: UNIX_EPOCH + Duration::from_secs(5),
        };
        let back = Holder::parse(&h.to_text()).unwrap();
        assert_eq!(back.host, "a b");
        assert_eq!(back.pid, 7);
        assert_eq!(Holder::parse("garbage"), None);
    }
}
