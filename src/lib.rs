//! nianbao (年报): fill in, check, review and import China's 政府信息公开工作年度报告.
//!
//! The library is a pure core — [`model`] (the report and the format's tables as data),
//! [`rules`] (the format's 勾稽关系), [`yaml`] (the file format) and [`text`] (cleaning
//! strings for display), [`publish`] (the report as published: one document model and its
//! renderers) — and the shells that use it: the `check` command, the terminal
//! wizard and viewer, and the importer.

#![warn(missing_docs)]

pub mod cli;
pub mod import;
pub mod model;
pub mod persist;
pub mod publish;
pub mod rules;
pub mod summary;
pub mod text;
pub mod tui;
pub mod yaml;
