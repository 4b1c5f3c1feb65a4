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

/// Every reading of `tokens` (ASCII digit strings; a token with a `,` is one number) as
/// exactly `n` numbers for which `prefix_ok` holds on every prefix and `full_ok` on the
/// whole. `prefix_ok` lets the caller prune early (e.g. a group of table C must add up).
pub(crate) fn readings(
    tokens: &[String],
    n: usize,
    prefix_ok: &dyn Fn(&[u64]) -> bool,
    full_ok: &dyn Fn(&[u64]) -> bool,
) -> Result<Vec<Vec<u64>>, TooMany> {
    let mut out = Vec::new();
    let mut cur = Vec::with_capacity(n);
    let mut steps = 0usize;
    walk(
        tokens, 0, 0, n, &mut cur, prefix_ok, full_ok, &mut out, &mut steps,
    )?;
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
fn walk(
    tokens: &[String],
    tok: usize,
    pos: usize,
    n: usize,
    cur: &mut Vec<u64>,
    prefix_ok: &dyn Fn(&[u64]) -> bool,
    full_ok: &dyn Fn(&[u64]) -> bool,
    out: &mut Vec<Vec<u64>>,
    steps: &mut usize,
) -> Result<(), TooMany> {
    *steps += 1;
    if *steps > MAX_READINGS * 50 {
        return Err(TooMany);
    }
    if tok == tokens.len() {
        if cur.len() == n && full_ok(cur) {
            if out.len() >= MAX_READINGS {
                return Err(TooMany);
            }
            out.push(cur.clone());
        }
        return Ok(());
    }
    let t = tokens[tok].as_bytes();
    if pos == t.len() {
        return walk(tokens, tok + 1, 0, n, cur, prefix_ok, full_ok, out, steps);
    }
    // Each later token needs at least one number; no more numbers than digits are left.
    let later_tokens = tokens.len() - tok - 1;
    let digits_left: usize =
        (t.len() - pos) + tokens[tok + 1..].iter().map(|s| s.len()).sum::<usize>();
    let room = n.saturating_sub(cur.len());
    if room == 0 || room < later_tokens + 1 || room > digits_left {
        return Ok(());
    }
    if t.contains(&b',') {
        // A number printed with thousands separators is one number.
        if pos != 0 {
            return Ok(());
        }
        let v: u64 = match tokens[tok].replace(',', "").parse() {
            Ok(v) => v,
            Err(_) => return Ok(()),
        };
        cur.push(v);
        if prefix_ok(cur) {
            walk(tokens, tok + 1, 0, n, cur, prefix_ok, full_ok, out, steps)?;
        }
        cur.pop();
        return Ok(());
    }
    let max_len = if t[pos] == b'0' {
        1
    } else {
        (t.len() - pos).min(9)
    };
    for len in 1..=max_len {
        let s = &tokens[tok][pos..pos + len];
        let Ok(v) = s.parse::<u64>() else { break };
        if v > MAX_COUNT {
            break;
        }
        cur.push(v);
        if prefix_ok(cur) {
            walk(
                tokens,
                tok,
                pos + len,
                n,
                cur,
                prefix_ok,
                full_ok,
                out,
                steps,
            )?;
        }
        cur.pop();
    }
    Ok(())
}

/// Readings of a row of table B: seven numbers whose last is the sum of the first six.
pub(crate) fn b_row_readings(tokens: &[String]) -> Result<Vec<Vec<u64>>, TooMany> {
    readings(tokens, 7, &|_| true, &|v| {
        v[..6].iter().sum::<u64>() == v[6]
    })
}

/// Readings of the row of table C: fifteen numbers, each group of five adding up.
pub(crate) fn c_row_readings(tokens: &[String]) -> Result<Vec<Vec<u64>>, TooMany> {
    readings(
        tokens,
        15,
        &|v| {
            !v.len().is_multiple_of(5)
                || v[v.len() - 5..v.len() - 1].iter().sum::<u64>() == v[v.len() - 1]
        },
        &|_| true,
    )
}

/// Readings with no arithmetic to check (a row of table A).
pub(crate) fn plain_readings(tokens: &[String], n: usize) -> Result<Vec<Vec<u64>>, TooMany> {
    readings(tokens, n, &|_| true, &|_| true)
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
