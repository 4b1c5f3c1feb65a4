//! Snapshot tests at 80x24 of the wizard's steps with values carried from last year's report
//! (`nianbao new r.yaml --from huaian-2024.yaml`, issue 14).

mod common;

use common::wizard::{from_huaian, to_step};
use nianbao::model::next_year::next_year;
use nianbao::tui::wizard::testing::{chars, feed, key, render, wizard};
use nianbao::tui::wizard::{Field, Step, Wizard};
use ratatui::crossterm::event::KeyCode;

fn snap(name: &str, w: &Wizard) {
    let (screen, _) = render(w, 80, 24);
    insta::assert_snapshot!(name, screen);
}

#[test]
fn steps_with_carried_values_80x24() {
    let mut w = from_huaian();
    snap("carried_step1_basic", &w);
    to_step(&mut w, Step::Overview);
    snap("carried_step2_headings", &w);
    to_step(&mut w, Step::TableA);
    snap("carried_step3_table_a", &w);
    to_step(&mut w, Step::TableB);
    // Down to 二、上年结转 · 自然人 (103 from 2024's 结转下年度).
    feed(&mut w, [key(KeyCode::Down)]);
    snap("carried_step4_table_b", &w);
}

#[test]
fn y1_and_y2_while_typing_80x24() {
    let mut w = from_huaian();
    to_step(&mut w, Step::TableA);
    // 规章: 3 issued → 14 proposed; then 20 typed over it → Y2.
    feed(&mut w, chars("3"));
    feed(&mut w, [key(KeyCode::Tab), key(KeyCode::Tab)]);
    snap("proposed_in_force_followed", &w);
    feed(&mut w, chars("20"));
    snap("y2_in_force_overridden", &w);
    to_step(&mut w, Step::TableB);
    // 四 = 100 and 二 = 100: B3 holds, Y1 (2024 carried 103 forward) warns.
    for _ in 0..24 {
        feed(&mut w, [key(KeyCode::Down)]);
    }
    feed(&mut w, chars("100"));
    for _ in 0..23 {
        feed(&mut w, [key(KeyCode::Up)]);
    }
    feed(&mut w, chars("100"));
    snap("y1_carried_over_changed", &w);
}

#[test]
fn last_years_text_beside_a_part_80x24() {
    let mut w = from_huaian();
    to_step(&mut w, Step::Overview);
    while w.focus != Field::Body(nianbao::model::ProseSection::Overview, 1) {
        feed(&mut w, [key(KeyCode::Tab)]);
    }
    feed(&mut w, [key(KeyCode::F(3))]);
    snap("last_text_shown", &w);
    feed(&mut w, [key(KeyCode::F(4))]);
    snap("last_text_copied", &w);
    feed(&mut w, [key(KeyCode::F(1))]);
    snap("help_with_last_year", &w);
}

#[test]
fn last_years_text_side_by_side_120x40() {
    let last = common::examples::example("huaian-2024.yaml");
    let mut w = wizard(next_year(&last), "r.yaml", (120, 40)).with_last_year(last);
    to_step(&mut w, Step::Overview);
    while w.focus != Field::Body(nianbao::model::ProseSection::Overview, 2) {
        feed(&mut w, [key(KeyCode::Tab)]);
    }
    feed(&mut w, [key(KeyCode::F(3))]);
    let (screen, _) = render(&w, 120, 40);
    insta::assert_snapshot!("last_text_side_by_side_120x40", screen);
}
