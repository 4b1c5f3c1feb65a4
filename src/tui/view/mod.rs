//! Review mode (issue 4): read existing reports quickly. Not built yet.
