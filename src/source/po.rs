//! GNU gettext PO files (`.po`, `.pot`): the entries, each msgid and msgstr with the exact bytes
//! it came from (see [`super::bitext`]).
//!
//! Read by hand, line by line (`\n`, `\r\n` or a lone `\r` end a line):
//!
//! - comments: `#,` flags (`fuzzy`, `c-format`, …) are kept; translator (`# `), extracted
//!   (`#.`), reference (`#:`) and previous-msgid (`#|`) comments are skipped; obsolete entries
//!   (`#~`) are skipped whole, with the comments before them;
//! - keywords `msgctxt`, `msgid`, `msgid_plural`, `msgstr`, `msgstr[n]`, each followed by one or
//!   more string literals (continuation lines start with `"`; blank lines may stand between);
//! - escapes `\n` `\t` `\r` `\"` `\\` `\a` `\b` `\f` `\v` `\'` `\?`, octal `\ooo` and hex `\xHH`
//!   (a run of numeric escapes is decoded as UTF-8 bytes);
//! - the header entry (`msgid ""` without msgctxt) gives `Language:` and `Plural-Forms:`
//!   nplurals; it is not a unit.
//!
//! A plural entry gives one unit per `msgstr[n]`: its source is the msgid for n = 0 and the
//! msgid_plural for n ≥ 1.

use super::bitext::{Bitext, Format, ParseError, PartKind, Piece, PieceBuilder, Unit};
use super::offsets::LineIndex;
use std::ops::Range;

/// Reads a PO file.
pub fn parse(src: &str) -> Result<Bitext, ParseError> {
    let mut p = Parser {
        src,
        bitext: Bitext {
            format: Format::Po,
            source_lang: None,
            target_lang: None,
            nplurals: None,
            units: Vec::new(),
        },
        lines: LineIndex::new(src),
        entry: Entry::default(),
        current: None,
        header_seen: false,
    };
    let bytes = src.as_bytes();
    let mut pos = if src.starts_with('\u{feff}') { 3 } else { 0 };
    while pos < src.len() {
        let end = src[pos..].find(['\n', '\r']).map_or(src.len(), |i| pos + i);
        p.line(pos..end)?;
        pos = match bytes.get(end) {
            Some(b'\r') if bytes.get(end + 1) == Some(&b'\n') => end + 2,
            Some(_) => end + 1,
            None => end,
        };
    }
    p.finish_entry()?;
    Ok(p.bitext)
}

/// The strings of one keyword.
#[derive(Debug)]
struct Field {
    /// Where the keyword starts.
    keyword: usize,
    piece: PieceBuilder,
    /// The closing quote of the last literal.
    close: usize,
}

impl Field {
    fn into_piece(self) -> Piece {
        self.piece.finish(self.close)
    }
}

/// An entry being read.
#[derive(Debug, Default)]
struct Entry {
    flags: Vec<String>,
    msgctxt: Option<Field>,
    msgid: Option<Field>,
    msgid_plural: Option<Field>,
    msgstr: Option<Field>,
    msgstr_n: Vec<Field>,
}

impl Entry {
    fn has_msgstr(&self) -> bool {
        self.msgstr.is_some() || !self.msgstr_n.is_empty()
    }

    fn is_empty(&self) -> bool {
        self.msgctxt.is_none() && self.msgid.is_none()
    }
}

/// Which field continuation strings go to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot {
    Ctxt,
    Id,
    IdPlural,
    Str,
    StrN,
}

struct Parser<'a> {
    src: &'a str,
    bitext: Bitext,
    lines: LineIndex,
    entry: Entry,
    current: Option<Slot>,
    header_seen: bool,
}

const KEYWORDS: &str = "msgctxt, msgid, msgid_plural, msgstr, msgstr[n]";

impl Parser<'_> {
    fn error(&self, at: usize, message: impl Into<String>) -> ParseError {
        ParseError::at(self.src, at, message)
    }

    /// One line (without its line break).
    fn line(&mut self, r: Range<usize>) -> Result<(), ParseError> {
        let src = self.src;
        let line = &src[r.clone()];
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        let at = r.start + indent;
        let rest = &src[at..r.end];
        if rest.is_empty() {
            return Ok(()); // blank: strings may continue after it
        }
        if rest.starts_with('#') {
            return self.comment(at, rest);
        }
        if rest.starts_with('"') {
            let Some(slot) = self.current else {
                return Err(self.error(
                    at,
                    format!("a string outside an entry: strings follow a keyword ({KEYWORDS})"),
                ));
            };
            let field = self.field_mut(slot);
            let close = field.close;
            field.piece.decoded(close..at + 1, "", PartKind::Joint);
            let close = literal(src, at, r.end, &mut self.field_mut(slot).piece)?;
            self.field_mut(slot).close = close;
            return self.after_literal(close + 1, r.end);
        }
        // A keyword.
        let word_len = rest
            .find(|c: char| !(c.is_ascii_alphabetic() || c == '_'))
            .unwrap_or(rest.len());
        let word = &rest[..word_len];
        let mut kw_end = at + word_len;
        let mut index = None;
        if word == "msgstr" && rest[word_len..].starts_with('[') {
            let digits = &rest[word_len + 1..];
            let n = digits.find(|c: char| !c.is_ascii_digit()).unwrap_or(0);
            if n == 0 || !digits[n..].starts_with(']') {
                return Err(self.error(at, "expected msgstr[n] with a number n"));
            }
            index = Some(digits[..n].parse::<usize>().unwrap_or(usize::MAX));
            kw_end += n + 2;
        }
        let slot = match (word, index) {
            ("msgctxt", _) => Slot::Ctxt,
            ("msgid", _) => Slot::Id,
            ("msgid_plural", _) => Slot::IdPlural,
            ("msgstr", None) => Slot::Str,
            ("msgstr", Some(_)) => Slot::StrN,
            _ => {
                return Err(self.error(
                    at,
                    format!(
                        "text outside quotes: expected a keyword ({KEYWORDS}), a string in quotes or a # comment"
                    ),
                ))
            }
        };
        let keyword = &src[at..kw_end];
        let after_kw = &src[kw_end..r.end];
        let quote = kw_end + (after_kw.len() - after_kw.trim_start_matches([' ', '\t']).len());
        if src.as_bytes().get(quote) != Some(&b'"') || quote >= r.end {
            return Err(self.error(
                quote,
                format!("expected a string in quotes after {keyword}"),
            ));
        }
        self.keyword(slot, index, at, keyword)?;
        let mut piece = PieceBuilder::new(quote + 1);
        let close = literal(src, quote, r.end, &mut piece)?;
        let field = Field {
            keyword: at,
            piece,
            close,
        };
        let e = &mut self.entry;
        match slot {
            Slot::Ctxt => e.msgctxt = Some(field),
            Slot::Id => e.msgid = Some(field),
            Slot::IdPlural => e.msgid_plural = Some(field),
            Slot::Str => e.msgstr = Some(field),
            Slot::StrN => e.msgstr_n.push(field),
        }
        self.current = Some(slot);
        self.after_literal(close + 1, r.end)
    }

    /// Nothing but blanks may follow a closing quote.
    fn after_literal(&self, from: usize, end: usize) -> Result<(), ParseError> {
        let rest = &self.src[from..end];
        let trimmed = rest.trim_start_matches([' ', '\t']);
        if trimmed.is_empty() {
            return Ok(());
        }
        Err(self.error(
            from + rest.len() - trimmed.len(),
            "text outside quotes after a string",
        ))
    }

    fn field_mut(&mut self, slot: Slot) -> &mut Field {
        let e = &mut self.entry;
        match slot {
            Slot::Ctxt => e.msgctxt.as_mut(),
            Slot::Id => e.msgid.as_mut(),
            Slot::IdPlural => e.msgid_plural.as_mut(),
            Slot::Str => e.msgstr.as_mut(),
            Slot::StrN => e.msgstr_n.last_mut(),
        }
        .expect("the current field exists")
    }

    /// Checks a keyword against the entry so far; starts a new entry where it begins one.
    fn keyword(
        &mut self,
        slot: Slot,
        index: Option<usize>,
        at: usize,
        keyword: &str,
    ) -> Result<(), ParseError> {
        if matches!(slot, Slot::Ctxt | Slot::Id) && self.entry.has_msgstr() {
            self.finish_entry()?;
        }
        let e = &self.entry;
        let problem = match slot {
            Slot::Ctxt | Slot::Id if e.msgid.is_some() => {
                return Err(self.missing_msgstr());
            }
            Slot::Ctxt if e.msgctxt.is_some() => Some("duplicate msgctxt".to_string()),
            Slot::IdPlural | Slot::Str | Slot::StrN if e.msgid.is_none() => {
                Some(format!("{keyword} without msgid"))
            }
            Slot::IdPlural if e.msgid_plural.is_some() => {
                Some("duplicate msgid_plural".to_string())
            }
            Slot::IdPlural if e.has_msgstr() => Some("msgid_plural after msgstr".to_string()),
            Slot::Str if e.msgstr.is_some() => Some("duplicate msgstr".to_string()),
            Slot::Str if e.msgid_plural.is_some() || !e.msgstr_n.is_empty() => {
                Some("msgstr in a plural entry: expected msgstr[0], msgstr[1], …".to_string())
            }
            Slot::StrN if e.msgid_plural.is_none() => Some(format!(
                "{keyword} without msgid_plural: use msgstr, or add msgid_plural"
            )),
            Slot::StrN if e.msgstr.is_some() => Some(format!("{keyword} after msgstr")),
            Slot::StrN if index != Some(e.msgstr_n.len()) => {
                let n = e.msgstr_n.len();
                Some(if index.is_some_and(|i| i < n) {
                    format!("duplicate {keyword}")
                } else {
                    format!("{keyword} out of order: expected msgstr[{n}]")
                })
            }
            _ => None,
        };
        match problem {
            Some(m) => Err(self.error(at, m)),
            None => Ok(()),
        }
    }

    /// The entry has a msgid (and maybe msgid_plural) but no msgstr.
    fn missing_msgstr(&self) -> ParseError {
        let e = &self.entry;
        let at = e.msgid.as_ref().map_or(0, |f| f.keyword);
        if e.msgid_plural.is_some() {
            self.error(
                at,
                "msgid without msgstr[0] (a plural entry needs msgstr[0], msgstr[1], …)",
            )
        } else {
            self.error(at, "msgid without msgstr")
        }
    }

    fn comment(&mut self, at: usize, line: &str) -> Result<(), ParseError> {
        self.current = None;
        if self.entry.msgid.is_some() && !self.entry.has_msgstr() {
            return Err(self.missing_msgstr());
        }
        if self.entry.has_msgstr() {
            self.finish_entry()?;
        } else if self.entry.msgctxt.is_some() {
            return Err(self.error(
                self.entry.msgctxt.as_ref().map_or(at, |f| f.keyword),
                "msgctxt without msgid",
            ));
        }
        if line.starts_with("#~") {
            // An obsolete entry: the comments and flags before it are its own.
            self.entry.flags.clear();
        } else if let Some(flags) = line.strip_prefix("#,") {
            self.entry.flags.extend(
                flags
                    .split(',')
                    .map(str::trim)
                    .filter(|f| !f.is_empty())
                    .map(str::to_string),
            );
        }
        Ok(())
    }

    /// Turns the entry read so far into units (or the header).
    fn finish_entry(&mut self) -> Result<(), ParseError> {
        self.current = None;
        let entry = std::mem::take(&mut self.entry);
        if entry.is_empty() {
            return Ok(());
        }
        let Some(msgid) = entry.msgid else {
            let at = entry.msgctxt.as_ref().map_or(0, |f| f.keyword);
            return Err(self.error(at, "msgctxt without msgid"));
        };
        if entry.msgstr.is_none() && entry.msgstr_n.is_empty() {
            self.entry.msgid = Some(msgid);
            self.entry.msgid_plural = entry.msgid_plural;
            return Err(self.missing_msgstr());
        }
        let start = entry.msgctxt.as_ref().map_or(msgid.keyword, |f| f.keyword);
        let line = self.lines.line_of(start) + 1;
        let msgctxt = entry.msgctxt.map(Field::into_piece);
        let msgid = msgid.into_piece();
        if msgctxt.is_none() && msgid.text.is_empty() && !self.header_seen {
            self.header_seen = true;
            if let Some(h) = entry.msgstr {
                self.header(&h.into_piece().text);
            }
            return Ok(());
        }
        let base = match &msgctxt {
            Some(c) => format!("{}\u{4}{}", c.text, msgid.text),
            None => msgid.text.clone(),
        };
        let fuzzy = entry.flags.iter().any(|f| f == "fuzzy");
        let unit = |id: String, source: Piece, target: Piece, plural: Option<usize>| Unit {
            id,
            line,
            source,
            target: (!target.text.is_empty()).then_some(target),
            fuzzy,
            translate: true,
            plural,
            flags: entry.flags.clone(),
        };
        if let Some(s) = entry.msgstr {
            let u = unit(base, msgid, s.into_piece(), None);
            self.bitext.units.push(u);
        } else {
            let plural = entry.msgid_plural.map(Field::into_piece);
            for (n, s) in entry.msgstr_n.into_iter().enumerate() {
                let source = match (&plural, n) {
                    (Some(p), 1..) => p.clone(),
                    _ => msgid.clone(),
                };
                let u = unit(format!("{base}[{n}]"), source, s.into_piece(), Some(n));
                self.bitext.units.push(u);
            }
        }
        Ok(())
    }

    /// `Language:` and `Plural-Forms: nplurals=N; …` of the header.
    fn header(&mut self, text: &str) {
        for l in text.lines() {
            let Some((name, value)) = l.split_once(':') else {
                continue;
            };
            let value = value.trim();
            match name.trim() {
                "Language" if !value.is_empty() => {
                    self.bitext.target_lang = Some(value.to_string());
                }
                "Plural-Forms" => {
                    self.bitext.nplurals = value
                        .split(';')
                        .filter_map(|kv| kv.split_once('='))
                        .find(|(k, _)| k.trim() == "nplurals")
                        .and_then(|(_, v)| v.trim().parse().ok());
                }
                _ => {}
            }
        }
    }
}

/// Reads the string literal whose opening quote is at `quote` (the line ends at `end`) into
/// `piece`; returns the offset of the closing quote.
fn literal(
    src: &str,
    quote: usize,
    end: usize,
    piece: &mut PieceBuilder,
) -> Result<usize, ParseError> {
    let bytes = src.as_bytes();
    let mut i = quote + 1;
    let mut run = i; // start of the verbatim run
                     // A run of numeric escapes: its bytes and where it starts.
    let mut numeric: Option<(usize, Vec<u8>)> = None;
    let flush_numeric =
        |piece: &mut PieceBuilder, numeric: &mut Option<(usize, Vec<u8>)>, at: usize| {
            if let Some((start, bytes)) = numeric.take() {
                piece.decoded(
                    start..at,
                    &String::from_utf8_lossy(&bytes),
                    PartKind::Escape,
                );
            }
        };
    loop {
        if i >= end {
            return Err(ParseError::at(
                src,
                quote,
                "unterminated string: no closing quote on this line",
            ));
        }
        match bytes[i] {
            b'"' => {
                if run < i {
                    flush_numeric(piece, &mut numeric, run);
                    piece.verbatim(src, run..i);
                }
                flush_numeric(piece, &mut numeric, i);
                return Ok(i);
            }
            b'\\' => {
                if run < i {
                    flush_numeric(piece, &mut numeric, run);
                    piece.verbatim(src, run..i);
                }
                let Some(&c) = bytes.get(i + 1).filter(|_| i + 1 < end) else {
                    return Err(ParseError::at(
                        src,
                        quote,
                        "unterminated string: a backslash ends the line",
                    ));
                };
                let simple = match c {
                    b'n' => Some('\n'),
                    b't' => Some('\t'),
                    b'r' => Some('\r'),
                    b'a' => Some('\u{7}'),
                    b'b' => Some('\u{8}'),
                    b'f' => Some('\u{c}'),
                    b'v' => Some('\u{b}'),
                    b'\\' => Some('\\'),
                    b'"' => Some('"'),
                    b'\'' => Some('\''),
                    b'?' => Some('?'),
                    _ => None,
                };
                if let Some(d) = simple {
                    flush_numeric(piece, &mut numeric, i);
                    piece.decoded(i..i + 2, d.encode_utf8(&mut [0; 4]), PartKind::Escape);
                    i += 2;
                } else {
                    let (len, value) = match c {
                        b'0'..=b'7' => {
                            let n = bytes[i + 1..end.min(i + 4)]
                                .iter()
                                .take_while(|b| (b'0'..=b'7').contains(b))
                                .count();
                            let v = u32::from_str_radix(&src[i + 1..i + 1 + n], 8).unwrap_or(0);
                            (1 + n, v)
                        }
                        b'x' => {
                            let n = bytes[i + 2..end.min(i + 4)]
                                .iter()
                                .take_while(|b| b.is_ascii_hexdigit())
                                .count();
                            if n == 0 {
                                return Err(ParseError::at(
                                    src,
                                    i,
                                    "bad escape \\x without hex digits",
                                ));
                            }
                            let v = u32::from_str_radix(&src[i + 2..i + 2 + n], 16).unwrap_or(0);
                            (2 + n, v)
                        }
                        _ => {
                            let shown = src[i + 1..].chars().next().unwrap_or(' ');
                            return Err(ParseError::at(
                                src,
                                i,
                                format!(
                                    "bad escape \\{shown} in a string (PO has \\n \\t \\r \\\" \\\\ \\a \\b \\f \\v, \\ooo and \\xHH); write \\\\ for a backslash"
                                ),
                            ));
                        }
                    };
                    let byte = u8::try_from(value).unwrap_or(u8::MAX);
                    match &mut numeric {
                        Some((_, b)) => b.push(byte),
                        None => numeric = Some((i, vec![byte])),
                    }
                    i += len;
                }
                run = i;
            }
            _ => i += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::bitext::testing::{assert_fragments, check_piece, Rng};
    use crate::source::offsets::{TextBuilder, PLACEHOLDER};

    /// Decodes a stretch of a PO file that a word maps to: escapes decoded, joints between
    /// strings dropped.
    fn decode(s: &str) -> String {
        let b = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'"' => {
                    // A joint: up to the next opening quote.
                    i += 1;
                    while i < b.len() && b[i] != b'"' {
                        i += 1;
                    }
                    i += 1;
                }
                b'\\' if i + 1 < b.len() => {
                    let c = b[i + 1];
                    let digits = |from: usize, max: usize, ok: fn(&u8) -> bool| {
                        b[from..].iter().take(max).take_while(|d| ok(d)).count()
                    };
                    match c {
                        b'0'..=b'7' => {
                            let n = digits(i + 1, 3, |d| (b'0'..=b'7').contains(d));
                            out.push(u8::from_str_radix(&s[i + 1..i + 1 + n], 8).unwrap());
                            i += 1 + n;
                        }
                        b'x' => {
                            let n = digits(i + 2, 2, u8::is_ascii_hexdigit);
                            out.push(u8::from_str_radix(&s[i + 2..i + 2 + n], 16).unwrap());
                            i += 2 + n;
                        }
                        _ => {
                            out.push(match c {
                                b'n' => b'\n',
                                b't' => b'\t',
                                b'r' => b'\r',
                                b'a' => 7,
                                b'b' => 8,
                                b'f' => 12,
                                b'v' => 11,
                                other => other,
                            });
                            i += 2;
                        }
                    }
                }
                c => {
                    out.push(c);
                    i += 1;
                }
            }
        }
        String::from_utf8_lossy(&out).into_owned()
    }

    fn check_all(src: &str, bt: &Bitext) {
        for u in &bt.units {
            check_piece(src, &u.source, &decode);
            if let Some(t) = &u.target {
                check_piece(src, t, &decode);
            }
        }
    }

    fn map_word(src: &str, piece: &Piece, word: &str) -> String {
        let mut b = TextBuilder::new(src);
        piece.emit(&mut b);
        let (t, map, _) = b.finish();
        let p = t
            .find(word)
            .unwrap_or_else(|| panic!("{word:?} not in {t:?}"));
        src[map.range(p..p + word.len())].to_string()
    }

    const HEADER: &str = "msgid \"\"\nmsgstr \"\"\n\"Language: en\\n\"\n\"Plural-Forms: nplurals=2; plural=(n != 1);\\n\"\n\n";

    #[test]
    fn entries_plurals_continuations_and_escapes() {
        let src = format!(
            "{HEADER}{}",
            concat!(
                "#: src/main.c:10\n",
                "#, c-format\n",
                "msgid \"Fichier %s introuvable\\n\"\n",
                "msgstr \"File %s not found\\n\"\n",
                "\n",
                "msgctxt \"menu\"\n",
                "msgid \"\"\n",
                "\"Ouvrir un \"\n",
                "\"fichier\"\n",
                "msgstr \"\"\n",
                "\"Open a \"\n",
                "   \"file\"\n",
                "\n",
                "#, fuzzy, python-format\n",
                "msgid \"%(n)d élément\"\n",
                "msgid_plural \"%(n)d éléments\"\n",
                "msgstr[0] \"%(n)d item\"\n",
                "msgstr[1] \"%(n)d \\\"items\\\"\\tend\"\n",
                "\n",
                "msgid \"Non traduit\"\n",
                "msgstr \"\"\n",
                "\n",
                "#, fuzzy\n",
                "#~ msgid \"Ancien\"\n",
                "#~ msgstr \"Old\"\n",
                "\n",
                "msgid \"Octal \\303\\251t\\351\"\n",
                "msgstr \"Caf\\303\\251 \\x41BC\"\n",
            )
        );
        let bt = parse(&src).unwrap();
        check_all(&src, &bt);
        assert_eq!(bt.target_lang.as_deref(), Some("en"));
        assert_eq!(bt.nplurals, Some(2));
        let ids: Vec<&str> = bt.units.iter().map(|u| u.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "Fichier %s introuvable\n",
                "menu\u{4}Ouvrir un fichier",
                "%(n)d élément[0]",
                "%(n)d élément[1]",
                "Non traduit",
                "Octal ét\u{fffd}",
            ]
        );
        let u = &bt.units[0];
        assert_eq!(
            (u.line, u.flags.as_slice()),
            (8, &["c-format".to_string()][..])
        );
        let t = u.target.as_ref().unwrap();
        assert_eq!(t.text, "File %s not found\n");
        assert_eq!(&src[t.orig.clone()], "File %s not found\\n");
        assert_eq!(map_word(&src, t, "found"), "found");

        let u = &bt.units[1];
        assert_eq!(u.line, 11);
        let t = u.target.as_ref().unwrap();
        assert_eq!(t.text, "Open a file");
        assert_eq!(&src[t.orig.clone()], "\"\n\"Open a \"\n   \"file");
        assert_eq!(map_word(&src, t, "file"), "file");
        assert_eq!(map_word(&src, t, "Open"), "Open");
        assert_eq!(map_word(&src, t, "a file"), "a \"\n   \"file");

        let (u0, u1) = (&bt.units[2], &bt.units[3]);
        assert!(u0.fuzzy && u1.fuzzy);
        assert_eq!(u0.flags, ["fuzzy", "python-format"]);
        assert_eq!((u0.plural, u1.plural), (Some(0), Some(1)));
        assert_eq!(u0.source.text, "%(n)d élément");
        assert_eq!(u1.source.text, "%(n)d éléments");
        let t1 = u1.target.as_ref().unwrap();
        assert_eq!(t1.text, "%(n)d \"items\"\tend");
        assert_eq!(map_word(&src, t1, "items"), "items");
        assert_eq!(map_word(&src, t1, "\"items\""), "\\\"items\\\"");

        assert_eq!(bt.units[4].target, None);
        assert!(
            !bt.units[4].fuzzy,
            "the fuzzy flag of the obsolete entry is not its"
        );
        let t = bt.units[5].target.as_ref().unwrap();
        assert_eq!(t.text, "Café ABC");
        assert_eq!(map_word(&src, t, "Café"), "Caf\\303\\251");
        assert_eq!(map_word(&src, t, "ABC"), "\\x41BC");
    }

    #[test]
    fn crlf_and_bom() {
        let src = "\u{feff}msgid \"\"\r\nmsgstr \"Language: en\\n\"\r\n\r\nmsgid \"Un\"\r\n\"deux\"\r\nmsgstr \"One\"\r\n\"two\"\r\n";
        let bt = parse(src).unwrap();
        check_all(src, &bt);
        let t = bt.units[0].target.as_ref().unwrap();
        assert_eq!(t.text, "Onetwo");
        assert_eq!(map_word(src, t, "Onetwo"), "One\"\r\n\"two");
        assert_eq!(bt.units[0].line, 4);
        let tg = bt.targets(src);
        assert_eq!(tg.text, "Onetwo");
        // Lone CR line ends too.
        let src = "msgid \"a\"\rmsgstr \"b\"\r";
        assert_eq!(
            parse(src).unwrap().units[0].target.as_ref().unwrap().text,
            "b"
        );
    }

    fn err(src: &str) -> (usize, usize, String) {
        let e = parse(src).unwrap_err();
        (e.line, e.column, e.message)
    }

    #[test]
    fn errors_have_line_and_column() {
        let (l, c, m) = err("msgid \"a\"\nmsgstr \"b\n");
        assert_eq!((l, c), (2, 8), "{m}");
        assert!(m.contains("unterminated"));
        let (l, c, m) = err("msgid \"é\"\nmsgstr \"ü \\q\"\n");
        assert_eq!((l, c), (2, 11), "{m}");
        assert!(m.contains("bad escape \\q"), "{m}");
        let (l, c, m) = err("msgid \"a\"\n\nmsgid \"b\"\nmsgstr \"c\"\n");
        assert_eq!((l, c), (1, 1), "{m}");
        assert!(m.contains("msgid without msgstr"), "{m}");
        let (l, c, m) = err("msgid \"a\"\nmsgstr \"b\"\n\nmsgid \"z\"\n");
        assert_eq!((l, c), (4, 1), "{m}");
        assert!(m.contains("msgid without msgstr"), "{m}");
        let (l, c, m) = err("msgid \"a\"\nmsgstr[0] \"b\"\n");
        assert_eq!((l, c), (2, 1), "{m}");
        assert!(m.contains("without msgid_plural"), "{m}");
        let (l, c, m) = err("msgid \"a\"\nmsgstr \"b\" x\n");
        assert_eq!((l, c), (2, 12), "{m}");
        assert!(m.contains("outside quotes"), "{m}");
        let (l, c, m) = err("msgid \"a\"\n  hello \"b\"\n");
        assert_eq!((l, c), (2, 3), "{m}");
        assert!(m.contains("outside quotes"), "{m}");
        let (l, c, m) = err("msgid \"a\"\nmsgstr \"b\"\nmsgstr \"c\"\n");
        assert_eq!((l, c), (3, 1), "{m}");
        assert!(m.contains("duplicate msgstr"), "{m}");
        let (l, c, m) = err("msgctxt \"a\"\nmsgctxt \"b\"\n");
        assert_eq!((l, c), (2, 1), "{m}");
        assert!(m.contains("duplicate msgctxt"), "{m}");
        let (l, c, m) = err("msgid \"a\"\nmsgid_plural \"as\"\nmsgstr[0] \"b\"\nmsgstr[0] \"c\"\n");
        assert_eq!((l, c), (4, 1), "{m}");
        assert!(m.contains("duplicate msgstr[0]"), "{m}");
        let (l, c, m) = err("msgid \"a\"\nmsgid_plural \"as\"\nmsgstr[1] \"b\"\n");
        assert_eq!((l, c), (3, 1), "{m}");
        assert!(m.contains("out of order"), "{m}");
        let (l, c, m) = err("msgid \"a\"\nmsgstr\n");
        assert_eq!((l, c), (2, 7), "{m}");
        let (l, c, m) = err("\"a\"\n");
        assert_eq!((l, c), (1, 1), "{m}");
        let (l, c, m) = err("msgid \"a\"\n#: x.c:1\nmsgstr \"b\"\n");
        assert_eq!((l, c), (1, 1), "{m}");
        let (l, c, _) = err("msgid \"a\\\"\nmsgstr \"b\"\n");
        assert_eq!((l, c), (1, 7));
        let (l, c, m) = err("msgid \"a\"\nmsgstr \"b \\x\"\n");
        assert_eq!((l, c), (2, 11), "{m}");
    }

    #[test]
    fn malformed_fixtures() {
        let src = include_str!("../../fixtures/bilingual/malformed/bad-escape.po");
        let e = parse(src).unwrap_err();
        assert_eq!((e.line, e.column), (12, 24), "{e}");
        assert!(e.message.contains("bad escape \\q"), "{e}");
        let src = include_str!("../../fixtures/bilingual/malformed/missing-msgstr.po");
        let e = parse(src).unwrap_err();
        assert_eq!((e.line, e.column), (12, 1), "{e}");
        assert!(e.message.contains("msgid without msgstr"), "{e}");
    }

    #[test]
    fn messages_fixture() {
        let src = include_str!("../../fixtures/bilingual/messages.po");
        let bt = parse(src).unwrap();
        check_all(src, &bt);
        assert_eq!(bt.target_lang.as_deref(), Some("en"));
        assert_eq!(bt.nplurals, Some(2));
        assert!(bt.units.iter().any(|u| u.plural == Some(1)));
        assert!(bt.units.iter().any(|u| u.fuzzy));
        assert!(bt.units.iter().any(|u| u.target.is_none()));
        assert!(bt.units.iter().all(|u| !u.source.text.contains("obsolète")));
        let tg = bt.targets(src);
        for (w, r) in crate::source::bitext::testing::words(&tg.text) {
            let o = tg.map.range(r);
            assert!(decode(&src[o.clone()]).contains(w), "{w} → {:?}", &src[o]);
        }
    }

    /// Generated strings: every piece of content maps back to exactly the bytes it came from.
    #[test]
    fn generated_strings_map_back_exactly() {
        // (bytes in the literal, what they add to the checked text); JOINT splits the literal.
        const JOINT: &str = "\"\n\"";
        const FRAGS: &[(&str, &str)] = &[
            ("word", "word"),
            ("Größe", "Größe"),
            ("données", "données"),
            ("数据库", "数据库"),
            ("cafe\u{301}", "caf\u{e9}"),
            ("\\n", "\n"),
            ("\\t", "\t"),
            ("\\\"", "\""),
            ("\\\\", "\\"),
            ("\\101", "A"),
            ("\\x42", "B"),
            ("\\303\\251", "é"),
            ("%s", "%s"),
            ("%(name)s", "%(name)s"),
            ("{count}", "{count}"),
            (JOINT, ""),
            ("\"\r\n   \"", ""),
            ("\"\n\n\t\"", ""),
        ];
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for case in 0..500 {
            let mut content = String::new();
            let mut placed = Vec::new();
            for _ in 0..rng.below(12) + 1 {
                let i = rng.below(FRAGS.len());
                if !content.is_empty() {
                    content.push(' ');
                }
                placed.push((content.len(), i));
                content.push_str(FRAGS[i].0);
            }
            let head = "msgid \"\"\nmsgstr \"Language: en\\n\"\n\n#, c-format\nmsgid \"source\"\nmsgstr \"";
            let src = format!("{head}{content}\"\n");
            let bt = parse(&src).unwrap_or_else(|e| panic!("case {case}: {e}\n{src}"));
            let Some(t) = bt.units[0].target.as_ref() else {
                assert!(placed.iter().all(|&(_, i)| FRAGS[i].1.is_empty()));
                continue;
            };
            check_piece(&src, t, &decode);
            let what = format!("case {case}: {content:?}");
            let checked = assert_fragments(&src, head, t, &placed, FRAGS, &what);
            assert!(!checked.contains(PLACEHOLDER));
        }
    }

    #[test]
    fn a_url_split_over_continuation_lines_is_one_placeholder() {
        let src = "msgid \"a\"\nmsgstr \"\"\n\"See https://example.com/a/\"\n\"b?x=1 now\"\n";
        let bt = parse(src).unwrap();
        let t = bt.units[0].target.as_ref().unwrap();
        let mut b = TextBuilder::new(src);
        t.emit(&mut b);
        let (checked, _, edits) = b.finish();
        assert_eq!(checked, format!("See {PLACEHOLDER} now"));
        let url = edits
            .iter()
            .find(|e| e.kind == crate::source::offsets::EditKind::Url)
            .unwrap();
        assert_eq!(&src[url.orig.clone()], "https://example.com/a/\"\n\"b?x=1");
    }
}
