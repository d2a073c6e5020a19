//! Full-text search (SQLite FTS5) over document titles and the sentences that hold a
//! claim's evidence.
//!
//! One index row per title and per evidence sentence, its rowid `document * 2^20 + slot`
//! (slot 0: the title, slot `s + 1`: sentence `s`), so a document's rows are one rowid
//! range. [`Batch`] writes the rows with the document and its claims; a trigger on
//! `documents` deletes them with the document. Whole document text is not indexed: it
//! would cost the ingest stage far more than the rest of its writing.
//!
//! What a user types never reaches FTS5's query syntax: [`match_expression`] turns every
//! word into a quoted string, so quotes, `*`, `-`, `NEAR`, `AND`, parentheses and the like
//! are searched for as text (a trailing `*` on a word still asks for a prefix).

use crate::batch::{Batch, DocumentId};
use crate::claims::ClaimRecord;
use crate::error::{Context, Result};
use crate::lookup::{document_info_from_row, DocumentInfo, DOCUMENT_INFO_COLUMNS};
use crate::Store;
use model::Document;

/// Index rows per document: the title and up to `SLOTS - 1` sentences.
pub(crate) const SLOTS: i64 = 1 << 20;

/// The most words of a query that are searched for; the rest are ignored.
pub const MAX_QUERY_WORDS: usize = 32;

/// Marks the start of a match in FTS5's snippets (a private-use character).
const OPEN: char = '\u{e000}';
/// Marks the end of a match in FTS5's snippets.
const CLOSE: char = '\u{e001}';

/// Words of context a snippet shows around the matches.
const SNIPPET_TOKENS: u32 = 40;

/// A piece of a snippet: text that matched the query, or text around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnippetPart {
    /// The text, verbatim from the document (untrusted).
    pub text: String,
    /// Whether it matched a word of the query.
    pub matched: bool,
}

/// One row of the index that matched a query.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    /// The document it stands in.
    pub document: DocumentInfo,
    /// The sentence that matched; `None` when the document's title did.
    pub sentence: Option<u32>,
    /// The matched text around the matches, cut to about 40 words (`…` where cut).
    pub snippet: Vec<SnippetPart>,
    /// FTS5's rank (bm25: lower is better).
    pub rank: f64,
}

impl SearchHit {
    /// The snippet as plain text.
    pub fn snippet_text(&self) -> String {
        self.snippet.iter().map(|p| p.text.as_str()).collect()
    }
}

/// The FTS5 expression searched for `query`: each of its first [`MAX_QUERY_WORDS`] words
/// with a letter or digit as a quoted string (`"` doubled inside), all of them required; a
/// word ending in `*` matches as a prefix. `None` when `query` has no such word.
pub fn match_expression(query: &str) -> Option<String> {
    let words: Vec<String> = query
        .split_whitespace()
        .filter_map(|word| {
            let stem = word.trim_end_matches('*');
            if !stem.chars().any(char::is_alphanumeric) {
                return None;
            }
            let star = if stem.len() < word.len() { "*" } else { "" };
            Some(format!("\"{}\"{star}", stem.replace('"', "\"\"")))
        })
        .take(MAX_QUERY_WORDS)
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

impl Batch<'_> {
    /// Indexes a document's title.
    pub(crate) fn index_title(&mut self, document: i64, title: Option<&str>) -> Result<()> {
        let Some(title) = title.filter(|t| !t.trim().is_empty()) else {
            return Ok(());
        };
        self.tx
            .prepare_cached("INSERT INTO search_text (rowid, text) VALUES (?1, ?2)")
            .and_then(|mut s| s.execute(rusqlite::params![document * SLOTS, title]))
            .ctx(self.path, "indexing a title")?;
        Ok(())
    }

    /// Indexes every sentence of `doc` (stored as `document`) that holds the evidence of
    /// one of `claims` (each once).
    pub(crate) fn index_claim_sentences(
        &mut self,
        document: DocumentId,
        doc: &Document,
        claims: &[ClaimRecord],
    ) -> Result<()> {
        const WHAT: &str = "indexing evidence sentences";
        let path = self.path;
        let mut wanted: Vec<u32> = claims
            .iter()
            .flat_map(|c| c.sentences.0..=c.sentences.1.max(c.sentences.0))
            .filter(|&s| i64::from(s) < SLOTS - 1)
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut insert = self
            .tx
            .prepare_cached("INSERT INTO search_text (rowid, text) VALUES (?1, ?2)")
            .ctx(path, WHAT)?;
        for idx in wanted {
            let Some(sentence) = doc
                .sentences
                .get(idx as usize)
                .and_then(|s| doc.text.get(s.span.range()))
            else {
                continue;
            };
            insert
                .execute(rusqlite::params![
                    document.0 * SLOTS + i64::from(idx) + 1,
                    sentence
                ])
                .ctx(path, WHAT)?;
        }
        Ok(())
    }
}

impl Store {
    /// The titles and evidence sentences that hold every word of `query` (words folded
    /// for case, diacritics and English endings), best first, at most `limit`. A query
    /// without a word ([`match_expression`]) finds nothing; no query is a syntax error.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let path = self.path.as_path();
        const WHAT: &str = "searching";
        let Some(expression) = match_expression(query) else {
            return Ok(Vec::new());
        };
        let sql = format!(
            "SELECT h.rowid, h.snippet, h.rank, {DOCUMENT_INFO_COLUMNS} FROM \
             (SELECT rowid, rank, snippet(search_text, 0, char({}), char({}), '…', {SNIPPET_TOKENS}) \
             AS snippet FROM search_text WHERE search_text MATCH ?1 ORDER BY rank LIMIT ?2) h \
             JOIN documents d ON d.id = h.rowid / {SLOTS} JOIN files f ON f.id = d.file_id \
             ORDER BY h.rank, h.rowid",
            OPEN as u32, CLOSE as u32
        );
        let _snapshot = self.snapshot()?;
        let mut stmt = self.conn.prepare_cached(&sql).ctx(path, WHAT)?;
        let limit = limit.min(i64::MAX as usize) as i64;
        let mut rows = stmt
            .query(rusqlite::params![expression, limit])
            .ctx(path, WHAT)?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().ctx(path, WHAT)? {
            let rowid: i64 = row.get(0).ctx(path, WHAT)?;
            let snippet: String = row.get(1).ctx(path, WHAT)?;
            let slot = rowid % SLOTS;
            out.push(SearchHit {
                document: document_info_from_row(path, row, 3)?,
                sentence: (slot > 0).then(|| (slot - 1) as u32),
                snippet: split_snippet(&snippet),
                rank: row.get(2).ctx(path, WHAT)?,
            });
        }
        Ok(out)
    }
}

/// Cuts a snippet marked with [`OPEN`] and [`CLOSE`] into its parts; the marks go.
fn split_snippet(marked: &str) -> Vec<SnippetPart> {
    let mut parts: Vec<SnippetPart> = Vec::new();
    let mut matched = false;
    for piece in marked.split([OPEN, CLOSE]) {
        if !piece.is_empty() {
            parts.push(SnippetPart {
                text: piece.to_string(),
                matched,
            });
        }
        matched = !matched;
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::{match_expression, split_snippet, SnippetPart};

    #[test]
    fn every_word_becomes_a_quoted_string() {
        assert_eq!(
            match_expression("Badr  leads").as_deref(),
            Some("\"Badr\" \"leads\"")
        );
        assert_eq!(
            match_expression("say \"NEAR(a b)\" -x").as_deref(),
            Some("\"say\" \"\"\"NEAR(a\" \"b)\"\"\" \"-x\"")
        );
        assert_eq!(match_expression("Sulei*").as_deref(), Some("\"Sulei\"*"));
        assert_eq!(match_expression(" * - \" () "), None);
        assert_eq!(match_expression(""), None);
    }

    #[test]
    fn snippets_split_at_their_marks() {
        let part = |text: &str, matched| SnippetPart {
            text: text.into(),
            matched,
        };
        assert_eq!(
            split_snippet("a \u{e000}b\u{e001} c"),
            [part("a ", false), part("b", true), part(" c", false)]
        );
        assert_eq!(split_snippet("\u{e000}x\u{e001}"), [part("x", true)]);
    }
}
