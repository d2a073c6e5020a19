//! The question grammar: what a question asks, read from its words.
//!
//! ```text
//! question  := relation | evidence | profile | timeline
//! relation  := WH [NOUN] [AUX] PHRASE NAME            who leads X; which militias does Iran back?
//!            | WH [NOUN] AUX NAME PHRASE [by]          whom does X support; who is X led by
//!            | WH [NOUN] [AUX] PHRASE by NAME          who is led by X  (X leads them)
//! evidence  := (who says | who said | according to whom) [that] clause
//!            | clause (, says who | according to whom)
//!            | AUX clause                              does Iran support X?
//!            | clause                                  Iran supports X
//! clause    := NAME [AUX] PHRASE NAME | NAME AUX PHRASE by NAME
//! profile   := profile [of] NAME | NAME's profile | tell me about NAME | who is NAME | NAME
//! timeline  := timeline [of|for] NAME | NAME's timeline | history of NAME
//! ```
//!
//! WH is who, whom, what, which or where; AUX an auxiliary (is, does, did, has…);
//! PHRASE a verb or phrase of `data/verbs.txt`, the longest that fits. Names are
//! handed on as typed; the answer resolves them through the entity resolver.

use crate::verbs::{Verbs, VERBS};
use thiserror::Error;

/// What a question asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Question {
    /// Who stands in `predicate` to `entity` (`Incoming`: "who leads X"), or to whom
    /// `entity` does (`Outgoing`: "whom does X lead").
    Relation {
        /// The predicate's ontology name.
        predicate: &'static str,
        /// Which side of the predicate `entity` is on.
        direction: Direction,
        /// The entity's name as typed.
        entity: String,
    },
    /// The claims of one edge, and who makes them: "who says X leads Y", "does X lead Y".
    Evidence {
        /// The subject's name as typed.
        subject: String,
        /// The predicate's ontology name.
        predicate: &'static str,
        /// The object's name as typed.
        object: String,
    },
    /// Everything the network says of an entity.
    Profile {
        /// The entity's name as typed.
        entity: String,
    },
    /// An entity's claims in time order.
    Timeline {
        /// The entity's name as typed.
        entity: String,
    },
}

/// Which side of a predicate the named entity is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// The entity is the object: "who leads X" asks for subjects.
    Incoming,
    /// The entity is the subject: "whom does X lead" asks for objects.
    Outgoing,
}

/// Why a question could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum QuestionError {
    /// Nothing but spaces and punctuation.
    #[error("the question is empty: ask e.g. \"who leads Badr Organization?\"")]
    Empty,
    /// A relation without the entity it is about ("who leads?").
    #[error("{question:?} names no entity: ask e.g. \"who {phrase} Badr Organization?\"")]
    NoEntity {
        /// The question as typed.
        question: String,
        /// The phrase that was understood.
        phrase: String,
    },
}

/// Reads a question.
pub fn parse(question: &str) -> Result<Question, QuestionError> {
    let words = Words::new(question);
    if words.is_empty() {
        return Err(QuestionError::Empty);
    }
    Parser {
        w: &words,
        verbs: &VERBS,
        question,
    }
    .question()
}

/// Words of the question that are asked about, not named.
const WH: &[&str] = &["who", "whom", "what", "which", "where"];
/// Auxiliaries and adverbs that stand between the question word and the verb.
const AUX: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "does",
    "do",
    "did",
    "has",
    "have",
    "had",
    "can",
    "could",
    "will",
    "would",
    "currently",
    "still",
    "now",
    "actually",
    "really",
    "reportedly",
    "allegedly",
];
/// Auxiliaries that open a yes-no question ("does X lead Y?").
const YES_NO: &[&str] = &[
    "does", "do", "did", "is", "are", "was", "were", "has", "have",
];

/// The question's words: lowercased for matching, with byte spans into the question for
/// handing names on as typed.
struct Words<'a> {
    text: &'a str,
    spans: Vec<(usize, usize)>,
    lower: Vec<String>,
}

impl<'a> Words<'a> {
    fn new(text: &'a str) -> Words<'a> {
        let mut spans = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices() {
            if c.is_whitespace() || c == ',' {
                if let Some(s) = start.take() {
                    spans.push((s, i));
                }
            } else if start.is_none() {
                start = Some(i);
            }
        }
        if let Some(s) = start {
            spans.push((s, text.len()));
        }
        let spans: Vec<(usize, usize)> = spans
            .into_iter()
            .filter_map(|(s, e)| trim_punctuation(text, s, e))
            .collect();
        let lower = spans
            .iter()
            .map(|&(s, e)| text[s..e].to_lowercase())
            .collect();
        Words { text, spans, lower }
    }

    fn len(&self) -> usize {
        self.spans.len()
    }

    fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    fn is(&self, i: usize, word: &str) -> bool {
        self.lower.get(i).is_some_and(|w| w == word)
    }

    fn is_any(&self, i: usize, words: &[&str]) -> bool {
        self.lower
            .get(i)
            .is_some_and(|w| words.contains(&w.as_str()))
    }

    fn starts_with(&self, at: usize, words: &[&str]) -> bool {
        words.iter().enumerate().all(|(k, w)| self.is(at + k, w))
    }

    /// The words `from..to` as typed; `None` when there are none.
    fn name(&self, from: usize, to: usize) -> Option<String> {
        if from >= to || to > self.len() {
            return None;
        }
        let name = &self.text[self.spans[from].0..self.spans[to - 1].1];
        Some(name.to_string())
    }
}

/// The word `s..e` without the punctuation around it (a possessive's apostrophe and inner
/// hyphens stay); `None` when nothing is left.
fn trim_punctuation(text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    let word = &text[s..e];
    let keep = |c: char| c.is_alphanumeric() || c == '\'' || c == '’' || c == '-';
    let lead = word.len() - word.trim_start_matches(|c: char| !keep(c)).len();
    let trimmed = word[lead..].trim_end_matches(|c: char| !keep(c) || c == '-');
    if trimmed.is_empty() {
        return None;
    }
    Some((s + lead, s + lead + trimmed.len()))
}

/// Strips a possessive ending ("Iran's" → "Iran", "the Guards'" → "the Guards").
fn without_possessive(word: &str) -> Option<&str> {
    ["'s", "’s", "'", "’"]
        .iter()
        .find_map(|end| word.strip_suffix(end))
}

struct Parser<'a, 'q> {
    w: &'a Words<'q>,
    verbs: &'a Verbs,
    question: &'a str,
}

impl Parser<'_, '_> {
    fn question(&self) -> Result<Question, QuestionError> {
        if let Some(q) = self.timeline().or_else(|| self.profile_form()) {
            return Ok(q);
        }
        if let Some(q) = self.who_says() {
            return q;
        }
        if self.w.is_any(0, WH) {
            return self.wh_question();
        }
        if self.w.is_any(0, YES_NO) {
            if let Some(q) = self.clause(1, self.w.len()) {
                return Ok(q);
            }
        }
        if let Some(q) = self.clause(0, self.w.len()) {
            return Ok(q);
        }
        Ok(Question::Profile {
            entity: self.whole_name(0),
        })
    }

    /// "timeline of X", "X's timeline", "history of X".
    fn timeline(&self) -> Option<Question> {
        let n = self.w.len();
        for lead in [
            &["timeline", "of"][..],
            &["timeline", "for"],
            &["history", "of"],
            &["timeline"],
        ] {
            if self.w.starts_with(0, lead) && n > lead.len() {
                return Some(Question::Timeline {
                    entity: self.whole_name(lead.len()),
                });
            }
        }
        if n >= 2 && self.w.is(n - 1, "timeline") {
            return Some(Question::Timeline {
                entity: self.possessor(n - 1)?,
            });
        }
        None
    }

    /// "profile of X", "X's profile", "tell me about X", "about X".
    fn profile_form(&self) -> Option<Question> {
        let n = self.w.len();
        for lead in [
            &["profile", "of"][..],
            &["profile", "for"],
            &["tell", "me", "about"],
            &["about"],
            &["profile"],
        ] {
            if self.w.starts_with(0, lead) && n > lead.len() {
                return Some(Question::Profile {
                    entity: self.whole_name(lead.len()),
                });
            }
        }
        if n >= 2 && self.w.is(n - 1, "profile") {
            return Some(Question::Profile {
                entity: self.possessor(n - 1)?,
            });
        }
        None
    }

    /// The name of words `0..end`, the last of which ends in a possessive "'s".
    fn possessor(&self, end: usize) -> Option<String> {
        let name = self.w.name(0, end)?;
        Some(without_possessive(&name).unwrap_or(&name).to_string())
    }

    /// The words from `from` to the end as one name.
    fn whole_name(&self, from: usize) -> String {
        self.w
            .name(from, self.w.len())
            .unwrap_or_else(|| self.question.trim().to_string())
    }

    /// "who says X leads Y", "according to whom does X lead Y", "X leads Y, says who".
    fn who_says(&self) -> Option<Result<Question, QuestionError>> {
        let n = self.w.len();
        let leads: [&[&str]; 6] = [
            &["who", "says"],
            &["who", "said"],
            &["who", "claims"],
            &["who", "reports"],
            &["who", "reported"],
            &["according", "to", "whom"],
        ];
        for lead in leads {
            if self.w.starts_with(0, lead) {
                let mut from = lead.len();
                if self.w.is(from, "that") {
                    from += 1;
                }
                return self.clause(from, n).map(Ok);
            }
        }
        for tail in [
            &["says", "who"][..],
            &["said", "who"],
            &["according", "to", "whom"],
        ] {
            if n > tail.len() && self.w.starts_with(n - tail.len(), tail) {
                return self.clause(0, n - tail.len()).map(Ok);
            }
        }
        None
    }

    /// "[AUX] NAME [AUX] PHRASE NAME" within `from..to`, the first phrase with a name on
    /// each side; a phrase followed by "by" is a passive ("the Guard is led by X",
    /// "is the Guard led by X") and turns the sides round.
    fn clause(&self, mut from: usize, to: usize) -> Option<Question> {
        while self.w.is_any(from, YES_NO) {
            from += 1;
        }
        for at in from + 1..to {
            let Some((len, predicate)) = self.verbs.longest_at(&self.w.lower, at) else {
                continue;
            };
            let mut subject_end = at;
            while subject_end > from + 1 && self.w.is_any(subject_end - 1, AUX) {
                subject_end -= 1;
            }
            let passive = self.w.is(at + len, "by");
            let object_start = at + len + usize::from(passive);
            let (Some(first), Some(second)) = (
                self.w.name(from, subject_end),
                self.w.name(object_start, to),
            ) else {
                continue;
            };
            let (subject, object) = if passive {
                (second, first)
            } else {
                (first, second)
            };
            return Some(Question::Evidence {
                subject,
                predicate,
                object,
            });
        }
        None
    }

    /// A question opened by who, whom, what, which or where.
    fn wh_question(&self) -> Result<Question, QuestionError> {
        let n = self.w.len();
        let mut at = 1;
        // "which militias", "what armed groups": the noun says what is asked for; it ends
        // at an auxiliary ("what armed groups does X back") or else at the first verb
        // that is not a participle used as an adjective ("which armed groups fight X").
        if self.w.is_any(0, &["which", "what"]) {
            let limit = n.min(4);
            at = match (1..limit).find(|&i| self.w.is_any(i, AUX)) {
                Some(aux) => aux,
                None => (1..limit)
                    .find(|&i| self.is_verb(i) && !(i == 1 && self.is_adjective(i)))
                    .unwrap_or(1),
            };
        }
        let mut verb_at = at;
        while self.w.is_any(verb_at, AUX) {
            verb_at += 1;
        }
        if let Some((len, predicate)) = self.verbs.longest_at(&self.w.lower, verb_at) {
            return self.wh_verb_first(verb_at + len, predicate);
        }
        if at < n && self.w.is_any(at, AUX) {
            if let Some(q) = self.wh_name_first(at + 1) {
                return Ok(q);
            }
            // "who is X", "what is X": a profile.
            let mut from = at + 1;
            while self.w.is_any(from, AUX) {
                from += 1;
            }
            if from < n {
                return Ok(Question::Profile {
                    entity: self.whole_name(from),
                });
            }
        }
        Ok(Question::Profile {
            entity: self.whole_name(at.min(n - 1)),
        })
    }

    /// Whether a phrase of the lexicon starts at word `i`.
    fn is_verb(&self, i: usize) -> bool {
        self.verbs.longest_at(&self.w.lower, i).is_some()
    }

    /// Whether word `i` is a participle that another verb follows, so an adjective
    /// ("armed" in "which armed groups fight X").
    fn is_adjective(&self, i: usize) -> bool {
        self.w.lower[i].ends_with("ed") && (i + 1..self.w.len()).any(|j| self.is_verb(j))
    }

    /// "who leads X" and "who is led by X", the phrase ending before `after`.
    fn wh_verb_first(
        &self,
        after: usize,
        predicate: &'static str,
    ) -> Result<Question, QuestionError> {
        let n = self.w.len();
        let (direction, from) = if self.w.is(after, "by") {
            (Direction::Outgoing, after + 1)
        } else {
            (Direction::Incoming, after)
        };
        match self.w.name(from, n) {
            Some(entity) => Ok(Question::Relation {
                predicate,
                direction,
                entity,
            }),
            None => Err(QuestionError::NoEntity {
                question: self.question.trim().to_string(),
                phrase: self.w.lower[..after].join(" "),
            }),
        }
    }

    /// "whom does X support", "who is X led by", "what is X a member of": the name
    /// starts at `from` and a phrase ends the question (or precedes a final "by").
    fn wh_name_first(&self, from: usize) -> Option<Question> {
        let n = self.w.len();
        let passive_by = self.w.is(n - 1, "by");
        let end = if passive_by { n - 1 } else { n };
        for at in from + 1..end {
            let Some((len, predicate)) = self.verbs.longest_at(&self.w.lower, at) else {
                continue;
            };
            if at + len != end {
                continue;
            }
            let entity = self.w.name(from, at)?;
            let direction = if passive_by {
                Direction::Incoming
            } else {
                Direction::Outgoing
            };
            return Some(Question::Relation {
                predicate,
                direction,
                entity,
            });
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn relation(predicate: &'static str, direction: Direction, entity: &str) -> Question {
        Question::Relation {
            predicate,
            direction,
            entity: entity.to_string(),
        }
    }

    fn evidence(subject: &str, predicate: &'static str, object: &str) -> Question {
        Question::Evidence {
            subject: subject.to_string(),
            predicate,
            object: object.to_string(),
        }
    }

    fn check(question: &str, expected: Question) {
        assert_eq!(parse(question), Ok(expected), "{question}");
    }

    #[test]
    fn who_verb_name_asks_for_subjects() {
        use Direction::Incoming;
        check(
            "who leads the Northern Brigade?",
            relation("leads", Incoming, "the Northern Brigade"),
        );
        check(
            "Who controls Harbour Guard",
            relation("controls", Incoming, "Harbour Guard"),
        );
        check(
            "who is the commander of Delta Force?",
            relation("leads", Incoming, "Delta Force"),
        );
        check(
            "which militias are members of the Front?",
            relation("member_of", Incoming, "the Front"),
        );
        check(
            "who has fought against Redland",
            relation("fights", Incoming, "Redland"),
        );
        check(
            "which armed groups fight Redland",
            relation("fights", Incoming, "Redland"),
        );
        check(
            "what armed groups does nobody back?",
            relation("supports", Direction::Outgoing, "nobody"),
        );
    }

    #[test]
    fn aux_name_verb_asks_for_objects() {
        use Direction::Outgoing;
        check(
            "whom does Redland support?",
            relation("supports", Outgoing, "Redland"),
        );
        check(
            "who did Jon Amari meet with?",
            relation("meets", Outgoing, "Jon Amari"),
        );
        check(
            "where does the Tessaly Watch operate?",
            relation("operates_in", Outgoing, "the Tessaly Watch"),
        );
        check(
            "what is the Harbour Guard a member of?",
            relation("member_of", Outgoing, "the Harbour Guard"),
        );
        check(
            "who is Redland allied with",
            relation("allied_with", Outgoing, "Redland"),
        );
    }

    #[test]
    fn passives_turn_the_direction() {
        check(
            "who is the Harbour Guard led by?",
            relation("leads", Direction::Incoming, "the Harbour Guard"),
        );
        check(
            "who is led by Jon Amari?",
            relation("leads", Direction::Outgoing, "Jon Amari"),
        );
    }

    #[test]
    fn who_says_and_yes_no_ask_for_an_edge() {
        check(
            "who says Redland backs the Harbour Guard?",
            evidence("Redland", "supports", "the Harbour Guard"),
        );
        check(
            "according to whom does Redland arm the Guard",
            evidence("Redland", "supports", "the Guard"),
        );
        check(
            "Redland funds the Guard, says who?",
            evidence("Redland", "supports", "the Guard"),
        );
        check(
            "does Jon Amari lead the Guard?",
            evidence("Jon Amari", "leads", "the Guard"),
        );
        check(
            "is the Guard controlled by Redland?",
            evidence("Redland", "controls", "the Guard"),
        );
        check(
            "Redland is allied with Blueland",
            evidence("Redland", "allied_with", "Blueland"),
        );
    }

    #[test]
    fn profiles_and_timelines() {
        let profile = |e: &str| Question::Profile {
            entity: e.to_string(),
        };
        let timeline = |e: &str| Question::Timeline {
            entity: e.to_string(),
        };
        check("profile of the Harbour Guard", profile("the Harbour Guard"));
        check("Redland's profile", profile("Redland"));
        check("tell me about Jon Amari", profile("Jon Amari"));
        check("who is Jon Amari?", profile("Jon Amari"));
        check("Harbour Guard", profile("Harbour Guard"));
        check("timeline of Jon Amari", timeline("Jon Amari"));
        check("Redland’s timeline", timeline("Redland"));
    }

    #[test]
    fn missing_names_and_empty_questions_are_errors() {
        assert_eq!(parse("  ?? "), Err(QuestionError::Empty));
        assert!(matches!(
            parse("who leads?"),
            Err(QuestionError::NoEntity { .. })
        ));
    }

    proptest! {
        #[test]
        fn any_text_parses_or_errs_without_panicking(s in "\\PC{0,80}") {
            let _ = parse(&s);
        }

        #[test]
        fn named_entities_are_substrings_of_the_question(s in "(who|whom|does|timeline of|profile)? ?[A-Za-z' ]{0,40}\\??") {
            if let Ok(q) = parse(&s) {
                let names = match &q {
                    Question::Relation { entity, .. } | Question::Profile { entity } | Question::Timeline { entity } => vec![entity.clone()],
                    Question::Evidence { subject, object, .. } => vec![subject.clone(), object.clone()],
                };
                for name in names {
                    prop_assert!(s.contains(name.as_str()), "{name:?} not in {s:?}");
                }
            }
        }
    }
}
