//! The mentions stage: a [`model::Document`] in, the [`model::Mention`]s of its annotated
//! paragraphs (body, subtitle, caption) out, each with a kind (person, org, place,
//! group) and the rule that found it.
//!
//! ```
//! use model::{Document, EntityKind, Paragraph, ParagraphRole, Sentence, Span};
//! let text = "Gen. Ruth Okafor said the Harbor Defense Forces (HDF) left the town of Amel.";
//! let doc = Document {
//!     text: text.to_string(),
//!     paragraphs: vec![Paragraph { span: Span::new(0, text.len()), role: ParagraphRole::Body }],
//!     sentences: vec![Sentence { span: Span::new(0, text.len()), paragraph_idx: 0 }],
//!     ..Document::default()
//! };
//! let found: Vec<(&str, EntityKind)> = mentions::find(&doc, &kb::Kb::empty())
//!     .iter()
//!     .map(|m| (m.span.slice(&doc.text), m.kind))
//!     .collect();
//! assert_eq!(found, [
//!     ("Ruth Okafor", EntityKind::Person),
//!     ("Harbor Defense Forces", EntityKind::Org),
//!     ("HDF", EntityKind::Org),
//!     ("Amel", EntityKind::Place),
//! ]);
//! ```
//!
//! The mechanisms, in the order they run (one pass over each sentence's tokens, then one
//! over the document's candidates):
//!
//! 1. **Tokens** (module `token`): words with byte offsets and a *core*, the part that
//!    can be a name: possessives stripped ("Iran’s" → "Iran", "Hamas’" → "Hamas"),
//!    hyphenated lowercase parts left out ("Iran-backed" → "Iran", "pro-Iranian" →
//!    "Iranian", "ISIS-held" → "ISIS"), Arabic articles kept ("al-Amiri"), dots of
//!    initials kept ("U.S.", "E."), addresses skipped; a conjunction glued to a name's end
//!    ("Abu Qarwaniand Abu …") is cut off as a word of its own.
//! 2. **Name shape** (module `scan`): runs of capitalised words with their connectors
//!    inside (al, el, bin, ibn, ag, ould, de, wal; "of" or "for", with "the", after a
//!    head noun: "Ministry of Defense", "Institute for the Study of War"; "in" after a
//!    few heads: "Embassy in X"), a leading "al"; a possessive, a hyphenated compound or
//!    punctuation ends a run. Runs split where they hold several names: at titles, an
//!    acronym next to a name ("UN Mira Olsen"), a sect word before a name ("Sunni
//!    ISIS"), strings of demonyms ("Kurdish Iraqi").
//! 3. **Cues** (lexicons in module `lexicon`, closed classes only): titles and ranks
//!    mark the name after them as a person and their complement as the office's body
//!    ("Chairman of the Northland Joint Staff Gen. Tomas Rieger"); role nouns before a
//!    name and appositives after it (", the commander of", ", who") mark persons;
//!    organisational heads (Forces, Ministry, Party …) and "X movement" mark
//!    organisations, and so do transliterated heads that open a name ("Saraya X", "Liwa
//!    X", "Harakat X"), as "Deir X", "Kafr X" open a place's; a body's branch ("X ground
//!    forces") is a name of its own; place heads (Province, Air Base, Sea …), place nouns ("X
//!    province", "the town of X"), site nouns kept in the span ("X airport"), compass
//!    adjectives, place prepositions and verbs ("in X", "captured X") mark places;
//!    "X-backed", "X’s influence", "against X", "the government of X" mark an actor;
//!    laws, events, lists and designation categories are no entities.
//! 4. **Demonyms**: national adjectives by shape ("Iranian", "Lebanese", "Turkish") or
//!    from the knowledge base stand for the state (org) when they modify ("Iranian
//!    officials", "the Iranians make …"), for a group when they name people ("Iraqis",
//!    "Iraqi people", "to the Iraqis"); sect words are groups ("Sunni", "Shia"); a
//!    demonym with an armed-force noun is that state's force ("Iraqi army").
//! 5. **Acronyms** (module `acronym`): "Long Name (LN)", "Long Name, or LN,", "(LN-X)",
//!    "(LN/LNX)" and dash or slash chains, matched by Schwartz–Hearst and linked both
//!    ways; later bare short forms link to the expansion and take its kind; a short
//!    form of a lowercase or non-entity long form is a common noun everywhere.
//! 6. **Document decisions** (module `decide`): weak capitals (sentence starts,
//!    quotations, title-case stretches, words before a title or a stray "of") need
//!    corroboration; a single word the document also writes in lowercase is a common
//!    word; datelines are metadata; evidence is pooled per name (a country that acts
//!    anywhere is an org); a single word takes the kind of the full name it ends
//!    ("Suleimani") or stands in ("Badr"); the knowledge base's kinds, demonyms and
//!    capitals win; names the knowledge base knows whole are joined across lowercase
//!    connectors ("al-Qaeda in Iraq"); "X, also known as Y" (also "aka", "also spelled",
//!    a list of names after the cue) links Y to X when both are of one kind, so that
//!    resolution makes one entity of them.
//!
//! Names in other scripts are kept as mentions (their kind from the cues around them)
//! and are not resolved. Headlines and credit lines are metadata and give no mentions.

#![warn(missing_docs)]

mod acronym;
mod cand;
mod decide;
mod lexicon;
mod scan;
mod token;

use model::{Document, Mention};

/// Finds the mentions of a document's annotated paragraphs, sorted by start, never
/// overlapping, each inside one sentence.
///
/// Works with an empty knowledge base; a knowledge base adds kinds, demonyms and
/// capitals, and lets sentence-initial names it knows through.
pub fn find(doc: &Document, kb: &kb::Kb) -> Vec<Mention> {
    let text = doc.text.as_str();
    let mut toks: Vec<token::Token> = Vec::with_capacity(text.len() / 5 + 8);
    let mut sentences: Vec<(usize, usize, u32, bool)> = Vec::with_capacity(doc.sentences.len());
    for (idx, s) in doc.sentences.iter().enumerate() {
        let annotated = doc
            .paragraphs
            .get(s.paragraph_idx as usize)
            .is_some_and(|p| p.role.is_annotated());
        let (a, b) = (s.span.start as usize, s.span.end as usize);
        if !annotated
            || a >= b
            || b > text.len()
            || !text.is_char_boundary(a)
            || !text.is_char_boundary(b)
        {
            continue;
        }
        let lo = toks.len();
        token::tokenize(text, a, b, &mut toks);
        let hi = toks.len();
        match sentence_case(text, &toks[lo..hi]) {
            Case::Shouting => toks.truncate(lo),
            Case::Title => sentences.push((lo, hi, idx as u32, true)),
            Case::Normal => sentences.push((lo, hi, idx as u32, false)),
        }
    }
    let mut cands = Vec::new();
    let mut notes = acronym::Notes::default();
    for &(lo, hi, idx, title_case) in &sentences {
        let ctx = scan::SentenceCtx {
            text,
            toks: &toks,
            lo,
            hi,
            idx,
            title_case,
        };
        let from = cands.len();
        scan::candidates(&ctx, &mut cands);
        acronym::link_sentence(&ctx, &mut cands, from, &mut notes);
    }
    decide::decide(text, &toks, cands, &notes, kb)
}

/// How a sentence uses capitals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    /// Ordinary prose: a capital inside the sentence marks a name.
    Normal,
    /// Title case ("Why The Valley Will Never Surrender"): capitals mark nothing.
    Title,
    /// All capitals (a section heading, or two words in capitals of which one is longer
    /// than an acronym): no names are read from it.
    Shouting,
}

fn sentence_case(text: &str, toks: &[token::Token]) -> Case {
    use token::{ALLCAPS, CAP, LOWER};
    let mut n_words = 0;
    let mut n_allcaps = 0;
    let mut n_long = 0;
    let mut n_long_cap = 0;
    let mut longest_allcaps = 0;
    let mut content_lower = false;
    for t in toks.iter().filter(|t| t.is_word()) {
        n_words += 1;
        if t.has(ALLCAPS) {
            n_allcaps += 1;
            longest_allcaps = longest_allcaps.max(t.core_end - t.core_start);
        }
        let long = t.core_end - t.core_start >= 4;
        if t.has(LOWER) && !t.is(lexicon::FUNC | lexicon::NAME_LINK | lexicon::OF_LINK) {
            content_lower = true;
        }
        if long && !t.is(lexicon::FUNC) && (t.has(CAP) || t.has(LOWER)) {
            n_long += 1;
            if t.has(CAP) {
                n_long_cap += 1;
            }
        }
    }
    let _ = text;
    // a short heading ("SANCTIONS IMPLICATIONS"): every word in capitals, one of them
    // longer than acronyms run
    let short_heading = n_words >= 2 && n_allcaps == n_words && longest_allcaps >= 8;
    if short_heading || (n_allcaps >= 3 && n_allcaps * 10 >= n_words * 7) {
        Case::Shouting
    } else if !content_lower && n_long >= 4 && n_long_cap * 10 >= n_long * 8 {
        Case::Title
    } else {
        Case::Normal
    }
}

#[cfg(test)]
mod tests;
