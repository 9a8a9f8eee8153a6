//! ## What it does
//! Finds missing, extra and misplaced spaces:
//!
//! - `spacing/missing-space-after-punctuation`: "Monday.The", "talks,but", "Really?Yes".
//!   After a full stop the next word must be capitalised with lower-case letters after the
//!   first ("The", not "NET", "S" or "js"), so abbreviations ("U.S.", "e.g.", "a.m.", "Ph.D"),
//!   decimals ("3.5"), file and domain names ("example.com", "Node.js", "README.md") and
//!   "ASP.NET" are left alone. Chunks that look like URLs, paths, e-mail addresses or
//!   identifiers (containing `/ \ @ _ = # ~ |` or two full stops) are skipped.
//! - `spacing/missing-space-after-quote`: a closing curly quote glued to the next word,
//!   "chance”to". A ” after a space (a misused opening quote) and ”s/”t/”ll (a misused
//!   apostrophe) are left to other rules.
//! - `spacing/glued-words`: two words run together, "attackbut", "whenon". Conservative: only
//!   an all-lower-case word that is unknown to the embedded English word list (and to the
//!   grammar engine's lexicon when loaded), is not a derived form of a known word ("hasher",
//!   "decompressor"), and splits into a known word and a common function word ("but",
//!   "and", "the", "on", "he", ...). A one- or two-letter part ("in", "on", "at") needs a
//!   function word on the other side ("when on", "in the"): "plugin", "addon" and "stdin"
//!   are compounds, not glued words.
//! - `spacing/space-before-punctuation`: "word ," and "word ." (the space goes). Only the
//!   comma and the full stop: the space before `; : ? !` is French typography, which the
//!   locale rule packs own. Ellipses ("and so on ..."), decimals (" .5"), names (".NET") and
//!   dashes are left alone.
//! - `spacing/double-space` (info): two or more spaces between words inside a sentence of a
//!   plain-text file: two spaces between words or sentence punctuation. Two
//!   spaces after a full stop (between sentences) are an old typewriter convention, not
//!   flagged; nor are indentation and alignment (a line with a run of 3 or more spaces:
//!   tables, boxes, forms). Markdown is skipped: it renders a run of spaces as one.
//! - `spacing/dangling-hyphen`: a word ending in a hyphen followed by a space and a
//!   lower-case word, "last- abandon". Suspended hyphens are correct English ("pre- and
//!   post-war", "two- to three-year", "first- or second-class") and a hyphen at the end of a
//!   line is hyphenation, so neither is flagged.
//!
//! ## Why is this bad?
//! These are typical artifacts of MT and of text extraction (OCR, PDF, subtitles): words
//! glued to punctuation or to each other read badly and break search and spell checking.
//!
//! ## Example
//! ```text
//! “There is always a chance”to find a deal,” ... from any attackbut others ...
//! ```
//! Use instead: `chance” to`, `attack but`.
//!
//! ## Fix safety
//! Safe for the spaces added or removed around punctuation and for double spaces. Unsafe for
//! glued words (the split is a guess among possible ones). None for dangling hyphens (the
//! missing word cannot be guessed).

use super::util::{english_words, is_known_word};
use super::{Check, Context, RuleMeta};
use crate::diagnostic::{Category, Diagnostic, FixSafety, Severity};
use crate::document::Document;
use crate::text::TokenKind;
use std::ops::Range;

/// Function words that may be the second half of a glued word.
const GLUE: &[&str] = &[
    "but", "and", "nor", "the", "to", "of", "in", "on", "at", "by", "for", "with", "from", "that",
    "this", "when", "then", "than", "he", "she", "it", "they", "we", "was", "were", "is", "are",
    "has", "have", "had", "will", "would", "not", "which", "who", "as", "an", "into", "if", "its",
    "their", "his", "her", "our", "also", "can", "could", "should", "be", "been",
];

/// Function words that may come first in a glued pair whose second part is very short
/// ("whenon" = "when on"; but "plugin", "addon", "linkat" are compounds, not glued words).
const FIRST_FUNCTION: &[&str] = &[
    "when", "then", "and", "but", "in", "on", "at", "of", "to", "for", "with", "from", "that",
    "this", "the", "as", "if", "is", "was", "it", "he", "she", "they", "we", "which", "who",
    "into", "than", "not", "also", "so", "because", "after", "before", "while", "what", "by",
    "about", "all", "any", "some", "one", "there", "where", "said", "says",
];

/// Derivational endings: "hasher" is "hash" + "er", not "has her".
const DERIVED: &[&str] = &[
    "er", "ers", "or", "ors", "ing", "ings", "ed", "es", "s", "ly", "able", "ness", "ment", "ments",
];

/// Prefixes of legal and formal compounds missing from the word list ("hereinafter", "thereof").
const COMPOUND_PREFIXES: &[&str] = &["here", "there", "where"];

/// Words after a suspended hyphen ("pre- and post-war").
const SUSPENDED: &[&str] = &[
    "and", "or", "to", "nor", "through", "versus", "vs", "and/or", "but", "till", "until",
];

/// Contraction endings after a misused ” ("don”t").
const CONTRACTION: &[&str] = &["s", "t", "re", "ll", "ve", "d", "m"];

pub struct Spacing {
    after_punct: RuleMeta,
    after_quote: RuleMeta,
    glued: RuleMeta,
    before_punct: RuleMeta,
    double: RuleMeta,
    hyphen: RuleMeta,
}

impl Default for Spacing {
    fn default() -> Self {
        let after_punct = RuleMeta::builtin(
            "spacing/missing-space-after-punctuation",
            Category::Spacing,
            Severity::Warning,
            FixSafety::Safe,
            "no space after a full stop, comma or other punctuation",
        )
        .describe(
            "Flags a word glued to the punctuation before it (\"Monday.The\", \"talks,but\", \
             \"Note:this\", \"Really?Yes\"). Abbreviations, decimals, file and domain names, URLs \
             and identifiers are left alone: after a full stop only a capitalised word with \
             lower-case letters counts.",
        )
        .example("The talks ended on Monday[.]The minister left.", Some(". "))
        .example("The talks ended[,]but nobody left.", Some(", "))
        .example("Did it work[?]Nobody knows.", Some("? "))
        .counter("The U.S. and the U.K. agreed at 10 a.m. on Monday.")
        .counter("Growth was 3.5 percent, e.g. in Node.js and example.com.")
        .counter("Visit https://example.com/a,b or mail info@example.com.")
        .counter("He built it with ASP.NET and read README.md.")
        .counter("It cost 1,000 dollars at 10:30.");
        let after_quote = RuleMeta::builtin(
            "spacing/missing-space-after-quote",
            Category::Spacing,
            Severity::Warning,
            FixSafety::Safe,
            "no space after a closing quotation mark",
        )
        .describe(
            "Flags a closing curly quotation mark directly followed by a letter (\"chance”to\").",
        )
        .example(
            "“There is always a chance[”]to find a deal,” Lavrov said.",
            Some("” "),
        )
        .counter("“There is always a chance,” Lavrov said.")
        .counter("He called it “fake”, then left.")
        .counter("Russia’s plan and the ”wrong” quote.");
        let glued = RuleMeta::builtin(
            "spacing/glued-words",
            Category::Spacing,
            Severity::Warning,
            FixSafety::Unsafe,
            "two words run together",
        )
        .describe(
            "Flags an all-lower-case word that is not an English word but splits into a known word \
             followed by a common function word (\"attackbut\" → \"attack but\", \"whenon\" → \
             \"when on\"). Conservative by design: capitalised words, words with digits or hyphens, \
             known words, derived forms of known words (\"hasher\") and compounds with a one- or \
             two-letter part (\"plugin\", \"addon\") are never split.",
        )
        .example("Russia was warned against any [attackbut] others disagreed.", Some("attack but"))
        .example("Lavrov spoke in a meeting [whenon] asked to comment.", Some("when on"))
        .example("The meeting took place [inthe] capital.", Some("in the"))
        .counter("Russia was warned against any attack, but others disagreed.")
        .counter("The bandit and the summit were nonetheless forthcoming.")
        .counter("Huawei and Xiaomi reported results from Shenzhen.")
        .counter("The livestream was ok.");
        let before_punct = RuleMeta::builtin(
            "spacing/space-before-punctuation",
            Category::Spacing,
            Severity::Warning,
            FixSafety::Safe,
            "a space before a comma or full stop",
        )
        .describe(
            "Flags spaces before a comma or a full stop (\"word ,\"). The space before ; : ? ! is \
             French typography and left to the locale rule packs; ellipses, decimals (\".5\") and \
             names such as \".NET\" are left alone.",
        )
        .example("Russia[ ,] the EU and NATO met.", Some(","))
        .example("They met in Geneva[ .] Then they left.", Some("."))
        .counter("Russia, the EU and NATO met.")
        .counter("And so on ... until the end.")
        .counter("A .45 pistol and the .NET runtime.")
        .counter("He said : yes ; and then ? Nothing !");
        let double = RuleMeta::builtin(
            "spacing/double-space",
            Category::Spacing,
            Severity::Info,
            FixSafety::Safe,
            "two spaces between words",
        )
        .describe(
            "Flags two spaces between words inside a sentence of a plain-text file. Two spaces \
             after a sentence (a typewriter convention), indentation, line ends, aligned text (a \
             line with a run of three or more spaces) and Markdown (which renders a run of spaces \
             as one) are left alone.",
        )
        .example("The talks[  ]ended on Monday.", Some(" "))
        .counter("The talks ended.  Then they left.")
        .counter("    Indented text here.")
        .counter("Line one.\nLine two.")
        .counter("*  Covered Software is provided   *\n*  on an as is basis   *");
        let hyphen = RuleMeta::builtin(
            "spacing/dangling-hyphen",
            Category::Spacing,
            Severity::Warning,
            FixSafety::None,
            "a word ending in a hyphen before a space",
        )
        .describe(
            "Flags a word ending in a hyphen followed by a space and a lower-case word (\"a last- \
             abandon attempt\"): a dropped word or a misplaced space. Suspended hyphens (\"pre- \
             and post-war\", \"two- to three-year\") and hyphenation at line ends are correct.",
        )
        .example("A trip for a [last- abandon] attempt.", None)
        .counter("Pre- and post-war Europe.")
        .counter("A two- to three-year delay, small-, medium- and large-scale firms.")
        .counter("The inter-\nnational talks.")
        .counter("Talks - and more talks.");
        Spacing {
            after_punct,
            after_quote,
            glued,
            before_punct,
            double,
            hyphen,
        }
    }
}

fn is_closer(c: char) -> bool {
    matches!(c, '”' | '’' | ')' | ']' | '"' | '\'' | '»')
}

/// Letters run before `pos` (alphanumeric), as a string slice.
fn run_before(text: &str, lo: usize, pos: usize) -> &str {
    let s = &text[lo..pos];
    let start = s
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8());
    &s[start..]
}

/// Letters run from `pos` (alphabetic only).
fn run_after(text: &str, pos: usize, hi: usize) -> &str {
    let s = &text[pos..hi];
    let end = s
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(s.len(), |(i, _)| i);
    &s[..end]
}

/// The whitespace-delimited chunk of `text[block]` around `pos`.
fn chunk<'t>(text: &'t str, block: &Range<usize>, pos: usize) -> &'t str {
    let before = &text[block.start..pos];
    let start = before
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(block.start, |(i, c)| block.start + i + c.len_utf8());
    let after = &text[pos..block.end];
    let end = after
        .char_indices()
        .find(|(_, c)| c.is_whitespace())
        .map_or(block.end, |(i, _)| pos + i);
    &text[start..end]
}

fn looks_technical(chunk: &str) -> bool {
    chunk.contains([
        '/', '\\', '@', '_', '=', '#', '~', '|', '<', '>', '{', '}', '\u{FFFC}',
    ]) || chunk.matches('.').count() > 1
        || chunk.contains("::")
}

impl Spacing {
    fn missing_space(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        let text = doc.text.as_str();
        for b in &doc.blocks {
            let block = b.span.clone();
            for (off, c) in text[block.clone()].char_indices() {
                let pos = block.start + off;
                let after = pos + c.len_utf8();
                match c {
                    '.' | ',' | ';' | ':' | '!' | '?' => {
                        let Some(next) =
                            super::util::char_at(text, after).filter(|_| after < block.end)
                        else {
                            continue;
                        };
                        if !next.is_alphabetic() {
                            continue;
                        }
                        let left = run_before(text, block.start, pos);
                        let right = run_after(text, after, block.end);
                        let right_len = right.chars().count();
                        let left_len = left.chars().count();
                        if left_len < 2 || looks_technical(chunk(text, &block, pos)) {
                            continue;
                        }
                        // "TL;DR", "AC/DC": two acronyms.
                        let caps =
                            |w: &str| w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit());
                        if caps(left) && caps(right) {
                            continue;
                        }
                        let ok = match c {
                            '.' => {
                                let mut rc = right.chars();
                                let first_upper = rc.next().is_some_and(char::is_uppercase);
                                let rest: Vec<char> = rc.collect();
                                first_upper
                                    && !rest.is_empty()
                                    && rest.iter().all(|c| c.is_lowercase())
                            }
                            ':' => right_len >= 2 && !left.chars().all(|c| c.is_ascii_digit()),
                            _ => right_len >= 2 || right == "a" || right == "I",
                        };
                        if !ok || (left.chars().all(|c| c.is_ascii_digit()) && c != '.') {
                            continue;
                        }
                        out.push(
                            self.after_punct
                                .diag(pos..after, format!("missing space after “{c}”"))
                                .suggest(format!("{c} "), FixSafety::Safe),
                        );
                    }
                    '”' => {
                        let Some(next) =
                            super::util::char_at(text, after).filter(|_| after < block.end)
                        else {
                            continue;
                        };
                        let prev = super::util::char_before(text, pos);
                        if !next.is_alphabetic()
                            || prev.map_or(true, char::is_whitespace)
                            || pos == block.start
                        {
                            continue;
                        }
                        let right = run_after(text, after, block.end);
                        if prev.is_some_and(char::is_alphabetic) && CONTRACTION.contains(&right) {
                            continue;
                        }
                        out.push(
                            self.after_quote
                                .diag(pos..after, "missing space after the closing quotation mark")
                                .suggest("” ", FixSafety::Safe),
                        );
                    }
                    _ => {}
                }
            }
        }
    }

    fn glued_words(&self, doc: &Document, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let text = doc.text.as_str();
        let words = english_words();
        for t in doc.tokens.iter().filter(|t| t.kind == TokenKind::Word) {
            let w = t.text(text);
            if w.len() < 5
                || !w.bytes().all(|b| b.is_ascii_lowercase())
                || COMPOUND_PREFIXES.iter().any(|p| w.starts_with(p))
                || is_known_word(w, ctx)
            {
                continue;
            }
            // A derived form of a known word ("hasher", "decompressor") is not two words.
            let derived = DERIVED.iter().any(|suf| {
                w.strip_suffix(suf).is_some_and(|stem| {
                    stem.len() >= 3 && (words.contains(stem) || words.contains(&format!("{stem}e")))
                })
            });
            if derived || looks_technical(chunk(text, &(0..text.len()), t.span.start)) {
                continue;
            }
            let mut splits: Vec<(&str, &str)> = Vec::new();
            for i in 2..w.len() - 1 {
                let (a, b) = w.split_at(i);
                if !GLUE.contains(&b) || !words.contains(a) {
                    continue;
                }
                let a_function = FIRST_FUNCTION.contains(&a);
                // Short first parts must be function words ("in the"); short second parts need a
                // function word before them ("when on"), or compounds slip in ("plug in").
                if (a.len() < 3 || b.len() <= 2) && !a_function {
                    continue;
                }
                if !a.contains(['a', 'e', 'i', 'o', 'u', 'y']) {
                    continue;
                }
                splits.push((a, b));
            }
            if splits.is_empty() {
                continue;
            }
            // Prefer the longest function word ("for the" over "fort he").
            splits.sort_by_key(|(a, b)| (std::cmp::Reverse(b.len()), std::cmp::Reverse(a.len())));
            let suggestions: Vec<String> = splits.iter().map(|(a, b)| format!("{a} {b}")).collect();
            out.push(
                self.glued
                    .diag(
                        t.span.clone(),
                        format!(
                            "“{w}” looks like two words run together: “{}”",
                            suggestions[0]
                        ),
                    )
                    .with_suggestions(suggestions, FixSafety::Unsafe),
            );
        }
    }

    fn space_before(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        let text = doc.text.as_str();
        for b in &doc.blocks {
            let block = b.span.clone();
            for (off, c) in text[block.clone()].char_indices() {
                if c != ',' && c != '.' {
                    continue;
                }
                let pos = block.start + off;
                let before = &text[block.start..pos];
                let trimmed = before.trim_end_matches([' ', '\t']);
                if trimmed.len() == before.len() {
                    continue;
                }
                let Some(prev) = trimmed.chars().next_back() else {
                    continue;
                };
                if !(prev.is_alphanumeric() || is_closer(prev)) {
                    continue;
                }
                let next = super::util::char_at(text, pos + 1).filter(|_| pos + 1 < block.end);
                let bad_next = match c {
                    '.' => next.is_some_and(|n| n.is_alphanumeric() || n == '.' || n == '…'),
                    _ => next.is_some_and(|n| n.is_ascii_digit()),
                };
                if bad_next {
                    continue;
                }
                let span = block.start + trimmed.len()..pos + 1;
                out.push(
                    self.before_punct
                        .diag(span, format!("space before “{c}”"))
                        .suggest(c.to_string(), FixSafety::Safe),
                );
            }
        }
    }

    fn double_space(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        // Markdown renders a run of spaces as one: nothing for the reader to see.
        if doc.kind == crate::source::SourceKind::Markdown {
            return;
        }
        let text = doc.text.as_str();
        for s in &doc.sentences {
            let span = s.span.clone();
            let bytes = text.as_bytes();
            let mut i = span.start;
            while i < span.end {
                if bytes[i] == b' ' && i + 1 < span.end && bytes[i + 1] == b' ' {
                    let start = i;
                    while i < span.end && bytes[i] == b' ' {
                        i += 1;
                    }
                    let r = start..i;
                    let prev = super::util::char_before(text, start);
                    let next = super::util::char_at(text, i);
                    let inside = prev
                        .is_some_and(|c| c.is_alphanumeric() || ",;:)”’\"".contains(c))
                        && next.is_some_and(|c| c.is_alphanumeric() || "(“‘\"".contains(c))
                        && i - start == 2;
                    // Alignment (a table, a box, a form): the line has another run of 3+ spaces.
                    // (Looking at most 200 bytes either way keeps huge one-line files linear.)
                    let lo = super::util::char_floor(text, start.saturating_sub(200));
                    let hi = super::util::char_floor(text, (i + 200).min(text.len()));
                    let line_start = text[lo..start].rfind('\n').map_or(lo, |p| lo + p + 1);
                    let line_end = text[i..hi].find('\n').map_or(hi, |p| i + p);
                    let line = text[line_start..line_end].trim_start();
                    let aligned = line.contains("   ");
                    // Only spaces that are in the original as they are (not left by removed markup).
                    let orig = doc.map.range(r.clone());
                    let verbatim = doc
                        .original
                        .get(orig)
                        .is_some_and(|o| o == &text[r.clone()]);
                    if inside && verbatim && !aligned {
                        out.push(
                            self.double
                                .diag(r, format!("{} spaces between words", i - start))
                                .suggest(" ", FixSafety::Safe),
                        );
                    }
                } else {
                    i += 1;
                }
            }
        }
    }

    fn dangling_hyphen(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        let text = doc.text.as_str();
        for s in &doc.sentences {
            let toks = doc.sentence_tokens(s);
            for w in toks.windows(3) {
                let (a, h, b) = (&w[0], &w[1], &w[2]);
                if a.kind != TokenKind::Word
                    || h.text(text) != "-"
                    || h.space_before
                    || b.kind != TokenKind::Word
                    || !b.space_before
                {
                    continue;
                }
                // A line break (in the original: Markdown joins lines with a space) is hyphenation.
                let gap = doc.map.range(h.span.end..b.span.start);
                let gap = doc.original.get(gap).unwrap_or("\n");
                let next = b.text(text);
                if gap.contains('\n')
                    || !super::util::starts_lowercase(next)
                    || SUSPENDED.contains(&next)
                {
                    continue;
                }
                out.push(self.hyphen.diag(
                    a.span.start..b.span.end,
                    format!("“{}-” ends in a hyphen before a space: a word is missing or the space is wrong", a.text(text)),
                ));
            }
        }
    }
}

impl Check for Spacing {
    fn rules(&self) -> Vec<RuleMeta> {
        vec![
            self.after_punct.clone(),
            self.after_quote.clone(),
            self.glued.clone(),
            self.before_punct.clone(),
            self.double.clone(),
            self.hyphen.clone(),
        ]
    }

    fn check(&self, doc: &Document, ctx: &Context, out: &mut Vec<Diagnostic>) {
        self.missing_space(doc, out);
        self.glued_words(doc, ctx, out);
        self.space_before(doc, out);
        self.double_space(doc, out);
        self.dangling_hyphen(doc, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::util::testing::{assert_examples, found, hit};

    const AP: &str = "spacing/missing-space-after-punctuation";
    const AQ: &str = "spacing/missing-space-after-quote";
    const GL: &str = "spacing/glued-words";
    const BP: &str = "spacing/space-before-punctuation";
    const DS: &str = "spacing/double-space";
    const DH: &str = "spacing/dangling-hyphen";

    #[test]
    fn examples_and_counter_examples() {
        assert_examples(&Spacing::default());
    }

    #[test]
    fn seed_sentences() {
        let c = Spacing::default();
        assert_eq!(
            found(&c, "“Like head of Ministry, there is always a chance”to find a deal,” Lavrov told Putin in a meeting whenon asked him."),
            [hit(AQ, "”", Some("” ")), hit(GL, "whenon", Some("when on"))]
        );
        assert_eq!(
            found(
                &c,
                "Some wanted sanctions to discourage Russia from any attackbut others said no."
            ),
            [hit(GL, "attackbut", Some("attack but"))]
        );
        assert_eq!(
            found(&c, "a trip to Kyiv for a last- abandon the attempt."),
            [hit(DH, "last- abandon", None)]
        );
    }

    #[test]
    fn missing_space_after_punctuation_cases() {
        let c = Spacing::default();
        assert_eq!(
            found(&c, "It rose in 2019.The end."),
            [hit(AP, ".", Some(". "))]
        );
        assert_eq!(found(&c, "Note:this is it."), [hit(AP, ":", Some(": "))]);
        assert_eq!(found(&c, "Apples;pears."), [hit(AP, ";", Some("; "))]);
        for ok in [
            "Ph.D students, i.e. many.",
            "St.Petersburg is big.",
            "Use Vue.JS or file.txt now.",
            "At 5:30 p.m. in John 3:16.",
            "The x,y plane.",
            "Yahoo!News is rare.",
            "C:Windows.",
        ] {
            let got = found(&c, ok);
            if ok.starts_with("St.") {
                assert_eq!(got, [hit(AP, ".", Some(". "))], "{ok}");
            } else if ok.starts_with("Yahoo") {
                assert_eq!(got.len(), 1, "{ok}");
            } else {
                assert!(got.is_empty(), "{ok}: {got:?}");
            }
        }
    }

    #[test]
    fn quote_glued_only_when_closing() {
        let c = Spacing::default();
        assert!(found(&c, "He said ”no” then.").is_empty());
        assert!(found(&c, "Don”t do it.").is_empty());
        assert_eq!(found(&c, "“Yes.”He left."), [hit(AQ, "”", Some("” "))]);
    }

    #[test]
    fn glued_words_prefers_longer_function_word() {
        let c = Spacing::default();
        let got = crate::checks::util::testing::run(&c, "He walked forthe door.");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].suggestions[0], "for the");
        assert_eq!(got[0].suggestions, ["for the"]);
        assert!(found(&c, "Nonetheless, whereas the forthcoming ones.").is_empty());
        assert!(found(&c, "The company (hereinafter the buyer) and thereof.").is_empty());
        // Compounds and derived words from technical prose.
        assert!(found(
            &c,
            "The default hasher, a plugin, an addon, stdin, the implementor."
        )
        .is_empty());
        assert!(found(&c, "The unlinkat/linkat syscalls.").is_empty());
        assert!(found(&c, "Attackbut and ATTACKBUT and attack2but.").is_empty());
    }

    #[test]
    fn space_before_punctuation_cases() {
        let c = Spacing::default();
        assert_eq!(
            found(&c, "Yes , no ."),
            [hit(BP, " ,", Some(",")), hit(BP, " .", Some("."))]
        );
        assert_eq!(found(&c, "“Yes” , he said."), [hit(BP, " ,", Some(","))]);
        assert!(found(&c, ", starts here.").is_empty());
        assert!(found(&c, "Wait ... what?").is_empty());
        assert!(found(&c, "Line\n, next.").is_empty());
    }

    #[test]
    fn double_space_inside_sentences_only() {
        let c = Spacing::default();
        assert_eq!(
            found(&c, "A  b  c."),
            [hit(DS, "  ", Some(" ")), hit(DS, "  ", Some(" "))]
        );
        // A run of three or more spaces on the line: alignment, not a slip.
        assert!(found(&c, "A  b   c.").is_empty());
        assert!(found(&c, "One.  Two.").is_empty());
        assert!(found(&c, "Trailing.  \nNext.").is_empty());
    }

    #[test]
    fn dangling_hyphen_cases() {
        let c = Spacing::default();
        assert_eq!(
            found(&c, "The e- commerce boom."),
            [hit(DH, "e- commerce", None)]
        );
        assert!(found(&c, "The 19th- and 20th-century wars.").is_empty());
        assert!(found(&c, "A well- Known case.").is_empty());
    }
}
