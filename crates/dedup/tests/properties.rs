//! Property tests: links follow the set of documents, not their order; a document never
//! links to itself; identical documents always link; unrelated texts never do; no input
//! panics.

use dedup::{signatures, Dedup, DocSignatures, Index, Input};
use model::{Date, Paragraph, ParagraphRole, Span};
use proptest::prelude::*;

/// An invented document: a key, a day of the month and body paragraphs.
#[derive(Debug, Clone)]
struct Doc {
    key: u64,
    day: Option<u8>,
    paragraphs: Vec<String>,
}

fn text_and_paragraphs(paragraphs: &[String]) -> (String, Vec<Paragraph>) {
    let mut text = String::new();
    let mut spans = Vec::new();
    for p in paragraphs {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(p);
        spans.push(Paragraph {
            span: Span::new(start, text.len()),
            role: ParagraphRole::Body,
        });
    }
    (text, spans)
}

/// A document's key, date, text and paragraphs, for [`Dedup::verify`].
type Texts = (u64, Option<Date>, (String, Vec<Paragraph>));

fn date(d: &Doc) -> Option<Date> {
    d.day.and_then(|day| Date::new(2024, 1, day))
}

fn index_of(docs: &[Doc]) -> Index<u64> {
    let mut index = Index::new();
    for d in docs {
        let (text, paragraphs) = text_and_paragraphs(&d.paragraphs);
        let input = Input {
            date: date(d),
            text: &text,
            paragraphs: &paragraphs,
        };
        index.add(d.key, signatures(&input));
    }
    index
}

fn run(docs: &[Doc]) -> Dedup<u64> {
    index_of(docs).finish()
}

/// A paragraph of 25 to 60 words drawn from a vocabulary of 5,000 invented words, so two
/// independent paragraphs share no 5-word shingle but by a vanishing chance.
fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(0u32..5000, 25..60).prop_map(|ws| {
        ws.iter()
            .map(|w| format!("w{w}"))
            .collect::<Vec<_>>()
            .join(" ")
    })
}

fn document(key: u64) -> impl Strategy<Value = Doc> {
    (
        prop::option::of(1u8..29),
        prop::collection::vec(paragraph(), 1..4),
    )
        .prop_map(move |(day, paragraphs)| Doc {
            key,
            day,
            paragraphs,
        })
}

/// How one document copies another in [`corpus`].
#[derive(Debug, Clone, Copy)]
enum Copy {
    Whole,
    FirstParagraph,
    Excerpt,
}

fn copy_of(from: &Doc, how: Copy) -> Vec<String> {
    match how {
        Copy::Whole => from.paragraphs.clone(),
        Copy::FirstParagraph => vec![from.paragraphs[0].clone()],
        Copy::Excerpt => {
            let words: Vec<&str> = from.paragraphs[0].split_whitespace().collect();
            let cut = words.len() * 2 / 3;
            vec![words[..cut.max(1)].join(" ")]
        }
    }
}

/// A corpus of distinct keys in which some documents copy (whole or in part) others.
fn corpus() -> impl Strategy<Value = Vec<Doc>> {
    let how = prop_oneof![
        Just(Copy::Whole),
        Just(Copy::FirstParagraph),
        Just(Copy::Excerpt)
    ];
    prop::collection::vec((0u64..1_000_000).prop_flat_map(document), 1..12)
        .prop_flat_map(move |docs| {
            let n = docs.len();
            (
                Just(docs),
                prop::collection::vec((0..n, 0..n, how.clone()), 0..6),
            )
        })
        .prop_map(|(mut docs, copies)| {
            for (from, to, how) in copies {
                docs[to].paragraphs = copy_of(&docs[from], how);
            }
            docs.sort_by_key(|d| d.key);
            docs.dedup_by_key(|d| d.key);
            docs
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn shuffled_input_gives_the_same_links(docs in corpus(), seed in any::<u64>()) {
        let mut shuffled = docs.clone();
        let n = shuffled.len();
        let mut s = seed;
        for i in (1..n).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (s >> 33) as usize % (i + 1));
        }
        prop_assert_eq!(run(&docs), run(&shuffled));
    }

    #[test]
    fn no_document_links_to_itself(docs in corpus()) {
        for d in run(&docs).documents() {
            prop_assert!(d.reprint_of.as_ref().is_none_or(|r| r.canonical != d.key));
            prop_assert!(d.repeats.iter().all(|p| p.canonical != d.key));
        }
    }

    #[test]
    fn links_point_to_earlier_documents(docs in corpus()) {
        let rank = |key: u64| {
            let d = docs.iter().find(|d| d.key == key).unwrap();
            (date(d).is_none(), date(d), key)
        };
        for d in run(&docs).documents() {
            let own = rank(d.key);
            prop_assert!(d.reprint_of.as_ref().is_none_or(|r| rank(r.canonical) < own));
            prop_assert!(d.repeats.iter().all(|p| rank(p.canonical) < own));
            let also_in = d.repeats.iter().flat_map(|p| &p.also_in);
            prop_assert!(also_in.clone().all(|o| rank(o.doc) < own));
            prop_assert!(d.repeats.iter().all(|p| p.also_in.len() <= dedup::MAX_ALSO_IN));
        }
    }

    #[test]
    fn merged_indexes_give_the_same_links(docs in corpus(), split in any::<prop::sample::Index>()) {
        let at = split.index(docs.len() + 1);
        let mut left = index_of(&docs[at..]);
        left.merge(index_of(&docs[..at]));
        prop_assert_eq!(left.finish(), run(&docs));
    }

    #[test]
    fn verifying_keeps_a_subset_of_the_links(docs in corpus()) {
        let texts: Vec<Texts> = docs
            .iter()
            .map(|d| (d.key, date(d), text_and_paragraphs(&d.paragraphs)))
            .collect();
        let before = run(&docs);
        let mut after = before.clone();
        after.verify(|key| {
            let (_, date, (text, paragraphs)) = texts.iter().find(|(k, _, _)| k == key)?;
            Some(Input { date: *date, text, paragraphs })
        });
        for (b, a) in before.documents().iter().zip(after.documents()) {
            prop_assert!(a.reprint_of.is_none() || b.reprint_of.is_some());
            prop_assert!(a.repeats.iter().all(|p| b.paragraph(p.paragraph_idx).is_some()));
        }
    }

    #[test]
    fn signatures_round_trip_through_bytes(doc in document(0)) {
        let (text, paragraphs) = text_and_paragraphs(&doc.paragraphs);
        let input = Input { date: date(&doc), text: &text, paragraphs: &paragraphs };
        let sigs = signatures(&input);
        prop_assert_eq!(DocSignatures::decode(&sigs.encode()), Ok(sigs));
    }

    #[test]
    fn decoding_any_bytes_never_panics(
        doc in document(0),
        noise in prop::collection::vec(any::<u8>(), 0..200),
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4),
    ) {
        let _ = DocSignatures::decode(&noise);
        let (text, paragraphs) = text_and_paragraphs(&doc.paragraphs);
        let input = Input { date: date(&doc), text: &text, paragraphs: &paragraphs };
        let bytes = signatures(&input).encode();
        let cut = bytes.len() / 2;
        prop_assert!(DocSignatures::decode(&bytes[..cut]).is_err());
        let mut flipped = bytes;
        for (at, value) in flips {
            let i = at.index(flipped.len());
            flipped[i] = value;
        }
        let _ = DocSignatures::decode(&flipped);
    }

    #[test]
    fn identical_documents_always_link(doc in document(1), day in prop::option::of(1u8..29)) {
        let copy = Doc { key: 2, day, ..doc.clone() };
        let links = run(&[copy, doc.clone()]);
        let linked = links.documents().iter().filter(|d| d.reprint_of.is_some()).count();
        prop_assert_eq!(linked, 1);
        let reprint = links.documents().iter().find_map(|d| d.reprint_of.as_ref()).unwrap();
        prop_assert_eq!(reprint.similarity, 1.0);
        prop_assert_eq!(links.n_repeats(), doc.paragraphs.len());
    }

    #[test]
    fn unrelated_texts_never_link(docs in prop::collection::vec(document(0), 2..10)) {
        let docs: Vec<Doc> = docs
            .into_iter()
            .enumerate()
            .map(|(i, d)| Doc { key: i as u64, ..d })
            .collect();
        let links = run(&docs);
        prop_assert_eq!(links.n_reprints(), 0);
        prop_assert_eq!(links.n_repeats(), 0);
    }

    #[test]
    fn any_text_and_spans_never_panic(
        text in "\\PC{0,300}",
        spans in prop::collection::vec((0u32..400, 0u32..400, 0usize..6), 0..8),
    ) {
        let roles = [
            ParagraphRole::Body,
            ParagraphRole::Headline,
            ParagraphRole::Caption,
            ParagraphRole::Subtitle,
            ParagraphRole::Credit,
            ParagraphRole::Dateline,
        ];
        let paragraphs: Vec<Paragraph> = spans
            .iter()
            .map(|&(start, end, r)| Paragraph { span: Span { start, end }, role: roles[r] })
            .collect();
        let input = Input { date: None, text: &text, paragraphs: &paragraphs };
        let mut index = Index::new();
        index.add(0u8, signatures(&input));
        index.add(1u8, signatures(&input));
        let links = index.finish();
        prop_assert_eq!(links.documents().len(), 2);
        let _ = dedup::document_jaccard(&input, &input);
    }
}
