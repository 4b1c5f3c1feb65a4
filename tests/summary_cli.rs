//! `nianbao summary` as scripts and spreadsheets see it: CSV read back with a CSV reader,
//! JSON, the plain table, an unreadable file, `--sort` and `--previous-dir`; and the table in
//! a real 80-column terminal.

mod common;

use common::process::in_crate_root as nianbao;
use std::path::Path;

const FILES: [&str; 3] = [
    "examples/hongze-2023.yaml",
    "examples/hongze-2024.yaml",
    "examples/gulou-kegongxin-2023.yaml",
];

#[test]
fn csv_reads_back_as_a_spreadsheet_would() {
    let mut args = vec!["summary", "--format", "csv"];
    args.extend(FILES);
    let (code, out, err) = nianbao(&args);
    assert_eq!(code, 0, "{err}");
    // UTF-8 with a BOM, CRLF line ends, every field quoted.
    assert!(out.starts_with("\u{feff}\"文件\",\"机关名称\",\"年份\"".as_bytes()));
    let text = String::from_utf8(out).expect("UTF-8");
    assert!(text.ends_with("\r\n"));
    assert_eq!(text.matches("\r\n").count(), text.matches('\n').count());
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(
        headers,
        [
            "文件",
            "机关名称",
            "年份",
            "本年新收",
            "上年结转",
            "办结",
            "予以公开",
            "部分公开",
            "公开率",
            "不予公开",
            "无法提供",
            "不予处理",
            "结转下年度",
            "行政复议",
            "行政诉讼",
            "纠错率",
            "错误",
            "警告",
            "说明"
        ]
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.expect("record").iter().map(String::from).collect())
        .collect();
    assert_eq!(rows.len(), 4, "three reports and the totals");
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    // hongze-2024, by hand: (50 + 9) / 95 = 62.1 %; 纠错率 1 / 6 = 16.7 %.
    let r = &rows[1];
    assert_eq!(r[col("机关名称")], "淮安市洪泽区人民政府");
    assert_eq!(r[col("本年新收")], "95");
    assert_eq!(r[col("不予公开")], "3");
    assert_eq!(r[col("无法提供")], "32");
    assert_eq!(r[col("行政诉讼")], "4");
    assert_eq!(r[col("公开率")], "62.1%");
    assert_eq!(r[col("纠错率")], "16.7%");
    // hongze-2023 has its two C1 errors; gulou has no applications: rates are “—”.
    assert_eq!(rows[0][col("错误")], "2");
    assert_eq!(rows[2][col("公开率")], "—");
    // Totals: 21 + 95 + 0 received; (4 + 59) / 116 = 54.3 %; (1 + 1) / (16 + 6) = 9.1 %.
    let t = &rows[3];
    assert_eq!(t[col("机关名称")], "合计（3 份）");
    assert_eq!(t[col("年份")], "");
    assert_eq!(t[col("本年新收")], "116");
    assert_eq!(t[col("公开率")], "54.3%");
    assert_eq!(t[col("纠错率")], "9.1%");
}

#[test]
fn an_unreadable_file_is_a_row_with_its_error_and_exit_2() {
    let (code, out, err) = nianbao(&[
        "summary",
        "--format",
        "json",
        "examples/hongze-2024.yaml",
        "Cargo.toml",
        "no-such-file.yaml",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("Cargo.toml"), "{err}");
    let doc: serde_json::Value = serde_json::from_slice(&out).expect("JSON");
    let rows = doc["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["received"], 95);
    assert_eq!(rows[0]["disclosure_rate"], 62.1);
    assert!(rows[0]["error"].is_null());
    assert_eq!(rows[1]["file"], "Cargo.toml");
    assert!(rows[1]["received"].is_null());
    assert!(
        rows[1]["error"].as_str().unwrap().contains("第 1 行"),
        "{}",
        rows[1]
    );
    assert!(rows[2]["error"]
        .as_str()
        .unwrap()
        .contains("no-such-file.yaml"));
    // The others are still summed.
    assert_eq!(doc["totals"]["agency"], "合计（1 份）");
    assert_eq!(doc["totals"]["received"], 95);
    assert!(doc["totals"]["year"].is_null());
}

#[test]
fn sort_and_reverse() {
    let mut args = vec![
        "summary",
        "--format",
        "json",
        "--sort",
        "公开率",
        "--reverse",
    ];
    args.extend(FILES);
    let (code, out, err) = nianbao(&args);
    assert_eq!(code, 0, "{err}");
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let years: Vec<_> = doc["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["disclosure_rate"].clone())
        .collect();
    // 62.1 %, 19.0 %, then the report without applications (—) last.
    assert_eq!(
        years,
        [
            serde_json::json!(62.1),
            serde_json::json!(19.0),
            serde_json::Value::Null
        ]
    );
    let (code, _, err) = nianbao(&["summary", "--sort", "rate", FILES[0]]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--sort 的列“rate”不存在") && err.contains("公开率（disclosure_rate）"),
        "{err}"
    );
}

#[test]
fn previous_dir_adds_x2_and_y1() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join(FILES[0]), dir.path().join("hongze-2023.yaml")).unwrap();
    std::fs::write(dir.path().join("broken.yaml"), "agency: [").unwrap();
    let d = dir.path().to_str().unwrap();
    let (code, out, err) = nianbao(&[
        "summary",
        "--format",
        "csv",
        "--previous-dir",
        d,
        FILES[1],
        FILES[2],
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("broken.yaml"),
        "the skipped file is named: {err}"
    );
    let text = String::from_utf8(out).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // hongze-2024 paired with 洪泽区人民政府 2023: 一 43.3 % (五 37.7 %) of last year's text;
    // 上年结转 0 = last year's 结转下年度 0.
    assert_eq!(&rows[0][col("雷同")], "43.3%");
    assert_eq!(&rows[0][col("结转衔接")], "相符");
    // gulou has no report of 2022 in the directory.
    assert_eq!(&rows[1][col("雷同")], "—");
    assert_eq!(&rows[1][col("结转衔接")], "—");
}

#[test]
fn table_outside_a_terminal_has_every_column() {
    let mut args = vec!["summary"];
    args.extend(FILES);
    let (code, out, _) = nianbao(&args);
    assert_eq!(code, 0);
    let text = String::from_utf8(out).unwrap();
    let header = text.lines().next().unwrap();
    for label in ["机关名称", "不予处理", "行政诉讼", "纠错率", "警告"] {
        assert!(header.contains(label), "{header}");
    }
    assert!(!text.contains("未显示的列"));
    assert!(text.contains("合计（3 份）"));
}

#[test]
fn table_fits_an_80_column_terminal_and_says_what_is_left_out() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut args = vec!["summary"];
    args.extend(FILES);
    args.push("examples/huaian-2024.yaml");
    let s = common::pty::Session::spawn(&args, 80, 24, root, &[]);
    s.wait_for("未显示的列");
    let screen = s.screen();
    for line in screen.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 80, "{line}");
    }
    let header = screen.lines().next().unwrap();
    for label in [
        "机关名称",
        "年份",
        "本年新收",
        "办结",
        "公开率",
        "纠错率",
        "错误",
        "警告",
    ] {
        assert!(header.contains(label), "{screen}");
    }
    assert!(screen.contains("淮安市洪泽区人民政府  2024"), "{screen}");
    assert!(
        screen.contains("未显示的列（终端宽 80 列）：上年结转、部分公开"),
        "{screen}"
    );
    let s = common::pty::Session::spawn(&args, 180, 24, root, &[]);
    s.wait_for("合计（4 份）");
    assert!(!s.screen().contains("未显示的列"), "{}", s.screen());
}
