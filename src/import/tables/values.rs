//! A table cell's printed value read by the kind of cell the schema says it is: a count, a
//! whole number that may be negative (2019 table A's 本年增/减: `-8`), or an amount in 万元
//! (printed plain, or with its unit in the cell: `251000元` is 25.1 万元, `25.1万元`).

use crate::import::labels::fold;
use crate::import::lines::is_number;
use crate::model::schema::MAX_COUNT;
use crate::model::{Amount, CellKind, Value};

/// The units an amount may be printed with in its cell, and millionths of a 万元 per
/// millionth of the printed unit's value (元: 1/10000).
const UNITS: [(&str, u64); 2] = [("万元", 1), ("元", 10_000)];

fn signed_digits(t: &str) -> Option<&str> {
    let rest = t.strip_prefix(['-', '+', '－', '＋', '−'])?;
    (!rest.is_empty() && rest.chars().all(|c| fold(c).is_ascii_digit())).then_some(rest)
}

fn with_unit(t: &str) -> Option<(&str, &'static str)> {
    UNITS.iter().find_map(|(u, _)| {
        t.strip_suffix(u)
            .map(str::trim_end)
            .filter(|n| is_number(n))
            .map(|n| (n, *u))
    })
}

/// True for a token that is a value of some cell kind: a number (`1,234`, `7730.28`), a
/// signed whole number (`-8`, `+3`), or an amount with its unit (`251000元`, `25.1万元`).
pub(crate) fn is_value(tok: &str) -> bool {
    let t = tok.trim();
    is_number(t) || signed_digits(t).is_some() || with_unit(t).is_some()
}

/// A printed value read as a cell of `kind`: the value, and a note when it was converted
/// (an amount printed in 元).
pub(crate) fn parse_value(kind: CellKind, tok: &str) -> Result<(Value, Option<String>), String> {
    let t: String = tok
        .trim()
        .chars()
        .map(fold)
        .filter(|c| *c != ',' && !c.is_whitespace())
        .collect();
    match kind {
        CellKind::Amount(decimals) => {
            let (number, unit) = match with_unit(&t) {
                Some((n, u)) => (n.to_string(), Some(u)),
                None => (t.clone(), None),
            };
            let per = UNITS
                .iter()
                .find(|(u, _)| Some(*u) == unit)
                .map_or(1, |(_, p)| *p);
            if per == 1 {
                let a =
                    Amount::parse(&number, decimals).map_err(|e| format!("“{tok}”读不出：{e}"))?;
                return Ok((Value::Amount(a), None));
            }
            // 元 to 万元: at most 2 decimals in 元, so the 万元 figure is exact.
            let yuan = Amount::parse(&number, 2).map_err(|e| format!("“{tok}”读不出：{e}"))?;
            let wan = Amount::from_micros(yuan.micros() / per)
                .ok_or_else(|| format!("“{tok}”读不出：金额过大"))?;
            Ok((
                Value::Amount(wan),
                Some(format!("“{tok}”印有单位元，换算为 {wan} 万元")),
            ))
        }
        CellKind::Signed => {
            let (neg, digits) = match signed_digits(&t) {
                Some(d) => (t.starts_with(['-', '−']), d.to_string()),
                None => (false, t.clone()),
            };
            match digits.parse::<i64>() {
                Ok(n) if n.unsigned_abs() <= MAX_COUNT => {
                    Ok((Value::Signed(if neg { -n } else { n }), None))
                }
                _ => Err(format!("“{tok}”不是整数（本年增/减可为负数，如 -8）")),
            }
        }
        _ => match t.parse::<u64>() {
            Ok(n) if n <= MAX_COUNT => Ok((Value::Count(n), None)),
            _ => Err(format!("“{tok}”不是件数（应为非负整数）")),
        },
    }
}

/// The value of a blank cell of `kind`: 0.
pub(crate) fn zero(kind: CellKind) -> Value {
    match kind {
        CellKind::Amount(_) => Value::Amount(Amount::ZERO),
        CellKind::Signed => Value::Signed(0),
        _ => Value::Count(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_of_every_kind() {
        assert!(is_value("-8") && is_value("251000元") && is_value("25.1万元"));
        assert!(!is_value("-") && !is_value("元") && !is_value("规章"));
        assert_eq!(
            parse_value(CellKind::Signed, "-8").unwrap().0,
            Value::Signed(-8)
        );
        assert_eq!(
            parse_value(CellKind::Signed, "－12").unwrap().0,
            Value::Signed(-12)
        );
        assert_eq!(
            parse_value(CellKind::Signed, "3").unwrap().0,
            Value::Signed(3)
        );
        let (v, note) = parse_value(CellKind::Amount(6), "251000元").unwrap();
        assert_eq!(v, Value::Amount(Amount::parse("25.1", 6).unwrap()));
        assert!(note.unwrap().contains("25.1 万元"));
        let (v, note) = parse_value(CellKind::Amount(6), "12.5万元").unwrap();
        assert_eq!(v, Value::Amount(Amount::parse("12.5", 6).unwrap()));
        assert!(note.is_none());
        assert_eq!(
            parse_value(CellKind::Amount(6), "1234.56元").unwrap().0,
            Value::Amount(Amount::parse("0.123456", 6).unwrap())
        );
        assert!(parse_value(CellKind::Count, "-8").is_err());
        assert!(parse_value(CellKind::Amount(6), "-8").is_err());
    }
}
