//! The rules that turn a sentence's cues and structure into claims, and the attributes
//! each claim gets (modality and source, time, place, count).

use crate::args::{self, Arg, Ctx};
use crate::lexicon::{Cue, CueClass, Lexicon};
use crate::modality::{self, Attribution};
use crate::offices::{self, Department};
use crate::refer;
use crate::tokens::{Ent, Sent, Tag, Token};
use crate::{time, Claim, ClaimMentions, Modality, Predicate};
use model::{Document, EntityKind, Span};

/// A claim before its attributes: who, what, whom, and where its cue stands.
#[derive(Debug, Clone, Copy)]
struct Raw {
    subject: Arg,
    predicate: Predicate,
    object: Arg,
    /// The cue's tokens (for structural rules, the tokens joining the two).
    cue: (usize, usize),
    rule: &'static str,
    confidence: f32,
    means: Option<&'static str>,
    kind: Option<&'static str>,
    as_: Option<&'static str>,
    role: Option<Span>,
}

/// A cue found in a sentence.
#[derive(Debug, Clone, Copy)]
struct CueMatch {
    cue: u32,
    start: usize,
    end: usize,
}

/// Adds the claims of sentence `idx` to `out`. Headlines, credit and date lines give none.
/// `excerpt` is the writer or outlet whose quoted excerpt the sentence stands in (see
/// [`modality::excerpts`]): what the sentence does not attribute otherwise is theirs.
pub fn sentence_claims(
    doc: &Document,
    sents: &[Sent],
    depts: &[Department],
    idx: usize,
    excerpt: Option<Ent>,
    out: &mut Vec<Claim>,
) {
    let Some(sent) = sents.get(idx) else { return };
    if !sent.annotated || sent.toks.len() < 3 {
        return;
    }
    let ctx = Ctx {
        sents,
        cur: idx,
        toks: &sent.toks,
    };
    let lex = Lexicon::builtin();
    let mut raws = Vec::new();
    let mut events = Vec::new();
    for m in find_cues(&sent.toks, lex) {
        let cue = lex.cue(m.cue);
        if matches!(cue.class, CueClass::Verb | CueClass::Event) {
            events.push((m.start, cue.predicate));
        }
        apply_cue(ctx, depts, cue, m, &mut raws);
    }
    structural(ctx, &mut raws);
    let raws = keep_fitting(raws);
    if raws.is_empty() {
        return;
    }
    let mut attrs = modality::attributions(ctx);
    let quoted = quotations_of(sents, idx);
    attrs.extend(quoted.iter().copied());
    if attrs.is_empty() {
        attrs.extend(paragraph_attribution(sents, idx));
    }
    // the excerpt's source covers the whole sentence: narrower attributions win
    attrs.extend(excerpt.map(|src| Attribution {
        from: 0,
        to: sent.toks.len(),
        speaker: Some(src),
        hedged: false,
    }));
    let times = time::find(&sent.toks, doc.meta.date);
    let para_time = ParagraphTimes {
        events: &events,
        ..paragraph_time(doc, sents, idx)
    };
    let from = out.len();
    for r in raws {
        let claim = finish(ctx, &r, &attrs, &quoted, excerpt, &times, para_time);
        push_unique(out, from, claim);
    }
    derived_presence(out, from);
}

/// The attribution a paragraph's first sentence makes to a named speaker ("…, X's sources
/// report."), carried to the later sentences of the paragraph that attribute nothing.
fn paragraph_attribution(sents: &[Sent], idx: usize) -> Option<Attribution> {
    let sent = sents.get(idx)?;
    let first = (0..idx)
        .rev()
        .take_while(|&s| sents[s].paragraph == sent.paragraph)
        .last()?;
    let ctx = Ctx {
        sents,
        cur: first,
        toks: &sents[first].toks,
    };
    let speaker = modality::attributions(ctx)
        .into_iter()
        .find_map(|a| a.speaker.map(|s| (s, a.hedged)))?;
    Some(Attribution {
        from: 0,
        to: sent.toks.len(),
        speaker: Some(speaker.0),
        hedged: speaker.1,
    })
}

fn quotations_of(sents: &[Sent], idx: usize) -> Vec<Attribution> {
    // Quotations can span sentences: read the paragraph around this one.
    let Some(sent) = sents.get(idx) else {
        return Vec::new();
    };
    let lo = (0..=idx)
        .rev()
        .take_while(|&s| sents[s].paragraph == sent.paragraph)
        .last()
        .unwrap_or(idx);
    let hi = (idx..sents.len())
        .take_while(|&s| sents[s].paragraph == sent.paragraph)
        .last()
        .unwrap_or(idx);
    let q = modality::quotations(&sents[lo..=hi]);
    q.into_iter().nth(idx - lo).unwrap_or_default()
}

/// The cues of the built-in lexicon found in a tokenized sentence, as (first token, one
/// past the last, cue): a diagnostic view of what the rules start from.
pub fn cues_in(toks: &[Token]) -> Vec<(usize, usize, &'static Cue)> {
    let lex = Lexicon::builtin();
    find_cues(toks, lex)
        .into_iter()
        .map(|m| (m.start, m.end, lex.cue(m.cue)))
        .collect()
}

/// Every cue of the lexicon in the tokens, keeping only maximal matches (a cue inside a
/// longer one is dropped; cues of the same extent all stay).
fn find_cues(toks: &[Token], lex: &Lexicon) -> Vec<CueMatch> {
    let mut found = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if t.tag == Tag::Ent {
            continue;
        }
        for &id in lex.starting_with(&t.lower) {
            let cue = lex.cue(id);
            if let Some(end) = match_at(toks, i, cue) {
                found.push(CueMatch {
                    cue: id,
                    start: i,
                    end,
                });
            }
        }
    }
    let keep: Vec<bool> = found
        .iter()
        .map(|m| {
            !found.iter().any(|o| {
                o.start <= m.start && m.end <= o.end && (o.end - o.start) > (m.end - m.start)
            })
        })
        .collect();
    found
        .into_iter()
        .zip(keep)
        .filter_map(|(m, k)| k.then_some(m))
        .collect()
}

fn match_at(toks: &[Token], i: usize, cue: &Cue) -> Option<usize> {
    let mut k = i;
    for (n, alts) in cue.words.iter().enumerate() {
        // adverbs may stand inside a cue ("collaborated closely with")
        while n > 0 && toks.get(k).is_some_and(|t| t.tag == Tag::Adv) {
            k += 1;
        }
        let t = toks.get(k)?;
        if t.tag == Tag::Ent || !alts.iter().any(|a| t.is(a)) {
            return None;
        }
        k += 1;
    }
    Some(k)
}

fn apply_cue(ctx: Ctx, depts: &[Department], cue: &Cue, m: CueMatch, raws: &mut Vec<Raw>) {
    let pairs = match cue.class {
        CueClass::Verb => verb(ctx, cue, m),
        CueClass::Role => role(ctx, depts, cue, m),
        CueClass::Event => event(ctx, m),
        CueClass::Modifier => modifier(ctx, m),
        CueClass::Pro => pro(ctx, m),
        CueClass::Under => under(ctx, m),
        CueClass::Between => between(ctx, m),
        CueClass::Adjunct => adjunct(ctx, m),
    };
    for (rule, conf, s, o) in pairs {
        let (subject, object) = if cue.inverse { (o, s) } else { (s, o) };
        // several holders of a plural role ("its commanders, A and B") are its members
        let demoted = subunit_role(ctx.toks, m.start)
            || (object.ent.state && !cue.head_of_state)
            || rule == "role_listed"
            || rule == "role_portfolio";
        let predicate = match rule {
            "role_department" => Predicate::Leads,
            "role_department_member" => Predicate::MemberOf,
            _ if cue.predicate == Predicate::Leads && cue.class == CueClass::Role && demoted => {
                Predicate::MemberOf
            }
            _ => cue.predicate,
        };
        let role = (cue.class == CueClass::Role).then(|| {
            Span::new(
                ctx.toks[m.start].span.start as usize,
                ctx.toks[m.end - 1].span.end as usize,
            )
        });
        raws.push(Raw {
            subject,
            predicate,
            object,
            cue: (m.start, m.end),
            rule,
            confidence: conf,
            means: cue.means,
            kind: cue.kind,
            as_: cue.as_,
            role,
        });
    }
}

type Pair = (&'static str, f32, Arg, Arg);

fn cross(rule: &'static str, conf: f32, subjs: &[Arg], objs: &[Arg]) -> Vec<Pair> {
    let mut out = Vec::new();
    for s in subjs {
        for o in objs {
            out.push((rule, conf, *s, *o));
        }
    }
    out
}

/// Nouns for a violent act, whose agent can be the subject of what the act did.
const ATTACK_NOUNS: &[&str] = &[
    "attack",
    "attacks",
    "strike",
    "strikes",
    "airstrike",
    "airstrikes",
    "raid",
    "raids",
    "bombing",
    "bombings",
    "shelling",
    "ambush",
    "assault",
];

/// The agent of an attack noun heading the clause before `i` ("a Varanese attack in the
/// valley killed"): a name right before the noun, within the clause.
fn event_agent_before(toks: &[Token], i: usize) -> Option<Arg> {
    let lo = i.saturating_sub(12);
    let k = (lo..i)
        .rev()
        .take_while(|&k| !(toks[k].tag == Tag::Punct || toks[k].tag == Tag::Rel))
        .find(|&k| toks[k].is_any(ATTACK_NOUNS))?;
    let ent = toks.get(k.checked_sub(1)?)?.ent?;
    (ent.kind == EntityKind::Org).then_some(Arg {
        ent,
        pos: k - 1,
        from_previous: false,
        by_reference: false,
    })
}

/// Every pair of a coordination, for symmetric predicates ("A and B met").
fn pairs_within(rule: &'static str, conf: f32, args: &[Arg]) -> Vec<Pair> {
    let mut out = Vec::new();
    for (i, a) in args.iter().enumerate() {
        for b in &args[i + 1..] {
            out.push((rule, conf, *a, *b));
        }
    }
    out
}

/// `S cue O`, passive `O (be) cue by S`.
fn verb(ctx: Ctx, cue: &Cue, m: CueMatch) -> Vec<Pair> {
    let toks = ctx.toks;
    if attributive_participle(toks, m.start) {
        return Vec::new();
    }
    let mut k = m.end;
    while toks.get(k).is_some_and(|t| t.tag == Tag::Adv) {
        k += 1;
    }
    if toks.get(k).is_some_and(|t| t.is("by")) && past_participle(&toks[m.end - 1]) {
        let objs = args::left_of_participle(ctx, m.start);
        let avoid = objs.first().map(|a| a.ent.local);
        let subjs = args::right(ctx, k + 1, avoid);
        let reduced = m.start >= 1 && ctx.toks[m.start - 1].is(",");
        let rule = if reduced {
            "verb_participle"
        } else {
            "verb_passive"
        };
        return cross(rule, 0.8, &subjs, &objs);
    }
    if passive_without_agent(toks, cue, m) {
        return Vec::new();
    }
    let toks = ctx.toks;
    let conj = |k: usize| toks.get(k).is_some_and(|t| t.is_any(&["and", "or"]));
    let verbish = |k: usize| toks.get(k).is_some_and(|t| t.tag == Tag::Word && !t.cap);
    let mut subjs = args::left(ctx, m.start);
    if subjs.is_empty() && m.start >= 2 && conj(m.start - 1) && verbish(m.start - 2) {
        // "X trained and armed Y": the first verb's subject
        subjs = args::left(ctx, m.start - 2);
    }
    let mut rule = "verb_active";
    if cue.predicate == Predicate::Attacks && subjs.iter().all(|s| s.ent.is_place_like()) {
        // "a Varanese attack in the valley killed X": the attack's agent
        if let Some(agent) = event_agent_before(toks, m.start) {
            subjs = vec![agent];
            rule = "verb_event_subject";
        }
    }
    let before = m.start.checked_sub(1).map(|k| &ctx.toks[k]);
    let blocked = before.is_none_or(|t| {
        matches!(t.tag, Tag::Det | Tag::Punct) || (t.tag == Tag::Prep && !t.is("to"))
    });
    if subjs.is_empty() && !blocked {
        subjs = args::clause_subject(ctx, m.start)
            .filter(|s| m.start - s.pos <= 8)
            .into_iter()
            .collect();
        rule = "verb_clause_subject";
    }
    let avoid = subjs.first().map(|a| a.ent.local);
    let object_at = if conj(m.end) && verbish(m.end + 1) {
        // "X trained and armed Y": the last verb's object
        m.end + 2
    } else {
        m.end
    };
    let objs = if cue.predicate == Predicate::Opposes {
        // "he warned them": whom a plural or neuter pronoun names is too uncertain
        let vague = |a: &Arg| a.by_reference && toks[a.pos].is_any(&["them", "they", "it"]);
        let mut objs = args::right_target(ctx, object_at, avoid);
        objs.retain(|a| !vague(a));
        objs
    } else {
        args::right(ctx, object_at, avoid)
    };
    if cue.predicate.is_symmetric() && objs.is_empty() && subjs.len() >= 2 {
        return pairs_within("verb_symmetric", 0.7, &subjs);
    }
    if cue.predicate == Predicate::Attacks && objs.is_empty() {
        let scene: Vec<Arg> = args::scene_right(ctx, m.end).into_iter().collect();
        return cross("verb_scene", 0.6, &subjs, &scene);
    }
    let conf = if rule == "verb_active" { 0.8 } else { 0.55 };
    cross(rule, conf, &subjs, &objs)
}

/// Forms of "be" that make a participle after them passive.
const PASSIVE_AUX: &[&str] = &["is", "are", "was", "were", "be", "been", "being"];

/// Irregular past participles of the verb cues.
const IRREGULAR_PARTICIPLES: &[&str] = &[
    "led", "held", "met", "struck", "fought", "run", "shot", "hit", "burnt", "left", "set",
    "driven", "taken", "overseen",
];

/// Whether the cue at `m` is a passive participle with no "by" agent after it ("the
/// sheikh was killed in 2016"): the name before it undergoes the act, and nothing names
/// who did it. States of being that the participle names of its subject ("is allied
/// with", "were deployed in", "is opposed to") stay active.
fn passive_without_agent(toks: &[Token], cue: &Cue, m: CueMatch) -> bool {
    if matches!(
        cue.predicate,
        Predicate::AlliedWith | Predicate::OperatesIn | Predicate::Opposes
    ) {
        return false;
    }
    let Some(v) = toks.get(m.start) else {
        return false;
    };
    let participle = v.lower.ends_with("ed") || v.is_any(IRREGULAR_PARTICIPLES);
    let mut k = m.start;
    while k > 0 && toks[k - 1].tag == Tag::Adv {
        k -= 1;
    }
    participle && k > 0 && toks[k - 1].is_any(PASSIVE_AUX) && toks[k - 1].tag == Tag::Aux
}

/// Whether the verb at `v` is a participle used as an adjective inside a noun phrase:
/// the second half of a compound ("Varan-supplied", "newly-armed") or right after a
/// determiner ("its supplied tanks"). It states no clause of its own.
fn attributive_participle(toks: &[Token], v: usize) -> bool {
    let Some(t) = toks.get(v) else { return false };
    let participle = t.lower.ends_with("ed") || t.lower.ends_with("en");
    let Some(before) = v.checked_sub(1).map(|k| &toks[k]) else {
        return false;
    };
    let compound = before.tag == Tag::Hyphen && before.glued && t.glued;
    let determined = before.tag == Tag::Det && !before.is_any(&["that", "all", "both", "each"]);
    compound || (participle && determined)
}

fn past_participle(t: &Token) -> bool {
    !t.lower.ends_with("ing") && !t.lower.ends_with('s') || t.lower.ends_with("ss")
}

/// Words that may stand between a body and a role noun ("Hezbollah security chief").
const ROLE_MODIFIERS: &[&str] = &[
    "special",
    "major",
    "main",
    "key",
    "principal",
    "security",
    "military",
    "intelligence",
    "political",
    "spiritual",
    "supreme",
    "top",
    "senior",
    "deputy",
    "former",
    "then",
    "current",
    "local",
    "regional",
    "field",
    "station",
    "operations",
    "chief",
    "foreign",
    "defense",
    "defence",
    "interior",
    "longtime",
    "long-time",
    "leading",
    "prominent",
    "influential",
    "veteran",
    "retired",
    "overall",
    "de",
    "facto",
    "acting",
    "new",
    "founding",
    "general",
];

/// A role noun: the holder (subject) and the body (object).
fn role(ctx: Ctx, depts: &[Department], cue: &Cue, m: CueMatch) -> Vec<Pair> {
    let toks = ctx.toks;
    // The noun phrase the role noun heads: back over determiners, modifiers, a body.
    let mut p = m.start;
    let mut body_before = None;
    while p > 0 {
        let t = &toks[p - 1];
        let fits = match t.tag {
            Tag::Det | Tag::Poss | Tag::Hyphen | Tag::Num => true,
            Tag::Adv => t.is_any(&["formerly", "then", "once", "currently", "now", "also"]),
            // "X, himself a senior Front member"
            Tag::Pron => t.is_any(&["himself", "herself", "itself", "themselves"]),
            // "the founder and leader of X"
            Tag::Conj => {
                t.is("and") && p >= 2 && Lexicon::builtin().is_role_word(&toks[p - 2].lower)
            }
            Tag::Word => {
                t.cap
                    || t.is_any(ROLE_MODIFIERS)
                    || (p < m.start && Lexicon::builtin().is_role_word(&t.lower))
                    || (p >= 2 && toks[p - 2].tag == Tag::Hyphen && t.glued)
            }
            Tag::Ent => {
                let compound = toks.get(p).is_some_and(|n| n.tag == Tag::Hyphen);
                // "appointed Saadi chairman": a person before the role holds it, no body
                let person = t.ent.is_some_and(|e| e.kind == EntityKind::Person)
                    && toks.get(p).is_none_or(|n| n.tag != Tag::Poss);
                if (body_before.is_some() || person) && !compound {
                    break;
                }
                if body_before.is_none() {
                    body_before = Some(p - 1);
                }
                true
            }
            _ => false,
        };
        if !fits {
            break;
        }
        p -= 1;
    }
    if let Some(pair) = department_title(ctx, depts, m, p, body_before) {
        return vec![pair];
    }
    // "founder of X", and "founder and leader of X" for the first of two role nouns
    let of_at = if body_before.is_none()
        && toks.get(m.end).is_some_and(|t| t.is("and"))
        && toks
            .get(m.end + 1)
            .is_some_and(|t| Lexicon::builtin().is_role_word(&t.lower))
    {
        m.end + 2
    } else {
        m.end
    };
    let of_body = toks.get(of_at).is_some_and(|t| {
        if cue.body_after_to {
            t.is("to")
        } else {
            // "spokesman for X" names a member's body too; an "envoy for X" is sent to X
            t.is("of")
                || (t.is("for")
                    && cue.predicate == Predicate::MemberOf
                    && !toks[m.end - 1].is_any(POSTED_ROLES))
        }
    });
    let named_after = of_body && args::first_right(ctx, of_at + 1).is_some();
    // "Varan's minister of transport": the portfolio after "of" names no body
    let portfolio = of_body
        && !named_after
        && !cue.body_after_to
        && toks
            .get(of_at + 1)
            .is_some_and(|t| t.tag == Tag::Word && !t.cap);
    let body: Vec<Arg> = if named_after {
        args::first_right(ctx, of_at + 1).into_iter().collect()
    } else if cue.body_after_to || (of_body && !portfolio) {
        // "White House adviser" is a member, not a supporter: only "adviser to X" counts
        Vec::new()
    } else {
        body_before
            .filter(|&b| toks.get(b + 1).is_none_or(|n| n.tag != Tag::Ent))
            .and_then(|b| toks[b].ent.map(|ent| (b, ent)))
            .map(|(pos, ent)| Arg {
                ent,
                pos,
                from_previous: false,
                by_reference: false,
            })
            .into_iter()
            .collect()
    };
    if body.is_empty() {
        return title_of(ctx, cue, m)
            .or_else(|| referred_body(ctx, cue, m, p))
            .into_iter()
            .collect();
    }
    let body = body[0];
    // "the same Varanese operative Ruth Okafor once called …": a name after "the same …"
    // opens a relative clause, it is not the role's holder
    let same = p > 0 && toks[p - 1].is("same");
    let holder = holder_left(ctx, p);
    let mut listed = listed_holders(ctx, m.end);
    if holder.is_none() && listed.is_empty() && named_after {
        listed = copula_holders(ctx, m.end, body.pos);
    }
    if holder.is_none() && !listed.is_empty() {
        return listed
            .into_iter()
            .filter(|h| h.ent.local != body.ent.local)
            .filter(|h| cue.inverse || h.ent.kind == EntityKind::Person)
            .map(|h| ("role_listed", 0.65, h, body))
            .collect();
    }
    let holder = holder.or_else(|| {
        (!same)
            .then(|| holder_right(ctx, body, named_after, m.end))
            .flatten()
    });
    let Some((rule, holder)) = holder else {
        return Vec::new();
    };
    // a minister of a portfolio is a member of the body, whoever heads it
    let rule = if portfolio { "role_portfolio" } else { rule };
    let person_only =
        matches!(cue.predicate, Predicate::Leads | Predicate::Founded) || rule == "role_title";
    if person_only && holder.ent.kind != EntityKind::Person {
        return Vec::new();
    }
    vec![(rule, 0.75, holder, body)]
}

/// Modifiers that make a head's role a sub-unit's ("security chief", "senior leader"):
/// the holder is then a member of the body, not its leader.
const SUBUNIT_MODIFIERS: &[&str] = &[
    "security",
    "military",
    "intelligence",
    "operations",
    "station",
    "field",
    "regional",
    "local",
    "deputy",
    "foreign",
    "defense",
    "defence",
    "interior",
    "finance",
    "provincial",
    "senior",
    "assistant",
    "vice",
    "area",
    "sector",
    "unit",
    "branch",
    "media",
    "financial",
];

/// Whether a role noun at `start` is modified as a sub-unit's role.
fn subunit_role(toks: &[Token], start: usize) -> bool {
    (start.saturating_sub(2)..start).any(|k| toks[k].is_any(SUBUNIT_MODIFIERS))
}

/// Title nouns whose portfolio can name the department they head.
const OFFICE_NOUNS: &[&str] = &["minister", "secretary"];
/// Words before a title that rank its holder below the department's head.
const JUNIOR: &[&str] = &[
    "deputy",
    "vice",
    "assistant",
    "under",
    "junior",
    "associate",
];
/// Words before a title that say when or how it is held, not its portfolio.
const TENURE: &[&str] = &[
    "former",
    "then",
    "current",
    "acting",
    "new",
    "interim",
    "incoming",
    "outgoing",
    "caretaker",
    "longtime",
    "long-time",
    "de",
    "facto",
    "first",
    "sitting",
    "top",
    "senior",
];

/// "X, Iraq's Interior Minister", "Defense Secretary X", "Secretary of State X", "the
/// Foreign Minister of Y, X": a minister's or secretary's portfolio (the words before the
/// title noun, or after its "of"/"for") names a department the document names, which the
/// holder then heads (a member of it for a deputy's title). `p` is where the title's noun
/// phrase starts, `body_before` a name inside it.
fn department_title(
    ctx: Ctx,
    depts: &[Department],
    m: CueMatch,
    p: usize,
    body_before: Option<usize>,
) -> Option<Pair> {
    let toks = ctx.toks;
    if depts.is_empty() {
        return None;
    }
    let h = (m.start..m.end).find(|&k| toks[k].is_any(OFFICE_NOUNS))?;
    let mut junior = false;
    let mut words = Vec::new();
    for t in &toks[p..h] {
        match t.tag {
            Tag::Word if t.is_any(JUNIOR) => junior = true,
            Tag::Word if t.is_any(TENURE) => {}
            Tag::Word => words.push(offices::fold(&t.lower)),
            Tag::Ent | Tag::Poss | Tag::Det | Tag::Hyphen | Tag::Adv | Tag::Conj | Tag::Pron => {}
            _ => return None,
        }
    }
    let mut state = body_before
        .and_then(|b| toks[b].ent)
        .filter(|e| e.state)
        .map(|e| e.local);
    let mut end = h + 1;
    if toks.get(end).is_some_and(|t| t.is_any(&["of", "for"])) {
        let mut j = end + 1;
        if toks.get(j).is_some_and(|t| t.is("the")) {
            j += 1;
        }
        let from = j;
        while toks
            .get(j)
            .is_some_and(|t| (t.tag == Tag::Word && !t.is_any(OFFICE_NOUNS)) || t.is("and"))
        {
            j += 1;
        }
        while j > from && toks[j - 1].is("and") {
            j -= 1;
        }
        if j > from {
            words.extend(toks[from..j].iter().map(|t| offices::fold(&t.lower)));
            end = j;
        } else if let Some(st) = toks.get(from).and_then(|t| t.ent).filter(|e| e.state) {
            // "the Foreign Minister of Varan, X"
            state = state.or(Some(st.local));
            end = from + 1;
        }
    }
    words.retain(|w| !offices::is_filler(w));
    words.sort();
    words.dedup();
    let dept = offices::headed_by(depts, &words, state)?;
    let holder = holder_left(ctx, p)
        .map(|(_, a)| a)
        .or_else(|| holder_right(ctx, dummy_arg(ctx, h)?, false, end).map(|(_, a)| a))
        .filter(|a| a.ent.kind == EntityKind::Person)?;
    let body = Arg {
        ent: dept.ent,
        pos: h,
        from_previous: false,
        by_reference: false,
    };
    let rule = if junior {
        "role_department_member"
    } else {
        "role_department"
    };
    Some((rule, 0.75, holder, body))
}

/// "President X of Y": the title before the holder, the body after "of".
fn title_of(ctx: Ctx, cue: &Cue, m: CueMatch) -> Option<Pair> {
    let toks = ctx.toks;
    let ent = toks.get(m.end)?.ent?;
    if ent.kind != EntityKind::Person || !toks.get(m.end + 1)?.is("of") {
        return None;
    }
    let body = args::first_right(ctx, m.end + 2)?;
    let holder = Arg {
        ent,
        pos: m.end,
        from_previous: false,
        by_reference: false,
    };
    let _ = cue;
    Some(("role_title_of", 0.7, holder, body))
}

/// "the group's intelligence chief X": a body named by a description's possessive.
fn referred_body(ctx: Ctx, cue: &Cue, m: CueMatch, p: usize) -> Option<Pair> {
    let toks = ctx.toks;
    if !toks.get(p)?.is("'s") || p == 0 {
        return None;
    }
    let (wants, start) = refer::referring_phrase(toks, p - 1)?;
    if wants != refer::Wants::Body {
        return None;
    }
    let (_, hr) = holder_right(ctx, dummy_arg(ctx, p - 1)?, false, m.end)?;
    let (ent, prev) = refer::resolve(
        ctx.sents,
        ctx.cur,
        start,
        &toks[p - 1].lower,
        wants,
        Some(hr.ent.local),
    )?;
    let body = Arg {
        ent,
        pos: p - 1,
        from_previous: prev,
        by_reference: true,
    };
    let _ = cue;
    Some(("role_referred", 0.6, hr, body))
}

/// A placeholder argument at a token that names no entity, for `holder_right`.
fn dummy_arg(ctx: Ctx, pos: usize) -> Option<Arg> {
    let ent = ctx.toks.iter().find_map(|t| t.ent)?;
    Some(Arg {
        ent: Ent {
            local: u32::MAX,
            ..ent
        },
        pos,
        from_previous: false,
        by_reference: false,
    })
}

/// Verbs whose "as" names the office their subject holds ("served as head of Y").
const SERVING_VERBS: &[&str] = &[
    "serves", "served", "serving", "acts", "acted", "acting", "works", "worked", "working",
];

/// Verbs before "to be" that leave the copula's claim standing ("happens to be").
const SEEMING_VERBS: &[&str] = &["happens", "happened"];

/// "X, the role of Y", "X is the role of Y", "X as role of Y", "X, who is …", "X, who
/// served as role of Y".
fn holder_left(ctx: Ctx, p: usize) -> Option<(&'static str, Arg)> {
    let toks = ctx.toks;
    let before = toks.get(p.checked_sub(1)?)?;
    if before.is(",") || before.tag == Tag::Punct && before.is_any(&["\u{2014}", "\u{2013}"]) {
        let h = p.checked_sub(2)?;
        let arg = if toks[h].is(")") {
            args::left(ctx, h + 1).first().copied()?
        } else {
            Arg::at(toks, h)?
        };
        return Some(("role_appositive", arg));
    }
    // "A appointed X chairman of Y": the object of an appointing verb holds the role
    let appointed = p >= 2
        && before.ent.is_some_and(|e| e.kind == EntityKind::Person)
        && toks[p - 2].is_any(args::APPOINTING_VERBS);
    if appointed {
        return Some(("role_copula", Arg::at(toks, p - 1)?));
    }
    // "X, who served as the head of Y", "X, who happens to be Y's minister": the verb's
    // subject holds the role
    let linked = p >= 3
        && ((before.is("as") && toks[p - 2].is_any(SERVING_VERBS))
            || (before.is("be") && toks[p - 2].is("to") && toks[p - 3].is_any(SEEMING_VERBS)));
    if linked {
        let verb = if before.is("as") { p - 2 } else { p - 3 };
        let subj = relative_holder(ctx, verb).or_else(|| args::left(ctx, verb).first().copied())?;
        return Some(("role_copula", subj));
    }
    if before.is_any(&[
        "is",
        "was",
        "became",
        "becomes",
        "remains",
        "remained",
        "as",
        "named",
        "appointed",
    ]) {
        let subj = if before.is("as") {
            toks.get(p - 2).and_then(|t| t.ent).map(|ent| Arg {
                ent,
                pos: p - 2,
                from_previous: false,
                by_reference: false,
            })
        } else {
            args::left(ctx, p - 1).first().copied()
        }?;
        return Some(("role_copula", subj));
    }
    None
}

/// The people a plural role of a body is said to be, after the body and perhaps a
/// relative clause: "the commanders of the Front who run its camps are Colonels A, B and
/// C". Two or more people, the list ending the clause; the relative clause holds no
/// punctuation or quotation.
fn copula_holders(ctx: Ctx, cue_end: usize, body: usize) -> Vec<Arg> {
    let toks = ctx.toks;
    let plural = cue_end > 0 && toks[cue_end - 1].lower.ends_with('s');
    if !plural {
        return Vec::new();
    }
    let mut k = body + 1;
    if toks.get(k).is_some_and(|t| t.tag == Tag::Rel) {
        let end = (k + 12).min(toks.len());
        let Some(be) = (k + 2..end).find(|&j| toks[j].is_any(&["are", "were"])) else {
            return Vec::new();
        };
        let plain = toks[k + 1..be]
            .iter()
            .all(|t| !matches!(t.tag, Tag::Punct | Tag::Quote | Tag::Rel | Tag::Conj));
        if !plain {
            return Vec::new();
        }
        k = be;
    }
    if !toks
        .get(k)
        .is_some_and(|t| t.is_any(&["are", "were"]) && t.tag == Tag::Aux)
    {
        return Vec::new();
    }
    k += 1;
    // titles before the first name: "Brigadier Generals", "Cols."
    while toks
        .get(k)
        .is_some_and(|t| (t.tag == Tag::Word && t.cap) || t.is("."))
        && k < body + 20
    {
        k += 1;
    }
    let mut out: Vec<Arg> = Vec::new();
    while let Some(ent) = toks.get(k).and_then(|t| t.ent) {
        if ent.kind != EntityKind::Person {
            return Vec::new();
        }
        out.push(Arg {
            ent,
            pos: k,
            from_previous: false,
            by_reference: false,
        });
        k += 1;
        if toks.get(k).is_some_and(|t| t.is(","))
            && toks
                .get(k + 1)
                .is_some_and(|t| t.ent.is_some() || t.is("and"))
        {
            k += 1;
        }
        if toks.get(k).is_some_and(|t| t.is("and")) {
            k += 1;
        }
    }
    let closed = toks
        .get(k)
        .is_none_or(|t| matches!(t.tag, Tag::Punct | Tag::Quote | Tag::Rel));
    if out.len() < 2 || !closed {
        return Vec::new();
    }
    out
}

/// The names listed after a plural role noun and its comma ("the Front's two main
/// strongholds, Lorsk in Varan and Tam in Sel"): two or more, of one kind, each perhaps
/// placed ("in Varan"), the list ending the clause.
fn listed_holders(ctx: Ctx, cue_end: usize) -> Vec<Arg> {
    let toks = ctx.toks;
    let plural = cue_end > 0 && toks[cue_end - 1].lower.ends_with('s');
    if !plural || !toks.get(cue_end).is_some_and(|t| t.is(",")) {
        return Vec::new();
    }
    let mut out: Vec<Arg> = Vec::new();
    let mut k = cue_end + 1;
    while let Some(ent) = toks.get(k).and_then(|t| t.ent) {
        if out.first().is_some_and(|f| f.ent.kind != ent.kind) {
            return Vec::new();
        }
        out.push(Arg {
            ent,
            pos: k,
            from_previous: false,
            by_reference: false,
        });
        k += 1;
        let placed = toks.get(k).is_some_and(|t| t.is("in"))
            && toks
                .get(k + 1)
                .and_then(|t| t.ent)
                .is_some_and(|e| e.is_place_like());
        if placed {
            k += 2;
        }
        if toks.get(k).is_some_and(|t| t.is(",")) {
            k += 1;
        }
        if toks.get(k).is_some_and(|t| t.is("and")) {
            k += 1;
        }
    }
    let closed = toks
        .get(k)
        .is_none_or(|t| t.tag == Tag::Punct && t.is_any(&[".", ";", ":"]));
    if out.len() < 2 || !closed {
        return Vec::new();
    }
    out
}

/// The name a relative clause before `verb` describes: "X, who served", "X, a retired
/// general who served", "X, who … and who also served".
fn relative_holder(ctx: Ctx, verb: usize) -> Option<Arg> {
    let toks = ctx.toks;
    let mut j = verb;
    while j > 0 && toks[j - 1].tag == Tag::Adv {
        j -= 1;
    }
    let mut rel = j.checked_sub(1).filter(|&r| toks[r].tag == Tag::Rel)?;
    if rel >= 2 && toks[rel - 1].is("and") {
        // coordinated relatives: the first one's antecedent
        if let Some(r) = (rel.saturating_sub(20)..rel - 1)
            .rev()
            .find(|&r| toks[r].tag == Tag::Rel)
        {
            rel = r;
        }
    }
    let at = |k: usize| {
        toks[k].ent.map(|ent| Arg {
            ent,
            pos: k,
            from_previous: false,
            by_reference: false,
        })
    };
    let before = rel.checked_sub(1)?;
    if toks[before].ent.is_some() {
        return at(before);
    }
    // "X, a retired general who": the name the description stands in apposition to
    let lo = before.saturating_sub(6);
    let comma = (lo..=before).rev().find(|&k| {
        let description = matches!(toks[k].tag, Tag::Det | Tag::Adv | Tag::Hyphen)
            || (toks[k].tag == Tag::Word && !toks[k].cap);
        !description
    })?;
    if !toks[comma].is(",") {
        return None;
    }
    at(comma.checked_sub(1)?)
}

/// Roles of a body's agent posted to a place or a party: "the envoy for Y" serves the
/// body that sends them, not Y.
const POSTED_ROLES: &[&str] = &[
    "envoy",
    "envoys",
    "ambassador",
    "ambassadors",
    "representative",
    "representatives",
    "mediator",
    "emissary",
];

/// "role of Y X", "Y's role, X", "Y role X": a name right after the phrase.
fn holder_right(ctx: Ctx, body: Arg, of_body: bool, cue_end: usize) -> Option<(&'static str, Arg)> {
    let toks = ctx.toks;
    let mut k = if of_body { body.pos + 1 } else { cue_end };
    let posted = cue_end > 0 && toks[cue_end - 1].is_any(POSTED_ROLES);
    if !of_body
        && toks
            .get(k)
            .is_some_and(|t| t.is("to") || (posted && t.is("for")))
    {
        // "Varan's ambassador to Lorsk, Ana Brel": where the post is, not whose
        let j = if toks.get(k + 1).is_some_and(|t| t.is("the")) {
            k + 2
        } else {
            k + 1
        };
        if toks.get(j).is_some_and(|t| t.ent.is_some()) && args::ends_phrase(toks, j) {
            k = j + 1;
        }
    }
    if toks.get(k).is_some_and(|t| t.is(".")) && toks.get(k + 1).is_some_and(|t| t.ent.is_some()) {
        k += 1; // "Gen. X"
    }
    let mut comma = false;
    if toks.get(k).is_some_and(|t| t.is(",")) {
        k += 1;
        comma = true;
    }
    if comma && !of_body && toks.get(k).is_some_and(|t| t.is("the")) {
        // "Y's proxy, the Ridge Brigade, …": a body named in a closed appositive
        let closed = toks.get(k + 2).is_some_and(|t| t.is(","));
        if let Some(ent) = toks.get(k + 1).and_then(|t| t.ent).filter(|_| closed) {
            if ent.kind == EntityKind::Org && ent.local != body.ent.local {
                let arg = Arg {
                    ent,
                    pos: k + 1,
                    from_previous: false,
                    by_reference: false,
                };
                return Some(("role_appositive", arg));
            }
        }
    }
    if !comma && toks.get(k).is_some_and(|t| t.is_any(&["for", "of"])) {
        // "Deputy Minister for Reconstruction, X"
        let mut j = k + 1;
        while toks.get(j).is_some_and(|t| t.tag == Tag::Word && t.cap) {
            j += 1;
        }
        if j > k + 1 && toks.get(j).is_some_and(|t| t.is(",")) {
            k = j + 1;
        }
    }
    for _ in 0..4 {
        // titles before the name: "General", "Maj. Gen."
        if toks
            .get(k)
            .is_some_and(|t| (t.tag == Tag::Word && t.cap) || t.is("."))
        {
            k += 1;
        }
    }
    let ent = toks.get(k)?.ent?;
    if ent.kind != EntityKind::Person || ent.local == body.ent.local {
        return None;
    }

    Some((
        "role_title",
        Arg {
            ent,
            pos: k,
            from_previous: false,
            by_reference: false,
        },
    ))
}

/// Verbs that take an event noun as object ("launched an offensive against").
const LIGHT_VERBS: &[&str] = &[
    "launched",
    "launch",
    "launches",
    "launching",
    "carried",
    "carry",
    "carries",
    "carrying",
    "conducted",
    "conduct",
    "conducts",
    "conducting",
    "waged",
    "wage",
    "wages",
    "waging",
    "staged",
    "mounted",
    "led",
    "leads",
    "began",
    "begun",
    "started",
    "continued",
    "continues",
    "intensified",
    "escalated",
    "provided",
    "provide",
    "provides",
    "providing",
    "gave",
    "give",
    "gives",
    "giving",
    "offered",
    "offer",
    "offers",
    "extended",
    "pledged",
    "sent",
    "send",
    "sends",
    "delivered",
    "supplied",
    "committed",
    "perpetrated",
    "orchestrated",
    "ordered",
    "planned",
    "claimed",
    "announced",
    "expanded",
    "increased",
    "maintains",
    "maintained",
    "declared",
    "collaborated",
    "participated",
    "involved",
    "joined",
    "stepped",
    "resumed",
    "lent",
    "lend",
    "lends",
    "threw",
    "throws",
    "has",
    "have",
    "had",
    "expressed",
    "voiced",
    "signed",
    "formed",
    "forged",
    "held",
    "holds",
    "built",
    "deepened",
    "strengthened",
    "established",
    "imposed",
    "impose",
    "imposes",
    "announces",
    "renewed",
    "build",
    "builds",
    "maintain",
    "engaged",
    "engages",
    "engaging",
    "responsible",
    "behind",
];

/// Nouns that count events ("a series of attacks").
const QUANTITY_NOUNS: &[&str] = &[
    "series", "wave", "spate", "string", "number", "campaign", "barrage", "string", "dozens",
    "hundreds", "couple",
];

/// An event noun: the object after its preposition; the subject its possessor, the name
/// before it, "by X" after the object, or the subject of the light verb before it.
fn event(ctx: Ctx, m: CueMatch) -> Vec<Pair> {
    let toks = ctx.toks;
    let subj_first = event_subject_left(ctx, m.start);
    let avoid = subj_first.first().map(|a| a.ent.local);
    let objs = args::right(ctx, m.end, avoid);
    let Some(last) = objs.last() else {
        return Vec::new();
    };
    if !subj_first.is_empty() {
        return cross("event", 0.7, &subj_first, &objs);
    }
    let mut k = last.pos + 1;
    while toks.get(k).is_some_and(|t| t.tag == Tag::Adv) {
        k += 1;
    }
    if toks.get(k).is_some_and(|t| t.is("by")) {
        let subjs = args::right(ctx, k + 1, Some(last.ent.local));
        return cross("event_by", 0.7, &subjs, &objs);
    }
    Vec::new()
}

fn event_subject_left(ctx: Ctx, start: usize) -> Vec<Arg> {
    let toks = ctx.toks;
    let mut k = start;
    let mut n_mod = 0;
    while k > 0 && n_mod < 4 {
        let t = &toks[k - 1];
        // "a series of attacks", "a wave of strikes"
        let quantity_of = t.is("of") && k >= 2 && toks[k - 2].is_any(QUANTITY_NOUNS);
        let modifier =
            matches!(t.tag, Tag::Word | Tag::Hyphen | Tag::Num) && !t.is_any(LIGHT_VERBS);
        if !(quantity_of || modifier) {
            break;
        }
        k -= 1;
        n_mod += 1;
    }
    if k == 0 {
        return Vec::new();
    }
    let t = &toks[k - 1];
    if t.is_any(&["its", "their", "his", "her"]) {
        // "their advance against X": the possessive pronoun's entity
        let wants = if t.is_any(&["his", "her"]) {
            refer::Wants::Person
        } else {
            refer::Wants::Body
        };
        return refer::resolve(ctx.sents, ctx.cur, k - 1, &t.lower, wants, None)
            .map(|(ent, prev)| Arg {
                ent,
                pos: k - 1,
                from_previous: prev,
                by_reference: true,
            })
            .into_iter()
            .collect();
    }
    if t.tag == Tag::Poss && k >= 2 {
        return toks[k - 2]
            .ent
            .map(|ent| Arg {
                ent,
                pos: k - 2,
                from_previous: false,
                by_reference: false,
            })
            .into_iter()
            .collect();
    }
    if let Some(ent) = t.ent {
        // "a Varanese attack", but not "the harbour depot bombings": a name that
        // modifies another noun is not the agent
        if ent.kind != EntityKind::Place && n_mod == 0 {
            return vec![Arg {
                ent,
                pos: k - 1,
                from_previous: false,
                by_reference: false,
            }];
        }
        return Vec::new();
    }
    // back over determiners and particles to a light verb
    let mut j = k;
    while j > 0
        && (matches!(toks[j - 1].tag, Tag::Det | Tag::Num | Tag::Adv)
            || toks[j - 1].is_any(&["out", "up", "in", "for", "of"]))
    {
        j -= 1;
    }
    if j > 0 && toks[j - 1].is_any(LIGHT_VERBS) {
        return args::left(ctx, j - 1);
    }
    Vec::new()
}

/// `S-cue O`: "Iranian-backed militias", "a U.S.-designated group".
fn modifier(ctx: Ctx, m: CueMatch) -> Vec<Pair> {
    let toks = ctx.toks;
    if m.start < 2 || toks[m.start - 1].tag != Tag::Hyphen || !toks[m.start - 1].glued {
        return Vec::new();
    }
    let Some(ent) = toks[m.start - 2].ent else {
        return Vec::new();
    };
    let s = Arg {
        ent,
        pos: m.start - 2,
        from_previous: false,
        by_reference: false,
    };
    let head = compound_target(ctx, m.end, m.start - 2);
    head.map(|o| vec![("modifier", 0.75, s, o)])
        .unwrap_or_default()
}

/// What a compound modifier ending before `k` describes: a name right after (past up to
/// three words), or the name an appositive or a copula holding the compound describes.
fn compound_target(ctx: Ctx, k: usize, mod_start: usize) -> Option<Arg> {
    let toks = ctx.toks;
    let mut j = k;
    for _ in 0..3 {
        match toks.get(j) {
            Some(t) if t.ent.is_some() => {
                if !args::ends_phrase(toks, j) {
                    // "a Velan-based Front member": the phrase's head is not the name
                    break;
                }
                return Arg::at(toks, j);
            }
            // "the Varan-backed militias known as the Ridge Brigades": the name it goes by
            Some(_) if j > k && args::naming_at(toks, j).is_some() => {
                return Arg::at(toks, args::naming_at(toks, j)?);
            }
            Some(t) if t.tag == Tag::Word && t.is_any(args::TYPE_NOUNS) => {
                // "the Front-held town of Deir Safra"
                j += 1;
                if toks.get(j).is_some_and(|t| t.is("of")) {
                    j += 1;
                }
            }
            // "the Varan-backed groups stands X": a noun the compound modifies heads the
            // phrase unless a name follows it in apposition ("the Varan-backed militia X")
            Some(t)
                if t.tag == Tag::Word
                    && !t.cap
                    && args::heads_phrase(t)
                    && toks.get(j + 1).is_none_or(|n| n.ent.is_none())
                    && args::naming_at(toks, j + 1).is_none() =>
            {
                break;
            }
            Some(t) if t.tag == Tag::Word && !t.cap => j += 1,
            _ => break,
        }
    }
    // ", a S-backed group," — the name before the appositive.
    let mut p = mod_start;
    while p > 0 && matches!(toks[p - 1].tag, Tag::Det | Tag::Adv | Tag::Word) {
        p -= 1;
    }
    let before = toks.get(p.checked_sub(1)?)?;
    // ", a S-backed group," and "X is a S-based company": the name the phrase describes
    let copula = before.is_any(&["is", "was"]) && before.tag == Tag::Aux;
    if p < mod_start
        && (before.is(",") || copula)
        && toks
            .get(p)
            .is_some_and(|t| t.is_any(&["a", "an"]) || (!copula && t.tag == Tag::Det))
    {
        let h = p.checked_sub(2)?;
        let ent = toks.get(h)?.ent?;
        return Some(Arg {
            ent,
            pos: h,
            from_previous: false,
            by_reference: false,
        });
    }
    None
}

/// `cue-O S`: "pro-Tehran militias" (the militias support Tehran).
fn pro(ctx: Ctx, m: CueMatch) -> Vec<Pair> {
    let toks = ctx.toks;
    if !toks.get(m.end).is_some_and(|t| t.tag == Tag::Hyphen) {
        return Vec::new();
    }
    let Some(ent) = toks.get(m.end + 1).and_then(|t| t.ent) else {
        return Vec::new();
    };
    let o = Arg {
        ent,
        pos: m.end + 1,
        from_previous: false,
        by_reference: false,
    };
    compound_target(ctx, m.end + 2, m.start)
        .map(|s| vec![("pro", 0.7, s, o)])
        .unwrap_or_default()
}

/// "under the cue of S" / "under S's cue": S to the actor of the clause.
fn under(ctx: Ctx, m: CueMatch) -> Vec<Pair> {
    let toks = ctx.toks;
    let (u, s) =
        if m.start >= 3 && toks[m.start - 1].tag == Tag::Poss && toks[m.start - 3].is("under") {
            (m.start - 3, toks[m.start - 2].ent.map(|e| (e, m.start - 2)))
        } else {
            let mut u = m.start;
            while u > 0 && toks[u - 1].tag == Tag::Det {
                u -= 1;
            }
            if u == 0 || !toks[u - 1].is("under") || !toks.get(m.end).is_some_and(|t| t.is("of")) {
                return Vec::new();
            }
            let s = args::right(ctx, m.end + 1, None)
                .first()
                .map(|a| (a.ent, a.pos));
            (u - 1, s)
        };
    let Some((ent, pos)) = s else {
        return Vec::new();
    };
    let s = Arg {
        ent,
        pos,
        from_previous: false,
        by_reference: false,
    };
    let actor = if u > 0 && toks[u - 1].ent.is_some() {
        args::left(ctx, u)
    } else if u > 1 && toks[u - 1].is(",") {
        args::left(ctx, u - 1).into_iter().take(1).collect()
    } else if u == 0 {
        let close = (pos..toks.len()).find(|&k| toks[k].is(","));
        close
            .and_then(|c| toks.get(c + 1).and_then(|t| t.ent).map(|e| (e, c + 1)))
            .map(|(ent, pos)| Arg {
                ent,
                pos,
                from_previous: false,
                by_reference: false,
            })
            .into_iter()
            .collect()
    } else {
        Vec::new()
    };
    cross("under", 0.7, &[s], &actor)
}

/// "in coordination with O": the clause's actor to O.
fn adjunct(ctx: Ctx, m: CueMatch) -> Vec<Pair> {
    let toks = ctx.toks;
    let objs = args::right(ctx, m.end, None);
    let initial = toks[..m.start].iter().all(|t| t.ent.is_none());
    let actor = args::sentence_subject(ctx, m.start).or_else(|| {
        // "In close cooperation with Varan, Okafor planned …": after the comma
        let last = objs.last()?.pos;
        let comma = (last..toks.len()).find(|&k| toks[k].is(","))?;
        let ent = toks.get(comma + 1)?.ent.filter(|_| initial)?;
        let verb = toks
            .get(comma + 2)
            .is_some_and(|t| matches!(t.tag, Tag::Word | Tag::Aux | Tag::Adv | Tag::Modal));
        verb.then_some(Arg {
            ent,
            pos: comma + 1,
            from_previous: false,
            by_reference: false,
        })
    });
    let Some(actor) = actor else {
        return Vec::new();
    };
    cross("adjunct", 0.6, &[actor], &objs)
}

/// "cue between A and B".
fn between(ctx: Ctx, m: CueMatch) -> Vec<Pair> {
    let toks = ctx.toks;
    if !toks.get(m.end).is_some_and(|t| t.is("between")) {
        return Vec::new();
    }
    let both = args::right(ctx, m.end + 1, None);
    pairs_within("between", 0.7, &both)
}

/// Rules that need no cue word: an actor "in" a place, one body's possessive of another
/// ("Israel's Mossad"), a state's adjective before a body ("Iranian Quds Force").
fn structural(ctx: Ctx, raws: &mut Vec<Raw>) {
    let toks = ctx.toks;
    let arg = |pos: usize| Arg::at(toks, pos);
    for i in 0..toks.len() {
        let Some(a) = arg(i) else { continue };
        if let Some((other, mention, word)) = a.ent.name_modifier {
            // "the U.S.-led coalition" named as one: the compound inside the name
            let s = Arg {
                ent: Ent {
                    local: other,
                    mention,
                    kind: EntityKind::Org,
                    state: false,
                    capital_of: None,
                    name_modifier: None,
                    demonym: false,
                },
                ..a
            };
            for cue in Lexicon::builtin().modifiers(word) {
                let (subject, object) = if cue.inverse { (a, s) } else { (s, a) };
                raws.push(plain(
                    subject,
                    cue.predicate,
                    object,
                    (i, i + 1),
                    "name_modifier",
                    0.55,
                ));
            }
        }
        let next = toks.get(i + 1);
        if next.is_some_and(|t| t.is_any(&["in", "inside", "across", "throughout"])) {
            let k = if toks.get(i + 2).is_some_and(|t| t.is("the")) {
                i + 3
            } else {
                i + 2
            };
            let actor = a.ent.kind == EntityKind::Org && !a.ent.is_place_like();
            if let Some(p) = arg(k).filter(|p| actor && p.ent.is_place_like()) {
                raws.push(plain(
                    a,
                    Predicate::OperatesIn,
                    p,
                    (i + 1, i + 2),
                    "actor_in_place",
                    0.6,
                ));
            }
        }
        if next.is_some_and(|t| t.tag == Tag::Poss) {
            // "the Front's Varan office": a state's name before a noun only modifies it
            let modifier = |b: &Arg| {
                b.ent.state
                    && toks
                        .get(b.pos + 1)
                        .is_some_and(|t| t.tag == Tag::Word && !t.cap)
            };
            let head = arg(i + 2).filter(|b| args::ends_phrase(toks, b.pos) && !modifier(b));
            if let Some(b) = head {
                if a.ent.kind == EntityKind::Org
                    && matches!(b.ent.kind, EntityKind::Org | EntityKind::Person)
                {
                    raws.push(plain(
                        b,
                        Predicate::MemberOf,
                        a,
                        (i + 1, i + 2),
                        "possessive_member",
                        0.6,
                    ));
                }
            }
        }
        if a.ent.state {
            if let Some(b) = arg(i + 1).filter(|b| {
                !toks[i + 1].glued
                    && matches!(b.ent.kind, EntityKind::Org | EntityKind::Person)
                    && !b.ent.state
            }) {
                raws.push(plain(
                    b,
                    Predicate::MemberOf,
                    a,
                    (i, i + 1),
                    "state_adjective",
                    0.55,
                ));
            }
        }
    }
    retaken_from(ctx, raws);
}

/// Verbs and nouns of taking a place back from its holder.
const RETAKE: &[&str] = &[
    "retake",
    "retakes",
    "retook",
    "retaken",
    "retaking",
    "recapture",
    "recaptures",
    "recaptured",
    "recapturing",
    "liberate",
    "liberates",
    "liberated",
    "liberating",
    "liberation",
    "wrest",
    "wrests",
    "wrested",
    "wresting",
];

/// "retake Port Vela from the Harbor Front", "the liberation of Lorsk from the Front": the
/// one it is taken from held the place (a standing fact the sentence presupposes).
fn retaken_from(ctx: Ctx, raws: &mut Vec<Raw>) {
    let toks = ctx.toks;
    for (v, t) in toks.iter().enumerate() {
        if t.tag != Tag::Word || !t.is_any(RETAKE) {
            continue;
        }
        let mut places: Vec<Arg> = Vec::new();
        let mut k = v + 1;
        // a list of places may stand between ("the towns of A, B, C and D from X")
        while k < toks.len() && k <= v + 16 {
            let w = &toks[k];
            if w.is("from") {
                break;
            }
            match w.tag {
                Tag::Ent => {
                    // "the Varanese towns of …": a state's adjective only modifies
                    let head = toks.get(k + 1).is_none_or(|n| n.tag != Tag::Word || n.cap);
                    if let Some(ent) = w.ent.filter(|e| e.is_place_like() && head) {
                        places.push(Arg {
                            ent,
                            pos: k,
                            from_previous: false,
                            by_reference: false,
                        });
                    }
                }
                Tag::Det | Tag::Adv | Tag::Word | Tag::Hyphen => {}
                Tag::Prep if w.is_any(&["of", "at", "in", "near"]) => {}
                Tag::Conj if w.is("and") => {}
                Tag::Punct if w.is(",") => {}
                _ => break,
            }
            k += 1;
        }
        if !toks.get(k).is_some_and(|w| w.is("from")) || places.is_empty() {
            continue;
        }
        let h = if toks.get(k + 1).is_some_and(|w| w.is("the")) {
            k + 2
        } else {
            k + 1
        };
        let Some(ent) = toks.get(h).and_then(|w| w.ent) else {
            continue;
        };
        if ent.is_place_like() || !args::ends_phrase(toks, h) {
            continue;
        }
        let holder = Arg {
            ent,
            pos: h,
            from_previous: false,
            by_reference: false,
        };
        for p in places {
            if p.ent.local != holder.ent.local {
                raws.push(plain(
                    holder,
                    Predicate::Controls,
                    p,
                    (v, v + 1),
                    "retaken_from",
                    0.6,
                ));
            }
        }
    }
}

fn plain(s: Arg, p: Predicate, o: Arg, cue: (usize, usize), rule: &'static str, conf: f32) -> Raw {
    Raw {
        subject: s,
        predicate: p,
        object: o,
        cue,
        rule,
        confidence: conf,
        means: None,
        kind: None,
        as_: None,
        role: None,
    }
}

/// A capital named where an actor stands ("Velm warned Tesh") is its state; a
/// body said to lead another controls it.
fn as_actors(mut r: Raw) -> Raw {
    r.subject.ent = r.subject.ent.as_actor();
    if r.predicate == Predicate::Leads && r.subject.ent.kind == EntityKind::Org {
        // a body that leads another ("the U.S.-led coalition") directs it: only a person
        // is a formal leader
        r.predicate = Predicate::Controls;
    }
    let actor_object = matches!(
        r.predicate,
        Predicate::Opposes
            | Predicate::Supports
            | Predicate::AlliedWith
            | Predicate::Meets
            | Predicate::Fights
            | Predicate::Designates
    );
    if actor_object {
        r.object.ent = r.object.ent.as_actor();
    }
    r
}

/// Whether the subject and object kinds fit the predicate.
fn fits(p: Predicate, s: Ent, o: Ent) -> bool {
    use EntityKind::{Group, Org, Person, Place};
    // a demonym no named state backs stands for no entity of the text
    if s.local == o.local || o.demonym {
        return false;
    }
    let actor = matches!(s.kind, Person | Org);
    match p {
        Predicate::Leads => s.kind == Person && o.kind == Org,
        Predicate::MemberOf => actor && o.kind == Org && !(s.state && o.state),
        Predicate::Controls => actor && (o.kind == Org || o.kind == Place),
        Predicate::Supports | Predicate::Opposes => (actor || s.kind == Group) && o.kind != Place,
        Predicate::AlliedWith | Predicate::Meets => actor && matches!(o.kind, Person | Org),
        Predicate::Fights => actor && o.kind != Place,
        Predicate::Attacks => actor || s.kind == Group,
        Predicate::Designates => actor && matches!(o.kind, Person | Org),
        Predicate::OperatesIn => actor && s.kind != Place && o.is_place_like(),
        Predicate::Appoints => actor && o.kind == Person,
        Predicate::Founded => actor && o.kind == Org,
        Predicate::SplitsFrom => actor && o.kind == Org && !o.state,
    }
}

fn keep_fitting(raws: Vec<Raw>) -> Vec<Raw> {
    let mut out: Vec<Raw> = raws
        .into_iter()
        .map(as_actors)
        .filter(|r| fits(r.predicate, r.subject.ent, r.object.ent))
        .collect();
    // the most specific predicate for a pair: leads over member_of, attacks over fights
    let snapshot = out.clone();
    out.retain(|r| {
        let general_of = match r.predicate {
            Predicate::MemberOf => Predicate::Leads,
            Predicate::Fights => Predicate::Attacks,
            _ => return true,
        };
        !snapshot.iter().any(|o| {
            o.predicate == general_of
                && o.subject.ent.local == r.subject.ent.local
                && o.object.ent.local == r.object.ent.local
        })
    });
    out
}

/// When a claim held: the time expression nearest the cue in its clause; else the time
/// that opens the sentence; else, for events, the latest earlier time of the paragraph.
fn claim_time(
    toks: &[Token],
    r: &Raw,
    times: &[time::Found],
    para: ParagraphTimes,
) -> Option<crate::TimeExpr> {
    let near = times
        .iter()
        .filter(|f| same_sentence_clause(toks, f.start, r.cue.0))
        .filter(|f| !dates_other_noun(toks, f, r.cue))
        .filter(|f| !dates_other_event(f, r, para.events))
        .min_by_key(|f| f.start.abs_diff(r.cue.0))
        .map(|f| f.time);
    let eventful = matches!(
        r.predicate,
        Predicate::Attacks | Predicate::Fights | Predicate::Meets | Predicate::Opposes
    );
    // an earlier sentence's time dates only a past event, not what the sentence says
    // holds now ("… is responsible for attacks")
    if in_present_relative(toks, r.cue.0) {
        return near;
    }
    let past = told_in_past(toks, r.cue.0);
    let earlier = if eventful && past { para.latest } else { None };
    // inside a quotation, "now" is when the speaker spoke
    let now = para
        .spoken
        .or(para.now)
        .filter(|_| progressive(toks, r.cue.0));
    near.or_else(|| framing_time(times))
        .or_else(|| report_time(toks, r.cue.0, times))
        .or(now)
        .or(earlier)
        .or(para.framing.filter(|_| past))
        .or(para.spoken)
}

/// Whether the cue at `cue` is the verb of a relative clause told in the present ("…,
/// which is fighting Y", "X, who leads Y"), or in the future of the past ("the group that
/// eventually would found Y"): the clause describes what holds of its antecedent, or what
/// came after the time the main clause tells, and the times of the main clause do not
/// date it.
fn in_present_relative(toks: &[Token], cue: usize) -> bool {
    const PRESENT: &[&str] = &["is", "are", "has", "have"];
    let mut present = toks.get(cue).is_some_and(|t| {
        t.lower.ends_with('s') && !t.lower.ends_with("ss") && !t.lower.ends_with("ed")
    });
    for k in (cue.saturating_sub(4)..cue).rev() {
        let t = &toks[k];
        match t.tag {
            Tag::Rel => return present,
            Tag::Aux if t.is_any(PRESENT) => present = true,
            Tag::Modal if t.is("would") => present = true,
            Tag::Adv | Tag::Neg => {}
            _ if t.is("that") => return present,
            _ => return false,
        }
    }
    false
}

/// Whether the cue at `cue` is a verb in the present progressive, active or passive ("is
/// designating", "are jointly taking action", "are being designated"): what the report
/// says is happening as it is written.
fn progressive(toks: &[Token], cue: usize) -> bool {
    let Some(t) = toks.get(cue) else { return false };
    let mut k = cue;
    let before = |k: usize| (0..k).rev().find(|&j| !matches!(toks[j].tag, Tag::Adv));
    if t.lower.ends_with("ed") {
        match before(k) {
            Some(j) if toks[j].is("being") => k = j,
            _ => return false,
        }
    } else if !t.lower.ends_with("ing") {
        return false;
    }
    before(k).is_some_and(|j| toks[j].is_any(&["is", "are", "am"]))
}

/// Whether a sentence with a cue at `cue` is told in a past tense: no present-tense
/// auxiliary, and a past one or a past-tense cue.
fn told_in_past(toks: &[Token], cue: usize) -> bool {
    const PRESENT: &[&str] = &["is", "are", "am", "has", "have", "does", "do"];
    const PAST: &[&str] = &["was", "were", "had", "did"];
    let present = toks.iter().any(|t| t.tag == Tag::Aux && t.is_any(PRESENT));
    let past = toks.iter().any(|t| t.is_any(PAST))
        || toks.get(cue).is_some_and(|t| t.lower.ends_with("ed"));
    !present && past
}

/// The date of the report whose "that" clause holds the cue ("X reported on June 20
/// that …", "X said Tuesday, May 3, that …"): what the report says held then.
fn report_time(toks: &[Token], cue: usize, times: &[time::Found]) -> Option<crate::TimeExpr> {
    times
        .iter()
        .filter(|f| f.end < cue)
        .find(|f| {
            let mut k = f.end;
            if toks.get(k).is_some_and(|t| t.is(",")) {
                k += 1;
            }
            let that = toks.get(k).is_some_and(|t| t.is("that"));
            let lo = f.start.saturating_sub(5);
            that && toks[lo..f.start].iter().any(|t| t.is_any(modality::SPEECH))
        })
        .map(|f| f.time)
}

/// Whether another event the sentence names (a verb or noun cue of another predicate)
/// stands between the claim's cue and the time: the time dates that nearer event ("In
/// league with X, Y planned raids ranging from … to the bombing of Z in 1994").
fn dates_other_event(f: &time::Found, r: &Raw, events: &[(usize, Predicate)]) -> bool {
    let (lo, hi) = if f.start >= r.cue.1 {
        (r.cue.1, f.start)
    } else {
        (f.end, r.cue.0)
    };
    events
        .iter()
        .any(|&(at, p)| p != r.predicate && lo <= at && at < hi)
}

/// Whether a time stands before a noun as its modifier ("the 2011 uprising", "a May
/// 2019 raid") and so dates that noun's event, not a cue outside the phrase (unless the
/// phrase is the cue's complement: "took part in the 2011 uprising").
fn dates_other_noun(toks: &[Token], f: &time::Found, cue: (usize, usize)) -> bool {
    let attributive = f.start > 0
        && toks[f.start - 1].tag == Tag::Det
        && toks
            .get(f.end)
            .is_some_and(|t| matches!(t.tag, Tag::Word | Tag::Ent | Tag::Hyphen));
    let head_end = (f.end..toks.len())
        .find(|&k| !matches!(toks[k].tag, Tag::Word | Tag::Ent | Tag::Hyphen))
        .unwrap_or(toks.len());
    // "clashed in the 2008 offensive": the phrase is an adverbial of time of the clause
    let adverbial = f.start >= 2 && toks[f.start - 2].is_any(&["in", "during", "at"]);
    attributive && !adverbial && !(f.end <= cue.0 && cue.0 < head_end)
}

/// The times earlier sentences of a paragraph give, and what else dates a sentence's
/// claims.
#[derive(Debug, Clone, Copy, Default)]
struct ParagraphTimes<'a> {
    /// The verbs and nouns of events the sentence's cues name, as (first token,
    /// predicate): a time nearer to another event than to a claim's cue is that event's.
    events: &'a [(usize, Predicate)],
    /// The latest time expression of any earlier sentence.
    latest: Option<crate::TimeExpr>,
    /// The time that opens the nearest earlier sentence opening with one ("In 2015, …"):
    /// it sets the scene for the rest of the paragraph.
    framing: Option<crate::TimeExpr>,
    /// The document's date: when what a sentence tells in the present progressive ("X is
    /// designating Y") happens.
    now: Option<crate::TimeExpr>,
    /// The time of the paragraph that introduces the quotation the sentence stands in
    /// ("It was May 2004. In a letter, X wrote" before "“We are arming them …”"): what
    /// the speaker says held when they said it.
    spoken: Option<crate::TimeExpr>,
}

/// A time that opens the sentence ("As of May 2018, …", "It was June 2004, …")
/// and so frames everything it says, standing facts included.
fn framing_time(times: &[time::Found]) -> Option<crate::TimeExpr> {
    times.first().filter(|f| f.start <= 3).map(|f| f.time)
}

/// The framing time that also dates a standing fact: an adverbial of its own ("In 2015,",
/// "As of May 2018,", "It was June 2004,"), not the document's "today" nor a
/// time inside another phrase ("During the April 2016 raid").
fn standing_time(toks: &[Token], times: &[time::Found]) -> Option<crate::TimeExpr> {
    let f = times.first().filter(|f| f.start <= 3)?;
    let own = f.start == 0
        || toks[f.start - 1].is_any(&["in", "of", "was", "since", "by", "until", "from"]);
    (own && !toks[f.start].is("today")).then_some(f.time)
}

/// The time of a standing fact read from a description: a framing time that names a
/// period ("In 2015, the group's leader X …", "As of May 2018,"), not one that names a
/// day ("On Monday, the group's leader X said …"), which dates the sentence's event.
fn background_time(toks: &[Token], times: &[time::Found]) -> Option<crate::TimeExpr> {
    standing_time(toks, times).filter(|_| times.first().is_some_and(|f| !f.day))
}

/// The times the earlier sentences of sentence `idx`'s paragraph give.
fn paragraph_time(doc: &Document, sents: &[Sent], idx: usize) -> ParagraphTimes<'static> {
    let Some(para) = sents.get(idx).map(|s| s.paragraph) else {
        return ParagraphTimes::default();
    };
    let mut out = ParagraphTimes {
        now: doc.meta.date.map(crate::TimeExpr::on),
        ..ParagraphTimes::default()
    };
    for s in (0..idx).rev().take_while(|&s| sents[s].paragraph == para) {
        let found = time::find(&sents[s].toks, doc.meta.date);
        if out.latest.is_none() {
            out.latest = found.last().map(|f| f.time);
        }
        if out.framing.is_none() {
            out.framing = standing_time(&sents[s].toks, &found)
                .filter(|_| found.first().is_some_and(|f| f.start == 0 || f.start == 1));
        }
    }
    out.spoken = spoken_time(doc, sents, idx);
    out
}

/// How many paragraphs a quotation can run after its lead-in.
const MAX_QUOTED_PARAGRAPHS: usize = 4;

/// The time of the lead-in paragraph ("…, X wrote" or "X said:") before the run of
/// paragraphs opening with a quotation mark that sentence `idx` stands in: the framing
/// time of its sentences, else its latest time.
fn spoken_time(doc: &Document, sents: &[Sent], idx: usize) -> Option<crate::TimeExpr> {
    let mut s = idx;
    for _ in 0..MAX_QUOTED_PARAGRAPHS {
        let para = sents[s].paragraph;
        let first = (0..=s)
            .rev()
            .take_while(|&k| sents[k].paragraph == para)
            .last()?;
        if !sents[first]
            .toks
            .first()
            .is_some_and(modality::is_double_quote)
        {
            return None;
        }
        let intro = first.checked_sub(1)?;
        if !modality::is_intro(&sents[intro]) {
            s = intro;
            continue;
        }
        let para = sents[intro].paragraph;
        let mut latest = None;
        for k in (0..=intro)
            .rev()
            .take_while(|&k| sents[k].paragraph == para)
        {
            let found = time::find(&sents[k].toks, doc.meta.date);
            if let Some(t) = standing_time(&sents[k].toks, &found) {
                return Some(t);
            }
            latest = latest.or(found.last().map(|f| f.time));
        }
        return latest;
    }
    None
}

/// The place a claim happened in: a place after in/at/near, nearest the cue, not one of
/// its sides.
fn claim_place(toks: &[Token], r: &Raw) -> Option<Arg> {
    if !matches!(
        r.predicate,
        Predicate::Attacks | Predicate::Fights | Predicate::Meets
    ) {
        return None;
    }
    toks.iter()
        .enumerate()
        .filter(|(i, t)| {
            t.ent.is_some_and(|e| {
                e.is_place_like() && e.local != r.subject.ent.local && e.local != r.object.ent.local
            }) && *i >= 1
                && (toks[i - 1].is_any(&["in", "at", "near", "outside", "inside"])
                    || (*i >= 2
                        && toks[i - 1].is("the")
                        && toks[i - 2].is_any(&["in", "at", "near"])))
                && same_clause(toks, *i, r.cue.0)
        })
        .min_by_key(|(i, _)| i.abs_diff(r.cue.0))
        .and_then(|(i, t)| {
            t.ent.map(|ent| Arg {
                ent,
                pos: i,
                from_previous: false,
                by_reference: false,
            })
        })
}

/// Whether no clause boundary (punctuation, a relative pronoun, a subordinating
/// conjunction) stands between tokens `a` and `b`.
fn same_clause(toks: &[Token], a: usize, b: usize) -> bool {
    let (lo, hi) = (a.min(b), a.max(b));
    !toks[lo + 1..hi].iter().any(|t| {
        (t.tag == Tag::Punct && !t.is_any(&["(", ")"]))
            || t.tag == Tag::Rel
            || t.is_any(&[
                "since", "that", "while", "when", "because", "after", "before", "where",
            ])
    })
}

/// Whether no relative or subordinate clause opens between tokens `a` and `b` (commas
/// may: a time set off by a comma still dates the clause).
fn same_sentence_clause(toks: &[Token], a: usize, b: usize) -> bool {
    let (lo, hi) = (a.min(b), a.max(b));
    !toks[lo + 1..hi].iter().any(|t| {
        t.is_any(&[";", "\u{2014}", "\u{2013}"])
            || t.tag == Tag::Rel
            || t.is_any(&[
                "since", "that", "while", "when", "because", "after", "before", "where",
            ])
    })
}

/// Whether the claim's object is itself the scene ("attacks in Selvan Province", "killed 12
/// people in Lorsk"): the place it happened in is the object.
fn object_is_scene(toks: &[Token], r: &Raw) -> bool {
    r.predicate == Predicate::Attacks
        && r.object.ent.is_place_like()
        && (r.rule == "verb_scene"
            || r.cue.1 > 0 && toks.get(r.cue.1 - 1).is_some_and(|t| t.is("in")))
}

const VICTIMS: &[&str] = &[
    "people",
    "civilians",
    "persons",
    "men",
    "women",
    "children",
    "soldiers",
    "fighters",
    "prisoners",
    "detainees",
    "villagers",
    "worshippers",
    "protesters",
    "troops",
    "killed",
    "dead",
    "policemen",
    "members",
    "militants",
    "residents",
    "others",
    "officers",
];

/// For attacks: a number before a victim noun or a group's name ("12 people", "40
/// villagers"), or right after "killing"/"killed".
fn claim_count(toks: &[Token], r: &Raw) -> Option<u32> {
    if r.predicate != Predicate::Attacks {
        return None;
    }
    for (i, t) in toks.iter().enumerate() {
        if t.tag != Tag::Num {
            continue;
        }
        let Some(n) = number(&t.lower) else { continue };
        let next = toks.get(i + 1);
        let next2 = toks.get(i + 2);
        let victim = |x: Option<&Token>| {
            x.is_some_and(|x| {
                x.is_any(VICTIMS) || x.ent.is_some_and(|e| e.kind == EntityKind::Group)
            })
        };
        if victim(next) || (next.is_some_and(|x| x.tag == Tag::Word) && victim(next2)) {
            return Some(n);
        }
    }
    None
}

fn number(w: &str) -> Option<u32> {
    if w.bytes().all(|b| b.is_ascii_digit() || b == b',') {
        let digits: String = w.chars().filter(|c| c.is_ascii_digit()).collect();
        return digits
            .parse()
            .ok()
            .filter(|&n| n > 0 && !(1900..=2099).contains(&n));
    }
    const WORDS: &[&str] = &[
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ];
    WORDS.iter().position(|x| *x == w).map(|i| i as u32 + 1)
}

fn finish(
    ctx: Ctx,
    r: &Raw,
    attrs: &[Attribution],
    quoted: &[Attribution],
    excerpt: Option<Ent>,
    times: &[time::Found],
    para_time: ParagraphTimes,
) -> Claim {
    let toks = ctx.toks;
    let sent = &ctx.sents[ctx.cur];
    let subj_end = r.subject.pos + 1;
    let background = is_background(r.rule);
    let (modality, source) = if background {
        // a standing fact in a quoted excerpt is still the excerpt's; so is a role the
        // quoted words of a named speaker state with a copula ("X writes, “… are A and
        // B”"), though a title or appositive they name someone by is the writer's too
        let m = modality::background(toks, r.cue, subj_end);
        let stated = matches!(r.rule, "role_copula" | "role_listed");
        let speaker = quoted
            .iter()
            .filter(|a| stated && a.from <= r.cue.0 && r.cue.0 < a.to)
            .find_map(|a| a.speaker);
        match speaker.or(excerpt) {
            Some(src) => (m.stronger(Modality::Reported), Some(src)),
            None => (m, None),
        }
    } else {
        modality::judge(toks, r.cue, subj_end, attrs)
    };
    let source =
        source.filter(|s| s.local != r.subject.ent.local || r.predicate != Predicate::Opposes);
    let place = if object_is_scene(toks, r) {
        Some(r.object)
    } else {
        claim_place(toks, r)
    };
    let from_prev = r.subject.from_previous || r.object.from_previous;
    let mut sentences = vec![sent.idx];
    let mut evidence = sent.span;
    if from_prev && ctx.cur > 0 {
        let prev = &ctx.sents[ctx.cur - 1];
        sentences.insert(0, prev.idx);
        evidence = Span {
            start: prev.span.start,
            end: sent.span.end,
        };
    }
    let mut confidence = r.confidence;
    if r.subject.by_reference || r.object.by_reference {
        confidence *= 0.8;
    }
    Claim {
        subject: r.subject.ent.local,
        predicate: r.predicate,
        object: r.object.ent.local,
        modality,
        source: source.map(|s| s.local),
        time: if background {
            // "then-Defense Secretary X": the role held at the time the paragraph tells of
            let then = toks[r.cue.0.saturating_sub(2)..r.cue.0]
                .iter()
                .any(|t| t.is("then"));
            background_time(toks, times).or_else(|| {
                then.then(|| {
                    framing_time(times)
                        .or(para_time.framing)
                        .or(para_time.latest)
                })
                .flatten()
            })
        } else {
            claim_time(toks, r, times, para_time)
        },
        place: place.map(|p| p.ent.local),
        count: claim_count(toks, r),
        role: r.role,
        means: r.means,
        kind: r.kind,
        as_: r.as_.map(|_| toks[r.cue.0].span),
        sentences,
        evidence,
        mentions: ClaimMentions {
            subject: r.subject.ent.mention,
            object: r.object.ent.mention,
            source: source.map(|s| s.mention),
            place: place.map(|p| p.ent.mention),
        },
        rule: r.rule,
        confidence,
    }
}

/// Whether a rule reads a standing fact from a name's description (a role, a possessive,
/// a compound) rather than an event the sentence reports: such claims are asserted and
/// timeless whatever the sentence's attribution.
fn is_background(rule: &str) -> bool {
    rule.starts_with("role_")
        || matches!(
            rule,
            "possessive_member"
                | "retaken_from"
                | "state_adjective"
                | "modifier"
                | "pro"
                | "actor_in_place"
                | "verb_participle"
                | "name_modifier"
        )
}

fn same_key(a: &Claim, b: &Claim) -> bool {
    if a.predicate != b.predicate {
        return false;
    }
    let direct = a.subject == b.subject && a.object == b.object;
    let swapped = a.subject == b.object && a.object == b.subject;
    direct || (a.predicate.is_symmetric() && swapped)
}

/// Joins a claim read across two sentences (its second sentence naming the first's
/// entities by reference, "X funds Y. X's government denied that it supports the group")
/// to the claim of the same key that the first sentence makes alone: one claim on the
/// two sentences, with the stronger modality, and the source of the cue that won.
pub fn join_across_sentences(claims: &mut Vec<Claim>) {
    let mut i = 0;
    while i < claims.len() {
        let c = &claims[i];
        let [first, second] = c.sentences[..] else {
            i += 1;
            continue;
        };
        let earlier = claims[..i]
            .iter()
            .rposition(|d| d.sentences == [first] && same_key(d, c) && second == first + 1);
        let Some(j) = earlier else {
            i += 1;
            continue;
        };
        let c = claims.remove(i);
        let d = &mut claims[j];
        if c.modality.stronger(d.modality) != d.modality {
            d.modality = c.modality;
            d.source = c.source.or(d.source);
            d.mentions.source = c.mentions.source.or(d.mentions.source);
        }
        d.sentences = c.sentences;
        d.evidence = Span {
            start: d.evidence.start.min(c.evidence.start),
            end: c.evidence.end,
        };
    }
}

/// Adds a claim unless the sentence already has one with the same key.
fn push_unique(out: &mut Vec<Claim>, from: usize, claim: Claim) {
    if !out[from..].iter().any(|c| same_key(c, &claim)) {
        out.push(claim);
    }
}

/// An actor that attacks or fights in a place operates in it.
fn derived_presence(out: &mut Vec<Claim>, from: usize) {
    let derived: Vec<Claim> = out[from..]
        .iter()
        .filter(|c| matches!(c.predicate, Predicate::Attacks | Predicate::Fights))
        .filter_map(|c| {
            let place = c.place.filter(|&p| p != c.object)?;
            Some(Claim {
                predicate: Predicate::OperatesIn,
                object: place,
                mentions: ClaimMentions {
                    object: c.mentions.place?,
                    ..c.mentions
                },
                place: None,
                count: None,
                kind: None,
                rule: "presence_from_event",
                confidence: c.confidence * 0.8,
                ..c.clone()
            })
        })
        .collect();
    for c in derived {
        if c.subject != c.object {
            push_unique(out, from, c);
        }
    }
}
