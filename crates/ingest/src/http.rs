//! The HTTP response inside a WARC `response` record: status line, headers, and the
//! body undone from chunked transfer-encoding and gzip/deflate content-encoding.

use std::io::Read;

/// Status, headers and where the body starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Head {
    /// The status code (`200`).
    pub status: u16,
    /// Header fields in order, names as written.
    pub headers: Vec<(String, String)>,
    /// Byte offset of the body in the message.
    pub body_start: usize,
}

impl Head {
    /// The first header of this name (case-insensitive), trimmed.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim())
    }

    /// The media type, lowercased, without parameters.
    pub(crate) fn media_type(&self) -> Option<String> {
        let ct = self.header("content-type")?;
        let media = ct.split(';').next().unwrap_or(ct).trim();
        Some(media.to_ascii_lowercase())
    }

    /// The `charset` parameter of `Content-Type`.
    pub(crate) fn charset(&self) -> Option<&str> {
        self.header("content-type")?
            .split(';')
            .skip(1)
            .filter_map(|p| p.split_once('='))
            .find(|(k, _)| k.trim().eq_ignore_ascii_case("charset"))
            .map(|(_, v)| v.trim().trim_matches(['"', '\'']))
    }
}

/// Parses an HTTP response head. `Ok(None)`: the head does not end within `bytes`.
pub(crate) fn parse_head(bytes: &[u8]) -> Result<Option<Head>, String> {
    let Some((head_end, body_start)) = find_head_end(bytes) else {
        return Ok(None);
    };
    let head = String::from_utf8_lossy(&bytes[..head_end]);
    let mut lines = head.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let status_line = lines.next().unwrap_or("");
    let mut parts = status_line.split_ascii_whitespace();
    let version = parts.next().unwrap_or("");
    if !version.starts_with("HTTP/") {
        return Err(format!(
            "not an HTTP status line: {:?}",
            preview(status_line)
        ));
    }
    let status = parts
        .next()
        .and_then(|s| s.parse::<u16>().ok())
        .ok_or_else(|| format!("no status code in {:?}", preview(status_line)))?;
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in lines {
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
            continue;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    Ok(Some(Head {
        status,
        headers,
        body_start,
    }))
}

/// End of the head (before its blank line) and start of the body.
fn find_head_end(bytes: &[u8]) -> Option<(usize, usize)> {
    let mut i = 0;
    while let Some(j) = bytes[i..].iter().position(|&b| b == b'\n') {
        let nl = i + j;
        let rest = &bytes[nl + 1..];
        if rest.starts_with(b"\r\n") {
            return Some((nl, nl + 3));
        }
        if rest.starts_with(b"\n") {
            return Some((nl, nl + 2));
        }
        i = nl + 1;
    }
    None
}

fn preview(s: &str) -> String {
    s.chars().take(60).collect()
}

/// A decoded body and the repairs made on the way.
pub(crate) struct Body {
    /// The payload bytes.
    pub bytes: Vec<u8>,
    /// Lowercase notes on encodings that could not be undone and were left as they were.
    pub warnings: Vec<String>,
}

/// Why a body could not be decoded.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum BodyError {
    /// Decompressed, it is larger than the limit.
    TooLarge,
    /// An encoding we cannot undo, and the raw bytes are not HTML either.
    Unreadable(String),
}

/// Undoes `Transfer-Encoding: chunked` and `Content-Encoding: gzip | deflate`.
/// When a declared encoding does not fit the bytes (crawlers often store bodies already
/// decoded), the bytes are kept as they are with a warning, if they look like markup.
pub(crate) fn decode_body(head: &Head, body: &[u8], limit: u64) -> Result<Body, BodyError> {
    let mut warnings = Vec::new();
    let chunked = head
        .header("transfer-encoding")
        .is_some_and(|te| te.to_ascii_lowercase().contains("chunked"));
    let mut bytes = if chunked {
        match dechunk(body) {
            Ok(b) => b,
            Err(partial) if !partial.is_empty() => {
                warnings.push("chunked body cut short: kept what was there".to_string());
                partial
            }
            Err(_) => {
                warnings.push("declared chunked but is not: read as is".to_string());
                body.to_vec()
            }
        }
    } else {
        body.to_vec()
    };
    let encoding = head
        .header("content-encoding")
        .map(|e| e.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let decoded = match encoding.as_str() {
        "" | "identity" | "none" => None,
        "gzip" | "x-gzip" => Some(inflate(
            flate2::read::MultiGzDecoder::new(bytes.as_slice()),
            limit,
        )),
        "deflate" => Some(
            inflate(flate2::read::ZlibDecoder::new(bytes.as_slice()), limit).or_else(|e| match e {
                Inflate::Corrupt => {
                    inflate(flate2::read::DeflateDecoder::new(bytes.as_slice()), limit)
                }
                other => Err(other),
            }),
        ),
        other => Some(Err(Inflate::Unsupported(other.to_string()))),
    };
    match decoded {
        None => {}
        Some(Ok(inflated)) => bytes = inflated,
        Some(Err(Inflate::TooLarge)) => return Err(BodyError::TooLarge),
        Some(Err(e)) => {
            let why = match e {
                Inflate::Unsupported(name) => format!("unsupported content-encoding {name:?}"),
                _ => format!("content-encoding {encoding:?} does not decode"),
            };
            if !looks_like_markup(&bytes) {
                return Err(BodyError::Unreadable(why));
            }
            warnings.push(format!("{why}: read as is"));
        }
    }
    Ok(Body { bytes, warnings })
}

enum Inflate {
    TooLarge,
    Corrupt,
    Unsupported(String),
}

fn inflate<R: Read>(reader: R, limit: u64) -> Result<Vec<u8>, Inflate> {
    let mut out = Vec::new();
    match reader.take(limit + 1).read_to_end(&mut out) {
        Ok(_) if out.len() as u64 > limit => Err(Inflate::TooLarge),
        Ok(_) => Ok(out),
        Err(_) => Err(Inflate::Corrupt),
    }
}

fn looks_like_markup(bytes: &[u8]) -> bool {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace());
    start.is_some_and(|i| bytes[i] == b'<')
}

/// Joins the chunks of a chunked body; `Err` holds what was joined before it broke.
fn dechunk(body: &[u8]) -> Result<Vec<u8>, Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let Some(nl) = rest.iter().position(|&b| b == b'\n') else {
            return Err(out);
        };
        let line = String::from_utf8_lossy(&rest[..nl]);
        let size_text = line.split(';').next().unwrap_or("").trim();
        let Ok(size) = usize::from_str_radix(size_text, 16) else {
            return Err(out);
        };
        rest = &rest[nl + 1..];
        if size == 0 {
            return Ok(out);
        }
        if rest.len() < size {
            out.extend_from_slice(rest);
            return Err(out);
        }
        out.extend_from_slice(&rest[..size]);
        rest = &rest[size..];
        rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))
            .unwrap_or(rest);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn check(message: &[u8], expect: Result<&str, BodyError>) {
        let head = parse_head(message).unwrap().unwrap();
        let got = decode_body(&head, &message[head.body_start..], 1000)
            .map(|b| String::from_utf8_lossy(&b.bytes).into_owned());
        assert_eq!(got.as_deref(), expect.as_ref().map(|s| *s));
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(bytes).unwrap();
        enc.finish().unwrap()
    }

    #[test]
    fn head_fields() {
        let head = parse_head(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=\"ISO-8859-1\"\r\nX-Long: a\r\n b\r\n\r\nbody")
            .unwrap()
            .unwrap();
        assert_eq!(head.status, 200);
        assert_eq!(head.media_type().as_deref(), Some("text/html"));
        assert_eq!(head.charset(), Some("ISO-8859-1"));
        assert_eq!(head.header("x-long"), Some("a b"));
        assert_eq!(head.body_start, 81);
        assert!(parse_head(b"GET / HTTP/1.1\r\n\r\n").is_err());
        assert_eq!(parse_head(b"HTTP/1.1 200 OK\r\nA: b\r\n"), Ok(None));
    }

    #[test]
    fn chunked_and_gzip_bodies() {
        check(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<p>he\r\n4;x=y\r\nllo!\r\n0\r\n\r\n", Ok("<p>hello!"));
        let mut message = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        message.extend(gzip(b"<p>zipped"));
        check(&message, Ok("<p>zipped"));
        // Chunked and gzipped at once.
        let zipped = gzip(b"<p>both");
        let mut message =
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n"
                .to_vec();
        message.extend(format!("{:x}\r\n", zipped.len()).as_bytes());
        message.extend(&zipped);
        message.extend(b"\r\n0\r\n\r\n");
        check(&message, Ok("<p>both"));
    }

    #[test]
    fn declared_encodings_that_do_not_fit() {
        check(
            b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n<p>plain",
            Ok("<p>plain"),
        );
        check(
            b"HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\n\x8b\x02",
            Err(BodyError::Unreadable(
                "unsupported content-encoding \"br\"".into(),
            )),
        );
        let mut bomb = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        bomb.extend(gzip(&[b' '; 5000]));
        check(&bomb, Err(BodyError::TooLarge));
    }
}
