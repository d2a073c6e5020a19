//! Bytes to text: the one decoder every reader shares, binary detection and
//! newline normalisation.
//!
//! Order of trust for plain inputs: a byte-order mark, then UTF-8, then Windows-1252
//! (when no byte undefined in it occurs), then a lossy UTF-8 decode. HTML adds a declared
//! charset (HTTP header or `<meta charset>`) after UTF-8.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
use std::borrow::Cow;

/// How many leading bytes binary detection and format sniffing look at.
pub(crate) const HEAD_LEN: usize = 8 * 1024;

/// Text decoded from bytes, with the warning to attach when the decode was not clean UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decoded {
    /// The text, `\r\n` and `\r` already turned into `\n`.
    pub text: String,
    /// Set when the bytes were not UTF-8 (or not valid in their declared charset).
    pub warning: Option<String>,
}

/// Decodes a plain input (text, Markdown, JSON): BOM, UTF-8, Windows-1252, lossy.
pub(crate) fn decode_text(bytes: Vec<u8>) -> Decoded {
    let (text, warning) = decode_raw(bytes, |_| None);
    Decoded {
        text: normalize_newlines(text),
        warning,
    }
}

/// Decodes an HTML page. `declared` is the charset of an HTTP `Content-Type` header;
/// a `<meta charset>` in the first KiB is used when the bytes are not UTF-8.
/// Newlines are left as they are: the HTML tokenizer normalises them.
pub(crate) fn decode_html(bytes: Vec<u8>, declared: Option<&str>) -> Decoded {
    let header = declared.and_then(|label| Encoding::for_label(label.trim().as_bytes()));
    let (text, warning) = decode_raw(bytes, |bytes| header.or_else(|| meta_charset(bytes)));
    Decoded { text, warning }
}

/// Decodes `bytes`. `declared` reads the declared charset from the bytes as given; it
/// is asked only when they may not be UTF-8 (UTF-8 bytes never need it).
fn decode_raw<F>(mut bytes: Vec<u8>, declared: F) -> (String, Option<String>)
where
    F: FnOnce(&[u8]) -> Option<&'static Encoding>,
{
    // `Ok`: already read (before a UTF-8 BOM is dropped); `Err`: not asked yet.
    let mut declared: Result<Option<&'static Encoding>, F> = Err(declared);
    if let Some((encoding, bom_len)) = Encoding::for_bom(&bytes) {
        if encoding == UTF_8 {
            declared = Ok(match declared {
                Ok(d) => d,
                Err(read) => read(&bytes),
            });
            bytes.drain(..bom_len);
        } else {
            let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
            let warning = had_errors.then(|| format!("invalid {} bytes replaced", encoding.name()));
            return (text.into_owned(), warning);
        }
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return (text, None),
        Err(e) => e.into_bytes(),
    };
    let declared = match declared {
        Ok(d) => d,
        Err(read) => read(&bytes),
    };
    // A declared UTF-16 is a mislabel once there is no BOM; UTF-8 already failed.
    if let Some(encoding) = declared.filter(|e| ![UTF_8, UTF_16LE, UTF_16BE].contains(e)) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes);
        let warning = had_errors.then(|| format!("invalid {} bytes replaced", encoding.name()));
        return (text.into_owned(), warning);
    }
    if !bytes
        .iter()
        .any(|b| matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D))
    {
        let (text, _) = WINDOWS_1252.decode_without_bom_handling(&bytes);
        return (
            text.into_owned(),
            Some("not UTF-8: decoded as Windows-1252".into()),
        );
    }
    let text = String::from_utf8_lossy(&bytes).into_owned();
    (
        text,
        Some("not UTF-8: invalid bytes replaced with U+FFFD".into()),
    )
}

/// Turns `\r\n` and lone `\r` into `\n`; borrows nothing when there is no `\r`.
pub(crate) fn normalize_newlines(text: String) -> String {
    match normalize_newlines_str(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(s) => s,
    }
}

/// [`normalize_newlines`] for borrowed text.
pub(crate) fn normalize_newlines_str(text: &str) -> Cow<'_, str> {
    if !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('\r') {
        out.push_str(&rest[..i]);
        out.push('\n');
        rest = &rest[i + 1..];
        if let Some(after) = rest.strip_prefix('\n') {
            rest = after;
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Whether the head of an input looks binary: a NUL byte, or more than 10% control
/// characters other than tab, newline, carriage return and form feed. A UTF-16 BOM
/// makes it text (UTF-16 is full of NULs).
pub(crate) fn is_binary(head: &[u8]) -> bool {
    let head = &head[..head.len().min(HEAD_LEN)];
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return false;
    }
    // One pass of byte comparisons; chunks short enough for `u8` counters vectorise.
    let (mut n_nul, mut n_control) = (0usize, 0usize);
    for chunk in head.chunks(255) {
        let (mut nul, mut control) = (0u8, 0u8);
        for &b in chunk {
            let allowed = b.wrapping_sub(b'\t') < 2 || b.wrapping_sub(0x0C) < 2;
            nul += u8::from(b == 0);
            control += u8::from((b < 0x20 && !allowed) || b == 0x7F);
        }
        n_nul += usize::from(nul);
        n_control += usize::from(control);
    }
    n_nul > 0 || n_control * 10 > head.len()
}

/// The charset a `<meta charset=…>` or `<meta http-equiv content="…; charset=…">`
/// declares within the first 1024 bytes.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = find(&lower[from..], b"charset") {
        let mut j = from + i + b"charset".len();
        from = j;
        while j < lower.len() && lower[j].is_ascii_whitespace() {
            j += 1;
        }
        if lower.get(j) != Some(&b'=') {
            continue;
        }
        j += 1;
        while j < lower.len() && matches!(lower[j], b' ' | b'"' | b'\'') {
            j += 1;
        }
        let end = lower[j..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
            .map_or(lower.len(), |k| j + k);
        if let Some(enc) = Encoding::for_label(&lower[j..end]) {
            return Some(enc);
        }
    }
    None
}

/// Position of `needle` in `hay`.
pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(bytes: &[u8], text: &str, warning: Option<&str>) {
        let got = decode_text(bytes.to_vec());
        assert_eq!(got.text, text);
        assert_eq!(got.warning.as_deref(), warning);
    }

    #[test]
    fn utf8_passes_and_loses_its_bom() {
        check("Caf\u{e9} au lait".as_bytes(), "Caf\u{e9} au lait", None);
        check(b"\xEF\xBB\xBFhello", "hello", None);
    }

    #[test]
    fn windows_1252_curly_quotes() {
        check(
            b"\x93Quoted\x94 \x96 dash",
            "\u{201c}Quoted\u{201d} \u{2013} dash",
            Some("not UTF-8: decoded as Windows-1252"),
        );
    }

    #[test]
    fn undefined_1252_bytes_decode_lossily() {
        check(
            b"bad \x81 byte \xff",
            "bad \u{fffd} byte \u{fffd}",
            Some("not UTF-8: invalid bytes replaced with U+FFFD"),
        );
    }

    #[test]
    fn utf16_with_bom() {
        check(b"\xFF\xFEh\0i\0", "hi", None);
    }

    #[test]
    fn newlines_are_normalised() {
        check(b"a\r\nb\rc\n\r\nd", "a\nb\nc\n\nd", None);
    }

    #[test]
    fn html_charset_from_meta_or_header() {
        let page = b"<meta charset=\"iso-8859-1\"><p>caf\xe9".to_vec();
        let got = decode_html(page, None);
        assert_eq!(got.text, "<meta charset=\"iso-8859-1\"><p>caf\u{e9}");
        assert_eq!(got.warning, None);
        let got = decode_html(b"\x82\xa0".to_vec(), Some("shift_jis"));
        assert_eq!(got.text, "\u{3042}");
        // Valid UTF-8 wins over a mislabel.
        let got = decode_html("caf\u{e9}".as_bytes().to_vec(), Some("windows-1252"));
        assert_eq!(got.text, "caf\u{e9}");
    }

    #[test]
    fn binary_detection() {
        assert!(is_binary(b"abc\0def"));
        assert!(is_binary(&[1u8, 2, 3, 4, 5, b'a', b'b']));
        assert!(!is_binary(b"plain text\twith tabs\r\n"));
        assert!(!is_binary(b"\xFF\xFEh\0i\0"));
        assert!(!is_binary(b""));
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        /// The test `is_binary` replaced.
        fn is_binary_by_filter(head: &[u8]) -> bool {
            let head = &head[..head.len().min(HEAD_LEN)];
            if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
                return false;
            }
            if head.contains(&0) {
                return true;
            }
            let n_control = head
                .iter()
                .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)) || b == 0x7F)
                .count();
            n_control * 10 > head.len()
        }

        proptest! {
            #[test]
            fn binary_detection_agrees_with_the_filter(
                bytes in prop::collection::vec(
                    prop_oneof![any::<u8>(), 0u8..0x21, Just(b'a'), Just(0x7F)],
                    0..600,
                ),
                long in any::<bool>(),
            ) {
                let bytes = if long { bytes.repeat(20) } else { bytes };
                prop_assert_eq!(is_binary(&bytes), is_binary_by_filter(&bytes));
            }

            #[test]
            fn declared_charsets_are_read_from_the_bytes_as_given(
                bom in any::<bool>(),
                pad in 0usize..1030,
                tail in prop::sample::select(vec![&b"caf\xe9"[..], "caf\u{e9}".as_bytes(), b"\x82\xa0"]),
                charset in prop::sample::select(vec!["iso-8859-1", "shift_jis", "utf-16le", "nonsense"]),
            ) {
                let mut bytes = if bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
                bytes.extend(std::iter::repeat_n(b' ', pad));
                bytes.extend_from_slice(format!("<meta charset=\"{charset}\">").as_bytes());
                bytes.extend_from_slice(tail);
                // Read eagerly, from the bytes as given, as before.
                let declared = meta_charset(&bytes);
                let eager = decode_raw(bytes.clone(), move |_| declared);
                let got = decode_html(bytes, None);
                prop_assert_eq!((got.text, got.warning), eager);
            }
        }
    }
}
