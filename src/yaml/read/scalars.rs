//! Visitors of scalars: counts, whole numbers, amounts and text.

use super::limits::charge;
use crate::model::schema::{self, MAX_COUNT};
use crate::model::Amount;
use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use std::fmt;

/// `value` marked to be shown as the file wrote it (see `messages::as_written`).
fn written(value: &str) -> String {
    let m = super::messages::WRITTEN;
    format!("{m}{value}{m}")
}

/// A string of the report (agency, title, heading, body), paid for from the budget.
#[derive(Default)]
pub(super) struct Text(pub(super) String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("文本")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                charge(v.len() + 16)?;
                Ok(Text(v.to_owned()))
            }
            /// `null`, `~` or nothing at all: empty text.
            fn visit_unit<E: de::Error>(self) -> Result<Text, E> {
                charge(16)?;
                Ok(Text(String::new()))
            }
            fn visit_none<E: de::Error>(self) -> Result<Text, E> {
                self.visit_unit()
            }
            // A number or true/false where text belongs would lose its exact form (`007`,
            // `12.50`): ask for quotes instead of guessing.
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text, E> {
                Err(E::custom(format!(
                    "nb:这里应为文本，却是布尔值 {v}：如果就是这几个字，请加双引号，如 \"{v}\""
                )))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
                Err(E::custom(format!(
                    "nb:这里应为文本，却是数字 {v}：如果就是这几个字，请加双引号，如 \"{v}\""
                )))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
                self.visit_i64(i64::try_from(v).unwrap_or(i64::MAX))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
                Err(E::custom(format!(
                    "nb:这里应为文本，却是数字 {}：如果就是这几个字，请加双引号",
                    written(&format!("{v}"))
                )))
            }
        }
        d.deserialize_any(V)
    }
}

/// A count: a whole number from 0 to 999,999,999.
pub(super) struct Count(pub(super) u64);

pub(super) struct CountVisitor;

impl Visitor<'_> for CountVisitor {
    type Value = Count;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("0 到 999999999 的整数")
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Count, E> {
        if v > MAX_COUNT {
            Err(E::custom(format!("nb:数值 {v} 过大：计数最多 999999999")))
        } else {
            Ok(Count(v))
        }
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Count, E> {
        if v < 0 {
            Err(E::custom(format!(
                "nb:计数不能为负数（{v}），应为 0 到 999999999 的整数"
            )))
        } else {
            self.visit_u64(v as u64)
        }
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Count, E> {
        Err(E::custom(format!("nb:数值 {v} 过大：计数最多 999999999")))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Count, E> {
        if v < 0 {
            Err(E::custom(format!(
                "nb:计数不能为负数（{v}），应为 0 到 999999999 的整数"
            )))
        } else {
            self.visit_u128(v as u128)
        }
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Count, E> {
        Err(E::custom(format!(
            "nb:计数必须是整数，不能是 {}",
            written(&format!("{v:?}"))
        )))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Count, E> {
        Err(E::custom(format!(
            "nb:计数应为数字，这里是文本“{}”",
            crate::text::escape_for_message(v, 40)
        )))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Count, E> {
        Err(E::custom(format!("nb:计数应为数字，这里是 {v}")))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Count, E> {
        Err(E::custom("nb:计数不能为空（null），没有就写 0"))
    }
}

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Count, D::Error> {
        d.deserialize_any(CountVisitor)
    }
}

/// A whole number of any size the loader then checks (format, year).
pub(super) struct Int(pub(super) i64);

impl<'de> Deserialize<'de> for Int {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Int, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Int;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("整数")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Int, E> {
                Ok(Int(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Int, E> {
                Ok(Int(i64::try_from(v).unwrap_or(i64::MAX)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Int, E> {
                Err(E::custom(format!(
                    "nb:应为整数，不能是 {}",
                    written(&format!("{v:?}"))
                )))
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<Int, E> {
                Err(E::custom(format!(
                    "nb:整数 {v} 大得不合理：这里应为年份（如 2024）或格式版本（2021）"
                )))
            }
            fn visit_i128<E: de::Error>(self, v: i128) -> Result<Int, E> {
                Err(E::custom(format!(
                    "nb:整数 {v} 大得不合理：这里应为年份（如 2024）或格式版本（2021）"
                )))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Int, E> {
                Err(E::custom(format!(
                    "nb:应为整数（如 2024），这里是文本“{}”",
                    crate::text::escape_for_message(v, 40)
                )))
            }
        }
        d.deserialize_any(V)
    }
}

/// A whole number that may be negative, within ±999,999,999 (2019 table A: 本年增/减).
pub(super) struct SignedCount(pub(super) i64);

impl<'de> Deserialize<'de> for SignedCount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<SignedCount, D::Error> {
        let Int(v) = Int::deserialize(d)?;
        if v.unsigned_abs() > MAX_COUNT {
            return Err(de::Error::custom(format!(
                "nb:本年增/减 {v} 超出范围：应在 -{MAX_COUNT} 到 {MAX_COUNT} 之间"
            )));
        }
        Ok(SignedCount(v))
    }
}

/// An amount with at most `DECIMALS` decimal places.
pub(super) struct AmountWith<const DECIMALS: u32>(pub(super) Amount);
pub(super) type WanYuan = AmountWith<{ schema::A_AMOUNT_DECIMALS }>;
pub(super) type Yuan = AmountWith<{ schema::FEE_AMOUNT_DECIMALS }>;

impl<'de, const DECIMALS: u32> Deserialize<'de> for AmountWith<DECIMALS> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<const N: u32>;
        impl<const N: u32> Visitor<'_> for V<N> {
            type Value = AmountWith<N>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "不小于 0、最多 {N} 位小数的金额")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Amount::from_units(v)
                    .map(AmountWith)
                    .ok_or_else(|| E::custom(format!("nb:金额 {v} 过大：整数部分最多 9 位")))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                if v < 0 {
                    Err(E::custom(format!("nb:金额不能为负数（{v}）")))
                } else {
                    self.visit_u64(v as u64)
                }
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                if !v.is_finite() {
                    return Err(E::custom("nb:金额应为数字，不能是 .inf 或 .nan"));
                }
                // Rust prints the shortest decimal that reads back as `v`, never in exponent
                // form: exactly the digits the file had.
                Amount::parse(&format!("{v}"), N)
                    .map(AmountWith)
                    .map_err(|e| {
                        E::custom(format!("nb:{e}（这里是 {}）", written(&format!("{v}"))))
                    })
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Err(E::custom(format!(
                    "nb:金额应为数字，这里是文本“{}”",
                    crate::text::escape_for_message(v, 40)
                )))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Err(E::custom("nb:金额不能为空（null），没有就写 0"))
            }
        }
        d.deserialize_any(V::<DECIMALS>)
    }
}
