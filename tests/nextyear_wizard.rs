//! Event-script tests of the wizard with last year's report (issue 14): carried cells marked,
//! Y1/Y2 checked as the clerk types (cells marked, both numbers in the status line, counted
//! in the step bar), the proposed 现行有效件数 following 制发/废止, last year's text shown and
//! copied in.

mod common;

use common::wizard::{from_huaian, to_step};
use nianbao::model::next_year::Origin;
use nianbao::model::schema::{B_TOTAL_COL, R_CARRIED_OVER};
use nianbao::model::{CellRef, ProseSection, Report};
use nianbao::tui::wizard::testing::{chars, ctrl, feed, key, render, wizard};
use nianbao::tui::wizard::{Field, Step, Wizard};
use ratatui::crossterm::event::KeyCode;

fn huaian() -> Report {
    common::examples::example("huaian-2024.yaml")
}

fn go(w: &mut Wizard, cell: CellRef) {
    let (step, field) = w.target_of_cell(cell);
    if w.step == step && w.focus != field {
        // Leave and come back: the focus starts on the step's first field.
        feed(w, [key(KeyCode::PageUp)]);
        if w.step == step {
            feed(w, [key(KeyCode::PageDown)]);
        }
    }
    to_step(w, step);
    // Tab until there (computed cells are reached with the arrows, not needed here).
    for _ in 0..200 {
        if w.focus == field {
            return;
        }
        feed(w, [key(KeyCode::Tab)]);
    }
    panic!("cannot reach {cell:?}");
}

fn screen(w: &Wizard) -> String {
    render(w, 80, 24).0
}

fn line_with<'a>(screen: &'a str, needle: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle}:\n{screen}"))
}

fn status(w: &Wizard) -> String {
    screen(w).lines().nth(22).unwrap_or("").to_string()
}

fn rules(w: &Wizard) -> Vec<&'static str> {
    w.findings.iter().map(|f| f.rule.id()).collect()
}

const CARRIED_NP: CellRef = CellRef::B {
    row: R_CARRIED_OVER,
    col: 0,
};

#[test]
fn carried_over_is_marked_and_y1_shows_at_once_when_changed() {
    let mut w = from_huaian();
    assert!(!rules(&w).contains(&"Y1"));
    assert_eq!(w.origin_of(CARRIED_NP), Some(Origin::Carried));
    // Until 一 … 四 balance, B3's ✗ (an error) is the mark of 自然人; its status line says
    // both B3 and where the value came from.
    go(&mut w, CARRIED_NP);
    assert!(line_with(&screen(&w), "二、上年结转").contains("✗103"));
    let st = status(&w);
    assert!(st.contains("B3") && st.contains("来自上年报告"), "{st}");
    // 103 still pending at the end of the year: B3 holds, the carried mark shows.
    go(&mut w, CellRef::B { row: 24, col: 0 });
    feed(&mut w, chars("103"));
    assert!(!rules(&w).contains(&"B3"), "{:?}", rules(&w));
    go(&mut w, CARRIED_NP);
    let s = screen(&w);
    // 103 carried into 自然人 (and its total): marked ^.
    let row = line_with(&s, "二、上年结转");
    assert!(row.contains("^103") && row.contains("^0"), "{row}");
    assert!(
        status(&w).contains("^ 来自上年报告（2024 年“结转下年度”），可修改"),
        "{}",
        status(&w)
    );
    assert_eq!(w.cross_year_count(Step::TableB), 0);

    // The clerk types 100: Y1 at once (and B3, an error, whose ✗ wins), both rules with
    // both numbers in the status line, the step bar counting Y1 apart from the errors.
    feed(&mut w, chars("100"));
    assert_eq!(w.report.requests.get(R_CARRIED_OVER, 0), 100);
    assert_eq!(w.origin_of(CARRIED_NP), None);
    let y1: Vec<_> = w.findings.iter().filter(|f| f.rule == "Y1").collect();
    assert_eq!(y1.len(), 2, "{y1:#?}"); // 自然人 and 总计
    let s = screen(&w);
    assert!(line_with(&s, "二、上年结转").contains("✗100"));
    let st = status(&w);
    assert!(
        st.contains("B3") && st.contains("一+二 = 100") && st.contains("（七）总计+四 = 103"),
        "{st}"
    );
    assert!(st.contains("Y1 上年报告为 103，本格 100"), "{st}");
    assert_eq!(w.cross_year_count(Step::TableB), 2);
    assert!(
        line_with(&s, "本步：2 处错误，!2 处与上年不符").contains("5"),
        "{s}"
    );
    // Elsewhere the step bar shows !2 beside step 4.
    feed(&mut w, [key(KeyCode::PageUp)]);
    assert!(
        screen(&w).lines().nth(1).unwrap().contains("4✗2 !2"),
        "{}",
        screen(&w)
    );
    // 四 made to agree (B3 holds): the Y1 warning is the cell's mark now.
    go(&mut w, CellRef::B { row: 24, col: 0 });
    feed(&mut w, chars("100"));
    go(&mut w, CARRIED_NP);
    let s = screen(&w);
    let row = line_with(&s, "二、上年结转");
    assert!(row.contains("!100") && !row.contains("✗"), "{row}");
    assert!(
        status(&w).starts_with("! Y1 上年报告为 103，本格 100"),
        "{}",
        status(&w)
    );
    assert!(line_with(&s, "本步：2 处警告，!2 处与上年不符").contains("5"));

    // Back to 103: no Y1, carried again.
    feed(&mut w, chars("103"));
    assert!(!rules(&w).contains(&"Y1"));
    assert_eq!(w.origin_of(CARRIED_NP), Some(Origin::Carried));
    // (四 is still 100, so B3's ✗ marks the column; the status line says where 103 is from.)
    assert!(line_with(&screen(&w), "二、上年结转").contains("✗103"));
    assert!(status(&w).contains("来自上年报告"), "{}", status(&w));
}

#[test]
fn proposed_in_force_follows_issued_and_repealed_until_overridden() {
    let mut w = from_huaian(); // 2024: 规章 11 in force, 行政规范性文件 66
    let cell = |col| CellRef::A {
        field: "regulations",
        col,
    };
    assert_eq!(w.report.proactive.regulations.in_force, 11);
    assert_eq!(w.origin_of(cell(2)), Some(Origin::Proposed));
    go(&mut w, cell(0));
    feed(&mut w, chars("3"));
    assert_eq!(w.report.proactive.regulations.in_force, 14);
    feed(&mut w, [key(KeyCode::Tab)]);
    feed(&mut w, chars("2"));
    assert_eq!(w.report.proactive.regulations.in_force, 12);
    assert!(!rules(&w).contains(&"Y2"));
    feed(&mut w, [key(KeyCode::Tab)]);
    assert_eq!(w.focus, Field::Cell(cell(2)));
    let st = status(&w);
    assert!(
        st.contains("按上年推算：上年现行有效 11 + 制发 3 − 废止 2 = 12，随输入更新"),
        "{st}"
    );
    assert!(line_with(&screen(&w), "规章").contains("^12"));

    // Overridden: 20 stays, Y2 warns with both numbers, and the step bar counts it.
    feed(&mut w, chars("20"));
    assert_eq!(w.report.proactive.regulations.in_force, 20);
    let y2: Vec<_> = w.findings.iter().filter(|f| f.rule == "Y2").collect();
    assert_eq!(y2.len(), 1);
    let st = status(&w);
    assert!(
        st.contains("Y2 上年现行有效 11 + 制发 3 − 废止 2 = 12，本格 20"),
        "{st}"
    );
    assert_eq!(w.cross_year_count(Step::TableA), 1);
    let s = screen(&w);
    assert!(line_with(&s, "规章").contains("!20"), "{s}");
    assert!(line_with(&s, "[3 主动公开").contains("!1 处与上年不符"));
    // Typing 制发 again does not move the overridden value.
    go(&mut w, cell(0));
    feed(&mut w, chars("5"));
    assert_eq!(w.report.proactive.regulations.in_force, 20);
    // 行政规范性文件 still follows on its own.
    go(
        &mut w,
        CellRef::A {
            field: "normative_documents",
            col: 1,
        },
    );
    feed(&mut w, chars("6"));
    assert_eq!(w.report.proactive.normative_documents.in_force, 60);
    // Undo takes back the typed 6 and the proposal with it.
    feed(&mut w, [ctrl('z')]);
    assert_eq!(w.report.proactive.normative_documents.repealed, 0);
    assert_eq!(w.report.proactive.normative_documents.in_force, 66);
}

#[test]
fn edit_with_previous_checks_y1_y2_live_and_keeps_agreement() {
    // `nianbao edit hongze-2024.yaml --previous hongze-2023.yaml`.
    let last = common::examples::example("hongze-2023.yaml");
    let now = common::examples::example("hongze-2024.yaml");
    let mut w = wizard(now, "hongze-2024.yaml", (80, 24)).with_last_year(last);
    assert!(!rules(&w).contains(&"Y1") && !rules(&w).contains(&"Y2"));
    // 行政规范性文件: 5 + 3 − 0 = 8 holds; a fourth issued moves 8 to 9 with it.
    go(
        &mut w,
        CellRef::A {
            field: "normative_documents",
            col: 0,
        },
    );
    feed(&mut w, chars("4"));
    assert_eq!(w.report.proactive.normative_documents.in_force, 9);
    assert!(!rules(&w).contains(&"Y2"));
    // 上年结转 typed as 2: Y1 (2023 carried forward 0).
    go(&mut w, CARRIED_NP);
    feed(&mut w, chars("2"));
    assert!(
        status(&w).contains("Y1 上年报告为 0，本格 2"),
        "{}",
        status(&w)
    );
    // Without last year's report nothing of this exists.
    let plain = wizard(
        common::examples::example("hongze-2024.yaml"),
        "h.yaml",
        (80, 24),
    );
    assert_eq!(plain.origin_of(CARRIED_NP), None);
    assert!(plain.carried_cells().is_empty());
}

#[test]
fn agency_is_marked_as_carried_until_changed() {
    let mut w = from_huaian();
    assert_eq!(w.focus, Field::Agency);
    assert!(
        screen(&w).contains("机关名称 ^ 淮安市人民政府"),
        "{}",
        screen(&w)
    );
    assert!(status(&w).contains("来自上年报告（2024 年），可修改"));
    feed(&mut w, chars("办公室"));
    assert_eq!(w.origin_of(CellRef::Agency), None);
    assert!(!screen(&w).contains("机关名称 ^"));
}

#[test]
fn last_years_text_is_shown_by_a_key_and_copied_in_by_another() {
    let mut w = from_huaian();
    to_step(&mut w, Step::Overview);
    // The headings are last year's, the bodies empty.
    let last = huaian();
    assert_eq!(w.report.overview.len(), last.overview.len());
    let i = 1;
    let heading = last.overview[i].heading.clone();
    assert_eq!(w.report.overview[i].heading, heading);
    assert!(w.report.overview[i].body.is_empty());
    while w.focus != Field::Body(ProseSection::Overview, i) {
        feed(&mut w, [key(KeyCode::Tab)]);
    }
    // The help bar offers the key; F3 shows last year's text below the part.
    assert!(screen(&w)
        .lines()
        .nth(23)
        .unwrap()
        .contains("F3/Ctrl-T 上年原文"));
    feed(&mut w, [key(KeyCode::F(3))]);
    let s = screen(&w);
    assert!(s.contains(&format!("── 2024 年原文“{heading}”")), "{s}");
    let first: String = last.overview[i].body.chars().take(12).collect();
    assert!(s.contains(&first), "{s}");
    // F4 copies it into the empty body: one undo step, and the editor holds it.
    feed(&mut w, [key(KeyCode::F(4))]);
    assert_eq!(w.report.overview[i].body, last.overview[i].body);
    assert!(w.dirty);
    assert!(w
        .message
        .as_ref()
        .unwrap()
        .1
        .contains("已套用 2024 年原文为底稿"));
    // A second F4 on a body that has text changes nothing and says why.
    feed(&mut w, chars("改写"));
    let typed = w.report.overview[i].body.clone();
    feed(&mut w, [key(KeyCode::F(4))]);
    assert_eq!(w.report.overview[i].body, typed);
    assert!(w
        .message
        .as_ref()
        .unwrap()
        .1
        .contains("本段已有正文，未套用"));
    // Undo: the typing, then the copy.
    feed(&mut w, [ctrl('z'), ctrl('z'), ctrl('z'), ctrl('z')]);
    assert!(
        w.report.overview[i].body.is_empty(),
        "{:?}",
        w.report.overview[i].body
    );
    // Ctrl-T hides the text again (F3's other key).
    feed(&mut w, [ctrl('t')]);
    assert!(!screen(&w).contains("2024 年原文"));
}

#[test]
fn keys_of_last_years_text_do_nothing_without_it() {
    let mut w = wizard(huaian(), "h.yaml", (80, 24));
    to_step(&mut w, Step::Overview);
    feed(&mut w, [key(KeyCode::Tab)]);
    let before = w.report.clone();
    feed(&mut w, [key(KeyCode::F(3)), key(KeyCode::F(4))]);
    assert_eq!(w.report, before);
    assert!(!screen(&w).contains("原文"));
    assert!(!screen(&w).contains("F3"));
}

#[test]
fn typed_table_b_balances_and_saves_without_cross_year_findings() {
    let mut w = from_huaian();
    go(&mut w, CellRef::B { row: 0, col: 0 });
    feed(&mut w, chars("200"));
    go(&mut w, CellRef::B { row: 2, col: 0 });
    feed(&mut w, chars("250"));
    go(&mut w, CellRef::B { row: 24, col: 0 });
    feed(&mut w, chars("53"));
    assert!(
        !w.findings
            .iter()
            .any(|f| matches!(f.rule.id(), "B1" | "B2" | "B3" | "Y1" | "Y2")),
        "{:#?}",
        w.findings
    );
    assert_eq!(w.report.requests.get(R_CARRIED_OVER, B_TOTAL_COL), 103);
    assert_eq!(w.cross_year_count(Step::TableB), 0);
}
