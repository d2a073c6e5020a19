//! HTML to visible text and head metadata, in one streaming pass over html5ever's
//! tokenizer (no tree is built).
//!
//! A small stack of open elements, capped at [`MAX_DEPTH`], tells what is being skipped
//! (`nav`, `footer`, `hidden`, `role="navigation"`, …). Script, style and other raw-text
//! elements are switched into the tokenizer's raw states, so their content is never read
//! as markup; of all scripts only JSON-LD (`application/ld+json`) is read, for metadata.
//! Nothing recurses on the input's nesting, so hostile pages cannot overflow the stack.
//!
//! Output text: block elements separate paragraphs by one blank line, `<br>` gives a
//! newline, whitespace runs become one space, no leading or trailing whitespace.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::{local_name, Attribute, LocalName, TokenizerResult};
use model::{Date, Meta};
use serde_json::Value;
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Open elements deeper than this are not tracked (their start and end tags only give breaks).
pub const MAX_DEPTH: usize = 4096;

const MAX_TITLE_BYTES: usize = 4 * 1024;
const MAX_JSON_LD_BYTES: usize = 1024 * 1024;
const MAX_META_CHARS: usize = 1000;
const FEED_CHUNK: usize = 64 * 1024;
/// Pages are cut here (only reachable with a limit raised past 2 GiB).
const MAX_INPUT_BYTES: usize = 1 << 31;

/// What an HTML page gives: its visible text and what its head says of it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Page {
    /// Visible text, paragraphs separated by a blank line.
    pub text: String,
    /// Title, date, outlet, authors (and `og:url`) from the head and JSON-LD.
    pub meta: Meta,
}

/// Extracts the visible article text and head metadata of an HTML page. Never fails:
/// broken markup gives what a browser would mostly show.
///
/// Some sites wrap the whole page in a `<form>`; when more text was dropped inside forms
/// than was kept, the page is read again with forms kept.
pub fn extract(html: &str) -> Page {
    // html5ever's buffers count in u32: never hand it more than it can hold.
    let mut end = html.len().min(MAX_INPUT_BYTES);
    while !html.is_char_boundary(end) {
        end -= 1;
    }
    let html = &html[..end];
    let (page, dropped_in_forms) = run(html, true);
    if dropped_in_forms > page.text.len() {
        return run(html, false).0;
    }
    page
}

fn run(html: &str, skip_forms: bool) -> (Page, usize) {
    let state = State {
        skip_forms,
        ..State::default()
    };
    let tokenizer = Tokenizer::new(
        Sink {
            state: RefCell::new(state),
        },
        TokenizerOpts::default(),
    );
    let queue = BufferQueue::default();
    for chunk in chunks(html, FEED_CHUNK) {
        queue.push_back(StrTendril::from_slice(chunk));
        // The sink never blocks on scripts or asks for a re-decode, so this is one call.
        while !matches!(tokenizer.feed(&queue), TokenizerResult::Done) {}
    }
    tokenizer.end();
    let state = tokenizer.sink.state.take();
    state.finish()
}

/// Pieces of about `size` bytes, cut on char boundaries.
fn chunks(s: &str, size: usize) -> impl Iterator<Item = &str> {
    let mut rest = s;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut end = size.min(rest.len());
        while !rest.is_char_boundary(end) {
            end += 1;
        }
        let (piece, after) = rest.split_at(end);
        rest = after;
        Some(piece)
    })
}

struct Sink {
    state: RefCell<State>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line_number: u64) -> TokenSinkResult<()> {
        let mut state = self.state.borrow_mut();
        match token {
            Token::CharacterTokens(text) => state.characters(&text),
            Token::TagToken(tag) => return state.tag(tag),
            Token::DoctypeToken(_)
            | Token::CommentToken(_)
            | Token::NullCharacterToken
            | Token::EOFToken
            | Token::ParseError(_) => {}
        }
        TokenSinkResult::Continue
    }
}

/// The separator owed before the next word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
enum Gap {
    #[default]
    None,
    Space,
    Line,
    Para,
}

/// What to do with the characters of a raw-text element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Raw {
    /// Script, style, textarea, noscript, iframe…: thrown away.
    Drop,
    /// The page `<title>`: kept for the metadata.
    Title,
    /// A JSON-LD script: parsed for the metadata.
    JsonLd,
    /// `<xmp>` or `<plaintext>`: visible, preformatted.
    Keep,
}

const FLAG_PRE: u8 = 1;
const FLAG_ARTICLE: u8 = 2;
const FLAG_FOREIGN: u8 = 4;

/// Atoms hash themselves (to a `u32`); this only spreads that value.
#[derive(Default)]
struct AtomHasher(u64);

impl Hasher for AtomHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(n)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

struct Open {
    name: LocalName,
    flags: u8,
}

#[derive(Default)]
struct State {
    skip_forms: bool,
    out: String,
    gap: Gap,
    stack: Vec<Open>,
    n_open: HashMap<LocalName, u32, BuildHasherDefault<AtomHasher>>,
    /// Stack index of the element whose content is being skipped.
    skip_from: Option<usize>,
    /// Whether the skipping element is a `<form>`.
    skip_is_form: bool,
    dropped_in_forms: usize,
    raw: Option<Raw>,
    raw_buf: String,
    n_pre: u32,
    n_article: u32,
    n_foreign: u32,
    head: HeadMeta,
}

impl State {
    fn skipping(&self) -> bool {
        self.skip_from.is_some()
    }

    fn request(&mut self, gap: Gap) {
        if gap > self.gap {
            self.gap = gap;
        }
    }

    fn characters(&mut self, text: &str) {
        match self.raw {
            Some(Raw::Drop) => {}
            Some(Raw::Title) => push_capped(&mut self.raw_buf, text, MAX_TITLE_BYTES),
            Some(Raw::JsonLd) => push_capped(&mut self.raw_buf, text, MAX_JSON_LD_BYTES),
            Some(Raw::Keep) => self.push_text(text, true),
            None if self.skipping() => {
                if self.skip_is_form {
                    self.dropped_in_forms += text.trim().len();
                }
            }
            None => self.push_text(text, self.n_pre > 0),
        }
    }

    /// Appends text, collapsing whitespace (and control characters) to one space;
    /// in preformatted text a newline stays a line break.
    fn push_text(&mut self, text: &str, pre: bool) {
        let bytes = text.as_bytes();
        let mut word_start = None;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if is_visible_ascii(b) {
                // Fast path: visible ASCII words with one space between them go out as
                // they stand (one space is what the gap between them would give).
                word_start.get_or_insert(i);
                i = skip_visible_ascii(bytes, i + 1);
                while bytes.get(i) == Some(&b' ')
                    && bytes.get(i + 1).is_some_and(|&n| is_visible_ascii(n))
                {
                    i = skip_visible_ascii(bytes, i + 2);
                }
                continue;
            }
            let (is_space, len) = if b < 0x80 {
                // Neither visible nor beyond ASCII: a space or a control character.
                (true, 1)
            } else {
                // Non-ASCII: decode the one char (i is on a boundary: all steps are whole chars).
                let c = text[i..].chars().next().unwrap_or(' ');
                (c.is_whitespace() || c.is_control(), c.len_utf8())
            };
            if is_space {
                if let Some(start) = word_start.take() {
                    self.push_word(&text[start..i]);
                }
                self.request(if pre && b == b'\n' {
                    Gap::Line
                } else {
                    Gap::Space
                });
            } else if word_start.is_none() {
                word_start = Some(i);
            }
            i += len;
        }
        if let Some(start) = word_start {
            self.push_word(&text[start..]);
        }
    }

    fn push_word(&mut self, word: &str) {
        if !self.out.is_empty() {
            match self.gap {
                Gap::None => {}
                Gap::Space => self.out.push(' '),
                Gap::Line => self.out.push('\n'),
                Gap::Para => self.out.push_str("\n\n"),
            }
        }
        self.gap = Gap::None;
        self.out.push_str(word);
    }

    fn tag(&mut self, tag: Tag) -> TokenSinkResult<()> {
        match tag.kind {
            TagKind::StartTag => self.start_tag(tag),
            TagKind::EndTag => {
                self.end_tag(&tag.name);
                TokenSinkResult::Continue
            }
        }
    }

    fn start_tag(&mut self, tag: Tag) -> TokenSinkResult<()> {
        let name = &tag.name;
        self.read_metadata(&tag);
        // Script and style are raw text even inside SVG or MathML (where browsers would
        // parse them as markup), so their content can never leak into the text.
        let script_or_style = matches!(*name, local_name!("script") | local_name!("style"));
        let foreign_void = self.n_foreign > 0 && tag.self_closing;
        if (self.n_foreign == 0 || script_or_style) && !foreign_void {
            if let Some((raw, result)) = self.raw_kind(&tag) {
                self.raw = Some(raw);
                self.raw_buf.clear();
                if raw == Raw::Keep {
                    self.request(Gap::Para);
                }
                return result;
            }
        }
        if is_void(name) || (tag.self_closing && (self.n_foreign > 0 || is_foreign(name))) {
            if !self.skipping() {
                match *name {
                    local_name!("br") => {
                        let gap = if self.gap == Gap::Line {
                            Gap::Para
                        } else {
                            Gap::Line
                        };
                        self.request(gap);
                    }
                    local_name!("hr") => self.request(Gap::Para),
                    _ => {}
                }
            }
            return TokenSinkResult::Continue;
        }
        self.close_implied(name);
        if self.stack.len() >= MAX_DEPTH {
            if !self.skipping() && is_block(name) {
                self.request(Gap::Para);
            }
            return TokenSinkResult::Continue;
        }
        let is_form = *name == local_name!("form");
        if !self.skipping()
            && (is_skipped(name) || (is_form && self.skip_forms) || is_hidden(&tag.attrs))
        {
            self.skip_from = Some(self.stack.len());
            self.skip_is_form = is_form;
        }
        let mut flags = 0;
        match *name {
            local_name!("pre") | local_name!("listing") => flags |= FLAG_PRE,
            local_name!("article") => flags |= FLAG_ARTICLE,
            local_name!("svg") | local_name!("math") => flags |= FLAG_FOREIGN,
            _ => {}
        }
        self.push(name.clone(), flags);
        if !self.skipping() {
            if is_block(name) {
                self.request(Gap::Para);
            } else if matches!(*name, local_name!("td") | local_name!("th")) {
                self.request(Gap::Space);
            }
        }
        TokenSinkResult::Continue
    }

    /// The raw-text state a start tag switches the tokenizer into, if any.
    fn raw_kind(&self, tag: &Tag) -> Option<(Raw, TokenSinkResult<()>)> {
        let drop_or = |raw: Raw| if self.skipping() { Raw::Drop } else { raw };
        Some(match tag.name {
            local_name!("script") => {
                let json_ld = attr(&tag.attrs, &local_name!("type"))
                    .is_some_and(|t| t.to_ascii_lowercase().contains("ld+json"));
                let raw = if json_ld { Raw::JsonLd } else { Raw::Drop };
                (raw, TokenSinkResult::RawData(RawKind::ScriptData))
            }
            local_name!("style")
            | local_name!("noscript")
            | local_name!("iframe")
            | local_name!("noembed")
            | local_name!("noframes") => (Raw::Drop, TokenSinkResult::RawData(RawKind::Rawtext)),
            local_name!("xmp") => (
                drop_or(Raw::Keep),
                TokenSinkResult::RawData(RawKind::Rawtext),
            ),
            local_name!("textarea") => (Raw::Drop, TokenSinkResult::RawData(RawKind::Rcdata)),
            local_name!("title") => {
                let raw = if self.head.title_tag.is_none() {
                    Raw::Title
                } else {
                    Raw::Drop
                };
                (raw, TokenSinkResult::RawData(RawKind::Rcdata))
            }
            local_name!("plaintext") => (drop_or(Raw::Keep), TokenSinkResult::Plaintext),
            _ => return None,
        })
    }

    fn end_tag(&mut self, name: &LocalName) {
        if let Some(raw) = self.raw.take() {
            // In a raw-text state the tokenizer emits only the element's own end tag.
            match raw {
                Raw::Title => self.head.title_tag = clean(&self.raw_buf),
                Raw::JsonLd => {
                    let text = std::mem::take(&mut self.raw_buf);
                    self.head.read_json_ld(&text);
                }
                Raw::Keep => self.request(Gap::Para),
                Raw::Drop => {}
            }
            self.raw_buf.clear();
            return;
        }
        if *name == local_name!("br") && !self.skipping() {
            self.request(Gap::Line);
            return;
        }
        let was_skipping = self.skipping();
        if self.n_open.get(name).copied().unwrap_or(0) > 0 {
            while let Some(open) = self.pop() {
                if open.name == *name {
                    break;
                }
            }
        }
        if !self.skipping() {
            if is_block(name) {
                self.request(Gap::Para);
            } else if was_skipping {
                self.request(Gap::Space);
            }
        }
    }

    /// Closes what a start tag implicitly ends when it is the current element
    /// (`<p>` before a block, `<li>` before `<li>`, a cell before a cell or row).
    fn close_implied(&mut self, name: &LocalName) {
        loop {
            let Some(top) = self.stack.last() else { return };
            let closes = match (&top.name, name) {
                (&local_name!("p"), n) => is_block(n) || is_skipped(n),
                (&local_name!("li"), &local_name!("li")) => true,
                (
                    &local_name!("dt") | &local_name!("dd"),
                    &local_name!("dt") | &local_name!("dd"),
                ) => true,
                (
                    &local_name!("td") | &local_name!("th"),
                    &local_name!("td") | &local_name!("th") | &local_name!("tr"),
                ) => true,
                (&local_name!("tr"), &local_name!("tr")) => true,
                (&local_name!("option"), &local_name!("option")) => true,
                _ => false,
            };
            if !closes {
                return;
            }
            self.pop();
        }
    }

    fn push(&mut self, name: LocalName, flags: u8) {
        if flags & FLAG_PRE != 0 {
            self.n_pre += 1;
        }
        if flags & FLAG_ARTICLE != 0 {
            self.n_article += 1;
        }
        if flags & FLAG_FOREIGN != 0 {
            self.n_foreign += 1;
        }
        *self.n_open.entry(name.clone()).or_insert(0) += 1;
        self.stack.push(Open { name, flags });
    }

    fn pop(&mut self) -> Option<Open> {
        let open = self.stack.pop()?;
        if open.flags & FLAG_PRE != 0 {
            self.n_pre -= 1;
        }
        if open.flags & FLAG_ARTICLE != 0 {
            self.n_article -= 1;
        }
        if open.flags & FLAG_FOREIGN != 0 {
            self.n_foreign -= 1;
        }
        if let Some(n) = self.n_open.get_mut(&open.name) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                self.n_open.remove(&open.name);
            }
        }
        if self.skip_from.is_some_and(|i| self.stack.len() <= i) {
            self.skip_from = None;
            self.skip_is_form = false;
        }
        Some(open)
    }

    fn read_metadata(&mut self, tag: &Tag) {
        let attrs = &tag.attrs;
        if tag.name == local_name!("meta") {
            self.head.read_meta(attrs);
            return;
        }
        let datetime = || {
            attr(attrs, &local_name!("datetime")).or_else(|| attr(attrs, &local_name!("content")))
        };
        if attr(attrs, &local_name!("itemprop"))
            .is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
        {
            if let Some(value) = datetime() {
                self.head.offer_date(Rank::ItemProp, value);
            }
        } else if tag.name == local_name!("time") && self.n_article > 0 && !self.skipping() {
            if let Some(value) = attr(attrs, &local_name!("datetime")) {
                self.head.offer_date(Rank::TimeInArticle, value);
            }
        }
    }

    fn finish(mut self) -> (Page, usize) {
        match self.raw.take() {
            Some(Raw::Title) => self.head.title_tag = clean(&self.raw_buf),
            Some(Raw::JsonLd) => {
                let text = std::mem::take(&mut self.raw_buf);
                self.head.read_json_ld(&text);
            }
            _ => {}
        }
        let page = Page {
            text: self.out,
            meta: self.head.into_meta(),
        };
        (page, self.dropped_in_forms)
    }
}

/// A visible ASCII byte: neither whitespace nor a control character.
#[inline]
fn is_visible_ascii(b: u8) -> bool {
    b.wrapping_sub(0x21) < 0x5E
}

/// The first index from `i` on whose byte is not visible ASCII (see
/// [`is_visible_ascii`]), or `bytes.len()`. Eight bytes at a time.
#[inline]
fn skip_visible_ascii(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        // Bytes below 0x21 (exact up to the lowest one flagged: a borrow only runs on
        // from a flagged byte to higher ones), and bytes from 0x7F up (exact).
        let low = x.wrapping_sub(0x21 * ONES) & !x & HIGHS;
        let high = (((x & !HIGHS) + ONES) | x) & HIGHS;
        let flagged = low | high;
        if flagged != 0 {
            return i + (flagged.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && is_visible_ascii(bytes[i]) {
        i += 1;
    }
    i
}

fn push_capped(buf: &mut String, text: &str, cap: usize) {
    let room = cap.saturating_sub(buf.len());
    if room == 0 {
        return;
    }
    let mut end = room.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    buf.push_str(&text[..end]);
}

/// Value of the attribute `name` (no namespace).
fn attr<'a>(attrs: &'a [Attribute], name: &LocalName) -> Option<&'a str> {
    attrs
        .iter()
        .find(|a| a.name.local == *name)
        .map(|a| &*a.value)
}

fn is_void(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("area")
            | local_name!("base")
            | local_name!("br")
            | local_name!("col")
            | local_name!("embed")
            | local_name!("hr")
            | local_name!("img")
            | local_name!("input")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("param")
            | local_name!("source")
            | local_name!("track")
            | local_name!("wbr")
            | local_name!("keygen")
            | local_name!("image")
    )
}

fn is_foreign(name: &LocalName) -> bool {
    matches!(*name, local_name!("svg") | local_name!("math"))
}

/// Elements whose content is never visible article text (raw-text ones are handled apart).
fn is_skipped(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("template")
            | local_name!("svg")
            | local_name!("math")
            | local_name!("object")
            | local_name!("button")
            | local_name!("select")
            | local_name!("nav")
            | local_name!("aside")
            | local_name!("footer")
            | local_name!("datalist")
            | local_name!("dialog")
    )
}

/// Elements that start and end a paragraph.
fn is_block(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("p")
            | local_name!("div")
            | local_name!("section")
            | local_name!("article")
            | local_name!("header")
            | local_name!("main")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
            | local_name!("hgroup")
            | local_name!("li")
            | local_name!("ul")
            | local_name!("ol")
            | local_name!("menu")
            | local_name!("blockquote")
            | local_name!("pre")
            | local_name!("listing")
            | local_name!("table")
            | local_name!("caption")
            | local_name!("tr")
            | local_name!("figure")
            | local_name!("figcaption")
            | local_name!("dl")
            | local_name!("dt")
            | local_name!("dd")
            | local_name!("hr")
            | local_name!("address")
            | local_name!("details")
            | local_name!("summary")
            | local_name!("fieldset")
            | local_name!("legend")
            | local_name!("center")
            | local_name!("form")
            | local_name!("nav")
            | local_name!("aside")
            | local_name!("footer")
            | local_name!("body")
            | local_name!("html")
    )
}

/// `hidden`, `aria-hidden="true"`, a navigation-like `role`, or an inline
/// `display: none` / `visibility: hidden` style.
fn is_hidden(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|a| match a.name.local {
        local_name!("hidden") => true,
        local_name!("aria-hidden") => a.value.trim().eq_ignore_ascii_case("true"),
        local_name!("role") => a.value.split_ascii_whitespace().any(|role| {
            ["navigation", "banner", "contentinfo", "complementary"]
                .iter()
                .any(|r| role.eq_ignore_ascii_case(r))
        }),
        local_name!("style") => {
            contains_squashed(&a.value, "display:none")
                || contains_squashed(&a.value, "visibility:hidden")
        }
        _ => false,
    })
}

/// Whether `hay`, with ASCII whitespace removed and lowercased, contains `needle`
/// (lowercase, no whitespace). Allocates only when the last word of `needle` occurs.
fn contains_squashed(hay: &str, needle: &str) -> bool {
    let tail = needle.rsplit(':').next().unwrap_or(needle).as_bytes();
    let has_tail = hay
        .as_bytes()
        .windows(tail.len())
        .any(|w| w.eq_ignore_ascii_case(tail));
    if !has_tail {
        return false;
    }
    let squashed: String = hay
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    squashed.contains(needle)
}

/// Whitespace collapsed, trimmed, capped; `None` when nothing is left.
fn clean(s: &str) -> Option<String> {
    let mut out = String::new();
    for word in s.split_whitespace() {
        if out.len() >= MAX_META_CHARS {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    (!out.is_empty()).then_some(out)
}

fn is_url(s: &str) -> bool {
    let s = s.trim_start().to_ascii_lowercase();
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with("//")
}

/// Where a publication date came from; earlier variants win.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    ArticlePublished,
    OgArticlePublished,
    ItemProp,
    JsonLd,
    MetaName,
    TimeInArticle,
}

/// Metadata candidates met while reading the page.
#[derive(Default)]
struct HeadMeta {
    og_title: Option<String>,
    title_tag: Option<String>,
    json_ld_headline: Option<String>,
    og_url: Option<String>,
    date: Option<(Rank, Date)>,
    site_name: Option<String>,
    json_ld_publisher: Option<String>,
    meta_authors: Vec<String>,
    article_authors: Vec<String>,
    json_ld_authors: Vec<String>,
    json_ld_seen: bool,
}

impl HeadMeta {
    fn offer_date(&mut self, rank: Rank, value: &str) {
        if self.date.is_some_and(|(best, _)| best <= rank) {
            return;
        }
        if let Some(date) = Date::parse(value) {
            self.date = Some((rank, date));
        }
    }

    fn read_meta(&mut self, attrs: &[Attribute]) {
        let Some(content) = attr(attrs, &local_name!("content")) else {
            return;
        };
        let keys = [
            local_name!("property"),
            local_name!("name"),
            local_name!("itemprop"),
        ];
        for key in keys.iter().filter_map(|k| attr(attrs, k)) {
            let key = key.trim().to_ascii_lowercase();
            match key.as_str() {
                "og:title" => set_once(&mut self.og_title, content),
                "og:url" => set_once(&mut self.og_url, content),
                "og:site_name" => set_once(&mut self.site_name, content),
                "article:published_time" => self.offer_date(Rank::ArticlePublished, content),
                "og:article:published_time" => self.offer_date(Rank::OgArticlePublished, content),
                "datepublished" => self.offer_date(Rank::ItemProp, content),
                "date" | "pubdate" | "publish-date" | "publish_date" | "dc.date"
                | "dc.date.issued" | "dcterms.date" | "dcterms.issued" => {
                    self.offer_date(Rank::MetaName, content)
                }
                "author" if !is_url(content) => push_name(&mut self.meta_authors, content),
                "article:author" if !is_url(content) => {
                    push_name(&mut self.article_authors, content)
                }
                _ => {}
            }
        }
    }

    /// Reads the first article-like object of a JSON-LD script (top level, array or `@graph`).
    fn read_json_ld(&mut self, text: &str) {
        let text = text
            .trim()
            .trim_start_matches("//<![CDATA[")
            .trim_start_matches("<![CDATA[")
            .trim_start_matches("<!--")
            .trim_end_matches("//]]>")
            .trim_end_matches("]]>")
            .trim_end_matches("-->")
            .trim();
        let Ok(value) = serde_json::from_str::<Value>(text) else {
            return;
        };
        let mut objects = Vec::new();
        let tops: Vec<&Value> = match &value {
            Value::Array(items) => items.iter().collect(),
            other => vec![other],
        };
        for top in tops {
            if let Value::Object(map) = top {
                objects.push(map);
                if let Some(Value::Array(graph)) = map.get("@graph") {
                    objects.extend(graph.iter().filter_map(Value::as_object));
                }
            }
        }
        let article = objects
            .iter()
            .find(|o| o.contains_key("datePublished") || is_article_type(o.get("@type")))
            .or_else(|| objects.first());
        let Some(article) = article else { return };
        if self.json_ld_seen {
            // A later script fills only what earlier ones left empty.
            if self.json_ld_headline.is_some() && self.json_ld_publisher.is_some() {
                return;
            }
        }
        self.json_ld_seen = true;
        if let Some(Value::String(d)) = article.get("datePublished") {
            self.offer_date(Rank::JsonLd, d);
        }
        if let Some(Value::String(h)) = article.get("headline") {
            set_once(&mut self.json_ld_headline, h);
        }
        if let Some(publisher) = article.get("publisher").and_then(name_of) {
            set_once(&mut self.json_ld_publisher, publisher);
        }
        if self.json_ld_authors.is_empty() {
            match article.get("author") {
                Some(Value::Array(items)) => {
                    for name in items.iter().filter_map(name_of) {
                        push_name(&mut self.json_ld_authors, name);
                    }
                }
                Some(one) => {
                    if let Some(name) = name_of(one) {
                        push_name(&mut self.json_ld_authors, name);
                    }
                }
                None => {}
            }
        }
    }

    fn into_meta(self) -> Meta {
        let authors = [
            self.meta_authors,
            self.article_authors,
            self.json_ld_authors,
        ]
        .into_iter()
        .find(|a| !a.is_empty())
        .unwrap_or_default();
        Meta {
            title: self.og_title.or(self.title_tag).or(self.json_ld_headline),
            url: self.og_url,
            date: self.date.map(|(_, d)| d),
            outlet: self.site_name.or(self.json_ld_publisher),
            authors,
        }
    }
}

fn is_article_type(t: Option<&Value>) -> bool {
    let looks = |s: &str| s.contains("Article") || s.contains("Posting") || s.contains("Report");
    match t {
        Some(Value::String(s)) => looks(s),
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).any(looks),
        _ => false,
    }
}

/// A JSON-LD person or organisation: a string, or an object's `name`.
fn name_of(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => Some(s),
        Value::Object(o) => o.get("name").and_then(Value::as_str),
        _ => None,
    }
}

fn set_once(slot: &mut Option<String>, value: &str) {
    if slot.is_none() {
        *slot = clean(value);
    }
}

fn push_name(names: &mut Vec<String>, value: &str) {
    if let Some(name) = clean(value) {
        if !is_url(&name) && !names.contains(&name) && names.len() < 64 {
            names.push(name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(html: &str, expect: &str) {
        assert_eq!(extract(html).text, expect, "{html}");
    }

    fn meta(html: &str) -> Meta {
        extract(html).meta
    }

    #[test]
    fn paragraphs_and_line_breaks() {
        check("<p>One  two\nthree</p><p>Four</p>", "One two three\n\nFour");
        check(
            "<div><h1>Head</h1>\n\n<p>Body <b>bold</b>.</p></div>",
            "Head\n\nBody bold.",
        );
        check("a<br>b<br><br>c<br><br><br>d", "a\nb\n\nc\n\nd");
        check("<ul><li>x<li>y</ul>after", "x\n\ny\n\nafter");
        check("<table><tr><td>a<td>b<tr><td>c</table>", "a b\n\nc");
        check("<pre>line 1\nline 2</pre>", "line 1\nline 2");
        check("   <p>  </p>  ", "");
    }

    #[test]
    fn entities_are_decoded() {
        check(
            "<p>Tom &amp; Jerry &lt;3 &eacute;t&eacute; &#8220;q&#x201D; &nbsp;x",
            "Tom & Jerry <3 \u{e9}t\u{e9} \u{201c}q\u{201d} x",
        );
        check(
            "<p>broken &amp entity &#xZZ; &unknown;",
            "broken & entity &#xZZ; &unknown;",
        );
    }

    #[test]
    fn furniture_is_dropped() {
        check(
            "<script>var a = '<p>no</p>';</script><style>p{}</style><p>yes</p>",
            "yes",
        );
        check(
            "<nav><a>Home</a></nav><p>Body</p><footer>Copyright</footer>",
            "Body",
        );
        check("<p>a<!-- hidden comment -->b</p>", "ab");
        check(
            "<div role=navigation>menu</div><div aria-hidden=true>x</div><p hidden>h</p>Text",
            "Text",
        );
        check(
            "<aside>ad</aside><form><button>Go</button></form><p>Kept</p>",
            "Kept",
        );
        check("<p>a<span style='display: none'>b</span> c</p>", "a c");
        check("<noscript>enable js</noscript><iframe>x</iframe>ok", "ok");
        check(
            "<svg><text>chart</text></svg><math><mi>x</mi></math>ok",
            "ok",
        );
    }

    #[test]
    fn title_is_metadata_not_text() {
        let page =
            extract("<html><head><title>The Title</title></head><body><p>Body</p></body></html>");
        assert_eq!(page.text, "Body");
        assert_eq!(page.meta.title.as_deref(), Some("The Title"));
    }

    #[test]
    fn head_metadata() {
        let m = meta(concat!(
            "<title>Tab title</title>",
            "<meta property='og:title' content='Real headline'>",
            "<meta property='og:site_name' content='Daily Example'>",
            "<meta property='article:published_time' content='2019-03-04T10:00:00+01:00'>",
            "<meta name='date' content='2001-01-01'>",
            "<meta name='author' content='Jane Roe'>",
            "<meta property='article:author' content='https://example.org/jane'>",
        ));
        assert_eq!(m.title.as_deref(), Some("Real headline"));
        assert_eq!(m.outlet.as_deref(), Some("Daily Example"));
        assert_eq!(m.date.map(|d| d.to_string()).as_deref(), Some("2019-03-04"));
        assert_eq!(m.authors, vec!["Jane Roe"]);
    }

    #[test]
    fn json_ld_metadata() {
        let m = meta(concat!(
            "<script type=\"application/ld+json\">",
            "{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":\"WebSite\",\"name\":\"x\"},",
            "{\"@type\":\"NewsArticle\",\"headline\":\"LD headline\",\"datePublished\":\"2020-05-06T07:08:09Z\",",
            "\"author\":[{\"@type\":\"Person\",\"name\":\"Ann Lee\"},\"Bo Chan\"],",
            "\"publisher\":{\"@type\":\"Organization\",\"name\":\"The Example Post\"}}]}",
            "</script><p>Body</p>"
        ));
        assert_eq!(m.title.as_deref(), Some("LD headline"));
        assert_eq!(m.date.map(|d| d.to_string()).as_deref(), Some("2020-05-06"));
        assert_eq!(m.authors, vec!["Ann Lee", "Bo Chan"]);
        assert_eq!(m.outlet.as_deref(), Some("The Example Post"));
    }

    #[test]
    fn time_inside_the_article() {
        let m = meta("<time datetime='1999-01-01'>x</time><article><time datetime='2018-02-03'>Feb 3</time></article>");
        assert_eq!(m.date.map(|d| d.to_string()).as_deref(), Some("2018-02-03"));
    }

    #[test]
    fn a_page_wrapped_in_a_form_is_still_read() {
        check(
            "<form id=page><h1>Title</h1><p>Story text here.</p></form>",
            "Title\n\nStory text here.",
        );
    }

    #[test]
    fn hostile_markup_does_not_break_it() {
        let deep = "<div>".repeat(100_000) + "deep" + &"</div>".repeat(100_000);
        check(&deep, "deep");
        let unclosed = "<nav><p>menu".to_string() + &"<b>".repeat(10_000);
        check(&unclosed, "");
        let huge_attr = format!("<p title=\"{}\">ok</p>", "x".repeat(1_000_000));
        check(&huge_attr, "ok");
        check("<p>a\0b</p><scr<script>x</script>", "ab\n\nx");
        check("<script>never closed <p>text", "");
        check("</p></div></nav>after", "after");
        let flood =
            "<b>".repeat(100_000) + "x" + &"</i>".repeat(100_000) + &"<nav>".repeat(100_000);
        check(&flood, "x");
        let skipped = "<nav>".repeat(100_000) + "menu" + &"</nav>".repeat(100_000) + "after";
        check(&skipped, "after");
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        /// The word-by-word collapsing `State::push_text` replaced.
        fn collapse_char_by_char(chunks: &[String], pre: bool) -> String {
            let (mut out, mut gap) = (String::new(), Gap::None);
            for text in chunks {
                let bytes = text.as_bytes();
                let mut word_start = None;
                let mut i = 0;
                let push = |word: &str, gap: &mut Gap, out: &mut String| {
                    if !out.is_empty() {
                        match *gap {
                            Gap::None => {}
                            Gap::Space => out.push(' '),
                            Gap::Line => out.push('\n'),
                            Gap::Para => out.push_str("\n\n"),
                        }
                    }
                    *gap = Gap::None;
                    out.push_str(word);
                };
                while i < bytes.len() {
                    let b = bytes[i];
                    let (is_space, len) = if b < 0x80 {
                        (b <= b' ' || b == 0x7F, 1)
                    } else {
                        let c = text[i..].chars().next().unwrap_or(' ');
                        (c.is_whitespace() || c.is_control(), c.len_utf8())
                    };
                    if is_space {
                        if let Some(start) = word_start.take() {
                            push(&text[start..i], &mut gap, &mut out);
                        }
                        let want = if pre && b == b'\n' {
                            Gap::Line
                        } else {
                            Gap::Space
                        };
                        gap = gap.max(want);
                    } else if word_start.is_none() {
                        word_start = Some(i);
                    }
                    i += len;
                }
                if let Some(start) = word_start {
                    push(&text[start..], &mut gap, &mut out);
                }
            }
            out
        }

        proptest! {
            #[test]
            fn text_collapses_as_char_by_char(
                chunks in prop::collection::vec("[ab~!  \t\n\r\u{7f}\u{1}\u{85}\u{a0}\u{e9}\u{2003}]{0,24}", 0..4),
                pre in any::<bool>(),
            ) {
                let mut state = State::default();
                for c in &chunks {
                    state.push_text(c, pre);
                }
                prop_assert_eq!(state.out, collapse_char_by_char(&chunks, pre));
            }

            #[test]
            fn visible_runs_end_where_the_bytes_say(
                s in "[a-z !~\u{7f}\u{1}\t\n\u{e9}\u{a0}]{0,40}",
                from in 0usize..40,
            ) {
                let b = s.as_bytes();
                let from = from.min(b.len());
                let naive = (from..b.len())
                    .find(|&i| !(b[i] > b' ' && b[i] < 0x7F))
                    .unwrap_or(b.len());
                prop_assert_eq!(skip_visible_ascii(b, from), naive);
            }
        }
    }
}
