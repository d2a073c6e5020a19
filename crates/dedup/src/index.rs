//! The index: documents' signatures in, one at a time; links to first occurrences out.
//!
//! [`Index::add`] only stores signatures. [`Index::finish`] orders the documents by
//! (dated before undated, date, key), finds candidate pairs by LSH banding (a pair is a
//! candidate when all rows of some band agree), verifies each candidate on the whole
//! sketch, then links: documents by cluster, each to its cluster's earliest member;
//! paragraphs each to the earliest paragraph of an earlier document it matches. Candidates
//! are found by sorting each band's keys, so no hash table outlives one band.

use crate::signature::{containment, DocSignatures, Sketch, HASHES};
use model::Date;

/// Estimated Jaccard similarity of annotated text from which two documents are reprints.
///
/// A reprint under another headline and byline, with a word or a sentence changed, stays
/// above 0.9; two versions of one story with one paragraph in ten rewritten are near 0.8.
/// Articles on the same topic by different writers rarely share a tenth of their
/// 5-word shingles, so 0.75 leaves room for the estimate's ±0.06 on both sides.
pub const DOC_THRESHOLD: f32 = 0.75;

/// Estimated Jaccard similarity from which two paragraphs are one passage.
///
/// One changed word in a 25-word paragraph spoils five of its 21 shingles (similarity
/// 0.62); two paragraphs that merely share a phrase or a short quotation stay below 0.2.
/// The sketch estimates to about ±0.06, so 0.5 separates the two.
pub const PARA_THRESHOLD: f32 = 0.5;

/// Estimated share of a paragraph's shingles found in an earlier paragraph from which it
/// is a repeat even when the two differ in length: an excerpt cut short, or a standard
/// passage in a short and a long version.
pub const PARA_CONTAINMENT: f32 = 0.8;

/// Estimated Jaccard similarity below which containment is not trusted: when one
/// paragraph is over three times the other, the estimate of containment is too noisy.
pub const PARA_CONTAINMENT_MIN_JACCARD: f32 = 0.3;

/// Document sketches are banded into 16 bands of 4 rows (32-bit keys): a pair at
/// similarity 0.75 is a candidate with probability 0.998, a pair at 0.3 with 0.12.
const DOC_ROWS: usize = 4;
const DOC_BANDS: usize = HASHES / DOC_ROWS;

/// Paragraph sketches are banded into 21 bands of 3 rows (24-bit keys): a pair at
/// similarity 0.5 is a candidate with probability 0.94, at 0.7 with 0.9998, at 0.1 with
/// 0.02; two unrelated paragraphs collide by chance once in 800,000 pairs.
const PARA_ROWS: usize = 3;
const PARA_BANDS: usize = HASHES / PARA_ROWS;

/// A bucket of at most this many members is verified pair by pair; a larger one (many
/// copies of one text) pairs each member with its [`RUN_ANCHORS`] earliest members only,
/// which keeps the work linear and still finds the first copy.
const RUN_ALL_PAIRS: usize = 32;
const RUN_ANCHORS: usize = 8;

/// A document that is a reprint: the first occurrence of its text.
#[derive(Debug, Clone, PartialEq)]
pub struct DocLink<K> {
    /// Key of the canonical document: the earliest of the cluster by (date, key).
    pub canonical: K,
    /// Estimated Jaccard similarity of the two documents' annotated text.
    pub similarity: f32,
}

/// A paragraph that repeats a passage of an earlier document.
#[derive(Debug, Clone, PartialEq)]
pub struct ParagraphLink<K> {
    /// Index of the repeating paragraph in its document's paragraphs.
    pub paragraph_idx: u32,
    /// Key of the document holding the canonical occurrence.
    pub canonical: K,
    /// Index of the canonical occurrence in that document's paragraphs.
    pub canonical_paragraph_idx: u32,
    /// Estimated Jaccard similarity of the two paragraphs.
    pub similarity: f32,
    /// Estimated share of this paragraph's shingles that the canonical occurrence holds.
    pub containment: f32,
    /// The next earliest paragraphs of earlier documents it matches, earliest first, at
    /// most [`MAX_ALSO_IN`]; [`Dedup::verify`] falls back on them.
    pub also_in: Vec<Occurrence<K>>,
}

/// A paragraph of a document, by the document's key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence<K> {
    /// Key of the document.
    pub doc: K,
    /// Index of the paragraph in the document's paragraphs.
    pub paragraph_idx: u32,
}

/// How many further matches a [`ParagraphLink`] keeps besides its canonical occurrence.
pub const MAX_ALSO_IN: usize = 3;

/// What [`Index::finish`] found for one document.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentLinks<K> {
    /// The key it was added under.
    pub key: K,
    /// The document it reprints, if it is a reprint; never itself.
    pub reprint_of: Option<DocLink<K>>,
    /// Its paragraphs that repeat a passage of another document, sorted by index.
    pub repeats: Vec<ParagraphLink<K>>,
}

impl<K> DocumentLinks<K> {
    /// The canonical occurrence of paragraph `idx`, if it is a repeat.
    pub fn paragraph(&self, idx: u32) -> Option<&ParagraphLink<K>> {
        self.repeats
            .binary_search_by_key(&idx, |l| l.paragraph_idx)
            .ok()
            .map(|i| &self.repeats[i])
    }
}

/// The links of a whole corpus, one entry per document added.
#[derive(Debug, Clone, PartialEq)]
pub struct Dedup<K> {
    pub(crate) documents: Vec<DocumentLinks<K>>,
}

impl<K: Ord> Dedup<K> {
    /// Every document added, sorted by key.
    pub fn documents(&self) -> &[DocumentLinks<K>] {
        &self.documents
    }

    /// The links of the document added under `key`.
    pub fn get(&self, key: &K) -> Option<&DocumentLinks<K>> {
        self.documents
            .binary_search_by(|d| d.key.cmp(key))
            .ok()
            .map(|i| &self.documents[i])
    }

    /// Documents that are reprints.
    pub fn n_reprints(&self) -> usize {
        self.documents
            .iter()
            .filter(|d| d.reprint_of.is_some())
            .count()
    }

    /// Paragraphs that are repeats.
    pub fn n_repeats(&self) -> usize {
        self.documents.iter().map(|d| d.repeats.len()).sum()
    }
}

struct DocEntry<K> {
    key: K,
    date: Option<Date>,
}

struct ParaEntry {
    doc: u32,
    idx: u32,
    n_shingles: u16,
    sketch: Sketch,
}

/// Collects documents' signatures; [`Index::finish`] links them.
///
/// Keeps per document its key, date and sketch (about 70 bytes besides the key), and per
/// sketched paragraph 76 bytes; never any text. [`Index::finish`] needs 8 bytes an item
/// more for the band being sorted, and 16 a paragraph for its earliest matches. Keys
/// should be distinct: two documents under one key are never linked to each other.
/// Holds up to `u32::MAX` documents and as many paragraphs; the sketches of any beyond
/// are dropped, so they link to nothing.
pub struct Index<K> {
    docs: Vec<DocEntry<K>>,
    doc_sketches: Vec<(u32, Sketch)>,
    paras: Vec<ParaEntry>,
}

impl<K> Default for Index<K> {
    fn default() -> Index<K> {
        Index {
            docs: Vec::new(),
            doc_sketches: Vec::new(),
            paras: Vec::new(),
        }
    }
}

impl<K: Ord + Clone> Index<K> {
    /// An empty index.
    pub fn new() -> Index<K> {
        Index::default()
    }

    /// Documents added so far.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether no document was added.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Adds a document's signatures (from [`crate::signatures`]) under `key`.
    pub fn add(&mut self, key: K, signatures: DocSignatures) {
        let pos = u32::try_from(self.docs.len()).ok();
        self.docs.push(DocEntry {
            key,
            date: signatures.date,
        });
        let Some(doc) = pos else {
            return;
        };
        if let Some(sketch) = signatures.document {
            self.doc_sketches.push((doc, sketch));
        }
        let room = (u32::MAX as usize).saturating_sub(self.paras.len());
        self.paras.extend(
            signatures
                .paragraphs
                .into_iter()
                .take(room)
                .map(|p| ParaEntry {
                    doc,
                    idx: p.idx,
                    n_shingles: p.n_shingles,
                    sketch: p.sketch,
                }),
        );
    }

    /// Moves every document of `other` into this index, as if each had been added here:
    /// worker threads may each fill an index and merge them at the end.
    pub fn merge(&mut self, other: Index<K>) {
        let offset = self.docs.len();
        let doc_of = |pos: u32| u32::try_from(offset + pos as usize).ok();
        let room = (u32::MAX as usize).saturating_sub(self.paras.len());
        self.doc_sketches.extend(
            other
                .doc_sketches
                .into_iter()
                .filter_map(|(pos, sketch)| Some((doc_of(pos)?, sketch))),
        );
        self.paras.extend(
            other
                .paras
                .into_iter()
                .filter_map(|p| {
                    Some(ParaEntry {
                        doc: doc_of(p.doc)?,
                        ..p
                    })
                })
                .take(room),
        );
        self.docs.extend(other.docs);
    }

    /// Links every document and paragraph to its canonical occurrence.
    ///
    /// The result depends on the set of documents added, not on their order.
    pub fn finish(self) -> Dedup<K> {
        let rank = self.ranks();
        let reprints = self.document_links(&rank);
        let repeats = self.paragraph_links(&rank);
        let mut documents: Vec<(u32, DocumentLinks<K>)> = self
            .docs
            .iter()
            .zip(reprints.into_iter().zip(repeats))
            .enumerate()
            .map(|(pos, (entry, (reprint_of, repeats)))| {
                let links = DocumentLinks {
                    key: entry.key.clone(),
                    reprint_of,
                    repeats,
                };
                (rank[pos], links)
            })
            .collect();
        documents.sort_by(|a, b| a.1.key.cmp(&b.1.key).then(a.0.cmp(&b.0)));
        Dedup {
            documents: documents.into_iter().map(|(_, d)| d).collect(),
        }
    }

    /// Each document's rank in the order (dated before undated, date, key).
    fn ranks(&self) -> Vec<u32> {
        let mut order: Vec<usize> = (0..self.docs.len()).collect();
        order.sort_by(|&a, &b| {
            let (da, db) = (&self.docs[a], &self.docs[b]);
            (da.date.is_none(), da.date, &da.key, a).cmp(&(db.date.is_none(), db.date, &db.key, b))
        });
        let mut rank = vec![0u32; self.docs.len()];
        for (r, &pos) in order.iter().enumerate() {
            rank[pos] = u32::try_from(r).unwrap_or(u32::MAX);
        }
        rank
    }

    fn document_links(&self, rank: &[u32]) -> Vec<Option<DocLink<K>>> {
        let mut items: Vec<(u32, &Sketch)> = self
            .doc_sketches
            .iter()
            .map(|(pos, sketch)| (*pos, sketch))
            .collect();
        items.sort_by_key(|(pos, _)| rank[*pos as usize]);
        let key_of = |i: usize| &self.docs[items[i].0 as usize].key;
        let mut clusters = Clusters::new(items.len());
        for_each_candidate(
            items.len(),
            DOC_BANDS,
            |i, band| items[i].1.band(band * DOC_ROWS..(band + 1) * DOC_ROWS),
            |a, b| {
                if !clusters.same(a, b)
                    && key_of(a) != key_of(b)
                    && items[a].1.similarity(items[b].1) >= DOC_THRESHOLD
                {
                    clusters.join(a, b);
                }
            },
        );
        let mut links = vec![None; self.docs.len()];
        for i in 0..items.len() {
            let first = clusters.first(i);
            if first != i && key_of(first) != key_of(i) {
                links[items[i].0 as usize] = Some(DocLink {
                    canonical: key_of(first).clone(),
                    similarity: items[i].1.similarity(items[first].1),
                });
            }
        }
        links
    }

    /// For each document, its paragraphs that match an earlier paragraph (of an earlier
    /// document, or earlier in the same one: an excerpt that opens an article and recurs
    /// in its body), each linked to the earliest such paragraph.
    fn paragraph_links(&self, rank: &[u32]) -> Vec<Vec<ParagraphLink<K>>> {
        let mut items: Vec<&ParaEntry> = self.paras.iter().collect();
        items.sort_by_key(|p| (rank[p.doc as usize], p.idx));
        let key_of = |i: usize| &self.docs[items[i].doc as usize].key;
        let mut matches = vec![EarliestMatches::default(); items.len()];
        for_each_candidate(
            items.len(),
            PARA_BANDS,
            |i, band| {
                items[i]
                    .sketch
                    .band(band * PARA_ROWS..(band + 1) * PARA_ROWS)
            },
            |a, b| {
                if matches[b].would_keep(a)
                    && distinct_paragraphs(items[a], items[b], key_of(a) == key_of(b))
                    && repeats(items[b], items[a])
                {
                    matches[b].insert(a);
                }
            },
        );
        let mut links: Vec<Vec<ParagraphLink<K>>> =
            (0..self.docs.len()).map(|_| Vec::new()).collect();
        for (b, found) in matches.iter().enumerate() {
            let mut found = found.iter();
            let Some(a) = found.next() else { continue };
            let (later, earlier) = (items[b], items[a]);
            let similarity = later.sketch.similarity(&earlier.sketch);
            links[later.doc as usize].push(ParagraphLink {
                paragraph_idx: later.idx,
                canonical: key_of(a).clone(),
                canonical_paragraph_idx: earlier.idx,
                similarity,
                containment: containment(similarity, later.n_shingles, earlier.n_shingles),
                also_in: found
                    .map(|c| Occurrence {
                        doc: key_of(c).clone(),
                        paragraph_idx: items[c].idx,
                    })
                    .collect(),
            });
        }
        for doc_links in &mut links {
            doc_links.sort_by_key(|l| l.paragraph_idx);
        }
        links
    }
}

/// The earliest few items a paragraph matches, ascending; `u32::MAX` marks a free slot.
#[derive(Debug, Clone, Copy)]
struct EarliestMatches([u32; MAX_ALSO_IN + 1]);

impl Default for EarliestMatches {
    fn default() -> EarliestMatches {
        EarliestMatches([u32::MAX; MAX_ALSO_IN + 1])
    }
}

impl EarliestMatches {
    /// Whether `item` is new and earlier than the latest kept.
    fn would_keep(&self, item: usize) -> bool {
        let item = item as u32;
        item < self.0[MAX_ALSO_IN] && !self.0.contains(&item)
    }

    fn insert(&mut self, item: usize) {
        if !self.would_keep(item) {
            return;
        }
        let mut i = MAX_ALSO_IN;
        self.0[i] = item as u32;
        while i > 0 && self.0[i - 1] > self.0[i] {
            self.0.swap(i - 1, i);
            i -= 1;
        }
    }

    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0
            .iter()
            .take_while(|&&m| m != u32::MAX)
            .map(|&m| m as usize)
    }
}

/// Whether two entries are two paragraphs: of one document (two indices), or of two
/// documents with two keys (a key added twice is one document, never a repeat of itself).
fn distinct_paragraphs(a: &ParaEntry, b: &ParaEntry, same_key: bool) -> bool {
    if a.doc == b.doc {
        a.idx != b.idx
    } else {
        !same_key
    }
}

/// Whether paragraph `later` repeats paragraph `earlier`: the two are near-identical, or
/// `later` stands almost whole inside `earlier` and is not much shorter.
fn repeats(later: &ParaEntry, earlier: &ParaEntry) -> bool {
    let similarity = later.sketch.similarity(&earlier.sketch);
    similarity >= PARA_THRESHOLD
        || (similarity >= PARA_CONTAINMENT_MIN_JACCARD
            && containment(similarity, later.n_shingles, earlier.n_shingles) >= PARA_CONTAINMENT)
}

/// Calls `visit(a, b)`, `a < b`, for every pair of items among `0..n` that agree on all
/// rows of some band (`band_key(item, band)`), bounded per bucket as [`RUN_ALL_PAIRS`]
/// says. The pairs and their order depend on the items' keys and numbers only.
///
/// Items beyond `u32::MAX` are left out (the index never holds that many).
fn for_each_candidate(
    n: usize,
    n_bands: usize,
    band_key: impl Fn(usize, usize) -> u32,
    mut visit: impl FnMut(usize, usize),
) {
    let n = n.min(u32::MAX as usize);
    let mut keys: Vec<(u32, u32)> = Vec::with_capacity(n);
    for band in 0..n_bands {
        keys.clear();
        keys.extend((0..n).map(|i| (band_key(i, band), i as u32)));
        keys.sort_unstable();
        for run in keys.chunk_by(|a, b| a.0 == b.0) {
            let n_anchors = if run.len() <= RUN_ALL_PAIRS {
                run.len()
            } else {
                RUN_ANCHORS
            };
            for (j, &(_, b)) in run.iter().enumerate() {
                for &(_, a) in &run[..j.min(n_anchors)] {
                    visit(a as usize, b as usize);
                }
            }
        }
    }
}

/// Union-find whose root is always the smallest member: the earliest occurrence.
struct Clusters {
    parent: Vec<usize>,
}

impl Clusters {
    fn new(n: usize) -> Clusters {
        Clusters {
            parent: (0..n).collect(),
        }
    }

    /// The smallest member of `x`'s cluster.
    fn first(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn same(&mut self, a: usize, b: usize) -> bool {
        self.first(a) == self.first(b)
    }

    fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.first(a), self.first(b));
        let (lo, hi) = (ra.min(rb), ra.max(rb));
        self.parent[hi] = lo;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clusters_are_rooted_at_their_first_member() {
        let mut c = Clusters::new(5);
        c.join(4, 2);
        c.join(3, 4);
        c.join(1, 0);
        assert_eq!([c.first(2), c.first(3), c.first(4)], [2, 2, 2]);
        assert_eq!(c.first(1), 0);
        assert!(!c.same(0, 2));
    }

    #[test]
    fn only_the_earliest_matches_are_kept() {
        let mut m = EarliestMatches::default();
        for item in [9, 4, 7, 4, 12, 1, 8] {
            m.insert(item);
        }
        assert_eq!(m.iter().collect::<Vec<_>>(), [1, 4, 7, 8]);
        assert!(!m.would_keep(9));
        assert!(m.would_keep(5));
    }

    #[test]
    fn a_paragraph_costs_a_few_dozen_bytes() {
        assert!(std::mem::size_of::<ParaEntry>() <= 80);
        assert!(std::mem::size_of::<(u32, Sketch)>() <= 72);
    }

    #[test]
    fn a_large_bucket_still_joins_every_member() {
        let mut pairs = Vec::new();
        for_each_candidate(100, 1, |_, _| 7, |a, b| pairs.push((a, b)));
        let mut c = Clusters::new(100);
        for (a, b) in &pairs {
            assert!(a < b);
            c.join(*a, *b);
        }
        assert!((0..100).all(|i| c.first(i) == 0));
        assert!(pairs.len() < 100 * RUN_ANCHORS);
    }
}
