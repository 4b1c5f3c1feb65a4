//! Load errors, and the Chinese messages made from serde_yaml's English ones.

use super::limits::MAX_FILE_BYTES;
use std::fmt;

/// What kind of problem made a file unreadable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadErrorKind {
    /// The file could not be opened or read.
    Io,
    /// Larger than [`MAX_FILE_BYTES`].
    TooLarge,
    /// Empty or only whitespace/comments.
    Empty,
    /// Not UTF-8.
    Encoding,
    /// Not valid YAML.
    Syntax,
    /// Valid YAML that does not follow the schema (unknown key, wrong type, bad number).
    Schema,
    /// Nesting or alias expansion beyond the limits.
    Limit,
    /// A format version other than 2021.
    Version,
}

/// Why a file could not be read as a report. Its `Display` is a Chinese message naming the
/// file, line, column and key path where they are known.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct LoadError {
    /// The file's name as given by the user (`-` for standard input).
    pub file: String,
    /// One-based line, when known.
    pub line: Option<usize>,
    /// One-based column, when known.
    pub column: Option<usize>,
    /// Key path such as `requests.outcome.withheld.state_secret.research`, when known.
    pub path: Option<String>,
    /// The kind of problem.
    pub kind: LoadErrorKind,
    /// What is wrong and what would be right, in Chinese.
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, " 第 {l} 行第 {c} 列")?,
            (Some(l), None) => write!(f, " 第 {l} 行")?,
            _ => {}
        }
        if let Some(p) = &self.path {
            write!(f, "，键 {p}")?;
        }
        write!(f, "：{}", self.message)
    }
}

impl LoadError {
    pub(super) fn new(file: &str, kind: LoadErrorKind, message: impl Into<String>) -> LoadError {
        LoadError {
            file: file.to_string(),
            line: None,
            column: None,
            path: None,
            kind,
            message: message.into(),
        }
    }
}

pub(super) fn empty_file(name: &str) -> LoadError {
    LoadError::new(
        name,
        LoadErrorKind::Empty,
        "文件是空的：没有任何报告内容（至少应有 format、agency、year 等键）",
    )
}

pub(super) fn too_large(name: &str, bytes: &[u8]) -> LoadError {
    let mut e = LoadError::new(
        name,
        LoadErrorKind::TooLarge,
        format!(
            "文件超过 {} MiB（从这一行起超出），不像是一份年度报告，拒绝读取",
            MAX_FILE_BYTES / 1024 / 1024
        ),
    );
    // The line where the limit is passed (only the bytes up to the limit are looked at).
    let within = &bytes[..bytes.len().min(MAX_FILE_BYTES as usize)];
    e.line = Some(within.iter().filter(|b| **b == b'\n').count() + 1);
    e
}

/// Turns a serde_yaml error into our Chinese message with line, column and key path.
pub(super) fn translate(
    name: &str,
    text: &str,
    e: serde_path_to_error::Error<serde_yaml::Error>,
) -> LoadError {
    // serde_path_to_error writes `?` for a place it could not name (inside a syntax error).
    let mut path = e.path().to_string();
    while let Some(p) = path.strip_suffix(".?").or_else(|| path.strip_suffix('?')) {
        path = p.to_string();
    }
    let inner = e.into_inner();
    let mut raw = inner.to_string();
    let (line, column) = match inner.location() {
        // libyaml's reader reports some errors by byte offset only ("at position 4761").
        Some(loc) if loc.line() == 1 && loc.column() == 1 && raw.contains(" at position ") => {
            let offset = raw
                .rsplit(" at position ")
                .next()
                .and_then(|n| n.parse::<usize>().ok())
                .unwrap_or(0);
            line_column(text, offset)
        }
        Some(loc) => (Some(loc.line()), Some(loc.column())),
        None => (None, None),
    };
    if let Some(at) = raw.find(" at position ") {
        raw.truncate(at);
    }
    if let Some(at) = raw.find(" at line ") {
        // libyaml: "did not find expected key at line 8 column 15, while parsing …"
        let tail = raw[at..].split_once(", ").map(|(_, t)| t.to_string());
        raw.truncate(at);
        if let Some(t) = tail {
            raw = format!("{raw}, {t}");
            if let Some(at) = raw.find(" at line ") {
                raw.truncate(at);
            }
        }
    }
    // serde_yaml puts its own idea of the path in front of a message: `proactive: …`.
    if let Some((head, rest)) = raw.split_once(": ") {
        if !head.is_empty()
            && head
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_.[]?".contains(c))
        {
            raw = rest.to_string();
        }
    }
    let (kind, mut message) = chinese_message(&raw);
    if let (Some(l), Some(c)) = (line, column) {
        message = as_written(&message, text, l, c);
    } else {
        message = message.replace(WRITTEN, "");
    }
    let mut line = line;
    if raw.contains("more than one document") && line.is_none() {
        line = second_document_line(text);
    }
    // `null` or `~` as the whole document: nothing in it.
    if (path.is_empty() || path == ".") && raw.starts_with("invalid type: unit value") {
        return empty_file(name);
    }
    // A repeated key of a fixed structure: the path is the key itself.
    if let Some(rest) = raw.strip_prefix("duplicate field ") {
        if let Some(key) = backticked(rest).first() {
            path = if path.is_empty() || path == "." {
                key.to_string()
            } else {
                format!("{path}.{key}")
            };
        }
    }
    let path = (!path.is_empty() && path != ".").then_some(path);
    LoadError {
        file: name.to_string(),
        line,
        column,
        path,
        kind,
        message,
    }
}

/// The mark around a number as serde gave it (`1000.0`), to be replaced by the number as
/// the file wrote it (`1e3`) once the error's place is known.
pub(super) const WRITTEN: char = '\u{1}';

/// Replaces `\u{1}value\u{1}` in `message` by the scalar that starts at `line`:`column` of
/// `text` (as written: `1e3`, `12.50`), or by `value` when none is found there.
fn as_written(message: &str, text: &str, line: usize, column: usize) -> String {
    let Some((head, rest)) = message.split_once(WRITTEN) else {
        return message.to_string();
    };
    let Some((value, tail)) = rest.split_once(WRITTEN) else {
        return message.replace(WRITTEN, "");
    };
    let token = text
        .split(['\n', '\r'])
        .nth(line - 1)
        .map(|l| {
            l.chars()
                .skip(column - 1)
                .take_while(|c| !c.is_whitespace() && !",]}#".contains(*c))
                .collect::<String>()
        })
        .filter(|t| !t.is_empty());
    let shown = token.map_or_else(
        || value.to_string(),
        |t| crate::text::escape_for_message(&t, 40),
    );
    format!("{head}{shown}{tail}")
}

/// The line where a second YAML document begins (a `---` after content), if any.
fn second_document_line(text: &str) -> Option<usize> {
    let mut content = false;
    for (i, l) in text.split(['\n', '\r']).enumerate() {
        let t = l.trim_end();
        if t == "---" || t.starts_with("--- ") {
            if content {
                return Some(i + 1);
            }
        } else if !t.trim().is_empty() && !t.trim_start().starts_with('#') {
            content = true;
        }
    }
    None
}

/// The line of a top-level key (`format:`), for messages about its value.
pub(super) fn top_key_line(text: &str, key: &str) -> Option<usize> {
    text.split(['\n', '\r'])
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with(':'))
        })
        .map(|i| i + 1)
}

/// One-based line and column of a byte offset (the offset is clamped to the text).
pub(super) fn line_column(text: &str, offset: usize) -> (Option<usize>, Option<usize>) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    // A line ends at LF, CRLF or a lone CR (as YAML, and PyYAML, read them).
    let b = before.as_bytes();
    let breaks = (0..b.len())
        .filter(|&i| b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')))
        .count();
    let line = breaks + 1;
    let column = before
        .rsplit(['\n', '\r'])
        .next()
        .unwrap_or(before)
        .chars()
        .count()
        + 1;
    (Some(line), Some(column))
}

fn backticked(s: &str) -> Vec<&str> {
    s.split('`').skip(1).step_by(2).collect()
}

/// libyaml's syntax errors, and what to tell a person who meets them.
const SYNTAX_HINTS: [(&str, &str); 13] = [
    (
        "control characters are not allowed",
        "文件里有 YAML 不允许的控制字符（或 U+FFFE、U+FFFF）：请删去它们，或在双引号里写成 \\x1b、\\uFFFE 这样的转义",
    ),
    (
        "found character that cannot start any token",
        "这里有一个不能开始 YAML 内容的字符（常见的是用制表符 Tab 缩进，或行首的 @、`）：缩进请用空格，这类文字请加双引号",
    ),
    (
        "did not find expected key",
        "这里应该是“键: 值”的一行，却不是（常见原因：缩进不齐，或引号没有配对）",
    ),
    (
        "mapping values are not allowed in this context",
        "这里不能出现“键: 值”（常见原因：文字里有“: ”却没加引号，或缩进不齐）：请给这段文字加上双引号",
    ),
    (
        "found unexpected end of stream",
        "文件在引号或括号闭合之前就结束了：请补上缺的引号或括号",
    ),
    (
        "found unknown escape character",
        "双引号里的反斜杠（\\）后面跟了 YAML 不认识的字符：反斜杠本身请写成 \\\\",
    ),
    (
        "did not find expected ',' or ']'",
        "方括号 [ ] 里缺少逗号或右方括号",
    ),
    (
        "did not find expected ',' or '}'",
        "花括号 { } 里缺少逗号或右花括号",
    ),
    (
        "did not find expected node content",
        "这里缺少值",
    ),
    (
        "did not find expected '-' indicator",
        "列表的缩进不齐：同一列表的各项“- ”要对齐",
    ),
    (
        "found undefined tag handle",
        "用了未定义的标签（!）：报告文件不需要标签，请删去",
    ),
    (
        "found a tab character",
        "缩进里有制表符（Tab）：YAML 只能用空格缩进",
    ),
    (
        "found unexpected ':'",
        "这里的冒号不合 YAML 语法：文字里有冒号时请加双引号",
    ),
];

fn chinese_message(raw: &str) -> (LoadErrorKind, String) {
    use LoadErrorKind::*;
    if let Some(at) = raw.find("nb:") {
        return (Schema, raw[at + 3..].to_string());
    }
    if raw.contains("recursion limit exceeded") {
        return (
            Limit,
            "嵌套层数过多（超过 128 层），拒绝读取：年度报告的结构最多四五层".into(),
        );
    }
    if raw.contains("repetition limit exceeded") {
        return (
            Limit,
            "别名（&/*）展开过多，疑似“别名炸弹”，拒绝读取：请直接写出内容，不要用别名".into(),
        );
    }
    if raw.contains("unknown anchor") {
        return (
            Syntax,
            "别名（*名字）引用了没有定义的锚点（&名字）：请直接写出内容".into(),
        );
    }
    if let Some(rest) = raw.strip_prefix("unknown field ") {
        let names = backticked(rest);
        if let Some((key, expected)) = names.split_first() {
            return (
                Schema,
                format!(
                    "未知的键“{}”（拼写错误？此处可用的键：{}）",
                    crate::text::escape_for_message(key, 40),
                    expected.join("、")
                ),
            );
        }
    }
    if let Some(rest) = raw.strip_prefix("missing field ") {
        let names = backticked(rest);
        return (
            Schema,
            format!("缺少键“{}”：请补上", names.first().copied().unwrap_or(rest)),
        );
    }
    if let Some(rest) = raw.strip_prefix("duplicate field ") {
        let names = backticked(rest);
        return (
            Schema,
            format!(
                "键“{}”出现了两次：同一个键只能写一次，请删去多余的一行",
                names.first().copied().unwrap_or(rest)
            ),
        );
    }
    if let Some(rest) = raw.strip_prefix("invalid type: ") {
        let (got, want) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        return (
            Schema,
            format!(
                "类型不对：应为{}，实际是{}",
                expected_zh(want),
                unexpected_zh(got)
            ),
        );
    }
    if raw.contains("more than one document") {
        return (
            Syntax,
            "文件里有多个 YAML 文档（---），一个文件只能放一份报告".into(),
        );
    }
    let escaped = crate::text::escape_for_message(raw, 120);
    for (english, chinese) in SYNTAX_HINTS {
        if raw.contains(english) {
            return (Syntax, format!("YAML 语法错误：{chinese}（{escaped}）"));
        }
    }
    (
        Syntax,
        format!("YAML 语法错误（{escaped}）：请检查缩进、冒号和引号"),
    )
}

fn expected_zh(want: &str) -> String {
    if want.starts_with(|c: char| c.is_ascii_digit()) {
        // Our own visitors describe themselves in Chinese ("0 到 999999999 的整数").
        format!(" {want}")
    } else if !want.is_ascii() {
        want.to_string()
    } else if want == "field identifier" || want.contains("identifier") {
        "一个键（文字，如 agency）".into()
    } else if want.starts_with("struct ") || want.contains("map") {
        "映射（键: 值）".into()
    } else if want.contains("string") {
        "文本".into()
    } else if want.contains("sequence") {
        "列表（- 开头的各项）".into()
    } else {
        want.to_string()
    }
}

fn unexpected_zh(got: &str) -> String {
    if let Some(v) = got.strip_prefix("string ") {
        format!("文本 {v}")
    } else if let Some(v) = got.strip_prefix("integer ") {
        // serde's words for a number beyond 64 bits: "integer `…` as u128".
        let v = v.split("` as ").next().unwrap_or(v);
        format!("整数 {}", v.trim_matches('`'))
    } else if let Some(v) = got.strip_prefix("floating point ") {
        format!("小数 {}", v.trim_matches('`'))
    } else if let Some(v) = got.strip_prefix("boolean ") {
        format!("布尔值 {}", v.trim_matches('`'))
    } else if got == "sequence" {
        "列表".into()
    } else if got == "map" {
        "映射".into()
    } else if got == "unit value" {
        "空值（null）".into()
    } else if got == "enum" {
        "带标签（! 开头，如 !custom）的值：报告文件不用标签，请删去它".into()
    } else {
        got.to_string()
    }
}
