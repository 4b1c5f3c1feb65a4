//! External programs the publishing tests need (chromium, soffice, pdftotext). A missing
//! program FAILS the test with what to install: nothing is skipped silently.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The path of a program on PATH; panics with what to install when it is missing.
pub fn require(program: &str, package: &str) -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        let p = dir.join(program);
        if p.is_file() {
            return p;
        }
    }
    panic!("this test needs `{program}` (Debian package {package}; .ci/run installs it) and it is not on PATH");
}

/// Runs a command, panics with its output when it fails.
pub fn run(cmd: &mut Command) -> std::process::Output {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed ({}):\n{}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// `pdftotext -layout PDF -`: the text as a reader copying from the PDF gets it.
pub fn pdftotext(pdf: &Path) -> String {
    let bin = require("pdftotext", "poppler-utils");
    let out = run(Command::new(bin).arg("-layout").arg(pdf).arg("-"));
    String::from_utf8(out.stdout).expect("pdftotext writes UTF-8")
}

/// Headless Chromium with the flags a root user on a server needs, a fresh profile in
/// `profile`; it prints pages without the browser's header and footer.
pub fn chromium(profile: &Path) -> Command {
    let mut c = chromium_printing_furniture(profile);
    c.arg("--no-pdf-header-footer");
    c
}

/// … printing pages as a user's "Print → Save as PDF" does: the date and the page's title
/// on top of every page, its address and the page number below.
pub fn chromium_printing_furniture(profile: &Path) -> Command {
    let bin = require("chromium", "chromium");
    let mut c = Command::new(bin);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    c
}

/// `soffice --headless --convert-to pdf --outdir OUT FILES...`: every file in one start.
pub fn soffice_to_pdf(files: &[PathBuf], out: &Path, profile: &Path) {
    soffice_convert(files, "pdf", out, profile);
}

/// `soffice --headless --convert-to FILTER --outdir OUT FILES...` (`pdf`,
/// `html:HTML (StarWriter)`, `txt:Text (encoded):UTF8`): every file in one start.
pub fn soffice_convert(files: &[PathBuf], filter: &str, out: &Path, profile: &Path) {
    let bin = require("soffice", "libreoffice-writer-nogui");
    run(Command::new(bin)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            filter,
            "--outdir",
        ])
        .arg(out)
        .args(files));
}
