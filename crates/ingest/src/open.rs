//! Opening an input: look through gzip, decide the format, read a whole file or set
//! up a stream, and hand out [`Records`].

use crate::decode::{decode_html, decode_text, is_binary, HEAD_LEN};
use crate::json::{JsonFile, JsonLines};
use crate::read::{read_to_limit, Whole};
use crate::sniff::{format_from_content, format_from_name, GZIP_MAGIC};
use crate::warc::Warc;
use crate::{IngestError, Limits};
use model::{Diagnostic, Format, Locator, MetaAuthority, Record};
use std::fmt;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

const READ_BUFFER: usize = 64 * 1024;

/// The input being read, for error messages.
#[derive(Debug, Clone)]
pub(crate) struct Source {
    /// Its path or name.
    pub path: PathBuf,
    /// Whether it is being decompressed (read errors are then gzip errors).
    pub gz: bool,
}

impl Source {
    /// A read failure `offset` bytes into the (decompressed) stream.
    pub(crate) fn read_error(&self, e: io::Error, locator: Locator, offset: u64) -> IngestError {
        let gzip_kinds = [
            io::ErrorKind::InvalidData,
            io::ErrorKind::InvalidInput,
            io::ErrorKind::UnexpectedEof,
        ];
        if self.gz && gzip_kinds.contains(&e.kind()) {
            let reason = e.to_string();
            let reason = if reason.is_empty() || reason == "failed to fill whole buffer" {
                "the stream ends early".to_string()
            } else {
                reason.to_lowercase()
            };
            IngestError::Gzip {
                path: self.path.clone(),
                offset,
                reason,
            }
        } else {
            IngestError::Io {
                path: self.path.clone(),
                locator,
                source: e,
            }
        }
    }
}

/// The records of one input, in file order. Each item is a record or an error; after a
/// fatal error ([`IngestError::is_fatal`]) the iterator ends.
pub struct Records {
    format: Format,
    inner: Inner,
    done: bool,
}

enum Inner {
    Ready(std::vec::IntoIter<Result<Record, IngestError>>),
    Lines(JsonLines),
    Warc(Box<Warc>),
}

impl Records {
    /// The format the input is read as.
    pub fn format(&self) -> Format {
        self.format
    }

    fn ready(format: Format, items: Vec<Result<Record, IngestError>>) -> Records {
        Records {
            format,
            inner: Inner::Ready(items.into_iter()),
            done: false,
        }
    }
}

impl fmt::Debug for Records {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Records")
            .field("format", &self.format)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl Iterator for Records {
    type Item = Result<Record, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let item = match &mut self.inner {
            Inner::Ready(items) => items.next(),
            Inner::Lines(lines) => lines.next_record(),
            Inner::Warc(warc) => warc.next_record(),
        };
        match &item {
            None => self.done = true,
            Some(Err(e)) if e.is_fatal() => self.done = true,
            Some(_) => {}
        }
        item
    }
}

impl std::iter::FusedIterator for Records {}

/// See [`crate::open_path`].
pub(crate) fn open_path(path: &Path, limits: &Limits) -> Result<Records, IngestError> {
    let io_error = |source| IngestError::Io {
        path: path.to_path_buf(),
        locator: Locator::Whole,
        source,
    };
    let meta = fs::metadata(path).map_err(io_error)?;
    if meta.is_dir() {
        return Err(io_error(io::Error::from(io::ErrorKind::IsADirectory)));
    }
    let file = File::open(path).map_err(io_error)?;
    let reader = BufReader::with_capacity(READ_BUFFER, file);
    open_reader(path, Box::new(reader), Some(meta.len()), limits)
}

/// See [`crate::open_bytes`].
pub(crate) fn open_bytes(
    name: &Path,
    bytes: Vec<u8>,
    limits: &Limits,
) -> Result<Records, IngestError> {
    let size = bytes.len() as u64;
    // A whole-file input already in memory is read where it stands: the same steps as
    // `open_reader`, without copying the bytes through a reader.
    let head = &bytes[..bytes.len().min(HEAD_LEN)];
    if !head.starts_with(&GZIP_MAGIC) {
        let format = format_from_name(name).or_else(|| format_from_content(head));
        if let Some(format @ (Format::Text | Format::Markdown | Format::Html | Format::Json)) =
            format
        {
            if is_binary(head) {
                return Err(IngestError::Binary {
                    path: name.to_path_buf(),
                });
            }
            let limit = limits.max_record_bytes;
            if size > limit {
                return Err(too_large(name, size, false, limit));
            }
            let source = Source {
                path: name.to_path_buf(),
                gz: false,
            };
            return whole_file(source, format, bytes, limit);
        }
    }
    open_reader(name, Box::new(Cursor::new(bytes)), Some(size), limits)
}

/// A whole-file input over the limit: `size` bytes (or at least that many).
fn too_large(path: &Path, size: u64, at_least: bool, limit: u64) -> IngestError {
    IngestError::TooLarge {
        path: path.to_path_buf(),
        locator: Locator::Whole,
        size,
        at_least,
        limit,
    }
}

/// A reader that fails: stands for the rest of a stream whose head already failed,
/// so the bytes read before the failure are still used.
struct Failed(Option<io::Error>);

impl Read for Failed {
    fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
        Err(self
            .0
            .take()
            .unwrap_or_else(|| io::Error::other("the stream failed earlier")))
    }
}

impl BufRead for Failed {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        Err(self
            .0
            .take()
            .unwrap_or_else(|| io::Error::other("the stream failed earlier")))
    }

    fn consume(&mut self, _: usize) {}
}

/// Reads up to [`HEAD_LEN`] bytes; on a read error, what came before it and a reader
/// that replays the error.
fn split_head(mut reader: Box<dyn BufRead + Send>) -> (Vec<u8>, Box<dyn BufRead + Send>) {
    let mut head = Vec::with_capacity(HEAD_LEN);
    match (&mut reader).take(HEAD_LEN as u64).read_to_end(&mut head) {
        Ok(_) => (head, reader),
        Err(e) => (head, Box::new(Failed(Some(e)))),
    }
}

fn open_reader(
    path: &Path,
    reader: Box<dyn BufRead + Send>,
    size: Option<u64>,
    limits: &Limits,
) -> Result<Records, IngestError> {
    let limit = limits.max_record_bytes;
    let mut source = Source {
        path: path.to_path_buf(),
        gz: false,
    };
    let (mut head, mut rest) = split_head(reader);
    let mut size = size;
    if head.starts_with(&GZIP_MAGIC) {
        let compressed = Cursor::new(head).chain(rest);
        let decoder = flate2::bufread::MultiGzDecoder::new(compressed);
        (head, rest) = split_head(Box::new(BufReader::with_capacity(READ_BUFFER, decoder)));
        source.gz = true;
        size = None;
    }
    let binary = || IngestError::Binary {
        path: path.to_path_buf(),
    };
    let format = format_from_name(path)
        .or_else(|| format_from_content(&head))
        .ok_or_else(binary)?;
    if format != Format::Warc && is_binary(&head) {
        return Err(binary());
    }
    match format {
        Format::JsonLines => {
            let stream = Box::new(Cursor::new(head).chain(rest));
            Ok(Records {
                format,
                inner: Inner::Lines(JsonLines::new(source, stream, limit)),
                done: false,
            })
        }
        Format::Warc => {
            let stream = Box::new(Cursor::new(head).chain(rest));
            Ok(Records {
                format,
                inner: Inner::Warc(Box::new(Warc::new(source, stream, limit))),
                done: false,
            })
        }
        Format::Text | Format::Markdown | Format::Html | Format::Json => {
            if let Some(size) = size.filter(|&s| s > limit) {
                return Err(too_large(path, size, false, limit));
            }
            let bytes = match read_to_limit(&mut rest, head, limit) {
                Ok(Whole::Bytes(bytes)) => bytes,
                Ok(Whole::TooLarge) => return Err(too_large(path, limit + 1, true, limit)),
                Err((e, offset)) => return Err(source.read_error(e, Locator::Whole, offset)),
            };
            whole_file(source, format, bytes, limit)
        }
    }
}

/// A whole-file input, already read. Blank input gives no records.
fn whole_file(
    source: Source,
    format: Format,
    bytes: Vec<u8>,
    limit: u64,
) -> Result<Records, IngestError> {
    let content = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    if content.iter().all(u8::is_ascii_whitespace) {
        return Ok(Records::ready(format, Vec::new()));
    }
    let warn = |record: &mut Record, warning: Option<String>| {
        if let Some(w) = warning {
            record
                .diagnostics
                .push(Diagnostic::warning(Locator::Whole, w));
        }
    };
    let record = match format {
        Format::Text => {
            let decoded = decode_text(bytes);
            let mut record = Record::plain(Format::Text, decoded.text);
            warn(&mut record, decoded.warning);
            record
        }
        Format::Markdown => {
            let decoded = decode_text(bytes);
            let (text, meta) = crate::markdown::extract(&decoded.text);
            let mut record = Record::plain(Format::Markdown, text);
            record.meta = meta;
            record.authority = MetaAuthority::Hint;
            warn(&mut record, decoded.warning);
            record
        }
        Format::Html => {
            let decoded = decode_html(bytes, None);
            let page = crate::html::extract(&decoded.text);
            let mut record = Record::plain(Format::Html, page.text);
            record.meta = page.meta;
            warn(&mut record, decoded.warning);
            if record.text.is_empty() {
                warn(&mut record, Some("no visible text".into()));
            }
            record
        }
        Format::Json | Format::JsonLines | Format::Warc => {
            let decoded = decode_text(bytes);
            return match crate::json::read_file(&source, decoded.text, decoded.warning) {
                Err(e) => Ok(Records::ready(Format::Json, vec![Err(e)])),
                Ok(JsonFile::Articles(items)) => Ok(Records::ready(Format::Json, items)),
                Ok(JsonFile::Lines(text)) => {
                    let stream = Box::new(Cursor::new(text.into_bytes()));
                    Ok(Records {
                        format: Format::JsonLines,
                        inner: Inner::Lines(JsonLines::new(source, stream, limit)),
                        done: false,
                    })
                }
            };
        }
    };
    Ok(Records::ready(format, vec![Ok(record)]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// Opens `bytes` under `name`; shows the format and each item as `text` or the error.
    fn check(name: &str, bytes: &[u8], limit: u64, expect: &[&str]) {
        let limits = Limits {
            max_record_bytes: limit,
        };
        let got: Vec<String> = match open_bytes(name.as_ref(), bytes.to_vec(), &limits) {
            Err(e) => vec![format!("error: {e}")],
            Ok(records) => {
                let mut got = vec![records.format().to_string()];
                got.extend(records.map(|item| match item {
                    Ok(r) => r.text,
                    Err(e) => format!("error: {e}"),
                }));
                got
            }
        };
        assert_eq!(got, expect, "{name}");
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(bytes).unwrap();
        enc.finish().unwrap()
    }

    #[test]
    fn each_whole_file_format() {
        check(
            "a.txt",
            b"Plain\r\ntext.\n",
            100,
            &["text", "Plain\ntext.\n"],
        );
        check(
            "a.md",
            b"# Head\n\nSome *text*.",
            100,
            &["markdown", "Head\n\nSome text."],
        );
        check(
            "a.html",
            b"<title>T</title><p>Page</p>",
            100,
            &["html", "Page"],
        );
        check(
            "a.json",
            b"{\"text\": \"Json body\"}",
            100,
            &["json", "Json body"],
        );
        check(
            "a.json",
            b"{\"text\": \"l1\"}\n{\"text\": \"l2\"}\n",
            100,
            &["jsonl", "l1", "l2"],
        );
        check(
            "a.jsonl",
            b"{\"text\": \"l1\"}\n{\"text\": \"l2\"}",
            100,
            &["jsonl", "l1", "l2"],
        );
    }

    #[test]
    fn gzip_is_undone() {
        check(
            "a.jsonl.gz",
            &gzip(b"{\"text\": \"zipped\"}\n"),
            100,
            &["jsonl", "zipped"],
        );
        check(
            "a.gz",
            &gzip(b"<!doctype html><p>zipped page"),
            100,
            &["html", "zipped page"],
        );
        check("a.txt.gz", &gzip(b"x".repeat(200).as_slice()), 100, &["error: a.txt.gz: too large: more than the limit of 100 bytes (raise the limit with --max-size)"]);
        let mut broken = gzip(b"some text that is long enough to be cut in the middle of it");
        broken.truncate(broken.len() - 12);
        let got = open_bytes("b.txt.gz".as_ref(), broken, &Limits::default()).map(|_| ());
        assert!(matches!(got, Err(IngestError::Gzip { .. })), "{got:?}");
    }

    #[test]
    fn empty_binary_and_too_large() {
        check("e.txt", b"", 100, &["text"]);
        check("e.html", b"  \n", 100, &["html"]);
        check("e.jsonl", b"", 100, &["jsonl"]);
        check(
            "blob.txt",
            b"\x00\x01\x02\x03",
            100,
            &["error: blob.txt: binary data, not text (NUL bytes or control characters)"],
        );
        check(
            "blob",
            b"\x7fELF\x02\x01\x01\x00\x00",
            100,
            &["error: blob: binary data, not text (NUL bytes or control characters)"],
        );
        check("big.txt", &[b'a'; 101], 100, &["error: big.txt: too large: 101 bytes, over the limit of 100 bytes (raise the limit with --max-size)"]);
        check(
            "a.json",
            b"{\"title\": 1}",
            100,
            &[
                "json",
                "error: a.json: no article text: neither `text` nor `maintext` is a string",
            ],
        );
        check(
            "a.json",
            b"{oops",
            100,
            &[
                "json",
                "error: a.json: not JSON: key must be a string at line 1 column 2",
            ],
        );
    }

    #[test]
    fn empty_inputs_give_no_records() {
        for name in ["e.md", "e.json", "e.warc", "e.warc.gz", "e", "-"] {
            check(name, b"", 100, &[detect(name)]);
        }
        check("bom.txt", b"\xEF\xBB\xBF\n", 100, &["text"]);
    }

    fn detect(name: &str) -> &'static str {
        crate::detect_format(name.as_ref(), b"").map_or("?", |f| f.name())
    }

    #[test]
    fn warnings_travel_with_the_record() {
        let limits = Limits::default();
        let mut records = open_bytes("q.txt".as_ref(), b"\x93hi\x94".to_vec(), &limits).unwrap();
        let record = records.next().unwrap().unwrap();
        assert_eq!(record.text, "\u{201c}hi\u{201d}");
        let notes: Vec<String> = record.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(notes, ["not UTF-8: decoded as Windows-1252"]);
        let mut records =
            open_bytes("s.html".as_ref(), b"<script>x()</script>".to_vec(), &limits).unwrap();
        let record = records.next().unwrap().unwrap();
        assert_eq!(
            (record.text.as_str(), record.diagnostics[0].message.as_str()),
            ("", "no visible text")
        );
    }

    #[test]
    fn truncated_gzip_lines_keep_what_came_before() {
        let mut lines = String::new();
        for i in 0..200 {
            lines.push_str(&format!(
                "{{\"text\": \"line number {i} with some words\"}}\n"
            ));
        }
        let mut zipped = gzip(lines.as_bytes());
        zipped.truncate(zipped.len() * 2 / 3);
        let items: Vec<_> = open_bytes("t.jsonl.gz".as_ref(), zipped, &Limits::default())
            .unwrap()
            .collect();
        let n_ok = items.iter().take_while(|r| r.is_ok()).count();
        assert!(n_ok > 10 && n_ok < 200, "{n_ok}");
        assert_eq!(items.len(), n_ok + 1);
        assert!(
            matches!(items[n_ok], Err(IngestError::Gzip { .. })),
            "{:?}",
            items[n_ok]
        );
    }

    #[test]
    fn records_can_move_to_worker_threads() {
        fn assert_send<T: Send>() {}
        assert_send::<Records>();
        assert_send::<IngestError>();
    }

    #[test]
    fn fatal_errors_end_the_iteration() {
        let limits = Limits::default();
        let mut records = open_bytes("a.json".as_ref(), b"[oops".to_vec(), &limits).unwrap();
        assert!(records
            .next()
            .is_some_and(|r| r.is_err_and(|e| e.is_fatal())));
        assert!(records.next().is_none());
    }

    #[test]
    fn paths_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let limits = Limits::default();
        let err = open_path(dir.path(), &limits).unwrap_err();
        assert!(
            err.to_string().ends_with(": is a directory, not a file"),
            "{err}"
        );
        let missing = dir.path().join("missing.txt");
        let err = open_path(&missing, &limits).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("{}: no such file or directory", missing.display())
        );
        let file = dir.path().join("big.html");
        fs::write(&file, "<p>0123456789</p>").unwrap();
        let small = Limits {
            max_record_bytes: 5,
        };
        assert!(matches!(
            open_path(&file, &small),
            Err(IngestError::TooLarge { size: 17, .. })
        ));
        let texts: Vec<String> = open_path(&file, &limits)
            .unwrap()
            .map(|r| r.unwrap().text)
            .collect();
        assert_eq!(texts, ["0123456789"]);
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        /// Everything an opening gives, as text.
        fn show(opened: Result<Records, IngestError>) -> String {
            match opened {
                Err(e) => format!("error: {e}"),
                Ok(records) => {
                    let format = records.format();
                    let items: Vec<String> = records
                        .map(|r| match r {
                            Ok(r) => format!("{r:?}"),
                            Err(e) => format!("error: {e}"),
                        })
                        .collect();
                    format!("{format:?} {items:?}")
                }
            }
        }

        proptest! {
            #[test]
            fn bytes_in_memory_read_as_through_a_reader(
                name in prop::sample::select(vec!["a.txt", "a.html", "a.md", "a.json", "a.jsonl", "a", "a.bin"]),
                head in prop::sample::select(vec![
                    &b""[..], b"<!doctype html>", b"<html><title>T</title>", b"\xEF\xBB\xBF", b"\xFF\xFE",
                    b"[", b"{\"text\": \"x\"}\n", b"WARC/1.0\r\n", b"\x1F\x8B", b"\0", b"\x01\x02\x03",
                ]),
                body in prop::collection::vec(any::<u8>(), 0..64),
                text in "[a-z <>/p\n\r\u{e9}\u{93}&;]{0,64}",
                limit in prop::sample::select(vec![16u64, 64, 1 << 20]),
            ) {
                let mut bytes = head.to_vec();
                bytes.extend_from_slice(text.as_bytes());
                bytes.extend_from_slice(&body);
                let limits = Limits { max_record_bytes: limit };
                let size = bytes.len() as u64;
                let through_reader = open_reader(
                    name.as_ref(),
                    Box::new(Cursor::new(bytes.clone())),
                    Some(size),
                    &limits,
                );
                prop_assert_eq!(
                    show(open_bytes(name.as_ref(), bytes, &limits)),
                    show(through_reader)
                );
            }
        }
    }
}
