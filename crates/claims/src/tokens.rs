//! The shallow syntactic layer: sentences cut into tokens, a mention one token carrying
//! its local entity, every other word tagged from closed-class lists and suffixes.

use model::{Document, EntityKind, Mention, Span};

/// A token's word class, as far as closed-class lists and suffixes tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    /// A mention of a named entity.
    Ent,
    /// A determiner or possessive pronoun (the, a, its, their …).
    Det,
    /// A preposition.
    Prep,
    /// A form of be, have or do.
    Aux,
    /// A modal verb (may, could, would, will …).
    Modal,
    /// A negation (not, never, n't).
    Neg,
    /// A personal pronoun (he, it, they …).
    Pron,
    /// A relative pronoun (who, which, whom, whose).
    Rel,
    /// A coordinating or subordinating conjunction.
    Conj,
    /// An adverb (-ly words and a list).
    Adv,
    /// A number, in digits or words.
    Num,
    /// A clause-breaking punctuation mark (, ; : ( ) — …).
    Punct,
    /// A quotation mark.
    Quote,
    /// The possessive `'s` (or a lone apostrophe after a plural).
    Poss,
    /// A hyphen inside a compound ("Iranian-backed").
    Hyphen,
    /// Any other word: a noun, verb or adjective.
    Word,
}

/// The entity a mention token names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ent {
    /// Its local entity, an index into [`resolve::DocEntities::entities`].
    pub local: u32,
    /// The mention, an index into the document's mentions.
    pub mention: u32,
    /// The local entity's kind.
    pub kind: EntityKind,
    /// Whether the entity is a state (an org that the knowledge base gives a capital or
    /// demonyms), which can also be the place something happens in.
    pub state: bool,
    /// For a place named as a state's capital, the state's local entity and first
    /// mention (when the document names the state): the capital as a metonym.
    pub capital_of: Option<(u32, u32)>,
    /// For a name that opens with another entity's name and a hyphenated word ("U.S.-led
    /// coalition", "Iran-backed Houthis"): that entity's local index and first mention,
    /// and the word after the hyphen.
    pub name_modifier: Option<(u32, u32, &'static str)>,
    /// Whether it is an organisation named only by a national adjective or demonym
    /// ("the Varanese foreign minister") that no state the document names backs: it
    /// stands for a state the text does not name, so it is no claim's object.
    pub demonym: bool,
}

impl Ent {
    /// Whether it can be where something happens: a place, or a state.
    pub fn is_place_like(self) -> bool {
        self.kind == EntityKind::Place || self.state
    }
}

/// One token of a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// Where it stands in the document's text.
    pub span: Span,
    /// Its text, lowercased (for a mention, the surface lowercased).
    pub lower: String,
    /// Its tag.
    pub tag: Tag,
    /// For a mention, its entity.
    pub ent: Option<Ent>,
    /// Whether it follows the previous token with no space between.
    pub glued: bool,
    /// Whether it starts with a capital letter.
    pub cap: bool,
}

impl Token {
    /// Whether it is this word (lowercase).
    pub fn is(&self, word: &str) -> bool {
        self.lower == word
    }

    /// Whether it is one of these words (lowercase).
    pub fn is_any(&self, words: &[&str]) -> bool {
        words.contains(&self.lower.as_str())
    }
}

/// A sentence, tokenized.
#[derive(Debug, Clone, PartialEq)]
pub struct Sent {
    /// Its index in [`Document::sentences`].
    pub idx: u32,
    /// Its paragraph's index.
    pub paragraph: u32,
    /// Where it stands in the document's text.
    pub span: Span,
    /// Whether its paragraph is one later stages read (body, subtitle, caption).
    pub annotated: bool,
    /// Its tokens, in order.
    pub toks: Vec<Token>,
}

/// Tokenizes every sentence of the document (each entry of the result is the sentence of
/// the same index). Mentions that are out of range, off char boundaries, overlapping an
/// earlier one or whose entity is unknown are left as plain words.
pub fn tokenize_document(
    doc: &Document,
    mentions: &[Mention],
    local: &resolve::DocEntities,
    kb: &kb::Kb,
) -> Vec<Sent> {
    let mut by_sentence: Vec<Vec<(usize, usize, u32)>> = vec![Vec::new(); doc.sentences.len()];
    for (i, m) in mentions.iter().enumerate() {
        if let Some(list) = by_sentence.get_mut(m.sentence_idx as usize) {
            list.push((m.span.start as usize, m.span.end as usize, i as u32));
        }
    }

    let demonyms = demonym_states(mentions, local);
    let mut sents: Vec<Sent> = doc
        .sentences
        .iter()
        .enumerate()
        .map(|(idx, s)| {
            let annotated = doc
                .paragraphs
                .get(s.paragraph_idx as usize)
                .is_some_and(|p| p.role.is_annotated());
            let mut ms = std::mem::take(&mut by_sentence[idx]);
            ms.sort_unstable();
            let ents = |m: u32| entity_of(m, local, kb, &demonyms);
            Sent {
                idx: idx as u32,
                paragraph: s.paragraph_idx,
                span: s.span,
                annotated,
                toks: tokenize(&doc.text, s.span, &ms, &ents),
            }
        })
        .collect();
    founded_are_bodies(&mut sents);
    sents
}

/// Verbs whose object is an organisation being created.
const FOUNDING: &[&str] = &["founded", "established", "created", "formed", "cofounded"];

/// A name that the document says someone founded ("Bashiri founded Saraya al-Nasr") is an
/// organisation, whatever its shape made of it: its tokens become an org's, so that "he"
/// does not stand for it and "it" can.
fn founded_are_bodies(sents: &mut [Sent]) {
    let mut bodies: Vec<u32> = Vec::new();
    for s in sents.iter() {
        for (i, t) in s.toks.iter().enumerate() {
            if t.tag != Tag::Word || !t.is_any(FOUNDING) || i == 0 {
                continue;
            }
            // active: a name or pronoun before, not "was founded by"
            let before = &s.toks[i - 1];
            if !matches!(before.tag, Tag::Ent | Tag::Pron | Tag::Adv) {
                continue;
            }
            let mut k = i + 1;
            if s.toks.get(k).is_some_and(|n| n.is("the")) {
                k += 1;
            }
            let Some(e) = s.toks.get(k).and_then(|n| n.ent) else {
                continue;
            };
            let closes = s.toks.get(k + 1).is_none_or(|n| n.tag != Tag::Ent);
            if e.kind == EntityKind::Person && closes && !bodies.contains(&e.local) {
                bodies.push(e.local);
            }
        }
    }
    if bodies.is_empty() {
        return;
    }
    for t in sents.iter_mut().flat_map(|s| s.toks.iter_mut()) {
        if let Some(e) = t.ent.as_mut().filter(|e| bodies.contains(&e.local)) {
            e.kind = EntityKind::Org;
        }
    }
}

fn is_state_entry(kb: &kb::Kb, id: kb::EntryId) -> bool {
    (id.0 as usize) < kb.len() && {
        let entry = kb.entry(id);
        entry.kind == EntityKind::Org && (entry.capital.is_some() || !entry.demonyms.is_empty())
    }
}

/// What a local entity named only by demonyms stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DemonymOf {
    /// It is no such entity.
    Nothing,
    /// The state the document names by the demonym's stem ("Varanese" for "Varan"): its
    /// local entity and first mention.
    State(u32, u32),
    /// No entity of the document: a state the text does not name.
    Unnamed,
}

/// Endings that make a demonym of a state's name ("Varan" → "Varanese", "Korvath" →
/// "Korvathi", "Tessaly" → "Tessalian").
const DEMONYM_ENDINGS: &[&str] = &["ese", "i", "ian", "an", "n", "ish", "is", "ians", "ans"];

/// Whether `demonym` is the name `state` with a demonym's ending, the name's final vowel
/// or "y" dropped or kept.
fn demonym_of_name(demonym: &str, state: &str) -> bool {
    let d = demonym.to_lowercase();
    let n = state.to_lowercase();
    let d = d.strip_prefix("the ").unwrap_or(&d);
    if n.len() < 3 || n.contains(' ') {
        return false;
    }
    let stems = [
        Some(n.as_str()),
        n.strip_suffix(['y', 'a', 'e']).filter(|s| s.len() >= 3),
    ];
    let linked = stems.into_iter().flatten().any(|stem| {
        d.strip_prefix(stem)
            .is_some_and(|rest| DEMONYM_ENDINGS.contains(&rest))
    });
    linked
}

/// For each local entity, what it stands for when it is an organisation the knowledge
/// base does not know and every one of its mentions is a demonym.
fn demonym_states(mentions: &[Mention], local: &resolve::DocEntities) -> Vec<DemonymOf> {
    local
        .entities
        .iter()
        .enumerate()
        .map(|(l, e)| {
            let only_demonyms = !e.mentions.is_empty()
                && e.mentions.iter().all(|&(m, _)| {
                    mentions
                        .get(m as usize)
                        .is_some_and(|m| m.rule == model::MentionRule::Demonym)
                });
            // a known name is no bare demonym ("the Houthis" in the knowledge base)
            if e.kind != EntityKind::Org || e.kb_entry.is_some() || !only_demonyms {
                return DemonymOf::Nothing;
            }
            let state = local.entities.iter().enumerate().find_map(|(i, o)| {
                let named = i != l
                    && matches!(o.kind, EntityKind::Org | EntityKind::Place)
                    && o.names.iter().any(|on| {
                        e.names
                            .iter()
                            .any(|dn| demonym_of_name(&dn.surface, &on.surface))
                    });
                named.then(|| o.mentions.first().map(|&(m, _)| (i as u32, m)))?
            });
            match state {
                Some((i, m)) => DemonymOf::State(i, m),
                None => DemonymOf::Unnamed,
            }
        })
        .collect()
}

fn entity_of(
    mention: u32,
    local: &resolve::DocEntities,
    kb: &kb::Kb,
    demonyms: &[DemonymOf],
) -> Option<Ent> {
    let l = *local.entity_of_mention.get(mention as usize)?;
    let e = local.entities.get(l as usize)?;
    match demonyms.get(l as usize) {
        Some(&DemonymOf::State(local, mention)) => {
            return Some(Ent {
                local,
                mention,
                kind: EntityKind::Org,
                state: true,
                capital_of: None,
                name_modifier: None,
                demonym: false,
            });
        }
        Some(DemonymOf::Unnamed) => {
            return Some(Ent {
                local: l,
                mention,
                kind: e.kind,
                state: false,
                capital_of: None,
                name_modifier: None,
                demonym: true,
            });
        }
        _ => {}
    }
    let state = e.kind == EntityKind::Org && e.kb_entry.is_some_and(|id| is_state_entry(kb, id));
    Some(Ent {
        local: l,
        mention,
        kind: e.kind,
        state,
        capital_of: capital_of(e, local, kb),
        name_modifier: name_modifier(l, e, local, kb),
        demonym: false,
    })
}

/// A name of the shape "X-word rest" whose X the document names as another entity:
/// that entity and the (lowercase, lexicon-interned) word.
fn name_modifier(
    l: u32,
    e: &resolve::LocalEntity,
    local: &resolve::DocEntities,
    kb: &kb::Kb,
) -> Option<(u32, u32, &'static str)> {
    e.names.iter().find_map(|n| {
        let (head, rest) = n.surface.split_once('-')?;
        let word = rest.split_whitespace().next()?;
        if rest.split_whitespace().count() < 2 || head.is_empty() {
            return None;
        }
        let word = crate::lexicon::Lexicon::builtin().modifier_word(&word.to_lowercase())?;
        let ids: Vec<kb::EntryId> = kb.lookup_name(head).iter().map(|m| m.id).collect();
        let key = kb::normalize(head);
        local.entities.iter().enumerate().find_map(|(i, other)| {
            let named = other.kb_entry.is_some_and(|id| ids.contains(&id))
                || other.names.iter().any(|o| kb::normalize(&o.surface) == key);
            let first = other.mentions.first()?.0;
            (named && i as u32 != l).then_some((i as u32, first, word))
        })
    })
}

/// For a place named as a state's capital ("Washington", "Ankara"), the state's local
/// entity and first mention, when the document names the state too.
fn capital_of(
    e: &resolve::LocalEntity,
    local: &resolve::DocEntities,
    kb: &kb::Kb,
) -> Option<(u32, u32)> {
    if e.kind != EntityKind::Place {
        return None;
    }
    e.names.iter().find_map(|n| {
        kb.lookup_name(&n.surface)
            .iter()
            .filter(|m| m.name_kind == kb::NameKind::Capital && is_state_entry(kb, m.id))
            .find_map(|m| {
                local.entities.iter().enumerate().find_map(|(i, s)| {
                    let first = s.mentions.first()?.0;
                    (s.kb_entry == Some(m.id)).then_some((i as u32, first))
                })
            })
    })
}

impl Ent {
    /// The entity that acts when this one is named in an actor's place: a capital's
    /// state ("Washington warned"), else itself.
    pub fn as_actor(self) -> Ent {
        match self.capital_of {
            Some((local, mention)) => Ent {
                local,
                mention,
                kind: EntityKind::Org,
                state: true,
                capital_of: None,
                name_modifier: None,
                demonym: false,
            },
            None => self,
        }
    }
}

/// Tokenizes `text[span]`; `mentions` are (start, end, index) sorted by start.
pub fn tokenize(
    text: &str,
    span: Span,
    mentions: &[(usize, usize, u32)],
    ent_of: &dyn Fn(u32) -> Option<Ent>,
) -> Vec<Token> {
    let (lo, hi) = (span.start as usize, span.end as usize);
    let mut toks = Vec::new();
    if lo > hi || hi > text.len() || !text.is_char_boundary(lo) || !text.is_char_boundary(hi) {
        return toks;
    }
    let mut ms = mentions
        .iter()
        .filter(|&&(a, b, _)| {
            a >= lo && b <= hi && a < b && text.is_char_boundary(a) && text.is_char_boundary(b)
        })
        .peekable();
    let mut pos = lo;
    let mut last_end = usize::MAX;
    while pos < hi {
        while ms.peek().is_some_and(|&&(a, _, _)| a < pos) {
            ms.next();
        }
        if let Some(&&(a, b, m)) = ms.peek() {
            if a == pos {
                ms.next();
                if let Some(ent) = ent_of(m) {
                    push(&mut toks, text, pos, b, Tag::Ent, Some(ent), last_end);
                    last_end = b;
                    pos = b;
                    continue;
                }
            }
        }
        let Some(c) = text[pos..].chars().next() else {
            break;
        };
        if c.is_whitespace() {
            pos += c.len_utf8();
            continue;
        }
        let end = token_end(text, pos, hi);
        let tag = tag_of(&text[pos..end], toks.last());
        push(&mut toks, text, pos, end, tag, None, last_end);
        last_end = end;
        pos = end;
    }
    toks
}

fn push(
    toks: &mut Vec<Token>,
    text: &str,
    a: usize,
    b: usize,
    tag: Tag,
    ent: Option<Ent>,
    last_end: usize,
) {
    let surface = &text[a..b];
    toks.push(Token {
        span: Span::new(a, b),
        lower: normalize_quotes(&surface.to_lowercase()),
        tag,
        ent,
        glued: last_end == a,
        cap: surface.chars().next().is_some_and(char::is_uppercase),
    });
}

fn normalize_quotes(s: &str) -> String {
    s.replace('\u{2019}', "'")
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// The end of the token starting at `pos` (a non-space char): a word (letters, digits,
/// inner apostrophes and dots of abbreviations, digit groups), a possessive `'s`, or one
/// punctuation character.
fn token_end(text: &str, pos: usize, hi: usize) -> usize {
    let rest = &text[pos..hi];
    let mut chars = rest.char_indices().peekable();
    let Some((_, first)) = chars.next() else {
        return hi;
    };
    if is_apostrophe(first) {
        let mut it = rest[first.len_utf8()..].chars();
        if matches!(it.next(), Some('s' | 'S')) && !it.next().is_some_and(char::is_alphanumeric) {
            return pos + first.len_utf8() + 1;
        }
        return pos + first.len_utf8();
    }
    if !first.is_alphanumeric() {
        return pos + first.len_utf8();
    }
    let mut end = pos + first.len_utf8();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let inner = match c {
            _ if c.is_alphanumeric() => true,
            '.' => {
                let so_far = &rest[..i];
                let initials =
                    so_far.contains('.') && so_far.chars().all(|x| x.is_alphabetic() || x == '.');
                (next.is_some_and(|n| n.is_alphanumeric())
                    && so_far.chars().all(|x| x.is_alphanumeric() || x == '.')
                    && so_far.len() <= 3)
                    || (initials && !next.is_some_and(char::is_alphanumeric))
            }
            ',' => {
                next.is_some_and(|n| n.is_ascii_digit())
                    && rest[..i].chars().all(|x| x.is_ascii_digit() || x == ',')
            }
            _ if is_apostrophe(c) => {
                let possessive = matches!(next, Some('s' | 'S'))
                    && !rest[i + c.len_utf8() + 1..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric);
                next.is_some_and(char::is_alphabetic) && !possessive
            }
            _ => false,
        };
        if !inner {
            break;
        }
        end = pos + i + c.len_utf8();
    }
    end
}

const DETS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "my",
    "your", "some", "any", "all", "both", "each", "several", "many", "other", "another", "such",
    "every", "most", "few", "various", "numerous", "own",
];
const PREPS: &[&str] = &[
    "of",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "from",
    "to",
    "into",
    "against",
    "under",
    "over",
    "after",
    "before",
    "during",
    "since",
    "between",
    "among",
    "amongst",
    "through",
    "across",
    "throughout",
    "inside",
    "near",
    "around",
    "about",
    "via",
    "without",
    "within",
    "toward",
    "towards",
    "upon",
    "behind",
    "beyond",
    "along",
    "alongside",
    "amid",
    "despite",
    "outside",
    "onto",
    "per",
    "than",
    "like",
    "including",
    "following",
    "until",
    "till",
];
const AUX: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having", "do",
    "does", "did", "'s", "'re", "'ve",
];
const MODALS: &[&str] = &[
    "may", "might", "could", "would", "should", "will", "can", "must", "shall", "'ll", "'d",
];
const NEGS: &[&str] = &["not", "never", "n't", "no", "nor", "neither"];
const PRONS: &[&str] = &[
    "he",
    "she",
    "it",
    "they",
    "him",
    "them",
    "we",
    "us",
    "i",
    "you",
    "himself",
    "herself",
    "itself",
    "themselves",
];
const RELS: &[&str] = &["who", "which", "whom", "whose"];
const CONJS: &[&str] = &[
    "and", "or", "but", "while", "whereas", "although", "though", "because", "if", "when", "where",
    "unless", "whether", "so", "yet", "as", "once", "then",
];
const ADVS: &[&str] = &[
    "also",
    "still",
    "already",
    "even",
    "just",
    "now",
    "then",
    "often",
    "again",
    "soon",
    "later",
    "long",
    "once",
    "too",
    "very",
    "ever",
    "perhaps",
    "indeed",
    "however",
    "thus",
    "since",
    "yet",
    "almost",
    "further",
    "together",
    "jointly",
    "nominally",
    "reportedly",
    "allegedly",
    "apparently",
    "subsequently",
    "previously",
    "currently",
    "formerly",
    "recently",
    "directly",
    "openly",
    "secretly",
    "heavily",
    "largely",
    "mainly",
    "only",
    "first",
    "eventually",
    "repeatedly",
    "reputedly",
    "purportedly",
    "supposedly",
    "thereupon",
    "meanwhile",
    "afterwards",
    "later",
    "soon",
];
const NUM_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "fifteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "dozen",
    "dozens",
    "million",
    "millions",
];

fn tag_of(surface: &str, prev: Option<&Token>) -> Tag {
    let lower = normalize_quotes(&surface.to_lowercase());
    let w = lower.as_str();
    let Some(first) = w.chars().next() else {
        return Tag::Punct;
    };
    if w == "'s" || w == "'" {
        return if prev.is_some_and(|p| matches!(p.tag, Tag::Ent | Tag::Word)) {
            Tag::Poss
        } else {
            Tag::Quote
        };
    }
    if !first.is_alphanumeric() {
        return match w {
            "-" | "\u{2010}" | "\u{2011}" => Tag::Hyphen,
            "\"" | "\u{201c}" | "\u{201d}" | "\u{2018}" | "\u{ab}" | "\u{bb}" => Tag::Quote,
            _ => Tag::Punct,
        };
    }
    if w.chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return Tag::Num;
    }
    let lists: [(&[&str], Tag); 10] = [
        (DETS, Tag::Det),
        (PREPS, Tag::Prep),
        (AUX, Tag::Aux),
        (MODALS, Tag::Modal),
        (NEGS, Tag::Neg),
        (PRONS, Tag::Pron),
        (RELS, Tag::Rel),
        (CONJS, Tag::Conj),
        (ADVS, Tag::Adv),
        (NUM_WORDS, Tag::Num),
    ];
    for (list, tag) in lists {
        if list.contains(&w) {
            return tag;
        }
    }
    if w.ends_with("n't") {
        return Tag::Neg;
    }
    if w.len() > 4 && w.ends_with("ly") && !w.ends_with("ally") {
        return Tag::Adv;
    }
    if w.len() > 6 && w.ends_with("ally") {
        return Tag::Adv;
    }
    Tag::Word
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str, mentions: &[(usize, usize, u32)]) -> Vec<(String, Tag)> {
        let ent = |m: u32| {
            Some(Ent {
                local: m,
                mention: m,
                kind: EntityKind::Org,
                state: false,
                capital_of: None,
                name_modifier: None,
                demonym: false,
            })
        };
        tokenize(text, Span::new(0, text.len()), mentions, &ent)
            .into_iter()
            .map(|t| (t.lower, t.tag))
            .collect()
    }

    #[test]
    fn mentions_are_one_token_and_possessives_split() {
        let t = toks(
            "Vela’s Harbor Front didn't attack.",
            &[(0, 4, 0), (9, 21, 1)],
        );
        let words: Vec<&str> = t.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(
            words,
            ["vela", "'s", "harbor front", "didn't", "attack", "."]
        );
        assert_eq!(t[1].1, Tag::Poss);
        assert_eq!(t[3].1, Tag::Neg);
        assert_eq!(t[2].1, Tag::Ent);
    }

    #[test]
    fn compounds_split_at_hyphens_and_numbers_keep_groups() {
        let t = toks(
            "Vela-backed units killed 1,400 in the U.S. raid",
            &[(0, 4, 0)],
        );
        let tags: Vec<Tag> = t.iter().map(|(_, g)| *g).collect();
        assert_eq!(
            tags,
            [
                Tag::Ent,
                Tag::Hyphen,
                Tag::Word,
                Tag::Word,
                Tag::Word,
                Tag::Num,
                Tag::Prep,
                Tag::Det,
                Tag::Word,
                Tag::Word
            ]
        );
        assert_eq!(t[8].0, "u.s.");
    }

    #[test]
    fn bad_mention_spans_are_ignored() {
        let t = toks("é abc", &[(1, 3, 0), (4, 99, 1)]);
        assert_eq!(t.len(), 2);
    }
}
