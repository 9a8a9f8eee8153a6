//! Text views of a document: sentence segmentation and tokens.

pub mod sentences;
pub mod tokens;

pub use tokens::{Token, TokenKind};
