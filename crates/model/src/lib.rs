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

/// Counts whitespace-separated words, the unit every throughput figure uses: the same
/// count as `text.split_whitespace().count()`, in one pass over the bytes.
pub fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut n = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (space, len) = if b < 0x80 {
            (matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c), 1)
        } else {
            // Rare: decode the one character (the text is valid UTF-8).
            let c = text[i..].chars().next().unwrap_or(' ');
            (c.is_whitespace(), c.len_utf8())
        };
        if !space && !in_word {
            n += 1;
        }
        in_word = !space;
        i += len;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::count_words;
    use proptest::prelude::*;

    #[test]
    fn words_are_counted_across_unicode_spaces() {
        assert_eq!(count_words(""), 0);
        assert_eq!(count_words("  one\ttwo\n three "), 3);
        assert_eq!(count_words("a\u{a0}b\u{2003}c\u{3000}d"), 4);
        assert_eq!(count_words("caf\u{e9} \u{201c}quoted\u{201d}"), 2);
    }

    proptest! {
        #[test]
        fn counts_as_split_whitespace_does(s in "\\PC{0,60}|[ a\u{a0}\u{2003}\n\u{85}\u{1680}x]{0,40}") {
            prop_assert_eq!(count_words(&s), s.split_whitespace().count());
        }
    }
}
