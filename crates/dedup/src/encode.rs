//! A compact, checked byte encoding of [`DocSignatures`], so that signatures computed
//! once (by a worker) can be stored and the index rebuilt later without the texts.
//!
//! Layout, version 1: the version byte; the date (year as two bytes little-endian, month,
//! day; four zero bytes when unknown); a flag byte (1 when a document sketch follows)
//! and the sketch; the number of paragraph sketches as a varint; then per paragraph its
//! index as a varint (the gap from the previous index plus one, after the first), its
//! shingle count as two bytes little-endian and its sketch.

use crate::signature::{DocSignatures, ParagraphSketch, Sketch, HASHES};
use model::Date;

const VERSION: u8 = 1;

/// Why bytes are not [`DocSignatures`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The bytes end before the signatures do.
    #[error("signatures truncated at byte {offset}")]
    Truncated {
        /// Where more bytes were needed.
        offset: usize,
    },
    /// The first byte names a format this crate does not write.
    #[error("unknown signatures version {version}")]
    Version {
        /// The version byte found.
        version: u8,
    },
    /// A field holds a value no encoder writes (a bad date, flag or index, trailing bytes).
    #[error("invalid signatures at byte {offset}")]
    Invalid {
        /// Where the bad value starts.
        offset: usize,
    },
}

impl DocSignatures {
    /// The signatures as bytes: about 70 bytes a sketched paragraph, 70 a document.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(8 + HASHES + self.paragraphs.len() * (HASHES + 4));
        out.push(VERSION);
        match self.date {
            Some(d) => {
                out.extend(d.year.to_le_bytes());
                out.extend([d.month, d.day]);
            }
            None => out.extend([0; 4]),
        }
        match &self.document {
            Some(sketch) => {
                out.push(1);
                out.extend(sketch.0);
            }
            None => out.push(0),
        }
        put_varint(&mut out, self.paragraphs.len() as u64);
        let mut next = 0u64;
        for p in &self.paragraphs {
            put_varint(&mut out, u64::from(p.idx).saturating_sub(next));
            next = u64::from(p.idx) + 1;
            out.extend(p.n_shingles.to_le_bytes());
            out.extend(p.sketch.0);
        }
        out
    }

    /// Reads signatures [`DocSignatures::encode`] wrote; never panics on other bytes.
    pub fn decode(bytes: &[u8]) -> Result<DocSignatures, DecodeError> {
        let mut r = Reader { bytes, pos: 0 };
        let version = r.byte()?;
        if version != VERSION {
            return Err(DecodeError::Version { version });
        }
        let date = r.date()?;
        let document = match r.byte()? {
            0 => None,
            1 => Some(r.sketch()?),
            _ => return Err(DecodeError::Invalid { offset: r.pos - 1 }),
        };
        let n = r.varint()?;
        let mut paragraphs = Vec::new();
        let mut next = 0u64;
        for _ in 0..n {
            let at = r.pos;
            let idx = next.saturating_add(r.varint()?);
            let idx = u32::try_from(idx).map_err(|_| DecodeError::Invalid { offset: at })?;
            next = u64::from(idx) + 1;
            let n_shingles = u16::from_le_bytes([r.byte()?, r.byte()?]);
            paragraphs.push(ParagraphSketch {
                idx,
                n_shingles,
                sketch: r.sketch()?,
            });
        }
        if r.pos != bytes.len() {
            return Err(DecodeError::Invalid { offset: r.pos });
        }
        Ok(DocSignatures {
            date,
            document,
            paragraphs,
        })
    }
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads the encoding front to back, reporting where it ends early.
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, DecodeError> {
        let b = *self
            .bytes
            .get(self.pos)
            .ok_or(DecodeError::Truncated { offset: self.pos })?;
        self.pos += 1;
        Ok(b)
    }

    fn varint(&mut self) -> Result<u64, DecodeError> {
        let at = self.pos;
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(v);
            }
        }
        Err(DecodeError::Invalid { offset: at })
    }

    fn date(&mut self) -> Result<Option<Date>, DecodeError> {
        let at = self.pos;
        let year = u16::from_le_bytes([self.byte()?, self.byte()?]);
        let (month, day) = (self.byte()?, self.byte()?);
        if (year, month, day) == (0, 0, 0) {
            return Ok(None);
        }
        Date::new(year, month, day)
            .map(Some)
            .ok_or(DecodeError::Invalid { offset: at })
    }

    fn sketch(&mut self) -> Result<Sketch, DecodeError> {
        let end = self.pos + HASHES;
        let bytes = self
            .bytes
            .get(self.pos..end)
            .ok_or(DecodeError::Truncated {
                offset: self.bytes.len(),
            })?;
        let mut sketch = [0u8; HASHES];
        sketch.copy_from_slice(bytes);
        self.pos = end;
        Ok(Sketch(sketch))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture;
    use crate::{signatures, Input};
    use model::ParagraphRole::{Body, Headline};

    const BODY: &str = "The ferry company said on Wednesday that it would add a second \
        evening crossing from the island on weekdays in July and August, after passengers \
        complained that the last boat left too early for anyone working in town.";

    fn sample(date: Option<Date>) -> DocSignatures {
        let (text, paragraphs) = fixture::document(&[
            (Headline, "Ferry adds evening crossing"),
            (Body, BODY),
            (Body, BODY),
        ]);
        signatures(&Input {
            date,
            text: &text,
            paragraphs: &paragraphs,
        })
    }

    #[test]
    fn signatures_round_trip() {
        for date in [None, Date::new(2024, 2, 29)] {
            let sigs = sample(date);
            assert_eq!(sigs.sketched_paragraphs().collect::<Vec<_>>(), [1, 2]);
            assert_eq!(DocSignatures::decode(&sigs.encode()), Ok(sigs));
        }
    }

    #[test]
    fn bad_bytes_are_errors() {
        let bytes = sample(None).encode();
        assert_eq!(
            DocSignatures::decode(&bytes[..bytes.len() - 1]),
            Err(DecodeError::Truncated {
                offset: bytes.len() - 1
            })
        );
        assert_eq!(
            DocSignatures::decode(&[9]),
            Err(DecodeError::Version { version: 9 })
        );
        let mut bad_date = bytes.clone();
        bad_date[3] = 13;
        assert_eq!(
            DocSignatures::decode(&bad_date),
            Err(DecodeError::Invalid { offset: 1 })
        );
        let mut trailing = bytes;
        trailing.push(0);
        assert!(matches!(
            DocSignatures::decode(&trailing),
            Err(DecodeError::Invalid { .. })
        ));
        assert_eq!(
            DocSignatures::decode(&[]),
            Err(DecodeError::Truncated { offset: 0 })
        );
    }
}
