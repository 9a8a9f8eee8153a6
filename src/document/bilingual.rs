//! The bilingual side of a [`Document`](super::Document): translation units pairing a source
//! text with the target that the English checks see.
//!
//! Three inputs build one: an XLIFF or PO file ([`from_bitext`]: the targets are the document's
//! blocks, the sources follow them in the checked text outside every block, so that a related
//! span can point at a source in the file), and a target file aligned with a separate source
//! file ([`align`]: paragraph by paragraph, or line by line). The bilingual checks
//! (`crate::checks::bilingual`) read only [`Bilingual`]: source text as a string, target as a
//! range of the checked text.

use crate::source::bitext::{Bitext, Format, InlineCode, Piece};
use crate::source::offsets::{Edit, EditKind, OffsetMap, TextBuilder};
use std::ops::Range;

/// The translation units of a bilingual document, and its languages.
#[derive(Clone, Debug, Default)]
pub struct Bilingual {
    /// Source language (ISO 639 code as the file or the command line gives it, e.g. `zh-CN`).
    pub source_lang: Option<String>,
    /// Target language; the English checks run only when it is English or unknown.
    pub target_lang: Option<String>,
    /// XLIFF or PO; None for aligned files.
    pub format: Option<Format>,
    pub units: Vec<BiUnit>,
}

/// One source text and its translation.
#[derive(Clone, Debug, Default)]
pub struct BiUnit {
    /// The unit's id in the file (XLIFF id, PO msgctxt/msgid, `line N` for aligned files).
    pub id: String,
    /// 1-based line of the unit in the file (aligned files: of the target).
    pub line: usize,
    /// The source text as checked: entities and escapes decoded, one U+FFFC per inline code
    /// and per URL or e-mail address (their text is in `source_urls`).
    pub source: String,
    /// Where `source` is in the checked text (XLIFF/PO: after the targets, outside every block);
    /// None when the source is another file.
    pub source_span: Option<Range<usize>>,
    /// The URLs and e-mail addresses of the source, in order.
    pub source_urls: Vec<String>,
    /// PO plural forms: the other source of the entry (`msgid_plural` for `msgstr[0]`, `msgid`
    /// for the others). A language whose singular form also covers 21, 31, … writes `%d` in
    /// `msgstr[0]` although `msgid` has none: a form may match either source.
    pub source_alts: Vec<String>,
    /// The target in the checked text; None when the unit has no translation.
    pub target: Option<Range<usize>>,
    /// Index of the block holding the target (None when the target is empty or absent).
    pub block: Option<usize>,
    /// The translation is a draft (PO fuzzy, XLIFF `needs-*`/`initial` states).
    pub fuzzy: bool,
    /// PO plural form index.
    pub plural: Option<usize>,
    /// PO `#,` flags (`c-format`, `python-format`, …) and XLIFF state flags.
    pub flags: Vec<String>,
    /// Inline codes (XLIFF) of the source and of the target.
    pub source_codes: Vec<InlineCode>,
    pub target_codes: Vec<InlineCode>,
}

/// What [`from_bitext`] builds: the checked text with its map, and the blocks (one per
/// non-empty target) with the bilingual units.
pub struct Built {
    pub text: String,
    pub map: OffsetMap,
    pub edits: Vec<Edit>,
    pub blocks: Vec<Range<usize>>,
    pub bilingual: Bilingual,
}

/// The checked text of an XLIFF or PO file: every target to translate as one block, then every
/// source, separated by blank lines.
pub fn from_bitext(original: &str, bitext: &Bitext) -> Built {
    let mut b = TextBuilder::new(original);
    let mut blocks = Vec::new();
    let mut units = Vec::new();
    let sep = |b: &mut TextBuilder, at: usize| {
        if !b.text().is_empty() {
            b.replace(at..at, "\n\n", EditKind::Markup);
        }
    };
    // Targets first: the checks see them as the document's blocks.
    for unit in bitext.units.iter().filter(|u| u.translate) {
        let mut bi = BiUnit {
            id: unit.id.clone(),
            line: unit.line,
            fuzzy: unit.fuzzy,
            plural: unit.plural,
            flags: unit.flags.clone(),
            source_codes: unit.source.codes.clone(),
            ..BiUnit::default()
        };
        if let Some(t) = &unit.target {
            sep(&mut b, t.orig.start);
            let start = b.text().len();
            t.emit(&mut b);
            let end = b.text().len();
            bi.target = Some(start..end);
            bi.target_codes = t.codes.clone();
            if b.text()[start..end].trim().is_empty() {
                bi.target = Some(start..start);
            } else {
                bi.block = Some(blocks.len());
                blocks.push(trimmed(b.text(), start..end));
            }
        }
        units.push((bi, &unit.source));
    }
    // Then the sources, outside every block.
    let mut out = Vec::with_capacity(units.len());
    for (mut bi, source) in units {
        sep(&mut b, source.orig.start);
        let start = b.text().len();
        let edits_before = b.edit_count();
        source.emit(&mut b);
        let end = b.text().len();
        bi.source = b.text()[start..end].to_string();
        bi.source_span = Some(start..end);
        bi.source_urls = b
            .edits_since(edits_before)
            .iter()
            .filter(|e| e.kind == EditKind::Url)
            .map(|e| source.text_of_orig(original, e.orig.clone()))
            .collect();
        out.push(bi);
    }
    // Plural forms of one PO entry: ids `…[0]`, `…[1]`, … in a row.
    let entry = |id: &str| id.rsplit_once('[').map(|(e, _)| e.to_string());
    let mut i = 0;
    while i < out.len() {
        let Some(key) = out[i].plural.and(entry(&out[i].id)) else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < out.len() && out[j].plural.is_some() && entry(&out[j].id).as_ref() == Some(&key) {
            j += 1;
        }
        let sources: Vec<String> = out[i..j].iter().map(|u| u.source.clone()).collect();
        for u in &mut out[i..j] {
            let mut alts: Vec<String> = sources
                .iter()
                .filter(|s| **s != u.source)
                .cloned()
                .collect();
            alts.dedup();
            u.source_alts = alts;
        }
        i = j;
    }
    let (text, map, edits) = b.finish();
    Built {
        text,
        map,
        edits,
        blocks,
        bilingual: Bilingual {
            source_lang: bitext.source_lang.clone(),
            target_lang: bitext.target_lang.clone(),
            format: Some(bitext.format),
            units: out,
        },
    }
}

/// `range` without leading and trailing whitespace (a block starts and ends with text; an
/// all-whitespace range becomes empty at its start).
pub fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    let start = range.start + (s.len() - s.trim_start().len());
    let end = range.start + s.trim_end().len();
    start..end.max(start)
}

/// Why two files could not be paired.
#[derive(Debug, PartialEq, Eq)]
pub struct AlignError(pub String);

impl std::fmt::Display for AlignError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Pairs the blocks of a target document with those of its source: paragraph by paragraph
/// when both have as many paragraphs, else line by line when both have as many non-empty
/// lines; otherwise an error that says both counts.
pub fn align(
    target: &super::Document,
    source: &super::Document,
    source_lang: Option<String>,
    target_lang: Option<String>,
) -> Result<Bilingual, AlignError> {
    let lines = crate::source::offsets::LineIndex::new(target.original);
    let line_of = |doc: &super::Document, pos: usize| lines.line_of(doc.map.start(pos)) + 1;
    let urls_in = |doc: &super::Document, r: &Range<usize>| -> Vec<String> {
        // Edits are in text order.
        let first = doc.edits.partition_point(|e| e.text.start < r.start);
        doc.edits[first..]
            .iter()
            .take_while(|e| e.text.start < r.end)
            .filter(|e| e.kind == EditKind::Url && e.text.end <= r.end)
            .map(|e| doc.original[e.orig.clone()].to_string())
            .collect()
    };
    let units = if target.blocks.len() == source.blocks.len() {
        target
            .blocks
            .iter()
            .zip(&source.blocks)
            .enumerate()
            .map(|(i, (t, s))| BiUnit {
                id: format!("paragraph {}", i + 1),
                line: line_of(target, t.span.start),
                source: source.text[s.span.clone()].to_string(),
                source_urls: urls_in(source, &s.span),
                target: Some(t.span.clone()),
                block: Some(i),
                ..BiUnit::default()
            })
            .collect()
    } else {
        let lines = |doc: &super::Document| -> Vec<Range<usize>> {
            let mut out = Vec::new();
            let mut pos = 0;
            for l in doc.text.split_inclusive('\n') {
                let r = trimmed(&doc.text, pos..pos + l.len());
                if !r.is_empty() {
                    out.push(r);
                }
                pos += l.len();
            }
            out
        };
        let (tl, sl) = (lines(target), lines(source));
        if tl.len() != sl.len() {
            return Err(AlignError(format!(
                "cannot pair the files: the source has {} paragraphs and {} lines, the target {} paragraphs and {} lines",
                source.blocks.len(),
                sl.len(),
                target.blocks.len(),
                tl.len()
            )));
        }
        tl.iter()
            .zip(&sl)
            .map(|(t, s)| BiUnit {
                id: format!("line {}", line_of(target, t.start)),
                line: line_of(target, t.start),
                source: source.text[s.clone()].to_string(),
                source_urls: urls_in(source, s),
                target: Some(t.clone()),
                block: target
                    .blocks
                    .iter()
                    .position(|b| b.span.start <= t.start && t.end <= b.span.end),
                ..BiUnit::default()
            })
            .collect()
    };
    Ok(Bilingual {
        source_lang,
        target_lang,
        format: None,
        units,
    })
}

/// Whether a language tag names English (`en`, `en-US`, `en_GB`); unknown counts as English.
pub fn is_english(lang: Option<&str>) -> bool {
    lang.map_or(true, |l| crate::source::bitext::primary_lang(l) == "en")
}

/// Text with every run of whitespace as one space, trimmed: the key under which translation
/// units are compared (consistency checks, repeated units).
pub fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Piece helpers the builder needs.
trait PieceExt {
    fn text_of_orig(&self, original: &str, orig: Range<usize>) -> String;
}

impl PieceExt for Piece {
    /// The decoded text of the parts inside `orig` (a URL's bytes in the file → the URL).
    fn text_of_orig(&self, original: &str, orig: Range<usize>) -> String {
        let mut s = String::new();
        for p in &self.parts {
            let r = p.orig();
            if r.start >= orig.start && r.end <= orig.end {
                s.push_str(p.text(original));
            } else if let crate::source::bitext::Part::Text(t) = p {
                let a = t.start.max(orig.start);
                let e = t.end.min(orig.end);
                if a < e {
                    s.push_str(&original[a..e]);
                }
            }
        }
        s
    }
}
