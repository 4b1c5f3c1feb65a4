//! Our published documents after the conversions their readers make, imported through the
//! binary: the web page saved as PDF by the browser (`nianbao import REPORT.pdf` reads a PDF
//! through `pdftotext -layout`, poppler-utils) with the header and footer a browser prints
//! on every page (date, title, address, page numbers); the Word file saved by LibreOffice as
//! a web page, as text and as PDF. Each example comes back as the report it states. A PDF
//! that is broken, has no text, or cannot be read because pdftotext is missing gets a
//! message that says so and what to do (exit 2). Chromium, LibreOffice and pdftotext
//! missing: the tests fail (.ci/run installs them).

mod common;

use common::external::{chromium_printing_furniture, require, run};
use common::process::{output_within, stderr};
use common::reports;
use nianbao::model::Report;
use nianbao::publish::{doc, render, Format};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

const EXAMPLES: [&str; 4] = [
    "gulou-kegongxin-2023.yaml",
    "hongze-2023.yaml",
    "hongze-2024.yaml",
    "huaian-2024.yaml",
];

fn nianbao(args: &[&Path], path_env: Option<&str>) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_nianbao"));
    cmd.arg("import")
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(p) = path_env {
        cmd.env("PATH", p);
    }
    output_within(&mut cmd, Duration::from_secs(60), "nianbao import")
}

/// Prints `html` to a PDF beside it as a user's browser does (header and footer on).
fn print_to_pdf(html: &Path, profile: &Path) -> PathBuf {
    let pdf = html.with_extension("pdf");
    run(chromium_printing_furniture(profile)
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display())));
    pdf
}

#[test]
fn a_pdf_printed_by_the_browser_imports_as_the_report() {
    require("pdftotext", "poppler-utils");
    let dir = tempfile::tempdir().expect("temp dir");
    let profile = dir.path().join("profile");
    let mut failures = Vec::new();
    for name in EXAMPLES {
        let r = common::examples::example(name);
        let html = dir.path().join(name).with_extension("html");
        std::fs::write(&html, render(&r, Format::Html)).expect("write html");
        let pdf = print_to_pdf(&html, &profile);
        let yaml = pdf.with_extension("yaml");
        let o = nianbao(&[&pdf, Path::new("-o"), &yaml], None);
        let err = stderr(&o);
        if o.status.code() != Some(0) {
            failures.push(format!("{name}: exit {:?}\n{err}", o.status.code()));
            continue;
        }
        assert!(
            err.starts_with(&format!("导入 {}：PDF 提取文本", pdf.display())),
            "{err}"
        );
        let got = nianbao::yaml::load_file(&yaml)
            .expect("the YAML written loads")
            .report;
        let want = doc::as_published(&r);
        if got != want {
            failures.push(format!(
                "{name}: not equal\nwant:\n{}\ngot:\n{}\naccount:\n{err}",
                nianbao::yaml::to_yaml(&want),
                nianbao::yaml::to_yaml(&got)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Imports `input` through the binary; the report, or why not.
fn imported(input: &Path) -> Result<Report, String> {
    let yaml = input.with_extension("imported.yaml");
    let o = nianbao(&[input, Path::new("-o"), &yaml], None);
    let err = stderr(&o);
    if o.status.code() != Some(0) {
        return Err(format!("exit {:?}\n{err}", o.status.code()));
    }
    Ok(nianbao::yaml::load_file(&yaml)
        .map_err(|e| format!("{e}\n{err}"))?
        .report)
}

/// The report with every no-break space as a space (LibreOffice's text export writes
/// them so; the examples keep the ones their sources had).
fn spaces(r: &Report) -> Report {
    let yaml = nianbao::yaml::to_yaml(r).replace('\u{a0}', " ");
    nianbao::yaml::load_str(&yaml, "r.yaml")
        .expect("loads")
        .report
}

#[test]
fn a_word_file_converted_by_libreoffice_imports_as_the_report() {
    require("pdftotext", "poppler-utils");
    let dir = tempfile::tempdir().expect("temp dir");
    let docx: Vec<PathBuf> = EXAMPLES
        .iter()
        .map(|name| {
            let r = common::examples::example(name);
            let p = dir.path().join(name).with_extension("docx");
            std::fs::write(&p, render(&r, Format::Docx)).expect("write docx");
            p
        })
        .collect();
    let mut failures = Vec::new();
    for (filter, ext) in [
        ("html:HTML (StarWriter)", "html"),
        ("txt:Text (encoded):UTF8", "txt"),
        ("pdf", "pdf"),
    ] {
        let out = dir.path().join(ext);
        common::external::soffice_convert(&docx, filter, &out, &dir.path().join("lo"));
        for name in EXAMPLES {
            let input = out.join(name).with_extension(ext);
            // Text from a PDF has its own spaces between letters and digits.
            let same = |r: &Report| {
                if ext == "pdf" {
                    reports::spaceless(r)
                } else {
                    spaces(r)
                }
            };
            let want = same(&doc::as_published(&common::examples::example(name)));
            match imported(&input) {
                Ok(got) if same(&got) == want => {}
                Ok(got) => failures.push(format!(
                    "{name} as {ext}: not equal\nwant:\n{}\ngot:\n{}",
                    nianbao::yaml::to_yaml(&want),
                    nianbao::yaml::to_yaml(&got)
                )),
                Err(e) => failures.push(format!("{name} as {ext}: {e}")),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn a_pdf_that_cannot_be_read_says_why_and_what_to_do() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Broken: the signature and nothing else.
    let broken = dir.path().join("broken.pdf");
    std::fs::write(&broken, b"%PDF-1.7\n1 0 obj\n").expect("write");
    let o = nianbao(&[&broken], None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("broken.pdf 是 PDF 文件，但 pdftotext 读不了它") && err.contains("损坏"),
        "{err}"
    );
    // No text: a page with a picture only (a scan).
    let html = dir.path().join("scan.html");
    std::fs::write(
        &html,
        "<!DOCTYPE html><html><body><div style=\"width:300px;height:300px;background:#888\"></div></body></html>",
    )
    .expect("write");
    let scan = {
        let pdf = html.with_extension("pdf");
        run(common::external::chromium(&dir.path().join("profile"))
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(format!("file://{}", html.display())));
        pdf
    };
    let o = nianbao(&[&scan], None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("没有文字（可能是扫描件") && stderr(&o).contains("OCR"),
        "{}",
        stderr(&o)
    );
    // pdftotext missing: what to install, and how to convert elsewhere.
    let o = nianbao(&[&scan], Some("/nonexistent"));
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("需要 pdftotext") && err.contains("apt install poppler-utils"),
        "{err}"
    );
}
