//! Reading a report whose only problems are bad numbers (issue 13 item 3): each value the
//! strict reader refuses (a negative, fractional or too large count, an amount with too many
//! decimals) is read as 0 and reported, so `edit` can open the report with those cells empty
//! and marked. The file itself is not changed.

use super::read::{load_str, LoadError, LoadErrorKind, Loaded};

/// A value that was read as 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replaced {
    /// Its key path, e.g. `requests.received.natural_person`.
    pub path: String,
    /// The value as written in the file, e.g. `-3`.
    pub found: String,
    /// Why the strict reader refused it.
    pub error: LoadError,
}

/// At most this many values are read as 0; a file with more is refused as it is.
pub const MAX_REPLACED: usize = 20;

/// [`load_str`], except that refused numbers are read as 0 and listed. Any other problem
/// (syntax, unknown keys, a wrong type) is the strict reader's error, unchanged.
pub fn load_str_lenient(text: &str, name: &str) -> Result<(Loaded, Vec<Replaced>), LoadError> {
    let mut text = text.to_string();
    let mut replaced = Vec::new();
    loop {
        let error = match load_str(&text, name) {
            Ok(loaded) => return Ok((loaded, replaced)),
            Err(e) => e,
        };
        let (Some(line), Some(col), Some(path)) = (error.line, error.column, error.path.clone())
        else {
            return Err(first(replaced, error));
        };
        if error.kind != LoadErrorKind::Schema || replaced.len() >= MAX_REPLACED {
            return Err(first(replaced, error));
        }
        match number_at(&text, line, col) {
            Some((start, end)) => {
                let found = text[start..end].to_string();
                text.replace_range(start..end, "0");
                replaced.push(Replaced { path, found, error });
            }
            None => return Err(first(replaced, error)),
        }
    }
}

/// The first error of the file (the one the strict reader gives).
fn first(replaced: Vec<Replaced>, error: LoadError) -> LoadError {
    replaced.into_iter().next().map_or(error, |r| r.error)
}

/// The byte range of a number-like plain scalar starting at one-based `line`, `col`.
fn number_at(text: &str, line: usize, col: usize) -> Option<(usize, usize)> {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.checked_sub(1)?)
        .map(str::len)
        .sum();
    let rest = &text[line_start..];
    let offset = rest.char_indices().nth(col.checked_sub(1)?)?.0;
    let start = line_start + offset;
    let token: &str = text[start..]
        .split([',', '}', ']', '\n', '#'])
        .next()?
        .trim_end();
    let numeric = !token.is_empty()
        && token
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E' | '_'));
    numeric.then_some((start, start + token.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HUAIAN: &str = include_str!("../../examples/huaian-2024.yaml");

    #[test]
    fn bad_numbers_are_read_as_zero_and_listed() {
        let text = HUAIAN
            .replace("{natural_person: 3001,", "{natural_person: -3,")
            .replace("licensing: ", "licensing: 1.5 #");
        assert!(load_str(&text, "f").is_err());
        let (loaded, replaced) = load_str_lenient(&text, "f").expect("lenient read");
        assert_eq!(replaced.len(), 2, "{replaced:?}");
        let paths: Vec<&str> = replaced.iter().map(|r| r.path.as_str()).collect();
        assert!(
            paths.contains(&"requests.received.natural_person"),
            "{paths:?}"
        );
        assert!(replaced.iter().any(|r| r.found == "-3"));
        assert_eq!(loaded.report.requests.cells[0][0], 0);
    }

    #[test]
    fn other_problems_stay_errors() {
        let text = HUAIAN.replace("licensing:", "licensingx:");
        let strict = load_str(&text, "f").unwrap_err();
        assert_eq!(load_str_lenient(&text, "f").unwrap_err(), strict);
        assert!(load_str_lenient("a: [", "f").is_err());
    }
}
