//! Issue 13 (what a clerk trips over at 80×24) as event scripts on the wizard's state.

mod common;

use nianbao::model::{CellRef, Report};
use nianbao::tui::wizard::testing::{chars, ctrl, feed, key, render, wizard};
use nianbao::tui::wizard::{Dialog, Effect, Step, Wizard};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

fn huaian() -> Report {
    common::examples::example("huaian-2024.yaml")
}

fn blank() -> Wizard {
    wizard(Wizard::blank_report(2026), "new.yaml", (80, 24))
}

fn to_step(w: &mut Wizard, step: Step) {
    while w.step != step {
        feed(w, [key(KeyCode::PageDown)]);
    }
}

fn shift(c: KeyCode) -> Event {
    Event::Key(KeyEvent::new(c, KeyModifiers::SHIFT))
}

fn message(w: &Wizard) -> String {
    w.message.as_ref().map(|m| m.1.clone()).unwrap_or_default()
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
    assert!(bottom.contains("信息处理费：收费通知书 0 件"), "{bottom}");
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
