//! Plain data types handed between proxymap's stages.
//!
//! Nothing here does IO. The stages pass these values along:
//! `ingest` reads an input into [`Record`]s, `text` turns a record into
//! [`Document`]s with [`Paragraph`]s and [`Sentence`]s, `store` writes them.
//!
//! ```
//! use model::{Span, Date};
//! let text = "Badr leads.";
//! let s = Span::new(0, 4);
//! assert_eq!(s.slice(text), "Badr");
//! assert_eq!(Date::parse("Jan. 8, 2015").unwrap().to_string(), "2015-01-08");
//! ```

mod date;
mod document;
mod record;

pub use date::{month_from_name, Date};
pub use document::{Document, DocumentMeta, Paragraph, ParagraphRole, Sentence};
pub use record::{Diagnostic, Format, Locator, Meta, MetaAuthority, Record, Severity};

/// Byte range in a text; `&text[s.start..s.end]` is the surface form.
///
/// Both ends lie on `char` boundaries of the text the span belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First byte, inclusive.
    pub start: u32,
    /// Last byte, exclusive.
    pub end: u32,
}

impl Span {
    /// A span from `start` to `end` (bytes); panics in debug builds when `end < start`.
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span {start}..{end} runs backwards");
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    /// The byte range, for slicing.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    /// Whether the span covers no bytes.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The text this span covers in `text`.
    pub fn slice(self, text: &str) -> &str {
        &text[self.range()]
    }
}

/// Counts whitespace-separated words, the unit every throughput figure uses.
pub fn count_words(text: &str) -> usize {
    text.split_whitespace().count()
}
