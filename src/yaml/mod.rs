//! Reading and writing reports as YAML (FORMAT.md §6). The only module that knows YAML.
//!
//! Reading goes through serde_yaml (strict: unknown keys, wrong types, negative, fractional
//! or huge counts are refused with line, column and key path). Writing is our own small
//! emitter: the structure is fixed, every string is double-quoted, and tables are written
//! one row per line as in FORMAT.md — deterministic, diff-friendly, and never ambiguous for
//! other YAML readers (no unquoted `yes`/`no`).

mod fast;
mod lenient;
mod read;
mod write;

pub use lenient::{load_str_lenient, Replaced, MAX_REPLACED};
pub use read::{
    load_bytes, load_file, load_str, load_str_general, open_regular, LoadError, LoadErrorKind,
    Loaded, MAX_FILE_BYTES, MAX_FLOW_BRACKETS, MAX_NODE_MARKS,
};
pub use write::to_yaml;
