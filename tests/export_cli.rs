//! `nianbao export` as a user runs it: formats from --to or the extension, --dir for many
//! files, exit codes, atomic replacement, check errors on stderr.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

fn nianbao(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["hongze-2023.yaml", "huaian-2024.yaml"] {
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("examples")
                .join(name),
            dir.path().join(name),
        )
        .expect("copy example");
    }
    dir
}

#[test]
fn the_format_comes_from_to_else_from_the_extension() {
    let dir = setup();
    let d = dir.path();
    let o = nianbao(&["export", "huaian-2024.yaml", "-o", "报告.docx"], d);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("已写入 报告.docx"), "{}", stderr(&o));
    assert_eq!(&std::fs::read(d.join("报告.docx")).unwrap()[..2], b"PK");
    let o = nianbao(
        &["export", "--to", "md", "huaian-2024.yaml", "-o", "x.txt"],
        d,
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(std::fs::read_to_string(d.join("x.txt"))
        .unwrap()
        .starts_with("# 淮安市人民政府"));
    // No -o: beside the input, html unless --to says otherwise.
    let o = nianbao(&["export", "huaian-2024.yaml"], d);
    assert_eq!(o.status.code(), Some(0));
    assert!(std::fs::read_to_string(d.join("huaian-2024.html"))
        .unwrap()
        .starts_with("<!DOCTYPE html>"));
    let o = nianbao(&["export", "--to", "txt", "huaian-2024.yaml"], d);
    assert_eq!(o.status.code(), Some(0));
    assert!(d.join("huaian-2024.txt").is_file());
    // An extension that names no format, and an unknown --to, are refused with the choices.
    let o = nianbao(&["export", "huaian-2024.yaml", "-o", "x.pdf"], d);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--to html|docx|md|txt"),
        "{}",
        stderr(&o)
    );
    assert!(!d.join("x.pdf").exists());
    let o = nianbao(&["export", "--to", "pdf", "huaian-2024.yaml"], d);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("html（网页）"), "{}", stderr(&o));
}

#[test]
fn several_files_go_to_a_folder_and_an_unreadable_one_gives_2() {
    let dir = setup();
    let d = dir.path();
    std::fs::write(d.join("bad.yaml"), "agency: [\n").unwrap();
    std::fs::create_dir(d.join("out")).unwrap();
    let o = nianbao(
        &[
            "export",
            "--to",
            "docx",
            "--dir",
            "out",
            "hongze-2023.yaml",
            "bad.yaml",
            "huaian-2024.yaml",
        ],
        d,
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("bad.yaml：不是可读的报告，未导出"), "{err}");
    assert!(d.join("out/hongze-2023.docx").is_file());
    assert!(d.join("out/huaian-2024.docx").is_file());
    assert!(!d.join("out/bad.docx").exists());
    // A report with check errors is still exported; the errors are on stderr.
    assert!(err.contains("hongze-2023.yaml：C1 错误"), "{err}");
    assert!(
        err.contains("已写入 out/hongze-2023.docx（报告有 2 处错误"),
        "{err}"
    );
    // -o with several inputs, and a missing folder, are refused.
    let o = nianbao(
        &[
            "export",
            "-o",
            "a.html",
            "hongze-2023.yaml",
            "huaian-2024.yaml",
        ],
        d,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--dir"), "{}", stderr(&o));
    let o = nianbao(&["export", "--dir", "nowhere", "hongze-2023.yaml"], d);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("不是一个已有的文件夹"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn an_existing_output_is_replaced_atomically_keeping_its_permissions() {
    let dir = setup();
    let d = dir.path();
    let out = d.join("huaian-2024.html");
    std::fs::write(&out, "old").unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).unwrap();
    let o = nianbao(&["export", "huaian-2024.yaml"], d);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = std::fs::read_to_string(&out).unwrap();
    assert!(s.starts_with("<!DOCTYPE html>") && s.ends_with("</html>\n"));
    assert_eq!(
        std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
        0o640
    );
    // No temporary file left beside it.
    let names: Vec<String> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains(".tmp-")), "{names:?}");
    // The input is never the output.
    std::fs::copy(d.join("huaian-2024.yaml"), d.join("r.html")).unwrap();
    let o = nianbao(&["export", "r.html", "-o", "r.html"], d);
    assert_eq!(o.status.code(), Some(2));
}
