//! The wizard's state driven by event scripts, without a terminal: the starting points and
//! the moves the event-script and snapshot tests share.
#![allow(dead_code)]

use nianbao::model::next_year::next_year;
use nianbao::tui::wizard::testing::{feed, key, wizard};
use nianbao::tui::wizard::{Step, Wizard};
use ratatui::crossterm::event::KeyCode;

/// `nianbao new new.yaml` in 2026 at 80×24: a blank report on step 1.
pub fn blank() -> Wizard {
    wizard(Wizard::blank_report(2026), "new.yaml", (80, 24))
}

/// `nianbao new r.yaml --from huaian-2024.yaml` at 80×24, as the command builds it: next
/// year's report with last year's beside it.
pub fn from_huaian() -> Wizard {
    let last = super::examples::example("huaian-2024.yaml");
    wizard(next_year(&last), "r.yaml", (80, 24)).with_last_year(last)
}

/// Presses PageDown until the wizard shows `step` (forward from the current step).
pub fn to_step(w: &mut Wizard, step: Step) {
    while w.step != step {
        feed(w, [key(KeyCode::PageDown)]);
    }
}

/// The status line's message, or "" when there is none.
pub fn message(w: &Wizard) -> String {
    w.message.as_ref().map(|m| m.1.clone()).unwrap_or_default()
}

/// Where the finding of `rule` stands in the review step's list; panics when there is none.
pub fn finding_index(w: &Wizard, rule: &str) -> usize {
    w.findings
        .iter()
        .position(|f| f.rule == rule)
        .unwrap_or_else(|| panic!("no {rule} finding"))
}
