//! `proxymap correct`: an analyst's corrections (merge, split, rename, reject, confirm),
//! listed and undoable. Each is checked against the store before it is kept, then the
//! corpus step runs again so that it shows at once; every later ingest applies it again.

use crate::untrusted::clean;
use anyhow::{bail, Result};
use std::io::Write;
use std::path::Path;
use store::{Action, Correction, Store};

/// One `correct` invocation.
#[derive(Debug)]
pub enum Request {
    /// Record a correction.
    Add {
        /// What it does.
        action: Action,
        /// The entity name or claim key.
        target: String,
        /// The other name, for merge and rename.
        argument: Option<String>,
        /// Why.
        note: Option<String>,
    },
    /// List the corrections.
    List {
        /// One JSON object per line.
        json: bool,
    },
    /// Undo one.
    Undo {
        /// Its number.
        id: i64,
    },
}

/// Carries out `request` on the store at `db`.
pub fn run(db: &Path, request: &Request) -> Result<()> {
    match request {
        Request::Add {
            action,
            target,
            argument,
            note,
        } => {
            let mut store = Store::open_existing(db)?;
            let what = ask::corrections::check(&store, *action, target, argument.as_deref())?;
            let what = clean(&what).into_owned();
            let id = store.add_correction(*action, target, argument.as_deref(), note.as_deref())?;
            drop(store);
            let refreshed = pipeline::refresh(db, kb::Kb::builtin_ref())?;
            println!(
                "correction #{id}: {what}; {} entities, {} edges ({:.2} s)",
                refreshed.entities, refreshed.edges, refreshed.seconds
            );
        }
        Request::List { json } => list(&Store::open_existing(db)?, *json)?,
        Request::Undo { id } => {
            let mut store = Store::open_existing(db)?;
            if !store.undo_correction(*id)? {
                bail!(
                    "there is no correction #{id} in force in {}: see `proxymap correct list`",
                    db.display()
                );
            }
            drop(store);
            let refreshed = pipeline::refresh(db, kb::Kb::builtin_ref())?;
            println!(
                "correction #{id} undone; {} entities, {} edges ({:.2} s)",
                refreshed.entities, refreshed.edges, refreshed.seconds
            );
        }
    }
    Ok(())
}

fn list(store: &Store, json: bool) -> Result<()> {
    let corrections = store.corrections()?;
    let mut out = std::io::stdout().lock();
    if corrections.is_empty() && !json {
        writeln!(out, "no corrections")?;
    }
    for c in &corrections {
        if json {
            writeln!(out, "{}", to_json(c))?;
        } else {
            writeln!(out, "{}", describe(c))?;
        }
    }
    Ok(())
}

/// One line for a correction: number, state, what it does, why.
pub fn describe(c: &Correction) -> String {
    let state = if c.is_active() { "in force" } else { "undone" };
    let what = match (c.action, c.argument.as_deref()) {
        (Action::Merge, Some(into)) => {
            format!("merge {:?} into {:?}", clean(&c.target), clean(into))
        }
        (Action::Rename, Some(name)) => {
            format!("rename {:?} to {:?}", clean(&c.target), clean(name))
        }
        (Action::Split, _) => format!("split {:?} off its entity", clean(&c.target)),
        (action, _) => format!("{} claim {}", action.name(), clean(&c.target)),
    };
    let note = c
        .note
        .as_deref()
        .map(|n| format!(" — {}", clean(n)))
        .unwrap_or_default();
    format!("#{} {state}: {what}{note}", c.id)
}

fn to_json(c: &Correction) -> serde_json::Value {
    serde_json::json!({
        "id": c.id, "action": c.action.name(), "target": c.target, "argument": c.argument,
        "note": c.note, "created_at": c.created_at, "undone_at": c.undone_at,
        "active": c.is_active(),
    })
}
