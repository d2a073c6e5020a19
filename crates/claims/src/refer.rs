//! Reference: a pronoun or a definite description ("the militia", "he", "the group")
//! resolved to the nearest fitting named entity of the same or the previous sentence.
//! A phrase no named entity fits stays unresolved, and gives no claim.

use crate::tokens::{Ent, Sent, Tag, Token};
use model::EntityKind;

/// What kind of entity a referring phrase can stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wants {
    /// A person ("he", "the general").
    Person,
    /// An organisation, not a state ("the militia", "the group").
    Body,
    /// An organisation or a state ("it", "they").
    OrgOrState,
    /// A place ("the town").
    Place,
}

const BODY_NOUNS: &[&str] = &[
    "group",
    "militia",
    "militias",
    "organization",
    "organisation",
    "movement",
    "army",
    "party",
    "brigade",
    "brigades",
    "faction",
    "network",
    "unit",
    "battalion",
    "division",
    "corps",
    "outfit",
    "coalition",
    "alliance",
    "agency",
    "ministry",
    "force",
    "forces",
    "council",
    "regiment",
    "front",
    "guard",
    "service",
    "department",
    "company",
    "court",
    "committee",
    "office",
];
const STATE_NOUNS: &[&str] = &["government", "regime", "administration", "country", "state"];
const PERSON_NOUNS: &[&str] = &[
    "president",
    "minister",
    "general",
    "commander",
    "leader",
    "cleric",
    "chief",
    "official",
    "spokesman",
    "spokeswoman",
    "ambassador",
    "envoy",
    "premier",
    "sheikh",
    "ayatollah",
    "colonel",
    "founder",
    "emir",
];
const PLACE_NOUNS: &[&str] = &[
    "city", "town", "village", "province", "region", "district", "area", "base", "capital",
];

/// What a head noun of a definite description stands for, if it names a kind.
pub fn noun_wants(noun: &str) -> Option<Wants> {
    if BODY_NOUNS.contains(&noun) {
        Some(Wants::Body)
    } else if STATE_NOUNS.contains(&noun) {
        Some(Wants::OrgOrState)
    } else if PERSON_NOUNS.contains(&noun) {
        Some(Wants::Person)
    } else if PLACE_NOUNS.contains(&noun) {
        Some(Wants::Place)
    } else {
        None
    }
}

fn pronoun_wants(word: &str) -> Option<Wants> {
    match word {
        "he" | "him" | "his" | "she" | "her" | "himself" | "herself" => Some(Wants::Person),
        "it" | "its" | "itself" => Some(Wants::OrgOrState),
        "they" | "them" | "their" | "themselves" => Some(Wants::Body),
        _ => None,
    }
}

fn fits(e: Ent, wants: Wants) -> bool {
    match wants {
        Wants::Person => e.kind == EntityKind::Person,
        Wants::Body => e.kind == EntityKind::Org && !e.state,
        Wants::OrgOrState => e.kind == EntityKind::Org,
        Wants::Place => e.kind == EntityKind::Place,
    }
}

/// A referring phrase ending at token `end` (inclusive) of `toks`: a pronoun, or
/// `the|this|that [words] NOUN`. Returns what it wants and its first token.
pub fn referring_phrase(toks: &[Token], end: usize) -> Option<(Wants, usize)> {
    let t = toks.get(end)?;
    if matches!(t.tag, Tag::Pron | Tag::Det) {
        return pronoun_wants(&t.lower).map(|w| (w, end));
    }
    if t.tag != Tag::Word {
        return None;
    }
    let wants = noun_wants(&t.lower)?;
    let mut k = end;
    for _ in 0..3 {
        let prev = toks.get(k.checked_sub(1)?)?;
        if prev.is_any(&["the", "this", "that"]) {
            return Some((wants, k - 1));
        }
        if !matches!(prev.tag, Tag::Word | Tag::Hyphen | Tag::Ent) || prev.cap && prev.ent.is_none()
        {
            return None;
        }
        k -= 1;
    }
    None
}

/// The entity a referring phrase at token `start` of sentence `cur` stands for: the
/// nearest fitting entity earlier in the sentence, else the first fitting one of the
/// previous sentence of the same paragraph (its likely subject), preferring one whose
/// name contains the description's head noun. `avoid` is an entity the phrase cannot be
/// (the claim's other side). Returns the entity and whether it came from the previous
/// sentence.
pub fn resolve(
    sents: &[Sent],
    cur: usize,
    start: usize,
    head: &str,
    wants: Wants,
    avoid: Option<u32>,
) -> Option<(Ent, bool)> {
    let ok = |e: &Ent| fits(*e, wants) && Some(e.local) != avoid;
    let sent = sents.get(cur)?;
    // a possessor ("Varan's army … it") is not what a later pronoun stands for
    let toks = &sent.toks[..start.min(sent.toks.len())];
    let same: Vec<Ent> = toks
        .iter()
        .enumerate()
        .rev()
        .filter(|(i, _)| !toks.get(i + 1).is_some_and(|n| n.tag == Tag::Poss))
        .filter_map(|(_, t)| t.ent)
        .filter(ok)
        .collect();
    // "the brigades": a plural description names no one unless a name has its head
    let strict = head.ends_with('s') && BODY_NOUNS.contains(&head);
    if let Some(e) = pick(&same, head, sent, strict) {
        return Some((e, false));
    }
    let prev = sents.get(cur.checked_sub(1)?)?;
    if prev.paragraph != sent.paragraph || !prev.annotated {
        return None;
    }
    // a pronoun continues the last clause: ", and X founded …. He …" is X
    if pronoun_wants(head).is_some() {
        let toks = &prev.toks;
        let last_clause = (1..toks.len())
            .rev()
            .find(|&b| (toks[b].is_any(&["and", "but"]) && toks[b - 1].is(",")) || toks[b].is(";"));
        let subject = last_clause
            .and_then(|b| toks.get(b + 1))
            .and_then(|t| t.ent)
            .filter(|e| ok(e))
            .filter(|_| last_clause.is_some_and(|b| args_follow(toks, b + 1)));
        if let Some(e) = subject {
            return Some((e, true));
        }
    }
    // the previous sentence's likely subject first: a name outside prepositional phrases
    let in_phrase = |i: usize| {
        let mut k = i;
        while k > 0 && prev.toks[k - 1].tag == Tag::Det {
            k -= 1;
        }
        k > 0 && prev.toks[k - 1].tag == Tag::Prep
    };
    let mut earlier: Vec<(bool, Ent)> = prev
        .toks
        .iter()
        .enumerate()
        .filter(|(i, _)| !prev.toks.get(i + 1).is_some_and(|n| n.tag == Tag::Poss))
        .filter_map(|(i, t)| t.ent.map(|e| (in_phrase(i), e)))
        .filter(|(_, e)| ok(e))
        .collect();
    earlier.sort_by_key(|&(p, _)| p);
    let earlier: Vec<Ent> = earlier.into_iter().map(|(_, e)| e).collect();
    pick(&earlier, head, prev, strict).map(|e| (e, true))
}

/// The first candidate whose surface contains the head noun (or its singular), else, unless
/// `strict`, the first.
fn pick(cands: &[Ent], head: &str, sent: &Sent, strict: bool) -> Option<Ent> {
    let singular = head.strip_suffix('s').unwrap_or(head);
    let named = cands.iter().find(|e| {
        sent.toks.iter().any(|t| {
            t.ent.is_some_and(|x| x.local == e.local)
                && t.lower.split(' ').any(|w| w == head || w == singular)
        })
    });
    if strict {
        return named.copied();
    }
    named.or(cands.first()).copied()
}

/// Whether the name at `k` is a clause's subject: a verb group follows it.
fn args_follow(toks: &[Token], k: usize) -> bool {
    toks.get(k + 1)
        .is_some_and(|n| matches!(n.tag, Tag::Word | Tag::Aux | Tag::Modal | Tag::Adv) && !n.cap)
}
