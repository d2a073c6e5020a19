//! Modality and source: whether the text asserts a claim, attributes it to someone
//! ("X said", "according to X", a quotation with its speaker), hedges it ("reportedly",
//! "accused of"), negates it or makes it hypothetical ("may", "plans to", a question).
//! The strongest cue wins: denied > hypothetical > alleged > reported > asserted; the
//! source is the entity the claim is attributed to, whatever wins.

use crate::args::{self, Ctx};
use crate::tokens::{Ent, Sent, Tag, Token};
use std::fmt;

/// How the text holds a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Modality {
    /// Stated as fact.
    Asserted,
    /// Attributed to someone.
    Reported,
    /// Hedged.
    Alleged,
    /// Negated or denied.
    Denied,
    /// Possible, planned, asked.
    Hypothetical,
}

impl Modality {
    /// The ontology's name.
    pub fn name(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Reported => "reported",
            Modality::Alleged => "alleged",
            Modality::Denied => "denied",
            Modality::Hypothetical => "hypothetical",
        }
    }

    /// Precedence: a higher rank wins.
    fn rank(self) -> u8 {
        match self {
            Modality::Asserted => 0,
            Modality::Reported => 1,
            Modality::Alleged => 2,
            Modality::Hypothetical => 3,
            Modality::Denied => 4,
        }
    }

    /// The stronger of two modalities.
    pub fn stronger(self, other: Modality) -> Modality {
        if other.rank() > self.rank() {
            other
        } else {
            self
        }
    }
}

impl fmt::Display for Modality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Tokens of a sentence that report what someone said, and who.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attribution {
    /// First token of the reported content.
    pub from: usize,
    /// One past its last token.
    pub to: usize,
    /// The speaker, when a named entity.
    pub speaker: Option<Ent>,
    /// Whether the attribution itself hedges ("claimed", "alleged").
    pub hedged: bool,
}

const SPEECH: &[&str] = &[
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tells",
    "tell",
    "stated",
    "states",
    "added",
    "adds",
    "noted",
    "notes",
    "wrote",
    "writes",
    "explained",
    "explains",
    "announced",
    "announces",
    "confirmed",
    "confirms",
    "insisted",
    "insists",
    "argued",
    "argues",
    "reported",
    "reports",
    "concluded",
    "testified",
    "acknowledged",
    "admitted",
    "revealed",
    "disclosed",
    "believes",
    "stressed",
    "declared",
    "asserted",
    "quoted",
    "recalled",
    "observed",
    "suggested",
    "indicated",
    "estimated",
    "documented",
    "found",
];
/// Nouns whose "that" clause reports what someone says.
const REPORT_NOUNS: &[&str] = &[
    "news",
    "report",
    "reports",
    "disclosure",
    "disclosures",
    "revelation",
    "revelations",
    "statement",
    "announcement",
    "claim",
    "claims",
    "allegation",
    "allegations",
    "rumors",
    "rumours",
    "accusations",
    "assertion",
    "testimony",
];
/// Report nouns that hedge what they report.
const HEDGE_NOUNS: &[&str] = &[
    "claim",
    "claims",
    "allegation",
    "allegations",
    "rumors",
    "rumours",
    "accusations",
    "assertion",
];
const HEDGED_SPEECH: &[&str] = &["claimed", "claims", "claim", "alleged", "alleges", "allege"];
const HEDGES: &[&str] = &[
    "allegedly",
    "reportedly",
    "purportedly",
    "reputedly",
    "supposedly",
    "suspected",
    "alleged",
    "rumored",
    "rumoured",
    "unconfirmed",
    "apparently",
    "presumably",
];
const HEDGE_VERBS: &[&str] = &["accused", "said", "believed", "thought", "suspected"];
const HYPOTHETICAL: &[&str] = &[
    "plans",
    "planned",
    "planning",
    "plan",
    "intends",
    "intended",
    "aims",
    "aimed",
    "seeks",
    "sought",
    "wants",
    "wanted",
    "expected",
    "likely",
    "hopes",
    "hoped",
    "ready",
    "prepared",
    "possible",
    "possibly",
    "potential",
    "potentially",
    "considering",
    "considered",
    "proposed",
    "would",
    "could",
    "may",
    "might",
    "should",
    "will",
    "can",
    "must",
    "shall",
];
const DENIALS: &[&str] = &[
    "denied",
    "denies",
    "deny",
    "denying",
    "dismissed",
    "refuted",
];

/// The attributions of sentence `ctx.cur`: its speech verbs and "according to" phrases,
/// and the quotations of its paragraph whose speaker the paragraph names.
pub fn attributions(ctx: Ctx) -> Vec<Attribution> {
    let toks = ctx.toks;
    let mut out = Vec::new();
    for (v, t) in toks.iter().enumerate() {
        if t.is("according") && toks.get(v + 1).is_some_and(|n| n.is("to")) {
            let speaker = args::right(ctx, v + 2, None).first().map(|a| a.ent);
            let end = phrase_end(toks, v + 2);
            out.push(Attribution {
                from: 0,
                to: v,
                speaker,
                hedged: false,
            });
            out.push(Attribution {
                from: end,
                to: toks.len(),
                speaker,
                hedged: false,
            });
        } else if t.tag == Tag::Word && (t.is_any(SPEECH) || t.is_any(HEDGED_SPEECH)) {
            out.extend(speech_verb(ctx, v));
        } else if t.is_any(REPORT_NOUNS) && toks.get(v + 1).is_some_and(|n| n.is("that")) {
            // "the news that …", "reports that …", "allegations that …"
            out.push(Attribution {
                from: v + 2,
                to: toks.len(),
                speaker: None,
                hedged: t.is_any(HEDGE_NOUNS),
            });
        }
    }
    out
}

/// The first clause boundary after `k`.
fn phrase_end(toks: &[Token], k: usize) -> usize {
    (k..toks.len())
        .find(|&i| toks[i].is(",") || toks[i].is(":"))
        .map_or(toks.len(), |i| i + 1)
}

fn speech_verb(ctx: Ctx, v: usize) -> Option<Attribution> {
    let toks = ctx.toks;
    let hedged = toks[v].is_any(HEDGED_SPEECH);
    let mut b = v;
    while b > 0 && toks[b - 1].tag == Tag::Adv {
        b -= 1;
    }
    let infinitive = toks.get(v + 1).is_some_and(|t| t.is("to"));
    let in_clause = toks[..v].iter().any(|t| t.tag == Tag::Rel);
    if b > 0
        && !infinitive
        && !in_clause
        && toks[b - 1].is_any(&["is", "are", "was", "were", "been", "being"])
    {
        // "X is widely reported": the sentence is attributed, to no one named
        return Some(Attribution {
            from: 0,
            to: toks.len(),
            speaker: None,
            hedged,
        });
    }
    let left = args::left(ctx, v);
    if let Some(sp) = left.first() {
        // "A attacked B, X said." — the content is before the speaker.
        let trailing = sp.pos > 0
            && (toks[sp.pos - 1].is(",") || toks[sp.pos - 1].tag == Tag::Quote)
            && toks.len() - v <= 6;
        if trailing {
            return Some(Attribution {
                from: 0,
                to: sp.pos,
                speaker: Some(sp.ent),
                hedged,
            });
        }
        return Some(Attribution {
            from: v + 1,
            to: toks.len(),
            speaker: Some(sp.ent),
            hedged,
        });
    }
    // "..., said X" — inverted, the content before.
    if v > 0 && (toks[v - 1].is(",") || toks[v - 1].tag == Tag::Quote) {
        let speaker = args::right(ctx, v + 1, None).first().map(|a| a.ent);
        return Some(Attribution {
            from: 0,
            to: v,
            speaker,
            hedged,
        });
    }
    // "officials said that ...": attributed, unnamed.
    let unnamed = v > 0 && toks[v - 1].tag == Tag::Word;
    unnamed.then_some(Attribution {
        from: v + 1,
        to: toks.len(),
        speaker: None,
        hedged,
    })
}

/// For each sentence of the document, the token ranges inside a quotation whose speaker
/// the paragraph names ("…,” X said", "X said: “…”"), with the speaker.
pub fn quotations(sents: &[Sent]) -> Vec<Vec<Attribution>> {
    let mut out = vec![Vec::new(); sents.len()];
    let mut open: Option<(usize, usize)> = None;
    let mut pending: Vec<(usize, usize, usize)> = Vec::new();
    for (s, sent) in sents.iter().enumerate() {
        if s > 0 && sents[s - 1].paragraph != sent.paragraph {
            open = None;
            pending.clear();
        }
        for (i, t) in sent.toks.iter().enumerate() {
            if t.tag != Tag::Quote || t.is("'") || t.is("'s") {
                continue;
            }
            let opening = match t.lower.as_str() {
                "\u{201c}" | "\u{ab}" => true,
                "\u{201d}" | "\u{bb}" => false,
                _ => open.is_none(),
            };
            if opening {
                open = Some((s, i));
                continue;
            }
            let Some((s0, i0)) = open.take() else {
                continue;
            };
            let speaker = speaker_after(sents, s, i).or_else(|| speaker_before(sents, s0, i0));
            pending.push((s0, i0, s));
            if let Some(sp) = speaker {
                mark(&mut out, sents, (s0, i0), (s, i), sp);
            }
            pending.clear();
        }
    }
    out
}

fn mark(
    out: &mut [Vec<Attribution>],
    sents: &[Sent],
    (s0, i0): (usize, usize),
    (s1, i1): (usize, usize),
    speaker: Ent,
) {
    for (s, list) in out.iter_mut().enumerate().take(s1 + 1).skip(s0) {
        let from = if s == s0 { i0 + 1 } else { 0 };
        let to = if s == s1 { i1 } else { sents[s].toks.len() };
        list.push(Attribution {
            from,
            to,
            speaker: Some(speaker),
            hedged: false,
        });
    }
}

/// "…,” X said" / "…,” said X" / "…,” he said" right after a closing quote at `i`.
fn speaker_after(sents: &[Sent], s: usize, i: usize) -> Option<Ent> {
    let toks = &sents[s].toks;
    let ctx = Ctx {
        sents,
        cur: s,
        toks,
    };
    let mut k = i + 1;
    if toks.get(k).is_some_and(|t| t.is(",")) {
        k += 1;
    }
    for (v, t) in toks.iter().enumerate().take(k + 6).skip(k) {
        if t.is_any(SPEECH) {
            let left = args::left(ctx, v);
            if let Some(a) = left.first().filter(|a| a.pos >= k) {
                return Some(a.ent);
            }
            if v == k {
                return args::right(ctx, v + 1, None).first().map(|a| a.ent);
            }
        }
    }
    None
}

/// "X said: “…" / "X told Reuters, “…" just before an opening quote at `i`.
fn speaker_before(sents: &[Sent], s: usize, i: usize) -> Option<Ent> {
    let toks = &sents[s].toks;
    let ctx = Ctx {
        sents,
        cur: s,
        toks,
    };
    let lo = i.saturating_sub(5);
    let v = (lo..i).rev().find(|&v| toks[v].is_any(SPEECH))?;
    args::left(ctx, v).first().map(|a| a.ent)
}

/// The modality and source of a claim whose cue covers tokens `cue.0..cue.1` of the
/// sentence, with its subject ending at `subj_end`, given the sentence's attributions.
pub fn judge(
    toks: &[Token],
    cue: (usize, usize),
    subj_end: usize,
    attrs: &[Attribution],
) -> (Modality, Option<Ent>) {
    let mut m = Modality::Asserted;
    let mut source = None;
    let inside = attrs
        .iter()
        .filter(|a| a.from <= cue.0 && cue.0 < a.to)
        .min_by_key(|a| a.to - a.from);
    if let Some(a) = inside {
        m = if a.hedged {
            Modality::Alleged
        } else {
            Modality::Reported
        };
        source = a.speaker;
    }
    if hedged(toks, cue) {
        m = m.stronger(Modality::Alleged);
    }
    if hypothetical(toks, cue, subj_end) {
        m = m.stronger(Modality::Hypothetical);
    }
    if negated(toks, cue, subj_end) {
        m = m.stronger(Modality::Denied);
    }
    (m, source)
}

/// The modality of a standing fact read from a description: denied when its verb group
/// negates it, else asserted.
pub fn background(toks: &[Token], cue: (usize, usize), subj_end: usize) -> Modality {
    if negated(toks, cue, subj_end) {
        Modality::Denied
    } else {
        Modality::Asserted
    }
}

fn hedged(toks: &[Token], cue: (usize, usize)) -> bool {
    toks.iter().enumerate().any(|(i, t)| {
        if (cue.0..cue.1).contains(&i) {
            return false;
        }
        let next = toks.get(i + 1);
        t.is_any(HEDGES)
            || (t.is_any(HEDGE_VERBS)
                && i < cue.0
                && next.is_some_and(|n| n.is("of") || n.is("to")))
            || (t.is_any(&["claims", "claimed"]) && i < cue.0)
    })
}

/// The tokens between the subject and the cue: its verb group.
fn verb_group(toks: &[Token], cue: (usize, usize), subj_end: usize) -> &[Token] {
    let lo = if subj_end <= cue.0 && cue.0 - subj_end <= 6 {
        subj_end
    } else {
        cue.0.saturating_sub(3)
    };
    &toks[lo.min(cue.0)..cue.0.min(toks.len())]
}

fn hypothetical(toks: &[Token], cue: (usize, usize), subj_end: usize) -> bool {
    let question = toks.last().is_some_and(|t| t.is("?"))
        && toks.first().is_some_and(|t| {
            matches!(t.tag, Tag::Aux | Tag::Modal)
                || t.is_any(&[
                    "what", "why", "how", "who", "whom", "which", "where", "when",
                ])
        });
    if question {
        return true;
    }
    if verb_group(toks, cue, subj_end)
        .iter()
        .any(|t| t.is_any(HYPOTHETICAL))
    {
        return true;
    }
    let lo = cue.0.saturating_sub(8);
    toks[lo..cue.0.min(toks.len())]
        .iter()
        .any(|t| t.is_any(&["if", "whether", "unless"]))
}

fn negated(toks: &[Token], cue: (usize, usize), subj_end: usize) -> bool {
    if verb_group(toks, cue, subj_end)
        .iter()
        .any(|t| t.tag == Tag::Neg)
    {
        return true;
    }
    let lo = cue.0.saturating_sub(10);
    toks[lo..cue.0.min(toks.len())]
        .iter()
        .any(|t| t.is_any(DENIALS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precedence_follows_the_ontology() {
        let order = [
            Modality::Asserted,
            Modality::Reported,
            Modality::Alleged,
            Modality::Hypothetical,
            Modality::Denied,
        ];
        for (i, a) in order.iter().enumerate() {
            for b in &order[i..] {
                assert_eq!(a.stronger(*b), *b);
                assert_eq!(b.stronger(*a), *b);
            }
        }
    }
}
