//! Exact Jaccard similarity of shingle sets, which the sketches estimate.

use crate::signature::Input;
use crate::words::for_each_shingle;
use std::collections::HashSet;

pub(crate) fn jaccard(a: &HashSet<u64>, b: &HashSet<u64>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f64 / union as f64
}

pub(crate) fn shingle_set<'a>(texts: impl IntoIterator<Item = &'a str>) -> HashSet<u64> {
    let mut set = HashSet::new();
    for text in texts {
        for_each_shingle(text, |s| {
            set.insert(s);
        });
    }
    set
}

/// The hashes of a text's shingles, as the sketches see them, in text order (a shingle
/// that recurs recurs here too).
pub fn shingles(text: &str) -> impl Iterator<Item = u64> {
    let mut out = Vec::new();
    for_each_shingle(text, |s| out.push(s));
    out.into_iter()
}

/// The Jaccard similarity of two texts' shingle sets, in `0.0..=1.0`; 0 when neither has
/// a shingle.
pub fn text_jaccard(a: &str, b: &str) -> f64 {
    jaccard(&shingle_set([a]), &shingle_set([b]))
}

/// The Jaccard similarity of two documents' annotated paragraphs as the document sketch
/// sees them (the union of each paragraph's shingles), in `0.0..=1.0`.
pub fn document_jaccard(a: &Input<'_>, b: &Input<'_>) -> f64 {
    let a = shingle_set(a.annotated().map(|(_, t)| t));
    let b = shingle_set(b.annotated().map(|(_, t)| t));
    jaccard(&a, &b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_texts_are_one() {
        let t = "one two three four five six seven";
        assert_eq!(text_jaccard(t, t), 1.0);
    }

    #[test]
    fn texts_without_shingles_are_zero() {
        assert_eq!(text_jaccard("", "a b"), 0.0);
    }

    #[test]
    fn one_changed_word_spoils_five_shingles() {
        let a = "w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 w13 w14 w15";
        let b = "w1 w2 w3 w4 w5 w6 w7 XX w9 w10 w11 w12 w13 w14 w15";
        assert!((text_jaccard(a, b) - 6.0 / 16.0).abs() < 1e-9);
    }
}
