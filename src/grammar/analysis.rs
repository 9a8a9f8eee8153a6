//! One nlprule pass over a document: sentences with tagged, chunked, disambiguated tokens,
//! in checked-text coordinates. Used for LanguageTool rules and to fill `Document::analysis`.
//!
//! A sentence that occurs more than once in a document (boilerplate, a repeated paragraph, MT
//! output that translates the same source twice) is disambiguated once and checked by the
//! LanguageTool rules once: [`Analysis::unique`] holds each distinct sentence, and every
//! occurrence ([`NlpSentence`]) points at its entry. Two occurrences are the same sentence when
//! their text, without surrounding whitespace, is the same and both have (or both lack)
//! whitespace before them, which is all that nlprule's analysis of a sentence depends on.

use super::lexicon::is_pseudo_tag;
use crate::document::TokenAnalysis;
use crate::text::Token;
use nlprule::types::{IncompleteSentence, Sentence};
use std::collections::HashMap;
use std::ops::Range;

/// One occurrence of a sentence in the checked text.
#[derive(Clone, Copy, Debug)]
pub struct NlpSentence {
    /// Byte offset in the checked text of the sentence's first non-whitespace character.
    pub start: usize,
    /// Index into [`Analysis::unique`].
    pub unique: usize,
}

/// A distinct sentence and where its first non-whitespace character is in nlprule's coordinates
/// (nlprule's spans are relative to the block the sentence was first found in).
pub struct UniqueSentence<'t> {
    pub sentence: Sentence<'t>,
    /// nlprule byte position of the sentence's first non-whitespace character.
    pub origin: usize,
}

impl UniqueSentence<'_> {
    /// Maps an nlprule byte range of this sentence to the checked text for an occurrence at `at`.
    pub fn place(&self, at: &NlpSentence, r: &Range<usize>) -> Range<usize> {
        let shift = |p: usize| at.start + p.saturating_sub(self.origin);
        shift(r.start)..shift(r.end)
    }
}

/// The nlprule analysis of a whole document (its blocks in order).
pub struct Analysis<'t> {
    /// Each distinct sentence once.
    pub unique: Vec<UniqueSentence<'t>>,
    /// Every sentence occurrence, in text order.
    pub sentences: Vec<NlpSentence>,
}

/// A sentence as sentencized and tokenized (not yet disambiguated), with where it is.
struct Found<'t> {
    sentence: IncompleteSentence<'t>,
    /// Checked-text offset of its first non-whitespace character.
    start: usize,
    /// nlprule position of that character.
    origin: usize,
    /// Whitespace comes before it (in the sentence's text, or at the block's start: never).
    spaced: bool,
}

impl<'t> Analysis<'t> {
    /// Runs nlprule's pipeline (sentences, tokens, tags, chunks, disambiguation) on each block;
    /// each distinct sentence is disambiguated once.
    pub fn new(tokenizer: &'t nlprule::Tokenizer, text: &'t str, blocks: &[Range<usize>]) -> Self {
        use rayon::prelude::*;
        // Blocks are independent: a large file is analysed on all threads, not just its own.
        let per_block: Vec<Vec<Found<'t>>> = blocks
            .par_iter()
            .map(|b| {
                tokenizer
                    .sentencize(&text[b.clone()])
                    .map(|sentence| {
                        let s = sentence.text();
                        let lead = s.len() - s.trim_start().len();
                        let origin = sentence.span().byte().start + lead;
                        Found {
                            start: b.start + origin,
                            origin,
                            spaced: lead > 0,
                            sentence,
                        }
                    })
                    .collect()
            })
            .collect();
        // The distinct sentences, in order of first occurrence.
        let mut index: HashMap<(bool, &'t str), usize> = HashMap::new();
        let mut firsts: Vec<Found<'t>> = Vec::new();
        let mut sentences = Vec::new();
        for f in per_block.into_iter().flatten() {
            let key = (f.spaced, f.sentence.text().trim());
            let unique = *index.entry(key).or_insert(firsts.len());
            sentences.push(NlpSentence {
                start: f.start,
                unique,
            });
            if unique == firsts.len() {
                firsts.push(f);
            }
        }
        let unique = firsts
            .into_par_iter()
            .map(|f| UniqueSentence {
                origin: f.origin,
                sentence: tokenizer.disambiguate(f.sentence).into_sentence(),
            })
            .collect();
        Analysis { unique, sentences }
    }

    /// The tokens of one occurrence, with their byte spans in the checked text.
    pub fn tokens_of<'a>(
        &'a self,
        at: &'a NlpSentence,
    ) -> impl Iterator<Item = (Range<usize>, &'a nlprule::types::Token<'t>)> + 'a {
        let u = &self.unique[at.unique];
        u.sentence
            .tokens()
            .iter()
            .map(move |t| (u.place(at, t.span().byte()), t))
    }

    /// All tokens in text order, with checked-text byte spans.
    pub fn tokens(&self) -> impl Iterator<Item = (Range<usize>, &nlprule::types::Token<'t>)> + '_ {
        self.sentences.iter().flat_map(|s| self.tokens_of(s))
    }

    /// Readings and chunks of the nlprule token(s) overlapping each of `tokens` (parallel to it).
    pub fn token_analysis(&self, tokens: &[Token]) -> Vec<TokenAnalysis> {
        let nlp: Vec<(Range<usize>, &nlprule::types::Token)> = self.tokens().collect();
        let mut out = Vec::with_capacity(tokens.len());
        let mut first = 0;
        for t in tokens {
            while first < nlp.len() && nlp[first].0.end <= t.span.start {
                first += 1;
            }
            let mut a = TokenAnalysis::default();
            for (span, n) in nlp[first..]
                .iter()
                .take_while(|(s, _)| s.start < t.span.end)
            {
                if span.end <= t.span.start {
                    continue;
                }
                for d in n.word().tags() {
                    let r = (d.lemma().as_str().to_string(), d.pos().as_str().to_string());
                    if !is_pseudo_tag(&r.1) && !a.tags.contains(&r) {
                        a.tags.push(r);
                    }
                }
                for c in n.chunks() {
                    if !a.chunks.contains(c) {
                        a.chunks.push(c.clone());
                    }
                }
            }
            out.push(a);
        }
        out
    }
}
