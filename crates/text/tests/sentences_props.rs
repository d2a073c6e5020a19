//! Property tests for `text::sentences::split`: for any input the spans tile the
//! non-whitespace text of the paragraph, in order, trimmed, on char boundaries, and
//! never cut a word.

use proptest::prelude::*;
use text::sentences::split;

/// Asserts every guarantee `split` documents, for one input.
fn assert_tiles(text: &str) {
    let spans = split(text);
    let mut prev_end: Option<usize> = None;
    for span in &spans {
        let (start, end) = (span.start as usize, span.end as usize);
        assert!(start < end, "empty span {span:?} in {text:?}");
        assert!(end <= text.len(), "span {span:?} past the end of {text:?}");
        assert!(
            text.is_char_boundary(start) && text.is_char_boundary(end),
            "span {span:?} off a char boundary in {text:?}"
        );
        let from = prev_end.unwrap_or(0);
        assert!(
            start >= from,
            "span {span:?} overlaps or runs backwards in {text:?}"
        );
        let gap = &text[from..start];
        assert!(
            gap.chars().all(char::is_whitespace),
            "non-whitespace {gap:?} left out before {span:?} in {text:?}"
        );
        if let Some(prev) = prev_end {
            assert!(
                start > prev,
                "no whitespace between sentences at {prev} in {text:?}"
            );
            for cut in [prev, start] {
                let before = text[..cut].chars().next_back();
                let after = text[cut..].chars().next();
                assert!(
                    !(before.is_some_and(char::is_alphanumeric)
                        && after.is_some_and(char::is_alphanumeric)),
                    "boundary inside a word at {cut} in {text:?}"
                );
            }
        }
        let sentence = &text[start..end];
        assert_eq!(
            sentence,
            sentence.trim(),
            "untrimmed span {span:?} in {text:?}"
        );
        prev_end = Some(end);
    }
    let tail = &text[prev_end.unwrap_or(0)..];
    assert!(
        tail.chars().all(char::is_whitespace),
        "non-whitespace {tail:?} left out at the end of {text:?}"
    );
}

/// Pieces that exercise the splitter's rules: words, stops, quotes, brackets, list
/// labels, abbreviations, odd whitespace and non-Latin text.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Z]{1,8}",
        1 => "[0-9]{1,4}",
        1 => "[ivx]{1,3}",
        6 => prop::sample::select(vec![
            " ", " ", " ", "  ", "\n", "\n\n", "\r\n", "\t", "\u{a0}", "\u{2028}", "\u{2029}",
            "\u{85}", "\u{3000}", ".", ". ", "...", "…", ". . .", "?", "!", "?!", ",", ";", ":",
            "”", "“", "\"", "'", "’", "‘", "(", ")", "[", "]", "«", "»", "—", "–", "-", "- ",
            "• ", "$", "#", "U.S.", "U.S", "Gen.", "Mr.", "No.", "etc.", "e.g.", "Jr.", "a.m.",
            "J.", "I.", "1.", "a)", "(iv)", "www.x.org", "a.b@c.org", "3.5", "é", "Ω", "日本",
            "بيان", "\u{301}", "ﬁ", "🙂", "The", "the", "said", "asked",
        ]).prop_map(str::to_owned),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_strings_tile(text in any::<String>()) {
        assert_tiles(&text);
    }

    #[test]
    fn arbitrary_bytes_tile(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        assert_tiles(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn punctuation_heavy_text_tiles(pieces in prop::collection::vec(piece(), 0..80)) {
        assert_tiles(&pieces.concat());
    }

    #[test]
    fn generated_prose_tiles(
        sentences in prop::collection::vec(prop::collection::vec(piece(), 1..12), 1..10),
    ) {
        let text = sentences.iter().map(|s| s.join(" ")).collect::<Vec<_>>().join(". ");
        assert_tiles(&text);
    }
}

#[test]
fn nasty_inputs_tile() {
    for text in [
        "",
        " ",
        "\u{a0}",
        ".",
        ". . .",
        "“",
        "“”",
        "\n\n\n",
        "a\u{2029}b",
        "Gen.\u{85}Farid",
        "1.",
        "(",
        "(a",
        "- ",
        "x.\r\ny",
        "U.S.\u{3000}The",
        "“Why?”\u{a0}Gen. Farid asked.",
        "\u{301}. \u{301}",
    ] {
        assert_tiles(text);
    }
}
