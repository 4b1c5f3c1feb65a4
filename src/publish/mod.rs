//! Publishing (issue 10): the report as agencies publish it, from one document model.
//!
//! [`doc`] turns a [`Report`] into the published [`doc::Document`] (pure: no files, no
//! terminal); the renderers lay that one model out: [`html`] (the website page), [`docx`]
//! (Word), [`markdown`] and [`text`] (aligned in CJK display width, as `pdftotext -layout`
//! shows a printed table). The `export` command and the terminal's export key call
//! [`render`].

pub mod doc;
pub mod docx;
pub mod html;
pub mod markdown;
pub mod text;

use crate::model::Report;
use std::path::Path;

/// An output format of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// A standalone web page.
    Html,
    /// A Word document.
    Docx,
    /// Markdown.
    Markdown,
    /// Plain text.
    Text,
}

impl Format {
    /// All formats, in the order of `--to`'s help.
    pub const ALL: [Format; 4] = [Format::Html, Format::Docx, Format::Markdown, Format::Text];

    /// The name used by `--to` (`html`, `docx`, `md`, `txt`), also the file extension.
    pub fn name(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Markdown => "md",
            Format::Text => "txt",
        }
    }

    /// The format named by `--to` or by a file extension (`htm`, `markdown` and `text`
    /// too), case-insensitive.
    pub fn from_name(name: &str) -> Option<Format> {
        match name.to_ascii_lowercase().as_str() {
            "html" | "htm" => Some(Format::Html),
            "docx" => Some(Format::Docx),
            "md" | "markdown" => Some(Format::Markdown),
            "txt" | "text" => Some(Format::Text),
            _ => None,
        }
    }

    /// The format a path's extension names.
    pub fn from_path(path: &Path) -> Option<Format> {
        path.extension()
            .and_then(|e| e.to_str())
            .and_then(Format::from_name)
    }
}

/// Renders a report in a format.
pub fn render(report: &Report, format: Format) -> Vec<u8> {
    let d = doc::build(report);
    match format {
        Format::Html => html::render(&d).into_bytes(),
        Format::Docx => docx::render(&d),
        Format::Markdown => markdown::render(&d).into_bytes(),
        Format::Text => text::render(&d).into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_name_and_extension() {
        for f in Format::ALL {
            assert_eq!(Format::from_name(f.name()), Some(f));
        }
        assert_eq!(
            Format::from_path(Path::new("a/报告.HTM")),
            Some(Format::Html)
        );
        assert_eq!(Format::from_path(Path::new("报告.pdf")), None);
        assert_eq!(Format::from_path(Path::new("报告")), None);
    }
}
