//! ## What it does
//! Finds text that the document already contains, word for word:
//!
//! - `repetition/repeated-block`: a paragraph (block) of at least 8 words, or a run of
//!   consecutive blocks of at least 8 words in all, that repeats an earlier run of blocks
//!   close by (at most 2 blocks between the copies), or a repeated run of at least 40 words
//!   anywhere. A whole article pasted twice is **one** diagnostic spanning the whole second
//!   copy, with the first copy as the related span, not one per paragraph. Short boilerplate
//!   repeated far apart ("Thanks to all contributors!" under every release of a changelog)
//!   is not reported, nor are blocks that all end in a colon (they introduce examples).
//! - `repetition/repeated-sentence`: a sentence of at least 6 words that repeats a sentence
//!   of the same block or of the block before it (warning), or a sentence of at least 10
//!   words that occurs exactly twice anywhere in the document (info: far apart, a repeat may
//!   be a deliberate summary), outside blocks already reported as repeated. Sentences ending
//!   in a colon ("The result will be:") introduce examples and are formulaic, so they are
//!   skipped; so is boilerplate ("Note: this release has been yanked." under every version of
//!   a changelog, "This lint is allow-by-default." in a reference): a sentence that occurs
//!   three times or more is only reported next to its previous copy.
//!
//! Comparison is on tokens, case-insensitive, ignoring whitespace differences and the
//! apostrophe style (’ and '); inline code in Markdown is compared by its original text. Blocks and sentences are hashed once, so the check runs in
//! linear time on large documents (the first copy of a run is the earliest of the last few
//! occurrences of its first block that gives the longest run).
//!
//! ## Why is this bad?
//! MT pipelines that retry or concatenate segments duplicate sentences and whole documents;
//! the duplicate has to go before publication.
//!
//! ## Example
//! ```text
//! The talks will continue next week in Geneva, officials said.
//! The talks will continue next week in Geneva, officials said.
//! ```
//! The second paragraph is flagged.
//!
//! ## Fix safety
//! Unsafe: the suggestion deletes the repeated text, but which copy should stay (or whether
//! the repetition is a quotation) needs a human.

use super::{Check, Context, RuleMeta};
use crate::diagnostic::{Category, Diagnostic, FixSafety, Severity};
use crate::document::Document;
use crate::text::TokenKind;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::ops::Range;

/// Minimum words of a repeated block or run of blocks.
const MIN_BLOCK_WORDS: usize = 8;
/// Minimum words of a repeated sentence.
const MIN_SENTENCE_WORDS: usize = 6;
/// How many earlier occurrences of a block are tried as the start of the first copy.
const MAX_CANDIDATES: usize = 8;
/// A repeated run of blocks is reported when the copies are at most this many blocks apart...
const MAX_BLOCK_GAP: usize = 2;
/// ... or when it is at least this long (a long passage repeated anywhere).
const LONG_RUN_WORDS: usize = 40;
/// A repeated sentence is reported when its first occurrence is at most this many blocks back...
const MAX_SENTENCE_BLOCK_DISTANCE: usize = 1;
/// ... or anywhere in the document when it has at least this many words.
const LONG_SENTENCE_WORDS: usize = 10;

pub struct RepeatedBlock {
    block: RuleMeta,
    sentence: RuleMeta,
}

impl Default for RepeatedBlock {
    fn default() -> Self {
        let block = RuleMeta::builtin(
            "repetition/repeated-block",
            Category::Repetition,
            Severity::Warning,
            FixSafety::Unsafe,
            "paragraph or run of paragraphs repeated word for word",
        )
        .describe(
            "Flags a paragraph of at least 8 words, or a run of consecutive paragraphs, that repeats \
             earlier text of the document word for word (case and whitespace aside): close by (at \
             most 2 paragraphs between the copies), or anywhere when the run has 40 words or more. \
             A document pasted twice gives one diagnostic over the whole second copy, pointing at \
             the first.",
        )
        .example(
            "The talks will continue next week in Geneva, officials said.\n\n[The talks will continue next week in Geneva, officials said.]",
            Some(""),
        )
        .example(
            "Talks will go on next week.\n\nNo date was set for the visit of the minister.\n\n\
             [Talks will go on next week.\n\nNo date was set for the visit of the minister.]",
            Some(""),
        )
        .counter("The talks will continue next week in Geneva.\n\nThe talks will continue next month in Vienna.")
        .counter("Read more.\n\nThe talks will continue.\n\nRead more.");
        let sentence = RuleMeta::builtin(
            "repetition/repeated-sentence",
            Category::Repetition,
            Severity::Warning,
            FixSafety::Unsafe,
            "sentence repeated word for word",
        )
        .describe(
            "Flags a sentence of at least 6 words that repeats, word for word (case and whitespace \
             aside), a sentence of the same paragraph or of the paragraph before it (warning), and \
             a sentence of at least 10 words that occurs exactly twice anywhere in the document \
             (info), outside paragraphs already reported as repeated blocks. Sentences ending in a \
             colon, and far-apart sentences that occur three times or more (boilerplate), are \
             skipped.",
        )
        .example(
            "Prices rose sharply in early March. Wages did not. [Prices rose sharply in early March.]",
            Some(""),
        )
        .counter("Prices rose in March. Prices fell in April.")
        .counter("It was over. It was over.");
        RepeatedBlock { block, sentence }
    }
}

/// Comparison key of a token: lower-cased, apostrophe style folded; a Markdown placeholder
/// (inline code) stands for the original code it replaced.
fn token_key(doc: &Document, t: &crate::text::Token) -> String {
    let s = t.text(&doc.text);
    if s == crate::source::markdown::PLACEHOLDER {
        let orig = doc.map.range(t.span.clone());
        return doc.original.get(orig).unwrap_or(s).to_string();
    }
    s.to_lowercase().replace('’', "'")
}

fn hash_tokens(doc: &Document, r: Range<usize>) -> u64 {
    let mut h = DefaultHasher::new();
    for t in &doc.tokens[r] {
        token_key(doc, t).hash(&mut h);
    }
    h.finish()
}

fn same_tokens(doc: &Document, a: Range<usize>, b: Range<usize>) -> bool {
    a.len() == b.len()
        && doc.tokens[a]
            .iter()
            .zip(&doc.tokens[b])
            .all(|(x, y)| token_key(doc, x) == token_key(doc, y))
}

fn count_words(doc: &Document, r: Range<usize>) -> usize {
    doc.tokens[r]
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .count()
}

impl Check for RepeatedBlock {
    fn rules(&self) -> Vec<RuleMeta> {
        vec![self.block.clone(), self.sentence.clone()]
    }

    fn check(&self, doc: &Document, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        // Token range of each block.
        let block_toks: Vec<Range<usize>> = doc
            .blocks
            .iter()
            .map(|b| {
                if b.sentences.is_empty() {
                    0..0
                } else {
                    doc.sentences[b.sentences.start].tokens.start
                        ..doc.sentences[b.sentences.end - 1].tokens.end
                }
            })
            .collect();
        let n = doc.blocks.len();
        let hashes: Vec<u64> = block_toks
            .iter()
            .map(|r| hash_tokens(doc, r.clone()))
            .collect();
        let words: Vec<usize> = block_toks
            .iter()
            .map(|r| count_words(doc, r.clone()))
            .collect();
        let eq = |a: usize, b: usize| {
            hashes[a] == hashes[b] && same_tokens(doc, block_toks[a].clone(), block_toks[b].clone())
        };

        let mut seen: HashMap<u64, Vec<usize>> = HashMap::new();
        let mut covered = vec![false; n];
        let mut i = 0;
        while i < n {
            if words[i] == 0 {
                i += 1;
                continue;
            }
            // Longest run starting at i that repeats a run starting at an earlier occurrence of block i.
            let mut best: Option<(usize, usize)> = None; // (j, k)
            if let Some(cands) = seen.get(&hashes[i]) {
                for &j in cands.iter().rev().take(MAX_CANDIDATES) {
                    if !eq(i, j) {
                        continue;
                    }
                    let mut k = 1;
                    while i + k < n && j + k < i && eq(i + k, j + k) {
                        k += 1;
                    }
                    if best.map_or(true, |(_, bk)| k >= bk) {
                        best = Some((j, k));
                    }
                }
            }
            if let Some((j, k)) = best {
                let total: usize = words[i..i + k].iter().sum();
                let gap = i - (j + k);
                // Sentences introducing examples ("Given the following type:") are formulaic.
                let all_intros =
                    (i..i + k).all(|m| doc.text[doc.blocks[m].span.clone()].ends_with(':'));
                if total >= MIN_BLOCK_WORDS
                    && (gap <= MAX_BLOCK_GAP || total >= LONG_RUN_WORDS)
                    && !all_intros
                {
                    let span = doc.blocks[i].span.start..doc.blocks[i + k - 1].span.end;
                    let first = doc.blocks[j].span.start..doc.blocks[j + k - 1].span.end;
                    let msg = if k == 1 {
                        "this paragraph repeats an earlier paragraph word for word".to_string()
                    } else {
                        format!("these {k} paragraphs repeat earlier paragraphs word for word")
                    };
                    out.push(
                        self.block
                            .diag(span, msg)
                            .suggest("", FixSafety::Unsafe)
                            .related(first, "first copy"),
                    );
                    for (m, c) in covered.iter_mut().enumerate().skip(i).take(k) {
                        *c = true;
                        seen.entry(hashes[m]).or_default().push(m);
                    }
                    i += k;
                    continue;
                }
            }
            seen.entry(hashes[i]).or_default().push(i);
            i += 1;
        }

        // Sentences, outside repeated blocks. A long sentence is also reported far from its
        // first copy, unless it occurs three times or more: that is boilerplate ("This lint is
        // allow-by-default.", "The views expressed are the author's own."), not a duplicate.
        let sentence_hashes: Vec<u64> = doc
            .sentences
            .iter()
            .map(|s| hash_tokens(doc, s.tokens.clone()))
            .collect();
        let mut occurrences: HashMap<u64, usize> = HashMap::new();
        for &h in &sentence_hashes {
            *occurrences.entry(h).or_default() += 1;
        }
        let mut first_sentence: HashMap<u64, Vec<usize>> = HashMap::new();
        for (si, s) in doc.sentences.iter().enumerate() {
            let n_words = count_words(doc, s.tokens.clone());
            if covered[s.block]
                || n_words < MIN_SENTENCE_WORDS
                || doc.text[s.span.clone()].ends_with(':')
            {
                continue;
            }
            let h = sentence_hashes[si];
            // The most recent equal sentence, if it is close enough.
            let earlier = first_sentence.get(&h).and_then(|v| {
                v.iter()
                    .rev()
                    .copied()
                    .find(|&e| same_tokens(doc, doc.sentences[e].tokens.clone(), s.tokens.clone()))
            });
            if let Some(e) = earlier {
                let distance = s.block - doc.sentences[e].block;
                let near = distance <= MAX_SENTENCE_BLOCK_DISTANCE;
                if near || (n_words >= LONG_SENTENCE_WORDS && occurrences[&h] == 2) {
                    let msg = match distance {
                        0 => "this sentence repeats an earlier sentence of the paragraph word for word"
                            .to_string(),
                        1 => "this sentence repeats a sentence of the previous paragraph word for word"
                            .to_string(),
                        d => format!("this sentence repeats a sentence {d} paragraphs earlier word for word"),
                    };
                    let mut d = self
                        .sentence
                        .diag(s.span.clone(), msg)
                        .suggest("", FixSafety::Unsafe)
                        .related(doc.sentences[e].span.clone(), "first used here");
                    if !near {
                        // Far apart, a repeat may be deliberate (a summary, a refrain).
                        d.severity = Severity::Info;
                    }
                    out.push(d);
                }
            }
            first_sentence.entry(h).or_default().push(si);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::util::testing::{assert_examples, found, hit, run};
    use crate::document::Document;
    use crate::source::SourceKind;

    const BLOCK: &str = "repetition/repeated-block";
    const SENT: &str = "repetition/repeated-sentence";

    #[test]
    fn examples_and_counter_examples() {
        assert_examples(&RepeatedBlock::default());
    }

    #[test]
    fn seed_article_twice_is_one_diagnostic() {
        let text = include_str!("../../fixtures/seed-article.txt");
        let ds = run(&RepeatedBlock::default(), text);
        assert_eq!(ds.len(), 1, "{ds:?}");
        let d = &ds[0];
        assert_eq!(d.rule, BLOCK);
        let second = text.rfind("The head of Russian diplomacy").unwrap();
        assert_eq!(d.span, second..text.trim_end().len());
        assert_eq!(d.related[0].span.start, 0);
        assert_eq!(&text[d.related[0].span.clone()], text[..second].trim_end());
        assert!(d.message.contains("paragraphs repeat"), "{}", d.message);
    }

    #[test]
    fn short_repeated_block_is_not_flagged_but_a_long_one_is() {
        let c = RepeatedBlock::default();
        assert!(found(&c, "Read more here.\n\nSome text.\n\nRead more here.").is_empty());
        let t = "One two three four five six seven eight.\n\nMiddle.\n\nOne two  three four five six seven EIGHT.";
        assert_eq!(
            found(&c, t),
            [hit(
                BLOCK,
                "One two  three four five six seven EIGHT.",
                Some("")
            )]
        );
    }

    #[test]
    fn repeated_sentence_inside_other_text() {
        let c = RepeatedBlock::default();
        let t = "The minister arrived in Kyiv on Monday. He met Zelensky.\n\nLater, the minister arrived in Kyiv on Monday. \
                 He spoke to reporters. The minister arrived in Kyiv  on monday. The result of it all will be:\n\n\
                 The result of it all will be:";
        assert_eq!(
            found(&c, t),
            [hit(
                SENT,
                "The minister arrived in Kyiv  on monday.",
                Some("")
            )]
        );
    }

    #[test]
    fn sentence_of_a_repeated_block_is_not_reported_again() {
        let c = RepeatedBlock::default();
        let t = "Prices rose sharply in the spring of that year. Wages did not follow.\n\n\
                 Prices rose sharply in the spring of that year. Wages did not follow.";
        let got = found(&c, t);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, BLOCK);
    }

    #[test]
    fn run_prefers_the_longest_earlier_copy() {
        // "Note." appears several times; the run starting at its last occurrence is the long one.
        let t = "Note.\n\nAlpha.\n\nNote.\n\nThe first long paragraph has eight words here.\n\n\
                 Note.\n\nThe first long paragraph has eight words here.";
        let doc = Document::new(t, SourceKind::Plain);
        let ds = run(&RepeatedBlock::default(), t);
        assert_eq!(ds.len(), 1);
        assert_eq!(
            &doc.text[ds[0].span.clone()],
            "Note.\n\nThe first long paragraph has eight words here."
        );
        assert_eq!(
            &doc.text[ds[0].related[0].span.clone()],
            "Note.\n\nThe first long paragraph has eight words here."
        );
        assert!(ds[0].related[0].span.start < ds[0].span.start);
    }

    #[test]
    fn far_apart_short_boilerplate_is_not_flagged_but_long_passages_are() {
        let c = RepeatedBlock::default();
        let filler: String = (0..6)
            .map(|i| format!("Filler paragraph {i} is here.\n\n"))
            .collect();
        let short = "Thanks to all of the contributors for this release!";
        assert!(found(&c, &format!("{short}\n\n{filler}{short}")).is_empty());
        let long = "word ".repeat(45).trim_end().to_string() + ".";
        assert_eq!(found(&c, &format!("{long}\n\n{filler}{long}")).len(), 1);
        // Sentences: far apart is fine too.
        let sent = "The minister arrived in Kyiv on Monday.";
        assert!(found(&c, &format!("{sent} Yes.\n\n{filler}{sent} No.")).is_empty());
    }

    #[test]
    fn long_sentence_repeated_far_apart_is_info_unless_boilerplate() {
        let c = RepeatedBlock::default();
        let filler: String = (0..6)
            .map(|i| format!("Filler paragraph number {i} says something else entirely.\n\n"))
            .collect();
        let long = "The committee approved the new budget for the regional hospitals on Tuesday.";
        let text = format!("{long} It was late.\n\n{filler}{long} Nobody objected.");
        let doc = Document::new(&text, SourceKind::Plain);
        let out = run(&c, &text);
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(out[0].rule, SENT);
        assert_eq!(out[0].severity, Severity::Info);
        assert_eq!(&doc.text[out[0].span.clone()], long);
        assert!(
            out[0].message.contains("7 paragraphs earlier"),
            "{}",
            out[0].message
        );
        assert_eq!(&doc.text[out[0].related[0].span.clone()], long);
        // Three copies far apart: boilerplate, not a duplicate.
        let filler2 = filler.replace("Filler", "Another");
        let three = format!("{long} A.\n\n{filler}{long} B.\n\n{filler2}{long} C.");
        assert!(found(&c, &three).is_empty());
        // Next to each other, even a boilerplate sentence is a duplicate.
        let adjacent = format!("{long} {long}\n\n{filler}{long}\n\n{filler2}{long}");
        assert_eq!(found(&c, &adjacent).len(), 1);
    }

    #[test]
    fn example_introductions_are_formulaic() {
        let c = RepeatedBlock::default();
        let t = "Given the following flags type of the crate:\n\nA.\n\nGiven the following flags type of the crate:";
        assert!(found(&c, t).is_empty());
    }

    #[test]
    fn markdown_inline_code_is_compared_by_its_text() {
        let c = RepeatedBlock::default();
        let md = "- Added `into_map` methods to all entry types of the map.\n- Added `into_table` methods to all entry types of the map.\n";
        let doc = Document::new(md, SourceKind::Markdown);
        let ctx = Context {
            config: &crate::config::Config::default(),
            lexicon: None,
        };
        let mut out = Vec::new();
        c.check(&doc, &ctx, &mut out);
        assert!(out.is_empty(), "{out:?}");
        let md_same = md.replace("into_table", "into_map");
        let doc = Document::new(&md_same, SourceKind::Markdown);
        let mut out = Vec::new();
        c.check(&doc, &ctx, &mut out);
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn large_document_is_fast() {
        // 20,000 distinct paragraphs, then all of them again: one diagnostic.
        let mut t = String::new();
        for i in 0..20_000 {
            t.push_str(&format!(
                "Paragraph number {i} says something different from the others.\n\n"
            ));
        }
        let twice = format!("{t}{t}");
        let start = std::time::Instant::now();
        let ds = run(&RepeatedBlock::default(), &twice);
        assert_eq!(ds.len(), 1);
        assert!(start.elapsed().as_secs() < 20);
    }
}
