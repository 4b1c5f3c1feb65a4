//! Typing into number fields (counts, amounts, the year), and clearing a field.

use super::Effect;
use crate::model::schema::{MAX_COUNT, TOTAL_LABEL, YEAR_LABEL};
use crate::model::{normalize_digit, parse_count, Amount, CellRef, CountError, Value};
use crate::tui::wizard::state::{Field, Kind, Tone, Wizard};

/// The minus signs a clerk may type or paste: ASCII, full-width (an input method) and the
/// typographic minus (Word, Excel).
fn is_minus(c: char) -> bool {
    matches!(c, '-' | '－' | '−')
}

/// A whole number that may be negative, as typed or pasted (`-8`, `－８`, `1,234`); the
/// empty text and a lone `-` are 0 (the clerk is still typing).
pub(super) fn parse_signed(text: &str) -> Result<i64, String> {
    let t = text.trim();
    let (neg, digits) = match t.chars().next() {
        Some(c) if is_minus(c) => (true, &t[c.len_utf8()..]),
        _ => (false, t),
    };
    if digits.chars().any(is_minus) {
        return Err("负号只能写在数字前面（如 -8）".into());
    }
    let v = parse_count(digits).map_err(|e| match e {
        CountError::TooLarge => format!("数值过大：最多 ±{MAX_COUNT}"),
        e => e.to_string(),
    })? as i64;
    Ok(if neg { -v } else { v })
}

impl Wizard {
    /// Why a count cannot be typed, in this report's format: in the 2019 format a minus
    /// says where negative numbers do go.
    pub(crate) fn count_error(&self, e: CountError) -> String {
        let signed = crate::tui::format::signed_label(self.report.tables());
        match (e, signed) {
            (CountError::Negative, Some(label)) => format!(
                "件数不能为负数（{}只有表二“{label}”可填负数）",
                self.format_name()
            ),
            (e, _) => e.to_string(),
        }
    }

    /// Sets a numeric field from typed text (already checked); keeps totals computed.
    pub(super) fn set_number(&mut self, field: Field, text: &str) -> Result<(), String> {
        // Typed into: no longer the invalid value of the file.
        if let Some(c) = field.cell_ref() {
            self.invalid.retain(|(x, _)| *x != c);
        }
        let kind = self.kind_of(field);
        let count = parse_count(text).map_err(|e| self.count_error(e));
        let r = &mut self.report;
        match kind {
            Kind::Count => {
                let v = count?;
                if let Some(cell) = field.cell_ref() {
                    let before = matches!(cell, CellRef::A { .. }).then(|| r.clone());
                    r.set_keeping_totals(cell, Value::Count(v))
                        .map_err(|e| e.to_string())?;
                    // The proposed cells of table A follow what is typed (issues 14, 15).
                    if let Some(before) = before {
                        self.follow_proposal(&before);
                    }
                }
            }
            Kind::Signed => {
                let v = parse_signed(text)?;
                if let Some(cell) = field.cell_ref() {
                    r.set(cell, Value::Signed(v)).map_err(|e| e.to_string())?;
                }
            }
            Kind::Year => {
                let year = if text.is_empty() {
                    0
                } else {
                    text.parse::<i32>()
                        .map_err(|_| format!("{YEAR_LABEL}只能是数字"))?
                };
                // The customary preamble names the year: it follows while untouched.
                let v = r.version();
                if r.preamble == crate::model::standard_preamble_in(v, r.year) {
                    r.preamble = crate::model::standard_preamble_in(v, year);
                }
                r.year = year;
            }
            Kind::Amount(max) => {
                let a = if text.is_empty() || text == "." {
                    Amount::ZERO
                } else {
                    Amount::parse(text, max).map_err(|e| e.to_string())?
                };
                if let Some(cell) = field.cell_ref() {
                    r.set(cell, Value::Amount(a)).map_err(|e| e.to_string())?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    pub(super) fn type_number(&mut self, ch: char) -> Vec<Effect> {
        let field = self.focus;
        let kind = self.kind_of(field);
        let c = normalize_digit(ch);
        let base = if self.num.fresh {
            String::new()
        } else {
            self.num.text.clone()
        };
        // A refused key keeps the field marked and its reason on the status line until the
        // field is cleared or the focus moves on (the number shown is not what was meant).
        let refuse = |w: &mut Wizard, msg: String| {
            w.message = Some((Tone::Error, msg.clone()));
            if kind != Kind::Computed {
                w.doubt = Some((field, msg));
            }
            vec![Effect::Redraw]
        };
        let next = match kind {
            Kind::Count => {
                if matches!(c, '.' | '。' | '．') {
                    return refuse(
                        self,
                        "件数是整数，不能有小数点；这一格未改动，请按 Ctrl-U 清空后重填".into(),
                    );
                }
                if !c.is_ascii_digit() {
                    let e = if is_minus(c) {
                        CountError::Negative
                    } else {
                        CountError::NotADigit(ch)
                    };
                    let e = self.count_error(e);
                    return refuse(self, format!("{e}；这一格未改动"));
                }
                let mut t = base;
                if t == "0" {
                    t.clear();
                }
                t.push(c);
                if let Err(e) = parse_count(&t) {
                    let e = self.count_error(e);
                    return refuse(self, format!("{e}；这一格未改动"));
                }
                t
            }
            Kind::Signed => {
                let mut t = base;
                if is_minus(c) {
                    // The sign first: on a fresh or empty cell, or one that reads 0.
                    if !(t.is_empty() || t == "0") {
                        return refuse(
                            self,
                            "负号只能写在数字前面：请按 Ctrl-U 清空，再输入 - 和数字（如 -8）；这一格未改动"
                                .into(),
                        );
                    }
                    t = "-".into();
                } else if !c.is_ascii_digit() {
                    let what = if matches!(c, '.' | '。' | '．') {
                        "这一格是整数，不能有小数点".to_string()
                    } else {
                        format!("只能输入数字，减少时先输入 -（如 -8）；“{ch}”不是数字")
                    };
                    return refuse(self, format!("{what}；这一格未改动"));
                } else {
                    if t == "0" {
                        t.clear();
                    } else if t == "-0" {
                        t.truncate(1);
                    }
                    t.push(c);
                }
                if let Err(e) = parse_signed(&t) {
                    return refuse(self, format!("{e}；这一格未改动"));
                }
                t
            }
            Kind::Year => {
                if !c.is_ascii_digit() {
                    return refuse(
                        self,
                        format!("{YEAR_LABEL}只能输入数字（如 2024），“{ch}”不是数字"),
                    );
                }
                let mut t = base;
                if t.len() >= 4 {
                    return refuse(self, format!("{YEAR_LABEL}最多 4 位数字"));
                }
                t.push(c);
                t
            }
            Kind::Amount(max) => {
                let mut t = base;
                if c == '.' {
                    if t.contains('.') {
                        return refuse(self, "金额只能有一个小数点".into());
                    }
                    if t.is_empty() {
                        t.push('0');
                    }
                } else if !c.is_ascii_digit() {
                    let why = if is_minus(c) {
                        "金额不能为负数".to_string()
                    } else {
                        format!("金额只能输入数字和一个小数点，“{ch}”不是")
                    };
                    return refuse(self, format!("{why}；这一格未改动"));
                } else if let Some(p) = t.find('.') {
                    if t.len() - p > max as usize {
                        return refuse(self, format!("金额最多 {max} 位小数"));
                    }
                } else if t == "0" {
                    t.clear();
                }
                t.push(c);
                if let Err(e) = Amount::parse(&t, max) {
                    return refuse(self, format!("{e}；这一格未改动"));
                }
                t
            }
            Kind::Computed => {
                return refuse(
                    self,
                    format!("{TOTAL_LABEL}由各项相加自动得出，不能输入；请修改它的各项"),
                )
            }
            _ => return vec![],
        };
        self.begin_edit();
        if let Err(e) = self.set_number(field, &next) {
            return refuse(self, e);
        }
        self.num.text = next;
        self.num.fresh = false;
        self.changed()
    }

    pub(super) fn backspace_number(&mut self) -> Vec<Effect> {
        let field = self.focus;
        if self.kind_of(field) == Kind::Computed {
            self.message = Some((
                Tone::Error,
                format!("{TOTAL_LABEL}由各项相加自动得出，不能修改"),
            ));
            return vec![];
        }
        let mut t = if self.num.fresh {
            self.value_text(field)
        } else {
            self.num.text.clone()
        };
        t.pop();
        if t.is_empty() {
            self.doubt = None;
        }
        self.begin_edit();
        if let Err(e) = self.set_number(field, &t) {
            self.message = Some((Tone::Error, e));
            return vec![];
        }
        self.num.text = t;
        self.num.fresh = false;
        self.changed()
    }

    pub(super) fn clear_field(&mut self) -> Vec<Effect> {
        let field = self.focus;
        self.doubt = None;
        match self.kind_of(field) {
            Kind::Line | Kind::Text => {
                self.begin_edit();
                if let Some(ed) = self.editor.as_mut() {
                    ed.select_all();
                    ed.cut();
                }
                self.sync_editor();
                self.changed()
            }
            Kind::Count | Kind::Signed | Kind::Year | Kind::Amount(_) => {
                self.begin_edit();
                let _ = self.set_number(field, "");
                self.num.text.clear();
                self.num.fresh = false;
                self.changed()
            }
            Kind::Computed => {
                self.message = Some((
                    Tone::Error,
                    format!("{TOTAL_LABEL}由各项相加自动得出，不能清空"),
                ));
                vec![]
            }
            Kind::None => vec![],
        }
    }
}
