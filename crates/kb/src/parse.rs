//! Reading and validating the JSON Lines format (see the crate documentation).

use crate::error::{KbError, Problem, MAX_ERRORS};
use crate::{normalize, Entry};
use model::EntityKind;
use serde_json::Value;
use std::collections::HashMap;

/// The fields an entry may have.
pub(crate) const FIELDS: [&str; 6] = [
    "name",
    "kind",
    "aliases",
    "demonyms",
    "capital",
    "forces_of",
];

/// What one file gives: its entries with the line each starts on, and its errors.
pub(crate) struct Parsed {
    /// Valid entries, duplicates merged, in file order, with their line.
    pub entries: Vec<(Entry, usize)>,
    /// The first [`MAX_ERRORS`] line errors.
    pub errors: Vec<KbError>,
    /// How many errors there were beyond `errors`.
    pub n_more: usize,
}

/// Parses the text of one file. Never fails: a bad line is reported and skipped.
pub(crate) fn parse(path: &str, text: &[u8]) -> Parsed {
    let mut out = Parsed {
        entries: Vec::new(),
        errors: Vec::new(),
        n_more: 0,
    };
    // Exact canonical name → (index in `out.entries`).
    let mut by_name: HashMap<String, usize> = HashMap::new();
    let text = text.strip_prefix("\u{feff}".as_bytes()).unwrap_or(text);
    for (idx, raw) in text.split(|&b| b == b'\n').enumerate() {
        let line_no = idx + 1;
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        let mut problems = Vec::new();
        match std::str::from_utf8(raw) {
            Err(_) => problems.push(Problem::NotUtf8),
            Ok(line) => {
                let trimmed = line.trim();
                if trimmed.is_empty() || trimmed.starts_with('#') {
                    continue;
                }
                if let Some(entry) = parse_line(trimmed, &mut problems) {
                    add(&mut out, &mut by_name, entry, line_no, &mut problems);
                }
            }
        }
        for problem in problems {
            if out.errors.len() < MAX_ERRORS {
                out.errors.push(KbError::Line {
                    path: path.to_string(),
                    line: line_no,
                    problem,
                });
            } else {
                out.n_more += 1;
            }
        }
    }
    out
}

/// Adds a valid entry, merging it into an earlier one of the same name and kind.
fn add(
    out: &mut Parsed,
    by_name: &mut HashMap<String, usize>,
    entry: Entry,
    line: usize,
    problems: &mut Vec<Problem>,
) {
    match by_name.get(&entry.name) {
        Some(&i) => {
            let (earlier, earlier_line) = &mut out.entries[i];
            if earlier.kind == entry.kind {
                merge(earlier, entry);
            } else {
                problems.push(Problem::KindConflict {
                    name: entry.name,
                    kind: entry.kind,
                    other: earlier.kind,
                    other_line: *earlier_line,
                });
            }
        }
        None => {
            by_name.insert(entry.name.clone(), out.entries.len());
            out.entries.push((entry, line));
        }
    }
}

/// Merges `other` (same name) into `entry`: its kind, capital and state win when given, its
/// aliases and demonyms are added when new.
pub(crate) fn merge(entry: &mut Entry, other: Entry) {
    entry.kind = other.kind;
    for a in other.aliases {
        if a != entry.name && !entry.aliases.contains(&a) {
            entry.aliases.push(a);
        }
    }
    for d in other.demonyms {
        if !entry.demonyms.contains(&d) {
            entry.demonyms.push(d);
        }
    }
    if other.capital.is_some() {
        entry.capital = other.capital;
    }
    if other.forces_of.is_some() {
        entry.forces_of = other.forces_of;
    }
}

/// Parses one non-blank, non-comment line; pushes every problem found.
fn parse_line(line: &str, problems: &mut Vec<Problem>) -> Option<Entry> {
    let value: Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => {
            let message = e.to_string();
            let message = match message.rfind(" at line ") {
                Some(p) => message[..p].to_string(),
                None => message,
            };
            problems.push(Problem::NotJson {
                message,
                column: e.column(),
            });
            return None;
        }
    };
    let Value::Object(map) = value else {
        problems.push(Problem::NotObject);
        return None;
    };
    let n_before = problems.len();
    for key in map.keys() {
        if !FIELDS.contains(&key.as_str()) {
            problems.push(Problem::UnknownField(key.clone()));
        }
    }
    let name = match map.get("name") {
        None => {
            problems.push(Problem::Missing("name"));
            None
        }
        Some(Value::String(s)) => check_name("name", s, problems).then(|| s.clone()),
        Some(_) => {
            problems.push(Problem::NotString("name"));
            None
        }
    };
    let kind = match map.get("kind") {
        None => {
            problems.push(Problem::Missing("kind"));
            None
        }
        Some(Value::String(s)) => {
            let kind = EntityKind::from_name(s);
            if kind.is_none() {
                problems.push(Problem::UnknownKind(s.clone()));
            }
            kind
        }
        Some(_) => {
            problems.push(Problem::NotString("kind"));
            None
        }
    };
    let aliases = string_list(&map, "aliases", problems);
    let demonyms = string_list(&map, "demonyms", problems);
    let capital = match map.get("capital") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => check_name("capital", s, problems).then(|| s.clone()),
        Some(_) => {
            problems.push(Problem::NotString("capital"));
            None
        }
    };
    let forces_of = match map.get("forces_of") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => check_name("forces_of", s, problems).then(|| s.clone()),
        Some(_) => {
            problems.push(Problem::NotString("forces_of"));
            None
        }
    };
    if let Some(kind) = kind {
        if forces_of.is_some() && kind != EntityKind::Org {
            problems.push(Problem::NotForKind {
                field: "forces_of",
                kind,
            });
        }
        if capital.is_some() && matches!(kind, EntityKind::Person | EntityKind::Group) {
            problems.push(Problem::NotForKind {
                field: "capital",
                kind,
            });
        }
        if !demonyms.is_empty() && kind == EntityKind::Person {
            problems.push(Problem::NotForKind {
                field: "demonyms",
                kind,
            });
        }
    }
    if let Some(name) = &name {
        let mut seen: Vec<&str> = Vec::new();
        for s in aliases.iter().chain(&demonyms).chain(&capital) {
            if s == name {
                problems.push(Problem::AliasIsName(s.clone()));
            } else if seen.contains(&s.as_str()) {
                problems.push(Problem::Repeated(s.clone()));
            } else {
                seen.push(s);
            }
        }
    }
    if problems.len() > n_before {
        return None;
    }
    Some(Entry {
        name: name?,
        kind: kind?,
        aliases,
        demonyms,
        capital,
        forces_of,
    })
}

/// A list-of-strings field, each string checked; empty when absent.
fn string_list(
    map: &serde_json::Map<String, Value>,
    field: &'static str,
    problems: &mut Vec<Problem>,
) -> Vec<String> {
    let mut out = Vec::new();
    match map.get(field) {
        None => {}
        Some(Value::Array(items)) => {
            for item in items {
                match item {
                    Value::String(s) => {
                        if check_name(field, s, problems) {
                            out.push(s.clone());
                        }
                    }
                    _ => {
                        problems.push(Problem::NotStringList(field));
                        break;
                    }
                }
            }
        }
        Some(_) => problems.push(Problem::NotStringList(field)),
    }
    out
}

/// Checks one name; pushes a problem and returns false when it is unusable.
fn check_name(field: &'static str, s: &str, problems: &mut Vec<Problem>) -> bool {
    let problem = if s.is_empty() {
        Problem::Empty(field)
    } else if s.trim() != s {
        Problem::Spaces {
            field,
            value: s.to_string(),
        }
    } else if s.chars().any(char::is_control) {
        Problem::ControlChar {
            field,
            value: s.to_string(),
        }
    } else if normalize(s).is_empty() {
        Problem::NoKey {
            field,
            value: s.to_string(),
        }
    } else {
        return true;
    };
    problems.push(problem);
    false
}
