//! Fuzz-style property tests on stable Rust: random and mutated bytes under every name
//! and extension must never panic, iteration must end, and the HTML extractor must never
//! let script or style content into the text.

use flate2::write::GzEncoder;
use flate2::Compression;
use ingest::{open_bytes, Limits};
use proptest::prelude::*;
use std::io::Write;
use std::path::Path;

const MARKER: &str = "zqxmarkerzqx";

const NAMES: [&str; 11] = [
    "a.txt",
    "a.md",
    "a.html",
    "a.json",
    "a.jsonl",
    "a.warc",
    "a.warc.gz",
    "a.jsonl.gz",
    "a.gz",
    "noext",
    "-",
];

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn warc_response(uri: &str, html: &str) -> Vec<u8> {
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}");
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    out.extend(http.as_bytes());
    out.extend(b"\r\n\r\n");
    out
}

/// Valid inputs to mutate, each with the name it is read under.
fn samples() -> Vec<(&'static str, Vec<u8>)> {
    let html = "<!doctype html><html><head><title>T &amp; x</title><meta property=og:title content=\"OG\">\
        <script type=\"application/ld+json\">{\"datePublished\":\"2020-01-02\",\"author\":{\"name\":\"A\"}}</script>\
        <style>p{color:red}</style></head><body><nav>menu</nav><article><h1>Head</h1><p>One <b>two</b>&nbsp;three.</p>\
        <ul><li>a<li>b</ul><table><tr><td>c<td>d</table><br><pre>x\ny</pre></article><footer>f</footer></body></html>";
    let json = r#"{"title": "T", "maintext": "Body\nmore", "date_publish": "2017-07-31 00:00:00", "authors": ["A", "B"], "source_domain": "x.org"}"#;
    let jsonl = format!(
        "{json}\n{{\"text\": \"two\"}}\nnot json\n\n{{\"text\": \"four\", \"date\": null}}\n"
    );
    let mut warc = warc_response("http://a.example/1", html);
    warc.extend(b"WARC/1.0\r\nWARC-Type: request\r\nContent-Length: 5\r\n\r\nGET /\r\n\r\n");
    warc.extend(warc_response("http://a.example/2", "<p>second</p>"));
    let mut warc_gz = gzip(&warc_response("http://a.example/1", html));
    warc_gz.extend(gzip(&warc_response("http://a.example/2", "<p>second</p>")));
    let md = "---\ntitle: \"T\"\ndate: 2021-01-02\nauthors:\n  - A\n---\n# Head\n\nSome **bold** [link](http://x) ![i](y) text.\n";
    vec![
        ("a.html", html.as_bytes().to_vec()),
        ("a.json", json.as_bytes().to_vec()),
        (
            "a.json",
            format!("[{json}, 3, {{\"text\": \"x\"}}]").into_bytes(),
        ),
        ("a.jsonl", jsonl.clone().into_bytes()),
        ("a.jsonl.gz", gzip(jsonl.as_bytes())),
        ("a.warc", warc),
        ("a.warc.gz", warc_gz),
        ("a.md", md.as_bytes().to_vec()),
        (
            "a.txt",
            "Caf\u{e9} \u{201c}quoted\u{201d}\r\nline"
                .as_bytes()
                .to_vec(),
        ),
    ]
}

/// Opens and drains an input; panics (failing the property) only on a broken invariant.
fn drain(name: &str, bytes: Vec<u8>, limit: u64) -> Vec<model::Record> {
    let n_bytes = bytes.len();
    let limits = Limits {
        max_record_bytes: limit,
    };
    let Ok(records) = open_bytes(Path::new(name), bytes, &limits) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut n_items = 0;
    for item in records {
        n_items += 1;
        // Every item consumes input, so there cannot be more items than bytes (plus one).
        assert!(
            n_items <= n_bytes + 1,
            "{name}: {n_items} items from {n_bytes} bytes"
        );
        if let Ok(record) = item {
            out.push(record);
        }
    }
    out
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Truncate(usize),
    Duplicate(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (any::<usize>(), prop::collection::vec(any::<u8>(), 1..16))
            .prop_map(|(i, v)| Mutation::Insert(i, v)),
        (any::<usize>(), 1usize..64).prop_map(|(i, n)| Mutation::Delete(i, n)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), 1usize..64).prop_map(|(i, n)| Mutation::Duplicate(i, n)),
    ]
}

fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = bytes.len().max(1);
        match m {
            Mutation::Flip(i, b) => {
                if !bytes.is_empty() {
                    bytes[i % len] ^= b | 1;
                }
            }
            Mutation::Insert(i, v) => {
                let at = i % (bytes.len() + 1);
                bytes.splice(at..at, v.iter().copied());
            }
            Mutation::Delete(i, n) => {
                let at = i % len;
                let end = (at + n).min(bytes.len());
                if at < end {
                    bytes.drain(at..end);
                }
            }
            Mutation::Truncate(i) => bytes.truncate(i % len),
            Mutation::Duplicate(i, n) => {
                let at = i % len;
                let end = (at + n).min(bytes.len());
                if at < end {
                    let piece = bytes[at..end].to_vec();
                    bytes.splice(at..at, piece);
                }
            }
        }
    }
    bytes
}

/// Pieces of a page: text never holds `<`, and the marker appears only inside script
/// or style bodies that cannot end early.
fn html_piece() -> impl Strategy<Value = String> {
    let text = "[a-zA-Z0-9 .,;&#\n\t]{0,24}";
    let tag = prop::sample::select(vec![
        "p", "div", "span", "b", "i", "a", "nav", "ul", "li", "table", "tr", "td", "pre", "h1",
        "section", "article", "footer", "aside", "form", "button", "svg", "math", "title",
        "textarea", "noscript", "iframe", "template", "br", "hr", "img", "time", "head", "body",
    ]);
    let attrs = prop::sample::select(vec![
        "",
        " hidden",
        " class=\"x\"",
        " role=navigation",
        " aria-hidden=\"true\"",
        " title='a > b'",
        " datetime=\"2020-01-02\"",
        " style=\"display:none\"",
    ]);
    let tricky = prop::sample::select(vec![
        "",
        "a < b",
        "<p>",
        "</p>",
        "<!--",
        "-->",
        "</scrip>",
        "<script>",
        "'\"",
        "&amp;",
        "\0",
        "<![CDATA[",
        "]]>",
        "</div>",
        "\n",
        "</styl",
    ]);
    prop_oneof![
        text.prop_map(|t| t.to_string()),
        (tag.clone(), attrs).prop_map(|(t, a)| format!("<{t}{a}>")),
        tag.prop_map(|t| format!("</{t}>")),
        (tricky.clone(), tricky.clone())
            .prop_map(|(a, b)| format!("<script>{a}{MARKER}{b}</script>")),
        (tricky.clone(), tricky.clone()).prop_map(|(a, b)| format!(
            "<script type=\"application/ld+json\">{{\"headline\": \"{a}{MARKER}{b}\"}}</script>"
        )),
        (tricky.clone(), tricky).prop_map(|(a, b)| format!("<style>{a}{MARKER}{b}</style>")),
        Just(format!("<SCRIPT src=x>{MARKER}</SCRIPT >")),
        Just(format!("<style media=print>{MARKER}</style\n>")),
        Just("<!-- c -->".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_under_every_name(bytes in prop::collection::vec(any::<u8>(), 0..4096), name_idx in 0..NAMES.len()) {
        drain(NAMES[name_idx], bytes, 1 << 20);
    }

    #[test]
    fn random_gzip_under_every_name(bytes in prop::collection::vec(any::<u8>(), 0..2048), name_idx in 0..NAMES.len()) {
        drain(NAMES[name_idx], gzip(&bytes), 1 << 20);
    }

    #[test]
    fn mutated_valid_inputs(
        sample_idx in 0..9usize,
        mutations in prop::collection::vec(mutation(), 1..6),
        rename in prop::option::of(0..NAMES.len()),
        limit in prop_oneof![Just(1u64 << 20), 16u64..512],
    ) {
        let all = samples();
        let (name, bytes) = all[sample_idx % all.len()].clone();
        let name = rename.map_or(name, |i| NAMES[i]);
        for record in drain(name, mutate(bytes, &mutations), limit) {
            prop_assert!(std::str::from_utf8(record.text.as_bytes()).is_ok());
        }
    }

    #[test]
    fn script_and_style_never_reach_the_text(pieces in prop::collection::vec(html_piece(), 0..40)) {
        let page = pieces.concat();
        let extracted = ingest::html::extract(&page);
        prop_assert!(!extracted.text.contains(MARKER), "{page:?} gave {:?}", extracted.text);
        prop_assert!(!extracted.text.contains("\n\n\n"), "{:?}", extracted.text);
        prop_assert_eq!(extracted.text.trim(), extracted.text.as_str());
        for record in drain("page.html", page.clone().into_bytes(), 1 << 20) {
            prop_assert!(!record.text.contains(MARKER));
        }
        for record in drain("c.warc", warc_response("http://x.example/", &page), 1 << 20) {
            prop_assert!(!record.text.contains(MARKER));
        }
    }
}

#[test]
fn valid_samples_read_cleanly() {
    for (name, bytes) in samples() {
        let records = drain(name, bytes, 1 << 20);
        assert!(!records.is_empty(), "{name}");
    }
}
