//! One article with its paragraphs and sentences.

use crate::{Date, Span};

/// What a paragraph is within its article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParagraphRole {
    /// The headline: metadata, gives no claims.
    Headline,
    /// A subtitle or standfirst under the headline: annotated like the body.
    Subtitle,
    /// A date line standing alone.
    Dateline,
    /// A credit line ("Title, Outlet, Author, Date") or a byline: metadata.
    Credit,
    /// An image caption inside the article: annotated like the body, but not where it starts.
    Caption,
    /// Body text.
    Body,
}

impl ParagraphRole {
    /// Every role, in declaration order (the store encodes a role as its index here).
    pub const ALL: [ParagraphRole; 6] = [
        ParagraphRole::Headline,
        ParagraphRole::Subtitle,
        ParagraphRole::Dateline,
        ParagraphRole::Credit,
        ParagraphRole::Caption,
        ParagraphRole::Body,
    ];

    /// The lowercase name used in the store.
    pub fn name(self) -> &'static str {
        match self {
            ParagraphRole::Headline => "headline",
            ParagraphRole::Subtitle => "subtitle",
            ParagraphRole::Dateline => "dateline",
            ParagraphRole::Credit => "credit",
            ParagraphRole::Caption => "caption",
            ParagraphRole::Body => "body",
        }
    }

    /// The role with this store name.
    pub fn from_name(name: &str) -> Option<ParagraphRole> {
        Some(match name {
            "headline" => ParagraphRole::Headline,
            "subtitle" => ParagraphRole::Subtitle,
            "dateline" => ParagraphRole::Dateline,
            "credit" => ParagraphRole::Credit,
            "caption" => ParagraphRole::Caption,
            "body" => ParagraphRole::Body,
            _ => return None,
        })
    }

    /// Whether later stages read this paragraph for entities and claims
    /// (body, subtitle and caption; not headline, date or credit lines).
    pub fn is_annotated(self) -> bool {
        matches!(
            self,
            ParagraphRole::Body | ParagraphRole::Subtitle | ParagraphRole::Caption
        )
    }
}

/// A paragraph: a span of [`Document::text`] and its role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paragraph {
    /// Where it stands in the document's text.
    pub span: Span,
    /// What it is.
    pub role: ParagraphRole,
}

/// A sentence: a span of [`Document::text`] inside one paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Where it stands in the document's text.
    pub span: Span,
    /// Index of its paragraph in [`Document::paragraphs`].
    pub paragraph_idx: u32,
}

/// What is known of an article besides its text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocumentMeta {
    /// Headline.
    pub title: Option<String>,
    /// The publication that first ran it.
    pub outlet: Option<String>,
    /// Author or signatory.
    pub author: Option<String>,
    /// Publication date.
    pub date: Option<Date>,
    /// Address of the page it came from.
    pub url: Option<String>,
}

/// One article found in a record.
///
/// `text` holds the article's paragraphs, each verbatim from the record and separated by
/// a blank line; site furniture is left out. Paragraphs are sorted by start and never
/// overlap; sentences likewise, each inside its paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    /// Position among the documents of its file, from 0.
    pub index: u32,
    /// Title, outlet, author, date, address.
    pub meta: DocumentMeta,
    /// The article's text.
    pub text: String,
    /// Its paragraphs, in order.
    pub paragraphs: Vec<Paragraph>,
    /// Its sentences, in order.
    pub sentences: Vec<Sentence>,
}

impl Document {
    /// Index of the first body paragraph: where the article's body starts.
    pub fn body_start(&self) -> Option<usize> {
        self.paragraphs
            .iter()
            .position(|p| p.role == ParagraphRole::Body)
    }

    /// The first `n_words` words of the body, joined by single spaces.
    pub fn starts_with(&self, n_words: usize) -> String {
        let Some(first) = self.body_start() else {
            return String::new();
        };
        let body = &self.text[self.paragraphs[first].span.start as usize..];
        body.split_whitespace()
            .take(n_words)
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Words in the paragraphs that later stages read.
    pub fn n_words(&self) -> usize {
        self.paragraphs
            .iter()
            .filter(|p| p.role.is_annotated())
            .map(|p| crate::count_words(p.span.slice(&self.text)))
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Document {
        let text = "Headline here\n\nThe body starts here and goes on.".to_string();
        Document {
            paragraphs: vec![
                Paragraph {
                    span: Span::new(0, 13),
                    role: ParagraphRole::Headline,
                },
                Paragraph {
                    span: Span::new(15, text.len()),
                    role: ParagraphRole::Body,
                },
            ],
            text,
            ..Document::default()
        }
    }

    #[test]
    fn starts_with_skips_the_headline() {
        assert_eq!(doc().starts_with(3), "The body starts");
    }

    #[test]
    fn words_count_only_annotated_paragraphs() {
        assert_eq!(doc().n_words(), 7);
    }

    #[test]
    fn roles_round_trip_through_their_names() {
        for role in ParagraphRole::ALL {
            assert_eq!(ParagraphRole::from_name(role.name()), Some(role));
        }
    }
}
