//! Resolution within one document.

use crate::{kind_idx, majority, DocEntities, JoinRule, LocalEntity, Name};
use kb::{Kb, NameKind};
use model::{Document, EntityKind, Mention, MentionRule};
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

/// Groups a document's mentions into local entities (see the [crate documentation](crate)
/// for the rules, in the order they apply).
///
/// `mentions` are those [`mentions::find`]-style stages give: sorted by start, `linked`
/// indices into the same slice. Every mention gets exactly one entity; a mention whose
/// span does not lie in the text founds an entity of its own with an empty surface.
pub fn within_document(doc: &Document, mentions: &[Mention], kb: &Kb) -> DocEntities {
    let n = mentions.len();
    let surfaces: Vec<&str> = mentions
        .iter()
        .map(|m| doc.text.get(m.span.range()).unwrap_or(""))
        .collect();
    let keys: Vec<String> = surfaces.iter().map(|s| kb::normalize(s)).collect();
    let match_keys: Vec<String> = keys
        .iter()
        .zip(mentions)
        .map(|(k, m)| crate::match_key(k, m.kind))
        .collect();
    let picks: Vec<Option<(kb::EntryId, JoinRule)>> = mentions
        .iter()
        .zip(&keys)
        .map(|(m, k)| kb_pick(kb, k, m.kind))
        .collect();

    // Pass 1: acronym links, keys, knowledge-base entries.
    let mut ent_kb: Vec<Option<kb::EntryId>> = Vec::new();
    let mut by_key: HashMap<&str, usize> = HashMap::new();
    let mut by_kb: HashMap<kb::EntryId, usize> = HashMap::new();
    let mut assign: Vec<(usize, JoinRule)> = Vec::with_capacity(n);
    for i in 0..n {
        let pick = picks[i];
        let fits = |e: usize| match (ent_kb[e], pick) {
            (Some(a), Some((b, _))) => a == b,
            _ => true,
        };
        let linked = mentions[i]
            .linked
            .map(|j| j as usize)
            .filter(|&j| j < i)
            .map(|j| (assign[j].0, link_rule(&mentions[i], &mentions[j])))
            .filter(|&(e, _)| fits(e));
        let by_same_key = by_key
            .get(match_keys[i].as_str())
            .copied()
            .filter(|&e| !keys[i].is_empty() && fits(e));
        let by_entry = pick.and_then(|(id, rule)| by_kb.get(&id).map(|&e| (e, rule)));
        let (e, rule) = if let Some(found) = linked {
            found
        } else if let Some(e) = by_same_key {
            (e, JoinRule::SameKey)
        } else if let Some(found) = by_entry {
            found
        } else {
            ent_kb.push(None);
            (ent_kb.len() - 1, JoinRule::Founder)
        };
        if ent_kb[e].is_none() {
            if let Some((id, _)) = pick {
                ent_kb[e] = Some(id);
                by_kb.entry(id).or_insert(e);
            }
        }
        if !keys[i].is_empty() {
            by_key.entry(match_keys[i].as_str()).or_insert(e);
        }
        assign.push((e, rule));
    }

    // Pass 2: short forms. An entity's long names, with the first mention of each.
    let mut long_names: Vec<Vec<(usize, &str)>> = vec![Vec::new(); ent_kb.len()];
    for i in 0..n {
        if keys[i].contains(' ') {
            long_names[assign[i].0].push((i, keys[i].as_str()));
        }
    }
    let mut kinds = vec![[0u32; 4]; ent_kb.len()];
    for (i, m) in mentions.iter().enumerate() {
        kinds[assign[i].0][kind_idx(m.kind)] += 1;
    }
    let ent_kind: Vec<EntityKind> = kinds.iter().map(majority).collect();
    for i in 0..n {
        let (own, _) = assign[i];
        let kind = mentions[i].kind;
        if keys[i].is_empty()
            || keys[i].contains(' ')
            || (kind == EntityKind::Org && !org_short_form_shape(surfaces[i], &keys[i]))
            || !long_names[own].is_empty()
            || !matches!(kind, EntityKind::Person | EntityKind::Org)
        {
            continue;
        }
        let mut cands: Vec<usize> = (0..ent_kb.len())
            .filter(|&e| {
                e != own
                    && ent_kind[e] == kind
                    && (picks[i].is_none() || picks[i].map(|p| p.0) == ent_kb[e])
                    && long_names[e].iter().any(|&(first, key)| {
                        let tok = match kind {
                            EntityKind::Person => key.rsplit(' ').next(),
                            _ => key.split(' ').next(),
                        };
                        tok == Some(keys[i].as_str()) && (kind == EntityKind::Person || first < i)
                    })
            })
            .collect();
        if cands.len() > 1 {
            // Ambiguous: the one named in this or the previous sentence, if only one is.
            let s = mentions[i].sentence_idx;
            cands
                .retain(|&e| (0..i).any(|j| assign[j].0 == e && mentions[j].sentence_idx + 1 >= s));
        }
        if let [e] = cands[..] {
            assign[i] = (e, JoinRule::ShortForm);
        }
    }

    build(mentions, &surfaces, &assign, &ent_kb, kb)
}

/// Whether a one-token organisation name can be the first-word short form of a longer
/// one: not an acronym ("U.S.", "UN", which the acronym links handle) and not shaped like
/// a national adjective ("Iraqi", "American", "Turkish", "Lebanese"), which modifies the
/// long name rather than shortening it.
/// How a mention linked to an earlier one joins it: as an acronym when either is one
/// ("Long Name (LN)"), else as another name ("X, also known as Y").
fn link_rule(mention: &Mention, earlier: &Mention) -> JoinRule {
    if mention.rule == MentionRule::Acronym || earlier.rule == MentionRule::Acronym {
        JoinRule::Acronym
    } else {
        JoinRule::Alias
    }
}

fn org_short_form_shape(surface: &str, key: &str) -> bool {
    let acronym = surface.contains('.') || !surface.chars().any(char::is_lowercase);
    let adjective = ["i", "an", "ish", "isi"].iter().any(|s| key.ends_with(s));
    !acronym && !adjective
}

/// Renumbers the entities by first mention and gathers their names and kinds.
fn build(
    mentions: &[Mention],
    surfaces: &[&str],
    assign: &[(usize, JoinRule)],
    ent_kb: &[Option<kb::EntryId>],
    kb: &Kb,
) -> DocEntities {
    let mut renumber: Vec<Option<u32>> = vec![None; ent_kb.len()];
    let mut out = DocEntities::default();
    let mut names: Vec<BTreeMap<&str, (u32, bool)>> = Vec::new();
    for (i, &(e, rule)) in assign.iter().enumerate() {
        let l = *renumber[e].get_or_insert_with(|| {
            out.entities.push(LocalEntity {
                names: Vec::new(),
                kind: EntityKind::Person,
                kind_counts: [0; 4],
                kb_entry: ent_kb[e],
                mentions: Vec::new(),
            });
            names.push(BTreeMap::new());
            (out.entities.len() - 1) as u32
        });
        let ent = &mut out.entities[l as usize];
        let rule = if ent.mentions.is_empty() {
            JoinRule::Founder
        } else {
            rule
        };
        ent.mentions.push((i as u32, rule));
        ent.kind_counts[kind_idx(mentions[i].kind)] += 1;
        let name = names[l as usize].entry(surfaces[i]).or_insert((0, true));
        name.0 += 1;
        name.1 &= rule == JoinRule::ShortForm;
        out.entity_of_mention.push(l);
    }
    for (ent, names) in out.entities.iter_mut().zip(names) {
        ent.names = names
            .into_iter()
            .map(|(s, (n, short))| Name {
                surface: s.to_string(),
                n_mentions: n,
                short_form: short,
            })
            .collect();
        ent.kind = crate::kind_with_entry(ent.kb_entry, &ent.kind_counts, kb);
    }
    out
}

/// Nouns for the fighting men and women of a state or group ("troops", "ground forces"),
/// normalised, longest first.
fn force_heads() -> &'static [String] {
    static HEADS: OnceLock<Vec<String>> = OnceLock::new();
    HEADS.get_or_init(|| {
        let mut heads: Vec<String> = [
            "troops",
            "soldiers",
            "forces",
            "military",
            "army",
            "servicemen",
            "service members",
            "ground forces",
            "ground troops",
            "armed forces",
            "fighters",
            "militants",
        ]
        .iter()
        .map(|h| kb::normalize(h))
        .collect();
        heads.sort_by_key(|h| std::cmp::Reverse(h.len()));
        heads
    })
}

/// The entry "X troops" (any of [`force_heads`]) names: for a state X (by name, alias or
/// demonym), the entry of its armed forces ([`Kb::armed_forces_of`]), only with the
/// soldiers' nouns; for an armed group X that is no state, the group itself. `None` when
/// X names no such entry or several.
fn forces_pick(kb: &Kb, key: &str) -> Option<kb::EntryId> {
    let head = force_heads().iter().find(|h| {
        key.len() > h.len() + 1
            && key.ends_with(h.as_str())
            && key.as_bytes()[key.len() - h.len() - 1] == b' '
    })?;
    let modifier = &key[..key.len() - head.len() - 1];
    let is_state = |e: &kb::Entry| e.capital.is_some() || !e.demonyms.is_empty();
    let named: Vec<kb::EntryId> = kb
        .matches(modifier)
        .iter()
        .filter(|m| m.name_kind != NameKind::Capital)
        .map(|m| m.id)
        .filter(|&id| kb.entry(id).kind == EntityKind::Org)
        .collect();
    let [id] = named[..] else { return None };
    let entry = kb.entry(id);
    if is_state(entry) {
        let soldiers = !["fighters", "militants"]
            .iter()
            .any(|w| kb::normalize(w) == *head);
        return kb.armed_forces_of(id).filter(|_| soldiers);
    }
    let named_itself = kb
        .matches(modifier)
        .iter()
        .any(|m| m.id == id && m.name_kind != NameKind::Demonym);
    if !named_itself {
        return None;
    }
    // "X ground forces", "X armed forces" name a branch of the group, not the group: the
    // branch's own entry when the knowledge base has one under any name of X
    if head.contains(' ') {
        return entry
            .names()
            .filter(|(_, k)| matches!(k, NameKind::Canonical | NameKind::Alias))
            .find_map(|(name, _)| {
                let key = format!("{} {head}", kb::normalize(name));
                let hits: Vec<kb::EntryId> = kb
                    .matches(&key)
                    .iter()
                    .filter(|m| matches!(m.name_kind, NameKind::Canonical | NameKind::Alias))
                    .map(|m| m.id)
                    .collect();
                match hits[..] {
                    [b] if b != id => Some(b),
                    _ => None,
                }
            });
    }
    Some(id)
}

/// Heads that make "the X government" stand for the state X.
fn government_heads() -> &'static [String; 3] {
    static HEADS: OnceLock<[String; 3]> = OnceLock::new();
    HEADS.get_or_init(|| ["government", "administration", "regime"].map(kb::normalize))
}

/// The knowledge-base entry a mention with this key and kind names, and through which
/// rule; `None` when the knowledge base does not know it or cannot decide.
///
/// In order: a canonical name or alias of an entry of the same kind; for a mention acting
/// as an organisation, a capital or demonym of a state (an `org` entry), or "X
/// government" with X a name or demonym of one; a canonical name or alias of the one
/// entry with that key when the kinds are place and org (a country as territory); for a
/// group, the adjective of a group entry ("Kurdish").
pub(crate) fn kb_pick(kb: &Kb, key: &str, kind: EntityKind) -> Option<(kb::EntryId, JoinRule)> {
    let matches = kb.matches(key);
    let named = |m: &&kb::Match| matches!(m.name_kind, NameKind::Canonical | NameKind::Alias);
    let same: Vec<_> = matches
        .iter()
        .filter(named)
        .filter(|m| kb.entry(m.id).kind == kind)
        .collect();
    if let [m] = same[..] {
        return Some((m.id, JoinRule::KnowledgeBase));
    }
    if !same.is_empty() {
        return None;
    }
    if kind == EntityKind::Org {
        if let Some(forces) = forces_pick(kb, key) {
            return Some((forces, JoinRule::ArmedForces));
        }
        let states: Vec<_> = matches
            .iter()
            .filter(|m| matches!(m.name_kind, NameKind::Capital | NameKind::Demonym))
            .filter(|m| kb.entry(m.id).kind == EntityKind::Org)
            .collect();
        if let [m] = states[..] {
            return Some((m.id, JoinRule::Metonym));
        }
        if let Some((head, last)) = key.rsplit_once(' ') {
            if government_heads().iter().any(|g| g == last) {
                let states: Vec<_> = kb
                    .matches(head)
                    .iter()
                    .filter(|m| m.name_kind != NameKind::Capital)
                    .filter(|m| kb.entry(m.id).kind == EntityKind::Org)
                    .collect();
                if let [m] = states[..] {
                    return Some((m.id, JoinRule::Metonym));
                }
            }
        }
    }
    if kind == EntityKind::Group {
        let groups: Vec<_> = matches
            .iter()
            .filter(|m| m.name_kind == NameKind::Demonym)
            .filter(|m| kb.entry(m.id).kind == EntityKind::Group)
            .collect();
        if let [m] = groups[..] {
            return Some((m.id, JoinRule::KnowledgeBase));
        }
    }
    let other: Vec<_> = matches.iter().filter(named).collect();
    match other[..] {
        [m] if matches!(
            (kb.entry(m.id).kind, kind),
            (EntityKind::Org, EntityKind::Place) | (EntityKind::Place, EntityKind::Org)
        ) =>
        {
            Some((m.id, JoinRule::KnowledgeBase))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::Span;

    fn mention(rule: MentionRule) -> Mention {
        Mention {
            span: Span::new(0, 1),
            sentence_idx: 0,
            kind: EntityKind::Org,
            rule,
            linked: None,
        }
    }

    #[test]
    fn a_link_joins_as_an_acronym_only_when_one_side_is_one() {
        let (shape, cue, acronym) = (
            mention(MentionRule::NameShape),
            mention(MentionRule::OrgCue),
            mention(MentionRule::Acronym),
        );
        assert_eq!(link_rule(&acronym, &cue), JoinRule::Acronym);
        assert_eq!(link_rule(&cue, &acronym), JoinRule::Acronym);
        assert_eq!(link_rule(&shape, &cue), JoinRule::Alias);
    }
}
