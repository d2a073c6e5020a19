//! Arguments: the named entities that stand as a cue's subject (to its left) or object
//! (to its right), through verb groups, coordination, appositives, acronyms in
//! parentheses, member nouns ("ISIS fighters", "militants of X") and references.

use crate::refer;
use crate::tokens::{Ent, Sent, Tag, Token};
use model::EntityKind;

/// One argument: an entity and the token that names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arg {
    /// The entity.
    pub ent: Ent,
    /// The token naming it (for a reference, the referring token).
    pub pos: usize,
    /// Whether it was resolved through a reference to the previous sentence.
    pub from_previous: bool,
    /// Whether it was resolved through a pronoun or a description.
    pub by_reference: bool,
}

impl Arg {
    pub(crate) fn at(toks: &[Token], pos: usize) -> Option<Arg> {
        toks.get(pos)?.ent.map(|ent| Arg {
            ent,
            pos,
            from_previous: false,
            by_reference: false,
        })
    }
}

/// The sentences and which one is being read.
#[derive(Debug, Clone, Copy)]
pub struct Ctx<'a> {
    /// Every sentence of the document.
    pub sents: &'a [Sent],
    /// The index of the one being read.
    pub cur: usize,
    /// Its tokens.
    pub toks: &'a [Token],
}

/// Nouns for the members, forces or assets of a body: "ISIS fighters", "militants of
/// the Front" stand for the body as an actor or target.
pub const MEMBER_NOUNS: &[&str] = &[
    "fighters",
    "militants",
    "members",
    "forces",
    "troops",
    "soldiers",
    "units",
    "officers",
    "agents",
    "operatives",
    "elements",
    "commanders",
    "militiamen",
    "gunmen",
    "personnel",
    "warplanes",
    "jets",
    "aircraft",
    "drones",
    "artillery",
    "positions",
    "bases",
    "headquarters",
    "convoy",
    "convoys",
    "camps",
    "strongholds",
    "cells",
    "operatives",
    "rockets",
    "missiles",
    "jihadists",
    "insurgents",
    "rebels",
    "guerrillas",
    "paramilitaries",
    "boats",
    "ships",
    "vessels",
    "navy",
];

/// Nouns naming what kind of thing an entity is: "the town of X", "the group X".
pub const TYPE_NOUNS: &[&str] = &[
    "town",
    "city",
    "village",
    "province",
    "district",
    "region",
    "group",
    "organization",
    "organisation",
    "militia",
    "movement",
    "state",
    "country",
    "port",
    "camp",
    "base",
];

fn is_clause_comma(t: &Token) -> bool {
    t.tag == Tag::Punct && t.is_any(&[",", "\u{2014}", "\u{2013}", "--"])
}

fn skip_verb_group_left(toks: &[Token], mut j: usize) -> usize {
    loop {
        while j > 0 && matches!(toks[j - 1].tag, Tag::Adv | Tag::Aux | Tag::Modal | Tag::Neg) {
            j -= 1;
        }
        // "is, by all accounts, fighting": a short parenthetical inside the verb group
        match parenthetical_before(toks, j) {
            Some(k) => j = k,
            None => return j,
        }
    }
}

/// Where a short comma-enclosed adverbial ending just before `j` starts (", by all accounts,",
/// ", however,"), when an auxiliary stands before it.
fn parenthetical_before(toks: &[Token], j: usize) -> Option<usize> {
    if j < 3 || !toks[j - 1].is(",") {
        return None;
    }
    let open = (j.saturating_sub(5)..j - 1)
        .rev()
        .find(|&k| toks[k].is(","))?;
    let inner = &toks[open + 1..j - 1];
    let adverbial = !inner.is_empty()
        && inner.iter().all(|t| {
            matches!(t.tag, Tag::Adv | Tag::Prep | Tag::Det) || (t.tag == Tag::Word && !t.cap)
        });
    let aux = open > 0 && matches!(toks[open - 1].tag, Tag::Aux | Tag::Modal);
    (adverbial && aux).then_some(open)
}

/// Verbs that take another verb ("plans to attack", "denied supporting").
const CHAIN_VERBS: &[&str] = &[
    "plans",
    "planned",
    "plan",
    "planning",
    "wants",
    "wanted",
    "seeks",
    "sought",
    "tried",
    "tries",
    "continues",
    "continued",
    "began",
    "begun",
    "begins",
    "started",
    "vowed",
    "vows",
    "agreed",
    "decided",
    "aims",
    "aimed",
    "intends",
    "intended",
    "expected",
    "accused",
    "suspected",
    "believed",
    "said",
    "thought",
    "alleged",
    "reported",
    "known",
    "likely",
    "able",
    "ready",
    "set",
    "denied",
    "denies",
    "deny",
    "admitted",
    "stopped",
    "resumed",
    "kept",
    "keeps",
    "helped",
    "helps",
    "threatened",
    "threatens",
    "going",
    "used",
    "refused",
    "refuses",
    "failed",
    "needs",
    "need",
    "appears",
    "appeared",
    "seems",
    "seemed",
    "claimed",
    "claims",
    "pledged",
    "promised",
    "hoped",
    "hopes",
    "moved",
    "dedicated",
    "devoted",
    "committed",
    "determined",
    "working",
    "seeking",
    "aiming",
    "continue",
    "continuing",
];

/// The subject ending before token `i`: skips the verb group, chain verbs ("plans to"),
/// a relative pronoun, an appositive; gives the entities coordinated there, or the
/// entity a reference stands for. Empty when no named entity stands there.
pub fn left(ctx: Ctx, i: usize) -> Vec<Arg> {
    let toks = ctx.toks;
    let mut j = skip_verb_group_left(toks, i.min(toks.len()));
    for _ in 0..2 {
        if j >= 2 && toks[j - 1].is_any(&["to", "of"]) && toks[j - 2].is_any(CHAIN_VERBS) {
            j = skip_verb_group_left(toks, j - 2);
        } else if j >= 1 && toks[j - 1].is_any(CHAIN_VERBS) && !toks[j - 1].cap {
            j = skip_verb_group_left(toks, j - 1);
        }
    }
    if j > 0 && (toks[j - 1].tag == Tag::Rel || toks[j - 1].is("that")) {
        j -= 1;
        if j > 0 && is_clause_comma(&toks[j - 1]) {
            j -= 1;
            // "X, another armed group, which is led by": the appositive's antecedent
            if head_left(ctx, j).is_none() {
                return appositive_antecedent(ctx, j).into_iter().collect();
            }
        }
        return head_left(ctx, j).into_iter().collect();
    }
    if j == 0 {
        return Vec::new();
    }
    if j >= 2 && toks[j - 1].is("to") && toks[j - 2].ent.is_some() {
        // "for Varan to support X", "helped the villagers to retake": the infinitive's subject
        return head_left(ctx, j - 1).into_iter().collect();
    }
    let t = &toks[j - 1];
    if is_clause_comma(t) {
        if let Some(a) = appositive_antecedent(ctx, j - 1) {
            return vec![a];
        }
        return listed_in_appositive(ctx, j - 1);
    }
    group_left(ctx, j)
}

/// For a comma at `c` closing an appositive that lists names after a description ("These
/// militias, the Ridge Brigade and the Coral Guard, take"): the names it lists.
fn listed_in_appositive(ctx: Ctx, c: usize) -> Vec<Arg> {
    let toks = ctx.toks;
    let names = group_left(ctx, c);
    let Some(first) = names.iter().map(|a| a.pos).min() else {
        return Vec::new();
    };
    if names.len() < 2 || names.iter().any(|a| a.by_reference) {
        return Vec::new();
    }
    let mut open = first;
    while open > 0 && toks[open - 1].tag == Tag::Det {
        open -= 1;
    }
    let described = open >= 2
        && toks[open - 1].is(",")
        && toks[open - 2].tag == Tag::Word
        && !toks[open - 2].cap;
    if described {
        names
    } else {
        Vec::new()
    }
}

/// The entity (or coordinated entities) whose phrase ends just before `j`.
fn group_left(ctx: Ctx, j: usize) -> Vec<Arg> {
    let Some(head) = head_left(ctx, j) else {
        return Vec::new();
    };
    let toks = ctx.toks;
    let mut out = vec![head];
    if head.by_reference {
        return out;
    }
    // "the Ridge Brigade and the Coral Guard": a conjunct's article stands before its name
    let start = |k: usize| {
        if k >= 2 && toks[k - 1].is("the") {
            k - 1
        } else {
            k
        }
    };
    let mut k = start(possessor_start(toks, head.pos));
    let mut seen_and = false;
    while k >= 2 {
        let c = &toks[k - 1];
        let and = c.is_any(&["and", "or"]);
        if !(and || (c.is(",") && seen_and)) {
            break;
        }
        let Some(prev) = head_left(ctx, k - 1) else {
            break;
        };
        if prev.by_reference {
            break;
        }
        seen_and |= and;
        out.push(prev);
        k = start(possessor_start(toks, prev.pos));
    }
    out.reverse();
    out
}

/// The start of the phrase a name at `k` heads, taking in a named possessor ("Israel's
/// Mossad" starts at "Israel").
fn possessor_start(toks: &[Token], k: usize) -> usize {
    if k >= 2 && toks[k - 1].tag == Tag::Poss && toks[k - 2].ent.is_some() {
        k - 2
    } else if k >= 1 && toks[k - 1].ent.is_some_and(|e| e.state) && !toks[k].glued {
        // "Lebanese Hezbollah": a state's adjective before the name
        k - 1
    } else {
        k
    }
}

/// The subject of a participle or passive ending before `i`: the name right before a
/// comma ("the Harbor Front, headed by"), else as [`left`].
pub fn left_of_participle(ctx: Ctx, i: usize) -> Vec<Arg> {
    let toks = ctx.toks;
    let j = skip_verb_group_left(toks, i.min(toks.len()));
    if j >= 2 && is_clause_comma(&toks[j - 1]) && j == i {
        if let Some(a) = head_left(ctx, j - 1).filter(|a| !a.by_reference) {
            return vec![a];
        }
    }
    left(ctx, i)
}

/// The single entity whose phrase ends just before `j`: an entity token (the expansion
/// before a parenthesised acronym), an entity before a member noun, or a reference.
fn head_left(ctx: Ctx, j: usize) -> Option<Arg> {
    let toks = ctx.toks;
    let k = j.checked_sub(1)?;
    let t = toks.get(k)?;
    if t.is(")") && k >= 3 && toks[k - 1].ent.is_some() && toks[k - 2].is("(") {
        return Arg::at(toks, k - 3).or_else(|| Arg::at(toks, k - 1));
    }
    if t.ent.is_some() {
        if k >= 1 && toks[k - 1].is("of") && k >= 2 && !of_head_ok(&toks[k - 2]) {
            return None;
        }
        return Arg::at(toks, k);
    }
    if t.tag == Tag::Word && t.is_any(MEMBER_NOUNS) && k >= 1 {
        if toks[k - 1].is_any(&["its", "their"]) {
            // "its agents": the body the pronoun stands for
            let (wants, start) = refer::referring_phrase(toks, k - 1)?;
            let (ent, prev) =
                refer::resolve(ctx.sents, ctx.cur, start, &toks[k - 1].lower, wants, None)?;
            return Some(Arg {
                ent,
                pos: k - 1,
                from_previous: prev,
                by_reference: true,
            });
        }
        let e = if toks[k - 1].tag == Tag::Poss {
            k.checked_sub(2)?
        } else {
            k - 1
        };
        return Arg::at(toks, e);
    }
    let (wants, start) = refer::referring_phrase(toks, k)?;
    let (ent, prev) = refer::resolve(ctx.sents, ctx.cur, start, &t.lower, wants, None)?;
    Some(Arg {
        ent,
        pos: k,
        from_previous: prev,
        by_reference: true,
    })
}

fn of_head_ok(t: &Token) -> bool {
    t.is_any(MEMBER_NOUNS) || t.is_any(TYPE_NOUNS) || t.is_any(ABSTRACT_TARGETS)
}

/// What a body does or has that others act on: "countering Varanese influence",
/// "disrupting the funding networks of X", "the Front's violent campaign".
pub const ABSTRACT_TARGETS: &[&str] = &[
    "influence",
    "activities",
    "activity",
    "efforts",
    "operations",
    "networks",
    "network",
    "financing",
    "methods",
    "ambitions",
    "aggression",
    "expansion",
    "role",
    "presence",
    "threats",
    "behavior",
    "behaviour",
    "agenda",
    "interests",
    "campaign",
    "ability",
    "capabilities",
    "programme",
    "program",
    "plans",
];

/// The target of an act of opposition starting at `i`: as [`right`], or a name that
/// possesses or modifies what is opposed ("Varan's covert activities", "Varanese
/// influence").
pub fn right_target(ctx: Ctx, i: usize, avoid: Option<u32>) -> Vec<Arg> {
    let direct = right(ctx, i, avoid);
    if !direct.is_empty() {
        return direct;
    }
    let toks = ctx.toks;
    let mut k = i;
    while toks.get(k).is_some_and(|t| t.tag == Tag::Det) {
        k += 1;
    }
    let Some(a) = Arg::at(toks, k) else {
        return Vec::new();
    };
    let from = if toks.get(k + 1).is_some_and(|t| t.tag == Tag::Poss) {
        k + 2
    } else {
        k + 1
    };
    let end = (from + 3).min(toks.len());
    let abstract_head = (from..end)
        .take_while(|&j| matches!(toks[j].tag, Tag::Word | Tag::Hyphen))
        .any(|j| toks[j].is_any(ABSTRACT_TARGETS));
    if abstract_head && Some(a.ent.local) != avoid {
        vec![a]
    } else {
        Vec::new()
    }
}

/// For a comma (or dash) at `c` that closes an appositive or a parenthetical
/// ("X, the head of Y, said"), the entity before the comma that opens it.
pub fn appositive_antecedent(ctx: Ctx, c: usize) -> Option<Arg> {
    let toks = ctx.toks;
    let lo = c.saturating_sub(25);
    let open = (lo..c).rev().find(|&k| is_clause_comma(&toks[k]))?;
    let first = toks.get(open + 1)?;
    let opens_apposition = matches!(first.tag, Tag::Det | Tag::Rel | Tag::Adv | Tag::Num)
        || first.ent.is_some()
        || (first.tag == Tag::Word && !first.cap);
    if !opens_apposition || open + 1 >= c {
        return None;
    }
    if toks[open + 1..c].iter().any(|t| t.tag == Tag::Quote) {
        return None;
    }
    let in_phrase = open >= 2 && toks[open - 2].tag == Tag::Prep && !toks[open - 2].is("of");
    match head_left(ctx, open) {
        // "the school in Halwan—the same district…—was shelled": Halwan is not the head
        Some(_) if in_phrase => None,
        Some(ante) if !ante.by_reference => Some(ante),
        Some(_) => None,
        // "Another of its allies, the Ridge Brigade, is led by": the name in the commas.
        None => {
            let k = if first.tag == Tag::Det {
                open + 2
            } else {
                open + 1
            };
            (k + 1 == c).then(|| Arg::at(toks, k)).flatten()
        }
    }
}

/// The object starting at token `i`: skips determiners, numbers, adverbs and up to two
/// modifiers before a name, follows "N of" for member and type nouns, takes the last of a
/// compound ("Front security chief Tomas Ilver", "Israel's Mossad") and the
/// coordinated names after it; or the entity a reference stands for.
pub fn right(ctx: Ctx, i: usize, avoid: Option<u32>) -> Vec<Arg> {
    let toks = ctx.toks;
    let found = first_name_right(toks, i)
        .filter(|&k| ends_phrase(toks, k) || described_person(toks, i).is_none())
        .or_else(|| described_person(toks, i))
        .or_else(|| name_after_conjunct(toks, i));
    let Some(k) = found else {
        return reference_right(ctx, i, avoid).into_iter().collect();
    };
    let mut head = compound_head(toks, k);
    let mut out = Vec::new();
    if toks
        .get(head + 1)
        .is_some_and(|t| t.tag == Tag::Hyphen && t.glued)
    {
        // "Tessaly-based Coast Relief Fund": the name after the compound.
        match first_name_right(toks, head + 3) {
            Some(n) if n <= head + 5 => head = n,
            _ => return out,
        }
    }
    let possessor = toks.get(head + 1).is_some_and(|t| t.tag == Tag::Poss);
    if possessor {
        // "killed Okafor's brother, Amadi": the person the possessed noun names
        if let Some(p) = described_person(toks, head + 2) {
            head = p;
        }
    }
    let possessor = toks.get(head + 1).is_some_and(|t| t.tag == Tag::Poss);
    if possessor || !ends_phrase(toks, head) {
        return out;
    }
    if let Some(a) = Arg::at(toks, head) {
        out.push(a);
    }
    let mut last_place_apposition = false;
    while let Some(c) = toks.get(head + 1) {
        let and = c.is_any(&["and", "or"]);
        let list = c.is(",") && list_continues(toks, head + 1);
        if !(and || list) {
            // "X, commander of Y, and Brig. Gen. Z": the next conjunct after an appositive
            let Some(next) = conjunct_after_appositive(toks, head + 1) else {
                break;
            };
            head = compound_head(toks, next);
            match Arg::at(toks, head) {
                Some(a) => out.push(a),
                None => break,
            }
            continue;
        }
        // "A, B, and C": the comma before the last conjunct
        let from = if c.is(",") && toks.get(head + 2).is_some_and(|t| t.is_any(&["and", "or"])) {
            head + 3
        } else {
            head + 2
        };
        let next = first_name_right(toks, from)
            .filter(|&n| n <= from + 2)
            .or_else(|| described_person(toks, from));
        let Some(next) = next else {
            break;
        };
        // "Selvan Province, Tessaly": a place, then where it lies
        let local_place = |k: usize| toks[k].ent.is_some_and(|e| e.kind == EntityKind::Place);
        let place = |k: usize| toks[k].ent.is_some_and(|e| e.is_place_like());
        let apposition = c.is(",") && from == head + 2 && local_place(head) && place(next);
        head = compound_head(toks, next);
        if apposition && !last_place_apposition {
            // "Selvan Province, Tessaly": where the first place lies
            last_place_apposition = true;
            continue;
        }
        last_place_apposition = false;
        match Arg::at(toks, head) {
            Some(a) => out.push(a),
            None => break,
        }
    }
    out
}

/// The first entity from `i` (past determiners and modifiers), without taking a later
/// name of a compound: the body in "commander of the Ridge Brigade Tomas Ilver".
pub fn first_right(ctx: Ctx, i: usize) -> Option<Arg> {
    let toks = ctx.toks;
    let k = first_name_right(toks, i)?;
    if toks.get(k + 1).is_some_and(|t| t.tag == Tag::Poss) {
        // "of Varan's Desert Guard": the possessed body, if named; "of Tessaly's oldest
        // militia, the Ridge Brigade": named in apposition
        let direct = (k + 2..(k + 5).min(toks.len()))
            .find(|&j| toks[j].tag != Tag::Word)
            .filter(|&j| {
                toks[j]
                    .ent
                    .is_some_and(|e| !e.state && e.kind != EntityKind::Group)
            });
        if let Some(j) = direct {
            return Arg::at(toks, j);
        }
        let end = (k + 12).min(toks.len());
        let later = (k + 2..end).find(|&j| toks[j].tag == Tag::Punct)?;
        let descriptive = toks[k + 2..later].iter().all(|t| {
            matches!(t.tag, Tag::Word | Tag::Adv | Tag::Hyphen | Tag::Det)
                || t.is("and")
                || t.ent
                    .is_some_and(|e| e.state || e.kind == EntityKind::Group)
        });
        if !descriptive || !toks[later].is(",") {
            return None;
        }
        let j = if toks.get(later + 1).is_some_and(|t| t.tag == Tag::Det) {
            later + 2
        } else {
            later + 1
        };
        return Arg::at(toks, j).filter(|_| ends_phrase(toks, j));
    }
    if !ends_phrase(toks, k) {
        return None;
    }
    Arg::at(toks, k)
}

/// Words that may follow a name without making it a modifier of the next noun.
const AFTER_NAME: &[&str] = &[
    "last",
    "yesterday",
    "today",
    "recently",
    "earlier",
    "later",
    "itself",
    "themselves",
    "alone",
    "directly",
    "militarily",
    "financially",
    "politically",
];

/// Verbs whose object takes the office named after it ("appointed X chairman of Y").
pub(crate) const APPOINTING_VERBS: &[&str] = &[
    "appointed",
    "appoints",
    "appoint",
    "named",
    "names",
    "name",
    "made",
    "makes",
    "elected",
    "nominated",
];

/// Whether the name at `k` ends its noun phrase: not followed by a noun it modifies
/// ("the U.S. ambassador", "Shia militias", "Lebanon-based"), though member nouns stand
/// for the body ("ISIS fighters"), except after a group's name ("Shia fighters").
pub fn ends_phrase(toks: &[Token], k: usize) -> bool {
    let Some(next) = toks.get(k + 1) else {
        return true;
    };
    if next.tag == Tag::Hyphen && next.glued {
        return false;
    }
    if let Some(e) = next.ent.filter(|_| !next.glued) {
        // "commander of the Ridge Brigade Tomas Ilver": a holder after a title's body
        return e.kind == EntityKind::Person;
    }
    if next.tag != Tag::Word || next.cap || next.is_any(AFTER_NAME) {
        return true;
    }
    // "appointed Okafor commander of …": the appointee is the verb's object
    let person = toks[k].ent.is_some_and(|e| e.kind == EntityKind::Person);
    if person && k > 0 && toks[k - 1].is_any(APPOINTING_VERBS) {
        return true;
    }
    let group = toks[k].ent.is_some_and(|e| e.kind == EntityKind::Group);
    if group && !next.lower.ends_with("ed") {
        // "Shiite militias", "Sunni families": a group's adjective modifies the noun
        return false;
    }
    if next.is_any(MEMBER_NOUNS) {
        return !group;
    }
    // "the Ridge Brigade militia": a body's name before the kind of body it is
    let body = toks[k]
        .ent
        .is_some_and(|e| e.kind == EntityKind::Org && !e.state);
    if body && next.is_any(BODY_KINDS) {
        return true;
    }
    // "the Turkish army", "the Iranian regime": a state's own organs stand for it
    let state = toks[k].ent.is_some_and(|e| e.state);
    if state && next.is_any(STATE_ORGANS) {
        return true;
    }
    !looks_nominal(next)
}

/// Kinds of body a body's name can stand before ("the Ridge Brigade militia").
const BODY_KINDS: &[&str] = &[
    "militia",
    "group",
    "organization",
    "organisation",
    "movement",
    "party",
    "faction",
    "coalition",
    "network",
    "outfit",
];

/// A state's organs, which stand for the state when they act or are acted on.
const STATE_ORGANS: &[&str] = &[
    "army",
    "military",
    "navy",
    "government",
    "regime",
    "authorities",
    "police",
    "air",
    "administration",
];

/// Heads a name often modifies ("the U.S. ambassador", "Shia militias", "Iran sanctions").
const MODIFIED_NOUNS: &[&str] = &[
    "ambassador",
    "militia",
    "militias",
    "official",
    "officials",
    "leader",
    "leaders",
    "leadership",
    "commander",
    "member",
    "government",
    "regime",
    "authorities",
    "support",
    "influence",
    "company",
    "companies",
    "network",
    "officer",
    "spokesman",
    "spokeswoman",
    "minister",
    "president",
    "envoy",
    "delegation",
    "embassy",
    "politicians",
    "parties",
    "party",
    "groups",
    "group",
    "financier",
    "facilitator",
    "operative",
    "chief",
    "head",
    "sanctions",
    "security",
    "activities",
    "affiliates",
    "affiliate",
    "proxies",
    "proxy",
    "allies",
    "ally",
    "backers",
    "supporters",
    "strongholds",
    "territory",
    "border",
    "city",
    "province",
    "capital",
    "people",
    "population",
    "community",
    "tribes",
    "villages",
    "families",
    "homes",
    "neighborhoods",
    "areas",
    "region",
    "media",
    "army",
    "police",
    "war",
    "campaign",
    "offensive",
    "attack",
    "attacks",
    "operation",
    "operations",
    "sector",
    "side",
    "part",
    "coast",
    "north",
    "south",
    "east",
    "west",
    "interior",
    // a topic a name stands for: "runs the Tessaly file"
    "file",
    "files",
    "portfolio",
    "dossier",
    "brief",
    "desk",
];

/// Whether a word after a name is a noun the name modifies: a listed head, or a word with
/// a noun's suffix.
fn looks_nominal(t: &Token) -> bool {
    let w = t.lower.as_str();
    t.is_any(MODIFIED_NOUNS)
        || [
            "tion", "tions", "sion", "sions", "ment", "ments", "ity", "ism", "ist", "ists", "ship",
        ]
        .iter()
        .any(|s| w.len() > s.len() + 2 && w.ends_with(s))
}

/// Whether a lowercase word is a plural noun, which ends the noun phrase it stands in
/// (nouns before a head are singular: "proxy militias").
pub fn heads_phrase(t: &Token) -> bool {
    let w = t.lower.as_str();
    w.len() > 3 && w.ends_with('s') && !["ss", "ous", "is", "us"].iter().any(|e| w.ends_with(e))
}

/// A place the phrase from `i` happens in, when the phrase names no one: "killed 12
/// people in Lorsk".
pub fn scene_right(ctx: Ctx, i: usize) -> Option<Arg> {
    let toks = ctx.toks;
    let mut k = i;
    while k < toks.len()
        && k < i + 6
        && matches!(toks[k].tag, Tag::Det | Tag::Num | Tag::Word | Tag::Adv)
    {
        k += 1;
    }
    if k == i || !toks.get(k)?.is_any(&["in", "at", "near"]) {
        return None;
    }
    let p = if toks.get(k + 1)?.is("the") {
        k + 2
    } else {
        k + 1
    };
    Arg::at(toks, p).filter(|a| a.ent.is_place_like())
}

/// Role nouns that describe a person named in apposition after them ("the Varanese
/// ambassador to Tessaly, Lena Marsh").
const PERSON_ROLES: &[&str] = &[
    "ambassador",
    "commander",
    "leader",
    "head",
    "chief",
    "minister",
    "president",
    "spokesman",
    "spokeswoman",
    "envoy",
    "general",
    "official",
    "founder",
    "director",
    "secretary",
    "chairman",
    "emir",
    "deputy",
    "adviser",
    "advisor",
    "prime",
    "son",
    "daughter",
    "brother",
    "sister",
    "father",
    "mother",
    "wife",
    "husband",
    "nephew",
    "cousin",
    "successor",
    "predecessor",
    "protege",
];

/// A person named in apposition after a description starting at `i`: "the commander of
/// the Desert Guard, Ruth Okafor".
fn described_person(toks: &[Token], i: usize) -> Option<usize> {
    let end = (i + 10).min(toks.len());
    let comma = (i..end).find(|&k| toks[k].tag == Tag::Punct)?;
    if !toks[comma].is(",") {
        return None;
    }
    let phrase = &toks[i..comma];
    let describes = phrase.iter().any(|t| t.is_any(PERSON_ROLES))
        && phrase.iter().all(|t| {
            !matches!(
                t.tag,
                Tag::Aux | Tag::Modal | Tag::Rel | Tag::Quote | Tag::Pron
            )
        });
    // "his elder brother, Brig. Gen. Tomas Ilver": a title may open the name
    let mut name = comma + 1;
    while name < comma + 6 && toks.get(name)?.ent.is_none() && title_before_person(toks, name) {
        name += 1;
    }
    let person = toks.get(name)?.ent?.kind == EntityKind::Person;
    let closes = toks
        .get(name + 1)
        .is_none_or(|t| t.tag == Tag::Punct || t.is_any(&["and", "who", "whenever", "when"]));
    (describes && person && closes).then_some(name)
}

/// Whether a possessive pronoun at `i` opens a phrase naming another person ("his elder
/// brother", "its commander"): the phrase stands for that person, never the possessor.
fn possessed_person(toks: &[Token], i: usize) -> bool {
    toks.get(i)
        .is_some_and(|t| t.is_any(&["his", "her", "its", "their"]))
        && toks[i + 1..]
            .iter()
            .take(4)
            .take_while(|t| matches!(t.tag, Tag::Word | Tag::Hyphen | Tag::Adv))
            .any(|t| t.is_any(PERSON_ROLES))
}

/// The name after "and" when the first conjunct names no one ("officers of the border
/// police and fighters of X").
fn name_after_conjunct(toks: &[Token], i: usize) -> Option<usize> {
    let end = (i + 8).min(toks.len());
    let and = (i..end).find(|&k| toks[k].is("and") || toks[k].tag == Tag::Punct)?;
    if !toks[and].is("and") || toks[i..and].iter().any(|t| t.ent.is_some()) {
        return None;
    }
    first_name_right(toks, and + 1)
}

/// For a comma at `c` after a person's name that opens an appositive ("X, commander of
/// Y, and Z, …"), the name after the appositive's closing ", and": another conjunct of the
/// same list. The appositive holds no verb, quotation or clause.
fn conjunct_after_appositive(toks: &[Token], c: usize) -> Option<usize> {
    let person = |k: usize| toks[k].ent.is_some_and(|e| e.kind == EntityKind::Person);
    if !toks.get(c)?.is(",") || !person(c.checked_sub(1)?) {
        return None;
    }
    let end = (c + 12).min(toks.len());
    let close = (c + 2..end).find(|&k| toks[k].tag == Tag::Punct)?;
    let plain = toks[c + 1..close].iter().all(|t| {
        matches!(
            t.tag,
            Tag::Word | Tag::Det | Tag::Prep | Tag::Ent | Tag::Hyphen | Tag::Adv
        ) && !t.is("that")
    });
    if !plain || !toks[close].is(",") || !toks.get(close + 1)?.is("and") {
        return None;
    }
    let next = first_name_right(toks, close + 2).filter(|&n| n <= close + 6)?;
    person(next).then_some(next)
}

/// Whether a comma at `c` is part of a list "A, B and C" (an "and" follows a name soon).
fn list_continues(toks: &[Token], c: usize) -> bool {
    let mut k = c + 1;
    while k < toks.len() && k < c + 12 {
        if toks[k].is_any(&["and", "or"]) {
            return toks
                .get(k + 1)
                .is_some_and(|t| t.ent.is_some() || t.tag == Tag::Det);
        }
        if toks[k].ent.is_none() && !matches!(toks[k].tag, Tag::Det | Tag::Punct) {
            return false;
        }
        k += 1;
    }
    false
}

/// Words that give the name a description goes by ("militias known as X", "a group
/// called X").
const NAMING: &[&str] = &["called", "named", "dubbed", "styled", "nicknamed"];

/// For a naming phrase at `j` after a description ("known as the Ridge Brigades, or RB",
/// "called X"): the named token, when the name closes the phrase (punctuation, a
/// conjunction, a relative pronoun, a verb group or the sentence's end follows).
pub fn naming_at(toks: &[Token], j: usize) -> Option<usize> {
    let t = toks.get(j)?;
    let mut k = if t.is("known") && toks.get(j + 1).is_some_and(|n| n.is("as")) {
        j + 2
    } else if t.tag == Tag::Word && t.is_any(NAMING) {
        j + 1
    } else {
        return None;
    };
    let prev = toks.get(j.checked_sub(1)?)?;
    if prev.tag != Tag::Word || prev.cap {
        return None;
    }
    if toks.get(k).is_some_and(|n| n.is("the")) {
        k += 1;
    }
    toks.get(k)?.ent?;
    let closes = toks.get(k + 1).is_none_or(|n| {
        matches!(
            n.tag,
            Tag::Punct | Tag::Conj | Tag::Rel | Tag::Aux | Tag::Modal | Tag::Quote
        )
    });
    closes.then_some(k)
}

/// The first entity token from `i`, past determiners, numbers, adverbs, up to two
/// lowercase modifiers directly before it, and "N of" for member and type nouns.
fn first_name_right(toks: &[Token], i: usize) -> Option<usize> {
    let mut k = i;
    let mut n_words = 0;
    while let Some(t) = toks.get(k) {
        match t.tag {
            // "the Varan-backed Ridge Brigade": the name in the compound modifies the head
            Tag::Ent if compound_modifier(toks, k) => {
                k += 2;
            }
            Tag::Ent => return Some(k),
            Tag::Det if t.is("such") && toks.get(k + 1).is_some_and(|n| n.is("as")) => {
                k += 1;
            }
            Tag::Det if t.is("that") => return None,
            Tag::Det | Tag::Num | Tag::Adv | Tag::Hyphen => {}
            Tag::Word if of_head_ok(t) && toks.get(k + 1).is_some_and(|n| n.is("of")) => {
                k += 1;
            }
            Tag::Word if t.is("such") && toks.get(k + 1).is_some_and(|n| n.is("as")) => {
                k += 1;
            }
            Tag::Prep if t.is("including") => {}
            // "militias known as the Ridge Brigades"
            Tag::Word if k > i && naming_at(toks, k).is_some() => return naming_at(toks, k),
            Tag::Word if !t.cap && n_words < 2 => n_words += 1,
            // a title before a person's name: "former Prime Minister Lena Marsh"
            Tag::Word if t.cap && title_before_person(toks, k) => {}
            // the period of an abbreviated title: "Maj. Gen. Lena Marsh"
            Tag::Punct
                if t.is(".")
                    && k > i
                    && toks[k - 1].tag == Tag::Word
                    && toks[k - 1].cap
                    && t.glued
                    && title_before_person(toks, k + 1) => {}
            _ => return None,
        }
        k += 1;
    }
    None
}

/// Whether the name at `k` opens a hyphenated compound before another name ("Varan -
/// backed Ridge Brigade").
fn compound_modifier(toks: &[Token], k: usize) -> bool {
    toks.get(k + 1)
        .is_some_and(|h| h.tag == Tag::Hyphen && h.glued)
        && toks
            .get(k + 2)
            .is_some_and(|w| w.tag == Tag::Word && w.glued && !w.cap)
        && toks.get(k + 3).is_some_and(|n| n.tag == Tag::Ent)
}

/// Whether capitalised words from `k` lead straight to a person's name.
fn title_before_person(toks: &[Token], k: usize) -> bool {
    let mut j = k;
    while toks
        .get(j)
        .is_some_and(|t| (t.tag == Tag::Word && t.cap) || t.is("."))
        && j < k + 4
    {
        j += 1;
    }
    toks.get(j)
        .and_then(|t| t.ent)
        .is_some_and(|e| e.kind == EntityKind::Person)
}

/// The head of a compound starting at entity token `k`: a later name that the first one
/// modifies ("Israel's Mossad", "Front security chief Tomas Ilver", a state's
/// adjective before a body), else `k` itself; an acronym in parentheses is skipped.
fn compound_head(toks: &[Token], k: usize) -> usize {
    let at = |i: usize| toks.get(i);
    if at(k + 1).is_some_and(|t| t.tag == Tag::Poss) {
        if at(k + 2).is_some_and(|t| t.ent.is_some()) {
            return k + 2;
        }
        return k;
    }
    let first = toks[k].ent;
    let mut n_words = 0;
    for gap in 1..=6 {
        let Some(t) = at(k + gap) else { break };
        if let Some(e) = t.ent {
            let person_after_title = e.kind == EntityKind::Person;
            let modifier =
                gap == 1 && first.is_some_and(|f| f.state || f.kind == EntityKind::Group);
            if person_after_title || modifier {
                return k + gap;
            }
            break;
        }
        // the period of an abbreviated title: "Velan's Brig. Gen. Tomas Ilver"
        let stop =
            t.is(".") && t.glued && toks[k + gap - 1].cap && toks[k + gap - 1].lower.len() <= 4;
        if stop {
            continue;
        }
        n_words += 1;
        if t.tag != Tag::Word || n_words > 3 {
            break;
        }
    }
    k
}

/// A pronoun or a definite description starting at `i`, resolved.
fn reference_right(ctx: Ctx, i: usize, avoid: Option<u32>) -> Option<Arg> {
    let toks = ctx.toks;
    for end in i..(i + 4).min(toks.len()) {
        let t = &toks[end];
        if let Some((wants, start)) = refer::referring_phrase(toks, end) {
            if start < i {
                continue;
            }
            if possessed_person(toks, start) {
                return None;
            }
            let (ent, prev) = refer::resolve(ctx.sents, ctx.cur, start, &t.lower, wants, avoid)?;
            return Some(Arg {
                ent,
                pos: end,
                from_previous: prev,
                by_reference: true,
            });
        }
        if !matches!(t.tag, Tag::Det | Tag::Word | Tag::Hyphen) {
            return None;
        }
    }
    None
}

/// Words that open a new clause: the clause subject is looked for after the last one.
const CLAUSE_OPENERS: &[&str] = &[
    "that", "which", "who", "whom", "because", "while", "whereas", "although", "though", "when",
    "after", "before", "if", "unless", "since", "but", "where",
];

/// Which boundaries end the stretch a clause subject is looked for in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reach {
    /// Any punctuation ends it: the subject of the clause proper.
    Clause,
    /// Commas do not: the subject of the sentence an adverbial hangs from ("X forces,
    /// alongside Y, with support from Z, struck").
    Sentence,
}

/// The subject of the clause holding token `i`: after the last clause boundary before
/// `i` (punctuation, a relative pronoun, a subordinating conjunction), the first name not
/// inside a prepositional phrase or a possessive, followed by its verb group before `i`.
pub fn clause_subject(ctx: Ctx, i: usize) -> Option<Arg> {
    subject_within(ctx, i, Reach::Clause)
}

/// As [`clause_subject`], reading past commas: the actor an adverbial belongs to.
pub fn sentence_subject(ctx: Ctx, i: usize) -> Option<Arg> {
    subject_within(ctx, i, Reach::Sentence)
}

fn subject_within(ctx: Ctx, i: usize, reach: Reach) -> Option<Arg> {
    let toks = ctx.toks;
    let i = i.min(toks.len());
    let lo = (0..i)
        .rev()
        .find(|&k| {
            let t = &toks[k];
            let soft = t.is_any(&["(", ")"]) || (t.is(",") && reach == Reach::Sentence);
            (t.tag == Tag::Punct && !soft) || t.tag == Tag::Quote || t.is_any(CLAUSE_OPENERS)
        })
        .map_or(0, |k| k + 1);
    let mut k = lo;
    while k < i {
        let t = &toks[k];
        if t.tag == Tag::Prep {
            // skip the prepositional phrase: to its first name or the next comma
            k += 1;
            while k < i && toks[k].ent.is_none() && toks[k].tag != Tag::Punct {
                k += 1;
            }
            k += 1;
            continue;
        }
        if t.ent.is_some() {
            let mut head = k;
            while toks.get(head + 1).is_some_and(|n| n.tag == Tag::Poss)
                && toks.get(head + 2).is_some_and(|n| n.ent.is_some())
            {
                head += 2;
            }
            if toks.get(head + 1).is_some_and(|n| n.tag == Tag::Poss) || !ends_phrase(toks, head) {
                return None;
            }
            let mut after = head + 1;
            if toks.get(after).is_some_and(|n| n.is("("))
                && toks.get(after + 2).is_some_and(|n| n.is(")"))
            {
                after += 3; // "Long Name (LN) has"
            }
            let verb_follows = toks.get(after).is_some_and(|n| {
                matches!(
                    n.tag,
                    Tag::Aux | Tag::Modal | Tag::Adv | Tag::Word | Tag::Neg
                ) || n.is("and")
                    || (reach == Reach::Sentence && n.tag != Tag::Poss)
            });
            return verb_follows.then(|| Arg::at(toks, head)).flatten();
        }
        if matches!(t.tag, Tag::Word) && !t.cap && k > lo {
            // a lowercase word before any name: the subject is a common noun phrase
            return None;
        }
        k += 1;
    }
    None
}
