//! `/api/corrections`: an analyst's corrections through the API, as `proxymap correct`
//! makes them: listed, made (checked against the store, kept, applied at once by a corpus
//! step), undone.

use crate::error::ApiError;
use serde_json::{json, Value};
use store::{Action, Correction};

/// What `POST /api/corrections` takes.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewCorrection {
    /// merge, split, rename, reject or confirm.
    pub action: String,
    /// The entity name (merge, split, rename) or claim key (reject, confirm).
    pub target: String,
    /// The entity to merge into, or the new name.
    #[serde(default)]
    pub argument: Option<String>,
    /// Why.
    #[serde(default)]
    pub note: Option<String>,
}

/// Longest text a field of a correction may hold.
const MAX_FIELD: usize = 500;

/// Reads and checks the body of `POST /api/corrections`.
pub fn parse(body: &[u8]) -> Result<(Action, NewCorrection), ApiError> {
    let new: NewCorrection = serde_json::from_slice(body)
        .map_err(|e| ApiError::bad(format!("the body is not a correction: {e}")))?;
    let action = Action::from_name(&new.action).ok_or_else(|| {
        ApiError::bad(format!(
            "field action must be one of merge, split, rename, reject, confirm, not {:?}",
            new.action
        ))
    })?;
    for (name, value) in [
        ("target", Some(&new.target)),
        ("argument", new.argument.as_ref()),
        ("note", new.note.as_ref()),
    ] {
        if value.is_some_and(|v| v.len() > MAX_FIELD) {
            return Err(ApiError::bad(format!(
                "field {name} is longer than {MAX_FIELD} bytes"
            )));
        }
    }
    if new.target.trim().is_empty() {
        return Err(ApiError::bad("field target is empty"));
    }
    Ok((action, new))
}

/// A correction as the API shows it.
pub fn to_json(c: &Correction) -> Value {
    json!({
        "id": c.id, "action": c.action.name(), "target": c.target, "argument": c.argument,
        "note": c.note, "created_at": c.created_at, "undone_at": c.undone_at,
        "active": c.is_active(),
    })
}

/// The answer to a correction made or undone: what it did and what the corpus step
/// rebuilt.
pub fn applied(id: i64, effect: &str, refreshed: &pipeline::Refreshed) -> Value {
    json!({
        "id": id, "effect": effect, "entities": refreshed.entities, "edges": refreshed.edges,
    })
}
