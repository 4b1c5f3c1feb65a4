//! Pasting: text into text fields, numbers (one or a row of them) into number fields.

use super::Effect;
use crate::model::{normalize_digit, parse_count, Amount, CellRef};
use crate::tui::tables::{editable_cells, Table};
use crate::tui::wizard::state::{Field, Kind, Tone, Wizard};

/// Normalises pasted text: CRLF and CR become LF, tabs a space (in prose), other control
/// characters are dropped.
fn normalise_paste(text: &str, keep_tabs: bool) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' if keep_tabs => Some('\t'),
            '\t' => Some(' '),
            c if crate::text::is_dangerous(c) => None,
            c => Some(c),
        })
        .collect()
}

pub(super) fn paste(w: &mut Wizard, text: &str) -> Vec<Effect> {
    match w.focus.kind() {
        Kind::Line | Kind::Text => {
            let mut t = normalise_paste(text, false);
            if w.focus.kind() == Kind::Line {
                t = t.trim_end_matches('\n').replace('\n', " ");
            }
            if t.is_empty() {
                return vec![];
            }
            w.begin_edit();
            if let Some(ed) = w.editor.as_mut() {
                ed.insert_str(&t);
            }
            w.sync_editor();
            // A paste is one edit.
            w.edit_open = false;
            w.changed()
        }
        Kind::Count | Kind::Amount(_) | Kind::Year => paste_numbers(w, text),
        Kind::Computed => {
            w.message = Some((Tone::Error, "总计由各项相加自动得出，不能粘贴".into()));
            vec![]
        }
        Kind::None => vec![],
    }
}

fn paste_numbers(w: &mut Wizard, text: &str) -> Vec<Effect> {
    let t = normalise_paste(text, true);
    let line = t
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    let values: Vec<&str> = line.split('\t').map(str::trim).collect();
    let targets: Vec<Field> = match w.focus {
        Field::Cell(c) if values.len() > 1 => row_from(c).into_iter().map(Field::Cell).collect(),
        f => vec![f],
    };
    let n = values.len().min(targets.len());
    // Check every value before changing anything: a paste is all or nothing.
    for (i, (v, f)) in values.iter().zip(&targets).enumerate() {
        let bad = match f.kind() {
            Kind::Count => parse_count(v).err().map(|e| e.to_string()),
            Kind::Amount(max) if !v.is_empty() => {
                Amount::parse(v, max).err().map(|e| e.to_string())
            }
            Kind::Year => (!v.chars().all(|c| c.is_ascii_digit()) || v.len() > 4)
                .then(|| "年份只能是 4 位数字".to_string()),
            _ => None,
        };
        if let Some(e) = bad {
            let which = if values.len() > 1 {
                format!("第 {} 个值", i + 1)
            } else {
                "粘贴的内容".to_string()
            };
            w.message = Some((
                Tone::Error,
                format!(
                    "{which}“{}”不能填入：{e}；未作改动",
                    crate::text::escape_for_message(v, 20)
                ),
            ));
            return vec![];
        }
    }
    w.begin_edit();
    for (v, f) in values.iter().zip(&targets) {
        let clean: String = match f.kind() {
            Kind::Count => parse_count(v).map(|x| x.to_string()).unwrap_or_default(),
            _ => v
                .chars()
                .map(normalize_digit)
                .filter(|c| *c != ',')
                .collect(),
        };
        if let Err(e) = w.set_number(*f, &clean) {
            w.message = Some((Tone::Error, e));
        }
    }
    w.edit_open = false;
    w.num.text = w.value_text(w.focus);
    w.num.fresh = true;
    if values.len() > 1 {
        let extra = values.len().saturating_sub(n);
        let msg = if extra > 0 {
            format!("已粘贴 {n} 个数；多出的 {extra} 个值这一行放不下，未填入")
        } else {
            format!("已粘贴 {n} 个数")
        };
        w.message = Some((Tone::Info, msg));
    }
    w.changed()
}

/// The editable cells of the printed row of `c`, from `c` on (table C is one printed row).
fn row_from(c: CellRef) -> Vec<CellRef> {
    let table = match c {
        CellRef::A { .. } => Table::A,
        CellRef::B { .. } => Table::B,
        _ => Table::C,
    };
    let all = editable_cells(table);
    let Some(start) = all.iter().position(|x| *x == c) else {
        return vec![c];
    };
    all[start..]
        .iter()
        .copied()
        .take_while(|x| match (x, c) {
            (CellRef::B { row, .. }, CellRef::B { row: r0, .. }) => *row == r0,
            (CellRef::A { field, .. }, CellRef::A { field: f0, .. }) => *field == f0,
            (CellRef::C { .. }, CellRef::C { .. }) => true,
            _ => false,
        })
        .collect()
}
