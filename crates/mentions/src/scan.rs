//! One sentence's candidates: runs of capitalised words with their connectors, split at
//! titles and possessives, each with the evidence its neighbours give.

use crate::cand::*;
use crate::lexicon::*;
use crate::token::*;
use model::{EntityKind, MentionRule};

/// A sentence as the scanner sees it.
pub(crate) struct SentenceCtx<'a> {
    /// The document's text.
    pub text: &'a str,
    /// Every token of the document.
    pub toks: &'a [Token],
    /// First token of this sentence.
    pub lo: usize,
    /// End of this sentence's tokens (exclusive).
    pub hi: usize,
    /// Index of the sentence in the document.
    pub idx: u32,
    /// Whether the sentence is written in title case.
    pub title_case: bool,
}

impl SentenceCtx<'_> {
    fn word_is(&self, k: usize, w: &str) -> bool {
        k >= self.lo
            && k < self.hi
            && self.toks[k].is_word()
            && self.toks[k].core(self.text).eq_ignore_ascii_case(w)
    }

    fn tok(&self, k: usize) -> Option<&Token> {
        (k >= self.lo && k < self.hi).then(|| &self.toks[k])
    }

    fn lower_is(&self, k: usize, c: Classes) -> bool {
        self.tok(k)
            .is_some_and(|t| t.is_word() && t.has(LOWER) && t.is(c))
    }
}

/// Whether a token can be a word of a name: capitalised (or of a caseless script), not a
/// function or time word, not a code with digits ("F-16").
pub(crate) fn is_name_word(t: &Token, text: &str) -> bool {
    if !t.is_word() {
        return false;
    }
    if t.has(CASELESS) {
        return true;
    }
    if !t.has(CAP) || t.is(TIME) || (!t.has(ALLCAPS) && t.is(FUNC)) {
        return false;
    }
    !t.core(text).bytes().any(|b| b.is_ascii_digit())
}

/// Whether a name ends at this token (a possessive, an "X-backed" or "pro-X" compound).
fn closes(t: &Token) -> bool {
    (t.has(POSSESSIVE) && !t.is(COLLECTIVE)) || t.has(SUFFIXED) || t.has(PREFIXED)
}

/// Capitalised function words that title-case names keep inside ("Doctors Without
/// Borders").
fn is_inner_cap_link(t: &Token, text: &str) -> bool {
    t.is_word()
        && t.has(CAP)
        && !t.has(ALLCAPS)
        && matches!(
            t.core(text),
            "Of" | "For" | "The" | "Without" | "And" | "De" | "Al" | "El"
        )
}

const HEADS: Classes = ORG_HEAD | PLACE_HEAD | STATE_HEAD;
/// Head nouns that open a name instead of closing it.
const LEADS: Classes = ORG_LEAD | PLACE_LEAD;

/// How a part of a run came to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    /// A name with no title before it.
    Plain,
    /// The name after a title or rank: a person.
    Person,
    /// The office's body or the words before a title ("Defense" in "Defense Secretary"):
    /// a name only when the document names it elsewhere too.
    Office,
}

/// Appends the candidates of one sentence to `out`.
pub(crate) fn candidates(ctx: &SentenceCtx, out: &mut Vec<Cand>) {
    let text = ctx.text;
    let toks = ctx.toks;
    let mut k = ctx.lo;
    while k < ctx.hi {
        let t = &toks[k];
        let next_name = k + 1 < ctx.hi && is_name_word(&toks[k + 1], text);
        let starts = is_name_word(t, text)
            || (next_name
                && t.is_word()
                && t.has(LOWER)
                && matches!(t.core(text), "al" | "el")
                && toks[k + 1].has(SPACE_BEFORE))
            || (next_name && t.has(ORDINAL));
        if !starts {
            k += 1;
            continue;
        }
        let s = k;
        let mut e = k + 1;
        let mut joined_of = false;
        let mut title_of = false;
        while e < ctx.hi && !closes(&toks[e - 1]) {
            let u = &toks[e];
            if is_name_word(u, text) && !u.has(PREFIXED) {
                e += 1;
                continue;
            }
            let next_is_name = e + 1 < ctx.hi && is_name_word(&toks[e + 1], text);
            let prev = &toks[e - 1];
            // "Task Force 16", "Site 4": a short number ends a name
            if u.is_word()
                && u.has(DIGIT)
                && !u.has(ORDINAL)
                && u.core_end - u.core_start <= 3
                && u.core(text).bytes().all(|b| b.is_ascii_digit())
            {
                e += 1;
                break;
            }
            if u.is_word() && u.has(LOWER) && u.is(NAME_LINK) && next_is_name {
                e += 1;
                continue;
            }
            // "Al- Hasani": an article whose hyphen lost its word
            if u.kind == TokKind::Other
                && !u.has(SPACE_BEFORE)
                && u.core(text) == "-"
                && matches!(prev.core(text), "Al" | "al" | "El" | "el")
                && next_is_name
            {
                e += 1;
                continue;
            }
            if u.is_word() && u.is(OF_LINK) {
                let head_before = (prev.is(ORG_HEAD | STATE_HEAD | TITLE)
                    || (prev.is(PLACE_HEAD) && e - 1 == s))
                    && !prev.is(EVENT_START);
                if head_before || joined_of {
                    let mut f = e + 1;
                    if ctx.word_is(f, "the") {
                        f += 1;
                    }
                    if f < ctx.hi && is_name_word(&toks[f], text) && !toks[f].has(PREFIXED) {
                        joined_of = true;
                        title_of |= prev.is(TITLE);
                        e = f;
                        continue;
                    }
                }
                break;
            }
            // "Under Secretary of the Treasury for Trade and Customs Intelligence Mira J.
            // Olsen": an office's portfolio runs on to the person
            if title_of && next_is_name && u.is_word() && u.core(text) == "and" {
                e += 1;
                continue;
            }
            // "Embassy in Tesh", "Council for the Revolution in Marran"
            if next_is_name && u.is_word() && u.core(text) == "in" && prev.is(IN_HEAD) {
                e += 1;
                continue;
            }
            if !ctx.title_case && is_inner_cap_link(u, text) && next_is_name {
                e += 1;
                continue;
            }
            break;
        }
        split_run(ctx, s, e, out);
        k = e;
    }
}

/// Splits a run at its titles and hands each part to [`emit_part`].
fn split_run(ctx: &SentenceCtx, s: usize, e: usize, out: &mut Vec<Cand>) {
    let toks = ctx.toks;
    let mut seg = s;
    let mut i = s;
    while i < e {
        if toks[i].is(TITLE) && toks[i].has(CAP) && is_title_here(ctx, i, e) {
            emit_plain_as(ctx, seg, i, Part::Office, out);
            let mut j = i;
            while j < e && toks[j].is(TITLE) {
                j += 1;
            }
            if j < e && toks[j].is(OF_LINK) {
                // "Secretary of State Mira Olsen": the office's body, then the person
                j += 1;
                if j < e && ctx.word_is(j, "the") {
                    j += 1;
                }
                let mut c = j;
                while c < e && !(toks[c].is(TITLE) && toks[c].has(CAP)) {
                    c += 1;
                }
                if c == e {
                    let p = person_tail(ctx, j, e);
                    // the office's body ends at its portfolio ("Treasury for Trade")
                    let body_end = (j..p)
                        .find(|&k| ctx.word_is(k, "for") || ctx.word_is(k, "and"))
                        .unwrap_or(p);
                    emit_plain_as(ctx, j, body_end, Part::Office, out);
                    emit_part(ctx, p, e, Part::Person, out);
                    return;
                }
                emit_plain_as(ctx, j, c, Part::Office, out);
                i = c;
                seg = c;
                continue;
            }
            let mut n = j;
            while n < e && !(toks[n].is(TITLE) && toks[n].has(CAP) && is_title_here(ctx, n, e)) {
                n += 1;
            }
            emit_part(ctx, j, n, Part::Person, out);
            i = n;
            seg = n;
            continue;
        }
        i += 1;
    }
    emit_plain(ctx, seg, e, out);
}

/// Whether the title word at `i` is a title here: not when the words after it end in a
/// head noun ("General Assembly", "Supreme Council", "Grand Mosque").
fn is_title_here(ctx: &SentenceCtx, i: usize, e: usize) -> bool {
    let toks = ctx.toks;
    let mut j = i + 1;
    while j < e && !toks[j].is(OF_LINK) && !toks[j].has(POSSESSIVE) {
        j += 1;
    }
    let last = &toks[j - 1];
    if j - 1 > i && last.is(HEADS) && !last.is(TITLE) {
        return false;
    }
    // a title alone between capitals is part of a name ("Gen" in "Gen Z" is not ours)
    true
}

/// Where the person's name starts at the end of `[s, e)`: the longest tail of at most
/// four capitalised words that are not office, head or acronym words.
fn person_tail(ctx: &SentenceCtx, s: usize, e: usize) -> usize {
    let toks = ctx.toks;
    let text = ctx.text;
    let mut p = e;
    let mut n_words = 0;
    while p > s {
        let t = &toks[p - 1];
        let ok_word = t.has(CAP)
            && !t.has(ALLCAPS)
            && !t.is(INSTITUTION | HEADS | LEADS | NAMED_BODY | ORG_MODIFIER | TITLE)
            && !demonym_shape(t.core(text));
        let ok_link = t.has(LOWER) && t.is(NAME_LINK);
        if ok_word && n_words < 4 {
            n_words += 1;
            p -= 1;
        } else if ok_link && p < e {
            p -= 1;
        } else {
            break;
        }
    }
    while p < e && toks[p].has(LOWER) {
        p += 1;
    }
    // one word is a surname only right after an office or body ("Secretary of State
    // Olsen"), not after a portfolio ("Vice President for Planning")
    if n_words == 1 {
        let after_office = p > s && {
            let t = &toks[p - 1];
            t.is(INSTITUTION | NAMED_BODY | ORG_HEAD) || t.has(ALLCAPS)
        };
        if !after_office {
            return e;
        }
    }
    p
}

/// Splits a part without titles where it holds several names: an acronym before or
/// after a name ("UN Mira Olsen", "Tesh US officials"), an office before a person
/// ("Customs Intelligence Mira J. Olsen"), a sect adjective before a name ("Shia
/// Ostravians"), a string of demonyms ("Kurdish Marrani").
fn emit_plain(ctx: &SentenceCtx, s: usize, e: usize, out: &mut Vec<Cand>) {
    emit_plain_as(ctx, s, e, Part::Plain, out);
}

fn first_is(ctx: &SentenceCtx, k: usize, c: Classes) -> bool {
    ctx.toks[k].is(c)
}

fn demonymish(t: &Token, text: &str) -> bool {
    let c = t.core(text);
    t.is(SECT)
        || demonym_shape(c)
        || (c.len() >= 5 && c.ends_with('i') && t.has(CAP) && !t.has(ALLCAPS))
}

fn emit_plain_as(ctx: &SentenceCtx, s: usize, e: usize, part: Part, out: &mut Vec<Cand>) {
    if s >= e {
        return;
    }
    let toks = ctx.toks;
    let text = ctx.text;
    let n = e - s;
    if n >= 2 {
        let last = &toks[e - 1];
        let ends_in_head = last.is(HEADS);
        let has_of = (s + 1..e).any(|k| toks[k].is(OF_LINK));
        // every word a demonym or sect, one of them surely: "Syrian Kurdish", "Iraqi Shia"
        if (s..e).all(|k| demonymish(&toks[k], text))
            && (s..e).any(|k| toks[k].is(SECT) || demonym_shape(toks[k].core(text)))
        {
            for k in s..e {
                emit_part(ctx, k, k + 1, part, out);
            }
            return;
        }
        // a compass word before a demonym: "Northern Iraqi"
        if n == 2 && first_is(ctx, s, COMPASS) && demonymish(last, text) {
            emit_part(ctx, e - 1, e, part, out);
            return;
        }
        // a demonym before an Arabic article starts another name: "Ostravian Al Nour"
        if let Some(k) = (s + 1..e - 1)
            .find(|&k| matches!(toks[k].core(text), "Al" | "El") && demonymish(&toks[k - 1], text))
        {
            emit_plain_as(ctx, s, k, part, out);
            emit_plain_as(ctx, k, e, part, out);
            return;
        }
        // a sect adjective before a name: "Sunni ISLF", "Shia Ostravians"; not before a
        // plural people ("Sunni Arabs") or a head ("Sunni Endowment Office")
        let plural_people = n == 2 && {
            let c = last.core(text);
            c.ends_with('s') && !last.has(ALLCAPS)
        };
        if toks[s].is(SECT) && !ends_in_head && !has_of && !plural_people {
            emit_part(ctx, s, s + 1, part, out);
            emit_plain_as(ctx, s + 1, e, part, out);
            return;
        }
        // an acronym before a name that is not headed by a noun: "U.S. Falcon"
        let first = &toks[s];
        if first.has(ALLCAPS)
            && !ends_in_head
            && !(s + 1..e).all(|k| toks[k].has(ALLCAPS))
            && !has_of
        {
            emit_part(ctx, s, s + 1, part, out);
            emit_plain_as(ctx, s + 1, e, part, out);
            return;
        }
        // a name before a closing acronym: "Tesh US" (not "Falcon II", not a company
        // form: "Orel Mining SARLU")
        if last.has(ALLCAPS)
            && !first.has(ALLCAPS)
            && !has_of
            && !ends_in_head
            && !last.is(GENERIC_ACRONYM)
            && !toks[e - 2].has(ALLCAPS)
        {
            emit_plain_as(ctx, s, e - 1, part, out);
            emit_part(ctx, e - 1, e, part, out);
            return;
        }
        // an office before a person's name
        if let Some(p) = (s..e - 1)
            .rev()
            .find(|&k| toks[k].is(INSTITUTION | NAMED_BODY) && !toks[k].is(HEADS))
        {
            let tail = person_tail(ctx, p + 1, e);
            let tail_words = (tail..e).filter(|&k| toks[k].has(CAP)).count();
            if tail == p + 1 && tail_words >= 2 && !(p..e).any(|k| toks[k].is(OF_LINK)) {
                emit_part(ctx, s, p + 1, Part::Office, out);
                emit_part(ctx, p + 1, e, part, out);
                return;
            }
        }
    }
    emit_part(ctx, s, e, part, out);
}

/// Whether a single word looks like a national adjective or demonym ("Iranian",
/// "Lebanese", "Turkish", "Americans").
pub(crate) fn demonym_shape(core: &str) -> bool {
    let b = core.as_bytes();
    if b.len() < 5 || !b[0].is_ascii_uppercase() || b[1].is_ascii_uppercase() {
        return false;
    }
    let lower_end = |suf: &str| {
        b.len() > suf.len() + 1 && core.ends_with(suf) && {
            // suffix must follow lowercase letters
            b[b.len() - suf.len() - 1].is_ascii_lowercase()
        }
    };
    // "-ian" names ("Brian", "Julian") are short; demonyms are longer ("Syrian")
    let ian_ok = b.len() >= 6;
    [
        "ian", "ians", "ean", "eans", "can", "cans", "yan", "yans", "ese", "ish",
    ]
    .iter()
    .any(|s| lower_end(s) && (ian_ok || !s.starts_with("ian")))
}

/// Makes one candidate of the tokens `[s, e)`, gathering the evidence around it.
pub(crate) fn emit_part(ctx: &SentenceCtx, s: usize, e: usize, part: Part, out: &mut Vec<Cand>) {
    let toks = ctx.toks;
    let text = ctx.text;
    // trim connectors at the edges (a leading "al" stays)
    let mut s = s;
    let mut e = e;
    while s < e && toks[s].has(LOWER) && !matches!(toks[s].core(text), "al" | "el") {
        s += 1;
    }
    while e > s && (toks[e - 1].has(LOWER) || !toks[e - 1].is_word()) {
        e -= 1;
    }
    if s >= e {
        return;
    }
    if let Some(c) = build(ctx, s, e, part) {
        out.push(c);
    }
}

/// The candidate for tokens `[s, e)` with its evidence, or `None` when the span names
/// no entity (a law, an event, a designation category).
pub(crate) fn build(ctx: &SentenceCtx, s: usize, e: usize, part: Part) -> Option<Cand> {
    let toks = ctx.toks;
    let text = ctx.text;
    let n = e - s;
    let first = &toks[s];
    let last = &toks[e - 1];
    let mut head_idx = (s..e)
        .find(|&k| toks[k].is(OF_LINK))
        .map_or(e - 1, |k| k - 1);
    while head_idx > s && toks[head_idx].has(DIGIT) {
        head_idx -= 1; // "Article 51", "Task Force 16"
    }
    let head = &toks[head_idx];
    // plural heads of common nouns: "the Planning and Customs Departments"
    let plural_head = n >= 2 && {
        let c = head.core(text);
        !head.is(HEADS)
            && c.len() > 4
            && c.ends_with('s')
            && classes(&c[..c.len() - 1]) & ORG_HEAD != 0
    };
    // fields and offices, not bodies: "Human Rights", "Financial Intelligence"
    let all_offices = n >= 2
        && (s..e).all(|k| {
            let t = &toks[k];
            t.is(INSTITUTION | OF_LINK) && !t.is(NAMED_BODY | HEADS) || t.has(LOWER)
        });
    if plural_head || all_offices {
        return None;
    }
    // names of things that are not entities
    if (n >= 2 && first.is(EVENT_START))
        || (head.is(NOT_ENTITY) && !head.is(HEADS) && (n >= 2 || head.has(SUFFIXED)))
        || (s..e).any(|k| {
            let c = toks[k].core(text);
            c.eq_ignore_ascii_case("terrorist")
                || c.eq_ignore_ascii_case("terrorists")
                || c.eq_ignore_ascii_case("designated")
        })
    {
        return None;
    }
    let mut ev = 0u64;
    let mut start = first.core_start;
    let mut end = last.core_end;
    let mut fixed = None;
    let mut rule = MentionRule::NameShape;

    // position
    // list numbers ("3. Following …") do not make a position strong
    let before_words = (ctx.lo..s).any(|k| toks[k].is_word() && !toks[k].has(DIGIT));
    let prev = s.checked_sub(1).and_then(|k| ctx.tok(k));
    let opens = prev.is_some_and(|p| {
        matches!(p.kind, TokKind::Open | TokKind::Colon)
            || (p.kind == TokKind::Quote && !first.has(SPACE_BEFORE))
            || (p.kind == TokKind::Dash && !before_words)
    });
    if !before_words || opens {
        ev |= E_WEAK;
    }
    if ctx.title_case {
        ev |= E_TITLE_CASE;
    }
    if part == Part::Person {
        ev |= E_TITLE;
        rule = MentionRule::PersonCue;
    }
    if part == Part::Office {
        ev |= E_BEFORE_TITLE;
    }
    if ctx.tok(e).is_some_and(|t| t.is(TITLE) && t.has(CAP)) {
        ev |= E_BEFORE_TITLE;
    }

    // words before
    let mut role_before = false;
    if ctx.word_is(s.wrapping_sub(1), "the") {
        ev |= E_THE;
    }
    if ctx.word_is(s.wrapping_sub(1), "a") || ctx.word_is(s.wrapping_sub(1), "an") {
        ev |= E_INDEFINITE;
    }
    if s > ctx.lo {
        let p = s - 1;
        // "in X", "In X, …", "near the X"
        let prep = |k: usize| ctx.tok(k).is_some_and(|t| t.is_word() && t.is(PLACE_PREP));
        if prep(p) || (ctx.word_is(p, "the") && p > ctx.lo && prep(p - 1)) {
            ev |= E_PREP;
        }
        if ctx.lower_is(p, COMPASS) {
            ev |= E_COMPASS;
        }
        // a possessor before the name says whose it is, not what it is ("the group's
        // Selvan front", "the commander's Toyota")
        let owner = toks[p].has(POSSESSIVE);
        role_before = ctx.lower_is(p, ROLE) && !ctx.lower_is(p, PLACE_NOUN) && !owner;
        // "the group’s relief arm, Velkan Aid": an appositive before the name
        if ctx.tok(p).is_some_and(|t| t.kind == TokKind::Comma) && p > ctx.lo {
            if ctx.lower_is(p - 1, ORG_NOUN) {
                ev |= E_APPOS_ORG;
            } else if ctx.lower_is(p - 1, ROLE) {
                ev |= E_APPOS_PERSON;
            }
        }
        // a capitalised function word inside the sentence: a title-case stretch
        // ("… Will Never Surrender")
        if let Some(t) = ctx.tok(p) {
            let c = t.core(text);
            if t.is_word()
                && t.has(CAP)
                && t.is(FUNC)
                && !matches!(c, "The" | "A" | "An")
                && (ctx.lo..p).any(|k| toks[k].is_word())
            {
                ev |= E_WEAK;
            }
        }
        if ctx.lower_is(p, ORG_NOUN) && !owner {
            ev |= E_APPOS_ORG;
        }
        if ctx.lower_is(p, PLACE_NOUN) && !owner {
            ev |= E_PLACE_NOUN;
        }
        if ctx.word_is(p, "of")
            && !last.has(POSSESSIVE)
            && p > ctx.lo
            && (ctx.lower_is(p - 1, PLACE_NOUN)
                || ctx.lower_is(p - 1, POPULATION)
                || ctx.word_is(p - 1, "residents"))
        {
            ev |= E_PLACE_NOUN; // "the town of X", "the people of X"
        }
        if ctx.lower_is(p, WEAK_PREP | PLACE_VERB)
            || (ctx.word_is(p, "the") && p > ctx.lo && ctx.lower_is(p - 1, PLACE_VERB))
            || (ctx.word_is(p, "of")
                && !last.has(POSSESSIVE)
                && p > ctx.lo
                && ctx.lower_is(p - 1, PLACE_EVENT))
        {
            ev |= E_PREP_WEAK;
        }
        if ctx.word_is(p, "against")
            || (ctx.word_is(p, "of") && p > ctx.lo && ctx.lower_is(p - 1, ACTOR_NOUN))
        {
            ev |= E_PARTY;
        }
        // "wrote in X", "published in the X"
        let in_at = if ctx.word_is(p, "the") {
            p.wrapping_sub(1)
        } else {
            p
        };
        if ctx.word_is(in_at, "in") {
            let v = in_at.wrapping_sub(1);
            if [
                "wrote",
                "writes",
                "writing",
                "written",
                "published",
                "appeared",
                "column",
                "op-ed",
                "interview",
                "article",
                "articles",
                "piece",
                "story",
                "editorial",
                "essay",
                "report",
                "quoted",
            ]
            .iter()
            .any(|w| ctx.word_is(v, w))
            {
                ev |= E_OUTLET;
            }
        }
        // "also known as (the) X", "a.k.a. X", "also spelled X"
        let q = if ctx.word_is(p, "the") {
            p.wrapping_sub(1)
        } else {
            p
        };
        if (ctx.word_is(q, "as") && ctx.word_is(q.wrapping_sub(1), "known"))
            || ctx.word_is(q, "aka")
            || ctx.word_is(q, "a.k.a.")
            || ctx.word_is(q, "a.k.a")
            || ctx.word_is(q, "spelled")
            || ctx.word_is(q, "spelt")
        {
            ev |= E_ALIAS;
        }
        if ctx.word_is(p, "to") && ctx.word_is(p.wrapping_sub(1), "according") {
            ev |= E_SPEECH;
        }
    }

    // the words themselves
    if n >= 2
        && (head.is(ORG_HEAD)
            || (!head.is(PLACE_HEAD)
                && (s + 1..e).any(|k| toks[k].is(ORG_HEAD) && toks[k].has(CAP))))
    {
        ev |= E_ORG_HEAD;
    }
    if head.is(PLACE_HEAD) && n >= 2 {
        ev |= E_PLACE_HEAD;
    }
    // a transliterated head noun first: "Saraya al-Nasr", "Liwa Ahl al-Jabal"; "Deir
    // Safra", "Kafr Amin" (a place word only where its capital is the name's)
    if n >= 2 && first.has(CAP) {
        if first.is(ORG_LEAD) {
            ev |= E_ORG_HEAD;
        } else if first.is(PLACE_LEAD) && ev & E_WEAK == 0 {
            ev |= E_PLACE_HEAD;
        }
    }
    if head.is(STATE_HEAD) && n >= 2 {
        ev |= E_STATE_HEAD;
    }
    if n == 1 && first.is(NAMED_BODY) {
        ev |= E_NAMED_BODY;
    }
    if n >= 2
        && (first.is(ORG_MODIFIER)
            || (s..e).any(|k| toks[k].is(OF_LINK) || toks[k].has(ALLCAPS) || toks[k].has(DIGIT)))
    {
        ev |= E_ORG_SHAPE;
    }
    if (s..e).any(|k| {
        let t = &toks[k];
        let c = t.core(text);
        (t.has(LOWER) && t.is(NAME_LINK) && !matches!(c, "al" | "el" | "de"))
            || matches!(c, "Abu" | "Umm" | "Ibn" | "Bin" | "bin" | "ibn")
            || (c.len() == 2 && c.ends_with('.') && t.has(CAP))
    }) {
        ev |= E_PERSON_PARTS;
    }
    if n == 1 && first.has(ALLCAPS) {
        ev |= E_ACRONYM;
    }
    let article_first = {
        let c = first.core(text);
        matches!(c, "Al" | "El")
            || ((c.starts_with("Al-") || c.starts_with("El-") || c.starts_with("al-")) && n >= 2)
    };
    if (2..=7).contains(&n)
        && !article_first
        && ev & (E_ORG_SHAPE | E_ORG_HEAD | E_PLACE_HEAD | E_STATE_HEAD | E_THE) == 0
        && (s..e).all(|k| {
            let t = &toks[k];
            (t.has(CAP)
                && !t.has(ALLCAPS)
                && !t.is(HEADS | LEADS | INSTITUTION | NAMED_BODY | SECT | FUNC)
                && !demonym_shape(t.core(text)))
                || (t.has(LOWER) && t.is(NAME_LINK))
        })
    {
        ev |= E_PERSON_SHAPE;
    }
    if n >= 2 && (s..e).any(|k| toks[k].is(SECT)) && ev & (E_ORG_HEAD | E_PLACE_HEAD) == 0 {
        ev |= E_SECT;
        fixed = Some(EntityKind::Group);
    }

    // compounds
    if last.has(SUFFIXED) {
        let suffix = &text[last.core_end as usize..last.end as usize];
        let suffix = suffix.trim_start_matches(['-', '\u{2010}', '\u{2011}']);
        let suffix = suffix
            .split(['-', '\u{2010}', '\u{2011}'])
            .next()
            .unwrap_or("");
        let c = classes(suffix);
        if c & ACTOR_SUFFIX != 0 {
            ev |= E_ACTOR;
        }
        if c & PLACE_SUFFIX != 0 {
            ev |= E_PLACE_SUFFIX;
        }
    }
    if first.has(PREFIXED) {
        let prefix = &text[first.start as usize..first.core_start as usize];
        if prefix.starts_with("pro") || prefix.starts_with("anti") {
            ev |= E_ACTOR;
        }
    }

    // words after
    let after = e;
    let possessive = last.has(POSSESSIVE);
    let next = ctx.tok(after);
    let next_lower = |c: Classes| ctx.lower_is(after, c);
    if next_lower(ACTOR_NOUN) || (possessive && ctx.lower_is(after + 1, ACTOR_NOUN)) {
        ev |= E_ACTOR;
    }
    if possessive && next.is_some_and(|t| t.is_word() && t.has(CAP)) {
        ev |= E_ACTOR;
    }
    if next.is_some_and(|t| t.is_word() && t.has(LOWER) && !t.is(FUNC | SPEECH)) && !possessive {
        ev |= E_MODIFIER;
    }
    if next_lower(SPEECH) {
        ev |= E_SPEECH;
    }
    // "X warned", "X has warned", "X thereupon sent": the subject of an agent's verb
    if !possessive {
        let mut k = after;
        while k < after + 2 && ctx.lower_is(k, VERB_LEAD) {
            k += 1;
        }
        if ctx.lower_is(k, ACTOR_VERB) || (k > after && ctx.lower_is(k, SPEECH)) {
            ev |= E_ACTOR;
        }
    }
    // "the Houthi movement", "a Badr militia": the name of a body
    if !possessive
        && !last.has(SUFFIXED)
        && n == 1
        && next_lower(ORG_NOUN)
        && !next_lower(ROLE | PLACE_NOUN)
    {
        ev |= E_APPOS_ORG;
    }
    // "Falcon helicopters", "Orel cargo planes", "Sentinel air defence systems"
    if !possessive {
        let modifier = |k: usize| {
            [
                "air",
                "cargo",
                "attack",
                "transport",
                "combat",
                "fighter",
                "cruise",
                "ballistic",
                "defence",
                "defense",
                "missile",
                "armored",
                "armoured",
                "surveillance",
                "utility",
            ]
            .iter()
            .any(|w| ctx.word_is(k, w))
        };
        let mut k = after;
        while k < after + 2 && modifier(k) {
            k += 1;
        }
        if ctx.lower_is(k, EQUIPMENT) {
            ev |= E_EQUIPMENT;
        }
    }
    // one word before "of" and a name it did not join: "Gate of Dawn"
    if n == 1 && ctx.word_is(after, "of") && ctx.tok(after + 1).is_some_and(|t| t.has(CAP)) {
        ev |= E_BEFORE_OF;
    }
    if !possessive && !last.has(SUFFIXED) {
        if next_lower(PLACE_NOUN) {
            ev |= E_PLACE_NOUN;
        }
        let site = if next_lower(SITE_NOUN) {
            Some(after)
        } else if ctx.word_is(after, "air") && ctx.lower_is(after + 1, SITE_NOUN) {
            Some(after + 1)
        } else {
            None
        };
        if let Some(k) = site {
            if !first.has(ALLCAPS) && ev & E_ORG_HEAD == 0 && !demonym_shape(first.core(text)) {
                end = ctx.toks[k].core_end;
                ev |= E_PLACE_HEAD;
            }
        }
    }
    if !possessive && next.is_some_and(|t| t.kind == TokKind::Comma) {
        ev |= appositive(ctx, after + 1);
    }

    // a role noun before the name marks a person, unless the name modifies a noun
    // ("official Velkan media outlets")
    if role_before && ev & E_MODIFIER == 0 {
        ev |= E_TITLE;
        if rule == MentionRule::NameShape {
            rule = MentionRule::PersonCue;
        }
    }
    // single-word classes
    if n == 1 && !first.has(ALLCAPS) {
        let core = first.core(text);
        let sect = first.is(SECT);
        let next_is_lower = next.is_some_and(|t| t.is_word() && t.has(LOWER));
        let plural = core.ends_with('s') && !core.ends_with("ese");
        // "the Mediterranean": a singular adjective used as a noun names no people
        let next_modified =
            next.is_some_and(|t| t.is_word() && ((t.has(LOWER) && !t.is(FUNC)) || t.has(CAP)));
        let noun_use = !plural && !next_modified && (ev & (E_THE | E_COMPASS) != 0);
        let national = (demonym_shape(core) && !noun_use)
            || (core.ends_with('i')
                && core.len() >= 4
                && !possessive
                && (next_lower(ACTOR_NOUN) || next_lower(POPULATION)));
        if sect || national {
            rule = MentionRule::Demonym;
            if next_lower(POPULATION) && !possessive {
                end = ctx.toks[after].core_end;
                fixed = Some(EntityKind::Group);
            } else if sect {
                fixed = Some(EntityKind::Group);
            } else if plural {
                // "the Iranians make …" act for the state; "Iraqis", "to the Iraqis" are
                // people
                fixed = Some(if ev & E_THE != 0 && next_is_lower {
                    EntityKind::Org
                } else {
                    EntityKind::Group
                });
            } else {
                fixed = Some(EntityKind::Org);
            }
        }
    }
    // a state's armed forces and missions: "Iraqi army", "U.S. troops", "US air force",
    // "United States military forces", "U.S. service members", "the Iranian embassy in
    // Baghdad"; a single name's "force" or "army" ("Quds force")
    let state_name = n >= 2 && head.is(STATE_HEAD) && head_idx == e - 1;
    if (n == 1 || state_name) && !possessive && !last.has(SUFFIXED) {
        let core = first.core(text);
        let short_caps = first.has(ALLCAPS) && (first.has(DOTTED) || core.len() <= 3);
        let statey = state_name || short_caps || demonymish(first, text) || fixed.is_some();
        let modifier = |k: usize| {
            [
                "security", "air", "ground", "special", "armed", "federal", "naval", "regular",
                "military",
            ]
            .iter()
            .any(|w| ctx.word_is(k, w))
        };
        let noun = if next_lower(FORCE_NOUN) {
            Some(after)
        } else if (modifier(after) && ctx.lower_is(after + 1, FORCE_NOUN))
            || (ctx.word_is(after, "service") && ctx.word_is(after + 1, "members"))
        {
            Some(after + 1)
        } else if statey && (ctx.word_is(after, "embassy") || ctx.word_is(after, "consulate")) {
            // "in X" names the mission's seat
            if ctx.word_is(after + 1, "in")
                && ctx.tok(after + 2).is_some_and(|t| is_name_word(t, text))
                && !ctx.tok(after + 3).is_some_and(|t| is_name_word(t, text))
            {
                Some(after + 2)
            } else {
                Some(after)
            }
        } else {
            None
        };
        if let Some(k) = noun {
            let w = toks[k].core(text);
            let singular = matches!(w, "force" | "army") && n == 1;
            if (statey && !first.is(SECT)) || singular {
                end = toks[k].core_end;
                fixed = Some(EntityKind::Org);
                rule = MentionRule::OrgCue;
                ev |= E_ORG_HEAD;
            }
        }
    }
    // a body's branch: "the Revolutionary Guard Corps ground forces", "the Guard's air
    // force"; a bare "X forces" stays the body itself
    if n >= 2 && head.is(ORG_HEAD) && head_idx == e - 1 && !possessive && !last.has(SUFFIXED) {
        let branch = ["ground", "air", "naval", "aerospace"]
            .iter()
            .any(|w| ctx.word_is(after, w));
        if branch && ctx.lower_is(after + 1, FORCE_NOUN) {
            end = toks[after + 1].core_end;
            fixed = Some(EntityKind::Org);
            rule = MentionRule::OrgCue;
        }
    }
    // "the US-led coalition": a coalition named by its leader
    if n == 1 && last.has(SUFFIXED) && !possessive {
        let suffix = &text[last.core_end as usize..last.end as usize];
        let led = suffix.trim_start_matches(['-', '\u{2010}', '\u{2011}']) == "led";
        if led
            && ["coalition", "alliance", "mission", "force", "forces"]
                .iter()
                .any(|w| ctx.word_is(after, w))
        {
            end = toks[after].core_end;
            fixed = Some(EntityKind::Org);
            rule = MentionRule::OrgCue;
            ev |= E_ORG_HEAD;
        }
    }
    if rule == MentionRule::NameShape {
        if ev & E_ORG_HEAD != 0 {
            rule = MentionRule::OrgCue;
        } else if ev & (E_PLACE_HEAD | E_PLACE_NOUN) != 0 {
            rule = MentionRule::PlaceCue;
        }
    }
    if ev & E_PERSON_SHAPE != 0 && ev & E_APPOS_PERSON != 0 && rule == MentionRule::NameShape {
        rule = MentionRule::PersonCue;
    }
    // the span starts at the core of the first token; a leading ayn mark is kept
    start = start.max(first.core_start);
    Some(Cand {
        start,
        end,
        t0: s as u32,
        t1: e as u32,
        sentence: ctx.idx,
        s_lo: ctx.lo as u32,
        s_hi: ctx.hi as u32,
        s_title_case: ctx.title_case,
        ev,
        rule,
        fixed,
        link: None,
        drop: false,
    })
}

/// What an appositive starting at token `k` (after a comma) says the name is.
fn appositive(ctx: &SentenceCtx, k: usize) -> u64 {
    let toks = ctx.toks;
    let text = ctx.text;
    if ctx.word_is(k, "who") {
        return E_APPOS_PERSON;
    }
    let opens = ctx.tok(k).is_some_and(|t| {
        t.is_word()
            && (t.is(ROLE | PLACE_NOUN | ORG_NOUN)
                || matches!(
                    t.core(text),
                    "the" | "a" | "an" | "his" | "her" | "its" | "their" | "former" | "then"
                ))
    });
    if !opens {
        return 0;
    }
    let mut j = k;
    let mut seen = 0;
    while j < ctx.hi && seen < 7 {
        let t = &toks[j];
        if !t.is_word() {
            return 0;
        }
        // a possessor is not the appositive's head ("the movement's leader")
        if t.has(LOWER) && !t.has(POSSESSIVE) {
            if t.is(ROLE) {
                return E_APPOS_PERSON;
            }
            // "a front for …" is a body; "the Selvan front" (a place noun after a name)
            // is not an appositive
            if t.is(PLACE_NOUN | SITE_NOUN) && !t.is(ORG_NOUN) {
                return E_APPOS_PLACE;
            }
            if t.is(ORG_NOUN) {
                return E_APPOS_ORG;
            }
            let c = t.core(text);
            let det = matches!(
                c,
                "the" | "a" | "an" | "his" | "her" | "its" | "their" | "one" | "another"
            );
            if t.is(FUNC) && !det {
                return 0;
            }
        }
        seen += 1;
        j += 1;
    }
    0
}
