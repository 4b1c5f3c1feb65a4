//! `/`: searching the open report's text (issue 13, item 19). A match is a screen row of
//! text containing the query (letters compared without case); n / N stay the findings, so
//! Enter and Shift-Enter go to the next and previous match.

use super::layout::{Layout, Row};

/// A search that was run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    /// What was searched for.
    pub query: String,
    /// The rows that contain it, top to bottom.
    pub matches: Vec<usize>,
    /// The match shown (an index into `matches`).
    pub current: Option<usize>,
}

impl Search {
    /// Runs `query` over `layout`; the current match is the first at or below `from`
    /// (or the first of all).
    pub fn run(layout: &Layout, query: &str, from: usize) -> Search {
        let matches = find(layout, query);
        let current = if matches.is_empty() {
            None
        } else {
            Some(matches.iter().position(|&r| r >= from).unwrap_or(0))
        };
        Search {
            query: query.to_string(),
            matches,
            current,
        }
    }

    /// Moves to the next (or previous) match, going round at the ends.
    pub fn step(&mut self, forward: bool) {
        let n = self.matches.len();
        if n == 0 {
            return;
        }
        self.current = Some(match (self.current, forward) {
            (None, _) => 0,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        });
    }

    /// The row of the current match.
    pub fn row(&self) -> Option<usize> {
        self.current.and_then(|i| self.matches.get(i).copied())
    }

    /// The status line's words for it.
    pub fn status(&self) -> String {
        match self.current {
            None => format!("没有找到“{}”（按 / 换一个搜索词）", self.query),
            Some(i) => format!(
                "“{}”：第 {}/{} 处（Enter 下一处，Shift-Enter 上一处，/ 改搜索词）",
                self.query,
                i + 1,
                self.matches.len()
            ),
        }
    }
}

/// Rows of `layout` whose text contains `query`, letters compared without case.
pub fn find(layout: &Layout, query: &str) -> Vec<usize> {
    let q = query.to_lowercase();
    if q.is_empty() {
        return Vec::new();
    }
    layout
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| matches!(r, Row::Text { text, .. } if text.to_lowercase().contains(&q)))
        .map(|(i, _)| i)
        .collect()
}

/// Where `query` is in `text` (byte range), letters compared without case.
pub fn position(text: &str, query: &str) -> Option<std::ops::Range<usize>> {
    let q: Vec<char> = query.to_lowercase().chars().collect();
    if q.is_empty() {
        return None;
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let lower = |c: char| c.to_lowercase().next().unwrap_or(c);
    (0..chars.len()).find_map(|i| {
        let hit = q.len() <= chars.len() - i
            && q.iter()
                .enumerate()
                .all(|(k, qc)| lower(chars[i + k].1) == *qc);
        hit.then(|| {
            let start = chars[i].0;
            let end = chars.get(i + q.len()).map_or(text.len(), |(b, _)| *b);
            start..end
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn position_ignores_case_and_counts_bytes() {
        assert_eq!(position("政务公开 ABC", "abc"), Some(13..16));
        assert_eq!(position("政务公开", "公开"), Some(6..12));
        assert_eq!(position("政务公开", "申请"), None);
    }
}
