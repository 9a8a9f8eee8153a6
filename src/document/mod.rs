//! A document ready for checking: the checkable text, its map back to the
//! original bytes, blocks (paragraphs, headings, list items), sentences and tokens.

pub mod bilingual;

use crate::source::offsets::{Edit, OffsetMap, TextBuilder};
use crate::source::SourceKind;
use crate::text::{sentences, tokens, Token};
use std::ops::Range;

/// Blocks longer than this (in bytes of checked text) are split between sentences.
pub const MAX_BLOCK: usize = 64 * 1024;

/// A paragraph-like unit of prose: a Markdown block, or a paragraph/line of plain text (a longer
/// one than [`MAX_BLOCK`] is split between sentences).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub span: Range<usize>,
    /// Indices into [`Document::sentences`].
    pub sentences: Range<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub span: Range<usize>,
    /// Index into [`Document::blocks`].
    pub block: usize,
    /// Indices into [`Document::tokens`].
    pub tokens: Range<usize>,
}

/// Part-of-speech analysis of one token (filled by the grammar engine when its data is available).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TokenAnalysis {
    /// (lemma, Penn Treebank tag) readings after disambiguation.
    pub tags: Vec<(String, String)>,
    /// Chunk labels, e.g. "B-NP-singular".
    pub chunks: Vec<String>,
}

#[derive(Debug)]
pub struct Document<'a> {
    /// The file as read (after UTF-8 decoding, nothing else changed).
    pub original: &'a str,
    pub kind: SourceKind,
    /// The text that checks see: BOM dropped, CRLF → LF, NFC, only prose for Markdown.
    pub text: String,
    pub map: OffsetMap,
    /// Replacements made while building `text` (NFC, CRLF, BOM, markup).
    pub edits: Vec<Edit>,
    pub blocks: Vec<Block>,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    /// Parallel to `tokens` when the grammar engine has analysed the document.
    pub analysis: Option<Vec<TokenAnalysis>>,
    /// XLIFF, PO or a target aligned with its source: the translation units.
    pub bilingual: Option<bilingual::Bilingual>,
    /// An XLIFF or PO file that does not parse (nothing else is checked): where and why.
    pub malformed: Option<crate::source::bitext::ParseError>,
}

impl<'a> Document<'a> {
    /// Builds a document from the original text of a file of the given kind.
    pub fn new(original: &'a str, kind: SourceKind) -> Self {
        let (text, map, edits, block_spans) = match kind {
            SourceKind::Markdown => crate::source::markdown::extract(original),
            SourceKind::Plain => plain(original),
            SourceKind::Xliff | SourceKind::Po => {
                return match kind.parse_bitext(original).expect("a bilingual kind") {
                    Ok(bitext) => {
                        let b = bilingual::from_bitext(original, &bitext);
                        let mut doc =
                            Self::from_parts(original, kind, b.text, b.map, b.edits, b.blocks);
                        doc.bilingual = Some(b.bilingual);
                        doc
                    }
                    Err(e) => {
                        let (text, map, edits) = TextBuilder::new(original).finish();
                        let mut doc = Self::from_parts(original, kind, text, map, edits, vec![]);
                        doc.malformed = Some(e);
                        doc
                    }
                };
            }
        };
        Self::from_parts(original, kind, text, map, edits, block_spans)
    }

    /// Leaves the prose out of every check but the bilingual ones (a target that is not
    /// English): no blocks, sentences or tokens.
    pub fn drop_prose(&mut self) {
        self.blocks.clear();
        self.sentences.clear();
        self.tokens.clear();
        if let Some(b) = &mut self.bilingual {
            for u in &mut b.units {
                u.block = None;
            }
        }
    }

    fn from_parts(
        original: &'a str,
        kind: SourceKind,
        text: String,
        map: OffsetMap,
        edits: Vec<Edit>,
        block_spans: Vec<Range<usize>>,
    ) -> Self {
        let mut blocks = Vec::with_capacity(block_spans.len());
        let mut sents = Vec::new();
        let mut toks = Vec::new();
        for span in block_spans {
            let split = sentences::split(&text, span.clone());
            // A "paragraph" longer than MAX_BLOCK (a whole file on one line) is checked as runs
            // of whole sentences, so that no unit of analysis is huge.
            let mut runs: Vec<(Range<usize>, Vec<Range<usize>>)> = Vec::new();
            if span.len() <= MAX_BLOCK {
                runs.push((span, split));
            } else {
                for s in split {
                    match runs.last_mut() {
                        Some((r, ss)) if s.end - r.start <= MAX_BLOCK => {
                            r.end = s.end;
                            ss.push(s);
                        }
                        _ => runs.push((s.clone(), vec![s])),
                    }
                }
            }
            for (span, split) in runs {
                let first = sents.len();
                let bi = blocks.len();
                for s in split {
                    let t0 = toks.len();
                    toks.extend(tokens::tokenize(&text, s.clone()));
                    sents.push(Sentence {
                        span: s,
                        block: bi,
                        tokens: t0..toks.len(),
                    });
                }
                blocks.push(Block {
                    span,
                    sentences: first..sents.len(),
                });
            }
        }
        Document {
            original,
            kind,
            text,
            map,
            edits,
            blocks,
            sentences: sents,
            tokens: toks,
            analysis: None,
            bilingual: None,
            malformed: None,
        }
    }

    /// Tokens of one sentence.
    pub fn sentence_tokens(&self, s: &Sentence) -> &[Token] {
        &self.tokens[s.tokens.clone()]
    }

    /// Text of a span of the checked text.
    pub fn slice(&self, r: Range<usize>) -> &str {
        &self.text[r]
    }
}

/// Plain text: the whole file is prose. Blocks are separated by blank lines, and
/// by single line breaks after sentence-final punctuation (one paragraph per line).
fn plain(original: &str) -> (String, OffsetMap, Vec<Edit>, Vec<Range<usize>>) {
    let mut b = TextBuilder::new(original);
    b.copy(0..original.len());
    let (text, map, edits) = b.finish();
    let blocks = plain_blocks(&text);
    (text, map, edits, blocks)
}

pub(crate) fn plain_blocks(text: &str) -> Vec<Range<usize>> {
    let mut blocks = Vec::new();
    let mut start: Option<usize> = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim();
        let line_start = pos;
        pos += line.len();
        if trimmed.is_empty() {
            if let Some(s) = start.take() {
                blocks.push(s..line_start);
            }
            continue;
        }
        if start.is_none() {
            start = Some(line_start + (content.len() - content.trim_start().len()));
        }
        let ends_paragraph = trimmed.ends_with(['.', '!', '?', '"', '”', '’', ':', '»', ')']);
        if ends_paragraph {
            let s = start.take().unwrap();
            blocks.push(s..line_start + content.trim_end().len());
        }
    }
    if let Some(s) = start {
        blocks.push(s..text.trim_end().len().max(s));
    }
    // Trim trailing whitespace of each block.
    blocks
        .into_iter()
        .map(|r| {
            let t = text[r.clone()].trim_end();
            r.start..r.start + t.len()
        })
        .filter(|r| !r.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_paragraphs_are_split_between_sentences() {
        let sentence = "This is one sentence of a paragraph that never ends. ";
        let text = sentence.repeat(3 * MAX_BLOCK / sentence.len());
        let d = Document::new(&text, SourceKind::Plain);
        assert!(d.blocks.len() >= 3, "{}", d.blocks.len());
        assert!(d.blocks.iter().all(|b| b.span.len() <= MAX_BLOCK));
        // Every sentence is in exactly one block, in order.
        let n: usize = d.blocks.iter().map(|b| b.sentences.len()).sum();
        assert_eq!(n, d.sentences.len());
        assert!(d.blocks.windows(2).all(|w| w[0].span.end < w[1].span.start));
    }

    #[test]
    fn plain_lines_are_blocks_after_punctuation() {
        let d = Document::new("One. Two.\nThree\nfour.\n\nFive", SourceKind::Plain);
        let b: Vec<&str> = d.blocks.iter().map(|b| &d.text[b.span.clone()]).collect();
        assert_eq!(b, ["One. Two.", "Three\nfour.", "Five"]);
        assert_eq!(d.sentences.len(), 4);
    }
}
