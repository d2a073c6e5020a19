//! The text stage: a [`model::Record`] becomes [`model::Document`]s with paragraphs and sentences.
//!
//! `documents` finds the articles of a page and their metadata, `sentences` splits a
//! paragraph into sentences. Neither does IO.
//!
//! ```
//! use model::{Format, Record};
//! let page = "Harbor Talks Resume\n\nMarch 3, 2021\n\nBy Lena Moss\n\nThe talks resumed on Monday.";
//! let (docs, _) = text::split_record(&Record::plain(Format::Text, page.to_string()));
//! assert_eq!(docs.len(), 1);
//! assert_eq!(docs[0].meta.title.as_deref(), Some("Harbor Talks Resume"));
//! assert_eq!(docs[0].meta.author.as_deref(), Some("Lena Moss"));
//! assert_eq!(docs[0].starts_with(3), "The talks resumed");
//! ```
//!
//! Page splitting is built from small readers, each a module of its own:
//! `page` (paragraphs), `furniture` (what a site puts around articles), `credit` (dates,
//! bylines, credit lines and other metadata lines), `names` (name shapes) and `shape`
//! (headlines, captions, notes).

mod credit;
pub mod documents;
mod furniture;
mod names;
mod page;
pub mod sentences;
mod shape;

pub use documents::split_record;
