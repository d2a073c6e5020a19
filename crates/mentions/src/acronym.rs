//! Acronyms and their expansions, in the shapes news writes them:
//!
//! - "Long Name (LN)", "Long Name (LN-X)" and "Long Name (LN/LNX)": the parenthesis
//!   holds one or two short forms;
//! - "long name, or LN,";
//! - chains of names for one group joined by dashes or slashes ("ABL – ABLF – the
//!   Army of the Bright Line", "XLF/XLA").
//!
//! The long form is found by the Schwartz–Hearst match (the short form's letters, right to
//! left, in the words before it, the first at a word's start), so it may reach across
//! connectors and dashes that split the name-shape runs ("Jama'at Nasr al-Islam wal
//! Muslimin"); it then replaces those runs. A short form whose long form is lowercase
//! ("improvised roadside charges (IRCs)"), a plural one ("IRCs"), and one whose long
//! form names no entity ("Presidential Decree (P.D.)") is a common noun: every use of it in
//! the document is left out.

use crate::cand::*;
use crate::lexicon::*;
use crate::scan::{self, Part, SentenceCtx};
use crate::token::*;

/// What the acronym pass learns about a document.
#[derive(Debug, Default)]
pub(crate) struct Notes {
    /// Short forms (without a plural "s") that abbreviate common nouns, not names.
    pub generic: Vec<String>,
}

impl Notes {
    /// Whether this short form abbreviates a common noun.
    pub fn is_generic(&self, core: &str) -> bool {
        let c = core.strip_suffix('s').unwrap_or(core);
        self.generic.iter().any(|g| g == c)
    }

    fn add_generic(&mut self, core: &str) {
        let c = core.strip_suffix('s').unwrap_or(core);
        if !self.generic.iter().any(|g| g == c) {
            self.generic.push(c.to_string());
        }
    }
}

/// Whether a token is shaped like a short form: two or more capitals, maybe with dots,
/// hyphens and a plural "s".
pub(crate) fn is_short_form(t: &Token, text: &str) -> bool {
    t.is_word() && (t.has(ALLCAPS) || is_plural_acronym(t.core(text)))
}

/// "IRCs", "UAVs": an acronym with a plural "s", the plural of a common noun.
pub(crate) fn is_plural_acronym(core: &str) -> bool {
    let Some(stem) = core.strip_suffix('s') else {
        return false;
    };
    stem.len() >= 2
        && stem
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b == b'.' || b == b'-')
        && stem.bytes().filter(|b| b.is_ascii_uppercase()).count() >= 2
}

/// The byte offset in `long` where the long form of `short` starts (Schwartz–Hearst).
pub(crate) fn long_form_start(short: &str, long: &str) -> Option<usize> {
    let letters: Vec<u8> = short
        .bytes()
        .filter(|b| b.is_ascii_alphanumeric())
        .map(|b| b.to_ascii_lowercase())
        .collect();
    if letters.len() < 2 {
        return None;
    }
    let l = long.as_bytes();
    let word_start = |i: usize| {
        i == 0 || {
            let p = l[i - 1];
            p.is_ascii_whitespace() || p == b'-' || p == b'(' || p == b'"'
        }
    };
    let mut li = l.len();
    for (si, &c) in letters.iter().enumerate().rev() {
        loop {
            if li == 0 {
                return None;
            }
            li -= 1;
            if l[li].to_ascii_lowercase() == c && (si > 0 || word_start(li)) {
                break;
            }
        }
    }
    Some(li)
}

/// One short form and the tokens of its long form.
struct Pattern {
    /// Token of the short form (and of a second one, in "(LN/LNX)").
    shorts: [Option<usize>; 2],
    /// Long form tokens `[lt, o)`, if a long form was found.
    long: Option<(usize, usize)>,
}

/// Words that may stand inside a long form in lowercase.
fn long_form_link(t: &Token, text: &str) -> bool {
    t.is(NAME_LINK | OF_LINK)
        || matches!(
            t.core(text),
            "and" | "in" | "the" | "on" | "to" | "against" | "wal"
        )
}

/// The long form of the short form `short` that ends right before token `o`, looked
/// for among the words before it. When its letters spell none, the name right before
/// `o` is taken if `adjacent_ok` (a short form from another language).
fn find_long(
    ctx: &SentenceCtx,
    cands: &[Cand],
    from: usize,
    short: &str,
    o: usize,
    adjacent_ok: bool,
    notes: &mut Notes,
) -> Option<(usize, usize)> {
    let toks = ctx.toks;
    let text = ctx.text;
    if o <= ctx.lo {
        return None;
    }
    let n_letters = short.bytes().filter(|b| b.is_ascii_alphanumeric()).count();
    let max_words = (n_letters + 5).min(n_letters * 2);
    let hyphenated = short.contains('-');
    // the region: words (and dashes, for hyphenated short forms) before `o`
    let mut r = o;
    let mut n_words = 0;
    while r > ctx.lo && n_words < max_words {
        let t = &toks[r - 1];
        let ok = (t.is_word() && (r == o || !closes_region(t)))
            || (hyphenated && t.kind == TokKind::Dash);
        if !ok {
            break;
        }
        if t.is_word() {
            n_words += 1;
        }
        r -= 1;
    }
    if r == o {
        return None;
    }
    let region_start = toks[r].core_start as usize;
    let region_end = toks[o - 1].core_end as usize;
    let region = &text[region_start..region_end];
    let adjacent = cands[from..]
        .iter()
        .position(|c| c.t1 as usize == o && !c.drop)
        .map(|i| i + from)
        .filter(|_| adjacent_ok);
    let Some(off) = long_form_start(short, region) else {
        return adjacent.map(|i| (cands[i].t0 as usize, o));
    };
    let at = region_start + off;
    let lt = (r..o).find(|&k| toks[k].end as usize > at)?;
    let lowercase = (lt..o).any(|k| {
        let t = &toks[k];
        t.is_word() && t.has(LOWER) && !long_form_link(t, text)
    });
    if lowercase {
        if toks[o - 1].has(LOWER) {
            notes.add_generic(short);
        }
        return adjacent.map(|i| (cands[i].t0 as usize, o));
    }
    if !(lt..o).any(|k| scan::is_name_word(&toks[k], text)) {
        return None;
    }
    Some((lt, o))
}

/// A possessive ends the region of a long form (unless it is a collective's).
fn closes_region(t: &Token) -> bool {
    t.has(POSSESSIVE) && !t.is(COLLECTIVE)
}

/// Finds the acronym shapes of one sentence, merges long forms that span several runs,
/// and links short and long forms both ways. `cands[from..]` are the sentence's
/// candidates, sorted by start.
pub(crate) fn link_sentence(
    ctx: &SentenceCtx,
    cands: &mut Vec<Cand>,
    from: usize,
    notes: &mut Notes,
) {
    let toks = ctx.toks;
    let text = ctx.text;
    let mut patterns: Vec<Pattern> = Vec::new();
    for o in ctx.lo..ctx.hi {
        match toks[o].kind {
            TokKind::Open => {
                // "(LN)", "(LN-X)", "(LN/LNX)", "(LN Group)"
                let a = o + 1;
                if a >= ctx.hi || !is_short_form(&toks[a], text) {
                    continue;
                }
                let mut shorts = [Some(a), None];
                let mut c = a + 1;
                if c + 1 < ctx.hi
                    && toks[c].kind == TokKind::Slash
                    && is_short_form(&toks[c + 1], text)
                {
                    shorts[1] = Some(c + 1);
                    c += 2;
                }
                while c < ctx.hi && scan::is_name_word(&toks[c], text) && c < a + 3 {
                    c += 1;
                }
                if c >= ctx.hi || toks[c].kind != TokKind::Close {
                    continue;
                }
                let core = toks[a].core(text);
                if is_plural_acronym(core) {
                    notes.add_generic(core);
                    continue;
                }
                // "HALWAN, Tessaly (TWS) —": a short form between a dateline and its
                // dash credits the agency
                let credit =
                    o - ctx.lo <= 6 && toks.get(c + 1).is_some_and(|t| t.kind == TokKind::Dash);
                let long = find_long(ctx, cands, from, core, o, !credit, notes);
                patterns.push(Pattern { shorts, long });
            }
            TokKind::Comma => {
                // "long name, or LN,"
                let a = o + 2;
                if a >= ctx.hi || !ctx_word(ctx, o + 1, "or") || !is_short_form(&toks[a], text) {
                    continue;
                }
                let after_ok = a + 1 >= ctx.hi
                    || matches!(
                        toks[a + 1].kind,
                        TokKind::Comma | TokKind::Other | TokKind::Close
                    );
                if !after_ok {
                    continue;
                }
                let core = toks[a].core(text);
                if is_plural_acronym(core) {
                    notes.add_generic(core);
                    continue;
                }
                let long = find_long(ctx, cands, from, core, o, true, notes);
                patterns.push(Pattern {
                    shorts: [Some(a), None],
                    long,
                });
            }
            _ => {}
        }
    }
    // merge long forms that span several candidates
    let mut changed = false;
    for p in &patterns {
        let Some((mut lt, o)) = p.long else { continue };
        let exact = cands[from..]
            .iter()
            .any(|c| !c.drop && c.t0 as usize == lt && c.t1 as usize == o);
        if exact {
            continue;
        }
        for c in cands[from..].iter_mut() {
            let (t0, t1) = (c.t0 as usize, c.t1 as usize);
            if t0 < lt && t1 > lt && t1 <= o {
                lt = t0;
            }
        }
        for c in cands[from..].iter_mut() {
            if c.t0 as usize >= lt && c.t1 as usize <= o {
                c.drop = true;
            }
        }
        match scan::build(ctx, lt, o, Part::Plain) {
            Some(c) => cands.push(c),
            None => {
                if let Some(a) = p.shorts[0] {
                    notes.add_generic(toks[a].core(text));
                }
            }
        }
        changed = true;
    }
    if changed {
        let mut tail: Vec<Cand> = cands.drain(from..).filter(|c| !c.drop).collect();
        tail.sort_by_key(|c| (c.t0, std::cmp::Reverse(c.t1)));
        cands.extend(tail);
    }
    // link
    let find = |cands: &[Cand], t0: usize, t1: usize| {
        cands[from..]
            .iter()
            .position(|c| !c.drop && c.t0 as usize == t0 && c.t1 as usize == t1)
            .map(|i| i + from)
    };
    for p in &patterns {
        let Some((lt, o)) = p.long else { continue };
        let long = match find(cands, lt, o) {
            Some(i) => i,
            None => {
                // the long form was widened to a straddling run: look for its end
                match cands[from..]
                    .iter()
                    .position(|c| !c.drop && c.t1 as usize == o && c.t0 as usize <= lt)
                {
                    Some(i) => i + from,
                    None => continue,
                }
            }
        };
        for a in p.shorts.iter().flatten() {
            let Some(short) = cands[from..]
                .iter()
                .position(|c| !c.drop && c.t0 as usize == *a)
                .map(|i| i + from)
            else {
                continue;
            };
            if short == long {
                continue;
            }
            cands[short].link = Some(long as u32);
            cands[short].rule = model::MentionRule::Acronym;
            if cands[long].link.is_none() {
                cands[long].link = Some(short as u32);
            }
        }
    }
    link_chains(ctx, cands, from);
}

fn ctx_word(ctx: &SentenceCtx, k: usize, w: &str) -> bool {
    k < ctx.hi && ctx.toks[k].is_word() && ctx.toks[k].core(ctx.text) == w
}

/// Links the names of a chain joined by dashes or slashes ("ABL – ABLF – the Army of the
/// State") to its first name, when an acronym in it matches the others.
fn link_chains(ctx: &SentenceCtx, cands: &mut [Cand], from: usize) {
    let toks = ctx.toks;
    let text = ctx.text;
    let mut i = from;
    while i < cands.len() {
        // extend a chain from i
        let mut j = i;
        while j + 1 < cands.len() {
            let (a, b) = (&cands[j], &cands[j + 1]);
            let mut k = a.t1 as usize;
            if k < ctx.hi && matches!(toks[k].kind, TokKind::Dash | TokKind::Slash) {
                k += 1;
            } else {
                break;
            }
            if k < ctx.hi && toks[k].is_word() && toks[k].core(text).eq_ignore_ascii_case("the") {
                k += 1;
            }
            if k != b.t0 as usize {
                break;
            }
            j += 1;
        }
        if j > i {
            let members = i..=j;
            let is_acr = |c: &Cand| c.n_tokens() == 1 && toks[c.t0 as usize].has(ALLCAPS);
            let acronyms: Vec<&str> = members
                .clone()
                .filter(|&m| is_acr(&cands[m]))
                .map(|m| toks[cands[m].t0 as usize].core(text))
                .collect();
            let ok = !acronyms.is_empty()
                && members.clone().all(|m| {
                    let c = &cands[m];
                    c.fixed.is_none()
                        && (is_acr(c)
                            || acronyms
                                .iter()
                                .any(|a| long_form_start(a, c.text(text)) == Some(0)))
                });
            if ok {
                for c in &mut cands[i + 1..=j] {
                    if c.link.is_none() {
                        c.link = Some(i as u32);
                    }
                }
                if cands[i].link.is_none() {
                    cands[i].link = Some(i as u32 + 1);
                }
            }
        }
        i = j + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schwartz_hearst_finds_the_long_form() {
        let long = "the Popular Mobilization Forces";
        assert_eq!(long_form_start("PMF", long), Some(4));
        assert_eq!(long_form_start("ISIS", "Islamic State"), Some(0));
        assert_eq!(long_form_start("XYZ", "Popular Forces"), None);
    }

    #[test]
    fn plural_acronyms_are_common_nouns() {
        assert!(is_plural_acronym("IRCs"));
        assert!(!is_plural_acronym("ISIS"));
        assert!(!is_plural_acronym("Sunnis"));
    }
}
