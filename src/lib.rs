//! mtlint: a linter for English text produced by machine translation.
//!
//! The pipeline, one module per stage:
//! [`source`] (read, decode, Markdown prose, offset map) → [`document`] (blocks,
//! sentences, tokens) → checks ([`checks`] built-ins, [`rules`] pattern packs,
//! [`grammar`] nlprule) → [`diagnostic::Diagnostic`] → [`lint`] (filter, map,
//! sort) → [`render`] or [`fix`].

pub mod cache;
pub mod checks;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod fingerprint;
pub mod fix;
pub mod gate;
pub mod grammar;
pub mod lexicon;
pub mod lint;
pub mod lsp;
pub mod registry;
pub mod render;
pub mod rules;
pub mod source;
pub mod suppress;
pub mod text;
pub mod walk;

pub use diagnostic::{Category, Diagnostic, FixSafety, Severity};
pub use lint::{FileReport, Linter};
