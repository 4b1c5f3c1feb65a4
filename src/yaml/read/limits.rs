//! The limits checked before any parsing: file size, emptiness, flow nesting, node count, and
//! the budget of text a load may produce (aliases).

use super::messages::{empty_file, line_column, too_large, LoadError, LoadErrorKind};
use serde::de;

/// Files larger than this are refused before they are parsed.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// The checks made before any parsing: size, emptiness, nesting and node count. Returns the
/// text without its byte-order mark.
pub(super) fn before_parsing<'a>(text: &'a str, name: &str) -> Result<&'a str, LoadError> {
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(name, text.as_bytes()));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // A line ends at LF, CRLF or a lone CR (old Mac files; PyYAML reads them).
    let has_content = text.split(['\n', '\r']).any(|l| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with('#') && t != "---" && t != "..."
    });
    if !has_content {
        return Err(empty_file(name));
    }
    prescan(text, name)?;
    Ok(text)
}

/// The most `[` and `{` a file may hold. libyaml takes time quadratic in the nesting of flow
/// collections (`[[[[…`), so nesting must be refused before the file reaches it. The flow
/// depth can never exceed the number of opening brackets in the file, so counting them is a
/// sound bound that needs no YAML knowledge; a real report has about 35 (one per table row).
pub const MAX_FLOW_BRACKETS: usize = 1000;

/// The most places where a YAML node can begin (line breaks and the indicators
/// `- : , ? [ {`). serde_yaml holds every event of a document in memory (some 150 bytes
/// each) before it reads any, so this bounds the memory a file can make the reader use,
/// whatever its shape (about 15 MB at the limit). A real report has about 700.
pub const MAX_NODE_MARKS: usize = 100_000;

/// Refuses, in one pass over the bytes and before any parsing, a file whose flow nesting
/// or number of nodes could make the YAML parser slow or hungry.
fn prescan(text: &str, name: &str) -> Result<(), LoadError> {
    let (mut brackets, mut marks) = (0usize, 0usize);
    let over = text.bytes().position(|b| {
        let opener = b == b'[' || b == b'{';
        brackets += usize::from(opener);
        marks += usize::from(opener || matches!(b, b'\n' | b'-' | b':' | b',' | b'?'));
        brackets > MAX_FLOW_BRACKETS || marks > MAX_NODE_MARKS
    });
    let Some(at) = over else {
        return Ok(());
    };
    let message = if brackets > MAX_FLOW_BRACKETS {
        format!(
            "“[”和“{{”超过 {MAX_FLOW_BRACKETS} 个，嵌套可能深得离谱，拒绝读取：一份年度报告只需要约 35 个（表格每行一个）"
        )
    } else {
        format!(
            "文件的结构过于庞大（行、键和列表项超过 {MAX_NODE_MARKS} 处），拒绝读取：一份年度报告大约只有 700 处"
        )
    };
    let mut err = LoadError::new(name, LoadErrorKind::Limit, message);
    (err.line, err.column) = line_column(text, at);
    Err(err)
}

thread_local! {
    /// Bytes of text the current load may still produce (see [`load_str`]).
    pub(super) static BUDGET: std::cell::Cell<usize> = const { std::cell::Cell::new(usize::MAX) };
}

/// Takes `bytes` from the budget of the current load.
pub(super) fn charge<E: de::Error>(bytes: usize) -> Result<(), E> {
    BUDGET.with(|b| match b.get().checked_sub(bytes) {
        Some(rest) => {
            b.set(rest);
            Ok(())
        }
        None => Err(E::custom(
            "nb:文本通过别名（&/*）展开后远大于文件本身，疑似“别名炸弹”，拒绝读取：请直接写出每段文字，不要用别名",
        )),
    })
}
