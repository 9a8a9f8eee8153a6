//! One nlprule pass over a document: sentences with tagged, chunked, disambiguated tokens,
//! in checked-text coordinates. Used for LanguageTool rules and to fill `Document::analysis`.

use super::lexicon::is_pseudo_tag;
use crate::document::TokenAnalysis;
use crate::text::Token;
use nlprule::types::Sentence;
use std::ops::Range;

/// An nlprule sentence of one block of the checked text.
pub struct NlpSentence<'t> {
    /// Byte offset in the checked text of the string nlprule was given (the block);
    /// nlprule's byte spans are relative to it.
    pub offset: usize,
    pub sentence: Sentence<'t>,
}

impl NlpSentence<'_> {
    /// The sentence's tokens with their byte spans in the checked text.
    pub fn tokens(&self) -> impl Iterator<Item = (Range<usize>, &nlprule::types::Token<'_>)> + '_ {
        self.sentence.tokens().iter().map(move |t| {
            let b = t.span().byte();
            (self.offset + b.start..self.offset + b.end, t)
        })
    }
}

/// The nlprule analysis of a whole document (its blocks in order).
pub struct Analysis<'t> {
    pub sentences: Vec<NlpSentence<'t>>,
}

impl<'t> Analysis<'t> {
    /// Runs nlprule's pipeline (sentences, tokens, tags, chunks, disambiguation) on each block.
    pub fn new(tokenizer: &'t nlprule::Tokenizer, text: &'t str, blocks: &[Range<usize>]) -> Self {
        use rayon::prelude::*;
        // Blocks are independent: a large file is analysed on all threads, not just its own.
        let per_block: Vec<Vec<NlpSentence<'t>>> = blocks
            .par_iter()
            .map(|b| {
                tokenizer
                    .pipe(&text[b.clone()])
                    .map(|sentence| NlpSentence {
                        offset: b.start,
                        sentence,
                    })
                    .collect()
            })
            .collect();
        Analysis {
            sentences: per_block.into_iter().flatten().collect(),
        }
    }

    /// All tokens in text order, with checked-text byte spans.
    pub fn tokens(&self) -> impl Iterator<Item = (Range<usize>, &nlprule::types::Token<'_>)> + '_ {
        self.sentences.iter().flat_map(|s| s.tokens())
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
