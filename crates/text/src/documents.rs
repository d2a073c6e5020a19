//! Page splitting: a record's text becomes its articles, each with paragraphs (with
//! roles), sentences and metadata.
//!
//! [`split_record`] runs these steps, each a linear pass:
//!
//! 1. **Paragraphs** (`page`): blocks between blank lines; date lines, bylines, credit
//!    lines and furniture lines are split off the block they stand in.
//! 2. **Kinds**: each paragraph is furniture (`furniture`: tag lists, comment, share and
//!    appeal blocks, separators, file-name residue), a date line, a byline, a credit line
//!    ("Title, Outlet Author, Date"), an origin note ("first appeared in X"), an image
//!    caption (a slug glued to it, a photo credit, a closing "Photo: X"), a bracketed
//!    editor's note, or text.
//! 3. **Page furniture**: comment zones (after "Leave a Reply" until the next article),
//!    share and related-link rows (blocks of short lines), banners repeated at the top
//!    and the bottom, a "Headline | Site" page title whose headline is repeated below it,
//!    a masthead ("Site — tagline" on the first line, the site named again by the footer
//!    on the last), page chrome over the headline the record's hinted title names, short
//!    text over furniture above the page's first dated headline, a headline repeated on
//!    the next line, a one- or two-word section label over the page's headline
//!    ("Analysis"). The site a page title or masthead names, else the hints' site name,
//!    else the hinted title's site suffix, is the outlet of last resort.
//! 4. **Article starts**: after an article's body has begun, a new one starts at a
//!    headline followed by a date, credit or byline line (a date line just before the
//!    headline belongs to it), at a date line followed by a headline and a credit line,
//!    at a credit line that names a title, or at a title-case headline standing after
//!    two or more blank lines over text. A repost's head (a headline over a credit line
//!    that repeats it, a date line maybe between) starts one after any text, even a
//!    paragraph short enough to be a subtitle. Section headings inside a body split
//!    nothing.
//! 5. **Roles**: the header of each article (headline, subtitle, date line, credit lines,
//!    office and "Name, Title" lines, captions, editor's notes) ends at the first body
//!    paragraph; later captions, date lines, credit lines and signatures keep their roles.
//!    A short paragraph under the headline is its subtitle when a metadata line follows
//!    it, or when it holds two sentences over more text. A short paragraph in the header
//!    over a "CITY —" dateline paragraph is a caption (under the headline, a subtitle).
//!    Reposts share their page's template: when most other credited articles hold a
//!    caption right after their credit line, a short one-sentence paragraph there is one.
//! 6. **Metadata**: title (the credit line's title, else the headline), date (date line,
//!    credit line, byline), outlet (origin note or "Source:" line, credit line, a wire
//!    dateline's agency "CITY (Agency) —", the issuing body named in a release's dateline
//!    sentence, the site), author (credit line, byline without honorifics, "Name,
//!    Title", office or names line, signature after "Sincerely,", "Statement from
//!    President X …" title, "X, one of the authors of this report", a person-named site
//!    for the articles it is the outlet of).
//! 7. **Record metadata**: with [`MetaAuthority::Record`] and one article the record's
//!    fields win; otherwise they fill the first article's empty fields.

use crate::credit::{
    byline, credit_line, credit_repeats, date_line, has_word_set, is_closing, issuing_body,
    name_title_line, office_line, origin_outlet, read_credit, self_named_author, signature_name,
    speaker_in_title, wire_agency, word_set, Byline, Credit, CreditLine, DateLine,
};
use crate::furniture::{furniture_line, masthead_name, repeated_at_both_ends, Zone};
use crate::names::is_person_name;
use crate::page::{units, Unit};
use crate::shape::{
    at_most_words, ends_like_sentence, is_bracketed_note, is_caption, is_headline_shaped,
    is_title_case, n_sentences, n_words, opens_with_city_dateline,
};
use model::{
    Diagnostic, Document, DocumentMeta, Meta, MetaAuthority, Paragraph, ParagraphRole, Record,
    Sentence, Span,
};
use ParagraphRole::{Body, Caption, Credit as CreditRole, Dateline, Headline, Subtitle};

/// Splits a record into its articles, each with paragraphs (with roles) and sentences.
///
/// Each document's text is its kept paragraphs, verbatim from the record and trimmed,
/// joined by a blank line; site furniture is left out. Documents are numbered from 0 in
/// the order they stand. Never fails: what could not be placed is reported as a
/// diagnostic.
pub fn split_record(record: &Record) -> (Vec<Document>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let page = Page::read(&record.text, PageHints::of(record));
    if page.paras.is_empty() {
        return (Vec::new(), diagnostics);
    }
    let content = page.content();
    if content.is_empty() {
        diagnostics.push(Diagnostic::warning(
            record.locator,
            "every paragraph is site furniture; no document made",
        ));
        return (Vec::new(), diagnostics);
    }
    let ranges = article_ranges(&page.paras, &content);
    let mut roles: Vec<Vec<ParagraphRole>> = ranges
        .iter()
        .map(|ids| assign_roles(&page.paras, ids))
        .collect();
    captions_by_template(&page.paras, &ranges, &mut roles);
    let mut articles: Vec<Article> = ranges
        .into_iter()
        .zip(roles)
        .map(|(ids, roles)| Article::new(&page, ids, roles))
        .collect();
    let n_before = articles.len();
    if articles.iter().any(Article::has_text) {
        articles.retain(Article::has_text);
    }
    let n_dropped = n_before - articles.len();
    if n_dropped > 0 {
        diagnostics.push(Diagnostic::warning(
            record.locator,
            format!("dropped {n_dropped} article head(s) with no body text"),
        ));
    }
    let mut spans = Vec::new();
    let mut documents: Vec<Document> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| a.to_document(&page, i as u32, &mut spans))
        .collect();
    apply_record_meta(&mut documents, &record.meta, record.authority);
    (documents, diagnostics)
}

/// What a paragraph of the page is, before it is placed in an article.
#[derive(Debug, Clone)]
enum Kind {
    /// Site furniture: left out.
    Furniture,
    /// A date line.
    Date(DateLine),
    /// A byline.
    Byline(Byline),
    /// A credit line.
    Credit(CreditLine),
    /// An origin note naming the outlet that first ran the article.
    Origin(String),
    /// An image caption.
    Caption,
    /// An editor's note in brackets.
    Note,
    /// Anything else: a headline, a subtitle, body text.
    Text,
}

/// A paragraph of the page with what is known of it.
#[derive(Debug, Clone)]
struct Para<'a> {
    text: &'a str,
    unit: Unit,
    kind: Kind,
    /// Whether it has a headline's shape (see [`is_headline_shaped`]).
    headline: bool,
}

impl Para<'_> {
    fn is_furniture(&self) -> bool {
        matches!(self.kind, Kind::Furniture)
    }

    fn is_text(&self) -> bool {
        matches!(self.kind, Kind::Text)
    }

    /// Text that is no headline: where an article's body shows it has begun.
    fn is_body_like(&self) -> bool {
        self.is_text() && !self.headline
    }

    /// A date, credit or byline line: what confirms a headline above it.
    fn is_dating(&self) -> bool {
        matches!(self.kind, Kind::Date(_) | Kind::Credit(_) | Kind::Byline(_))
    }
}

/// What a record's container says of the page that helps read its text.
#[derive(Debug, Clone, Copy, Default)]
struct PageHints<'r> {
    /// The page's title (`og:title`, `<title>`, a record's title), maybe with a site
    /// suffix ("Headline | Site").
    title: Option<&'r str>,
    /// The site's name as a hint gives it (`og:site_name`), not a record's own outlet.
    site: Option<&'r str>,
}

impl<'r> PageHints<'r> {
    fn of(record: &'r Record) -> PageHints<'r> {
        let meta = &record.meta;
        PageHints {
            title: meta.title.as_deref().filter(|t| !t.trim().is_empty()),
            site: meta
                .outlet
                .as_deref()
                .filter(|o| !o.trim().is_empty() && record.authority == MetaAuthority::Hint),
        }
    }
}

/// The page: its paragraphs, classified, and the site it names.
struct Page<'a> {
    paras: Vec<Para<'a>>,
    /// The site: from a "Headline | Site" page title or a masthead in the text, else the
    /// hints' site name, else the site suffix of the hinted title.
    site: Option<String>,
}

impl<'a> Page<'a> {
    fn read(text: &'a str, hints: PageHints) -> Page<'a> {
        let mut zones = Vec::new();
        let mut paras: Vec<Para<'a>> = units(text)
            .into_iter()
            .map(|unit| {
                let t = unit.text(text);
                let (kind, zone) = classify(t);
                zones.push(zone);
                Para {
                    text: t,
                    unit,
                    headline: matches!(kind, Kind::Text)
                        && is_headline_shaped(t)
                        && office_line(t).is_none()
                        && name_title_line(t).is_none(),
                    kind,
                }
            })
            .collect();
        mark_zones(&mut paras, &zones);
        let texts: Vec<&str> = paras.iter().map(|p| p.text).collect();
        for i in repeated_at_both_ends(&texts) {
            paras[i].kind = Kind::Furniture;
        }
        let site = take_page_title(&mut paras).or_else(|| take_masthead(&mut paras));
        let title_site = hints
            .title
            .and_then(|title| take_hinted_headline(&mut paras, title));
        drop_chrome_over_furniture(&mut paras);
        drop_repeated_headlines(&mut paras);
        drop_kicker(&mut paras);
        let site = site
            .or_else(|| hints.site.map(|s| s.trim().to_string()))
            .or(title_site);
        Page { paras, site }
    }

    /// Indices of the paragraphs that are not furniture.
    fn content(&self) -> Vec<usize> {
        (0..self.paras.len())
            .filter(|&i| !self.paras[i].is_furniture())
            .collect()
    }
}

/// The kind of one paragraph, and the zone a furniture line opens.
fn classify(t: &str) -> (Kind, Option<Zone>) {
    if let Some(d) = date_line(t) {
        return (Kind::Date(d), None);
    }
    if let Some(zone) = furniture_line(t) {
        return (Kind::Furniture, Some(zone));
    }
    let kind = if let Some(b) = byline(t) {
        Kind::Byline(b)
    } else if let Some(c) = credit_line(t) {
        Kind::Credit(c)
    } else if let Some(o) = origin_outlet(t) {
        Kind::Origin(o.to_string())
    } else if is_caption(t) {
        Kind::Caption
    } else if is_bracketed_note(t) {
        Kind::Note
    } else {
        Kind::Text
    };
    (kind, None)
}

/// Most words a line in a row of share buttons or related links has.
const LINK_ROW_WORDS: usize = 8;

/// Whether a paragraph can be a row of share buttons or related links: every line of it
/// short (a block of link titles, one a line, is one paragraph) and no credit line.
fn is_link_row(p: &Para) -> bool {
    !matches!(p.kind, Kind::Credit(_)) && p.text.lines().all(|l| at_most_words(l, LINK_ROW_WORDS))
}

/// Comment zones run until the next article's start; link zones over short lines.
fn mark_zones(paras: &mut [Para], zones: &[Option<Zone>]) {
    let mut zone = None;
    for i in 0..paras.len() {
        if let Some(z) = zones[i] {
            if z != Zone::Line {
                zone = Some(z);
            }
            continue;
        }
        match zone {
            Some(Zone::Comments) if opens_article(paras, i) => zone = None,
            Some(Zone::Comments) => paras[i].kind = Kind::Furniture,
            Some(Zone::Links) if is_link_row(&paras[i]) => paras[i].kind = Kind::Furniture,
            _ => zone = None,
        }
    }
}

/// Whether an article opens at paragraph `i` by the shapes that need no context: a
/// headline over a date, credit or byline line; a date line over a headline over a
/// credit or byline line; a credit line naming a title.
fn opens_article(paras: &[Para], i: usize) -> bool {
    let next = |k: usize| paras[k + 1..].iter().find(|p| !p.is_furniture());
    let p = &paras[i];
    match &p.kind {
        Kind::Text => p.headline && next(i).is_some_and(Para::is_dating),
        Kind::Credit(c) => c.parts.len() >= 2,
        Kind::Date(_) => {
            let after: Vec<&Para> = paras[i + 1..]
                .iter()
                .filter(|p| !p.is_furniture())
                .take(2)
                .collect();
            matches!(after.as_slice(), [h, c] if h.headline && matches!(c.kind, Kind::Credit(_) | Kind::Byline(_)))
        }
        _ => false,
    }
}

/// Separators between a page title's headline and its site name.
const PAGE_TITLE_SEPARATORS: &[&str] = &[" | ", " – ", " — ", " - ", " :: "];

/// A first line "Headline | Site" (or "Site | Headline") whose headline is repeated on
/// the next line is the page's title: it becomes furniture and its site is returned.
fn take_page_title(paras: &mut [Para]) -> Option<String> {
    let mut content = paras
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.is_furniture())
        .map(|(i, _)| i);
    let (first, second) = (content.next()?, content.next()?);
    let (line, next) = (paras[first].text, paras[second].text);
    // The next line's words, read once; two sides say the same words when their
    // word sets are equal and not empty.
    let mut next_words: Option<Vec<String>> = None;
    let mut same_as_next = |side: &str| {
        let words = word_set(side);
        !words.is_empty() && words == *next_words.get_or_insert_with(|| word_set(next))
    };
    for sep in PAGE_TITLE_SEPARATORS {
        for (left, right) in [line.rsplit_once(sep), line.split_once(sep)]
            .into_iter()
            .flatten()
        {
            let site = if same_as_next(left) {
                right
            } else if same_as_next(right) {
                left
            } else {
                continue;
            };
            paras[first].kind = Kind::Furniture;
            return Some(site.trim().to_string());
        }
    }
    None
}

/// A masthead on the page's first line, its site named again by the footer on the last
/// (see [`masthead_name`]): the masthead becomes furniture and its name is returned. A
/// first line over a date, credit or byline line is a headline, never a masthead.
fn take_masthead(paras: &mut [Para]) -> Option<String> {
    let mut content = paras.iter().enumerate().filter(|(_, p)| !p.is_furniture());
    let (first, _) = content.next()?;
    let over_dating = content.next().is_some_and(|(_, p)| p.is_dating());
    let last = paras.len() - 1;
    if last <= first || !paras[first].is_text() || over_dating {
        return None;
    }
    let name = masthead_name(paras[first].text, paras[last].text)?.to_string();
    paras[first].kind = Kind::Furniture;
    paras[last].kind = Kind::Furniture;
    Some(name)
}

/// Most words of page chrome (a site name, a menu, breadcrumbs) that may stand over the
/// headline a record's title names.
const CHROME_MAX_WORDS: usize = 60;

/// When the record's title (or its longer part beside a " | ", " – ", " — " or " - "
/// site suffix or prefix) is a paragraph near the top of the text, that paragraph is the
/// headline and the text over it is page chrome: furniture. Chrome is short text only
/// (at most [`CHROME_MAX_WORDS`] words; date lines over the headline are kept); anything
/// else before the match (a byline, a credit line, a caption) means the article has
/// begun, and nothing is dropped. Returns the site the title names beside the headline.
fn take_hinted_headline(paras: &mut [Para], title: &str) -> Option<String> {
    // "Headline | Site" or "Site | Headline": the site is the shorter side.
    let mut candidates: Vec<(&str, Option<&str>)> = vec![(title, None)];
    for sep in PAGE_TITLE_SEPARATORS {
        let splits = [
            title.rsplit_once(sep),
            title.split_once(sep).map(|(l, r)| (r, l)),
        ];
        for (headline, site) in splits.into_iter().flatten() {
            if n_words(headline) >= n_words(site) {
                candidates.push((headline, Some(site)));
            }
        }
    }
    // Each candidate's words once; an empty set matches nothing.
    let candidates: Vec<(Vec<String>, Option<&str>)> = candidates
        .into_iter()
        .map(|(h, site)| (word_set(h), site))
        .filter(|(words, _)| !words.is_empty())
        .collect();
    let mut chrome_words = 0;
    for i in 0..paras.len() {
        let p = &paras[i];
        if p.is_furniture() {
            continue;
        }
        if p.is_text() {
            if let Some(&(_, site)) = candidates.iter().find(|(h, _)| has_word_set(p.text, h)) {
                for q in paras[..i].iter_mut().filter(|q| q.is_text()) {
                    q.kind = Kind::Furniture;
                }
                paras[i].headline = true;
                return site.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
            }
        }
        match p.kind {
            Kind::Text => chrome_words += n_words(p.text),
            Kind::Date(_) => {}
            _ => return None,
        }
        if chrome_words > CHROME_MAX_WORDS {
            return None;
        }
    }
    None
}

/// Most words of the text that may stand over furniture above a page's first headline.
const CHROME_OVER_FURNITURE_MAX_WORDS: usize = 30;

/// Short text at the top of the page, then furniture (a tag or category line, a
/// separator), then a headline over a date, credit or byline line: the text over the
/// furniture is the site's masthead or menu, not the article's head, and becomes
/// furniture. Nothing changes unless the first text after the furniture is that
/// confirmed headline.
fn drop_chrome_over_furniture(paras: &mut [Para]) {
    let mut chrome: Vec<usize> = Vec::new();
    let mut words = 0;
    let mut furniture_after = false;
    for i in 0..paras.len() {
        let p = &paras[i];
        if p.is_furniture() {
            furniture_after = !chrome.is_empty();
            continue;
        }
        if !p.is_text() {
            return;
        }
        if furniture_after {
            let next = paras[i + 1..].iter().find(|q| !q.is_furniture());
            if p.headline && next.is_some_and(Para::is_dating) {
                for &j in &chrome {
                    paras[j].kind = Kind::Furniture;
                }
            }
            return;
        }
        words += n_words(p.text);
        if !p.headline || words > CHROME_OVER_FURNITURE_MAX_WORDS {
            return;
        }
        chrome.push(i);
    }
}

/// A headline repeated on the next line: the repetition is furniture.
fn drop_repeated_headlines(paras: &mut [Para]) {
    let mut prev: Option<usize> = None;
    for i in 0..paras.len() {
        if paras[i].is_furniture() {
            continue;
        }
        if let Some(j) = prev {
            if paras[j].headline && paras[i].headline && paras[j].text == paras[i].text {
                paras[i].kind = Kind::Furniture;
                continue;
            }
        }
        prev = Some(i);
    }
}

/// Most words of a section label standing over a page's headline ("Analysis").
const KICKER_MAX_WORDS: usize = 2;
/// Fewest words of the headline under such a label.
const HEADLINE_UNDER_KICKER_MIN_WORDS: usize = 5;

/// A one- or two-word label over a longer headline at the top of the page ("Analysis",
/// "Middle East") is the site's section label: furniture.
fn drop_kicker(paras: &mut [Para]) {
    let mut content = (0..paras.len()).filter(|&i| !paras[i].is_furniture());
    let (Some(first), Some(second)) = (content.next(), content.next()) else {
        return;
    };
    let (kicker, headline) = (&paras[first], &paras[second]);
    if kicker.headline
        && at_most_words(kicker.text, KICKER_MAX_WORDS)
        && headline.headline
        && !at_most_words(headline.text, HEADLINE_UNDER_KICKER_MIN_WORDS - 1)
    {
        paras[first].kind = Kind::Furniture;
    }
}

/// Fewest blank lines before a title-case headline that starts an article without a
/// date or credit line (and more than the page puts between most paragraphs).
const GAP_BEFORE_UNDATED_ARTICLE: u32 = 2;
/// Fewest words of body text after such a headline.
const UNDATED_ARTICLE_MIN_WORDS: usize = 120;

/// How a page spaces its paragraphs, for telling a wide gap from the usual one.
#[derive(Debug, Clone, Copy)]
struct Spacing {
    /// The blank lines between most blocks.
    usual_gap: u32,
}

impl Spacing {
    fn of(paras: &[Para], content: &[usize]) -> Spacing {
        let mut gaps: Vec<u32> = content
            .iter()
            .map(|&i| paras[i].unit.gap_before)
            .filter(|&g| g > 0)
            .collect();
        gaps.sort_unstable();
        Spacing {
            usual_gap: gaps.get(gaps.len() / 2).copied().unwrap_or(1),
        }
    }

    fn is_wide(self, gap: u32) -> bool {
        gap >= GAP_BEFORE_UNDATED_ARTICLE && gap > self.usual_gap
    }
}

/// The content paragraphs of each article, in order (see the module doc, step 4).
fn article_ranges(paras: &[Para], content: &[usize]) -> Vec<Vec<usize>> {
    let spacing = Spacing::of(paras, content);
    let mut starts = vec![0];
    // Since the last start: `body_seen`, the article's body has surely begun;
    // `text_seen`, some body-like text stands (maybe only a short paragraph under the
    // headline, which may yet be its subtitle).
    let (mut body_seen, mut text_seen) = (false, false);
    for k in 0..content.len() {
        let start = if body_seen {
            article_start_at(paras, content, k, spacing)
        } else if text_seen {
            reposted_head_at(paras, content, k)
        } else {
            None
        };
        if let Some(start) = start {
            starts.push(start);
            (body_seen, text_seen) = (false, false);
            continue;
        }
        let under_headline = k > 0 && paras[content[k - 1]].headline;
        let p = &paras[content[k]];
        if p.is_body_like() {
            text_seen = true;
            if !(under_headline && at_most_words(p.text, SUBTITLE_MAX_WORDS)) {
                body_seen = true;
            }
        }
    }
    starts.push(content.len());
    starts
        .windows(2)
        .map(|w| content[w[0]..w[1]].to_vec())
        .collect()
}

/// Whether a new article starts at content position `k` (or just before it, when a date
/// line stands over its headline); the position it starts at.
fn article_start_at(
    paras: &[Para],
    content: &[usize],
    k: usize,
    spacing: Spacing,
) -> Option<usize> {
    let at = |j: usize| content.get(j).map(|&i| &paras[i]);
    let p = at(k)?;
    let date_before = k > 0 && matches!(at(k - 1)?.kind, Kind::Date(_));
    let start_with_date = if date_before { k - 1 } else { k };
    match &p.kind {
        Kind::Text if p.headline => {
            let next = at(k + 1)?;
            if next.is_dating() {
                return Some(start_with_date);
            }
            let undated = spacing.is_wide(p.unit.gap_before)
                && is_title_case(p.text)
                && matches!(next.kind, Kind::Text | Kind::Note | Kind::Caption)
                && body_words_reach(paras, &content[k + 1..], UNDATED_ARTICLE_MIN_WORDS);
            undated.then_some(k)
        }
        Kind::Date(_) => {
            let (h, c) = (at(k + 1)?, at(k + 2)?);
            let credited = matches!(c.kind, Kind::Credit(_) | Kind::Byline(_));
            let titled = is_title_case(h.text) && c.is_body_like();
            (h.headline && (credited || titled)).then_some(k)
        }
        Kind::Credit(c) if c.parts.len() >= 2 => Some(start_with_date),
        _ => None,
    }
}

/// Whether a repost's head stands at content position `k`: a headline over a credit line
/// that repeats it, maybe with a date line between them or over the headline. It starts
/// an article even when the text since the last start is too short to tell a body from a
/// subtitle. Returns where the article starts (at the date line over the headline, if
/// one stands there).
fn reposted_head_at(paras: &[Para], content: &[usize], k: usize) -> Option<usize> {
    let at = |j: usize| content.get(j).map(|&i| &paras[i]);
    let p = at(k)?;
    if !(p.is_text() && p.headline) {
        return None;
    }
    let dated_under = matches!(at(k + 1)?.kind, Kind::Date(_));
    let Kind::Credit(c) = &at(k + 1 + usize::from(dated_under))?.kind else {
        return None;
    };
    if !credit_repeats(c, p.text) {
        return None;
    }
    let dated_over = !dated_under && k > 0 && matches!(at(k - 1)?.kind, Kind::Date(_));
    Some(if dated_over { k - 1 } else { k })
}

/// Whether the body-like paragraphs of `ids` hold at least `min` words (counting stops
/// there).
fn body_words_reach(paras: &[Para], ids: &[usize], min: usize) -> bool {
    let mut n = 0;
    for &i in ids.iter().take(64) {
        if paras[i].is_body_like() {
            n += n_words(paras[i].text);
            if n >= min {
                return true;
            }
        }
    }
    false
}

/// Most words a subtitle has.
const SUBTITLE_MAX_WORDS: usize = 45;
/// Most words of a subtitle that no metadata line follows (it must then hold two
/// sentences).
const BARE_SUBTITLE_MAX_WORDS: usize = 40;

/// One article: its content paragraphs with roles and its metadata.
struct Article {
    ids: Vec<usize>,
    roles: Vec<ParagraphRole>,
    meta: DocumentMeta,
}

impl Article {
    fn new(page: &Page, ids: Vec<usize>, roles: Vec<ParagraphRole>) -> Article {
        let meta = article_meta(page, &ids, &roles);
        Article { ids, roles, meta }
    }

    /// Whether the article holds a paragraph later stages read.
    fn has_text(&self) -> bool {
        self.roles.iter().any(|r| r.is_annotated())
    }

    /// The article as a document; `spans` is scratch space for sentence spans.
    fn to_document(&self, page: &Page, index: u32, spans: &mut Vec<Span>) -> Document {
        let len = self
            .ids
            .iter()
            .map(|&id| page.paras[id].text.len())
            .sum::<usize>()
            + 2 * self.ids.len().saturating_sub(1);
        let mut text = String::with_capacity(len);
        let mut paragraphs = Vec::with_capacity(self.ids.len());
        // Sentence spans of all paragraphs, each paragraph's relative to its start,
        // with where each paragraph's run ends.
        spans.clear();
        let mut ends = Vec::with_capacity(self.ids.len());
        for (k, (&id, &role)) in self.ids.iter().zip(&self.roles).enumerate() {
            if k > 0 {
                text.push_str("\n\n");
            }
            let para = page.paras[id].text;
            let start = text.len();
            text.push_str(para);
            paragraphs.push(Paragraph {
                span: Span::new(start, text.len()),
                role,
            });
            crate::sentences::split_into(para, spans);
            ends.push(spans.len());
        }
        let mut sentences = Vec::with_capacity(spans.len());
        let mut from = 0;
        for (k, (p, &end)) in paragraphs.iter().zip(&ends).enumerate() {
            let start = p.span.start as usize;
            sentences.extend(spans[from..end].iter().map(|s| Sentence {
                span: Span::new(start + s.start as usize, start + s.end as usize),
                paragraph_idx: k as u32,
            }));
            from = end;
        }
        Document {
            index,
            meta: self.meta.clone(),
            text,
            paragraphs,
            sentences,
        }
    }
}

/// The roles of an article's paragraphs (see the module doc, step 5).
fn assign_roles(paras: &[Para], ids: &[usize]) -> Vec<ParagraphRole> {
    let mut roles: Vec<ParagraphRole> = Vec::with_capacity(ids.len());
    let mut in_header = true;
    for (k, &id) in ids.iter().enumerate() {
        let p = &paras[id];
        let role = match p.kind {
            Kind::Date(_) => Dateline,
            Kind::Byline(_) | Kind::Credit(_) | Kind::Origin(_) => CreditRole,
            Kind::Caption => Caption,
            Kind::Note if in_header => Subtitle,
            Kind::Text if in_header => header_text_role(paras, ids, k, &roles),
            Kind::Text if is_signature(paras, ids, k) => CreditRole,
            Kind::Note | Kind::Text | Kind::Furniture => Body,
        };
        if role == Body {
            in_header = false;
        }
        roles.push(role);
    }
    roles
}

/// The role of a text paragraph in an article's header: a staff line right after the
/// headline, date or credit line; the headline; a subtitle right under it; else the
/// body's first paragraph.
fn header_text_role(
    paras: &[Para],
    ids: &[usize],
    k: usize,
    roles: &[ParagraphRole],
) -> ParagraphRole {
    let p = &paras[ids[k]];
    let prev = roles.last().copied();
    if matches!(prev, Some(Headline | Subtitle | Dateline | CreditRole)) && is_staff_line(p.text) {
        return CreditRole;
    }
    if p.headline && !roles.contains(&Headline) {
        return Headline;
    }
    if prev == Some(Headline) && is_subtitle(paras, ids, k) {
        return Subtitle;
    }
    if prev.is_some() && stands_over_dateline(paras, ids, k) {
        return if prev == Some(Headline) {
            Subtitle
        } else {
            Caption
        };
    }
    Body
}

/// Most words of a caption told by its place rather than by a photo credit.
const PLACED_CAPTION_MAX_WORDS: usize = 35;

/// A short paragraph in an article's header over one that opens with a "CITY —"
/// dateline: a report starts at its dateline, so what stands just over it is not the
/// body's first paragraph but an image caption (or, right under the headline, a
/// subtitle).
fn stands_over_dateline(paras: &[Para], ids: &[usize], k: usize) -> bool {
    let p = &paras[ids[k]];
    let Some(next) = ids.get(k + 1).map(|&i| &paras[i]) else {
        return false;
    };
    at_most_words(p.text, PLACED_CAPTION_MAX_WORDS)
        && !opens_with_city_dateline(p.text)
        && next.is_body_like()
        && opens_with_city_dateline(next.text)
}

/// An office line, a "Name, Title" line or a line of only names ("Jane Doe and John Roe").
fn is_staff_line(t: &str) -> bool {
    office_line(t).is_some() || name_title_line(t).is_some() || names_line(t).is_some()
}

/// A line holding only people's names, joined by "and", "&" or commas.
fn names_line(t: &str) -> Option<&str> {
    if t.len() > 120 || t.contains('\n') {
        return None;
    }
    let mut names = t.split([',', '&']).flat_map(|n| n.split(" and "));
    names.all(|n| is_person_name(n.trim())).then_some(t)
}

/// A short paragraph under the headline is its subtitle when a metadata line follows it,
/// or when it holds two or more sentences in at most forty words over more text.
fn is_subtitle(paras: &[Para], ids: &[usize], k: usize) -> bool {
    let p = &paras[ids[k]];
    let words = n_words(p.text);
    if words > SUBTITLE_MAX_WORDS
        || opens_with_city_dateline(p.text)
        || p.text.trim_end().ends_with(':')
    {
        return false;
    }
    let Some(next) = ids.get(k + 1).map(|&i| &paras[i]) else {
        return false;
    };
    match next.kind {
        Kind::Date(_)
        | Kind::Byline(_)
        | Kind::Credit(_)
        | Kind::Origin(_)
        | Kind::Caption
        | Kind::Note => true,
        Kind::Text if is_staff_line(next.text) => true,
        Kind::Text => {
            words <= BARE_SUBTITLE_MAX_WORDS
                && n_sentences(p.text) >= 2
                && ends_like_sentence(p.text)
                && next.is_body_like()
        }
        Kind::Furniture => false,
    }
}

/// Fewest credited articles on a page for its reposts to show a template.
const TEMPLATE_MIN_ARTICLES: usize = 3;

/// Where an article's image caption would stand: the first paragraph after its credit
/// line, editors' notes aside. `None` without a credit line in the header.
fn caption_slot(paras: &[Para], ids: &[usize], roles: &[ParagraphRole]) -> Option<usize> {
    let credit = ids
        .iter()
        .zip(roles)
        .take_while(|(_, r)| **r != Body)
        .position(|(&i, _)| matches!(paras[i].kind, Kind::Credit(_)))?;
    (credit + 1..ids.len()).find(|&k| !matches!(paras[ids[k]].kind, Kind::Note))
}

/// Reposts on one page share its template. When at least half of a page's other
/// credited articles (and two or more) hold a caption right after their credit line, a
/// short paragraph of one sentence in that place, over a longer body paragraph, is a
/// caption too (see the module doc, step 5).
fn captions_by_template(paras: &[Para], ranges: &[Vec<usize>], roles: &mut [Vec<ParagraphRole>]) {
    let slots: Vec<Option<usize>> = ranges
        .iter()
        .zip(roles.iter())
        .map(|(ids, r)| caption_slot(paras, ids, r))
        .collect();
    let n_credited = slots.iter().filter(|s| s.is_some()).count();
    if n_credited < TEMPLATE_MIN_ARTICLES {
        return;
    }
    let captioned: Vec<bool> = slots
        .iter()
        .zip(roles.iter())
        .map(|(slot, r)| slot.is_some_and(|k| r[k] == Caption))
        .collect();
    let n_captioned = captioned.iter().filter(|&&c| c).count();
    for a in 0..ranges.len() {
        let Some(k) = slots[a] else { continue };
        let (others, others_captioned) = (n_credited - 1, n_captioned - usize::from(captioned[a]));
        if roles[a][k] != Body || others_captioned < 2 || others_captioned * 2 < others {
            continue;
        }
        let (ids, p) = (&ranges[a], &paras[ranges[a][k]]);
        let next = ids.get(k + 1).map(|&i| &paras[i]);
        let words = n_words(p.text);
        let caption_shaped = p.is_body_like()
            && words <= PLACED_CAPTION_MAX_WORDS
            && n_sentences(p.text) == 1
            && ends_like_sentence(p.text)
            && !opens_with_city_dateline(p.text)
            && next.is_some_and(|n| n.is_body_like() && n_words(n.text) > words);
        if caption_shaped {
            roles[a][k] = Caption;
        }
    }
}

/// The first line of a signature block under a closing ("Sincerely,").
fn is_signature(paras: &[Para], ids: &[usize], k: usize) -> bool {
    k > 0 && is_closing(paras[ids[k - 1]].text) && signature_name(paras[ids[k]].text).is_some()
}

/// The metadata of one article (see the module doc, step 6).
fn article_meta(page: &Page, ids: &[usize], roles: &[ParagraphRole]) -> DocumentMeta {
    let paras: Vec<&Para> = ids.iter().map(|&i| &page.paras[i]).collect();
    let with_role = |role: ParagraphRole| {
        paras
            .iter()
            .zip(roles)
            .filter(move |(_, r)| **r == role)
            .map(|(p, _)| *p)
    };
    let headline = with_role(Headline).next().map(|p| p.text);
    let credit: Option<(Credit, &CreditLine)> = paras.iter().find_map(|p| match &p.kind {
        Kind::Credit(c) => Some((read_credit(c, headline), c)),
        _ => None,
    });
    let title = credit
        .as_ref()
        .and_then(|(c, _)| c.title.clone())
        .or_else(|| headline.map(str::to_string));
    let date = paras
        .iter()
        .find_map(|p| match &p.kind {
            Kind::Date(d) => Some(d.date),
            _ => None,
        })
        .or_else(|| credit.as_ref().map(|(_, c)| c.date))
        .or_else(|| {
            paras.iter().find_map(|p| match &p.kind {
                Kind::Byline(b) => b.date,
                _ => None,
            })
        });
    let staff: Vec<&str> = with_role(CreditRole)
        .filter(|p| p.is_text())
        .map(|p| p.text)
        .collect();
    let first_body = with_role(Body).next().map(|p| p.text);
    let outlet = paras
        .iter()
        .find_map(|p| match &p.kind {
            Kind::Origin(o) => Some(o.clone()),
            _ => None,
        })
        .or_else(|| credit.as_ref().and_then(|(c, _)| c.outlet.clone()))
        .or_else(|| first_body.and_then(wire_agency).map(str::to_string))
        .or_else(|| {
            let has_office = staff.iter().any(|t| office_line(t).is_some());
            first_body.and_then(|b| issuing_body(b, has_office))
        })
        .or_else(|| page.site.clone());
    let author = credit
        .as_ref()
        .and_then(|(c, _)| c.author.clone())
        .or_else(|| {
            paras.iter().find_map(|p| match &p.kind {
                Kind::Byline(b) => Some(b.author.clone()),
                Kind::Date(d) => d.author.clone(),
                _ => None,
            })
        })
        .or_else(|| staff.iter().find_map(|t| staff_author(t)))
        .or_else(|| {
            title
                .as_deref()
                .and_then(speaker_in_title)
                .map(str::to_string)
        })
        .or_else(|| {
            with_role(Body)
                .find_map(|p| self_named_author(p.text))
                .map(str::to_string)
        })
        .or_else(|| {
            // A person-named site writes its own posts, not what it reposts.
            let own = outlet.is_some() && outlet == page.site;
            page.site.clone().filter(|s| own && is_person_name(s))
        });
    DocumentMeta {
        title,
        outlet,
        author,
        date,
        url: None,
    }
}

/// The author a staff line names: the name of a "Name, Title" line, an office, a
/// signatory.
fn staff_author(t: &str) -> Option<String> {
    name_title_line(t)
        .or_else(|| office_line(t))
        .or_else(|| names_line(t))
        .map(str::to_string)
        .or_else(|| signature_name(t))
}

/// Applies what the record's container says (see the module doc, step 7). The page's
/// address goes to every document.
fn apply_record_meta(documents: &mut [Document], meta: &Meta, authority: MetaAuthority) {
    let n = documents.len();
    for doc in documents.iter_mut() {
        if doc.meta.url.is_none() {
            doc.meta.url.clone_from(&meta.url);
        }
    }
    let Some(first) = documents.first_mut() else {
        return;
    };
    let m = &mut first.meta;
    let authors = (!meta.authors.is_empty()).then(|| meta.authors.join(", "));
    let wins = authority == MetaAuthority::Record && n == 1;
    let set = |field: &mut Option<String>, value: &Option<String>| {
        let value = value.as_ref().filter(|v| !v.trim().is_empty());
        if let Some(v) = value {
            if wins || field.is_none() {
                *field = Some(v.clone());
            }
        }
    };
    set(&mut m.title, &meta.title);
    set(&mut m.outlet, &meta.outlet);
    set(&mut m.author, &authors);
    if let Some(d) = meta.date {
        if wins || m.date.is_none() {
            m.date = Some(d);
        }
    }
    if wins {
        if let Some(url) = &meta.url {
            m.url = Some(url.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::{Date, Format};

    /// What a test expects of one document: title, outlet, author, date, the opening
    /// of its body.
    #[derive(Debug, PartialEq)]
    struct Expect<'a> {
        title: &'a str,
        outlet: &'a str,
        author: &'a str,
        date: &'a str,
        starts_with: &'a str,
    }

    fn summary(doc: &Document) -> (String, String, String, String, String) {
        let m = &doc.meta;
        (
            m.title.clone().unwrap_or_default(),
            m.outlet.clone().unwrap_or_default(),
            m.author.clone().unwrap_or_default(),
            m.date.map(|d| d.to_string()).unwrap_or_default(),
            doc.starts_with(6),
        )
    }

    fn check(text: &str, expect: &[Expect]) {
        let (docs, _) = split_record(&Record::plain(Format::Text, text.to_string()));
        let got: Vec<_> = docs.iter().map(summary).collect();
        let want: Vec<_> = expect
            .iter()
            .map(|e| {
                (
                    e.title.to_string(),
                    e.outlet.to_string(),
                    e.author.to_string(),
                    e.date.to_string(),
                    e.starts_with.to_string(),
                )
            })
            .collect();
        assert_eq!(got, want);
    }

    fn roles(text: &str) -> Vec<Vec<(&'static str, String)>> {
        let (docs, _) = split_record(&Record::plain(Format::Text, text.to_string()));
        docs.iter()
            .map(|d| {
                d.paragraphs
                    .iter()
                    .map(|p| {
                        let words: Vec<&str> =
                            p.span.slice(&d.text).split_whitespace().take(3).collect();
                        (p.role.name(), words.join(" "))
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn news_page_with_byline_and_updated_line() {
        let text = "Home / World / Middle East / Analysis\n\n\
            Rebels Seize Northern Port as Talks Stall\n\n\
            The capture leaves the capital cut off from the sea.\n\n\
            By Lena Moss\n\n\
            Updated 3 March 2021\n\n\
            Fighters on the quay at dawn. (Photo: Quill Wire)\n\n\
            Rebel fighters took the northern port of Varna Bay on Tuesday after a week of shelling, residents said.\n\n\
            The government said talks would resume next week.\n\n\
            Share this:\n\nTwitter\n\nFacebook\n\n\
            Leave a Reply\n\nYour email address will not be published.\n\nNice piece, thanks!";
        check(
            text,
            &[Expect {
                title: "Rebels Seize Northern Port as Talks Stall",
                outlet: "",
                author: "Lena Moss",
                date: "2021-03-03",
                starts_with: "Rebel fighters took the northern port",
            }],
        );
        assert_eq!(
            roles(text)[0].iter().map(|(r, _)| *r).collect::<Vec<_>>(),
            vec!["headline", "subtitle", "credit", "dateline", "caption", "body", "body"]
        );
    }

    #[test]
    fn wire_story_under_a_section_label_with_a_names_line() {
        check(
            "Analysis\n\n\
             Northland Militias Tighten Their Grip on the Coast\n\n\
             The coastal towns now answer to three commanders.\n\n\
             Lena Moss and Tom Vance\n\n\
             Published: 10:05 AM, June 2, 2020\n\n\
             NORTHPORT (Quill Wire) — Militia commanders took over the customs posts along the coast on Monday.\n\n\
             Related\n\nHarbor talks stall\n\nMilitias recruit teenagers",
            &[Expect {
                title: "Northland Militias Tighten Their Grip on the Coast",
                outlet: "Quill Wire",
                author: "Lena Moss and Tom Vance",
                date: "2020-06-02",
                starts_with: "NORTHPORT (Quill Wire) — Militia commanders",
            }],
        );
    }

    #[test]
    fn press_release_with_office_line_and_dateline_sentence() {
        check(
            "Northland and Southland Target Harbor Smuggling Network\n2022-06-01\n\n\
             Office of the Press Secretary\n\n\
             WASHINGTON — Today, the U.S. Department of Harbors’ Office of Port Control designated three firms.\n\n\
             “We will not stand by,” said a spokesperson.",
            &[Expect {
                title: "Northland and Southland Target Harbor Smuggling Network",
                outlet: "U.S. Department of Harbors",
                author: "Office of the Press Secretary",
                date: "2022-06-01",
                starts_with: "WASHINGTON — Today, the U.S. Department",
            }],
        );
    }

    #[test]
    fn letter_with_signature_block() {
        check(
            "Letter to the Harbor Council on the Northern Blockade\n2023-02-02\n\n\
             Dear Madam Chair:\n\n\
             I write to report that our vessels were stopped at the northern strait.\n\n\
             Sincerely,\n\n\
             JANE Q. DOE JR.",
            &[Expect {
                title: "Letter to the Harbor Council on the Northern Blockade",
                outlet: "",
                author: "Jane Q. Doe Jr.",
                date: "2023-02-02",
                starts_with: "Dear Madam Chair: I write to",
            }],
        );
    }

    #[test]
    fn statement_names_its_speaker_in_the_title() {
        check(
            "Statement from President Ada Quill on the Northern Talks\n2024-01-05\n\n\
             For months the talks have stalled. Today I call on both sides to return.",
            &[Expect {
                title: "Statement from President Ada Quill on the Northern Talks",
                outlet: "",
                author: "Ada Quill",
                date: "2024-01-05",
                starts_with: "For months the talks have stalled.",
            }],
        );
    }

    #[test]
    fn blog_page_reposting_three_pieces() {
        let text = "Posted tagged ‘Harbor wars’\n\n\
            River Towns Change Hands Again\n\n\
            March 4, 2019\n\n\
            River Towns Change Hands Again, Northwind ReviewLena Moss, March 4, 2019\n\n\
            The river towns changed hands again this week, the third time this year.\n\n\
            *****\n\n\
            Militia leaders blamed each other for the losses.\n\n\
            February 20, 2019\n\n\
            Who Pays the Harbor Militias, and Why\n\n\
            Who Pays the Harbor Militias, and Why, Quill Weekly, Tom Vance, February 20, 2019\n\n\
            harbor-militia-640-320Militia fighters at the pier. (Photo: Quill Weekly)\n\n\
            The money comes from the port fees, officials say.\n\n\
            Port Fees Fund the War\n\n\
            January 9, 2019\n\n\
            Port Fees Fund the Harbor War, Southport Ledger, January 9, 2019\n\n\
            port_fees_1-2\n\n\
            Port fees have doubled since the war began, traders say.\n\n\
            This article first appeared in The Harbor Times and is reprinted with permission.";
        check(
            text,
            &[
                Expect {
                    title: "River Towns Change Hands Again",
                    outlet: "Northwind Review",
                    author: "Lena Moss",
                    date: "2019-03-04",
                    starts_with: "The river towns changed hands again",
                },
                Expect {
                    title: "Who Pays the Harbor Militias, and Why",
                    outlet: "Quill Weekly",
                    author: "Tom Vance",
                    date: "2019-02-20",
                    starts_with: "The money comes from the port",
                },
                Expect {
                    title: "Port Fees Fund the Harbor War",
                    outlet: "The Harbor Times",
                    author: "",
                    date: "2019-01-09",
                    starts_with: "Port fees have doubled since the",
                },
            ],
        );
    }

    #[test]
    fn briefs_under_bylines_and_comments_between_posts() {
        let text = "Rebels take river crossing\nBy Lena Moss\nJune 1, 2020\n\
            Rebels took the main river crossing south of the capital on Sunday, officials said.\n\n\
            Leave a Reply\n\nGreat report, thanks.\n\n\
            Talks to resume in Southport\n\nBy Tom Vance\n\n\
            Negotiators will meet again in Southport next week, the mediators said.";
        check(
            text,
            &[
                Expect {
                    title: "Rebels take river crossing",
                    outlet: "",
                    author: "Lena Moss",
                    date: "2020-06-01",
                    starts_with: "Rebels took the main river crossing",
                },
                Expect {
                    title: "Talks to resume in Southport",
                    outlet: "",
                    author: "Tom Vance",
                    date: "",
                    starts_with: "Negotiators will meet again in Southport",
                },
            ],
        );
    }

    #[test]
    fn release_with_stamp_and_contact_lines() {
        check(
            "FOR IMMEDIATE RELEASE\n\nMarch 3, 2021\n\n\
             Harbor Ministry Announces Sanctions on Smuggling Network\n\n\
             NORTHPORT — The Ministry of Harbors today announced sanctions on three firms.\n\n\
             ###\n\nMedia contact: press@example.org",
            &[Expect {
                title: "Harbor Ministry Announces Sanctions on Smuggling Network",
                outlet: "Ministry of Harbors",
                author: "",
                date: "2021-03-03",
                starts_with: "NORTHPORT — The Ministry of Harbors",
            }],
        );
    }

    #[test]
    fn page_without_headline() {
        check(
            "The convoy reached the pass at dawn, and by noon the first trucks were through.\n\n\
             Drivers said the road was clear.",
            &[Expect {
                title: "",
                outlet: "",
                author: "",
                date: "",
                starts_with: "The convoy reached the pass at",
            }],
        );
    }

    #[test]
    fn post_then_reposted_essay_after_a_wide_gap() {
        check(
            "Harbor / Militias / Northland / Talks\n\n\
             Why the northern port still matters to everyone\n\n\
             The port is small, but it feeds half the country and every faction knows it.\n\n\
             Here is one reason.\n\n\n\
             How the Harbor Militias Won the Port\n\n\
             The militias did not win by force. They won by paying the dockworkers.\n\n\
             It was March, and the port was quiet when the first militia boats arrived from the south.\n\n\
             The dockworkers had not been paid for months. The militias paid them in cash, in fuel and in \
             promises, and within a week the cranes were moving again. Nobody in the capital noticed, or \
             if they noticed they said nothing, because the fuel kept coming and the prices kept falling. \
             By the summer the militias ran the customs house, the harbor police and the night market, and \
             the governor sent a letter of thanks that was read aloud on the quay to loud applause.\n\n\
             When Lena Moss, one of the authors of this report, visited the port, the boats were still there.",
            &[
                Expect {
                    title: "Why the northern port still matters to everyone",
                    outlet: "",
                    author: "",
                    date: "",
                    starts_with: "The port is small, but it",
                },
                Expect {
                    title: "How the Harbor Militias Won the Port",
                    outlet: "",
                    author: "Lena Moss",
                    date: "",
                    starts_with: "It was March, and the port",
                },
            ],
        );
    }

    #[test]
    fn post_then_essay_under_a_byline_with_an_honorific() {
        let text = "Harbor Watch — notes on the northern ports\n\n\
            Ports / Militias / Northland\n\n\
            Why the old quarrel still matters\n\n\
            May 2, 2021 by Tom Vance\n\n\
            Readers ask why the dockworkers and the militias still quarrel. The answer is old.\n\n\
            Here is the essay in full.\n\n\
            * * *\n\n\
            Cranes and Rifles: The Port Quarrel Revisited\n\n\
            By Prof. Ada Quill, Northport Institute for Harbor Studies\n\n\
            In the spring of 2015 the dockworkers stopped the cranes for a week.\n\n\
            Ada Quill is a fellow at the Northport Institute for Harbor Studies.\n\n\
            Related\nWho owns the north pier?\nThe night market after the war\nNotes from the quay\n\n\
            Leave a Reply\n\n\
            Harbor Watch · Powered by a blog platform";
        check(
            text,
            &[
                Expect {
                    title: "Why the old quarrel still matters",
                    outlet: "Harbor Watch",
                    author: "Tom Vance",
                    date: "2021-05-02",
                    starts_with: "Readers ask why the dockworkers and",
                },
                Expect {
                    title: "Cranes and Rifles: The Port Quarrel Revisited",
                    outlet: "Harbor Watch",
                    author: "Ada Quill",
                    date: "",
                    starts_with: "In the spring of 2015 the",
                },
            ],
        );
        // The related-link titles after the bio are furniture, not the essay's end.
        let last = roles(text)[1].last().cloned();
        assert_eq!(last, Some(("body", "Ada Quill is".to_string())));
    }

    #[test]
    fn masthead_over_tags_without_a_footer() {
        check(
            "Harbor Watch — notes on the northern ports\n\n\
             Ports / Militias / Northland\n\n\
             Why the old quarrel still matters\n\n\
             May 2, 2021 by Tom Vance\n\n\
             Readers ask why the dockworkers and the militias still quarrel.",
            &[Expect {
                title: "Why the old quarrel still matters",
                outlet: "",
                author: "Tom Vance",
                date: "2021-05-02",
                starts_with: "Readers ask why the dockworkers and",
            }],
        );
    }

    #[test]
    fn roundup_of_reposts_after_a_short_intro() {
        let text = "Quill Notebook\n\n\
            Posted tagged ‘Harbor’, ‘Militias’\n\n\
            Weekly roundup: the pier, the fees and the new council\n\n\
            A busy week on the coast. Four pieces follow, reposted in full.\n\n\
            Three dockworkers hurt in clash at the north pier\n\n\
            May 3, 2021\n\n\
            Three dockworkers hurt in clash at the north pier, Northwind Daily, Lena Moss, May 3, 2021\n\n\
            A crane stands idle at the north pier. Photo: Northwind Daily\n\n\
            Three dockworkers were hurt on Sunday when militia guards and strikers clashed at the north pier, \
            witnesses said, and the port stayed shut for the rest of the day.\n\n\
            Who collects the port fees?\n\n\
            May 4, 2021\n\n\
            Who collects the port fees?, Harbor Review, Tom Vance, May 4, 2021\n\n\
            A toll booth at the harbor gate in 2019.\n\n\
            The fees are collected by three men, none of them a customs officer, and the money leaves the \
            port every evening in the same white van.\n\n\
            Council names new harbor master\n\n\
            May 5, 2021\n\n\
            Council names new harbor master, Southport Ledger, May 5, 2021\n\n\
            The council chamber in Southport on Monday.\n\n\
            NORTHPORT — The harbor council on Tuesday named a new harbor master, its third in two years.\n\n\
            Strikers return to the cranes\n\n\
            May 6, 2021\n\n\
            Strikers return to the cranes, Quill Weekly, May 6, 2021\n\n\
            Dockworkers at the gate on Wednesday.\n\n\
            NORTHPORT — The dockworkers went back to the cranes on Wednesday after the council promised talks.\n\n\
            Leave a Reply\n\n\
            Quill Notebook · All reposts remain their publishers’ property.";
        check(
            text,
            &[
                Expect {
                    title: "Weekly roundup: the pier, the fees and the new council",
                    outlet: "Quill Notebook",
                    author: "",
                    date: "",
                    starts_with: "A busy week on the coast.",
                },
                Expect {
                    title: "Three dockworkers hurt in clash at the north pier",
                    outlet: "Northwind Daily",
                    author: "Lena Moss",
                    date: "2021-05-03",
                    starts_with: "Three dockworkers were hurt on Sunday",
                },
                Expect {
                    title: "Who collects the port fees?",
                    outlet: "Harbor Review",
                    author: "Tom Vance",
                    date: "2021-05-04",
                    starts_with: "The fees are collected by three",
                },
                Expect {
                    title: "Council names new harbor master",
                    outlet: "Southport Ledger",
                    author: "",
                    date: "2021-05-05",
                    starts_with: "NORTHPORT — The harbor council on",
                },
                Expect {
                    title: "Strikers return to the cranes",
                    outlet: "Quill Weekly",
                    author: "",
                    date: "2021-05-06",
                    starts_with: "NORTHPORT — The dockworkers went back",
                },
            ],
        );
    }

    #[test]
    fn short_paragraph_after_a_credit_line_stays_body_without_a_template() {
        check(
            "Talks Resume in the North\n\n\
             Talks Resume in the North, Quill Weekly, May 5, 2021\n\n\
             The talks resumed on Monday.\n\n\
             Both sides sent their negotiators to the port, and the mediators said a deal was close.",
            &[Expect {
                title: "Talks Resume in the North",
                outlet: "Quill Weekly",
                author: "",
                date: "2021-05-05",
                starts_with: "The talks resumed on Monday. Both",
            }],
        );
    }

    #[test]
    fn hinted_title_marks_the_headline_under_page_chrome() {
        let mut record = Record::plain(
            Format::Html,
            "The Northwind Post\n\n\
             Militias take the north pier as talks stall\n\n\
             By Lena Moss · May 3, 2021\n\n\
             NORTHPORT — Militia fighters took the north pier on Sunday."
                .into(),
        );
        record.meta.title = Some("Militias take the north pier as talks stall | Northwind".into());
        let (docs, _) = split_record(&record);
        assert_eq!(docs.len(), 1);
        let m = &docs[0].meta;
        assert_eq!(
            m.title.as_deref(),
            Some("Militias take the north pier as talks stall")
        );
        assert_eq!(m.outlet.as_deref(), Some("Northwind"));
        assert_eq!(m.author.as_deref(), Some("Lena Moss"));
        assert_eq!(docs[0].starts_with(3), "NORTHPORT — Militia");
        // The site suffix is never taken for the headline, even when the masthead says it.
        record.meta.title =
            Some("Militias take the north pier as talks stall | The Northwind Post".into());
        let (docs, _) = split_record(&record);
        assert_eq!(
            docs[0].meta.title.as_deref(),
            Some("Militias take the north pier as talks stall")
        );
        assert_eq!(docs[0].meta.outlet.as_deref(), Some("The Northwind Post"));
        // og:site_name outranks the title's suffix.
        record.meta.title = Some("Militias take the north pier as talks stall | Northwind".into());
        record.meta.outlet = Some("The Northwind Post".into());
        let (docs, _) = split_record(&record);
        assert_eq!(docs[0].meta.outlet.as_deref(), Some("The Northwind Post"));
        // A title the text does not hold near its top changes nothing.
        record.meta.title = Some("Something else entirely".into());
        let (docs, _) = split_record(&record);
        assert_eq!(docs[0].meta.title.as_deref(), Some("The Northwind Post"));
    }

    #[test]
    fn page_title_names_the_site() {
        check(
            "Who Holds the Northern Port? | Lena Moss\n\n\
             Who Holds the Northern Port?\n\n\
             PortM1\n\n\
             Watching the port these days is a lesson in patience and in money.\n\n\
             This entry was posted in Harbors, Militias. Bookmark the permalink.",
            &[Expect {
                title: "Who Holds the Northern Port?",
                outlet: "Lena Moss",
                author: "Lena Moss",
                date: "",
                starts_with: "Watching the port these days is",
            }],
        );
    }

    #[test]
    fn banner_at_both_ends_and_origin_note() {
        check(
            "Support Quill Weekly - Go Ad-Free!\n\n\
             Harbor Council Turns to the North\n\n\
             Militia chief: 'The South Is Not Honest About the Port'\n\n\
             Originally appeared at Southport Ledger\n\n\
             If you follow the port, you know why the council turned north.\n\n\
             The council met on Monday.\n\n\
             Support Quill Weekly - Go Ad-Free!\n\n\
             Our commenting rules: be civil.",
            &[Expect {
                title: "Harbor Council Turns to the North",
                outlet: "Southport Ledger",
                author: "",
                date: "",
                starts_with: "If you follow the port, you",
            }],
        );
    }

    #[test]
    fn section_headings_do_not_split() {
        let text = "Harbor Sanctions Announced\n2024-03-12\n\n\
            WASHINGTON — Today, the Department of Harbors named two firms.\n\n\
            FIRMS NAMED TODAY\n\n\
            The first firm ships fuel to the north.\n\n\n\
            What the Sanctions Mean\n\n\
            All property of the firms is blocked.";
        let (docs, _) = split_record(&Record::plain(Format::Text, text.to_string()));
        assert_eq!(docs.len(), 1);
        assert_eq!(
            docs[0].meta.outlet.as_deref(),
            Some("U.S. Department of Harbors")
        );
    }

    #[test]
    fn record_meta_wins_or_fills() {
        let mut record = Record::plain(
            Format::Json,
            "Harbor Talks Resume\n\nThe talks resumed on Monday in the port.".into(),
        );
        record.meta.title = Some("Harbor talks resume after a month".into());
        record.meta.outlet = Some("Quill Wire".into());
        record.meta.date = Date::parse("2020-05-05");
        record.authority = MetaAuthority::Hint;
        let (docs, _) = split_record(&record);
        assert_eq!(docs[0].meta.title.as_deref(), Some("Harbor Talks Resume"));
        assert_eq!(docs[0].meta.outlet.as_deref(), Some("Quill Wire"));
        record.authority = MetaAuthority::Record;
        let (docs, _) = split_record(&record);
        assert_eq!(
            docs[0].meta.title.as_deref(),
            Some("Harbor talks resume after a month")
        );
        assert_eq!(
            docs[0].meta.date.map(|d| d.to_string()).as_deref(),
            Some("2020-05-05")
        );
    }

    #[test]
    fn empty_and_furniture_only_pages() {
        let (docs, diags) = split_record(&Record::plain(Format::Text, " \n\n ".into()));
        assert!(docs.is_empty() && diags.is_empty());
        let (docs, diags) = split_record(&Record::plain(
            Format::Text,
            "*****\n\nLeave a Reply".into(),
        ));
        assert!(docs.is_empty());
        assert_eq!(diags.len(), 1);
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Pieces pages are made of, to build texts the splitter has shapes to find in.
        fn piece() -> impl Strategy<Value = String> {
            prop_oneof![
                Just("Harbor Talks Resume".to_string()),
                Just("March 3, 2021".to_string()),
                Just("2021-03-03".to_string()),
                Just("By Lena Moss".to_string()),
                Just("Harbor Talks, Quill WeeklyLena Moss, March 3, 2021".to_string()),
                Just("*****".to_string()),
                Just("Leave a Reply".to_string()),
                Just("harbor-640Boats at anchor".to_string()),
                Just("Sincerely,".to_string()),
                Just("The talks resumed. Both sides came.".to_string()),
                "\\PC{0,60}",
            ]
        }

        fn page() -> impl Strategy<Value = String> {
            (
                prop::collection::vec(piece(), 0..12),
                prop::collection::vec(prop_oneof!["\n", "\n\n", "\n\n\n", " \n"], 12),
            )
                .prop_map(|(pieces, seps)| {
                    pieces
                        .iter()
                        .zip(seps.iter().cycle())
                        .map(|(p, s)| format!("{p}{s}"))
                        .collect()
                })
        }

        fn check_invariants(text: &str) -> Result<(), TestCaseError> {
            let plain = Record::plain(Format::Text, text.to_string());
            // A hinted title naming one of the page's lines, with a site suffix.
            let mut hinted = plain.clone();
            let line = text.lines().nth(2).unwrap_or_default();
            hinted.meta.title = Some(format!("{line} | Quill Site"));
            hinted.meta.outlet = Some("Quill Site".into());
            check_record_invariants(text, &plain)?;
            check_record_invariants(text, &hinted)
        }

        fn check_record_invariants(text: &str, record: &Record) -> Result<(), TestCaseError> {
            let (docs, _) = split_record(record);
            for (i, d) in docs.iter().enumerate() {
                prop_assert_eq!(d.index as usize, i);
                let mut end = 0;
                for p in &d.paragraphs {
                    let r = p.span.range();
                    prop_assert!(r.start >= end && r.end <= d.text.len() && r.start < r.end);
                    prop_assert!(
                        d.text.is_char_boundary(r.start) && d.text.is_char_boundary(r.end)
                    );
                    let para = p.span.slice(&d.text);
                    prop_assert!(text.contains(para));
                    prop_assert_eq!(para, para.trim());
                    end = r.end;
                }
                let mut end = 0;
                for s in &d.sentences {
                    let r = s.span.range();
                    prop_assert!(r.start >= end && r.end <= d.text.len());
                    prop_assert!(
                        d.text.is_char_boundary(r.start) && d.text.is_char_boundary(r.end)
                    );
                    let p = d.paragraphs[s.paragraph_idx as usize].span.range();
                    prop_assert!(p.start <= r.start && r.end <= p.end);
                    end = r.end;
                }
            }
            Ok(())
        }

        proptest! {
            #[test]
            fn never_panics_and_spans_hold_on_any_text(text in "\\PC{0,400}") {
                check_invariants(&text)?;
            }

            #[test]
            fn spans_hold_on_page_shaped_text(text in page()) {
                check_invariants(&text)?;
            }
        }
    }
}
