//! Offices: the departments a document names ("Interior Ministry", "Department of
//! Defense", a knowledge-base alias such as "Pentagon"), each with its portfolio (the
//! words of its name that say what it is in charge of), so that a minister's or a
//! secretary's title ("Interior Minister", "Secretary of State") can name the department
//! it heads.

use crate::tokens::{Ent, Sent, Tag};
use model::EntityKind;

/// A department the document names.
#[derive(Debug, Clone, PartialEq)]
pub struct Department {
    /// The entity, as its first mention's token carries it.
    pub ent: Ent,
    /// The portfolio of each of its names (folded words, sorted, deduplicated).
    pub portfolios: Vec<Vec<String>>,
    /// The states its names or its mentions tie it to ("Iraqi Interior Ministry",
    /// "Iraq's Interior Ministry"), as local entities.
    pub states: Vec<u32>,
    /// Whether a name ties it to some state, named in the document or not.
    pub has_state: bool,
}

/// Words that give a name a department's shape.
const SHAPE: &[&str] = &["ministry", "ministries", "department", "dept", "office"];
/// Words of a department's name or a title that say nothing of the portfolio.
const FILLER: &[&str] = &[
    "of", "the", "for", "and", "affairs", "us", "u", "s", "federal", "national",
];

/// The folded form of a portfolio word: lowercase, British "-fence" spelt "-fense".
pub fn fold(word: &str) -> String {
    let w = word.to_lowercase();
    match w.strip_suffix("fence") {
        Some(stem) => format!("{stem}fense"),
        None => w,
    }
}

/// Whether a word is only filler in a portfolio.
pub fn is_filler(word: &str) -> bool {
    FILLER.contains(&word)
}

/// The departments among the document's local entities: organisations (not states) one
/// of whose names, or whose knowledge-base entry's names, has a department's shape and a
/// portfolio.
pub fn departments(sents: &[Sent], local: &resolve::DocEntities, kb: &kb::Kb) -> Vec<Department> {
    let mut out: Vec<Department> = Vec::new();
    let state_local = |id: kb::EntryId| {
        local
            .entities
            .iter()
            .position(|e| e.kb_entry == Some(id))
            .map(|i| i as u32)
    };
    let is_state = |id: kb::EntryId| {
        (id.0 as usize) < kb.len() && {
            let e = kb.entry(id);
            e.kind == EntityKind::Org && (e.capital.is_some() || !e.demonyms.is_empty())
        }
    };
    for (l, e) in local.entities.iter().enumerate() {
        if e.kind != EntityKind::Org {
            continue;
        }
        if e.kb_entry.is_some_and(is_state) {
            continue;
        }
        let mut names: Vec<&str> = e.names.iter().map(|n| n.surface.as_str()).collect();
        if let Some(id) = e.kb_entry.filter(|id| (id.0 as usize) < kb.len()) {
            names.extend(kb.entry(id).names().map(|(n, _)| n));
        }
        let mut dept = Department {
            ent: Ent {
                local: l as u32,
                mention: 0,
                kind: EntityKind::Org,
                state: false,
                capital_of: None,
                name_modifier: None,
                demonym: false,
            },
            portfolios: Vec::new(),
            states: Vec::new(),
            has_state: false,
        };
        for name in names {
            let words: Vec<&str> = name
                .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}'))
                .filter(|w| !w.is_empty())
                .collect();
            if !words
                .iter()
                .any(|w| SHAPE.contains(&w.to_lowercase().as_str()))
            {
                continue;
            }
            let mut portfolio = Vec::new();
            for w in words {
                let bare = w
                    .trim_end_matches("'s")
                    .trim_end_matches("\u{2019}s")
                    .trim_end_matches(['\'', '\u{2019}']);
                let states: Vec<kb::EntryId> = kb
                    .lookup_name(bare)
                    .iter()
                    .map(|m| m.id)
                    .filter(|&id| is_state(id))
                    .collect();
                if !states.is_empty() {
                    dept.has_state = true;
                    dept.states
                        .extend(states.into_iter().filter_map(state_local));
                    continue;
                }
                let f = fold(bare);
                if !SHAPE.contains(&f.as_str()) && !is_filler(&f) {
                    portfolio.push(f);
                }
            }
            portfolio.sort();
            portfolio.dedup();
            if !portfolio.is_empty() && !dept.portfolios.contains(&portfolio) {
                dept.portfolios.push(portfolio);
            }
        }
        if dept.portfolios.is_empty() {
            continue;
        }
        match first_token(sents, l as u32) {
            Some(ent) => dept.ent = ent,
            None => continue,
        }
        // "Iraq's Interior Ministry", "the Iraqi Interior Ministry": a state before a mention
        for s in sents {
            for (i, t) in s.toks.iter().enumerate() {
                if t.ent.is_none_or(|x| x.local != l as u32) || i == 0 {
                    continue;
                }
                let before = if s.toks[i - 1].tag == Tag::Poss && i >= 2 {
                    &s.toks[i - 2]
                } else {
                    &s.toks[i - 1]
                };
                if let Some(st) = before.ent.filter(|x| x.state) {
                    dept.has_state = true;
                    dept.states.push(st.local);
                }
            }
        }
        dept.states.sort_unstable();
        dept.states.dedup();
        out.push(dept);
    }
    out
}

/// The entity of the first token naming local entity `l`.
fn first_token(sents: &[Sent], l: u32) -> Option<Ent> {
    sents
        .iter()
        .flat_map(|s| s.toks.iter())
        .find_map(|t| t.ent.filter(|e| e.local == l))
}

/// The one department whose portfolio is `portfolio` (folded, sorted), and that no other
/// state than `state` holds. None when none or several fit.
pub fn headed_by<'a>(
    depts: &'a [Department],
    portfolio: &[String],
    state: Option<u32>,
) -> Option<&'a Department> {
    if portfolio.is_empty() {
        return None;
    }
    let mut fitting = depts.iter().filter(|d| {
        d.portfolios.iter().any(|p| p == portfolio)
            && state.is_none_or(|s| !d.has_state || d.states.contains(&s))
    });
    let first = fitting.next()?;
    fitting.next().is_none().then_some(first)
}
