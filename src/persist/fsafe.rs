//! Opening the files of a shared report folder safely (issue 12): drafts, temporary files and
//! locks never follow a symbolic link (`O_NOFOLLOW`, `O_EXCL` where created), never block on
//! a FIFO (`O_NONBLOCK`), and are read with a size bound.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt};
use std::path::Path;

/// The effective user id of this process.
pub(crate) fn euid() -> u32 {
    // SAFETY: geteuid cannot fail.
    unsafe { libc::geteuid() }
}

/// The name of user `uid` (`uid 1001` when the system does not know it).
pub(crate) fn user_name(uid: u32) -> String {
    match login_name(uid) {
        Some(name) => format!("{name}（uid {uid}）"),
        None => format!("uid {uid}"),
    }
}

/// The login name of user `uid` in the system's user database, if it has one.
pub(crate) fn login_name(uid: u32) -> Option<String> {
    // SAFETY: getpwuid_r writes only into the buffers we pass; `pw_name` points into `buf`,
    // which outlives its use.
    unsafe {
        let mut pwd: libc::passwd = std::mem::zeroed();
        let mut buf = [0 as libc::c_char; 1024];
        let mut result: *mut libc::passwd = std::ptr::null_mut();
        if libc::getpwuid_r(uid, &mut pwd, buf.as_mut_ptr(), buf.len(), &mut result) == 0
            && !result.is_null()
            && !pwd.pw_name.is_null()
        {
            let name = std::ffi::CStr::from_ptr(pwd.pw_name).to_string_lossy();
            return Some(name.into_owned());
        }
    }
    None
}

/// What kind of thing a file is, in Chinese, for refusals ("一个 FIFO（命名管道）").
pub(crate) fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_symlink() {
        "符号链接"
    } else if t.is_dir() {
        "文件夹"
    } else if t.is_fifo() {
        "FIFO（命名管道）"
    } else if t.is_char_device() || t.is_block_device() {
        "设备文件"
    } else if t.is_socket() {
        "套接字"
    } else {
        "普通文件"
    }
}

/// An error whose text is a Chinese sentence for the user.
pub(crate) fn refusal(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, message)
}

/// Refuses (with a message naming `what` and the path) a path that exists and is not a
/// regular file owned by this user: a symbolic link planted by someone else, a FIFO, a
/// device, a folder, another user's file. `Ok(false)`: nothing there.
pub(crate) fn check_own_regular(path: &Path, what: &str) -> io::Result<bool> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e),
    };
    let shown = crate::text::clean_line(&path.display().to_string()).into_owned();
    if !meta.file_type().is_file() {
        return Err(refusal(format!(
            "{what} {shown} 是{}，不是 nianbao 写的普通文件：为安全起见不会写入或读取它（共享文件夹里可能有人放置了它），请查看后删除",
            kind_of(&meta)
        )));
    }
    if meta.uid() != euid() {
        return Err(refusal(format!(
            "{what} {shown} 属于另一用户 {}，不是你的：为安全起见不会写入或读取它，请查看后删除",
            user_name(meta.uid())
        )));
    }
    Ok(true)
}

/// Opens `path` for reading without following a symbolic link and without blocking on a
/// FIFO; refuses what is not a regular file.
pub(crate) fn open_regular_nofollow(path: &Path) -> io::Result<File> {
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
        .open(path)?;
    let meta = file.metadata()?;
    if !meta.file_type().is_file() {
        return Err(refusal(format!(
            "{} 是{}，不是普通文件",
            crate::text::clean_line(&path.display().to_string()),
            kind_of(&meta)
        )));
    }
    Ok(file)
}

/// Reads at most `max` bytes of `file`.
pub(crate) fn read_bounded(file: &mut File, max: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    file.take(max).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// A Chinese account of an I/O error: "磁盘已满" for a full disk or quota, the message of
/// a refusal as it is, and the system's words otherwise.
pub fn describe_io(e: &io::Error) -> String {
    match e.raw_os_error() {
        Some(libc::ENOSPC) => "磁盘已满（No space left on device）".into(),
        Some(libc::EDQUOT) => "磁盘配额已用完（Disk quota exceeded）".into(),
        Some(libc::EROFS) => "文件系统是只读的".into(),
        Some(libc::EACCES) | Some(libc::EPERM) => "没有写入权限".into(),
        _ => e.to_string(),
    }
}

/// True for the errors that mean "this folder will not take the file" (permissions, a
/// read-only mount), as opposed to a full disk, where another folder on the same disk
/// would fail too and the clerk must be told the disk is full.
pub(crate) fn is_not_writable(e: &io::Error) -> bool {
    matches!(
        e.raw_os_error(),
        Some(libc::EACCES) | Some(libc::EPERM) | Some(libc::EROFS)
    ) || e.kind() == io::ErrorKind::InvalidInput
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn users_are_named_from_the_user_database() {
        assert_eq!(login_name(0).as_deref(), Some("root"));
        assert_eq!(user_name(0), "root（uid 0）");
        // A uid no system gives out.
        assert_eq!(login_name(4_000_000_000), None);
        assert_eq!(user_name(4_000_000_000), "uid 4000000000");
    }

    #[test]
    fn links_fifos_and_folders_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("t");
        std::fs::write(&target, b"x").unwrap();
        let link = dir.path().join("l");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let e = check_own_regular(&link, "草稿").unwrap_err();
        assert!(e.to_string().contains("是符号链接"), "{e}");
        assert!(open_regular_nofollow(&link).is_err());
        assert!(check_own_regular(&target, "草稿").unwrap());
        assert!(!check_own_regular(&dir.path().join("none"), "草稿").unwrap());
        let fifo = dir.path().join("f");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let e = open_regular_nofollow(&fifo).unwrap_err();
        assert!(e.to_string().contains("FIFO"), "{e}");
        assert_eq!(
            describe_io(&io::Error::from_raw_os_error(libc::ENOSPC)),
            "磁盘已满（No space left on device）"
        );
    }
}
