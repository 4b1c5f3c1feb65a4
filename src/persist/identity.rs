//! Safe saves: what FILE was when the wizard opened (or last saved) it, to notice that
//! someone else saved it meanwhile.

use super::fnv1a;
use std::io;
use std::path::Path;
use std::time::SystemTime;

/// A file as it was at one moment: modification time, size and a hash of its contents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileIdentity {
    /// Last modification time.
    pub modified: SystemTime,
    /// Size in bytes.
    pub size: u64,
    /// FNV-1a hash of the contents.
    pub hash: u64,
}

/// What happened to FILE on disk since it was opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiskChange {
    /// Unchanged (or only touched: same contents): saving is safe.
    Unchanged,
    /// Someone else wrote other contents: ask before overwriting.
    Modified,
    /// It did not exist when opened and exists now.
    Created,
    /// It existed when opened and is gone now.
    Removed,
}

impl DiskChange {
    /// What happened, in Chinese, for the question before overwriting (the wizard adds
    /// "要用现在的内容覆盖它吗？"); `None` when saving is safe.
    pub fn explain(self, file: &Path) -> Option<String> {
        let name = crate::text::clean_line(&file.display().to_string()).into_owned();
        let when = std::fs::metadata(file)
            .and_then(|m| m.modified())
            .map(|t| format!("（{} 保存）", super::local_time(t)))
            .unwrap_or_default();
        match self {
            DiskChange::Unchanged => None,
            DiskChange::Modified => {
                Some(format!("{name} 在打开之后已被其他程序或他人修改{when}。"))
            }
            DiskChange::Created => Some(format!("{name} 在打开之后已被其他程序或他人创建{when}。")),
            DiskChange::Removed => Some(format!(
                "{name} 在打开之后已被删除或移走；覆盖即在原处重新保存。"
            )),
        }
    }
}

impl FileIdentity {
    /// The identity of `path` now; `Ok(None)` when it does not exist.
    pub fn of(path: &Path) -> io::Result<Option<FileIdentity>> {
        // Never more than the reader would read: /dev/zero or a huge file given as FILE
        // must not fill the memory before the size limit refuses it.
        let mut file = match crate::yaml::open_regular(path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        let meta = file.metadata()?;
        let bytes = super::fsafe::read_bounded(&mut file, crate::yaml::MAX_FILE_BYTES + 1)?;
        Ok(Some(FileIdentity {
            modified: meta.modified()?,
            size: meta.len().max(bytes.len() as u64),
            hash: fnv1a(&bytes),
        }))
    }

    /// Compares what `path` is now with `opened` (its identity when opened or last saved,
    /// `None` if it did not exist then). A file only touched (same contents) is unchanged.
    pub fn check(path: &Path, opened: Option<&FileIdentity>) -> io::Result<DiskChange> {
        let now = FileIdentity::of(path)?;
        Ok(match (opened, now) {
            (None, None) => DiskChange::Unchanged,
            (None, Some(_)) => DiskChange::Created,
            (Some(_), None) => DiskChange::Removed,
            (Some(a), Some(b)) if a.size == b.size && a.hash == b.hash => DiskChange::Unchanged,
            (Some(_), Some(_)) => DiskChange::Modified,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_on_disk_are_noticed() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r.yaml");
        let none = FileIdentity::of(&p).unwrap();
        assert_eq!(none, None);
        assert_eq!(
            FileIdentity::check(&p, None).unwrap(),
            DiskChange::Unchanged
        );
        std::fs::write(&p, "agency: 甲").unwrap();
        assert_eq!(FileIdentity::check(&p, None).unwrap(), DiskChange::Created);
        let opened = FileIdentity::of(&p).unwrap().unwrap();
        assert_eq!(
            FileIdentity::check(&p, Some(&opened)).unwrap(),
            DiskChange::Unchanged
        );
        // Rewritten with the same contents (touched): still safe.
        std::fs::write(&p, "agency: 甲").unwrap();
        assert_eq!(
            FileIdentity::check(&p, Some(&opened)).unwrap(),
            DiskChange::Unchanged
        );
        // Same size, other contents.
        std::fs::write(&p, "agency: 乙").unwrap();
        let change = FileIdentity::check(&p, Some(&opened)).unwrap();
        assert_eq!(change, DiskChange::Modified);
        let why = change.explain(&p).unwrap();
        assert!(
            why.contains("r.yaml 在打开之后已被其他程序或他人修改（"),
            "{why}"
        );
        std::fs::remove_file(&p).unwrap();
        assert_eq!(
            FileIdentity::check(&p, Some(&opened)).unwrap(),
            DiskChange::Removed
        );
        assert_eq!(DiskChange::Unchanged.explain(&p), None);
    }
}
