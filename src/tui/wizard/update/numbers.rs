//! Typing into number fields (counts, amounts, the year), and clearing a field.

use super::Effect;
use crate::model::{normalize_digit, parse_count, Amount, CountError, Value};
use crate::tui::wizard::state::{Field, Kind, Tone, Wizard};

impl Wizard {
    /// Sets a numeric field from typed text (already checked); keeps totals computed.
    pub(super) fn set_number(&mut self, field: Field, text: &str) -> Result<(), String> {
        let r = &mut self.report;
        match field.kind() {
            Kind::Count => {
                let v = parse_count(text).map_err(|e| e.to_string())?;
                if let Some(cell) = field.cell_ref() {
                    r.set_keeping_totals(cell, Value::Count(v))
                        .map_err(|e| e.to_string())?;
                }
            }
            Kind::Year => {
                r.year = if text.is_empty() {
                    0
                } else {
                    text.parse::<i32>()
                        .map_err(|_| "年份只能是数字".to_string())?
                };
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
        let kind = field.kind();
        let c = normalize_digit(ch);
        let base = if self.num.fresh {
            String::new()
        } else {
            self.num.text.clone()
        };
        let refuse = |w: &mut Wizard, msg: String| {
            w.message = Some((Tone::Error, msg));
            vec![]
        };
        let next = match kind {
            Kind::Count => {
                if !c.is_ascii_digit() {
                    let e = if c == '-' {
                        CountError::Negative
                    } else {
                        CountError::NotADigit(ch)
                    };
                    return refuse(self, format!("{e}；这一格未改动"));
                }
                let mut t = base;
                if t == "0" {
                    t.clear();
                }
                t.push(c);
                if let Err(e) = parse_count(&t) {
                    return refuse(self, format!("{e}；这一格未改动"));
                }
                t
            }
            Kind::Year => {
                if !c.is_ascii_digit() {
                    return refuse(self, format!("年份只能输入数字（如 2024），“{ch}”不是数字"));
                }
                let mut t = base;
                if t.len() >= 4 {
                    return refuse(self, "年份最多 4 位数字".into());
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
                    return refuse(
                        self,
                        format!("金额只能输入数字和一个小数点，“{ch}”不是；这一格未改动"),
                    );
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
                    "总计由各项相加自动得出，不能输入；请修改它的各项".into(),
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
        if field.kind() == Kind::Computed {
            self.message = Some((Tone::Error, "总计由各项相加自动得出，不能修改".into()));
            return vec![];
        }
        let mut t = if self.num.fresh {
            self.value_text(field)
        } else {
            self.num.text.clone()
        };
        t.pop();
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
        match field.kind() {
            Kind::Line | Kind::Text => {
                self.begin_edit();
                if let Some(ed) = self.editor.as_mut() {
                    ed.select_all();
                    ed.cut();
                }
                self.sync_editor();
                self.changed()
            }
            Kind::Count | Kind::Year | Kind::Amount(_) => {
                self.begin_edit();
                let _ = self.set_number(field, "");
                self.num.text.clear();
                self.num.fresh = false;
                self.changed()
            }
            Kind::Computed => {
                self.message = Some((Tone::Error, "总计由各项相加自动得出，不能清空".into()));
                vec![]
            }
            Kind::None => vec![],
        }
    }
}
