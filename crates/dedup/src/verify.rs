//! Exact verification of the links, for a caller that still holds the texts.
//!
//! The sketches estimate similarity to about ±0.06, so a pair near a threshold may link
//! or not by chance. [`Dedup::verify`] recomputes every link on the shingle sets
//! themselves and keeps only those the exact figures pass, with exact similarities.

use crate::exact::{jaccard, shingle_set};
use crate::index::{Dedup, DocumentLinks, Occurrence, ParagraphLink, DOC_THRESHOLD};
use crate::index::{PARA_CONTAINMENT, PARA_CONTAINMENT_MIN_JACCARD, PARA_THRESHOLD};
use crate::signature::Input;
use std::collections::HashSet;

/// The text of paragraph `idx` of `doc`, when it is annotated and its span is valid.
fn annotated_paragraph<'a>(doc: &Input<'a>, idx: u32) -> Option<&'a str> {
    doc.annotated().find(|(i, _)| *i == idx).map(|(_, t)| t)
}

/// Exact Jaccard similarity and containment of `later` in `earlier`.
fn exact_pair(later: &HashSet<u64>, earlier: &HashSet<u64>) -> (f64, f64) {
    let both = later.intersection(earlier).count() as f64;
    (jaccard(later, earlier), both / later.len().max(1) as f64)
}

fn paragraph_passes(similarity: f64, contained: f64) -> bool {
    similarity >= f64::from(PARA_THRESHOLD)
        || (similarity >= f64::from(PARA_CONTAINMENT_MIN_JACCARD)
            && contained >= f64::from(PARA_CONTAINMENT))
}

impl<K: Ord + Clone> Dedup<K> {
    /// Re-checks every link exactly on the documents' texts, which `doc` gives by key;
    /// drops the links the exact figures do not pass (and those whose texts `doc` does
    /// not give) and sets the similarities of the others to their exact values.
    ///
    /// A paragraph whose canonical occurrence fails is linked to the first of its
    /// [`ParagraphLink::also_in`] that passes, if any.
    pub fn verify<'a>(&mut self, doc: impl Fn(&K) -> Option<Input<'a>>) {
        self.verify_only(|_| true, doc);
    }

    /// Like [`Dedup::verify`], for the documents `which` selects only; the others keep
    /// their links as they are. A caller can so verify a large corpus a slice at a time,
    /// holding only the texts of one slice and of what its links point at.
    pub fn verify_only<'a>(
        &mut self,
        which: impl Fn(&K) -> bool,
        doc: impl Fn(&K) -> Option<Input<'a>>,
    ) {
        for d in self.documents.iter_mut().filter(|d| which(&d.key)) {
            let Some(own) = doc(&d.key) else {
                d.reprint_of = None;
                d.repeats.clear();
                continue;
            };
            verify_document(d, &own, &doc);
        }
    }
}

fn verify_document<'a, K: Clone>(
    d: &mut DocumentLinks<K>,
    own: &Input<'a>,
    doc: &impl Fn(&K) -> Option<Input<'a>>,
) {
    if let Some(link) = &mut d.reprint_of {
        let exact = doc(&link.canonical).map(|first| crate::document_jaccard(own, &first));
        match exact {
            Some(similarity) if similarity >= f64::from(DOC_THRESHOLD) => {
                link.similarity = similarity as f32;
            }
            _ => d.reprint_of = None,
        }
    }
    d.repeats
        .retain_mut(|link| verify_paragraph(link, own, doc));
}

/// Checks `link` exactly, falling back on its further matches in order; keeps the first
/// that passes as the canonical occurrence. Returns whether one did.
fn verify_paragraph<'a, K: Clone>(
    link: &mut ParagraphLink<K>,
    own: &Input<'a>,
    doc: &impl Fn(&K) -> Option<Input<'a>>,
) -> bool {
    let Some(later) = annotated_paragraph(own, link.paragraph_idx) else {
        return false;
    };
    let later = shingle_set([later]);
    let first = Occurrence {
        doc: link.canonical.clone(),
        paragraph_idx: link.canonical_paragraph_idx,
    };
    let candidates: Vec<Occurrence<K>> = std::iter::once(first)
        .chain(std::mem::take(&mut link.also_in))
        .collect();
    for (i, candidate) in candidates.iter().enumerate() {
        let Some(earlier) =
            doc(&candidate.doc).and_then(|d| annotated_paragraph(&d, candidate.paragraph_idx))
        else {
            continue;
        };
        let (similarity, contained) = exact_pair(&later, &shingle_set([earlier]));
        if paragraph_passes(similarity, contained) {
            link.canonical = candidate.doc.clone();
            link.canonical_paragraph_idx = candidate.paragraph_idx;
            link.similarity = similarity as f32;
            link.containment = contained as f32;
            link.also_in = candidates[i + 1..].to_vec();
            return true;
        }
    }
    false
}
