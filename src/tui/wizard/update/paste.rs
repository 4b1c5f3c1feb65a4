//! Pasting: text into text fields, numbers (one or a row of them) into number fields.

use super::numbers::parse_signed;
use super::Effect;
use crate::model::schema::{Tables, B_COLS, C_COLUMNS, C_GROUPS, TOTAL_LABEL, YEAR_LABEL};
use crate::model::{normalize_digit, parse_count, Amount, CellRef};
use crate::tui::tables::Table;
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
    match w.focus_kind() {
        Kind::Line | Kind::Text => {
            let mut t = normalise_paste(text, false);
            if w.focus_kind() == Kind::Line {
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
        Kind::Count | Kind::Signed | Kind::Amount(_) | Kind::Year => paste_numbers(w, text),
        Kind::Computed => {
            w.message = Some((
                Tone::Error,
                format!("{TOTAL_LABEL}由各项相加自动得出，不能粘贴"),
            ));
            vec![]
        }
        Kind::None => vec![],
    }
}

/// Checks a value for a field; `Some(reason)` when it cannot go there.
fn refusal(w: &Wizard, v: &str, f: Field) -> Option<String> {
    match w.kind_of(f) {
        Kind::Count | Kind::Computed => parse_count(v).err().map(|e| w.count_error(e)),
        Kind::Signed => parse_signed(v).err(),
        Kind::Amount(max) if !v.is_empty() => Amount::parse(v, max).err().map(|e| e.to_string()),
        Kind::Year => (!v.chars().all(|c| c.is_ascii_digit()) || v.len() > 4)
            .then(|| format!("{YEAR_LABEL}只能是 4 位数字")),
        _ => None,
    }
}

/// The value as the number field takes it (digits normalised, thousands separators gone).
fn clean(w: &Wizard, v: &str, f: Field) -> String {
    match w.kind_of(f) {
        Kind::Count | Kind::Computed => parse_count(v).map(|x| x.to_string()).unwrap_or_default(),
        Kind::Signed => parse_signed(v).map(|x| x.to_string()).unwrap_or_default(),
        _ => v
            .chars()
            .map(normalize_digit)
            .filter(|c| *c != ',')
            .collect(),
    }
}

/// The table of a cell.
fn table_of(c: CellRef) -> Table {
    match c {
        CellRef::A { .. } => Table::A,
        CellRef::B { .. } => Table::B,
        _ => Table::C,
    }
}

fn is_computed(c: CellRef) -> bool {
    c.is_computed()
}

/// The table as printed in a version of the format, row by row, totals included: table B's
/// 25 rows of 7 (23 in the 2019 format), table C's one row of 15 numbers, table A's one row
/// per item.
fn printed_grid(table: Table, tables: &'static Tables) -> Vec<Vec<CellRef>> {
    match table {
        Table::B => tables
            .b_slots
            .iter()
            .map(|&row| (0..B_COLS).map(|col| CellRef::B { row, col }).collect())
            .collect(),
        Table::C => vec![(0..C_GROUPS.len())
            .flat_map(|group| (0..C_COLUMNS.len()).map(move |col| CellRef::C { group, col }))
            .collect()],
        Table::A => {
            let mut rows: Vec<Vec<CellRef>> = Vec::new();
            for c in Table::A.editable_cells_in(tables) {
                let same = matches!(
                    (rows.last().and_then(|r| r.first()), c),
                    (Some(CellRef::A { field: f0, .. }), CellRef::A { field, .. }) if *f0 == field
                );
                if same {
                    if let Some(r) = rows.last_mut() {
                        r.push(c);
                    }
                } else {
                    rows.push(vec![c]);
                }
            }
            rows
        }
    }
}

/// A value of a pasted block (row, column) and the cell it goes to.
type Placed = Vec<(usize, usize, CellRef)>;

/// Where a pasted block can go, value by value, from the focused cell `at`: onto the printed
/// table (a block with the totals) and onto its editable cells only (a block without them),
/// each where it fits. `Err` says why it fits neither.
fn place_block(
    block: &[Vec<&str>],
    at: CellRef,
    tables: &'static Tables,
) -> Result<(Option<Placed>, Option<Placed>), String> {
    let grid = printed_grid(table_of(at), tables);
    let Some((r0, c0)) = grid
        .iter()
        .enumerate()
        .find_map(|(r, row)| row.iter().position(|x| *x == at).map(|c| (r, c)))
    else {
        return Err("这一格不在表格中".into());
    };
    let cols = block.iter().map(Vec::len).max().unwrap_or(0);
    let printed = |grid: &[Vec<CellRef>], c0: usize| -> Option<Vec<(usize, usize, CellRef)>> {
        let mut out = Vec::new();
        for (i, vals) in block.iter().enumerate() {
            let row = grid.get(r0 + i)?;
            for j in 0..vals.len() {
                out.push((i, j, *row.get(c0 + j)?));
            }
        }
        Some(out)
    };
    let with_totals = printed(&grid, c0);
    // Without totals: the rows that are not all totals, the cells that are not totals.
    let editable: Vec<Vec<CellRef>> = grid
        .iter()
        .enumerate()
        .filter(|(r, row)| *r == r0 || row.iter().any(|c| !is_computed(*c)))
        .map(|(_, row)| row.iter().copied().filter(|c| !is_computed(*c)).collect())
        .collect();
    let r_e = grid[..r0]
        .iter()
        .filter(|row| row.iter().any(|c| !is_computed(*c)))
        .count();
    let c_e = grid[r0][..c0].iter().filter(|c| !is_computed(**c)).count();
    let shifted: Vec<Vec<CellRef>> = editable[r_e..].to_vec();
    let mut out = Vec::new();
    let mut fits = true;
    'rows: for (i, vals) in block.iter().enumerate() {
        let Some(row) = shifted.get(i) else {
            fits = false;
            break;
        };
        for j in 0..vals.len() {
            match row.get(c_e + j) {
                Some(c) => out.push((i, j, *c)),
                None => {
                    fits = false;
                    break 'rows;
                }
            }
        }
    }
    let without = fits.then_some(out);
    if with_totals.is_some() || without.is_some() {
        return Ok((with_totals, without));
    }
    let rows_left = grid.len() - r0;
    let cols_left = grid[r0].len() - c0;
    Err(format!(
        "粘贴的内容有 {} 行、最多 {cols} 列，从这一格起表格只有 {rows_left} 行、{cols_left} 列，放不下",
        block.len()
    ))
}

fn paste_numbers(w: &mut Wizard, text: &str) -> Vec<Effect> {
    let t = normalise_paste(text, true);
    let mut block: Vec<Vec<&str>> = t
        .lines()
        .map(|l| l.split('\t').map(str::trim).collect())
        .collect();
    let blank = |r: &Vec<&str>| r.iter().all(|v| v.is_empty());
    while block.last().is_some_and(blank) {
        block.pop();
    }
    while block.first().is_some_and(blank) {
        block.remove(0);
    }
    if block.is_empty() {
        return vec![];
    }
    let single = block.len() == 1 && block[0].len() == 1;
    let targets: Placed = match w.focus {
        Field::Cell(c) if !single => match place_block(&block, c, w.report.tables()) {
            // Both fit: the block has the totals if its values on total cells agree with the
            // sums of its other values; else it is the editable cells alone.
            Ok((Some(with), Some(without))) => {
                if mismatches_if_pasted(w, &block, &with) == 0 {
                    with
                } else {
                    without
                }
            }
            Ok((Some(t), None)) | Ok((None, Some(t))) => t,
            Ok((None, None)) => return vec![],
            Err(why) => {
                w.message = Some((Tone::Error, format!("{why}；未作改动")));
                return vec![];
            }
        },
        _ => {
            // One field: its one value.
            return paste_one(w, block[0][0]);
        }
    };
    let count = targets.len();
    // Check every value before changing anything: a paste is all or nothing.
    for (k, (i, j, c)) in targets.iter().enumerate() {
        let v = block[*i][*j];
        if let Some(e) = refusal(w, v, Field::Cell(*c)) {
            let which = if block.len() > 1 {
                format!("第 {} 行第 {} 个值", i + 1, j + 1)
            } else {
                format!("第 {} 个值", k + 1)
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
    let mut typed = 0;
    for (i, j, c) in &targets {
        let f = Field::Cell(*c);
        if is_computed(*c) {
            continue;
        }
        typed += 1;
        let v = clean(w, block[*i][*j], f);
        if let Err(e) = w.set_number(f, &v) {
            w.message = Some((Tone::Error, e));
        }
    }
    // The totals in the block are compared with ours, not typed in.
    let mismatches: Vec<(CellRef, String, String)> = targets
        .iter()
        .filter(|(_, _, c)| is_computed(*c))
        .filter_map(|(i, j, c)| {
            let pasted = clean(w, block[*i][*j], Field::Cell(*c));
            let ours = w.value_text(Field::Cell(*c));
            (pasted != ours).then_some((*c, pasted, ours))
        })
        .collect();
    w.edit_open = false;
    w.num.text = w.value_text(w.focus);
    w.num.fresh = true;
    let what = if block.len() > 1 {
        format!("已粘贴 {} 行共 {typed} 个数", block.len())
    } else {
        format!("已粘贴 {typed} 个数")
    };
    let totals = count - typed;
    w.message = Some(match mismatches.first() {
        None if totals > 0 => (Tone::Info, format!("{what}；其中 {totals} 个合计与各项之和相符")),
        None => (Tone::Info, what),
        Some((c, pasted, ours)) => (
            Tone::Error,
            format!(
                "{what}；粘贴的合计有 {} 处与各项之和不符（未照填，合计自动计算）：{} 粘贴的是 {pasted}，各项之和 {ours}",
                mismatches.len(),
                c.label_in(w.report.tables())
            ),
        ),
    });
    w.changed()
}

/// How many totals of the block would disagree with the sums if it were pasted onto
/// `targets` (tried on a copy; the report is left as it was).
fn mismatches_if_pasted(w: &mut Wizard, block: &[Vec<&str>], targets: &Placed) -> usize {
    let before = w.report.clone();
    for (i, j, c) in targets {
        let f = Field::Cell(*c);
        if !is_computed(*c) && refusal(w, block[*i][*j], f).is_none() {
            let v = clean(w, block[*i][*j], f);
            let _ = w.set_number(f, &v);
        }
    }
    let n = targets
        .iter()
        .filter(|(i, j, c)| {
            is_computed(*c)
                && clean(w, block[*i][*j], Field::Cell(*c)) != w.value_text(Field::Cell(*c))
        })
        .count();
    w.report = before;
    n
}

/// One value pasted into the focused number field.
fn paste_one(w: &mut Wizard, v: &str) -> Vec<Effect> {
    let f = w.focus;
    if let Some(e) = refusal(w, v, f) {
        w.message = Some((
            Tone::Error,
            format!(
                "粘贴的内容“{}”不能填入：{e}；未作改动",
                crate::text::escape_for_message(v, 20)
            ),
        ));
        return vec![];
    }
    w.begin_edit();
    let v = clean(w, v, f);
    if let Err(e) = w.set_number(f, &v) {
        w.message = Some((Tone::Error, e));
    }
    w.edit_open = false;
    w.num.text = w.value_text(w.focus);
    w.num.fresh = true;
    w.changed()
}
