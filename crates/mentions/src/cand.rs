//! Candidates: spans that may be names, with the evidence gathered around them, before
//! the document-level decisions of [`crate::decide`].

use model::{EntityKind, MentionRule};

/// A title or rank, or a lowercase role noun, stands right before the name.
pub(crate) const E_TITLE: u64 = 1;
/// An appositive or relative clause after it describes a person (", the commander of").
pub(crate) const E_APPOS_PERSON: u64 = 1 << 1;
/// An appositive after it describes a place (", a town of").
pub(crate) const E_APPOS_PLACE: u64 = 1 << 2;
/// An appositive after it describes an organisation (", a militia").
pub(crate) const E_APPOS_ORG: u64 = 1 << 3;
/// Its head is an organisation head noun ("… Forces").
pub(crate) const E_ORG_HEAD: u64 = 1 << 4;
/// Its head is a place head noun ("… Province") or it takes a site noun ("… airport").
pub(crate) const E_PLACE_HEAD: u64 = 1 << 5;
/// Its head is a state head noun ("… Republic", "Kingdom of …").
pub(crate) const E_STATE_HEAD: u64 = 1 << 6;
/// It is a single body named by a common word ("Congress").
pub(crate) const E_NAMED_BODY: u64 = 1 << 7;
/// A lowercase place noun stands next to it ("X province", "the town of X").
pub(crate) const E_PLACE_NOUN: u64 = 1 << 8;
/// A place preposition stands before it ("in X").
pub(crate) const E_PREP: u64 = 1 << 9;
/// A compass adjective stands before it ("northern X").
pub(crate) const E_COMPASS: u64 = 1 << 10;
/// It acts: "X-backed", "X’s influence", "X fighters".
pub(crate) const E_ACTOR: u64 = 1 << 11;
/// "X-based": a place.
pub(crate) const E_PLACE_SUFFIX: u64 = 1 << 12;
/// A verb of speech follows it, or "according to" precedes it.
pub(crate) const E_SPEECH: u64 = 1 << 13;
/// "the" stands before it.
pub(crate) const E_THE: u64 = 1 << 14;
/// Two to five capitalised words with nothing of an organisation or place about them.
pub(crate) const E_PERSON_SHAPE: u64 = 1 << 15;
/// Shaped like an organisation or place: an organisation modifier first, "of" inside,
/// digits.
pub(crate) const E_ORG_SHAPE: u64 = 1 << 16;
/// An acronym.
pub(crate) const E_ACRONYM: u64 = 1 << 17;
/// Arabic name particles inside ("Abu", "bin", "ibn"), or an initial ("E.").
pub(crate) const E_PERSON_PARTS: u64 = 1 << 18;
/// Its first word stands first in a sentence, a quotation or a parenthesis: its capital
/// may be the position's.
pub(crate) const E_WEAK: u64 = 1 << 19;
/// Its sentence is written in title case: every capital is weak.
pub(crate) const E_TITLE_CASE: u64 = 1 << 20;
/// An "a" or "an" stands before it.
pub(crate) const E_INDEFINITE: u64 = 1 << 21;
/// Followed by a lowercase word that it modifies ("Iranian influence").
pub(crate) const E_MODIFIER: u64 = 1 << 22;
/// Followed by a noun of equipment: a product's name ("Falcon helicopters").
pub(crate) const E_EQUIPMENT: u64 = 1 << 23;
/// Right before a title ("Hidden Imam"): a capital that may belong to the title.
pub(crate) const E_BEFORE_TITLE: u64 = 1 << 24;
/// One word before "of" and a name that did not join it ("Gate of Dawn").
pub(crate) const E_BEFORE_OF: u64 = 1 << 25;
/// After "also known as": another name of the name before it.
pub(crate) const E_ALIAS: u64 = 1 << 26;
/// The long form of an acronym: an organisation or a place, never a person.
pub(crate) const E_EXPANSION: u64 = 1 << 27;
/// A preposition that often stands before a place ("from X", "at X").
pub(crate) const E_PREP_WEAK: u64 = 1 << 28;
/// A publication: "wrote in X", "published in X".
pub(crate) const E_OUTLET: u64 = 1 << 29;
/// Holds a sect word and no head: a group ("Arab Sunnis").
pub(crate) const E_SECT: u64 = 1 << 30;
/// Listed with names of bodies ("Tesh Mining, Orel Holdings SA, and …").
pub(crate) const E_LIST_ORG: u64 = 1 << 31;
/// "against X", "the government of X": X is a party, not a territory.
pub(crate) const E_PARTY: u64 = 1 << 32;

/// A span that may be a name.
#[derive(Debug, Clone)]
pub(crate) struct Cand {
    /// First byte of the span in the document's text.
    pub start: u32,
    /// End of the span (exclusive).
    pub end: u32,
    /// First token (index into the document's tokens) of the name's words.
    pub t0: u32,
    /// End of the name's tokens (exclusive).
    pub t1: u32,
    /// Index of the sentence.
    pub sentence: u32,
    /// First token of the sentence.
    pub s_lo: u32,
    /// End of the sentence's tokens (exclusive).
    pub s_hi: u32,
    /// Whether the sentence is in title case.
    pub s_title_case: bool,
    /// Evidence bits (`E_*`).
    pub ev: u64,
    /// The mechanism that found it.
    pub rule: MentionRule,
    /// A kind the mechanism settles by itself (demonyms, sects, population phrases).
    pub fixed: Option<EntityKind>,
    /// For an acronym, the candidate it abbreviates, and the other way round.
    pub link: Option<u32>,
    /// Left out of the output.
    pub drop: bool,
}

impl Cand {
    /// Whether it has evidence `e`.
    pub fn has(&self, e: u64) -> bool {
        self.ev & e != 0
    }

    /// Number of name tokens.
    pub fn n_tokens(&self) -> u32 {
        self.t1 - self.t0
    }

    /// Its text.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start as usize..self.end as usize]
    }
}
