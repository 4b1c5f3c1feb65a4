//! Helpers shared by the integration tests.
pub mod examples;
pub mod external;
pub mod pty;
pub mod readme;
