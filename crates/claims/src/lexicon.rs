//! The cue lexicon: which words state which predicate, and how their subject and object
//! stand around them. The data is `data/cues.txt`, parsed and validated on first use.
//!
//! One cue a line, `PREDICATE CLASS PATTERN [; OPTION ...]`; `#` starts a comment line.
//! A pattern is words separated by spaces, each word its lowercase ASCII alternatives
//! separated by `|` (a hyphen is a word of its own); adverbs may stand between the words
//! of a cue in the text. The classes are those of [`CueClass`]; the options `inverse`,
//! `head`, `to`, `kind=W`, `means=W` and `as=W` are described in the data file's header.
//! Every bad line is an error naming its line ([`ClaimsError::Lexicon`]); a test keeps the
//! built-in file valid.

use crate::{ClaimsError, Predicate};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The built-in lexicon's text.
pub const CUES_TEXT: &str = include_str!("../data/cues.txt");

/// How a cue's subject and object stand around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CueClass {
    /// `S cue O`, and the passive `O (be) cue by S`.
    Verb,
    /// A role noun: the holder is the subject, the body the object.
    Role,
    /// An event noun ending in its preposition to the object.
    Event,
    /// A compound modifier `S-cue O`.
    Modifier,
    /// A prefix `cue-O S`.
    Pro,
    /// `under the cue of S` / `under S's cue`, attached to the clause's actor.
    Under,
    /// `cue between A and B`.
    Between,
    /// An adverbial ending in its preposition ("in coordination with O", "in support of
    /// O"): the clause's actor to O.
    Adjunct,
}

impl CueClass {
    fn from_name(name: &str) -> Option<CueClass> {
        Some(match name {
            "verb" => CueClass::Verb,
            "role" => CueClass::Role,
            "event" => CueClass::Event,
            "modifier" => CueClass::Modifier,
            "pro" => CueClass::Pro,
            "under" => CueClass::Under,
            "between" => CueClass::Between,
            "adjunct" => CueClass::Adjunct,
            _ => return None,
        })
    }
}

/// One cue of the lexicon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    /// The predicate it states.
    pub predicate: Predicate,
    /// How its arguments stand.
    pub class: CueClass,
    /// Its words, each a list of lowercase alternatives.
    pub words: Vec<Vec<&'static str>>,
    /// Whether subject and object swap ("answers to").
    pub inverse: bool,
    /// The attack kind it names, if any.
    pub kind: Option<&'static str>,
    /// The means of support it names, if any.
    pub means: Option<&'static str>,
    /// What a designation lists its object as, if any.
    pub as_: Option<&'static str>,
    /// For a role noun: whether it heads a whole state ("president", "prime minister");
    /// any other leader's title before a state's name makes a member ("Iranian commander").
    pub head_of_state: bool,
    /// For a role noun: whether its body follows "to" rather than "of" ("adviser to").
    pub body_after_to: bool,
    /// Its line in the data file, from 1.
    pub line: usize,
}

/// The parsed lexicon, indexed by the first word of each cue.
#[derive(Debug, Default)]
pub struct Lexicon {
    cues: Vec<Cue>,
    by_first: HashMap<&'static str, Vec<u32>>,
}

impl Lexicon {
    /// The built-in lexicon, parsed once per process. A test guarantees the data is valid;
    /// should it not be, the lexicon is empty and no cue claim is made.
    pub fn builtin() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| Lexicon::parse(CUES_TEXT).unwrap_or_default())
    }

    /// Parses lexicon text (the format of `data/cues.txt`); every bad line is an error
    /// naming its line.
    pub fn parse(text: &'static str) -> Result<Lexicon, ClaimsError> {
        let mut lex = Lexicon::default();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let cue = parse_line(line, i + 1)?;
            let id = lex.cues.len() as u32;
            for first in &cue.words[0] {
                lex.by_first.entry(first).or_default().push(id);
            }
            lex.cues.push(cue);
        }
        Ok(lex)
    }

    /// Every cue.
    pub fn cues(&self) -> &[Cue] {
        &self.cues
    }

    /// The cue with this id.
    pub fn cue(&self, id: u32) -> &Cue {
        &self.cues[id as usize]
    }

    /// The interned form of a word that is a one-word modifier cue ("led", "backed"), if it
    /// is one.
    pub fn modifier_word(&self, word: &str) -> Option<&'static str> {
        self.cues.iter().find_map(|c| {
            (c.class == CueClass::Modifier && c.words.len() == 1)
                .then(|| c.words[0].iter().find(|a| **a == word).copied())
                .flatten()
        })
    }

    /// The modifier cues whose single word is `word`.
    pub fn modifiers<'a>(&'a self, word: &'a str) -> impl Iterator<Item = &'a Cue> + 'a {
        self.cues.iter().filter(move |c| {
            c.class == CueClass::Modifier && c.words.len() == 1 && c.words[0].contains(&word)
        })
    }

    /// Whether a word is the last word of some role noun ("leader", "founder").
    pub fn is_role_word(&self, word: &str) -> bool {
        self.cues.iter().any(|c| {
            c.class == CueClass::Role && c.words.last().is_some_and(|alts| alts.contains(&word))
        })
    }

    /// The ids of the cues whose first word has this alternative.
    pub fn starting_with(&self, word: &str) -> &[u32] {
        self.by_first.get(word).map_or(&[], Vec::as_slice)
    }
}

fn parse_line(line: &'static str, n: usize) -> Result<Cue, ClaimsError> {
    let bad = |why: String| ClaimsError::Lexicon { line: n, why };
    let (pattern_part, options) = match line.split_once(';') {
        Some((p, o)) => (p, o),
        None => (line, ""),
    };
    let mut fields = pattern_part.split_whitespace();
    let pred_name = fields.next().ok_or_else(|| bad("empty line".into()))?;
    let predicate = Predicate::from_name(pred_name)
        .ok_or_else(|| bad(format!("unknown predicate {pred_name:?}")))?;
    let class_name = fields.next().ok_or_else(|| bad("no class".into()))?;
    let class = CueClass::from_name(class_name)
        .ok_or_else(|| bad(format!("unknown class {class_name:?}")))?;
    let mut words = Vec::new();
    for w in fields {
        let alts: Vec<&'static str> = w.split('|').collect();
        if alts.iter().any(|a| !valid_word(a)) {
            return Err(bad(format!(
                "bad word {w:?}: lowercase letters, or a lone hyphen"
            )));
        }
        words.push(alts);
    }
    if words.is_empty() {
        return Err(bad("no pattern".into()));
    }
    if class == CueClass::Between && !predicate.is_symmetric() {
        return Err(bad(format!(
            "class between needs a symmetric predicate, not {pred_name}"
        )));
    }
    let mut cue = Cue {
        predicate,
        class,
        words,
        inverse: false,
        kind: None,
        means: None,
        as_: None,
        head_of_state: false,
        body_after_to: false,
        line: n,
    };
    for opt in options.split_whitespace() {
        match opt.split_once('=') {
            None if opt == "inverse" => cue.inverse = true,
            None if opt == "head" => cue.head_of_state = true,
            None if opt == "to" => cue.body_after_to = true,
            Some(("kind", v)) => cue.kind = Some(v),
            Some(("means", v)) => cue.means = Some(v),
            Some(("as", v)) => cue.as_ = Some(v),
            _ => return Err(bad(format!("unknown option {opt:?}"))),
        }
    }
    Ok(cue)
}

fn valid_word(w: &str) -> bool {
    w == "-" || (!w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase() || c == '\''))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_data_is_valid() {
        let lex = Lexicon::parse(CUES_TEXT).expect("cues.txt parses");
        assert!(lex.cues().len() > 100);
        for p in Predicate::ALL {
            assert!(
                lex.cues().iter().any(|c| c.predicate == p),
                "no cue for {}",
                p.name()
            );
        }
    }

    #[test]
    fn bad_lines_name_their_line() {
        let err = Lexicon::parse("# c\nleads verb lead\nleads nonsense x\n").unwrap_err();
        assert_eq!(err.to_string(), "cues: line 3: unknown class \"nonsense\"");
        let err = Lexicon::parse("hates verb hate\n").unwrap_err();
        assert_eq!(err.to_string(), "cues: line 1: unknown predicate \"hates\"");
        let err = Lexicon::parse("leads between talks\n").unwrap_err();
        assert!(err.to_string().contains("symmetric"));
        let err = Lexicon::parse("leads verb Lead\n").unwrap_err();
        assert!(err.to_string().contains("bad word"));
    }

    #[test]
    fn options_are_read() {
        let lex = Lexicon::parse("controls verb answer|answers to ; inverse\n").unwrap();
        let cue = &lex.cues()[0];
        assert!(cue.inverse);
        assert_eq!(cue.words, vec![vec!["answer", "answers"], vec!["to"]]);
        assert_eq!(lex.starting_with("answers"), &[0]);
    }
}
