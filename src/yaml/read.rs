//! The strict YAML reader.

use crate::model::schema::{self, B_COLUMNS, B_ROWS, B_ROW_COUNT, C_COLUMNS, C_GROUPS, MAX_COUNT};
use crate::model::{
    Amount, Appeals, DocCounts, Part, Proactive, ProcessingFees, Report, Requests, FORMAT_VERSION,
};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
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
    let io_err =
        |e: std::io::Error| LoadError::new(&name, LoadErrorKind::Io, format!("无法读取文件：{e}"));
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
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(name));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let has_content = text.lines().any(|l| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with('#') && t != "---" && t != "..."
    });
    if !has_content {
        return Err(LoadError::new(
            name,
            LoadErrorKind::Empty,
            "文件是空的：没有任何报告内容",
        ));
    }
    let de = serde_yaml::Deserializer::from_str(text);
    let wire: Wire = serde_path_to_error::deserialize(de).map_err(|e| translate(name, e))?;
    wire.into_loaded(name)
}

/// Turns a serde_yaml error into our Chinese message with line, column and key path.
fn translate(name: &str, e: serde_path_to_error::Error<serde_yaml::Error>) -> LoadError {
    let path = e.path().to_string();
    let inner = e.into_inner();
    let (line, column) = match inner.location() {
        Some(loc) => (Some(loc.line()), Some(loc.column())),
        None => (None, None),
    };
    let mut raw = inner.to_string();
    if let Some(at) = raw.rfind(" at line ") {
        raw.truncate(at);
    }
    if let Some(rest) = raw.strip_prefix(&format!("{path}: ")) {
        raw = rest.to_string();
    }
    let (kind, message) = chinese_message(&raw);
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

fn backticked(s: &str) -> Vec<&str> {
    s.split('`').skip(1).step_by(2).collect()
}

fn chinese_message(raw: &str) -> (LoadErrorKind, String) {
    use LoadErrorKind::*;
    if raw.contains("recursion limit exceeded") {
        return (
            Limit,
            "嵌套层数过多，拒绝读取：年度报告的结构最多几层".into(),
        );
    }
    if raw.contains("repetition limit exceeded") {
        return (
            Limit,
            "别名（&/*）展开过多，疑似“别名炸弹”，拒绝读取".into(),
        );
    }
    if let Some(rest) = raw.strip_prefix("unknown field ") {
        let names = backticked(rest);
        if let Some((key, expected)) = names.split_first() {
            return (
                Schema,
                format!(
                    "未知的键“{key}”（拼写错误？此处可用的键：{}）",
                    expected.join("、")
                ),
            );
        }
    }
    if let Some(rest) = raw.strip_prefix("missing field ") {
        let names = backticked(rest);
        return (
            Schema,
            format!("缺少键“{}”", names.first().copied().unwrap_or(rest)),
        );
    }
    if let Some(rest) = raw.strip_prefix("duplicate field ") {
        let names = backticked(rest);
        return (
            Schema,
            format!("键“{}”出现了两次", names.first().copied().unwrap_or(rest)),
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
    if raw.starts_with("nb:") {
        return (Schema, raw.trim_start_matches("nb:").to_string());
    }
    (
        Syntax,
        format!("YAML 语法错误（{raw}）：请检查缩进、冒号和引号"),
    )
}

fn expected_zh(want: &str) -> String {
    if want.starts_with("struct ") || want.contains("map") {
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
    agency: Option<String>,
    year: Option<Int>,
    #[serde(default)]
    title: Option<String>,
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
    heading: String,
    body: String,
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
        let mut missing = Vec::new();
        let format = match self.format {
            Some(Int(v)) => v,
            None => {
                missing.push("format");
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
            e.path = Some("format".into());
            return Err(e);
        }
        let year = match self.year {
            Some(Int(v)) => i32::try_from(v).unwrap_or(if v < 0 { i32::MIN } else { i32::MAX }),
            None => {
                missing.push("year");
                0
            }
        };
        let agency = self.agency.unwrap_or_else(|| {
            missing.push("agency");
            String::new()
        });
        let mut take_parts = |key: &'static str, v: Option<Vec<WirePart>>| -> Vec<Part> {
            match v {
                Some(parts) => parts
                    .into_iter()
                    .map(|p| Part {
                        heading: p.heading,
                        body: p.body,
                    })
                    .collect(),
                None => {
                    missing.push(key);
                    Vec::new()
                }
            }
        };
        let overview = take_parts("overview", self.overview);
        let problems = take_parts("problems", self.problems);
        let other_matters = take_parts("other_matters", self.other_matters);
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
                missing.push("proactive");
                Proactive::default()
            }
        };
        let requests = self.requests.unwrap_or_else(|| {
            missing.push("requests");
            Requests::default()
        });
        let appeals = self.appeals.unwrap_or_else(|| {
            missing.push("appeals");
            Appeals::default()
        });
        let processing_fees = match self.processing_fees {
            Some(f) => ProcessingFees {
                notices: f.notices.0,
                amount_notified_yuan: f.amount_notified_yuan.0,
                amount_collected_yuan: f.amount_collected_yuan.0,
            },
            None => {
                missing.push("processing_fees");
                ProcessingFees::default()
            }
        };
        // Keep `missing` in FORMAT.md order.
        const ORDER: [&str; 11] = [
            "format",
            "agency",
            "year",
            "title",
            "overview",
            "proactive",
            "requests",
            "appeals",
            "problems",
            "other_matters",
            "processing_fees",
        ];
        missing.sort_by_key(|k| ORDER.iter().position(|o| o == k));
        let report = Report {
            format: FORMAT_VERSION,
            agency,
            year,
            title: self.title,
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
        Err(E::custom(format!("nb:计数必须是整数，不能是 {v}")))
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
                Err(E::custom(format!("nb:应为整数，不能是 {v}")))
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
type WanYuan = AmountWith<6>;
type Yuan = AmountWith<2>;

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
        let keys_here = || {
            let mut ks: Vec<&str> = Vec::new();
            for r in B_ROWS.iter().filter(|r| under(r)) {
                if !ks.contains(&r.path[depth]) {
                    ks.push(r.path[depth]);
                }
            }
            ks
        };
        while let Some(key) = map.next_key::<String>()? {
            let mut path = self.prefix.clone();
            let Some(seg) = B_ROWS
                .iter()
                .filter(|r| under(r))
                .map(|r| r.path[depth])
                .find(|s| *s == key)
            else {
                return Err(de::Error::custom(format!(
                    "nb:未知的键“{}”（拼写错误？此处可用的键：{}）",
                    crate::text::escape_for_message(&key, 40),
                    keys_here().join("、")
                )));
            };
            path.push(seg);
            if let Some(row) = B_ROWS.iter().position(|r| r.path == path.as_slice()) {
                if self.seen[row] {
                    return Err(de::Error::custom(format!("nb:键“{key}”出现了两次")));
                }
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
                "nb:缺少行：{}",
                missing.join("、")
            )));
        }
        Ok(())
    }
}

/// The seven cells of a row of table B.
struct BRowCells([u64; 7]);

impl<'de> Deserialize<'de> for BRowCells {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let keys: Vec<&'static str> = B_COLUMNS.iter().map(|c| c.key).collect();
        d.deserialize_map(KeyedCounts::<7> { keys }).map(BRowCells)
    }
}

/// A mapping of exactly the given keys to counts, in any order.
struct KeyedCounts<const N: usize> {
    keys: Vec<&'static str>,
}

impl<'de, const N: usize> Visitor<'de> for KeyedCounts<N> {
    type Value = [u64; N];
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "含 {} 个键的映射（{}）", N, self.keys.join("、"))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<[u64; N], A::Error> {
        let mut values = [0u64; N];
        let mut seen = [false; N];
        while let Some(key) = map.next_key::<String>()? {
            let Some(i) = self.keys.iter().position(|k| *k == key) else {
                let _ = map.next_value::<IgnoredAny>();
                return Err(de::Error::custom(format!(
                    "nb:未知的键“{}”（拼写错误？此处可用的键：{}）",
                    crate::text::escape_for_message(&key, 40),
                    self.keys.join("、")
                )));
            };
            if seen[i] {
                return Err(de::Error::custom(format!("nb:键“{key}”出现了两次")));
            }
            seen[i] = true;
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
                "nb:缺少键：{}",
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
                let col_keys: Vec<&'static str> = C_COLUMNS.iter().map(|c| c.key).collect();
                while let Some(key) = map.next_key::<String>()? {
                    let Some(g) = C_GROUPS.iter().position(|g| g.key == key) else {
                        let keys: Vec<&str> = C_GROUPS.iter().map(|g| g.key).collect();
                        return Err(de::Error::custom(format!(
                            "nb:未知的键“{}”（拼写错误？此处可用的键：{}）",
                            crate::text::escape_for_message(&key, 40),
                            keys.join("、")
                        )));
                    };
                    if seen[g] {
                        return Err(de::Error::custom(format!("nb:键“{key}”出现了两次")));
                    }
                    seen[g] = true;
                    appeals.cells[g] = map.next_value_seed(KeyedSeed::<5>(col_keys.clone()))?;
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

struct KeyedSeed<const N: usize>(Vec<&'static str>);

impl<'de, const N: usize> DeserializeSeed<'de> for KeyedSeed<N> {
    type Value = [u64; N];
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<[u64; N], D::Error> {
        d.deserialize_map(KeyedCounts::<N> { keys: self.0 })
    }
}
