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

pub(crate) const SPEECH: &[&str] = &[
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
/// Nouns and verbs of need, demand and pressure that make an infinitive after them a
/// course urged, not a fact ("the necessity for X to back Y", "urged X to arm Y").
const DEONTIC: &[&str] = &[
    "necessity",
    "necessary",
    "need",
    "needs",
    "needed",
    "urge",
    "urges",
    "urged",
    "urging",
    "call",
    "calls",
    "called",
    "demand",
    "demands",
    "demanded",
    "pressed",
    "pressing",
    "asked",
    "asks",
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
                from: fronted_clause_end(toks, v),
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

/// Where the main clause starts when the sentence opens with a subordinate clause that
/// ends with a comma before `v` ("After the Front took Port Vela, …"): the writer's
/// setting, which a trailing "according to X" does not cover. Else 0.
fn fronted_clause_end(toks: &[Token], v: usize) -> usize {
    const SUBORDINATORS: &[&str] = &["after", "before", "when", "since", "once", "while"];
    if !toks.first().is_some_and(|t| t.is_any(SUBORDINATORS)) {
        return 0;
    }
    (1..v.min(toks.len()))
        .find(|&i| toks[i].is(","))
        .map_or(0, |i| i + 1)
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
        // "officials in Port Vela said …": the speakers are unnamed, the name only
        // says where they are
        let speaker = (!located_speaker(toks, sp.pos)).then_some(sp.ent);
        // "A attacked B, X said." — the content is before the speaker.
        let trailing = sp.pos > 0
            && (toks[sp.pos - 1].is(",") || toks[sp.pos - 1].tag == Tag::Quote)
            && toks.len() - v <= 6;
        if trailing {
            return Some(Attribution {
                from: 0,
                to: sp.pos,
                speaker,
                hedged,
            });
        }
        return Some(Attribution {
            from: v + 1,
            to: toks.len(),
            speaker,
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

/// Whether the name at `pos` (with the names coordinated before it) only places an
/// unnamed speaker: "sources in Port Vela and Varan", "diplomats at the Harbor Front".
fn located_speaker(toks: &[Token], pos: usize) -> bool {
    let mut k = pos;
    while k >= 2 && toks[k - 1].is_any(&["and", ","]) && toks[k - 2].tag == Tag::Ent {
        k -= 2;
    }
    while k >= 1 && toks[k - 1].is("the") {
        k -= 1;
    }
    k >= 2
        && toks[k - 1].is_any(&["in", "at", "inside"])
        && toks[k - 2].tag == Tag::Word
        && (k == 2 || !toks[k - 2].cap)
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
    if let Some(name) = name_before_appositive_speech(toks, k) {
        return Some(name);
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

/// "…,” NAME, the foreign minister, said": the name at `k`, when a comma-closed
/// appositive after it leads to a speech verb (the appositive's own names, such as a
/// demonym, are not the speaker).
fn name_before_appositive_speech(toks: &[Token], k: usize) -> Option<Ent> {
    let name = toks.get(k).filter(|t| t.tag == Tag::Ent)?.ent?;
    if !toks.get(k + 1).is_some_and(|t| t.is(",")) {
        return None;
    }
    let close =
        (k + 2..toks.len().min(k + 12)).find(|&j| toks[j].is(",") || toks[j].tag == Tag::Quote)?;
    let verb = toks.get(close + 1)?;
    (toks[close].is(",") && close > k + 2 && verb.tag == Tag::Word && verb.is_any(SPEECH))
        .then_some(name)
}

/// "X said: “…" / "X told Reuters, “…" / "according to X, “…" just before an opening
/// quote at `i`.
fn speaker_before(sents: &[Sent], s: usize, i: usize) -> Option<Ent> {
    let toks = &sents[s].toks;
    let ctx = Ctx {
        sents,
        cur: s,
        toks,
    };
    let lo = i.saturating_sub(5);
    // "according to X, “…"
    let according = (i.saturating_sub(8)..i)
        .find(|&v| toks[v].is("according") && toks.get(v + 1).is_some_and(|t| t.is("to")));
    if let Some(v) = according {
        return args::right(ctx, v + 2, None).first().map(|a| a.ent);
    }
    let v = (lo..i).rev().find(|&v| toks[v].is_any(SPEECH))?;
    args::left(ctx, v).first().map(|a| a.ent)
}

/// Words of the writer's own voice: a paragraph that uses one outside quotation marks is
/// the writer speaking, not an excerpt they quote.
const OWN_VOICE: &[&str] = &[
    "we", "we've", "we're", "we'll", "our", "ours", "us", "you", "your",
];
/// Openers of a writer's comment on what they quoted ("Actually, …", "So …").
const COMMENT_OPENERS: &[&str] = &["actually", "so", "clearly", "obviously", "admittedly"];
/// Verbs that introduce a further excerpt of the same writer ("X continues:").
const EXCERPT_VERBS: &[&str] = &["continues", "continued", "goes"];
/// How many paragraphs an excerpt can run before it is taken to have ended.
const MAX_EXCERPT: usize = 10;

/// For each sentence, the named writer or outlet whose excerpt it stands in, when a post
/// quotes a piece at length: a paragraph that ends with a colon (or a bare "X wrote") and
/// names a source ("X reports that …:", "Here is X on the talks:", "Back to X:", "X
/// continues:") introduces the paragraphs after it as X's text. A later colon paragraph
/// that names no one ("The upshot:") goes on quoting the last source named. An excerpt ends at the next colon
/// paragraph, at a paragraph in the writer's own voice ("we", "you" outside quotation
/// marks, or opening "Actually," / "So"), or after a few paragraphs; a quotation excerpt
/// (its first paragraph opens with a quotation mark) ends with the first paragraph that
/// does not.
pub fn excerpts(sents: &[Sent]) -> Vec<Option<Ent>> {
    let mut out = vec![None; sents.len()];
    let mut last_source: Option<Ent> = None;
    // the current excerpt: its source, paragraphs so far, and whether it is a quotation
    let mut cur: Option<(Ent, usize, bool)> = None;
    let mut s = 0;
    while s < sents.len() {
        let para = sents[s].paragraph;
        let e = (s..sents.len())
            .take_while(|&k| sents[k].paragraph == para)
            .last()
            .map_or(s + 1, |k| k + 1);
        if !sents[s].annotated {
            s = e;
            continue;
        }
        if is_intro(&sents[e - 1]) {
            let named = (s..e).find_map(|k| intro_source(sents, k));
            if named.is_some() {
                last_source = named;
            }
            cur = last_source.map(|src| (src, 0, false));
            s = e;
            continue;
        }
        if let Some((src, n, quotation)) = cur {
            let opens_quote = sents[s].toks.first().is_some_and(is_double_quote);
            let quotation = if n == 0 { opens_quote } else { quotation };
            let ended = n >= MAX_EXCERPT
                || (quotation && !opens_quote)
                || (!quotation && (s..e).any(|k| own_voice(&sents[k].toks)));
            if ended {
                cur = None;
            } else {
                for slot in &mut out[s..e] {
                    *slot = Some(src);
                }
                cur = Some((src, n + 1, quotation));
            }
        }
        s = e;
    }
    out
}

pub(crate) fn is_double_quote(t: &Token) -> bool {
    t.tag == Tag::Quote && t.is_any(&["\"", "\u{201c}", "\u{201d}", "\u{ab}", "\u{bb}"])
}

/// Whether a paragraph's last sentence ends with a colon, or with a speech verb that
/// has nothing after it ("In his report, Ruth Okafor wrote").
pub(crate) fn is_intro(last: &Sent) -> bool {
    last.toks
        .last()
        .is_some_and(|t| t.is(":") || (t.tag == Tag::Word && t.is_any(SPEECH)))
}

/// The source a sentence of a colon paragraph names: the speaker of an attribution, the
/// name after "here's"/"back to", or the name before "continues".
fn intro_source(sents: &[Sent], k: usize) -> Option<Ent> {
    let toks = &sents[k].toks;
    let ctx = Ctx {
        sents,
        cur: k,
        toks,
    };
    if let Some(sp) = attributions(ctx).into_iter().find_map(|a| a.speaker) {
        return Some(sp);
    }
    let actor = |t: &Token| t.ent.filter(|e| !e.is_place_like());
    for (i, t) in toks.iter().enumerate() {
        let next = toks.get(i + 1);
        let leads_in = (t.is("here") && next.is_some_and(|n| n.is_any(&["'s", "is"])))
            || (t.is("back") && next.is_some_and(|n| n.is("to")));
        if let Some(e) = toks.get(i + 2).filter(|_| leads_in).and_then(actor) {
            return Some(e);
        }
        if t.is_any(EXCERPT_VERBS) && i > 0 {
            if let Some(e) = actor(&toks[i - 1]) {
                return Some(e);
            }
        }
    }
    None
}

/// Whether a sentence speaks in the writer's own voice: a first-person plural or
/// second-person word outside quotation marks, or a commenting opener.
fn own_voice(toks: &[Token]) -> bool {
    if toks.first().is_some_and(|t| t.is_any(COMMENT_OPENERS))
        || (toks.len() > 2 && toks[0].is("of") && toks[1].is("course"))
        || (toks.len() > 2 && toks[0].is("as") && toks[1].is("noted"))
    {
        return true;
    }
    let mut quoted = false;
    for (i, t) in toks.iter().enumerate() {
        if is_double_quote(t) {
            quoted = match t.lower.as_str() {
                "\u{201c}" | "\u{ab}" => true,
                "\u{201d}" | "\u{bb}" => false,
                _ => !quoted,
            };
            continue;
        }
        let lets = t.is("let") && toks.get(i + 1).is_some_and(|n| n.is("'s"));
        if !quoted && (lets || (t.is_any(OWN_VOICE) && !(t.is("us") && t.cap))) {
            return true;
        }
    }
    false
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
    let group = verb_group(toks, cue, subj_end);
    // "the group that eventually would spawn X": a narrative's future in the past happened
    let narrated = group
        .iter()
        .any(|t| t.is_any(&["eventually", "later", "soon"]))
        && group
            .iter()
            .filter(|t| t.is_any(HYPOTHETICAL))
            .all(|t| t.is("would"));
    if !narrated && group.iter().any(|t| t.is_any(HYPOTHETICAL)) {
        return true;
    }
    let lo = cue.0.saturating_sub(8);
    toks[lo..cue.0.min(toks.len())]
        .iter()
        .any(|t| t.is_any(&["if", "whether", "unless"]))
        || urged(toks, cue)
}

/// Whether the cue is an infinitive that a word of need or demand, or a modal clause,
/// governs: "the necessity for X to support Y", "they urged X to arm Y", "it can work
/// with X to defeat Y" (an aim, not a fact).
fn urged(toks: &[Token], cue: (usize, usize)) -> bool {
    let Some(to) = cue.0.checked_sub(1).filter(|&k| toks[k].is("to")) else {
        return false;
    };
    let before = &toks[to.saturating_sub(6)..to];
    before.iter().any(|t| t.is_any(DEONTIC))
        || before
            .iter()
            .any(|t| t.tag == Tag::Modal && t.is_any(HYPOTHETICAL))
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
