//! Snapshot tests of every step of the wizard at 80x24 and 120x40, with real data
//! (examples/huaian-2024.yaml) and with errors showing.

mod common;

use nianbao::model::{Part, Report};
use nianbao::tui::wizard::testing::{chars, feed, key, render, wizard};
use nianbao::tui::wizard::{Step, Wizard};
use ratatui::crossterm::event::KeyCode;

fn huaian() -> Report {
    common::examples::example("huaian-2024.yaml")
}

/// huaian-2024 with mistakes in several steps.
fn with_errors() -> Report {
    let mut r = huaian();
    r.agency.clear();
    r.requests.cells[0][0] = 3000; // B1 (stored total 3119) and B3 (自然人)
    r.appeals.cells[0][4] = 350; // C1
    r.problems = vec![Part::new("", "无")]; // T1
    r
}

fn every_step(name: &str, report: Report, cols: u16, rows: u16) {
    let mut w: Wizard = wizard(report, "huaian-2024.yaml", (cols, rows));
    for step in Step::ALL {
        assert_eq!(w.step, step);
        let (screen, _) = render(&w, cols, rows);
        insta::assert_snapshot!(
            format!(
                "{}_{name}_{cols}x{rows}_step{}",
                step.index() + 1,
                step.index() + 1
            ),
            screen
        );
        feed(&mut w, [key(KeyCode::PageDown)]);
    }
}

#[test]
fn huaian_80x24() {
    every_step("huaian", huaian(), 80, 24);
}

#[test]
fn huaian_120x40() {
    every_step("huaian", huaian(), 120, 40);
}

#[test]
fn errors_80x24() {
    every_step("errors", with_errors(), 80, 24);
}

#[test]
fn errors_120x40() {
    every_step("errors", with_errors(), 120, 40);
}

#[test]
fn refused_key_and_typing_in_table_b_80x24() {
    let mut w = wizard(Wizard::blank_report(2026), "new.yaml", (80, 24));
    for _ in 0..3 {
        feed(&mut w, [key(KeyCode::PageDown)]);
    }
    feed(&mut w, chars("155"));
    feed(&mut w, [key(KeyCode::Tab)]);
    feed(&mut w, chars("1x"));
    let (screen, cursor) = render(&w, 80, 24);
    insta::assert_snapshot!("typing_table_b_80x24", screen);
    assert!(cursor.is_some(), "the cursor sits at the typed text");
}

#[test]
fn dialogs_80x24() {
    let mut w = wizard(Wizard::blank_report(2026), "new.yaml", (80, 24));
    feed(&mut w, chars("某县人民政府"));
    feed(&mut w, [nianbao::tui::wizard::testing::ctrl('q')]);
    insta::assert_snapshot!("confirm_quit_80x24", render(&w, 80, 24).0);
    feed(&mut w, [key(KeyCode::Esc), key(KeyCode::F(1))]);
    insta::assert_snapshot!("help_80x24", render(&w, 80, 24).0);
    feed(&mut w, [key(KeyCode::Esc)]);
    w.saved(Ok(()));
    insta::assert_snapshot!("saved_with_errors_80x24", render(&w, 80, 24).0);
}

#[test]
fn too_small() {
    let w = wizard(huaian(), "huaian-2024.yaml", (50, 12));
    insta::assert_snapshot!("too_small_50x12", render(&w, 50, 12).0);
}
