//! Mapping between the checked text and the bytes of the original file.
//!
//! The checked text is assembled by [`TextBuilder`] from pieces of the
//! original: copied verbatim (offsets map 1:1), replaced (BOM removed, CRLF
//! folded to LF, NFC-normalized words, Markdown entities and placeholders), or
//! skipped (Markdown markup, code, front matter: a gap in the original between
//! two pieces). [`OffsetMap`] maps any text offset back to original bytes;
//! [`LineIndex`] turns original byte offsets into line/column (Unicode scalar
//! values, for humans) and UTF-16 positions (for LSP).

use std::ops::Range;
use unicode_normalization::UnicodeNormalization;

/// Stands in for inline code, URLs and other atoms inside prose, so that words on both
/// sides do not run together and no rule matches it.
pub const PLACEHOLDER: &str = "\u{FFFC}";

/// Why a piece of the checked text differs from the original.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditKind {
    /// The byte-order mark at the start of the file was dropped.
    Bom,
    /// `\r\n` or a lone `\r` became `\n`.
    LineEnd,
    /// A URL or e-mail address became [`PLACEHOLDER`].
    Url,
    /// Something else that is not prose (inline code, an image, math, a footnote reference)
    /// became [`PLACEHOLDER`].
    Atom,
    /// A word not in Unicode NFC was replaced by its NFC form.
    Nfc,
    /// Markup was replaced (Markdown entity, inline code placeholder, block separator).
    Markup,
}

/// A replaced piece of text, kept so that checks can report on it (e.g. "not NFC").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub kind: EditKind,
    pub text: Range<usize>,
    pub orig: Range<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Seg {
    text_start: usize,
    text_len: usize,
    orig_start: usize,
    orig_len: usize,
    /// Verbatim copy: offsets inside map 1:1.
    exact: bool,
}

/// Maps offsets in the checked text to byte offsets in the original file.
#[derive(Clone, Debug, Default)]
pub struct OffsetMap {
    segs: Vec<Seg>,
    orig_len: usize,
}

impl OffsetMap {
    fn seg_index(&self, pos: usize, as_end: bool) -> Option<usize> {
        // For a start, the segment with text_start <= pos < text_end;
        // for an end, the one with text_start < pos <= text_end.
        let idx = self.segs.partition_point(|s| {
            if as_end {
                s.text_start + s.text_len < pos
            } else {
                s.text_start + s.text_len <= pos
            }
        });
        (idx < self.segs.len()).then_some(idx)
    }

    /// Original byte offset of a start position in the checked text.
    pub fn start(&self, pos: usize) -> usize {
        match self.seg_index(pos, false) {
            Some(i) => {
                let s = self.segs[i];
                if pos < s.text_start {
                    s.orig_start
                } else if s.exact {
                    s.orig_start + (pos - s.text_start)
                } else {
                    s.orig_start
                }
            }
            None => self.orig_len,
        }
    }

    /// Original byte offset of an (exclusive) end position in the checked text.
    pub fn end(&self, pos: usize) -> usize {
        if pos == 0 {
            return self.segs.first().map_or(0, |s| s.orig_start);
        }
        match self.seg_index(pos, true) {
            Some(i) => {
                let s = self.segs[i];
                if s.exact {
                    s.orig_start + (pos - s.text_start)
                } else {
                    s.orig_start + s.orig_len
                }
            }
            None => self.orig_len,
        }
    }

    /// Maps a range of the checked text to the original. An empty range stays empty.
    pub fn range(&self, r: Range<usize>) -> Range<usize> {
        if r.is_empty() {
            let p = self.start(r.start);
            return p..p;
        }
        let s = self.start(r.start);
        let e = self.end(r.end).max(s);
        s..e
    }

    /// Length of the original file in bytes.
    pub fn orig_len(&self) -> usize {
        self.orig_len
    }
}

/// Builds the checked text and its [`OffsetMap`] from pieces of the original.
#[derive(Debug)]
pub struct TextBuilder<'a> {
    orig: &'a str,
    text: String,
    map: OffsetMap,
    edits: Vec<Edit>,
}

impl<'a> TextBuilder<'a> {
    pub fn new(orig: &'a str) -> Self {
        TextBuilder {
            orig,
            text: String::with_capacity(orig.len()),
            map: OffsetMap {
                segs: Vec::new(),
                orig_len: orig.len(),
            },
            edits: Vec::new(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    fn push_seg(&mut self, orig: Range<usize>, text: &str, exact: bool) {
        if text.is_empty() {
            return;
        }
        let seg = Seg {
            text_start: self.text.len(),
            text_len: text.len(),
            orig_start: orig.start,
            orig_len: orig.len(),
            exact,
        };
        // Merge adjacent verbatim copies to keep the map small.
        if exact {
            if let Some(last) = self.map.segs.last_mut() {
                if last.exact
                    && last.text_start + last.text_len == seg.text_start
                    && last.orig_start + last.orig_len == seg.orig_start
                {
                    last.text_len += seg.text_len;
                    last.orig_len += seg.orig_len;
                    self.text.push_str(text);
                    return;
                }
            }
        }
        self.map.segs.push(seg);
        self.text.push_str(text);
    }

    /// Copies `orig[range]` verbatim (no normalization).
    pub fn copy_raw(&mut self, range: Range<usize>) {
        let orig = self.orig;
        self.push_seg(range.clone(), &orig[range], true);
    }

    /// Puts `replacement` in place of `orig[range]` (which may be empty).
    pub fn replace(&mut self, range: Range<usize>, replacement: &str, kind: EditKind) {
        let start = self.text.len();
        self.push_seg(range.clone(), replacement, false);
        self.edits.push(Edit {
            kind,
            text: start..self.text.len(),
            orig: range,
        });
    }

    /// Copies `orig[range]`, dropping a leading BOM (only at offset 0), folding
    /// CRLF and lone CR to LF, replacing words that are not NFC by their NFC form,
    /// and URLs and e-mail addresses by [`PLACEHOLDER`] (they are not prose).
    pub fn copy(&mut self, range: Range<usize>) {
        let orig = self.orig;
        let mut pos = range.start;
        if pos == 0 && orig[range.clone()].starts_with('\u{feff}') {
            self.replace(0..3, "", EditKind::Bom);
            pos = 3;
        }
        let end = range.end;
        let urls = super::urls::find(&orig[pos..end]);
        let base = pos;
        for u in urls {
            let u = base + u.start..base + u.end;
            self.copy_lines(pos..u.start);
            self.replace(u.clone(), PLACEHOLDER, EditKind::Url);
            pos = u.end;
        }
        self.copy_lines(pos..end);
    }

    /// Copies `orig[range]` with every line break (CRLF, lone CR) as LF, NFC words.
    fn copy_lines(&mut self, range: Range<usize>) {
        let orig = self.orig;
        let bytes = orig.as_bytes();
        let mut pos = range.start;
        let end = range.end;
        while pos < end {
            // Next piece: up to the next CR (of a CR LF pair or alone).
            let Some(i) = orig[pos..end].find('\r') else {
                self.copy_nfc(pos..end);
                return;
            };
            let cr = pos + i;
            self.copy_nfc(pos..cr);
            let len = if cr + 1 < end && bytes[cr + 1] == b'\n' {
                2
            } else {
                1
            };
            self.replace(cr..cr + len, "\n", EditKind::LineEnd);
            pos = cr + len;
        }
    }

    fn copy_nfc(&mut self, range: Range<usize>) {
        let orig = self.orig;
        let s = &orig[range.clone()];
        if s.is_ascii() || unicode_normalization::is_nfc(s) {
            self.copy_raw(range);
            return;
        }
        // Normalize whitespace-delimited words independently: whitespace never
        // composes with a neighbour, so spans stay as fine as one word.
        let base = range.start;
        let mut run_start = 0;
        let mut run_ws: Option<bool> = None;
        let mut runs = Vec::new();
        for (i, c) in s.char_indices() {
            let ws = c.is_whitespace();
            if run_ws != Some(ws) {
                if let Some(prev) = run_ws {
                    runs.push((run_start, i, prev));
                }
                run_start = i;
                run_ws = Some(ws);
            }
        }
        if let Some(prev) = run_ws {
            runs.push((run_start, s.len(), prev));
        }
        for (a, b, ws) in runs {
            let w = &s[a..b];
            if ws || unicode_normalization::is_nfc(w) {
                self.copy_raw(base + a..base + b);
            } else {
                let n: String = w.nfc().collect();
                self.replace(base + a..base + b, &n, EditKind::Nfc);
            }
        }
    }

    /// How many edits were made so far (with [`Self::edits_since`]: the edits of one piece).
    pub fn edit_count(&self) -> usize {
        self.edits.len()
    }

    /// The edits made since there were `n`.
    pub fn edits_since(&self, n: usize) -> &[Edit] {
        &self.edits[n.min(self.edits.len())..]
    }

    pub fn finish(self) -> (String, OffsetMap, Vec<Edit>) {
        (self.text, self.map, self.edits)
    }
}

/// Line starts of the original text, for line/column and UTF-16 positions.
///
/// Column lookups are O(1 KiB) whatever the line length: prefix counts of
/// Unicode scalar values and UTF-16 units are kept every [`CHECKPOINT`] bytes,
/// so a 5 MB single-line file with many diagnostics is not quadratic.
#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// (byte offset on a char boundary, chars before it, UTF-16 units before it), every CHECKPOINT bytes.
    checkpoints: Vec<(usize, usize, usize)>,
    bom: bool,
}

const CHECKPOINT: usize = 1024;

/// A 1-based line and column (columns count Unicode scalar values).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let line_starts = super::newlines::line_starts(text);
        let mut checkpoints = vec![(0, 0, 0)];
        let (mut chars, mut units, mut at) = (0usize, 0usize, 0usize);
        while at + CHECKPOINT < text.len() {
            let next = floor_char_boundary(text, at + CHECKPOINT);
            let piece = &text[at..next];
            chars += piece.chars().count();
            units += piece.chars().map(char::len_utf16).sum::<usize>();
            checkpoints.push((next, chars, units));
            at = next;
        }
        LineIndex {
            line_starts,
            checkpoints,
            bom: text.starts_with('\u{feff}'),
        }
    }

    /// (chars, UTF-16 units) in text[..offset]; offset must be a char boundary.
    fn prefix(&self, text: &str, offset: usize) -> (usize, usize) {
        let i = self.checkpoints.partition_point(|c| c.0 <= offset) - 1;
        let (at, chars, units) = self.checkpoints[i];
        let rest = &text[at..offset];
        (
            chars + rest.chars().count(),
            units + rest.chars().map(char::len_utf16).sum::<usize>(),
        )
    }

    /// 0-based line containing `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset) - 1
    }

    pub fn line_start(&self, line0: usize) -> usize {
        self.line_starts[line0]
    }

    /// Start of the line after `line0` (None for the last line).
    pub fn next_line_start(&self, line0: usize) -> Option<usize> {
        self.line_starts.get(line0 + 1).copied()
    }

    /// Number of lines (a final line without a line break counts).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Start of the visible line: a byte-order mark is not a column.
    fn visible_start(&self, line0: usize, offset: usize) -> usize {
        let start = self.line_starts[line0];
        if start == 0 && self.bom && offset >= 3 {
            3
        } else {
            start
        }
    }

    /// 1-based line and column of a byte offset (clamped to a char boundary).
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line0 = self.line_of(offset);
        let start = self.visible_start(line0, offset);
        let column = self.prefix(text, offset).0 - self.prefix(text, start).0 + 1;
        LineCol {
            line: line0 + 1,
            column,
        }
    }

    /// 0-based line and UTF-16 code unit offset within the line (LSP positions).
    pub fn utf16(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line0 = self.line_of(offset);
        let start = self.visible_start(line0, offset);
        (
            line0,
            self.prefix(text, offset).1 - self.prefix(text, start).1,
        )
    }
}

/// The greatest char boundary `<= i`.
pub fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(orig: &str) -> (String, OffsetMap) {
        let mut b = TextBuilder::new(orig);
        b.copy(0..orig.len());
        let (t, m, _) = b.finish();
        (t, m)
    }

    #[test]
    fn identity_for_plain_ascii() {
        let (t, m) = build("Hello world.");
        assert_eq!(t, "Hello world.");
        assert_eq!(m.range(6..11), 6..11);
    }

    #[test]
    fn bom_and_crlf() {
        let orig = "\u{feff}One.\r\nTwo words.\r\n";
        let (t, m) = build(orig);
        assert_eq!(t, "One.\nTwo words.\n");
        let p = t.find("words").unwrap();
        let r = m.range(p..p + 5);
        assert_eq!(&orig[r], "words");
        // The newline maps to the whole CRLF.
        let nl = t.find('\n').unwrap();
        assert_eq!(&orig[m.range(nl..nl + 1)], "\r\n");
    }

    #[test]
    fn nfd_word_is_normalized_and_maps_back() {
        let orig = "A cafe\u{301} and a bar.";
        let (t, m) = build(orig);
        assert_eq!(t, "A caf\u{e9} and a bar.");
        let p = t.find("bar").unwrap();
        assert_eq!(&orig[m.range(p..p + 3)], "bar");
        let c = t.find("caf").unwrap();
        assert_eq!(&orig[m.range(c..c + "caf\u{e9}".len())], "cafe\u{301}");
    }

    #[test]
    fn skipped_markup_is_a_gap() {
        let orig = "see **bold** here";
        let mut b = TextBuilder::new(orig);
        b.copy(0..4);
        b.copy(6..10);
        b.copy(12..orig.len());
        let (t, m, _) = b.finish();
        assert_eq!(t, "see bold here");
        assert_eq!(&orig[m.range(4..8)], "bold");
        assert_eq!(&orig[m.range(0..13)], orig);
    }

    #[test]
    fn line_col_and_utf16() {
        let text = "ab\n\u{1F600}x";
        let li = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(li.line_col(text, x), LineCol { line: 2, column: 2 });
        assert_eq!(li.utf16(text, x), (1, 2));
    }

    #[test]
    fn columns_on_a_long_line_match_a_direct_count() {
        let text: String = "é😀ab ".repeat(3000) + "\nx";
        let li = LineIndex::new(&text);
        for off in [
            0,
            1,
            2,
            6,
            1023,
            1024,
            1025,
            5000,
            14999,
            text.len() - 2,
            text.len() - 1,
        ] {
            let off = floor_char_boundary(&text, off);
            let line_start = text[..off].rfind('\n').map_or(0, |i| i + 1);
            let col = text[line_start..off].chars().count() + 1;
            let u16s: usize = text[line_start..off].chars().map(char::len_utf16).sum();
            assert_eq!(li.line_col(&text, off).column, col, "offset {off}");
            assert_eq!(li.utf16(&text, off).1, u16s, "offset {off}");
        }
    }

    #[test]
    fn bom_is_not_a_column() {
        let text = "\u{feff}Hi there";
        let li = LineIndex::new(text);
        assert_eq!(
            li.line_col(text, text.find("there").unwrap()),
            LineCol { line: 1, column: 4 }
        );
        assert_eq!(li.utf16(text, text.find("there").unwrap()), (0, 3));
    }
}
