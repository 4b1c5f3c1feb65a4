//! System errors said in Chinese, with the system's own text after it (issue 13 item 7).

use std::io::{self, ErrorKind};

/// `e` in Chinese: what happened, then the system's words in brackets, e.g.
/// `文件夹不存在（No such file or directory (os error 2)）`.
pub fn chinese(e: &io::Error) -> String {
    let what = match e.kind() {
        ErrorKind::NotFound => "文件或文件夹不存在",
        ErrorKind::PermissionDenied => "没有权限写入（请换一个有权限的位置）",
        ErrorKind::ReadOnlyFilesystem => "磁盘或文件系统是只读的",
        ErrorKind::StorageFull => "磁盘已满",
        ErrorKind::QuotaExceeded => "磁盘配额已用完",
        ErrorKind::AlreadyExists => "文件已存在",
        ErrorKind::IsADirectory => "这是一个文件夹，不是文件",
        ErrorKind::NotADirectory => "路径中有一段不是文件夹",
        ErrorKind::InvalidFilename => "文件名无效",
        ErrorKind::FileTooLarge => "文件太大",
        ErrorKind::Interrupted | ErrorKind::TimedOut => "操作被中断",
        ErrorKind::WriteZero => "写入没有完成",
        _ => "系统错误",
    };
    format!("{what}（{e}）")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_it_in_chinese_then_the_system_text() {
        let e = io::Error::from(ErrorKind::NotFound);
        let s = chinese(&e);
        assert!(s.starts_with("文件或文件夹不存在（"), "{s}");
        let e = io::Error::from_raw_os_error(13);
        assert!(chinese(&e).starts_with("没有权限写入"), "{}", chinese(&e));
    }
}
