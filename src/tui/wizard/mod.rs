//! The wizard (issue 3): enter a whole report step by step. Not built yet.
