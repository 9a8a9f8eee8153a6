//! ## What it does
//! Flags a sentence that starts with a lower-case word:
//!
//! - at the start of a paragraph or line ("the official says ...") when the text before it
//!   ended a sentence (or there is no text before it);
//! - after a full stop and a space inside a line ("... a united front. by Scholz
//!   government ...").
//!
//! Left alone:
//! - words whose case is deliberate: "iPhone", "eBay", "mRNA" (lower case, then upper case);
//! - words unknown to the embedded English word list ("npm", "ylang", identifiers), words
//!   without a vowel ("pr"), hyphenated words ("rayon-core") and words glued to an address or
//!   call ("docs.rs", "derive(Error)"): names and tools are often written in lower case;
//! - titles and labels: a block of one short sentence (at most 6 words) without final
//!   punctuation; changelog credits ("... fixed. by @user");
//! - text after an abbreviation ("e.g. the", "etc. and", "a.m. on", "U.S. officials", "et
//!   al. found") or a list number ("ii. moral rights", "e) convey"), after an ellipsis, after a colon (list items: "Options:\n\nstop the
//!   talks"), after a line that does not end a sentence (hard-wrapped text);
//! - sentences that start with a number, an ellipsis, a bullet or any other punctuation,
//!   and Markdown list items, headings, quotes and table cells.
//!
//! ## Why is this bad?
//! MT systems that translate segment by segment lose the capital of a sentence that was split
//! or merged; a lower-case sentence start reads as a fragment.
//!
//! ## Example
//! ```text
//! It is preparing a response. the official says talks are open.
//! ```
//! Use instead: `... The official says talks are open.`
//!
//! ## Fix safety
//! Safe: the suggestion is the same word with its first letter capitalised.

use super::util::{capitalize, english_words, is_camel, starts_lowercase};
use super::{Check, Context, RuleMeta};
use crate::diagnostic::{Category, Diagnostic, FixSafety, Severity};
use crate::document::Document;
use crate::text::{Token, TokenKind};

/// Words after which a full stop does not end a sentence (lower case, without the stop).
const ABBREVIATIONS: &[&str] = &[
    "etc", "vs", "cf", "al", "approx", "ca", "esp", "incl", "resp", "viz", "fig", "figs", "no",
    "nos", "vol", "vols", "ed", "eds", "pp", "ch", "sec", "min", "max", "hr", "hrs", "km", "kg",
    "lb", "lbs", "oz", "ft", "yr", "yrs", "mo", "dept", "govt", "est", "mt", "st", "ave", "blvd",
    "rd", "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt",
    "cmdr", "adm", "maj", "pres", "jr", "sr", "inc", "ltd", "co", "corp", "bros", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "op", "repr", "trans",
    "tel", "ext", "misc", "div", "art", "para", "cit", "ibid", "id", "seq", "sq", "cu", "mm", "cm",
    "ml", "mg", "sc", "ff", "avg", "args", "approx", "abbr", "dept", "univ", "assn", "intl",
];

pub struct Capitalization {
    meta: RuleMeta,
}

impl Default for Capitalization {
    fn default() -> Self {
        let meta = RuleMeta::builtin(
            "capitalization/sentence-start",
            Category::Capitalization,
            Severity::Warning,
            FixSafety::Safe,
            "sentence starts with a lower-case letter",
        )
        .describe(
            "Flags a sentence whose first word is in lower case: at the start of a paragraph or line \
             after the end of a sentence, or after a full stop and a space. Abbreviations (\"e.g.\", \
             \"etc.\", \"U.S.\"), ellipses, list items after a colon, words such as \"iPhone\" or \
             \"eBay\", words that are not in the English word list (names, tools) and sentences \
             starting with a number or punctuation are left alone.",
        )
        .example("It is preparing a response.\n[the] official says talks are open.", Some("The"))
        .example("They struggled to present a united front. [by] Scholz government, in particular.", Some("By"))
        .counter("The official says talks are open.")
        .counter("The options are:\nstop the talks\nor continue them.")
        .counter("It was cheap, e.g. the tickets. They met at 10 a.m. on Monday with U.S. officials.")
        .counter("She bought an iPhone. eBay sold it.")
        .counter("It grew... and grew. 3 people came.")
        .counter("Smith et al. found it. The file example.com loaded.")
        .counter("log\n\nA Rust library providing logging.")
        .counter("Fixed the build. by @octocat in #12")
        .counter("These rights are:\n ii. moral rights;\niii. publicity rights;\n\n e) Convey the code.");
        Capitalization { meta }
    }
}

/// The original text of the line a block starts on, before the block: "- ", "1. ", "# ", "> ".
fn markdown_prefix<'a>(doc: &'a Document, text_pos: usize) -> &'a str {
    let orig = doc.map.start(text_pos).min(doc.original.len());
    let line_start = doc.original[..orig].rfind('\n').map_or(0, |i| i + 1);
    &doc.original[line_start..orig]
}

fn is_markup_line(prefix: &str) -> bool {
    let p = prefix.trim_start();
    p.starts_with(['-', '*', '+', '#', '>', '|', '•'])
        || p.split_once(['.', ')'])
            .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// Does `s` (text before a sentence, trimmed) end a sentence?
fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(['”', '’', '"', '\'', ')', ']', '»']);
    if t.ends_with("...") || t.ends_with('…') {
        return false;
    }
    t.ends_with(['.', '!', '?'])
}

impl Capitalization {
    fn flag(&self, doc: &Document, tok: &Token, out: &mut Vec<Diagnostic>) {
        let w = tok.text(&doc.text);
        out.push(
            self.meta
                .diag(
                    tok.span.clone(),
                    format!("sentence starts with lower-case “{w}”"),
                )
                .suggest(capitalize(w), FixSafety::Safe),
        );
    }

    /// A word that may be capitalised: lower case, a known English word with a vowel, not
    /// "iPhone", not hyphenated ("rayon-core"), not part of a name or address ("docs.rs",
    /// "derive(Error)", "e.g.") and not a changelog credit ("by @user").
    fn candidate(doc: &Document, toks: &[Token], k: usize) -> bool {
        let text = doc.text.as_str();
        let tok = &toks[k];
        let w = tok.text(text);
        let base = w.split(['’', '\'']).next().unwrap_or(w);
        let glued_next = toks.get(k + 1).is_some_and(|n| {
            let nt = n.text(text);
            // "docs.rs", "e.g.": a full stop with more text glued after it.
            let dotted = nt == "." && toks.get(k + 2).is_some_and(|m| !m.space_before);
            (!n.space_before
                && (dotted
                    || matches!(
                        nt,
                        "]" | "(" | ")" | "/" | "_" | ":" | "@" | "=" | "\u{FFFC}"
                    )))
                || nt == "@"
        });
        // The whole text of a Markdown link ("[docs](...)"): a label, not a sentence.
        let link_label = doc.kind == crate::source::SourceKind::Markdown && {
            let r = doc.map.range(tok.span.clone());
            doc.original[..r.start].ends_with('[') && doc.original[r.end..].starts_with(']')
        };
        !link_label
            && tok.kind == TokenKind::Word
            && starts_lowercase(w)
            && w.chars().count() >= 2
            && !is_camel(w)
            && !w.contains(['-', '\u{2011}'])
            && !w.chars().any(|c| c.is_ascii_digit())
            && base.contains(['a', 'e', 'i', 'o', 'u', 'y'])
            && english_words().contains(&base.to_lowercase())
            && !glued_next
    }
}

impl Capitalization {
    /// A block of one short sentence without final punctuation: a title, heading or label
    /// ("log", "same-file", "derive(Error)").
    fn title_like(doc: &Document, si: usize) -> bool {
        let s = &doc.sentences[si];
        let block = &doc.blocks[s.block];
        let words = doc
            .sentence_tokens(s)
            .iter()
            .filter(|t| t.is_word())
            .count();
        block.sentences.len() == 1 && words <= 6 && !ends_sentence(&doc.text[block.span.clone()])
    }
}

impl Check for Capitalization {
    fn rules(&self) -> Vec<RuleMeta> {
        vec![self.meta.clone()]
    }

    fn check(&self, doc: &Document, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        let text = doc.text.as_str();
        for (si, s) in doc.sentences.iter().enumerate() {
            let toks = doc.sentence_tokens(s);
            // 1. The first word of a sentence.
            if let Some(first) = toks.first() {
                if Self::candidate(doc, toks, 0) && !Self::title_like(doc, si) {
                    let block = &doc.blocks[s.block];
                    let before = if si > block.sentences.start {
                        Some(&text[doc.sentences[si - 1].span.clone()])
                    } else if s.block > 0 {
                        Some(&text[doc.blocks[s.block - 1].span.clone()])
                    } else {
                        None
                    };
                    let starts_block = si == block.sentences.start;
                    let markup =
                        starts_block && is_markup_line(markdown_prefix(doc, first.span.start));
                    if before.map_or(true, ends_sentence) && !markup {
                        self.flag(doc, first, out);
                    }
                }
            }
            // 2. A lower-case word after "word. " inside a sentence (the splitter does not split there).
            for k in 1..toks.len().saturating_sub(1) {
                let (prev, stop, next) = (&toks[k - 1], &toks[k], &toks[k + 1]);
                if stop.text(text) != "." || stop.space_before || !next.space_before {
                    continue;
                }
                if prev.kind != TokenKind::Word || !Self::candidate(doc, toks, k + 1) {
                    continue;
                }
                let pw = prev.text(text);
                let roman = pw
                    .chars()
                    .all(|c| matches!(c, 'i' | 'v' | 'x' | 'I' | 'V' | 'X'));
                if pw.chars().count() < 2
                    || roman
                    || ABBREVIATIONS.contains(&pw.to_lowercase().as_str())
                {
                    continue;
                }
                // "U.S." / "e.g." style: a stop right before the previous word.
                if k >= 2 && toks[k - 2].text(text) == "." && !prev.space_before {
                    continue;
                }
                // Only a plain space between the stop and the word (not a line break: handled above).
                if text[stop.span.end..next.span.start].contains('\n') {
                    continue;
                }
                self.flag(doc, next, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::util::testing::{assert_examples, found, hit};
    use crate::document::Document;
    use crate::source::SourceKind;

    const ID: &str = "capitalization/sentence-start";

    #[test]
    fn examples_and_counter_examples() {
        assert_examples(&Capitalization::default());
    }

    #[test]
    fn seed_lines() {
        let c = Capitalization::default();
        let t = "Moscow plans do, an EU official noted.\nthe official says american talks with Russia.\n\
                 They struggled to present a united front. by Scholz government, in particular, has been criticized.";
        assert_eq!(
            found(&c, t),
            [hit(ID, "the", Some("The")), hit(ID, "by", Some("By"))]
        );
    }

    #[test]
    fn first_line_of_document() {
        let c = Capitalization::default();
        assert_eq!(found(&c, "the end."), [hit(ID, "the", Some("The"))]);
        assert!(found(&c, "npm installs it.").is_empty());
    }

    #[test]
    fn not_after_colon_comma_or_hard_wrap() {
        let c = Capitalization::default();
        assert!(found(&c, "We need:\n\nmore talks.").is_empty());
        assert!(found(&c, "The talks went on\nand on.").is_empty());
        assert!(found(&c, "It rose 2.5 percent. 3 people came.").is_empty());
        assert!(found(&c, "He said “Really?” and left.").is_empty());
    }

    #[test]
    fn abbreviations_and_initials() {
        let c = Capitalization::default();
        for ok in [
            "They came from the U.S. and stayed.",
            "Apples, pears, etc. are fruit.",
            "See fig. two for details.",
            "He met Gen. the Lord Dannatt.",
            "It was good... and bad.",
        ] {
            assert!(found(&c, ok).is_empty(), "{ok}");
        }
        assert_eq!(
            found(&c, "It was NATO. the alliance agreed."),
            [hit(ID, "the", Some("The"))]
        );
    }

    #[test]
    fn markdown_list_items_are_skipped() {
        let c = Capitalization::default();
        let md = "Steps.\n\n- install it.\n- run it.\n\n# intro\n";
        let doc = Document::new(md, SourceKind::Markdown);
        let ctx = Context {
            config: &crate::config::Config::default(),
            lexicon: None,
        };
        let mut out = Vec::new();
        c.check(&doc, &ctx, &mut out);
        assert!(out.is_empty(), "{out:?}");
    }
}
