//! Property tests: no key sequence, paste or terminal size makes the wizard panic, the
//! cursor always lies on the screen, and computed totals always agree with their parts.

use nianbao::model::Report;
use nianbao::tui::wizard::testing::{ctrl, feed, key, paste, render, wizard};
use nianbao::tui::wizard::{Dialog, Wizard};
use proptest::prelude::*;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

fn huaian() -> Report {
    nianbao::yaml::load_str(
        include_str!("../examples/huaian-2024.yaml"),
        "huaian-2024.yaml",
    )
    .expect("example loads")
    .report
}

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        4 => prop::sample::select(vec!['0', '1', '7', '9', 'a', '.', '-', '１', '政', ',', ' '])
            .prop_map(|c| key(KeyCode::Char(c))),
        3 => prop::sample::select(vec![
            KeyCode::Tab, KeyCode::BackTab, KeyCode::Enter, KeyCode::Backspace, KeyCode::Delete,
            KeyCode::Up, KeyCode::Down, KeyCode::Left, KeyCode::Right, KeyCode::Home,
            KeyCode::End, KeyCode::PageDown, KeyCode::PageUp, KeyCode::F(5), KeyCode::F(7),
            KeyCode::F(8), KeyCode::Esc,
        ])
        .prop_map(key),
        1 => prop::sample::select(vec!['u', 'z', 'y', 'o', 'd', 'n', 'p', 'r'])
            .prop_map(ctrl),
        1 => prop::sample::select(vec![
            "1\t2\t3", "12,345", "x", "第一行\r\n第二行\t尾", "\u{1b}[31m红", "", "9999999999",
            "1.5", "\t\t\t\t\t\t\t\t",
        ])
        .prop_map(paste),
        1 => (10u16..140, 5u16..50).prop_map(|(c, r)| Event::Resize(c, r)),
        1 => Just(Event::Key(KeyEvent::new(KeyCode::Up, KeyModifiers::ALT))),
    ]
}

fn check(w: &Wizard) {
    let (cols, rows) = w.size;
    let (_, cursor) = render(w, cols, rows);
    if let Some((x, y)) = cursor {
        assert!(x < cols && y < rows, "cursor {x},{y} outside {cols}x{rows}");
    }
    let t = &w.report.requests;
    for row in 0..25 {
        // Rows typed into have their total computed (huaian's stored totals agree).
        assert_eq!(t.cells[row][6], t.row_sum(row), "row {row}");
    }
    for g in 0..3 {
        assert_eq!(w.report.appeals.cells[g][4], w.report.appeals.group_sum(g));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_keys_never_panic(events in prop::collection::vec(event(), 1..120), blank in any::<bool>()) {
        let report = if blank { Wizard::blank_report(2026) } else { huaian() };
        let mut w = wizard(report, "p.yaml", (80, 24));
        for e in events {
            feed(&mut w, [e]);
            // Quit dialogs would swallow the rest of the script.
            if w.dialog == Some(Dialog::ConfirmQuit) {
                feed(&mut w, [key(KeyCode::Esc)]);
            }
            check(&w);
        }
    }
}
