//! Markdown to prose: YAML front matter read into [`Meta`] and dropped, markup stripped,
//! paragraphs and line structure kept.
//!
//! Stripped: heading markers, emphasis (`**`, `__`, `*`, `_` at word edges, `~~`),
//! inline code backticks, link targets (`[text](url)` and `[text][ref]` → `text`),
//! images, reference definitions, HTML tags and comments, blockquote and bullet markers,
//! code fences (their content is kept), thematic breaks.

use model::{Date, Meta};

/// Extracts the prose and the front-matter metadata of a Markdown text (newlines
/// already normalised).
pub(crate) fn extract(text: &str) -> (String, Meta) {
    let (meta, body) = split_front_matter(text);
    (strip_markup(body), meta)
}

/// Reads a leading `---` … `---` (or `...`) block; without its closing line there is none.
fn split_front_matter(text: &str) -> (Meta, &str) {
    let mut meta = Meta::default();
    let Some(first_end) = text.find('\n') else {
        return (meta, text);
    };
    if text[..first_end].trim_end() != "---" {
        return (meta, text);
    }
    let rest = &text[first_end + 1..];
    let mut offset = 0;
    let mut block_end = None;
    for line in rest.split_inclusive('\n') {
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            block_end = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((end, body_start)) = block_end else {
        return (meta, text);
    };
    read_front_matter(&rest[..end], &mut meta);
    (meta, &rest[body_start..])
}

/// A YAML subset: `key: value`, quoted values, inline `[a, b]` lists and `- item` lists.
fn read_front_matter(block: &str, meta: &mut Meta) {
    let mut source = None;
    let mut url = None;
    let mut original_url = None;
    let mut list_key: Option<String> = None;
    for line in block.lines() {
        if let Some(item) = line.trim_start().strip_prefix("- ") {
            if matches!(list_key.as_deref(), Some("author" | "authors")) {
                push_author(meta, unquote(item));
            }
            continue;
        }
        if line.starts_with([' ', '\t']) || line.trim_start().starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let key = key.trim().to_ascii_lowercase();
        let value = value.trim();
        list_key = value.is_empty().then(|| key.clone());
        if value.is_empty() {
            continue;
        }
        match key.as_str() {
            "title" => meta.title = non_empty(unquote(value)),
            "date" => meta.date = Date::parse(unquote(value)),
            "author" | "authors" => match value.strip_prefix('[').and_then(|v| v.strip_suffix(']'))
            {
                Some(items) => items.split(',').for_each(|a| push_author(meta, unquote(a))),
                None => push_author(meta, unquote(value)),
            },
            "url" => url = non_empty(unquote(value)),
            "original_url" => original_url = non_empty(unquote(value)),
            "outlet" => meta.outlet = non_empty(unquote(value)),
            "source" => source = non_empty(unquote(value)),
            _ => {}
        }
    }
    // Clippers write the page address as `source:`; otherwise it names the outlet.
    let source_is_url = source
        .as_deref()
        .is_some_and(|s| s.starts_with("http://") || s.starts_with("https://"));
    meta.url = url.or(original_url);
    if source_is_url {
        meta.url = meta.url.take().or(source);
    } else if meta.outlet.is_none() {
        meta.outlet = source;
    }
}

fn push_author(meta: &mut Meta, name: &str) {
    if let Some(name) = non_empty(name) {
        if !meta.authors.contains(&name) {
            meta.authors.push(name);
        }
    }
}

fn unquote(value: &str) -> &str {
    let v = value.trim();
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|v| v.strip_suffix(q)) {
            return inner.trim();
        }
    }
    v
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

fn strip_markup(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut fence: Option<&'static str> = None;
    let mut in_comment = false;
    for line in body.lines() {
        let trimmed = line.trim_start();
        if let Some(marker) = fence {
            if trimmed.starts_with(marker) {
                fence = None;
            } else {
                out.push_str(line);
                out.push('\n');
            }
            continue;
        }
        let mut line = trimmed;
        let owned;
        if in_comment {
            match line.find("-->") {
                Some(i) => {
                    in_comment = false;
                    line = line[i + 3..].trim_start();
                }
                None => continue,
            }
        }
        if let Some(i) = line.find("<!--") {
            if !line[i..].contains("-->") {
                in_comment = true;
                owned = line[..i].to_string();
                line = &owned;
            }
        }
        if line.starts_with("```") || line.starts_with("~~~") {
            fence = Some(if line.starts_with('`') { "```" } else { "~~~" });
            continue;
        }
        if is_rule(line) || is_reference_definition(line) {
            out.push('\n');
            continue;
        }
        while let Some(rest) = line.strip_prefix('>') {
            line = rest.trim_start();
        }
        line = strip_heading(line);
        for bullet in ["- ", "* ", "+ "] {
            if let Some(rest) = line.strip_prefix(bullet) {
                line = rest;
                break;
            }
        }
        inline(line, &mut out);
        let kept = out.trim_end_matches([' ', '\t']).len();
        out.truncate(kept);
        out.push('\n');
    }
    tidy(&out)
}

/// `---`, `***`, `___` or a setext underline `===`: three or more of one mark.
fn is_rule(line: &str) -> bool {
    let marks: Vec<char> = line.chars().filter(|c| !c.is_whitespace()).collect();
    marks.len() >= 3
        && matches!(marks[0], '-' | '*' | '_' | '=')
        && marks.iter().all(|&c| c == marks[0])
}

/// `[label]: http://…`
fn is_reference_definition(line: &str) -> bool {
    line.starts_with('[')
        && line
            .find("]:")
            .is_some_and(|i| !line[1..i].contains(']') && !line[i + 2..].trim().is_empty())
}

fn strip_heading(line: &str) -> &str {
    let n_hashes = line.bytes().take_while(|&b| b == b'#').count();
    if n_hashes == 0 || n_hashes > 6 {
        return line;
    }
    let rest = &line[n_hashes..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return line;
    }
    let rest = rest.trim();
    let closing = rest.trim_end_matches('#');
    if closing.len() < rest.len() && (closing.is_empty() || closing.ends_with(' ')) {
        closing.trim_end()
    } else {
        rest
    }
}

/// Inline markup out of one line. All syntax is ASCII, so every cut is a char boundary.
fn inline(line: &str, out: &mut String) {
    let b = line.as_bytes();
    let mut i = 0;
    let mut copied = 0;
    // Where a link's text ends and where its target ends: `[text](target)`.
    let mut link_end: Option<(usize, usize)> = None;
    while i < b.len() {
        if let Some((text_end, skip_to)) = link_end {
            if i == text_end {
                out.push_str(&line[copied..i]);
                i = skip_to;
                copied = i;
                link_end = None;
                continue;
            }
        }
        let c = b[i];
        let prev = if i > 0 { b[i - 1] } else { b' ' };
        let next = b.get(i + 1).copied().unwrap_or(b' ');
        let (drop, resume) = match c {
            b'\\' if next.is_ascii_punctuation() => (1, i + 2),
            b'!' if next == b'[' => match link_parts(line, i + 1) {
                Some((_, end)) => (end - i, end),
                None => (0, i + 1),
            },
            b'[' if link_end.is_none() => match link_parts(line, i) {
                Some(parts) => {
                    link_end = Some(parts);
                    (1, i + 1)
                }
                None => (0, i + 1),
            },
            b'*' | b'_' | b'~' if next == c => (2, i + 2),
            b'*' if !(prev == b' ' && next == b' ') => (1, i + 1),
            b'_' if !prev.is_ascii_alphanumeric() || !next.is_ascii_alphanumeric() => {
                if prev == b' ' && next == b' ' {
                    (0, i + 1)
                } else {
                    (1, i + 1)
                }
            }
            b'`' => (1, i + 1),
            b'<' if next.is_ascii_alphabetic() || next == b'/' || next == b'!' => {
                match line[i..].find('>') {
                    Some(len) => {
                        let inner = &line[i + 1..i + len];
                        out.push_str(&line[copied..i]);
                        if inner.contains("://") || inner.starts_with("mailto:") {
                            out.push_str(inner);
                        }
                        i += len + 1;
                        copied = i;
                        continue;
                    }
                    None => (0, i + 1),
                }
            }
            _ => (0, i + 1),
        };
        if drop > 0 {
            out.push_str(&line[copied..i]);
            copied = i + drop;
        }
        i = resume;
    }
    if copied < b.len() {
        out.push_str(&line[copied..]);
    }
}

/// For `[text](target)` or `[text][ref]` starting at `open` (a `[`): the index of the
/// closing `]` and the index just past the target.
fn link_parts(line: &str, open: usize) -> Option<(usize, usize)> {
    let close = open + line[open..].find(']')?;
    let after = line.as_bytes().get(close + 1)?;
    let closer = match after {
        b'(' => ')',
        b'[' => ']',
        _ => return None,
    };
    let target_end = close + 2 + line[close + 2..].find(closer)?;
    Some((close, target_end + 1))
}

/// At most one blank line in a row, none at either end.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.lines() {
        if line.trim().is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expect: &str) {
        assert_eq!(extract(input).0, expect, "{input:?}");
    }

    #[test]
    fn markup_is_stripped() {
        check(
            "# Title #\n\nSome **bold** and *it* and __u__ text.",
            "Title\n\nSome bold and it and u text.",
        );
        check(
            "See [the site](http://x.org/a_b) and ![pic](p.png) now.",
            "See the site and  now.",
        );
        check(
            "A [ref link][1] here.\n\n[1]: http://x.org",
            "A ref link here.",
        );
        check(
            "> quoted\n> more\n\n- item one\n* item two",
            "quoted\nmore\n\nitem one\nitem two",
        );
        check(
            "snake_case stays, 2 * 3 stays, `code` goes",
            "snake_case stays, 2 * 3 stays, code goes",
        );
        check(
            "<div>html <b>tags</b></div> <http://x.org>",
            "html tags http://x.org",
        );
        check("a <!-- note\nstill note --> b", "a\nb");
        check("```\nlet x = *y;\n```\nafter", "let x = *y;\nafter");
        check("para\n\n\n\n---\n\nnext\\*", "para\n\nnext*");
    }

    #[test]
    fn front_matter_becomes_meta() {
        let input = "---\ntitle: \"A Headline\"\ndate: 2021-08-07\nauthors:\n  - Ann Lee\n  - 'Bo Chan'\nsource: Daily Example\noriginal_url: https://example.org/a\n---\n\nBody text.";
        let (text, meta) = extract(input);
        assert_eq!(text, "Body text.");
        assert_eq!(meta.title.as_deref(), Some("A Headline"));
        assert_eq!(
            meta.date.map(|d| d.to_string()).as_deref(),
            Some("2021-08-07")
        );
        assert_eq!(meta.authors, vec!["Ann Lee", "Bo Chan"]);
        assert_eq!(meta.outlet.as_deref(), Some("Daily Example"));
        assert_eq!(meta.url.as_deref(), Some("https://example.org/a"));
    }

    #[test]
    fn quoted_dates_and_inline_author_lists() {
        let (_, meta) = extract("---\ndate: 'July 31, 2017'\nauthor: [Ann, \"Bo\"]\n---\nx");
        assert_eq!(
            meta.date.map(|d| d.to_string()).as_deref(),
            Some("2017-07-31")
        );
        assert_eq!(meta.authors, vec!["Ann", "Bo"]);
    }

    #[test]
    fn unclosed_front_matter_is_text() {
        check("---\ntitle: x\n\nbody", "title: x\n\nbody");
    }
}
