//! The terminal shell: the wizard and the viewer, and what they share.
//!
//! Each screen is state + `update(event)` + `view(state)`: the view is a pure function of the
//! state, so every screen renders into ratatui's `TestBackend` and every key sequence can be
//! tested without a terminal. Only [`terminal`] touches the real terminal.

pub mod keys;
pub mod overview;
pub mod recover;
pub mod tables;
pub mod terminal;
pub mod theme;
pub mod view;
pub mod wizard;
pub mod wrap;
