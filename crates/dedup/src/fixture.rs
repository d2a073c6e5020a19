//! Builds documents from invented paragraphs for the unit tests.

use model::{Paragraph, ParagraphRole, Span};

/// The text (paragraphs joined by blank lines) and paragraphs of a document.
pub(crate) fn document(parts: &[(ParagraphRole, &str)]) -> (String, Vec<Paragraph>) {
    let mut text = String::new();
    let mut paragraphs = Vec::new();
    for (role, part) in parts {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(part);
        paragraphs.push(Paragraph {
            span: Span::new(start, text.len()),
            role: *role,
        });
    }
    (text, paragraphs)
}
