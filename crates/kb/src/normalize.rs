//! The name normaliser: the key that the spellings of one name share.
//!
//! [`normalize`] runs three stages, each a few ordered rewrite rules on letters, never a
//! list of names:
//!
//! 1. **Characters.** Latin letters lose their accents and case (`á ä ā → a`, `ß → ss`,
//!    `æ → ae`, the transliteration dots of `ḥ ṣ ḍ ṭ ẓ` …); apostrophes and the ayn and
//!    hamza signs (``' ’ ‘ ` ´ ʿ ʾ ʼ``) vanish, and a possessive `'s` with them; periods
//!    vanish (`U.S.` is `us`); combining marks, Arabic vowel signs, tatweel and
//!    zero-width joiners vanish; Arabic letter variants fold (`ی ى → ي`, `ک → ك`,
//!    `أ إ آ ٱ → ا`, `ة → ه`); every other non-alphanumeric character (spaces, hyphens,
//!    dashes, quotes, slashes …) separates tokens. Tokens are joined by one space.
//! 2. **Letters, per token** (only tokens made of ASCII letters; tokens with digits or
//!    other scripts stay as they are), in this order:
//!    1. a doubled consonant is single (`Qassem → qasem`, `Abbas → abas`, `Tayyip → tayip`);
//!    2. `k` is `q` except in `kh`, and `gh` before a vowel or `y` is `q`
//!       (`Kassem`, `Ghasem → qasem`; `Irak → iraq`), then doubles are folded again;
//!    3. vowels: `ou`, `oo → u`; `ee → i`; `ei`, and `ey`/`ay` not before a vowel, `→ ai`
//!       (`Soleymani`, `Suleimani → sulaimani`); any other `o → u`, `e → i`
//!       (`Qods → quds`, `Bader → badir`). Doubled `aa`, `ii`, `uu` stay (`Qaani` is
//!       not `Ghani`);
//!    4. `y` between consonants, or after a consonant at the end, is `i` (`Syria → siria`);
//!    5. in a token of five letters or more, a final `ah` is `a`, and `yih` (from `-yeh`)
//!       is `ya` (`Hamzah → hamza`, `Mughniyeh → mughniya`);
//!    6. in a token of five letters or more that has a vowel before its last syllable,
//!       an `a` or `i` between two different final consonants (not `y`) is dropped: the
//!       unstressed last vowel is what transliterations disagree on (`Haidar`, `Haider →
//!       haidr`; `Muhammad`, `Mohamed → muhamd`; `Badar`, `Bader → badr`; `Qasim → qasm`);
//!       `u` stays (`Mosul` is not `Musil`);
//!    7. `Abdul`, `Abdel`, `Abdal`, `Abdol` are `abd` (so `Abdul-Malik` is `Abd al-Malik`),
//!       and `ibn`, `ebn`, `ben` are `bin`.
//! 3. **Articles.** `al`, `el`, `ul` and `the` are dropped; the sun-letter forms `ad ar as
//!    at az an ash ath adh` (and `ed`, `ez`) are dropped when the next kept token starts
//!    with their consonant (`as-Sadr`, `ad-Dawa`, `ez-Zor`, `ed-Din`), so `Ash Carter` keeps
//!    his name (and `IS Sahel` its `is`). A name made only of `al`/`el`/`ul`/`the` keeps
//!    them.
//!
//! Guarantees (property-tested): idempotent, never panics, no leading, trailing or double
//! spaces; the families `Suleimani/Soleimani/Soleymani/Sulaimani`, `Qassem/Qasem/Ghasem/
//! Kassem/Qasim`, `Badr/Bader/Badar`, `Nouri/Nuri`, `Haider/Haidar/Hayder`,
//! `Mohammed/Muhammad/Mohamed/Mohammad/Muhammed` fold together, and a written list of
//! pairs that must stay apart (`Abadi/Amiri`, `Sadr/Badr`, `Hakim/Karim`, `Amir/Ammar/Amr`,
//! …) stays apart.
//!
//! Known merges, the price of rule 6: names that differ only in the vowel of their last
//! syllable share a key (`Hamid/Hamad`, `Hashd/Hashid`, `Qassam/Qassem`, `Nasr/Nasser`),
//! `gh` is both ghayn and Persian qaf (`Ghazi/Qazi`), `e → i` folds acronyms too
//! (`DEA/DIA`) and final accents (`Malé/Mali`). A lookup may return several entries;
//! context decides.

/// The key two spellings of one name share: case, accents, punctuation, articles and
/// transliteration variants folded (see the [module documentation](self) for the rules).
///
/// One allocation (the returned string). Idempotent: `normalize(&normalize(x)) ==
/// normalize(x)`. The result has no leading, trailing or double spaces, and is empty
/// only when `name` has no letter or digit.
///
/// ```
/// use kb::normalize;
/// assert_eq!(normalize("Qassem Suleimani"), normalize("Qasem Soleimani"));
/// assert_eq!(normalize("al-Amiri"), "amiri");
/// assert_ne!(normalize("Sadr"), normalize("Badr"));
/// ```
pub fn normalize(name: &str) -> String {
    let mut w = Writer {
        out: Vec::with_capacity(name.len() + 2),
        tok_start: 0,
        tok_open: false,
        letters: true,
        doubles: false,
        any_article: false,
        all_plain: true,
    };
    fold_chars(name, &mut w);
    w.close_token();
    let mut out = w.out;
    if w.any_article && !w.all_plain {
        drop_articles(&mut out);
    }
    match String::from_utf8(out) {
        Ok(s) => s,
        // Unreachable: only whole UTF-8 sequences and ASCII are written.
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

/// The output buffer: tokens separated by single spaces, each folded (stage 2) as soon as
/// it is complete.
struct Writer {
    out: Vec<u8>,
    /// Where the open token starts in `out`.
    tok_start: usize,
    /// Whether a token is open (characters were written since the last separator).
    tok_open: bool,
    /// Whether the open token has only ASCII lowercase letters.
    letters: bool,
    /// Whether the open token may have a doubled letter (two equal bytes in a row).
    doubles: bool,
    /// Whether some folded token is an article.
    any_article: bool,
    /// Whether every folded token is a plain article (`al`, `el`, `ul`, `the`).
    all_plain: bool,
}

impl Writer {
    fn open_token(&mut self) {
        if !self.tok_open {
            if !self.out.is_empty() {
                self.out.push(b' ');
            }
            self.tok_start = self.out.len();
            self.tok_open = true;
            self.letters = true;
            self.doubles = false;
        }
    }

    fn push_str(&mut self, s: &str) {
        self.open_token();
        self.doubles = true;
        self.letters &= s.bytes().all(|b| b.is_ascii_lowercase());
        self.out.extend_from_slice(s.as_bytes());
    }

    /// Ends the open token, if any: folds it and notes whether it is an article.
    fn close_token(&mut self) {
        if !self.tok_open {
            return;
        }
        self.tok_open = false;
        let start = self.tok_start;
        if self.letters {
            let n = fold_token(&mut self.out[start..], self.doubles);
            self.out.truncate(start + n);
        }
        let t = &self.out[start..];
        let plain = t.len() <= 3 && is_plain_article(t);
        self.any_article |= plain || (t.len() <= 3 && sun_article(t).is_some());
        self.all_plain &= plain;
    }
}

// ---------------------------------------------------------------------------------------
// Stage 1: characters.

/// Writes the characters of `s`, folded, to `w`; a separator closes the open token.
fn fold_chars(s: &str, w: &mut Writer) {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            match b {
                b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => {
                    w.open_token();
                    let mut prev = w.out.last().copied().unwrap_or(0);
                    let mut j = i - 1;
                    while let Some(&c) = bytes.get(j) {
                        let c = ALNUM_LOWER[c as usize];
                        if c == 0 {
                            break;
                        }
                        w.letters &= c >= b'a';
                        w.doubles |= c == prev;
                        prev = c;
                        w.out.push(c);
                        j += 1;
                    }
                    i = j;
                }
                b'\'' | b'`' => i += possessive_len(s, i),
                b'.' => {}
                _ => w.close_token(),
            }
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        if is_apostrophe(c) {
            i += possessive_len(s, i);
        } else if is_silent(c) {
        } else if let Some(base) = fold_letter(c) {
            w.push_str(base);
        } else if c.is_alphanumeric() {
            for lc in c.to_lowercase() {
                if is_silent(lc) || is_apostrophe(lc) {
                    continue;
                }
                if let Some(base) = fold_letter(lc) {
                    w.push_str(base);
                } else if lc.is_alphanumeric() {
                    let mut tmp = [0u8; 4];
                    w.push_str(lc.encode_utf8(&mut tmp));
                } else {
                    w.close_token();
                }
            }
        } else {
            w.close_token();
        }
    }
}

/// For each byte: itself lowercased when it is an ASCII letter or digit, else 0.
static ALNUM_LOWER: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

/// 1 when `s[i..]` is the `s` of a possessive `'s` (an `s` not followed by a letter or
/// digit), else 0. `i` is a char boundary.
fn possessive_len(s: &str, i: usize) -> usize {
    let rest = &s.as_bytes()[i..];
    if !matches!(rest.first(), Some(b's' | b'S')) {
        return 0;
    }
    match s[i + 1..].chars().next() {
        Some(c) if c.is_alphanumeric() => 0,
        _ => 1,
    }
}

/// Apostrophes, ayn and hamza signs: they vanish without separating.
fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '`' | '´' | '‘' | '’' | '‛' | 'ʹ' | 'ʻ' | 'ʼ' | 'ʽ' | 'ʾ' | 'ʿ' | 'ˈ' | '′'
    )
}

/// Characters that vanish without separating: combining marks, Arabic and Hebrew vowel
/// signs, tatweel, zero-width joiners, the soft hyphen.
fn is_silent(c: char) -> bool {
    matches!(c,
        '\u{00AD}'
        | '\u{0300}'..='\u{036F}'
        | '\u{0483}'..='\u{0489}'
        | '\u{0591}'..='\u{05BD}'
        | '\u{05BF}'
        | '\u{05C1}'..='\u{05C2}'
        | '\u{05C4}'..='\u{05C5}'
        | '\u{05C7}'
        | '\u{0610}'..='\u{061A}'
        | '\u{0640}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{200B}'..='\u{200D}'
        | '\u{2060}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{FEFF}')
}

/// The lowercase ASCII (or canonical Arabic) form of an accented or variant letter.
fn fold_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'À'..='Å' | 'à'..='å' | 'Ā'..='ą' | 'Ǎ' | 'ǎ' | 'Ạ' | 'ạ' | 'Ả' | 'ả' => {
            "a"
        }
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | 'Ć'..='č' => "c",
        'Ð' | 'ð' | 'Ď'..='đ' | 'Ḍ' | 'ḍ' | 'Ḏ' | 'ḏ' => "d",
        'È'..='Ë' | 'è'..='ë' | 'Ē'..='ě' | 'Ẹ' | 'ẹ' | 'Ẽ' | 'ẽ' => "e",
        'Ĝ'..='ģ' | 'Ǧ' | 'ǧ' | 'Ḡ' | 'ḡ' => "g",
        'Ĥ'..='ħ' | 'Ḥ' | 'ḥ' | 'Ḫ' | 'ḫ' | 'ẖ' => "h",
        'Ì'..='Ï' | 'ì'..='ï' | 'Ĩ'..='ı' | 'Ǐ' | 'ǐ' | 'Ị' | 'ị' => "i",
        'Ĳ' | 'ĳ' => "ij",
        'Ĵ' | 'ĵ' | 'ǰ' => "j",
        'Ķ' | 'ķ' | 'ĸ' | 'Ḳ' | 'ḳ' => "k",
        'Ĺ'..='ł' | 'Ḷ' | 'ḷ' => "l",
        'Ṃ' | 'ṃ' => "m",
        'Ñ' | 'ñ' | 'Ń'..='ň' | 'ŉ' | 'Ŋ' | 'ŋ' | 'Ṅ' | 'ṅ' | 'Ṇ' | 'ṇ' => "n",
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō'..='ő' | 'Ǒ' | 'ǒ' | 'Ọ' | 'ọ' => "o",
        'Œ' | 'œ' => "oe",
        'Ŕ'..='ř' | 'Ṛ' | 'ṛ' => "r",
        'ß' | 'ẞ' => "ss",
        'Ś'..='š' | 'Ș' | 'ș' | 'Ṣ' | 'ṣ' => "s",
        'Ţ'..='ŧ' | 'Ț' | 'ț' | 'Ṭ' | 'ṭ' | 'Ṯ' | 'ṯ' => "t",
        'Þ' | 'þ' => "th",
        'Ù'..='Ü' | 'ù'..='ü' | 'Ũ'..='ų' | 'Ǔ' | 'ǔ' | 'Ụ' | 'ụ' => "u",
        'Ŵ' | 'ŵ' => "w",
        'Ý' | 'ý' | 'ÿ' | 'Ŷ'..='Ÿ' | 'Ỳ' | 'ỳ' => "y",
        'Ź'..='ž' | 'Ẓ' | 'ẓ' | 'Ẕ' | 'ẕ' => "z",
        // Arabic and Persian letter variants.
        'ی' | 'ى' | 'ئ' => "ي",
        'ک' => "ك",
        'أ' | 'إ' | 'آ' | 'ٱ' => "ا",
        'ة' => "ه",
        'ؤ' => "و",
        _ => return None,
    })
}

// ---------------------------------------------------------------------------------------
// Stage 2: letters, per token.

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// A consonant for rule 6: a letter that is neither a vowel nor `y`.
fn is_consonant(b: u8) -> bool {
    !is_vowel(b) && b != b'y'
}

/// Folds one token of ASCII lowercase letters in place and returns its new length (never
/// 0 for a non-empty token). `doubles` is false only when no two neighbouring letters are
/// equal.
fn fold_token(t: &mut [u8], doubles: bool) -> usize {
    if t.is_empty() {
        return 0;
    }
    let mut n = if doubles {
        collapse_doubles(t)
    } else {
        t.len()
    };
    n = fold_letters(t, n);
    n = fold_final_ah(t, n);
    n = drop_final_vowel(t, n);
    word_forms(t, n)
}

/// Rule 1: a doubled consonant is single.
fn collapse_doubles(t: &mut [u8]) -> usize {
    let mut w = 1;
    for r in 1..t.len() {
        let b = t[r];
        if t[w - 1] == b && !is_vowel(b) {
            continue;
        }
        t[w] = b;
        w += 1;
    }
    w
}

/// The letters some rule of [`fold_letters`] rewrites or looks at: `a` (before `y`), `e`,
/// `g`, `k`, `o`, `q` (which alone can double), `y`.
static SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    let letters = b"aegkoqy";
    while i < letters.len() {
        t[letters[i] as usize] = true;
        i += 1;
    }
    t
};

/// Rules 2, 3 and 4 in one left-to-right pass (equivalent to running them in order):
/// consonants (`k → q` except in `kh`, `gh` before a vowel or `y` → `q`, doubles made by
/// these folded again), vowels (`ou oo → u`, `ee → i`, `ei → ai`, `ey ay → ai` not before
/// a vowel, `o → u`, `e → i`) and the glide (`y` after a consonant and before a consonant or
/// the end → `i`). Vowels map to vowels and consonants to consonants, so every lookahead
/// sees what the sequential rules would see.
fn fold_letters(t: &mut [u8], n: usize) -> usize {
    let at = |t: &[u8], i: usize| if i < n { t[i] } else { 0 };
    let mut w = 0;
    let mut r = 0;
    while r < n {
        let b = t[r];
        if !SPECIAL[b as usize] || (b == b'a' && at(t, r + 1) != b'y') {
            // Fast path: a letter no rule rewrites, and not `q`, which alone can double.
            t[w] = b;
            w += 1;
            r += 1;
            continue;
        }
        let next = at(t, r + 1);
        let (first, second, step) = match b {
            b'k' if next != b'h' => (b'q', 0, 1),
            b'g' if next == b'h'
                && matches!(at(t, r + 2), b'a' | b'e' | b'i' | b'o' | b'u' | b'y') =>
            {
                (b'q', 0, 2)
            }
            b'o' if next == b'u' || next == b'o' => (b'u', 0, 2),
            b'o' => (b'u', 0, 1),
            b'e' if next == b'e' => (b'i', 0, 2),
            b'e' if next == b'i' => (b'a', b'i', 2),
            b'e' | b'a' if next == b'y' && !is_vowel(at(t, r + 2)) => (b'a', b'i', 2),
            b'e' => (b'i', 0, 1),
            b'y' if w > 0 && !is_vowel(t[w - 1]) && !is_vowel(next) => (b'i', 0, 1),
            _ => (b, 0, 1),
        };
        if !(w > 0 && t[w - 1] == first && !is_vowel(first)) {
            t[w] = first;
            w += 1;
        }
        if second != 0 {
            t[w] = second;
            w += 1;
        }
        r += step;
    }
    w
}

/// Rule 5: in a token of five letters or more, final `ah → a` and `yih → ya`.
fn fold_final_ah(t: &mut [u8], n: usize) -> usize {
    if n < 5 || t[n - 1] != b'h' {
        return n;
    }
    match t[n - 2] {
        b'a' => n - 1,
        b'i' if t[n - 3] == b'y' => {
            t[n - 2] = b'a';
            n - 1
        }
        _ => n,
    }
}

/// Rule 6: drop an `a` or `i` between two different final consonants of a token of five
/// letters or more that has a vowel before them.
fn drop_final_vowel(t: &mut [u8], n: usize) -> usize {
    if n < 5 {
        return n;
    }
    let (c1, v, c2) = (t[n - 3], t[n - 2], t[n - 1]);
    if is_consonant(c2)
        && matches!(v, b'a' | b'i')
        && is_consonant(c1)
        && c1 != c2
        && t[..n - 3].iter().any(|&b| is_vowel(b))
    {
        t[n - 2] = c2;
        return n - 1;
    }
    n
}

/// Rule 7: `abdul`/`abdel`/`abdal`/`abdol` → `abd`; `ibn`/`ebn`/`ben` → `bin`.
fn word_forms(t: &mut [u8], n: usize) -> usize {
    match &t[..n] {
        b"abdul" | b"abdl" => 3,
        b"ibn" => {
            t[..3].copy_from_slice(b"bin");
            3
        }
        _ => n,
    }
}

// ---------------------------------------------------------------------------------------
// Stage 3: articles.

/// Articles dropped wherever they stand (folded forms of `al`, `el`, `ul`, `the`).
fn is_plain_article(t: &[u8]) -> bool {
    matches!(t, b"al" | b"il" | b"ul" | b"thi")
}

/// For a sun-letter article (folded form), the consonant the next word must start with.
fn sun_article(t: &[u8]) -> Option<&'static [u8]> {
    Some(match t {
        b"ad" | b"id" => b"d",
        b"ar" => b"r",
        b"as" => b"s",
        b"at" => b"t",
        b"az" | b"iz" => b"z",
        b"an" => b"n",
        b"ash" => b"sh",
        b"ath" => b"th",
        b"adh" => b"dh",
        _ => return None,
    })
}

/// Removes articles from the folded tokens of `buf` (see the module documentation); the
/// caller has checked that some token is an article and not every one is a plain one.
fn drop_articles(buf: &mut Vec<u8>) {
    // Right to left, so that a sun-letter article sees the next token that is kept.
    let mut end = buf.len();
    let mut next_kept: Option<(usize, usize)> = None;
    loop {
        let start = buf[..end]
            .iter()
            .rposition(|&b| b == b' ')
            .map_or(0, |p| p + 1);
        let t = &buf[start..end];
        let drop = is_plain_article(t)
            || sun_article(t)
                .is_some_and(|c| next_kept.is_some_and(|(s, e)| buf[s..e].starts_with(c)));
        if drop {
            buf[start..end].fill(0);
        } else {
            next_kept = Some((start, end));
        }
        if start == 0 {
            break;
        }
        end = start - 1;
    }
    // Compact: drop the zeroed tokens and their separators.
    let len = buf.len();
    let mut w = 0;
    let mut r = 0;
    while r < len {
        let e = buf[r..]
            .iter()
            .position(|&b| b == b' ')
            .map_or(len, |p| r + p);
        if buf[r] != 0 {
            if w > 0 {
                buf[w] = b' ';
                w += 1;
            }
            buf.copy_within(r..e, w);
            w += e - r;
        }
        r = e + 1;
    }
    buf.truncate(w);
}

#[cfg(test)]
mod tests {
    use super::normalize;
    use proptest::prelude::*;

    /// Spellings of one name, each family folding to one key.
    const FAMILIES: &[&[&str]] = &[
        &[
            "Suleimani",
            "Soleimani",
            "Soleymani",
            "Sulaimani",
            "Solaimani",
            "Suleymani",
            "Sulaymani",
        ],
        &[
            "Qassem", "Qasem", "Ghasem", "Kassem", "Qasim", "Qassim", "Kasim", "Ghassem",
        ],
        &[
            "Qassem Suleimani",
            "Qasem Soleimani",
            "Ghasem Soleymani",
            "QASSEM SULEIMANI",
        ],
        &["Badr", "Bader", "Badar"],
        &["Nouri", "Nuri", "Noori"],
        &[
            "Nouri al-Maliki",
            "Nuri al-Maliki",
            "Nuri Al-Maliki",
            "Nouri al Maliki",
        ],
        &["Haider", "Haidar", "Hayder", "Haydar"],
        &["Haider al-Abadi", "Haidar Al-Abadi", "Haider Al Abadi"],
        &[
            "Mohammed", "Muhammad", "Mohamed", "Mohammad", "Muhammed", "Mohamad", "Muhamed",
        ],
        &[
            "al-Amiri", "Al-Amiri", "Al Amiri", "el-Amiri", "Amiri", "AL-AMIRI",
        ],
        &[
            "Hadi al-Amiri",
            "Hadi Al-Amiri",
            "Hadi al Amiri",
            "Hadi el-Amiri",
        ],
        &["Abbas", "Abas"],
        &["Qods Force", "Quds Force", "Quds force", "QODS FORCE"],
        &["Hezbollah", "Hizbullah", "Hizbollah", "Hezbullah"],
        &[
            "Kataib Hezbollah",
            "Kata'ib Hezbollah",
            "Kataeb Hizbullah",
            "Kata’ib Hizbollah",
        ],
        &[
            "Asaib Ahl al-Haq",
            "Asa'ib Ahl al-Haq",
            "Asaeb Ahl al-Haq",
            "Asa’ib Ahl al Haq",
        ],
        &["Houthi", "Huthi", "Hothi"],
        &["Shi'a", "Shia", "Shi’a", "Shiʿa"],
        &["Shi'ite", "Shiite", "Shi’ite"],
        &[
            "Abu Mustafa al-Sheibani",
            "Abu Mustafa al-Shaybani",
            "Abou Moustafa Sheibani",
        ],
        &["Baiji", "Beiji"],
        &["Samarra", "Samara"],
        &["Amerli", "Amirli"],
        &["Erbil", "Irbil"],
        &["Kobane", "Kobani"],
        &["Fallujah", "Falluja", "Fallouja"],
        &["Raqqa", "Raqqah", "Rakka"],
        &["Hodeidah", "Hudaydah", "Hodeida"],
        &["El Fasher", "El-Fasher", "al-Fashir", "Al Fasher"],
        &["Bab al-Mandeb", "Bab el-Mandeb", "Bab al Mandab"],
        &["Khartoum", "Khartum"],
        &["Hussein", "Husain", "Hossein", "Husayn"],
        &["Husseini", "Hosseini", "Husaini"],
        &["Ahmed", "Ahmad"],
        &["Mughniyeh", "Mughniyah", "Mughniya"],
        &["Hamzah", "Hamza"],
        &["Ayad Allawi", "Ayyad Allawi"],
        &[
            "Qais al-Khazali",
            "Qays al-Khazali",
            "Qais al Khazali",
            "Qais Khazali",
        ],
        &[
            "Abdul-Malik al-Houthi",
            "Abd al-Malik al-Houthi",
            "Abdel Malik al-Huthi",
        ],
        &[
            "Abdel Fattah al-Burhan",
            "Abdul Fattah al-Burhan",
            "Abd al-Fattah al-Burhan",
        ],
        &["Naim Qassem", "Naim Kassem", "Naeem Qassem", "Naim Qasim"],
        &[
            "Muqtada al-Sadr",
            "Muqtada as-Sadr",
            "Moqtada al-Sadr",
            "Muqtada Al-Sadr",
        ],
        &[
            "Izz ad-Din al-Qassam",
            "Izz el-Din al-Qassam",
            "Izz al-Din al-Qassam",
            "Izz ed-Din al-Qassam",
        ],
        &["Dawa", "ad-Dawa", "Ad Dawa"],
        &[
            "Osama bin Laden",
            "Usama bin Ladin",
            "Osama ben Laden",
            "Usama ibn Ladin",
        ],
        &["Ali Khamenei", "Ali Khamenei’s", "Ali Khāmenei"],
        &["Qāsem Soleymānī", "Qasem Soleymani"],
        &["Ṣaddām Ḥusayn", "Saddam Hussein"],
        &["U.S.", "US", "u.s."],
        &["Iran's", "Iran", "Iran’s"],
        &["Iraq", "Irak"],
        &["Jeddah", "Jidda", "Jiddah"],
        &["Salih", "Saleh"],
        &["Tayyip", "Tayip"],
        &["Sayyid", "Sayyed", "Sayed"],
        &["The Guardian", "Guardian", "the Guardian"],
    ];

    /// Pairs that must keep distinct keys, with why a fold could merge them.
    const APART: &[(&str, &str, &str)] = &[
        ("Abadi", "Amiri", "different consonants b/m, d/r"),
        ("Sadr", "Badr", "first consonants differ"),
        ("Hakim", "Karim", "h/k and k/r differ even with k → q"),
        ("Hadi", "Haidar", "the ai diphthong and the final r"),
        (
            "Iran",
            "Iraq",
            "final consonants n/q; short tokens keep their vowels",
        ),
        ("Mosul", "Musil", "rule 6 drops a and i, never u"),
        ("Amerli", "Amiri", "the l"),
        ("Ali", "Alia", "final vowel"),
        ("Qais", "Qaim", "final consonants s/m"),
        ("Kirkuk", "Karkh", "kh is not k; vowels i/a"),
        ("Maliki", "Malki", "a final vowel protects the i"),
        ("Malik", "Maliki", "final vowel"),
        ("Hamas", "Hama", "final s"),
        ("Sunni", "Shia", "different words"),
        ("Syria", "Assyria", "the initial a"),
        ("Nouri", "Noura", "final vowel i/a"),
        ("Jihad", "Imad", "initial j, h/m"),
        ("Bill", "Hillary", "different words"),
        ("Ghani", "Qaani", "gh → q, but aa stays doubled"),
        ("Amir", "Ammar", "four-letter tokens keep their last vowel"),
        ("Ammar", "Amr", "four-letter tokens keep their last vowel"),
        ("Amir", "Amr", "four-letter tokens keep their last vowel"),
        (
            "Hassan",
            "Hussein",
            "a/u, and the ei diphthong keeps its vowel",
        ),
        ("Said", "Saad", "ai is a diphthong, aa a long vowel"),
        ("Salah", "Saleh", "only a final ah loses its h"),
        ("Oman", "Amman", "o → u, not a"),
        ("Niger", "Nigeria", "final a"),
        ("Austria", "Australia", "the l"),
        ("Iraq", "Iraqi", "final i"),
        ("Barack", "Barak", "ck is not k"),
        ("Ash Carter", "Carter", "ash is dropped only before sh"),
        ("Dawa", "Dawah Party", "different token counts"),
        ("Qatar", "Qadar", "t/d"),
        ("Sudan", "South Sudan", "different token counts"),
        ("Shiite", "Shiites", "plural s"),
        ("Kurd", "Kurdish", "adjective"),
        ("Hezbollah", "Hizb ut-Tahrir", "different words"),
        ("Mahdi", "Hadi", "initial ma"),
        ("Basra", "Busra", "a/u"),
        (
            "Allah",
            "Ala",
            "Allah is four letters once doubled l is single",
        ),
        ("Gaza", "Ghazi", "final vowels"),
        ("Saudi", "Sadr", "different words"),
        ("Mali", "Malawi", "the w"),
    ];

    #[test]
    fn families_fold_together() {
        for family in FAMILIES {
            let Some(first) = family.first() else {
                continue;
            };
            let key = normalize(first);
            for v in *family {
                assert_eq!(normalize(v), key, "{v:?} and {first:?} should share a key");
            }
        }
    }

    #[test]
    fn pairs_stay_apart() {
        for &(a, b, why) in APART {
            assert_ne!(
                normalize(a),
                normalize(b),
                "{a:?} and {b:?} must stay apart: {why}"
            );
        }
    }

    #[test]
    fn examples() {
        let check =
            |input: &str, expected: &str| assert_eq!(normalize(input), expected, "{input:?}");
        check("Qassem Suleimani", "qasm sulaimani");
        check("Hadi al-Amiri", "hadi amiri");
        check("Mohammed", "muhamd");
        check("Badr Organization", "badr urganizatiun");
        check("U.S.-led coalition", "us lid cualitiun");
        check("Shi'ite", "shiiti");
        check("Ash Carter", "ash cartr");
        check("as-Sadr", "sadr");
        check("Al", "al");
        check("the", "thi");
        check("al-", "al");
        check("  --  ", "");
        check("", "");
        check("Task Force 16", "tasq furci 16");
        check("9th Armored Division", "9th armurd divisiun");
        check("Abdul Rahman", "abd rahmn");
        check("Ibn Saud", "bin saud");
        check("حزب الله", "حزب الله");
        check("Ḥizb Allāh", "hizb alah");
        check("Москва", "москва");
        check("ПРИГОЖИН", "пригожин");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn idempotent(s in any::<String>()) {
            let once = normalize(&s);
            prop_assert_eq!(normalize(&once), once);
        }

        #[test]
        fn idempotent_on_name_like(s in "[A-Za-z'’ .-]{0,40}") {
            let once = normalize(&s);
            prop_assert_eq!(normalize(&once), once);
        }

        #[test]
        fn idempotent_on_accented(s in "[a-zA-Zàáâäãåāéèêëēíìîïīóòôöõōúùûüūçñýßḥṣḍṭẓʿʾ‘’ -]{0,30}") {
            let once = normalize(&s);
            prop_assert_eq!(normalize(&once), once);
        }

        #[test]
        fn spaces_are_single(s in any::<String>()) {
            let n = normalize(&s);
            prop_assert!(!n.starts_with(' ') && !n.ends_with(' ') && !n.contains("  "), "{:?}", n);
        }

        #[test]
        fn ascii_case_and_hyphens_do_not_matter(s in "[a-z]{1,12}( [a-z]{1,12}){0,3}") {
            prop_assert_eq!(normalize(&s.to_uppercase()), normalize(&s));
            prop_assert_eq!(normalize(&s.replace(' ', "-")), normalize(&s));
        }

        /// Operations that only respell a name keep its key: doubling a consonant,
        /// accenting a vowel, an apostrophe (not before a final `s`), an `al-` article.
        #[test]
        fn respelling_keeps_the_key(word in "[a-z]{2,10}", pos in 0usize..10, op in 0u8..4) {
            let key = normalize(&word);
            let i = pos % word.len();
            let c = word.as_bytes()[i] as char;
            let respelt = match op {
                0 if !"aeiou".contains(c) => format!("{}{c}{}", &word[..i], &word[i..]),
                1 if "aeiou".contains(c) => {
                    let accented = match c { 'a' => 'á', 'e' => 'é', 'i' => 'ï', 'o' => 'ô', _ => 'ū' };
                    format!("{}{accented}{}", &word[..i], &word[i + 1..])
                }
                2 if i > 0 && !word[i..].starts_with('s') => format!("{}’{}", &word[..i], &word[i..]),
                3 if !matches!(key.as_str(), "al" | "il" | "ul" | "thi") => format!("al-{word}"),
                _ => word.clone(),
            };
            prop_assert_eq!(normalize(&respelt), key, "{} / {}", respelt, word);
        }

        #[test]
        fn variant_families_fold(idx in 0..FAMILIES.len(), upper in any::<bool>()) {
            let family = FAMILIES[idx];
            if let Some(first) = family.first() {
                let key = normalize(first);
                for v in family {
                    let v = if upper { v.to_uppercase() } else { v.to_string() };
                    prop_assert_eq!(normalize(&v), key.clone());
                }
            }
        }
    }
}
