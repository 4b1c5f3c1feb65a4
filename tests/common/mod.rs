//! Helpers shared by the integration tests.
pub mod examples;
pub mod external;
pub mod process;
pub mod pty;
pub mod readme;
pub mod reports;
