//! Bounded reading helpers: lines that may be too long, a reader that counts its
//! position, reading a whole input up to a limit.

use std::io::{self, BufRead, Read};

/// What [`read_bounded_line`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineRead {
    /// End of input before any byte.
    Eof,
    /// A line, now in the buffer without its `\n`; `consumed` counts the `\n` too.
    Line { consumed: u64 },
    /// A line longer than the limit: `len` bytes (without `\n`), read and thrown away.
    TooLong { len: u64, consumed: u64 },
}

/// Reads one line into `buf` (cleared first) without ever holding more than `max` bytes
/// of it: a longer line is read through in the reader's chunks and discarded.
pub(crate) fn read_bounded_line<R: BufRead + ?Sized>(
    reader: &mut R,
    buf: &mut Vec<u8>,
    max: u64,
) -> io::Result<LineRead> {
    buf.clear();
    let mut consumed = 0u64;
    let mut len = 0u64;
    let mut too_long = false;
    loop {
        let avail = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            if consumed == 0 {
                return Ok(LineRead::Eof);
            }
            break;
        }
        let newline = avail.iter().position(|&b| b == b'\n');
        let content = newline.unwrap_or(avail.len());
        len += content as u64;
        if !too_long {
            if len > max {
                too_long = true;
                buf.clear();
                buf.shrink_to(64 * 1024);
            } else {
                buf.extend_from_slice(&avail[..content]);
            }
        }
        let step = newline.map_or(content, |i| i + 1);
        reader.consume(step);
        consumed += step as u64;
        if newline.is_some() {
            break;
        }
    }
    Ok(if too_long {
        LineRead::TooLong { len, consumed }
    } else {
        LineRead::Line { consumed }
    })
}

/// What [`read_to_limit`] found.
pub(crate) enum Whole {
    /// All of the input, at most `limit` bytes.
    Bytes(Vec<u8>),
    /// The input goes on past `limit` bytes.
    TooLarge,
}

/// Reads the rest of an input into `bytes` unless it is longer than `limit` bytes in all.
pub(crate) fn read_to_limit<R: Read + ?Sized>(
    reader: &mut R,
    mut bytes: Vec<u8>,
    limit: u64,
) -> Result<Whole, (io::Error, u64)> {
    let room = (limit + 1).saturating_sub(bytes.len() as u64);
    if let Err(e) = reader.take(room).read_to_end(&mut bytes) {
        return Err((e, bytes.len() as u64));
    }
    Ok(if bytes.len() as u64 > limit {
        Whole::TooLarge
    } else {
        Whole::Bytes(bytes)
    })
}

/// A buffered reader that knows how many bytes it has handed out.
pub(crate) struct Counted<R> {
    inner: R,
    pos: u64,
}

impl<R> Counted<R> {
    /// Wraps `inner`, counting from 0.
    pub(crate) fn new(inner: R) -> Counted<R> {
        Counted { inner, pos: 0 }
    }

    /// Bytes read or consumed so far.
    pub(crate) fn pos(&self) -> u64 {
        self.pos
    }
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        self.pos += amt as u64;
        self.inner.consume(amt);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufReader, Cursor};

    fn check(input: &[u8], max: u64, expect: &[(LineRead, &str)]) {
        // A tiny buffer makes lines span many chunks.
        let mut reader = BufReader::with_capacity(3, Cursor::new(input.to_vec()));
        let mut buf = Vec::new();
        for (want, text) in expect {
            let got = read_bounded_line(&mut reader, &mut buf, max).unwrap();
            assert_eq!(
                (got, String::from_utf8_lossy(&buf).as_ref()),
                (*want, *text)
            );
        }
    }

    #[test]
    fn lines_and_a_long_one() {
        check(
            b"ab\nlong line here\ncd",
            5,
            &[
                (LineRead::Line { consumed: 3 }, "ab"),
                (
                    LineRead::TooLong {
                        len: 14,
                        consumed: 15,
                    },
                    "",
                ),
                (LineRead::Line { consumed: 2 }, "cd"),
                (LineRead::Eof, ""),
            ],
        );
    }

    #[test]
    fn counted_tracks_consumption() {
        let mut r = Counted::new(Cursor::new(b"hello\nworld".to_vec()));
        let mut buf = Vec::new();
        read_bounded_line(&mut r, &mut buf, 100).unwrap();
        assert_eq!(r.pos(), 6);
        assert!(matches!(
            read_to_limit(&mut r, Vec::new(), 3),
            Ok(Whole::TooLarge)
        ));
    }
}
