//! `proxymap claims`: the claims the corpus makes, with their evidence, outlet and date.

use crate::untrusted::clean;
use anyhow::{bail, Result};
use std::io::Write;
use std::path::Path;
use store::{ClaimFilter, Store, StoredClaim};

/// What `proxymap claims` was asked for.
pub struct Query<'a> {
    /// Only claims about this entity (any of its names).
    pub subject: Option<&'a str>,
    /// Only claims with this predicate.
    pub predicate: Option<&'a str>,
    /// Only claims whose object is this entity.
    pub object: Option<&'a str>,
    /// Only claims with this modality.
    pub modality: Option<&'a str>,
    /// At most this many (0: all).
    pub limit: usize,
    /// One JSON object per line.
    pub json: bool,
}

/// Prints the claims that answer `q`.
pub fn list(db: &Path, q: &Query<'_>) -> Result<()> {
    let store = Store::open_existing(db)?;
    let entities = |name: Option<&str>, side: &str| -> Result<Option<Vec<model::EntityId>>> {
        let Some(name) = name else { return Ok(None) };
        let (ids, by_word) = ask::ids_named(&store, name)?;
        if ids.is_empty() {
            bail!(
                "no entity is named {:?} (the {side}) in {}: try `proxymap entities --search`",
                clean(name),
                db.display()
            );
        }
        if by_word && ids.len() > 1 {
            let names: Vec<String> = store
                .entities(None, None)?
                .into_iter()
                .filter(|e| ids.contains(&e.id))
                .map(|e| clean(&e.name).into_owned())
                .collect();
            bail!(
                "{:?} (the {side}) names {} entities: {}; give one of their names",
                clean(name),
                names.len(),
                names.join(", ")
            );
        }
        Ok(Some(ids))
    };
    let filter = ClaimFilter {
        subjects: entities(q.subject, "subject")?,
        objects: entities(q.object, "object")?,
        predicate: q.predicate.map(str::to_string),
        modality: q.modality.map(str::to_string),
    };
    let mut out = std::io::stdout().lock();
    let mut shown = 0usize;
    let mut failed: Option<std::io::Error> = None;
    store.for_each_claim(&filter, |c| {
        if failed.is_some() || (q.limit > 0 && shown >= q.limit) {
            return Ok(());
        }
        shown += 1;
        let written = if q.json {
            writeln!(out, "{}", to_json(c))
        } else {
            print_claim(&mut out, c)
        };
        failed = written.err();
        Ok(())
    })?;
    if let Some(e) = failed {
        return Err(e.into());
    }
    if shown == 0 && !q.json {
        writeln!(out, "no claims match")?;
    }
    Ok(())
}

fn print_claim(out: &mut impl Write, c: &StoredClaim) -> std::io::Result<()> {
    let mut attrs = vec![c.modality.clone()];
    if let Some(s) = &c.source {
        attrs.push(format!("source: {}", clean(&s.name)));
    }
    for (label, value) in [
        ("time", &c.time),
        ("role", &c.role),
        ("means", &c.means),
        ("kind", &c.kind),
        ("as", &c.as_what),
    ] {
        if let Some(v) = value {
            attrs.push(format!("{label}: {}", clean(v)));
        }
    }
    if let Some(p) = &c.place {
        attrs.push(format!("place: {}", clean(&p.name)));
    }
    if let Some(n) = c.count {
        attrs.push(format!("count: {n}"));
    }
    if let Some((id, action)) = c.correction {
        let done = match action {
            store::Action::Reject => "rejected",
            _ => "confirmed",
        };
        attrs.push(format!("{done} by correction #{id}"));
    }
    writeln!(
        out,
        "{} —{}→ {}  [{}]",
        clean(&c.subject.name),
        c.predicate,
        clean(&c.object.name),
        attrs.join("; ")
    )?;
    writeln!(out, "    \"{}\"", clean(&c.evidence))?;
    let mut provenance: Vec<String> = Vec::new();
    if let Some(outlet) = c.outlet.as_deref().filter(|o| !o.is_empty()) {
        provenance.push(clean(outlet).into_owned());
    }
    if let Some(date) = &c.date {
        provenance.push(date.clone());
    }
    if let Some(title) = &c.title {
        provenance.push(format!("\"{}\"", clean(title)));
    }
    provenance.push(format!(
        "{} #{}, rule {}, key {}",
        clean(&c.path),
        c.document_idx,
        c.rule,
        c.key
    ));
    writeln!(out, "    {}", provenance.join(", "))
}

/// A claim as one JSON object (also the `claims.jsonl` line of the eval export, with
/// `file` the path's base name).
pub fn to_json(c: &StoredClaim) -> serde_json::Value {
    serde_json::json!({
        "file": c.path.rsplit(['/', '\\']).next().unwrap_or(&c.path),
        "subject": c.subject.name,
        "predicate": c.predicate,
        "object": c.object.name,
        "modality": c.modality,
        "source": c.source.as_ref().map(|s| s.name.as_str()).unwrap_or(""),
        "time": c.time.as_deref().unwrap_or(""),
        "place": c.place.as_ref().map(|p| p.name.as_str()).unwrap_or(""),
        "count": c.count,
        "role": c.role.as_deref().unwrap_or(""),
        "means": c.means.as_deref().unwrap_or(""),
        "kind": c.kind.as_deref().unwrap_or(""),
        "as": c.as_what.as_deref().unwrap_or(""),
        "evidence": c.evidence,
        "outlet": c.outlet.as_deref().unwrap_or(""),
        "date": c.date.as_deref().unwrap_or(""),
        "rule": c.rule,
        "confidence": c.confidence,
        "key": c.key,
        "correction": c.correction.map(|(id, action)| {
            serde_json::json!({"id": id, "action": action.name()})
        }),
    })
}
