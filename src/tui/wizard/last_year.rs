//! Last year's report in the wizard (issue 14): `new --from` and `edit --previous`.
//!
//! With last year's report the wizard checks the cross-year rules Y1 and Y2 as the clerk
//! types, marks the cells that still hold a value taken from last year's report
//! ([`crate::model::next_year::carried`]), keeps the proposed 现行有效件数 in step with
//! 本年制发件数 and 本年废止件数, and shows last year's text of a prose part beside it.

use super::state::Wizard;
use crate::model::next_year::{self, Origin};
use crate::model::{CellRef, Report};

/// Last year's report, as the wizard keeps it.
#[derive(Debug, Clone)]
pub struct LastYear {
    /// The report.
    pub report: Report,
}

impl Wizard {
    /// Gives the wizard last year's report: rules Y1/Y2 (and X2 where it exists) run on every
    /// change from now on.
    pub fn with_last_year(mut self, last: Report) -> Wizard {
        self.last_year = Some(LastYear { report: last });
        self.refresh_findings();
        self
    }

    /// Last year's report, if the wizard has one.
    pub fn last_report(&self) -> Option<&Report> {
        self.last_year.as_ref().map(|l| &l.report)
    }

    /// Where a cell's value came from, while it still holds the value taken from last year's
    /// report (`None` without last year's report, or once the clerk changed it).
    pub fn origin_of(&self, cell: CellRef) -> Option<Origin> {
        let last = self.last_report()?;
        next_year::carried(&self.report, last)
            .into_iter()
            .find(|(c, _)| *c == cell)
            .map(|(_, o)| o)
    }
}
