//! Page splitting (placeholder until the real splitter lands).

use model::{Diagnostic, Document, Paragraph, ParagraphRole, Record, Sentence, Span};

/// Splits a record into its articles, each with paragraphs and sentences.
pub fn split_record(record: &Record) -> (Vec<Document>, Vec<Diagnostic>) {
    let text = record.text.trim().to_string();
    if text.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let span = Span::new(0, text.len());
    let sentences = crate::sentences::split(&text)
        .into_iter()
        .map(|span| Sentence { span, paragraph_idx: 0 })
        .collect();
    let doc = Document {
        text,
        paragraphs: vec![Paragraph { span, role: ParagraphRole::Body }],
        sentences,
        ..Document::default()
    };
    (vec![doc], Vec::new())
}
