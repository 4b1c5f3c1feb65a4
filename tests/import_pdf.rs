//! `nianbao import REPORT.pdf`: a PDF is read through `pdftotext -layout` (poppler-utils),
//! as a reviewer gets it — here the exported web page saved as PDF by the browser with its
//! header and footer (date, title, address, page numbers) on every page. Each example
//! comes back as the report it states. A PDF that is broken, has no text, or cannot be read
//! because pdftotext is missing gets a message that says so and what to do (exit 2).
//! Chromium and pdftotext missing: the test fails (.ci/run installs them).

mod common;

use common::external::{chromium_printing_furniture, require, run};
use common::process::{output_within, stderr};
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
