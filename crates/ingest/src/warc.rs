//! A streaming WARC 1.0/1.1 reader: one [`Record`] per HTML response, memory per record
//! bounded by the limit, never the whole file. `.warc.gz` files (one gzip member per
//! record, or one for all) arrive here already decompressed.
//!
//! Each WARC record: a `WARC/1.x` line, header fields up to a blank line, exactly
//! `Content-Length` bytes of block, then `\r\n\r\n`. Only `response` records whose HTTP
//! status is 2xx and whose `Content-Type` is `text/html` or `application/xhtml+xml`
//! become records; requests, metadata, warcinfo and other responses are skipped
//! silently. The HTML goes through [`crate::html::extract`] after the charset of the
//! HTTP header (or of `<meta charset>`) decodes it.
//!
//! Metadata: `Meta::url` is the `WARC-Target-URI`; title, date, outlet and authors come
//! from the page's head. The record keeps [`MetaAuthority::Hint`] because those fields
//! are only hints: the one field the container vouches for, the address, is filled
//! either way. `WARC-Date` is when the page was fetched, not published, and is not used.

use crate::decode::decode_html;
use crate::http;
use crate::open::Source;
use crate::read::{read_bounded_line, Counted, LineRead};
use crate::IngestError;
use model::{Diagnostic, Format, Locator, MetaAuthority, Record};
use std::io::{self, BufRead, Read};

const MAX_HEADER_LINE: u64 = 64 * 1024;
const MAX_HEADER_FIELDS: usize = 1024;
/// How much of a response block is read to look at its HTTP head before deciding.
const HTTP_HEAD_PEEK: u64 = 64 * 1024;

/// The WARC header fields this reader uses.
#[derive(Debug, Default)]
struct Header {
    warc_type: String,
    target_uri: Option<String>,
    content_type: Option<String>,
    content_length: u64,
}

/// Iterates the HTML responses of a WARC stream.
pub(crate) struct Warc {
    source: Source,
    reader: Counted<Box<dyn BufRead + Send>>,
    limit: u64,
    index: u64,
    line: Vec<u8>,
    /// An error met after a record was complete, reported on the next call.
    pending: Option<IngestError>,
}

impl Warc {
    /// Reads WARC records from `reader`; a record over `limit` bytes is skipped with an error.
    pub(crate) fn new(source: Source, reader: Box<dyn BufRead + Send>, limit: u64) -> Warc {
        Warc {
            source,
            reader: Counted::new(reader),
            limit,
            index: 0,
            line: Vec::new(),
            pending: None,
        }
    }

    /// The next HTML response, an error, or `None` at the end.
    pub(crate) fn next_record(&mut self) -> Option<Result<Record, IngestError>> {
        if let Some(e) = self.pending.take() {
            return Some(Err(e));
        }
        loop {
            let locator = match self.version_line() {
                Ok(Some(locator)) => locator,
                Ok(None) => return None,
                Err(e) => return Some(Err(e)),
            };
            let header = match self.header(locator) {
                Ok(h) => h,
                Err(e) => return Some(Err(e)),
            };
            match self.block(&header, locator) {
                Ok(Some(record)) => return Some(Ok(record)),
                Ok(None) => continue,
                Err(e) => return Some(Err(e)),
            }
        }
    }

    fn read_error(&self, e: io::Error, locator: Locator) -> IngestError {
        self.source.read_error(e, locator, self.reader.pos())
    }

    fn warc_error(&self, locator: Locator, reason: String) -> IngestError {
        IngestError::Warc {
            path: self.source.path.clone(),
            locator,
            reason,
        }
    }

    fn truncated(&self, locator: Locator, reason: String) -> IngestError {
        IngestError::Truncated {
            path: self.source.path.clone(),
            locator,
            reason,
        }
    }

    /// Skips blank lines, reads `WARC/1.x`; `None` at the end of the stream.
    fn version_line(&mut self) -> Result<Option<Locator>, IngestError> {
        loop {
            let offset = self.reader.pos();
            let locator = Locator::Record {
                index: self.index,
                offset,
            };
            match read_bounded_line(&mut self.reader, &mut self.line, MAX_HEADER_LINE) {
                Err(e) => return Err(self.read_error(e, locator)),
                Ok(LineRead::Eof) => return Ok(None),
                Ok(LineRead::TooLong { len, .. }) => {
                    return Err(self.warc_error(
                        locator,
                        format!("a line of {len} bytes where a WARC/1.x version line should be"),
                    ))
                }
                Ok(LineRead::Line { .. }) => {}
            }
            let line = self.line.trim_ascii();
            if line.is_empty() {
                continue;
            }
            self.index += 1;
            if !line.starts_with(b"WARC/") {
                let found: String = String::from_utf8_lossy(line).chars().take(40).collect();
                return Err(self.warc_error(
                    locator,
                    format!("expected a WARC/1.x version line, found {found:?}"),
                ));
            }
            return Ok(Some(locator));
        }
    }

    fn header(&mut self, locator: Locator) -> Result<Header, IngestError> {
        let mut header = Header::default();
        let mut content_length = None;
        for _ in 0..MAX_HEADER_FIELDS {
            match read_bounded_line(&mut self.reader, &mut self.line, MAX_HEADER_LINE) {
                Err(e) => return Err(self.read_error(e, locator)),
                Ok(LineRead::Eof) => {
                    return Err(
                        self.truncated(locator, "the file ends inside the record's header".into())
                    )
                }
                Ok(LineRead::TooLong { len, .. }) => {
                    return Err(self.warc_error(locator, format!("a header line of {len} bytes")))
                }
                Ok(LineRead::Line { .. }) => {}
            }
            let line = String::from_utf8_lossy(&self.line);
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() {
                let Some(length) = content_length else {
                    return Err(self.warc_error(locator, "no Content-Length".into()));
                };
                header.content_length = length;
                return Ok(header);
            }
            let Some((name, value)) = line.split_once(':') else {
                if line.starts_with([' ', '\t']) {
                    continue; // a folded continuation of a field this reader does not use
                }
                return Err(
                    self.warc_error(locator, format!("not a header field: {:?}", preview(line)))
                );
            };
            let value = value.trim();
            match name.trim().to_ascii_lowercase().as_str() {
                "content-length" => match value.parse::<u64>() {
                    Ok(n) => content_length = Some(n),
                    Err(_) => {
                        return Err(self.warc_error(
                            locator,
                            format!("bad Content-Length {:?}", preview(value)),
                        ))
                    }
                },
                "warc-type" => header.warc_type = value.to_ascii_lowercase(),
                "warc-target-uri" => {
                    let uri = value.trim_start_matches('<').trim_end_matches('>').trim();
                    header.target_uri = (!uri.is_empty()).then(|| uri.to_string());
                }
                "content-type" => header.content_type = Some(value.to_ascii_lowercase()),
                _ => {}
            }
        }
        Err(self.warc_error(
            locator,
            format!("more than {MAX_HEADER_FIELDS} header fields"),
        ))
    }

    /// Reads or skips the block; `Ok(None)` for a record that is not an HTML response.
    fn block(&mut self, header: &Header, locator: Locator) -> Result<Option<Record>, IngestError> {
        let len = header.content_length;
        let is_http = header
            .content_type
            .as_deref()
            .is_none_or(|ct| ct.starts_with("application/http"));
        if header.warc_type != "response" || !is_http {
            self.skip(len, len, locator)?;
            self.end_of_record(locator);
            return Ok(None);
        }
        let peek = len.min(HTTP_HEAD_PEEK);
        let mut block = Vec::with_capacity(peek as usize);
        self.read_into(&mut block, peek, len, locator)?;
        let head = match http::parse_head(&block) {
            Ok(Some(head)) => Ok(head),
            Ok(None) if peek == len => Err("no blank line after the HTTP head".to_string()),
            Ok(None) => Err(format!(
                "no end of the HTTP head in its first {HTTP_HEAD_PEEK} bytes"
            )),
            Err(reason) => Err(reason),
        };
        let head = match head {
            Ok(head) => head,
            Err(reason) => {
                self.skip(len - peek, len, locator)?;
                self.end_of_record(locator);
                return Err(self.payload_error(locator, reason));
            }
        };
        let is_html = matches!(
            head.media_type().as_deref(),
            Some("text/html" | "application/xhtml+xml")
        );
        if !(200..300).contains(&head.status) || !is_html {
            self.skip(len - peek, len, locator)?;
            self.end_of_record(locator);
            return Ok(None);
        }
        if len > self.limit {
            self.skip(len - peek, len, locator)?;
            self.end_of_record(locator);
            return Err(IngestError::TooLarge {
                path: self.source.path.clone(),
                locator,
                size: len,
                at_least: false,
                limit: self.limit,
            });
        }
        self.read_into(&mut block, len - peek, len, locator)?;
        self.end_of_record(locator);
        let body = block.get(head.body_start..).unwrap_or_default();
        let body = match http::decode_body(&head, body, self.limit) {
            Ok(body) => body,
            Err(http::BodyError::TooLarge) => {
                return Err(IngestError::TooLarge {
                    path: self.source.path.clone(),
                    locator,
                    size: self.limit + 1,
                    at_least: true,
                    limit: self.limit,
                })
            }
            Err(http::BodyError::Unreadable(reason)) => {
                return Err(self.payload_error(locator, reason))
            }
        };
        drop(block);
        let decoded = decode_html(body.bytes, head.charset());
        let page = crate::html::extract(&decoded.text);
        let mut diagnostics: Vec<Diagnostic> = body
            .warnings
            .into_iter()
            .chain(decoded.warning)
            .map(|w| Diagnostic::warning(locator, w))
            .collect();
        if page.text.is_empty() {
            diagnostics.push(Diagnostic::warning(locator, "no visible text"));
        }
        let mut meta = page.meta;
        if header.target_uri.is_some() {
            meta.url.clone_from(&header.target_uri);
        }
        Ok(Some(Record {
            locator,
            format: Format::Warc,
            text: page.text,
            meta,
            authority: MetaAuthority::Hint,
            diagnostics,
        }))
    }

    fn payload_error(&self, locator: Locator, reason: String) -> IngestError {
        IngestError::Payload {
            path: self.source.path.clone(),
            locator,
            reason,
        }
    }

    /// Appends exactly `n` more bytes of a block of `len` bytes to `buf`.
    fn read_into(
        &mut self,
        buf: &mut Vec<u8>,
        n: u64,
        len: u64,
        locator: Locator,
    ) -> Result<(), IngestError> {
        let before = buf.len() as u64;
        if let Err(e) = (&mut self.reader).take(n).read_to_end(buf) {
            return Err(self.read_error(e, locator));
        }
        let got = buf.len() as u64 - before;
        if got < n {
            return Err(self.short_block(locator, n - got, len));
        }
        Ok(())
    }

    /// Reads past `n` bytes of a block of `len` bytes, in bounded chunks.
    fn skip(&mut self, n: u64, len: u64, locator: Locator) -> Result<(), IngestError> {
        match io::copy(&mut (&mut self.reader).take(n), &mut io::sink()) {
            Err(e) => Err(self.read_error(e, locator)),
            Ok(got) if got < n => Err(self.short_block(locator, n - got, len)),
            Ok(_) => Ok(()),
        }
    }

    fn short_block(&self, locator: Locator, missing: u64, len: u64) -> IngestError {
        self.truncated(
            locator,
            format!("the file ends {missing} bytes short of the block's Content-Length of {len}"),
        )
    }

    /// Consumes the `\r\n\r\n` after a block (leniently: up to four CR or LF bytes).
    /// A read error here is kept for the next call, so the complete record still counts.
    fn end_of_record(&mut self, locator: Locator) {
        for _ in 0..4 {
            match self.reader.fill_buf() {
                Ok(buf) if matches!(buf.first(), Some(b'\r' | b'\n')) => self.reader.consume(1),
                Ok(_) => return,
                Err(e) => {
                    self.pending = Some(self.read_error(e, locator));
                    return;
                }
            }
        }
    }
}

fn preview(s: &str) -> String {
    s.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};

    /// A WARC record with the given type, extra header fields and block.
    fn record(warc_type: &str, fields: &str, block: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: {warc_type}\r\nWARC-Date: 2020-01-01T00:00:00Z\r\n{fields}Content-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    fn response(uri: &str, http: &[u8]) -> Vec<u8> {
        record(
            "response",
            &format!(
                "WARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\n"
            ),
            http,
        )
    }

    fn sample() -> Vec<Vec<u8>> {
        vec![
            record("warcinfo", "Content-Type: application/warc-fields\r\n", b"software: test\r\n"),
            record("request", "WARC-Target-URI: http://a.example/\r\n", b"GET / HTTP/1.1\r\nHost: a.example\r\n\r\n"),
            response(
                "http://a.example/one",
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<title>One</title><p>First page.</p>",
            ),
            response(
                "http://a.example/logo.png",
                b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n",
            ),
            response(
                "<http://a.example/two>",
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Second \x93page\x94.</p>",
            ),
            response(
                "http://a.example/gone",
                b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>Missing</p>",
            ),
        ]
    }

    fn gzip_members(records: &[Vec<u8>]) -> Vec<u8> {
        let mut out = Vec::new();
        for r in records {
            let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            enc.write_all(r).unwrap();
            out.extend(enc.finish().unwrap());
        }
        out
    }

    /// Reads a WARC through the public entry point; items shown as
    /// `locator url: text` or the error message.
    fn check(name: &str, bytes: Vec<u8>, limit: u64, expect: &[&str]) {
        let limits = crate::Limits {
            max_record_bytes: limit,
        };
        let records = crate::open_bytes(name.as_ref(), bytes, &limits).unwrap();
        assert_eq!(records.format(), Format::Warc);
        let got: Vec<String> = records
            .map(|item| match item {
                Ok(r) => format!(
                    "{} {}: {}",
                    r.locator,
                    r.meta.url.unwrap_or_default(),
                    r.text
                ),
                Err(e) => e.to_string(),
            })
            .collect();
        assert_eq!(got, expect);
    }

    const EXPECT: [&str; 2] = [
        "record 2 (byte 305) http://a.example/one: First page.",
        "record 4 (byte 813) http://a.example/two: Second \u{201c}page\u{201d}.",
    ];

    #[test]
    fn html_responses_only() {
        check("c.warc", sample().concat(), 1 << 20, &EXPECT);
    }

    #[test]
    fn gzip_members_and_sniffing() {
        check("c.warc.gz", gzip_members(&sample()), 1 << 20, &EXPECT);
        check("crawl-download", gzip_members(&sample()), 1 << 20, &EXPECT);
    }

    #[test]
    fn meta_and_authority() {
        let records: Vec<Record> =
            crate::open_bytes("c.warc".as_ref(), sample().concat(), &Default::default())
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
        assert_eq!(records[0].meta.title.as_deref(), Some("One"));
        assert_eq!(records[0].authority, MetaAuthority::Hint);
        assert_eq!(
            records[1]
                .diagnostics
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>(),
            ["record 4 (byte 813): not UTF-8: decoded as Windows-1252"]
        );
    }

    #[test]
    fn chunked_gzip_response() {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(b"<p>Packed body.</p>").unwrap();
        let zipped = enc.finish().unwrap();
        let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
        let (a, b) = zipped.split_at(10);
        for part in [a, b] {
            http.extend(format!("{:X}\r\n", part.len()).as_bytes());
            http.extend(part);
            http.extend(b"\r\n");
        }
        http.extend(b"0\r\n\r\n");
        check(
            "c.warc",
            response("http://z.example/", &http),
            1 << 20,
            &["record 0 (byte 0) http://z.example/: Packed body."],
        );
    }

    #[test]
    fn truncated_gzip_is_fatal_after_earlier_records() {
        let mut bytes = gzip_members(&sample()[..3]);
        let last = gzip_members(&sample()[4..5]);
        bytes.extend(&last[..last.len() / 2]);
        let limits = crate::Limits::default();
        let items: Vec<_> = crate::open_bytes("t.warc.gz".as_ref(), bytes, &limits)
            .unwrap()
            .collect();
        assert_eq!(items.len(), 2, "{items:?}");
        assert_eq!(
            items[0].as_ref().map(|r| r.text.as_str()).ok(),
            Some("First page.")
        );
        let err = items[1].as_ref().err().unwrap();
        assert!(err.is_fatal());
        assert!(matches!(err, IngestError::Gzip { .. }), "{err}");
        assert!(
            err.to_string()
                .starts_with("t.warc.gz: corrupt or truncated gzip data at byte "),
            "{err}"
        );
    }

    #[test]
    fn a_record_cut_short_is_fatal() {
        let mut bytes = sample()[..3].concat();
        bytes.truncate(bytes.len() - 10);
        check(
            "c.warc",
            bytes,
            1 << 20,
            &["c.warc: record 2 (byte 305): truncated: the file ends 6 bytes short of the block's Content-Length of 95"],
        );
    }

    #[test]
    fn a_record_over_the_limit_is_skipped() {
        let big = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>{}</p>",
            "word ".repeat(100)
        );
        let mut bytes = response("http://big.example/", big.as_bytes());
        bytes.extend(response(
            "http://small.example/",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>small</p>",
        ));
        check(
            "c.warc",
            bytes,
            200,
            &[
                "c.warc: record 0 (byte 0): too large: 551 bytes, over the limit of 200 bytes (raise the limit with --max-size)",
                "record 1 (byte 730) http://small.example/: small",
            ],
        );
    }

    #[test]
    fn malformed_headers_are_fatal() {
        check(
            "c.warc",
            b"WARC/1.0\r\nWARC-Type: response\r\n\r\n".to_vec(),
            1000,
            &["c.warc: record 0 (byte 0): malformed WARC header: no Content-Length"],
        );
        let mut bytes = sample()[2].clone();
        bytes.extend(b"garbage\r\n");
        check(
            "c.warc",
            bytes,
            1000,
            &[
                "record 0 (byte 0) http://a.example/one: First page.",
                "c.warc: record 1 (byte 274): malformed WARC header: expected a WARC/1.x version line, found \"garbage\"",
            ],
        );
    }

    #[test]
    fn reader_is_usable_directly() {
        let source = Source {
            path: "x.warc".into(),
            gz: false,
        };
        let mut warc = Warc::new(source, Box::new(Cursor::new(sample().concat())), 1 << 20);
        let mut n = 0;
        while let Some(item) = warc.next_record() {
            assert!(item.is_ok());
            n += 1;
        }
        assert_eq!(n, 2);
    }
}
