//! Issue 13 (what a clerk trips over at 80×24) as event scripts on the wizard's state.

mod common;

use common::wizard::{blank, finding_index, message, to_step};
use nianbao::model::{CellRef, Report};
use nianbao::tui::wizard::testing::{chars, ctrl, feed, key, render, wizard};
use nianbao::tui::wizard::{Dialog, Effect, Step, Wizard};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

fn huaian() -> Report {
    common::examples::example("huaian-2024.yaml")
}

fn shift(c: KeyCode) -> Event {
    Event::Key(KeyEvent::new(c, KeyModifiers::SHIFT))
}

// Item 9: "y 不保存" throws the draft away too.
#[test]
fn quitting_without_saving_marks_the_draft_for_removal() {
    let mut w = blank();
    feed(&mut w, chars("某局"));
    feed(&mut w, [ctrl('q')]);
    assert_eq!(w.dialog, Some(Dialog::ConfirmQuit));
    assert!(!w.discarded);
    let fx = feed(&mut w, chars("y"));
    assert!(fx.contains(&Effect::Quit));
    assert!(w.discarded, "the clerk chose to throw the changes away");
}

// Item 10: undoing back to the saved state is not an unsaved change.
#[test]
fn undoing_back_to_the_saved_report_is_not_unsaved() {
    let mut w = wizard(huaian(), "h.yaml", (80, 24));
    feed(&mut w, chars("乙"));
    assert!(w.dirty);
    feed(&mut w, [ctrl('z')]);
    assert!(!w.dirty, "back to the file's report");
    assert!(!render(&w, 80, 24).0.contains("未保存"));
    assert!(feed(&mut w, [ctrl('q')]).contains(&Effect::Quit));
    // After a save, the saved report is the new reference.
    let mut w = blank();
    to_step(&mut w, Step::TableB);
    feed(&mut w, chars("3"));
    w.saved(Ok(()));
    w.dialog = None;
    feed(&mut w, [key(KeyCode::Tab)]);
    feed(&mut w, chars("4"));
    assert!(w.dirty);
    feed(&mut w, [ctrl('z')]);
    assert!(!w.dirty, "undo to what was saved");
    assert_eq!(w.report.requests.get(0, 0), 3);
}

// Item 12: the preview pages and jumps to its ends.
#[test]
fn the_preview_pages_and_jumps_to_its_ends() {
    let mut w = wizard(huaian(), "h.yaml", (80, 24));
    to_step(&mut w, Step::Review);
    let (top, _) = render(&w, 80, 24);
    feed(&mut w, [shift(KeyCode::End)]);
    let (bottom, _) = render(&w, 80, 24);
    assert!(bottom.contains("信息处理费 3940 元"), "{bottom}");
    feed(&mut w, [shift(KeyCode::Home)]);
    assert_eq!(render(&w, 80, 24).0, top);
    let mut presses = 0;
    let mut last = top.clone();
    loop {
        feed(&mut w, [shift(KeyCode::PageDown)]);
        let (now, _) = render(&w, 80, 24);
        if now == last {
            break;
        }
        last = now;
        presses += 1;
    }
    assert_eq!(last, bottom, "paging down ends at the end");
    assert!(presses < 25, "a page is a screen: {presses} presses");
    feed(&mut w, [shift(KeyCode::PageUp)]);
    assert_ne!(render(&w, 80, 24).0, bottom);
    let _ = message(&w);
    let _ = CellRef::Agency;
}

fn screen(w: &Wizard) -> String {
    render(w, 80, 24).0
}

// Item 1: a refused character keeps the cell marked and its reason on the status line.
#[test]
fn a_refused_character_keeps_the_cell_marked_until_it_is_retyped() {
    let mut w = blank();
    to_step(&mut w, Step::TableB);
    feed(&mut w, chars("1.5"));
    assert_eq!(
        w.report.requests.get(0, 0),
        15,
        "the digits typed are there"
    );
    let s = screen(&w);
    let note = s.lines().nth(22).unwrap_or_default().to_string();
    assert!(note.contains("件数是整数，不能有小数点"), "{s}");
    assert!(w.doubt.is_some());
    assert!(s.contains("✗15"), "the cell is marked: {s}");
    // Moving on says what the cell holds now.
    feed(&mut w, [key(KeyCode::Tab)]);
    assert!(message(&w).contains("现为 15"), "{}", message(&w));
    assert!(w.doubt.is_none());
    // Retyping the cell clears the mark.
    feed(&mut w, [key(KeyCode::BackTab)]);
    feed(&mut w, chars("1x"));
    assert!(w.doubt.is_some());
    feed(&mut w, [ctrl('u')]);
    assert!(w.doubt.is_none());
    feed(&mut w, chars("2"));
    assert!(w.doubt.is_none());
    assert!(!screen(&w).contains("件数是整数"));
}

// Items 4–6: the status line gives the focused place on one line and its finding, numbers
// last, on the next; the step bar counts a wrong year in an empty step 1.
#[test]
fn the_status_line_separates_place_and_finding_and_shows_the_numbers() {
    let mut w = blank();
    to_step(&mut w, Step::TableB);
    feed(&mut w, chars("123456789"));
    let s = screen(&w);
    let lines: Vec<&str> = s.lines().collect();
    assert!(
        lines[21].starts_with("一、本年新收政府信息公开申请数量 · 自然人"),
        "{s}"
    );
    assert!(
        lines[22].contains("B3") && lines[22].ends_with("（七）总计+四 = 0"),
        "{s}"
    );
    // Table C: the ✗ cell's reason shows when it is focused.
    let mut r = huaian();
    r.appeals.cells[0][4] += 1;
    let mut w = wizard(r, "h.yaml", (80, 24));
    to_step(&mut w, Step::Review);
    let i = finding_index(&w, "C1");
    for _ in 0..=i {
        feed(&mut w, [key(KeyCode::Down)]);
    }
    feed(&mut w, [key(KeyCode::Enter)]);
    assert_eq!(w.step, Step::TableC);
    let s = screen(&w);
    assert!(s.lines().nth(22).unwrap().contains("C1"), "{s}");
    // Step 1 with a wrong year and nothing else typed: the step bar says so.
    let mut w = blank();
    feed(&mut w, [key(KeyCode::Tab), ctrl('u')]);
    feed(&mut w, chars("1990"));
    let s = screen(&w);
    assert!(
        s.lines().nth(1).unwrap().contains("本步：2 处错误"),
        "agency and year: {s}"
    );
    assert!(
        s.lines().nth(22).unwrap().contains("M"),
        "the year's finding: {s}"
    );
}

// Item 4: step 8 lists every finding with its numbers at 80 columns.
#[test]
fn step_8_shows_the_numbers_of_every_finding_at_80_columns() {
    let mut w = wizard(huaian(), "h.yaml", (80, 24));
    to_step(&mut w, Step::Review);
    let s = screen(&w);
    for f in w.findings.iter().filter(|f| f.detail.contains(" = ")) {
        let last = f.detail.rsplit(" = ").next().unwrap();
        assert!(
            s.lines()
                .any(|l| l.contains(f.rule.id()) && l.contains(last)),
            "{} {}: {s}",
            f.rule,
            f.detail
        );
    }
}

// Help: every key is listed, the help scrolls when it is longer than the screen.
#[test]
fn the_help_scrolls_to_its_last_line() {
    let mut w = blank();
    feed(&mut w, [key(KeyCode::F(1))]);
    assert!(!screen(&w).contains("!N N 处警告"));
    for _ in 0..5 {
        feed(&mut w, [key(KeyCode::Down)]);
    }
    let s = screen(&w);
    assert!(s.contains("!N N 处警告"), "{s}");
    assert!(s.contains("Shift-End/Alt-End 全文结尾"), "{s}");
}

// Step 1 edits the preamble: prefilled for a new report, following the year while untouched,
// changeable and clearable.
#[test]
fn the_preamble_is_prefilled_follows_the_year_and_can_be_cleared() {
    let mut w = blank();
    assert_eq!(w.report.preamble, nianbao::model::standard_preamble(2025));
    assert!(screen(&w).contains("本报告根据《中华人民共和国政府信息公开条例》"));
    feed(&mut w, [key(KeyCode::Tab), ctrl('u')]);
    feed(&mut w, chars("2024"));
    assert_eq!(w.report.preamble, nianbao::model::standard_preamble(2024));
    feed(&mut w, [key(KeyCode::Tab), key(KeyCode::Tab)]);
    assert_eq!(w.focus, nianbao::tui::wizard::Field::Preamble);
    feed(&mut w, chars("另附说明。"));
    assert!(w.report.preamble.ends_with("12月31日止。另附说明。"));
    // Changed by the clerk: the year no longer rewrites it.
    feed(
        &mut w,
        [key(KeyCode::BackTab), key(KeyCode::BackTab), ctrl('u')],
    );
    feed(&mut w, chars("2023"));
    assert!(w.report.preamble.contains("2024年12月31日止。另附说明。"));
    feed(&mut w, [key(KeyCode::Tab), key(KeyCode::Tab), ctrl('u')]);
    assert_eq!(w.report.preamble, "");
    assert!(screen(&w).contains("开头段落"));
    // An existing report without a preamble keeps none.
    let mut r = huaian();
    r.preamble.clear();
    let w = wizard(r, "h.yaml", (80, 24));
    assert_eq!(w.report.preamble, "");
}

/// Table B of a report as Excel copies it: tab-separated rows, with or without the 总计
/// column and the （七） row.
fn table_b_block(r: &Report, totals: bool) -> String {
    use nianbao::model::schema::{B_TOTAL_COL, R_OUTCOME_TOTAL};
    let mut out = String::new();
    for (row, cells) in r.requests.cells.iter().enumerate() {
        if !totals && row == R_OUTCOME_TOTAL {
            continue;
        }
        let vals: Vec<String> = cells
            .iter()
            .enumerate()
            .filter(|(c, _)| totals || *c != B_TOTAL_COL)
            .map(|(_, v)| v.to_string())
            .collect();
        out.push_str(&vals.join("\t"));
        out.push_str("\r\n");
    }
    out
}

// Item 2: a whole table pasted from Excel.
#[test]
fn a_whole_table_b_pasted_fills_it_and_undo_takes_it_back() {
    let source = huaian();
    for totals in [true, false] {
        let mut w = blank();
        to_step(&mut w, Step::TableB);
        feed(
            &mut w,
            [nianbao::tui::wizard::testing::paste(&table_b_block(
                &source, totals,
            ))],
        );
        assert_eq!(w.report.requests, source.requests, "totals: {totals}");
        let m = message(&w);
        assert!(m.starts_with("已粘贴 "), "{m}");
        if totals {
            assert!(m.contains("合计与各项之和相符"), "{m}");
        }
        feed(&mut w, [ctrl('z')]);
        assert_eq!(
            w.report.requests,
            Wizard::blank_report(2026).requests,
            "one undo takes the whole paste back"
        );
    }
    // A total that disagrees is shown, not typed in.
    let mut wrong = source.clone();
    wrong.requests.cells[0][6] += 5;
    let mut w = blank();
    to_step(&mut w, Step::TableB);
    feed(
        &mut w,
        [nianbao::tui::wizard::testing::paste(&table_b_block(
            &wrong, true,
        ))],
    );
    assert_eq!(w.report.requests, source.requests);
    let m = message(&w);
    assert!(
        m.contains("不符") && m.contains(&wrong.requests.cells[0][6].to_string()),
        "{m}"
    );
    // A block that does not fit is refused whole, with the reason.
    let mut w = blank();
    to_step(&mut w, Step::TableB);
    feed(&mut w, [key(KeyCode::Right), key(KeyCode::Right)]);
    feed(
        &mut w,
        [nianbao::tui::wizard::testing::paste(&table_b_block(
            &source, true,
        ))],
    );
    assert_eq!(w.report.requests, Wizard::blank_report(2026).requests);
    assert!(message(&w).contains("放不下"), "{}", message(&w));
}

#[test]
fn tables_a_and_c_take_pasted_blocks_too() {
    let source = huaian();
    // Table C: one printed row of 15 numbers with its three totals.
    let c: Vec<String> = source
        .appeals
        .cells
        .iter()
        .flatten()
        .map(|v| v.to_string())
        .collect();
    let mut w = blank();
    to_step(&mut w, Step::TableC);
    feed(
        &mut w,
        [nianbao::tui::wizard::testing::paste(&c.join("\t"))],
    );
    assert_eq!(w.report.appeals, source.appeals, "{}", message(&w));
    // Table A: its rows, one per item, from the first cell.
    let p = &source.proactive;
    let block = format!(
        "{}\t{}\t{}\n{}\t{}\t{}\n{}\n{}\n{}\n{}\n",
        p.regulations.issued,
        p.regulations.repealed,
        p.regulations.in_force,
        p.normative_documents.issued,
        p.normative_documents.repealed,
        p.normative_documents.in_force,
        p.licensing,
        p.penalties,
        p.coercive_measures,
        p.fees_wan_yuan
    );
    let mut w = blank();
    to_step(&mut w, Step::TableA);
    feed(&mut w, [nianbao::tui::wizard::testing::paste(&block)]);
    assert_eq!(w.report.proactive, source.proactive, "{}", message(&w));
}

// Items 14–15: group labels break after their number; a 9-digit value at 80 columns keeps
// 总计 on screen (the label column gives way) and 申请人情况 centred over the numbers.
#[test]
fn table_b_keeps_its_columns_and_words_whole_at_80_columns() {
    let mut w = blank();
    to_step(&mut w, Step::TableB);
    let s = screen(&w);
    assert!(s.contains("（四）") && s.contains("无法提供"), "{s}");
    assert!(!s.contains("（四）无"), "{s}");
    feed(&mut w, chars("123456789"));
    feed(&mut w, [key(KeyCode::Tab)]);
    let s = screen(&w);
    let row = s.lines().find(|l| l.starts_with("一、本年新收")).unwrap();
    assert!(row.trim_end().ends_with("123456789"), "总计 shows: {s}");
    assert!(
        !s.contains('▸') && !s.contains('◂'),
        "no sideways scrolling: {s}"
    );
    assert!(s.lines().any(|l| l.contains("申请人情况")), "{s}");
    assert!(s.lines().any(|l| l.trim_end().ends_with("总计")), "{s}");
}

// Item 17: step 8's preview reads like `nianbao view` (both from the publishing document
// model): numbered parts, no line starting with 。 (hongze-2023 has `健康发展 。`).
#[test]
fn step_8_preview_agrees_with_the_viewer() {
    let r = common::examples::example("hongze-2023.yaml");
    for width in [80u16, 120] {
        let mut w = wizard(r.clone(), "h.yaml", (width, 200));
        to_step(&mut w, Step::Review);
        let (s, _) = render(&w, width, 200);
        assert!(s.contains("（一）主动公开情况"), "{s}");
        for l in s.lines() {
            assert!(
                !l.trim_start().starts_with('。'),
                "a line starts with 。: {l:?}\n{s}"
            );
        }
    }
}

// Item 11: the position written with the draft leads back to the same field.
#[test]
fn the_position_leads_back_to_the_field() {
    let mut w = blank();
    to_step(&mut w, Step::TableB);
    feed(&mut w, [key(KeyCode::Tab), key(KeyCode::Tab)]);
    let pos = w.position();
    let focus = w.focus;
    let mut again = blank();
    again.go_to_position(&pos);
    assert_eq!((again.step, again.focus), (Step::TableB, focus));
    // Nonsense leaves the wizard where it is.
    let mut w = blank();
    w.go_to_position("99 x");
    assert_eq!(w.step, Step::Basic);
}
