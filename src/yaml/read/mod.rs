//! The strict YAML reader, in five parts: the limits checked before parsing ([`limits`]), the
//! Chinese messages made from serde_yaml's errors ([`messages`]), the wire structs serde reads
//! before they become a `Report` ([`wire`]), the visitors of scalars (counts, years, amounts,
//! text: [`scalars`]) and the schema-driven visitors of tables B and C ([`tables`]).

mod limits;
mod messages;
mod scalars;
mod tables;
mod wire;

use crate::model::schema::{self, FormatVersion};
use crate::model::Report;
use limits::{before_parsing, BUDGET};
pub use limits::{MAX_FILE_BYTES, MAX_FLOW_BRACKETS, MAX_NODE_MARKS};
use messages::{too_large, translate};
pub use messages::{LoadError, LoadErrorKind};
use std::io::Read;
use std::path::Path;
use wire::{Wire2019, Wire2021};

/// A report read from YAML, with the top-level parts that were missing and read as empty.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The report.
    pub report: Report,
    /// Top-level keys absent from the file (read as empty), in FORMAT.md order.
    pub missing: Vec<&'static str>,
}

/// Opens a file to read it as input without ever blocking: a FIFO or a device given as
/// FILE (which would hang the program or never end) is refused with a Chinese message
/// (`ErrorKind::InvalidInput`); only a regular file is opened (a symbolic link to one is
/// followed). Standard input is the caller's business (`-`).
pub fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::fd::AsRawFd;
    use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_CLOEXEC)
        .open(path)?;
    let t = file.metadata()?.file_type();
    if !t.is_file() {
        let what = if t.is_dir() {
            "一个文件夹"
        } else if t.is_fifo() {
            "一个 FIFO（命名管道）"
        } else if t.is_char_device() || t.is_block_device() {
            "一个设备文件"
        } else {
            "一个特殊文件"
        };
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!(
                "这是{what}，不是报告文件：只能读取普通文件（要从管道读取请用 - 表示标准输入）"
            ),
        ));
    }
    // Reads of a regular file never block; clear the flag all the same.
    // SAFETY: fcntl on a descriptor we own.
    unsafe {
        let fd = file.as_raw_fd();
        let flags = libc::fcntl(fd, libc::F_GETFL);
        if flags >= 0 {
            libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK);
        }
    }
    Ok(file)
}

/// Reads a report from a file; `-` reads standard input. Only a regular file is read
/// ([`open_regular`]), and never more than [`MAX_FILE_BYTES`] of it.
pub fn load_file(path: &Path) -> Result<Loaded, LoadError> {
    let name = path.display().to_string();
    let io_err = |e: std::io::Error| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "文件不存在：请检查文件名和路径".to_string(),
            std::io::ErrorKind::PermissionDenied => "没有读取这个文件的权限".to_string(),
            std::io::ErrorKind::IsADirectory => "这是一个文件夹，不是报告文件".to_string(),
            std::io::ErrorKind::InvalidInput => e.to_string(),
            _ => format!("系统错误：{e}"),
        };
        LoadError::new(&name, LoadErrorKind::Io, format!("无法读取文件，{why}"))
    };
    let mut bytes = Vec::new();
    if name == "-" {
        std::io::stdin()
            .lock()
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(io_err)?;
    } else {
        // Read up to one byte past the limit, never more: load_bytes refuses it and says
        // on which line the limit was passed.
        let file = open_regular(path).map_err(io_err)?;
        file.take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(io_err)?;
    }
    load_bytes(&bytes, &name)
}

/// Reads a report from bytes; `name` is used in messages.
pub fn load_bytes(bytes: &[u8], name: &str) -> Result<Loaded, LoadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(name, bytes));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|b| **b == b'\n').count() + 1;
            let last_line = good.rsplit(|b| *b == b'\n').next().unwrap_or(good);
            let column = String::from_utf8_lossy(last_line).chars().count() + 1;
            let mut err = LoadError::new(
                name,
                LoadErrorKind::Encoding,
                "文件不是 UTF-8 编码（可能是 GBK）：请用 UTF-8 保存后再打开",
            );
            err.line = Some(line);
            err.column = Some(column);
            return Err(err);
        }
    };
    load_str(text, name)
}

/// Reads a report from text; `name` is used in messages.
pub fn load_str(text: &str, name: &str) -> Result<Loaded, LoadError> {
    if text.len() as u64 <= MAX_FILE_BYTES {
        // Linear and safe on any input; answers only for the writer's exact layout.
        let plain = text.strip_prefix('\u{feff}').unwrap_or(text);
        if let Some(report) = super::fast::load_canonical(plain) {
            return Ok(Loaded {
                report,
                missing: Vec::new(),
            });
        }
    }
    parse(before_parsing(text, name)?, name)
}

/// [`load_str`] without its fast path for files in the writer's exact layout: always the
/// full YAML reader (for tests that compare the two, and for benchmarks).
pub fn load_str_general(text: &str, name: &str) -> Result<Loaded, LoadError> {
    parse(before_parsing(text, name)?, name)
}

/// The full reader: serde_yaml, strict. A file that reads cleanly is read once without
/// tracking key paths; only a file with an error is read again to name the error's path.
fn parse(text: &str, name: &str) -> Result<Loaded, LoadError> {
    // The version decides the shape of table A and table B, so it is found first, on its
    // own line (`format: 2019`; a file without it is read as 2021 and told so by S1).
    let loaded = match declared_version(text) {
        Some(FormatVersion::V2019) => match parse_wire::<Wire2019>(text, name) {
            Ok(wire) => wire.into_loaded(name, FormatVersion::V2019),
            // The content may be of the other version: say so rather than name a key.
            Err(e) => match parse_wire::<Wire2021>(text, name) {
                Ok(wire) => wire.into_loaded(name, FormatVersion::V2021),
                Err(_) => Err(e),
            },
        },
        _ => match parse_wire::<Wire2021>(text, name) {
            Ok(wire) => wire.into_loaded(name, FormatVersion::V2021),
            Err(e) => match parse_wire::<Wire2019>(text, name) {
                Ok(wire) if wire.has_format() => wire.into_loaded(name, FormatVersion::V2019),
                _ => Err(e),
            },
        },
    };
    loaded.map_err(|mut e| {
        // Errors found after parsing (a wrong `format`) name the key's line.
        if let (None, Some(key)) = (e.line, e.path.as_deref()) {
            e.line = messages::top_key_line(text, key);
        }
        e
    })
}

/// The version a file declares on a line of its own (`format: 2019`), if it is one this
/// program knows.
fn declared_version(text: &str) -> Option<FormatVersion> {
    text.lines().find_map(|l| {
        let v = l.strip_prefix(schema::KEY_FORMAT)?.strip_prefix(':')?;
        let v = v.split('#').next()?.trim();
        FormatVersion::from_number(v.parse().ok()?)
    })
}

/// Reads the wire struct, with the path of the first error when there is one.
fn parse_wire<W: serde::de::DeserializeOwned>(text: &str, name: &str) -> Result<W, LoadError> {
    // Strings (and prose parts) may not add up to more than twice the file: a file without
    // aliases never comes near that, a file that repeats a long string through `*alias`
    // thousands of times ("alias bomb") is stopped before it takes the memory.
    let budget = 2 * text.len() + 4096;
    BUDGET.with(|b| b.set(budget));
    let quick = serde_yaml::from_str::<W>(text);
    let wire = match quick {
        Ok(wire) => wire,
        Err(_) => {
            BUDGET.with(|b| b.set(budget));
            let de = serde_yaml::Deserializer::from_str(text);
            let tracked = serde_path_to_error::deserialize::<_, W>(de);
            BUDGET.with(|b| b.set(usize::MAX));
            match tracked {
                Err(e) => return Err(translate(name, text, e)),
                // Cannot happen (the same input, the same reader); refuse rather than panic.
                Ok(_) => {
                    return Err(LoadError::new(
                        name,
                        LoadErrorKind::Syntax,
                        "无法读取（YAML 读取器两次结果不一致）",
                    ))
                }
            }
        }
    };
    BUDGET.with(|b| b.set(usize::MAX));
    Ok(wire)
}
