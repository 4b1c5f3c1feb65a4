//! The wizard on reports in the 2019 trial format (issue 15): examples/shanghai-2019.yaml
//! (the real 上海市人民政府办公厅 2019 report) step by step at 80x24 and 120x40, and the keys
//! of its own table A (a negative 本年增/减 typed with `-`, `-` refused everywhere else) and
//! table B (the single （六）其他处理 row), with the totals and the live checks.

mod common;

use common::wizard::message;
use nianbao::model::schema::{FormatVersion, B_TOTAL_COL, R_CARRIED_FORWARD, R_OTHER_2019_SLOT};
use nianbao::model::{CellRef, Report};
use nianbao::rules::Rule;
use nianbao::tui::wizard::testing::{chars, ctrl, feed, key, paste, render, wizard};
use nianbao::tui::wizard::{Field, Kind, Step, Wizard};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

fn shanghai() -> Report {
    common::examples::example("shanghai-2019.yaml")
}

fn alt(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT))
}

fn to_step(w: &mut Wizard, step: Step) {
    let n = char::from(b'1' + step.index() as u8);
    feed(w, [alt(n)]);
    assert_eq!(w.step, step);
}

fn a(field: &'static str, col: usize) -> Field {
    Field::Cell(CellRef::A { field, col })
}

/// A blank report in the 2019 format, as `new --format 2019` opens it.
fn blank_2019() -> Wizard {
    wizard(
        Wizard::blank_report_in(FormatVersion::V2019, 2026),
        "new.yaml",
        (80, 24),
    )
}

/// Focus on a table A cell by Tab from the step's first cell (as a clerk gets there).
fn tab_to(w: &mut Wizard, target: Field) {
    to_step(w, Step::TableA);
    for _ in 0..40 {
        if w.focus == target {
            return;
        }
        feed(w, [key(KeyCode::Tab)]);
    }
    panic!("{target:?} not reached by Tab; at {:?}", w.focus);
}

fn snap(w: &Wizard, name: &str, cols: u16, rows: u16) -> String {
    let (screen, _) = render(w, cols, rows);
    insta::assert_snapshot!(format!("shanghai_2019_{name}_{cols}x{rows}"), screen);
    screen
}

fn screens(cols: u16, rows: u16) {
    let mut w = wizard(shanghai(), "shanghai-2019.yaml", (cols, rows));
    let basic = snap(&w, "step1", cols, rows);
    assert!(
        basic.lines().nth(1).unwrap().starts_with("2019年格式 "),
        "{basic}"
    );
    assert!(basic.contains("2019 年版（试行）格式"), "{basic}");
    to_step(&mut w, Step::TableA);
    let ta = snap(&w, "step3_table_a", cols, rows);
    assert!(
        ta.contains("第二十条第（九）项") && ta.contains("政府集中采购"),
        "{ta}"
    );
    to_step(&mut w, Step::TableB);
    let tb = snap(&w, "step4_table_b", cols, rows);
    assert!(tb.contains("申请人情况"), "{tb}");
    // The focus on （六）其他处理: the body scrolls to it, one row, no 2021 sub-items.
    w.focus = Field::Cell(CellRef::B {
        row: R_OTHER_2019_SLOT,
        col: 0,
    });
    feed(&mut w, [key(KeyCode::Up), key(KeyCode::Down)]);
    let six = snap(&w, "step4_table_b_other", cols, rows);
    assert_eq!(
        six.lines().filter(|l| l.contains("（六）其他处理")).count(),
        2,
        "the row, and the place on the status line:\n{six}"
    );
    assert!(
        !six.contains("逾期不补正") && !six.contains("逾期未缴费"),
        "{six}"
    );
    to_step(&mut w, Step::Other);
    let other = snap(&w, "step7_other", cols, rows);
    assert!(
        !other.contains("信息处理费"),
        "no fees in the 2019 format:\n{other}"
    );
}

#[test]
fn shanghai_2019_at_80x24() {
    screens(80, 24);
}

#[test]
fn shanghai_2019_at_120x40() {
    screens(120, 40);
}

#[test]
fn f1_names_the_format_and_the_minus_key() {
    let mut w = wizard(shanghai(), "shanghai-2019.yaml", (80, 24));
    tab_to(&mut w, a("licensing", 1));
    let (screen, _) = render(&w, 80, 24);
    assert!(screen.contains("0-9 输入数字，减少先按 -"), "{screen}");
    feed(&mut w, [key(KeyCode::F(1))]);
    let help = snap(&w, "help", 80, 24);
    assert!(help.contains("格式："), "{help}");
    assert!(help.contains("表格（本年增/减）"), "{help}");
}

#[test]
fn a_negative_change_is_typed_with_a_leading_minus() {
    let mut w = blank_2019();
    tab_to(&mut w, a("licensing", 1));
    assert_eq!(w.focus_kind(), Kind::Signed);
    feed(&mut w, chars("-8"));
    assert_eq!(w.report.proactive_2019.licensing.change, -8);
    assert_eq!(message(&w), "");
    let (screen, _) = render(&w, 80, 24);
    let row = screen.lines().find(|l| l.starts_with("行政许可")).unwrap();
    assert!(row.contains("-8"), "{screen}");
    // Backspace takes the digit, then the sign; typing again starts over.
    feed(&mut w, [key(KeyCode::Backspace)]);
    assert_eq!(w.edit_text(), Some("-"));
    assert_eq!(w.report.proactive_2019.licensing.change, 0);
    feed(&mut w, chars("12"));
    assert_eq!(w.report.proactive_2019.licensing.change, -12);
    // A minus after the digits is refused with the way to do it; the cell keeps -12.
    feed(&mut w, chars("-"));
    assert_eq!(w.report.proactive_2019.licensing.change, -12);
    assert!(
        message(&w).contains("负号只能写在数字前面"),
        "{}",
        message(&w)
    );
    assert!(message(&w).contains("Ctrl-U"), "{}", message(&w));
    // Ctrl-U, then a full-width minus and digits from an input method.
    feed(&mut w, [ctrl('u')]);
    assert_eq!(w.report.proactive_2019.licensing.change, 0);
    feed(&mut w, chars("－３"));
    assert_eq!(w.report.proactive_2019.licensing.change, -3);
    // A positive change on another row, and the fees' 本年增/减 (its own block) negative too.
    feed(&mut w, [key(KeyCode::Down)]);
    assert_eq!(w.focus, a("other_services", 1));
    feed(&mut w, chars("5"));
    assert_eq!(w.report.proactive_2019.other_services.change, 5);
    tab_to(&mut w, a("fees", 1));
    feed(&mut w, chars("-2"));
    assert_eq!(w.report.proactive_2019.fees.change, -2);
    // Undo takes back the last edit.
    feed(&mut w, [ctrl('z')]);
    assert_eq!(w.report.proactive_2019.fees.change, 0);
    // N1 accepts negative changes: no finding on table A.
    assert!(
        !w.findings.iter().any(|f| f.path.starts_with("proactive")),
        "{:?}",
        w.findings
    );
}

#[test]
fn a_minus_anywhere_else_is_refused_and_says_where_negatives_go() {
    let mut w = blank_2019();
    // A count of table A.
    tab_to(&mut w, a("regulations", 0));
    feed(&mut w, chars("4-"));
    assert_eq!(w.report.proactive_2019.regulations.made, 4);
    let m = message(&w);
    assert!(m.contains("件数不能为负数"), "{m}");
    assert!(m.contains("2019年格式只有表二“本年增/减”可填负数"), "{m}");
    assert!(m.contains("这一格未改动"), "{m}");
    // 上一年项目数量 beside 本年增/减 is a count.
    tab_to(&mut w, a("licensing", 0));
    feed(&mut w, chars("-"));
    assert_eq!(w.report.proactive_2019.licensing.last_year, 0);
    assert!(message(&w).contains("件数不能为负数"));
    // The amount 采购总金额.
    tab_to(&mut w, a("procurement", 1));
    assert!(matches!(w.focus_kind(), Kind::Amount(6)));
    feed(&mut w, chars("-"));
    assert!(message(&w).contains("金额不能为负数"), "{}", message(&w));
    feed(&mut w, chars("25.1"));
    assert_eq!(
        w.report
            .proactive_2019
            .procurement
            .amount_wan_yuan
            .to_string(),
        "25.1"
    );
    // Table B.
    to_step(&mut w, Step::TableB);
    feed(&mut w, chars("-"));
    assert_eq!(w.report.requests.get(0, 0), 0);
    assert!(message(&w).contains("本年增/减"), "{}", message(&w));
    // The screen shows the refusal on the status line and marks the cell.
    let (screen, _) = render(&w, 80, 24);
    assert!(screen.contains("件数不能为负数"), "{screen}");
    // In a 2021 report the message does not speak of a column it has not got.
    let mut w = wizard(Wizard::blank_report(2026), "n.yaml", (80, 24));
    to_step(&mut w, Step::TableB);
    feed(&mut w, chars("-"));
    assert!(message(&w).contains("不能为负数"));
    assert!(!message(&w).contains("本年增/减"), "{}", message(&w));
}

#[test]
fn pasted_negative_numbers_go_only_into_the_change_cells() {
    let mut w = blank_2019();
    tab_to(&mut w, a("penalties", 1));
    feed(&mut w, [paste("-1,234")]);
    assert_eq!(w.report.proactive_2019.penalties.change, -1234);
    // A row pasted across 上一年项目数量, 本年增/减, 处理决定数量.
    tab_to(&mut w, a("coercive_measures", 0));
    feed(&mut w, [paste("10\t-4\t6")]);
    let c = w.report.proactive_2019.coercive_measures;
    assert_eq!((c.last_year, c.change, c.decisions), (10, -4, 6));
    // A negative pasted into a count is refused whole.
    tab_to(&mut w, a("regulations", 1));
    feed(&mut w, [paste("-3")]);
    assert_eq!(w.report.proactive_2019.regulations.published, 0);
    assert!(message(&w).contains("不能填入"), "{}", message(&w));
}

#[test]
fn table_b_has_the_single_other_row_with_live_totals() {
    let mut w = blank_2019();
    to_step(&mut w, Step::TableB);
    // Tab order: 23 rows, （七）总计 and the 总计 column skipped.
    let cells = w.fields(Step::TableB);
    assert_eq!(cells.len(), 22 * 6);
    assert!(!cells.contains(&Field::Cell(CellRef::B { row: 20, col: 0 })));
    // Enter walks down the column: 5.要求确认… → （六）其他处理 → 四、结转下年度.
    w.focus = Field::Cell(CellRef::B { row: 19, col: 0 });
    feed(&mut w, [key(KeyCode::Enter)]);
    let six = CellRef::B {
        row: R_OTHER_2019_SLOT,
        col: 0,
    };
    assert_eq!(w.focus, Field::Cell(six));
    assert_eq!(w.place_label(w.focus), "（六）其他处理 · 自然人");
    feed(&mut w, chars("3"));
    assert_eq!(w.report.requests.get(R_OTHER_2019_SLOT, B_TOTAL_COL), 3);
    assert_eq!(w.report.requests.get(23, 0), 3, "（七）总计 counts （六）");
    feed(&mut w, [key(KeyCode::Enter)]);
    assert_eq!(
        w.focus,
        Field::Cell(CellRef::B {
            row: R_CARRIED_FORWARD,
            col: 0
        })
    );
    // 一 + 二 = （七）总计 + 四 fails until 一 is 3: B3 live, on the status line.
    assert!(w.findings.iter().any(|f| f.rule == Rule::B3));
    w.focus = Field::Cell(CellRef::B { row: 0, col: 0 });
    feed(&mut w, chars("3"));
    assert!(
        !w.findings.iter().any(|f| f.rule == Rule::B3),
        "{:?}",
        w.findings
    );
}

#[test]
fn the_live_checks_are_the_2019_rules() {
    let mut w = blank_2019();
    assert_eq!(
        w.report.year, 2020,
        "a 2019-format report starts at its last year"
    );
    assert!(w.report.preamble.contains("国办公开办函〔2019〕60号"));
    // No 信息处理费 to enter, so no F1; no Y2 without a 2021 pair; V1 when the year leaves
    // the format's years.
    assert!(!w
        .fields(Step::Other)
        .iter()
        .any(|f| matches!(f, Field::Fee(_))));
    feed(&mut w, chars("某区人民政府"));
    feed(&mut w, [key(KeyCode::Tab), ctrl('u')]);
    feed(&mut w, chars("2022"));
    assert_eq!(w.report.year, 2022);
    assert!(
        w.findings.iter().any(|f| f.rule == Rule::V1),
        "{:?}",
        w.findings
    );
    assert!(!w
        .findings
        .iter()
        .any(|f| matches!(f.rule, Rule::F1 | Rule::Y2)));
    // The year follows in the preamble, still citing the 2019 notice.
    assert!(w.report.preamble.contains("自2022年1月1日"));
    assert!(w.report.preamble.contains("〔2019〕60号"));
    feed(&mut w, [ctrl('u')]);
    feed(&mut w, chars("2019"));
    assert!(!w.findings.iter().any(|f| f.rule == Rule::V1));
    // The shanghai report: its published blank totals are B1/B2 errors, nothing else.
    let w = wizard(shanghai(), "s.yaml", (80, 24));
    assert!(
        w.findings
            .iter()
            .all(|f| matches!(f.rule, Rule::B1 | Rule::B2)),
        "{:?}",
        w.findings
    );
    assert_eq!(w.error_count(), 12);
}

#[test]
fn a_saved_2019_report_reads_back_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.yaml");
    let mut w = wizard(shanghai(), path.to_str().unwrap(), (80, 24));
    tab_to(&mut w, a("licensing", 1));
    feed(&mut w, chars("-8"));
    nianbao::persist::save_report(&w.path, &w.report).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("licensing:           {last_year: 0, change: -8, decisions: 0}"),
        "{text}"
    );
    let back = nianbao::yaml::load_file(&path).unwrap().report;
    assert_eq!(back, w.report);
    assert_eq!(back.version(), FormatVersion::V2019);
}

#[test]
fn new_from_a_2019_report_continues_in_its_format_and_carries_what_continues() {
    // shanghai 2019 → its 2020 report: still the 2019 format (FORMAT.md §7).
    let last = shanghai();
    let next = nianbao::model::next_year::next_year(&last);
    assert_eq!(next.version(), FormatVersion::V2019);
    let mut w = wizard(next, "s2020.yaml", (80, 24)).with_last_year(last);
    // 二、上年结转 is last year's 四、结转下年度 (72 自然人), marked as carried; table A has no
    // 现行有效件数 in this format: what continues 2019's is proposed instead (对外公开总数量,
    // 上一年项目数量, docs/decisions/nextyear.md), and nothing else of table A.
    assert_eq!(w.report.requests.get(1, 0), 72);
    let carried = w.carried_cells();
    assert!(carried.contains(&CellRef::B { row: 1, col: 0 }));
    let cell = |field, col| CellRef::A { field, col };
    assert!(carried.contains(&cell("regulations", 2)), "{carried:?}");
    assert!(carried.contains(&cell("licensing", 0)), "{carried:?}");
    assert_eq!(
        carried
            .iter()
            .filter(|c| matches!(c, CellRef::A { .. }))
            .count(),
        7,
        "{carried:?}"
    );
    // Typing table A's counts changes only the 2019 table A.
    tab_to(&mut w, a("regulations", 0));
    feed(&mut w, chars("5"));
    assert_eq!(w.report.proactive_2019.regulations.made, 5);
    assert_eq!(w.report.proactive, Default::default());
    // 本年新公开数量: the proposed 对外公开总数量 follows (524 + 13), and says so.
    tab_to(&mut w, a("regulations", 1));
    feed(&mut w, chars("13"));
    assert_eq!(w.report.proactive_2019.regulations.total_public, 537);
    tab_to(&mut w, a("regulations", 2));
    assert_eq!(
        w.last_year_status(),
        Some((
            false,
            "按上年推算：上年对外公开 524 + 本年新公开 13 = 537，随输入更新，可修改".to_string()
        ))
    );
    tab_to(&mut w, a("licensing", 0));
    assert_eq!(
        w.last_year_status(),
        Some((
            false,
            "按上年推算：上年上一年项目数量 0 + 本年增/减 0 = 0，可修改".to_string()
        ))
    );
    // Y1 holds; Y2 is not checked.
    assert!(
        !w.findings
            .iter()
            .any(|f| matches!(f.rule, Rule::Y1 | Rule::Y2)),
        "{:?}",
        w.findings
    );
    to_step(&mut w, Step::TableB);
    w.focus = Field::Cell(CellRef::B { row: 1, col: 0 });
    feed(&mut w, [key(KeyCode::Up), key(KeyCode::Down)]);
    feed(&mut w, chars("70"));
    assert!(
        w.findings.iter().any(|f| f.rule == Rule::Y1),
        "{:?}",
        w.findings
    );
}
