//! Numbers whose cell borders were lost: `21710000218` is 217 1 0 0 0 0 218.
//!
//! A row printed with fewer numbers than it has cells is read every way it can be: each
//! printed token holds one or more whole numbers, a number never starts with a 0 unless it
//! is 0, and no count exceeds the format's maximum. The caller keeps the readings that the
//! table's own arithmetic allows and accepts one only when it is the only one left.

use crate::model::schema::MAX_COUNT;

/// More readings than this are not enumerated: the row is left unknown.
pub(crate) const MAX_READINGS: usize = 20_000;

/// Too many readings to consider.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TooMany;

/// What the table's arithmetic says about the next number, given the ones before it.
pub(crate) type Forced<'a> = &'a dyn Fn(&[u64]) -> Option<u64>;

/// Every reading of `tokens` (ASCII digit strings; a token with a `,` is one number) as
/// exactly `n` numbers, where `forced` fixes a number that is a total of the ones before
/// it (the 总计 of a row of table B, of a group of table C): the digits must spell it.
pub(crate) fn readings(
    tokens: &[String],
    n: usize,
    forced: Forced<'_>,
) -> Result<Vec<Vec<u64>>, TooMany> {
    // Each count has at most 9 digits: more digits than that cannot be read (a million
    // digits in a row are refused here, not walked).
    let digits: usize = tokens
        .iter()
        .map(|t| t.bytes().filter(u8::is_ascii_digit).count())
        .sum();
    if digits > n * 9 {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    let mut cur = Vec::with_capacity(n);
    let mut steps = 0usize;
    let mut w = Walk {
        tokens,
        n,
        forced,
        out: &mut out,
        steps: &mut steps,
    };
    w.walk(0, 0, &mut cur)?;
    Ok(out)
}

struct Walk<'a> {
    tokens: &'a [String],
    n: usize,
    forced: Forced<'a>,
    out: &'a mut Vec<Vec<u64>>,
    steps: &'a mut usize,
}

impl Walk<'_> {
    fn walk(&mut self, tok: usize, pos: usize, cur: &mut Vec<u64>) -> Result<(), TooMany> {
        *self.steps += 1;
        if *self.steps > MAX_READINGS * 50 {
            return Err(TooMany);
        }
        let tokens = self.tokens;
        if tok == tokens.len() {
            if cur.len() == self.n {
                if self.out.len() >= MAX_READINGS {
                    return Err(TooMany);
                }
                self.out.push(cur.clone());
            }
            return Ok(());
        }
        let t = tokens[tok].as_str();
        if pos == t.len() {
            return self.walk(tok + 1, 0, cur);
        }
        // Each later token needs at least one number; no more numbers than digits are left.
        let later_tokens = tokens.len() - tok - 1;
        let digits_left: usize =
            (t.len() - pos) + tokens[tok + 1..].iter().map(|s| s.len()).sum::<usize>();
        let room = self.n.saturating_sub(cur.len());
        if room == 0 || room < later_tokens + 1 || room > digits_left {
            return Ok(());
        }
        let forced = (self.forced)(cur);
        if t.contains(',') {
            // A number printed with thousands separators is one number.
            if pos != 0 {
                return Ok(());
            }
            let Ok(v) = t.replace(',', "").parse::<u64>() else {
                return Ok(());
            };
            if forced.is_some_and(|f| f != v) {
                return Ok(());
            }
            cur.push(v);
            self.walk(tok + 1, 0, cur)?;
            cur.pop();
            return Ok(());
        }
        if let Some(f) = forced {
            let s = f.to_string();
            if f <= MAX_COUNT && t[pos..].starts_with(&s) {
                cur.push(f);
                self.walk(tok, pos + s.len(), cur)?;
                cur.pop();
            }
            return Ok(());
        }
        let max_len = if t.as_bytes()[pos] == b'0' {
            1
        } else {
            (t.len() - pos).min(9)
        };
        for len in 1..=max_len {
            let Ok(v) = t[pos..pos + len].parse::<u64>() else {
                break;
            };
            if v > MAX_COUNT {
                break;
            }
            cur.push(v);
            self.walk(tok, pos + len, cur)?;
            cur.pop();
        }
        Ok(())
    }
}

/// A value slot of a row whose blank cells may have been left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    /// A number printed in a cell of its own.
    Num(u64),
    /// A cell printed blank (0).
    Blank,
    /// A place where one blank cell may have been left out (an empty line).
    Gap,
    /// A border between printed cells where any number of blank cells may have been left
    /// out (a layout that prints nothing for an empty cell).
    Border,
}

/// Readings of a row: each its `n` numbers and the indices of its blank cells.
pub(crate) type Readings = Vec<(Vec<u64>, Vec<usize>)>;

/// Every reading of `slots` as exactly `n` numbers, choosing which gaps and borders held
/// blank cells, that `forced` allows; each with the indices of the cells that are blank in
/// it. Readings with the same numbers are given once, with the cells blank in all of them.
pub(crate) fn gap_readings(
    slots: &[Slot],
    n: usize,
    forced: Forced<'_>,
) -> Result<Readings, TooMany> {
    let fixed = slots
        .iter()
        .filter(|s| matches!(s, Slot::Num(_) | Slot::Blank))
        .count();
    if fixed > n {
        return Ok(Vec::new());
    }
    let mut g = Gaps {
        slots,
        n,
        forced,
        out: Vec::new(),
        steps: 0,
        cur: Vec::with_capacity(n),
        blanks: Vec::new(),
    };
    g.walk(0, n - fixed)?;
    Ok(g.out)
}

struct Gaps<'a> {
    slots: &'a [Slot],
    n: usize,
    forced: Forced<'a>,
    out: Vec<(Vec<u64>, Vec<usize>)>,
    steps: usize,
    cur: Vec<u64>,
    blanks: Vec<usize>,
}

impl Gaps<'_> {
    /// Pushes `x` when the arithmetic allows it.
    fn push(&mut self, x: u64, blank: bool) -> bool {
        if self.cur.len() >= self.n || (self.forced)(&self.cur).is_some_and(|f| f != x) {
            return false;
        }
        if blank {
            self.blanks.push(self.cur.len());
        }
        self.cur.push(x);
        true
    }

    fn pop(&mut self, blank: bool) {
        self.cur.pop();
        if blank {
            self.blanks.pop();
        }
    }

    fn walk(&mut self, i: usize, missing: usize) -> Result<(), TooMany> {
        self.steps += 1;
        if self.steps > MAX_READINGS * 50 {
            return Err(TooMany);
        }
        let Some(&slot) = self.slots.get(i) else {
            if missing == 0 && self.cur.len() == self.n {
                match self.out.iter_mut().find(|(w, _)| *w == self.cur) {
                    Some((_, b)) => {
                        let now = &self.blanks;
                        b.retain(|x| now.contains(x));
                    }
                    None => {
                        if self.out.len() >= MAX_READINGS {
                            return Err(TooMany);
                        }
                        self.out.push((self.cur.clone(), self.blanks.clone()));
                    }
                }
            }
            return Ok(());
        };
        match slot {
            Slot::Num(_) | Slot::Blank => {
                let (x, blank) = match slot {
                    Slot::Num(x) => (x, false),
                    _ => (0, true),
                };
                if self.push(x, blank) {
                    self.walk(i + 1, missing)?;
                    self.pop(blank);
                }
            }
            Slot::Gap | Slot::Border => {
                let cap = if slot == Slot::Gap { 1 } else { missing };
                self.walk(i + 1, missing)?;
                let mut pushed = 0;
                while pushed < cap.min(missing) && self.push(0, true) {
                    pushed += 1;
                    self.walk(i + 1, missing - pushed)?;
                }
                for _ in 0..pushed {
                    self.pop(true);
                }
            }
        }
        Ok(())
    }
}

/// The row total of table B: the seventh number is the sum of the first six.
pub(crate) fn b_forced(v: &[u64]) -> Option<u64> {
    (v.len() == 6).then(|| v.iter().sum())
}

/// The group totals of table C: every fifth number is the sum of the four before it.
pub(crate) fn c_forced(v: &[u64]) -> Option<u64> {
    (v.len() % 5 == 4).then(|| v[v.len() - 4..].iter().sum())
}

#[cfg(test)]
/// Readings of a row of table B: seven numbers whose last is the sum of the first six.
pub(crate) fn b_row_readings(tokens: &[String]) -> Result<Vec<Vec<u64>>, TooMany> {
    readings(tokens, 7, &b_forced)
}

#[cfg(test)]
/// Readings of the row of table C: fifteen numbers, each group of five adding up.
pub(crate) fn c_row_readings(tokens: &[String]) -> Result<Vec<Vec<u64>>, TooMany> {
    readings(tokens, 15, &c_forced)
}

#[cfg(test)]
/// Readings with no arithmetic to check (a row of table A).
pub(crate) fn plain_readings(tokens: &[String], n: usize) -> Result<Vec<Vec<u64>>, TooMany> {
    readings(tokens, n, &|_| None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn the_examples_of_the_issue_have_one_reading() {
        assert_eq!(
            b_row_readings(&toks("21710000218")).unwrap(),
            vec![vec![217, 1, 0, 0, 0, 0, 218]]
        );
        assert_eq!(
            b_row_readings(&toks("230 000023")).unwrap(),
            vec![vec![23, 0, 0, 0, 0, 0, 23]]
        );
    }

    #[test]
    fn an_ambiguous_row_has_several_readings() {
        // Seven digits for seven cells: one reading.
        assert_eq!(b_row_readings(&toks("1100002")).unwrap().len(), 1);
        // 1 1 10 0 0 0 12, 1 11 0 0 0 0 12 and 11 1 0 0 0 0 12 all add up.
        let r = b_row_readings(&toks("111000012")).unwrap();
        assert_eq!(r.len(), 3, "{r:?}");
    }

    #[test]
    fn table_c_groups_prune() {
        let r = c_row_readings(&toks("72641783735113481261211620")).expect("not too many");
        assert!(r.contains(&vec![
            72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20
        ]));
        assert_eq!(
            c_row_readings(&toks("000000000000000")).unwrap(),
            vec![vec![0; 15]]
        );
    }

    #[test]
    fn dropped_blank_cells_are_placed_by_the_arithmetic() {
        use Slot::*;
        let gapped = |nums: &[u64]| -> Vec<Slot> {
            let mut s = vec![Border];
            for x in nums {
                s.push(Num(*x));
                s.push(Border);
            }
            s
        };
        // Six numbers for seven cells: the total is printed, so the blank is among the six,
        // and B1 alone cannot say which (3 0 12 … and 0 3 12 … both add up).
        let r = gap_readings(&gapped(&[3, 12, 1, 1, 1, 18]), 7, &b_forced).unwrap();
        assert_eq!(r.len(), 6, "{r:?}");
        // Zeros side by side give one reading.
        let r = gap_readings(&gapped(&[0, 0, 0, 0, 0, 0]), 7, &b_forced).unwrap();
        assert_eq!(r, vec![(vec![0; 7], vec![])]);
        // Among equal zeros the place does not matter: 0 2 0 0 0 0 2 or 2 0 0 0 0 0 2.
        let r = gap_readings(&gapped(&[2, 0, 0, 0, 0, 2]), 7, &b_forced).unwrap();
        assert_eq!(r.len(), 2, "{r:?}");
        // A missing total would be 0: not when the six add up to more.
        assert!(gap_readings(&gapped(&[2, 0, 0, 0, 0, 0]), 7, &b_forced)
            .unwrap()
            .is_empty());
        // One empty line, one missing cell: certain.
        let r = gap_readings(&[Num(5), Gap, Num(5)], 3, &|_| None).unwrap();
        assert_eq!(r, vec![(vec![5, 0, 5], vec![1])]);
        // Too few places.
        assert!(gap_readings(&[Num(1)], 3, &|_| None).unwrap().is_empty());
        // Two blank cells side by side between two numbers (a border holds any number).
        let r = gap_readings(&[Num(1), Border, Num(2)], 4, &|_| None).unwrap();
        assert_eq!(r, vec![(vec![1, 0, 0, 2], vec![1, 2])]);
    }

    #[test]
    fn no_leading_zeros_and_tokens_are_borders() {
        assert_eq!(
            plain_readings(&toks("000"), 3).unwrap(),
            vec![vec![0, 0, 0]]
        );
        assert_eq!(plain_readings(&toks("1011"), 3).unwrap().len(), 2);
        assert_eq!(plain_readings(&toks("10 11"), 3).unwrap().len(), 2);
        assert!(plain_readings(&toks("1 2 3 4"), 3).unwrap().is_empty());
    }
}
