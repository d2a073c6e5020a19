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
mod entity;
mod predicate;
mod record;
mod resolved;
mod time;

pub use date::{month_from_name, Date};
pub use document::{Document, DocumentMeta, Paragraph, ParagraphRole, Sentence};
pub use entity::{EntityKind, Mention, MentionRule};
pub use predicate::Predicate;
pub use record::{Diagnostic, Format, Locator, Meta, MetaAuthority, Record, Severity};
pub use resolved::{
    CorpusRule, DocEntities, Entity, EntityId, EntryId, JoinRule, Link, LocalEntity, Name,
};
pub use time::PartialDate;

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
/// count as `text.split_whitespace().count()`, in one pass over the bytes without
/// decoding characters. Each byte is classed by a table; only the four lead bytes that can
/// start a non-ASCII space are looked at further.
pub fn count_words(text: &str) -> usize {
    count_words_upto(text, usize::MAX)
}

/// Like [`count_words`], but counting no further than `max + 1`: the count when it is
/// at most `max`, else `max + 1`, stopping at the word past `max`.
pub fn count_words_upto(text: &str, max: usize) -> usize {
    let bytes = text.as_bytes();
    let mut n = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        let class = BYTE_CLASS[bytes[i] as usize];
        if class == MAYBE_SPACE {
            let space_len = whitespace_len(&bytes[i..]);
            if space_len > 0 {
                in_word = false;
                i += space_len;
                continue;
            }
        }
        // Branch-free: word boundaries are too frequent to predict.
        let word = class != SPACE;
        n += usize::from(word & !in_word);
        in_word = word;
        if n > max {
            return n;
        }
        i += 1;
    }
    n
}

/// A byte that is (part of) a word character.
const WORD: u8 = 0;
/// An ASCII whitespace byte.
const SPACE: u8 = 1;
/// A lead byte that may start a multi-byte whitespace character.
const MAYBE_SPACE: u8 = 2;

/// The class of every byte value, for [`count_words`].
static BYTE_CLASS: [u8; 256] = {
    let mut table = [WORD; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => SPACE,
            0xc2 | 0xe1 | 0xe2 | 0xe3 => MAYBE_SPACE,
            _ => WORD,
        };
        b += 1;
    }
    table
};

/// The byte length of the whitespace character `bytes` starts with (by Unicode's
/// White_Space property, as `char::is_whitespace`), or 0 when it starts with none.
#[inline]
pub fn whitespace_len(bytes: &[u8]) -> usize {
    match bytes {
        [b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c, ..] => 1,
        [0xc2, 0x85 | 0xa0, ..] => 2,
        [0xe1, 0x9a, 0x80, ..] => 3,
        [0xe2, 0x80, 0x80..=0x8a | 0xa8 | 0xa9 | 0xaf, ..] => 3,
        [0xe2, 0x81, 0x9f, ..] => 3,
        [0xe3, 0x80, 0x80, ..] => 3,
        _ => 0,
    }
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
        fn counts_as_split_whitespace_does(s in "\\PC{0,60}|[ a\u{a0}\u{2003}\n\u{85}\u{1680}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{200a}\u{200b}\u{2030}\u{1c}\u{e9}x]{0,40}") {
            prop_assert_eq!(count_words(&s), s.split_whitespace().count());
        }
    }
}
