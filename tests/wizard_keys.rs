//! Event-script tests of the wizard: key sequences applied to the state, without a terminal.

mod common;

use common::wizard::{blank, finding_index, message, to_step};
use nianbao::model::schema::{B_TOTAL_COL, R_OUTCOME_TOTAL};
use nianbao::model::{Amount, CellRef, ProseSection, Report};
use nianbao::tui::tables::{editable_cells, Table};
use nianbao::tui::wizard::testing::{chars, ctrl, feed, key, paste, render, wizard};
use nianbao::tui::wizard::{Dialog, Effect, Field, Step, StepState, Tone};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

fn huaian() -> Report {
    common::examples::example("huaian-2024.yaml")
}

#[test]
fn new_report_starts_on_agency_with_last_year() {
    let w = blank();
    assert_eq!(w.step, Step::Basic);
    assert_eq!(w.focus, Field::Agency);
    assert_eq!(w.report.year, 2025);
    assert_eq!(w.report.overview.len(), 5);
    assert_eq!(w.step_state(Step::TableB), StepState::Empty);
}

#[test]
fn typing_table_b_of_huaian_with_tab_gives_exactly_its_numbers() {
    let target = huaian();
    let mut w = blank();
    to_step(&mut w, Step::TableB);
    assert_eq!(w.focus, Field::Cell(CellRef::B { row: 0, col: 0 }));
    for c in editable_cells(Table::B) {
        let CellRef::B { row, col } = c else {
            unreachable!()
        };
        assert_eq!(w.focus, Field::Cell(c));
        let v = target.requests.get(row, col);
        if v != 0 {
            feed(&mut w, chars(&v.to_string()));
        }
        feed(&mut w, [key(KeyCode::Tab)]);
    }
    assert_eq!(w.report.requests, target.requests);
    assert_eq!(w.step, Step::TableC, "Tab after the last cell goes on");
    assert_eq!(w.step_state(Step::TableB), StepState::Done);
}

#[test]
fn typing_table_b_column_by_column_with_enter_gives_its_numbers() {
    let target = huaian();
    let mut w = blank();
    to_step(&mut w, Step::TableB);
    for col in 0..B_TOTAL_COL {
        // Up to the top of the column, then down with Enter.
        for _ in 0..30 {
            feed(&mut w, [key(KeyCode::Up)]);
        }
        for row in 0..25 {
            if row == R_OUTCOME_TOTAL {
                continue;
            }
            assert_eq!(w.focus, Field::Cell(CellRef::B { row, col }));
            // Full-width digits, as an input method gives them.
            let v: String = target
                .requests
                .get(row, col)
                .to_string()
                .chars()
                .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap())
                .collect();
            feed(&mut w, chars(&v));
            feed(&mut w, [key(KeyCode::Enter)]);
        }
        feed(&mut w, [key(KeyCode::Right)]);
    }
    assert_eq!(w.report.requests, target.requests);
}

#[test]
fn a_letter_leaves_the_cell_unchanged_and_says_why() {
    let mut w = blank();
    to_step(&mut w, Step::TableB);
    feed(&mut w, chars("12"));
    let fx = feed(&mut w, chars("a"));
    assert_eq!(w.report.requests.get(0, 0), 12);
    assert!(fx.contains(&Effect::Redraw));
    assert!(message(&w).contains("只能输入非负整数"), "{}", message(&w));
    assert_eq!(w.message.as_ref().map(|m| m.0), Some(Tone::Error));
    let (screen, _) = render(&w, 80, 24);
    assert!(screen.contains("只能输入非负整数"), "{screen}");
    feed(&mut w, chars("-"));
    assert!(message(&w).contains("不能为负数"));
    feed(&mut w, chars("3"));
    assert_eq!(w.report.requests.get(0, 0), 123);
    assert!(w.message.is_none(), "the next key clears the message");
}

#[test]
fn typing_on_a_fresh_cell_replaces_and_backspace_removes_the_last_digit() {
    let mut w = wizard(huaian(), "h.yaml", (80, 24));
    to_step(&mut w, Step::TableB);
    assert_eq!(w.report.requests.get(0, 0), 3001);
    feed(&mut w, chars("7"));
    assert_eq!(w.report.requests.get(0, 0), 7);
    assert_eq!(w.report.requests.get(0, B_TOTAL_COL), 7 + 53 + 61 + 4);
    feed(&mut w, [key(KeyCode::Tab), key(KeyCode::Backspace)]);
    assert_eq!(w.report.requests.get(0, 1), 5, "53 lost its last digit");
    feed(&mut w, [key(KeyCode::Backspace), key(KeyCode::Backspace)]);
    assert_eq!(w.report.requests.get(0, 1), 0);
    feed(&mut w, [ctrl('z')]);
    assert_eq!(
        w.report.requests.get(0, 1),
        53,
        "one undo undoes the cell's edit"
    );
    feed(&mut w, [ctrl('z')]);
    assert_eq!(w.report.requests.get(0, 0), 3001);
    feed(&mut w, [ctrl('y')]);
    assert_eq!(w.report.requests.get(0, 0), 7);
}

#[test]
fn totals_are_computed_live_and_cannot_be_typed_into() {
    let mut w = blank();
    to_step(&mut w, Step::TableB);
    feed(&mut w, chars("5"));
    // Down to 予以公开 and type there.
    feed(&mut w, [key(KeyCode::Enter), key(KeyCode::Enter)]);
    assert_eq!(w.focus, Field::Cell(CellRef::B { row: 2, col: 0 }));
    feed(&mut w, chars("4"));
    let r = &w.report.requests;
    assert_eq!(r.get(R_OUTCOME_TOTAL, 0), 4);
    assert_eq!(r.get(2, B_TOTAL_COL), 4);
    assert_eq!(r.get(R_OUTCOME_TOTAL, B_TOTAL_COL), 4);
    assert_eq!(r.get(0, B_TOTAL_COL), 5);
    // Arrows may visit a total; typing there is refused.
    for _ in 0..6 {
        feed(&mut w, [key(KeyCode::Right)]);
    }
    assert_eq!(w.focus, Field::Cell(CellRef::B { row: 2, col: 6 }));
    feed(&mut w, chars("9"));
    assert_eq!(w.report.requests.get(2, B_TOTAL_COL), 4);
    assert!(message(&w).contains("总计"), "{}", message(&w));
}

#[test]
fn b3_is_marked_per_column_with_both_numbers_in_the_status_line() {
    let mut w = blank();
    to_step(&mut w, Step::TableB);
    feed(&mut w, chars("155"));
    let f = w.b3_of_column(0).expect("B3 fails for 自然人");
    assert!(f.detail.contains("155"), "{}", f.detail);
    assert!(w.b3_of_column(1).is_none(), "商业企业 balances (all zero)");
    let (screen, _) = render(&w, 80, 24);
    let status = screen.lines().nth(22).unwrap_or_default();
    assert!(
        status.contains("B3") && status.contains("155") && status.contains("= 0"),
        "status: {status}\n{screen}"
    );
    assert_eq!(w.step_state(Step::TableB), StepState::Errors(2));
}

#[test]
fn a_tab_separated_row_pasted_into_a_cell_fills_the_row_across() {
    let mut w = blank();
    to_step(&mut w, Step::TableB);
    feed(&mut w, [paste("3001\t53\t0\t0\t61\t4\r\n")]);
    let r = &w.report.requests;
    assert_eq!(r.cells[0][..6], [3001, 53, 0, 0, 61, 4]);
    assert_eq!(r.get(0, B_TOTAL_COL), 3119);
    feed(&mut w, [ctrl('z')]);
    assert_eq!(w.report.requests.cells[0], [0; 7], "a paste is one edit");
    // One bad value: nothing changes.
    feed(&mut w, [paste("1\t2\tx\t4")]);
    assert_eq!(w.report.requests.cells[0], [0; 7]);
    assert!(message(&w).contains("第 3 个值"), "{}", message(&w));
    // A decimal pasted into a count says that counts are whole numbers.
    feed(&mut w, [paste("1.5")]);
    assert_eq!(w.report.requests.cells[0], [0; 7]);
    assert!(message(&w).contains("件数只能是整数"), "{}", message(&w));
    assert!(message(&w).contains("1.5"), "{}", message(&w));
    // A single pasted number with a thousands separator.
    feed(&mut w, [paste("1,234")]);
    assert_eq!(w.report.requests.get(0, 0), 1234);
}

#[test]
fn the_amount_takes_digits_and_one_point_with_at_most_six_decimals() {
    let mut w = blank();
    to_step(&mut w, Step::TableA);
    let fee = Field::Cell(CellRef::A {
        field: "fees_wan_yuan",
        col: 0,
    });
    while w.focus != fee {
        feed(&mut w, [key(KeyCode::Tab)]);
    }
    feed(&mut w, chars("96171.6"));
    assert_eq!(
        w.report.proactive.fees_wan_yuan,
        Amount::parse("96171.6", 6).unwrap()
    );
    feed(&mut w, chars("."));
    assert!(message(&w).contains("一个小数点"));
    feed(&mut w, chars("12345"));
    assert_eq!(w.report.proactive.fees_wan_yuan.to_string(), "96171.612345");
    feed(&mut w, chars("7"));
    assert!(message(&w).contains("6 位小数"), "{}", message(&w));
    assert_eq!(w.report.proactive.fees_wan_yuan.to_string(), "96171.612345");
    feed(&mut w, chars("元"));
    assert!(message(&w).contains("金额只能"));
}

#[test]
fn text_fields_take_chinese_and_enter_moves_on() {
    let mut w = blank();
    feed(&mut w, chars("淮安市人民政府"));
    assert_eq!(w.report.agency, "淮安市人民政府");
    let (_, cursor) = render(&w, 80, 24);
    // The label column is 2 + 8 + 3 wide; seven Chinese characters are 14 columns.
    assert_eq!(cursor, Some((13 + 14, 3)), "the cursor sits after the text");
    feed(&mut w, [key(KeyCode::Left), key(KeyCode::Left)]);
    let (_, cursor) = render(&w, 80, 24);
    assert_eq!(cursor, Some((13 + 10, 3)));
    feed(&mut w, [key(KeyCode::Enter)]);
    assert_eq!(w.focus, Field::Year);
    assert_eq!(w.report.year, 2025);
    feed(&mut w, chars("2024"));
    assert_eq!(w.report.year, 2024);
    feed(&mut w, chars("5"));
    assert!(message(&w).contains("4 位"));
    feed(&mut w, [key(KeyCode::Enter)]);
    assert_eq!(w.focus, Field::Title);
    let (screen, _) = render(&w, 80, 24);
    assert!(
        screen.contains("淮安市人民政府2024年政府信息公开工作年度报告"),
        "{screen}"
    );
}

#[test]
fn body_text_enter_is_a_new_line_and_paste_is_one_edit() {
    let mut w = blank();
    to_step(&mut w, Step::Overview);
    assert_eq!(w.focus, Field::Heading(ProseSection::Overview, 0));
    feed(&mut w, [key(KeyCode::Tab)]);
    assert_eq!(w.focus, Field::Body(ProseSection::Overview, 0));
    feed(&mut w, chars("第一行"));
    feed(&mut w, [key(KeyCode::Enter)]);
    feed(&mut w, chars("第二行"));
    assert_eq!(w.report.overview[0].body, "第一行\n第二行");
    feed(&mut w, [paste("粘贴\r\n一段\t文字")]);
    assert_eq!(w.report.overview[0].body, "第一行\n第二行粘贴\n一段 文字");
    feed(&mut w, [ctrl('z')]);
    assert_eq!(w.report.overview[0].body, "第一行\n第二行");
    feed(&mut w, [ctrl('y')]);
    assert_eq!(w.report.overview[0].body, "第一行\n第二行粘贴\n一段 文字");
    feed(&mut w, [ctrl('u')]);
    assert_eq!(w.report.overview[0].body, "");
}

#[test]
fn parts_can_be_added_removed_and_moved() {
    let mut w = blank();
    to_step(&mut w, Step::Problems);
    assert_eq!(w.focus, Field::NoParts(ProseSection::Problems));
    feed(&mut w, [key(KeyCode::Enter)]);
    assert_eq!(w.report.problems.len(), 1);
    feed(&mut w, chars("甲"));
    feed(&mut w, [ctrl('o')]);
    feed(&mut w, chars("乙"));
    assert_eq!(w.report.problems[1].heading, "乙");
    let alt_up = Event::Key(KeyEvent::new(KeyCode::Up, KeyModifiers::ALT));
    feed(&mut w, [alt_up]);
    assert_eq!(w.report.problems[0].heading, "乙");
    assert_eq!(w.focus, Field::Heading(ProseSection::Problems, 0));
    feed(&mut w, [ctrl('d')]);
    assert_eq!(w.report.problems.len(), 1);
    assert_eq!(w.report.problems[0].heading, "甲");
    feed(&mut w, [ctrl('z')]);
    assert_eq!(w.report.problems.len(), 2);
}

#[test]
fn step_keys_and_every_step_reachable() {
    let mut w = blank();
    for (i, s) in Step::ALL.iter().enumerate() {
        assert_eq!(w.step, *s, "step {i}");
        feed(&mut w, [ctrl('n')]);
    }
    assert_eq!(w.step, Step::Review);
    feed(
        &mut w,
        [ctrl('p'), key(KeyCode::PageUp), key(KeyCode::PageUp)],
    );
    assert_eq!(w.step, Step::TableC);
    assert_eq!(w.focus, Field::Cell(CellRef::C { group: 0, col: 0 }));
    feed(
        &mut w,
        [Event::Key(KeyEvent::new(
            KeyCode::Char('4'),
            KeyModifiers::ALT,
        ))],
    );
    assert_eq!(w.step, Step::TableB);
    assert_eq!(w.focus, Field::Cell(CellRef::B { row: 0, col: 0 }));
}

#[test]
fn enter_on_a_finding_jumps_to_its_cell() {
    let mut r = huaian();
    r.appeals.cells[1][4] = 27;
    let mut w = wizard(r, "h.yaml", (80, 24));
    to_step(&mut w, Step::Review);
    let i = finding_index(&w, "C1");
    feed(&mut w, [key(KeyCode::Down)]);
    for _ in 0..i {
        feed(&mut w, [key(KeyCode::Down)]);
    }
    assert_eq!(w.focus, Field::Finding(i));
    feed(&mut w, [key(KeyCode::Enter)]);
    assert_eq!(w.step, Step::TableC);
    assert_eq!(w.focus, Field::Cell(CellRef::C { group: 1, col: 4 }));
}

#[test]
fn one_key_recomputes_stored_totals_that_disagree() {
    let mut r = huaian();
    r.requests.cells[0][B_TOTAL_COL] = 1;
    r.appeals.cells[0][4] = 2;
    let mut w = wizard(r, "h.yaml", (80, 24));
    assert!(w.findings.iter().any(|f| f.rule == "B1"));
    assert!(w.findings.iter().any(|f| f.rule == "C1"));
    feed(
        &mut w,
        [Event::Key(KeyEvent::new(KeyCode::F(5), KeyModifiers::NONE))],
    );
    assert_eq!(w.report.requests, huaian().requests);
    assert_eq!(w.report.appeals, huaian().appeals);
    assert!(!w.findings.iter().any(|f| f.rule == "B1" || f.rule == "C1"));
    feed(&mut w, [ctrl('z')]);
    assert_eq!(w.report.requests.cells[0][B_TOTAL_COL], 1);
}

#[test]
fn quitting_with_unsaved_changes_asks() {
    let mut w = blank();
    feed(&mut w, chars("某局"));
    let fx = feed(&mut w, [ctrl('q')]);
    assert!(!fx.contains(&Effect::Quit));
    assert_eq!(w.dialog, Some(Dialog::ConfirmQuit));
    feed(&mut w, [key(KeyCode::Esc)]);
    assert_eq!(w.dialog, None);
    feed(&mut w, [ctrl('c')]);
    let fx = feed(&mut w, chars("y"));
    assert!(fx.contains(&Effect::Quit));
    // Unchanged: quits at once.
    let mut w = wizard(huaian(), "h.yaml", (80, 24));
    assert!(feed(&mut w, [ctrl('q')]).contains(&Effect::Quit));
}

#[test]
fn save_is_an_effect_and_errors_are_listed_after_saving() {
    let mut w = blank();
    to_step(&mut w, Step::TableB);
    feed(&mut w, chars("3"));
    let fx = feed(&mut w, [ctrl('s')]);
    assert_eq!(fx, vec![Effect::Save, Effect::Redraw]);
    w.saved(Ok(()));
    assert!(!w.dirty);
    let Some(Dialog::SavedWithErrors(errors)) = &w.dialog else {
        panic!("errors listed after saving: {:?}", w.dialog)
    };
    assert!(errors.iter().any(|e| e.starts_with("B3")));
    feed(&mut w, [key(KeyCode::Enter)]);
    assert_eq!(w.step, Step::Review);
    w.saved(Err("权限不足".into()));
    assert!(message(&w).contains("保存失败"));
}

#[test]
fn f1_shows_every_key_and_esc_closes() {
    let mut w = blank();
    feed(
        &mut w,
        [Event::Key(KeyEvent::new(KeyCode::F(1), KeyModifiers::NONE))],
    );
    assert_eq!(w.dialog, Some(Dialog::Help));
    let (screen, _) = render(&w, 80, 24);
    for k in ["Ctrl-S", "Ctrl-Z", "Ctrl-U", "PgDn", "F5"] {
        assert!(screen.contains(k), "{k} missing:\n{screen}");
    }
    feed(&mut w, [key(KeyCode::Esc)]);
    assert_eq!(w.dialog, None);
}

#[test]
fn a_saved_report_reads_back_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.yaml");
    let mut w = wizard(huaian(), path.to_str().unwrap(), (80, 24));
    to_step(&mut w, Step::TableB);
    feed(&mut w, chars("3000"));
    nianbao::persist::save_report(&w.path, &w.report).unwrap();
    let back = nianbao::yaml::load_file(&path).unwrap().report;
    assert_eq!(back, w.report);
}

#[test]
fn too_small_a_terminal_gets_a_message() {
    let w = blank();
    let (screen, cursor) = render(&w, 40, 10);
    assert!(screen.contains("终端窗口太小"), "{screen}");
    assert_eq!(cursor, None);
}

#[test]
fn the_cursor_follows_the_caret_through_soft_wrapped_chinese() {
    let mut w = blank();
    to_step(&mut w, Step::Overview);
    feed(&mut w, [key(KeyCode::Tab)]);
    // The body editor is 75 columns wide at 80: 37 Chinese characters a line.
    let text: String = "政".repeat(50);
    feed(&mut w, chars(&text));
    let (screen, cursor) = render(&w, 80, 24);
    assert_eq!(w.report.overview[0].body.chars().count(), 50);
    // Heading on line 2, body from line 3; the 13 characters after the wrap end at 4 + 26.
    assert_eq!(cursor, Some((4 + 26, 4)), "{screen}");
    feed(&mut w, [key(KeyCode::Home)]);
    let (_, cursor) = render(&w, 80, 24);
    assert_eq!(cursor.map(|c| c.0), Some(4));
}

#[test]
fn missing_parts_of_an_edited_file_are_listed_until_saved() {
    let mut w = wizard(huaian(), "h.yaml", (80, 24));
    w.file_findings = nianbao::rules::s1_missing_parts(&["problems"]);
    w.refresh_findings();
    assert!(w.findings.iter().any(|f| f.rule == "S1"));
    feed(&mut w, [key(KeyCode::PageDown)]);
    assert!(
        w.findings.iter().any(|f| f.rule == "S1"),
        "kept across changes"
    );
    w.saved(Ok(()));
    assert!(!w.findings.iter().any(|f| f.rule == "S1"));
}

#[test]
fn overwrite_question_gives_force_save_on_y_only() {
    let mut w = blank();
    w.ask_overwrite("new.yaml 在打开后被其他程序改动过（10:02 保存）");
    assert!(matches!(w.dialog, Some(Dialog::ConfirmOverwrite(_))));
    let (screen, _) = render(&w, 80, 24);
    assert!(screen.contains("覆盖"), "{screen}");
    assert_eq!(
        feed(&mut w, chars("y")),
        vec![Effect::ForceSave, Effect::Redraw]
    );
    assert_eq!(w.dialog, None);
    w.ask_overwrite("changed");
    assert_eq!(feed(&mut w, chars("n")), vec![Effect::Redraw]);
    assert!(message(&w).contains("未保存"));
}

#[test]
fn the_preview_scrolls_both_ways_and_stops_at_the_ends() {
    let mut w = wizard(huaian(), "h.yaml", (80, 24));
    to_step(&mut w, Step::Review);
    let shift = |c| Event::Key(KeyEvent::new(c, KeyModifiers::SHIFT));
    let (top, _) = render(&w, 80, 24);
    assert!(top.contains("淮安市人民政府2024年政府信息公开工作年度报告"));
    for _ in 0..200 {
        feed(&mut w, [shift(KeyCode::Down)]);
        render(&w, 80, 24);
    }
    let (bottom, _) = render(&w, 80, 24);
    // The end of the report as published: 六, whose prose states the 信息处理费 collected.
    assert!(bottom.contains("处理费 3940 元。"), "{bottom}");
    feed(&mut w, [shift(KeyCode::Up)]);
    let (up, _) = render(&w, 80, 24);
    assert_ne!(up, bottom, "one key back up moves at once");
    for _ in 0..200 {
        feed(&mut w, [shift(KeyCode::Up)]);
    }
    assert_eq!(render(&w, 80, 24).0, top);
}

#[test]
fn step_8_exports_with_a_key_shown_in_its_help_bar_and_says_where() {
    let mut w = wizard(huaian(), "h.yaml", (80, 24));
    to_step(&mut w, Step::Review);
    let (screen, _) = render(&w, 80, 24);
    assert!(screen.contains("Ctrl-E 导出"), "{screen}");
    assert_eq!(
        feed(&mut w, [ctrl('e')]),
        vec![Effect::Export, Effect::Redraw]
    );
    // What the event loop does with the effect: write beside FILE, then say where.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("h.yaml");
    let written = nianbao::cli::export::export_beside(&w.report, &path);
    w.exported(written);
    let said = message(&w);
    assert!(said.contains("h.html") && said.contains("h.docx"), "{said}");
    assert!(dir.path().join("h.html").is_file() && dir.path().join("h.docx").is_file());
    w.exported(Err(std::io::Error::other("只读文件系统")));
    assert!(
        message(&w).contains("导出失败：只读文件系统"),
        "{}",
        message(&w)
    );
}
