//! Document-level decisions: which candidates are names, and of what kind.
//!
//! 1. Weak capitals: a word capitalised only by its position (first in a sentence, a
//!    quotation or a title-case line) is a name only when the document corroborates it
//!    (the word stands capitalised elsewhere, the knowledge base knows it, it is an
//!    acronym) or a cue marks it; a word that the document also writes in lowercase is
//!    a common word.
//! 2. Words that are never names alone: a bare head noun, title, office word, ideology,
//!    adjective in "-ic"/"-ist", a generic acronym.
//! 3. Kinds: the evidence of every mention of a name in the document is pooled (a
//!    country that acts anywhere is an organisation); the knowledge base's kind wins;
//!    a single word takes the kind of the longer name it ends ("Suleimani" after
//!    "Qassem Suleimani") or stands in ("Badr" after "Badr Organization").
//! 4. Acronyms: a later bare short form links to its expansion and takes its kind.

use crate::acronym::{self, Notes};
use crate::cand::*;
use crate::lexicon::*;
use crate::scan::{self, Part, SentenceCtx};
use crate::token::*;
use model::{EntityKind, Mention, MentionRule, Span};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A small fast hasher for short string keys (FxHash).
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            h = (h.rotate_left(5) ^ b as u64).wrapping_mul(K);
        }
        self.0 = h;
    }
}

type FxBuild = BuildHasherDefault<FxHasher>;
type FxSet<T> = HashSet<T, FxBuild>;
type FxMap<K, V> = HashMap<K, V, FxBuild>;

/// What the knowledge base says of a candidate.
#[derive(Debug, Clone, Copy)]
struct KbHit {
    kind: EntityKind,
    /// The surface is one of the entry's demonyms.
    demonym: bool,
    /// The surface is the entry's capital.
    capital: bool,
    /// The entry is a state (it has demonyms or a capital).
    state: bool,
    /// The surface is the entry's own name, not an alias or a near spelling.
    exact: bool,
}

fn kb_hit(kb: &kb::Kb, surface: &str) -> Option<KbHit> {
    let key = kb::normalize(surface);
    if key.is_empty() {
        return None;
    }
    let ids = kb.lookup(&key);
    let exact_id = ids
        .iter()
        .find(|&&id| kb::normalize(&kb.entry(id).name) == key)
        .copied();
    let id = exact_id.or_else(|| ids.first().copied())?;
    let e = kb.entry(id);
    let demonym = e.demonyms.iter().any(|d| kb::normalize(d) == key);
    // A capital is one whether the surface hit the state's entry or the city's own.
    let capital = ids.iter().any(|&other| {
        let o = kb.entry(other);
        o.capital
            .as_deref()
            .is_some_and(|c| kb::normalize(c) == key)
            && kb::normalize(&o.name) != key
    });
    Some(KbHit {
        kind: e.kind,
        demonym,
        capital,
        state: !e.demonyms.is_empty() || e.capital.is_some(),
        exact: exact_id.is_some(),
    })
}

/// The knowledge base's answers for one document, asked once per surface.
struct KbCache<'k> {
    kb: &'k kb::Kb,
    seen: FxMap<u64, Option<KbHit>>,
}

impl<'k> KbCache<'k> {
    fn new(kb: &'k kb::Kb) -> Self {
        KbCache {
            kb,
            seen: FxMap::default(),
        }
    }

    fn get(&mut self, surface: &str) -> Option<KbHit> {
        let kb = self.kb;
        *self
            .seen
            .entry(fx(surface.as_bytes()))
            .or_insert_with(|| kb_hit(kb, surface))
    }
}

/// Splits a name the knowledge base does not know where it begins with one it knows
/// as a place or body and goes on with a person's name ("Marran Tomas Ali
/// Rieger").
fn split_by_kb(text: &str, toks: &[Token], cands: &mut Vec<Cand>, cache: &mut KbCache) {
    let mut extra = Vec::new();
    for c in cands.iter_mut() {
        if c.drop || c.n_tokens() < 3 || !c.has(E_PERSON_SHAPE | E_TITLE) {
            continue;
        }
        if cache.get(c.text(text)).is_some() {
            continue;
        }
        let first = toks[c.t0 as usize].core(text);
        let Some(h) = cache.get(first) else { continue };
        let territory = h.state || h.kind == EntityKind::Place;
        if !h.exact || !territory || h.demonym {
            continue;
        }
        let ctx = ctx_of(text, toks, c);
        let mut parts = Vec::new();
        scan::emit_part(
            &ctx,
            c.t0 as usize,
            c.t0 as usize + 1,
            Part::Plain,
            &mut parts,
        );
        let rest = if c.has(E_TITLE) {
            Part::Person
        } else {
            Part::Plain
        };
        scan::emit_part(&ctx, c.t0 as usize + 1, c.t1 as usize, rest, &mut parts);
        if parts.len() == 2 {
            c.drop = true;
            extra.extend(parts);
        }
    }
    cands.extend(extra);
}

/// Joins names that lowercase connectors split ("al-Qaeda in Iraq", "United Nations
/// Interim Force in Lebanon", "Trinidad and Tobago") where the knowledge base knows the
/// joined span as one name that the first names alone are not (not "Arab Council in
/// Tesh" when "Arab Council" is the same entry): up to four names in a sentence, each one
/// or two connector words ("in", "of", "for", "and", "the" …) from the next, longest
/// first.
fn join_by_kb(text: &str, toks: &[Token], cands: &mut Vec<Cand>, cache: &mut KbCache) {
    let connector = |t: &Token| {
        t.is_word()
            && t.has(LOWER)
            && matches!(
                t.core(text),
                "in" | "of" | "for" | "and" | "the" | "on" | "to" | "de" | "du" | "des" | "fi"
            )
    };
    let mut order: Vec<usize> = (0..cands.len()).filter(|&i| !cands[i].drop).collect();
    order.sort_by_key(|&i| (cands[i].t0, cands[i].t1));
    let mut extra = Vec::new();
    let mut chain: Vec<usize> = Vec::with_capacity(4);
    let mut o = 0;
    while o < order.len() {
        // the chain of names joined by connectors from this one
        chain.clear();
        chain.push(order[o]);
        while chain.len() < 4 && o + chain.len() < order.len() {
            let (a, b) = (
                &cands[*chain.last().unwrap_or(&0)],
                &cands[order[o + chain.len()]],
            );
            let gap = b.t0.saturating_sub(a.t1);
            if b.sentence != a.sentence
                || !(1..=2).contains(&gap)
                || a.end != toks[a.t1 as usize - 1].core_end
                || toks[a.t1 as usize - 1].has(POSSESSIVE)
                || !(a.t1..b.t0).all(|k| connector(&toks[k as usize]))
            {
                break;
            }
            chain.push(order[o + chain.len()]);
        }
        let mut joined = 1;
        for n in (2..=chain.len()).rev() {
            let (first, last) = (&cands[chain[0]], &cands[chain[n - 1]]);
            let span = &text[first.start as usize..last.end as usize];
            if cache.get(span).is_none() {
                continue;
            }
            // "the Arab Council in Tesh", where the bare "Arab Council" is the same entry:
            // the tail only places the body, and the place stays a name of its own
            let head = &text[first.start as usize..cands[chain[n - 2]].end as usize];
            let whole_ids = cache.kb.lookup(&kb::normalize(span));
            let head_ids = cache.kb.lookup(&kb::normalize(head));
            if whole_ids.iter().any(|id| head_ids.contains(id)) {
                continue;
            }
            let ctx = ctx_of(text, toks, first);
            if let Some(c) = scan::build(&ctx, first.t0 as usize, last.t1 as usize, Part::Plain) {
                for &i in &chain[..n] {
                    cands[i].drop = true;
                }
                extra.push(c);
                joined = n;
                break;
            }
        }
        o += joined;
    }
    cands.extend(extra);
}

/// The key that groups the mentions of one name in a document: lowercase, straight
/// apostrophes, hyphens as spaces, no leading article.
fn fold_into(s: &str, k: &mut String) {
    k.clear();
    for c in s.chars() {
        match c {
            '’' | 'ʼ' | '‘' => k.push('\''),
            '-' | '\u{2010}' | '\u{2011}' => k.push(' '),
            c if c.is_ascii() => k.push(c.to_ascii_lowercase()),
            c => k.extend(c.to_lowercase()),
        }
    }
    for art in ["the ", "al ", "el "] {
        if k.len() > art.len() && k.starts_with(art) {
            k.drain(..art.len());
            break;
        }
    }
}

fn group_key(s: &str) -> String {
    let mut k = String::with_capacity(s.len());
    fold_into(s, &mut k);
    k
}

fn fx(bytes: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(bytes);
    h.finish()
}

/// The hash of a name's key ([`fold_into`]), with `buf` as scratch space.
fn key_of(s: &str, buf: &mut String) -> u64 {
    fold_into(s, buf);
    fx(buf.as_bytes())
}

/// A word's lowercase form: its hash, length and first byte.
fn lower_form(w: &str) -> (u64, usize, u8) {
    let mut h = FxHasher::default();
    let mut len = 0;
    let mut first = 0u8;
    let mut push = |b: &[u8]| {
        if len == 0 {
            first = b[0];
        }
        len += b.len();
        h.write(b);
    };
    for c in w.chars() {
        if c.is_ascii() {
            push(&[c.to_ascii_lowercase() as u8]);
        } else if matches!(c, '’' | 'ʼ') {
            push(b"'");
        } else {
            for l in c.to_lowercase() {
                let mut tmp = [0u8; 4];
                push(l.encode_utf8(&mut tmp).as_bytes());
            }
        }
    }
    (h.finish(), len, first)
}

fn filter_bit(len: usize, first: u8) -> (usize, u64) {
    let i = ((len & 15) << 4) | (first as usize & 15);
    (i >> 6, 1u64 << (i & 63))
}

/// Which of the words the filters ask about the document also writes in lowercase.
/// Only the asked words are hashed on the document's side, behind a bit filter on
/// length and first byte.
struct LowerIndex {
    present: FxSet<u64>,
}

impl LowerIndex {
    fn build(text: &str, toks: &[Token], cands: &[Cand]) -> LowerIndex {
        let mut asked: FxSet<u64> = FxSet::default();
        let mut filter = [0u64; 4];
        for c in cands {
            if c.n_tokens() == 1 || c.has(E_WEAK) {
                for k in c.t0..c.t1 {
                    let (h, len, first) = lower_form(toks[k as usize].core(text));
                    asked.insert(h);
                    let (w, bit) = filter_bit(len, first);
                    filter[w] |= bit;
                }
            }
        }
        let mut present: FxSet<u64> = FxSet::default();
        for t in toks {
            if !(t.is_word() && t.has(LOWER)) {
                continue;
            }
            let core = t.core(text);
            let (w, bit) = filter_bit(core.len(), core.as_bytes()[0]);
            if filter[w] & bit == 0 {
                continue;
            }
            let (h, _, _) = lower_form(core);
            if asked.contains(&h) {
                present.insert(h);
            }
        }
        LowerIndex { present }
    }

    fn contains(&self, w: &str) -> bool {
        !self.present.is_empty() && self.present.contains(&lower_form(w).0)
    }
}

fn ctx_of<'a>(text: &'a str, toks: &'a [Token], c: &Cand) -> SentenceCtx<'a> {
    SentenceCtx {
        text,
        toks,
        lo: c.s_lo as usize,
        hi: c.s_hi as usize,
        idx: c.sentence,
        title_case: c.s_title_case,
    }
}

/// Turns a document's candidates into its mentions: sorted by start, never overlapping.
pub(crate) fn decide(
    text: &str,
    toks: &[Token],
    mut cands: Vec<Cand>,
    notes: &Notes,
    kb: &kb::Kb,
) -> Vec<Mention> {
    // words written in lowercase somewhere in the document, and capitalised words that
    // stand where a capital means a name
    let mut corroborated: FxSet<&str> = FxSet::default();
    for c in cands.iter() {
        if c.s_title_case {
            continue;
        }
        let from = if c.has(E_WEAK | E_BEFORE_TITLE | E_BEFORE_OF) {
            c.t0 + 1
        } else {
            c.t0
        };
        for k in from..c.t1 {
            let t = &toks[k as usize];
            if t.has(CAP) || t.has(CASELESS) {
                let core = t.core(text);
                corroborated.insert(core);
                // "al-Sadr" stands for "Sadr" too
                if let Some((art, rest)) = core.split_once('-') {
                    if matches!(art, "al" | "Al" | "el" | "El") {
                        corroborated.insert(rest);
                    }
                }
            }
        }
    }
    split_compounds(text, toks, &mut cands, &corroborated);
    refind_long_forms(text, toks, &mut cands);
    share_in_lists(text, toks, &mut cands);
    for i in 0..cands.len() {
        if cands[i].rule == MentionRule::Acronym {
            if let Some(l) = cands[i].link {
                cands[l as usize].ev |= E_EXPANSION;
            }
        }
    }
    let use_kb = !kb.entries().is_empty();
    let mut cache = KbCache::new(kb);
    if use_kb {
        split_by_kb(text, toks, &mut cands, &mut cache);
        join_by_kb(text, toks, &mut cands, &mut cache);
    }
    let kb_hits: Vec<Option<KbHit>> = if use_kb {
        cands.iter().map(|c| cache.get(c.text(text))).collect()
    } else {
        Vec::new()
    };
    // a state the knowledge base knows, before an armed-force noun: "Marran troops"
    if use_kb {
        for (i, c) in cands.iter_mut().enumerate() {
            let Some(h) = kb_hits[i] else { continue };
            if c.drop || c.n_tokens() != 1 || !h.state || h.capital || c.fixed.is_some() {
                continue;
            }
            let t = &toks[c.t0 as usize];
            let k = c.t1 as usize;
            if c.end != t.core_end || t.has(POSSESSIVE | SUFFIXED) || k >= c.s_hi as usize {
                continue;
            }
            let n = &toks[k];
            if n.is_word() && n.has(LOWER) && n.is(FORCE_NOUN) {
                c.end = n.core_end;
                c.fixed = Some(EntityKind::Org);
                c.rule = MentionRule::OrgCue;
                c.ev |= E_ORG_HEAD;
            }
        }
    }
    let hit = |i: usize| kb_hits.get(i).copied().flatten();
    let lower = LowerIndex::build(text, toks, &cands);
    let in_lower = |w: &str| lower.contains(w);
    let mut buf = String::new();
    // names that stand somewhere at a position where a capital means a name
    let strong_keys: FxSet<u64> = cands
        .iter()
        .filter(|c| !c.has(E_WEAK | E_TITLE_CASE))
        .map(|c| key_of(c.text(text), &mut buf))
        .collect();

    // 1–2: filters
    #[allow(clippy::needless_range_loop)] // candidates are replaced in place
    for i in 0..cands.len() {
        let kb_known = hit(i).is_some();
        let c = &cands[i];
        let t0 = &toks[c.t0 as usize];
        let first = t0.core(text);
        let single = c.n_tokens() == 1;
        let acronym = single && acronym::is_short_form(t0, text);
        let letters = first.bytes().filter(|b| b.is_ascii_alphabetic()).count();
        if is_dateline(text, toks, c) {
            cands[i].drop = true; // "GOMA, Congo —": a dateline is metadata
            continue;
        }
        if single && t0.has(ALLCAPS) && letters > 7 && !first.contains('-') {
            cands[i].drop = true; // a shouted word ("WASHINGTON —"), not an acronym
            continue;
        }
        if acronym && (notes.is_generic(first) || t0.is(GENERIC_ACRONYM)) {
            cands[i].drop = true; // the document itself expands it to a common noun
            continue;
        }
        if acronym && !kb_known {
            let numbered = toks.get(c.t1 as usize).is_some_and(|n| {
                n.is_word() && n.has(DIGIT) && n.core(text).len() >= 3 && c.t1 < c.s_hi
            });
            if t0.is(GENERIC_ACRONYM)
                || notes.is_generic(first)
                || acronym::is_plural_acronym(first)
                || numbered
                || letters > 7
            {
                cands[i].drop = true;
                continue;
            }
        }
        if kb_known {
            continue;
        }
        if c.s_title_case {
            let all = (c.t0..c.t1).all(|k| {
                let t = &toks[k as usize];
                !t.has(CAP) || corroborated.contains(t.core(text))
            });
            if !(acronym || all) {
                cands[i].drop = true;
            }
            continue;
        }
        if single {
            if never_alone(t0, first, c) {
                cands[i].drop = true;
                continue;
            }
            if acronym {
                continue;
            }
            let strong = c.has(E_TITLE | E_APPOS_PERSON | E_NAMED_BODY);
            let compound = t0.has(SUFFIXED | PREFIXED | POSSESSIVE);
            let cue = strong
                || c.fixed.is_some()
                || compound
                || c.has(E_APPOS_ORG | E_APPOS_PLACE | E_PLACE_NOUN | E_PLACE_HEAD);
            let lowercase_too = in_lower(first);
            if c.has(E_WEAK | E_BEFORE_TITLE | E_BEFORE_OF) {
                let adverb = c.has(E_WEAK) && (first.ends_with("ly") || first.ends_with("ing"));
                let ok = !adverb
                    && (corroborated.contains(first)
                        || (cue && !lowercase_too && !c.has(E_BEFORE_TITLE | E_BEFORE_OF)));
                if !ok {
                    cands[i].drop = true;
                }
            } else if lowercase_too && !strong {
                cands[i].drop = true;
            }
        } else if c.has(E_WEAK) && corroborated.contains(first) {
            // a title-case stretch after a quote: "'Northern People Will …'" keeps only
            // the words the document confirms
            let cut = (c.t0 + 1..c.t1).find(|&k| {
                let t = &toks[k as usize];
                t.has(CAP) && !corroborated.contains(t.core(text)) && in_lower(t.core(text))
            });
            if let Some(k) = cut {
                let ctx = ctx_of(text, toks, c);
                let mut tmp = Vec::new();
                scan::emit_part(&ctx, c.t0 as usize, k as usize, Part::Plain, &mut tmp);
                let link = cands[i].link;
                cands[i].drop = true;
                if let Some(mut n) = tmp.pop() {
                    n.link = link;
                    cands[i] = n;
                }
            }
        } else if c.has(E_WEAK) && !corroborated.contains(first) {
            let rest_key = {
                let next = &toks[c.t0 as usize + 1];
                key_of(&text[next.core_start as usize..c.end as usize], &mut buf)
            };
            let whole_key = key_of(c.text(text), &mut buf);
            let head_of = t0.is(ORG_HEAD | PLACE_HEAD | NOT_ENTITY | POPULATION | ORG_NOUN)
                && toks[c.t0 as usize + 1].is(OF_LINK);
            // a name with a head keeps its first word ("Human Rights Watch said")
            let headed = c.has(E_ORG_HEAD | E_PLACE_HEAD | E_STATE_HEAD) && !head_of;
            let participle =
                (first.ends_with("ed") || first.ends_with("ing")) && !t0.is(ORG_MODIFIER);
            let common = (in_lower(first) && !headed)
                || head_of
                || t0.is(ROLE | COMPASS | TITLE)
                || (t0.is(INSTITUTION) && !headed)
                || participle
                || first.ends_with("ly")
                || (c.n_tokens() >= 3
                    && strong_keys.contains(&rest_key)
                    && !strong_keys.contains(&whole_key));
            if common {
                // the first word is a common word at the sentence start: drop it
                let ctx = ctx_of(text, toks, c);
                let (s, e) = (c.t0 as usize + 1, c.t1 as usize);
                cands[i].drop = true;
                let mut tmp = Vec::new();
                scan::emit_part(&ctx, s, e, Part::Plain, &mut tmp);
                if let Some(mut n) = tmp.pop() {
                    n.ev &= !E_WEAK;
                    n.link = cands[i].link;
                    let single = n.n_tokens() == 1;
                    let nt = &toks[n.t0 as usize];
                    let nf = nt.core(text);
                    if !(single && (never_alone(nt, nf, &n) || in_lower(nf))) {
                        cands[i] = n;
                    }
                }
            }
        }
    }

    // 3: kinds, pooled per name
    let mut groups: FxMap<u64, Vec<usize>> = FxMap::default();
    let mut keys: Vec<u64> = Vec::with_capacity(cands.len());
    for (i, c) in cands.iter().enumerate() {
        let k = key_of(c.text(text), &mut buf);
        if !c.drop {
            groups.entry(k).or_default().push(i);
        }
        keys.push(k);
    }
    // a product named only before its equipment noun ("Falcon helicopters") is no entity
    for members in groups.values() {
        let products = members.iter().all(|&i| {
            let c = &cands[i];
            c.has(E_EQUIPMENT) && c.fixed.is_none() && !c.has(E_ACRONYM) && hit(i).is_none()
        });
        if products {
            for &i in members {
                cands[i].drop = true;
            }
        }
    }
    // a demonym somewhere is a demonym everywhere: "Iraqi cities" after "Iraqi forces"
    for members in groups.values() {
        let demonym = members.iter().any(|&i| {
            let c = &cands[i];
            c.rule == MentionRule::Demonym && c.fixed == Some(EntityKind::Org) && !c.drop
        });
        if !demonym {
            continue;
        }
        for &i in members {
            let c = &mut cands[i];
            if c.fixed.is_none() && c.n_tokens() == 1 {
                c.rule = MentionRule::Demonym;
                c.fixed = Some(EntityKind::Org);
            }
        }
    }
    // plural demonyms: "Iraqis" where "Iraqi" is a demonym
    let demonyms: FxSet<u64> = cands
        .iter()
        .filter(|c| !c.drop && c.rule == MentionRule::Demonym && c.n_tokens() == 1)
        .map(|c| key_of(c.text(text), &mut buf))
        .collect();
    for c in cands.iter_mut() {
        if c.drop || c.fixed.is_some() || c.n_tokens() != 1 {
            continue;
        }
        if let Some(stem) = c.text(text).strip_suffix('s') {
            if demonyms.contains(&key_of(stem, &mut buf)) {
                c.rule = MentionRule::Demonym;
                let acts = toks
                    .get(c.t1 as usize)
                    .is_some_and(|t| c.t1 < c.s_hi && t.is_word() && t.has(LOWER));
                c.fixed = Some(if c.has(E_THE) && acts {
                    EntityKind::Org
                } else {
                    EntityKind::Group
                });
            }
        }
    }
    let mut kinds: Vec<Option<EntityKind>> = vec![None; cands.len()];
    let mut confident: Vec<bool> = vec![false; cands.len()];
    let mut person_shaped: Vec<bool> = vec![false; cands.len()];
    for members in groups.values() {
        let members: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&i| !cands[i].drop)
            .collect();
        if members.is_empty() {
            continue;
        }
        let bits = members.iter().fold(0u64, |b, &i| b | cands[i].ev);
        let n_max = members
            .iter()
            .map(|&i| cands[i].n_tokens())
            .max()
            .unwrap_or(1);
        let kb_of = members.iter().find_map(|&i| hit(i));
        let (kind, sure) = match kb_of {
            Some(h) => (kb_kind(h, bits), true),
            None => score(bits, n_max),
        };
        let shaped =
            kb_of.is_none() && kind == EntityKind::Person && bits & (E_TITLE | E_APPOS_PERSON) == 0;
        for &i in &members {
            let k = match (cands[i].fixed, kb_of) {
                (Some(f), None) => f,
                (_, Some(h)) if h.demonym => demonym_kind(&cands[i], h, cands[i].text(text)),
                _ => kind,
            };
            kinds[i] = Some(k);
            confident[i] = sure || cands[i].fixed.is_some();
            person_shaped[i] = shaped;
            if kb_of.is_some() {
                cands[i].rule = if h_demonym(kb_of) {
                    MentionRule::Demonym
                } else if cands[i].rule == MentionRule::NameShape {
                    MentionRule::KnowledgeBase
                } else {
                    cands[i].rule
                };
            }
        }
    }

    // a name shaped like a person's is not one when its first word stands alone for it
    // ("Velkan" for "Velkan Ahl Tesh"), its last word names a place or body ("Daily
    // Marran"), or it begins or ends a longer name of a body ("Orel Mining" in "Orel
    // Mining SA")
    let single_kind: FxMap<u64, (EntityKind, bool)> = cands
        .iter()
        .enumerate()
        .filter(|(i, c)| !c.drop && c.n_tokens() == 1 && kinds[*i].is_some())
        .map(|(i, _)| (keys[i], (kinds[i].unwrap_or(EntityKind::Org), confident[i])))
        .collect();
    let mut bodies: Vec<(String, EntityKind)> = Vec::new();
    if person_shaped.iter().any(|&p| p) {
        for (i, c) in cands.iter().enumerate() {
            if !c.drop
                && c.n_tokens() >= 2
                && matches!(kinds[i], Some(EntityKind::Org | EntityKind::Place))
                && c.has(E_ORG_HEAD | E_PLACE_HEAD | E_STATE_HEAD | E_EXPANSION)
            {
                bodies.push((group_key(c.text(text)), kinds[i].unwrap_or(EntityKind::Org)));
            }
        }
    }
    let mut relabel: Vec<(usize, EntityKind)> = Vec::new();
    for (i, c) in cands.iter().enumerate() {
        if c.drop || c.n_tokens() < 2 || !person_shaped[i] {
            continue;
        }
        let key_s = group_key(c.text(text));
        let key = key_s.as_str();
        let first = key_of(toks[c.t0 as usize].core(text), &mut buf);
        let last = key_of(toks[c.t1 as usize - 1].core(text), &mut buf);
        let last_alone = single_kind.contains_key(&last);
        let first_alone = first != last
            && !last_alone
            && single_kind
                .get(&first)
                .is_some_and(|k| k.0 != EntityKind::Person);
        let last_body = single_kind
            .get(&last)
            .is_some_and(|&(k, sure)| sure && k != EntityKind::Person);
        let in_body = bodies.iter().find(|(b, _)| {
            b.len() > key.len()
                && ((b.starts_with(key) && b.as_bytes()[key.len()] == b' ')
                    || (b.ends_with(key) && b.as_bytes()[b.len() - key.len() - 1] == b' '))
        });
        if let Some(&(_, k)) = in_body {
            relabel.push((i, k));
        } else if first_alone || last_body {
            relabel.push((i, EntityKind::Org));
        }
    }
    for (i, k) in relabel {
        for &m in groups.get(&keys[i]).map(Vec::as_slice).unwrap_or(&[]) {
            kinds[m] = Some(k);
        }
    }

    // single words take the kind of the longer names they end or stand in
    let mut surnames: FxMap<u64, EntityKind> = FxMap::default();
    let mut parts: FxMap<u64, EntityKind> = FxMap::default();
    for (i, c) in cands.iter().enumerate() {
        if c.drop || c.n_tokens() < 2 {
            continue;
        }
        let Some(kind) = kinds[i] else { continue };
        let last = &toks[c.t1 as usize - 1];
        if kind == EntityKind::Person {
            surnames.insert(key_of(last.core(text), &mut buf), kind);
        } else if c.fixed.is_none() {
            for k in c.t0..c.t1 {
                let t = &toks[k as usize];
                if t.has(CAP) && !t.is(HEADS_ALL) && !t.has(ALLCAPS) {
                    parts.entry(key_of(t.core(text), &mut buf)).or_insert(kind);
                }
            }
        }
    }
    for (i, c) in cands.iter().enumerate() {
        if c.drop || c.n_tokens() != 1 || confident[i] || hit(i).is_some() {
            continue;
        }
        let key = keys[i];
        if let Some(&k) = surnames.get(&key) {
            kinds[i] = Some(k);
            continue;
        }
        if c.has(E_TITLE | E_APPOS_PERSON | E_ORG_HEAD | E_PLACE_HEAD | E_PLACE_NOUN) {
            continue;
        }
        if let Some(&k) = parts.get(&key) {
            kinds[i] = Some(k);
        }
    }
    // "X, also known as Y": Y names what X names
    let aliases = alias_links(text, toks, &cands);
    for i in 0..cands.len() {
        let c = &cands[i];
        if c.drop || !c.has(E_ALIAS) || confident[i] {
            continue;
        }
        let named = aliases
            .iter()
            .find(|&&(a, _)| a == i)
            .map(|&(_, n)| n)
            .or_else(|| {
                (0..i).rev().find(|&j| {
                    let p = &cands[j];
                    !p.drop && p.sentence == c.sentence && !p.has(E_ALIAS)
                })
            });
        if let Some(j) = named {
            let k = kinds[j];
            for &m in groups.get(&keys[i]).map(Vec::as_slice).unwrap_or(&[]) {
                if !confident[m] {
                    kinds[m] = k;
                }
            }
        }
    }
    // pooled again, so one name has one kind
    for members in groups.values() {
        if members.len() < 2 {
            continue;
        }
        let single = members
            .iter()
            .all(|&i| cands[i].n_tokens() == 1 && cands[i].fixed.is_none());
        if !single {
            continue;
        }
        let k = members.iter().find_map(|&i| kinds[i]);
        for &i in members {
            kinds[i] = k;
        }
    }

    // 4: acronyms link to their expansions and take their kinds
    let mut expansions: FxMap<&str, usize> = FxMap::default();
    for (i, c) in cands.iter().enumerate() {
        if c.drop || c.rule != MentionRule::Acronym {
            continue;
        }
        if let Some(l) = c.link {
            if !cands[l as usize].drop {
                expansions
                    .entry(toks[c.t0 as usize].core(text))
                    .or_insert(l as usize);
            }
            if hit(i).is_none() && kinds[l as usize].is_some() {
                kinds[i] = kinds[l as usize];
            }
        }
    }
    for i in 0..cands.len() {
        let c = &cands[i];
        if c.drop || c.n_tokens() != 1 {
            continue;
        }
        let t = &toks[c.t0 as usize];
        if !t.has(ALLCAPS) {
            continue;
        }
        if let Some(&l) = expansions.get(t.core(text)) {
            if l != i {
                if c.link.is_none() || c.rule == MentionRule::Acronym {
                    cands[i].link = Some(l as u32);
                }
                cands[i].rule = MentionRule::Acronym;
                if hit(i).is_none() {
                    kinds[i] = kinds[l];
                }
            }
        }
    }

    // "X, also known as Y": Y links to X when both name the same kind of thing, so that
    // resolution makes one entity of them
    for &(a, n) in &aliases {
        if cands[a].link.is_none() && kinds[a].is_some() && kinds[a] == kinds[n] {
            cands[a].link = Some(n as u32);
        }
    }

    // output: sorted, without overlaps, links renumbered
    let mut order: Vec<usize> = (0..cands.len())
        .filter(|&i| !cands[i].drop && kinds[i].is_some())
        .collect();
    order.sort_by_key(|&i| (cands[i].start, std::cmp::Reverse(cands[i].end)));
    let mut kept: Vec<usize> = Vec::with_capacity(order.len());
    let mut last_end = 0u32;
    for i in order {
        let c = &cands[i];
        if c.start >= c.end || (!kept.is_empty() && c.start < last_end) {
            continue;
        }
        last_end = c.end;
        kept.push(i);
    }
    let mut out_idx: FxMap<usize, u32> = FxMap::default();
    for (n, &i) in kept.iter().enumerate() {
        out_idx.insert(i, n as u32);
    }
    kept.iter()
        .map(|&i| {
            let c = &cands[i];
            Mention {
                span: Span::new(c.start as usize, c.end as usize),
                sentence_idx: c.sentence,
                kind: kinds[i].unwrap_or(EntityKind::Org),
                rule: c.rule,
                linked: c
                    .link
                    .and_then(|l| out_idx.get(&(l as usize)).copied())
                    .filter(|&l| Some(&l) != out_idx.get(&i)),
            }
        })
        .collect()
}

/// The pairs (alias, name) that "X, also known as Y", "X (also known as Y)", "X, aka Y",
/// "X, better known as Y", "X (also spelled Y or Z)" make: each of the names after the cue
/// (a list joined by commas, "and" or "or") with the name that ends right before the comma
/// or parenthesis that opens the cue (or before an acronym in parentheses: "X (XY), also
/// known as Y").
fn alias_links(text: &str, toks: &[Token], cands: &[Cand]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if !cands.iter().any(|c| c.has(E_ALIAS) && !c.drop) {
        return out;
    }
    let mut order: Vec<usize> = (0..cands.len()).filter(|&i| !cands[i].drop).collect();
    order.sort_by_key(|&i| (cands[i].t0, cands[i].t1));
    let word = |k: usize, w: &str| toks[k].is_word() && toks[k].core(text).eq_ignore_ascii_case(w);
    let mut o = 0;
    while o < order.len() {
        let i = order[o];
        let c = &cands[i];
        o += 1;
        if !c.has(E_ALIAS) {
            continue;
        }
        let lo = c.s_lo as usize;
        // walk back over the cue to the comma or parenthesis that opens it
        let mut k = c.t0 as usize;
        let back = |k: &mut usize, w: &str| {
            let ok = *k > lo && word(*k - 1, w);
            if ok {
                *k -= 1;
            }
            ok
        };
        back(&mut k, "the");
        let cue = (back(&mut k, "as") && back(&mut k, "known"))
            || back(&mut k, "aka")
            || back(&mut k, "a.k.a.")
            || back(&mut k, "a.k.a")
            || back(&mut k, "spelled")
            || back(&mut k, "spelt");
        // an adverb before the cue: "also", "better", "now", "sometimes" …
        let _ = [
            "also",
            "better",
            "now",
            "commonly",
            "otherwise",
            "sometimes",
            "variously",
        ]
        .iter()
        .any(|w| back(&mut k, w));
        if !cue || k <= lo || !matches!(toks[k - 1].kind, TokKind::Comma | TokKind::Open) {
            continue;
        }
        let g = k - 1;
        let named = order[..o - 1].iter().rev().copied().find(|&j| {
            let p = &cands[j];
            p.sentence == c.sentence
                && (p.t1 as usize == g
                    || (p.t1 as usize + 1 == g && toks[g - 1].kind == TokKind::Close))
        });
        let Some(n) = named else { continue };
        out.push((i, n));
        // the rest of a list of aliases: "also known as Y and Z", "Y, Z or W"
        let mut prev = i;
        while o < order.len() {
            let m = order[o];
            let (a, b) = (cands[prev].t1 as usize, cands[m].t0 as usize);
            let joined = cands[m].sentence == c.sentence
                && b > a
                && b - a <= 2
                && (a..b)
                    .all(|q| toks[q].kind == TokKind::Comma || word(q, "and") || word(q, "or"));
            if !joined {
                break;
            }
            out.push((m, n));
            prev = m;
            o += 1;
        }
    }
    out
}

/// Splits a hyphenated pair of names into its names ("Syrian-Turkish", "Velkan-Ferro"):
/// when a part is a demonym, or every part stands alone elsewhere in the document. A
/// name led by an acronym stays whole ("ISIS-K", "IRGC-QF").
fn split_compounds(text: &str, toks: &[Token], cands: &mut Vec<Cand>, corroborated: &FxSet<&str>) {
    let mut extra: Vec<Cand> = Vec::new();
    for c in cands.iter_mut() {
        if c.n_tokens() != 1 {
            continue;
        }
        let t = &toks[c.t0 as usize];
        if !t.has(HYPHENATED) || t.has(ALLCAPS) || c.start != t.core_start || c.end != t.core_end {
            continue;
        }
        let core = t.core(text);
        let parts: Vec<&str> = core.split(['-', '\u{2010}', '\u{2011}']).collect();
        let first_is_acronym = parts[0].len() >= 2
            && parts[0]
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b == b'.');
        let names = parts.iter().all(|p| {
            p.chars().next().is_some_and(|ch| ch.is_uppercase()) && p.chars().count() >= 2
        });
        let demonym = parts.iter().any(|p| scan::demonym_shape(p));
        let article = parts
            .iter()
            .any(|p| crate::token::is_article(&p.to_ascii_lowercase()));
        if !names || article || (first_is_acronym && !demonym) || parts.len() < 2 {
            continue;
        }
        let alone = parts.iter().all(|p| corroborated.contains(p));
        if !(demonym || alone) {
            continue;
        }
        let mut at = t.core_start as usize;
        for p in &parts {
            let mut n = c.clone();
            n.start = at as u32;
            n.end = (at + p.len()) as u32;
            n.link = None;
            n.ev &= !(E_ACRONYM | E_PERSON_SHAPE);
            if scan::demonym_shape(p) {
                n.rule = MentionRule::Demonym;
                n.fixed = Some(EntityKind::Org);
            } else {
                n.rule = MentionRule::NameShape;
                n.fixed = None;
            }
            extra.push(n);
            at += p.len() + 1;
        }
        c.drop = true;
    }
    if !extra.is_empty() {
        // keep indices stable for links: append, the output is sorted anyway
        cands.extend(extra);
    }
}

/// Finds again, elsewhere in the document, the long forms that only an acronym could
/// delimit because lowercase connectors run through them ("Harbor Relief for Children
/// (HRC)" makes a later bare "Harbor Relief for Children" one name, not two).
fn refind_long_forms(text: &str, toks: &[Token], cands: &mut Vec<Cand>) {
    let patterns: Vec<(u32, u32)> = cands
        .iter()
        .filter(|c| {
            !c.drop
                && c.n_tokens() >= 3
                && c.link.is_some()
                && (c.t0..c.t1).any(|k| toks[k as usize].has(LOWER))
        })
        .map(|c| (c.t0, c.t1))
        .collect();
    if patterns.is_empty() {
        return;
    }
    let same = |a: u32, b: u32, n: u32| {
        (0..n).all(|k| toks[(a + k) as usize].core(text) == toks[(b + k) as usize].core(text))
    };
    let mut extra = Vec::new();
    for &(p0, p1) in &patterns {
        let n = p1 - p0;
        for i in 0..cands.len() {
            let c = &cands[i];
            if c.drop || c.t0 == p0 || c.t0 + n > c.s_hi || !same(c.t0, p0, n) {
                continue;
            }
            let (s, e) = (c.t0, c.t0 + n);
            let ctx = ctx_of(text, toks, c);
            if let Some(new) = scan::build(&ctx, s as usize, e as usize, Part::Plain) {
                for d in cands.iter_mut() {
                    if d.t0 >= s && d.t1 <= e {
                        d.drop = true;
                    }
                }
                extra.push(new);
            }
        }
    }
    cands.extend(extra);
}

/// Names in a list ("in Kenya and Somalia", "Dunmore Region, Marran") share the evidence of
/// their neighbours: a preposition before the first, a place head or an organisation
/// head of any. A list is joined by "and" or "or"; commas alone join only beside a
/// place head. A member may open with "the" after the comma or conjunction.
fn share_in_lists(text: &str, toks: &[Token], cands: &mut [Cand]) {
    let mut i = 0;
    while i + 1 < cands.len() {
        let mut j = i;
        let mut conj = false;
        let mut placey = cands[i].has(E_PLACE_HEAD | E_PLACE_NOUN);
        while j + 1 < cands.len() {
            let (a, b) = (&cands[j], &cands[j + 1]);
            if a.sentence != b.sentence || b.t0 <= a.t1 || b.t0 - a.t1 > 3 {
                break;
            }
            let mut has_conj = false;
            // ", the United Nations, and the Emirates": an article may open a member
            let gap = a.t1..b.t0;
            let article = |k: u32| {
                let t = &toks[k as usize];
                k + 1 == b.t0 && k > a.t1 && t.is_word() && t.core(text).eq_ignore_ascii_case("the")
            };
            let joined = gap.clone().all(|k| {
                let t = &toks[k as usize];
                let c = t.is_word() && matches!(t.core(text), "and" | "or");
                has_conj |= c;
                t.kind == TokKind::Comma || c || article(k)
            }) && gap.clone().any(|k| !article(k));
            if !joined {
                break;
            }
            conj |= has_conj;
            placey |= b.has(E_PLACE_HEAD | E_PLACE_NOUN);
            j += 1;
        }
        if j > i && !(conj || placey) {
            i += 1;
            continue;
        }
        if j > i {
            let head = cands[i].ev & (E_PREP | E_COMPASS | E_ALIAS);
            let placey = (i..=j).any(|m| cands[m].has(E_PLACE_HEAD | E_PLACE_NOUN));
            let orgy = (i..=j).any(|m| cands[m].has(E_ORG_HEAD | E_STATE_HEAD));
            for c in &mut cands[i..=j] {
                if c.fixed.is_some() {
                    continue;
                }
                if !c.has(E_PERSON_SHAPE | E_TITLE | E_APPOS_PERSON) {
                    c.ev |= head;
                }
                if placey {
                    c.ev |= E_PREP_WEAK;
                }
                // a list after "in" names places, whatever bodies stand in it
                if orgy && head & E_PREP == 0 {
                    c.ev |= E_LIST_ORG;
                }
            }
        }
        i = j + 1;
    }
}

/// Whether a candidate stands in a dateline: an all-caps place at the start of a
/// sentence, maybe followed by ", Country", then a dash ("GOMA, Congo —").
fn is_dateline(text: &str, toks: &[Token], c: &Cand) -> bool {
    let lo = c.s_lo as usize;
    let hi = c.s_hi as usize;
    let first_word = (lo..hi).find(|&k| toks[k].is_word());
    let Some(f) = first_word else { return false };
    if !toks[f].has(ALLCAPS) {
        return false;
    }
    // the dash that ends the dateline, within the first few tokens
    let Some(dash) = (f + 1..hi.min(f + 6)).find(|&k| toks[k].kind == TokKind::Dash) else {
        return false;
    };
    let inside = (f..dash).all(|k| {
        let t = &toks[k];
        matches!(t.kind, TokKind::Comma | TokKind::Open | TokKind::Close)
            || (t.is_word() && (t.has(CAP) || t.has(ALLCAPS)))
    });
    let _ = text;
    inside && (c.t0 as usize) < dash && c.t0 as usize >= f
}

const HEADS_ALL: Classes =
    ORG_HEAD | PLACE_HEAD | STATE_HEAD | ORG_MODIFIER | INSTITUTION | ORG_LEAD | PLACE_LEAD;

fn h_demonym(h: Option<KbHit>) -> bool {
    h.is_some_and(|h| h.demonym)
}

/// Whether a single word can never be a name by itself: a head noun, a title, an office
/// word, an ideology, an "-ic" or "-ist" adjective before a noun, a bare initial.
fn never_alone(t: &Token, core: &str, c: &Cand) -> bool {
    if t.has(ALLCAPS) || t.has(CASELESS) {
        return false;
    }
    if t.is(NAMED_BODY) {
        return false;
    }
    if c.fixed.is_some() {
        return false;
    }
    if t.is(ORG_HEAD
        | PLACE_HEAD
        | STATE_HEAD
        | TITLE
        | ROLE
        | INSTITUTION
        | IDEOLOGY
        | ORG_NOUN
        | NOT_ENTITY
        | COLLECTIVE
        | POPULATION
        | PLACE_NOUN
        | COMPASS
        | ORG_MODIFIER
        | EVENT_START)
    {
        return true;
    }
    let n_chars = core.chars().count();
    if n_chars <= 2 {
        return true;
    }
    if core.ends_with("ism") {
        return true;
    }
    (core.ends_with("ic") || core.ends_with("ist") || core.ends_with("ists")) && c.has(E_MODIFIER)
}

/// The kind the knowledge base gives, adjusted by what the document says: a state that
/// never acts in the text is a place, a capital is a place unless it only acts.
fn kb_kind(h: KbHit, bits: u64) -> EntityKind {
    let acts = bits & (E_ACTOR | E_SPEECH | E_APPOS_ORG | E_PARTY | E_LIST_ORG) != 0;
    let placed = bits & (E_PREP | E_PLACE_NOUN | E_COMPASS | E_PLACE_SUFFIX | E_APPOS_PLACE) != 0;
    if h.capital {
        return if acts && !placed {
            EntityKind::Org
        } else {
            EntityKind::Place
        };
    }
    if h.state && h.kind == EntityKind::Org && !acts && placed {
        return EntityKind::Place;
    }
    h.kind
}

/// The kind of a demonym the knowledge base knows: a group's adjective names the group;
/// a state's adjective stands for the state, its bare plural for its people.
fn demonym_kind(c: &Cand, h: KbHit, surface: &str) -> EntityKind {
    if h.kind == EntityKind::Group {
        return EntityKind::Group;
    }
    if let Some(k) = c.fixed {
        return k;
    }
    let plural = surface.ends_with('s') && !surface.ends_with("ese");
    if plural && !c.has(E_THE) {
        EntityKind::Group
    } else {
        EntityKind::Org
    }
}

/// The kind the pooled evidence of a name's mentions points to, and whether the
/// evidence is strong.
fn score(bits: u64, n_max: u32) -> (EntityKind, bool) {
    let b = |e: u64| bits & e != 0;
    let w = |e: u64, x: f32| if b(e) { x } else { 0.0 };
    let person = w(E_TITLE, 4.0)
        + w(E_APPOS_PERSON, 3.0)
        + w(E_PERSON_SHAPE, 1.5)
        + if n_max > 1 {
            w(E_PERSON_PARTS, 1.0)
        } else {
            0.0
        }
        + if b(E_PERSON_SHAPE) {
            w(E_SPEECH, 1.0)
        } else {
            w(E_SPEECH, 0.5)
        };
    let mut org = w(E_ORG_HEAD, 4.0)
        + w(E_STATE_HEAD, 4.0)
        + w(E_NAMED_BODY, 3.0)
        + w(E_APPOS_ORG, 3.0)
        + w(E_ACRONYM, 2.5)
        + w(E_OUTLET, 3.0)
        + w(E_EXPANSION, 3.0)
        + w(E_ACTOR, 2.0)
        + w(E_ORG_SHAPE, 1.5)
        + if b(E_PLACE_HEAD) { 0.0 } else { w(E_THE, 1.0) }
        + w(E_SPEECH, 0.5);
    let place = w(E_PLACE_HEAD, 4.0)
        + w(E_PLACE_NOUN, 3.0)
        + w(E_APPOS_PLACE, 3.0)
        + w(E_COMPASS, 2.0)
        + w(E_PLACE_SUFFIX, 2.0)
        + w(E_PREP, 2.0)
        + w(E_PREP_WEAK, 1.0);
    org += w(E_LIST_ORG, 2.0) + w(E_PARTY, 1.0);
    if b(E_ACTOR | E_PARTY) && place > 0.0 && person < place {
        org = org.max(place); // a country that acts anywhere is an organisation
    }
    let best = person.max(org).max(place);
    let sure = best >= 3.0;
    if best == 0.0 {
        return (EntityKind::Org, false);
    }
    let kind = if org >= best {
        EntityKind::Org
    } else if person >= best {
        EntityKind::Person
    } else {
        EntityKind::Place
    };
    (kind, sure)
}
