//! A page's paragraphs: blocks of lines between blank lines, with metadata lines split
//! off the block they stand in ("Headline\n2024-03-12" is two paragraphs) and a title-case
//! first line split off the text under it. Other lines of a block stay together (a
//! poem, a hard-wrapped paragraph).

use crate::credit::{byline, credit_line, date_line};
use crate::furniture::furniture_line;
use crate::shape::{is_headline_shaped, is_title_case};

/// One paragraph of the page: a trimmed byte range of the record text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Unit {
    /// First byte, on a character boundary.
    pub start: usize,
    /// End (exclusive), on a character boundary.
    pub end: usize,
    /// Blank lines between this paragraph and the one before it (0 inside a block).
    pub gap_before: u32,
}

impl Unit {
    /// The paragraph's text in `text`.
    pub(crate) fn text(self, text: &str) -> &str {
        &text[self.start..self.end]
    }
}

/// Splits `text` into paragraphs, in order, never overlapping, each trimmed and
/// non-empty.
pub(crate) fn units(text: &str) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut block: Vec<(usize, usize)> = Vec::new();
    let mut blanks = 0u32;
    let mut gap = 0u32;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if !block.is_empty() {
                split_block(text, &block, gap, &mut out);
                block.clear();
                blanks = 0;
            }
            blanks += 1;
            continue;
        }
        if block.is_empty() {
            gap = blanks;
        }
        let lead = line.len() - line.trim_start().len();
        block.push((start + lead, start + lead + trimmed.len()));
    }
    if !block.is_empty() {
        split_block(text, &block, gap, &mut out);
    }
    out
}

/// Whether a line stands as a paragraph of its own inside a block.
fn stands_alone(line: &str) -> bool {
    date_line(line).is_some()
        || byline(line).is_some()
        || credit_line(line).is_some()
        || furniture_line(line).is_some()
}

fn split_block(text: &str, lines: &[(usize, usize)], gap: u32, out: &mut Vec<Unit>) {
    let mut gap = Some(gap);
    let mut push = |start: usize, end: usize, out: &mut Vec<Unit>| {
        out.push(Unit {
            start,
            end,
            gap_before: gap.take().unwrap_or(0),
        });
    };
    if lines.len() == 1 {
        push(lines[0].0, lines[0].1, out);
        return;
    }
    let mut run: Option<(usize, usize)> = None;
    for (i, &(s, e)) in lines.iter().enumerate() {
        let line = &text[s..e];
        let title_over_text =
            i == 0 && is_headline_shaped(line) && is_title_case(line) && lines.len() > 1;
        if stands_alone(line) || title_over_text {
            if let Some((rs, re)) = run.take() {
                push(rs, re, out);
            }
            push(s, e, out);
        } else {
            run = Some(run.map_or((s, e), |(rs, _)| (rs, e)));
        }
    }
    if let Some((rs, re)) = run {
        push(rs, re, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expect: &[(&str, u32)]) {
        let got: Vec<(&str, u32)> = units(text)
            .into_iter()
            .map(|u| (u.text(text), u.gap_before))
            .collect();
        assert_eq!(got, expect);
    }

    #[test]
    fn blocks_and_split_lines() {
        check(
            "River Towns Fall\n2021-03-03\n\n  The towns fell.  \n\n\nA poem line\nand another\n",
            &[
                ("River Towns Fall", 0),
                ("2021-03-03", 0),
                ("The towns fell.", 1),
                ("A poem line\nand another", 2),
            ],
        );
        check("", &[]);
        check("\n \n\u{a0}\n", &[]);
        check("Only one line", &[("Only one line", 0)]);
    }
}
