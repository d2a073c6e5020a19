//! `proxymap search`: full-text search over titles and evidence sentences.

use crate::untrusted::clean;
use anyhow::{bail, Result};
use std::io::Write;
use std::path::Path;
use store::{SearchHit, Store};

/// Prints the best `limit` hits of `query` in `db`: one line per hit (outlet, date, title,
/// file) and its snippet with the matches between `[` and `]`, or one JSON object a line.
pub fn run(db: &Path, query: &str, limit: usize, json: bool) -> Result<()> {
    if store::match_expression(query).is_none() {
        bail!("the query {:?} has no word to search for", clean(query));
    }
    let store = Store::open_existing(db)?;
    let hits = store.search(query, limit)?;
    let mut out = std::io::stdout().lock();
    for hit in &hits {
        if json {
            writeln!(out, "{}", hit_json(hit))?;
        } else {
            writeln!(out, "{}\n    {}", heading(hit), marked(hit))?;
        }
    }
    if !json && hits.is_empty() {
        writeln!(out, "no matches")?;
    }
    Ok(())
}

/// `Outlet, date, "Title", path #idx (title|sentence N)`.
fn heading(hit: &SearchHit) -> String {
    let d = &hit.document;
    let mut parts = Vec::new();
    parts.extend(d.outlet.as_deref().map(|o| clean(o).into_owned()));
    parts.extend(d.date.clone());
    parts.extend(d.title.as_deref().map(|t| format!("\"{}\"", clean(t))));
    let place = match hit.sentence {
        Some(s) => format!("sentence {s}"),
        None => "title".to_string(),
    };
    parts.push(format!("{} #{} ({place})", clean(&d.path), d.idx));
    parts.join(", ")
}

/// The snippet, cleaned, with each match between `[` and `]`.
fn marked(hit: &SearchHit) -> String {
    hit.snippet
        .iter()
        .map(|p| {
            let text = clean(&p.text);
            if p.matched {
                format!("[{text}]")
            } else {
                text.into_owned()
            }
        })
        .collect()
}

fn hit_json(hit: &SearchHit) -> serde_json::Value {
    let d = &hit.document;
    serde_json::json!({
        "document": {
            "id": d.id.0, "path": d.path, "idx": d.idx, "title": d.title, "outlet": d.outlet,
            "author": d.author, "date": d.date, "url": d.url,
        },
        "sentence": hit.sentence,
        "snippet": hit.snippet_text(),
        "rank": hit.rank,
    })
}
