//! Text from articles is untrusted: before it reaches a terminal, control characters
//! (escape sequences that could move the cursor, retitle the window or hide output) are
//! replaced.

use std::borrow::Cow;

/// `s` with every control character (C0, DEL, C1) other than none replaced by a visible
/// escape such as `\u{1b}`, and bidirectional overrides too, so printed text cannot drive
/// the terminal or reorder what is shown.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::clean;
    use proptest::prelude::*;

    #[test]
    fn escapes_are_made_visible() {
        assert_eq!(clean("plain Badr"), "plain Badr");
        assert_eq!(clean("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(clean("x\ny"), "x\\u{a}y");
        assert_eq!(clean("\u{202e}evil"), "\\u{202e}evil");
    }

    proptest! {
        #[test]
        fn cleaned_text_has_no_control_characters(s in any::<String>()) {
            prop_assert!(!clean(&s).chars().any(|c| c.is_control()));
        }
    }
}
