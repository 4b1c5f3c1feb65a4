//! Helpers shared by the integration tests.
pub mod examples;
pub mod pty;
