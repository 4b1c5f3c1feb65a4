//! PDF inputs of `import`: the text of a PDF as a reader copying from it gets it, by
//! poppler's `pdftotext -layout` (the one tool that reads the CJK fonts of real reports
//! well; no crate of ours does). The importer then reads that text like any other.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long `pdftotext` may take on one file (a report's PDF takes well under a second).
const DEADLINE: Duration = Duration::from_secs(60);

/// The largest PDF `import` reads (a report's PDF with scanned seals runs to a few MB).
pub const MAX_PDF_BYTES: u64 = 64 * 1024 * 1024;

/// True when the bytes start as a PDF file does (`%PDF-`, perhaps after a byte order mark
/// or a few bytes of junk, which readers accept).
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes.windows(5).take(16).any(|w| w == b"%PDF-")
}

/// The text of a PDF, by `pdftotext -layout -enc UTF-8 - -` (the PDF on its standard
/// input); `name` is the input as the user named it, for messages. Errors say what is
/// wrong and what to do.
pub fn text_of(pdf: Vec<u8>, name: &str) -> Result<Vec<u8>, String> {
    let mut child = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                format!(
                    "{name} 是 PDF 文件；读取 PDF 需要 pdftotext，但本机没有找到。请安装 poppler-utils（Debian/Ubuntu：apt install poppler-utils），或在别处转成文本后再导入：pdftotext -layout {name} 报告.txt"
                )
            } else {
                format!("{name} 是 PDF 文件，但无法运行 pdftotext：{e}")
            }
        })?;
    // Write and read the pipes on threads so that a full pipe never blocks the child.
    let mut input = child.stdin.take().expect("piped");
    let in_t = std::thread::spawn(move || {
        use std::io::Write;
        // A PDF pdftotext stops reading early (a broken one) closes the pipe: not an error
        // of ours, its status says what happened.
        let _ = input.write_all(&pdf);
    });
    let mut out = child.stdout.take().expect("piped");
    let err = child.stderr.take().expect("piped");
    let out_t = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = out.read_to_end(&mut b);
        b
    });
    let err_t = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = err.take(64 * 1024).read_to_end(&mut b);
        b
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break s,
            Ok(None) if started.elapsed() > DEADLINE => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "{name}：pdftotext 在 {} 秒内没有读完这个 PDF，未导入；请确认文件完好，或先自行转成文本：pdftotext -layout {name} 报告.txt",
                    DEADLINE.as_secs()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => return Err(format!("{name}：等待 pdftotext 时出错：{e}")),
        }
    };
    let _ = in_t.join();
    let text = out_t.join().unwrap_or_default();
    let errors = err_t.join().unwrap_or_default();
    if !status.success() {
        let why = String::from_utf8_lossy(&errors);
        let why = crate::text::clean_line(why.trim());
        return Err(format!(
            "{name} 是 PDF 文件，但 pdftotext 读不了它（{why}），未导入；文件可能已损坏或有密码保护"
        ));
    }
    if String::from_utf8_lossy(&text).trim().is_empty() {
        return Err(format!(
            "{name} 是 PDF 文件，但其中没有文字（可能是扫描件，页面只是图片），未导入；请先用文字识别（OCR）转成文本再导入"
        ));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_files_are_told_by_their_signature() {
        assert!(is_pdf(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"));
        assert!(is_pdf(b"\xef\xbb\xbf%PDF-1.4"));
        assert!(!is_pdf("一、总体情况 %PDF".as_bytes()));
        assert!(!is_pdf(b"<html>"));
    }
}
