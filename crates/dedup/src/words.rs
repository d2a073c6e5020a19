//! Normalised words and their shingles: the view of a text every signature is taken of.
//!
//! A word is a run of letters and digits, lowercased. An apostrophe of any style inside a
//! word is dropped ("don’t" and "don't" are both `dont`), and so is a comma or full stop
//! between two digits ("3,000" is `3000`); invisible format characters (soft hyphen,
//! zero-width space and joiners, byte-order mark) are ignored; every other character
//! separates words, so quote styles, dashes and punctuation never matter. Numbers are
//! kept as words.

/// Words per shingle: five words are rarely shared by independent writers, yet one
/// changed word spoils only five shingles.
pub const SHINGLE_WORDS: usize = 5;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// The splitmix64 finaliser: a cheap, well-mixed permutation of `u64`.
pub(crate) const fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2018}' | '\u{2019}' | '\u{02bc}' | '\u{2032}' | '`'
    )
}

/// Characters a page may hold inside a word without showing them.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
    )
}

fn is_digit_separator(c: char) -> bool {
    matches!(c, ',' | '.')
}

/// Hashes words as they are read, one character at a time.
struct WordHasher {
    hash: u64,
    n_chars: usize,
    last_is_digit: bool,
    joiner: Option<char>,
}

impl WordHasher {
    fn new() -> WordHasher {
        WordHasher {
            hash: FNV_OFFSET,
            n_chars: 0,
            last_is_digit: false,
            joiner: None,
        }
    }

    /// The finished word's hash, if a word was open; starts the next word.
    fn take(&mut self) -> Option<u64> {
        let word = (self.n_chars > 0).then(|| mix(self.hash));
        *self = WordHasher::new();
        word
    }

    /// Reads `c`; returns the hash of a word that `c` ended.
    fn push(&mut self, c: char) -> Option<u64> {
        if is_invisible(c) {
            return None;
        }
        if !c.is_alphanumeric() {
            let joins = self.n_chars > 0
                && self.joiner.is_none()
                && (is_apostrophe(c) || (self.last_is_digit && is_digit_separator(c)));
            if joins {
                self.joiner = Some(c);
                return None;
            }
            return self.take();
        }
        let mut ended = None;
        if let Some(j) = self.joiner.take() {
            if is_digit_separator(j) && !c.is_numeric() {
                ended = self.take();
            }
        }
        for lower in c.to_lowercase() {
            self.hash = (self.hash ^ u64::from(u32::from(lower))).wrapping_mul(FNV_PRIME);
        }
        self.n_chars += 1;
        self.last_is_digit = c.is_numeric();
        ended
    }
}

/// Calls `f` with the hash of each normalised word of `text`, in order.
pub fn for_each_word(text: &str, mut f: impl FnMut(u64)) {
    let mut hasher = WordHasher::new();
    for c in text.chars() {
        if let Some(word) = hasher.push(c) {
            f(word);
        }
    }
    if let Some(word) = hasher.take() {
        f(word);
    }
}

/// Turns a stream of word hashes into the hashes of its overlapping
/// [`SHINGLE_WORDS`]-word shingles.
pub(crate) struct Shingler {
    window: [u64; SHINGLE_WORDS],
    n_words: usize,
}

impl Shingler {
    /// A shingler that has seen no word.
    pub(crate) fn new() -> Shingler {
        Shingler {
            window: [0; SHINGLE_WORDS],
            n_words: 0,
        }
    }

    /// Words seen so far.
    pub(crate) fn n_words(&self) -> usize {
        self.n_words
    }

    /// Reads a word; returns the hash of the shingle it completes, if any.
    pub(crate) fn push(&mut self, word: u64) -> Option<u64> {
        self.window[self.n_words % SHINGLE_WORDS] = word;
        self.n_words = self.n_words.saturating_add(1);
        (self.n_words >= SHINGLE_WORDS).then(|| self.shingle())
    }

    fn shingle(&self) -> u64 {
        let oldest = self.n_words % SHINGLE_WORDS;
        (0..SHINGLE_WORDS).fold(0u64, |h, i| {
            let word = self.window[(oldest + i) % SHINGLE_WORDS];
            mix(h.rotate_left(7) ^ word)
        })
    }
}

/// Calls `f` with the hash of each shingle of `text`; returns the number of words.
pub(crate) fn for_each_shingle(text: &str, mut f: impl FnMut(u64)) -> usize {
    let mut shingler = Shingler::new();
    for_each_word(text, |word| {
        if let Some(shingle) = shingler.push(word) {
            f(shingle);
        }
    });
    shingler.n_words()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<u64> {
        let mut out = Vec::new();
        for_each_word(text, |w| out.push(w));
        out
    }

    fn check_same(a: &str, b: &str) {
        assert_eq!(words(a), words(b), "{a:?} vs {b:?}");
    }

    #[test]
    fn case_quotes_and_punctuation_fold() {
        check_same("“Don’t go,” she said.", "\"don't GO\" -- she said");
        check_same("The mayor’s office", "the mayor's office");
    }

    #[test]
    fn digit_groups_join_but_sentence_stops_split() {
        check_same("3,000 troops", "3000 troops");
        check_same("in 2019.Then", "in 2019 then");
        assert_eq!(words("1.5").len(), 1);
    }

    #[test]
    fn invisible_characters_are_ignored() {
        check_same("inter\u{ad}national\u{200b} aid", "international aid");
    }

    #[test]
    fn numbers_are_words() {
        assert_ne!(words("killed 9 people"), words("killed 19 people"));
        assert_eq!(words("killed 9 people").len(), 3);
    }

    #[test]
    fn a_trailing_apostrophe_ends_the_word() {
        check_same("the Joneses’ farm", "the joneses farm");
    }

    fn shingles(text: &str) -> Vec<u64> {
        let mut out = Vec::new();
        assert_eq!(for_each_shingle(text, |s| out.push(s)), words(text).len());
        out
    }

    #[test]
    fn shingles_follow_word_order() {
        assert_ne!(
            shingles("one two three four five"),
            shingles("two one three four five")
        );
    }

    #[test]
    fn shingles_overlap_by_all_but_one_word() {
        let a = shingles("one two three four five six");
        let b = shingles("zero two three four five six");
        assert_eq!(a.len(), 2);
        assert_ne!(a[0], b[0]);
        assert_eq!(a[1], b[1]);
    }

    #[test]
    fn short_texts_have_no_shingles() {
        let mut n = 0;
        for_each_shingle("one two three four", |_| n += 1);
        assert_eq!(n, 0);
    }
}
