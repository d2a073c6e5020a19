//! What a reader hands on: the text of one page or record and what its container says of it.

use crate::Date;
use std::fmt;

/// The format an input was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text (`.txt` or sniffed).
    Text,
    /// Markdown (`.md`): front matter and markup removed, prose kept.
    Markdown,
    /// An HTML page: visible text only.
    Html,
    /// One JSON article object per file.
    Json,
    /// JSON Lines: one article object per line.
    JsonLines,
    /// A WARC file (optionally gzipped): one record per HTML response.
    Warc,
}

impl Format {
    /// The lowercase name used in the store and in messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Json => "json",
            Format::JsonLines => "jsonl",
            Format::Warc => "warc",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Where a record stands inside its input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Locator {
    /// The whole file is one record (text, Markdown, HTML, one JSON object).
    #[default]
    Whole,
    /// A JSON Lines line, counted from 1.
    Line(u64),
    /// A WARC record: its index among the file's records (from 0) and its byte offset
    /// in the decompressed stream.
    Record {
        /// Index among all records of the file, from 0.
        index: u64,
        /// Byte offset of the record's header in the (decompressed) stream.
        offset: u64,
    },
}

impl Locator {
    /// A number that orders records within a file (0 for a whole file).
    pub fn ordinal(self) -> u64 {
        match self {
            Locator::Whole => 0,
            Locator::Line(n) => n,
            Locator::Record { index, .. } => index,
        }
    }
}

impl fmt::Display for Locator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Locator::Whole => Ok(()),
            Locator::Line(n) => write!(f, "line {n}"),
            Locator::Record { index, offset } => write!(f, "record {index} (byte {offset})"),
        }
    }
}

/// Whether a record's metadata outranks what its text says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MetaAuthority {
    /// The record's own fields (JSON keys, WARC headers): they win over the text.
    Record,
    /// Hints from a page's head (HTML `<title>`, `<meta>`, Markdown front matter):
    /// they fill only what the text leaves empty.
    #[default]
    Hint,
}

/// Metadata that a container gives for its text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Meta {
    /// Headline.
    pub title: Option<String>,
    /// Address the page was fetched from.
    pub url: Option<String>,
    /// Publication date.
    pub date: Option<Date>,
    /// Publication or site name.
    pub outlet: Option<String>,
    /// Authors, in the order given.
    pub authors: Vec<String>,
}

impl Meta {
    /// Whether no field is set.
    pub fn is_empty(&self) -> bool {
        self.title.is_none()
            && self.url.is_none()
            && self.date.is_none()
            && self.outlet.is_none()
            && self.authors.is_empty()
    }
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Something was repaired or skipped; the input still counts as read.
    Warning,
    /// Part of the input could not be read.
    Error,
}

/// A problem met while reading or splitting, kept beside the result rather than failing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Warning or error.
    pub severity: Severity,
    /// Where in the file, when it is narrower than the file.
    pub locator: Locator,
    /// Lowercase, no trailing period: what happened and what was done.
    pub message: String,
}

impl Diagnostic {
    /// A warning at `locator`.
    pub fn warning(locator: Locator, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            locator,
            message: message.into(),
        }
    }

    /// An error at `locator`.
    pub fn error(locator: Locator, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            locator,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.locator {
            Locator::Whole => f.write_str(&self.message),
            loc => write!(f, "{loc}: {}", self.message),
        }
    }
}

/// One unit of text read from an input: a whole text or HTML file, a JSON object,
/// a JSON Lines line or a WARC response record.
///
/// `text` is plain text: markup removed, entities decoded, paragraphs separated by a
/// blank line. A record may still hold several articles; the `text` stage splits it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Where the record stands in its file.
    pub locator: Locator,
    /// The format it was read as.
    pub format: Format,
    /// The extracted text.
    pub text: String,
    /// What the container says of it.
    pub meta: Meta,
    /// Whether `meta` outranks the text.
    pub authority: MetaAuthority,
    /// Warnings met while reading it (a lossy decode, say).
    pub diagnostics: Vec<Diagnostic>,
}

impl Record {
    /// A record of plain text with no metadata.
    pub fn plain(format: Format, text: String) -> Record {
        Record {
            locator: Locator::Whole,
            format,
            text,
            meta: Meta::default(),
            authority: MetaAuthority::Hint,
            diagnostics: Vec::new(),
        }
    }
}
