//! A document's mentions and local entities as two compact byte strings, one row per
//! document instead of one per mention: the writer thread then stores bytes, and the
//! encoding runs on the worker that found them.
//!
//! Both start with a format byte ([`FORMAT`]) and a count, then one record per item, every
//! number a LEB128 varint, every string its byte length then its UTF-8 bytes:
//!
//! - mentions: sentence index, start (as the gap from the previous mention's start, a
//!   zigzag signed number), end, kind, mention rule, linked mention + 1 (0: none), local entity, join rule;
//! - local entities: kind, the four kind counts, knowledge-base entry name + 1 flag
//!   (0: none, else the name follows), the number of names, then per name its surface,
//!   mention count and short-form flag.
//!
//! A document's paragraphs and sentences are a third, so that a document is one row:
//! per paragraph, the gap from the previous paragraph's end to its start, its length and
//! its role; then per sentence, the change of paragraph index from the sentence before (a
//! zigzag signed number), the gap from the previous sentence's end and its length.
//!
//! Corpus tables use two more: a document's links (per local entity, its corpus entity id
//! and corpus rule) and an entity's documents (ascending ids as zigzag gaps).
//!
//! Kinds and rules are their index in `EntityKind::ALL`, `MentionRule::ALL`,
//! `JoinRule::ALL`. Decoding checks every byte: a blob that is cut short, has a value out
//! of range or bytes left over is corrupt, never a panic.

use model::{
    CorpusRule, DocEntities, Document, EntityId, EntityKind, EntryId, JoinRule, LocalEntity,
    Mention, MentionRule, Name, Paragraph, ParagraphRole, Sentence, Span,
};

/// The format byte this build writes and reads.
pub(crate) const FORMAT: u8 = 1;

/// A document's mentions and local entities, encoded for
/// [`Batch::add_entities`](crate::Batch::add_entities).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodedEntities {
    pub(crate) mentions: Vec<u8>,
    pub(crate) locals: Vec<u8>,
    pub(crate) n_mentions: u32,
    pub(crate) n_locals: u32,
}

impl EncodedEntities {
    /// Encodes a document's mentions and local entities; `kb_name` names a
    /// knowledge-base entry (entries are stored by canonical name, never by index).
    /// Pure: workers call it, so that the writer thread only stores the bytes.
    pub fn encode(
        mentions: &[Mention],
        local: &DocEntities,
        kb_name: &dyn Fn(EntryId) -> String,
    ) -> EncodedEntities {
        let mut join = vec![JoinRule::Founder; mentions.len()];
        for ent in &local.entities {
            for &(m, rule) in &ent.mentions {
                if let Some(slot) = join.get_mut(m as usize) {
                    *slot = rule;
                }
            }
        }
        let mut w = Writer(Vec::with_capacity(8 + mentions.len() * 8));
        w.byte(FORMAT);
        w.uint(mentions.len() as u64);
        let mut last_start = 0i64;
        for (i, m) in mentions.iter().enumerate() {
            let gap = i64::from(m.span.start) - last_start;
            last_start = i64::from(m.span.start);
            w.uint(u64::from(m.sentence_idx));
            w.uint(zigzag(gap));
            w.uint(u64::from(m.span.end));
            w.byte(index_of(&EntityKind::ALL, m.kind));
            w.byte(index_of(&MentionRule::ALL, m.rule));
            w.uint(m.linked.map_or(0, |l| u64::from(l) + 1));
            w.uint(u64::from(
                local.entity_of_mention.get(i).copied().unwrap_or(u32::MAX),
            ));
            w.byte(index_of(&JoinRule::ALL, join[i]));
        }
        let mentions_bytes = w.0;

        let mut w = Writer(Vec::with_capacity(8 + local.entities.len() * 24));
        w.byte(FORMAT);
        w.uint(local.entities.len() as u64);
        for e in &local.entities {
            w.byte(index_of(&EntityKind::ALL, e.kind));
            for n in e.kind_counts {
                w.uint(u64::from(n));
            }
            match e.kb_entry {
                Some(id) => {
                    w.byte(1);
                    w.str(&kb_name(id));
                }
                None => w.byte(0),
            }
            w.uint(e.names.len() as u64);
            for n in &e.names {
                w.str(&n.surface);
                w.uint(u64::from(n.n_mentions));
                w.byte(u8::from(n.short_form));
            }
        }
        EncodedEntities {
            mentions: mentions_bytes,
            locals: w.0,
            n_mentions: mentions.len() as u32,
            n_locals: local.entities.len() as u32,
        }
    }
}

/// One decoded mention with what the blob keeps beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StoredMention {
    pub mention: Mention,
    pub local_idx: u32,
    pub join_rule: JoinRule,
}

/// Decodes a mentions blob; `None` when it is not one this crate writes.
pub(crate) fn decode_mentions(bytes: &[u8]) -> Option<Vec<StoredMention>> {
    let (mut r, n) = Reader::open(bytes)?;
    let mut out = Vec::with_capacity(n);
    let mut start = 0u32;
    for _ in 0..n {
        let sentence_idx = r.u32()?;
        start = u32::try_from(i64::from(start).checked_add(unzigzag(r.uint()?))?).ok()?;
        let end = r.u32()?;
        let kind = *EntityKind::ALL.get(usize::from(r.byte()?))?;
        let rule = *MentionRule::ALL.get(usize::from(r.byte()?))?;
        let linked = match r.u32()? {
            0 => None,
            l => Some(l - 1),
        };
        let local_idx = r.u32()?;
        let join_rule = *JoinRule::ALL.get(usize::from(r.byte()?))?;
        out.push(StoredMention {
            mention: Mention {
                span: Span { start, end },
                sentence_idx,
                kind,
                rule,
                linked,
            },
            local_idx,
            join_rule,
        });
    }
    r.done().then_some(out)
}

/// Decodes a local-entities blob into entities (their `mentions` left empty) and the
/// stored knowledge-base name of each; `None` when it is not one this crate writes.
pub(crate) fn decode_locals(bytes: &[u8]) -> Option<Vec<(LocalEntity, Option<String>)>> {
    let (mut r, n) = Reader::open(bytes)?;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let kind = *EntityKind::ALL.get(usize::from(r.byte()?))?;
        let mut kind_counts = [0u32; 4];
        for c in &mut kind_counts {
            *c = r.u32()?;
        }
        let kb_name = match r.byte()? {
            0 => None,
            1 => Some(r.str()?.to_string()),
            _ => return None,
        };
        let n_names = r.count()?;
        let mut names = Vec::with_capacity(n_names);
        for _ in 0..n_names {
            let surface = r.str()?.to_string();
            let n_mentions = r.u32()?;
            let short_form = match r.byte()? {
                0 => false,
                1 => true,
                _ => return None,
            };
            names.push(Name {
                surface,
                n_mentions,
                short_form,
            });
        }
        out.push((
            LocalEntity {
                names,
                kind,
                kind_counts,
                kb_entry: None,
                mentions: Vec::new(),
            },
            kb_name,
        ));
    }
    r.done().then_some(out)
}

/// Encodes where a document's local entities went: per local entity, its corpus entity
/// id and the rule (its index in `CorpusRule::ALL`).
pub(crate) fn encode_links(links: &[(EntityId, CorpusRule)]) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(2 + links.len() * 10));
    w.byte(FORMAT);
    w.uint(links.len() as u64);
    for &(id, rule) in links {
        w.uint(id.0);
        w.byte(index_of(&CorpusRule::ALL, rule));
    }
    w.0
}

/// Decodes [`encode_links`]; `None` when the bytes are not such a blob.
pub(crate) fn decode_links(bytes: &[u8]) -> Option<Vec<(EntityId, CorpusRule)>> {
    let (mut r, n) = Reader::open(bytes)?;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let id = EntityId(r.uint()?);
        let rule = *CorpusRule::ALL.get(usize::from(r.byte()?))?;
        out.push((id, rule));
    }
    r.done().then_some(out)
}

/// Encodes an ascending list of document ids as gaps.
pub(crate) fn encode_ids(ids: &[i64]) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(2 + ids.len() * 2));
    w.byte(FORMAT);
    w.uint(ids.len() as u64);
    let mut last = 0i64;
    for &id in ids {
        w.uint(zigzag(id.wrapping_sub(last)));
        last = id;
    }
    w.0
}

/// Decodes [`encode_ids`]; `None` when the bytes are not such a blob.
pub(crate) fn decode_ids(bytes: &[u8]) -> Option<Vec<i64>> {
    let (mut r, n) = Reader::open(bytes)?;
    let mut out = Vec::with_capacity(n);
    let mut last = 0i64;
    for _ in 0..n {
        last = last.wrapping_add(unzigzag(r.uint()?));
        out.push(last);
    }
    r.done().then_some(out)
}

/// A signed number as an unsigned one, small magnitudes small (0, -1, 1, -2 … → 0, 1, 2, 3 …).
fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

/// Encodes `doc`'s paragraphs and sentences. Every gap and length is a signed number, so
/// that any spans encode as they are; readers check the decoded document.
pub(crate) fn encode_spans(doc: &Document) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(
        4 + doc.paragraphs.len() * 4 + doc.sentences.len() * 4,
    ));
    w.byte(FORMAT);
    w.uint(doc.paragraphs.len() as u64);
    let mut last_end = 0;
    for p in &doc.paragraphs {
        last_end = w.span_after(last_end, p.span);
        w.byte(index_of(&ParagraphRole::ALL, p.role));
    }
    w.uint(doc.sentences.len() as u64);
    let (mut last_end, mut last_paragraph) = (0, 0);
    for s in &doc.sentences {
        let paragraph = i64::from(s.paragraph_idx);
        w.uint(zigzag(paragraph - last_paragraph));
        last_end = w.span_after(last_end, s.span);
        last_paragraph = paragraph;
    }
    w.0
}

/// Fills `doc`'s paragraphs, and its sentences when `sentences`, from a spans blob;
/// `None` when the blob is not one [`encode_spans`] writes.
pub(crate) fn decode_spans(bytes: &[u8], doc: &mut Document, sentences: bool) -> Option<()> {
    let (mut r, n) = Reader::open(bytes)?;
    doc.paragraphs.clear();
    doc.sentences.clear();
    doc.paragraphs.reserve(n);
    let mut last_end = 0;
    for _ in 0..n {
        let span = r.span_after(last_end)?;
        let role = *ParagraphRole::ALL.get(usize::from(r.byte()?))?;
        doc.paragraphs.push(Paragraph { span, role });
        last_end = span.end;
    }
    if !sentences {
        return Some(());
    }
    let n = r.count()?;
    doc.sentences.reserve(n);
    let (mut last_end, mut paragraph) = (0, 0i64);
    for _ in 0..n {
        paragraph = paragraph.checked_add(unzigzag(r.uint()?))?;
        let span = r.span_after(last_end)?;
        doc.sentences.push(Sentence {
            span,
            paragraph_idx: u32::try_from(paragraph).ok()?,
        });
        last_end = span.end;
    }
    r.done().then_some(())
}

fn index_of<T: PartialEq>(all: &[T], item: T) -> u8 {
    all.iter().position(|x| *x == item).unwrap_or_default() as u8
}

struct Writer(Vec<u8>);

impl Writer {
    fn byte(&mut self, b: u8) {
        self.0.push(b);
    }

    fn uint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.0.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
    }

    fn str(&mut self, s: &str) {
        self.uint(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }

    /// Writes `span` as the signed gap from `last_end` to its start, then its signed
    /// length; returns its end.
    fn span_after(&mut self, last_end: u32, span: Span) -> u32 {
        self.uint(zigzag(i64::from(span.start) - i64::from(last_end)));
        self.uint(zigzag(i64::from(span.end) - i64::from(span.start)));
        span.end
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    /// A reader past the format byte and the item count, with the count; `None` for
    /// another format.
    fn open(bytes: &'a [u8]) -> Option<(Reader<'a>, usize)> {
        let mut r = Reader { bytes, at: 0 };
        if r.byte()? != FORMAT {
            return None;
        }
        let n = r.count()?;
        Some((r, n))
    }

    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn uint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }

    fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.uint()?).ok()
    }

    /// A span written by [`Writer::span_after`].
    fn span_after(&mut self, last_end: u32) -> Option<Span> {
        let start = i64::from(last_end).checked_add(unzigzag(self.uint()?))?;
        let end = start.checked_add(unzigzag(self.uint()?))?;
        Some(Span {
            start: u32::try_from(start).ok()?,
            end: u32::try_from(end).ok()?,
        })
    }

    /// A count of items still to come: never more than the bytes left, so a corrupt
    /// count cannot make a huge allocation.
    fn count(&mut self) -> Option<usize> {
        let n = usize::try_from(self.uint()?).ok()?;
        (n <= self.bytes.len() - self.at).then_some(n)
    }

    fn str(&mut self) -> Option<&'a str> {
        let n = usize::try_from(self.uint()?).ok()?;
        let end = self.at.checked_add(n)?;
        let s = std::str::from_utf8(self.bytes.get(self.at..end)?).ok()?;
        self.at = end;
        Some(s)
    }

    fn done(&self) -> bool {
        self.at == self.bytes.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn arb_mentions() -> impl Strategy<Value = (Vec<Mention>, DocEntities)> {
        let mention = (
            0u32..50,
            0u32..5000,
            0u32..40,
            0usize..4,
            0usize..7,
            any::<bool>(),
        );
        prop::collection::vec(mention, 0..30).prop_map(|specs| {
            let mut start = 0;
            let n = specs.len() as u32;
            let mentions: Vec<Mention> = specs
                .iter()
                .enumerate()
                .map(|(i, &(s, gap, len, k, r, linked))| {
                    start += gap;
                    Mention {
                        span: Span {
                            start,
                            end: start + len,
                        },
                        sentence_idx: s,
                        kind: EntityKind::ALL[k],
                        rule: MentionRule::ALL[r],
                        linked: linked.then_some((i as u32 + 1) % n.max(1)),
                    }
                })
                .collect();
            let entities = mentions
                .iter()
                .enumerate()
                .map(|(i, m)| LocalEntity {
                    names: vec![Name {
                        surface: format!("Name {i} é"),
                        n_mentions: 1,
                        short_form: i % 2 == 0,
                    }],
                    kind: m.kind,
                    kind_counts: [i as u32, 1, 2, 3],
                    kb_entry: (i % 3 == 0).then_some(EntryId(i as u32)),
                    mentions: vec![(i as u32, JoinRule::ALL[i % JoinRule::ALL.len()])],
                })
                .collect();
            let local = DocEntities {
                entities,
                entity_of_mention: (0..n).collect(),
            };
            (mentions, local)
        })
    }

    proptest! {
        #[test]
        fn what_is_encoded_decodes_the_same((mentions, local) in arb_mentions()) {
            let enc = EncodedEntities::encode(&mentions, &local, &|id| format!("entry {}", id.0));
            let back = decode_mentions(&enc.mentions).unwrap();
            prop_assert_eq!(back.len(), mentions.len());
            for (i, (b, m)) in back.iter().zip(&mentions).enumerate() {
                prop_assert_eq!(&b.mention, m);
                prop_assert_eq!(b.local_idx, i as u32);
                prop_assert_eq!(b.join_rule, local.entities[i].mentions[0].1);
            }
            let locals = decode_locals(&enc.locals).unwrap();
            prop_assert_eq!(locals.len(), local.entities.len());
            for ((e, name), want) in locals.iter().zip(&local.entities) {
                prop_assert_eq!(&e.names, &want.names);
                prop_assert_eq!(e.kind_counts, want.kind_counts);
                prop_assert_eq!(name.clone(), want.kb_entry.map(|id| format!("entry {}", id.0)));
            }
        }

        #[test]
        fn spans_decode_as_encoded(
            paragraphs in prop::collection::vec((any::<u32>(), any::<u32>(), 0usize..6), 0..20),
            sentences in prop::collection::vec((any::<u32>(), any::<u32>(), any::<u32>()), 0..40),
        ) {
            let mut doc = Document {
                paragraphs: paragraphs
                    .into_iter()
                    .map(|(start, end, role)| Paragraph {
                        span: Span { start, end },
                        role: ParagraphRole::ALL[role],
                    })
                    .collect(),
                sentences: sentences
                    .into_iter()
                    .map(|(start, end, paragraph_idx)| Sentence {
                        span: Span { start, end },
                        paragraph_idx,
                    })
                    .collect(),
                ..Document::default()
            };
            let blob = encode_spans(&doc);
            let mut back = Document::default();
            prop_assert_eq!(decode_spans(&blob, &mut back, true), Some(()));
            prop_assert_eq!(&back.paragraphs, &doc.paragraphs);
            prop_assert_eq!(&back.sentences, &doc.sentences);
            prop_assert_eq!(decode_spans(&blob, &mut back, false), Some(()));
            prop_assert_eq!(&back.paragraphs, &doc.paragraphs);
            prop_assert!(back.sentences.is_empty());
            if !blob.is_empty() {
                let cut = &blob[..blob.len() - 1];
                prop_assert!(decode_spans(cut, &mut back, true).is_none());
            }
            doc.sentences.clear();
            let mut long = encode_spans(&doc);
            long.push(0);
            prop_assert!(decode_spans(&long, &mut back, true).is_none());
        }

        #[test]
        fn any_bytes_decode_or_fail_without_panicking(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
            let mut doc = Document::default();
            let _ = decode_spans(&bytes, &mut doc, true);
            let _ = decode_mentions(&bytes);
            let _ = decode_locals(&bytes);
            let _ = decode_links(&bytes);
            let _ = decode_ids(&bytes);
        }

        #[test]
        fn links_and_ids_decode_as_encoded(
            links in prop::collection::vec((any::<u64>(), 0usize..4), 0..40),
            mut ids in prop::collection::vec(any::<i64>(), 0..40),
        ) {
            let links: Vec<(EntityId, CorpusRule)> =
                links.into_iter().map(|(id, r)| (EntityId(id), CorpusRule::ALL[r])).collect();
            prop_assert_eq!(decode_links(&encode_links(&links)), Some(links));
            ids.sort_unstable();
            prop_assert_eq!(decode_ids(&encode_ids(&ids)), Some(ids));
        }

        #[test]
        fn a_cut_or_extended_blob_is_refused((mentions, local) in arb_mentions(), cut in 1usize..8) {
            let enc = EncodedEntities::encode(&mentions, &local, &|id| id.0.to_string());
            let short = &enc.locals[..enc.locals.len().saturating_sub(cut)];
            prop_assert!(short.len() == enc.locals.len() || decode_locals(short).is_none());
            let mut long = enc.mentions.clone();
            long.push(0);
            prop_assert!(decode_mentions(&long).is_none());
        }
    }
}
