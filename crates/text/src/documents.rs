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
//!    caption (a slug glued to it, a photo credit), a bracketed editor's note, or text.
//! 3. **Page furniture**: comment zones (after "Leave a Reply" until the next article),
//!    share and related-link rows, banners repeated at the top and the bottom, a
//!    "Headline | Site" page title whose headline is repeated below it (the site is kept
//!    as the outlet of last resort), a headline repeated on the next line, a one- or
//!    two-word section label over the page's headline ("Analysis").
//! 4. **Article starts**: after an article's body has begun, a new one starts at a
//!    headline followed by a date, credit or byline line (a date line just before the
//!    headline belongs to it), at a date line followed by a headline and a credit line,
//!    at a credit line that names a title, or at a title-case headline standing after
//!    two or more blank lines over text. Section headings inside a body split nothing.
//! 5. **Roles**: the header of each article (headline, subtitle, date line, credit lines,
//!    office and "Name, Title" lines, captions, editor's notes) ends at the first body
//!    paragraph; later captions, date lines, credit lines and signatures keep their roles.
//!    A short paragraph under the headline is its subtitle when a metadata line follows
//!    it, or when it holds two sentences over more text.
//! 6. **Metadata**: title (the credit line's title, else the headline), date (date line,
//!    credit line, byline), outlet (origin note or "Source:" line, credit line, a wire
//!    dateline's agency "CITY (Agency) —", the issuing body named in a release's dateline
//!    sentence, the site), author (credit line, byline, "Name, Title", office or names
//!    line, signature after "Sincerely,", "Statement from President X …" title, "X, one
//!    of the authors of this essay", a person-named site).
//! 7. **Record metadata**: with [`MetaAuthority::Record`] and one article the record's
//!    fields win; otherwise they fill the first article's empty fields.

use crate::credit::{
    byline, credit_line, date_line, is_closing, issuing_body, name_title_line, office_line,
    origin_outlet, read_credit, same_words, self_named_author, signature_name, speaker_in_title,
    wire_agency, Byline, Credit, CreditLine, DateLine,
};
use crate::furniture::{furniture_line, repeated_at_both_ends, Zone};
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
    let page = Page::read(&record.text);
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
    let mut articles: Vec<Article> = article_ranges(&page.paras, &content)
        .into_iter()
        .map(|ids| Article::new(&page, ids))
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
    let mut documents: Vec<Document> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| a.to_document(&page, i as u32))
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

/// The page: its paragraphs, classified, and the site its page title names.
struct Page<'a> {
    paras: Vec<Para<'a>>,
    site: Option<String>,
}

impl<'a> Page<'a> {
    fn read(text: &'a str) -> Page<'a> {
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
        let site = take_page_title(&mut paras);
        drop_repeated_headlines(&mut paras);
        drop_kicker(&mut paras);
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

/// Comment zones run until the next article's start; link rows over short lines.
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
            Some(Zone::Links)
                if at_most_words(paras[i].text, LINK_ROW_WORDS)
                    && !matches!(paras[i].kind, Kind::Credit(_)) =>
            {
                paras[i].kind = Kind::Furniture
            }
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
    for sep in PAGE_TITLE_SEPARATORS {
        for (left, right) in [line.rsplit_once(sep), line.split_once(sep)]
            .into_iter()
            .flatten()
        {
            let site = if same_words(left, next) {
                right
            } else if same_words(right, next) {
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
    let mut body_seen = false;
    for k in 0..content.len() {
        if body_seen {
            if let Some(start) = article_start_at(paras, content, k, spacing) {
                starts.push(start);
                body_seen = false;
                continue;
            }
        }
        let under_headline = k > 0 && paras[content[k - 1]].headline;
        let p = &paras[content[k]];
        if p.is_body_like() && !(under_headline && at_most_words(p.text, SUBTITLE_MAX_WORDS)) {
            body_seen = true;
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
    fn new(page: &Page, ids: Vec<usize>) -> Article {
        let roles = assign_roles(&page.paras, &ids);
        let meta = article_meta(page, &ids, &roles);
        Article { ids, roles, meta }
    }

    /// Whether the article holds a paragraph later stages read.
    fn has_text(&self) -> bool {
        self.roles.iter().any(|r| r.is_annotated())
    }

    fn to_document(&self, page: &Page, index: u32) -> Document {
        let mut text = String::new();
        let mut paragraphs = Vec::with_capacity(self.ids.len());
        let mut sentences = Vec::new();
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
            for s in crate::sentences::split(para) {
                sentences.push(Sentence {
                    span: Span::new(start + s.start as usize, start + s.end as usize),
                    paragraph_idx: k as u32,
                });
            }
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
    Body
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
        .or_else(|| page.site.clone().filter(|s| is_person_name(s)));
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
             When Lena Moss, one of the authors of this essay, visited the port, the boats were still there.",
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
             Militia chief: 'The South Is Not Serious About the Port'\n\n\
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
            let (docs, _) = split_record(&Record::plain(Format::Text, text.to_string()));
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
