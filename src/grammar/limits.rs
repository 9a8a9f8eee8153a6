//! What the grammar engine does not analyse: "sentences" that are not prose and would cost
//! nlprule time that grows with the square of their length (a run of 2,000 "the" took 68 s,
//! one 50,000-word sentence over 8 minutes). mtlint's own checks still see them; the built-in
//! check `grammar/sentence-not-checked` ([`crate::checks::unchecked`]) says which were skipped.

use crate::document::{Document, Sentence};
use std::collections::HashSet;
use std::ops::Range;

/// Longer sentences (words and punctuation, as mtlint tokenizes) are not analysed. The longest
/// sentences of legal and parliamentary prose stay well under it.
pub const MAX_TOKENS: usize = 300;
/// Sentences with a longer token (in bytes) are not analysed: a "word" that long is a hash, an
/// encoded blob or a line of filler, and nlprule's tokenizer and tagger copy it several times.
pub const MAX_TOKEN_BYTES: usize = 256;
/// Sentences of at least this many tokens ...
pub const REPETITIVE_MIN_TOKENS: usize = 40;
/// ... with fewer distinct tokens than this share of their length are runs of one or a few
/// tokens repeated ("the the the …", "[[[[…"), not prose (prose stays above one half).
pub const REPETITIVE_DISTINCT_RATIO: f64 = 0.25;

/// Why a sentence is not analysed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Skip {
    Long { tokens: usize },
    LongToken { bytes: usize },
    Repetitive { tokens: usize, distinct: usize },
}

/// Is the sentence too costly to analyse, and why?
pub fn skip(doc: &Document, s: &Sentence) -> Option<Skip> {
    let tokens = &doc.tokens[s.tokens.clone()];
    let n = tokens.len();
    if n > MAX_TOKENS {
        return Some(Skip::Long { tokens: n });
    }
    if let Some(t) = tokens.iter().find(|t| t.span.len() > MAX_TOKEN_BYTES) {
        return Some(Skip::LongToken {
            bytes: t.span.len(),
        });
    }
    if n >= REPETITIVE_MIN_TOKENS {
        let distinct: HashSet<String> = tokens
            .iter()
            .map(|t| t.text(&doc.text).to_lowercase())
            .collect();
        if (distinct.len() as f64) < n as f64 * REPETITIVE_DISTINCT_RATIO {
            return Some(Skip::Repetitive {
                tokens: n,
                distinct: distinct.len(),
            });
        }
    }
    None
}

/// The spans nlprule analyses: each block, without the sentences it should skip.
pub fn spans(doc: &Document) -> Vec<Range<usize>> {
    let mut cut: Vec<Vec<Range<usize>>> = vec![Vec::new(); doc.blocks.len()];
    for s in &doc.sentences {
        if skip(doc, s).is_some() {
            if let Some(c) = cut.get_mut(s.block) {
                c.push(s.span.clone());
            }
        }
    }
    let mut out = Vec::with_capacity(doc.blocks.len());
    for (b, cuts) in doc.blocks.iter().zip(cut) {
        let mut pos = b.span.start;
        for c in cuts {
            if c.start > pos {
                out.push(pos..c.start);
            }
            pos = pos.max(c.end);
        }
        if pos < b.span.end {
            out.push(pos..b.span.end);
        }
    }
    out.retain(|r| doc.text[r.clone()].chars().any(|c| !c.is_whitespace()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceKind;

    fn skipped(text: &str) -> Vec<Option<Skip>> {
        let doc = Document::new(text, SourceKind::Plain);
        doc.sentences.iter().map(|s| skip(&doc, s)).collect()
    }

    #[test]
    fn prose_is_analysed() {
        let long_but_fine = "The committee, having considered the report of the rapporteur, the opinions of the other committees and the amendments tabled, adopted the text.";
        assert_eq!(skipped(long_but_fine), vec![None]);
    }

    #[test]
    fn runs_and_very_long_sentences_are_not() {
        assert_eq!(
            skipped(&"the ".repeat(2000)),
            vec![Some(Skip::Long { tokens: 2000 })]
        );
        assert_eq!(
            skipped(&"the ".repeat(100)),
            vec![Some(Skip::Repetitive {
                tokens: 100,
                distinct: 1
            })]
        );
    }

    #[test]
    fn skipped_sentences_are_cut_out_of_their_block() {
        let text = format!(
            "A first sentence. The {}. A last sentence.",
            "the ".repeat(50).trim()
        );
        let doc = Document::new(&text, SourceKind::Plain);
        let spans = spans(&doc);
        let kept: Vec<&str> = spans.iter().map(|r| doc.text[r.clone()].trim()).collect();
        assert_eq!(kept, vec!["A first sentence.", "A last sentence."]);
    }
}
