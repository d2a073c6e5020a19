//! The knowledge base: names, aliases and kinds of known actors, as data (placeholder
//! until the real loader lands), and the name normaliser.

use model::EntityKind;
use std::path::Path;

/// Index of an entry in its [`Kb`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntryId(pub u32);

/// One known actor: its canonical name, kind and other names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The canonical name.
    pub name: String,
    /// What it is.
    pub kind: EntityKind,
    /// Every other name: spellings, translations, acronyms.
    pub aliases: Vec<String>,
    /// For a state: its national adjectives and demonyms ("Iranian", "Iranians").
    pub demonyms: Vec<String>,
    /// For a state: its capital, whose name stands for the state when it acts.
    pub capital: Option<String>,
}

/// Why a knowledge-base file could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum KbError {
    /// The file could not be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
}

/// A set of entries, looked up by normalised name.
#[derive(Debug, Clone, Default)]
pub struct Kb {
    entries: Vec<Entry>,
}

impl Kb {
    /// The knowledge base built into the binary.
    pub fn builtin() -> Kb {
        Kb::default()
    }

    /// A knowledge base with no entries.
    pub fn empty() -> Kb {
        Kb::default()
    }

    /// Loads a user's file.
    pub fn load_file(path: &Path) -> Result<Kb, KbError> {
        let _ = path;
        Ok(Kb::default())
    }

    /// Adds another knowledge base's entries.
    pub fn extend(&mut self, other: Kb) {
        self.entries.extend(other.entries);
    }

    /// A version string that changes whenever the entries change.
    pub fn version(&self) -> String {
        "none".to_string()
    }

    /// Every entry.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry with this id.
    pub fn entry(&self, id: EntryId) -> &Entry {
        &self.entries[id.0 as usize]
    }

    /// Entries one of whose names (canonical, alias, demonym, capital) has this key,
    /// a key made by [`normalize`].
    pub fn lookup(&self, key: &str) -> Vec<EntryId> {
        let _ = key;
        Vec::new()
    }
}

/// The key two spellings of one name share: case, accents, punctuation, articles and
/// transliteration variants folded.
pub fn normalize(name: &str) -> String {
    name.to_lowercase()
}
