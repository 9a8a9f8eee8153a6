//! Line endings: `\n`, `\r\n` and a lone `\r` all end a line (as in CommonMark and the LSP).
//!
//! Parsers that only know `\n` (pulldown-cmark's fences and front matter, line-anchored regexes)
//! read a copy in which every lone `\r` is a `\n`: the copy has the same length, so its byte
//! offsets are those of the original.

use std::borrow::Cow;

/// `s` with every lone `\r` (not followed by `\n`) replaced by `\n`; same length as `s`.
pub fn lone_cr_as_lf(s: &str) -> Cow<'_, str> {
    if !has_lone_cr(s) {
        return Cow::Borrowed(s);
    }
    let mut bytes = s.as_bytes().to_vec();
    for i in 0..bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
    // Replacing one ASCII byte by another keeps the text valid UTF-8.
    Cow::Owned(String::from_utf8(bytes).expect("ASCII-for-ASCII replacement"))
}

/// Does `s` contain a `\r` not followed by `\n`?
pub fn has_lone_cr(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter()
        .enumerate()
        .any(|(i, &c)| c == b'\r' && b.get(i + 1) != Some(&b'\n'))
}

/// Byte offsets where lines start: 0, and after every `\n`, `\r\n` and lone `\r`.
pub fn line_starts(s: &str) -> Vec<usize> {
    let b = s.as_bytes();
    let mut out = vec![0];
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'\n' => out.push(i + 1),
            b'\r' if b.get(i + 1) != Some(&b'\n') => out.push(i + 1),
            _ => {}
        }
    }
    out
}

/// The line break the file uses most (for text a fix inserts): `\r\n`, `\r` or `\n`.
pub fn dominant(s: &str) -> &'static str {
    let b = s.as_bytes();
    let (mut lf, mut crlf, mut cr) = (0usize, 0usize, 0usize);
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'\n' if i > 0 && b[i - 1] == b'\r' => crlf += 1,
            b'\n' => lf += 1,
            b'\r' if b.get(i + 1) != Some(&b'\n') => cr += 1,
            _ => {}
        }
    }
    if crlf > lf && crlf >= cr {
        "\r\n"
    } else if cr > lf && cr > crlf {
        "\r"
    } else {
        "\n"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_cr_becomes_lf_and_crlf_stays() {
        assert_eq!(lone_cr_as_lf("a\rb\r\nc\r"), "a\nb\r\nc\n");
        assert!(matches!(lone_cr_as_lf("a\r\nb\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn every_kind_of_line_end_starts_a_line() {
        assert_eq!(line_starts("a\nb\r\nc\rd"), [0, 2, 5, 7]);
        assert_eq!(line_starts("\r\r"), [0, 1, 2]);
        assert_eq!(line_starts(""), [0]);
    }

    #[test]
    fn dominant_line_break() {
        assert_eq!(dominant("a\r\nb\r\n"), "\r\n");
        assert_eq!(dominant("a\rb\rc\n"), "\r");
        assert_eq!(dominant("a\nb"), "\n");
        assert_eq!(dominant("no break"), "\n");
    }
}
