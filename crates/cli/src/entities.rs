//! `proxymap entities` and `proxymap entity`: the corpus entities, and why their names
//! became one.

use crate::untrusted::clean;
use anyhow::{bail, Result};
use model::EntityKind;
use std::io::Write;
use std::path::Path;
use store::{EntitySummary, Store};

/// Lists the entities, most mentioned first: of `kind` when given, with a name starting
/// with `search` (as the normaliser folds it) when given, at most `limit` (0: all).
pub fn list(
    db: &Path,
    kind: Option<EntityKind>,
    search: Option<&str>,
    limit: usize,
    json: bool,
) -> Result<()> {
    let store = Store::open_existing(db)?;
    let key = search.map(kb::normalize);
    let mut entities = store.entities(kind, key.as_deref())?;
    if limit > 0 {
        entities.truncate(limit);
    }
    let mut out = std::io::stdout().lock();
    for e in &entities {
        if json {
            writeln!(out, "{}", summary_json(e))?;
        } else {
            writeln!(
                out,
                "{:<6} {:>5} mentions {:>4} docs  {}{}",
                e.kind.name(),
                e.n_mentions,
                e.n_documents,
                clean(&e.name),
                aliases_suffix(&e.aliases)
            )?;
        }
    }
    if !json && entities.is_empty() {
        writeln!(out, "no entities match")?;
    }
    Ok(())
}

/// Shows every entity one of whose names folds to `name` (else one that the built-in
/// knowledge base gives as another name of it, else one with a name that starts with it):
/// its names, and each mention with its sentence and the rules that joined it.
pub fn show(db: &Path, name: &str, json: bool) -> Result<()> {
    let store = Store::open_existing(db)?;
    let key = kb::normalize(name);
    let (ids, _) = ask::ids_named(&store, name)?;
    let all = store.entities(None, if ids.is_empty() { Some(&key) } else { None })?;
    let found: Vec<&EntitySummary> = if ids.is_empty() {
        all.iter().collect()
    } else {
        ids.iter()
            .filter_map(|id| all.iter().find(|e| e.id == *id))
            .collect()
    };
    if found.is_empty() {
        bail!(
            "no entity is named {:?} in {}: try `proxymap entities --search`",
            clean(name),
            db.display()
        );
    }
    let mut out = std::io::stdout().lock();
    for e in found {
        let mentions = store.entity_mentions(e.id)?;
        if json {
            let mut v = summary_json(e);
            v["corrections"] = store
                .entity_corrections(e.id)?
                .iter()
                .map(|c| serde_json::json!({"id": c.id, "action": c.action.name()}))
                .collect();
            v["mentions"] = mentions
                .iter()
                .map(|m| {
                    serde_json::json!({
                        "file": m.path, "document": m.document_idx, "title": m.title,
                        "date": m.date, "surface": m.surface, "sentence": m.sentence,
                        "found_by": m.rule.name(), "joined_in_document_by": m.join_rule.name(),
                        "joined_in_corpus_by": m.corpus_rule.name(),
                    })
                })
                .collect();
            writeln!(out, "{v}")?;
            continue;
        }
        writeln!(out, "{} ({}, id {})", clean(&e.name), e.kind.name(), e.id)?;
        if let Some(entry) = &e.kb_entry {
            writeln!(out, "  knowledge base: {}", clean(entry))?;
        }
        if !e.aliases.is_empty() {
            let aliases: Vec<String> = e.aliases.iter().map(|a| clean(a).into_owned()).collect();
            writeln!(out, "  also: {}", aliases.join("; "))?;
        }
        for c in store.entity_corrections(e.id)? {
            writeln!(out, "  corrected by {}", crate::correct::describe(&c))?;
        }
        writeln!(
            out,
            "  {} mentions in {} documents",
            e.n_mentions, e.n_documents
        )?;
        let mut last_doc: Option<(&str, u32)> = None;
        for m in &mentions {
            if last_doc != Some((m.path.as_str(), m.document_idx)) {
                writeln!(
                    out,
                    "  {} #{}{}{}",
                    clean(&m.path),
                    m.document_idx,
                    m.date
                        .as_deref()
                        .map(|d| format!(" {d}"))
                        .unwrap_or_default(),
                    m.title
                        .as_deref()
                        .map(|t| format!(" \"{}\"", clean(t)))
                        .unwrap_or_default()
                )?;
                last_doc = Some((m.path.as_str(), m.document_idx));
            }
            writeln!(
                out,
                "    {:?} found by {}, joined by {} in the document, {} in the corpus: {}",
                clean(&m.surface).as_ref(),
                m.rule.name(),
                m.join_rule.name(),
                m.corpus_rule.name(),
                clean(&m.sentence)
            )?;
        }
    }
    Ok(())
}

fn aliases_suffix(aliases: &[String]) -> String {
    if aliases.is_empty() {
        return String::new();
    }
    let shown: Vec<String> = aliases
        .iter()
        .take(6)
        .map(|a| clean(a).into_owned())
        .collect();
    let more = aliases.len().saturating_sub(shown.len());
    let tail = if more > 0 {
        format!("; +{more}")
    } else {
        String::new()
    };
    format!("  (also: {}{tail})", shown.join("; "))
}

fn summary_json(e: &EntitySummary) -> serde_json::Value {
    serde_json::json!({
        "id": e.id.to_string(), "name": e.name, "kind": e.kind.name(), "aliases": e.aliases,
        "knowledge_base": e.kb_entry, "mentions": e.n_mentions, "documents": e.n_documents,
    })
}
