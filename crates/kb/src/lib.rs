//! The knowledge base: canonical names, aliases, demonyms, capitals and kinds of the
//! actors of the conflicts proxymap reads, as data; and the name normaliser.
//!
//! ```
//! use kb::{normalize, Kb, NameKind};
//! use model::EntityKind;
//!
//! let mut kb = Kb::builtin();
//! let user = Kb::parse(
//!     "my.jsonl",
//!     r#"{"name": "Kataib Sayyid al-Shuhada", "kind": "org", "aliases": ["KSS"]}"#,
//! )?;
//! kb.extend(user);
//!
//! // Spellings fold to one key.
//! let ids = kb.lookup(&normalize("Qasem Soleimani"));
//! assert_eq!(kb.entry(ids[0]).name, "Qassem Suleimani");
//!
//! // A capital stands for its state only in some uses: the match says which name it was.
//! let tehran = kb.lookup_name("Tehran");
//! assert!(tehran.iter().any(|m| m.name_kind == NameKind::Capital
//!     && kb.entry(m.id).name == "Iran" && kb.entry(m.id).kind == EntityKind::Org));
//! assert!(tehran.iter().any(|m| m.name_kind == NameKind::Canonical
//!     && kb.entry(m.id).kind == EntityKind::Place));
//! # Ok::<(), kb::KbError>(())
//! ```
//!
//! # The format
//!
//! JSON Lines, one entry per line; blank lines and lines starting with `#` are skipped:
//!
//! ```text
//! # name: the canonical name; kind: person, org, place or group
//! {"name": "Badr Organization", "kind": "org", "aliases": ["Badr", "Badr Corps"]}
//! {"name": "Iraq", "kind": "org", "aliases": ["Republic of Iraq"], "demonyms": ["Iraqi", "Iraqis"], "capital": "Baghdad"}
//! ```
//!
//! `name` and `kind` are required; `aliases` and `demonyms` are lists of strings,
//! `capital` a string or null; `forces_of`, for a state's armed forces (an `org`), the
//! canonical name of the state. No other field is allowed. A state that acts is an `org`
//! (the ontology's rule), its capital and demonyms stand for it only in some uses, and a
//! population named by the demonym is a `group`: the KB records the names, the mentions
//! and resolution stages decide by context. Every error names the file, the line and what
//! is wrong (`my.jsonl: line 12: unknown kind "militia": use person, org, place or group`);
//! every bad line of a file is reported, not only the first ([`KbError::errors`]).
//! An entry whose name an earlier line (or, through [`Kb::extend`], an earlier file) already
//! has is merged into it; within one file the two must agree on the kind.
//!
//! # Invariants
//!
//! The KB holds facts about names only. It is never the only way an entity is found (a
//! name absent from it is still found, typed and kept by the mentions stage) and it never
//! creates a relation. It knows nothing of documents, mentions or the store.

#![warn(missing_docs)]

mod error;
pub mod normalize;
mod parse;

pub use error::{KbError, Problem, MAX_ERRORS};
pub use normalize::normalize;

use model::EntityKind;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::Path;
use std::sync::OnceLock;

/// The built-in knowledge base's text (JSON Lines), embedded at build time.
pub const BUILTIN_TEXT: &str = include_str!("../data/builtin.jsonl");

/// The name the built-in knowledge base's errors and origins carry.
pub const BUILTIN_NAME: &str = "builtin.jsonl";

/// Index of an entry in its [`Kb`].
pub use model::EntryId;

/// One known actor: its canonical name, kind and other names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The canonical name.
    pub name: String,
    /// What it is.
    pub kind: EntityKind,
    /// Every other name: spellings, translations, acronyms.
    pub aliases: Vec<String>,
    /// For a state: its national adjectives and demonyms ("Iranian", "Iranians"); for a
    /// group, its adjective ("Kurdish").
    pub demonyms: Vec<String>,
    /// For a state: its capital, whose name stands for the state when it acts.
    pub capital: Option<String>,
    /// For a state's armed forces: the state's canonical name, so that "Turkish troops"
    /// or "U.S. soldiers" name this entry ([`Kb::armed_forces_of`]).
    pub forces_of: Option<String>,
}

impl Entry {
    /// Every name of the entry with what kind of name it is: the canonical name first, then
    /// aliases, demonyms and the capital, in file order.
    pub fn names(&self) -> impl Iterator<Item = (&str, NameKind)> + '_ {
        std::iter::once((self.name.as_str(), NameKind::Canonical))
            .chain(self.aliases.iter().map(|a| (a.as_str(), NameKind::Alias)))
            .chain(
                self.demonyms
                    .iter()
                    .map(|d| (d.as_str(), NameKind::Demonym)),
            )
            .chain(self.capital.iter().map(|c| (c.as_str(), NameKind::Capital)))
    }
}

/// Which of an entry's names a key matched. Ordered from the strongest: when several
/// names of one entry share a key, the match keeps the first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NameKind {
    /// The canonical name.
    Canonical,
    /// An alias: a spelling, translation, acronym or short form.
    Alias,
    /// A demonym or national adjective: stands for the state only in some uses.
    Demonym,
    /// The state's capital: stands for the state only when it acts.
    Capital,
}

/// One entry a key names, and through which of its names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Match {
    /// The entry.
    pub id: EntryId,
    /// Which of its names has the key.
    pub name_kind: NameKind,
}

/// Where an entry was first defined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The file, or the name given to [`Kb::parse`] ([`BUILTIN_NAME`] for the built-in one).
    pub file: String,
    /// The line, counted from 1.
    pub line: usize,
}

/// A set of entries, looked up by normalised name.
#[derive(Debug, Clone, Default)]
pub struct Kb {
    entries: Vec<Entry>,
    origins: Vec<Origin>,
    /// Normalised key → the entries one of whose names has it, sorted by id.
    index: HashMap<String, Vec<Match>, FnvBuild>,
    /// A state's entry → the entry of its armed forces.
    forces: HashMap<EntryId, EntryId, FnvBuild>,
    max_key_tokens: usize,
}

impl Kb {
    /// The knowledge base built into the binary ([`BUILTIN_TEXT`]), parsed once per process.
    /// A test guarantees it has no bad line.
    pub fn builtin() -> Kb {
        Kb::builtin_ref().clone()
    }

    /// The built-in knowledge base, shared: parsed on first use.
    pub fn builtin_ref() -> &'static Kb {
        static BUILTIN: OnceLock<Kb> = OnceLock::new();
        BUILTIN.get_or_init(|| Kb::parse_lenient(BUILTIN_NAME, BUILTIN_TEXT).0)
    }

    /// A knowledge base with no entries (`--no-default-kb`).
    pub fn empty() -> Kb {
        Kb::default()
    }

    /// Loads a user's file (`--kb FILE`). Errors carry the file's path; a file with bad
    /// lines fails with every one of them ([`KbError::errors`]).
    pub fn load_file(path: &Path) -> Result<Kb, KbError> {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|source| KbError::Io {
            path: name.clone(),
            source,
        })?;
        Kb::parse_bytes(&name, &bytes)
    }

    /// Parses the text of a knowledge-base file; `name` is what errors and origins call it.
    pub fn parse(name: &str, text: &str) -> Result<Kb, KbError> {
        Kb::parse_bytes(name, text.as_bytes())
    }

    /// Parses the text of a knowledge-base file, keeping its valid lines: the entries of
    /// the good lines, and an error for every bad one (at most [`MAX_ERRORS`], then a
    /// count).
    pub fn parse_lenient(name: &str, text: &str) -> (Kb, Option<KbError>) {
        let parsed = parse::parse(name, text.as_bytes());
        let error = KbError::collect(name, parsed.errors, parsed.n_more);
        (Kb::from_parsed(name, parsed.entries), error)
    }

    fn parse_bytes(name: &str, bytes: &[u8]) -> Result<Kb, KbError> {
        let parsed = parse::parse(name, bytes);
        match KbError::collect(name, parsed.errors, parsed.n_more) {
            Some(e) => Err(e),
            None => Ok(Kb::from_parsed(name, parsed.entries)),
        }
    }

    fn from_parsed(name: &str, entries: Vec<(Entry, usize)>) -> Kb {
        let mut kb = Kb::default();
        for (entry, line) in entries {
            kb.entries.push(entry);
            kb.origins.push(Origin {
                file: name.to_string(),
                line,
            });
        }
        kb.build_index();
        kb
    }

    /// Adds another knowledge base's entries after this one's. An entry whose canonical
    /// name (exactly) is already here is merged into the existing one: `other`'s kind and
    /// capital win, its aliases and demonyms are added, the existing id and origin stay.
    /// A user's file can so add spellings to a built-in entry, or correct its kind.
    pub fn extend(&mut self, other: Kb) {
        let mut by_name: HashMap<String, usize> = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.name.clone(), i))
            .collect();
        for (entry, origin) in other.entries.into_iter().zip(other.origins) {
            match by_name.get(&entry.name) {
                Some(&i) => parse::merge(&mut self.entries[i], entry),
                None => {
                    by_name.insert(entry.name.clone(), self.entries.len());
                    self.entries.push(entry);
                    self.origins.push(origin);
                }
            }
        }
        self.build_index();
    }

    /// A version string that changes whenever the entries change: the FNV-1a 64-bit hash
    /// of every entry's kind and names, in id order, as 16 hex digits. It depends on the
    /// order of entries, as their ids do; it does not depend on comments, blank lines,
    /// JSON spacing or field order, nor on origins.
    pub fn version(&self) -> String {
        let mut h = Fnv::default();
        for e in &self.entries {
            h.field(e.kind.name().as_bytes());
            h.field(e.name.as_bytes());
            for (tag, list) in [(b'a', &e.aliases), (b'd', &e.demonyms)] {
                h.field(&[tag]);
                h.field(&list.len().to_le_bytes());
                for s in list {
                    h.field(s.as_bytes());
                }
            }
            h.field(b"c");
            h.field(e.capital.as_deref().unwrap_or("\u{0}").as_bytes());
            if let Some(state) = &e.forces_of {
                h.field(b"f");
                h.field(state.as_bytes());
            }
        }
        format!("{:016x}", h.finish())
    }

    /// Every entry, in id order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry with this id. Panics when the id is not of this knowledge base.
    pub fn entry(&self, id: EntryId) -> &Entry {
        &self.entries[id.0 as usize]
    }

    /// Where the entry with this id was first defined. Panics when the id is not of this
    /// knowledge base.
    pub fn origin(&self, id: EntryId) -> &Origin {
        &self.origins[id.0 as usize]
    }

    /// Entries one of whose names (canonical, alias, demonym, capital) has this key,
    /// a key made by [`normalize()`]; sorted by id, each once.
    pub fn lookup(&self, key: &str) -> Vec<EntryId> {
        self.matches(key).iter().map(|m| m.id).collect()
    }

    /// Like [`Kb::lookup`], with which name of each entry matched; no allocation.
    pub fn matches(&self, key: &str) -> &[Match] {
        self.index.get(key).map_or(&[], Vec::as_slice)
    }

    /// The matches of a name as written: normalises it, then [`Kb::matches`].
    pub fn lookup_name(&self, name: &str) -> &[Match] {
        self.matches(&normalize(name))
    }

    /// The entry of a state's armed forces: the one whose `forces_of` names the state's
    /// entry (the first such, by id).
    pub fn armed_forces_of(&self, state: EntryId) -> Option<EntryId> {
        self.forces.get(&state).copied()
    }

    /// Whether any name has this key.
    pub fn contains_key(&self, key: &str) -> bool {
        self.index.contains_key(key)
    }

    /// The largest number of space-separated tokens in any key: a scanner need not try
    /// longer runs of tokens.
    pub fn max_key_tokens(&self) -> usize {
        self.max_key_tokens
    }

    /// Every key, in no particular order.
    pub fn keys(&self) -> impl Iterator<Item = &str> + '_ {
        self.index.keys().map(String::as_str)
    }

    fn build_index(&mut self) {
        let mut index: HashMap<String, Vec<Match>, FnvBuild> = HashMap::default();
        let mut max_key_tokens = 0;
        for (i, e) in self.entries.iter().enumerate() {
            let id = EntryId(i as u32);
            for (name, name_kind) in e.names() {
                let key = normalize(name);
                if key.is_empty() {
                    continue;
                }
                max_key_tokens = max_key_tokens.max(key.split(' ').count());
                let matches = index.entry(key).or_default();
                match matches.last_mut() {
                    Some(last) if last.id == id => last.name_kind = last.name_kind.min(name_kind),
                    _ => matches.push(Match { id, name_kind }),
                }
            }
        }
        let mut forces = HashMap::default();
        for (i, e) in self.entries.iter().enumerate() {
            let Some(state) = &e.forces_of else { continue };
            let found = index
                .get(&normalize(state))
                .into_iter()
                .flatten()
                .find(|m| {
                    let s = &self.entries[m.id.0 as usize];
                    s.name == *state && s.kind == EntityKind::Org
                });
            if let Some(m) = found {
                forces.entry(m.id).or_insert(EntryId(i as u32));
            }
        }
        self.index = index;
        self.forces = forces;
        self.max_key_tokens = max_key_tokens;
    }
}

/// FNV-1a, 64 bits: the version hash and the index's hasher (short keys, no DoS concern:
/// the keys come from the KB's own files).
#[derive(Debug, Clone, Copy)]
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    /// Hashes a length-prefixed field, so that field boundaries count.
    fn field(&mut self, bytes: &[u8]) {
        self.write(&(bytes.len() as u64).to_le_bytes());
        self.write(bytes);
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

type FnvBuild = BuildHasherDefault<Fnv>;

#[cfg(test)]
mod tests;
