//! Bilingual files (issue 10): the types that the XLIFF ([`super::xliff`]) and gettext PO
//! ([`super::po`]) readers produce.
//!
//! A [`Bitext`] is a list of translation [`Unit`]s, each with a source and (when translated) a
//! target [`Piece`]. A piece keeps the exact bytes of the file it was read from: it is a list of
//! [`Part`]s that cover its content in order, each either verbatim bytes of the file or a decoded
//! piece of syntax (an entity, an escape, an inline tag, the joint between two PO strings). So
//! that
//!
//! - the English targets are checked by every existing check: [`Piece::emit`] feeds a
//!   [`TextBuilder`] over the original file, and every diagnostic maps back to the exact bytes
//!   of the word in the file (inside `&amp;`-escaped XML or `"…" "…"`-continued PO strings);
//! - the bilingual checks compare [`Piece::text`] (decoded text, one U+FFFC per inline code) and
//!   [`Piece::codes`] of the source and the target, and map what they find in the decoded text
//!   back to the file with [`Piece::orig_range`];
//! - a fix writes its replacement into the file with [`escape`].

use super::offsets::{Edit, EditKind, OffsetMap, TextBuilder, PLACEHOLDER};
use super::urls;
use std::fmt;
use std::ops::Range;

/// The primary subtag of a language tag, lower case: `zh-CN` → `zh`, `pt_BR` → `pt`.
pub fn primary_lang(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or(tag)
        .to_ascii_lowercase()
}

/// The file format of a bilingual file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// XLIFF 1.2, 2.0, 2.1 or 2.2 (`.xlf`, `.xliff`).
    Xliff,
    /// GNU gettext PO (`.po`, `.pot`).
    Po,
}

/// A bilingual file: the translation units of an XLIFF or PO file, in file order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bitext {
    pub format: Format,
    /// The source language as the file declares it (XLIFF 1.2: `source-language` of the first
    /// `<file>`; XLIFF 2: `srcLang`; PO: none, gettext does not record it), e.g. `zh-CN`.
    pub source_lang: Option<String>,
    /// The target language as the file declares it (XLIFF 1.2: `target-language` of the first
    /// `<file>`; XLIFF 2: `trgLang`; PO: `Language:` in the header entry), e.g. `en`.
    pub target_lang: Option<String>,
    /// PO: `nplurals` of the header's `Plural-Forms:` (2 for English). XLIFF: None.
    pub nplurals: Option<usize>,
    pub units: Vec<Unit>,
}

/// One source segment and its translation.
///
/// XLIFF 1.2: a `<trans-unit>`, or one `<mrk mtype="seg">` segment of its `<seg-source>` with
/// the target `<mrk>` of the same `mid`. XLIFF 2: a `<segment>` of a `<unit>`. PO: an entry, or
/// one `msgstr[n]` of a plural entry. The PO header entry (`msgid ""`) is not a unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    /// Identifies the unit in the file.
    ///
    /// XLIFF: the `id` of the `<trans-unit>` / `<unit>`, followed by `/` and the segment's `mid`
    /// (1.2) or `id` (2; its 1-based position among the unit's segments if it has none) when the
    /// unit has several segments. Ids are unique per `<file>` only: a file with several
    /// `<file>` elements may repeat them.
    /// PO: the msgid, preceded by the msgctxt and U+0004 when there is one (as gettext keys its
    /// catalogs), followed by `[n]` for the plural form `msgstr[n]`.
    pub id: String,
    /// 1-based line where the unit starts: the `<trans-unit>`, `<segment>` (XLIFF 2 units with
    /// several segments) or seg-source `<mrk>` tag; PO: the `msgctxt` or `msgid` keyword.
    pub line: usize,
    /// The source text (XLIFF `<source>`; PO `msgid`, or `msgid_plural` for `msgstr[n]`, n ≥ 1).
    pub source: Piece,
    /// The translation; None when there is none: no `<target>` element (XLIFF) or an empty
    /// `msgstr ""` (PO: untranslated). An empty XLIFF `<target/>` is `Some` empty piece.
    pub target: Option<Piece>,
    /// The translation is a draft: PO `#, fuzzy`; XLIFF 1.2 `state="new"` or `state="needs-…"`;
    /// XLIFF 2 `state="initial"` given explicitly (a segment without `state` is not fuzzy).
    pub fuzzy: bool,
    /// False when the unit is not to be translated: XLIFF `translate="no"` on the unit or on an
    /// enclosing `<group>` / `<file>` (XLIFF 2). Always true in PO.
    pub translate: bool,
    /// PO: `n` of `msgstr[n]` for a plural entry. XLIFF: None.
    pub plural: Option<usize>,
    /// PO: the `#,` flags in order (`fuzzy`, `c-format`, `no-c-format`, `python-format`, …).
    /// XLIFF: the target's state as `name=value`: `state=…`, `state-qualifier=…` (1.2),
    /// `state=…`, `subState=…` (2), and `approved=…` of a 1.2 `<trans-unit>`.
    pub flags: Vec<String>,
}

/// The text of a source or target, with the exact bytes it came from.
///
/// Invariants (tested): the parts are in file order and cover `orig` exactly, one after the
/// other; `text` is the concatenation of the parts' texts (see [`Part::text`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// The bytes of the file the piece was read from: XLIFF, the content of the `<source>`,
    /// `<target>` or segment `<mrk>` element (between its start and end tags; an empty range
    /// after the tag for `<target/>`); PO, from just after the first string literal's opening
    /// quote to just before the last one's closing quote (continuation strings included).
    pub orig: Range<usize>,
    /// The content in order: verbatim bytes and decoded syntax.
    pub parts: Vec<Part>,
    /// The decoded text: verbatim parts as they are in the file (line ends included, CRLF as
    /// CRLF), entities and escapes decoded, one [`PLACEHOLDER`] (U+FFFC) for each standalone
    /// inline code, nothing for paired tags, CDATA markers, comments and PO joints.
    pub text: String,
    /// The inline elements (XLIFF), in order, with their position in `text`. Empty in PO.
    pub codes: Vec<InlineCode>,
}

/// A piece of a [`Piece`]'s content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    /// Verbatim bytes of the original file: prose, or the content of a CDATA section.
    Text(Range<usize>),
    /// Syntax that stands for `text` (which may be empty) in the decoded text.
    Decoded {
        /// The bytes of the syntax in the file (`&amp;`, `\n`, `<x id="1"/>`, `"⏎"`…).
        orig: Range<usize>,
        /// What it stands for in [`Piece::text`].
        text: String,
        kind: PartKind,
    },
}

impl Part {
    /// The bytes of the file this part covers.
    pub fn orig(&self) -> Range<usize> {
        match self {
            Part::Text(r) => r.clone(),
            Part::Decoded { orig, .. } => orig.clone(),
        }
    }

    /// The part's text in [`Piece::text`]: the verbatim bytes (`src` is the whole file) or the
    /// decoded text.
    pub fn text<'a>(&'a self, src: &'a str) -> &'a str {
        match self {
            Part::Text(r) => &src[r.clone()],
            Part::Decoded { text, .. } => text,
        }
    }

    /// Length of the part's text in [`Piece::text`].
    fn text_len(&self) -> usize {
        match self {
            Part::Text(r) => r.len(),
            Part::Decoded { text, .. } => text.len(),
        }
    }
}

/// What a [`Part::Decoded`] is, and how [`Piece::emit`] writes it into the checked text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartKind {
    /// An escape that stands for characters: XML entity (`&amp;` `&lt;` `&gt;` `&quot;`
    /// `&apos;`) or character reference (`&#233;` `&#xE9;`); XLIFF 2 `<cp hex="…"/>`; PO
    /// escape (`\n` `\t` `\"` `\\` `\r` `\a` `\b` `\f` `\v`, octal `\ooo` and hex `\xHH`: a run
    /// of these is one part, decoded as UTF-8 bytes). Checked text: its decoded text.
    Escape,
    /// A standalone inline code, which stands for native markup or a variable: `<x/>` `<bx/>`
    /// `<ex/>` `<ph>…</ph>` `<bpt>…</bpt>` `<ept>…</ept>` `<it>…</it>` (1.2), `<ph/>` `<sc/>`
    /// `<ec/>` (2). The native code inside `<ph>`, `<bpt>`, `<ept>`, `<it>` is part of it, not
    /// prose. Text: one [`PLACEHOLDER`]; checked text: [`PLACEHOLDER`] ([`EditKind::Atom`]).
    Placeholder,
    /// The start or end tag of an inline element whose content is prose (`<g>` `</g>`
    /// `<mrk>` `</mrk>` `<pc>` `</pc>`, unknown elements) or an annotation marker (`<sm/>`
    /// `<em/>`). Text: nothing.
    Tag,
    /// PO: what lies between two string literals of one keyword (the closing quote, the line
    /// break, indentation, the next opening quote). Text: nothing.
    Joint,
    /// The `<![CDATA[` and `]]>` markers of a CDATA section (its content is a [`Part::Text`]).
    /// Text: nothing.
    Cdata,
    /// An XML comment or processing instruction inside the content. Text: nothing.
    Comment,
}

/// An inline element of an XLIFF source or target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InlineCode {
    /// The element's local name: `x` `g` `bx` `ex` `ph` `bpt` `ept` `it` `mrk` (1.2), `ph`
    /// `pc` `sc` `ec` `mrk` `sm` `em` (2), or any other element met inside a source or target.
    pub kind: String,
    /// Its `id` attribute (XLIFF 2 `<ec>` without `id`: its `startRef`; `<ept>`: its `rid`).
    pub id: Option<String>,
    /// Byte offset in [`Piece::text`]: where its [`PLACEHOLDER`] starts (standalone codes,
    /// see [`InlineCode::is_placeholder`]), or where the tag stands (paired tags: no text).
    pub at: usize,
    /// The bytes of the element in the file: the whole element for standalone codes, the start
    /// or the end tag for paired ones.
    pub orig: Range<usize>,
    /// An end: `</g>` `</pc>` `</mrk>` (the start tag is a separate code), `<ex/>` `<ec/>`
    /// `<ept>` `<em/>`.
    pub closing: bool,
    /// What the code looks like to a reader: `equiv-text` (1.2), `equiv` or `disp` (2;
    /// `equivStart`/`dispStart` and `equivEnd`/`dispEnd` for the tags of a `<pc>`).
    pub equiv: Option<String>,
    /// The native code inside `<ph>`, `<bpt>`, `<ept>`, `<it>` (1.2), decoded (e.g. `%s`,
    /// `<b>`); nested `<sub>` flows are left out.
    pub native: Option<String>,
}

impl InlineCode {
    /// Does the code stand as a [`PLACEHOLDER`] in [`Piece::text`] (standalone codes), rather
    /// than as nothing (tags around prose, annotation markers)?
    pub fn is_placeholder(&self) -> bool {
        !matches!(self.kind.as_str(), "g" | "pc" | "mrk" | "sm" | "em") && is_known_code(&self.kind)
    }
}

/// Elements that XLIFF defines as inline codes or markers.
fn is_known_code(kind: &str) -> bool {
    matches!(
        kind,
        "x" | "g"
            | "bx"
            | "ex"
            | "ph"
            | "bpt"
            | "ept"
            | "it"
            | "mrk"
            | "pc"
            | "sc"
            | "ec"
            | "sm"
            | "em"
    )
}

/// Why a bilingual file could not be read, and where (1-based line and column; columns count
/// Unicode scalar values, a byte-order mark is not one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl ParseError {
    /// An error at byte `offset` of `src`.
    pub(crate) fn at(src: &str, offset: usize, message: impl Into<String>) -> Self {
        let li = super::offsets::LineIndex::new(src);
        let lc = li.line_col(src, offset);
        ParseError {
            line: lc.line,
            column: lc.column,
            message: message.into(),
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

impl std::error::Error for ParseError {}

impl Piece {
    /// An empty piece at byte `at` (XLIFF `<target/>`, PO `""`).
    pub fn empty(at: usize) -> Self {
        Piece {
            orig: at..at,
            parts: Vec::new(),
            text: String::new(),
            codes: Vec::new(),
        }
    }

    /// The parts with the range of [`Piece::text`] each stands for.
    pub fn spans(&self) -> impl Iterator<Item = (&Part, Range<usize>)> + '_ {
        let mut at = 0;
        self.parts.iter().map(move |p| {
            let r = at..at + p.text_len();
            at = r.end;
            (p, r)
        })
    }

    /// The bytes of the file that a range of [`Piece::text`] comes from: exact inside verbatim
    /// parts; a decoded part is taken whole (the `&amp;` of an `&`). An empty range maps to an
    /// empty range.
    pub fn orig_range(&self, r: Range<usize>) -> Range<usize> {
        let start = self.orig_pos(r.start, false);
        if r.is_empty() {
            return start..start;
        }
        let end = self.orig_pos(r.end, true).max(start);
        start..end
    }

    /// Original byte offset of a text position, as a start (in the part that begins there) or
    /// as an end (in the part that ends there).
    fn orig_pos(&self, pos: usize, as_end: bool) -> usize {
        for (p, t) in self.spans() {
            let inside = if as_end {
                t.start < pos && pos <= t.end
            } else {
                t.start <= pos && pos < t.end
            };
            if inside {
                return match p {
                    Part::Text(r) => r.start + (pos - t.start),
                    Part::Decoded { orig, .. } if as_end => orig.end,
                    Part::Decoded { orig, .. } => orig.start,
                };
            }
        }
        // Past the end (or an empty piece).
        if pos == 0 && !as_end {
            self.orig.start
        } else {
            self.orig.end
        }
    }

    /// Feeds the piece into a builder over the original file: verbatim parts with
    /// [`TextBuilder::copy`] (CRLF folded, NFC, URLs as placeholders), escapes as their decoded
    /// text and tags, joints, CDATA markers and comments as nothing ([`EditKind::Markup`]),
    /// standalone codes as [`PLACEHOLDER`] ([`EditKind::Atom`]). A URL is found in the decoded
    /// text, so that one with `&amp;` in it or split over PO continuation lines becomes one
    /// placeholder ([`EditKind::Url`]) for all its bytes.
    pub fn emit(&self, b: &mut TextBuilder) {
        let urls = self.urls();
        // The next URL (every one before it is out), and whether its placeholder is out.
        let mut u = 0;
        let mut done = false;
        for (part, t) in self.spans() {
            while u < urls.len() && urls[u].end <= t.start {
                u += 1;
                done = false;
            }
            let url = urls.get(u);
            match part {
                Part::Text(r) => {
                    let mut a = t.start;
                    while a < t.end {
                        match urls.get(u) {
                            Some(url) if url.start <= a => {
                                if !done {
                                    b.replace(
                                        self.orig_range(url.clone()),
                                        PLACEHOLDER,
                                        EditKind::Url,
                                    );
                                    done = true;
                                }
                                a = url.end.min(t.end);
                                if url.end <= t.end {
                                    u += 1;
                                    done = false;
                                }
                            }
                            next => {
                                let stop = next.map_or(t.end, |url| url.start.min(t.end));
                                b.copy(r.start + (a - t.start)..r.start + (stop - t.start));
                                a = stop;
                            }
                        }
                    }
                }
                Part::Decoded { orig, text, kind } => {
                    // Widened URLs hold decoded parts whole; an empty part at a URL's edge is
                    // outside it.
                    let in_url = url.is_some_and(|url| {
                        url.start < t.start || (url.start == t.start && !t.is_empty())
                    });
                    if in_url {
                        if !done {
                            let url = url.expect("in a URL").clone();
                            b.replace(self.orig_range(url), PLACEHOLDER, EditKind::Url);
                            done = true;
                        }
                        continue;
                    }
                    match kind {
                        PartKind::Escape => b.replace(orig.clone(), text, EditKind::Markup),
                        PartKind::Placeholder => {
                            b.replace(orig.clone(), PLACEHOLDER, EditKind::Atom)
                        }
                        PartKind::Tag | PartKind::Joint | PartKind::Cdata | PartKind::Comment => {
                            b.replace(orig.clone(), "", EditKind::Markup)
                        }
                    }
                }
            }
        }
    }

    /// The URLs in [`Piece::text`], found in each run of parts between two standalone codes,
    /// widened to whole decoded parts.
    fn urls(&self) -> Vec<Range<usize>> {
        let spans: Vec<(&Part, Range<usize>)> = self.spans().collect();
        let mut out = Vec::new();
        let mut run_start = 0;
        let flush = |a: usize, b: usize, out: &mut Vec<Range<usize>>| {
            if a < b {
                for u in urls::find(&self.text[a..b]) {
                    out.push(a + u.start..a + u.end);
                }
            }
        };
        for (p, t) in &spans {
            if let Part::Decoded {
                kind: PartKind::Placeholder,
                ..
            } = p
            {
                flush(run_start, t.start, &mut out);
                run_start = t.end;
            }
        }
        flush(run_start, self.text.len(), &mut out);
        // Widen to whole decoded parts.
        for url in &mut out {
            for (p, t) in &spans {
                if matches!(p, Part::Decoded { .. }) && !t.is_empty() {
                    if t.start < url.start && url.start < t.end {
                        url.start = t.start;
                    }
                    if t.start < url.end && url.end < t.end {
                        url.end = t.end;
                    }
                }
            }
        }
        out
    }
}

/// How `s` must be written into a file of the given format to stand for itself: XML escapes
/// `&` `<` `>` (element content); PO escapes `\` `"`, line feed, tab and carriage return
/// inside a string literal.
pub fn escape(format: Format, s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match (format, c) {
            (Format::Xliff, '&') => out.push_str("&amp;"),
            (Format::Xliff, '<') => out.push_str("&lt;"),
            (Format::Xliff, '>') => out.push_str("&gt;"),
            (Format::Po, '\\') => out.push_str("\\\\"),
            (Format::Po, '"') => out.push_str("\\\""),
            (Format::Po, '\n') => out.push_str("\\n"),
            (Format::Po, '\t') => out.push_str("\\t"),
            (Format::Po, '\r') => out.push_str("\\r"),
            _ => out.push(c),
        }
    }
    out
}

/// The checked text of a bilingual file: its targets, one block each.
#[derive(Debug)]
pub struct Targets {
    pub text: String,
    pub map: OffsetMap,
    pub edits: Vec<Edit>,
    /// (index in [`Bitext::units`], range of the checked text), one per emitted target.
    pub blocks: Vec<(usize, Range<usize>)>,
}

impl Bitext {
    /// Builds the checked text from the targets of the units to translate (`translate` true,
    /// `target` Some), in order, separated like Markdown blocks by a blank line that stands for
    /// the bytes between them ([`EditKind::Markup`]). `src` is the file the bitext was read from.
    pub fn targets(&self, src: &str) -> Targets {
        let mut b = TextBuilder::new(src);
        let mut blocks = Vec::new();
        for (i, unit) in self.units.iter().enumerate() {
            let Some(target) = unit.target.as_ref().filter(|_| unit.translate) else {
                continue;
            };
            if !b.text().is_empty() {
                b.replace(
                    target.orig.start..target.orig.start,
                    "\n\n",
                    EditKind::Markup,
                );
            }
            let start = b.text().len();
            target.emit(&mut b);
            if b.text().len() > start {
                blocks.push((i, start..b.text().len()));
            }
        }
        let (text, map, edits) = b.finish();
        Targets {
            text,
            map,
            edits,
            blocks,
        }
    }
}

/// Builds a [`Piece`] part by part (for the readers).
#[derive(Debug)]
pub(crate) struct PieceBuilder {
    piece: Piece,
}

impl PieceBuilder {
    /// A piece whose content starts at byte `start` of the file.
    pub(crate) fn new(start: usize) -> Self {
        PieceBuilder {
            piece: Piece::empty(start),
        }
    }

    /// Current length of the decoded text.
    pub(crate) fn text_len(&self) -> usize {
        self.piece.text.len()
    }

    /// Verbatim bytes `src[range]`.
    pub(crate) fn verbatim(&mut self, src: &str, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        self.piece.text.push_str(&src[range.clone()]);
        self.piece.orig.end = range.end;
        self.piece.parts.push(Part::Text(range));
    }

    /// Syntax `orig` that stands for `text`.
    pub(crate) fn decoded(&mut self, orig: Range<usize>, text: &str, kind: PartKind) {
        self.piece.text.push_str(text);
        self.piece.orig.end = orig.end;
        self.piece.parts.push(Part::Decoded {
            orig,
            text: text.to_string(),
            kind,
        });
    }

    pub(crate) fn code(&mut self, code: InlineCode) {
        self.piece.codes.push(code);
    }

    /// The piece, ending at byte `end` of the file.
    pub(crate) fn finish(mut self, end: usize) -> Piece {
        self.piece.orig.end = end;
        self.piece
    }
}

/// Test helpers shared by the XLIFF and PO readers' tests.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    /// Emits `piece` (the target of a file made of `head`, then fragments placed at byte
    /// offsets `placed` = (offset after `head`, index into `frags`), one space apart) and checks
    /// that the checked text is the fragments' contributions (`frags[i].1`) and that each maps
    /// back to its fragment's bytes. Returns the checked text.
    pub(crate) fn assert_fragments(
        src: &str,
        head: &str,
        piece: &Piece,
        placed: &[(usize, usize)],
        frags: &[(&str, &str)],
        what: &str,
    ) -> String {
        let mut b = TextBuilder::new(src);
        piece.emit(&mut b);
        let (checked, map, _) = b.finish();
        let mut expected = String::new();
        for (k, &(off, i)) in placed.iter().enumerate() {
            if k > 0 {
                expected.push(' ');
            }
            let (frag, adds) = frags[i];
            let start = expected.len();
            expected.push_str(adds);
            if adds.is_empty() {
                continue;
            }
            let orig = head.len() + off..head.len() + off + frag.len();
            assert_eq!(
                &src[map.range(start..expected.len())],
                &src[orig],
                "{what}: fragment {frag:?}"
            );
        }
        assert_eq!(checked, expected, "{what}");
        checked
    }

    /// Checks a piece against the file: parts cover `orig` in order, `text` is their
    /// concatenation, codes point into `text`, and emitting it gives the NFC of its text with
    /// every word mapping back to bytes of the file that decode to that word (`decode` undoes
    /// the format's escapes).
    pub(crate) fn check_piece(src: &str, piece: &Piece, decode: &dyn Fn(&str) -> String) {
        let mut at = piece.orig.start;
        let mut text = String::new();
        for p in &piece.parts {
            let r = p.orig();
            assert_eq!(r.start, at, "parts must be contiguous: {piece:#?}");
            assert!(src.is_char_boundary(r.start) && src.is_char_boundary(r.end));
            at = r.end;
            text.push_str(p.text(src));
        }
        assert_eq!(at, piece.orig.end, "parts must cover orig: {piece:#?}");
        assert_eq!(text, piece.text);
        for c in &piece.codes {
            assert!(piece.text.is_char_boundary(c.at));
            if c.is_placeholder() {
                assert!(piece.text[c.at..].starts_with(PLACEHOLDER), "{c:?}");
            }
            assert!(c.orig.start >= piece.orig.start && c.orig.end <= piece.orig.end);
        }
        // Emit and map every word back.
        let mut b = TextBuilder::new(src);
        piece.emit(&mut b);
        let (checked, map, _) = b.finish();
        if urls::find(&piece.text).is_empty() {
            let mut expected = String::new();
            for p in &piece.parts {
                match p {
                    Part::Text(r) => expected.extend(
                        src[r.clone()]
                            .replace("\r\n", "\n")
                            .replace('\r', "\n")
                            .nfc(),
                    ),
                    Part::Decoded {
                        kind: PartKind::Escape,
                        text,
                        ..
                    } => expected.push_str(text),
                    Part::Decoded {
                        kind: PartKind::Placeholder,
                        ..
                    } => expected.push_str(PLACEHOLDER),
                    Part::Decoded { .. } => {}
                }
            }
            assert_eq!(checked, expected, "emitted text differs from the parts");
        }
        for (w, r) in words(&checked) {
            let o = map.range(r.clone());
            let slice = &src[o.clone()];
            let back: String = decode(slice).nfc().collect();
            if slice.contains(['&', '\\', '"', '<']) || !unicode_normalization::is_nfc(slice) {
                assert!(
                    back.contains(w),
                    "word {w:?} at {r:?} maps to {slice:?} ({o:?}), which decodes to {back:?}"
                );
            } else {
                assert_eq!(back, w, "word {w:?} at {r:?} maps to {slice:?} ({o:?})");
            }
        }
    }

    /// The words (runs of alphanumeric characters) of a text with their byte ranges.
    pub(crate) fn words(s: &str) -> Vec<(&str, Range<usize>)> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in s.char_indices() {
            if c.is_alphanumeric() {
                start.get_or_insert(i);
            } else if let Some(a) = start.take() {
                out.push((&s[a..i], a..i));
            }
        }
        if let Some(a) = start {
            out.push((&s[a..], a..s.len()));
        }
        out
    }

    /// A small deterministic generator for property-style tests (xorshift64*).
    pub(crate) struct Rng(pub u64);

    impl Rng {
        pub(crate) fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `x &amp; y https://a.b/?p=1&amp;q=2 z` as parts.
    fn url_piece(src: &str) -> Piece {
        let mut pb = PieceBuilder::new(0);
        let mut pos = 0;
        for (i, _) in src.match_indices("&amp;") {
            pb.verbatim(src, pos..i);
            pb.decoded(i..i + 5, "&", PartKind::Escape);
            pos = i + 5;
        }
        pb.verbatim(src, pos..src.len());
        pb.finish(src.len())
    }

    #[test]
    fn a_url_with_an_entity_is_one_placeholder() {
        let src = "x &amp; y https://a.b/?p=1&amp;q=2 z";
        let piece = url_piece(src);
        assert_eq!(piece.text, "x & y https://a.b/?p=1&q=2 z");
        let mut b = TextBuilder::new(src);
        piece.emit(&mut b);
        let (t, map, edits) = b.finish();
        assert_eq!(t, format!("x & y {PLACEHOLDER} z"));
        let url = edits.iter().find(|e| e.kind == EditKind::Url).unwrap();
        assert_eq!(&src[url.orig.clone()], "https://a.b/?p=1&amp;q=2");
        let z = t.rfind('z').unwrap();
        assert_eq!(map.range(z..z + 1), src.len() - 1..src.len());
    }

    #[test]
    fn orig_range_maps_decoded_text_back() {
        let src = "a &lt;b&gt; c";
        let piece = url_piece(src); // no &amp;: one verbatim part
        assert_eq!(piece.orig_range(2..4), 2..4);
        let mut pb = PieceBuilder::new(0);
        pb.verbatim(src, 0..2);
        pb.decoded(2..6, "<", PartKind::Escape);
        pb.verbatim(src, 6..7);
        pb.decoded(7..11, ">", PartKind::Escape);
        pb.verbatim(src, 11..13);
        let p = pb.finish(13);
        assert_eq!(p.text, "a <b> c");
        assert_eq!(p.orig_range(2..5), 2..11);
        assert_eq!(p.orig_range(3..4), 6..7);
        assert_eq!(p.orig_range(6..7), 12..13);
        assert_eq!(p.orig_range(7..7), 13..13);
        assert_eq!(p.orig_range(0..0), 0..0);
    }

    #[test]
    fn escapes() {
        assert_eq!(
            escape(Format::Xliff, "a < b & c > \"d\""),
            "a &lt; b &amp; c &gt; \"d\""
        );
        assert_eq!(
            escape(Format::Po, "say \"hi\"\n\tC:\\"),
            "say \\\"hi\\\"\\n\\tC:\\\\"
        );
    }
}
