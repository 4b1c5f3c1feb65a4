//! The wizard (issue 3): enter a whole report step by step.
//!
//! Built as state + [`update()`] + [`view()`]: [`Wizard`] holds everything, [`update()`] applies
//! one terminal event and says what the event loop must do ([`Effect`]), and [`view()`] draws
//! the state (a pure function of it), so every screen renders in ratatui's `TestBackend`
//! and every key sequence is testable without a terminal. [`run()`] is the event loop.

pub mod findings;
pub mod keymap;
pub mod last_year;
pub mod run;
pub mod state;
pub mod steps;
pub mod testing;
pub mod update;
pub mod view;

pub use run::{run, run_opened};
pub use state::{Dialog, Field, Kind, Options, StepState, Tone, Wizard};
pub use steps::{Content, Step, StepSpec, STEPS};
pub use update::{update, Effect};
pub use view::{draw, view, MIN_SIZE};
