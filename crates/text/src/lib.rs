//! The text stage: a [`model::Record`] becomes [`model::Document`]s with paragraphs and sentences.
//!
//! `documents` finds the articles of a page and their metadata, `sentences` splits a
//! paragraph into sentences. Neither does IO.

pub mod documents;
pub mod sentences;

pub use documents::split_record;
