//! ## What it does
//! Flags a word written twice in a row, "a high price price", case-insensitively ("The the").
//!
//! Only two word tokens separated by nothing but whitespace inside one sentence count: a
//! comma or other punctuation between them ("Bye, bye", "very, very") or a sentence boundary
//! ("It was over. Over.") is deliberate, and numbers ("10 10") are never words.
//!
//! A homograph is no excuse ("the can can leak" is still flagged). A short list of doublings
//! that are correct English is kept: "had had" and "that that" (grammatical: "she had had
//! enough", "he said that that was wrong") and reduplicated interjections ("bye bye", "ha ha",
//! "no no", "there there", "well well", "blah blah"...). "is is" is *not* on the list: outside
//! the rare "what it is is" construction it is a slip. Two capitalised words that are not
//! function words ("Bora Bora", "Sing Sing", "Duran Duran") are taken as a name.
//!
//! ## Why is this bad?
//! Doubled words are a typing slip or an MT artifact (a word translated twice) and readers
//! notice them at once.
//!
//! ## Example
//! ```text
//! Russia will pay a high price price for any invasion.
//! ```
//! Use instead: `Russia will pay a high price for any invasion.`
//!
//! ## Fix safety
//! Safe: the span covers the second word and the whitespace before it, and the fix deletes it.

use super::{Check, Context, RuleMeta};
use crate::diagnostic::{Category, Diagnostic, FixSafety, Severity};
use crate::document::Document;
use crate::text::TokenKind;

/// Doublings that are correct English (lower case).
const ALLOWED: &[&str] = &[
    "had", "that", "bye", "ha", "haha", "he", "hee", "ho", "blah", "no", "yeah", "yes", "tut",
    "tsk", "pooh", "knock", "chop", "there", "well", "now", "night", "hush", "mm", "hmm", "boo",
    "bang", "ooh", "aah", "oh", "la", "tick", "bla", "bling", "goody", "pom", "tom", "dum", "wah",
    "yada", "chug", "choo", "beep", "dun", "rah", "so", "ylang", "mahi", "aye", "bravo",
];

/// Function words: two capitalised copies of these are still a doubling ("The The"), not a name.
const FUNCTION: &[&str] = &[
    "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with",
    "from", "as", "is", "are", "was", "were", "be", "it", "he", "she", "they", "we", "i", "you",
    "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your", "not",
    "will", "would", "can", "could", "should", "has", "have", "had",
];

pub struct RepeatedWord {
    meta: RuleMeta,
}

impl Default for RepeatedWord {
    fn default() -> Self {
        let meta = RuleMeta::builtin(
            "repetition/repeated-word",
            Category::Repetition,
            Severity::Warning,
            FixSafety::Safe,
            "the same word twice in a row",
        )
        .describe(
            "Flags a word repeated immediately (case-insensitive, whitespace only between the two \
             copies, inside one sentence). Punctuation between the copies (\"Bye, bye\"), numbers and \
             sentence boundaries are left alone, and so are doublings that are correct English: \
             \"had had\", \"that that\", reduplicated interjections (\"bye bye\", \"ha ha\", \"no no\") \
             and capitalised names (\"Bora Bora\"). The fix deletes the second copy.",
        )
        .example("Russia will pay a high price[ price] for any invasion.", Some(""))
        .example("The[ the] meeting took place in Moscow.", Some(""))
        .example("They said they can[ can] do it.", Some(""))
        .counter("She had had enough of the talks.")
        .counter("He said that that was the end of it.")
        .counter("Bye, bye, said the minister.")
        .counter("It was over. Over, he repeated.")
        .counter("The score was 10 10 at half time.")
        .counter("They flew to Bora Bora last year.")
        .counter("The price, price controls aside, was fair.");
        RepeatedWord { meta }
    }
}

impl Check for RepeatedWord {
    fn rules(&self) -> Vec<RuleMeta> {
        vec![self.meta.clone()]
    }

    fn check(&self, doc: &Document, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        let text = doc.text.as_str();
        for s in &doc.sentences {
            let toks = doc.sentence_tokens(s);
            for pair in toks.windows(2) {
                let (a, b) = (&pair[0], &pair[1]);
                if a.kind != TokenKind::Word || b.kind != TokenKind::Word || !b.space_before {
                    continue;
                }
                let (wa, wb) = (a.text(text), b.text(text));
                if wa.to_lowercase() != wb.to_lowercase() || wa.chars().any(|c| c.is_ascii_digit())
                {
                    continue;
                }
                // Only whitespace between them (no invisible joiners, no placeholders).
                if !text[a.span.end..b.span.start]
                    .chars()
                    .all(char::is_whitespace)
                {
                    continue;
                }
                // Part of an identifier or path: "shrink_to to", "to to_cow_str".
                let glued_before = super::util::char_before(text, a.span.start).is_some_and(|c| {
                    matches!(
                        c,
                        '_' | '.' | ':' | '/' | '\\' | '@' | '#' | '$' | '\u{FFFC}'
                    )
                });
                let after = text[b.span.end..].chars().take(2).collect::<Vec<_>>();
                let glued_after = match after.as_slice() {
                    ['_' | '/' | '\\' | '@' | '$' | '(' | '\u{FFFC}', ..] => true,
                    ['.' | ':', n, ..] => n.is_alphanumeric() || *n == ':',
                    _ => false,
                };
                if glued_before || glued_after {
                    continue;
                }
                let lower = wa.to_lowercase();
                if ALLOWED.contains(&lower.as_str()) {
                    continue;
                }
                let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
                if capitalised(wa)
                    && capitalised(wb)
                    && wa.chars().count() > 1
                    && !FUNCTION.contains(&lower.as_str())
                {
                    continue;
                }
                let d = self
                    .meta
                    .diag(
                        a.span.end..b.span.end,
                        format!("“{wb}” repeats the word before it"),
                    )
                    .suggest("", FixSafety::Safe);
                out.push(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::util::testing::{assert_examples, found, hit};

    const ID: &str = "repetition/repeated-word";

    #[test]
    fn examples_and_counter_examples() {
        assert_examples(&RepeatedWord::default());
    }

    #[test]
    fn seed_price_price() {
        let c = RepeatedWord::default();
        assert_eq!(
            found(
                &c,
                "Russia will pay a high price price for any invasion – but not now."
            ),
            [hit(ID, " price", Some(""))]
        );
    }

    #[test]
    fn case_insensitive_and_across_line_wrap() {
        let c = RepeatedWord::default();
        assert_eq!(found(&c, "It is THE the end."), [hit(ID, " the", Some(""))]);
        assert_eq!(
            found(&c, "It was a very\nvery long day."),
            [hit(ID, "\nvery", Some(""))]
        );
    }

    #[test]
    fn not_across_sentences_punctuation_or_numbers() {
        let c = RepeatedWord::default();
        assert!(found(&c, "We left. We came back.").is_empty());
        assert!(found(&c, "Go go.").len() == 1);
        assert!(found(&c, "Yes, yes, I know.").is_empty());
        assert!(found(&c, "Pages 12 12 and 13.").is_empty());
        assert!(found(&c, "The G7 G7 summit.").is_empty());
        assert!(found(&c, "“Price” price").is_empty());
        assert!(found(
            &c,
            "Changed shrink_to to not panic; rename to_str to to_cow_str."
        )
        .is_empty());
        assert_eq!(found(&c, "See the the docs."), [hit(ID, " the", Some(""))]);
    }

    #[test]
    fn allowed_doublings_and_names() {
        let c = RepeatedWord::default();
        assert!(found(&c, "They had had no contact since 2014.").is_empty());
        assert!(found(&c, "Ha ha, very funny.").is_empty());
        assert!(found(&c, "The Walla Walla river.").is_empty());
        // A capitalised function word doubled is still an error.
        assert_eq!(found(&c, "The The report."), [hit(ID, " The", Some(""))]);
        assert_eq!(
            found(&c, "What it is is unclear."),
            [hit(ID, " is", Some(""))]
        );
    }
}
