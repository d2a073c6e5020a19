//! MinHash signatures of a document's annotated text and of its long paragraphs.
//!
//! One family of [`HASHES`] hash functions is applied to every shingle of every annotated
//! paragraph. A paragraph's sketch keeps the minima of its own shingles; the document's
//! sketch is the minimum over all its paragraphs, so a document is the union of its
//! paragraphs' shingles and each shingle is hashed once. Each minimum is kept as its low
//! 8 bits (b-bit MinHash): two different minima agree by chance once in 256, a bias the
//! estimator takes out.

use crate::words::{for_each_shingle, mix};
use model::{Date, Document, Paragraph};

/// Hash functions in a sketch: 64 estimate Jaccard similarity to about ±0.06 near the
/// thresholds, in 64 bytes a document or paragraph.
pub const HASHES: usize = 64;

/// The chance that two different minima agree in their low 8 bits.
const CHANCE: f32 = 1.0 / 256.0;

/// Annotated words below which a document gets no sketch and is never linked: a text
/// this short is a notice or a fragment, and its few shingles make a coarse estimate.
pub const DOC_MIN_WORDS: usize = 25;

/// Words below which a paragraph gets no sketch: a shorter paragraph is a sentence or
/// two, often a formula ("Reporting by …", a standard attribution) that independent
/// articles share, and too few shingles to estimate well.
pub const PARA_MIN_WORDS: usize = 25;

/// The seeds of the hash family, fixed so signatures are the same on every run. Each
/// seed gives two 32-bit hash functions, the halves of one 64-bit mix.
const SEEDS: [u64; HASHES / 2] = seeds();

const fn seeds() -> [u64; HASHES / 2] {
    let mut out = [0; HASHES / 2];
    let mut i = 0;
    while i < HASHES / 2 {
        out[i] = mix(0x243f_6a88_85a3_08d3 ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        i += 1;
    }
    out
}

/// What [`signatures`] reads of a document: its date, text and paragraphs.
///
/// Paragraph spans that do not lie inside `text` on char boundaries are skipped.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// Publication date, if known; orders copies to find the first.
    pub date: Option<Date>,
    /// The document's text.
    pub text: &'a str,
    /// Its paragraphs; only annotated ones ([`model::ParagraphRole::is_annotated`]) count.
    pub paragraphs: &'a [Paragraph],
}

impl<'a> From<&'a Document> for Input<'a> {
    fn from(doc: &'a Document) -> Input<'a> {
        Input {
            date: doc.meta.date,
            text: &doc.text,
            paragraphs: &doc.paragraphs,
        }
    }
}

impl<'a> Input<'a> {
    /// The annotated paragraphs' indices and texts, in order.
    pub fn annotated(self) -> impl Iterator<Item = (u32, &'a str)> {
        let text = self.text;
        self.paragraphs
            .iter()
            .enumerate()
            .filter(|(_, p)| p.role.is_annotated())
            .filter_map(move |(i, p)| {
                let idx = u32::try_from(i).ok()?;
                Some((idx, text.get(p.span.range())?))
            })
    }
}

/// A MinHash sketch: the low 8 bits of each hash function's minimum over a set of
/// shingles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sketch(pub(crate) [u8; HASHES]);

impl Sketch {
    /// The estimated Jaccard similarity of the two shingle sets, in `0.0..=1.0`: the
    /// share of hash functions whose minima agree, less the agreements of chance.
    pub(crate) fn similarity(&self, other: &Sketch) -> f32 {
        let agree = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        let share = agree as f32 / HASHES as f32;
        ((share - CHANCE) / (1.0 - CHANCE)).clamp(0.0, 1.0)
    }

    /// Rows `rows` (a range of hash functions) packed into one key, for LSH banding.
    /// Rows beyond the fourth are left out: a key holds four rows at most.
    pub(crate) fn band(&self, rows: std::ops::Range<usize>) -> u32 {
        self.0
            .get(rows)
            .unwrap_or_default()
            .iter()
            .take(4)
            .fold(0u32, |key, &v| (key << 8) | u32::from(v))
    }
}

/// The estimated share of a set of `n` shingles that another set of `n_other` shingles
/// holds, from their estimated Jaccard similarity `jaccard`, in `0.0..=1.0`.
///
/// The intersection is `jaccard · (n + n_other) / (1 + jaccard)`.
pub(crate) fn containment(jaccard: f32, n: u16, n_other: u16) -> f32 {
    if n == 0 {
        return 0.0;
    }
    let both = jaccard * (f32::from(n) + f32::from(n_other)) / (1.0 + jaccard);
    (both / f32::from(n)).clamp(0.0, 1.0)
}

/// A paragraph's sketch, its index and how many shingles it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ParagraphSketch {
    pub(crate) idx: u32,
    pub(crate) n_shingles: u16,
    pub(crate) sketch: Sketch,
}

/// What the index keeps of one document: 64 bytes and a few more per sketched
/// paragraph, never the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocSignatures {
    pub(crate) date: Option<Date>,
    pub(crate) document: Option<Sketch>,
    pub(crate) paragraphs: Vec<ParagraphSketch>,
}

impl DocSignatures {
    /// Whether the document is long enough to be compared as a whole.
    pub fn has_document_sketch(&self) -> bool {
        self.document.is_some()
    }

    /// Indices of the paragraphs long enough to be compared, in order.
    pub fn sketched_paragraphs(&self) -> impl Iterator<Item = u32> + '_ {
        self.paragraphs.iter().map(|p| p.idx)
    }
}

/// The running minima of the hash family over a set of shingles.
struct Minima {
    values: [u32; HASHES],
    n_shingles: usize,
}

impl Minima {
    fn new() -> Minima {
        Minima {
            values: [u32::MAX; HASHES],
            n_shingles: 0,
        }
    }

    fn add(&mut self, shingle: u64) {
        for (pair, seed) in self.values.chunks_exact_mut(2).zip(&SEEDS) {
            let h = mix(shingle ^ seed);
            pair[0] = pair[0].min(h as u32);
            pair[1] = pair[1].min((h >> 32) as u32);
        }
        self.n_shingles += 1;
    }

    fn merge(&mut self, other: &Minima) {
        for (a, b) in self.values.iter_mut().zip(&other.values) {
            *a = (*a).min(*b);
        }
        self.n_shingles += other.n_shingles;
    }

    fn sketch(&self) -> Sketch {
        Sketch(self.values.map(|v| v as u8))
    }
}

/// Computes a document's signatures: a pure function, safe to call on worker threads.
///
/// The document sketch covers the shingles of all annotated paragraphs (present when
/// they hold at least [`DOC_MIN_WORDS`] words); each annotated paragraph of at least
/// [`PARA_MIN_WORDS`] words gets a sketch of its own.
pub fn signatures(input: &Input<'_>) -> DocSignatures {
    let mut document = Minima::new();
    let mut n_words = 0usize;
    let mut paragraphs = Vec::new();
    for (idx, text) in input.annotated() {
        let mut minima = Minima::new();
        let n = for_each_shingle(text, |s| minima.add(s));
        n_words = n_words.saturating_add(n);
        if n >= PARA_MIN_WORDS && minima.n_shingles > 0 {
            paragraphs.push(ParagraphSketch {
                idx,
                n_shingles: u16::try_from(minima.n_shingles).unwrap_or(u16::MAX),
                sketch: minima.sketch(),
            });
        }
        document.merge(&minima);
    }
    let long_enough = n_words >= DOC_MIN_WORDS && document.n_shingles > 0;
    DocSignatures {
        date: input.date,
        document: long_enough.then(|| document.sketch()),
        paragraphs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::{ParagraphRole, Span};

    use crate::fixture;

    fn input<'a>(text: &'a str, paragraphs: &'a [Paragraph]) -> Input<'a> {
        Input {
            date: None,
            text,
            paragraphs,
        }
    }

    fn body(start: usize, end: usize) -> Paragraph {
        Paragraph {
            span: Span::new(start, end),
            role: ParagraphRole::Body,
        }
    }

    const LONG: &str = "the harbour board voted on tuesday to close the northern pier for \
        repairs after inspectors found cracks in three of its concrete pillars and warned \
        that heavy lorries should keep away until the work is done next spring";

    #[test]
    fn a_long_paragraph_gets_both_sketches() {
        let paras = [body(0, LONG.len())];
        let sigs = signatures(&input(LONG, &paras));
        assert!(sigs.has_document_sketch());
        assert_eq!(sigs.sketched_paragraphs().collect::<Vec<_>>(), [0]);
    }

    #[test]
    fn headlines_and_short_paragraphs_are_not_sketched() {
        let headline = format!("{LONG} as a headline");
        let (text, paras) = fixture::document(&[
            (ParagraphRole::Headline, &headline),
            (ParagraphRole::Body, "Short body."),
            (ParagraphRole::Body, LONG),
        ]);
        let sigs = signatures(&input(&text, &paras));
        assert_eq!(sigs.sketched_paragraphs().collect::<Vec<_>>(), [2]);
    }

    #[test]
    fn spans_outside_the_text_are_skipped() {
        let paras = [body(0, 10_000), body(1, 2)];
        let sigs = signatures(&input("é", &paras));
        assert!(!sigs.has_document_sketch());
        assert_eq!(sigs.sketched_paragraphs().count(), 0);
    }

    #[test]
    fn containment_follows_the_sizes() {
        assert_eq!(containment(1.0, 40, 40), 1.0);
        assert!((containment(0.5, 20, 40) - 1.0).abs() < 1e-6);
        assert!((containment(0.5, 40, 20) - 0.5).abs() < 1e-6);
        assert_eq!(containment(0.0, 40, 20), 0.0);
        assert_eq!(containment(0.5, 0, 20), 0.0);
    }

    #[test]
    fn identical_sketches_are_one_and_chance_is_taken_out() {
        let a = Sketch([7; HASHES]);
        let mut b = a;
        assert_eq!(a.similarity(&b), 1.0);
        b.0.fill(8);
        assert_eq!(a.similarity(&b), 0.0);
        b.0[0] = 7;
        assert!(a.similarity(&b) > 0.0 && a.similarity(&b) < 0.02);
    }

    #[test]
    fn the_document_sketch_is_the_union_of_its_paragraphs() {
        let text = format!("{LONG}\n\n{LONG} and more");
        let paras = [body(0, LONG.len()), body(LONG.len() + 2, text.len())];
        let one = [body(0, LONG.len())];
        let whole = signatures(&input(&text, &paras)).document.unwrap();
        let part = signatures(&input(LONG, &one)).document.unwrap();
        assert!(whole.similarity(&part) > 0.8);
    }
}
