//! The README's key tables are the program's own key maps (src/tui/wizard/keymap.rs and
//! src/tui/view/keymap.rs): this test fails when they differ, so a key added, changed or
//! removed in a map cannot leave the README behind. `NIANBAO_UPDATE_README=1 cargo test
//! --test keys_readme` writes the tables into the README.

mod common;

use nianbao::tui::view::keymap::KEYMAP;
use nianbao::tui::wizard::keymap as wk;

/// A table cell's text with Markdown's table separator escaped.
fn cell(s: &str) -> String {
    s.replace('|', "\\|")
}

/// The wizard's table: every scope the screen and its dialogs have, every binding that help
/// explains (the bindings without an explanation are typing itself).
fn wizard_table() -> String {
    // (scope, what the README adds to its name where two dialogs share one).
    let scopes: [(&nianbao::tui::keys::Scope<wk::Action>, &str); 11] = [
        (&wk::GLOBAL, ""),
        (&wk::TABLE, ""),
        (&wk::LINE, ""),
        (&wk::TEXT, ""),
        (&wk::PARTS, ""),
        (&wk::LAST_YEAR, ""),
        (&wk::REVIEW, ""),
        (&wk::SAVE_AS, ""),
        (&wk::CONFIRM_QUIT, "（有未保存的修改）"),
        (&wk::CONFIRM_QUIT_NO_DRAFT, "（草稿也写不进，如磁盘已满）"),
        (&wk::CONFIRM_OVERWRITE, ""),
    ];
    let mut t = String::from("| 场合 | 按键 | 作用 |\n|---|---|---|\n");
    for (s, note) in scopes {
        let mut first = true;
        for b in s.bindings.iter().filter(|b| !b.help.is_empty()) {
            let place = if first {
                format!("{}{note}", s.name)
            } else {
                String::new()
            };
            first = false;
            t.push_str(&format!(
                "| {} | {} | {} |\n",
                cell(&place),
                cell(&b.label()),
                cell(b.help)
            ));
        }
    }
    t
}

/// The viewer's table: every binding of its key map.
fn viewer_table() -> String {
    let mut t = String::from("| 按键 | 作用 |\n|---|---|\n");
    for b in KEYMAP {
        t.push_str(&format!(
            "| {} | {} |\n",
            cell(&b.keys_label()),
            cell(b.help)
        ));
    }
    t
}

/// Checks (or, with NIANBAO_UPDATE_README, writes) the README's part between the markers.
fn check(name: &str, want: &str) {
    common::readme::check_part(
        &format!(
            "<!-- keys-{name}: generated from the key map; tests/keys_readme.rs checks it -->\n"
        ),
        &format!("<!-- /keys-{name} -->"),
        want,
        &format!("{name} key table"),
        "keys_readme",
    );
}

// One test for both tables: with NIANBAO_UPDATE_README the README is rewritten, and two
// tests doing that at once would race.
#[test]
fn readme_lists_every_wizard_and_viewer_key() {
    let t = wizard_table();
    // The keys clerks asked about are there (the preview's paging, 另存为).
    assert!(t.contains("全文下翻"), "{t}");
    assert!(t.contains("| 另存为 |"), "{t}");
    check("wizard", &t);
    check("view", &viewer_table());
}
