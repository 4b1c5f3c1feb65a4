//! `nianbao import` as a user runs it: exit codes, the YAML, the account on stderr.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn data(name: &str) -> String {
    let p = format!("{}/tests/import_data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(p).expect("test input")
}

fn nianbao(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input)
            .expect("writes");
    } else {
        drop(child.stdin.take());
    }
    child.wait_with_output().expect("finishes")
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("writes input");
    p
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn expected(name: &str) -> nianbao::model::Report {
    let p = format!("{}/examples/{name}.yaml", env!("CARGO_MANIFEST_DIR"));
    nianbao::yaml::load_file(Path::new(&p))
        .expect("loads")
        .report
}

#[test]
fn an_example_imports_to_stdout_with_exit_0_and_an_account() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = write(dir.path(), "huaian.txt", &data("huaian-2024.txt"));
    let o = nianbao(&["import", input.to_str().expect("utf-8 path")], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let yaml = String::from_utf8(o.stdout.clone()).expect("utf-8 YAML");
    let got = nianbao::yaml::load_str(&yaml, "stdout")
        .expect("valid YAML")
        .report;
    assert_eq!(got, expected("huaian-2024"));
    let err = stderr(&o);
    assert!(err.contains("PDF 提取文本"), "{err}");
    assert!(err.contains("机关名称 淮安市人民政府，年度 2024"), "{err}");
    assert!(err.contains("三 175/175 格"), "{err}");
    assert!(
        err.contains("F1 警告"),
        "the check findings are in the account: {err}"
    );
    assert!(err.contains("结论：表格的每个单元格都已识别"), "{err}");
}

#[test]
fn output_file_and_stdin() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out.yaml");
    let o = nianbao(
        &["import", "-", "-o", out.to_str().expect("utf-8 path")],
        Some(data("gulou-kegongxin-2023.txt").as_bytes()),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stdout.is_empty(), "YAML goes to the file only");
    let got = nianbao::yaml::load_file(&out).expect("written").report;
    assert_eq!(got, expected("gulou-kegongxin-2023"));
    assert!(stderr(&o).contains("已写入"), "{}", stderr(&o));
}

#[test]
fn an_unreadable_row_gives_exit_1_its_line_and_still_the_yaml() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Line 123 of hongze-2024: `2.重复申请` with three numbers instead of seven, which no
    // filling of blank cells makes add up (`0 0 0` would: seven zeros, issue 11).
    let text = data("hongze-2024.txt");
    let lines: Vec<&str> = text.split('\n').collect();
    assert!(lines[122].contains("2.重复申请"));
    let mut changed: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    changed[122] = "                 2.重复申请                2    0   5".to_string();
    let input = write(dir.path(), "h.txt", &changed.join("\n"));
    let out = dir.path().join("h.yaml");
    let o = nianbao(
        &[
            "import",
            input.to_str().expect("path"),
            "-o",
            out.to_str().expect("path"),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("第 123 行"), "{err}");
    assert!(err.contains("2.重复申请"), "{err}");
    assert!(
        err.contains("应有 7 个数，这里只有 3 个（“2 0 5”）"),
        "{err}"
    );
    assert!(err.contains("有 7 个单元格未能识别"), "{err}");
    let got = nianbao::yaml::load_file(&out)
        .expect("YAML still written")
        .report;
    assert_eq!(got.requests.cells[16], [0; 7]);
    assert_eq!(
        got.requests.cells[15],
        expected("hongze-2024").requests.cells[15]
    );
}

#[test]
fn blank_cells_import_as_0_and_are_listed_with_exit_0() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = data("gulou-kegongxin-2023.txt").replace("行政许可\t0\t\t", "行政许可\t\t\t");
    let input = write(dir.path(), "g.txt", &text);
    let o = nianbao(&["import", input.to_str().expect("path")], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("空白单元格（1 个，按 0 写入）"), "{err}");
    assert!(
        err.contains("第 27 行：第二部分 · 行政许可 · 本年处理决定数量 空白"),
        "{err}"
    );
}

#[test]
fn a_report_that_breaks_b3_is_imported_as_published() {
    let dir = tempfile::tempdir().expect("tempdir");
    // 四、结转下年度 103 → 104 in the 自然人 column and the total: B1 holds, B3 does not.
    let text = data("huaian-2024.txt").replace(
        "四、结转下年度继续办理                          103          0        0         0        0         0    103",
        "四、结转下年度继续办理                          104          0        0         0        0         0    104",
    );
    let input = write(dir.path(), "h.txt", &text);
    let o = nianbao(&["import", input.to_str().expect("path")], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let got = nianbao::yaml::load_str(&String::from_utf8_lossy(&o.stdout), "out")
        .expect("YAML")
        .report;
    assert_eq!(got.requests.cells[24][0], 104, "imported as published");
    let err = stderr(&o);
    assert!(err.contains("按原文导入"), "{err}");
    assert!(
        err.contains("B3 错误 三、收到和处理政府信息公开申请情况 · 自然人: 一+二 = 3035，（七）总计+四 = 3036"),
        "{err}"
    );
}

#[test]
fn not_a_report_exits_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = write(dir.path(), "x.txt", "会议纪要\n一、会议议程\n今天开会。\n");
    let o = nianbao(&["import", input.to_str().expect("path")], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    let err = stderr(&o);
    assert!(err.contains("输入不是政府信息公开工作年度报告"), "{err}");
    assert!(err.contains("没有找到"), "{err}");
}

#[test]
fn the_format_is_told_by_the_tables_and_named_in_the_account() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A 2021-format table A in a report for 2020: imported in the 2021 format (its tables
    // say so), and V1 says that format and year disagree.
    let text = data("hongze-2023.txt").replace(
        "2023 年政府信息公开工作年度报告",
        "2020 年政府信息公开工作年度报告",
    );
    let input = write(dir.path(), "old.txt", &text);
    let out = dir.path().join("old.yaml");
    let o = nianbao(
        &[
            "import",
            input.to_str().expect("path"),
            "-o",
            out.to_str().expect("path"),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("格式：2021 年版格式（表二有该版的栏目"),
        "{err}"
    );
    assert!(err.contains("V1"), "{err}");
    let yaml = std::fs::read_to_string(&out).expect("written");
    assert!(yaml.starts_with("format: 2021\n"), "{yaml}");

    // The real 2019-format page: format 2019, the amount converted and said so.
    let input = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/import_data/shanghai-2019.html");
    let out = dir.path().join("sh.yaml");
    let o = nianbao(
        &[
            "import",
            input.to_str().expect("path"),
            "-o",
            out.to_str().expect("path"),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("格式：2019 年版（试行）格式"), "{err}");
    assert!(err.contains("单位换算："), "{err}");
    assert!(
        err.contains("“251000元”印有单位元，换算为 25.1 万元"),
        "{err}"
    );
    let yaml = std::fs::read_to_string(&out).expect("written");
    assert!(yaml.starts_with("format: 2019\n"), "{yaml}");
    assert!(
        yaml.contains("procurement:         {projects: 6, amount_wan_yuan: 25.1}"),
        "{yaml}"
    );
}

#[test]
fn gbk_input_is_decoded_and_bytes_that_are_no_text_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = data("hongze-2023.txt");
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let p = write_bytes(dir.path(), "gbk.txt", &gbk);
    let o = nianbao(&["import", p.to_str().expect("path")], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("编码：gb18030"), "{}", stderr(&o));
    let got = nianbao::yaml::load_str(&String::from_utf8_lossy(&o.stdout), "out")
        .expect("yaml")
        .report;
    assert_eq!(got, expected("hongze-2023"));
    let bad = write_bytes(dir.path(), "bad.bin", b"line\n\xff\xff\x00\x81\xfe");
    let o = nianbao(&["import", bad.to_str().expect("path")], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("既不是 UTF-8 也不是 GBK"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("第 2 行"), "{}", stderr(&o));
}

fn write_bytes(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("writes");
    p
}

/// A reviewer imports a whole folder of downloaded pages: one summary line per file, the
/// YAML of each in the folder, exit code the worst of them.
#[test]
fn a_folder_of_reports_imports_with_dir() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = write(dir.path(), "hongze-2023.txt", &data("hongze-2023.txt"));
    let b = write(dir.path(), "pingtan-2023.txt", &data("pingtan-2023.txt"));
    let c = write(dir.path(), "notes.txt", "购物清单：苹果、梨。");
    let sub = dir.path().join("other");
    std::fs::create_dir(&sub).expect("mkdir");
    let d = write(&sub, "hongze-2023.txt", &data("hongze-2023.txt"));
    let out = dir.path().join("out");
    let args: Vec<&str> = vec![
        "import",
        a.to_str().expect("path"),
        b.to_str().expect("path"),
        c.to_str().expect("path"),
        d.to_str().expect("path"),
        "--dir",
        out.to_str().expect("path"),
    ];
    let o = nianbao(&args, None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 5, "{err}");
    assert!(
        lines[0].contains("hongze-2023.yaml") && lines[0].contains("全部格子已识别"),
        "{err}"
    );
    assert!(
        lines[1].contains("平潭综合实验区 2023 年")
            && lines[1].contains("未能识别 1 处：3 个单元格按 0 写入"),
        "{err}"
    );
    assert!(
        lines[2].contains("notes.txt") && lines[2].contains("未导入"),
        "{err}"
    );
    // Same name twice: the second does not overwrite the first.
    assert!(lines[3].contains("hongze-2023-2.yaml"), "{err}");
    assert!(
        lines[4].contains("共 4 个文件：2 个全部识别，1 个有未识别的格子，1 个未导入"),
        "{err}"
    );
    for name in [
        "hongze-2023.yaml",
        "hongze-2023-2.yaml",
        "pingtan-2023.yaml",
    ] {
        let got = nianbao::yaml::load_file(&out.join(name))
            .expect("written")
            .report;
        assert!(got.year == 2023, "{name}");
    }
    assert!(!out.join("notes.yaml").exists());
    // Without failures the exit code is the worst of 0 and 1.
    let o = nianbao(
        &[
            "import",
            a.to_str().expect("path"),
            b.to_str().expect("path"),
            "--dir",
            out.to_str().expect("path"),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    // Several files without --dir: refused with the advice.
    let o = nianbao(
        &[
            "import",
            a.to_str().expect("path"),
            b.to_str().expect("path"),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--dir"), "{}", stderr(&o));
}

/// Many files (more than one chunk of the parallel reading): the summary lines and the names
/// come in the inputs' order, as with one thread.
#[test]
fn many_files_with_dir_keep_their_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = data("hongze-2023.txt");
    let inputs: Vec<PathBuf> = (0..70)
        .map(|k| {
            if k == 33 {
                write(dir.path(), &format!("r{k:02}.txt"), "不是报告")
            } else {
                write(dir.path(), &format!("r{k:02}.txt"), &text)
            }
        })
        .collect();
    let out = dir.path().join("out");
    let mut args: Vec<&str> = vec!["import"];
    args.extend(inputs.iter().map(|p| p.to_str().expect("path")));
    args.extend(["--dir", out.to_str().expect("path")]);
    let o = nianbao(&args, None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 71, "{err}");
    for (k, line) in lines[..70].iter().enumerate() {
        assert!(line.contains(&format!("r{k:02}.txt")), "line {k}: {line}");
        assert_eq!(line.contains("未导入"), k == 33, "line {k}: {line}");
    }
    assert!(lines[70].contains("共 70 个文件：69 个全部识别"), "{err}");
    assert!(out.join("r69.yaml").exists() && !out.join("r33.yaml").exists());
}

/// One limit for import and check: an input larger than check reads is not imported.
#[test]
fn an_input_over_the_check_limit_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut text = data("hongze-2023.txt");
    while text.len() <= 10 * 1024 * 1024 {
        text.push_str(&"正文。".repeat(100_000));
    }
    let p = write(dir.path(), "big.txt", &text);
    let o = nianbao(&["import", p.to_str().expect("path")], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("超过 10 MB"), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
}

#[test]
fn a_missing_input_file_exits_2() {
    let o = nianbao(&["import", "/nonexistent/report.txt"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("无法打开输入文件"), "{}", stderr(&o));
}

#[test]
fn a_published_web_page_imports_with_exit_0() {
    let path = format!(
        "{}/tests/import_data/gulou-kegongxin-2023.html",
        env!("CARGO_MANIFEST_DIR")
    );
    let o = nianbao(&["import", &path], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let got = nianbao::yaml::load_str(&String::from_utf8_lossy(&o.stdout), "out")
        .expect("YAML")
        .report;
    assert_eq!(got, expected("gulou-kegongxin-2023"));
    let err = stderr(&o);
    assert!(err.contains("网页 HTML"), "{err}");
    assert!(
        err.contains(
            "（标题印作“区科学技术和工业信息化局”，正文中写作“鼓楼区科学技术和工业信息化局”）"
        ),
        "{err}"
    );
}

#[test]
fn run_together_digits_are_listed_with_their_reading() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = data("huaian-2024.txt").replace(
        "一、本年新收政府信息公开申请数量                3001        53       0        0    61       4   3119",
        "一、本年新收政府信息公开申请数量 30015300614 3119",
    );
    let input = write(dir.path(), "h.txt", &text);
    let o = nianbao(&["import", input.to_str().expect("path")], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("按表格自身的勾稽关系确定"), "{err}");
    assert!(
        err.contains(
            "第 125 行：第三部分 · 一、本年新收政府信息公开申请数量：连写的数字“30015300614 3119”"
        ),
        "{err}"
    );
    assert!(err.contains("3001 53 0 0 61 4 3119"), "{err}");
}
