//! Money amounts as exact decimals (fixed point, millionths), so that 5949.088667 万元 is
//! stored, compared and written back without the errors of binary floating point.

use std::fmt;

/// Decimal places an amount can hold (万元 to the fen: 6 places).
pub const AMOUNT_SCALE: u32 = 6;
const UNIT: u64 = 1_000_000;
/// Largest amount accepted (integer part at most 999,999,999).
pub const MAX_AMOUNT_MICROS: u64 = 999_999_999 * UNIT + (UNIT - 1);

/// A non-negative amount with up to six decimal places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Amount {
    micros: u64,
}

/// Why a text is not an amount.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    /// Empty input.
    #[error("金额不能为空")]
    Empty,
    /// A character other than digits and one decimal point.
    #[error("金额只能包含数字和一个小数点，“{0}”不是")]
    BadChar(char),
    /// A minus sign.
    #[error("金额不能为负数")]
    Negative,
    /// More decimals than allowed.
    #[error("金额最多 {max} 位小数，这里有 {got} 位")]
    TooManyDecimals {
        /// Decimals allowed.
        max: u32,
        /// Decimals given.
        got: u32,
    },
    /// Too large.
    #[error("金额过大：整数部分最多 9 位")]
    TooLarge,
}

impl Amount {
    /// Zero.
    pub const ZERO: Amount = Amount { micros: 0 };

    /// An amount from millionths of the unit.
    pub fn from_micros(micros: u64) -> Option<Amount> {
        (micros <= MAX_AMOUNT_MICROS).then_some(Amount { micros })
    }

    /// A whole amount.
    pub fn from_units(units: u64) -> Option<Amount> {
        units.checked_mul(UNIT).and_then(Amount::from_micros)
    }

    /// Millionths of the unit.
    pub fn micros(self) -> u64 {
        self.micros
    }

    /// Number of decimal places needed to write this amount exactly (0..=6).
    pub fn decimals(self) -> u32 {
        let mut frac = self.micros % UNIT;
        if frac == 0 {
            return 0;
        }
        let mut d = AMOUNT_SCALE;
        while frac.is_multiple_of(10) {
            frac /= 10;
            d -= 1;
        }
        d
    }

    /// True when the amount has no fractional part.
    pub fn is_whole(self) -> bool {
        self.micros.is_multiple_of(UNIT)
    }

    /// The amount as f64 (for writing YAML; exact for every amount we accept).
    pub fn to_f64(self) -> f64 {
        self.micros as f64 / UNIT as f64
    }

    /// Parses a plain decimal such as `96171.6`; at most `max_decimals` places.
    /// Full-width digits and a full-width point are accepted (input methods produce them).
    pub fn parse(text: &str, max_decimals: u32) -> Result<Amount, AmountError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(AmountError::Empty);
        }
        let mut int: u64 = 0;
        let mut frac: u64 = 0;
        let mut decimals: u32 = 0;
        let mut seen_point = false;
        let mut int_digits = 0;
        for ch in text.chars() {
            let ch = crate::model::normalize_digit(ch);
            match ch {
                '0'..='9' => {
                    let d = u64::from(ch as u8 - b'0');
                    if seen_point {
                        decimals += 1;
                        if decimals <= AMOUNT_SCALE {
                            frac = frac * 10 + d;
                        } else if d != 0 || decimals > 18 {
                            return Err(AmountError::TooManyDecimals {
                                max: max_decimals,
                                got: decimals,
                            });
                        }
                    } else {
                        if int_digits > 0 || d != 0 {
                            int_digits += 1;
                        }
                        if int_digits > 9 {
                            return Err(AmountError::TooLarge);
                        }
                        int = int * 10 + d;
                    }
                }
                '.' if !seen_point => seen_point = true,
                '-' => return Err(AmountError::Negative),
                ',' if !seen_point => {}
                other => return Err(AmountError::BadChar(other)),
            }
        }
        let decimals_used = decimals.min(AMOUNT_SCALE);
        let amount = Amount {
            micros: int * UNIT + frac * 10u64.pow(AMOUNT_SCALE - decimals_used),
        };
        let got = amount.decimals();
        if got > max_decimals {
            return Err(AmountError::TooManyDecimals {
                max: max_decimals,
                got,
            });
        }
        Ok(amount)
    }

    /// Saturating sum.
    pub fn saturating_add(self, other: Amount) -> Amount {
        Amount {
            micros: (self.micros.saturating_add(other.micros)).min(MAX_AMOUNT_MICROS),
        }
    }
}

impl fmt::Display for Amount {
    /// Writes the shortest exact decimal: `96171.6`, `0`, `5949.088667`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let int = self.micros / UNIT;
        let d = self.decimals();
        let s = if d == 0 {
            int.to_string()
        } else {
            let frac = (self.micros % UNIT) / 10u64.pow(AMOUNT_SCALE - d);
            format!("{int}.{frac:0width$}", width = d as usize)
        };
        f.pad(&s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_exactly() {
        for s in [
            "0",
            "96171.6",
            "5949.088667",
            "7730.28",
            "0.000001",
            "999999999.999999",
        ] {
            assert_eq!(Amount::parse(s, 6).unwrap().to_string(), s);
        }
        assert_eq!(Amount::parse("１２.５", 6).unwrap().to_string(), "12.5");
        assert_eq!(Amount::parse("1,234.50", 6).unwrap().to_string(), "1234.5");
        assert_eq!(Amount::parse("007", 6).unwrap().to_string(), "7");
    }

    #[test]
    fn refuses_bad_amounts() {
        assert_eq!(
            Amount::parse("1.1234567", 6),
            Err(AmountError::TooManyDecimals { max: 6, got: 7 })
        );
        assert_eq!(
            Amount::parse("1.234", 2),
            Err(AmountError::TooManyDecimals { max: 2, got: 3 })
        );
        assert_eq!(Amount::parse("-1", 6), Err(AmountError::Negative));
        assert_eq!(Amount::parse("1a", 6), Err(AmountError::BadChar('a')));
        assert_eq!(Amount::parse("1.2.3", 6), Err(AmountError::BadChar('.')));
        assert_eq!(Amount::parse("1000000000", 6), Err(AmountError::TooLarge));
        assert_eq!(Amount::parse("", 6), Err(AmountError::Empty));
    }

    #[test]
    fn f64_round_trip_is_exact() {
        for s in [
            "96171.6",
            "5949.088667",
            "999999999.999999",
            "0.1",
            "123456789.000001",
        ] {
            let a = Amount::parse(s, 6).unwrap();
            assert_eq!(format!("{}", a.to_f64()), s);
        }
    }
}
