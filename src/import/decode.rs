//! Bytes to text: UTF-8, or GBK/GB2312/GB18030 (declared by an HTML page's
//! `<meta charset>`, or found when the bytes are not UTF-8), decoded with `encoding_rs`.

use encoding_rs::{Encoding, GB18030, UTF_8};

/// The text of an input and the encoding it was read in (`None`: UTF-8).
#[derive(Debug)]
pub(crate) struct Decoded {
    /// The text.
    pub text: String,
    /// The encoding's name when it was not UTF-8 (`GBK`, `GB18030`, `windows-1252` …).
    pub encoding: Option<&'static str>,
}

/// Why bytes are not text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Undecodable {
    /// The line of the first byte that is neither UTF-8 nor GB18030.
    pub line: usize,
}

/// The charset an HTML page declares in its first 4 KB (`<meta charset="gb2312">`,
/// `<meta http-equiv="Content-Type" content="text/html; charset=GBK">`).
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(p) = find(&lower[from..], b"charset") {
        let mut i = from + p + b"charset".len();
        while i < lower.len() && matches!(lower[i], b' ' | b'=' | b'"' | b'\'') {
            i += 1;
        }
        let start = i;
        while i < lower.len()
            && (lower[i].is_ascii_alphanumeric() || matches!(lower[i], b'-' | b'_'))
        {
            i += 1;
        }
        if i > start {
            if let Some(e) = Encoding::for_label(&lower[start..i]) {
                return Some(e);
            }
        }
        from = i.max(from + p + 1);
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn line_of(bytes: &[u8], at: usize) -> usize {
    bytes[..at].iter().filter(|b| **b == b'\n').count() + 1
}

/// Decodes an input: a UTF-8 BOM is dropped; a declared charset is used when the bytes
/// agree with it; otherwise UTF-8, and bytes that are not UTF-8 are tried as GB18030 (a
/// superset of GBK and GB2312), taken only when they decode without a single error.
pub(crate) fn decode(bytes: &[u8]) -> Result<Decoded, Undecodable> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(enc) = declared_charset(bytes) {
        if enc != UTF_8 {
            let enc = if matches!(enc.name(), "GBK" | "gb18030") {
                GB18030
            } else {
                enc
            };
            if let Some(text) = enc.decode_without_bom_handling_and_without_replacement(bytes) {
                return Ok(Decoded {
                    text: text.into_owned(),
                    encoding: Some(enc.name()),
                });
            }
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded {
            text: s.to_string(),
            encoding: None,
        }),
        Err(e) => match GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
            Some(text) => Ok(Decoded {
                text: text.into_owned(),
                encoding: Some(GB18030.name()),
            }),
            None => Err(Undecodable {
                line: line_of(bytes, e.valid_up_to()),
            }),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_pages_and_text_are_decoded() {
        let (page, _, _) = GB18030.encode(
            "<html><head><meta charset=\"gb2312\"></head><body><p>一、总体情况</p></body></html>",
        );
        let d = decode(&page).expect("decodes");
        assert!(d.text.contains("一、总体情况"));
        assert_eq!(d.encoding, Some("gb18030"));
        let (text, _, _) = GB18030.encode("一、总体情况\n二、主动公开");
        let d = decode(&text).expect("decodes");
        assert_eq!(d.text, "一、总体情况\n二、主动公开");
        let d = decode("\u{FEFF}一、".as_bytes()).expect("utf-8");
        assert_eq!((d.text.as_str(), d.encoding), ("一、", None));
    }

    #[test]
    fn bytes_that_are_no_text_are_refused_with_their_line() {
        let mut b = b"line one\nline two\n".to_vec();
        b.extend([0xFF, 0xFF, 0x00, 0x81]);
        assert_eq!(decode(&b).unwrap_err(), Undecodable { line: 3 });
    }
}
