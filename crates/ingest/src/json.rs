//! JSON articles: one object or an array of them per `.json` file, or one object per
//! line of a JSON Lines file (read as a stream, one bounded line at a time).
//!
//! Fields (the names news-please and similar crawlers write): body from `text` or
//! `maintext`; `title`; `url`; date from `date` or `date_publish`; outlet from `outlet`
//! or `source_domain`; authors from `authors` or `author` (a string or an array of
//! strings). The record's fields outrank its text ([`MetaAuthority::Record`]). The body
//! is kept as written (newlines normalised), even when it holds HTML tags.

use crate::decode::{decode_text, normalize_newlines};
use crate::open::Source;
use crate::read::{read_bounded_line, LineRead};
use crate::IngestError;
use model::{Date, Diagnostic, Format, Locator, Meta, MetaAuthority, Record};
use serde_json::{Map, Value};
use std::io::BufRead;

/// What a `.json` file holds.
pub(crate) enum JsonFile {
    /// Its articles (or per-element errors), in order.
    Articles(Vec<Result<Record, IngestError>>),
    /// It is really JSON Lines (several objects one per line): read it as such.
    Lines(String),
}

/// Reads a whole `.json` file's text: one article object or an array of them.
pub(crate) fn read_file(
    source: &Source,
    text: String,
    warning: Option<String>,
) -> Result<JsonFile, IngestError> {
    let value: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) if e.to_string().starts_with("trailing characters") && e.line() > 1 => {
            return Ok(JsonFile::Lines(text));
        }
        Err(e) => {
            return Err(IngestError::Json {
                path: source.path.clone(),
                locator: Locator::Whole,
                reason: json_reason(&e, false),
            })
        }
    };
    let with_warning = |mut r: Record| {
        if let Some(w) = &warning {
            r.diagnostics
                .push(Diagnostic::warning(r.locator, w.clone()));
        }
        r
    };
    match value {
        Value::Array(items) => Ok(JsonFile::Articles(
            items
                .into_iter()
                .enumerate()
                .map(|(i, item)| {
                    let locator = Locator::Record {
                        index: i as u64,
                        offset: 0,
                    };
                    article(source, item, locator, Format::Json).map(with_warning)
                })
                .collect(),
        )),
        Value::Object(_) => {
            let record = article(source, value, Locator::Whole, Format::Json).map(with_warning);
            Ok(JsonFile::Articles(vec![record]))
        }
        other => Err(IngestError::Json {
            path: source.path.clone(),
            locator: Locator::Whole,
            reason: format!(
                "not an article object or array: found {}",
                kind_name(&other)
            ),
        }),
    }
}

/// One article object into a record.
pub(crate) fn article(
    source: &Source,
    value: Value,
    locator: Locator,
    format: Format,
) -> Result<Record, IngestError> {
    let mut object = match value {
        Value::Object(o) => o,
        other => {
            return Err(IngestError::Json {
                path: source.path.clone(),
                locator,
                reason: format!("not an article object: found {}", kind_name(&other)),
            })
        }
    };
    let text = ["text", "maintext"]
        .iter()
        .find_map(|key| match object.remove(*key) {
            Some(Value::String(s)) => Some(s),
            _ => None,
        })
        .ok_or_else(|| IngestError::MissingText {
            path: source.path.clone(),
            locator,
        })?;
    let meta = Meta {
        title: first_string(&object, &["title"]),
        url: first_string(&object, &["url"]),
        date: ["date", "date_publish"]
            .iter()
            .filter_map(|k| object.get(*k).and_then(Value::as_str))
            .find_map(Date::parse),
        outlet: first_string(&object, &["outlet", "source_domain"]),
        authors: authors(&object),
    };
    Ok(Record {
        locator,
        format,
        text: normalize_newlines(text),
        meta,
        authority: MetaAuthority::Record,
        diagnostics: Vec::new(),
    })
}

fn first_string(object: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter()
        .filter_map(|k| object.get(*k).and_then(Value::as_str))
        .map(str::trim)
        .find(|s| !s.is_empty())
        .map(str::to_string)
}

fn authors(object: &Map<String, Value>) -> Vec<String> {
    for key in ["authors", "author"] {
        let names: Vec<String> = match object.get(key) {
            Some(Value::String(s)) => vec![s.trim().to_string()],
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(Value::as_str)
                .map(|s| s.trim().to_string())
                .collect(),
            _ => continue,
        };
        let mut names: Vec<String> = names.into_iter().filter(|s| !s.is_empty()).collect();
        names.dedup();
        if !names.is_empty() {
            return names;
        }
    }
    Vec::new()
}

fn kind_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// serde_json's complaint, reworded: `not JSON: expected value at column 1` in a line,
/// `… at line 3 column 1` in a file.
fn json_reason(e: &serde_json::Error, in_line: bool) -> String {
    let full = e.to_string();
    let base = full
        .rsplit_once(" at line ")
        .map_or(full.as_str(), |(b, _)| b);
    if e.line() == 0 {
        format!("not JSON: {base}")
    } else if in_line {
        format!("not JSON: {base} at column {}", e.column())
    } else {
        format!(
            "not JSON: {base} at line {} column {}",
            e.line(),
            e.column()
        )
    }
}

/// A JSON Lines stream: each non-blank line one article, [`Locator::Line`] from 1.
pub(crate) struct JsonLines {
    source: Source,
    reader: Box<dyn BufRead + Send>,
    buf: Vec<u8>,
    line_no: u64,
    /// Byte offset of the next line in the (decompressed) stream.
    pos: u64,
    limit: u64,
}

impl JsonLines {
    /// Reads `reader` line by line; a line over `limit` bytes is skipped with an error.
    pub(crate) fn new(source: Source, reader: Box<dyn BufRead + Send>, limit: u64) -> JsonLines {
        JsonLines {
            source,
            reader,
            buf: Vec::new(),
            line_no: 0,
            pos: 0,
            limit,
        }
    }

    /// The next article, error, or `None` at the end.
    pub(crate) fn next_record(&mut self) -> Option<Result<Record, IngestError>> {
        loop {
            let locator = Locator::Line(self.line_no + 1);
            match read_bounded_line(&mut *self.reader, &mut self.buf, self.limit) {
                Err(e) => return Some(Err(self.source.read_error(e, locator, self.pos))),
                Ok(LineRead::Eof) => return None,
                Ok(LineRead::TooLong { len, consumed }) => {
                    self.line_no += 1;
                    self.pos += consumed;
                    return Some(Err(IngestError::TooLarge {
                        path: self.source.path.clone(),
                        locator,
                        size: len,
                        at_least: false,
                        limit: self.limit,
                    }));
                }
                Ok(LineRead::Line { consumed }) => {
                    self.line_no += 1;
                    self.pos += consumed;
                }
            }
            let mut line = self.buf.trim_ascii();
            if self.line_no == 1 {
                line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
            }
            if line.is_empty() {
                continue;
            }
            return Some(self.parse_line(line, locator));
        }
    }

    fn parse_line(&self, line: &[u8], locator: Locator) -> Result<Record, IngestError> {
        let (parsed, warning) = match std::str::from_utf8(line) {
            Ok(text) => (serde_json::from_str::<Value>(text), None),
            Err(_) => {
                let decoded = decode_text(line.to_vec());
                (serde_json::from_str(&decoded.text), decoded.warning)
            }
        };
        let value = parsed.map_err(|e| IngestError::Json {
            path: self.source.path.clone(),
            locator,
            reason: json_reason(&e, true),
        })?;
        let mut record = article(&self.source, value, locator, Format::JsonLines)?;
        if let Some(w) = warning {
            record.diagnostics.push(Diagnostic::warning(locator, w));
        }
        Ok(record)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn source() -> Source {
        Source {
            path: "in.jsonl".into(),
            gz: false,
        }
    }

    /// Reads `input` as JSON Lines; each item printed as `text | title | date | outlet | authors`
    /// or as the error message.
    fn check(input: &str, limit: u64, expect: &[&str]) {
        let mut lines = JsonLines::new(
            source(),
            Box::new(Cursor::new(input.as_bytes().to_vec())),
            limit,
        );
        let mut got = Vec::new();
        while let Some(item) = lines.next_record() {
            got.push(match item {
                Ok(r) => format!(
                    "{}: {} | {} | {} | {} | {}",
                    r.locator,
                    r.text,
                    r.meta.title.unwrap_or_default(),
                    r.meta.date.map(|d| d.to_string()).unwrap_or_default(),
                    r.meta.outlet.unwrap_or_default(),
                    r.meta.authors.join("; ")
                ),
                Err(e) => e.to_string(),
            });
        }
        assert_eq!(got, expect);
    }

    #[test]
    fn news_please_fields() {
        check(
            r#"{"maintext": "Body one.\r\nBody two.", "title": "T", "date_publish": "2017-07-31 00:00:00", "source_domain": "example.org", "authors": ["Ann Lee", "Bo Chan"]}"#,
            1000,
            &["line 1: Body one.\nBody two. | T | 2017-07-31 | example.org | Ann Lee; Bo Chan"],
        );
        check(
            r#"{"text": "x", "date": null, "date_publish": "2015-01-08T10:00:00+02:00", "outlet": "The Post", "author": "Cy"}"#,
            1000,
            &["line 1: x |  | 2015-01-08 | The Post | Cy"],
        );
    }

    #[test]
    fn a_bad_line_does_not_stop_the_stream() {
        check(
            "{\"text\": \"a\"}\n\nnot json\n{\"title\": \"no body\"}\n[1]\n{\"text\": \"b\"}",
            1000,
            &[
                "line 1: a |  |  |  | ",
                "in.jsonl: line 3: not JSON: expected ident at column 2",
                "in.jsonl: line 4: no article text: neither `text` nor `maintext` is a string",
                "in.jsonl: line 5: not an article object: found an array",
                "line 6: b |  |  |  | ",
            ],
        );
    }

    #[test]
    fn a_line_over_the_limit_is_skipped() {
        let long = format!("{{\"text\": \"{}\"}}", "x".repeat(100));
        check(
            &format!("{{\"text\": \"a\"}}\n{long}\n{{\"text\": \"b\"}}\n"),
            50,
            &[
                "line 1: a |  |  |  | ",
                "in.jsonl: line 2: too large: 112 bytes, over the limit of 50 bytes (raise the limit with --max-size)",
                "line 3: b |  |  |  | ",
            ],
        );
    }

    #[test]
    fn whole_files_hold_an_object_or_an_array() {
        let src = source();
        let Ok(JsonFile::Articles(items)) = read_file(
            &src,
            r#"[{"text": "a"}, 5, {"maintext": "b"}]"#.into(),
            None,
        ) else {
            panic!("not read as an array");
        };
        let texts: Vec<String> = items
            .into_iter()
            .map(|r| r.map_or_else(|e| e.to_string(), |r| format!("{}: {}", r.locator, r.text)))
            .collect();
        assert_eq!(
            texts,
            [
                "record 0 (byte 0): a",
                "in.jsonl: record 1 (byte 0): not an article object: found a number",
                "record 2 (byte 0): b"
            ]
        );
        let err = read_file(&src, "{\"text\": ".into(), None)
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("in.jsonl: not JSON: EOF while parsing a value at line 1 column 9")
        );
        assert!(matches!(
            read_file(&src, "{\"text\":\"a\"}\n{\"text\":\"b\"}".into(), None),
            Ok(JsonFile::Lines(_))
        ));
    }
}
