//! The question lexicon (`data/verbs.txt`): which words ask for which predicate.

use std::sync::LazyLock;

/// The built-in lexicon, parsed once.
pub(crate) static VERBS: LazyLock<Verbs> = LazyLock::new(|| {
    Verbs::parse(include_str!("../data/verbs.txt"))
        .unwrap_or_else(|e| panic!("data/verbs.txt is built in and must parse: {e}"))
});

/// Phrases and the predicates they ask for.
#[derive(Debug)]
pub(crate) struct Verbs {
    /// Each phrase as lowercase words, longest first, with its predicate.
    phrases: Vec<(Vec<String>, &'static str)>,
}

impl Verbs {
    /// Reads the lexicon's lines: `PREDICATE PHRASE | PHRASE ...`, `#` comments.
    fn parse(text: &str) -> Result<Verbs, String> {
        let mut phrases = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, rest) = line
                .split_once(char::is_whitespace)
                .ok_or_else(|| format!("line {}: a predicate and its phrases", n + 1))?;
            let predicate = predicate_named(name)
                .ok_or_else(|| format!("line {}: {name:?} is not a predicate", n + 1))?;
            for phrase in rest.split('|') {
                let words: Vec<String> = phrase.split_whitespace().map(str::to_lowercase).collect();
                if words.is_empty() {
                    return Err(format!("line {}: an empty phrase", n + 1));
                }
                phrases.push((words, predicate));
            }
        }
        phrases.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        Ok(Verbs { phrases })
    }

    /// The longest phrase that starts at word `at`: its length in words and predicate.
    pub(crate) fn longest_at(&self, words: &[String], at: usize) -> Option<(usize, &'static str)> {
        let rest = words.get(at..)?;
        self.phrases
            .iter()
            .find(|(phrase, _)| rest.starts_with(phrase))
            .map(|(phrase, predicate)| (phrase.len(), *predicate))
    }
}

/// The ontology name `name`, as a static string, when it names a predicate.
pub fn predicate_named(name: &str) -> Option<&'static str> {
    model::Predicate::from_name(name).map(model::Predicate::name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn the_built_in_lexicon_parses_and_prefers_longer_phrases() {
        let w = words("who fought against them");
        assert_eq!(VERBS.longest_at(&w, 1), Some((2, "fights")));
        assert_eq!(
            VERBS.longest_at(&words("a member of x"), 0),
            Some((3, "member_of"))
        );
        assert_eq!(VERBS.longest_at(&w, 3), None);
    }

    #[test]
    fn bad_lines_are_errors() {
        assert!(Verbs::parse("leads").is_err());
        assert!(Verbs::parse("rules lead").is_err());
        assert!(Verbs::parse("leads lead | | head").is_err());
        assert!(Verbs::parse("# only a comment\n").is_ok());
    }
}
