//! Scenario tests over invented articles, through one `check` helper.

use crate::fixture;
use crate::{signatures, Dedup, Index, Input};
use model::{Date, ParagraphRole};

use ParagraphRole::{Body, Credit, Headline};

const P1: &str = "The Quarry Lane bridge over the Osten river will close for eight \
    months from the first of May while engineers replace its rusting steel deck, the \
    county roads office said on Monday, sending some nine thousand cars a day onto a \
    detour through the village of Harkby.";
const P2: &str = "Shopkeepers in Harkby said they feared the extra traffic would choke \
    the narrow high street, where lorries already struggle to pass one another outside \
    the post office, and asked the county to put up temporary lights at the two worst \
    corners before the work begins.";
const P3: &str = "The county said the bridge, built in 1931, had been patched four times \
    in the past decade and could no longer be kept safe with repairs alone. A new deck \
    of weathering steel is expected to last at least sixty years.";

const QUOTE: &str = "\u{201c}We know eight months is a long time for the people of \
    Harkby, and we have looked at every way of keeping one lane open, but the old deck \
    cannot carry the cranes we need, so the only safe choice is to close the bridge \
    completely and finish as fast as we can,\u{201d} the chief engineer said.";

/// One invented document: its key, date and paragraphs.
struct Doc {
    key: &'static str,
    date: Option<Date>,
    parts: Vec<(ParagraphRole, String)>,
}

fn doc(key: &'static str, day: u8, parts: &[(ParagraphRole, &str)]) -> Doc {
    Doc {
        key,
        date: Date::new(2025, 4, day),
        parts: parts.iter().map(|(r, t)| (*r, t.to_string())).collect(),
    }
}

fn run(docs: &[Doc]) -> Dedup<&'static str> {
    let mut index = Index::new();
    for d in docs {
        let parts: Vec<(ParagraphRole, &str)> =
            d.parts.iter().map(|(r, t)| (*r, t.as_str())).collect();
        let (text, paragraphs) = fixture::document(&parts);
        let input = Input {
            date: d.date,
            text: &text,
            paragraphs: &paragraphs,
        };
        index.add(d.key, signatures(&input));
    }
    index.finish()
}

/// The reprint link and the (paragraph, canonical key, canonical paragraph) repeats of
/// each document, as `key -> canonical` strings, for compact assertions.
fn check(docs: &[Doc], expect: &[&str]) {
    let links = run(docs);
    let mut got = Vec::new();
    for d in links.documents() {
        if let Some(r) = &d.reprint_of {
            got.push(format!("{} -> {}", d.key, r.canonical));
        }
        for p in &d.repeats {
            got.push(format!(
                "{}#{} -> {}#{}",
                d.key, p.paragraph_idx, p.canonical, p.canonical_paragraph_idx
            ));
        }
    }
    assert_eq!(got, expect);
}

fn original() -> Doc {
    doc(
        "a-original",
        3,
        &[
            (Headline, "Quarry Lane bridge to close for eight months"),
            (Credit, "By Mira Stahl, County Courier"),
            (Body, P1),
            (Body, P2),
            (Body, P3),
        ],
    )
}

#[test]
fn a_reprint_with_another_headline_byline_and_a_changed_word_links() {
    let p2 = P2.replace("narrow", "crowded");
    let reprint = doc(
        "b-reprint",
        4,
        &[
            (Headline, "Harkby braces for detour as old bridge shuts"),
            (Credit, "Staff and agencies"),
            (Body, P1),
            (Body, &p2),
            (Body, P3),
        ],
    );
    check(
        &[reprint, original()],
        &[
            "b-reprint -> a-original",
            "b-reprint#2 -> a-original#2",
            "b-reprint#3 -> a-original#3",
            "b-reprint#4 -> a-original#4",
        ],
    );
}

#[test]
fn the_earliest_date_is_canonical_whatever_the_key() {
    let mut early = original();
    early.key = "z-early";
    early.date = Date::new(2025, 4, 1);
    check(
        &[original(), early],
        &[
            "a-original -> z-early",
            "a-original#2 -> z-early#2",
            "a-original#3 -> z-early#3",
            "a-original#4 -> z-early#4",
        ],
    );
}

#[test]
fn an_undated_copy_is_never_canonical_over_a_dated_one() {
    let mut undated = original();
    undated.key = "0-undated";
    undated.date = None;
    let links = run(&[undated, original()]);
    let copy = links.get(&"0-undated").unwrap();
    assert_eq!(copy.reprint_of.as_ref().unwrap().canonical, "a-original");
}

#[test]
fn articles_on_one_topic_sharing_phrases_do_not_link() {
    let other = doc(
        "c-other",
        5,
        &[
            (Headline, "Detour plan for Quarry Lane bridge closure"),
            (
                Body,
                "Drivers heading for Harkby face a long detour this summer when the \
                 Quarry Lane bridge over the Osten river closes for repairs, and the bus \
                 company said route 14 would run every forty minutes instead of every \
                 twenty until the bridge reopens.",
            ),
            (
                Body,
                "Parents at Harkby primary school have asked for a crossing guard on the \
                 high street, where lorries already struggle to pass, and the county said \
                 it would look at temporary lights once the closure date is confirmed.",
            ),
        ],
    );
    check(&[original(), other], &[]);
}

#[test]
fn a_quoted_paragraph_repeated_links_only_at_paragraph_level() {
    let first = doc("d-first", 6, &[(Body, P1), (Body, QUOTE), (Body, P3)]);
    let second = doc(
        "e-second",
        9,
        &[
            (Headline, "Harkby traders win temporary traffic lights"),
            (
                Body,
                "The county agreed on Thursday to install temporary traffic lights on \
                 Harkby high street for the length of the bridge closure, after a petition \
                 signed by more than six hundred residents and forty local businesses.",
            ),
            (Body, &QUOTE.replace(['\u{201c}', '\u{201d}'], "\"")),
            (
                Body,
                "Councillor Ada Brenner, who presented the petition, said the lights were \
                 a start but that residents still wanted a weight limit on the detour \
                 route and more frequent buses while the works last.",
            ),
        ],
    );
    check(&[second, first], &["e-second#2 -> d-first#1"]);
}

#[test]
fn a_repeat_within_one_document_links_to_its_first_copy() {
    let twice = doc("f-twice", 6, &[(Body, QUOTE), (Body, P2), (Body, QUOTE)]);
    check(&[twice], &["f-twice#2 -> f-twice#0"]);
}

#[test]
fn three_copies_link_to_the_first() {
    let mut b = original();
    b.key = "b";
    b.date = Date::new(2025, 4, 20);
    let mut c = original();
    c.key = "c";
    c.date = Date::new(2025, 4, 10);
    let links = run(&[b, original(), c]);
    for key in ["b", "c"] {
        let d = links.get(&key).unwrap();
        assert_eq!(d.reprint_of.as_ref().unwrap().canonical, "a-original");
        assert_eq!(d.reprint_of.as_ref().unwrap().similarity, 1.0);
    }
    assert_eq!(links.n_reprints(), 2);
    assert_eq!(links.n_repeats(), 6);
}

#[test]
fn short_documents_never_link() {
    let short = || doc("g", 1, &[(Body, "Read more on our website.")]);
    let mut other = short();
    other.key = "h";
    check(&[short(), other], &[]);
}

/// An excerpt: the first sentences of a long paragraph, cut short by a reposting page.
fn excerpt_of(paragraph: &str, n_words: usize) -> String {
    let words: Vec<&str> = paragraph.split_whitespace().take(n_words).collect();
    format!("{} …", words.join(" "))
}

const LONG: &str = "Engineers from the county found that salt spread on the deck every \
    winter had seeped through the joints and eaten into the steel beneath, and that two \
    of the main girders had lost nearly a third of their thickness since the last full \
    survey in 2009. The report, published on Friday, said the bridge could carry cars \
    safely for another year at most, but that buses and lorries should be turned away at \
    once, and it recommended that the deck be replaced rather than repaired again.";

#[test]
fn an_excerpt_cut_short_links_by_containment() {
    let first = doc("a", 1, &[(Body, LONG), (Body, P2)]);
    let excerpt = excerpt_of(LONG, 36);
    assert!(crate::text_jaccard(&excerpt, LONG) < f64::from(crate::PARA_THRESHOLD));
    let repost = doc("b", 2, &[(Body, P1), (Body, &excerpt)]);
    check(&[repost, first], &["b#1 -> a#0"]);
}

#[test]
fn a_long_paragraph_around_an_earlier_short_one_is_not_a_repeat() {
    let short = excerpt_of(LONG, 30);
    let first = doc("a", 1, &[(Body, &short), (Body, P2)]);
    let later = doc("b", 2, &[(Body, LONG), (Body, P3)]);
    check(&[later, first], &[]);
}

#[test]
fn an_excerpt_links_to_the_earliest_full_text() {
    let full = || doc("b-full", 5, &[(Body, LONG), (Body, P3)]);
    let mut earliest = full();
    earliest.key = "c-earliest";
    earliest.date = Date::new(2025, 4, 1);
    let excerpt = excerpt_of(LONG, 45);
    let repost = doc("a-repost", 9, &[(Body, &excerpt)]);
    check(
        &[repost, full(), earliest],
        &[
            "a-repost#0 -> c-earliest#0",
            "b-full -> c-earliest",
            "b-full#0 -> c-earliest#0",
            "b-full#1 -> c-earliest#1",
        ],
    );
}

#[test]
fn keys_may_be_any_ordered_type() {
    let (text, paragraphs) = fixture::document(&[(Body, P1)]);
    let input = Input {
        date: None,
        text: &text,
        paragraphs: &paragraphs,
    };
    let mut index = Index::new();
    index.add(("b.html".to_string(), 3u32), signatures(&input));
    index.add(("a.html".to_string(), 7u32), signatures(&input));
    let links = index.finish();
    let keys: Vec<_> = links.documents().iter().map(|d| d.key.clone()).collect();
    assert_eq!(keys, [("a.html".to_string(), 7), ("b.html".to_string(), 3)]);
    let copy = links.get(&("b.html".to_string(), 3)).unwrap();
    assert_eq!(copy.reprint_of.as_ref().unwrap().canonical.0, "a.html");
}

#[test]
fn one_key_twice_is_never_linked() {
    check(&[original(), original()], &[]);
}

#[test]
fn merged_indexes_give_the_links_of_one() {
    let docs = || {
        let p2 = P2.replace("narrow", "crowded");
        [
            original(),
            doc("b", 4, &[(Body, P1), (Body, &p2), (Body, P3)]),
            doc("c", 5, &[(Body, QUOTE), (Body, P3)]),
        ]
    };
    let add = |index: &mut Index<&'static str>, d: &Doc| {
        let parts: Vec<(ParagraphRole, &str)> =
            d.parts.iter().map(|(r, t)| (*r, t.as_str())).collect();
        let (text, paragraphs) = fixture::document(&parts);
        let input = Input {
            date: d.date,
            text: &text,
            paragraphs: &paragraphs,
        };
        index.add(d.key, signatures(&input));
    };
    let [a, b, c] = docs();
    let mut left = Index::new();
    add(&mut left, &c);
    let mut right = Index::new();
    add(&mut right, &b);
    add(&mut right, &a);
    left.merge(right);
    assert_eq!(left.len(), 3);
    let merged = left.finish();
    assert_eq!(merged, run(&docs()));
    assert_eq!(merged.n_reprints(), 1);
    assert_eq!(merged.n_repeats(), 4);
}

#[test]
fn a_reprint_with_an_added_note_links() {
    let note = "This story was first published by the County Courier and is reprinted \
        here with permission; it has been lightly edited for length and style.";
    let reprint = doc(
        "b-reprint",
        7,
        &[(Body, P1), (Body, P2), (Body, P3), (Body, note)],
    );
    let links = run(&[reprint, original()]);
    let copy = links.get(&"b-reprint").unwrap();
    assert_eq!(copy.reprint_of.as_ref().unwrap().canonical, "a-original");
    assert_eq!(copy.repeats.len(), 3);
    assert!(copy.paragraph(3).is_none());
}

#[test]
fn verify_keeps_true_links_with_exact_similarities() {
    let p2 = P2.replace("narrow", "crowded");
    let reprint = doc("b", 4, &[(Body, P1), (Body, &p2), (Body, P3)]);
    let docs = [original(), reprint];
    let texts: Vec<(&str, (String, Vec<model::Paragraph>))> = docs
        .iter()
        .map(|d| {
            let parts: Vec<(ParagraphRole, &str)> =
                d.parts.iter().map(|(r, t)| (*r, t.as_str())).collect();
            (d.key, fixture::document(&parts))
        })
        .collect();
    let input = |key: &&str| {
        let (_, (text, paragraphs)) = texts.iter().find(|(k, _)| k == key)?;
        Some(Input {
            date: None,
            text,
            paragraphs,
        })
    };
    let mut links = run(&docs);
    links.verify(input);
    let copy = links.get(&"b").unwrap();
    let exact = crate::text_jaccard(P2, &p2) as f32;
    assert_eq!(copy.paragraph(1).unwrap().similarity, exact);
    assert!(copy.reprint_of.is_some());
    assert_eq!(copy.repeats.len(), 3);
    links.verify(|key| (*key == "b").then(|| input(key)).flatten());
    assert_eq!(links.n_reprints(), 0);
    assert_eq!(links.n_repeats(), 0);
}

#[test]
fn verify_falls_back_on_the_next_earliest_match() {
    let a = doc("a", 1, &[(Body, QUOTE)]);
    let b = doc("b", 2, &[(Body, P2), (Body, QUOTE)]);
    let c = doc("c", 3, &[(Body, P3), (Body, QUOTE)]);
    let mut links = run(&[c, b, a]);
    let link = links.get(&"c").unwrap().paragraph(1).unwrap();
    assert_eq!((link.canonical, link.canonical_paragraph_idx), ("a", 0));
    assert_eq!(link.also_in.len(), 1);
    assert_eq!(
        (link.also_in[0].doc, link.also_in[0].paragraph_idx),
        ("b", 1)
    );

    // The caller's text of "a" no longer holds the quotation: "c" falls back on "b".
    let texts = [
        ("a", fixture::document(&[(Body, P1)])),
        ("b", fixture::document(&[(Body, P2), (Body, QUOTE)])),
        ("c", fixture::document(&[(Body, P3), (Body, QUOTE)])),
    ];
    links.verify(|key| {
        let (_, (text, paragraphs)) = texts.iter().find(|(k, _)| k == key)?;
        Some(Input {
            date: None,
            text,
            paragraphs,
        })
    });
    let link = links.get(&"c").unwrap().paragraph(1).unwrap();
    assert_eq!((link.canonical, link.canonical_paragraph_idx), ("b", 1));
    assert_eq!(link.similarity, 1.0);
    assert!(links.get(&"b").unwrap().repeats.is_empty());
}
