//! Which format an input is: from its name's extension, else from its first bytes.

use crate::decode::{is_binary, HEAD_LEN};
use model::Format;
use std::io::Read;
use std::path::Path;

/// The gzip magic number.
pub(crate) const GZIP_MAGIC: [u8; 2] = [0x1F, 0x8B];

/// The format named by the extension of `path`, looking through a trailing `.gz`
/// (`x.jsonl.gz` is JSON Lines). `None` for an unknown or missing extension.
pub(crate) fn format_from_name(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let (_, ext) = name.rsplit_once('.')?;
    Some(match ext {
        "txt" | "text" => Format::Text,
        "md" | "markdown" => Format::Markdown,
        "html" | "htm" | "xhtml" => Format::Html,
        "json" => Format::Json,
        "jsonl" | "ndjson" => Format::JsonLines,
        "warc" => Format::Warc,
        _ => return None,
    })
}

/// The format the first bytes of an (already decompressed) input suggest; `None` when
/// they look binary.
pub(crate) fn format_from_content(head: &[u8]) -> Option<Format> {
    let head = &head[..head.len().min(HEAD_LEN)];
    let start = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let skip = start
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(start.len());
    let start = &start[skip..];
    if start.starts_with(b"WARC/1.") {
        return Some(Format::Warc);
    }
    if is_binary(head) {
        return None;
    }
    let prefix = start[..start.len().min(512)].to_ascii_lowercase();
    let htmlish = [b"<!doctype html".as_slice(), b"<html", b"<head", b"<body"];
    if htmlish.iter().any(|p| prefix.starts_with(p))
        || (prefix.starts_with(b"<?xml") && crate::decode::find(&prefix, b"<html").is_some())
    {
        return Some(Format::Html);
    }
    if start.starts_with(b"[") {
        return Some(Format::Json);
    }
    if start.starts_with(b"{") {
        return Some(json_or_lines(start));
    }
    Some(Format::Text)
}

/// A file starting with `{`: JSON Lines when its first line looks like a whole object
/// (or runs past the head), one JSON object when the first line leaves it open
/// (pretty-printed). A one-line object reads the same either way.
fn json_or_lines(start: &[u8]) -> Format {
    match start.iter().position(|&b| b == b'\n') {
        None => Format::JsonLines,
        Some(i) if start[..i].trim_ascii_end().ends_with(b"}") => Format::JsonLines,
        Some(_) => Format::Json,
    }
}

/// See [`crate::detect_format`].
pub(crate) fn detect_format(path: &Path, head: &[u8]) -> Option<Format> {
    if let Some(format) = format_from_name(path) {
        return Some(format);
    }
    if head.starts_with(&GZIP_MAGIC) {
        let mut inner = Vec::with_capacity(HEAD_LEN);
        let mut decoder = flate2::read::MultiGzDecoder::new(head).take(HEAD_LEN as u64);
        // A head cut mid-stream ends in an error: keep what came out before it.
        let mut buf = [0u8; 1024];
        loop {
            match decoder.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => inner.extend_from_slice(&buf[..n]),
            }
        }
        return format_from_content(&inner);
    }
    format_from_content(head)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn check(name: &str, head: &[u8], expect: Option<Format>) {
        assert_eq!(detect_format(Path::new(name), head), expect, "{name}");
    }

    #[test]
    fn extensions_decide() {
        check("a.txt", b"", Some(Format::Text));
        check("a.MD", b"", Some(Format::Markdown));
        check("a.markdown", b"", Some(Format::Markdown));
        check("dir/a.htm", b"", Some(Format::Html));
        check("a.xhtml", b"", Some(Format::Html));
        check("a.json", b"", Some(Format::Json));
        check("a.ndjson", b"", Some(Format::JsonLines));
        check("a.jsonl.gz", b"", Some(Format::JsonLines));
        check("a.warc.gz", b"", Some(Format::Warc));
        check("a.warc", b"", Some(Format::Warc));
    }

    #[test]
    fn content_decides_without_an_extension() {
        check("page", b"  <!DOCTYPE html><p>x", Some(Format::Html));
        check("page", b"<html lang=en>", Some(Format::Html));
        check("crawl", b"WARC/1.0\r\n", Some(Format::Warc));
        check(
            "a.bin",
            b"{\"text\": \"x\"}\n{\"text\": \"y\"}\n",
            Some(Format::JsonLines),
        );
        check("a.bin", b"{\n  \"text\": \"x\"\n}\n", Some(Format::Json));
        check("a", b"[{\"text\": \"x\"}]", Some(Format::Json));
        check("notes", b"Just some words.", Some(Format::Text));
        check("blob", b"\x00\x01\x02binary", None);
    }

    #[test]
    fn gzip_is_looked_through() {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(b"<!doctype html><title>t</title>").unwrap();
        let gz = enc.finish().unwrap();
        check("download", &gz, Some(Format::Html));
        check("download", &gz[..gz.len() - 4], Some(Format::Html));
    }
}
