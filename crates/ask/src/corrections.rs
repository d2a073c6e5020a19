//! Checks an analyst's correction against the store before it is kept, and says what
//! it will do: the names of a merge, split or rename must each name one entity, a claim
//! key must name a claim. For the CLI and the API alike.

use crate::answer::{resolve, AskError};
use store::{Action, ClaimKey, EntitySummary, Store};

/// What [`check`] found wrong with a correction.
#[derive(Debug, thiserror::Error)]
pub enum CorrectionError {
    /// A name that names no entity, or a store failure.
    #[error(transparent)]
    Ask(#[from] AskError),
    /// A name that names several entities.
    #[error("{name:?} names {} entities ({}): give a fuller name", .found.len(), .found.join("; "))]
    Ambiguous {
        /// The name as given.
        name: String,
        /// The canonical names of the entities it names.
        found: Vec<String>,
    },
    /// Anything else that makes the correction meaningless, said in full.
    #[error("{0}")]
    Invalid(String),
    /// A claim key that does not parse.
    #[error(transparent)]
    Key(#[from] store::BadClaimKey),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] store::StoreError),
}

/// Checks a correction against what `store` holds; on success, a sentence saying what it
/// does ("Port Watch merged into Harbor Guard"). Names in the sentence are as stored
/// (untrusted text: the caller escapes them for its medium).
pub fn check(
    store: &Store,
    action: Action,
    target: &str,
    argument: Option<&str>,
) -> Result<String, CorrectionError> {
    let invalid = |s: String| Err(CorrectionError::Invalid(s));
    match action {
        Action::Merge => {
            let Some(into) = argument else {
                return invalid("merge needs the entity to merge into".into());
            };
            let (a, b) = (one(store, target)?, one(store, into)?);
            if a.id == b.id {
                return invalid(format!(
                    "{target:?} and {into:?} are already one entity, {}",
                    a.name
                ));
            }
            Ok(format!("{} merged into {}", a.name, b.name))
        }
        Action::Split => {
            let e = one(store, target)?;
            if kb::normalize(&e.name) == kb::normalize(target) {
                return invalid(format!(
                    "{target:?} is {}'s own name: split off one of its other names ({})",
                    e.name,
                    e.aliases.join("; ")
                ));
            }
            Ok(format!("{target} split off {}", e.name))
        }
        Action::Rename => {
            let Some(name) = argument.filter(|n| !n.trim().is_empty()) else {
                return invalid("rename needs a new name that is not empty".into());
            };
            let e = one(store, target)?;
            Ok(format!("{} renamed {name}", e.name))
        }
        Action::Reject | Action::Confirm => {
            let key: ClaimKey = target.parse()?;
            if store.claims_with_key(&key)?.is_empty() {
                return invalid(format!(
                    "no claim has the key {target}: `proxymap claims` prints each claim's key"
                ));
            }
            let done = if action == Action::Reject {
                "rejected"
            } else {
                "confirmed"
            };
            Ok(format!("claim {target} {done}"))
        }
    }
}

/// The one entity `name` names.
fn one(store: &Store, name: &str) -> Result<EntitySummary, CorrectionError> {
    let mut found = resolve(store, name)?;
    if found.len() == 1 {
        return Ok(found.remove(0));
    }
    Err(CorrectionError::Ambiguous {
        name: name.to_string(),
        found: found.into_iter().map(|e| e.name).collect(),
    })
}
