//! Word attachments (.docx): the paragraphs and tables of `word/document.xml`, read with one
//! loop over quick-xml's events (no tree, no recursion: nesting costs a small state on a
//! stack, bounded). A table row becomes a row of cells; a cell merged into the cell above
//! (`<w:vMerge/>` without `restart`) is left out and a cell spanning columns
//! (`<w:gridSpan>`) appears once — as the HTML importer reads rowspan/colspan. Line numbers
//! count the document's paragraphs and table rows.

use super::lines::{Body, Line};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::io::{Cursor, Read};

/// `word/document.xml` larger than this (uncompressed) is refused: a report is some
/// hundreds of kilobytes, and a zip bomb must not fill the memory.
const MAX_XML_BYTES: u64 = 64 * 1024 * 1024;

/// Tables nested deeper than this are refused.
const MAX_TABLE_DEPTH: usize = 64;

/// True when the bytes are a zip package (a .docx is one).
pub(crate) fn is_docx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

#[derive(Default)]
struct TableState {
    row: Option<Vec<String>>,
    cell: Option<String>,
    /// The current cell continues a vertical merge: left out.
    merged: bool,
}

fn is(e: &BytesStart<'_>, name: &[u8]) -> bool {
    e.name().as_ref() == name
}

fn val(e: &BytesStart<'_>) -> Option<String> {
    e.try_get_attribute("w:val")
        .ok()
        .flatten()
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The lines of a .docx: paragraphs as text lines, table rows as rows of cells.
pub(crate) fn lines(bytes: &[u8]) -> Result<Vec<Line>, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("不是有效的 zip 包（{e}）"))?;
    let mut xml = Vec::new();
    {
        let file = archive
            .by_name("word/document.xml")
            .map_err(|_| "包里没有 word/document.xml，不是 Word 文档".to_string())?;
        file.take(MAX_XML_BYTES + 1)
            .read_to_end(&mut xml)
            .map_err(|e| format!("解压 word/document.xml 失败（{e}）"))?;
    }
    if xml.len() as u64 > MAX_XML_BYTES {
        return Err(format!(
            "word/document.xml 解压后超过 {} MB，不像一份年度报告",
            MAX_XML_BYTES / 1024 / 1024
        ));
    }
    read_document(&xml)
}

fn read_document(xml: &[u8]) -> Result<Vec<Line>, String> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out: Vec<Line> = Vec::new();
    let mut tables: Vec<TableState> = Vec::new();
    let mut para = String::new();
    let mut in_text = false;
    let mut block = 0usize;
    let push_text = |out: &mut Vec<Line>, block: &mut usize, text: &str| {
        *block += 1;
        out.push(Line {
            no: *block,
            col: 1,
            indent: 0,
            body: Body::Text(text.trim().to_string()),
        });
    };
    loop {
        let ev = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("word/document.xml 不是有效的 XML（{e}）"))?;
        let in_cell = tables.last().is_some_and(|t| t.cell.is_some());
        match ev {
            Event::Eof => break,
            Event::Start(e) => {
                if is(&e, b"w:tbl") {
                    if tables.len() >= MAX_TABLE_DEPTH {
                        return Err(format!(
                            "表格嵌套超过 {MAX_TABLE_DEPTH} 层，不像一份年度报告"
                        ));
                    }
                    tables.push(TableState::default());
                } else if is(&e, b"w:tr") {
                    if let Some(t) = tables.last_mut() {
                        t.row = Some(Vec::new());
                    }
                } else if is(&e, b"w:tc") {
                    if let Some(t) = tables.last_mut() {
                        t.cell = Some(String::new());
                        t.merged = false;
                    }
                } else if is(&e, b"w:vMerge") {
                    if let Some(t) = tables.last_mut() {
                        t.merged = val(&e).as_deref() != Some("restart");
                    }
                } else if is(&e, b"w:p") && !in_cell {
                    para.clear();
                } else if is(&e, b"w:t") {
                    in_text = true;
                }
            }
            Event::Empty(e) => {
                if is(&e, b"w:vMerge") {
                    if let Some(t) = tables.last_mut() {
                        t.merged = val(&e).as_deref() != Some("restart");
                    }
                } else if is(&e, b"w:tab") && !in_cell {
                    para.push(' ');
                } else if is(&e, b"w:br") && !in_cell && tables.is_empty() {
                    push_text(&mut out, &mut block, &para);
                    para.clear();
                }
            }
            Event::End(e) => match e.name().as_ref() {
                b"w:t" => in_text = false,
                b"w:p" if !in_cell && tables.is_empty() => {
                    push_text(&mut out, &mut block, &para);
                    para.clear();
                }
                b"w:tc" => {
                    if let Some(t) = tables.last_mut() {
                        let cell = t.cell.take().unwrap_or_default();
                        if !t.merged {
                            if let Some(row) = t.row.as_mut() {
                                row.push(collapse(&cell));
                            }
                        }
                        t.merged = false;
                    }
                }
                b"w:tr" => {
                    if let Some(row) = tables.last_mut().and_then(|t| t.row.take()) {
                        block += 1;
                        if !row.is_empty() {
                            out.push(Line {
                                no: block,
                                col: 1,
                                indent: 0,
                                body: Body::Cells(row),
                            });
                        }
                    }
                }
                b"w:tbl" => {
                    tables.pop();
                }
                _ => {}
            },
            Event::Text(t) if in_text => {
                let s = t.decode().map_err(|e| format!("文字编码有误（{e}）"))?;
                // A no-break space is a space (Word and our export keep `文件 11 件` on
                // one line with it), as in HTML.
                target(&mut tables, &mut para).push_str(&s.replace('\u{a0}', " "));
            }
            Event::CData(t) if in_text => {
                let s = String::from_utf8_lossy(&t).into_owned();
                target(&mut tables, &mut para).push_str(&s);
            }
            Event::GeneralRef(r) if in_text => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match r.decode().ok().as_deref() {
                        Some("amp") => Some('&'),
                        Some("lt") => Some('<'),
                        Some("gt") => Some('>'),
                        Some("quot") => Some('"'),
                        Some("apos") => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = c {
                    target(&mut tables, &mut para).push(c);
                }
            }
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

/// Where text goes: the open cell of the innermost table, else the paragraph.
fn target<'a>(tables: &'a mut [TableState], para: &'a mut String) -> &'a mut String {
    match tables.last_mut().and_then(|t| t.cell.as_mut()) {
        Some(c) => c,
        None => para,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#;

    #[test]
    fn paragraphs_tables_and_merged_cells() {
        let xml = format!(
            "{W}<w:p><w:r><w:t>一、总体</w:t></w:r><w:r><w:t xml:space=\"preserve\">情况 &amp; </w:t></w:r></w:p>\
             <w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>三、本年度办</w:t></w:r></w:p><w:p><w:r><w:t>理结果</w:t></w:r></w:p></w:tc>\
             <w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>12</w:t></w:r></w:p></w:tc></w:tr>\
             <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>3</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\
             <w:p><w:r><w:t>二</w:t></w:r></w:p></w:body></w:document>"
        );
        let lines = read_document(xml.as_bytes()).expect("reads");
        let bodies: Vec<&Body> = lines.iter().map(|l| &l.body).collect();
        assert_eq!(
            bodies,
            vec![
                &Body::Text("一、总体情况 &".into()),
                &Body::Cells(vec!["三、本年度办理结果".into(), "12".into()]),
                &Body::Cells(vec!["3".into()]),
                &Body::Text("二".into()),
            ]
        );
        assert_eq!(lines[2].no, 3);
    }

    #[test]
    fn deep_nesting_is_refused_not_a_crash() {
        let xml = format!(
            "{W}{}{}</w:body></w:document>",
            "<w:tbl><w:tr><w:tc>".repeat(100_000),
            "</w:tc></w:tr></w:tbl>".repeat(100_000)
        );
        let err = read_document(xml.as_bytes()).unwrap_err();
        assert!(err.contains("嵌套"), "{err}");
    }

    #[test]
    fn a_zip_without_a_document_is_not_a_word_file() {
        let err = lines(b"PK\x03\x04garbage").unwrap_err();
        assert!(err.contains("zip"), "{err}");
    }
}
