//! The dedup stage: finds reprints and repeated passages, so that later stages do not
//! count the same evidence twice.
//!
//! A *reprint* is a document whose annotated text is near-identical to another's (the
//! same article run by several outlets, a syndicated copy, a blog repost); a *repeat* is
//! a paragraph standing near-verbatim in another document or earlier in its own (an
//! excerpt, a quotation block, a teaser that opens an article and recurs in its body).
//! Each links to its first occurrence, the earliest by date (then by the caller's key):
//! a reprint to the earliest document of its cluster, a repeat to the earliest paragraph
//! it matches, in an earlier document or earlier in the same one.
//!
//! ```
//! use model::{Date, Paragraph, ParagraphRole, Span};
//! let story = "The river authority opened all four sluice gates at the Marrow dam on \
//!     Sunday night after two days of heavy rain, and told farmers downstream to move \
//!     their livestock to higher ground before the water reached the lower fields.";
//! let body = [Paragraph { span: Span::new(0, story.len()), role: ParagraphRole::Body }];
//! let doc = |date| dedup::Input { date: Date::new(2024, 3, date), text: story, paragraphs: &body };
//!
//! let mut index = dedup::Index::new();
//! index.add("copy", dedup::signatures(&doc(5)));
//! index.add("original", dedup::signatures(&doc(4)));
//! let links = index.finish();
//!
//! let copy = links.get(&"copy").unwrap();
//! assert_eq!(copy.reprint_of.as_ref().unwrap().canonical, "original");
//! assert_eq!(copy.paragraph(0).unwrap().canonical, "original");
//! assert!(links.get(&"original").unwrap().reprint_of.is_none());
//! ```
//!
//! # Method
//!
//! 1. [`signatures`] reads a document's annotated paragraphs as normalised words
//!    (lowercase; quote styles, apostrophes and punctuation folded; numbers kept) and
//!    takes their overlapping [`SHINGLE_WORDS`]-word shingles. A MinHash sketch
//!    ([`HASHES`] hashes of 8 bits) of the document (at least [`DOC_MIN_WORDS`] words) and
//!    of each paragraph of at least [`PARA_MIN_WORDS`] words estimates the Jaccard
//!    similarity of shingle sets. This is a pure function, for worker threads.
//! 2. [`Index::add`] keeps the sketches, never the text. [`DocSignatures::encode`] turns
//!    them into about 70 bytes a paragraph, for a store to keep and an index to be rebuilt
//!    from ([`DocSignatures::decode`]).
//! 3. [`Index::finish`] orders documents by date (dated before undated), then key, and
//!    finds candidate pairs by LSH banding. Documents whose estimated similarity reaches
//!    [`DOC_THRESHOLD`] are joined into clusters, and each member links to its cluster's
//!    earliest. A paragraph links to the earliest paragraph before it (in an earlier
//!    document, or earlier in its own) that it matches: estimated similarity at least [`PARA_THRESHOLD`], or the paragraph
//!    standing almost whole ([`PARA_CONTAINMENT`]) in the earlier one.
//!
//! The sketches estimate; a caller that still holds the texts (the store does) can have
//! every link re-checked exactly with [`Dedup::verify`], and [`document_jaccard`] and
//! [`text_jaccard`] compute the exact similarities the sketches estimate.
//!
//! # Invariants
//!
//! Pure functions over plain data, no IO; never panics; the links depend on the set of
//! documents, not on the order they were added; a document never reprints itself, and a
//! paragraph never repeats itself.

#![warn(missing_docs)]

mod encode;
mod exact;
#[cfg(test)]
mod fixture;
mod index;
mod signature;
mod verify;
mod words;

pub use encode::DecodeError;
pub use exact::{document_jaccard, shingles, text_jaccard};
pub use index::{
    Dedup, DocLink, DocumentLinks, Index, Occurrence, ParagraphLink, DOC_THRESHOLD, MAX_ALSO_IN,
    PARA_CONTAINMENT, PARA_CONTAINMENT_MIN_JACCARD, PARA_THRESHOLD,
};
pub use signature::{signatures, DocSignatures, Input, DOC_MIN_WORDS, HASHES, PARA_MIN_WORDS};
pub use words::SHINGLE_WORDS;

#[cfg(test)]
mod tests;
