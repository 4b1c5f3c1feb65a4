//! The strict YAML reader.

use crate::model::schema::{self, B_COLUMNS, B_ROWS, B_ROW_COUNT, C_COLUMNS, C_GROUPS, MAX_COUNT};
use crate::model::{
    Amount, Appeals, DocCounts, Part, Proactive, ProcessingFees, Report, Requests, FORMAT_VERSION,
};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;
use std::io::Read;
use std::path::Path;

/// Files larger than this are refused before they are parsed.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// A report read from YAML, with the top-level parts that were missing and read as empty.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The report.
    pub report: Report,
    /// Top-level keys absent from the file (read as empty), in FORMAT.md order.
    pub missing: Vec<&'static str>,
}

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
    fn new(file: &str, kind: LoadErrorKind, message: impl Into<String>) -> LoadError {
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

/// Reads a report from a file; `-` reads standard input.
pub fn load_file(path: &Path) -> Result<Loaded, LoadError> {
    let name = path.display().to_string();
    let io_err = |e: std::io::Error| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "文件不存在：请检查文件名和路径".to_string(),
            std::io::ErrorKind::PermissionDenied => "没有读取这个文件的权限".to_string(),
            std::io::ErrorKind::IsADirectory => "这是一个文件夹，不是报告文件".to_string(),
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
        let file = std::fs::File::open(path).map_err(io_err)?;
        let meta = file.metadata().map_err(io_err)?;
        if meta.is_dir() {
            return Err(LoadError::new(
                &name,
                LoadErrorKind::Io,
                "这是一个文件夹，不是报告文件",
            ));
        }
        if meta.len() > MAX_FILE_BYTES {
            return Err(too_large(&name));
        }
        file.take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(io_err)?;
    }
    load_bytes(&bytes, &name)
}

fn empty_file(name: &str) -> LoadError {
    LoadError::new(
        name,
        LoadErrorKind::Empty,
        "文件是空的：没有任何报告内容（至少应有 format、agency、year 等键）",
    )
}

fn too_large(name: &str) -> LoadError {
    LoadError::new(
        name,
        LoadErrorKind::TooLarge,
        format!(
            "文件超过 {} MiB，不像是一份年度报告，拒绝读取",
            MAX_FILE_BYTES / 1024 / 1024
        ),
    )
}

/// Reads a report from bytes; `name` is used in messages.
pub fn load_bytes(bytes: &[u8], name: &str) -> Result<Loaded, LoadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(name));
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

/// The checks made before any parsing: size, emptiness, nesting and node count. Returns the
/// text without its byte-order mark.
fn before_parsing<'a>(text: &'a str, name: &str) -> Result<&'a str, LoadError> {
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(name));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let has_content = text.lines().any(|l| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with('#') && t != "---" && t != "..."
    });
    if !has_content {
        return Err(empty_file(name));
    }
    prescan(text, name)?;
    Ok(text)
}

/// The full reader: serde_yaml, strict. A file that reads cleanly is read once without
/// tracking key paths; only a file with an error is read again to name the error's path.
fn parse(text: &str, name: &str) -> Result<Loaded, LoadError> {
    // Strings (and prose parts) may not add up to more than twice the file: a file without
    // aliases never comes near that, a file that repeats a long string through `*alias`
    // thousands of times ("alias bomb") is stopped before it takes the memory.
    let budget = 2 * text.len() + 4096;
    BUDGET.with(|b| b.set(budget));
    let quick = serde_yaml::from_str::<Wire>(text);
    let wire = match quick {
        Ok(wire) => wire,
        Err(_) => {
            BUDGET.with(|b| b.set(budget));
            let de = serde_yaml::Deserializer::from_str(text);
            let tracked = serde_path_to_error::deserialize::<_, Wire>(de);
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
    wire.into_loaded(name)
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
    static BUDGET: std::cell::Cell<usize> = const { std::cell::Cell::new(usize::MAX) };
}

/// Takes `bytes` from the budget of the current load.
fn charge<E: de::Error>(bytes: usize) -> Result<(), E> {
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

/// A string of the report (agency, title, heading, body), paid for from the budget.
#[derive(Default)]
struct Text(String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("文本")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                charge(v.len() + 16)?;
                Ok(Text(v.to_owned()))
            }
            /// `null`, `~` or nothing at all: empty text.
            fn visit_unit<E: de::Error>(self) -> Result<Text, E> {
                charge(16)?;
                Ok(Text(String::new()))
            }
            fn visit_none<E: de::Error>(self) -> Result<Text, E> {
                self.visit_unit()
            }
            // A number or true/false where text belongs would lose its exact form (`007`,
            // `12.50`): ask for quotes instead of guessing.
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text, E> {
                Err(E::custom(format!(
                    "nb:这里应为文本，却是布尔值 {v}：如果就是这几个字，请加双引号，如 \"{v}\""
                )))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
                Err(E::custom(format!(
                    "nb:这里应为文本，却是数字 {v}：如果就是这几个字，请加双引号，如 \"{v}\""
                )))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
                self.visit_i64(i64::try_from(v).unwrap_or(i64::MAX))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
                Err(E::custom(format!(
                    "nb:这里应为文本，却是数字 {v}：如果就是这几个字，请加双引号"
                )))
            }
        }
        d.deserialize_any(V)
    }
}

/// Turns a serde_yaml error into our Chinese message with line, column and key path.
fn translate(
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
    let (kind, message) = chinese_message(&raw);
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

/// One-based line and column of a byte offset (the offset is clamped to the text).
fn line_column(text: &str, offset: usize) -> (Option<usize>, Option<usize>) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.bytes().filter(|b| *b == b'\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or(before).chars().count() + 1;
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
    } else {
        got.to_string()
    }
}

// ---- The wire format: what serde reads before it becomes a Report. ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Wire {
    format: Option<Int>,
    agency: Option<Text>,
    year: Option<Int>,
    #[serde(default)]
    title: Option<Text>,
    #[serde(default)]
    preamble: Option<Text>,
    overview: Option<Vec<WirePart>>,
    proactive: Option<WireProactive>,
    requests: Option<Requests>,
    appeals: Option<Appeals>,
    problems: Option<Vec<WirePart>>,
    other_matters: Option<Vec<WirePart>>,
    processing_fees: Option<WireFees>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WirePart {
    #[serde(default)]
    heading: Text,
    body: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WireDoc {
    issued: Count,
    repealed: Count,
    in_force: Count,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WireProactive {
    regulations: WireDoc,
    normative_documents: WireDoc,
    licensing: Count,
    penalties: Count,
    coercive_measures: Count,
    fees_wan_yuan: WanYuan,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WireFees {
    notices: Count,
    amount_notified_yuan: Yuan,
    amount_collected_yuan: Yuan,
}

impl Wire {
    fn into_loaded(self, name: &str) -> Result<Loaded, LoadError> {
        let nothing = self.format.is_none()
            && self.agency.is_none()
            && self.year.is_none()
            && self.title.is_none()
            && self.preamble.is_none()
            && self.overview.is_none()
            && self.proactive.is_none()
            && self.requests.is_none()
            && self.appeals.is_none()
            && self.problems.is_none()
            && self.other_matters.is_none()
            && self.processing_fees.is_none();
        if nothing {
            return Err(empty_file(name));
        }
        let mut missing = Vec::new();
        let format = match self.format {
            Some(Int(v)) => v,
            None => {
                missing.push(schema::KEY_FORMAT);
                i64::from(FORMAT_VERSION)
            }
        };
        if format != i64::from(FORMAT_VERSION) {
            let mut e = LoadError::new(
                name,
                LoadErrorKind::Version,
                format!(
                    "本程序只支持 2021 年版格式（format: 2021），这个文件写的是 format: {format}"
                ),
            );
            e.path = Some(schema::KEY_FORMAT.into());
            return Err(e);
        }
        let year = match self.year {
            Some(Int(v)) => i32::try_from(v).unwrap_or(if v < 0 { i32::MIN } else { i32::MAX }),
            None => {
                missing.push(schema::KEY_YEAR);
                0
            }
        };
        let agency = match self.agency {
            Some(t) => t.0,
            None => {
                missing.push(schema::KEY_AGENCY);
                String::new()
            }
        };
        let mut take_parts = |key: &'static str, v: Option<Vec<WirePart>>| -> Vec<Part> {
            match v {
                Some(parts) => parts
                    .into_iter()
                    .map(|p| Part {
                        heading: p.heading.0,
                        body: p.body.0,
                    })
                    .collect(),
                None => {
                    missing.push(key);
                    Vec::new()
                }
            }
        };
        let overview = take_parts(schema::SECTION_OVERVIEW.key, self.overview);
        let problems = take_parts(schema::SECTION_PROBLEMS.key, self.problems);
        let other_matters = take_parts(schema::SECTION_OTHER_MATTERS.key, self.other_matters);
        let proactive = match self.proactive {
            Some(p) => Proactive {
                regulations: p.regulations.into(),
                normative_documents: p.normative_documents.into(),
                licensing: p.licensing.0,
                penalties: p.penalties.0,
                coercive_measures: p.coercive_measures.0,
                fees_wan_yuan: p.fees_wan_yuan.0,
            },
            None => {
                missing.push(schema::SECTION_PROACTIVE.key);
                Proactive::default()
            }
        };
        let requests = self.requests.unwrap_or_else(|| {
            missing.push(schema::SECTION_REQUESTS.key);
            Requests::default()
        });
        let appeals = self.appeals.unwrap_or_else(|| {
            missing.push(schema::SECTION_APPEALS.key);
            Appeals::default()
        });
        let processing_fees = match self.processing_fees {
            Some(f) => ProcessingFees {
                notices: f.notices.0,
                amount_notified_yuan: f.amount_notified_yuan.0,
                amount_collected_yuan: f.amount_collected_yuan.0,
            },
            None => {
                missing.push(schema::KEY_PROCESSING_FEES);
                ProcessingFees::default()
            }
        };
        // Keep `missing` in FORMAT.md order.
        const ORDER: [&str; 12] = schema::TOP_LEVEL_KEYS;
        missing.sort_by_key(|k| ORDER.iter().position(|o| o == k));
        let report = Report {
            format: FORMAT_VERSION,
            agency,
            year,
            title: self.title.map(|t| t.0),
            preamble: self.preamble.map(|t| t.0).unwrap_or_default(),
            overview,
            proactive,
            requests,
            appeals,
            problems,
            other_matters,
            processing_fees,
        };
        Ok(Loaded { report, missing })
    }
}

impl From<WireDoc> for DocCounts {
    fn from(w: WireDoc) -> DocCounts {
        DocCounts {
            issued: w.issued.0,
            repealed: w.repealed.0,
            in_force: w.in_force.0,
        }
    }
}

// ---- Numbers ----

/// A count: a whole number from 0 to 999,999,999.
struct Count(u64);

struct CountVisitor;

impl Visitor<'_> for CountVisitor {
    type Value = Count;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("0 到 999999999 的整数")
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Count, E> {
        if v > MAX_COUNT {
            Err(E::custom(format!("nb:数值 {v} 过大：计数最多 999999999")))
        } else {
            Ok(Count(v))
        }
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Count, E> {
        if v < 0 {
            Err(E::custom(format!(
                "nb:计数不能为负数（{v}），应为 0 到 999999999 的整数"
            )))
        } else {
            self.visit_u64(v as u64)
        }
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Count, E> {
        Err(E::custom(format!("nb:数值 {v} 过大：计数最多 999999999")))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Count, E> {
        if v < 0 {
            Err(E::custom(format!(
                "nb:计数不能为负数（{v}），应为 0 到 999999999 的整数"
            )))
        } else {
            self.visit_u128(v as u128)
        }
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Count, E> {
        Err(E::custom(format!("nb:计数必须是整数，不能是 {v:?}")))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Count, E> {
        Err(E::custom(format!(
            "nb:计数应为数字，这里是文本“{}”",
            crate::text::escape_for_message(v, 40)
        )))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Count, E> {
        Err(E::custom(format!("nb:计数应为数字，这里是 {v}")))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Count, E> {
        Err(E::custom("nb:计数不能为空（null），没有就写 0"))
    }
}

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Count, D::Error> {
        d.deserialize_any(CountVisitor)
    }
}

/// A whole number of any size the loader then checks (format, year).
struct Int(i64);

impl<'de> Deserialize<'de> for Int {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Int, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Int;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("整数")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Int, E> {
                Ok(Int(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Int, E> {
                Ok(Int(i64::try_from(v).unwrap_or(i64::MAX)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Int, E> {
                Err(E::custom(format!("nb:应为整数，不能是 {v:?}")))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Int, E> {
                Err(E::custom(format!(
                    "nb:应为整数（如 2024），这里是文本“{}”",
                    crate::text::escape_for_message(v, 40)
                )))
            }
        }
        d.deserialize_any(V)
    }
}

/// An amount with at most `DECIMALS` decimal places.
struct AmountWith<const DECIMALS: u32>(Amount);
type WanYuan = AmountWith<{ schema::A_AMOUNT_DECIMALS }>;
type Yuan = AmountWith<{ schema::FEE_AMOUNT_DECIMALS }>;

impl<'de, const DECIMALS: u32> Deserialize<'de> for AmountWith<DECIMALS> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<const N: u32>;
        impl<const N: u32> Visitor<'_> for V<N> {
            type Value = AmountWith<N>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "不小于 0、最多 {N} 位小数的金额")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Amount::from_units(v)
                    .map(AmountWith)
                    .ok_or_else(|| E::custom(format!("nb:金额 {v} 过大：整数部分最多 9 位")))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                if v < 0 {
                    Err(E::custom(format!("nb:金额不能为负数（{v}）")))
                } else {
                    self.visit_u64(v as u64)
                }
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                if !v.is_finite() {
                    return Err(E::custom("nb:金额应为数字，不能是 .inf 或 .nan"));
                }
                // Rust prints the shortest decimal that reads back as `v`, never in exponent
                // form: exactly the digits the file had.
                Amount::parse(&format!("{v}"), N)
                    .map(AmountWith)
                    .map_err(|e| E::custom(format!("nb:{e}（这里是 {v}）")))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Err(E::custom(format!(
                    "nb:金额应为数字，这里是文本“{}”",
                    crate::text::escape_for_message(v, 40)
                )))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Err(E::custom("nb:金额不能为空（null），没有就写 0"))
            }
        }
        d.deserialize_any(V::<DECIMALS>)
    }
}

// ---- Tables B and C, driven by the schema so that their keys live only there. ----

/// Reads the mapping below `requests` whose key paths start with `prefix`.
struct BLevel<'a> {
    cells: &'a mut [[u64; 7]; B_ROW_COUNT],
    seen: &'a mut [bool; B_ROW_COUNT],
    prefix: Vec<&'static str>,
}

impl<'de> DeserializeSeed<'de> for BLevel<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for BLevel<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("映射（键: 值）")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let depth = self.prefix.len();
        let under = |r: &schema::BRow| r.path.len() > depth && r.path[..depth] == self.prefix[..];
        let keys: &[&'static str] = b_levels()
            .iter()
            .find(|(p, _)| p.as_slice() == self.prefix.as_slice())
            .map_or(&[], |(_, k)| k.as_slice());
        let mut seen_here = vec![false; keys.len()];
        while let Some(k) = map.next_key_seed(KeySeed {
            keys,
            seen: &mut seen_here,
        })? {
            let mut path = self.prefix.clone();
            path.push(keys[k]);
            if let Some(row) = B_ROWS.iter().position(|r| r.path == path.as_slice()) {
                self.seen[row] = true;
                self.cells[row] = map.next_value::<BRowCells>()?.0;
            } else {
                map.next_value_seed(BLevel {
                    cells: &mut *self.cells,
                    seen: &mut *self.seen,
                    prefix: path,
                })?;
            }
        }
        let missing: Vec<String> = B_ROWS
            .iter()
            .enumerate()
            .filter(|(i, r)| under(r) && !self.seen[*i])
            .map(|(_, r)| r.path[depth..].join("."))
            .collect();
        if !missing.is_empty() {
            return Err(de::Error::custom(format!(
                "nb:缺少行：{}（表三每一行都要写，没有就写 0）",
                missing.join("、")
            )));
        }
        Ok(())
    }
}

/// Reads a key of a mapping whose keys are fixed: yields the key's index in `keys`, and
/// refuses an unknown or repeated key right at the key (so the error names its line and
/// its full path).
struct KeySeed<'a> {
    keys: &'a [&'static str],
    seen: &'a mut [bool],
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = usize;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for KeySeed<'_> {
    type Value = usize;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "键（{}）", self.keys.join("、"))
    }
    fn visit_str<E: de::Error>(self, key: &str) -> Result<usize, E> {
        let Some(i) = self.keys.iter().position(|k| *k == key) else {
            return Err(E::custom(format!(
                "nb:未知的键“{}”（拼写错误？此处可用的键：{}）",
                crate::text::escape_for_message(key, 40),
                self.keys.join("、")
            )));
        };
        if self.seen[i] {
            return Err(E::custom(format!(
                "nb:键“{key}”出现了两次：同一个键只能写一次，请删去多余的一行"
            )));
        }
        self.seen[i] = true;
        Ok(i)
    }
}

/// The column keys of table B, from the schema.
const B_KEYS: [&str; 7] = {
    let mut keys = [""; 7];
    let mut i = 0;
    while i < 7 {
        keys[i] = B_COLUMNS[i].key;
        i += 1;
    }
    keys
};

/// The column keys of a group of table C, from the schema.
const C_KEYS: [&str; 5] = {
    let mut keys = [""; 5];
    let mut i = 0;
    while i < 5 {
        keys[i] = C_COLUMNS[i].key;
        i += 1;
    }
    keys
};

/// The group keys of table C, from the schema.
const C_GROUP_KEYS: [&str; 3] = [C_GROUPS[0].key, C_GROUPS[1].key, C_GROUPS[2].key];

/// The keys of each mapping below `requests`: (key path prefix, keys at that level).
fn b_levels() -> &'static [(Vec<&'static str>, Vec<&'static str>)] {
    static LEVELS: std::sync::OnceLock<Vec<(Vec<&'static str>, Vec<&'static str>)>> =
        std::sync::OnceLock::new();
    LEVELS.get_or_init(|| {
        let mut levels: Vec<(Vec<&'static str>, Vec<&'static str>)> = Vec::new();
        for row in &B_ROWS {
            for depth in 0..row.path.len() {
                let prefix = &row.path[..depth];
                let i = match levels.iter().position(|(p, _)| p.as_slice() == prefix) {
                    Some(i) => i,
                    None => {
                        levels.push((prefix.to_vec(), Vec::new()));
                        levels.len() - 1
                    }
                };
                if !levels[i].1.contains(&row.path[depth]) {
                    levels[i].1.push(row.path[depth]);
                }
            }
        }
        levels
    })
}

/// The seven cells of a row of table B.
struct BRowCells([u64; 7]);

impl<'de> Deserialize<'de> for BRowCells {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(KeyedCounts::<7> { keys: &B_KEYS })
            .map(BRowCells)
    }
}

/// A mapping of exactly the given keys to counts, in any order.
struct KeyedCounts<const N: usize> {
    keys: &'static [&'static str; N],
}

impl<'de, const N: usize> Visitor<'de> for KeyedCounts<N> {
    type Value = [u64; N];
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "含 {} 个键的映射（{}）", N, self.keys.join("、"))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<[u64; N], A::Error> {
        let mut values = [0u64; N];
        let mut seen = [false; N];
        while let Some(i) = map.next_key_seed(KeySeed {
            keys: self.keys,
            seen: &mut seen,
        })? {
            values[i] = map.next_value::<Count>()?.0;
        }
        let missing: Vec<&str> = self
            .keys
            .iter()
            .zip(seen)
            .filter(|(_, s)| !s)
            .map(|(k, _)| *k)
            .collect();
        if !missing.is_empty() {
            return Err(de::Error::custom(format!(
                "nb:缺少键：{}（没有就写 0）",
                missing.join("、")
            )));
        }
        Ok(values)
    }
}

impl<'de> Deserialize<'de> for Requests {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Requests, D::Error> {
        let mut cells = [[0u64; 7]; B_ROW_COUNT];
        let mut seen = [false; B_ROW_COUNT];
        BLevel {
            cells: &mut cells,
            seen: &mut seen,
            prefix: Vec::new(),
        }
        .deserialize(d)?;
        Ok(Requests { cells })
    }
}

impl<'de> Deserialize<'de> for Appeals {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Appeals, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Appeals;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("映射（reconsideration、litigation_direct、litigation_after_review）")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Appeals, A::Error> {
                let mut appeals = Appeals::default();
                let mut seen = [false; 3];
                while let Some(g) = map.next_key_seed(KeySeed {
                    keys: &C_GROUP_KEYS,
                    seen: &mut seen,
                })? {
                    appeals.cells[g] = map.next_value_seed(KeyedSeed::<5>(&C_KEYS))?;
                }
                let missing: Vec<&str> = C_GROUPS
                    .iter()
                    .zip(seen)
                    .filter(|(_, s)| !s)
                    .map(|(g, _)| g.key)
                    .collect();
                if !missing.is_empty() {
                    return Err(de::Error::custom(format!(
                        "nb:缺少键：{}",
                        missing.join("、")
                    )));
                }
                Ok(appeals)
            }
        }
        d.deserialize_map(V)
    }
}

struct KeyedSeed<const N: usize>(&'static [&'static str; N]);

impl<'de, const N: usize> DeserializeSeed<'de> for KeyedSeed<N> {
    type Value = [u64; N];
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<[u64; N], D::Error> {
        d.deserialize_map(KeyedCounts::<N> { keys: self.0 })
    }
}
