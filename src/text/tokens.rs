//! Word/number/punctuation tokens with byte spans in the checked text.

use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (any script), with internal apostrophes, hyphens and digits: "Russia’s", "well-known", "G7".
    Word,
    /// Digits with internal separators: "14,000", "2.7", "40".
    Number,
    /// Any other single non-space character.
    Punct,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Range<usize>,
    pub kind: TokenKind,
    /// Whitespace (or the start of the sentence) precedes this token.
    pub space_before: bool,
}

impl Token {
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.span.clone()]
    }
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }
}

fn is_connector(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '\u{2011}')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

/// Combining marks belong to the word they follow.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Characters that never form part of a token (spaces, invisible format characters are kept as punct).
fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// Splits `text[range]` into tokens. Offsets are absolute (into `text`).
pub fn tokenize(text: &str, range: Range<usize>) -> Vec<Token> {
    let s = &text[range.clone()];
    let base = range.start;
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    let mut space_before = true;
    while i < chars.len() {
        let (off, c) = chars[i];
        if is_space(c) {
            space_before = true;
            i += 1;
            continue;
        }
        let start = off;
        let kind;
        if c.is_ascii_digit() {
            // Number: digits with single internal , . or thin/nb spaces are NOT joined (locale checks see them).
            let mut j = i + 1;
            while j < chars.len() {
                let cj = chars[j].1;
                if cj.is_ascii_digit() {
                    j += 1;
                } else if (cj == ',' || cj == '.')
                    && j + 1 < chars.len()
                    && chars[j + 1].1.is_ascii_digit()
                {
                    j += 2;
                } else {
                    break;
                }
            }
            // Digits followed by letters ("G7" is a word; "14th", "5G") form a word.
            if j < chars.len() && chars[j].1.is_alphabetic() {
                while j < chars.len() && is_word_char(chars[j].1) {
                    j += 1;
                }
                kind = TokenKind::Word;
            } else {
                kind = TokenKind::Number;
            }
            i = j;
        } else if is_word_char(c) {
            let mut j = i + 1;
            loop {
                while j < chars.len() && is_word_char(chars[j].1) {
                    j += 1;
                }
                // Internal connector followed by a letter continues the word.
                if j + 1 < chars.len() && is_connector(chars[j].1) && is_word_char(chars[j + 1].1) {
                    j += 1;
                    continue;
                }
                break;
            }
            kind = TokenKind::Word;
            i = j;
        } else {
            kind = TokenKind::Punct;
            i += 1;
        }
        let end = if i < chars.len() { chars[i].0 } else { s.len() };
        out.push(Token {
            span: base + start..base + end,
            kind,
            space_before,
        });
        space_before = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        tokenize(s, 0..s.len()).iter().map(|t| t.text(s)).collect()
    }

    #[test]
    fn splits_words_numbers_punct() {
        assert_eq!(
            words("Russia’s well-known G7 plan, 14,000 people (2.7%)."),
            [
                "Russia’s",
                "well-known",
                "G7",
                "plan",
                ",",
                "14,000",
                "people",
                "(",
                "2.7",
                "%",
                ")",
                "."
            ]
        );
    }

    #[test]
    fn space_before_flags() {
        let s = "a ,b";
        let t = tokenize(s, 0..s.len());
        assert!(t[0].space_before && t[1].space_before && !t[2].space_before);
    }

    #[test]
    fn trailing_hyphen_is_punct() {
        assert_eq!(words("last- abandon"), ["last", "-", "abandon"]);
    }
}
