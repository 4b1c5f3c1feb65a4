use super::*;
use crate::rules::{testdata, Context};

fn figures(r: &Report, previous: Option<&Report>) -> Figures {
    let ctx = Context {
        current_year: 2026,
        previous,
    };
    Figures::of(r, &rules::check(r, &ctx), previous)
}

fn shown(f: &Figures, c: Column) -> String {
    f.value(c).display()
}

#[test]
fn hongze_2024_by_hand() {
    let f = figures(&testdata::hongze2024(), None);
    assert_eq!(f.agency, "淮安市洪泽区人民政府");
    assert_eq!(f.year, Some(2024));
    assert_eq!((f.received, f.carried_over, f.completed), (95, 0, 95));
    assert_eq!((f.disclosed, f.partially_disclosed), (50, 9));
    // (50 + 9) / 95 = 62.105… %.
    assert_eq!(shown(&f, Column::DisclosureRate), "62.1%");
    // 不予公开: 危及三安全一稳定 1 + 过程性信息 1 + 行政执法案卷 1; 无法提供: 31 + 1; 不予处理: 信访 1.
    assert_eq!((f.withheld, f.unable, f.not_processed), (3, 32, 1));
    assert_eq!(f.carried_forward, 0);
    // 行政复议 总计 2; 行政诉讼 1 (直接起诉) + 3 (复议后起诉).
    assert_eq!((f.reconsideration, f.litigation), (2, 4));
    // 纠错率: 结果纠正 1 (复议) / concluded (1+1+0) + (1+0+0) + (2+0+1) = 6 → 16.7 %.
    assert_eq!((f.corrected, f.concluded), (1, 6));
    assert_eq!(shown(&f, Column::CorrectionRate), "16.7%");
    assert_eq!(f.errors, 0);
    assert_eq!(shown(&f, Column::Copied), "—");
    assert_eq!(shown(&f, Column::Y1), "—");
}

#[test]
fn hongze_2023_by_hand_with_its_wrong_totals() {
    let f = figures(&testdata::hongze2023(), None);
    // 0 予以公开 + 4 部分公开 of 21 办结 = 19.047… %.
    assert_eq!(shown(&f, Column::DisclosureRate), "19.0%");
    assert_eq!((f.withheld, f.unable, f.not_processed), (3, 13, 1));
    // Table C's 总计 are printed as 0 (two C1 errors): the columns show them as published…
    assert_eq!((f.reconsideration, f.litigation), (0, 0));
    assert_eq!(f.errors, 2);
    // …while 纠错率 counts the concluded cases: 1 corrected of 10 + 1 (复议) + 5 (诉讼) = 16,
    // 6.25 % rounded half up.
    assert_eq!((f.corrected, f.concluded), (1, 16));
    assert_eq!(shown(&f, Column::CorrectionRate), "6.3%");
}

#[test]
fn zero_denominators_are_a_dash() {
    let f = figures(&testdata::gulou(), None);
    assert_eq!(f.completed, 0);
    assert_eq!(shown(&f, Column::DisclosureRate), "—");
    assert_eq!(shown(&f, Column::CorrectionRate), "—");
    assert_eq!(
        f.value(Column::CorrectionRate).json(),
        serde_json::Value::Null
    );
}

#[test]
fn totals_add_the_parts_and_recompute_the_rates() {
    let rows: Vec<Row> = [
        testdata::hongze2023(),
        testdata::hongze2024(),
        testdata::gulou(),
    ]
    .iter()
    .map(|r| Row::Report {
        file: "x".into(),
        figures: figures(r, None),
    })
    .chain([Row::Unreadable {
        file: "bad.yaml".into(),
        error: "第 1 行".into(),
    }])
    .collect();
    let t = totals(&rows);
    assert_eq!(t.agency, "合计（3 份）");
    assert_eq!(t.year, None);
    assert_eq!((t.received, t.completed), (116, 116));
    // (0 + 4 + 50 + 9) / 116 = 54.31 %: from the added parts, not an average of rates.
    assert_eq!(shown(&t, Column::DisclosureRate), "54.3%");
    // (1 + 1) / (16 + 6) = 9.09 %.
    assert_eq!(shown(&t, Column::CorrectionRate), "9.1%");
    assert_eq!(t.errors, 2);
    assert_eq!(shown(&t, Column::Year), "");
}

#[test]
fn with_last_years_report_x2_and_y1_are_filled_in() {
    let (now, prev) = (testdata::hongze2024(), testdata::hongze2023());
    let f = figures(&now, Some(&prev));
    // 一 43.3 % and 五 37.7 % (六 is under 100 characters): the largest is shown.
    assert_eq!(shown(&f, Column::Copied), "43.3%");
    assert_eq!(shown(&f, Column::Y1), "相符");
    let mut changed = now.clone();
    changed
        .requests
        .set(crate::model::schema::R_CARRIED_OVER, 0, 3);
    changed
        .requests
        .set(crate::model::schema::R_CARRIED_OVER, 6, 3);
    assert_eq!(
        shown(&figures(&changed, Some(&prev)), Column::Y1),
        "2 列不符"
    );
}

#[test]
fn sorting_puts_dashes_and_unreadable_files_last() {
    let mk = |name: &str, r: Report| Row::Report {
        file: name.into(),
        figures: figures(&r, None),
    };
    let mut rows = vec![
        Row::Unreadable {
            file: "bad".into(),
            error: "x".into(),
        },
        mk("gulou", testdata::gulou()),
        mk("2024", testdata::hongze2024()),
        mk("2023", testdata::hongze2023()),
    ];
    sort(&mut rows, Column::DisclosureRate, false);
    let files: Vec<&str> = rows.iter().map(Row::file).collect();
    assert_eq!(files, ["2023", "2024", "gulou", "bad"]);
    sort(&mut rows, Column::DisclosureRate, true);
    let files: Vec<&str> = rows.iter().map(Row::file).collect();
    assert_eq!(files, ["2024", "2023", "gulou", "bad"]);
    sort(&mut rows, Column::Agency, false);
    let files: Vec<&str> = rows.iter().map(Row::file).collect();
    // 洪 (U+6D2A) < 淮 (U+6DEE) < 鼓 (U+9F13).
    assert_eq!(files, ["2023", "2024", "gulou", "bad"]);
}

#[test]
fn columns_parse_by_key_or_label() {
    assert_eq!(Column::parse("公开率"), Some(Column::DisclosureRate));
    assert_eq!(
        Column::parse("correction_rate"),
        Some(Column::CorrectionRate)
    );
    assert_eq!(Column::parse("rate"), None);
    for d in COLUMNS.iter() {
        assert_eq!(Column::parse(d.key), Some(d.column));
        assert_eq!(d.column.def(), d);
    }
}

#[test]
fn eighty_columns_keep_the_important_ones() {
    let rows: Vec<Figures> = [testdata::hongze2023(), testdata::hongze2024()]
        .iter()
        .map(|r| figures(r, None))
        .collect();
    let t = totals(&[]);
    let columns = Column::all(false);
    let natural = |c| natural_width(c, &rows, &t);
    let fit = fit_columns(80, &columns, natural);
    let total: usize = fit.widths.iter().sum::<usize>() + fit::GAP * (fit.shown.len() - 1);
    assert!(total <= 80, "{fit:?}");
    for c in [
        Column::Agency,
        Column::Year,
        Column::Errors,
        Column::Warnings,
        Column::Received,
        Column::DisclosureRate,
        Column::CorrectionRate,
    ] {
        assert!(fit.shown.contains(&c), "{c:?} in {fit:?}");
    }
    assert!(!fit.left_out.is_empty());
    let wide = fit_columns(200, &columns, natural);
    assert!(wide.left_out.is_empty(), "{wide:?}");
    assert!(wide.shown.len() > fit.shown.len());
}

#[test]
fn previous_is_the_same_agency_the_year_before() {
    let c = [
        (0, "淮安市人民政府", 2023),
        (1, "洪泽区人民政府", 2022),
        (2, "洪泽区人民政府", 2023),
        (3, "淮安市洪泽区人民政府", 2023),
    ];
    // Exact name first, then a name with or without its city.
    assert_eq!(pick_previous("淮安市洪泽区人民政府", 2024, c), Some(3));
    assert_eq!(
        pick_previous("淮安市洪泽区人民政府", 2024, c[..3].iter().copied()),
        Some(2)
    );
    assert_eq!(pick_previous("洪泽区人民政府", 2023, c), Some(1));
    assert_eq!(pick_previous("鼓楼区人民政府", 2024, c), None);
}
