//! Small helpers shared by the built-in checks: an embedded English word list,
//! case helpers, and (in tests) a harness that runs a check and verifies the
//! examples of its [`RuleMeta`]s.

use super::Context;
use std::collections::HashSet;
use std::io::Read;
use std::sync::OnceLock;

/// About 75,000 English words (SCOWL via Debian's wamerican + wbritish), lower case, letters only.
/// See `src/checks/data/README.md`.
static WORDS_GZ: &[u8] = include_bytes!("data/words-en.txt.gz");

/// The embedded English word list (lower case), decompressed on first use.
pub fn english_words() -> &'static HashSet<String> {
    static WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut text = String::new();
        flate2::read::GzDecoder::new(WORDS_GZ)
            .read_to_string(&mut text)
            .expect("embedded word list is valid gzip");
        text.lines().map(str::to_string).collect()
    })
}

/// Is `word` a known English word: in the embedded list (case-insensitively), or in the
/// grammar engine's lexicon when it is loaded?
pub fn is_known_word(word: &str, ctx: &Context) -> bool {
    let lower = word.to_lowercase();
    english_words().contains(&lower) || ctx.lexicon.is_some_and(|l| l.is_known(word))
}

/// `word` with its first letter in upper case ("the" → "The").
pub fn capitalize(word: &str) -> String {
    let mut cs = word.chars();
    match cs.next() {
        Some(c) => c.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

/// Does the word start with a lower-case letter?
pub fn starts_lowercase(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase)
}

/// Does the word start with an upper-case letter?
pub fn starts_uppercase(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// A word written with a lower-case letter before an upper-case one ("iPhone", "eBay", "mRNA"):
/// a name whose case is deliberate.
pub fn is_camel(word: &str) -> bool {
    let mut seen_lower = false;
    for c in word.chars() {
        if c.is_lowercase() {
            seen_lower = true;
        } else if c.is_uppercase() && seen_lower {
            return true;
        }
    }
    false
}

/// The largest char boundary of `text` at or below `pos`.
pub fn char_floor(text: &str, mut pos: usize) -> usize {
    pos = pos.min(text.len());
    while !text.is_char_boundary(pos) {
        pos -= 1;
    }
    pos
}

/// The word (letters) before byte offset `pos`, skipping spaces and quotes: "the word |мир".
pub fn word_before(text: &str, pos: usize) -> &str {
    let s = text[..pos].trim_end_matches(|c: char| c.is_whitespace() || "“”\"'‘’«»".contains(c));
    let start = s
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    &s[start..]
}

/// The word (letters) after byte offset `pos`, skipping spaces and quotes: "мир| means".
pub fn word_after(text: &str, pos: usize) -> &str {
    let s = text[pos..].trim_start_matches(|c: char| c.is_whitespace() || "“”\"'‘’«»".contains(c));
    let end = s
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(s.len(), |(i, _)| i);
    &s[..end]
}

/// The character before byte offset `pos` of `text`.
pub fn char_before(text: &str, pos: usize) -> Option<char> {
    text[..pos].chars().next_back()
}

/// The character at byte offset `pos` of `text`.
pub fn char_at(text: &str, pos: usize) -> Option<char> {
    text.get(pos..).and_then(|s| s.chars().next())
}

/// Is the `"` at byte `pos` an inch (or seconds) mark: right after a number that stands on its
/// own ("a 27\" screen", "5'10\""), and not before a letter? A `"` closing a quotation that
/// ends in a digit ("\"wasip2\"", "\"2.0\"") is not.
pub fn is_inch_mark(text: &str, pos: usize) -> bool {
    let before = &text[..pos];
    let digits = before.len()
        - before
            .trim_end_matches(|c: char| c.is_ascii_digit() || c == '.')
            .len();
    if digits == 0 || !before[before.len() - digits..].starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let lead = before[..before.len() - digits].chars().next_back();
    let after = char_at(text, pos + 1);
    lead.map_or(true, |c| {
        c.is_whitespace() || matches!(c, '\'' | '’' | 'x' | '×' | '(')
    }) && !after.is_some_and(char::is_alphabetic)
}

#[cfg(test)]
pub mod testing {
    //! Test harness shared by the checks' unit tests.

    use crate::checks::{Check, Context};
    use crate::config::Config;
    use crate::diagnostic::Diagnostic;
    use crate::document::Document;
    use crate::source::SourceKind;

    /// Runs one check on plain text with the default configuration.
    pub fn run(check: &dyn Check, text: &str) -> Vec<Diagnostic> {
        run_with(check, text, &Config::default())
    }

    pub fn run_with(check: &dyn Check, text: &str, config: &Config) -> Vec<Diagnostic> {
        let doc = Document::new(text, SourceKind::Plain);
        let ctx = Context {
            config,
            lexicon: None,
        };
        let mut out = Vec::new();
        check.check(&doc, &ctx, &mut out);
        out.sort_by_key(|d| (d.span.start, d.span.end));
        out
    }

    /// (rule id, flagged text, first suggestion) of every diagnostic.
    pub fn found(check: &dyn Check, text: &str) -> Vec<(String, String, Option<String>)> {
        let doc = Document::new(text, SourceKind::Plain);
        run(check, text)
            .into_iter()
            .map(|d| {
                (
                    d.rule.clone(),
                    doc.text[d.span.clone()].to_string(),
                    d.suggestions.first().cloned(),
                )
            })
            .collect()
    }

    /// Shorthand for building expected `found` rows.
    pub fn hit(
        rule: &str,
        span: &str,
        suggestion: Option<&str>,
    ) -> (String, String, Option<String>) {
        (
            rule.to_string(),
            span.to_string(),
            suggestion.map(str::to_string),
        )
    }

    /// Every example of every rule of `check` must be flagged exactly at its bracketed span
    /// (with the given first suggestion), and no counter-example may be flagged by that rule.
    pub fn assert_examples(check: &dyn Check) {
        for meta in check.rules() {
            assert!(!meta.examples.is_empty(), "{}: no examples", meta.id);
            assert!(
                !meta.counter_examples.is_empty(),
                "{}: no counter-examples",
                meta.id
            );
            assert!(!meta.description.is_empty(), "{}: no description", meta.id);
            for (ex, fixed) in &meta.examples {
                let open = ex
                    .find('[')
                    .unwrap_or_else(|| panic!("{}: example without [span]: {ex}", meta.id));
                let close = ex
                    .rfind(']')
                    .unwrap_or_else(|| panic!("{}: example without [span]: {ex}", meta.id));
                let text = format!(
                    "{}{}{}",
                    &ex[..open],
                    &ex[open + 1..close],
                    &ex[close + 1..]
                );
                let span = open..close - 1;
                // Spans are compared in the example's own coordinates (as `lint` maps them).
                let doc = Document::new(&text, SourceKind::Plain);
                let ds: Vec<_> = run(check, &text)
                    .into_iter()
                    .filter(|d| d.rule == meta.id)
                    .map(|mut d| {
                        d.span = doc.map.range(d.span.clone());
                        d
                    })
                    .collect();
                let d = ds.iter().find(|d| d.span == span).unwrap_or_else(|| {
                    let got: Vec<_> = ds.iter().map(|d| &text[d.span.clone()]).collect();
                    panic!(
                        "{}: example not flagged at its span: {ex}\n  got {got:?}",
                        meta.id
                    )
                });
                assert_eq!(
                    d.suggestions.first(),
                    fixed.as_ref(),
                    "{}: suggestion for example {ex}",
                    meta.id
                );
            }
            for ce in &meta.counter_examples {
                let ds: Vec<_> = run(check, ce)
                    .into_iter()
                    .filter(|d| d.rule == meta.id)
                    .collect();
                assert!(
                    ds.is_empty(),
                    "{}: counter-example flagged: {ce}\n  at {:?}",
                    meta.id,
                    ds.iter().map(|d| &ce[d.span.clone()]).collect::<Vec<_>>()
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_list_has_common_words_not_glued_ones() {
        let w = english_words();
        assert!(w.len() > 50_000);
        for known in [
            "attack", "but", "when", "organise", "organize", "colour", "the",
        ] {
            assert!(w.contains(known), "{known}");
        }
        for unknown in ["attackbut", "whenon", "ofthe"] {
            assert!(!w.contains(unknown), "{unknown}");
        }
    }

    #[test]
    fn case_helpers() {
        assert_eq!(capitalize("the"), "The");
        assert_eq!(capitalize("élan"), "Élan");
        assert!(is_camel("iPhone") && is_camel("eBay") && is_camel("mRNA"));
        assert!(!is_camel("Phone") && !is_camel("NATO") && !is_camel("the"));
        assert_eq!(char_before("ab", 1), Some('a'));
        let t = "the word “мир";
        assert_eq!(word_before(t, t.find('м').unwrap()), "word");
        assert_eq!(word_after("мир means", 6), "means");
        for (t, inch) in [
            ("a 27\" screen", true),
            ("5'10\" tall", true),
            ("\"wasip2\"", false),
            ("\"MIT OR Apache-2.0\"", false),
            ("\"0\", ", false),
            ("says \"0.45 == 0.45\":", true),
        ] {
            let pos = t.rfind('"').unwrap();
            assert_eq!(is_inch_mark(t, pos), inch, "{t}");
        }
        assert_eq!(char_at("ab", 2), None);
    }
}
