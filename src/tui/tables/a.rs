//! Table A (二、主动公开政府信息情况) as published: four 第二十条 blocks, each with its
//! 信息内容 header row; the amount 本年收费金额（单位：万元） shown exactly.

use super::layout::{visible_columns, width, Canvas, CELL_EXTRA};
use super::{draw_row, TableProps};
use crate::model::schema::{ABlock, A_CONTENT_HEADER};
use crate::model::CellRef;
use ratatui::layout::Position;

/// Lines of table A (the blocks of the report's format): per block, the article, the 信息内容
/// header row and its rows.
pub fn height(blocks: &[ABlock]) -> u16 {
    blocks.iter().map(|b| b.rows.len() as u16 + 2).sum()
}

/// Table lines (first, end exclusive) of the row of `field`.
pub fn field_lines(blocks: &[ABlock], field: &str) -> Option<(u16, u16)> {
    let mut line = 0u16;
    for b in blocks {
        line += 2;
        for (k, _) in b.rows {
            if *k == field {
                return Some((line, line + 1));
            }
            line += 1;
        }
    }
    None
}

fn label_w(blocks: &[ABlock]) -> u16 {
    blocks
        .iter()
        .flat_map(|b| b.rows.iter().map(|(_, l)| width(l)))
        .chain(std::iter::once(width(A_CONTENT_HEADER)))
        .max()
        .unwrap_or(0)
        + 1
}

/// The value of a cell as text: a count, or the amount exactly (Amount's Display).
fn value(props: &TableProps<'_>, field: &'static str, col: usize) -> String {
    props.report.get(CellRef::A { field, col }).to_string()
}

/// Draws table A.
pub fn draw(props: &TableProps<'_>, cv: &mut Canvas<'_>) -> Option<Position> {
    let theme = props.theme;
    let (head, dim, label) = (theme.header(), theme.dim(), theme.label());
    let blocks = props.report.tables().a_blocks;
    let natural_lw = label_w(blocks);
    let edit = props.edit.map(crate::text::clean_line);
    let mut line = 0u16;
    let mut cursor = None;
    for b in blocks {
        let focus = match props.focus {
            Some(CellRef::A { field, col }) if b.rows.iter().any(|(k, _)| *k == field) => {
                Some((field, col))
            }
            _ => None,
        };
        let content: Vec<u16> = (0..b.columns.len())
            .map(|c| {
                let mut w = width(b.columns[c]);
                for &(k, _) in b.rows {
                    w = w.max(width(&value(props, k, c)));
                    if let (Some((f, fc)), Some(e)) = (focus, &edit) {
                        if f == k && fc == c {
                            w = w.max(width(e));
                        }
                    }
                }
                w
            })
            .collect();
        let full: Vec<u16> = content.iter().map(|w| w + CELL_EXTRA).collect();
        // Too narrow for the labels and the focused number: the labels give way.
        let need = full.get(focus.map_or(0, |f| f.1)).copied().unwrap_or(0);
        let lw = natural_lw.min(cv.area.width.saturating_sub(need));
        let avail = cv.area.width.saturating_sub(lw);
        let (start, end) = visible_columns(&full, avail, focus.map(|f| f.1));
        let mut xs = vec![0u16; content.len()];
        let mut x = lw;
        for c in start..end {
            xs[c] = x;
            x = x.saturating_add(full[c]);
        }
        cv.put(0, line, b.article, head, cv.area.width);
        line += 1;
        cv.put(0, line, A_CONTENT_HEADER, head, lw.saturating_sub(1));
        for c in start..end {
            cv.put_center(xs[c] + 1, line, b.columns[c], head, content[c]);
        }
        if start > 0 {
            cv.put(lw.saturating_sub(1), line, "◂", dim, 1);
        }
        if end < content.len() {
            cv.put(x.min(cv.area.width.saturating_sub(1)), line, "▸", dim, 1);
        }
        line += 1;
        for &(k, l) in b.rows {
            cv.put(0, line, l, label, lw.saturating_sub(1));
            let focus = focus.filter(|&(f, _)| f == k).map(|(_, c)| c);
            let pos = draw_row(cv, props, (line, &xs, &content), start..end, focus, |c| {
                (CellRef::A { field: k, col: c }, false)
            });
            cursor = cursor.or(pos);
            line += 1;
        }
    }
    cursor
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_of_fields() {
        let b = &crate::model::schema::A_BLOCKS;
        assert_eq!(height(b), 14);
        assert_eq!(field_lines(b, "regulations"), Some((2, 3)));
        assert_eq!(field_lines(b, "licensing"), Some((6, 7)));
        assert_eq!(field_lines(b, "fees_wan_yuan"), Some((13, 14)));
        assert_eq!(field_lines(b, "nope"), None);
    }
}
